/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#ifndef RTM_OSPF_BYTES_H
#define RTM_OSPF_BYTES_H

#include <cstdint>

namespace ns3
{

/**
 * @ingroup rtm
 * @brief Network-order (big-endian) fields in the raw bytes of link-state packets and
 * advertisements, which are checksummed as byte arrays.
 */
class RtmOspfBytes
{
  public:
    /**
     * @brief Write a 16-bit field.
     * @param p where
     * @param v the value
     */
    static void Put16(uint8_t* p, uint16_t v)
    {
        p[0] = static_cast<uint8_t>(v >> 8);
        p[1] = static_cast<uint8_t>(v);
    }

    /**
     * @brief Write a 32-bit field.
     * @param p where
     * @param v the value
     */
    static void Put32(uint8_t* p, uint32_t v)
    {
        p[0] = static_cast<uint8_t>(v >> 24);
        p[1] = static_cast<uint8_t>(v >> 16);
        p[2] = static_cast<uint8_t>(v >> 8);
        p[3] = static_cast<uint8_t>(v);
    }

    /**
     * @param p where
     * @return the 16-bit field
     */
    static uint16_t Get16(const uint8_t* p)
    {
        return static_cast<uint16_t>((p[0] << 8) | p[1]);
    }

    /**
     * @param p where
     * @return the 32-bit field
     */
    static uint32_t Get32(const uint8_t* p)
    {
        return (static_cast<uint32_t>(p[0]) << 24) | (static_cast<uint32_t>(p[1]) << 16) |
               (static_cast<uint32_t>(p[2]) << 8) | p[3];
    }
};

} // namespace ns3

#endif /* RTM_OSPF_BYTES_H */
