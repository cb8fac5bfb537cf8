/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#include "rtm-ospf-agent.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/enum.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-list-routing.h"
#include "ns3/ipv4-raw-socket-factory.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/net-device.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/pointer.h"
#include "ns3/random-variable-stream.h"
#include "ns3/rtm-enum-accessor.h"
#include "ns3/rtm-ospf-dr-election.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <tuple>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmOspfAgent");

NS_OBJECT_ENSURE_REGISTERED(RtmOspfAgent);

TypeId
RtmOspfAgent::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::RtmOspfAgent")
            .SetParent<RtmAgent>()
            .SetGroupName("Rtm")
            .AddConstructor<RtmOspfAgent>()
            .AddAttribute("HelloInterval",
                          "Time between two hellos on an interface.",
                          TimeValue(Seconds(10)),
                          MakeTimeAccessor(&RtmOspfAgent::m_helloInterval),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("HelloJitter",
                          "Each hello period is shortened by a uniform random time up to this.",
                          TimeValue(MilliSeconds(500)),
                          MakeTimeAccessor(&RtmOspfAgent::m_helloJitter),
                          MakeTimeChecker(Time(0)))
            .AddAttribute("RouterDeadInterval",
                          "A neighbour silent for this long is lost.",
                          TimeValue(Seconds(40)),
                          MakeTimeAccessor(&RtmOspfAgent::m_deadInterval),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("RetransmitInterval",
                          "An LSA not acknowledged by a neighbour is sent again after this.",
                          TimeValue(Seconds(5)),
                          MakeTimeAccessor(&RtmOspfAgent::m_rxmtInterval),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("MinLsInterval",
                          "Smallest time between two originations of the router's LSA.",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&RtmOspfAgent::m_minLsInterval),
                          MakeTimeChecker(Time(0)))
            .AddAttribute("OriginateDelay",
                          "Delay from a change of the router's links to the origination of its "
                          "LSA (changes within it make one LSA).",
                          TimeValue(MilliSeconds(50)),
                          MakeTimeAccessor(&RtmOspfAgent::m_originateDelay),
                          MakeTimeChecker(Time(0)))
            .AddAttribute("LsRefreshTime",
                          "The router's LSA is originated again after this (must be < MaxAge).",
                          TimeValue(Seconds(1800)),
                          MakeTimeAccessor(&RtmOspfAgent::m_lsRefreshTime),
                          MakeTimeChecker(Seconds(1)))
            .AddAttribute("MaxAge",
                          "Age in seconds at which an LSA is flushed.",
                          UintegerValue(3600),
                          MakeUintegerAccessor(&RtmOspfAgent::m_maxAge),
                          MakeUintegerChecker<uint16_t>(2))
            .AddAttribute("FlushHold",
                          "How long an LSA at MaxAge stays in the database before removal.",
                          TimeValue(Seconds(60)),
                          MakeTimeAccessor(&RtmOspfAgent::m_flushHold),
                          MakeTimeChecker(Time(0)))
            .AddAttribute("SpfDelay",
                          "Delay from a database change to the shortest-path computation.",
                          TimeValue(MilliSeconds(200)),
                          MakeTimeAccessor(&RtmOspfAgent::m_spfDelay),
                          MakeTimeChecker(Time(0)))
            .AddAttribute("SpfHoldTime",
                          "Smallest time between two shortest-path computations.",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&RtmOspfAgent::m_spfHoldTime),
                          MakeTimeChecker(Time(0)))
            .AddAttribute("FloodDelay",
                          "Flood pacing: LSAs queued within this time go out together, in as "
                          "few packets as PacketSize allows (0: at the end of the event).",
                          TimeValue(MilliSeconds(5)),
                          MakeTimeAccessor(&RtmOspfAgent::m_floodDelay),
                          MakeTimeChecker(Time(0)))
            .AddAttribute("FloodBurst",
                          "Flood pacing: at most this many bytes of flooded LS updates leave an "
                          "interface per FloodDelay; the rest wait, as LSA keys, for the next "
                          "round (0: no limit). Bounds the update packets queued at once during "
                          "a cold start (hubs of large networks).",
                          UintegerValue(0),
                          MakeUintegerAccessor(&RtmOspfAgent::m_floodBurst),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("AckDelay",
                          "Acknowledgements are held this long and sent together (delayed "
                          "acks; keep it well below RetransmitInterval).",
                          TimeValue(MilliSeconds(100)),
                          MakeTimeAccessor(&RtmOspfAgent::m_ackDelay),
                          MakeTimeChecker(Time(0)))
            .AddAttribute("TriggeredHelloDelay",
                          "Largest random delay of a hello sent early for a new neighbour.",
                          TimeValue(MilliSeconds(10)),
                          MakeTimeAccessor(&RtmOspfAgent::m_triggeredHelloDelay),
                          MakeTimeChecker(Time(0)))
            .AddAttribute("TriggeredHelloInterval",
                          "Smallest time between two early hellos on an interface (those for "
                          "new or changed neighbours; periodic hellos are not delayed).",
                          TimeValue(MilliSeconds(100)),
                          MakeTimeAccessor(&RtmOspfAgent::m_triggeredHelloGap),
                          MakeTimeChecker(Time(0)))
            .AddAttribute("MaxNeighborsPerInterface",
                          "Hellos of further routers on an interface with this many neighbours "
                          "are refused (TooManyNeighbors, NeighborRefused). The maximum keeps a "
                          "hello listing them all within an IPv4 datagram.",
                          UintegerValue(64),
                          MakeUintegerAccessor(&RtmOspfAgent::m_maxNeighbors),
                          MakeUintegerChecker<uint32_t>(1, RtmOspfPacket::MAX_HELLO_NEIGHBORS))
            .AddAttribute("RouterId",
                          "Router id; 0.0.0.0 picks the highest interface address at Start.",
                          Ipv4AddressValue(Ipv4Address::GetZero()),
                          MakeIpv4AddressAccessor(&RtmOspfAgent::m_configuredRouterId),
                          MakeIpv4AddressChecker())
            .AddAttribute("MaxLinksPerLsa",
                          "Received LSAs with more links are refused (TooManyLinks).",
                          UintegerValue(1000),
                          MakeUintegerAccessor(&RtmOspfAgent::m_maxLinks),
                          MakeUintegerChecker<uint32_t>(1, 5000))
            .AddAttribute("PacketSize",
                          "Largest update, ack, DD or request packet sent, in bytes of OSPF "
                          "packet (a single larger LSA still goes out alone).",
                          UintegerValue(1400),
                          MakeUintegerAccessor(&RtmOspfAgent::m_packetSize),
                          MakeUintegerChecker<uint32_t>(64, 65000))
            .AddAttribute(
                "InterfaceType",
                "OSPF interface type of every interface without SetInterfaceType: "
                "Auto (broadcast for a broadcast device on a channel of more than two "
                "devices, else point-to-point), PointToPoint or Broadcast. Read when "
                "an interface opens.",
                EnumValue(RtmOspfAgent::TYPE_AUTO),
                RtmEnumAccessor<RtmOspfAgent::InterfaceTypeValue>(&RtmOspfAgent::m_interfaceType,
                                                                  0),
                MakeEnumChecker(RtmOspfAgent::TYPE_AUTO,
                                "Auto",
                                RtmOspfAgent::TYPE_POINT_TO_POINT,
                                "PointToPoint",
                                RtmOspfAgent::TYPE_BROADCAST,
                                "Broadcast"))
            .AddAttribute("RouterPriority",
                          "Router priority on broadcast interfaces without SetRouterPriority "
                          "(RFC 2328 9.4: the highest is elected DR; 0: never DR or BDR). Read "
                          "when an interface opens.",
                          UintegerValue(1),
                          MakeUintegerAccessor(&RtmOspfAgent::m_priority),
                          MakeUintegerChecker<uint8_t>())
            .AddAttribute("LsaStore",
                          "Where the database's LSA bodies are shared with other agents' "
                          "(RtmOspfHelper gives the agents it installs one store); null: "
                          "bodies of the agent's own. Read at Start.",
                          PointerValue(),
                          MakePointerAccessor(&RtmOspfAgent::m_lsaStore),
                          MakePointerChecker<RtmOspfLsaStore>())
            .AddTraceSource("DroppedPacket",
                            "A received packet was refused, with the reason.",
                            MakeTraceSourceAccessor(&RtmOspfAgent::m_dropTrace),
                            "ns3::RtmOspfAgent::DropTracedCallback")
            .AddTraceSource("NeighborChange",
                            "An adjacency became Full (true) or stopped being (false).",
                            MakeTraceSourceAccessor(&RtmOspfAgent::m_neighborTrace),
                            "ns3::RtmOspfAgent::NeighborTracedCallback")
            .AddTraceSource("NeighborState",
                            "A neighbour changed state (RFC 2328 10.1): router id, interface, "
                            "old state, new state.",
                            MakeTraceSourceAccessor(&RtmOspfAgent::m_neighborStateTrace),
                            "ns3::RtmOspfAgent::NeighborStateTracedCallback")
            .AddTraceSource("NeighborRefused",
                            "A hello of a new router was refused: the interface has "
                            "MaxNeighborsPerInterface neighbours (router id, interface).",
                            MakeTraceSourceAccessor(&RtmOspfAgent::m_neighborRefusedTrace),
                            "ns3::RtmOspfAgent::NeighborRefusedTracedCallback")
            .AddTraceSource("SpfRun",
                            "A shortest-path computation ended: routes added or changed, deleted.",
                            MakeTraceSourceAccessor(&RtmOspfAgent::m_spfTrace),
                            "ns3::RtmOspfAgent::SpfTracedCallback")
            .AddTraceSource("InterfaceState",
                            "An interface changed state (RFC 2328 9.1): interface, old state, "
                            "new state.",
                            MakeTraceSourceAccessor(&RtmOspfAgent::m_interfaceStateTrace),
                            "ns3::RtmOspfAgent::InterfaceStateTracedCallback");
    return tid;
}

RtmOspfAgent::RtmOspfAgent()
    : m_running(false),
      m_routerId(0),
      m_sequence(RtmOspfLsa::RESERVED_SEQUENCE),
      m_maxAge(3600),
      m_maxNeighbors(64),
      m_maxLinks(1000),
      m_packetSize(1400),
      m_interfaceType(TYPE_AUTO),
      m_priority(1),
      m_originatedOnce(false),
      m_forceOriginate(false),
      m_spfOnce(false),
      m_wrapping(false)
{
    m_drops.fill(0);
}

RtmOspfAgent::~RtmOspfAgent() = default;

void
RtmOspfAgent::DoDispose()
{
    if (m_running)
    {
        Shutdown(true);
    }
    RtmAgent::DoDispose();
}

uint32_t
RtmOspfAgent::GetProtocol() const
{
    return PROTO_IP_OSPF;
}

std::string
RtmOspfAgent::GetProtocolName() const
{
    return "PROTO_IP_OSPF";
}

uint32_t
RtmOspfAgent::GetRegisterFlags() const
{
    return RoutingTableManager::SINGLE_ROUTE;
}

bool
RtmOspfAgent::WantsRouteChanges() const
{
    return true;
}

Ipv4Address
RtmOspfAgent::GetRouterId() const
{
    return Ipv4Address(m_routerId);
}

const RtmOspfLsdb&
RtmOspfAgent::GetLsdb() const
{
    return m_lsdb;
}

const RtmOspfAgent::Stats&
RtmOspfAgent::GetStats() const
{
    return m_stats;
}

std::size_t
RtmOspfAgent::GetInstalledRouteCount() const
{
    return m_installedCount;
}

uint64_t
RtmOspfAgent::GetDropCount() const
{
    uint64_t total = 0;
    for (uint64_t n : m_drops)
    {
        total += n;
    }
    return total;
}

uint64_t
RtmOspfAgent::GetDropCount(RtmOspfDropReason reason) const
{
    std::size_t i = static_cast<std::size_t>(reason);
    return i < m_drops.size() ? m_drops[i] : 0;
}

uint32_t
RtmOspfAgent::GetMaxInterfaceMetric() const
{
    return RtmOspfLsa::MAX_METRIC;
}

void
RtmOspfAgent::InterfaceMetricChanged(uint32_t /* interface */)
{
    if (m_running)
    {
        ScheduleOriginate();
        ScheduleSpf();
    }
}

uint32_t
RtmOspfAgent::GetDefaultInterfaceMetric(uint32_t interface) const
{
    if (m_ipv4 && interface < m_ipv4->GetNInterfaces())
    {
        // ns-3's interface metric (RtmTopologyHelper sets it to the edge metric), in range
        uint32_t metric = m_ipv4->GetMetric(interface);
        return std::min<uint32_t>(std::max<uint32_t>(metric, 1), RtmOspfLsa::MAX_METRIC);
    }
    return 1;
}

std::vector<RtmOspfAgent::NeighborInfo>
RtmOspfAgent::GetNeighbors() const
{
    std::vector<NeighborInfo> out;
    for (const auto& [index, iface] : m_interfaces)
    {
        for (const auto& [id, nbr] : iface.neighbors)
        {
            out.push_back({Ipv4Address(id),
                           nbr.address,
                           index,
                           nbr.state >= RtmOspfNeighborState::TwoWay,
                           nbr.state,
                           nbr.priority,
                           Ipv4Address(nbr.dr),
                           Ipv4Address(nbr.bdr)});
        }
    }
    return out;
}

std::vector<RtmOspfAgent::InterfaceInfo>
RtmOspfAgent::GetInterfaces() const
{
    std::vector<InterfaceInfo> out;
    for (const auto& [index, iface] : m_interfaces)
    {
        out.push_back(
            {index,
             iface.address,
             iface.broadcast ? RtmOspfInterfaceType::Broadcast : RtmOspfInterfaceType::PointToPoint,
             iface.state,
             iface.priority,
             Ipv4Address(iface.dr),
             Ipv4Address(iface.bdr)});
    }
    return out;
}

void
RtmOspfAgent::SetInterfaceType(uint32_t interface, RtmOspfInterfaceType type)
{
    m_typeOf[interface] = type;
}

void
RtmOspfAgent::SetRouterPriority(uint32_t interface, uint8_t priority)
{
    m_priorityOf[interface] = priority;
}

// ---- join and leave ----------------------------------------------------------------------------

RtmError
RtmOspfAgent::CanStart() const
{
    return GetStartProblem().empty() ? RtmError::Success : RtmError::InvalidParameter;
}

std::string
RtmOspfAgent::GetStartProblem() const
{
    if (!m_ipv4)
    {
        return "the node has no IPv4 stack";
    }
    if (m_lsRefreshTime >= Seconds(m_maxAge))
    {
        return "LsRefreshTime (" + std::to_string(m_lsRefreshTime.GetSeconds()) +
               " s) must be below MaxAge (" + std::to_string(m_maxAge) + " s)";
    }
    if (m_ackDelay >= m_rxmtInterval)
    {
        return "AckDelay (" + std::to_string(m_ackDelay.GetSeconds()) +
               " s) must be below RetransmitInterval (" +
               std::to_string(m_rxmtInterval.GetSeconds()) + " s)";
    }
    return "";
}

void
RtmOspfAgent::StartInContext()
{
    NS_LOG_FUNCTION(this);
    m_running = true;
    m_routerId = m_configuredRouterId.Get();
    if (m_routerId == 0)
    {
        for (uint32_t i = 0; i < m_ipv4->GetNInterfaces(); ++i)
        {
            for (uint32_t j = 0; j < m_ipv4->GetNAddresses(i); ++j)
            {
                Ipv4Address a = m_ipv4->GetAddress(i, j).GetLocal();
                if (!a.IsLocalhost() && a.Get() > m_routerId)
                {
                    m_routerId = a.Get();
                }
            }
        }
    }
    if (m_routerId == 0)
    {
        m_routerId = m_node->GetId() + 1; // no address at all: a stable, unique fallback
    }
    m_lsdb.Clear();
    m_fragments.clear();
    m_lsdb.SetAging(m_maxAge, m_flushHold);
    m_lsdb.SetStore(m_lsaStore);
    m_installedCount = 0;
    m_originatedOnce = false;
    m_forceOriginate = false;
    m_spfOnce = false;
    m_wrapping = false;
    m_wrapFrom.clear();
    m_wrapFlushes.clear();
    m_networkSequence.clear();
    SyncInterfaces();
    m_helloEvent =
        Simulator::Schedule(Seconds(GetRandom()->GetValue(0, m_helloInterval.GetSeconds())),
                            &RtmOspfAgent::HelloTimer,
                            this);
    ScheduleOriginate();
}

void
RtmOspfAgent::StopProtocol()
{
    NS_LOG_FUNCTION(this);
    if (!m_running)
    {
        return; // stopped before the protocol ran in the node's context
    }
    // Flush our LSA (same instance at MaxAge: newer by the ordering rule) and say goodbye, so
    // that the neighbours react at once instead of after the dead interval.
    RtmOspfPacket flush;
    flush.type = RtmOspfHeader::LS_UPDATE;
    flush.routerId = m_routerId;
    if (const RtmOspfLsdb::Entry* own = m_lsdb.Find(m_routerId))
    {
        flush.lsas.push_back(*own->lsa);
    }
    for (const auto& [lsid, seq] : m_networkSequence)
    {
        const RtmOspfLsdb::Entry* e = m_lsdb.Find(RtmOspfLsa::KeyOf(RtmOspfLsa::NETWORK_LSA, lsid));
        if (e && !e->flushed && e->lsa->advRouter == m_routerId)
        {
            flush.lsas.push_back(*e->lsa); // (our network-LSAs go with the router)
        }
    }
    for (RtmOspfLsa& lsa : flush.lsas)
    {
        lsa.age = m_maxAge;
    }
    if (!flush.lsas.empty())
    {
        for (auto& [index, iface] : m_interfaces)
        {
            SendPacket(iface, flush, FloodDestination(iface));
        }
    }
    for (auto& [index, iface] : m_interfaces)
    {
        SendHello(iface, true);
    }
    Shutdown(false);
}

void
RtmOspfAgent::Shutdown(bool disposing)
{
    m_running = false;
    for (EventId* e : {&m_helloEvent,
                       &m_originateEvent,
                       &m_refreshEvent,
                       &m_sendEvent,
                       &m_ackEvent,
                       &m_rxmtEvent,
                       &m_deadlineEvent,
                       &m_spfEvent})
    {
        e->Cancel();
    }
    for (auto& [index, iface] : m_interfaces)
    {
        InterfaceDown(iface);
        if (iface.socket)
        {
            iface.socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
            if (!disposing)
            {
                iface.socket->Close();
            }
            iface.socket = nullptr;
        }
    }
    m_interfaces.clear();
    m_installedCount = 0;
    m_lsdb.Clear();
    m_fragments.clear();
    m_networkSequence.clear();
}

// ---- interfaces --------------------------------------------------------------------------------

void
RtmOspfAgent::InterfaceOpened(uint32_t i, const Ipv4InterfaceAddress& address)
{
    NS_LOG_FUNCTION(this << i << address);
    Interface& iface = m_interfaces[i];
    iface.index = i;
    iface.address = address.GetLocal();
    iface.mask = address.GetMask();
    iface.up = true;
    iface.mtu = static_cast<uint16_t>(std::min<uint32_t>(m_ipv4->GetMtu(i), 0xFFFF));
    // A raw socket of protocol 89 bound to the interface's device: it receives the OSPF packets
    // that arrive on that device (the IPv4 header in front), and sends to 224.0.0.5 out of it.
    iface.socket = Socket::CreateSocket(m_node, Ipv4RawSocketFactory::GetTypeId());
    iface.socket->SetAttribute("Protocol", UintegerValue(RtmOspfHeader::IP_PROTOCOL));
    iface.socket->BindToNetDevice(m_ipv4->GetNetDevice(i));
    iface.socket->SetRecvCallback(MakeCallback(&RtmOspfAgent::Receive, this));
    auto forced = m_typeOf.find(i);
    iface.broadcast =
        RtmOspfResolveInterfaceType(forced != m_typeOf.end()
                                        ? forced->second
                                        : static_cast<RtmOspfInterfaceType>(m_interfaceType),
                                    m_ipv4->GetNetDevice(i)) == RtmOspfInterfaceType::Broadcast;
    auto priority = m_priorityOf.find(i);
    iface.priority = priority != m_priorityOf.end() ? priority->second : m_priority;
    InterfaceUp(iface);
    TriggerHello(iface);
}

void
RtmOspfAgent::InterfaceClosed(uint32_t i)
{
    NS_LOG_FUNCTION(this << i);
    auto it = m_interfaces.find(i);
    if (it == m_interfaces.end())
    {
        return;
    }
    InterfaceDown(it->second); // down, or renumbered: its neighbours are gone either way
    if (it->second.socket)
    {
        it->second.socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        it->second.socket->Close();
    }
    m_interfaces.erase(it);
}

void
RtmOspfAgent::InterfaceEvent(uint32_t /* interface */)
{
    if (m_running)
    {
        SyncInterfaces(); // (before the protocol runs, StartInContext reads them all)
    }
}

void
RtmOspfAgent::InterfacesSynced(bool changed)
{
    if (changed && m_running)
    {
        ScheduleOriginate();
        ScheduleSpf();
    }
}

void
RtmOspfAgent::InterfaceDown(Interface& iface)
{
    for (auto& [id, nbr] : iface.neighbors)
    {
        nbr.dead.Cancel();
        ClearAdjacency(nbr);
        if (m_running)
        {
            if (nbr.state == RtmOspfNeighborState::Full)
            {
                m_neighborTrace(Ipv4Address(id), iface.index, false);
            }
            m_neighborStateTrace(Ipv4Address(id),
                                 iface.index,
                                 nbr.state,
                                 RtmOspfNeighborState::Down);
        }
    }
    iface.neighbors.clear();
    iface.floodQueue.clear();
    iface.ackQueue.clear();
    iface.helloTrigger.Cancel();
    iface.waitTimer.Cancel();
    iface.up = false;
    iface.dr = 0;
    iface.bdr = 0;
    if (m_running)
    {
        SetInterfaceState(iface, RtmOspfInterfaceState::Down);
    }
    else
    {
        iface.state = RtmOspfInterfaceState::Down;
    }
}

void
RtmOspfAgent::InterfaceUp(Interface& iface)
{
    iface.dr = 0;
    iface.bdr = 0;
    iface.waitTimer.Cancel();
    if (!iface.broadcast)
    {
        SetInterfaceState(iface, RtmOspfInterfaceState::PointToPoint);
    }
    else if (iface.priority == 0)
    {
        SetInterfaceState(iface, RtmOspfInterfaceState::DrOther); // (9.3: never elected)
    }
    else
    {
        SetInterfaceState(iface, RtmOspfInterfaceState::Waiting);
        iface.waitTimer =
            Simulator::Schedule(m_deadInterval, &RtmOspfAgent::WaitTimerExpired, this, iface.index);
    }
}

void
RtmOspfAgent::SetInterfaceState(Interface& iface, RtmOspfInterfaceState state)
{
    RtmOspfInterfaceState old = iface.state;
    if (old == state)
    {
        return;
    }
    NS_LOG_LOGIC("node " << m_node->GetId() << ": interface " << iface.index << ": " << old
                         << " -> " << state);
    iface.state = state;
    m_interfaceStateTrace(iface.index, old, state);
}

void
RtmOspfAgent::WaitTimerExpired(uint32_t interface)
{
    auto it = m_interfaces.find(interface);
    if (m_running && it != m_interfaces.end() && it->second.up &&
        it->second.state == RtmOspfInterfaceState::Waiting)
    {
        Elect(it->second); // WaitTimer (9.3)
    }
}

void
RtmOspfAgent::NeighborChange(Interface& iface)
{
    if (iface.broadcast && iface.up && iface.state != RtmOspfInterfaceState::Waiting &&
        iface.state != RtmOspfInterfaceState::Down)
    {
        Elect(iface);
    }
}

void
RtmOspfAgent::Elect(Interface& iface)
{
    RtmOspfDrElection::Router self;
    self.routerId = m_routerId;
    self.address = iface.address.Get();
    self.priority = iface.priority;
    self.dr = iface.dr;
    self.bdr = iface.bdr;
    std::vector<RtmOspfDrElection::Router> others;
    for (const auto& [id, nbr] : iface.neighbors)
    {
        if (nbr.state >= RtmOspfNeighborState::TwoWay)
        {
            others.push_back({id, nbr.address.Get(), nbr.priority, nbr.dr, nbr.bdr});
        }
    }
    RtmOspfDrElection::Result result = RtmOspfDrElection::Elect(self, others);
    const bool changed = result.dr != iface.dr || result.bdr != iface.bdr ||
                         iface.state == RtmOspfInterfaceState::Waiting;
    iface.dr = result.dr;
    iface.bdr = result.bdr;
    switch (result.role)
    {
    case RtmOspfDrElection::Role::Dr:
        SetInterfaceState(iface, RtmOspfInterfaceState::Dr);
        break;
    case RtmOspfDrElection::Role::Backup:
        SetInterfaceState(iface, RtmOspfInterfaceState::Backup);
        break;
    default:
        SetInterfaceState(iface, RtmOspfInterfaceState::DrOther);
        break;
    }
    iface.waitTimer.Cancel();
    if (changed)
    {
        NS_LOG_LOGIC("node " << m_node->GetId() << ": interface " << iface.index << " DR "
                             << Ipv4Address(iface.dr) << " BDR " << Ipv4Address(iface.bdr));
        CheckAdjacencies(iface); // AdjOK? (10.3)
        TriggerHello(iface);     // the others learn the new DR and BDR at once
        ScheduleOriginate();     // transit or stub link; the network-LSA
        ScheduleSpf();
    }
}

bool
RtmOspfAgent::WantsAdjacency(const Interface& iface, const Neighbor& nbr) const
{
    if (!iface.broadcast)
    {
        return true;
    }
    // (10.4: DR and BDR are adjacent to everyone, the others to the DR and BDR only)
    const uint32_t a = nbr.address.Get();
    return iface.state == RtmOspfInterfaceState::Dr ||
           iface.state == RtmOspfInterfaceState::Backup || (a != 0 && a == iface.dr) ||
           (a != 0 && a == iface.bdr);
}

void
RtmOspfAgent::CheckAdjacencies(Interface& iface)
{
    for (auto& [id, nbr] : iface.neighbors)
    {
        if (nbr.state == RtmOspfNeighborState::TwoWay && WantsAdjacency(iface, nbr))
        {
            StartExStart(iface, nbr);
        }
        else if (nbr.state >= RtmOspfNeighborState::ExStart && !WantsAdjacency(iface, nbr))
        {
            ClearAdjacency(nbr);
            SetState(iface, nbr, RtmOspfNeighborState::TwoWay);
        }
    }
}

bool
RtmOspfAgent::IsTransit(const Interface& iface) const
{
    if (!iface.broadcast || !iface.up || iface.dr == 0)
    {
        return false;
    }
    for (const auto& [id, nbr] : iface.neighbors)
    {
        if (nbr.state == RtmOspfNeighborState::Full &&
            (iface.state == RtmOspfInterfaceState::Dr || nbr.address.Get() == iface.dr))
        {
            return true; // (12.4.1.2: Full with the DR, or DR with a Full neighbour)
        }
    }
    return false;
}

Ipv4Address
RtmOspfAgent::FloodDestination(const Interface& iface) const
{
    if (iface.broadcast && iface.state != RtmOspfInterfaceState::Dr &&
        iface.state != RtmOspfInterfaceState::Backup)
    {
        return Ipv4Address(RtmOspfHeader::ALL_D_ROUTERS); // (13.3: a DROther floods to the DRs)
    }
    return Ipv4Address(RtmOspfHeader::ALL_SPF_ROUTERS);
}

Ipv4Address
RtmOspfAgent::NeighborDestination(const Interface& iface, const Neighbor& nbr) const
{
    return iface.broadcast ? nbr.address : Ipv4Address(RtmOspfHeader::ALL_SPF_ROUTERS);
}

void
RtmOspfAgent::RouteChanged(const RtmChange& /* change */)
{
    // This agent does not redistribute other protocols' routes; the queue is drained (by
    // RtmAgent) so that the manager does not keep the messages.
    ++m_stats.rtmMessages;
}

// ---- hellos and neighbours ---------------------------------------------------------------------

void
RtmOspfAgent::HelloTimer()
{
    SyncInterfaces(); // the poll, when no forwarder tells us of interface changes
    for (auto& [index, iface] : m_interfaces)
    {
        if (iface.up)
        {
            SendHello(iface, false);
        }
    }
    double jitter = GetRandom()->GetValue(0, m_helloJitter.GetSeconds());
    Time next = std::max(m_helloInterval - Seconds(jitter), MilliSeconds(1));
    m_helloEvent = Simulator::Schedule(next, &RtmOspfAgent::HelloTimer, this);
}

void
RtmOspfAgent::SendHello(Interface& iface, bool goodbye)
{
    RtmOspfPacket pkt;
    pkt.type = RtmOspfHeader::HELLO;
    pkt.routerId = m_routerId;
    pkt.hello.helloInterval = HelloSeconds();
    pkt.hello.deadInterval = DeadSeconds();
    pkt.hello.mask = iface.mask.Get();
    if (!goodbye)
    {
        for (const auto& [id, nbr] : iface.neighbors)
        {
            pkt.hello.neighbors.push_back(id);
        }
    }
    if (iface.broadcast && !goodbye)
    {
        pkt.hello.priority = iface.priority; // (A.3.2; 0, 0.0.0.0 on point-to-point)
        pkt.hello.designatedRouter = iface.dr;
        pkt.hello.backupRouter = iface.bdr;
    }
    SendPacket(iface, pkt);
}

void
RtmOspfAgent::TriggerHello(Interface& iface)
{
    if (!iface.helloTrigger.IsExpired())
    {
        return;
    }
    Time delay = Seconds(GetRandom()->GetValue(0, m_triggeredHelloDelay.GetSeconds()));
    // paced: at most one early hello per TriggeredHelloInterval on the interface
    Time earliest = iface.lastTriggeredHello + m_triggeredHelloGap;
    if (earliest > Simulator::Now() + delay)
    {
        delay = earliest - Simulator::Now();
    }
    iface.helloTrigger =
        Simulator::Schedule(delay, &RtmOspfAgent::SendTriggeredHello, this, iface.index);
}

void
RtmOspfAgent::SendTriggeredHello(uint32_t interface)
{
    auto it = m_interfaces.find(interface);
    if (m_running && it != m_interfaces.end() && it->second.up)
    {
        it->second.lastTriggeredHello = Simulator::Now();
        SendHello(it->second, false);
    }
}

void
RtmOspfAgent::NeighborDead(uint32_t interface, uint32_t routerId)
{
    auto it = m_interfaces.find(interface);
    if (it == m_interfaces.end())
    {
        return;
    }
    auto n = it->second.neighbors.find(routerId);
    if (n == it->second.neighbors.end())
    {
        return;
    }
    NS_LOG_LOGIC("node " << m_node->GetId() << ": neighbour " << Ipv4Address(routerId)
                         << " dead on interface " << interface);
    ClearAdjacency(n->second);
    SetState(it->second, n->second, RtmOspfNeighborState::Down);
    it->second.neighbors.erase(n);
    NeighborChange(it->second); // (9.2: a 2-Way neighbour is gone)
}

// ---- receiving ---------------------------------------------------------------------------------

void
RtmOspfAgent::Drop(Ptr<const Packet> packet, uint32_t interface, RtmOspfDropReason reason)
{
    NS_LOG_LOGIC("node " << m_node->GetId() << ": drop on interface " << interface << ": "
                         << reason);
    ++m_drops[static_cast<std::size_t>(reason)];
    m_dropTrace(packet, interface, reason);
}

void
RtmOspfAgent::Receive(Ptr<Socket> socket)
{
    Address from;
    Ptr<Packet> packet;
    std::vector<uint8_t>& bytes = m_rxBytes; // reused: no allocation per packet
    RtmOspfPacket& pkt = m_rxPacket;         // reused: its LSAs keep their link buffers
    while ((packet = socket->RecvFrom(from)))
    {
        Interface* iface = nullptr;
        for (auto& [index, candidate] : m_interfaces)
        {
            if (candidate.socket == socket)
            {
                iface = &candidate;
                break;
            }
        }
        Ipv4Header ip;
        if (!m_running || !iface || packet->RemoveHeader(ip) == 0)
        {
            continue;
        }
        if (!ip.IsLastFragment() || ip.GetFragmentOffset() != 0)
        {
            packet = Reassemble(ip, packet);
            if (!packet)
            {
                continue; // more pieces to come
            }
        }
        // A raw socket sees every protocol-89 packet of its device: only those for us count.
        Ipv4Address dst = ip.GetDestination();
        // AllDRouters is received while DR or BDR only (the group is joined then, 13.3).
        const bool drs = iface->state == RtmOspfInterfaceState::Dr ||
                         iface->state == RtmOspfInterfaceState::Backup;
        if (dst.Get() != RtmOspfHeader::ALL_SPF_ROUTERS &&
            !(drs && dst.Get() == RtmOspfHeader::ALL_D_ROUTERS) && dst != iface->address)
        {
            continue;
        }
        ++m_stats.rxPackets;
        NotifyRx(packet, iface->index);
        Ipv4Address source = ip.GetSource();
        bytes.resize(packet->GetSize());
        packet->CopyData(bytes.data(), static_cast<uint32_t>(bytes.size()));
        RtmOspfDropReason reason = RtmOspfDropReason::Count;
        RtmOspfPacket::Limits limits;
        limits.maxLinks = m_maxLinks;
        limits.maxAge = m_maxAge;
        if (!RtmOspfPacket::Decode(bytes.data(),
                                   static_cast<uint32_t>(bytes.size()),
                                   limits,
                                   &pkt,
                                   &reason))
        {
            Drop(packet, iface->index, reason);
            continue;
        }
        Dispatch(*iface, source, pkt, packet);
    }
}

Ptr<Packet>
RtmOspfAgent::Reassemble(const Ipv4Header& ip, Ptr<Packet> packet)
{
    const Time now = Simulator::Now();
    for (auto it = m_fragments.begin(); it != m_fragments.end();)
    {
        it = now - it->second.first > Seconds(30) ? m_fragments.erase(it) : std::next(it);
    }
    const auto key = std::make_pair(ip.GetSource().Get(), ip.GetIdentification());
    if (m_fragments.size() >= 64 && m_fragments.find(key) == m_fragments.end())
    {
        return nullptr; // bounded: a flood of first pieces cannot grow it
    }
    Reassembly& r = m_fragments[key];
    if (r.pieces.empty())
    {
        r.first = now;
    }
    std::vector<uint8_t> bytes(packet->GetSize());
    packet->CopyData(bytes.data(), static_cast<uint32_t>(bytes.size()));
    const uint16_t offset = ip.GetFragmentOffset();
    if (ip.IsLastFragment())
    {
        r.total = offset + static_cast<uint32_t>(bytes.size());
    }
    r.pieces[offset] = std::move(bytes);
    if (r.total == 0)
    {
        return nullptr;
    }
    std::vector<uint8_t> whole;
    for (const auto& [at, piece] : r.pieces)
    {
        if (at != whole.size())
        {
            return nullptr; // a gap (or an overlap): wait for more, or let it expire
        }
        whole.insert(whole.end(), piece.begin(), piece.end());
    }
    if (whole.size() != r.total)
    {
        return nullptr;
    }
    m_fragments.erase(key);
    return Create<Packet>(whole.data(), static_cast<uint32_t>(whole.size()));
}

void
RtmOspfAgent::Dispatch(Interface& iface,
                       Ipv4Address source,
                       const RtmOspfPacket& pkt,
                       Ptr<const Packet> packet)
{
    if (pkt.routerId == m_routerId)
    {
        Drop(packet, iface.index, RtmOspfDropReason::DuplicateRouterId);
        return;
    }
    if (iface.mask.GetPrefixLength() < 32 && !iface.mask.IsMatch(source, iface.address))
    {
        Drop(packet, iface.index, RtmOspfDropReason::WrongSubnet);
        return;
    }
    if (pkt.type == RtmOspfHeader::HELLO)
    {
        HandleHello(iface, source, pkt, packet);
        return;
    }
    auto n = iface.neighbors.find(pkt.routerId);
    if (n == iface.neighbors.end())
    {
        Drop(packet, iface.index, RtmOspfDropReason::NotNeighbor);
        return;
    }
    Neighbor& nbr = n->second;
    if (pkt.type == RtmOspfHeader::DB_DESCRIPTION)
    {
        HandleDd(iface, nbr, pkt, packet);
        return;
    }
    if (nbr.state < RtmOspfNeighborState::Exchange)
    {
        // (13, 13.7, 10.7: updates, acks and requests only from neighbours in Exchange or above)
        Drop(packet,
             iface.index,
             pkt.type == RtmOspfHeader::LS_REQUEST ? RtmOspfDropReason::WrongState
                                                   : RtmOspfDropReason::NotNeighbor);
        return;
    }
    for (uint32_t i = 0; i < pkt.ignoredLsas; ++i)
    {
        Drop(packet, iface.index, RtmOspfDropReason::BadLsaType); // skipped, the rest is used
    }
    switch (pkt.type)
    {
    case RtmOspfHeader::LS_REQUEST:
        HandleRequest(iface, nbr, pkt, packet);
        break;
    case RtmOspfHeader::LS_UPDATE:
        HandleUpdate(iface, nbr, pkt, packet);
        break;
    default:
        HandleAck(nbr, pkt);
        break;
    }
}

uint16_t
RtmOspfAgent::HelloSeconds() const
{
    return static_cast<uint16_t>(
        std::clamp<int64_t>(std::llround(m_helloInterval.GetSeconds()), 1, 0xFFFF));
}

uint32_t
RtmOspfAgent::DeadSeconds() const
{
    return static_cast<uint32_t>(
        std::clamp<int64_t>(std::llround(m_deadInterval.GetSeconds()), 1, 0x7FFFFFFF));
}

void
RtmOspfAgent::HandleHello(Interface& iface,
                          Ipv4Address source,
                          const RtmOspfPacket& pkt,
                          Ptr<const Packet> packet)
{
    const RtmOspfPacket::Hello& h = pkt.hello;
    // (10.5; the other option bits are ignored)
    if (h.helloInterval != HelloSeconds() || h.deadInterval != DeadSeconds() ||
        h.mask != iface.mask.Get() || (h.options & RtmOspfLsa::OPTION_E) == 0)
    {
        Drop(packet, iface.index, RtmOspfDropReason::HelloMismatch);
        return;
    }
    if (iface.neighbors.size() >= m_maxNeighbors &&
        iface.neighbors.find(pkt.routerId) == iface.neighbors.end())
    {
        Drop(packet, iface.index, RtmOspfDropReason::TooManyNeighbors);
        m_neighborRefusedTrace(Ipv4Address(pkt.routerId), iface.index);
        return;
    }
    auto [it, isNew] = iface.neighbors.try_emplace(pkt.routerId);
    Neighbor& nbr = it->second;
    const RtmOspfNeighborState before = nbr.state;
    // (10.5: a change of priority, or of the neighbour declaring itself DR or BDR, is a
    // NeighborChange)
    const uint32_t from = source.Get();
    const bool declarationChanged =
        !isNew && (nbr.priority != h.priority || (nbr.dr == from) != (h.designatedRouter == from) ||
                   (nbr.bdr == from) != (h.backupRouter == from));
    nbr.priority = h.priority;
    nbr.dr = h.designatedRouter;
    nbr.bdr = h.backupRouter;
    nbr.routerId = pkt.routerId;
    nbr.address = source;
    nbr.dead.Cancel();
    nbr.dead = Simulator::Schedule(m_deadInterval,
                                   &RtmOspfAgent::NeighborDead,
                                   this,
                                   iface.index,
                                   pkt.routerId);
    if (nbr.state == RtmOspfNeighborState::Down)
    {
        SetState(iface, nbr, RtmOspfNeighborState::Init); // HelloReceived
    }
    bool listsUs =
        std::find(h.neighbors.begin(), h.neighbors.end(), m_routerId) != h.neighbors.end();
    if (listsUs && nbr.state == RtmOspfNeighborState::Init)
    {
        // 2-WayReceived; on point-to-point an adjacency is always wanted, on a broadcast network
        // with the DR and BDR only (10.4). A hello listing the neighbour follows (paced: a DD
        // that comes first takes the neighbour to 2-Way, 10.6).
        SetState(iface, nbr, RtmOspfNeighborState::TwoWay);
        TriggerHello(iface);
        if (WantsAdjacency(iface, nbr))
        {
            StartExStart(iface, nbr);
        }
    }
    else if (!listsUs && nbr.state >= RtmOspfNeighborState::TwoWay)
    {
        ClearAdjacency(nbr); // 1-WayReceived
        SetState(iface, nbr, RtmOspfNeighborState::Init);
    }
    if (isNew || !listsUs)
    {
        TriggerHello(iface);
    }
    if (!iface.broadcast)
    {
        return;
    }
    if (iface.state == RtmOspfInterfaceState::Waiting &&
        nbr.state >= RtmOspfNeighborState::TwoWay &&
        (h.backupRouter == from || (h.designatedRouter == from && h.backupRouter == 0)))
    {
        Elect(iface); // BackupSeen (9.3): the Wait timer ends early
        return;
    }
    const bool twoWayChanged =
        (before >= RtmOspfNeighborState::TwoWay) != (nbr.state >= RtmOspfNeighborState::TwoWay);
    if (twoWayChanged || (declarationChanged && nbr.state >= RtmOspfNeighborState::TwoWay))
    {
        NeighborChange(iface);
    }
}

void
RtmOspfAgent::HandleUpdate(Interface& iface,
                           Neighbor& nbr,
                           const RtmOspfPacket& pkt,
                           Ptr<const Packet> packet)
{
    Time now = Simulator::Now();
    bool spf = false;
    bool fightBack = false;
    for (const RtmOspfLsa& lsa : pkt.lsas)
    {
        const uint64_t key = lsa.GetKey();
        const RtmOspfLsdb::Entry* cur = m_lsdb.Find(key);
        bool maxAged = lsa.age >= m_maxAge;
        int cmp = cur ? RtmOspfLsa::CompareInstances(lsa.sequence,
                                                     lsa.checksum,
                                                     maxAged,
                                                     cur->lsa->sequence,
                                                     cur->lsa->checksum,
                                                     cur->flushed)
                      : 1;
        RtmOspfPacket::Ack ack{lsa.advRouter, lsa.sequence, lsa.checksum, lsa.age};
        ack.type = lsa.type;
        ack.linkStateId = lsa.GetLinkStateId();
        ack.options = lsa.options;
        ack.length = static_cast<uint16_t>(lsa.GetSerializedSize());
        RequestSatisfied(iface, nbr, lsa);
        if (lsa.type == RtmOspfLsa::NETWORK_LSA && cmp > 0 &&
            (lsa.advRouter == m_routerId || IsOwnAddress(lsa.linkStateId)))
        {
            // (13.4: a network-LSA of ours, or named by one of our addresses: never installed)
            Drop(packet, iface.index, RtmOspfDropReason::SelfOriginatedNewer);
            OutbidOwnNetwork(lsa);
            iface.ackQueue.push_back(ack);
            continue;
        }
        if (lsa.advRouter == m_routerId && cmp > 0)
        {
            // Someone has (or forged) a newer instance of our LSA: never install it.
            Drop(packet, iface.index, RtmOspfDropReason::SelfOriginatedNewer);
            OutbidOwn(lsa);
            fightBack = true;
            continue;
        }
        if (cmp > 0)
        {
            if (!cur && maxAged)
            {
                iface.ackQueue.push_back(ack); // flush of an LSA we never had: ack, discard
                continue;
            }
            if (maxAged && lsa.sequence == RtmOspfLsa::MAX_SEQUENCE)
            {
                m_wrapFlushes.insert(key); // a wrap: removed once acknowledged
            }
            spf |= m_lsdb.Install(lsa, now);
            ++m_stats.lsasInstalled;
            ForgetPending(key, &iface); // Flood replaces the other interfaces' entries
            Flood(key, &iface, nbr.routerId);
            iface.ackQueue.push_back(ack);
        }
        else if (cmp == 0)
        {
            const RtmOspfRetransmitList::Pending* p = nbr.rxmt.Find(key);
            if (p && p->sequence == lsa.sequence && p->checksum == lsa.checksum)
            {
                nbr.rxmt.Erase(key); // implied acknowledgement
            }
            else
            {
                iface.ackQueue.push_back(ack);
            }
        }
        else if (cur->flushed && cur->lsa->sequence == RtmOspfLsa::MAX_SEQUENCE)
        {
            continue; // (13 (8): a wrap; the flush must be complete before a new instance)
        }
        else
        {
            QueueFor(iface, nbr, key); // the neighbour is behind: send it ours
        }
    }
    if (fightBack)
    {
        // Originate a newer instance (paced like any origination, so that a neighbour that
        // keeps sending the other one cannot make us flood without pause).
        m_forceOriginate = true;
        ScheduleOriginate();
    }
    if (spf)
    {
        ScheduleSpf();
    }
    ScheduleDeadline();
    ScheduleSend();
    if (!iface.ackQueue.empty())
    {
        ScheduleAcks();
    }
    CheckWrapFlushes();
}

void
RtmOspfAgent::OutbidOwn(const RtmOspfLsa& lsa)
{
    // Originate an instance newer still, which replaces it everywhere; one at MAX_SEQUENCE
    // cannot be outbid: the origination flushes it first (kept: the newest such one).
    if (lsa.sequence == RtmOspfLsa::MAX_SEQUENCE)
    {
        if (m_wrapFrom.empty() || RtmOspfLsa::CompareInstances(lsa.sequence,
                                                               lsa.checksum,
                                                               lsa.age >= m_maxAge,
                                                               m_wrapFrom[0].sequence,
                                                               m_wrapFrom[0].checksum,
                                                               m_wrapFrom[0].age >= m_maxAge) > 0)
        {
            m_wrapFrom.assign(1, lsa);
        }
    }
    if (RtmOspfLsa::SequenceNewer(lsa.sequence, m_sequence))
    {
        m_sequence = lsa.sequence;
    }
}

bool
RtmOspfAgent::IsOwnAddress(uint32_t address) const
{
    for (const auto& [index, iface] : m_interfaces)
    {
        if (iface.address.Get() == address)
        {
            return true;
        }
    }
    return false;
}

void
RtmOspfAgent::OutbidOwnNetwork(const RtmOspfLsa& lsa)
{
    auto seq = m_networkSequence.find(lsa.linkStateId);
    if (seq == m_networkSequence.end() || RtmOspfLsa::SequenceNewer(lsa.sequence, seq->second))
    {
        m_networkSequence[lsa.linkStateId] = lsa.sequence;
    }
    bool originated = false;
    for (const auto& [index, iface] : m_interfaces)
    {
        originated |= iface.up && iface.state == RtmOspfInterfaceState::Dr &&
                      iface.address.Get() == lsa.linkStateId;
    }
    if (!originated)
    {
        // (13.4: not ours any more: flushed, the received instance at MaxAge)
        RtmOspfLsa flush = lsa;
        flush.age = m_maxAge;
        m_lsdb.Install(flush, Simulator::Now());
        ForgetPending(flush.GetKey(), nullptr);
        Flood(flush.GetKey(), nullptr);
        ScheduleDeadline();
        ScheduleSpf();
        return;
    }
    m_forceOriginate = true; // a newer instance of ours, paced as an origination
    ScheduleOriginate();
}

bool
RtmOspfAgent::StartWrap()
{
    // The newest instance at MAX_SEQUENCE known: ours, or the one received.
    const RtmOspfLsdb::Entry* own = m_lsdb.Find(m_routerId);
    std::vector<RtmOspfLsa> flush;
    if (own && own->lsa->sequence == RtmOspfLsa::MAX_SEQUENCE)
    {
        flush.push_back(*own->lsa);
    }
    if (!m_wrapFrom.empty() &&
        (flush.empty() || RtmOspfLsa::CompareInstances(m_wrapFrom[0].sequence,
                                                       m_wrapFrom[0].checksum,
                                                       m_wrapFrom[0].age >= m_maxAge,
                                                       own->lsa->sequence,
                                                       own->lsa->checksum,
                                                       own->flushed) > 0))
    {
        flush = m_wrapFrom;
    }
    m_wrapFrom.clear();
    m_sequence = RtmOspfLsa::RESERVED_SEQUENCE; // the next origination: INITIAL_SEQUENCE
    if (flush.empty())
    {
        return false;
    }
    NS_LOG_LOGIC("node " << m_node->GetId() << ": sequence wrap, flushing " << flush[0]);
    ++m_stats.sequenceWraps;
    flush[0].age = m_maxAge; // premature aging (14.1)
    m_wrapping = true;
    m_lastOriginate = Simulator::Now();
    m_lsdb.Install(flush[0], Simulator::Now());
    m_wrapFlushes.insert(m_routerId);
    Flood(m_routerId, nullptr);
    ScheduleDeadline();
    CheckWrapFlushes(); // (no neighbour to tell: done at once)
    return true;
}

void
RtmOspfAgent::CheckWrapFlushes()
{
    if (m_wrapFlushes.empty())
    {
        return;
    }
    // (14: a MaxAge LSA is removed once on no retransmission list; done here for the flushes
    // of a wrap only, which must be gone before the new instance is accepted)
    std::vector<uint64_t> done;
    for (uint64_t id : m_wrapFlushes)
    {
        const RtmOspfLsdb::Entry* e = m_lsdb.Find(id);
        bool pending = false;
        for (const auto& [index, iface] : m_interfaces)
        {
            for (const auto& [nid, nbr] : iface.neighbors)
            {
                pending |= nbr.rxmt.Find(id) != nullptr;
            }
        }
        if (!e || !e->flushed || e->lsa->sequence != RtmOspfLsa::MAX_SEQUENCE || !pending)
        {
            done.push_back(id);
        }
    }
    bool finished = false;
    for (uint64_t id : done)
    {
        m_wrapFlushes.erase(id);
        const RtmOspfLsdb::Entry* e = m_lsdb.Find(id);
        if (e && e->flushed && e->lsa->sequence == RtmOspfLsa::MAX_SEQUENCE)
        {
            m_lsdb.Remove(id);
            ForgetPending(id, nullptr);
        }
        finished |= id == m_routerId && m_wrapping;
    }
    if (finished)
    {
        FinishWrap();
    }
}

void
RtmOspfAgent::FinishWrap()
{
    NS_LOG_LOGIC("node " << m_node->GetId() << ": sequence wrap done");
    m_wrapping = false;
    m_originateEvent.Cancel();
    Originate(true); // at once: the flush was paced as an origination
}

void
RtmOspfAgent::HandleAck(Neighbor& nbr, const RtmOspfPacket& pkt)
{
    for (const RtmOspfPacket::Ack& a : pkt.acks)
    {
        if ((a.type != RtmOspfLsa::ROUTER_LSA || a.linkStateId != a.advRouter) &&
            a.type != RtmOspfLsa::NETWORK_LSA)
        {
            continue; // not an instance this agent sends
        }
        const uint64_t key = RtmOspfLsa::KeyOf(a.type, a.linkStateId);
        const RtmOspfRetransmitList::Pending* p = nbr.rxmt.Find(key);
        if (p && p->sequence == a.sequence && p->checksum == a.checksum &&
            p->flushed == (a.age >= m_maxAge))
        {
            nbr.rxmt.Erase(key);
        }
    }
    CheckWrapFlushes();
}

// ---- the neighbour state machine and the database exchange -------------------------------------

void
RtmOspfAgent::SetState(Interface& iface, Neighbor& nbr, RtmOspfNeighborState state)
{
    RtmOspfNeighborState old = nbr.state;
    if (old == state)
    {
        return;
    }
    NS_LOG_LOGIC("node " << m_node->GetId() << ": neighbour " << Ipv4Address(nbr.routerId)
                         << " on interface " << iface.index << ": " << old << " -> " << state);
    nbr.state = state;
    m_neighborStateTrace(Ipv4Address(nbr.routerId), iface.index, old, state);
    if (old == RtmOspfNeighborState::Full || state == RtmOspfNeighborState::Full)
    {
        m_neighborTrace(Ipv4Address(nbr.routerId),
                        iface.index,
                        state == RtmOspfNeighborState::Full);
        ScheduleOriginate();
        ScheduleSpf();
    }
}

void
RtmOspfAgent::ClearAdjacency(Neighbor& nbr)
{
    nbr.rxmt.Clear();
    nbr.summary.clear();
    nbr.requests.clear();
    nbr.lastDdSent.clear();
    nbr.ddReceived = false;
    nbr.ddTimer.Cancel();
    nbr.requestTimer.Cancel();
}

void
RtmOspfAgent::StartExStart(Interface& iface, Neighbor& nbr)
{
    SetState(iface, nbr, RtmOspfNeighborState::ExStart);
    // (10.8: a unique starting value; the time keeps it increasing across restarts)
    nbr.ddSequence = std::max<uint32_t>(nbr.ddSequence + 1,
                                        static_cast<uint32_t>(Simulator::Now().GetMilliSeconds()));
    nbr.master = true; // claimed until the negotiation says otherwise
    SendDd(iface, nbr);
}

void
RtmOspfAgent::RestartAdjacency(Interface& iface, Neighbor& nbr)
{
    ClearAdjacency(nbr);
    StartExStart(iface, nbr);
}

void
RtmOspfAgent::NegotiationDone(Interface& iface, Neighbor& nbr)
{
    SetState(iface, nbr, RtmOspfNeighborState::Exchange);
    nbr.summary.clear();
    Time now = Simulator::Now();
    bool flushes = false;
    for (const auto& [id, e] : m_lsdb.GetEntries())
    {
        if (e.flushed)
        {
            // a flushed LSA is being removed: not described, but put on the retransmission list
            // (10.3 NegotiationDone), so that the neighbour learns of the flush; first sent a
            // RetransmitInterval later, when it is past ExStart too
            AddPending(nbr, e);
            flushes = true;
            continue;
        }
        RtmOspfPacket::Ack a{e.lsa->advRouter,
                             e.lsa->sequence,
                             e.lsa->checksum,
                             m_lsdb.GetAge(e, now)};
        a.type = e.lsa->type;
        a.linkStateId = e.lsa->GetLinkStateId();
        a.options = e.lsa->options;
        a.length = static_cast<uint16_t>(e.lsa->GetSerializedSize());
        nbr.summary.push_back(a);
    }
    std::sort(nbr.summary.begin(), nbr.summary.end(), [](const auto& a, const auto& b) {
        return RtmOspfLsa::KeyOf(a.type, a.linkStateId) < RtmOspfLsa::KeyOf(b.type, b.linkStateId);
    });
    if (flushes)
    {
        ScheduleRetransmit();
    }
}

void
RtmOspfAgent::ExchangeDone(Interface& iface, Neighbor& nbr)
{
    nbr.ddTimer.Cancel();
    if (nbr.requests.empty())
    {
        SetState(iface, nbr, RtmOspfNeighborState::Full);
        return;
    }
    SetState(iface, nbr, RtmOspfNeighborState::Loading);
    if (nbr.requestTimer.IsExpired())
    {
        SendRequests(iface, nbr);
    }
}

void
RtmOspfAgent::SendDd(Interface& iface, Neighbor& nbr)
{
    RtmOspfPacket pkt;
    pkt.type = RtmOspfHeader::DB_DESCRIPTION;
    pkt.routerId = m_routerId;
    pkt.dd.mtu = iface.mtu;
    pkt.dd.sequence = nbr.ddSequence;
    if (nbr.state == RtmOspfNeighborState::ExStart)
    {
        pkt.dd.flags =
            RtmOspfPacket::DD_FLAG_I | RtmOspfPacket::DD_FLAG_M | RtmOspfPacket::DD_FLAG_MS;
    }
    else
    {
        uint32_t room = (std::min<uint32_t>(m_packetSize, iface.mtu) - RtmOspfHeader::SIZE -
                         RtmOspfPacket::DD_FIXED - 20) / // (room for an IPv4 header)
                        RtmOspfPacket::ACK_SIZE;
        std::size_t n = std::min<std::size_t>(std::max<uint32_t>(room, 1), nbr.summary.size());
        pkt.dd.headers.assign(nbr.summary.begin(), nbr.summary.begin() + n);
        nbr.summary.erase(nbr.summary.begin(), nbr.summary.begin() + n);
        pkt.dd.flags = (nbr.master ? RtmOspfPacket::DD_FLAG_MS : 0) |
                       (nbr.summary.empty() ? 0 : RtmOspfPacket::DD_FLAG_M);
    }
    nbr.lastDdSent = pkt.Encode();
    SendBytes(iface,
              RtmOspfHeader::DB_DESCRIPTION,
              nbr.lastDdSent,
              NeighborDestination(iface, nbr));
    nbr.ddTimer.Cancel();
    if (nbr.master) // the master (and both sides in ExStart) retransmits; the slave answers
    {
        nbr.ddTimer = Simulator::Schedule(m_rxmtInterval,
                                          &RtmOspfAgent::DdTimer,
                                          this,
                                          iface.index,
                                          nbr.routerId);
    }
}

void
RtmOspfAgent::DdTimer(uint32_t interface, uint32_t routerId)
{
    auto it = m_interfaces.find(interface);
    if (!m_running || it == m_interfaces.end() || !it->second.up)
    {
        return;
    }
    auto n = it->second.neighbors.find(routerId);
    if (n == it->second.neighbors.end() || n->second.lastDdSent.empty() ||
        (n->second.state != RtmOspfNeighborState::ExStart &&
         n->second.state != RtmOspfNeighborState::Exchange))
    {
        return;
    }
    SendBytes(it->second,
              RtmOspfHeader::DB_DESCRIPTION,
              n->second.lastDdSent,
              NeighborDestination(it->second, n->second));
    n->second.ddTimer =
        Simulator::Schedule(m_rxmtInterval, &RtmOspfAgent::DdTimer, this, interface, routerId);
}

void
RtmOspfAgent::HandleDd(Interface& iface,
                       Neighbor& nbr,
                       const RtmOspfPacket& pkt,
                       Ptr<const Packet> packet)
{
    const RtmOspfPacket::Dd& dd = pkt.dd;
    if (dd.mtu > iface.mtu)
    {
        Drop(packet, iface.index, RtmOspfDropReason::MtuMismatch); // (10.6: no adjacency)
        return;
    }
    if (nbr.state == RtmOspfNeighborState::Init)
    {
        // (10.6: 2-WayReceived first; on point-to-point that goes on to ExStart, on a broadcast
        // network if an adjacency is wanted)
        SetState(iface, nbr, RtmOspfNeighborState::TwoWay);
        if (WantsAdjacency(iface, nbr))
        {
            StartExStart(iface, nbr);
        }
        NeighborChange(iface);
    }
    bool duplicate = nbr.ddReceived && dd.flags == nbr.lastDdFlags &&
                     dd.options == nbr.lastDdOptions && dd.sequence == nbr.lastDdSequence;
    switch (nbr.state)
    {
    case RtmOspfNeighborState::ExStart:
        if (NegotiateDd(iface, nbr, dd))
        {
            AcceptDd(iface, nbr, dd, packet);
        }
        return;
    case RtmOspfNeighborState::Exchange:
        break;
    case RtmOspfNeighborState::Loading:
    case RtmOspfNeighborState::Full:
        if (!duplicate)
        {
            Drop(packet, iface.index, RtmOspfDropReason::BadDdSequence);
            RestartAdjacency(iface, nbr);
        }
        else if (!nbr.master && !nbr.lastDdSent.empty())
        {
            SendBytes(iface,
                      RtmOspfHeader::DB_DESCRIPTION,
                      nbr.lastDdSent,
                      NeighborDestination(iface, nbr)); // slave: again
        }
        return;
    default:
        return; // 2-Way: ignored (10.6)
    }
    if (duplicate)
    {
        if (!nbr.master && !nbr.lastDdSent.empty())
        {
            SendBytes(iface,
                      RtmOspfHeader::DB_DESCRIPTION,
                      nbr.lastDdSent,
                      NeighborDestination(iface, nbr));
        }
        return; // the master ignores duplicates
    }
    bool ms = (dd.flags & RtmOspfPacket::DD_FLAG_MS) != 0;
    bool inSequence =
        nbr.master ? dd.sequence == nbr.ddSequence : dd.sequence == nbr.ddSequence + 1;
    if (ms == nbr.master || (dd.flags & RtmOspfPacket::DD_FLAG_I) || !inSequence ||
        (nbr.ddReceived && dd.options != nbr.lastDdOptions))
    {
        Drop(packet, iface.index, RtmOspfDropReason::BadDdSequence); // SeqNumberMismatch
        RestartAdjacency(iface, nbr);
        return;
    }
    AcceptDd(iface, nbr, dd, packet);
}

bool
RtmOspfAgent::NegotiateDd(Interface& iface, Neighbor& nbr, const RtmOspfPacket::Dd& dd)
{
    const uint8_t all =
        RtmOspfPacket::DD_FLAG_I | RtmOspfPacket::DD_FLAG_M | RtmOspfPacket::DD_FLAG_MS;
    if ((dd.flags & all) == all && dd.headers.empty() && nbr.routerId > m_routerId)
    {
        nbr.master = false; // the neighbour is master: adopt its sequence number
        nbr.ddSequence = dd.sequence;
        nbr.ddTimer.Cancel();
        NegotiationDone(iface, nbr);
        return true;
    }
    if ((dd.flags & (RtmOspfPacket::DD_FLAG_I | RtmOspfPacket::DD_FLAG_MS)) == 0 &&
        dd.sequence == nbr.ddSequence && nbr.routerId < m_routerId)
    {
        nbr.master = true; // the slave acknowledged our I-packet
        NegotiationDone(iface, nbr);
        return true;
    }
    return false; // (10.6: ignored; e.g. the slave's own I-packet)
}

void
RtmOspfAgent::AcceptDd(Interface& iface,
                       Neighbor& nbr,
                       const RtmOspfPacket::Dd& dd,
                       Ptr<const Packet> packet)
{
    for (const RtmOspfPacket::Ack& h : dd.headers)
    {
        if (h.type == 0 || h.type > 5)
        {
            // RFC 2328 10.6: an LS type outside 1-5 is a SeqNumberMismatch, the rest unused.
            // (Types 3-5, which this agent does not implement, are skipped below instead.)
            Drop(packet, iface.index, RtmOspfDropReason::BadLsaType);
            RestartAdjacency(iface, nbr);
            return;
        }
    }
    nbr.ddReceived = true;
    nbr.lastDdFlags = dd.flags;
    nbr.lastDdOptions = dd.options;
    nbr.lastDdSequence = dd.sequence;
    bool wantsMore = false;
    for (const RtmOspfPacket::Ack& h : dd.headers)
    {
        if ((h.type != RtmOspfLsa::ROUTER_LSA || h.linkStateId != h.advRouter) &&
            h.type != RtmOspfLsa::NETWORK_LSA)
        {
            Drop(packet, iface.index, RtmOspfDropReason::BadLsaType); // not implemented: skipped
            continue;
        }
        const uint64_t key = RtmOspfLsa::KeyOf(h.type, h.linkStateId);
        const RtmOspfLsdb::Entry* e = m_lsdb.Find(key);
        if (!e || RtmOspfLsa::CompareInstances(h.sequence,
                                               h.checksum,
                                               h.age >= m_maxAge,
                                               e->lsa->sequence,
                                               e->lsa->checksum,
                                               e->flushed) > 0)
        {
            nbr.requests[key] = h;
            wantsMore = true;
        }
    }
    if (wantsMore && nbr.requestTimer.IsExpired())
    {
        SendRequests(iface, nbr); // requests may go out during Exchange (10.9)
    }
    bool theyHaveMore = (dd.flags & RtmOspfPacket::DD_FLAG_M) != 0;
    if (nbr.master)
    {
        nbr.ddTimer.Cancel();
        bool weHadMore = !nbr.lastDdSent.empty() &&
                         (nbr.lastDdSent[RtmOspfHeader::SIZE + 3] & RtmOspfPacket::DD_FLAG_M);
        if (!weHadMore && !theyHaveMore)
        {
            ExchangeDone(iface, nbr);
            return;
        }
        ++nbr.ddSequence;
        SendDd(iface, nbr);
        return;
    }
    nbr.ddSequence = dd.sequence;
    SendDd(iface, nbr);
    if (!theyHaveMore && nbr.summary.empty())
    {
        ExchangeDone(iface, nbr); // (the slave keeps its last DD to answer duplicates)
    }
}

void
RtmOspfAgent::SendRequests(Interface& iface, Neighbor& nbr)
{
    nbr.requestTimer.Cancel();
    if (nbr.requests.empty())
    {
        return;
    }
    RtmOspfPacket pkt;
    pkt.type = RtmOspfHeader::LS_REQUEST;
    pkt.routerId = m_routerId;
    uint32_t room =
        std::max<uint32_t>(1, (m_packetSize - RtmOspfHeader::SIZE) / RtmOspfPacket::REQUEST_SIZE);
    for (const auto& [key, h] : nbr.requests)
    {
        if (pkt.requests.size() >= room)
        {
            break;
        }
        pkt.requests.push_back({h.type, h.linkStateId, h.advRouter});
    }
    SendPacket(iface, pkt, NeighborDestination(iface, nbr));
    nbr.requestTimer = Simulator::Schedule(m_rxmtInterval,
                                           &RtmOspfAgent::RequestTimer,
                                           this,
                                           iface.index,
                                           nbr.routerId);
}

void
RtmOspfAgent::RequestTimer(uint32_t interface, uint32_t routerId)
{
    auto it = m_interfaces.find(interface);
    if (!m_running || it == m_interfaces.end() || !it->second.up)
    {
        return;
    }
    auto n = it->second.neighbors.find(routerId);
    if (n != it->second.neighbors.end() && n->second.state >= RtmOspfNeighborState::Exchange)
    {
        SendRequests(it->second, n->second);
    }
}

void
RtmOspfAgent::HandleRequest(Interface& iface,
                            Neighbor& nbr,
                            const RtmOspfPacket& pkt,
                            Ptr<const Packet> packet)
{
    std::vector<uint64_t> keys;
    for (const RtmOspfPacket::Request& r : pkt.requests)
    {
        const bool known = (r.type == RtmOspfLsa::ROUTER_LSA && r.linkStateId == r.advRouter) ||
                           r.type == RtmOspfLsa::NETWORK_LSA;
        const uint64_t key =
            known ? RtmOspfLsa::KeyOf(static_cast<uint8_t>(r.type), r.linkStateId) : 0;
        const RtmOspfLsdb::Entry* e = known ? m_lsdb.Find(key) : nullptr;
        if (!e || e->lsa->advRouter != r.advRouter)
        {
            Drop(packet, iface.index, RtmOspfDropReason::BadRequest); // BadLSReq (10.7)
            RestartAdjacency(iface, nbr);
            return;
        }
        keys.push_back(key);
    }
    // (answers to requests are not retransmitted: re-requested)
    SendUpdates(iface, keys, NeighborDestination(iface, nbr));
}

void
RtmOspfAgent::RequestSatisfied(Interface& iface, Neighbor& nbr, const RtmOspfLsa& lsa)
{
    auto r = nbr.requests.find(lsa.GetKey());
    if (r == nbr.requests.end() || RtmOspfLsa::CompareInstances(lsa.sequence,
                                                                lsa.checksum,
                                                                lsa.age >= m_maxAge,
                                                                r->second.sequence,
                                                                r->second.checksum,
                                                                r->second.age >= m_maxAge) < 0)
    {
        return;
    }
    nbr.requests.erase(r);
    if (nbr.requests.empty())
    {
        nbr.requestTimer.Cancel();
        if (nbr.state == RtmOspfNeighborState::Loading)
        {
            SetState(iface, nbr, RtmOspfNeighborState::Full); // LoadingDone
        }
    }
}

// ---- origination and flooding ------------------------------------------------------------------

void
RtmOspfAgent::ScheduleOriginate()
{
    if (!m_running || !m_originateEvent.IsExpired())
    {
        return;
    }
    // Wait OriginateDelay (changes arriving together make one LSA, e.g. the adjacencies of a
    // cold start), and at least MinLsInterval since the last origination.
    Time delay = m_originateDelay;
    if (m_originatedOnce)
    {
        Time next = m_lastOriginate + m_minLsInterval;
        if (next - Simulator::Now() > delay)
        {
            delay = next - Simulator::Now();
        }
    }
    m_originateEvent = Simulator::Schedule(delay, &RtmOspfAgent::Originate, this, false);
}

void
RtmOspfAgent::Originate(bool force)
{
    force = force || m_forceOriginate;
    m_forceOriginate = false;
    if (!m_running)
    {
        return;
    }
    OriginateNetworks(force);
    if (m_wrapping)
    {
        return; // (wrapping: FinishWrap originates)
    }
    RtmOspfLsa lsa;
    lsa.advRouter = m_routerId;
    lsa.age = 0;
    for (const auto& [index, iface] : m_interfaces)
    {
        if (!iface.up)
        {
            continue;
        }
        uint16_t cost = static_cast<uint16_t>(GetInterfaceMetric(index));
        if (iface.broadcast)
        {
            if (IsTransit(iface))
            {
                // (12.4.1.2: a transit network, named by the DR's address)
                lsa.links.push_back(
                    {RtmOspfLsa::Link::TRANSIT, cost, iface.dr, iface.address.Get()});
                continue;
            }
        }
        for (const auto& [id, nbr] : iface.neighbors)
        {
            if (nbr.state == RtmOspfNeighborState::Full && !iface.broadcast)
            {
                lsa.links.push_back(
                    {RtmOspfLsa::Link::POINT_TO_POINT, cost, id, iface.address.Get()});
            }
        }
        lsa.links.push_back({RtmOspfLsa::Link::STUB,
                             cost,
                             iface.address.CombineMask(iface.mask).Get(),
                             iface.mask.Get()});
    }
    auto key = [](const RtmOspfLsa::Link& l) {
        return std::make_tuple(l.type, l.id, l.data, l.metric);
    };
    std::sort(lsa.links.begin(), lsa.links.end(), [&key](const auto& a, const auto& b) {
        return key(a) < key(b);
    });
    // Two interfaces on one network: one stub link, the cheapest (first after the sort).
    lsa.links.erase(std::unique(lsa.links.begin(),
                                lsa.links.end(),
                                [](const auto& a, const auto& b) {
                                    return a.type == RtmOspfLsa::Link::STUB && a.type == b.type &&
                                           a.id == b.id && a.data == b.data;
                                }),
                    lsa.links.end());
    if (lsa.links.size() > m_maxLinks)
    {
        NS_LOG_WARN("node " << m_node->GetId() << ": LSA truncated to MaxLinksPerLsa links");
        lsa.links.resize(m_maxLinks);
    }
    const RtmOspfLsdb::Entry* own = m_lsdb.Find(m_routerId);
    if (!force && own && !own->flushed && own->lsa->SameLinks(lsa))
    {
        return; // nothing changed since the last origination
    }
    if ((!m_wrapFrom.empty() || m_sequence == RtmOspfLsa::MAX_SEQUENCE) && StartWrap())
    {
        return; // no higher sequence number: flushed first (12.1.6)
    }
    // (12.1.6: signed, from InitialSequenceNumber; the reserved value marks "none yet")
    ++m_sequence;
    lsa.sequence = m_sequence;
    lsa.UpdateChecksum();
    InstallOwn(lsa);
}

void
RtmOspfAgent::OriginateNetworks(bool force)
{
    const Time now = Simulator::Now();
    std::set<uint32_t> originated;
    for (const auto& [index, iface] : m_interfaces)
    {
        if (!iface.up || !iface.broadcast || iface.state != RtmOspfInterfaceState::Dr)
        {
            continue;
        }
        // (12.4.2: the DR, fully adjacent to at least one other router; itself and those)
        RtmOspfLsa lsa;
        lsa.type = RtmOspfLsa::NETWORK_LSA;
        lsa.advRouter = m_routerId;
        lsa.linkStateId = iface.address.Get();
        lsa.networkMask = iface.mask.Get();
        lsa.attached.push_back(m_routerId);
        for (const auto& [id, nbr] : iface.neighbors)
        {
            if (nbr.state == RtmOspfNeighborState::Full)
            {
                lsa.attached.push_back(id);
            }
        }
        if (lsa.attached.size() < 2 || lsa.attached.size() > m_maxLinks)
        {
            continue;
        }
        std::sort(lsa.attached.begin(), lsa.attached.end());
        originated.insert(lsa.linkStateId);
        const uint64_t key = lsa.GetKey();
        const RtmOspfLsdb::Entry* own = m_lsdb.Find(key);
        if (!force && own && !own->flushed && own->lsa->advRouter == m_routerId &&
            own->lsa->SameLinks(lsa))
        {
            continue;
        }
        uint32_t last = RtmOspfLsa::RESERVED_SEQUENCE;
        auto seq = m_networkSequence.find(lsa.linkStateId);
        if (seq != m_networkSequence.end())
        {
            last = seq->second;
        }
        if (own && (last == RtmOspfLsa::RESERVED_SEQUENCE ||
                    RtmOspfLsa::SequenceNewer(own->lsa->sequence, last)))
        {
            last = own->lsa->sequence;
        }
        if (last == RtmOspfLsa::MAX_SEQUENCE)
        {
            // (no wrap for network-LSAs: the instance is flushed, and the next origination
            // after FlushHold starts from InitialSequenceNumber)
            NS_LOG_WARN("node " << m_node->GetId() << ": network-LSA sequence exhausted");
            m_networkSequence[lsa.linkStateId] = RtmOspfLsa::RESERVED_SEQUENCE;
            originated.erase(lsa.linkStateId);
            continue;
        }
        lsa.sequence = last + 1; // (RESERVED + 1 is INITIAL)
        lsa.UpdateChecksum();
        m_networkSequence[lsa.linkStateId] = lsa.sequence;
        ++m_stats.lsasOriginated;
        if (m_lsdb.Install(lsa, now))
        {
            ScheduleSpf();
        }
        Flood(key, nullptr);
    }
    // Network-LSAs we no longer originate (no longer DR, no full neighbour): flushed (12.4.2).
    for (const auto& [lsid, seq] : m_networkSequence)
    {
        if (originated.count(lsid))
        {
            continue;
        }
        const uint64_t key = RtmOspfLsa::KeyOf(RtmOspfLsa::NETWORK_LSA, lsid);
        const RtmOspfLsdb::Entry* e = m_lsdb.Find(key);
        if (e && !e->flushed && e->lsa->advRouter == m_routerId)
        {
            NS_LOG_LOGIC("node " << m_node->GetId() << ": flushing " << *e->lsa);
            m_lsdb.Flush(key, now);
            Flood(key, nullptr);
            ScheduleSpf();
        }
    }
    ScheduleDeadline();
}

void
RtmOspfAgent::InstallOwn(const RtmOspfLsa& lsa)
{
    bool spf = m_lsdb.Install(lsa, Simulator::Now());
    m_lastOriginate = Simulator::Now();
    m_originatedOnce = true;
    ++m_stats.lsasOriginated;
    Flood(m_routerId, nullptr); // replaces every pending older instance
    m_refreshEvent.Cancel();
    m_refreshEvent = Simulator::Schedule(m_lsRefreshTime, &RtmOspfAgent::RefreshTimer, this);
    ScheduleDeadline();
    if (spf)
    {
        ScheduleSpf();
    }
}

void
RtmOspfAgent::RefreshTimer()
{
    m_originateEvent.Cancel();
    Originate(true);
}

void
RtmOspfAgent::QueueFor(Interface& iface, Neighbor& nbr, uint64_t key)
{
    if (const RtmOspfLsdb::Entry* e = m_lsdb.Find(key))
    {
        QueueFor(iface, nbr, *e);
    }
}

void
RtmOspfAgent::QueueFor(Interface& iface, Neighbor& nbr, const RtmOspfLsdb::Entry& e)
{
    iface.floodQueue.push_back(e.lsa->GetKey());
    AddPending(nbr, e);
}

void
RtmOspfAgent::AddPending(Neighbor& nbr, const RtmOspfLsdb::Entry& e)
{
    nbr.rxmt.Set(e.lsa->GetKey(), {e.lsa->sequence, e.lsa->checksum, e.flushed, Simulator::Now()});
}

void
RtmOspfAgent::Flood(uint64_t key, const Interface* from, uint32_t sender)
{
    const RtmOspfLsdb::Entry* e = m_lsdb.Find(key);
    if (!e)
    {
        return;
    }
    for (auto& [index, iface] : m_interfaces)
    {
        if (!iface.up || (&iface == from && !iface.broadcast))
        {
            continue;
        }
        bool listed = false;
        for (auto& [id, nbr] : iface.neighbors)
        {
            if (nbr.state >= RtmOspfNeighborState::Exchange && // (13.3 (1))
                !(&iface == from && id == sender))
            {
                AddPending(nbr, *e);
                listed = true;
            }
        }
        if (!listed)
        {
            continue; // (13.3 (2))
        }
        if (&iface == from)
        {
            // (13.3 (3), (4): back out of the network it came from only by the DR, and not if
            // it came from the DR or BDR, which flood it themselves)
            auto s = iface.neighbors.find(sender);
            const uint32_t a = s != iface.neighbors.end() ? s->second.address.Get() : 0;
            if ((a != 0 && (a == iface.dr || a == iface.bdr)) ||
                iface.state == RtmOspfInterfaceState::Backup)
            {
                continue;
            }
        }
        iface.floodQueue.push_back(key);
    }
    ScheduleSend();
}

void
RtmOspfAgent::ForgetPending(uint64_t key, const Interface* only)
{
    for (auto& [index, iface] : m_interfaces)
    {
        if (only && &iface != only)
        {
            continue;
        }
        for (auto& [id, nbr] : iface.neighbors)
        {
            nbr.rxmt.Erase(key);
        }
    }
}

void
RtmOspfAgent::ScheduleSend()
{
    if (m_running && m_sendEvent.IsExpired())
    {
        m_sendEvent = Simulator::Schedule(m_floodDelay, &RtmOspfAgent::SendQueued, this);
    }
}

void
RtmOspfAgent::SendQueued()
{
    bool sentUpdates = false;
    bool more = false; // (FloodBurst left some for the next round)
    for (auto& [index, iface] : m_interfaces)
    {
        if (iface.floodQueue.empty())
        {
            continue;
        }
        std::vector<uint64_t> keys;
        keys.swap(iface.floodQueue);
        std::sort(keys.begin(), keys.end());
        keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
        if (m_floodBurst != 0)
        {
            // paced: an LSA that waited and that no neighbour here still lacks (acknowledged,
            // or received from it meanwhile) need not go
            const Interface& here = iface; // (a structured binding cannot be captured in C++17)
            keys.erase(std::remove_if(keys.begin(),
                                      keys.end(),
                                      [&here](uint64_t key) {
                                          for (const auto& [id, nbr] : here.neighbors)
                                          {
                                              if (nbr.rxmt.Find(key))
                                              {
                                                  return false;
                                              }
                                          }
                                          return true;
                                      }),
                       keys.end());
        }
        if (iface.up)
        {
            const std::size_t sent =
                SendUpdates(iface,
                            keys,
                            FloodDestination(iface),
                            m_floodBurst == 0 ? UINT64_MAX : uint64_t{m_floodBurst});
            sentUpdates = true;
            if (sent < keys.size())
            {
                iface.floodQueue.assign(keys.begin() + sent, keys.end()); // the next round's
                more = true;
            }
        }
    }
    if (sentUpdates)
    {
        ScheduleRetransmit();
    }
    if (more)
    {
        ScheduleSend();
    }
}

void
RtmOspfAgent::ScheduleAcks()
{
    if (m_running && m_ackEvent.IsExpired())
    {
        m_ackEvent = Simulator::Schedule(m_ackDelay, &RtmOspfAgent::SendAcks, this);
    }
}

void
RtmOspfAgent::SendAcks()
{
    const uint32_t acksPerPacket =
        std::max<uint32_t>(1, (m_packetSize - RtmOspfHeader::SIZE) / RtmOspfPacket::ACK_SIZE);
    for (auto& [index, iface] : m_interfaces)
    {
        for (std::size_t i = 0; iface.up && i < iface.ackQueue.size(); i += acksPerPacket)
        {
            RtmOspfPacket pkt;
            pkt.type = RtmOspfHeader::LS_ACK;
            pkt.routerId = m_routerId;
            std::size_t end = std::min(iface.ackQueue.size(), i + acksPerPacket);
            pkt.acks.assign(iface.ackQueue.begin() + i, iface.ackQueue.begin() + end);
            SendPacket(iface, pkt, FloodDestination(iface)); // (13.5)
        }
        // a burst's queue is not kept: the cold start's acks would hold their peak per interface
        std::vector<RtmOspfPacket::Ack>().swap(iface.ackQueue);
    }
}

std::size_t
RtmOspfAgent::SendUpdates(Interface& iface,
                          const std::vector<uint64_t>& keys,
                          Ipv4Address to,
                          uint64_t budget)
{
    Time now = Simulator::Now();
    std::vector<RtmOspfPacket::LsaRef> lsas;
    uint32_t size = RtmOspfHeader::SIZE + RtmOspfPacket::LIST_FIXED;
    uint64_t spent = 0; // bytes of the packets sent so far
    std::size_t done = 0;
    for (; done < keys.size(); ++done)
    {
        const uint64_t id = keys[done];
        const RtmOspfLsdb::Entry* e = m_lsdb.Find(id);
        if (!e)
        {
            continue; // removed since it was queued
        }
        uint16_t age = m_lsdb.GetAge(*e, now);
        if (!e->flushed)
        {
            // One second of transmission delay, as OSPF's InfTransDelay; never MaxAge.
            age = std::min<uint16_t>(age + 1, m_maxAge - 1);
        }
        uint32_t lsaSize = e->lsa->GetSerializedSize();
        if ((spent > 0 || !lsas.empty()) && spent + size + lsaSize > budget)
        {
            break; // (the budget is spent: the rest waits; at least one LSA always goes)
        }
        if (!lsas.empty() && size + lsaSize > m_packetSize)
        {
            SendBytes(iface,
                      RtmOspfHeader::LS_UPDATE,
                      RtmOspfPacket::EncodeUpdate(m_routerId, lsas),
                      to);
            lsas.clear();
            spent += size;
            size = RtmOspfHeader::SIZE + RtmOspfPacket::LIST_FIXED;
        }
        lsas.push_back({e->lsa.get(), age});
        size += lsaSize;
        ++m_stats.txLsas;
    }
    if (!lsas.empty())
    {
        SendBytes(iface,
                  RtmOspfHeader::LS_UPDATE,
                  RtmOspfPacket::EncodeUpdate(m_routerId, lsas),
                  to);
    }
    return done;
}

void
RtmOspfAgent::SendPacket(Interface& iface, const RtmOspfPacket& pkt, Ipv4Address to)
{
    if (iface.up && iface.socket)
    {
        SendBytes(iface, pkt.type, pkt.Encode(), to);
    }
}

void
RtmOspfAgent::SendBytes(Interface& iface,
                        uint8_t type,
                        const std::vector<uint8_t>& bytes,
                        Ipv4Address to)
{
    if (!iface.up || !iface.socket)
    {
        return;
    }
    if (bytes.empty())
    {
        // (Encode refused a packet larger than an IPv4 datagram: never sent, wrapped or cut)
        NS_LOG_WARN("node " << m_node->GetId() << ": oversized packet of type " << +type
                            << " not sent on interface " << iface.index);
        ++m_stats.txOversized;
        return;
    }
    Ptr<Packet> p = Create<Packet>(bytes.data(), static_cast<uint32_t>(bytes.size()));
    ++m_stats.txPackets;
    m_stats.txBytes += p->GetSize();
    switch (type)
    {
    case RtmOspfHeader::HELLO:
        ++m_stats.txHellos;
        break;
    case RtmOspfHeader::DB_DESCRIPTION:
        ++m_stats.txDds;
        break;
    case RtmOspfHeader::LS_REQUEST:
        ++m_stats.txRequests;
        break;
    case RtmOspfHeader::LS_UPDATE:
        ++m_stats.txUpdates;
        break;
    default:
        ++m_stats.txAcks;
        break;
    }
    NotifyTx(p, iface.index);
    SocketIpTtlTag ttl; // link-local: TTL 1 (RFC 2328 A.1)
    ttl.SetTtl(1);
    p->AddPacketTag(ttl);
    iface.socket->SendTo(p, 0, InetSocketAddress(to, 0));
}

void
RtmOspfAgent::ScheduleRetransmit()
{
    if (m_running && m_rxmtEvent.IsExpired())
    {
        m_rxmtEvent = Simulator::Schedule(m_rxmtInterval, &RtmOspfAgent::RetransmitTimer, this);
    }
}

void
RtmOspfAgent::RetransmitTimer()
{
    Time now = Simulator::Now();
    bool pending = false;
    for (auto& [index, iface] : m_interfaces)
    {
        if (!iface.up)
        {
            continue;
        }
        std::set<uint64_t> resend;
        std::map<uint32_t, std::set<uint64_t>> unicast; // broadcast: by neighbour (13.6)
        const bool broadcast = iface.broadcast; // a structured binding cannot be captured in C++17
        for (auto& [id, nbr] : iface.neighbors)
        {
            const uint32_t nid = id;
            nbr.rxmt.EraseIf([&](uint64_t key, RtmOspfRetransmitList::Pending& p) {
                const RtmOspfLsdb::Entry* e = m_lsdb.Find(key);
                if (!e || e->lsa->sequence != p.sequence || e->lsa->checksum != p.checksum ||
                    e->flushed != p.flushed)
                {
                    return true; // superseded or gone
                }
                pending = true;
                if (now - p.sentAt >= m_rxmtInterval)
                {
                    (broadcast ? unicast[nid] : resend).insert(key);
                    p.sentAt = now;
                }
                return false;
            });
        }
        if (!resend.empty())
        {
            m_stats.retransmittedLsas += resend.size();
            SendUpdates(iface,
                        std::vector<uint64_t>(resend.begin(), resend.end()),
                        Ipv4Address(RtmOspfHeader::ALL_SPF_ROUTERS));
        }
        for (const auto& [id, keys] : unicast)
        {
            m_stats.retransmittedLsas += keys.size();
            SendUpdates(iface,
                        std::vector<uint64_t>(keys.begin(), keys.end()),
                        iface.neighbors.at(id).address);
        }
    }
    if (pending)
    {
        m_rxmtEvent = Simulator::Schedule(m_rxmtInterval, &RtmOspfAgent::RetransmitTimer, this);
    }
    CheckWrapFlushes(); // (superseded or lost neighbours' entries are gone now)
}

// ---- aging -------------------------------------------------------------------------------------

void
RtmOspfAgent::ScheduleDeadline()
{
    Time next = m_lsdb.GetNextDeadline();
    if (!m_running || next == Time::Max())
    {
        return;
    }
    if (!m_deadlineEvent.IsExpired() && TimeStep(m_deadlineEvent.GetTs()) <= next)
    {
        return; // an earlier run will reschedule
    }
    m_deadlineEvent.Cancel();
    Time delay = std::max(next - Simulator::Now(), Time(0));
    m_deadlineEvent = Simulator::Schedule(delay, &RtmOspfAgent::DeadlineTimer, this);
}

void
RtmOspfAgent::DeadlineTimer()
{
    Time now = Simulator::Now();
    bool spf = false;
    for (uint64_t id : m_lsdb.GetDue(now))
    {
        const RtmOspfLsdb::Entry* e = m_lsdb.Find(id);
        if (!e)
        {
            continue; // (removed by a sequence wrap meanwhile)
        }
        if (!e->flushed)
        {
            if (id == m_routerId)
            {
                m_originateEvent.Cancel();
                Originate(true); // cannot happen with LsRefreshTime < MaxAge; kept safe
                continue;
            }
            m_lsdb.Flush(id, now);
            Flood(id, nullptr); // tell everyone it is gone (replaces the pending entries)
            spf = true;
        }
        else
        {
            m_lsdb.Remove(id); // queued sends of it are skipped
            ForgetPending(id, nullptr);
            m_wrapFlushes.erase(id);
            if (id == m_routerId && m_wrapping)
            {
                FinishWrap(); // (a neighbour never acknowledged the flush: FlushHold ended it)
            }
        }
    }
    if (spf)
    {
        ScheduleSpf();
    }
    ScheduleDeadline();
}

// ---- shortest paths and routes -----------------------------------------------------------------

void
RtmOspfAgent::ScheduleSpf()
{
    if (!m_running || !m_spfEvent.IsExpired())
    {
        return;
    }
    Time at = Simulator::Now() + m_spfDelay;
    if (m_spfOnce && m_lastSpf + m_spfHoldTime > at)
    {
        at = m_lastSpf + m_spfHoldTime;
    }
    m_spfEvent = Simulator::Schedule(at - Simulator::Now(), &RtmOspfAgent::RunSpf, this);
}

void
RtmOspfAgent::RunSpf()
{
    NS_LOG_FUNCTION(this);
    m_lastSpf = Simulator::Now();
    m_spfOnce = true;
    ++m_stats.spfRuns;

    std::vector<Adjacency> adjacencies;
    std::vector<uint64_t> connected;
    CollectAdjacencies(&adjacencies, &connected);
    std::vector<RtmOspfLsdb::RootLink> links;
    links.reserve(adjacencies.size());
    for (const Adjacency& a : adjacencies)
    {
        links.push_back({a.neighbor, a.cost, a.network});
    }
    RtmOspfLsdb::SpfResult spf; // local: per-agent buffers would cost more memory than time
    m_lsdb.ComputeShortestPaths(m_routerId, links, &spf);
    // the first hops: an adjacency, or a router across a transit network (its address there)
    std::vector<Adjacency> hops;
    hops.reserve(spf.hops.size());
    for (const RtmOspfLsdb::Hop& h : spf.hops)
    {
        Adjacency a = adjacencies[h.link];
        if (h.address != 0)
        {
            a.address = h.address;
            a.network = false;
        }
        hops.push_back(a);
    }
    RouteChoice choice = ChooseRoutes(spf, hops, CollectCandidates(spf, connected));
    std::vector<NextHop> nextHops;
    nextHops.reserve(hops.size());
    for (const Adjacency& a : hops)
    {
        nextHops.push_back({a.interface, a.address});
    }
    InstallRoutes(choice, nextHops);
}

void
RtmOspfAgent::CollectAdjacencies(std::vector<Adjacency>* adjacencies,
                                 std::vector<uint64_t>* connected) const
{
    for (const auto& [index, iface] : m_interfaces)
    {
        if (!iface.up)
        {
            continue;
        }
        connected->push_back(RtmRoute::IpKey(iface.address.CombineMask(iface.mask), iface.mask));
        if (iface.broadcast)
        {
            if (IsTransit(iface))
            {
                adjacencies->push_back({iface.dr,
                                        index,
                                        iface.dr,
                                        static_cast<uint16_t>(GetInterfaceMetric(index)),
                                        true});
            }
            continue;
        }
        for (const auto& [id, nbr] : iface.neighbors)
        {
            if (nbr.state == RtmOspfNeighborState::Full)
            {
                adjacencies->push_back({id,
                                        index,
                                        nbr.address.Get(),
                                        static_cast<uint16_t>(GetInterfaceMetric(index))});
            }
        }
    }
    std::sort(connected->begin(), connected->end());
    std::sort(adjacencies->begin(), adjacencies->end(), [](const Adjacency& a, const Adjacency& b) {
        return std::tie(a.interface, a.address) < std::tie(b.interface, b.address);
    });
}

std::vector<RtmOspfAgent::Candidate>
RtmOspfAgent::CollectCandidates(const RtmOspfLsdb::SpfResult& spf,
                                const std::vector<uint64_t>& connected) const
{
    std::vector<Candidate> candidates;
    for (uint32_t v = 0; v < spf.entries.size(); ++v)
    {
        if (v == spf.root || !spf.entries[v] ||
            spf.distance[v] == RtmOspfLsdb::SpfResult::UNREACHABLE)
        {
            continue;
        }
        if (spf.IsNetwork(v))
        {
            // a transit network: reached at the network vertex's distance (16.1 (4))
            const RtmOspfLsa& n = *spf.entries[v]->lsa;
            uint64_t key = RtmRoute::IpKey(n.linkStateId & n.networkMask, n.networkMask);
            if (!std::binary_search(connected.begin(), connected.end(), key))
            {
                candidates.push_back({key, spf.distance[v], v});
            }
            continue;
        }
        for (const RtmOspfLsa::Link& l : spf.entries[v]->lsa->links)
        {
            if (l.type != RtmOspfLsa::Link::STUB)
            {
                continue;
            }
            uint64_t key = RtmRoute::IpKey(l.id, l.data);
            if (!std::binary_search(connected.begin(), connected.end(), key))
            {
                candidates.push_back({key, spf.distance[v] + l.metric, v});
            }
        }
    }
    std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
        return std::tie(a.network, a.cost, a.vertex) < std::tie(b.network, b.cost, b.vertex);
    });
    return candidates;
}

RtmOspfAgent::RouteChoice
RtmOspfAgent::ChooseRoutes(const RtmOspfLsdb::SpfResult& spf,
                           const std::vector<Adjacency>& adjacencies,
                           const std::vector<Candidate>& candidates) const
{
    // The manager holds the installed routes: the agent keeps no copy of its own (it would be
    // 12 bytes a route, 2.4 GB at 10,000 routers), it asks for each network's route instead.
    RouteChoice choice;
    std::vector<uint64_t> hops(spf.words);
    auto nextNetwork = [&candidates](std::size_t i) {
        const uint64_t key = candidates[i].network;
        while (i < candidates.size() && candidates[i].network == key)
        {
            ++i;
        }
        return i;
    };
    std::size_t ahead = candidates.empty() ? 0 : nextNetwork(0);
    for (std::size_t i = 0; i < candidates.size();)
    {
        // the first hops of every cheapest candidate of the network
        uint64_t key = candidates[i].network;
        uint32_t best = candidates[i].cost;
        if (ahead < candidates.size())
        {
            m_rtm->Prefetch(RtmFamily::Ip, candidates[ahead].network); // the next lookup's
            ahead = nextNetwork(ahead);
        }
        std::fill(hops.begin(), hops.end(), 0);
        for (; i < candidates.size() && candidates[i].network == key; ++i)
        {
            if (candidates[i].cost == best)
            {
                const uint64_t* h = &spf.firstHops[candidates[i].vertex * spf.words];
                for (uint32_t k = 0; k < spf.words; ++k)
                {
                    hops[k] |= h[k];
                }
            }
        }
        // a mask that is not contiguous (a forged stub link) is no network the manager takes
        uint32_t inv = ~static_cast<uint32_t>(key);
        if ((inv & (inv + 1)) != 0)
        {
            continue;
        }
        RtmRoute installed;
        const bool had = m_rtm->FindProtocolRoute(RtmFamily::Ip, key, PROTO_IP_OSPF, &installed);
        const NextHop old{installed.interface, installed.GetIpNextHop().Get()};
        int64_t chosen = ChooseNextHop(adjacencies, hops, had ? &old : nullptr);
        if (chosen < 0 || static_cast<uint64_t>(chosen) >= Route::MAX_HOPS)
        {
            continue;
        }
        choice.networks.push_back(key);
        choice.kept += had ? 1 : 0;
        const Adjacency& a = adjacencies[chosen];
        if (!had || old.interface != a.interface || old.address != a.address ||
            installed.GetIpMetric() != best)
        {
            choice.changes.push_back(Route::Make(key, static_cast<uint32_t>(chosen), best));
            choice.fresh.push_back(!had);
        }
    }
    return choice;
}

int64_t
RtmOspfAgent::ChooseNextHop(const std::vector<Adjacency>& adjacencies,
                            const std::vector<uint64_t>& hops,
                            const NextHop* old)
{
    auto isHop = [&hops](std::size_t k) { return (hops[k / 64] >> (k % 64)) & 1; };
    // Keep the installed next hop while it still starts a shortest path.
    for (std::size_t k = 0; old && k < adjacencies.size(); ++k)
    {
        if (adjacencies[k].interface == old->interface && adjacencies[k].address == old->address &&
            isHop(k))
        {
            return static_cast<int64_t>(k);
        }
    }
    for (std::size_t k = 0; k < adjacencies.size(); ++k)
    {
        if (isHop(k))
        {
            return static_cast<int64_t>(k);
        }
    }
    return -1;
}

void
RtmOspfAgent::InstallRoutes(const RouteChoice& choice, const std::vector<NextHop>& hops)
{
    auto toRtm = [&hops](const Route& r) {
        const NextHop& h = hops[r.Hop()];
        return RtmRoute::MakeIp(Ipv4Address(r.address),
                                RtmRoute::KeyIpv4Mask(r.Network()),
                                Ipv4Address(h.address),
                                h.interface,
                                r.metric);
    };
    // the routes of ours on networks no longer chosen: looked for only when fewer of the chosen
    // networks have one than the agent installed (the walk resynchronises the count)
    std::vector<RtmRoute> gone;
    std::size_t ours = m_installedCount;
    if (choice.kept != m_installedCount)
    {
        ours = 0;
        m_rtm->ForEachRouteUnordered(RtmFamily::Ip, [&](const RtmRoute& r) {
            if (r.protocol == PROTO_IP_OSPF)
            {
                ++ours;
                if (!std::binary_search(choice.networks.begin(), choice.networks.end(), r.network))
                {
                    gone.push_back(r);
                }
            }
        });
        std::sort(gone.begin(), gone.end(), [](const RtmRoute& a, const RtmRoute& b) {
            return a.network < b.network;
        });
    }
    // room for the new networks at once, no more: a table grown step by step holds up to
    // twice the cells it needs (RoutingTableManager::Reserve)
    const std::size_t fresh = std::count(choice.fresh.begin(), choice.fresh.end(), true);
    if (fresh > gone.size())
    {
        m_rtm->Reserve(RtmFamily::Ip, fresh - gone.size(), fresh - gone.size());
    }
    uint32_t changed = 0;
    uint32_t deleted = 0;
    // applied in network order, each step hinting the networks of the steps ahead
    // (RoutingTableManager::Prefetch) so that their memory latencies overlap
    std::vector<uint64_t> order;                     // network of each step
    std::vector<std::pair<std::size_t, bool>> steps; // index, true: a change (else a deletion)
    steps.reserve(choice.changes.size() + gone.size());
    for (std::size_t c = 0, g = 0; c < choice.changes.size() || g < gone.size();)
    {
        if (g == gone.size() ||
            (c < choice.changes.size() && choice.changes[c].Network() < gone[g].network))
        {
            steps.emplace_back(c++, true);
        }
        else
        {
            steps.emplace_back(g++, false);
        }
    }
    auto networkOf = [&](std::size_t k) {
        return steps[k].second ? choice.changes[steps[k].first].Network()
                               : gone[steps[k].first].network;
    };
    constexpr std::size_t AHEAD = 2;
    for (std::size_t k = 0; k < std::min(AHEAD, steps.size()); ++k)
    {
        m_rtm->Prefetch(RtmFamily::Ip, networkOf(k));
    }
    for (std::size_t k = 0; k < steps.size(); ++k)
    {
        if (k + AHEAD < steps.size())
        {
            m_rtm->Prefetch(RtmFamily::Ip, networkOf(k + AHEAD));
        }
        if (k + 1 < steps.size())
        {
            m_rtm->PrefetchRoutes(RtmFamily::Ip, networkOf(k + 1));
        }
        if (steps[k].second)
        {
            const RtmRoute r = toRtm(choice.changes[steps[k].first]);
            RtmError e = m_rtm->AddRoute(m_client, r, RoutingTableManager::Infinite());
            NS_LOG_LOGIC("add " << r << ": " << e);
            ++m_stats.routeAdds;
            ++changed;
            ours += (e == RtmError::Success && choice.fresh[steps[k].first]) ? 1 : 0;
        }
        else
        {
            const RtmRoute& r = gone[steps[k].first];
            RtmError e = m_rtm->DeleteRoute(m_client, r);
            NS_LOG_LOGIC("delete " << r << ": " << e);
            ++m_stats.routeDeletes;
            ++deleted;
            ours -= e == RtmError::Success ? 1 : 0;
        }
    }
    m_installedCount = ours;
    m_spfTrace(changed, deleted);
}

bool
RtmOspfAgent::CheckConsistency(std::string* why) const
{
    std::ostringstream err;
    std::string lsdbWhy;
    if (!m_lsdb.CheckConsistency(m_maxLinks, &lsdbWhy))
    {
        err << "LSDB: " << lsdbWhy;
    }
    if (m_rtm)
    {
        std::size_t mine = 0;
        bool foreign = false;
        m_rtm->ForEachRouteUnordered(RtmFamily::Ip, [&](const RtmRoute& r) {
            if (r.protocol != PROTO_IP_OSPF)
            {
                return;
            }
            ++mine;
            if (!foreign && m_interfaces.count(r.interface) == 0)
            {
                foreign = true;
                err << "route " << r << " leaves through an interface the agent does not run on; ";
            }
        });
        if (mine != m_installedCount)
        {
            err << "manager holds " << mine << " OSPF routes, agent believes " << m_installedCount
                << "; ";
        }
    }
    if (why)
    {
        *why = err.str();
    }
    return err.str().empty();
}

} // namespace ns3
