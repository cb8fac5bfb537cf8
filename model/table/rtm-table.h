/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef RTM_TABLE_H
#define RTM_TABLE_H

#include "rtm-attribute-pool.h"
#include "rtm-huge-page-allocator.h"
#include "rtm-lpm-index.h"
#include "rtm-ordered-index.h"
#include "rtm-route.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

namespace ns3
{

/**
 * @ingroup rtm
 * @brief The route table of one protocol family: a pure data structure, with no simulator in it.
 *
 * - Networks are exact-match keys (RTMV1.md 5.1). The network records are themselves the cells
 *   of an open-addressing hash table (linear probing, tombstones, rebuilt at 80% occupancy to
 *   at most 56%), so finding a network reads one cache line: O(1). A record's position is its
 *   id until the next rebuild, which renumbers the entries' references in O(n), amortized O(1).
 * - Each network keeps its routes in a list and its best route cached; an add, update or delete
 *   re-chooses the best among the k routes of that one network (k is the number of routes to
 *   that network, usually one to a few, never the size of the table).
 * - Each protocol keeps a two-level bitmap of its entries, for RtmBlockDeleteRoutes and
 *   RtmDeregisterClient: O(routes of that protocol + entries / 4096) to enumerate, O(1) and
 *   cache-resident to update.
 * - Route entries are fixed-size slots in one array, their family and protocol data interned
 *   (RtmAttributePool), referenced by index and generation (Ref) so stale references are caught.
 * - An RtmOrderedIndex gives the (network, protocol, interface, next hop) order of
 *   RtmGetFirstRoute / RtmGetNextRoute, and, for IP, an RtmLpmIndex gives longest-prefix match
 *   over the best routes (RtmLookupIPDestination and the forwarding plane).
 *
 * Best route (DECISIONS.md 10 and 12): IP routes that are disabled or lack IP_VALID_ROUTE never
 * win; lower FSD_Priority, then lower FSD_Metric wins; on a tie the current best is kept, then
 * the lowest (protocol, interface, next hop) wins. IPX: fewer ticks, then fewer hops, then the
 * same tie rules. The caller (the manager) sets FSD_Priority before adding.
 */
class RtmTable : private RtmLpmIndex::Source
{
  public:
    static constexpr uint32_t NONE = 0xFFFFFFFF; //!< no entry

    static constexpr uint32_t ONLY_THIS_NETWORK = 0x1;   //!< RTM_ONLY_THIS_NETWORK
    static constexpr uint32_t ONLY_THIS_INTERFACE = 0x2; //!< RTM_ONLY_THIS_INTERFACE
    static constexpr uint32_t ONLY_THIS_PROTOCOL = 0x4;  //!< RTM_ONLY_THIS_PROTOCOL
    static constexpr uint32_t ONLY_BEST_ROUTES = 0x8;    //!< RTM_ONLY_BEST_ROUTES

    /// A reference to an entry that goes stale when the entry is deleted.
    struct Ref
    {
        uint32_t index{NONE};   //!< slot
        uint32_t generation{0}; //!< slot generation when the reference was taken
    };

    /// Whether AddOrUpdate created or changed an entry.
    enum class Upsert
    {
        Added,   //!< a new entry
        Updated, //!< an existing entry (same identity) was changed
    };

    /**
     * @brief Constructor.
     * @param family the family of the table
     */
    explicit RtmTable(RtmFamily family);
    ~RtmTable() override;
    RtmTable(const RtmTable&) = delete;
    RtmTable& operator=(const RtmTable&) = delete;

    /// @return the family
    RtmFamily GetFamily() const
    {
        return m_family;
    }

    /**
     * @brief Check a network key: an IP mask must be contiguous and cover the number.
     * @param network the key
     * @return true if usable
     */
    bool IsValidNetwork(uint64_t network) const;

    /**
     * @brief Add an entry or update the entry with the same identity.
     *
     * The identity is (network, protocol, interface, next hop), or (network, protocol) when
     * singleRoute is set, in which case the entry's interface and next hop are replaced. Every
     * other field comes from the route, but an existing entry keeps its enabled state.
     *
     * @param route the route (network must pass IsValidNetwork)
     * @param singleRoute RTM_PROTOCOL_SINGLE_ROUTE identity
     * @param change the best-route change of the network (out; null: nobody wants it, and no
     * route is copied)
     * @param previous the entry before an update (out, optional)
     * @param ref the entry (out, optional)
     * @return Added or Updated
     */
    Upsert AddOrUpdate(const RtmRoute& route,
                       bool singleRoute,
                       RtmChange* change,
                       RtmRoute* previous = nullptr,
                       Ref* ref = nullptr);

    /**
     * @brief Hint that a route of this network will be added, changed or deleted soon: start
     * loading what that operation reads (the network's hash cell, its LPM chunk), so that a
     * caller with several updates in hand (the entries of one routing packet) overlaps their
     * memory latencies. Has no effect on the contents.
     * @param network the network key
     */
    void Prefetch(uint64_t network) const
    {
        PrefetchNetwork(network);
    }

    /**
     * @brief Second stage of Prefetch, for a network hinted a little earlier: read its hash cell
     * (in cache by now) and start loading its routes and its LPM chunk neighbours.
     * @param network the network key
     */
    void PrefetchRoutes(uint64_t network) const;

    /**
     * @brief Find an entry by identity.
     * @param identity network, protocol, interface and next hop
     * @param singleRoute match on (network, protocol) only
     * @return the entry, or a Ref with index NONE
     */
    Ref Find(const RtmRoute& identity, bool singleRoute) const;

    /**
     * @brief Delete an entry.
     * @param ref the entry
     * @param change the best-route change (out; null: nobody wants it, and no route is copied)
     * @param removed the entry as it was (out, optional)
     * @return false if the reference is stale
     */
    bool Remove(Ref ref, RtmChange* change, RtmRoute* removed = nullptr);

    /**
     * @brief Replace the non-identity fields of an entry, and optionally its protocol.
     * @param ref the entry
     * @param route the new fields (network, interface and next hop are ignored)
     * @param change the best-route change (out; null: nobody wants it, and no route is copied)
     * @return false if the reference is stale
     */
    bool Rewrite(Ref ref, const RtmRoute& route, RtmChange* change);

    /**
     * @brief Enable or disable an entry for best-route choice.
     * @param ref the entry
     * @param enabled the new state
     * @param change the best-route change (out; null: nobody wants it, and no route is copied)
     * @return false if the reference is stale
     */
    bool SetEnabled(Ref ref, bool enabled, RtmChange* change);

    /**
     * @brief Read an entry.
     * @param ref the entry
     * @param out the route (out)
     * @return false if the reference is stale
     */
    bool Get(Ref ref, RtmRoute* out) const;

    /**
     * @param ref an entry
     * @return true if the reference is live
     */
    bool IsLive(Ref ref) const;

    /**
     * @param ref an entry
     * @return true if it is live and the best route of its network
     */
    bool IsBest(Ref ref) const;

    /**
     * @brief Whether a live entry matches enumeration criteria.
     * @param ref the entry
     * @param flags RTM_ONLY_* flags
     * @param criteria the criteria route
     * @return true if it matches
     */
    bool Matches(Ref ref, uint32_t flags, const RtmRoute& criteria) const;

    /**
     * @brief The best route of a network (exact match).
     * @param network the key
     * @param best the route (out, optional)
     * @return false if the network has no best route
     */
    bool GetBest(uint64_t network, RtmRoute* best) const;

    /// @return the number of networks that have a best route
    uint32_t GetNetworkCount() const
    {
        return m_bestCount;
    }

    /// @return the number of entries
    uint32_t GetRouteCount() const
    {
        return m_routeCount;
    }

    /**
     * @return the number of slots retired because their 24-bit generation ran out (one per
     * 2^24 deletions of the same slot; each keeps its 44 bytes until the table goes)
     */
    uint32_t GetRetiredSlotCount() const
    {
        return m_retiredSlots;
    }

    /**
     * @brief Longest-prefix match over the best routes (IP tables only).
     * @param address the destination, host order
     * @return the best route's entry, or a Ref with index NONE
     */
    Ref LookupIp(uint32_t address)
    {
        uint32_t i = m_lpm.Lookup(address);
        return i == NONE ? Ref{} : Ref{i, Generation(m_slots[i].state)};
    }

    /**
     * @brief The live entry of a slot, whatever its generation (for records that keep a slot
     * index only, such as the manager's aging records).
     * @param index a slot index
     * @return the entry, or a Ref with index NONE if the slot is free or out of range
     */
    Ref RefAt(uint32_t index) const
    {
        if (index >= m_slots.size() || !(m_slots[index].state & USED))
        {
            return Ref{};
        }
        return Ref{index, Generation(m_slots[index].state)};
    }

    /**
     * @brief Longest-prefix match straight to the best route, read in place
     * (RtmLookupIPDestination's path): the network comes from the address and the entry's prefix
     * length, so the lookup reads the index, the entry and its hop, and not the network record.
     * @param address the destination, host order
     * @param out the route (out)
     * @return false if no best route covers the address
     */
    bool LookupIpView(uint32_t address, RtmIpRouteView* out)
    {
        uint32_t i = m_lpm.Lookup(address);
        if (i == NONE)
        {
            return false;
        }
        const Slot& s = m_slots[i];
        const Hop& h = m_hops[i];
        const uint32_t len = (s.state >> LEN_SHIFT) & 0x3F;
        const uint32_t mask = len == 0 ? 0 : ~0U << (32 - len);
        out->network = address & mask;
        out->mask = mask;
        out->nextHop = h.address;
        const RtmAttributePool::Words& w = m_attrs.Get(s.attr);
        out->nextHopMask = w[NEXT_HOP_WORD];
        out->protocol = w[PROTOCOL_WORD];
        out->interface = h.interface;
        out->words = w.data();
        out->timeStamp =
            static_cast<int64_t>((static_cast<uint64_t>(s.stampHigh) << 32) | s.stampLow);
        out->ttlMs = w[TTL_WORD];
        out->enabled = (s.state & ENABLED) != 0;
        return true;
    }

    /**
     * @brief Longest-prefix match straight to a copy of the best route (see LookupIpView).
     * @param address the destination, host order
     * @param out the route (out)
     * @return false if no best route covers the address
     */
    bool LookupIpRoute(uint32_t address, RtmRoute* out)
    {
        RtmIpRouteView v;
        if (!LookupIpView(address, &v))
        {
            return false;
        }
        out->network = (static_cast<uint64_t>(v.network) << 32) | v.mask;
        out->nextHop = (static_cast<uint64_t>(v.nextHop) << 32) | v.nextHopMask;
        out->protocol = v.protocol;
        out->interface = v.interface;
        std::memcpy(out->familyData.data(), v.words, sizeof(out->familyData));
        std::memcpy(out->protocolData.data(), v.words + 11, sizeof(out->protocolData));
        out->timeStamp = v.timeStamp;
        out->ttlMs = v.ttlMs;
        out->enabled = v.enabled;
        return true;
    }

    /**
     * @brief Forwarding fast path: longest-prefix match straight to interface and next hop,
     * reading a compact per-entry array instead of the entry itself.
     * @param address the destination, host order
     * @param interface the interface (out)
     * @param nextHop the next-hop address, host order, 0 for on-link (out)
     * @return false if no best route covers the address
     */
    bool LookupIpHop(uint32_t address, uint32_t* interface, uint32_t* nextHop)
    {
        uint32_t i = m_lpm.Lookup(address);
        if (i == NONE)
        {
            return false;
        }
        const Hop& h = m_hops[i];
        *interface = h.interface;
        *nextHop = h.address;
        return true;
    }

    /**
     * @brief Interface and next hop of a live entry, for the forwarding fast path.
     * @param ref a live entry
     * @param interface the interface (out)
     * @param nextHop the next hop key (out)
     */
    void GetHop(Ref ref, uint32_t* interface, uint64_t* nextHop) const
    {
        *interface = m_hops[ref.index].interface;
        *nextHop = NextHopOf(ref.index);
    }

    /**
     * @brief Collect the entries that match enumeration criteria, in no particular order.
     * @param flags RTM_ONLY_* flags
     * @param criteria the criteria route
     * @param out the entries (appended)
     */
    void Collect(uint32_t flags, const RtmRoute& criteria, std::vector<Ref>* out) const;

    /**
     * @brief Ordered enumeration by (network, protocol, interface, next hop).
     * @param cursor the entry to start after, or nullptr for the first
     * @param flags RTM_ONLY_* flags
     * @param criteria the criteria route
     * @param out the next matching route (out)
     * @return false if there is none
     */
    bool NextInOrder(const RtmRoute* cursor,
                     uint32_t flags,
                     const RtmRoute& criteria,
                     RtmRoute* out);

    /// @return bytes of heap memory held by the table and its indexes
    std::size_t GetMemoryUsage() const;

    /**
     * @brief Release the spare capacity of every array and rebuild the network hash table at
     * three quarters full, after a bulk load (a table that then grows pays one rebuild).
     *
     * Entries, best routes, handles (Ref) and answers are unchanged; network records are
     * renumbered as by any rebuild.
     */
    void ShrinkToFit();

    /**
     * @brief Make room for a bulk load: capacity for this many entries and networks in all, so
     * that the load does not grow the arrays step by step nor rebuild the network hash table
     * (it is rebuilt once, now, for that many networks at three quarters full). A smaller
     * figure than the table holds changes nothing.
     * @param entries entries the table will hold
     * @param networks networks the table will hold
     */
    void Reserve(std::size_t entries, std::size_t networks);

  private:
    static constexpr std::size_t SMALL = 65536; //!< below this, arrays favour memory over speed
    static constexpr uint32_t USED = 0x1;       //!< Slot::state: the slot holds an entry
    static constexpr uint32_t ENABLED = 0x2;    //!< Slot::state: the entry is enabled
    static constexpr uint32_t LEN_SHIFT = 2;    //!< Slot::state: IP prefix length, 6 bits
    static constexpr uint32_t GEN_SHIFT = 8;    //!< Slot::state: generation, 24 bits
    static constexpr std::size_t NEXT_HOP_WORD = 15; //!< interned word: next-hop key's other half
    static constexpr std::size_t TTL_WORD = 16;      //!< interned word: time to live (ms)
    static constexpr std::size_t PROTOCOL_WORD = 17; //!< interned word: protocol id
    static constexpr uint32_t MAX_GENERATION = 0xFFFFFF; //!< a slot at it is retired when freed

    /// @param state a Slot::state @return its generation
    static uint32_t Generation(uint32_t state)
    {
        return state >> GEN_SHIFT;
    }

    /**
     * One entry (24 bytes): its interface and half of its next hop live in m_hops, the other
     * half of its next hop, its time to live and its protocol with its interned data (few distinct
     * values).
     */
    struct Slot
    {
        uint32_t stampLow;  //!< time stamp (100 ns ticks), low half
        uint32_t stampHigh; //!< time stamp, high half
        uint32_t attr;      //!< interned data, next-hop key's other half, time to live, protocol
        uint32_t net;       //!< network record
        uint32_t netNext;   //!< next entry of the network (or next free slot)
        uint32_t state;     //!< generation << 8 | prefix length << 2 | ENABLED | USED
    };

    /// The identity of an entry within its network.
    struct Identity
    {
        uint32_t protocol;  //!< protocol id
        uint32_t interface; //!< interface index
        uint64_t nextHop;   //!< next hop key
    };

    /// What the forwarding path needs of an entry, in an array of its own (8 bytes each).
    struct Hop
    {
        uint32_t interface; //!< interface index
        uint32_t address;   //!< next-hop address (IP), host order
    };

    static constexpr uint32_t FREE_CELL = 0xFFFFFFFF; //!< Net::head of a never-used cell
    static constexpr uint32_t TOMB_CELL = 0xFFFFFFFE; //!< Net::head of a cell freed by a delete

    /// One network: a cell of the network hash table (24 bytes).
    struct Net
    {
        uint64_t key;             //!< network key
        uint32_t head;            //!< first entry, or FREE_CELL / TOMB_CELL
        uint32_t best;            //!< best entry or NONE
        RtmLpmIndex::Links links; //!< chunk list of the LPM index (IP)
    };

    /// The entries of one protocol: bit i of bits is entry i; bit w of summary is bits[w] != 0.
    struct Owner
    {
        uint32_t protocol;             //!< protocol id
        uint32_t count;                //!< entries
        std::vector<uint64_t> bits;    //!< one bit per entry
        std::vector<uint64_t> summary; //!< one bit per word of bits
    };

    // RtmLpmIndex::Source
    void ReinsertAll(RtmLpmIndex& index) const override;
    void GetPrefix(uint32_t net, uint32_t* addr, uint8_t* len) const override;
    uint32_t GetValue(uint32_t net) const override;
    uint32_t FindPrefix(uint32_t addr, uint8_t len) const override;
    RtmLpmIndex::Links& LinksOf(uint32_t net) override;

    uint32_t FindNet(uint64_t key) const;
    void PrefetchNetwork(uint64_t key) const;
    uint32_t FindInNet(uint32_t net, const RtmRoute& identity, bool singleRoute) const;
    uint32_t CreateNet(uint64_t key, uint32_t head);
    void DestroyNet(uint32_t net);
    std::size_t HashHome(uint64_t key) const;
    void Rehash(std::size_t cells);
    bool Live(Ref ref) const;
    void Materialize(uint32_t slot, RtmRoute* out) const;
    bool Eligible(const Slot& s) const;
    int CompareMetric(const Slot& a, const Slot& b) const;
    static int CompareIdentity(const Identity& a, const Identity& b);
    Identity IdentityOf(uint32_t slot) const;
    uint64_t NextHopOf(uint32_t slot) const;

    /**
     * @param s an entry
     * @return its protocol id (interned with its data: a slot is 24 bytes, not 28)
     */
    uint32_t ProtocolOf(const Slot& s) const
    {
        return m_attrs.Get(s.attr)[PROTOCOL_WORD];
    }

    void SetHop(uint32_t slot, uint32_t interface, uint64_t nextHop);
    void PrepareChange(uint32_t prevBest, RtmChange* change) const;
    void ChooseBest(uint32_t net, uint32_t prevBest, RtmChange* change);
    void LinkOwner(uint32_t slot);
    void UnlinkOwner(uint32_t slot);
    Owner* FindOwner(uint32_t protocol);
    const Owner* FindOwner(uint32_t protocol) const;
    void ActivateOrder();
    template <typename V>
    static void Reserve(V& v);
    void SetAttr(Slot& s, const RtmRoute& r, uint32_t nextHopOther);
    uint32_t NextHopOther(const RtmRoute& r) const;

    /**
     * @brief AddOrUpdate's update: rewrite an entry's data, time stamp, time to live and next
     * hop (its identity and network stay).
     * @param slot the entry
     * @param route the route
     */
    void UpdateEntry(uint32_t slot, const RtmRoute& route);

    /**
     * @brief A slot for a new entry: the head of the free list, or a new one at the end.
     * @return the slot
     */
    uint32_t TakeSlot();

    /**
     * @brief AddOrUpdate's add: a new entry in a network, which is created (and entered in the
     * LPM index) if it does not exist yet.
     * @param net the network record, or NONE to create it
     * @param route the route
     * @param slot the new entry (out)
     * @return the network record
     */
    uint32_t AddEntry(uint32_t net, const RtmRoute& route, uint32_t* slot);

    /**
     * @brief Split a contiguous IP network key into number and length.
     * @param key the key
     * @param addr the number (out)
     * @param len the length (out)
     * @return false if the mask is not contiguous or does not cover the number
     */
    static bool IpPrefix(uint64_t key, uint32_t* addr, uint8_t* len)
    {
        uint32_t a = RtmRoute::KeyAddress(key);
        uint32_t m = static_cast<uint32_t>(key);
        uint32_t inv = ~m; // contiguous: ~m + 1 is a power of two (or zero for /0)
        if ((inv & (inv + 1)) != 0 || (a & ~m) != 0)
        {
            return false;
        }
        *addr = a;
        *len = static_cast<uint8_t>(m == 0 ? 0 : 32 - __builtin_ctz(m)); // m is contiguous
        return true;
    }

    RtmFamily m_family;                                    //!< family
    std::vector<Slot, RtmHugePageAllocator<Slot>> m_slots; //!< entries
    std::vector<Hop, RtmHugePageAllocator<Hop>>
        m_hops;          //!< per entry: interface and next hop (forwarding path)
    uint32_t m_freeSlot; //!< free-list head
    std::vector<Net, RtmHugePageAllocator<Net>>
        m_nets;                  //!< networks: the cells of an open-addressing hash table
    uint32_t m_tombs;            //!< cells marked TOMB_CELL
    uint32_t m_netCount;         //!< live networks
    uint32_t m_bestCount;        //!< networks with a best route
    uint32_t m_routeCount;       //!< live entries
    uint32_t m_retiredSlots;     //!< slots never reused (generation ran out)
    std::vector<Owner> m_owners; //!< per protocol
    RtmAttributePool m_attrs;    //!< interned data
    RtmOrderedIndex m_order;     //!< ordered network keys (built on the first ordered query)
    RtmLpmIndex m_lpm;           //!< IP longest-prefix match
};

} // namespace ns3

#endif /* RTM_TABLE_H */
