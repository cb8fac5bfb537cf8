/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * Conformance of the RTMv1 Windows facade (ns3::rtmv1), IP family: registration, add/delete
 * flags and out-buffers, best-route choice (DECISIONS 10, 11, 13), single-route protocols,
 * aging (DECISIONS 14), route age and time stamps (DECISIONS 5), RtmIsRoute, RtmGetNetworkCount,
 * RtmLookupIPDestination (DECISIONS 17), notifications (DECISIONS 8, 9, 19), enumeration
 * (DECISIONS 13, 16) and the block operations (DECISIONS 15, 18), as RTMV1.md sections 2, 4 and 5
 * state them. Everything goes through the Windows API as Windows code would call it.
 */

#include "rtm-test-util.h"

#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/rtm-function-event.h"
#include "ns3/uinteger.h"

#include <map>
#include <set>

using namespace ns3;
using namespace ns3::rtmtest;
using namespace ns3::rtmv1;

namespace
{

/// 10.0.0.0/8
RTM_IP_ROUTE
Net10(DWORD ifaceIndex, DWORD metric, DWORD nextHop = 0)
{
    return IpRoute(Addr(10, 0, 0, 0), Mask(8), nextHop, ifaceIndex, metric);
}

/// The bytes of an RtmRoute key as the C++ API keeps it: (host number << 32) | host mask.
uint64_t
HostKey(uint32_t number, uint32_t mask)
{
    return (static_cast<uint64_t>(number) << 32) | mask;
}

} // namespace

// ================================================================================================
// RtmRegisterClient / RtmDeregisterClient (RTMV1.md 4.1, 4.2)
// ================================================================================================

TEST_F(RtmV1Ip, RegisterSameFamilyAndProtocolTwiceFails)
{
    NodeScope scope(m_a);
    HANDLE h1 = RtmRegisterClient(IP, PROTO_IP_RIP, nullptr, 0);
    ASSERT_NE(h1, nullptr);
    SetLastError(NO_ERROR);
    HANDLE h2 = RtmRegisterClient(IP, PROTO_IP_RIP, nullptr, 0);
    EXPECT_EQ(h2, nullptr);
    EXPECT_EQ(GetLastError(), ERROR_CLIENT_ALREADY_EXISTS);
    EXPECT_EQ(GetLastError(), 183u);
    // Different flags or an event do not make it another client.
    SetLastError(NO_ERROR);
    EXPECT_EQ(RtmRegisterClient(IP, PROTO_IP_RIP, nullptr, RTM_PROTOCOL_SINGLE_ROUTE), nullptr);
    EXPECT_EQ(GetLastError(), ERROR_CLIENT_ALREADY_EXISTS);
    // The first registration is intact.
    DWORD flags;
    EXPECT_EQ(Add(h1, Net10(1, 1), INFINITE, &flags), NO_ERROR);
    EXPECT_EQ(flags, RTM_ROUTE_ADDED);
}

TEST_F(RtmV1Ip, RegisterSameProtocolInOtherFamilyOrNodeIsFine)
{
    NodeScope scope(m_a);
    HANDLE ip = RtmRegisterClient(IP, 8, nullptr, 0);
    HANDLE ipx = RtmRegisterClient(IPX, 8, nullptr, 0);
    ASSERT_NE(ip, nullptr);
    ASSERT_NE(ipx, nullptr);
    EXPECT_NE(ip, ipx);
    {
        NodeScope other(m_b);
        EXPECT_NE(RtmRegisterClient(IP, 8, nullptr, 0), nullptr);
    }
    // Each client adds to its own family.
    DWORD flags;
    EXPECT_EQ(Add(ip, Net10(1, 1), INFINITE, &flags), NO_ERROR);
    EXPECT_EQ(Add(ipx, IpxRoute(0x10, 1, 1, 1, 1), INFINITE, &flags), NO_ERROR);
    EXPECT_EQ(RtmGetNetworkCount(IP), 1u);
    EXPECT_EQ(RtmGetNetworkCount(IPX), 1u);
}

TEST_F(RtmV1Ip, RegisterInvalidFamilyOrFlags)
{
    NodeScope scope(m_a);
    for (DWORD family : {2u, 3u, 0xFFFFFFFFu})
    {
        SetLastError(NO_ERROR);
        EXPECT_EQ(RtmRegisterClient(family, PROTO_IP_RIP, nullptr, 0), nullptr) << family;
        EXPECT_EQ(GetLastError(), ERROR_INVALID_PARAMETER) << family;
    }
    for (DWORD flags : {2u, 3u, 0x10u, 0x80000000u, 0xFFFFFFFFu})
    {
        SetLastError(NO_ERROR);
        EXPECT_EQ(RtmRegisterClient(IP, PROTO_IP_RIP, nullptr, flags), nullptr) << flags;
        EXPECT_EQ(GetLastError(), ERROR_INVALID_PARAMETER) << flags;
    }
    // None of the failures registered anything.
    EXPECT_NE(RtmRegisterClient(IP, PROTO_IP_RIP, nullptr, RTM_PROTOCOL_SINGLE_ROUTE), nullptr);
}

TEST_F(RtmV1Ip, RegisterWithBadChangeEventFails)
{
    HANDLE otherNodeEvent;
    {
        NodeScope other(m_b);
        otherNodeEvent = RecordingEvent(std::make_shared<Wakeups>());
        ASSERT_NE(otherNodeEvent, nullptr);
    }
    NodeScope scope(m_a);
    HANDLE closed = RecordingEvent(std::make_shared<Wakeups>());
    ASSERT_NE(closed, nullptr);
    EXPECT_EQ(RtmCloseChangeEvent(closed), NO_ERROR);
    int local = 42;
    for (HANDLE bad : {reinterpret_cast<HANDLE>(0x1234),
                       static_cast<HANDLE>(&local),
                       closed,
                       otherNodeEvent,
                       reinterpret_cast<HANDLE>(~static_cast<uintptr_t>(0))})
    {
        SetLastError(NO_ERROR);
        EXPECT_EQ(RtmRegisterClient(IP, PROTO_IP_RIP, bad, 0), nullptr) << bad;
        EXPECT_EQ(GetLastError(), ERROR_INVALID_HANDLE) << bad;
    }
    EXPECT_EQ(local, 42);
    EXPECT_NE(RtmRegisterClient(IP, PROTO_IP_RIP, nullptr, 0), nullptr);
}

TEST_F(RtmV1Ip, DeregisterRemovesRoutesAndAllowsReRegistration)
{
    NodeScope scope(m_a);
    HANDLE rip = Register(IP, PROTO_IP_RIP, false);
    HANDLE ospf = Register(IP, PROTO_IP_OSPF, false);
    DWORD flags;
    ASSERT_EQ(Add(rip, Net10(1, 1)), NO_ERROR);
    ASSERT_EQ(Add(rip, IpRoute(Addr(10, 1, 0, 0), Mask(16), 0, 1, 1)), NO_ERROR);
    ASSERT_EQ(Add(ospf, IpRoute(Addr(10, 1, 0, 0), Mask(16), 0, 2, 1)), NO_ERROR);
    EXPECT_EQ(Ordered<RTM_IP_ROUTE>().size(), 3u);
    EXPECT_EQ(RtmDeregisterClient(rip), NO_ERROR);
    auto left = Ordered<RTM_IP_ROUTE>();
    ASSERT_EQ(left.size(), 1u);
    EXPECT_EQ(left[0].RR_RoutingProtocol, PROTO_IP_OSPF);
    EXPECT_EQ(RtmGetNetworkCount(IP), 1u);
    // The handle is dead; the protocol can register again and starts clean.
    EXPECT_EQ(RtmDeregisterClient(rip), ERROR_INVALID_HANDLE);
    EXPECT_EQ(Add(rip, Net10(1, 1), INFINITE, &flags), ERROR_INVALID_HANDLE);
    HANDLE again = RtmRegisterClient(IP, PROTO_IP_RIP, nullptr, 0);
    ASSERT_NE(again, nullptr);
    EXPECT_EQ(Add(again, Net10(1, 1), INFINITE, &flags), NO_ERROR);
    EXPECT_EQ(flags, RTM_ROUTE_ADDED);
}

// ================================================================================================
// RtmAddRoute flags and out-buffers (RTMV1.md 2.2, 4.4, 5.2)
// ================================================================================================

TEST_F(RtmV1Ip, AddFirstRouteIsAddedWithCurFilled)
{
    NodeScope scope(m_a);
    HANDLE rip = Register(IP, PROTO_IP_RIP, false);
    RTM_IP_ROUTE r = Net10(3, 5, Addr(10, 0, 0, 1));
    r.RR_RoutingProtocol = 999; // supplied by the client handle, not by the caller
    r.RR_ProtocolSpecificData.PSD_Data[2] = 0xABCD;
    RTM_IP_ROUTE cur;
    RTM_IP_ROUTE prev;
    std::memset(&cur, 0xEE, sizeof(cur));
    std::memset(&prev, 0xEE, sizeof(prev));
    DWORD flags = 0xFFFF;
    ASSERT_EQ(RtmAddRoute(rip, &r, INFINITE, &flags, &cur, &prev), NO_ERROR);
    EXPECT_EQ(flags, RTM_ROUTE_ADDED);
    EXPECT_EQ(flags & RTM_CURRENT_BEST_ROUTE, RTM_CURRENT_BEST_ROUTE);
    EXPECT_EQ(cur.RR_RoutingProtocol, PROTO_IP_RIP);
    EXPECT_EQ(cur.RR_InterfaceID, 3u);
    EXPECT_EQ(cur.RR_Network.N_NetNumber, Addr(10, 0, 0, 0));
    EXPECT_EQ(cur.RR_Network.N_NetMask, Mask(8));
    EXPECT_EQ(cur.RR_NextHopAddress.N_NetNumber, Addr(10, 0, 0, 1));
    EXPECT_EQ(cur.RR_FamilySpecificData.FSD_Metric, 5u);
    EXPECT_EQ(cur.RR_ProtocolSpecificData.PSD_Data[2], 0xABCDu);
    EXPECT_TRUE(IsRouteValid(&cur));
    // What is stored is the same.
    auto all = Ordered<RTM_IP_ROUTE>();
    ASSERT_EQ(all.size(), 1u);
    EXPECT_TRUE(SameKey(all[0], cur)) << Describe(all[0]);
    EXPECT_EQ(all[0].RR_RoutingProtocol, PROTO_IP_RIP);
    // Out-buffers are optional.
    EXPECT_EQ(RtmAddRoute(rip,
                          &(r = IpRoute(Addr(10, 9, 0, 0), Mask(16), 0, 1, 1)),
                          INFINITE,
                          &flags,
                          nullptr,
                          nullptr),
              NO_ERROR);
    EXPECT_EQ(flags, RTM_ROUTE_ADDED);
    EXPECT_EQ(RtmAddRoute(rip, nullptr, INFINITE, &flags, nullptr, nullptr),
              ERROR_INVALID_PARAMETER);
}

TEST_F(RtmV1Ip, AddBetterRouteIsChangedWithPrevAndCur)
{
    NodeScope scope(m_a);
    HANDLE rip = Register(IP, PROTO_IP_RIP, false);
    DWORD flags;
    RTM_IP_ROUTE cur;
    RTM_IP_ROUTE prev;
    ASSERT_EQ(Add(rip, Net10(1, 5), INFINITE, &flags), NO_ERROR);
    ASSERT_EQ(flags, RTM_ROUTE_ADDED);
    ASSERT_EQ(Add(rip, Net10(2, 2), INFINITE, &flags, &cur, &prev), NO_ERROR);
    EXPECT_EQ(flags, RTM_ROUTE_CHANGED);
    EXPECT_EQ(prev.RR_InterfaceID, 1u);
    EXPECT_EQ(prev.RR_FamilySpecificData.FSD_Metric, 5u);
    EXPECT_EQ(cur.RR_InterfaceID, 2u);
    EXPECT_EQ(cur.RR_FamilySpecificData.FSD_Metric, 2u);
}

TEST_F(RtmV1Ip, AddOrUpdateNonBestRouteIsNoChange)
{
    NodeScope scope(m_a);
    HANDLE rip = Register(IP, PROTO_IP_RIP, false);
    DWORD flags;
    ASSERT_EQ(Add(rip, Net10(1, 2)), NO_ERROR);
    EXPECT_EQ(Add(rip, Net10(2, 9), INFINITE, &flags), NO_ERROR);
    EXPECT_EQ(flags, RTM_NO_CHANGE);
    // Update of the non-best entry: stored, but no change of the best.
    EXPECT_EQ(Add(rip, Net10(2, 7), INFINITE, &flags), NO_ERROR);
    EXPECT_EQ(flags, RTM_NO_CHANGE);
    auto all = Ordered<RTM_IP_ROUTE>();
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[1].RR_InterfaceID, 2u);
    EXPECT_EQ(all[1].RR_FamilySpecificData.FSD_Metric, 7u);
}

TEST_F(RtmV1Ip, UpdateWorseningBestReportsOtherRouteAsCur)
{
    NodeScope scope(m_a);
    HANDLE rip = Register(IP, PROTO_IP_RIP, false);
    DWORD flags;
    RTM_IP_ROUTE cur;
    RTM_IP_ROUTE prev;
    ASSERT_EQ(Add(rip, Net10(1, 5)), NO_ERROR);
    ASSERT_EQ(Add(rip, Net10(2, 2)), NO_ERROR);
    ASSERT_EQ(Add(rip, Net10(2, 20), INFINITE, &flags, &cur, &prev), NO_ERROR);
    EXPECT_EQ(flags, RTM_ROUTE_CHANGED);
    EXPECT_EQ(prev.RR_InterfaceID, 2u);
    EXPECT_EQ(prev.RR_FamilySpecificData.FSD_Metric, 2u) << "Prev is the best as it was before";
    EXPECT_EQ(cur.RR_InterfaceID, 1u) << "Cur is not necessarily the route just added";
    EXPECT_EQ(cur.RR_FamilySpecificData.FSD_Metric, 5u);
}

TEST_F(RtmV1Ip, UpdateOfBestSignificantFieldIsChanged)
{
    NodeScope scope(m_a);
    HANDLE rip = Register(IP, PROTO_IP_RIP, false);
    DWORD flags;
    RTM_IP_ROUTE cur;
    RTM_IP_ROUTE prev;
    RTM_IP_ROUTE r = Net10(1, 5);
    ASSERT_EQ(Add(rip, r), NO_ERROR);
    // Metric of the best (stays best).
    r.RR_FamilySpecificData.FSD_Metric = 4;
    ASSERT_EQ(Add(rip, r, INFINITE, &flags, &cur, &prev), NO_ERROR);
    EXPECT_EQ(flags, RTM_ROUTE_CHANGED);
    EXPECT_EQ(prev.RR_FamilySpecificData.FSD_Metric, 5u);
    EXPECT_EQ(cur.RR_FamilySpecificData.FSD_Metric, 4u);
    // Any family-specific byte counts, even one RTM does not compare on.
    r.RR_FamilySpecificData.FSD_Metric3 = 77;
    ASSERT_EQ(Add(rip, r, INFINITE, &flags, &cur, &prev), NO_ERROR);
    EXPECT_EQ(flags, RTM_ROUTE_CHANGED);
    EXPECT_EQ(prev.RR_FamilySpecificData.FSD_Metric3, 0u);
    EXPECT_EQ(cur.RR_FamilySpecificData.FSD_Metric3, 77u);
    r.RR_FamilySpecificData.FSD_Policy = 8;
    ASSERT_EQ(Add(rip, r, INFINITE, &flags), NO_ERROR);
    EXPECT_EQ(flags, RTM_ROUTE_CHANGED);
}

TEST_F(RtmV1Ip, ProtocolSpecificDataOrTimeStampOnlyIsNoChange)
{
    NodeScope scope(m_a);
    HANDLE rip = Register(IP, PROTO_IP_RIP, false);
    HANDLE ospf = Register(IP, PROTO_IP_OSPF, true);
    DWORD flags;
    RTM_IP_ROUTE r = Net10(1, 5);
    ASSERT_EQ(Add(rip, r), NO_ERROR);
    Drain<RTM_IP_ROUTE>(ospf);
    r.RR_ProtocolSpecificData.PSD_Data[0] = 0x11111111;
    r.RR_ProtocolSpecificData.PSD_Data[3] = 0x22222222;
    EXPECT_EQ(Add(rip, r, INFINITE, &flags), NO_ERROR);
    EXPECT_EQ(flags, RTM_NO_CHANGE);
    r.RR_TimeStamp.dwLowDateTime = 0x12345678;
    r.RR_TimeStamp.dwHighDateTime = 0x9;
    EXPECT_EQ(Add(rip, r, INFINITE, &flags), NO_ERROR);
    EXPECT_EQ(flags, RTM_NO_CHANGE);
    // The opaque data is stored, nobody is told.
    auto all = Ordered<RTM_IP_ROUTE>();
    ASSERT_EQ(all.size(), 1u);
    EXPECT_EQ(all[0].RR_ProtocolSpecificData.PSD_Data[0], 0x11111111u);
    EXPECT_EQ(all[0].RR_ProtocolSpecificData.PSD_Data[3], 0x22222222u);
    DWORD end;
    EXPECT_TRUE(Drain<RTM_IP_ROUTE>(ospf, &end).empty());
    EXPECT_EQ(end, ERROR_NO_MESSAGES);
}

// ================================================================================================
// RtmDeleteRoute (RTMV1.md 4.5)
// ================================================================================================

TEST_F(RtmV1Ip, DeleteFlagsAndCur)
{
    NodeScope scope(m_a);
    HANDLE rip = Register(IP, PROTO_IP_RIP, false);
    DWORD flags;
    RTM_IP_ROUTE cur;
    ASSERT_EQ(Add(rip, Net10(1, 1)), NO_ERROR);
    ASSERT_EQ(Add(rip, Net10(2, 2)), NO_ERROR);
    ASSERT_EQ(Add(rip, Net10(3, 3)), NO_ERROR);
    // Not the best.
    EXPECT_EQ(Del(rip, Net10(3, 0), &flags), NO_ERROR);
    EXPECT_EQ(flags, RTM_NO_CHANGE);
    // The best: another takes over.
    std::memset(&cur, 0, sizeof(cur));
    EXPECT_EQ(Del(rip, Net10(1, 0), &flags, &cur), NO_ERROR);
    EXPECT_EQ(flags, RTM_ROUTE_CHANGED);
    EXPECT_EQ(cur.RR_InterfaceID, 2u);
    EXPECT_EQ(cur.RR_FamilySpecificData.FSD_Metric, 2u);
    EXPECT_EQ(cur.RR_RoutingProtocol, PROTO_IP_RIP);
    // The only one.
    EXPECT_EQ(Del(rip, Net10(2, 0), &flags, &cur), NO_ERROR);
    EXPECT_EQ(flags, RTM_ROUTE_DELETED);
    EXPECT_EQ(RtmGetNetworkCount(IP), 0u);
    // Out-buffer optional.
    ASSERT_EQ(Add(rip, Net10(1, 1)), NO_ERROR);
    RTM_IP_ROUTE d = Net10(1, 1);
    EXPECT_EQ(RtmDeleteRoute(rip, &d, &flags, nullptr), NO_ERROR);
    EXPECT_EQ(flags, RTM_ROUTE_DELETED);
    EXPECT_EQ(RtmDeleteRoute(rip, nullptr, &flags, nullptr), ERROR_INVALID_PARAMETER);
}

TEST_F(RtmV1Ip, DeleteMissingRouteIsNoSuchRoute)
{
    NodeScope scope(m_a);
    HANDLE rip = Register(IP, PROTO_IP_RIP, false);
    HANDLE ospf = Register(IP, PROTO_IP_OSPF, false);
    DWORD flags;
    EXPECT_EQ(Del(rip, Net10(1, 1), &flags), ERROR_NO_SUCH_ROUTE);
    EXPECT_EQ(ERROR_NO_SUCH_ROUTE, 259u);
    ASSERT_EQ(Add(rip, Net10(1, 1, Addr(10, 0, 0, 1))), NO_ERROR);
    std::string before = TableBytes();
    // Another protocol's route, other interface, other next hop, other mask: no match.
    EXPECT_EQ(Del(ospf, Net10(1, 1, Addr(10, 0, 0, 1)), &flags), ERROR_NO_SUCH_ROUTE);
    EXPECT_EQ(Del(rip, Net10(2, 1, Addr(10, 0, 0, 1)), &flags), ERROR_NO_SUCH_ROUTE);
    EXPECT_EQ(Del(rip, Net10(1, 1, Addr(10, 0, 0, 2)), &flags), ERROR_NO_SUCH_ROUTE);
    RTM_IP_ROUTE wrongMask = Net10(1, 1, Addr(10, 0, 0, 1));
    wrongMask.RR_Network.N_NetMask = Mask(16);
    EXPECT_EQ(Del(rip, wrongMask, &flags), ERROR_NO_SUCH_ROUTE);
    EXPECT_EQ(TableBytes(), before);
    EXPECT_EQ(Del(rip, Net10(1, 1, Addr(10, 0, 0, 1)), &flags), NO_ERROR);
    EXPECT_EQ(Del(rip, Net10(1, 1, Addr(10, 0, 0, 1)), &flags), ERROR_NO_SUCH_ROUTE);
}

// ================================================================================================
// Best route (DECISIONS 10, 11)
// ================================================================================================

TEST_F(RtmV1Decisions, D10_InvalidRouteNeverBeatsValid)
{
    NodeScope scope(m_a);
    HANDLE rip = Register(IP, PROTO_IP_RIP, false);
    HANDLE local = Register(IP, PROTO_IP_LOCAL, false);
    DWORD flags;
    ASSERT_EQ(Add(rip, Net10(1, 15)), NO_ERROR);
    // Better priority and metric, but not valid.
    RTM_IP_ROUTE inv = Net10(2, 1);
    ClearRouteValid(&inv);
    EXPECT_EQ(Add(local, inv, INFINITE, &flags), NO_ERROR);
    EXPECT_EQ(flags, RTM_NO_CHANGE);
    IP_NETWORK n = IpNet(Addr(10, 0, 0, 0), Mask(8));
    RTM_IP_ROUTE best;
    ASSERT_TRUE(RtmIsRoute(IP, &n, &best));
    EXPECT_EQ(best.RR_RoutingProtocol, PROTO_IP_RIP);
    // The valid one leaves: the network has no best any more (invalid is not a last resort).
    EXPECT_EQ(Del(rip, Net10(1, 15), &flags), NO_ERROR);
    EXPECT_EQ(flags, RTM_ROUTE_DELETED);
    EXPECT_FALSE(RtmIsRoute(IP, &n, &best));
    EXPECT_EQ(Ordered<RTM_IP_ROUTE>().size(), 1u);
}

TEST_F(RtmV1Decisions, D10_NetworkWithOnlyInvalidRoutesHasNoBest)
{
    NodeScope scope(m_a);
    HANDLE rip = Register(IP, PROTO_IP_RIP, false);
    HANDLE ospf = Register(IP, PROTO_IP_OSPF, true);
    DWORD flags;
    RTM_IP_ROUTE inv = IpRoute(Addr(10, 1, 2, 0), Mask(24), 0, 1, 1, false);
    EXPECT_EQ(Add(rip, inv, INFINITE, &flags), NO_ERROR);
    EXPECT_EQ(flags, RTM_NO_CHANGE) << "no ADDED for an invalid-only network";
    DWORD end;
    EXPECT_TRUE(Drain<RTM_IP_ROUTE>(ospf, &end).empty());
    EXPECT_EQ(end, ERROR_NO_MESSAGES);
    IP_NETWORK n = IpNet(Addr(10, 1, 2, 0), Mask(24));
    SetLastError(1234);
    EXPECT_FALSE(RtmIsRoute(IP, &n, nullptr));
    EXPECT_EQ(GetLastError(), NO_ERROR);
    EXPECT_FALSE(RtmLookupIPDestination(Addr(10, 1, 2, 3), &inv));
    // Still stored and enumerable, both ways; not among best routes.
    auto ordered = Ordered<RTM_IP_ROUTE>();
    ASSERT_EQ(ordered.size(), 1u);
    EXPECT_FALSE(IsRouteValid(&ordered[0]));
    EXPECT_EQ(Enumerated<RTM_IP_ROUTE>(0, nullptr).size(), 1u);
    DWORD err;
    EXPECT_TRUE(Enumerated<RTM_IP_ROUTE>(RTM_ONLY_BEST_ROUTES, nullptr, &err).empty());
    EXPECT_EQ(err, ERROR_NO_ROUTES);
    // Becoming valid makes it the first best route of the network.
    SetRouteValid(&inv);
    RTM_IP_ROUTE cur;
    EXPECT_EQ(Add(rip, inv, INFINITE, &flags, &cur), NO_ERROR);
    EXPECT_EQ(flags, RTM_ROUTE_ADDED);
    EXPECT_TRUE(IsRouteValid(&cur));
    auto msgs = Drain<RTM_IP_ROUTE>(ospf);
    ASSERT_EQ(msgs.size(), 1u);
    EXPECT_EQ(msgs[0].flags, RTM_ROUTE_ADDED);
    EXPECT_TRUE(RtmIsRoute(IP, &n, nullptr));
}

TEST_F(RtmV1Decisions, D10_BestTurnedInvalidYieldsToValidRoute)
{
    NodeScope scope(m_a);
    HANDLE rip = Register(IP, PROTO_IP_RIP, false);
    DWORD flags;
    RTM_IP_ROUTE cur;
    RTM_IP_ROUTE prev;
    ASSERT_EQ(Add(rip, Net10(1, 1)), NO_ERROR);
    ASSERT_EQ(Add(rip, Net10(2, 9)), NO_ERROR);
    RTM_IP_ROUTE r = Net10(1, 1);
    ClearRouteValid(&r);
    ASSERT_EQ(Add(rip, r, INFINITE, &flags, &cur, &prev), NO_ERROR);
    EXPECT_EQ(flags, RTM_ROUTE_CHANGED);
    EXPECT_EQ(prev.RR_InterfaceID, 1u);
    EXPECT_TRUE(IsRouteValid(&prev));
    EXPECT_EQ(cur.RR_InterfaceID, 2u);
}

TEST_F(RtmV1Decisions, D10_FsdType2DoesNotExcludeRoute)
{
    NodeScope scope(m_a);
    HANDLE rip = Register(IP, PROTO_IP_RIP, false);
    DWORD flags;
    RTM_IP_ROUTE r = Net10(1, 1);
    r.RR_FamilySpecificData.FSD_Type = 2;
    EXPECT_EQ(Add(rip, r, INFINITE, &flags), NO_ERROR);
    EXPECT_EQ(flags, RTM_ROUTE_ADDED);
    RTM_IP_ROUTE r2 = Net10(2, 5);
    ASSERT_EQ(Add(rip, r2, INFINITE, &flags), NO_ERROR);
    EXPECT_EQ(flags, RTM_NO_CHANGE) << "the FSD_Type 2 route stays best on metric";
    IP_NETWORK n = IpNet(Addr(10, 0, 0, 0), Mask(8));
    RTM_IP_ROUTE best;
    ASSERT_TRUE(RtmIsRoute(IP, &n, &best));
    EXPECT_EQ(best.RR_InterfaceID, 1u);
    EXPECT_EQ(best.RR_FamilySpecificData.FSD_Type, 2u);
}

TEST_F(RtmV1Decisions, D11_PriorityIsSetByManagerAndDefaultsOrderLocalStaticOspfRip)
{
    NodeScope scope(m_a);
    Ptr<RoutingTableManager> rtm = Rtm(m_a);
    HANDLE rip = Register(IP, PROTO_IP_RIP, false);
    HANDLE ospf = Register(IP, PROTO_IP_OSPF, false);
    HANDLE stat = Register(IP, PROTO_IP_NT_STATIC, false);
    HANDLE local = Register(IP, PROTO_IP_LOCAL, false);
    DWORD flags;
    RTM_IP_ROUTE cur;
    RTM_IP_ROUTE prev;
    // The worse the protocol, the better its metric and the priority it claims.
    RTM_IP_ROUTE r = Net10(1, 1);
    r.RR_FamilySpecificData.FSD_Priority = 0;
    ASSERT_EQ(Add(rip, r, INFINITE, &flags, &cur), NO_ERROR);
    EXPECT_EQ(flags, RTM_ROUTE_ADDED);
    EXPECT_EQ(cur.RR_FamilySpecificData.FSD_Priority, rtm->GetProtocolPriority(PROTO_IP_RIP));

    struct Step
    {
        HANDLE client;
        DWORD protocol;
        DWORD ifaceIndex;
        DWORD metric;
    };

    const Step steps[] = {{ospf, PROTO_IP_OSPF, 2, 50},
                          {stat, PROTO_IP_NT_STATIC, 3, 100},
                          {local, PROTO_IP_LOCAL, 4, 1000}};
    DWORD lastPriority = cur.RR_FamilySpecificData.FSD_Priority;
    for (const Step& s : steps)
    {
        RTM_IP_ROUTE x = Net10(s.ifaceIndex, s.metric);
        x.RR_FamilySpecificData.FSD_Priority = 0xFFFFFFFF;
        ASSERT_EQ(Add(s.client, x, INFINITE, &flags, &cur, &prev), NO_ERROR);
        EXPECT_EQ(flags, RTM_ROUTE_CHANGED) << s.protocol;
        EXPECT_EQ(cur.RR_RoutingProtocol, s.protocol);
        EXPECT_EQ(cur.RR_FamilySpecificData.FSD_Priority, rtm->GetProtocolPriority(s.protocol))
            << "the client's FSD_Priority is ignored";
        EXPECT_NE(cur.RR_FamilySpecificData.FSD_Priority, 0xFFFFFFFFu);
        EXPECT_LT(cur.RR_FamilySpecificData.FSD_Priority, lastPriority) << "lower wins";
        lastPriority = cur.RR_FamilySpecificData.FSD_Priority;
    }
    // Every stored route carries its protocol's priority.
    for (const auto& x : Ordered<RTM_IP_ROUTE>())
    {
        EXPECT_EQ(x.RR_FamilySpecificData.FSD_Priority,
                  rtm->GetProtocolPriority(x.RR_RoutingProtocol))
            << Describe(x);
    }
    // Taking them away walks back up the ladder.
    EXPECT_EQ(Del(local, Net10(4, 0), &flags, &cur), NO_ERROR);
    EXPECT_EQ(flags, RTM_ROUTE_CHANGED);
    EXPECT_EQ(cur.RR_RoutingProtocol, PROTO_IP_NT_STATIC);
    EXPECT_EQ(Del(stat, Net10(3, 0), &flags, &cur), NO_ERROR);
    EXPECT_EQ(cur.RR_RoutingProtocol, PROTO_IP_OSPF);
    EXPECT_EQ(Del(ospf, Net10(2, 0), &flags, &cur), NO_ERROR);
    EXPECT_EQ(cur.RR_RoutingProtocol, PROTO_IP_RIP);
}

TEST_F(RtmV1Decisions, D11_PriorityTableIsHeldByTheManager)
{
    NodeScope scope(m_a);
    Ptr<RoutingTableManager> rtm = Rtm(m_a);
    rtm->SetProtocolPriority(PROTO_IP_RIP, 5);
    rtm->SetProtocolPriority(PROTO_IP_OSPF, 50);
    HANDLE rip = Register(IP, PROTO_IP_RIP, false);
    HANDLE ospf = Register(IP, PROTO_IP_OSPF, false);
    DWORD flags;
    RTM_IP_ROUTE cur;
    ASSERT_EQ(Add(ospf, Net10(1, 1), INFINITE, &flags, &cur), NO_ERROR);
    EXPECT_EQ(cur.RR_FamilySpecificData.FSD_Priority, 50u);
    ASSERT_EQ(Add(rip, Net10(2, 10), INFINITE, &flags, &cur), NO_ERROR);
    EXPECT_EQ(flags, RTM_ROUTE_CHANGED);
    EXPECT_EQ(cur.RR_RoutingProtocol, PROTO_IP_RIP);
    EXPECT_EQ(cur.RR_FamilySpecificData.FSD_Priority, 5u);
}

TEST_F(RtmV1Decisions, D10_LowerMetricWinsAtEqualPriorityAndMetric1To5AreIgnored)
{
    NodeScope scope(m_a);
    HANDLE rip = Register(IP, PROTO_IP_RIP, false);
    DWORD flags;
    RTM_IP_ROUTE a = Net10(1, 5);
    a.RR_FamilySpecificData.FSD_Metric1 = 100;
    RTM_IP_ROUTE b = Net10(2, 6);
    b.RR_FamilySpecificData.FSD_Metric1 = 1;
    b.RR_FamilySpecificData.FSD_Metric2 = 1;
    ASSERT_EQ(Add(rip, a), NO_ERROR);
    ASSERT_EQ(Add(rip, b, INFINITE, &flags), NO_ERROR);
    EXPECT_EQ(flags, RTM_NO_CHANGE);
    RTM_IP_ROUTE c = Net10(3, 4);
    c.RR_FamilySpecificData.FSD_Metric1 = 1000;
    ASSERT_EQ(Add(rip, c, INFINITE, &flags), NO_ERROR);
    EXPECT_EQ(flags, RTM_ROUTE_CHANGED);
    IP_NETWORK n = IpNet(Addr(10, 0, 0, 0), Mask(8));
    RTM_IP_ROUTE best;
    ASSERT_TRUE(RtmIsRoute(IP, &n, &best));
    EXPECT_EQ(best.RR_InterfaceID, 3u);
}

TEST_F(RtmV1Decisions, D10_FullTieKeepsCurrentBest)
{
    NodeScope scope(m_a);
    HANDLE rip = Register(IP, PROTO_IP_RIP, false);
    HANDLE ospf = Register(IP, PROTO_IP_OSPF, true);
    DWORD flags;
    ASSERT_EQ(Add(rip, Net10(5, 3, Addr(10, 0, 0, 9))), NO_ERROR);
    // Same priority and metric, lower interface and next hop: the current best stays.
    EXPECT_EQ(Add(rip, Net10(1, 3, Addr(10, 0, 0, 1)), INFINITE, &flags), NO_ERROR);
    EXPECT_EQ(flags, RTM_NO_CHANGE);
    EXPECT_EQ(Drain<RTM_IP_ROUTE>(ospf).size(), 1u) << "only the ADDED, no message for the tie";
    IP_NETWORK n = IpNet(Addr(10, 0, 0, 0), Mask(8));
    RTM_IP_ROUTE best;
    ASSERT_TRUE(RtmIsRoute(IP, &n, &best));
    EXPECT_EQ(best.RR_InterfaceID, 5u);
    // The best gets worse then equal again: still no needless change for the tie.
    EXPECT_EQ(Add(rip, Net10(1, 2, Addr(10, 0, 0, 1)), INFINITE, &flags), NO_ERROR);
    EXPECT_EQ(flags, RTM_ROUTE_CHANGED);
    EXPECT_EQ(Add(rip, Net10(5, 2, Addr(10, 0, 0, 9)), INFINITE, &flags), NO_ERROR);
    EXPECT_EQ(flags, RTM_NO_CHANGE);
    ASSERT_TRUE(RtmIsRoute(IP, &n, &best));
    EXPECT_EQ(best.RR_InterfaceID, 1u);
}

TEST_F(RtmV1Decisions, D10_TieWithoutCurrentBestPicksLowestProtocolInterfaceNextHop)
{
    NodeScope scope(m_a);
    Ptr<RoutingTableManager> rtm = Rtm(m_a);
    rtm->SetProtocolPriority(PROTO_IP_EGP, 40);
    rtm->SetProtocolPriority(PROTO_IP_BGP, 40);
    HANDLE bgp = Register(IP, PROTO_IP_BGP, false);
    HANDLE egp = Register(IP, PROTO_IP_EGP, false);
    DWORD flags;
    RTM_IP_ROUTE cur;
    ASSERT_EQ(Add(bgp, Net10(1, 1, Addr(10, 0, 0, 50))), NO_ERROR); // best
    ASSERT_EQ(Add(bgp, Net10(3, 5, Addr(10, 0, 0, 1))), NO_ERROR);
    ASSERT_EQ(Add(bgp, Net10(2, 5, Addr(10, 0, 0, 2))), NO_ERROR);
    // 9.0.0.3 < 10.0.0.2 as host-order integers (but not as raw network-order DWORDs).
    ASSERT_EQ(Add(bgp, Net10(2, 5, Addr(9, 0, 0, 3))), NO_ERROR);
    ASSERT_EQ(Add(egp, Net10(9, 5, Addr(10, 0, 0, 99))), NO_ERROR);
    // Lowest protocol first (EGP 5 < BGP 14).
    ASSERT_EQ(Del(bgp, Net10(1, 1, Addr(10, 0, 0, 50)), &flags, &cur), NO_ERROR);
    EXPECT_EQ(flags, RTM_ROUTE_CHANGED);
    EXPECT_EQ(cur.RR_RoutingProtocol, PROTO_IP_EGP) << Describe(cur);
    // Then lowest interface, then lowest next hop.
    ASSERT_EQ(Del(egp, Net10(9, 5, Addr(10, 0, 0, 99)), &flags, &cur), NO_ERROR);
    EXPECT_EQ(flags, RTM_ROUTE_CHANGED);
    EXPECT_EQ(cur.RR_InterfaceID, 2u) << Describe(cur);
    EXPECT_EQ(cur.RR_NextHopAddress.N_NetNumber, Addr(9, 0, 0, 3)) << Describe(cur);
    ASSERT_EQ(Del(bgp, Net10(2, 5, Addr(9, 0, 0, 3)), &flags, &cur), NO_ERROR);
    EXPECT_EQ(cur.RR_InterfaceID, 2u);
    EXPECT_EQ(cur.RR_NextHopAddress.N_NetNumber, Addr(10, 0, 0, 2)) << Describe(cur);
    ASSERT_EQ(Del(bgp, Net10(2, 5, Addr(10, 0, 0, 2)), &flags, &cur), NO_ERROR);
    EXPECT_EQ(cur.RR_InterfaceID, 3u);
}

// ================================================================================================
// RTM_PROTOCOL_SINGLE_ROUTE (RTMV1.md 4.1, 4.5, 5.1)
// ================================================================================================

TEST_F(RtmV1Ip, SingleRouteProtocolKeepsOneEntryPerNetwork)
{
    NodeScope scope(m_a);
    HANDLE ospf = Register(IP, PROTO_IP_OSPF, false, RTM_PROTOCOL_SINGLE_ROUTE);
    HANDLE rip = Register(IP, PROTO_IP_RIP, false);
    DWORD flags;
    RTM_IP_ROUTE cur;
    RTM_IP_ROUTE prev;
    ASSERT_EQ(Add(ospf, Net10(1, 10, Addr(10, 0, 0, 1)), INFINITE, &flags), NO_ERROR);
    EXPECT_EQ(flags, RTM_ROUTE_ADDED);
    ASSERT_EQ(Add(ospf, Net10(2, 10, Addr(10, 0, 0, 2)), INFINITE, &flags, &cur, &prev), NO_ERROR);
    EXPECT_EQ(flags, RTM_ROUTE_CHANGED) << "interface and next hop of the best changed";
    EXPECT_EQ(prev.RR_InterfaceID, 1u);
    EXPECT_EQ(cur.RR_InterfaceID, 2u);
    EXPECT_EQ(cur.RR_NextHopAddress.N_NetNumber, Addr(10, 0, 0, 2));
    auto all = Ordered<RTM_IP_ROUTE>();
    ASSERT_EQ(all.size(), 1u);
    EXPECT_EQ(all[0].RR_InterfaceID, 2u);
    // A multi-route protocol on the same network keeps separate entries.
    ASSERT_EQ(Add(rip, Net10(1, 1, Addr(10, 0, 0, 1))), NO_ERROR);
    ASSERT_EQ(Add(rip, Net10(2, 1, Addr(10, 0, 0, 2))), NO_ERROR);
    EXPECT_EQ(Ordered<RTM_IP_ROUTE>().size(), 3u);
    // Delete matches on the network alone.
    ASSERT_EQ(Del(ospf, Net10(77, 0, Addr(1, 2, 3, 4)), &flags), NO_ERROR);
    all = Ordered<RTM_IP_ROUTE>();
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].RR_RoutingProtocol, PROTO_IP_RIP);
    EXPECT_EQ(all[1].RR_RoutingProtocol, PROTO_IP_RIP);
    EXPECT_EQ(Del(ospf, Net10(2, 0, Addr(10, 0, 0, 2)), &flags), ERROR_NO_SUCH_ROUTE);
    // Different networks are different entries, even single-route.
    ASSERT_EQ(Add(ospf, IpRoute(Addr(10, 0, 0, 0), Mask(16), 0, 1, 1)), NO_ERROR);
    ASSERT_EQ(Add(ospf, Net10(1, 1)), NO_ERROR);
    EXPECT_EQ(Ordered<RTM_IP_ROUTE>().size(), 4u);
}

// ================================================================================================
// TimeToLive and aging (RTMV1.md 2.7, 4.4, 5.5; DECISIONS 14)
// ================================================================================================

TEST_F(RtmV1Decisions, D14_TtlAboveMaxIsInvalid)
{
    NodeScope scope(m_a);
    HANDLE rip = Register(IP, PROTO_IP_RIP, false);
    HANDLE ospf = Register(IP, PROTO_IP_OSPF, true);
    DWORD flags;
    for (DWORD ttl : {2147484u, 3000000u, 0x7FFFFFFFu, 0xFFFFFFFEu})
    {
        EXPECT_EQ(Add(rip, Net10(1, 1), ttl, &flags), ERROR_INVALID_PARAMETER) << ttl;
    }
    EXPECT_TRUE(Ordered<RTM_IP_ROUTE>().empty());
    EXPECT_EQ(QueueLength(m_a, IP, PROTO_IP_OSPF), 0u);
    // An update with a bad TTL leaves the entry alone.
    ASSERT_EQ(Add(rip, Net10(1, 1), 2147483, &flags), NO_ERROR) << "2147483 is the maximum";
    EXPECT_EQ(flags, RTM_ROUTE_ADDED);
    Drain<RTM_IP_ROUTE>(ospf);
    std::string before = TableBytes();
    EXPECT_EQ(Add(rip, Net10(1, 9), 2147484, &flags), ERROR_INVALID_PARAMETER);
    EXPECT_EQ(Add(rip, Net10(2, 9), 2147484, &flags), ERROR_INVALID_PARAMETER);
    EXPECT_EQ(TableBytes(), before);
    EXPECT_EQ(QueueLength(m_a, IP, PROTO_IP_OSPF), 0u);
}

TEST_F(RtmV1Decisions, D14_MaximumTtlAgesOutAtTheLimit)
{
    HANDLE rip;
    {
        NodeScope scope(m_a);
        rip = Register(IP, PROTO_IP_RIP, false);
        ASSERT_EQ(Add(rip, Net10(1, 1), 2147483), NO_ERROR);
    }
    int present = -1;
    int gone = -1;
    At(m_a, Seconds(2147482.5), [&]() { present = RtmGetNetworkCount(IP); });
    At(m_a, Seconds(2147483.5), [&]() { gone = RtmGetNetworkCount(IP); });
    Simulator::Run();
    EXPECT_EQ(present, 1);
    EXPECT_EQ(gone, 0);
}

TEST_F(RtmV1Ip, RouteAgesOutAfterTtlAndEveryClientWithEventIsTold)
{
    HANDLE rip;
    HANDLE ospf;
    HANDLE quiet;
    RegisterOn(m_a,
               {{&rip, IP, PROTO_IP_RIP, true},
                {&ospf, IP, PROTO_IP_OSPF, true},
                {&quiet, IP, PROTO_IP_NT_STATIC, false}});
    At(m_a, Seconds(1), [&]() {
        ASSERT_EQ(Add(rip, Net10(4, 3), 10), NO_ERROR);
        ASSERT_EQ(Add(rip, IpRoute(Addr(10, 1, 0, 0), Mask(16), 0, 1, 1), 20), NO_ERROR);
        Drain<RTM_IP_ROUTE>(ospf);
    });
    At(m_a, Seconds(10.999), [&]() {
        EXPECT_EQ(RtmGetNetworkCount(IP), 2u) << "not before TTL";
        DWORD end;
        EXPECT_TRUE(Drain<RTM_IP_ROUTE>(rip, &end).empty());
        EXPECT_TRUE(Drain<RTM_IP_ROUTE>(ospf, &end).empty());
    });
    At(m_a, Seconds(11.001), [&]() {
        EXPECT_EQ(RtmGetNetworkCount(IP), 1u);
        auto all = Ordered<RTM_IP_ROUTE>();
        ASSERT_EQ(all.size(), 1u);
        EXPECT_EQ(all[0].RR_Network.N_NetMask, Mask(16));
        for (HANDLE h : {rip, ospf})
        {
            DWORD end;
            auto msgs = Drain<RTM_IP_ROUTE>(h, &end);
            ASSERT_EQ(msgs.size(), 1u) << "owner included";
            EXPECT_EQ(end, NO_ERROR);
            EXPECT_EQ(msgs[0].flags, RTM_ROUTE_DELETED);
            EXPECT_EQ(msgs[0].prev.RR_InterfaceID, 4u);
            EXPECT_EQ(msgs[0].prev.RR_Network.N_NetMask, Mask(8));
        }
        DWORD f;
        EXPECT_EQ(RtmDequeueRouteChangeMessage(quiet, &f, nullptr, nullptr), ERROR_INVALID_HANDLE);
    });
    At(m_a, Seconds(21.001), [&]() { EXPECT_EQ(RtmGetNetworkCount(IP), 0u); });
    Simulator::Run();
}

TEST_F(RtmV1Ip, UpdateRestartsTtlWithTheNewValue)
{
    HANDLE rip;
    {
        NodeScope scope(m_a);
        rip = Register(IP, PROTO_IP_RIP, false);
    }
    const RTM_IP_ROUTE a = Net10(1, 1);
    const RTM_IP_ROUTE b = IpRoute(Addr(10, 2, 0, 0), Mask(16), 0, 1, 1);
    const RTM_IP_ROUTE c = IpRoute(Addr(10, 3, 0, 0), Mask(16), 0, 1, 1);
    At(m_a, Seconds(0), [&]() {
        ASSERT_EQ(Add(rip, a, 10), NO_ERROR);
        ASSERT_EQ(Add(rip, b, 100), NO_ERROR);
        ASSERT_EQ(Add(rip, c, 9), NO_ERROR);
    });
    At(m_a, Seconds(8), [&]() {
        ASSERT_EQ(Add(rip, a, 10), NO_ERROR); // same data: restarts TTL
        ASSERT_EQ(Add(rip, b, 5), NO_ERROR);  // shorter
        ASSERT_EQ(Add(rip, c, INFINITE), NO_ERROR);
    });
    std::map<double, std::set<DWORD>> seen;
    for (double t : {12.9, 13.1, 17.9, 18.1, 1000.0})
    {
        At(m_a, Seconds(t), [&seen, t]() {
            for (const auto& r : Ordered<RTM_IP_ROUTE>())
            {
                seen[t].insert(NetToHost(r.RR_Network.N_NetNumber) >> 16);
            }
        });
    }
    Simulator::Run();
    const DWORD A = 0x0A00;
    const DWORD B = 0x0A02;
    const DWORD C = 0x0A03;
    EXPECT_EQ(seen[12.9], (std::set<DWORD>{A, B, C}));
    EXPECT_EQ(seen[13.1], (std::set<DWORD>{A, C})) << "b restarted with TTL 5 at t=8";
    EXPECT_EQ(seen[17.9], (std::set<DWORD>{A, C})) << "a restarted with TTL 10 at t=8";
    EXPECT_EQ(seen[18.1], (std::set<DWORD>{C}));
    EXPECT_EQ(seen[1000.0], (std::set<DWORD>{C})) << "INFINITE never ages";
}

TEST_F(RtmV1Decisions, D14_TtlZeroAgesOutWhenTheCurrentEventEnds)
{
    HANDLE rip;
    HANDLE ospf;
    RegisterOn(m_a, {{&rip, IP, PROTO_IP_RIP, true}, {&ospf, IP, PROTO_IP_OSPF, true}});
    bool inEvent = false;
    bool afterEvent = true;
    bool slightlyLater = true;
    At(m_a, Seconds(1), [&]() {
        DWORD flags;
        ASSERT_EQ(Add(rip, Net10(1, 1), 0, &flags), NO_ERROR);
        EXPECT_EQ(flags, RTM_ROUTE_ADDED);
        IP_NETWORK n = IpNet(Addr(10, 0, 0, 0), Mask(8));
        inEvent = RtmIsRoute(IP, &n, nullptr);
        Simulator::ScheduleNow(RtmMakeEvent([&]() {
            NodeScope s(m_a);
            IP_NETWORK n2 = IpNet(Addr(10, 0, 0, 0), Mask(8));
            afterEvent = RtmIsRoute(IP, &n2, nullptr);
        }));
    });
    At(m_a, Seconds(1) + NanoSeconds(1), [&]() {
        IP_NETWORK n = IpNet(Addr(10, 0, 0, 0), Mask(8));
        slightlyLater = RtmIsRoute(IP, &n, nullptr);
    });
    Simulator::Run();
    EXPECT_TRUE(inEvent) << "still there during the event that added it";
    EXPECT_FALSE(afterEvent);
    EXPECT_FALSE(slightlyLater);
    NodeScope scope(m_a);
    auto own = Drain<RTM_IP_ROUTE>(rip);
    ASSERT_EQ(own.size(), 1u) << "the owner is told of the aging";
    EXPECT_EQ(own[0].flags, RTM_ROUTE_DELETED);
    auto other = Drain<RTM_IP_ROUTE>(ospf);
    ASSERT_EQ(other.size(), 2u);
    EXPECT_EQ(other[0].flags, RTM_ROUTE_ADDED);
    EXPECT_EQ(other[1].flags, RTM_ROUTE_DELETED);
}

// ================================================================================================
// RtmGetRouteAge and RR_TimeStamp (RTMV1.md 4.8; DECISIONS 5)
// ================================================================================================

TEST_F(RtmV1Decisions, D5_TimeStampIsSimulatedFiletimeAndRouteAgeUsesIt)
{
    HANDLE rip;
    {
        NodeScope scope(m_a);
        rip = Register(IP, PROTO_IP_RIP, false);
    }
    IP_NETWORK n = IpNet(Addr(10, 0, 0, 0), Mask(8));
    At(m_a, Seconds(2), [&]() {
        RTM_IP_ROUTE r = Net10(1, 1);
        r.RR_TimeStamp.dwLowDateTime = 0xFFFFFFFF; // ignored
        r.RR_TimeStamp.dwHighDateTime = 0x7FFFFFFF;
        RTM_IP_ROUTE cur;
        DWORD flags;
        ASSERT_EQ(RtmAddRoute(rip, &r, INFINITE, &flags, &cur, nullptr), NO_ERROR);
        EXPECT_EQ(cur.RR_TimeStamp.dwLowDateTime, 20000000u);
        EXPECT_EQ(cur.RR_TimeStamp.dwHighDateTime, 0u);
        EXPECT_EQ(RtmGetRouteAge(&cur), 0u);
    });
    At(m_a, Seconds(7.9), [&]() {
        RTM_IP_ROUTE best;
        ASSERT_TRUE(RtmIsRoute(IP, &n, &best));
        EXPECT_EQ(best.RR_TimeStamp.dwLowDateTime, 20000000u);
        SetLastError(4321);
        EXPECT_EQ(RtmGetRouteAge(&best), 5u);
        EXPECT_EQ(GetLastError(), 4321u) << "success leaves the last error alone";
    });
    At(m_a, Seconds(500), [&]() {
        RTM_IP_ROUTE r = Net10(1, 2);
        ASSERT_EQ(Add(rip, r), NO_ERROR);
    });
    At(m_a, Seconds(503.5), [&]() {
        RTM_IP_ROUTE best;
        ASSERT_TRUE(RtmIsRoute(IP, &n, &best));
        // 500 s = 5,000,000,000 ticks of 100 ns = 0x1_2A05_F200
        EXPECT_EQ(best.RR_TimeStamp.dwHighDateTime, 1u);
        EXPECT_EQ(best.RR_TimeStamp.dwLowDateTime, 0x2A05F200u);
        EXPECT_EQ(RtmGetRouteAge(&best), 3u) << "age counts from the last update";
    });
    Simulator::Run();
}

TEST_F(RtmV1Ip, RouteAgeOfNullOrFutureTimeStampIsInvalid)
{
    HANDLE rip;
    {
        NodeScope scope(m_a);
        rip = Register(IP, PROTO_IP_RIP, false);
    }
    At(m_a, Seconds(10), [&]() {
        RTM_IP_ROUTE cur;
        DWORD flags;
        RTM_IP_ROUTE r = Net10(1, 1);
        ASSERT_EQ(RtmAddRoute(rip, &r, INFINITE, &flags, &cur, nullptr), NO_ERROR);
        SetLastError(NO_ERROR);
        EXPECT_EQ(RtmGetRouteAge(nullptr), INFINITE);
        EXPECT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
        RTM_IP_ROUTE future = cur;
        future.RR_TimeStamp.dwLowDateTime += 1; // 100 ns ahead
        SetLastError(NO_ERROR);
        EXPECT_EQ(RtmGetRouteAge(&future), INFINITE);
        EXPECT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
        future.RR_TimeStamp.dwHighDateTime = 0x00FFFFFF;
        SetLastError(NO_ERROR);
        EXPECT_EQ(RtmGetRouteAge(&future), INFINITE);
        EXPECT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
        EXPECT_EQ(RtmGetRouteAge(&cur), 0u);
    });
    Simulator::Run();
}

// ================================================================================================
// RtmIsRoute, RtmGetNetworkCount (RTMV1.md 4.6, 4.7, 5.1)
// ================================================================================================

TEST_F(RtmV1Ip, IsRouteIsExactMatchOnNumberAndMask)
{
    NodeScope scope(m_a);
    HANDLE rip = Register(IP, PROTO_IP_RIP, false);
    HANDLE ospf = Register(IP, PROTO_IP_OSPF, false);
    ASSERT_EQ(Add(rip, Net10(1, 3)), NO_ERROR);
    ASSERT_EQ(Add(ospf, Net10(2, 9)), NO_ERROR);
    IP_NETWORK n8 = IpNet(Addr(10, 0, 0, 0), Mask(8));
    IP_NETWORK n16 = IpNet(Addr(10, 0, 0, 0), Mask(16));
    IP_NETWORK other = IpNet(Addr(11, 0, 0, 0), Mask(8));
    RTM_IP_ROUTE best;
    SetLastError(777);
    ASSERT_TRUE(RtmIsRoute(IP, &n8, &best));
    EXPECT_EQ(GetLastError(), 777u) << "success leaves the last error alone";
    EXPECT_EQ(best.RR_RoutingProtocol, PROTO_IP_OSPF) << "the best route is returned";
    EXPECT_TRUE(RtmIsRoute(IP, &n8, nullptr)) << "BestRoute is optional";
    SetLastError(777);
    EXPECT_FALSE(RtmIsRoute(IP, &n16, &best)) << "10.0.0.0/16 is another network";
    EXPECT_EQ(GetLastError(), NO_ERROR);
    SetLastError(777);
    EXPECT_FALSE(RtmIsRoute(IP, &other, nullptr));
    EXPECT_EQ(GetLastError(), NO_ERROR);
    // The IPX table is separate.
    IPX_NETWORK xn;
    xn.N_NetNumber = n8.N_NetNumber;
    EXPECT_FALSE(RtmIsRoute(IPX, &xn, nullptr));
    SetLastError(NO_ERROR);
    EXPECT_FALSE(RtmIsRoute(2, &n8, nullptr));
    EXPECT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
    SetLastError(NO_ERROR);
    EXPECT_FALSE(RtmIsRoute(0xFFFFFFFF, &n8, nullptr));
    EXPECT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
    // Once added, /16 exists independently.
    ASSERT_EQ(Add(rip, IpRoute(Addr(10, 0, 0, 0), Mask(16), 0, 1, 1)), NO_ERROR);
    ASSERT_TRUE(RtmIsRoute(IP, &n16, &best));
    EXPECT_EQ(best.RR_Network.N_NetMask, Mask(16));
    EXPECT_EQ(best.RR_RoutingProtocol, PROTO_IP_RIP);
}

TEST_F(RtmV1Ip, NetworkCountCountsNetworksPerFamily)
{
    NodeScope scope(m_a);
    SetLastError(555);
    EXPECT_EQ(RtmGetNetworkCount(IP), 0u);
    EXPECT_EQ(GetLastError(), NO_ERROR) << "0 with NO_ERROR when empty";
    for (DWORD bad : {2u, 0xFFFFFFFFu})
    {
        SetLastError(NO_ERROR);
        EXPECT_EQ(RtmGetNetworkCount(bad), 0u);
        EXPECT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
    }
    HANDLE rip = Register(IP, PROTO_IP_RIP, false);
    HANDLE ospf = Register(IP, PROTO_IP_OSPF, false);
    ASSERT_EQ(Add(rip, Net10(1, 1)), NO_ERROR);
    ASSERT_EQ(Add(rip, Net10(2, 1)), NO_ERROR);
    ASSERT_EQ(Add(ospf, Net10(1, 1)), NO_ERROR);
    ASSERT_EQ(Add(rip, IpRoute(Addr(10, 0, 0, 0), Mask(16), 0, 1, 1)), NO_ERROR);
    ASSERT_EQ(Add(rip, IpRoute(Addr(192, 168, 0, 0), Mask(24), 0, 1, 1)), NO_ERROR);
    SetLastError(555);
    EXPECT_EQ(RtmGetNetworkCount(IP), 3u);
    EXPECT_EQ(GetLastError(), 555u);
    SetLastError(555);
    EXPECT_EQ(RtmGetNetworkCount(IPX), 0u);
    EXPECT_EQ(GetLastError(), NO_ERROR);
}

// ================================================================================================
// RtmLookupIPDestination (DECISIONS 17, 4, 20)
// ================================================================================================

TEST_F(RtmV1Decisions, D17_LookupIsLongestPrefixOverBestRoutes)
{
    NodeScope scope(m_a);
    HANDLE rip = Register(IP, PROTO_IP_RIP, false);
    HANDLE ospf = Register(IP, PROTO_IP_OSPF, false);
    ASSERT_EQ(Add(rip, Net10(1, 1)), NO_ERROR);
    ASSERT_EQ(Add(rip, IpRoute(Addr(10, 1, 0, 0), Mask(16), Addr(10, 0, 0, 7), 2, 5)), NO_ERROR);
    ASSERT_EQ(Add(ospf, IpRoute(Addr(10, 1, 0, 0), Mask(16), Addr(10, 0, 0, 8), 3, 9)), NO_ERROR);
    ASSERT_EQ(Add(rip, IpRoute(Addr(10, 1, 2, 0), Mask(24), 0, 4, 1, false)), NO_ERROR);
    ASSERT_EQ(Add(rip, IpRoute(Addr(10, 1, 5, 7), Mask(32), 0, 6, 1)), NO_ERROR);
    RTM_IP_ROUTE r;
    SetLastError(999);
    ASSERT_TRUE(RtmLookupIPDestination(Addr(10, 1, 2, 3), &r));
    EXPECT_EQ(GetLastError(), 999u) << "success leaves the last error alone";
    EXPECT_EQ(r.RR_Network.N_NetMask, Mask(16)) << "invalid-only /24 has no best: " << Describe(r);
    EXPECT_EQ(r.RR_RoutingProtocol, PROTO_IP_OSPF) << "the best route of the /16";
    ASSERT_TRUE(RtmLookupIPDestination(Addr(10, 1, 5, 7), &r));
    EXPECT_EQ(r.RR_Network.N_NetMask, Mask(32));
    ASSERT_TRUE(RtmLookupIPDestination(Addr(10, 1, 5, 8), &r));
    EXPECT_EQ(r.RR_Network.N_NetMask, Mask(16));
    ASSERT_TRUE(RtmLookupIPDestination(Addr(10, 200, 0, 1), &r));
    EXPECT_EQ(r.RR_Network.N_NetMask, Mask(8));
    SetLastError(NO_ERROR);
    EXPECT_FALSE(RtmLookupIPDestination(Addr(11, 0, 0, 1), &r));
    EXPECT_EQ(GetLastError(), ERROR_NO_ROUTES);
    // dwDestAddr is in network byte order: the byte-swapped value is another address.
    SetLastError(NO_ERROR);
    EXPECT_FALSE(RtmLookupIPDestination(Addr(3, 2, 1, 10), &r));
    EXPECT_EQ(GetLastError(), ERROR_NO_ROUTES);
    // A default route covers everything.
    ASSERT_EQ(Add(rip, IpRoute(0, 0, Addr(10, 0, 0, 254), 1, 1)), NO_ERROR);
    ASSERT_TRUE(RtmLookupIPDestination(Addr(11, 0, 0, 1), &r));
    EXPECT_EQ(r.RR_Network.N_NetMask, 0u);
}

TEST_F(RtmV1Decisions, D4_AddressesAreNetworkByteOrderAndTheFacadeConverts)
{
    NodeScope scope(m_a);
    HANDLE rip = Register(IP, PROTO_IP_RIP, false);
    ASSERT_EQ(Add(rip, IpRoute(Addr(192, 168, 7, 0), Mask(24), Addr(192, 168, 1, 254), 2, 1)),
              NO_ERROR);
    // The C++ API sees 192.168.7.0/24 via 192.168.1.254.
    Ptr<RoutingTableManager> rtm = Rtm(m_a);
    RtmRoute r;
    ASSERT_TRUE(rtm->LookupIpDestination(Ipv4Address("192.168.7.33"), &r));
    EXPECT_EQ(r.network, HostKey(0xC0A80700u, 0xFFFFFF00u));
    EXPECT_EQ(RtmRoute::KeyAddress(r.nextHop), 0xC0A801FEu);
    EXPECT_TRUE(rtm->IsRoute(RtmFamily::Ip, HostKey(0xC0A80700u, 0xFFFFFF00u), nullptr));
    // The Rtm.h macros read the first octet in the low byte.
    RTM_IP_ROUTE w;
    ASSERT_TRUE(RtmLookupIPDestination(Addr(192, 168, 7, 33), &w));
    EXPECT_EQ(w.RR_Network.N_NetNumber & 0xFF, 192u);
    EXPECT_FALSE(IsRouteNonUnicast(&w));
    EXPECT_FALSE(IsRouteLoopback(&w));
    // Routes added through the C++ API read back in network order.
    ASSERT_EQ(rtm->AddIpRoute(rtm->FindClient(RtmFamily::Ip, PROTO_IP_RIP),
                              Ipv4Address("127.0.0.0"),
                              Ipv4Mask("255.0.0.0"),
                              Ipv4Address("0.0.0.0"),
                              1,
                              1),
              RtmError::Success);
    IP_NETWORK lo = IpNet(Addr(127, 0, 0, 0), Mask(8));
    ASSERT_TRUE(RtmIsRoute(IP, &lo, &w));
    EXPECT_TRUE(IsRouteLoopback(&w));
}

TEST_F(RtmV1Decisions, D20_InterfaceIdIsWhatTheForwarderUses)
{
    NodeScope scope(m_a);
    HANDLE rip = Register(IP, PROTO_IP_RIP, false);
    ASSERT_EQ(Add(rip, IpRoute(Addr(10, 1, 0, 0), Mask(16), Addr(10, 0, 0, 7), 2, 5)), NO_ERROR);
    ASSERT_EQ(Add(rip, IpRoute(Addr(10, 2, 0, 0), Mask(16), 0, 3, 5)), NO_ERROR);
    Ptr<RoutingTableManager> rtm = Rtm(m_a);
    uint32_t ifaceIndex = 0;
    Ipv4Address nh;
    ASSERT_TRUE(rtm->LookupIpNextHop(Ipv4Address("10.1.9.9"), &ifaceIndex, &nh));
    EXPECT_EQ(ifaceIndex, 2u);
    EXPECT_EQ(nh, Ipv4Address("10.0.0.7"));
    ASSERT_TRUE(rtm->LookupIpNextHop(Ipv4Address("10.2.9.9"), &ifaceIndex, &nh));
    EXPECT_EQ(ifaceIndex, 3u);
    EXPECT_EQ(nh, Ipv4Address("0.0.0.0")) << "on-link";
    RTM_IP_ROUTE w;
    ASSERT_TRUE(RtmLookupIPDestination(Addr(10, 2, 9, 9), &w));
    EXPECT_EQ(w.RR_InterfaceID, 3u);
}

// ================================================================================================
// Notifications (RTMV1.md 4.3, 5.3, 5.4; DECISIONS 8, 9, 19)
// ================================================================================================

TEST_F(RtmV1Notify, AddAndDeleteNotifyEveryClientWithAnEventExceptTheCaller)
{
    NodeScope scope(m_a);
    HANDLE rip = Register(IP, PROTO_IP_RIP, true);
    HANDLE ospf = Register(IP, PROTO_IP_OSPF, true);
    HANDLE quiet = Register(IP, PROTO_IP_NT_STATIC, false);
    HANDLE ipx = Register(IPX, IPX_PROTOCOL_RIP, true);
    ASSERT_EQ(Add(rip, Net10(1, 5)), NO_ERROR);
    EXPECT_EQ(QueueLength(m_a, IP, PROTO_IP_RIP), 0u) << "not the caller";
    EXPECT_EQ(QueueLength(m_a, IP, PROTO_IP_OSPF), 1u);
    EXPECT_EQ(QueueLength(m_a, IPX, IPX_PROTOCOL_RIP), 0u) << "other family";
    ASSERT_EQ(Add(quiet, IpRoute(Addr(10, 1, 0, 0), Mask(16), 0, 1, 1)), NO_ERROR);
    // The NULL-event client can add but never dequeue.
    DWORD f;
    EXPECT_EQ(RtmDequeueRouteChangeMessage(quiet, &f, nullptr, nullptr), ERROR_INVALID_HANDLE);
    ASSERT_EQ(Del(rip, Net10(1, 5)), NO_ERROR);
    auto r = Drain<RTM_IP_ROUTE>(rip);
    ASSERT_EQ(r.size(), 1u);
    EXPECT_EQ(r[0].flags, RTM_ROUTE_ADDED);
    EXPECT_EQ(r[0].cur.RR_RoutingProtocol, PROTO_IP_NT_STATIC);
    auto o = Drain<RTM_IP_ROUTE>(ospf);
    ASSERT_EQ(o.size(), 3u);
    EXPECT_EQ(o[0].flags, RTM_ROUTE_ADDED);
    EXPECT_EQ(o[0].cur.RR_RoutingProtocol, PROTO_IP_RIP);
    EXPECT_EQ(o[1].flags, RTM_ROUTE_ADDED);
    EXPECT_EQ(o[1].cur.RR_Network.N_NetMask, Mask(16));
    EXPECT_EQ(o[2].flags, RTM_ROUTE_DELETED);
    EXPECT_EQ(o[2].prev.RR_RoutingProtocol, PROTO_IP_RIP);
    EXPECT_EQ(o[2].prev.RR_Network.N_NetMask, Mask(8));
    DWORD end;
    EXPECT_TRUE(Drain<RTM_IPX_ROUTE>(ipx, &end).empty());
    EXPECT_EQ(end, ERROR_NO_MESSAGES);
    // No message for changes that do not touch a best route.
    ASSERT_EQ(Add(rip, IpRoute(Addr(10, 1, 0, 0), Mask(16), 0, 2, 1)), NO_ERROR);
    EXPECT_EQ(QueueLength(m_a, IP, PROTO_IP_OSPF), 0u);
}

TEST_F(RtmV1Notify, MessagesCarryPrevAndCurOfChanges)
{
    NodeScope scope(m_a);
    HANDLE rip = Register(IP, PROTO_IP_RIP, false);
    HANDLE ospf = Register(IP, PROTO_IP_OSPF, true);
    ASSERT_EQ(Add(rip, Net10(1, 5)), NO_ERROR);
    ASSERT_EQ(Add(rip, Net10(2, 3)), NO_ERROR);
    ASSERT_EQ(Add(rip, Net10(2, 30)), NO_ERROR);
    ASSERT_EQ(Del(rip, Net10(1, 5)), NO_ERROR);
    auto m = Drain<RTM_IP_ROUTE>(ospf);
    ASSERT_EQ(m.size(), 4u);
    EXPECT_EQ(m[0].flags, RTM_ROUTE_ADDED);
    EXPECT_EQ(m[0].cur.RR_InterfaceID, 1u);
    EXPECT_EQ(m[1].flags, RTM_ROUTE_CHANGED);
    EXPECT_EQ(m[1].prev.RR_InterfaceID, 1u);
    EXPECT_EQ(m[1].cur.RR_InterfaceID, 2u);
    EXPECT_EQ(m[2].flags, RTM_ROUTE_CHANGED);
    EXPECT_EQ(m[2].prev.RR_InterfaceID, 2u);
    EXPECT_EQ(m[2].prev.RR_FamilySpecificData.FSD_Metric, 3u);
    EXPECT_EQ(m[2].cur.RR_InterfaceID, 1u);
    EXPECT_EQ(m[3].flags, RTM_ROUTE_CHANGED);
    EXPECT_EQ(m[3].prev.RR_InterfaceID, 1u);
    EXPECT_EQ(m[3].cur.RR_InterfaceID, 2u);
    EXPECT_EQ(m[3].cur.RR_FamilySpecificData.FSD_Metric, 30u);
    // Buffers are optional when dequeuing.
    ASSERT_EQ(Del(rip, Net10(2, 30)), NO_ERROR);
    DWORD f = 0;
    EXPECT_EQ(RtmDequeueRouteChangeMessage(ospf, &f, nullptr, nullptr), NO_ERROR);
    EXPECT_EQ(f, RTM_ROUTE_DELETED);
}

TEST_F(RtmV1Notify, FifoOrderAndReturnCodes)
{
    NodeScope scope(m_a);
    HANDLE rip = Register(IP, PROTO_IP_RIP, false);
    HANDLE ospf = Register(IP, PROTO_IP_OSPF, true);
    DWORD f;
    EXPECT_EQ(RtmDequeueRouteChangeMessage(ospf, &f, nullptr, nullptr), ERROR_NO_MESSAGES);
    for (uint8_t i = 1; i <= 3; ++i)
    {
        ASSERT_EQ(Add(rip, IpRoute(Addr(10, i, 0, 0), Mask(16), 0, 1, 1)), NO_ERROR);
    }
    RTM_IP_ROUTE cur;
    for (uint8_t i = 1; i <= 3; ++i)
    {
        DWORD rc = RtmDequeueRouteChangeMessage(ospf, &f, &cur, nullptr);
        EXPECT_EQ(rc, i < 3 ? ERROR_MORE_MESSAGES : NO_ERROR) << int(i);
        EXPECT_EQ(f, RTM_ROUTE_ADDED);
        EXPECT_EQ(cur.RR_Network.N_NetNumber, Addr(10, i, 0, 0)) << "oldest first";
    }
    EXPECT_EQ(RtmDequeueRouteChangeMessage(ospf, &f, &cur, nullptr), ERROR_NO_MESSAGES);
    EXPECT_EQ(RtmDequeueRouteChangeMessage(ospf, &f, &cur, nullptr), ERROR_NO_MESSAGES);
}

TEST_F(RtmV1Decisions, D9_QueuesAreUnboundedFifosOfCopies)
{
    NodeScope scope(m_a);
    HANDLE rip = Register(IP, PROTO_IP_RIP, false);
    HANDLE ospf = Register(IP, PROTO_IP_OSPF, true);
    RTM_IP_ROUTE r = Net10(1, 5);
    ASSERT_EQ(Add(rip, r), NO_ERROR);
    for (DWORD m = 6; m < 1006; ++m)
    {
        r.RR_FamilySpecificData.FSD_Metric = m;
        ASSERT_EQ(Add(rip, r), NO_ERROR);
    }
    ASSERT_EQ(Del(rip, r), NO_ERROR);
    DWORD end;
    auto msgs = Drain<RTM_IP_ROUTE>(ospf, &end);
    EXPECT_EQ(end, NO_ERROR);
    ASSERT_EQ(msgs.size(), 1002u) << "one message per change, none dropped or merged";
    EXPECT_EQ(msgs[0].flags, RTM_ROUTE_ADDED);
    EXPECT_EQ(msgs[0].cur.RR_FamilySpecificData.FSD_Metric, 5u) << "a copy, not the live entry";
    for (DWORD i = 1; i <= 1000; ++i)
    {
        ASSERT_EQ(msgs[i].flags, RTM_ROUTE_CHANGED);
        ASSERT_EQ(msgs[i].prev.RR_FamilySpecificData.FSD_Metric, 4 + i);
        ASSERT_EQ(msgs[i].cur.RR_FamilySpecificData.FSD_Metric, 5 + i);
    }
    EXPECT_EQ(msgs[1001].flags, RTM_ROUTE_DELETED);
    EXPECT_EQ(msgs[1001].prev.RR_FamilySpecificData.FSD_Metric, 1005u);
}

TEST_F(RtmV1Decisions, D8_ChangeEventRunsInNodeContextAfterNotificationDelay)
{
    Rtm(m_a)->SetAttribute("NotificationDelay", TimeValue(Seconds(2)));
    std::shared_ptr<Wakeups> w;
    HANDLE rip;
    HANDLE ospf;
    {
        NodeScope scope(m_a);
        rip = Register(IP, PROTO_IP_RIP, false);
        ospf = Register(IP, PROTO_IP_OSPF, true, 0, &w);
    }
    std::vector<Message<RTM_IP_ROUTE>> got;
    DWORD end = 0;
    w->onWake = [&]() {
        // No NodeScope: the context of the event selects the node.
        got = Drain<RTM_IP_ROUTE>(ospf, &end);
    };
    bool signalledSynchronously = true;
    At(m_a, Seconds(1), [&]() {
        ASSERT_EQ(Add(rip, Net10(1, 1)), NO_ERROR);
        signalledSynchronously = w->count != 0;
    });
    Simulator::Run();
    EXPECT_FALSE(signalledSynchronously) << "the callback is a simulator event";
    ASSERT_EQ(w->count, 1);
    EXPECT_EQ(w->times[0], Seconds(3)) << "change at 1 s + NotificationDelay 2 s";
    EXPECT_EQ(w->contexts[0], m_a->GetId());
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got[0].flags, RTM_ROUTE_ADDED);
    EXPECT_EQ(end, NO_ERROR);
}

TEST_F(RtmV1Decisions, D8_ChangeEventWithDefaultDelayRunsAtTheSameTimeInNodeContext)
{
    std::shared_ptr<Wakeups> w;
    HANDLE rip;
    {
        NodeScope scope(m_b);
        rip = Register(IP, PROTO_IP_RIP, false);
        Register(IP, PROTO_IP_OSPF, true, 0, &w);
        // A change made by setup code, outside any event.
        ASSERT_EQ(Add(rip, Net10(1, 1)), NO_ERROR);
        EXPECT_EQ(w->count, 0);
    }
    Simulator::Run();
    ASSERT_EQ(w->count, 1);
    EXPECT_EQ(w->times[0], Seconds(0));
    EXPECT_EQ(w->contexts[0], m_b->GetId());
}

TEST_F(RtmV1Decisions, D8_OneWakeUpUntilTheQueueIsDrained)
{
    Rtm(m_a)->SetAttribute("NotificationDelay", TimeValue(Seconds(0.5)));
    std::shared_ptr<Wakeups> w;
    HANDLE rip;
    HANDLE ospf;
    {
        NodeScope scope(m_a);
        rip = Register(IP, PROTO_IP_RIP, false);
        ospf = Register(IP, PROTO_IP_OSPF, true, 0, &w);
    }
    auto add = [&](uint8_t i) {
        ASSERT_EQ(Add(rip, IpRoute(Addr(10, i, 0, 0), Mask(16), 0, 1, 1)), NO_ERROR);
    };
    std::vector<int> countAt;
    auto sample = [&]() { countAt.push_back(w->count); };
    At(m_a, Seconds(1), [&]() { add(1); });
    At(m_a, Seconds(1.2), [&]() { add(2); }); // signal pending: no second one
    At(m_a, Seconds(2), [&]() {
        sample(); // 1
        add(3);   // signalled, not drained: nothing new
    });
    At(m_a, Seconds(3), [&]() {
        sample(); // 1
        DWORD f;
        EXPECT_EQ(RtmDequeueRouteChangeMessage(ospf, &f, nullptr, nullptr), ERROR_MORE_MESSAGES);
        add(4); // partly drained: still nothing new
    });
    At(m_a, Seconds(4), [&]() {
        sample(); // 1
        DWORD end;
        auto m = Drain<RTM_IP_ROUTE>(ospf, &end);
        EXPECT_EQ(m.size(), 3u);
        EXPECT_EQ(end, NO_ERROR); // event reset
        add(5);                   // new wake-up at 4.5
    });
    At(m_a, Seconds(5), [&]() {
        sample(); // 2
        DWORD end;
        auto m = Drain<RTM_IP_ROUTE>(ospf, &end);
        EXPECT_EQ(m.size(), 1u);
        DWORD f;
        EXPECT_EQ(RtmDequeueRouteChangeMessage(ospf, &f, nullptr, nullptr), ERROR_NO_MESSAGES);
        add(6); // new wake-up at 5.5
    });
    At(m_a, Seconds(6), [&]() {
        sample(); // 3
        DWORD f;
        EXPECT_EQ(RtmDequeueRouteChangeMessage(ospf, &f, nullptr, nullptr), NO_ERROR);
        EXPECT_EQ(RtmDequeueRouteChangeMessage(ospf, &f, nullptr, nullptr), ERROR_NO_MESSAGES);
    });
    Simulator::Run();
    EXPECT_EQ(countAt, (std::vector<int>{1, 1, 1, 2, 3}));
    ASSERT_EQ(w->times.size(), 3u);
    EXPECT_EQ(w->times[0], Seconds(1.5));
    EXPECT_EQ(w->times[1], Seconds(4.5));
    EXPECT_EQ(w->times[2], Seconds(5.5));
}

TEST_F(RtmV1Decisions, D19_BlockDeleteNotifiesEveryClientIncludingTheCaller)
{
    NodeScope scope(m_a);
    HANDLE rip = Register(IP, PROTO_IP_RIP, true);
    HANDLE ospf = Register(IP, PROTO_IP_OSPF, true);
    HANDLE quiet = Register(IP, PROTO_IP_NT_STATIC, false);
    ASSERT_EQ(Add(rip, Net10(1, 1)), NO_ERROR);
    ASSERT_EQ(Add(rip, IpRoute(Addr(10, 1, 0, 0), Mask(16), 0, 1, 1)), NO_ERROR);
    ASSERT_EQ(Add(quiet, IpRoute(Addr(10, 2, 0, 0), Mask(16), 0, 1, 1)), NO_ERROR);
    Drain<RTM_IP_ROUTE>(rip);
    Drain<RTM_IP_ROUTE>(ospf);
    RTM_IP_ROUTE crit = Net10(0, 0);
    ASSERT_EQ(RtmBlockDeleteRoutes(rip, 0, &crit), NO_ERROR);
    for (HANDLE h : {rip, ospf})
    {
        auto m = Drain<RTM_IP_ROUTE>(h);
        ASSERT_EQ(m.size(), 2u);
        std::set<DWORD> nets;
        for (const auto& x : m)
        {
            EXPECT_EQ(x.flags, RTM_ROUTE_DELETED);
            nets.insert(x.prev.RR_Network.N_NetMask);
        }
        EXPECT_EQ(nets, (std::set<DWORD>{Mask(8), Mask(16)}));
    }
    EXPECT_EQ(Ordered<RTM_IP_ROUTE>().size(), 1u);
}

TEST_F(RtmV1Decisions, D19_DeregistrationNotifiesRemainingClientsOnly)
{
    NodeScope scope(m_a);
    HANDLE rip = Register(IP, PROTO_IP_RIP, true);
    HANDLE ospf = Register(IP, PROTO_IP_OSPF, true);
    HANDLE stat = Register(IP, PROTO_IP_NT_STATIC, true);
    // STATIC owns 10/8 alone and beats OSPF (priority) on 10.1/16; RIP has 10.3/16.
    ASSERT_EQ(Add(ospf, IpRoute(Addr(10, 1, 0, 0), Mask(16), 0, 2, 1)), NO_ERROR);
    ASSERT_EQ(Add(stat, IpRoute(Addr(10, 1, 0, 0), Mask(16), 0, 1, 1)), NO_ERROR);
    ASSERT_EQ(Add(stat, Net10(1, 1)), NO_ERROR);
    ASSERT_EQ(Add(rip, IpRoute(Addr(10, 3, 0, 0), Mask(16), 0, 1, 1)), NO_ERROR);
    Drain<RTM_IP_ROUTE>(ospf);
    Drain<RTM_IP_ROUTE>(rip);
    EXPECT_GT(QueueLength(m_a, IP, PROTO_IP_NT_STATIC), 0u) << "pending messages to discard";
    ASSERT_EQ(RtmDeregisterClient(stat), NO_ERROR);
    for (HANDLE h : {rip, ospf})
    {
        auto m = Drain<RTM_IP_ROUTE>(h);
        ASSERT_EQ(m.size(), 2u);
        std::map<DWORD, Message<RTM_IP_ROUTE>> byMask;
        for (const auto& x : m)
        {
            byMask[x.prev.RR_Network.N_NetMask] = x;
        }
        ASSERT_EQ(byMask.count(Mask(8)), 1u);
        ASSERT_EQ(byMask.count(Mask(16)), 1u);
        EXPECT_EQ(byMask[Mask(8)].flags, RTM_ROUTE_DELETED);
        EXPECT_EQ(byMask[Mask(16)].flags, RTM_ROUTE_CHANGED);
        EXPECT_EQ(byMask[Mask(16)].prev.RR_RoutingProtocol, PROTO_IP_NT_STATIC);
        EXPECT_EQ(byMask[Mask(16)].cur.RR_RoutingProtocol, PROTO_IP_OSPF);
    }
    DWORD f;
    EXPECT_EQ(RtmDequeueRouteChangeMessage(stat, &f, nullptr, nullptr), ERROR_INVALID_HANDLE);
    // Re-registered, it starts with an empty queue.
    HANDLE again = Register(IP, PROTO_IP_NT_STATIC, true);
    EXPECT_EQ(RtmDequeueRouteChangeMessage(again, &f, nullptr, nullptr), ERROR_NO_MESSAGES);
}

// ================================================================================================
// Handle enumeration (RTMV1.md 4.9-4.11, 5.6; DECISIONS 15, 16)
// ================================================================================================

TEST_F(RtmV1Enum, CreateEnumerationErrors)
{
    NodeScope scope(m_a);
    RTM_IP_ROUTE crit = Net10(1, 1);
    SetLastError(NO_ERROR);
    EXPECT_EQ(RtmCreateEnumerationHandle(IP, 0, nullptr), nullptr);
    EXPECT_EQ(GetLastError(), ERROR_NO_ROUTES) << "nothing matches an empty table";
    HANDLE rip = Register(IP, PROTO_IP_RIP, false);
    ASSERT_EQ(Add(rip, Net10(1, 1)), NO_ERROR);
    SetLastError(NO_ERROR);
    EXPECT_EQ(RtmCreateEnumerationHandle(2, 0, nullptr), nullptr);
    EXPECT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
    for (DWORD flags : {0x10u, 0x1Fu, 0x80000000u, 0xFFFFFFFFu})
    {
        SetLastError(NO_ERROR);
        EXPECT_EQ(RtmCreateEnumerationHandle(IP, flags, &crit), nullptr) << flags;
        EXPECT_EQ(GetLastError(), ERROR_INVALID_PARAMETER) << flags;
    }
    for (DWORD flags : {RTM_ONLY_THIS_NETWORK,
                        RTM_ONLY_THIS_INTERFACE,
                        RTM_ONLY_THIS_PROTOCOL,
                        RTM_ONLY_THIS_NETWORK | RTM_ONLY_BEST_ROUTES})
    {
        SetLastError(NO_ERROR);
        EXPECT_EQ(RtmCreateEnumerationHandle(IP, flags, nullptr), nullptr) << flags;
        EXPECT_EQ(GetLastError(), ERROR_INVALID_PARAMETER) << "criteria needed for " << flags;
    }
    for (DWORD flags : {0u, RTM_ONLY_BEST_ROUTES})
    {
        HANDLE h = RtmCreateEnumerationHandle(IP, flags, nullptr);
        ASSERT_NE(h, nullptr) << "NULL criteria is fine for flags " << flags;
        EXPECT_EQ(RtmCloseEnumerationHandle(h), NO_ERROR);
    }
    RTM_IP_ROUTE none = IpRoute(Addr(11, 0, 0, 0), Mask(8), 0, 1, 1);
    SetLastError(NO_ERROR);
    EXPECT_EQ(RtmCreateEnumerationHandle(IP, RTM_ONLY_THIS_NETWORK, &none), nullptr);
    EXPECT_EQ(GetLastError(), ERROR_NO_ROUTES);
    SetLastError(NO_ERROR);
    EXPECT_EQ(RtmCreateEnumerationHandle(IPX, 0, nullptr), nullptr);
    EXPECT_EQ(GetLastError(), ERROR_NO_ROUTES) << "the IPX table is empty";
}

TEST_F(RtmV1Enum, EachRouteOnceThenNoMoreRoutesUntilClosed)
{
    NodeScope scope(m_a);
    HANDLE rip = Register(IP, PROTO_IP_RIP, false);
    HANDLE ospf = Register(IP, PROTO_IP_OSPF, false);
    for (uint8_t i = 0; i < 20; ++i)
    {
        ASSERT_EQ(Add(rip, IpRoute(Addr(10, i, 0, 0), Mask(16), 0, i % 3, 1)), NO_ERROR);
        ASSERT_EQ(Add(ospf, IpRoute(Addr(10, i, 0, 0), Mask(16), 0, 7, 1)), NO_ERROR);
    }
    SetLastError(31337);
    HANDLE h = RtmCreateEnumerationHandle(IP, 0, nullptr);
    ASSERT_NE(h, nullptr);
    EXPECT_EQ(GetLastError(), 31337u);
    std::vector<RTM_IP_ROUTE> got;
    DWORD rc;
    ASSERT_NO_FATAL_FAILURE(ReadToEnd(h, 40u, &got, &rc));
    EXPECT_EQ(rc, ERROR_NO_MORE_ROUTES);
    RTM_IP_ROUTE r;
    EXPECT_EQ(Keys(got), Keys(Ordered<RTM_IP_ROUTE>()));
    const auto gotKeys = Keys(got);
    EXPECT_EQ(std::set<std::string>(gotKeys.begin(), gotKeys.end()).size(), 40u)
        << "no route twice";
    // The handle stays valid after the end.
    EXPECT_EQ(RtmEnumerateGetNextRoute(h, &r), ERROR_NO_MORE_ROUTES);
    EXPECT_EQ(RtmCloseEnumerationHandle(h), NO_ERROR);
    EXPECT_EQ(RtmEnumerateGetNextRoute(h, &r), ERROR_INVALID_HANDLE);
    EXPECT_EQ(RtmCloseEnumerationHandle(h), ERROR_INVALID_HANDLE);
    // NULL route buffer.
    HANDLE h2 = RtmCreateEnumerationHandle(IP, 0, nullptr);
    ASSERT_NE(h2, nullptr);
    EXPECT_EQ(RtmEnumerateGetNextRoute(h2, nullptr), ERROR_INVALID_PARAMETER);
    EXPECT_EQ(RtmCloseEnumerationHandle(h2), NO_ERROR);
}

TEST_F(RtmV1Decisions, D16_EnumerationIsASnapshotTakenAtCreation)
{
    NodeScope scope(m_a);
    HANDLE rip = Register(IP, PROTO_IP_RIP, false);
    std::vector<RTM_IP_ROUTE> routes;
    for (uint8_t i = 1; i <= 6; ++i)
    {
        routes.push_back(IpRoute(Addr(10, i, 0, 0), Mask(16), 0, 1, 1));
        ASSERT_EQ(Add(rip, routes.back()), NO_ERROR);
    }
    HANDLE h = RtmCreateEnumerationHandle(IP, 0, nullptr);
    ASSERT_NE(h, nullptr);
    // After creation: one added (never returned), one deleted (skipped), one updated (kept).
    ASSERT_EQ(Add(rip, IpRoute(Addr(10, 99, 0, 0), Mask(16), 0, 1, 1)), NO_ERROR);
    ASSERT_EQ(Del(rip, routes[1]), NO_ERROR);
    RTM_IP_ROUTE upd = routes[2];
    upd.RR_FamilySpecificData.FSD_Metric = 9;
    ASSERT_EQ(Add(rip, upd), NO_ERROR);
    RTM_IP_ROUTE first;
    ASSERT_EQ(RtmEnumerateGetNextRoute(h, &first), NO_ERROR);
    EXPECT_NE(first.RR_Network.N_NetNumber, Addr(10, 99, 0, 0));
    EXPECT_NE(first.RR_Network.N_NetNumber, Addr(10, 2, 0, 0));
    // Delete every not-yet-returned original except one.
    std::vector<RTM_IP_ROUTE> rest;
    for (size_t i = 0; i < routes.size(); ++i)
    {
        if (i != 1 && routes[i].RR_Network.N_NetNumber != first.RR_Network.N_NetNumber)
        {
            rest.push_back(routes[i]);
        }
    }
    ASSERT_EQ(rest.size(), 4u);
    for (size_t i = 1; i < rest.size(); ++i)
    {
        ASSERT_EQ(Del(rip, rest[i]), NO_ERROR);
    }
    RTM_IP_ROUTE r;
    ASSERT_EQ(RtmEnumerateGetNextRoute(h, &r), NO_ERROR);
    EXPECT_EQ(r.RR_Network.N_NetNumber, rest[0].RR_Network.N_NetNumber) << Describe(r);
    EXPECT_EQ(RtmEnumerateGetNextRoute(h, &r), ERROR_NO_MORE_ROUTES) << Describe(r);
    EXPECT_EQ(RtmCloseEnumerationHandle(h), NO_ERROR);
}

namespace
{

/// A table with several networks, protocols, interfaces, an invalid-only network and a
/// default route; returns the clients so the tests can change it.
void
FillMixedIpTable(HANDLE rip, HANDLE ospf, HANDLE stat)
{
    const DWORD nh1 = Addr(10, 0, 0, 1);
    const DWORD nh2 = Addr(9, 0, 0, 3);
    ASSERT_EQ(RtmV1Test::Add(rip, IpRoute(Addr(10, 0, 0, 0), Mask(8), nh1, 1, 5)), NO_ERROR);
    ASSERT_EQ(RtmV1Test::Add(rip, IpRoute(Addr(10, 0, 0, 0), Mask(8), nh2, 2, 3)), NO_ERROR);
    ASSERT_EQ(RtmV1Test::Add(ospf, IpRoute(Addr(10, 0, 0, 0), Mask(8), nh1, 1, 10)), NO_ERROR);
    ASSERT_EQ(RtmV1Test::Add(stat, IpRoute(Addr(10, 0, 0, 0), Mask(16), 0, 2, 1)), NO_ERROR);
    ASSERT_EQ(RtmV1Test::Add(rip, IpRoute(Addr(10, 0, 0, 0), Mask(16), nh1, 1, 1)), NO_ERROR);
    ASSERT_EQ(RtmV1Test::Add(ospf, IpRoute(Addr(192, 168, 1, 0), Mask(24), nh2, 2, 2)), NO_ERROR);
    ASSERT_EQ(RtmV1Test::Add(rip, IpRoute(Addr(192, 168, 1, 0), Mask(24), nh1, 3, 1, false)),
              NO_ERROR);
    ASSERT_EQ(RtmV1Test::Add(rip, IpRoute(Addr(172, 16, 0, 0), Mask(12), nh1, 1, 7, false)),
              NO_ERROR);
    ASSERT_EQ(RtmV1Test::Add(stat, IpRoute(0, 0, Addr(10, 0, 0, 254), 1, 1)), NO_ERROR);
    ASSERT_EQ(RtmV1Test::Add(ospf, IpRoute(Addr(128, 0, 0, 0), Mask(1), nh1, 2, 4)), NO_ERROR);
}

/// Whether a route matches criteria flags, computed from the spec.
bool
Matches(const RTM_IP_ROUTE& r, DWORD flags, const RTM_IP_ROUTE& c)
{
    if ((flags & RTM_ONLY_THIS_NETWORK) && (r.RR_Network.N_NetNumber != c.RR_Network.N_NetNumber ||
                                            r.RR_Network.N_NetMask != c.RR_Network.N_NetMask))
    {
        return false;
    }
    if ((flags & RTM_ONLY_THIS_INTERFACE) && r.RR_InterfaceID != c.RR_InterfaceID)
    {
        return false;
    }
    if ((flags & RTM_ONLY_THIS_PROTOCOL) && r.RR_RoutingProtocol != c.RR_RoutingProtocol)
    {
        return false;
    }
    if (flags & RTM_ONLY_BEST_ROUTES)
    {
        IP_NETWORK n = r.RR_Network;
        RTM_IP_ROUTE best;
        if (!RtmIsRoute(RTM_PROTOCOL_FAMILY_IP, &n, &best) || !SameKey(best, r))
        {
            return false;
        }
    }
    return true;
}

} // namespace

TEST_F(RtmV1Enum, CriteriaFlagsAndTheirOrsInBothEnumerationStyles)
{
    NodeScope scope(m_a);
    HANDLE rip = Register(IP, PROTO_IP_RIP, false);
    HANDLE ospf = Register(IP, PROTO_IP_OSPF, false);
    HANDLE stat = Register(IP, PROTO_IP_NT_STATIC, false);
    FillMixedIpTable(rip, ospf, stat);
    const auto all = Ordered<RTM_IP_ROUTE>();
    ASSERT_EQ(all.size(), 10u);
    std::vector<RTM_IP_ROUTE> criteria;
    RTM_IP_ROUTE c = IpRoute(Addr(10, 0, 0, 0), Mask(8), 0, 1, 0);
    c.RR_RoutingProtocol = PROTO_IP_RIP;
    criteria.push_back(c);
    c = IpRoute(Addr(192, 168, 1, 0), Mask(24), 0, 2, 0);
    c.RR_RoutingProtocol = PROTO_IP_OSPF;
    criteria.push_back(c);
    c = IpRoute(Addr(10, 0, 0, 0), Mask(16), 0, 2, 0);
    c.RR_RoutingProtocol = PROTO_IP_NT_STATIC;
    criteria.push_back(c);
    int nonEmpty = 0;
    for (const auto& crit : criteria)
    {
        for (DWORD flags = 0; flags <= 0xF; ++flags)
        {
            std::vector<RTM_IP_ROUTE> expected;
            for (const auto& r : all)
            {
                if (Matches(r, flags, crit))
                {
                    expected.push_back(r);
                }
            }
            RTM_IP_ROUTE cc = crit;
            DWORD err;
            auto viaHandle = Enumerated<RTM_IP_ROUTE>(flags, &cc, &err);
            EXPECT_EQ(Keys(viaHandle), Keys(expected))
                << "flags " << flags << " " << Describe(crit);
            EXPECT_EQ(err, expected.empty() ? ERROR_NO_ROUTES : NO_ERROR) << flags;
            DWORD end;
            auto viaOrder = Ordered<RTM_IP_ROUTE>(flags, &crit, &end);
            EXPECT_EQ(end, ERROR_NO_ROUTES);
            ASSERT_EQ(viaOrder.size(), expected.size()) << "flags " << flags;
            for (size_t i = 0; i < expected.size(); ++i)
            {
                EXPECT_TRUE(SameKey(viaOrder[i], expected[i]))
                    << "flags " << flags << " #" << i << ": " << Describe(viaOrder[i]) << " vs "
                    << Describe(expected[i]);
            }
            nonEmpty += expected.empty() ? 0 : 1;
        }
    }
    EXPECT_GT(nonEmpty, 30) << "the matrix exercises real matches";
    // Best routes only: one per network that has a best (the invalid-only /12 has none).
    auto best = Enumerated<RTM_IP_ROUTE>(RTM_ONLY_BEST_ROUTES, nullptr);
    EXPECT_EQ(best.size(), 5u);
    EXPECT_EQ(RtmGetNetworkCount(IP), 5u);
}

// ================================================================================================
// Ordered enumeration (RTMV1.md 4.13, 4.14; DECISIONS 13)
// ================================================================================================

TEST_F(RtmV1Decisions, D13_OrderedEnumerationSortsByNetworkMaskProtocolInterfaceNextHop)
{
    NodeScope scope(m_a);
    HANDLE local = Register(IP, PROTO_IP_LOCAL, false);
    HANDLE rip = Register(IP, PROTO_IP_RIP, false);
    HANDLE ospf = Register(IP, PROTO_IP_OSPF, false);

    // Expected order; network-order DWORD values would sort these very differently.
    const std::vector<OwnedRoute<RTM_IP_ROUTE>> expected = {
        {rip, PROTO_IP_RIP, IpRoute(Addr(1, 2, 3, 0), Mask(24), 0, 1, 1)},
        {rip, PROTO_IP_RIP, IpRoute(Addr(9, 0, 0, 0), Mask(8), 0, 1, 1)},
        {local, PROTO_IP_LOCAL, IpRoute(Addr(10, 0, 0, 0), Mask(8), 0, 9, 1)},
        {rip, PROTO_IP_RIP, IpRoute(Addr(10, 0, 0, 0), Mask(8), Addr(10, 0, 0, 2), 1, 1)},
        {rip, PROTO_IP_RIP, IpRoute(Addr(10, 0, 0, 0), Mask(8), Addr(9, 0, 0, 3), 3, 1)},
        {rip, PROTO_IP_RIP, IpRoute(Addr(10, 0, 0, 0), Mask(8), Addr(10, 0, 0, 2), 3, 1)},
        {ospf, PROTO_IP_OSPF, IpRoute(Addr(10, 0, 0, 0), Mask(8), 0, 1, 1)},
        {rip, PROTO_IP_RIP, IpRoute(Addr(10, 0, 0, 0), Mask(16), 0, 1, 1)},
        {rip, PROTO_IP_RIP, IpRoute(Addr(10, 0, 0, 0), Mask(24), 0, 1, 1)},
        {rip, PROTO_IP_RIP, IpRoute(Addr(10, 0, 1, 0), Mask(24), 0, 1, 1)},
        {rip, PROTO_IP_RIP, IpRoute(Addr(128, 0, 0, 0), Mask(1), 0, 1, 1)},
        {ospf, PROTO_IP_OSPF, IpRoute(Addr(200, 1, 0, 0), Mask(16), 0, 1, 1)},
    };
    // Insert in a scrambled order.
    ASSERT_NO_FATAL_FAILURE(AddScrambledExpectOrdered(expected, 5, 3));
}

TEST_F(RtmV1Ip, OrderedEnumerationIsStatelessAndEndsWithNoRoutes)
{
    NodeScope scope(m_a);
    HANDLE rip = Register(IP, PROTO_IP_RIP, false);
    DWORD end;
    EXPECT_TRUE(Ordered<RTM_IP_ROUTE>(0, nullptr, &end).empty());
    EXPECT_EQ(end, ERROR_NO_ROUTES);
    for (uint8_t i = 1; i <= 4; ++i)
    {
        ASSERT_EQ(Add(rip, IpRoute(Addr(10, i, 0, 0), Mask(16), 0, 1, 1)), NO_ERROR);
    }
    // A cursor that is not in the table: the next greater route.
    RTM_IP_ROUTE cursor = IpRoute(Addr(10, 2, 128, 0), Mask(17), 0, 0, 0);
    ASSERT_EQ(RtmGetNextRoute(IP, 0, &cursor), NO_ERROR);
    EXPECT_EQ(cursor.RR_Network.N_NetNumber, Addr(10, 3, 0, 0));
    // A cursor that was deleted meanwhile.
    RTM_IP_ROUTE r;
    std::memset(&r, 0, sizeof(r));
    ASSERT_EQ(RtmGetFirstRoute(IP, 0, &r), NO_ERROR);
    EXPECT_EQ(r.RR_Network.N_NetNumber, Addr(10, 1, 0, 0));
    ASSERT_EQ(RtmGetNextRoute(IP, 0, &r), NO_ERROR);
    EXPECT_EQ(r.RR_Network.N_NetNumber, Addr(10, 2, 0, 0));
    ASSERT_EQ(Del(rip, r), NO_ERROR);
    ASSERT_EQ(RtmGetNextRoute(IP, 0, &r), NO_ERROR);
    EXPECT_EQ(r.RR_Network.N_NetNumber, Addr(10, 3, 0, 0));
    // A cursor past the last route.
    ASSERT_EQ(RtmGetNextRoute(IP, 0, &r), NO_ERROR);
    EXPECT_EQ(r.RR_Network.N_NetNumber, Addr(10, 4, 0, 0));
    EXPECT_EQ(RtmGetNextRoute(IP, 0, &r), ERROR_NO_ROUTES);
    RTM_IP_ROUTE last = IpRoute(Addr(255, 255, 255, 255), Mask(32), 0xFFFFFFFF, 0xFFFFFFFF, 0);
    last.RR_RoutingProtocol = 0xFFFFFFFF;
    EXPECT_EQ(RtmGetNextRoute(IP, 0, &last), ERROR_NO_ROUTES);
    // Parameter errors.
    EXPECT_EQ(RtmGetFirstRoute(2, 0, &r), ERROR_INVALID_PARAMETER);
    EXPECT_EQ(RtmGetNextRoute(2, 0, &r), ERROR_INVALID_PARAMETER);
    EXPECT_EQ(RtmGetFirstRoute(IP, 0x10, &r), ERROR_INVALID_PARAMETER);
    EXPECT_EQ(RtmGetNextRoute(IP, 0x100, &r), ERROR_INVALID_PARAMETER);
    EXPECT_EQ(RtmGetFirstRoute(IP, 0, nullptr), ERROR_INVALID_PARAMETER);
    EXPECT_EQ(RtmGetNextRoute(IP, 0, nullptr), ERROR_INVALID_PARAMETER);
    // Criteria that match nothing.
    RTM_IP_ROUTE none = IpRoute(Addr(11, 0, 0, 0), Mask(8), 0, 1, 1);
    EXPECT_EQ(RtmGetFirstRoute(IP, RTM_ONLY_THIS_NETWORK, &none), ERROR_NO_ROUTES);
}

TEST_F(RtmV1Ip, GetSpecificRouteMatchesNetworkProtocolAndInterface)
{
    NodeScope scope(m_a);
    HANDLE rip = Register(IP, PROTO_IP_RIP, false);
    HANDLE ospf = Register(IP, PROTO_IP_OSPF, false);
    ASSERT_EQ(Add(rip, Net10(1, 4, Addr(10, 0, 0, 1))), NO_ERROR);
    ASSERT_EQ(Add(rip, Net10(2, 5, Addr(10, 0, 0, 2))), NO_ERROR);
    ASSERT_EQ(Add(ospf, Net10(2, 6, Addr(10, 0, 0, 3))), NO_ERROR);
    RTM_IP_ROUTE q = Net10(2, 0);
    q.RR_RoutingProtocol = PROTO_IP_RIP;
    ASSERT_EQ(RtmGetSpecificRoute(IP, &q), NO_ERROR);
    EXPECT_EQ(q.RR_NextHopAddress.N_NetNumber, Addr(10, 0, 0, 2));
    EXPECT_EQ(q.RR_FamilySpecificData.FSD_Metric, 5u);
    q = Net10(2, 0);
    q.RR_RoutingProtocol = PROTO_IP_OSPF;
    ASSERT_EQ(RtmGetSpecificRoute(IP, &q), NO_ERROR);
    EXPECT_EQ(q.RR_FamilySpecificData.FSD_Metric, 6u);
    q = Net10(3, 0);
    q.RR_RoutingProtocol = PROTO_IP_RIP;
    EXPECT_EQ(RtmGetSpecificRoute(IP, &q), ERROR_NO_ROUTES);
}

// ================================================================================================
// Block operations (RTMV1.md 4.12, 4.16, 5.7; DECISIONS 15, 18)
// ================================================================================================

TEST_F(RtmV1Ip, BlockDeleteRoutesTouchesOnlyTheCallersRoutes)
{
    NodeScope scope(m_a);
    HANDLE rip = Register(IP, PROTO_IP_RIP, false);
    HANDLE ospf = Register(IP, PROTO_IP_OSPF, false);
    const RTM_IP_ROUTE n2 = IpRoute(Addr(10, 2, 0, 0), Mask(16), 0, 1, 1);
    const RTM_IP_ROUTE n3 = IpRoute(Addr(10, 3, 0, 0), Mask(16), 0, 2, 1);
    ASSERT_EQ(Add(rip, Net10(1, 1)), NO_ERROR);
    ASSERT_EQ(Add(rip, Net10(2, 1)), NO_ERROR);
    ASSERT_EQ(Add(rip, n2), NO_ERROR);
    ASSERT_EQ(Add(rip, n3), NO_ERROR);
    ASSERT_EQ(Add(ospf, Net10(1, 1)), NO_ERROR);
    ASSERT_EQ(Add(ospf, n2), NO_ERROR);
    RTM_IP_ROUTE crit = Net10(1, 0);
    ASSERT_EQ(RtmBlockDeleteRoutes(rip, RTM_ONLY_THIS_INTERFACE, &crit), NO_ERROR);
    auto all = Ordered<RTM_IP_ROUTE>();
    ASSERT_EQ(all.size(), 4u);
    for (const auto& r : all)
    {
        EXPECT_TRUE(r.RR_RoutingProtocol == PROTO_IP_OSPF || r.RR_InterfaceID == 2) << Describe(r);
    }
    crit = Net10(9, 0);
    ASSERT_EQ(RtmBlockDeleteRoutes(rip, RTM_ONLY_THIS_NETWORK, &crit), NO_ERROR);
    EXPECT_EQ(Ordered<RTM_IP_ROUTE>().size(), 3u);
    EXPECT_EQ(RtmBlockDeleteRoutes(rip, RTM_ONLY_THIS_NETWORK, &crit), ERROR_NO_ROUTES);
    EXPECT_EQ(RtmBlockDeleteRoutes(rip, 0x10, &crit), ERROR_INVALID_PARAMETER);
    EXPECT_EQ(RtmBlockDeleteRoutes(rip, RTM_ONLY_THIS_NETWORK, nullptr), ERROR_INVALID_PARAMETER);
    EXPECT_EQ(Ordered<RTM_IP_ROUTE>().size(), 3u);
    // OSPF's routes are not RIP's to delete.
    crit = n2;
    EXPECT_EQ(RtmBlockDeleteRoutes(rip, RTM_ONLY_THIS_NETWORK, &crit), ERROR_NO_ROUTES);
}

TEST_F(RtmV1Decisions, D15_BlockDeleteAcceptsAndIgnoresProtocolAndBestFlags)
{
    NodeScope scope(m_a);
    HANDLE rip = Register(IP, PROTO_IP_RIP, false);
    HANDLE ospf = Register(IP, PROTO_IP_OSPF, false);
    ASSERT_EQ(Add(rip, Net10(1, 1)), NO_ERROR);  // not best (OSPF wins on priority)
    ASSERT_EQ(Add(ospf, Net10(1, 1)), NO_ERROR); // best
    ASSERT_EQ(Add(rip, IpRoute(Addr(10, 1, 0, 0), Mask(16), 0, 1, 1)), NO_ERROR);
    // Criteria name OSPF: ignored, the caller's protocol is implied; BEST: ignored.
    RTM_IP_ROUTE crit = Net10(1, 0);
    crit.RR_RoutingProtocol = PROTO_IP_OSPF;
    ASSERT_EQ(RtmBlockDeleteRoutes(rip, RTM_ONLY_THIS_PROTOCOL | RTM_ONLY_BEST_ROUTES, &crit),
              NO_ERROR);
    auto all = Ordered<RTM_IP_ROUTE>();
    ASSERT_EQ(all.size(), 1u) << "both RIP routes, best or not, are gone";
    EXPECT_EQ(all[0].RR_RoutingProtocol, PROTO_IP_OSPF);
    // Other bits are rejected everywhere flags are taken.
    RTM_IP_ROUTE r = Net10(1, 0);
    EXPECT_EQ(RtmBlockDeleteRoutes(ospf, 0x20, &r), ERROR_INVALID_PARAMETER);
    EXPECT_EQ(RtmBlockSetRouteEnable(ospf, 0x20, &r, FALSE), ERROR_INVALID_PARAMETER);
    EXPECT_EQ(RtmBlockConvertRoutesToStatic(ospf, 0x20, &r), ERROR_INVALID_PARAMETER);
    EXPECT_EQ(RtmGetFirstRoute(IP, 0x20, &r), ERROR_INVALID_PARAMETER);
    SetLastError(NO_ERROR);
    EXPECT_EQ(RtmCreateEnumerationHandle(IP, 0x20, &r), nullptr);
    EXPECT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
    SetLastError(NO_ERROR);
    EXPECT_EQ(RtmRegisterClient(IP, PROTO_IP_BGP, nullptr, 0x20), nullptr);
    EXPECT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
    EXPECT_EQ(Ordered<RTM_IP_ROUTE>().size(), 1u);
}

TEST_F(RtmV1Decisions, D18_SetRouteEnableKeepsDisabledRoutesOutOfBestChoice)
{
    NodeScope scope(m_a);
    HANDLE rip = Register(IP, PROTO_IP_RIP, true);
    HANDLE ospf = Register(IP, PROTO_IP_OSPF, true);
    const RTM_IP_ROUTE n2 = IpRoute(Addr(10, 2, 0, 0), Mask(16), 0, 1, 1);
    const RTM_IP_ROUTE n4 = IpRoute(Addr(10, 4, 0, 0), Mask(16), 0, 1, 1);
    ASSERT_EQ(Add(rip, Net10(1, 1)), NO_ERROR);
    ASSERT_EQ(Add(rip, Net10(2, 5)), NO_ERROR);
    ASSERT_EQ(Add(rip, n2), NO_ERROR);
    ASSERT_EQ(Add(ospf, n4), NO_ERROR);
    Drain<RTM_IP_ROUTE>(rip);
    Drain<RTM_IP_ROUTE>(ospf);
    RTM_IP_ROUTE crit = Net10(1, 0);
    ASSERT_EQ(RtmBlockSetRouteEnable(rip, RTM_ONLY_THIS_INTERFACE, &crit, FALSE), NO_ERROR);
    // Stored and enumerable, not best.
    EXPECT_EQ(Ordered<RTM_IP_ROUTE>().size(), 4u);
    IP_NETWORK net8 = IpNet(Addr(10, 0, 0, 0), Mask(8));
    IP_NETWORK net2 = IpNet(Addr(10, 2, 0, 0), Mask(16));
    IP_NETWORK net4 = IpNet(Addr(10, 4, 0, 0), Mask(16));
    RTM_IP_ROUTE best;
    ASSERT_TRUE(RtmIsRoute(IP, &net8, &best));
    EXPECT_EQ(best.RR_InterfaceID, 2u);
    EXPECT_FALSE(RtmIsRoute(IP, &net2, nullptr));
    EXPECT_TRUE(RtmIsRoute(IP, &net4, nullptr)) << "OSPF's interface-1 route is not RIP's";
    ASSERT_TRUE(RtmLookupIPDestination(Addr(10, 2, 0, 1), &best));
    EXPECT_EQ(best.RR_Network.N_NetMask, Mask(8)) << "the disabled /16 is skipped";
    EXPECT_EQ(best.RR_InterfaceID, 2u);
    EXPECT_EQ(Enumerated<RTM_IP_ROUTE>(RTM_ONLY_BEST_ROUTES, nullptr).size(), 2u);
    // Reported as usual, to everyone including the caller.
    for (HANDLE h : {rip, ospf})
    {
        auto m = Drain<RTM_IP_ROUTE>(h);
        ASSERT_EQ(m.size(), 2u);
        std::map<DWORD, Message<RTM_IP_ROUTE>> byMask;
        for (const auto& x : m)
        {
            byMask[x.prev.RR_Network.N_NetMask] = x;
        }
        EXPECT_EQ(byMask[Mask(8)].flags, RTM_ROUTE_CHANGED);
        EXPECT_EQ(byMask[Mask(8)].prev.RR_InterfaceID, 1u);
        EXPECT_EQ(byMask[Mask(8)].cur.RR_InterfaceID, 2u);
        EXPECT_EQ(byMask[Mask(16)].flags, RTM_ROUTE_DELETED);
    }
    // Enable again: the routes compete again.
    ASSERT_EQ(RtmBlockSetRouteEnable(rip, RTM_ONLY_THIS_INTERFACE, &crit, TRUE), NO_ERROR);
    ASSERT_TRUE(RtmIsRoute(IP, &net8, &best));
    EXPECT_EQ(best.RR_InterfaceID, 1u);
    EXPECT_TRUE(RtmIsRoute(IP, &net2, nullptr));
    for (HANDLE h : {rip, ospf})
    {
        auto m = Drain<RTM_IP_ROUTE>(h);
        ASSERT_EQ(m.size(), 2u);
        std::set<DWORD> flags;
        for (const auto& x : m)
        {
            flags.insert(x.flags);
        }
        EXPECT_EQ(flags, (std::set<DWORD>{RTM_ROUTE_ADDED, RTM_ROUTE_CHANGED}));
    }
    // Nothing of the caller's matches.
    crit = n4;
    EXPECT_EQ(RtmBlockSetRouteEnable(rip, RTM_ONLY_THIS_NETWORK, &crit, FALSE), ERROR_NO_ROUTES);
    EXPECT_TRUE(RtmIsRoute(IP, &net4, nullptr));
}

TEST_F(RtmV1Decisions, D18_ConvertRoutesToStaticReownsMatchingRoutesWithInfiniteTtl)
{
    HANDLE rip;
    HANDLE ospf;
    HANDLE stat;
    RegisterOn(m_a,
               {{&rip, IP, PROTO_IP_RIP, true},
                {&ospf, IP, PROTO_IP_OSPF, true},
                {&stat, IP, PROTO_IP_NT_STATIC, true}});
    const RTM_IP_ROUTE n2 = IpRoute(Addr(10, 2, 0, 0), Mask(16), 0, 1, 1);
    const RTM_IP_ROUTE n3 = IpRoute(Addr(10, 3, 0, 0), Mask(16), 0, 1, 1);
    At(m_a, Seconds(0), [&]() {
        ASSERT_EQ(Add(rip, Net10(1, 1), 10), NO_ERROR);
        ASSERT_EQ(Add(rip, n2, 10), NO_ERROR);
        ASSERT_EQ(Add(ospf, n3, 10), NO_ERROR);
        Drain<RTM_IP_ROUTE>(rip);
        Drain<RTM_IP_ROUTE>(ospf);
        Drain<RTM_IP_ROUTE>(stat);
    });
    At(m_a, Seconds(1), [&]() {
        RTM_IP_ROUTE crit = Net10(0, 0);
        ASSERT_EQ(RtmBlockConvertRoutesToStatic(stat, RTM_ONLY_THIS_NETWORK, &crit), NO_ERROR);
        RTM_IP_ROUTE q = Net10(1, 0);
        q.RR_RoutingProtocol = PROTO_IP_NT_STATIC;
        EXPECT_EQ(RtmGetSpecificRoute(IP, &q), NO_ERROR) << "now the static protocol's";
        q.RR_RoutingProtocol = PROTO_IP_RIP;
        EXPECT_EQ(RtmGetSpecificRoute(IP, &q), ERROR_NO_ROUTES);
        for (HANDLE h : {rip, ospf, stat})
        {
            auto m = Drain<RTM_IP_ROUTE>(h);
            ASSERT_EQ(m.size(), 1u) << "everyone, the caller included";
            EXPECT_EQ(m[0].flags, RTM_ROUTE_CHANGED);
            EXPECT_EQ(m[0].prev.RR_RoutingProtocol, PROTO_IP_RIP);
            EXPECT_EQ(m[0].cur.RR_RoutingProtocol, PROTO_IP_NT_STATIC);
        }
        // By protocol: OSPF's route, not RIP's.
        crit = n3;
        crit.RR_RoutingProtocol = PROTO_IP_OSPF;
        ASSERT_EQ(RtmBlockConvertRoutesToStatic(stat, RTM_ONLY_THIS_PROTOCOL, &crit), NO_ERROR);
        crit = IpRoute(Addr(11, 0, 0, 0), Mask(8), 0, 1, 1);
        EXPECT_EQ(RtmBlockConvertRoutesToStatic(stat, RTM_ONLY_THIS_NETWORK, &crit),
                  ERROR_NO_ROUTES);
    });
    std::vector<RTM_IP_ROUTE> later;
    At(m_a, Seconds(100), [&]() { later = Ordered<RTM_IP_ROUTE>(); });
    Simulator::Run();
    ASSERT_EQ(later.size(), 2u) << "converted routes never age; RIP's 10.2/16 did";
    for (const auto& r : later)
    {
        EXPECT_EQ(r.RR_RoutingProtocol, PROTO_IP_NT_STATIC) << Describe(r);
        EXPECT_NE(r.RR_Network.N_NetNumber, Addr(10, 2, 0, 0));
    }
    NodeScope scope(m_a);
    // RIP leaving does not take the converted route with it; the static client owns it.
    ASSERT_EQ(RtmDeregisterClient(rip), NO_ERROR);
    EXPECT_EQ(Ordered<RTM_IP_ROUTE>().size(), 2u);
    DWORD flags;
    EXPECT_EQ(Del(stat, Net10(1, 0), &flags), NO_ERROR);
    EXPECT_EQ(flags, RTM_ROUTE_DELETED);
}
