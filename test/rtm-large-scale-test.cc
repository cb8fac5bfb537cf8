/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Tests of what large networks need: the memory estimate that fails a topology too large for
 * the machine before it is built, and the global-routing helper's compact state.
 */

#include "rtm-agent-test-network.h"

#include "ns3/core-module.h"
#include "ns3/routing-table-manager.h"
#include "ns3/rtm-global-routing-helper.h"
#include "ns3/rtm-memory-estimate.h"
#include "ns3/rtm-topology-generator.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

using namespace ns3;

namespace
{

using RtmLargeScale = rtmtest::AgentTest;

/**
 * @param net a network
 * @return the helper's routes in all its RTMs
 */
uint64_t
GlobalRoutes(const rtmtest::AgentTestNetwork& net)
{
    uint64_t n = 0;
    for (uint32_t v = 0; v < net.N(); ++v)
    {
        net.Rtm(v)->ForEachRoute(RtmFamily::Ip, [&n](const RtmRoute& r) {
            n += r.protocol == RtmGlobalRoutingHelper::PROTOCOL ? 1 : 0;
        });
    }
    return n;
}

TEST_F(RtmLargeScale, EstimateGrowsWithTheNetworkAndCountsEachPart)
{
    using R = RtmMemoryEstimate::Routing;
    const uint64_t small = RtmMemoryEstimate::Estimate(1600, 3120, 0, R::Global);
    const uint64_t large = RtmMemoryEstimate::Estimate(10000, 19800, 0, R::Global);
    EXPECT_GT(large, 30 * small) << "routes grow as routers times networks";
    EXPECT_EQ(RtmMemoryEstimate::Estimate(10, 20, 0, R::Global),
              10 * RtmMemoryEstimate::PER_NODE + 20 * RtmMemoryEstimate::PER_LINK +
                  10 * 20 * RtmMemoryEstimate::PER_ROUTE +
                  100 * RtmMemoryEstimate::PER_GLOBAL_PAIR);
    EXPECT_GT(RtmMemoryEstimate::Estimate(1600, 3120, 0, R::LinkState), small)
        << "the databases cost more than the global helper's trees";
}

TEST_F(RtmLargeScale, LinkStateEstimateFollowsTheFloodingsWidth)
{
    // the cold start's flooding holds nearly every LSA at once on small-diameter graphs, a wave
    // of width ~ 1/eccentricity on grids: measured 190-200 and 30-62 bytes per router pair
    using R = RtmMemoryEstimate::Routing;
    using E = RtmMemoryEstimate;
    RtmTopologyGenerator gen(1);
    const RtmTopology grid = gen.Grid(10, 10);
    const RtmTopology ba = gen.BarabasiAlbert(100, 2);
    // a grid's eccentricity from its corner (vertex 0) is its diameter, 18
    EXPECT_EQ(E::Estimate(grid, R::LinkState), E::Estimate(100, 180, 0, R::LinkState, 18));
    const uint64_t pairs = 100 * 100;
    const uint64_t gridFixed = E::Estimate(100, 180, 0, R::LinkState, 18) -
                               pairs * (E::PER_LSDB_ENTRY + E::PER_FLOOD_PAIR_SPREAD / 18);
    EXPECT_EQ(gridFixed,
              E::Estimate(100, 180, 0, R::LinkState, 0) -
                  pairs * (E::PER_LSDB_ENTRY + E::PER_FLOOD_PAIR_MAX))
        << "only the flooding's share depends on the eccentricity";
    // the Barabasi-Albert graph: a few hops everywhere, the flooding at its largest
    EXPECT_EQ(E::Estimate(ba, R::LinkState), E::Estimate(100, ba.GetNEdges(), 0, R::LinkState, 0));
    EXPECT_GT(E::Estimate(ba, R::LinkState) - E::Estimate(ba, R::Global),
              E::Estimate(grid, R::LinkState) - E::Estimate(grid, R::Global));
    // unknown eccentricity is taken as the worst case
    EXPECT_GE(E::Estimate(100, 180, 0, R::LinkState, 0), E::Estimate(100, 180, 0, R::LinkState, 1));
    EXPECT_EQ(E::Estimate(grid, R::Global), E::Estimate(100, 180, 0, R::Global));
}

TEST_F(RtmLargeScale, TooLargeForTheLimitFailsWithTheEstimate)
{
    try
    {
        RtmMemoryEstimate::Check(uint64_t{40} << 30, uint64_t{16} << 30, "a 100x100 grid");
        FAIL() << "40 GiB fitted in 16 GiB";
    }
    catch (const std::runtime_error& e)
    {
        const std::string what = e.what();
        EXPECT_NE(what.find("a 100x100 grid needs about 40.0 GiB"), std::string::npos) << what;
        EXPECT_NE(what.find("16.0 GiB"), std::string::npos) << what;
    }
    EXPECT_NO_THROW(RtmMemoryEstimate::Check(1 << 20, uint64_t{16} << 30, "small"));
    EXPECT_GT(RtmMemoryEstimate::GetAvailable(), 0u) << "Linux: /proc/meminfo is there";
}

TEST_F(RtmLargeScale, PopulateBeyondTheMemoryLimitInstallsNothing)
{
    RtmTopologyGenerator gen;
    rtmtest::AgentTestNetwork net(gen.Grid(4, 4));
    RtmGlobalRoutingHelper global(net.GetNodes());
    const uint64_t need = global.EstimateMemory();
    EXPECT_EQ(need,
              16 * 24 * RtmMemoryEstimate::PER_ROUTE +
                  16 * 16 * RtmMemoryEstimate::PER_GLOBAL_PAIR);
    global.SetMemoryLimit(need - 1);
    try
    {
        global.Populate();
        FAIL() << "Populate ignored the memory limit";
    }
    catch (const std::runtime_error& e)
    {
        EXPECT_NE(std::string(e.what()).find("needs about"), std::string::npos) << e.what();
    }
    EXPECT_EQ(GlobalRoutes(net), 0u) << "nothing installed";
    EXPECT_THROW(global.Recompute(), std::runtime_error) << "still not populated";
    global.SetMemoryLimit(need);
    EXPECT_EQ(global.Populate(), 16u * 24u - 2u * 24u) << "each node: the links it is not on";
    EXPECT_EQ(GlobalRoutes(net), 16u * 24u - 2u * 24u);
}

TEST_F(RtmLargeScale, IncrementalUpdatesWithoutStoredRoutesDeleteWhatWasInstalled)
{
    // the helper keeps no copy of the routes it installed: it recomputes them from the previous
    // tree, so a failure must still delete and move exactly the installed routes
    RtmTopologyGenerator gen;
    rtmtest::AgentTestNetwork net(gen.Grid(3, 3));
    RtmGlobalRoutingHelper global(net.GetNodes());
    global.SetIncremental(false);
    const uint64_t routes = global.Populate();
    EXPECT_EQ(routes, GlobalRoutes(net));
    for (uint32_t e = 0; e < net.Topology().GetNEdges(); e += 3)
    {
        net.Fail(e);
        global.Update();
        EXPECT_EQ(global.GetStatistics().routes, GlobalRoutes(net)) << "after failing " << e;
    }
    for (uint32_t e = 0; e < net.Topology().GetNEdges(); e += 3)
    {
        net.Repair(e);
        global.Update();
    }
    EXPECT_EQ(GlobalRoutes(net), routes);
    EXPECT_EQ(global.Recompute(), 0u) << "incremental and full agree";
}

TEST_F(RtmLargeScale, PopulatedTablesAreShrunkAndAnUnorderedWalkBuildsNoIndex)
{
    RtmTopologyGenerator gen;
    rtmtest::AgentTestNetwork net(gen.Grid(6, 6));
    RtmGlobalRoutingHelper global(net.GetNodes());
    global.SetIncremental(false);
    global.Populate();
    const uint32_t v = 14; // an inner router
    Ptr<RoutingTableManager> rtm = net.Rtm(v);
    const std::size_t populated = rtm->GetMemoryUsage();
    ASSERT_GE(rtm->GetTable(RtmFamily::Ip).GetRouteCount(), 60u) << "every link's /30";
    using Row = std::tuple<uint64_t, uint32_t, uint32_t, uint64_t, uint32_t>;
    auto rows = [](std::vector<Row> r) {
        std::sort(r.begin(), r.end());
        return r;
    };
    std::vector<Row> unordered;
    rtm->ForEachRouteUnordered(RtmFamily::Ip, [&unordered](const RtmRoute& r) {
        unordered.emplace_back(r.network, r.protocol, r.interface, r.nextHop, r.GetIpMetric());
    });
    EXPECT_EQ(rtm->GetMemoryUsage(), populated) << "the unordered walk built nothing";
    std::vector<Row> ordered;
    rtm->ForEachRoute(RtmFamily::Ip, [&ordered](const RtmRoute& r) {
        ordered.emplace_back(r.network, r.protocol, r.interface, r.nextHop, r.GetIpMetric());
    });
    EXPECT_EQ(ordered, rows(ordered)) << "ForEachRoute is ordered";
    EXPECT_EQ(rows(unordered), ordered) << "the same routes, each once";
    EXPECT_GT(rtm->GetMemoryUsage(), populated) << "the ordered walk built its index";
    // a failure moves a few routes: added before the old one is deleted, they fit the headroom
    Ptr<RoutingTableManager> other = net.Rtm(21);
    const std::size_t before = other->GetMemoryUsage();
    net.Fail(net.Topology().GetNEdges() / 2);
    global.Update();
    EXPECT_LE(other->GetMemoryUsage(), before) << "churn regrew a shrunk table";
}

} // namespace
