/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#include "rtm-ospf-lsdb.h"

#include "ns3/ipv4-address.h"
#include "ns3/log.h"

#include <algorithm>
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <numeric>
#include <sstream>
#include <tuple>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmOspfLsdb");

static_assert(sizeof(RtmOspfLsdb::Entry) <= 32, "10^8 entries at 10,000 routers: keep them small");

RtmOspfLsdb::RtmOspfLsdb()
    : m_maxAge(3600),
      m_flushHold(Seconds(60)),
      m_second(Seconds(1).GetTimeStep())
{
}

void
RtmOspfLsdb::SetAging(uint16_t maxAge, Time flushHold)
{
    m_maxAge = maxAge;
    m_flushHold = flushHold;
    // the deadlines derive from these: order the heap again
    std::vector<uint32_t> slots;
    slots.swap(m_heap);
    for (uint32_t slot : slots)
    {
        m_heap.push_back(slot);
        HeapFix(static_cast<uint32_t>(m_heap.size() - 1));
    }
}

uint16_t
RtmOspfLsdb::GetMaxAge() const
{
    return m_maxAge;
}

void
RtmOspfLsdb::SetStore(Ptr<RtmOspfLsaStore> store)
{
    m_store = store;
}

std::shared_ptr<const RtmOspfLsa>
RtmOspfLsdb::BodyOf(const RtmOspfLsa& lsa) const
{
    return m_store ? m_store->Intern(lsa) : RtmOspfLsaStore::MakeBody(lsa);
}

// ---- storage: chunks of slots, an index, a deadline heap ----------------------------------------

RtmOspfLsdb::Entry&
RtmOspfLsdb::SlotAt(uint32_t slot)
{
    return m_chunks[slot / CHUNK][slot % CHUNK];
}

const RtmOspfLsdb::Entry&
RtmOspfLsdb::SlotAt(uint32_t slot) const
{
    return m_chunks[slot / CHUNK][slot % CHUNK];
}

uint64_t
RtmOspfLsdb::KeyAt(uint32_t slot) const
{
    const Entry& e = SlotAt(slot);
    return e.lsa ? e.lsa->GetKey() : NO_KEY;
}

std::size_t
RtmOspfLsdb::HomeOf(uint64_t key) const
{
    const uint64_t h = key * 0x9E3779B97F4A7C15ULL;
    return static_cast<std::size_t>(h >> 32) & (m_index.size() - 1);
}

uint32_t
RtmOspfLsdb::SlotOf(uint64_t key) const
{
    if (m_index.empty())
    {
        return NO_SLOT;
    }
    const std::size_t mask = m_index.size() - 1;
    for (std::size_t i = HomeOf(key);; i = (i + 1) & mask)
    {
        const uint32_t slot = m_index[i];
        if (slot == NO_SLOT || KeyAt(slot) == key)
        {
            return slot;
        }
    }
}

void
RtmOspfLsdb::IndexPlace(uint32_t slot)
{
    const std::size_t mask = m_index.size() - 1;
    std::size_t i = HomeOf(KeyAt(slot));
    while (m_index[i] != NO_SLOT)
    {
        i = (i + 1) & mask;
    }
    m_index[i] = slot;
}

void
RtmOspfLsdb::IndexInsert(uint32_t slot)
{
    if ((m_size + 1) * 4 > m_index.size() * 3)
    {
        std::vector<uint32_t> old(std::max<std::size_t>(16, m_index.size() * 2), NO_SLOT);
        old.swap(m_index);
        for (uint32_t s : old)
        {
            if (s != NO_SLOT)
            {
                IndexPlace(s);
            }
        }
    }
    IndexPlace(slot);
}

void
RtmOspfLsdb::IndexErase(uint64_t key)
{
    const std::size_t mask = m_index.size() - 1;
    std::size_t hole = HomeOf(key);
    while (KeyAt(m_index[hole]) != key)
    {
        hole = (hole + 1) & mask;
    }
    // backward shift: move later cells of the cluster into the hole when their home allows
    for (std::size_t j = (hole + 1) & mask; m_index[j] != NO_SLOT; j = (j + 1) & mask)
    {
        const std::size_t home = HomeOf(KeyAt(m_index[j]));
        // j may move to hole if home is not cyclically in (hole, j]
        const bool stays = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j);
        if (!stays)
        {
            m_index[hole] = m_index[j];
            hole = j;
        }
    }
    m_index[hole] = NO_SLOT;
}

int64_t
RtmOspfLsdb::DeadlineStep(const Entry& e) const
{
    const int64_t wait =
        e.flushed ? m_flushHold.GetTimeStep() : (m_maxAge - std::min(e.age, m_maxAge)) * m_second;
    return e.installed.GetTimeStep() + wait;
}

bool
RtmOspfLsdb::Before(uint32_t a, uint32_t b) const
{
    const int64_t dx = DeadlineStep(SlotAt(a));
    const int64_t dy = DeadlineStep(SlotAt(b));
    return dx < dy || (dx == dy && KeyAt(a) < KeyAt(b));
}

void
RtmOspfLsdb::HeapPlace(uint32_t pos, uint32_t slot)
{
    m_heap[pos] = slot;
    SlotAt(slot).heapPos = pos;
}

void
RtmOspfLsdb::HeapFix(uint32_t pos)
{
    const uint32_t slot = m_heap[pos];
    while (pos > 0)
    {
        const uint32_t parent = (pos - 1) / 2;
        if (!Before(slot, m_heap[parent]))
        {
            break;
        }
        HeapPlace(pos, m_heap[parent]);
        pos = parent;
    }
    const uint32_t n = static_cast<uint32_t>(m_heap.size());
    for (;;)
    {
        uint32_t child = 2 * pos + 1;
        if (child >= n)
        {
            break;
        }
        if (child + 1 < n && Before(m_heap[child + 1], m_heap[child]))
        {
            ++child;
        }
        if (!Before(m_heap[child], slot))
        {
            break;
        }
        HeapPlace(pos, m_heap[child]);
        pos = child;
    }
    HeapPlace(pos, slot);
}

RtmOspfLsdb::Entries::Iterator::Iterator(const RtmOspfLsdb* db, uint32_t slot)
    : m_db(db),
      m_slot(slot)
{
    Skip();
}

void
RtmOspfLsdb::Entries::Iterator::Skip()
{
    while (m_slot < m_db->m_slots && !m_db->SlotAt(m_slot).lsa)
    {
        ++m_slot;
    }
}

RtmOspfLsdb::Item
RtmOspfLsdb::Entries::Iterator::operator*() const
{
    return {m_db->KeyAt(m_slot), m_db->SlotAt(m_slot)};
}

RtmOspfLsdb::Entries::Iterator&
RtmOspfLsdb::Entries::Iterator::operator++()
{
    ++m_slot;
    Skip();
    return *this;
}

bool
RtmOspfLsdb::Entries::Iterator::operator!=(const Iterator& o) const
{
    return m_slot != o.m_slot;
}

RtmOspfLsdb::Entries::Entries(const RtmOspfLsdb* db)
    : m_db(db)
{
}

RtmOspfLsdb::Entries::Iterator
RtmOspfLsdb::Entries::begin() const
{
    return Iterator(m_db, 0);
}

RtmOspfLsdb::Entries::Iterator
RtmOspfLsdb::Entries::end() const
{
    return Iterator(m_db, m_db->m_slots);
}

std::size_t
RtmOspfLsdb::Entries::size() const
{
    return m_db->m_size;
}

// ---- the database ------------------------------------------------------------------------------

const RtmOspfLsdb::Entry*
RtmOspfLsdb::Find(uint64_t key) const
{
    const uint32_t slot = SlotOf(key);
    return slot == NO_SLOT ? nullptr : &SlotAt(slot);
}

Time
RtmOspfLsdb::GetDeadline(const Entry& e) const
{
    return TimeStep(DeadlineStep(e));
}

bool
RtmOspfLsdb::Install(const RtmOspfLsa& lsa, Time now)
{
    const bool flushed = lsa.age >= m_maxAge;
    const uint64_t key = lsa.GetKey();
    uint32_t slot = SlotOf(key);
    bool changed;
    if (slot == NO_SLOT)
    {
        changed = !flushed;
        if (!m_free.empty())
        {
            slot = m_free.back();
            m_free.pop_back();
        }
        else
        {
            if (m_slots % CHUNK == 0)
            {
                m_chunks.push_back(std::make_unique<Entry[]>(CHUNK)); // (free: no LSA)
            }
            slot = m_slots++;
        }
        Entry& s = SlotAt(slot);
        s = Entry{BodyOf(lsa), now, lsa.age, flushed, 0};
        IndexInsert(slot);
        ++m_size;
        m_heap.push_back(slot);
        s.heapPos = static_cast<uint32_t>(m_heap.size() - 1);
    }
    else
    {
        Entry& e = SlotAt(slot);
        const bool wasUsable = !e.flushed;
        const bool usable = !flushed;
        changed = wasUsable != usable || (usable && !e.lsa->SameLinks(lsa));
        e.lsa = BodyOf(lsa);
        e.age = lsa.age;
        e.installed = now;
        e.flushed = flushed;
    }
    Entry& e = SlotAt(slot);
    if (e.flushed)
    {
        e.age = m_maxAge;
    }
    HeapFix(e.heapPos);
    return changed;
}

bool
RtmOspfLsdb::Flush(uint64_t key, Time now)
{
    const uint32_t slot = SlotOf(key);
    if (slot == NO_SLOT || SlotAt(slot).flushed)
    {
        return false;
    }
    Entry& e = SlotAt(slot);
    e.flushed = true;
    e.age = m_maxAge;
    e.installed = now;
    HeapFix(e.heapPos);
    return true;
}

bool
RtmOspfLsdb::Remove(uint64_t key)
{
    const uint32_t slot = SlotOf(key);
    if (slot == NO_SLOT)
    {
        return false;
    }
    Entry& s = SlotAt(slot);
    const uint32_t pos = s.heapPos;
    const uint32_t last = m_heap.back();
    m_heap.pop_back();
    if (last != slot)
    {
        HeapPlace(pos, last);
        HeapFix(pos);
    }
    IndexErase(key);
    s = Entry{};
    m_free.push_back(slot);
    --m_size;
    if (m_size == 0)
    {
        Clear(); // give the memory back
    }
    return true;
}

void
RtmOspfLsdb::Clear()
{
    m_chunks.clear();
    m_chunks.shrink_to_fit();
    m_slots = 0;
    std::vector<uint32_t>().swap(m_free); // (assigning {} would keep the capacity)
    std::vector<uint32_t>().swap(m_index);
    m_size = 0;
    std::vector<uint32_t>().swap(m_heap);
}

std::size_t
RtmOspfLsdb::GetSize() const
{
    return m_size;
}

uint16_t
RtmOspfLsdb::GetAge(const Entry& e, Time now) const
{
    if (e.flushed)
    {
        return m_maxAge;
    }
    int64_t elapsed = (now - e.installed).GetSeconds();
    int64_t age = static_cast<int64_t>(e.age) + std::max<int64_t>(elapsed, 0);
    return static_cast<uint16_t>(std::min<int64_t>(age, m_maxAge));
}

RtmOspfLsa
RtmOspfLsdb::GetCurrent(const Entry& e, Time now) const
{
    RtmOspfLsa lsa = *e.lsa;
    lsa.age = GetAge(e, now);
    return lsa;
}

Time
RtmOspfLsdb::GetNextDeadline() const
{
    return m_heap.empty() ? Time::Max() : GetDeadline(SlotAt(m_heap[0]));
}

std::vector<uint64_t>
RtmOspfLsdb::GetDue(Time now) const
{
    // the heap's positions due form a subtree at the root: walk it, then order it
    std::vector<std::pair<Time, uint64_t>> due;
    std::vector<uint32_t> stack;
    if (!m_heap.empty())
    {
        stack.push_back(0);
    }
    while (!stack.empty())
    {
        const uint32_t pos = stack.back();
        stack.pop_back();
        const Time at = GetDeadline(SlotAt(m_heap[pos]));
        if (at > now)
        {
            continue;
        }
        due.emplace_back(at, KeyAt(m_heap[pos]));
        for (uint32_t child = 2 * pos + 1; child <= 2 * pos + 2 && child < m_heap.size(); ++child)
        {
            stack.push_back(child);
        }
    }
    std::sort(due.begin(), due.end());
    std::vector<uint64_t> keys;
    keys.reserve(due.size());
    for (const auto& [at, key] : due)
    {
        keys.push_back(key);
    }
    return keys;
}

RtmOspfLsdb::Entries
RtmOspfLsdb::GetEntries() const
{
    return Entries(this);
}

bool
RtmOspfLsdb::CheckConsistency(uint32_t maxLinks, std::string* why) const
{
    std::ostringstream err;
    if (m_heap.size() != m_size)
    {
        err << m_heap.size() << " deadlines for " << m_size << " entries; ";
    }
    if (m_slots != m_size + m_free.size())
    {
        err << m_slots << " slots for " << m_size << " entries and " << m_free.size() << " free; ";
    }
    for (uint32_t pos = 1; pos < m_heap.size(); ++pos)
    {
        if (Before(m_heap[pos], m_heap[(pos - 1) / 2]))
        {
            err << "deadline heap out of order at " << pos << "; ";
            break;
        }
    }
    std::size_t seen = 0;
    for (const auto& [id, e] : GetEntries())
    {
        ++seen;
        RtmOspfDropReason reason;
        if (SlotOf(id) == NO_SLOT || &SlotAt(SlotOf(id)) != &e)
        {
            err << "entry " << std::hex << id << std::dec << " is not indexed; ";
        }
        if (e.heapPos >= m_heap.size() || &SlotAt(m_heap[e.heapPos]) != &e)
        {
            err << "entry " << std::hex << id << std::dec << " has no deadline; ";
        }
        if (!e.lsa)
        {
            err << "entry " << std::hex << id << std::dec << " has no LSA; ";
            continue;
        }
        if (id != e.lsa->GetKey())
        {
            err << "entry " << std::hex << id << std::dec << " holds the LSA of "
                << Ipv4Address(e.lsa->advRouter) << "; ";
        }
        if (!e.lsa->IsValid(maxLinks, m_maxAge, &reason))
        {
            err << "entry " << std::hex << id << std::dec << " invalid: " << reason << "; ";
        }
        if (e.lsa->checksum != e.lsa->ComputeChecksum())
        {
            err << "entry " << std::hex << id << std::dec << " has a wrong checksum; ";
        }
    }
    if (seen != m_size)
    {
        err << seen << " entries found for " << m_size << " counted; ";
    }
    std::size_t indexed = 0;
    for (uint32_t slot : m_index)
    {
        indexed += slot != NO_SLOT;
    }
    if (indexed != m_size)
    {
        err << indexed << " index cells for " << m_size << " entries; ";
    }
    if (why)
    {
        *why = err.str();
    }
    return err.str().empty();
}

namespace
{

/// The graph of a shortest-path run: compressed sparse rows, 32-bit vertices and edges.
using SpfGraph = boost::compressed_sparse_row_graph<boost::directedS,
                                                    boost::no_property,
                                                    boost::property<boost::edge_weight_t, uint32_t>,
                                                    boost::no_property,
                                                    uint32_t,
                                                    uint32_t>;

/**
 * @param routers the vertices' router ids, ascending
 * @param id a router id
 * @return its vertex, or -1 if it is not a vertex
 */
int64_t
VertexOf(const std::vector<uint32_t>& routers, uint32_t id)
{
    auto it = std::lower_bound(routers.begin(), routers.end(), id);
    return (it != routers.end() && *it == id) ? (it - routers.begin()) : -1;
}

/**
 * @param out a result with its vertices set
 * @param id a network's link state id
 * @return its vertex, or -1 if it is not a vertex
 */
int64_t
NetworkVertexOf(const RtmOspfLsdb::SpfResult& out, uint32_t id)
{
    int64_t i = VertexOf(out.networks, id);
    return i < 0 ? -1 : static_cast<int64_t>(out.routers.size()) + i;
}

/**
 * @brief The two-way check.
 * @param out a result with its neighbour lists built (BuildNeighborLists)
 * @param v a vertex
 * @param id a router id
 * @return true if v lists id as a point-to-point neighbour (a network: as attached)
 */
bool
ListsNeighbor(const RtmOspfLsdb::SpfResult& out, uint32_t v, uint32_t id)
{
    return std::binary_search(out.listIds.begin() + out.listStart[v],
                              out.listIds.begin() + out.listStart[v + 1],
                              id);
}

/**
 * @brief The two-way check of a network.
 * @param out a result with its neighbour lists built (BuildNeighborLists)
 * @param v a router vertex
 * @param network a network's link state id
 * @return true if v has a transit link to the network
 */
bool
ListsTransit(const RtmOspfLsdb::SpfResult& out, uint32_t v, uint32_t network)
{
    return std::binary_search(out.transitIds.begin() + out.transitStart[v],
                              out.transitIds.begin() + out.transitStart[v + 1],
                              network);
}

/**
 * @brief Sorted neighbour lists, flat: vertex v owns listIds[listStart[v]..listStart[v+1]) (a
 * router's point-to-point neighbours, a network's attached routers) and, for a router,
 * transitIds[transitStart[v]..transitStart[v+1]) (the networks of its transit links); the
 * root's taken from its live adjacencies.
 * @param rootLinks the root's adjacencies
 * @param out a result with its vertices (routers, networks, entries, root) set; the lists are
 * written
 */
void
BuildNeighborLists(const std::vector<RtmOspfLsdb::RootLink>& rootLinks, RtmOspfLsdb::SpfResult* out)
{
    const uint32_t n = static_cast<uint32_t>(out->entries.size());
    const uint32_t routers = static_cast<uint32_t>(out->routers.size());
    std::vector<uint32_t>& listStart = out->listStart;
    std::vector<uint32_t>& listIds = out->listIds;
    listStart.assign(1, 0);
    listIds.clear();
    out->transitStart.assign(1, 0);
    out->transitIds.clear();
    for (uint32_t v = 0; v < n; ++v)
    {
        if (v == out->root)
        {
            for (const RtmOspfLsdb::RootLink& l : rootLinks)
            {
                (l.network ? out->transitIds : listIds).push_back(l.neighbor);
            }
        }
        else if (v >= routers)
        {
            const auto& attached = out->entries[v]->lsa->attached;
            listIds.insert(listIds.end(), attached.begin(), attached.end());
        }
        else
        {
            for (const RtmOspfLsa::Link& l : out->entries[v]->lsa->links)
            {
                if (l.type == RtmOspfLsa::Link::POINT_TO_POINT)
                {
                    listIds.push_back(l.id);
                }
                else if (l.type == RtmOspfLsa::Link::TRANSIT)
                {
                    out->transitIds.push_back(l.id);
                }
            }
        }
        std::sort(listIds.begin() + listStart.back(), listIds.end());
        listStart.push_back(static_cast<uint32_t>(listIds.size()));
        std::sort(out->transitIds.begin() + out->transitStart.back(), out->transitIds.end());
        out->transitStart.push_back(static_cast<uint32_t>(out->transitIds.size()));
    }
}

/**
 * @brief The edges that pass the two-way check, in source order, into out->edgeEnds and
 * out->edgeWeights; out->edges is their number: R->N (point-to-point, R's metric, the root's
 * link cost), R->T (transit, R's metric) and T->R (cost 0).
 * @param root the computing router's id
 * @param rootLinks its adjacencies
 * @param out a result with its neighbour lists built
 */
void
BuildEdges(uint32_t root,
           const std::vector<RtmOspfLsdb::RootLink>& rootLinks,
           RtmOspfLsdb::SpfResult* out)
{
    const uint32_t n = static_cast<uint32_t>(out->entries.size());
    const uint32_t routers = static_cast<uint32_t>(out->routers.size());
    std::vector<std::pair<uint32_t, uint32_t>>& ends = out->edgeEnds;
    std::vector<uint32_t>& weights = out->edgeWeights;
    ends.clear();
    weights.clear();
    // R->T: T's network-LSA lists R
    auto transit = [&](uint32_t v, uint32_t network, uint32_t cost) {
        int64_t t = NetworkVertexOf(*out, network);
        if (t >= 0 && ListsNeighbor(*out, static_cast<uint32_t>(t), out->routers[v]))
        {
            ends.emplace_back(v, static_cast<uint32_t>(t));
            weights.push_back(cost);
        }
    };
    for (uint32_t v = 0; v < n; ++v)
    {
        if (v == out->root)
        {
            for (const RtmOspfLsdb::RootLink& l : rootLinks)
            {
                if (l.network)
                {
                    transit(v, l.neighbor, l.cost);
                    continue;
                }
                int64_t w = VertexOf(out->routers, l.neighbor);
                if (w >= 0 && ListsNeighbor(*out, w, root))
                {
                    ends.emplace_back(v, static_cast<uint32_t>(w));
                    weights.push_back(l.cost);
                }
            }
            continue;
        }
        if (v >= routers)
        {
            // T->R for every attached router with a transit link back to T (16.1 (2)(b))
            const uint32_t network = out->networks[v - routers];
            for (uint32_t id : out->entries[v]->lsa->attached)
            {
                int64_t w = VertexOf(out->routers, id);
                if (w >= 0 && static_cast<uint32_t>(w) != out->root &&
                    ListsTransit(*out, static_cast<uint32_t>(w), network))
                {
                    ends.emplace_back(v, static_cast<uint32_t>(w));
                    weights.push_back(0);
                }
            }
            continue;
        }
        for (const RtmOspfLsa::Link& l : out->entries[v]->lsa->links)
        {
            if (l.type == RtmOspfLsa::Link::TRANSIT)
            {
                transit(v, l.id, l.metric);
                continue;
            }
            if (l.type != RtmOspfLsa::Link::POINT_TO_POINT)
            {
                continue;
            }
            int64_t w = VertexOf(out->routers, l.id);
            if (w >= 0 && ListsNeighbor(*out, w, out->routers[v]))
            {
                ends.emplace_back(v, static_cast<uint32_t>(w));
                weights.push_back(l.metric);
            }
        }
    }
    out->edges = static_cast<uint32_t>(ends.size());
}

/**
 * @brief Distances and predecessors from the root (boost::dijkstra_shortest_paths).
 * @param g the graph
 * @param out the result (distance and predecessor written)
 */
void
RunDijkstra(const SpfGraph& g, RtmOspfLsdb::SpfResult* out)
{
    const uint32_t n = static_cast<uint32_t>(out->entries.size());
    out->distance.assign(n, RtmOspfLsdb::SpfResult::UNREACHABLE);
    out->predecessor.resize(n);
    std::iota(out->predecessor.begin(), out->predecessor.end(), 0u);
    auto index = boost::get(boost::vertex_index, g);
    boost::dijkstra_shortest_paths(
        g,
        out->root,
        boost::distance_map(boost::make_iterator_property_map(out->distance.begin(), index))
            .predecessor_map(boost::make_iterator_property_map(out->predecessor.begin(), index)));
}

/**
 * @param lsa a router-LSA
 * @param network a network's link state id
 * @return the interface address of the router's transit link to it (0: none)
 */
uint32_t
TransitAddress(const RtmOspfLsa& lsa, uint32_t network)
{
    for (const RtmOspfLsa::Link& l : lsa.links)
    {
        if (l.type == RtmOspfLsa::Link::TRANSIT && l.id == network)
        {
            return l.data;
        }
    }
    return 0;
}

/**
 * @brief Equal-cost first hops (16.1.1): the root's tight point-to-point adjacencies, the routers
 * reached at no extra cost across a tight transit network of the root, then propagated along
 * tight edges in increasing distance (a network before the routers at its distance: its edges
 * to them cost 0; every other edge costs >= 1, so it goes to a farther vertex).
 * @param g the graph
 * @param root the computing router's id
 * @param rootLinks its adjacencies (hop i < rootLinks.size() is rootLinks[i])
 * @param out a result with its distances (hops, words, firstHops and order written)
 */
void
ComputeFirstHops(const SpfGraph& g,
                 uint32_t root,
                 const std::vector<RtmOspfLsdb::RootLink>& rootLinks,
                 RtmOspfLsdb::SpfResult* out)
{
    const uint32_t n = static_cast<uint32_t>(out->entries.size());
    out->hops.clear();
    std::vector<std::pair<uint32_t, uint32_t>> bits; // (vertex, hop)
    for (uint32_t i = 0; i < rootLinks.size(); ++i)
    {
        out->hops.push_back({i, 0});
        if (rootLinks[i].network)
        {
            continue;
        }
        int64_t w = VertexOf(out->routers, rootLinks[i].neighbor);
        if (w >= 0 && ListsNeighbor(*out, w, root) && out->distance[w] == rootLinks[i].cost)
        {
            bits.emplace_back(static_cast<uint32_t>(w), i);
        }
    }
    for (uint32_t i = 0; i < rootLinks.size(); ++i)
    {
        if (!rootLinks[i].network)
        {
            continue;
        }
        int64_t t = NetworkVertexOf(*out, rootLinks[i].neighbor);
        if (t < 0 || out->distance[t] != rootLinks[i].cost ||
            !ListsNeighbor(*out, static_cast<uint32_t>(t), root))
        {
            continue;
        }
        for (uint32_t id : out->entries[t]->lsa->attached)
        {
            int64_t w = VertexOf(out->routers, id);
            if (w < 0 || static_cast<uint32_t>(w) == out->root ||
                out->distance[w] != out->distance[t] || !out->entries[w])
            {
                continue;
            }
            uint32_t address = TransitAddress(*out->entries[w]->lsa, rootLinks[i].neighbor);
            if (address != 0)
            {
                bits.emplace_back(static_cast<uint32_t>(w),
                                  static_cast<uint32_t>(out->hops.size()));
                out->hops.push_back({i, address});
            }
        }
    }
    out->words = std::max<uint32_t>(1, static_cast<uint32_t>((out->hops.size() + 63) / 64));
    out->firstHops.assign(static_cast<std::size_t>(n) * out->words, 0);
    for (const auto& [w, h] : bits)
    {
        out->firstHops[w * out->words + h / 64] |= uint64_t{1} << (h % 64);
    }
    std::vector<uint32_t>& order = out->order;
    order.clear();
    for (uint32_t v = 0; v < n; ++v)
    {
        if (v != out->root && out->distance[v] != RtmOspfLsdb::SpfResult::UNREACHABLE)
        {
            order.push_back(v);
        }
    }
    std::sort(order.begin(), order.end(), [out](uint32_t a, uint32_t b) {
        return std::make_tuple(out->distance[a], !out->IsNetwork(a), a) <
               std::make_tuple(out->distance[b], !out->IsNetwork(b), b);
    });
    auto weight = boost::get(boost::edge_weight, g);
    for (uint32_t u : order)
    {
        const uint64_t* from = &out->firstHops[u * out->words];
        for (auto [e, end] = boost::out_edges(u, g); e != end; ++e)
        {
            uint32_t v = static_cast<uint32_t>(boost::target(*e, g));
            if (v != out->root && out->distance[u] + weight[*e] == out->distance[v])
            {
                uint64_t* to = &out->firstHops[v * out->words];
                for (uint32_t k = 0; k < out->words; ++k)
                {
                    to[k] |= from[k];
                }
            }
        }
    }
}

} // namespace

void
RtmOspfLsdb::CollectVertices(uint32_t root, SpfResult* out) const
{
    std::vector<uint32_t>& routers = out->routers;
    routers.clear();
    routers.push_back(root);
    out->networks.clear();
    for (const auto& [key, e] : GetEntries())
    {
        if (e.flushed)
        {
            continue;
        }
        if (e.lsa->type == RtmOspfLsa::ROUTER_LSA)
        {
            if (key != root)
            {
                routers.push_back(e.lsa->advRouter);
            }
        }
        else if (e.lsa->type == RtmOspfLsa::NETWORK_LSA)
        {
            out->networks.push_back(e.lsa->linkStateId);
        }
    }
    std::sort(routers.begin(), routers.end());
    std::sort(out->networks.begin(), out->networks.end());
    out->entries.clear();
    for (uint32_t id : routers)
    {
        const Entry* e = Find(id);
        out->entries.push_back(e && !e->flushed ? e : nullptr);
    }
    for (uint32_t id : out->networks)
    {
        out->entries.push_back(Find(RtmOspfLsa::KeyOf(RtmOspfLsa::NETWORK_LSA, id)));
    }
    out->root = static_cast<uint32_t>(VertexOf(routers, root));
}

void
RtmOspfLsdb::ComputeShortestPaths(uint32_t root,
                                  const std::vector<RootLink>& rootLinks,
                                  SpfResult* out) const
{
    NS_LOG_FUNCTION(this << root << rootLinks.size());
    // Flat buffers in *out (reused if the caller reuses *out) and a CSR graph: a run makes a
    // handful of allocations, not one per vertex.
    CollectVertices(root, out);
    BuildNeighborLists(rootLinks, out);
    BuildEdges(root, rootLinks, out);
    const SpfGraph g(boost::edges_are_sorted,
                     out->edgeEnds.begin(),
                     out->edgeEnds.end(),
                     out->edgeWeights.begin(),
                     static_cast<uint32_t>(out->entries.size()));
    RunDijkstra(g, out);
    ComputeFirstHops(g, root, rootLinks, out);
}

std::size_t
RtmOspfLsdb::GetMemoryUsage() const
{
    // the slots (chunks whole), index, heap and free list; a body: its share (the body, its
    // control block and its links, divided among the databases holding it)
    std::size_t bytes =
        m_chunks.capacity() * sizeof(void*) + m_chunks.size() * CHUNK * sizeof(Entry) +
        (m_index.capacity() + m_heap.capacity() + m_free.capacity()) * sizeof(uint32_t);
    for (const auto& [id, e] : GetEntries())
    {
        const std::size_t body = sizeof(RtmOspfLsa) + 32 +
                                 e.lsa->links.capacity() * sizeof(RtmOspfLsa::Link) +
                                 e.lsa->attached.capacity() * sizeof(uint32_t);
        bytes += body / std::max<long>(1, e.lsa.use_count());
    }
    return bytes;
}

} // namespace ns3
