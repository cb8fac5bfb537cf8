/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Large networks without simulating a protocol: RtmGlobalRoutingHelper computes shortest paths
 * once and installs them into every node's RTM; then links fail one at a time and the helper
 * recomputes only what the failure touched. Prints, per failure, how many routes changed, on how
 * many nodes, how many shortest-path trees were recomputed, and where the changes were (the nodes
 * whose routes changed). Populating a large network prints a progress line on stderr.
 *
 *   ./build/examples/rtm-large-scale [--graph=grid|ba|zoo] [--side=40] [--map=FILE.graphml]
 *       [--failures=5] [--seed=1] [--memoryLimit=0]
 *
 * --graph=grid builds a side x side grid, ba a Barabasi-Albert graph (m = 2) of side * side
 * routers, zoo reads a Topology Zoo map (default: Cogentco, shipped in data/topology-zoo/).
 * The whole run's memory is estimated first (RtmMemoryEstimate) and compared with --memoryLimit
 * GiB (0: what the machine has); a network that would not fit fails at once with the estimate.
 * At the end the peak resident memory is printed, in all and per route and per node.
 */

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/rtm-module.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <random>

using namespace ns3;

namespace
{

/**
 * @brief Count the helper's routes on every node (to tell where a failure changed routes); the
 * unordered walk, because an ordered one would build every table's ordered index (8 bytes a
 * network: 1.5 GiB at 10,000 routers).
 * @param nodes the nodes
 * @return per node, a fingerprint of its routes of protocol PROTO_IP_NETMGMT
 */
std::vector<uint64_t>
Fingerprints(const NodeContainer& nodes)
{
    std::vector<uint64_t> out(nodes.GetN(), 0);
    for (uint32_t v = 0; v < nodes.GetN(); ++v)
    {
        nodes.Get(v)->GetObject<RoutingTableManager>()->ForEachRouteUnordered(
            RtmFamily::Ip,
            [&out, v](const RtmRoute& r) {
                if (r.protocol == RtmGlobalRoutingHelper::PROTOCOL)
                {
                    uint64_t h = r.network * 0x9E3779B97F4A7C15ULL ^ r.nextHop ^
                                 (uint64_t{r.interface} << 40) ^ r.GetIpMetric();
                    out[v] += h;
                }
            });
    }
    return out;
}

/**
 * @brief The topology the options ask for.
 * @param graph grid, ba or zoo
 * @param side grid side
 * @param map GraphML file for zoo
 * @param seed random seed for ba
 * @return the topology
 */
RtmTopology
MakeTopology(const std::string& graph, uint32_t side, const std::string& map, uint32_t seed)
{
    if (graph == "zoo")
    {
        return RtmGraphmlReader().Read(map);
    }
    RtmTopologyGenerator gen(seed);
    return graph == "ba" ? gen.BarabasiAlbert(side * side, 2) : gen.Grid(side, side);
}

/**
 * @brief Fail one link and report what changed.
 * @param th the network
 * @param topo its topology
 * @param e the link
 * @param global the helper
 */
void
FailAndReport(const RtmTopologyHelper& th,
              const RtmTopology& topo,
              uint32_t e,
              RtmGlobalRoutingHelper& global)
{
    const NodeContainer& nodes = th.GetNodes();
    std::vector<uint64_t> before = Fingerprints(nodes);
    uint32_t a = topo.GetEdgeSource(e);
    uint32_t b = topo.GetEdgeTarget(e);
    th.GetNode(a)->GetObject<Ipv4>()->SetDown(th.GetInterface(e, 0));
    th.GetNode(b)->GetObject<Ipv4>()->SetDown(th.GetInterface(e, 1));
    auto t0 = std::chrono::steady_clock::now();
    uint64_t changed = global.Update();
    double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::vector<uint64_t> after = Fingerprints(nodes);
    std::vector<uint32_t> where; // nodes whose routes changed
    for (uint32_t v = 0; v < nodes.GetN(); ++v)
    {
        if (before[v] != after[v])
        {
            where.push_back(v);
        }
    }
    RtmGlobalRoutingHelper::Statistics st = global.GetStatistics();
    std::cout << "link " << e << " (" << a << " - " << b << ") down: " << changed
              << " routes changed on " << where.size() << " nodes, " << st.lastSpfRuns << " of "
              << nodes.GetN() << " trees recomputed, " << std::fixed << std::setprecision(3) << wall
              << " s (host)";
    std::cout.unsetf(std::ios::floatfield);
    std::cout << "; nodes touched:";
    for (std::size_t k = 0; k < where.size() && k < 8; ++k)
    {
        std::cout << " " << where[k];
    }
    std::cout << (where.size() > 8 ? " ..." : "") << "\n";
}

/// @return the peak resident memory of the process (VmHWM), 0 if unknown
uint64_t
PeakBytes()
{
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
    {
        if (line.rfind("VmHWM:", 0) == 0)
        {
            return std::stoull(line.substr(6)) * 1024;
        }
    }
    return 0;
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string graph = "grid";
    uint32_t side = 40;
    std::string map = RtmDataPath::Find("topology-zoo/Cogentco.graphml");
    uint32_t failures = 5;
    uint32_t seed = 1;
    double memoryLimit = 0;
    CommandLine cmd(__FILE__);
    cmd.AddValue("graph", "grid, ba (Barabasi-Albert) or zoo", graph);
    cmd.AddValue("side", "grid side; ba gets side * side routers", side);
    cmd.AddValue("map", "GraphML file for --graph=zoo", map);
    cmd.AddValue("failures", "links that fail, one after the other (drawn with --seed)", failures);
    cmd.AddValue("seed", "seed of the draw and of the ba graph", seed);
    cmd.AddValue("memoryLimit", "GiB the run may use (0: what the machine has)", memoryLimit);
    cmd.Parse(argc, argv);
    if (graph != "grid" && graph != "ba" && graph != "zoo")
    {
        std::cerr << "rtm-large-scale: --graph must be grid, ba or zoo\n";
        return 2;
    }
    RtmTopology topo;
    try
    {
        topo = MakeTopology(graph, side, map, seed);
    }
    catch (const RtmTopologyError& e)
    {
        std::cerr << "rtm-large-scale: " << e.what() << "\n";
        return 1;
    }
    const uint64_t limit = static_cast<uint64_t>(memoryLimit * (uint64_t{1} << 30));
    const uint64_t need = RtmMemoryEstimate::Estimate(topo.GetNVertices(),
                                                      topo.GetNEdges(),
                                                      0,
                                                      RtmMemoryEstimate::Routing::Global);
    try
    {
        RtmMemoryEstimate::Check(need, limit, "rtm-large-scale: the network");
    }
    catch (const std::runtime_error& e)
    {
        std::cerr << e.what() << "\n";
        return 3;
    }
    std::cout << "building " << topo.GetNVertices() << " routers, " << topo.GetNEdges()
              << " links (estimate " << RtmMemoryEstimate::Format(need) << ") ...\n";
    RtmHelper rtm;
    RtmTopologyHelper th;
    th.Install(topo, rtm);
    // Until the first Simulator::Run, ns-3 records every Time object it creates in a set (to
    // convert them should the resolution change): a sixth of Populate's time on a grid. An
    // empty run at time 0 ends that, as any simulation's start does.
    Simulator::Stop(Seconds(0));
    Simulator::Run();
    RtmGlobalRoutingHelper global(th.GetNodes());
    global.SetMemoryLimit(limit);
    global.SetIncremental(false); // the failures below call Update themselves
    global.SetProgress([](uint32_t done, uint32_t total) {
        std::cerr << "\rpopulate: " << done << " / " << total << " shortest-path trees"
                  << (done == total ? "\n" : "") << std::flush;
    });
    auto t0 = std::chrono::steady_clock::now();
    uint64_t routes = 0;
    try
    {
        routes = global.Populate();
    }
    catch (const std::runtime_error& e)
    {
        std::cerr << e.what() << "\n";
        return 3;
    }
    double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::cout << "populated " << routes << " routes (" << routes / topo.GetNVertices()
              << " a node) in " << std::fixed << std::setprecision(2) << wall << " s (host)\n";
    std::cout.unsetf(std::ios::floatfield);
    const uint64_t peak = PeakBytes();
    std::cout << "peak resident memory " << RtmMemoryEstimate::Format(peak) << ": "
              << (routes ? peak / routes : 0) << " bytes a route, " << peak / topo.GetNVertices()
              << " bytes a node\n";
    uint64_t tableBytes = 0;
    const NodeContainer nodes = th.GetNodes();
    for (uint32_t i = 0; i < nodes.GetN(); ++i)
    {
        tableBytes += nodes.Get(i)->GetObject<RoutingTableManager>()->GetMemoryUsage();
    }
    std::cout << "RTM tables " << RtmMemoryEstimate::Format(tableBytes) << ": "
              << (routes ? tableBytes / routes : 0) << " bytes a route\n";
    std::mt19937 rng(seed);
    for (uint32_t k = 0; k < failures && topo.GetNEdges() > 0; ++k)
    {
        FailAndReport(th, topo, rng() % topo.GetNEdges(), global);
    }
    if (failures > 0)
    {
        std::cout << "peak resident memory of the whole run "
                  << RtmMemoryEstimate::Format(PeakBytes()) << "\n";
    }
    Simulator::Destroy();
    return 0;
}
