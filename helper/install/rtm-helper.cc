/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "rtm-helper.h"

#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/node.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmHelper");

RtmHelper::RtmHelper()
    : m_connectedEnabled(true)
{
    m_routingFactory.SetTypeId(RtmIpv4Routing::GetTypeId());
    m_managerFactory.SetTypeId(RoutingTableManager::GetTypeId());
    m_connectedFactory.SetTypeId(RtmConnectedAgent::GetTypeId());
    m_staticFactory.SetTypeId(RtmStaticAgent::GetTypeId());
}

RtmHelper::~RtmHelper()
{
}

RtmHelper::RtmHelper(const RtmHelper& o)
    : Ipv4RoutingHelper(o),
      m_routingFactory(o.m_routingFactory),
      m_managerFactory(o.m_managerFactory),
      m_connectedFactory(o.m_connectedFactory),
      m_staticFactory(o.m_staticFactory),
      m_connectedEnabled(o.m_connectedEnabled)
{
}

RtmHelper*
RtmHelper::Copy() const
{
    // The Ipv4RoutingHelper interface hands ownership of a raw copy to InternetStackHelper.
    return new RtmHelper(*this);
}

void
RtmHelper::Set(std::string name, const AttributeValue& value)
{
    m_routingFactory.Set(name, value);
}

void
RtmHelper::SetManagerAttribute(std::string name, const AttributeValue& value)
{
    m_managerFactory.Set(name, value);
}

void
RtmHelper::SetConnectedAgentAttribute(std::string name, const AttributeValue& value)
{
    m_connectedFactory.Set(name, value);
}

void
RtmHelper::SetStaticAgentAttribute(std::string name, const AttributeValue& value)
{
    m_staticFactory.Set(name, value);
}

void
RtmHelper::SetConnectedAgentEnabled(bool enable)
{
    m_connectedEnabled = enable;
}

Ptr<Ipv4RoutingProtocol>
RtmHelper::Create(Ptr<Node> node) const
{
    NS_LOG_FUNCTION(this << node);
    if (!node->GetObject<RoutingTableManager>())
    {
        node->AggregateObject(m_managerFactory.Create<RoutingTableManager>());
    }
    Ptr<RoutingTableManager> rtm = RoutingTableManager::ForNode(node);
    Ptr<RtmIpv4Routing> routing = m_routingFactory.Create<RtmIpv4Routing>();
    routing->SetRoutingTableManager(rtm);
    // Aggregated to the node, as ns-3's RipHelper and OlsrHelper do with their protocols, so
    // that /NodeList/*/$ns3::RtmIpv4Routing/... reaches its attributes and trace sources.
    if (!node->GetObject<RtmIpv4Routing>())
    {
        node->AggregateObject(routing);
    }
    if (m_connectedEnabled)
    {
        Ptr<RtmConnectedAgent> agent = node->GetObject<RtmConnectedAgent>();
        if (!agent)
        {
            agent = m_connectedFactory.Create<RtmConnectedAgent>();
            node->AggregateObject(agent);
        }
        agent->Attach(routing);
        agent->Start();
    }
    Ptr<RtmStaticAgent> statics = node->GetObject<RtmStaticAgent>();
    if (statics)
    {
        statics->Attach(routing);
    }
    return routing;
}

Ptr<RtmIpv4Routing>
RtmHelper::GetRtmRouting(Ptr<Node> node)
{
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    if (!ipv4 || !ipv4->GetRoutingProtocol())
    {
        return nullptr;
    }
    return Ipv4RoutingHelper::GetRouting<RtmIpv4Routing>(ipv4->GetRoutingProtocol());
}

Ptr<RtmConnectedAgent>
RtmHelper::GetConnectedAgent(Ptr<Node> node)
{
    return node->GetObject<RtmConnectedAgent>();
}

Ptr<RtmStaticAgent>
RtmHelper::GetStaticAgent(Ptr<Node> node) const
{
    Ptr<RtmStaticAgent> agent = node->GetObject<RtmStaticAgent>();
    if (!agent)
    {
        agent = m_staticFactory.Create<RtmStaticAgent>();
        node->AggregateObject(agent);
        Ptr<RtmIpv4Routing> routing = GetRtmRouting(node);
        if (routing)
        {
            agent->Attach(routing);
        }
        agent->Start();
    }
    return agent;
}

RtmError
RtmHelper::AddStaticRoute(Ptr<Node> node,
                          Ipv4Address network,
                          Ipv4Mask mask,
                          Ipv4Address nextHop,
                          uint32_t interface,
                          uint32_t metric) const
{
    return GetStaticAgent(node)->AddNetworkRoute(network, mask, nextHop, interface, metric);
}

RtmError
RtmHelper::AddHostRoute(Ptr<Node> node,
                        Ipv4Address destination,
                        Ipv4Address nextHop,
                        uint32_t interface,
                        uint32_t metric) const
{
    return GetStaticAgent(node)->AddHostRoute(destination, nextHop, interface, metric);
}

RtmError
RtmHelper::SetDefaultRoute(Ptr<Node> node,
                           Ipv4Address nextHop,
                           uint32_t interface,
                           uint32_t metric) const
{
    return GetStaticAgent(node)->SetDefaultRoute(nextHop, interface, metric);
}

bool
RtmHelper::RemoveStaticRoute(Ptr<Node> node,
                             Ipv4Address network,
                             Ipv4Mask mask,
                             Ipv4Address nextHop,
                             uint32_t interface) const
{
    Ptr<RtmStaticAgent> agent = node->GetObject<RtmStaticAgent>();
    return agent && agent->RemoveRoute(network, mask, nextHop, interface);
}

} // namespace ns3
