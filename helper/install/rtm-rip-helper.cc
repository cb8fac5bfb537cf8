/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "rtm-rip-helper.h"

#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmRipHelper");

RtmRipHelper::RtmRipHelper()
    : m_start(Seconds(0)),
      m_autoStart(true)
{
    m_factory.SetTypeId(RtmRipAgent::GetTypeId());
}

void
RtmRipHelper::Set(std::string name, const AttributeValue& value)
{
    m_factory.Set(name, value);
}

void
RtmRipHelper::ExcludeInterface(Ptr<Node> node, uint32_t interface)
{
    m_excluded[node->GetId()].insert(interface);
}

void
RtmRipHelper::SetInterfaceMetric(Ptr<Node> node, uint32_t interface, uint8_t metric)
{
    m_metrics[{node->GetId(), interface}] = metric;
}

void
RtmRipHelper::SetStartTime(Time start)
{
    m_start = start;
}

void
RtmRipHelper::SetAutoStart(bool enable)
{
    m_autoStart = enable;
}

Ptr<RtmRipAgent>
RtmRipHelper::Install(Ptr<Node> node) const
{
    NS_LOG_FUNCTION(this << node->GetId());
    Ptr<RtmRipAgent> agent = node->GetObject<RtmRipAgent>();
    if (agent)
    {
        return agent;
    }
    agent = m_factory.Create<RtmRipAgent>();
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
    for (const auto& [key, metric] : m_metrics)
    {
        if (key.first == node->GetId())
        {
            agent->SetInterfaceMetric(key.second, metric);
        }
    }
    if (m_autoStart)
    {
        Time delay = std::max(Time(0), m_start - Simulator::Now());
        Simulator::ScheduleWithContext(node->GetId(), delay, [agent]() { agent->Start(); });
    }
    return agent;
}

std::vector<Ptr<RtmRipAgent>>
RtmRipHelper::Install(const NodeContainer& nodes) const
{
    std::vector<Ptr<RtmRipAgent>> agents;
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        agents.push_back(Install(*it));
    }
    return agents;
}

Ptr<RtmRipAgent>
RtmRipHelper::GetAgent(Ptr<Node> node)
{
    return node->GetObject<RtmRipAgent>();
}

void
RtmRipHelper::StartAll(const NodeContainer& nodes)
{
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        Ptr<RtmRipAgent> agent = GetAgent(*it);
        if (agent)
        {
            agent->Start();
        }
    }
}

void
RtmRipHelper::StopAll(const NodeContainer& nodes)
{
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        Ptr<RtmRipAgent> agent = GetAgent(*it);
        if (agent)
        {
            agent->Stop();
        }
    }
}

int64_t
RtmRipHelper::AssignStreams(const NodeContainer& nodes, int64_t stream) const
{
    int64_t current = stream;
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        Ptr<RtmRipAgent> agent = GetAgent(*it);
        if (agent)
        {
            current += agent->AssignStreams(current);
        }
    }
    return current - stream;
}

} // namespace ns3
