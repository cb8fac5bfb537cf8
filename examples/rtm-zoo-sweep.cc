/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The main demo's scenario on every map of a folder: for each Topology Zoo GraphML file and each
 * agent, cold start, link 0 down at --failAt, up at --recoverAt, and one line with what the
 * convergence monitor concluded. A map the reader refuses gets one line with the reason.
 *
 *   ./build/examples/rtm-zoo-sweep --dir=FOLDER-OF-GRAPHML-MAPS [--agents=rip,ospf]
 *       [--only=Abilene,Geant2012] [--csv=sweep.csv]
 *
 * Verdicts: "ok" (every evaluation found the tables and the data plane right; notes say when
 * some networks were beyond the protocol's reach or the map has disconnected parts), "BAD"
 * (a mismatch, loop or black hole; the counts follow), "refused" (the map did not load), "no
 * links" (nothing to fail). "converged" says whether every period settled before the next event.
 * The wall time is the host's and is the only column that varies between runs.
 */

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/rtm-module.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

using namespace ns3;

namespace
{

/// The sweep's settings (the main demo's scenario and timers).
struct Settings
{
    double failAt{60};     //!< link 0 goes down (s)
    double recoverAt{150}; //!< and comes back (s)
    double stopAt{240};    //!< end (s)
    double settle{20};     //!< quiet time that counts as converged (s)
    uint32_t seed{1};      //!< random seed
};

/// One line of the sweep.
struct Result
{
    std::string map;          //!< file name
    std::string agent;        //!< rip or ospf
    uint32_t nodes{0};        //!< routers
    uint32_t links{0};        //!< links
    uint32_t parts{0};        //!< connected components
    std::string verdict;      //!< ok, BAD, refused, no links
    std::string notes;        //!< beyond reach, disconnected, counts, or the refusal
    bool converged{false};    //!< every period settled
    uint64_t changes{0};      //!< best-route changes
    uint64_t messages{0};     //!< protocol messages
    double maxConvergence{0}; //!< longest convergence time of a period (s)
    double wall{0};           //!< host seconds
};

/**
 * @brief Install one agent on every node, as the main demo does.
 * @param agent rip or ospf
 * @param nodes the nodes
 * @return the path of the agent's Tx trace source
 */
std::string
InstallAgent(const std::string& agent, const NodeContainer& nodes)
{
    if (agent == "rip")
    {
        RtmRipHelper rip; // the main demo's timers, set as defaults in main
        rip.SetStartTime(Seconds(1));
        rip.Install(nodes);
        rip.AssignStreams(nodes, 100);
        return "/NodeList/*/$ns3::RtmRipAgent/Tx";
    }
    RtmOspfHelper ospf;
    ospf.SetStartTime(Seconds(1));
    ospf.Install(nodes);
    RtmOspfHelper::AssignStreams(nodes, 100);
    return "/NodeList/*/$ns3::RtmOspfAgent/Tx";
}

/**
 * @brief Sum up the monitor's periods into a verdict.
 * @param monitor the finished monitor
 * @param r the result to fill
 */
void
Judge(const RtmConvergenceMonitor& monitor, Result* r)
{
    uint64_t mismatches = 0;
    uint64_t loops = 0;
    uint64_t holes = 0;
    uint64_t beyond = 0;
    uint32_t infinity = 0;
    uint64_t diameter = 0;
    r->converged = true;
    for (const RtmConvergenceMonitor::Epoch& e : monitor.GetEpochs())
    {
        mismatches += e.routes.mismatchCount;
        loops += e.dataPlane.loops;
        holes += e.dataPlane.blackHoles;
        beyond = std::max(beyond, e.routes.beyondReach);
        infinity = std::max(infinity, e.routes.infinity);
        diameter = std::max(diameter, e.routes.maxDistance);
        r->converged = r->converged && e.evaluated && e.settled;
        r->maxConvergence = std::max(r->maxConvergence, e.convergenceTime.GetSeconds());
    }
    r->changes = monitor.GetTotalBestChanges();
    r->messages = monitor.GetTotalMessages();
    std::ostringstream notes;
    if (mismatches + loops + holes == 0)
    {
        r->verdict = "ok";
    }
    else
    {
        r->verdict = "BAD";
        notes << "mismatches " << mismatches << ", loops " << loops << ", black holes " << holes
              << "; ";
    }
    if (beyond != 0)
    {
        notes << "beyond reach: " << beyond << " pairs (diameter " << diameter << " >= infinity "
              << infinity << "); ";
    }
    if (r->parts > 1)
    {
        notes << "disconnected: " << r->parts << " parts; ";
    }
    r->notes = notes.str();
    if (!r->notes.empty())
    {
        r->notes.resize(r->notes.size() - 2);
    }
}

/**
 * @brief Run the scenario on one map with one agent.
 * @param path the GraphML file
 * @param agent rip or ospf
 * @param s the settings
 * @return the result
 */
Result
RunOne(const std::filesystem::path& path, const std::string& agent, const Settings& s)
{
    Result r;
    r.map = path.filename().string();
    r.agent = agent;
    auto start = std::chrono::steady_clock::now();
    RtmTopology topo;
    try
    {
        topo = RtmGraphmlReader().Read(path.string());
    }
    catch (const RtmTopologyError& e)
    {
        r.verdict = "refused";
        r.notes = e.what();
        return r;
    }
    r.nodes = topo.GetNVertices();
    r.links = topo.GetNEdges();
    r.parts = topo.CountComponents();
    if (r.links == 0)
    {
        r.verdict = "no links";
        return r;
    }
    RngSeedManager::SetSeed(s.seed);
    RtmHelper rtm;
    RtmTopologyHelper builder;
    builder.Install(topo, rtm);
    const NodeContainer& nodes = builder.GetNodes();
    std::string tx = InstallAgent(agent, nodes);
    RtmScenario scenario(nodes);
    scenario.AddLinkDown(Seconds(s.failAt), topo.GetEdgeSource(0), topo.GetEdgeTarget(0));
    scenario.AddLinkUp(Seconds(s.recoverAt), topo.GetEdgeSource(0), topo.GetEdgeTarget(0));
    RtmConvergenceMonitor monitor(nodes);
    monitor.SetSettleTime(Seconds(s.settle));
    monitor.Install();
    monitor.WatchScenario(scenario);
    monitor.ConnectMessageTrace<Ptr<const Packet>, uint32_t>(tx);
    Simulator::Stop(Seconds(s.stopAt));
    Simulator::Run();
    monitor.Finish();
    Judge(monitor, &r);
    Simulator::Destroy();
    r.wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return r;
}

/**
 * @brief Print one result as a fixed-width line.
 * @param os the stream
 * @param r the result
 */
void
PrintLine(std::ostream& os, const Result& r)
{
    os << std::left << std::setw(44) << r.map << std::setw(6) << r.agent << std::right
       << std::setw(6) << r.nodes << std::setw(6) << r.links << "  " << std::left << std::setw(9)
       << r.verdict << std::setw(10)
       << (r.verdict == "ok" || r.verdict == "BAD" ? (r.converged ? "converged" : "unsettled")
                                                   : "-")
       << std::right << std::fixed << std::setprecision(1) << std::setw(8) << r.maxConvergence
       << std::setw(10) << r.changes << std::setw(8) << r.wall << "  " << r.notes << "\n";
    os.unsetf(std::ios::floatfield);
}

/**
 * @brief Print one result as a CSV row.
 * @param os the stream
 * @param r the result
 */
void
PrintCsv(std::ostream& os, const Result& r)
{
    std::string notes = r.notes;
    std::replace(notes.begin(), notes.end(), '"', '\'');
    os << r.map << ',' << r.agent << ',' << r.nodes << ',' << r.links << ',' << r.parts << ','
       << r.verdict << ',' << (r.converged ? 1 : 0) << ',' << r.maxConvergence << ',' << r.changes
       << ',' << r.messages << ',' << r.wall << ",\"" << notes << "\"\n";
}

/**
 * @brief The maps to run: every .graphml file of the folder, sorted, or those named in @p only.
 * @param dir the folder
 * @param only comma-separated map names without extension (empty: all)
 * @return the files
 */
std::vector<std::filesystem::path>
ListMaps(const std::string& dir, const std::string& only)
{
    std::vector<std::filesystem::path> maps;
    for (const auto& entry : std::filesystem::directory_iterator(dir))
    {
        if (entry.path().extension() == ".graphml")
        {
            maps.push_back(entry.path());
        }
    }
    std::sort(maps.begin(), maps.end());
    if (!only.empty())
    {
        std::string list = "," + only + ",";
        maps.erase(std::remove_if(maps.begin(),
                                  maps.end(),
                                  [&list](const std::filesystem::path& p) {
                                      return list.find("," + p.stem().string() + ",") ==
                                             std::string::npos;
                                  }),
                   maps.end());
    }
    return maps;
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string dir;
    std::string agents = "rip,ospf";
    std::string only;
    std::string csv;
    Settings s;
    CommandLine cmd(__FILE__);
    cmd.AddValue("dir", "folder of Topology Zoo GraphML files", dir);
    cmd.AddValue("agents", "comma-separated: rip, ospf", agents);
    cmd.AddValue("only", "comma-separated map names (without .graphml) to run", only);
    cmd.AddValue("csv", "also write one CSV row per line to this file", csv);
    cmd.AddValue("failAt", "link 0 goes down (s)", s.failAt);
    cmd.AddValue("recoverAt", "link 0 comes back (s)", s.recoverAt);
    cmd.AddValue("stopAt", "end of each run (s)", s.stopAt);
    cmd.AddValue("settle", "quiet time that counts as converged (s)", s.settle);
    cmd.AddValue("seed", "random seed", s.seed);
    cmd.Parse(argc, argv);
    // the main demo's RIP timers, unless the command line set them (--ns3::RtmRipAgent::...)
    RtmConfigDefaults::SetUnlessConfigured("ns3::RtmRipAgent",
                                           "UnsolicitedRoutingUpdate",
                                           TimeValue(Seconds(10)));
    RtmConfigDefaults::SetUnlessConfigured("ns3::RtmRipAgent",
                                           "TimeoutDelay",
                                           TimeValue(Seconds(60)));
    RtmConfigDefaults::SetUnlessConfigured("ns3::RtmRipAgent",
                                           "GarbageCollectionDelay",
                                           TimeValue(Seconds(40)));
    if (dir.empty() || !std::filesystem::is_directory(dir))
    {
        std::cerr << "rtm-zoo-sweep: --dir=FOLDER of .graphml files is required ('" << dir
                  << "' is not a folder)\n";
        return 2;
    }
    if (!(s.failAt > 0 && s.failAt < s.recoverAt && s.recoverAt < s.stopAt && s.settle > 0))
    {
        std::cerr << "rtm-zoo-sweep: need 0 < failAt < recoverAt < stopAt and settle > 0\n";
        return 2;
    }
    std::vector<std::string> agentList;
    std::istringstream is(agents);
    for (std::string a; std::getline(is, a, ',');)
    {
        if (a != "rip" && a != "ospf")
        {
            std::cerr << "rtm-zoo-sweep: unknown agent '" << a << "' (rip, ospf)\n";
            return 2;
        }
        agentList.push_back(a);
    }
    std::ofstream csvOut;
    if (!csv.empty())
    {
        csvOut.open(csv);
        if (!csvOut)
        {
            std::cerr << "rtm-zoo-sweep: cannot write " << csv << "\n";
            return 2;
        }
        csvOut << "map,agent,nodes,links,parts,verdict,converged,max_convergence_s,"
                  "best_changes,messages,wall_s,notes\n";
    }
    std::cout << std::left << std::setw(44) << "map" << std::setw(6) << "agent" << std::right
              << std::setw(6) << "nodes" << std::setw(6) << "links"
              << "  " << std::left << std::setw(9) << "verdict" << std::setw(10) << "settled"
              << std::right << std::setw(8) << "conv(s)" << std::setw(10) << "changes"
              << std::setw(8) << "wall(s)"
              << "  notes\n";
    std::map<std::string, uint32_t> totals;
    for (const std::filesystem::path& map : ListMaps(dir, only))
    {
        for (const std::string& agent : agentList)
        {
            Result r = RunOne(map, agent, s);
            PrintLine(std::cout, r);
            std::cout.flush();
            if (csvOut.is_open())
            {
                PrintCsv(csvOut, r);
            }
            ++totals[agent + " " + r.verdict];
            totals[agent + " unsettled"] += (r.verdict == "ok" && !r.converged) ? 1 : 0;
        }
    }
    std::cout << "totals:";
    for (const auto& [what, n] : totals)
    {
        std::cout << "  " << what << " " << n;
    }
    std::cout << "\n";
    return totals.count("rip BAD") + totals.count("ospf BAD") == 0 ? 0 : 1;
}
