/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#ifndef RTM_TOPOLOGY_NS3_READER_H
#define RTM_TOPOLOGY_NS3_READER_H

#include "rtm-topology-report.h"
#include "rtm-topology.h"

#include "ns3/data-rate.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"
#include "ns3/topology-reader.h"

#include <cstdint>
#include <string>

namespace ns3
{

/**
 * @ingroup rtm
 * @brief Bridges ns-3's own topology readers (module topology-read: Rocketfuel, Inet, Orbis)
 * into an RtmTopology.
 *
 * Read() checks that the file can be opened (the ns-3 readers silently return nothing
 * otherwise), runs the ns-3 reader's Read(), then converts its link list: vertices are the node
 * names in order of first appearance in the link list (from, then to), edges the links in list
 * order. Self-loops are dropped and counted; parallel links (the same unordered pair again,
 * which Rocketfuel maps files produce by listing each link from both ends) are merged by default
 * (SetMergeParallelEdges(false) keeps them) and counted either way.
 *
 * Link attributes: "DataRate" and "Delay" (ns-3 attribute syntax, e.g. "10Mbps", "5ms") set the
 * edge's rate and delay when present and valid, else the defaults (1 Gbps, 1 ms) apply and are
 * counted; "Weight" (Inet files) sets the metric, rounded, at least 1, when SetUseWeights(true)
 * (the default) and it is a positive number.
 *
 * Side effect, inherited from the ns-3 readers: their Read() creates one ns3::Node per topology
 * node, which stays in the global NodeList until Simulator::Destroy(). RtmTopologyHelper builds
 * its own nodes; these are unused. From ns-3.38 on the readers also name those nodes after the
 * topology's node names (ns3::Names), and a second Read() of a file with the same node names
 * would abort in Names::Add(); Read() therefore gives each of those names up (renames it to a
 * name of its own, "rtm-ns3-reader-<n>") once the file is read. Names the program itself gave to
 * other objects are left alone, but one that equals a node name of the file still makes the ns-3
 * reader abort.
 *
 * Limits of the ns-3 readers, reproduced as is: they report no syntax error (a Rocketfuel file
 * stops at its first unrecognised line); a non-empty file that yields no link at all is reported
 * here as an RtmTopologyError (probably the wrong format).
 */
class RtmTopologyNs3Reader
{
  public:
    /// The file formats of ns-3's readers.
    enum class Format
    {
        Rocketfuel, //!< ns3::RocketfuelTopologyReader (maps or weights files)
        Inet,       //!< ns3::InetTopologyReader
        Orbis       //!< ns3::OrbisTopologyReader
    };

    RtmTopologyNs3Reader();

    /**
     * @param merge whether parallel links are merged into the first of their pair (default true)
     */
    void SetMergeParallelEdges(bool merge);
    /**
     * @param use whether the "Weight" link attribute sets the metric (default true)
     */
    void SetUseWeights(bool use);
    /**
     * @param rate the data rate of links without a valid "DataRate" attribute (default 1 Gbps)
     */
    void SetDefaultDataRate(DataRate rate);
    /**
     * @param delay the delay of links without a valid "Delay" attribute (default 1 ms)
     */
    void SetDefaultDelay(Time delay);

    /**
     * @brief Read a file with the ns-3 reader of the given format and convert it.
     * @param format the file format
     * @param path the file path
     * @return the topology, named after the file
     * @throws RtmTopologyError when the file cannot be opened or yields no link
     */
    RtmTopology Read(Format format, const std::string& path);

    /**
     * @brief Convert the links of an ns-3 reader whose Read() has already run.
     * @param reader the reader
     * @param name the topology name (also the report's source)
     * @param format the report's format name
     * @return the topology
     */
    RtmTopology Convert(const TopologyReader& reader,
                        const std::string& name,
                        const std::string& format = "ns-3");

    /**
     * @return the report of the last Read() or Convert()
     */
    const RtmTopologyReport& GetReport() const;

  private:
    /**
     * @brief Gives up the names the ns-3 reader gave its nodes (ns-3 >= 3.38), so that another
     * file with the same node names can be read: each is renamed to one unique in the process.
     * @param nodes the nodes the reader created
     */
    static void ReleaseNodeNames(const NodeContainer& nodes);

    /**
     * @brief The properties of one link: its DataRate, Delay and Weight attributes where valid,
     * else the defaults (counted in the report).
     * @param link the link
     * @param report the report to count defaults in
     * @return the edge
     */
    RtmTopologyEdge ReadLink(const TopologyReader::Link& link, RtmTopologyReport& report) const;

    bool m_merge;               //!< merge parallel links
    bool m_useWeights;          //!< Weight -> metric
    DataRate m_defaultRate;     //!< default rate
    Time m_defaultDelay;        //!< default delay
    RtmTopologyReport m_report; //!< last report
};

} // namespace ns3

#endif /* RTM_TOPOLOGY_NS3_READER_H */
