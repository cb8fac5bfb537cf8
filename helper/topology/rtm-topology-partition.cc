/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#include "rtm-topology-partition.h"

#include "rtm-topology-error.h"
#include "rtm-topology.h"

#include "ns3/log.h"

#include <algorithm>
#include <map>
#include <stdexcept>

#ifdef RTM_HAVE_METIS
#include <metis.h>
#endif

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmTopologyPartition");

namespace
{

/**
 * @brief Blocks of consecutive vertex ids whose sizes differ by at most one.
 * @param n the number of vertices
 * @param k the number of parts
 * @return vertex -> part
 */
std::vector<uint32_t>
ContiguousParts(uint32_t n, uint32_t k)
{
    std::vector<uint32_t> parts(n);
    for (uint32_t v = 0; v < n; ++v)
    {
        parts[v] = static_cast<uint32_t>(static_cast<uint64_t>(v) * k / n);
    }
    return parts;
}

#ifdef RTM_HAVE_METIS
/**
 * @brief METIS k-way partition of the topology's simple graph (parallel edges merged into one
 * weighted edge, self-loops left out), with a fixed seed.
 * @param topology the topology
 * @param k the number of parts, at least 2
 * @return vertex -> part
 */
std::vector<uint32_t>
MetisParts(const RtmTopology& topology, uint32_t k)
{
    const uint32_t n = topology.GetNVertices();
    std::vector<idx_t> xadj{0};
    std::vector<idx_t> adjncy;
    std::vector<idx_t> adjwgt;
    for (uint32_t v = 0; v < n; ++v)
    {
        std::map<uint32_t, idx_t> weights; // neighbour -> links to it, in neighbour order
        for (uint32_t e : topology.GetIncidentEdges(v))
        {
            uint32_t w = topology.GetOtherEnd(e, v);
            if (w != v)
            {
                ++weights[w];
            }
        }
        for (const auto& [w, weight] : weights)
        {
            adjncy.push_back(static_cast<idx_t>(w));
            adjwgt.push_back(weight);
        }
        xadj.push_back(static_cast<idx_t>(adjncy.size()));
    }
    idx_t nv = static_cast<idx_t>(n);
    idx_t ncon = 1;
    idx_t np = static_cast<idx_t>(k);
    idx_t objval = 0;
    idx_t options[METIS_NOPTIONS];
    METIS_SetDefaultOptions(options);
    options[METIS_OPTION_SEED] = 1;
    options[METIS_OPTION_NUMBERING] = 0;
    std::vector<idx_t> part(n, 0);
    int rc = METIS_PartGraphKway(&nv,
                                 &ncon,
                                 xadj.data(),
                                 adjncy.empty() ? nullptr : adjncy.data(),
                                 nullptr,
                                 nullptr,
                                 adjwgt.empty() ? nullptr : adjwgt.data(),
                                 &np,
                                 nullptr,
                                 nullptr,
                                 options,
                                 &objval,
                                 part.data());
    if (rc != METIS_OK)
    {
        throw RtmTopologyError("partition",
                               "METIS_PartGraphKway failed with code " + std::to_string(rc) +
                                   " on " + std::to_string(n) + " vertices, " + std::to_string(k) +
                                   " parts");
    }
    return std::vector<uint32_t>(part.begin(), part.end());
}
#endif

} // namespace

RtmTopologyPartition
RtmTopologyPartition::Compute(const RtmTopology& topology, uint32_t nParts, Method method)
{
    const uint32_t n = topology.GetNVertices();
    if (nParts == 0 || nParts > n)
    {
        throw RtmTopologyError("partition",
                               "cannot spread " + std::to_string(n) + " vertices over " +
                                   std::to_string(nParts) +
                                   " ranks (the rank count must be 1 to the vertex count)");
    }
    if (method == Method::METIS && !HasMetis())
    {
        throw RtmTopologyError("partition",
                               "METIS was asked for, but this build has no METIS "
                               "(install libmetis-dev and rebuild, or use the contiguous method)");
    }
    RtmTopologyPartition p;
    p.m_nParts = nParts;
    p.m_method = HasMetis() && method != Method::CONTIGUOUS ? Method::METIS : Method::CONTIGUOUS;
#ifdef RTM_HAVE_METIS
    if (p.m_method == Method::METIS && nParts > 1)
    {
        p.m_parts = MetisParts(topology, nParts);
    }
#endif
    if (p.m_parts.empty())
    {
        p.m_parts = ContiguousParts(n, nParts);
    }
    p.Measure(topology);
    p.Validate();
    NS_LOG_INFO("partition of " << n << " vertices over " << nParts << " ranks by "
                                << GetMethodName(p.m_method) << ": " << p.m_cutEdges.size()
                                << " links cut");
    return p;
}

RtmTopologyPartition
RtmTopologyPartition::FromParts(const RtmTopology& topology,
                                uint32_t nParts,
                                const std::vector<uint32_t>& parts)
{
    const uint32_t n = topology.GetNVertices();
    if (nParts == 0 || nParts > n || parts.size() != n)
    {
        throw RtmTopologyError("partition",
                               "a partition of " + std::to_string(n) + " vertices over " +
                                   std::to_string(nParts) + " ranks was given " +
                                   std::to_string(parts.size()) + " entries");
    }
    for (uint32_t v = 0; v < n; ++v)
    {
        if (parts[v] >= nParts)
        {
            throw RtmTopologyError("partition",
                                   "vertex " + std::to_string(v) + " is given rank " +
                                       std::to_string(parts[v]) + ", but there are only " +
                                       std::to_string(nParts) + " ranks");
        }
    }
    RtmTopologyPartition p;
    p.m_nParts = nParts;
    p.m_method = Method::GIVEN;
    p.m_parts = parts;
    p.Measure(topology);
    p.Validate();
    return p;
}

void
RtmTopologyPartition::Validate() const
{
    std::vector<uint32_t> sizes = GetPartSizes();
    for (uint32_t r = 0; r < sizes.size(); ++r)
    {
        if (sizes[r] == 0)
        {
            throw RtmTopologyError("partition",
                                   "rank " + std::to_string(r) + " of " + std::to_string(m_nParts) +
                                       " has no node (use fewer ranks or another partition)");
        }
    }
    if (!m_cutEdges.empty() && m_lookahead <= Time(0))
    {
        throw RtmTopologyError("partition",
                               "a link between ranks has zero delay, so there is no lookahead: "
                               "give every cut link a positive delay (" +
                                   std::to_string(m_cutEdges.size()) + " links are cut)");
    }
}

void
RtmTopologyPartition::Measure(const RtmTopology& topology)
{
    m_cutEdges.clear();
    m_lookahead = Time::Max();
    for (uint32_t e = 0; e < topology.GetNEdges(); ++e)
    {
        if (m_parts[topology.GetEdgeSource(e)] != m_parts[topology.GetEdgeTarget(e)])
        {
            m_cutEdges.push_back(e);
            m_lookahead = std::min(m_lookahead, topology.GetEdge(e).delay);
        }
    }
}

bool
RtmTopologyPartition::HasMetis()
{
#ifdef RTM_HAVE_METIS
    return true;
#else
    return false;
#endif
}

std::string
RtmTopologyPartition::GetMethodName(Method method)
{
    switch (method)
    {
    case Method::AUTO:
        return "auto";
    case Method::METIS:
        return "metis";
    case Method::CONTIGUOUS:
        return "contiguous";
    case Method::GIVEN:
        return "given";
    }
    return "unknown";
}

uint32_t
RtmTopologyPartition::GetNParts() const
{
    return m_nParts;
}

RtmTopologyPartition::Method
RtmTopologyPartition::GetMethod() const
{
    return m_method;
}

uint32_t
RtmTopologyPartition::GetPart(uint32_t v) const
{
    if (v >= m_parts.size())
    {
        throw std::out_of_range("RtmTopologyPartition::GetPart: vertex " + std::to_string(v) +
                                " of " + std::to_string(m_parts.size()));
    }
    return m_parts[v];
}

const std::vector<uint32_t>&
RtmTopologyPartition::GetParts() const
{
    return m_parts;
}

std::vector<uint32_t>
RtmTopologyPartition::GetPartSizes() const
{
    std::vector<uint32_t> sizes(m_nParts, 0);
    for (uint32_t p : m_parts)
    {
        ++sizes[p];
    }
    return sizes;
}

const std::vector<uint32_t>&
RtmTopologyPartition::GetCutEdges() const
{
    return m_cutEdges;
}

Time
RtmTopologyPartition::GetLookahead() const
{
    return m_lookahead;
}

double
RtmTopologyPartition::GetImbalance() const
{
    if (m_parts.empty())
    {
        return 1.0;
    }
    std::vector<uint32_t> sizes = GetPartSizes();
    double mean = static_cast<double>(m_parts.size()) / m_nParts;
    return *std::max_element(sizes.begin(), sizes.end()) / mean;
}

void
RtmTopologyPartition::Print(std::ostream& os) const
{
    os << "partition: " << m_parts.size() << " vertices over " << m_nParts << " ranks by "
       << GetMethodName(m_method) << "\n";
    os << "rank sizes:";
    for (uint32_t s : GetPartSizes())
    {
        os << " " << s;
    }
    os << " (imbalance " << GetImbalance() << ")\n";
    os << "links cut: " << m_cutEdges.size() << "\n";
    os << "lookahead: ";
    if (m_cutEdges.empty())
    {
        os << "unbounded (no link is cut)\n";
    }
    else
    {
        os << m_lookahead.As(Time::MS) << "\n";
    }
}

std::ostream&
operator<<(std::ostream& os, const RtmTopologyPartition& partition)
{
    partition.Print(os);
    return os;
}

} // namespace ns3
