/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * Conformance of the RTMv1 Windows facade (ns3::rtmv1), IPX family: registration, add/delete
 * flags, best route by ticks then hops (DECISIONS 12), single-route protocols, aging, route age,
 * RtmIsRoute, RtmGetNetworkCount, notifications, enumeration and block operations, through the
 * Windows API with RTM_IPX_ROUTE records.
 */

#include "rtm-test-util.h"

#include "ns3/nstime.h"

#include <map>
#include <set>

using namespace ns3;
using namespace ns3::rtmtest;
using namespace ns3::rtmv1;

namespace
{

/// Network 0x0000ABCD via 02:..:mac on interface ifaceIndex.
RTM_IPX_ROUTE
NetX(DWORD ifaceIndex, USHORT ticks, USHORT hops, BYTE mac = 1)
{
    return IpxRoute(0xABCD, mac, ifaceIndex, ticks, hops);
}

} // namespace

// ================================================================================================
// Registration
// ================================================================================================

TEST_F(RtmV1Ipx, RegisterIsUniquePerFamilyAndProtocol)
{
    NodeScope scope(m_a);
    HANDLE rip = RtmRegisterClient(IPX, IPX_PROTOCOL_RIP, nullptr, 0);
    ASSERT_NE(rip, nullptr);
    SetLastError(NO_ERROR);
    EXPECT_EQ(RtmRegisterClient(IPX, IPX_PROTOCOL_RIP, nullptr, 0), nullptr);
    EXPECT_EQ(GetLastError(), ERROR_CLIENT_ALREADY_EXISTS);
    EXPECT_NE(RtmRegisterClient(IP, IPX_PROTOCOL_RIP, nullptr, 0), nullptr) << "other family";
    SetLastError(NO_ERROR);
    EXPECT_EQ(RtmRegisterClient(IPX, IPX_PROTOCOL_SAP, nullptr, 0x2), nullptr);
    EXPECT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
    SetLastError(NO_ERROR);
    EXPECT_EQ(RtmRegisterClient(IPX, IPX_PROTOCOL_SAP, reinterpret_cast<HANDLE>(0x1234), 0),
              nullptr);
    EXPECT_EQ(GetLastError(), ERROR_INVALID_HANDLE);
    EXPECT_NE(RtmRegisterClient(IPX, IPX_PROTOCOL_SAP, nullptr, RTM_PROTOCOL_SINGLE_ROUTE),
              nullptr);
    ASSERT_EQ(RtmDeregisterClient(rip), NO_ERROR);
    EXPECT_NE(RtmRegisterClient(IPX, IPX_PROTOCOL_RIP, nullptr, 0), nullptr) << "re-register";
}

// ================================================================================================
// Add / delete flags (RTMV1.md 4.4, 4.5)
// ================================================================================================

TEST_F(RtmV1Ipx, AddFlagsAndBuffers)
{
    NodeScope scope(m_a);
    HANDLE rip = Register(IPX, IPX_PROTOCOL_RIP, false);
    DWORD flags;
    RTM_IPX_ROUTE cur;
    RTM_IPX_ROUTE prev;
    RTM_IPX_ROUTE r = NetX(1, 5, 2, 0x11);
    r.RR_RoutingProtocol = 12345; // supplied by the handle
    ASSERT_EQ(Add(rip, r, INFINITE, &flags, &cur, &prev), NO_ERROR);
    EXPECT_EQ(flags, RTM_ROUTE_ADDED);
    EXPECT_EQ(cur.RR_RoutingProtocol, IPX_PROTOCOL_RIP);
    EXPECT_EQ(cur.RR_Network.N_NetNumber, 0xABCDu);
    EXPECT_EQ(cur.RR_NextHopAddress.NHA_Mac[0], 0x02);
    EXPECT_EQ(cur.RR_NextHopAddress.NHA_Mac[5], 0x11);
    EXPECT_EQ(cur.RR_FamilySpecificData.FSD_TickCount, 5);
    EXPECT_EQ(cur.RR_FamilySpecificData.FSD_HopCount, 2);
    // Better: CHANGED.
    ASSERT_EQ(Add(rip, NetX(2, 3, 9), INFINITE, &flags, &cur, &prev), NO_ERROR);
    EXPECT_EQ(flags, RTM_ROUTE_CHANGED);
    EXPECT_EQ(prev.RR_InterfaceID, 1u);
    EXPECT_EQ(cur.RR_InterfaceID, 2u);
    // Worse: NO_CHANGE; update of a non-best: NO_CHANGE.
    ASSERT_EQ(Add(rip, NetX(3, 9, 1), INFINITE, &flags), NO_ERROR);
    EXPECT_EQ(flags, RTM_NO_CHANGE);
    ASSERT_EQ(Add(rip, NetX(3, 8, 1), INFINITE, &flags), NO_ERROR);
    EXPECT_EQ(flags, RTM_NO_CHANGE);
    // The best gets worse: the other entry becomes best and is returned in Cur.
    ASSERT_EQ(Add(rip, NetX(2, 30, 9), INFINITE, &flags, &cur, &prev), NO_ERROR);
    EXPECT_EQ(flags, RTM_ROUTE_CHANGED);
    EXPECT_EQ(prev.RR_InterfaceID, 2u);
    EXPECT_EQ(prev.RR_FamilySpecificData.FSD_TickCount, 3);
    EXPECT_EQ(cur.RR_InterfaceID, 1u);
    // Protocol-specific data and time stamp alone: NO_CHANGE.
    RTM_IPX_ROUTE b = NetX(1, 5, 2, 0x11);
    b.RR_ProtocolSpecificData.PSD_Data[1] = 99;
    b.RR_TimeStamp.dwLowDateTime = 12345;
    ASSERT_EQ(Add(rip, b, INFINITE, &flags), NO_ERROR);
    EXPECT_EQ(flags, RTM_NO_CHANGE);
    // Family-specific data of the best (FSD_Flags): CHANGED.
    b.RR_FamilySpecificData.FSD_Flags = IPX_GLOBAL_CLIENT_WAN_ROUTE;
    ASSERT_EQ(Add(rip, b, INFINITE, &flags, &cur), NO_ERROR);
    EXPECT_EQ(flags, RTM_ROUTE_CHANGED);
    EXPECT_EQ(cur.RR_FamilySpecificData.FSD_Flags, IPX_GLOBAL_CLIENT_WAN_ROUTE);
    EXPECT_EQ(Ordered<RTM_IPX_ROUTE>().size(), 3u);
}

TEST_F(RtmV1Ipx, DeleteFlagsAndNoSuchRoute)
{
    NodeScope scope(m_a);
    HANDLE rip = Register(IPX, IPX_PROTOCOL_RIP, false);
    HANDLE sap = Register(IPX, IPX_PROTOCOL_SAP, false);
    DWORD flags;
    RTM_IPX_ROUTE cur;
    ASSERT_EQ(Add(rip, NetX(1, 1, 1)), NO_ERROR);
    ASSERT_EQ(Add(rip, NetX(2, 2, 1)), NO_ERROR);
    ASSERT_EQ(Add(rip, NetX(3, 3, 1)), NO_ERROR);
    EXPECT_EQ(Del(sap, NetX(1, 1, 1), &flags), ERROR_NO_SUCH_ROUTE) << "not SAP's";
    EXPECT_EQ(Del(rip, NetX(1, 1, 1, 0x99), &flags), ERROR_NO_SUCH_ROUTE) << "other MAC";
    RTM_IPX_ROUTE otherNet = NetX(1, 1, 1);
    otherNet.RR_Network.N_NetNumber = 0xABCE;
    EXPECT_EQ(Del(rip, otherNet, &flags), ERROR_NO_SUCH_ROUTE);
    EXPECT_EQ(Del(rip, NetX(3, 0, 0), &flags), NO_ERROR);
    EXPECT_EQ(flags, RTM_NO_CHANGE);
    EXPECT_EQ(Del(rip, NetX(1, 0, 0), &flags, &cur), NO_ERROR);
    EXPECT_EQ(flags, RTM_ROUTE_CHANGED);
    EXPECT_EQ(cur.RR_InterfaceID, 2u);
    EXPECT_EQ(Del(rip, NetX(2, 0, 0), &flags, &cur), NO_ERROR);
    EXPECT_EQ(flags, RTM_ROUTE_DELETED);
    EXPECT_EQ(Del(rip, NetX(2, 0, 0), &flags, &cur), ERROR_NO_SUCH_ROUTE);
}

// ================================================================================================
// Best route (DECISIONS 12)
// ================================================================================================

TEST_F(RtmV1Decisions, D12_IpxFewerTicksThenFewerHopsNoProtocolPriority)
{
    NodeScope scope(m_a);
    HANDLE local = Register(IPX, IPX_PROTOCOL_LOCAL, false);
    HANDLE stat = Register(IPX, IPX_PROTOCOL_STATIC, false);
    HANDLE rip = Register(IPX, IPX_PROTOCOL_RIP, false);
    DWORD flags;
    RTM_IPX_ROUTE cur;
    ASSERT_EQ(Add(local, NetX(1, 5, 1)), NO_ERROR);
    // RIP with fewer ticks beats LOCAL (no priority for IPX), despite more hops.
    ASSERT_EQ(Add(rip, NetX(2, 4, 15), INFINITE, &flags, &cur), NO_ERROR);
    EXPECT_EQ(flags, RTM_ROUTE_CHANGED);
    EXPECT_EQ(cur.RR_RoutingProtocol, IPX_PROTOCOL_RIP);
    // Same ticks, fewer hops wins.
    ASSERT_EQ(Add(stat, NetX(3, 4, 14), INFINITE, &flags, &cur), NO_ERROR);
    EXPECT_EQ(flags, RTM_ROUTE_CHANGED);
    EXPECT_EQ(cur.RR_RoutingProtocol, IPX_PROTOCOL_STATIC);
    // Same ticks, more hops loses.
    ASSERT_EQ(Add(local, NetX(4, 4, 15), INFINITE, &flags), NO_ERROR);
    EXPECT_EQ(flags, RTM_NO_CHANGE);
    // Full tie with the best: the current best is kept.
    ASSERT_EQ(Add(local, NetX(5, 4, 14), INFINITE, &flags), NO_ERROR);
    EXPECT_EQ(flags, RTM_NO_CHANGE);
    IPX_NETWORK n;
    n.N_NetNumber = 0xABCD;
    RTM_IPX_ROUTE best;
    ASSERT_TRUE(RtmIsRoute(IPX, &n, &best));
    EXPECT_EQ(best.RR_RoutingProtocol, IPX_PROTOCOL_STATIC);
    EXPECT_EQ(best.RR_InterfaceID, 3u);
    // Ticks dominate hops.
    ASSERT_EQ(Add(rip, NetX(6, 3, 200), INFINITE, &flags, &cur), NO_ERROR);
    EXPECT_EQ(flags, RTM_ROUTE_CHANGED);
    EXPECT_EQ(cur.RR_InterfaceID, 6u);
}

TEST_F(RtmV1Ipx, SingleRouteProtocolKeepsOneEntryPerNetwork)
{
    NodeScope scope(m_a);
    HANDLE nlsp = Register(IPX, IPX_PROTOCOL_NLSP, false, RTM_PROTOCOL_SINGLE_ROUTE);
    DWORD flags;
    RTM_IPX_ROUTE cur;
    ASSERT_EQ(Add(nlsp, NetX(1, 2, 2, 0x01), INFINITE, &flags), NO_ERROR);
    EXPECT_EQ(flags, RTM_ROUTE_ADDED);
    ASSERT_EQ(Add(nlsp, NetX(2, 2, 2, 0x02), INFINITE, &flags, &cur), NO_ERROR);
    EXPECT_EQ(flags, RTM_ROUTE_CHANGED);
    EXPECT_EQ(cur.RR_NextHopAddress.NHA_Mac[5], 0x02);
    auto all = Ordered<RTM_IPX_ROUTE>();
    ASSERT_EQ(all.size(), 1u);
    EXPECT_EQ(all[0].RR_InterfaceID, 2u);
    ASSERT_EQ(Del(nlsp, NetX(9, 0, 0, 0x77), &flags), NO_ERROR) << "network alone matches";
    EXPECT_EQ(flags, RTM_ROUTE_DELETED);
    EXPECT_TRUE(Ordered<RTM_IPX_ROUTE>().empty());
}

// ================================================================================================
// Aging, route age
// ================================================================================================

TEST_F(RtmV1Ipx, AgingTtlLimitsAndNotifications)
{
    HANDLE rip;
    HANDLE sap;
    {
        NodeScope scope(m_a);
        rip = Register(IPX, IPX_PROTOCOL_RIP, true);
        sap = Register(IPX, IPX_PROTOCOL_SAP, true);
        DWORD flags;
        EXPECT_EQ(Add(rip, NetX(1, 1, 1), 2147484, &flags), ERROR_INVALID_PARAMETER);
        EXPECT_EQ(Add(rip, NetX(1, 1, 1), 0xFFFFFFFE, &flags), ERROR_INVALID_PARAMETER);
        EXPECT_TRUE(Ordered<RTM_IPX_ROUTE>().empty());
        EXPECT_EQ(QueueLength(m_a, IPX, IPX_PROTOCOL_SAP), 0u);
    }
    At(m_a, Seconds(1), [&]() {
        ASSERT_EQ(Add(rip, NetX(1, 1, 1), 30), NO_ERROR);
        ASSERT_EQ(Add(rip, IpxRoute(0x3, 1, 1, 1, 1), INFINITE), NO_ERROR);
        ASSERT_EQ(Add(rip, IpxRoute(0x4, 1, 1, 1, 1), 2147483), NO_ERROR);
        EXPECT_EQ(RtmGetNetworkCount(IPX), 3u);
    });
    At(m_a, Seconds(20), [&]() {
        RTM_IPX_ROUTE r = NetX(1, 1, 1);
        ASSERT_EQ(Add(rip, r, 30), NO_ERROR); // same data: restarts the TTL, no message
    });
    At(m_a, Seconds(30.5), [&]() {
        IPX_NETWORK n;
        n.N_NetNumber = 0xABCD;
        RTM_IPX_ROUTE best;
        ASSERT_TRUE(RtmIsRoute(IPX, &n, &best));
        EXPECT_EQ(RtmGetRouteAge(&best), 10u);
        EXPECT_EQ(best.RR_TimeStamp.dwLowDateTime, 200000000u);
    });
    At(m_a, Seconds(49.9), [&]() { EXPECT_EQ(RtmGetNetworkCount(IPX), 3u); });
    At(m_a, Seconds(50.1), [&]() { EXPECT_EQ(RtmGetNetworkCount(IPX), 2u); });
    At(m_a, Seconds(2147483.9), [&]() { EXPECT_EQ(RtmGetNetworkCount(IPX), 2u); });
    At(m_a, Seconds(2147484.1), [&]() { EXPECT_EQ(RtmGetNetworkCount(IPX), 1u); });
    Simulator::Run();
    NodeScope scope(m_a);
    // Owner: DELETED for each aged route. Other client: ADDED x3 then DELETED x2.
    auto own = Drain<RTM_IPX_ROUTE>(rip);
    ASSERT_EQ(own.size(), 2u);
    for (const auto& m : own)
    {
        EXPECT_EQ(m.flags, RTM_ROUTE_DELETED);
    }
    EXPECT_EQ(own[0].prev.RR_Network.N_NetNumber, 0xABCDu);
    EXPECT_EQ(own[1].prev.RR_Network.N_NetNumber, 0x4u);
    auto other = Drain<RTM_IPX_ROUTE>(sap);
    ASSERT_EQ(other.size(), 5u);
    std::vector<DWORD> flags;
    for (const auto& m : other)
    {
        flags.push_back(m.flags);
    }
    EXPECT_EQ(flags,
              (std::vector<DWORD>{RTM_ROUTE_ADDED,
                                  RTM_ROUTE_ADDED,
                                  RTM_ROUTE_ADDED,
                                  RTM_ROUTE_DELETED,
                                  RTM_ROUTE_DELETED}));
}

TEST_F(RtmV1Ipx, TtlZeroAgesOutWhenTheCurrentEventEnds)
{
    HANDLE rip;
    HANDLE sap;
    RegisterOn(m_a, {{&rip, IPX, IPX_PROTOCOL_RIP, true}, {&sap, IPX, IPX_PROTOCOL_SAP, true}});
    ULONG during = 0;
    ULONG after = 99;
    At(m_a, Seconds(1), [&]() {
        EXPECT_EQ(Add(rip, NetX(1, 1, 1), 0), NO_ERROR);
        during = RtmGetNetworkCount(IPX);
    });
    At(m_a, Seconds(1) + NanoSeconds(1), [&]() { after = RtmGetNetworkCount(IPX); });
    Simulator::Run();
    EXPECT_EQ(during, 1u);
    EXPECT_EQ(after, 0u);
    NodeScope scope(m_a);
    auto own = Drain<RTM_IPX_ROUTE>(rip);
    ASSERT_EQ(own.size(), 1u);
    EXPECT_EQ(own[0].flags, RTM_ROUTE_DELETED);
    EXPECT_EQ(Drain<RTM_IPX_ROUTE>(sap).size(), 2u);
}

TEST_F(RtmV1Ipx, RouteAgeReadsTheIpxTimeStamp)
{
    HANDLE rip;
    {
        NodeScope scope(m_a);
        rip = Register(IPX, IPX_PROTOCOL_RIP, false);
    }
    At(m_a, Seconds(4), [&]() { ASSERT_EQ(Add(rip, NetX(1, 1, 1)), NO_ERROR); });
    At(m_a, Seconds(11.5), [&]() {
        auto all = Ordered<RTM_IPX_ROUTE>();
        ASSERT_EQ(all.size(), 1u);
        EXPECT_EQ(all[0].RR_TimeStamp.dwLowDateTime, 40000000u);
        EXPECT_EQ(RtmGetRouteAge(&all[0]), 7u);
        RTM_IPX_ROUTE future = all[0];
        future.RR_TimeStamp.dwLowDateTime = 200000000u; // 20 s
        SetLastError(NO_ERROR);
        EXPECT_EQ(RtmGetRouteAge(&future), INFINITE);
        EXPECT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
    });
    Simulator::Run();
}

// ================================================================================================
// RtmIsRoute, RtmGetNetworkCount
// ================================================================================================

TEST_F(RtmV1Ipx, IsRouteAndNetworkCount)
{
    NodeScope scope(m_a);
    HANDLE rip = Register(IPX, IPX_PROTOCOL_RIP, false);
    SetLastError(42);
    EXPECT_EQ(RtmGetNetworkCount(IPX), 0u);
    EXPECT_EQ(GetLastError(), NO_ERROR);
    ASSERT_EQ(Add(rip, NetX(1, 1, 1)), NO_ERROR);
    ASSERT_EQ(Add(rip, NetX(2, 1, 1)), NO_ERROR);
    ASSERT_EQ(Add(rip, IpxRoute(0xABCE, 1, 1, 1, 1)), NO_ERROR);
    SetLastError(42);
    EXPECT_EQ(RtmGetNetworkCount(IPX), 2u);
    EXPECT_EQ(GetLastError(), 42u);
    EXPECT_EQ(RtmGetNetworkCount(IP), 0u);
    EXPECT_EQ(GetLastError(), NO_ERROR) << "0 sets NO_ERROR";
    IPX_NETWORK n;
    n.N_NetNumber = 0xABCD;
    RTM_IPX_ROUTE best;
    SetLastError(42);
    ASSERT_TRUE(RtmIsRoute(IPX, &n, &best));
    EXPECT_EQ(best.RR_InterfaceID, 1u);
    EXPECT_EQ(GetLastError(), 42u);
    n.N_NetNumber = 0xABCC;
    EXPECT_FALSE(RtmIsRoute(IPX, &n, &best));
    EXPECT_EQ(GetLastError(), NO_ERROR);
}

// ================================================================================================
// Notifications
// ================================================================================================

TEST_F(RtmV1Notify, IpxWhoIsTold)
{
    NodeScope scope(m_a);
    HANDLE rip = Register(IPX, IPX_PROTOCOL_RIP, true);
    HANDLE sap = Register(IPX, IPX_PROTOCOL_SAP, true);
    HANDLE quiet = Register(IPX, IPX_PROTOCOL_STATIC, false);
    HANDLE ip = Register(IP, PROTO_IP_RIP, true);
    ASSERT_EQ(Add(rip, NetX(1, 2, 2)), NO_ERROR);
    ASSERT_EQ(Add(quiet, NetX(2, 1, 1)), NO_ERROR);
    ASSERT_EQ(Del(rip, NetX(1, 2, 2)), NO_ERROR); // not the best any more: nothing
    EXPECT_EQ(QueueLength(m_a, IP, PROTO_IP_RIP), 0u) << "IP client hears nothing of IPX";
    auto r = Drain<RTM_IPX_ROUTE>(rip);
    ASSERT_EQ(r.size(), 1u);
    EXPECT_EQ(r[0].flags, RTM_ROUTE_CHANGED);
    EXPECT_EQ(r[0].prev.RR_RoutingProtocol, IPX_PROTOCOL_RIP);
    EXPECT_EQ(r[0].cur.RR_RoutingProtocol, IPX_PROTOCOL_STATIC);
    auto s = Drain<RTM_IPX_ROUTE>(sap);
    ASSERT_EQ(s.size(), 2u);
    EXPECT_EQ(s[0].flags, RTM_ROUTE_ADDED);
    EXPECT_EQ(s[1].flags, RTM_ROUTE_CHANGED);
    DWORD f;
    EXPECT_EQ(RtmDequeueRouteChangeMessage(quiet, &f, nullptr, nullptr), ERROR_INVALID_HANDLE);
    DWORD end;
    EXPECT_TRUE(Drain<RTM_IP_ROUTE>(ip, &end).empty());
    EXPECT_EQ(end, ERROR_NO_MESSAGES);
    // Deregistration of the best's owner: the remaining clients hear it.
    ASSERT_EQ(RtmDeregisterClient(quiet), NO_ERROR);
    r = Drain<RTM_IPX_ROUTE>(rip);
    s = Drain<RTM_IPX_ROUTE>(sap);
    ASSERT_EQ(r.size(), 1u);
    ASSERT_EQ(s.size(), 1u);
    EXPECT_EQ(r[0].flags, RTM_ROUTE_DELETED);
    EXPECT_EQ(s[0].flags, RTM_ROUTE_DELETED);
    EXPECT_EQ(s[0].prev.RR_RoutingProtocol, IPX_PROTOCOL_STATIC);
}

// ================================================================================================
// Enumeration
// ================================================================================================

TEST_F(RtmV1Enum, IpxCriteriaOrderAndSnapshot)
{
    NodeScope scope(m_a);
    HANDLE rip = Register(IPX, IPX_PROTOCOL_RIP, false);
    HANDLE sap = Register(IPX, IPX_PROTOCOL_SAP, false);
    HANDLE local = Register(IPX, IPX_PROTOCOL_LOCAL, false);

    // Expected order: network number, protocol, interface, next hop.
    const std::vector<OwnedRoute<RTM_IPX_ROUTE>> expected = {
        {rip, IPX_PROTOCOL_RIP, IpxRoute(0x20, 1, 1, 3, 1)},
        {local, IPX_PROTOCOL_LOCAL, IpxRoute(0x100, 1, 2, 1, 1)},
        {rip, IPX_PROTOCOL_RIP, IpxRoute(0x100, 1, 1, 5, 1)},
        {rip, IPX_PROTOCOL_RIP, IpxRoute(0x100, 1, 2, 4, 1)},
        {rip, IPX_PROTOCOL_RIP, IpxRoute(0x100, 2, 2, 4, 2)},
        {sap, IPX_PROTOCOL_SAP, IpxRoute(0x100, 1, 1, 9, 9)},
        {sap, IPX_PROTOCOL_SAP, IpxRoute(0x01000000, 1, 1, 9, 9)},
        {rip, IPX_PROTOCOL_RIP, IpxRoute(0xFFFFFFFF, 1, 3, 1, 1)},
    };
    ASSERT_NO_FATAL_FAILURE(AddScrambledExpectOrdered(expected, 3, 1));
    // Criteria, both styles. Best of 0x100 is LOCAL (1 tick).
    RTM_IPX_ROUTE crit = IpxRoute(0x100, 1, 2, 0, 0);
    crit.RR_RoutingProtocol = IPX_PROTOCOL_RIP;

    struct Case
    {
        DWORD flags;
        size_t count;
    };

    for (const Case& c :
         {Case{0, 8},
          Case{RTM_ONLY_THIS_NETWORK, 5},
          Case{RTM_ONLY_THIS_INTERFACE, 3},
          Case{RTM_ONLY_THIS_PROTOCOL, 5},
          Case{RTM_ONLY_BEST_ROUTES, 4},
          Case{RTM_ONLY_THIS_NETWORK | RTM_ONLY_THIS_PROTOCOL, 3},
          Case{RTM_ONLY_THIS_NETWORK | RTM_ONLY_THIS_INTERFACE, 3},
          Case{RTM_ONLY_THIS_NETWORK | RTM_ONLY_THIS_PROTOCOL | RTM_ONLY_THIS_INTERFACE, 2},
          Case{RTM_ONLY_THIS_NETWORK | RTM_ONLY_BEST_ROUTES, 1},
          Case{RTM_ONLY_THIS_PROTOCOL | RTM_ONLY_BEST_ROUTES, 2}})
    {
        RTM_IPX_ROUTE cc = crit;
        DWORD err;
        auto h = Enumerated<RTM_IPX_ROUTE>(c.flags, &cc, &err);
        EXPECT_EQ(h.size(), c.count) << "flags " << c.flags;
        auto o = Ordered<RTM_IPX_ROUTE>(c.flags, &crit);
        EXPECT_EQ(Keys(o), Keys(h)) << "flags " << c.flags;
        for (const auto& r : o)
        {
            if (c.flags & RTM_ONLY_THIS_NETWORK)
            {
                EXPECT_EQ(r.RR_Network.N_NetNumber, 0x100u);
            }
            if (c.flags & RTM_ONLY_THIS_INTERFACE)
            {
                EXPECT_EQ(r.RR_InterfaceID, 2u);
            }
            if (c.flags & RTM_ONLY_THIS_PROTOCOL)
            {
                EXPECT_EQ(r.RR_RoutingProtocol, IPX_PROTOCOL_RIP);
            }
        }
    }
    // Snapshot: routes added later are not returned, deleted ones are skipped.
    HANDLE e = RtmCreateEnumerationHandle(IPX, RTM_ONLY_THIS_NETWORK, &crit);
    ASSERT_NE(e, nullptr);
    ASSERT_EQ(Add(sap, IpxRoute(0x100, 7, 7, 9, 9)), NO_ERROR);
    ASSERT_EQ(Del(rip, IpxRoute(0x100, 1, 1, 5, 1)), NO_ERROR);
    std::vector<RTM_IPX_ROUTE> seen;
    DWORD rc;
    ASSERT_NO_FATAL_FAILURE(ReadToEnd(e, 10u, &seen, &rc));
    EXPECT_EQ(rc, ERROR_NO_MORE_ROUTES);
    RTM_IPX_ROUTE r;
    EXPECT_EQ(seen.size(), 4u);
    for (const auto& s : seen)
    {
        EXPECT_NE(s.RR_InterfaceID, 7u) << "added after the snapshot";
        EXPECT_FALSE(s.RR_RoutingProtocol == IPX_PROTOCOL_RIP && s.RR_InterfaceID == 1)
            << "deleted before being reached";
    }
    EXPECT_EQ(RtmCloseEnumerationHandle(e), NO_ERROR);
    EXPECT_EQ(RtmEnumerateGetNextRoute(e, &r), ERROR_INVALID_HANDLE);
    // Stateless cursor that is not in the table.
    RTM_IPX_ROUTE cursor = IpxRoute(0x101, 0, 0, 0, 0);
    ASSERT_EQ(RtmGetNextRoute(IPX, 0, &cursor), NO_ERROR);
    EXPECT_EQ(cursor.RR_Network.N_NetNumber, 0x01000000u);
    cursor = IpxRoute(0xFFFFFFFF, 0xFF, 0xFFFFFFFF, 0, 0);
    cursor.RR_RoutingProtocol = 0xFFFFFFFF;
    std::memset(cursor.RR_NextHopAddress.NHA_Mac, 0xFF, 6);
    EXPECT_EQ(RtmGetNextRoute(IPX, 0, &cursor), ERROR_NO_ROUTES);
    // GetSpecificRoute.
    RTM_IPX_ROUTE q = IpxRoute(0x100, 0, 2, 0, 0);
    q.RR_RoutingProtocol = IPX_PROTOCOL_LOCAL;
    ASSERT_EQ(RtmGetSpecificRoute(IPX, &q), NO_ERROR);
    EXPECT_EQ(q.RR_FamilySpecificData.FSD_TickCount, 1);
}

// ================================================================================================
// Block operations
// ================================================================================================

TEST_F(RtmV1Ipx, BlockOperations)
{
    HANDLE rip;
    HANDLE sap;
    HANDLE stat;
    RegisterOn(m_a,
               {{&rip, IPX, IPX_PROTOCOL_RIP, true},
                {&sap, IPX, IPX_PROTOCOL_SAP, true},
                {&stat, IPX, IPX_PROTOCOL_STATIC, true}});
    At(m_a, Seconds(0), [&]() {
        ASSERT_EQ(Add(rip, IpxRoute(0x1, 1, 1, 1, 1), 10), NO_ERROR);
        ASSERT_EQ(Add(rip, IpxRoute(0x1, 2, 2, 5, 1), 10), NO_ERROR);
        ASSERT_EQ(Add(rip, IpxRoute(0x2, 1, 1, 1, 1), 10), NO_ERROR);
        ASSERT_EQ(Add(rip, IpxRoute(0x3, 1, 2, 1, 1), 10), NO_ERROR);
        ASSERT_EQ(Add(sap, IpxRoute(0x2, 1, 1, 9, 1), INFINITE), NO_ERROR);
        for (HANDLE h : {rip, sap, stat})
        {
            Drain<RTM_IPX_ROUTE>(h);
        }
        // Disable RIP's interface 1: 0x1 falls back to if 2, 0x2 to SAP.
        RTM_IPX_ROUTE crit = IpxRoute(0, 0, 1, 0, 0);
        ASSERT_EQ(RtmBlockSetRouteEnable(rip, RTM_ONLY_THIS_INTERFACE, &crit, FALSE), NO_ERROR);
        EXPECT_EQ(Ordered<RTM_IPX_ROUTE>().size(), 5u);
        for (HANDLE h : {rip, sap, stat})
        {
            auto m = Drain<RTM_IPX_ROUTE>(h);
            ASSERT_EQ(m.size(), 2u);
            for (const auto& x : m)
            {
                EXPECT_EQ(x.flags, RTM_ROUTE_CHANGED);
                EXPECT_EQ(x.prev.RR_InterfaceID, 1u);
            }
        }
        ASSERT_EQ(RtmBlockSetRouteEnable(rip, RTM_ONLY_THIS_INTERFACE, &crit, TRUE), NO_ERROR);
        IPX_NETWORK n;
        n.N_NetNumber = 0x2;
        RTM_IPX_ROUTE best;
        ASSERT_TRUE(RtmIsRoute(IPX, &n, &best));
        EXPECT_EQ(best.RR_RoutingProtocol, IPX_PROTOCOL_RIP);
        for (HANDLE h : {rip, sap, stat})
        {
            Drain<RTM_IPX_ROUTE>(h);
        }
        // Convert network 0x3 to static.
        crit = IpxRoute(0x3, 0, 0, 0, 0);
        ASSERT_EQ(RtmBlockConvertRoutesToStatic(stat, RTM_ONLY_THIS_NETWORK, &crit), NO_ERROR);
        for (HANDLE h : {rip, sap, stat})
        {
            auto m = Drain<RTM_IPX_ROUTE>(h);
            ASSERT_EQ(m.size(), 1u);
            EXPECT_EQ(m[0].flags, RTM_ROUTE_CHANGED);
            EXPECT_EQ(m[0].cur.RR_RoutingProtocol, IPX_PROTOCOL_STATIC);
        }
        // Block delete RIP's network 0x1: both entries; everyone told, the caller too.
        crit = IpxRoute(0x1, 0, 0, 0, 0);
        ASSERT_EQ(RtmBlockDeleteRoutes(rip, RTM_ONLY_THIS_NETWORK, &crit), NO_ERROR);
        for (HANDLE h : {rip, sap, stat})
        {
            auto m = Drain<RTM_IPX_ROUTE>(h);
            ASSERT_EQ(m.size(), 1u);
            EXPECT_EQ(m[0].flags, RTM_ROUTE_DELETED);
        }
        EXPECT_EQ(RtmBlockDeleteRoutes(rip, RTM_ONLY_THIS_NETWORK, &crit), ERROR_NO_ROUTES);
        crit = IpxRoute(0x3, 0, 0, 0, 0);
        EXPECT_EQ(RtmBlockDeleteRoutes(rip, RTM_ONLY_THIS_NETWORK, &crit), ERROR_NO_ROUTES)
            << "0x3 is the static protocol's now";
    });
    std::vector<RTM_IPX_ROUTE> later;
    At(m_a, Seconds(60), [&]() { later = Ordered<RTM_IPX_ROUTE>(); });
    Simulator::Run();
    // RIP's 0x2 aged out; SAP's 0x2 and the converted 0x3 stay.
    ASSERT_EQ(later.size(), 2u);
    EXPECT_EQ(later[0].RR_Network.N_NetNumber, 0x2u);
    EXPECT_EQ(later[0].RR_RoutingProtocol, IPX_PROTOCOL_SAP);
    EXPECT_EQ(later[1].RR_Network.N_NetNumber, 0x3u);
    EXPECT_EQ(later[1].RR_RoutingProtocol, IPX_PROTOCOL_STATIC);
}
