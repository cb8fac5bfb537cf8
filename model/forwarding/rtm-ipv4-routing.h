/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef RTM_IPV4_ROUTING_H
#define RTM_IPV4_ROUTING_H

#include "rtm-ipv4-drop-reason.h"

#include "ns3/ipv4-header.h"
#include "ns3/ipv4-interface-address.h"
#include "ns3/ipv4-route.h"
#include "ns3/ipv4-routing-protocol.h"
#include "ns3/ipv4.h"
#include "ns3/routing-table-manager.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace ns3
{

namespace rtmdetail
{
/**
 * @ingroup rtm
 * @brief The parameter types of a member function, as a std::tuple.
 *
 * ns-3.39 changed Ipv4RoutingProtocol::RouteInput to take its four callbacks as const
 * references; ns-3.37 takes them by value. Deducing the types from the base class keeps one
 * source valid on both.
 */
template <typename T>
struct MemberFunctionArgs;

/// Specialization for non-const member functions.
template <typename C, typename R, typename... A>
struct MemberFunctionArgs<R (C::*)(A...)>
{
    using Type = std::tuple<A...>; //!< the parameter types
};

/// Parameter types of Ipv4RoutingProtocol::RouteInput in the ns-3 in use.
using RouteInputArgs = MemberFunctionArgs<decltype(&Ipv4RoutingProtocol::RouteInput)>::Type;
} // namespace rtmdetail

/**
 * @ingroup rtm
 * @brief The forwarding plane of the RTM: an Ipv4RoutingProtocol that forwards along the best
 * IP routes of the node's RoutingTableManager.
 *
 * Every decision is one longest-prefix match over the manager's best routes
 * (RoutingTableManager::LookupIpDestination, the lookup of RtmLookupIPDestination). RR_InterfaceID
 * is the ns-3 IPv4 interface index and a next hop of 0.0.0.0 means on-link: the Ipv4Route then
 * carries gateway 0.0.0.0, which Ipv4L3Protocol (as for Ipv4StaticRouting's connected routes)
 * resolves to the packet's destination.
 *
 * The forwarder is a client of the manager like the RTMv1 forwarders: it listens to the
 * manager's BestRouteChange trace source and keeps one Ptr<Ipv4Route> per network that carried
 * traffic, dropped when that network's best route changes and rebuilt on the next packet. Routes
 * are never modified once handed out, so a change takes effect on the very next packet and the
 * per-packet work is one LPM lookup and one hash lookup, with no allocation.
 *
 * It works as the node's only routing protocol (it then delivers local packets itself, unicast,
 * subnet-directed and limited broadcast and multicast, and reports "no route" through the error
 * callback) and inside an Ipv4ListRouting (which delivers local packets itself; a miss returns
 * false so the next protocol is asked). Broadcast and multicast packets are never forwarded.
 *
 * The Ipv4 interface notifications are re-published on trace sources (InterfaceUp,
 * InterfaceDown, AddressAdded, AddressRemoved) so that agents such as RtmConnectedAgent follow
 * the interfaces.
 */
class RtmIpv4Routing : public Ipv4RoutingProtocol
{
  public:
    /// Type of the unicast forward callback parameter of RouteInput in this ns-3.
    using UcbParam = std::tuple_element_t<3, rtmdetail::RouteInputArgs>;
    /// Type of the multicast forward callback parameter of RouteInput in this ns-3.
    using McbParam = std::tuple_element_t<4, rtmdetail::RouteInputArgs>;
    /// Type of the local delivery callback parameter of RouteInput in this ns-3.
    using LcbParam = std::tuple_element_t<5, rtmdetail::RouteInputArgs>;
    /// Type of the error callback parameter of RouteInput in this ns-3.
    using EcbParam = std::tuple_element_t<6, rtmdetail::RouteInputArgs>;

    /// Why a packet was not routed (the Drop trace source).
    using DropReason = RtmIpv4DropReason;

    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    RtmIpv4Routing();
    ~RtmIpv4Routing() override;

    // Ipv4RoutingProtocol
    Ptr<Ipv4Route> RouteOutput(Ptr<Packet> p,
                               const Ipv4Header& header,
                               Ptr<NetDevice> oif,
                               Socket::SocketErrno& sockerr) override;
    bool RouteInput(Ptr<const Packet> p,
                    const Ipv4Header& header,
                    Ptr<const NetDevice> idev,
                    UcbParam ucb,
                    McbParam mcb,
                    LcbParam lcb,
                    EcbParam ecb) override;
    void NotifyInterfaceUp(uint32_t interface) override;
    void NotifyInterfaceDown(uint32_t interface) override;
    void NotifyAddAddress(uint32_t interface, Ipv4InterfaceAddress address) override;
    void NotifyRemoveAddress(uint32_t interface, Ipv4InterfaceAddress address) override;
    void SetIpv4(Ptr<Ipv4> ipv4) override;
    void PrintRoutingTable(Ptr<OutputStreamWrapper> stream,
                           Time::Unit unit = Time::S) const override;

    /**
     * @brief Use this manager instead of the node's (RoutingTableManager::ForNode at SetIpv4).
     * @param rtm the manager
     */
    void SetRoutingTableManager(Ptr<RoutingTableManager> rtm);

    /// @return the manager (null before SetIpv4 or SetRoutingTableManager)
    Ptr<RoutingTableManager> GetRoutingTableManager() const;

    /// @return the Ipv4 this protocol serves (null before SetIpv4)
    Ptr<Ipv4> GetIpv4() const;

    /**
     * @brief The forwarding decision for a destination, as RouteOutput makes it.
     * @param destination the destination
     * @param oif the output device the route must use, or null for any
     * @param reason why there is no route (out, optional)
     * @return the route (shared: do not modify it), or null
     */
    Ptr<Ipv4Route> Lookup(Ipv4Address destination,
                          Ptr<NetDevice> oif = nullptr,
                          DropReason* reason = nullptr);

    /// @return true if this protocol is the node's routing protocol (not inside a list)
    bool IsStandalone() const;

    /// @return the number of cached routes
    std::size_t GetCacheSize() const;

    /// @return how many cached routes were built since creation (cache misses)
    uint64_t GetCacheBuilds() const;

    /**
     * @param protocol a protocol id
     * @return its short name for PrintRoutingTable ("local", "static", "ospf"...), or the
     *         number in decimal
     */
    static std::string ProtocolName(uint32_t protocol);

    /// TracedCallback signature for forwarded, delivered and originated packets.
    typedef void (*PacketTracedCallback)(const Ipv4Header& header,
                                         Ptr<const Packet> packet,
                                         uint32_t interface);
    /// TracedCallback signature for packets without a route.
    typedef void (*DropTracedCallback)(const Ipv4Header& header,
                                       Ptr<const Packet> packet,
                                       DropReason reason);
    /// TracedCallback signature for interface events.
    typedef void (*InterfaceTracedCallback)(uint32_t interface);
    /// TracedCallback signature for address events.
    typedef void (*AddressTracedCallback)(uint32_t interface, Ipv4InterfaceAddress address);

  protected:
    void DoDispose() override;

  private:
    /// One cached route: the best route of one network, as an Ipv4Route.
    struct CacheEntry
    {
        uint32_t interface;   //!< RR_InterfaceID it was built from
        Ipv4Address nextHop;  //!< next hop it was built from
        Ptr<Ipv4Route> route; //!< the route handed out
    };

    /**
     * @brief Called for every best-route change of the manager.
     * @param change the change
     */
    void BestRouteChanged(const RtmChange& change);

    /// Connect to the manager's BestRouteChange trace source.
    void Connect();
    /// Disconnect from it.
    void Disconnect();
    /// Re-read interface states and addresses; drop every cached route.
    void RefreshInterfaces();

    /**
     * @brief Slow path for a socket bound to a device whose best route uses another interface:
     * the longest best route through that device.
     * @param destination the destination
     * @param interface the interface index of oif
     * @return the route, or null
     */
    Ptr<Ipv4Route> LookupThrough(Ipv4Address destination, uint32_t interface);

    /**
     * @brief Build the Ipv4Route for a best route.
     * @param network the network address
     * @param interface the interface index
     * @param nextHop the next hop (0.0.0.0: on-link)
     * @return the route
     */
    Ptr<Ipv4Route> BuildRoute(Ipv4Address network, uint32_t interface, Ipv4Address nextHop);

    Ptr<Ipv4> m_ipv4;                                 //!< the node's Ipv4
    Ptr<RoutingTableManager> m_rtm;                   //!< the manager
    bool m_connected;                                 //!< connected to BestRouteChange
    std::unordered_map<uint64_t, CacheEntry> m_cache; //!< network key -> route
    std::vector<bool> m_up;                           //!< interface index -> up
    std::unordered_set<uint32_t> m_broadcasts;        //!< subnet-directed broadcasts, host order
    uint64_t m_builds;                                //!< cache misses
    bool m_respectInterfaceState;                     //!< attribute RespectInterfaceState

    TracedCallback<const Ipv4Header&, Ptr<const Packet>, uint32_t> m_forwardTrace; //!< forwarded
    TracedCallback<const Ipv4Header&, Ptr<const Packet>, uint32_t> m_localTrace;   //!< delivered
    TracedCallback<const Ipv4Header&, Ptr<const Packet>, uint32_t> m_outputTrace;  //!< originated
    TracedCallback<const Ipv4Header&, Ptr<const Packet>, DropReason> m_dropTrace;  //!< no route
    TracedCallback<uint32_t> m_interfaceUpTrace;                                   //!< iface up
    TracedCallback<uint32_t> m_interfaceDownTrace;                                 //!< iface down
    TracedCallback<uint32_t, Ipv4InterfaceAddress> m_addressAddedTrace;            //!< address+
    TracedCallback<uint32_t, Ipv4InterfaceAddress> m_addressRemovedTrace;          //!< address-
};

} // namespace ns3

#endif /* RTM_IPV4_ROUTING_H */
