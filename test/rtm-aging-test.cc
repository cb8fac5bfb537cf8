/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Route aging on simulated time: every route ages out exactly at its time stamp plus its time to
// live, for times to live from milliseconds to the largest allowed (24.8 days), across the aging
// records' epoch moves, and when a deleted route's slot is reused by another route.

#include "ns3/node.h"
#include "ns3/routing-table-manager.h"
#include "ns3/rtm-function-callback.h"
#include "ns3/rtm-function-event.h"
#include "ns3/simulator.h"

#include <gtest/gtest.h>
#include <map>
#include <random>
#include <vector>

namespace
{

using namespace ns3;

constexpr uint32_t RIP = 8; // PROTO_IP_RIP

class RtmAging : public ::testing::Test
{
  protected:
    void SetUp() override
    {
        m_node = CreateObject<Node>();
        m_rtm = RoutingTableManager::ForNode(m_node);
        m_client = m_rtm->RegisterClient(RtmFamily::Ip, RIP, 0, Callback<void>());
        ASSERT_NE(m_client, 0U);
        m_rtm->TraceConnectWithoutContext(
            "RouteAgedOut",
            RtmMakeCallback<void, RtmFamily, const RtmRoute&>([this](RtmFamily, const RtmRoute& r) {
                m_agedAt[r.network].push_back(Simulator::Now());
            }));
    }

    void TearDown() override
    {
        Simulator::Destroy();
    }

    /// @return the key of 10.n.0.0/16
    static uint64_t Key(uint32_t n)
    {
        return RtmRoute::IpKey(0x0A000000 | (n << 16), 0xFFFF0000);
    }

    /// Add (or refresh) 10.n.0.0/16 via 192.168.0.hop with a time to live.
    void Add(uint32_t n, uint32_t hop, Time ttl)
    {
        ASSERT_EQ(m_rtm->AddIpRoute(m_client,
                                    Ipv4Address(0x0A000000 | (n << 16)),
                                    Ipv4Mask("255.255.0.0"),
                                    Ipv4Address(0xC0A80000 | hop),
                                    1,
                                    1,
                                    ttl),
                  RtmError::Success);
    }

    /// Delete 10.n.0.0/16 via 192.168.0.hop.
    void Delete(uint32_t n, uint32_t hop)
    {
        ASSERT_EQ(m_rtm->DeleteIpRoute(m_client,
                                       Ipv4Address(0x0A000000 | (n << 16)),
                                       Ipv4Mask("255.255.0.0"),
                                       Ipv4Address(0xC0A80000 | hop),
                                       1),
                  RtmError::Success);
    }

    Ptr<Node> m_node;                               //!< the node
    Ptr<RoutingTableManager> m_rtm;                 //!< its manager
    RoutingTableManager::ClientId m_client{0};      //!< the client
    std::map<uint64_t, std::vector<Time>> m_agedAt; //!< network -> when its routes aged out
    std::map<uint64_t, Time> m_expected;            //!< network -> when it must age out
};

TEST_F(RtmAging, ExactFromMillisecondsToTheLargestTimeToLive)
{
    const std::vector<Time> ttls = {MilliSeconds(1),
                                    Seconds(1),
                                    Seconds(214),
                                    Seconds(430), // beyond the near records' reach at the start
                                    Seconds(7200),
                                    Days(3),
                                    Seconds(RoutingTableManager::MAX_TTL_SECONDS)};
    const Time start = MicroSeconds(123457); // not on a millisecond boundary
    Simulator::Schedule(start, RtmMakeEvent([this, &ttls]() {
                            for (uint32_t i = 0; i < ttls.size(); ++i)
                            {
                                Add(i, 1, ttls[i]);
                            }
                        }));
    Simulator::Run();
    for (uint32_t i = 0; i < ttls.size(); ++i)
    {
        ASSERT_EQ(m_agedAt[Key(i)].size(), 1U) << "ttl " << ttls[i].As(Time::S);
        EXPECT_EQ(m_agedAt[Key(i)][0], start + ttls[i]) << "ttl " << ttls[i].As(Time::S);
    }
    EXPECT_EQ(m_rtm->GetRouteCount(RtmFamily::Ip), 0U);
}

TEST_F(RtmAging, RefreshedRoutesAgeFromTheirLastRefreshAcrossEpochMoves)
{
    // 10.0/16 is refreshed every 30 s for an hour (180 s TTL, RIP's timers), 10.1/16 once at
    // 1000 s with a 2-hour TTL, 10.2/16 every 100 s with a 7-minute TTL: the aging records' epoch
    // moves many times while they wait
    for (int k = 0; k <= 120; ++k)
    {
        Simulator::Schedule(Seconds(30 * k) + MicroSeconds(7),
                            RtmMakeEvent([this]() { Add(0, 1, Seconds(180)); }));
    }
    Simulator::Schedule(Seconds(1000), RtmMakeEvent([this]() { Add(1, 1, Seconds(7200)); }));
    for (int k = 0; k <= 40; ++k)
    {
        Simulator::Schedule(Seconds(100 * k + 3),
                            RtmMakeEvent([this]() { Add(2, 1, Seconds(420)); }));
    }
    Simulator::Run();
    ASSERT_EQ(m_agedAt[Key(0)].size(), 1U);
    EXPECT_EQ(m_agedAt[Key(0)][0], Seconds(3600 + 180) + MicroSeconds(7));
    ASSERT_EQ(m_agedAt[Key(1)].size(), 1U);
    EXPECT_EQ(m_agedAt[Key(1)][0], Seconds(1000 + 7200));
    ASSERT_EQ(m_agedAt[Key(2)].size(), 1U);
    EXPECT_EQ(m_agedAt[Key(2)][0], Seconds(4003 + 420));
}

TEST_F(RtmAging, AReusedSlotAgesItsOwnRouteOnly)
{
    // A (100 s) is deleted at 10 s; B takes its slot at 20 s with 50 s; C takes B's slot after B
    // ages out, with 100 s. A's and B's records must not age out anything early.
    Simulator::Schedule(Seconds(0), RtmMakeEvent([this]() { Add(0, 1, Seconds(100)); }));
    Simulator::Schedule(Seconds(10), RtmMakeEvent([this]() { Delete(0, 1); }));
    Simulator::Schedule(Seconds(20), RtmMakeEvent([this]() { Add(1, 2, Seconds(50)); }));
    Simulator::Schedule(Seconds(80), RtmMakeEvent([this]() { Add(2, 3, Seconds(100)); }));
    // D: same slot churn many times, with long TTLs, while E ages normally
    Simulator::Schedule(Seconds(90), RtmMakeEvent([this]() {
                            for (int i = 0; i < 500; ++i)
                            {
                                Add(3, 4, Seconds(1000 + i));
                                Delete(3, 4);
                            }
                            Add(4, 5, Seconds(30));
                        }));
    Simulator::Run();
    EXPECT_TRUE(m_agedAt[Key(0)].empty());
    ASSERT_EQ(m_agedAt[Key(1)].size(), 1U);
    EXPECT_EQ(m_agedAt[Key(1)][0], Seconds(70));
    ASSERT_EQ(m_agedAt[Key(2)].size(), 1U);
    EXPECT_EQ(m_agedAt[Key(2)][0], Seconds(180));
    EXPECT_TRUE(m_agedAt[Key(3)].empty());
    ASSERT_EQ(m_agedAt[Key(4)].size(), 1U);
    EXPECT_EQ(m_agedAt[Key(4)][0], Seconds(120));
}

TEST_F(RtmAging, RandomRefreshesAndDeletesAgainstExpectedTimes)
{
    // many networks, random adds (refreshes), deletes and TTLs from 1 ms to 2 hours over 6 hours
    // of simulated time; every network's last route must age out exactly when the model says
    std::mt19937 rng(11);
    std::map<uint32_t, Time> due; // network -> when its route ages out (if present)
    Time t = Seconds(0);
    for (int step = 0; step < 4000; ++step)
    {
        t += MicroSeconds(rng() % 20000000); // up to 20 s between steps
        uint32_t n = rng() % 64;
        bool del = rng() % 4 == 0;
        Time ttl = (rng() % 3 == 0) ? MilliSeconds(1 + rng() % 2000) : Seconds(1 + rng() % 7200);
        Simulator::Schedule(
            t,
            RtmMakeEvent([this, n, del, ttl, &due]() {
                auto it = due.find(n);
                const bool modelHas = it != due.end() && it->second > Simulator::Now();
                if (it == due.end() || it->second != Simulator::Now()) // a tie may go either way
                {
                    EXPECT_EQ(m_rtm->IsRoute(RtmFamily::Ip, Key(n), nullptr), modelHas)
                        << "network " << n << " at " << Simulator::Now().As(Time::S);
                }
                if (it != due.end() && !modelHas)
                {
                    due.erase(it); // aged out already
                }
                if (del)
                {
                    if (due.count(n))
                    {
                        Delete(n, 1);
                        due.erase(n);
                    }
                    return;
                }
                Add(n, 1, ttl);
                due[n] = Simulator::Now() + ttl;
            }));
    }
    Simulator::Schedule(t + MicroSeconds(1), RtmMakeEvent([this, &due]() {
                            // what is still due then must age out at its time
                            for (auto& [n, when] : due)
                            {
                                if (when > Simulator::Now())
                                {
                                    m_expected[Key(n)] = when;
                                }
                            }
                        }));
    Simulator::Run();
    for (const auto& [key, when] : m_expected)
    {
        ASSERT_FALSE(m_agedAt[key].empty());
        EXPECT_EQ(m_agedAt[key].back(), when);
    }
    EXPECT_EQ(m_rtm->GetRouteCount(RtmFamily::Ip), 0U);
    std::size_t aged = 0;
    for (const auto& [key, times] : m_agedAt)
    {
        aged += times.size();
    }
    EXPECT_GT(aged, 100U);
}

} // namespace
