/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef RTM_HELPER_H
#define RTM_HELPER_H

#include "ns3/ipv4-routing-helper.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"
#include "ns3/routing-table-manager.h"
#include "ns3/rtm-connected-agent.h"
#include "ns3/rtm-ipv4-routing.h"
#include "ns3/rtm-static-agent.h"

#include <string>

namespace ns3
{

/**
 * @ingroup rtm
 * @brief Installs the RTM forwarding plane: InternetStackHelper::SetRoutingHelper(rtm) puts on
 * every node its RoutingTableManager (RoutingTableManager::ForNode), an RtmIpv4Routing as the
 * node's routing protocol (or inside an Ipv4ListRoutingHelper) and an RtmConnectedAgent,
 * started at once.
 *
 * Static routes go to the node's RtmStaticAgent, created, aggregated, attached and started on
 * first use: call AddStaticRoute and friends after the stack is installed (the
 * InternetStackHelper keeps its own copy of this helper, so configuration made on the helper
 * itself must happen before SetRoutingHelper).
 *
 * Attributes: Set() for RtmIpv4Routing, SetManagerAttribute() for a RoutingTableManager the
 * helper creates (a node that already has one keeps it), SetConnectedAgentAttribute() and
 * SetStaticAgentAttribute() for the agents; Config::SetDefault works for all of them.
 */
class RtmHelper : public Ipv4RoutingHelper
{
  public:
    RtmHelper();
    ~RtmHelper() override;

    /**
     * @brief Copy constructor.
     * @param o the helper to copy
     */
    RtmHelper(const RtmHelper& o);

    /// No assignment.
    RtmHelper& operator=(const RtmHelper&) = delete;

    /**
     * @returns a copy of this helper, for InternetStackHelper (which owns and deletes it)
     */
    RtmHelper* Copy() const override;

    /**
     * @brief Install the RTM, the forwarder and the connected agent on a node.
     *
     * The forwarder is also aggregated to the node (as ns-3's RipHelper does with Rip), so
     * that Config paths such as /NodeList/[i]/$ns3::RtmIpv4Routing/Drop reach it.
     * @param node the node
     * @return the forwarder, for Ipv4::SetRoutingProtocol
     */
    Ptr<Ipv4RoutingProtocol> Create(Ptr<Node> node) const override;

    /**
     * @brief Set an attribute of the RtmIpv4Routing objects created.
     * @param name the attribute name
     * @param value the value
     */
    void Set(std::string name, const AttributeValue& value);

    /**
     * @brief Set an attribute of the RoutingTableManager objects this helper creates.
     * @param name the attribute name
     * @param value the value
     */
    void SetManagerAttribute(std::string name, const AttributeValue& value);

    /**
     * @brief Set an attribute of the RtmConnectedAgent objects created.
     * @param name the attribute name
     * @param value the value
     */
    void SetConnectedAgentAttribute(std::string name, const AttributeValue& value);

    /**
     * @brief Set an attribute of the RtmStaticAgent objects created.
     * @param name the attribute name
     * @param value the value
     */
    void SetStaticAgentAttribute(std::string name, const AttributeValue& value);

    /**
     * @brief Whether Create installs and starts a connected agent (default true).
     * @param enable the choice
     */
    void SetConnectedAgentEnabled(bool enable);

    /**
     * @brief Add a static route on a node (through its RtmStaticAgent).
     * @param node the node (with the RTM installed)
     * @param network the destination network
     * @param mask the destination mask
     * @param nextHop the next hop (0.0.0.0: on-link)
     * @param interface the IPv4 interface index
     * @param metric FSD_Metric
     * @return the agent's status
     */
    RtmError AddStaticRoute(Ptr<Node> node,
                            Ipv4Address network,
                            Ipv4Mask mask,
                            Ipv4Address nextHop,
                            uint32_t interface,
                            uint32_t metric = 1) const;

    /**
     * @brief Add a static host route on a node.
     * @param node the node
     * @param destination the host
     * @param nextHop the next hop (0.0.0.0: on-link)
     * @param interface the IPv4 interface index
     * @param metric FSD_Metric
     * @return the agent's status
     */
    RtmError AddHostRoute(Ptr<Node> node,
                          Ipv4Address destination,
                          Ipv4Address nextHop,
                          uint32_t interface,
                          uint32_t metric = 1) const;

    /**
     * @brief Add a static default route on a node.
     * @param node the node
     * @param nextHop the next hop
     * @param interface the IPv4 interface index
     * @param metric FSD_Metric
     * @return the agent's status
     */
    RtmError SetDefaultRoute(Ptr<Node> node,
                             Ipv4Address nextHop,
                             uint32_t interface,
                             uint32_t metric = 1) const;

    /**
     * @brief Remove a static route from a node.
     * @param node the node
     * @param network the destination network
     * @param mask the destination mask
     * @param nextHop the next hop
     * @param interface the interface index
     * @return false if the node has no such static route
     */
    bool RemoveStaticRoute(Ptr<Node> node,
                           Ipv4Address network,
                           Ipv4Mask mask,
                           Ipv4Address nextHop,
                           uint32_t interface) const;

    /**
     * @brief The node's static agent, created (with this helper's attributes), aggregated,
     * attached to the node's RtmIpv4Routing and started if the node has none.
     * @param node the node
     * @return the agent
     */
    Ptr<RtmStaticAgent> GetStaticAgent(Ptr<Node> node) const;

    /**
     * @param node a node
     * @return its RtmIpv4Routing (the routing protocol or inside an Ipv4ListRouting), or null
     */
    static Ptr<RtmIpv4Routing> GetRtmRouting(Ptr<Node> node);

    /**
     * @param node a node
     * @return its connected agent, or null
     */
    static Ptr<RtmConnectedAgent> GetConnectedAgent(Ptr<Node> node);

  private:
    ObjectFactory m_routingFactory;   //!< RtmIpv4Routing
    ObjectFactory m_managerFactory;   //!< RoutingTableManager
    ObjectFactory m_connectedFactory; //!< RtmConnectedAgent
    ObjectFactory m_staticFactory;    //!< RtmStaticAgent
    bool m_connectedEnabled;          //!< install a connected agent
};

} // namespace ns3

#endif /* RTM_HELPER_H */
