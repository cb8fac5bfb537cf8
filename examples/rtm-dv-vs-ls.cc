/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Lab: distance vector against link state on the same failures of the same network
 * (doc/lab-dv-vs-ls.rst).
 *
 * The same topology is built twice, once with the distance-vector agent (RtmRipAgent) on every
 * router and once with the link-state agent (RtmOspfAgent), each on top of the node's Routing
 * Table Manager and the RTM forwarding plane (RtmHelper). Both runs go through the same timeline
 * (RtmScenario): after a warm-up, links fail one at a time and come back. The convergence
 * monitor (RtmConvergenceMonitor) measures, for the cold start and after every event:
 *   - the time to reconverge (event to last best-route change of any router),
 *   - the number of best-route changes (all routers),
 *   - the number of protocol messages (all routers, until the next event, and until the last
 *     change),
 *   - whether every router's best routes then follow shortest paths, and whether the data
 *     plane has loops or black holes.
 * A side-by-side table compares the two agents per event.
 *
 *   ./build/examples/rtm-dv-vs-ls [--topology=zoo|grid|ring] [--map=FILE.graphml]
 *        [--rows=5 --cols=5] [--ringSize=8] [--failures=3] [--links=3,7] [--seed=1]
 *        [--warmup=60] [--spacing=120] [--failure=down|silent] [--settle=15]
 *        [--agents=both|rip|ospf]
 *        [--ripPeriod=30] [--ripTimeout=180] [--helloInterval=10] [--deadInterval=40]
 *        [--csv=PREFIX]
 */

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/rtm-module.h"

#include <filesystem>
#include <iomanip>
#include <iostream>
#include <random>
#include <sstream>
#include <vector>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("RtmDvVsLs");

namespace
{

/// The lab's settings.
struct Settings
{
    std::string topology{"zoo"};
    std::string map;
    uint32_t rows{5};
    uint32_t cols{5};
    uint32_t ringSize{8};
    uint32_t failures{3};
    std::string links;
    uint32_t seed{1};
    double warmup{60};
    double spacing{120};
    std::string failure{"down"};
    double settle{15};
    std::string agents{"both"};
    double ripPeriod{30};
    double ripTimeout{180};
    double helloInterval{10};
    double deadInterval{40};
    std::string csv;
    std::string pcap; //!< capture prefix (empty: no captures)
};

/// What one agent did after one event.
struct Row
{
    std::string event;      //!< event description
    double seconds{0};      //!< convergence time
    uint64_t changes{0};    //!< best-route changes
    uint64_t messages{0};   //!< messages in the period
    uint64_t toConverge{0}; //!< messages up to the last change
    bool routesOk{false};   //!< shortest paths when evaluated
    bool planeOk{false};    //!< no loop, no black hole
};

/// True if the topology stays connected without edge e.
bool
ConnectedWithout(const RtmTopology& t, uint32_t e)
{
    RtmTopology copy("copy");
    for (uint32_t v = 0; v < t.GetNVertices(); ++v)
    {
        copy.AddVertex(t.GetVertex(v));
    }
    for (uint32_t i = 0; i < t.GetNEdges(); ++i)
    {
        if (i != e)
        {
            copy.AddEdge(t.GetEdgeSource(i), t.GetEdgeTarget(i), t.GetEdge(i));
        }
    }
    return copy.IsConnected();
}

/// The links that fail: --links, or --failures links drawn (seeded) among those whose loss
/// leaves the network connected.
std::vector<uint32_t>
ChooseLinks(const RtmTopology& t, const Settings& s)
{
    std::vector<uint32_t> out;
    if (!s.links.empty())
    {
        std::istringstream is(s.links);
        std::string item;
        while (std::getline(is, item, ','))
        {
            uint32_t e = static_cast<uint32_t>(std::stoul(item));
            NS_ABORT_MSG_IF(e >= t.GetNEdges(), "--links: no link " << e);
            out.push_back(e);
        }
        return out;
    }
    std::vector<uint32_t> candidates;
    for (uint32_t e = 0; e < t.GetNEdges(); ++e)
    {
        if (ConnectedWithout(t, e))
        {
            candidates.push_back(e);
        }
    }
    std::mt19937 rng(s.seed);
    std::shuffle(candidates.begin(), candidates.end(), rng);
    candidates.resize(std::min<std::size_t>(candidates.size(), s.failures));
    return candidates;
}

/// Build the network, run the timeline with one agent, return one row per epoch.
std::vector<Row>
RunOnce(const RtmTopology& topo,
        const std::vector<uint32_t>& links,
        const Settings& s,
        const std::string& agent)
{
    RngSeedManager::SetSeed(s.seed);
    RtmHelper rtm;
    RtmTopologyHelper builder;
    builder.Install(topo, rtm);
    if (!s.pcap.empty())
    {
        // one capture per link end: <pcap>-<agent>-<node>-<device>.pcap
        builder.GetPointToPointHelper().EnablePcapAll(s.pcap + "-" + agent);
    }
    const NodeContainer& nodes = builder.GetNodes();
    std::string tx;
    if (agent == "rip")
    {
        RtmRipHelper rip; // timers: attribute defaults (see main)
        rip.SetStartTime(Seconds(1));
        rip.Install(nodes);
        rip.AssignStreams(nodes, 100);
        tx = "/NodeList/*/$ns3::RtmRipAgent/Tx";
    }
    else
    {
        RtmOspfHelper ospf; // timers: attribute defaults (see main)
        ospf.SetStartTime(Seconds(1));
        ospf.Install(nodes);
        RtmOspfHelper::AssignStreams(nodes, 100);
        tx = "/NodeList/*/$ns3::RtmOspfAgent/Tx";
    }

    RtmConvergenceMonitor monitor(nodes);
    monitor.SetSettleTime(Seconds(s.settle));
    monitor.Install();
    monitor.ConnectMessageTrace<Ptr<const Packet>, uint32_t>(tx);
    RtmScenario scenario(nodes);
    monitor.WatchScenario(scenario);
    double t = s.warmup;
    for (uint32_t e : links)
    {
        uint32_t a = topo.GetEdgeSource(e);
        uint32_t b = topo.GetEdgeTarget(e);
        if (s.failure == "down")
        {
            // interfaces go down at both ends: the routers are told at once
            scenario.AddLinkDown(Seconds(t), a, b);
            scenario.AddLinkUp(Seconds(t + s.spacing / 2), a, b);
        }
        else
        {
            // the cable is cut but the interfaces stay up: only missing messages tell
            std::vector<Ptr<RateErrorModel>> cut;
            for (uint32_t end = 0; end < 2; ++end)
            {
                Ptr<RateErrorModel> em = CreateObject<RateErrorModel>();
                em->SetAttribute("ErrorRate", DoubleValue(1.0));
                em->SetAttribute("ErrorUnit", StringValue("ERROR_UNIT_PACKET"));
                em->Disable();
                builder.GetDevice(e, end)->SetAttribute("ReceiveErrorModel", PointerValue(em));
                cut.push_back(em);
            }
            std::ostringstream down;
            std::ostringstream up;
            down << "silent-down " << a << " " << b;
            up << "silent-up " << a << " " << b;
            Simulator::Schedule(Seconds(t), [monitor, cut, d = down.str()]() mutable {
                monitor.MarkEvent(d);
                for (const auto& em : cut)
                {
                    em->Enable();
                }
            });
            Simulator::Schedule(Seconds(t + s.spacing / 2), [monitor, cut, u = up.str()]() mutable {
                monitor.MarkEvent(u);
                for (const auto& em : cut)
                {
                    em->Disable();
                }
            });
        }
        t += s.spacing;
    }

    Simulator::Stop(Seconds(t));
    Simulator::Run();
    monitor.Finish();

    std::cout << "\n=== "
              << (agent == "rip" ? "distance vector (RtmRipAgent)" : "link state (RtmOspfAgent)")
              << "\n";
    monitor.PrintSummary(std::cout, 3);
    if (!s.csv.empty())
    {
        monitor.WriteCsv(s.csv + "-" + agent + ".csv");
    }
    std::vector<Row> rows;
    for (const RtmConvergenceMonitor::Epoch& e : monitor.GetEpochs())
    {
        Row r;
        r.event = e.description;
        r.seconds = e.convergenceTime.GetSeconds();
        r.changes = e.bestChanges;
        r.messages = e.messages;
        r.toConverge = e.messagesToConverge;
        r.routesOk = e.routes.IsOk();
        r.planeOk = e.dataPlane.IsOk();
        rows.push_back(r);
    }
    Simulator::Destroy();
    return rows;
}

} // namespace

int
main(int argc, char* argv[])
{
    Settings s;
    s.map = RtmDataPath::DefaultZooMap();
    CommandLine cmd(__FILE__);
    cmd.AddValue("topology", "zoo (a Topology Zoo map), grid or ring", s.topology);
    cmd.AddValue("map", "GraphML file for --topology=zoo (default: Abilene)", s.map);
    cmd.AddValue("rows", "grid rows", s.rows);
    cmd.AddValue("cols", "grid columns", s.cols);
    cmd.AddValue("ringSize", "ring size", s.ringSize);
    cmd.AddValue("failures", "how many links fail (one at a time), drawn with --seed", s.failures);
    cmd.AddValue("links", "comma-separated link indices to fail instead of drawing them", s.links);
    cmd.AddValue("seed", "seed of the draw and of the agents' jitter", s.seed);
    cmd.AddValue("warmup", "time of the first failure (s)", s.warmup);
    cmd.AddValue("spacing", "time between failures (s); each link is repaired half-way", s.spacing);
    cmd.AddValue("failure",
                 "down (interfaces go down: detected at once) or silent (packets lost, "
                 "interfaces up: detected by missing messages)",
                 s.failure);
    cmd.AddValue("settle", "quiet time after which a period counts as converged (s)", s.settle);
    cmd.AddValue("agents", "both, rip or ospf", s.agents);
    cmd.AddValue("ripPeriod", "RIP periodic update interval (s)", s.ripPeriod);
    cmd.AddValue("ripTimeout", "RIP route timeout (s)", s.ripTimeout);
    cmd.AddValue("helloInterval", "link-state hello interval (s)", s.helloInterval);
    cmd.AddValue("deadInterval", "link-state dead interval (s)", s.deadInterval);
    cmd.AddValue("csv", "write <csv>-rip.csv and <csv>-ospf.csv (one line per period)", s.csv);
    cmd.AddValue("pcap",
                 "write a capture of every link end, <pcap>-<agent>-<node>-<device>.pcap "
                 "(open them in Wireshark: doc/lab-wireshark.rst)",
                 s.pcap);
    cmd.Parse(argc, argv);
    if (!s.pcap.empty())
    {
        // real IPv4 and UDP checksums, so that a capture shows what a router would send
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
    }
    // The agents' timers come from --ripPeriod etc. as attribute defaults, unless the command
    // line set the attribute itself (--ns3::RtmRipAgent::UnsolicitedRoutingUpdate=...).
    RtmConfigDefaults::SetUnlessConfigured("ns3::RtmRipAgent",
                                           "UnsolicitedRoutingUpdate",
                                           TimeValue(Seconds(s.ripPeriod)));
    RtmConfigDefaults::SetUnlessConfigured("ns3::RtmRipAgent",
                                           "TimeoutDelay",
                                           TimeValue(Seconds(s.ripTimeout)));
    RtmConfigDefaults::SetUnlessConfigured("ns3::RtmRipAgent",
                                           "GarbageCollectionDelay",
                                           TimeValue(Seconds(s.ripTimeout * 2 / 3)));
    RtmConfigDefaults::SetUnlessConfigured("ns3::RtmOspfAgent",
                                           "HelloInterval",
                                           TimeValue(Seconds(s.helloInterval)));
    RtmConfigDefaults::SetUnlessConfigured("ns3::RtmOspfAgent",
                                           "RouterDeadInterval",
                                           TimeValue(Seconds(s.deadInterval)));

    RtmTopology topo;
    if (s.topology == "grid")
    {
        topo = RtmTopologyGenerator().Grid(s.rows, s.cols);
    }
    else if (s.topology == "ring")
    {
        topo = RtmTopologyGenerator().Ring(s.ringSize);
    }
    else if (s.topology == "zoo")
    {
        if (s.map.empty() || !std::filesystem::is_regular_file(s.map))
        {
            std::cerr << "rtm-dv-vs-ls: no map (--map=FILE.graphml, or use --topology=grid)\n";
            return 2;
        }
        try
        {
            topo = RtmGraphmlReader().Read(s.map);
        }
        catch (const RtmTopologyError& e)
        {
            std::cerr << "rtm-dv-vs-ls: " << e.what() << "\n";
            return 1;
        }
    }
    else
    {
        std::cerr << "rtm-dv-vs-ls: --topology must be zoo, grid or ring\n";
        return 2;
    }
    if (s.failure != "down" && s.failure != "silent")
    {
        std::cerr << "rtm-dv-vs-ls: --failure must be down or silent\n";
        return 2;
    }
    if (s.agents != "both" && s.agents != "rip" && s.agents != "ospf")
    {
        std::cerr << "rtm-dv-vs-ls: --agents must be both, rip or ospf\n";
        return 2;
    }
    std::vector<uint32_t> links = ChooseLinks(topo, s);
    std::cout << "=== " << topo << "; failing links:";
    for (uint32_t e : links)
    {
        std::cout << " " << e << " (" << topo.GetVertex(topo.GetEdgeSource(e)).name << " - "
                  << topo.GetVertex(topo.GetEdgeTarget(e)).name << ")";
    }
    std::cout << "\n";

    std::vector<Row> rip;
    std::vector<Row> ls;
    if (s.agents != "ospf")
    {
        rip = RunOnce(topo, links, s, "rip");
    }
    if (s.agents != "rip")
    {
        ls = RunOnce(topo, links, s, "ospf");
    }

    // side by side
    std::cout << "\n=== per event: distance vector (DV) | link state (LS)\n";
    std::cout << std::left << std::setw(24) << "event" << std::right << std::setw(9) << "DV s"
              << std::setw(9) << "LS s" << std::setw(10) << "DV chg" << std::setw(10) << "LS chg"
              << std::setw(10) << "DV msg" << std::setw(10) << "LS msg" << std::setw(8) << "DV ok"
              << std::setw(8) << "LS ok"
              << "\n";
    std::size_t n = std::max(rip.size(), ls.size());
    for (std::size_t i = 0; i < n; ++i)
    {
        const Row* a = i < rip.size() ? &rip[i] : nullptr;
        const Row* b = i < ls.size() ? &ls[i] : nullptr;
        std::string event = a ? a->event : b->event;
        auto num = [](const Row* r, double v, int precision) {
            std::ostringstream os;
            if (r)
            {
                os << std::fixed << std::setprecision(precision) << v;
            }
            else
            {
                os << "-";
            }
            return os.str();
        };
        bool silent = s.failure == "silent";
        auto ok = [silent](const Row* r) {
            if (!r)
            {
                return std::string("-");
            }
            if (silent)
            {
                return std::string("n/a"); // the monitor sees interfaces, not lost packets
            }
            return std::string(r->routesOk && r->planeOk ? "yes" : "NO");
        };
        std::cout << std::left << std::setw(24) << event << std::right << std::setw(9)
                  << num(a, a ? a->seconds : 0, 2) << std::setw(9) << num(b, b ? b->seconds : 0, 2)
                  << std::setw(10) << num(a, a ? a->changes : 0, 0) << std::setw(10)
                  << num(b, b ? b->changes : 0, 0) << std::setw(10)
                  << num(a, a ? a->messages : 0, 0) << std::setw(10)
                  << num(b, b ? b->messages : 0, 0) << std::setw(8) << ok(a) << std::setw(8)
                  << ok(b) << "\n";
    }
    std::cout << "(s: event to last best-route change; chg: best-route changes, all routers; "
                 "msg: messages sent until the next event; ok: shortest paths and a clean data "
                 "plane when evaluated)\n";
    return 0;
}
