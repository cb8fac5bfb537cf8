/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: the link-state agent under bad input. A hostile neighbour (a node without an agent,
 * sending raw IP protocol 89 packets to 224.0.0.5, after a hand-made DD exchange that makes it a
 * Full neighbour of the victim) feeds thousands of seeded random, mutated and crafted
 * packets to an agent; every bad one must be dropped and counted with its reason, nothing may
 * crash, and the agent's database and the manager's table must stay unchanged (for packets that
 * are invalid) or consistent (for the valid but hostile ones). One test per phase of the attack,
 * each on a fresh network.
 */

#include "rtm-agent-test-network.h"

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/routing-table-manager.h"
#include "ns3/rtm-function-callback.h"
#include "ns3/rtm-function-event.h"
#include "ns3/rtm-helper.h"
#include "ns3/rtm-ospf-agent.h"
#include "ns3/rtm-ospf-helper.h"
#include "ns3/rtm-ospf-packet.h"
#include "ns3/rtm-topology-generator.h"
#include "ns3/rtm-topology-helper.h"

#include <cstdlib>
#include <fstream>
#include <functional>
#include <gtest/gtest.h>
#include <iomanip>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <sstream>
#include <tuple>
#include <vector>

using namespace ns3;

namespace
{

constexpr uint32_t kOspf = RtmOspfAgent::PROTO_IP_OSPF;
constexpr uint32_t kMaxAge = 3600;

/// What must not change: the LSDB content and the manager's routes of a node.
struct Snapshot
{
    std::map<uint32_t, std::tuple<uint32_t, uint16_t, bool, std::vector<RtmOspfLsa::Link>>> lsdb;
    std::vector<std::tuple<uint64_t, uint32_t, uint32_t, uint64_t, uint32_t>> routes;

    bool operator==(const Snapshot& o) const
    {
        return lsdb == o.lsdb && routes == o.routes;
    }
};

Snapshot
Take(Ptr<Node> node)
{
    Snapshot s;
    Ptr<RtmOspfAgent> agent = node->GetObject<RtmOspfAgent>();
    for (const auto& [id, e] : agent->GetLsdb().GetEntries())
    {
        s.lsdb[id] = {e.lsa->sequence, e.lsa->checksum, e.flushed, e.lsa->links};
    }
    node->GetObject<RoutingTableManager>()->ForEachRoute(RtmFamily::Ip, [&s](const RtmRoute& r) {
        s.routes.emplace_back(r.network, r.protocol, r.interface, r.nextHop, r.GetIpMetric());
    });
    return s;
}

/**
 * Attacker A (vertex 0, no agent) - victim V (1) - W (2) - X (3), agents on V, W and X.
 */
class FuzzNet : public rtmtest::AgentTestNetwork
{
  public:
    FuzzNet()
        : AgentTestNetwork(RtmTopologyGenerator().Line(4))
    {
        // The attacker's link carries its largest packets whole (absurd LSAs of thousands of
        // links), without IPv4 fragmentation, so that each reaches the victim's checks.
        Helper().GetDevice(0, 0)->SetMtu(65535);
        Helper().GetDevice(0, 1)->SetMtu(65535);
        RtmOspfHelper ospf;
        rtmtest::SetShortOspfTimers(ospf);
        // quicker originations and SPF runs than the other tests'
        ospf.Set("MinLsInterval", TimeValue(MilliSeconds(200)));
        ospf.Set("SpfDelay", TimeValue(MilliSeconds(50)));
        ospf.Set("SpfHoldTime", TimeValue(MilliSeconds(200)));
        NodeContainer routers;
        for (uint32_t v = 1; v < 4; ++v)
        {
            routers.Add(GetNode(v));
        }
        m_agents = ospf.Install(routers);
        RtmOspfHelper::AssignStreams(routers, 77);
        m_victim = m_agents[0];
        m_victim->TraceConnectWithoutContext(
            "DroppedPacket",
            RtmMakeCallback<void, Ptr<const Packet>, uint32_t, RtmOspfDropReason>(
                [this](Ptr<const Packet>, uint32_t, RtmOspfDropReason r) { ++m_traced[r]; }));

        Ptr<Node> a = GetNode(0);
        m_socket = Socket::CreateSocket(a, Ipv4RawSocketFactory::GetTypeId());
        m_socket->SetAttribute("Protocol", UintegerValue(RtmOspfHeader::IP_PROTOCOL));
        m_socket->BindToNetDevice(Helper().GetDevice(0, 0));
        // a router id above the victim's: the attacker is master of the DD exchange
        m_attackerId = Ipv4Address("192.168.255.1").Get();
    }

    Ptr<RtmOspfAgent> Victim() const
    {
        return m_victim;
    }

    uint32_t AttackerId() const
    {
        return m_attackerId;
    }

    uint32_t VictimId() const
    {
        return m_victim->GetRouterId().Get();
    }

    /// A valid hello of the attacker, listing the victim.
    RtmOspfPacket Hello() const
    {
        RtmOspfPacket h;
        h.type = RtmOspfHeader::HELLO;
        h.routerId = m_attackerId;
        h.hello.helloInterval = 2;
        h.hello.deadInterval = 8;
        h.hello.mask = RtmTopologyHelper::GetMask().Get();
        h.hello.neighbors = {VictimId()};
        return h;
    }

    /// Send bytes from the attacker now.
    void Send(const std::vector<uint8_t>& bytes)
    {
        m_socket->SendTo(Create<Packet>(bytes.data(), static_cast<uint32_t>(bytes.size())),
                         0,
                         InetSocketAddress(Ipv4Address("224.0.0.5"), 0));
        ++m_sent;
    }

    /// A database description of the attacker (no LSA headers: it describes an empty database).
    RtmOspfPacket Dd(uint8_t flags, uint32_t sequence) const
    {
        RtmOspfPacket d;
        d.type = RtmOspfHeader::DB_DESCRIPTION;
        d.routerId = m_attackerId;
        d.dd.mtu = 1500;
        d.dd.flags = flags;
        d.dd.sequence = sequence;
        return d;
    }

    /// The attacker's side of the DD exchange, as master: the I-packet, then the last one.
    void Adjoin()
    {
        Send(Dd(RtmOspfPacket::DD_FLAG_I | RtmOspfPacket::DD_FLAG_M | RtmOspfPacket::DD_FLAG_MS,
                1000)
                 .Encode());
        Simulator::Schedule(MilliSeconds(100), RtmMakeEvent([this]() {
                                Send(Dd(RtmOspfPacket::DD_FLAG_MS, 1001).Encode());
                            }));
    }

    /// Keep the attacker's adjacency up: a hello every second from now on.
    void KeepHelloing()
    {
        Send(Hello().Encode());
        m_hello = Simulator::Schedule(Seconds(1), &FuzzNet::KeepHelloing, this);
    }

    /// Send each packet 1 ms apart, then run until 500 ms after the last.
    void Feed(const std::vector<std::vector<uint8_t>>& packets)
    {
        for (std::size_t i = 0; i < packets.size(); ++i)
        {
            Simulator::Schedule(MilliSeconds(i + 1), &FuzzNet::Send, this, packets[i]);
        }
        RunFor(MilliSeconds(packets.size() + 500));
    }

    uint64_t Traced(RtmOspfDropReason r) const
    {
        auto it = m_traced.find(r);
        return it == m_traced.end() ? 0 : it->second;
    }

    uint64_t TracedTotal() const
    {
        uint64_t n = 0;
        for (const auto& [r, c] : m_traced)
        {
            n += c;
        }
        return n;
    }

  private:
    std::vector<Ptr<RtmOspfAgent>> m_agents;
    Ptr<RtmOspfAgent> m_victim;
    Ptr<Socket> m_socket;
    uint32_t m_attackerId{0};
    uint64_t m_sent{0};
    EventId m_hello;
    std::map<RtmOspfDropReason, uint64_t> m_traced;
};

/// Recompute the victim's expected OSPF routes from its own database (an independent SPF) and
/// compare with the manager: networks and metrics must agree and next hops be two-way
/// neighbours on their interface.
std::string
CheckRoutesAgainstDatabase(Ptr<RtmOspfAgent> agent, Ptr<RoutingTableManager> rtm)
{
    std::ostringstream err;
    const auto& entries = agent->GetLsdb().GetEntries();
    uint32_t root = agent->GetRouterId().Get();
    std::map<uint32_t, std::set<uint32_t>> lists;
    for (const auto& [id, e] : entries)
    {
        if (!e.flushed && id != root)
        {
            for (const auto& l : e.lsa->links)
            {
                if (l.type == RtmOspfLsa::Link::POINT_TO_POINT)
                {
                    lists[id].insert(l.id);
                }
            }
        }
    }
    std::map<uint32_t, uint64_t> rootEdges; // neighbour -> cheapest cost
    std::set<std::pair<uint32_t, uint32_t>> hops;
    for (const auto& n : agent->GetNeighbors())
    {
        if (n.state == RtmOspfNeighborState::Full)
        {
            lists[root].insert(n.routerId.Get());
            uint64_t c = agent->GetInterfaceMetric(n.interface);
            auto it = rootEdges.find(n.routerId.Get());
            rootEdges[n.routerId.Get()] = it == rootEdges.end() ? c : std::min(it->second, c);
            hops.insert({n.interface, n.address.Get()});
        }
    }
    // Dijkstra, O(V^2)
    std::map<uint32_t, uint64_t> dist;
    std::set<uint32_t> done;
    dist[root] = 0;
    while (true)
    {
        uint32_t u = 0;
        uint64_t best = UINT64_MAX;
        for (const auto& [v, d] : dist)
        {
            if (!done.count(v) && d < best)
            {
                best = d;
                u = v;
            }
        }
        if (best == UINT64_MAX)
        {
            break;
        }
        done.insert(u);
        auto relax = [&](uint32_t v, uint64_t w) {
            if (!lists.count(v) || !lists[v].count(u))
            {
                return; // two-way check
            }
            if (!dist.count(v) || dist[v] > best + w)
            {
                dist[v] = best + w;
            }
        };
        if (u == root)
        {
            for (const auto& [v, c] : rootEdges)
            {
                relax(v, c);
            }
        }
        else
        {
            for (const auto& l : agent->GetLsdb().Find(u)->lsa->links)
            {
                if (l.type == RtmOspfLsa::Link::POINT_TO_POINT)
                {
                    relax(l.id, l.metric);
                }
            }
        }
    }
    std::set<uint64_t> connected;
    rtm->ForEachRoute(RtmFamily::Ip, [&](const RtmRoute& r) {
        if (r.protocol == 2)
        {
            connected.insert(r.network);
        }
    });
    std::map<uint64_t, uint64_t> expected;
    for (const auto& [v, d] : dist)
    {
        if (v == root)
        {
            continue;
        }
        for (const auto& l : agent->GetLsdb().Find(v)->lsa->links)
        {
            if (l.type != RtmOspfLsa::Link::STUB)
            {
                continue;
            }
            uint64_t key = RtmRoute::IpKey(l.id, l.data);
            if (connected.count(key) && key != RtmRoute::IpKey(0x7F000000, 0xFF000000))
            {
                continue;
            }
            auto it = expected.find(key);
            if (it == expected.end() || it->second > d + l.metric)
            {
                expected[key] = d + l.metric;
            }
        }
    }
    std::map<uint64_t, RtmRoute> actual;
    rtm->ForEachRoute(RtmFamily::Ip, [&](const RtmRoute& r) {
        if (r.protocol == kOspf)
        {
            actual[r.network] = r;
        }
    });
    for (const auto& [key, metric] : expected)
    {
        auto it = actual.find(key);
        if (it == actual.end())
        {
            err << "missing route to " << RtmRoute::KeyNetwork(key) << "; ";
            continue;
        }
        if (it->second.GetIpMetric() != metric)
        {
            err << it->second << " has metric " << it->second.GetIpMetric() << ", expected "
                << metric << "; ";
        }
        if (!hops.count({it->second.interface, it->second.GetIpNextHop().Get()}))
        {
            err << it->second << " does not go to a two-way neighbour; ";
        }
    }
    for (const auto& [key, r] : actual)
    {
        if (!expected.count(key))
        {
            err << "unexpected route " << r << "; ";
        }
    }
    return err.str();
}

/// Random LSA of a hostile neighbour: mostly plausible, sometimes absurd.
RtmOspfLsa
RandomLsa(std::mt19937& rng, const std::vector<uint32_t>& ids)
{
    auto pick = [&rng](uint32_t n) { return static_cast<uint32_t>(rng() % n); };
    RtmOspfLsa lsa;
    lsa.advRouter = ids[pick(ids.size())];
    lsa.sequence = pick(20) == 0 ? (pick(2) ? 0 : 0x80000000u + pick(100)) : 1 + pick(60);
    lsa.age = pick(20) == 0 ? static_cast<uint16_t>(kMaxAge + pick(2)) : pick(30);
    uint32_t count = pick(40) == 0 ? 1001 + pick(3000) : pick(9);
    for (uint32_t i = 0; i < count; ++i)
    {
        RtmOspfLsa::Link l;
        l.type = pick(30) == 0
                     ? static_cast<uint8_t>(pick(256))
                     : (pick(2) ? RtmOspfLsa::Link::POINT_TO_POINT : RtmOspfLsa::Link::STUB);
        uint32_t m = pick(30);
        l.metric = m == 0 ? 0 : (m == 1 ? 0xFFFF : static_cast<uint16_t>(1 + pick(20)));
        if (l.type == RtmOspfLsa::Link::STUB)
        {
            uint32_t len = 8 + pick(25);
            uint32_t mask = len == 32 ? 0xFFFFFFFF : ~(0xFFFFFFFFu >> len);
            l.data = pick(30) == 0 ? static_cast<uint32_t>(rng()) : mask;
            l.id = (0x0A000000u | (rng() & 0x00FFFFFF)) & (pick(30) == 0 ? 0xFFFFFFFF : l.data);
        }
        else
        {
            l.id = pick(15) == 0 ? lsa.advRouter : ids[pick(ids.size())];
            l.data = static_cast<uint32_t>(rng());
        }
        lsa.links.push_back(l);
    }
    if (pick(10) != 0)
    {
        lsa.UpdateChecksum();
    }
    else
    {
        lsa.checksum = static_cast<uint16_t>(rng());
    }
    return lsa;
}

/// A packet crafted to be dropped for one reason.
struct Case
{
    const char* what;           //!< what is wrong with it
    std::vector<uint8_t> bytes; //!< the packet
    RtmOspfDropReason reason;   //!< the reason it must be dropped for
};

/**
 * The network with the attacker a two-way neighbour of the victim, and the victim's and W's
 * state to protect, at the start of every phase. Each test is one phase of the attack; the
 * random phases draw from one generator (seed 20240501) in the order they were once run in a
 * single test, so that each feeds the same packets as then.
 */
class RtmOspfFuzzTest : public rtmtest::AgentTest
{
  protected:
    /// Valid hellos for 5 s: the adjacency is up, nothing dropped, routes to protect.
    void SetUp() override
    {
        m_net = std::make_unique<FuzzNet>();
        FuzzNet& net = *m_net;
        Simulator::Schedule(MilliSeconds(10), &FuzzNet::KeepHelloing, &net);
        Simulator::Schedule(Seconds(1), &FuzzNet::Adjoin, &net);
        net.RunFor(Seconds(5));
        Ptr<RtmOspfAgent> v = net.Victim();
        // the attacker is a Full neighbour: updates and acks get past the neighbour check
        bool adjacent = false;
        for (const auto& n : v->GetNeighbors())
        {
            adjacent |=
                n.routerId.Get() == net.AttackerId() && n.state == RtmOspfNeighborState::Full;
        }
        ASSERT_TRUE(adjacent);
        ASSERT_EQ(v->GetDropCount(), 0u);
        ASSERT_GT(v->GetInstalledRouteCount(), 0u) << "the victim has routes to protect";
        m_v0 = Take(net.GetNode(1));
        m_w0 = Take(net.GetNode(2));
    }

    void TearDown() override
    {
        m_net.reset();
        AgentTest::TearDown();
    }

    /// The victim's and W's databases and routes are what they were at the start of the phase.
    void ExpectVictimAndWUnchanged() const
    {
        EXPECT_TRUE(Take(m_net->GetNode(1)) == m_v0);
        EXPECT_TRUE(Take(m_net->GetNode(2)) == m_w0);
    }

    /// Phase 1: random bytes, every fourth with a valid version and type.
    std::vector<std::vector<uint8_t>> RandomBytes()
    {
        std::vector<std::vector<uint8_t>> packets;
        for (int i = 0; i < 2000; ++i)
        {
            std::vector<uint8_t> b(m_rng() % 1400);
            for (auto& x : b)
            {
                x = static_cast<uint8_t>(m_rng());
            }
            if (i % 4 == 0 && b.size() > 2)
            {
                b[0] = RtmOspfHeader::VERSION; // get past the version check more often
                b[1] = static_cast<uint8_t>(1 + m_rng() % 5);
            }
            packets.push_back(std::move(b));
        }
        return packets;
    }

    /// Phase 2: valid packets with one byte changed, truncated or extended (checksum not fixed).
    /// The 8 authentication bytes are never changed: with null authentication they are not
    /// examined (RFC 2328 D.4.1), nor covered by the checksum, so such a packet is valid.
    std::vector<std::vector<uint8_t>> MutatedValidPackets()
    {
        FuzzNet& net = *m_net;
        std::vector<std::vector<uint8_t>> valid;
        valid.push_back(net.Hello().Encode());
        {
            RtmOspfPacket u;
            u.type = RtmOspfHeader::LS_UPDATE;
            u.routerId = net.AttackerId();
            for (int i = 0; i < 3; ++i)
            {
                RtmOspfLsa lsa;
                lsa.advRouter = 0x09090901 + i;
                lsa.sequence = 0x80000005;
                lsa.links = {{RtmOspfLsa::Link::POINT_TO_POINT, 1, net.AttackerId(), 0},
                             {RtmOspfLsa::Link::STUB, 1, 0xC0A80000u + (i << 8), 0xFFFFFF00}};
                lsa.UpdateChecksum();
                u.lsas.push_back(lsa);
            }
            valid.push_back(u.Encode());
            RtmOspfPacket a;
            a.type = RtmOspfHeader::LS_ACK;
            a.routerId = net.AttackerId();
            a.acks.push_back({net.VictimId(), 1, 0x1234, 1});
            valid.push_back(a.Encode());
        }
        std::vector<std::vector<uint8_t>> packets;
        for (int i = 0; i < 2000; ++i)
        {
            std::vector<uint8_t> b = valid[m_rng() % valid.size()];
            auto notAuth = [&b](std::size_t at) {
                return at < RtmOspfHeader::AUTH_OFFSET
                           ? at
                           : RtmOspfHeader::AUTH_OFFSET + RtmOspfHeader::AUTH_SIZE +
                                 (at - RtmOspfHeader::AUTH_OFFSET) %
                                     (b.size() - RtmOspfHeader::AUTH_OFFSET -
                                      RtmOspfHeader::AUTH_SIZE);
            };
            switch (m_rng() % 4)
            {
            case 0:
                b[notAuth(m_rng() % b.size())] ^= static_cast<uint8_t>(1u << (m_rng() % 8));
                break;
            case 1: {
                std::size_t at = notAuth(m_rng() % b.size());
                b[at] = static_cast<uint8_t>(b[at] + 1 + m_rng() % 255); // one byte, different
                break;
            }
            case 2:
                b.resize(m_rng() % b.size()); // truncated
                break;
            default:
                b.resize(b.size() + 1 + m_rng() % 100, static_cast<uint8_t>(m_rng())); // extended
                break;
            }
            packets.push_back(std::move(b));
        }
        return packets;
    }

    /// Phase 4: updates of random LSAs (some valid, some not) with correct packet checksums.
    std::vector<std::vector<uint8_t>> RandomLsaUpdates()
    {
        FuzzNet& net = *m_net;
        Ptr<RtmOspfAgent> w = net.GetNode(2)->GetObject<RtmOspfAgent>();
        std::vector<uint32_t> ids = {net.AttackerId(),
                                     kFake,
                                     kFake + 1,
                                     kFake + 2,
                                     0x08080808,
                                     net.VictimId(),
                                     w->GetRouterId().Get()};
        std::vector<std::vector<uint8_t>> packets;
        for (int i = 0; i < 2000; ++i)
        {
            RtmOspfPacket u;
            u.type = RtmOspfHeader::LS_UPDATE;
            u.routerId = net.AttackerId();
            uint32_t n = 1 + m_rng() % 3;
            for (uint32_t k = 0; k < n; ++k)
            {
                u.lsas.push_back(RandomLsa(m_rng, ids));
            }
            std::vector<uint8_t> b = u.Encode();
            if (m_rng() % 10 == 0)
            {
                std::size_t at = RtmOspfHeader::SIZE + m_rng() % (b.size() - RtmOspfHeader::SIZE);
                b[at] = static_cast<uint8_t>(m_rng());
                RtmOspfPacket::Reseal(&b);
            }
            packets.push_back(std::move(b));
        }
        return packets;
    }

    /// An update of these LSAs from a router.
    static std::vector<uint8_t> Update(std::vector<RtmOspfLsa> lsas, uint32_t from)
    {
        RtmOspfPacket u;
        u.type = RtmOspfHeader::LS_UPDATE;
        u.routerId = from;
        u.lsas = std::move(lsas);
        return u.Encode();
    }

    /// A router LSA with a valid checksum.
    static RtmOspfLsa Lsa(uint32_t router, uint32_t seq, std::vector<RtmOspfLsa::Link> links)
    {
        RtmOspfLsa l;
        l.advRouter = router;
        l.sequence = seq;
        l.links = std::move(links);
        l.UpdateChecksum();
        return l;
    }

    /// The packet with another length field and a fixed packet checksum.
    static std::vector<uint8_t> WithLength(std::vector<uint8_t> b, uint16_t length)
    {
        b[2] = length >> 8;
        b[3] = length & 0xFF;
        b[12] = b[13] = 0;
        uint16_t c = RtmOspfHeader::PacketChecksum(b.data(), static_cast<uint32_t>(b.size()));
        b[12] = c >> 8;
        b[13] = c & 0xFF;
        return b;
    }

    /// A point-to-point link to the attacker.
    RtmOspfLsa::Link ToAttacker() const
    {
        return {RtmOspfLsa::Link::POINT_TO_POINT, 1, m_net->AttackerId(), 0};
    }

    static constexpr uint32_t kFake = 0x09090909; //!< a router that does not exist

    std::unique_ptr<FuzzNet> m_net; //!< the network
    Snapshot m_v0;                  //!< the victim at the start of the phase
    Snapshot m_w0;                  //!< W at the start of the phase
    std::mt19937 m_rng{20240501};   //!< the random phases' generator
};

} // namespace

TEST_F(RtmOspfFuzzTest, RandomBytesAreDroppedAndCounted)
{
    FuzzNet& net = *m_net;
    Ptr<RtmOspfAgent> v = net.Victim();
    // all refused, nothing changes
    std::vector<std::vector<uint8_t>> packets = RandomBytes();
    uint64_t before = v->GetDropCount();
    uint64_t rxBefore = v->GetStats().rxPackets;
    net.Feed(packets);
    uint64_t hellos = v->GetStats().rxPackets - rxBefore - packets.size();
    EXPECT_EQ(v->GetDropCount() - before, packets.size()) << "every random packet is refused";
    EXPECT_LE(hellos, 5u);
    EXPECT_EQ(net.TracedTotal(), v->GetDropCount()) << "trace and counter agree";
    EXPECT_GT(v->GetDropCount(RtmOspfDropReason::Truncated), 0u);
    EXPECT_GT(v->GetDropCount(RtmOspfDropReason::BadVersion), 0u);
    ExpectVictimAndWUnchanged();
}

TEST_F(RtmOspfFuzzTest, MutatedValidPacketsAreDroppedAndCounted)
{
    FuzzNet& net = *m_net;
    Ptr<RtmOspfAgent> v = net.Victim();
    RandomBytes(); // the generator where this phase found it
    std::vector<std::vector<uint8_t>> packets = MutatedValidPackets();
    uint64_t before = v->GetDropCount();
    net.Feed(packets);
    EXPECT_EQ(v->GetDropCount() - before, packets.size()) << "every mutated packet is refused";
    EXPECT_GT(v->GetDropCount(RtmOspfDropReason::BadChecksum), 0u);
    EXPECT_GT(v->GetDropCount(RtmOspfDropReason::Oversized), 0u);
    ExpectVictimAndWUnchanged();
}

TEST_F(RtmOspfFuzzTest, CraftedHostilePacketsAreDroppedWithTheirReason)
{
    // crafted hostile packets with correct checksums, one per reason
    FuzzNet& net = *m_net;
    Ptr<RtmOspfAgent> v = net.Victim();
    const uint32_t fake = kFake;
    const RtmOspfLsa::Link toAttacker = ToAttacker();

    std::vector<Case> cases;
    {
        std::vector<uint8_t> b = net.Hello().Encode();
        b[0] = 3;
        RtmOspfPacket::Reseal(&b);
        cases.push_back({"wrong version", b, RtmOspfDropReason::BadVersion});
        b = net.Hello().Encode();
        b[15] = 1;
        RtmOspfPacket::Reseal(&b);
        cases.push_back({"simple password", b, RtmOspfDropReason::AuthTypeMismatch});
        b = net.Hello().Encode();
        b[11] = 1;
        RtmOspfPacket::Reseal(&b);
        cases.push_back({"area 0.0.0.1", b, RtmOspfDropReason::WrongArea});
        // (an MTU mismatch in DD packets: RtmOspfAdjacencyTest.MtuMismatchRefusesTheAdjacency)
        b = net.Hello().Encode();
        b[1] = 0;
        RtmOspfPacket::Reseal(&b);
        cases.push_back({"type 0", b, RtmOspfDropReason::BadType});
        b[1] = 200;
        RtmOspfPacket::Reseal(&b);
        cases.push_back({"type 200", b, RtmOspfDropReason::BadType});
        cases.push_back({"length below the header",
                         WithLength(net.Hello().Encode(), 4),
                         RtmOspfDropReason::BadLength});
        cases.push_back({"length beyond the bytes",
                         WithLength(net.Hello().Encode(), 200),
                         RtmOspfDropReason::Truncated});
        b = net.Hello().Encode();
        b.resize(b.size() + 64, 0);
        cases.push_back({"oversized", WithLength(b, b.size() - 64), RtmOspfDropReason::Oversized});
        b = net.Hello().Encode();
        b.resize(b.size() + 2); // half a neighbour
        RtmOspfPacket::Reseal(&b);
        cases.push_back({"hello neighbour list", b, RtmOspfDropReason::BadLength});
        RtmOspfPacket h = net.Hello();
        h.hello.helloInterval = 5;
        cases.push_back({"hello interval", h.Encode(), RtmOspfDropReason::HelloMismatch});
        h = net.Hello();
        h.hello.mask = 0xFFFFFF00;
        cases.push_back({"hello mask", h.Encode(), RtmOspfDropReason::HelloMismatch});
        h = net.Hello();
        h.routerId = net.VictimId();
        cases.push_back({"our own router id", h.Encode(), RtmOspfDropReason::DuplicateRouterId});
        h = net.Hello();
        h.routerId = 0;
        cases.push_back({"router id 0", h.Encode(), RtmOspfDropReason::BadRouterId});
        b = Update({Lsa(fake, 1, {toAttacker})}, net.AttackerId());
        b[RtmOspfHeader::SIZE] = 0xFF; // 65000+ LSAs announced
        RtmOspfPacket::Reseal(&b);
        cases.push_back({"absurd LSA count", b, RtmOspfDropReason::BadLength});
        b = Update({Lsa(fake, 1, {toAttacker})}, net.AttackerId());
        const std::size_t lsaAt = RtmOspfHeader::SIZE + RtmOspfPacket::LIST_FIXED;
        b[lsaAt + 22] = 0xFF; // 65000+ links announced
        b[lsaAt + 23] = 0xF0;
        RtmOspfPacket::Reseal(&b);
        cases.push_back({"absurd link count", b, RtmOspfDropReason::TooManyLinks});
        b = Update({Lsa(fake, 1, {toAttacker})}, net.AttackerId());
        b[lsaAt + 19] += 12; // length says two links, count says one
        RtmOspfPacket::Reseal(&b);
        cases.push_back({"LSA length", b, RtmOspfDropReason::BadLength});
        RtmOspfLsa bad = Lsa(fake, 1, {toAttacker});
        bad.checksum ^= 0x5555;
        cases.push_back(
            {"LSA checksum", Update({bad}, net.AttackerId()), RtmOspfDropReason::BadLsaChecksum});
        cases.push_back({"self-loop",
                         Update({Lsa(fake, 1, {toAttacker, {1, 1, fake, 0}})}, net.AttackerId()),
                         RtmOspfDropReason::SelfLoop});
        cases.push_back({"metric 0",
                         Update({Lsa(fake, 1, {{1, 0, net.AttackerId(), 0}})}, net.AttackerId()),
                         RtmOspfDropReason::BadMetric});
        cases.push_back(
            {"metric 65535",
             Update({Lsa(fake, 1, {{1, 0xFFFF, net.AttackerId(), 0}})}, net.AttackerId()),
             RtmOspfDropReason::BadMetric});
        cases.push_back({"link type",
                         Update({Lsa(fake, 1, {{9, 1, net.AttackerId(), 0}})}, net.AttackerId()),
                         RtmOspfDropReason::BadLinkType});
        cases.push_back({"stub mask",
                         Update({Lsa(fake, 1, {{3, 1, 0x0A000000, 0xFF00FF00}})}, net.AttackerId()),
                         RtmOspfDropReason::BadStub});
        cases.push_back({"sequence 0x80000000 (reserved)",
                         Update({Lsa(fake, 0x80000000, {toAttacker})}, net.AttackerId()),
                         RtmOspfDropReason::BadSequence});
        b = Update({Lsa(fake, 1, {toAttacker})}, net.AttackerId());
        b[lsaAt + 3] = 5; // an AS-external-LSA: not implemented, skipped (13 (2))
        RtmOspfPacket::Reseal(&b);
        cases.push_back({"LS type 5", b, RtmOspfDropReason::BadLsaType});
        RtmOspfLsa old = Lsa(fake, 1, {toAttacker});
        old.age = kMaxAge + 1;
        cases.push_back({"age", Update({old}, net.AttackerId()), RtmOspfDropReason::BadAge});
        cases.push_back({"LSA router id 0",
                         Update({Lsa(0, 1, {toAttacker})}, net.AttackerId()),
                         RtmOspfDropReason::BadRouterId});
        // a valid LSA in a packet with an invalid one: nothing of the packet is used
        cases.push_back({"good then bad",
                         Update({Lsa(fake, 1, {toAttacker}), Lsa(fake + 1, 1, {{1, 0, fake, 0}})},
                                net.AttackerId()),
                         RtmOspfDropReason::BadMetric});
        cases.push_back({"update from a stranger",
                         Update({Lsa(fake, 1, {toAttacker})}, 0x07070707),
                         RtmOspfDropReason::NotNeighbor});
        RtmOspfPacket a;
        a.type = RtmOspfHeader::LS_ACK;
        a.routerId = 0x07070707;
        a.acks.push_back({net.VictimId(), 1, 0, 0});
        cases.push_back({"ack from a stranger", a.Encode(), RtmOspfDropReason::NotNeighbor});
    }
    for (const Case& c : cases)
    {
        uint64_t n = v->GetDropCount(c.reason);
        uint64_t total = v->GetDropCount();
        net.Feed({c.bytes});
        EXPECT_EQ(v->GetDropCount(c.reason), n + 1) << c.what;
        EXPECT_EQ(v->GetDropCount(), total + 1) << c.what;
        EXPECT_TRUE(Take(net.GetNode(1)) == m_v0) << c.what;
    }
    EXPECT_TRUE(Take(net.GetNode(2)) == m_w0);
    EXPECT_EQ(net.TracedTotal(), v->GetDropCount());
}

TEST_F(RtmOspfFuzzTest, NewerCopyOfTheVictimsOwnLsaIsRefusedAndOutbid)
{
    // The LSA that claims to be the victim's, newer: refused, and the victim answers with a
    // newer instance of its own, unchanged in content, which wins everywhere.
    FuzzNet& net = *m_net;
    Ptr<RtmOspfAgent> v = net.Victim();
    const RtmOspfLsa::Link toAttacker = ToAttacker();
    const RtmOspfLsdb::Entry* own = v->GetLsdb().Find(net.VictimId());
    ASSERT_NE(own, nullptr);
    uint32_t seq = own->lsa->sequence;
    std::vector<RtmOspfLsa::Link> links = own->lsa->links;
    net.Feed({Update({Lsa(net.VictimId(), seq + 10, {toAttacker})}, net.AttackerId())});
    EXPECT_EQ(v->GetDropCount(RtmOspfDropReason::SelfOriginatedNewer), 1u);
    own = v->GetLsdb().Find(net.VictimId());
    EXPECT_EQ(own->lsa->links, links);
    EXPECT_EQ(own->lsa->sequence, seq + 11);
    Ptr<RtmOspfAgent> w = net.GetNode(2)->GetObject<RtmOspfAgent>();
    const RtmOspfLsdb::Entry* atW = w->GetLsdb().Find(net.VictimId());
    ASSERT_NE(atW, nullptr);
    EXPECT_EQ(atW->lsa->sequence, seq + 11);
    EXPECT_EQ(atW->lsa->links, links);
    // At the highest sequence number the instance cannot be outbid: the sequence wraps (RFC
    // 2328 12.1.6: flushed, then InitialSequenceNumber; the attacker never acknowledges, so
    // after FlushHold), without a flooding storm.
    uint64_t updatesBefore = v->GetStats().txUpdates;
    net.Feed(
        {Update({Lsa(net.VictimId(), RtmOspfLsa::MAX_SEQUENCE, {toAttacker})}, net.AttackerId())});
    net.RunFor(Seconds(62));
    EXPECT_EQ(v->GetDropCount(RtmOspfDropReason::SelfOriginatedNewer), 2u);
    EXPECT_EQ(v->GetLsdb().Find(net.VictimId())->lsa->sequence, RtmOspfLsa::INITIAL_SEQUENCE);
    EXPECT_EQ(v->GetLsdb().Find(net.VictimId())->lsa->links, links);
    EXPECT_EQ(w->GetLsdb().Find(net.VictimId())->lsa->sequence, RtmOspfLsa::INITIAL_SEQUENCE);
    EXPECT_LE(v->GetStats().txUpdates - updatesBefore, 70u) << "one flush, retransmitted to A";
    Snapshot v1 = Take(net.GetNode(1));
    Snapshot w1 = Take(net.GetNode(2));
    EXPECT_EQ(v1.routes, m_v0.routes);
    EXPECT_EQ(w1.routes, m_w0.routes);
}

TEST_F(RtmOspfFuzzTest, HostileNetworkLsasNeverMisrouteNorPassForTheVictims)
{
    // Network-LSAs (type 2) from the hostile neighbour: one named by the victim's own address
    // (13.4: self-originated) is refused and flushed; a well-formed stranger's is stored but
    // unused (no router-LSA has a transit link to it: the 16.1 two-way check); a malformed one is
    // dropped. The routes never change and the database stays consistent.
    FuzzNet& net = *m_net;
    Ptr<RtmOspfAgent> v = net.Victim();
    Ptr<Ipv4> ip = net.GetNode(1)->GetObject<Ipv4>();
    const uint32_t own =
        ip->GetAddress(ip->GetInterfaceForDevice(net.Helper().GetDevice(0, 1)), 0).GetLocal().Get();
    auto network = [&net](uint32_t lsid, std::vector<uint32_t> attached) {
        RtmOspfLsa lsa;
        lsa.type = RtmOspfLsa::NETWORK_LSA;
        lsa.advRouter = net.AttackerId();
        lsa.linkStateId = lsid;
        lsa.networkMask = 0xFFFFFF00;
        lsa.attached = std::move(attached);
        lsa.sequence = 0x80000010;
        lsa.UpdateChecksum();
        return lsa;
    };
    const uint32_t w = net.GetNode(2)->GetObject<RtmOspfAgent>()->GetRouterId().Get();
    net.Feed({Update({network(own, {net.AttackerId(), net.VictimId()})}, net.AttackerId())});
    EXPECT_EQ(v->GetDropCount(RtmOspfDropReason::SelfOriginatedNewer), 1u);
    const RtmOspfLsdb::Entry* e =
        v->GetLsdb().Find(RtmOspfLsa::KeyOf(RtmOspfLsa::NETWORK_LSA, own));
    EXPECT_TRUE(e == nullptr || e->flushed) << "never installed as a usable LSA";
    const uint32_t stranger = Ipv4Address("172.16.0.1").Get();
    net.Feed(
        {Update({network(stranger, {net.AttackerId(), net.VictimId(), w})}, net.AttackerId())});
    e = v->GetLsdb().Find(RtmOspfLsa::KeyOf(RtmOspfLsa::NETWORK_LSA, stranger));
    ASSERT_NE(e, nullptr) << "a valid network-LSA is stored";
    EXPECT_FALSE(e->flushed);
    const uint64_t before = v->GetDropCount();
    net.Feed({Update({network(Ipv4Address("172.16.1.1").Get(), {w})}, net.AttackerId())});
    EXPECT_EQ(v->GetDropCount(RtmOspfDropReason::BadRouterId), 1u) << "the DR not listed";
    EXPECT_EQ(v->GetDropCount(), before + 1);
    net.RunFor(Seconds(3));
    EXPECT_EQ(Take(net.GetNode(1)).routes, m_v0.routes);
    EXPECT_EQ(Take(net.GetNode(2)).routes, m_w0.routes);
    std::string why;
    EXPECT_TRUE(v->CheckConsistency(&why)) << why;
}

TEST_F(RtmOspfFuzzTest, AdjacencyErrorsRestartTheExchange)
{
    // A DD out of sequence (SeqNumberMismatch) and a request for an LSA the victim does not have
    // (BadLSReq) take the adjacency back to ExStart (RFC 2328 10.3), counted; a request in
    // ExStart is refused (WrongState); a new DD exchange makes the attacker Full again.
    FuzzNet& net = *m_net;
    Ptr<RtmOspfAgent> v = net.Victim();
    auto stateOfAttacker = [&net, &v]() {
        for (const auto& n : v->GetNeighbors())
        {
            if (n.routerId.Get() == net.AttackerId())
            {
                return n.state;
            }
        }
        return RtmOspfNeighborState::Down;
    };
    ASSERT_EQ(stateOfAttacker(), RtmOspfNeighborState::Full);
    net.Feed({net.Dd(RtmOspfPacket::DD_FLAG_MS, 5000).Encode()});
    EXPECT_EQ(v->GetDropCount(RtmOspfDropReason::BadDdSequence), 1u);
    EXPECT_EQ(stateOfAttacker(), RtmOspfNeighborState::ExStart);
    RtmOspfPacket request;
    request.type = RtmOspfHeader::LS_REQUEST;
    request.routerId = net.AttackerId();
    request.requests.push_back({RtmOspfLsa::ROUTER_LSA, kFake, kFake});
    net.Feed({request.Encode()});
    EXPECT_EQ(v->GetDropCount(RtmOspfDropReason::WrongState), 1u);
    net.Adjoin();
    net.RunFor(Seconds(1));
    ASSERT_EQ(stateOfAttacker(), RtmOspfNeighborState::Full);
    net.Feed({request.Encode()});
    EXPECT_EQ(v->GetDropCount(RtmOspfDropReason::BadRequest), 1u);
    EXPECT_EQ(stateOfAttacker(), RtmOspfNeighborState::ExStart);
    EXPECT_EQ(v->GetDropCount(), 3u);
    std::string why;
    EXPECT_TRUE(v->CheckConsistency(&why)) << why;
    EXPECT_EQ(net.TracedTotal(), v->GetDropCount());
}

TEST_F(RtmOspfFuzzTest, UnknownOptionsAreIgnoredAndAMissingEBitRefused)
{
    // Option bits this agent does not implement (MC, N/P, EA, DC, O, DN) are ignored (RFC 2328
    // A.2); a hello without the E bit (a stub-area router) does not match the backbone.
    FuzzNet& net = *m_net;
    Ptr<RtmOspfAgent> v = net.Victim();
    RtmOspfPacket h = net.Hello();
    h.hello.options = 0xFF;
    net.Feed({h.Encode()});
    EXPECT_EQ(v->GetDropCount(), 0u);
    RtmOspfPacket u;
    u.type = RtmOspfHeader::LS_UPDATE;
    u.routerId = net.AttackerId();
    u.lsas.push_back(Lsa(kFake, 1, {ToAttacker()}));
    u.lsas.back().options = 0xFD;
    u.lsas.back().UpdateChecksum();
    net.Feed({u.Encode()});
    EXPECT_EQ(v->GetDropCount(), 0u);
    EXPECT_NE(v->GetLsdb().Find(kFake), nullptr) << "an LSA with unknown options is used";
    h.hello.options = 0x00;
    net.Feed({h.Encode()});
    EXPECT_EQ(v->GetDropCount(RtmOspfDropReason::HelloMismatch), 1u);
    std::string why;
    EXPECT_TRUE(v->CheckConsistency(&why)) << why;
}

TEST_F(RtmOspfFuzzTest, DdHeadersOfUnimplementedLsaTypesAreSkippedAndTheExchangeCompletes)
{
    // A daemon's database description may list LSA types of RFC 2328 this agent does not
    // implement (summary, AS-external; a router-LSA whose link state id is not its router's). Each
    // is skipped with BadLsaType and never requested; the exchange completes (Full), the database
    // gets nothing of them. Unknown option bits in the DD are ignored.
    FuzzNet& net = *m_net;
    Ptr<RtmOspfAgent> v = net.Victim();
    const std::size_t lsdbBefore = v->GetLsdb().GetSize();
    const uint64_t requestsBefore = v->GetStats().txRequests;
    const uint8_t options = 0xFF; // every option bit, the unknown ones too
    const uint8_t all =
        RtmOspfPacket::DD_FLAG_I | RtmOspfPacket::DD_FLAG_M | RtmOspfPacket::DD_FLAG_MS;
    RtmOspfPacket restart = net.Dd(all, 2000);
    restart.dd.options = options;
    // in Full, a new I-packet is a SeqNumberMismatch (10.6): the adjacency restarts in ExStart
    net.Feed({restart.Encode()});
    EXPECT_EQ(v->GetDropCount(RtmOspfDropReason::BadDdSequence), 1u);
    net.Feed({restart.Encode()}); // negotiated: the attacker (higher id) is master
    RtmOspfPacket last = net.Dd(RtmOspfPacket::DD_FLAG_MS, 2001);
    last.dd.options = options;
    const uint32_t stranger = Ipv4Address("192.168.77.1").Get();
    uint32_t n = 0;
    for (uint8_t type : {3, 4, 5}) // (2, network-LSAs, are implemented)
    {
        RtmOspfPacket::Ack h{stranger + n++, 0x80000001u, 0x1234, 10};
        h.type = type;
        h.linkStateId = 0x0A090000 + n;
        h.options = options;
        last.dd.headers.push_back(h);
    }
    RtmOspfPacket::Ack notItsOwn{stranger + n++, 0x80000001u, 0x1234, 10};
    notItsOwn.linkStateId = stranger + 100; // a router-LSA with another router's id
    last.dd.headers.push_back(notItsOwn);
    net.Feed({last.Encode()});
    EXPECT_EQ(v->GetDropCount(RtmOspfDropReason::BadLsaType), n);
    EXPECT_EQ(v->GetDropCount(), n + 1u);
    EXPECT_EQ(v->GetStats().txRequests, requestsBefore) << "nothing of them is requested";
    bool full = false;
    for (const auto& nb : v->GetNeighbors())
    {
        full |= nb.routerId.Get() == net.AttackerId() && nb.state == RtmOspfNeighborState::Full;
    }
    EXPECT_TRUE(full) << "the exchange completes";
    EXPECT_EQ(v->GetLsdb().GetSize(), lsdbBefore);
    for (uint32_t i = 0; i < n; ++i)
    {
        EXPECT_EQ(v->GetLsdb().Find(stranger + i), nullptr);
    }
    std::string why;
    EXPECT_TRUE(v->CheckConsistency(&why)) << why;
    EXPECT_EQ(net.TracedTotal(), v->GetDropCount());
}

TEST_F(RtmOspfFuzzTest, DdHeaderOfAnLsTypeOutsideRfc2328RestartsTheExchange)
{
    // RFC 2328 10.6: a DD listing an LS type that is not one of 1-5 (NSSA, opaque, garbage) is a
    // SeqNumberMismatch: the packet is not processed further (nothing of it requested) and the
    // adjacency goes back to ExStart, counted as BadLsaType; a clean exchange then completes.
    FuzzNet& net = *m_net;
    Ptr<RtmOspfAgent> v = net.Victim();
    auto stateOfAttacker = [&net, v]() {
        for (const auto& nb : v->GetNeighbors())
        {
            if (nb.routerId.Get() == net.AttackerId())
            {
                return nb.state;
            }
        }
        return RtmOspfNeighborState::Down;
    };
    const uint8_t all =
        RtmOspfPacket::DD_FLAG_I | RtmOspfPacket::DD_FLAG_M | RtmOspfPacket::DD_FLAG_MS;
    const uint64_t requestsBefore = v->GetStats().txRequests;
    for (uint8_t type : {7, 9, 11, 200})
    {
        const uint64_t before = v->GetDropCount(RtmOspfDropReason::BadLsaType);
        const uint32_t sequence = 2000 + 10 * type;
        net.Feed({net.Dd(all, sequence).Encode()}); // (from Full: a SeqNumberMismatch first)
        net.Feed({net.Dd(all, sequence).Encode()}); // negotiated, the attacker master
        ASSERT_EQ(stateOfAttacker(), RtmOspfNeighborState::Exchange);
        RtmOspfPacket d = net.Dd(RtmOspfPacket::DD_FLAG_MS, sequence + 1);
        RtmOspfPacket::Ack router{Ipv4Address("192.168.77.1").Get(), 0x80000001u, 0x1234, 10};
        RtmOspfPacket::Ack odd{Ipv4Address("192.168.77.2").Get(), 0x80000001u, 0x1234, 10};
        odd.type = type;
        odd.linkStateId = 0x0A090000;
        d.dd.headers = {router, odd};
        net.Feed({d.Encode()});
        EXPECT_EQ(v->GetDropCount(RtmOspfDropReason::BadLsaType), before + 1) << int(type);
        EXPECT_EQ(stateOfAttacker(), RtmOspfNeighborState::ExStart) << int(type);
        EXPECT_EQ(v->GetStats().txRequests, requestsBefore)
            << "LS type " << int(type) << ": nothing of the packet is requested";
        net.Feed({net.Dd(all, sequence + 5).Encode()});
        net.Feed({net.Dd(RtmOspfPacket::DD_FLAG_MS, sequence + 6).Encode()});
        EXPECT_EQ(stateOfAttacker(), RtmOspfNeighborState::Full) << int(type);
    }
    EXPECT_EQ(v->GetLsdb().Find(Ipv4Address("192.168.77.1").Get()), nullptr);
    std::string why;
    EXPECT_TRUE(v->CheckConsistency(&why)) << why;
    EXPECT_EQ(net.TracedTotal(), v->GetDropCount());
}

TEST_F(RtmOspfFuzzTest, AuthenticationOtherThanNullIsAnAuthTypeMismatch)
{
    // RFC 2328 D.2: a packet whose AuType is not the interface's (null, 0) is dropped. With
    // cryptographic authentication (D.4.3) the checksum is not computed and the message digest
    // follows the packet, outside its length: still an AuthTypeMismatch, not a bad checksum or
    // trailing bytes. With null authentication the authentication field is not examined (D.4.1).
    FuzzNet& net = *m_net;
    Ptr<RtmOspfAgent> v = net.Victim();
    std::vector<uint8_t> md5 = net.Hello().Encode();
    md5[12] = 0; // checksum: not computed
    md5[13] = 0;
    md5[14] = 0; // AuType 2
    md5[15] = 2;
    const std::size_t at = RtmOspfHeader::AUTH_OFFSET;
    md5[at] = 0;
    md5[at + 1] = 0;
    md5[at + 2] = 1;  // key id
    md5[at + 3] = 16; // digest length
    md5[at + 4] = 0;  // cryptographic sequence number
    md5[at + 5] = 0;
    md5[at + 6] = 0x12;
    md5[at + 7] = 0x34;
    md5.resize(md5.size() + 16, 0xA5); // the digest, after the packet
    std::vector<uint8_t> password = net.Hello().Encode();
    password[15] = 1;
    for (std::size_t i = 0; i < RtmOspfHeader::AUTH_SIZE; ++i)
    {
        password[at + i] = static_cast<uint8_t>('a' + i);
    }
    RtmOspfPacket::Reseal(&password);
    net.Feed({md5, password});
    EXPECT_EQ(v->GetDropCount(RtmOspfDropReason::AuthTypeMismatch), 2u);
    EXPECT_EQ(v->GetDropCount(), 2u);
    std::vector<uint8_t> null = net.Hello().Encode();
    for (std::size_t i = 0; i < RtmOspfHeader::AUTH_SIZE; ++i)
    {
        null[at + i] = 0xEE; // anything: not examined
    }
    net.Feed({null});
    EXPECT_EQ(v->GetDropCount(), 2u) << "null authentication does not look at the field";
    ExpectVictimAndWUnchanged();
    EXPECT_EQ(net.TracedTotal(), v->GetDropCount());
}

TEST_F(RtmOspfFuzzTest, RandomLsasLeaveAValidDatabaseAndItsRoutes)
{
    // Structure-aware fuzzing: random LSAs (some valid, some not) from the neighbour, with
    // correct packet checksums. Valid ones may change the database (a hostile neighbour can
    // advertise what it likes); whatever happens, the database must stay valid and the routes
    // must be what the database says.
    FuzzNet& net = *m_net;
    Ptr<RtmOspfAgent> v = net.Victim();
    const RtmOspfLsdb::Entry* own = v->GetLsdb().Find(net.VictimId());
    ASSERT_NE(own, nullptr);
    std::vector<RtmOspfLsa::Link> links = own->lsa->links;
    RandomBytes(); // the generator where this phase found it
    MutatedValidPackets();
    std::vector<std::vector<uint8_t>> packets = RandomLsaUpdates();
    uint64_t before = v->GetDropCount();
    uint64_t rxBefore = v->GetStats().rxPackets;
    net.Feed(packets);
    net.RunFor(Seconds(3)); // let SPF and flooding settle
    uint64_t dropped = v->GetDropCount() - before;
    EXPECT_GT(dropped, packets.size() / 10) << "many were invalid";
    EXPECT_LT(dropped, v->GetStats().rxPackets - rxBefore) << "some were valid";
    EXPECT_GT(v->GetDropCount(RtmOspfDropReason::TooManyLinks), 0u);
    EXPECT_GT(v->GetDropCount(RtmOspfDropReason::BadLsaChecksum), 0u);
    EXPECT_GT(v->GetDropCount(RtmOspfDropReason::SelfLoop), 0u);
    EXPECT_EQ(net.TracedTotal(), v->GetDropCount());
    for (uint32_t node = 1; node < 4; ++node)
    {
        Ptr<RtmOspfAgent> agent = net.GetNode(node)->GetObject<RtmOspfAgent>();
        std::string why;
        EXPECT_TRUE(agent->CheckConsistency(&why)) << "node " << node << ": " << why;
        EXPECT_EQ(
            CheckRoutesAgainstDatabase(agent, net.GetNode(node)->GetObject<RoutingTableManager>()),
            "")
            << "node " << node;
    }
    // the victim's own LSA still says only the truth
    own = v->GetLsdb().Find(net.VictimId());
    ASSERT_NE(own, nullptr);
    EXPECT_EQ(own->lsa->links, links);
    EXPECT_FALSE(own->flushed);
}

namespace
{

using RtmOspfWireTest = rtmtest::AgentTest;

/// The well-formed packets of every type that the hostile-packet tests start from.
std::vector<std::vector<uint8_t>>
ValidPackets()
{
    const uint32_t a = Ipv4Address("192.168.255.1").Get();
    const uint32_t v = Ipv4Address("10.0.0.6").Get();
    std::vector<std::vector<uint8_t>> out;
    RtmOspfPacket h;
    h.type = RtmOspfHeader::HELLO;
    h.routerId = a;
    h.hello.helloInterval = 2;
    h.hello.deadInterval = 8;
    h.hello.mask = 0xFFFFFFFC;
    h.hello.neighbors = {v};
    out.push_back(h.Encode());
    RtmOspfPacket d;
    d.type = RtmOspfHeader::DB_DESCRIPTION;
    d.routerId = a;
    d.dd.mtu = 1500;
    d.dd.flags = RtmOspfPacket::DD_FLAG_I | RtmOspfPacket::DD_FLAG_M | RtmOspfPacket::DD_FLAG_MS;
    d.dd.sequence = 1000;
    out.push_back(d.Encode());
    std::mt19937 rng(2328);
    for (uint32_t i = 0; i < 100; ++i)
    {
        RtmOspfPacket u;
        u.type = RtmOspfHeader::LS_UPDATE;
        u.routerId = a;
        RtmOspfPacket k;
        k.type = RtmOspfHeader::LS_ACK;
        k.routerId = a;
        RtmOspfPacket r;
        r.type = RtmOspfHeader::LS_REQUEST;
        r.routerId = a;
        for (uint32_t n = 0; n < 1 + i % 4; ++n)
        {
            RtmOspfLsa lsa;
            lsa.advRouter = 0x09090901 + n;
            lsa.sequence = 0x80000001 + rng() % 100;
            lsa.age = static_cast<uint16_t>(rng() % 3601);
            lsa.links = {
                {RtmOspfLsa::Link::POINT_TO_POINT, static_cast<uint16_t>(1 + rng() % 100), a, v},
                {RtmOspfLsa::Link::STUB, 1, 0xC0A80000u + (n << 8), 0xFFFFFF00}};
            lsa.UpdateChecksum();
            u.lsas.push_back(lsa);
            RtmOspfPacket::Ack ack{lsa.advRouter, lsa.sequence, lsa.checksum, lsa.age};
            ack.length = static_cast<uint16_t>(lsa.GetSerializedSize());
            k.acks.push_back(ack);
            r.requests.push_back({RtmOspfLsa::ROUTER_LSA, lsa.advRouter, lsa.advRouter});
        }
        out.push_back(u.Encode());
        out.push_back(k.Encode());
        out.push_back(r.Encode());
    }
    // broadcast networks: a hello with priority, DR and BDR; a network-LSA and a router-LSA
    // with a transit link, acknowledged and requested
    RtmOspfPacket bh = h;
    bh.hello.mask = 0xFFFFFF00;
    bh.hello.priority = 7;
    bh.hello.designatedRouter = Ipv4Address("10.9.0.1").Get();
    bh.hello.backupRouter = Ipv4Address("10.9.0.2").Get();
    out.push_back(bh.Encode());
    RtmOspfLsa net;
    net.type = RtmOspfLsa::NETWORK_LSA;
    net.advRouter = a;
    net.linkStateId = Ipv4Address("10.9.0.1").Get();
    net.networkMask = 0xFFFFFF00;
    net.attached = {a, v, 0x09090901};
    net.sequence = 0x80000003;
    net.UpdateChecksum();
    RtmOspfLsa transit;
    transit.advRouter = 0x09090901;
    transit.sequence = 0x80000002;
    transit.links = {{RtmOspfLsa::Link::TRANSIT, 1, net.linkStateId, Ipv4Address("10.9.0.3").Get()},
                     {RtmOspfLsa::Link::STUB, 1, 0xC0A80000u, 0xFFFFFF00}};
    transit.UpdateChecksum();
    RtmOspfPacket u;
    u.type = RtmOspfHeader::LS_UPDATE;
    u.routerId = a;
    u.lsas = {net, transit};
    out.push_back(u.Encode());
    RtmOspfPacket k;
    k.type = RtmOspfHeader::LS_ACK;
    k.routerId = a;
    RtmOspfPacket::Ack ack{net.advRouter, net.sequence, net.checksum, net.age};
    ack.type = RtmOspfLsa::NETWORK_LSA;
    ack.linkStateId = net.linkStateId;
    ack.length = static_cast<uint16_t>(net.GetSerializedSize());
    k.acks.push_back(ack);
    out.push_back(k.Encode());
    RtmOspfPacket r;
    r.type = RtmOspfHeader::LS_REQUEST;
    r.routerId = a;
    r.requests.push_back({RtmOspfLsa::NETWORK_LSA, net.linkStateId, net.advRouter});
    out.push_back(r.Encode());
    return out;
}

} // namespace

TEST_F(RtmOspfWireTest, ValidPacketsRoundTripAndCanBeDumpedForTshark)
{
    // Each valid packet decodes and encodes back to the same bytes. With RTM_WIRE_DUMP=DIR they
    // are also written to DIR/ospf-valid.txt in text2pcap's format, for
    // test/rtm-tshark-check.sh to decode (in IP protocol 89) with Wireshark's dissector.
    std::ostringstream dump;
    RtmOspfPacket::Limits limits;
    for (const std::vector<uint8_t>& b : ValidPackets())
    {
        RtmOspfPacket back;
        RtmOspfDropReason reason = RtmOspfDropReason::Count;
        ASSERT_TRUE(RtmOspfPacket::Decode(b.data(), b.size(), limits, &back, &reason)) << reason;
        EXPECT_EQ(back.Encode(), b);
        rtmtest::AppendText2pcap(dump, b);
    }
    rtmtest::WriteWireDump("ospf-valid.txt", dump.str());
}
