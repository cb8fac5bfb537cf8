/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "rtm-table.h"

#include "rtm-fit-capacity.h"

#include <algorithm>
#include <tuple>

namespace ns3
{

namespace
{
inline uint64_t
MixKey(uint64_t k)
{
    k ^= k >> 33;
    k *= 0xFF51AFD7ED558CCDULL;
    k ^= k >> 33;
    k *= 0xC4CEB9FE1A85EC53ULL;
    k ^= k >> 33;
    return k;
}

inline uint32_t
MaskOf(uint8_t len)
{
    return len == 0 ? 0 : ~0U << (32 - len);
}
} // namespace

RtmTable::RtmTable(RtmFamily family)
    : m_family(family),
      m_freeSlot(NONE),
      m_nets(16, Net{0, FREE_CELL, NONE, {}}),
      m_tombs(0),
      m_netCount(0),
      m_bestCount(0),
      m_routeCount(0),
      m_retiredSlots(0),
      m_lpm(this)
{
}

RtmTable::~RtmTable() = default;

bool
RtmTable::IsValidNetwork(uint64_t network) const
{
    if (m_family == RtmFamily::Ipx)
    {
        return RtmRoute::KeyAddress(network) == 0;
    }
    uint32_t a = 0;
    uint8_t l = 0;
    return IpPrefix(network, &a, &l);
}

// ---- network hash ------------------------------------------------------------------------------

template <typename V>
void
RtmTable::Reserve(V& v)
{
    // grow by a quarter, not double: at most a fifth of an array is slack; small tables (one
    // per simulated router, many per simulation) grow by an eighth, trading a few more cheap
    // copies for memory
    if (v.size() == v.capacity())
    {
        const std::size_t c = v.capacity();
        v.reserve(std::max<std::size_t>(16, c + (c < SMALL ? c / 8 : c / 4)));
    }
}

std::size_t
RtmTable::HashHome(uint64_t key) const
{
    return static_cast<std::size_t>(((MixKey(key) >> 32) * m_nets.size()) >> 32);
}

uint32_t
RtmTable::FindNet(uint64_t key) const
{
    const std::size_t size = m_nets.size();
    std::size_t i = HashHome(key);
    while (true)
    {
        const Net& c = m_nets[i];
        if (c.key == key && c.head < TOMB_CELL)
        {
            return static_cast<uint32_t>(i);
        }
        if (c.head == FREE_CELL)
        {
            return NONE;
        }
        i = (i + 1 == size) ? 0 : i + 1;
    }
}

void
RtmTable::Rehash(std::size_t cells)
{
    // Every pass is sequential with independent random accesses, so the misses overlap.
    std::vector<Net, RtmHugePageAllocator<Net>> old(cells, Net{0, FREE_CELL, NONE, {}});
    old.swap(m_nets);
    m_tombs = 0;
    std::vector<uint32_t> remap(old.size(), NONE);
    for (std::size_t o = 0; o < old.size(); ++o)
    {
        if (old[o].head >= TOMB_CELL)
        {
            continue;
        }
        std::size_t i = HashHome(old[o].key);
        while (m_nets[i].head != FREE_CELL)
        {
            i = (i + 1 == cells) ? 0 : i + 1;
        }
        m_nets[i] = old[o];
        remap[o] = static_cast<uint32_t>(i);
    }
    old = std::vector<Net, RtmHugePageAllocator<Net>>();
    for (Slot& s : m_slots)
    {
        if (s.state & USED)
        {
            s.net = remap[s.net];
        }
    }
    if (m_family == RtmFamily::Ip)
    {
        // links of networks shorter than the chunk bits are not in use and may be stale
        auto renumber = [&remap](uint32_t id) { return id < remap.size() ? remap[id] : NONE; };
        for (Net& c : m_nets)
        {
            if (c.head < TOMB_CELL)
            {
                c.links.next = renumber(c.links.next);
                c.links.prev = renumber(c.links.prev);
            }
        }
        m_lpm.Renumber(remap);
    }
}

uint32_t
RtmTable::CreateNet(uint64_t key, uint32_t head)
{
    // at most 80% of the cells in use (tombstones included); a rebuild leaves at most 56% (62%
    // in small tables), so at least a quarter (a sixth) of the cells are inserted between two
    // rebuilds
    if ((static_cast<std::size_t>(m_netCount) + m_tombs + 1) * 5 > m_nets.size() * 4)
    {
        // small tables favour memory, large ones the cost of rebuilds
        const std::size_t live = static_cast<std::size_t>(m_netCount) + 1;
        Rehash(std::max(m_nets.size(), live < SMALL ? live * 8 / 5 : live * 9 / 5));
    }
    const std::size_t size = m_nets.size();
    std::size_t i = HashHome(key);
    while (m_nets[i].head < TOMB_CELL)
    {
        i = (i + 1 == size) ? 0 : i + 1;
    }
    if (m_nets[i].head == TOMB_CELL)
    {
        --m_tombs;
    }
    m_nets[i] = Net{key, head, NONE, {}};
    ++m_netCount;
    m_order.Insert(key);
    return static_cast<uint32_t>(i);
}

void
RtmTable::DestroyNet(uint32_t n)
{
    Net& net = m_nets[n];
    if (m_family == RtmFamily::Ip)
    {
        uint32_t a = 0;
        uint8_t l = 0;
        IpPrefix(net.key, &a, &l);
        m_lpm.Remove(n, a, l);
    }
    m_order.Erase(net.key);
    --m_netCount;
    const std::size_t size = m_nets.size();
    std::size_t next = (n + 1 == size) ? 0 : n + 1;
    if (m_nets[next].head != FREE_CELL)
    {
        net.head = TOMB_CELL; // a probe may pass through this cell
        ++m_tombs;
        return;
    }
    // the probe sequences that crossed this cell, and the tombstones before it, end here now
    std::size_t i = n;
    net.head = FREE_CELL;
    while (true)
    {
        i = (i == 0) ? size - 1 : i - 1;
        if (m_nets[i].head != TOMB_CELL)
        {
            break;
        }
        m_nets[i].head = FREE_CELL;
        --m_tombs;
    }
}

void
RtmTable::ActivateOrder()
{
    std::vector<uint64_t> keys;
    keys.reserve(m_netCount);
    for (const Net& net : m_nets)
    {
        if (net.head < TOMB_CELL)
        {
            keys.push_back(net.key);
        }
    }
    m_order.Build(std::move(keys));
}

// ---- LPM source --------------------------------------------------------------------------------

void
RtmTable::ReinsertAll(RtmLpmIndex& index) const
{
    for (uint32_t n = 0; n < m_nets.size(); ++n)
    {
        if (m_nets[n].head >= TOMB_CELL)
        {
            continue;
        }
        uint32_t a = 0;
        uint8_t l = 0;
        IpPrefix(m_nets[n].key, &a, &l);
        index.Insert(n, a, l);
    }
}

void
RtmTable::GetPrefix(uint32_t net, uint32_t* addr, uint8_t* len) const
{
    IpPrefix(m_nets[net].key, addr, len);
}

uint32_t
RtmTable::GetValue(uint32_t net) const
{
    return m_nets[net].best;
}

uint32_t
RtmTable::FindPrefix(uint32_t addr, uint8_t len) const
{
    return FindNet(RtmRoute::IpKey(addr, MaskOf(len)));
}

RtmLpmIndex::Links&
RtmTable::LinksOf(uint32_t net)
{
    return m_nets[net].links;
}

// ---- entries -----------------------------------------------------------------------------------

bool
RtmTable::Live(Ref ref) const
{
    return ref.index < m_slots.size() && (m_slots[ref.index].state & USED) &&
           Generation(m_slots[ref.index].state) == ref.generation;
}

bool
RtmTable::IsLive(Ref ref) const
{
    return Live(ref);
}

void
RtmTable::Materialize(uint32_t i, RtmRoute* out) const
{
    const Slot& s = m_slots[i];
    out->network = m_nets[s.net].key;
    out->nextHop = NextHopOf(i);
    out->protocol = ProtocolOf(s);
    out->interface = m_hops[i].interface;
    const RtmAttributePool::Words& w = m_attrs.Get(s.attr);
    std::copy(w.begin(), w.begin() + 11, out->familyData.begin());
    std::copy(w.begin() + 11, w.begin() + NEXT_HOP_WORD, out->protocolData.begin());
    out->timeStamp = static_cast<int64_t>((static_cast<uint64_t>(s.stampHigh) << 32) | s.stampLow);
    out->ttlMs = w[TTL_WORD];
    out->enabled = (s.state & ENABLED) != 0;
}

uint32_t
RtmTable::NextHopOther(const RtmRoute& r) const
{
    return m_family == RtmFamily::Ip ? static_cast<uint32_t>(r.nextHop)
                                     : RtmRoute::KeyAddress(r.nextHop);
}

void
RtmTable::SetAttr(Slot& s, const RtmRoute& r, uint32_t nextHopOther)
{
    RtmAttributePool::Words w;
    std::copy(r.familyData.begin(), r.familyData.end(), w.begin());
    std::copy(r.protocolData.begin(), r.protocolData.end(), w.begin() + 11);
    w[NEXT_HOP_WORD] = nextHopOther;
    w[TTL_WORD] = r.ttlMs;
    w[PROTOCOL_WORD] = r.protocol;
    s.attr = m_attrs.Intern(w);
}

bool
RtmTable::Eligible(const Slot& s) const
{
    if (!(s.state & ENABLED))
    {
        return false;
    }
    if (m_family == RtmFamily::Ip)
    {
        return (m_attrs.Get(s.attr)[RtmRoute::IpFlags] & RtmRoute::IP_VALID) != 0;
    }
    return true;
}

int
RtmTable::CompareMetric(const Slot& a, const Slot& b) const
{
    const RtmAttributePool::Words& wa = m_attrs.Get(a.attr);
    const RtmAttributePool::Words& wb = m_attrs.Get(b.attr);
    uint32_t a1;
    uint32_t a2;
    uint32_t b1;
    uint32_t b2;
    if (m_family == RtmFamily::Ip)
    {
        a1 = wa[RtmRoute::IpPriority];
        a2 = wa[RtmRoute::IpMetric];
        b1 = wb[RtmRoute::IpPriority];
        b2 = wb[RtmRoute::IpMetric];
    }
    else
    {
        a1 = wa[1] & 0xFFFF;
        a2 = wa[1] >> 16;
        b1 = wb[1] & 0xFFFF;
        b2 = wb[1] >> 16;
    }
    if (a1 != b1)
    {
        return a1 < b1 ? -1 : 1;
    }
    if (a2 != b2)
    {
        return a2 < b2 ? -1 : 1;
    }
    return 0;
}

int
RtmTable::CompareIdentity(const Identity& a, const Identity& b)
{
    auto ka = std::make_tuple(a.protocol, a.interface, a.nextHop);
    auto kb = std::make_tuple(b.protocol, b.interface, b.nextHop);
    return ka < kb ? -1 : (kb < ka ? 1 : 0);
}

uint64_t
RtmTable::NextHopOf(uint32_t i) const
{
    uint64_t a = m_hops[i].address;
    uint64_t o = m_attrs.Get(m_slots[i].attr)[NEXT_HOP_WORD];
    return m_family == RtmFamily::Ip ? (a << 32) | o : (o << 32) | a;
}

void
RtmTable::SetHop(uint32_t i, uint32_t interface, uint64_t nextHop)
{
    // the other half is interned with the entry's data (SetAttr)
    m_hops[i] = Hop{interface,
                    m_family == RtmFamily::Ip ? RtmRoute::KeyAddress(nextHop)
                                              : static_cast<uint32_t>(nextHop)};
}

RtmTable::Identity
RtmTable::IdentityOf(uint32_t i) const
{
    return Identity{ProtocolOf(m_slots[i]), m_hops[i].interface, NextHopOf(i)};
}

void
RtmTable::PrepareChange(uint32_t prevBest, RtmChange* change) const
{
    if (!change)
    {
        return;
    }
    if (prevBest != NONE)
    {
        Materialize(prevBest, &change->previous);
    }
    else
    {
        change->previous = RtmRoute();
    }
}

void
RtmTable::ChooseBest(uint32_t n, uint32_t prevBest, RtmChange* change)
{
    Net& net = m_nets[n];
    uint32_t cand = NONE;
    for (uint32_t i = net.head; i != NONE; i = m_slots[i].netNext)
    {
        const Slot& s = m_slots[i];
        if (!Eligible(s))
        {
            continue;
        }
        if (cand == NONE)
        {
            cand = i;
            continue;
        }
        int c = CompareMetric(s, m_slots[cand]);
        if (c < 0 || (c == 0 && CompareIdentity(IdentityOf(i), IdentityOf(cand)) < 0))
        {
            cand = i;
        }
    }
    uint32_t cur = net.best;
    if (cur != NONE && cand != NONE && cur != cand && (m_slots[cur].state & USED) &&
        Eligible(m_slots[cur]) && CompareMetric(m_slots[cur], m_slots[cand]) == 0)
    {
        cand = cur; // keep the current best on a tie: no needless change
    }
    net.best = cand;
    if (prevBest == NONE && cand != NONE)
    {
        ++m_bestCount;
    }
    else if (prevBest != NONE && cand == NONE)
    {
        --m_bestCount;
    }

    if (change)
    {
        // change->previous holds the best route before (PrepareChange)
        change->family = m_family;
        change->network = net.key;
        change->flags = 0;
        if (prevBest == NONE && cand != NONE)
        {
            change->flags = RtmChange::ADDED;
            Materialize(cand, &change->current);
        }
        else if (prevBest != NONE && cand == NONE)
        {
            change->flags = RtmChange::DELETED;
        }
        else if (cand != NONE)
        {
            Materialize(cand, &change->current);
            if (cand != prevBest || !change->previous.SameSignificant(change->current))
            {
                change->flags = RtmChange::CHANGED;
            }
        }
        if (!(change->flags & RtmChange::PREVIOUS))
        {
            change->previous = RtmRoute();
        }
    }
    if (cand != prevBest && m_family == RtmFamily::Ip)
    {
        uint32_t a = 0;
        uint8_t l = 0;
        IpPrefix(net.key, &a, &l);
        m_lpm.Invalidate(a, l);
    }
}

RtmTable::Owner*
RtmTable::FindOwner(uint32_t protocol)
{
    for (Owner& o : m_owners)
    {
        if (o.protocol == protocol)
        {
            return &o;
        }
    }
    return nullptr;
}

const RtmTable::Owner*
RtmTable::FindOwner(uint32_t protocol) const
{
    return const_cast<RtmTable*>(this)->FindOwner(protocol);
}

void
RtmTable::LinkOwner(uint32_t i)
{
    const uint32_t protocol = ProtocolOf(m_slots[i]);
    Owner* o = FindOwner(protocol);
    if (!o)
    {
        m_owners.push_back(Owner{protocol, 0, {}, {}});
        o = &m_owners.back();
    }
    const std::size_t word = i >> 6;
    if (word >= o->bits.size())
    {
        Reserve(o->bits);
        o->bits.resize(std::max(word + 1, o->bits.capacity()), 0);
        o->summary.resize((o->bits.size() + 63) >> 6, 0);
    }
    o->bits[word] |= uint64_t{1} << (i & 63);
    o->summary[word >> 6] |= uint64_t{1} << (word & 63);
    ++o->count;
}

void
RtmTable::UnlinkOwner(uint32_t i)
{
    Owner* o = FindOwner(ProtocolOf(m_slots[i]));
    const std::size_t word = i >> 6;
    o->bits[word] &= ~(uint64_t{1} << (i & 63));
    if (o->bits[word] == 0)
    {
        o->summary[word >> 6] &= ~(uint64_t{1} << (word & 63));
    }
    if (--o->count == 0)
    {
        // a protocol that owns nothing keeps no memory
        if (o != &m_owners.back())
        {
            *o = std::move(m_owners.back());
        }
        m_owners.pop_back();
    }
}

uint32_t
RtmTable::FindInNet(uint32_t n, const RtmRoute& id, bool singleRoute) const
{
    for (uint32_t i = m_nets[n].head; i != NONE; i = m_slots[i].netNext)
    {
        const Slot& s = m_slots[i];
        if (ProtocolOf(s) == id.protocol &&
            (singleRoute || (m_hops[i].interface == id.interface && NextHopOf(i) == id.nextHop)))
        {
            return i;
        }
    }
    return NONE;
}

void
RtmTable::PrefetchNetwork(uint64_t key) const
{
    // The misses of one update are independent once the key is known: start them together.
    __builtin_prefetch(&m_nets[HashHome(key)]);
    if (m_family == RtmFamily::Ip)
    {
        m_lpm.Prefetch(RtmRoute::KeyAddress(key));
    }
}

void
RtmTable::PrefetchRoutes(uint64_t network) const
{
    uint32_t n = FindNet(network);
    if (n == NONE)
    {
        if (m_family == RtmFamily::Ip)
        {
            m_lpm.PrefetchLink(RtmRoute::KeyAddress(network)); // an add links it here
        }
        return;
    }
    const Net& net = m_nets[n];
    __builtin_prefetch(&m_slots[net.head], 1);
    __builtin_prefetch(&m_hops[net.head], 1);
    if (net.links.prev != NONE && net.links.prev < m_nets.size())
    {
        __builtin_prefetch(&m_nets[net.links.prev], 1);
    }
    if (net.links.next != NONE && net.links.next < m_nets.size())
    {
        __builtin_prefetch(&m_nets[net.links.next], 1);
    }
}

RtmTable::Ref
RtmTable::Find(const RtmRoute& id, bool singleRoute) const
{
    PrefetchNetwork(id.network);
    uint32_t n = FindNet(id.network);
    if (n == NONE)
    {
        return Ref{};
    }
    const Net& net = m_nets[n];
    if (net.links.prev != NONE && net.links.prev < m_nets.size())
    {
        __builtin_prefetch(&m_nets[net.links.prev], 1); // a delete unlinks from the LPM list
    }
    if (net.links.next != NONE && net.links.next < m_nets.size())
    {
        __builtin_prefetch(&m_nets[net.links.next], 1);
    }
    uint32_t i = FindInNet(n, id, singleRoute);
    return i == NONE ? Ref{} : Ref{i, Generation(m_slots[i].state)};
}

void
RtmTable::UpdateEntry(uint32_t i, const RtmRoute& route)
{
    Slot& s = m_slots[i];
    uint32_t oldAttr = s.attr;
    SetAttr(s, route, NextHopOther(route));
    m_attrs.Release(oldAttr);
    s.stampLow = static_cast<uint32_t>(route.timeStamp);
    s.stampHigh = static_cast<uint32_t>(static_cast<uint64_t>(route.timeStamp) >> 32);
    SetHop(i, route.interface, route.nextHop);
}

uint32_t
RtmTable::TakeSlot()
{
    if (m_freeSlot != NONE)
    {
        uint32_t i = m_freeSlot;
        m_freeSlot = m_slots[i].netNext;
        return i;
    }
    uint32_t i = static_cast<uint32_t>(m_slots.size());
    Reserve(m_slots);
    Reserve(m_hops);
    m_slots.push_back(Slot{});
    m_hops.push_back(Hop{});
    return i;
}

uint32_t
RtmTable::AddEntry(uint32_t n, const RtmRoute& route, uint32_t* slot)
{
    const bool newNet = n == NONE;
    const uint32_t i = TakeSlot();
    Slot& s = m_slots[i];
    uint32_t gen = Generation(s.state) + 1;
    s.stampLow = static_cast<uint32_t>(route.timeStamp);
    s.stampHigh = static_cast<uint32_t>(static_cast<uint64_t>(route.timeStamp) >> 32);
    SetAttr(s, route, NextHopOther(route));
    SetHop(i, route.interface, route.nextHop);
    uint32_t a = 0;
    uint8_t len = 0;
    if (m_family == RtmFamily::Ip)
    {
        IpPrefix(route.network, &a, &len);
    }
    s.state =
        (gen << GEN_SHIFT) | (uint32_t{len} << LEN_SHIFT) | USED | (route.enabled ? ENABLED : 0);
    if (newNet)
    {
        // the new entry is in no network list yet, so a rebuild inside CreateNet skips it
        s.netNext = NONE;
        n = CreateNet(route.network, i);
    }
    else
    {
        s.netNext = m_nets[n].head;
        m_nets[n].head = i;
    }
    s.net = n;
    ++m_routeCount;
    LinkOwner(i);
    if (newNet && m_family == RtmFamily::Ip)
    {
        m_lpm.Insert(n, a, len);
    }
    *slot = i;
    return n;
}

RtmTable::Upsert
RtmTable::AddOrUpdate(const RtmRoute& route,
                      bool singleRoute,
                      RtmChange* change,
                      RtmRoute* previous,
                      Ref* ref)
{
    PrefetchNetwork(route.network);
    uint32_t n = FindNet(route.network);
    const bool newNet = n == NONE;
    if (newNet && m_family == RtmFamily::Ip)
    {
        m_lpm.PrefetchLink(RtmRoute::KeyAddress(route.network));
    }
    const uint32_t prevBest = newNet ? NONE : m_nets[n].best;
    PrepareChange(prevBest, change);
    uint32_t i = newNet ? NONE : FindInNet(n, route, singleRoute);
    Upsert result;
    if (i != NONE)
    {
        if (previous)
        {
            Materialize(i, previous);
        }
        UpdateEntry(i, route);
        result = Upsert::Updated;
    }
    else
    {
        n = AddEntry(n, route, &i);
        result = Upsert::Added;
    }
    if (ref)
    {
        *ref = Ref{i, Generation(m_slots[i].state)};
    }
    ChooseBest(n, prevBest, change);
    return result;
}

bool
RtmTable::Remove(Ref ref, RtmChange* change, RtmRoute* removed)
{
    if (!Live(ref))
    {
        return false;
    }
    uint32_t i = ref.index;
    Slot& s = m_slots[i];
    uint32_t n = s.net;
    Net& net = m_nets[n];
    uint32_t prevBest = net.best;
    PrepareChange(prevBest, change);
    if (removed)
    {
        Materialize(i, removed);
    }
    // unlink from the network
    uint32_t* link = &net.head;
    while (*link != i)
    {
        link = &m_slots[*link].netNext;
    }
    *link = s.netNext;
    UnlinkOwner(i);
    m_attrs.Release(s.attr);
    s.state = (s.state & ~(USED | ENABLED));
    if (Generation(s.state) < MAX_GENERATION)
    {
        s.netNext = m_freeSlot;
        m_freeSlot = i;
    }
    else
    {
        // Its next generation would wrap to one that old references may hold (DECISIONS 16: a
        // snapshot must never return a later route): the slot is retired, never reused.
        s.netNext = NONE;
        ++m_retiredSlots;
    }
    --m_routeCount;
    if (net.best == i)
    {
        net.best = NONE;
    }
    if (net.head == NONE)
    {
        if (prevBest != NONE)
        {
            --m_bestCount;
        }
        if (change)
        {
            change->family = m_family;
            change->network = net.key;
            change->flags = prevBest != NONE ? RtmChange::DELETED : 0;
        }
        DestroyNet(n);
        return true;
    }
    ChooseBest(n, prevBest, change);
    return true;
}

bool
RtmTable::Rewrite(Ref ref, const RtmRoute& route, RtmChange* change)
{
    if (!Live(ref))
    {
        return false;
    }
    Slot& s = m_slots[ref.index];
    uint32_t n = s.net;
    uint32_t prevBest = m_nets[n].best;
    PrepareChange(prevBest, change);
    const bool newOwner = route.protocol != ProtocolOf(s);
    if (newOwner)
    {
        UnlinkOwner(ref.index); // (reads the protocol from the old data)
    }
    uint32_t oldAttr = s.attr;
    SetAttr(s, route, m_attrs.Get(oldAttr)[NEXT_HOP_WORD]); // the next hop stays
    m_attrs.Release(oldAttr);
    if (newOwner)
    {
        LinkOwner(ref.index);
    }
    s.stampLow = static_cast<uint32_t>(route.timeStamp);
    s.stampHigh = static_cast<uint32_t>(static_cast<uint64_t>(route.timeStamp) >> 32);
    ChooseBest(n, prevBest, change);
    return true;
}

bool
RtmTable::SetEnabled(Ref ref, bool enabled, RtmChange* change)
{
    if (!Live(ref))
    {
        return false;
    }
    Slot& s = m_slots[ref.index];
    uint32_t n = s.net;
    uint32_t prevBest = m_nets[n].best;
    PrepareChange(prevBest, change);
    s.state = enabled ? (s.state | ENABLED) : (s.state & ~ENABLED);
    ChooseBest(n, prevBest, change);
    return true;
}

bool
RtmTable::Get(Ref ref, RtmRoute* out) const
{
    if (!Live(ref))
    {
        return false;
    }
    Materialize(ref.index, out);
    return true;
}

bool
RtmTable::IsBest(Ref ref) const
{
    return Live(ref) && m_nets[m_slots[ref.index].net].best == ref.index;
}

bool
RtmTable::Matches(Ref ref, uint32_t flags, const RtmRoute& c) const
{
    if (!Live(ref))
    {
        return false;
    }
    const Slot& s = m_slots[ref.index];
    if ((flags & ONLY_THIS_NETWORK) && m_nets[s.net].key != c.network)
    {
        return false;
    }
    if ((flags & ONLY_THIS_INTERFACE) && m_hops[ref.index].interface != c.interface)
    {
        return false;
    }
    if ((flags & ONLY_THIS_PROTOCOL) && ProtocolOf(s) != c.protocol)
    {
        return false;
    }
    if ((flags & ONLY_BEST_ROUTES) && m_nets[s.net].best != ref.index)
    {
        return false;
    }
    return true;
}

bool
RtmTable::GetBest(uint64_t network, RtmRoute* best) const
{
    uint32_t n = FindNet(network);
    if (n == NONE || m_nets[n].best == NONE)
    {
        return false;
    }
    if (best)
    {
        Materialize(m_nets[n].best, best);
    }
    return true;
}

void
RtmTable::Collect(uint32_t flags, const RtmRoute& c, std::vector<Ref>* out) const
{
    auto take = [&](uint32_t i) {
        Ref r{i, Generation(m_slots[i].state)};
        if (Matches(r, flags, c))
        {
            out->push_back(r);
        }
    };
    if (flags & ONLY_THIS_NETWORK)
    {
        uint32_t n = FindNet(c.network);
        if (n == NONE)
        {
            return;
        }
        for (uint32_t i = m_nets[n].head; i != NONE; i = m_slots[i].netNext)
        {
            take(i);
        }
        return;
    }
    if (flags & ONLY_THIS_PROTOCOL)
    {
        if (const Owner* o = FindOwner(c.protocol))
        {
            for (std::size_t sw = 0; sw < o->summary.size(); ++sw)
            {
                for (uint64_t sbits = o->summary[sw]; sbits != 0; sbits &= sbits - 1)
                {
                    const std::size_t w = (sw << 6) | __builtin_ctzll(sbits);
                    for (uint64_t bits = o->bits[w]; bits != 0; bits &= bits - 1)
                    {
                        take(static_cast<uint32_t>((w << 6) | __builtin_ctzll(bits)));
                    }
                }
            }
        }
        return;
    }
    for (uint32_t i = 0; i < m_slots.size(); ++i)
    {
        if (m_slots[i].state & USED)
        {
            take(i);
        }
    }
}

bool
RtmTable::NextInOrder(const RtmRoute* cursor, uint32_t flags, const RtmRoute& c, RtmRoute* out)
{
    if (!m_order.IsActive())
    {
        ActivateOrder();
    }
    uint64_t key = 0;
    bool inclusive = true;
    if (cursor)
    {
        key = cursor->network;
    }
    if (flags & ONLY_THIS_NETWORK)
    {
        if (cursor && cursor->network > c.network)
        {
            return false;
        }
        key = c.network;
        inclusive = true;
        if (cursor && cursor->network < c.network)
        {
            cursor = nullptr;
        }
    }
    Identity probe{};
    if (cursor)
    {
        probe = Identity{cursor->protocol, cursor->interface, cursor->nextHop};
    }
    bool first = true;
    while (true)
    {
        uint64_t k;
        if (!m_order.Successor(key, inclusive, &k))
        {
            return false;
        }
        if ((flags & ONLY_THIS_NETWORK) && k != c.network)
        {
            return false;
        }
        uint32_t n = FindNet(k);
        // within the cursor's own network, only entries after the cursor qualify
        bool afterCursor = first && cursor && k == cursor->network;
        uint32_t pick = NONE;
        for (uint32_t i = m_nets[n].head; i != NONE; i = m_slots[i].netNext)
        {
            const Slot& s = m_slots[i];
            if (afterCursor && CompareIdentity(IdentityOf(i), probe) <= 0)
            {
                continue;
            }
            if (!Matches(Ref{i, Generation(s.state)}, flags & ~ONLY_THIS_NETWORK, c))
            {
                continue;
            }
            if (pick == NONE || CompareIdentity(IdentityOf(i), IdentityOf(pick)) < 0)
            {
                pick = i;
            }
        }
        if (pick != NONE)
        {
            Materialize(pick, out);
            return true;
        }
        first = false;
        key = k;
        inclusive = false;
    }
}

void
RtmTable::ShrinkToFit()
{
    RtmFitCapacity(m_slots);
    RtmFitCapacity(m_hops);
    const std::size_t cells = std::max<std::size_t>(16, std::size_t{m_netCount} * 4 / 3 + 1);
    if (cells + cells / 16 < m_nets.size() || m_tombs > 0) // a rebuild that saves little: none
    {
        Rehash(std::min(cells, m_nets.size()));
    }
    for (Owner& o : m_owners)
    {
        RtmFitCapacity(o.bits);
        RtmFitCapacity(o.summary);
    }
    m_owners.shrink_to_fit();
    m_order.ShrinkToFit();
    m_lpm.ShrinkToFit();
}

void
RtmTable::Reserve(std::size_t entries, std::size_t networks)
{
    entries = std::min<std::size_t>(entries, NONE - 1);
    networks = std::min<std::size_t>(networks, NONE - 1);
    if (entries > m_slots.capacity())
    {
        m_slots.reserve(RtmCapacityWithHeadroom(entries)); // as ShrinkToFit would leave it
        m_hops.reserve(RtmCapacityWithHeadroom(entries));
    }
    const std::size_t cells = networks * 4 / 3 + 1;
    if (cells > m_nets.size())
    {
        Rehash(cells);
    }
}

std::size_t
RtmTable::GetMemoryUsage() const
{
    std::size_t owners = m_owners.capacity() * sizeof(Owner);
    for (const Owner& o : m_owners)
    {
        owners += (o.bits.capacity() + o.summary.capacity()) * sizeof(uint64_t);
    }
    return m_slots.capacity() * sizeof(Slot) + m_hops.capacity() * sizeof(Hop) +
           m_nets.capacity() * sizeof(Net) + m_attrs.GetMemoryUsage() + m_order.GetMemoryUsage() +
           m_lpm.GetMemoryUsage() + owners;
}

} // namespace ns3
