/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "rtm-ordered-index.h"

#include <algorithm>

namespace ns3
{

void
RtmOrderedIndex::Build(std::vector<uint64_t> keys)
{
    std::sort(keys.begin(), keys.end());
    m_sorted.swap(keys);
    m_created.clear();
    m_erased.clear();
    m_active = true;
}

void
RtmOrderedIndex::Insert(uint64_t key)
{
    if (m_active)
    {
        m_created.push_back(key);
        MaybeMerge();
    }
}

void
RtmOrderedIndex::Erase(uint64_t key)
{
    if (m_active)
    {
        m_erased.push_back(key);
        MaybeMerge();
    }
}

void
RtmOrderedIndex::MaybeMerge()
{
    if (m_created.size() + m_erased.size() > std::max<std::size_t>(1024, m_sorted.size() / 4))
    {
        Merge();
    }
}

void
RtmOrderedIndex::Merge()
{
    // A key's presence now = present at the last merge + times created - times destroyed since.
    std::sort(m_created.begin(), m_created.end());
    std::sort(m_erased.begin(), m_erased.end());
    std::vector<uint64_t> merged;
    merged.reserve(m_sorted.size() + m_created.size());
    auto s = m_sorted.begin();
    auto c = m_created.begin();
    auto e = m_erased.begin();
    const uint64_t END = UINT64_MAX;
    while (true)
    {
        uint64_t k = END;
        bool any = false;
        if (s != m_sorted.end())
        {
            k = *s;
            any = true;
        }
        if (c != m_created.end() && (!any || *c < k))
        {
            k = *c;
            any = true;
        }
        if (e != m_erased.end() && (!any || *e < k))
        {
            k = *e;
            any = true;
        }
        if (!any)
        {
            break;
        }
        long presence = 0;
        if (s != m_sorted.end() && *s == k)
        {
            ++presence;
            ++s;
        }
        while (c != m_created.end() && *c == k)
        {
            ++presence;
            ++c;
        }
        while (e != m_erased.end() && *e == k)
        {
            --presence;
            ++e;
        }
        if (presence > 0)
        {
            merged.push_back(k);
        }
    }
    merged.shrink_to_fit();
    m_sorted.swap(merged);
    m_created.clear();
    m_erased.clear();
}

bool
RtmOrderedIndex::Successor(uint64_t key, bool inclusive, uint64_t* out)
{
    if (!m_created.empty() || !m_erased.empty())
    {
        Merge();
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

void
RtmOrderedIndex::ShrinkToFit()
{
    if (!m_created.empty() || !m_erased.empty())
    {
        Merge();
    }
    m_sorted.shrink_to_fit();
    m_created.shrink_to_fit();
    m_erased.shrink_to_fit();
}

std::size_t
RtmOrderedIndex::GetMemoryUsage() const
{
    return (m_sorted.capacity() + m_created.capacity() + m_erased.capacity()) * sizeof(uint64_t);
}

} // namespace ns3
