/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef RTM_IPV4_AGENT_H
#define RTM_IPV4_AGENT_H

#include "ns3/routing-table-manager.h"

#include "ns3/ipv4-interface-address.h"
#include "ns3/object.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <string>

namespace ns3
{

class Node;
class RtmIpv4Routing;

/**
 * @ingroup rtm
 * @brief What the node-local RTM clients share (the connected and static agents): a node, one
 * IP client of the node's RoutingTableManager between Start and Stop, and the interface events
 * of an RtmIpv4Routing they follow.
 *
 * Subclasses name their protocol id (GetProtocol), install their routes in DoStart, and react to
 * the interface events they care about by overriding the Notify* methods (no-ops here).
 */
class RtmIpv4Agent : public Object
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    RtmIpv4Agent();
    ~RtmIpv4Agent() override;

    /**
     * @brief Set the node (otherwise: the node the agent is aggregated to).
     * @param node the node
     */
    void SetNode(Ptr<Node> node);

    /// @return the node
    Ptr<Node> GetNode() const;

    /**
     * @brief Follow the interface events of a forwarder (its InterfaceUp, InterfaceDown,
     * AddressAdded and AddressRemoved trace sources).
     * @param routing the forwarder
     */
    void Attach(Ptr<RtmIpv4Routing> routing);

    /// Stop following the forwarder's interface events.
    void Detach();

    /**
     * @brief Register the agent's protocol with the node's manager and install its routes.
     * @return Success, or the RegisterClient error (AlreadyExists if another client holds the
     *         protocol id)
     */
    RtmError Start();

    /// Deregister (the manager deletes every route of the agent).
    void Stop();

    /// @return true between a successful Start and Stop
    bool IsStarted() const;

    /// @return the client token (0 when stopped)
    RoutingTableManager::ClientId GetClientId() const;

    /**
     * @brief An interface came up.
     * @param interface the interface index
     */
    virtual void NotifyInterfaceUp(uint32_t interface);

    /**
     * @brief An interface went down.
     * @param interface the interface index
     */
    virtual void NotifyInterfaceDown(uint32_t interface);

    /**
     * @brief An address was added.
     * @param interface the interface index
     * @param address the address
     */
    virtual void NotifyAddAddress(uint32_t interface, Ipv4InterfaceAddress address);

    /**
     * @brief An address was removed.
     * @param interface the interface index
     * @param address the address
     */
    virtual void NotifyRemoveAddress(uint32_t interface, Ipv4InterfaceAddress address);

  protected:
    void DoDispose() override;
    void NotifyNewAggregate() override;

    /// @return the protocol id the agent registers
    virtual uint32_t GetProtocol() const = 0;

    /// @return the protocol's name, for messages
    virtual std::string GetProtocolName() const = 0;

    /// Install the agent's routes, right after a successful registration.
    virtual void DoStart() = 0;

    /// Forget per-client state, right after deregistration (the routes are already gone).
    virtual void DoStop();

    Ptr<Node> m_node;                       //!< the node
    Ptr<RoutingTableManager> m_rtm;         //!< the manager while started
    RoutingTableManager::ClientId m_client; //!< client token, 0 when stopped

  private:
    Ptr<RtmIpv4Routing> m_routing; //!< the forwarder followed
};

} // namespace ns3

#endif /* RTM_IPV4_AGENT_H */
