/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The manager copies routes into a change record only when someone wants it (another client
// with a signal, a BestRouteChange sink, or a caller asking for the result). These tests pin
// that every such consumer still gets the full change, and that the best routes are the same
// whether or not anyone listens.

#include "rtm-test-util.h"

#include "ns3/routing-table-manager.h"
#include "ns3/rtm-function-callback.h"
#include "ns3/simulator.h"

#include <gtest/gtest.h>
#include <vector>

namespace
{

using namespace ns3;

constexpr uint32_t STATIC = 3; // PROTO_IP_NETMGMT
constexpr uint32_t RIP = 8;    // PROTO_IP_RIP

class RtmManagerListeners : public ::testing::Test
{
  protected:
    void TearDown() override
    {
        Simulator::Destroy();
    }

    /// @return a fresh node's manager
    Ptr<RoutingTableManager> Make()
    {
        m_node = CreateObject<Node>();
        return RoutingTableManager::ForNode(m_node);
    }

    Ptr<Node> m_node; //!< the node
};

TEST_F(RtmManagerListeners, ResultIsFilledWithNobodyElseRegistered)
{
    Ptr<RoutingTableManager> rtm = Make();
    auto c = rtm->RegisterClient(RtmFamily::Ip, RIP, 0, Callback<void>());
    ASSERT_NE(c, 0U);
    RtmChange change;
    ASSERT_EQ(rtm->AddRoute(c,
                            RtmRoute::MakeIp(Ipv4Address("10.1.0.0"),
                                             Ipv4Mask("255.255.0.0"),
                                             Ipv4Address("192.168.0.2"),
                                             1,
                                             3),
                            RoutingTableManager::Infinite(),
                            &change),
              RtmError::Success);
    EXPECT_EQ(change.flags, RtmChange::ADDED);
    EXPECT_EQ(change.current.GetIpNetwork(), Ipv4Address("10.1.0.0"));
    EXPECT_EQ(change.current.GetIpMetric(), 3U);
    EXPECT_EQ(change.current.protocol, RIP);

    // a better route from the same client: CHANGED, with both routes
    ASSERT_EQ(rtm->AddRoute(c,
                            RtmRoute::MakeIp(Ipv4Address("10.1.0.0"),
                                             Ipv4Mask("255.255.0.0"),
                                             Ipv4Address("192.168.0.3"),
                                             2,
                                             1),
                            RoutingTableManager::Infinite(),
                            &change),
              RtmError::Success);
    EXPECT_EQ(change.flags, RtmChange::CHANGED);
    EXPECT_EQ(change.previous.GetIpMetric(), 3U);
    EXPECT_EQ(change.current.GetIpMetric(), 1U);
    EXPECT_EQ(change.current.GetIpNextHop(), Ipv4Address("192.168.0.3"));

    // quiet deletes (no result) keep the table right; the last one reports the deletion
    ASSERT_EQ(rtm->DeleteIpRoute(c,
                                 Ipv4Address("10.1.0.0"),
                                 Ipv4Mask("255.255.0.0"),
                                 Ipv4Address("192.168.0.3"),
                                 2),
              RtmError::Success);
    RtmRoute best;
    ASSERT_TRUE(rtm->IsRoute(RtmFamily::Ip, RtmRoute::IpKey(0x0A010000, 0xFFFF0000), &best));
    EXPECT_EQ(best.GetIpMetric(), 3U);
    RtmRoute id = RtmRoute::MakeIp(Ipv4Address("10.1.0.0"),
                                   Ipv4Mask("255.255.0.0"),
                                   Ipv4Address("192.168.0.2"),
                                   1,
                                   0);
    ASSERT_EQ(rtm->DeleteRoute(c, id, &change), RtmError::Success);
    EXPECT_EQ(change.flags, RtmChange::DELETED);
    EXPECT_EQ(change.previous.GetIpNextHop(), Ipv4Address("192.168.0.2"));
    EXPECT_FALSE(rtm->IsRoute(RtmFamily::Ip, RtmRoute::IpKey(0x0A010000, 0xFFFF0000), nullptr));
}

TEST_F(RtmManagerListeners, TraceSinkAloneStillSeesEveryChange)
{
    Ptr<RoutingTableManager> rtm = Make();
    std::vector<uint32_t> flags;
    std::vector<uint32_t> metrics;
    rtm->TraceConnectWithoutContext(
        "BestRouteChange",
        RtmMakeCallback<void, const RtmChange&>([&](const RtmChange& ch) {
            flags.push_back(ch.flags);
            metrics.push_back(ch.flags & RtmChange::CURRENT ? ch.current.GetIpMetric()
                                                            : ch.previous.GetIpMetric());
        }));
    auto c = rtm->RegisterClient(RtmFamily::Ip, RIP, 0, Callback<void>());
    ASSERT_EQ(rtm->AddIpRoute(c,
                              Ipv4Address("10.2.0.0"),
                              Ipv4Mask("255.255.0.0"),
                              Ipv4Address("192.168.0.2"),
                              1,
                              5,
                              RoutingTableManager::Infinite()),
              RtmError::Success);
    ASSERT_EQ(rtm->DeleteIpRoute(c,
                                 Ipv4Address("10.2.0.0"),
                                 Ipv4Mask("255.255.0.0"),
                                 Ipv4Address("192.168.0.2"),
                                 1),
              RtmError::Success);
    EXPECT_EQ(flags, (std::vector<uint32_t>{RtmChange::ADDED, RtmChange::DELETED}));
    EXPECT_EQ(metrics, (std::vector<uint32_t>{5, 5}));
}

TEST_F(RtmManagerListeners, OnlySignalledClientsOfTheFamilyAreTold)
{
    Ptr<RoutingTableManager> rtm = Make();
    int signals = 0;
    auto writer = rtm->RegisterClient(RtmFamily::Ip, STATIC, 0, Callback<void>());
    auto silent = rtm->RegisterClient(RtmFamily::Ip, RIP, 0, Callback<void>());
    auto ipx = rtm->RegisterClient(RtmFamily::Ipx, 1, 0, RtmMakeCallback<void>([&signals]() {
                                       signals += 100;
                                   }));
    ASSERT_NE(silent, 0U);
    ASSERT_NE(ipx, 0U);
    auto addOnLink = [&](uint32_t metric) {
        return rtm->AddIpRoute(writer,
                               Ipv4Address("10.3.0.0"),
                               Ipv4Mask("255.255.0.0"),
                               Ipv4Address::GetAny(),
                               1,
                               metric,
                               RoutingTableManager::Infinite());
    };
    // nobody listens yet: the add is quiet, and the best route is kept all the same
    ASSERT_EQ(addOnLink(2), RtmError::Success);
    auto listener = rtm->RegisterClient(RtmFamily::Ip, 13, 0, RtmMakeCallback<void>([&signals]() {
                                            ++signals;
                                        }));
    ASSERT_NE(listener, 0U);
    ASSERT_EQ(addOnLink(1), RtmError::Success);
    EXPECT_EQ(rtm->GetQueueLength(listener), 1U);
    RtmChange m;
    ASSERT_EQ(rtm->DequeueRouteChange(listener, &m), RtmError::Success);
    EXPECT_EQ(m.flags, RtmChange::CHANGED);
    EXPECT_EQ(m.previous.GetIpMetric(), 2U);
    EXPECT_EQ(m.current.GetIpMetric(), 1U);
    Simulator::Run();
    EXPECT_EQ(signals, 1); // the IP listener only: never the IPX client
}

} // namespace
