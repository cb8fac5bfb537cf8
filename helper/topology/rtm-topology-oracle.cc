/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#include "rtm-topology-oracle.h"

#include "rtm-topology-error.h"

#include "ns3/log.h"

#include <algorithm>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/property_map/function_property_map.hpp>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmTopologyOracle");

constexpr uint64_t RtmTopologyOracle::INFINITE_DISTANCE;

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

    m_distance.assign(static_cast<size_t>(m_n) * m_n, INFINITE_DISTANCE);
    for (uint32_t s = 0; s < m_n; ++s)
    {
        uint64_t* row = m_distance.data() + static_cast<size_t>(s) * m_n;
        auto distance = boost::make_iterator_property_map(row, boost::get(boost::vertex_index, g));
        boost::dijkstra_shortest_paths(g,
                                       s,
                                       boost::weight_map(weight)
                                           .distance_map(distance)
                                           .distance_inf(INFINITE_DISTANCE)
                                           .distance_zero(uint64_t(0)));
    }

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
    for (const Arc& arc : m_arcs[u])
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
    for (const Arc& arc : m_arcs[u])
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

} // namespace ns3
