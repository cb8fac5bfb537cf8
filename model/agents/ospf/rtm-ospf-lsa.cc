/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#include "rtm-ospf-lsa.h"

#include "rtm-ospf-bytes.h"
#include "rtm-ospf-header.h"

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
    return HEADER_SIZE + LINK_SIZE * static_cast<uint32_t>(links.size());
}

void
RtmOspfLsa::Write(uint8_t* out) const
{
    uint32_t length = GetSerializedSize();
    RtmOspfBytes::Put16(out, age);
    out[2] = type;
    out[3] = 0;
    RtmOspfBytes::Put32(out + 4, advRouter);
    RtmOspfBytes::Put32(out + 8, sequence);
    RtmOspfBytes::Put16(out + 12, checksum);
    RtmOspfBytes::Put16(out + 14, static_cast<uint16_t>(length));
    RtmOspfBytes::Put16(out + 16, static_cast<uint16_t>(links.size()));
    RtmOspfBytes::Put16(out + 18, 0);
    uint8_t* p = out + HEADER_SIZE;
    for (const Link& l : links)
    {
        p[0] = l.type;
        p[1] = 0;
        RtmOspfBytes::Put16(p + 2, l.metric);
        RtmOspfBytes::Put32(p + 4, l.id);
        RtmOspfBytes::Put32(p + 8, l.data);
        p += LINK_SIZE;
    }
}

uint16_t
RtmOspfLsa::ComputeChecksum() const
{
    std::vector<uint8_t> bytes(GetSerializedSize());
    RtmOspfLsa copy = *this;
    copy.checksum = 0;
    copy.Write(bytes.data());
    return RtmOspfHeader::Checksum(bytes.data() + 2, static_cast<uint32_t>(bytes.size() - 2));
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
    uint16_t length = RtmOspfBytes::Get16(in + 14);
    uint16_t count = RtmOspfBytes::Get16(in + 16);
    if (count > maxLinks)
    {
        *reason = RtmOspfDropReason::TooManyLinks;
        return false;
    }
    if (length != HEADER_SIZE + LINK_SIZE * static_cast<uint32_t>(count) || length > size)
    {
        *reason = RtmOspfDropReason::BadLength;
        return false;
    }
    // The checksum covers bytes 2..length; the field sits at an even offset of that range, so a
    // correct LSA sums to 0.
    if (RtmOspfHeader::Checksum(in + 2, length - 2u) != 0)
    {
        *reason = RtmOspfDropReason::BadLsaChecksum;
        return false;
    }
    lsa->age = RtmOspfBytes::Get16(in);
    lsa->type = in[2];
    lsa->advRouter = RtmOspfBytes::Get32(in + 4);
    lsa->sequence = RtmOspfBytes::Get32(in + 8);
    lsa->checksum = RtmOspfBytes::Get16(in + 12);
    lsa->links.resize(count);
    const uint8_t* p = in + HEADER_SIZE;
    for (uint32_t i = 0; i < count; ++i, p += LINK_SIZE)
    {
        Link& l = lsa->links[i];
        l.type = p[0];
        l.metric = RtmOspfBytes::Get16(p + 2);
        l.id = RtmOspfBytes::Get32(p + 4);
        l.data = RtmOspfBytes::Get32(p + 8);
    }
    if (!lsa->IsValid(maxLinks, maxAge, reason))
    {
        return false;
    }
    *consumed = length;
    return true;
}

bool
RtmOspfLsa::IsValid(uint32_t maxLinks, uint16_t maxAge, RtmOspfDropReason* reason) const
{
    RtmOspfDropReason dummy;
    RtmOspfDropReason& r = reason ? *reason : dummy;
    if (type != ROUTER_LSA)
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
    if (sequence < INITIAL_SEQUENCE || sequence > MAX_SEQUENCE)
    {
        r = RtmOspfDropReason::BadSequence;
        return false;
    }
    if (links.size() > maxLinks)
    {
        r = RtmOspfDropReason::TooManyLinks;
        return false;
    }
    for (const Link& l : links)
    {
        if (l.type != Link::POINT_TO_POINT && l.type != Link::STUB)
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
    return links == o.links;
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
        return aSequence > bSequence ? 1 : -1;
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
    os << "LSA " << Ipv4Address(lsa.advRouter) << " seq " << lsa.sequence << " age " << lsa.age
       << " cksum 0x" << std::hex << lsa.checksum << std::dec << " [";
    for (std::size_t i = 0; i < lsa.links.size(); ++i)
    {
        const RtmOspfLsa::Link& l = lsa.links[i];
        os << (i ? " " : "");
        if (l.type == RtmOspfLsa::Link::POINT_TO_POINT)
        {
            os << "rtr " << Ipv4Address(l.id) << " via " << Ipv4Address(l.data);
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
