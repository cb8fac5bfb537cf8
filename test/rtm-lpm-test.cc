/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

/**
 * @file
 * @ingroup rtm-tests
 * ns3::RtmLpmIndex, exercised through RtmTable::LookupIp and compared with naive longest-prefix
 * matches: random nested prefix sets of every length, the default route, host routes, edge and
 * chunk-boundary addresses, networks without a best route, and a table grown to 100,000 prefixes
 * and shrunk to a handful (the index changes its chunk size both ways on the way).
 */

#include "rtm-reference-model.h"

#include "ns3/rtm-table.h"

#include <gtest/gtest.h>
#include <map>
#include <random>
#include <set>
#include <unordered_map>
#include <vector>

namespace
{

using namespace ns3;

inline uint32_t
MaskOf(int len)
{
    return len == 0 ? 0 : 0xFFFFFFFFU << (32 - len);
}

/**
 * A table and a naive mirror of its networks: per prefix, whether it has a best route and which
 * route that is. Lookups are checked two ways: a linear scan (small sets) and a per-length hash
 * probe (large sets), both obviously correct.
 */
class LpmFixture
{
  public:
    LpmFixture()
        : m_table(RtmFamily::Ip)
    {
    }

    /// Add (or update) a route of protocol 8 on interface `iface`.
    void Add(uint32_t addr, int len, uint32_t iface = 1, bool valid = true, uint32_t metric = 1)
    {
        RtmRoute r;
        r.network = RtmRoute::IpKey(addr & MaskOf(len), MaskOf(len));
        r.protocol = 8;
        r.interface = iface;
        r.familyData[RtmRoute::IpPriority] = 10;
        r.familyData[RtmRoute::IpMetric] = metric;
        r.familyData[RtmRoute::IpFlags] = valid ? RtmRoute::IP_VALID : 0;
        RtmChange c;
        m_table.AddOrUpdate(r, false, &c);
        Refresh(r.network);
    }

    /// Remove the route of protocol 8 on interface `iface`; false if there was none.
    bool Remove(uint32_t addr, int len, uint32_t iface = 1)
    {
        RtmRoute r;
        r.network = RtmRoute::IpKey(addr & MaskOf(len), MaskOf(len));
        r.protocol = 8;
        r.interface = iface;
        RtmTable::Ref ref = m_table.Find(r, false);
        if (ref.index == RtmTable::NONE)
        {
            return false;
        }
        RtmChange c;
        EXPECT_TRUE(m_table.Remove(ref, &c));
        Refresh(r.network);
        return true;
    }

    /// Enable or disable every route of a network.
    void SetEnabled(uint32_t addr, int len, bool enabled)
    {
        RtmRoute crit;
        crit.network = RtmRoute::IpKey(addr & MaskOf(len), MaskOf(len));
        std::vector<RtmTable::Ref> refs;
        m_table.Collect(RtmTable::ONLY_THIS_NETWORK, crit, &refs);
        for (const RtmTable::Ref& ref : refs)
        {
            RtmChange c;
            m_table.SetEnabled(ref, enabled, &c);
        }
        Refresh(crit.network);
    }

    /// The naive answer: the best route of the longest prefix with a best route, by hash probes.
    bool Naive(uint32_t addr, RtmRoute* best) const
    {
        for (int len = 32; len >= 0; --len)
        {
            auto it = m_best.find(RtmRoute::IpKey(addr & MaskOf(len), MaskOf(len)));
            if (it != m_best.end())
            {
                *best = it->second;
                return true;
            }
        }
        return false;
    }

    /// The naive answer by a linear scan over every network with a best route.
    bool Linear(uint32_t addr, RtmRoute* best) const
    {
        bool found = false;
        uint32_t bestMask = 0;
        for (const auto& [key, route] : m_best)
        {
            uint32_t number = RtmRoute::KeyAddress(key);
            uint32_t mask = static_cast<uint32_t>(key);
            if ((addr & mask) == number && (!found || mask > bestMask))
            {
                found = true;
                bestMask = mask;
                *best = route;
            }
        }
        return found;
    }

    /// Check one address; returns false (with a failure) on a mismatch.
    bool Check(uint32_t addr, bool linear = false)
    {
        RtmRoute want;
        bool w = linear ? Linear(addr, &want) : Naive(addr, &want);
        RtmTable::Ref ref = m_table.LookupIp(addr);
        bool g = ref.index != RtmTable::NONE;
        RtmRoute got;
        if (g && !m_table.Get(ref, &got))
        {
            ADD_FAILURE() << "LookupIp returned a stale reference for " << std::hex << addr;
            return false;
        }
        if (w != g || (w && got != want))
        {
            ADD_FAILURE() << "LookupIp(" << std::hex << addr << std::dec << ") = " << g << " "
                          << (g ? rtmref::ToString(got) : "") << ", expected " << w << " "
                          << (w ? rtmref::ToString(want) : "") << " (" << m_best.size()
                          << " networks with a best route)";
            return false;
        }
        return true;
    }

    /// @return the table
    RtmTable& Table()
    {
        return m_table;
    }

    /// @return networks with a best route
    std::size_t BestCount() const
    {
        return m_best.size();
    }

    /// @return the keys of networks with a best route
    std::vector<uint64_t> Keys() const
    {
        std::vector<uint64_t> out;
        for (const auto& [k, r] : m_best)
        {
            out.push_back(k);
        }
        return out;
    }

  private:
    void Refresh(uint64_t key)
    {
        RtmRoute best;
        if (m_table.GetBest(key, &best))
        {
            m_best[key] = best;
        }
        else
        {
            m_best.erase(key);
        }
    }

    RtmTable m_table;                    //!< the table
    std::map<uint64_t, RtmRoute> m_best; //!< network -> its best route
};

/// Addresses worth probing around a prefix: its ends, just outside, random inside.
std::vector<uint32_t>
Probes(uint32_t number, int len, std::mt19937& rng)
{
    uint32_t mask = MaskOf(len);
    uint32_t last = number | ~mask;
    return {number,
            last,
            number - 1,
            last + 1,
            number | (static_cast<uint32_t>(rng()) & ~mask),
            number | (static_cast<uint32_t>(rng()) & ~mask)};
}

/// Chunk boundaries of every chunk size the index may use (K = 4..18), near a few prefixes.
std::vector<uint32_t>
ChunkBoundaries(std::mt19937& rng)
{
    std::vector<uint32_t> out = {0, 0xFFFFFFFF, 0x80000000, 0x7FFFFFFF};
    for (int k = 4; k <= 18; ++k)
    {
        for (int i = 0; i < 4; ++i)
        {
            uint32_t chunk = static_cast<uint32_t>(rng()) >> (32 - k);
            uint32_t start = chunk << (32 - k);
            out.push_back(start);
            out.push_back(start - 1);
            out.push_back(start + (1U << (32 - k)) - 1);
        }
    }
    return out;
}

TEST(RtmLpm, EdgeAddressesAndDefaultRoute)
{
    LpmFixture f;
    EXPECT_TRUE(f.Check(0));
    EXPECT_TRUE(f.Check(0xFFFFFFFF));
    f.Add(0, 0, 1); // default route
    f.Add(0xFFFFFFFF, 32, 2);
    f.Add(0, 32, 3);
    f.Add(0x80000000, 1, 4);
    f.Add(0x7FFFFFFF, 32, 5);
    std::mt19937 rng(1);
    for (uint32_t a : ChunkBoundaries(rng))
    {
        ASSERT_TRUE(f.Check(a, true));
    }
    for (uint32_t a : {0U, 1U, 0x7FFFFFFEU, 0x7FFFFFFFU, 0x80000000U, 0xFFFFFFFEU, 0xFFFFFFFFU})
    {
        ASSERT_TRUE(f.Check(a, true));
    }
    RtmRoute r;
    ASSERT_NE(f.Table().LookupIp(0xFFFFFFFF).index, RtmTable::NONE);
    f.Table().Get(f.Table().LookupIp(0xFFFFFFFF), &r);
    EXPECT_EQ(r.interface, 2U);
    f.Table().Get(f.Table().LookupIp(0xFFFFFFFE), &r);
    EXPECT_EQ(r.interface, 4U);
    f.Table().Get(f.Table().LookupIp(1), &r);
    EXPECT_EQ(r.interface, 1U);
    f.Table().Get(f.Table().LookupIp(0), &r);
    EXPECT_EQ(r.interface, 3U);
    // removing the default route leaves the left half uncovered except 0.0.0.0/32
    EXPECT_TRUE(f.Remove(0, 0, 1));
    EXPECT_EQ(f.Table().LookupIp(1).index, RtmTable::NONE);
    EXPECT_NE(f.Table().LookupIp(0).index, RtmTable::NONE);
    for (uint32_t a : ChunkBoundaries(rng))
    {
        ASSERT_TRUE(f.Check(a, true));
    }
}

TEST(RtmLpm, NetworksWithoutBestRouteAreSkipped)
{
    LpmFixture f;
    f.Add(0x0A000000, 8, 1);
    f.Add(0x0A010000, 16, 2, false); // only an invalid route: no best route
    f.Add(0x0A010100, 24, 3);
    f.SetEnabled(0x0A010100, 24, false); // only a disabled route: no best route
    f.Add(0x0A010101, 32, 4, false);
    RtmRoute r;
    for (uint32_t a : {0x0A010101U, 0x0A010105U, 0x0A01FFFFU, 0x0A000001U})
    {
        ASSERT_TRUE(f.Check(a, true));
        ASSERT_TRUE(f.Table().Get(f.Table().LookupIp(a), &r));
        EXPECT_EQ(r.interface, 1U) << std::hex << a << ": the covering /8 must answer";
    }
    // the /16 gets a valid route: it answers for its range, the /24 is still skipped
    f.Add(0x0A010000, 16, 5);
    ASSERT_TRUE(f.Table().Get(f.Table().LookupIp(0x0A010105), &r));
    EXPECT_EQ(r.interface, 5U);
    // the /24 is enabled again
    f.SetEnabled(0x0A010100, 24, true);
    ASSERT_TRUE(f.Table().Get(f.Table().LookupIp(0x0A010105), &r));
    EXPECT_EQ(r.interface, 3U);
    // the /8 goes: addresses outside the /16 are not covered
    EXPECT_TRUE(f.Remove(0x0A000000, 8, 1));
    EXPECT_EQ(f.Table().LookupIp(0x0A000001).index, RtmTable::NONE);
    // the valid /16 route goes; the invalid one stays: the /16 has no best route again
    EXPECT_TRUE(f.Remove(0x0A010000, 16, 5));
    EXPECT_EQ(f.Table().LookupIp(0x0A01FFFF).index, RtmTable::NONE);
    ASSERT_TRUE(f.Table().Get(f.Table().LookupIp(0x0A010105), &r));
    EXPECT_EQ(r.interface, 3U);
    // the best route of a network changes: the lookup follows
    f.Add(0x0A010100, 24, 6, true, 0); // lower metric: new best
    ASSERT_TRUE(f.Table().Get(f.Table().LookupIp(0x0A010105), &r));
    EXPECT_EQ(r.interface, 6U);
    std::mt19937 rng(3);
    for (uint32_t a : ChunkBoundaries(rng))
    {
        ASSERT_TRUE(f.Check(a, true));
    }
}

TEST(RtmLpm, RandomNestedPrefixesInterleaved)
{
    for (uint32_t seed : {1U, 2U, 3U, 4U})
    {
        SCOPED_TRACE("seed " + std::to_string(seed));
        std::mt19937 rng(seed);
        LpmFixture f;
        // a few "trees": random roots with nested prefixes of every length
        std::vector<uint32_t> roots;
        for (int i = 0; i < 6; ++i)
        {
            roots.push_back(static_cast<uint32_t>(rng()));
        }
        roots.push_back(0);
        roots.push_back(0xFFFFFFFF);
        std::vector<std::pair<uint32_t, int>> live;
        for (int step = 0; step < 6000; ++step)
        {
            uint32_t op = rng() % 10;
            if (op < 6 || live.empty())
            {
                uint32_t root = roots[rng() % roots.size()];
                int len = static_cast<int>(rng() % 33);
                // vary the low bits a little so siblings appear too
                uint32_t addr = root ^ (len > 0 && rng() % 2 ? (1U << (32 - len)) : 0);
                uint32_t iface = 1 + rng() % 2;
                bool valid = rng() % 5 != 0;
                f.Add(addr, len, iface, valid, rng() % 3);
                live.emplace_back(addr & MaskOf(len), len);
                for (uint32_t a : Probes(addr & MaskOf(len), len, rng))
                {
                    ASSERT_TRUE(f.Check(a, step % 4 == 0));
                }
            }
            else if (op < 9)
            {
                std::size_t i = rng() % live.size();
                auto [addr, len] = live[i];
                f.Remove(addr, len, 1 + rng() % 2);
                for (uint32_t a : Probes(addr, len, rng))
                {
                    ASSERT_TRUE(f.Check(a, step % 4 == 0));
                }
            }
            else
            {
                auto [addr, len] = live[rng() % live.size()];
                f.SetEnabled(addr, len, rng() % 2 == 0);
                for (uint32_t a : Probes(addr, len, rng))
                {
                    ASSERT_TRUE(f.Check(a));
                }
            }
            ASSERT_TRUE(f.Check(static_cast<uint32_t>(rng())));
        }
        for (uint32_t a : ChunkBoundaries(rng))
        {
            ASSERT_TRUE(f.Check(a, true));
        }
    }
}

TEST(RtmLpm, GrowTo100kThenShrinkToAFew)
{
    std::mt19937 rng(42);
    LpmFixture f;
    std::vector<std::pair<uint32_t, int>> prefixes;
    std::set<uint64_t> keys;
    auto randomPrefix = [&rng]() {
        uint32_t r = rng() % 100;
        // mostly /16../32 (the usual table), some short ones, a few /0../8
        int len = r < 5 ? static_cast<int>(rng() % 9) : (r < 20 ? 9 + rng() % 7 : 16 + rng() % 17);
        uint32_t addr = static_cast<uint32_t>(rng()) & MaskOf(len);
        return std::make_pair(addr, len);
    };
    auto probeAll = [&](int n) {
        for (int i = 0; i < n; ++i)
        {
            uint32_t a;
            if (i % 2 == 0 && !prefixes.empty())
            {
                auto [addr, len] = prefixes[rng() % prefixes.size()];
                a = addr | (static_cast<uint32_t>(rng()) & ~MaskOf(len));
            }
            else
            {
                a = static_cast<uint32_t>(rng());
            }
            if (!f.Check(a))
            {
                return false;
            }
        }
        for (uint32_t a : ChunkBoundaries(rng))
        {
            if (!f.Check(a))
            {
                return false;
            }
        }
        return true;
    };
    std::size_t memSmall = 0;
    // grow, checking along the way (every chunk size from 4 to 15 bits is passed)
    while (prefixes.size() < 100000)
    {
        auto p = randomPrefix();
        if (!keys.insert(RtmRoute::IpKey(p.first, MaskOf(p.second))).second)
        {
            continue;
        }
        f.Add(p.first, p.second, 1 + rng() % 2, rng() % 10 != 0);
        prefixes.push_back(p);
        std::size_t n = prefixes.size();
        if ((n & (n - 1)) == 0 || n % 10000 == 0)
        {
            ASSERT_TRUE(probeAll(n < 1000 ? 200 : 1000)) << n << " prefixes";
        }
        if (n == 64)
        {
            memSmall = f.Table().GetMemoryUsage();
        }
    }
    ASSERT_TRUE(probeAll(20000));
    std::size_t memBig = f.Table().GetMemoryUsage();
    EXPECT_GT(memBig, memSmall + 100000 * 16) << "memory does not grow with 100k prefixes";
    // shrink with interleaved inserts, so that the index re-sizes downwards too
    std::shuffle(prefixes.begin(), prefixes.end(), rng);
    while (prefixes.size() > 5)
    {
        for (int k = 0; k < 3 && prefixes.size() > 5; ++k)
        {
            auto [addr, len] = prefixes.back();
            prefixes.pop_back();
            keys.erase(RtmRoute::IpKey(addr, MaskOf(len)));
            // a prefix may carry one route on either interface: remove both
            bool any = f.Remove(addr, len, 1);
            any = f.Remove(addr, len, 2) || any;
            ASSERT_TRUE(any);
        }
        auto p = randomPrefix();
        if (keys.insert(RtmRoute::IpKey(p.first, MaskOf(p.second))).second)
        {
            f.Add(p.first, p.second, 1, true);
            prefixes.push_back(p);
        }
        std::size_t n = prefixes.size();
        if ((n & (n - 1)) == 0 || n % 10000 == 0)
        {
            ASSERT_TRUE(probeAll(n < 1000 ? 300 : 1000)) << n << " prefixes left";
        }
    }
    ASSERT_TRUE(probeAll(5000));
    for (auto [addr, len] : prefixes)
    {
        ASSERT_TRUE(f.Remove(addr, len, 1) || f.Remove(addr, len, 2));
    }
    EXPECT_EQ(f.Table().GetRouteCount(), 0U);
    ASSERT_TRUE(probeAll(1000));
    // and it still works from empty
    f.Add(0x0A000000, 8, 1);
    f.Add(0, 0, 2);
    ASSERT_TRUE(probeAll(1000));
}

TEST(RtmLpm, ManyHostRoutesInOneChunk)
{
    // thousands of /32s under one /16 and a /0: long interval runs in one chunk
    LpmFixture f;
    f.Add(0, 0, 9);
    f.Add(0xC0A80000, 16, 8);
    std::mt19937 rng(9);
    for (uint32_t i = 0; i < 5000; ++i)
    {
        f.Add(0xC0A80000 | (i * 13 % 65536), 32, 1 + i % 2);
    }
    for (uint32_t i = 0; i < 65536; i += 7)
    {
        ASSERT_TRUE(f.Check(0xC0A80000 | i));
    }
    for (uint32_t i = 0; i < 5000; i += 2)
    {
        f.Remove(0xC0A80000 | (i * 13 % 65536), 32, 1 + i % 2);
    }
    for (uint32_t i = 0; i < 65536; i += 5)
    {
        ASSERT_TRUE(f.Check(0xC0A80000 | i));
    }
    ASSERT_TRUE(f.Check(0xC0A7FFFF));
    ASSERT_TRUE(f.Check(0xC0A90000));
}

} // namespace
