/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#include "rtm-ospf-lsa.h"

#include "rtm-ospf-bytes.h"

#include "ns3/ipv4-address.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmOspfLsa");

namespace
{

/// @return true if mask is a contiguous run of ones from the top bit
bool
ContiguousMask(uint32_t mask)
{
    uint32_t inverted = ~mask;
    return (inverted & (inverted + 1)) == 0;
}

} // namespace

uint32_t
RtmOspfLsa::GetSerializedSize() const
{
    if (type == NETWORK_LSA)
    {
        return HEADER_SIZE + NETWORK_FIXED + 4 * static_cast<uint32_t>(attached.size());
    }
    return HEADER_SIZE + ROUTER_FIXED + LINK_SIZE * static_cast<uint32_t>(links.size());
}

void
RtmOspfLsa::Write(uint8_t* out) const
{
    uint32_t length = GetSerializedSize();
    RtmOspfBytes::Put16(out, age);
    out[2] = options;
    out[3] = type;
    RtmOspfBytes::Put32(out + 4, GetLinkStateId());
    RtmOspfBytes::Put32(out + 8, advRouter);
    RtmOspfBytes::Put32(out + 12, sequence);
    RtmOspfBytes::Put16(out + CHECKSUM_OFFSET, checksum);
    RtmOspfBytes::Put16(out + 18, static_cast<uint16_t>(length));
    if (type == NETWORK_LSA)
    {
        RtmOspfBytes::Put32(out + HEADER_SIZE, networkMask);
        uint8_t* p = out + HEADER_SIZE + NETWORK_FIXED;
        for (uint32_t r : attached)
        {
            RtmOspfBytes::Put32(p, r);
            p += 4;
        }
        return;
    }
    out[20] = 0; // flags V, E, B: none (single area, no virtual links, no externals)
    out[21] = 0;
    RtmOspfBytes::Put16(out + 22, static_cast<uint16_t>(links.size()));
    uint8_t* p = out + HEADER_SIZE + ROUTER_FIXED;
    for (const Link& l : links)
    {
        RtmOspfBytes::Put32(p, l.id);
        RtmOspfBytes::Put32(p + 4, l.data);
        p[8] = l.type;
        p[9] = 0; // no TOS metrics
        RtmOspfBytes::Put16(p + 10, l.metric);
        p += LINK_SIZE;
    }
}

uint16_t
RtmOspfLsa::Fletcher(const uint8_t* data, uint32_t size, uint32_t offset)
{
    // RFC 905 annex B.2, with the checksum octets at positions n = offset + 1 and n + 1 (1-based)
    int64_t c0 = 0;
    int64_t c1 = 0;
    for (uint32_t i = 0; i < size; ++i)
    {
        c0 = (c0 + data[i]) % 255;
        c1 = (c1 + c0) % 255;
    }
    int64_t tail = static_cast<int64_t>(size) - (offset + 1); // L - n
    int64_t x = ((tail * c0 - c1) % 255 + 255) % 255;
    int64_t y = ((c1 - (tail + 1) * c0) % 255 + 255) % 255;
    x = x == 0 ? 255 : x;
    y = y == 0 ? 255 : y;
    return static_cast<uint16_t>((x << 8) | y);
}

bool
RtmOspfLsa::FletcherVerifies(const uint8_t* data, uint32_t size)
{
    uint32_t c0 = 0;
    uint32_t c1 = 0;
    for (uint32_t i = 0; i < size; ++i)
    {
        c0 = (c0 + data[i]) % 255;
        c1 = (c1 + c0) % 255;
    }
    return c0 == 0 && c1 == 0;
}

bool
RtmOspfLsa::SequenceNewer(uint32_t aSequence, uint32_t bSequence)
{
    return static_cast<int32_t>(aSequence) > static_cast<int32_t>(bSequence);
}

uint16_t
RtmOspfLsa::ComputeChecksum() const
{
    std::vector<uint8_t> bytes(GetSerializedSize());
    RtmOspfLsa copy = *this;
    copy.checksum = 0;
    copy.Write(bytes.data());
    return Fletcher(bytes.data() + 2, static_cast<uint32_t>(bytes.size() - 2), CHECKSUM_OFFSET - 2);
}

void
RtmOspfLsa::UpdateChecksum()
{
    checksum = ComputeChecksum();
}

bool
RtmOspfLsa::Read(const uint8_t* in,
                 uint32_t size,
                 uint32_t maxLinks,
                 uint16_t maxAge,
                 RtmOspfLsa* lsa,
                 uint32_t* consumed,
                 RtmOspfDropReason* reason)
{
    if (size < HEADER_SIZE)
    {
        *reason = RtmOspfDropReason::BadLength;
        return false;
    }
    uint16_t length = RtmOspfBytes::Get16(in + 18);
    if (length < HEADER_SIZE || length > size || length % 4 != 0)
    {
        *reason = RtmOspfDropReason::BadLength;
        return false;
    }
    if (in[3] == NETWORK_LSA)
    {
        return ReadNetwork(in, length, maxLinks, maxAge, lsa, consumed, reason);
    }
    if (in[3] != ROUTER_LSA)
    {
        *consumed = length; // RFC 2328 13 (2): an unknown LS type is discarded, the rest used
        *reason = RtmOspfDropReason::BadLsaType;
        return false;
    }
    if (length < HEADER_SIZE + ROUTER_FIXED)
    {
        *reason = RtmOspfDropReason::BadLength;
        return false;
    }
    uint16_t count = RtmOspfBytes::Get16(in + 22);
    if (count > maxLinks)
    {
        *reason = RtmOspfDropReason::TooManyLinks;
        return false;
    }
    if (!FletcherVerifies(in + 2, length - 2u))
    {
        *reason = RtmOspfDropReason::BadLsaChecksum;
        return false;
    }
    ReadHeader(in, lsa);
    if (lsa->linkStateId != lsa->advRouter)
    {
        *reason = RtmOspfDropReason::BadRouterId; // a router-LSA's id is its router's
        return false;
    }
    lsa->linkStateId = 0; // implied by the advertising router (RtmOspfLsa::linkStateId)
    lsa->networkMask = 0;
    lsa->attached.clear();
    if (!ReadLinks(in, length, count, lsa))
    {
        *reason = RtmOspfDropReason::BadLength;
        return false;
    }
    if (!lsa->IsValid(maxLinks, maxAge, reason))
    {
        return false;
    }
    *consumed = length;
    return true;
}

bool
RtmOspfLsa::ReadNetwork(const uint8_t* in,
                        uint32_t length,
                        uint32_t maxLinks,
                        uint16_t maxAge,
                        RtmOspfLsa* lsa,
                        uint32_t* consumed,
                        RtmOspfDropReason* reason)
{
    if (length < HEADER_SIZE + NETWORK_FIXED)
    {
        *reason = RtmOspfDropReason::BadLength;
        return false;
    }
    const uint32_t count = (length - HEADER_SIZE - NETWORK_FIXED) / 4;
    if (count > maxLinks)
    {
        *reason = RtmOspfDropReason::TooManyLinks;
        return false;
    }
    if (!FletcherVerifies(in + 2, length - 2u))
    {
        *reason = RtmOspfDropReason::BadLsaChecksum;
        return false;
    }
    ReadHeader(in, lsa);
    lsa->networkMask = RtmOspfBytes::Get32(in + HEADER_SIZE);
    lsa->links.clear();
    lsa->attached.resize(count);
    for (uint32_t i = 0; i < count; ++i)
    {
        lsa->attached[i] = RtmOspfBytes::Get32(in + HEADER_SIZE + NETWORK_FIXED + 4 * i);
    }
    if (!lsa->IsValid(maxLinks, maxAge, reason))
    {
        return false;
    }
    *consumed = length;
    return true;
}

void
RtmOspfLsa::ReadHeader(const uint8_t* in, RtmOspfLsa* lsa)
{
    lsa->age = RtmOspfBytes::Get16(in);
    lsa->options = in[2];
    lsa->type = in[3];
    lsa->linkStateId = RtmOspfBytes::Get32(in + 4);
    lsa->advRouter = RtmOspfBytes::Get32(in + 8);
    lsa->sequence = RtmOspfBytes::Get32(in + 12);
    lsa->checksum = RtmOspfBytes::Get16(in + CHECKSUM_OFFSET);
}

bool
RtmOspfLsa::ReadLinks(const uint8_t* in, uint32_t length, uint32_t count, RtmOspfLsa* lsa)
{
    lsa->links.resize(count);
    uint32_t at = HEADER_SIZE + ROUTER_FIXED;
    for (uint32_t i = 0; i < count; ++i)
    {
        if (at + LINK_SIZE > length || at + LINK_SIZE + 4u * in[at + 9] > length)
        {
            return false;
        }
        Link& l = lsa->links[i];
        l.id = RtmOspfBytes::Get32(in + at);
        l.data = RtmOspfBytes::Get32(in + at + 4);
        l.type = in[at + 8];
        l.metric = RtmOspfBytes::Get16(in + at + 10);
        at += LINK_SIZE + 4u * in[at + 9]; // TOS metrics skipped
    }
    return at == length;
}

bool
RtmOspfLsa::IsValid(uint32_t maxLinks, uint16_t maxAge, RtmOspfDropReason* reason) const
{
    RtmOspfDropReason dummy;
    RtmOspfDropReason& r = reason ? *reason : dummy;
    if (type != ROUTER_LSA && type != NETWORK_LSA)
    {
        r = RtmOspfDropReason::BadLsaType;
        return false;
    }
    if (advRouter == 0 || advRouter == 0xFFFFFFFF)
    {
        r = RtmOspfDropReason::BadRouterId;
        return false;
    }
    if (age > maxAge)
    {
        r = RtmOspfDropReason::BadAge;
        return false;
    }
    if (sequence == RESERVED_SEQUENCE)
    {
        r = RtmOspfDropReason::BadSequence;
        return false;
    }
    if (type == NETWORK_LSA)
    {
        // (A.4.3: the DR lists itself; its address is on the network, the mask contiguous)
        if (!links.empty() || attached.size() > maxLinks)
        {
            r = RtmOspfDropReason::TooManyLinks;
            return false;
        }
        if (!ContiguousMask(networkMask) || networkMask == 0 || linkStateId == 0 ||
            linkStateId == 0xFFFFFFFF)
        {
            r = RtmOspfDropReason::BadStub;
            return false;
        }
        bool listsSelf = false;
        for (uint32_t id : attached)
        {
            if (id == 0 || id == 0xFFFFFFFF)
            {
                r = RtmOspfDropReason::BadRouterId;
                return false;
            }
            listsSelf |= id == advRouter;
        }
        if (!listsSelf)
        {
            r = RtmOspfDropReason::BadRouterId;
            return false;
        }
        return true;
    }
    if (!attached.empty() || linkStateId != 0)
    {
        r = RtmOspfDropReason::BadRouterId;
        return false;
    }
    if (links.size() > maxLinks)
    {
        r = RtmOspfDropReason::TooManyLinks;
        return false;
    }
    for (const Link& l : links)
    {
        if (l.type != Link::POINT_TO_POINT && l.type != Link::TRANSIT && l.type != Link::STUB)
        {
            r = RtmOspfDropReason::BadLinkType;
            return false;
        }
        if (l.metric == 0 || l.metric > MAX_METRIC)
        {
            r = RtmOspfDropReason::BadMetric;
            return false;
        }
        if (l.type == Link::POINT_TO_POINT)
        {
            if (l.id == advRouter)
            {
                r = RtmOspfDropReason::SelfLoop;
                return false;
            }
            if (l.id == 0 || l.id == 0xFFFFFFFF)
            {
                r = RtmOspfDropReason::BadRouterId;
                return false;
            }
        }
        else if (l.type == Link::TRANSIT)
        {
            if (l.id == 0 || l.id == 0xFFFFFFFF)
            {
                r = RtmOspfDropReason::BadRouterId; // the DR's address
                return false;
            }
        }
        else if (!ContiguousMask(l.data) || (l.id & ~l.data) != 0)
        {
            r = RtmOspfDropReason::BadStub;
            return false;
        }
    }
    return true;
}

bool
RtmOspfLsa::SameLinks(const RtmOspfLsa& o) const
{
    return links == o.links && attached == o.attached && networkMask == o.networkMask;
}

int
RtmOspfLsa::CompareInstances(uint32_t aSequence,
                             uint16_t aChecksum,
                             bool aMaxAged,
                             uint32_t bSequence,
                             uint16_t bChecksum,
                             bool bMaxAged)
{
    if (aSequence != bSequence)
    {
        return SequenceNewer(aSequence, bSequence) ? 1 : -1;
    }
    if (aChecksum != bChecksum)
    {
        return aChecksum > bChecksum ? 1 : -1;
    }
    if (aMaxAged != bMaxAged)
    {
        return aMaxAged ? 1 : -1;
    }
    return 0;
}

std::ostream&
operator<<(std::ostream& os, const RtmOspfLsa& lsa)
{
    if (lsa.type == RtmOspfLsa::NETWORK_LSA)
    {
        os << "network-LSA " << Ipv4Address(lsa.linkStateId) << "/"
           << Ipv4Mask(lsa.networkMask).GetPrefixLength() << " by " << Ipv4Address(lsa.advRouter)
           << " seq 0x" << std::hex << lsa.sequence << std::dec << " age " << lsa.age << " [";
        for (std::size_t i = 0; i < lsa.attached.size(); ++i)
        {
            os << (i ? " " : "") << Ipv4Address(lsa.attached[i]);
        }
        return os << "]";
    }
    os << "LSA " << Ipv4Address(lsa.advRouter) << " seq 0x" << std::hex << lsa.sequence << std::dec
       << " age " << lsa.age << " cksum 0x" << std::hex << lsa.checksum << std::dec << " [";
    for (std::size_t i = 0; i < lsa.links.size(); ++i)
    {
        const RtmOspfLsa::Link& l = lsa.links[i];
        os << (i ? " " : "");
        if (l.type == RtmOspfLsa::Link::POINT_TO_POINT)
        {
            os << "rtr " << Ipv4Address(l.id) << " via " << Ipv4Address(l.data);
        }
        else if (l.type == RtmOspfLsa::Link::TRANSIT)
        {
            os << "transit DR " << Ipv4Address(l.id) << " via " << Ipv4Address(l.data);
        }
        else
        {
            os << "net " << Ipv4Address(l.id) << "/" << Ipv4Mask(l.data).GetPrefixLength();
        }
        os << " c" << l.metric;
    }
    return os << "]";
}

} // namespace ns3
