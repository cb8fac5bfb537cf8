/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The main demo of ns3-rtm: a real network map, one routing protocol agent on every router, a
 * scripted link failure and recovery, and what the Routing Table Managers did about it.
 *
 * - The Internet2 Abilene backbone (Internet Topology Zoo, CC BY 4.0) is read from GraphML; link
 *   delays follow the great-circle distance between the cities.
 * - Every node gets an RTM, the RTM forwarding plane and the connected-routes agent (RtmHelper),
 *   and routing agents: the distance-vector agent (RIPv2 behaviour, default), the link-state
 *   agent (--agent=ospf), or both (--agent=both: OSPF's routes win by protocol priority, RIP's
 *   stay in the RTM as the alternative).
 * - A link fails at --failAt and comes back at --recoverAt (RtmScenario), or the events of a
 *   scenario file happen instead (--scenario=FILE, RtmScenario's text format; nodes by index or
 *   label).
 * - The RIP timers the demo prefers are attribute defaults (Config::SetDefault before the
 *   command line is parsed), so --ns3::RtmRipAgent::UnsolicitedRoutingUpdate=30s and the like
 *   win over them.
 * - Every RTM change goes to a CSV file (RtmChurnTracer); after the cold start and each event
 *   the convergence monitor measures the time to the last best-route change, counts changes and
 *   protocol messages, checks every node's best routes against shortest paths of the current
 *   topology and walks the data plane for loops and black holes.
 * - The output folder (--out, default rtm-demo-output) receives the CSV files, the gnuplot data
 *   and scripts, and PNG plots when gnuplot is installed.
 *
 *   ./build/examples/rtm-demo [--agent=rip|ospf|both] [--map=FILE.graphml] [--failEdge=N]
 *                             [--scenario=FILE] [--out=DIR] [--ns3::Class::Attribute=value]
 */

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/rtm-module.h"

#include <filesystem>
#include <fstream>
#include <iostream>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("RtmDemo");

namespace
{

/**
 * @brief A node's name for the report: its label, or, when it has none (empty or the Zoo's
 * "None"), its GraphML id and index.
 * @param topo the map
 * @param v the vertex
 * @return the name
 */
std::string
Name(const RtmTopology& topo, uint32_t v)
{
    const RtmTopologyVertex& vx = topo.GetVertex(v);
    if (!vx.label.empty() && vx.label != "None")
    {
        return vx.label;
    }
    return "node " + std::to_string(v) + (vx.name.empty() ? "" : " (id " + vx.name + ")");
}

/**
 * @brief Whether a folder can be created and written to.
 * @param out the folder
 * @param why the reason if not
 * @return true if a file can be written in it
 */
bool
PrepareOutput(const std::string& out, std::string* why)
{
    std::error_code ec;
    std::filesystem::create_directories(out, ec);
    if (ec)
    {
        *why = "cannot create the folder: " + ec.message();
        return false;
    }
    const std::string probe = out + "/.rtm-demo-write-check";
    std::ofstream f(probe);
    if (!f)
    {
        *why = "cannot write in the folder";
        return false;
    }
    f.close();
    std::filesystem::remove(probe, ec);
    return true;
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string map = RtmDataPath::DefaultZooMap();
    std::string agent = "rip";
    std::string out = "rtm-demo-output";
    uint32_t failEdge = 0;
    double failAt = 60;
    double recoverAt = 150;
    double stopAt = 240;
    double settle = 20;
    uint32_t seed = 1;
    bool progress = false;

    // The demo's RIP timers (faster than RFC 2453's 30/180/120 s, so that the run is short) are
    // attribute defaults: the command line, parsed after, overrides them.
    Config::SetDefault("ns3::RtmRipAgent::UnsolicitedRoutingUpdate", TimeValue(Seconds(10)));
    Config::SetDefault("ns3::RtmRipAgent::TimeoutDelay", TimeValue(Seconds(60)));
    Config::SetDefault("ns3::RtmRipAgent::GarbageCollectionDelay", TimeValue(Seconds(40)));

    std::string scenarioFile;
    CommandLine cmd(__FILE__);
    cmd.AddValue("map", "Topology Zoo GraphML file", map);
    cmd.AddValue("agent", "routing agent on every node: rip, ospf or both", agent);
    cmd.AddValue("out", "output folder", out);
    cmd.AddValue("failEdge", "index of the link that fails", failEdge);
    cmd.AddValue("failAt", "time of the failure (s)", failAt);
    cmd.AddValue("recoverAt", "time of the recovery (s)", recoverAt);
    cmd.AddValue("scenario",
                 "file of scenario events (RtmScenario text format) instead of failEdge/failAt/"
                 "recoverAt",
                 scenarioFile);
    cmd.AddValue("stopAt", "end of the simulation (s)", stopAt);
    cmd.AddValue("settle", "quiet time after which the network counts as converged (s)", settle);
    cmd.AddValue("seed", "random seed (jitter of the agents)", seed);
    cmd.AddValue("progress", "print a progress line on stderr", progress);
    cmd.Parse(argc, argv);
    if (agent != "rip" && agent != "ospf" && agent != "both")
    {
        std::cerr << "rtm-demo: --agent must be rip, ospf or both, not '" << agent << "'\n";
        return 2;
    }
    const double kStart = 1; // the agents start at 1 s
    if (!(stopAt > kStart) || !(settle > 0))
    {
        std::cerr << "rtm-demo: need --stopAt > " << kStart << " s (the agents start at " << kStart
                  << " s) and --settle > 0 (got stopAt=" << stopAt << ", settle=" << settle
                  << ")\n";
        return 2;
    }
    if (scenarioFile.empty() && !(kStart < failAt && failAt < recoverAt && recoverAt < stopAt))
    {
        std::cerr << "rtm-demo: need " << kStart << " < --failAt < --recoverAt < --stopAt (s), got "
                  << "failAt=" << failAt << ", recoverAt=" << recoverAt << ", stopAt=" << stopAt
                  << "\n";
        return 2;
    }
    RngSeedManager::SetSeed(seed);
    std::string why;
    if (!PrepareOutput(out, &why))
    {
        std::cerr << "rtm-demo: --out=" << out << ": " << why << "\n";
        return 1;
    }

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

    // ---- routing agents on every node ------------------------------------------------------
    std::vector<std::string> txTraces;
    RtmScenario scenario(nodes);
    if (agent == "rip" || agent == "both")
    {
        RtmRipHelper rip; // timers: the attribute defaults set above, or the command line's
        rip.SetStartTime(Seconds(kStart));
        rip.Install(nodes);
        rip.AssignStreams(nodes, 100);
        txTraces.emplace_back("/NodeList/*/$ns3::RtmRipAgent/Tx");
        scenario.RegisterAgentControl(
            "rip",
            [](Ptr<Node> n) { n->GetObject<RtmRipAgent>()->Start(); },
            [](Ptr<Node> n) { n->GetObject<RtmRipAgent>()->Stop(); });
    }
    if (agent == "ospf" || agent == "both")
    {
        RtmOspfHelper ospf;
        ospf.SetStartTime(Seconds(kStart));
        ospf.Install(nodes);
        txTraces.emplace_back("/NodeList/*/$ns3::RtmOspfAgent/Tx");
        scenario.RegisterAgentControl(
            "ospf",
            [](Ptr<Node> n) { n->GetObject<RtmOspfAgent>()->Start(); },
            [](Ptr<Node> n) { n->GetObject<RtmOspfAgent>()->Stop(); });
    }

    // ---- the scenario: one link fails and comes back, or the events of a file -------------
    std::vector<std::string> labels;
    for (uint32_t v = 0; v < topo.GetNVertices(); ++v)
    {
        const std::string& label = topo.GetVertex(v).label;
        bool usable = !label.empty() && label != "None" && label != "*" &&
                      label.find_first_of(" \t") == std::string::npos;
        labels.push_back(usable ? label : "");
    }
    scenario.SetLabels(labels);
    if (scenarioFile.empty())
    {
        uint32_t a = topo.GetEdgeSource(failEdge);
        uint32_t b = topo.GetEdgeTarget(failEdge);
        scenario.AddLinkDown(Seconds(failAt), a, b);
        scenario.AddLinkUp(Seconds(recoverAt), a, b);
        std::cout << "=== scenario: link " << Name(topo, a) << " - " << Name(topo, b) << " down at "
                  << failAt << " s, up at " << recoverAt << " s; agent " << agent << "\n";
    }
    else
    {
        try
        {
            std::size_t n = scenario.LoadFile(scenarioFile);
            std::cout << "=== scenario: " << n << " events from " << scenarioFile << "; agent "
                      << agent << "\n";
        }
        catch (const std::exception& e)
        {
            std::cerr << "rtm-demo: --scenario: " << e.what() << "\n";
            return 2;
        }
        for (const RtmScenarioEvent& e : scenario.GetEvents())
        {
            if (e.time >= Seconds(stopAt))
            {
                std::cerr << "rtm-demo: --scenario: an event at " << e.time.GetSeconds()
                          << " s is not before --stopAt=" << stopAt << " s\n";
                return 2;
            }
        }
    }

    // ---- measurement -----------------------------------------------------------------------
    RtmChurnTracer tracer;
    tracer.SetChangesFile(out + "/changes.csv");
    tracer.SetSnapshotFile(out + "/snapshots.csv", Seconds(30), Seconds(stopAt));
    tracer.Install(nodes);
    RtmConvergenceMonitor monitor(nodes);
    monitor.SetSettleTime(Seconds(settle));
    monitor.Install();
    monitor.WatchScenario(scenario);
    for (const std::string& txTrace : txTraces)
    {
        monitor.ConnectMessageTrace<Ptr<const Packet>, uint32_t>(txTrace);
    }
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
