/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#ifndef RTM_GRAPHML_READER_H
#define RTM_GRAPHML_READER_H

#include "rtm-topology-report.h"
#include "rtm-topology.h"

#include "ns3/data-rate.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <string>

namespace ns3
{

/**
 * @ingroup rtm
 * @brief Reads GraphML files, in particular Internet Topology Zoo maps as published, into an
 * RtmTopology, and reports what it found and decided in an RtmTopologyReport.
 *
 * Parsing uses the project's own strict XML parser (RtmTopologyXmlParser), so that every error
 * carries a line number and nothing in the input can crash or abort the program.
 *
 * Interpretation:
 * - Keys are looked up by their `attr.name`, per file (Zoo files number their keys differently):
 *   node keys "Latitude", "Longitude" (decimal degrees) and "label"; edge key "LinkSpeedRaw"
 *   (bit/s). A key's `<default>` applies to elements without the data. Other keys are ignored.
 * - Vertices are the `<node>` elements of the first `<graph>`, in document order; a vertex's
 *   name is the node id, its label the "label" data. Missing coordinates stay NaN.
 * - Edges are the `<edge>` elements in document order (they may precede their nodes). The graph
 *   is undirected; a "directed" edgedefault is read as undirected and noted in the report.
 * - Self-loops are dropped and counted. Parallel edges (the same unordered pair again) are
 *   counted and, by SetParallelEdges(), kept as separate links (default) or merged into the first
 *   edge of their pair, which keeps its own properties.
 * - Delay: where both ends have coordinates, the great-circle (haversine, R = 6371 km) distance
 *   divided by the propagation speed (default 200,000 km/s, about 2/3 c), rounded to the
 *   nanosecond and raised to the minimum delay (default 1 us) when below it; otherwise the
 *   default delay (default 1 ms). Both cases are counted.
 * - Data rate: LinkSpeedRaw when present (and SetUseLinkSpeed(true), the default), else the
 *   default data rate (default 1 Gbps), counted.
 * - Metric: 1 per edge (Metric::Hop, default), or the distance in km rounded, at least 1
 *   (Metric::DistanceKm); edges without a geographic distance then use the distance the
 *   default delay stands for (default delay x propagation speed).
 *
 * Errors: an unreadable file (missing, a directory, unreadable, larger than the size limit) or a
 * malformed one (not well-formed XML, root not `<graphml>`, no `<graph>`, node without id,
 * duplicate node id, duplicate key id, `<data>` without key or with an undeclared key or a key
 * declared for another kind of element, edge without source/target or naming an unknown node,
 * unparsable, non-finite or out-of-range Latitude/Longitude/LinkSpeedRaw, nested graphs) throws
 * RtmTopologyError whose message starts with the file path and the line ("path:line: reason").
 * Numbers are decimal (C locale) with at most one sign ("+-1" is refused); a magnitude too small
 * for a double (such as 1e-400) reads as 0, as IEEE 754 underflow does; one too large (1e400)
 * is not finite and refused.
 */
class RtmGraphmlReader
{
  public:
    /// What to do with parallel edges.
    enum class ParallelEdges
    {
        Keep, //!< keep every edge: the topology is a multigraph (default)
        Merge //!< keep the first edge of each vertex pair, count the others as merged
    };

    /// How edge metrics are derived.
    enum class Metric
    {
        Hop,       //!< every edge has metric 1 (default)
        DistanceKm //!< great-circle distance in km, rounded, at least 1
    };

    RtmGraphmlReader();

    /**
     * @param policy what to do with parallel edges (default Keep)
     */
    void SetParallelEdges(ParallelEdges policy);
    /**
     * @return the parallel-edge policy
     */
    ParallelEdges GetParallelEdges() const;
    /**
     * @param delay the delay of edges lacking coordinates at an end (default 1 ms, >= 0)
     */
    void SetDefaultDelay(Time delay);
    /**
     * @return the default delay
     */
    Time GetDefaultDelay() const;
    /**
     * @param delay the lower bound of computed delays (default 1 us, >= 0)
     */
    void SetMinimumDelay(Time delay);
    /**
     * @return the minimum delay
     */
    Time GetMinimumDelay() const;
    /**
     * @param rate the data rate of edges without LinkSpeedRaw (default 1 Gbps, > 0)
     */
    void SetDefaultDataRate(DataRate rate);
    /**
     * @return the default data rate
     */
    DataRate GetDefaultDataRate() const;
    /**
     * @param use whether LinkSpeedRaw sets the data rate (default true)
     */
    void SetUseLinkSpeed(bool use);
    /**
     * @param metric how edge metrics are derived (default Hop)
     */
    void SetMetric(Metric metric);
    /**
     * @param kmPerSecond the propagation speed used for delays (default 200,000 km/s, > 0)
     */
    void SetPropagationSpeed(double kmPerSecond);
    /**
     * @param bytes the largest file Read() accepts (default 256 MiB)
     */
    void SetMaxFileSize(uint64_t bytes);

    /**
     * @brief Read a GraphML file.
     * @param path the file path (named in every error message)
     * @return the topology, named after the graph's "Network" or "label" data, else the file
     * @throws RtmTopologyError when the file cannot be read or is malformed
     */
    RtmTopology Read(const std::string& path);

    /**
     * @brief Read GraphML text from memory.
     * @param text the document
     * @param sourceName the name used in the report and in error messages
     * @return the topology
     * @throws RtmTopologyError when the text is malformed
     */
    RtmTopology ReadFromString(const std::string& text, const std::string& sourceName);

    /**
     * @return the report of the last successful Read() or ReadFromString()
     */
    const RtmTopologyReport& GetReport() const;

  private:
    /// The state and the phases of one ReadFromString() call (defined in the .cc file).
    class Reading;

    ParallelEdges m_parallel;   //!< parallel-edge policy
    Time m_defaultDelay;        //!< delay without coordinates
    Time m_minimumDelay;        //!< lower bound of computed delays
    DataRate m_defaultRate;     //!< rate without LinkSpeedRaw
    bool m_useLinkSpeed;        //!< honour LinkSpeedRaw
    Metric m_metric;            //!< metric derivation
    double m_speedKmPerS;       //!< propagation speed
    uint64_t m_maxFileSize;     //!< size limit of Read()
    RtmTopologyReport m_report; //!< last report
};

} // namespace ns3

#endif /* RTM_GRAPHML_READER_H */
