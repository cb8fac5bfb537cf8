/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#include "rtm-topology-report.h"

#include "rtm-topology.h"

#include "ns3/log.h"

#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmTopologyReport");

void
RtmTopologyReport::CountFrom(const RtmTopology& topology)
{
    nodes = topology.GetNVertices();
    edges = topology.GetNEdges();
    components = topology.CountComponents();
    nodesWithoutCoordinates = topology.CountVerticesWithoutGeo();
}

void
RtmTopologyReport::Print(std::ostream& os) const
{
    os << "source: " << source << "\n"
       << "format: " << format << "\n"
       << "nodes: " << nodes << "\n"
       << "edges: " << edges << "\n"
       << "input edges: " << inputEdges << "\n"
       << "parallel edges: " << parallelEdges << "\n"
       << "parallel edges merged: " << parallelEdgesMerged << "\n"
       << "self-loops dropped: " << selfLoopsDropped << "\n"
       << "components: " << components << "\n"
       << "nodes without coordinates: " << nodesWithoutCoordinates << "\n"
       << "edges with default delay: " << edgesWithDefaultDelay << "\n"
       << "edges with minimum delay: " << edgesWithMinimumDelay << "\n"
       << "edges with default rate: " << edgesWithDefaultRate << "\n"
       << "edges added for connectivity: " << edgesAddedForConnectivity << "\n";
    for (const auto& note : notes)
    {
        os << "note: " << note << "\n";
    }
}

std::string
RtmTopologyReport::ToString() const
{
    std::ostringstream os;
    Print(os);
    return os.str();
}

std::ostream&
operator<<(std::ostream& os, const RtmTopologyReport& report)
{
    report.Print(os);
    return os;
}

} // namespace ns3
