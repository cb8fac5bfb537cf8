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
 * @brief The 24-byte OSPFv2 packet header (RFC 2328 A.3.1) of every packet of the link-state
 * agent (RtmOspfAgent), carried directly in IPv4 (protocol 89).
 *
 * Wire format (big-endian):
 * @verbatim
  0               1               2               3
  +---------------+---------------+-------------------------------+
  |  version (2)  |     type      |         packet length         |
  +---------------+---------------+-------------------------------+
  |                           router id                           |
  +---------------------------------------------------------------+
  |                     area id (0.0.0.0 here)                    |
  +-------------------------------+-------------------------------+
  |           checksum            |             autype            |
  +-------------------------------+-------------------------------+
  |                 authentication (8 bytes, 0 here)              |
  +---------------------------------------------------------------+
 @endverbatim
 * - type: HELLO (1), DB_DESCRIPTION (2), LS_REQUEST (3), LS_UPDATE (4) or LS_ACK (5);
 * - length: the whole packet in bytes, this header included;
 * - checksum: the 16-bit one's-complement checksum (RFC 1071, the IP checksum) of the whole
 *   packet except the 8-byte authentication field, computed with this field set to 0
 *   (PacketChecksum);
 * - autype: 0 (null authentication; other types are refused).
 */
class RtmOspfHeader : public Header
{
  public:
    static constexpr uint8_t VERSION = 2;                   //!< OSPF version 2
    static constexpr uint32_t SIZE = 24;                    //!< bytes on the wire
    static constexpr uint32_t AUTH_OFFSET = 16;             //!< where the authentication field is
    static constexpr uint32_t AUTH_SIZE = 8;                //!< its size
    static constexpr uint8_t HELLO = 1;                     //!< type: hello
    static constexpr uint8_t DB_DESCRIPTION = 2;            //!< type: database description
    static constexpr uint8_t LS_REQUEST = 3;                //!< type: link-state request
    static constexpr uint8_t LS_UPDATE = 4;                 //!< type: link-state update (LSAs)
    static constexpr uint8_t LS_ACK = 5;                    //!< type: link-state acknowledgement
    static constexpr uint8_t IP_PROTOCOL = 89;              //!< IPv4 protocol number of OSPF
    static constexpr uint32_t ALL_SPF_ROUTERS = 0xE0000005; //!< 224.0.0.5
    static constexpr uint32_t ALL_D_ROUTERS = 0xE0000006;   //!< 224.0.0.6

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
    /// @param areaId the area id
    void SetAreaId(Ipv4Address areaId);
    /// @return the area id
    Ipv4Address GetAreaId() const;
    /// @param auType the authentication type
    void SetAuType(uint16_t auType);
    /// @return the authentication type (0 in a packet this agent accepts)
    uint16_t GetAuType() const;

    /**
     * @brief The RFC 1071 checksum of a byte range: the one's complement of the one's-complement
     * sum of its 16-bit big-endian words (an odd last byte is padded with 0).
     * @param data the bytes
     * @param size how many
     * @return the checksum; a range that contains its own correct checksum gives 0
     */
    static uint16_t Checksum(const uint8_t* data, uint32_t size);

    /**
     * @brief The OSPF packet checksum: RFC 1071 over the packet without its authentication
     * field (bytes AUTH_OFFSET to AUTH_OFFSET + AUTH_SIZE).
     * @param data the packet, at least SIZE bytes
     * @param size its size
     * @return the checksum; a packet that carries its own correct checksum gives 0
     */
    static uint16_t PacketChecksum(const uint8_t* data, uint32_t size);

  private:
    uint8_t m_version;   //!< version
    uint8_t m_type;      //!< packet type
    uint16_t m_length;   //!< packet length
    uint32_t m_routerId; //!< router id, host order
    uint32_t m_areaId;   //!< area id, host order
    uint16_t m_checksum; //!< checksum
    uint16_t m_auType;   //!< authentication type
};

} // namespace ns3

#endif /* RTM_OSPF_HEADER_H */
