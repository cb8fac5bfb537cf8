/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "rtm-connected-agent.h"

#include "ns3/boolean.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/loopback-net-device.h"
#include "ns3/node.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <iterator>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmConnectedAgent");

NS_OBJECT_ENSURE_REGISTERED(RtmConnectedAgent);

TypeId
RtmConnectedAgent::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::RtmConnectedAgent")
            .SetParent<RtmAgent>()
            .SetGroupName("Rtm")
            .AddConstructor<RtmConnectedAgent>()
            .AddAttribute("Metric",
                          "FSD_Metric of the connected routes.",
                          UintegerValue(1),
                          MakeUintegerAccessor(&RtmConnectedAgent::m_metric),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("IncludeLoopback",
                          "Keep a route for the loopback interface's network (127.0.0.0/8 on "
                          "interface 0), as Ipv4StaticRouting does.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&RtmConnectedAgent::m_includeLoopback),
                          MakeBooleanChecker());
    return tid;
}

RtmConnectedAgent::RtmConnectedAgent()
    : m_metric(1),
      m_includeLoopback(true)
{
    NS_LOG_FUNCTION(this);
}

RtmConnectedAgent::~RtmConnectedAgent()
{
    NS_LOG_FUNCTION(this);
}

uint32_t
RtmConnectedAgent::GetProtocol() const
{
    return PROTOCOL;
}

std::string
RtmConnectedAgent::GetProtocolName() const
{
    return "PROTO_IP_LOCAL";
}

bool
RtmConnectedAgent::RunsOnLoopback() const
{
    return m_includeLoopback;
}

void
RtmConnectedAgent::StartProtocol()
{
    m_installed.clear();
    Resync();
}

void
RtmConnectedAgent::ForgetState()
{
    m_installed.clear();
}

std::size_t
RtmConnectedAgent::GetNRoutes() const
{
    std::size_t n = 0;
    for (const auto& [interface, keys] : m_installed)
    {
        n += keys.size();
    }
    return n;
}

void
RtmConnectedAgent::Resync()
{
    if (m_client == 0)
    {
        return;
    }
    Ptr<Ipv4> ipv4 = m_node->GetObject<Ipv4>();
    uint32_t n = ipv4 ? ipv4->GetNInterfaces() : 0;
    for (uint32_t i = 0; i < n; ++i)
    {
        Sync(i);
    }
    // interfaces we hold routes for that no longer exist (cannot happen in ns-3, but be safe)
    std::vector<uint32_t> stale;
    for (const auto& [interface, keys] : m_installed)
    {
        if (interface >= n)
        {
            stale.push_back(interface);
        }
    }
    for (uint32_t i : stale)
    {
        Sync(i);
    }
}

void
RtmConnectedAgent::Sync(uint32_t interface)
{
    if (m_client == 0)
    {
        return;
    }
    std::set<uint64_t> desired;
    for (const Ipv4InterfaceAddress& a : GetUsableAddresses(interface))
    {
        desired.insert(RtmRoute::IpKey(a.GetLocal().CombineMask(a.GetMask()), a.GetMask()));
    }
    std::set<uint64_t>& installed = m_installed[interface];
    std::vector<uint64_t> gone;
    std::vector<uint64_t> fresh;
    std::set_difference(installed.begin(),
                        installed.end(),
                        desired.begin(),
                        desired.end(),
                        std::back_inserter(gone));
    std::set_difference(desired.begin(),
                        desired.end(),
                        installed.begin(),
                        installed.end(),
                        std::back_inserter(fresh));
    for (uint64_t key : gone)
    {
        Ipv4Address net = RtmRoute::KeyNetwork(key);
        Ipv4Mask mask = RtmRoute::KeyIpv4Mask(key);
        NS_LOG_LOGIC("node " << m_node->GetId() << ": withdraw " << net << "/"
                             << mask.GetPrefixLength() << " on " << interface);
        m_rtm->DeleteIpRoute(m_client, net, mask, Ipv4Address::GetZero(), interface);
        installed.erase(key);
    }
    for (uint64_t key : fresh)
    {
        Ipv4Address net = RtmRoute::KeyNetwork(key);
        Ipv4Mask mask = RtmRoute::KeyIpv4Mask(key);
        NS_LOG_LOGIC("node " << m_node->GetId() << ": add " << net << "/" << mask.GetPrefixLength()
                             << " on " << interface);
        RtmError err =
            m_rtm->AddIpRoute(m_client, net, mask, Ipv4Address::GetZero(), interface, m_metric);
        if (err == RtmError::Success)
        {
            installed.insert(key);
        }
        else
        {
            NS_LOG_WARN("node " << m_node->GetId() << ": cannot add " << net << ": " << err);
        }
    }
    if (installed.empty())
    {
        m_installed.erase(interface);
    }
}

void
RtmConnectedAgent::InterfaceEvent(uint32_t interface)
{
    NS_LOG_FUNCTION(this << interface);
    Sync(interface);
}

} // namespace ns3
