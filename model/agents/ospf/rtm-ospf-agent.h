/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#ifndef RTM_OSPF_AGENT_H
#define RTM_OSPF_AGENT_H

#include "rtm-ospf-drop-reason.h"
#include "rtm-ospf-interface-state.h"
#include "rtm-ospf-interface-type.h"
#include "rtm-ospf-lsdb.h"
#include "rtm-ospf-neighbor-state.h"
#include "rtm-ospf-packet.h"
#include "rtm-ospf-retransmit-list.h"

#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-interface-address.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/ptr.h"
#include "ns3/routing-table-manager.h"
#include "ns3/rtm-agent.h"
#include "ns3/traced-callback.h"

#include <array>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace ns3
{

class Ipv4;
class Node;
class Packet;
class Socket;
class UniformRandomVariable;

/**
 * @ingroup rtm
 * @brief A link-state routing agent (a small OSPF) that is a client of the node's
 * RoutingTableManager: PROTO_IP_OSPF (13), registered with RTM_PROTOCOL_SINGLE_ROUTE.
 *
 * It is OSPFv2 (RFC 2328) on the wire, single area (the backbone, 0.0.0.0), point-to-point and
 * broadcast interfaces, null authentication; doc/rtm.rst says what is left out.
 * - **Transport**: IP protocol 89 through one raw IPv4 socket (Ipv4RawSocketFactory) per
 *   interface, bound to the interface's device; on a point-to-point interface every packet goes
 *   to AllSPFRouters (224.0.0.5) with TTL 1, out of that device (the forwarder's RouteOutput
 *   gives a route for 224.0.0.x out of a bound device and delivers those groups locally).
 * - **Interface types** (attribute InterfaceType, SetInterfaceType per interface): Auto picks
 *   broadcast for a broadcast device on a channel of more than two devices
 *   (RtmOspfDetectInterfaceType), else point-to-point. A broadcast interface (RFC 2328 9) runs
 *   the interface state machine: Waiting for RouterDeadInterval (the Wait timer; ended early by
 *   BackupSeen), then the DR/BDR election (9.4, RtmOspfDrElection) on every NeighborChange,
 *   giving DR, Backup or DROther (a RouterPriority of 0 is never elected: DROther at once).
 *   Hellos carry the priority, DR and BDR. Adjacencies are formed with the DR and BDR only
 *   (AdjOK? on every DR/BDR change); other neighbours stay 2-Way. The DR and BDR flood and
 *   acknowledge to AllSPFRouters, DROthers to AllDRouters (224.0.0.6, received only while DR
 *   or BDR); DD packets, requests, their answers and retransmissions go unicast. The DR
 *   originates the network's network-LSA (type 2: the mask, itself and the fully adjacent
 *   routers), flushed when it stops being DR; the router-LSA has a transit link (type 2) for a
 *   broadcast interface Full with the DR (or DR with a Full neighbour), else a stub link.
 * - **Hellos and neighbours** (RFC 2328 9.5, 10.5): a hello every HelloInterval (less up to
 *   HelloJitter, random) lists the routers heard on the interface. The neighbour state machine
 *   (10.1-10.3) goes Down, Init (heard), 2-Way (it lists us), ExStart (master/slave negotiation:
 *   the higher router id is master), Exchange (DD packets with the I, M and MS bits and DD
 *   sequence numbers; the master retransmits, the slave answers duplicates), Loading (link-state
 *   requests for what the neighbour has newer, retransmitted) and Full; the NeighborState trace
 *   source reports every transition. A hello that stops listing us takes the neighbour back to
 *   Init; RouterDeadInterval without a hello forgets it (Down). HelloInterval and
 *   RouterDeadInterval (whole seconds on the wire), the network mask and the E option bit must
 *   match (else HelloMismatch); a DD announcing a larger MTU than the interface's is refused
 *   (MtuMismatch: no adjacency).
 * - **Router-LSAs** (RtmOspfLsa, A.4.2): a type-1 link to every Full point-to-point neighbour
 *   and a type-3 stub link for the network of every up interface (a transit one instead, see
 *   above), with the interface costs; originated at most every MinLsInterval, and refreshed
 *   every LsRefreshTime (network-LSAs with them).
 * - **Flooding, reliable** (13): a newer LSA is installed, flooded to the neighbours in Exchange
 *   or above on the other interfaces and acknowledged (batched, delayed acks); each LSA sent to a
 *   neighbour stays on that neighbour's retransmission list until acknowledged (explicitly, or
 *   implicitly by the same instance coming back) and is resent every RetransmitInterval. An
 *   older instance received is answered with ours.
 * - **Aging**: LSAs age on simulated time; at MaxAge they are flushed (flooded at MaxAge, left out
 *   of routing) and removed FlushHold later. Stop() flushes the router's own LSA.
 * - **SPF**: RtmOspfLsdb::ComputeShortestPaths (boost::dijkstra_shortest_paths over the two-way
 *   checked LSDB graph of routers and transit networks), run SpfDelay after a change and at most
 *   every SpfHoldTime.
 * - **RTM updates as differences**: the new route set (one route per remote stub network: the
 *   cheapest advertiser's distance plus the stub cost; one per remote transit network: its
 *   distance; next hop = a neighbour that starts a shortest path, across a transit network the
 *   neighbour's address there, the current one kept while it still does) is merged with the set
 * installed before: AddRoute only for new or changed networks, DeleteRoute only for vanished ones.
 *   Networks of the router's own up interfaces are left to the connected agent.
 * - **Bad input**: every received packet is checked completely (RtmOspfPacket::Decode, then
 *   neighbour and hello checks) before it is used; a refused packet is counted per reason and
 *   reported on the DroppedPacket trace source. An LSA that claims to be ours and is newer than
 *   ours is not installed: the agent originates a newer instance of its own instead; past
 *   MaxSequenceNumber the sequence wraps (12.1.6: flushed, then InitialSequenceNumber once the
 *   flush is acknowledged). At most MaxNeighborsPerInterface neighbours per interface (further
 *   ones: TooManyNeighbors, NeighborRefused), early hellos at most every TriggeredHelloInterval,
 *   and no packet larger than RtmOspfPacket::MAX_SIZE is sent (Stats::txOversized).
 *
 * Start() registers with the manager and brings the protocol up; Stop() flushes the router's
 * LSA, says goodbye (a hello listing nobody), closes the sockets and deregisters, so that its
 * routes vanish and the other clients and the forwarder hear of it. Both may be called at any
 * time during a simulation, any number of times.
 */
class RtmOspfAgent : public RtmAgent
{
  public:
    static constexpr uint32_t PROTO_IP_OSPF = 13; //!< routing protocol id (routprot.h)

    /// Values of the attribute InterfaceType (those of RtmOspfInterfaceType; a plain enum, as
    /// ns-3.37's EnumValue takes int).
    enum InterfaceTypeValue
    {
        TYPE_AUTO = 0,       //!< RtmOspfInterfaceType::Auto: from the device
        TYPE_POINT_TO_POINT, //!< RtmOspfInterfaceType::PointToPoint
        TYPE_BROADCAST,      //!< RtmOspfInterfaceType::Broadcast
    };

    /// A neighbour, as GetNeighbors reports it.
    struct NeighborInfo
    {
        Ipv4Address routerId;       //!< its router id
        Ipv4Address address;        //!< its interface address
        uint32_t interface;         //!< our interface index
        bool twoWay;                //!< it lists us in its hellos (state 2-Way or above)
        RtmOspfNeighborState state; //!< its state
        uint8_t priority;           //!< the router priority in its hellos
        Ipv4Address dr;             //!< the DR its hellos declare
        Ipv4Address bdr;            //!< the BDR its hellos declare
    };

    /// An interface, as GetInterfaces reports it.
    struct InterfaceInfo
    {
        uint32_t interface;          //!< interface index
        Ipv4Address address;         //!< its address
        RtmOspfInterfaceType type;   //!< PointToPoint or Broadcast
        RtmOspfInterfaceState state; //!< its state (9.1)
        uint8_t priority;            //!< router priority on it
        Ipv4Address dr;              //!< the DR (0.0.0.0: none, or point-to-point)
        Ipv4Address bdr;             //!< the BDR (0.0.0.0: none)
    };

    /// Counters since creation (not reset by Stop).
    struct Stats
    {
        uint64_t txPackets{0};         //!< packets sent
        uint64_t txBytes{0};           //!< bytes sent (OSPF packets, IPv4 header not counted)
        uint64_t txHellos{0};          //!< hellos sent
        uint64_t txDds{0};             //!< database descriptions sent
        uint64_t txRequests{0};        //!< link-state requests sent
        uint64_t txUpdates{0};         //!< LS updates sent
        uint64_t txAcks{0};            //!< LS acks sent
        uint64_t txLsas{0};            //!< LSAs sent in updates
        uint64_t retransmittedLsas{0}; //!< LSAs sent again for want of an ack
        uint64_t rxPackets{0};         //!< packets received (valid or not)
        uint64_t lsasInstalled{0};     //!< newer LSAs installed from neighbours
        uint64_t lsasOriginated{0};    //!< own LSAs originated
        uint64_t spfRuns{0};           //!< shortest-path computations
        uint64_t routeAdds{0};         //!< AddRoute calls (new or changed routes)
        uint64_t routeDeletes{0};      //!< DeleteRoute calls
        uint64_t rtmMessages{0};       //!< change messages dequeued from the manager
        uint64_t txOversized{0};       //!< packets not sent: larger than an IPv4 datagram holds
        uint64_t sequenceWraps{0};     //!< own LSA flushed at MaxSequenceNumber (12.1.6)
    };

    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    RtmOspfAgent();
    ~RtmOspfAgent() override;

    uint32_t GetProtocol() const override;
    std::string GetProtocolName() const override;

    /// @return the router id (0.0.0.0 before the first Start)
    Ipv4Address GetRouterId() const;

    /// @return the link-state database
    const RtmOspfLsdb& GetLsdb() const;

    /// @return the neighbours on every interface
    std::vector<NeighborInfo> GetNeighbors() const;

    /// @return the interfaces the protocol runs on
    std::vector<InterfaceInfo> GetInterfaces() const;

    /**
     * @brief Force the type of one interface (the attribute InterfaceType applies to the
     * others); takes effect when the interface (re)opens, e.g. at Start.
     * @param interface the IPv4 interface index
     * @param type its type (Auto: from the device)
     */
    void SetInterfaceType(uint32_t interface, RtmOspfInterfaceType type);

    /**
     * @brief Set the router priority of one interface (the attribute RouterPriority applies to
     * the others); takes effect when the interface (re)opens.
     * @param interface the IPv4 interface index
     * @param priority 0 (never DR or BDR) to 255
     */
    void SetRouterPriority(uint32_t interface, uint8_t priority);

    /// @return the counters
    const Stats& GetStats() const;

    /// @return the number of routes the agent has in the manager
    std::size_t GetInstalledRouteCount() const;

    /// @return packets dropped, all reasons
    uint64_t GetDropCount() const;

    /**
     * @param reason a reason
     * @return packets dropped for it
     */
    uint64_t GetDropCount(RtmOspfDropReason reason) const;

    /**
     * @brief Check that the database is consistent (RtmOspfLsdb::CheckConsistency), that the
     * manager holds as many routes of protocol 13 as the agent believes it installed and that
     * each leaves through an interface the agent runs on.
     * @param why what is wrong (out, optional)
     * @return true if consistent
     */
    bool CheckConsistency(std::string* why = nullptr) const;

    /// TracedCallback signature for dropped packets.
    typedef void (*DropTracedCallback)(Ptr<const Packet> packet,
                                       uint32_t interface,
                                       RtmOspfDropReason reason);
    /// TracedCallback signature for adjacency changes (Full reached or left).
    typedef void (*NeighborTracedCallback)(Ipv4Address routerId, uint32_t interface, bool up);
    /// TracedCallback signature for neighbour state transitions.
    typedef void (*NeighborStateTracedCallback)(Ipv4Address routerId,
                                                uint32_t interface,
                                                RtmOspfNeighborState oldState,
                                                RtmOspfNeighborState newState);
    /// TracedCallback signature for a hello refused at MaxNeighborsPerInterface.
    typedef void (*NeighborRefusedTracedCallback)(Ipv4Address routerId, uint32_t interface);
    /// TracedCallback signature for SPF runs: routes added or changed, routes deleted.
    typedef void (*SpfTracedCallback)(uint32_t changed, uint32_t deleted);
    /// TracedCallback signature for interface state transitions.
    typedef void (*InterfaceStateTracedCallback)(uint32_t interface,
                                                 RtmOspfInterfaceState oldState,
                                                 RtmOspfInterfaceState newState);

  protected:
    void DoDispose() override;
    uint32_t GetRegisterFlags() const override;
    bool WantsRouteChanges() const override;
    RtmError CanStart() const override;
    std::string GetStartProblem() const override;
    void StartInContext() override;
    void StopProtocol() override;
    void InterfaceOpened(uint32_t interface, const Ipv4InterfaceAddress& address) override;
    void InterfaceClosed(uint32_t interface) override;
    void InterfacesSynced(bool changed) override;
    void InterfaceEvent(uint32_t interface) override;
    void RouteChanged(const RtmChange& change) override;
    uint32_t GetDefaultInterfaceMetric(uint32_t interface) const override;
    uint32_t GetMaxInterfaceMetric() const override;
    void InterfaceMetricChanged(uint32_t interface) override;

  private:
    /// A neighbour on one interface.
    struct Neighbor
    {
        uint32_t routerId{0};                                   //!< router id
        Ipv4Address address;                                    //!< interface address
        RtmOspfNeighborState state{RtmOspfNeighborState::Down}; //!< state (10.1)
        EventId dead;                                           //!< inactivity timer
        RtmOspfRetransmitList rxmt;                             //!< retransmission list
        bool master{false};                      //!< we are master of the DD exchange
        uint32_t ddSequence{0};                  //!< DD sequence number (10.6, 10.8)
        bool ddReceived{false};                  //!< lastDd* are meaningful
        uint8_t lastDdFlags{0};                  //!< flags of the last DD accepted
        uint8_t lastDdOptions{0};                //!< options of the last DD accepted
        uint32_t lastDdSequence{0};              //!< sequence of the last DD accepted
        std::vector<uint8_t> lastDdSent;         //!< the last DD sent (resent as needed)
        std::vector<RtmOspfPacket::Ack> summary; //!< database summary list (still to describe)
        std::map<uint64_t, RtmOspfPacket::Ack> requests; //!< link-state request list by key
        EventId ddTimer;                                 //!< DD retransmission
        EventId requestTimer;                            //!< LS request retransmission
        uint8_t priority{0};                             //!< priority in its last hello
        uint32_t dr{0};                                  //!< DR in its last hello
        uint32_t bdr{0};                                 //!< BDR in its last hello
    };

    /// One IPv4 interface the protocol runs on.
    struct Interface
    {
        uint32_t index{0};                        //!< IPv4 interface index
        Ptr<Socket> socket;                       //!< bound to the interface's device
        Ipv4Address address;                      //!< primary address
        Ipv4Mask mask;                            //!< its mask
        bool up{false};                           //!< Ipv4::IsUp
        uint16_t mtu{1500};                       //!< IP MTU (announced in DD packets)
        std::map<uint32_t, Neighbor> neighbors;   //!< by router id
        std::vector<uint64_t> floodQueue;         //!< LSAs (by key) for the next update
        std::vector<RtmOspfPacket::Ack> ackQueue; //!< acks to send
        EventId helloTrigger;                     //!< an early hello, when scheduled
        Time lastTriggeredHello{Time::Min()};     //!< when the last early hello went out
        bool broadcast{false};                    //!< broadcast type (else point-to-point)
        RtmOspfInterfaceState state{RtmOspfInterfaceState::Down}; //!< state (9.1)
        uint8_t priority{1};                                      //!< router priority
        uint32_t dr{0};                                           //!< DR's address
        uint32_t bdr{0};                                          //!< BDR's address
        EventId waitTimer;                                        //!< the Wait timer (9.4)
    };

    /// A next hop of the agent's routes: interface and neighbour address (host order).
    struct NextHop
    {
        uint32_t interface; //!< interface index
        uint32_t address;   //!< next hop, host order
    };

    /**
     * A route an SPF run chose, in 12 bytes: its next hop is an index into the run's hop list.
     */
    struct Route
    {
        static constexpr uint32_t HOP_BITS = 26;             //!< bits of the hop index
        static constexpr uint32_t MAX_HOPS = 1U << HOP_BITS; //!< hop indexes available
        uint32_t address;                                    //!< network number, host order
        uint32_t metric;                                     //!< FSD_Metric
        uint32_t lenHop; //!< prefix length << HOP_BITS | hop index

        /// @return the network key (RtmRoute::IpKey)
        uint64_t Network() const
        {
            uint32_t len = lenHop >> HOP_BITS;
            uint32_t mask = len == 0 ? 0 : ~0U << (32 - len);
            return (static_cast<uint64_t>(address) << 32) | mask;
        }

        /// @return the index of its next hop
        uint32_t Hop() const
        {
            return lenHop & (MAX_HOPS - 1);
        }

        /**
         * @param network a network key with a contiguous mask
         * @param hop the next hop's index (< MAX_HOPS)
         * @param metric the metric
         * @return the route
         */
        static Route Make(uint64_t network, uint32_t hop, uint32_t metric)
        {
            uint32_t mask = static_cast<uint32_t>(network);
            uint32_t len = static_cast<uint32_t>(__builtin_popcount(mask));
            return {static_cast<uint32_t>(network >> 32), metric, (len << HOP_BITS) | hop};
        }
    };

    /// What an SPF run changes (ChooseRoutes' result).
    struct RouteChoice
    {
        std::vector<Route> changes;     //!< new or changed routes, by network
        std::vector<bool> fresh;        //!< changes[i] is for a network without a route of ours
        std::vector<uint64_t> networks; //!< every network chosen, ascending
        std::size_t kept{0};            //!< chosen networks that have a route of ours already
    };

    /// A way to reach a network: through a router at some distance.
    struct Candidate
    {
        uint64_t network; //!< network key
        uint32_t cost;    //!< total cost
        uint32_t vertex;  //!< advertising router's vertex
    };

    /// A live two-way adjacency, or transit link (SPF input), sorted by (interface, address).
    struct Adjacency
    {
        uint32_t neighbor;   //!< router id (network: the DR's address)
        uint32_t interface;  //!< interface index
        uint32_t address;    //!< neighbour's address, host order (network: the DR's)
        uint16_t cost;       //!< interface cost
        bool network{false}; //!< a transit link to a broadcast network
    };

    /**
     * @brief Cancel every timer, close the sockets, deregister, forget everything.
     * @param disposing true from DoDispose: the sockets and the manager may be gone already
     */
    void Shutdown(bool disposing);
    /// Forget an interface's neighbours and queues; mark it down.
    void InterfaceDown(Interface& iface);
    /// InterfaceUp (9.3): point-to-point, or broadcast Waiting (DROther at priority 0).
    void InterfaceUp(Interface& iface);
    /// Move an interface to a state (traced).
    void SetInterfaceState(Interface& iface, RtmOspfInterfaceState state);
    /// The Wait timer fired (WaitTimer, 9.3): elect.
    void WaitTimerExpired(uint32_t interface);
    /// BackupSeen or NeighborChange on a broadcast interface: elect unless Waiting.
    void NeighborChange(Interface& iface);
    /// The DR/BDR election (9.4) and what follows from it (AdjOK?, LSAs, AllDRouters).
    void Elect(Interface& iface);
    /// @return true if an adjacency with the neighbour is wanted (10.4)
    bool WantsAdjacency(const Interface& iface, const Neighbor& nbr) const;
    /// AdjOK? (10.3) for every neighbour of the interface in 2-Way or above.
    void CheckAdjacencies(Interface& iface);
    /// @return true if a broadcast interface is a transit link (12.4.1.2)
    bool IsTransit(const Interface& iface) const;
    /// @return where flooded updates and delayed acks go on the interface (13.3, 13.5)
    Ipv4Address FloodDestination(const Interface& iface) const;
    /// @return where DDs, requests and retransmissions to a neighbour go (10.8: unicast on LANs)
    Ipv4Address NeighborDestination(const Interface& iface, const Neighbor& nbr) const;
    /// Originate, refresh or flush the network-LSAs of the interfaces we are DR of.
    void OriginateNetworks(bool force);

    /// Periodic hellos (and the interface poll).
    void HelloTimer();
    /// Send a hello (a goodbye lists no neighbour; on a broadcast interface it declares no DR).
    void SendHello(Interface& iface, bool goodbye);
    /// Schedule an early hello on an interface (once).
    void TriggerHello(Interface& iface);
    /// The early hello.
    void SendTriggeredHello(uint32_t interface);
    /// A neighbour's dead interval expired.
    void NeighborDead(uint32_t interface, uint32_t routerId);
    /// Move a neighbour to a state (traced; Full reached or left: origination and SPF).
    void SetState(Interface& iface, Neighbor& nbr, RtmOspfNeighborState state);
    /// 2-WayReceived on a point-to-point link: ExStart (10.3), first DD sent.
    void StartExStart(Interface& iface, Neighbor& nbr);
    /// Forget a neighbour's adjacency: lists cleared, timers cancelled (state unchanged).
    void ClearAdjacency(Neighbor& nbr);
    /// SeqNumberMismatch or BadLSReq: back to ExStart (10.3).
    void RestartAdjacency(Interface& iface, Neighbor& nbr);
    /// NegotiationDone: Exchange, with the database summary list.
    void NegotiationDone(Interface& iface, Neighbor& nbr);
    /// ExchangeDone: Loading, or Full if nothing to request.
    void ExchangeDone(Interface& iface, Neighbor& nbr);
    /// Send the next DD (the I-packet in ExStart) and keep it for retransmission.
    void SendDd(Interface& iface, Neighbor& nbr);
    /// DD retransmission (ExStart, and master in Exchange).
    void DdTimer(uint32_t interface, uint32_t routerId);
    /// Send link-state requests for (the start of) the request list.
    void SendRequests(Interface& iface, Neighbor& nbr);
    /// LS request retransmission.
    void RequestTimer(uint32_t interface, uint32_t routerId);
    /// A valid DD from a neighbour (10.6).
    void HandleDd(Interface& iface, Neighbor& nbr, const RtmOspfPacket& pkt, Ptr<const Packet> p);
    /**
     * @brief ExStart: the DD that decides master and slave (10.6).
     * @return true if negotiation is done (the packet is then processed in Exchange)
     */
    bool NegotiateDd(Interface& iface, Neighbor& nbr, const RtmOspfPacket::Dd& dd);
    /// Exchange: a DD in sequence (10.6, 10.8).
    void AcceptDd(Interface& iface,
                  Neighbor& nbr,
                  const RtmOspfPacket::Dd& dd,
                  Ptr<const Packet> packet);
    /// A valid LS request from a neighbour in Exchange or above (10.7).
    void HandleRequest(Interface& iface,
                       Neighbor& nbr,
                       const RtmOspfPacket& pkt,
                       Ptr<const Packet> packet);
    /// An LSA received in an update: off the request list, Loading done when empty.
    void RequestSatisfied(Interface& iface, Neighbor& nbr, const RtmOspfLsa& lsa);
    /// @return the hello interval on the wire (whole seconds, at least 1)
    uint16_t HelloSeconds() const;
    /// @return the dead interval on the wire (whole seconds, at least 1)
    uint32_t DeadSeconds() const;

    /// Socket receive callback: check and dispatch every datagram.
    void Receive(Ptr<Socket> socket);
    /// Count and trace a refused packet.
    void Drop(Ptr<const Packet> packet, uint32_t interface, RtmOspfDropReason reason);
    /// A decoded packet: sender checks, then the handler of its type.
    void Dispatch(Interface& iface,
                  Ipv4Address source,
                  const RtmOspfPacket& pkt,
                  Ptr<const Packet> packet);
    /// A valid hello.
    void HandleHello(Interface& iface,
                     Ipv4Address source,
                     const RtmOspfPacket& pkt,
                     Ptr<const Packet> packet);
    /// A valid update from a two-way neighbour: install, flood, ack.
    void HandleUpdate(Interface& iface,
                      Neighbor& nbr,
                      const RtmOspfPacket& pkt,
                      Ptr<const Packet> packet);
    /**
     * @brief A newer instance of our own LSA was received (13.4): take its sequence number, so
     * that the next origination outbids it; at MAX_SEQUENCE keep it, for that origination to
     * flush it first (12.1.6).
     * @param lsa the instance
     */
    void OutbidOwn(const RtmOspfLsa& lsa);
    /**
     * @brief A newer instance of a network-LSA of ours was received (13.4): outbid it if we
     * still originate it, else flush it.
     * @param lsa the instance
     */
    void OutbidOwnNetwork(const RtmOspfLsa& lsa);
    /**
     * @param address an address, host order
     * @return true if it is the address of one of our interfaces
     */
    bool IsOwnAddress(uint32_t address) const;
    /**
     * @brief Sequence wrap (12.1.6): flush the newest instance of our LSA at MAX_SEQUENCE (ours
     * or one received) and hold originations until the flush is acknowledged or removed.
     * @return false if there was nothing to flush (the sequence restarts at once)
     */
    bool StartWrap();
    /// Remove the flushed MAX_SEQUENCE LSAs no neighbour still has to acknowledge (14, 13 (8)).
    void CheckWrapFlushes();
    /// Our flushed LSA is gone: originate from INITIAL_SEQUENCE.
    void FinishWrap();
    /// A valid ack from a two-way neighbour.
    void HandleAck(Neighbor& nbr, const RtmOspfPacket& pkt);

    /// Originate after OriginateDelay, and not before MinLsInterval since the last.
    void ScheduleOriginate();
    /// Build and install our LSA (if changed, or forced).
    void Originate(bool force);
    /// LsRefreshTime: originate again.
    void RefreshTimer();
    /// Install our new LSA and flood it.
    void InstallOwn(const RtmOspfLsa& lsa);
    /**
     * @brief Queue an LSA to the neighbours in Exchange or above (13.3): not back out of a
     * point-to-point interface it came in on; on a broadcast one, not to its sender, and not
     * sent at all (retransmission lists only) if it came from the DR or BDR, or we are BDR.
     * @param key the LSA's key
     * @param from the interface it came in on (null: ours)
     * @param sender the neighbour it came from (router id; 0: ours)
     */
    void Flood(uint64_t key, const Interface* from, uint32_t sender = 0);
    /// Queue an LSA for a neighbour (send list and retransmission list).
    void QueueFor(Interface& iface, Neighbor& nbr, uint64_t key);
    /// Queue an LSA for a neighbour (the entry known).
    void QueueFor(Interface& iface, Neighbor& nbr, const RtmOspfLsdb::Entry& e);
    /// Put an LSA on a neighbour's retransmission list.
    void AddPending(Neighbor& nbr, const RtmOspfLsdb::Entry& e);

    /// Drop an LSA from the retransmission lists (of one interface, or all).
    void ForgetPending(uint64_t key, const Interface* only);
    /// Send the queued LSAs after FloodDelay.
    void ScheduleSend();
    /// Send the queued LSAs.
    void SendQueued();
    /// Send the queued acks after AckDelay.
    void ScheduleAcks();
    /// Send the queued acks.
    void SendAcks();
    /**
     * @brief Send the current instances of some LSAs in as few updates as PacketSize allows.
     * @param iface the interface
     * @param keys the LSAs, in order
     * @param to the destination
     * @param budget bytes of updates that may go (at least one LSA always goes)
     * @return how many of the keys were handled (the rest did not fit the budget)
     */
    std::size_t SendUpdates(Interface& iface,
                            const std::vector<uint64_t>& keys,
                            Ipv4Address to,
                            uint64_t budget = UINT64_MAX);
    /// Encode and send a packet (to AllSPFRouters unless told).
    void SendPacket(Interface& iface,
                    const RtmOspfPacket& pkt,
                    Ipv4Address to = Ipv4Address(RtmOspfHeader::ALL_SPF_ROUTERS));
    /// Send encoded bytes out of an interface (counted, traced); to AllSPFRouters unless told.
    void SendBytes(Interface& iface,
                   uint8_t type,
                   const std::vector<uint8_t>& bytes,
                   Ipv4Address to = Ipv4Address(RtmOspfHeader::ALL_SPF_ROUTERS));
    /// Resend LSAs not acknowledged for RetransmitInterval.
    void RetransmitTimer();
    /// Start the retransmission timer if it is not running.
    void ScheduleRetransmit();
    /// Schedule the database's next deadline.
    void ScheduleDeadline();
    /// Flush LSAs at MaxAge, remove flushed ones after FlushHold.
    void DeadlineTimer();

    /// Run SPF after SpfDelay, not before SpfHoldTime since the last.
    void ScheduleSpf();
    /// Shortest paths, then the new route set.
    void RunSpf();
    /**
     * @brief The live two-way adjacencies (sorted by interface and address) and the networks of
     * the up interfaces (sorted).
     * @param adjacencies the adjacencies (out)
     * @param connected the connected network keys (out)
     */
    void CollectAdjacencies(std::vector<Adjacency>* adjacencies,
                            std::vector<uint64_t>* connected) const;
    /**
     * @param spf the shortest paths
     * @param connected the connected networks (left to the connected agent)
     * @return every way to reach every remote stub network, by (network, cost, vertex)
     */
    std::vector<Candidate> CollectCandidates(const RtmOspfLsdb::SpfResult& spf,
                                             const std::vector<uint64_t>& connected) const;
    /**
     * @param spf the shortest paths
     * @param adjacencies the live adjacencies (RootLink order)
     * @param candidates CollectCandidates' result
     * @return the routes to add or change, by network (the manager's routes of the agent are
     * what it installed: it keeps no copy)
     */
    RouteChoice ChooseRoutes(const RtmOspfLsdb::SpfResult& spf,
                             const std::vector<Adjacency>& adjacencies,
                             const std::vector<Candidate>& candidates) const;
    /**
     * @param adjacencies the live adjacencies
     * @param hops bit k set: adjacency k starts a shortest path
     * @param old the installed next hop of the network, or null
     * @return the adjacency to use (the installed one while it is a first hop), or -1
     */
    static int64_t ChooseNextHop(const std::vector<Adjacency>& adjacencies,
                                 const std::vector<uint64_t>& hops,
                                 const NextHop* old);
    /**
     * @brief Submit an SPF run's changes, and delete the agent's routes to networks it no
     * longer reaches.
     * @param choice ChooseRoutes' result
     * @param hops the next hops its routes index
     */
    void InstallRoutes(const RouteChoice& choice, const std::vector<NextHop>& hops);

    bool m_running;                             //!< running in the node's context
    uint32_t m_routerId;                        //!< router id, host order
    Ipv4Address m_configuredRouterId;           //!< attribute RouterId
    uint32_t m_sequence;                        //!< last sequence originated (or RESERVED)
    std::map<uint32_t, Interface> m_interfaces; //!< by interface index
    RtmOspfLsdb m_lsdb;                         //!< the database
    std::size_t m_installedCount{0};            //!< routes of the agent in the manager

    // attributes
    Time m_helloInterval;                              //!< HelloInterval
    Time m_helloJitter;                                //!< HelloJitter
    Time m_deadInterval;                               //!< RouterDeadInterval
    Time m_rxmtInterval;                               //!< RetransmitInterval
    Time m_minLsInterval;                              //!< MinLsInterval
    Time m_originateDelay;                             //!< OriginateDelay
    Time m_lsRefreshTime;                              //!< LsRefreshTime
    uint16_t m_maxAge;                                 //!< MaxAge, seconds
    Time m_flushHold;                                  //!< FlushHold
    Time m_spfDelay;                                   //!< SpfDelay
    Time m_spfHoldTime;                                //!< SpfHoldTime
    Time m_floodDelay;                                 //!< FloodDelay
    uint32_t m_floodBurst{0};                          //!< FloodBurst (0: no limit)
    Time m_ackDelay;                                   //!< AckDelay
    Time m_triggeredHelloDelay;                        //!< TriggeredHelloDelay
    Time m_triggeredHelloGap;                          //!< TriggeredHelloInterval
    uint32_t m_maxNeighbors;                           //!< MaxNeighborsPerInterface
    uint32_t m_maxLinks;                               //!< MaxLinksPerLsa
    uint32_t m_packetSize;                             //!< PacketSize
    Ptr<RtmOspfLsaStore> m_lsaStore;                   //!< LsaStore
    InterfaceTypeValue m_interfaceType;                //!< InterfaceType
    uint8_t m_priority;                                //!< RouterPriority
    std::map<uint32_t, RtmOspfInterfaceType> m_typeOf; //!< SetInterfaceType, by interface
    std::map<uint32_t, uint8_t> m_priorityOf;          //!< SetRouterPriority, by interface
    /// own network-LSAs: link state id -> last sequence number used (or seen, to outbid)
    std::map<uint32_t, uint32_t> m_networkSequence;

    // timers
    EventId m_helloEvent;     //!< next periodic hello
    EventId m_originateEvent; //!< pending origination
    EventId m_refreshEvent;   //!< own LSA refresh
    EventId m_sendEvent;      //!< pending flush of the update queues
    EventId m_ackEvent;       //!< pending flush of the ack queues
    EventId m_rxmtEvent;      //!< retransmission scan
    EventId m_deadlineEvent;  //!< next LSDB deadline
    EventId m_spfEvent;       //!< pending SPF
    Time m_lastOriginate;     //!< when the own LSA was last originated
    Time m_lastSpf;           //!< when SPF last ran
    bool m_originatedOnce;    //!< m_lastOriginate is meaningful
    bool m_forceOriginate;    //!< the next origination must happen even without a change
    bool m_spfOnce;           //!< m_lastSpf is meaningful

    // sequence wrap (12.1.6)
    bool m_wrapping;                    //!< own LSA flushed for a wrap: originations wait
    std::vector<RtmOspfLsa> m_wrapFrom; //!< a received own LSA at MAX_SEQUENCE, to flush
    std::set<uint64_t> m_wrapFlushes;   //!< flushed MAX_SEQUENCE LSAs held (removed when acked)

    Stats m_stats;                  //!< counters
    std::vector<uint8_t> m_rxBytes; //!< receive buffer

    /// An IP datagram being put back together from its fragments.
    struct Reassembly
    {
        std::map<uint16_t, std::vector<uint8_t>> pieces; //!< payload bytes by offset
        uint32_t total{0};                               //!< length, once the last piece came
        Time first;                                      //!< when the first piece came
    };

    /**
     * @brief Put a fragmented OSPF datagram back together. ns-3 releases up to 3.37 hand raw
     * sockets every fragment before reassembly (later ones reassemble first), and a router-LSA
     * of many links can exceed the MTU.
     * @param ip the fragment's IPv4 header
     * @param packet its payload
     * @return the whole datagram's payload once complete, else null
     */
    Ptr<Packet> Reassemble(const Ipv4Header& ip, Ptr<Packet> packet);

    /// fragments waiting, by (source, identification); at most 64, dropped after 30 s
    std::map<std::pair<uint32_t, uint16_t>, Reassembly> m_fragments;
    RtmOspfPacket m_rxPacket; //!< decoded packet, reused
    std::array<uint64_t, static_cast<std::size_t>(RtmOspfDropReason::Count)> m_drops; //!< drops

    TracedCallback<Ptr<const Packet>, uint32_t, RtmOspfDropReason> m_dropTrace; //!< dropped
    TracedCallback<Ipv4Address, uint32_t, bool> m_neighborTrace;                //!< neighbours
    TracedCallback<Ipv4Address, uint32_t, RtmOspfNeighborState, RtmOspfNeighborState>
        m_neighborStateTrace;                      //!< neighbour state transitions
    TracedCallback<uint32_t, uint32_t> m_spfTrace; //!< SPF runs
    /// neighbours refused at MaxNeighborsPerInterface
    TracedCallback<Ipv4Address, uint32_t> m_neighborRefusedTrace;
    /// interface state transitions
    TracedCallback<uint32_t, RtmOspfInterfaceState, RtmOspfInterfaceState> m_interfaceStateTrace;
};

} // namespace ns3

#endif /* RTM_OSPF_AGENT_H */
