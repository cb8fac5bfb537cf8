/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#include "rtm-ospf-header.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmOspfHeader");

NS_OBJECT_ENSURE_REGISTERED(RtmOspfHeader);

RtmOspfHeader::RtmOspfHeader()
    : m_version(VERSION),
      m_type(HELLO),
      m_length(SIZE),
      m_routerId(0),
      m_checksum(0),
      m_reserved(0)
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
    os << "RtmOspf v" << static_cast<uint32_t>(m_version) << " type "
       << static_cast<uint32_t>(m_type) << " len " << m_length << " router "
       << Ipv4Address(m_routerId) << " cksum 0x" << std::hex << m_checksum << std::dec;
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
    out[8] = static_cast<uint8_t>(m_checksum >> 8);
    out[9] = static_cast<uint8_t>(m_checksum);
    out[10] = static_cast<uint8_t>(m_reserved >> 8);
    out[11] = static_cast<uint8_t>(m_reserved);
}

void
RtmOspfHeader::Read(const uint8_t* in)
{
    m_version = in[0];
    m_type = in[1];
    m_length = static_cast<uint16_t>((in[2] << 8) | in[3]);
    m_routerId = (static_cast<uint32_t>(in[4]) << 24) | (static_cast<uint32_t>(in[5]) << 16) |
                 (static_cast<uint32_t>(in[6]) << 8) | in[7];
    m_checksum = static_cast<uint16_t>((in[8] << 8) | in[9]);
    m_reserved = static_cast<uint16_t>((in[10] << 8) | in[11]);
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

uint16_t
RtmOspfHeader::GetReserved() const
{
    return m_reserved;
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
