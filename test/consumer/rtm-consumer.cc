/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * A user's program against the installed ns3-rtm (built by the install tests, with find_package
 * and with pkg-config): two nodes on a link, the RTM forwarding plane and the RIP agent on both,
 * and a check that each learned the other's network; the Topology Zoo samples are found in the
 * installed data folder. Exit code 0 on success.
 */

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/rtm-module.h"

#include <iostream>

using namespace ns3;

int
main(int argc, char* argv[])
{
    CommandLine cmd(__FILE__);
    cmd.Parse(argc, argv);

    std::string map = RtmDataPath::DefaultZooMap();
    RtmTopology zoo = RtmGraphmlReader().Read(map);
    std::cout << "map " << map << ": " << zoo.GetNVertices() << " nodes\n";

    NodeContainer nodes;
    nodes.Create(2);
    RtmHelper rtm;
    InternetStackHelper stack;
    stack.SetRoutingHelper(rtm);
    stack.Install(nodes);
    PointToPointHelper p2p;
    NetDeviceContainer devices = p2p.Install(nodes);
    Ipv4AddressHelper addresses("10.0.0.0", "255.255.255.252");
    addresses.Assign(devices);
    RtmRipHelper rip;
    rip.Install(nodes);
    Simulator::Stop(Seconds(10));
    Simulator::Run();
    uint32_t routes = RoutingTableManager::ForNode(nodes.Get(0))->GetRouteCount(RtmFamily::Ip);
    Simulator::Destroy();
    std::cout << "routes on node 0: " << routes << "\n";
    return routes > 0 && zoo.GetNVertices() == 11 ? 0 : 1;
}
