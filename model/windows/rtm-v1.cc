/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "rtm-v1.h"

#include "rtm-v1-context.h"
#include "rtm-v1-node-scope.h"

#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/routing-table-manager.h"

#include <arpa/inet.h>
#include <cstring>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmV1");

namespace rtmv1
{

namespace
{

/// The last node a call of this thread resolved, with its manager and facade state. Holding the
/// node keeps its address from being reused, so comparing addresses identifies it. This is a
/// per-thread memo of the binding, not simulation state.
struct Resolved
{
    Node* node{nullptr};          //!< identity of the node
    Ptr<Node> keep;               //!< keeps the node alive while cached
    Ptr<RoutingTableManager> rtm; //!< its manager
    Ptr<Context> ctx;             //!< its facade state
};

thread_local Resolved g_resolved;

/// The node the call acts on, with its manager and facade state.
struct Binding
{
    RoutingTableManager* rtm{nullptr}; //!< manager (null: no node bound)
    Context* ctx{nullptr};             //!< facade state

    Binding()
    {
        if (NodeScope* scope = NodeScope::Innermost())
        {
            scope->Resolve(&rtm, &ctx); // the usual case: remembered by the scope itself
        }
        else
        {
            FromSimulatorContext();
        }
        if (rtm && rtm->IsDisposed())
        {
            // the node's simulation was destroyed: as if no node were bound (DECISIONS 6)
            rtm = nullptr;
            ctx = nullptr;
        }
    }

    /// Bind the node of the running simulator context (per-thread memo of the last one).
    __attribute__((noinline)) void FromSimulatorContext()
    {
        Node* current = NodeScope::PeekCurrent();
        if (!current)
        {
            return;
        }
        if (current != g_resolved.node)
        {
            Ptr<Node> node(current);
            g_resolved.rtm = RoutingTableManager::ForNode(node);
            g_resolved.ctx = Context::ForNode(node);
            g_resolved.keep = node;
            g_resolved.node = PeekPointer(node);
        }
        rtm = PeekPointer(g_resolved.rtm);
        ctx = PeekPointer(g_resolved.ctx);
    }

    explicit operator bool() const
    {
        return rtm != nullptr;
    }

    /// Set the last error and pass a value through.
    template <typename T>
    T Fail(DWORD error, T value) const
    {
        ctx->SetLastError(error);
        return value;
    }
};

inline uint64_t
Token(HANDLE h)
{
    return static_cast<uint64_t>(reinterpret_cast<uintptr_t>(h));
}

inline HANDLE
ToHandle(uint64_t token)
{
    return reinterpret_cast<HANDLE>(static_cast<uintptr_t>(token));
}

/// RR_TimeStamp as 100 ns ticks (any bit pattern: no signed shift overflow on the way).
inline int64_t
StampOf(const FILETIME& t)
{
    return static_cast<int64_t>((static_cast<uint64_t>(t.dwHighDateTime) << 32) | t.dwLowDateTime);
}

inline DWORD
Code(RtmError e)
{
    return static_cast<DWORD>(e);
}

bool
FamilyOf(DWORD family, RtmFamily* out)
{
    if (family == RTM_PROTOCOL_FAMILY_IP)
    {
        *out = RtmFamily::Ip;
        return true;
    }
    if (family == RTM_PROTOCOL_FAMILY_IPX)
    {
        *out = RtmFamily::Ipx;
        return true;
    }
    return false;
}

uint64_t
IpKey(const IP_NETWORK& n)
{
    return (static_cast<uint64_t>(ntohl(n.N_NetNumber)) << 32) | ntohl(n.N_NetMask);
}

IP_NETWORK
IpNet(uint64_t key)
{
    IP_NETWORK n;
    n.N_NetNumber = htonl(RtmRoute::KeyAddress(key));
    n.N_NetMask = htonl(RtmRoute::KeyMask(key));
    return n;
}

uint64_t
MacKey(const IPX_NEXT_HOP_ADDRESS& a)
{
    uint64_t k = 0;
    for (BYTE b : a.NHA_Mac)
    {
        k = (k << 8) | b;
    }
    return k;
}

/// Windows record -> RtmRoute.
RtmRoute
FromWin(RtmFamily family, const void* p)
{
    RtmRoute r;
    if (family == RtmFamily::Ip)
    {
        const auto* w = static_cast<const RTM_IP_ROUTE*>(p);
        r.network = IpKey(w->RR_Network);
        r.nextHop = IpKey(w->RR_NextHopAddress);
        r.protocol = w->RR_RoutingProtocol;
        r.interface = w->RR_InterfaceID;
        static_assert(sizeof(IP_SPECIFIC_DATA) == sizeof(r.familyData), "IP data layout");
        std::memcpy(r.familyData.data(), &w->RR_FamilySpecificData, sizeof(IP_SPECIFIC_DATA));
        std::memcpy(r.protocolData.data(), &w->RR_ProtocolSpecificData, 16);
        r.timeStamp = StampOf(w->RR_TimeStamp);
    }
    else
    {
        const auto* w = static_cast<const RTM_IPX_ROUTE*>(p);
        r.network = w->RR_Network.N_NetNumber;
        r.nextHop = MacKey(w->RR_NextHopAddress);
        r.protocol = w->RR_RoutingProtocol;
        r.interface = w->RR_InterfaceID;
        r.familyData[0] = w->RR_FamilySpecificData.FSD_Flags;
        r.familyData[1] = static_cast<uint32_t>(w->RR_FamilySpecificData.FSD_TickCount) |
                          (static_cast<uint32_t>(w->RR_FamilySpecificData.FSD_HopCount) << 16);
        std::memcpy(r.protocolData.data(), &w->RR_ProtocolSpecificData, 16);
        r.timeStamp = StampOf(w->RR_TimeStamp);
    }
    return r;
}

/// RtmRoute -> Windows record.
void
ToWin(RtmFamily family, const RtmRoute& r, void* p)
{
    if (!p)
    {
        return;
    }
    if (family == RtmFamily::Ip)
    {
        auto* w = static_cast<RTM_IP_ROUTE*>(p); // every byte is written below: no padding
        w->RR_TimeStamp.dwLowDateTime = static_cast<DWORD>(r.timeStamp);
        w->RR_TimeStamp.dwHighDateTime =
            static_cast<DWORD>(static_cast<uint64_t>(r.timeStamp) >> 32);
        w->RR_RoutingProtocol = r.protocol;
        w->RR_InterfaceID = r.interface;
        std::memcpy(&w->RR_ProtocolSpecificData, r.protocolData.data(), 16);
        w->RR_Network = IpNet(r.network);
        w->RR_NextHopAddress = IpNet(r.nextHop);
        std::memcpy(&w->RR_FamilySpecificData, r.familyData.data(), sizeof(IP_SPECIFIC_DATA));
    }
    else
    {
        auto* w = static_cast<RTM_IPX_ROUTE*>(p);
        std::memset(w, 0, sizeof(*w));
        w->RR_TimeStamp.dwLowDateTime = static_cast<DWORD>(r.timeStamp);
        w->RR_TimeStamp.dwHighDateTime =
            static_cast<DWORD>(static_cast<uint64_t>(r.timeStamp) >> 32);
        w->RR_RoutingProtocol = r.protocol;
        w->RR_InterfaceID = r.interface;
        std::memcpy(&w->RR_ProtocolSpecificData, r.protocolData.data(), 16);
        w->RR_Network.N_NetNumber = static_cast<DWORD>(r.network);
        for (int i = 0; i < 6; ++i)
        {
            w->RR_NextHopAddress.NHA_Mac[i] = static_cast<BYTE>(r.nextHop >> (8 * (5 - i)));
        }
        w->RR_FamilySpecificData.FSD_Flags = r.familyData[0];
        w->RR_FamilySpecificData.FSD_TickCount = static_cast<USHORT>(r.familyData[1] & 0xFFFF);
        w->RR_FamilySpecificData.FSD_HopCount = static_cast<USHORT>(r.familyData[1] >> 16);
    }
}

/// The criteria route of an enumeration call (all zero when the flags need none).
bool
Criteria(RtmFamily family, DWORD flags, const void* p, RtmRoute* out)
{
    if (p)
    {
        *out = FromWin(family, p);
        return true;
    }
    *out = RtmRoute();
    return (flags & (RTM_ONLY_THIS_NETWORK | RTM_ONLY_THIS_INTERFACE | RTM_ONLY_THIS_PROTOCOL)) ==
           0;
}

/**
 * The arguments every block operation checks, in the Windows order: a bound node, a live client
 * handle, known flags, readable criteria.
 * @param b the binding
 * @param client the client handle
 * @param flags the caller's enumeration flags
 * @param criteriaFlags the flags whose criteria fields are read
 * @param criteriaRoute the caller's criteria route
 * @param criteria the criteria (out)
 * @return NO_ERROR or the error to return
 */
DWORD
BlockArguments(const Binding& b,
               HANDLE client,
               DWORD flags,
               DWORD criteriaFlags,
               const void* criteriaRoute,
               RtmRoute* criteria)
{
    if (!b)
    {
        return ERROR_INVALID_PARAMETER;
    }
    RtmFamily family;
    if (!b.rtm->GetClientInfo(Token(client), &family, nullptr))
    {
        return ERROR_INVALID_HANDLE;
    }
    if ((flags & ~RoutingTableManager::ENUMERATION_FLAGS) != 0 ||
        !Criteria(family, criteriaFlags, criteriaRoute, criteria))
    {
        return ERROR_INVALID_PARAMETER;
    }
    return NO_ERROR;
}

/**
 * RtmGetFirstRoute and RtmGetNextRoute: one step of the ordered walk.
 * @param protocolFamily the family
 * @param flags the enumeration flags
 * @param route criteria and cursor in, the route found out
 * @param first true for RtmGetFirstRoute
 * @return the Windows code
 */
DWORD
OrderedStep(DWORD protocolFamily, DWORD flags, void* route, bool first)
{
    Binding b;
    if (!b)
    {
        return ERROR_INVALID_PARAMETER;
    }
    RtmFamily family;
    if (!FamilyOf(protocolFamily, &family) || !route ||
        (flags & ~RoutingTableManager::ENUMERATION_FLAGS) != 0)
    {
        return ERROR_INVALID_PARAMETER;
    }
    RtmRoute r = FromWin(family, route);
    RtmError err =
        first ? b.rtm->GetFirstRoute(family, flags, &r) : b.rtm->GetNextRoute(family, flags, &r);
    if (err == RtmError::Success)
    {
        ToWin(family, r, route);
    }
    return Code(err);
}

} // namespace

DWORD
GetLastError()
{
    Binding b;
    return b ? b.ctx->GetLastError() : ERROR_INVALID_PARAMETER;
}

void
SetLastError(DWORD dwErrCode)
{
    Binding b;
    if (b)
    {
        b.ctx->SetLastError(dwErrCode);
    }
}

HANDLE
RtmCreateChangeEvent(ns3::Callback<void> onSignal)
{
    Binding b;
    if (!b)
    {
        return nullptr;
    }
    if (onSignal.IsNull())
    {
        // an event nobody can wait on: a client registered with it would get no queue
        return b.Fail<HANDLE>(ERROR_INVALID_PARAMETER, nullptr);
    }
    Ptr<Node> node = b.rtm->GetNode();
    if (!node || node->GetId() >= RoutingTableManager::MAX_TAG)
    {
        return b.Fail<HANDLE>(ERROR_NO_SYSTEM_RESOURCES, nullptr); // no tag for its tokens
    }
    return ToHandle(b.ctx->CreateEvent(node->GetId() + 1, onSignal));
}

DWORD
RtmCloseChangeEvent(HANDLE hEvent)
{
    Binding b;
    if (!b)
    {
        return ERROR_INVALID_PARAMETER;
    }
    return b.ctx->CloseEvent(Token(hEvent)) ? NO_ERROR : ERROR_INVALID_HANDLE;
}

HANDLE
RtmRegisterClient(DWORD ProtocolFamily, DWORD RoutingProtocol, HANDLE ChangeEvent, DWORD Flags)
{
    NS_LOG_FUNCTION(ProtocolFamily << RoutingProtocol << ChangeEvent << Flags);
    Binding b;
    if (!b)
    {
        return nullptr;
    }
    RtmFamily family;
    if (!FamilyOf(ProtocolFamily, &family) || (Flags & ~RTM_PROTOCOL_SINGLE_ROUTE) != 0)
    {
        return b.Fail<HANDLE>(ERROR_INVALID_PARAMETER, nullptr);
    }
    Callback<void> signal;
    if (ChangeEvent && !b.ctx->FindEvent(Token(ChangeEvent), &signal))
    {
        return b.Fail<HANDLE>(ERROR_INVALID_HANDLE, nullptr);
    }
    RtmError err;
    uint64_t id = b.rtm->RegisterClient(family, RoutingProtocol, Flags, signal, &err);
    if (id == 0)
    {
        return b.Fail<HANDLE>(Code(err), nullptr);
    }
    return ToHandle(id);
}

DWORD
RtmDeregisterClient(HANDLE ClientHandle)
{
    Binding b;
    if (!b)
    {
        return ERROR_INVALID_PARAMETER;
    }
    return Code(b.rtm->DeregisterClient(Token(ClientHandle)));
}

DWORD
RtmDequeueRouteChangeMessage(HANDLE ClientHandle,
                             DWORD* Flags,
                             PVOID CurBestRoute,
                             PVOID PrevBestRoute)
{
    Binding b;
    if (!b)
    {
        return ERROR_INVALID_PARAMETER;
    }
    RtmFamily family;
    if (!b.rtm->GetClientInfo(Token(ClientHandle), &family, nullptr))
    {
        return ERROR_INVALID_HANDLE;
    }
    if (!Flags)
    {
        return ERROR_INVALID_PARAMETER;
    }
    RtmChange msg;
    RtmError err = b.rtm->DequeueRouteChange(Token(ClientHandle), &msg);
    if (err == RtmError::Success || err == RtmError::MoreData)
    {
        *Flags = msg.flags;
        if (msg.flags & RTM_CURRENT_BEST_ROUTE)
        {
            ToWin(family, msg.current, CurBestRoute);
        }
        if (msg.flags & RTM_PREVIOUS_BEST_ROUTE)
        {
            ToWin(family, msg.previous, PrevBestRoute);
        }
    }
    return Code(err);
}

DWORD
RtmAddRoute(HANDLE ClientHandle,
            PVOID Route,
            DWORD TimeToLive,
            DWORD* Flags,
            PVOID CurBestRoute,
            PVOID PrevBestRoute)
{
    NS_LOG_FUNCTION(ClientHandle << Route << TimeToLive);
    Binding b;
    if (!b)
    {
        return ERROR_INVALID_PARAMETER;
    }
    RtmFamily family;
    if (!b.rtm->GetClientInfo(Token(ClientHandle), &family, nullptr))
    {
        return ERROR_INVALID_HANDLE;
    }
    if (!Route || !Flags || (TimeToLive != INFINITE && TimeToLive > 2147483))
    {
        return ERROR_INVALID_PARAMETER;
    }
    Time ttl = TimeToLive == INFINITE ? RoutingTableManager::Infinite() : Seconds(TimeToLive);
    RtmChange change;
    RtmError err = b.rtm->AddRoute(Token(ClientHandle), FromWin(family, Route), ttl, &change);
    if (err != RtmError::Success)
    {
        return Code(err);
    }
    *Flags = change.flags;
    if (change.flags & RTM_CURRENT_BEST_ROUTE)
    {
        ToWin(family, change.current, CurBestRoute);
    }
    if (change.flags & RTM_PREVIOUS_BEST_ROUTE)
    {
        ToWin(family, change.previous, PrevBestRoute);
    }
    return NO_ERROR;
}

DWORD
RtmDeleteRoute(HANDLE ClientHandle, PVOID Route, DWORD* Flags, PVOID CurBestRoute)
{
    NS_LOG_FUNCTION(ClientHandle << Route);
    Binding b;
    if (!b)
    {
        return ERROR_INVALID_PARAMETER;
    }
    RtmFamily family;
    if (!b.rtm->GetClientInfo(Token(ClientHandle), &family, nullptr))
    {
        return ERROR_INVALID_HANDLE;
    }
    if (!Route || !Flags)
    {
        return ERROR_INVALID_PARAMETER;
    }
    RtmChange change;
    RtmError err = b.rtm->DeleteRoute(Token(ClientHandle), FromWin(family, Route), &change);
    if (err != RtmError::Success)
    {
        return Code(err);
    }
    *Flags = change.flags;
    if (change.flags & RTM_CURRENT_BEST_ROUTE)
    {
        ToWin(family, change.current, CurBestRoute);
    }
    return NO_ERROR;
}

BOOL
RtmIsRoute(DWORD ProtocolFamily, PVOID Network, PVOID BestRoute)
{
    Binding b;
    if (!b)
    {
        return FALSE;
    }
    RtmFamily family;
    if (!FamilyOf(ProtocolFamily, &family) || !Network)
    {
        return b.Fail<BOOL>(ERROR_INVALID_PARAMETER, FALSE);
    }
    uint64_t key = family == RtmFamily::Ip ? IpKey(*static_cast<const IP_NETWORK*>(Network))
                                           : static_cast<const IPX_NETWORK*>(Network)->N_NetNumber;
    RtmRoute best;
    if (!b.rtm->IsRoute(family, key, &best))
    {
        return b.Fail<BOOL>(NO_ERROR, FALSE);
    }
    ToWin(family, best, BestRoute);
    return TRUE;
}

ULONG
RtmGetNetworkCount(DWORD ProtocolFamily)
{
    Binding b;
    if (!b)
    {
        return 0;
    }
    RtmFamily family;
    if (!FamilyOf(ProtocolFamily, &family))
    {
        return b.Fail<ULONG>(ERROR_INVALID_PARAMETER, 0);
    }
    ULONG n = b.rtm->GetNetworkCount(family);
    return n == 0 ? b.Fail<ULONG>(NO_ERROR, 0) : n;
}

ULONG
RtmGetRouteAge(PVOID Route)
{
    Binding b;
    if (!b)
    {
        return INFINITE;
    }
    if (!Route)
    {
        return b.Fail<ULONG>(ERROR_INVALID_PARAMETER, INFINITE);
    }
    // RR_TimeStamp sits at offset 0 of both families' records.
    const auto* w = static_cast<const RTM_IPX_ROUTE*>(Route);
    RtmRoute r;
    r.timeStamp = StampOf(w->RR_TimeStamp);
    Time age = b.rtm->GetRouteAge(r);
    if (r.timeStamp < 0 || age.IsStrictlyNegative())
    {
        return b.Fail<ULONG>(ERROR_INVALID_PARAMETER, INFINITE); // RTMV1.md 4.8: the future
    }
    const int64_t seconds = age.GetNanoSeconds() / 1000000000;
    // a valid age is never INFINITE: one older than that reads as the largest finite age
    return seconds >= static_cast<int64_t>(INFINITE) ? INFINITE - 1 : static_cast<ULONG>(seconds);
}

HANDLE
RtmCreateEnumerationHandle(DWORD ProtocolFamily, DWORD EnumerationFlags, PVOID CriteriaRoute)
{
    Binding b;
    if (!b)
    {
        return nullptr;
    }
    RtmFamily family;
    RtmRoute criteria;
    if (!FamilyOf(ProtocolFamily, &family) ||
        (EnumerationFlags & ~RoutingTableManager::ENUMERATION_FLAGS) != 0 ||
        !Criteria(family, EnumerationFlags, CriteriaRoute, &criteria))
    {
        return b.Fail<HANDLE>(ERROR_INVALID_PARAMETER, nullptr);
    }
    RtmError err;
    uint64_t id = b.rtm->CreateEnumeration(family, EnumerationFlags, criteria, &err);
    if (id == 0)
    {
        return b.Fail<HANDLE>(Code(err), nullptr);
    }
    return ToHandle(id);
}

DWORD
RtmEnumerateGetNextRoute(HANDLE EnumerationHandle, PVOID Route)
{
    Binding b;
    if (!b)
    {
        return ERROR_INVALID_PARAMETER;
    }
    RtmFamily family;
    if (!b.rtm->GetEnumerationFamily(Token(EnumerationHandle), &family))
    {
        return ERROR_INVALID_HANDLE;
    }
    if (!Route)
    {
        return ERROR_INVALID_PARAMETER;
    }
    RtmRoute r;
    RtmError err = b.rtm->EnumerateNext(Token(EnumerationHandle), &r);
    if (err == RtmError::Success)
    {
        ToWin(family, r, Route);
    }
    return Code(err);
}

DWORD
RtmCloseEnumerationHandle(HANDLE EnumerationHandle)
{
    Binding b;
    if (!b)
    {
        return ERROR_INVALID_PARAMETER;
    }
    return Code(b.rtm->CloseEnumeration(Token(EnumerationHandle)));
}

DWORD
RtmBlockDeleteRoutes(HANDLE ClientHandle, DWORD EnumerationFlags, PVOID CriteriaRoute)
{
    Binding b;
    RtmRoute criteria;
    DWORD error = BlockArguments(b,
                                 ClientHandle,
                                 EnumerationFlags,
                                 EnumerationFlags & ~RTM_ONLY_THIS_PROTOCOL,
                                 CriteriaRoute,
                                 &criteria);
    if (error != NO_ERROR)
    {
        return error;
    }
    return Code(b.rtm->BlockDeleteRoutes(Token(ClientHandle), EnumerationFlags, criteria));
}

DWORD
RtmBlockSetRouteEnable(HANDLE ClientHandle,
                       DWORD EnumerationFlags,
                       PVOID CriteriaRoute,
                       BOOL Enable)
{
    Binding b;
    RtmRoute criteria;
    DWORD error = BlockArguments(b,
                                 ClientHandle,
                                 EnumerationFlags,
                                 EnumerationFlags & ~RTM_ONLY_THIS_PROTOCOL,
                                 CriteriaRoute,
                                 &criteria);
    if (error != NO_ERROR)
    {
        return error;
    }
    return Code(b.rtm->BlockSetRouteEnable(Token(ClientHandle),
                                           EnumerationFlags,
                                           criteria,
                                           Enable != FALSE));
}

DWORD
RtmBlockConvertRoutesToStatic(HANDLE ClientHandle, DWORD EnumerationFlags, PVOID CriteriaRoute)
{
    Binding b;
    RtmRoute criteria;
    DWORD error = BlockArguments(b,
                                 ClientHandle,
                                 EnumerationFlags,
                                 EnumerationFlags,
                                 CriteriaRoute,
                                 &criteria);
    if (error != NO_ERROR)
    {
        return error;
    }
    return Code(b.rtm->BlockConvertRoutesToStatic(Token(ClientHandle), EnumerationFlags, criteria));
}

DWORD
RtmGetFirstRoute(DWORD ProtocolFamily, DWORD EnumerationFlags, PVOID Route)
{
    return OrderedStep(ProtocolFamily, EnumerationFlags, Route, true);
}

DWORD
RtmGetNextRoute(DWORD ProtocolFamily, DWORD EnumerationFlags, PVOID Route)
{
    return OrderedStep(ProtocolFamily, EnumerationFlags, Route, false);
}

BOOL
RtmLookupIPDestination(DWORD dwDestAddr, PRTM_IP_ROUTE prir)
{
    Binding b;
    if (!b)
    {
        return FALSE;
    }
    // read in place and written straight into the caller's record: no RtmRoute in between
    RtmIpRouteView v;
    if (!b.rtm->LookupIpDestination(static_cast<uint32_t>(ntohl(dwDestAddr)), &v))
    {
        return b.Fail<BOOL>(ERROR_NO_ROUTES, FALSE);
    }
    if (prir)
    {
        prir->RR_TimeStamp.dwLowDateTime = static_cast<DWORD>(v.timeStamp);
        prir->RR_TimeStamp.dwHighDateTime =
            static_cast<DWORD>(static_cast<uint64_t>(v.timeStamp) >> 32);
        prir->RR_RoutingProtocol = v.protocol;
        prir->RR_InterfaceID = v.interface;
        std::memcpy(&prir->RR_ProtocolSpecificData, v.words + 11, 16);
        prir->RR_Network.N_NetNumber = htonl(v.network);
        prir->RR_Network.N_NetMask = htonl(v.mask);
        prir->RR_NextHopAddress.N_NetNumber = htonl(v.nextHop);
        prir->RR_NextHopAddress.N_NetMask = htonl(v.nextHopMask);
        std::memcpy(&prir->RR_FamilySpecificData, v.words, sizeof(IP_SPECIFIC_DATA));
    }
    return TRUE;
}

} // namespace rtmv1
} // namespace ns3
