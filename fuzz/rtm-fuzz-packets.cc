/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

/**
 * @file
 * @ingroup rtm-tests
 * libFuzzer harness of the two packet parsers: RtmRipHeader::Parse (RIPv2) and the public decode
 * entry point of the link-state agent, RtmOspfPacket::Decode. The first input byte chooses:
 * bit 0 the parser (0 RIP, 1 OSPF); for RIP bit 1 an infinity of 16 or 255; for OSPF bit 1
 * whether the length field and the checksum are recomputed (RtmOspfPacket::Reseal) first, so that
 * the fuzzer gets past the checksum. The rest is the packet.
 *
 * Checked besides crashes and sanitizer reports: what a parser accepts, encoded again, is
 * accepted again and encodes to the same bytes (a fixed point after one round), and a refusal
 * always names a reason.
 *
 * The OSPF part only uses Decode and Encode, so that it survives a rewrite of the agent.
 */

#include "ns3/packet.h"
#include "ns3/rtm-ospf-drop-reason.h"
#include "ns3/rtm-ospf-packet.h"
#include "ns3/rtm-rip-header.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace
{

using namespace ns3;

/**
 * @brief Print a finding and abort, so that libFuzzer saves the input.
 * @param what the finding
 */
[[noreturn]] void
Finding(const std::string& what)
{
    std::fprintf(stderr, "rtm-fuzz-packets: %s\n", what.c_str());
    std::abort();
}

/**
 * @param h a RIP header
 * @return its bytes on the wire
 */
std::vector<uint8_t>
RipBytes(const RtmRipHeader& h)
{
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(h);
    std::vector<uint8_t> b(p->GetSize());
    p->CopyData(b.data(), b.size());
    return b;
}

/**
 * @brief RIP: parse; what is accepted must survive a round trip.
 * @param data the message
 * @param size its size
 * @param infinity the infinity metric
 */
void
FuzzRip(const uint8_t* data, size_t size, uint32_t infinity)
{
    RtmRipHeader h;
    RtmRipHeader::Status s = RtmRipHeader::Parse(data, size, &h, infinity);
    if (RtmRipHeader::StatusName(s) == nullptr)
    {
        Finding("a RIP status without a name");
    }
    if (s != RtmRipHeader::OK)
    {
        return;
    }
    std::vector<uint8_t> once = RipBytes(h);
    RtmRipHeader again;
    RtmRipHeader::Status s2 = RtmRipHeader::Parse(once.data(), once.size(), &again, infinity);
    if (s2 != RtmRipHeader::OK)
    {
        Finding(std::string("an accepted RIP message, encoded again, is refused: ") +
                RtmRipHeader::StatusName(s2));
    }
    if (again.GetRteNumber() != h.GetRteNumber() ||
        again.HasAuthentication() != h.HasAuthentication() ||
        again.IsWholeTableRequest() != h.IsWholeTableRequest() || RipBytes(again) != once)
    {
        Finding("a RIP message changes in a round trip");
    }
    if (h.GetRteNumber() > RtmRipHeader::MAX_RTES)
    {
        Finding("more RTEs accepted than a message can hold");
    }
}

/**
 * @brief OSPF: decode; what is accepted must survive a round trip.
 * @param bytes the packet
 */
void
FuzzOspf(const std::vector<uint8_t>& bytes)
{
    RtmOspfPacket::Limits limits;
    RtmOspfPacket packet;
    RtmOspfDropReason reason = RtmOspfDropReason::Count;
    if (!RtmOspfPacket::Decode(bytes.data(),
                               static_cast<uint32_t>(bytes.size()),
                               limits,
                               &packet,
                               &reason))
    {
        if (reason >= RtmOspfDropReason::Count)
        {
            Finding("an OSPF packet refused without a reason");
        }
        return;
    }
    std::vector<uint8_t> once = packet.Encode();
    if (once.size() != packet.GetSerializedSize())
    {
        Finding("Encode and GetSerializedSize disagree");
    }
    RtmOspfPacket again;
    if (!RtmOspfPacket::Decode(once.data(),
                               static_cast<uint32_t>(once.size()),
                               limits,
                               &again,
                               &reason))
    {
        Finding(std::string("an accepted OSPF packet, encoded again, is refused: ") +
                RtmOspfDropReasonName(reason));
    }
    if (again.Encode() != once)
    {
        Finding("an OSPF packet changes in a round trip");
    }
}

} // namespace

/**
 * @brief One input: a selector byte and a packet.
 * @param data the bytes
 * @param size their number
 * @return 0
 */
extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size == 0)
    {
        return 0;
    }
    const uint8_t mode = data[0];
    ++data;
    --size;
    if ((mode & 1) == 0)
    {
        FuzzRip(data, size, (mode & 2) ? 255 : RtmRipHeader::INFINITY_METRIC);
    }
    else
    {
        std::vector<uint8_t> bytes(data, data + size);
        if (mode & 2)
        {
            RtmOspfPacket::Reseal(&bytes);
        }
        FuzzOspf(bytes);
    }
    return 0;
}
