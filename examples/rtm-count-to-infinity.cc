/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm-count-to-infinity: the teaching lab of doc/lab-count-to-infinity.rst. Distance-vector
 * routing (RtmRipAgent, RIPv2 over each node's Routing Table Manager), a link failure, and the
 * metric of the route to a stub network at every router over time, with split horizon off, on,
 * or with poisoned reverse.
 *
 * --topology=line (default)               --topology=ring
 *
 *   A ------ B ------ C ------ D            A ------ B
 *     net AB   net BC   net CD               \      /  (the failing link is B-C)
 *                       (stub)               net AC  C ------ D
 *                                                     net CD (stub)
 *
 * D is a host: it runs no RIP, and C does not run RIP towards it (an excluded, passive
 * interface), but C advertises the stub network C-D as directly connected. The link B-C fails at
 * --failAt, or, by default, 10 ms before A's next periodic update, so that A's (now stale)
 * advertisement of the stub network reaches B before B's own triggered update can tell A that
 * the network is gone: the race that triggered updates cannot always win.
 *
 * Every change of a router's best route to the stub network is printed as it happens (the RTM's
 * BestRouteChange trace source, which is what the forwarding plane listens to).
 *
 *   ./rtm-count-to-infinity --splitHorizon=none      # counts to infinity (16)
 *   ./rtm-count-to-infinity --splitHorizon=split     # B withdraws, A follows
 *   ./rtm-count-to-infinity --splitHorizon=poison    # the same, told explicitly
 *   ./rtm-count-to-infinity --topology=ring --splitHorizon=none
 */

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/routing-table-manager.h"
#include "ns3/rtm-config-defaults.h"
#include "ns3/rtm-helper.h"
#include "ns3/rtm-rip-agent.h"
#include "ns3/rtm-rip-helper.h"
#include "ns3/rtm-topology-helper.h"
#include "ns3/rtm-topology.h"

#include <iomanip>
#include <iostream>
#include <map>
#include <string>
#include <vector>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("RtmCountToInfinity");

namespace
{

const char* const kNames[] = {"A", "B", "C", "D"};

/// What one router saw.
struct Seen
{
    uint32_t changes{0};   //!< best-route changes of the stub network
    uint32_t maxMetric{0}; //!< largest metric installed after the failure
    Time lastChange;       //!< when the last change happened
};

std::map<uint32_t, Seen> g_seen; //!< per vertex
Time g_failTime = Seconds(-1);   //!< when the link failed

/**
 * Print a change of the best route to the stub network at a router.
 * @param vertex the router
 * @param stub the stub network key
 * @param change the change
 */
void
BestRouteChanged(uint32_t vertex, uint64_t stub, const RtmChange& change)
{
    if (change.network != stub)
    {
        return;
    }
    std::cout << std::fixed << std::setprecision(3) << std::setw(9) << Simulator::Now().GetSeconds()
              << " s  " << kNames[vertex] << "  ";
    if (change.flags & RtmChange::CURRENT)
    {
        const RtmRoute& r = change.current;
        std::cout << "metric " << std::setw(2) << r.GetIpMetric() << "  via " << r.GetIpNextHop();
        if (g_failTime >= Seconds(0))
        {
            g_seen[vertex].maxMetric = std::max(g_seen[vertex].maxMetric, r.GetIpMetric());
        }
    }
    else
    {
        std::cout << "metric 16  (unreachable: route removed)";
    }
    std::cout << "\n";
    if (g_failTime >= Seconds(0))
    {
        ++g_seen[vertex].changes;
        g_seen[vertex].lastChange = Simulator::Now();
    }
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string splitHorizon = "none";
    std::string topology = "line";
    double failAt = -1;
    double stopTime = 90;
    double period = 5;
    double minTriggered = 0.5;
    double maxTriggered = 1.5;
    uint32_t seed = 1;
    std::string pcap;

    CommandLine cmd(__FILE__);
    cmd.AddValue("splitHorizon", "none | split | poison", splitHorizon);
    cmd.AddValue("topology", "line | ring", topology);
    cmd.AddValue("failAt",
                 "when the link B-C fails, in seconds (default: 10 ms before A's next periodic "
                 "update after 20 s)",
                 failAt);
    cmd.AddValue("stopTime", "end of the simulation, in seconds", stopTime);
    cmd.AddValue("period", "period of the unsolicited updates, in seconds", period);
    cmd.AddValue("minTriggered", "smallest delay of a triggered update, in seconds", minTriggered);
    cmd.AddValue("maxTriggered", "largest delay of a triggered update, in seconds", maxTriggered);
    cmd.AddValue("seed", "random seed (timer jitter)", seed);
    cmd.AddValue("pcap",
                 "write a capture of every link end, <pcap>-<node>-<device>.pcap (open them in "
                 "Wireshark: doc/lab-wireshark.rst)",
                 pcap);
    cmd.Parse(argc, argv);
    if (!pcap.empty())
    {
        // real IPv4 and UDP checksums, so that a capture shows what a router would send
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
    }

    RtmRipAgent::SplitHorizon mode;
    if (splitHorizon == "none")
    {
        mode = RtmRipAgent::NO_SPLIT_HORIZON;
    }
    else if (splitHorizon == "split")
    {
        mode = RtmRipAgent::SPLIT_HORIZON;
    }
    else if (splitHorizon == "poison")
    {
        mode = RtmRipAgent::POISON_REVERSE;
    }
    else
    {
        std::cerr << "--splitHorizon must be none, split or poison\n";
        return 1;
    }
    if (topology != "line" && topology != "ring")
    {
        std::cerr << "--topology must be line or ring\n";
        return 1;
    }
    RngSeedManager::SetSeed(seed);

    // A=0, B=1, C=2, D=3. Edge order: A-B, B-C, C-D (then C-A for the ring).
    RtmTopology t(topology);
    for (const char* name : kNames)
    {
        RtmTopologyVertex v;
        v.name = name;
        t.AddVertex(v);
    }
    const uint32_t ab = t.AddEdge(0, 1);
    const uint32_t bc = t.AddEdge(1, 2);
    const uint32_t cd = t.AddEdge(2, 3);
    if (topology == "ring")
    {
        t.AddEdge(2, 0);
    }

    RtmTopologyHelper th;
    RtmHelper rtm;
    th.Install(t, rtm);
    if (!pcap.empty())
    {
        th.GetPointToPointHelper().EnablePcapAll(pcap);
    }

    RtmRipHelper rip;
    rip.Set("SplitHorizon", EnumValue(mode));
    // The timers derived from --period and --min/maxTriggered are attribute defaults, unless
    // the command line set the attribute itself (--ns3::RtmRipAgent::TimeoutDelay=...).
    const std::string kRip = "ns3::RtmRipAgent";
    RtmConfigDefaults::SetUnlessConfigured(kRip,
                                           "UnsolicitedRoutingUpdate",
                                           TimeValue(Seconds(period)));
    RtmConfigDefaults::SetUnlessConfigured(kRip, "PeriodicJitter", TimeValue(Seconds(period / 5)));
    RtmConfigDefaults::SetUnlessConfigured(kRip, "TimeoutDelay", TimeValue(Seconds(6 * period)));
    RtmConfigDefaults::SetUnlessConfigured(kRip,
                                           "GarbageCollectionDelay",
                                           TimeValue(Seconds(4 * period)));
    RtmConfigDefaults::SetUnlessConfigured(kRip,
                                           "MinTriggeredUpdateDelay",
                                           TimeValue(Seconds(minTriggered)));
    RtmConfigDefaults::SetUnlessConfigured(kRip,
                                           "MaxTriggeredUpdateDelay",
                                           TimeValue(Seconds(maxTriggered)));
    rip.ExcludeInterface(th.GetNode(2), th.GetInterface(cd, 0)); // C's stub interface: passive
    NodeContainer routers(th.GetNode(0), th.GetNode(1), th.GetNode(2));
    std::vector<Ptr<RtmRipAgent>> agents = rip.Install(routers);
    rip.AssignStreams(routers, 10);

    Ipv4Address stubNet = th.GetNetwork(cd);
    uint64_t stub = RtmRoute::IpKey(stubNet.Get(), RtmTopologyHelper::GetMask().Get());
    for (uint32_t v = 0; v < 3; ++v)
    {
        th.GetNode(v)->GetObject<RoutingTableManager>()->TraceConnectWithoutContext(
            "BestRouteChange",
            Callback<void, const RtmChange&>(
                [v, stub](const RtmChange& c) { BestRouteChanged(v, stub, c); }));
    }

    std::cout << "Count to infinity: topology " << topology << ", split horizon " << splitHorizon
              << ", periodic updates every " << period << " s, triggered updates after "
              << minTriggered << "-" << maxTriggered << " s, infinity 16\n"
              << "Stub network " << stubNet << "/30 behind C; link B-C (" << th.GetNetwork(bc)
              << "/30) will fail.\n"
              << "Links: A-B " << th.GetNetwork(ab) << "/30 (A " << th.GetAddress(ab, 0) << ", B "
              << th.GetAddress(ab, 1) << "), B-C (B " << th.GetAddress(bc, 0) << ", C "
              << th.GetAddress(bc, 1) << ")\n\n"
              << "     time  router  best route to the stub network\n";

    auto fail = [&th, bc]() {
        g_failTime = Simulator::Now();
        std::cout << std::fixed << std::setprecision(3) << std::setw(9)
                  << Simulator::Now().GetSeconds() << " s  --- link B-C fails ---\n";
        th.GetNode(1)->GetObject<Ipv4>()->SetDown(th.GetInterface(bc, 0));
        th.GetNode(2)->GetObject<Ipv4>()->SetDown(th.GetInterface(bc, 1));
    };
    if (failAt >= 0)
    {
        Simulator::Schedule(Seconds(failAt), fail);
    }
    else
    {
        // after 20 s of convergence, just before A's next periodic update
        Simulator::Schedule(Seconds(20), [&agents, fail]() {
            Time next = agents[0]->GetNextPeriodicUpdate();
            Simulator::Schedule(next - Simulator::Now() - MilliSeconds(10), fail);
        });
    }
    Simulator::Stop(Seconds(stopTime));
    Simulator::Run();

    std::cout << "\nAfter the failure:\n";
    for (uint32_t v = 0; v < 3; ++v)
    {
        RtmRoute r;
        bool has =
            th.GetNode(v)->GetObject<RoutingTableManager>()->IsRoute(RtmFamily::Ip, stub, &r);
        const Seen& s = g_seen[v];
        std::cout << "  " << kNames[v] << ": " << s.changes << " change(s), ";
        if (s.maxMetric > 0)
        {
            std::cout << "largest metric installed " << s.maxMetric << ", ";
        }
        if (s.changes > 0)
        {
            std::cout << "last change " << std::setprecision(3)
                      << (s.lastChange - g_failTime).GetSeconds() << " s after the failure, ";
        }
        std::cout << "now " << (has ? "metric " + std::to_string(r.GetIpMetric()) : "no route")
                  << "; messages sent " << agents[v]->GetSentPackets() << "\n";
    }
    Simulator::Destroy();
    return 0;
}
