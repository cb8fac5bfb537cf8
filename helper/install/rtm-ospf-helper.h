/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef RTM_OSPF_HELPER_H
#define RTM_OSPF_HELPER_H

#include "rtm-agent-helper-of.h"

#include "ns3/pointer.h"
#include "ns3/rtm-ospf-agent.h"
#include "ns3/rtm-ospf-lsa-store.h"

namespace ns3
{

/**
 * @ingroup rtm
 * @brief Installs RtmOspfAgent (the link-state agent) on nodes, the way ns-3's RipHelper
 * installs RIP: attributes through Set(), per-node interface exclusions (ExcludeInterface) and
 * costs (SetInterfaceMetric, 1 .. 65534; default: the interface's ns-3 metric), random streams
 * (AssignStreams), start and stop (ScheduleStart, ScheduleStop, StartAll, StopAll). The calls
 * are RtmAgentHelperOf's, the same as RtmRipHelper's. The agents one helper installs share
 * their immutable LSA bodies in one RtmOspfLsaStore (each keeps its own entries, ages and
 * flush states), which makes the N^2 database copies of an N-router network cost one body
 * each.
 */
class RtmOspfHelper : public RtmAgentHelperOf<RtmOspfAgent>
{
  public:
    /// A helper whose agents share one RtmOspfLsaStore (attribute LsaStore; Set() may replace
    /// it, a null PointerValue turns sharing off).
    RtmOspfHelper()
        : m_store(CreateObject<RtmOspfLsaStore>())
    {
        Set("LsaStore", PointerValue(m_store));
    }

    /// @return the store the helper's agents share their LSA bodies in
    Ptr<RtmOspfLsaStore> GetLsaStore() const
    {
        return m_store;
    }

  private:
    Ptr<RtmOspfLsaStore> m_store; //!< shared by the agents installed
};

} // namespace ns3

#endif /* RTM_OSPF_HELPER_H */
