/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#ifndef RTM_OSPF_INTERFACE_TYPE_H
#define RTM_OSPF_INTERFACE_TYPE_H

#include "ns3/ptr.h"

#include <ostream>

namespace ns3
{

class NetDevice;

/**
 * @ingroup rtm
 * @brief The OSPF interface type (RFC 2328 9: Type), as chosen for a device.
 */
enum class RtmOspfInterfaceType
{
    Auto = 0,     //!< chosen from the device (RtmOspfDetectInterfaceType)
    PointToPoint, //!< point-to-point: one neighbour, adjacency at once
    Broadcast,    //!< broadcast multi-access: DR/BDR election, network-LSA
};

/**
 * @ingroup rtm
 * @brief The type a device calls for: Broadcast if it is a broadcast device (IsBroadcast, not
 * IsPointToPoint) on a channel with more than two devices attached; otherwise PointToPoint
 * (point-to-point devices, two-device broadcast segments, devices without a channel, null).
 * @param device the device
 * @return PointToPoint or Broadcast
 */
RtmOspfInterfaceType RtmOspfDetectInterfaceType(Ptr<const NetDevice> device);

/**
 * @ingroup rtm
 * @brief The type to use: the forced one, or the detected one for Auto.
 * @param forced the configured type
 * @param device the device
 * @return PointToPoint or Broadcast
 */
RtmOspfInterfaceType RtmOspfResolveInterfaceType(RtmOspfInterfaceType forced,
                                                 Ptr<const NetDevice> device);

/**
 * @ingroup rtm
 * @brief The name of a type ("Auto", "PointToPoint", "Broadcast").
 * @param type the type
 * @return its name
 */
const char* RtmOspfInterfaceTypeName(RtmOspfInterfaceType type);

/**
 * @ingroup rtm
 * @brief Print a type by name.
 * @param os the stream
 * @param type the type
 * @return the stream
 */
std::ostream& operator<<(std::ostream& os, RtmOspfInterfaceType type);

} // namespace ns3

#endif /* RTM_OSPF_INTERFACE_TYPE_H */
