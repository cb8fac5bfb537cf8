/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#include "rtm-topology-generator.h"

#include "rtm-topology-error.h"

#include "ns3/log.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmTopologyGenerator");

namespace
{

/// Largest topology a generator builds.
const uint64_t kMaxVertices = 1ULL << 22;

/**
 * @brief Portable draws from std::mt19937 (whose raw output sequence the standard fixes).
 */
class PortableRandom
{
  public:
    /**
     * @param seed the engine seed
     */
    explicit PortableRandom(uint32_t seed)
        : m_engine(seed)
    {
    }

    /**
     * @return a uniform real in [0, 1) with 53 random bits
     */
    double Uniform()
    {
        const uint32_t a = static_cast<uint32_t>(m_engine()) >> 5;
        const uint32_t b = static_cast<uint32_t>(m_engine()) >> 6;
        return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
    }

    /**
     * @param k the bound (> 0)
     * @return a uniform integer in [0, k)
     */
    uint32_t Below(uint32_t k)
    {
        const uint64_t range = 1ULL << 32;
        const uint64_t limit = range - range % k;
        uint64_t x;
        do
        {
            x = static_cast<uint32_t>(m_engine());
        } while (x >= limit);
        return static_cast<uint32_t>(x % k);
    }

  private:
    std::mt19937 m_engine; //!< the engine
};

/**
 * @param what the generator
 * @param reason what is wrong
 * @return the error to throw
 */
RtmTopologyError
BadArgument(const std::string& what, const std::string& reason)
{
    return RtmTopologyError("RtmTopologyGenerator::" + what, reason);
}

} // namespace

RtmTopologyGenerator::RtmTopologyGenerator(uint32_t seed)
    : m_seed(seed),
      m_connectivity(Connectivity::Report),
      m_rate(DataRate("1Gbps")),
      m_delay(MilliSeconds(1))
{
}

void
RtmTopologyGenerator::SetSeed(uint32_t seed)
{
    m_seed = seed;
}

uint32_t
RtmTopologyGenerator::GetSeed() const
{
    return m_seed;
}

void
RtmTopologyGenerator::SetConnectivity(Connectivity policy)
{
    m_connectivity = policy;
}

void
RtmTopologyGenerator::SetDataRate(DataRate rate)
{
    if (rate.GetBitRate() == 0)
    {
        throw BadArgument("SetDataRate", "zero data rate");
    }
    m_rate = rate;
}

void
RtmTopologyGenerator::SetDelay(Time delay)
{
    if (delay.IsStrictlyNegative())
    {
        throw BadArgument("SetDelay", "negative delay");
    }
    m_delay = delay;
}

const RtmTopologyReport&
RtmTopologyGenerator::GetReport() const
{
    return m_report;
}

RtmTopology
RtmTopologyGenerator::Begin(const std::string& format, const std::string& description, uint64_t n)
{
    if (n > kMaxVertices)
    {
        throw BadArgument(format,
                          description + " would have " + std::to_string(n) + " vertices (limit " +
                              std::to_string(kMaxVertices) + ")");
    }
    m_report = RtmTopologyReport();
    m_report.format = format;
    m_report.source = description;
    RtmTopology topology(description);
    for (uint64_t i = 0; i < n; ++i)
    {
        topology.AddVertex();
    }
    return topology;
}

void
RtmTopologyGenerator::Link(RtmTopology& topology, uint32_t u, uint32_t v) const
{
    RtmTopologyEdge edge;
    edge.dataRateBps = m_rate.GetBitRate();
    edge.delay = m_delay;
    edge.metric = 1;
    topology.AddEdge(u, v, edge);
}

void
RtmTopologyGenerator::Finish(const RtmTopology& topology)
{
    m_report.CountFrom(topology);
    m_report.inputEdges = m_report.edges;
    m_report.edgesWithDefaultDelay = m_report.edges;
    m_report.edgesWithDefaultRate = m_report.edges;
    NS_LOG_INFO(m_report.source << ": " << m_report.nodes << " vertices, " << m_report.edges
                                << " edges, " << m_report.components << " components");
}

RtmTopology
RtmTopologyGenerator::Line(uint32_t n)
{
    NS_LOG_FUNCTION(this << n);
    if (n < 1)
    {
        throw BadArgument("Line", "n must be >= 1");
    }
    RtmTopology t = Begin("line", "line(n=" + std::to_string(n) + ")", n);
    for (uint32_t i = 0; i + 1 < n; ++i)
    {
        Link(t, i, i + 1);
    }
    Finish(t);
    return t;
}

RtmTopology
RtmTopologyGenerator::Ring(uint32_t n)
{
    NS_LOG_FUNCTION(this << n);
    if (n < 3)
    {
        throw BadArgument("Ring", "n must be >= 3");
    }
    RtmTopology t = Begin("ring", "ring(n=" + std::to_string(n) + ")", n);
    for (uint32_t i = 0; i < n; ++i)
    {
        Link(t, i, (i + 1) % n);
    }
    Finish(t);
    return t;
}

RtmTopology
RtmTopologyGenerator::Star(uint32_t n)
{
    NS_LOG_FUNCTION(this << n);
    if (n < 2)
    {
        throw BadArgument("Star", "n must be >= 2");
    }
    RtmTopology t = Begin("star", "star(n=" + std::to_string(n) + ")", n);
    for (uint32_t i = 1; i < n; ++i)
    {
        Link(t, 0, i);
    }
    Finish(t);
    return t;
}

RtmTopology
RtmTopologyGenerator::Grid(uint32_t rows, uint32_t cols)
{
    NS_LOG_FUNCTION(this << rows << cols);
    if (rows < 1 || cols < 1)
    {
        throw BadArgument("Grid", "rows and cols must be >= 1");
    }
    RtmTopology t =
        Begin("grid",
              "grid(rows=" + std::to_string(rows) + ", cols=" + std::to_string(cols) + ")",
              static_cast<uint64_t>(rows) * cols);
    for (uint32_t r = 0; r < rows; ++r)
    {
        for (uint32_t c = 0; c < cols; ++c)
        {
            const uint32_t v = r * cols + c;
            RtmTopologyVertex props = t.GetVertex(v);
            props.x = c;
            props.y = r;
            t.SetVertex(v, props);
        }
    }
    for (uint32_t r = 0; r < rows; ++r)
    {
        for (uint32_t c = 0; c < cols; ++c)
        {
            const uint32_t v = r * cols + c;
            if (c + 1 < cols)
            {
                Link(t, v, v + 1);
            }
            if (r + 1 < rows)
            {
                Link(t, v, v + cols);
            }
        }
    }
    Finish(t);
    return t;
}

RtmTopology
RtmTopologyGenerator::Tree(uint32_t branching, uint32_t depth)
{
    NS_LOG_FUNCTION(this << branching << depth);
    if (branching < 1)
    {
        throw BadArgument("Tree", "branching must be >= 1");
    }
    const std::string description =
        "tree(branching=" + std::to_string(branching) + ", depth=" + std::to_string(depth) + ")";
    uint64_t total = 0;
    uint64_t level = 1;
    for (uint32_t d = 0; d <= depth; ++d)
    {
        total += level;
        if (total > kMaxVertices)
        {
            break;
        }
        level *= branching;
    }
    RtmTopology t = Begin("tree", description, total);
    for (uint64_t child = 1; child < total; ++child)
    {
        Link(t, static_cast<uint32_t>((child - 1) / branching), static_cast<uint32_t>(child));
    }
    Finish(t);
    return t;
}

namespace
{

/**
 * @brief Join the components of a topology (see RtmTopologyGenerator::Connectivity::Connect).
 * @param t the topology
 * @param random the engine, after the edge draws
 * @param link adds one edge
 * @return the number of edges added
 */
template <typename LinkFunction>
uint32_t
ConnectComponents(RtmTopology& t, PortableRandom& random, LinkFunction link)
{
    std::vector<uint32_t> component;
    const uint32_t count = t.CountComponents(&component);
    if (count <= 1)
    {
        return 0;
    }
    std::vector<std::vector<uint32_t>> members(count);
    for (uint32_t v = 0; v < t.GetNVertices(); ++v)
    {
        members[component[v]].push_back(v);
    }
    std::vector<uint32_t> joined = members[0];
    for (uint32_t c = 1; c < count; ++c)
    {
        const uint32_t a = members[c][random.Below(static_cast<uint32_t>(members[c].size()))];
        const uint32_t b = joined[random.Below(static_cast<uint32_t>(joined.size()))];
        link(b, a);
        joined.insert(joined.end(), members[c].begin(), members[c].end());
    }
    return count - 1;
}

} // namespace

RtmTopology
RtmTopologyGenerator::ErdosRenyi(uint32_t n, double p)
{
    NS_LOG_FUNCTION(this << n << p);
    if (n < 1)
    {
        throw BadArgument("ErdosRenyi", "n must be >= 1");
    }
    if (!(p >= 0.0 && p <= 1.0))
    {
        throw BadArgument("ErdosRenyi", "p must be in [0, 1]");
    }
    std::ostringstream d;
    d << "erdos-renyi(n=" << n << ", p=" << p << ", seed=" << m_seed << ")";
    RtmTopology t = Begin("erdos-renyi", d.str(), n);
    PortableRandom random(m_seed);
    for (uint32_t i = 0; i < n; ++i)
    {
        for (uint32_t j = i + 1; j < n; ++j)
        {
            if (random.Uniform() < p)
            {
                Link(t, i, j);
            }
        }
    }
    if (m_connectivity == Connectivity::Connect)
    {
        m_report.edgesAddedForConnectivity =
            ConnectComponents(t, random, [&](uint32_t a, uint32_t b) { Link(t, a, b); });
    }
    Finish(t);
    return t;
}

RtmTopology
RtmTopologyGenerator::Waxman(uint32_t n, double alpha, double beta)
{
    NS_LOG_FUNCTION(this << n << alpha << beta);
    if (n < 1)
    {
        throw BadArgument("Waxman", "n must be >= 1");
    }
    if (!(alpha > 0.0 && alpha <= 1.0) || !(beta > 0.0 && beta <= 1.0))
    {
        throw BadArgument("Waxman", "alpha and beta must be in (0, 1]");
    }
    std::ostringstream d;
    d << "waxman(n=" << n << ", alpha=" << alpha << ", beta=" << beta << ", seed=" << m_seed << ")";
    RtmTopology t = Begin("waxman", d.str(), n);
    PortableRandom random(m_seed);
    std::vector<double> x(n);
    std::vector<double> y(n);
    for (uint32_t i = 0; i < n; ++i)
    {
        x[i] = random.Uniform();
        y[i] = random.Uniform();
        RtmTopologyVertex props = t.GetVertex(i);
        props.x = x[i];
        props.y = y[i];
        t.SetVertex(i, props);
    }
    const double scale = alpha * std::sqrt(2.0);
    for (uint32_t i = 0; i < n; ++i)
    {
        for (uint32_t j = i + 1; j < n; ++j)
        {
            const double dist = std::hypot(x[i] - x[j], y[i] - y[j]);
            if (random.Uniform() < beta * std::exp(-dist / scale))
            {
                Link(t, i, j);
            }
        }
    }
    if (m_connectivity == Connectivity::Connect)
    {
        m_report.edgesAddedForConnectivity =
            ConnectComponents(t, random, [&](uint32_t a, uint32_t b) { Link(t, a, b); });
    }
    Finish(t);
    return t;
}

RtmTopology
RtmTopologyGenerator::BarabasiAlbert(uint32_t n, uint32_t m)
{
    NS_LOG_FUNCTION(this << n << m);
    if (m < 1)
    {
        throw BadArgument("BarabasiAlbert", "m must be >= 1");
    }
    if (static_cast<uint64_t>(n) < static_cast<uint64_t>(m) + 1)
    {
        throw BadArgument("BarabasiAlbert", "n must be >= m + 1");
    }
    std::ostringstream d;
    d << "barabasi-albert(n=" << n << ", m=" << m << ", seed=" << m_seed << ")";
    RtmTopology t = Begin("barabasi-albert", d.str(), n);
    PortableRandom random(m_seed);
    std::vector<uint32_t> endpoints; // every end point of every edge, in edge order
    for (uint32_t i = 0; i <= m; ++i)
    {
        for (uint32_t j = i + 1; j <= m; ++j)
        {
            Link(t, i, j);
            endpoints.push_back(i);
            endpoints.push_back(j);
        }
    }
    std::vector<uint32_t> targets;
    for (uint32_t v = m + 1; v < n; ++v)
    {
        targets.clear();
        while (targets.size() < m)
        {
            const uint32_t pick = endpoints[random.Below(static_cast<uint32_t>(endpoints.size()))];
            if (std::find(targets.begin(), targets.end(), pick) == targets.end())
            {
                targets.push_back(pick);
            }
        }
        std::sort(targets.begin(), targets.end());
        for (uint32_t target : targets)
        {
            Link(t, target, v);
            endpoints.push_back(target);
            endpoints.push_back(v);
        }
    }
    Finish(t);
    return t;
}

} // namespace ns3
