/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#ifndef RTM_OSPF_HELPER_H
#define RTM_OSPF_HELPER_H

#include "ns3/node-container.h"
#include "ns3/nstime.h"
#include "ns3/object-factory.h"
#include "ns3/rtm-ospf-agent.h"

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace ns3
{

/**
 * @ingroup rtm
 * @brief Installs RtmOspfAgent (the link-state agent) on nodes, the way ns-3's RipHelper
 * installs RIP: agent attributes through Set(), per-node interface exclusions and costs, and
 * AssignStreams for the agents' jitter.
 *
 * Install() creates one agent per node, aggregates it to the node (node->GetObject<RtmOspfAgent>()
 * finds it) and schedules its Start() in the node's context at the start time (SetStartTime,
 * default: now). The nodes need IPv4 (InternetStackHelper, typically with RtmHelper as routing
 * helper so that the RTM forwards). Agents can be started and stopped later with
 * ScheduleStart() / ScheduleStop(), or directly.
 */
class RtmOspfHelper
{
  public:
    RtmOspfHelper();

    /**
     * @brief Set an attribute of the agents to be created.
     * @param name the attribute name (e.g. "HelloInterval")
     * @param value its value
     */
    void Set(const std::string& name, const AttributeValue& value);

    /**
     * @brief When Install starts the agents (absolute simulation time; a past time means now).
     * @param start the time
     */
    void SetStartTime(Time start);

    /**
     * @brief Whether Install schedules Start at all (default true).
     * @param autoStart false to start the agents by hand
     */
    void SetAutoStart(bool autoStart);

    /**
     * @brief Do not run the protocol on an interface of a node.
     * @param node the node
     * @param interface the IPv4 interface index
     */
    void ExcludeInterface(Ptr<Node> node, uint32_t interface);

    /**
     * @brief Set the cost of an interface of a node.
     * @param node the node
     * @param interface the IPv4 interface index
     * @param cost the cost, 1..65534
     */
    void SetInterfaceCost(Ptr<Node> node, uint32_t interface, uint16_t cost);

    /**
     * @brief Install an agent on a node.
     * @param node the node (must not have an agent yet)
     * @return the agent
     */
    Ptr<RtmOspfAgent> Install(Ptr<Node> node) const;

    /**
     * @brief Install an agent on each node.
     * @param nodes the nodes
     * @return the agents, in the container's order
     */
    std::vector<Ptr<RtmOspfAgent>> Install(const NodeContainer& nodes) const;

    /**
     * @param node a node
     * @return its agent, or null
     */
    static Ptr<RtmOspfAgent> Get(Ptr<Node> node);

    /**
     * @brief Schedule the agent of a node to join (Start) in the node's context.
     * @param node the node (with an agent)
     * @param at absolute simulation time (a past time means now)
     */
    static void ScheduleStart(Ptr<Node> node, Time at);

    /**
     * @brief Schedule the agent of a node to leave (Stop) in the node's context.
     * @param node the node (with an agent)
     * @param at absolute simulation time (a past time means now)
     */
    static void ScheduleStop(Ptr<Node> node, Time at);

    /**
     * @brief Fix the random streams of the agents of some nodes.
     * @param nodes the nodes (those without an agent are skipped)
     * @param stream first stream index
     * @return the number of streams used
     */
    static int64_t AssignStreams(const NodeContainer& nodes, int64_t stream);

  private:
    ObjectFactory m_factory;                                  //!< agent factory
    Time m_start;                                             //!< start time
    bool m_autoStart;                                         //!< schedule Start in Install
    std::map<uint32_t, std::set<uint32_t>> m_excluded;        //!< node id -> interfaces
    std::map<uint32_t, std::map<uint32_t, uint16_t>> m_costs; //!< node id -> interface costs
};

} // namespace ns3

#endif /* RTM_OSPF_HELPER_H */
