/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: tests of the global-routing helper (RtmGlobalRoutingHelper): its tables against the
 * shortest-path oracle on a grid, a ring and a Topology Zoo map, before and after failures, and
 * its incremental updates against full recomputes along random failure sequences.
 */

#include "rtm-agent-test-network.h"

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/routing-table-manager.h"
#include "ns3/rtm-convergence-monitor.h"
#include "ns3/rtm-global-routing-helper.h"
#include "ns3/rtm-graphml-reader.h"
#include "ns3/rtm-rip-agent.h"
#include "ns3/rtm-rip-helper.h"
#include "ns3/rtm-topology-generator.h"
#include "ns3/rtm-topology-oracle.h"

#include <gtest/gtest.h>
#include <random>
#include <sstream>
#include <stdexcept>

using namespace ns3;

namespace
{

using RtmGlobalRouting = rtmtest::AgentTest;

/**
 * @brief Check every node's best routes against the shortest paths of the live links: the
 * monitor's route check (next hops on shortest paths, nothing to unreachable networks), and
 * every helper route's metric equal to the distance.
 * @param net the network
 * @return "" or the first problem
 */
std::string
CheckAgainstOracle(const rtmtest::AgentTestNetwork& net)
{
    RtmConvergenceMonitor monitor(net.GetNodes());
    RtmConvergenceMonitor::RouteCheck rc = monitor.CheckRoutes();
    std::ostringstream os;
    if (rc.checked == 0)
    {
        return "nothing checked";
    }
    if (!rc.IsOk())
    {
        os << rc.mismatchCount << " mismatches, first: " << rc.mismatches.front().ToString();
        return os.str();
    }
    std::vector<uint32_t> original;
    RtmTopologyOracle oracle(net.LiveTopology({}, &original));
    for (uint32_t u = 0; u < net.N(); ++u)
    {
        for (uint32_t e = 0; e < net.Topology().GetNEdges(); ++e)
        {
            RtmRoute best;
            if (net.IsFailed(e) || !net.Rtm(u)->IsRoute(RtmFamily::Ip, net.Key(e), &best) ||
                best.protocol != RtmGlobalRoutingHelper::PROTOCOL)
            {
                continue;
            }
            uint32_t a = net.Topology().GetEdgeSource(e);
            uint32_t b = net.Topology().GetEdgeTarget(e);
            uint64_t d = std::min(oracle.GetDistance(u, a), oracle.GetDistance(u, b)) + 1;
            if (best.GetIpMetric() != d)
            {
                os << "node " << u << " link " << e << ": metric " << best.GetIpMetric()
                   << ", distance " << d;
                return os.str();
            }
        }
    }
    return "";
}

/// Run the events due now (the helper's update after interface changes).
void
RunNow()
{
    Simulator::Stop(Seconds(0));
    Simulator::Run();
}

TEST_F(RtmGlobalRouting, GridRingAndZooMapMatchTheOracle)
{
    RtmTopologyGenerator gen;
    std::vector<RtmTopology> topologies{gen.Grid(5, 5), gen.Ring(9)};
    topologies.push_back(
        RtmGraphmlReader().Read(RTM_SOURCE_DIR "/data/topology-zoo/Abilene.graphml"));
    for (const RtmTopology& t : topologies)
    {
        rtmtest::AgentTestNetwork net(t);
        RtmGlobalRoutingHelper global(net.GetNodes());
        uint64_t routes = global.Populate();
        // every node: a route to every link it is not on
        uint64_t expected = 0;
        for (uint32_t u = 0; u < net.N(); ++u)
        {
            expected += t.GetNEdges() - t.GetDegree(u);
        }
        EXPECT_EQ(routes, expected);
        EXPECT_EQ(global.GetStatistics().spfRuns, net.N());
        EXPECT_EQ(CheckAgainstOracle(net), "");
        Simulator::Destroy();
    }
}

TEST_F(RtmGlobalRouting, ReactsToLinkFailuresAndRepairs)
{
    RtmTopologyGenerator gen;
    rtmtest::AgentTestNetwork net(gen.Grid(4, 4));
    RtmGlobalRoutingHelper global(net.GetNodes());
    global.Populate();
    ASSERT_EQ(CheckAgainstOracle(net), "");
    net.Fail(0);
    RunNow();
    EXPECT_EQ(global.GetStatistics().updates, 2u) << "one update for both ends going down";
    EXPECT_GT(global.GetStatistics().lastChanges, 0u);
    EXPECT_EQ(CheckAgainstOracle(net), "");
    net.Fail(5);
    RunNow();
    EXPECT_EQ(CheckAgainstOracle(net), "");
    net.Repair(0);
    RunNow();
    EXPECT_EQ(CheckAgainstOracle(net), "");
    net.Repair(5);
    RunNow();
    EXPECT_EQ(CheckAgainstOracle(net), "");
    EXPECT_EQ(global.Recompute(), 0u) << "the incremental result is the full one";
}

TEST_F(RtmGlobalRouting, IncrementalEqualsFullAlongRandomFailures)
{
    RtmTopologyGenerator gen;
    rtmtest::AgentTestNetwork net(gen.Grid(6, 6));
    RtmGlobalRoutingHelper global(net.GetNodes());
    global.Populate();
    std::mt19937 rng(13);
    uint64_t skipped = 0;
    for (int step = 0; step < 40; ++step)
    {
        uint32_t e = rng() % net.Topology().GetNEdges();
        if (net.IsFailed(e))
        {
            net.Repair(e);
        }
        else
        {
            net.Fail(e);
        }
        RunNow();
        skipped += net.N() - global.GetStatistics().lastSpfRuns;
        ASSERT_EQ(global.Recompute(), 0u) << "step " << step << ": incremental differs from full";
        ASSERT_EQ(CheckAgainstOracle(net), "") << "step " << step;
    }
    EXPECT_GT(skipped, 0u) << "some trees were never recomputed";
}

TEST_F(RtmGlobalRouting, RoutesWinOverRipAndVanishOnClear)
{
    RtmTopologyGenerator gen;
    rtmtest::AgentTestNetwork net(gen.Line(4));
    RtmRipHelper rip;
    rtmtest::SetShortRipTimers(rip);
    rip.Install(net.GetNodes());
    Simulator::Stop(Seconds(20));
    Simulator::Run();
    RtmGlobalRoutingHelper global(net.GetNodes());
    global.Populate();
    RtmRoute best;
    ASSERT_TRUE(net.Rtm(0)->IsRoute(RtmFamily::Ip, net.Key(2), &best));
    EXPECT_EQ(best.protocol, RtmGlobalRoutingHelper::PROTOCOL); // priority 10 before 120
    global.Clear();
    ASSERT_TRUE(net.Rtm(0)->IsRoute(RtmFamily::Ip, net.Key(2), &best));
    EXPECT_EQ(best.protocol, RtmRipAgent::PROTOCOL);
    EXPECT_EQ(global.GetStatistics().routes, 0u);
}

TEST_F(RtmGlobalRouting, MisuseGivesAClearError)
{
    RtmTopologyGenerator gen;
    rtmtest::AgentTestNetwork net(gen.Line(3));
    RtmGlobalRoutingHelper global(net.GetNodes());
    EXPECT_THROW(global.Recompute(), std::runtime_error);
    EXPECT_THROW(global.Update(), std::runtime_error);
    NodeContainer bare;
    bare.Create(1);
    RtmGlobalRoutingHelper none(bare);
    EXPECT_THROW(none.Populate(), std::runtime_error);
    global.Populate();
    Simulator::Destroy();
    try
    {
        global.Recompute();
        FAIL() << "Recompute after Simulator::Destroy did not throw";
    }
    catch (const std::runtime_error& e)
    {
        EXPECT_NE(std::string(e.what()).find("destroyed"), std::string::npos) << e.what();
    }
}

} // namespace
