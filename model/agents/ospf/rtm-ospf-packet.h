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
 * @brief One decoded OSPFv2 packet (RFC 2328 A.3) of the link-state agent: the common header
 * (RtmOspfHeader) and the body of its type. Encode() produces the bytes (length and checksum
 * filled in); Decode() checks untrusted bytes completely before anything is returned.
 *
 * Bodies (big-endian):
 * - HELLO (A.3.2): network mask (4), HelloInterval (2, seconds), options (1), router priority
 *   (1), RouterDeadInterval (4, seconds), designated router (4), backup designated router (4),
 *   then the router ids of the neighbours heard on the interface (4 each).
 * - DB_DESCRIPTION (A.3.3): interface MTU (2), options (1), flags (1: I, M, MS), DD sequence
 *   number (4), then LSA headers (20 each).
 * - LS_REQUEST (A.3.4): per requested LSA: LS type (4), link state id (4), advertising router (4).
 * - LS_UPDATE (A.3.5): LSA count (4), then the LSAs (RtmOspfLsa). An LSA of an unknown LS type
 *   is skipped (counted in #ignoredLsas), as RFC 2328 13 (2) says.
 * - LS_ACK (A.3.6): LSA headers (20 each).
 */
class RtmOspfPacket
{
  public:
    static constexpr uint32_t HELLO_FIXED = 20;  //!< bytes of a hello body without neighbours
    static constexpr uint32_t DD_FIXED = 8;      //!< bytes of a DD body without LSA headers
    static constexpr uint32_t REQUEST_SIZE = 12; //!< bytes per requested LSA
    static constexpr uint32_t LIST_FIXED = 4;    //!< bytes of an update before the LSAs
    static constexpr uint32_t ACK_SIZE = RtmOspfLsa::HEADER_SIZE; //!< bytes per LSA header
    static constexpr uint8_t DD_FLAG_MS = 0x01;                   //!< DD flags: master
    static constexpr uint8_t DD_FLAG_M = 0x02;                    //!< DD flags: more
    static constexpr uint8_t DD_FLAG_I = 0x04;                    //!< DD flags: init
    /// Largest packet: an IPv4 datagram's 65,535 bytes less a 20-byte header (no options).
    static constexpr uint32_t MAX_SIZE = 65535 - 20;
    /// Most neighbours a hello can list within MAX_SIZE (16,367).
    static constexpr uint32_t MAX_HELLO_NEIGHBORS =
        (MAX_SIZE - RtmOspfHeader::SIZE - HELLO_FIXED) / 4;

    /// The body of a hello.
    struct Hello
    {
        uint16_t helloInterval{0};             //!< sender's HelloInterval, seconds
        uint32_t deadInterval{0};              //!< sender's RouterDeadInterval, seconds
        uint32_t mask{0};                      //!< network mask of the sending interface
        uint8_t options{RtmOspfLsa::OPTION_E}; //!< options
        uint8_t priority{0};                   //!< router priority (0 on point-to-point links)
        uint32_t designatedRouter{0};          //!< DR (0.0.0.0 on point-to-point links)
        uint32_t backupRouter{0};              //!< BDR (0.0.0.0 on point-to-point links)
        std::vector<uint32_t> neighbors;       //!< router ids heard on the interface
    };

    /// An LSA header (A.4.1): an acknowledged LSA instance, or one described in a DD packet.
    struct Ack
    {
        uint32_t advRouter{0};                 //!< advertising router
        uint32_t sequence{0};                  //!< sequence number
        uint16_t checksum{0};                  //!< LSA checksum
        uint16_t age{0};                       //!< age (MaxAge marks a flushed instance)
        uint8_t type{RtmOspfLsa::ROUTER_LSA};  //!< LS type
        uint32_t linkStateId{0};               //!< link state id (0: as advRouter, on encoding)
        uint8_t options{RtmOspfLsa::OPTION_E}; //!< options
        uint16_t length{RtmOspfLsa::HEADER_SIZE + RtmOspfLsa::ROUTER_FIXED}; //!< LSA length
    };

    /// The body of a database description.
    struct Dd
    {
        uint16_t mtu{0};                       //!< interface MTU
        uint8_t options{RtmOspfLsa::OPTION_E}; //!< options
        uint8_t flags{0};                      //!< I, M, MS
        uint32_t sequence{0};                  //!< DD sequence number
        std::vector<Ack> headers;              //!< LSA headers
    };

    /// One requested LSA.
    struct Request
    {
        uint32_t type{RtmOspfLsa::ROUTER_LSA}; //!< LS type
        uint32_t linkStateId{0};               //!< link state id
        uint32_t advRouter{0};                 //!< advertising router
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
    Dd dd;                              //!< body of a DB_DESCRIPTION
    std::vector<Request> requests;      //!< body of an LS_REQUEST
    std::vector<RtmOspfLsa> lsas;       //!< body of an LS_UPDATE
    uint32_t ignoredLsas{0};            //!< LSAs of unknown type skipped in an LS_UPDATE
    std::vector<Ack> acks;              //!< body of an LS_ACK

    /// @return the size of the encoded packet (saturated at 0xFFFFFFFF)
    uint32_t GetSerializedSize() const;

    /**
     * @return the bytes on the wire (length and checksum set); none (empty) if the packet would
     * be larger than MAX_SIZE: its 16-bit length field would wrap, and no IPv4 datagram holds it
     */
    std::vector<uint8_t> Encode() const;

    /**
     * @brief Encode an LS_UPDATE straight from stored LSAs (what Encode gives for the same
     * LSAs with those ages, without copying them).
     * @param routerId the sender
     * @param lsas the LSAs and their ages
     * @return the bytes on the wire; none (empty) if larger than MAX_SIZE, as Encode
     */
    static std::vector<uint8_t> EncodeUpdate(uint32_t routerId, const std::vector<LsaRef>& lsas);

    /// @return the bytes as an ns-3 packet; null if larger than MAX_SIZE
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

    /**
     * @brief Write an LSA header.
     * @param a the header
     * @param out 20 bytes
     */
    static void WriteLsaHeader(const Ack& a, uint8_t* out);

  private:
    /**
     * @brief Decode's first phase: the common header, the length against the bytes, the
     * checksum and the sender.
     * @param data the bytes
     * @param size how many
     * @param type the packet type (out; one of the five known types on success)
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
     * @brief Decode LSA headers (of a DD or an LS_ACK).
     * @param p the headers
     * @param left their size in bytes (a multiple of 20, else BadLength)
     * @param limits the limits (an age above maxAge is refused)
     * @param headers the headers (out; empty on entry)
     * @param reason why the bytes were refused (out, on failure)
     * @return true if valid
     */
    static bool DecodeLsaHeaders(const uint8_t* p,
                                 uint32_t left,
                                 const Limits& limits,
                                 std::vector<Ack>* headers,
                                 RtmOspfDropReason* reason);

    /**
     * @brief Decode the body of a DB_DESCRIPTION.
     * @param p the body
     * @param left its size in bytes
     * @param limits the limits
     * @param dd the body (out)
     * @param reason why the bytes were refused (out, on failure)
     * @return true if valid
     */
    static bool DecodeDd(const uint8_t* p,
                         uint32_t left,
                         const Limits& limits,
                         Dd* dd,
                         RtmOspfDropReason* reason);

    /**
     * @brief Decode the body of an LS_REQUEST.
     * @param p the body
     * @param left its size in bytes
     * @param requests the entries (out; empty on entry)
     * @param reason why the bytes were refused (out, on failure)
     * @return true if valid
     */
    static bool DecodeRequest(const uint8_t* p,
                              uint32_t left,
                              std::vector<Request>* requests,
                              RtmOspfDropReason* reason);

    /**
     * @brief Decode the body of an LS_UPDATE: the count, then every LSA (RtmOspfLsa::Read).
     * @param p the body
     * @param left its size in bytes
     * @param limits the limits
     * @param lsas the LSAs (out; empty on entry)
     * @param ignored LSAs of unknown type skipped (out)
     * @param reason why the bytes were refused (out, on failure)
     * @return true if the body is valid and holds exactly the LSAs counted
     */
    static bool DecodeUpdate(const uint8_t* p,
                             uint32_t left,
                             const Limits& limits,
                             std::vector<RtmOspfLsa>* lsas,
                             uint32_t* ignored,
                             RtmOspfDropReason* reason);
};

} // namespace ns3

#endif /* RTM_OSPF_PACKET_H */
