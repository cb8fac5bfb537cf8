/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "rtm-ipv4-drop-reason.h"

namespace ns3
{

const char*
RtmIpv4DropReasonName(RtmIpv4DropReason reason)
{
    switch (reason)
    {
    case RtmIpv4DropReason::NoRoute:
        return "NoRoute";
    case RtmIpv4DropReason::InterfaceDown:
        return "InterfaceDown";
    case RtmIpv4DropReason::NotForwarding:
        return "NotForwarding";
    case RtmIpv4DropReason::Broadcast:
        return "Broadcast";
    case RtmIpv4DropReason::Multicast:
        return "Multicast";
    case RtmIpv4DropReason::BadInterface:
        return "BadInterface";
    case RtmIpv4DropReason::Count:
        break;
    }
    return "Unknown";
}

std::ostream&
operator<<(std::ostream& os, RtmIpv4DropReason reason)
{
    return os << RtmIpv4DropReasonName(reason);
}

} // namespace ns3
