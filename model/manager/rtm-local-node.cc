/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "rtm-local-node.h"

#include "ns3/global-value.h"
#include "ns3/simulator.h"
#include "ns3/string.h"

namespace ns3
{

bool
RtmIsDistributedRun()
{
    StringValue impl;
    if (!GlobalValue::GetValueByNameFailSafe("SimulatorImplementationType", impl))
    {
        return false;
    }
    const std::string name = impl.Get();
    return name.find("DistributedSimulatorImpl") != std::string::npos ||
           name.find("NullMessageSimulatorImpl") != std::string::npos;
}

bool
RtmIsLocalNode(Ptr<const Node> node)
{
    if (!node)
    {
        return false;
    }
    return !RtmIsDistributedRun() || node->GetSystemId() == Simulator::GetSystemId();
}

} // namespace ns3
