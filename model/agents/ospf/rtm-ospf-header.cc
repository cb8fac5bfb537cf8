/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#include "rtm-ospf-header.h"

#include "rtm-ospf-bytes.h"

#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmOspfHeader");

NS_OBJECT_ENSURE_REGISTERED(RtmOspfHeader);

RtmOspfHeader::RtmOspfHeader()
    : m_version(VERSION),
      m_type(HELLO),
      m_length(SIZE),
      m_routerId(0),
      m_areaId(0),
      m_checksum(0),
      m_auType(0)
{
}

TypeId
RtmOspfHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::RtmOspfHeader")
                            .SetParent<Header>()
                            .SetGroupName("Rtm")
                            .AddConstructor<RtmOspfHeader>();
    return tid;
}

TypeId
RtmOspfHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
RtmOspfHeader::Print(std::ostream& os) const
{
    os << "OSPFv" << static_cast<uint32_t>(m_version) << " type " << static_cast<uint32_t>(m_type)
       << " len " << m_length << " router " << Ipv4Address(m_routerId) << " area "
       << Ipv4Address(m_areaId) << " autype " << m_auType << " cksum 0x" << std::hex << m_checksum
       << std::dec;
}

uint32_t
RtmOspfHeader::GetSerializedSize() const
{
    return SIZE;
}

void
RtmOspfHeader::Serialize(Buffer::Iterator start) const
{
    uint8_t bytes[SIZE];
    Write(bytes);
    start.Write(bytes, SIZE);
}

uint32_t
RtmOspfHeader::Deserialize(Buffer::Iterator start)
{
    uint8_t bytes[SIZE];
    start.Read(bytes, SIZE);
    Read(bytes);
    return SIZE;
}

void
RtmOspfHeader::Write(uint8_t* out) const
{
    out[0] = m_version;
    out[1] = m_type;
    out[2] = static_cast<uint8_t>(m_length >> 8);
    out[3] = static_cast<uint8_t>(m_length);
    out[4] = static_cast<uint8_t>(m_routerId >> 24);
    out[5] = static_cast<uint8_t>(m_routerId >> 16);
    out[6] = static_cast<uint8_t>(m_routerId >> 8);
    out[7] = static_cast<uint8_t>(m_routerId);
    RtmOspfBytes::Put32(out + 8, m_areaId);
    RtmOspfBytes::Put16(out + 12, m_checksum);
    RtmOspfBytes::Put16(out + 14, m_auType);
    std::fill(out + AUTH_OFFSET, out + AUTH_OFFSET + AUTH_SIZE, 0);
}

void
RtmOspfHeader::Read(const uint8_t* in)
{
    m_version = in[0];
    m_type = in[1];
    m_length = static_cast<uint16_t>((in[2] << 8) | in[3]);
    m_routerId = (static_cast<uint32_t>(in[4]) << 24) | (static_cast<uint32_t>(in[5]) << 16) |
                 (static_cast<uint32_t>(in[6]) << 8) | in[7];
    m_areaId = RtmOspfBytes::Get32(in + 8);
    m_checksum = RtmOspfBytes::Get16(in + 12);
    m_auType = RtmOspfBytes::Get16(in + 14);
}

void
RtmOspfHeader::SetVersion(uint8_t version)
{
    m_version = version;
}

uint8_t
RtmOspfHeader::GetVersion() const
{
    return m_version;
}

void
RtmOspfHeader::SetType(uint8_t type)
{
    m_type = type;
}

uint8_t
RtmOspfHeader::GetType() const
{
    return m_type;
}

void
RtmOspfHeader::SetLength(uint16_t length)
{
    m_length = length;
}

uint16_t
RtmOspfHeader::GetLength() const
{
    return m_length;
}

void
RtmOspfHeader::SetRouterId(Ipv4Address routerId)
{
    m_routerId = routerId.Get();
}

Ipv4Address
RtmOspfHeader::GetRouterId() const
{
    return Ipv4Address(m_routerId);
}

void
RtmOspfHeader::SetChecksum(uint16_t checksum)
{
    m_checksum = checksum;
}

uint16_t
RtmOspfHeader::GetChecksum() const
{
    return m_checksum;
}

void
RtmOspfHeader::SetAreaId(Ipv4Address areaId)
{
    m_areaId = areaId.Get();
}

Ipv4Address
RtmOspfHeader::GetAreaId() const
{
    return Ipv4Address(m_areaId);
}

void
RtmOspfHeader::SetAuType(uint16_t auType)
{
    m_auType = auType;
}

uint16_t
RtmOspfHeader::GetAuType() const
{
    return m_auType;
}

uint16_t
RtmOspfHeader::PacketChecksum(const uint8_t* data, uint32_t size)
{
    // one's-complement sums of the two parts, added (both parts start at even offsets)
    uint16_t head = static_cast<uint16_t>(~Checksum(data, std::min(size, AUTH_OFFSET)));
    uint32_t tailAt = AUTH_OFFSET + AUTH_SIZE;
    uint16_t tail =
        size > tailAt ? static_cast<uint16_t>(~Checksum(data + tailAt, size - tailAt)) : 0;
    uint32_t sum = static_cast<uint32_t>(head) + tail;
    sum = (sum & 0xFFFF) + (sum >> 16);
    return static_cast<uint16_t>(~sum);
}

uint16_t
RtmOspfHeader::Checksum(const uint8_t* data, uint32_t size)
{
    uint32_t sum = 0;
    uint32_t i = 0;
    for (; i + 1 < size; i += 2)
    {
        sum += static_cast<uint32_t>((data[i] << 8) | data[i + 1]);
    }
    if (i < size)
    {
        sum += static_cast<uint32_t>(data[i] << 8);
    }
    while (sum >> 16)
    {
        sum = (sum & 0xFFFF) + (sum >> 16);
    }
    return static_cast<uint16_t>(~sum);
}

} // namespace ns3
