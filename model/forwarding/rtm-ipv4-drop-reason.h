/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef RTM_IPV4_DROP_REASON_H
#define RTM_IPV4_DROP_REASON_H

#include <cstdint>
#include <ostream>

namespace ns3
{

/**
 * @ingroup rtm
 * @brief Why the forwarding plane (RtmIpv4Routing) did not route a packet (its Drop trace
 * source). The same style as the agents' drop reasons (RtmRipDropReason, RtmOspfDropReason).
 */
enum class RtmIpv4DropReason : uint8_t
{
    NoRoute = 0,       //!< no best route covers the destination
    InterfaceDown = 1, //!< the best route leaves through a down interface
    NotForwarding = 2, //!< the input interface does not forward
    Broadcast = 3,     //!< a broadcast is never forwarded
    Multicast = 4,     //!< a multicast that nobody here listens to is not forwarded
    BadInterface = 5,  //!< the best route names an interface the node lacks
    Count              //!< number of reasons (not a reason)
};

/**
 * @ingroup rtm
 * @brief The name of a drop reason ("NoRoute", ...).
 * @param reason the reason
 * @return its name
 */
const char* RtmIpv4DropReasonName(RtmIpv4DropReason reason);

/**
 * @ingroup rtm
 * @brief Print a drop reason by name.
 * @param os the stream
 * @param reason the reason
 * @return the stream
 */
std::ostream& operator<<(std::ostream& os, RtmIpv4DropReason reason);

} // namespace ns3

#endif /* RTM_IPV4_DROP_REASON_H */
