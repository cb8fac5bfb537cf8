/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "rtm-ospf-retransmit-list.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmOspfRetransmitList");

std::size_t
RtmOspfRetransmitList::Home(uint64_t key) const
{
    // Fibonacci hashing: router ids are often consecutive
    const uint64_t h = key * 0x9E3779B97F4A7C15ULL;
    return static_cast<std::size_t>(h >> 32) & (m_cells.size() - 1);
}

std::size_t
RtmOspfRetransmitList::Locate(uint64_t key) const
{
    const std::size_t n = m_cells.size();
    if (n == 0)
    {
        return 0;
    }
    for (std::size_t i = Home(key);; i = (i + 1) & (n - 1))
    {
        const Cell& c = m_cells[i];
        if (c.key == EMPTY)
        {
            return n;
        }
        if (c.key == key)
        {
            return i;
        }
    }
}

RtmOspfRetransmitList::Pending*
RtmOspfRetransmitList::Find(uint64_t key)
{
    std::size_t i = Locate(key);
    return i < m_cells.size() ? &m_cells[i].pending : nullptr;
}

const RtmOspfRetransmitList::Pending*
RtmOspfRetransmitList::Find(uint64_t key) const
{
    std::size_t i = Locate(key);
    return i < m_cells.size() ? &m_cells[i].pending : nullptr;
}

void
RtmOspfRetransmitList::Set(uint64_t key, const Pending& pending)
{
    if (key == EMPTY)
    {
        return; // no LSA has this key
    }
    if (Pending* p = Find(key))
    {
        *p = pending;
        return;
    }
    if ((m_size + 1) * 4 > m_cells.size() * 3)
    {
        Rehash(m_cells.empty() ? 8 : m_cells.size() * 2);
    }
    const std::size_t n = m_cells.size();
    std::size_t i = Home(key);
    while (m_cells[i].key != EMPTY)
    {
        i = (i + 1) & (n - 1);
    }
    m_cells[i].key = key;
    m_cells[i].pending = pending;
    ++m_size;
}

bool
RtmOspfRetransmitList::Erase(uint64_t key)
{
    std::size_t i = Locate(key);
    const std::size_t n = m_cells.size();
    if (i >= n || key == EMPTY)
    {
        return false;
    }
    // backward shift: move back every later cell of the run that may live at i
    std::size_t j = i;
    while (true)
    {
        j = (j + 1) & (n - 1);
        if (m_cells[j].key == EMPTY)
        {
            break;
        }
        std::size_t home = Home(m_cells[j].key);
        // the cell at j may move to i if its home is not cyclically within (i, j]
        bool within = (i <= j) ? (i < home && home <= j) : (i < home || home <= j);
        if (!within)
        {
            m_cells[i] = m_cells[j];
            i = j;
        }
    }
    m_cells[i] = Cell{};
    --m_size;
    if (m_size == 0)
    {
        Clear(); // the cold start's burst is not kept
    }
    else if (n > 64 && m_size * 8 < n)
    {
        Rehash(n / 4);
    }
    return true;
}

void
RtmOspfRetransmitList::Clear()
{
    std::vector<Cell>().swap(m_cells);
    m_size = 0;
}

void
RtmOspfRetransmitList::Rehash(std::size_t cells)
{
    static_assert(sizeof(Cell) == 24, "a cell is meant to be 24 bytes");
    std::vector<Cell> old;
    old.swap(m_cells);
    m_cells.assign(cells, Cell{});
    m_size = 0;
    for (const Cell& c : old)
    {
        if (c.key != EMPTY)
        {
            Set(c.key, c.pending);
        }
    }
}

std::size_t
RtmOspfRetransmitList::GetMemoryUsage() const
{
    return m_cells.capacity() * sizeof(Cell);
}

} // namespace ns3
