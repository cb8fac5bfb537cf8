/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#include "rtm-topology-helper.h"

#include "rtm-topology-error.h"

#include "ns3/data-rate.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/traffic-control-helper.h"
#include "ns3/traffic-control-layer.h"

#include <algorithm>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmTopologyHelper");

constexpr uint32_t RtmTopologyHelper::INVALID;

RtmTopologyHelper::RtmTopologyHelper()
    : m_base("10.0.0.0"),
      m_ipv6(false)
{
}

void
RtmTopologyHelper::SetBaseAddress(Ipv4Address base)
{
    if ((base.Get() & 3U) != 0)
    {
        std::ostringstream os;
        os << "SetBaseAddress: " << base << " is not the start of a /30 network";
        throw RtmTopologyError("RtmTopologyHelper", os.str());
    }
    m_base = base;
}

Ipv4Address
RtmTopologyHelper::GetBaseAddress() const
{
    return m_base;
}

void
RtmTopologyHelper::SetIpv6StackInstall(bool enable)
{
    m_ipv6 = enable;
}

PointToPointHelper&
RtmTopologyHelper::GetPointToPointHelper()
{
    return m_p2p;
}

void
RtmTopologyHelper::Install(const RtmTopology& topology)
{
    DoInstall(topology, nullptr);
}

void
RtmTopologyHelper::Install(const RtmTopology& topology, const Ipv4RoutingHelper& routing)
{
    DoInstall(topology, &routing);
}

void
RtmTopologyHelper::SetPartition(const RtmTopologyPartition& partition)
{
    m_systemIds = partition.GetParts();
}

const std::vector<uint32_t>&
RtmTopologyHelper::GetSystemIds() const
{
    return m_systemIds;
}

void
RtmTopologyHelper::DoInstall(const RtmTopology& topology, const Ipv4RoutingHelper* routing)
{
    NS_LOG_FUNCTION(this << topology.GetName() << routing);
    const uint32_t nv = topology.GetNVertices();
    const uint32_t ne = topology.GetNEdges();
    if (static_cast<uint64_t>(m_base.Get()) + 4ULL * ne > (1ULL << 32))
    {
        std::ostringstream os;
        os << "Install: " << ne << " /30 networks from " << m_base << " run past 255.255.255.255";
        throw RtmTopologyError("RtmTopologyHelper", os.str());
    }

    m_nodes = NodeContainer();
    m_links.assign(ne, Link());
    m_firstEdge.assign(nv, INVALID);
    m_vertexOfNode.clear();
    m_edgeOfInterface.clear();

    if (!m_systemIds.empty() && m_systemIds.size() != nv)
    {
        throw RtmTopologyError("RtmTopologyHelper",
                               "Install: the partition has " + std::to_string(m_systemIds.size()) +
                                   " vertices, the topology " + std::to_string(nv));
    }
    for (uint32_t v = 0; v < nv; ++v)
    {
        m_nodes.Add(CreateObject<Node>(m_systemIds.empty() ? 0 : m_systemIds[v]));
    }
    for (uint32_t v = 0; v < nv; ++v)
    {
        m_vertexOfNode[m_nodes.Get(v)->GetId()] = v;
    }

    for (uint32_t e = 0; e < ne; ++e)
    {
        const RtmTopologyEdge& props = topology.GetEdge(e);
        Link& link = m_links[e];
        link.vertex = {topology.GetEdgeSource(e), topology.GetEdgeTarget(e)};
        m_p2p.SetDeviceAttribute("DataRate", DataRateValue(DataRate(props.dataRateBps)));
        m_p2p.SetChannelAttribute("Delay", TimeValue(props.delay));
        NetDeviceContainer devices =
            m_p2p.Install(m_nodes.Get(link.vertex[0]), m_nodes.Get(link.vertex[1]));
        link.device = {devices.Get(0), devices.Get(1)};
        for (uint32_t v : link.vertex)
        {
            if (m_firstEdge[v] == INVALID)
            {
                m_firstEdge[v] = e;
            }
        }
    }

    InternetStackHelper stack;
    if (routing != nullptr)
    {
        stack.SetRoutingHelper(*routing);
    }
    stack.SetIpv6StackInstall(m_ipv6);
    stack.Install(m_nodes);

    const Ipv4Mask mask = GetMask();
    for (uint32_t e = 0; e < ne; ++e)
    {
        Link& link = m_links[e];
        link.network = Ipv4Address(m_base.Get() + 4U * e);
        const uint16_t metric =
            static_cast<uint16_t>(std::min<uint32_t>(topology.GetEdge(e).metric, 65535U));
        for (uint32_t end = 0; end < 2; ++end)
        {
            Ptr<Node> node = m_nodes.Get(link.vertex[end]);
            Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
            NS_ABORT_MSG_IF(!ipv4, "RtmTopologyHelper: no Ipv4 on node " << node->GetId());
            const uint32_t interface = ipv4->AddInterface(link.device[end]);
            link.interface[end] = interface;
            link.address[end] = Ipv4Address(link.network.Get() + 1U + end);
            ipv4->AddAddress(interface, Ipv4InterfaceAddress(link.address[end], mask));
            ipv4->SetMetric(interface, metric);
            ipv4->SetUp(interface);
            Ptr<TrafficControlLayer> tc = node->GetObject<TrafficControlLayer>();
            if (tc && !tc->GetRootQueueDiscOnDevice(link.device[end]))
            {
                TrafficControlHelper::Default().Install(link.device[end]);
            }
            m_edgeOfInterface[std::make_pair(node->GetId(), interface)] = std::make_pair(e, end);
        }
    }
    NS_LOG_INFO("installed " << nv << " nodes and " << ne << " links from " << topology.GetName());
}

uint32_t
RtmTopologyHelper::GetNVertices() const
{
    return m_nodes.GetN();
}

uint32_t
RtmTopologyHelper::GetNEdges() const
{
    return static_cast<uint32_t>(m_links.size());
}

const NodeContainer&
RtmTopologyHelper::GetNodes() const
{
    return m_nodes;
}

Ptr<Node>
RtmTopologyHelper::GetNode(uint32_t v) const
{
    if (v >= m_nodes.GetN())
    {
        throw RtmTopologyError("RtmTopologyHelper",
                               "GetNode: no vertex " + std::to_string(v) + " installed");
    }
    return m_nodes.Get(v);
}

uint32_t
RtmTopologyHelper::GetVertex(Ptr<Node> node) const
{
    if (!node)
    {
        return INVALID;
    }
    auto it = m_vertexOfNode.find(node->GetId());
    if (it == m_vertexOfNode.end() || m_nodes.Get(it->second) != node)
    {
        return INVALID;
    }
    return it->second;
}

void
RtmTopologyHelper::CheckEnd(uint32_t e, uint32_t end) const
{
    if (e >= m_links.size() || end > 1)
    {
        throw RtmTopologyError("RtmTopologyHelper",
                               "no end " + std::to_string(end) + " of edge " + std::to_string(e) +
                                   " installed");
    }
}

NetDeviceContainer
RtmTopologyHelper::GetDevices(uint32_t e) const
{
    CheckEnd(e, 0);
    NetDeviceContainer c;
    c.Add(m_links[e].device[0]);
    c.Add(m_links[e].device[1]);
    return c;
}

Ptr<NetDevice>
RtmTopologyHelper::GetDevice(uint32_t e, uint32_t end) const
{
    CheckEnd(e, end);
    return m_links[e].device[end];
}

uint32_t
RtmTopologyHelper::GetInterface(uint32_t e, uint32_t end) const
{
    CheckEnd(e, end);
    return m_links[e].interface[end];
}

Ipv4Address
RtmTopologyHelper::GetAddress(uint32_t e, uint32_t end) const
{
    CheckEnd(e, end);
    return m_links[e].address[end];
}

Ipv4Address
RtmTopologyHelper::GetNetwork(uint32_t e) const
{
    CheckEnd(e, 0);
    return m_links[e].network;
}

Ipv4Mask
RtmTopologyHelper::GetMask()
{
    return Ipv4Mask("255.255.255.252");
}

uint32_t
RtmTopologyHelper::GetEdge(Ptr<Node> node, uint32_t interface) const
{
    if (!node || GetVertex(node) == INVALID)
    {
        return INVALID;
    }
    auto it = m_edgeOfInterface.find(std::make_pair(node->GetId(), interface));
    return it == m_edgeOfInterface.end() ? INVALID : it->second.first;
}

uint32_t
RtmTopologyHelper::GetEdgeEnd(Ptr<Node> node, uint32_t interface) const
{
    if (!node || GetVertex(node) == INVALID)
    {
        return INVALID;
    }
    auto it = m_edgeOfInterface.find(std::make_pair(node->GetId(), interface));
    return it == m_edgeOfInterface.end() ? INVALID : it->second.second;
}

Ipv4Address
RtmTopologyHelper::GetVertexAddress(uint32_t v) const
{
    if (v >= m_firstEdge.size())
    {
        throw RtmTopologyError("RtmTopologyHelper",
                               "GetVertexAddress: no vertex " + std::to_string(v) + " installed");
    }
    const uint32_t e = m_firstEdge[v];
    if (e == INVALID)
    {
        return Ipv4Address::GetZero();
    }
    return m_links[e].address[m_links[e].vertex[0] == v ? 0 : 1];
}

std::vector<std::pair<uint32_t, Ipv4Address>>
RtmTopologyHelper::GetNextHops(const RtmTopologyOracle& oracle, uint32_t from, uint32_t to) const
{
    if (oracle.GetNVertices() != m_nodes.GetN())
    {
        throw RtmTopologyError("RtmTopologyHelper",
                               "GetNextHops: the oracle is not of the installed topology");
    }
    std::vector<std::pair<uint32_t, Ipv4Address>> result;
    for (uint32_t e : oracle.GetNextHopEdges(from, to))
    {
        if (e >= m_links.size())
        {
            throw RtmTopologyError("RtmTopologyHelper",
                                   "GetNextHops: the oracle is not of the installed topology");
        }
        const Link& link = m_links[e];
        const uint32_t end = link.vertex[0] == from ? 0 : 1;
        result.emplace_back(link.interface[end], link.address[1 - end]);
    }
    std::sort(result.begin(), result.end(), [](const auto& a, const auto& b) {
        return a.first < b.first;
    });
    return result;
}

} // namespace ns3
