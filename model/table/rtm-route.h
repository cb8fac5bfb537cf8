/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#ifndef RTM_ROUTE_H
#define RTM_ROUTE_H

#include "ns3/ipv4-address.h"

#include <array>
#include <cstdint>
#include <ostream>
#include <string>

namespace ns3
{

/**
 * @ingroup rtm
 * @brief The protocol families of RTMv1, with their Windows values.
 */
enum class RtmFamily : uint32_t
{
    Ipx = 0, //!< RTM_PROTOCOL_FAMILY_IPX
    Ip = 1,  //!< RTM_PROTOCOL_FAMILY_IP
};

/**
 * @ingroup rtm
 * @brief Status codes of the RTM, with the numeric values of the Win32 codes RTMv1 returns.
 */
enum class RtmError : uint32_t
{
    Success = 0,              //!< NO_ERROR
    InvalidHandle = 6,        //!< ERROR_INVALID_HANDLE
    NotEnoughMemory = 8,      //!< ERROR_NOT_ENOUGH_MEMORY
    InvalidParameter = 87,    //!< ERROR_INVALID_PARAMETER
    AlreadyExists = 183,      //!< ERROR_CLIENT_ALREADY_EXISTS (ERROR_ALREADY_EXISTS)
    MoreData = 234,           //!< ERROR_MORE_MESSAGES (ERROR_MORE_DATA)
    NoMoreItems = 259,        //!< ERROR_NO_MESSAGES, ERROR_NO_ROUTES, ERROR_NO_SUCH_ROUTE...
    NoSystemResources = 1450, //!< ERROR_NO_SYSTEM_RESOURCES
};

/**
 * @ingroup rtm
 * @brief Print a status code by name.
 * @param os the stream
 * @param e the code
 * @return the stream
 */
std::ostream& operator<<(std::ostream& os, RtmError e);

/**
 * @ingroup rtm
 * @brief One route entry, as a family-neutral value.
 *
 * This is the value type shared by the table, the manager, the agents and the helpers. It holds
 * every field of an RTMv1 route record (RTM_IP_ROUTE or RTM_IPX_ROUTE) in host byte order:
 *
 * - IP: #network is `(number << 32) | mask`, #nextHop is `(address << 32) | mask`, and
 *   #familyData holds the eleven DWORDs of IP_SPECIFIC_DATA (see the Ip* indices).
 * - IPX: #network is the 32-bit network number, #nextHop holds the six bytes of the next hop's
 *   MAC address (first byte most significant), #familyData[0] is FSD_Flags and #familyData[1]
 *   holds FSD_TickCount in its low and FSD_HopCount in its high 16 bits.
 */
struct RtmRoute
{
    /// Index of a DWORD of IP_SPECIFIC_DATA inside #familyData.
    enum IpField : uint8_t
    {
        IpType = 0,      //!< FSD_Type (RFC 1354 ipForwardType)
        IpPolicy = 1,    //!< FSD_Policy
        IpNextHopAs = 2, //!< FSD_NextHopAS
        IpPriority = 3,  //!< FSD_Priority (set by the RTM)
        IpMetric = 4,    //!< FSD_Metric (set by the protocol)
        IpMetric1 = 5,   //!< FSD_Metric1 (MIB-II only; Metric2..5 follow)
        IpFlags = 10,    //!< FSD_Flags (IP_VALID_ROUTE)
    };

    static constexpr uint32_t IP_VALID = 0x1;            //!< IP_VALID_ROUTE
    static constexpr uint32_t INFINITE_TTL = 0xFFFFFFFF; //!< time to live that never expires

    uint64_t network{0};  //!< destination network (see the class text)
    uint64_t nextHop{0};  //!< next hop (see the class text)
    uint32_t protocol{0}; //!< routing protocol id (RR_RoutingProtocol)
    uint32_t interface {
        0
    };                                      //!< interface index (RR_InterfaceID)
    std::array<uint32_t, 11> familyData{};  //!< RR_FamilySpecificData
    std::array<uint32_t, 4> protocolData{}; //!< RR_ProtocolSpecificData, opaque to the RTM
    int64_t timeStamp{0};         //!< creation or last update, in 100 ns ticks of simulation time
    uint32_t ttlMs{INFINITE_TTL}; //!< time to live in milliseconds, or INFINITE_TTL
    bool enabled{true};           //!< false once disabled by RtmBlockSetRouteEnable

    /**
     * @brief Build a valid IP route (flags IP_VALID_ROUTE, FSD_Type 3 or 4).
     * @param network the destination network address
     * @param mask the destination mask
     * @param nextHop the next hop (0.0.0.0 for a directly connected network)
     * @param interface the IPv4 interface index
     * @param metric the protocol's metric (FSD_Metric and FSD_Metric1)
     * @return the route
     */
    static RtmRoute MakeIp(Ipv4Address network,
                           Ipv4Mask mask,
                           Ipv4Address nextHop,
                           uint32_t interface,
                           uint32_t metric);

    /**
     * @brief Build an IPX route.
     * @param network the IPX network number
     * @param mac the next hop's MAC address (six bytes)
     * @param interface the interface index
     * @param ticks FSD_TickCount
     * @param hops FSD_HopCount
     * @return the route
     */
    static RtmRoute MakeIpx(uint32_t network,
                            const std::array<uint8_t, 6>& mac,
                            uint32_t interface,
                            uint16_t ticks,
                            uint16_t hops);

    /**
     * @brief Make an IP network key.
     * @param address network number, host order
     * @param mask mask, host order
     * @return the key
     */
    static constexpr uint64_t IpKey(uint32_t address, uint32_t mask)
    {
        return (static_cast<uint64_t>(address) << 32) | mask;
    }

    /**
     * @brief Make an IP network key.
     * @param network the network (already masked)
     * @param mask the mask
     * @return the key
     */
    static uint64_t IpKey(Ipv4Address network, Ipv4Mask mask)
    {
        return IpKey(network.Get(), mask.Get());
    }

    /**
     * @brief The network number of an IP key (or the address of an IP next-hop key).
     * @param key an IP network key, or an IP next-hop key
     * @return the address, host order
     */
    static constexpr uint32_t KeyAddress(uint64_t key)
    {
        return static_cast<uint32_t>(key >> 32);
    }

    /**
     * @brief The mask of an IP network key.
     * @param key an IP network key
     * @return the mask, host order
     */
    static constexpr uint32_t KeyMask(uint64_t key)
    {
        return static_cast<uint32_t>(key);
    }

    /**
     * @param key an IP network key
     * @return its network number
     */
    static Ipv4Address KeyNetwork(uint64_t key)
    {
        return Ipv4Address(KeyAddress(key));
    }

    /**
     * @param key an IP network key
     * @return its mask
     */
    static Ipv4Mask KeyIpv4Mask(uint64_t key)
    {
        return Ipv4Mask(KeyMask(key));
    }

    /**
     * @param key an IP network key
     * @return "a.b.c.d/len"
     */
    static std::string KeyToString(uint64_t key);

    /// @return the IP destination network number
    Ipv4Address GetIpNetwork() const;
    /// @return the IP destination mask
    Ipv4Mask GetIpMask() const;
    /// @return the IP next-hop address
    Ipv4Address GetIpNextHop() const;
    /// @return FSD_Metric (IP)
    uint32_t GetIpMetric() const;
    /// @return FSD_Priority (IP)
    uint32_t GetIpPriority() const;
    /// @return true if FSD_Flags has IP_VALID_ROUTE
    bool IsIpValid() const;
    /// @return FSD_TickCount (IPX)
    uint16_t GetIpxTicks() const;
    /// @return FSD_HopCount (IPX)
    uint16_t GetIpxHops() const;

    /**
     * @brief Whether the identity fields (network, protocol, interface, next hop) are equal.
     * @param o the other route
     * @return true if both name the same entry
     */
    bool SameEntry(const RtmRoute& o) const;

    /**
     * @brief Whether the fields that make a best-route change significant are equal: protocol,
     * interface, next hop and family-specific data (RTMV1.md 5.2).
     * @param o the other route
     * @return true if no significant field differs
     */
    bool SameSignificant(const RtmRoute& o) const;
};

/**
 * @ingroup rtm
 * @brief Field-wise equality (every field, time stamp included).
 * @param a a route
 * @param b a route
 * @return true if equal
 */
bool operator==(const RtmRoute& a, const RtmRoute& b);

/**
 * @ingroup rtm
 * @brief Field-wise inequality.
 * @param a a route
 * @param b a route
 * @return true if different
 */
bool operator!=(const RtmRoute& a, const RtmRoute& b);

/**
 * @ingroup rtm
 * @brief Print a route on one line.
 * @param os the stream
 * @param r the route
 * @return the stream
 */
std::ostream& operator<<(std::ostream& os, const RtmRoute& r);

/**
 * @ingroup rtm
 * @brief One best-route change of one network: what RtmDequeueRouteChangeMessage returns and
 * what the BestRouteChange trace source carries.
 */
struct RtmChange
{
    static constexpr uint32_t CURRENT = 0x1;      //!< RTM_CURRENT_BEST_ROUTE: #current is filled
    static constexpr uint32_t PREVIOUS = 0x2;     //!< RTM_PREVIOUS_BEST_ROUTE: #previous is filled
    static constexpr uint32_t ADDED = CURRENT;    //!< RTM_ROUTE_ADDED
    static constexpr uint32_t DELETED = PREVIOUS; //!< RTM_ROUTE_DELETED
    static constexpr uint32_t CHANGED = CURRENT | PREVIOUS; //!< RTM_ROUTE_CHANGED

    RtmFamily family{RtmFamily::Ip}; //!< family of the table
    uint64_t network{0};             //!< the network whose best route changed
    uint32_t flags{0};               //!< RTM_NO_CHANGE (0), ADDED, DELETED or CHANGED
    RtmRoute previous;               //!< the best route before (valid if flags has PREVIOUS)
    RtmRoute current;                //!< the best route after (valid if flags has CURRENT)
};

/**
 * @ingroup rtm
 * @brief A best IP route read in place by a longest-prefix match: the fields a lookup copies
 * out, without building an RtmRoute first (RtmLookupIPDestination's path).
 *
 * Valid until the next change of the table it came from.
 */
struct RtmIpRouteView
{
    uint32_t network;      //!< destination network, host order
    uint32_t mask;         //!< destination mask, host order
    uint32_t nextHop;      //!< next-hop address, host order
    uint32_t nextHopMask;  //!< next-hop mask, host order
    uint32_t protocol;     //!< routing protocol id
    uint32_t interface;    //!< interface index
    const uint32_t* words; //!< the 11 family-specific then 4 protocol-specific DWORDs
    int64_t timeStamp;     //!< creation or last update, 100 ns ticks of simulation time
    uint32_t ttlMs;        //!< time to live in milliseconds, or RtmRoute::INFINITE_TTL
    bool enabled;          //!< false once disabled by RtmBlockSetRouteEnable
};

} // namespace ns3

#endif /* RTM_ROUTE_H */
