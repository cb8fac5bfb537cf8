/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef RTM_STATIC_AGENT_H
#define RTM_STATIC_AGENT_H

#include "rtm-agent.h"

#include "ns3/ipv4-address.h"

#include <cstdint>
#include <map>
#include <tuple>
#include <vector>

namespace ns3
{

/**
 * @ingroup rtm
 * @brief The RTM client for routes the scenario configures (PROTO_IP_NT_STATIC = 10006).
 *
 * The agent keeps the configured routes (network routes, host routes, default routes) and holds
 * them in the node's RoutingTableManager while it is started. Routes configured while stopped
 * are installed at Start; Stop deregisters the client, so its routes vanish from the manager
 * (the configuration is kept for the next Start).
 *
 * With FollowInterfaceState (the default) a route whose interface is down is kept but disabled
 * (RoutingTableManager::BlockSetRouteEnable), so the next best route of the network (or a less
 * specific one) takes over; it is enabled again when the interface comes up. Interface events
 * come from an attached RtmIpv4Routing or from calls to the Notify* methods.
 */
class RtmStaticAgent : public RtmAgent
{
  public:
    static constexpr uint32_t PROTOCOL = 10006; //!< PROTO_IP_NT_STATIC

    /// One configured route.
    struct StaticRoute
    {
        Ipv4Address network; //!< destination network (already masked)
        Ipv4Mask mask;       //!< destination mask
        Ipv4Address nextHop; //!< next hop, 0.0.0.0 for on-link
        uint32_t interface;  //!< IPv4 interface index
        uint32_t metric;     //!< FSD_Metric
    };

    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    RtmStaticAgent();
    ~RtmStaticAgent() override;

    /**
     * @brief Configure a network route (an existing one with the same network, mask, next hop
     * and interface gets the new metric). The network is masked first.
     * @param network the destination network
     * @param mask the destination mask (contiguous)
     * @param nextHop the next hop, 0.0.0.0 for a network on the interface's link
     * @param interface the IPv4 interface index
     * @param metric FSD_Metric
     * @return Success, or the manager's error (InvalidParameter for a non-contiguous mask)
     */
    RtmError AddNetworkRoute(Ipv4Address network,
                             Ipv4Mask mask,
                             Ipv4Address nextHop,
                             uint32_t interface,
                             uint32_t metric = 1);

    /**
     * @brief Configure a host route (mask 255.255.255.255).
     * @param destination the host
     * @param nextHop the next hop, 0.0.0.0 for on-link
     * @param interface the IPv4 interface index
     * @param metric FSD_Metric
     * @return as AddNetworkRoute
     */
    RtmError AddHostRoute(Ipv4Address destination,
                          Ipv4Address nextHop,
                          uint32_t interface,
                          uint32_t metric = 1);

    /**
     * @brief Configure a default route (0.0.0.0/0).
     * @param nextHop the next hop
     * @param interface the IPv4 interface index
     * @param metric FSD_Metric
     * @return as AddNetworkRoute
     */
    RtmError SetDefaultRoute(Ipv4Address nextHop, uint32_t interface, uint32_t metric = 1);

    /**
     * @brief Remove a configured route.
     * @param network the destination network
     * @param mask the destination mask
     * @param nextHop the next hop
     * @param interface the interface index
     * @return false if no such route is configured
     */
    bool RemoveRoute(Ipv4Address network, Ipv4Mask mask, Ipv4Address nextHop, uint32_t interface);

    /// @return the number of configured routes
    uint32_t GetNRoutes() const;

    /**
     * @param i an index below GetNRoutes()
     * @return the i-th configured route
     */
    StaticRoute GetRoute(uint32_t i) const;

    /**
     * @brief An interface came up: enable its routes.
     * @param interface the interface index
     */
    void NotifyInterfaceUp(uint32_t interface) override;

    /**
     * @brief An interface went down: disable its routes.
     * @param interface the interface index
     */
    void NotifyInterfaceDown(uint32_t interface) override;

    uint32_t GetProtocol() const override;
    std::string GetProtocolName() const override;

  protected:
    void DoDispose() override;
    void StartProtocol() override;

  private:
    /**
     * @brief Put one configured route into the manager.
     * @param r the route
     * @return the manager's status
     */
    RtmError Install(const StaticRoute& r);

    /**
     * @param interface an interface index
     * @return true if the node has that interface and it is down
     */
    bool IsKnownDown(uint32_t interface) const;

    /**
     * @brief Enable or disable the agent's routes of an interface.
     * @param interface the interface
     * @param enable the state
     * @param oneNetwork restrict to one network
     * @param network the network key if oneNetwork
     */
    void SetEnabled(uint32_t interface, bool enable, bool oneNetwork, uint64_t network);

    /// Identity of a configured route: network key, next hop, interface.
    using Key = std::tuple<uint64_t, uint32_t, uint32_t>;

    /**
     * @param r a route
     * @return its identity
     */
    static Key KeyOf(const StaticRoute& r);

    std::vector<StaticRoute> m_routes;  //!< configuration
    std::map<Key, std::size_t> m_index; //!< identity -> position in m_routes
    bool m_followInterfaceState;        //!< attribute FollowInterfaceState
};

} // namespace ns3

#endif /* RTM_STATIC_AGENT_H */
