/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: the protocol of the lab doc/lab-write-a-protocol.rst, a hop-count flooding protocol
 * written on RtmAgent. Header-only, so that the example (examples/rtm-write-a-protocol.cc) and
 * the test (test/rtm-lab-protocol-test.cc) share it without a library of its own.
 */

#ifndef RTM_HOP_COUNT_AGENT_H
#define RTM_HOP_COUNT_AGENT_H

#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-packet-info-tag.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/random-variable-stream.h"
#include "ns3/routing-table-manager.h"
#include "ns3/rtm-agent.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/udp-l4-protocol.h"
#include "ns3/udp-socket-factory.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ns3
{

/**
 * @ingroup rtm
 * @brief A hop-count flooding protocol: the lab's example of a protocol written on RtmAgent.
 *
 * Every node announces its connected networks (the networks of the interfaces it runs on)
 * every Period, and soon after they change. An announcement carries the origin's router id
 * (its node id), a sequence number the origin increments for each announcement, and the hops
 * it has travelled (0 at the origin). It goes to the subnet-directed broadcast address of every
 * interface, over UDP port 5000.
 *
 * A receiver keeps, per origin, the newest sequence number and the smallest hop count heard
 * for it, with the neighbour and interface of that best copy. It accepts a copy with a newer
 * sequence (whatever its hop count) or with the same sequence and fewer hops, re-floods the
 * accepted copy (hops + 1) on its other interfaces and drops the rest. So every announcement
 * crosses every link a few times at most, and the first copies to arrive come along the
 * shortest paths.
 *
 * Routes: each network is reached through the origin with the fewest hops that announces it
 * (the lowest router id on a tie): metric = hops, next hop = the neighbour the best copy came
 * from, interface = where it came in. The agent registers with RtmAgent's SINGLE_ROUTE flag
 * (one route per network, which AddRoute replaces) and gives each route a time to live that
 * ends Timeout after its origin was last heard: an origin that falls silent loses its routes
 * by the RTM's aging; the change queue tells the agent, which then installs the next best
 * origin's route if there is one.
 *
 * Packet (big-endian): origin (4 bytes), sequence (4), hops (2), network count n (2), then n
 * times network (4) and mask (4): 12 + 8n bytes. Anything else (short, a size that does not
 * match n, more than MAX_NETWORKS networks, hops >= MAX_HOPS, a bad mask) is dropped.
 */
class RtmHopCountAgent : public RtmAgent
{
  public:
    static constexpr uint32_t PROTOCOL = 7;       //!< PROTO_IP_HELLO (unused by other agents)
    static constexpr uint16_t PORT = 5000;        //!< the protocol's UDP port
    static constexpr uint32_t HEADER_SIZE = 12;   //!< bytes before the networks
    static constexpr uint32_t ENTRY_SIZE = 8;     //!< bytes per network
    static constexpr uint32_t MAX_NETWORKS = 128; //!< networks per packet (fits 1500 bytes)
    static constexpr uint16_t MAX_HOPS = 255;     //!< copies with more hops are dropped
    static constexpr uint32_t NO_INTERFACE = ~0U; //!< "no interface" for Flood's except

    /// The content of one announcement.
    struct Announcement
    {
        uint32_t origin{0};             //!< router id of the origin (its node id)
        uint32_t sequence{0};           //!< the origin's announcement counter
        uint16_t hops{0};               //!< hops travelled (0 when sent by the origin)
        std::vector<uint64_t> networks; //!< network keys (RtmRoute::IpKey)
    };

    /**
     * @brief Get the type ID (registered by the first call: see RegisterRtmHopCountAgent).
     * @return the object TypeId
     */
    static TypeId GetTypeId()
    {
        static TypeId tid =
            TypeId("ns3::RtmHopCountAgent")
                .SetParent<RtmAgent>()
                .SetGroupName("Rtm")
                .AddConstructor<RtmHopCountAgent>()
                .AddAttribute("Period",
                              "Time between two announcements of a node (plus up to 10% jitter).",
                              TimeValue(Seconds(5)),
                              MakeTimeAccessor(&RtmHopCountAgent::m_period),
                              MakeTimeChecker(MilliSeconds(1)))
                .AddAttribute("Timeout",
                              "How long the routes of an origin live after it was last heard.",
                              TimeValue(Seconds(15)),
                              MakeTimeAccessor(&RtmHopCountAgent::m_timeout),
                              MakeTimeChecker(MilliSeconds(1)));
        return tid;
    }

    /// Constructor: attributes come from GetTypeId's defaults (or the ObjectFactory).
    RtmHopCountAgent() = default;

    /// Destructor: the timer's event points at this agent.
    ~RtmHopCountAgent() override
    {
        m_timer.Cancel();
    }

    /// @return PROTOCOL
    uint32_t GetProtocol() const override
    {
        return PROTOCOL;
    }

    /// @return the protocol's name
    std::string GetProtocolName() const override
    {
        return "PROTO_IP_HELLO (hop count)";
    }

    /// @return packets dropped as malformed or from an interface the agent does not run on
    uint64_t GetDropped() const
    {
        return m_dropped;
    }

    /**
     * @brief Build the packet of an announcement (at most MAX_NETWORKS networks are written).
     * @param a the announcement
     * @return the UDP payload
     */
    static Ptr<Packet> Serialize(const Announcement& a)
    {
        uint32_t n = std::min<std::size_t>(a.networks.size(), MAX_NETWORKS);
        std::vector<uint8_t> b;
        auto put = [&b](uint32_t v) {
            for (int shift = 24; shift >= 0; shift -= 8)
            {
                b.push_back(static_cast<uint8_t>(v >> shift));
            }
        };
        put(a.origin);
        put(a.sequence);
        put(static_cast<uint32_t>(a.hops) << 16 | n);
        for (uint32_t i = 0; i < n; ++i)
        {
            put(RtmRoute::KeyAddress(a.networks[i]));
            put(RtmRoute::KeyMask(a.networks[i]));
        }
        return Create<Packet>(b.data(), b.size());
    }

    /**
     * @brief Read and check a packet (the class text lists the checks).
     * @param packet the UDP payload
     * @param a the announcement (out)
     * @return false if the packet is malformed
     */
    static bool Parse(Ptr<const Packet> packet, Announcement* a)
    {
        uint32_t size = packet->GetSize();
        if (size < HEADER_SIZE || size > HEADER_SIZE + MAX_NETWORKS * ENTRY_SIZE)
        {
            return false;
        }
        std::vector<uint8_t> b(size);
        packet->CopyData(b.data(), size);
        auto get = [&b](uint32_t at) {
            return uint32_t(b[at]) << 24 | uint32_t(b[at + 1]) << 16 | uint32_t(b[at + 2]) << 8 |
                   uint32_t(b[at + 3]);
        };
        a->origin = get(0);
        a->sequence = get(4);
        a->hops = static_cast<uint16_t>(get(8) >> 16);
        uint32_t n = get(8) & 0xFFFF;
        if (size != HEADER_SIZE + n * ENTRY_SIZE || a->hops >= MAX_HOPS)
        {
            return false;
        }
        a->networks.clear();
        for (uint32_t at = HEADER_SIZE; at < size; at += ENTRY_SIZE)
        {
            uint32_t network = get(at);
            uint32_t hostBits = ~get(at + 4);
            if ((hostBits & (hostBits + 1)) != 0 || (network & hostBits) != 0)
            {
                return false; // a non-contiguous mask, or host bits in the network
            }
            a->networks.push_back(RtmRoute::IpKey(network, ~hostBits));
        }
        return true;
    }

    /**
     * @brief The receive path after the socket (public so that tests can feed packets).
     * @param packet the UDP payload
     * @param from the neighbour that sent it
     * @param interface the interface it came in on
     * @return false if dropped as malformed or not for us
     */
    bool HandleDatagram(Ptr<const Packet> packet, Ipv4Address from, uint32_t interface)
    {
        Announcement a;
        std::vector<uint32_t> active = GetActiveInterfaces();
        if (m_client == 0 || std::find(active.begin(), active.end(), interface) == active.end() ||
            !Parse(packet, &a))
        {
            NS_LOG_LOGIC("drop " << packet->GetSize() << " bytes from " << from);
            ++m_dropped;
            return false;
        }
        NotifyRx(packet, interface); // the base's Rx trace source
        if (a.origin == m_node->GetId())
        {
            return true; // our own announcement, back around a loop
        }
        uint16_t hops = a.hops + 1;
        auto it = m_origins.find(a.origin);
        bool known = it != m_origins.end() && IsFresh(it->second);
        bool newer = !known || a.sequence > it->second.sequence;
        bool shorter = known && a.sequence == it->second.sequence && hops < it->second.hops;
        if (!newer && !shorter)
        {
            NS_LOG_LOGIC("node " << m_node->GetId() << ": ignore origin " << a.origin << " seq "
                                 << a.sequence << " hops " << hops << " via " << from);
            return true; // a copy we have already flooded, or a worse one
        }
        std::vector<uint64_t> before = known ? it->second.networks : std::vector<uint64_t>();
        m_origins[a.origin] =
            Origin{a.sequence, hops, from, interface, Simulator::Now(), a.networks};
        NS_LOG_LOGIC("node " << m_node->GetId() << ": origin " << a.origin << " seq " << a.sequence
                             << " hops " << hops << " via " << from);
        for (uint64_t key : before)
        {
            Install(key); // networks the origin may have stopped announcing
        }
        for (uint64_t key : a.networks)
        {
            Install(key);
        }
        a.hops = hops;
        Flood(a, interface);
        return true;
    }

  protected:
    // ---- the hooks of RtmAgent this protocol overrides ---------------------------------------

    /// @return SINGLE_ROUTE: one route per network, AddRoute replaces it
    uint32_t GetRegisterFlags() const override
    {
        return RoutingTableManager::SINGLE_ROUTE;
    }

    /// @return true: the change queue tells us when the RTM ages a route out
    bool WantsRouteChanges() const override
    {
        return true;
    }

    /// @return InvalidParameter without IPv4 and UDP on the node
    RtmError CanStart() const override
    {
        bool ok = m_ipv4 && m_node->GetObject<UdpL4Protocol>();
        return ok ? RtmError::Success : RtmError::InvalidParameter;
    }

    /// Open the socket: bound to (0.0.0.0, PORT), it receives on every interface.
    void StartProtocol() override
    {
        m_udp = m_node->GetObject<UdpL4Protocol>();
        m_socket = Socket::CreateSocket(m_node, UdpSocketFactory::GetTypeId());
        m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), PORT));
        m_socket->SetAllowBroadcast(true);
        m_socket->SetRecvPktInfo(true); // tells us the interface of each datagram
        m_socket->SetRecvCallback(MakeCallback(&RtmHopCountAgent::Receive, this));
    }

    /// In the node's context: take the interfaces (InterfacesSynced then announces).
    void StartInContext() override
    {
        SyncInterfaces();
    }

    /// Stop the timer, close the socket (the base then deregisters: the RTM deletes our routes).
    void StopProtocol() override
    {
        m_timer.Cancel();
        m_socket->Close();
        m_socket = nullptr;
        m_udp = nullptr;
    }

    /// After deregistration: forget the origins.
    void ForgetState() override
    {
        m_origins.clear();
    }

    /**
     * @brief An interface stopped being usable: the origins heard through it are stale from now
     * on (InterfacesSynced follows and re-checks the routes).
     * @param interface the interface
     */
    void InterfaceClosed(uint32_t interface) override
    {
        for (auto& [id, origin] : m_origins)
        {
            if (origin.interface == interface)
            {
                origin.heard = Simulator::Now() - m_timeout;
            }
        }
    }

    /**
     * @brief Our connected networks changed: re-check every route, announce soon.
     * @param changed true if an interface was opened or closed
     */
    void InterfacesSynced(bool changed) override
    {
        if (!changed || m_client == 0)
        {
            return;
        }
        for (const auto& [id, origin] : m_origins)
        {
            for (uint64_t key : origin.networks)
            {
                Install(key);
            }
        }
        m_timer.Cancel(); // the next announcement comes within 50 ms, then every Period
        Time soon = MilliSeconds(GetRandom()->GetValue(0, 50));
        m_timer = Simulator::Schedule(soon, &RtmHopCountAgent::Announce, this);
    }

    /**
     * @brief One message of the change queue: if our route of a network went (aged out), put
     * the next best origin's route in its place.
     * @param change the message
     */
    void RouteChanged(const RtmChange& change) override
    {
        bool wasOurs = (change.flags & RtmChange::PREVIOUS) && change.previous.protocol == PROTOCOL;
        bool isOurs = (change.flags & RtmChange::CURRENT) && change.current.protocol == PROTOCOL;
        if (wasOurs && !isOurs)
        {
            Install(change.network);
        }
    }

    /// Let go of the socket and the timer when the simulation is torn down.
    void DoDispose() override
    {
        m_timer.Cancel(); // the timer's event points at this agent
        m_socket = nullptr;
        m_udp = nullptr; // aggregated to the node: holding it would keep the node alive
        m_origins.clear();
        RtmAgent::DoDispose();
    }

  private:
    /// What a node knows about one origin: its newest announcement, best copy.
    struct Origin
    {
        uint32_t sequence;              //!< newest sequence number
        uint16_t hops;                  //!< fewest hops of that sequence
        Ipv4Address neighbour;          //!< who sent the best copy (the next hop)
        uint32_t interface;             //!< where it came in
        Time heard;                     //!< when the best copy was accepted
        std::vector<uint64_t> networks; //!< the origin's networks
    };

    /**
     * @param origin what we know of an origin
     * @return true if it was heard less than Timeout ago
     */
    bool IsFresh(const Origin& origin) const
    {
        return Simulator::Now() < origin.heard + m_timeout;
    }

    /// @return the networks of the interfaces we run on (what we announce)
    std::vector<uint64_t> GetOwnNetworks() const
    {
        std::vector<uint64_t> own;
        for (uint32_t i : GetActiveInterfaces())
        {
            Ipv4InterfaceAddress a = GetActiveAddress(i);
            own.push_back(RtmRoute::IpKey(a.GetLocal().CombineMask(a.GetMask()), a.GetMask()));
        }
        return own;
    }

    /**
     * @brief Put the route of a network in line with the origins: through the freshest origin
     * with the fewest hops (lowest router id on a tie), or no route.
     * @param key the network
     */
    void Install(uint64_t key)
    {
        const Origin* best = nullptr;
        for (const auto& [id, origin] : m_origins) // ascending ids: '<' keeps the lowest
        {
            const auto& nets = origin.networks;
            if (IsFresh(origin) && std::find(nets.begin(), nets.end(), key) != nets.end() &&
                (!best || origin.hops < best->hops))
            {
                best = &origin;
            }
        }
        Ipv4Address network = RtmRoute::KeyNetwork(key);
        Ipv4Mask mask = RtmRoute::KeyIpv4Mask(key);
        std::vector<uint64_t> own = GetOwnNetworks();
        if (!best || std::find(own.begin(), own.end(), key) != own.end())
        {
            // SINGLE_ROUTE: network and protocol name the route; NoMoreItems if there is none
            m_rtm->DeleteIpRoute(m_client, network, mask, Ipv4Address::GetZero(), 0);
            return;
        }
        RtmRoute route =
            RtmRoute::MakeIp(network, mask, best->neighbour, best->interface, best->hops);
        // The route lives 1 ms longer than its origin is fresh (the RTM counts whole ms from a
        // 100 ns time stamp): when the RTM ages it out, RouteChanged finds the origin stale.
        Time ttl = best->heard + m_timeout - Simulator::Now() + MilliSeconds(1);
        m_rtm->AddRoute(m_client, route, ttl);
    }

    /// Announce our networks with a new sequence number, and schedule the next announcement.
    void Announce()
    {
        Announcement a;
        a.origin = m_node->GetId();
        a.sequence = ++m_sequence;
        a.networks = GetOwnNetworks();
        Flood(a, NO_INTERFACE);
        Time next = m_period + Seconds(GetRandom()->GetValue(0, 0.1 * m_period.GetSeconds()));
        m_timer = Simulator::Schedule(next, &RtmHopCountAgent::Announce, this);
    }

    /**
     * @brief Send an announcement to the broadcast address of every interface but one.
     * @param a the announcement
     * @param except the interface not to send on (NO_INTERFACE: send on all)
     */
    void Flood(const Announcement& a, uint32_t except)
    {
        Ptr<Packet> packet = Serialize(a);
        for (uint32_t i : GetActiveInterfaces())
        {
            if (i == except)
            {
                continue;
            }
            Ipv4InterfaceAddress address = GetActiveAddress(i);
            NotifyTx(packet, i); // the base's Tx trace source
            // what a socket bound to (interface address, PORT) sends: a subnet-directed broadcast
            // leaves by that interface without a route lookup
            m_udp->Send(packet->Copy(), address.GetLocal(), address.GetBroadcast(), PORT, PORT);
        }
    }

    /**
     * @brief Socket callback: hand every datagram, with its interface, to HandleDatagram.
     * @param socket the socket
     */
    void Receive(Ptr<Socket> socket)
    {
        Address from;
        while (Ptr<Packet> packet = socket->RecvFrom(from))
        {
            Ipv4PacketInfoTag info;
            if (!packet->RemovePacketTag(info) || !InetSocketAddress::IsMatchingType(from))
            {
                continue;
            }
            int32_t i = m_ipv4->GetInterfaceForDevice(m_node->GetDevice(info.GetRecvIf()));
            uint32_t interface = i < 0 ? NO_INTERFACE : static_cast<uint32_t>(i);
            HandleDatagram(packet, InetSocketAddress::ConvertFrom(from).GetIpv4(), interface);
        }
    }

    static inline LogComponent g_log{"RtmHopCountAgent", __FILE__}; //!< NS_LOG=RtmHopCountAgent

    Time m_period;                        //!< attribute Period
    Time m_timeout;                       //!< attribute Timeout
    uint32_t m_sequence{0};               //!< our last sequence number
    std::map<uint32_t, Origin> m_origins; //!< router id -> what we know of it
    Ptr<Socket> m_socket;                 //!< bound to (0.0.0.0, PORT)
    Ptr<UdpL4Protocol> m_udp;             //!< the node's UDP, to send from an interface address
    EventId m_timer;                      //!< the next announcement
    uint64_t m_dropped{0};                //!< packets dropped
};

/**
 * @ingroup rtm
 * @brief Make "ns3::RtmHopCountAgent" known to ns-3 by name. A header-only class has no
 * NS_OBJECT_ENSURE_REGISTERED: its TypeId exists from the first GetTypeId() call on (which
 * RtmAgentHelperOf makes). Call this before TypeId::LookupByName, Config::SetDefault or
 * CommandLine's --PrintAttributes name the class.
 * @return the TypeId
 */
inline TypeId
RegisterRtmHopCountAgent()
{
    return RtmHopCountAgent::GetTypeId();
}

} // namespace ns3

#endif /* RTM_HOP_COUNT_AGENT_H */
