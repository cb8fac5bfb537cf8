/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#include "rtm-rip-drop-reason.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmRipDropReason");

const char*
RtmRipDropReasonName(RtmRipDropReason reason)
{
    switch (reason)
    {
    case RtmRipDropReason::Truncated:
        return "Truncated";
    case RtmRipDropReason::Oversized:
        return "Oversized";
    case RtmRipDropReason::BadVersion:
        return "BadVersion";
    case RtmRipDropReason::BadCommand:
        return "BadCommand";
    case RtmRipDropReason::BadAddressFamily:
        return "BadAddressFamily";
    case RtmRipDropReason::BadMetric:
        return "BadMetric";
    case RtmRipDropReason::BadMask:
        return "BadMask";
    case RtmRipDropReason::BadAddress:
        return "BadAddress";
    case RtmRipDropReason::BadSourcePort:
        return "BadSourcePort";
    case RtmRipDropReason::NotNeighbor:
        return "NotNeighbor";
    case RtmRipDropReason::OwnAddress:
        return "OwnAddress";
    case RtmRipDropReason::InactiveInterface:
        return "InactiveInterface";
    case RtmRipDropReason::AuthenticationFailed:
        return "AuthenticationFailed";
    case RtmRipDropReason::Count:
        break;
    }
    return "Unknown";
}

std::ostream&
operator<<(std::ostream& os, RtmRipDropReason reason)
{
    return os << RtmRipDropReasonName(reason);
}

} // namespace ns3
