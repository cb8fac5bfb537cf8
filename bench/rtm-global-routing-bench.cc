/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmGlobalRoutingHelper against ns-3's Ipv4GlobalRoutingHelper, in one run, on the same
 * topologies and addresses (RtmTopologyHelper: point-to-point routers, one /30 a link):
 * - populate: Ipv4GlobalRoutingHelper::PopulateRoutingTables() against
 *   RtmGlobalRoutingHelper::Populate() (wall time, peak memory of the process, routes);
 * - one link failure: both interfaces of link 0 go down, then
 *   Ipv4GlobalRoutingHelper::RecomputeRoutingTables() against RtmGlobalRoutingHelper::Update()
 *   (incremental).
 * Each (implementation, topology) runs in its own process (fork), so peak memory is its own.
 *
 *   ./build/bench/rtm-global-routing-bench [--sizes=20,40] [--graphs=grid,ba] [--cap=900]
 *
 * --sizes are grid sides (20 -> 400 routers); "ba" is a Barabasi-Albert graph (m = 2, an
 * Internet-like degree distribution) with as many routers.
 */

#include "rtm-bench-util.h"

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/rtm-module.h"

#include <iomanip>
#include <iostream>
#include <sstream>

using namespace ns3;

namespace
{

/// One measured run.
struct Run
{
    bool ok{false};      //!< the child finished
    double populate{0};  //!< seconds to populate
    double recompute{0}; //!< seconds to react to one link failure
    uint64_t routes{0};  //!< routes installed
    long peakKb{0};      //!< peak resident memory of the process
    std::string note;    //!< why not ok
};

/**
 * @brief The topology of a run.
 * @param graph grid or ba
 * @param side the grid side (ba: side * side routers)
 * @return the topology
 */
RtmTopology
MakeTopology(const std::string& graph, uint32_t side)
{
    RtmTopologyGenerator gen(7);
    return graph == "grid" ? gen.Grid(side, side) : gen.BarabasiAlbert(side * side, 2);
}

/**
 * @brief Take both interfaces of a link down.
 * @param th the built network
 * @param t its topology
 * @param e the link
 */
void
FailLink(const RtmTopologyHelper& th, const RtmTopology& t, uint32_t e)
{
    th.GetNode(t.GetEdgeSource(e))->GetObject<Ipv4>()->SetDown(th.GetInterface(e, 0));
    th.GetNode(t.GetEdgeTarget(e))->GetObject<Ipv4>()->SetDown(th.GetInterface(e, 1));
}

/**
 * @brief ns-3's global routing on one topology (in the child).
 * @param t the topology
 * @return "populate recompute routes peakKb"
 */
std::string
MeasureNs3(const RtmTopology& t)
{
    RtmTopologyHelper th;
    th.Install(t); // InternetStackHelper's default: Ipv4StaticRouting + Ipv4GlobalRouting
    auto t0 = rtmbench::WallClock::now();
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();
    double populate = rtmbench::WallSecondsSince(t0);
    uint64_t routes = 0;
    for (uint32_t v = 0; v < t.GetNVertices(); ++v)
    {
        Ptr<Ipv4GlobalRouting> g = th.GetNode(v)->GetObject<Ipv4GlobalRouting>();
        Ptr<Ipv4ListRouting> list =
            DynamicCast<Ipv4ListRouting>(th.GetNode(v)->GetObject<Ipv4>()->GetRoutingProtocol());
        for (uint32_t i = 0; !g && list && i < list->GetNRoutingProtocols(); ++i)
        {
            int16_t priority;
            g = DynamicCast<Ipv4GlobalRouting>(list->GetRoutingProtocol(i, priority));
        }
        routes += g ? g->GetNRoutes() : 0;
    }
    FailLink(th, t, 0);
    t0 = rtmbench::WallClock::now();
    Ipv4GlobalRoutingHelper::RecomputeRoutingTables();
    double recompute = rtmbench::WallSecondsSince(t0);
    std::ostringstream os;
    os << populate << ' ' << recompute << ' ' << routes << ' ' << rtmbench::StatusKb("VmHWM");
    return os.str();
}

/**
 * @brief The RTM's global routing on one topology (in the child).
 * @param t the topology
 * @return "populate recompute routes peakKb"
 */
std::string
MeasureRtm(const RtmTopology& t)
{
    RtmHelper rtm;
    RtmTopologyHelper th;
    th.Install(t, rtm);
    RtmGlobalRoutingHelper global(th.GetNodes());
    global.SetIncremental(false); // Update is called by hand below, outside a simulation
    auto t0 = rtmbench::WallClock::now();
    uint64_t routes = global.Populate();
    double populate = rtmbench::WallSecondsSince(t0);
    FailLink(th, t, 0);
    t0 = rtmbench::WallClock::now();
    global.Update();
    double recompute = rtmbench::WallSecondsSince(t0);
    std::ostringstream os;
    os << populate << ' ' << recompute << ' ' << routes << ' ' << rtmbench::StatusKb("VmHWM");
    return os.str();
}

/**
 * @brief One run in a child process.
 * @param ns3 true for ns-3's helper
 * @param graph grid or ba
 * @param side the size
 * @param cap the time cap
 * @return the run
 */
Run
Measure(bool ns3, const std::string& graph, uint32_t side, double cap)
{
    Run r;
    std::string line;
    r.ok = rtmbench::RunInChild(
        [&]() {
            RtmTopology t = MakeTopology(graph, side);
            return ns3 ? MeasureNs3(t) : MeasureRtm(t);
        },
        cap,
        &line);
    if (!r.ok)
    {
        r.note = line;
        return r;
    }
    std::istringstream is(line);
    is >> r.populate >> r.recompute >> r.routes >> r.peakKb;
    return r;
}

/**
 * @brief Print one row.
 * @param graph the graph
 * @param n routers
 * @param name the implementation
 * @param r the run
 */
void
PrintRow(const std::string& graph, uint32_t n, const char* name, const Run& r)
{
    std::cout << std::left << std::setw(6) << graph << std::right << std::setw(7) << n << "  "
              << std::left << std::setw(26) << name << std::right;
    if (!r.ok)
    {
        std::cout << "  " << r.note << "\n";
        return;
    }
    std::cout << std::fixed << std::setprecision(4) << std::setw(12) << r.populate << std::setw(12)
              << r.recompute << std::setw(12) << r.routes << std::setw(12) << r.peakKb / 1024
              << "\n";
    std::cout.unsetf(std::ios::floatfield);
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string sizes = "20,40";
    std::string graphs = "grid,ba";
    double cap = 900;
    CommandLine cmd(__FILE__);
    cmd.AddValue("sizes", "grid sides (routers = side * side)", sizes);
    cmd.AddValue("graphs", "grid and/or ba (Barabasi-Albert, m = 2)", graphs);
    cmd.AddValue("cap", "most seconds a run may take", cap);
    cmd.Parse(argc, argv);
    std::cout << std::left << std::setw(6) << "graph" << std::right << std::setw(7) << "nodes"
              << "  " << std::left << std::setw(26) << "implementation" << std::right
              << std::setw(12) << "populate s" << std::setw(12) << "1 fail s" << std::setw(12)
              << "routes" << std::setw(12) << "peak MiB"
              << "\n";
    std::istringstream gs(graphs);
    for (std::string graph; std::getline(gs, graph, ',');)
    {
        for (uint32_t side : rtmbench::ParseSizes(sizes))
        {
            Run ns3 = Measure(true, graph, side, cap);
            Run rtm = Measure(false, graph, side, cap);
            PrintRow(graph, side * side, "Ipv4GlobalRoutingHelper", ns3);
            PrintRow(graph, side * side, "RtmGlobalRoutingHelper", rtm);
            if (ns3.ok && rtm.ok && rtm.populate > 0 && rtm.recompute > 0 && rtm.peakKb > 0)
            {
                std::cout << std::fixed << std::setprecision(1) << "  ratio: populate "
                          << ns3.populate / rtm.populate << "x faster, one failure "
                          << ns3.recompute / rtm.recompute << "x faster, peak memory "
                          << std::setprecision(2) << double(rtm.peakKb) / double(ns3.peakKb)
                          << " of ns-3's\n";
                std::cout.unsetf(std::ios::floatfield);
            }
        }
    }
    return 0;
}
