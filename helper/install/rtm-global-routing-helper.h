/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#ifndef RTM_GLOBAL_ROUTING_HELPER_H
#define RTM_GLOBAL_ROUTING_HELPER_H

#include "ns3/node-container.h"

#include <cstdint>
#include <functional>
#include <memory>

namespace ns3
{

/**
 * @ingroup rtm
 * @brief Shortest-path routes computed once for a whole network and installed into every node's
 * RTM, without simulating a protocol: what Ipv4GlobalRoutingHelper does for ns-3's own routing,
 * done as an RTM client.
 *
 * Populate() registers one client per node with PROTO_IP_NETMGMT (3; the RTM's default priority
 * table gives it 10, so its routes win over OSPF's and RIP's), runs Boost.Graph's
 * dijkstra_shortest_paths from every node over the point-to-point and shared links whose both
 * ends are up, and adds for every IPv4 network of the nodes that a node is not on one route: next
 * hop = the neighbour that starts a shortest path (ties go to the lowest arc, so results never
 * depend on history), metric = the path cost (interface costs, 1 unless SetInterfaceCost says
 * otherwise, plus the cost of the last router's interface into the network). The forwarder, the
 * churn tracer, the monitor and the other clients see these routes like any client's.
 *
 * Recompute() recomputes everything and sends the RTMs only the differences. With incremental
 * updates on (the default), the helper follows every node's forwarder (RtmIpv4Routing
 * InterfaceUp/InterfaceDown) and, once per simulated instant, Update() recomputes only the
 * sources whose shortest-path tree an arc change can alter (a tree arc went down, or an arc came
 * up that is no longer than the current path) and the routes to networks whose attachments
 * changed, and sends only changed routes. Its result equals Recompute()'s.
 *
 * Memory: per node, one distance and one tree arc per node (8 bytes, 8 N^2 in all); the
 * installed routes are not stored in the helper (the RTMs hold them; the helper recomputes the
 * installed one from the previous tree when it needs the difference). Populate first checks
 * that the routes and trees fit (RtmMemoryEstimate, against SetMemoryLimit or the memory
 * available) and fails with the estimate if they do not.
 */
class RtmGlobalRoutingHelper
{
  public:
    /// The RTMv1 protocol id of the helper's routes (PROTO_IP_NETMGMT).
    static constexpr uint32_t PROTOCOL = 3;

    /// The cost of sending out of an interface (node index, IPv4 interface index), >= 1.
    using InterfaceCost = std::function<uint32_t(uint32_t node, uint32_t interface)>;

    /// What the helper did, cumulatively.
    struct Statistics
    {
        uint64_t routes{0};      //!< routes installed now
        uint64_t added{0};       //!< routes added
        uint64_t updated{0};     //!< routes changed (next hop, interface or metric)
        uint64_t deleted{0};     //!< routes deleted
        uint64_t spfRuns{0};     //!< shortest-path trees computed
        uint64_t updates{0};     //!< Populate, Recompute and Update calls
        uint64_t lastSpfRuns{0}; //!< trees computed by the last call
        uint64_t lastChanges{0}; //!< routes added, changed or deleted by the last call
    };

    /**
     * @brief A helper for a set of nodes (each with an RTM and its forwarder, RtmHelper).
     * @param nodes the nodes; their interfaces and links are read at Populate
     */
    explicit RtmGlobalRoutingHelper(const NodeContainer& nodes);
    ~RtmGlobalRoutingHelper();
    RtmGlobalRoutingHelper(const RtmGlobalRoutingHelper&) = delete;
    RtmGlobalRoutingHelper& operator=(const RtmGlobalRoutingHelper&) = delete;

    /**
     * @param cost the interface cost (null: 1 everywhere); call before Populate
     */
    void SetInterfaceCost(InterfaceCost cost);

    /**
     * @param incremental whether interface events trigger Update (default true); call before
     *        Populate
     */
    void SetIncremental(bool incremental);

    /**
     * @brief Be told how a full computation progresses (for long runs).
     * @param progress called with (trees done, trees in all) about a hundred times per full
     *        computation; null: not told
     */
    void SetProgress(std::function<void(uint32_t done, uint32_t total)> progress);

    /**
     * @brief Bound the memory Populate may plan for.
     * @param bytes the bound (0, the default: what RtmMemoryEstimate::GetAvailable says)
     */
    void SetMemoryLimit(uint64_t bytes);

    /**
     * @brief What Populate will need on top of the network already built: the routes in the
     * RTMs and the helper's trees (RtmMemoryEstimate's figures).
     * @return bytes
     * @throws std::runtime_error if a node has no RTM or no IPv4
     */
    uint64_t EstimateMemory();

    /**
     * @brief Register the clients, compute every route and install it.
     * @return the number of routes installed
     * @throws std::runtime_error if a node has no RTM, or the nodes were destroyed, or the
     *         routes would not fit in memory (nothing is installed then)
     */
    uint64_t Populate();

    /**
     * @brief Compute every route again from the current up/down state and send the RTMs the
     * differences.
     * @return the number of routes added, changed or deleted
     * @throws std::runtime_error before Populate, or if the nodes were destroyed
     */
    uint64_t Recompute();

    /**
     * @brief Recompute only what the interface changes since the last call can have altered,
     * and send the RTMs the differences (what interface events trigger).
     * @return the number of routes added, changed or deleted
     * @throws std::runtime_error before Populate, or if the nodes were destroyed
     */
    uint64_t Update();

    /// Deregister the clients: every route of the helper is deleted (the others are told).
    void Clear();

    /// @return what the helper did so far
    Statistics GetStatistics() const;

  private:
    struct State;                   //!< the network, trees and installed routes
    std::shared_ptr<State> m_state; //!< shared with the event callbacks (held weakly there)
};

} // namespace ns3

#endif /* RTM_GLOBAL_ROUTING_HELPER_H */
