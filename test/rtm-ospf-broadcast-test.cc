/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 *
 * Building blocks of the OSPF broadcast interface type: the DR/BDR election (RFC 2328 9.4), the
 * choice of interface type from the device, network-LSAs (A.4.3) and shortest paths over
 * transit networks (16.1).
 */

#include "ns3/core-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/rtm-ospf-dr-election.h"
#include "ns3/rtm-ospf-interface-type.h"
#include "ns3/rtm-ospf-lsa.h"
#include "ns3/rtm-ospf-lsdb.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <set>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

using Router = RtmOspfDrElection::Router;
using Role = RtmOspfDrElection::Role;

/// A router on 10.0.0.0/24: address 10.0.0.<host>, router id 1.1.1.<id>.
Router
Make(uint32_t host, uint32_t id, uint8_t priority)
{
    Router r;
    r.address = 0x0a000000u | host;
    r.routerId = 0x01010100u | id;
    r.priority = priority;
    return r;
}

/**
 * Every router elects from the others' last declarations, round after round (as hellos would
 * carry them), until nothing changes; the declarations are left in the routers.
 * @return the number of rounds (at most 10)
 */
int
Converge(std::vector<Router>& routers)
{
    for (int round = 1; round <= 10; ++round)
    {
        std::vector<Router> next(routers);
        for (std::size_t i = 0; i < routers.size(); ++i)
        {
            std::vector<Router> others;
            for (std::size_t j = 0; j < routers.size(); ++j)
            {
                if (j != i)
                {
                    others.push_back(routers[j]);
                }
            }
            auto result = RtmOspfDrElection::Elect(routers[i], others);
            next[i].dr = result.dr;
            next[i].bdr = result.bdr;
        }
        bool same = true;
        for (std::size_t i = 0; i < routers.size(); ++i)
        {
            same = same && next[i].dr == routers[i].dr && next[i].bdr == routers[i].bdr;
        }
        routers = next;
        if (same)
        {
            return round;
        }
    }
    return 11;
}

/// Every router agrees on one DR and one BDR.
void
ExpectAgreed(const std::vector<Router>& routers, uint32_t dr, uint32_t bdr)
{
    for (const Router& r : routers)
    {
        EXPECT_EQ(r.dr, dr) << "router " << r.routerId;
        EXPECT_EQ(r.bdr, bdr) << "router " << r.routerId;
    }
}

} // namespace

TEST(RtmOspfDrElection, HighestPriorityThenRouterIdOnAFreshLan)
{
    // priorities 1, 1, 5, 1: the priority-5 router is DR, the highest router id of the rest BDR
    std::vector<Router> lan{Make(1, 4, 1), Make(2, 9, 1), Make(3, 2, 5), Make(4, 7, 1)};
    EXPECT_LE(Converge(lan), 10);
    ExpectAgreed(lan, lan[2].address, lan[1].address);
}

TEST(RtmOspfDrElection, TieOnPriorityGoesToTheHighestRouterId)
{
    std::vector<Router> lan{Make(1, 4, 1), Make(2, 9, 1), Make(3, 2, 1), Make(4, 7, 1)};
    Converge(lan);
    ExpectAgreed(lan, lan[1].address, lan[3].address);
}

TEST(RtmOspfDrElection, PriorityZeroIsNeverElected)
{
    // the highest router id has priority 0; so does another: neither is DR nor BDR
    std::vector<Router> lan{Make(1, 4, 1), Make(2, 9, 0), Make(3, 2, 1), Make(4, 7, 0)};
    Converge(lan);
    ExpectAgreed(lan, lan[0].address, lan[2].address);
    std::vector<Router> others{lan[0], lan[2], lan[3]};
    EXPECT_EQ(RtmOspfDrElection::Elect(lan[1], others).role, Role::DrOther);
}

TEST(RtmOspfDrElection, OnlyPriorityZeroRoutersElectNobody)
{
    std::vector<Router> lan{Make(1, 4, 0), Make(2, 9, 0), Make(3, 2, 0)};
    Converge(lan);
    ExpectAgreed(lan, 0, 0);
}

TEST(RtmOspfDrElection, ASingleEligibleRouterBecomesDrWithoutBackup)
{
    Router self = Make(1, 1, 1);
    auto result = RtmOspfDrElection::Elect(self, {});
    EXPECT_EQ(result.dr, self.address);
    EXPECT_EQ(result.bdr, 0u);
    EXPECT_EQ(result.role, Role::Dr);
}

TEST(RtmOspfDrElection, AnEstablishedDrIsNotPreemptedByAHigherPriorityNewcomer)
{
    std::vector<Router> lan{Make(1, 4, 1), Make(2, 9, 1), Make(3, 2, 1)};
    Converge(lan);
    ExpectAgreed(lan, lan[1].address, lan[0].address);
    // a newcomer of priority 200 that declares nothing becomes neither DR nor BDR
    lan.push_back(Make(4, 3, 200));
    Converge(lan);
    ExpectAgreed(lan, lan[1].address, lan[0].address);
}

TEST(RtmOspfDrElection, TheBackupTakesOverWhenTheDrFails)
{
    std::vector<Router> lan{Make(1, 4, 1), Make(2, 9, 1), Make(3, 2, 1), Make(4, 7, 1)};
    Converge(lan);
    ExpectAgreed(lan, lan[1].address, lan[3].address);
    lan.erase(lan.begin() + 1); // the DR (1.1.1.9) goes away
    Converge(lan);
    // the BDR (1.1.1.7, 10.0.0.4) is DR; the next highest (1.1.1.4, 10.0.0.1) is BDR
    ExpectAgreed(lan, Make(4, 7, 1).address, Make(1, 4, 1).address);
    std::vector<Router> others{lan[0], lan[1]};
    EXPECT_EQ(RtmOspfDrElection::Elect(lan[2], others).role, Role::Dr);
}

TEST(RtmOspfDrElection, ARouterNeverDeclaresItselfBothDrAndBackup)
{
    // two routers, fresh: the first pass makes the calculating router DR and BDR at once; step 4
    // must run again and hand the backup role to the other
    Router a = Make(1, 9, 1);
    Router b = Make(2, 4, 1);
    auto result = RtmOspfDrElection::Elect(a, {b});
    EXPECT_EQ(result.dr, a.address);
    EXPECT_EQ(result.bdr, b.address);
    EXPECT_EQ(result.role, Role::Dr);
}

TEST(RtmOspfInterfaceType, ChosenFromTheDevice)
{
    NodeContainer nodes;
    nodes.Create(6);
    // a broadcast segment of four devices: Broadcast
    Ptr<SimpleChannel> lan = CreateObject<SimpleChannel>();
    std::vector<Ptr<SimpleNetDevice>> lanDevices;
    for (uint32_t i = 0; i < 4; ++i)
    {
        Ptr<SimpleNetDevice> d = CreateObject<SimpleNetDevice>();
        d->SetAddress(Mac48Address::Allocate());
        d->SetChannel(lan);
        nodes.Get(i)->AddDevice(d);
        lanDevices.push_back(d);
    }
    // a broadcast segment of two devices: PointToPoint
    Ptr<SimpleChannel> pair = CreateObject<SimpleChannel>();
    Ptr<SimpleNetDevice> pairDevice = CreateObject<SimpleNetDevice>();
    pairDevice->SetAddress(Mac48Address::Allocate());
    pairDevice->SetChannel(pair);
    Ptr<SimpleNetDevice> pairOther = CreateObject<SimpleNetDevice>();
    pairOther->SetAddress(Mac48Address::Allocate());
    pairOther->SetChannel(pair);
    // a point-to-point link
    PointToPointHelper p2p;
    NetDeviceContainer link = p2p.Install(nodes.Get(4), nodes.Get(5));

    EXPECT_EQ(RtmOspfDetectInterfaceType(lanDevices[0]), RtmOspfInterfaceType::Broadcast);
    EXPECT_EQ(RtmOspfDetectInterfaceType(pairDevice), RtmOspfInterfaceType::PointToPoint);
    EXPECT_EQ(RtmOspfDetectInterfaceType(link.Get(0)), RtmOspfInterfaceType::PointToPoint);
    EXPECT_EQ(RtmOspfDetectInterfaceType(nullptr), RtmOspfInterfaceType::PointToPoint);
    // forcing wins over detection
    EXPECT_EQ(RtmOspfResolveInterfaceType(RtmOspfInterfaceType::PointToPoint, lanDevices[0]),
              RtmOspfInterfaceType::PointToPoint);
    EXPECT_EQ(RtmOspfResolveInterfaceType(RtmOspfInterfaceType::Broadcast, link.Get(0)),
              RtmOspfInterfaceType::Broadcast);
    EXPECT_EQ(RtmOspfResolveInterfaceType(RtmOspfInterfaceType::Auto, lanDevices[1]),
              RtmOspfInterfaceType::Broadcast);
    EXPECT_STREQ(RtmOspfInterfaceTypeName(RtmOspfInterfaceType::Broadcast), "Broadcast");
    Simulator::Destroy();
}

namespace
{

/// A network-LSA of 10.0.0.0/24 by the DR at 10.0.0.1 (router id 1), with routers attached.
RtmOspfLsa
MakeNetwork(std::vector<uint32_t> attached, uint32_t dr = 1)
{
    RtmOspfLsa lsa;
    lsa.type = RtmOspfLsa::NETWORK_LSA;
    lsa.advRouter = dr;
    lsa.linkStateId = Ipv4Address("10.0.0.1").Get();
    lsa.networkMask = 0xFFFFFF00;
    lsa.attached = std::move(attached);
    lsa.sequence = RtmOspfLsa::INITIAL_SEQUENCE;
    lsa.UpdateChecksum();
    return lsa;
}

/// A router-LSA with the given links.
RtmOspfLsa
MakeRouter(uint32_t router, std::vector<RtmOspfLsa::Link> links)
{
    RtmOspfLsa lsa;
    lsa.advRouter = router;
    lsa.links = std::move(links);
    lsa.UpdateChecksum();
    return lsa;
}

/// A transit link to 10.0.0.0/24 (DR 10.0.0.1) from the router's address 10.0.0.<host>.
RtmOspfLsa::Link
Transit(uint32_t host)
{
    return {RtmOspfLsa::Link::TRANSIT, 1, Ipv4Address("10.0.0.1").Get(), 0x0A000000u | host};
}

/// @return the bytes of an LSA
std::vector<uint8_t>
Bytes(const RtmOspfLsa& lsa)
{
    std::vector<uint8_t> b(lsa.GetSerializedSize());
    lsa.Write(b.data());
    return b;
}

/// Read bytes back; @return the reason (Count if accepted)
RtmOspfDropReason
ReadBack(const std::vector<uint8_t>& b, RtmOspfLsa* out = nullptr)
{
    RtmOspfLsa lsa;
    uint32_t consumed = 0;
    RtmOspfDropReason reason = RtmOspfDropReason::Count;
    if (RtmOspfLsa::Read(b.data(),
                         static_cast<uint32_t>(b.size()),
                         100,
                         3600,
                         &lsa,
                         &consumed,
                         &reason))
    {
        EXPECT_EQ(consumed, b.size());
        if (out)
        {
            *out = lsa;
        }
        return RtmOspfDropReason::Count;
    }
    return reason;
}

} // namespace

TEST(RtmOspfNetworkLsa, RoundTripsWithItsChecksum)
{
    RtmOspfLsa lsa = MakeNetwork({1, 2, 3});
    EXPECT_EQ(lsa.GetSerializedSize(), 20u + 4u + 12u);
    EXPECT_EQ(lsa.GetKey(), (uint64_t{2} << 32) | Ipv4Address("10.0.0.1").Get());
    EXPECT_EQ(MakeRouter(7, {}).GetKey(), 7u) << "a router-LSA's key is its router id";
    RtmOspfLsa back;
    ASSERT_EQ(ReadBack(Bytes(lsa), &back), RtmOspfDropReason::Count);
    EXPECT_EQ(back.type, RtmOspfLsa::NETWORK_LSA);
    EXPECT_EQ(back.linkStateId, lsa.linkStateId);
    EXPECT_EQ(back.networkMask, lsa.networkMask);
    EXPECT_EQ(back.attached, lsa.attached);
    EXPECT_EQ(back.checksum, lsa.checksum);
    EXPECT_EQ(Bytes(back), Bytes(lsa));
    EXPECT_TRUE(back.SameLinks(lsa));
    EXPECT_FALSE(MakeNetwork({1, 2}).SameLinks(lsa));
    // a router-LSA with a transit link round-trips too
    RtmOspfLsa r = MakeRouter(2, {Transit(2)});
    ASSERT_EQ(ReadBack(Bytes(r), &back), RtmOspfDropReason::Count);
    EXPECT_EQ(back.links, r.links);
}

TEST(RtmOspfNetworkLsa, MalformedOnesAreRefusedWithTheirReason)
{
    // the DR does not list itself
    EXPECT_EQ(ReadBack(Bytes(MakeNetwork({2, 3}))), RtmOspfDropReason::BadRouterId);
    // an attached router 0.0.0.0
    EXPECT_EQ(ReadBack(Bytes(MakeNetwork({1, 0}))), RtmOspfDropReason::BadRouterId);
    // a mask that is not contiguous, or none
    RtmOspfLsa holes = MakeNetwork({1, 2});
    holes.networkMask = 0xFF00FF00;
    holes.UpdateChecksum();
    EXPECT_EQ(ReadBack(Bytes(holes)), RtmOspfDropReason::BadStub);
    // more attached routers than the limit (100 in ReadBack)
    std::vector<uint32_t> many(101);
    for (uint32_t i = 0; i < many.size(); ++i)
    {
        many[i] = i + 1;
    }
    EXPECT_EQ(ReadBack(Bytes(MakeNetwork(many))), RtmOspfDropReason::TooManyLinks);
    // a flipped bit: the checksum
    std::vector<uint8_t> b = Bytes(MakeNetwork({1, 2}));
    b[25] ^= 0x10;
    EXPECT_EQ(ReadBack(b), RtmOspfDropReason::BadLsaChecksum);
    // shorter than its fixed part, or a length that is not a multiple of 4
    b = Bytes(MakeNetwork({1, 2}));
    b[18] = 0;
    b[19] = 22;
    EXPECT_EQ(ReadBack(b), RtmOspfDropReason::BadLength);
    // a transit link to 0.0.0.0
    RtmOspfLsa bad = MakeRouter(2, {{RtmOspfLsa::Link::TRANSIT, 1, 0, 0x0A000002}});
    EXPECT_EQ(ReadBack(Bytes(bad)), RtmOspfDropReason::BadRouterId);
    // types 3-5 are still skipped (consumed)
    b = Bytes(MakeNetwork({1, 2}));
    b[3] = 3;
    EXPECT_EQ(ReadBack(b), RtmOspfDropReason::BadLsaType);
}

TEST(RtmOspfNetworkLsa, ShortestPathsCrossTransitNetworksWithTheTwoWayCheck)
{
    // routers 1 (root, DR at 10.0.0.1), 2, 3 on the LAN; 4 behind 2 (point-to-point); 5 listed
    // by the network-LSA but with no transit link; 6 with a transit link but not listed
    RtmOspfLsdb db;
    Time now = Seconds(1);
    db.Install(MakeNetwork({1, 2, 3, 5}), now);
    db.Install(MakeRouter(2,
                          {Transit(2),
                           {RtmOspfLsa::Link::POINT_TO_POINT, 3, 4, 0x0A010001},
                           {RtmOspfLsa::Link::STUB, 3, 0x0A010000, 0xFFFFFF00}}),
               now);
    db.Install(MakeRouter(3, {Transit(3)}), now);
    db.Install(MakeRouter(4, {{RtmOspfLsa::Link::POINT_TO_POINT, 3, 2, 0x0A010002}}), now);
    db.Install(MakeRouter(5, {{RtmOspfLsa::Link::STUB, 1, 0x0A050000, 0xFFFFFF00}}), now);
    db.Install(MakeRouter(6, {Transit(6)}), now);
    std::string why;
    EXPECT_TRUE(db.CheckConsistency(100, &why)) << why;
    RtmOspfLsdb::SpfResult spf;
    std::vector<RtmOspfLsdb::RootLink> root{{Ipv4Address("10.0.0.1").Get(), 2, true}};
    db.ComputeShortestPaths(1, root, &spf);
    ASSERT_EQ(spf.networks.size(), 1u);
    const uint32_t lan = static_cast<uint32_t>(spf.routers.size());
    ASSERT_TRUE(spf.IsNetwork(lan));
    auto v = [&spf](uint32_t id) {
        return static_cast<uint32_t>(std::lower_bound(spf.routers.begin(), spf.routers.end(), id) -
                                     spf.routers.begin());
    };
    EXPECT_EQ(spf.distance[lan], 2u);
    EXPECT_EQ(spf.distance[v(2)], 2u) << "network to router: cost 0";
    EXPECT_EQ(spf.distance[v(3)], 2u);
    EXPECT_EQ(spf.distance[v(4)], 5u);
    EXPECT_EQ(spf.distance[v(5)], RtmOspfLsdb::SpfResult::UNREACHABLE) << "no transit link back";
    EXPECT_EQ(spf.distance[v(6)], RtmOspfLsdb::SpfResult::UNREACHABLE) << "not attached";
    // first hops: across the LAN, the router's own address on it
    auto hopAddresses = [&spf](uint32_t vertex) {
        std::set<uint32_t> out;
        for (uint32_t h = 0; h < spf.hops.size(); ++h)
        {
            if (spf.IsFirstHop(vertex, h))
            {
                out.insert(spf.hops[h].address);
            }
        }
        return out;
    };
    EXPECT_EQ(hopAddresses(v(4)), std::set<uint32_t>{0x0A000002});
    EXPECT_EQ(hopAddresses(v(3)), std::set<uint32_t>{0x0A000003});
    EXPECT_TRUE(hopAddresses(lan).empty()) << "the LAN itself is directly attached";
    // without the root's transit link, nothing is reachable
    db.ComputeShortestPaths(1, {}, &spf);
    EXPECT_EQ(spf.distance[v(2)], RtmOspfLsdb::SpfResult::UNREACHABLE);
    // a flushed network-LSA is no vertex
    RtmOspfLsa flushed = MakeNetwork({1, 2, 3, 5});
    flushed.age = 3600;
    db.Install(flushed, now);
    db.ComputeShortestPaths(1, root, &spf);
    EXPECT_TRUE(spf.networks.empty());
    EXPECT_EQ(spf.distance[v(2)], RtmOspfLsdb::SpfResult::UNREACHABLE);
}
