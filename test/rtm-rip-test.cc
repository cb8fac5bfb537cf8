/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: tests of the RIPv2 agent (RtmRipAgent), its message format and its helper.
 */

#include "rtm-agent-test-network.h"

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/routing-table-manager.h"
#include "ns3/rtm-graphml-reader.h"
#include "ns3/rtm-helper.h"
#include "ns3/rtm-rip-agent.h"
#include "ns3/rtm-rip-header.h"
#include "ns3/rtm-rip-helper.h"
#include "ns3/rtm-static-agent.h"
#include "ns3/rtm-topology-generator.h"
#include "ns3/rtm-topology-helper.h"
#include "ns3/rtm-topology-oracle.h"
#include "ns3/rtm-topology.h"

#include <algorithm>
#include <filesystem>
#include <gtest/gtest.h>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

const std::string kZooDir = RTM_SOURCE_DIR "/data/topology-zoo";

/// Bytes of a message.
std::vector<uint8_t>
Bytes(const RtmRipHeader& h)
{
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(h);
    std::vector<uint8_t> b(p->GetSize());
    p->CopyData(b.data(), b.size());
    return b;
}

/// A response RTE.
RtmRipHeader::Rte
Rte(const char* prefix, const char* mask, uint32_t metric)
{
    RtmRipHeader::Rte r;
    r.prefix = Ipv4Address(prefix);
    r.mask = Ipv4Mask(mask);
    r.metric = metric;
    return r;
}

/**
 * A network built from a topology, with the RTM forwarding plane (RtmHelper) and a RIP agent
 * on every node.
 */
class RipNet : public rtmtest::AgentTestNetwork
{
  public:
    /**
     * @param topology the topology
     * @param configure called on the RIP helper before Install
     */
    explicit RipNet(
        const RtmTopology& topology,
        const std::function<void(RtmRipHelper&, RtmTopologyHelper&)>& configure = nullptr)
        : AgentTestNetwork(topology)
    {
        RtmRipHelper rip;
        rtmtest::SetShortRipTimers(rip); // the suggestion
        if (configure)
        {
            configure(rip, Helper());
        }
        m_agents = rip.Install(GetNodes());
        rip.AssignStreams(GetNodes(), 1000);
    }

    Ptr<RtmRipAgent> Agent(uint32_t v) const
    {
        return m_agents.at(v);
    }

    /**
     * Compare every node's best routes with the shortest paths of the topology without the
     * failed links: every link network at hop distance d (to its nearer end) must have a RIP
     * best route of metric d + 1 whose (interface, next hop) is one of the oracle's equal-cost
     * first hops; networks of failed links and networks at metric >= infinity must have no
     * route; a node's own links are connected routes.
     * @param infinity the RIP infinity
     * @return "" or the first difference
     */
    std::string Compare(uint32_t infinity = 16) const
    {
        // the topology without the failed links, edge indices mapped back
        std::vector<uint32_t> original;
        RtmTopology live = LiveTopology({}, &original);
        RtmTopologyOracle oracle(live, RtmTopologyOracle::Metric::Hop);
        std::ostringstream diff;
        for (uint32_t u = 0; u < Topology().GetNVertices(); ++u)
        {
            Ptr<RoutingTableManager> rtm = Rtm(u);
            for (uint32_t e = 0; e < Topology().GetNEdges(); ++e)
            {
                RtmRoute best;
                bool has = rtm->IsRoute(RtmFamily::Ip, Key(e), &best);
                uint32_t a = Topology().GetEdgeSource(e);
                uint32_t b = Topology().GetEdgeTarget(e);
                if (IsFailed(e))
                {
                    if (has)
                    {
                        diff << "node " << u << " still has a route to failed link " << e << ": "
                             << best;
                        return diff.str();
                    }
                    continue;
                }
                if (u == a || u == b)
                {
                    if (!has || best.protocol != 2)
                    {
                        diff << "node " << u << ": link " << e << " is not a connected route";
                        return diff.str();
                    }
                    continue;
                }
                uint64_t da = oracle.GetDistance(u, a);
                uint64_t db = oracle.GetDistance(u, b);
                uint64_t d = std::min(da, db);
                if (d == RtmTopologyOracle::INFINITE_DISTANCE || d + 1 >= infinity)
                {
                    if (has)
                    {
                        diff << "node " << u << " has a route to unreachable link " << e << ": "
                             << best;
                        return diff.str();
                    }
                    continue;
                }
                if (!has || best.protocol != RtmRipAgent::PROTOCOL)
                {
                    diff << "node " << u << ": no RIP route to link " << e << " (hop distance " << d
                         << ")";
                    return diff.str();
                }
                if (best.GetIpMetric() != d + 1)
                {
                    diff << "node " << u << ": link " << e << " metric " << best.GetIpMetric()
                         << ", oracle " << d + 1;
                    return diff.str();
                }
                if (!IsShortestPathFirstHop(oracle, original, u, e, d, best))
                {
                    diff << "node " << u << ": link " << e << " via " << best.GetIpNextHop()
                         << " if " << best.interface << " is not a shortest-path first hop";
                    return diff.str();
                }
            }
            // nothing else than the link networks and the loopback
            uint32_t expected = CountLinkRoutes(u);
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
     * Run until Compare() passes (checked every 0.5 s) or a deadline.
     * @param deadline absolute time
     * @return the time of convergence, or a negative time
     */
    Time RunUntilConverged(Time deadline, uint32_t infinity = 16)
    {
        return RunUntil([&]() { return Compare(infinity); }, MilliSeconds(500), deadline);
    }

  private:
    std::vector<Ptr<RtmRipAgent>> m_agents;
};

using RtmRipTest = rtmtest::AgentTest;

// ---- the message format ------------------------------------------------------------------------

using RtmRipHeaderTest = RtmRipTest;

TEST_F(RtmRipHeaderTest, RoundTrip)
{
    RtmRipHeader h;
    h.SetCommand(RtmRipHeader::RESPONSE);
    RtmRipHeader::Rte r = Rte("10.1.0.0", "255.255.0.0", 3);
    r.tag = 77;
    r.nextHop = Ipv4Address("10.0.0.9");
    h.AddRte(r);
    h.AddRte(Rte("0.0.0.0", "0.0.0.0", 16));
    EXPECT_EQ(h.GetSerializedSize(), 44u);
    std::vector<uint8_t> b = Bytes(h);
    ASSERT_EQ(b.size(), 44u);
    // network byte order, RFC 2453 section 4
    EXPECT_EQ(b[0], 2);
    EXPECT_EQ(b[1], 2);
    EXPECT_EQ(b[4], 0);
    EXPECT_EQ(b[5], 2);
    EXPECT_EQ(b[8], 10);
    EXPECT_EQ(b[9], 1);
    EXPECT_EQ(b[23], 3);
    RtmRipHeader parsed;
    ASSERT_EQ(RtmRipHeader::Parse(b.data(), b.size(), &parsed), RtmRipHeader::OK);
    ASSERT_EQ(parsed.GetRteNumber(), 2u);
    EXPECT_EQ(parsed.GetCommand(), RtmRipHeader::RESPONSE);
    EXPECT_EQ(parsed.GetRtes()[0].prefix, Ipv4Address("10.1.0.0"));
    EXPECT_EQ(parsed.GetRtes()[0].mask, Ipv4Mask("255.255.0.0"));
    EXPECT_EQ(parsed.GetRtes()[0].nextHop, Ipv4Address("10.0.0.9"));
    EXPECT_EQ(parsed.GetRtes()[0].tag, 77);
    EXPECT_EQ(parsed.GetRtes()[0].metric, 3u);
    // through Packet::RemoveHeader too
    Ptr<Packet> p = Create<Packet>(b.data(), b.size());
    RtmRipHeader viaPacket;
    p->RemoveHeader(viaPacket);
    EXPECT_EQ(viaPacket.GetStatus(), RtmRipHeader::OK);
    EXPECT_EQ(viaPacket.GetRteNumber(), 2u);
}

TEST_F(RtmRipHeaderTest, ParseRejectsEachProblem)
{
    RtmRipHeader good;
    good.AddRte(Rte("10.1.0.0", "255.255.0.0", 3));
    std::vector<uint8_t> b = Bytes(good);
    auto parse = [](std::vector<uint8_t> v) {
        return RtmRipHeader::Parse(v.data(), v.size(), nullptr);
    };
    EXPECT_EQ(parse(b), RtmRipHeader::OK);
    EXPECT_EQ(parse({2, 2, 0}), RtmRipHeader::TRUNCATED);
    EXPECT_EQ(RtmRipHeader::Parse(nullptr, 0, nullptr), RtmRipHeader::TRUNCATED);
    std::vector<uint8_t> cut(b.begin(), b.end() - 1);
    EXPECT_EQ(parse(cut), RtmRipHeader::TRUNCATED);
    RtmRipHeader big;
    for (int i = 0; i < 26; ++i)
    {
        big.AddRte(Rte("10.1.0.0", "255.255.0.0", 3));
    }
    EXPECT_EQ(parse(Bytes(big)), RtmRipHeader::OVERSIZED);
    auto v = b;
    v[1] = 1;
    EXPECT_EQ(parse(v), RtmRipHeader::BAD_VERSION);
    v = b;
    v[0] = 3;
    EXPECT_EQ(parse(v), RtmRipHeader::BAD_COMMAND);
    v = b;
    v[5] = 7;
    EXPECT_EQ(parse(v), RtmRipHeader::BAD_ADDRESS_FAMILY);
    v = b;
    v[23] = 0;
    EXPECT_EQ(parse(v), RtmRipHeader::BAD_METRIC);
    v = b;
    v[23] = 17;
    EXPECT_EQ(parse(v), RtmRipHeader::BAD_METRIC);
    v = b;
    v[14] = 0; // mask 255.255.0.0 -> 255.0.0.0 would be fine; 255.0.255.0 is not
    v[13] = 0;
    v[14] = 255;
    EXPECT_EQ(parse(v), RtmRipHeader::BAD_MASK);
    v = b;
    v[10] = 5; // 10.1.5.0 outside /16
    EXPECT_EQ(parse(v), RtmRipHeader::BAD_MASK);
    v = b;
    v[8] = 127;
    EXPECT_EQ(parse(v), RtmRipHeader::BAD_ADDRESS);
    v = b;
    v[8] = 224;
    EXPECT_EQ(parse(v), RtmRipHeader::BAD_ADDRESS);
    // the whole-table request
    RtmRipHeader req;
    req.SetCommand(RtmRipHeader::REQUEST);
    RtmRipHeader::Rte all;
    all.family = 0;
    all.metric = 16;
    req.AddRte(all);
    RtmRipHeader parsed;
    ASSERT_EQ(RtmRipHeader::Parse(Bytes(req).data(), req.GetSerializedSize(), &parsed),
              RtmRipHeader::OK);
    EXPECT_TRUE(parsed.IsWholeTableRequest());
    // a family-0 entry in a response is not a request
    RtmRipHeader resp0 = req;
    resp0.SetCommand(RtmRipHeader::RESPONSE);
    EXPECT_EQ(parse(Bytes(resp0)), RtmRipHeader::BAD_ADDRESS_FAMILY);
    EXPECT_TRUE(RtmRipHeader::IsContiguous(Ipv4Mask("255.255.255.252")));
    EXPECT_TRUE(RtmRipHeader::IsContiguous(Ipv4Mask("0.0.0.0")));
    EXPECT_FALSE(RtmRipHeader::IsContiguous(Ipv4Mask("255.0.255.0")));
}

// ---- convergence against the oracle ------------------------------------------------------------

using RtmRipConvergenceTest = RtmRipTest;

TEST_F(RtmRipConvergenceTest, Line)
{
    RtmTopologyGenerator gen;
    RipNet net(gen.Line(6));
    Time t = net.RunUntilConverged(Seconds(60));
    EXPECT_GE(t, Seconds(0)) << net.Compare();
    // stays converged through periodic updates
    Simulator::Stop(Seconds(20));
    Simulator::Run();
    EXPECT_EQ(net.Compare(), "");
}

TEST_F(RtmRipConvergenceTest, TrafficFollowsRipRoutes)
{
    // The RTM forwarder carries traffic along the routes RIP installed: UDP echo end to end.
    RtmTopologyGenerator gen;
    RipNet net(gen.Line(5));
    ASSERT_GE(net.RunUntilConverged(Seconds(30)), Seconds(0)) << net.Compare();
    Ipv4Address far = net.Helper().GetAddress(3, 1); // node 4
    UdpEchoServerHelper server(9);
    ApplicationContainer s = server.Install(net.GetNode(4));
    UdpEchoClientHelper client(far, 9);
    client.SetAttribute("MaxPackets", UintegerValue(3));
    client.SetAttribute("Interval", TimeValue(MilliSeconds(100)));
    ApplicationContainer c = client.Install(net.GetNode(0));
    uint32_t echoed = 0;
    c.Get(0)->TraceConnectWithoutContext(
        "Rx",
        Callback<void, Ptr<const Packet>>([&echoed](Ptr<const Packet>) { ++echoed; }));
    s.Start(Simulator::Now());
    c.Start(Simulator::Now() + MilliSeconds(10));
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    EXPECT_EQ(echoed, 3u);
}

TEST_F(RtmRipConvergenceTest, Ring)
{
    RtmTopologyGenerator gen;
    RipNet net(gen.Ring(7)); // odd: networks at equal distance from both ends exist
    Time t = net.RunUntilConverged(Seconds(60));
    EXPECT_GE(t, Seconds(0)) << net.Compare();
}

TEST_F(RtmRipConvergenceTest, Grid)
{
    RtmTopologyGenerator gen;
    RipNet net(gen.Grid(4, 5));
    Time t = net.RunUntilConverged(Seconds(60));
    EXPECT_GE(t, Seconds(0)) << net.Compare();
    EXPECT_EQ(net.Agent(0)->GetDroppedPackets(), 0u);
    EXPECT_GT(net.Agent(0)->GetReceivedPackets(), 0u);
}

TEST_F(RtmRipConvergenceTest, LongLineStopsAtInfinity)
{
    // 18 nodes: the far ends are 16 hops apart, beyond RIP's diameter.
    RtmTopologyGenerator gen;
    RipNet net(gen.Line(18));
    Time t = net.RunUntilConverged(Seconds(80));
    EXPECT_GE(t, Seconds(0)) << net.Compare();
    EXPECT_FALSE(net.Rtm(0)->IsRoute(RtmFamily::Ip, net.Key(16), nullptr));
    RtmRoute r;
    ASSERT_TRUE(net.Rtm(0)->IsRoute(RtmFamily::Ip, net.Key(14), &r));
    EXPECT_EQ(r.GetIpMetric(), 15u);
}

TEST_F(RtmRipConvergenceTest, TopologyZooAbilene)
{
    std::string path = kZooDir + "/Abilene.graphml";
    ASSERT_TRUE(std::filesystem::exists(path))
        << "Topology Zoo map missing from the repository: " << path;
    RtmGraphmlReader reader;
    RtmTopology zoo = reader.Read(path);
    RipNet net(zoo);
    Time t = net.RunUntilConverged(Seconds(60));
    EXPECT_GE(t, Seconds(0)) << net.Compare();
}

// ---- failures ----------------------------------------------------------------------------------

using RtmRipFailureTest = RtmRipTest;

TEST_F(RtmRipFailureTest, RingReconvergesAfterLinkFailure)
{
    RtmTopologyGenerator gen;
    RipNet net(gen.Ring(6));
    ASSERT_GE(net.RunUntilConverged(Seconds(40)), Seconds(0)) << net.Compare();
    Time failAt = Simulator::Now() + Seconds(1);
    Simulator::Schedule(Seconds(1), [&]() { net.Fail(0); });
    Time t = net.RunUntilConverged(failAt + Seconds(60));
    ASSERT_GE(t, Seconds(0)) << net.Compare();
    // poisoned reverse and triggered updates: well before the 30 s timeout
    EXPECT_LT(t - failAt, Seconds(20)) << "reconverged after " << (t - failAt).As(Time::S);
}

TEST_F(RtmRipFailureTest, GridReconvergesAfterTwoFailures)
{
    RtmTopologyGenerator gen;
    RipNet net(gen.Grid(4, 4));
    ASSERT_GE(net.RunUntilConverged(Seconds(40)), Seconds(0)) << net.Compare();
    Simulator::Schedule(Seconds(1), [&]() {
        net.Fail(0);
        net.Fail(5);
    });
    ASSERT_GE(net.RunUntilConverged(Simulator::Now() + Seconds(60)), Seconds(0)) << net.Compare();
}

/// Metric of a network's best route at a node over time (the lab's observation).
struct MetricLog
{
    std::vector<uint32_t> metrics; //!< 16 = route removed
    std::vector<Time> times;

    void Hook(Ptr<RoutingTableManager> rtm, uint64_t key)
    {
        rtm->TraceConnectWithoutContext(
            "BestRouteChange",
            Callback<void, const RtmChange&>([this, key](const RtmChange& c) {
                if (c.network != key)
                {
                    return;
                }
                metrics.push_back((c.flags & RtmChange::CURRENT) ? c.current.GetIpMetric() : 16);
                times.push_back(Simulator::Now());
            }));
    }

    /// @return the largest metric a route was installed with (16 means removed, not counted)
    uint32_t Max() const
    {
        uint32_t m = 0;
        for (uint32_t x : metrics)
        {
            m = x < 16 ? std::max(m, x) : m;
        }
        return m;
    }
};

/**
 * A - B - C - D; the link B-C fails just before A's periodic update, so that A's advertisement
 * of the C-D network reaches B before B's triggered update (the race triggered updates lose).
 * @param mode the split horizon
 * @param logA metric of C-D at A
 * @param logB metric of C-D at B
 * @param net the network (out)
 */
void
CountScenario(RtmRipAgent::SplitHorizon mode,
              MetricLog* logA,
              MetricLog* logB,
              std::unique_ptr<RipNet>* net)
{
    RtmTopologyGenerator gen;
    *net = std::make_unique<RipNet>(gen.Line(4), [mode](RtmRipHelper& rip, RtmTopologyHelper&) {
        rip.Set("SplitHorizon", EnumValue(mode));
    });
    RipNet& n = **net;
    ASSERT_GE(n.RunUntilConverged(Seconds(30)), Seconds(0)) << n.Compare();
    uint64_t cd = n.Key(2);
    logA->Hook(n.Rtm(0), cd);
    logB->Hook(n.Rtm(1), cd);
    Time failAt = n.Agent(0)->GetNextPeriodicUpdate() - MilliSeconds(10);
    ASSERT_GT(failAt, Simulator::Now());
    Simulator::Schedule(failAt - Simulator::Now(), [&n]() { n.Fail(1); });
    Simulator::Stop(Seconds(60));
    Simulator::Run();
}

TEST_F(RtmRipFailureTest, CountsToInfinityWithoutSplitHorizon)
{
    MetricLog a;
    MetricLog b;
    std::unique_ptr<RipNet> net;
    CountScenario(RtmRipAgent::NO_SPLIT_HORIZON, &a, &b, &net);
    // B hears A's stale route (metric 3 + 1), A follows B: the metric climbs by two per round
    ASSERT_FALSE(b.metrics.empty());
    EXPECT_GE(b.Max(), 14u);
    EXPECT_GE(a.Max(), 15u);
    for (std::size_t i = 1; i < a.metrics.size(); ++i)
    {
        EXPECT_GT(a.metrics[i], a.metrics[i - 1]) << "A's metric must only grow";
    }
    // and stops at infinity: the route is removed, not kept at 16
    EXPECT_EQ(a.metrics.back(), 16u);
    EXPECT_EQ(b.metrics.back(), 16u);
    EXPECT_FALSE(net->Rtm(0)->IsRoute(RtmFamily::Ip, net->Key(2), nullptr));
    EXPECT_FALSE(net->Rtm(1)->IsRoute(RtmFamily::Ip, net->Key(2), nullptr));
    EXPECT_EQ(net->Compare(), "");
}

TEST_F(RtmRipFailureTest, PoisonReverseAndSplitHorizonDoNotCount)
{
    for (auto mode : {RtmRipAgent::SPLIT_HORIZON, RtmRipAgent::POISON_REVERSE})
    {
        MetricLog a;
        MetricLog b;
        std::unique_ptr<RipNet> net;
        CountScenario(mode, &a, &b, &net);
        // B's route is withdrawn at once and never comes back; A loses it on B's update
        ASSERT_EQ(b.metrics.size(), 1u) << "mode " << mode;
        EXPECT_EQ(b.metrics[0], 16u);
        ASSERT_EQ(a.metrics.size(), 1u) << "mode " << mode;
        EXPECT_EQ(a.metrics[0], 16u);
        EXPECT_LT(a.times[0] - b.times[0], Seconds(2));
        EXPECT_EQ(net->Compare(), "");
        Simulator::Destroy();
    }
}

TEST_F(RtmRipFailureTest, SilentNeighbourTimesOutThroughTheRtm)
{
    // Line 0-1-2; node 1's agent stops without a goodbye: node 0's route to the 1-2 link must
    // age out of the RTM after TimeoutDelay (30 s), then be advertised at 16 and forgotten.
    RtmTopologyGenerator gen;
    RipNet net(gen.Line(3), [](RtmRipHelper& rip, RtmTopologyHelper&) {
        rip.Set("PoisonOnStop", BooleanValue(false));
    });
    ASSERT_GE(net.RunUntilConverged(Seconds(30)), Seconds(0)) << net.Compare();
    uint32_t agedOut = 0;
    net.Rtm(0)->TraceConnectWithoutContext(
        "RouteAgedOut",
        Callback<void, RtmFamily, const RtmRoute&>([&agedOut](RtmFamily, const RtmRoute& r) {
            agedOut += r.protocol == RtmRipAgent::PROTOCOL ? 1 : 0;
        }));
    net.Agent(1)->Stop();
    EXPECT_FALSE(net.Agent(1)->IsStarted());
    // the last refresh was at most one period (5 s + 1 s jitter) before the stop
    Simulator::Stop(Seconds(20));
    Simulator::Run();
    EXPECT_TRUE(net.Rtm(0)->IsRoute(RtmFamily::Ip, net.Key(1), nullptr)) << "too early";
    EXPECT_EQ(agedOut, 0u);
    Simulator::Stop(Seconds(15));
    Simulator::Run();
    EXPECT_FALSE(net.Rtm(0)->IsRoute(RtmFamily::Ip, net.Key(1), nullptr));
    EXPECT_EQ(agedOut, 1u);
    EXPECT_EQ(net.Agent(0)->GetNRoutes(), 0u);
    // during garbage collection (20 s) the network is still advertised, at infinity
    EXPECT_EQ(net.Agent(0)->GetNAdvertised(), 2u);
    Simulator::Stop(Seconds(20));
    Simulator::Run();
    EXPECT_EQ(net.Agent(0)->GetNAdvertised(), 1u); // its own link only
}

TEST_F(RtmRipFailureTest, EqualCostAlternativeReplacesAStaleRoute)
{
    // Grid 3x3: node 0 reaches link 4-5 (edge 7) with metric 3 through node 1 or node 3. The
    // neighbour it uses goes silent: after half the timeout without a refresh, the other
    // neighbour's equal metric is taken (RFC 2453 3.9.2), before the route would time out.
    RtmTopologyGenerator gen;
    RipNet net(gen.Grid(3, 3), [](RtmRipHelper& rip, RtmTopologyHelper&) {
        rip.Set("PoisonOnStop", BooleanValue(false));
    });
    ASSERT_GE(net.RunUntilConverged(Seconds(30)), Seconds(0)) << net.Compare();
    RtmRoute r;
    ASSERT_TRUE(net.Rtm(0)->IsRoute(RtmFamily::Ip, net.Key(7), &r));
    ASSERT_EQ(r.GetIpMetric(), 3u);
    bool viaOne = r.GetIpNextHop() == net.Helper().GetAddress(0, 1);
    ASSERT_TRUE(viaOne || r.GetIpNextHop() == net.Helper().GetAddress(1, 1));
    Ipv4Address other = viaOne ? net.Helper().GetAddress(1, 1) : net.Helper().GetAddress(0, 1);
    MetricLog log;
    log.Hook(net.Rtm(0), net.Key(7));
    net.Agent(viaOne ? 1 : 3)->Stop();
    Simulator::Stop(Seconds(22));
    Simulator::Run();
    ASSERT_TRUE(net.Rtm(0)->IsRoute(RtmFamily::Ip, net.Key(7), &r));
    EXPECT_EQ(r.GetIpNextHop(), other);
    EXPECT_EQ(r.GetIpMetric(), 3u);
    EXPECT_EQ(log.metrics, std::vector<uint32_t>{3}) << "one change, never unreachable";
}

// ---- run-time join and leave -------------------------------------------------------------------

using RtmRipLifeCycleTest = RtmRipTest;

TEST_F(RtmRipLifeCycleTest, StopRemovesRoutesAndStartRejoins)
{
    RtmTopologyGenerator gen;
    RipNet net(gen.Line(4));
    ASSERT_GE(net.RunUntilConverged(Seconds(30)), Seconds(0)) << net.Compare();
    ASSERT_TRUE(net.Agent(1)->IsStarted());
    uint32_t deregistered = 0;
    net.Rtm(1)->TraceConnectWithoutContext(
        "ClientDeregistered",
        Callback<void, RtmFamily, uint32_t>([&deregistered](RtmFamily, uint32_t p) {
            deregistered += p == RtmRipAgent::PROTOCOL ? 1 : 0;
        }));
    Simulator::Schedule(Seconds(1), [&net]() { net.Agent(1)->Stop(); });
    Simulator::Stop(Seconds(1) + MilliSeconds(1));
    Simulator::Run();
    EXPECT_EQ(deregistered, 1u);
    EXPECT_EQ(net.Rtm(1)->FindClient(RtmFamily::Ip, RtmRipAgent::PROTOCOL), 0u);
    EXPECT_FALSE(net.Rtm(1)->IsRoute(RtmFamily::Ip, net.Key(2), nullptr)); // learned via 2
    uint32_t ripRoutes = 0;
    net.Rtm(1)->ForEachRoute(RtmFamily::Ip, [&ripRoutes](const RtmRoute& r) {
        ripRoutes += r.protocol == RtmRipAgent::PROTOCOL ? 1 : 0;
    });
    EXPECT_EQ(ripRoutes, 0u);
    // the goodbye (every route at 16) reaches node 0 at once: it loses what it heard from 1
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    EXPECT_FALSE(net.Rtm(0)->IsRoute(RtmFamily::Ip, net.Key(1), nullptr));
    EXPECT_FALSE(net.Rtm(0)->IsRoute(RtmFamily::Ip, net.Key(2), nullptr));
    EXPECT_TRUE(net.Rtm(0)->IsRoute(RtmFamily::Ip, net.Key(0), nullptr)); // connected
    // back again, during the simulation
    Simulator::Schedule(Seconds(1),
                        [&net]() { EXPECT_EQ(net.Agent(1)->Start(), RtmError::Success); });
    Time t = net.RunUntilConverged(Simulator::Now() + Seconds(30));
    EXPECT_GE(t, Seconds(0)) << net.Compare();
}

TEST_F(RtmRipLifeCycleTest, SecondRipClientIsRefused)
{
    RtmTopologyGenerator gen;
    RipNet net(gen.Line(2));
    Simulator::Stop(Seconds(1));
    Simulator::Run();
    Ptr<RtmRipAgent> other = CreateObject<RtmRipAgent>();
    other->SetNode(net.GetNode(0));
    EXPECT_EQ(other->Start(), RtmError::AlreadyExists);
    EXPECT_FALSE(other->IsStarted());
    Ptr<RtmRipAgent> nowhere = CreateObject<RtmRipAgent>();
    EXPECT_EQ(nowhere->Start(), RtmError::InvalidParameter);
}

// ---- redistribution, priorities, interfaces ----------------------------------------------------

using RtmRipRedistributionTest = RtmRipTest;

TEST_F(RtmRipRedistributionTest, StaticRouteIsAdvertisedAndWinsLocally)
{
    RtmTopologyGenerator gen;
    RipNet net(gen.Line(3));
    // a static route on node 2 towards a stub network behind its link to 1 (any next hop will
    // do: it is never used for traffic here)
    RtmHelper rtm;
    uint64_t stub = RtmRoute::IpKey(Ipv4Address("192.168.5.0").Get(), 0xFFFFFF00);
    Simulator::Schedule(Seconds(2), [&]() {
        EXPECT_EQ(rtm.AddStaticRoute(net.GetNode(2),
                                     Ipv4Address("192.168.5.0"),
                                     Ipv4Mask("255.255.255.0"),
                                     Ipv4Address::GetAny(),
                                     1),
                  RtmError::Success);
    });
    Simulator::Stop(Seconds(20));
    Simulator::Run();
    RtmRoute r;
    ASSERT_TRUE(net.Rtm(0)->IsRoute(RtmFamily::Ip, stub, &r));
    EXPECT_EQ(r.protocol, RtmRipAgent::PROTOCOL);
    EXPECT_EQ(r.GetIpMetric(), 3u); // RedistributeMetric 1, plus two hops
    ASSERT_TRUE(net.Rtm(2)->IsRoute(RtmFamily::Ip, stub, &r));
    EXPECT_EQ(r.protocol, RtmStaticAgent::PROTOCOL);
    // node 1 hears it back from node 0? no: poisoned reverse keeps node 2 static-only,
    // and node 2 holds no RIP copy of its own static network learned from 1
    uint32_t ripAt2 = 0;
    net.Rtm(2)->ForEachRoute(RtmFamily::Ip, [&](const RtmRoute& x) {
        ripAt2 += (x.network == stub && x.protocol == RtmRipAgent::PROTOCOL) ? 1 : 0;
    });
    EXPECT_EQ(ripAt2, 0u);
    // withdrawing the static route withdraws it everywhere
    EXPECT_TRUE(rtm.RemoveStaticRoute(net.GetNode(2),
                                      Ipv4Address("192.168.5.0"),
                                      Ipv4Mask("255.255.255.0"),
                                      Ipv4Address::GetAny(),
                                      1));
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    EXPECT_FALSE(net.Rtm(0)->IsRoute(RtmFamily::Ip, stub, nullptr));
    EXPECT_FALSE(net.Rtm(1)->IsRoute(RtmFamily::Ip, stub, nullptr));
}

TEST_F(RtmRipRedistributionTest, RedistributionCanBeTurnedOff)
{
    RtmTopologyGenerator gen;
    RipNet net(gen.Line(3), [](RtmRipHelper& rip, RtmTopologyHelper&) {
        rip.Set("RedistributeOther", BooleanValue(false));
    });
    RtmHelper rtm;
    uint64_t stub = RtmRoute::IpKey(Ipv4Address("192.168.5.0").Get(), 0xFFFFFF00);
    rtm.AddStaticRoute(net.GetNode(2),
                       Ipv4Address("192.168.5.0"),
                       Ipv4Mask("255.255.255.0"),
                       Ipv4Address::GetAny(),
                       1);
    Simulator::Stop(Seconds(30));
    Simulator::Run();
    EXPECT_TRUE(net.Rtm(2)->IsRoute(RtmFamily::Ip, stub, nullptr));
    EXPECT_FALSE(net.Rtm(1)->IsRoute(RtmFamily::Ip, stub, nullptr));
    EXPECT_FALSE(net.Rtm(0)->IsRoute(RtmFamily::Ip, stub, nullptr));
    EXPECT_TRUE(net.Rtm(0)->IsRoute(RtmFamily::Ip, net.Key(1), nullptr)); // connected: still
}

TEST_F(RtmRipRedistributionTest, ExcludedInterfaceIsPassive)
{
    // line 0-1-2-3; node 1 does not run RIP towards 2: node 0 still learns the 1-2 link (node 1
    // advertises its connected network) but nothing beyond node 2.
    RtmTopologyGenerator gen;
    RipNet net(gen.Line(4), [](RtmRipHelper& rip, RtmTopologyHelper& th) {
        rip.ExcludeInterface(th.GetNode(1), th.GetInterface(1, 0));
    });
    Simulator::Stop(Seconds(30));
    Simulator::Run();
    EXPECT_EQ(net.Agent(1)->GetActiveInterfaces(), std::vector<uint32_t>{1});
    EXPECT_TRUE(net.Agent(1)->IsInterfaceExcluded(2));
    RtmRoute r;
    ASSERT_TRUE(net.Rtm(0)->IsRoute(RtmFamily::Ip, net.Key(1), &r));
    EXPECT_EQ(r.GetIpMetric(), 2u);
    EXPECT_FALSE(net.Rtm(0)->IsRoute(RtmFamily::Ip, net.Key(2), nullptr));
    EXPECT_FALSE(net.Rtm(3)->IsRoute(RtmFamily::Ip, net.Key(0), nullptr));
}

TEST_F(RtmRipRedistributionTest, InterfaceMetricSteersRoutes)
{
    // ring 0-1-2-3-0 (edges 0:0-1 1:1-2 2:2-3 3:3-0); node 0's interface to 1 costs 5: node 0
    // reaches the 1-2 link through 3 and 2 (metric 3) instead of through 1 (metric 6).
    RtmTopologyGenerator gen;
    RipNet net(gen.Ring(4), [](RtmRipHelper& rip, RtmTopologyHelper& th) {
        rip.SetInterfaceMetric(th.GetNode(0), th.GetInterface(0, 0), 5);
    });
    EXPECT_EQ(net.Agent(0)->GetInterfaceMetric(net.Helper().GetInterface(0, 0)), 5);
    Simulator::Stop(Seconds(30));
    Simulator::Run();
    RtmRoute r;
    ASSERT_TRUE(net.Rtm(0)->IsRoute(RtmFamily::Ip, net.Key(1), &r));
    EXPECT_EQ(r.GetIpMetric(), 3u);
    EXPECT_EQ(r.GetIpNextHop(), net.Helper().GetAddress(3, 0)); // node 3's end of edge 3
}

// ---- on the wire (RFC 2453) --------------------------------------------------------------------

/// Every message the agents of a network send: bytes and the interface they left through.
struct WireLog
{
    /// One sent message.
    struct Sent
    {
        uint32_t node;              //!< sender
        uint32_t interface;         //!< interface it left through
        std::vector<uint8_t> bytes; //!< the RIP message
    };

    std::vector<Sent> sent; //!< in sending order

    /// @param net the network whose agents to hook
    void Hook(const RipNet& net)
    {
        for (uint32_t v = 0; v < net.Topology().GetNVertices(); ++v)
        {
            net.Agent(v)->TraceConnectWithoutContext(
                "Tx",
                Callback<void, Ptr<const Packet>, uint32_t>(
                    [this, v](Ptr<const Packet> p, uint32_t interface) {
                        std::vector<uint8_t> b(p->GetSize());
                        p->CopyData(b.data(), b.size());
                        sent.push_back({v, interface, std::move(b)});
                    }));
        }
    }
};

using RtmRipWireTest = RtmRipTest;

TEST_F(RtmRipWireTest, UnusedFieldsAreZeroAndNextHopIsTheSender)
{
    // ns-3's unset Ipv4Address is 102.102.102.102: no RTE may carry it. Requests have every
    // field but the metric zero; responses say next hop 0.0.0.0 ("via the originator").
    RtmTopologyGenerator gen;
    RipNet net(gen.Grid(2, 3));
    WireLog log;
    log.Hook(net);
    ASSERT_GE(net.RunUntilConverged(Seconds(30)), Seconds(0)) << net.Compare();
    net.Fail(0);
    Simulator::Stop(Seconds(10));
    Simulator::Run();
    uint32_t requests = 0;
    uint32_t rtes = 0;
    for (const WireLog::Sent& s : log.sent)
    {
        const std::vector<uint8_t>& b = s.bytes;
        ASSERT_GE(b.size(), 24u);
        EXPECT_EQ(b[2], 0) << "must be zero (RFC 2453 4)";
        EXPECT_EQ(b[3], 0) << "must be zero (RFC 2453 4)";
        RtmRipHeader m;
        ASSERT_EQ(RtmRipHeader::Parse(b.data(), b.size(), &m), RtmRipHeader::OK);
        if (m.GetCommand() == RtmRipHeader::REQUEST)
        {
            ++requests;
            std::vector<uint8_t> expected(20, 0);
            expected[19] = 16; // family 0, metric infinity, nothing else
            EXPECT_EQ(std::vector<uint8_t>(b.begin() + 4, b.end()), expected);
            continue;
        }
        for (const RtmRipHeader::Rte& r : m.GetRtes())
        {
            ++rtes;
            EXPECT_EQ(r.nextHop, Ipv4Address::GetAny()) << "node " << s.node << " " << r.prefix;
            EXPECT_EQ(r.tag, 0);
        }
    }
    EXPECT_EQ(requests, net.Topology().GetNEdges() * 2) << "one startup request an interface";
    EXPECT_GT(rtes, 100u);
}

TEST_F(RtmRipWireTest, ABetterNextHopOnTheSubnetIsAdvertised)
{
    // Line 0 - 1 - 2. Node 1 has a static route via node 2 (on link 1-2), redistributed: on
    // link 1-2 node 1 names node 2 as the better next hop (RFC 2453 4.4), on link 0-1 itself.
    RtmTopologyGenerator gen;
    RipNet net(gen.Line(3));
    WireLog log;
    log.Hook(net);
    RtmHelper rtm;
    const Ipv4Address stub("192.168.9.0");
    const Ipv4Address gateway = net.Helper().GetAddress(1, 1);
    ASSERT_EQ(rtm.AddStaticRoute(net.GetNode(1),
                                 stub,
                                 Ipv4Mask("255.255.255.0"),
                                 gateway,
                                 net.Helper().GetInterface(1, 0)),
              RtmError::Success);
    Simulator::Stop(Seconds(20));
    Simulator::Run();
    uint32_t towardsGateway = 0;
    uint32_t towardsZero = 0;
    for (const WireLog::Sent& s : log.sent)
    {
        RtmRipHeader m;
        if (s.node != 1 ||
            RtmRipHeader::Parse(s.bytes.data(), s.bytes.size(), &m) != RtmRipHeader::OK)
        {
            continue;
        }
        for (const RtmRipHeader::Rte& r : m.GetRtes())
        {
            if (r.prefix != stub)
            {
                continue;
            }
            if (s.interface == net.Helper().GetInterface(1, 0))
            {
                ++towardsGateway;
                EXPECT_EQ(r.nextHop, gateway);
            }
            else
            {
                ++towardsZero;
                EXPECT_EQ(r.nextHop, Ipv4Address::GetAny());
            }
        }
    }
    EXPECT_GT(towardsGateway, 0u);
    EXPECT_GT(towardsZero, 0u);
    // node 2 is the gateway itself: it takes node 1 as next hop, and node 0 takes node 1 too
    RtmRoute r;
    uint64_t key = RtmRoute::IpKey(stub.Get(), 0xFFFFFF00);
    ASSERT_TRUE(net.Rtm(0)->IsRoute(RtmFamily::Ip, key, &r));
    EXPECT_EQ(r.GetIpNextHop(), net.Helper().GetAddress(0, 1));
    EXPECT_EQ(r.GetIpMetric(), 2u);
}

TEST_F(RtmRipWireTest, PasswordAuthentication)
{
    // RFC 2453 4.1: with the same password the network converges and every message starts
    // with the authentication entry; a node with another password, or none, hears nothing.
    RtmTopologyGenerator gen;
    RipNet net(gen.Line(3), [](RtmRipHelper& rip, RtmTopologyHelper&) {
        rip.Set("AuthenticationPassword", StringValue("lab-secret"));
    });
    WireLog log;
    log.Hook(net);
    ASSERT_GE(net.RunUntilConverged(Seconds(30)), Seconds(0)) << net.Compare();
    ASSERT_FALSE(log.sent.empty());
    for (const WireLog::Sent& s : log.sent)
    {
        RtmRipHeader m;
        ASSERT_EQ(RtmRipHeader::Parse(s.bytes.data(), s.bytes.size(), &m), RtmRipHeader::OK);
        ASSERT_TRUE(m.HasAuthentication());
        EXPECT_EQ(m.GetAuthenticationType(), RtmRipHeader::AUTH_SIMPLE_PASSWORD);
        EXPECT_EQ(m.GetAuthenticationData(), RtmRipHeader::PasswordData("lab-secret"));
        EXPECT_EQ(s.bytes[4], 0xFF);
        EXPECT_EQ(s.bytes[5], 0xFF);
        EXPECT_EQ(std::string(s.bytes.begin() + 8, s.bytes.begin() + 18), "lab-secret");
        EXPECT_EQ(s.bytes[18], 0) << "padded with zeros";
    }
    for (uint32_t v = 0; v < 3; ++v)
    {
        EXPECT_EQ(net.Agent(v)->GetDropCount(RtmRipDropReason::AuthenticationFailed), 0u);
    }
}

TEST_F(RtmRipWireTest, WrongOrMissingPasswordIsDropped)
{
    RtmTopologyGenerator gen;
    RipNet net(gen.Line(3), [](RtmRipHelper& rip, RtmTopologyHelper&) {
        rip.Set("AuthenticationPassword", StringValue("right"));
    });
    net.Agent(0)->SetAttribute("AuthenticationPassword", StringValue("wrong"));
    net.Agent(2)->SetAttribute("AuthenticationPassword", StringValue(""));
    Simulator::Stop(Seconds(20));
    Simulator::Run();
    for (uint32_t v = 0; v < 3; ++v)
    {
        EXPECT_GT(net.Agent(v)->GetDropCount(RtmRipDropReason::AuthenticationFailed), 0u)
            << "node " << v;
        EXPECT_EQ(net.Agent(v)->GetNRoutes(), 0u) << "node " << v << " learned a route";
    }
}

TEST_F(RtmRipWireTest, PasswordLongerThanSixteenCharactersIsAFailedStart)
{
    RtmTopologyGenerator gen;
    RipNet net(gen.Line(2), [](RtmRipHelper& rip, RtmTopologyHelper&) {
        rip.Set("AuthenticationPassword", StringValue("seventeen-chars!!"));
    });
    Simulator::Stop(Seconds(1));
    Simulator::Run();
    EXPECT_FALSE(net.Agent(0)->IsStarted());
    net.Agent(0)->SetAttribute("AuthenticationPassword", StringValue("sixteen-chars!!!"));
    EXPECT_EQ(net.Agent(0)->Start(), RtmError::Success);
}

TEST_F(RtmRipHeaderTest, AuthenticationEntryRoundTrip)
{
    RtmRipHeader h;
    h.SetCommand(RtmRipHeader::RESPONSE);
    h.SetAuthentication(RtmRipHeader::AUTH_SIMPLE_PASSWORD, RtmRipHeader::PasswordData("pw"));
    h.AddRte(Rte("10.1.0.0", "255.255.0.0", 3));
    EXPECT_EQ(h.GetSerializedSize(), 44u);
    std::vector<uint8_t> b = Bytes(h);
    RtmRipHeader parsed;
    ASSERT_EQ(RtmRipHeader::Parse(b.data(), b.size(), &parsed), RtmRipHeader::OK);
    EXPECT_TRUE(parsed.HasAuthentication());
    EXPECT_EQ(parsed.GetAuthenticationType(), 2);
    EXPECT_EQ(parsed.GetAuthenticationData(), RtmRipHeader::PasswordData("pw"));
    ASSERT_EQ(parsed.GetRteNumber(), 1u); // the authentication entry is not a route
    EXPECT_EQ(parsed.GetRtes()[0].prefix, Ipv4Address("10.1.0.0"));
    // an authentication entry anywhere but first is a bad address family
    std::vector<uint8_t> late = b;
    std::swap_ranges(late.begin() + 4, late.begin() + 24, late.begin() + 24);
    EXPECT_EQ(RtmRipHeader::Parse(late.data(), late.size(), nullptr),
              RtmRipHeader::BAD_ADDRESS_FAMILY);
    // an authenticated whole-table request is still a whole-table request
    RtmRipHeader q;
    q.SetCommand(RtmRipHeader::REQUEST);
    q.SetAuthentication(RtmRipHeader::AUTH_SIMPLE_PASSWORD, RtmRipHeader::PasswordData("pw"));
    RtmRipHeader::Rte all;
    all.family = 0;
    all.metric = 16;
    q.AddRte(all);
    std::vector<uint8_t> qb = Bytes(q);
    ASSERT_EQ(RtmRipHeader::Parse(qb.data(), qb.size(), &parsed), RtmRipHeader::OK);
    EXPECT_TRUE(parsed.IsWholeTableRequest());
    // a default RTE is all zeros but the family
    RtmRipHeader::Rte zero;
    EXPECT_EQ(zero.prefix.Get(), 0u);
    EXPECT_EQ(zero.mask.Get(), 0u);
    EXPECT_EQ(zero.nextHop.Get(), 0u);
}

} // namespace
