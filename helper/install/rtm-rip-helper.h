/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef RTM_RIP_HELPER_H
#define RTM_RIP_HELPER_H

#include "rtm-agent-helper-of.h"

#include "ns3/rtm-rip-agent.h"

namespace ns3
{

/**
 * @ingroup rtm
 * @brief Installs RtmRipAgent (the distance-vector agent) on nodes, like ns-3's RipHelper:
 * attributes through Set(), interfaces excluded (ExcludeInterface) or given a cost
 * (SetInterfaceMetric, 1 .. Infinity - 1) per node, random streams (AssignStreams), start and
 * stop (ScheduleStart, ScheduleStop, StartAll, StopAll). The calls are RtmAgentHelperOf's, the
 * same as RtmOspfHelper's.
 */
class RtmRipHelper : public RtmAgentHelperOf<RtmRipAgent>
{
};

} // namespace ns3

#endif /* RTM_RIP_HELPER_H */
