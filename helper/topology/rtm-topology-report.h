/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#ifndef RTM_TOPOLOGY_REPORT_H
#define RTM_TOPOLOGY_REPORT_H

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{

class RtmTopology;

/**
 * @ingroup rtm
 * @brief What a topology reader or generator did: the counts of what it found in its input and
 * of the choices it made. Printable (Print(), operator<<) as a fixed, line-per-field text.
 *
 * "Input" counts describe the source as read (before dropping or merging); the other counts
 * describe the resulting RtmTopology.
 */
struct RtmTopologyReport
{
    /// File path, or a description of the generator and its parameters.
    std::string source;
    /// The kind of source: "graphml", "rocketfuel", "inet", "orbis", or a generator name.
    std::string format;
    /// Vertices in the resulting topology.
    uint32_t nodes = 0;
    /// Edges in the resulting topology (after dropping self-loops and any merge).
    uint32_t edges = 0;
    /// Edge elements / links in the input, self-loops and parallel edges included.
    uint32_t inputEdges = 0;
    /// Parallel edges found in the input: for each vertex pair, the edges beyond the first.
    uint32_t parallelEdges = 0;
    /// Of those, how many were merged into the first edge of their pair (0 when kept).
    uint32_t parallelEdgesMerged = 0;
    /// Self-loops found in the input and dropped.
    uint32_t selfLoopsDropped = 0;
    /// Connected components of the resulting topology.
    uint32_t components = 0;
    /// Vertices lacking latitude or longitude.
    uint32_t nodesWithoutCoordinates = 0;
    /// Edges whose delay is the configured default (an end without coordinates, or no geography).
    uint32_t edgesWithDefaultDelay = 0;
    /// Edges whose computed delay was below the configured minimum and was raised to it.
    uint32_t edgesWithMinimumDelay = 0;
    /// Edges whose data rate is the configured default (no usable speed in the input).
    uint32_t edgesWithDefaultRate = 0;
    /// Edges a generator added to join components (0 unless asked to connect).
    uint32_t edgesAddedForConnectivity = 0;
    /// Free-text remarks (ignored input features, assumptions made), in the order they arose.
    std::vector<std::string> notes;

    /**
     * @brief Fill nodes, edges, components and nodesWithoutCoordinates from a topology.
     * @param topology the resulting topology
     */
    void CountFrom(const RtmTopology& topology);

    /**
     * @brief Print one "name: value" line per field, then the notes.
     * @param os the stream
     */
    void Print(std::ostream& os) const;

    /**
     * @return the text Print() writes
     */
    std::string ToString() const;
};

/**
 * @ingroup rtm
 * @brief Print a report (see RtmTopologyReport::Print).
 * @param os the stream
 * @param report the report
 * @return the stream
 */
std::ostream& operator<<(std::ostream& os, const RtmTopologyReport& report);

} // namespace ns3

#endif /* RTM_TOPOLOGY_REPORT_H */
