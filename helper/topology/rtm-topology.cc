/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#include "rtm-topology.h"

#include "rtm-topology-error.h"

#include "ns3/abort.h"
#include "ns3/assert.h"
#include "ns3/log.h"

#include <algorithm>
#include <boost/graph/connected_components.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmTopology");

namespace
{

/**
 * @brief Quote a string for DOT: wrap in double quotes, escape backslash and quote, turn line
 *        breaks into \n and drop other control characters.
 * @param s the raw string
 * @return the quoted string
 */
std::string
DotQuote(const std::string& s)
{
    std::string out = "\"";
    for (char c : s)
    {
        unsigned char u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\')
        {
            out += '\\';
            out += c;
        }
        else if (c == '\n')
        {
            out += "\\n";
        }
        else if (u < 0x20 || u == 0x7f)
        {
            continue;
        }
        else
        {
            out += c;
        }
    }
    return out + "\"";
}

} // namespace

RtmTopology::RtmTopology(const std::string& name)
    : m_name(name)
{
    NS_LOG_FUNCTION(this << name);
}

RtmTopology::RtmTopology(const RtmTopology& other)
    : m_name(other.m_name),
      m_graph(other.m_graph),
      m_byName(other.m_byName)
{
    RebuildEdgeTable();
}

RtmTopology::RtmTopology(RtmTopology&& other)
    : m_name(std::move(other.m_name)),
      m_graph(std::move(other.m_graph)),
      m_byName(std::move(other.m_byName))
{
    RebuildEdgeTable();
    other.m_graph.clear();
    other.m_edges.clear();
    other.m_ends.clear();
    other.m_byName.clear();
}

RtmTopology&
RtmTopology::operator=(const RtmTopology& other)
{
    if (this != &other)
    {
        m_name = other.m_name;
        m_graph = other.m_graph;
        m_byName = other.m_byName;
        RebuildEdgeTable();
    }
    return *this;
}

RtmTopology&
RtmTopology::operator=(RtmTopology&& other)
{
    if (this != &other)
    {
        m_name = std::move(other.m_name);
        m_graph = std::move(other.m_graph);
        m_byName = std::move(other.m_byName);
        RebuildEdgeTable();
        other.m_graph.clear();
        other.m_edges.clear();
        other.m_ends.clear();
        other.m_byName.clear();
    }
    return *this;
}

RtmTopology::~RtmTopology()
{
}

void
RtmTopology::RebuildEdgeTable()
{
    // The edge descriptors point into the graph's own edge storage, so a copied or moved graph
    // needs a fresh table. The index stored in each edge's properties identifies it.
    const auto n = boost::num_edges(m_graph);
    m_edges.assign(n, EdgeDescriptor());
    m_ends.assign(n, std::make_pair(0U, 0U));
    std::vector<bool> seen(n, false);
    boost::graph_traits<Graph>::edge_iterator it;
    boost::graph_traits<Graph>::edge_iterator end;
    for (std::tie(it, end) = boost::edges(m_graph); it != end; ++it)
    {
        const RtmTopologyEdge& p = m_graph[*it];
        NS_ABORT_MSG_IF(p.index >= n || seen[p.index], "RtmTopology: corrupt edge index");
        seen[p.index] = true;
        m_edges[p.index] = *it;
    }
    // Orientation: the edge storage of an undirected adjacency_list keeps the (source, target)
    // pair given to add_edge, which the descriptor from edges() reports as given.
    for (uint32_t e = 0; e < n; ++e)
    {
        m_ends[e] = std::make_pair(static_cast<uint32_t>(boost::source(m_edges[e], m_graph)),
                                   static_cast<uint32_t>(boost::target(m_edges[e], m_graph)));
    }
}

const std::string&
RtmTopology::GetName() const
{
    return m_name;
}

void
RtmTopology::SetName(const std::string& name)
{
    m_name = name;
}

void
RtmTopology::CheckVertex(uint32_t v, const char* what) const
{
    if (v >= GetNVertices())
    {
        throw RtmTopologyError(m_name,
                               std::string(what) + ": no vertex " + std::to_string(v) + " (" +
                                   std::to_string(GetNVertices()) + " vertices)");
    }
}

void
RtmTopology::CheckEdge(uint32_t e, const char* what) const
{
    if (e >= GetNEdges())
    {
        throw RtmTopologyError(m_name,
                               std::string(what) + ": no edge " + std::to_string(e) + " (" +
                                   std::to_string(GetNEdges()) + " edges)");
    }
}

void
RtmTopology::CheckEdgeProps(const RtmTopologyEdge& props, const char* what)
{
    if (props.dataRateBps == 0)
    {
        throw RtmTopologyError("RtmTopology", std::string(what) + ": data rate must be > 0");
    }
    if (props.delay.IsStrictlyNegative())
    {
        throw RtmTopologyError("RtmTopology", std::string(what) + ": delay must be >= 0");
    }
    if (props.metric == 0)
    {
        throw RtmTopologyError("RtmTopology", std::string(what) + ": metric must be >= 1");
    }
}

uint32_t
RtmTopology::AddVertex(const RtmTopologyVertex& props)
{
    const uint32_t index = GetNVertices();
    RtmTopologyVertex p = props;
    if (p.name.empty())
    {
        p.name = "n" + std::to_string(index);
    }
    if (m_byName.count(p.name) != 0)
    {
        throw RtmTopologyError(m_name, "AddVertex: duplicate vertex name '" + p.name + "'");
    }
    // GCC 12 warns inside Boost's named_graph (an optional it reads only once set) when this is
    // built with the sanitizers: a false positive, silenced here only.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
    const auto vd = boost::add_vertex(p, m_graph);
#pragma GCC diagnostic pop
    NS_ASSERT(vd == index);
    (void)vd;
    m_byName.emplace(p.name, index);
    return index;
}

uint32_t
RtmTopology::AddEdge(uint32_t u, uint32_t v, const RtmTopologyEdge& props)
{
    CheckVertex(u, "AddEdge");
    CheckVertex(v, "AddEdge");
    if (u == v)
    {
        throw RtmTopologyError(m_name,
                               "AddEdge: self-loop on vertex " + std::to_string(u) +
                                   " is not allowed");
    }
    CheckEdgeProps(props, "AddEdge");
    RtmTopologyEdge p = props;
    p.index = GetNEdges();
    auto added = boost::add_edge(u, v, p, m_graph);
    m_edges.push_back(added.first);
    m_ends.emplace_back(u, v);
    return p.index;
}

void
RtmTopology::SetVertex(uint32_t v, const RtmTopologyVertex& props)
{
    CheckVertex(v, "SetVertex");
    RtmTopologyVertex p = props;
    const std::string old = m_graph[v].name;
    if (p.name.empty())
    {
        p.name = old;
    }
    if (p.name != old)
    {
        if (m_byName.count(p.name) != 0)
        {
            throw RtmTopologyError(m_name, "SetVertex: duplicate vertex name '" + p.name + "'");
        }
        m_byName.erase(old);
        m_byName.emplace(p.name, v);
    }
    m_graph[v] = p;
}

void
RtmTopology::SetEdge(uint32_t e, const RtmTopologyEdge& props)
{
    CheckEdge(e, "SetEdge");
    CheckEdgeProps(props, "SetEdge");
    RtmTopologyEdge p = props;
    p.index = e;
    m_graph[m_edges[e]] = p;
}

uint32_t
RtmTopology::GetNVertices() const
{
    return static_cast<uint32_t>(boost::num_vertices(m_graph));
}

uint32_t
RtmTopology::GetNEdges() const
{
    return static_cast<uint32_t>(m_edges.size());
}

const RtmTopologyVertex&
RtmTopology::GetVertex(uint32_t v) const
{
    CheckVertex(v, "GetVertex");
    return m_graph[v];
}

const RtmTopologyEdge&
RtmTopology::GetEdge(uint32_t e) const
{
    CheckEdge(e, "GetEdge");
    return m_graph[m_edges[e]];
}

uint32_t
RtmTopology::GetEdgeSource(uint32_t e) const
{
    CheckEdge(e, "GetEdgeSource");
    return m_ends[e].first;
}

uint32_t
RtmTopology::GetEdgeTarget(uint32_t e) const
{
    CheckEdge(e, "GetEdgeTarget");
    return m_ends[e].second;
}

uint32_t
RtmTopology::GetOtherEnd(uint32_t e, uint32_t v) const
{
    CheckEdge(e, "GetOtherEnd");
    if (m_ends[e].first == v)
    {
        return m_ends[e].second;
    }
    if (m_ends[e].second == v)
    {
        return m_ends[e].first;
    }
    throw RtmTopologyError(m_name,
                           "GetOtherEnd: vertex " + std::to_string(v) + " is not an end of edge " +
                               std::to_string(e));
}

RtmTopology::EdgeDescriptor
RtmTopology::GetEdgeDescriptor(uint32_t e) const
{
    CheckEdge(e, "GetEdgeDescriptor");
    return m_edges[e];
}

std::vector<uint32_t>
RtmTopology::GetIncidentEdges(uint32_t v) const
{
    CheckVertex(v, "GetIncidentEdges");
    std::vector<uint32_t> result;
    boost::graph_traits<Graph>::out_edge_iterator it;
    boost::graph_traits<Graph>::out_edge_iterator end;
    for (std::tie(it, end) = boost::out_edges(v, m_graph); it != end; ++it)
    {
        result.push_back(m_graph[*it].index);
    }
    std::sort(result.begin(), result.end());
    return result;
}

std::vector<uint32_t>
RtmTopology::GetNeighbors(uint32_t v) const
{
    CheckVertex(v, "GetNeighbors");
    std::vector<uint32_t> result;
    boost::graph_traits<Graph>::adjacency_iterator it;
    boost::graph_traits<Graph>::adjacency_iterator end;
    for (std::tie(it, end) = boost::adjacent_vertices(v, m_graph); it != end; ++it)
    {
        result.push_back(static_cast<uint32_t>(*it));
    }
    std::sort(result.begin(), result.end());
    result.erase(std::unique(result.begin(), result.end()), result.end());
    return result;
}

uint32_t
RtmTopology::GetDegree(uint32_t v) const
{
    CheckVertex(v, "GetDegree");
    return static_cast<uint32_t>(boost::out_degree(v, m_graph));
}

std::vector<uint32_t>
RtmTopology::FindEdges(uint32_t u, uint32_t v) const
{
    CheckVertex(u, "FindEdges");
    CheckVertex(v, "FindEdges");
    std::vector<uint32_t> result;
    boost::graph_traits<Graph>::out_edge_iterator it;
    boost::graph_traits<Graph>::out_edge_iterator end;
    for (std::tie(it, end) = boost::out_edges(u, m_graph); it != end; ++it)
    {
        if (boost::target(*it, m_graph) == v)
        {
            result.push_back(m_graph[*it].index);
        }
    }
    std::sort(result.begin(), result.end());
    return result;
}

std::optional<uint32_t>
RtmTopology::FindVertex(const std::string& name) const
{
    auto it = m_byName.find(name);
    if (it == m_byName.end())
    {
        return std::nullopt;
    }
    return it->second;
}

const RtmTopology::Graph&
RtmTopology::GetGraph() const
{
    return m_graph;
}

uint32_t
RtmTopology::CountComponents(std::vector<uint32_t>* component) const
{
    const uint32_t n = GetNVertices();
    if (n == 0)
    {
        if (component != nullptr)
        {
            component->clear();
        }
        return 0;
    }
    std::vector<uint32_t> raw(n);
    const uint32_t count = static_cast<uint32_t>(boost::connected_components(m_graph, &raw[0]));
    if (component != nullptr)
    {
        // Renumber in order of the lowest vertex of each component (Boost numbers them in DFS
        // order, which for vecS is the same, but the contract should not depend on it).
        std::vector<uint32_t> renumber(count, UINT32_MAX);
        uint32_t next = 0;
        component->assign(n, 0);
        for (uint32_t v = 0; v < n; ++v)
        {
            if (renumber[raw[v]] == UINT32_MAX)
            {
                renumber[raw[v]] = next++;
            }
            (*component)[v] = renumber[raw[v]];
        }
    }
    return count;
}

bool
RtmTopology::IsConnected() const
{
    return CountComponents() <= 1;
}

uint32_t
RtmTopology::CountParallelEdges() const
{
    std::map<std::pair<uint32_t, uint32_t>, uint32_t> pairs;
    for (const auto& ends : m_ends)
    {
        ++pairs[std::minmax(ends.first, ends.second)];
    }
    uint32_t extra = 0;
    for (const auto& p : pairs)
    {
        extra += p.second - 1;
    }
    return extra;
}

uint32_t
RtmTopology::CountVerticesWithoutGeo() const
{
    uint32_t count = 0;
    for (uint32_t v = 0; v < GetNVertices(); ++v)
    {
        if (!m_graph[v].HasGeo())
        {
            ++count;
        }
    }
    return count;
}

void
RtmTopology::WriteDot(std::ostream& os) const
{
    std::ostringstream out;
    out.imbue(std::locale::classic());
    out << "graph " << DotQuote(m_name) << " {\n";
    out << "  // " << GetNVertices() << " vertices, " << GetNEdges() << " edges\n";
    out << std::setprecision(10);
    for (uint32_t v = 0; v < GetNVertices(); ++v)
    {
        const RtmTopologyVertex& p = m_graph[v];
        out << "  " << v << " [label=" << DotQuote(p.GetDisplayName())
            << ", name=" << DotQuote(p.name);
        if (p.HasGeo())
        {
            out << ", latitude=" << p.latitude << ", longitude=" << p.longitude;
        }
        if (p.HasPosition())
        {
            out << ", x=" << p.x << ", y=" << p.y;
        }
        out << "];\n";
    }
    for (uint32_t e = 0; e < GetNEdges(); ++e)
    {
        const RtmTopologyEdge& p = m_graph[m_edges[e]];
        std::ostringstream label;
        label.imbue(std::locale::classic());
        label << std::fixed << std::setprecision(3) << p.delay.GetSeconds() * 1e3 << " ms";
        out << "  " << m_ends[e].first << " -- " << m_ends[e].second
            << " [label=" << DotQuote(label.str()) << ", delay_ns=" << p.delay.GetNanoSeconds()
            << ", rate_bps=" << p.dataRateBps << ", metric=" << p.metric << ", index=" << e
            << "];\n";
    }
    out << "}\n";
    os << out.str();
}

void
RtmTopology::WriteDotFile(const std::string& path) const
{
    NS_LOG_FUNCTION(this << path);
    std::error_code ec;
    const std::filesystem::path p(path);
    if (p.has_parent_path())
    {
        std::filesystem::create_directories(p.parent_path(), ec);
        if (ec)
        {
            throw RtmTopologyError(path, "cannot create the directory: " + ec.message());
        }
    }
    std::ofstream file(path, std::ios::out | std::ios::trunc);
    if (!file)
    {
        throw RtmTopologyError(path, "cannot open the file for writing");
    }
    WriteDot(file);
    file.close();
    if (!file)
    {
        throw RtmTopologyError(path, "error while writing the file");
    }
}

double
RtmTopology::GreatCircleKm(double lat1, double lon1, double lat2, double lon2)
{
    const double kEarthRadiusKm = 6371.0;
    const double kDegToRad = M_PI / 180.0;
    const double phi1 = lat1 * kDegToRad;
    const double phi2 = lat2 * kDegToRad;
    const double dPhi = (lat2 - lat1) * kDegToRad;
    const double dLambda = (lon2 - lon1) * kDegToRad;
    const double a = std::sin(dPhi / 2) * std::sin(dPhi / 2) + std::cos(phi1) * std::cos(phi2) *
                                                                   std::sin(dLambda / 2) *
                                                                   std::sin(dLambda / 2);
    const double c = 2 * std::atan2(std::sqrt(a), std::sqrt(std::max(0.0, 1 - a)));
    return kEarthRadiusKm * c;
}

std::ostream&
operator<<(std::ostream& os, const RtmTopology& topology)
{
    return os << "topology '" << topology.GetName() << "': " << topology.GetNVertices()
              << " vertices, " << topology.GetNEdges() << " edges";
}

} // namespace ns3
