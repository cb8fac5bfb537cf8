/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#ifndef RTM_RIP_DROP_REASON_H
#define RTM_RIP_DROP_REASON_H

#include <cstdint>
#include <ostream>

namespace ns3
{

/**
 * @ingroup rtm
 * @brief Why the distance-vector agent (RtmRipAgent) discarded a received message.
 *
 * The checks run in this order: the receiving interface (InactiveInterface), the source address
 * (OwnAddress, NotNeighbor), the size (Oversized above 504 bytes or the interface MTU), the
 * message itself (RtmRipHeader::Parse: Truncated ... BadAddress, the same numeric values as
 * RtmRipHeader::Status), its authentication (AuthenticationFailed), then the source port of a
 * response (BadSourcePort: responses must come from port 520; requests may come from any port). The
 * same style as the other drop reasons (RtmIpv4DropReason, RtmOspfDropReason).
 */
enum class RtmRipDropReason : uint8_t
{
    Truncated = 1,             //!< partial header or RTE (RtmRipHeader::TRUNCATED)
    Oversized = 2,             //!< more than 25 RTEs, or more than the MTU
    BadVersion = 3,            //!< version not 2
    BadCommand = 4,            //!< neither request nor response
    BadAddressFamily = 5,      //!< address family not 2 (AF_INET)
    BadMetric = 6,             //!< metric 0 or above infinity
    BadMask = 7,               //!< non-contiguous mask
    BadAddress = 8,            //!< not a unicast network
    BadSourcePort = 9,         //!< a response not from port 520
    NotNeighbor = 10,          //!< source not on the receiving interface's networks
    OwnAddress = 11,           //!< source is one of this node's addresses
    InactiveInterface = 12,    //!< received on an interface RIP does not run on
    AuthenticationFailed = 13, //!< password missing or wrong, or not expected (RFC 2453 4.1)
    Count                      //!< number of codes, 0 unused (not a reason)
};

/**
 * @ingroup rtm
 * @brief The name of a drop reason ("Truncated", "BadSourcePort", ...).
 * @param reason the reason
 * @return its name
 */
const char* RtmRipDropReasonName(RtmRipDropReason reason);

/**
 * @ingroup rtm
 * @brief Print a drop reason by name.
 * @param os the stream
 * @param reason the reason
 * @return the stream
 */
std::ostream& operator<<(std::ostream& os, RtmRipDropReason reason);

} // namespace ns3

#endif /* RTM_RIP_DROP_REASON_H */
