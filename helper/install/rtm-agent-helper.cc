/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "rtm-agent-helper.h"

#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmAgentHelper");

RtmAgentHelper::RtmAgentHelper(TypeId agentType)
    : m_start(Seconds(0)),
      m_autoStart(true)
{
    m_factory.SetTypeId(agentType);
}

void
RtmAgentHelper::Set(const std::string& name, const AttributeValue& value)
{
    m_factory.Set(name, value);
}

void
RtmAgentHelper::ExcludeInterface(Ptr<Node> node, uint32_t interface)
{
    m_excluded[node->GetId()].insert(interface);
}

void
RtmAgentHelper::SetInterfaceMetric(Ptr<Node> node, uint32_t interface, uint32_t metric)
{
    m_metrics[{node->GetId(), interface}] = metric;
}

void
RtmAgentHelper::SetStartTime(Time start)
{
    m_start = start;
}

void
RtmAgentHelper::SetAutoStart(bool enable)
{
    m_autoStart = enable;
}

Ptr<RtmAgent>
RtmAgentHelper::FindAgent(Ptr<Node> node, TypeId type)
{
    Ptr<RtmAgent> agent;
    for (auto it = node->GetAggregateIterator(); it.HasNext();)
    {
        Ptr<const Object> o = it.Next();
        if (o->GetInstanceTypeId() == type)
        {
            agent = DynamicCast<RtmAgent>(ConstCast<Object>(o));
        }
    }
    return agent;
}

Ptr<RtmAgent>
RtmAgentHelper::InstallAgent(Ptr<Node> node) const
{
    NS_LOG_FUNCTION(this << node->GetId());
    Ptr<RtmAgent> agent = FindAgent(node, m_factory.GetTypeId());
    if (agent)
    {
        return agent;
    }
    agent = m_factory.Create<RtmAgent>();
    agent->SetNode(node);
    node->AggregateObject(agent);
    auto ex = m_excluded.find(node->GetId());
    if (ex != m_excluded.end())
    {
        for (uint32_t i : ex->second)
        {
            agent->ExcludeInterface(i);
        }
    }
    for (auto it = m_metrics.lower_bound({node->GetId(), 0});
         it != m_metrics.end() && it->first.first == node->GetId();
         ++it)
    {
        agent->SetInterfaceMetric(it->first.second, it->second);
    }
    if (m_autoStart)
    {
        ScheduleAgentStart(agent, m_start);
    }
    return agent;
}

void
RtmAgentHelper::ScheduleAgentStart(Ptr<RtmAgent> agent, Time at)
{
    if (!agent || !agent->GetNode())
    {
        return;
    }
    Time delay = std::max(Time(0), at - Simulator::Now());
    Simulator::ScheduleWithContext(agent->GetNode()->GetId(), delay, &RtmAgent::Start, agent);
}

void
RtmAgentHelper::ScheduleAgentStop(Ptr<RtmAgent> agent, Time at)
{
    if (!agent || !agent->GetNode())
    {
        return;
    }
    Time delay = std::max(Time(0), at - Simulator::Now());
    Simulator::ScheduleWithContext(agent->GetNode()->GetId(), delay, &RtmAgent::Stop, agent);
}

} // namespace ns3
