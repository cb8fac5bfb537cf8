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
#include <string>
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
 * derived from its age and install time, so that the agent needs a single timer.
 *
 * Storage is flat, since at 10,000 routers there are 10^8 entries in a process: entries (32
 * bytes; an entry's key is its LSA's, not stored) live in fixed chunks of slots (a pointer to
 * an entry stays valid until that entry is removed), an
 * open-addressing index of 32-bit slot numbers finds a key (linear probing, at most 3/4 full,
 * backward-shift deletion), and the deadlines form a binary min-heap of slot numbers ordered by
 * (deadline, key), each entry knowing its place in it. About 40 bytes an entry, against some
 * 150 for a hash-map node, its bucket and an ordered-set node.
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
    /// The key of a free slot (no LSA has it: a key's type part is 1 or 2).
    static constexpr uint64_t NO_KEY = ~uint64_t(0);

    /// One stored LSA.
    struct Entry
    {
        /// The instance: an immutable body, shared with the other databases of the store (see
        /// RtmOspfLsaStore); its age field is 0, this entry's age is #age
        std::shared_ptr<const RtmOspfLsa> lsa;
        Time installed;      //!< when it was installed
        uint16_t age{0};     //!< its age when installed (MaxAge once flushed)
        bool flushed{false}; //!< at MaxAge: not used for routing, removed at its deadline
        uint32_t heapPos{0}; //!< (the database's) its place in the deadline heap
    };

    /// An entry with its key: what iterating the database yields.
    using Item = std::pair<uint64_t, const Entry&>;

    /// The entries, in slot order (deterministic for the same history, otherwise meaningless).
    class Entries
    {
      public:
        /// A forward iterator over the used slots.
        class Iterator
        {
          public:
            /**
             * @param db the database
             * @param slot the first slot to look at
             */
            Iterator(const RtmOspfLsdb* db, uint32_t slot);
            /// @return the entry with its key
            Item operator*() const;
            /// @return this, moved to the next used slot
            Iterator& operator++();
            /**
             * @param o another iterator
             * @return true if they are at different slots
             */
            bool operator!=(const Iterator& o) const;

          private:
            /// Move to the first used slot at or after the current one.
            void Skip();
            const RtmOspfLsdb* m_db; //!< the database
            uint32_t m_slot;         //!< the current slot
        };

        /// @param db the database
        explicit Entries(const RtmOspfLsdb* db);
        /// @return the first entry
        Iterator begin() const;
        /// @return past the last entry
        Iterator end() const;
        /// @return the number of entries
        std::size_t size() const;

      private:
        const RtmOspfLsdb* m_db; //!< the database
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

    /// @return the entries with their keys (`for (const auto& [key, e] : db.GetEntries())`)
    Entries GetEntries() const;

    /**
     * @param e an entry
     * @return its deadline: when it reaches MaxAge (unflushed) or is removed (flushed)
     */
    Time GetDeadline(const Entry& e) const;

    /**
     * @brief Check the invariants: every LSA valid and under its key (RtmOspfLsa::GetKey), its
     * checksum right, the index finding every entry, the deadline heap ordered and holding
     * every entry once.
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
    static constexpr uint32_t CHUNK = 64;           //!< slots per chunk
    static constexpr uint32_t NO_SLOT = 0xFFFFFFFF; //!< an empty index cell

    /**
     * @param slot a slot number
     * @return that slot
     */
    Entry& SlotAt(uint32_t slot);

    /**
     * @param slot a slot number
     * @return that slot
     */
    const Entry& SlotAt(uint32_t slot) const;

    /**
     * @param slot a slot number
     * @return the key of its entry (its LSA's), or NO_KEY if it is free
     */
    uint64_t KeyAt(uint32_t slot) const;

    /**
     * @param key an LSA key
     * @return its slot, or NO_SLOT
     */
    uint32_t SlotOf(uint64_t key) const;

    /**
     * @param key an LSA key
     * @return its home cell in the index
     */
    std::size_t HomeOf(uint64_t key) const;

    /**
     * @brief Put a slot in the first free cell from its key's home (no growth).
     * @param slot the slot
     */
    void IndexPlace(uint32_t slot);

    /**
     * @brief Add a slot to the index (the key must not be there), growing it first if needed.
     * @param slot the slot
     */
    void IndexInsert(uint32_t slot);

    /**
     * @brief Remove a key from the index (backward-shift deletion).
     * @param key the key (it must be there)
     */
    void IndexErase(uint64_t key);

    /**
     * @param e an entry
     * @return its deadline in time steps
     */
    int64_t DeadlineStep(const Entry& e) const;

    /**
     * @param a a slot in the heap
     * @param b another
     * @return true if a's (deadline, key) is before b's
     */
    bool Before(uint32_t a, uint32_t b) const;

    /**
     * @brief Restore the heap order around a position whose deadline changed.
     * @param pos the position
     */
    void HeapFix(uint32_t pos);

    /**
     * @brief Put a slot at a heap position (and tell its entry).
     * @param pos the position
     * @param slot the slot
     */
    void HeapPlace(uint32_t pos, uint32_t slot);

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

    std::vector<std::unique_ptr<Entry[]>> m_chunks; //!< the slots, CHUNK a chunk
    uint32_t m_slots{0};                            //!< slots handed out (used or free)
    std::vector<uint32_t> m_free;                   //!< free slots (no LSA)
    std::vector<uint32_t> m_index;                  //!< open addressing: slot numbers or NO_SLOT
    std::size_t m_size{0};                          //!< entries
    std::vector<uint32_t> m_heap;                   //!< the deadline min-heap of slots
    uint16_t m_maxAge;                              //!< MaxAge, seconds
    Time m_flushHold;                               //!< how long flushed entries stay
    Ptr<RtmOspfLsaStore> m_store;                   //!< shared bodies (null: own ones)
    int64_t m_second;                               //!< time steps in a second
};

} // namespace ns3

#endif /* RTM_OSPF_LSDB_H */
