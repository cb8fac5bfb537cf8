/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef RTM_RIP_HELPER_H
#define RTM_RIP_HELPER_H

#include "ns3/node-container.h"
#include "ns3/nstime.h"
#include "ns3/object-factory.h"
#include "ns3/ptr.h"
#include "ns3/rtm-rip-agent.h"

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * @ingroup rtm
 * @brief Installs RtmRipAgent on nodes, like ns-3's RipHelper: attributes through an
 * ObjectFactory (Set), interfaces excluded (ExcludeInterface) or given a cost
 * (SetInterfaceMetric) per node, random streams (AssignStreams).
 *
 * Install() creates one agent per node, aggregates it to the node and schedules its Start() at
 * the start time (SetStartTime, default 0 s; in the node's context). The nodes need an Internet
 * stack; the agent registers with the node's RoutingTableManager (created if missing), so the
 * forwarding plane (RtmHelper) decides whether its routes carry traffic.
 */
class RtmRipHelper
{
  public:
    RtmRipHelper();

    /**
     * @brief Set an attribute of the agents to create.
     * @param name the attribute name
     * @param value the value
     */
    void Set(std::string name, const AttributeValue& value);

    /**
     * @brief Do not run RIP on an interface of a node (its network is still advertised).
     * @param node the node
     * @param interface the IPv4 interface index
     */
    void ExcludeInterface(Ptr<Node> node, uint32_t interface);

    /**
     * @brief Set the cost of an interface of a node.
     * @param node the node
     * @param interface the IPv4 interface index
     * @param metric the cost (1 .. infinity - 1)
     */
    void SetInterfaceMetric(Ptr<Node> node, uint32_t interface, uint8_t metric);

    /**
     * @brief When the agents start (absolute simulation time; default 0 s).
     * @param start the time
     */
    void SetStartTime(Time start);

    /**
     * @brief Whether Install schedules Start (default true). Without it, call
     * RtmRipAgent::Start yourself.
     * @param enable the choice
     */
    void SetAutoStart(bool enable);

    /**
     * @brief Install an agent on a node (a node that has one keeps it and gets it back).
     * @param node the node
     * @return the agent
     */
    Ptr<RtmRipAgent> Install(Ptr<Node> node) const;

    /**
     * @brief Install an agent on every node of a container.
     * @param nodes the nodes
     * @return the agents, in container order
     */
    std::vector<Ptr<RtmRipAgent>> Install(const NodeContainer& nodes) const;

    /**
     * @param node a node
     * @return its agent, or null
     */
    static Ptr<RtmRipAgent> GetAgent(Ptr<Node> node);

    /**
     * @brief Start the agents of the nodes now (Simulator::Schedule-able).
     * @param nodes the nodes
     */
    static void StartAll(const NodeContainer& nodes);

    /**
     * @brief Stop the agents of the nodes now.
     * @param nodes the nodes
     */
    static void StopAll(const NodeContainer& nodes);

    /**
     * @brief Fix the random streams of the agents of the nodes.
     * @param nodes the nodes
     * @param stream the first stream index
     * @return the number of streams used
     */
    int64_t AssignStreams(const NodeContainer& nodes, int64_t stream) const;

  private:
    ObjectFactory m_factory;                                    //!< agent factory
    std::map<uint32_t, std::set<uint32_t>> m_excluded;          //!< node id -> interfaces
    std::map<std::pair<uint32_t, uint32_t>, uint8_t> m_metrics; //!< (node, iface) -> cost
    Time m_start;                                               //!< start time
    bool m_autoStart;                                           //!< schedule Start
};

} // namespace ns3

#endif /* RTM_RIP_HELPER_H */
