/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#include "rtm-ospf-packet.h"

#include "rtm-ospf-bytes.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmOspfPacket");

namespace
{

bool
BadId(uint32_t id)
{
    return id == 0 || id == 0xFFFFFFFF;
}

} // namespace

uint32_t
RtmOspfPacket::GetSerializedSize() const
{
    uint32_t size = RtmOspfHeader::SIZE;
    switch (type)
    {
    case RtmOspfHeader::HELLO:
        size += HELLO_FIXED + 4 * static_cast<uint32_t>(hello.neighbors.size());
        break;
    case RtmOspfHeader::LS_UPDATE:
        size += LIST_FIXED;
        for (const RtmOspfLsa& lsa : lsas)
        {
            size += lsa.GetSerializedSize();
        }
        break;
    case RtmOspfHeader::LS_ACK:
        size += LIST_FIXED + ACK_SIZE * static_cast<uint32_t>(acks.size());
        break;
    default:
        break;
    }
    return size;
}

std::vector<uint8_t>
RtmOspfPacket::Encode() const
{
    std::vector<uint8_t> bytes(GetSerializedSize());
    RtmOspfHeader header;
    header.SetType(type);
    header.SetRouterId(Ipv4Address(routerId));
    header.Write(bytes.data());
    uint8_t* p = bytes.data() + RtmOspfHeader::SIZE;
    switch (type)
    {
    case RtmOspfHeader::HELLO:
        RtmOspfBytes::Put32(p, hello.helloIntervalMs);
        RtmOspfBytes::Put32(p + 4, hello.deadIntervalMs);
        RtmOspfBytes::Put32(p + 8, hello.mask);
        RtmOspfBytes::Put16(p + 12, static_cast<uint16_t>(hello.neighbors.size()));
        RtmOspfBytes::Put16(p + 14, 0);
        p += HELLO_FIXED;
        for (uint32_t n : hello.neighbors)
        {
            RtmOspfBytes::Put32(p, n);
            p += 4;
        }
        break;
    case RtmOspfHeader::LS_UPDATE:
        RtmOspfBytes::Put16(p, static_cast<uint16_t>(lsas.size()));
        RtmOspfBytes::Put16(p + 2, 0);
        p += LIST_FIXED;
        for (const RtmOspfLsa& lsa : lsas)
        {
            lsa.Write(p);
            p += lsa.GetSerializedSize();
        }
        break;
    case RtmOspfHeader::LS_ACK:
        RtmOspfBytes::Put16(p, static_cast<uint16_t>(acks.size()));
        RtmOspfBytes::Put16(p + 2, 0);
        p += LIST_FIXED;
        for (const Ack& a : acks)
        {
            RtmOspfBytes::Put32(p, a.advRouter);
            RtmOspfBytes::Put32(p + 4, a.sequence);
            RtmOspfBytes::Put16(p + 8, a.checksum);
            RtmOspfBytes::Put16(p + 10, a.age);
            p += ACK_SIZE;
        }
        break;
    default:
        break;
    }
    Reseal(&bytes);
    return bytes;
}

std::vector<uint8_t>
RtmOspfPacket::EncodeUpdate(uint32_t routerId, const std::vector<LsaRef>& lsas)
{
    uint32_t size = RtmOspfHeader::SIZE + LIST_FIXED;
    for (const LsaRef& r : lsas)
    {
        size += r.lsa->GetSerializedSize();
    }
    std::vector<uint8_t> bytes(size);
    RtmOspfHeader header;
    header.SetType(RtmOspfHeader::LS_UPDATE);
    header.SetRouterId(Ipv4Address(routerId));
    header.Write(bytes.data());
    uint8_t* p = bytes.data() + RtmOspfHeader::SIZE;
    RtmOspfBytes::Put16(p, static_cast<uint16_t>(lsas.size()));
    RtmOspfBytes::Put16(p + 2, 0);
    p += LIST_FIXED;
    for (const LsaRef& r : lsas)
    {
        r.lsa->Write(p);
        RtmOspfBytes::Put16(p, r.age); // the age is outside the LSA checksum
        p += r.lsa->GetSerializedSize();
    }
    Reseal(&bytes);
    return bytes;
}

void
RtmOspfPacket::Reseal(std::vector<uint8_t>* bytes)
{
    if (bytes->size() < RtmOspfHeader::SIZE)
    {
        return;
    }
    uint8_t* b = bytes->data();
    RtmOspfBytes::Put16(b + 2, static_cast<uint16_t>(bytes->size()));
    RtmOspfBytes::Put16(b + 8, 0);
    RtmOspfBytes::Put16(b + 8, RtmOspfHeader::Checksum(b, static_cast<uint32_t>(bytes->size())));
}

Ptr<Packet>
RtmOspfPacket::ToPacket() const
{
    std::vector<uint8_t> bytes = Encode();
    return Create<Packet>(bytes.data(), static_cast<uint32_t>(bytes.size()));
}

bool
RtmOspfPacket::DecodeHeader(const uint8_t* data,
                            uint32_t size,
                            uint8_t* type,
                            uint32_t* routerId,
                            RtmOspfDropReason* reason)
{
    if (size < RtmOspfHeader::SIZE)
    {
        *reason = RtmOspfDropReason::Truncated;
        return false;
    }
    RtmOspfHeader header;
    header.Read(data);
    if (header.GetVersion() != RtmOspfHeader::VERSION)
    {
        *reason = RtmOspfDropReason::BadVersion;
        return false;
    }
    *type = header.GetType();
    if (*type != RtmOspfHeader::HELLO && *type != RtmOspfHeader::LS_UPDATE &&
        *type != RtmOspfHeader::LS_ACK)
    {
        *reason = RtmOspfDropReason::BadType;
        return false;
    }
    uint32_t length = header.GetLength();
    if (length < RtmOspfHeader::SIZE)
    {
        *reason = RtmOspfDropReason::BadLength;
        return false;
    }
    if (length > size)
    {
        *reason = RtmOspfDropReason::Truncated;
        return false;
    }
    if (length < size)
    {
        *reason = RtmOspfDropReason::Oversized;
        return false;
    }
    if (RtmOspfHeader::Checksum(data, size) != 0)
    {
        *reason = RtmOspfDropReason::BadChecksum;
        return false;
    }
    *routerId = header.GetRouterId().Get();
    if (BadId(*routerId))
    {
        *reason = RtmOspfDropReason::BadRouterId;
        return false;
    }
    return true;
}

bool
RtmOspfPacket::DecodeHello(const uint8_t* p, uint32_t left, Hello* hello, RtmOspfDropReason* reason)
{
    if (left < HELLO_FIXED)
    {
        *reason = RtmOspfDropReason::BadLength;
        return false;
    }
    uint32_t count = RtmOspfBytes::Get16(p + 12);
    if (left != HELLO_FIXED + 4 * count)
    {
        *reason = RtmOspfDropReason::BadLength;
        return false;
    }
    hello->helloIntervalMs = RtmOspfBytes::Get32(p);
    hello->deadIntervalMs = RtmOspfBytes::Get32(p + 4);
    hello->mask = RtmOspfBytes::Get32(p + 8);
    hello->neighbors.reserve(count);
    for (uint32_t i = 0; i < count; ++i)
    {
        uint32_t n = RtmOspfBytes::Get32(p + HELLO_FIXED + 4 * i);
        if (BadId(n))
        {
            *reason = RtmOspfDropReason::BadRouterId;
            return false;
        }
        hello->neighbors.push_back(n);
    }
    return true;
}

bool
RtmOspfPacket::DecodeUpdate(const uint8_t* p,
                            uint32_t left,
                            const Limits& limits,
                            std::vector<RtmOspfLsa>* lsas,
                            RtmOspfDropReason* reason)
{
    if (left < LIST_FIXED)
    {
        *reason = RtmOspfDropReason::BadLength;
        return false;
    }
    uint32_t count = RtmOspfBytes::Get16(p);
    p += LIST_FIXED;
    left -= LIST_FIXED;
    // Each LSA takes at least its header: a count the bytes cannot hold is refused before
    // anything is allocated.
    if (count * static_cast<uint64_t>(RtmOspfLsa::HEADER_SIZE) > left)
    {
        *reason = RtmOspfDropReason::BadLength;
        return false;
    }
    lsas->resize(count);
    for (uint32_t i = 0; i < count; ++i)
    {
        uint32_t used = 0;
        if (!RtmOspfLsa::Read(p, left, limits.maxLinks, limits.maxAge, &(*lsas)[i], &used, reason))
        {
            return false;
        }
        p += used;
        left -= used;
    }
    if (left != 0)
    {
        *reason = RtmOspfDropReason::BadLength;
        return false;
    }
    return true;
}

bool
RtmOspfPacket::DecodeAck(const uint8_t* p,
                         uint32_t left,
                         const Limits& limits,
                         std::vector<Ack>* acks,
                         RtmOspfDropReason* reason)
{
    if (left < LIST_FIXED)
    {
        *reason = RtmOspfDropReason::BadLength;
        return false;
    }
    uint32_t count = RtmOspfBytes::Get16(p);
    if (left != LIST_FIXED + ACK_SIZE * count)
    {
        *reason = RtmOspfDropReason::BadLength;
        return false;
    }
    p += LIST_FIXED;
    acks->resize(count);
    for (uint32_t i = 0; i < count; ++i, p += ACK_SIZE)
    {
        Ack& a = (*acks)[i];
        a.advRouter = RtmOspfBytes::Get32(p);
        a.sequence = RtmOspfBytes::Get32(p + 4);
        a.checksum = RtmOspfBytes::Get16(p + 8);
        a.age = RtmOspfBytes::Get16(p + 10);
        if (BadId(a.advRouter))
        {
            *reason = RtmOspfDropReason::BadRouterId;
            return false;
        }
        if (a.sequence < RtmOspfLsa::INITIAL_SEQUENCE || a.sequence > RtmOspfLsa::MAX_SEQUENCE)
        {
            *reason = RtmOspfDropReason::BadSequence;
            return false;
        }
        if (a.age > limits.maxAge)
        {
            *reason = RtmOspfDropReason::BadAge;
            return false;
        }
    }
    return true;
}

bool
RtmOspfPacket::Decode(const uint8_t* data,
                      uint32_t size,
                      const Limits& limits,
                      RtmOspfPacket* out,
                      RtmOspfDropReason* reason)
{
    uint8_t type = 0;
    uint32_t routerId = 0;
    if (!DecodeHeader(data, size, &type, &routerId, reason))
    {
        return false;
    }
    out->type = type;
    out->routerId = routerId;
    out->hello = Hello();
    out->lsas.clear();
    out->acks.clear();
    const uint8_t* p = data + RtmOspfHeader::SIZE;
    uint32_t left = size - RtmOspfHeader::SIZE;
    switch (type)
    {
    case RtmOspfHeader::HELLO:
        return DecodeHello(p, left, &out->hello, reason);
    case RtmOspfHeader::LS_UPDATE:
        return DecodeUpdate(p, left, limits, &out->lsas, reason);
    case RtmOspfHeader::LS_ACK:
        return DecodeAck(p, left, limits, &out->acks, reason);
    default:
        break;
    }
    *reason = RtmOspfDropReason::BadType;
    return false;
}

} // namespace ns3
