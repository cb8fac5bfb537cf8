/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef RTM_AGING_HEAP_H
#define RTM_AGING_HEAP_H

#include "ns3/rtm-route.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * @ingroup rtm
 * @brief The pending expiries of the routes of one node: a min-heap of (time, slot) records that
 * costs 8 bytes per record, as a pure data structure (times are integer ticks chosen by the
 * caller; RoutingTableManager passes 100 ns ticks and keeps the simulator events).
 *
 * A record is an expiry time and the 32-bit code of a table slot (SlotCode). Records due within
 * 2^32 ticks of a moving epoch (about 7 minutes in 100 ns ticks) are kept as 32-bit offsets
 * after the epoch, in an 8-byte near record; records further away wait in a second heap of
 * 16-byte far records with their absolute time. The epoch follows the caller's present time
 * (Push's @p now): once that is more than 2^31 ticks after the epoch, the epoch moves to it. A
 * near record can never read earlier than the epoch: one pushed, or carried over by an epoch
 * move, with a time before the epoch reads as the epoch (it is due either way). Far records
 * keep their time exactly and are not moved to the near heap until a compaction.
 *
 * Records carry no generation: the caller decides whether a record taken off the heap still
 * means anything (a route deleted or refreshed since leaves a stale record) and drops stale
 * records with Compact, which also keeps at most one record per slot.
 *
 * Pop takes the earliest record; between a near and a far record due at the same time the near
 * one comes first, and records of one heap due at the same time come in the heap's order.
 */
class RtmAgingHeap
{
  public:
    /// @brief A record taken off the heap, with its absolute time.
    struct Record
    {
        int64_t at;    //!< expiry time, ticks
        uint32_t slot; //!< the slot's code (SlotCode)
    };

    /// Offsets of near records reach this many ticks after the epoch (exclusive).
    static constexpr int64_t NEAR_REACH = int64_t{1} << 32;
    /// The epoch moves once the caller's time is more than this many ticks after it.
    static constexpr int64_t REBASE = int64_t{1} << 31;

    /// @brief An empty heap with its epoch at 0.
    RtmAgingHeap();

    /**
     * @brief The code a record keeps for a table slot: the family in the top bit, the index
     * below it.
     * @param family a table
     * @param index a slot of it (below 2^31)
     * @return the slot's code
     */
    static uint32_t SlotCode(RtmFamily family, uint32_t index)
    {
        return (family == RtmFamily::Ipx ? 0x80000000U : 0U) | index;
    }

    /**
     * @brief The table of a slot code.
     * @param code a slot's code (SlotCode)
     * @return its table
     */
    static RtmFamily SlotFamily(uint32_t code)
    {
        return (code >> 31) ? RtmFamily::Ipx : RtmFamily::Ip;
    }

    /**
     * @brief The slot index of a slot code.
     * @param code a slot's code (SlotCode)
     * @return the slot index in its table
     */
    static uint32_t SlotIndex(uint32_t code)
    {
        return code & 0x7FFFFFFF;
    }

    /**
     * @brief Add a record; first move the epoch to @p now if @p now is more than REBASE ticks
     * after it.
     * @param at the expiry time, ticks
     * @param slot the slot's code
     * @param now the caller's present time, ticks (a time at or before the epoch leaves it)
     */
    void Push(int64_t at, uint32_t slot, int64_t now);

    /**
     * @brief The time of the earliest record.
     * @param at the time (out; untouched if the heap is empty)
     * @return false if the heap is empty
     */
    bool Next(int64_t* at) const;

    /**
     * @brief Take the earliest record off the heap.
     * @return the record (the heap must not be empty)
     */
    Record Pop();

    /**
     * @brief Drop the records the caller no longer needs and keep at most one per slot, the
     * latest; the rest are pushed again at the present epoch (a far record now within reach
     * becomes a near one).
     * @tparam IsCurrent a callable bool(int64_t at, uint32_t slot)
     * @param isCurrent called as isCurrent(at, slot) for every record: true to keep it
     */
    template <typename IsCurrent>
    void Compact(const IsCurrent& isCurrent)
    {
        std::vector<Record> keep;
        keep.reserve(m_near.size() + m_far.size());
        for (const NearRecord& e : m_near)
        {
            if (isCurrent(m_epoch + e.at, e.slot))
            {
                keep.push_back(Record{m_epoch + e.at, e.slot});
            }
        }
        for (const Record& e : m_far)
        {
            if (isCurrent(e.at, e.slot))
            {
                keep.push_back(e);
            }
        }
        Rebuild(&keep);
    }

    /**
     * @brief Whether stale records are worth a Compact: there are more than 64 and more than
     * five for every four live routes.
     * @param live the number of routes that can age (or any upper bound of it)
     * @return true if the caller should compact
     */
    bool NeedsCompaction(std::size_t live) const
    {
        const std::size_t records = GetSize();
        return records > 64 && records > live * 5 / 4;
    }

    /// @brief Drop every record and release the memory; the epoch stays where it is.
    void Clear();

    /**
     * @brief The number of records.
     * @return how many, stale ones included
     */
    std::size_t GetSize() const
    {
        return m_near.size() + m_far.size();
    }

    /**
     * @brief Whether the heap is empty.
     * @return true if the heap holds no record
     */
    bool IsEmpty() const
    {
        return m_near.empty() && m_far.empty();
    }

    /**
     * @brief The epoch.
     * @return the epoch, ticks: near records are offsets after it
     */
    int64_t GetEpoch() const
    {
        return m_epoch;
    }

    /**
     * @brief The memory held.
     * @return bytes of heap memory held (8 per near and 16 per far record allocated)
     */
    std::size_t GetMemoryUsage() const;

  private:
    /// @brief A record due within NEAR_REACH ticks of the epoch: 8 bytes.
    struct NearRecord
    {
        uint32_t at;   //!< expiry time, ticks after m_epoch
        uint32_t slot; //!< the slot's code (SlotCode)
    };

    /**
     * @brief Replace both heaps by records kept by Compact, one per slot (the latest).
     * @param keep the records (sorted and thinned here)
     */
    void Rebuild(std::vector<Record>* keep);

    static_assert(sizeof(NearRecord) == 8, "a near record is 8 bytes");
    static_assert(sizeof(Record) == 16, "a far record is 16 bytes");

    std::vector<NearRecord> m_near; //!< near records: a min-heap (std::push_heap) on at
    std::vector<Record> m_far;      //!< records beyond the near records' reach: a min-heap
    int64_t m_epoch;                //!< origin of NearRecord::at, ticks
};

} // namespace ns3

#endif /* RTM_AGING_HEAP_H */
