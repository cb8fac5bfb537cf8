/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#include "rtm-topology-oracle.h"

#include "rtm-topology-error.h"

#include "ns3/log.h"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/property_map/function_property_map.hpp>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmTopologyOracle");

constexpr uint64_t RtmTopologyOracle::INFINITE_DISTANCE;

namespace
{

/**
 * @brief Run Dijkstra from every vertex of a graph.
 * @tparam Graph a Boost.Graph graph with vertex indices 0..n-1
 * @tparam WeightMap a readable edge property map of uint64_t weights
 * @param g the graph
 * @param weight the edge weights
 * @param n the number of vertices
 * @param distance receives the row-major n x n distances (INFINITE_DISTANCE: unreachable)
 */
template <typename Graph, typename WeightMap>
void
AllPairs(const Graph& g, WeightMap weight, uint32_t n, std::vector<uint64_t>& distance)
{
    distance.assign(static_cast<size_t>(n) * n, RtmTopologyOracle::INFINITE_DISTANCE);
    for (uint32_t s = 0; s < n; ++s)
    {
        uint64_t* row = distance.data() + static_cast<size_t>(s) * n;
        auto map = boost::make_iterator_property_map(row, boost::get(boost::vertex_index, g));
        boost::dijkstra_shortest_paths(g,
                                       s,
                                       boost::weight_map(weight)
                                           .distance_map(map)
                                           .distance_inf(RtmTopologyOracle::INFINITE_DISTANCE)
                                           .distance_zero(uint64_t(0)));
    }
}

} // namespace

RtmTopologyOracle::RtmTopologyOracle(const RtmTopology& topology, Metric metric)
    : m_metric(metric),
      m_n(topology.GetNVertices())
{
    NS_LOG_FUNCTION(this << topology.GetName() << static_cast<int>(metric));
    const RtmTopology::Graph& g = topology.GetGraph();
    const bool hop = metric == Metric::Hop;
    auto weight = boost::make_function_property_map<RtmTopology::EdgeDescriptor, uint64_t>(
        [&g, hop](const RtmTopology::EdgeDescriptor& e) -> uint64_t {
            return hop ? 1 : g[e].metric;
        });
    AllPairs(g, weight, m_n, m_distance);

    m_arcs.assign(m_n, {});
    for (uint32_t e = 0; e < topology.GetNEdges(); ++e)
    {
        const uint32_t a = topology.GetEdgeSource(e);
        const uint32_t b = topology.GetEdgeTarget(e);
        const uint64_t w = hop ? 1 : topology.GetEdge(e).metric;
        m_arcs[a].push_back({e, b, w});
        m_arcs[b].push_back({e, a, w});
    }
}

RtmTopologyOracle::RtmTopologyOracle(uint32_t nVertices, const std::vector<Arc>& arcs)
    : m_metric(Metric::EdgeMetric),
      m_n(nVertices)
{
    NS_LOG_FUNCTION(this << nVertices << arcs.size());
    typedef boost::adjacency_list<boost::vecS,
                                  boost::vecS,
                                  boost::directedS,
                                  boost::no_property,
                                  boost::property<boost::edge_weight_t, uint64_t>>
        Digraph;
    Digraph g(m_n);
    m_arcs.assign(m_n, {});
    for (uint32_t k = 0; k < arcs.size(); ++k)
    {
        const Arc& arc = arcs[k];
        if (arc.from >= m_n || arc.to >= m_n)
        {
            throw RtmTopologyError("RtmTopologyOracle",
                                   "arc " + std::to_string(k) +
                                       " names a vertex >= " + std::to_string(m_n));
        }
        boost::add_edge(arc.from, arc.to, arc.weight, g);
        m_arcs[arc.from].push_back({k, arc.to, arc.weight});
    }
    AllPairs(g, boost::get(boost::edge_weight, g), m_n, m_distance);
}

RtmTopologyOracle::Metric
RtmTopologyOracle::GetMetric() const
{
    return m_metric;
}

uint32_t
RtmTopologyOracle::GetNVertices() const
{
    return m_n;
}

void
RtmTopologyOracle::Check(uint32_t v) const
{
    if (v >= m_n)
    {
        throw RtmTopologyError("RtmTopologyOracle",
                               "no vertex " + std::to_string(v) + " (" + std::to_string(m_n) +
                                   " vertices)");
    }
}

uint64_t
RtmTopologyOracle::GetDistance(uint32_t u, uint32_t v) const
{
    Check(u);
    Check(v);
    return m_distance[static_cast<size_t>(u) * m_n + v];
}

bool
RtmTopologyOracle::IsReachable(uint32_t u, uint32_t v) const
{
    return GetDistance(u, v) != INFINITE_DISTANCE;
}

std::vector<uint32_t>
RtmTopologyOracle::GetNextHopEdges(uint32_t u, uint32_t v) const
{
    const uint64_t total = GetDistance(u, v);
    std::vector<uint32_t> result;
    if (u == v || total == INFINITE_DISTANCE)
    {
        return result;
    }
    for (const OutArc& arc : m_arcs[u])
    {
        const uint64_t rest = m_distance[static_cast<size_t>(arc.neighbor) * m_n + v];
        if (rest != INFINITE_DISTANCE && arc.weight + rest == total)
        {
            result.push_back(arc.edge);
        }
    }
    std::sort(result.begin(), result.end());
    return result;
}

std::vector<uint32_t>
RtmTopologyOracle::GetNextHops(uint32_t u, uint32_t v) const
{
    const uint64_t total = GetDistance(u, v);
    std::vector<uint32_t> result;
    if (u == v || total == INFINITE_DISTANCE)
    {
        return result;
    }
    for (const OutArc& arc : m_arcs[u])
    {
        const uint64_t rest = m_distance[static_cast<size_t>(arc.neighbor) * m_n + v];
        if (rest != INFINITE_DISTANCE && arc.weight + rest == total)
        {
            result.push_back(arc.neighbor);
        }
    }
    std::sort(result.begin(), result.end());
    result.erase(std::unique(result.begin(), result.end()), result.end());
    return result;
}

uint64_t
RtmTopologyOracle::GetDistanceToSet(uint32_t u, const std::vector<Attachment>& destination) const
{
    Check(u);
    uint64_t best = INFINITE_DISTANCE;
    for (const Attachment& a : destination)
    {
        Check(a.vertex);
        const uint64_t d = m_distance[static_cast<size_t>(u) * m_n + a.vertex];
        if (d != INFINITE_DISTANCE && a.cost < INFINITE_DISTANCE - d)
        {
            best = std::min(best, d + a.cost);
        }
    }
    return best;
}

std::vector<uint32_t>
RtmTopologyOracle::GetNextHopsToSet(uint32_t u, const std::vector<Attachment>& destination) const
{
    const uint64_t total = GetDistanceToSet(u, destination);
    std::vector<uint32_t> result;
    if (total == INFINITE_DISTANCE)
    {
        return result;
    }
    for (const OutArc& arc : m_arcs[u])
    {
        const uint64_t rest = GetDistanceToSet(arc.neighbor, destination);
        if (rest != INFINITE_DISTANCE && arc.weight + rest == total)
        {
            result.push_back(arc.neighbor);
        }
    }
    std::sort(result.begin(), result.end());
    result.erase(std::unique(result.begin(), result.end()), result.end());
    return result;
}

} // namespace ns3
