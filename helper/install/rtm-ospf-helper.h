/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef RTM_OSPF_HELPER_H
#define RTM_OSPF_HELPER_H

#include "rtm-agent-helper-of.h"

#include "ns3/rtm-ospf-agent.h"

namespace ns3
{

/**
 * @ingroup rtm
 * @brief Installs RtmOspfAgent (the link-state agent) on nodes, the way ns-3's RipHelper
 * installs RIP: attributes through Set(), per-node interface exclusions (ExcludeInterface) and
 * costs (SetInterfaceMetric, 1 .. 65534; default: the interface's ns-3 metric), random streams
 * (AssignStreams), start and stop (ScheduleStart, ScheduleStop, StartAll, StopAll). The calls
 * are RtmAgentHelperOf's, the same as RtmRipHelper's.
 */
class RtmOspfHelper : public RtmAgentHelperOf<RtmOspfAgent>
{
};

} // namespace ns3

#endif /* RTM_OSPF_HELPER_H */
