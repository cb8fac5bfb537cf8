/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "rtm-ordered-index.h"

#include <algorithm>

namespace ns3
{

void
RtmOrderedIndex::Insert(uint64_t key)
{
    m_pending.push_back(key);
}

void
RtmOrderedIndex::Erase()
{
    ++m_erased;
}

void
RtmOrderedIndex::Merge(const ExistsFn& exists)
{
    std::sort(m_pending.begin(), m_pending.end());
    std::vector<uint64_t> merged;
    merged.reserve(m_sorted.size() + m_pending.size());
    auto a = m_sorted.begin();
    auto b = m_pending.begin();
    while (a != m_sorted.end() || b != m_pending.end())
    {
        uint64_t k;
        if (b == m_pending.end() || (a != m_sorted.end() && *a <= *b))
        {
            k = *a++;
        }
        else
        {
            k = *b++;
        }
        if ((merged.empty() || merged.back() != k) && exists(k))
        {
            merged.push_back(k);
        }
    }
    m_sorted.swap(merged);
    m_pending.clear();
    m_pending.shrink_to_fit();
    m_erased = 0;
}

bool
RtmOrderedIndex::Successor(uint64_t key, bool inclusive, const ExistsFn& exists, uint64_t* out)
{
    if (!m_pending.empty() || m_erased != 0)
    {
        Merge(exists);
    }
    auto it = inclusive ? std::lower_bound(m_sorted.begin(), m_sorted.end(), key)
                        : std::upper_bound(m_sorted.begin(), m_sorted.end(), key);
    if (it == m_sorted.end())
    {
        return false;
    }
    *out = *it;
    return true;
}

std::size_t
RtmOrderedIndex::GetMemoryUsage() const
{
    return (m_sorted.capacity() + m_pending.capacity()) * sizeof(uint64_t);
}

} // namespace ns3
