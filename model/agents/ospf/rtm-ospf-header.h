/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#ifndef RTM_OSPF_HEADER_H
#define RTM_OSPF_HEADER_H

#include "ns3/header.h"
#include "ns3/ipv4-address.h"

#include <cstdint>

namespace ns3
{

/**
 * @ingroup rtm
 * @brief The 12-byte common header of every packet of the link-state agent (RtmOspfAgent).
 *
 * Wire format (big-endian), carried in UDP (port 8900 by default):
 * @verbatim
  0               1               2               3
  +---------------+---------------+-------------------------------+
  |    version    |     type      |            length             |
  +---------------+---------------+-------------------------------+
  |                           router id                           |
  +-------------------------------+-------------------------------+
  |           checksum            |       reserved (must be 0)    |
  +-------------------------------+-------------------------------+
 @endverbatim
 * - version: VERSION (1);
 * - type: HELLO (1), LS_UPDATE (2) or LS_ACK (3);
 * - length: the whole packet in bytes, this header included;
 * - router id: the sender's router id;
 * - checksum: the 16-bit one's-complement sum (RFC 1071, the IP checksum) of the whole packet
 *   computed with this field set to 0.
 */
class RtmOspfHeader : public Header
{
  public:
    static constexpr uint8_t VERSION = 1;   //!< the only version understood
    static constexpr uint32_t SIZE = 12;    //!< bytes on the wire
    static constexpr uint8_t HELLO = 1;     //!< type: hello
    static constexpr uint8_t LS_UPDATE = 2; //!< type: link-state update (LSAs)
    static constexpr uint8_t LS_ACK = 3;    //!< type: link-state acknowledgement

    RtmOspfHeader();

    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    void Print(std::ostream& os) const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;

    /**
     * @brief Write the header into 12 bytes.
     * @param out at least SIZE bytes
     */
    void Write(uint8_t* out) const;

    /**
     * @brief Read the header from 12 bytes (no check: see RtmOspfPacket::Decode).
     * @param in at least SIZE bytes
     */
    void Read(const uint8_t* in);

    /// @param version the version
    void SetVersion(uint8_t version);
    /// @return the version
    uint8_t GetVersion() const;
    /// @param type the packet type
    void SetType(uint8_t type);
    /// @return the packet type
    uint8_t GetType() const;
    /// @param length the packet length in bytes, header included
    void SetLength(uint16_t length);
    /// @return the packet length in bytes
    uint16_t GetLength() const;
    /// @param routerId the sender's router id
    void SetRouterId(Ipv4Address routerId);
    /// @return the sender's router id
    Ipv4Address GetRouterId() const;
    /// @param checksum the checksum field
    void SetChecksum(uint16_t checksum);
    /// @return the checksum field
    uint16_t GetChecksum() const;
    /// @return the reserved field (0 in a valid packet)
    uint16_t GetReserved() const;

    /**
     * @brief The RFC 1071 checksum of a byte range: the one's complement of the one's-complement
     * sum of its 16-bit big-endian words (an odd last byte is padded with 0).
     * @param data the bytes
     * @param size how many
     * @return the checksum; a range that contains its own correct checksum gives 0
     */
    static uint16_t Checksum(const uint8_t* data, uint32_t size);

  private:
    uint8_t m_version;   //!< version
    uint8_t m_type;      //!< packet type
    uint16_t m_length;   //!< packet length
    uint32_t m_routerId; //!< router id, host order
    uint16_t m_checksum; //!< checksum
    uint16_t m_reserved; //!< reserved
};

} // namespace ns3

#endif /* RTM_OSPF_HEADER_H */
