/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#include "rtm-ospf-neighbor-state.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmOspfNeighborState");

const char*
RtmOspfNeighborStateName(RtmOspfNeighborState state)
{
    switch (state)
    {
    case RtmOspfNeighborState::Down:
        return "Down";
    case RtmOspfNeighborState::Init:
        return "Init";
    case RtmOspfNeighborState::TwoWay:
        return "2-Way";
    case RtmOspfNeighborState::ExStart:
        return "ExStart";
    case RtmOspfNeighborState::Exchange:
        return "Exchange";
    case RtmOspfNeighborState::Loading:
        return "Loading";
    case RtmOspfNeighborState::Full:
        return "Full";
    }
    return "Unknown";
}

std::ostream&
operator<<(std::ostream& os, RtmOspfNeighborState state)
{
    return os << RtmOspfNeighborStateName(state);
}

} // namespace ns3
