/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#include "rtm-ospf-drop-reason.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmOspfDropReason");

const char*
RtmOspfDropReasonName(RtmOspfDropReason reason)
{
    switch (reason)
    {
    case RtmOspfDropReason::Truncated:
        return "Truncated";
    case RtmOspfDropReason::Oversized:
        return "Oversized";
    case RtmOspfDropReason::BadVersion:
        return "BadVersion";
    case RtmOspfDropReason::BadType:
        return "BadType";
    case RtmOspfDropReason::BadLength:
        return "BadLength";
    case RtmOspfDropReason::BadChecksum:
        return "BadChecksum";
    case RtmOspfDropReason::BadRouterId:
        return "BadRouterId";
    case RtmOspfDropReason::DuplicateRouterId:
        return "DuplicateRouterId";
    case RtmOspfDropReason::WrongSubnet:
        return "WrongSubnet";
    case RtmOspfDropReason::HelloMismatch:
        return "HelloMismatch";
    case RtmOspfDropReason::NotNeighbor:
        return "NotNeighbor";
    case RtmOspfDropReason::BadLsaType:
        return "BadLsaType";
    case RtmOspfDropReason::BadLsaChecksum:
        return "BadLsaChecksum";
    case RtmOspfDropReason::BadAge:
        return "BadAge";
    case RtmOspfDropReason::BadSequence:
        return "BadSequence";
    case RtmOspfDropReason::TooManyLinks:
        return "TooManyLinks";
    case RtmOspfDropReason::BadLinkType:
        return "BadLinkType";
    case RtmOspfDropReason::SelfLoop:
        return "SelfLoop";
    case RtmOspfDropReason::BadMetric:
        return "BadMetric";
    case RtmOspfDropReason::BadStub:
        return "BadStub";
    case RtmOspfDropReason::SelfOriginatedNewer:
        return "SelfOriginatedNewer";
    case RtmOspfDropReason::AuthTypeMismatch:
        return "AuthTypeMismatch";
    case RtmOspfDropReason::WrongArea:
        return "WrongArea";
    case RtmOspfDropReason::MtuMismatch:
        return "MtuMismatch";
    case RtmOspfDropReason::BadDdSequence:
        return "BadDdSequence";
    case RtmOspfDropReason::BadRequest:
        return "BadRequest";
    case RtmOspfDropReason::WrongState:
        return "WrongState";
    case RtmOspfDropReason::TooManyNeighbors:
        return "TooManyNeighbors";
    case RtmOspfDropReason::Count:
        break;
    }
    return "Unknown";
}

std::ostream&
operator<<(std::ostream& os, RtmOspfDropReason reason)
{
    return os << RtmOspfDropReasonName(reason);
}

} // namespace ns3
