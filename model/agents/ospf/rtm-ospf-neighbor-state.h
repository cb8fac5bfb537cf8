/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#ifndef RTM_OSPF_NEIGHBOR_STATE_H
#define RTM_OSPF_NEIGHBOR_STATE_H

#include <cstdint>
#include <ostream>

namespace ns3
{

/**
 * @ingroup rtm
 * @brief The states of the OSPF neighbour state machine (RFC 2328 10.1) that the link-state agent
 * (RtmOspfAgent) uses on point-to-point interfaces (Attempt, for NBMA networks, is left out).
 */
enum class RtmOspfNeighborState : uint8_t
{
    Down = 0, //!< nothing heard (the neighbour is forgotten)
    Init,     //!< a hello heard that does not list us
    TwoWay,   //!< a hello heard that lists us (passed at once to ExStart on point-to-point)
    ExStart,  //!< negotiating master and slave and the first DD sequence number
    Exchange, //!< describing the databases to each other (DD packets)
    Loading,  //!< requesting the LSAs the neighbour has newer (LS requests)
    Full,     //!< databases synchronised: the adjacency is in the router-LSA
};

/**
 * @ingroup rtm
 * @brief The name of a state ("Down", "Init", "2-Way", "ExStart", ...).
 * @param state the state
 * @return its name
 */
const char* RtmOspfNeighborStateName(RtmOspfNeighborState state);

/**
 * @ingroup rtm
 * @brief Print a state by name.
 * @param os the stream
 * @param state the state
 * @return the stream
 */
std::ostream& operator<<(std::ostream& os, RtmOspfNeighborState state);

} // namespace ns3

#endif /* RTM_OSPF_NEIGHBOR_STATE_H */
