/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#include "rtm-data-plane-check.h"

#include "ns3/channel.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/net-device.h"
#include "ns3/node.h"
#include "ns3/routing-table-manager.h"

#include <deque>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmDataPlaneCheck");

std::string
RtmDataPlaneCheck::Walk::ToString() const
{
    static const char* const names[] = {"delivered",
                                        "loop",
                                        "black-hole",
                                        "unreachable",
                                        "no-route-by-design"};
    std::ostringstream os;
    os << source << " -> " << destination << ": " << names[outcome] << " [";
    for (std::size_t i = 0; i < path.size(); ++i)
    {
        os << (i ? " " : "") << path[i];
    }
    os << "]";
    if (!reason.empty())
    {
        os << " " << reason;
    }
    return os.str();
}

bool
RtmDataPlaneCheck::Report::IsOk() const
{
    return loops == 0 && blackHoles == 0;
}

void
RtmDataPlaneCheck::Report::Print(std::ostream& os, std::size_t max) const
{
    os << "data plane: " << walks << " walks, " << delivered << " delivered, " << loops
       << " loops, " << blackHoles << " black holes, " << unreachable << " unreachable";
    if (byDesign != 0)
    {
        os << ", " << byDesign << " beyond the protocol's reach (no route by design)";
    }
    os << "\n";
    for (std::size_t i = 0; i < problems.size() && i < max; ++i)
    {
        os << "  " << problems[i].ToString() << "\n";
    }
    if (problems.size() > max)
    {
        os << "  ... " << (problems.size() - max) << " more\n";
    }
}

RtmDataPlaneCheck::RtmDataPlaneCheck(const NodeContainer& nodes)
    : m_nodes(nodes)
{
    NS_LOG_FUNCTION(this << nodes.GetN());
    Refresh();
}

void
RtmDataPlaneCheck::SetInterfaceState(InterfaceState state)
{
    m_interfaceState = std::move(state);
}

void
RtmDataPlaneCheck::SetLookup(Lookup lookup)
{
    m_lookup = std::move(lookup);
}

void
RtmDataPlaneCheck::SetNoRouteByDesign(NoRouteByDesign byDesign)
{
    m_byDesign = std::move(byDesign);
}

void
RtmDataPlaneCheck::Refresh()
{
    m_interfaces.assign(m_nodes.GetN(), {});
    m_owners.clear();
    std::map<uint32_t, uint32_t> indexOfId;
    for (uint32_t n = 0; n < m_nodes.GetN(); ++n)
    {
        indexOfId[m_nodes.Get(n)->GetId()] = n;
    }
    for (uint32_t n = 0; n < m_nodes.GetN(); ++n)
    {
        Ptr<Ipv4> ipv4 = m_nodes.Get(n)->GetObject<Ipv4>();
        if (!ipv4)
        {
            continue;
        }
        std::vector<Interface>& ifs = m_interfaces[n];
        ifs.resize(ipv4->GetNInterfaces());
        for (uint32_t i = 0; i < ipv4->GetNInterfaces(); ++i)
        {
            Interface& iface = ifs[i];
            iface.index = i;
            for (uint32_t k = 0; k < ipv4->GetNAddresses(i); ++k)
            {
                Ipv4InterfaceAddress a = ipv4->GetAddress(i, k);
                iface.addresses.push_back(a.GetLocal());
                if (k == 0)
                {
                    iface.address = a.GetLocal();
                    iface.mask = a.GetMask();
                }
                if (i != 0 && m_owners.find(a.GetLocal().Get()) == m_owners.end())
                {
                    m_owners[a.GetLocal().Get()] = {n, i};
                }
            }
            if (i == 0)
            {
                continue;
            }
            Ptr<NetDevice> dev = ipv4->GetNetDevice(i);
            Ptr<Channel> ch = dev ? dev->GetChannel() : nullptr;
            if (!ch)
            {
                continue;
            }
            for (std::size_t k = 0; k < ch->GetNDevices(); ++k)
            {
                Ptr<NetDevice> peer = ch->GetDevice(k);
                if (peer == dev || !peer->GetNode())
                {
                    continue;
                }
                auto it = indexOfId.find(peer->GetNode()->GetId());
                if (it == indexOfId.end())
                {
                    continue;
                }
                Ptr<Ipv4> pip = peer->GetNode()->GetObject<Ipv4>();
                int32_t j = pip ? pip->GetInterfaceForDevice(peer) : -1;
                if (j > 0)
                {
                    iface.neighbours.emplace_back(it->second, static_cast<uint32_t>(j));
                }
            }
        }
    }
}

uint32_t
RtmDataPlaneCheck::GetN() const
{
    return m_nodes.GetN();
}

const NodeContainer&
RtmDataPlaneCheck::GetNodes() const
{
    return m_nodes;
}

const std::vector<RtmDataPlaneCheck::Interface>&
RtmDataPlaneCheck::GetInterfaces(uint32_t node) const
{
    return m_interfaces.at(node);
}

bool
RtmDataPlaneCheck::IsUp(uint32_t node, uint32_t interface) const
{
    if (node >= m_nodes.GetN())
    {
        return false;
    }
    Ptr<Ipv4> ipv4 = m_nodes.Get(node)->GetObject<Ipv4>();
    if (!ipv4 || interface >= ipv4->GetNInterfaces())
    {
        return false;
    }
    return m_interfaceState ? m_interfaceState(node, interface) : ipv4->IsUp(interface);
}

bool
RtmDataPlaneCheck::FindOwner(Ipv4Address address, uint32_t* node, uint32_t* interface) const
{
    auto it = m_owners.find(address.Get());
    if (it == m_owners.end())
    {
        return false;
    }
    *node = it->second.first;
    if (interface)
    {
        *interface = it->second.second;
    }
    return true;
}

std::vector<Ipv4Address>
RtmDataPlaneCheck::GetDestinations() const
{
    std::vector<Ipv4Address> out;
    for (uint32_t n = 0; n < m_interfaces.size(); ++n)
    {
        for (const Interface& iface : m_interfaces[n])
        {
            if (iface.index != 0 && !iface.addresses.empty() && IsUp(n, iface.index))
            {
                out.push_back(iface.address);
            }
        }
    }
    return out;
}

bool
RtmDataPlaneCheck::DoLookup(uint32_t node,
                            Ipv4Address d,
                            uint32_t* interface,
                            Ipv4Address* nh) const
{
    if (m_lookup)
    {
        return m_lookup(node, d, interface, nh);
    }
    Ptr<RoutingTableManager> rtm = m_nodes.Get(node)->GetObject<RoutingTableManager>();
    return rtm && rtm->LookupIpNextHop(d, interface, nh);
}

RtmDataPlaneCheck::UpState
RtmDataPlaneCheck::TakeUpState() const
{
    UpState up(m_interfaces.size());
    for (uint32_t n = 0; n < m_interfaces.size(); ++n)
    {
        up[n].assign(m_interfaces[n].size(), false);
        Ptr<Ipv4> ipv4 = m_nodes.Get(n)->GetObject<Ipv4>();
        for (uint32_t i = 0; ipv4 && i < m_interfaces[n].size() && i < ipv4->GetNInterfaces(); ++i)
        {
            up[n][i] = m_interfaceState ? m_interfaceState(n, i) : ipv4->IsUp(i);
        }
    }
    return up;
}

std::vector<bool>
RtmDataPlaneCheck::Reach(uint32_t source, const UpState& up) const
{
    std::vector<bool> seen(m_nodes.GetN(), false);
    std::deque<uint32_t> queue{source};
    seen[source] = true;
    while (!queue.empty())
    {
        uint32_t n = queue.front();
        queue.pop_front();
        for (const Interface& iface : m_interfaces[n])
        {
            if (iface.index == 0 || !up[n][iface.index])
            {
                continue;
            }
            for (const auto& [m, j] : iface.neighbours)
            {
                if (!seen[m] && up[m][j])
                {
                    seen[m] = true;
                    queue.push_back(m);
                }
            }
        }
    }
    return seen;
}

bool
RtmDataPlaneCheck::IsReachable(uint32_t source, Ipv4Address destination) const
{
    uint32_t owner = 0;
    uint32_t ownerIf = 0;
    if (!FindOwner(destination, &owner, &ownerIf) || source >= m_nodes.GetN())
    {
        return false;
    }
    if (owner == source)
    {
        return true;
    }
    UpState up = TakeUpState();
    return up[owner][ownerIf] && Reach(source, up)[owner];
}

RtmDataPlaneCheck::Walk
RtmDataPlaneCheck::Trace(uint32_t source, Ipv4Address destination) const
{
    std::vector<bool> reach;
    return DoTrace(source, destination, TakeUpState(), &reach);
}

bool
RtmDataPlaneCheck::Owns(uint32_t node, Ipv4Address address) const
{
    for (const Interface& iface : m_interfaces[node])
    {
        for (const Ipv4Address& a : iface.addresses)
        {
            if (a == address)
            {
                return true;
            }
        }
    }
    return false;
}

bool
RtmDataPlaneCheck::FindNeighbour(uint32_t node,
                                 uint32_t interface,
                                 Ipv4Address target,
                                 const UpState& up,
                                 uint32_t* next) const
{
    for (const auto& [m, j] : m_interfaces[node][interface].neighbours)
    {
        if (j >= up[m].size() || !up[m][j])
        {
            continue;
        }
        for (const Ipv4Address& a : m_interfaces[m][j].addresses)
        {
            if (a == target)
            {
                *next = m;
                return true;
            }
        }
    }
    return false;
}

bool
RtmDataPlaneCheck::Forward(uint32_t cur,
                           Ipv4Address destination,
                           const UpState& up,
                           uint32_t* next,
                           std::string* why) const
{
    uint32_t interface = 0;
    Ipv4Address nextHop;
    std::ostringstream os;
    if (!DoLookup(cur, destination, &interface, &nextHop))
    {
        os << "no route at node " << cur;
    }
    else if (interface == 0 || interface >= m_interfaces[cur].size())
    {
        os << "node " << cur << " routes to interface "
           << interface << (interface == 0 ? " (loopback)" : " (no such interface)");
    }
    else if (interface >= up[cur].size() || !up[cur][interface])
    {
        os << "node " << cur << " routes out of interface " << interface << ", which is down";
    }
    else
    {
        Ipv4Address target = nextHop == Ipv4Address::GetAny() ? destination : nextHop;
        if (FindNeighbour(cur, interface, target, up, next))
        {
            return true;
        }
        if (nextHop == Ipv4Address::GetAny())
        {
            os << "node " << cur << " has an on-link route via interface "
               << interface << " but the destination is not on that link";
        }
        else
        {
            os << "node " << cur << ": next hop " << nextHop << " not reachable on interface "
               << interface;
        }
    }
    *why = os.str();
    return false;
}

void
RtmDataPlaneCheck::Drop(Walk& w,
                        const std::string& why,
                        const UpState& up,
                        std::vector<bool>* reach) const
{
    uint32_t owner = 0;
    uint32_t ownerIf = 0;
    bool reachable = false;
    if (FindOwner(w.destination, &owner, &ownerIf) && up[owner][ownerIf])
    {
        if (reach->empty())
        {
            *reach = Reach(w.source, up);
        }
        reachable = (*reach)[owner];
    }
    w.outcome = reachable ? BlackHole : Unreachable;
    w.reason = why;
}

RtmDataPlaneCheck::Walk
RtmDataPlaneCheck::DoTrace(uint32_t source,
                           Ipv4Address destination,
                           const UpState& up,
                           std::vector<bool>* reach) const
{
    Walk w;
    w.source = source;
    w.destination = destination;
    if (source >= m_nodes.GetN())
    {
        w.outcome = BlackHole;
        w.reason = "unknown source node";
        return w;
    }
    std::vector<bool> visited(m_nodes.GetN(), false);
    uint32_t cur = source;
    w.path.push_back(cur);
    visited[cur] = true;
    while (true)
    {
        if (Owns(cur, destination))
        {
            w.outcome = Delivered;
            return w;
        }
        uint32_t next = 0;
        std::string why;
        if (!Forward(cur, destination, up, &next, &why))
        {
            Drop(w, why, up, reach);
            uint32_t interface = 0;
            Ipv4Address nextHop;
            if (w.outcome == BlackHole && m_byDesign &&
                !DoLookup(cur, destination, &interface, &nextHop) && m_byDesign(cur, destination))
            {
                w.outcome = ByDesign; // a missing route the protocol means
                w.reason += " (by design: beyond its protocol's reach)";
            }
            return w;
        }
        w.path.push_back(next);
        if (visited[next])
        {
            w.outcome = Loop;
            std::ostringstream l;
            l << "forwarding loop through node " << next;
            w.reason = l.str();
            return w;
        }
        visited[next] = true;
        cur = next;
    }
}

RtmDataPlaneCheck::Report
RtmDataPlaneCheck::Check(const std::vector<uint32_t>& sources,
                         const std::vector<Ipv4Address>& destinations) const
{
    Report r;
    UpState up = TakeUpState();
    for (uint32_t s : sources)
    {
        std::vector<bool> reach; // filled on the first drop of this source
        for (const Ipv4Address& d : destinations)
        {
            uint32_t owner = 0;
            if (FindOwner(d, &owner) && owner == s)
            {
                continue;
            }
            Walk w = DoTrace(s, d, up, &reach);
            ++r.walks;
            switch (w.outcome)
            {
            case Delivered:
                ++r.delivered;
                break;
            case Loop:
                ++r.loops;
                r.problems.push_back(std::move(w));
                break;
            case BlackHole:
                ++r.blackHoles;
                r.problems.push_back(std::move(w));
                break;
            case Unreachable:
                ++r.unreachable;
                break;
            case ByDesign:
                ++r.byDesign;
                break;
            }
        }
    }
    return r;
}

RtmDataPlaneCheck::Report
RtmDataPlaneCheck::CheckAll() const
{
    std::vector<uint32_t> sources;
    for (uint32_t n = 0; n < m_nodes.GetN(); ++n)
    {
        sources.push_back(n);
    }
    return Check(sources, GetDestinations());
}

} // namespace ns3
