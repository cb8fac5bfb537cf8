/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#ifndef RTM_CHURN_TRACER_H
#define RTM_CHURN_TRACER_H

#include "ns3/node-container.h"
#include "ns3/nstime.h"

#include <array>
#include <cstdint>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{

/**
 * @ingroup rtm
 * @brief Records every change of the RTMs of a set of nodes as CSV, takes periodic snapshots of
 * their best routes, and counts changes per node and in total.
 *
 * It listens to the trace sources of ns3::RoutingTableManager through Config paths
 * ("/NodeList/<id>/$ns3::RoutingTableManager/<source>", one per node of the container). Install
 * it after the RTMs are installed (RoutingTableManager::ForNode creates one otherwise).
 *
 * Change kinds (column `kind`):
 * - route entry events: `added`, `updated` (a significant field changed: protocol, interface,
 *   next hop or family data such as the metric), `refreshed` (re-added with nothing significant
 *   changed: only the time stamp; counted, written only if SetWriteRefreshes(true)), `deleted`
 *   (by a client or a deregistration), `aged-out` (time to live ran out);
 * - best-route events (what the forwarders see): `best-added`, `best-changed`, `best-deleted`.
 *
 * Changes CSV columns: `time,node,family,network,kind,protocol,prev_next_hop,next_hop,interface,
 * metric`. Snapshot CSV columns: `time,node,family,network,protocol,next_hop,interface,metric`
 * (every best route of every node, IP then IPX, in network order). `time` is seconds with nine
 * decimals, printed from integer nanoseconds; `node` is the node's index in the installed
 * container (not its ns-3 id, so two runs in one process give equal files); IP networks are
 * `a.b.c.d/len` and next hops dotted quads (`-` when absent); IPX networks are `0x` and eight hex
 * digits, next hops six colon-separated hex bytes, metric the tick count. No pointer, host time
 * or floating-point value reaches the files: equal runs give byte-identical files.
 *
 * Copies share one recorder; trace callbacks hold it weakly, so destroying the last copy
 * disconnects it in effect (the callbacks do nothing afterwards).
 */
class RtmChurnTracer
{
  public:
    /// A change kind.
    enum Kind : uint8_t
    {
        Added = 0,       //!< route entry created
        Updated = 1,     //!< route entry changed significantly
        Refreshed = 2,   //!< route entry re-added unchanged
        Deleted = 3,     //!< route entry deleted
        AgedOut = 4,     //!< route entry aged out
        BestAdded = 5,   //!< a network got a best route
        BestChanged = 6, //!< a network's best route changed
        BestDeleted = 7, //!< a network lost its best route
    };

    static constexpr std::size_t KIND_COUNT = 8; //!< number of kinds

    /// Counts per kind.
    struct Counts
    {
        std::array<uint64_t, KIND_COUNT> n{}; //!< count of each kind, indexed by Kind

        /**
         * @param kind a kind
         * @return its count
         */
        uint64_t Get(Kind kind) const
        {
            return n[kind];
        }

        /// @return added + updated + deleted + aged-out (refreshes excluded)
        uint64_t GetRouteChanges() const;

        /// @return best-added + best-changed + best-deleted
        uint64_t GetBestChanges() const;
    };

    /**
     * @param kind a kind
     * @return its CSV name ("added", "best-changed", ...)
     */
    static const char* GetKindName(Kind kind);

    RtmChurnTracer();

    /**
     * @brief Write the changes CSV to a file (opened now, header written at Install).
     * @param path the file (in a distributed run, the rank's file: RankFile)
     */
    void SetChangesFile(const std::string& path);

    /**
     * @brief Write the changes CSV to a stream the caller keeps alive.
     * @param os the stream (nullptr: no changes CSV)
     */
    void SetChangesStream(std::ostream* os);

    /**
     * @brief Take snapshots of every node's best routes at Install time + k * interval, up to
     * and including @p stop, into a file.
     * @param path the file (in a distributed run, the rank's file: RankFile)
     * @param interval the period (> 0)
     * @param stop the last possible snapshot time (snapshots never keep the simulation alive
     *        beyond it)
     */
    void SetSnapshotFile(const std::string& path, Time interval, Time stop);

    /**
     * @brief As SetSnapshotFile, to a stream the caller keeps alive.
     * @param os the stream
     * @param interval the period (> 0)
     * @param stop the last possible snapshot time
     */
    void SetSnapshotStream(std::ostream* os, Time interval, Time stop);

    /**
     * @param write whether `refreshed` rows are written (default false; always counted)
     */
    void SetWriteRefreshes(bool write);

    /**
     * @param write whether route entry rows are written (default true); best-route rows always are
     */
    void SetWriteRouteEvents(bool write);

    /**
     * @brief Width of the time bins of the churn series (default 1 s). Set before Install.
     * @param width the width (> 0)
     */
    void SetBinWidth(Time width);

    /**
     * @brief Connect to every node of the container.
     * @param nodes the nodes; rows name them by their index here
     */
    void Install(const NodeContainer& nodes);

    /// Write one snapshot of every node's best routes now (to the snapshot output, if any).
    void Snapshot();

    /// Flush the outputs.
    void Flush();

    /// @return the number of nodes installed
    uint32_t GetN() const;

    /**
     * @param node a node index
     * @return its counts
     */
    Counts GetCounts(uint32_t node) const;

    /// @return the counts over every node
    Counts GetTotal() const;

    /// @return the bin width
    Time GetBinWidth() const;

    /// @return best-route changes per bin (bin k covers [k w, (k+1) w) of simulation time)
    const std::vector<uint64_t>& GetBestChangeSeries() const;

    /// @return route entry changes (refreshes excluded) per bin
    const std::vector<uint64_t>& GetRouteChangeSeries() const;

    /**
     * @brief Print a table of counts per node and the total.
     * @param os the stream
     */
    void PrintSummary(std::ostream& os) const;

    /**
     * @brief Format a time as seconds with nine decimals, from integer nanoseconds.
     * @param t the time
     * @return e.g. "12.500000000"
     */
    static std::string FormatTime(Time t);

    /**
     * @brief The file this process writes for a path: the path itself in a sequential run, the
     * rank's file (RtmTraceMerge::GetRankFileName with Simulator::GetSystemId) in a distributed
     * one, where each rank records its own nodes; RtmTraceMerge::Merge joins the files.
     * @param path the path given to SetChangesFile or SetSnapshotFile
     * @return the file written
     */
    static std::string RankFile(const std::string& path);

  private:
    struct State;
    std::shared_ptr<State> m_state; //!< shared recorder
};

} // namespace ns3

#endif /* RTM_CHURN_TRACER_H */
