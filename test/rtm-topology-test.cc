/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: tests of the topology toolkit (value type, generators, GraphML and ns-3 readers,
 * DOT export, shortest-path oracle, ns-3 network builder).
 */

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/orbis-topology-reader.h"
#include "ns3/point-to-point-module.h"
#include "ns3/rtm-graphml-reader.h"
#include "ns3/rtm-topology-error.h"
#include "ns3/rtm-topology-generator.h"
#include "ns3/rtm-topology-helper.h"
#include "ns3/rtm-topology-ns3-reader.h"
#include "ns3/rtm-topology-oracle.h"
#include "ns3/rtm-topology-xml-parser.h"
#include "ns3/rtm-topology.h"
#include "ns3/udp-echo-helper.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

using namespace ns3;

namespace
{

/// The Topology Zoo sample folder, next to the project.
const std::string kZooDir = RTM_SOURCE_DIR "/data/topology-zoo";
/// The broken GraphML corpus.
const std::string kCorpusDir = RTM_SOURCE_DIR "/test/data/graphml";

/// All edges as (end 0, end 1) pairs, in index order.
std::vector<std::pair<uint32_t, uint32_t>>
EdgeList(const RtmTopology& t)
{
    std::vector<std::pair<uint32_t, uint32_t>> list;
    for (uint32_t e = 0; e < t.GetNEdges(); ++e)
    {
        list.emplace_back(t.GetEdgeSource(e), t.GetEdgeTarget(e));
    }
    return list;
}

/// Degree histogram: degree -> number of vertices.
std::map<uint32_t, uint32_t>
DegreeHistogram(const RtmTopology& t)
{
    std::map<uint32_t, uint32_t> h;
    for (uint32_t v = 0; v < t.GetNVertices(); ++v)
    {
        ++h[t.GetDegree(v)];
    }
    return h;
}

/// A minimal GraphML document with the Zoo key names (ids deliberately unusual).
std::string
Graphml(const std::string& body, const std::string& edgeDefault = "undirected")
{
    return "<?xml version=\"1.0\"?>\n"
           "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
           "  <key attr.name=\"Longitude\" attr.type=\"double\" for=\"node\" id=\"k7\"/>\n"
           "  <key attr.name=\"Latitude\" attr.type=\"double\" for=\"node\" id=\"k3\"/>\n"
           "  <key attr.name=\"label\" attr.type=\"string\" for=\"node\" id=\"kl\"/>\n"
           "  <key attr.name=\"LinkSpeedRaw\" attr.type=\"double\" for=\"edge\" id=\"ks\"/>\n"
           "  <key attr.name=\"Network\" attr.type=\"string\" for=\"graph\" id=\"kn\"/>\n"
           "  <graph edgedefault=\"" +
           edgeDefault + "\">\n" + body + "  </graph>\n</graphml>\n";
}

/// A GraphML node with coordinates.
std::string
GeoNode(const std::string& id, double lat, double lon)
{
    std::ostringstream os;
    os << "    <node id=\"" << id << "\"><data key=\"k3\">" << lat << "</data><data key=\"k7\">"
       << lon << "</data></node>\n";
    return os.str();
}

/// A GraphML edge.
std::string
Edge(const std::string& a, const std::string& b)
{
    return "    <edge source=\"" + a + "\" target=\"" + b + "\"/>\n";
}

} // namespace

// ---------------------------------------------------------------------------------------------
// The value type
// ---------------------------------------------------------------------------------------------

TEST(RtmTopologyValue, VerticesEdgesAndInvariants)
{
    RtmTopology t("t");
    RtmTopologyVertex a;
    a.name = "a";
    a.label = "Alpha";
    EXPECT_EQ(t.AddVertex(a), 0U);
    EXPECT_EQ(t.AddVertex(), 1U); // default name n1
    EXPECT_EQ(t.GetVertex(1).name, "n1");
    EXPECT_TRUE(std::isnan(t.GetVertex(1).latitude));
    EXPECT_FALSE(t.GetVertex(1).HasGeo());
    EXPECT_EQ(t.AddVertex(), 2U);
    EXPECT_THROW(t.AddVertex(a), RtmTopologyError); // duplicate name

    RtmTopologyEdge p;
    p.dataRateBps = 5000000;
    p.delay = MilliSeconds(3);
    p.metric = 7;
    EXPECT_EQ(t.AddEdge(0, 1, p), 0U);
    EXPECT_EQ(t.AddEdge(1, 2), 1U);
    EXPECT_EQ(t.AddEdge(2, 1), 2U); // parallel, other orientation
    EXPECT_THROW(t.AddEdge(1, 1), RtmTopologyError);
    EXPECT_THROW(t.AddEdge(0, 9), RtmTopologyError);
    RtmTopologyEdge bad;
    bad.metric = 0;
    EXPECT_THROW(t.AddEdge(0, 2, bad), RtmTopologyError);
    bad = RtmTopologyEdge();
    bad.dataRateBps = 0;
    EXPECT_THROW(t.AddEdge(0, 2, bad), RtmTopologyError);

    EXPECT_EQ(t.GetNVertices(), 3U);
    EXPECT_EQ(t.GetNEdges(), 3U);
    EXPECT_EQ(t.GetEdge(0).metric, 7U);
    EXPECT_EQ(t.GetEdge(0).dataRateBps, 5000000U);
    EXPECT_EQ(t.GetEdge(2).index, 2U);
    EXPECT_EQ(t.GetEdgeSource(2), 2U);
    EXPECT_EQ(t.GetEdgeTarget(2), 1U);
    EXPECT_EQ(t.GetOtherEnd(0, 1), 0U);
    EXPECT_EQ(t.GetDegree(1), 3U);
    EXPECT_EQ(t.GetNeighbors(1), (std::vector<uint32_t>{0, 2}));
    EXPECT_EQ(t.GetIncidentEdges(1), (std::vector<uint32_t>{0, 1, 2}));
    EXPECT_EQ(t.FindEdges(1, 2), (std::vector<uint32_t>{1, 2}));
    EXPECT_EQ(t.CountParallelEdges(), 1U);
    EXPECT_EQ(t.FindVertex("a"), std::optional<uint32_t>(0));
    EXPECT_FALSE(t.FindVertex("zz").has_value());
    EXPECT_EQ(t.CountComponents(), 1U);
    EXPECT_EQ(boost::num_edges(t.GetGraph()), 3U);
}

TEST(RtmTopologyValue, CopyAndMoveKeepTheEdgeTable)
{
    RtmTopology t = RtmTopologyGenerator().Ring(5);
    RtmTopologyEdge p;
    p.metric = 9;
    t.SetEdge(3, p);
    RtmTopology copy = t;
    {
        RtmTopology scratch = t; // destroyed: the copy must not share its storage
        scratch.SetEdge(3, RtmTopologyEdge());
    }
    EXPECT_EQ(copy.GetEdge(3).metric, 9U);
    EXPECT_EQ(EdgeList(copy), EdgeList(t));
    RtmTopology moved = std::move(copy);
    EXPECT_EQ(moved.GetEdge(3).metric, 9U);
    EXPECT_EQ(moved.GetEdge(3).index, 3U);
    EXPECT_EQ(EdgeList(moved), EdgeList(t));
    RtmTopology assigned;
    assigned = moved;
    assigned.SetEdge(0, p);
    EXPECT_EQ(assigned.GetEdge(0).metric, 9U);
    EXPECT_EQ(moved.GetEdge(0).metric, 1U);
    EXPECT_EQ(moved.GetOtherEnd(4, 4), 0U);
}

TEST(RtmTopologyValue, GreatCircle)
{
    // A quarter of a meridian, and a quarter of the equator: R * pi / 2.
    EXPECT_NEAR(RtmTopology::GreatCircleKm(0, 0, 90, 0), 6371.0 * M_PI / 2, 1e-6);
    EXPECT_NEAR(RtmTopology::GreatCircleKm(0, 0, 0, 90), 6371.0 * M_PI / 2, 1e-6);
    // Antipodes, and across the date line.
    EXPECT_NEAR(RtmTopology::GreatCircleKm(10, 20, -10, -160), 6371.0 * M_PI, 1e-3);
    EXPECT_NEAR(RtmTopology::GreatCircleKm(0, 179.5, 0, -179.5), 6371.0 * M_PI / 180, 1e-6);
}

// ---------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------

TEST(RtmTopologyGenerator, LineRingStar)
{
    RtmTopologyGenerator g;
    RtmTopology line = g.Line(6);
    EXPECT_EQ(line.GetNVertices(), 6U);
    EXPECT_EQ(line.GetNEdges(), 5U);
    EXPECT_EQ(DegreeHistogram(line), (std::map<uint32_t, uint32_t>{{1, 2}, {2, 4}}));
    EXPECT_EQ(line.GetEdgeSource(4), 4U);
    EXPECT_EQ(line.GetEdgeTarget(4), 5U);
    EXPECT_TRUE(line.IsConnected());
    EXPECT_EQ(g.GetReport().format, "line");
    EXPECT_EQ(g.Line(1).GetNEdges(), 0U);

    RtmTopology ring = g.Ring(7);
    EXPECT_EQ(ring.GetNEdges(), 7U);
    EXPECT_EQ(DegreeHistogram(ring), (std::map<uint32_t, uint32_t>{{2, 7}}));
    EXPECT_EQ(ring.GetEdgeSource(6), 6U);
    EXPECT_EQ(ring.GetEdgeTarget(6), 0U);
    EXPECT_EQ(ring.CountParallelEdges(), 0U);

    RtmTopology star = g.Star(9);
    EXPECT_EQ(star.GetNEdges(), 8U);
    EXPECT_EQ(star.GetDegree(0), 8U);
    EXPECT_EQ(DegreeHistogram(star), (std::map<uint32_t, uint32_t>{{1, 8}, {8, 1}}));

    EXPECT_THROW(g.Line(0), RtmTopologyError);
    EXPECT_THROW(g.Ring(2), RtmTopologyError);
    EXPECT_THROW(g.Star(1), RtmTopologyError);
}

TEST(RtmTopologyGenerator, Grid)
{
    RtmTopologyGenerator g;
    RtmTopology grid = g.Grid(4, 5);
    EXPECT_EQ(grid.GetNVertices(), 20U);
    EXPECT_EQ(grid.GetNEdges(), 4U * 4 + 3U * 5);
    // corners 4 of degree 2, border 2*(3+2) = 10 of degree 3, inner 2*3 = 6 of degree 4
    EXPECT_EQ(DegreeHistogram(grid), (std::map<uint32_t, uint32_t>{{2, 4}, {3, 10}, {4, 6}}));
    EXPECT_EQ(grid.GetNeighbors(6), (std::vector<uint32_t>{1, 5, 7, 11}));
    EXPECT_EQ(grid.GetVertex(7).x, 2.0);
    EXPECT_EQ(grid.GetVertex(7).y, 1.0);
    // documented order: right then down, vertex by vertex
    EXPECT_EQ(EdgeList(grid)[0], std::make_pair(0U, 1U));
    EXPECT_EQ(EdgeList(grid)[1], std::make_pair(0U, 5U));
    EXPECT_TRUE(grid.IsConnected());
    EXPECT_EQ(g.Grid(1, 1).GetNEdges(), 0U);
    EXPECT_EQ(g.Grid(1, 4).GetNEdges(), 3U);
    EXPECT_THROW(g.Grid(0, 3), RtmTopologyError);
}

TEST(RtmTopologyGenerator, Tree)
{
    RtmTopologyGenerator g;
    RtmTopology tree = g.Tree(3, 3);
    EXPECT_EQ(tree.GetNVertices(), 1U + 3 + 9 + 27);
    EXPECT_EQ(tree.GetNEdges(), tree.GetNVertices() - 1);
    EXPECT_EQ(DegreeHistogram(tree), (std::map<uint32_t, uint32_t>{{1, 27}, {3, 1}, {4, 12}}));
    EXPECT_TRUE(tree.IsConnected());
    EXPECT_EQ(tree.GetNeighbors(1), (std::vector<uint32_t>{0, 4, 5, 6}));
    EXPECT_EQ(g.Tree(2, 0).GetNVertices(), 1U);
    EXPECT_EQ(g.Tree(1, 4).GetNEdges(), 4U); // a path
    EXPECT_THROW(g.Tree(0, 2), RtmTopologyError);
    EXPECT_THROW(g.Tree(10, 10), RtmTopologyError); // 11 G vertices
}

TEST(RtmTopologyGenerator, ErdosRenyi)
{
    RtmTopologyGenerator g(42);
    RtmTopology a = g.ErdosRenyi(200, 0.05);
    EXPECT_EQ(a.GetNVertices(), 200U);
    // expected 995 edges, sd about 31
    EXPECT_GT(a.GetNEdges(), 850U);
    EXPECT_LT(a.GetNEdges(), 1150U);
    EXPECT_EQ(a.CountParallelEdges(), 0U);
    for (uint32_t e = 0; e < a.GetNEdges(); ++e)
    {
        ASSERT_LT(a.GetEdgeSource(e), a.GetEdgeTarget(e)); // pairs i < j
    }
    EXPECT_EQ(g.GetReport().components, a.CountComponents());

    // determinism and seed sensitivity
    EXPECT_EQ(EdgeList(RtmTopologyGenerator(42).ErdosRenyi(200, 0.05)), EdgeList(a));
    EXPECT_NE(EdgeList(RtmTopologyGenerator(43).ErdosRenyi(200, 0.05)), EdgeList(a));
    g.Line(3); // other calls do not disturb the next random graph
    EXPECT_EQ(EdgeList(g.ErdosRenyi(200, 0.05)), EdgeList(a));

    EXPECT_EQ(g.ErdosRenyi(30, 0.0).GetNEdges(), 0U);
    EXPECT_EQ(g.ErdosRenyi(30, 1.0).GetNEdges(), 30U * 29 / 2);
    EXPECT_THROW(g.ErdosRenyi(10, 1.5), RtmTopologyError);
    EXPECT_THROW(g.ErdosRenyi(10, -0.1), RtmTopologyError);
}

TEST(RtmTopologyGenerator, ConnectivityPolicy)
{
    RtmTopologyGenerator g(7);
    // sparse: many components, reported as such
    RtmTopology sparse = g.ErdosRenyi(100, 0.01);
    const uint32_t components = sparse.CountComponents();
    EXPECT_GT(components, 5U);
    EXPECT_EQ(g.GetReport().components, components);
    EXPECT_EQ(g.GetReport().edgesAddedForConnectivity, 0U);

    g.SetConnectivity(RtmTopologyGenerator::Connectivity::Connect);
    RtmTopology joined = g.ErdosRenyi(100, 0.01);
    EXPECT_TRUE(joined.IsConnected());
    EXPECT_EQ(g.GetReport().components, 1U);
    EXPECT_EQ(g.GetReport().edgesAddedForConnectivity, components - 1);
    EXPECT_EQ(joined.GetNEdges(), sparse.GetNEdges() + components - 1);
    // the drawn edges come first, unchanged
    auto drawn = EdgeList(joined);
    drawn.resize(sparse.GetNEdges());
    EXPECT_EQ(drawn, EdgeList(sparse));
    EXPECT_EQ(EdgeList(g.ErdosRenyi(100, 0.01)), EdgeList(joined));

    RtmTopology isolated = g.ErdosRenyi(50, 0.0); // a random spanning tree
    EXPECT_EQ(isolated.GetNEdges(), 49U);
    EXPECT_TRUE(isolated.IsConnected());

    RtmTopology wax = g.Waxman(60, 0.05, 0.2);
    EXPECT_TRUE(wax.IsConnected());
}

TEST(RtmTopologyGenerator, Waxman)
{
    RtmTopologyGenerator g(5);
    RtmTopology w = g.Waxman(150, 0.2, 0.4);
    EXPECT_EQ(w.GetNVertices(), 150U);
    EXPECT_EQ(w.CountParallelEdges(), 0U);
    double sumLen = 0;
    for (uint32_t v = 0; v < w.GetNVertices(); ++v)
    {
        const RtmTopologyVertex& p = w.GetVertex(v);
        ASSERT_TRUE(p.HasPosition());
        ASSERT_GE(p.x, 0.0);
        ASSERT_LT(p.x, 1.0);
        ASSERT_GE(p.y, 0.0);
        ASSERT_LT(p.y, 1.0);
    }
    for (uint32_t e = 0; e < w.GetNEdges(); ++e)
    {
        const RtmTopologyVertex& a = w.GetVertex(w.GetEdgeSource(e));
        const RtmTopologyVertex& b = w.GetVertex(w.GetEdgeTarget(e));
        sumLen += std::hypot(a.x - b.x, a.y - b.y);
    }
    // Expected edge count: sum over pairs of 0.4 exp(-d / (0.2 sqrt 2)), computed from the
    // drawn positions; the drawn count must be within 5 standard deviations.
    double expected = 0;
    double variance = 0;
    for (uint32_t i = 0; i < w.GetNVertices(); ++i)
    {
        for (uint32_t j = i + 1; j < w.GetNVertices(); ++j)
        {
            const RtmTopologyVertex& a = w.GetVertex(i);
            const RtmTopologyVertex& b = w.GetVertex(j);
            const double p =
                0.4 * std::exp(-std::hypot(a.x - b.x, a.y - b.y) / (0.2 * std::sqrt(2.0)));
            expected += p;
            variance += p * (1 - p);
        }
    }
    EXPECT_NEAR(w.GetNEdges(), expected, 5 * std::sqrt(variance));
    // Waxman favours short links: the mean link is much shorter than the mean pair distance
    // (about 0.52 in the unit square).
    EXPECT_LT(sumLen / w.GetNEdges(), 0.35);

    EXPECT_EQ(EdgeList(RtmTopologyGenerator(5).Waxman(150, 0.2, 0.4)), EdgeList(w));
    EXPECT_NE(EdgeList(RtmTopologyGenerator(6).Waxman(150, 0.2, 0.4)), EdgeList(w));
    EXPECT_EQ(RtmTopologyGenerator(5).Waxman(150, 0.2, 0.4).GetVertex(17).x, w.GetVertex(17).x);
    EXPECT_THROW(g.Waxman(10, 0.0, 0.5), RtmTopologyError);
    EXPECT_THROW(g.Waxman(10, 0.5, 1.5), RtmTopologyError);
}

TEST(RtmTopologyGenerator, BarabasiAlbert)
{
    RtmTopologyGenerator g(11);
    const uint32_t n = 300;
    const uint32_t m = 3;
    RtmTopology ba = g.BarabasiAlbert(n, m);
    EXPECT_EQ(ba.GetNVertices(), n);
    EXPECT_EQ(ba.GetNEdges(), m * (m + 1) / 2 + (n - m - 1) * m);
    EXPECT_EQ(ba.CountParallelEdges(), 0U);
    EXPECT_TRUE(ba.IsConnected());
    uint32_t maxDegree = 0;
    for (uint32_t v = 0; v < n; ++v)
    {
        ASSERT_GE(ba.GetDegree(v), m);
        maxDegree = std::max(maxDegree, ba.GetDegree(v));
    }
    // preferential attachment makes hubs: far above the mean degree (about 6)
    EXPECT_GT(maxDegree, 25U);
    // each new vertex links to m earlier ones
    for (uint32_t e = m * (m + 1) / 2; e < ba.GetNEdges(); ++e)
    {
        ASSERT_LT(ba.GetEdgeSource(e), ba.GetEdgeTarget(e));
    }
    EXPECT_EQ(EdgeList(RtmTopologyGenerator(11).BarabasiAlbert(n, m)), EdgeList(ba));
    EXPECT_NE(EdgeList(RtmTopologyGenerator(12).BarabasiAlbert(n, m)), EdgeList(ba));
    EXPECT_EQ(g.BarabasiAlbert(2, 1).GetNEdges(), 1U);
    EXPECT_THROW(g.BarabasiAlbert(3, 3), RtmTopologyError);
    EXPECT_THROW(g.BarabasiAlbert(3, 0), RtmTopologyError);
}

TEST(RtmTopologyGenerator, KnownSequence)
{
    // The draws use only the raw std::mt19937 output, which the standard fixes: this pins the
    // result so that a change of the sampling code is noticed.
    RtmTopology t = RtmTopologyGenerator(1).ErdosRenyi(8, 0.3);
    std::mt19937 engine(1);
    std::vector<std::pair<uint32_t, uint32_t>> expected;
    for (uint32_t i = 0; i < 8; ++i)
    {
        for (uint32_t j = i + 1; j < 8; ++j)
        {
            const double a = static_cast<uint32_t>(engine()) >> 5;
            const double b = static_cast<uint32_t>(engine()) >> 6;
            if ((a * 67108864.0 + b) / 9007199254740992.0 < 0.3)
            {
                expected.emplace_back(i, j);
            }
        }
    }
    EXPECT_EQ(EdgeList(t), expected);
    EXPECT_FALSE(expected.empty());
}

TEST(RtmTopologyGenerator, EdgeProperties)
{
    RtmTopologyGenerator g;
    g.SetDataRate(DataRate("10Mbps"));
    g.SetDelay(MilliSeconds(7));
    RtmTopology t = g.Ring(4);
    for (uint32_t e = 0; e < t.GetNEdges(); ++e)
    {
        EXPECT_EQ(t.GetEdge(e).dataRateBps, 10000000U);
        EXPECT_EQ(t.GetEdge(e).delay, MilliSeconds(7));
        EXPECT_EQ(t.GetEdge(e).metric, 1U);
    }
    EXPECT_THROW(g.SetDelay(Seconds(-1)), RtmTopologyError);
}

// ---------------------------------------------------------------------------------------------
// XML parser
// ---------------------------------------------------------------------------------------------

TEST(RtmTopologyXml, ParsesWithLinesEntitiesAndComments)
{
    const std::string text = "\xEF\xBB\xBF<?xml version=\"1.0\"?>\n"
                             "<!DOCTYPE r [ <!ENTITY x \"y\"> ]>\n"
                             "<!-- <fake/> -->\n"
                             "<r a='1' b=\"&lt;&amp;&#65;&#x42;\">\n"
                             "  <c>t&gt;<![CDATA[<raw>&]]></c>\n"
                             "  <d:e/>\n"
                             "</r>\n";
    RtmTopologyXmlParser parser("mem");
    const auto root = parser.Parse(text);
    EXPECT_EQ(root.name, "r");
    EXPECT_EQ(root.line, 4U);
    ASSERT_NE(root.FindAttribute("b"), nullptr);
    EXPECT_EQ(*root.FindAttribute("b"), "<&AB");
    ASSERT_EQ(root.children.size(), 2U);
    EXPECT_EQ(root.children[0].text, "t><raw>&");
    EXPECT_EQ(root.children[0].line, 5U);
    EXPECT_EQ(root.children[1].LocalName(), "e");
    EXPECT_EQ(root.children[1].line, 6U);
}

TEST(RtmTopologyXml, RejectsMalformedText)
{
    RtmTopologyXmlParser parser("mem");
    const std::vector<std::pair<std::string, uint32_t>> bad = {
        {"", 1},
        {"   \n  ", 2},
        {"<a>", 1},
        {"<a>\n<b>\n</a>", 3},
        {"<a/><b/>", 1},
        {"<a x='1' x='2'/>", 1},
        {"<a>&nope;</a>", 1},
        {"<a>&#0;</a>", 1},
        {"<a x=1/>", 1},
        {"<a\n\x01/>", 2},
        {"<a><!-- x </a>", 1},
        {"<a><![CDATA[x</a>", 1},
        {"</a>", 1},
        {"text", 1},
        {"<a>]]></a>", 1},
    };
    for (const auto& [text, line] : bad)
    {
        try
        {
            parser.Parse(text);
            ADD_FAILURE() << "accepted: " << text;
        }
        catch (const RtmTopologyError& e)
        {
            EXPECT_EQ(e.GetSource(), "mem") << text;
            EXPECT_EQ(e.GetLine(), line) << text << " -> " << e.what();
            EXPECT_EQ(std::string(e.what()).rfind("mem:" + std::to_string(line) + ": ", 0), 0U)
                << e.what();
        }
    }
    RtmTopologyXmlParser shallow("mem");
    shallow.SetMaxDepth(3);
    EXPECT_NO_THROW(shallow.Parse("<a><b><c/></b></a>"));
    EXPECT_THROW(shallow.Parse("<a><b><c><d/></c></b></a>"), RtmTopologyError);
}

// ---------------------------------------------------------------------------------------------
// GraphML reader: behaviour on valid input
// ---------------------------------------------------------------------------------------------

TEST(RtmTopologyGraphml, DelaysRatesAndMissingCoordinates)
{
    const std::string text =
        Graphml("    <data key=\"kn\">Test Net</data>\n" +
                // an edge before its nodes is legal GraphML
                Edge("a", "b") + GeoNode("a", 0, 0) + GeoNode("b", 0, 90) +
                "    <node id=\"c\"><data key=\"kl\">Gamma &amp; Co</data></node>\n" +
                GeoNode("d", 0, 0) + Edge("b", "c") +
                "    <edge source=\"a\" target=\"d\"><data key=\"ks\">2500000000.0</data>"
                "</edge>\n");
    RtmGraphmlReader reader;
    RtmTopology t = reader.ReadFromString(text, "mem.graphml");
    EXPECT_EQ(t.GetName(), "Test Net");
    ASSERT_EQ(t.GetNVertices(), 4U);
    ASSERT_EQ(t.GetNEdges(), 3U);
    EXPECT_EQ(t.GetVertex(2).label, "Gamma & Co");
    EXPECT_EQ(t.GetVertex(0).name, "a");
    EXPECT_DOUBLE_EQ(t.GetVertex(1).longitude, 90.0);
    EXPECT_TRUE(std::isnan(t.GetVertex(2).latitude));
    // a quarter of the equator, 10007.54 km at 200,000 km/s
    EXPECT_EQ(t.GetEdge(0).delay.GetNanoSeconds(),
              std::llround(6371.0 * M_PI / 2 / 200000.0 * 1e9));
    EXPECT_EQ(t.GetEdge(0).dataRateBps, 1000000000U);
    EXPECT_EQ(t.GetEdge(0).sourceLine, 10U);
    EXPECT_EQ(t.GetEdge(1).delay, MilliSeconds(1)); // c has no coordinates
    EXPECT_EQ(t.GetEdge(2).delay, MicroSeconds(1)); // same place: the minimum delay
    EXPECT_EQ(t.GetEdge(2).dataRateBps, 2500000000U);
    const RtmTopologyReport& r = reader.GetReport();
    EXPECT_EQ(r.nodes, 4U);
    EXPECT_EQ(r.edges, 3U);
    EXPECT_EQ(r.inputEdges, 3U);
    EXPECT_EQ(r.nodesWithoutCoordinates, 1U);
    EXPECT_EQ(r.edgesWithDefaultDelay, 1U);
    EXPECT_EQ(r.edgesWithMinimumDelay, 1U);
    EXPECT_EQ(r.edgesWithDefaultRate, 2U);
    EXPECT_EQ(r.components, 1U);
    EXPECT_NE(r.ToString().find("edges with default delay: 1\n"), std::string::npos);

    reader.SetDefaultDelay(MilliSeconds(4));
    reader.SetMinimumDelay(Time(0));
    reader.SetDefaultDataRate(DataRate("100Mbps"));
    reader.SetUseLinkSpeed(false);
    reader.SetMetric(RtmGraphmlReader::Metric::DistanceKm);
    reader.SetPropagationSpeed(100000.0);
    RtmTopology u = reader.ReadFromString(text, "mem.graphml");
    EXPECT_EQ(u.GetEdge(0).delay.GetNanoSeconds(),
              std::llround(6371.0 * M_PI / 2 / 100000.0 * 1e9));
    EXPECT_EQ(u.GetEdge(0).metric, 10008U);
    EXPECT_EQ(u.GetEdge(1).delay, MilliSeconds(4));
    EXPECT_EQ(u.GetEdge(1).metric, 400U); // 4 ms at 100,000 km/s
    EXPECT_EQ(u.GetEdge(2).delay, Time(0));
    EXPECT_EQ(u.GetEdge(2).metric, 1U);
    EXPECT_EQ(u.GetEdge(2).dataRateBps, 100000000U);
    EXPECT_EQ(reader.GetReport().edgesWithDefaultRate, 3U);
}

TEST(RtmTopologyGraphml, ParallelEdgesSelfLoopsComponents)
{
    const std::string text =
        Graphml(GeoNode("1", 10, 10) + GeoNode("2", 11, 11) + GeoNode("3", 12, 12) +
                    GeoNode("4", 13, 13) + GeoNode("5", 14, 14) + Edge("1", "2") + Edge("2", "1") +
                    Edge("1", "2") + Edge("3", "3") + Edge("2", "3") + Edge("4", "5"),
                "directed");
    RtmGraphmlReader reader;
    EXPECT_EQ(reader.GetParallelEdges(), RtmGraphmlReader::ParallelEdges::Keep);
    RtmTopology keep = reader.ReadFromString(text, "p");
    EXPECT_EQ(keep.GetNEdges(), 5U);
    EXPECT_EQ(keep.FindEdges(0, 1).size(), 3U);
    RtmTopologyReport r = reader.GetReport();
    EXPECT_EQ(r.inputEdges, 6U);
    EXPECT_EQ(r.parallelEdges, 2U);
    EXPECT_EQ(r.parallelEdgesMerged, 0U);
    EXPECT_EQ(r.selfLoopsDropped, 1U);
    EXPECT_EQ(r.components, 2U);
    ASSERT_EQ(r.notes.size(), 1U); // directed read as undirected
    EXPECT_NE(r.notes[0].find("directed"), std::string::npos);

    reader.SetParallelEdges(RtmGraphmlReader::ParallelEdges::Merge);
    RtmTopology merged = reader.ReadFromString(text, "p");
    EXPECT_EQ(merged.GetNEdges(), 3U);
    EXPECT_EQ(merged.FindEdges(0, 1).size(), 1U);
    EXPECT_EQ(reader.GetReport().parallelEdges, 2U);
    EXPECT_EQ(reader.GetReport().parallelEdgesMerged, 2U);
    EXPECT_EQ(reader.GetReport().edges, 3U);
}

TEST(RtmTopologyGraphml, KeyDefaultsAndForAll)
{
    const std::string text = "<graphml>\n"
                             "<key id=\"la\" for=\"node\" attr.name=\"Latitude\">"
                             "<default>45.5</default></key>\n"
                             "<key id=\"lo\" for=\"all\" attr.name=\"Longitude\"/>\n"
                             "<key id=\"x\" for=\"node\" attr.name=\"Other\"/>\n"
                             "<graph edgedefault=\"undirected\">\n"
                             "<node id=\"a\"><data key=\"lo\">7</data><data key=\"x\">?</data>"
                             "</node>\n"
                             "<node id=\"b\"><data key=\"la\">-3</data></node>\n"
                             "<edge source=\"a\" target=\"b\"/>\n"
                             "</graph></graphml>\n";
    RtmGraphmlReader reader;
    RtmTopology t = reader.ReadFromString(text, "dir/defaults.graphml");
    EXPECT_EQ(t.GetName(), "defaults"); // no Network data: the file stem
    EXPECT_DOUBLE_EQ(t.GetVertex(0).latitude, 45.5);
    EXPECT_DOUBLE_EQ(t.GetVertex(0).longitude, 7.0);
    EXPECT_DOUBLE_EQ(t.GetVertex(1).latitude, -3.0);
    EXPECT_TRUE(std::isnan(t.GetVertex(1).longitude));
    EXPECT_EQ(reader.GetReport().nodesWithoutCoordinates, 1U);
    EXPECT_EQ(reader.GetReport().edgesWithDefaultDelay, 1U);

    // Two keys with the same attr.name: ambiguous (an error) only for a name the reader uses.
    const std::string twoOther = "<graphml><key id=\"a\" for=\"node\" attr.name=\"Other\"/>"
                                 "<key id=\"b\" for=\"node\" attr.name=\"Other\"/>"
                                 "<graph><node id=\"n\"><data key=\"b\">1</data></node>"
                                 "</graph></graphml>";
    EXPECT_EQ(reader.ReadFromString(twoOther, "m").GetNVertices(), 1U);
    const std::string twoLat = "<graphml><key id=\"a\" for=\"node\" attr.name=\"Latitude\"/>"
                               "\n<key id=\"b\" for=\"node\" attr.name=\"Latitude\"/>"
                               "<graph/></graphml>";
    try
    {
        reader.ReadFromString(twoLat, "m");
        ADD_FAILURE() << "no error";
    }
    catch (const RtmTopologyError& e)
    {
        EXPECT_EQ(e.GetLine(), 2U);
        EXPECT_NE(e.GetReason().find("two keys for the node attribute 'Latitude'"),
                  std::string::npos)
            << e.what();
    }
}

// ---------------------------------------------------------------------------------------------
// GraphML reader: the broken corpus
// ---------------------------------------------------------------------------------------------

TEST(RtmTopologyGraphmlErrors, CorpusGivesLocatedErrors)
{
    struct Case
    {
        const char* file;   // in test/data/graphml
        uint32_t line;      // expected line (0: none)
        const char* reason; // expected part of the reason
    };

    const std::vector<Case> cases = {
        {"truncated.graphml", 15, "unexpected end of file"},
        {"truncated-between-elements.graphml", 24, "<graph> opened at line 7 is not closed"},
        {"not-xml.graphml", 1, "not an XML document"},
        {"no-graph.graphml", 2, "no <graph>"},
        {"unknown-node.graphml", 24, "unknown node '7'"},
        {"bad-latitude.graphml", 15, "bad Latitude value 'north'"},
        {"latitude-out-of-range.graphml", 15, "outside"},
        {"nan-longitude.graphml", 11, "bad Longitude value 'nan'"},
        {"empty.graphml", 1, "no root element"},
        {"binary.graphml", 2, "binary data"},
        {"duplicate-node.graphml", 23, "duplicate node id '1' (first defined at line 13)"},
        {"mismatched-tags.graphml", 12, "mismatched end tag </edge>"},
        {"wrong-root.graphml", 2, "not <graphml>"},
        {"undeclared-key.graphml", 24, "undeclared key 'd9'"},
        {"edge-without-target.graphml", 23, "without a target"},
        {"node-without-id.graphml", 13, "<node> without an id"},
        {"duplicate-key.graphml", 7, "duplicate key id 'd1'"},
        {"two-roots.graphml", 27, "second root element"},
        {"bad-entity.graphml", 9, "bare '&'"},
        {"deep-nesting.graphml", 2, "nested deeper"},
        {"bad-linkspeed.graphml", 24, "bad LinkSpeedRaw value '10 Gbps'"},
        {"utf16.graphml", 1, "UTF-16"},
        {"unterminated-comment.graphml", 23, "unterminated comment"},
        {"unquoted-attribute.graphml", 18, "not quoted"},
        {"key-wrong-domain.graphml", 24, "declared for node"},
    };
    std::set<std::string> tested;
    for (const Case& c : cases)
    {
        const std::string path = kCorpusDir + "/" + c.file;
        tested.insert(c.file);
        RtmGraphmlReader reader;
        try
        {
            reader.Read(path);
            ADD_FAILURE() << c.file << " was accepted";
        }
        catch (const RtmTopologyError& e)
        {
            const std::string what = e.what();
            EXPECT_EQ(e.GetSource(), path);
            EXPECT_EQ(what.rfind(path + ":", 0), 0U) << what; // starts with the file name
            if (c.line != 0)
            {
                EXPECT_EQ(e.GetLine(), c.line) << what;
            }
            EXPECT_NE(e.GetReason().find(c.reason), std::string::npos) << what;
        }
        catch (const std::exception& e)
        {
            ADD_FAILURE() << c.file << ": wrong exception type: " << e.what();
        }
    }
    // every file of the corpus has a case
    for (const auto& entry : std::filesystem::directory_iterator(kCorpusDir))
    {
        if (entry.path().extension() == ".graphml")
        {
            EXPECT_EQ(tested.count(entry.path().filename().string()), 1U)
                << entry.path() << " is not tested";
        }
    }
    EXPECT_GE(tested.size(), 20U);
}

TEST(RtmTopologyGraphmlErrors, UnreadablePaths)
{
    RtmGraphmlReader reader;
    const std::string missing = kCorpusDir + "/does-not-exist.graphml";
    try
    {
        reader.Read(missing);
        ADD_FAILURE() << "no error";
    }
    catch (const RtmTopologyError& e)
    {
        EXPECT_EQ(std::string(e.what()).rfind(missing + ": ", 0), 0U) << e.what();
        EXPECT_NE(e.GetReason().find("no such file"), std::string::npos);
        EXPECT_EQ(e.GetLine(), 0U);
    }
    try
    {
        reader.Read(kCorpusDir);
        ADD_FAILURE() << "no error";
    }
    catch (const RtmTopologyError& e)
    {
        EXPECT_NE(e.GetReason().find("directory"), std::string::npos) << e.what();
    }
    reader.SetMaxFileSize(100);
    EXPECT_THROW(reader.Read(kCorpusDir + "/binary.graphml"), RtmTopologyError);
    // RtmTopologyError is a std::runtime_error
    EXPECT_THROW(reader.Read(missing), std::runtime_error);
}

TEST(RtmTopologyGraphmlErrors, MutatedFilesOnlyEverThrowTheDocumentedError)
{
    ASSERT_TRUE(std::filesystem::is_directory(kZooDir))
        << "Topology Zoo samples missing from the repository: " << kZooDir;
    std::ifstream in(kZooDir + "/Abilene.graphml", std::ios::binary);
    const std::string original((std::istreambuf_iterator<char>(in)),
                               std::istreambuf_iterator<char>());
    ASSERT_GT(original.size(), 1000U);
    std::mt19937 engine(2024);
    const std::string alphabet = "<>/=\"'&;! \n\x01\xff-0123456789.abcdgraphmlnodeedgekeydata";
    uint32_t accepted = 0;
    uint32_t rejected = 0;
    for (uint32_t i = 0; i < 600; ++i)
    {
        std::string text = original;
        if (i < 200)
        {
            text.resize(engine() % original.size()); // truncation
        }
        else
        {
            const uint32_t edits = 1 + engine() % 4;
            for (uint32_t k = 0; k < edits; ++k)
            {
                const size_t pos = engine() % text.size();
                switch (engine() % 3)
                {
                case 0:
                    text[pos] = alphabet[engine() % alphabet.size()];
                    break;
                case 1:
                    text.erase(pos, 1 + engine() % 20);
                    break;
                default:
                    text.insert(pos, 1, alphabet[engine() % alphabet.size()]);
                    break;
                }
            }
        }
        RtmGraphmlReader reader;
        try
        {
            RtmTopology t = reader.ReadFromString(text, "mutant");
            EXPECT_LE(t.GetNVertices(), 12U);
            ++accepted;
        }
        catch (const RtmTopologyError& e)
        {
            EXPECT_EQ(e.GetSource(), "mutant");
            EXPECT_GT(e.GetLine(), 0U) << e.what(); // every GraphML error is located
            ++rejected;
        }
    }
    EXPECT_GT(rejected, 300U);
    EXPECT_GT(accepted, 10U); // harmless edits (inside labels, say) still load
}

// ---------------------------------------------------------------------------------------------
// Topology Zoo
// ---------------------------------------------------------------------------------------------

TEST(RtmTopologyZoo, EveryFileLoadsWithTheReadmeCounts)
{
    ASSERT_TRUE(std::filesystem::is_directory(kZooDir))
        << "Topology Zoo samples missing from the repository: " << kZooDir;

    struct Expect
    {
        const char* file;
        const char* name;
        uint32_t nodes;
        uint32_t inputEdges;
        uint32_t parallel;
        uint32_t selfLoops;
        uint32_t components;
        uint32_t noCoordinates;
        uint32_t defaultDelay;
        uint32_t defaultRate;
    };

    const std::vector<Expect> expected = {
        {"Arpanet196912.graphml", "ARPANET", 4, 4, 0, 0, 1, 0, 0, 4},
        {"Abilene.graphml", "Abilene", 11, 14, 0, 0, 1, 0, 0, 14},
        {"Geant2012.graphml", "GEANT", 40, 61, 0, 0, 1, 3, 3, 22},
        {"GtsCe.graphml", "GTS CE", 149, 193, 0, 0, 1, 8, 17, 193},
        {"Cogentco.graphml", "Cogent", 197, 245, 2, 0, 1, 11, 31, 245},
        {"Interoute.graphml", "Interroute", 110, 158, 10, 2, 1, 14, 31, 156},
        {"Tw.graphml", "TW Telecom", 76, 118, 3, 0, 6, 0, 0, 118},
    };
    std::set<std::string> seen;
    for (const Expect& x : expected)
    {
        SCOPED_TRACE(x.file);
        seen.insert(x.file);
        RtmGraphmlReader reader;
        RtmTopology t = reader.Read(kZooDir + "/" + x.file);
        const RtmTopologyReport& r = reader.GetReport();
        EXPECT_EQ(t.GetName(), x.name);
        EXPECT_EQ(t.GetNVertices(), x.nodes);
        EXPECT_EQ(r.nodes, x.nodes);
        EXPECT_EQ(r.inputEdges, x.inputEdges);
        EXPECT_EQ(r.selfLoopsDropped, x.selfLoops);
        EXPECT_EQ(r.parallelEdges, x.parallel);
        EXPECT_EQ(t.GetNEdges(), x.inputEdges - x.selfLoops); // parallel edges kept
        EXPECT_EQ(t.CountParallelEdges(), x.parallel);
        EXPECT_EQ(r.components, x.components);
        EXPECT_EQ(r.nodesWithoutCoordinates, x.noCoordinates);
        EXPECT_EQ(r.edgesWithDefaultDelay, x.defaultDelay);
        EXPECT_EQ(r.edgesWithDefaultRate, x.defaultRate);
        for (uint32_t e = 0; e < t.GetNEdges(); ++e)
        {
            ASSERT_GE(t.GetEdge(e).delay, MicroSeconds(1));
            ASSERT_LT(t.GetEdge(e).delay, MilliSeconds(100)); // under half the globe
            ASSERT_GT(t.GetEdge(e).sourceLine, 0U);
        }

        reader.SetParallelEdges(RtmGraphmlReader::ParallelEdges::Merge);
        RtmTopology m = reader.Read(kZooDir + "/" + x.file);
        EXPECT_EQ(m.GetNEdges(), x.inputEdges - x.selfLoops - x.parallel);
        EXPECT_EQ(m.CountParallelEdges(), 0U);
        EXPECT_EQ(reader.GetReport().parallelEdgesMerged, x.parallel);
    }
    for (const auto& entry : std::filesystem::directory_iterator(kZooDir))
    {
        if (entry.path().extension() == ".graphml")
        {
            EXPECT_EQ(seen.count(entry.path().filename().string()), 1U)
                << entry.path() << " has no expectation";
        }
    }
}

TEST(RtmTopologyZoo, GtsCeHasOneColocatedLink)
{
    ASSERT_TRUE(std::filesystem::is_directory(kZooDir))
        << "Topology Zoo samples missing from the repository: " << kZooDir;
    RtmGraphmlReader reader;
    reader.Read(kZooDir + "/GtsCe.graphml");
    EXPECT_EQ(reader.GetReport().edgesWithMinimumDelay, 1U);
}

// ---------------------------------------------------------------------------------------------
// DOT export
// ---------------------------------------------------------------------------------------------

TEST(RtmTopologyDot, WritesParsableText)
{
    RtmTopology t("quote\"d");
    RtmTopologyVertex v;
    v.name = "a";
    v.label = "Say \"hi\"\\";
    v.latitude = 1.5;
    v.longitude = -2.25;
    t.AddVertex(v);
    t.AddVertex();
    t.AddVertex();
    RtmTopologyEdge e;
    e.delay = MicroSeconds(2500);
    e.dataRateBps = 1000;
    t.AddEdge(0, 1, e);
    t.AddEdge(1, 2);
    t.AddEdge(2, 1);
    std::ostringstream os;
    t.WriteDot(os);
    const std::string dot = os.str();
    EXPECT_EQ(dot.rfind("graph \"quote\\\"d\" {\n", 0), 0U) << dot;
    EXPECT_NE(dot.find("label=\"Say \\\"hi\\\"\\\\\""), std::string::npos) << dot;
    EXPECT_NE(dot.find("latitude=1.5, longitude=-2.25"), std::string::npos) << dot;
    EXPECT_NE(dot.find("  0 -- 1 [label=\"2.500 ms\", delay_ns=2500000, rate_bps=1000"),
              std::string::npos)
        << dot;
    EXPECT_NE(dot.find("  2 -- 1 ["), std::string::npos) << dot;

    // Read it back line by line: vertex lines, edge lines, balanced braces and quotes.
    std::istringstream in(dot);
    std::string line;
    uint32_t vertices = 0;
    uint32_t edges = 0;
    std::set<std::string> ids;
    while (std::getline(in, line))
    {
        if (line.find(" -- ") != std::string::npos)
        {
            ++edges;
            std::istringstream fields(line);
            std::string a;
            std::string dash;
            std::string b;
            fields >> a >> dash >> b;
            EXPECT_EQ(ids.count(a), 1U) << line;
            EXPECT_EQ(ids.count(b), 1U) << line;
        }
        else if (line.size() > 2 && line[2] >= '0' && line[2] <= '9')
        {
            ++vertices;
            ids.insert(line.substr(2, line.find(' ', 2) - 2));
        }
        else
        {
            continue;
        }
        uint32_t quotes = 0;
        for (size_t i = 0; i < line.size(); ++i)
        {
            if (line[i] == '\\')
            {
                ++i;
            }
            else if (line[i] == '"')
            {
                ++quotes;
            }
        }
        EXPECT_EQ(quotes % 2, 0U) << line;
        EXPECT_EQ(line.back(), ';') << line;
    }
    EXPECT_EQ(vertices, 3U);
    EXPECT_EQ(edges, 3U);
    EXPECT_EQ(std::count(dot.begin(), dot.end(), '{'), 1);
    EXPECT_EQ(dot.substr(dot.size() - 2), "}\n");
}

TEST(RtmTopologyDot, ZooFileRoundTrip)
{
    ASSERT_TRUE(std::filesystem::is_directory(kZooDir))
        << "Topology Zoo samples missing from the repository: " << kZooDir;
    RtmGraphmlReader reader;
    RtmTopology t = reader.Read(kZooDir + "/Interoute.graphml");
    const std::string dir = std::filesystem::temp_directory_path().string() + "/rtm-topo-dot-" +
                            std::to_string(::getpid());
    const std::string path = dir + "/sub/interoute.dot";
    t.WriteDotFile(path);
    std::ifstream in(path);
    std::string line;
    uint32_t edges = 0;
    uint32_t vertices = 0;
    while (std::getline(in, line))
    {
        edges += line.find(" -- ") != std::string::npos;
        vertices +=
            line.find("[label=") != std::string::npos && line.find(" -- ") == std::string::npos;
    }
    EXPECT_EQ(edges, t.GetNEdges());
    EXPECT_EQ(vertices, t.GetNVertices());
    std::filesystem::remove_all(dir);
    EXPECT_THROW(t.WriteDotFile(kCorpusDir + "/empty.graphml/x.dot"), RtmTopologyError);
}

// ---------------------------------------------------------------------------------------------
// Oracle
// ---------------------------------------------------------------------------------------------

TEST(RtmTopologyOracle, RingDistancesAndEcmp)
{
    RtmTopology ring = RtmTopologyGenerator().Ring(6);
    RtmTopologyOracle oracle(ring);
    for (uint32_t u = 0; u < 6; ++u)
    {
        for (uint32_t v = 0; v < 6; ++v)
        {
            const uint32_t d = (v + 6 - u) % 6;
            EXPECT_EQ(oracle.GetDistance(u, v), std::min(d, 6 - d));
        }
    }
    EXPECT_EQ(oracle.GetNextHops(0, 3), (std::vector<uint32_t>{1, 5})); // antipode: both ways
    EXPECT_EQ(oracle.GetNextHops(0, 2), (std::vector<uint32_t>{1}));
    EXPECT_EQ(oracle.GetNextHops(0, 4), (std::vector<uint32_t>{5}));
    EXPECT_EQ(oracle.GetNextHops(0, 1), (std::vector<uint32_t>{1}));
    EXPECT_TRUE(oracle.GetNextHops(2, 2).empty());
    EXPECT_EQ(oracle.GetNextHopEdges(0, 3), (std::vector<uint32_t>{0, 5}));
}

TEST(RtmTopologyOracle, GridEcmpSets)
{
    RtmTopology grid = RtmTopologyGenerator().Grid(3, 3);
    RtmTopologyOracle oracle(grid);
    // 0 1 2 / 3 4 5 / 6 7 8
    EXPECT_EQ(oracle.GetDistance(0, 8), 4U);
    EXPECT_EQ(oracle.GetDistance(2, 6), 4U);
    EXPECT_EQ(oracle.GetDistance(1, 7), 2U);
    EXPECT_EQ(oracle.GetNextHops(0, 8), (std::vector<uint32_t>{1, 3}));
    EXPECT_EQ(oracle.GetNextHops(4, 0), (std::vector<uint32_t>{1, 3}));
    EXPECT_EQ(oracle.GetNextHops(1, 7), (std::vector<uint32_t>{4}));
    EXPECT_EQ(oracle.GetNextHops(3, 5), (std::vector<uint32_t>{4}));
    EXPECT_EQ(oracle.GetNextHops(2, 3), (std::vector<uint32_t>{1, 5}));
    // Every next hop is one step closer; every neighbour that is one step closer is a next hop.
    for (uint32_t u = 0; u < 9; ++u)
    {
        for (uint32_t v = 0; v < 9; ++v)
        {
            std::vector<uint32_t> closer;
            for (uint32_t w : grid.GetNeighbors(u))
            {
                if (u != v && oracle.GetDistance(w, v) + 1 == oracle.GetDistance(u, v))
                {
                    closer.push_back(w);
                }
            }
            EXPECT_EQ(oracle.GetNextHops(u, v), closer) << u << "->" << v;
        }
    }
}

TEST(RtmTopologyOracle, EdgeMetricParallelEdgesAndUnreachable)
{
    RtmTopology t;
    for (int i = 0; i < 5; ++i)
    {
        t.AddVertex();
    }
    RtmTopologyEdge heavy;
    heavy.metric = 10;
    RtmTopologyEdge light;
    light.metric = 3;
    t.AddEdge(0, 1, heavy); // e0
    t.AddEdge(0, 2, light); // e1
    t.AddEdge(2, 1, light); // e2
    t.AddEdge(0, 2, light); // e3, parallel to e1
    // vertices 3 and 4 isolated, then joined
    t.AddEdge(3, 4); // e4

    RtmTopologyOracle hops(t);
    EXPECT_EQ(hops.GetDistance(0, 1), 1U);
    EXPECT_EQ(hops.GetNextHops(0, 1), (std::vector<uint32_t>{1}));
    EXPECT_FALSE(hops.IsReachable(0, 3));
    EXPECT_EQ(hops.GetDistance(0, 3), RtmTopologyOracle::INFINITE_DISTANCE);
    EXPECT_TRUE(hops.GetNextHops(0, 4).empty());

    RtmTopologyOracle metric(t, RtmTopologyOracle::Metric::EdgeMetric);
    EXPECT_EQ(metric.GetDistance(0, 1), 6U);
    EXPECT_EQ(metric.GetNextHops(0, 1), (std::vector<uint32_t>{2}));
    EXPECT_EQ(metric.GetNextHopEdges(0, 1), (std::vector<uint32_t>{1, 3})); // both parallels
    EXPECT_EQ(metric.GetDistance(1, 0), 6U);
    EXPECT_EQ(metric.GetDistance(3, 4), 1U);
    EXPECT_THROW(metric.GetDistance(0, 5), RtmTopologyError);
}

TEST(RtmTopologyOracle, DirectedArcsAreOneWayWithTheirOwnWeights)
{
    using Arc = RtmTopologyOracle::Arc;
    // 0 -> 1 is cheap, 1 -> 0 dear: the way back from 1 goes round through 2
    std::vector<Arc> arcs{
        {0, 1, 1}, // a0
        {1, 0, 5}, // a1
        {1, 2, 1}, // a2
        {2, 0, 1}, // a3
        {0, 1, 1}, // a4, parallel to a0
        {2, 2, 7}, // a5, a self-loop changes nothing
    };
    RtmTopologyOracle oracle(4, arcs);
    EXPECT_EQ(oracle.GetMetric(), RtmTopologyOracle::Metric::EdgeMetric);
    EXPECT_EQ(oracle.GetNVertices(), 4U);
    EXPECT_EQ(oracle.GetDistance(0, 2), 2U);
    EXPECT_EQ(oracle.GetDistance(1, 0), 2U); // 1 -> 2 -> 0 beats the direct 5
    EXPECT_EQ(oracle.GetDistance(2, 1), 2U);
    EXPECT_EQ(oracle.GetDistance(2, 2), 0U);
    EXPECT_EQ(oracle.GetNextHops(1, 0), (std::vector<uint32_t>{2}));
    EXPECT_EQ(oracle.GetNextHopEdges(1, 0), (std::vector<uint32_t>{2}));
    EXPECT_EQ(oracle.GetNextHopEdges(0, 1), (std::vector<uint32_t>{0, 4})); // both parallels
    EXPECT_EQ(oracle.GetNextHops(0, 1), (std::vector<uint32_t>{1}));
    // vertex 3 has no arcs: nothing reaches it and it reaches nothing
    EXPECT_FALSE(oracle.IsReachable(0, 3));
    EXPECT_FALSE(oracle.IsReachable(3, 0));
    EXPECT_TRUE(oracle.GetNextHops(0, 3).empty());

    EXPECT_THROW(RtmTopologyOracle(3, std::vector<Arc>{{0, 3, 1}}), RtmTopologyError);
    EXPECT_THROW(RtmTopologyOracle(3, std::vector<Arc>{{5, 0, 1}}), RtmTopologyError);
}

TEST(RtmTopologyOracle, DestinationsMadeOfSeveralVertices)
{
    using Arc = RtmTopologyOracle::Arc;
    using Attachment = RtmTopologyOracle::Attachment;
    // a line 0 - 1 - 2 - 3, both ways, weight 1; vertex 4 is isolated
    std::vector<Arc> arcs;
    for (uint32_t i = 0; i + 1 < 4; ++i)
    {
        arcs.push_back({i, i + 1, 1});
        arcs.push_back({i + 1, i, 1});
    }
    RtmTopologyOracle oracle(5, arcs);

    // a network on 1 (costly to enter) and on 3 (free)
    std::vector<Attachment> net{{1, 10}, {3, 0}};
    EXPECT_EQ(oracle.GetDistanceToSet(0, net), 3U); // via 3, not 1 + 10
    EXPECT_EQ(oracle.GetDistanceToSet(1, net), 2U);
    EXPECT_EQ(oracle.GetDistanceToSet(3, net), 0U);
    EXPECT_EQ(oracle.GetNextHopsToSet(0, net), (std::vector<uint32_t>{1}));
    EXPECT_EQ(oracle.GetNextHopsToSet(1, net), (std::vector<uint32_t>{2}));
    EXPECT_TRUE(oracle.GetNextHopsToSet(3, net).empty()); // attached: delivered directly

    // equal-cost ties give every first hop
    std::vector<Attachment> ends{{0, 0}, {2, 0}};
    EXPECT_EQ(oracle.GetDistanceToSet(1, ends), 1U);
    EXPECT_EQ(oracle.GetNextHopsToSet(1, ends), (std::vector<uint32_t>{0, 2}));

    // no attachment, or only unreachable ones: infinitely far, no first hop
    EXPECT_EQ(oracle.GetDistanceToSet(0, {}), RtmTopologyOracle::INFINITE_DISTANCE);
    EXPECT_TRUE(oracle.GetNextHopsToSet(0, {}).empty());
    std::vector<Attachment> island{{4, 0}};
    EXPECT_EQ(oracle.GetDistanceToSet(0, island), RtmTopologyOracle::INFINITE_DISTANCE);
    EXPECT_TRUE(oracle.GetNextHopsToSet(0, island).empty());
    EXPECT_EQ(oracle.GetDistanceToSet(4, island), 0U);
}

// ---------------------------------------------------------------------------------------------
// ns-3 network builder
// ---------------------------------------------------------------------------------------------

/// Destroys the simulator around each test.
class RtmTopologyHelperTest : public ::testing::Test
{
  protected:
    void SetUp() override
    {
        Simulator::Destroy();
    }

    void TearDown() override
    {
        Simulator::Destroy();
    }
};

TEST_F(RtmTopologyHelperTest, BuildsNodesLinksAndAddresses)
{
    RtmTopology t = RtmTopologyGenerator().Ring(4);
    RtmTopologyEdge fast;
    fast.dataRateBps = 100000000;
    fast.delay = MilliSeconds(5);
    fast.metric = 3;
    t.AddEdge(2, 0, fast); // e4: a chord
    t.AddEdge(0, 2, fast); // e5: parallel to the chord

    RtmTopologyHelper helper;
    helper.SetBaseAddress(Ipv4Address("192.168.8.0"));
    helper.Install(t);
    ASSERT_EQ(helper.GetNodes().GetN(), 4U);
    EXPECT_EQ(helper.GetNEdges(), 6U);
    // devices: one per incident edge plus the loopback
    for (uint32_t v = 0; v < 4; ++v)
    {
        Ptr<Node> node = helper.GetNode(v);
        EXPECT_EQ(helper.GetVertex(node), v);
        EXPECT_EQ(node->GetNDevices(), t.GetDegree(v) + 1);
        Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
        ASSERT_TRUE(ipv4);
        EXPECT_EQ(ipv4->GetNInterfaces(), t.GetDegree(v) + 1);
        EXPECT_FALSE(node->GetObject<Ipv6>()); // IPv6 off by default
    }
    // vertex 0: edges 0 (0-1), 3 (3-0), 4 (2-0), 5 (0-2) -> interfaces 1, 2, 3, 4
    EXPECT_EQ(helper.GetInterface(0, 0), 1U);
    EXPECT_EQ(helper.GetInterface(3, 1), 2U);
    EXPECT_EQ(helper.GetInterface(4, 1), 3U);
    EXPECT_EQ(helper.GetInterface(5, 0), 4U);
    std::set<uint32_t> addresses;
    for (uint32_t e = 0; e < 6; ++e)
    {
        EXPECT_EQ(helper.GetNetwork(e), Ipv4Address(Ipv4Address("192.168.8.0").Get() + 4 * e));
        for (uint32_t end = 0; end < 2; ++end)
        {
            const uint32_t v = end == 0 ? t.GetEdgeSource(e) : t.GetEdgeTarget(e);
            Ptr<Node> node = helper.GetNode(v);
            Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
            const uint32_t i = helper.GetInterface(e, end);
            EXPECT_EQ(ipv4->GetAddress(i, 0).GetLocal(), helper.GetAddress(e, end));
            EXPECT_EQ(ipv4->GetAddress(i, 0).GetMask(), Ipv4Mask("255.255.255.252"));
            EXPECT_EQ(helper.GetAddress(e, end).Get(), helper.GetNetwork(e).Get() + 1 + end);
            EXPECT_TRUE(ipv4->IsUp(i));
            EXPECT_EQ(ipv4->GetMetric(i), t.GetEdge(e).metric);
            EXPECT_EQ(ipv4->GetNetDevice(i), helper.GetDevice(e, end));
            EXPECT_EQ(helper.GetDevice(e, end)->GetNode(), node);
            EXPECT_EQ(helper.GetEdge(node, i), e);
            EXPECT_EQ(helper.GetEdgeEnd(node, i), end);
            addresses.insert(helper.GetAddress(e, end).Get());
        }
        // per-edge rate and delay
        DataRateValue rate;
        helper.GetDevice(e, 0)->GetAttribute("DataRate", rate);
        EXPECT_EQ(rate.Get().GetBitRate(), t.GetEdge(e).dataRateBps);
        TimeValue delay;
        helper.GetDevice(e, 0)->GetChannel()->GetAttribute("Delay", delay);
        EXPECT_EQ(delay.Get(), t.GetEdge(e).delay);
        EXPECT_EQ(helper.GetDevice(e, 0)->GetChannel(), helper.GetDevice(e, 1)->GetChannel());
    }
    EXPECT_EQ(addresses.size(), 12U);
    EXPECT_EQ(helper.GetEdge(helper.GetNode(1), 0), RtmTopologyHelper::INVALID); // loopback
    EXPECT_EQ(helper.GetVertex(CreateObject<Node>()), RtmTopologyHelper::INVALID);
    EXPECT_EQ(helper.GetVertexAddress(3), helper.GetAddress(2, 1)); // edge 2 = (2, 3)
    EXPECT_THROW(helper.SetBaseAddress(Ipv4Address("10.0.0.2")), RtmTopologyError);

    // The oracle's first hops as routing-table entries.
    RtmTopologyOracle oracle(t);
    auto hops = helper.GetNextHops(oracle, 0, 2); // chord and its parallel
    ASSERT_EQ(hops.size(), 2U);
    EXPECT_EQ(hops[0], std::make_pair(3U, helper.GetAddress(4, 0)));
    EXPECT_EQ(hops[1], std::make_pair(4U, helper.GetAddress(5, 1)));
    RtmTopologyOracle weighted(t, RtmTopologyOracle::Metric::EdgeMetric);
    hops = helper.GetNextHops(weighted, 0, 2); // 2 hops of 1 beat the chord of 3
    ASSERT_EQ(hops.size(), 2U);
    EXPECT_EQ(hops[0], std::make_pair(1U, helper.GetAddress(0, 1)));
    EXPECT_EQ(hops[1], std::make_pair(2U, helper.GetAddress(3, 0)));
}

TEST_F(RtmTopologyHelperTest, CallerRoutingAndAddressSpace)
{
    RtmTopology t = RtmTopologyGenerator().Line(3);
    RtmTopologyHelper helper;
    Ipv4StaticRoutingHelper staticRouting;
    helper.Install(t, staticRouting);
    Ptr<Ipv4RoutingProtocol> proto = helper.GetNode(1)->GetObject<Ipv4>()->GetRoutingProtocol();
    EXPECT_TRUE(DynamicCast<Ipv4StaticRouting>(proto));
    EXPECT_EQ(helper.GetAddress(0, 0), Ipv4Address("10.0.0.1"));
    EXPECT_EQ(helper.GetAddress(1, 1), Ipv4Address("10.0.0.6"));

    RtmTopologyHelper second; // same base again: no global address allocator to collide with
    second.SetIpv6StackInstall(true);
    second.Install(t);
    EXPECT_EQ(second.GetAddress(0, 0), Ipv4Address("10.0.0.1"));
    EXPECT_TRUE(second.GetNode(0)->GetObject<Ipv6>());
    EXPECT_TRUE(
        DynamicCast<Ipv4ListRouting>(second.GetNode(0)->GetObject<Ipv4>()->GetRoutingProtocol()));

    RtmTopologyHelper full;
    full.SetBaseAddress(Ipv4Address("255.255.255.248"));
    EXPECT_THROW(full.Install(RtmTopologyGenerator().Line(4)), RtmTopologyError);
}

TEST_F(RtmTopologyHelperTest, PacketsCrossTheBuiltNetwork)
{
    RtmTopologyGenerator gen;
    gen.SetDelay(MilliSeconds(10));
    gen.SetDataRate(DataRate("100Mbps"));
    RtmTopology grid = gen.Grid(3, 3);
    RtmTopologyHelper helper;
    helper.Install(grid);
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();

    // Global routing's choice at every hop from 0 towards 8 is one of the oracle's next hops.
    RtmTopologyOracle oracle(grid);
    const Ipv4Address target = helper.GetVertexAddress(8);
    uint32_t at = 0;
    uint32_t steps = 0;
    while (at != 8 && steps < 10)
    {
        Ptr<Ipv4> ipv4 = helper.GetNode(at)->GetObject<Ipv4>();
        Ipv4Header header;
        header.SetDestination(target);
        Socket::SocketErrno err;
        Ptr<Ipv4Route> route =
            ipv4->GetRoutingProtocol()->RouteOutput(Create<Packet>(), header, nullptr, err);
        ASSERT_TRUE(route) << "no route at vertex " << at;
        const uint32_t interface = ipv4->GetInterfaceForDevice(route->GetOutputDevice());
        const uint32_t e = helper.GetEdge(helper.GetNode(at), interface);
        ASSERT_NE(e, RtmTopologyHelper::INVALID);
        const uint32_t next = grid.GetOtherEnd(e, at);
        const auto allowed = oracle.GetNextHops(at, 8);
        EXPECT_TRUE(std::find(allowed.begin(), allowed.end(), next) != allowed.end())
            << at << " -> " << next;
        at = next;
        ++steps;
    }
    EXPECT_EQ(steps, oracle.GetDistance(0, 8));

    UdpEchoServerHelper server(9);
    server.Install(helper.GetNode(8)).Start(Seconds(0));
    UdpEchoClientHelper client(target, 9);
    client.SetAttribute("MaxPackets", UintegerValue(1));
    client.SetAttribute("PacketSize", UintegerValue(100));
    ApplicationContainer apps = client.Install(helper.GetNode(0));
    apps.Start(Seconds(1));
    uint32_t replies = 0;
    Time rtt;
    apps.Get(0)->TraceConnectWithoutContext(
        "Rx",
        Callback<void, Ptr<const Packet>>([&](Ptr<const Packet>) {
            ++replies;
            rtt = Simulator::Now() - Seconds(1);
        }));
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    EXPECT_EQ(replies, 1U);
    // 4 hops each way at 10 ms, plus transmission times well under 1 ms in total
    EXPECT_GE(rtt, MilliSeconds(80));
    EXPECT_LT(rtt, MilliSeconds(81));
}

// ---------------------------------------------------------------------------------------------
// ns-3's own readers, bridged
// ---------------------------------------------------------------------------------------------

/// Writes temporary files and destroys the nodes the ns-3 readers create.
class RtmTopologyNs3ReaderTest : public ::testing::Test
{
  protected:
    void SetUp() override
    {
        m_dir = std::filesystem::temp_directory_path().string() + "/rtm-topo-ns3-" +
                std::to_string(::getpid());
        std::filesystem::create_directories(m_dir);
    }

    void TearDown() override
    {
        std::filesystem::remove_all(m_dir);
        Simulator::Destroy();
    }

    /// Write a file in the temporary folder and return its path.
    std::string Write(const std::string& name, const std::string& content)
    {
        const std::string path = m_dir + "/" + name;
        std::ofstream(path) << content;
        return path;
    }

    std::string m_dir; //!< temporary folder
};

TEST_F(RtmTopologyNs3ReaderTest, Inet)
{
    // Inet: "nodes links", the node lines, then "from to weight" link lines.
    const std::string path = Write("inet.txt",
                                   "4 5\n0 10 10\n1 20 20\n2 30 30\n3 40 40\n"
                                   "0 1 12\n1 2 7\n2 3 3\n3 0 5\n1 0 9\n");
    RtmTopologyNs3Reader reader;
    reader.SetMergeParallelEdges(false);
    RtmTopology t = reader.Read(RtmTopologyNs3Reader::Format::Inet, path);
    EXPECT_EQ(t.GetName(), "inet");
    EXPECT_EQ(t.GetNVertices(), 4U);
    EXPECT_EQ(t.GetNEdges(), 5U);
    EXPECT_EQ(t.GetVertex(0).name, "0");
    EXPECT_EQ(t.GetEdge(0).metric, 12U);
    EXPECT_EQ(t.GetEdge(2).metric, 3U);
    EXPECT_EQ(t.GetEdge(0).delay, MilliSeconds(1));
    EXPECT_EQ(reader.GetReport().parallelEdges, 1U);
    EXPECT_EQ(reader.GetReport().format, "inet");
    EXPECT_EQ(reader.GetReport().edgesWithDefaultDelay, 5U);

    reader.SetMergeParallelEdges(true);
    reader.SetUseWeights(false);
    RtmTopology m = reader.Read(RtmTopologyNs3Reader::Format::Inet, path);
    EXPECT_EQ(m.GetNEdges(), 4U);
    EXPECT_EQ(m.GetEdge(0).metric, 1U);
    EXPECT_EQ(reader.GetReport().parallelEdgesMerged, 1U);
}

TEST_F(RtmTopologyNs3ReaderTest, OrbisAndRocketfuel)
{
    const std::string orbis = Write("orbis.txt", "a b\nb c\nc a\nc c\nd e\n");
    RtmTopologyNs3Reader reader;
    RtmTopology o = reader.Read(RtmTopologyNs3Reader::Format::Orbis, orbis);
    EXPECT_EQ(o.GetNVertices(), 5U);
    EXPECT_EQ(o.GetNEdges(), 4U);
    EXPECT_EQ(reader.GetReport().selfLoopsDropped, 1U);
    EXPECT_EQ(reader.GetReport().components, 2U);
    EXPECT_EQ(o.FindVertex("e"), std::optional<uint32_t>(4));

    // Rocketfuel weights file: "from to weight"; the ns-3 reader drops reverse duplicates.
    const std::string weights = Write("weights.txt",
                                      "Paris,France Berlin,Germany 5\n"
                                      "Berlin,Germany Paris,France 5\n"
                                      "Berlin,Germany Rome,Italy 2.5\n");
    RtmTopology r = reader.Read(RtmTopologyNs3Reader::Format::Rocketfuel, weights);
    EXPECT_EQ(r.GetNVertices(), 3U);
    EXPECT_EQ(r.GetNEdges(), 2U);
    EXPECT_TRUE(r.FindVertex("Rome,Italy").has_value());
    EXPECT_EQ(reader.GetReport().format, "rocketfuel");
}

TEST_F(RtmTopologyNs3ReaderTest, ErrorsAndConvert)
{
    RtmTopologyNs3Reader reader;
    const std::string missing = m_dir + "/missing.txt";
    try
    {
        reader.Read(RtmTopologyNs3Reader::Format::Orbis, missing);
        ADD_FAILURE() << "no error";
    }
    catch (const RtmTopologyError& e)
    {
        EXPECT_EQ(std::string(e.what()).rfind(missing + ": ", 0), 0U) << e.what();
    }
    const std::string garbage = Write("garbage.txt", "this is not a rocketfuel file\n");
    EXPECT_THROW(reader.Read(RtmTopologyNs3Reader::Format::Rocketfuel, garbage), RtmTopologyError);
    // An empty file is an empty topology.
    RtmTopology empty = reader.Read(RtmTopologyNs3Reader::Format::Orbis, Write("empty.txt", ""));
    EXPECT_EQ(empty.GetNVertices(), 0U);

    // Convert a reader filled by hand, with link attributes.
    Ptr<OrbisTopologyReader> manual = CreateObject<OrbisTopologyReader>();
    Ptr<Node> a = CreateObject<Node>();
    Ptr<Node> b = CreateObject<Node>();
    TopologyReader::Link link(a, "x", b, "y");
    link.SetAttribute("DataRate", "10Mbps");
    link.SetAttribute("Delay", "7ms");
    manual->AddLink(link);
    TopologyReader::Link bad(b, "y", a, "x");
    bad.SetAttribute("DataRate", "fast");
    manual->AddLink(bad);
    reader.SetMergeParallelEdges(false);
    RtmTopology c = reader.Convert(*manual, "manual");
    ASSERT_EQ(c.GetNEdges(), 2U);
    EXPECT_EQ(c.GetEdge(0).dataRateBps, 10000000U);
    EXPECT_EQ(c.GetEdge(0).delay, MilliSeconds(7));
    EXPECT_EQ(c.GetEdge(1).dataRateBps, 1000000000U);
    EXPECT_EQ(reader.GetReport().edgesWithDefaultRate, 1U);
    EXPECT_EQ(reader.GetReport().edgesWithDefaultDelay, 1U);
}

// ---- issue 11: the parser's cost on hostile tags, and numbers read as documented --------------

TEST(RtmTopologyXmlParserLimits, DuplicateAttributeCheckIsNotQuadratic)
{
    // 60,000 attributes (480 KB) took 10.6 s with a pairwise check; 200,000 would take minutes
    std::string text = "<r";
    for (int i = 0; i < 200000; ++i)
    {
        text += " a" + std::to_string(i) + "=\"\"";
    }
    RtmTopologyXmlParser parser("mem");
    auto start = std::chrono::steady_clock::now();
    auto root = parser.Parse(text + "/>");
    EXPECT_EQ(root.attributes.size(), 200000U);
    EXPECT_THROW(parser.Parse(text + " a199999='x'/>"), RtmTopologyError);
    try
    {
        parser.Parse(text + " a7=''/>");
        ADD_FAILURE() << "duplicate not found";
    }
    catch (const RtmTopologyError& e)
    {
        EXPECT_NE(std::string(e.what()).find("duplicate attribute 'a7'"), std::string::npos);
    }
    try
    {
        parser.Parse("<r a='' b='' a=''/>");
        ADD_FAILURE() << "duplicate not found";
    }
    catch (const RtmTopologyError& e)
    {
        EXPECT_NE(std::string(e.what()).find("duplicate attribute 'a'"), std::string::npos);
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_LT(seconds, 10.0) << "three parses of 200,000 attributes";
}

TEST(RtmTopologyXmlParserLimits, SurrogateAndNonCharacterReferencesAreRefused)
{
    RtmTopologyXmlParser parser("mem");
    for (const char* ref : {"&#xD800;", "&#xDFFF;", "&#55296;", "&#xFFFE;", "&#xFFFF;"})
    {
        EXPECT_THROW(parser.Parse(std::string("<r a='") + ref + "'/>"), RtmTopologyError) << ref;
        EXPECT_THROW(parser.Parse(std::string("<r>") + ref + "</r>"), RtmTopologyError) << ref;
    }
    EXPECT_EQ(*parser.Parse("<r a='&#xD7FF;&#xE000;&#x10000;'/>").FindAttribute("a"),
              "\xED\x9F\xBF\xEE\x80\x80\xF0\x90\x80\x80");
}

TEST(RtmTopologyGraphmlNumbers, OneSignAtMostAndUnderflowReadsAsZero)
{
    RtmGraphmlReader reader;
    auto withLatitude = [](const std::string& lat) {
        return Graphml("    <node id=\"a\"><data key=\"k3\">" + lat +
                       "</data><data key=\"k7\">1</data></node>\n");
    };
    for (const char* bad : {"+-1", "++1", "-+1", "--1", "+", "1e400", "-1e400", "inf", "nan"})
    {
        EXPECT_THROW(reader.ReadFromString(withLatitude(bad), "mem.graphml"), RtmTopologyError)
            << bad;
    }
    for (const char* tiny : {"1e-400", "-1e-400", "+1e-400", "0.0000001e-399", "123e-500"})
    {
        RtmTopology t = reader.ReadFromString(withLatitude(tiny), "mem.graphml");
        EXPECT_EQ(t.GetVertex(0).latitude, 0.0) << tiny;
    }
    RtmTopology t = reader.ReadFromString(withLatitude("+1.5"), "mem.graphml");
    EXPECT_EQ(t.GetVertex(0).latitude, 1.5);
    t = reader.ReadFromString(withLatitude("-2.5e1"), "mem.graphml");
    EXPECT_EQ(t.GetVertex(0).latitude, -25.0);
}
