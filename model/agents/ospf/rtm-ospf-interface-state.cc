/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#include "rtm-ospf-interface-state.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmOspfInterfaceState");

const char*
RtmOspfInterfaceStateName(RtmOspfInterfaceState state)
{
    switch (state)
    {
    case RtmOspfInterfaceState::Down:
        return "Down";
    case RtmOspfInterfaceState::PointToPoint:
        return "Point-to-point";
    case RtmOspfInterfaceState::Waiting:
        return "Waiting";
    case RtmOspfInterfaceState::DrOther:
        return "DROther";
    case RtmOspfInterfaceState::Backup:
        return "Backup";
    case RtmOspfInterfaceState::Dr:
        return "DR";
    }
    return "?";
}

std::ostream&
operator<<(std::ostream& os, RtmOspfInterfaceState state)
{
    return os << RtmOspfInterfaceStateName(state);
}

} // namespace ns3
