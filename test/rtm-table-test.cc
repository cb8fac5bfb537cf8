/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

/**
 * @file
 * @ingroup rtm-tests
 * Direct tests of ns3::RtmTable: entries and stale references, identity (single-route),
 * best-route rules, Collect, ordered enumeration, network validation, memory accounting, and a
 * randomized comparison with the naive model of rtm-reference-model.h.
 */

#include "rtm-reference-model.h"

#include "ns3/rtm-table.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <random>
#include <set>
#include <vector>

namespace
{

using namespace ns3;
using rtmref::OrderLess;
using rtmref::RefTable;
using rtmref::SameChange;
using rtmref::ToString;

constexpr uint32_t RIP = 8;
constexpr uint32_t OSPF = 13;
constexpr uint32_t STATIC = 10006;

/// An IP route with a priority already set (the manager's job).
RtmRoute
Ip(uint32_t addr,
   int len,
   uint32_t protocol,
   uint32_t interface,
   uint32_t nextHop,
   uint32_t priority,
   uint32_t metric,
   bool valid = true)
{
    uint32_t mask = len == 0 ? 0 : 0xFFFFFFFFU << (32 - len);
    RtmRoute r;
    r.network = RtmRoute::IpKey(addr & mask, mask);
    r.protocol = protocol;
    r.interface = interface;
    r.nextHop = static_cast<uint64_t>(nextHop) << 32;
    r.familyData[RtmRoute::IpType] = nextHop ? 4 : 3;
    r.familyData[RtmRoute::IpPriority] = priority;
    r.familyData[RtmRoute::IpMetric] = metric;
    r.familyData[RtmRoute::IpFlags] = valid ? RtmRoute::IP_VALID : 0;
    return r;
}

/// An IPX route.
RtmRoute
Ipx(uint32_t net,
    uint32_t protocol,
    uint32_t interface,
    uint64_t mac,
    uint16_t ticks,
    uint16_t hops)
{
    RtmRoute r;
    r.network = net;
    r.protocol = protocol;
    r.interface = interface;
    r.nextHop = mac;
    r.familyData[1] = static_cast<uint32_t>(ticks) | (static_cast<uint32_t>(hops) << 16);
    return r;
}

/// Every route of a table in (network, protocol, interface, next hop) order, via NextInOrder.
std::vector<RtmRoute>
WalkAll(RtmTable& t, uint32_t flags = 0, const RtmRoute& crit = RtmRoute())
{
    std::vector<RtmRoute> out;
    RtmRoute r;
    bool ok = t.NextInOrder(nullptr, flags, crit, &r);
    while (ok && out.size() < 1000000)
    {
        out.push_back(r);
        RtmRoute cursor = r;
        ok = t.NextInOrder(&cursor, flags, crit, &r);
    }
    return out;
}

/// The routes Collect returns, sorted.
std::vector<RtmRoute>
CollectSorted(const RtmTable& t, uint32_t flags, const RtmRoute& crit)
{
    std::vector<RtmTable::Ref> refs;
    t.Collect(flags, crit, &refs);
    std::vector<RtmRoute> out;
    for (const RtmTable::Ref& ref : refs)
    {
        RtmRoute r;
        EXPECT_TRUE(t.Get(ref, &r));
        out.push_back(r);
    }
    std::sort(out.begin(), out.end(), OrderLess);
    return out;
}

TEST(RtmTable, AddUpdateRemoveAndStaleRefs)
{
    RtmTable t(RtmFamily::Ip);
    RtmRoute a = Ip(0x0A000000, 8, RIP, 1, 0x0A000001, 120, 2);
    a.timeStamp = 100;
    a.ttlMs = 5000;
    a.protocolData = {1, 2, 3, 4};
    RtmChange c;
    RtmTable::Ref ref;
    RtmRoute prev;
    EXPECT_EQ(t.AddOrUpdate(a, false, &c, &prev, &ref), RtmTable::Upsert::Added);
    EXPECT_EQ(c.flags, RtmChange::ADDED);
    EXPECT_EQ(c.network, a.network);
    EXPECT_EQ(c.family, RtmFamily::Ip);
    EXPECT_EQ(c.current, a);
    EXPECT_TRUE(t.IsLive(ref));
    EXPECT_TRUE(t.IsBest(ref));
    RtmRoute got;
    ASSERT_TRUE(t.Get(ref, &got));
    EXPECT_EQ(got, a) << got;
    EXPECT_EQ(t.GetRouteCount(), 1U);
    EXPECT_EQ(t.GetNetworkCount(), 1U);

    // same identity: an update of the same entry; only protocol data changed -> no change
    RtmRoute b = a;
    b.protocolData = {9, 9, 9, 9};
    b.timeStamp = 200;
    RtmTable::Ref ref2;
    EXPECT_EQ(t.AddOrUpdate(b, false, &c, &prev, &ref2), RtmTable::Upsert::Updated);
    EXPECT_EQ(c.flags, 0U);
    EXPECT_EQ(prev, a);
    EXPECT_EQ(ref2.index, ref.index);
    EXPECT_EQ(ref2.generation, ref.generation);
    ASSERT_TRUE(t.Get(ref, &got));
    EXPECT_EQ(got, b);
    EXPECT_EQ(t.GetRouteCount(), 1U);

    // metric change of the best route: CHANGED, previous = before, current = after
    RtmRoute d = b;
    d.familyData[RtmRoute::IpMetric] = 7;
    EXPECT_EQ(t.AddOrUpdate(d, false, &c), RtmTable::Upsert::Updated);
    EXPECT_EQ(c.flags, RtmChange::CHANGED);
    EXPECT_EQ(c.previous, b);
    EXPECT_EQ(c.current, d);

    RtmRoute removed;
    EXPECT_TRUE(t.Remove(ref, &c, &removed));
    EXPECT_EQ(removed, d);
    EXPECT_EQ(c.flags, RtmChange::DELETED);
    EXPECT_EQ(c.previous, d);
    EXPECT_FALSE(t.IsLive(ref));
    EXPECT_FALSE(t.IsBest(ref));
    EXPECT_FALSE(t.Get(ref, &got));
    EXPECT_FALSE(t.Remove(ref, &c));
    EXPECT_FALSE(t.SetEnabled(ref, false, &c));
    EXPECT_FALSE(t.Rewrite(ref, d, &c));
    EXPECT_FALSE(t.Matches(ref, 0, RtmRoute()));
    EXPECT_EQ(t.GetRouteCount(), 0U);
    EXPECT_EQ(t.GetNetworkCount(), 0U);
    EXPECT_FALSE(t.GetBest(a.network, nullptr));

    // the slot is reused: the old reference stays stale
    RtmTable::Ref ref3;
    t.AddOrUpdate(Ip(0x0B000000, 8, RIP, 1, 0, 120, 1), false, &c, nullptr, &ref3);
    EXPECT_EQ(c.flags, RtmChange::ADDED);
    EXPECT_TRUE(t.IsLive(ref3));
    EXPECT_FALSE(t.IsLive(ref));
    EXPECT_FALSE(t.Get(ref, &got));
    EXPECT_FALSE(t.Remove(ref, &c));
    EXPECT_TRUE(t.IsLive(ref3));
    EXPECT_FALSE(t.IsLive(RtmTable::Ref{}));
    EXPECT_FALSE(t.IsLive(RtmTable::Ref{12345, 1}));
}

TEST(RtmTable, FindAndSingleRouteIdentity)
{
    RtmTable t(RtmFamily::Ip);
    RtmChange c;
    RtmRoute a = Ip(0x0A000000, 8, OSPF, 1, 0x0A000001, 110, 2);
    RtmRoute b = Ip(0x0A000000, 8, OSPF, 2, 0x0A000002, 110, 1);
    t.AddOrUpdate(a, true, &c);
    // single-route identity: the same network and protocol replaces interface and next hop
    RtmRoute prev;
    EXPECT_EQ(t.AddOrUpdate(b, true, &c, &prev), RtmTable::Upsert::Updated);
    EXPECT_EQ(prev, a);
    EXPECT_EQ(t.GetRouteCount(), 1U);
    EXPECT_EQ(c.flags, RtmChange::CHANGED);
    EXPECT_EQ(c.current, b);
    RtmRoute got;
    ASSERT_TRUE(t.GetBest(a.network, &got));
    EXPECT_EQ(got.interface, 2U);
    EXPECT_EQ(got.nextHop, b.nextHop);

    // Find: single ignores interface and next hop, full identity does not
    EXPECT_NE(t.Find(a, true).index, RtmTable::NONE);
    EXPECT_EQ(t.Find(a, false).index, RtmTable::NONE);
    EXPECT_NE(t.Find(b, false).index, RtmTable::NONE);
    RtmRoute other = b;
    other.protocol = RIP;
    EXPECT_EQ(t.Find(other, true).index, RtmTable::NONE);
    other = b;
    other.network = RtmRoute::IpKey(0x0A000000, 0xFFFF0000);
    EXPECT_EQ(t.Find(other, true).index, RtmTable::NONE);

    // without single-route identity the same add creates a second entry
    EXPECT_EQ(t.AddOrUpdate(a, false, &c), RtmTable::Upsert::Added);
    EXPECT_EQ(t.GetRouteCount(), 2U);
    EXPECT_EQ(t.GetNetworkCount(), 1U);
    RtmTable::Ref fa = t.Find(a, false);
    RtmTable::Ref fb = t.Find(b, false);
    ASSERT_NE(fa.index, RtmTable::NONE);
    ASSERT_NE(fb.index, RtmTable::NONE);
    EXPECT_NE(fa.index, fb.index);
    ASSERT_TRUE(t.Get(fa, &got));
    EXPECT_EQ(got, a);
}

TEST(RtmTable, UpdateKeepsEnabledState)
{
    RtmTable t(RtmFamily::Ip);
    RtmChange c;
    RtmRoute a = Ip(0x0A000000, 8, RIP, 1, 0, 120, 2);
    RtmTable::Ref ref;
    t.AddOrUpdate(a, false, &c, nullptr, &ref);
    EXPECT_TRUE(t.SetEnabled(ref, false, &c));
    EXPECT_EQ(c.flags, RtmChange::DELETED);
    EXPECT_EQ(t.GetNetworkCount(), 0U);
    EXPECT_EQ(t.GetRouteCount(), 1U);
    RtmRoute b = a;
    b.familyData[RtmRoute::IpMetric] = 1;
    b.enabled = true;
    t.AddOrUpdate(b, false, &c);
    EXPECT_EQ(c.flags, 0U) << "an update must not re-enable a disabled entry";
    RtmRoute got;
    ASSERT_TRUE(t.Get(ref, &got));
    EXPECT_FALSE(got.enabled);
    EXPECT_TRUE(t.SetEnabled(ref, true, &c));
    EXPECT_EQ(c.flags, RtmChange::ADDED);
    EXPECT_TRUE(t.IsBest(ref));
}

TEST(RtmTable, IpBestRouteRules)
{
    RtmTable t(RtmFamily::Ip);
    RtmChange c;
    const uint64_t net = RtmRoute::IpKey(0x0A000000, 0xFF000000);
    // only invalid routes: stored, no best route
    t.AddOrUpdate(Ip(0x0A000000, 8, RIP, 1, 1, 120, 1, false), false, &c);
    EXPECT_EQ(c.flags, 0U);
    EXPECT_EQ(t.GetRouteCount(), 1U);
    EXPECT_EQ(t.GetNetworkCount(), 0U);
    EXPECT_FALSE(t.GetBest(net, nullptr));
    EXPECT_EQ(t.LookupIp(0x0A010203).index, RtmTable::NONE);
    // FSD_Type 2 ("invalid") does not exclude a valid-flagged route
    RtmRoute typed = Ip(0x0A000000, 8, RIP, 1, 2, 120, 5);
    typed.familyData[RtmRoute::IpType] = 2;
    t.AddOrUpdate(typed, false, &c);
    EXPECT_EQ(c.flags, RtmChange::ADDED);
    EXPECT_EQ(c.current, typed);
    // lower metric of the same priority wins
    RtmRoute m1 = Ip(0x0A000000, 8, RIP, 1, 3, 120, 1);
    t.AddOrUpdate(m1, false, &c);
    EXPECT_EQ(c.flags, RtmChange::CHANGED);
    EXPECT_EQ(c.previous, typed);
    EXPECT_EQ(c.current, m1);
    // lower priority beats a lower metric
    RtmRoute st = Ip(0x0A000000, 8, STATIC, 2, 0, 3, 50);
    t.AddOrUpdate(st, false, &c);
    EXPECT_EQ(c.flags, RtmChange::CHANGED);
    EXPECT_EQ(c.current, st);
    // a full tie with the current best keeps it, even with a lower identity
    RtmRoute tie = Ip(0x0A000000, 8, 3, 1, 0, 3, 50);
    t.AddOrUpdate(tie, false, &c);
    EXPECT_EQ(c.flags, 0U);
    RtmRoute best;
    ASSERT_TRUE(t.GetBest(net, &best));
    EXPECT_EQ(best, st);
    // best removed: the lowest (protocol, interface, next hop) among the tied ones wins
    RtmRoute tie2 = Ip(0x0A000000, 8, 3, 1, 7, 3, 50);
    t.AddOrUpdate(tie2, false, &c);
    EXPECT_EQ(c.flags, 0U);
    t.Remove(t.Find(st, false), &c);
    EXPECT_EQ(c.flags, RtmChange::CHANGED);
    EXPECT_EQ(c.previous, st);
    EXPECT_EQ(c.current, tie);
    // making the best invalid hands over to the next
    RtmRoute inv = tie;
    inv.familyData[RtmRoute::IpFlags] = 0;
    t.AddOrUpdate(inv, false, &c);
    EXPECT_EQ(c.flags, RtmChange::CHANGED);
    EXPECT_EQ(c.previous, tie);
    EXPECT_EQ(c.current, tie2);
    // disabling routes: disabled ones never win
    RtmTable::Ref r2 = t.Find(tie2, false);
    t.SetEnabled(r2, false, &c);
    EXPECT_EQ(c.flags, RtmChange::CHANGED);
    EXPECT_EQ(c.current, m1);
    EXPECT_EQ(t.GetNetworkCount(), 1U);
}

TEST(RtmTable, IpxBestRouteRules)
{
    RtmTable t(RtmFamily::Ipx);
    RtmChange c;
    RtmRoute a = Ipx(5, 0x20000, 1, 0xAA, 3, 1);
    RtmRoute b = Ipx(5, 0x20000, 2, 0xBB, 2, 9); // fewer ticks wins over fewer hops
    RtmRoute d = Ipx(5, 2, 1, 0xCC, 2, 4);       // same ticks, fewer hops
    RtmRoute e = Ipx(5, 1, 1, 0xDD, 2, 4);       // full tie, lower identity: current stays
    t.AddOrUpdate(a, false, &c);
    EXPECT_EQ(c.flags, RtmChange::ADDED);
    t.AddOrUpdate(b, false, &c);
    EXPECT_EQ(c.flags, RtmChange::CHANGED);
    EXPECT_EQ(c.current, b);
    t.AddOrUpdate(d, false, &c);
    EXPECT_EQ(c.flags, RtmChange::CHANGED);
    EXPECT_EQ(c.current, d);
    t.AddOrUpdate(e, false, &c);
    EXPECT_EQ(c.flags, 0U);
    // an IPX route carries no IP_VALID flag and is eligible anyway
    EXPECT_EQ(t.GetNetworkCount(), 1U);
    // the family-specific flags word is significant
    RtmRoute d2 = d;
    d2.familyData[0] = 1;
    t.AddOrUpdate(d2, false, &c);
    EXPECT_EQ(c.flags, RtmChange::CHANGED);
    EXPECT_EQ(c.previous, d);
    EXPECT_EQ(c.current, d2);
}

TEST(RtmTable, CollectWithEachFlag)
{
    RtmTable t(RtmFamily::Ip);
    RefTable model(RtmFamily::Ip);
    std::mt19937 rng(11);
    RtmChange c;
    const uint32_t protocols[] = {RIP, OSPF, STATIC};
    for (int i = 0; i < 300; ++i)
    {
        RtmRoute r = Ip(0x0A000000 | (rng() % 6) << 8,
                        24,
                        protocols[rng() % 3],
                        1 + rng() % 3,
                        rng() % 3,
                        rng() % 2,
                        rng() % 3,
                        rng() % 5 != 0);
        t.AddOrUpdate(r, false, &c);
        model.Upsert(r, false);
    }
    for (uint32_t flags = 0; flags < 16; ++flags)
    {
        for (int k = 0; k < 20; ++k)
        {
            RtmRoute crit =
                Ip(0x0A000000 | (rng() % 7) << 8, 24, protocols[rng() % 3], 1 + rng() % 4, 0, 0, 0);
            EXPECT_EQ(CollectSorted(t, flags, crit), model.Sorted(flags, crit))
                << "flags " << flags;
            // Matches agrees with Collect
            std::vector<RtmTable::Ref> all;
            t.Collect(0, RtmRoute(), &all);
            std::size_t matching = 0;
            for (const RtmTable::Ref& ref : all)
            {
                matching += t.Matches(ref, flags, crit) ? 1 : 0;
            }
            EXPECT_EQ(matching, model.Sorted(flags, crit).size());
        }
    }
}

TEST(RtmTable, NextInOrderOrdering)
{
    RtmTable t(RtmFamily::Ip);
    RtmChange c;
    // inserted out of order on purpose
    std::vector<RtmRoute> routes = {
        Ip(0x0A010000, 16, RIP, 1, 0, 120, 1),
        Ip(0x0A000000, 32, RIP, 1, 0, 120, 1),
        Ip(0x0A000000, 16, RIP, 1, 0, 120, 1),
        Ip(0x0A000000, 8, STATIC, 1, 0, 3, 1),
        Ip(0x0A000000, 8, RIP, 2, 0, 120, 1),
        Ip(0x0A000000, 8, RIP, 1, 9, 120, 1),
        Ip(0x0A000000, 8, RIP, 1, 0, 120, 1),
        Ip(0x0A000000, 24, RIP, 1, 0, 120, 1),
        Ip(0x09000000, 8, RIP, 1, 0, 120, 1),
        Ip(0x00000000, 0, RIP, 1, 0, 120, 1),
        Ip(0xFFFFFFFF, 32, RIP, 1, 0, 120, 1),
        Ip(0x0A000000, 8, OSPF, 1, 0, 110, 1, false),
    };
    for (const RtmRoute& r : routes)
    {
        t.AddOrUpdate(r, false, &c);
    }
    std::vector<RtmRoute> want = routes;
    std::sort(want.begin(), want.end(), OrderLess);
    std::vector<RtmRoute> got = WalkAll(t);
    ASSERT_EQ(got.size(), want.size());
    for (std::size_t i = 0; i < want.size(); ++i)
    {
        EXPECT_EQ(got[i], want[i]) << "position " << i;
    }
    // explicitly: same number, shorter mask first (DECISIONS 13)
    std::vector<uint32_t> masks;
    for (const RtmRoute& r : got)
    {
        if (RtmRoute::KeyAddress(r.network) == 0x0A000000 &&
            (masks.empty() || masks.back() != (r.network & 0xFFFFFFFF)))
        {
            masks.push_back(static_cast<uint32_t>(r.network));
        }
    }
    EXPECT_EQ(masks, (std::vector<uint32_t>{0xFF000000, 0xFFFF0000, 0xFFFFFF00, 0xFFFFFFFF}));
    EXPECT_EQ(got.front().network, 0U) << "0.0.0.0/0 comes first";
    EXPECT_EQ(got.back().network, RtmRoute::IpKey(0xFFFFFFFF, 0xFFFFFFFF));

    // a cursor that names no route: the next one strictly after it
    RtmRoute cursor = Ip(0x0A000000, 8, RIP, 1, 5, 0, 0);
    RtmRoute r;
    ASSERT_TRUE(t.NextInOrder(&cursor, 0, RtmRoute(), &r));
    EXPECT_EQ(r, Ip(0x0A000000, 8, RIP, 1, 9, 120, 1));
    cursor = Ip(0x0A000000, 12, RIP, 1, 0, 0, 0); // a network that does not exist
    ASSERT_TRUE(t.NextInOrder(&cursor, 0, RtmRoute(), &r));
    EXPECT_EQ(r.network, RtmRoute::IpKey(0x0A000000, 0xFFFF0000));
    cursor = Ip(0xFFFFFFFF, 32, RIP, 1, 0, 0, 0);
    EXPECT_FALSE(t.NextInOrder(&cursor, 0, RtmRoute(), &r));

    // ONLY_THIS_NETWORK walks stay in the network
    RtmRoute crit = Ip(0x0A000000, 8, 0, 0, 0, 0, 0);
    std::vector<RtmRoute> inNet = WalkAll(t, RtmTable::ONLY_THIS_NETWORK, crit);
    EXPECT_EQ(inNet.size(), 5U);
    for (const RtmRoute& x : inNet)
    {
        EXPECT_EQ(x.network, crit.network);
    }
    // ONLY_BEST_ROUTES: the best route of each network that has one
    std::vector<RtmRoute> best = WalkAll(t, RtmTable::ONLY_BEST_ROUTES, RtmRoute());
    EXPECT_EQ(best.size(), t.GetNetworkCount());
    EXPECT_EQ(best.size(), 8U);
}

TEST(RtmTable, IsValidNetwork)
{
    RtmTable ip(RtmFamily::Ip);
    EXPECT_TRUE(ip.IsValidNetwork(RtmRoute::IpKey(0, 0)));
    EXPECT_TRUE(ip.IsValidNetwork(RtmRoute::IpKey(0x0A000000, 0xFF000000)));
    EXPECT_TRUE(ip.IsValidNetwork(RtmRoute::IpKey(0x80000000, 0x80000000)));
    EXPECT_TRUE(ip.IsValidNetwork(RtmRoute::IpKey(0xFFFFFFFF, 0xFFFFFFFF)));
    EXPECT_TRUE(ip.IsValidNetwork(RtmRoute::IpKey(0x0A000001, 0xFFFFFFFF)));
    EXPECT_TRUE(ip.IsValidNetwork(RtmRoute::IpKey(0xFFFFFFFE, 0xFFFFFFFE)));
    // non-contiguous masks
    EXPECT_FALSE(ip.IsValidNetwork(RtmRoute::IpKey(0x0A000000, 0xFF00FF00)));
    EXPECT_FALSE(ip.IsValidNetwork(RtmRoute::IpKey(0x00000000, 0x00FFFFFF)));
    EXPECT_FALSE(ip.IsValidNetwork(RtmRoute::IpKey(0x00000000, 0x80000001)));
    EXPECT_FALSE(ip.IsValidNetwork(RtmRoute::IpKey(0x00000000, 0x7FFFFFFF)));
    EXPECT_FALSE(ip.IsValidNetwork(RtmRoute::IpKey(0x00000000, 0x00000001)));
    // host bits in the number
    EXPECT_FALSE(ip.IsValidNetwork(RtmRoute::IpKey(0x0A000001, 0xFFFFFF00)));
    EXPECT_FALSE(ip.IsValidNetwork(RtmRoute::IpKey(0x00000001, 0x00000000)));
    EXPECT_FALSE(ip.IsValidNetwork(RtmRoute::IpKey(0xFFFFFFFF, 0xFFFFFFFE)));
    // exhaustive over every contiguous mask and a few bad ones, against the model's rule
    std::mt19937 rng(5);
    for (int i = 0; i < 20000; ++i)
    {
        uint32_t mask = (i % 3 == 0) ? static_cast<uint32_t>(rng())
                                     : ((i % 33) == 0 ? 0 : 0xFFFFFFFFU << (32 - i % 33));
        uint32_t number = static_cast<uint32_t>(rng()) & (i % 2 ? mask : 0xFFFFFFFF);
        uint64_t key = RtmRoute::IpKey(number, mask);
        ASSERT_EQ(ip.IsValidNetwork(key), RefTable::ValidNetwork(RtmFamily::Ip, key))
            << std::hex << number << "/" << mask;
    }
    RtmTable ipx(RtmFamily::Ipx);
    EXPECT_TRUE(ipx.IsValidNetwork(0));
    EXPECT_TRUE(ipx.IsValidNetwork(0xFFFFFFFF));
    EXPECT_FALSE(ipx.IsValidNetwork(0x100000000ULL));
}

TEST(RtmTable, MemoryUsageGrowsWithRoutes)
{
    RtmTable t(RtmFamily::Ip);
    std::size_t empty = t.GetMemoryUsage();
    RtmChange c;
    std::size_t last = empty;
    std::size_t grew = 0;
    for (uint32_t i = 0; i < 20000; ++i)
    {
        RtmRoute r = Ip(0x0A000000 + (i << 8), 24, RIP, 1, i % 7, 120, i % 5);
        r.protocolData[0] = i; // distinct attributes
        t.AddOrUpdate(r, false, &c);
        if ((i + 1) % 2000 == 0)
        {
            t.LookupIp(0x0A000001 + (i << 8)); // compile some LPM chunks too
            std::size_t now = t.GetMemoryUsage();
            EXPECT_GE(now, last) << "memory shrank while routes were added";
            grew += now > last ? 1 : 0;
            last = now;
        }
    }
    EXPECT_GE(grew, 5U) << "memory usage did not follow the route count";
    EXPECT_GT(last, empty + 20000 * 16) << "less than 16 bytes per route is implausible";
    EXPECT_LT(last, empty + 20000 * 1024) << "more than 1 KiB per route";
}

TEST(RtmTable, ShrinkToFitKeepsEveryAnswerAndReleasesSpareCapacity)
{
    RtmTable t(RtmFamily::Ip);
    RtmChange c;
    std::vector<RtmTable::Ref> refs;
    const uint32_t n = 20000;
    for (uint32_t i = 0; i < n; ++i)
    {
        RtmRoute r = Ip(0x0A000000 + (i << 2), 30, i % 3 == 0 ? OSPF : RIP, 1 + i % 4, i, 120, 1);
        RtmTable::Ref ref;
        t.AddOrUpdate(r, false, &c, nullptr, &ref);
        refs.push_back(ref);
    }
    for (uint32_t i = 0; i < n; i += 97) // delete some: tombstones and free slots
    {
        ASSERT_TRUE(t.Remove(refs[i], &c));
    }
    std::vector<std::pair<bool, RtmRoute>> before;
    for (uint32_t i = 0; i < n; ++i)
    {
        RtmRoute r;
        bool found = t.LookupIpRoute(0x0A000001 + (i << 2), &r);
        before.emplace_back(found, r);
    }
    const auto all = WalkAll(t);
    const std::size_t grown = t.GetMemoryUsage();
    t.ShrinkToFit();
    const std::size_t shrunk = t.GetMemoryUsage();
    EXPECT_LT(shrunk, grown) << "nothing released";
    // 24-byte entry + 8-byte hop + 24-byte network cell at 3/4 load (32) + the interval index
    // (about 11) + the ordered index the walk built (8): 83
    EXPECT_LT(shrunk, t.GetRouteCount() * std::size_t{84})
        << "more than 84 bytes a route after ShrinkToFit";
    EXPECT_EQ(WalkAll(t), all);
    for (uint32_t i = 0; i < n; ++i)
    {
        RtmRoute r;
        bool found = t.LookupIpRoute(0x0A000001 + (i << 2), &r);
        ASSERT_EQ(found, before[i].first) << i;
        if (found)
        {
            ASSERT_EQ(r, before[i].second) << i;
        }
        ASSERT_EQ(t.IsLive(refs[i]), i % 97 != 0) << "references outlive the shrink";
    }
    // the table grows again after a shrink
    for (uint32_t i = 0; i < 1000; ++i)
    {
        RtmRoute r = Ip(0x0B000000 + (i << 8), 24, RIP, 1, 1, 120, 1);
        t.AddOrUpdate(r, false, &c);
    }
    RtmRoute r;
    ASSERT_TRUE(t.LookupIpRoute(0x0B0003E7, &r));
    EXPECT_EQ(RtmRoute::KeyAddress(r.network), 0x0B000300U);
    EXPECT_EQ(t.GetRouteCount(), n - (n + 96) / 97 + 1000);
}

TEST(RtmTable, ReserveMakesRoomOnceAndChangesNoAnswer)
{
    const uint32_t n = 5000;
    RtmTable grown(RtmFamily::Ip);
    RtmTable reserved(RtmFamily::Ip);
    RtmChange c;
    reserved.Reserve(n, n);
    const std::size_t room = reserved.GetMemoryUsage();
    EXPECT_GE(room, n * std::size_t{24 + 8 + 32}) << "entries, hops and cells at 3/4 load";
    reserved.Reserve(10, 10);
    EXPECT_EQ(reserved.GetMemoryUsage(), room) << "a smaller reservation changes nothing";
    for (uint32_t i = 0; i < n; ++i)
    {
        RtmRoute r = Ip(0x0A000000 + (i << 2), 30, i % 2 ? OSPF : RIP, 1 + i % 3, i, 120, 1);
        grown.AddOrUpdate(r, false, &c);
        reserved.AddOrUpdate(r, false, &c);
    }
    EXPECT_EQ(WalkAll(reserved), WalkAll(grown));
    for (uint32_t i = 0; i < n; ++i)
    {
        RtmRoute a;
        RtmRoute b;
        ASSERT_TRUE(grown.LookupIpRoute(0x0A000002 + (i << 2), &a));
        ASSERT_TRUE(reserved.LookupIpRoute(0x0A000002 + (i << 2), &b));
        ASSERT_EQ(a, b) << i;
    }
    reserved.ShrinkToFit();
    grown.ShrinkToFit();
    EXPECT_LE(reserved.GetMemoryUsage(), grown.GetMemoryUsage() + grown.GetMemoryUsage() / 16)
        << "a reserved table ends no larger than a grown one";
}

TEST(RtmTable, RewriteChangesProtocolAndData)
{
    RtmTable t(RtmFamily::Ip);
    RtmChange c;
    RtmRoute rip = Ip(0x0A000000, 8, RIP, 1, 1, 120, 1);
    RtmRoute ospf = Ip(0x0A000000, 8, OSPF, 1, 2, 110, 1);
    RtmTable::Ref ref;
    t.AddOrUpdate(rip, false, &c, nullptr, &ref);
    t.AddOrUpdate(ospf, false, &c);
    EXPECT_EQ(c.current, ospf);
    RtmRoute st = rip;
    st.protocol = STATIC;
    st.familyData[RtmRoute::IpPriority] = 3;
    st.ttlMs = RtmRoute::INFINITE_TTL;
    st.timeStamp = 77;
    ASSERT_TRUE(t.Rewrite(ref, st, &c));
    EXPECT_EQ(c.flags, RtmChange::CHANGED);
    EXPECT_EQ(c.previous, ospf);
    EXPECT_EQ(c.current, st);
    // the protocol lists follow
    RtmRoute crit;
    crit.protocol = RIP;
    EXPECT_TRUE(CollectSorted(t, RtmTable::ONLY_THIS_PROTOCOL, crit).empty());
    crit.protocol = STATIC;
    EXPECT_EQ(CollectSorted(t, RtmTable::ONLY_THIS_PROTOCOL, crit), std::vector<RtmRoute>{st});
    EXPECT_NE(t.Find(st, false).index, RtmTable::NONE);
    EXPECT_EQ(t.Find(rip, false).index, RtmTable::NONE);
}

/// A randomized comparison of RtmTable with RefTable.
void
RandomTableRun(RtmFamily family, uint32_t seed, int steps, bool quiet = false)
{
    SCOPED_TRACE("family " + std::to_string(static_cast<int>(family)) + " seed " +
                 std::to_string(seed));
    std::mt19937 rng(seed);
    auto rnd = [&rng](uint32_t n) { return static_cast<uint32_t>(rng() % n); };
    RtmTable t(family);
    RefTable model(family);
    std::vector<uint32_t> protocols = family == RtmFamily::Ip
                                          ? std::vector<uint32_t>{2, RIP, OSPF, STATIC}
                                          : std::vector<uint32_t>{1, 2, 0x20000, 0x20002};
    auto single = [&](uint32_t p) { return p == OSPF || p == 0x20002; };
    std::vector<uint64_t> nets;
    if (family == RtmFamily::Ip)
    {
        for (uint32_t base : {0x00000000U, 0x0A000000U, 0x0A000100U, 0x0A0001F0U, 0xFFFFFFFFU})
        {
            for (int len : {0, 8, 16, 24, 28, 32})
            {
                uint32_t m = len == 0 ? 0 : 0xFFFFFFFFU << (32 - len);
                uint64_t k = RtmRoute::IpKey(base & m, m);
                if (std::find(nets.begin(), nets.end(), k) == nets.end())
                {
                    nets.push_back(k);
                }
            }
        }
    }
    else
    {
        nets = {0, 1, 2, 7, 0x80000000, 0xFFFFFFFF};
    }
    // references handed out, with the model entry they stand for
    std::vector<std::pair<RtmTable::Ref, uint64_t>> refs;
    auto randomRoute = [&]() {
        RtmRoute r;
        r.network = nets[rnd(static_cast<uint32_t>(nets.size()))];
        r.protocol = protocols[rnd(static_cast<uint32_t>(protocols.size()))];
        r.interface = 1 + rnd(2);
        r.nextHop = static_cast<uint64_t>(rnd(3)) << 32;
        r.timeStamp = rnd(1000);
        r.ttlMs = rnd(3) == 0 ? RtmRoute::INFINITE_TTL : rnd(100000);
        r.protocolData[0] = rnd(3);
        if (family == RtmFamily::Ip)
        {
            r.familyData[RtmRoute::IpPriority] = 1 + rnd(2);
            r.familyData[RtmRoute::IpMetric] = rnd(3);
            r.familyData[RtmRoute::IpFlags] = rnd(6) == 0 ? 0 : 1;
        }
        else
        {
            r.familyData[0] = rnd(2);
            r.familyData[1] = rnd(3) | (rnd(3) << 16);
        }
        return r;
    };
    for (int step = 0; step < steps; ++step)
    {
        SCOPED_TRACE("step " + std::to_string(step));
        if (step % 37 == 36)
        {
            t.ShrinkToFit(); // between operations: the checks below see no difference
        }
        uint32_t op = rnd(10);
        RtmChange want;
        RtmChange got;
        // quiet runs pass no change record on half of the steps: nobody wants the change, and
        // the table must still end in the same state
        RtmChange* gotp = (quiet && rnd(2) == 0) ? nullptr : &got;
        if (quiet)
        {
            // hints change nothing, whether or not the network is present
            uint64_t hinted = nets[rnd(static_cast<uint32_t>(nets.size()))];
            t.Prefetch(hinted);
            t.PrefetchRoutes(hinted);
        }
        if (op < 5)
        {
            RtmRoute r = randomRoute();
            bool s = single(r.protocol);
            bool added = false;
            uint64_t uid = 0;
            RtmRoute wantPrev;
            want = model.Upsert(r, s, &added, &uid, &wantPrev);
            RtmRoute gotPrev;
            RtmTable::Ref ref;
            RtmTable::Upsert up = t.AddOrUpdate(r, s, gotp, &gotPrev, &ref);
            ASSERT_EQ(up == RtmTable::Upsert::Added, added) << r;
            if (!added)
            {
                ASSERT_EQ(gotPrev, wantPrev);
            }
            refs.emplace_back(ref, uid);
        }
        else if (op < 7)
        {
            RtmRoute r = randomRoute();
            bool s = single(r.protocol);
            RefTable::Entry* e = model.FindIdentity(r, s);
            RtmTable::Ref ref = t.Find(r, s);
            ASSERT_EQ(e != nullptr, ref.index != RtmTable::NONE) << r;
            if (!e)
            {
                continue;
            }
            RtmRoute gotRemoved;
            RtmRoute wantRemoved = e->route;
            model.Remove(e->uid, &want);
            ASSERT_TRUE(t.Remove(ref, gotp, &gotRemoved));
            ASSERT_EQ(gotRemoved, wantRemoved);
        }
        else if (op < 9 && !refs.empty())
        {
            auto [ref, uid] = refs[rnd(static_cast<uint32_t>(refs.size()))];
            bool en = rnd(2) == 0;
            bool ok = model.SetEnabled(uid, en, &want);
            ASSERT_EQ(t.SetEnabled(ref, en, gotp), ok);
            if (!ok)
            {
                continue;
            }
        }
        else if (!refs.empty())
        {
            // Rewrite: new data and maybe a new protocol (if that clashes with nothing)
            auto [ref, uid] = refs[rnd(static_cast<uint32_t>(refs.size()))];
            RefTable::Entry* e = model.FindUid(uid);
            RtmRoute nr = randomRoute();
            if (!e)
            {
                ASSERT_FALSE(t.Rewrite(ref, nr, gotp));
                continue;
            }
            RtmRoute target = e->route;
            target.protocol = nr.protocol;
            RefTable::Entry* clash = model.FindIdentity(target, single(target.protocol));
            if (clash && clash->uid != uid)
            {
                nr.protocol = e->route.protocol;
            }
            if (single(nr.protocol) && nr.protocol != e->route.protocol)
            {
                nr.protocol = e->route.protocol;
            }
            RtmRoute after = e->route;
            after.protocol = nr.protocol;
            after.familyData = nr.familyData;
            after.protocolData = nr.protocolData;
            after.timeStamp = nr.timeStamp;
            after.ttlMs = nr.ttlMs;
            want = model.Mutate(e->route.network, [&]() { model.FindUid(uid)->route = after; });
            ASSERT_TRUE(t.Rewrite(ref, nr, gotp));
        }
        else
        {
            continue;
        }
        if (gotp)
        {
            ASSERT_TRUE(SameChange(want, got))
                << "got " << ToString(got) << "\nwant " << ToString(want);
        }
        // the whole table, counts, best routes, references, Collect and LPM
        ASSERT_EQ(t.GetRouteCount(), model.GetRouteCount());
        ASSERT_EQ(t.GetNetworkCount(), model.GetNetworkCount());
        ASSERT_EQ(WalkAll(t), model.Sorted());
        for (uint64_t n : nets)
        {
            RtmRoute a;
            RtmRoute b;
            bool ga = t.GetBest(n, &a);
            ASSERT_EQ(ga, model.GetBest(n, &b)) << std::hex << n;
            if (ga)
            {
                ASSERT_EQ(a, b);
            }
        }
        for (int k = 0; k < 4 && !refs.empty(); ++k)
        {
            auto [ref, uid] = refs[rnd(static_cast<uint32_t>(refs.size()))];
            const RefTable::Entry* e = model.FindUid(uid);
            ASSERT_EQ(t.IsLive(ref), e != nullptr);
            ASSERT_EQ(t.IsBest(ref), model.IsBest(uid));
            if (e)
            {
                RtmRoute r;
                ASSERT_TRUE(t.Get(ref, &r));
                ASSERT_EQ(r, e->route);
            }
        }
        uint32_t flags = rnd(16);
        RtmRoute crit = randomRoute();
        ASSERT_EQ(CollectSorted(t, flags, crit), model.Sorted(flags, crit)) << "flags " << flags;
        ASSERT_EQ(WalkAll(t, flags, crit), model.Sorted(flags, crit)) << "flags " << flags;
        if (family == RtmFamily::Ip)
        {
            for (int k = 0; k < 4; ++k)
            {
                uint64_t n = nets[rnd(static_cast<uint32_t>(nets.size()))];
                uint32_t addr = RtmRoute::KeyAddress(n) |
                                (static_cast<uint32_t>(rng()) & ~static_cast<uint32_t>(n));
                RtmRoute want2;
                bool w = model.LookupIp(addr, &want2);
                RtmTable::Ref ref = t.LookupIp(addr);
                ASSERT_EQ(ref.index != RtmTable::NONE, w) << std::hex << addr;
                RtmRoute direct;
                ASSERT_EQ(t.LookupIpRoute(addr, &direct), w) << std::hex << addr;
                if (w)
                {
                    RtmRoute g;
                    ASSERT_TRUE(t.Get(ref, &g));
                    ASSERT_EQ(g, want2) << std::hex << addr;
                    ASSERT_EQ(direct, want2) << std::hex << addr;
                }
            }
        }
    }
}

TEST(RtmTable, RandomizedAgainstModelIp)
{
    for (uint32_t seed : {1U, 2U, 3U})
    {
        RandomTableRun(RtmFamily::Ip, seed, 3000);
        if (HasFailure())
        {
            return;
        }
    }
}

TEST(RtmTable, RandomizedWithoutChangeRecordsAgainstModel)
{
    for (RtmFamily family : {RtmFamily::Ip, RtmFamily::Ipx})
    {
        RandomTableRun(family, 7, 3000, true);
        if (HasFailure())
        {
            return;
        }
    }
}

TEST(RtmTable, RandomizedAgainstModelIpx)
{
    for (uint32_t seed : {1U, 2U})
    {
        RandomTableRun(RtmFamily::Ipx, seed, 3000);
        if (HasFailure())
        {
            return;
        }
    }
}

} // namespace
