/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#ifndef RTM_TOPOLOGY_PARTITION_H
#define RTM_TOPOLOGY_PARTITION_H

#include "ns3/nstime.h"

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{

class RtmTopology;

/**
 * @ingroup rtm
 * @brief An assignment of a topology's vertices to the ranks (system ids) of ns-3's distributed
 * simulator, with what it costs: the links it cuts and the lookahead they give.
 *
 * Compute() partitions with METIS (k-way, minimising the links cut while balancing the vertices)
 * when the module was built with it (libmetis-dev), and otherwise with contiguous blocks of
 * vertex ids (the first N/k vertices on rank 0, the next on rank 1, ...). Both are deterministic:
 * the same topology and rank count give the same partition on every rank and every run, so every
 * rank can compute it for itself and agree on it.
 *
 * The lookahead of a partition is the smallest propagation delay of a cut link: ns-3's
 * distributed simulators advance each rank that far without hearing from the others, so a
 * larger lookahead and fewer cut links mean fewer synchronisations.
 */
class RtmTopologyPartition
{
  public:
    /// How the vertices are assigned.
    enum class Method
    {
        AUTO,       //!< METIS when built in, else CONTIGUOUS
        METIS,      //!< METIS_PartGraphKway (an error when METIS is not built in)
        CONTIGUOUS, //!< blocks of consecutive vertex ids, sizes differing by at most one
        GIVEN,      //!< given vertex by vertex (FromParts)
    };

    /**
     * @brief Partition a topology.
     * @param topology the topology
     * @param nParts the number of ranks, 1 to the number of vertices
     * @param method how to assign the vertices
     * @return the partition
     * @throws RtmTopologyError naming "partition" when nParts is 0 or exceeds the vertices, or
     *         when METIS is asked for but not built in, or when METIS fails, or when the result
     *         fails Validate
     */
    static RtmTopologyPartition Compute(const RtmTopology& topology,
                                        uint32_t nParts,
                                        Method method = Method::AUTO);

    /**
     * @brief A partition given vertex by vertex (for example read from a file, or to compare
     * methods).
     * @param topology the topology
     * @param nParts the number of ranks, 1 to the number of vertices
     * @param parts vertex -> rank, one entry per vertex
     * @return the partition, measured and validated (Validate)
     * @throws RtmTopologyError naming "partition" when the sizes do not match, a rank is out of
     *         range, or Validate fails
     */
    static RtmTopologyPartition FromParts(const RtmTopology& topology,
                                          uint32_t nParts,
                                          const std::vector<uint32_t>& parts);

    /**
     * @brief Check that the partition can run on ns-3's distributed simulator.
     * @throws RtmTopologyError naming "partition" when a rank has no vertex (ns-3 would run a rank
     *         with nothing to simulate) or when a cut link has zero delay (no lookahead: the ranks
     *         could never advance independently)
     */
    void Validate() const;

    /**
     * @return true when the module was built with METIS
     */
    static bool HasMetis();

    /**
     * @param method a method
     * @return its name: "auto", "metis" or "contiguous"
     */
    static std::string GetMethodName(Method method);

    /**
     * @return the number of ranks
     */
    uint32_t GetNParts() const;

    /**
     * @return the method used (METIS or CONTIGUOUS, never AUTO)
     */
    Method GetMethod() const;

    /**
     * @param v a vertex index
     * @return its rank (system id), 0 to GetNParts() - 1
     * @throws std::out_of_range for a vertex the topology does not have
     */
    uint32_t GetPart(uint32_t v) const;

    /**
     * @return the rank of every vertex, by vertex index
     */
    const std::vector<uint32_t>& GetParts() const;

    /**
     * @return the number of vertices on each rank
     */
    std::vector<uint32_t> GetPartSizes() const;

    /**
     * @return the indices of the edges whose ends are on different ranks, in increasing order
     */
    const std::vector<uint32_t>& GetCutEdges() const;

    /**
     * @return the smallest delay of a cut edge; Time::Max() when no edge is cut
     */
    Time GetLookahead() const;

    /**
     * @return the largest rank's vertex count divided by the mean (1 is perfect balance)
     */
    double GetImbalance() const;

    /**
     * @brief Print the method, the ranks' sizes, the cut and the lookahead, one line each.
     * @param os the stream
     */
    void Print(std::ostream& os) const;

  private:
    /**
     * @brief Fill the cut edges and the lookahead from m_parts.
     * @param topology the partitioned topology
     */
    void Measure(const RtmTopology& topology);

    uint32_t m_nParts = 1;                //!< number of ranks
    Method m_method = Method::CONTIGUOUS; //!< the method used
    std::vector<uint32_t> m_parts;        //!< vertex index -> rank
    std::vector<uint32_t> m_cutEdges;     //!< edges between ranks
    Time m_lookahead = Time::Max();       //!< smallest delay of a cut edge
};

/**
 * @ingroup rtm
 * @brief Print a partition (see RtmTopologyPartition::Print).
 * @param os the stream
 * @param partition the partition
 * @return the stream
 */
std::ostream& operator<<(std::ostream& os, const RtmTopologyPartition& partition);

} // namespace ns3

#endif /* RTM_TOPOLOGY_PARTITION_H */
