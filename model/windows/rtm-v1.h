/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef RTM_V1_H
#define RTM_V1_H

/**
 * @file
 * @ingroup rtm
 * The Windows Routing Table Manager version 1 API (Rtm.h) inside a simulated node.
 *
 * Names, parameter order, types, structure layouts and numeric values are those of the Windows
 * header, so that code written for Rtm.h compiles with `using namespace ns3::rtmv1;`. Every
 * function acts on the RoutingTableManager of the node whose event the simulator is running
 * (Simulator::GetContext()), or of the node bound by an ns3::rtmv1::NodeScope. Addresses in
 * IP_NETWORK and next hops are in network byte order inside the DWORD, as in Windows.
 */

#include "ns3/callback.h"

#include <cstdint>

namespace ns3
{
namespace rtmv1
{

/// @name Windows base types
/// @{
typedef uint32_t DWORD;  //!< 32-bit unsigned
typedef uint32_t ULONG;  //!< 32-bit unsigned (LLP64)
typedef int BOOL;        //!< Win32 boolean
typedef uint16_t USHORT; //!< 16-bit unsigned
typedef uint8_t BYTE;    //!< 8-bit unsigned
typedef void* PVOID;     //!< untyped pointer
typedef void* HANDLE;    //!< opaque handle
typedef DWORD* PDWORD;   //!< pointer to DWORD
/// @}

#ifndef TRUE
constexpr BOOL TRUE = 1; //!< Win32 TRUE
#endif
#ifndef FALSE
constexpr BOOL FALSE = 0; //!< Win32 FALSE
#endif

/// Win32 FILETIME: 100 ns ticks (here: of simulation time).
struct FILETIME
{
    DWORD dwLowDateTime;  //!< low 32 bits
    DWORD dwHighDateTime; //!< high 32 bits
};

/// @name Protocol families (RTMV1.md 2.1)
/// @{
constexpr DWORD RTM_PROTOCOL_FAMILY_IPX = 0; //!< IPX
constexpr DWORD RTM_PROTOCOL_FAMILY_IP = 1;  //!< IP
/// @}

/// @name Change flags (RTMV1.md 2.2)
/// @{
constexpr DWORD RTM_CURRENT_BEST_ROUTE = 0x00000001;         //!< CurBestRoute filled
constexpr DWORD RTM_PREVIOUS_BEST_ROUTE = 0x00000002;        //!< PrevBestRoute filled
constexpr DWORD RTM_NO_CHANGE = 0;                           //!< no best-route change
constexpr DWORD RTM_ROUTE_ADDED = RTM_CURRENT_BEST_ROUTE;    //!< first route to a network
constexpr DWORD RTM_ROUTE_DELETED = RTM_PREVIOUS_BEST_ROUTE; //!< last route to a network gone
constexpr DWORD RTM_ROUTE_CHANGED = RTM_CURRENT_BEST_ROUTE | RTM_PREVIOUS_BEST_ROUTE; //!< changed
/// @}

/// @name Enumeration flags (RTMV1.md 2.3)
/// @{
constexpr DWORD RTM_ONLY_THIS_NETWORK = 0x00000001;   //!< match RR_Network
constexpr DWORD RTM_ONLY_THIS_INTERFACE = 0x00000002; //!< match RR_InterfaceID
constexpr DWORD RTM_ONLY_THIS_PROTOCOL = 0x00000004;  //!< match RR_RoutingProtocol
constexpr DWORD RTM_ONLY_BEST_ROUTES = 0x00000008;    //!< best routes only
/// @}

constexpr DWORD RTM_PROTOCOL_SINGLE_ROUTE = 0x00000001; //!< registration flag (RTMV1.md 2.4)

/// @name Family-specific flags (RTMV1.md 2.5)
/// @{
constexpr DWORD IPX_GLOBAL_CLIENT_WAN_ROUTE = 0x00000001; //!< IPX_SPECIFIC_DATA.FSD_Flags
constexpr DWORD IP_VALID_ROUTE = 0x00000001;              //!< IP_SPECIFIC_DATA.FSD_Flags
/// @}

/// @name Error codes (RTMV1.md 2.6)
/// @{
constexpr DWORD NO_ERROR = 0;                                       //!< success
constexpr DWORD ERROR_INVALID_HANDLE = 6;                           //!< bad handle
constexpr DWORD ERROR_NOT_ENOUGH_MEMORY = 8;                        //!< allocation failed
constexpr DWORD ERROR_INVALID_PARAMETER = 87;                       //!< bad parameter
constexpr DWORD ERROR_ALREADY_EXISTS = 183;                         //!< already exists
constexpr DWORD ERROR_MORE_DATA = 234;                              //!< more data
constexpr DWORD ERROR_NO_MORE_ITEMS = 259;                          //!< no more items
constexpr DWORD ERROR_NO_SYSTEM_RESOURCES = 1450;                   //!< no resources
constexpr DWORD ERROR_CLIENT_ALREADY_EXISTS = ERROR_ALREADY_EXISTS; //!< Rtm.h alias
constexpr DWORD ERROR_MORE_MESSAGES = ERROR_MORE_DATA;              //!< Rtm.h alias
constexpr DWORD ERROR_NO_MESSAGES = ERROR_NO_MORE_ITEMS;            //!< Rtm.h alias
constexpr DWORD ERROR_NO_MORE_ROUTES = ERROR_NO_MORE_ITEMS;         //!< Rtm.h alias
constexpr DWORD ERROR_NO_ROUTES = ERROR_NO_MORE_ITEMS;              //!< Rtm.h alias
constexpr DWORD ERROR_NO_SUCH_ROUTE = ERROR_NO_MORE_ITEMS;          //!< Rtm.h alias
constexpr DWORD INFINITE = 0xFFFFFFFF;                              //!< never expires
/// @}

/// @name IP routing protocol ids (routprot.h, RTMV1.md 2.8)
/// @{
constexpr DWORD PROTO_IP_OTHER = 1;                 //!< other
constexpr DWORD PROTO_IP_LOCAL = 2;                 //!< local (connected)
constexpr DWORD PROTO_IP_NETMGMT = 3;               //!< network management
constexpr DWORD PROTO_IP_ICMP = 4;                  //!< ICMP
constexpr DWORD PROTO_IP_EGP = 5;                   //!< EGP
constexpr DWORD PROTO_IP_GGP = 6;                   //!< GGP
constexpr DWORD PROTO_IP_HELLO = 7;                 //!< HELLO
constexpr DWORD PROTO_IP_RIP = 8;                   //!< RIP
constexpr DWORD PROTO_IP_IS_IS = 9;                 //!< IS-IS
constexpr DWORD PROTO_IP_ES_IS = 10;                //!< ES-IS
constexpr DWORD PROTO_IP_CISCO = 11;                //!< Cisco IGRP
constexpr DWORD PROTO_IP_BBN = 12;                  //!< BBN
constexpr DWORD PROTO_IP_OSPF = 13;                 //!< OSPF
constexpr DWORD PROTO_IP_BGP = 14;                  //!< BGP
constexpr DWORD PROTO_IP_BOOTP = 9999;              //!< BOOTP relay
constexpr DWORD PROTO_IP_NT_AUTOSTATIC = 10002;     //!< autostatic
constexpr DWORD PROTO_IP_NT_STATIC = 10006;         //!< static
constexpr DWORD PROTO_IP_NT_STATIC_NON_DOD = 10007; //!< static, not demand-dial
/// @}

/// @name IPX routing protocol ids (ipxrtdef.h, routprot.h)
/// @{
constexpr DWORD IPX_PROTOCOL_LOCAL = 1;                    //!< local
constexpr DWORD IPX_PROTOCOL_STATIC = 2;                   //!< static
constexpr DWORD IPX_PROTOCOL_BASE = 0x0001ffff;            //!< base of the others
constexpr DWORD IPX_PROTOCOL_RIP = IPX_PROTOCOL_BASE + 1;  //!< RIP (0x00020000)
constexpr DWORD IPX_PROTOCOL_SAP = IPX_PROTOCOL_BASE + 2;  //!< SAP (0x00020001)
constexpr DWORD IPX_PROTOCOL_NLSP = IPX_PROTOCOL_BASE + 3; //!< NLSP (0x00020002)

/// @}

/// IP network number and mask (network byte order inside each DWORD).
struct IP_NETWORK
{
    DWORD N_NetNumber; //!< network number
    DWORD N_NetMask;   //!< mask
};

typedef IP_NETWORK* PIP_NETWORK;          //!< pointer
typedef IP_NETWORK IP_NEXT_HOP_ADDRESS;   //!< next hop: same layout
typedef IP_NETWORK* PIP_NEXT_HOP_ADDRESS; //!< pointer

/// IPX network number.
struct IPX_NETWORK
{
    DWORD N_NetNumber; //!< network number
};

typedef IPX_NETWORK* PIPX_NETWORK; //!< pointer

/// IPX next hop: the router's MAC address.
struct IPX_NEXT_HOP_ADDRESS
{
    BYTE NHA_Mac[6]; //!< MAC address
};

typedef IPX_NEXT_HOP_ADDRESS* PIPX_NEXT_HOP_ADDRESS; //!< pointer

/// Opaque protocol data.
struct PROTOCOL_SPECIFIC_DATA
{
    DWORD PSD_Data[4]; //!< 16 bytes
};

typedef PROTOCOL_SPECIFIC_DATA* PPROTOCOL_SPECIFIC_DATA; //!< pointer

/// IPX metrics.
struct IPX_SPECIFIC_DATA
{
    DWORD FSD_Flags;      //!< 0 or IPX_GLOBAL_CLIENT_WAN_ROUTE
    USHORT FSD_TickCount; //!< ticks to the network
    USHORT FSD_HopCount;  //!< hops to the network
};

typedef IPX_SPECIFIC_DATA* PIPX_SPECIFIC_DATA; //!< pointer

/// IP metrics and flags.
struct IP_SPECIFIC_DATA
{
    DWORD FSD_Type;      //!< RFC 1354 ipForwardType
    DWORD FSD_Policy;    //!< policy (TOS)
    DWORD FSD_NextHopAS; //!< next hop's AS
    DWORD FSD_Priority;  //!< inter-protocol priority, set by the RTM
    DWORD FSD_Metric;    //!< intra-protocol metric
    DWORD FSD_Metric1;   //!< MIB-II metric 1
    DWORD FSD_Metric2;   //!< MIB-II metric 2
    DWORD FSD_Metric3;   //!< MIB-II metric 3
    DWORD FSD_Metric4;   //!< MIB-II metric 4
    DWORD FSD_Metric5;   //!< MIB-II metric 5
    DWORD FSD_Flags;     //!< IP_VALID_ROUTE
};

typedef IP_SPECIFIC_DATA* PIP_SPECIFIC_DATA; //!< pointer

/// An IP route entry, with the Windows layout (92 bytes).
struct RTM_IP_ROUTE
{
    union {
        FILETIME RR_TimeStamp;   //!< created or updated, set by the RTM
        DWORD RR_TimeStampAlign; //!< alignment
    };

    DWORD RR_RoutingProtocol; //!< protocol, set from the client handle
    DWORD RR_InterfaceID;     //!< interface index

    union {
        PROTOCOL_SPECIFIC_DATA RR_ProtocolSpecificData; //!< opaque data
        DWORD RR_ProtocolSpecificDataAlign;             //!< alignment
    };

    union {
        IP_NETWORK RR_Network; //!< destination
        DWORD RR_NetworkAlign; //!< alignment
    };

    union {
        IP_NEXT_HOP_ADDRESS RR_NextHopAddress; //!< next hop
        DWORD RR_NextHopAddressAlign;          //!< alignment
    };

    union {
        IP_SPECIFIC_DATA RR_FamilySpecificData; //!< metrics
        DWORD RR_FamilySpecificDataAlign;       //!< alignment
    };
};

typedef RTM_IP_ROUTE* PRTM_IP_ROUTE; //!< pointer

/// An IPX route entry, with the Windows layout (52 bytes).
struct RTM_IPX_ROUTE
{
    union {
        FILETIME RR_TimeStamp;   //!< created or updated, set by the RTM
        DWORD RR_TimeStampAlign; //!< alignment
    };

    DWORD RR_RoutingProtocol; //!< protocol, set from the client handle
    DWORD RR_InterfaceID;     //!< interface index

    union {
        PROTOCOL_SPECIFIC_DATA RR_ProtocolSpecificData; //!< opaque data
        DWORD RR_ProtocolSpecificDataAlign;             //!< alignment
    };

    union {
        IPX_NETWORK RR_Network; //!< destination
        DWORD RR_NetworkAlign;  //!< alignment
    };

    union {
        IPX_NEXT_HOP_ADDRESS RR_NextHopAddress; //!< next hop
        DWORD RR_NextHopAddressAlign;           //!< alignment
    };

    union {
        IPX_SPECIFIC_DATA RR_FamilySpecificData; //!< metrics
        DWORD RR_FamilySpecificDataAlign;        //!< alignment
    };
};

typedef RTM_IPX_ROUTE* PRTM_IPX_ROUTE; //!< pointer

static_assert(sizeof(RTM_IP_ROUTE) == 92, "RTM_IP_ROUTE must have the Windows layout");
static_assert(sizeof(RTM_IPX_ROUTE) == 52, "RTM_IPX_ROUTE must have the Windows layout");

/// @name Route-flag helpers (the Rtm.h macros)
/// @{

/**
 * @brief FSD_Flags = 0.
 * @param pRoute an IP route
 */
inline void
ClearRouteFlags(PRTM_IP_ROUTE pRoute)
{
    pRoute->RR_FamilySpecificData.FSD_Flags = 0;
}

/**
 * @param pRoute an IP route
 * @return FSD_Flags & IP_VALID_ROUTE
 */
inline DWORD
IsRouteValid(const RTM_IP_ROUTE* pRoute)
{
    return pRoute->RR_FamilySpecificData.FSD_Flags & IP_VALID_ROUTE;
}

/**
 * @brief FSD_Flags |= IP_VALID_ROUTE.
 * @param pRoute an IP route
 */
inline void
SetRouteValid(PRTM_IP_ROUTE pRoute)
{
    pRoute->RR_FamilySpecificData.FSD_Flags |= IP_VALID_ROUTE;
}

/**
 * @brief FSD_Flags &= ~IP_VALID_ROUTE.
 * @param pRoute an IP route
 */
inline void
ClearRouteValid(PRTM_IP_ROUTE pRoute)
{
    pRoute->RR_FamilySpecificData.FSD_Flags &= ~IP_VALID_ROUTE;
}

/**
 * @param pRoute an IP route
 * @return true if the network is multicast or reserved (first octet >= 224)
 */
inline bool
IsRouteNonUnicast(const RTM_IP_ROUTE* pRoute)
{
    return (pRoute->RR_Network.N_NetNumber & 0xFF) >= 0xE0;
}

/**
 * @param pRoute an IP route
 * @return true if the network is 127/8 or the next hop is 127.0.0.1
 */
inline bool
IsRouteLoopback(const RTM_IP_ROUTE* pRoute)
{
    return (pRoute->RR_Network.N_NetNumber & 0xFF) == 0x7F ||
           pRoute->RR_NextHopAddress.N_NetNumber == 0x0100007F;
}

/// @}

/// @name The RTMv1 functions
/// @{

/**
 * @brief Register the caller as the handler of a routing protocol.
 * @param ProtocolFamily RTM_PROTOCOL_FAMILY_IP or RTM_PROTOCOL_FAMILY_IPX
 * @param RoutingProtocol the protocol id
 * @param ChangeEvent an event from RtmCreateChangeEvent, or NULL for no notifications
 * @param Flags 0 or RTM_PROTOCOL_SINGLE_ROUTE
 * @return a client handle, or NULL (GetLastError: ERROR_CLIENT_ALREADY_EXISTS,
 *         ERROR_INVALID_PARAMETER, ERROR_INVALID_HANDLE for a bad event)
 */
HANDLE RtmRegisterClient(DWORD ProtocolFamily,
                         DWORD RoutingProtocol,
                         HANDLE ChangeEvent,
                         DWORD Flags);

/**
 * @brief Deregister a client and delete every route it added.
 * @param ClientHandle the client
 * @return NO_ERROR or ERROR_INVALID_HANDLE
 */
DWORD RtmDeregisterClient(HANDLE ClientHandle);

/**
 * @brief Take the oldest route-change message of the client's queue.
 * @param ClientHandle the client
 * @param Flags RTM_ROUTE_ADDED, RTM_ROUTE_DELETED or RTM_ROUTE_CHANGED (out)
 * @param CurBestRoute the best route after the change (out, optional)
 * @param PrevBestRoute the best route before (out, optional)
 * @return NO_ERROR (last message; event reset), ERROR_MORE_MESSAGES, ERROR_NO_MESSAGES (event
 *         reset) or ERROR_INVALID_HANDLE (also for a client without an event)
 */
DWORD RtmDequeueRouteChangeMessage(HANDLE ClientHandle,
                                   DWORD* Flags,
                                   PVOID CurBestRoute,
                                   PVOID PrevBestRoute);

/**
 * @brief Add or update a route.
 * @param ClientHandle the client (supplies RR_RoutingProtocol)
 * @param Route an RTM_IP_ROUTE or RTM_IPX_ROUTE
 * @param TimeToLive seconds (at most 2147483) or INFINITE
 * @param Flags RTM_NO_CHANGE, RTM_ROUTE_ADDED or RTM_ROUTE_CHANGED (out); RTM_ROUTE_DELETED
 *        when an update clears IP_VALID_ROUTE of the network's last valid route, which leaves
 *        it with no best route (DECISIONS.md 10)
 * @param CurBestRoute the best route after (out, optional)
 * @param PrevBestRoute the best route before (out, optional)
 * @return NO_ERROR, ERROR_INVALID_HANDLE or ERROR_INVALID_PARAMETER
 */
DWORD RtmAddRoute(HANDLE ClientHandle,
                  PVOID Route,
                  DWORD TimeToLive,
                  DWORD* Flags,
                  PVOID CurBestRoute,
                  PVOID PrevBestRoute);

/**
 * @brief Delete a route of the client.
 * @param ClientHandle the client
 * @param Route network, interface and next hop of the entry
 * @param Flags RTM_NO_CHANGE, RTM_ROUTE_DELETED or RTM_ROUTE_CHANGED (out)
 * @param CurBestRoute the new best route after RTM_ROUTE_CHANGED (out, optional)
 * @return NO_ERROR, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER or ERROR_NO_SUCH_ROUTE
 */
DWORD RtmDeleteRoute(HANDLE ClientHandle, PVOID Route, DWORD* Flags, PVOID CurBestRoute);

/**
 * @brief Whether a network (exact match) has a route.
 * @param ProtocolFamily the family
 * @param Network an IP_NETWORK or IPX_NETWORK
 * @param BestRoute its best route (out, optional)
 * @return TRUE, or FALSE with GetLastError NO_ERROR (no route) or ERROR_INVALID_PARAMETER
 */
BOOL RtmIsRoute(DWORD ProtocolFamily, PVOID Network, PVOID BestRoute);

/**
 * @param ProtocolFamily the family
 * @return the number of networks with a route; 0 with GetLastError NO_ERROR or
 *         ERROR_INVALID_PARAMETER
 */
ULONG RtmGetNetworkCount(DWORD ProtocolFamily);

/**
 * @param Route a route filled by the RTM (RR_TimeStamp is read)
 * @return seconds since it was created or updated, or INFINITE with ERROR_INVALID_PARAMETER
 *         (NULL, or a time stamp in the future: RTMV1.md 4.8)
 */
ULONG RtmGetRouteAge(PVOID Route);

/**
 * @brief Start an enumeration of the routes that exist now and match.
 * @param ProtocolFamily the family
 * @param EnumerationFlags RTM_ONLY_* flags
 * @param CriteriaRoute the criteria (may be NULL when no criterion field is needed)
 * @return a handle, or NULL (GetLastError: ERROR_NO_ROUTES, ERROR_INVALID_PARAMETER)
 */
HANDLE RtmCreateEnumerationHandle(DWORD ProtocolFamily,
                                  DWORD EnumerationFlags,
                                  PVOID CriteriaRoute);

/**
 * @brief The next route of an enumeration.
 * @param EnumerationHandle the enumeration
 * @param Route the route (out)
 * @return NO_ERROR, ERROR_INVALID_HANDLE or ERROR_NO_MORE_ROUTES
 */
DWORD RtmEnumerateGetNextRoute(HANDLE EnumerationHandle, PVOID Route);

/**
 * @brief End an enumeration.
 * @param EnumerationHandle the enumeration
 * @return NO_ERROR or ERROR_INVALID_HANDLE
 */
DWORD RtmCloseEnumerationHandle(HANDLE EnumerationHandle);

/**
 * @brief Delete the client's routes that match; every client is told, the caller included.
 * @param ClientHandle the client
 * @param EnumerationFlags RTM_ONLY_THIS_NETWORK, RTM_ONLY_THIS_INTERFACE (the other two are
 *        accepted and ignored)
 * @param CriteriaRoute the criteria
 * @return NO_ERROR, ERROR_NO_ROUTES, ERROR_INVALID_HANDLE or ERROR_INVALID_PARAMETER
 */
DWORD RtmBlockDeleteRoutes(HANDLE ClientHandle, DWORD EnumerationFlags, PVOID CriteriaRoute);

/**
 * @brief The first route, in (network, protocol, interface, next hop) order, that matches.
 * @param ProtocolFamily the family
 * @param EnumerationFlags RTM_ONLY_* flags
 * @param Route the criteria in, the route out
 * @return NO_ERROR, ERROR_INVALID_PARAMETER or ERROR_NO_ROUTES
 */
DWORD RtmGetFirstRoute(DWORD ProtocolFamily, DWORD EnumerationFlags, PVOID Route);

/**
 * @brief The route after Route, in the same order, that matches.
 * @param ProtocolFamily the family
 * @param EnumerationFlags RTM_ONLY_* flags
 * @param Route the cursor and criteria in, the route out
 * @return NO_ERROR, ERROR_INVALID_PARAMETER or ERROR_NO_ROUTES
 */
DWORD RtmGetNextRoute(DWORD ProtocolFamily, DWORD EnumerationFlags, PVOID Route);

/**
 * @brief The Rtm.h macro: the route with this network, protocol and interface.
 * @param ProtocolFamily the family
 * @param Route the criteria in, the route out
 * @return as RtmGetFirstRoute
 */
inline DWORD
RtmGetSpecificRoute(DWORD ProtocolFamily, PVOID Route)
{
    return RtmGetFirstRoute(ProtocolFamily,
                            RTM_ONLY_THIS_NETWORK | RTM_ONLY_THIS_PROTOCOL |
                                RTM_ONLY_THIS_INTERFACE,
                            Route);
}

/**
 * @brief Longest-prefix match of an address over the best IP routes (this project's reading of
 * the undocumented export).
 * @param dwDestAddr the address, network byte order
 * @param prir the route (out, optional)
 * @return TRUE, or FALSE with ERROR_NO_ROUTES
 */
BOOL RtmLookupIPDestination(DWORD dwDestAddr, PRTM_IP_ROUTE prir);

/**
 * @brief Enable or disable the client's matching routes for best-route choice (this project's
 * reading of the undocumented export); every client is told of the changes.
 * @param ClientHandle the client
 * @param EnumerationFlags RTM_ONLY_THIS_NETWORK, RTM_ONLY_THIS_INTERFACE
 * @param CriteriaRoute the criteria
 * @param Enable TRUE to enable
 * @return NO_ERROR, ERROR_NO_ROUTES, ERROR_INVALID_HANDLE or ERROR_INVALID_PARAMETER
 */
DWORD RtmBlockSetRouteEnable(HANDLE ClientHandle,
                             DWORD EnumerationFlags,
                             PVOID CriteriaRoute,
                             BOOL Enable);

/**
 * @brief Make matching routes of any protocol the client's, with TTL INFINITE (this project's
 * reading of the undocumented export); every client is told of the changes.
 * @param ClientHandle the client
 * @param EnumerationFlags RTM_ONLY_* flags
 * @param CriteriaRoute the criteria
 * @return NO_ERROR, ERROR_NO_ROUTES, ERROR_INVALID_HANDLE or ERROR_INVALID_PARAMETER
 */
DWORD RtmBlockConvertRoutesToStatic(HANDLE ClientHandle,
                                    DWORD EnumerationFlags,
                                    PVOID CriteriaRoute);

/// @}

/// @name Win32 support
/// @{

/// @return the calling node's last error (ERROR_INVALID_PARAMETER if no node is bound)
DWORD GetLastError();

/**
 * @brief Set the calling node's last error (nothing if no node is bound).
 * @param dwErrCode the code
 */
void SetLastError(DWORD dwErrCode);

/**
 * @brief Create a change event: the stand-in for a Win32 manual-reset event. When the RTM
 * signals it, onSignal runs as an event in the node's context, once until the client drains its
 * queue.
 * @param onSignal the wake-up callback (not null)
 * @return the event handle, or NULL: no node bound (or its simulation destroyed), or
 *         ERROR_INVALID_PARAMETER for a null callback (an event nobody could wait on; a client
 *         that wants no notifications registers with a NULL event instead, RTMV1.md 4.1)
 */
HANDLE RtmCreateChangeEvent(ns3::Callback<void> onSignal);

/**
 * @brief Close a change event. Clients registered with it keep it until they deregister.
 * @param hEvent the event
 * @return NO_ERROR or ERROR_INVALID_HANDLE
 */
DWORD RtmCloseChangeEvent(HANDLE hEvent);

/// @}

} // namespace rtmv1
} // namespace ns3

#endif /* RTM_V1_H */
