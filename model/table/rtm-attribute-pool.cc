/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "rtm-attribute-pool.h"

namespace ns3
{

namespace
{
constexpr uint32_t EMPTY = 0xFFFFFFFF;
constexpr uint32_t TOMB = 0xFFFFFFFE;
constexpr uint32_t NONE = 0xFFFFFFFF;
} // namespace

RtmAttributePool::RtmAttributePool()
    : m_slots(16, EMPTY),
      m_freeHead(NONE),
      m_live(0),
      m_used(0)
{
}

uint64_t
RtmAttributePool::Hash(const Words& w)
{
    // two independent lanes over 64-bit pairs: a short dependency chain
    uint64_t a = 0x9E3779B97F4A7C15ULL;
    uint64_t b = 0xD6E8FEB86659FD93ULL;
    std::size_t i = 0;
    for (; i + 4 <= w.size(); i += 4)
    {
        a = (a ^ (w[i] | (uint64_t{w[i + 1]} << 32))) * 0xBF58476D1CE4E5B9ULL;
        b = (b ^ (w[i + 2] | (uint64_t{w[i + 3]} << 32))) * 0x94D049BB133111EBULL;
        a ^= a >> 29;
        b ^= b >> 32;
    }
    for (; i < w.size(); ++i)
    {
        a = (a ^ w[i]) * 0xBF58476D1CE4E5B9ULL;
        a ^= a >> 29;
    }
    uint64_t h = a ^ ((b << 31) | (b >> 33));
    h *= 0xFF51AFD7ED558CCDULL;
    h ^= h >> 33;
    return h;
}

uint32_t
RtmAttributePool::FindSlot(const Words& w, uint64_t h) const
{
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask)
    {
        uint32_t s = m_slots[i];
        if (s == EMPTY)
        {
            return NONE;
        }
        if (s != TOMB && m_entries[s].words == w)
        {
            return s;
        }
    }
}

uint32_t
RtmAttributePool::Intern(const Words& w)
{
    uint64_t h = Hash(w);
    uint32_t id = FindSlot(w, h);
    if (id != NONE)
    {
        ++m_entries[id].refs;
        return id;
    }
    if ((m_used + 1) * 4 > m_slots.size() * 3)
    {
        Grow();
    }
    if (m_freeHead != NONE)
    {
        id = m_freeHead;
        m_freeHead = m_entries[id].nextFree;
        m_entries[id].words = w;
        m_entries[id].refs = 1;
    }
    else
    {
        id = static_cast<uint32_t>(m_entries.size());
        m_entries.push_back(Entry{w, 1, NONE});
    }
    const std::size_t mask = m_slots.size() - 1;
    std::size_t i = h & mask;
    while (m_slots[i] != EMPTY && m_slots[i] != TOMB)
    {
        i = (i + 1) & mask;
    }
    if (m_slots[i] == EMPTY)
    {
        ++m_used;
    }
    m_slots[i] = id;
    ++m_live;
    return id;
}

void
RtmAttributePool::Release(uint32_t id)
{
    Entry& e = m_entries[id];
    if (--e.refs != 0)
    {
        return;
    }
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t i = Hash(e.words) & mask;; i = (i + 1) & mask)
    {
        if (m_slots[i] == id)
        {
            m_slots[i] = TOMB;
            break;
        }
    }
    e.nextFree = m_freeHead;
    m_freeHead = id;
    --m_live;
}

void
RtmAttributePool::Grow()
{
    std::size_t size = m_slots.size();
    while (m_live * 2 + 2 > size)
    {
        size *= 2;
    }
    std::vector<uint32_t> slots(size, EMPTY);
    const std::size_t mask = size - 1;
    for (uint32_t s : m_slots)
    {
        if (s == EMPTY || s == TOMB)
        {
            continue;
        }
        std::size_t i = Hash(m_entries[s].words) & mask;
        while (slots[i] != EMPTY)
        {
            i = (i + 1) & mask;
        }
        slots[i] = s;
    }
    m_slots.swap(slots);
    m_used = m_live;
}

std::size_t
RtmAttributePool::GetMemoryUsage() const
{
    return m_entries.capacity() * sizeof(Entry) + m_slots.capacity() * sizeof(uint32_t);
}

} // namespace ns3
