/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "rtm-static-agent.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/node.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmStaticAgent");

NS_OBJECT_ENSURE_REGISTERED(RtmStaticAgent);

TypeId
RtmStaticAgent::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::RtmStaticAgent")
            .SetParent<RtmAgent>()
            .SetGroupName("Rtm")
            .AddConstructor<RtmStaticAgent>()
            .AddAttribute("FollowInterfaceState",
                          "Disable the routes of an interface while it is down (they stay "
                          "stored), so other routes take over.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&RtmStaticAgent::m_followInterfaceState),
                          MakeBooleanChecker());
    return tid;
}

RtmStaticAgent::RtmStaticAgent()
    : m_followInterfaceState(true)
{
    NS_LOG_FUNCTION(this);
}

RtmStaticAgent::~RtmStaticAgent()
{
    NS_LOG_FUNCTION(this);
}

void
RtmStaticAgent::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_routes.clear();
    m_index.clear();
    RtmAgent::DoDispose();
}

uint32_t
RtmStaticAgent::GetProtocol() const
{
    return PROTOCOL;
}

std::string
RtmStaticAgent::GetProtocolName() const
{
    return "PROTO_IP_NT_STATIC";
}

void
RtmStaticAgent::StartProtocol()
{
    for (const StaticRoute& r : m_routes)
    {
        Install(r);
    }
}

RtmStaticAgent::Key
RtmStaticAgent::KeyOf(const StaticRoute& r)
{
    return Key{RtmRoute::IpKey(r.network.Get(), r.mask.Get()), r.nextHop.Get(), r.interface};
}

bool
RtmStaticAgent::IsKnownDown(uint32_t interface) const
{
    Ptr<Ipv4> ipv4 = m_node ? m_node->GetObject<Ipv4>() : nullptr;
    return ipv4 && interface < ipv4->GetNInterfaces() && !ipv4->IsUp(interface);
}

void
RtmStaticAgent::SetEnabled(uint32_t interface, bool enable, bool oneNetwork, uint64_t network)
{
    RtmRoute criteria;
    criteria.interface = interface;
    criteria.network = network;
    uint32_t flags = RtmTable::ONLY_THIS_INTERFACE | (oneNetwork ? RtmTable::ONLY_THIS_NETWORK : 0);
    m_rtm->BlockSetRouteEnable(m_client, flags, criteria, enable); // NoMoreItems: none there
}

RtmError
RtmStaticAgent::Install(const StaticRoute& r)
{
    RtmError err = m_rtm->AddIpRoute(m_client, r.network, r.mask, r.nextHop, r.interface, r.metric);
    if (err != RtmError::Success)
    {
        NS_LOG_WARN("node " << m_node->GetId() << ": cannot add " << r.network << "/"
                            << r.mask.GetPrefixLength() << " via " << r.nextHop << ": " << err);
        return err;
    }
    if (m_followInterfaceState && IsKnownDown(r.interface))
    {
        SetEnabled(r.interface, false, true, RtmRoute::IpKey(r.network.Get(), r.mask.Get()));
    }
    return RtmError::Success;
}

RtmError
RtmStaticAgent::AddNetworkRoute(Ipv4Address network,
                                Ipv4Mask mask,
                                Ipv4Address nextHop,
                                uint32_t interface,
                                uint32_t metric)
{
    NS_LOG_FUNCTION(this << network << mask << nextHop << interface << metric);
    StaticRoute r{network.CombineMask(mask), mask, nextHop, interface, metric};
    // A mask must be contiguous (RtmTable::IsValidNetwork): check before storing anything.
    uint32_t m = mask.Get();
    if ((~m & (~m + 1)) != 0)
    {
        NS_LOG_WARN("non-contiguous mask " << mask);
        return RtmError::InvalidParameter;
    }
    Key key = KeyOf(r);
    auto it = m_index.find(key);
    bool existed = it != m_index.end();
    if (existed)
    {
        m_routes[it->second].metric = metric;
    }
    else
    {
        m_index.emplace(key, m_routes.size());
        m_routes.push_back(r);
    }
    if (m_client == 0)
    {
        return RtmError::Success;
    }
    RtmError err = Install(r);
    if (err == RtmError::Success && existed && m_followInterfaceState && !IsKnownDown(interface))
    {
        // an update keeps the entry's enabled state: make sure it is usable
        SetEnabled(interface, true, true, RtmRoute::IpKey(r.network.Get(), mask.Get()));
    }
    return err;
}

RtmError
RtmStaticAgent::AddHostRoute(Ipv4Address destination,
                             Ipv4Address nextHop,
                             uint32_t interface,
                             uint32_t metric)
{
    return AddNetworkRoute(destination, Ipv4Mask::GetOnes(), nextHop, interface, metric);
}

RtmError
RtmStaticAgent::SetDefaultRoute(Ipv4Address nextHop, uint32_t interface, uint32_t metric)
{
    return AddNetworkRoute(Ipv4Address::GetZero(), Ipv4Mask::GetZero(), nextHop, interface, metric);
}

bool
RtmStaticAgent::RemoveRoute(Ipv4Address network,
                            Ipv4Mask mask,
                            Ipv4Address nextHop,
                            uint32_t interface)
{
    NS_LOG_FUNCTION(this << network << mask << nextHop << interface);
    StaticRoute r{network.CombineMask(mask), mask, nextHop, interface, 0};
    auto it = m_index.find(KeyOf(r));
    if (it == m_index.end())
    {
        return false;
    }
    std::size_t pos = it->second;
    m_index.erase(it);
    if (pos + 1 != m_routes.size())
    {
        m_routes[pos] = m_routes.back();
        m_index[KeyOf(m_routes[pos])] = pos;
    }
    m_routes.pop_back();
    if (m_client != 0)
    {
        m_rtm->DeleteIpRoute(m_client, r.network, mask, nextHop, interface);
    }
    return true;
}

uint32_t
RtmStaticAgent::GetNRoutes() const
{
    return static_cast<uint32_t>(m_routes.size());
}

RtmStaticAgent::StaticRoute
RtmStaticAgent::GetRoute(uint32_t i) const
{
    NS_ABORT_MSG_IF(i >= m_routes.size(), "RtmStaticAgent::GetRoute: index out of range");
    return m_routes[i];
}

void
RtmStaticAgent::NotifyInterfaceUp(uint32_t interface)
{
    NS_LOG_FUNCTION(this << interface);
    if (m_client != 0 && m_followInterfaceState)
    {
        SetEnabled(interface, true, false, 0);
    }
}

void
RtmStaticAgent::NotifyInterfaceDown(uint32_t interface)
{
    NS_LOG_FUNCTION(this << interface);
    if (m_client != 0 && m_followInterfaceState)
    {
        SetEnabled(interface, false, false, 0);
    }
}

} // namespace ns3
