/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Lab: write your own routing protocol (doc/lab-write-a-protocol.rst).
 *
 * The protocol is RtmHopCountAgent (examples/rtm-hop-count-agent.h): a hop-count flooding
 * protocol in one header (about 360 lines of code) written on RtmAgent, the base every agent of
 * the module shares.
 * This program runs it on a grid (default 3x3) or a ring:
 *
 *  1. builds the network (RtmTopologyGenerator, RtmTopologyHelper with the RTM forwarding plane
 *     RtmHelper) and gives every router a stub LAN 172.16.<v>.0/24 that only it announces;
 *  2. installs the agent on every node with RtmAgentHelperOf<RtmHopCountAgent>;
 *  3. checks the routing tables against the shortest paths of RtmTopologyOracle every 10 ms
 *     and prints when they first match, then prints a few routing tables;
 *  4. stops the agent of one router at --stopAt and prints, as it happens, every router losing
 *     its route to that router's LAN (the routes age out: their time to live ends Timeout after
 *     the router was last heard);
 *  5. at the end, checks the tables again against the shortest paths without the stopped
 *     router (it still forwards packets, but no longer speaks the protocol).
 *
 *   ./build/examples/rtm-write-a-protocol [--rows=3 --cols=3 | --ring=8] [--stopAt=30]
 *        [--stopNode=0] [--period=5] [--timeout=15] [--end=60] [--seed=1] [--tables=2]
 */

#include "rtm-hop-count-agent.h"

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/rtm-agent-helper-of.h"
#include "ns3/rtm-config-defaults.h"
#include "ns3/rtm-helper.h"
#include "ns3/rtm-topology-generator.h"
#include "ns3/rtm-topology-helper.h"
#include "ns3/rtm-topology-oracle.h"

#include <iomanip>
#include <iostream>
#include <set>
#include <sstream>
#include <vector>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("RtmWriteAProtocol");

namespace
{

/// Very large edge metric: the stopped router's links, for the oracle after the stop.
constexpr uint32_t kAvoid = 1U << 20;

/**
 * @param v a vertex
 * @return the network key of its stub LAN 172.16.<v>.0/24 (v < 4096)
 */
uint64_t
LanKey(uint32_t v)
{
    return RtmRoute::IpKey(Ipv4Address("172.16.0.0").Get() + (v << 8), 0xFFFFFF00);
}

/**
 * @brief Give a router a stub LAN: a device on a channel of its own, address 172.16.<v>.1/24.
 * @param node the router
 * @param v its vertex
 */
void
AddStubLan(Ptr<Node> node, uint32_t v)
{
    Ptr<SimpleNetDevice> device = CreateObject<SimpleNetDevice>();
    device->SetAddress(Mac48Address::Allocate());
    device->SetChannel(CreateObject<SimpleChannel>());
    node->AddDevice(device);
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    uint32_t i = ipv4->AddInterface(device);
    ipv4->AddAddress(i,
                     Ipv4InterfaceAddress(Ipv4Address(RtmRoute::KeyAddress(LanKey(v)) + 1),
                                          Ipv4Mask("255.255.255.0")));
    ipv4->SetUp(i);
}

/**
 * @brief Compare every router's best routes with the shortest paths: a network (link or LAN)
 * is reached through the nearest router that announces it (metric = hops, next hop on some
 * shortest path); a router's own networks are connected routes.
 * @param topology the topology
 * @param th the network built from it
 * @param stopped a vertex whose agent is stopped (it announces nothing, relays nothing), or
 *        RtmTopologyHelper::INVALID
 * @return "" if every table matches, else the first difference
 */
std::string
Compare(const RtmTopology& topology, const RtmTopologyHelper& th, uint32_t stopped)
{
    // the same graph (same edge indices) where the stopped router's links cost kAvoid
    RtmTopology live(topology.GetName());
    for (uint32_t v = 0; v < topology.GetNVertices(); ++v)
    {
        live.AddVertex(topology.GetVertex(v));
    }
    for (uint32_t e = 0; e < topology.GetNEdges(); ++e)
    {
        RtmTopologyEdge props = topology.GetEdge(e);
        uint32_t a = topology.GetEdgeSource(e);
        uint32_t b = topology.GetEdgeTarget(e);
        props.metric = (a == stopped || b == stopped) ? kAvoid : 1;
        live.AddEdge(a, b, props);
    }
    RtmTopologyOracle oracle(live, RtmTopologyOracle::Metric::EdgeMetric);
    // every network with the routers that announce it
    std::vector<std::pair<uint64_t, std::vector<uint32_t>>> networks;
    for (uint32_t e = 0; e < topology.GetNEdges(); ++e)
    {
        networks.push_back({RtmRoute::IpKey(th.GetNetwork(e), RtmTopologyHelper::GetMask()),
                            {topology.GetEdgeSource(e), topology.GetEdgeTarget(e)}});
    }
    for (uint32_t v = 0; v < topology.GetNVertices(); ++v)
    {
        networks.push_back({LanKey(v), {v}});
    }
    std::ostringstream diff;
    for (uint32_t u = 0; u < topology.GetNVertices(); ++u)
    {
        if (u == stopped)
        {
            continue;
        }
        Ptr<RoutingTableManager> rtm = th.GetNode(u)->GetObject<RoutingTableManager>();
        for (const auto& [key, ends] : networks)
        {
            RtmRoute best;
            bool has = rtm->IsRoute(RtmFamily::Ip, key, &best);
            uint64_t d = RtmTopologyOracle::INFINITE_DISTANCE;
            for (uint32_t o : ends)
            {
                if (o == u)
                {
                    d = 0;
                }
                else if (o != stopped)
                {
                    d = std::min(d, oracle.GetDistance(u, o));
                }
            }
            if (d == 0)
            {
                if (!has || best.protocol != RtmConnectedAgent::PROTOCOL)
                {
                    diff << "node " << u << ": " << RtmRoute::KeyToString(key) << " not connected";
                    return diff.str();
                }
                continue;
            }
            if (d >= kAvoid)
            {
                if (has)
                {
                    diff << "node " << u << " still reaches " << RtmRoute::KeyToString(key);
                    return diff.str();
                }
                continue;
            }
            bool firstHop = false; // on a shortest path to some nearest announcer
            for (uint32_t o : ends)
            {
                if (o == stopped || oracle.GetDistance(u, o) != d)
                {
                    continue;
                }
                for (const auto& [interface, gateway] : th.GetNextHops(oracle, u, o))
                {
                    firstHop |= best.interface == interface && best.GetIpNextHop() == gateway;
                }
            }
            if (!has || best.protocol != RtmHopCountAgent::PROTOCOL || best.GetIpMetric() != d ||
                !firstHop)
            {
                diff << "node " << u << ": " << RtmRoute::KeyToString(key) << " should be " << d
                     << " hops";
                return diff.str();
            }
        }
    }
    return "";
}

/**
 * @brief Print a router's best routes, one a line.
 * @param th the network
 * @param v the router
 */
void
PrintTable(const RtmTopologyHelper& th, uint32_t v)
{
    Ptr<RoutingTableManager> rtm = th.GetNode(v)->GetObject<RoutingTableManager>();
    std::cout << "  routing table of node " << v << " at " << Simulator::Now().As(Time::S) << "\n";
    rtm->ForEachRoute(RtmFamily::Ip, [rtm](const RtmRoute& r) {
        RtmRoute best;
        if (!rtm->IsRoute(RtmFamily::Ip, r.network, &best) || !best.SameEntry(r))
        {
            return; // not the best route of its network
        }
        std::string who = r.protocol == RtmHopCountAgent::PROTOCOL    ? "hop-count"
                          : r.protocol == RtmConnectedAgent::PROTOCOL ? "connected"
                                                                      : "other";
        std::ostringstream via;
        via << r.GetIpNextHop();
        std::cout << "    " << std::left << std::setw(16) << RtmRoute::KeyToString(r.network) << " "
                  << std::setw(9) << who << " metric " << std::setw(2) << r.GetIpMetric() << " via "
                  << std::setw(10) << via.str() << " if " << r.interface << "\n";
    });
}

} // namespace

int
main(int argc, char* argv[])
{
    RegisterRtmHopCountAgent(); // so that --PrintAttributes=ns3::RtmHopCountAgent works
    uint32_t rows = 3;
    uint32_t cols = 3;
    uint32_t ring = 0;
    uint32_t stopNode = 0;
    double stopAt = 30;
    double period = 5;
    double timeout = 15;
    double end = 0;
    uint32_t seed = 1;
    uint32_t tables = 2;

    CommandLine cmd(__FILE__);
    cmd.AddValue("rows", "grid rows", rows);
    cmd.AddValue("cols", "grid columns", cols);
    cmd.AddValue("ring", "a ring of this many routers instead of the grid (0: grid)", ring);
    cmd.AddValue("stopAt", "when the agent of --stopNode stops, in seconds", stopAt);
    cmd.AddValue("stopNode", "the router whose agent stops", stopNode);
    cmd.AddValue("period", "the agents' Period, in seconds", period);
    cmd.AddValue("timeout", "the agents' Timeout (route time to live), in seconds", timeout);
    cmd.AddValue("end", "end of the simulation, in seconds (0: stopAt + timeout + 10)", end);
    cmd.AddValue("seed", "random seed (announcement jitter)", seed);
    cmd.AddValue("tables", "how many routing tables to print", tables);
    cmd.Parse(argc, argv);
    if (end <= 0)
    {
        end = stopAt + timeout + 10;
    }
    RngSeedManager::SetSeed(seed);

    // 1. the network
    RtmTopologyGenerator generator;
    RtmTopology topology = ring >= 3 ? generator.Ring(ring) : generator.Grid(rows, cols);
    if (stopNode >= topology.GetNVertices() || topology.GetNVertices() > 4096)
    {
        std::cerr << "--stopNode must be a router (and at most 4096 routers)\n";
        return 1;
    }
    RtmHelper rtm;
    RtmTopologyHelper th;
    th.Install(topology, rtm);
    for (uint32_t v = 0; v < topology.GetNVertices(); ++v)
    {
        AddStubLan(th.GetNode(v), v);
    }
    std::cout << (ring >= 3 ? "ring of " + std::to_string(ring)
                            : "grid " + std::to_string(rows) + "x" + std::to_string(cols))
              << ": " << topology.GetNVertices() << " routers, " << topology.GetNEdges()
              << " links, one stub LAN per router\n";

    // 2. the protocol
    RtmAgentHelperOf<RtmHopCountAgent> helper;
    // --period and --timeout as attribute defaults: --ns3::RtmHopCountAgent::Period=... wins
    RtmConfigDefaults::SetUnlessConfigured("ns3::RtmHopCountAgent",
                                           "Period",
                                           TimeValue(Seconds(period)));
    RtmConfigDefaults::SetUnlessConfigured("ns3::RtmHopCountAgent",
                                           "Timeout",
                                           TimeValue(Seconds(timeout)));
    std::vector<Ptr<RtmHopCountAgent>> agents = helper.Install(th.GetNodes());
    helper.AssignStreams(th.GetNodes(), 100);

    // 3. convergence: checked every 10 ms until the stop
    Time converged = Seconds(-1);
    for (Time t = MilliSeconds(10); t < Seconds(stopAt); t += MilliSeconds(10))
    {
        Simulator::Schedule(t, [&]() {
            if (converged.IsNegative() && Compare(topology, th, RtmTopologyHelper::INVALID).empty())
            {
                converged = Simulator::Now();
            }
        });
    }
    std::string before;
    Simulator::Schedule(Seconds(stopAt) - MilliSeconds(1), [&]() {
        before = Compare(topology, th, RtmTopologyHelper::INVALID);
        std::cout << "converged to shortest paths: " << (before.empty() ? "yes" : "no");
        if (converged.IsPositive())
        {
            std::cout << " (first at " << converged.As(Time::S) << ")";
        }
        std::cout << (before.empty() ? "" : " -- " + before) << "\n";
        for (uint32_t v = 0; v < std::min<uint32_t>(tables, topology.GetNVertices()); ++v)
        {
            PrintTable(th, (stopNode + 1 + v) % topology.GetNVertices());
        }
    });

    // 4. the stop, and the routes to the stopped router's LAN vanishing elsewhere
    RtmAgentHelperOf<RtmHopCountAgent>::ScheduleStop(th.GetNode(stopNode), Seconds(stopAt));
    std::cout << "agent of node " << stopNode << " stops at " << stopAt << " s; its LAN "
              << RtmRoute::KeyToString(LanKey(stopNode)) << " should vanish after about " << timeout
              << " s\n";
    uint64_t sent = 0; // packets sent by all agents (the Tx trace source every agent has)
    for (const auto& agent : agents)
    {
        agent->TraceConnectWithoutContext("Tx",
                                          Callback<void, Ptr<const Packet>, uint32_t>(
                                              [&sent](Ptr<const Packet>, uint32_t) { ++sent; }));
    }
    Time lastTx; // the stopped router's last announcement of its own networks
    agents[stopNode]->TraceConnectWithoutContext(
        "Tx",
        Callback<void, Ptr<const Packet>, uint32_t>([&lastTx](Ptr<const Packet> p, uint32_t) {
            RtmHopCountAgent::Announcement a;
            if (RtmHopCountAgent::Parse(p, &a) && a.hops == 0)
            {
                lastTx = Simulator::Now();
            }
        }));
    std::set<uint32_t> lost; // routers that lost the route
    for (uint32_t v = 0; v < topology.GetNVertices(); ++v)
    {
        Ptr<RoutingTableManager> m = th.GetNode(v)->GetObject<RoutingTableManager>();
        m->TraceConnectWithoutContext(
            "BestRouteChange",
            Callback<void, const RtmChange&>([&, v](const RtmChange& c) {
                if (c.network == LanKey(stopNode) && !(c.flags & RtmChange::CURRENT) &&
                    Simulator::Now() >= Seconds(stopAt))
                {
                    lost.insert(v);
                    std::cout << std::fixed << std::setprecision(3) << "  " << std::right
                              << std::setw(8) << Simulator::Now().GetSeconds() << " s  node " << v
                              << " lost its route to " << RtmRoute::KeyToString(c.network) << "\n";
                }
            }));
    }

    // 5. the end
    Simulator::Stop(Seconds(end));
    Simulator::Run();
    std::cout << std::defaultfloat << std::setprecision(6);
    Ptr<RoutingTableManager> stoppedRtm = th.GetNode(stopNode)->GetObject<RoutingTableManager>();
    uint32_t left = 0;
    stoppedRtm->ForEachRoute(RtmFamily::Ip, [&left](const RtmRoute& r) {
        left += r.protocol == RtmHopCountAgent::PROTOCOL ? 1 : 0;
    });
    std::string after = Compare(topology, th, stopNode);
    std::cout << "node " << stopNode << " last announced itself at " << lastTx.As(Time::S)
              << "; its routes live Timeout (" << timeout << " s) after that\n";
    std::cout << "after the stop: " << lost.size() << " of " << topology.GetNVertices() - 1
              << " routers lost the route to node " << stopNode << "'s LAN; node " << stopNode
              << " holds " << left << " hop-count routes, client registered: "
              << (stoppedRtm->FindClient(RtmFamily::Ip, RtmHopCountAgent::PROTOCOL) ? "yes" : "no")
              << "\n";
    std::cout << "converged to shortest paths without node " << stopNode << ": "
              << (after.empty() ? "yes" : "no -- " + after) << "\n";
    uint64_t dropped = 0;
    for (const auto& agent : agents)
    {
        dropped += agent->GetDropped();
    }
    std::cout << "packets sent: " << sent << ", dropped as malformed: " << dropped << "\n";
    Simulator::Destroy();
    return before.empty() && after.empty() ? 0 : 1;
}
