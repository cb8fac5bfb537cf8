/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The main demo's scenario on ns-3's distributed simulator (the mpi module): a real map, a
 * routing agent on every router, a link failure and its recovery, with the nodes spread over the
 * MPI ranks by a graph partition (METIS when built in, else contiguous blocks).
 *
 * - --impl=seq runs in one process (no MPI); --impl=distributed uses DistributedSimulatorImpl
 *   (granted time windows), --impl=nullmsg NullMessageSimulatorImpl. Run the last two under
 *   mpirun: every rank builds every node and link (so ids and addresses agree), links between
 *   ranks become PointToPointRemoteChannel, and each rank runs the agents of its own nodes.
 * - Each rank writes its own changes and tables files (RtmChurnTracer: changes.rank-R.csv,
 *   tables.rank-R.csv); after the run rank 0 merges them (RtmTraceMerge) into changes.csv and
 *   tables.csv, the files a sequential run writes, and prints one summary: per rank (nodes,
 *   events, packets crossing to other ranks, wall time, peak memory: MPI_Gather) and the
 *   convergence of the whole network (RtmSnapshotMonitor on the merged files: convergence time,
 *   best-route changes, messages summed with MPI_Reduce, route check against the shortest
 *   paths, loops and black holes at the last snapshot of each epoch).
 * - tables.csv holds every node's best routes at every snapshot (--snapshot, default 10 s).
 *
 *   mpirun -np 2 ./rtm-distributed --impl=distributed --agent=ospf --out=DIR
 *   ./rtm-distributed --impl=seq --agent=ospf --out=DIR-seq
 *   cmp DIR/tables.csv DIR-seq/tables.csv
 */

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/mpi-interface.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/point-to-point-remote-channel.h"
#include "ns3/rtm-module.h"

#include <array>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <mpi.h>
#include <set>
#include <sys/resource.h>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("RtmDistributed");

namespace
{

/// What the command line asks for.
struct Options
{
    std::string map = RtmDataPath::DefaultZooMap(); //!< GraphML map
    std::string grid;                               //!< "RxC": a grid instead of the map
    uint32_t internet = 0;      //!< > 0: a Barabasi-Albert (m = 2) graph of that many nodes instead
    bool trace = true;          //!< write the changes and tables files
    std::string impl = "seq";   //!< seq, distributed or nullmsg
    std::string agent = "ospf"; //!< rip, ospf or both
    std::string out = "rtm-distributed-output"; //!< output folder
    std::string partition = "auto";             //!< auto, metis or contiguous
    uint32_t failEdge = 0;                      //!< the link that fails
    double failAt = 60;                         //!< s
    double recoverAt = 150;                     //!< s
    double stopAt = 240;                        //!< s
    double snapshot = 10;                       //!< s between table snapshots
};

/// Per-rank measurements, gathered on rank 0.
struct RankStats
{
    double wall;         //!< seconds of host time in Simulator::Run (a measurement, not a result)
    double peakMiB;      //!< peak resident memory
    uint64_t events;     //!< events this rank executed
    uint64_t crossing;   //!< packets this rank sent over links to other ranks
    uint64_t localNodes; //!< nodes this rank simulates
};

/**
 * @brief Read the map or make the grid.
 * @param o the options
 * @return the topology
 * @throws RtmTopologyError for a bad map or grid
 */
RtmTopology
LoadTopology(const Options& o)
{
    if (!o.grid.empty())
    {
        uint32_t rows = 0;
        uint32_t cols = 0;
        char x = 0;
        std::istringstream in(o.grid);
        if (!(in >> rows >> x >> cols) || x != 'x' || rows == 0 || cols == 0)
        {
            throw RtmTopologyError("--grid", "expected ROWSxCOLS, got '" + o.grid + "'");
        }
        return RtmTopologyGenerator().Grid(rows, cols);
    }
    if (o.internet > 0)
    {
        return RtmTopologyGenerator().BarabasiAlbert(o.internet, 2);
    }
    return RtmGraphmlReader().Read(o.map);
}

/**
 * @brief Install the agents on every node (each starts only on its own rank's nodes).
 * @param o the options
 * @param nodes the nodes
 */
void
InstallAgents(const Options& o, const NodeContainer& nodes)
{
    if (o.agent == "rip" || o.agent == "both")
    {
        RtmRipHelper rip;
        rip.SetStartTime(Seconds(1));
        rip.Install(nodes);
        rip.AssignStreams(nodes, 100);
    }
    if (o.agent == "ospf" || o.agent == "both")
    {
        RtmOspfHelper ospf;
        ospf.SetStartTime(Seconds(1));
        ospf.Install(nodes);
    }
}

/**
 * @brief Count the packets sent on this rank's ends of links to other ranks.
 * @param nodes the nodes
 * @param counter incremented per packet
 */
void
CountCrossing(const NodeContainer& nodes, uint64_t* counter)
{
    for (uint32_t i = 0; i < nodes.GetN(); ++i)
    {
        Ptr<Node> node = nodes.Get(i);
        if (!RtmIsLocalNode(node))
        {
            continue;
        }
        for (uint32_t d = 0; d < node->GetNDevices(); ++d)
        {
            Ptr<NetDevice> dev = node->GetDevice(d);
            if (DynamicCast<PointToPointRemoteChannel>(dev->GetChannel()))
            {
                dev->TraceConnectWithoutContext("PhyTxBegin",
                                                RtmMakeCallback<void, Ptr<const Packet>>(
                                                    [counter](Ptr<const Packet>) { ++*counter; }));
            }
        }
    }
}

/// The epochs of the scenario: cold start, the failure, the recovery.
constexpr uint32_t EPOCHS = 3;

/**
 * @brief Count the routing messages this rank's nodes send, per epoch.
 * @param o the options
 * @param nodes the nodes
 * @param counts one counter per epoch
 */
void
CountMessages(const Options& o, const NodeContainer& nodes, std::array<uint64_t, EPOCHS>* counts)
{
    auto count = [o, counts](Ptr<const Packet>, uint32_t) {
        const Time now = Simulator::Now();
        ++(*counts)[now < Seconds(o.failAt) ? 0 : now < Seconds(o.recoverAt) ? 1 : 2];
    };
    for (uint32_t i = 0; i < nodes.GetN(); ++i)
    {
        if (!RtmIsLocalNode(nodes.Get(i)))
        {
            continue;
        }
        for (const char* type : {"ns3::RtmRipAgent", "ns3::RtmOspfAgent"})
        {
            Config::ConnectWithoutContextFailSafe(
                "/NodeList/" + std::to_string(nodes.Get(i)->GetId()) + "/$" + type + "/Tx",
                RtmMakeCallback<void, Ptr<const Packet>, uint32_t>(count));
        }
    }
}

/**
 * @brief The convergence summary of the whole network, from the merged (or sequential) files:
 * every node's best routes at the last snapshot of each epoch, checked against the shortest
 * paths and walked for loops and black holes (RtmSnapshotMonitor).
 * @param o the options
 * @param nodes the nodes
 * @param failed (node, interface) of both ends of the failed link
 * @param messages messages per epoch, summed over the ranks
 */
void
PrintConvergence(const Options& o,
                 const NodeContainer& nodes,
                 const std::set<std::pair<uint32_t, uint32_t>>& failed,
                 const std::array<uint64_t, EPOCHS>& messages)
{
    RtmSnapshotMonitor monitor(nodes);
    auto live = [nodes](uint32_t n, uint32_t i) {
        return nodes.Get(n)->GetObject<Ipv4>()->IsUp(i);
    };
    monitor.AddEpoch(Seconds(0), "cold-start", live);
    monitor.AddEpoch(Seconds(o.failAt), "link-down", [live, failed](uint32_t n, uint32_t i) {
        return failed.count({n, i}) == 0 && live(n, i);
    });
    monitor.AddEpoch(Seconds(o.recoverAt), "link-up", live);
    for (uint32_t e = 0; e < EPOCHS; ++e)
    {
        monitor.SetMessages(e, messages[e]);
    }
    monitor.ReadChanges(o.out + "/changes.csv");
    monitor.ReadTables(o.out + "/tables.csv");
    std::cout << "=== convergence of all nodes, from the merged files (last snapshot of each "
                 "epoch)\n";
    RtmConvergenceMonitor::PrintEpochs(std::cout, monitor.Evaluate());
}

/**
 * @brief Merge the ranks' files and print the summary (rank 0 only).
 * @param o the options
 * @param ranks the number of ranks
 * @param stats every rank's measurements
 */
void
Summarise(const Options& o, uint32_t ranks, const std::vector<RankStats>& stats)
{
    uint64_t changes = 0;
    uint64_t tables = 0;
    if (ranks > 1 && o.trace)
    {
        std::vector<std::string> c;
        std::vector<std::string> t;
        for (uint32_t r = 0; r < ranks; ++r)
        {
            c.push_back(RtmTraceMerge::GetRankFileName(o.out + "/changes.csv", r));
            t.push_back(RtmTraceMerge::GetRankFileName(o.out + "/tables.csv", r));
        }
        changes = RtmTraceMerge::Merge(c, o.out + "/changes.csv");
        tables = RtmTraceMerge::Merge(t, o.out + "/tables.csv");
    }
    std::cout << "=== merged " << ranks << " rank file(s): " << o.out << "/changes.csv (" << changes
              << " rows), " << o.out << "/tables.csv (" << tables << " rows)\n";
    std::cout << "rank  nodes  events        crossing  wall-s   peak-MiB\n";
    for (uint32_t r = 0; r < stats.size(); ++r)
    {
        const RankStats& s = stats[r];
        std::cout << std::setw(4) << r << std::setw(7) << s.localNodes << std::setw(14) << s.events
                  << std::setw(10) << s.crossing << std::setw(9) << std::fixed
                  << std::setprecision(2) << s.wall << std::setw(11) << s.peakMiB << "\n";
    }
}

/**
 * @brief Build, run and report.
 * @param o the options
 * @return the exit code
 */
int
Run(const Options& o)
{
    const uint32_t ranks = o.impl == "seq" ? 1 : MpiInterface::GetSize();
    const uint32_t rank = o.impl == "seq" ? 0 : MpiInterface::GetSystemId();
    RtmTopology topo = LoadTopology(o);
    if (o.failEdge >= topo.GetNEdges())
    {
        throw RtmTopologyError("--failEdge", "must be below " + std::to_string(topo.GetNEdges()));
    }
    using Method = RtmTopologyPartition::Method;
    Method method = o.partition == "metis"        ? Method::METIS
                    : o.partition == "contiguous" ? Method::CONTIGUOUS
                                                  : Method::AUTO;
    RtmTopologyPartition partition = RtmTopologyPartition::Compute(topo, ranks, method);
    if (rank == 0)
    {
        std::cout << "=== " << topo.GetNVertices() << " nodes, " << topo.GetNEdges() << " links on "
                  << ranks << " rank(s), " << o.impl << ", agent " << o.agent << "\n";
        partition.Print(std::cout);
    }
    std::filesystem::create_directories(o.out);

    RtmHelper rtm;
    RtmTopologyHelper builder;
    builder.SetPartition(partition);
    builder.Install(topo, rtm);
    const NodeContainer& nodes = builder.GetNodes();
    InstallAgents(o, nodes);
    RtmScenario scenario(nodes);
    scenario.AddLinkDown(Seconds(o.failAt),
                         topo.GetEdgeSource(o.failEdge),
                         topo.GetEdgeTarget(o.failEdge));
    scenario.AddLinkUp(Seconds(o.recoverAt),
                       topo.GetEdgeSource(o.failEdge),
                       topo.GetEdgeTarget(o.failEdge));
    RtmChurnTracer tracer; // writes this rank's files in a distributed run
    if (o.trace)
    {
        tracer.SetChangesFile(o.out + "/changes.csv");
        tracer.SetSnapshotFile(o.out + "/tables.csv", Seconds(o.snapshot), Seconds(o.stopAt));
        tracer.Install(nodes);
    }
    uint64_t crossing = 0;
    CountCrossing(nodes, &crossing);
    std::array<uint64_t, EPOCHS> messages{};
    CountMessages(o, nodes, &messages);
    std::set<std::pair<uint32_t, uint32_t>> failed;
    for (const auto& [a, b] :
         scenario.FindLinks(topo.GetEdgeSource(o.failEdge), topo.GetEdgeTarget(o.failEdge)))
    {
        failed.insert({topo.GetEdgeSource(o.failEdge), a});
        failed.insert({topo.GetEdgeTarget(o.failEdge), b});
    }

    Simulator::Stop(Seconds(o.stopAt));
    auto begin = std::chrono::steady_clock::now();
    Simulator::Run();
    std::chrono::duration<double> wall = std::chrono::steady_clock::now() - begin;
    tracer.Flush();
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    RankStats mine{wall.count(),
                   static_cast<double>(usage.ru_maxrss) / 1024.0,
                   Simulator::GetEventCount(),
                   crossing,
                   partition.GetPartSizes()[rank]};
    std::vector<RankStats> all(ranks, mine);
    std::array<uint64_t, EPOCHS> allMessages = messages;
    if (ranks > 1)
    {
        MPI_Reduce(messages.data(),
                   allMessages.data(),
                   EPOCHS,
                   MPI_UINT64_T,
                   MPI_SUM,
                   0,
                   MpiInterface::GetCommunicator());
        // every rank's files are closed before rank 0 reads them
        MPI_Gather(&mine,
                   sizeof mine,
                   MPI_BYTE,
                   all.data(),
                   sizeof mine,
                   MPI_BYTE,
                   0,
                   MpiInterface::GetCommunicator());
    }
    if (rank == 0)
    {
        Summarise(o, ranks, all);
        if (o.trace)
        {
            PrintConvergence(o, nodes, failed, allMessages);
        }
    }
    Simulator::Destroy();
    return 0;
}

} // namespace

int
main(int argc, char* argv[])
{
    Options o;
    Config::SetDefault("ns3::RtmRipAgent::UnsolicitedRoutingUpdate", TimeValue(Seconds(10)));
    Config::SetDefault("ns3::RtmRipAgent::TimeoutDelay", TimeValue(Seconds(60)));
    Config::SetDefault("ns3::RtmRipAgent::GarbageCollectionDelay", TimeValue(Seconds(40)));
    CommandLine cmd(__FILE__);
    cmd.AddValue("map", "Topology Zoo GraphML file", o.map);
    cmd.AddValue("grid", "ROWSxCOLS: a grid of routers instead of the map", o.grid);
    cmd.AddValue("internet",
                 "N: a generated Internet-like (Barabasi-Albert, m = 2) graph of N nodes instead "
                 "of the map",
                 o.internet);
    cmd.AddValue("trace", "write changes.csv and tables.csv", o.trace);
    cmd.AddValue("impl", "seq, distributed (granted time window) or nullmsg", o.impl);
    cmd.AddValue("agent", "routing agent on every node: rip, ospf or both", o.agent);
    cmd.AddValue("out", "output folder", o.out);
    cmd.AddValue("partition", "auto, metis or contiguous", o.partition);
    cmd.AddValue("failEdge", "index of the link that fails", o.failEdge);
    cmd.AddValue("failAt", "time of the failure (s)", o.failAt);
    cmd.AddValue("recoverAt", "time of the recovery (s)", o.recoverAt);
    cmd.AddValue("stopAt", "end of the simulation (s)", o.stopAt);
    cmd.AddValue("snapshot", "time between table snapshots (s)", o.snapshot);
    cmd.Parse(argc, argv);
    if ((o.impl != "seq" && o.impl != "distributed" && o.impl != "nullmsg") ||
        (o.agent != "rip" && o.agent != "ospf" && o.agent != "both") ||
        (o.partition != "auto" && o.partition != "metis" && o.partition != "contiguous") ||
        !(1 < o.failAt && o.failAt < o.recoverAt && o.recoverAt < o.stopAt) || !(o.snapshot > 0))
    {
        std::cerr << "rtm-distributed: need --impl=seq|distributed|nullmsg, "
                     "--agent=rip|ospf|both, --partition=auto|metis|contiguous, "
                     "1 < --failAt < --recoverAt < --stopAt and --snapshot > 0\n";
        return 2;
    }
    if (o.impl != "seq")
    {
        GlobalValue::Bind("SimulatorImplementationType",
                          StringValue(o.impl == "distributed" ? "ns3::DistributedSimulatorImpl"
                                                              : "ns3::NullMessageSimulatorImpl"));
        MpiInterface::Enable(&argc, &argv);
    }
    int rc = 0;
    try
    {
        rc = Run(o);
    }
    catch (const std::exception& e)
    {
        // every rank reaches the same verdict (the same inputs), so all leave here together;
        // rank 0 says why, once
        if (o.impl == "seq" || MpiInterface::GetSystemId() == 0)
        {
            std::cerr << "rtm-distributed: " << e.what() << "\n";
        }
        rc = 1;
    }
    if (o.impl != "seq")
    {
        MpiInterface::Disable();
    }
    return rc;
}
