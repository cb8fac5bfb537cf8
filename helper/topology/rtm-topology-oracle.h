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
 * An oracle can also be built from a list of directed, weighted arcs (for example the links
 * between the interfaces of simulated nodes that are up, each weighted by the cost of the
 * interface it leaves through); GetNextHopEdges() then gives arc indices. A destination may be a
 * set of vertices, each with the cost of reaching the destination from it (an IP network and
 * the routers attached to it): GetDistanceToSet() and GetNextHopsToSet().
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

    /// One directed arc of a weighted digraph (see the arc-list constructor).
    struct Arc
    {
        uint32_t from;   //!< tail vertex
        uint32_t to;     //!< head vertex
        uint64_t weight; //!< weight (sums along paths must stay below INFINITE_DISTANCE)
    };

    /// A vertex through which a destination made of several vertices is reached.
    struct Attachment
    {
        uint32_t vertex; //!< the vertex
        uint64_t cost;   //!< the cost from the vertex into the destination
    };

    /**
     * @brief Compute the distances from every vertex.
     * @param topology the topology
     * @param metric the edge weight
     */
    explicit RtmTopologyOracle(const RtmTopology& topology, Metric metric = Metric::Hop);

    /**
     * @brief Compute the distances of a directed graph given by its arcs.
     *
     * Arc k has index k (GetNextHopEdges() returns these). Parallel arcs and self-loops are
     * allowed. GetMetric() returns Metric::EdgeMetric: each arc weighs its own weight.
     * @param nVertices the number of vertices
     * @param arcs the arcs
     * @throws RtmTopologyError when an arc names a vertex >= nVertices
     */
    RtmTopologyOracle(uint32_t nVertices, const std::vector<Arc>& arcs);

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

    /**
     * @brief The distance to a destination made of several vertices.
     * @param u a vertex
     * @param destination the attachments of the destination
     * @return the minimum over the attachments a of GetDistance(u, a.vertex) + a.cost, or
     *         INFINITE_DISTANCE when no attachment is reachable (or there is none)
     */
    uint64_t GetDistanceToSet(uint32_t u, const std::vector<Attachment>& destination) const;
    /**
     * @brief The first hops towards a destination made of several vertices.
     * @param u the vertex that forwards
     * @param destination the attachments of the destination
     * @return the distinct neighbours w of u, ascending, such that some arc (u, w) has
     *         weight + GetDistanceToSet(w, destination) == GetDistanceToSet(u, destination);
     *         empty when the destination is unreachable from u
     */
    std::vector<uint32_t> GetNextHopsToSet(uint32_t u,
                                           const std::vector<Attachment>& destination) const;

  private:
    /// One outgoing arc in the copied adjacency.
    struct OutArc
    {
        uint32_t edge;     //!< edge (or arc) index
        uint32_t neighbor; //!< far end
        uint64_t weight;   //!< weight
    };

    /**
     * @brief Throw unless v is a vertex.
     * @param v the vertex
     */
    void Check(uint32_t v) const;

    Metric m_metric;                         //!< weight in use
    uint32_t m_n;                            //!< number of vertices
    std::vector<uint64_t> m_distance;        //!< row-major V x V distances
    std::vector<std::vector<OutArc>> m_arcs; //!< outgoing arcs of each vertex, by edge index
};

} // namespace ns3

#endif /* RTM_TOPOLOGY_ORACLE_H */
