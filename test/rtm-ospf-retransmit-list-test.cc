/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RtmOspfRetransmitList against a std::map reference under random operation sequences.
 */

#include "ns3/rtm-ospf-retransmit-list.h"

#include <gtest/gtest.h>
#include <map>
#include <random>

using namespace ns3;

namespace
{

using Pending = RtmOspfRetransmitList::Pending;

bool
Same(const Pending& a, const Pending& b)
{
    return a.sequence == b.sequence && a.checksum == b.checksum && a.flushed == b.flushed &&
           a.sentAt == b.sentAt;
}

/// Every reference entry is found with its instance, and the sizes agree.
void
ExpectSameContents(const RtmOspfRetransmitList& list, const std::map<uint64_t, Pending>& model)
{
    ASSERT_EQ(list.GetSize(), model.size());
    ASSERT_EQ(list.IsEmpty(), model.empty());
    for (const auto& [key, p] : model)
    {
        const Pending* got = list.Find(key);
        ASSERT_NE(got, nullptr) << key;
        ASSERT_TRUE(Same(*got, p)) << key;
    }
}

} // namespace

TEST(RtmOspfRetransmitList, RandomisedAgainstAMap)
{
    for (uint32_t seed = 1; seed <= 20; ++seed)
    {
        std::mt19937_64 rng(seed);
        RtmOspfRetransmitList list;
        std::map<uint64_t, Pending> model;
        // few distinct keys (collisions, runs, deletions inside runs), router ids and network
        // keys, and some far apart
        std::uniform_int_distribution<uint32_t> op(0, 99);
        const uint64_t keySpace = seed % 2 ? 64 : 5000;
        auto randomKey = [&]() -> uint64_t {
            uint64_t k = rng() % keySpace;
            switch (rng() % 4)
            {
            case 0:
                return k;
            case 1:
                return (uint64_t{2} << 32) | (0x0A000000u + k);
            case 2:
                return 0xFFFFFFFFu - k;
            default:
                return k * 65536;
            }
        };
        for (uint32_t step = 0; step < 20000; ++step)
        {
            const uint32_t o = op(rng);
            const uint64_t key = randomKey();
            if (o < 45)
            {
                Pending p{static_cast<uint32_t>(rng()),
                          static_cast<uint16_t>(rng()),
                          rng() % 2 == 0,
                          NanoSeconds(static_cast<int64_t>(rng() % 1000000))};
                list.Set(key, p);
                model[key] = p;
            }
            else if (o < 85)
            {
                ASSERT_EQ(list.Erase(key), model.erase(key) == 1) << "seed " << seed;
            }
            else if (o < 95)
            {
                const Pending* got = list.Find(key);
                auto it = model.find(key);
                ASSERT_EQ(got != nullptr, it != model.end()) << "seed " << seed;
                if (got)
                {
                    ASSERT_TRUE(Same(*got, it->second));
                }
            }
            else if (o < 99)
            {
                // remove a random third, touch the rest (as the retransmission scan does)
                std::map<uint64_t, Pending> seen;
                const Time now = NanoSeconds(static_cast<int64_t>(step));
                list.EraseIf([&](uint64_t k, Pending& p) {
                    EXPECT_EQ(seen.count(k), 0u) << "visited twice";
                    seen[k] = p;
                    if (k % 3 == seed % 3)
                    {
                        return true;
                    }
                    p.sentAt = now;
                    return false;
                });
                ASSERT_EQ(seen.size(), model.size()) << "every entry visited once";
                for (auto it = model.begin(); it != model.end();)
                {
                    if (it->first % 3 == seed % 3)
                    {
                        it = model.erase(it);
                    }
                    else
                    {
                        it->second.sentAt = now;
                        ++it;
                    }
                }
            }
            else
            {
                list.Clear();
                model.clear();
                ASSERT_EQ(list.GetMemoryUsage(), 0u) << "Clear gives the memory back";
            }
            if (step % 1000 == 0)
            {
                ExpectSameContents(list, model);
            }
        }
        ExpectSameContents(list, model);
    }
}

TEST(RtmOspfRetransmitList, GivesItsMemoryBackAfterABurst)
{
    RtmOspfRetransmitList list;
    for (uint64_t k = 0; k < 10000; ++k)
    {
        list.Set(k, Pending{1, 2, false, Seconds(1)});
    }
    EXPECT_EQ(list.GetSize(), 10000u);
    EXPECT_LE(list.GetMemoryUsage(), 16384u * 24) << "24-byte cells, at most 3/4 full";
    EXPECT_GE(list.GetMemoryUsage(), 10000u * 24);
    for (uint64_t k = 0; k < 9990; ++k)
    {
        ASSERT_TRUE(list.Erase(k));
    }
    EXPECT_LE(list.GetMemoryUsage(), 1024u * 24) << "shrinks as it empties";
    for (uint64_t k = 9990; k < 10000; ++k)
    {
        ASSERT_NE(list.Find(k), nullptr) << k;
        ASSERT_TRUE(list.Erase(k));
    }
    EXPECT_TRUE(list.IsEmpty());
    EXPECT_EQ(list.GetMemoryUsage(), 0u) << "an emptied list holds nothing";
    EXPECT_FALSE(list.Erase(5));
    EXPECT_EQ(list.Find(5), nullptr);
}
