/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#ifndef RTM_OSPF_LSDB_H
#define RTM_OSPF_LSDB_H

#include "rtm-ospf-lsa-store.h"
#include "rtm-ospf-lsa.h"

#include "ns3/nstime.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * @ingroup rtm
 * @brief The link-state database of one RtmOspfAgent: the newest known instance of every
 * router's LSA and of every network-LSA, its age on simulated time, and shortest paths over it
 * with Boost.Graph.
 *
 * Entries are keyed by RtmOspfLsa::KeyOf: a router-LSA by its router id, a network-LSA by
 * (2 << 32) | its link state id (the DR's interface address).
 *
 * An entry stores the LSA as received (its age field is the age at installation) and the time
 * it was installed; its current age is that age plus the whole seconds since, capped at MaxAge.
 * An entry that reaches MaxAge, or is installed at MaxAge (a flush), is *flushed*: it is left
 * out of shortest-path computations, still answers duplicates, and is removed FlushHold later.
 * Each entry has one deadline (when it reaches MaxAge, or when a flushed entry is removed),
 * kept in an ordered set so that the agent needs a single timer.
 *
 * ComputeShortestPaths builds a directed graph (boost::compressed_sparse_row_graph) whose
 * vertices are the routers with an unflushed LSA plus the computing router (vertices 0 ..
 * routers.size()-1), then the networks with an unflushed network-LSA, with an edge R->N of R's
 * metric for every point-to-point link that passes the two-way check (N's LSA lists R too), an
 * edge R->T of R's metric for every transit link to a network T whose network-LSA lists R, and
 * an edge T->R of cost 0 for every router R that T's network-LSA lists and whose router-LSA has
 * a transit link to T (RFC 2328 16.1 (2)); it runs boost::dijkstra_shortest_paths from the
 * computing router. The computing router's own edges
 * come from its live adjacencies (RootLink), not from its stored LSA, so that a neighbour lost
 * a moment ago is not used while the new LSA waits for MinLsInterval. Besides distances, it
 * returns for every vertex the set of first hops that start a shortest path to it (equal-cost
 * next hops, 16.1.1): a point-to-point adjacency of the computing router, or, across a transit
 * network the computing router is attached to, a router on that network, reached at its
 * interface address there (the link data of its transit link). That lets the agent keep a
 * route's next hop while it stays on a shortest path.
 */
class RtmOspfLsdb
{
  public:
    /// One stored LSA.
    struct Entry
    {
        /// The instance: an immutable body, shared with the other databases of the store (see
        /// RtmOspfLsaStore); its age field is 0, this entry's age is #age
        std::shared_ptr<const RtmOspfLsa> lsa;
        Time installed; //!< when it was installed
        Time deadline;  //!< when it reaches MaxAge (unflushed) or is removed (flushed)
        uint16_t age;   //!< its age when installed (MaxAge once flushed)
        bool flushed;   //!< at MaxAge: not used for routing, removed at #deadline
    };

    /// One adjacency of the computing router, as input to ComputeShortestPaths.
    struct RootLink
    {
        uint32_t neighbor;   //!< neighbour router id, or (network) the DR's interface address
        uint32_t cost;       //!< cost of the link
        bool network{false}; //!< a transit link to a broadcast network (16.1 (2))
    };

    /// A first hop (equal-cost next hop) of the computing router.
    struct Hop
    {
        uint32_t link;    //!< the RootLink it leaves through
        uint32_t address; //!< across a transit network: the router's address there; else 0
    };

    /// The result of ComputeShortestPaths.
    struct SpfResult
    {
        static constexpr uint32_t UNREACHABLE = 0xFFFFFFFF; //!< distance of an unreachable router

        uint32_t root{0};              //!< vertex of the computing router
        std::vector<uint32_t> routers; //!< vertex -> router id (ascending)
        /// vertex routers.size() + i -> network link state id (ascending)
        std::vector<uint32_t> networks;
        std::vector<const Entry*> entries; //!< vertex -> entry (null for a root without LSA)
        std::vector<uint32_t> distance;    //!< vertex -> distance, or UNREACHABLE
        std::vector<uint32_t> predecessor; //!< vertex -> predecessor vertex (Boost's choice)
        /// the first hops: hops[i] for i < rootLinks.size() is RootLink i itself, the rest are
        /// routers across transit networks
        std::vector<Hop> hops;
        uint32_t words{0};               //!< 64-bit words per first-hop set
        std::vector<uint64_t> firstHops; //!< vertex*words...: bit i = hops[i] is a first hop
        uint32_t edges{0};               //!< edges of the graph (after the two-way check)

        // Work buffers of the computation (flat, a handful of allocations per run).
        std::vector<uint32_t> listStart;                     //!< neighbour list offsets
        std::vector<uint32_t> listIds;                       //!< neighbour lists
        std::vector<uint32_t> transitStart;                  //!< transit list offsets
        std::vector<uint32_t> transitIds;                    //!< transit lists (routers)
        std::vector<std::pair<uint32_t, uint32_t>> edgeEnds; //!< graph edges
        std::vector<uint32_t> edgeWeights;                   //!< their weights
        std::vector<uint32_t> order;                         //!< vertices by distance

        /**
         * @param vertex a vertex
         * @param link a hop index (for i < rootLinks.size(): RootLink i)
         * @return true if that hop starts a shortest path to the vertex
         */
        bool IsFirstHop(uint32_t vertex, uint32_t link) const
        {
            return (firstHops[vertex * words + link / 64] >> (link % 64)) & 1;
        }

        /**
         * @param vertex a vertex
         * @return true if it is a network (a network-LSA's)
         */
        bool IsNetwork(uint32_t vertex) const
        {
            return vertex >= routers.size();
        }
    };

    RtmOspfLsdb();

    /**
     * @brief Set the ages that matter.
     * @param maxAge MaxAge in seconds (an LSA this old is flushed)
     * @param flushHold how long a flushed LSA is kept
     */
    void SetAging(uint16_t maxAge, Time flushHold);

    /// @return MaxAge in seconds
    uint16_t GetMaxAge() const;

    /**
     * @brief Share LSA bodies with the other databases of a store (see RtmOspfLsaStore); the
     * entries installed from now on use it.
     * @param store the store; null: bodies of this database's own
     */
    void SetStore(Ptr<RtmOspfLsaStore> store);

    /**
     * @param key an LSA key (RtmOspfLsa::KeyOf; a router id for its router-LSA)
     * @return its entry, or null
     */
    const Entry* Find(uint64_t key) const;

    /**
     * @brief Install an instance (replacing any older one). An instance at MaxAge is stored
     * flushed.
     * @param lsa the instance, age included
     * @param now the current time
     * @return true if routing may change: the router's links, or its usability (flushed or not)
     */
    bool Install(const RtmOspfLsa& lsa, Time now);

    /**
     * @brief Flush an entry in place (it reached MaxAge).
     * @param key the LSA key
     * @param now the current time
     * @return true if the entry existed and was not flushed
     */
    bool Flush(uint64_t key, Time now);

    /**
     * @brief Remove an entry.
     * @param key the LSA key
     * @return true if it existed
     */
    bool Remove(uint64_t key);

    /// Remove every entry.
    void Clear();

    /// @return the number of entries (flushed ones included)
    std::size_t GetSize() const;

    /**
     * @param e an entry
     * @param now the current time
     * @return its current age in seconds (MaxAge if flushed)
     */
    uint16_t GetAge(const Entry& e, Time now) const;

    /**
     * @param e an entry
     * @param now the current time
     * @return a copy of its LSA with the current age
     */
    RtmOspfLsa GetCurrent(const Entry& e, Time now) const;

    /// @return the earliest deadline, or Time::Max() if there is no entry
    Time GetNextDeadline() const;

    /**
     * @param now the current time
     * @return the keys of the entries whose deadline is at or before now, earliest first
     */
    std::vector<uint64_t> GetDue(Time now) const;

    /// @return the entries by key (unordered)
    const std::unordered_map<uint64_t, Entry>& GetEntries() const;

    /**
     * @brief Check the invariants: every LSA valid and under its key (RtmOspfLsa::GetKey), its
     * checksum right, one deadline per entry.
     * @param maxLinks the largest link count accepted
     * @param why what is wrong (out, optional)
     * @return true if consistent
     */
    bool CheckConsistency(uint32_t maxLinks, std::string* why = nullptr) const;

    /**
     * @brief Shortest paths from a router (see the class text).
     * @param root the computing router's id
     * @param rootLinks its live two-way adjacencies (one per interface and neighbour) and its
     * transit links (one per broadcast interface that is transit)
     * @param out the result
     */
    void ComputeShortestPaths(uint32_t root,
                              const std::vector<RootLink>& rootLinks,
                              SpfResult* out) const;

    /// @return bytes of heap memory held (approximate)
    std::size_t GetMemoryUsage() const;

  private:
    /**
     * @param e an entry
     * @return its deadline
     */
    Time DeadlineOf(const Entry& e) const;

    /**
     * @brief ComputeShortestPaths' first phase: the vertices are the routers with a usable LSA
     * and the root, in ascending id order, then the networks with a usable network-LSA.
     * @param root the computing router's id
     * @param out the result (routers, entries and root written)
     */
    void CollectVertices(uint32_t root, SpfResult* out) const;

    /**
     * @param lsa an instance being installed
     * @return its body: the store's shared one, or one of this database's own
     */
    std::shared_ptr<const RtmOspfLsa> BodyOf(const RtmOspfLsa& lsa) const;

    std::unordered_map<uint64_t, Entry> m_entries;   //!< key -> entry
    std::set<std::pair<Time, uint64_t>> m_deadlines; //!< (deadline, key)
    uint16_t m_maxAge;                               //!< MaxAge, seconds
    Time m_flushHold;                                //!< how long flushed entries stay
    Ptr<RtmOspfLsaStore> m_store;                    //!< shared bodies (null: own ones)
};

} // namespace ns3

#endif /* RTM_OSPF_LSDB_H */
