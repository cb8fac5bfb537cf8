/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef RTM_LPM_INDEX_H
#define RTM_LPM_INDEX_H

#include "rtm-huge-page-allocator.h"

#include <array>
#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * @ingroup rtm
 * @brief Longest-prefix-match index over the best routes of an IPv4 table.
 *
 * The address space is cut into 2^K chunks (K follows the number of prefixes, 4 to 18). Each
 * chunk is compiled, when first looked up after a change, into a sorted array of address
 * intervals with the value of the longest prefix that covers each (the "range" form of DXR,
 * Zec et al., 2012). A lookup reads one chunk entry and binary-searches a few intervals that
 * share a cache line or two. Updates only mark the chunks a prefix covers as stale, so an add or
 * delete costs O(1) for a prefix of length K or more, and the recompile cost is paid once per
 * stale chunk on the lookup path. The index stores no prefixes itself: it asks its Source.
 */
class RtmLpmIndex
{
  public:
    static constexpr uint32_t NONE = 0xFFFFFFFF; //!< no value

    /// The chunk-list links of one network, kept by the table inside its network record so that
    /// linking and unlinking touch memory the table has just read.
    struct Links
    {
        uint32_t next{NONE}; //!< next network of the same chunk
        uint32_t prev{NONE}; //!< previous network of the same chunk (NONE: first)
    };

    /// What the index asks of the table it serves.
    class Source
    {
      public:
        virtual ~Source() = default;
        /**
         * @brief Visit every prefix.
         * @param index the index to call Insert on for each prefix
         */
        virtual void ReinsertAll(RtmLpmIndex& index) const = 0;
        /**
         * @brief The prefix of a network id.
         * @param net the id
         * @param addr the network number (out)
         * @param len the prefix length (out)
         */
        virtual void GetPrefix(uint32_t net, uint32_t* addr, uint8_t* len) const = 0;
        /**
         * @param net a network id
         * @return the network's value (best route id) or NONE
         */
        virtual uint32_t GetValue(uint32_t net) const = 0;
        /**
         * @param addr a network number
         * @param len a prefix length
         * @return the id of that exact network, or NONE
         */
        virtual uint32_t FindPrefix(uint32_t addr, uint8_t len) const = 0;
        /**
         * @param net a network id
         * @return the network's chunk-list links
         */
        virtual Links& LinksOf(uint32_t net) = 0;
    };

    /**
     * @brief Constructor.
     * @param source the table served
     */
    explicit RtmLpmIndex(Source* source);

    /**
     * @brief A network was created.
     * @param net its id
     * @param addr its number
     * @param len its prefix length
     */
    void Insert(uint32_t net, uint32_t addr, uint8_t len);

    /**
     * @brief A network is about to be destroyed (its id still resolves).
     * @param net its id
     * @param addr its number
     * @param len its prefix length
     */
    void Remove(uint32_t net, uint32_t addr, uint8_t len);

    /**
     * @brief The table renumbered its networks (it has already renumbered the links it keeps).
     * Compiled chunks stay valid, as values are not network ids.
     * @param remap old id to new id
     */
    void Renumber(const std::vector<uint32_t>& remap);

    /**
     * @brief The value of a prefix changed.
     * @param addr its number
     * @param len its length
     */
    void Invalidate(uint32_t addr, uint8_t len);

    /**
     * @brief Longest-prefix match.
     * @param addr an address, host order
     * @return the value of the longest prefix with a value that covers addr, or NONE
     */
    uint32_t Lookup(uint32_t addr)
    {
        const Top& t = m_top[addr >> m_shift];
        if (t.count == 0)
        {
            return t.value;
        }
        if (t.count == DIRTY)
        {
            return LookupStale(addr);
        }
        const Interval* base = m_pool.data() + t.value;
        uint32_t n = t.count;
        while (n > 1)
        {
            uint32_t half = n / 2;
            base = (base[half].start <= addr) ? base + half : base;
            n -= half;
        }
        return base->value;
    }

    /**
     * @brief Start loading what an update of a prefix of this number will touch.
     * @param addr the network number
     */
    void Prefetch(uint32_t addr) const
    {
        __builtin_prefetch(&m_top[addr >> m_shift], 1);
        __builtin_prefetch(&m_head[addr >> m_shift], 1);
    }

    /**
     * @brief Start loading the record an insertion of a prefix of this number links to; after
     * Prefetch, when the chunk head has arrived.
     * @param addr the network number
     */
    void PrefetchLink(uint32_t addr) const
    {
        uint32_t head = m_head[addr >> m_shift];
        if (head != NONE)
        {
            __builtin_prefetch(&m_source->LinksOf(head), 1);
        }
    }

    /// @return the chunk bits K in use
    uint32_t GetChunkBits() const
    {
        return m_bits;
    }

    /// @return bytes of heap memory held
    std::size_t GetMemoryUsage() const;

    /**
     * @brief Drop the stale intervals and release spare capacity; lookups give the same answers.
     */
    void ShrinkToFit();

  private:
    static constexpr uint32_t DIRTY = 0xFFFFFFFF;

    /// Entry of the chunk table: a value (count 0), a stale mark or a run of intervals.
    struct Top
    {
        uint32_t value; //!< the value, or the first interval's offset in m_pool
        uint32_t count; //!< 0, DIRTY or the number of intervals
    };

    /// An address interval and the value that covers it.
    struct Interval
    {
        uint32_t start; //!< first address
        uint32_t value; //!< value
    };

    /// A prefix inside a chunk being compiled.
    struct Prefix
    {
        uint32_t addr;  //!< network number
        uint8_t len;    //!< prefix length
        uint32_t value; //!< its value
    };

    uint32_t LookupStale(uint32_t addr);
    void Compact();

    /**
     * @brief Compile a chunk into its intervals (BaseValue, CollectPrefixes, BuildIntervals,
     * Store).
     * @param chunk the chunk
     */
    void Compile(uint32_t chunk);

    /**
     * @param start the first address of a chunk
     * @return the value of the longest prefix shorter than K that covers the whole chunk, or
     * NONE
     */
    uint32_t BaseValue(uint64_t start) const;

    /**
     * @brief The prefixes of length K or more inside a chunk that have a value, in (number,
     * length) order, so that nested ones follow their parent.
     * @param chunk the chunk
     * @param inside the prefixes (out, appended to)
     */
    void CollectPrefixes(uint32_t chunk, std::vector<Prefix>* inside) const;

    /**
     * @brief The intervals of a chunk, into m_scratch: a sweep over the sorted prefixes with a
     * stack of the prefixes still open.
     * @param start the chunk's first address
     * @param end one past its last address
     * @param base the value where no prefix inside covers an address (BaseValue)
     * @param inside the prefixes inside (CollectPrefixes)
     */
    void BuildIntervals(uint64_t start,
                        uint64_t end,
                        uint32_t base,
                        const std::vector<Prefix>& inside);

    /**
     * @brief Append an interval, merging it with the last one: an interval starting where the
     * last one does replaces it, and one with the last one's value extends it.
     * @param out the intervals so far
     * @param at the interval's first address
     * @param value its value
     */
    static void Emit(std::vector<Interval>* out, uint64_t at, uint32_t value);

    /**
     * @brief Write the compiled intervals (m_scratch) into a chunk's entry: one value in
     * place, several appended to m_pool.
     * @param chunk the chunk
     */
    void Store(uint32_t chunk);

    void MarkStale(uint32_t chunk);
    void Resize(uint32_t bits);
    void Link(uint32_t net, uint32_t addr, uint8_t len);
    static uint32_t WantedBits(uint32_t count);

    Source* m_source;                                  //!< the table
    uint32_t m_bits;                                   //!< K
    uint32_t m_shift;                                  //!< 32 - K
    uint32_t m_count;                                  //!< prefixes
    std::vector<Top, RtmHugePageAllocator<Top>> m_top; //!< 2^K chunk entries
    std::vector<uint32_t> m_head;                      //!< per chunk, first network of length >= K
    std::vector<Interval, RtmHugePageAllocator<Interval>> m_pool; //!< compiled intervals
    uint32_t m_garbage;                                           //!< stale intervals in m_pool
    std::array<uint32_t, 33> m_lens;                              //!< networks per prefix length
    std::vector<Interval> m_scratch;                              //!< reused by Compile
    bool m_resizing; //!< true while the source re-inserts every prefix
};

} // namespace ns3

#endif /* RTM_LPM_INDEX_H */
