/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Monitoring tests: RtmDataPlaneCheck, RtmConvergenceMonitor, RtmChurnTracer, RtmPlotter,
 * RtmProgress.
 */

#include "rtm-agent-test-network.h"

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/routing-table-manager.h"
#include "ns3/rtm-churn-tracer.h"
#include "ns3/rtm-convergence-monitor.h"
#include "ns3/rtm-data-plane-check.h"
#include "ns3/rtm-function-callback.h"
#include "ns3/rtm-function-event.h"
#include "ns3/rtm-ospf-agent.h"
#include "ns3/rtm-ospf-helper.h"
#include "ns3/rtm-plotter.h"
#include "ns3/rtm-progress.h"
#include "ns3/rtm-rip-agent.h"
#include "ns3/rtm-rip-helper.h"
#include "ns3/rtm-scenario.h"
#include "ns3/rtm-topology-generator.h"

#include <deque>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <sstream>
#include <vector>

using namespace ns3;

namespace
{

constexpr uint32_t PROTO_TEST = 10002; // PROTO_IP_NT_STATIC_NON_DOD: the test agent's routes
constexpr uint32_t PROTO_LOCAL = 2;    // PROTO_IP_LOCAL: outranks every other protocol

Ipv4Address
A(const char* s)
{
    return Ipv4Address(s);
}

const Ipv4Mask MASK24("255.255.255.0");

/**
 * A stand-in routing protocol for the tests: on Recompute it installs, on every node, the
 * shortest-path routes (hop count, lowest neighbour index on ties) of the current up links into
 * its RTM client, deleting the routes that are no longer right. Connected networks get on-link
 * routes. It counts one "message" per node per recompute in the monitor, if one is given.
 */
class TestAgent
{
  public:
    explicit TestAgent(const NodeContainer& nodes)
        : m_nodes(nodes)
    {
        for (uint32_t i = 0; i < nodes.GetN(); ++i)
        {
            Ptr<RoutingTableManager> rtm = RoutingTableManager::ForNode(nodes.Get(i));
            m_clients.push_back(
                rtm->RegisterClient(RtmFamily::Ip, PROTO_TEST, 0, Callback<void>()));
        }
    }

    void SetTtl(Time ttl)
    {
        m_ttl = ttl;
    }

    void SetCounter(std::function<void()> counter)
    {
        m_counter = std::move(counter);
    }

    /// Recompute every node.
    void Recompute()
    {
        for (uint32_t x = 0; x < m_nodes.GetN(); ++x)
        {
            Recompute(x);
        }
    }

    /// Recompute one node.
    void Recompute(uint32_t x)
    {
        RtmDataPlaneCheck view(m_nodes);
        const uint32_t n = view.GetN();
        // Networks of up interfaces.
        std::map<uint64_t, std::vector<std::pair<uint32_t, uint32_t>>> nets;
        for (uint32_t v = 0; v < n; ++v)
        {
            for (const auto& iface : view.GetInterfaces(v))
            {
                if (iface.index != 0 && view.IsUp(v, iface.index))
                {
                    uint32_t m = iface.mask.Get();
                    nets[RtmRoute::IpKey(iface.address.Get() & m, m)].emplace_back(v, iface.index);
                }
            }
        }
        std::vector<RtmRoute> wanted;
        for (const auto& [key, attached] : nets)
        {
            Ipv4Address net(RtmRoute::KeyAddress(key));
            Ipv4Mask mask(static_cast<uint32_t>(key));
            // Multi-source BFS from the network's routers over up links.
            std::vector<uint32_t> dist(n, UINT32_MAX);
            std::deque<uint32_t> q;
            bool own = false;
            for (const auto& [r, i] : attached)
            {
                if (r == x)
                {
                    own = true;
                    wanted.push_back(RtmRoute::MakeIp(net, mask, Ipv4Address::GetZero(), i, 1));
                    break;
                }
                if (dist[r] != 0)
                {
                    dist[r] = 0;
                    q.push_back(r);
                }
            }
            if (own)
            {
                continue;
            }
            while (!q.empty())
            {
                uint32_t v = q.front();
                q.pop_front();
                for (const auto& iface : view.GetInterfaces(v))
                {
                    if (iface.index == 0 || !view.IsUp(v, iface.index))
                    {
                        continue;
                    }
                    for (const auto& [w, j] : iface.neighbours)
                    {
                        if (view.IsUp(w, j) && dist[w] == UINT32_MAX)
                        {
                            dist[w] = dist[v] + 1;
                            q.push_back(w);
                        }
                    }
                }
            }
            if (dist[x] == UINT32_MAX)
            {
                continue;
            }
            bool done = false;
            for (const auto& iface : view.GetInterfaces(x))
            {
                if (done || iface.index == 0 || !view.IsUp(x, iface.index))
                {
                    continue;
                }
                for (const auto& [w, j] : iface.neighbours)
                {
                    if (view.IsUp(w, j) && dist[w] + 1 == dist[x])
                    {
                        wanted.push_back(RtmRoute::MakeIp(net,
                                                          mask,
                                                          view.GetInterfaces(w)[j].address,
                                                          iface.index,
                                                          dist[x] + 1));
                        done = true;
                        break;
                    }
                }
            }
        }
        Ptr<RoutingTableManager> rtm = m_nodes.Get(x)->GetObject<RoutingTableManager>();
        std::vector<RtmRoute> existing;
        rtm->ForEachRoute(RtmFamily::Ip, [&](const RtmRoute& r) {
            if (r.protocol == PROTO_TEST)
            {
                existing.push_back(r);
            }
        });
        // Add first, then delete: a next-hop change is then one best-changed, as a real
        // protocol's update would be.
        for (const RtmRoute& w : wanted)
        {
            rtm->AddRoute(m_clients[x], w, m_ttl);
        }
        for (const RtmRoute& r : existing)
        {
            bool keep = false;
            for (RtmRoute w : wanted)
            {
                w.protocol = PROTO_TEST;
                keep |= w.SameEntry(r);
            }
            if (!keep)
            {
                rtm->DeleteRoute(m_clients[x], r);
            }
        }
        if (m_counter)
        {
            m_counter();
        }
    }

  private:
    NodeContainer m_nodes;
    std::vector<RoutingTableManager::ClientId> m_clients;
    Time m_ttl{RoutingTableManager::Infinite()};
    std::function<void()> m_counter;
};

/**
 * Fixture: the diamond with a stub.
 *
 *   n0 --L0-- n1 --L1-- n2 --L2-- n3 --L5-- n5
 *              \                 /
 *               L3-- n4 ----L4--
 *
 * Lk is 10.0.(k+1).0/24, the first node named gets .1, the second .2. Interfaces:
 * n0: if1 L0; n1: if1 L0, if2 L1, if3 L3; n2: if1 L1, if2 L2; n3: if1 L2, if2 L4, if3 L5;
 * n4: if1 L3, if2 L4; n5: if1 L5.
 */
class RtmMonitorBase : public ::testing::Test
{
  protected:
    void SetUp() override
    {
        Ipv4AddressGenerator::Reset();
    }

    void TearDown() override
    {
        Simulator::Destroy();
        Config::Reset();
        Ipv4AddressGenerator::Reset();
    }

    void Link(uint32_t a, uint32_t b, const char* network)
    {
        PointToPointHelper p2p;
        p2p.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
        p2p.SetChannelAttribute("Delay", StringValue("1ms"));
        NetDeviceContainer d = p2p.Install(n.Get(a), n.Get(b));
        Ipv4AddressHelper addr;
        addr.SetBase(network, "255.255.255.0");
        addr.Assign(d);
    }

    void Build()
    {
        n = NodeContainer();
        n.Create(6);
        InternetStackHelper stack;
        stack.Install(n);
        Link(0, 1, "10.0.1.0");
        Link(1, 2, "10.0.2.0");
        Link(2, 3, "10.0.3.0");
        Link(1, 4, "10.0.4.0");
        Link(4, 3, "10.0.5.0");
        Link(3, 5, "10.0.6.0");
    }

    /// A client of a higher-priority protocol on node i, to override the agent's routes.
    RoutingTableManager::ClientId Override(uint32_t i)
    {
        Ptr<RoutingTableManager> rtm = RoutingTableManager::ForNode(n.Get(i));
        RoutingTableManager::ClientId c = rtm->FindClient(RtmFamily::Ip, PROTO_LOCAL);
        return c ? c : rtm->RegisterClient(RtmFamily::Ip, PROTO_LOCAL, 0, Callback<void>());
    }

    Ptr<RoutingTableManager> Rtm(uint32_t i)
    {
        return n.Get(i)->GetObject<RoutingTableManager>();
    }

    NodeContainer n;
};

// ---- data plane ------------------------------------------------------------------------------

class RtmMonitorDataPlane : public RtmMonitorBase
{
};

TEST_F(RtmMonitorDataPlane, CorrectTablesDeliverEverything)
{
    Build();
    TestAgent agent(n);
    agent.Recompute();
    RtmDataPlaneCheck check(n);
    RtmDataPlaneCheck::Report r = check.CheckAll();
    // 6 nodes, 12 up interface addresses; each node owns 1 to 3 of them.
    EXPECT_EQ(check.GetDestinations().size(), 12u);
    EXPECT_EQ(r.walks, 6u * 12u - 12u);
    EXPECT_EQ(r.delivered, r.walks);
    EXPECT_TRUE(r.IsOk());
    RtmDataPlaneCheck::Walk w = check.Trace(0, A("10.0.6.2"));
    EXPECT_EQ(w.outcome, RtmDataPlaneCheck::Delivered);
    EXPECT_EQ(w.path, (std::vector<uint32_t>{0, 1, 2, 3, 5}));
}

TEST_F(RtmMonitorDataPlane, FlagsInjectedLoop)
{
    Build();
    TestAgent agent(n);
    agent.Recompute();
    // n2 sends 10.0.6.0/24 back to n1 (10.0.2.1), which sends it to n2: a loop.
    ASSERT_EQ(Rtm(2)->AddIpRoute(Override(2), A("10.0.6.0"), MASK24, A("10.0.2.1"), 1, 1),
              RtmError::Success);
    RtmDataPlaneCheck check(n);
    RtmDataPlaneCheck::Walk w = check.Trace(0, A("10.0.6.2"));
    EXPECT_EQ(w.outcome, RtmDataPlaneCheck::Loop);
    EXPECT_EQ(w.path, (std::vector<uint32_t>{0, 1, 2, 1}));
    RtmDataPlaneCheck::Report r = check.CheckAll();
    EXPECT_FALSE(r.IsOk());
    // Sources n0, n1 and n2 loop for both addresses of L5 (10.0.6.1 on n3, 10.0.6.2 on n5);
    // n4 goes through n3.
    EXPECT_EQ(r.loops, 6u);
    EXPECT_EQ(r.blackHoles, 0u);
    bool found = false;
    for (const auto& p : r.problems)
    {
        found |=
            p.source == 0 && p.destination == A("10.0.6.2") && p.outcome == RtmDataPlaneCheck::Loop;
    }
    EXPECT_TRUE(found);
    // The route check sees the wrong next hop too.
    RtmConvergenceMonitor monitor(n);
    RtmConvergenceMonitor::RouteCheck rc = monitor.CheckRoutes();
    ASSERT_EQ(rc.mismatchCount, 1u);
    EXPECT_EQ(rc.mismatches[0].node, 2u);
    EXPECT_EQ(rc.mismatches[0].network, A("10.0.6.0"));
    EXPECT_NE(rc.mismatches[0].what.find("not on a shortest path"), std::string::npos)
        << rc.mismatches[0].ToString();
}

TEST_F(RtmMonitorDataPlane, FlagsBlackHoleOverDownInterface)
{
    Build();
    TestAgent agent(n);
    agent.Recompute();
    // n2's side of L2 goes down, routes are not recomputed: n1 still sends 10.0.3.0/24 to n2,
    // whose on-link route leaves through the down interface. 10.0.3.2 (n3) stays reachable via
    // n4, so this is a black hole, not an unreachable destination.
    n.Get(2)->GetObject<Ipv4>()->SetDown(2);
    RtmDataPlaneCheck check(n);
    RtmDataPlaneCheck::Walk w = check.Trace(0, A("10.0.3.2"));
    EXPECT_EQ(w.outcome, RtmDataPlaneCheck::BlackHole) << w.ToString();
    EXPECT_EQ(w.path, (std::vector<uint32_t>{0, 1, 2}));
    EXPECT_NE(w.reason.find("down"), std::string::npos) << w.reason;
    // 10.0.3.1 (n2's own address on the down interface) is no destination any more.
    RtmDataPlaneCheck::Report r = check.CheckAll();
    EXPECT_FALSE(r.IsOk());
    EXPECT_GT(r.blackHoles, 0u);
    EXPECT_EQ(r.loops, 0u);
    // After a recompute over the current links, all is well again.
    agent.Recompute();
    EXPECT_TRUE(check.CheckAll().IsOk());
    EXPECT_TRUE(RtmConvergenceMonitor(n).CheckRoutes().IsOk());
}

TEST_F(RtmMonitorDataPlane, FlagsBlackHoleNoRouteMidPath)
{
    Build();
    TestAgent agent(n);
    agent.Recompute();
    // n1 loses its route to 10.0.6.0/24.
    RtmRoute r;
    ASSERT_TRUE(
        Rtm(1)->IsRoute(RtmFamily::Ip, RtmRoute::IpKey(A("10.0.6.0").Get(), MASK24.Get()), &r));
    uint64_t client = Rtm(1)->FindClient(RtmFamily::Ip, PROTO_TEST);
    ASSERT_EQ(Rtm(1)->DeleteRoute(client, r), RtmError::Success);
    RtmDataPlaneCheck check(n);
    RtmDataPlaneCheck::Walk w = check.Trace(0, A("10.0.6.2"));
    EXPECT_EQ(w.outcome, RtmDataPlaneCheck::BlackHole);
    EXPECT_EQ(w.path, (std::vector<uint32_t>{0, 1}));
    EXPECT_NE(w.reason.find("no route at node 1"), std::string::npos) << w.reason;
    RtmConvergenceMonitor monitor(n);
    RtmConvergenceMonitor::RouteCheck rc = monitor.CheckRoutes();
    ASSERT_EQ(rc.mismatchCount, 1u);
    EXPECT_EQ(rc.mismatches[0].node, 1u);
    EXPECT_NE(rc.mismatches[0].what.find("no route"), std::string::npos);
}

TEST_F(RtmMonitorDataPlane, UnreachableIsNoBlackHole)
{
    Build();
    TestAgent agent(n);
    agent.Recompute();
    // Cut n5 off (its only link) and recompute: nobody has a route to n5's address any more.
    n.Get(3)->GetObject<Ipv4>()->SetDown(3);
    agent.Recompute();
    RtmDataPlaneCheck check(n);
    RtmDataPlaneCheck::Walk w = check.Trace(0, A("10.0.6.2"));
    EXPECT_EQ(w.outcome, RtmDataPlaneCheck::Unreachable) << w.ToString();
    RtmDataPlaneCheck::Report r = check.CheckAll();
    EXPECT_TRUE(r.IsOk());
    EXPECT_GT(r.unreachable, 0u);
    EXPECT_TRUE(RtmConvergenceMonitor(n).CheckRoutes().IsOk());
    // A stale route to the cut-off network is a route mismatch.
    ASSERT_EQ(Rtm(0)->AddIpRoute(Override(0), A("10.0.6.0"), MASK24, A("10.0.1.2"), 1, 1),
              RtmError::Success);
    RtmConvergenceMonitor::RouteCheck rc = RtmConvergenceMonitor(n).CheckRoutes();
    ASSERT_EQ(rc.mismatchCount, 1u);
    EXPECT_NE(rc.mismatches[0].what.find("unreachable"), std::string::npos);
}

TEST_F(RtmMonitorDataPlane, InjectedLookup)
{
    Build();
    // No RTM routes at all: the made-up table state makes n0 -> n1 -> n0 for 10.0.5.2, and gives
    // n0 nothing for anything else.
    RtmDataPlaneCheck check(n);
    check.SetLookup([](uint32_t node, Ipv4Address d, uint32_t* iface, Ipv4Address* nh) {
        if (d != Ipv4Address("10.0.5.2"))
        {
            return false;
        }
        if (node == 0)
        {
            *iface = 1;
            *nh = Ipv4Address("10.0.1.2");
            return true;
        }
        if (node == 1)
        {
            *iface = 1;
            *nh = Ipv4Address("10.0.1.1");
            return true;
        }
        return false;
    });
    EXPECT_EQ(check.Trace(0, A("10.0.5.2")).outcome, RtmDataPlaneCheck::Loop);
    EXPECT_EQ(check.Trace(0, A("10.0.4.2")).outcome, RtmDataPlaneCheck::BlackHole);
    check.SetLookup(nullptr); // back to the (empty) RTMs
    EXPECT_EQ(check.Trace(0, A("10.0.5.2")).outcome, RtmDataPlaneCheck::BlackHole);
}

// ---- route check -----------------------------------------------------------------------------

class RtmMonitorRoutes : public RtmMonitorBase
{
};

TEST_F(RtmMonitorRoutes, AcceptsEqualCostNextHopsRejectsLongerOnes)
{
    Build();
    TestAgent agent(n);
    agent.Recompute();
    RtmConvergenceMonitor monitor(n);
    RtmConvergenceMonitor::RouteCheck rc = monitor.CheckRoutes();
    EXPECT_TRUE(rc.IsOk());
    EXPECT_EQ(rc.checked, 6u * 6u);
    // n1 -> 10.0.6.0/24: via n2 (10.0.2.2, if2) or n4 (10.0.4.2, if3), both 3 hops.
    RoutingTableManager::ClientId c = Override(1);
    ASSERT_EQ(Rtm(1)->AddIpRoute(c, A("10.0.6.0"), MASK24, A("10.0.4.2"), 3, 1), RtmError::Success);
    EXPECT_TRUE(monitor.CheckRoutes().IsOk());
    // n1 -> 10.0.3.0/24 via n4 is 3 hops against 2 via n2: wrong.
    ASSERT_EQ(Rtm(1)->AddIpRoute(c, A("10.0.3.0"), MASK24, A("10.0.4.2"), 3, 1), RtmError::Success);
    rc = monitor.CheckRoutes();
    ASSERT_EQ(rc.mismatchCount, 1u);
    EXPECT_EQ(rc.mismatches[0].node, 1u);
    EXPECT_EQ(rc.mismatches[0].network, A("10.0.3.0"));
    EXPECT_NE(rc.mismatches[0].what.find("expected next hop node 2"), std::string::npos)
        << rc.mismatches[0].ToString();
    // With n1's interface 2 (to n2) costing 5, n4 becomes the only right way for n1 (other
    // nodes' hop-count routes may now be wrong: only n1 is looked at).
    monitor.SetInterfaceCost(
        [](uint32_t node, uint32_t iface) { return node == 1 && iface == 2 ? 5u : 1u; });
    rc = monitor.CheckRoutes();
    for (const auto& m : rc.mismatches)
    {
        EXPECT_NE(m.node, 1u) << m.ToString();
    }
}

TEST_F(RtmMonitorRoutes, ChecksConnectedRoutes)
{
    Build();
    RtmConvergenceMonitor monitor(n);
    // Empty tables: every (node, network) pair is missing: 6 x 6.
    EXPECT_EQ(monitor.CheckRoutes().mismatchCount, 36u);
    monitor.SetExpectConnectedRoutes(false);
    // Without the 12 attached pairs, 24 remain.
    EXPECT_EQ(monitor.CheckRoutes().mismatchCount, 24u);
}

// ---- convergence over a timeline -------------------------------------------------------------

class RtmMonitorConvergence : public RtmMonitorBase
{
};

TEST_F(RtmMonitorConvergence, EpochsPerEventWithConvergenceTime)
{
    Build();
    TestAgent agent(n);
    RtmConvergenceMonitor monitor(n);
    monitor.SetSettleTime(Seconds(2));
    agent.SetCounter(monitor.GetMessageCounter());
    RtmScenario scenario(n);
    // The "protocol" reacts to the start and to each failure or repair after 1.5 s, node by node
    // 100 ms apart: convergence time 1.5 + 0.5 s (the last node to change is n5 or earlier).
    scenario.RegisterAgentControl(
        "test",
        [&agent, this](Ptr<Node> node) {
            for (uint32_t i = 0; i < n.GetN(); ++i)
            {
                if (n.Get(i) == node)
                {
                    Simulator::Schedule(MilliSeconds(100 * i),
                                        RtmMakeEvent([&agent, i]() { agent.Recompute(i); }));
                }
            }
        },
        nullptr);
    scenario.AddListener([&agent, this](const RtmScenarioEvent& e) {
        if (e.kind == RtmScenarioEvent::LinkDown || e.kind == RtmScenarioEvent::LinkUp)
        {
            for (uint32_t i = 0; i < n.GetN(); ++i)
            {
                Simulator::Schedule(MilliSeconds(1500 + 100 * i),
                                    RtmMakeEvent([&agent, i]() { agent.Recompute(i); }));
            }
        }
    });
    monitor.Install();
    monitor.WatchScenario(scenario);
    scenario.AddAgentStart(Seconds(1), "test", RtmScenarioEvent::ALL_NODES);
    scenario.AddLinkDown(Seconds(10), 1, 2);
    scenario.AddLinkUp(Seconds(20), 1, 2);
    // A probe just after the failure, before the protocol reacts: routes and data plane broken.
    RtmConvergenceMonitor::RouteCheck during;
    RtmDataPlaneCheck::Report duringDp;
    Simulator::Schedule(Seconds(10.5), RtmMakeEvent([&]() {
                            during = monitor.CheckRoutes();
                            duringDp = monitor.CheckDataPlane();
                        }));
    Simulator::Stop(Seconds(30));
    Simulator::Run();
    monitor.Finish();

    EXPECT_FALSE(during.IsOk());
    EXPECT_GT(duringDp.blackHoles, 0u);

    const auto& epochs = monitor.GetEpochs();
    ASSERT_EQ(epochs.size(), 4u);
    EXPECT_EQ(epochs[0].description, "cold-start");
    EXPECT_EQ(epochs[0].bestChanges, 0u);
    EXPECT_EQ(epochs[1].description, "agent-start test *");
    EXPECT_EQ(epochs[1].eventTime, Seconds(1));
    // Every node gets 6 networks at once when it computes: 36 best-added.
    EXPECT_EQ(epochs[1].bestChanges, 36u);
    EXPECT_EQ(epochs[1].convergenceTime, MilliSeconds(500)); // n5 computes at 1.5 s
    EXPECT_EQ(epochs[1].messages, 6u);
    EXPECT_EQ(epochs[2].description, "link-down 1 2");
    EXPECT_EQ(epochs[2].eventTime, Seconds(10));
    EXPECT_GT(epochs[2].bestChanges, 0u);
    EXPECT_EQ(epochs[3].description, "link-up 1 2");
    for (std::size_t k = 1; k < epochs.size(); ++k)
    {
        SCOPED_TRACE(epochs[k].description);
        EXPECT_TRUE(epochs[k].evaluated);
        EXPECT_TRUE(epochs[k].settled);
        EXPECT_TRUE(epochs[k].routes.IsOk())
            << (epochs[k].routes.mismatches.empty() ? ""
                                                    : epochs[k].routes.mismatches[0].ToString());
        EXPECT_TRUE(epochs[k].dataPlane.IsOk());
        // 12 up interface addresses, 10 while L1 is down.
        EXPECT_EQ(epochs[k].dataPlane.walks, k == 2 ? 6u * 10u - 10u : 6u * 12u - 12u);
        EXPECT_LE(epochs[k].evaluatedAt, epochs[k].eventTime + Seconds(10));
    }
    // The last node whose best routes change after the failure decides the convergence time:
    // nodes recompute at 11.5 + 0.1 i s; n5's route to L1 disappears, so the last is >= 11.5.
    EXPECT_GE(epochs[2].convergenceTime, MilliSeconds(1500));
    EXPECT_LE(epochs[2].convergenceTime, MilliSeconds(2000));
    EXPECT_EQ(epochs[2].convergenceTime, epochs[2].lastChange - epochs[2].eventTime);
    EXPECT_EQ(monitor.GetTotalMessages(), 18u);

    std::ostringstream csv;
    monitor.WriteCsv(csv);
    EXPECT_NE(csv.str().find("2,10.000000000,\"link-down 1 2\","), std::string::npos) << csv.str();
    std::ostringstream summary;
    monitor.PrintSummary(summary);
    EXPECT_NE(summary.str().find("link-up 1 2"), std::string::npos);
}

TEST_F(RtmMonitorConvergence, NextEventBeforeSettleIsNotSettled)
{
    Build();
    TestAgent agent(n);
    RtmConvergenceMonitor monitor(n);
    monitor.SetSettleTime(Seconds(5));
    monitor.Install();
    Simulator::Schedule(Seconds(1), RtmMakeEvent([&]() { monitor.MarkEvent("first"); }));
    Simulator::Schedule(Seconds(2), RtmMakeEvent([&]() { agent.Recompute(); }));
    Simulator::Schedule(Seconds(3), RtmMakeEvent([&]() { monitor.MarkEvent("second"); }));
    Simulator::Stop(Seconds(4));
    Simulator::Run();
    monitor.Finish();
    const auto& epochs = monitor.GetEpochs();
    ASSERT_EQ(epochs.size(), 3u);
    EXPECT_TRUE(epochs[0].evaluated); // cold start: quiet for 5 s? no: "first" came at 1 s
    EXPECT_FALSE(epochs[0].settled);
    EXPECT_TRUE(epochs[1].evaluated);
    EXPECT_FALSE(epochs[1].settled); // "second" came 1 s after the last change
    EXPECT_EQ(epochs[1].convergenceTime, Seconds(1));
    EXPECT_EQ(epochs[1].evaluatedAt, Seconds(3));
    EXPECT_TRUE(epochs[1].routes.IsOk());
    EXPECT_TRUE(epochs[2].evaluated); // by Finish at 4 s
    EXPECT_FALSE(epochs[2].settled);
    EXPECT_EQ(epochs[2].bestChanges, 0u);
}

TEST_F(RtmMonitorConvergence, CountsMessagesThroughTraceSource)
{
    Build();
    RtmConvergenceMonitor monitor(n);
    monitor.Install();
    // Any trace source works; here every IPv4 transmission of the nodes ("Tx").
    uint32_t id = n.Get(0)->GetId();
    ASSERT_TRUE((monitor.ConnectMessageTrace<Ptr<const Packet>, Ptr<Ipv4>, uint32_t>(
        "/NodeList/" + std::to_string(id) + "/$ns3::Ipv4L3Protocol/Tx")));
    EXPECT_FALSE((monitor.ConnectMessageTrace<Ptr<const Packet>, Ptr<Ipv4>, uint32_t>(
        "/NodeList/" + std::to_string(id) + "/$ns3::NoSuchAgent/Tx")));
    Ptr<Socket> s = Socket::CreateSocket(n.Get(0), UdpSocketFactory::GetTypeId());
    Simulator::Schedule(
        Seconds(1),
        RtmMakeEvent([s]() {
            s->SendTo(Create<Packet>(10), 0, InetSocketAddress(Ipv4Address("10.0.1.2"), 9));
            s->SendTo(Create<Packet>(10), 0, InetSocketAddress(Ipv4Address("10.0.1.2"), 9));
        }));
    Simulator::Run();
    monitor.Finish();
    EXPECT_EQ(monitor.GetTotalMessages(), 2u);
    EXPECT_EQ(monitor.GetEpochs().at(0).messages, 2u);
}

// ---- churn tracer ----------------------------------------------------------------------------

class RtmMonitorTracer : public RtmMonitorBase
{
  protected:
    void TearDown() override
    {
        RngSeedManager::SetSeed(m_seed);
        RngSeedManager::SetRun(m_run);
        RtmMonitorBase::TearDown();
    }

    uint32_t m_seed{RngSeedManager::GetSeed()};
    uint64_t m_run{RngSeedManager::GetRun()};

    /**
     * One run: fresh nodes, agent with random start offsets and 4 s TTLs, a failure. The
     * ns-3 node ids start at @p shift (extra nodes are made first), as they would in a second
     * run without Simulator::Destroy: the files must not depend on them.
     */
    void RunOnce(uint32_t run,
                 uint32_t shift,
                 std::string* changes,
                 std::string* snapshots,
                 RtmChurnTracer* out)
    {
        Ipv4AddressGenerator::Reset();
        RngSeedManager::SetSeed(7);
        RngSeedManager::SetRun(run);
        NodeContainer extra;
        extra.Create(shift);
        Build();
        ASSERT_EQ(n.Get(0)->GetId(), shift);
        TestAgent agent(n);
        agent.SetTtl(Seconds(4));
        std::ostringstream c;
        std::ostringstream s;
        RtmChurnTracer tracer;
        tracer.SetChangesStream(&c);
        tracer.SetSnapshotStream(&s, Seconds(2), Seconds(12));
        tracer.SetBinWidth(MilliSeconds(500));
        tracer.Install(n);
        Ptr<UniformRandomVariable> u = CreateObject<UniformRandomVariable>();
        u->SetStream(1);
        for (uint32_t i = 0; i < n.GetN(); ++i)
        {
            // Refresh every node's routes every 1 s from a random offset; stop refreshing n4
            // at 6 s so its routes age out at about 10 s.
            Time offset = MicroSeconds(u->GetInteger(0, 999999));
            for (int k = 0; k < 12; ++k)
            {
                if (i == 4 && k >= 6)
                {
                    break;
                }
                Simulator::Schedule(offset + Seconds(k),
                                    RtmMakeEvent([&agent, i]() { agent.Recompute(i); }));
            }
        }
        RtmScenario scenario(n);
        scenario.AddLinkDown(Seconds(5), 1, 2);
        scenario.AddLinkUp(Seconds(8), 1, 2);
        Simulator::Stop(Seconds(13));
        Simulator::Run();
        tracer.Flush();
        *changes = c.str();
        *snapshots = s.str();
        if (out)
        {
            *out = tracer;
        }
        Simulator::Destroy();
    }
};

TEST_F(RtmMonitorTracer, ByteIdenticalAcrossRuns)
{
    std::string c1;
    std::string s1;
    std::string c2;
    std::string s2;
    std::string c3;
    std::string s3;
    RtmChurnTracer t1;
    RunOnce(1, 0, &c1, &s1, &t1);
    RunOnce(1, 3, &c2, &s2, nullptr);
    RunOnce(2, 0, &c3, &s3, nullptr);
    EXPECT_EQ(c1, c2);
    EXPECT_EQ(s1, s2);
    EXPECT_NE(c1, c3) << "another run number gives other start offsets";
    // The file has every kind this scenario makes.
    for (const char* kind :
         {",added,", ",deleted,", ",aged-out,", ",best-added,", ",best-changed,", ",best-deleted,"})
    {
        EXPECT_NE(c1.find(kind), std::string::npos) << kind;
    }
    EXPECT_EQ(c1.find(",refreshed,"), std::string::npos) << "refreshes are not written";
    EXPECT_EQ(c1.rfind("time,node,family,network,kind,protocol,prev_next_hop,next_hop,interface,"
                       "metric\n",
                       0),
              0u);
    // Rows name nodes 0..5 by index.
    EXPECT_NE(c1.find(",5,ip,"), std::string::npos);
    // Counts agree with the rows.
    RtmChurnTracer::Counts total = t1.GetTotal();
    std::size_t bestRows = 0;
    std::istringstream lines(c1);
    std::string line;
    while (std::getline(lines, line))
    {
        bestRows += line.find(",best-") != std::string::npos;
    }
    EXPECT_EQ(total.GetBestChanges(), bestRows);
    EXPECT_GT(total.Get(RtmChurnTracer::Refreshed), 0u);
    EXPECT_GT(t1.GetCounts(4).Get(RtmChurnTracer::AgedOut), 0u);
    EXPECT_EQ(t1.GetCounts(0).Get(RtmChurnTracer::AgedOut), 0u);
    uint64_t binned = 0;
    for (uint64_t b : t1.GetBestChangeSeries())
    {
        binned += b;
    }
    EXPECT_EQ(binned, total.GetBestChanges());
    // Snapshots at 2, 4, ..., 12 s.
    EXPECT_NE(s1.find("\n2.000000000,0,ip,10.0.1.0/24,10002,0.0.0.0,1,1\n"), std::string::npos)
        << s1.substr(0, 400);
    EXPECT_NE(s1.find("\n12.000000000,"), std::string::npos);
    EXPECT_EQ(s1.find("\n14.000000000,"), std::string::npos);
    std::ostringstream summary;
    t1.PrintSummary(summary);
    EXPECT_NE(summary.str().find("total"), std::string::npos);
}

TEST_F(RtmMonitorTracer, SeesWhatDirectTraceSees)
{
    Build();
    RtmChurnTracer tracer;
    tracer.Install(n);
    uint64_t direct = 0;
    for (uint32_t i = 0; i < n.GetN(); ++i)
    {
        Rtm(i)->TraceConnectWithoutContext(
            "BestRouteChange",
            RtmMakeCallback<void, const RtmChange&>([&direct](const RtmChange&) { ++direct; }));
    }
    TestAgent agent(n);
    agent.Recompute();
    EXPECT_EQ(direct, 36u);
    EXPECT_EQ(tracer.GetTotal().GetBestChanges(), direct);
    EXPECT_EQ(tracer.GetTotal().Get(RtmChurnTracer::Added), 36u);
    EXPECT_EQ(tracer.GetCounts(3).Get(RtmChurnTracer::BestAdded), 6u);
    // A tracer that is gone does nothing (and does not crash) on later changes.
    {
        RtmChurnTracer gone;
        gone.Install(n);
    }
    n.Get(2)->GetObject<Ipv4>()->SetDown(2);
    agent.Recompute();
    EXPECT_GT(tracer.GetTotal().Get(RtmChurnTracer::Deleted), 0u);
}

// ---- plots and progress ----------------------------------------------------------------------

class RtmMonitorOutput : public RtmMonitorBase
{
};

TEST_F(RtmMonitorOutput, PlotterWritesDataScriptsAndPngs)
{
    Build();
    TestAgent agent(n);
    RtmChurnTracer tracer;
    tracer.Install(n);
    RtmConvergenceMonitor monitor(n);
    monitor.SetSettleTime(Seconds(1));
    monitor.Install();
    RtmScenario scenario(n);
    monitor.WatchScenario(scenario);
    scenario.AddLinkDown(Seconds(3), 1, 2);
    scenario.AddListener([&agent](const RtmScenarioEvent&) {
        Simulator::Schedule(MilliSeconds(200), RtmMakeEvent([&agent]() { agent.Recompute(); }));
    });
    Simulator::Schedule(Seconds(1), RtmMakeEvent([&agent]() { agent.Recompute(); }));
    Simulator::Run();
    monitor.Finish();

    std::string dir = ::testing::TempDir() + "rtm-plotter-test";
    std::filesystem::remove_all(dir);
    RtmPlotter plotter(dir + "/out");
    bool gp = RtmPlotter::HasGnuplot();
    EXPECT_EQ(plotter.PlotChurn(tracer, scenario.GetTimeline()), gp);
    EXPECT_EQ(plotter.PlotConvergence(monitor), gp);
    EXPECT_EQ(plotter.PlotRoutesPerNode(n), gp);
    for (const char* f : {"churn.dat",
                          "churn.plt",
                          "churn-events.dat",
                          "convergence.dat",
                          "convergence.plt",
                          "routes-per-node.dat",
                          "routes-per-node.plt"})
    {
        EXPECT_TRUE(std::filesystem::exists(dir + "/out/" + f)) << f;
    }
    if (gp)
    {
        for (const char* f : {"churn.png", "convergence.png", "routes-per-node.png"})
        {
            EXPECT_GT(std::filesystem::file_size(dir + "/out/" + f), 1000u) << f;
        }
    }
    std::ifstream plt(dir + "/out/churn.plt");
    std::stringstream text;
    text << plt.rdbuf();
    EXPECT_NE(text.str().find("set arrow from 3.000000000, graph 0"), std::string::npos)
        << text.str();
    std::ifstream routes(dir + "/out/routes-per-node.dat");
    std::stringstream rt;
    rt << routes.rdbuf();
    // n3 has a route to each of the 5 networks left (L1 is down at both ends).
    EXPECT_NE(rt.str().find("\n3 5 5\n"), std::string::npos) << rt.str();
    // No PNG when gnuplot is not to be run, but the data and scripts are there.
    RtmPlotter noRun(dir + "/plain");
    noRun.SetRunGnuplot(false);
    EXPECT_FALSE(noRun.PlotRoutesPerNode(n));
    EXPECT_TRUE(std::filesystem::exists(dir + "/plain/routes-per-node.plt"));
    EXPECT_FALSE(std::filesystem::exists(dir + "/plain/routes-per-node.png"));
    std::filesystem::remove_all(dir);
}

TEST_F(RtmMonitorOutput, ProgressPrintsAndStopsAtEnd)
{
    std::ostringstream os;
    // A print interval of an hour: the only line is the final one, at the end time.
    RtmProgress progress(Seconds(100), 3600, os);
    progress.SetPrefix("[test]");
    progress.Start();
    Simulator::Run(); // nothing else is scheduled: the checks alone must end at 100 s
    EXPECT_EQ(Simulator::Now(), Seconds(100));
    EXPECT_EQ(progress.GetLinesPrinted(), 1u);
    EXPECT_NE(os.str().find("[test] 100.000 s / 100.000 s (100.0%)"), std::string::npos)
        << os.str().substr(0, 300);
}

// ---- protocol awareness ------------------------------------------------------------------------

using RtmMonitorProtocol = rtmtest::AgentTest;

/**
 * @brief A line of routers running RIP with a given infinity, converged, and its monitor's
 * cold-start epoch.
 * @param n routers
 * @param infinity RtmRipAgent::Infinity
 * @return the evaluated cold-start epoch
 */
RtmConvergenceMonitor::Epoch
RipLineColdStart(uint32_t n, uint32_t infinity, std::string* summary)
{
    RtmTopologyGenerator gen;
    rtmtest::AgentTestNetwork net(gen.Line(n));
    RtmRipHelper rip;
    rtmtest::SetShortRipTimers(rip);
    rip.Set("Infinity", UintegerValue(infinity));
    rip.Install(net.GetNodes());
    rip.AssignStreams(net.GetNodes(), 10);
    RtmConvergenceMonitor monitor(net.GetNodes());
    monitor.SetSettleTime(Seconds(6));
    monitor.Install();
    Simulator::Stop(Seconds(60));
    Simulator::Run();
    monitor.Finish();
    std::ostringstream os;
    monitor.PrintSummary(os);
    *summary = os.str();
    return monitor.GetEpochs().at(0);
}

TEST_F(RtmMonitorProtocol, NetworksBeyondRipsInfinityAreNotMismatches)
{
    // Line of 8: the far end's networks are up to 7 hops + 1 away. With RIP's infinity 5 every
    // network 5 or more away has no route by design: correct, not a black hole.
    std::string summary;
    RtmConvergenceMonitor::Epoch e = RipLineColdStart(8, 5, &summary);
    ASSERT_TRUE(e.evaluated);
    EXPECT_EQ(e.routes.checked, 8u * 7u);
    EXPECT_TRUE(e.routes.IsOk()) << summary;
    EXPECT_EQ(e.routes.infinity, 5u);
    EXPECT_EQ(e.routes.limitedBy, "ns3::RtmRipAgent");
    EXPECT_EQ(e.routes.maxDistance, 7u); // link 6-7 from node 0: 6 hops + its interface cost
    // node x reaches link (k, k+1) at distance |x - k| + 1 when x < k (or x - k when x > k + 1):
    // count the pairs at distance >= 5 over the 8 nodes and 7 links
    uint64_t expected = 0;
    for (int x = 0; x < 8; ++x)
    {
        for (int k = 0; k < 7; ++k)
        {
            int d = x <= k ? k - x + 1 : x - k;
            expected += (x != k && x != k + 1 && d >= 5) ? 1 : 0;
        }
    }
    EXPECT_EQ(e.routes.beyondReach, expected);
    EXPECT_EQ(e.dataPlane.blackHoles, 0u) << summary;
    EXPECT_GT(e.dataPlane.byDesign, 0u);
    EXPECT_TRUE(e.dataPlane.IsOk());
    EXPECT_NE(summary.find("beyond reach: " + std::to_string(expected)), std::string::npos)
        << summary;
    EXPECT_NE(summary.find("raise ns3::RtmRipAgent::Infinity"), std::string::npos) << summary;
}

TEST_F(RtmMonitorProtocol, WithinReachNothingIsBeyondIt)
{
    std::string summary;
    RtmConvergenceMonitor::Epoch e = RipLineColdStart(8, 16, &summary);
    ASSERT_TRUE(e.evaluated);
    EXPECT_TRUE(e.routes.IsOk()) << summary;
    EXPECT_EQ(e.routes.beyondReach, 0u);
    EXPECT_EQ(e.dataPlane.byDesign, 0u);
    EXPECT_EQ(e.dataPlane.delivered, e.dataPlane.walks);
    EXPECT_EQ(summary.find("beyond reach"), std::string::npos) << summary;
}

TEST_F(RtmMonitorProtocol, ACostlyInterfaceIsTheAgentsCost)
{
    // Ring of 4 with RIP; node 0's interface to node 1 costs 3. Without SetInterfaceCost the
    // monitor takes the agent's own costs, so the detour through node 3 is what it expects.
    RtmTopologyGenerator gen;
    rtmtest::AgentTestNetwork net(gen.Ring(4));
    RtmRipHelper rip;
    rtmtest::SetShortRipTimers(rip);
    std::vector<Ptr<RtmRipAgent>> agents = rip.Install(net.GetNodes());
    rip.AssignStreams(net.GetNodes(), 10);
    ASSERT_TRUE(agents[0]->SetInterfaceMetric(net.Helper().GetInterface(0, 0), 3));
    RtmConvergenceMonitor monitor(net.GetNodes());
    monitor.SetSettleTime(Seconds(6));
    monitor.Install();
    Simulator::Stop(Seconds(60));
    Simulator::Run();
    monitor.Finish();
    std::ostringstream os;
    monitor.PrintSummary(os);
    const RtmConvergenceMonitor::Epoch& e = monitor.GetEpochs().at(0);
    ASSERT_TRUE(e.evaluated);
    EXPECT_EQ(e.routes.checked, 16u); // 4 nodes x 4 links
    EXPECT_TRUE(e.routes.IsOk()) << os.str();
    RtmRoute r;
    ASSERT_TRUE(net.Rtm(0)->IsRoute(RtmFamily::Ip, net.Key(1), &r));
    EXPECT_EQ(r.GetIpMetric(), 3u); // the detour through node 3
}

/**
 * @brief Install RIP (the short timers, triggered updates held back) and OSPF (the short timers)
 *        on every node: OSPF's routes win, RIP keeps its own in the RTMs.
 * @param nodes the nodes
 * @param minTriggered RtmRipAgent::MinTriggeredUpdateDelay
 * @param maxTriggered RtmRipAgent::MaxTriggeredUpdateDelay
 */
void
InstallRipAndOspf(const NodeContainer& nodes, Time minTriggered, Time maxTriggered)
{
    RtmRipHelper rip;
    rtmtest::SetShortRipTimers(rip);
    rip.Set("MinTriggeredUpdateDelay", TimeValue(minTriggered));
    rip.Set("MaxTriggeredUpdateDelay", TimeValue(maxTriggered));
    rip.Install(nodes);
    rip.AssignStreams(nodes, 10);
    RtmOspfHelper ospf;
    rtmtest::SetShortOspfTimers(ospf);
    ospf.Install(nodes);
    RtmOspfHelper::AssignStreams(nodes, 20);
}

TEST_F(RtmMonitorProtocol, StaleRipRouteAfterAnOspfWithdrawalIsAFallback)
{
    // Line 0-1-2-3-4 (edge k joins k and k+1) with RIP and OSPF on every node: OSPF wins. RIP's
    // triggered updates are held back 2 to 3 s, so when link 1-2 fails OSPF withdraws the
    // cut-off networks on nodes 0 and 1 well before RIP's poison comes, and their old RIP
    // routes to them are best for a while. Each is a mismatch that the monitor marks as such a
    // fallback, and none is a black hole (the cut-off networks are unreachable; the stale
    // routes bounce packets between nodes 0 and 1, a loop). Once RIP has caught up, none is
    // left.
    RtmTopologyGenerator gen;
    rtmtest::AgentTestNetwork net(gen.Line(5));
    InstallRipAndOspf(net.GetNodes(), Seconds(2), Seconds(3));
    RtmConvergenceMonitor monitor(net.GetNodes());
    monitor.SetSettleTime(Seconds(6));
    monitor.Install();
    net.RunFor(Seconds(30));
    RtmConvergenceMonitor::RouteCheck rc = monitor.CheckRoutes();
    ASSERT_TRUE(rc.IsOk()) << (rc.mismatches.empty() ? "" : rc.mismatches[0].ToString());
    ASSERT_EQ(rc.fallbacks, 0u);
    RtmRoute r;
    ASSERT_TRUE(net.Rtm(0)->IsRoute(RtmFamily::Ip, net.Key(3), &r));
    ASSERT_EQ(r.protocol, RtmOspfAgent::PROTO_IP_OSPF);

    monitor.MarkEvent("link 1-2 fails");
    net.Fail(1);
    // Wait for the stale window: node 0's best route to link 3-4 is RIP's.
    Time t = net.RunUntil(
        [&] {
            RtmRoute b;
            return net.Rtm(0)->IsRoute(RtmFamily::Ip, net.Key(3), &b) &&
                           b.protocol == RtmRipAgent::PROTOCOL
                       ? ""
                       : "not yet";
        },
        MilliSeconds(50),
        Simulator::Now() + Seconds(2));
    ASSERT_GE(t, Time(0)) << "no stale RIP route on node 0";
    rc = monitor.CheckRoutes();
    EXPECT_GT(rc.fallbacks, 0u);
    EXPECT_EQ(rc.fallbacks, rc.mismatchCount) << "every wrong route is a resurfaced RIP route";
    for (const RtmConvergenceMonitor::Mismatch& m : rc.mismatches)
    {
        EXPECT_NE(m.what.find("[a PROTO_IP_RIP route, while PROTO_IP_OSPF (preferred) has none: "
                              "a stale route resurfaced]"),
                  std::string::npos)
            << m.ToString();
    }
    RtmDataPlaneCheck::Report dp = monitor.CheckDataPlane();
    EXPECT_EQ(dp.blackHoles, 0u);

    // The failure's epoch is evaluated now, in the window; RIP then converges in the next one.
    monitor.MarkEvent("stale window");
    net.RunFor(Seconds(40));
    monitor.Finish();
    const std::vector<RtmConvergenceMonitor::Epoch>& epochs = monitor.GetEpochs();
    ASSERT_EQ(epochs.size(), 3u);
    EXPECT_TRUE(epochs[0].routes.IsOk());
    EXPECT_FALSE(epochs[1].settled);
    EXPECT_EQ(epochs[1].routes.fallbacks, rc.fallbacks);
    EXPECT_FALSE(epochs[1].routes.IsOk());
    ASSERT_TRUE(epochs[2].evaluated);
    EXPECT_TRUE(epochs[2].settled);
    EXPECT_TRUE(epochs[2].routes.IsOk())
        << (epochs[2].routes.mismatches.empty() ? "" : epochs[2].routes.mismatches[0].ToString());
    EXPECT_EQ(epochs[2].routes.fallbacks, 0u);
    EXPECT_TRUE(epochs[2].dataPlane.IsOk());
    EXPECT_FALSE(net.Rtm(0)->IsRoute(RtmFamily::Ip, net.Key(3), &r)) << r;

    std::ostringstream os;
    monitor.PrintSummary(os);
    const std::string summary = os.str();
    const std::string note = "of the mismatches, " + std::to_string(rc.fallbacks) +
                             " are a lower-priority protocol's stale routes that resurfaced "
                             "while the preferred protocol had none";
    const std::size_t at = summary.find(note);
    ASSERT_NE(at, std::string::npos) << summary;
    EXPECT_EQ(summary.find(note, at + 1), std::string::npos) << "only the failure's epoch\n"
                                                             << summary;
    EXPECT_NE(summary.find("a stale route resurfaced]"), std::string::npos) << summary;
}

} // namespace
