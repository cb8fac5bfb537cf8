/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * Robustness findings of issue 11 on the manager, the Windows facade and the table: calls on a
 * manager whose simulation was destroyed, forged time stamps, generation wrap of a reused slot,
 * tokens of two managers, a null change callback, and the bounded change queue (DECISIONS 9).
 * Each test failed on the code before its fix.
 */

#include "rtm-test-util.h"

#include "ns3/boolean.h"
#include "ns3/uinteger.h"

#include <chrono>
#include <cstdint>
#include <limits>
#include <map>

using namespace ns3;
using namespace ns3::rtmtest;
using namespace ns3::rtmv1;

namespace
{

void
Nothing()
{
}

/// A route of network 10.<i & 255>.<i / 256>.0/24 with a metric.
RtmRoute
Net24(uint32_t i, uint32_t metric)
{
    return RtmRoute::MakeIp(Ipv4Address((10U << 24) | ((i & 0xFF) << 16) | ((i >> 8) << 8)),
                            Ipv4Mask("255.255.255.0"),
                            Ipv4Address::GetAny(),
                            1,
                            metric);
}

class RtmRobustness : public ::testing::Test
{
  protected:
    void TearDown() override
    {
        Simulator::Destroy();
    }
};

// ---- a manager whose simulation was destroyed ----------------------------------------------

TEST_F(RtmRobustness, DisposedManagerRefusesEveryCallAndNeverCrashes)
{
    // Keep a node, run and destroy; the node's manager is disposed (its node is null).
    Ptr<Node> node = CreateObject<Node>();
    HANDLE old = nullptr;
    {
        NodeScope s(node);
        old = RtmRegisterClient(IP, PROTO_IP_RIP, nullptr, 0);
        ASSERT_NE(old, nullptr);
    }
    Simulator::Run();
    Simulator::Destroy();

    NodeScope s(node);
    // was a SEGV in Node::GetId: the disposed manager's node is null
    EXPECT_EQ(RtmCreateChangeEvent(MakeCallback(&Nothing)), nullptr);
    EXPECT_EQ(RtmRegisterClient(IP, PROTO_IP_OSPF, nullptr, 0), nullptr)
        << "a disposed manager registered a client";
    RTM_IP_ROUTE r = IpRoute(Addr(10, 0, 0, 0), Mask(8), 0, 1, 1);
    DWORD flags = 0;
    EXPECT_NE(RtmAddRoute(old, &r, 3, &flags, nullptr, nullptr), static_cast<DWORD>(NO_ERROR))
        << "a disposed manager took a route (and scheduled aging on the next simulator)";
    EXPECT_EQ(RtmAddRoute(old, &r, 3, &flags, nullptr, nullptr), ERROR_INVALID_PARAMETER)
        << "a destroyed node is as no node bound (DECISIONS 6)";

    // the C++ API says the same
    Ptr<RoutingTableManager> rtm = node->GetObject<RoutingTableManager>();
    ASSERT_TRUE(rtm);
    RtmError err = RtmError::Success;
    EXPECT_EQ(rtm->RegisterClient(RtmFamily::Ip, 13, 0, Callback<void>(), &err), 0U);
    EXPECT_EQ(err, RtmError::InvalidParameter);
    EXPECT_EQ(rtm->AddRoute(reinterpret_cast<uintptr_t>(old), Net24(1, 1), Seconds(3)),
              RtmError::InvalidHandle);
    EXPECT_TRUE(Simulator::IsFinished()) << "nothing was scheduled on the next simulator";
}

// ---- RtmGetRouteAge on a forged time stamp ----------------------------------------------------

TEST_F(RtmRobustness, RouteAgeOfAFutureTimeStampIsInfiniteWithInvalidParameter)
{
    Ptr<Node> node = CreateObject<Node>();
    NodeScope s(node);
    RTM_IP_ROUTE r;
    std::memset(&r, 0, sizeof(r));
    // (now - stamp) * 100 overflowed a signed multiply and read as an age of 633437231 s
    r.RR_TimeStamp.dwHighDateTime = 0x0147AE14;
    r.RR_TimeStamp.dwLowDateTime = 0xFFFFFFFF;
    SetLastError(NO_ERROR);
    EXPECT_EQ(RtmGetRouteAge(&r), INFINITE) << "RTMV1.md 4.8: a future time stamp is invalid";
    EXPECT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
    r.RR_TimeStamp.dwHighDateTime = 0;
    r.RR_TimeStamp.dwLowDateTime = 1;
    SetLastError(NO_ERROR);
    EXPECT_EQ(RtmGetRouteAge(&r), INFINITE) << "1 tick in the future at time 0";
    EXPECT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
    r.RR_TimeStamp.dwLowDateTime = 0;
    EXPECT_EQ(RtmGetRouteAge(&r), 0U);
    // a high word with its top bit set (a signed shift overflowed reading it: UBSan)
    r.RR_TimeStamp.dwHighDateTime = 0xFFFFFFFF;
    SetLastError(NO_ERROR);
    EXPECT_EQ(RtmGetRouteAge(&r), INFINITE);
    EXPECT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);

    // the C++ API, with stamps at both ends of int64 (UBSan: no overflow on the way)
    Ptr<RoutingTableManager> rtm = RoutingTableManager::ForNode(node);
    RtmRoute route;
    route.timeStamp = std::numeric_limits<int64_t>::max();
    EXPECT_TRUE(rtm->GetRouteAge(route).IsStrictlyNegative());
    route.timeStamp = std::numeric_limits<int64_t>::min();
    EXPECT_EQ(rtm->GetRouteAge(route), Time::Max());
    route.timeStamp = -1;
    EXPECT_EQ(rtm->GetRouteAge(route), NanoSeconds(100));
}

// ---- DECISIONS 16 after 2^24 delete/add cycles of one slot ------------------------------------

TEST_F(RtmRobustness, SnapshotNeverReturnsARouteAddedLaterEvenAfterTheGenerationWraps)
{
    Ptr<Node> node = CreateObject<Node>();
    Ptr<RoutingTableManager> rtm = RoutingTableManager::ForNode(node);
    RoutingTableManager::ClientId c = rtm->RegisterClient(RtmFamily::Ip, 8, 0, Callback<void>());
    ASSERT_NE(c, 0U);
    const RtmRoute r = Net24(1, 1);
    ASSERT_EQ(rtm->AddRoute(c, r, RoutingTableManager::Infinite()), RtmError::Success);
    RtmRoute none;
    RoutingTableManager::EnumerationId e = rtm->CreateEnumeration(RtmFamily::Ip, 0, none);
    ASSERT_NE(e, 0U);
    // the same slot deleted and filled again 2^24 times: its 24-bit generation comes round
    for (uint32_t i = 0; i < (1U << 24); ++i)
    {
        rtm->DeleteRoute(c, r);
        rtm->AddRoute(c, r, RoutingTableManager::Infinite());
    }
    ASSERT_EQ(rtm->GetRouteCount(RtmFamily::Ip), 1U);
    RtmRoute got;
    EXPECT_EQ(rtm->EnumerateNext(e, &got), RtmError::NoMoreItems)
        << "the snapshot returned a route added after it was taken";
}

// ---- tokens of two managers --------------------------------------------------------------------

TEST_F(RtmRobustness, TokensOfTwoManagersNeverCollide)
{
    // Two managers on no node took tags from their addresses (23 bits of them): managers 2^27
    // bytes apart shared a tag and accepted each other's clients. A manager on no node now
    // issues no token at all (no node bound, DECISIONS 6), ...
    Ptr<RoutingTableManager> a = CreateObject<RoutingTableManager>();
    Ptr<RoutingTableManager> b = CreateObject<RoutingTableManager>();
    RtmError err = RtmError::Success;
    RoutingTableManager::ClientId ca =
        a->RegisterClient(RtmFamily::Ip, 8, 0, Callback<void>(), &err);
    EXPECT_EQ(ca, 0U) << "a manager on no node issued a token";
    EXPECT_EQ(err, RtmError::InvalidParameter);
    RoutingTableManager::ClientId cb = b->RegisterClient(RtmFamily::Ip, 8, 0, Callback<void>());
    EXPECT_EQ(cb, 0U);
    EXPECT_NE(b->AddRoute(ca, Net24(1, 1), RoutingTableManager::Infinite()), RtmError::Success);
    RtmRoute none;
    EXPECT_EQ(a->CreateEnumeration(RtmFamily::Ip, 0, none, &err), 0U);
    EXPECT_EQ(err, RtmError::InvalidParameter);

    // ... and managers on nodes tag tokens with the node id: the same serials never alias
    std::vector<Ptr<Node>> nodes;
    std::vector<Ptr<RoutingTableManager>> rtms;
    std::vector<RoutingTableManager::ClientId> ids;
    for (int i = 0; i < 64; ++i)
    {
        nodes.push_back(CreateObject<Node>());
        rtms.push_back(RoutingTableManager::ForNode(nodes.back()));
        ids.push_back(rtms.back()->RegisterClient(RtmFamily::Ip, 8, 0, Callback<void>()));
        ASSERT_NE(ids.back(), 0U);
    }
    for (std::size_t i = 0; i < rtms.size(); ++i)
    {
        for (std::size_t j = 0; j < ids.size(); ++j)
        {
            EXPECT_EQ(rtms[i]->GetClientInfo(ids[j], nullptr, nullptr), i == j) << i << " " << j;
        }
    }
    // a manager aggregated later gets its node's tag then
    Ptr<Node> late = CreateObject<Node>();
    late->AggregateObject(a);
    EXPECT_NE(a->RegisterClient(RtmFamily::Ip, 8, 0, Callback<void>()), 0U);
}

// ---- RtmCreateChangeEvent with a null callback ---------------------------------------------

TEST_F(RtmRobustness, NullChangeCallbackIsRefused)
{
    Ptr<Node> node = CreateObject<Node>();
    NodeScope s(node);
    SetLastError(NO_ERROR);
    // was a handle: a client registered with it got no queue and dequeue returned 6, the code
    // RTMV1.md 4.3 keeps for clients without an event
    EXPECT_EQ(RtmCreateChangeEvent(Callback<void>()), nullptr);
    EXPECT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
    HANDLE ev = RtmCreateChangeEvent(MakeCallback(&Nothing));
    ASSERT_NE(ev, nullptr);
    HANDLE h = RtmRegisterClient(IP, PROTO_IP_RIP, ev, 0);
    ASSERT_NE(h, nullptr);
    DWORD flags = 0;
    EXPECT_EQ(RtmDequeueRouteChangeMessage(h, &flags, nullptr, nullptr), ERROR_NO_MESSAGES);
}

// ---- the change queue of a client that never dequeues (DECISIONS 9) ----------------------------

/// A node with a churning client and a silent one that never dequeues until told to.
class RtmRobustnessQueue : public RtmRobustness
{
  protected:
    void SetUp() override
    {
        node = CreateObject<Node>();
        rtm = RoutingTableManager::ForNode(node);
        churn = rtm->RegisterClient(RtmFamily::Ip, 13, 0, Callback<void>());
        silent = rtm->RegisterClient(RtmFamily::Ip, 8, 0, MakeCallback(&Nothing));
        ASSERT_NE(churn, 0U);
        ASSERT_NE(silent, 0U);
    }

    /// Add, change and delete routes of networks 0..networks-1, rounds times.
    void Churn(uint32_t networks, uint32_t rounds)
    {
        for (uint32_t k = 0; k < rounds; ++k)
        {
            for (uint32_t i = 0; i < networks; ++i)
            {
                RtmRoute r = Net24(i, 1 + k);
                if (k % 3 == 2)
                {
                    rtm->DeleteRoute(churn, r);
                    latest.erase(r.network);
                }
                else
                {
                    rtm->AddRoute(churn, r, RoutingTableManager::Infinite());
                    latest[r.network] = 1 + k;
                }
            }
        }
    }

    /// Drain the silent client; the best route each network was last told to have.
    std::map<uint64_t, uint32_t> Drain(std::size_t* messages)
    {
        std::map<uint64_t, uint32_t> told;
        RtmChange m;
        *messages = 0;
        RtmError e;
        do
        {
            e = rtm->DequeueRouteChange(silent, &m);
            if (e == RtmError::Success || e == RtmError::MoreData)
            {
                ++*messages;
                if (m.flags & RtmChange::CURRENT)
                {
                    told[m.network] = m.current.familyData[RtmRoute::IpMetric];
                }
                else
                {
                    told.erase(m.network);
                }
            }
        } while (e == RtmError::MoreData);
        return told;
    }

    Ptr<Node> node;
    Ptr<RoutingTableManager> rtm;
    RoutingTableManager::ClientId churn{0};
    RoutingTableManager::ClientId silent{0};
    std::map<uint64_t, uint32_t> latest; //!< network -> metric of its route now
};

TEST_F(RtmRobustnessQueue, DefaultIsTheUnboundedRtmV1FifoAndADrainedQueueHoldsNoMemory)
{
    Churn(100, 10);
    EXPECT_EQ(rtm->GetQueueLength(silent), 1000U) << "one message per change (RTMV1.md 4.3)";
    const std::size_t full = rtm->GetMemoryUsage();
    std::size_t messages = 0;
    EXPECT_EQ(Drain(&messages), latest);
    EXPECT_EQ(messages, 1000U);
    EXPECT_EQ(rtm->GetQueueLength(silent), 0U);
    EXPECT_GE(full - rtm->GetMemoryUsage(), 1000 * sizeof(RtmChange))
        << "a drained queue gives its memory back";
}

TEST_F(RtmRobustnessQueue, QueueLimitBoundsTheQueueAndTheLatestStateStillArrives)
{
    rtm->SetAttribute("QueueLimit", UintegerValue(500));
    rtm->SetAttribute("QueueWarningThreshold", UintegerValue(300));
    std::vector<std::size_t> warnings;
    rtm->TraceConnectWithoutContext(
        "QueueThreshold",
        MakeCallback(+[](std::vector<std::size_t>* w, RtmFamily, uint32_t, std::size_t n) {
            w->push_back(n);
        }).Bind(&warnings));
    std::size_t peak = 0;
    for (int round = 0; round < 50; ++round)
    {
        Churn(200, 20);
        peak = std::max(peak, rtm->GetQueueLength(silent));
    }
    EXPECT_LE(peak, 500U + 200U) << "at most the limit plus one message per network";
    EXPECT_EQ(warnings.size(), 1U) << "one warning until the queue is drained";
    std::size_t messages = 0;
    EXPECT_EQ(Drain(&messages), latest) << "the latest state of every network reached the client";
    EXPECT_LE(messages, 700U);
    EXPECT_EQ(rtm->GetQueueLength(silent), 0U);
}

TEST_F(RtmRobustnessQueue, CoalescingModeKeepsOneMessagePerNetwork)
{
    rtm->SetAttribute("CoalesceChanges", BooleanValue(true));
    Churn(100, 7); // rounds 0,1 add/change, 2 delete, 3,4 add/change, 5 delete, 6 add
    EXPECT_EQ(rtm->GetQueueLength(silent), 100U);
    RtmChange m;
    ASSERT_EQ(rtm->DequeueRouteChange(silent, &m), RtmError::MoreData);
    EXPECT_EQ(m.flags, RtmChange::ADDED) << "added, then changed and deleted and added again";
    EXPECT_EQ(m.current.familyData[RtmRoute::IpMetric], 7U);
    std::size_t messages = 0;
    latest.erase(m.network);
    EXPECT_EQ(Drain(&messages), latest);
    // changed, changed again, deleted while pending: one DELETED with the first previous route
    Churn(10, 3);
    EXPECT_EQ(rtm->GetQueueLength(silent), 10U);
    ASSERT_EQ(rtm->DequeueRouteChange(silent, &m), RtmError::MoreData);
    EXPECT_EQ(m.flags, RtmChange::DELETED);
    EXPECT_EQ(m.previous.familyData[RtmRoute::IpMetric], 7U);
}

} // namespace
