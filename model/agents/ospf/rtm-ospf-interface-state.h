/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#ifndef RTM_OSPF_INTERFACE_STATE_H
#define RTM_OSPF_INTERFACE_STATE_H

#include <cstdint>
#include <ostream>

namespace ns3
{

/**
 * @ingroup rtm
 * @brief The states of the OSPF interface state machine (RFC 2328 9.1) that the link-state agent
 * (RtmOspfAgent) uses (Loopback, for loopback interfaces, is left out).
 */
enum class RtmOspfInterfaceState : uint8_t
{
    Down = 0,     //!< the interface is down
    PointToPoint, //!< a point-to-point interface, up
    Waiting,      //!< broadcast: learning the DR and BDR before an election (Wait timer)
    DrOther,      //!< broadcast: neither DR nor BDR
    Backup,       //!< broadcast: the backup designated router
    Dr,           //!< broadcast: the designated router
};

/**
 * @ingroup rtm
 * @brief The name of a state ("Down", "Point-to-point", "Waiting", "DROther", "Backup", "DR").
 * @param state the state
 * @return its name
 */
const char* RtmOspfInterfaceStateName(RtmOspfInterfaceState state);

/**
 * @ingroup rtm
 * @brief Print a state by name.
 * @param os the stream
 * @param state the state
 * @return the stream
 */
std::ostream& operator<<(std::ostream& os, RtmOspfInterfaceState state);

} // namespace ns3

#endif /* RTM_OSPF_INTERFACE_STATE_H */
