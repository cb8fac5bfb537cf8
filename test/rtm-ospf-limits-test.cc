/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: the link-state agent at its limits (issue 11, OSPF items 1 to 3). A hostile neighbour
 * (a node without an agent, sending raw IP protocol 89 packets) pushes the victim's LSA sequence
 * number to its maximum (RFC 2328 12.1.6: premature aging and wrap), floods it with forged
 * neighbours (a cap per interface and paced triggered hellos), or would make it build packets
 * larger than an IPv4 datagram (refused, never sent with a wrapped length).
 */

#include "rtm-agent-test-network.h"

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/routing-table-manager.h"
#include "ns3/rtm-function-callback.h"
#include "ns3/rtm-function-event.h"
#include "ns3/rtm-ospf-agent.h"
#include "ns3/rtm-ospf-helper.h"
#include "ns3/rtm-ospf-packet.h"
#include "ns3/rtm-topology-generator.h"
#include "ns3/rtm-topology-helper.h"

#include <functional>
#include <gtest/gtest.h>
#include <sstream>
#include <vector>

using namespace ns3;

namespace
{

/**
 * Attacker A (vertex 0, no agent) - victim V (1) - W (2) - X (3), agents on V, W and X. The
 * attacker acknowledges every LSA the victim sends it (a well-behaved neighbour but for what it
 * forges).
 */
class LimitsNet : public rtmtest::AgentTestNetwork
{
  public:
    explicit LimitsNet(const std::function<void(RtmOspfHelper&)>& configure = nullptr)
        : AgentTestNetwork(RtmTopologyGenerator().Line(4))
    {
        Helper().GetDevice(0, 0)->SetMtu(65535);
        Helper().GetDevice(0, 1)->SetMtu(65535);
        RtmOspfHelper ospf;
        rtmtest::SetShortOspfTimers(ospf);
        if (configure)
        {
            configure(ospf);
        }
        NodeContainer routers;
        for (uint32_t v = 1; v < 4; ++v)
        {
            routers.Add(GetNode(v));
        }
        m_agents = ospf.Install(routers);
        RtmOspfHelper::AssignStreams(routers, 11);
        m_socket = Socket::CreateSocket(GetNode(0), Ipv4RawSocketFactory::GetTypeId());
        m_socket->SetAttribute("Protocol", UintegerValue(RtmOspfHeader::IP_PROTOCOL));
        m_socket->BindToNetDevice(Helper().GetDevice(0, 0));
        m_socket->SetRecvCallback(MakeCallback(&LimitsNet::Receive, this));
        m_attackerId = Ipv4Address("192.168.255.1").Get(); // above the victim's: master
    }

    /// @return the agent of vertex v (1 to 3)
    Ptr<RtmOspfAgent> Agent(uint32_t v) const
    {
        return m_agents.at(v - 1);
    }

    Ptr<RtmOspfAgent> Victim() const
    {
        return Agent(1);
    }

    uint32_t VictimId() const
    {
        return Victim()->GetRouterId().Get();
    }

    uint32_t AttackerId() const
    {
        return m_attackerId;
    }

    /// A valid hello from a router, listing the victim or not.
    RtmOspfPacket Hello(uint32_t from, bool listsVictim) const
    {
        RtmOspfPacket h;
        h.type = RtmOspfHeader::HELLO;
        h.routerId = from;
        h.hello.helloInterval = 2;
        h.hello.deadInterval = 8;
        h.hello.mask = RtmTopologyHelper::GetMask().Get();
        if (listsVictim)
        {
            h.hello.neighbors = {VictimId()};
        }
        return h;
    }

    /// Send bytes from the attacker now.
    void Send(const std::vector<uint8_t>& bytes)
    {
        m_socket->SendTo(Create<Packet>(bytes.data(), static_cast<uint32_t>(bytes.size())),
                         0,
                         InetSocketAddress(Ipv4Address("224.0.0.5"), 0));
    }

    /// Make the attacker a Full neighbour of the victim (hellos every second from now on).
    void Adjoin()
    {
        Simulator::Schedule(MilliSeconds(10), &LimitsNet::KeepHelloing, this);
        auto dd = [this](uint8_t flags, uint32_t sequence) {
            RtmOspfPacket d;
            d.type = RtmOspfHeader::DB_DESCRIPTION;
            d.routerId = m_attackerId;
            d.dd.mtu = 1500;
            d.dd.flags = flags;
            d.dd.sequence = sequence;
            return d.Encode();
        };
        Simulator::Schedule(MilliSeconds(500), RtmMakeEvent([this, dd]() {
                                Send(dd(RtmOspfPacket::DD_FLAG_I | RtmOspfPacket::DD_FLAG_M |
                                            RtmOspfPacket::DD_FLAG_MS,
                                        1000));
                            }));
        Simulator::Schedule(MilliSeconds(600), RtmMakeEvent([this, dd]() {
                                Send(dd(RtmOspfPacket::DD_FLAG_MS, 1001));
                            }));
    }

    /// An update of one LSA from the attacker.
    std::vector<uint8_t> Update(const RtmOspfLsa& lsa) const
    {
        RtmOspfPacket u;
        u.type = RtmOspfHeader::LS_UPDATE;
        u.routerId = m_attackerId;
        u.lsas = {lsa};
        return u.Encode();
    }

    /// A router-LSA of the victim as the attacker forges it: a link to the attacker only.
    RtmOspfLsa Forged(uint32_t sequence) const
    {
        RtmOspfLsa l;
        l.advRouter = VictimId();
        l.sequence = sequence;
        l.links = {{RtmOspfLsa::Link::POINT_TO_POINT, 1, m_attackerId, 0}};
        l.UpdateChecksum();
        return l;
    }

    /// @return the victim's state as the attacker's neighbour (Down if unknown)
    RtmOspfNeighborState AttackerState() const
    {
        for (const auto& n : Victim()->GetNeighbors())
        {
            if (n.routerId.Get() == m_attackerId)
            {
                return n.state;
            }
        }
        return RtmOspfNeighborState::Down;
    }

    /// @return how many neighbours the victim has on its interface to the attacker
    std::size_t NeighborsTowardsAttacker() const
    {
        std::size_t n = 0;
        for (const auto& nbr : Victim()->GetNeighbors())
        {
            n += nbr.address.Get() == AttackerAddress();
        }
        return n;
    }

    /// @return the attacker's address on its link to the victim, host order
    uint32_t AttackerAddress() const
    {
        return GetNode(0)->GetObject<Ipv4>()->GetAddress(1, 0).GetLocal().Get();
    }

  private:
    void KeepHelloing()
    {
        Send(Hello(m_attackerId, true).Encode());
        Simulator::Schedule(Seconds(1), &LimitsNet::KeepHelloing, this);
    }

    /// Acknowledge every LSA of every update the victim sends.
    void Receive(Ptr<Socket> socket)
    {
        Ptr<Packet> p;
        while ((p = socket->Recv()))
        {
            Ipv4Header ip;
            p->RemoveHeader(ip);
            std::vector<uint8_t> bytes(p->GetSize());
            p->CopyData(bytes.data(), static_cast<uint32_t>(bytes.size()));
            RtmOspfPacket pkt;
            RtmOspfDropReason reason;
            if (!RtmOspfPacket::Decode(bytes.data(),
                                       static_cast<uint32_t>(bytes.size()),
                                       RtmOspfPacket::Limits(),
                                       &pkt,
                                       &reason) ||
                pkt.type != RtmOspfHeader::LS_UPDATE || pkt.routerId != VictimId())
            {
                continue;
            }
            RtmOspfPacket ack;
            ack.type = RtmOspfHeader::LS_ACK;
            ack.routerId = m_attackerId;
            for (const RtmOspfLsa& l : pkt.lsas)
            {
                RtmOspfPacket::Ack a{l.advRouter, l.sequence, l.checksum, l.age};
                a.length = static_cast<uint16_t>(l.GetSerializedSize());
                ack.acks.push_back(a);
            }
            Send(ack.Encode());
        }
    }

    std::vector<Ptr<RtmOspfAgent>> m_agents;
    Ptr<Socket> m_socket;
    uint32_t m_attackerId{0};
};

using RtmOspfLimitsTest = rtmtest::AgentTest;

/// "" if W and X hold the victim's own instance (sequence and checksum), else what differs.
std::string
OthersHoldVictimsInstance(const LimitsNet& net)
{
    std::ostringstream err;
    const RtmOspfLsdb::Entry* own = net.Victim()->GetLsdb().Find(net.VictimId());
    if (!own || own->flushed)
    {
        return "the victim has no LSA of its own";
    }
    for (uint32_t v = 2; v <= 3; ++v)
    {
        const RtmOspfLsdb::Entry* e = net.Agent(v)->GetLsdb().Find(net.VictimId());
        if (!e || e->flushed || e->lsa->sequence != own->lsa->sequence ||
            e->lsa->checksum != own->lsa->checksum)
        {
            err << "vertex " << v << " holds another instance; ";
        }
    }
    return err.str();
}

/// The victim's interface towards W.
uint32_t
InterfaceTowardsW(const LimitsNet& net)
{
    for (const auto& n : net.Victim()->GetNeighbors())
    {
        if (n.routerId == net.Agent(2)->GetRouterId())
        {
            return n.interface;
        }
    }
    return 0;
}

} // namespace

TEST_F(RtmOspfLimitsTest, ForgedNearMaximumSequenceMakesTheNextOriginationWrap)
{
    // One forged LSA claiming to be V's with sequence MAX-1: V outbids it with MAX (RFC 2328
    // 13.4). The next origination cannot go higher: V flushes its LSA (premature aging, 12.1.6),
    // and once the flush is acknowledged originates again from InitialSequenceNumber, so that
    // every later change reaches the neighbours (not an instance that differs only by checksum).
    LimitsNet net;
    net.Adjoin();
    net.RunFor(Seconds(5));
    ASSERT_EQ(net.AttackerState(), RtmOspfNeighborState::Full);
    Ptr<RtmOspfAgent> v = net.Victim();
    net.Send(net.Update(net.Forged(RtmOspfLsa::MAX_SEQUENCE - 1)));
    net.RunFor(Seconds(2));
    EXPECT_EQ(v->GetDropCount(RtmOspfDropReason::SelfOriginatedNewer), 1u);
    ASSERT_EQ(v->GetLsdb().Find(net.VictimId())->lsa->sequence, RtmOspfLsa::MAX_SEQUENCE);
    EXPECT_EQ(OthersHoldVictimsInstance(net), "");
    const uint32_t towardsW = InterfaceTowardsW(net);
    for (uint32_t metric : {5u, 2u, 9u})
    {
        v->SetInterfaceMetric(towardsW, metric);
        net.RunFor(Seconds(3));
        const RtmOspfLsdb::Entry* own = v->GetLsdb().Find(net.VictimId());
        ASSERT_NE(own, nullptr);
        EXPECT_FALSE(own->flushed);
        EXPECT_TRUE(RtmOspfLsa::SequenceNewer(RtmOspfLsa::INITIAL_SEQUENCE + 3, own->lsa->sequence))
            << "metric " << metric << ": sequence 0x" << std::hex << own->lsa->sequence;
        EXPECT_EQ(OthersHoldVictimsInstance(net), "") << "metric " << metric;
        bool hasMetric = false;
        for (const RtmOspfLsa::Link& l : own->lsa->links)
        {
            hasMetric |= l.type == RtmOspfLsa::Link::POINT_TO_POINT && l.metric == metric;
        }
        EXPECT_TRUE(hasMetric) << "metric " << metric;
    }
    EXPECT_EQ(v->GetLsdb().Find(net.VictimId())->lsa->sequence, RtmOspfLsa::INITIAL_SEQUENCE + 2);
    for (uint32_t node = 1; node <= 3; ++node)
    {
        std::string why;
        EXPECT_TRUE(net.Agent(node)->CheckConsistency(&why)) << node << ": " << why;
    }
}

TEST_F(RtmOspfLimitsTest, ForgedMaximumSequenceIsFlushedAndTheSequenceRestarts)
{
    // A forged LSA of V at MaxSequenceNumber cannot be outbid: V flushes that instance
    // (installed at MaxAge, flooded), and once W, X and A have it acknowledged or removed,
    // originates its true LSA with InitialSequenceNumber. W and X hold that one, and the
    // routes are what they were; the forger sending it again costs one flush, not a storm.
    LimitsNet net;
    net.Adjoin();
    net.RunFor(Seconds(5));
    ASSERT_EQ(net.AttackerState(), RtmOspfNeighborState::Full);
    Ptr<RtmOspfAgent> v = net.Victim();
    const std::vector<RtmOspfLsa::Link> links = v->GetLsdb().Find(net.VictimId())->lsa->links;
    const std::size_t routesAtW = net.Agent(2)->GetInstalledRouteCount();
    const std::size_t routesAtX = net.Agent(3)->GetInstalledRouteCount();
    net.Send(net.Update(net.Forged(RtmOspfLsa::MAX_SEQUENCE)));
    net.RunFor(Seconds(3));
    EXPECT_EQ(v->GetDropCount(RtmOspfDropReason::SelfOriginatedNewer), 1u);
    const RtmOspfLsdb::Entry* own = v->GetLsdb().Find(net.VictimId());
    ASSERT_NE(own, nullptr);
    EXPECT_FALSE(own->flushed);
    EXPECT_EQ(own->lsa->sequence, RtmOspfLsa::INITIAL_SEQUENCE);
    EXPECT_EQ(own->lsa->links, links);
    EXPECT_EQ(OthersHoldVictimsInstance(net), "");
    EXPECT_EQ(net.Agent(2)->GetInstalledRouteCount(), routesAtW);
    EXPECT_EQ(net.Agent(3)->GetInstalledRouteCount(), routesAtX);
    uint64_t updates = v->GetStats().txUpdates;
    for (int i = 0; i < 20; ++i)
    {
        Simulator::Schedule(MilliSeconds(10 * i), RtmMakeEvent([&net]() {
                                net.Send(net.Update(net.Forged(RtmOspfLsa::MAX_SEQUENCE)));
                            }));
    }
    net.RunFor(Seconds(3));
    // a wrap per MinLsInterval (500 ms) at most: a flush and an origination, to A and W
    EXPECT_LE(v->GetStats().txUpdates - updates, 16u) << "not a wrap per copy";
    own = v->GetLsdb().Find(net.VictimId());
    EXPECT_FALSE(own->flushed);
    EXPECT_EQ(own->lsa->links, links);
    EXPECT_EQ(OthersHoldVictimsInstance(net), "");
    for (uint32_t node = 1; node <= 3; ++node)
    {
        std::string why;
        EXPECT_TRUE(net.Agent(node)->CheckConsistency(&why)) << node << ": " << why;
    }
}

TEST_F(RtmOspfLimitsTest, NeighborsPerInterfaceAreCapped)
{
    // 2000 forged routers say hello (listing the victim) on one interface: only
    // MaxNeighborsPerInterface become neighbours, the others are refused, counted and traced,
    // and what the victim sends stays small; its real adjacency to W is untouched.
    LimitsNet net(
        [](RtmOspfHelper& ospf) { ospf.Set("MaxNeighborsPerInterface", UintegerValue(8)); });
    net.RunFor(Seconds(5));
    Ptr<RtmOspfAgent> v = net.Victim();
    uint64_t refused = 0;
    v->TraceConnectWithoutContext("NeighborRefused",
                                  RtmMakeCallback<void, Ipv4Address, uint32_t>(
                                      [&refused](Ipv4Address, uint32_t) { ++refused; }));
    const uint64_t bytes = v->GetStats().txBytes;
    const uint32_t n = 2000;
    for (uint32_t i = 0; i < n; ++i)
    {
        Simulator::Schedule(MicroSeconds(500 * i), RtmMakeEvent([&net, i]() {
                                net.Send(
                                    net.Hello(Ipv4Address("172.16.0.1").Get() + i, true).Encode());
                            }));
    }
    net.RunFor(Seconds(2));
    EXPECT_EQ(net.NeighborsTowardsAttacker(), 8u);
    EXPECT_EQ(v->GetDropCount(RtmOspfDropReason::TooManyNeighbors), n - 8);
    EXPECT_EQ(refused, n - 8);
    EXPECT_LT(v->GetStats().txBytes - bytes, 40000u);
    bool wFull = false;
    for (const auto& nbr : v->GetNeighbors())
    {
        wFull |=
            nbr.routerId == net.Agent(2)->GetRouterId() && nbr.state == RtmOspfNeighborState::Full;
    }
    EXPECT_TRUE(wFull);
    TypeId::AttributeInformation info;
    bool found = RtmOspfAgent::GetTypeId().LookupAttributeByName("MaxNeighborsPerInterface", &info);
    EXPECT_TRUE(found);
    if (found)
    {
        EXPECT_EQ(info.initialValue->SerializeToString(info.checker), "64") << "the default";
    }
}

TEST_F(RtmOspfLimitsTest, TriggeredHellosArePaced)
{
    // A neighbour that keeps changing its mind (hellos not listing the victim, 1000 a second)
    // or new neighbours coming up together get at most one triggered hello per
    // TriggeredHelloInterval on the interface, besides the periodic ones.
    LimitsNet net;
    net.Adjoin();
    net.RunFor(Seconds(5));
    ASSERT_EQ(net.AttackerState(), RtmOspfNeighborState::Full);
    Ptr<RtmOspfAgent> v = net.Victim();
    const uint32_t towardsW = InterfaceTowardsW(net);
    uint64_t hellos = 0;
    v->TraceConnectWithoutContext("Tx",
                                  RtmMakeCallback<void, Ptr<const Packet>, uint32_t>(
                                      [&hellos, towardsW](Ptr<const Packet> p, uint32_t interface) {
                                          uint8_t b[2];
                                          p->CopyData(b, 2);
                                          hellos +=
                                              interface != towardsW && b[1] == RtmOspfHeader::HELLO;
                                      }));
    for (uint32_t i = 0; i < 1000; ++i)
    {
        Simulator::Schedule(MilliSeconds(i), RtmMakeEvent([&net]() {
                                net.Send(net.Hello(net.AttackerId(), false).Encode());
                            }));
    }
    net.RunFor(Seconds(1));
    // 1 s / 100 ms triggered, 1 periodic (HelloInterval 2 s), 1 of slack
    EXPECT_LE(hellos, 12u);
    hellos = 0;
    for (uint32_t i = 0; i < 50; ++i)
    {
        Simulator::Schedule(MicroSeconds(100 * i), RtmMakeEvent([&net, i]() {
                                net.Send(
                                    net.Hello(Ipv4Address("172.16.0.1").Get() + i, true).Encode());
                            }));
    }
    net.RunFor(MilliSeconds(50));
    EXPECT_LE(hellos, 2u) << "50 new two-way neighbours in 5 ms";
}

TEST_F(RtmOspfLimitsTest, PacketsLargerThanAnIpv4DatagramAreNotBuilt)
{
    // The largest OSPF packet is 65,515 bytes (IPv4 total length 65,535 less a 20-byte header);
    // a larger one would carry a wrapped 16-bit length. Encode refuses it (no bytes), for every
    // packet type.
    const uint32_t max = RtmOspfPacket::MAX_SIZE;
    EXPECT_EQ(max, 65515u);
    RtmOspfPacket h;
    h.type = RtmOspfHeader::HELLO;
    h.routerId = 0x01020304;
    h.hello.neighbors.assign(RtmOspfPacket::MAX_HELLO_NEIGHBORS, 0x05060708);
    std::vector<uint8_t> b = h.Encode();
    ASSERT_EQ(b.size(), h.GetSerializedSize());
    EXPECT_LE(b.size(), max);
    EXPECT_EQ((b[2] << 8 | b[3]), static_cast<int>(b.size()));
    h.hello.neighbors.resize(16379, 0x05060708); // the probe's count
    EXPECT_TRUE(h.Encode().empty()) << "hello of " << h.GetSerializedSize() << " bytes";
    EXPECT_EQ(h.ToPacket(), nullptr);

    RtmOspfPacket d;
    d.type = RtmOspfHeader::DB_DESCRIPTION;
    d.routerId = 0x01020304;
    d.dd.headers.resize((max - RtmOspfHeader::SIZE - RtmOspfPacket::DD_FIXED) /
                        RtmOspfPacket::ACK_SIZE);
    EXPECT_FALSE(d.Encode().empty());
    d.dd.headers.resize(d.dd.headers.size() + 1);
    EXPECT_TRUE(d.Encode().empty()) << "DD of " << d.GetSerializedSize() << " bytes";

    RtmOspfPacket r;
    r.type = RtmOspfHeader::LS_REQUEST;
    r.routerId = 0x01020304;
    r.requests.resize((max - RtmOspfHeader::SIZE) / RtmOspfPacket::REQUEST_SIZE);
    EXPECT_FALSE(r.Encode().empty());
    r.requests.resize(r.requests.size() + 1);
    EXPECT_TRUE(r.Encode().empty()) << "request of " << r.GetSerializedSize() << " bytes";

    RtmOspfPacket k;
    k.type = RtmOspfHeader::LS_ACK;
    k.routerId = 0x01020304;
    k.acks.resize((max - RtmOspfHeader::SIZE) / RtmOspfPacket::ACK_SIZE);
    EXPECT_FALSE(k.Encode().empty());
    k.acks.resize(k.acks.size() + 1);
    EXPECT_TRUE(k.Encode().empty()) << "ack of " << k.GetSerializedSize() << " bytes";

    RtmOspfLsa lsa;
    lsa.advRouter = 0x01020304;
    lsa.links.assign(2000, {RtmOspfLsa::Link::STUB, 1, 0x0A000000, 0xFF000000});
    lsa.UpdateChecksum();
    RtmOspfPacket u;
    u.type = RtmOspfHeader::LS_UPDATE;
    u.routerId = 0x01020304;
    u.lsas.assign(2, lsa); // 48,076 bytes
    EXPECT_FALSE(u.Encode().empty());
    u.lsas.assign(3, lsa); // 72,100 bytes
    EXPECT_TRUE(u.Encode().empty()) << "update of " << u.GetSerializedSize() << " bytes";
    std::vector<RtmOspfPacket::LsaRef> refs(3, {&lsa, 1});
    EXPECT_TRUE(RtmOspfPacket::EncodeUpdate(u.routerId, refs).empty());
    refs.resize(2);
    EXPECT_FALSE(RtmOspfPacket::EncodeUpdate(u.routerId, refs).empty());
}

TEST_F(RtmOspfLimitsTest, HellosNeverCarryAWrappedLength)
{
    // 16,400 forged routers say hello: with MaxNeighborsPerInterface at its maximum the victim's
    // hellos grow to the largest that fits, and every one it sends carries its true length.
    LimitsNet net([](RtmOspfHelper& ospf) {
        ospf.Set("MaxNeighborsPerInterface", UintegerValue(RtmOspfPacket::MAX_HELLO_NEIGHBORS));
        ospf.Set("RouterDeadInterval", TimeValue(Seconds(40)));
        ospf.Set("HelloInterval", TimeValue(Seconds(10)));
    });
    net.RunFor(Seconds(3));
    Ptr<RtmOspfAgent> v = net.Victim();
    uint64_t sent = 0;
    uint64_t wrong = 0;
    uint32_t largest = 0;
    v->TraceConnectWithoutContext(
        "Tx",
        RtmMakeCallback<void, Ptr<const Packet>, uint32_t>([&](Ptr<const Packet> p, uint32_t) {
            uint8_t b[4];
            p->CopyData(b, 4);
            ++sent;
            wrong += (b[2] << 8 | b[3]) != static_cast<int>(p->GetSize()) ||
                     p->GetSize() > RtmOspfPacket::MAX_SIZE;
            largest = std::max(largest, p->GetSize());
        }));
    const uint32_t n = 16400;
    for (uint32_t i = 0; i < n; ++i)
    {
        Simulator::Schedule(MicroSeconds(100 * i), RtmMakeEvent([&net, i]() {
                                RtmOspfPacket h =
                                    net.Hello(Ipv4Address("172.16.0.1").Get() + i, false);
                                h.hello.helloInterval = 10;
                                h.hello.deadInterval = 40;
                                net.Send(h.Encode());
                            }));
    }
    net.RunFor(Seconds(12));
    EXPECT_GT(sent, 0u);
    EXPECT_EQ(wrong, 0u);
    EXPECT_GT(largest, 60000u);
    EXPECT_EQ(net.NeighborsTowardsAttacker(), RtmOspfPacket::MAX_HELLO_NEIGHBORS);
    EXPECT_EQ(v->GetDropCount(RtmOspfDropReason::TooManyNeighbors),
              n - RtmOspfPacket::MAX_HELLO_NEIGHBORS);
}
