/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef RTM_AGENT_HELPER_H
#define RTM_AGENT_HELPER_H

#include "ns3/node-container.h"
#include "ns3/nstime.h"
#include "ns3/object-factory.h"
#include "ns3/ptr.h"
#include "ns3/rtm-agent.h"

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>

namespace ns3
{

/**
 * @ingroup rtm
 * @brief What the agent helpers share (RtmRipHelper, RtmOspfHelper, or a helper for a protocol
 * of one's own): agent attributes through an ObjectFactory (Set), per-node interface exclusions
 * (ExcludeInterface) and costs (SetInterfaceMetric), the start time (SetStartTime,
 * SetAutoStart), and installation.
 *
 * InstallAgent creates one agent of the helper's type per node, aggregates it to the node and,
 * unless SetAutoStart(false), schedules its Start in the node's context at the start time.
 * Installing on a node that already has an agent of that type returns that agent unchanged.
 * The nodes need an Internet stack; the agent registers with the node's RoutingTableManager
 * (created if missing), so the forwarding plane (RtmHelper) decides whether its routes carry
 * traffic.
 */
class RtmAgentHelper
{
  public:
    /**
     * @brief A helper for agents of one type.
     * @param agentType a TypeId derived from RtmAgent
     */
    explicit RtmAgentHelper(TypeId agentType);

    /**
     * @brief Set an attribute of the agents to be created.
     * @param name the attribute name
     * @param value its value
     */
    void Set(const std::string& name, const AttributeValue& value);

    /**
     * @brief Do not run the protocol on an interface of a node.
     * @param node the node
     * @param interface the IPv4 interface index
     */
    void ExcludeInterface(Ptr<Node> node, uint32_t interface);

    /**
     * @brief Set the cost of an interface of a node (RtmAgent::SetInterfaceMetric at install).
     * @param node the node
     * @param interface the IPv4 interface index
     * @param metric the cost, in the protocol's range
     */
    void SetInterfaceMetric(Ptr<Node> node, uint32_t interface, uint32_t metric);

    /**
     * @brief When installed agents start (default 0 s, or now if later).
     * @param start the start time
     */
    void SetStartTime(Time start);

    /**
     * @brief Whether Install schedules Start (default true).
     * @param enable false to start the agents by hand (RtmAgent::Start, ScheduleStart)
     */
    void SetAutoStart(bool enable);

    /**
     * @brief Start an agent at a time, in its node's context.
     * @param agent the agent (nothing happens if null)
     * @param at the simulation time (now if earlier)
     */
    static void ScheduleAgentStart(Ptr<RtmAgent> agent, Time at);

    /**
     * @brief Stop an agent at a time, in its node's context.
     * @param agent the agent (nothing happens if null)
     * @param at the simulation time (now if earlier)
     */
    static void ScheduleAgentStop(Ptr<RtmAgent> agent, Time at);

  protected:
    /**
     * @brief Install an agent of the helper's type on a node (see the class text).
     * @param node the node
     * @return the node's agent
     */
    Ptr<RtmAgent> InstallAgent(Ptr<Node> node) const;

    /**
     * @param node a node
     * @param type an agent type
     * @return the node's agent of that type, or null
     */
    static Ptr<RtmAgent> FindAgent(Ptr<Node> node, TypeId type);

  private:
    ObjectFactory m_factory;                                     //!< agent factory
    std::map<uint32_t, std::set<uint32_t>> m_excluded;           //!< node id -> interfaces
    std::map<std::pair<uint32_t, uint32_t>, uint32_t> m_metrics; //!< (node, interface) -> cost
    Time m_start;                                                //!< start time
    bool m_autoStart;                                            //!< schedule Start
};

} // namespace ns3

#endif /* RTM_AGENT_HELPER_H */
