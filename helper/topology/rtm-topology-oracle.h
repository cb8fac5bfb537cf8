/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#ifndef RTM_TOPOLOGY_ORACLE_H
#define RTM_TOPOLOGY_ORACLE_H

#include "rtm-topology.h"

#include <cstdint>
#include <limits>
#include <vector>

namespace ns3
{

/**
 * @ingroup rtm
 * @brief All-pairs shortest paths of a topology, with every equal-cost first hop: the reference
 * that converged routing tables are compared against.
 *
 * Built by running Boost.Graph's dijkstra_shortest_paths from every vertex, with either hop
 * count (every edge costs 1) or each edge's RtmTopologyEdge::metric as the weight. Distances are
 * exact integers, so equal-cost paths tie exactly.
 *
 * The first hops from u towards v (u != v, v reachable) are every edge e = (u, w) with
 * weight(e) + distance(w, v) == distance(u, v): all equal-cost first hops (ECMP), parallel edges
 * included. GetNextHops() gives their distinct far ends w, GetNextHopEdges() the edges.
 *
 * The oracle copies what it needs and does not refer to the topology afterwards. Memory is
 * 8 V^2 bytes for the distance matrix (20 MB at 1600 vertices).
 */
class RtmTopologyOracle
{
  public:
    /// The edge weight.
    enum class Metric
    {
        Hop,       //!< every edge weighs 1
        EdgeMetric //!< every edge weighs its RtmTopologyEdge::metric
    };

    /// Distance of an unreachable vertex.
    static constexpr uint64_t INFINITE_DISTANCE = std::numeric_limits<uint64_t>::max();

    /**
     * @brief Compute the distances from every vertex.
     * @param topology the topology
     * @param metric the edge weight
     */
    explicit RtmTopologyOracle(const RtmTopology& topology, Metric metric = Metric::Hop);

    /**
     * @return the edge weight in use
     */
    Metric GetMetric() const;
    /**
     * @return the number of vertices
     */
    uint32_t GetNVertices() const;

    /**
     * @param u a vertex
     * @param v a vertex
     * @return the shortest-path distance from u to v (0 when u == v), or INFINITE_DISTANCE
     */
    uint64_t GetDistance(uint32_t u, uint32_t v) const;
    /**
     * @param u a vertex
     * @param v a vertex
     * @return true when v can be reached from u
     */
    bool IsReachable(uint32_t u, uint32_t v) const;
    /**
     * @param u the vertex that forwards
     * @param v the destination vertex
     * @return the distinct neighbours of u on some shortest path to v, ascending; empty when
     *         u == v or v is unreachable
     */
    std::vector<uint32_t> GetNextHops(uint32_t u, uint32_t v) const;
    /**
     * @param u the vertex that forwards
     * @param v the destination vertex
     * @return the indices of the edges of u that start some shortest path to v, ascending
     */
    std::vector<uint32_t> GetNextHopEdges(uint32_t u, uint32_t v) const;

  private:
    /// One incident edge in the copied adjacency.
    struct Arc
    {
        uint32_t edge;     //!< edge index
        uint32_t neighbor; //!< far end
        uint64_t weight;   //!< weight
    };

    /**
     * @brief Throw unless v is a vertex.
     * @param v the vertex
     */
    void Check(uint32_t v) const;

    Metric m_metric;                      //!< weight in use
    uint32_t m_n;                         //!< number of vertices
    std::vector<uint64_t> m_distance;     //!< row-major V x V distances
    std::vector<std::vector<Arc>> m_arcs; //!< incident edges of each vertex, by edge index
};

} // namespace ns3

#endif /* RTM_TOPOLOGY_ORACLE_H */
