/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#ifndef RTM_SNAPSHOT_MONITOR_H
#define RTM_SNAPSHOT_MONITOR_H

#include "rtm-convergence-monitor.h"
#include "rtm-data-plane-check.h"

#include "ns3/node-container.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

namespace ns3
{

/**
 * @ingroup rtm
 * @brief The convergence monitor's summary computed after the run from the churn tracer's files
 * (changes.csv and the table snapshots, tables.csv), for runs whose nodes were spread over MPI
 * ranks: no rank holds every node's routes while the simulation runs, but the merged files do
 * (RtmTraceMerge).
 *
 * Epochs are given (AddEpoch: the cold start at 0, then one per scenario event), each with the
 * up/down state of the interfaces during it. Per epoch: the best-route changes are the
 * changes.csv rows of kind best-added, best-changed or best-deleted with start <= time < next
 * epoch's start; the convergence time is the last one's time - start (0 if none). The epoch is
 * evaluated on its last table snapshot before the next epoch: the RtmConvergenceMonitor route
 * check and data-plane check (RtmConvergenceMonitor::CheckInto) read the snapshot's best routes
 * (SetBestRoute, SetLookup: longest-prefix match over the node's rows) and the epoch's interface
 * state, with the protocol awareness of the monitor (expected agent, interface costs,
 * infinity). Settled: the snapshot is at least the settle time after the epoch's last change.
 * Messages: as given by SetMessages (e.g. summed over the ranks with MPI_Reduce).
 *
 * Only the snapshot rows of the evaluated times are kept, so large runs can be checked.
 * Errors in a file (unreadable, bad header, a row without a valid time, node, network, next
 * hop, protocol or interface) throw std::runtime_error naming the file and line.
 */
class RtmSnapshotMonitor
{
  public:
    /**
     * @brief A monitor of the nodes the files name by index.
     * @param nodes the nodes, in the tracer's order
     */
    explicit RtmSnapshotMonitor(const NodeContainer& nodes);

    /**
     * @param settle how long after its last change a snapshot must be to count as settled
     *        (default 5 s)
     */
    void SetSettleTime(Time settle);

    /**
     * @param cost the interface cost of the route check (null: the expected agent's)
     */
    void SetInterfaceCost(RtmConvergenceMonitor::InterfaceCost cost);

    /**
     * @brief Add the next epoch (in time order; the first usually at 0, "cold-start").
     * @param start when it begins
     * @param description what began it
     * @param state the interfaces' up/down state during it (null: the live state)
     */
    void AddEpoch(Time start,
                  const std::string& description,
                  RtmDataPlaneCheck::InterfaceState state);

    /**
     * @param epoch an epoch index (from 0, in AddEpoch order)
     * @param messages the protocol messages sent during it
     */
    void SetMessages(uint32_t epoch, uint64_t messages);

    /**
     * @brief Read the best-route changes of a changes file (RtmChurnTracer::SetChangesFile).
     * @param path the file (merged or sequential)
     * @throws std::runtime_error naming the file and line
     */
    void ReadChanges(const std::string& path);

    /**
     * @brief Read, of a snapshot file (RtmChurnTracer::SetSnapshotFile), the snapshots the
     * epochs are evaluated on (call after the epochs are added).
     * @param path the file (merged or sequential)
     * @throws std::runtime_error naming the file and line
     */
    void ReadTables(const std::string& path);

    /**
     * @brief Evaluate every epoch.
     * @return the epochs, as RtmConvergenceMonitor reports them (PrintEpochs prints them)
     */
    std::vector<RtmConvergenceMonitor::Epoch> Evaluate();

  private:
    /// One best route of a snapshot.
    struct Best
    {
        uint32_t protocol;  //!< protocol id
        uint32_t interface; //!< interface index
        uint32_t nextHop;   //!< next hop, host order
    };

    /// One node's best routes at one snapshot.
    struct NodeTable
    {
        std::unordered_map<uint64_t, Best> routes; //!< by network key
        std::vector<uint8_t> lengths;              //!< prefix lengths present, longest first
    };

    /// What an epoch is.
    struct Spec
    {
        Time start;                              //!< when it begins
        std::string description;                 //!< what began it
        RtmDataPlaneCheck::InterfaceState state; //!< interface state during it
        uint64_t messages{0};                    //!< protocol messages
        int64_t snapshot{-1};                    //!< ns of the snapshot it is evaluated on
    };

    /**
     * @brief The longest-prefix match of a node's table.
     * @param table the table
     * @param destination the address
     * @return the route, or null
     */
    static const Best* Match(const NodeTable& table, uint32_t destination);

    NodeContainer m_nodes;                              //!< the nodes
    Time m_settle{Seconds(5)};                          //!< settle time
    RtmConvergenceMonitor::InterfaceCost m_cost;        //!< interface cost, or null
    std::vector<Spec> m_epochs;                         //!< the epochs
    std::vector<int64_t> m_changes;                     //!< best-change times (ns), in order
    std::map<int64_t, std::vector<NodeTable>> m_tables; //!< evaluated snapshots, by ns
};

} // namespace ns3

#endif /* RTM_SNAPSHOT_MONITOR_H */
