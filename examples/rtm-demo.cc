/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The main demo of ns3-rtm: a real network map, one routing protocol agent on every router, a
 * scripted link failure and recovery, and what the Routing Table Managers did about it.
 *
 * - The Internet2 Abilene backbone (Internet Topology Zoo, CC BY 4.0) is read from GraphML; link
 *   delays follow the great-circle distance between the cities.
 * - Every node gets an RTM, the RTM forwarding plane and the connected-routes agent (RtmHelper),
 *   and one routing agent: the distance-vector agent (RIPv2 behaviour, default) or the
 *   link-state agent (--agent=ospf).
 * - A link fails at --failAt and comes back at --recoverAt (RtmScenario).
 * - Every RTM change goes to a CSV file (RtmChurnTracer); after the cold start and each event
 *   the convergence monitor measures the time to the last best-route change, counts changes and
 *   protocol messages, checks every node's best routes against shortest paths of the current
 *   topology and walks the data plane for loops and black holes.
 * - The output folder (--out, default rtm-demo-output) receives the CSV files, the gnuplot data
 *   and scripts, and PNG plots when gnuplot is installed.
 *
 *   ./build/examples/rtm-demo [--agent=rip|ospf] [--map=FILE.graphml] [--failEdge=N] [--out=DIR]
 */

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/rtm-module.h"

#include <filesystem>
#include <iostream>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("RtmDemo");

namespace
{

std::string
Name(const RtmTopology& topo, uint32_t v)
{
    const RtmTopologyVertex& vx = topo.GetVertex(v);
    return vx.label.empty() ? vx.name : vx.label;
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string map = RtmDataPath::DefaultZooMap(__FILE__);
    std::string agent = "rip";
    std::string out = "rtm-demo-output";
    uint32_t failEdge = 0;
    double failAt = 60;
    double recoverAt = 150;
    double stopAt = 240;
    double settle = 20;
    uint32_t seed = 1;
    bool progress = false;

    CommandLine cmd(__FILE__);
    cmd.AddValue("map", "Topology Zoo GraphML file", map);
    cmd.AddValue("agent", "routing agent on every node: rip or ospf", agent);
    cmd.AddValue("out", "output folder", out);
    cmd.AddValue("failEdge", "index of the link that fails", failEdge);
    cmd.AddValue("failAt", "time of the failure (s)", failAt);
    cmd.AddValue("recoverAt", "time of the recovery (s)", recoverAt);
    cmd.AddValue("stopAt", "end of the simulation (s)", stopAt);
    cmd.AddValue("settle", "quiet time after which the network counts as converged (s)", settle);
    cmd.AddValue("seed", "random seed (jitter of the agents)", seed);
    cmd.AddValue("progress", "print a progress line on stderr", progress);
    cmd.Parse(argc, argv);
    if (agent != "rip" && agent != "ospf")
    {
        std::cerr << "rtm-demo: --agent must be rip or ospf, not '" << agent << "'\n";
        return 2;
    }
    RngSeedManager::SetSeed(seed);
    std::filesystem::create_directories(out);

    // ---- the map ---------------------------------------------------------------------------
    RtmGraphmlReader reader;
    RtmTopology topo;
    try
    {
        topo = reader.Read(map);
    }
    catch (const RtmTopologyError& e)
    {
        std::cerr << "rtm-demo: " << e.what() << "\n";
        return 1;
    }
    std::cout << "=== map: " << map << "\n";
    reader.GetReport().Print(std::cout);
    if (failEdge >= topo.GetNEdges())
    {
        std::cerr << "rtm-demo: --failEdge must be below " << topo.GetNEdges() << "\n";
        return 2;
    }
    topo.WriteDotFile(out + "/topology.dot");

    // ---- the network: RTM, forwarding plane and connected routes on every node -------------
    RtmHelper rtm;
    RtmTopologyHelper builder;
    builder.Install(topo, rtm);
    const NodeContainer& nodes = builder.GetNodes();

    // ---- one agent on every node -----------------------------------------------------------
    std::string txTrace;
    if (agent == "rip")
    {
        RtmRipHelper rip;
        rip.Set("UnsolicitedRoutingUpdate", TimeValue(Seconds(10)));
        rip.Set("TimeoutDelay", TimeValue(Seconds(60)));
        rip.Set("GarbageCollectionDelay", TimeValue(Seconds(40)));
        rip.SetStartTime(Seconds(1));
        rip.Install(nodes);
        rip.AssignStreams(nodes, 100);
        txTrace = "/NodeList/*/$ns3::RtmRipAgent/Tx";
    }
    else
    {
        RtmOspfHelper ospf;
        ospf.SetStartTime(Seconds(1));
        ospf.Install(nodes);
        txTrace = "/NodeList/*/$ns3::RtmOspfAgent/Tx";
    }

    // ---- the scenario: one link fails and comes back ---------------------------------------
    uint32_t a = topo.GetEdgeSource(failEdge);
    uint32_t b = topo.GetEdgeTarget(failEdge);
    RtmScenario scenario(nodes);
    scenario.AddLinkDown(Seconds(failAt), a, b);
    scenario.AddLinkUp(Seconds(recoverAt), a, b);
    std::cout << "=== scenario: link " << Name(topo, a) << " - " << Name(topo, b) << " down at "
              << failAt << " s, up at " << recoverAt << " s; agent " << agent << "\n";

    // ---- measurement -----------------------------------------------------------------------
    RtmChurnTracer tracer;
    tracer.SetChangesFile(out + "/changes.csv");
    tracer.SetSnapshotFile(out + "/snapshots.csv", Seconds(30), Seconds(stopAt));
    tracer.Install(nodes);
    RtmConvergenceMonitor monitor(nodes);
    monitor.SetSettleTime(Seconds(settle));
    monitor.Install();
    monitor.WatchScenario(scenario);
    monitor.ConnectMessageTrace<Ptr<const Packet>, uint32_t>(txTrace);
    RtmProgress bar(Seconds(stopAt));
    if (progress)
    {
        bar.Start();
    }

    Simulator::Stop(Seconds(stopAt));
    Simulator::Run();
    monitor.Finish();

    // ---- results ---------------------------------------------------------------------------
    std::cout << "=== convergence (settle " << settle << " s)\n";
    monitor.PrintSummary(std::cout);
    std::cout << "=== churn\n";
    tracer.PrintSummary(std::cout);
    monitor.WriteCsv(out + "/convergence.csv");
    RtmPlotter plotter(out);
    bool png = plotter.PlotChurn(tracer, scenario.GetTimeline());
    png = plotter.PlotConvergence(monitor) && png;
    png = plotter.PlotRoutesPerNode(nodes) && png;
    std::cout << "=== output in " << out << "/: changes.csv snapshots.csv convergence.csv "
              << "topology.dot, gnuplot .dat/.plt"
              << (png ? " and churn.png convergence.png routes-per-node.png"
                      : " (no PNG: gnuplot not found)")
              << "\n";
    Simulator::Destroy();
    return 0;
}
