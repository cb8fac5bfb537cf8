/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#include "rtm-ospf-lsa-store.h"

#include "ns3/log.h"

#include <algorithm>
#include <cstring>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmOspfLsaStore");

NS_OBJECT_ENSURE_REGISTERED(RtmOspfLsaStore);

namespace
{
/// Bytes at the start of a serialized LSA that hold its age.
constexpr uint32_t AGE_BYTES = 2;
/// The map size below which no sweep happens.
constexpr std::size_t MIN_SWEEP = 1024;
} // namespace

TypeId
RtmOspfLsaStore::GetTypeId()
{
    static TypeId tid = TypeId("ns3::RtmOspfLsaStore")
                            .SetParent<Object>()
                            .SetGroupName("Rtm")
                            .AddConstructor<RtmOspfLsaStore>();
    return tid;
}

RtmOspfLsaStore::RtmOspfLsaStore()
    : m_sweepAt(MIN_SWEEP),
      m_hits(0),
      m_misses(0),
      m_collisions(0)
{
}

RtmOspfLsaStore::~RtmOspfLsaStore() = default;

std::size_t
RtmOspfLsaStore::KeyHash::operator()(const Key& k) const
{
    uint64_t h = (uint64_t{k.advRouter} << 32 | k.sequence) * 0x9E3779B97F4A7C15ULL;
    h ^= (uint64_t{k.checksum} << 8 | k.type) * 0xC2B2AE3D27D4EB4FULL;
    return static_cast<std::size_t>(h ^ (h >> 29));
}

std::shared_ptr<const RtmOspfLsa>
RtmOspfLsaStore::MakeBody(const RtmOspfLsa& lsa)
{
    auto body = std::make_shared<RtmOspfLsa>(lsa);
    body->age = 0;
    body->links.shrink_to_fit();
    body->attached.shrink_to_fit();
    return body;
}

bool
RtmOspfLsaStore::SameContent(const RtmOspfLsa& a, const RtmOspfLsa& b)
{
    const uint32_t size = a.GetSerializedSize();
    if (size != b.GetSerializedSize())
    {
        return false;
    }
    m_bytesA.assign(size, 0);
    m_bytesB.assign(size, 0);
    a.Write(m_bytesA.data());
    b.Write(m_bytesB.data());
    return size <= AGE_BYTES || std::memcmp(m_bytesA.data() + AGE_BYTES,
                                            m_bytesB.data() + AGE_BYTES,
                                            size - AGE_BYTES) == 0;
}

std::shared_ptr<const RtmOspfLsa>
RtmOspfLsaStore::Intern(const RtmOspfLsa& lsa)
{
    const Key key{lsa.advRouter, lsa.sequence, lsa.checksum, lsa.type};
    auto [it, fresh] = m_bodies.try_emplace(key);
    if (!fresh)
    {
        if (std::shared_ptr<const RtmOspfLsa> body = it->second.lock())
        {
            if (SameContent(*body, lsa))
            {
                ++m_hits;
                return body;
            }
            ++m_collisions; // keep the body others hold; this one stays unshared
            NS_LOG_LOGIC("LSA of " << lsa.advRouter << " seq " << lsa.sequence
                                   << " differs from the stored instance with the same key");
            return MakeBody(lsa);
        }
    }
    std::shared_ptr<const RtmOspfLsa> body = MakeBody(lsa);
    it->second = body;
    ++m_misses;
    if (m_bodies.size() >= m_sweepAt)
    {
        Sweep();
    }
    return body;
}

void
RtmOspfLsaStore::Sweep()
{
    for (auto it = m_bodies.begin(); it != m_bodies.end();)
    {
        it = it->second.expired() ? m_bodies.erase(it) : std::next(it);
    }
    m_sweepAt = std::max(MIN_SWEEP, 2 * m_bodies.size());
}

std::size_t
RtmOspfLsaStore::GetSize() const
{
    return m_bodies.size();
}

uint64_t
RtmOspfLsaStore::GetHits() const
{
    return m_hits;
}

uint64_t
RtmOspfLsaStore::GetMisses() const
{
    return m_misses;
}

uint64_t
RtmOspfLsaStore::GetCollisions() const
{
    return m_collisions;
}

std::size_t
RtmOspfLsaStore::GetMemoryUsage() const
{
    // a node: key, weak pointer, next pointer and cached hash; plus one bucket pointer
    return m_bodies.size() * (sizeof(Key) + sizeof(std::weak_ptr<const RtmOspfLsa>) + 16) +
           m_bodies.bucket_count() * sizeof(void*);
}

} // namespace ns3
