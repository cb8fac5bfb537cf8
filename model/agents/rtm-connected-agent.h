/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef RTM_CONNECTED_AGENT_H
#define RTM_CONNECTED_AGENT_H

#include "rtm-agent.h"

#include <cstdint>
#include <map>
#include <set>

namespace ns3
{

/**
 * @ingroup rtm
 * @brief The RTM client for directly connected networks (PROTO_IP_LOCAL = 2).
 *
 * For every address of every interface that is up it keeps one route in the node's
 * RoutingTableManager: the address's network and mask, next hop 0.0.0.0 (on-link) and that
 * interface (RR_InterfaceID = the ns-3 IPv4 interface index). Addresses with a /32 mask give no
 * route (as in Ipv4StaticRouting). The loopback interface's 127.0.0.0/8 route is kept by default
 * (attribute IncludeLoopback), so that traffic to 127.0.0.1 works as with Ipv4StaticRouting.
 *
 * The routes follow the interfaces: an interface going down or losing an address withdraws its
 * routes; coming up or gaining an address restores them. The agent learns of these events from
 * an RtmIpv4Routing it is attached to (Attach), or from whoever calls its Notify* methods. Which
 * addresses count is RtmAgent's rule of usable interfaces (RtmAgent::GetUsableAddresses).
 *
 * Start registers the client (and installs the routes); Stop deregisters it, which deletes its
 * routes. The agent is meant to be aggregated to its node (one per node).
 */
class RtmConnectedAgent : public RtmAgent
{
  public:
    static constexpr uint32_t PROTOCOL = 2; //!< PROTO_IP_LOCAL

    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    RtmConnectedAgent();
    ~RtmConnectedAgent() override;

    /// @return the number of routes the agent holds in the manager
    std::size_t GetNRoutes() const;

    /// Bring the routes of every interface in line with the Ipv4 state.
    void Resync();

    uint32_t GetProtocol() const override;
    std::string GetProtocolName() const override;

  protected:
    bool RunsOnLoopback() const override;
    void StartProtocol() override;
    void ForgetState() override;
    void InterfaceEvent(uint32_t interface) override;

  private:
    /**
     * @brief Bring the routes of one interface in line with its state and addresses.
     * @param interface the interface index
     */
    void Sync(uint32_t interface);

    std::map<uint32_t, std::set<uint64_t>> m_installed; //!< interface -> network keys
    uint32_t m_metric;                                  //!< attribute Metric
    bool m_includeLoopback;                             //!< attribute IncludeLoopback
};

} // namespace ns3

#endif /* RTM_CONNECTED_AGENT_H */
