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

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmOspfLsdb");

RtmOspfLsdb::RtmOspfLsdb()
    : m_maxAge(3600),
      m_flushHold(Seconds(60))
{
}

void
RtmOspfLsdb::SetAging(uint16_t maxAge, Time flushHold)
{
    m_maxAge = maxAge;
    m_flushHold = flushHold;
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

const RtmOspfLsdb::Entry*
RtmOspfLsdb::Find(uint32_t advRouter) const
{
    auto it = m_entries.find(advRouter);
    return it == m_entries.end() ? nullptr : &it->second;
}

Time
RtmOspfLsdb::DeadlineOf(const Entry& e) const
{
    if (e.flushed)
    {
        return e.installed + m_flushHold;
    }
    return e.installed + Seconds(m_maxAge - std::min(e.age, m_maxAge));
}

bool
RtmOspfLsdb::Install(const RtmOspfLsa& lsa, Time now)
{
    bool flushed = lsa.age >= m_maxAge;
    auto it = m_entries.find(lsa.advRouter);
    bool changed;
    decltype(m_deadlines)::node_type node;
    if (it == m_entries.end())
    {
        changed = !flushed;
        it = m_entries.emplace(lsa.advRouter, Entry{BodyOf(lsa), now, Time(), lsa.age, flushed})
                 .first;
    }
    else
    {
        Entry& e = it->second;
        bool wasUsable = !e.flushed;
        bool usable = !flushed;
        changed = wasUsable != usable || (usable && !e.lsa->SameLinks(lsa));
        node = m_deadlines.extract({e.deadline, lsa.advRouter}); // reused below: no allocation
        e.lsa = BodyOf(lsa);
        e.age = lsa.age;
        e.installed = now;
        e.flushed = flushed;
    }
    Entry& e = it->second;
    if (e.flushed)
    {
        e.age = m_maxAge;
    }
    e.deadline = DeadlineOf(e);
    if (node)
    {
        node.value() = {e.deadline, lsa.advRouter};
        m_deadlines.insert(std::move(node));
    }
    else
    {
        m_deadlines.insert({e.deadline, lsa.advRouter});
    }
    return changed;
}

bool
RtmOspfLsdb::Flush(uint32_t advRouter, Time now)
{
    auto it = m_entries.find(advRouter);
    if (it == m_entries.end() || it->second.flushed)
    {
        return false;
    }
    Entry& e = it->second;
    m_deadlines.erase({e.deadline, advRouter});
    e.flushed = true;
    e.age = m_maxAge;
    e.installed = now;
    e.deadline = DeadlineOf(e);
    m_deadlines.insert({e.deadline, advRouter});
    return true;
}

bool
RtmOspfLsdb::Remove(uint32_t advRouter)
{
    auto it = m_entries.find(advRouter);
    if (it == m_entries.end())
    {
        return false;
    }
    m_deadlines.erase({it->second.deadline, advRouter});
    m_entries.erase(it);
    return true;
}

void
RtmOspfLsdb::Clear()
{
    m_entries.clear();
    m_deadlines.clear();
}

std::size_t
RtmOspfLsdb::GetSize() const
{
    return m_entries.size();
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
    return m_deadlines.empty() ? Time::Max() : m_deadlines.begin()->first;
}

std::vector<uint32_t>
RtmOspfLsdb::GetDue(Time now) const
{
    std::vector<uint32_t> due;
    for (const auto& [at, id] : m_deadlines)
    {
        if (at > now)
        {
            break;
        }
        due.push_back(id);
    }
    return due;
}

const std::unordered_map<uint32_t, RtmOspfLsdb::Entry>&
RtmOspfLsdb::GetEntries() const
{
    return m_entries;
}

bool
RtmOspfLsdb::CheckConsistency(uint32_t maxLinks, std::string* why) const
{
    std::ostringstream err;
    if (m_deadlines.size() != m_entries.size())
    {
        err << m_deadlines.size() << " deadlines for " << m_entries.size() << " entries";
    }
    for (const auto& [id, e] : m_entries)
    {
        RtmOspfDropReason reason;
        if (id != e.lsa->advRouter)
        {
            err << "entry " << Ipv4Address(id) << " holds the LSA of "
                << Ipv4Address(e.lsa->advRouter) << "; ";
        }
        if (!e.lsa->IsValid(maxLinks, m_maxAge, &reason))
        {
            err << "entry " << Ipv4Address(id) << " invalid: " << reason << "; ";
        }
        if (e.lsa->checksum != e.lsa->ComputeChecksum())
        {
            err << "entry " << Ipv4Address(id) << " has a wrong checksum; ";
        }
        if (m_deadlines.count({e.deadline, id}) != 1)
        {
            err << "entry " << Ipv4Address(id) << " has no deadline; ";
        }
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
 * @brief The two-way check.
 * @param out a result with its neighbour lists built (BuildNeighborLists)
 * @param v a vertex
 * @param id a router id
 * @return true if v lists id as a point-to-point neighbour
 */
bool
ListsNeighbor(const RtmOspfLsdb::SpfResult& out, uint32_t v, uint32_t id)
{
    return std::binary_search(out.listIds.begin() + out.listStart[v],
                              out.listIds.begin() + out.listStart[v + 1],
                              id);
}

/**
 * @brief Sorted point-to-point neighbour lists, flat: vertex v owns listIds[listStart[v]..
 * listStart[v+1]), the root's taken from its live adjacencies.
 * @param rootLinks the root's adjacencies
 * @param out a result with its vertices (routers, entries, root) set; the lists are written
 */
void
BuildNeighborLists(const std::vector<RtmOspfLsdb::RootLink>& rootLinks, RtmOspfLsdb::SpfResult* out)
{
    const uint32_t n = static_cast<uint32_t>(out->routers.size());
    std::vector<uint32_t>& listStart = out->listStart;
    std::vector<uint32_t>& listIds = out->listIds;
    listStart.assign(1, 0);
    listIds.clear();
    for (uint32_t v = 0; v < n; ++v)
    {
        if (v == out->root)
        {
            for (const RtmOspfLsdb::RootLink& l : rootLinks)
            {
                listIds.push_back(l.neighbor);
            }
        }
        else
        {
            for (const RtmOspfLsa::Link& l : out->entries[v]->lsa->links)
            {
                if (l.type == RtmOspfLsa::Link::POINT_TO_POINT)
                {
                    listIds.push_back(l.id);
                }
            }
        }
        std::sort(listIds.begin() + listStart.back(), listIds.end());
        listStart.push_back(static_cast<uint32_t>(listIds.size()));
    }
}

/**
 * @brief The edges R->N (R's metric, the root's link cost) that pass the two-way check, in
 * source order, into out->edgeEnds and out->edgeWeights; out->edges is their number.
 * @param root the computing router's id
 * @param rootLinks its adjacencies
 * @param out a result with its neighbour lists built
 */
void
BuildEdges(uint32_t root,
           const std::vector<RtmOspfLsdb::RootLink>& rootLinks,
           RtmOspfLsdb::SpfResult* out)
{
    const uint32_t n = static_cast<uint32_t>(out->routers.size());
    std::vector<std::pair<uint32_t, uint32_t>>& ends = out->edgeEnds;
    std::vector<uint32_t>& weights = out->edgeWeights;
    ends.clear();
    weights.clear();
    for (uint32_t v = 0; v < n; ++v)
    {
        if (v == out->root)
        {
            for (const RtmOspfLsdb::RootLink& l : rootLinks)
            {
                int64_t w = VertexOf(out->routers, l.neighbor);
                if (w >= 0 && ListsNeighbor(*out, w, root))
                {
                    ends.emplace_back(v, static_cast<uint32_t>(w));
                    weights.push_back(l.cost);
                }
            }
            continue;
        }
        for (const RtmOspfLsa::Link& l : out->entries[v]->lsa->links)
        {
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
    const uint32_t n = static_cast<uint32_t>(out->routers.size());
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
 * @brief Equal-cost first hops: the root's tight adjacencies, then propagated along tight edges
 * in increasing distance (every metric is >= 1, so a tight edge always goes to a farther vertex).
 * @param g the graph
 * @param root the computing router's id
 * @param rootLinks its adjacencies (bit i of a set is rootLinks[i])
 * @param out a result with its distances (words, firstHops and order written)
 */
void
ComputeFirstHops(const SpfGraph& g,
                 uint32_t root,
                 const std::vector<RtmOspfLsdb::RootLink>& rootLinks,
                 RtmOspfLsdb::SpfResult* out)
{
    const uint32_t n = static_cast<uint32_t>(out->routers.size());
    out->words = std::max<uint32_t>(1, static_cast<uint32_t>((rootLinks.size() + 63) / 64));
    out->firstHops.assign(static_cast<std::size_t>(n) * out->words, 0);
    for (uint32_t i = 0; i < rootLinks.size(); ++i)
    {
        int64_t w = VertexOf(out->routers, rootLinks[i].neighbor);
        if (w >= 0 && ListsNeighbor(*out, w, root) && out->distance[w] == rootLinks[i].cost)
        {
            out->firstHops[w * out->words + i / 64] |= uint64_t{1} << (i % 64);
        }
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
        return out->distance[a] < out->distance[b];
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
    for (const auto& [id, e] : m_entries)
    {
        if (id != root && !e.flushed)
        {
            routers.push_back(id);
        }
    }
    std::sort(routers.begin(), routers.end());
    out->entries.clear();
    for (uint32_t id : routers)
    {
        const Entry* e = Find(id);
        out->entries.push_back(e && !e->flushed ? e : nullptr);
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
                     static_cast<uint32_t>(out->routers.size()));
    RunDijkstra(g, out);
    ComputeFirstHops(g, root, rootLinks, out);
}

std::size_t
RtmOspfLsdb::GetMemoryUsage() const
{
    // an entry: its map node and bucket; a body: its share (the body, its control block and
    // its links, divided among the databases holding it)
    std::size_t bytes = m_entries.bucket_count() * sizeof(void*);
    for (const auto& [id, e] : m_entries)
    {
        const std::size_t body =
            sizeof(RtmOspfLsa) + 32 + e.lsa->links.capacity() * sizeof(RtmOspfLsa::Link);
        bytes += sizeof(Entry) + 32 + body / std::max<long>(1, e.lsa.use_count());
    }
    bytes += m_deadlines.size() * (sizeof(std::pair<Time, uint32_t>) + 32);
    return bytes;
}

} // namespace ns3
