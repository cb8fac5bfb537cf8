/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#ifndef RTM_TOPOLOGY_VERTEX_H
#define RTM_TOPOLOGY_VERTEX_H

#include <cmath>
#include <limits>
#include <string>

namespace ns3
{

/**
 * @ingroup rtm
 * @brief The bundled vertex properties of an RtmTopology graph.
 *
 * Coordinates that a source does not give are NaN (test them with HasGeo() / HasPosition()).
 */
struct RtmTopologyVertex
{
    /// Unique name of the vertex: the GraphML node id, the ns-3 reader's node name, or "n<i>"
    /// for generated topologies.
    std::string name;
    /// Human-readable label (Topology Zoo "label"); empty when the source has none.
    std::string label;
    /// Latitude in degrees (WGS-84, north positive), NaN when missing.
    double latitude = std::numeric_limits<double>::quiet_NaN();
    /// Longitude in degrees (east positive), NaN when missing.
    double longitude = std::numeric_limits<double>::quiet_NaN();
    /// Abstract x position (generators: unit square for Waxman, column for grids), NaN when none.
    double x = std::numeric_limits<double>::quiet_NaN();
    /// Abstract y position (generators: unit square for Waxman, row for grids), NaN when none.
    double y = std::numeric_limits<double>::quiet_NaN();

    /**
     * @return true when both latitude and longitude are known
     */
    bool HasGeo() const
    {
        return !std::isnan(latitude) && !std::isnan(longitude);
    }

    /**
     * @return true when both x and y are known
     */
    bool HasPosition() const
    {
        return !std::isnan(x) && !std::isnan(y);
    }

    /**
     * @return the label when there is one, else the name
     */
    const std::string& GetDisplayName() const
    {
        return label.empty() ? name : label;
    }
};

} // namespace ns3

#endif /* RTM_TOPOLOGY_VERTEX_H */
