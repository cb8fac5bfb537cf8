/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#include "rtm-ospf-packet.h"

#include "rtm-ospf-bytes.h"

#include "ns3/log.h"

#include <algorithm>

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

/// Write the common header (length and checksum are left to Reseal).
void
WriteHeader(uint8_t type, uint32_t routerId, uint8_t* out)
{
    RtmOspfHeader header;
    header.SetType(type);
    header.SetRouterId(Ipv4Address(routerId));
    header.Write(out);
}

} // namespace

uint32_t
RtmOspfPacket::GetSerializedSize() const
{
    uint64_t size = RtmOspfHeader::SIZE; // (64 bits: no count can wrap it)
    switch (type)
    {
    case RtmOspfHeader::HELLO:
        size += HELLO_FIXED + 4 * static_cast<uint64_t>(hello.neighbors.size());
        break;
    case RtmOspfHeader::DB_DESCRIPTION:
        size += DD_FIXED + ACK_SIZE * static_cast<uint64_t>(dd.headers.size());
        break;
    case RtmOspfHeader::LS_REQUEST:
        size += REQUEST_SIZE * static_cast<uint64_t>(requests.size());
        break;
    case RtmOspfHeader::LS_UPDATE:
        size += LIST_FIXED;
        for (const RtmOspfLsa& lsa : lsas)
        {
            size += lsa.GetSerializedSize();
        }
        break;
    case RtmOspfHeader::LS_ACK:
        size += ACK_SIZE * static_cast<uint64_t>(acks.size());
        break;
    default:
        break;
    }
    return static_cast<uint32_t>(std::min<uint64_t>(size, 0xFFFFFFFF));
}

void
RtmOspfPacket::WriteLsaHeader(const Ack& a, uint8_t* p)
{
    RtmOspfBytes::Put16(p, a.age);
    p[2] = a.options;
    p[3] = a.type;
    RtmOspfBytes::Put32(p + 4, a.linkStateId != 0 ? a.linkStateId : a.advRouter);
    RtmOspfBytes::Put32(p + 8, a.advRouter);
    RtmOspfBytes::Put32(p + 12, a.sequence);
    RtmOspfBytes::Put16(p + 16, a.checksum);
    RtmOspfBytes::Put16(p + 18, a.length);
}

std::vector<uint8_t>
RtmOspfPacket::Encode() const
{
    if (GetSerializedSize() > MAX_SIZE)
    {
        NS_LOG_WARN("packet of type " << +type << " and " << GetSerializedSize()
                                      << " bytes not built (at most " << MAX_SIZE << ")");
        return {};
    }
    std::vector<uint8_t> bytes(GetSerializedSize());
    WriteHeader(type, routerId, bytes.data());
    uint8_t* p = bytes.data() + RtmOspfHeader::SIZE;
    switch (type)
    {
    case RtmOspfHeader::HELLO:
        RtmOspfBytes::Put32(p, hello.mask);
        RtmOspfBytes::Put16(p + 4, hello.helloInterval);
        p[6] = hello.options;
        p[7] = hello.priority;
        RtmOspfBytes::Put32(p + 8, hello.deadInterval);
        RtmOspfBytes::Put32(p + 12, hello.designatedRouter);
        RtmOspfBytes::Put32(p + 16, hello.backupRouter);
        p += HELLO_FIXED;
        for (uint32_t n : hello.neighbors)
        {
            RtmOspfBytes::Put32(p, n);
            p += 4;
        }
        break;
    case RtmOspfHeader::DB_DESCRIPTION:
        RtmOspfBytes::Put16(p, dd.mtu);
        p[2] = dd.options;
        p[3] = dd.flags;
        RtmOspfBytes::Put32(p + 4, dd.sequence);
        p += DD_FIXED;
        for (const Ack& a : dd.headers)
        {
            WriteLsaHeader(a, p);
            p += ACK_SIZE;
        }
        break;
    case RtmOspfHeader::LS_REQUEST:
        for (const Request& r : requests)
        {
            RtmOspfBytes::Put32(p, r.type);
            RtmOspfBytes::Put32(p + 4, r.linkStateId);
            RtmOspfBytes::Put32(p + 8, r.advRouter);
            p += REQUEST_SIZE;
        }
        break;
    case RtmOspfHeader::LS_UPDATE:
        RtmOspfBytes::Put32(p, static_cast<uint32_t>(lsas.size()));
        p += LIST_FIXED;
        for (const RtmOspfLsa& lsa : lsas)
        {
            lsa.Write(p);
            p += lsa.GetSerializedSize();
        }
        break;
    case RtmOspfHeader::LS_ACK:
        for (const Ack& a : acks)
        {
            WriteLsaHeader(a, p);
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
    uint64_t size = RtmOspfHeader::SIZE + LIST_FIXED;
    for (const LsaRef& r : lsas)
    {
        size += r.lsa->GetSerializedSize();
    }
    if (size > MAX_SIZE)
    {
        NS_LOG_WARN("update of " << size << " bytes not built (at most " << MAX_SIZE << ")");
        return {};
    }
    std::vector<uint8_t> bytes(size);
    WriteHeader(RtmOspfHeader::LS_UPDATE, routerId, bytes.data());
    uint8_t* p = bytes.data() + RtmOspfHeader::SIZE;
    RtmOspfBytes::Put32(p, static_cast<uint32_t>(lsas.size()));
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
    RtmOspfBytes::Put16(b + 12, 0);
    RtmOspfBytes::Put16(b + 12,
                        RtmOspfHeader::PacketChecksum(b, static_cast<uint32_t>(bytes->size())));
}

Ptr<Packet>
RtmOspfPacket::ToPacket() const
{
    std::vector<uint8_t> bytes = Encode();
    if (bytes.empty())
    {
        return nullptr;
    }
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
    if (*type < RtmOspfHeader::HELLO || *type > RtmOspfHeader::LS_ACK)
    {
        *reason = RtmOspfDropReason::BadType;
        return false;
    }
    if (header.GetAuType() != 0)
    {
        // (RFC 2328 D.2, before the length and checksum checks: cryptographic authentication
        // computes no checksum and appends its digest after the packet's length)
        *reason = RtmOspfDropReason::AuthTypeMismatch;
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
    if (RtmOspfHeader::PacketChecksum(data, size) != 0)
    {
        *reason = RtmOspfDropReason::BadChecksum;
        return false;
    }
    if (header.GetAreaId().Get() != 0)
    {
        *reason = RtmOspfDropReason::WrongArea;
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
    if (left < HELLO_FIXED || (left - HELLO_FIXED) % 4 != 0)
    {
        *reason = RtmOspfDropReason::BadLength;
        return false;
    }
    uint32_t count = (left - HELLO_FIXED) / 4;
    hello->mask = RtmOspfBytes::Get32(p);
    hello->helloInterval = RtmOspfBytes::Get16(p + 4);
    hello->options = p[6];
    hello->priority = p[7];
    hello->deadInterval = RtmOspfBytes::Get32(p + 8);
    hello->designatedRouter = RtmOspfBytes::Get32(p + 12);
    hello->backupRouter = RtmOspfBytes::Get32(p + 16);
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
RtmOspfPacket::DecodeLsaHeaders(const uint8_t* p,
                                uint32_t left,
                                const Limits& limits,
                                std::vector<Ack>* headers,
                                RtmOspfDropReason* reason)
{
    if (left % ACK_SIZE != 0)
    {
        *reason = RtmOspfDropReason::BadLength;
        return false;
    }
    headers->resize(left / ACK_SIZE);
    for (Ack& a : *headers)
    {
        a.age = RtmOspfBytes::Get16(p);
        a.options = p[2];
        a.type = p[3];
        a.linkStateId = RtmOspfBytes::Get32(p + 4);
        a.advRouter = RtmOspfBytes::Get32(p + 8);
        a.sequence = RtmOspfBytes::Get32(p + 12);
        a.checksum = RtmOspfBytes::Get16(p + 16);
        a.length = RtmOspfBytes::Get16(p + 18);
        p += ACK_SIZE;
        if (BadId(a.advRouter))
        {
            *reason = RtmOspfDropReason::BadRouterId;
            return false;
        }
        if (a.sequence == RtmOspfLsa::RESERVED_SEQUENCE)
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
RtmOspfPacket::DecodeDd(const uint8_t* p,
                        uint32_t left,
                        const Limits& limits,
                        Dd* dd,
                        RtmOspfDropReason* reason)
{
    if (left < DD_FIXED)
    {
        *reason = RtmOspfDropReason::BadLength;
        return false;
    }
    dd->mtu = RtmOspfBytes::Get16(p);
    dd->options = p[2];
    dd->flags = p[3];
    dd->sequence = RtmOspfBytes::Get32(p + 4);
    return DecodeLsaHeaders(p + DD_FIXED, left - DD_FIXED, limits, &dd->headers, reason);
}

bool
RtmOspfPacket::DecodeRequest(const uint8_t* p,
                             uint32_t left,
                             std::vector<Request>* requests,
                             RtmOspfDropReason* reason)
{
    if (left % REQUEST_SIZE != 0)
    {
        *reason = RtmOspfDropReason::BadLength;
        return false;
    }
    requests->resize(left / REQUEST_SIZE);
    for (Request& r : *requests)
    {
        r.type = RtmOspfBytes::Get32(p);
        r.linkStateId = RtmOspfBytes::Get32(p + 4);
        r.advRouter = RtmOspfBytes::Get32(p + 8);
        p += REQUEST_SIZE;
        if (BadId(r.advRouter))
        {
            *reason = RtmOspfDropReason::BadRouterId;
            return false;
        }
    }
    return true;
}

bool
RtmOspfPacket::DecodeUpdate(const uint8_t* p,
                            uint32_t left,
                            const Limits& limits,
                            std::vector<RtmOspfLsa>* lsas,
                            uint32_t* ignored,
                            RtmOspfDropReason* reason)
{
    if (left < LIST_FIXED)
    {
        *reason = RtmOspfDropReason::BadLength;
        return false;
    }
    uint32_t count = RtmOspfBytes::Get32(p);
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
    uint32_t kept = 0;
    for (uint32_t i = 0; i < count; ++i)
    {
        uint32_t used = 0;
        if (!RtmOspfLsa::Read(p,
                              left,
                              limits.maxLinks,
                              limits.maxAge,
                              &(*lsas)[kept],
                              &used,
                              reason))
        {
            if (*reason != RtmOspfDropReason::BadLsaType)
            {
                return false;
            }
            ++*ignored; // unknown LS type: skipped, the others are used
        }
        else
        {
            ++kept;
        }
        p += used;
        left -= used;
    }
    lsas->resize(kept);
    if (left != 0)
    {
        *reason = RtmOspfDropReason::BadLength;
        return false;
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
    out->dd.headers.clear();
    out->requests.clear();
    out->lsas.clear();
    out->ignoredLsas = 0;
    out->acks.clear();
    const uint8_t* p = data + RtmOspfHeader::SIZE;
    uint32_t left = size - RtmOspfHeader::SIZE;
    switch (type)
    {
    case RtmOspfHeader::HELLO:
        return DecodeHello(p, left, &out->hello, reason);
    case RtmOspfHeader::DB_DESCRIPTION:
        return DecodeDd(p, left, limits, &out->dd, reason);
    case RtmOspfHeader::LS_REQUEST:
        return DecodeRequest(p, left, &out->requests, reason);
    case RtmOspfHeader::LS_UPDATE:
        return DecodeUpdate(p, left, limits, &out->lsas, &out->ignoredLsas, reason);
    case RtmOspfHeader::LS_ACK:
        return DecodeLsaHeaders(p, left, limits, &out->acks, reason);
    default:
        break;
    }
    *reason = RtmOspfDropReason::BadType;
    return false;
}

} // namespace ns3
