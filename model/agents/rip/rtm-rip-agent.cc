/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "rtm-rip-agent.h"

#include "ns3/boolean.h"
#include "ns3/enum.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-list-routing.h"
#include "ns3/ipv4-packet-info-tag.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/loopback-net-device.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/random-variable-stream.h"
#include "ns3/rtm-enum-accessor.h"
#include "ns3/rtm-ipv4-routing.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/string.h"
#include "ns3/udp-l4-protocol.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <iomanip>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmRipAgent");

NS_OBJECT_ENSURE_REGISTERED(RtmRipAgent);

TypeId
RtmRipAgent::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::RtmRipAgent")
            .SetParent<RtmAgent>()
            .SetGroupName("Rtm")
            .AddConstructor<RtmRipAgent>()
            .AddAttribute("UnsolicitedRoutingUpdate",
                          "Period of the unsolicited (periodic) updates.",
                          TimeValue(Seconds(30)),
                          MakeTimeAccessor(&RtmRipAgent::m_period),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("PeriodicJitter",
                          "Each period is offset by a uniform random time in [-j, +j], where j "
                          "is this value capped at half the period (RFC 2453 3.8).",
                          TimeValue(Seconds(5)),
                          MakeTimeAccessor(&RtmRipAgent::m_jitter),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("StartupDelay",
                          "Largest random delay between Start and the first requests.",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&RtmRipAgent::m_startupDelay),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute(
                "TimeoutDelay",
                "Time to live of learned routes in the RTM (restarted by every "
                "update from their next hop).",
                TimeValue(Seconds(180)),
                MakeTimeAccessor(&RtmRipAgent::m_timeout),
                MakeTimeChecker(MilliSeconds(1), Seconds(RoutingTableManager::MAX_TTL_SECONDS)))
            .AddAttribute("GarbageCollectionDelay",
                          "How long a withdrawn network is advertised with metric infinity.",
                          TimeValue(Seconds(120)),
                          MakeTimeAccessor(&RtmRipAgent::m_gcDelay),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("MinTriggeredUpdateDelay",
                          "Smallest random delay of a triggered update.",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&RtmRipAgent::m_minTriggered),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("MaxTriggeredUpdateDelay",
                          "Largest random delay of a triggered update.",
                          TimeValue(Seconds(5)),
                          MakeTimeAccessor(&RtmRipAgent::m_maxTriggered),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute(
                "SplitHorizon",
                "Split horizon for the agent's own routes.",
                EnumValue(RtmRipAgent::POISON_REVERSE),
                RtmEnumAccessor<RtmRipAgent::SplitHorizon>(&RtmRipAgent::m_splitHorizon, 0),
                MakeEnumChecker(RtmRipAgent::NO_SPLIT_HORIZON,
                                "NoSplitHorizon",
                                RtmRipAgent::SPLIT_HORIZON,
                                "SplitHorizon",
                                RtmRipAgent::POISON_REVERSE,
                                "PoisonReverse"))
            .AddAttribute("AuthenticationPassword",
                          "RFC 2453 simple password authentication (at most 16 characters; "
                          "empty: none). With a password every message sent carries it and a "
                          "message without it, or with another, is dropped; without one an "
                          "authenticated message is dropped (RFC 2453 4.1).",
                          StringValue(""),
                          MakeStringAccessor(&RtmRipAgent::m_password),
                          MakeStringChecker())
            .AddAttribute("Infinity",
                          "The metric meaning unreachable (16 in RFC 2453).",
                          UintegerValue(16),
                          MakeUintegerAccessor(&RtmRipAgent::m_infinity),
                          MakeUintegerChecker<uint32_t>(2, 255))
            .AddAttribute("DefaultInterfaceMetric",
                          "Cost of interfaces without SetInterfaceMetric.",
                          UintegerValue(1),
                          MakeUintegerAccessor(&RtmRipAgent::m_defaultMetric),
                          MakeUintegerChecker<uint32_t>(1, 254))
            .AddAttribute("RedistributeConnected",
                          "Advertise directly connected networks (PROTO_IP_LOCAL best routes) "
                          "with the cost of their interface.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&RtmRipAgent::m_redistConnected),
                          MakeBooleanChecker())
            .AddAttribute("RedistributeOther",
                          "Advertise best routes of other protocols (static, OSPF...) with "
                          "RedistributeMetric.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&RtmRipAgent::m_redistOther),
                          MakeBooleanChecker())
            .AddAttribute("RedistributeMetric",
                          "Metric of redistributed routes of other protocols.",
                          UintegerValue(1),
                          MakeUintegerAccessor(&RtmRipAgent::m_redistMetric),
                          MakeUintegerChecker<uint32_t>(1, 254))
            .AddAttribute("PoisonOnStop",
                          "On Stop, advertise every network with metric infinity first.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&RtmRipAgent::m_poisonOnStop),
                          MakeBooleanChecker())
            .AddAttribute("DroppedPackets",
                          "Messages dropped (read-only).",
                          TypeId::ATTR_GET,
                          UintegerValue(0),
                          MakeUintegerAccessor(&RtmRipAgent::GetDroppedPackets),
                          MakeUintegerChecker<uint64_t>())
            .AddAttribute("ReceivedPackets",
                          "Messages accepted (read-only).",
                          TypeId::ATTR_GET,
                          UintegerValue(0),
                          MakeUintegerAccessor(&RtmRipAgent::GetReceivedPackets),
                          MakeUintegerChecker<uint64_t>())
            .AddAttribute("SentPackets",
                          "Messages sent (read-only).",
                          TypeId::ATTR_GET,
                          UintegerValue(0),
                          MakeUintegerAccessor(&RtmRipAgent::GetSentPackets),
                          MakeUintegerChecker<uint64_t>())
            .AddTraceSource("DroppedPacket",
                            "A received message was dropped (packet, source, interface, "
                            "reason).",
                            MakeTraceSourceAccessor(&RtmRipAgent::m_dropTrace),
                            "ns3::RtmRipAgent::DropTracedCallback");
    return tid;
}

RtmRipAgent::RtmRipAgent()
    : m_splitHorizon(POISON_REVERSE),
      m_infinity(16),
      m_defaultMetric(1),
      m_redistConnected(true),
      m_redistOther(true),
      m_redistMetric(1),
      m_poisonOnStop(true),
      m_starting(false),
      m_drops{},
      m_received(0),
      m_sent(0),
      m_triggered(0),
      m_periodic(0)
{
    NS_LOG_FUNCTION(this);
}

RtmRipAgent::~RtmRipAgent()
{
    NS_LOG_FUNCTION(this);
    CancelTimers(); // their events point at this agent
}

void
RtmRipAgent::CancelTimers()
{
    // EventImpl::Cancel, not Simulator::Cancel: also safe after Simulator::Destroy. The reset
    // lets go of the event.
    for (EventId* id : {&m_periodicEvent, &m_triggeredEvent, &m_gcEvent, &m_startupEvent})
    {
        if (id->PeekEventImpl() != nullptr)
        {
            id->PeekEventImpl()->Cancel();
        }
        *id = EventId();
    }
}

// ---- life cycle --------------------------------------------------------------------------------

uint32_t
RtmRipAgent::GetProtocol() const
{
    return PROTOCOL;
}

std::string
RtmRipAgent::GetProtocolName() const
{
    return "PROTO_IP_RIP";
}

uint32_t
RtmRipAgent::GetInfinity() const
{
    return m_infinity;
}

bool
RtmRipAgent::WantsRouteChanges() const
{
    return true;
}

void
RtmRipAgent::DoDispose()
{
    NS_LOG_FUNCTION(this);
    // The simulation is being torn down (the node's other objects may be disposed already):
    // send nothing, tell nobody, just let go.
    CancelTimers();
    m_active.clear();
    m_recv = nullptr;
    m_udp = nullptr; // aggregated to the node too: holding it would keep the whole node alive
    m_changed.clear();
    m_garbage.clear();
    RtmAgent::DoDispose();
}

int64_t
RtmRipAgent::NowNs()
{
    return Simulator::Now().GetNanoSeconds();
}

RtmError
RtmRipAgent::CanStart() const
{
    return GetStartProblem().empty() ? RtmError::Success : RtmError::InvalidParameter;
}

std::string
RtmRipAgent::GetStartProblem() const
{
    if (!m_ipv4)
    {
        return "the node has no IPv4 stack";
    }
    if (!m_node->GetObject<UdpL4Protocol>())
    {
        return "the node has no UDP (RIP runs on UDP port 520)";
    }
    if (m_timeout <= m_period)
    {
        return "TimeoutDelay (" + std::to_string(m_timeout.GetSeconds()) +
               " s) must exceed UnsolicitedRoutingUpdate (" +
               std::to_string(m_period.GetSeconds()) + " s), or routes expire between updates";
    }
    if (m_password.size() > RtmRipHeader::AUTH_SIZE)
    {
        return "AuthenticationPassword is longer than " + std::to_string(RtmRipHeader::AUTH_SIZE) +
               " characters (RFC 2453 4.1)";
    }
    if (m_minTriggered > m_maxTriggered)
    {
        return "MinTriggeredUpdateDelay (" + std::to_string(m_minTriggered.GetSeconds()) +
               " s) must not exceed MaxTriggeredUpdateDelay (" +
               std::to_string(m_maxTriggered.GetSeconds()) + " s)";
    }
    return "";
}

void
RtmRipAgent::StartProtocol()
{
    m_changed.clear();
    m_garbage.clear();
    m_starting = true; // interfaces opened now wait for the startup requests
    SyncInterfaces();
    // The networks known before we registered: no message will name them.
    for (const RtmRoute& r : Enumerate(RtmTable::ONLY_BEST_ROUTES, RtmRoute()))
    {
        NoteChange(r.network, Advert());
    }
}

void
RtmRipAgent::StartInContext()
{
    // The startup requests go out after a random delay, so that nodes started together do not
    // all speak at once.
    Time startup = Seconds(GetRandom()->GetValue(0, m_startupDelay.GetSeconds()));
    m_startupEvent = Simulator::Schedule(startup, &RtmRipAgent::StartupRequest, this);
    SchedulePeriodic();
}

void
RtmRipAgent::StopProtocol()
{
    if (m_poisonOnStop)
    {
        std::vector<Advert> all = CollectAdverts(true);
        for (const auto& [index, iface] : m_active)
        {
            SendTable(index, all, iface.broadcast, RtmRipHeader::PORT, true);
        }
    }
    CancelTimers();
    m_active.clear();
    if (m_recv)
    {
        m_recv->Close();
        m_recv = nullptr;
    }
    m_udp = nullptr;
}

void
RtmRipAgent::ForgetState()
{
    m_changed.clear();
    m_garbage.clear();
}

// ---- configuration -----------------------------------------------------------------------------

uint32_t
RtmRipAgent::GetDefaultInterfaceMetric(uint32_t /* interface */) const
{
    return m_defaultMetric;
}

uint32_t
RtmRipAgent::GetMaxInterfaceMetric() const
{
    return m_infinity - 1;
}

void
RtmRipAgent::InterfaceMetricChanged(uint32_t interface)
{
    // connected networks of that interface are advertised with the new cost
    RtmRoute criteria;
    criteria.protocol = PROTO_IP_LOCAL;
    criteria.interface = interface;
    for (const RtmRoute& r : Enumerate(RtmTable::ONLY_BEST_ROUTES | RtmTable::ONLY_THIS_PROTOCOL |
                                           RtmTable::ONLY_THIS_INTERFACE,
                                       criteria))
    {
        if (AdvertOf(r).metric != 0)
        {
            MarkChanged(r.network);
        }
    }
}

// ---- interfaces --------------------------------------------------------------------------------

void
RtmRipAgent::InterfaceEvent(uint32_t interface)
{
    NS_LOG_FUNCTION(this << interface);
    // Inside Ipv4::SetUp/SetDown: act once the call has returned.
    Simulator::ScheduleNow(&RtmRipAgent::SyncInterfaces, Ptr<RtmRipAgent>(this)); // not stored
}

void
RtmRipAgent::InterfaceOpened(uint32_t interface, const Ipv4InterfaceAddress& address)
{
    OpenInterface(interface, address);
}

void
RtmRipAgent::InterfaceClosed(uint32_t interface)
{
    CloseInterface(interface);
}

void
RtmRipAgent::InterfacesSynced(bool /* changed */)
{
    RefreshOwnAddresses();
}

void
RtmRipAgent::RefreshOwnAddresses()
{
    m_ownAddresses.clear();
    m_ownSubnets.clear();
    for (uint32_t i = 0; i < m_ipv4->GetNInterfaces(); ++i)
    {
        for (uint32_t j = 0; j < m_ipv4->GetNAddresses(i); ++j)
        {
            Ipv4InterfaceAddress a = m_ipv4->GetAddress(i, j);
            m_ownAddresses.push_back(a.GetLocal().Get());
            uint32_t mask = a.GetMask().Get();
            m_ownSubnets.push_back(RtmRoute::IpKey(a.GetLocal().Get() & mask, mask));
        }
    }
}

void
RtmRipAgent::OpenInterface(uint32_t index, const Ipv4InterfaceAddress& address)
{
    NS_LOG_FUNCTION(this << index << address);
    Interface iface;
    iface.local = address.GetLocal();
    iface.mask = address.GetMask();
    iface.broadcast = address.GetBroadcast();
    if (!m_udp)
    {
        m_udp = m_node->GetObject<UdpL4Protocol>();
        if (!m_udp)
        {
            NS_LOG_WARN("no UDP on the node");
            return;
        }
    }
    if (!m_recv)
    {
        m_recv = Socket::CreateSocket(m_node, UdpSocketFactory::GetTypeId());
        if (m_recv->Bind(InetSocketAddress(Ipv4Address::GetAny(), RtmRipHeader::PORT)) != 0)
        {
            NS_LOG_WARN("cannot bind 0.0.0.0:520");
            m_recv->Close();
            m_recv = nullptr;
            return;
        }
        m_recv->SetAllowBroadcast(true);
        m_recv->SetRecvPktInfo(true);
        m_recv->SetRecvCallback(MakeCallback(&RtmRipAgent::Receive, this));
    }
    m_active[index] = iface;
    if (!m_starting)
    {
        // an interface that comes up after the start asks its neighbours at once
        SendRequest(index);
        SendTable(index, CollectAdverts(true), iface.broadcast, RtmRipHeader::PORT, false);
    }
}

void
RtmRipAgent::CloseInterface(uint32_t index)
{
    NS_LOG_FUNCTION(this << index);
    auto it = m_active.find(index);
    if (it == m_active.end())
    {
        return;
    }
    m_active.erase(it);
    // routes learned through the interface cannot be used any more
    RtmRoute criteria;
    criteria.protocol = PROTOCOL;
    criteria.interface = index;
    for (const RtmRoute& r :
         Enumerate(RtmTable::ONLY_THIS_PROTOCOL | RtmTable::ONLY_THIS_INTERFACE, criteria))
    {
        Withdraw(r.network);
    }
}

bool
RtmRipAgent::IsOwnAddress(Ipv4Address address) const
{
    uint32_t a = address.Get();
    return std::find(m_ownAddresses.begin(), m_ownAddresses.end(), a) != m_ownAddresses.end();
}

bool
RtmRipAgent::IsOwnSubnet(uint64_t key) const
{
    return std::find(m_ownSubnets.begin(), m_ownSubnets.end(), key) != m_ownSubnets.end();
}

bool
RtmRipAgent::OnLink(uint32_t interface, Ipv4Address address) const
{
    for (uint32_t j = 0; j < m_ipv4->GetNAddresses(interface); ++j)
    {
        Ipv4InterfaceAddress a = m_ipv4->GetAddress(interface, j);
        if (a.GetMask() != Ipv4Mask::GetOnes() && a.GetMask().IsMatch(a.GetLocal(), address) &&
            address != a.GetBroadcast() && address != a.GetLocal().CombineMask(a.GetMask()))
        {
            return true;
        }
    }
    return false;
}

// ---- the RTM side ------------------------------------------------------------------------------

void
RtmRipAgent::ChangeSignal()
{
    SyncInterfaces();
    DrainRouteChanges();
}

void
RtmRipAgent::RouteChanged(const RtmChange& message)
{
    if (message.family != RtmFamily::Ip)
    {
        return;
    }
    // Another client's change, or the manager aging our route out (the RIP timeout). The
    // message's previous best route is what we last saw; the current one is read again (our
    // own later calls may have changed it since the message was queued).
    NoteChange(message.network, PreviousAdvert(message));
}

bool
RtmRipAgent::FindOwnRoute(uint64_t key, RtmRoute* route) const
{
    // RIP holds at most one route per network
    return m_rtm->FindProtocolRoute(RtmFamily::Ip, key, PROTOCOL, route);
}

void
RtmRipAgent::ForEachRoute(uint32_t flags,
                          const RtmRoute& criteria,
                          const std::function<void(const RtmRoute&)>& visit) const
{
    RoutingTableManager::EnumerationId e = m_rtm->CreateEnumeration(RtmFamily::Ip, flags, criteria);
    if (e != 0)
    {
        RtmRoute r;
        while (m_rtm->EnumerateNext(e, &r) == RtmError::Success)
        {
            visit(r);
        }
        m_rtm->CloseEnumeration(e);
    }
}

std::vector<RtmRoute>
RtmRipAgent::Enumerate(uint32_t flags, const RtmRoute& criteria) const
{
    std::vector<RtmRoute> routes;
    ForEachRoute(flags, criteria, [&routes](const RtmRoute& r) { routes.push_back(r); });
    return routes;
}

bool
RtmRipAgent::AdvertisedMetric(const RtmRoute& best, uint8_t* metric) const
{
    uint32_t net = RtmRoute::KeyAddress(best.network);
    if ((net >> 24) == 127 || (net >> 24) >= 224 || !best.IsIpValid())
    {
        return false;
    }
    uint32_t m;
    if (best.protocol == PROTOCOL)
    {
        m = best.GetIpMetric();
    }
    else if (best.protocol == PROTO_IP_LOCAL)
    {
        if (!m_redistConnected || best.interface == 0)
        {
            return false;
        }
        m = GetInterfaceMetric(best.interface);
    }
    else
    {
        if (!m_redistOther)
        {
            return false;
        }
        m = m_redistMetric;
    }
    if (m == 0 || m >= m_infinity)
    {
        return false;
    }
    *metric = static_cast<uint8_t>(m);
    return true;
}

RtmRipAgent::Advert
RtmRipAgent::AdvertOf(const RtmRoute& best) const
{
    Advert a;
    a.key = best.network;
    if (AdvertisedMetric(best, &a.metric))
    {
        a.iface = static_cast<uint16_t>(best.interface);
        a.mine = best.protocol == PROTOCOL ? 1 : 0;
        a.nextHop = RtmRoute::KeyAddress(best.nextHop);
        a.tag = a.mine ? static_cast<uint16_t>(best.protocolData[0]) : 0;
    }
    else
    {
        a.metric = 0;
    }
    return a;
}

RtmRipAgent::Advert
RtmRipAgent::PreviousAdvert(const RtmChange& change) const
{
    return (change.flags & RtmChange::PREVIOUS) ? AdvertOf(change.previous) : Advert();
}

RtmRipAgent::Advert
RtmRipAgent::CurrentAdvert(uint64_t key) const
{
    RtmRoute best;
    if (m_rtm->IsRoute(RtmFamily::Ip, key, &best))
    {
        Advert a = AdvertOf(best);
        if (a.metric != 0)
        {
            return a;
        }
    }
    Advert a;
    a.key = key;
    if (m_garbage.count(key) != 0)
    {
        a.metric = static_cast<uint8_t>(m_infinity);
    }
    return a;
}

void
RtmRipAgent::NoteChange(uint64_t key, const Advert& before)
{
    RtmRoute best;
    Advert now;
    if (m_rtm->IsRoute(RtmFamily::Ip, key, &best))
    {
        now = AdvertOf(best);
    }
    auto g = m_garbage.find(key);
    if (now.metric != 0)
    {
        if (g != m_garbage.end())
        {
            m_garbage.erase(g); // back from garbage collection
            MarkChanged(key);
        }
        else if (!now.Same(before))
        {
            MarkChanged(key);
        }
    }
    else if (before.metric != 0 && g == m_garbage.end())
    {
        // withdrawn: advertised at infinity until the end of garbage collection
        m_garbage.emplace(key, NowNs() + m_gcDelay.GetNanoSeconds());
        ScheduleGc();
        MarkChanged(key);
    }
}

void
RtmRipAgent::MarkChanged(uint64_t key)
{
    if (m_changed.empty() || m_changed.back() != key)
    {
        m_changed.push_back(key); // duplicates go at the triggered update
    }
    ScheduleTriggered();
}

void
RtmRipAgent::Learn(uint64_t key,
                   Ipv4Address nextHop,
                   uint32_t interface,
                   uint32_t metric,
                   uint16_t tag)
{
    // Our current route of the network is the one the RTM holds: a route the RTM aged out is
    // gone from it, whether or not a change message told us.
    RtmRoute own;
    bool has = FindOwnRoute(key, &own);
    if (!has && metric >= m_infinity)
    {
        return;
    }
    bool replace = false;
    if (has)
    {
        uint32_t ownMetric = own.GetIpMetric();
        bool sameSource =
            RtmRoute::KeyAddress(own.nextHop) == nextHop.Get() && own.interface == interface;
        if (sameSource)
        {
            if (metric >= m_infinity)
            {
                Withdraw(key);
                return;
            }
        }
        else if (metric < ownMetric || (metric == ownMetric && metric < m_infinity &&
                                        (RoutingTableManager::NowTicks() - own.timeStamp) * 100 >
                                            m_timeout.GetNanoSeconds() / 2))
        {
            // better, or as good while ours has not been refreshed for half the timeout (RFC
            // 2453 3.9.2's heuristic: the current next hop may be gone)
            replace = true;
        }
        else
        {
            return; // not better than the route we have
        }
    }
    RtmChange change;
    RtmRoute route = RtmRoute::MakeIp(RtmRoute::KeyNetwork(key),
                                      RtmRoute::KeyIpv4Mask(key),
                                      nextHop,
                                      interface,
                                      metric);
    route.protocolData[0] = tag; // carried to the next hop's RTEs (RFC 2453 3.9.2)
    RtmError err = m_rtm->AddRoute(m_client, route, m_timeout, &change);
    if (err != RtmError::Success)
    {
        NS_LOG_WARN("AddRoute failed: " << err);
        return;
    }
    bool changed = change.flags != 0;
    Advert before = PreviousAdvert(change);
    if (replace)
    {
        // after the add, so that the network never lacks a route in between
        RtmChange del;
        m_rtm->DeleteRoute(m_client, own, &del);
        if (!changed && del.flags != 0)
        {
            changed = true;
            before = PreviousAdvert(del);
        }
    }
    if (changed)
    {
        NoteChange(key, before);
    }
}

void
RtmRipAgent::Withdraw(uint64_t key)
{
    RtmRoute own;
    if (!FindOwnRoute(key, &own))
    {
        return;
    }
    RtmChange change;
    RtmError err = m_rtm->DeleteRoute(m_client, own, &change);
    if (err == RtmError::Success && change.flags != 0)
    {
        NoteChange(key, PreviousAdvert(change));
    }
}

// ---- timers ------------------------------------------------------------------------------------

void
RtmRipAgent::ScheduleTriggered()
{
    if (m_client == 0 || !m_triggeredEvent.IsExpired())
    {
        return;
    }
    double lo = m_minTriggered.GetSeconds();
    double hi = std::max(lo, m_maxTriggered.GetSeconds());
    m_triggeredEvent = Simulator::Schedule(Seconds(GetRandom()->GetValue(lo, hi)),
                                           &RtmRipAgent::TriggeredUpdate,
                                           this);
}

void
RtmRipAgent::ScheduleGc()
{
    if (m_garbage.empty() || !m_gcEvent.IsExpired())
    {
        return;
    }
    int64_t first = m_garbage.begin()->second;
    for (const auto& [key, at] : m_garbage)
    {
        first = std::min(first, at);
    }
    m_gcEvent = Simulator::Schedule(std::max(Time(0), NanoSeconds(first) - Simulator::Now()),
                                    &RtmRipAgent::RunGc,
                                    this);
}

void
RtmRipAgent::RunGc()
{
    int64_t now = NowNs();
    for (auto it = m_garbage.begin(); it != m_garbage.end();)
    {
        it = it->second <= now ? m_garbage.erase(it) : std::next(it);
    }
    ScheduleGc();
}

void
RtmRipAgent::SchedulePeriodic()
{
    double period = m_period.GetSeconds();
    double j = std::min(m_jitter.GetSeconds(), period / 2);
    Time delay = Seconds(period + GetRandom()->GetValue(-j, j));
    m_periodicEvent = Simulator::Schedule(delay, &RtmRipAgent::PeriodicUpdate, this);
}

Time
RtmRipAgent::GetNextPeriodicUpdate() const
{
    if (m_client == 0 || m_periodicEvent.IsExpired())
    {
        return Time(0);
    }
    return Simulator::Now() + Simulator::GetDelayLeft(m_periodicEvent);
}

void
RtmRipAgent::PeriodicUpdate()
{
    if (m_client == 0)
    {
        return;
    }
    SyncInterfaces();
    ++m_periodic;
    SendUpdate(true);
    SchedulePeriodic();
}

void
RtmRipAgent::TriggeredUpdate()
{
    if (m_client == 0)
    {
        return;
    }
    ++m_triggered;
    SendUpdate(false);
}

void
RtmRipAgent::StartupRequest()
{
    if (m_client == 0)
    {
        return;
    }
    m_starting = false;
    for (const auto& [index, iface] : m_active)
    {
        SendRequest(index);
    }
    ScheduleTriggered();
}

// ---- sending -----------------------------------------------------------------------------------

std::vector<RtmRipAgent::Advert>
RtmRipAgent::CollectAdverts(bool full)
{
    std::vector<Advert> adverts;
    if (full)
    {
        adverts.reserve(m_rtm->GetNetworkCount(RtmFamily::Ip) + m_garbage.size());
        ForEachRoute(RtmTable::ONLY_BEST_ROUTES, RtmRoute(), [this, &adverts](const RtmRoute& r) {
            Advert a = AdvertOf(r);
            if (a.metric != 0)
            {
                adverts.push_back(a);
            }
        });
        for (const auto& [key, at] : m_garbage)
        {
            Advert a = CurrentAdvert(key);
            if (a.metric == m_infinity && a.mine == 0)
            {
                adverts.push_back(a); // (not back yet: its change message is still queued)
            }
        }
    }
    else
    {
        std::sort(m_changed.begin(), m_changed.end());
        m_changed.erase(std::unique(m_changed.begin(), m_changed.end()), m_changed.end());
        for (uint64_t key : m_changed)
        {
            Advert a = CurrentAdvert(key);
            if (a.metric != 0)
            {
                adverts.push_back(a);
            }
        }
    }
    return adverts;
}

void
RtmRipAgent::SendUpdate(bool full)
{
    std::vector<Advert> adverts = CollectAdverts(full);
    for (const auto& [index, iface] : m_active)
    {
        SendTable(index, adverts, iface.broadcast, RtmRipHeader::PORT, false);
    }
    // every change is now out (a periodic update includes them all)
    m_changed.clear();
    m_changed.shrink_to_fit();
    if (full)
    {
        m_triggeredEvent.Cancel();
    }
}

void
RtmRipAgent::SendTable(uint32_t interface,
                       const std::vector<Advert>& adverts,
                       Ipv4Address to,
                       uint16_t port,
                       bool poisonAll)
{
    RtmRipHeader message = NewMessage(RtmRipHeader::RESPONSE);
    const uint32_t maxRtes = RtmRipHeader::MAX_RTES - (message.HasAuthentication() ? 1 : 0);
    for (const Advert& a : adverts)
    {
        uint32_t metric = poisonAll ? m_infinity : a.metric;
        if (a.mine && a.iface == interface)
        {
            if (m_splitHorizon == SPLIT_HORIZON)
            {
                continue;
            }
            if (m_splitHorizon == POISON_REVERSE)
            {
                metric = m_infinity;
            }
        }
        RtmRipHeader::Rte rte;
        rte.tag = a.tag;
        rte.prefix = RtmRoute::KeyNetwork(a.key);
        rte.mask = RtmRoute::KeyIpv4Mask(a.key);
        rte.metric = metric;
        // RFC 2453 4.4: 0.0.0.0 (via the sender) unless the route's own next hop is on the
        // subnet the message goes to, which is a better next hop for the receivers
        if (metric < m_infinity && a.iface == interface && a.nextHop != 0 &&
            OnLink(interface, Ipv4Address(a.nextHop)) && !IsOwnAddress(Ipv4Address(a.nextHop)))
        {
            rte.nextHop = Ipv4Address(a.nextHop);
        }
        message.AddRte(rte);
        if (message.GetRteNumber() == maxRtes)
        {
            SendMessage(interface, message, to, port);
            message.ClearRtes();
        }
    }
    if (message.GetRteNumber() > 0)
    {
        SendMessage(interface, message, to, port);
    }
}

RtmRipHeader
RtmRipAgent::NewMessage(RtmRipHeader::Command command) const
{
    RtmRipHeader message;
    message.SetCommand(command);
    if (!m_password.empty())
    {
        message.SetAuthentication(RtmRipHeader::AUTH_SIMPLE_PASSWORD,
                                  RtmRipHeader::PasswordData(m_password));
    }
    return message;
}

bool
RtmRipAgent::IsAuthentic(const RtmRipHeader& message) const
{
    if (m_password.empty())
    {
        return !message.HasAuthentication(); // RFC 2453 4.1: authenticated messages dropped
    }
    return message.HasAuthentication() &&
           message.GetAuthenticationType() == RtmRipHeader::AUTH_SIMPLE_PASSWORD &&
           message.GetAuthenticationData() == RtmRipHeader::PasswordData(m_password);
}

void
RtmRipAgent::SendMessage(uint32_t interface,
                         const RtmRipHeader& message,
                         Ipv4Address to,
                         uint16_t port)
{
    auto it = m_active.find(interface);
    if (it == m_active.end())
    {
        return;
    }
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(message);
    NotifyTx(p, interface);
    // What a UDP socket bound to (interface address, 520) does, without the socket: a
    // subnet-directed broadcast leaves by the interface of that subnet, without a route lookup;
    // a unicast answer is routed by the node's routing protocol.
    m_udp->Send(p, it->second.local, to, RtmRipHeader::PORT, port);
    ++m_sent;
}

void
RtmRipAgent::SendRequest(uint32_t interface)
{
    auto it = m_active.find(interface);
    if (it == m_active.end())
    {
        return;
    }
    RtmRipHeader message = NewMessage(RtmRipHeader::REQUEST);
    RtmRipHeader::Rte rte; // every other field zero (RFC 2453 3.9.1)
    rte.family = 0;
    rte.metric = m_infinity;
    message.AddRte(rte);
    SendMessage(interface, message, it->second.broadcast, RtmRipHeader::PORT);
}

// ---- receiving ---------------------------------------------------------------------------------

void
RtmRipAgent::Receive(Ptr<Socket> socket)
{
    uint32_t interface = 0;
    bool found = false;
    Address from;
    Ptr<Packet> p;
    while ((p = socket->RecvFrom(from)))
    {
        // the interface comes with the datagram
        Ipv4PacketInfoTag info;
        found = false;
        if (p->RemovePacketTag(info) && m_ipv4)
        {
            Ptr<NetDevice> dev = m_node->GetDevice(info.GetRecvIf());
            int32_t index = dev ? m_ipv4->GetInterfaceForDevice(dev) : -1;
            found = index >= 0 && m_active.count(static_cast<uint32_t>(index)) != 0;
            interface = found ? static_cast<uint32_t>(index) : 0;
        }
        if (!found || !InetSocketAddress::IsMatchingType(from))
        {
            continue;
        }
        InetSocketAddress inet = InetSocketAddress::ConvertFrom(from);
        HandleDatagram(p, inet.GetIpv4(), inet.GetPort(), interface);
    }
}

void
RtmRipAgent::Drop(Ptr<const Packet> packet,
                  Ipv4Address source,
                  uint32_t interface,
                  DropReason reason)
{
    NS_LOG_LOGIC("drop from " << source << " on " << interface << ": " << reason);
    ++m_drops[static_cast<size_t>(reason)];
    m_dropTrace(packet, source, interface, reason);
}

bool
RtmRipAgent::HandleDatagram(Ptr<const Packet> packet,
                            Ipv4Address source,
                            uint16_t sourcePort,
                            uint32_t interface)
{
    if (m_client == 0 || !packet)
    {
        return false;
    }
    if (m_active.find(interface) == m_active.end())
    {
        Drop(packet, source, interface, RtmRipDropReason::InactiveInterface);
        return false;
    }
    if (IsOwnAddress(source))
    {
        Drop(packet, source, interface, RtmRipDropReason::OwnAddress);
        return false;
    }
    if (!OnLink(interface, source))
    {
        Drop(packet, source, interface, RtmRipDropReason::NotNeighbor);
        return false;
    }
    uint32_t size = packet->GetSize();
    uint32_t mtu = m_ipv4->GetMtu(interface);
    if (size > RtmRipHeader::MAX_SIZE || (mtu > 28 && size > mtu - 28))
    {
        Drop(packet, source, interface, RtmRipDropReason::Oversized);
        return false;
    }
    uint8_t bytes[RtmRipHeader::MAX_SIZE];
    packet->CopyData(bytes, size);
    RtmRipHeader message;
    RtmRipHeader::Status status = RtmRipHeader::Parse(bytes, size, &message, m_infinity);
    if (status != RtmRipHeader::OK)
    {
        Drop(packet, source, interface, static_cast<DropReason>(status));
        return false;
    }
    if (!IsAuthentic(message))
    {
        Drop(packet, source, interface, RtmRipDropReason::AuthenticationFailed);
        return false;
    }
    if (message.GetCommand() == RtmRipHeader::RESPONSE)
    {
        if (sourcePort != RtmRipHeader::PORT)
        {
            Drop(packet, source, interface, RtmRipDropReason::BadSourcePort);
            return false;
        }
        ++m_received;
        NotifyRx(packet, interface);
        HandleResponse(message, source, interface);
    }
    else
    {
        ++m_received;
        NotifyRx(packet, interface);
        HandleRequest(message, source, sourcePort, interface);
    }
    return true;
}

void
RtmRipAgent::HandleResponse(const RtmRipHeader& message, Ipv4Address source, uint32_t interface)
{
    uint32_t cost = GetInterfaceMetric(interface);
    const auto& rtes = message.GetRtes();
    auto keyOf = [](const RtmRipHeader::Rte& rte) {
        return RtmRoute::IpKey(rte.prefix.Get(), rte.mask.Get());
    };
    // the entries of one message are in hand: hint their networks first, and each entry's
    // routes one step ahead, so that the RTM's memory latencies overlap
    for (const RtmRipHeader::Rte& rte : rtes)
    {
        m_rtm->Prefetch(RtmFamily::Ip, keyOf(rte));
    }
    uint64_t nextKey = rtes.empty() ? 0 : keyOf(rtes.front());
    for (std::size_t i = 0; i < rtes.size(); ++i)
    {
        const RtmRipHeader::Rte& rte = rtes[i];
        const uint64_t key = nextKey;
        if (i + 1 < rtes.size())
        {
            nextKey = keyOf(rtes[i + 1]);
            m_rtm->PrefetchRoutes(RtmFamily::Ip, nextKey);
        }
        if (IsOwnSubnet(key))
        {
            continue; // a directly connected network is never learned from a neighbour
        }
        Ipv4Address nextHop = source;
        if (rte.nextHop != Ipv4Address::GetAny() && !IsOwnAddress(rte.nextHop) &&
            OnLink(interface, rte.nextHop))
        {
            nextHop = rte.nextHop;
        }
        uint32_t metric = std::min(rte.metric + cost, m_infinity);
        Learn(key, nextHop, interface, metric, rte.tag);
        if (m_client == 0)
        {
            return;
        }
    }
}

void
RtmRipAgent::HandleRequest(const RtmRipHeader& message,
                           Ipv4Address source,
                           uint16_t sourcePort,
                           uint32_t interface)
{
    if (message.IsWholeTableRequest())
    {
        // To a neighbour's RIP: its link's broadcast, i.e. a full update on that interface. To a
        // query tool on another port: unicast.
        Ipv4Address to = sourcePort == RtmRipHeader::PORT ? m_active[interface].broadcast : source;
        SendTable(interface, CollectAdverts(true), to, sourcePort, false);
        return;
    }
    // Specific entries: answer each with our metric, no split horizon (RFC 2453 3.9.1).
    RtmRipHeader answer = NewMessage(RtmRipHeader::RESPONSE);
    for (const RtmRipHeader::Rte& rte : message.GetRtes())
    {
        RtmRipHeader::Rte r = rte;
        Advert a = CurrentAdvert(RtmRoute::IpKey(rte.prefix.Get(), rte.mask.Get()));
        r.metric = a.metric != 0 ? a.metric : m_infinity;
        answer.AddRte(r);
    }
    if (answer.GetRteNumber() > 0)
    {
        SendMessage(interface, answer, source, sourcePort);
    }
}

// ---- counters and printing ---------------------------------------------------------------------

uint64_t
RtmRipAgent::GetDroppedPackets() const
{
    uint64_t total = 0;
    for (uint64_t n : m_drops)
    {
        total += n;
    }
    return total;
}

uint64_t
RtmRipAgent::GetDropCount(DropReason reason) const
{
    return reason < RtmRipDropReason::Count ? m_drops[static_cast<size_t>(reason)] : 0;
}

uint64_t
RtmRipAgent::GetReceivedPackets() const
{
    return m_received;
}

uint64_t
RtmRipAgent::GetSentPackets() const
{
    return m_sent;
}

uint64_t
RtmRipAgent::GetTriggeredUpdates() const
{
    return m_triggered;
}

uint64_t
RtmRipAgent::GetPeriodicUpdates() const
{
    return m_periodic;
}

std::size_t
RtmRipAgent::GetNRoutes() const
{
    if (m_client == 0)
    {
        return 0;
    }
    RtmRoute criteria;
    criteria.protocol = PROTOCOL;
    return Enumerate(RtmTable::ONLY_THIS_PROTOCOL, criteria).size();
}

std::size_t
RtmRipAgent::GetNAdvertised() const
{
    if (m_client == 0)
    {
        return 0;
    }
    std::size_t n = 0;
    for (const RtmRoute& r : Enumerate(RtmTable::ONLY_BEST_ROUTES, RtmRoute()))
    {
        n += AdvertOf(r).metric != 0 ? 1 : 0;
    }
    for (const auto& [key, at] : m_garbage)
    {
        Advert a = CurrentAdvert(key);
        n += a.metric == m_infinity && a.mine == 0 ? 1 : 0;
    }
    return n;
}

void
RtmRipAgent::Print(std::ostream& os) const
{
    os << "RIP view of node " << (m_node ? m_node->GetId() : 0) << " at "
       << Simulator::Now().As(Time::S) << "\n";
    if (m_client == 0)
    {
        return;
    }
    std::vector<uint64_t> keys;
    for (const RtmRoute& r : Enumerate(RtmTable::ONLY_BEST_ROUTES, RtmRoute()))
    {
        keys.push_back(r.network);
    }
    for (const auto& [key, at] : m_garbage)
    {
        keys.push_back(key);
    }
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    for (uint64_t key : keys)
    {
        Advert a = CurrentAdvert(key);
        RtmRoute own;
        bool learned = FindOwnRoute(key, &own);
        if (a.metric == 0 && !learned)
        {
            continue;
        }
        bool garbage = a.metric == m_infinity; // (an advertised best route is below infinity)
        std::ostringstream net;
        net << RtmRoute::KeyNetwork(key) << "/"
            << static_cast<uint32_t>(RtmRoute::KeyIpv4Mask(key).GetPrefixLength());
        os << std::left << std::setw(20) << net.str() << " adv " << std::setw(3)
           << static_cast<uint32_t>(a.metric)
           << (garbage ? " garbage" : (a.mine ? " rip    " : " redist "));
        if (learned)
        {
            os << " learned " << own.GetIpMetric() << " via " << own.GetIpNextHop() << " if "
               << own.interface;
        }
        os << "\n";
    }
}

} // namespace ns3
