/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#include "rtm-ospf-dr-election.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmOspfDrElection");

namespace
{

/// @return true if a outranks b: higher priority, then higher router id (9.4)
bool
Outranks(const RtmOspfDrElection::Router& a, const RtmOspfDrElection::Router& b)
{
    if (a.priority != b.priority)
    {
        return a.priority > b.priority;
    }
    return a.routerId > b.routerId;
}

} // namespace

void
RtmOspfDrElection::Calculate(const std::vector<Router>& routers, uint32_t* dr, uint32_t* bdr)
{
    // step 2: the BDR, among the eligible routers that do not declare themselves DR
    const Router* declaredBdr = nullptr;
    const Router* anyBdr = nullptr;
    for (const Router& r : routers)
    {
        if (r.priority == 0 || r.address == 0 || r.dr == r.address)
        {
            continue;
        }
        if (r.bdr == r.address && (declaredBdr == nullptr || Outranks(r, *declaredBdr)))
        {
            declaredBdr = &r;
        }
        if (anyBdr == nullptr || Outranks(r, *anyBdr))
        {
            anyBdr = &r;
        }
    }
    const Router* newBdr = declaredBdr != nullptr ? declaredBdr : anyBdr;
    // step 3: the DR, among the eligible routers that declare themselves DR, else the BDR
    const Router* newDr = nullptr;
    for (const Router& r : routers)
    {
        if (r.priority != 0 && r.address != 0 && r.dr == r.address &&
            (newDr == nullptr || Outranks(r, *newDr)))
        {
            newDr = &r;
        }
    }
    if (newDr == nullptr)
    {
        newDr = newBdr;
    }
    *dr = newDr != nullptr ? newDr->address : 0;
    *bdr = newBdr != nullptr ? newBdr->address : 0;
}

RtmOspfDrElection::Result
RtmOspfDrElection::Elect(const Router& self, const std::vector<Router>& neighbors)
{
    std::vector<Router> routers(neighbors);
    routers.push_back(self);
    Router& me = routers.back();
    // step 1: the current values
    const bool wasDr = self.dr == self.address && self.address != 0;
    const bool wasBdr = self.bdr == self.address && self.address != 0;
    Result result;
    Calculate(routers, &result.dr, &result.bdr);
    const bool isDr = result.dr == self.address;
    const bool isBdr = result.bdr == self.address;
    if (isDr != wasDr || isBdr != wasBdr)
    {
        // step 4: our role changed: once more with our new declaration
        me.dr = result.dr;
        me.bdr = result.bdr;
        Calculate(routers, &result.dr, &result.bdr);
    }
    if (self.address != 0 && result.dr == self.address)
    {
        result.role = Role::Dr;
    }
    else if (self.address != 0 && result.bdr == self.address)
    {
        result.role = Role::Backup;
    }
    NS_LOG_LOGIC("election on " << self.address << ": DR " << result.dr << " BDR " << result.bdr);
    return result;
}

} // namespace ns3
