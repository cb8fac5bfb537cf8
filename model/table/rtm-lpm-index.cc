/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "rtm-lpm-index.h"

#include "rtm-fit-capacity.h"

#include <algorithm>
#include <tuple>

namespace ns3
{

namespace
{
inline uint32_t
MaskOf(uint8_t len)
{
    return len == 0 ? 0 : ~0U << (32 - len);
}
} // namespace

RtmLpmIndex::RtmLpmIndex(Source* source)
    : m_source(source),
      m_bits(0),
      m_shift(32),
      m_count(0),
      m_garbage(0),
      m_lens{},
      m_resizing(false)
{
    m_bits = 4;
    m_shift = 28;
    m_top.assign(16, Top{NONE, 0});
    m_head.assign(16, NONE);
}

uint32_t
RtmLpmIndex::WantedBits(uint32_t count)
{
    uint32_t bitlen = count == 0 ? 0 : 32 - __builtin_clz(count);
    uint32_t k = bitlen > 2 ? bitlen - 2 : 0;
    return std::min<uint32_t>(18, std::max<uint32_t>(4, k));
}

void
RtmLpmIndex::Resize(uint32_t bits)
{
    m_bits = bits;
    m_shift = 32 - bits;
    m_top.assign(std::size_t{1} << bits, Top{0, DIRTY});
    m_head.assign(std::size_t{1} << bits, NONE);
    m_pool.clear();
    m_garbage = 0;
    m_count = 0;
    m_lens.fill(0);
    m_resizing = true;
    m_source->ReinsertAll(*this);
    m_resizing = false;
}

void
RtmLpmIndex::Renumber(const std::vector<uint32_t>& remap)
{
    for (uint32_t& head : m_head)
    {
        if (head != NONE)
        {
            head = remap[head];
        }
    }
}

void
RtmLpmIndex::Link(uint32_t net, uint32_t addr, uint8_t len)
{
    ++m_count;
    ++m_lens[len];
    if (len >= m_bits)
    {
        uint32_t c = addr >> m_shift;
        uint32_t head = m_head[c];
        Links& links = m_source->LinksOf(net);
        links.next = head;
        links.prev = NONE;
        if (head != NONE)
        {
            m_source->LinksOf(head).prev = net;
        }
        m_head[c] = net;
    }
}

void
RtmLpmIndex::Insert(uint32_t net, uint32_t addr, uint8_t len)
{
    Link(net, addr, len);
    if (m_resizing)
    {
        return;
    }
    Invalidate(addr, len);
    uint32_t want = WantedBits(m_count);
    if (want >= m_bits + 2 || want + 2 <= m_bits)
    {
        Resize(want);
    }
}

void
RtmLpmIndex::Remove(uint32_t net, uint32_t addr, uint8_t len)
{
    --m_count;
    --m_lens[len];
    if (len >= m_bits)
    {
        Links& links = m_source->LinksOf(net);
        uint32_t next = links.next;
        uint32_t prev = links.prev;
        if (prev != NONE)
        {
            m_source->LinksOf(prev).next = next;
        }
        else
        {
            m_head[addr >> m_shift] = next;
        }
        if (next != NONE)
        {
            m_source->LinksOf(next).prev = prev;
        }
        links.next = NONE;
        links.prev = NONE;
    }
    Invalidate(addr, len);
}

void
RtmLpmIndex::MarkStale(uint32_t chunk)
{
    Top& t = m_top[chunk];
    if (t.count == DIRTY)
    {
        return;
    }
    if (t.count >= 2)
    {
        m_garbage += t.count;
        // at most a quarter of the pool is garbage: each compaction is paid for by the quarter
        // of the pool that went stale since the last one
        if (m_garbage > 256 && m_garbage * 4 > m_pool.size())
        {
            t.count = DIRTY;
            Compact();
            return;
        }
    }
    t.count = DIRTY;
}

void
RtmLpmIndex::Invalidate(uint32_t addr, uint8_t len)
{
    if (len >= m_bits)
    {
        MarkStale(addr >> m_shift);
        return;
    }
    uint32_t first = (addr & MaskOf(len)) >> m_shift;
    uint32_t n = 1U << (m_bits - len);
    for (uint32_t i = 0; i < n; ++i)
    {
        MarkStale(first + i);
    }
}

uint32_t
RtmLpmIndex::LookupStale(uint32_t addr)
{
    Compile(addr >> m_shift);
    return Lookup(addr);
}

void
RtmLpmIndex::Compact()
{
    // keep only the intervals that compiled chunks still use
    std::vector<Interval, RtmHugePageAllocator<Interval>> pool;
    pool.reserve(m_pool.size() - m_garbage);
    for (Top& t : m_top)
    {
        if (t.count >= 2 && t.count != DIRTY)
        {
            uint32_t offset = static_cast<uint32_t>(pool.size());
            pool.insert(pool.end(), m_pool.begin() + t.value, m_pool.begin() + t.value + t.count);
            t.value = offset;
        }
    }
    m_pool.swap(pool);
    m_garbage = 0;
}

uint32_t
RtmLpmIndex::BaseValue(uint64_t start) const
{
    // The longest shorter prefix that covers the whole chunk gives its base value.
    uint32_t base = NONE;
    for (int len = static_cast<int>(m_bits) - 1; len >= 0 && base == NONE; --len)
    {
        if (m_lens[len] == 0)
        {
            continue;
        }
        uint32_t net = m_source->FindPrefix(static_cast<uint32_t>(start) & MaskOf(len),
                                            static_cast<uint8_t>(len));
        if (net != NONE)
        {
            base = m_source->GetValue(net);
        }
    }
    return base;
}

void
RtmLpmIndex::CollectPrefixes(uint32_t chunk, std::vector<Prefix>* inside) const
{
    // The prefixes inside the chunk, in (number, length) order: nested ones follow their parent.
    for (uint32_t net = m_head[chunk]; net != NONE; net = m_source->LinksOf(net).next)
    {
        uint32_t value = m_source->GetValue(net);
        if (value == NONE)
        {
            continue;
        }
        Prefix p;
        m_source->GetPrefix(net, &p.addr, &p.len);
        p.value = value;
        inside->push_back(p);
    }
    std::sort(inside->begin(), inside->end(), [](const Prefix& a, const Prefix& b) {
        return std::tie(a.addr, a.len) < std::tie(b.addr, b.len);
    });
}

void
RtmLpmIndex::Emit(std::vector<Interval>* out, uint64_t at, uint32_t value)
{
    uint32_t s = static_cast<uint32_t>(at);
    if (!out->empty() && out->back().start == s)
    {
        out->back().value = value;
        if (out->size() >= 2 && (*out)[out->size() - 2].value == value)
        {
            out->pop_back();
        }
        return;
    }
    if (!out->empty() && out->back().value == value)
    {
        return;
    }
    out->push_back(Interval{s, value});
}

void
RtmLpmIndex::BuildIntervals(uint64_t start,
                            uint64_t end,
                            uint32_t base,
                            const std::vector<Prefix>& inside)
{
    std::vector<Interval>& out = m_scratch;
    out.clear();

    struct Open
    {
        uint64_t end; // one past
        uint32_t value;
    };

    std::vector<Open> stack;
    stack.push_back(Open{end, base});
    Emit(&out, start, base);
    for (const Prefix& p : inside)
    {
        uint64_t ps = p.addr;
        uint64_t pe = ps + (uint64_t{1} << (32 - p.len));
        while (stack.back().end <= ps)
        {
            uint64_t e = stack.back().end;
            stack.pop_back();
            Emit(&out, e, stack.back().value);
        }
        Emit(&out, ps, p.value);
        stack.push_back(Open{pe, p.value});
    }
    while (stack.size() > 1)
    {
        uint64_t e = stack.back().end;
        stack.pop_back();
        if (e < end)
        {
            Emit(&out, e, stack.back().value);
        }
    }
}

void
RtmLpmIndex::Store(uint32_t chunk)
{
    const std::vector<Interval>& out = m_scratch;
    Top& t = m_top[chunk];
    if (out.size() == 1)
    {
        t.value = out[0].value;
        t.count = 0;
    }
    else
    {
        t.value = static_cast<uint32_t>(m_pool.size());
        t.count = static_cast<uint32_t>(out.size());
        if (m_pool.size() + out.size() > m_pool.capacity())
        {
            // grow by a quarter, not double
            m_pool.reserve(std::max(m_pool.size() + out.size(), m_pool.capacity() * 5 / 4 + 64));
        }
        m_pool.insert(m_pool.end(), out.begin(), out.end());
    }
}

void
RtmLpmIndex::Compile(uint32_t chunk)
{
    const uint64_t start = static_cast<uint64_t>(chunk) << m_shift;
    const uint64_t end = start + (uint64_t{1} << m_shift); // one past the chunk
    const uint32_t base = BaseValue(start);
    std::vector<Prefix> inside;
    CollectPrefixes(chunk, &inside);
    BuildIntervals(start, end, base, inside);
    Store(chunk);
}

void
RtmLpmIndex::ShrinkToFit()
{
    if (m_garbage > 0)
    {
        Compact();
    }
    RtmFitCapacity(m_pool);
    m_scratch = std::vector<Interval>(); // refilled by the next Compile
    m_top.shrink_to_fit();
    m_head.shrink_to_fit();
}

std::size_t
RtmLpmIndex::GetMemoryUsage() const
{
    return m_top.capacity() * sizeof(Top) + m_head.capacity() * sizeof(uint32_t) +
           m_pool.capacity() * sizeof(Interval) + m_scratch.capacity() * sizeof(Interval);
}

} // namespace ns3
