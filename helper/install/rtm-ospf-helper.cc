/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#include "rtm-ospf-helper.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmOspfHelper");

RtmOspfHelper::RtmOspfHelper()
    : m_start(Time(0)),
      m_autoStart(true)
{
    m_factory.SetTypeId(RtmOspfAgent::GetTypeId());
}

void
RtmOspfHelper::Set(const std::string& name, const AttributeValue& value)
{
    m_factory.Set(name, value);
}

void
RtmOspfHelper::SetStartTime(Time start)
{
    m_start = start;
}

void
RtmOspfHelper::SetAutoStart(bool autoStart)
{
    m_autoStart = autoStart;
}

void
RtmOspfHelper::ExcludeInterface(Ptr<Node> node, uint32_t interface)
{
    m_excluded[node->GetId()].insert(interface);
}

void
RtmOspfHelper::SetInterfaceCost(Ptr<Node> node, uint32_t interface, uint16_t cost)
{
    NS_ABORT_MSG_IF(cost == 0 || cost > RtmOspfLsa::MAX_METRIC, "interface cost out of range");
    m_costs[node->GetId()][interface] = cost;
}

Ptr<RtmOspfAgent>
RtmOspfHelper::Install(Ptr<Node> node) const
{
    NS_ABORT_MSG_IF(node->GetObject<RtmOspfAgent>(),
                    "RtmOspfHelper::Install: node " << node->GetId() << " already has an agent");
    Ptr<RtmOspfAgent> agent = m_factory.Create<RtmOspfAgent>();
    node->AggregateObject(agent);
    agent->SetNode(node);
    auto ex = m_excluded.find(node->GetId());
    if (ex != m_excluded.end())
    {
        for (uint32_t i : ex->second)
        {
            agent->ExcludeInterface(i);
        }
    }
    auto costs = m_costs.find(node->GetId());
    if (costs != m_costs.end())
    {
        for (const auto& [i, cost] : costs->second)
        {
            agent->SetInterfaceCost(i, cost);
        }
    }
    if (m_autoStart)
    {
        ScheduleStart(node, m_start);
    }
    return agent;
}

std::vector<Ptr<RtmOspfAgent>>
RtmOspfHelper::Install(const NodeContainer& nodes) const
{
    std::vector<Ptr<RtmOspfAgent>> agents;
    agents.reserve(nodes.GetN());
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        agents.push_back(Install(*it));
    }
    return agents;
}

Ptr<RtmOspfAgent>
RtmOspfHelper::Get(Ptr<Node> node)
{
    return node->GetObject<RtmOspfAgent>();
}

void
RtmOspfHelper::ScheduleStart(Ptr<Node> node, Time at)
{
    Ptr<RtmOspfAgent> agent = Get(node);
    NS_ABORT_MSG_IF(!agent,
                    "RtmOspfHelper::ScheduleStart: node " << node->GetId() << " has no agent");
    Time delay = at > Simulator::Now() ? at - Simulator::Now() : Time(0);
    Simulator::ScheduleWithContext(node->GetId(), delay, &RtmOspfAgent::Start, agent);
}

void
RtmOspfHelper::ScheduleStop(Ptr<Node> node, Time at)
{
    Ptr<RtmOspfAgent> agent = Get(node);
    NS_ABORT_MSG_IF(!agent,
                    "RtmOspfHelper::ScheduleStop: node " << node->GetId() << " has no agent");
    Time delay = at > Simulator::Now() ? at - Simulator::Now() : Time(0);
    Simulator::ScheduleWithContext(node->GetId(), delay, &RtmOspfAgent::Stop, agent);
}

int64_t
RtmOspfHelper::AssignStreams(const NodeContainer& nodes, int64_t stream)
{
    int64_t current = stream;
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        if (Ptr<RtmOspfAgent> agent = Get(*it))
        {
            current += agent->AssignStreams(current);
        }
    }
    return current - stream;
}

} // namespace ns3
