/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "rtm-aging-heap.h"

#include <algorithm>
#include <limits>

namespace ns3
{

namespace
{

/// The order of a min-heap on the time of records (what std::greater does on their times).
struct Later
{
    /**
     * @brief Compare two records' times.
     * @param a a record
     * @param b a record
     * @return true if a is due after b
     */
    template <typename R>
    bool operator()(const R& a, const R& b) const
    {
        return a.at > b.at;
    }
};

} // namespace

RtmAgingHeap::RtmAgingHeap()
    : m_epoch(0)
{
}

void
RtmAgingHeap::Push(int64_t at, uint32_t slot, int64_t now)
{
    if (now - m_epoch > REBASE)
    {
        // a common shift keeps the heap order; records already due stay due (at 0)
        const int64_t shift = now - m_epoch;
        for (NearRecord& e : m_near)
        {
            e.at = e.at > shift ? static_cast<uint32_t>(e.at - shift) : 0;
        }
        m_epoch = now;
    }
    const int64_t rel = std::max<int64_t>(0, at - m_epoch);
    if (rel < NEAR_REACH)
    {
        if (m_near.size() == m_near.capacity())
        {
            // grow by a quarter, not double: the heap holds one record per aging route
            m_near.reserve(std::max<std::size_t>(16, m_near.size() + m_near.size() / 4));
        }
        m_near.push_back(NearRecord{static_cast<uint32_t>(rel), slot});
        std::push_heap(m_near.begin(), m_near.end(), Later());
    }
    else
    {
        m_far.push_back(Record{at, slot});
        std::push_heap(m_far.begin(), m_far.end(), Later());
    }
}

bool
RtmAgingHeap::Next(int64_t* at) const
{
    if (IsEmpty())
    {
        return false;
    }
    int64_t t = std::numeric_limits<int64_t>::max();
    if (!m_near.empty())
    {
        t = m_epoch + m_near.front().at;
    }
    if (!m_far.empty())
    {
        t = std::min(t, m_far.front().at);
    }
    *at = t;
    return true;
}

RtmAgingHeap::Record
RtmAgingHeap::Pop()
{
    if (m_far.empty() || (!m_near.empty() && m_epoch + m_near.front().at <= m_far.front().at))
    {
        std::pop_heap(m_near.begin(), m_near.end(), Later());
        const NearRecord e = m_near.back();
        m_near.pop_back();
        return Record{m_epoch + e.at, e.slot};
    }
    std::pop_heap(m_far.begin(), m_far.end(), Later());
    const Record e = m_far.back();
    m_far.pop_back();
    return e;
}

void
RtmAgingHeap::Rebuild(std::vector<Record>* keep)
{
    // one record per slot, the latest, then both heaps rebuilt from scratch
    std::sort(keep->begin(), keep->end(), [](const Record& a, const Record& b) {
        return a.slot != b.slot ? a.slot < b.slot : a.at > b.at;
    });
    keep->erase(std::unique(keep->begin(),
                            keep->end(),
                            [](const Record& a, const Record& b) { return a.slot == b.slot; }),
                keep->end());
    m_near = decltype(m_near)();
    m_far = decltype(m_far)();
    m_near.reserve(keep->size());
    for (const Record& e : *keep)
    {
        Push(e.at, e.slot, m_epoch);
    }
}

void
RtmAgingHeap::Clear()
{
    m_near = decltype(m_near)();
    m_far = decltype(m_far)();
}

std::size_t
RtmAgingHeap::GetMemoryUsage() const
{
    return m_near.capacity() * sizeof(NearRecord) + m_far.capacity() * sizeof(Record);
}

} // namespace ns3
