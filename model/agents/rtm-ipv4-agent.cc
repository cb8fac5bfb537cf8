/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "rtm-ipv4-agent.h"

#include "ns3/rtm-ipv4-routing.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/node.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmIpv4Agent");

NS_OBJECT_ENSURE_REGISTERED(RtmIpv4Agent);

namespace
{
/// The forwarder's trace sources an agent follows.
const char* const INTERFACE_UP = "InterfaceUp";
const char* const INTERFACE_DOWN = "InterfaceDown";
const char* const ADDRESS_ADDED = "AddressAdded";
const char* const ADDRESS_REMOVED = "AddressRemoved";
} // namespace

TypeId
RtmIpv4Agent::GetTypeId()
{
    static TypeId tid = TypeId("ns3::RtmIpv4Agent").SetParent<Object>().SetGroupName("Rtm");
    return tid;
}

RtmIpv4Agent::RtmIpv4Agent()
    : m_client(0)
{
    NS_LOG_FUNCTION(this);
}

RtmIpv4Agent::~RtmIpv4Agent()
{
    NS_LOG_FUNCTION(this);
    Detach();
}

void
RtmIpv4Agent::DoDispose()
{
    NS_LOG_FUNCTION(this);
    Detach();
    m_client = 0; // the manager forgets its clients when it is disposed
    DoStop();
    m_rtm = nullptr;
    m_node = nullptr;
    Object::DoDispose();
}

void
RtmIpv4Agent::NotifyNewAggregate()
{
    if (!m_node)
    {
        m_node = GetObject<Node>();
    }
    Object::NotifyNewAggregate();
}

void
RtmIpv4Agent::SetNode(Ptr<Node> node)
{
    m_node = node;
}

Ptr<Node>
RtmIpv4Agent::GetNode() const
{
    return m_node;
}

void
RtmIpv4Agent::Attach(Ptr<RtmIpv4Routing> routing)
{
    NS_LOG_FUNCTION(this << routing);
    if (routing == m_routing)
    {
        return;
    }
    Detach();
    m_routing = routing;
    if (!m_routing)
    {
        return;
    }
    m_routing->TraceConnectWithoutContext(INTERFACE_UP,
                                          MakeCallback(&RtmIpv4Agent::NotifyInterfaceUp, this));
    m_routing->TraceConnectWithoutContext(INTERFACE_DOWN,
                                          MakeCallback(&RtmIpv4Agent::NotifyInterfaceDown, this));
    m_routing->TraceConnectWithoutContext(ADDRESS_ADDED,
                                          MakeCallback(&RtmIpv4Agent::NotifyAddAddress, this));
    m_routing->TraceConnectWithoutContext(ADDRESS_REMOVED,
                                          MakeCallback(&RtmIpv4Agent::NotifyRemoveAddress, this));
}

void
RtmIpv4Agent::Detach()
{
    if (!m_routing)
    {
        return;
    }
    m_routing->TraceDisconnectWithoutContext(INTERFACE_UP,
                                             MakeCallback(&RtmIpv4Agent::NotifyInterfaceUp, this));
    m_routing->TraceDisconnectWithoutContext(
        INTERFACE_DOWN,
        MakeCallback(&RtmIpv4Agent::NotifyInterfaceDown, this));
    m_routing->TraceDisconnectWithoutContext(ADDRESS_ADDED,
                                             MakeCallback(&RtmIpv4Agent::NotifyAddAddress, this));
    m_routing->TraceDisconnectWithoutContext(
        ADDRESS_REMOVED,
        MakeCallback(&RtmIpv4Agent::NotifyRemoveAddress, this));
    m_routing = nullptr;
}

RtmError
RtmIpv4Agent::Start()
{
    NS_LOG_FUNCTION(this);
    if (m_client != 0)
    {
        return RtmError::Success;
    }
    NS_ABORT_MSG_IF(!m_node,
                    GetInstanceTypeId().GetName()
                        << "::Start: no node (aggregate the agent or SetNode)");
    m_rtm = RoutingTableManager::ForNode(m_node);
    RtmError err = RtmError::Success;
    m_client = m_rtm->RegisterClient(RtmFamily::Ip, GetProtocol(), 0, Callback<void>(), &err);
    if (m_client == 0)
    {
        NS_LOG_WARN("node " << m_node->GetId() << ": cannot register " << GetProtocolName() << ": "
                            << err);
        m_rtm = nullptr;
        return err;
    }
    DoStart();
    return RtmError::Success;
}

void
RtmIpv4Agent::Stop()
{
    NS_LOG_FUNCTION(this);
    if (m_client == 0)
    {
        return;
    }
    m_rtm->DeregisterClient(m_client);
    m_client = 0;
    m_rtm = nullptr;
    DoStop();
}

void
RtmIpv4Agent::DoStop()
{
}

bool
RtmIpv4Agent::IsStarted() const
{
    return m_client != 0;
}

RoutingTableManager::ClientId
RtmIpv4Agent::GetClientId() const
{
    return m_client;
}

void
RtmIpv4Agent::NotifyInterfaceUp(uint32_t /* interface */)
{
}

void
RtmIpv4Agent::NotifyInterfaceDown(uint32_t /* interface */)
{
}

void
RtmIpv4Agent::NotifyAddAddress(uint32_t /* interface */, Ipv4InterfaceAddress /* address */)
{
}

void
RtmIpv4Agent::NotifyRemoveAddress(uint32_t /* interface */, Ipv4InterfaceAddress /* address */)
{
}

} // namespace ns3
