/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "rtm-agent.h"

#include "ns3/ipv4-list-routing.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/loopback-net-device.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/random-variable-stream.h"
#include "ns3/rtm-ipv4-routing.h"
#include "ns3/rtm-local-node.h"
#include "ns3/rtm-string-format-checker.h"
#include "ns3/simulator.h"
#include "ns3/string.h"

#include <iostream>
#include <limits>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmAgent");

NS_OBJECT_ENSURE_REGISTERED(RtmAgent);

namespace
{
/// The forwarder's trace sources an agent follows.
const char* const INTERFACE_UP = "InterfaceUp";
const char* const INTERFACE_DOWN = "InterfaceDown";
const char* const ADDRESS_ADDED = "AddressAdded";
const char* const ADDRESS_REMOVED = "AddressRemoved";

/**
 * @brief The node's RTM forwarder: its Ipv4 routing protocol, or one of an Ipv4ListRouting's.
 * @param ipv4 the node's Ipv4 (may be null)
 * @return the forwarder, or null
 */
Ptr<RtmIpv4Routing>
FindForwarder(Ptr<Ipv4> ipv4)
{
    Ptr<Ipv4RoutingProtocol> proto = ipv4 ? ipv4->GetRoutingProtocol() : nullptr;
    Ptr<RtmIpv4Routing> fwd = DynamicCast<RtmIpv4Routing>(proto);
    Ptr<Ipv4ListRouting> list = DynamicCast<Ipv4ListRouting>(proto);
    for (uint32_t i = 0; !fwd && list && i < list->GetNRoutingProtocols(); ++i)
    {
        int16_t priority;
        fwd = DynamicCast<RtmIpv4Routing>(list->GetRoutingProtocol(i, priority));
    }
    return fwd;
}
} // namespace

TypeId
RtmAgent::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::RtmAgent")
            .SetParent<Object>()
            .SetGroupName("Rtm")
            .AddAttribute(
                "ExcludedInterfaces",
                "Interfaces the agent does not run on, as a comma-separated list of "
                "IPv4 interface indices.",
                StringValue(""),
                MakeStringAccessor(&RtmAgent::SetExcludedList, &RtmAgent::GetExcludedList),
                MakeRtmStringFormatChecker(
                    "ns3::RtmAgent::ExcludedInterfaces",
                    [](const std::string& text) { return ParseInterfaceList(text, nullptr); }))
            .AddTraceSource("Tx",
                            "A protocol packet was sent (packet, interface).",
                            MakeTraceSourceAccessor(&RtmAgent::m_txTrace),
                            "ns3::RtmAgent::PacketTracedCallback")
            .AddTraceSource("Rx",
                            "A protocol packet was accepted (packet, interface).",
                            MakeTraceSourceAccessor(&RtmAgent::m_rxTrace),
                            "ns3::RtmAgent::PacketTracedCallback")
            .AddTraceSource("Running",
                            "The agent started (true) or stopped (false).",
                            MakeTraceSourceAccessor(&RtmAgent::m_runningTrace),
                            "ns3::RtmAgent::RunningTracedCallback");
    return tid;
}

RtmAgent::RtmAgent()
    : m_client(0),
      m_generation(0),
      m_changes(0)
{
    NS_LOG_FUNCTION(this);
    m_rng = CreateObject<UniformRandomVariable>();
}

RtmAgent::~RtmAgent()
{
    NS_LOG_FUNCTION(this);
    Detach();
}

void
RtmAgent::DoDispose()
{
    NS_LOG_FUNCTION(this);
    // The simulation is being torn down (the node's other objects may be disposed already):
    // tell nobody, just let go. The manager forgets its clients when it is disposed.
    Detach();
    m_client = 0;
    ++m_generation;
    m_open.clear();
    m_rtm = nullptr;
    m_ipv4 = nullptr;
    m_node = nullptr;
    m_rng = nullptr;
    Object::DoDispose();
}

void
RtmAgent::NotifyNewAggregate()
{
    if (!m_node)
    {
        m_node = GetObject<Node>();
    }
    Object::NotifyNewAggregate();
}

void
RtmAgent::SetNode(Ptr<Node> node)
{
    m_node = node;
}

Ptr<Node>
RtmAgent::GetNode() const
{
    return m_node;
}

// ---- the forwarder -----------------------------------------------------------------------------

void
RtmAgent::Attach(Ptr<RtmIpv4Routing> routing)
{
    NS_LOG_FUNCTION(this << routing);
    if (routing == m_forwarder)
    {
        return;
    }
    Detach();
    m_forwarder = routing;
    if (!m_forwarder)
    {
        return;
    }
    m_forwarder->TraceConnectWithoutContext(INTERFACE_UP,
                                            MakeCallback(&RtmAgent::NotifyInterfaceUp, this));
    m_forwarder->TraceConnectWithoutContext(INTERFACE_DOWN,
                                            MakeCallback(&RtmAgent::NotifyInterfaceDown, this));
    m_forwarder->TraceConnectWithoutContext(ADDRESS_ADDED,
                                            MakeCallback(&RtmAgent::NotifyAddAddress, this));
    m_forwarder->TraceConnectWithoutContext(ADDRESS_REMOVED,
                                            MakeCallback(&RtmAgent::NotifyRemoveAddress, this));
}

void
RtmAgent::Detach()
{
    if (!m_forwarder)
    {
        return;
    }
    m_forwarder->TraceDisconnectWithoutContext(INTERFACE_UP,
                                               MakeCallback(&RtmAgent::NotifyInterfaceUp, this));
    m_forwarder->TraceDisconnectWithoutContext(INTERFACE_DOWN,
                                               MakeCallback(&RtmAgent::NotifyInterfaceDown, this));
    m_forwarder->TraceDisconnectWithoutContext(ADDRESS_ADDED,
                                               MakeCallback(&RtmAgent::NotifyAddAddress, this));
    m_forwarder->TraceDisconnectWithoutContext(ADDRESS_REMOVED,
                                               MakeCallback(&RtmAgent::NotifyRemoveAddress, this));
    m_forwarder = nullptr;
}

Ptr<RtmIpv4Routing>
RtmAgent::GetForwarder() const
{
    return m_forwarder;
}

// ---- start and stop ----------------------------------------------------------------------------

RtmError
RtmAgent::Start()
{
    NS_LOG_FUNCTION(this);
    if (m_client != 0)
    {
        return RtmError::Success;
    }
    if (!m_node)
    {
        NS_LOG_WARN(GetInstanceTypeId().GetName()
                    << "::Start: no node (aggregate the agent or SetNode)");
        return RtmError::InvalidParameter;
    }
    if (!RtmIsLocalNode(m_node))
    {
        // Distributed run: another rank simulates this node; it stays silent here.
        NS_LOG_INFO("node " << m_node->GetId() << " (system id " << m_node->GetSystemId()
                            << ") is not simulated by this rank: " << GetProtocolName()
                            << " not started");
        return RtmError::Success;
    }
    m_ipv4 = m_node->GetObject<Ipv4>();
    RtmError err = CanStart();
    if (err != RtmError::Success)
    {
        // A failed start is always reported on std::cerr: the helpers start agents from
        // scheduled events, where a returned error is lost.
        std::string problem = GetStartProblem();
        std::cerr << "warning: node " << m_node->GetId() << ": " << GetProtocolName()
                  << " cannot start (" << err << ")" << (problem.empty() ? "" : ": ") << problem
                  << std::endl;
        NS_LOG_WARN("node " << m_node->GetId() << ": " << GetProtocolName()
                            << " cannot start: " << err << " " << problem);
        m_ipv4 = nullptr;
        return err;
    }
    Ptr<RoutingTableManager> rtm = RoutingTableManager::ForNode(m_node);
    Callback<void> signal;
    if (WantsRouteChanges())
    {
        signal = MakeCallback(&RtmAgent::ChangeSignal, this);
    }
    m_client = rtm->RegisterClient(RtmFamily::Ip, GetProtocol(), GetRegisterFlags(), signal, &err);
    if (m_client == 0)
    {
        NS_LOG_WARN("node " << m_node->GetId() << ": cannot register " << GetProtocolName() << ": "
                            << err);
        m_ipv4 = nullptr;
        return err;
    }
    m_rtm = rtm;
    ++m_generation;
    if (!m_forwarder)
    {
        Attach(FindForwarder(m_ipv4));
    }
    m_runningTrace(true);
    StartProtocol();
    if (m_client == 0)
    {
        return RtmError::Success; // stopped by the protocol itself
    }
    if (Simulator::GetContext() == m_node->GetId())
    {
        ContextStart(m_generation);
    }
    else
    {
        Simulator::ScheduleWithContext(m_node->GetId(),
                                       Time(0),
                                       &RtmAgent::ContextStart,
                                       Ptr<RtmAgent>(this),
                                       m_generation);
    }
    return RtmError::Success;
}

void
RtmAgent::ContextStart(uint64_t generation)
{
    if (m_client == 0 || generation != m_generation)
    {
        return; // stopped or disposed meanwhile
    }
    if (!m_forwarder)
    {
        Attach(FindForwarder(m_ipv4));
    }
    if (!m_forwarder && !m_warnedNoForwarder)
    {
        // Without RtmIpv4Routing the agent's routes reach the RTM but no packet follows them.
        m_warnedNoForwarder = true;
        std::cerr << "warning: node " << m_node->GetId() << ": " << GetProtocolName()
                  << " runs without the RTM forwarding plane (ns3::RtmIpv4Routing, installed "
                     "by RtmHelper): its routes will not forward packets"
                  << std::endl;
    }
    StartInContext();
}

void
RtmAgent::Stop()
{
    NS_LOG_FUNCTION(this);
    if (m_client == 0)
    {
        return;
    }
    StopProtocol();
    ++m_generation;
    m_open.clear();
    RoutingTableManager::ClientId client = m_client;
    m_client = 0; // the manager's deletions are not ours to follow any more
    m_rtm->DeregisterClient(client);
    m_rtm = nullptr;
    m_ipv4 = nullptr;
    ForgetState();
    m_runningTrace(false);
}

bool
RtmAgent::IsStarted() const
{
    return m_client != 0;
}

RoutingTableManager::ClientId
RtmAgent::GetClientId() const
{
    return m_client;
}

// ---- interfaces --------------------------------------------------------------------------------

void
RtmAgent::ExcludeInterface(uint32_t interface)
{
    m_excluded.insert(interface);
    SyncInterfaces();
}

void
RtmAgent::IncludeInterface(uint32_t interface)
{
    m_excluded.erase(interface);
    SyncInterfaces();
}

bool
RtmAgent::IsInterfaceExcluded(uint32_t interface) const
{
    return m_excluded.count(interface) != 0;
}

std::string
RtmAgent::ParseInterfaceList(const std::string& text, std::set<uint32_t>* parsed)
{
    std::istringstream is(text);
    std::string item;
    while (std::getline(is, item, ','))
    {
        std::size_t b = item.find_first_not_of(" \t");
        if (b == std::string::npos)
        {
            continue;
        }
        std::size_t e = item.find_last_not_of(" \t");
        uint64_t v = 0;
        bool ok = true;
        for (std::size_t i = b; i <= e && ok; ++i)
        {
            ok = item[i] >= '0' && item[i] <= '9';
            v = v * 10 + static_cast<uint64_t>(item[i] - '0');
            ok = ok && v <= std::numeric_limits<uint32_t>::max();
        }
        if (!ok)
        {
            return "'" + item + "' is not an interface index (a list such as 1,3)";
        }
        if (parsed != nullptr)
        {
            parsed->insert(static_cast<uint32_t>(v));
        }
    }
    return "";
}

bool
RtmAgent::SetExcludedList(const std::string& text)
{
    std::set<uint32_t> parsed;
    std::string error = ParseInterfaceList(text, &parsed);
    if (!error.empty())
    {
        NS_LOG_WARN("ExcludedInterfaces: " << error);
        return false; // the checker rejects such text before it comes here
    }
    m_excluded = parsed;
    SyncInterfaces();
    return true;
}

std::string
RtmAgent::GetExcludedList() const
{
    std::ostringstream os;
    bool first = true;
    for (uint32_t i : m_excluded)
    {
        os << (first ? "" : ",") << i;
        first = false;
    }
    return os.str();
}

std::vector<Ipv4InterfaceAddress>
RtmAgent::GetUsableAddresses(uint32_t interface) const
{
    std::vector<Ipv4InterfaceAddress> usable;
    Ptr<Ipv4> ipv4 = m_ipv4 ? m_ipv4 : (m_node ? m_node->GetObject<Ipv4>() : nullptr);
    if (!ipv4 || interface >= ipv4->GetNInterfaces() || !ipv4->IsUp(interface) ||
        m_excluded.count(interface) != 0)
    {
        return usable;
    }
    bool loopback = DynamicCast<LoopbackNetDevice>(ipv4->GetNetDevice(interface)) != nullptr;
    if (loopback && !RunsOnLoopback())
    {
        return usable;
    }
    for (uint32_t j = 0; j < ipv4->GetNAddresses(interface); ++j)
    {
        Ipv4InterfaceAddress a = ipv4->GetAddress(interface, j);
        if (a.GetLocal() != Ipv4Address::GetAny() && a.GetMask() != Ipv4Mask::GetOnes() &&
            (loopback || a.GetScope() != Ipv4InterfaceAddress::HOST))
        {
            usable.push_back(a);
        }
    }
    return usable;
}

void
RtmAgent::SyncInterfaces()
{
    if (m_client == 0 || !m_ipv4)
    {
        return;
    }
    bool changed = false;
    uint32_t n = m_ipv4->GetNInterfaces();
    for (uint32_t i = 0; i < n; ++i)
    {
        std::vector<Ipv4InterfaceAddress> usable = GetUsableAddresses(i);
        auto it = m_open.find(i);
        if (it != m_open.end() &&
            (usable.empty() || it->second.GetLocal() != usable.front().GetLocal() ||
             it->second.GetMask() != usable.front().GetMask()))
        {
            m_open.erase(it);
            InterfaceClosed(i);
            changed = true;
            it = m_open.end();
        }
        if (!usable.empty() && it == m_open.end() && m_client != 0)
        {
            m_open[i] = usable.front();
            InterfaceOpened(i, usable.front());
            changed = true;
        }
    }
    while (!m_open.empty() && m_open.rbegin()->first >= n)
    {
        uint32_t gone = m_open.rbegin()->first;
        m_open.erase(gone);
        InterfaceClosed(gone);
        changed = true;
    }
    InterfacesSynced(changed);
}

std::vector<uint32_t>
RtmAgent::GetActiveInterfaces() const
{
    std::vector<uint32_t> v;
    v.reserve(m_open.size());
    for (const auto& [index, address] : m_open)
    {
        v.push_back(index);
    }
    return v;
}

Ipv4InterfaceAddress
RtmAgent::GetActiveAddress(uint32_t interface) const
{
    auto it = m_open.find(interface);
    // (a default Ipv4InterfaceAddress holds ns-3's uninitialised marker, not 0.0.0.0)
    return it == m_open.end() ? Ipv4InterfaceAddress(Ipv4Address::GetAny(), Ipv4Mask::GetZero())
                              : it->second;
}

void
RtmAgent::NotifyInterfaceUp(uint32_t interface)
{
    InterfaceEvent(interface);
}

void
RtmAgent::NotifyInterfaceDown(uint32_t interface)
{
    InterfaceEvent(interface);
}

void
RtmAgent::NotifyAddAddress(uint32_t interface, Ipv4InterfaceAddress /* address */)
{
    InterfaceEvent(interface);
}

void
RtmAgent::NotifyRemoveAddress(uint32_t interface, Ipv4InterfaceAddress /* address */)
{
    InterfaceEvent(interface);
}

void
RtmAgent::InterfaceEvent(uint32_t /* interface */)
{
    SyncInterfaces();
}

// ---- interface metrics -------------------------------------------------------------------------

bool
RtmAgent::SetInterfaceMetric(uint32_t interface, uint32_t metric)
{
    if (metric == 0 || metric > GetMaxInterfaceMetric())
    {
        NS_LOG_WARN(GetProtocolName() << ": interface metric " << metric << " out of range 1.."
                                      << GetMaxInterfaceMetric());
        return false;
    }
    uint32_t old = GetInterfaceMetric(interface);
    m_metrics[interface] = metric;
    if (m_client != 0 && old != metric)
    {
        InterfaceMetricChanged(interface);
    }
    return true;
}

uint32_t
RtmAgent::GetInterfaceMetric(uint32_t interface) const
{
    auto it = m_metrics.find(interface);
    return it == m_metrics.end() ? GetDefaultInterfaceMetric(interface) : it->second;
}

uint32_t
RtmAgent::GetInfinity() const
{
    return 0;
}

// ---- the change queue --------------------------------------------------------------------------

void
RtmAgent::DrainRouteChanges()
{
    if (m_client == 0)
    {
        return;
    }
    RtmChange message;
    RtmError err;
    do
    {
        err = m_rtm->DequeueRouteChange(m_client, &message);
        if (err != RtmError::Success && err != RtmError::MoreData)
        {
            break;
        }
        ++m_changes;
        RouteChanged(message);
    } while (err == RtmError::MoreData && m_client != 0);
}

uint64_t
RtmAgent::GetRouteChangeCount() const
{
    return m_changes;
}

// ---- the rest ----------------------------------------------------------------------------------

int64_t
RtmAgent::AssignStreams(int64_t stream)
{
    m_rng->SetStream(stream);
    return 1;
}

Ptr<UniformRandomVariable>
RtmAgent::GetRandom() const
{
    return m_rng;
}

void
RtmAgent::NotifyTx(Ptr<const Packet> packet, uint32_t interface)
{
    m_txTrace(packet, interface);
}

void
RtmAgent::NotifyRx(Ptr<const Packet> packet, uint32_t interface)
{
    m_rxTrace(packet, interface);
}

// ---- default hooks -----------------------------------------------------------------------------

uint32_t
RtmAgent::GetRegisterFlags() const
{
    return 0;
}

bool
RtmAgent::WantsRouteChanges() const
{
    return false;
}

bool
RtmAgent::RunsOnLoopback() const
{
    return false;
}

RtmError
RtmAgent::CanStart() const
{
    return RtmError::Success;
}

std::string
RtmAgent::GetStartProblem() const
{
    return "";
}

void
RtmAgent::StartProtocol()
{
}

void
RtmAgent::StartInContext()
{
}

void
RtmAgent::StopProtocol()
{
}

void
RtmAgent::ForgetState()
{
}

void
RtmAgent::InterfaceOpened(uint32_t /* interface */, const Ipv4InterfaceAddress& /* address */)
{
}

void
RtmAgent::InterfaceClosed(uint32_t /* interface */)
{
}

void
RtmAgent::InterfacesSynced(bool /* changed */)
{
}

void
RtmAgent::ChangeSignal()
{
    DrainRouteChanges();
}

void
RtmAgent::RouteChanged(const RtmChange& /* change */)
{
}

uint32_t
RtmAgent::GetDefaultInterfaceMetric(uint32_t /* interface */) const
{
    return 1;
}

uint32_t
RtmAgent::GetMaxInterfaceMetric() const
{
    return 0xFFFFFFFF;
}

void
RtmAgent::InterfaceMetricChanged(uint32_t /* interface */)
{
}

} // namespace ns3
