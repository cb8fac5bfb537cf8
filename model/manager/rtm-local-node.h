/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef RTM_LOCAL_NODE_H
#define RTM_LOCAL_NODE_H

#include "ns3/node.h"
#include "ns3/ptr.h"

#include <cstdint>

namespace ns3
{

/**
 * @ingroup rtm
 * @brief Whether the simulator runs distributed (ns-3's mpi module: the global value
 * SimulatorImplementationType names ns3::DistributedSimulatorImpl or
 * ns3::NullMessageSimulatorImpl).
 * @return true in a distributed run
 */
bool RtmIsDistributedRun();

/**
 * @ingroup rtm
 * @brief Whether a node belongs to this process.
 *
 * In a distributed run each rank simulates only the nodes whose system id is its own
 * (Simulator::GetSystemId); the others exist on every rank so that ids and addresses agree, but
 * nothing runs on them there. In a sequential run every node is local, whatever its system id
 * (a partitioned topology can be run sequentially to compare).
 *
 * @param node a node (null: false)
 * @return true when the node is simulated by this process
 */
bool RtmIsLocalNode(Ptr<const Node> node);

} // namespace ns3

#endif /* RTM_LOCAL_NODE_H */
