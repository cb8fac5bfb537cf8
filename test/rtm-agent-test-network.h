/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef RTM_AGENT_TEST_NETWORK_H
#define RTM_AGENT_TEST_NETWORK_H

/**
 * @file
 * The small routed networks of the routing-agent tests (RIP, OSPF, their fuzz tests, both agents
 * together): nodes, point-to-point links and /30 addresses built from a topology by
 * RtmTopologyHelper with the RTM forwarding plane (RtmHelper) on every node, and what those tests
 * do with such a network: take links down and up, derive the topology still up and the oracle's
 * shortest-path first hops in it, run until a check passes, send a datagram across, count
 * routes. Each test installs its agents itself, with its own helper, attributes and streams; the
 * short timers most of them use are here.
 */

#include "ns3/config.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/nstime.h"
#include "ns3/routing-table-manager.h"
#include "ns3/rtm-function-callback.h"
#include "ns3/rtm-function-event.h"
#include "ns3/rtm-helper.h"
#include "ns3/rtm-topology-helper.h"
#include "ns3/rtm-topology-oracle.h"
#include "ns3/rtm-topology.h"
#include "ns3/simulator.h"

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <gtest/gtest.h>
#include <iomanip>
#include <ostream>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{
namespace rtmtest
{

/**
 * @brief Append one packet to a text2pcap input (offset and hex bytes, 16 a line).
 * @param dump the text
 * @param bytes the packet
 */
inline void
AppendText2pcap(std::ostream& dump, const std::vector<uint8_t>& bytes)
{
    for (std::size_t k = 0; k < bytes.size(); ++k)
    {
        if (k % 16 == 0)
        {
            dump << (k ? "\n" : "") << std::hex << std::setw(4) << std::setfill('0') << k;
        }
        dump << ' ' << std::hex << std::setw(2) << std::setfill('0')
             << static_cast<uint32_t>(bytes[k]);
    }
    dump << "\n";
}

/**
 * @brief With RTM_WIRE_DUMP=DIR set, write a text2pcap input to DIR/name (for
 * test/rtm-tshark-check.sh); without it, nothing.
 * @param name the file name
 * @param text the text
 */
inline void
WriteWireDump(const std::string& name, const std::string& text)
{
    const char* dir = std::getenv("RTM_WIRE_DUMP");
    if (dir != nullptr)
    {
        std::ofstream out(std::string(dir) + "/" + name);
        out << text;
        EXPECT_TRUE(out.good()) << "cannot write " << dir << "/" << name;
    }
}

/**
 * @brief The short RIP timers of the agent tests: 5 s updates (1 s jitter), 30 s timeout, 20 s
 *        garbage collection, triggered updates 200 ms to 1 s apart, start after 1 s.
 * @param rip the RtmRipHelper
 */
template <typename RipHelperT>
void
SetShortRipTimers(RipHelperT& rip)
{
    rip.Set("UnsolicitedRoutingUpdate", TimeValue(Seconds(5)));
    rip.Set("PeriodicJitter", TimeValue(Seconds(1)));
    rip.Set("TimeoutDelay", TimeValue(Seconds(30)));
    rip.Set("GarbageCollectionDelay", TimeValue(Seconds(20)));
    rip.Set("MinTriggeredUpdateDelay", TimeValue(MilliSeconds(200)));
    rip.Set("MaxTriggeredUpdateDelay", TimeValue(Seconds(1)));
    rip.Set("StartupDelay", TimeValue(Seconds(1)));
}

/**
 * @brief The short link-state timers of the agent tests: hello 2 s, dead 8 s, retransmit 1 s,
 *        MinLsInterval 500 ms, SPF 100 ms after a change and 500 ms apart. The hello jitter is
 *        left alone (the agent's default) unless a test sets it.
 * @param ospf the RtmOspfHelper
 */
template <typename OspfHelperT>
void
SetShortOspfTimers(OspfHelperT& ospf)
{
    ospf.Set("HelloInterval", TimeValue(Seconds(2)));
    ospf.Set("RouterDeadInterval", TimeValue(Seconds(8)));
    ospf.Set("RetransmitInterval", TimeValue(Seconds(1)));
    ospf.Set("MinLsInterval", TimeValue(MilliSeconds(500)));
    ospf.Set("SpfDelay", TimeValue(MilliSeconds(100)));
    ospf.Set("SpfHoldTime", TimeValue(MilliSeconds(500)));
}

/**
 * @brief A test of the agents: the simulation is destroyed and the attribute configuration reset
 *        after each test.
 */
class AgentTest : public ::testing::Test
{
  protected:
    void TearDown() override
    {
        Simulator::Destroy();
        Config::Reset();
    }
};

/// (interface index, next hop address in host order) of a route or of a first hop.
using FirstHop = std::pair<uint32_t, uint32_t>;

/**
 * @brief A network of routers built from a topology, with the RTM forwarding plane (RtmHelper)
 *        on every node and no routing agent yet.
 */
class AgentTestNetwork
{
  public:
    /**
     * @brief Build the network.
     * @param topology the topology (vertex v is node v, edge e the e-th link and its /30)
     * @param prepare called on the topology helper before it builds (device attributes...)
     */
    explicit AgentTestNetwork(const RtmTopology& topology,
                              const std::function<void(RtmTopologyHelper&)>& prepare = nullptr)
        : m_topology(topology),
          m_failed(topology.GetNEdges(), false)
    {
        if (prepare)
        {
            prepare(m_th);
        }
        RtmHelper rtm;
        m_th.Install(topology, rtm);
    }

    AgentTestNetwork(const AgentTestNetwork&) = delete;
    AgentTestNetwork& operator=(const AgentTestNetwork&) = delete;
    virtual ~AgentTestNetwork() = default;

    /// @return the topology helper that built the network
    RtmTopologyHelper& Helper()
    {
        return m_th;
    }

    /// @return the topology helper that built the network
    const RtmTopologyHelper& Helper() const
    {
        return m_th;
    }

    /// @return the topology
    const RtmTopology& Topology() const
    {
        return m_topology;
    }

    /// @return the number of nodes
    uint32_t N() const
    {
        return m_topology.GetNVertices();
    }

    /// @return every node, vertex order
    const NodeContainer& GetNodes() const
    {
        return m_th.GetNodes();
    }

    /**
     * @param v a vertex
     * @return its node
     */
    Ptr<Node> GetNode(uint32_t v) const
    {
        return m_th.GetNode(v);
    }

    /**
     * @param v a vertex
     * @return the Routing Table Manager of its node
     */
    Ptr<RoutingTableManager> Rtm(uint32_t v) const
    {
        return GetNode(v)->GetObject<RoutingTableManager>();
    }

    /**
     * @param e an edge
     * @return the network key of its link's /30
     */
    uint64_t Key(uint32_t e) const
    {
        return RtmRoute::IpKey(m_th.GetNetwork(e).Get(), RtmTopologyHelper::GetMask().Get());
    }

    /// @return every vertex, 0 to N() - 1
    std::vector<uint32_t> All() const
    {
        std::vector<uint32_t> v(N());
        for (uint32_t i = 0; i < N(); ++i)
        {
            v[i] = i;
        }
        return v;
    }

    /**
     * @brief Take a link down (both interfaces), as RtmScenario does.
     * @param e the edge
     */
    void Fail(uint32_t e)
    {
        SetLinkUp(e, false);
    }

    /**
     * @brief Bring a link up again (both interfaces).
     * @param e the edge
     */
    void Repair(uint32_t e)
    {
        SetLinkUp(e, true);
    }

    /**
     * @param e an edge
     * @return true if Fail() took it down (and Repair() did not bring it back)
     */
    bool IsFailed(uint32_t e) const
    {
        return m_failed[e];
    }

    /**
     * @brief The topology that is up: every vertex, the links that are not failed and, if
     *        stopped is given, whose ends both run their agent.
     * @param stopped per vertex, true if its agent does not run (empty: all run)
     * @param original the full topology's index of each of its edges (out)
     * @return the topology, vertex indices unchanged
     */
    RtmTopology LiveTopology(const std::vector<bool>& stopped,
                             std::vector<uint32_t>* original) const
    {
        RtmTopology live("live");
        for (uint32_t v = 0; v < m_topology.GetNVertices(); ++v)
        {
            live.AddVertex(m_topology.GetVertex(v));
        }
        original->clear();
        for (uint32_t e = 0; e < m_topology.GetNEdges(); ++e)
        {
            uint32_t a = m_topology.GetEdgeSource(e);
            uint32_t b = m_topology.GetEdgeTarget(e);
            if (!m_failed[e] && (stopped.empty() || (!stopped[a] && !stopped[b])))
            {
                live.AddEdge(a, b, m_topology.GetEdge(e));
                original->push_back(e);
            }
        }
        return live;
    }

    /**
     * @brief The oracle's equal-cost first hops from u towards a vertex, as routes name them.
     * @param oracle an oracle of the topology or of a LiveTopology()
     * @param original the edge index map of that LiveTopology() (empty: the full topology)
     * @param u the forwarding vertex
     * @param target the destination vertex
     * @return (u's interface, the neighbour's address) of every first-hop edge
     */
    std::set<FirstHop> FirstHops(const RtmTopologyOracle& oracle,
                                 const std::vector<uint32_t>& original,
                                 uint32_t u,
                                 uint32_t target) const
    {
        std::set<FirstHop> hops;
        for (uint32_t le : oracle.GetNextHopEdges(u, target))
        {
            uint32_t oe = original.empty() ? le : original[le];
            uint32_t end = m_topology.GetEdgeSource(oe) == u ? 0 : 1;
            hops.insert({m_th.GetInterface(oe, end), m_th.GetAddress(oe, 1 - end).Get()});
        }
        return hops;
    }

    /**
     * @brief Whether a route to edge e's network leaves u on a shortest path: its (interface,
     *        next hop) is a first hop towards an end of e at distance d.
     * @param oracle an oracle of the topology or of a LiveTopology()
     * @param original the edge index map of that LiveTopology() (empty: the full topology)
     * @param u the vertex holding the route
     * @param e the edge (of the full topology) whose network the route reaches
     * @param d the distance from u to the nearer end of e
     * @param route the route
     * @return true if it is a shortest-path first hop
     */
    bool IsShortestPathFirstHop(const RtmTopologyOracle& oracle,
                                const std::vector<uint32_t>& original,
                                uint32_t u,
                                uint32_t e,
                                uint64_t d,
                                const RtmRoute& route) const
    {
        for (uint32_t t : {m_topology.GetEdgeSource(e), m_topology.GetEdgeTarget(e)})
        {
            if (oracle.GetDistance(u, t) == d &&
                FirstHops(oracle, original, u, t)
                    .count({route.interface, route.GetIpNextHop().Get()}))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @param v a vertex
     * @return the number of link networks its manager has a route to
     */
    uint32_t CountLinkRoutes(uint32_t v) const
    {
        uint32_t n = 0;
        for (uint32_t e = 0; e < m_topology.GetNEdges(); ++e)
        {
            n += Rtm(v)->IsRoute(RtmFamily::Ip, Key(e), nullptr) ? 1 : 0;
        }
        return n;
    }

    /**
     * @param v a vertex
     * @param protocol a protocol id
     * @return the number of IP routes of that protocol in its manager
     */
    uint32_t CountRoutes(uint32_t v, uint32_t protocol) const
    {
        uint32_t n = 0;
        Rtm(v)->ForEachRoute(RtmFamily::Ip,
                             [&n, protocol](const RtmRoute& r) { n += r.protocol == protocol; });
        return n;
    }

    /**
     * @brief Run the simulation for a while.
     * @param t the duration
     */
    void RunFor(Time t)
    {
        Simulator::Stop(t);
        Simulator::Run();
    }

    /**
     * @brief Run until a check passes (tested every period) or a deadline passes.
     * @param check returns "" when it passes, or what differs
     * @param period the time between two tests
     * @param deadline absolute time: the last test is the first at or after it
     * @return the time the check passed, or a negative time
     */
    Time RunUntil(const std::function<std::string()>& check, Time period, Time deadline)
    {
        Time found = Seconds(-1);
        std::function<void()> poll;
        poll = [&]() {
            if (check().empty())
            {
                found = Simulator::Now();
                Simulator::Stop();
            }
            else if (Simulator::Now() >= deadline)
            {
                Simulator::Stop();
            }
            else
            {
                Simulator::Schedule(period, RtmMakeEvent(poll));
            }
        };
        Simulator::Schedule(period, RtmMakeEvent(poll));
        Simulator::Run();
        return found;
    }

    /**
     * @brief Send one UDP datagram from vertex a to port 9 of an address of vertex b, 1 ms from
     *        now in a's context, and run for a while.
     * @param a the sending vertex
     * @param b the receiving vertex
     * @param dest the destination address (one of b's)
     * @param size the payload bytes
     * @param runFor how long to run
     * @return the number of datagrams b received
     */
    uint32_t SendDatagram(uint32_t a, uint32_t b, Ipv4Address dest, uint32_t size, Time runFor)
    {
        Ptr<Socket> rx = Socket::CreateSocket(GetNode(b), UdpSocketFactory::GetTypeId());
        rx->Bind(InetSocketAddress(Ipv4Address::GetAny(), 9));
        uint32_t received = 0;
        rx->SetRecvCallback(RtmMakeCallback<void, Ptr<Socket>>([&received](Ptr<Socket> s) {
            while (s->Recv())
            {
                ++received;
            }
        }));
        Ptr<Socket> tx = Socket::CreateSocket(GetNode(a), UdpSocketFactory::GetTypeId());
        tx->Bind();
        Simulator::ScheduleWithContext(
            GetNode(a)->GetId(),
            MilliSeconds(1),
            RtmMakeEventPointer([tx, dest, size]() {
                tx->SendTo(Create<Packet>(size), 0, InetSocketAddress(dest, 9));
            }));
        RunFor(runFor);
        rx->Close();
        tx->Close();
        return received;
    }

  private:
    /**
     * @brief Set both interfaces of a link up or down.
     * @param e the edge
     * @param up up or down
     */
    void SetLinkUp(uint32_t e, bool up)
    {
        for (uint32_t end = 0; end < 2; ++end)
        {
            Ptr<Node> n =
                GetNode(end == 0 ? m_topology.GetEdgeSource(e) : m_topology.GetEdgeTarget(e));
            if (up)
            {
                n->GetObject<Ipv4>()->SetUp(m_th.GetInterface(e, end));
            }
            else
            {
                n->GetObject<Ipv4>()->SetDown(m_th.GetInterface(e, end));
            }
        }
        m_failed[e] = !up;
    }

    RtmTopology m_topology;     //!< the topology
    RtmTopologyHelper m_th;     //!< what built the network
    std::vector<bool> m_failed; //!< per edge, taken down by Fail()
};

} // namespace rtmtest
} // namespace ns3

#endif /* RTM_AGENT_TEST_NETWORK_H */
