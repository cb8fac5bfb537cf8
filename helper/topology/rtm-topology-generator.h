/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#ifndef RTM_TOPOLOGY_GENERATOR_H
#define RTM_TOPOLOGY_GENERATOR_H

#include "rtm-topology-report.h"
#include "rtm-topology.h"

#include "ns3/data-rate.h"
#include "ns3/nstime.h"

#include <cstdint>

namespace ns3
{

/**
 * @ingroup rtm
 * @brief Deterministic generators of classic and random topologies.
 *
 * Every generated vertex is named "n<index>"; every edge gets the generator's data rate
 * (default 1 Gbps), delay (default 1 ms) and metric 1. Vertex and edge indices follow the
 * orders documented per generator, so a topology depends only on the generator's parameters
 * and seed.
 *
 * Randomness: each random generator (ErdosRenyi, Waxman, BarabasiAlbert) starts a fresh
 * std::mt19937 from the 32-bit seed (SetSeed), so its result depends only on (seed, arguments),
 * not on earlier calls. Only the raw 32-bit outputs of the engine, whose sequence the C++
 * standard fixes, are used: a uniform real in [0, 1) is built from two outputs as
 * ((a >> 5) * 2^26 + (b >> 6)) / 2^53, and a uniform integer in [0, k) by rejection
 * (outputs >= 2^32 - 2^32 mod k are redrawn) then modulo k. The results are therefore the same
 * with every standard library, compiler and host, and never use host randomness.
 *
 * Connectivity: ErdosRenyi and Waxman can produce several components. By default
 * (Connectivity::Report) the graph is returned as drawn and its component count is in the
 * report. With Connectivity::Connect, after the draw the components are ordered by their lowest
 * vertex and each component i >= 1, in that order, is joined by one extra edge between a
 * uniformly drawn vertex of component i and a uniformly drawn vertex of the union of components
 * 0..i-1 (draws from the same engine, after the edge draws); the number of added edges
 * (components - 1) is reported. The other generators always give connected graphs.
 *
 * Invalid arguments (see each method) and results above 4,194,304 vertices throw
 * RtmTopologyError.
 */
class RtmTopologyGenerator
{
  public:
    /// What to do when a random graph has several components.
    enum class Connectivity
    {
        Report, //!< keep the graph as drawn; the report gives the component count (default)
        Connect //!< add components - 1 random edges that join the components
    };

    /**
     * @param seed the seed of the random generators
     */
    explicit RtmTopologyGenerator(uint32_t seed = 1);

    /**
     * @param seed the seed of the random generators
     */
    void SetSeed(uint32_t seed);
    /**
     * @return the seed
     */
    uint32_t GetSeed() const;
    /**
     * @param policy what random generators do with several components (default Report)
     */
    void SetConnectivity(Connectivity policy);
    /**
     * @param rate the data rate of every generated edge (> 0, default 1 Gbps)
     */
    void SetDataRate(DataRate rate);
    /**
     * @param delay the delay of every generated edge (>= 0, default 1 ms)
     */
    void SetDelay(Time delay);

    /**
     * @brief A path: vertices 0..n-1, edges (i, i+1) for i = 0..n-2 in that order.
     *
     * n vertices, n-1 edges; degrees 1 at the two ends (0 when n = 1), 2 elsewhere.
     * @param n the number of vertices (>= 1)
     * @return the topology
     */
    RtmTopology Line(uint32_t n);

    /**
     * @brief A cycle: edges (i, (i+1) mod n) for i = 0..n-1 in that order.
     *
     * n vertices, n edges, every degree 2.
     * @param n the number of vertices (>= 3)
     * @return the topology
     */
    RtmTopology Ring(uint32_t n);

    /**
     * @brief A star: hub 0, leaves 1..n-1, edges (0, i) for i = 1..n-1 in that order.
     *
     * n vertices, n-1 edges; hub degree n-1, leaf degree 1.
     * @param n the number of vertices, hub included (>= 2)
     * @return the topology
     */
    RtmTopology Star(uint32_t n);

    /**
     * @brief A rows x cols mesh: vertex r*cols + c at (row r, column c), with x = c and y = r.
     *
     * Edges, in order: for each vertex in index order, first to its right neighbour (r, c+1) if
     * any, then to the one below (r+1, c) if any. rows*cols vertices,
     * rows*(cols-1) + (rows-1)*cols edges; corner degree 2, border 3, inner 4 (for rows, cols
     * >= 2).
     * @param rows the number of rows (>= 1)
     * @param cols the number of columns (>= 1)
     * @return the topology
     */
    RtmTopology Grid(uint32_t rows, uint32_t cols);

    /**
     * @brief A complete tree of the given branching factor and depth, vertices in breadth-first
     * order: the root is 0, the children of vertex i are branching*i + 1 .. branching*i +
     * branching; edges (parent, child) in child order.
     *
     * (branching^(depth+1) - 1)/(branching - 1) vertices (depth + 1 when branching is 1), one
     * edge fewer; leaves (depth `depth`) have degree 1, the root `branching`, the others
     * branching + 1.
     * @param branching the number of children of each inner vertex (>= 1)
     * @param depth the number of levels below the root (>= 0; 0 gives a single vertex)
     * @return the topology
     */
    RtmTopology Tree(uint32_t branching, uint32_t depth);

    /**
     * @brief An Erdős–Rényi G(n, p) graph: each of the n(n-1)/2 vertex pairs (i, j), i < j,
     * visited in lexicographic order, becomes an edge (i, j) when one uniform draw is < p.
     *
     * Expected edges p n(n-1)/2. See the class comment for the connectivity option.
     * @param n the number of vertices (>= 1)
     * @param p the edge probability, in [0, 1]
     * @return the topology
     */
    RtmTopology ErdosRenyi(uint32_t n, double p);

    /**
     * @brief A Waxman graph on the unit square.
     *
     * Each vertex i = 0..n-1 in turn gets x then y, uniform in [0, 1). Then each pair (i, j),
     * i < j, in lexicographic order, becomes an edge (i, j) when one uniform draw is
     * < beta * exp(-d(i, j) / (alpha * L)), with d the Euclidean distance and L = sqrt(2) the
     * largest distance in the square (Waxman 1988; larger beta gives more edges, smaller alpha
     * fewer long edges relative to short ones). Coordinates are stored in the vertices' x and y.
     * See the class comment for the connectivity option.
     * @param n the number of vertices (>= 1)
     * @param alpha the distance scale, in (0, 1]
     * @param beta the density, in (0, 1]
     * @return the topology
     */
    RtmTopology Waxman(uint32_t n, double alpha, double beta);

    /**
     * @brief A Barabási–Albert preferential-attachment graph.
     *
     * Starts from the complete graph on vertices 0..m (edges (i, j), i < j, lexicographic).
     * Each further vertex v = m+1..n-1 attaches to m distinct earlier vertices, drawn one at a
     * time with probability proportional to their current degree (a uniform pick in the list of
     * edge end points, with every end point of every edge in edge order; a repeated pick is
     * redrawn); its edges (t, v) are added in ascending order of t. m(m+1)/2 + (n-m-1)m edges,
     * connected, every degree >= m.
     * @param n the number of vertices (>= m + 1)
     * @param m the edges brought by each new vertex (>= 1)
     * @return the topology
     */
    RtmTopology BarabasiAlbert(uint32_t n, uint32_t m);

    /**
     * @return the report of the last generated topology (source = generator and arguments)
     */
    const RtmTopologyReport& GetReport() const;

  private:
    /**
     * @brief Start a topology and its report.
     * @param format the generator name
     * @param description the generator call as text
     * @param n the number of vertices to add
     * @return the topology with n vertices and no edges
     */
    RtmTopology Begin(const std::string& format, const std::string& description, uint64_t n);
    /**
     * @brief Add an edge with the generator's properties.
     * @param topology the topology
     * @param u an end
     * @param v the other end
     */
    void Link(RtmTopology& topology, uint32_t u, uint32_t v) const;
    /**
     * @brief Finish the report.
     * @param topology the generated topology
     */
    void Finish(const RtmTopology& topology);

    uint32_t m_seed;             //!< seed of the random generators
    Connectivity m_connectivity; //!< component policy
    DataRate m_rate;             //!< edge data rate
    Time m_delay;                //!< edge delay
    RtmTopologyReport m_report;  //!< last report
};

} // namespace ns3

#endif /* RTM_TOPOLOGY_GENERATOR_H */
