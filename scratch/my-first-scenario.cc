/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * A scenario to copy and change: the Abilene backbone (Topology Zoo sample shipped in data/),
 * the RTM forwarding plane and one routing agent on every router, one link failure, and the
 * convergence report. Every scratch/<name>.cc is built as build/scratch/<name>:
 *
 *   bash tools/run.sh scratch/my-first-scenario.cc --agent=ospf
 */

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/rtm-module.h"

#include <iostream>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("MyFirstScenario");

int
main(int argc, char* argv[])
{
    std::string map = RtmDataPath::DefaultZooMap();
    std::string agent = "rip";
    double failAt = 40;
    double stopAt = 120;

    CommandLine cmd(__FILE__);
    cmd.AddValue("map", "Topology Zoo GraphML file", map);
    cmd.AddValue("agent", "rip or ospf", agent);
    cmd.AddValue("failAt", "time the first link fails (s)", failAt);
    cmd.AddValue("stopAt", "end of the simulation (s)", stopAt);
    cmd.Parse(argc, argv);
    if ((agent != "rip" && agent != "ospf") || failAt <= 0 || stopAt <= failAt)
    {
        std::cerr << "my-first-scenario: need --agent=rip|ospf and 0 < failAt < stopAt\n";
        return 2;
    }

    RtmTopology topo;
    try
    {
        topo = RtmGraphmlReader().Read(map);
    }
    catch (const RtmTopologyError& e)
    {
        std::cerr << "my-first-scenario: " << e.what() << "\n";
        return 1;
    }

    // The ns-3 network: one node per router, one point-to-point link per edge, with the RTM
    // forwarding plane (RtmHelper) as every node's IPv4 routing protocol.
    RtmHelper rtm;
    RtmTopologyHelper builder;
    builder.Install(topo, rtm);
    const NodeContainer& nodes = builder.GetNodes();
    if (agent == "rip")
    {
        RtmRipHelper().Install(nodes);
    }
    else
    {
        RtmOspfHelper().Install(nodes);
    }

    // Fail the first link at failAt, and report how long the routers took to agree again.
    RtmScenario scenario(nodes);
    scenario.AddLinkDown(Seconds(failAt), topo.GetEdgeSource(0), topo.GetEdgeTarget(0));
    RtmConvergenceMonitor monitor(nodes);
    monitor.Install();
    monitor.WatchScenario(scenario);
    monitor.ConnectMessageTrace<Ptr<const Packet>, uint32_t>(
        agent == "rip" ? "/NodeList/*/$ns3::RtmRipAgent/Tx" : "/NodeList/*/$ns3::RtmOspfAgent/Tx");

    Simulator::Stop(Seconds(stopAt));
    Simulator::Run();
    monitor.Finish();
    monitor.PrintSummary(std::cout);
    Simulator::Destroy();
    return 0;
}
