/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: two routing protocols as clients of one Routing Table Manager per node. The RIP agent
 * (distance vector, PROTO_IP_RIP, priority 120) and the link-state agent (PROTO_IP_OSPF,
 * priority 110) run on every node: the manager's default priorities make the link-state routes
 * the best ones; when the link-state agent leaves a node, the distance-vector routes it kept
 * take over and the forwarder (RtmIpv4Routing) follows; when it comes back it wins again.
 */

#if __has_include("ns3/rtm-rip-agent.h") && __has_include("ns3/rtm-rip-helper.h")

#include "rtm-agent-test-network.h"

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/routing-table-manager.h"
#include "ns3/rtm-helper.h"
#include "ns3/rtm-ospf-agent.h"
#include "ns3/rtm-ospf-helper.h"
#include "ns3/rtm-rip-agent.h"
#include "ns3/rtm-rip-helper.h"
#include "ns3/rtm-topology-generator.h"
#include "ns3/rtm-topology-helper.h"
#include "ns3/rtm-topology-oracle.h"

#include <functional>
#include <gtest/gtest.h>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

constexpr uint32_t kOspf = RtmOspfAgent::PROTO_IP_OSPF;
constexpr uint32_t kRip = RtmRipAgent::PROTOCOL;
constexpr uint32_t kLocal = 2;

/// A topology with the RTM forwarding plane and both agents on every node.
class TwoAgentNet : public rtmtest::AgentTestNetwork
{
  public:
    explicit TwoAgentNet(const RtmTopology& topology)
        : AgentTestNetwork(topology),
          m_oracle(topology, RtmTopologyOracle::Metric::Hop)
    {
        RtmRipHelper rip;
        rtmtest::SetShortRipTimers(rip);
        m_rip = rip.Install(GetNodes());
        rip.AssignStreams(GetNodes(), 3000);
        RtmOspfHelper ospf;
        rtmtest::SetShortOspfTimers(ospf);
        m_ospf = ospf.Install(GetNodes());
        RtmOspfHelper::AssignStreams(GetNodes(), 4000);
    }

    Ptr<RtmOspfAgent> Ospf(uint32_t v) const
    {
        return m_ospf.at(v);
    }

    /**
     * Check the best routes of some nodes: every remote link network has a best route of the
     * given protocol; with checkPaths, its metric is the hop distance to the nearer end plus 1
     * and its (interface, next hop) a shortest-path first hop; in every case the forwarder's
     * choice for the network's addresses is that best route's interface and next hop.
     */
    std::string Check(const std::vector<uint32_t>& nodes, uint32_t protocol, bool checkPaths) const
    {
        std::ostringstream diff;
        for (uint32_t u : nodes)
        {
            Ptr<RtmIpv4Routing> fwd = RtmHelper::GetRtmRouting(GetNode(u));
            for (uint32_t e = 0; e < Topology().GetNEdges(); ++e)
            {
                uint32_t a = Topology().GetEdgeSource(e);
                uint32_t b = Topology().GetEdgeTarget(e);
                RtmRoute best;
                if (!Rtm(u)->IsRoute(RtmFamily::Ip, Key(e), &best))
                {
                    diff << "node " << u << ": no route to link " << e;
                    return diff.str();
                }
                if (u == a || u == b)
                {
                    if (best.protocol != kLocal)
                    {
                        diff << "node " << u << ": own link " << e << " not connected";
                        return diff.str();
                    }
                    continue;
                }
                if (best.protocol != protocol)
                {
                    diff << "node " << u << ": link " << e << " best is " << best;
                    return diff.str();
                }
                Ptr<Ipv4Route> r = fwd->Lookup(Helper().GetAddress(e, 0));
                if (!r || r->GetGateway() != best.GetIpNextHop() ||
                    r->GetOutputDevice() !=
                        GetNode(u)->GetObject<Ipv4>()->GetNetDevice(best.interface))
                {
                    diff << "node " << u << ": the forwarder does not follow " << best;
                    return diff.str();
                }
                if (!checkPaths)
                {
                    continue;
                }
                uint64_t d = std::min(m_oracle.GetDistance(u, a), m_oracle.GetDistance(u, b));
                if (best.GetIpMetric() != d + 1)
                {
                    diff << "node " << u << ": " << best << ", oracle metric " << d + 1;
                    return diff.str();
                }
                if (!IsShortestPathFirstHop(m_oracle, {}, u, e, d, best))
                {
                    diff << "node " << u << ": " << best << " is not on a shortest path";
                    return diff.str();
                }
            }
        }
        return "";
    }

    /// Run until check() is empty (tested every 250 ms) or a deadline.
    Time RunUntil(const std::function<std::string()>& check, Time deadline)
    {
        return AgentTestNetwork::RunUntil(check, MilliSeconds(250), deadline);
    }

    /// Send one datagram from vertex a to vertex b's first address; true if it arrives.
    bool Deliver(uint32_t a, uint32_t b)
    {
        return SendDatagram(a, b, Helper().GetVertexAddress(b), 64, MilliSeconds(200)) == 1;
    }

  private:
    RtmTopologyOracle m_oracle;
    std::vector<Ptr<RtmRipAgent>> m_rip;
    std::vector<Ptr<RtmOspfAgent>> m_ospf;
};

using RtmAgentsInterplay = rtmtest::AgentTest;

} // namespace

TEST_F(RtmAgentsInterplay, LinkStateWinsAndDistanceVectorTakesOverWhenItLeaves)
{
    RtmTopologyGenerator gen;
    TwoAgentNet net(gen.Grid(3, 4));
    ASSERT_EQ(net.Rtm(0)->GetProtocolPriority(kOspf), 110u);
    ASSERT_EQ(net.Rtm(0)->GetProtocolPriority(kRip), 120u);

    // Both converge; the link-state routes are the best everywhere, on shortest paths, and
    // the distance-vector agent keeps its (losing) routes in the manager.
    Time t = net.RunUntil([&] { return net.Check(net.All(), kOspf, true); }, Seconds(30));
    ASSERT_GE(t, Time(0)) << net.Check(net.All(), kOspf, true);
    net.RunFor(Seconds(8)); // a couple of RIP periods
    ASSERT_EQ(net.Check(net.All(), kOspf, true), "");
    for (uint32_t v = 0; v < net.N(); ++v)
    {
        EXPECT_GT(net.CountRoutes(v, kRip), 0u) << "node " << v;
    }

    // The link-state agent of node 5 leaves: there, the distance-vector routes take over at
    // once and the forwarder follows; the others keep their link-state routes.
    const uint32_t x = 5;
    RtmOspfHelper::ScheduleStop(net.GetNode(x), Simulator::Now() + MilliSeconds(10));
    net.RunFor(MilliSeconds(20));
    EXPECT_FALSE(net.Ospf(x)->IsStarted());
    EXPECT_EQ(net.CountRoutes(x, kOspf), 0u);
    EXPECT_EQ(net.Check({x}, kRip, false), "");
    std::vector<uint32_t> others;
    for (uint32_t v = 0; v < net.N(); ++v)
    {
        if (v != x)
        {
            others.push_back(v);
        }
    }
    EXPECT_EQ(net.Check(others, kOspf, false), "");
    EXPECT_TRUE(net.Deliver(x, 11)) << "node 5 forwards on its RIP routes";
    EXPECT_TRUE(net.Deliver(0, 11)) << "the others route around or through node 5";

    // It comes back: the link-state routes win again at node 5.
    RtmOspfHelper::ScheduleStart(net.GetNode(x), Simulator::Now() + MilliSeconds(10));
    t = net.RunUntil([&] { return net.Check(net.All(), kOspf, true); },
                     Simulator::Now() + Seconds(20));
    EXPECT_GE(t, Time(0)) << net.Check(net.All(), kOspf, true);
}

TEST_F(RtmAgentsInterplay, DistanceVectorAloneConvergesWhenLinkStateLeavesEverywhere)
{
    RtmTopologyGenerator gen;
    TwoAgentNet net(gen.Ring(7));
    Time t = net.RunUntil([&] { return net.Check(net.All(), kOspf, true); }, Seconds(30));
    ASSERT_GE(t, Time(0)) << net.Check(net.All(), kOspf, true);
    net.RunFor(Seconds(12)); // RIP has learned everything (as redistributed link-state routes)
    ASSERT_EQ(net.Check(net.All(), kOspf, true), "");
    for (uint32_t v = 0; v < net.N(); ++v)
    {
        ASSERT_GE(net.CountRoutes(v, kRip), 5u) << "node " << v;
    }

    // Every link-state agent leaves: the distance-vector agents are then the only source of
    // remote routes and converge to the shortest paths on their own.
    for (uint32_t v = 0; v < net.N(); ++v)
    {
        RtmOspfHelper::ScheduleStop(net.GetNode(v), Simulator::Now() + MilliSeconds(10));
    }
    t = net.RunUntil([&] { return net.Check(net.All(), kRip, true); },
                     Simulator::Now() + Seconds(60));
    ASSERT_GE(t, Time(0)) << net.Check(net.All(), kRip, true);
    for (uint32_t v = 0; v < net.N(); ++v)
    {
        EXPECT_EQ(net.CountRoutes(v, kOspf), 0u);
    }
    EXPECT_TRUE(net.Deliver(0, 3));

    // They join again, at run time: link-state wins everywhere.
    for (uint32_t v = 0; v < net.N(); ++v)
    {
        RtmOspfHelper::ScheduleStart(net.GetNode(v), Simulator::Now() + MilliSeconds(10));
    }
    t = net.RunUntil([&] { return net.Check(net.All(), kOspf, true); },
                     Simulator::Now() + Seconds(20));
    EXPECT_GE(t, Time(0)) << net.Check(net.All(), kOspf, true);
    EXPECT_TRUE(net.Deliver(0, 3));
}

#endif // __has_include("ns3/rtm-rip-agent.h")
