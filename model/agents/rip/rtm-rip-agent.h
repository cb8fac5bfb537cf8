/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef RTM_RIP_AGENT_H
#define RTM_RIP_AGENT_H

#include "rtm-rip-drop-reason.h"
#include "rtm-rip-header.h"

#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv4-interface-address.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/ptr.h"
#include "ns3/rtm-agent.h"
#include "ns3/traced-callback.h"

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <ostream>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{

class Ipv4;
class Node;
class Packet;
class RtmIpv4Routing;
class Socket;
class UdpL4Protocol;
class UniformRandomVariable;

/**
 * @ingroup rtm
 * @brief A RIPv2 distance-vector routing protocol (RFC 2453) written as an RTMv1 client
 * (PROTO_IP_RIP = 8).
 *
 * The agent keeps its routes in the node's RoutingTableManager, not in a table of its own:
 *
 * - A route learned from a neighbour is added with RtmAddRoute (FSD_Metric = RIP metric, next
 *   hop = the neighbour, RR_InterfaceID = the interface it came in on) and a time to live equal
 *   to TimeoutDelay. Every update from the same neighbour adds it again, which restarts its time
 *   to live; when no update comes, the RTM ages the route out and the agent learns it from its
 *   change queue. One route per network: a better route from another neighbour replaces it.
 * - Its change signal callback drains its queue (RtmDequeueRouteChangeMessage) and, for every
 *   network named, reads the network's best route (RtmIsRoute). The agent's view is the RTM's
 *   best routes, whatever protocol owns them: its own routes are advertised with their metric,
 *   directly connected networks (PROTO_IP_LOCAL) with the metric of their interface and routes
 *   of other protocols (static, OSPF...) with RedistributeMetric. The RTM decides between
 *   protocols with its priorities.
 * - A network whose best route disappears is advertised with metric infinity for
 *   GarbageCollectionDelay, then forgotten (RFC 2453 3.8 deletion process).
 * - The agent keeps no table of its own: what it advertises is read from the RTM's best routes
 *   when an update is sent, its learned route of a network is the RTM's route of PROTO_IP_RIP
 *   for it. Its only per-network state is the list of networks changed since the last triggered
 *   update and the list of withdrawn networks in garbage collection.
 *
 * Transport: UDP port 520, one socket per node. Messages are sent through the node's
 * UdpL4Protocol from (interface address, 520), as a socket bound to that address would send
 * them: updates go to the interface's subnet-directed broadcast address, which Ipv4L3Protocol
 * sends out of that interface without consulting the routing protocol (RIPv2's multicast group
 * 224.0.0.9 would need a multicast route from the forwarder for each interface). The socket,
 * bound to (0.0.0.0, 520) without a device, receives the broadcasts and what is sent to any
 * address of the node on port 520; the interface a datagram came in on is read from its
 * Ipv4PacketInfoTag, and datagrams of interfaces RIP does not run on are ignored, as if no socket
 * listened there. Interfaces with only a /32 address cannot be used.
 *
 * Updates: periodic (UnsolicitedRoutingUpdate, jittered by +-PeriodicJitter) and triggered (a
 * change schedules one update of the changed networks after a random delay in
 * [MinTriggeredUpdateDelay, MaxTriggeredUpdateDelay]); at most 25 RTEs per message. Split
 * horizon: none, simple, or with poisoned reverse (attribute SplitHorizon); it applies to the
 * agent's own routes. On start the agent asks every neighbour for its whole table.
 *
 * Input checks: every received message is checked before anything is applied; a message with
 * any problem is dropped whole, counted (GetDropCount, attribute DroppedPackets) and reported on
 * the DroppedPacket trace source with its reason. See RtmRipDropReason for the order of the checks.
 *
 * Start() registers with the node's RTM and begins; Stop() deregisters (the RTM deletes the
 * agent's routes and tells the other clients and the forwarder). Both can be called at any time
 * during a simulation, and Start() again after Stop().
 */
class RtmRipAgent : public RtmAgent
{
  public:
    static constexpr uint32_t PROTOCOL = 8;       //!< PROTO_IP_RIP
    static constexpr uint32_t PROTO_IP_LOCAL = 2; //!< directly connected networks

    /// Split horizon (attribute SplitHorizon).
    enum SplitHorizon
    {
        NO_SPLIT_HORIZON = 0, //!< advertise every route on every interface
        SPLIT_HORIZON = 1,    //!< omit routes on the interface they were learned from
        POISON_REVERSE = 2,   //!< advertise them there with metric infinity
    };

    /// Why a received message was dropped (RtmRipDropReason; the old name inside the class).
    using DropReason = RtmRipDropReason;

    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    RtmRipAgent();
    ~RtmRipAgent() override;

    uint32_t GetProtocol() const override;
    std::string GetProtocolName() const override;

    /// @return the Infinity attribute (16 unless set)
    uint32_t GetInfinity() const override;

    /**
     * @brief The receive path after the socket: check a message and apply it. Public so that
     * tests can feed crafted messages; sockets call it for every datagram received.
     * @param packet the UDP payload
     * @param source the sender's address
     * @param sourcePort the sender's UDP port
     * @param interface the IPv4 interface it arrived on
     * @return true if accepted, false if dropped
     */
    bool HandleDatagram(Ptr<const Packet> packet,
                        Ipv4Address source,
                        uint16_t sourcePort,
                        uint32_t interface);

    /// @return messages dropped, all reasons
    uint64_t GetDroppedPackets() const;
    /**
     * @param reason a reason
     * @return messages dropped for it
     */
    uint64_t GetDropCount(DropReason reason) const;
    /// @return messages accepted
    uint64_t GetReceivedPackets() const;
    /// @return messages sent
    uint64_t GetSentPackets() const;
    /// @return triggered updates sent (one per update, whatever the number of messages)
    uint64_t GetTriggeredUpdates() const;
    /// @return periodic updates sent
    uint64_t GetPeriodicUpdates() const;
    /// @return the number of routes learned from neighbours and held in the RTM
    std::size_t GetNRoutes() const;
    /// @return the number of networks advertised (with garbage ones, at infinity)
    std::size_t GetNAdvertised() const;
    /// @return when the next periodic update is due (zero when stopped)
    Time GetNextPeriodicUpdate() const;

    /**
     * @brief Print the agent's view: network, advertised metric, origin, next hop.
     * @param os the stream
     */
    void Print(std::ostream& os) const;

    /// TracedCallback signature of DroppedPacket.
    typedef void (*DropTracedCallback)(Ptr<const Packet> packet,
                                       Ipv4Address source,
                                       uint32_t interface,
                                       DropReason reason);

  protected:
    void DoDispose() override;
    bool WantsRouteChanges() const override;
    RtmError CanStart() const override;
    std::string GetStartProblem() const override;
    void StartProtocol() override;
    void StartInContext() override;
    void StopProtocol() override;
    void ForgetState() override;
    void InterfaceOpened(uint32_t interface, const Ipv4InterfaceAddress& address) override;
    void InterfaceClosed(uint32_t interface) override;
    void InterfacesSynced(bool changed) override;
    void InterfaceEvent(uint32_t interface) override;
    void ChangeSignal() override;
    void RouteChanged(const RtmChange& change) override;
    uint32_t GetDefaultInterfaceMetric(uint32_t interface) const override;
    uint32_t GetMaxInterfaceMetric() const override;
    void InterfaceMetricChanged(uint32_t interface) override;

  private:
    /**
     * @brief How a network is advertised. The agent keeps no table of its own: this is derived
     * from the RTM's best route of the network (or from the garbage list) whenever needed.
     */
    struct Advert
    {
        uint64_t key{0};     //!< network
        uint16_t iface{0};   //!< interface of the best route
        uint8_t metric{0};   //!< metric advertised (0: not advertised)
        uint8_t mine{0};     //!< 1 if the best route is the agent's own (split horizon applies)
        uint16_t tag{0};     //!< route tag advertised (the learned one for the agent's own)
        uint32_t nextHop{0}; //!< next hop of the best route (0: on-link)

        /// @param o another advert
        /// @return true if both advertise the same thing
        bool Same(const Advert& o) const
        {
            return metric == o.metric &&
                   (metric == 0 || (iface == o.iface && mine == o.mine && tag == o.tag));
        }
    };

    /// An interface RIP runs on.
    struct Interface
    {
        Ipv4Address local;     //!< the address used
        Ipv4Mask mask;         //!< its mask
        Ipv4Address broadcast; //!< subnet-directed broadcast
    };

    /// Re-read the node's own addresses and connected networks.
    void RefreshOwnAddresses();
    /// Open the sockets of an interface.
    /// @param index the interface
    /// @param address the address used
    void OpenInterface(uint32_t index, const Ipv4InterfaceAddress& address);
    /// Close an interface and withdraw the routes learned through it.
    /// @param index the interface
    void CloseInterface(uint32_t index);
    /// Socket receive callback.
    /// @param socket the socket
    void Receive(Ptr<Socket> socket);
    /// Apply a checked response.
    /// @param message the message
    /// @param source the sender
    /// @param interface the receiving interface
    void HandleResponse(const RtmRipHeader& message, Ipv4Address source, uint32_t interface);
    /// Answer a checked request.
    /// @param message the message
    /// @param source the sender
    /// @param sourcePort its port
    /// @param interface the receiving interface
    void HandleRequest(const RtmRipHeader& message,
                       Ipv4Address source,
                       uint16_t sourcePort,
                       uint32_t interface);
    /// Apply one RTE (RFC 2453 3.9.2).
    /// @param key network
    /// @param nextHop next hop
    /// @param interface receiving interface
    /// @param metric metric with the interface cost added
    void Learn(uint64_t key,
               Ipv4Address nextHop,
               uint32_t interface,
               uint32_t metric,
               uint16_t tag);
    /// Delete the learned route of a network from the RTM.
    /// @param key network
    void Withdraw(uint64_t key);
    /// After a best-route change of a network: queue it for the triggered update if what is
    /// advertised changed; start or end its garbage collection.
    /// @param key network
    /// @param before the advert before the change
    void NoteChange(uint64_t key, const Advert& before);
    /// @param change a best-route change (of an RTM call or of the change queue)
    /// @return the advert of its previous best route
    Advert PreviousAdvert(const RtmChange& change) const;
    /// @param best a best route
    /// @return its advert (metric 0: not advertised)
    Advert AdvertOf(const RtmRoute& best) const;
    /// @param key network
    /// @return what is advertised for it now (garbage: infinity; metric 0: nothing)
    Advert CurrentAdvert(uint64_t key) const;
    /// @param key network
    /// @param route the agent's route of the network in the RTM (out)
    /// @return false if the RTM holds none
    bool FindOwnRoute(uint64_t key, RtmRoute* route) const;
    /// Read routes from the RTM (a snapshot enumeration).
    /// @param flags RtmTable::ONLY_* flags
    /// @param criteria the criteria
    /// @return the routes
    std::vector<RtmRoute> Enumerate(uint32_t flags, const RtmRoute& criteria) const;
    /// Visit routes of the RTM (a snapshot enumeration), without copying them all first.
    /// @param flags RtmTable::ONLY_* flags
    /// @param criteria the criteria
    /// @param visit called for each route
    void ForEachRoute(uint32_t flags,
                      const RtmRoute& criteria,
                      const std::function<void(const RtmRoute&)>& visit) const;
    /// Collect what an update advertises.
    /// @param full every network, or only the changed ones
    /// @return the adverts
    std::vector<Advert> CollectAdverts(bool full);
    /// @param best a best route
    /// @param metric the metric to advertise it with (out)
    /// @return false if it is not advertised
    bool AdvertisedMetric(const RtmRoute& best, uint8_t* metric) const;
    /// Queue a network for the next triggered update.
    /// @param key network
    void MarkChanged(uint64_t key);
    /// Cancel the stored timers and let go of their events (they do not hold the agent).
    void CancelTimers();
    /// Schedule a triggered update unless one is pending.
    void ScheduleTriggered();
    /// Schedule the next garbage collection.
    void ScheduleGc();
    /// Forget the networks whose garbage collection ended.
    void RunGc();
    /// Schedule the next periodic update.
    void SchedulePeriodic();
    /// Send the whole table on every interface.
    void PeriodicUpdate();
    /// Send the changed networks on every interface.
    void TriggeredUpdate();
    /// Ask every neighbour for its table.
    void StartupRequest();
    /// Send an update on every interface.
    /// @param full the whole table, or only the changed networks
    void SendUpdate(bool full);
    /// Send adverts on one interface, split horizon applied.
    /// @param interface the interface
    /// @param adverts what to advertise
    /// @param to the destination
    /// @param port its port
    /// @param poisonAll advertise everything at infinity
    void SendTable(uint32_t interface,
                   const std::vector<Advert>& adverts,
                   Ipv4Address to,
                   uint16_t port,
                   bool poisonAll);
    /// Send one message.
    /// @param interface the interface
    /// @param message the message
    /// @param to the destination
    /// @param port its port
    void SendMessage(uint32_t interface,
                     const RtmRipHeader& message,
                     Ipv4Address to,
                     uint16_t port);
    /// Send a whole-table request.
    /// @param interface the interface
    void SendRequest(uint32_t interface);

    /**
     * @brief An empty message, with the authentication entry when a password is set.
     * @param command the command
     * @return the message
     */
    RtmRipHeader NewMessage(RtmRipHeader::Command command) const;

    /**
     * @brief Whether a parsed message passes authentication (RFC 2453 4.1).
     * @param message the message
     * @return true with the right password, or with none when the agent has none
     */
    bool IsAuthentic(const RtmRipHeader& message) const;
    /// @param address an address
    /// @return true if it is one of the node's
    bool IsOwnAddress(Ipv4Address address) const;
    /// @param key a network
    /// @return true if it is the network of one of the node's addresses
    bool IsOwnSubnet(uint64_t key) const;
    /// @param interface an interface
    /// @param address an address
    /// @return true if the address is a host of one of the interface's subnets
    bool OnLink(uint32_t interface, Ipv4Address address) const;
    /// Count and trace a dropped message.
    /// @param packet the message
    /// @param source the sender
    /// @param interface the receiving interface
    /// @param reason why
    void Drop(Ptr<const Packet> packet, Ipv4Address source, uint32_t interface, DropReason reason);
    /// @return the simulation time in nanoseconds
    static int64_t NowNs();

    std::vector<uint64_t> m_changed;        //!< networks for the next triggered update
    std::map<uint64_t, int64_t> m_garbage;  //!< withdrawn network -> end of its GC (ns)
    std::map<uint32_t, Interface> m_active; //!< interfaces RIP runs on
    Ptr<Socket> m_recv;       //!< bound to (any, 520), no device: receives for every interface
    Ptr<UdpL4Protocol> m_udp; //!< the node's UDP, to send from (interface address, 520)
    std::vector<uint32_t> m_ownAddresses; //!< every address of the node (host order)
    std::vector<uint64_t> m_ownSubnets;   //!< every connected network key of the node
    // The stored timers are scheduled with a plain pointer to the agent (an event holding a
    // Ptr while the agent holds its EventId would be a reference cycle); DoDispose and the
    // destructor cancel them.
    EventId m_periodicEvent;  //!< next periodic update
    EventId m_triggeredEvent; //!< pending triggered update
    EventId m_gcEvent;        //!< next garbage collection
    EventId m_startupEvent;   //!< startup requests

    // attributes
    Time m_period;               //!< UnsolicitedRoutingUpdate
    Time m_jitter;               //!< PeriodicJitter
    Time m_startupDelay;         //!< StartupDelay
    Time m_timeout;              //!< TimeoutDelay
    Time m_gcDelay;              //!< GarbageCollectionDelay
    Time m_minTriggered;         //!< MinTriggeredUpdateDelay
    Time m_maxTriggered;         //!< MaxTriggeredUpdateDelay
    SplitHorizon m_splitHorizon; //!< SplitHorizon
    uint32_t m_infinity;         //!< Infinity
    std::string m_password;      //!< AuthenticationPassword
    uint32_t m_defaultMetric;    //!< DefaultInterfaceMetric
    bool m_redistConnected;      //!< RedistributeConnected
    bool m_redistOther;          //!< RedistributeOther
    uint32_t m_redistMetric;     //!< RedistributeMetric
    bool m_poisonOnStop;         //!< PoisonOnStop
    bool m_starting;             //!< started, startup requests not sent yet

    // counters
    std::array<uint64_t, static_cast<size_t>(RtmRipDropReason::Count)>
        m_drops;          //!< drops per reason
    uint64_t m_received;  //!< accepted messages
    uint64_t m_sent;      //!< sent messages
    uint64_t m_triggered; //!< triggered updates
    uint64_t m_periodic;  //!< periodic updates

    TracedCallback<Ptr<const Packet>, Ipv4Address, uint32_t, DropReason> m_dropTrace; //!< drops
};

} // namespace ns3

#endif /* RTM_RIP_AGENT_H */
