/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#ifndef RTM_OSPF_LSA_H
#define RTM_OSPF_LSA_H

#include "rtm-ospf-drop-reason.h"

#include <cstdint>
#include <ostream>
#include <vector>

namespace ns3
{

/**
 * @ingroup rtm
 * @brief An OSPFv2 router-LSA (RFC 2328 A.4.1 and A.4.2: one router, its links to full
 * neighbours (point-to-point), to transit networks and to its stub networks, with costs) or
 * network-LSA (A.4.3: a broadcast network, originated by its designated router: the network
 * mask and the routers attached, i.e. fully adjacent to the DR, and the DR itself).
 *
 * Wire format (big-endian): the 20-byte LSA header, 4 bytes of router-LSA fields, then 12 bytes
 * per link (a received link may carry TOS metrics, 4 bytes each; they are skipped).
 * @verbatim
  +-------------------------------+---------------+---------------+
  |          LS age (s)           |    options    |  LS type (1)  |
  +-------------------------------+---------------+---------------+
  |               link state id (= advertising router)            |
  +---------------------------------------------------------------+
  |                      advertising router                       |
  +---------------------------------------------------------------+
  |                      LS sequence number                       |
  +-------------------------------+-------------------------------+
  |     LS checksum (Fletcher)    |            length             |
  +---------------+---------------+-------------------------------+
  | 0 0 0 0 0 V E B |      0      |          # links              |
  +---------------+---------------+-------------------------------+
  per link:
  +---------------------------------------------------------------+
  |   link id: neighbour router id (POINT_TO_POINT) / network     |
  +---------------------------------------------------------------+
  |  link data: own interface address / network mask (STUB)       |
  +---------------+---------------+-------------------------------+
  |     type      |    # TOS (0)  |            metric             |
  +---------------+---------------+-------------------------------+
 @endverbatim
 * A network-LSA (type 2) has the same header, its link state id the DR's interface address on
 * the network, then the network mask (4) and one attached router id (4) per router.
 *
 * The checksum is the Fletcher checksum (RFC 905 annex B, RFC 2328 12.1.7) of the LSA from byte 2
 * (the age, which changes in transit, is left out) to its end; a correct LSA sums to zero.
 *
 * Sequence numbers are signed (RFC 2328 12.1.6): INITIAL_SEQUENCE (0x80000001) to MAX_SEQUENCE
 * (0x7FFFFFFF); 0x80000000 is reserved. Instances of one router's LSA are ordered as in RFC 2328
 * 13.1: the higher (signed) sequence number is newer; with equal numbers the higher checksum;
 * then an instance at MaxAge is newer than one that is not.
 */
class RtmOspfLsa
{
  public:
    static constexpr uint32_t HEADER_SIZE = 20;               //!< bytes of the LSA header
    static constexpr uint32_t ROUTER_FIXED = 4;               //!< router-LSA fields
    static constexpr uint32_t NETWORK_FIXED = 4;              //!< network-LSA mask
    static constexpr uint32_t LINK_SIZE = 12;                 //!< bytes per link
    static constexpr uint32_t CHECKSUM_OFFSET = 16;           //!< where the checksum is
    static constexpr uint8_t ROUTER_LSA = 1;                  //!< router-LSA type
    static constexpr uint8_t NETWORK_LSA = 2;                 //!< network-LSA type
    static constexpr uint8_t OPTION_E = 0x02;                 //!< options: E bit
    static constexpr uint32_t INITIAL_SEQUENCE = 0x80000001;  //!< first sequence number
    static constexpr uint32_t RESERVED_SEQUENCE = 0x80000000; //!< never valid
    static constexpr uint32_t MAX_SEQUENCE = 0x7FFFFFFF;      //!< highest sequence number
    static constexpr uint16_t MAX_METRIC = 0xFFFE;            //!< highest valid link metric

    /// One link of a router LSA.
    struct Link
    {
        static constexpr uint8_t POINT_TO_POINT = 1; //!< to a two-way neighbour router
        static constexpr uint8_t TRANSIT = 2;        //!< to a transit (broadcast) network
        static constexpr uint8_t STUB = 3;           //!< to a network

        uint8_t type{STUB}; //!< POINT_TO_POINT, TRANSIT or STUB
        uint16_t metric{1}; //!< cost, 1..MAX_METRIC
        /// neighbour router id, the DR's interface address (TRANSIT), or network address (STUB);
        /// host order
        uint32_t id{0};
        uint32_t data{0}; //!< own interface address, or network mask (STUB) (host order)

        /**
         * @param o another link
         * @return true if every field is equal
         */
        bool operator==(const Link& o) const
        {
            return type == o.type && metric == o.metric && id == o.id && data == o.data;
        }

        /**
         * @param o another link
         * @return true if a field differs
         */
        bool operator!=(const Link& o) const
        {
            return !(*this == o);
        }
    };

    uint16_t age{0};           //!< age in seconds when sent or stored
    uint8_t options{OPTION_E}; //!< options (not used for routing)
    uint8_t type{ROUTER_LSA};  //!< LSA type
    uint32_t advRouter{0};     //!< advertising router id (host order)
    /// link state id of a network-LSA: the DR's interface address (a router-LSA's is advRouter)
    uint32_t linkStateId{0};
    uint32_t sequence{INITIAL_SEQUENCE}; //!< sequence number
    uint16_t checksum{0};                //!< LSA checksum (see the class text)
    std::vector<Link> links;             //!< the links (router-LSA)
    uint32_t networkMask{0};             //!< network mask (network-LSA)
    std::vector<uint32_t> attached;      //!< attached router ids (network-LSA)

    /**
     * @brief The database key of an LSA: a router-LSA's is its router id (so that router ids
     * look router-LSAs up directly), another type's is (type << 32) | link state id.
     * @param type the LS type
     * @param linkStateId the link state id
     * @return the key
     */
    static uint64_t KeyOf(uint8_t type, uint32_t linkStateId)
    {
        return type == ROUTER_LSA ? uint64_t{linkStateId}
                                  : (uint64_t{type} << 32) | uint64_t{linkStateId};
    }

    /**
     * @param key a database key (KeyOf)
     * @return its LS type
     */
    static uint8_t TypeOfKey(uint64_t key)
    {
        return (key >> 32) == 0 ? ROUTER_LSA : static_cast<uint8_t>(key >> 32);
    }

    /// @return the link state id on the wire (a router-LSA's is its advertising router)
    uint32_t GetLinkStateId() const
    {
        return type == ROUTER_LSA ? advRouter : linkStateId;
    }

    /// @return this LSA's database key (KeyOf)
    uint64_t GetKey() const
    {
        return KeyOf(type, GetLinkStateId());
    }

    /// @return the size on the wire
    uint32_t GetSerializedSize() const;

    /**
     * @brief Write the LSA, with its stored checksum and age.
     * @param out at least GetSerializedSize() bytes
     */
    void Write(uint8_t* out) const;

    /// @return the checksum of the LSA as it would be written (its checksum field ignored)
    uint16_t ComputeChecksum() const;

    /// Set #checksum from the content.
    void UpdateChecksum();

    /**
     * @brief The Fletcher checksum of RFC 905 annex B, as OSPF uses it (RFC 2328 12.1.7).
     * @param data the bytes, with the two checksum bytes set to 0
     * @param size how many
     * @param offset where the checksum bytes are (0-based, offset + 1 < size)
     * @return the two checksum bytes (first one in the high byte)
     */
    static uint16_t Fletcher(const uint8_t* data, uint32_t size, uint32_t offset);

    /**
     * @param data bytes holding a Fletcher checksum
     * @param size how many
     * @return true if both Fletcher sums of the bytes are 0 (the checksum verifies)
     */
    static bool FletcherVerifies(const uint8_t* data, uint32_t size);

    /**
     * @param aSequence a sequence number
     * @param bSequence another
     * @return true if a is newer (larger as a signed 32-bit number)
     */
    static bool SequenceNewer(uint32_t aSequence, uint32_t bSequence);

    /**
     * @brief Read and check one LSA. An LSA of another type than ROUTER_LSA or NETWORK_LSA whose
     * length fits
     * is refused with BadLsaType and *consumed set, so that the caller can skip it.
     * @param in the bytes
     * @param size how many bytes are available from in
     * @param maxLinks the largest link count accepted
     * @param maxAge the largest age accepted (MaxAge in seconds)
     * @param lsa the LSA (out)
     * @param consumed bytes used (out, on success and on BadLsaType)
     * @param reason why it was refused (out, on failure)
     * @return true if the LSA is valid
     */
    static bool Read(const uint8_t* in,
                     uint32_t size,
                     uint32_t maxLinks,
                     uint16_t maxAge,
                     RtmOspfLsa* lsa,
                     uint32_t* consumed,
                     RtmOspfDropReason* reason);

    /**
     * @brief Read's network-LSA part: the header's length checked, the rest of the LSA.
     * @param in the bytes
     * @param length the LSA's length field (at most the bytes available)
     * @param maxLinks the largest attached-router count accepted
     * @param maxAge the largest age accepted
     * @param lsa the LSA (out)
     * @param consumed bytes used (out, on success)
     * @param reason why it was refused (out, on failure)
     * @return true if the LSA is valid
     */
    static bool ReadNetwork(const uint8_t* in,
                            uint32_t length,
                            uint32_t maxLinks,
                            uint16_t maxAge,
                            RtmOspfLsa* lsa,
                            uint32_t* consumed,
                            RtmOspfDropReason* reason);

    /**
     * @brief The 20-byte LSA header's fields, as on the wire (the length and LS type already
     * checked by Read): age, options, type, link state id, advertising router, sequence, checksum.
     * @param in the LSA's bytes (at least HEADER_SIZE)
     * @param lsa where they go (out)
     */
    static void ReadHeader(const uint8_t* in, RtmOspfLsa* lsa);

    /**
     * @brief Read's link parsing: count links (TOS metrics skipped) that must end exactly at
     * length.
     * @param in the LSA's bytes
     * @param length its length field (checked against the bytes present)
     * @param count its link count
     * @param lsa where the links go (out)
     * @return true if the links fill the LSA exactly
     */
    static bool ReadLinks(const uint8_t* in, uint32_t length, uint32_t count, RtmOspfLsa* lsa);

    /**
     * @brief Check the content of an LSA (what Read checks after the byte layout).
     * @param maxLinks the largest link count accepted
     * @param maxAge the largest age accepted
     * @param reason why it is invalid (out, optional)
     * @return true if valid
     */
    bool IsValid(uint32_t maxLinks, uint16_t maxAge, RtmOspfDropReason* reason = nullptr) const;

    /**
     * @param o another instance
     * @return true if the links, or the mask and attached routers (the content that matters for
     * routing) are equal
     */
    bool SameLinks(const RtmOspfLsa& o) const;

    /**
     * @brief Order two instances of one router's LSA (RFC 2328 13.1, without MaxAgeDiff).
     * @param aSequence sequence of a
     * @param aChecksum checksum of a
     * @param aMaxAged whether a is at MaxAge
     * @param bSequence sequence of b
     * @param bChecksum checksum of b
     * @param bMaxAged whether b is at MaxAge
     * @return > 0 if a is newer, < 0 if b is newer, 0 if they are the same instance
     */
    static int CompareInstances(uint32_t aSequence,
                                uint16_t aChecksum,
                                bool aMaxAged,
                                uint32_t bSequence,
                                uint16_t bChecksum,
                                bool bMaxAged);
};

/**
 * @ingroup rtm
 * @brief Print an LSA on one line.
 * @param os the stream
 * @param lsa the LSA
 * @return the stream
 */
std::ostream& operator<<(std::ostream& os, const RtmOspfLsa& lsa);

} // namespace ns3

#endif /* RTM_OSPF_LSA_H */
