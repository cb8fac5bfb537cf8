/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#include "rtm-ospf-interface-type.h"

#include "ns3/channel.h"
#include "ns3/log.h"
#include "ns3/net-device.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmOspfInterfaceType");

RtmOspfInterfaceType
RtmOspfDetectInterfaceType(Ptr<const NetDevice> device)
{
    if (!device || device->IsPointToPoint() || !device->IsBroadcast())
    {
        return RtmOspfInterfaceType::PointToPoint;
    }
    Ptr<Channel> channel = device->GetChannel();
    if (!channel || channel->GetNDevices() <= 2)
    {
        return RtmOspfInterfaceType::PointToPoint;
    }
    return RtmOspfInterfaceType::Broadcast;
}

RtmOspfInterfaceType
RtmOspfResolveInterfaceType(RtmOspfInterfaceType forced, Ptr<const NetDevice> device)
{
    if (forced == RtmOspfInterfaceType::Auto)
    {
        return RtmOspfDetectInterfaceType(device);
    }
    return forced;
}

const char*
RtmOspfInterfaceTypeName(RtmOspfInterfaceType type)
{
    switch (type)
    {
    case RtmOspfInterfaceType::Auto:
        return "Auto";
    case RtmOspfInterfaceType::PointToPoint:
        return "PointToPoint";
    case RtmOspfInterfaceType::Broadcast:
        return "Broadcast";
    }
    return "?";
}

std::ostream&
operator<<(std::ostream& os, RtmOspfInterfaceType type)
{
    return os << RtmOspfInterfaceTypeName(type);
}

} // namespace ns3
