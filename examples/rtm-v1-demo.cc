/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Windows RTMv1 code inside ns-3 nodes: on each node a "static" and a "RIP" protocol register
 * with RtmRegisterClient, add routes, and learn of best-route changes through a change event and
 * RtmDequeueRouteChangeMessage, all as simulator events in the node's context. Routes age out on
 * simulated time. The table is printed with RtmGetFirstRoute / RtmGetNextRoute.
 */

#include "ns3/core-module.h"
#include "ns3/network-module.h"
#include "ns3/rtm-module.h"

#include <arpa/inet.h>
#include <cstdio>
#include <iostream>

using namespace ns3;
using namespace ns3::rtmv1;

NS_LOG_COMPONENT_DEFINE("RtmV1Demo");

namespace
{

/// Per-node state of the demo protocols (each node has its own: no global tables).
struct DemoNode
{
    Ptr<Node> node;       //!< the node
    HANDLE rip{nullptr};  //!< the RIP client
    HANDLE stat{nullptr}; //!< the static client
};

std::string
Ip(DWORD networkOrder)
{
    in_addr a;
    a.s_addr = networkOrder;
    return inet_ntoa(a);
}

RTM_IP_ROUTE
MakeRoute(const char* net, const char* mask, const char* nextHop, DWORD ifaceIndex, DWORD metric)
{
    RTM_IP_ROUTE r{};
    r.RR_Network.N_NetNumber = inet_addr(net);
    r.RR_Network.N_NetMask = inet_addr(mask);
    r.RR_NextHopAddress.N_NetNumber = inet_addr(nextHop);
    r.RR_InterfaceID = ifaceIndex;
    r.RR_FamilySpecificData.FSD_Metric = metric;
    r.RR_FamilySpecificData.FSD_Metric1 = metric;
    ClearRouteFlags(&r);
    SetRouteValid(&r);
    return r;
}

const char*
FlagName(DWORD flags)
{
    switch (flags)
    {
    case RTM_ROUTE_ADDED:
        return "ADDED";
    case RTM_ROUTE_DELETED:
        return "DELETED";
    case RTM_ROUTE_CHANGED:
        return "CHANGED";
    default:
        return "NO_CHANGE";
    }
}

/// The RIP protocol's change-event handler: drain the queue, as an RTMv1 protocol does.
void
OnRipEvent(DemoNode* d)
{
    RTM_IP_ROUTE cur;
    RTM_IP_ROUTE prev;
    DWORD flags;
    DWORD rc;
    do
    {
        rc = RtmDequeueRouteChangeMessage(d->rip, &flags, &cur, &prev);
        if (rc == NO_ERROR || rc == ERROR_MORE_MESSAGES)
        {
            const RTM_IP_ROUTE& r = (flags & RTM_CURRENT_BEST_ROUTE) ? cur : prev;
            std::printf("%8.3fs node %u  RIP hears %-9s %s/%s via %s (protocol %u)\n",
                        Simulator::Now().GetSeconds(),
                        d->node->GetId(),
                        FlagName(flags),
                        Ip(r.RR_Network.N_NetNumber).c_str(),
                        Ip(r.RR_Network.N_NetMask).c_str(),
                        Ip(r.RR_NextHopAddress.N_NetNumber).c_str(),
                        r.RR_RoutingProtocol);
        }
    } while (rc == ERROR_MORE_MESSAGES);
}

void
Start(DemoNode* d)
{
    HANDLE ev = RtmCreateChangeEvent(RtmMakeCallback<void>([d]() { OnRipEvent(d); }));
    d->rip = RtmRegisterClient(RTM_PROTOCOL_FAMILY_IP, PROTO_IP_RIP, ev, 0);
    d->stat = RtmRegisterClient(RTM_PROTOCOL_FAMILY_IP, PROTO_IP_NT_STATIC, nullptr, 0);
    DWORD flags;
    RTM_IP_ROUTE r = MakeRoute("10.1.0.0", "255.255.0.0", "192.168.0.2", 1, 3);
    RtmAddRoute(d->rip, &r, 5, &flags, nullptr, nullptr); // RIP route, 5 s to live
    r = MakeRoute("10.2.0.0", "255.255.0.0", "192.168.0.3", 2, 1);
    RtmAddRoute(d->stat, &r, INFINITE, &flags, nullptr, nullptr); // the RIP client hears this
}

void
AddStaticOverride(DemoNode* d)
{
    DWORD flags;
    RTM_IP_ROUTE cur;
    RTM_IP_ROUTE prev;
    RTM_IP_ROUTE r = MakeRoute("10.1.0.0", "255.255.0.0", "192.168.0.9", 2, 1);
    RtmAddRoute(d->stat, &r, INFINITE, &flags, &cur, &prev);
    std::printf("%8.3fs node %u  static add 10.1.0.0/16 -> %s\n",
                Simulator::Now().GetSeconds(),
                d->node->GetId(),
                FlagName(flags));
}

void
PrintTable(DemoNode* d)
{
    std::printf("%8.3fs node %u  IP table (%u networks):\n",
                Simulator::Now().GetSeconds(),
                d->node->GetId(),
                RtmGetNetworkCount(RTM_PROTOCOL_FAMILY_IP));
    RTM_IP_ROUTE r{};
    DWORD rc = RtmGetFirstRoute(RTM_PROTOCOL_FAMILY_IP, 0, &r);
    while (rc == NO_ERROR)
    {
        std::printf(
            "            %-15s %-15s via %-15s if %u proto %-5u metric %u priority %u age %us\n",
            Ip(r.RR_Network.N_NetNumber).c_str(),
            Ip(r.RR_Network.N_NetMask).c_str(),
            Ip(r.RR_NextHopAddress.N_NetNumber).c_str(),
            r.RR_InterfaceID,
            r.RR_RoutingProtocol,
            r.RR_FamilySpecificData.FSD_Metric,
            r.RR_FamilySpecificData.FSD_Priority,
            RtmGetRouteAge(&r));
        rc = RtmGetNextRoute(RTM_PROTOCOL_FAMILY_IP, 0, &r);
    }
}

void
Stop(DemoNode* d)
{
    RtmDeregisterClient(d->stat); // its routes vanish; the RIP client hears of it
}

} // namespace

int
main(int argc, char* argv[])
{
    uint32_t nNodes = 2;
    CommandLine cmd(__FILE__);
    cmd.AddValue("nodes", "number of nodes", nNodes);
    cmd.Parse(argc, argv);

    NodeContainer nodes;
    nodes.Create(nNodes);
    std::vector<DemoNode> state(nNodes);
    for (uint32_t i = 0; i < nNodes; ++i)
    {
        state[i].node = nodes.Get(i);
        DemoNode* d = &state[i];
        uint32_t id = d->node->GetId();
        Simulator::ScheduleWithContext(id, Seconds(1), &Start, d);
        Simulator::ScheduleWithContext(id, Seconds(2), &AddStaticOverride, d);
        Simulator::ScheduleWithContext(id, Seconds(3), &PrintTable, d);
        Simulator::ScheduleWithContext(id, Seconds(7), &PrintTable, d); // the RIP route aged out
        Simulator::ScheduleWithContext(id, Seconds(8), &Stop, d);
        Simulator::ScheduleWithContext(id, Seconds(9), &PrintTable, d);
    }
    Simulator::Run();
    Simulator::Destroy();
    return 0;
}
