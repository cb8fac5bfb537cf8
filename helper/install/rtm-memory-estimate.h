/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#ifndef RTM_MEMORY_ESTIMATE_H
#define RTM_MEMORY_ESTIMATE_H

#include <cstdint>
#include <string>

namespace ns3
{

class RtmTopology;

/**
 * @ingroup rtm
 * @brief How much memory a network of a given size will need, checked before it is built, so
 * that a topology too large for the machine fails at once with a clear message instead of
 * being killed by the kernel hours later.
 *
 * The figures are per-unit costs measured on grids and Barabasi-Albert graphs of 900 to 2500
 * routers (doc/large-scale.rst): per router (node, IPv4 stack, RTM, forwarder), per link (two
 * devices, a channel, four addresses), per route installed in an RTM (table entry, network
 * record, LPM interval, vector headroom), per link-state database entry (each router holds one
 * per router) and per shared LSA body (one per router and per link), and per pair of routers
 * for RtmGlobalRoutingHelper's trees (a distance and a tree arc), and per pair of routers for
 * the link-state cold start's flooding, which depends on how many LSAs are in flight at once:
 * nearly all of them on small-diameter graphs (Barabasi-Albert), a wave of width inversely
 * proportional to the eccentricity on grids. A network with R routers and M networks gets
 * about R * M routes in all. The estimate is meant to be within some tens of per
 * cent (1 to 17 per cent above the measured peaks of 900- to 2500-router grids).
 *
 * Available memory: MemAvailable of /proc/meminfo, lowered to what the address-space limit
 * (ulimit -v, RLIMIT_AS) leaves above the process's current size; 0 if neither is known.
 */
class RtmMemoryEstimate
{
  public:
    /// What computes the routes.
    enum class Routing
    {
        Global,    //!< RtmGlobalRoutingHelper
        LinkState, //!< RtmOspfAgent on every router
    };

    static constexpr uint64_t PER_NODE = 80000; //!< bytes per router
    static constexpr uint64_t PER_LINK = 6000;  //!< bytes per point-to-point link
    static constexpr uint64_t PER_ROUTE = 74;   //!< bytes per installed route
    /// bytes per database entry (R^2 of them: a slot, its index and heap cells, a share of
    /// the bodies)
    static constexpr uint64_t PER_LSDB_ENTRY = 52;
    /// bytes per router pair of the cold start's flooding (update packets, retransmission lists,
    /// acknowledgement queues) when nearly every LSA is in flight on every adjacency at once, as
    /// on small-diameter graphs (Barabasi-Albert: 190-200 measured)
    static constexpr uint64_t PER_FLOOD_PAIR_MAX = 210;
    /// on a graph of eccentricity E (hops from a router to the farthest), the flooding's wave
    /// holds fewer at once: about PER_FLOOD_PAIR_SPREAD / E bytes per pair (grids: 30-62)
    static constexpr uint64_t PER_FLOOD_PAIR_SPREAD = 3700;
    static constexpr uint64_t PER_LSA_BODY = 150;  //!< bytes per shared body, plus per link
    static constexpr uint64_t PER_GLOBAL_PAIR = 8; //!< bytes per router pair (global helper)

    /**
     * @brief The peak memory a network will need.
     * @param routers routers
     * @param links links (point-to-point, one network each)
     * @param networks networks routed (0: one per link)
     * @param routing what computes the routes
     * @param eccentricity link-state: hops from some router to the one farthest from it (0:
     * unknown, taken as small: the largest flooding)
     * @return bytes
     */
    static uint64_t Estimate(uint64_t routers,
                             uint64_t links,
                             uint64_t networks,
                             Routing routing,
                             uint32_t eccentricity = 0);

    /**
     * @brief The peak memory a topology will need (one network per link), its eccentricity
     * measured from vertex 0 (a breadth-first search).
     * @param topology the topology
     * @param routing what computes the routes
     * @return bytes
     */
    static uint64_t Estimate(const RtmTopology& topology, Routing routing);

    /// @return bytes this process can still allocate (see the class text), 0 if unknown
    static uint64_t GetAvailable();

    /**
     * @brief Fail early if a network will not fit.
     * @param need bytes the network needs (Estimate)
     * @param limit bytes allowed (0: GetAvailable(); if that is unknown too, nothing is checked)
     * @param what the network, for the message (e.g. "100x100 grid, link-state")
     * @throws std::runtime_error saying how much is needed and how much is there
     */
    static void Check(uint64_t need, uint64_t limit, const std::string& what);

    /**
     * @param bytes a size
     * @return it in MiB or GiB, for messages
     */
    static std::string Format(uint64_t bytes);
};

} // namespace ns3

#endif /* RTM_MEMORY_ESTIMATE_H */
