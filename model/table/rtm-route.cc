/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "rtm-route.h"

#include <iomanip>
#include <sstream>
#include <tuple>

namespace ns3
{

std::ostream&
operator<<(std::ostream& os, RtmError e)
{
    switch (e)
    {
    case RtmError::Success:
        return os << "NO_ERROR";
    case RtmError::InvalidHandle:
        return os << "ERROR_INVALID_HANDLE";
    case RtmError::NotEnoughMemory:
        return os << "ERROR_NOT_ENOUGH_MEMORY";
    case RtmError::InvalidParameter:
        return os << "ERROR_INVALID_PARAMETER";
    case RtmError::AlreadyExists:
        return os << "ERROR_CLIENT_ALREADY_EXISTS";
    case RtmError::MoreData:
        return os << "ERROR_MORE_MESSAGES";
    case RtmError::NoMoreItems:
        return os << "ERROR_NO_MORE_ITEMS";
    case RtmError::NoSystemResources:
        return os << "ERROR_NO_SYSTEM_RESOURCES";
    }
    return os << "error " << static_cast<uint32_t>(e);
}

RtmRoute
RtmRoute::MakeIp(Ipv4Address network,
                 Ipv4Mask mask,
                 Ipv4Address nextHop,
                 uint32_t interface,
                 uint32_t metric)
{
    RtmRoute r;
    const uint32_t m = mask.Get();
    const uint32_t nh = nextHop.Get();
    r.network = IpKey(network.Get() & m, m);
    r.nextHop = static_cast<uint64_t>(nh) << 32;
    r.interface = interface;
    r.familyData[IpType] = nh == 0 ? 3 : 4; // direct (on-link) or indirect
    r.familyData[IpMetric] = metric;
    r.familyData[IpMetric1] = metric;
    r.familyData[IpFlags] = IP_VALID;
    return r;
}

RtmRoute
RtmRoute::MakeIpx(uint32_t network,
                  const std::array<uint8_t, 6>& mac,
                  uint32_t interface,
                  uint16_t ticks,
                  uint16_t hops)
{
    RtmRoute r;
    r.network = network;
    uint64_t nh = 0;
    for (uint8_t b : mac)
    {
        nh = (nh << 8) | b;
    }
    r.nextHop = nh;
    r.interface = interface;
    r.familyData[1] = static_cast<uint32_t>(ticks) | (static_cast<uint32_t>(hops) << 16);
    return r;
}

std::string
RtmRoute::KeyToString(uint64_t key)
{
    std::ostringstream os;
    os << KeyNetwork(key) << "/" << static_cast<uint32_t>(KeyIpv4Mask(key).GetPrefixLength());
    return os.str();
}

Ipv4Address
RtmRoute::GetIpNetwork() const
{
    return KeyNetwork(network);
}

Ipv4Mask
RtmRoute::GetIpMask() const
{
    return KeyIpv4Mask(network);
}

Ipv4Address
RtmRoute::GetIpNextHop() const
{
    return Ipv4Address(KeyAddress(nextHop));
}

uint32_t
RtmRoute::GetIpMetric() const
{
    return familyData[IpMetric];
}

uint32_t
RtmRoute::GetIpPriority() const
{
    return familyData[IpPriority];
}

bool
RtmRoute::IsIpValid() const
{
    return (familyData[IpFlags] & IP_VALID) != 0;
}

uint16_t
RtmRoute::GetIpxTicks() const
{
    return static_cast<uint16_t>(familyData[1] & 0xFFFF);
}

uint16_t
RtmRoute::GetIpxHops() const
{
    return static_cast<uint16_t>(familyData[1] >> 16);
}

bool
RtmRoute::SameEntry(const RtmRoute& o) const
{
    return network == o.network && protocol == o.protocol && interface == o.interface &&
           nextHop == o.nextHop;
}

bool
RtmRoute::SameSignificant(const RtmRoute& o) const
{
    return protocol == o.protocol && interface == o.interface && nextHop == o.nextHop &&
           familyData == o.familyData;
}

bool
operator==(const RtmRoute& a, const RtmRoute& b)
{
    return std::tie(a.network,
                    a.nextHop,
                    a.protocol,
                    a.interface,
                    a.familyData,
                    a.protocolData,
                    a.timeStamp,
                    a.ttlMs,
                    a.enabled) == std::tie(b.network,
                                           b.nextHop,
                                           b.protocol,
                                           b.interface,
                                           b.familyData,
                                           b.protocolData,
                                           b.timeStamp,
                                           b.ttlMs,
                                           b.enabled);
}

bool
operator!=(const RtmRoute& a, const RtmRoute& b)
{
    return !(a == b);
}

std::ostream&
operator<<(std::ostream& os, const RtmRoute& r)
{
    os << "net=0x" << std::hex << r.network << " nh=0x" << r.nextHop << std::dec
       << " proto=" << r.protocol << " if=" << r.interface << " fsd=[";
    for (std::size_t i = 0; i < r.familyData.size(); ++i)
    {
        os << (i ? "," : "") << r.familyData[i];
    }
    os << "] stamp=" << r.timeStamp << " ttlMs=" << r.ttlMs << (r.enabled ? "" : " disabled");
    return os;
}

} // namespace ns3
