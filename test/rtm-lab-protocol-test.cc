/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: tests of the lab's protocol (examples/rtm-hop-count-agent.h, RtmHopCountAgent), a
 * hop-count flooding protocol written on RtmAgent (doc/lab-write-a-protocol.rst).
 */

#include "../examples/rtm-hop-count-agent.h"

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/routing-table-manager.h"
#include "ns3/rtm-agent-helper-of.h"
#include "ns3/rtm-function-callback.h"
#include "ns3/rtm-function-event.h"
#include "ns3/rtm-helper.h"
#include "ns3/rtm-topology-generator.h"
#include "ns3/rtm-topology-helper.h"
#include "ns3/rtm-topology-oracle.h"
#include "ns3/rtm-topology.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

using HopCount = RtmHopCountAgent;
using HopCountHelper = RtmAgentHelperOf<RtmHopCountAgent>;

/// Edge metric of links the protocol cannot use (down, or at a stopped router), for the oracle.
constexpr uint32_t kAvoid = 1U << 20;

/**
 * A network built from a topology, with the RTM forwarding plane (RtmHelper), one stub LAN per
 * router (172.16.<v>.0/24, announced only by that router) and the hop-count agent everywhere.
 */
class LabNet
{
  public:
    /**
     * @param topology the topology
     * @param period the agents' Period
     * @param timeout the agents' Timeout
     */
    LabNet(const RtmTopology& topology, Time period = Seconds(5), Time timeout = Seconds(15))
        : m_topology(topology)
    {
        RtmHelper rtm;
        m_th.Install(topology, rtm);
        for (uint32_t v = 0; v < topology.GetNVertices(); ++v)
        {
            AddStubLan(v);
        }
        HopCountHelper helper;
        helper.Set("Period", TimeValue(period));
        helper.Set("Timeout", TimeValue(timeout));
        m_agents = helper.Install(m_th.GetNodes());
        HopCountHelper::AssignStreams(m_th.GetNodes(), 100);
    }

    /// @return the ns-3 network
    RtmTopologyHelper& Helper()
    {
        return m_th;
    }

    /// @param v a vertex @return its agent
    Ptr<HopCount> Agent(uint32_t v) const
    {
        return m_agents.at(v);
    }

    /// @param v a vertex @return its manager
    Ptr<RoutingTableManager> Rtm(uint32_t v) const
    {
        return m_th.GetNode(v)->GetObject<RoutingTableManager>();
    }

    /// @param v a vertex @return the key of its stub LAN
    static uint64_t LanKey(uint32_t v)
    {
        return RtmRoute::IpKey(Ipv4Address("172.16.0.0").Get() + (v << 8), 0xFFFFFF00);
    }

    /// @param e an edge @return the key of its /30
    uint64_t LinkKey(uint32_t e) const
    {
        return RtmRoute::IpKey(m_th.GetNetwork(e), RtmTopologyHelper::GetMask());
    }

    /// @param v a vertex @return the number of hop-count routes its manager holds
    uint32_t CountOwnRoutes(uint32_t v) const
    {
        uint32_t n = 0;
        Rtm(v)->ForEachRoute(RtmFamily::Ip, [&n](const RtmRoute& r) {
            n += r.protocol == HopCount::PROTOCOL ? 1 : 0;
        });
        return n;
    }

    /// Take a link down at both ends.
    /// @param e the edge
    void Fail(uint32_t e)
    {
        for (uint32_t end = 0; end < 2; ++end)
        {
            uint32_t v = end == 0 ? m_topology.GetEdgeSource(e) : m_topology.GetEdgeTarget(e);
            m_th.GetNode(v)->GetObject<Ipv4>()->SetDown(m_th.GetInterface(e, end));
        }
        m_failed.insert(e);
    }

    /// The protocol no longer runs at a router (its agent was stopped).
    /// @param v the vertex
    void MarkStopped(uint32_t v)
    {
        m_stopped.insert(v);
    }

    /**
     * Compare every running router's best routes with the shortest paths of the oracle over
     * the links the protocol can use (not failed, no stopped end). Each network (a link /30 or
     * a LAN) must be reached through the nearest running router that announces it: a hop-count
     * route with metric = the hop distance to it and (interface, next hop) on one of the
     * oracle's equal-cost first hops; a router's own networks are connected routes; networks
     * nobody reachable announces have no route; and no other network is in the table (but the
     * loopback's).
     * @return "" or the first difference
     */
    std::string Compare() const
    {
        RtmTopology usable("usable");
        for (uint32_t v = 0; v < m_topology.GetNVertices(); ++v)
        {
            usable.AddVertex(m_topology.GetVertex(v));
        }
        for (uint32_t e = 0; e < m_topology.GetNEdges(); ++e) // same edge indices
        {
            RtmTopologyEdge props = m_topology.GetEdge(e);
            uint32_t a = m_topology.GetEdgeSource(e);
            uint32_t b = m_topology.GetEdgeTarget(e);
            bool avoid = m_failed.count(e) || m_stopped.count(a) || m_stopped.count(b);
            props.metric = avoid ? kAvoid : 1;
            usable.AddEdge(a, b, props);
        }
        RtmTopologyOracle oracle(usable, RtmTopologyOracle::Metric::EdgeMetric);
        // every network, with the routers that announce it (a failed link: nobody)
        std::vector<std::pair<uint64_t, std::vector<uint32_t>>> networks;
        for (uint32_t e = 0; e < m_topology.GetNEdges(); ++e)
        {
            std::vector<uint32_t> ends;
            if (!m_failed.count(e))
            {
                ends = {m_topology.GetEdgeSource(e), m_topology.GetEdgeTarget(e)};
            }
            networks.push_back({LinkKey(e), ends});
        }
        for (uint32_t v = 0; v < m_topology.GetNVertices(); ++v)
        {
            networks.push_back({LanKey(v), {v}});
        }
        std::ostringstream diff;
        for (uint32_t u = 0; u < m_topology.GetNVertices(); ++u)
        {
            if (m_stopped.count(u))
            {
                continue;
            }
            Ptr<RoutingTableManager> rtm = Rtm(u);
            uint32_t expected = 0;
            for (const auto& [key, ends] : networks)
            {
                RtmRoute best;
                bool has = rtm->IsRoute(RtmFamily::Ip, key, &best);
                uint64_t d = RtmTopologyOracle::INFINITE_DISTANCE;
                for (uint32_t o : ends)
                {
                    d = o == u ? 0 : m_stopped.count(o) ? d : std::min(d, oracle.GetDistance(u, o));
                }
                std::string net = RtmRoute::KeyToString(key);
                if (d == 0)
                {
                    if (!has || best.protocol != RtmConnectedAgent::PROTOCOL)
                    {
                        diff << "node " << u << ": " << net << " is not a connected route";
                        return diff.str();
                    }
                    ++expected;
                    continue;
                }
                if (d >= kAvoid)
                {
                    if (has)
                    {
                        diff << "node " << u << " has a route to unreachable " << net << ": "
                             << best;
                        return diff.str();
                    }
                    continue;
                }
                ++expected;
                if (!has || best.protocol != HopCount::PROTOCOL)
                {
                    diff << "node " << u << ": no hop-count route to " << net << " (" << d
                         << " hops)";
                    return diff.str();
                }
                if (best.GetIpMetric() != d)
                {
                    diff << "node " << u << ": " << net << " metric " << best.GetIpMetric()
                         << ", oracle " << d;
                    return diff.str();
                }
                bool firstHop = false;
                for (uint32_t o : ends)
                {
                    if (m_stopped.count(o) || oracle.GetDistance(u, o) != d)
                    {
                        continue;
                    }
                    for (const auto& [interface, gateway] : m_th.GetNextHops(oracle, u, o))
                    {
                        firstHop |= best.interface == interface && best.GetIpNextHop() == gateway;
                    }
                }
                if (!firstHop)
                {
                    diff << "node " << u << ": " << net << " via " << best.GetIpNextHop() << " if "
                         << best.interface << " is not a shortest-path first hop";
                    return diff.str();
                }
            }
            uint32_t loopback =
                rtm->IsRoute(RtmFamily::Ip, RtmRoute::IpKey(0x7F000000, 0xFF000000), nullptr) ? 1
                                                                                              : 0;
            if (rtm->GetNetworkCount(RtmFamily::Ip) != expected + loopback)
            {
                diff << "node " << u << " has " << rtm->GetNetworkCount(RtmFamily::Ip)
                     << " networks, expected " << expected + loopback;
                return diff.str();
            }
        }
        return "";
    }

    /**
     * Run until Compare() passes (checked every 10 ms) or a deadline.
     * @param deadline absolute time
     * @return the time of convergence, or a negative time
     */
    Time RunUntilConverged(Time deadline)
    {
        Time found = Seconds(-1);
        std::function<void()> check;
        check = [&]() {
            if (Compare().empty())
            {
                found = Simulator::Now();
                Simulator::Stop();
                return;
            }
            if (Simulator::Now() >= deadline)
            {
                Simulator::Stop();
                return;
            }
            Simulator::Schedule(MilliSeconds(10), RtmMakeEvent(check));
        };
        Simulator::Schedule(MilliSeconds(10), RtmMakeEvent(check));
        Simulator::Run();
        return found;
    }

    /**
     * Run the simulation to an absolute time.
     * @param t the time
     */
    static void RunTo(Time t)
    {
        Simulator::Stop(t - Simulator::Now());
        Simulator::Run();
    }

  private:
    /// Give router v its stub LAN: a device on a channel of its own.
    /// @param v the vertex
    void AddStubLan(uint32_t v)
    {
        Ptr<Node> node = m_th.GetNode(v);
        Ptr<SimpleNetDevice> device = CreateObject<SimpleNetDevice>();
        device->SetAddress(Mac48Address::Allocate());
        device->SetChannel(CreateObject<SimpleChannel>());
        node->AddDevice(device);
        Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
        uint32_t i = ipv4->AddInterface(device);
        ipv4->AddAddress(i,
                         Ipv4InterfaceAddress(Ipv4Address(RtmRoute::KeyAddress(LanKey(v)) + 1),
                                              Ipv4Mask("255.255.255.0")));
        ipv4->SetUp(i);
    }

    RtmTopology m_topology;              //!< the topology
    RtmTopologyHelper m_th;              //!< the ns-3 network
    std::vector<Ptr<HopCount>> m_agents; //!< by vertex
    std::set<uint32_t> m_failed;         //!< failed edges
    std::set<uint32_t> m_stopped;        //!< stopped vertices
};

class RtmLabProtocolTest : public ::testing::Test
{
  protected:
    void TearDown() override
    {
        Simulator::Destroy();
        Config::Reset();
    }
};

/// An announcement's packet as bytes.
std::vector<uint8_t>
Bytes(const HopCount::Announcement& a)
{
    Ptr<Packet> p = HopCount::Serialize(a);
    std::vector<uint8_t> b(p->GetSize());
    p->CopyData(b.data(), b.size());
    return b;
}

/// @return a packet of these bytes
Ptr<Packet>
PacketOf(const std::vector<uint8_t>& b)
{
    return Create<Packet>(b.data(), b.size());
}

/// A well-formed announcement with two networks.
HopCount::Announcement
Sample()
{
    HopCount::Announcement a;
    a.origin = 7;
    a.sequence = 0x01020304;
    a.hops = 3;
    a.networks = {RtmRoute::IpKey(Ipv4Address("10.1.0.0"), Ipv4Mask("255.255.0.0")),
                  RtmRoute::IpKey(Ipv4Address("192.168.4.0"), Ipv4Mask("255.255.255.0"))};
    return a;
}

} // namespace

// ---- the class and its registration ------------------------------------------------------------

using RtmLabProtocolTypeTest = RtmLabProtocolTest;

TEST_F(RtmLabProtocolTypeTest, ObjectFactoryCreatesTheAgent)
{
    // by TypeId, as RtmAgentHelperOf does
    ObjectFactory byId;
    byId.SetTypeId(HopCount::GetTypeId());
    byId.Set("Period", TimeValue(Seconds(2)));
    Ptr<HopCount> agent = byId.Create<HopCount>();
    ASSERT_TRUE(agent);
    TimeValue period;
    agent->GetAttribute("Period", period);
    EXPECT_EQ(period.Get(), Seconds(2));
    EXPECT_EQ(agent->GetProtocol(), 7u);
    // by name, once registered
    EXPECT_EQ(RegisterRtmHopCountAgent(), HopCount::GetTypeId());
    TypeId tid;
    ASSERT_TRUE(TypeId::LookupByNameFailSafe("ns3::RtmHopCountAgent", &tid));
    EXPECT_EQ(tid.GetParent(), RtmAgent::GetTypeId());
    ObjectFactory byName("ns3::RtmHopCountAgent");
    EXPECT_TRUE(DynamicCast<HopCount>(byName.Create()));
    Config::SetDefault("ns3::RtmHopCountAgent::Timeout", TimeValue(Seconds(42)));
    TimeValue timeout;
    CreateObject<HopCount>()->GetAttribute("Timeout", timeout);
    EXPECT_EQ(timeout.Get(), Seconds(42));
}

// ---- the packet format -------------------------------------------------------------------------

using RtmLabProtocolPacketTest = RtmLabProtocolTest;

TEST_F(RtmLabProtocolPacketTest, RoundTripInNetworkByteOrder)
{
    std::vector<uint8_t> b = Bytes(Sample());
    ASSERT_EQ(b.size(), 12u + 2 * 8);
    EXPECT_EQ(b[3], 7);                            // origin
    EXPECT_EQ(b[4], 1);                            // sequence, most significant byte first
    EXPECT_EQ(b[9], 3);                            // hops
    EXPECT_EQ(b[11], 2);                           // count
    EXPECT_EQ(b[12], 10);                          // 10.1.0.0
    EXPECT_EQ(b[16] + b[17] + b[18] + b[19], 510); // 255.255.0.0
    HopCount::Announcement a;
    ASSERT_TRUE(HopCount::Parse(PacketOf(b), &a));
    EXPECT_EQ(a.origin, 7u);
    EXPECT_EQ(a.sequence, 0x01020304u);
    EXPECT_EQ(a.hops, 3);
    EXPECT_EQ(a.networks, Sample().networks);
    HopCount::Announcement empty;
    empty.origin = 1;
    ASSERT_TRUE(HopCount::Parse(HopCount::Serialize(empty), &a));
    EXPECT_TRUE(a.networks.empty());
}

TEST_F(RtmLabProtocolPacketTest, MalformedPacketsAreRejected)
{
    std::vector<uint8_t> good = Bytes(Sample());
    HopCount::Announcement a;
    auto parse = [&a](const std::vector<uint8_t>& v) { return HopCount::Parse(PacketOf(v), &a); };
    EXPECT_TRUE(parse(good));
    EXPECT_FALSE(parse({}));                                                    // empty
    EXPECT_FALSE(parse(std::vector<uint8_t>(good.begin(), good.begin() + 11))); // short header
    EXPECT_FALSE(parse(std::vector<uint8_t>(good.begin(), good.end() - 1)));    // cut entry
    auto longer = good;
    longer.push_back(0);
    EXPECT_FALSE(parse(longer)); // one byte too many
    auto v = good;
    v[11] = 3; // says 3 networks, holds 2
    EXPECT_FALSE(parse(v));
    v = good;
    v[10] = 0xFF; // a huge count
    v[11] = 0xFF;
    EXPECT_FALSE(parse(v));
    v = good;
    v[8] = 0;
    v[9] = 255; // hops = MAX_HOPS
    EXPECT_FALSE(parse(v));
    v = good;
    v[18] = 255; // mask 255.255.255.0 is fine ...
    EXPECT_TRUE(parse(v));
    v[17] = 0; // ... 255.0.255.0 is not
    EXPECT_FALSE(parse(v));
    v = good;
    v[14] = 9; // 10.1.9.0 has bits outside /16
    EXPECT_FALSE(parse(v));
    // too many networks for one packet
    HopCount::Announcement big = Sample();
    big.networks.assign(HopCount::MAX_NETWORKS + 1, big.networks.front());
    std::vector<uint8_t> over = Bytes(big); // Serialize writes MAX_NETWORKS of them
    EXPECT_EQ(over.size(), 12 + 8 * HopCount::MAX_NETWORKS);
    EXPECT_TRUE(parse(over));
    over[10] = 0;
    over[11] = HopCount::MAX_NETWORKS + 1;
    for (int i = 0; i < 8; ++i)
    {
        over.push_back(over[12 + i]);
    }
    EXPECT_FALSE(parse(over));
}

TEST_F(RtmLabProtocolPacketTest, RunningAgentDropsGarbageWithoutHarm)
{
    RtmTopologyGenerator generator;
    LabNet net(generator.Ring(4));
    ASSERT_GE(net.RunUntilConverged(Seconds(2)), Seconds(0)) << net.Compare();
    Ptr<HopCount> agent = net.Agent(0);
    uint32_t interface = net.Helper().GetInterface(0, 0);
    Ipv4Address neighbour = net.Helper().GetAddress(0, 1);
    uint64_t dropped = agent->GetDropped();
    // fed directly: every malformed packet is dropped and counted
    std::vector<uint8_t> good = Bytes(Sample());
    std::vector<std::vector<uint8_t>> bad = {{},
                                             {1},
                                             std::vector<uint8_t>(good.begin(), good.end() - 3),
                                             std::vector<uint8_t>(5000, 0xAB)};
    for (const auto& b : bad)
    {
        EXPECT_FALSE(agent->HandleDatagram(PacketOf(b), neighbour, interface));
    }
    EXPECT_FALSE(agent->HandleDatagram(PacketOf(good), neighbour, 99)); // no such interface
    // random bytes of random sizes (a fixed seed: the same bytes every run)
    std::mt19937 engine(12345);
    uint32_t accepted = 0;
    for (int i = 0; i < 2000; ++i)
    {
        std::vector<uint8_t> b(engine() % 64);
        for (auto& byte : b)
        {
            byte = static_cast<uint8_t>(engine());
        }
        accepted += agent->HandleDatagram(PacketOf(b), neighbour, interface) ? 1 : 0;
    }
    EXPECT_EQ(agent->GetDropped(), dropped + bad.size() + 1 + (2000 - accepted));
    // a real datagram over the link, from the neighbour's node to port 5000
    Ptr<Node> sender = net.Helper().GetNode(1);
    Ptr<Socket> socket = Socket::CreateSocket(sender, UdpSocketFactory::GetTypeId());
    socket->SetAllowBroadcast(true);
    ASSERT_EQ(socket->Bind(InetSocketAddress(neighbour, 6000)), 0);
    uint64_t before = agent->GetDropped();
    Ipv4Address broadcast =
        net.Helper().GetAddress(0, 0).GetSubnetDirectedBroadcast(RtmTopologyHelper::GetMask());
    Simulator::Schedule(MilliSeconds(1), RtmMakeEvent([socket, broadcast]() {
                            uint8_t junk[7] = {1, 2, 3, 4, 5, 6, 7};
                            socket->SendTo(Create<Packet>(junk, sizeof(junk)),
                                           0,
                                           InetSocketAddress(broadcast, HopCount::PORT));
                        }));
    LabNet::RunTo(Simulator::Now() + MilliSeconds(100));
    EXPECT_EQ(agent->GetDropped(), before + 1);
    socket->Close();
    // nothing of it changed the routes
    EXPECT_EQ(accepted, 0u); // (no random packet happened to be well formed)
    EXPECT_EQ(net.Compare(), "");
}

// ---- convergence -------------------------------------------------------------------------------

using RtmLabProtocolConvergenceTest = RtmLabProtocolTest;

TEST_F(RtmLabProtocolConvergenceTest, RingOfEight)
{
    RtmTopologyGenerator generator;
    LabNet net(generator.Ring(8));
    std::vector<uint32_t> received(8, 0);
    for (uint32_t v = 0; v < 8; ++v)
    {
        net.Agent(v)->TraceConnectWithoutContext(
            "Rx",
            RtmMakeCallback<void, Ptr<const Packet>, uint32_t>(
                [&received, v](Ptr<const Packet>, uint32_t) { ++received[v]; }));
    }
    Time t = net.RunUntilConverged(Seconds(2));
    ASSERT_GE(t, Seconds(0)) << net.Compare();
    // and it stays so over several periods (announcements refresh, nothing ages out)
    LabNet::RunTo(Seconds(40));
    EXPECT_EQ(net.Compare(), "");
    for (uint32_t v = 0; v < 8; ++v)
    {
        EXPECT_EQ(net.Agent(v)->GetDropped(), 0u);
        EXPECT_GT(received[v], 0u);
        EXPECT_EQ(net.CountOwnRoutes(v), 8u + 7u - 2u); // links and LANs not its own
    }
}

TEST_F(RtmLabProtocolConvergenceTest, GridFourByFour)
{
    RtmTopologyGenerator generator;
    LabNet net(generator.Grid(4, 4));
    Time t = net.RunUntilConverged(Seconds(2));
    ASSERT_GE(t, Seconds(0)) << net.Compare();
    LabNet::RunTo(Seconds(40));
    EXPECT_EQ(net.Compare(), "");
}

TEST_F(RtmLabProtocolConvergenceTest, RingReconvergesAfterLinkFailure)
{
    RtmTopologyGenerator generator;
    LabNet net(generator.Ring(8));
    ASSERT_GE(net.RunUntilConverged(Seconds(2)), Seconds(0)) << net.Compare();
    LabNet::RunTo(Seconds(10));
    net.Fail(3);
    // the next announcement of every origin (within a period and its jitter) takes the long way
    Time t = net.RunUntilConverged(Seconds(10) + Seconds(6));
    EXPECT_GE(t, Seconds(0)) << net.Compare();
}

// ---- leaving -----------------------------------------------------------------------------------

using RtmLabProtocolStopTest = RtmLabProtocolTest;

TEST_F(RtmLabProtocolStopTest, StopLeavesCleanly)
{
    RtmTopologyGenerator generator;
    LabNet net(generator.Grid(4, 4));
    ASSERT_GE(net.RunUntilConverged(Seconds(2)), Seconds(0)) << net.Compare();
    const uint32_t k = 5; // an inner router
    LabNet::RunTo(Seconds(20));
    ASSERT_GT(net.CountOwnRoutes(k), 0u);
    Time stopAt = Seconds(20);
    HopCountHelper::ScheduleStop(net.Helper().GetNode(k), stopAt);
    LabNet::RunTo(stopAt + MilliSeconds(1));
    // at once: the stopped router's RTM holds no route of the protocol, the client is gone
    EXPECT_FALSE(net.Agent(k)->IsStarted());
    EXPECT_EQ(net.CountOwnRoutes(k), 0u);
    EXPECT_EQ(net.Rtm(k)->FindClient(RtmFamily::Ip, HopCount::PROTOCOL), 0u);
    EXPECT_TRUE(net.Rtm(k)->IsRoute(RtmFamily::Ip, LabNet::LanKey(k), nullptr)); // connected
    // the others still route to its LAN: nobody told them, the routes must age out
    for (uint32_t v = 0; v < 16; ++v)
    {
        if (v != k)
        {
            EXPECT_TRUE(net.Rtm(v)->IsRoute(RtmFamily::Ip, LabNet::LanKey(k), nullptr)) << v;
        }
    }
    // after the aging time (Timeout after k was last heard, so at most Timeout after the stop)
    LabNet::RunTo(stopAt + Seconds(15) + MilliSeconds(100));
    for (uint32_t v = 0; v < 16; ++v)
    {
        if (v != k)
        {
            EXPECT_FALSE(net.Rtm(v)->IsRoute(RtmFamily::Ip, LabNet::LanKey(k), nullptr)) << v;
        }
    }
    // and everybody else routes around k: its links are reached through their other ends
    net.MarkStopped(k);
    EXPECT_EQ(net.Compare(), "");
    EXPECT_EQ(net.CountOwnRoutes(k), 0u);
}

TEST_F(RtmLabProtocolStopTest, RestartRejoins)
{
    RtmTopologyGenerator generator;
    LabNet net(generator.Ring(8));
    ASSERT_GE(net.RunUntilConverged(Seconds(2)), Seconds(0)) << net.Compare();
    HopCountHelper::ScheduleStop(net.Helper().GetNode(2), Seconds(10));
    LabNet::RunTo(Seconds(12));
    EXPECT_EQ(net.CountOwnRoutes(2), 0u);
    // back before the others forgot it: its sequence numbers go on from where they were, so
    // its next announcement is accepted at once; it learns the others' networks from their
    // next periodic announcements (within a period and its jitter)
    HopCountHelper::ScheduleStart(net.Helper().GetNode(2), Seconds(12));
    Time t = net.RunUntilConverged(Seconds(12) + Seconds(6));
    EXPECT_GE(t, Seconds(0)) << net.Compare();
    EXPECT_NE(net.Agent(2)->GetClientId(), 0u);
    EXPECT_EQ(net.Rtm(2)->FindClient(RtmFamily::Ip, HopCount::PROTOCOL),
              net.Agent(2)->GetClientId());
}
