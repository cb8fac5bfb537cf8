/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

// RtmTopologyPartition: every vertex on one rank, balanced ranks, the cut and the lookahead it
// reports measured independently, METIS cutting fewer links than contiguous blocks where ids are
// not laid out along the graph, and clear errors for impossible requests.

#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/rtm-graphml-reader.h"
#include "ns3/rtm-topology-error.h"
#include "ns3/rtm-topology-generator.h"
#include "ns3/rtm-topology-helper.h"
#include "ns3/rtm-topology-partition.h"
#include "ns3/rtm-topology.h"
#include "ns3/simulator.h"

#include <gtest/gtest.h>
#include <numeric>
#include <sstream>

using namespace ns3;

namespace
{

using Method = RtmTopologyPartition::Method;

/// Links between ranks, counted from the topology and the vertex ranks alone.
uint32_t
CountCut(const RtmTopology& t, const std::vector<uint32_t>& parts)
{
    uint32_t cut = 0;
    for (uint32_t e = 0; e < t.GetNEdges(); ++e)
    {
        cut += parts[t.GetEdgeSource(e)] != parts[t.GetEdgeTarget(e)] ? 1 : 0;
    }
    return cut;
}

/// Checks what every partition must satisfy, whatever its method.
void
CheckValid(const RtmTopology& t, const RtmTopologyPartition& p, uint32_t k, double maxImbalance)
{
    ASSERT_EQ(p.GetNParts(), k);
    ASSERT_EQ(p.GetParts().size(), t.GetNVertices());
    for (uint32_t v = 0; v < t.GetNVertices(); ++v)
    {
        EXPECT_LT(p.GetPart(v), k) << "vertex " << v;
    }
    std::vector<uint32_t> sizes = p.GetPartSizes();
    EXPECT_EQ(std::accumulate(sizes.begin(), sizes.end(), 0U), t.GetNVertices());
    for (uint32_t s : sizes)
    {
        EXPECT_GT(s, 0U) << "an empty rank";
    }
    EXPECT_LE(p.GetImbalance(), maxImbalance);
    EXPECT_EQ(p.GetCutEdges().size(), CountCut(t, p.GetParts()));
}

} // namespace

TEST(RtmTopologyPartition, ContiguousBlocksDifferByAtMostOne)
{
    RtmTopology t = RtmTopologyGenerator().Line(10);
    RtmTopologyPartition p = RtmTopologyPartition::Compute(t, 3, Method::CONTIGUOUS);
    CheckValid(t, p, 3, 4.0 / (10.0 / 3));
    EXPECT_EQ(p.GetMethod(), Method::CONTIGUOUS);
    EXPECT_EQ(p.GetParts(), (std::vector<uint32_t>{0, 0, 0, 0, 1, 1, 1, 2, 2, 2}));
    EXPECT_EQ(p.GetCutEdges(), (std::vector<uint32_t>{3, 6}));
}

TEST(RtmTopologyPartition, LookaheadIsTheSmallestDelayOfACutLink)
{
    RtmTopology t("delays");
    for (int i = 0; i < 4; ++i)
    {
        t.AddVertex();
    }
    RtmTopologyEdge slow;
    slow.delay = MilliSeconds(5);
    RtmTopologyEdge fast;
    fast.delay = MicroSeconds(700);
    t.AddEdge(0, 1, slow);
    t.AddEdge(1, 2, slow);
    t.AddEdge(2, 3, fast); // inside rank 1: not a cut link, so not the lookahead
    RtmTopologyPartition p = RtmTopologyPartition::Compute(t, 2, Method::CONTIGUOUS);
    EXPECT_EQ(p.GetCutEdges(), (std::vector<uint32_t>{1}));
    EXPECT_EQ(p.GetLookahead(), MilliSeconds(5));

    RtmTopologyPartition one = RtmTopologyPartition::Compute(t, 1);
    EXPECT_TRUE(one.GetCutEdges().empty());
    EXPECT_EQ(one.GetLookahead(), Time::Max());
    std::ostringstream os;
    os << one;
    EXPECT_NE(os.str().find("lookahead: unbounded"), std::string::npos) << os.str();
}

TEST(RtmTopologyPartition, MetisBalancesAGridAndCutsLittle)
{
    if (!RtmTopologyPartition::HasMetis())
    {
        GTEST_SKIP() << "built without METIS (libmetis-dev)";
    }
    RtmTopology t = RtmTopologyGenerator().Grid(20, 20);
    for (uint32_t k : {2U, 4U})
    {
        RtmTopologyPartition p = RtmTopologyPartition::Compute(t, k);
        EXPECT_EQ(p.GetMethod(), Method::METIS);
        CheckValid(t, p, k, 1.05);
        // a 20x20 grid cut into k compact pieces needs about 20 (k = 2) or 40 (k = 4) links;
        // a poor partition cuts hundreds
        EXPECT_LE(p.GetCutEdges().size(), 30U * (k / 2)) << "k = " << k;
        EXPECT_EQ(p.GetLookahead(), MilliSeconds(1));
    }
}

TEST(RtmTopologyPartition, MetisCutsFewerLinksThanContiguousBlocksOnAScaleFreeGraph)
{
    if (!RtmTopologyPartition::HasMetis())
    {
        GTEST_SKIP() << "built without METIS (libmetis-dev)";
    }
    RtmTopology t = RtmTopologyGenerator(7).BarabasiAlbert(600, 2);
    RtmTopologyPartition metis = RtmTopologyPartition::Compute(t, 2, Method::METIS);
    RtmTopologyPartition blocks = RtmTopologyPartition::Compute(t, 2, Method::CONTIGUOUS);
    CheckValid(t, metis, 2, 1.05);
    CheckValid(t, blocks, 2, 1.0);
    EXPECT_LT(metis.GetCutEdges().size() * 4, blocks.GetCutEdges().size() * 3)
        << "metis " << metis.GetCutEdges().size() << ", blocks " << blocks.GetCutEdges().size();
}

TEST(RtmTopologyPartition, SameTopologySamePartition)
{
    RtmTopology t = RtmTopologyGenerator(3).BarabasiAlbert(300, 2);
    for (Method m : {Method::AUTO, Method::CONTIGUOUS})
    {
        EXPECT_EQ(RtmTopologyPartition::Compute(t, 4, m).GetParts(),
                  RtmTopologyPartition::Compute(t, 4, m).GetParts());
    }
}

TEST(RtmTopologyPartition, ParallelLinksSelfLoopsAndIsolatedVertices)
{
    RtmTopology t("odd");
    for (int i = 0; i < 6; ++i)
    {
        t.AddVertex();
    }
    t.AddEdge(0, 1);
    t.AddEdge(0, 1);
    t.AddEdge(1, 2);
    t.AddEdge(3, 4); // vertex 5 has no link
    RtmTopologyPartition p = RtmTopologyPartition::Compute(t, 2);
    CheckValid(t, p, 2, 1.5);
}

TEST(RtmTopologyPartition, ARealMap)
{
    RtmGraphmlReader reader;
    RtmTopology t = reader.Read(RTM_SOURCE_DIR "/data/topology-zoo/Abilene.graphml");
    RtmTopologyPartition p = RtmTopologyPartition::Compute(t, 2);
    CheckValid(t, p, 2, 1.3);
    EXPECT_GE(p.GetCutEdges().size(), 1U);
    EXPECT_GT(p.GetLookahead(), Time(0));
}

TEST(RtmTopologyPartition, ImpossibleRequestsAreClearErrors)
{
    RtmTopology t = RtmTopologyGenerator().Ring(5);
    for (uint32_t k : {0U, 6U})
    {
        try
        {
            RtmTopologyPartition::Compute(t, k);
            ADD_FAILURE() << "k = " << k << " accepted";
        }
        catch (const RtmTopologyError& e)
        {
            EXPECT_EQ(e.GetSource(), "partition");
            EXPECT_NE(e.GetReason().find("5 vertices over " + std::to_string(k) + " ranks"),
                      std::string::npos)
                << e.what();
        }
    }
    if (!RtmTopologyPartition::HasMetis())
    {
        EXPECT_THROW(RtmTopologyPartition::Compute(t, 2, Method::METIS), RtmTopologyError);
    }
    RtmTopologyPartition p = RtmTopologyPartition::Compute(t, 2);
    EXPECT_THROW(p.GetPart(5), std::out_of_range);
}

TEST(RtmTopologyPartition, TheTopologyHelperCreatesEachNodeOnItsRank)
{
    RtmTopology t = RtmTopologyGenerator().Ring(6);
    RtmTopologyPartition p = RtmTopologyPartition::Compute(t, 3, Method::CONTIGUOUS);
    RtmTopologyHelper helper;
    helper.SetPartition(p);
    helper.Install(t);
    for (uint32_t v = 0; v < t.GetNVertices(); ++v)
    {
        EXPECT_EQ(helper.GetNode(v)->GetSystemId(), v / 2) << "vertex " << v;
    }
    EXPECT_EQ(helper.GetSystemIds(), p.GetParts());

    RtmTopologyHelper other;
    other.SetPartition(RtmTopologyPartition::Compute(RtmTopologyGenerator().Ring(5), 2));
    EXPECT_THROW(other.Install(t), RtmTopologyError);
    Simulator::Destroy();
}

TEST(RtmTopologyPartition, GivenPartsAreMeasuredAndRefusedWhenARankIsEmptyOrOutOfRange)
{
    RtmTopology t = RtmTopologyGenerator().Ring(6);
    RtmTopologyPartition p = RtmTopologyPartition::FromParts(t, 2, {0, 0, 1, 1, 1, 0});
    EXPECT_EQ(p.GetMethod(), Method::GIVEN);
    EXPECT_EQ(p.GetCutEdges().size(), 2U);
    EXPECT_EQ(p.GetPartSizes(), (std::vector<uint32_t>{3, 3}));
    try
    {
        RtmTopologyPartition::FromParts(t, 3, {0, 0, 2, 2, 2, 0});
        ADD_FAILURE() << "a partition leaving rank 1 empty was accepted";
    }
    catch (const RtmTopologyError& e)
    {
        EXPECT_EQ(e.GetSource(), "partition");
        EXPECT_NE(e.GetReason().find("rank 1 of 3 has no node"), std::string::npos) << e.what();
    }
    EXPECT_THROW(RtmTopologyPartition::FromParts(t, 2, {0, 0, 2, 1, 1, 0}), RtmTopologyError);
    EXPECT_THROW(RtmTopologyPartition::FromParts(t, 2, {0, 1}), RtmTopologyError);
    EXPECT_THROW(RtmTopologyPartition::FromParts(t, 7, {0, 1, 2, 3, 4, 5}), RtmTopologyError);
}

TEST(RtmTopologyPartition, AZeroDelayLinkBetweenRanksIsRefusedButAllowedInsideOne)
{
    RtmTopology t = RtmTopologyGenerator().Ring(4);
    RtmTopologyEdge zero = t.GetEdge(1);
    zero.delay = Time(0);
    t.SetEdge(1, zero); // joins vertices 1 and 2
    // Inside rank 0: fine, the lookahead comes from the other cut links.
    RtmTopologyPartition inside = RtmTopologyPartition::FromParts(t, 2, {0, 0, 0, 1});
    EXPECT_GT(inside.GetLookahead(), Time(0));
    try
    {
        RtmTopologyPartition::FromParts(t, 2, {0, 0, 1, 1});
        ADD_FAILURE() << "a zero-delay cut link was accepted";
    }
    catch (const RtmTopologyError& e)
    {
        EXPECT_NE(e.GetReason().find("zero delay"), std::string::npos) << e.what();
    }
}
