/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Lab: a routing protocol written in the Windows RTMv1 style, running unchanged on every node.
 *
 * The protocol below ("WinDV", a minimal distance-vector protocol) talks to the routing table
 * manager only through the RTMv1 API, as an RRAS protocol DLL did: RtmRegisterClient with a
 * change event, RtmAddRoute / RtmDeleteRoute for what it learns, RtmDequeueRouteChangeMessage
 * when the event is signalled, and an enumeration of the best routes to build its updates. The
 * only ns-3 parts are the UDP sockets and the timers. Every node runs its own instance: the API
 * calls act on the node whose event is running. The connected networks come from the RTM's
 * connected-routes agent: WinDV hears of them as RTM_ROUTE_ADDED messages and redistributes them,
 * and the RTM forwarding plane carries the traffic along the best routes WinDV installs.
 *
 *   ./build/examples/rtm-windows-style-protocol --topology=ring --nodes=6 --failAt=40
 */

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/rtm-module.h"

#include <arpa/inet.h>
#include <cstdio>
#include <cstring>
#include <map>
#include <vector>

using namespace ns3;
using namespace ns3::rtmv1;

NS_LOG_COMPONENT_DEFINE("RtmWindowsStyleProtocol");

namespace
{

// ---- The protocol, written as for Windows (RTMv1)
// ------------------------------------------------

constexpr DWORD WINDV_PROTOCOL = PROTO_IP_HELLO; // a protocol id of routprot.h
constexpr uint16_t WINDV_PORT = 5200;
constexpr DWORD WINDV_INFINITY = 16;
constexpr DWORD WINDV_PERIOD = 10;    // seconds between periodic updates
constexpr DWORD WINDV_ROUTE_TTL = 35; // RTM ages our routes out if not refreshed
constexpr uint32_t WINDV_MAX_ENTRIES = 64;

/// One instance per node (the protocol's "global" state in a Windows DLL, here per node).
struct WinDv
{
    Ptr<Node> node;
    HANDLE hRtm{nullptr};
    HANDLE hEvent{nullptr};
    std::map<uint32_t, Ptr<Socket>> sockets; // interface index -> socket
    bool updatePending{false};
    uint32_t messagesSent{0};
    uint32_t changesHeard{0};
};

void SendUpdate(WinDv* p);

/// Change event: drain the queue; any change of a best route triggers an update.
void
OnRtmEvent(WinDv* p)
{
    DWORD flags;
    RTM_IP_ROUTE cur;
    RTM_IP_ROUTE prev;
    DWORD rc;
    while ((rc = RtmDequeueRouteChangeMessage(p->hRtm, &flags, &cur, &prev)) == NO_ERROR ||
           rc == ERROR_MORE_MESSAGES)
    {
        ++p->changesHeard;
        if (!p->updatePending)
        {
            p->updatePending = true;
            Simulator::Schedule(MilliSeconds(200), &SendUpdate, p); // triggered update, damped
        }
        if (rc == NO_ERROR)
        {
            break;
        }
    }
}

/// Periodic and triggered updates: every best route, with split horizon.
void
SendUpdate(WinDv* p)
{
    p->updatePending = false;
    for (auto& [ifaceIndex, socket] : p->sockets)
    {
        std::vector<uint8_t> msg;
        HANDLE hEnum =
            RtmCreateEnumerationHandle(RTM_PROTOCOL_FAMILY_IP, RTM_ONLY_BEST_ROUTES, NULL);
        RTM_IP_ROUTE r;
        while (hEnum && RtmEnumerateGetNextRoute(hEnum, &r) == NO_ERROR)
        {
            if (r.RR_InterfaceID == ifaceIndex && r.RR_RoutingProtocol == WINDV_PROTOCOL)
            {
                continue; // split horizon
            }
            if (IsRouteLoopback(&r) || IsRouteNonUnicast(&r) ||
                msg.size() / 12 >= WINDV_MAX_ENTRIES)
            {
                continue;
            }
            DWORD metric =
                r.RR_RoutingProtocol == WINDV_PROTOCOL ? r.RR_FamilySpecificData.FSD_Metric : 0;
            DWORD words[3] = {r.RR_Network.N_NetNumber, r.RR_Network.N_NetMask, htonl(metric)};
            const uint8_t* b = reinterpret_cast<const uint8_t*>(words);
            msg.insert(msg.end(), b, b + sizeof(words));
        }
        if (hEnum)
        {
            RtmCloseEnumerationHandle(hEnum);
        }
        if (!msg.empty())
        {
            socket->SendTo(Create<Packet>(msg.data(), msg.size()),
                           0,
                           InetSocketAddress(Ipv4Address::GetBroadcast(), WINDV_PORT));
            ++p->messagesSent;
        }
    }
}

void
Periodic(WinDv* p)
{
    SendUpdate(p);
    Simulator::Schedule(Seconds(WINDV_PERIOD), &Periodic, p);
}

/// An update from a neighbour: one RtmAddRoute per entry (or RtmDeleteRoute at infinity).
void
OnReceive(WinDv* p, uint32_t ifaceIndex, Ptr<Socket> socket)
{
    Address from;
    Ptr<Packet> packet;
    while ((packet = socket->RecvFrom(from)))
    {
        uint32_t size = packet->GetSize();
        if (size == 0 || size % 12 != 0 || size / 12 > WINDV_MAX_ENTRIES)
        {
            continue; // malformed: drop
        }
        std::vector<uint8_t> buf(size);
        packet->CopyData(buf.data(), size);
        Ipv4Address sender = InetSocketAddress::ConvertFrom(from).GetIpv4();
        for (uint32_t off = 0; off < size; off += 12)
        {
            DWORD words[3];
            std::memcpy(words, buf.data() + off, sizeof(words));
            DWORD metric = ntohl(words[2]) + 1;
            RTM_IP_ROUTE r = {};
            r.RR_Network.N_NetNumber = words[0];
            r.RR_Network.N_NetMask = words[1];
            r.RR_NextHopAddress.N_NetNumber = htonl(sender.Get());
            r.RR_InterfaceID = ifaceIndex;
            r.RR_FamilySpecificData.FSD_Type = 4; // remote
            r.RR_FamilySpecificData.FSD_Metric = metric;
            r.RR_FamilySpecificData.FSD_Metric1 = metric;
            ClearRouteFlags(&r);
            SetRouteValid(&r);
            DWORD flags;
            if (metric >= WINDV_INFINITY)
            {
                RtmDeleteRoute(p->hRtm, &r, &flags, NULL); // ERROR_NO_SUCH_ROUTE is fine
            }
            else if (RtmAddRoute(p->hRtm, &r, WINDV_ROUTE_TTL, &flags, NULL, NULL) != NO_ERROR)
            {
                NS_LOG_WARN("RtmAddRoute rejected an entry from " << sender);
            }
        }
    }
}

/// Protocol start on a node: register with the RTM and open one socket per interface.
void
StartProtocol(WinDv* p)
{
    p->hEvent = RtmCreateChangeEvent(RtmMakeCallback<void>([p]() { OnRtmEvent(p); }));
    p->hRtm = RtmRegisterClient(RTM_PROTOCOL_FAMILY_IP, WINDV_PROTOCOL, p->hEvent, 0);
    if (!p->hRtm)
    {
        NS_FATAL_ERROR("RtmRegisterClient failed: " << GetLastError());
    }
    Ptr<Ipv4> ipv4 = p->node->GetObject<Ipv4>();
    for (uint32_t i = 1; i < ipv4->GetNInterfaces(); ++i)
    {
        Ptr<Socket> s = Socket::CreateSocket(p->node, UdpSocketFactory::GetTypeId());
        s->Bind(InetSocketAddress(Ipv4Address::GetAny(), WINDV_PORT));
        s->BindToNetDevice(ipv4->GetNetDevice(i));
        s->SetAllowBroadcast(true);
        s->SetRecvCallback(RtmMakeCallback<void, Ptr<Socket>>(
            [p, i](Ptr<Socket> sock) { OnReceive(p, i, sock); }));
        p->sockets[i] = s;
    }
    Periodic(p);
}

// ---- The lab scenario --------------------------------------------------------------------------

/// Print a node's best routes with the RTMv1 ordered enumeration.
void
PrintTable(Ptr<Node> node)
{
    rtmv1::NodeScope scope(node);
    std::printf("%7.2fs node %u best routes:\n", Simulator::Now().GetSeconds(), node->GetId());
    RTM_IP_ROUTE r = {};
    DWORD rc = RtmGetFirstRoute(RTM_PROTOCOL_FAMILY_IP, RTM_ONLY_BEST_ROUTES, &r);
    while (rc == NO_ERROR)
    {
        in_addr n;
        in_addr m;
        in_addr h;
        n.s_addr = r.RR_Network.N_NetNumber;
        m.s_addr = r.RR_Network.N_NetMask;
        h.s_addr = r.RR_NextHopAddress.N_NetNumber;
        std::string ns = inet_ntoa(n);
        std::string ms = inet_ntoa(m);
        std::string hs = inet_ntoa(h);
        std::printf("          %-15s %-15s via %-15s if %u protocol %-5u metric %u\n",
                    ns.c_str(),
                    ms.c_str(),
                    hs.c_str(),
                    r.RR_InterfaceID,
                    r.RR_RoutingProtocol,
                    r.RR_FamilySpecificData.FSD_Metric);
        rc = RtmGetNextRoute(RTM_PROTOCOL_FAMILY_IP, RTM_ONLY_BEST_ROUTES, &r);
    }
}

} // namespace

int
main(int argc, char* argv[])
{
    uint32_t nNodes = 6;
    double failAt = 40;
    double stopAt = 120;
    CommandLine cmd(__FILE__);
    cmd.AddValue("nodes", "number of routers in the ring", nNodes);
    cmd.AddValue("failAt", "time (s) at which the link between router 0 and 1 fails", failAt);
    cmd.AddValue("stopAt", "simulation end (s)", stopAt);
    cmd.Parse(argc, argv);

    NodeContainer nodes;
    nodes.Create(nNodes);
    RtmHelper rtm; // RTM, forwarding plane and connected routes (PROTO_IP_LOCAL) on every node
    InternetStackHelper stack;
    stack.SetRoutingHelper(rtm);
    stack.Install(nodes);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
    p2p.SetChannelAttribute("Delay", StringValue("2ms"));
    Ipv4AddressHelper addr("10.0.0.0", "255.255.255.252");
    std::vector<Ipv4InterfaceContainer> links;
    for (uint32_t i = 0; i < nNodes; ++i)
    {
        NetDeviceContainer d = p2p.Install(nodes.Get(i), nodes.Get((i + 1) % nNodes));
        links.push_back(addr.Assign(d));
        addr.NewNetwork();
    }

    std::vector<WinDv> protocols(nNodes);
    for (uint32_t i = 0; i < nNodes; ++i)
    {
        protocols[i].node = nodes.Get(i);
        Simulator::ScheduleWithContext(nodes.Get(i)->GetId(),
                                       Seconds(1),
                                       &StartProtocol,
                                       &protocols[i]);
    }
    Simulator::Schedule(Seconds(failAt), RtmMakeEvent([&]() {
                            Ptr<Ipv4> ipv4 = nodes.Get(0)->GetObject<Ipv4>();
                            ipv4->SetDown(1);
                            std::printf("%7.2fs link 0-1 down\n", Simulator::Now().GetSeconds());
                        }));
    Simulator::Schedule(Seconds(failAt - 1), RtmMakeEvent([&]() { PrintTable(nodes.Get(0)); }));
    Simulator::Schedule(Seconds(stopAt - 1), RtmMakeEvent([&]() { PrintTable(nodes.Get(0)); }));
    Simulator::Stop(Seconds(stopAt));
    Simulator::Run();
    for (auto& p : protocols)
    {
        rtmv1::NodeScope scope(p.node);
        std::printf("node %u: %u networks, %u updates sent, %u changes heard\n",
                    p.node->GetId(),
                    RtmGetNetworkCount(RTM_PROTOCOL_FAMILY_IP),
                    p.messagesSent,
                    p.changesHeard);
    }
    Simulator::Destroy();
    return 0;
}
