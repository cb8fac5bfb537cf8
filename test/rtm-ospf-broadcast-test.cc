/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 *
 * Building blocks of the OSPF broadcast interface type: the DR/BDR election (RFC 2328 9.4) and
 * the choice of interface type from the device.
 */

#include "ns3/core-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/rtm-ospf-dr-election.h"
#include "ns3/rtm-ospf-interface-type.h"

#include <gtest/gtest.h>
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
