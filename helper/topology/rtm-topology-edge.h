/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#ifndef RTM_TOPOLOGY_EDGE_H
#define RTM_TOPOLOGY_EDGE_H

#include "ns3/nstime.h"

#include <cstdint>

namespace ns3
{

/**
 * @ingroup rtm
 * @brief The bundled edge properties of an RtmTopology graph (one undirected link).
 */
struct RtmTopologyEdge
{
    /// Link data rate in bit/s (both directions). Must be > 0.
    uint64_t dataRateBps = 1000000000ULL;
    /// One-way propagation delay. Must be >= 0.
    Time delay = MilliSeconds(1);
    /// Routing metric: 1 (hop count) by default, or a distance-derived value. Must be >= 1.
    uint32_t metric = 1;
    /// Dense edge index 0..E-1 in insertion order; set by RtmTopology::AddEdge (read-only).
    uint32_t index = 0;
    /// 1-based line of the edge element in its source file, 0 when not read from a file.
    uint32_t sourceLine = 0;
};

} // namespace ns3

#endif /* RTM_TOPOLOGY_EDGE_H */
