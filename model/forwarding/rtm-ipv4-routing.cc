/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "rtm-ipv4-routing.h"

#include "ns3/boolean.h"
#include "ns3/log.h"
#include "ns3/net-device.h"
#include "ns3/node.h"
#include "ns3/output-stream-wrapper.h"
#include "ns3/simulator.h"

#include <iomanip>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmIpv4Routing");

NS_OBJECT_ENSURE_REGISTERED(RtmIpv4Routing);

TypeId
RtmIpv4Routing::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::RtmIpv4Routing")
            .SetParent<Ipv4RoutingProtocol>()
            .SetGroupName("Rtm")
            .AddConstructor<RtmIpv4Routing>()
            .AddAttribute("RespectInterfaceState",
                          "Treat a best route whose interface is down as no route (instead of "
                          "handing the packet to a down interface, which Ipv4L3Protocol drops).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&RtmIpv4Routing::m_respectInterfaceState),
                          MakeBooleanChecker())
            .AddTraceSource("Forward",
                            "A packet is handed on for forwarding (header, packet, output "
                            "interface); Ipv4L3Protocol may still drop it, e.g. on TTL expiry.",
                            MakeTraceSourceAccessor(&RtmIpv4Routing::m_forwardTrace),
                            "ns3::RtmIpv4Routing::PacketTracedCallback")
            .AddTraceSource("LocalDeliver",
                            "A packet is delivered to this node (header, packet, input "
                            "interface).",
                            MakeTraceSourceAccessor(&RtmIpv4Routing::m_localTrace),
                            "ns3::RtmIpv4Routing::PacketTracedCallback")
            .AddTraceSource("Output",
                            "RouteOutput found a route for a locally originated packet (header, "
                            "packet (may be null), output interface).",
                            MakeTraceSourceAccessor(&RtmIpv4Routing::m_outputTrace),
                            "ns3::RtmIpv4Routing::PacketTracedCallback")
            .AddTraceSource("Drop",
                            "No route: the packet is dropped (fired only when this protocol is "
                            "the node's routing protocol; inside a list the next one is asked).",
                            MakeTraceSourceAccessor(&RtmIpv4Routing::m_dropTrace),
                            "ns3::RtmIpv4Routing::DropTracedCallback")
            .AddTraceSource("InterfaceUp",
                            "Ipv4 reported an interface up (also replayed at SetIpv4).",
                            MakeTraceSourceAccessor(&RtmIpv4Routing::m_interfaceUpTrace),
                            "ns3::RtmIpv4Routing::InterfaceTracedCallback")
            .AddTraceSource("InterfaceDown",
                            "Ipv4 reported an interface down.",
                            MakeTraceSourceAccessor(&RtmIpv4Routing::m_interfaceDownTrace),
                            "ns3::RtmIpv4Routing::InterfaceTracedCallback")
            .AddTraceSource("AddressAdded",
                            "Ipv4 reported a new interface address.",
                            MakeTraceSourceAccessor(&RtmIpv4Routing::m_addressAddedTrace),
                            "ns3::RtmIpv4Routing::AddressTracedCallback")
            .AddTraceSource("AddressRemoved",
                            "Ipv4 reported a removed interface address.",
                            MakeTraceSourceAccessor(&RtmIpv4Routing::m_addressRemovedTrace),
                            "ns3::RtmIpv4Routing::AddressTracedCallback");
    return tid;
}

RtmIpv4Routing::RtmIpv4Routing()
    : m_connected(false),
      m_builds(0),
      m_respectInterfaceState(true)
{
    NS_LOG_FUNCTION(this);
}

RtmIpv4Routing::~RtmIpv4Routing()
{
    NS_LOG_FUNCTION(this);
    Disconnect(); // routing protocols are released, not disposed, by Ipv4L3Protocol
}

void
RtmIpv4Routing::DoDispose()
{
    NS_LOG_FUNCTION(this);
    Disconnect();
    m_cache.clear();
    m_rtm = nullptr;
    m_ipv4 = nullptr;
    Ipv4RoutingProtocol::DoDispose();
}

// ---- wiring ------------------------------------------------------------------------------------

void
RtmIpv4Routing::Connect()
{
    if (m_rtm && !m_connected)
    {
        m_rtm->TraceConnectWithoutContext("BestRouteChange",
                                          MakeCallback(&RtmIpv4Routing::BestRouteChanged, this));
        m_connected = true;
    }
}

void
RtmIpv4Routing::Disconnect()
{
    if (m_rtm && m_connected)
    {
        m_rtm->TraceDisconnectWithoutContext("BestRouteChange",
                                             MakeCallback(&RtmIpv4Routing::BestRouteChanged, this));
    }
    m_connected = false;
}

void
RtmIpv4Routing::SetRoutingTableManager(Ptr<RoutingTableManager> rtm)
{
    NS_LOG_FUNCTION(this << rtm);
    if (rtm == m_rtm)
    {
        return;
    }
    Disconnect();
    m_rtm = rtm;
    m_cache.clear();
    if (m_ipv4)
    {
        Connect();
    }
}

Ptr<RoutingTableManager>
RtmIpv4Routing::GetRoutingTableManager() const
{
    return m_rtm;
}

Ptr<Ipv4>
RtmIpv4Routing::GetIpv4() const
{
    return m_ipv4;
}

void
RtmIpv4Routing::SetIpv4(Ptr<Ipv4> ipv4)
{
    NS_LOG_FUNCTION(this << ipv4);
    NS_ASSERT_MSG(ipv4, "RtmIpv4Routing::SetIpv4: null Ipv4");
    NS_ASSERT_MSG(!m_ipv4, "RtmIpv4Routing::SetIpv4 called twice");
    m_ipv4 = ipv4;
    if (!m_rtm)
    {
        Ptr<Node> node = ipv4->GetObject<Node>();
        if (node)
        {
            m_rtm = RoutingTableManager::ForNode(node);
        }
    }
    Connect();
    RefreshInterfaces();
    // Like Ipv4StaticRouting, treat the interfaces that are up already as just brought up, so
    // the agents attached to us install their routes.
    for (uint32_t i = 0; i < m_up.size(); ++i)
    {
        if (m_up[i])
        {
            m_interfaceUpTrace(i);
        }
    }
}

bool
RtmIpv4Routing::IsStandalone() const
{
    return m_ipv4 && PeekPointer(m_ipv4->GetRoutingProtocol()) == this;
}

std::size_t
RtmIpv4Routing::GetCacheSize() const
{
    return m_cache.size();
}

uint64_t
RtmIpv4Routing::GetCacheBuilds() const
{
    return m_builds;
}

void
RtmIpv4Routing::BestRouteChanged(const RtmChange& change)
{
    if (change.family == RtmFamily::Ip)
    {
        m_cache.erase(change.network);
    }
}

void
RtmIpv4Routing::RefreshInterfaces()
{
    m_cache.clear();
    m_up.clear();
    m_broadcasts.clear();
    if (!m_ipv4)
    {
        return;
    }
    uint32_t n = m_ipv4->GetNInterfaces();
    m_up.resize(n, false);
    for (uint32_t i = 0; i < n; ++i)
    {
        m_up[i] = m_ipv4->IsUp(i);
        for (uint32_t j = 0; j < m_ipv4->GetNAddresses(i); ++j)
        {
            Ipv4InterfaceAddress a = m_ipv4->GetAddress(i, j);
            uint16_t len = a.GetMask().GetPrefixLength();
            if (len < 31 && a.GetLocal() != Ipv4Address::GetZero())
            {
                m_broadcasts.insert(a.GetLocal().GetSubnetDirectedBroadcast(a.GetMask()).Get());
            }
        }
    }
}

void
RtmIpv4Routing::NotifyInterfaceUp(uint32_t interface)
{
    NS_LOG_FUNCTION(this << interface);
    RefreshInterfaces();
    m_interfaceUpTrace(interface);
}

void
RtmIpv4Routing::NotifyInterfaceDown(uint32_t interface)
{
    NS_LOG_FUNCTION(this << interface);
    RefreshInterfaces();
    m_interfaceDownTrace(interface);
}

void
RtmIpv4Routing::NotifyAddAddress(uint32_t interface, Ipv4InterfaceAddress address)
{
    NS_LOG_FUNCTION(this << interface << address);
    RefreshInterfaces();
    m_addressAddedTrace(interface, address);
}

void
RtmIpv4Routing::NotifyRemoveAddress(uint32_t interface, Ipv4InterfaceAddress address)
{
    NS_LOG_FUNCTION(this << interface << address);
    RefreshInterfaces();
    m_addressRemovedTrace(interface, address);
}

// ---- lookups -----------------------------------------------------------------------------------

Ptr<Ipv4Route>
RtmIpv4Routing::BuildRoute(Ipv4Address network, uint32_t interface, Ipv4Address nextHop)
{
    ++m_builds;
    Ptr<Ipv4Route> rt = Create<Ipv4Route>();
    rt->SetDestination(network);
    rt->SetGateway(nextHop); // 0.0.0.0: on-link, Ipv4L3Protocol sends to the destination
    rt->SetOutputDevice(m_ipv4->GetNetDevice(interface));
    Ipv4Address reference = nextHop != Ipv4Address::GetZero() ? nextHop : network;
    rt->SetSource(m_ipv4->GetNAddresses(interface) > 0
                      ? m_ipv4->SourceAddressSelection(interface, reference)
                      : Ipv4Address::GetZero());
    NS_LOG_LOGIC("built " << *rt);
    return rt;
}

Ptr<Ipv4Route>
RtmIpv4Routing::Lookup(Ipv4Address destination, Ptr<NetDevice> oif, DropReason* reason)
{
    DropReason dummy;
    DropReason& why = reason ? *reason : dummy;
    if (!m_ipv4 || !m_rtm)
    {
        why = RtmIpv4DropReason::NoRoute;
        return nullptr;
    }
    RtmRoute best;
    if (!m_rtm->LookupIpDestination(destination, &best))
    {
        why = RtmIpv4DropReason::NoRoute;
        return nullptr;
    }
    uint32_t interface = best.interface;
    if (interface >= m_up.size())
    {
        RefreshInterfaces(); // an interface added since the last notification
        if (interface >= m_up.size())
        {
            NS_LOG_WARN("best route " << best << " names interface "
                                      << interface << " that node has not");
            why = RtmIpv4DropReason::BadInterface;
            return nullptr;
        }
    }
    if (m_respectInterfaceState && !m_up[interface])
    {
        why = RtmIpv4DropReason::InterfaceDown;
        return nullptr;
    }
    Ipv4Address nextHop = best.GetIpNextHop();
    auto it = m_cache.find(best.network);
    if (it == m_cache.end() || it->second.interface != interface || it->second.nextHop != nextHop)
    {
        CacheEntry e{interface, nextHop, BuildRoute(best.GetIpNetwork(), interface, nextHop)};
        it = m_cache.insert_or_assign(best.network, std::move(e)).first;
    }
    if (oif && it->second.route->GetOutputDevice() != oif)
    {
        int32_t bound = m_ipv4->GetInterfaceForDevice(oif);
        Ptr<Ipv4Route> rt = bound < 0 ? nullptr : LookupThrough(destination, bound);
        if (!rt)
        {
            why = RtmIpv4DropReason::NoRoute;
        }
        return rt;
    }
    return it->second.route;
}

Ptr<Ipv4Route>
RtmIpv4Routing::LookupThrough(Ipv4Address destination, uint32_t interface)
{
    NS_LOG_FUNCTION(this << destination << interface);
    if (m_respectInterfaceState && (interface >= m_up.size() || !m_up[interface]))
    {
        return nullptr;
    }
    bool found = false;
    RtmRoute chosen;
    uint32_t d = destination.Get();
    m_rtm->ForEachRoute(RtmFamily::Ip, [&](const RtmRoute& r) {
        uint32_t mask = static_cast<uint32_t>(r.network);
        uint32_t net = RtmRoute::KeyAddress(r.network);
        if (r.interface != interface || !r.enabled || !r.IsIpValid() || (d & mask) != net)
        {
            return;
        }
        uint32_t chosenMask = static_cast<uint32_t>(chosen.network);
        if (!found || mask > chosenMask ||
            (mask == chosenMask && (r.GetIpPriority() < chosen.GetIpPriority() ||
                                    (r.GetIpPriority() == chosen.GetIpPriority() &&
                                     r.GetIpMetric() < chosen.GetIpMetric()))))
        {
            chosen = r;
            found = true;
        }
    });
    if (!found)
    {
        return nullptr;
    }
    return BuildRoute(chosen.GetIpNetwork(), interface, chosen.GetIpNextHop());
}

// ---- Ipv4RoutingProtocol -----------------------------------------------------------------------

Ptr<Ipv4Route>
RtmIpv4Routing::RouteOutput(Ptr<Packet> p,
                            const Ipv4Header& header,
                            Ptr<NetDevice> oif,
                            Socket::SocketErrno& sockerr)
{
    NS_LOG_FUNCTION(this << p << header << oif);
    Ipv4Address destination = header.GetDestination();
    if (m_ipv4 && oif && destination.IsLocalMulticast())
    {
        // 224.0.0.x out of the given device, as Ipv4StaticRouting does.
        int32_t i = m_ipv4->GetInterfaceForDevice(oif);
        if (i >= 0)
        {
            Ptr<Ipv4Route> rt = Create<Ipv4Route>();
            rt->SetDestination(destination);
            rt->SetGateway(Ipv4Address::GetZero());
            rt->SetOutputDevice(oif);
            rt->SetSource(m_ipv4->GetNAddresses(i) > 0 ? m_ipv4->GetAddress(i, 0).GetLocal()
                                                       : Ipv4Address::GetZero());
            sockerr = Socket::ERROR_NOTERROR;
            m_outputTrace(header, p, i);
            return rt;
        }
    }
    DropReason reason = RtmIpv4DropReason::NoRoute;
    Ptr<Ipv4Route> rt = Lookup(destination, oif, &reason);
    if (rt)
    {
        sockerr = Socket::ERROR_NOTERROR;
        if (!m_outputTrace.IsEmpty())
        {
            m_outputTrace(header, p, m_ipv4->GetInterfaceForDevice(rt->GetOutputDevice()));
        }
        return rt;
    }
    NS_LOG_LOGIC("no route to " << destination);
    sockerr = Socket::ERROR_NOROUTETOHOST;
    if (IsStandalone())
    {
        m_dropTrace(header, p, reason);
    }
    return nullptr;
}

bool
RtmIpv4Routing::RouteInput(Ptr<const Packet> p,
                           const Ipv4Header& header,
                           Ptr<const NetDevice> idev,
                           UcbParam ucb,
                           McbParam /* mcb: the RTM holds no multicast routes */,
                           LcbParam lcb,
                           EcbParam ecb)
{
    NS_LOG_FUNCTION(this << p << header << idev);
    NS_ASSERT(m_ipv4);
    int32_t iifSigned = m_ipv4->GetInterfaceForDevice(idev);
    NS_ASSERT_MSG(iifSigned >= 0, "RouteInput: unknown input device");
    uint32_t iif = static_cast<uint32_t>(iifSigned);
    Ipv4Address destination = header.GetDestination();
    bool standalone = IsStandalone();

    if (destination.IsMulticast())
    {
        // The RTM holds no multicast routes: deliver locally (Ipv4L3Protocol accepts every
        // group, as with Ipv4ListRouting) and never forward.
        if (!lcb.IsNull() && m_ipv4->IsDestinationAddress(destination, iif))
        {
            m_localTrace(header, p, iif);
            lcb(p, header, iif);
            return true;
        }
        if (standalone)
        {
            m_dropTrace(header, p, RtmIpv4DropReason::Multicast);
        }
        return false;
    }

    bool ownBroadcast = m_broadcasts.count(destination.Get()) != 0;
    if (!lcb.IsNull() && (ownBroadcast || m_ipv4->IsDestinationAddress(destination, iif)))
    {
        m_localTrace(header, p, iif);
        lcb(p, header, iif);
        return true;
    }
    if (ownBroadcast || destination.IsBroadcast())
    {
        if (standalone)
        {
            m_dropTrace(header, p, RtmIpv4DropReason::Broadcast);
        }
        return false; // delivered already by Ipv4ListRouting, never forwarded
    }

    if (!m_ipv4->IsForwarding(iif))
    {
        NS_LOG_LOGIC("forwarding disabled on interface " << iif);
        m_dropTrace(header, p, RtmIpv4DropReason::NotForwarding);
        ecb(p, header, Socket::ERROR_NOROUTETOHOST);
        return true;
    }

    DropReason reason = RtmIpv4DropReason::NoRoute;
    Ptr<Ipv4Route> rt = Lookup(destination, nullptr, &reason);
    if (rt)
    {
        if (!m_forwardTrace.IsEmpty())
        {
            m_forwardTrace(header, p, m_ipv4->GetInterfaceForDevice(rt->GetOutputDevice()));
        }
        ucb(rt, p, header);
        return true;
    }
    NS_LOG_LOGIC("no route to " << destination);
    if (standalone)
    {
        m_dropTrace(header, p, reason);
        ecb(p, header, Socket::ERROR_NOROUTETOHOST);
        return true;
    }
    return false; // let the next protocol of the list try
}

// ---- printing ----------------------------------------------------------------------------------

std::string
RtmIpv4Routing::ProtocolName(uint32_t protocol)
{
    switch (protocol)
    {
    case 1:
        return "other";
    case 2:
        return "local";
    case 3:
        return "netmgmt";
    case 4:
        return "icmp";
    case 8:
        return "rip";
    case 13:
        return "ospf";
    case 14:
        return "bgp";
    case 10002:
        return "autostatic";
    case 10006:
        return "static";
    case 10007:
        return "static-nd";
    default:
        return std::to_string(protocol);
    }
}

void
RtmIpv4Routing::PrintRoutingTable(Ptr<OutputStreamWrapper> stream, Time::Unit unit) const
{
    std::ostream* os = stream->GetStream();
    std::ios oldState(nullptr);
    oldState.copyfmt(*os);
    Ptr<Node> node = m_ipv4 ? m_ipv4->GetObject<Node>() : nullptr;
    *os << std::resetiosflags(std::ios::adjustfield) << std::setiosflags(std::ios::left);
    *os << "Node: " << (node ? node->GetId() : 0) << ", Time: " << Now().As(unit)
        << ", Local time: " << (node ? node->GetLocalTime() : Now()).As(unit)
        << ", RtmIpv4Routing table";
    if (!m_rtm)
    {
        *os << " (no routing table manager)" << std::endl << std::endl;
        os->copyfmt(oldState);
        return;
    }
    *os << " (" << m_rtm->GetRouteCount(RtmFamily::Ip) << " routes, "
        << m_rtm->GetNetworkCount(RtmFamily::Ip) << " networks)" << std::endl;
    *os << "Network         Netmask         Next hop        Flags If  Protocol   Metric   Priority "
           "Age"
        << std::endl;
    m_rtm->ForEachRoute(RtmFamily::Ip, [&](const RtmRoute& r) {
        RtmRoute best;
        bool isBest = m_rtm->IsRoute(RtmFamily::Ip, r.network, &best) && best.SameEntry(r);
        bool up = r.interface < m_up.size() && m_up[r.interface];
        std::string flags;
        if (r.enabled && r.IsIpValid() && up)
        {
            flags += 'U';
        }
        if (r.GetIpNextHop() != Ipv4Address::GetZero())
        {
            flags += 'G';
        }
        if (r.GetIpMask() == Ipv4Mask::GetOnes())
        {
            flags += 'H';
        }
        if (isBest)
        {
            flags += 'B';
        }
        std::ostringstream net;
        std::ostringstream mask;
        std::ostringstream hop;
        std::ostringstream age;
        net << r.GetIpNetwork();
        mask << r.GetIpMask();
        hop << r.GetIpNextHop();
        age << m_rtm->GetRouteAge(r).As(unit);
        *os << std::setw(16) << net.str() << std::setw(16) << mask.str() << std::setw(16)
            << hop.str() << std::setw(6) << flags << std::setw(4) << r.interface << std::setw(11)
            << ProtocolName(r.protocol) << std::setw(9) << r.GetIpMetric() << std::setw(9)
            << r.GetIpPriority() << age.str() << std::endl;
    });
    *os << std::endl;
    os->copyfmt(oldState);
}

} // namespace ns3
