/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#ifndef RTM_OSPF_PACKET_H
#define RTM_OSPF_PACKET_H

#include "rtm-ospf-drop-reason.h"
#include "rtm-ospf-header.h"
#include "rtm-ospf-lsa.h"

#include "ns3/packet.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * @ingroup rtm
 * @brief One decoded packet of the link-state agent: the common header (RtmOspfHeader) and the
 * body of its type. Encode() produces the bytes (length and checksum filled in); Decode() checks
 * untrusted bytes completely before anything is returned.
 *
 * Bodies (big-endian):
 * - HELLO: hello interval (ms, 4 bytes), dead interval (ms, 4), network mask of the sending
 *   interface (4), neighbour count (2), reserved (2), then the router ids of the neighbours
 *   heard on that interface within the dead interval (4 each).
 * - LS_UPDATE: LSA count (2), reserved (2), then the LSAs (RtmOspfLsa).
 * - LS_ACK: entry count (2), reserved (2), then per acknowledged LSA instance: advertising
 *   router (4), sequence (4), checksum (2), age (2).
 */
class RtmOspfPacket
{
  public:
    static constexpr uint32_t HELLO_FIXED = 16; //!< bytes of a hello body without neighbours
    static constexpr uint32_t LIST_FIXED = 4;   //!< bytes before the LSAs or acks
    static constexpr uint32_t ACK_SIZE = 12;    //!< bytes per acknowledged LSA

    /// The body of a hello.
    struct Hello
    {
        uint32_t helloIntervalMs{0};     //!< sender's hello interval
        uint32_t deadIntervalMs{0};      //!< sender's dead interval
        uint32_t mask{0};                //!< network mask of the sending interface
        std::vector<uint32_t> neighbors; //!< router ids heard on the interface
    };

    /// One acknowledged LSA instance.
    struct Ack
    {
        uint32_t advRouter{0}; //!< advertising router
        uint32_t sequence{0};  //!< sequence number
        uint16_t checksum{0};  //!< LSA checksum
        uint16_t age{0};       //!< age (MaxAge marks a flushed instance)
    };

    /// An LSA to encode in an update, with the age to write (the stored LSA is not copied).
    struct LsaRef
    {
        const RtmOspfLsa* lsa; //!< the LSA
        uint16_t age;          //!< age on the wire
    };

    /// Limits applied by Decode.
    struct Limits
    {
        uint32_t maxLinks{1000}; //!< largest link count of an LSA
        uint16_t maxAge{3600};   //!< largest LSA age
    };

    uint8_t type{RtmOspfHeader::HELLO}; //!< packet type
    uint32_t routerId{0};               //!< sender's router id (host order)
    Hello hello;                        //!< body of a HELLO
    std::vector<RtmOspfLsa> lsas;       //!< body of an LS_UPDATE
    std::vector<Ack> acks;              //!< body of an LS_ACK

    /// @return the size of the encoded packet
    uint32_t GetSerializedSize() const;

    /// @return the bytes on the wire (length and checksum set)
    std::vector<uint8_t> Encode() const;

    /**
     * @brief Encode an LS_UPDATE straight from stored LSAs (what Encode gives for the same
     * LSAs with those ages, without copying them).
     * @param routerId the sender
     * @param lsas the LSAs and their ages
     * @return the bytes on the wire
     */
    static std::vector<uint8_t> EncodeUpdate(uint32_t routerId, const std::vector<LsaRef>& lsas);

    /// @return the bytes as an ns-3 packet
    Ptr<Packet> ToPacket() const;

    /**
     * @brief Check and decode untrusted bytes.
     * @param data the bytes
     * @param size how many
     * @param limits the limits
     * @param out the packet (out; meaningful only on success)
     * @param reason why the bytes were refused (out, on failure)
     * @return true if the bytes are a valid packet
     */
    static bool Decode(const uint8_t* data,
                       uint32_t size,
                       const Limits& limits,
                       RtmOspfPacket* out,
                       RtmOspfDropReason* reason);

    /**
     * @brief Recompute the length field and the checksum of an encoded packet in place (for
     * tests that craft bad packets with a correct checksum).
     * @param bytes the packet
     */
    static void Reseal(std::vector<uint8_t>* bytes);

  private:
    /**
     * @brief Decode's first phase: the common header, the length against the bytes, the
     * checksum and the sender.
     * @param data the bytes
     * @param size how many
     * @param type the packet type (out; one of the three known types on success)
     * @param routerId the sender's router id, host order (out)
     * @param reason why the bytes were refused (out, on failure)
     * @return true if the header is valid
     */
    static bool DecodeHeader(const uint8_t* data,
                             uint32_t size,
                             uint8_t* type,
                             uint32_t* routerId,
                             RtmOspfDropReason* reason);

    /**
     * @brief Decode the body of a HELLO.
     * @param p the body
     * @param left its size in bytes
     * @param hello the body (out; empty on entry)
     * @param reason why the bytes were refused (out, on failure)
     * @return true if the body is valid
     */
    static bool DecodeHello(const uint8_t* p,
                            uint32_t left,
                            Hello* hello,
                            RtmOspfDropReason* reason);

    /**
     * @brief Decode the body of an LS_UPDATE: the count, then every LSA (RtmOspfLsa::Read).
     * @param p the body
     * @param left its size in bytes
     * @param limits the limits
     * @param lsas the LSAs (out; empty on entry)
     * @param reason why the bytes were refused (out, on failure)
     * @return true if the body is valid and holds exactly the LSAs counted
     */
    static bool DecodeUpdate(const uint8_t* p,
                             uint32_t left,
                             const Limits& limits,
                             std::vector<RtmOspfLsa>* lsas,
                             RtmOspfDropReason* reason);

    /**
     * @brief Decode the body of an LS_ACK.
     * @param p the body
     * @param left its size in bytes
     * @param limits the limits (an acknowledged age above maxAge is refused)
     * @param acks the entries (out; empty on entry)
     * @param reason why the bytes were refused (out, on failure)
     * @return true if the body is valid
     */
    static bool DecodeAck(const uint8_t* p,
                          uint32_t left,
                          const Limits& limits,
                          std::vector<Ack>* acks,
                          RtmOspfDropReason* reason);
};

} // namespace ns3

#endif /* RTM_OSPF_PACKET_H */
