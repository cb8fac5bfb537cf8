/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * @ingroup rtm-tests
 * ns3::RtmAgingHeap on its own, without a simulator: record sizes and growth, the reach of near
 * records, epoch moves, the order of pops, compaction and its trigger; then tens of thousands of
 * random pushes, pops, compactions and epoch moves against a reference model made of two
 * std::multimap, and a manager-like driver (slot reuse, refreshes, deletes, aging runs at the
 * heap's next time) in which every route must age out exactly at its expiry.
 */

#include "ns3/rtm-aging-heap.h"

#include <algorithm>
#include <cstdint>
#include <gtest/gtest.h>
#include <map>
#include <random>
#include <vector>

namespace
{

using namespace ns3;

using Heap = RtmAgingHeap;

/**
 * The documented semantics of RtmAgingHeap, written as plainly as possible: near and far records
 * in two multimaps of absolute time -> slot, the epoch as a plain number.
 */
class ReferenceAging
{
  public:
    /// As RtmAgingHeap::Push.
    void Push(int64_t at, uint32_t slot, int64_t now)
    {
        if (now - m_epoch > Heap::REBASE)
        {
            m_epoch = now;
            std::multimap<int64_t, uint32_t> raised;
            for (const auto& [t, s] : m_near)
            {
                raised.emplace(std::max(t, m_epoch), s); // a near record never reads earlier
            }
            m_near.swap(raised);
        }
        if (std::max<int64_t>(0, at - m_epoch) < Heap::NEAR_REACH)
        {
            m_near.emplace(std::max(at, m_epoch), slot);
        }
        else
        {
            m_far.emplace(at, slot);
        }
    }

    /// As RtmAgingHeap::Next.
    bool Next(int64_t* at) const
    {
        if (m_near.empty() && m_far.empty())
        {
            return false;
        }
        int64_t t = INT64_MAX;
        if (!m_near.empty())
        {
            t = m_near.begin()->first;
        }
        if (!m_far.empty())
        {
            t = std::min(t, m_far.begin()->first);
        }
        *at = t;
        return true;
    }

    /**
     * @brief Take the record the heap popped, if the semantics allow that record to be first.
     * @param r what RtmAgingHeap::Pop returned
     * @return an empty string, or what is wrong
     */
    std::string TakePopped(const Heap::Record& r)
    {
        if (m_near.empty() && m_far.empty())
        {
            return "popped from an empty heap";
        }
        const bool near =
            m_far.empty() || (!m_near.empty() && m_near.begin()->first <= m_far.begin()->first);
        std::multimap<int64_t, uint32_t>& from = near ? m_near : m_far;
        if (r.at != from.begin()->first)
        {
            return "popped at " + std::to_string(r.at) + ", first is " +
                   std::to_string(from.begin()->first) + (near ? " (near)" : " (far)");
        }
        auto [lo, hi] = from.equal_range(r.at);
        for (auto it = lo; it != hi; ++it)
        {
            if (it->second == r.slot)
            {
                from.erase(it);
                return "";
            }
        }
        return "popped slot " + std::to_string(r.slot) + " at " + std::to_string(r.at) +
               ", which has no such record";
    }

    /// As RtmAgingHeap::Compact.
    template <typename IsCurrent>
    void Compact(const IsCurrent& isCurrent)
    {
        std::map<uint32_t, int64_t> latest; // slot -> latest current record
        for (const auto* m : {&m_near, &m_far})
        {
            for (const auto& [t, s] : *m)
            {
                if (isCurrent(t, s))
                {
                    auto [it, fresh] = latest.emplace(s, t);
                    it->second = std::max(it->second, t);
                }
            }
        }
        Clear();
        for (const auto& [s, t] : latest)
        {
            Push(t, s, m_epoch);
        }
    }

    /// As RtmAgingHeap::Clear.
    void Clear()
    {
        m_near.clear();
        m_far.clear();
    }

    /// @return the number of records
    std::size_t GetSize() const
    {
        return m_near.size() + m_far.size();
    }

    /// @return the epoch
    int64_t GetEpoch() const
    {
        return m_epoch;
    }

  private:
    std::multimap<int64_t, uint32_t> m_near; //!< near records, time -> slot
    std::multimap<int64_t, uint32_t> m_far;  //!< far records, time -> slot
    int64_t m_epoch{0};                      //!< the epoch
};

TEST(RtmAgingHeap, SlotCodesKeepFamilyAndIndex)
{
    for (uint32_t index : {0U, 1U, 12345U, 0x7FFFFFFFU})
    {
        for (RtmFamily f : {RtmFamily::Ip, RtmFamily::Ipx})
        {
            const uint32_t code = Heap::SlotCode(f, index);
            EXPECT_EQ(Heap::SlotFamily(code), f);
            EXPECT_EQ(Heap::SlotIndex(code), index);
        }
    }
    EXPECT_EQ(Heap::SlotCode(RtmFamily::Ip, 7), 7U);
    EXPECT_EQ(Heap::SlotCode(RtmFamily::Ipx, 7), 0x80000007U);
}

TEST(RtmAgingHeap, NearRecordsCostEightBytesAndFarOnesSixteen)
{
    Heap h;
    EXPECT_TRUE(h.IsEmpty());
    EXPECT_EQ(h.GetMemoryUsage(), 0U);
    h.Push(Heap::NEAR_REACH - 1, 1, 0); // the last tick within reach
    EXPECT_EQ(h.GetMemoryUsage(), 16 * 8U) << "room for 16 near records at first";
    for (uint32_t i = 0; i < 15; ++i)
    {
        h.Push(1000 + i, 2 + i, 0);
    }
    EXPECT_EQ(h.GetMemoryUsage(), 16 * 8U);
    h.Push(5, 99, 0);
    EXPECT_EQ(h.GetMemoryUsage(), 20 * 8U) << "growth by a quarter";
    h.Push(Heap::NEAR_REACH, 100, 0); // the first tick beyond reach
    EXPECT_EQ(h.GetMemoryUsage(), 20 * 8U + 16U);
    EXPECT_EQ(h.GetSize(), 18U);
    int64_t next = -1;
    ASSERT_TRUE(h.Next(&next));
    EXPECT_EQ(next, 5);
}

TEST(RtmAgingHeap, PopsInTimeOrderWithNearBeforeFarOnATie)
{
    Heap h;
    const int64_t t = Heap::NEAR_REACH + 10;
    h.Push(t, 1, 0);                           // far: beyond reach of epoch 0
    h.Push(Heap::REBASE + 5, 2, Heap::REBASE); // not yet: the epoch moves beyond 2^31 ticks
    EXPECT_EQ(h.GetEpoch(), 0);
    EXPECT_EQ(h.Pop().slot, 2U);
    h.Push(Heap::REBASE + 5, 2, Heap::REBASE + 1); // now it moves to 2^31 + 1
    EXPECT_EQ(h.GetEpoch(), Heap::REBASE + 1);
    h.Push(t, 3, Heap::REBASE + 1); // near now, due with the far record
    h.Push(t + 1, 4, Heap::REBASE + 1);
    h.Push(1 << 20, 5, 0); // an earlier time passed as now does not move the epoch back
    EXPECT_EQ(h.GetEpoch(), Heap::REBASE + 1);
    std::vector<std::pair<int64_t, uint32_t>> popped;
    while (!h.IsEmpty())
    {
        Heap::Record r = h.Pop();
        popped.emplace_back(r.at, r.slot);
    }
    const std::vector<std::pair<int64_t, uint32_t>> expected = {
        {Heap::REBASE + 1, 5}, // overdue: reads as the epoch
        {Heap::REBASE + 5, 2},
        {t, 3},
        {t, 1},
        {t + 1, 4},
    };
    EXPECT_EQ(popped, expected);
    int64_t next = 42;
    EXPECT_FALSE(h.Next(&next));
    EXPECT_EQ(next, 42);
}

TEST(RtmAgingHeap, EpochMovesRaiseOverdueNearRecordsOnly)
{
    Heap h;
    h.Push(10, 1, 0);
    h.Push(Heap::NEAR_REACH + 20, 2, 0); // far, absolute
    h.Push(Heap::REBASE, 3, 0);
    EXPECT_EQ(h.GetEpoch(), 0);
    const int64_t now = 3 * Heap::NEAR_REACH; // past every record
    h.Push(now + 1000, 4, now);
    EXPECT_EQ(h.GetEpoch(), now);
    Heap::Record a = h.Pop();
    EXPECT_EQ(a.at, Heap::NEAR_REACH + 20) << "far records keep their time";
    EXPECT_EQ(a.slot, 2U);
    Heap::Record b = h.Pop();
    Heap::Record c = h.Pop();
    EXPECT_EQ(b.at, now);
    EXPECT_EQ(c.at, now);
    EXPECT_EQ(std::min(b.slot, c.slot), 1U);
    EXPECT_EQ(std::max(b.slot, c.slot), 3U);
    Heap::Record d = h.Pop();
    EXPECT_EQ(d.at, now + 1000);
    EXPECT_EQ(d.slot, 4U);
    EXPECT_TRUE(h.IsEmpty());
}

TEST(RtmAgingHeap, CompactKeepsTheLatestCurrentRecordOfEachSlot)
{
    Heap h;
    h.Push(100, 1, 0);
    h.Push(300, 1, 0);
    h.Push(200, 1, 0);
    h.Push(50, 2, 0);
    h.Push(Heap::NEAR_REACH + 7, 3, 0); // far
    h.Push(Heap::NEAR_REACH + 9, 3, 0);
    h.Push(400, 3, 0);
    EXPECT_EQ(h.GetMemoryUsage(), 16 * 8U + 2 * 16U);
    std::vector<std::pair<int64_t, uint32_t>> asked;
    h.Compact([&asked](int64_t at, uint32_t slot) {
        asked.emplace_back(at, slot);
        return slot != 2 && at != 300;
    });
    std::sort(asked.begin(), asked.end());
    const std::vector<std::pair<int64_t, uint32_t>> all = {{50, 2},
                                                           {100, 1},
                                                           {200, 1},
                                                           {300, 1},
                                                           {400, 3},
                                                           {Heap::NEAR_REACH + 7, 3},
                                                           {Heap::NEAR_REACH + 9, 3}};
    EXPECT_EQ(asked, all) << "every record is asked about once, with its time";
    EXPECT_EQ(h.GetSize(), 2U);
    // the near heap is sized for everything kept, as one far record may well come within reach
    EXPECT_EQ(h.GetMemoryUsage(), 2 * 8U + 16U) << "room for what is kept, no more";

    // The epoch moves past slot 1's record (which now reads as the epoch) and slot 3's far
    // record comes within reach: a compaction makes it a near record.
    const int64_t epoch = Heap::REBASE + 2;
    h.Push(epoch, 4, epoch);
    h.Compact([](int64_t, uint32_t) { return true; });
    EXPECT_EQ(h.GetSize(), 3U);
    EXPECT_EQ(h.GetMemoryUsage(), 3 * 8U);
    std::vector<std::pair<int64_t, uint32_t>> popped;
    while (!h.IsEmpty())
    {
        Heap::Record r = h.Pop();
        popped.emplace_back(r.at, r.slot);
    }
    ASSERT_EQ(popped.size(), 3U);
    std::sort(popped.begin(), popped.begin() + 2); // a tie: either order
    const std::vector<std::pair<int64_t, uint32_t>> expected = {{epoch, 1},
                                                                {epoch, 4},
                                                                {Heap::NEAR_REACH + 9, 3}};
    EXPECT_EQ(popped, expected);
}

TEST(RtmAgingHeap, CompactionIsNeededOnceStaleRecordsAreAFifth)
{
    Heap h;
    for (uint32_t i = 0; i < 64; ++i)
    {
        h.Push(i, i, 0);
    }
    EXPECT_FALSE(h.NeedsCompaction(0)) << "64 records never need it";
    h.Push(64, 64, 0);
    EXPECT_TRUE(h.NeedsCompaction(51));  // 65 > 63
    EXPECT_FALSE(h.NeedsCompaction(52)); // 65 > 65 is false
    h.Clear();
    EXPECT_TRUE(h.IsEmpty());
    EXPECT_EQ(h.GetMemoryUsage(), 0U);
    h.Push(Heap::REBASE + 10, 1, Heap::REBASE + 10);
    h.Clear();
    EXPECT_EQ(h.GetEpoch(), Heap::REBASE + 10) << "Clear leaves the epoch";
}

/**
 * Random pushes (overdue, near, at the reach boundary, far; many ties), pops, compactions with a
 * random notion of current records, clears, and time steps from single ticks to many epochs,
 * checked against ReferenceAging after every operation.
 * @param seed the seed
 * @param steps operations
 */
void
CompareWithReference(uint32_t seed, int steps)
{
    std::mt19937_64 rng(seed);
    auto below = [&rng](uint64_t n) { return static_cast<int64_t>(rng() % n); };
    Heap heap;
    ReferenceAging ref;
    int64_t now = 0;
    std::vector<int64_t> recent = {0}; // times pushed lately, reused to make ties
    std::size_t pops = 0;
    std::size_t farPushes = 0;
    int64_t epochMoves = 0;
    for (int step = 0; step < steps; ++step)
    {
        SCOPED_TRACE("seed " + std::to_string(seed) + " step " + std::to_string(step));
        const int op = static_cast<int>(below(1000));
        if (op < 40)
        {
            // time moves: ticks, seconds, to the edge of an epoch move, or beyond it
            const int kind = static_cast<int>(below(4));
            if (kind == 3)
            {
                now = std::max(now, heap.GetEpoch() + Heap::REBASE - 1 + below(3));
            }
            else
            {
                now += kind == 0   ? below(1000)
                       : kind == 1 ? below(int64_t{1} << 30)
                                   : below(int64_t{1} << 34);
            }
        }
        else if (op < 560)
        {
            int64_t at = 0;
            const int kind = static_cast<int>(below(8));
            switch (kind)
            {
            case 0:
                at = now - below(int64_t{1} << 32); // overdue, maybe before the epoch
                break;
            case 1:
            case 2:
                at = now + below(int64_t{1} << 31); // near
                break;
            case 3:
                at = recent[static_cast<std::size_t>(below(recent.size()))]; // a tie
                break;
            case 4:
                // around the reach of the epoch the push will use
                at = (now - heap.GetEpoch() > Heap::REBASE ? now : heap.GetEpoch()) +
                     Heap::NEAR_REACH - 2 + below(4);
                break;
            case 5:
                at = now + below(1000);
                break;
            default:
                at = now + Heap::NEAR_REACH + below(int64_t{1} << 40); // far
                ++farPushes;
                break;
            }
            const uint32_t slot =
                static_cast<uint32_t>(below(48)) | (below(4) == 0 ? 0x80000000U : 0U);
            const int64_t epoch = heap.GetEpoch();
            heap.Push(at, slot, now);
            ref.Push(at, slot, now);
            epochMoves += heap.GetEpoch() != epoch;
            recent[static_cast<std::size_t>(below(recent.size()))] = at;
            if (recent.size() < 8)
            {
                recent.push_back(at);
            }
        }
        else if (op < 900)
        {
            if (!heap.IsEmpty())
            {
                const Heap::Record r = heap.Pop();
                ASSERT_EQ(ref.TakePopped(r), "");
                ++pops;
            }
        }
        else if (op < 960)
        {
            // what an aging run does: everything due by now
            int64_t t = 0;
            while (heap.Next(&t) && t <= now)
            {
                const Heap::Record r = heap.Pop();
                ASSERT_EQ(ref.TakePopped(r), "");
                ++pops;
            }
        }
        else if (op < 998)
        {
            // a random, but fixed, idea of the current records: a slot ages until a threshold
            std::map<uint32_t, int64_t> until;
            for (uint32_t s = 0; s < 48; ++s)
            {
                if (below(3) != 0)
                {
                    until[s] = now + below(int64_t{1} << 33) - (int64_t{1} << 31);
                }
            }
            auto isCurrent = [&until](int64_t at, uint32_t slot) {
                auto it = until.find(Heap::SlotIndex(slot));
                return it != until.end() && at <= it->second;
            };
            heap.Compact(isCurrent);
            ref.Compact(isCurrent);
        }
        else
        {
            heap.Clear();
            ref.Clear();
        }
        ASSERT_EQ(heap.GetSize(), ref.GetSize());
        ASSERT_EQ(heap.IsEmpty(), ref.GetSize() == 0);
        ASSERT_EQ(heap.GetEpoch(), ref.GetEpoch());
        int64_t a = 0;
        int64_t b = 0;
        ASSERT_EQ(heap.Next(&a), ref.Next(&b));
        ASSERT_EQ(a, b);
        ASSERT_GE(heap.GetMemoryUsage(), heap.GetSize() * 8);
    }
    while (!heap.IsEmpty())
    {
        ASSERT_EQ(ref.TakePopped(heap.Pop()), "");
    }
    EXPECT_EQ(ref.GetSize(), 0U);
    // the run covered what it is meant to
    EXPECT_GT(pops, static_cast<std::size_t>(steps) / 4);
    EXPECT_GT(farPushes, static_cast<std::size_t>(steps) / 40);
    EXPECT_GT(epochMoves, 10);
}

TEST(RtmAgingHeap, RandomOperationsMatchAReferenceModel)
{
    for (uint32_t seed = 1; seed <= 6; ++seed)
    {
        CompareWithReference(seed, 20000);
        if (HasFatalFailure())
        {
            return;
        }
    }
}

/**
 * The heap used the way RoutingTableManager uses it: routes in reusable slots with expiries from
 * 1 ms to 24.8 days (100 ns ticks), refreshes that push a record only when the expiry comes
 * earlier, deletes that leave stale records, aging runs at the heap's next time that push a
 * refreshed route again and compact when needed. Every route must age out exactly at its expiry,
 * and after a run the heap holds no more records than the compaction rule allows.
 */
TEST(RtmAgingHeap, RoutesInReusedSlotsAgeOutExactlyOnTime)
{
    constexpr int64_t MS = 10000; // ticks per millisecond
    std::mt19937_64 rng(7);
    auto below = [&rng](uint64_t n) { return static_cast<int64_t>(rng() % n); };

    struct Route
    {
        bool live{false};
        int64_t expiry{0};
    };

    std::vector<Route> slots;
    std::vector<uint32_t> freeSlots;
    std::size_t live = 0;
    Heap heap;
    int64_t now = 0;
    std::size_t aged = 0;
    std::size_t stale = 0;

    auto isCurrent = [&slots](int64_t at, uint32_t code) {
        const Route& r = slots[Heap::SlotIndex(code)];
        return r.live && at <= r.expiry;
    };
    auto run = [&]() {
        int64_t t = 0;
        while (heap.Next(&t) && t <= now)
        {
            const Heap::Record e = heap.Pop();
            Route& r = slots[Heap::SlotIndex(e.slot)];
            if (!r.live)
            {
                ++stale;
                continue;
            }
            if (r.expiry > now)
            {
                heap.Push(r.expiry, e.slot, now);
                continue;
            }
            ASSERT_EQ(r.expiry, now) << "a route aged out late";
            r.live = false;
            freeSlots.push_back(Heap::SlotIndex(e.slot));
            --live;
            ++aged;
        }
        if (heap.NeedsCompaction(live))
        {
            heap.Compact(isCurrent);
        }
        ASSERT_FALSE(heap.NeedsCompaction(live));
    };
    auto ttl = [&below]() {
        switch (below(4))
        {
        case 0:
            return (1 + below(2000)) * MS; // milliseconds
        case 1:
            return (1 + below(600)) * 1000 * MS; // up to 10 minutes
        case 2:
            return (1 + below(7200)) * 1000 * MS; // up to 2 hours
        default:
            return (1 + below(2147483)) * 1000 * MS; // up to 24.8 days
        }
    };

    for (int step = 0; step < 30000; ++step)
    {
        SCOPED_TRACE("step " + std::to_string(step));
        // the last steps grow a population of routes (no deletes, no long waits) for the end
        const bool growing = step >= 27000;
        const int64_t opAt =
            now + (!growing && below(100) == 0 ? below(int64_t{1} << 33) : below(20000 * MS));
        int64_t due = 0;
        while (heap.Next(&due) && due <= opAt)
        {
            if (step % 64 == 0)
            {
                // every live route's expiry is still ahead of the next record: none is missed
                for (const Route& r : slots)
                {
                    ASSERT_TRUE(!r.live || r.expiry >= due) << "a route's expiry was missed";
                }
            }
            now = std::max(now, due);
            run();
            if (HasFatalFailure())
            {
                return;
            }
        }
        now = opAt;
        const int op = static_cast<int>(below(10));
        if (op < (growing ? 6 : 4) || live == 0)
        {
            uint32_t i = 0;
            if (!freeSlots.empty() && below(8) != 0)
            {
                const std::size_t k = static_cast<std::size_t>(below(freeSlots.size()));
                i = freeSlots[k];
                freeSlots[k] = freeSlots.back();
                freeSlots.pop_back();
            }
            else
            {
                i = static_cast<uint32_t>(slots.size());
                slots.emplace_back();
            }
            slots[i] = Route{true, now + ttl()};
            ++live;
            heap.Push(slots[i].expiry, Heap::SlotCode(RtmFamily::Ip, i), now);
            continue;
        }
        // a live route: refresh it or delete it
        uint32_t i = static_cast<uint32_t>(below(slots.size()));
        while (!slots[i].live)
        {
            i = (i + 1) % slots.size();
        }
        if (op < 8 || growing)
        {
            const int64_t expiry = now + ttl();
            if (expiry < slots[i].expiry)
            {
                heap.Push(expiry, Heap::SlotCode(RtmFamily::Ip, i), now);
            }
            slots[i].expiry = expiry;
        }
        else
        {
            slots[i].live = false;
            freeSlots.push_back(i);
            --live;
        }
    }
    // a last compaction keeps exactly one record per live route, and then, without refreshes to
    // push new records, what is left ages out on time too
    heap.Compact(isCurrent);
    EXPECT_LE(heap.GetSize(), live);
    const std::size_t left = live;
    int64_t due = 0;
    while (heap.Next(&due))
    {
        now = std::max(now, due);
        run();
        if (HasFatalFailure())
        {
            return;
        }
    }
    EXPECT_EQ(live, 0U);
    EXPECT_GT(left, 100U);
    EXPECT_GT(aged, 5000U);
    EXPECT_GT(stale, 100U);
}

} // namespace
