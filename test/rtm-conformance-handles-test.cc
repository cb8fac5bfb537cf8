/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * Conformance of the RTMv1 Windows facade (ns3::rtmv1): handles (DECISIONS 7), node binding
 * (DECISIONS 6), the per-node last error (DECISIONS 2), names, types, constants and layouts
 * (DECISIONS 1, 3; RTMV1.md 2 and 3.1) and the Rtm.h flag macros (RTMV1.md 2.5).
 */

#include "rtm-test-util.h"

#include <cstddef>
#include <type_traits>

using namespace ns3;
using namespace ns3::rtmtest;
using namespace ns3::rtmv1;

namespace
{

// ---- DECISIONS 1: the Windows names, parameter order and types --------------------------------

static_assert(
    std::is_same<decltype(&RtmRegisterClient), HANDLE (*)(DWORD, DWORD, HANDLE, DWORD)>::value,
    "RtmRegisterClient");
static_assert(std::is_same<decltype(&RtmDeregisterClient), DWORD (*)(HANDLE)>::value,
              "RtmDeregisterClient");
static_assert(std::is_same<decltype(&RtmDequeueRouteChangeMessage),
                           DWORD (*)(HANDLE, DWORD*, PVOID, PVOID)>::value,
              "RtmDequeueRouteChangeMessage");
static_assert(std::is_same<decltype(&RtmAddRoute),
                           DWORD (*)(HANDLE, PVOID, DWORD, DWORD*, PVOID, PVOID)>::value,
              "RtmAddRoute");
static_assert(
    std::is_same<decltype(&RtmDeleteRoute), DWORD (*)(HANDLE, PVOID, DWORD*, PVOID)>::value,
    "RtmDeleteRoute");
static_assert(std::is_same<decltype(&RtmIsRoute), BOOL (*)(DWORD, PVOID, PVOID)>::value,
              "RtmIsRoute");
static_assert(std::is_same<decltype(&RtmGetNetworkCount), ULONG (*)(DWORD)>::value,
              "RtmGetNetworkCount");
static_assert(std::is_same<decltype(&RtmGetRouteAge), ULONG (*)(PVOID)>::value, "RtmGetRouteAge");
static_assert(
    std::is_same<decltype(&RtmCreateEnumerationHandle), HANDLE (*)(DWORD, DWORD, PVOID)>::value,
    "RtmCreateEnumerationHandle");
static_assert(std::is_same<decltype(&RtmEnumerateGetNextRoute), DWORD (*)(HANDLE, PVOID)>::value,
              "RtmEnumerateGetNextRoute");
static_assert(std::is_same<decltype(&RtmCloseEnumerationHandle), DWORD (*)(HANDLE)>::value,
              "RtmCloseEnumerationHandle");
static_assert(std::is_same<decltype(&RtmBlockDeleteRoutes), DWORD (*)(HANDLE, DWORD, PVOID)>::value,
              "RtmBlockDeleteRoutes returns DWORD (RTMV1.md 7.2)");
static_assert(std::is_same<decltype(&RtmGetFirstRoute), DWORD (*)(DWORD, DWORD, PVOID)>::value,
              "RtmGetFirstRoute");
static_assert(std::is_same<decltype(&RtmGetNextRoute), DWORD (*)(DWORD, DWORD, PVOID)>::value,
              "RtmGetNextRoute");
static_assert(
    std::is_same<decltype(&RtmLookupIPDestination), BOOL (*)(DWORD, PRTM_IP_ROUTE)>::value,
    "RtmLookupIPDestination");
static_assert(
    std::is_same<decltype(&RtmBlockSetRouteEnable), DWORD (*)(HANDLE, DWORD, PVOID, BOOL)>::value,
    "RtmBlockSetRouteEnable: 4 arguments");
static_assert(
    std::is_same<decltype(&RtmBlockConvertRoutesToStatic), DWORD (*)(HANDLE, DWORD, PVOID)>::value,
    "RtmBlockConvertRoutesToStatic: 3 arguments");
static_assert(std::is_same<decltype(&GetLastError), DWORD (*)()>::value, "GetLastError");
static_assert(std::is_same<decltype(&SetLastError), void (*)(DWORD)>::value, "SetLastError");
static_assert(sizeof(DWORD) == 4 && sizeof(ULONG) == 4 && sizeof(USHORT) == 2 && sizeof(BYTE) == 1,
              "Win32 integer sizes");
static_assert(std::is_same<IP_NEXT_HOP_ADDRESS, IP_NETWORK>::value,
              "IP_NEXT_HOP_ADDRESS is a typedef of IP_NETWORK");

// ---- DECISIONS 3 / RTMV1.md 3.1: layouts --------------------------------------------------------

static_assert(sizeof(RTM_IP_ROUTE) == 92, "RTM_IP_ROUTE");
static_assert(sizeof(RTM_IPX_ROUTE) == 52, "RTM_IPX_ROUTE");
static_assert(sizeof(FILETIME) == 8, "FILETIME");
static_assert(sizeof(PROTOCOL_SPECIFIC_DATA) == 16, "PROTOCOL_SPECIFIC_DATA");
static_assert(sizeof(IP_NETWORK) == 8, "IP_NETWORK");
static_assert(sizeof(IPX_NETWORK) == 4, "IPX_NETWORK");
static_assert(sizeof(IPX_NEXT_HOP_ADDRESS) == 6, "IPX_NEXT_HOP_ADDRESS");
static_assert(sizeof(IP_SPECIFIC_DATA) == 44, "IP_SPECIFIC_DATA");
static_assert(sizeof(IPX_SPECIFIC_DATA) == 8, "IPX_SPECIFIC_DATA");

} // namespace

TEST_F(RtmV1Decisions, D3_StructLayoutsMatchWindows)
{
    EXPECT_EQ(sizeof(RTM_IP_ROUTE), 92u);
    EXPECT_EQ(sizeof(RTM_IPX_ROUTE), 52u);
    // RTMV1.md 3.1 table: offset / size.
    EXPECT_EQ(offsetof(RTM_IP_ROUTE, RR_TimeStamp), 0u);
    EXPECT_EQ(offsetof(RTM_IP_ROUTE, RR_RoutingProtocol), 8u);
    EXPECT_EQ(offsetof(RTM_IP_ROUTE, RR_InterfaceID), 12u);
    EXPECT_EQ(offsetof(RTM_IP_ROUTE, RR_ProtocolSpecificData), 16u);
    EXPECT_EQ(offsetof(RTM_IP_ROUTE, RR_Network), 32u);
    EXPECT_EQ(offsetof(RTM_IP_ROUTE, RR_NextHopAddress), 40u);
    EXPECT_EQ(offsetof(RTM_IP_ROUTE, RR_FamilySpecificData), 48u);
    EXPECT_EQ(offsetof(RTM_IPX_ROUTE, RR_TimeStamp), 0u);
    EXPECT_EQ(offsetof(RTM_IPX_ROUTE, RR_RoutingProtocol), 8u);
    EXPECT_EQ(offsetof(RTM_IPX_ROUTE, RR_InterfaceID), 12u);
    EXPECT_EQ(offsetof(RTM_IPX_ROUTE, RR_ProtocolSpecificData), 16u);
    EXPECT_EQ(offsetof(RTM_IPX_ROUTE, RR_Network), 32u);
    EXPECT_EQ(offsetof(RTM_IPX_ROUTE, RR_NextHopAddress), 36u);
    EXPECT_EQ(offsetof(RTM_IPX_ROUTE, RR_FamilySpecificData), 44u);
    // Inner members.
    EXPECT_EQ(offsetof(IP_NETWORK, N_NetNumber), 0u);
    EXPECT_EQ(offsetof(IP_NETWORK, N_NetMask), 4u);
    EXPECT_EQ(offsetof(FILETIME, dwLowDateTime), 0u);
    EXPECT_EQ(offsetof(FILETIME, dwHighDateTime), 4u);
    EXPECT_EQ(offsetof(IPX_SPECIFIC_DATA, FSD_Flags), 0u);
    EXPECT_EQ(offsetof(IPX_SPECIFIC_DATA, FSD_TickCount), 4u);
    EXPECT_EQ(offsetof(IPX_SPECIFIC_DATA, FSD_HopCount), 6u);
    EXPECT_EQ(offsetof(IP_SPECIFIC_DATA, FSD_Type), 0u);
    EXPECT_EQ(offsetof(IP_SPECIFIC_DATA, FSD_Policy), 4u);
    EXPECT_EQ(offsetof(IP_SPECIFIC_DATA, FSD_NextHopAS), 8u);
    EXPECT_EQ(offsetof(IP_SPECIFIC_DATA, FSD_Priority), 12u);
    EXPECT_EQ(offsetof(IP_SPECIFIC_DATA, FSD_Metric), 16u);
    EXPECT_EQ(offsetof(IP_SPECIFIC_DATA, FSD_Metric1), 20u);
    EXPECT_EQ(offsetof(IP_SPECIFIC_DATA, FSD_Metric5), 36u);
    EXPECT_EQ(offsetof(IP_SPECIFIC_DATA, FSD_Flags), 40u);
    // The alignment members alias the start of their unions.
    RTM_IP_ROUTE r;
    EXPECT_EQ(static_cast<void*>(&r.RR_TimeStampAlign), static_cast<void*>(&r.RR_TimeStamp));
    EXPECT_EQ(static_cast<void*>(&r.RR_NetworkAlign), static_cast<void*>(&r.RR_Network));
    EXPECT_EQ(static_cast<void*>(&r.RR_FamilySpecificDataAlign),
              static_cast<void*>(&r.RR_FamilySpecificData));
}

TEST_F(RtmV1Decisions, D1_ConstantsHaveTheWindowsValues)
{
    // 2.1
    EXPECT_EQ(RTM_PROTOCOL_FAMILY_IPX, 0u);
    EXPECT_EQ(RTM_PROTOCOL_FAMILY_IP, 1u);
    // 2.2
    EXPECT_EQ(RTM_CURRENT_BEST_ROUTE, 0x1u);
    EXPECT_EQ(RTM_PREVIOUS_BEST_ROUTE, 0x2u);
    EXPECT_EQ(RTM_NO_CHANGE, 0u);
    EXPECT_EQ(RTM_ROUTE_ADDED, 1u);
    EXPECT_EQ(RTM_ROUTE_DELETED, 2u);
    EXPECT_EQ(RTM_ROUTE_CHANGED, 3u);
    // 2.3
    EXPECT_EQ(RTM_ONLY_THIS_NETWORK, 0x1u);
    EXPECT_EQ(RTM_ONLY_THIS_INTERFACE, 0x2u);
    EXPECT_EQ(RTM_ONLY_THIS_PROTOCOL, 0x4u);
    EXPECT_EQ(RTM_ONLY_BEST_ROUTES, 0x8u);
    // 2.4, 2.5
    EXPECT_EQ(RTM_PROTOCOL_SINGLE_ROUTE, 0x1u);
    EXPECT_EQ(IPX_GLOBAL_CLIENT_WAN_ROUTE, 0x1u);
    EXPECT_EQ(IP_VALID_ROUTE, 0x1u);
    // 2.6
    EXPECT_EQ(NO_ERROR, 0u);
    EXPECT_EQ(ERROR_INVALID_HANDLE, 6u);
    EXPECT_EQ(ERROR_NOT_ENOUGH_MEMORY, 8u);
    EXPECT_EQ(ERROR_INVALID_PARAMETER, 87u);
    EXPECT_EQ(ERROR_CLIENT_ALREADY_EXISTS, 183u);
    EXPECT_EQ(ERROR_MORE_MESSAGES, 234u);
    EXPECT_EQ(ERROR_NO_MESSAGES, 259u);
    EXPECT_EQ(ERROR_NO_MORE_ROUTES, 259u);
    EXPECT_EQ(ERROR_NO_ROUTES, 259u);
    EXPECT_EQ(ERROR_NO_SUCH_ROUTE, 259u);
    EXPECT_EQ(ERROR_NO_SYSTEM_RESOURCES, 1450u);
    EXPECT_EQ(INFINITE, 0xFFFFFFFFu);
    // 2.8 IP
    EXPECT_EQ(PROTO_IP_OTHER, 1u);
    EXPECT_EQ(PROTO_IP_LOCAL, 2u);
    EXPECT_EQ(PROTO_IP_NETMGMT, 3u);
    EXPECT_EQ(PROTO_IP_ICMP, 4u);
    EXPECT_EQ(PROTO_IP_EGP, 5u);
    EXPECT_EQ(PROTO_IP_GGP, 6u);
    EXPECT_EQ(PROTO_IP_HELLO, 7u);
    EXPECT_EQ(PROTO_IP_RIP, 8u);
    EXPECT_EQ(PROTO_IP_IS_IS, 9u);
    EXPECT_EQ(PROTO_IP_ES_IS, 10u);
    EXPECT_EQ(PROTO_IP_CISCO, 11u);
    EXPECT_EQ(PROTO_IP_BBN, 12u);
    EXPECT_EQ(PROTO_IP_OSPF, 13u);
    EXPECT_EQ(PROTO_IP_BGP, 14u);
    EXPECT_EQ(PROTO_IP_BOOTP, 9999u);
    EXPECT_EQ(PROTO_IP_NT_AUTOSTATIC, 10002u);
    EXPECT_EQ(PROTO_IP_NT_STATIC, 10006u);
    EXPECT_EQ(PROTO_IP_NT_STATIC_NON_DOD, 10007u);
    // 2.8 IPX
    EXPECT_EQ(IPX_PROTOCOL_LOCAL, 1u);
    EXPECT_EQ(IPX_PROTOCOL_STATIC, 2u);
    EXPECT_EQ(IPX_PROTOCOL_BASE, 0x0001FFFFu);
    EXPECT_EQ(IPX_PROTOCOL_RIP, 0x00020000u);
    EXPECT_EQ(IPX_PROTOCOL_SAP, 0x00020001u);
    EXPECT_EQ(IPX_PROTOCOL_NLSP, 0x00020002u);
    // Win32 BOOL
    EXPECT_EQ(TRUE, 1);
    EXPECT_EQ(FALSE, 0);
}

TEST_F(RtmV1Decisions, D1_RtmHMacrosAsFunctions)
{
    RTM_IP_ROUTE r;
    std::memset(&r, 0, sizeof(r));
    r.RR_FamilySpecificData.FSD_Flags = 0x6;
    EXPECT_EQ(IsRouteValid(&r), 0u);
    SetRouteValid(&r);
    EXPECT_EQ(r.RR_FamilySpecificData.FSD_Flags, 0x7u) << "|= IP_VALID_ROUTE";
    EXPECT_NE(IsRouteValid(&r), 0u);
    ClearRouteValid(&r);
    EXPECT_EQ(r.RR_FamilySpecificData.FSD_Flags, 0x6u) << "&= ~IP_VALID_ROUTE";
    EXPECT_EQ(IsRouteValid(&r), 0u);
    SetRouteValid(&r);
    ClearRouteFlags(&r);
    EXPECT_EQ(r.RR_FamilySpecificData.FSD_Flags, 0u);
    // Network byte order inside the DWORD: the first octet is the low byte.
    r.RR_Network.N_NetNumber = Addr(224, 0, 0, 0);
    EXPECT_EQ(r.RR_Network.N_NetNumber, 0x000000E0u);
    EXPECT_TRUE(IsRouteNonUnicast(&r));
    r.RR_Network.N_NetNumber = Addr(239, 1, 2, 3);
    EXPECT_TRUE(IsRouteNonUnicast(&r));
    r.RR_Network.N_NetNumber = Addr(240, 0, 0, 0);
    EXPECT_TRUE(IsRouteNonUnicast(&r));
    r.RR_Network.N_NetNumber = Addr(223, 255, 255, 0);
    EXPECT_FALSE(IsRouteNonUnicast(&r));
    r.RR_Network.N_NetNumber = Addr(10, 0, 0, 224); // last octet is not the first
    EXPECT_FALSE(IsRouteNonUnicast(&r));
    r.RR_Network.N_NetNumber = Addr(127, 0, 0, 0);
    r.RR_NextHopAddress.N_NetNumber = 0;
    EXPECT_TRUE(IsRouteLoopback(&r));
    r.RR_Network.N_NetNumber = Addr(10, 0, 0, 0);
    EXPECT_FALSE(IsRouteLoopback(&r));
    r.RR_NextHopAddress.N_NetNumber = Addr(127, 0, 0, 1);
    EXPECT_EQ(Addr(127, 0, 0, 1), 0x0100007Fu);
    EXPECT_TRUE(IsRouteLoopback(&r));
    r.RR_NextHopAddress.N_NetNumber = Addr(1, 0, 0, 127); // 0x7F000001
    EXPECT_FALSE(IsRouteLoopback(&r));
    r.RR_NextHopAddress.N_NetNumber = Addr(127, 0, 0, 2);
    EXPECT_FALSE(IsRouteLoopback(&r)) << "only 127.0.0.1 as next hop";
    r.RR_Network.N_NetNumber = Addr(10, 0, 0, 127);
    r.RR_NextHopAddress.N_NetNumber = 0;
    EXPECT_FALSE(IsRouteLoopback(&r));
}

// ================================================================================================
// DECISIONS 7: handles
// ================================================================================================

namespace
{

/// Everything that a rejected call must not change on the bound node.
struct State
{
    std::string tables;
    std::size_t qRip;
    std::size_t qOspf;
    std::size_t qIpx;

    bool operator==(const State& o) const
    {
        return tables == o.tables && qRip == o.qRip && qOspf == o.qOspf && qIpx == o.qIpx;
    }
};

} // namespace

class RtmV1HandlesState : public RtmV1Handles
{
  protected:
    /// Clients and routes on node a with non-empty queues and an open enumeration.
    void Populate()
    {
        NodeScope scope(m_a);
        m_rip = Register(IP, PROTO_IP_RIP, true);
        m_ospf = Register(IP, PROTO_IP_OSPF, true);
        m_ipx = Register(IPX, IPX_PROTOCOL_RIP, true);
        m_ipxLocal = Register(IPX, IPX_PROTOCOL_LOCAL, false);
        ASSERT_EQ(Add(m_ospf, IpRoute(Addr(10, 0, 0, 0), Mask(8), 0, 1, 9)), NO_ERROR);
        ASSERT_EQ(Add(m_rip, IpRoute(Addr(10, 0, 0, 0), Mask(8), 0, 2, 1)), NO_ERROR);
        ASSERT_EQ(Add(m_rip, IpRoute(Addr(10, 1, 0, 0), Mask(16), 0, 2, 1)), NO_ERROR);
        ASSERT_EQ(Add(m_ipxLocal, IpxRoute(0x100, 1, 1, 1, 1)), NO_ERROR);
        m_enum = RtmCreateEnumerationHandle(IP, 0, nullptr);
        ASSERT_NE(m_enum, nullptr);
        RTM_IP_ROUTE r;
        ASSERT_EQ(RtmEnumerateGetNextRoute(m_enum, &r), NO_ERROR);
        m_event = RecordingEvent(std::make_shared<Wakeups>());
        ASSERT_NE(m_event, nullptr);
    }

    State Snapshot()
    {
        NodeScope scope(m_a);
        return State{TableBytes(),
                     QueueLength(m_a, IP, PROTO_IP_RIP),
                     QueueLength(m_a, IP, PROTO_IP_OSPF),
                     QueueLength(m_a, IPX, IPX_PROTOCOL_RIP)};
    }

    /// Every call taking a client handle, with h; all must say ERROR_INVALID_HANDLE.
    void ExpectClientCallsRejected(HANDLE h, const std::string& what)
    {
        NodeScope scope(m_a);
        State before = Snapshot();
        DWORD flags = 0x5555;
        RTM_IP_ROUTE cur;
        RTM_IP_ROUTE prev;
        RTM_IP_ROUTE r = IpRoute(Addr(10, 1, 0, 0), Mask(16), 0, 2, 1);
        RTM_IP_ROUTE crit = r;
        EXPECT_EQ(RtmDequeueRouteChangeMessage(h, &flags, &cur, &prev), ERROR_INVALID_HANDLE)
            << what;
        EXPECT_EQ(Snapshot(), before) << what << " dequeue";
        EXPECT_EQ(RtmAddRoute(h, &r, INFINITE, &flags, &cur, &prev), ERROR_INVALID_HANDLE) << what;
        EXPECT_EQ(Snapshot(), before) << what << " add";
        EXPECT_EQ(RtmDeleteRoute(h, &r, &flags, &cur), ERROR_INVALID_HANDLE) << what;
        EXPECT_EQ(Snapshot(), before) << what << " delete";
        EXPECT_EQ(RtmBlockDeleteRoutes(h, 0, &crit), ERROR_INVALID_HANDLE) << what;
        EXPECT_EQ(Snapshot(), before) << what << " block delete";
        EXPECT_EQ(RtmBlockSetRouteEnable(h, 0, &crit, FALSE), ERROR_INVALID_HANDLE) << what;
        EXPECT_EQ(Snapshot(), before) << what << " block enable";
        EXPECT_EQ(RtmBlockConvertRoutesToStatic(h, 0, &crit), ERROR_INVALID_HANDLE) << what;
        EXPECT_EQ(Snapshot(), before) << what << " block convert";
        EXPECT_EQ(RtmDeregisterClient(h), ERROR_INVALID_HANDLE) << what;
        EXPECT_EQ(Snapshot(), before) << what << " deregister";
        EXPECT_EQ(flags, 0x5555u) << what << ": no out-parameter written";
    }

    /// Every call taking an enumeration handle, with h.
    void ExpectEnumCallsRejected(HANDLE h, const std::string& what)
    {
        NodeScope scope(m_a);
        State before = Snapshot();
        RTM_IP_ROUTE r;
        EXPECT_EQ(RtmEnumerateGetNextRoute(h, &r), ERROR_INVALID_HANDLE) << what;
        EXPECT_EQ(RtmCloseEnumerationHandle(h), ERROR_INVALID_HANDLE) << what;
        EXPECT_EQ(Snapshot(), before) << what;
    }

    /// h as a change event.
    void ExpectEventRejected(HANDLE h, const std::string& what)
    {
        NodeScope scope(m_a);
        State before = Snapshot();
        SetLastError(NO_ERROR);
        EXPECT_EQ(RtmRegisterClient(IP, PROTO_IP_BGP, h, 0), nullptr) << what;
        EXPECT_EQ(GetLastError(), ERROR_INVALID_HANDLE) << what;
        EXPECT_EQ(Snapshot(), before) << what;
        EXPECT_EQ(Rtm(m_a)->FindClient(RtmFamily::Ip, PROTO_IP_BGP), 0u) << what;
    }

    /// The open enumeration still yields the rest of its routes.
    void ExpectEnumerationIntact(std::size_t remaining)
    {
        NodeScope scope(m_a);
        RTM_IP_ROUTE r;
        for (std::size_t i = 0; i < remaining; ++i)
        {
            EXPECT_EQ(RtmEnumerateGetNextRoute(m_enum, &r), NO_ERROR) << i;
        }
        EXPECT_EQ(RtmEnumerateGetNextRoute(m_enum, &r), ERROR_NO_MORE_ROUTES);
        EXPECT_EQ(RtmCloseEnumerationHandle(m_enum), NO_ERROR);
    }

    HANDLE m_rip{nullptr};      //!< RIP, with event
    HANDLE m_ospf{nullptr};     //!< OSPF, with event
    HANDLE m_ipx{nullptr};      //!< IPX RIP, with event
    HANDLE m_ipxLocal{nullptr}; //!< IPX local, no event
    HANDLE m_enum{nullptr};     //!< open IP enumeration, one route read
    HANDLE m_event{nullptr};    //!< an open change event
};

TEST_F(RtmV1HandlesState, D7_ForgedNullAndWrongKindHandlesAreRejectedWithoutSideEffects)
{
    Populate();
    State start = Snapshot();
    EXPECT_EQ(start.qRip, 1u);
    EXPECT_EQ(start.qOspf, 1u);
    int local = 0x11223344;
    const uintptr_t rip = reinterpret_cast<uintptr_t>(m_rip);
    const std::vector<std::pair<HANDLE, std::string>> bad = {
        {nullptr, "NULL"},
        {reinterpret_cast<HANDLE>(0x1234), "0x1234"},
        {reinterpret_cast<HANDLE>(1), "1"},
        {static_cast<HANDLE>(&local), "pointer to a local"},
        {reinterpret_cast<HANDLE>(~static_cast<uintptr_t>(0)), "INVALID_HANDLE_VALUE"},
        {reinterpret_cast<HANDLE>(~rip), "complement of a client handle"},
        {reinterpret_cast<HANDLE>(rip ^ (static_cast<uintptr_t>(1) << 63)), "top bit flipped"},
        {reinterpret_cast<HANDLE>(rip ^ 0xFF00), "bits 8-15 flipped"},
        {m_enum, "an enumeration handle"},
        {m_event, "a change event handle"},
    };
    for (const auto& b : bad)
    {
        ExpectClientCallsRejected(b.first, b.second);
    }
    for (const auto& b : bad)
    {
        if (b.first != m_enum)
        {
            ExpectEnumCallsRejected(b.first, b.second);
        }
    }
    ExpectEnumCallsRejected(m_rip, "a client handle");
    for (const auto& b : bad)
    {
        if (b.first != m_event && b.first != nullptr)
        {
            ExpectEventRejected(b.first, b.second);
        }
    }
    ExpectEventRejected(m_rip, "a client handle");
    EXPECT_EQ(local, 0x11223344) << "nothing written through a forged pointer";
    EXPECT_EQ(Snapshot(), start);
    ExpectEnumerationIntact(2);
}

TEST_F(RtmV1HandlesState, D7_EverySingleBitFlipOfAClientHandleIsRejected)
{
    HANDLE only;
    {
        NodeScope scope(m_b);
        only = Register(IP, PROTO_IP_RIP, false);
        ASSERT_EQ(Add(only, IpRoute(Addr(10, 0, 0, 0), Mask(8), 0, 1, 1)), NO_ERROR);
    }
    const uintptr_t h = reinterpret_cast<uintptr_t>(only);
    NodeScope scope(m_b);
    const std::string before = TableBytes();
    for (unsigned bit = 0; bit < 8 * sizeof(uintptr_t); ++bit)
    {
        HANDLE f = reinterpret_cast<HANDLE>(h ^ (static_cast<uintptr_t>(1) << bit));
        DWORD flags;
        RTM_IP_ROUTE r = IpRoute(Addr(10, 0, 0, 0), Mask(8), 0, 1, 1);
        EXPECT_EQ(RtmAddRoute(f, &r, INFINITE, &flags, nullptr, nullptr), ERROR_INVALID_HANDLE)
            << bit;
        EXPECT_EQ(RtmDeleteRoute(f, &r, &flags, nullptr), ERROR_INVALID_HANDLE) << bit;
        EXPECT_EQ(RtmDeregisterClient(f), ERROR_INVALID_HANDLE) << bit;
    }
    EXPECT_EQ(TableBytes(), before);
    DWORD flags;
    EXPECT_EQ(Del(only, IpRoute(Addr(10, 0, 0, 0), Mask(8), 0, 1, 1), &flags), NO_ERROR);
    EXPECT_EQ(RtmDeregisterClient(only), NO_ERROR);
}

TEST_F(RtmV1HandlesState, D7_EverySingleBitFlipOfAnEnumerationHandleIsRejected)
{
    NodeScope scope(m_b);
    HANDLE rip = Register(IP, PROTO_IP_RIP, false);
    ASSERT_EQ(Add(rip, IpRoute(Addr(10, 0, 0, 0), Mask(8), 0, 1, 1)), NO_ERROR);
    ASSERT_EQ(Add(rip, IpRoute(Addr(10, 1, 0, 0), Mask(16), 0, 1, 1)), NO_ERROR);
    HANDLE e = RtmCreateEnumerationHandle(IP, 0, nullptr);
    ASSERT_NE(e, nullptr);
    const uintptr_t h = reinterpret_cast<uintptr_t>(e);
    for (unsigned bit = 0; bit < 8 * sizeof(uintptr_t); ++bit)
    {
        HANDLE f = reinterpret_cast<HANDLE>(h ^ (static_cast<uintptr_t>(1) << bit));
        RTM_IP_ROUTE r;
        EXPECT_EQ(RtmEnumerateGetNextRoute(f, &r), ERROR_INVALID_HANDLE) << bit;
        EXPECT_EQ(RtmCloseEnumerationHandle(f), ERROR_INVALID_HANDLE) << bit;
    }
    RTM_IP_ROUTE r;
    EXPECT_EQ(RtmEnumerateGetNextRoute(e, &r), NO_ERROR);
    EXPECT_EQ(RtmEnumerateGetNextRoute(e, &r), NO_ERROR);
    EXPECT_EQ(RtmEnumerateGetNextRoute(e, &r), ERROR_NO_MORE_ROUTES);
    EXPECT_EQ(RtmCloseEnumerationHandle(e), NO_ERROR);
}

TEST_F(RtmV1HandlesState, D7_HandlesOfAnotherNodeAreRejected)
{
    Populate();
    HANDLE bRip;
    HANDLE bEnum;
    HANDLE bEvent;
    std::string bTables;
    {
        NodeScope scope(m_b);
        bRip = Register(IP, PROTO_IP_RIP, true);
        ASSERT_EQ(Add(bRip, IpRoute(Addr(10, 1, 0, 0), Mask(16), 0, 2, 1)), NO_ERROR);
        bEnum = RtmCreateEnumerationHandle(IP, 0, nullptr);
        ASSERT_NE(bEnum, nullptr);
        bEvent = RecordingEvent(std::make_shared<Wakeups>());
        bTables = TableBytes();
    }
    State start = Snapshot();
    ExpectClientCallsRejected(bRip, "client of node b");
    ExpectEnumCallsRejected(bEnum, "enumeration of node b");
    ExpectEventRejected(bEvent, "event of node b");
    EXPECT_EQ(Snapshot(), start);
    // And the other way round: node a's handles on node b.
    {
        NodeScope scope(m_b);
        DWORD flags;
        RTM_IP_ROUTE r = IpRoute(Addr(10, 1, 0, 0), Mask(16), 0, 2, 1);
        EXPECT_EQ(RtmDeleteRoute(m_rip, &r, &flags, nullptr), ERROR_INVALID_HANDLE);
        EXPECT_EQ(RtmDeregisterClient(m_rip), ERROR_INVALID_HANDLE);
        EXPECT_EQ(RtmEnumerateGetNextRoute(m_enum, &r), ERROR_INVALID_HANDLE);
        EXPECT_EQ(RtmCloseEnumerationHandle(m_enum), ERROR_INVALID_HANDLE);
        EXPECT_EQ(TableBytes(), bTables);
        // b's own handles still work.
        EXPECT_EQ(RtmEnumerateGetNextRoute(bEnum, &r), NO_ERROR);
        EXPECT_EQ(RtmCloseEnumerationHandle(bEnum), NO_ERROR);
        EXPECT_EQ(RtmDeleteRoute(bRip, &r, &flags, nullptr), NO_ERROR);
    }
    EXPECT_EQ(Snapshot(), start);
    ExpectEnumerationIntact(2);
}

TEST_F(RtmV1HandlesState, D7_DeregisteredAndClosedHandlesStayDead)
{
    Populate();
    HANDLE oldStatic;
    HANDLE oldEnum;
    {
        NodeScope scope(m_a);
        oldStatic = Register(IP, PROTO_IP_NT_STATIC, true);
        ASSERT_EQ(RtmDeregisterClient(oldStatic), NO_ERROR);
        oldEnum = RtmCreateEnumerationHandle(IP, 0, nullptr);
        ASSERT_NE(oldEnum, nullptr);
        ASSERT_EQ(RtmCloseEnumerationHandle(oldEnum), NO_ERROR);
    }
    ExpectClientCallsRejected(oldStatic, "deregistered client");
    ExpectEnumCallsRejected(oldEnum, "closed enumeration");
    // A new registration of the same protocol and a new enumeration do not revive them.
    HANDLE fresh;
    HANDLE freshEnum;
    {
        NodeScope scope(m_a);
        fresh = Register(IP, PROTO_IP_NT_STATIC, true);
        freshEnum = RtmCreateEnumerationHandle(IP, 0, nullptr);
        ASSERT_NE(freshEnum, nullptr);
    }
    ExpectClientCallsRejected(oldStatic, "deregistered client after re-registration");
    ExpectEnumCallsRejected(oldEnum, "closed enumeration after a new one");
    {
        NodeScope scope(m_a);
        DWORD flags;
        EXPECT_EQ(RtmDequeueRouteChangeMessage(fresh, &flags, nullptr, nullptr), ERROR_NO_MESSAGES);
        EXPECT_EQ(RtmCloseEnumerationHandle(freshEnum), NO_ERROR);
    }
    ExpectEnumerationIntact(2);
}

TEST_F(RtmV1Handles, NullEventClientCannotDequeue)
{
    NodeScope scope(m_a);
    HANDLE quiet = Register(IP, PROTO_IP_RIP, false);
    HANDLE other = Register(IP, PROTO_IP_OSPF, false);
    ASSERT_EQ(Add(other, IpRoute(Addr(10, 0, 0, 0), Mask(8), 0, 1, 1)), NO_ERROR);
    DWORD flags = 0x77;
    RTM_IP_ROUTE cur;
    EXPECT_EQ(RtmDequeueRouteChangeMessage(quiet, &flags, &cur, nullptr), ERROR_INVALID_HANDLE);
    EXPECT_EQ(flags, 0x77u);
    EXPECT_EQ(QueueLength(m_a, IP, PROTO_IP_RIP), 0u);
}

// ================================================================================================
// DECISIONS 6: which node
// ================================================================================================

TEST_F(RtmV1HandlesState, D6_NoNodeBoundFailsWithInvalidParameterAndSetsNothing)
{
    Populate();
    {
        NodeScope scope(m_a);
        SetLastError(1111);
    }
    {
        NodeScope scope(m_b);
        SetLastError(2222);
    }
    State start = Snapshot();
    ASSERT_EQ(Simulator::GetContext(), Simulator::NO_CONTEXT);
    ASSERT_EQ(NodeScope::Current(), nullptr);
    DWORD flags = 0x5555;
    RTM_IP_ROUTE r = IpRoute(Addr(10, 1, 0, 0), Mask(16), 0, 2, 1);
    RTM_IP_ROUTE crit = r;
    RTM_IP_ROUTE cur;
    std::memset(&cur, 0xAB, sizeof(cur));
    const RTM_IP_ROUTE curBefore = cur;
    IP_NETWORK n = IpNet(Addr(10, 0, 0, 0), Mask(8));

    EXPECT_EQ(RtmRegisterClient(IP, PROTO_IP_BGP, nullptr, 0), nullptr);
    EXPECT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
    EXPECT_EQ(RtmDeregisterClient(m_rip), ERROR_INVALID_PARAMETER);
    EXPECT_EQ(RtmDequeueRouteChangeMessage(m_ospf, &flags, &cur, nullptr), ERROR_INVALID_PARAMETER);
    EXPECT_EQ(RtmAddRoute(m_rip, &r, INFINITE, &flags, &cur, nullptr), ERROR_INVALID_PARAMETER);
    EXPECT_EQ(RtmDeleteRoute(m_rip, &r, &flags, &cur), ERROR_INVALID_PARAMETER);
    EXPECT_FALSE(RtmIsRoute(IP, &n, &cur));
    EXPECT_EQ(RtmGetNetworkCount(IP), 0u);
    EXPECT_EQ(RtmGetRouteAge(&r), INFINITE);
    EXPECT_EQ(RtmCreateEnumerationHandle(IP, 0, nullptr), nullptr);
    EXPECT_EQ(RtmEnumerateGetNextRoute(m_enum, &cur), ERROR_INVALID_PARAMETER);
    EXPECT_EQ(RtmCloseEnumerationHandle(m_enum), ERROR_INVALID_PARAMETER);
    EXPECT_EQ(RtmBlockDeleteRoutes(m_rip, 0, &crit), ERROR_INVALID_PARAMETER);
    EXPECT_EQ(RtmBlockSetRouteEnable(m_rip, 0, &crit, FALSE), ERROR_INVALID_PARAMETER);
    EXPECT_EQ(RtmBlockConvertRoutesToStatic(m_ospf, 0, &crit), ERROR_INVALID_PARAMETER);
    EXPECT_EQ(RtmGetFirstRoute(IP, 0, &cur), ERROR_INVALID_PARAMETER);
    EXPECT_EQ(RtmGetNextRoute(IP, 0, &cur), ERROR_INVALID_PARAMETER);
    EXPECT_EQ(RtmGetSpecificRoute(IP, &cur), ERROR_INVALID_PARAMETER);
    EXPECT_FALSE(RtmLookupIPDestination(Addr(10, 0, 0, 1), &cur));
    EXPECT_EQ(RtmCreateChangeEvent(RtmMakeCallback<void>([]() {})), nullptr);
    EXPECT_EQ(RtmCloseChangeEvent(m_event), ERROR_INVALID_PARAMETER);
    SetLastError(3333);
    EXPECT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);

    EXPECT_EQ(flags, 0x5555u) << "no out-parameter written";
    EXPECT_EQ(std::memcmp(&cur, &curBefore, sizeof(cur)), 0) << "no out-buffer written";
    EXPECT_EQ(Snapshot(), start);
    {
        NodeScope scope(m_a);
        EXPECT_EQ(GetLastError(), 1111u) << "no node's last error was set";
        EXPECT_EQ(Rtm(m_a)->FindClient(RtmFamily::Ip, PROTO_IP_BGP), 0u);
        // The event was not closed.
        EXPECT_NE(RtmRegisterClient(IP, PROTO_IP_BGP, m_event, 0), nullptr);
    }
    {
        NodeScope scope(m_b);
        EXPECT_EQ(GetLastError(), 2222u);
        EXPECT_EQ(RtmGetNetworkCount(IP), 0u);
    }
    ExpectEnumerationIntact(2);
}

TEST_F(RtmV1Decisions, D6_NullScopeUnbindsAfterSimulatorRunReturns)
{
    // ns-3.37 keeps the context of the last event after Simulator::Run() returns (doc/rtm.rst,
    // D6): code after Run binds explicitly. NodeScope(nullptr) binds no node at all.
    At(m_a, Seconds(1), []() {});
    Simulator::Run();
    {
        NodeScope none(nullptr);
        EXPECT_EQ(RtmRegisterClient(IP, PROTO_IP_RIP, nullptr, 0), nullptr);
        EXPECT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
    }
    NodeScope scope(m_a);
    EXPECT_EQ(Rtm(m_a)->FindClient(RtmFamily::Ip, PROTO_IP_RIP), 0u);
}

TEST_F(RtmV1Decisions, D6_EventContextSelectsTheNodeAndScopesNest)
{
    {
        NodeScope scope(m_a);
        HANDLE rip = Register(IP, PROTO_IP_RIP, false);
        ASSERT_EQ(Add(rip, IpRoute(Addr(10, 0, 0, 0), Mask(8), 0, 1, 1)), NO_ERROR);
        {
            NodeScope inner(m_b);
            EXPECT_EQ(RtmGetNetworkCount(IP), 0u) << "innermost scope wins";
            EXPECT_NE(RtmRegisterClient(IP, PROTO_IP_RIP, nullptr, 0), nullptr);
            {
                NodeScope innermost(m_a);
                EXPECT_EQ(RtmGetNetworkCount(IP), 1u);
            }
            EXPECT_EQ(RtmGetNetworkCount(IP), 0u);
        }
        EXPECT_EQ(RtmGetNetworkCount(IP), 1u) << "back to the outer scope";
        SetLastError(NO_ERROR);
        EXPECT_EQ(RtmRegisterClient(IP, PROTO_IP_RIP, nullptr, 0), nullptr);
        EXPECT_EQ(GetLastError(), ERROR_CLIENT_ALREADY_EXISTS);
    }
    EXPECT_EQ(NodeScope::Current(), nullptr);
    ULONG inA = 99;
    ULONG inB = 99;
    ULONG bScopedA = 99;
    DWORD nullScope = 0;
    uint32_t ctxB = 0;
    At(m_a, Seconds(1), [&]() { inA = RtmGetNetworkCount(IP); });
    At(m_b, Seconds(1), [&]() {
        ctxB = Simulator::GetContext();
        inB = RtmGetNetworkCount(IP);
        {
            NodeScope scope(m_a);
            bScopedA = RtmGetNetworkCount(IP);
        }
        {
            NodeScope none(nullptr);
            nullScope = RtmGetNetworkCount(IP) == 0 ? GetLastError() : 0;
        }
    });
    Simulator::Run();
    EXPECT_EQ(ctxB, m_b->GetId());
    EXPECT_EQ(inA, 1u);
    EXPECT_EQ(inB, 0u);
    EXPECT_EQ(bScopedA, 1u) << "a scope wins over the event's context";
    EXPECT_EQ(nullScope, ERROR_INVALID_PARAMETER) << "a null scope binds nothing";
}

// ================================================================================================
// DECISIONS 2: GetLastError / SetLastError per node
// ================================================================================================

TEST_F(RtmV1Decisions, D2_LastErrorIsPerNode)
{
    {
        NodeScope scope(m_a);
        SetLastError(5);
    }
    {
        NodeScope scope(m_b);
        SetLastError(7);
        EXPECT_EQ(GetLastError(), 7u);
        EXPECT_EQ(RtmRegisterClient(2, PROTO_IP_RIP, nullptr, 0), nullptr);
        EXPECT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
    }
    {
        NodeScope scope(m_a);
        EXPECT_EQ(GetLastError(), 5u) << "b's failure did not touch a";
    }
    DWORD inEventA = 0;
    DWORD inEventB = 0;
    At(m_a, Seconds(1), [&]() { inEventA = GetLastError(); });
    At(m_b, Seconds(1), [&]() { inEventB = GetLastError(); });
    Simulator::Run();
    EXPECT_EQ(inEventA, 5u);
    EXPECT_EQ(inEventB, ERROR_INVALID_PARAMETER);
}

TEST_F(RtmV1Decisions, D2_SuccessfulCallsLeaveTheLastErrorAlone)
{
    NodeScope scope(m_a);
    const DWORD mark = 0xC0FFEE;
    SetLastError(mark);
    HANDLE ev = RecordingEvent(std::make_shared<Wakeups>());
    ASSERT_NE(ev, nullptr);
    HANDLE rip = RtmRegisterClient(IP, PROTO_IP_RIP, ev, 0);
    ASSERT_NE(rip, nullptr);
    HANDLE ospf = RtmRegisterClient(IP, PROTO_IP_OSPF, nullptr, 0);
    ASSERT_NE(ospf, nullptr);
    DWORD flags;
    RTM_IP_ROUTE r = IpRoute(Addr(10, 0, 0, 0), Mask(8), 0, 1, 1);
    RTM_IP_ROUTE out;
    ASSERT_EQ(RtmAddRoute(ospf, &r, INFINITE, &flags, &out, nullptr), NO_ERROR);
    IP_NETWORK n = r.RR_Network;
    EXPECT_TRUE(RtmIsRoute(IP, &n, &out));
    EXPECT_EQ(RtmGetNetworkCount(IP), 1u);
    EXPECT_EQ(RtmGetRouteAge(&out), 0u);
    EXPECT_TRUE(RtmLookupIPDestination(Addr(10, 1, 1, 1), &out));
    HANDLE e = RtmCreateEnumerationHandle(IP, 0, nullptr);
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(RtmEnumerateGetNextRoute(e, &out), NO_ERROR);
    EXPECT_EQ(RtmCloseEnumerationHandle(e), NO_ERROR);
    EXPECT_EQ(RtmGetFirstRoute(IP, 0, &out), NO_ERROR);
    EXPECT_EQ(RtmDequeueRouteChangeMessage(rip, &flags, &out, nullptr), NO_ERROR);
    EXPECT_EQ(RtmDeleteRoute(ospf, &r, &flags, nullptr), NO_ERROR);
    EXPECT_EQ(RtmDeregisterClient(ospf), NO_ERROR);
    EXPECT_EQ(GetLastError(), mark);
}
