/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef RTM_AGENT_HELPER_OF_H
#define RTM_AGENT_HELPER_OF_H

#include "rtm-agent-helper.h"

#include "ns3/node.h"

#include <vector>

namespace ns3
{

/**
 * @ingroup rtm
 * @brief RtmAgentHelper for one agent class: the same calls for every protocol (Install, Get,
 * ScheduleStart, ScheduleStop, StartAll, StopAll, AssignStreams), typed with the agent's class.
 * RtmRipHelper and RtmOspfHelper are this for their agents; a protocol of one's own gets its
 * helper the same way (doc/lab-write-a-protocol.rst).
 *
 * @tparam Agent a class derived from RtmAgent, with a TypeId
 */
template <class Agent>
class RtmAgentHelperOf : public RtmAgentHelper
{
  public:
    RtmAgentHelperOf()
        : RtmAgentHelper(Agent::GetTypeId())
    {
    }

    /**
     * @brief Install the agent on a node (RtmAgentHelper's class text).
     * @param node the node
     * @return its agent
     */
    Ptr<Agent> Install(Ptr<Node> node) const
    {
        return DynamicCast<Agent>(InstallAgent(node));
    }

    /**
     * @brief Install the agent on every node.
     * @param nodes the nodes
     * @return their agents, in order
     */
    std::vector<Ptr<Agent>> Install(const NodeContainer& nodes) const
    {
        std::vector<Ptr<Agent>> agents;
        agents.reserve(nodes.GetN());
        for (auto it = nodes.Begin(); it != nodes.End(); ++it)
        {
            agents.push_back(Install(*it));
        }
        return agents;
    }

    /**
     * @param node a node
     * @return its agent, or null
     */
    static Ptr<Agent> Get(Ptr<Node> node)
    {
        return node->GetObject<Agent>();
    }

    /**
     * @brief Start the node's agent at a time, in the node's context.
     * @param node the node (nothing happens if it has no agent)
     * @param at the simulation time (now if earlier)
     */
    static void ScheduleStart(Ptr<Node> node, Time at)
    {
        ScheduleAgentStart(Get(node), at);
    }

    /**
     * @brief Stop the node's agent at a time, in the node's context.
     * @param node the node (nothing happens if it has no agent)
     * @param at the simulation time (now if earlier)
     */
    static void ScheduleStop(Ptr<Node> node, Time at)
    {
        ScheduleAgentStop(Get(node), at);
    }

    /**
     * @brief Start the agents of the nodes now (RtmAgent::Start).
     * @param nodes the nodes
     */
    static void StartAll(const NodeContainer& nodes)
    {
        for (auto it = nodes.Begin(); it != nodes.End(); ++it)
        {
            if (Ptr<Agent> agent = Get(*it))
            {
                agent->Start();
            }
        }
    }

    /**
     * @brief Stop the agents of the nodes now (RtmAgent::Stop).
     * @param nodes the nodes
     */
    static void StopAll(const NodeContainer& nodes)
    {
        for (auto it = nodes.Begin(); it != nodes.End(); ++it)
        {
            if (Ptr<Agent> agent = Get(*it))
            {
                agent->Stop();
            }
        }
    }

    /**
     * @brief Fix the random streams of the agents of the nodes.
     * @param nodes the nodes
     * @param stream the first stream index
     * @return the number of streams used
     */
    static int64_t AssignStreams(const NodeContainer& nodes, int64_t stream)
    {
        int64_t current = stream;
        for (auto it = nodes.Begin(); it != nodes.End(); ++it)
        {
            if (Ptr<Agent> agent = Get(*it))
            {
                current += agent->AssignStreams(current);
            }
        }
        return current - stream;
    }
};

} // namespace ns3

#endif /* RTM_AGENT_HELPER_OF_H */
