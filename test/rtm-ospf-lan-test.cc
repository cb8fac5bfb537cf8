/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: the OSPF broadcast interface type in a whole network: a CSMA LAN of five routers
 * with point-to-point links beyond it (RFC 2328 9, 10.4, 12.4.2, 13.3, 16.1).
 */

#include "rtm-agent-test-network.h"

#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/routing-table-manager.h"
#include "ns3/rtm-helper.h"
#include "ns3/rtm-ospf-agent.h"
#include "ns3/rtm-ospf-helper.h"
#include "ns3/rtm-ospf-lsdb.h"

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <gtest/gtest.h>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

constexpr uint32_t kOspf = RtmOspfAgent::PROTO_IP_OSPF;
constexpr uint32_t kLanSize = 5;   // routers 0..4 on the LAN
constexpr uint32_t kRouters = 8;   // 5, 6, 7 beyond it
constexpr uint32_t kLanVertex = 8; // the LAN, as a vertex of the oracle's graph
constexpr uint32_t kInfinity = 0xFFFFFFFF;

/// The point-to-point links beyond the LAN: 0-5, 5-6, 6-3, 4-7.
const std::vector<std::pair<uint32_t, uint32_t>> kLinks{{0, 5}, {5, 6}, {6, 3}, {4, 7}};

/**
 * The network: routers 0..4 on a CSMA LAN (10.0.0.0/24), point-to-point links (10.1.k.0/24)
 * beyond; the RTM forwarding plane and a link-state agent on every router. Router i has the
 * router id 1.0.0.(i+1), except router 2: 9.9.9.9 (the highest) with priority 0. Router 1 has
 * priority 5, the others 1: router 1 is DR, router 4 (highest id of priority 1) BDR.
 */
class LanNet
{
  public:
    /**
     * @param pcap where to write pcap files ("": none)
     * @param lanCost the cost of each LAN router's LAN interface (empty: all 1)
     */
    explicit LanNet(const std::string& pcap = "", std::vector<uint16_t> lanCost = {})
        : m_lanCost(std::move(lanCost))
    {
        m_lanCost.resize(kLanSize, 1);
        if (!pcap.empty())
        {
            GlobalValue::Bind("ChecksumEnabled", BooleanValue(true)); // (for Wireshark)
        }
        m_nodes.Create(kRouters);
        RtmHelper rtm;
        InternetStackHelper stack;
        stack.SetRoutingHelper(rtm);
        stack.Install(m_nodes);
        CsmaHelper csma;
        csma.SetChannelAttribute("DataRate", StringValue("100Mbps"));
        csma.SetChannelAttribute("Delay", TimeValue(MicroSeconds(5)));
        NodeContainer lan;
        for (uint32_t i = 0; i < kLanSize; ++i)
        {
            lan.Add(m_nodes.Get(i));
        }
        m_lanDevices = csma.Install(lan);
        Ipv4AddressHelper address;
        address.SetBase("10.0.0.0", "255.255.255.0");
        m_lanAddresses = address.Assign(m_lanDevices);
        PointToPointHelper p2p;
        p2p.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
        p2p.SetChannelAttribute("Delay", StringValue("1ms"));
        for (std::size_t k = 0; k < kLinks.size(); ++k)
        {
            NetDeviceContainer d =
                p2p.Install(m_nodes.Get(kLinks[k].first), m_nodes.Get(kLinks[k].second));
            std::ostringstream base;
            base << "10.1." << k << ".0";
            address.SetBase(base.str().c_str(), "255.255.255.0");
            m_linkAddresses.push_back(address.Assign(d));
        }
        if (!pcap.empty())
        {
            csma.EnablePcapAll(pcap + "/ospf-lan", false);
            p2p.EnablePcapAll(pcap + "/ospf-lan-p2p", false);
        }
        for (uint32_t i = 0; i < kLanSize; ++i)
        {
            Ip(i)->SetMetric(LanInterface(i), m_lanCost[i]); // (the agent's default cost)
        }
        RtmOspfHelper ospf;
        rtmtest::SetShortOspfTimers(ospf);
        m_agents = ospf.Install(m_nodes);
        RtmOspfHelper::AssignStreams(m_nodes, 4000);
        for (uint32_t i = 0; i < kRouters; ++i)
        {
            m_agents[i]->SetAttribute("RouterId", Ipv4AddressValue(RouterId(i)));
        }
        m_agents[1]->SetAttribute("RouterPriority", UintegerValue(5));
        m_agents[2]->SetRouterPriority(LanInterface(2), 0); // per interface
        m_lanUp.assign(kLanSize, true);
    }

    ~LanNet()
    {
        Simulator::Destroy();
    }

    LanNet(const LanNet&) = delete;
    LanNet& operator=(const LanNet&) = delete;

    static Ipv4Address RouterId(uint32_t i)
    {
        return i == 2 ? Ipv4Address("9.9.9.9") : Ipv4Address(0x01000001u + i);
    }

    Ptr<RtmOspfAgent> Agent(uint32_t i) const
    {
        return m_agents.at(i);
    }

    Ptr<Ipv4> Ip(uint32_t i) const
    {
        return m_nodes.Get(i)->GetObject<Ipv4>();
    }

    uint32_t LanInterface(uint32_t i) const
    {
        return static_cast<uint32_t>(Ip(i)->GetInterfaceForDevice(m_lanDevices.Get(i)));
    }

    Ipv4Address LanAddress(uint32_t i) const
    {
        return m_lanAddresses.GetAddress(i);
    }

    /// The LAN interface of router i up or down (the node's device, as a link failure).
    void SetLanUp(uint32_t i, bool up)
    {
        m_lanUp[i] = up;
        if (up)
        {
            Ip(i)->SetUp(LanInterface(i));
        }
        else
        {
            Ip(i)->SetDown(LanInterface(i));
        }
    }

    /// Record router i as on the LAN or not, for the oracle (its agent stopped or started).
    void MarkLanUp(uint32_t i, bool up)
    {
        m_lanUp[i] = up;
    }

    /// @return router i's view of its LAN interface
    RtmOspfAgent::InterfaceInfo LanInfo(uint32_t i) const
    {
        for (const auto& info : m_agents[i]->GetInterfaces())
        {
            if (info.interface == LanInterface(i))
            {
                return info;
            }
        }
        return {};
    }

    /// The networks: the LAN (index kLinks.size()) and the links (0..).
    struct Net
    {
        uint64_t key;                 //!< RtmRoute::IpKey
        std::vector<uint32_t> owners; //!< routers on it (up)
        bool lan;                     //!< the LAN
    };

    std::vector<Net> Networks() const
    {
        std::vector<Net> nets;
        for (std::size_t k = 0; k < kLinks.size(); ++k)
        {
            Ipv4Address a = m_linkAddresses[k].GetAddress(0);
            nets.push_back({RtmRoute::IpKey(a.CombineMask(Ipv4Mask("/24")), Ipv4Mask("/24")),
                            {kLinks[k].first, kLinks[k].second},
                            false});
        }
        Net lan{RtmRoute::IpKey(Ipv4Address("10.0.0.0"), Ipv4Mask("/24")), {}, true};
        for (uint32_t i = 0; i < kLanSize; ++i)
        {
            if (m_lanUp[i])
            {
                lan.owners.push_back(i);
            }
        }
        nets.push_back(lan);
        return nets;
    }

    /// Distances over routers and the LAN vertex: links 1, router->LAN its LAN cost, LAN->router 0.
    std::vector<std::vector<uint32_t>> Distances() const
    {
        const uint32_t n = kRouters + 1;
        std::vector<std::vector<std::pair<uint32_t, uint32_t>>> adj(n);
        for (const auto& [a, b] : kLinks)
        {
            adj[a].emplace_back(b, 1);
            adj[b].emplace_back(a, 1);
        }
        uint32_t upOnLan = 0;
        for (uint32_t i = 0; i < kLanSize; ++i)
        {
            upOnLan += m_lanUp[i] ? 1 : 0;
        }
        for (uint32_t i = 0; i < kLanSize && upOnLan >= 2; ++i)
        {
            if (m_lanUp[i])
            {
                adj[i].emplace_back(kLanVertex, m_lanCost[i]);
                adj[kLanVertex].emplace_back(i, 0);
            }
        }
        std::vector<std::vector<uint32_t>> dist(n, std::vector<uint32_t>(n, kInfinity));
        for (uint32_t s = 0; s < n; ++s)
        {
            dist[s][s] = 0;
            std::set<std::pair<uint32_t, uint32_t>> queue{{0, s}};
            while (!queue.empty())
            {
                auto [d, u] = *queue.begin();
                queue.erase(queue.begin());
                for (const auto& [v, w] : adj[u])
                {
                    if (d + w < dist[s][v])
                    {
                        queue.erase({dist[s][v], v});
                        dist[s][v] = d + w;
                        queue.insert({dist[s][v], v});
                    }
                }
            }
        }
        return dist;
    }

    /**
     * @return the expected metric of a network at router v (kInfinity: unreachable): the
     * nearest router on it plus that router's cost onto it
     */
    uint32_t Expected(const std::vector<std::vector<uint32_t>>& dist,
                      uint32_t v,
                      const Net& net) const
    {
        uint32_t best = kInfinity;
        for (uint32_t o : net.owners)
        {
            if (dist[v][o] != kInfinity)
            {
                best = std::min(best, dist[v][o] + (net.lan ? m_lanCost[o] : 1u));
            }
        }
        return best;
    }

    /// @return the cost of router v's interface
    uint32_t Cost(uint32_t v, uint32_t interface) const
    {
        return v < kLanSize && interface == LanInterface(v) ? m_lanCost[v] : 1;
    }

    /// @return the router owning an address, or kRouters
    uint32_t Owner(Ipv4Address a) const
    {
        for (uint32_t i = 0; i < kRouters; ++i)
        {
            if (Ip(i)->GetInterfaceForAddress(a) >= 0)
            {
                return i;
            }
        }
        return kRouters;
    }

    /**
     * @return "" if every router's OSPF routes are those of the shortest-path oracle (the
     * metric, and a next hop that starts a shortest path), else what differs
     */
    std::string CheckRoutes() const
    {
        std::ostringstream err;
        const auto dist = Distances();
        const auto nets = Networks();
        for (uint32_t v = 0; v < kRouters; ++v)
        {
            std::map<uint64_t, RtmRoute> mine;
            m_nodes.Get(v)->GetObject<RoutingTableManager>()->ForEachRoute(
                RtmFamily::Ip,
                [&mine](const RtmRoute& r) {
                    if (r.protocol == kOspf)
                    {
                        mine.emplace(r.network, r);
                    }
                });
            std::size_t expected = 0;
            for (const Net& net : nets)
            {
                const bool attached =
                    std::find(net.owners.begin(), net.owners.end(), v) != net.owners.end();
                const uint32_t metric = Expected(dist, v, net);
                auto it = mine.find(net.key);
                if (attached || metric == kInfinity)
                {
                    if (it != mine.end())
                    {
                        err << "router " << v << ": unexpected route " << it->second << "; ";
                    }
                    continue;
                }
                ++expected;
                if (it == mine.end())
                {
                    err << "router " << v << ": no route to net " << std::hex << net.key << std::dec
                        << " (metric " << metric << "); ";
                    continue;
                }
                const RtmRoute& r = it->second;
                if (r.GetIpMetric() != metric)
                {
                    err << "router " << v << ": " << r << " metric, expected " << metric << "; ";
                }
                uint32_t hop = Owner(r.GetIpNextHop());
                if (hop == kRouters || Expected(dist, hop, net) + Cost(v, r.interface) != metric ||
                    Ip(v)->GetNetDevice(r.interface)->GetChannel() !=
                        Ip(hop)
                            ->GetNetDevice(Ip(hop)->GetInterfaceForAddress(r.GetIpNextHop()))
                            ->GetChannel())
                {
                    err << "router " << v << ": " << r << " next hop not on a shortest path; ";
                }
            }
            if (mine.size() != expected)
            {
                err << "router " << v << ": " << mine.size() << " OSPF routes, expected "
                    << expected << "; ";
            }
            std::string why;
            if (!m_agents[v]->CheckConsistency(&why))
            {
                err << "router " << v << ": inconsistent: " << why << "; ";
            }
        }
        return err.str();
    }

    /// Run until CheckRoutes passes (tested every 500 ms) or the deadline; @return its result
    std::string RunUntilConverged(Time deadline)
    {
        std::string why = CheckRoutes();
        while (!why.empty() && Simulator::Now() < deadline)
        {
            Simulator::Stop(MilliSeconds(500));
            Simulator::Run();
            why = CheckRoutes();
        }
        return why;
    }

    /// Run for a while.
    void RunFor(Time t)
    {
        Simulator::Stop(t);
        Simulator::Run();
    }

    /// @return the network-LSA of a link state id in router v's database, or null
    const RtmOspfLsdb::Entry* NetworkLsa(uint32_t v, Ipv4Address lsid) const
    {
        return m_agents[v]->GetLsdb().Find(RtmOspfLsa::KeyOf(RtmOspfLsa::NETWORK_LSA, lsid.Get()));
    }

  private:
    NodeContainer m_nodes;
    NetDeviceContainer m_lanDevices;
    Ipv4InterfaceContainer m_lanAddresses;
    std::vector<Ipv4InterfaceContainer> m_linkAddresses;
    std::vector<Ptr<RtmOspfAgent>> m_agents;
    std::vector<bool> m_lanUp;
    std::vector<uint16_t> m_lanCost;
};

/// Every LAN router agrees on the DR and BDR (the up ones only).
void
ExpectElected(const LanNet& net, uint32_t dr, uint32_t bdr, const std::set<uint32_t>& down = {})
{
    for (uint32_t i = 0; i < kLanSize; ++i)
    {
        if (down.count(i))
        {
            continue;
        }
        RtmOspfAgent::InterfaceInfo info = net.LanInfo(i);
        EXPECT_EQ(info.type, RtmOspfInterfaceType::Broadcast) << "router " << i;
        EXPECT_EQ(info.dr, net.LanAddress(dr)) << "router " << i;
        EXPECT_EQ(info.bdr, net.LanAddress(bdr)) << "router " << i;
        RtmOspfInterfaceState want = i == dr    ? RtmOspfInterfaceState::Dr
                                     : i == bdr ? RtmOspfInterfaceState::Backup
                                                : RtmOspfInterfaceState::DrOther;
        EXPECT_EQ(info.state, want) << "router " << i;
    }
}

/**
 * The adjacencies on the LAN: everyone Full with the DR and BDR, DROthers 2-Way with each
 * other.
 */
void
ExpectAdjacencies(const LanNet& net, uint32_t dr, uint32_t bdr, const std::set<uint32_t>& down = {})
{
    for (uint32_t i = 0; i < kLanSize; ++i)
    {
        if (down.count(i))
        {
            continue;
        }
        uint32_t seen = 0;
        for (const auto& n : net.Agent(i)->GetNeighbors())
        {
            if (n.interface != net.LanInterface(i))
            {
                continue;
            }
            uint32_t j = net.Owner(n.address);
            if (down.count(j))
            {
                // (a stopped router said goodbye: Init until RouterDeadInterval forgets it)
                EXPECT_LT(n.state, RtmOspfNeighborState::TwoWay) << "router " << i;
                continue;
            }
            ++seen;
            bool adjacent = i == dr || i == bdr || j == dr || j == bdr;
            EXPECT_EQ(n.state, adjacent ? RtmOspfNeighborState::Full : RtmOspfNeighborState::TwoWay)
                << "router " << i << ", neighbour " << j;
        }
        EXPECT_EQ(seen, kLanSize - 1 - down.size()) << "router " << i;
    }
}

/// The DR's network-LSA, the same everywhere, lists exactly the DR and its full neighbours.
void
ExpectNetworkLsa(const LanNet& net, uint32_t dr, const std::set<uint32_t>& down = {})
{
    std::vector<uint32_t> want;
    for (uint32_t i = 0; i < kLanSize; ++i)
    {
        if (!down.count(i))
        {
            want.push_back(LanNet::RouterId(i).Get());
        }
    }
    std::sort(want.begin(), want.end());
    const RtmOspfLsdb::Entry* at = net.NetworkLsa(dr, net.LanAddress(dr));
    ASSERT_NE(at, nullptr);
    EXPECT_FALSE(at->flushed);
    EXPECT_EQ(at->lsa->advRouter, LanNet::RouterId(dr).Get());
    EXPECT_EQ(at->lsa->networkMask, Ipv4Mask("/24").Get());
    std::vector<uint32_t> got = at->lsa->attached;
    std::sort(got.begin(), got.end());
    EXPECT_EQ(got, want);
    for (uint32_t v = 0; v < kRouters; ++v)
    {
        if (down.count(v))
        {
            continue; // (router 1 has no other link)
        }
        const RtmOspfLsdb::Entry* e = net.NetworkLsa(v, net.LanAddress(dr));
        ASSERT_NE(e, nullptr) << "router " << v;
        EXPECT_EQ(e->lsa->sequence, at->lsa->sequence) << "router " << v;
        EXPECT_EQ(e->lsa->checksum, at->lsa->checksum) << "router " << v;
    }
}

class RtmOspfLanTest : public ::testing::Test
{
  protected:
    void TearDown() override
    {
        Simulator::Destroy();
    }
};

} // namespace

TEST_F(RtmOspfLanTest, ElectsTheDrAndBackupAndConvergesToTheOracle)
{
    LanNet net;
    EXPECT_EQ(net.RunUntilConverged(Seconds(60)), "");
    // (no election, so no adjacency on the LAN, before the Wait timer: RouterDeadInterval)
    EXPECT_GE(Simulator::Now(), Seconds(8));
    net.RunFor(Seconds(5));
    EXPECT_EQ(net.CheckRoutes(), "");
    // router 1 (priority 5) is DR; router 4 (the highest id of priority 1) BDR; router 2 (the
    // highest id, priority 0) neither
    ExpectElected(net, 1, 4);
    EXPECT_EQ(net.LanInfo(2).priority, 0);
    EXPECT_EQ(net.LanInfo(1).priority, 5);
    ExpectAdjacencies(net, 1, 4);
    ExpectNetworkLsa(net, 1);
    // the routers beyond the LAN are point-to-point only; the LAN's routers' router-LSAs have
    // a transit link to the DR's address
    for (uint32_t v = 0; v < kRouters; ++v)
    {
        for (const auto& info : net.Agent(v)->GetInterfaces())
        {
            if (v >= kLanSize || info.interface != net.LanInterface(v))
            {
                EXPECT_EQ(info.type, RtmOspfInterfaceType::PointToPoint);
                EXPECT_EQ(info.state, RtmOspfInterfaceState::PointToPoint);
            }
        }
        if (v < kLanSize)
        {
            const RtmOspfLsdb::Entry* e = net.Agent(0)->GetLsdb().Find(LanNet::RouterId(v).Get());
            ASSERT_NE(e, nullptr);
            uint32_t transit = 0;
            for (const auto& l : e->lsa->links)
            {
                if (l.type == RtmOspfLsa::Link::TRANSIT)
                {
                    ++transit;
                    EXPECT_EQ(l.id, net.LanAddress(1).Get());
                    EXPECT_EQ(l.data, net.LanAddress(v).Get());
                }
                EXPECT_FALSE(l.type == RtmOspfLsa::Link::STUB &&
                             l.id == Ipv4Address("10.0.0.0").Get())
                    << "a transit network is no stub";
            }
            EXPECT_EQ(transit, 1u) << "router " << v;
        }
    }
    uint64_t retransmitted = 0;
    for (uint32_t v = 0; v < kRouters; ++v)
    {
        std::ostringstream reasons;
        for (uint32_t k = 0; k < static_cast<uint32_t>(RtmOspfDropReason::Count); ++k)
        {
            const auto reason = static_cast<RtmOspfDropReason>(k);
            if (net.Agent(v)->GetDropCount(reason) > 0)
            {
                reasons << reason << " " << net.Agent(v)->GetDropCount(reason) << " ";
            }
        }
        // (a multicast update or ack of the DR or BDR can reach a router whose adjacency with
        // it is still in ExStart: RFC 2328 13 discards it, counted as NotNeighbor; nothing else)
        const uint64_t notNeighbor = net.Agent(v)->GetDropCount(RtmOspfDropReason::NotNeighbor);
        EXPECT_EQ(net.Agent(v)->GetDropCount(), notNeighbor)
            << "router " << v << ": " << reasons.str();
        EXPECT_LE(notNeighbor, 6u) << "router " << v;
        if (v >= kLanSize)
        {
            EXPECT_EQ(notNeighbor, 0u) << "point-to-point only: router " << v;
        }
        retransmitted += net.Agent(v)->GetStats().retransmittedLsas;
    }
    // (13.3 and 13.5 on the LAN: one multicast flood by the DR, acks to the right group; a
    // retransmission now and then, e.g. to a BDR whose adjacency was still forming)
    EXPECT_LE(retransmitted, 8u);
}

TEST_F(RtmOspfLanTest, TheBackupTakesOverWhenTheDrFailsAndTheDrDoesNotPreemptOnRecovery)
{
    LanNet net;
    ASSERT_EQ(net.RunUntilConverged(Seconds(60)), "");
    net.RunFor(Seconds(5));
    ExpectElected(net, 1, 4);
    // the DR's LAN device goes down: the BDR (4) becomes DR, router 3 (next highest id of
    // priority 1) the new BDR; the tables follow
    net.SetLanUp(1, false);
    Time failed = Simulator::Now();
    EXPECT_EQ(net.RunUntilConverged(failed + Seconds(60)), "");
    net.RunFor(Seconds(10));
    EXPECT_EQ(net.CheckRoutes(), "");
    ExpectElected(net, 4, 3, {1});
    ExpectAdjacencies(net, 4, 3, {1});
    ExpectNetworkLsa(net, 4, {1});
    // the old DR flushed its network-LSA (it is no longer DR); the others, out of its reach,
    // keep it but no router-LSA names it any more: unused (the oracle check above)
    const RtmOspfLsdb::Entry* mine = net.NetworkLsa(1, net.LanAddress(1));
    ASSERT_NE(mine, nullptr);
    EXPECT_TRUE(mine->flushed);
    // recovery: router 1 comes back; the DR and BDR stay (no preemption, 9.4), router 1 is
    // DROther, Full with both, 2-Way with the other DROthers
    net.SetLanUp(1, true);
    Time repaired = Simulator::Now();
    net.RunFor(Seconds(30));
    EXPECT_EQ(net.RunUntilConverged(repaired + Seconds(90)), "");
    ExpectElected(net, 4, 3);
    ExpectAdjacencies(net, 4, 3);
    ExpectNetworkLsa(net, 4);
    // the flush reached the others with the new adjacency (10.3: flushed LSAs go on the
    // retransmission list of a new neighbour)
    for (uint32_t v = 0; v < kRouters; ++v)
    {
        const RtmOspfLsdb::Entry* old = net.NetworkLsa(v, net.LanAddress(1));
        EXPECT_TRUE(old == nullptr || old->flushed) << "router " << v;
    }
}

TEST_F(RtmOspfLanTest, StoppingTheDrAgentHandsOverWithoutWaitingForTheDeadInterval)
{
    LanNet net;
    ASSERT_EQ(net.RunUntilConverged(Seconds(60)), "");
    net.RunFor(Seconds(5));
    ExpectElected(net, 1, 4);
    // Stop() flushes the DR's router-LSA and network-LSA and says goodbye (a hello listing
    // nobody): the others elect at once (1-WayReceived is a NeighborChange)
    const Time stop = Simulator::Now();
    net.Agent(1)->Stop();
    net.MarkLanUp(1, false);
    EXPECT_EQ(net.RunUntilConverged(stop + Seconds(60)), "");
    EXPECT_LT(Simulator::Now() - stop, Seconds(8)) << "not after RouterDeadInterval";
    net.RunFor(Seconds(3));
    ExpectElected(net, 4, 3, {1});
    ExpectAdjacencies(net, 4, 3, {1});
    ExpectNetworkLsa(net, 4, {1});
    for (uint32_t v = 0; v < kRouters; ++v)
    {
        if (v != 1)
        {
            const RtmOspfLsdb::Entry* old = net.NetworkLsa(v, net.LanAddress(1));
            EXPECT_TRUE(old == nullptr || old->flushed) << "router " << v;
        }
    }
    // started again: it rejoins as a DROther (no preemption)
    net.Agent(1)->Start();
    net.MarkLanUp(1, true);
    EXPECT_EQ(net.RunUntilConverged(Simulator::Now() + Seconds(60)), "");
    net.RunFor(Seconds(10));
    EXPECT_EQ(net.CheckRoutes(), "");
    ExpectElected(net, 4, 3);
    ExpectAdjacencies(net, 4, 3);
    ExpectNetworkLsa(net, 4);
}

TEST_F(RtmOspfLanTest, TransitCostsAreTheRoutersInterfaceCosts)
{
    // LAN costs 5, 1, 1, 2, 1 (routers 0-4): from router 5 the LAN and what lies behind it
    // (router 7's link) are nearer through 6 and 3 (1 + 1 + 2) than through 0 (1 + 5); router
    // 0 itself reaches router 4 across the LAN at its own cost 5 or round through 5, 6 and 3
    LanNet net("", {5, 1, 1, 2, 1});
    EXPECT_EQ(net.RunUntilConverged(Seconds(60)), "");
    net.RunFor(Seconds(5));
    EXPECT_EQ(net.CheckRoutes(), "");
    // a DROther (router 0) fails: the tables follow at once (its new router-LSA, flooded round
    // through 5, 6 and 3, has no transit link: the two-way check drops the LAN edge), and once
    // the DR's RouterDeadInterval ends the network-LSA lists it no more
    net.SetLanUp(0, false);
    EXPECT_EQ(net.RunUntilConverged(Simulator::Now() + Seconds(60)), "");
    net.RunFor(Seconds(10));
    EXPECT_EQ(net.CheckRoutes(), "");
    ExpectElected(net, 1, 4, {0});
    ExpectNetworkLsa(net, 1, {0});
}

TEST_F(RtmOspfLanTest, ForcedBroadcastOnPointToPointLinksConverges)
{
    // InterfaceType Broadcast on every interface: each point-to-point link is a network of two
    // routers with a DR, a BDR and a network-LSA; the distances, and so the tables, are the same
    Config::SetDefault("ns3::RtmOspfAgent::InterfaceType", StringValue("Broadcast"));
    {
        LanNet net;
        EXPECT_EQ(net.RunUntilConverged(Seconds(60)), "");
        ExpectElected(net, 1, 4);
        ExpectNetworkLsa(net, 1);
        uint32_t networks = 0;
        for (const auto& [key, e] : net.Agent(6)->GetLsdb().GetEntries())
        {
            networks += e.lsa->type == RtmOspfLsa::NETWORK_LSA && !e.flushed ? 1 : 0;
        }
        EXPECT_EQ(networks, 1 + kLinks.size()) << "one per link, one for the LAN";
        for (uint32_t v = kLanSize; v < kRouters; ++v)
        {
            for (const auto& info : net.Agent(v)->GetInterfaces())
            {
                EXPECT_EQ(info.type, RtmOspfInterfaceType::Broadcast);
                EXPECT_TRUE(info.state == RtmOspfInterfaceState::Dr ||
                            info.state == RtmOspfInterfaceState::Backup)
                    << info.state;
            }
        }
    }
    Config::SetDefault("ns3::RtmOspfAgent::InterfaceType", StringValue("Auto"));
}

TEST_F(RtmOspfLanTest, CapturesTheLanForTshark)
{
    // RTM_WIRE_DUMP=<dir>: pcap files of every LAN and link device (test/rtm-tshark-check.sh
    // decodes them); without it, the same run without capture
    const char* dir = std::getenv("RTM_WIRE_DUMP");
    LanNet net(dir != nullptr ? std::string(dir) : std::string());
    ASSERT_EQ(net.RunUntilConverged(Seconds(60)), "");
    net.SetLanUp(1, false);
    EXPECT_EQ(net.RunUntilConverged(Simulator::Now() + Seconds(60)), "");
    net.SetLanUp(1, true);
    net.RunFor(Seconds(30));
    EXPECT_EQ(net.CheckRoutes(), "");
}

namespace
{

/**
 * A random network of several CSMA LANs (3 to 5 routers each, a router on one or two of them)
 * and point-to-point links, connected, with random priorities and interface costs: every
 * table must equal the oracle (routers and LAN vertices: link 1, router->LAN its cost,
 * LAN->router 0), before and after LAN interfaces fail.
 */
class MultiLanNet
{
  public:
    /// @param seed the topology's seed
    explicit MultiLanNet(uint32_t seed)
        : m_rng(seed)
    {
        const uint32_t n = 12;
        m_nodes.Create(n);
        RtmHelper rtm;
        InternetStackHelper stack;
        stack.SetRoutingHelper(rtm);
        stack.Install(m_nodes);
        // three LANs over a shuffled order, so that some routers are on two of them
        std::vector<uint32_t> order(n);
        for (uint32_t i = 0; i < n; ++i)
        {
            order[i] = i;
        }
        std::shuffle(order.begin(), order.end(), m_rng);
        m_lans = {{order[0], order[1], order[2], order[3]},
                  {order[3], order[4], order[5]},
                  {order[5], order[6], order[7], order[8], order[9]}};
        // point-to-point links: the rest joined in, and two more at random
        m_links = {{order[10], order[0]}, {order[11], order[7]}, {order[10], order[11]}};
        for (int k = 0; k < 2; ++k)
        {
            uint32_t a = m_rng() % n;
            uint32_t b = m_rng() % n;
            if (a != b)
            {
                m_links.emplace_back(a, b);
            }
        }
        CsmaHelper csma;
        csma.SetChannelAttribute("DataRate", StringValue("100Mbps"));
        Ipv4AddressHelper address;
        for (std::size_t l = 0; l < m_lans.size(); ++l)
        {
            NodeContainer members;
            for (uint32_t r : m_lans[l])
            {
                members.Add(m_nodes.Get(r));
            }
            NetDeviceContainer d = csma.Install(members);
            std::ostringstream base;
            base << "10.0." << l << ".0";
            address.SetBase(base.str().c_str(), "255.255.255.0");
            address.Assign(d);
            m_lanDevices.push_back(d);
            std::vector<uint16_t> costs;
            for (std::size_t i = 0; i < m_lans[l].size(); ++i)
            {
                costs.push_back(static_cast<uint16_t>(1 + m_rng() % 4));
                Ptr<Ipv4> ip = Ip(m_lans[l][i]);
                ip->SetMetric(static_cast<uint32_t>(ip->GetInterfaceForDevice(d.Get(i))),
                              costs.back());
            }
            m_lanCosts.push_back(costs);
            m_lanUp.emplace_back(m_lans[l].size(), true);
        }
        PointToPointHelper p2p;
        for (std::size_t k = 0; k < m_links.size(); ++k)
        {
            NetDeviceContainer d =
                p2p.Install(m_nodes.Get(m_links[k].first), m_nodes.Get(m_links[k].second));
            std::ostringstream base;
            base << "10.1." << k << ".0";
            address.SetBase(base.str().c_str(), "255.255.255.0");
            address.Assign(d);
        }
        RtmOspfHelper ospf;
        rtmtest::SetShortOspfTimers(ospf);
        m_agents = ospf.Install(m_nodes);
        RtmOspfHelper::AssignStreams(m_nodes, 5000 + seed);
        for (uint32_t i = 0; i < n; ++i)
        {
            m_agents[i]->SetAttribute("RouterPriority",
                                      UintegerValue(m_rng() % 4)); // 0 (never elected) to 3
        }
    }

    ~MultiLanNet()
    {
        Simulator::Destroy();
    }

    MultiLanNet(const MultiLanNet&) = delete;
    MultiLanNet& operator=(const MultiLanNet&) = delete;

    Ptr<Ipv4> Ip(uint32_t i) const
    {
        return m_nodes.Get(i)->GetObject<Ipv4>();
    }

    /// Take a random LAN interface down.
    void FailOne()
    {
        uint32_t l = m_rng() % m_lans.size();
        uint32_t i = m_rng() % m_lans[l].size();
        m_lanUp[l][i] = false;
        Ptr<Ipv4> ip = Ip(m_lans[l][i]);
        ip->SetDown(static_cast<uint32_t>(ip->GetInterfaceForDevice(m_lanDevices[l].Get(i))));
    }

    /// @return "" if every router's OSPF routes are the oracle's, else what differs
    std::string CheckRoutes() const
    {
        const uint32_t n = m_nodes.GetN();
        const uint32_t vertices = n + static_cast<uint32_t>(m_lans.size());
        // the oracle: routers, then one vertex per LAN with two routers up or more
        std::vector<std::vector<std::pair<uint32_t, uint32_t>>> adj(vertices);
        for (const auto& [a, b] : m_links)
        {
            adj[a].emplace_back(b, 1);
            adj[b].emplace_back(a, 1);
        }
        for (std::size_t l = 0; l < m_lans.size(); ++l)
        {
            if (std::count(m_lanUp[l].begin(), m_lanUp[l].end(), true) < 2)
            {
                continue;
            }
            for (std::size_t i = 0; i < m_lans[l].size(); ++i)
            {
                if (m_lanUp[l][i])
                {
                    adj[m_lans[l][i]].emplace_back(n + l, m_lanCosts[l][i]);
                    adj[n + l].emplace_back(m_lans[l][i], 0);
                }
            }
        }
        std::vector<std::vector<uint32_t>> dist(vertices,
                                                std::vector<uint32_t>(vertices, kInfinity));
        for (uint32_t s = 0; s < vertices; ++s)
        {
            dist[s][s] = 0;
            std::set<std::pair<uint32_t, uint32_t>> queue{{0, s}};
            while (!queue.empty())
            {
                auto [d, u] = *queue.begin();
                queue.erase(queue.begin());
                for (const auto& [v, w] : adj[u])
                {
                    if (d + w < dist[s][v])
                    {
                        queue.erase({dist[s][v], v});
                        dist[s][v] = d + w;
                        queue.insert({dist[s][v], v});
                    }
                }
            }
        }
        // the networks: (key, owners with their costs)
        std::vector<std::pair<uint64_t, std::vector<std::pair<uint32_t, uint32_t>>>> nets;
        for (std::size_t l = 0; l < m_lans.size(); ++l)
        {
            std::vector<std::pair<uint32_t, uint32_t>> owners;
            for (std::size_t i = 0; i < m_lans[l].size(); ++i)
            {
                if (m_lanUp[l][i])
                {
                    owners.emplace_back(m_lans[l][i], m_lanCosts[l][i]);
                }
            }
            std::ostringstream a;
            a << "10.0." << l << ".0";
            nets.emplace_back(RtmRoute::IpKey(Ipv4Address(a.str().c_str()), Ipv4Mask("/24")),
                              owners);
        }
        for (std::size_t k = 0; k < m_links.size(); ++k)
        {
            std::ostringstream a;
            a << "10.1." << k << ".0";
            nets.push_back({RtmRoute::IpKey(Ipv4Address(a.str().c_str()), Ipv4Mask("/24")),
                            {{m_links[k].first, 1}, {m_links[k].second, 1}}});
        }
        auto expected = [&dist](uint32_t v, const std::vector<std::pair<uint32_t, uint32_t>>& o) {
            uint32_t best = kInfinity;
            for (const auto& [r, c] : o)
            {
                if (dist[v][r] != kInfinity)
                {
                    best = std::min(best, dist[v][r] + c);
                }
            }
            return best;
        };
        std::ostringstream err;
        for (uint32_t v = 0; v < n; ++v)
        {
            std::map<uint64_t, RtmRoute> mine;
            m_nodes.Get(v)->GetObject<RoutingTableManager>()->ForEachRoute(
                RtmFamily::Ip,
                [&mine](const RtmRoute& r) {
                    if (r.protocol == kOspf)
                    {
                        mine.emplace(r.network, r);
                    }
                });
            std::size_t count = 0;
            for (const auto& [key, owners] : nets)
            {
                bool attached = false;
                for (const auto& [r, c] : owners)
                {
                    attached |= r == v;
                }
                const uint32_t metric = expected(v, owners);
                auto it = mine.find(key);
                if (attached || metric == kInfinity)
                {
                    if (it != mine.end())
                    {
                        err << "router " << v << ": unexpected " << it->second << "; ";
                    }
                    continue;
                }
                ++count;
                if (it == mine.end())
                {
                    err << "router " << v << ": no route to " << std::hex << key << std::dec
                        << "; ";
                    continue;
                }
                const RtmRoute& r = it->second;
                int32_t hopIf = -1;
                uint32_t hop = n;
                for (uint32_t u = 0; u < n && hopIf < 0; ++u)
                {
                    hopIf = Ip(u)->GetInterfaceForAddress(r.GetIpNextHop());
                    hop = u;
                }
                const uint32_t cost = Ip(v)->GetMetric(r.interface);
                if (r.GetIpMetric() != metric || hopIf < 0 ||
                    expected(hop, owners) + cost != metric ||
                    Ip(v)->GetNetDevice(r.interface)->GetChannel() !=
                        Ip(hop)->GetNetDevice(static_cast<uint32_t>(hopIf))->GetChannel())
                {
                    err << "router " << v << ": " << r << ", expected metric " << metric << "; ";
                }
            }
            if (mine.size() != count)
            {
                err << "router " << v << ": " << mine.size() << " routes, expected " << count
                    << "; ";
            }
            std::string why;
            if (!m_agents[v]->CheckConsistency(&why))
            {
                err << "router " << v << ": " << why << "; ";
            }
        }
        return err.str();
    }

    /// Run until CheckRoutes passes (every 500 ms) or the deadline; @return its result
    std::string RunUntilConverged(Time deadline)
    {
        std::string why = CheckRoutes();
        while (!why.empty() && Simulator::Now() < deadline)
        {
            Simulator::Stop(MilliSeconds(500));
            Simulator::Run();
            why = CheckRoutes();
        }
        return why;
    }

    /// @return the network-LSAs (unflushed) in router v's database
    uint32_t CountNetworkLsas(uint32_t v) const
    {
        uint32_t c = 0;
        for (const auto& [key, e] : m_agents[v]->GetLsdb().GetEntries())
        {
            c += e.lsa->type == RtmOspfLsa::NETWORK_LSA && !e.flushed ? 1 : 0;
        }
        return c;
    }

  private:
    std::mt19937 m_rng;
    NodeContainer m_nodes;
    std::vector<std::vector<uint32_t>> m_lans;
    std::vector<std::pair<uint32_t, uint32_t>> m_links;
    std::vector<NetDeviceContainer> m_lanDevices;
    std::vector<std::vector<uint16_t>> m_lanCosts;
    std::vector<std::vector<bool>> m_lanUp;
    std::vector<Ptr<RtmOspfAgent>> m_agents;
};

} // namespace

TEST_F(RtmOspfLanTest, RandomNetworksOfSeveralLansConvergeToTheOracle)
{
    for (uint32_t seed = 1; seed <= 12; ++seed)
    {
        MultiLanNet net(seed);
        EXPECT_EQ(net.RunUntilConverged(Seconds(90)), "") << "seed " << seed;
        Simulator::Stop(Seconds(5));
        Simulator::Run();
        EXPECT_EQ(net.CheckRoutes(), "") << "seed " << seed;
        net.FailOne();
        net.FailOne();
        EXPECT_EQ(net.RunUntilConverged(Simulator::Now() + Seconds(90)), "") << "seed " << seed;
        Simulator::Stop(Seconds(15)); // past RouterDeadInterval: network-LSAs updated
        Simulator::Run();
        EXPECT_EQ(net.CheckRoutes(), "") << "seed " << seed;
    }
}
