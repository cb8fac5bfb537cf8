/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

// RtmSnapshotMonitor: the convergence summary computed after the run from the churn tracer's
// files agrees with the live RtmConvergenceMonitor of the same run (convergence time, best-route
// changes, route check, data plane) for both agents; a made-up wrong next hop or loop in a
// snapshot is found; the failed link's state applies to its epoch only; bad files are refused
// with the file and line.

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/rtm-module.h"

#include <cstdio>
#include <fstream>
#include <gtest/gtest.h>
#include <set>
#include <sstream>
#include <unistd.h>

using namespace ns3;

namespace
{

/// A per-process temporary path.
std::string
TempPath(const std::string& name)
{
    return ::testing::TempDir() + "rtm-snapshot-monitor-" + std::to_string(getpid()) + "-" + name;
}

/// A ring of routers running one agent, a link failure at 20 s and its recovery at 50 s, with
/// the tracer's files and the live monitor.
class SnapshotRun : public ::testing::Test
{
  protected:
    static constexpr double FAIL_AT = 20;    //!< s
    static constexpr double RECOVER_AT = 50; //!< s
    static constexpr double STOP_AT = 80;    //!< s

    void TearDown() override
    {
        Simulator::Destroy();
        std::remove(m_changes.c_str());
        std::remove(m_tables.c_str());
    }

    /**
     * @brief Build and run the ring with the agent.
     * @param agent "rip" or "ospf"
     */
    void Run(const std::string& agent)
    {
        m_changes = TempPath(agent + "-changes.csv");
        m_tables = TempPath(agent + "-tables.csv");
        RtmTopology topo = RtmTopologyGenerator().Ring(6);
        RtmHelper rtm;
        m_builder.Install(topo, rtm);
        m_nodes = m_builder.GetNodes();
        if (agent == "rip")
        {
            RtmRipHelper rip;
            rip.Set("UnsolicitedRoutingUpdate", TimeValue(Seconds(5)));
            rip.Set("TimeoutDelay", TimeValue(Seconds(30)));
            rip.Set("GarbageCollectionDelay", TimeValue(Seconds(20)));
            rip.SetStartTime(Seconds(1));
            rip.Install(m_nodes);
            rip.AssignStreams(m_nodes, 100);
        }
        else
        {
            RtmOspfHelper ospf;
            ospf.SetStartTime(Seconds(1));
            ospf.Install(m_nodes);
        }
        m_a = topo.GetEdgeSource(0);
        m_b = topo.GetEdgeTarget(0);
        RtmScenario scenario(m_nodes);
        scenario.AddLinkDown(Seconds(FAIL_AT), m_a, m_b);
        scenario.AddLinkUp(Seconds(RECOVER_AT), m_a, m_b);
        for (const auto& [ia, ib] : scenario.FindLinks(m_a, m_b))
        {
            m_failed.insert({m_a, ia});
            m_failed.insert({m_b, ib});
        }
        RtmChurnTracer tracer;
        tracer.SetChangesFile(m_changes);
        tracer.SetSnapshotFile(m_tables, Seconds(5), Seconds(STOP_AT));
        tracer.Install(m_nodes);
        RtmConvergenceMonitor live(m_nodes);
        live.SetSettleTime(Seconds(5));
        live.Install();
        live.WatchScenario(scenario);
        Simulator::Stop(Seconds(STOP_AT));
        Simulator::Run();
        live.Finish();
        tracer.Flush();
        m_live = live.GetEpochs();
    }

    /// @return a snapshot monitor of the run's epochs (files not read yet)
    RtmSnapshotMonitor Monitor() const
    {
        RtmSnapshotMonitor m(m_nodes);
        NodeContainer nodes = m_nodes;
        auto live = [nodes](uint32_t n, uint32_t i) {
            return nodes.Get(n)->GetObject<Ipv4>()->IsUp(i);
        };
        std::set<std::pair<uint32_t, uint32_t>> failed = m_failed;
        m.AddEpoch(Seconds(0), "cold-start", live);
        m.AddEpoch(Seconds(FAIL_AT), "link-down", [live, failed](uint32_t n, uint32_t i) {
            return failed.count({n, i}) == 0 && live(n, i);
        });
        m.AddEpoch(Seconds(RECOVER_AT), "link-up", live);
        return m;
    }

    /// @brief The snapshot summary must agree with the live monitor, epoch by epoch.
    void ExpectSameAsLive()
    {
        RtmSnapshotMonitor m = Monitor();
        m.ReadChanges(m_changes);
        m.ReadTables(m_tables);
        std::vector<RtmConvergenceMonitor::Epoch> got = m.Evaluate();
        ASSERT_EQ(got.size(), 3U);
        ASSERT_EQ(m_live.size(), 3U);
        for (uint32_t e = 0; e < 3; ++e)
        {
            SCOPED_TRACE("epoch " + std::to_string(e));
            EXPECT_EQ(got[e].eventTime, m_live[e].eventTime);
            EXPECT_EQ(got[e].bestChanges, m_live[e].bestChanges);
            EXPECT_GT(got[e].bestChanges, 0U);
            EXPECT_EQ(got[e].convergenceTime, m_live[e].convergenceTime);
            EXPECT_TRUE(got[e].evaluated);
            EXPECT_TRUE(got[e].settled);
            EXPECT_TRUE(got[e].routes.IsOk())
                << (got[e].routes.mismatches.empty() ? "" : got[e].routes.mismatches[0].ToString());
            EXPECT_EQ(got[e].routes.checked, m_live[e].routes.checked);
            EXPECT_GT(got[e].routes.checked, 0U);
            EXPECT_EQ(got[e].dataPlane.walks, m_live[e].dataPlane.walks);
            EXPECT_EQ(got[e].dataPlane.delivered, m_live[e].dataPlane.delivered);
            EXPECT_EQ(got[e].dataPlane.loops, 0U);
            EXPECT_EQ(got[e].dataPlane.blackHoles, 0U);
        }
        EXPECT_TRUE(m_live[1].routes.IsOk() && m_live[1].dataPlane.IsOk());
    }

    /// @return the time field of the tables file's last row (the last snapshot)
    std::string LastSnapshotTime() const
    {
        std::ifstream in(m_tables);
        std::string line;
        std::string last;
        while (std::getline(in, line))
        {
            last = line;
        }
        return last.substr(0, last.find(','));
    }

    /**
     * @brief Rewrite the tables file: replace the next hop and interface of one row.
     * @param time the snapshot's time field
     * @param node the node field
     * @param network the network field
     * @param hop the new "next_hop,interface" text
     */
    void Rewrite(const std::string& time,
                 uint32_t node,
                 const std::string& network,
                 const std::string& hop)
    {
        std::ifstream in(m_tables);
        std::ostringstream out;
        std::string line;
        const std::string prefix = time + "," + std::to_string(node) + ",ip," + network + ",";
        bool done = false;
        while (std::getline(in, line))
        {
            if (line.rfind(prefix, 0) == 0)
            {
                std::istringstream f(line.substr(prefix.size()));
                std::string protocol;
                std::getline(f, protocol, ',');
                std::string rest;
                std::getline(f, rest); // next_hop,interface,metric
                std::string metric = rest.substr(rest.rfind(',') + 1);
                line = prefix + protocol + "," + hop + "," + metric;
                done = true;
            }
            out << line << "\n";
        }
        ASSERT_TRUE(done) << "no row " << prefix;
        std::ofstream(m_tables) << out.str();
    }

    /**
     * @param node a node
     * @param other a neighbour
     * @param address the neighbour's address on their link (out)
     * @param interface the node's interface on that link (out)
     */
    void LinkTo(uint32_t node, uint32_t other, std::string* address, uint32_t* interface) const
    {
        RtmScenario s(m_nodes);
        auto links = s.FindLinks(node, other);
        ASSERT_FALSE(links.empty());
        *interface = links[0].first;
        std::ostringstream os;
        os << m_nodes.Get(other)->GetObject<Ipv4>()->GetAddress(links[0].second, 0).GetLocal();
        *address = os.str();
    }

    RtmTopologyHelper m_builder;                      //!< the network
    NodeContainer m_nodes;                            //!< its nodes
    uint32_t m_a{0};                                  //!< the failed link's ends
    uint32_t m_b{0};                                  //!< (vertices)
    std::set<std::pair<uint32_t, uint32_t>> m_failed; //!< its (node, interface) ends
    std::vector<RtmConvergenceMonitor::Epoch> m_live; //!< the live monitor's epochs
    std::string m_changes;                            //!< changes file
    std::string m_tables;                             //!< tables file
};

} // namespace

TEST_F(SnapshotRun, RipSummaryFromTheFilesEqualsTheLiveMonitor)
{
    Run("rip");
    ExpectSameAsLive();
}

TEST_F(SnapshotRun, OspfSummaryFromTheFilesEqualsTheLiveMonitor)
{
    Run("ospf");
    ExpectSameAsLive();
}

TEST_F(SnapshotRun, AWrongNextHopAndALoopInASnapshotAreFound)
{
    Run("ospf");
    // On the ring 0-1-2-3-4-5-0 after the recovery, node 1's route to the network between 3 and
    // 4 goes via 2 (2 hops to 3) and 2's via 3. Send node 2 back via 1: a route off the shortest
    // paths and a loop 2 -> 1 -> 2 for packets from 1 or 2 towards that network.
    std::string via1;
    uint32_t i21 = 0;
    LinkTo(2, 1, &via1, &i21);
    std::string net34;
    {
        RtmScenario s(m_nodes);
        auto links = s.FindLinks(3, 4);
        ASSERT_FALSE(links.empty());
        Ipv4InterfaceAddress a = m_nodes.Get(3)->GetObject<Ipv4>()->GetAddress(links[0].first, 0);
        std::ostringstream os;
        os << a.GetLocal().CombineMask(a.GetMask()) << "/"
           << static_cast<uint32_t>(a.GetMask().GetPrefixLength());
        net34 = os.str();
    }
    Rewrite(LastSnapshotTime(), 2, net34, via1 + "," + std::to_string(i21));
    RtmSnapshotMonitor m = Monitor();
    m.ReadChanges(m_changes);
    m.ReadTables(m_tables);
    std::vector<RtmConvergenceMonitor::Epoch> got = m.Evaluate();
    ASSERT_EQ(got.size(), 3U);
    EXPECT_TRUE(got[0].routes.IsOk()) << "the earlier epochs' snapshots are untouched";
    EXPECT_TRUE(got[1].routes.IsOk());
    EXPECT_EQ(got[2].routes.mismatchCount, 1U);
    EXPECT_GT(got[2].dataPlane.loops, 0U);
    bool named = false;
    for (const auto& mm : got[2].routes.mismatches)
    {
        named =
            named || (mm.node == 2 && mm.what.find("not on a shortest path") != std::string::npos);
    }
    EXPECT_TRUE(named);
}

TEST_F(SnapshotRun, TheFailedLinkIsDownInItsEpochOnly)
{
    Run("ospf");
    // The tables at the end (link up again) checked as if the link were still down: the routes
    // over it are mismatches and black holes; while it was down, the same state is right.
    RtmSnapshotMonitor m(m_nodes);
    std::set<std::pair<uint32_t, uint32_t>> failed = m_failed;
    NodeContainer nodes = m_nodes;
    auto down = [failed, nodes](uint32_t n, uint32_t i) {
        return failed.count({n, i}) == 0 && nodes.Get(n)->GetObject<Ipv4>()->IsUp(i);
    };
    m.AddEpoch(Seconds(0), "cold-start", nullptr);
    m.AddEpoch(Seconds(FAIL_AT), "link-down", down);
    m.AddEpoch(Seconds(RECOVER_AT), "link-up but checked as down", down);
    m.ReadChanges(m_changes);
    m.ReadTables(m_tables);
    std::vector<RtmConvergenceMonitor::Epoch> got = m.Evaluate();
    ASSERT_EQ(got.size(), 3U);
    EXPECT_TRUE(got[0].routes.IsOk());
    EXPECT_TRUE(got[1].routes.IsOk()) << "the state of its time";
    EXPECT_TRUE(got[1].dataPlane.IsOk());
    EXPECT_GT(got[2].routes.mismatchCount, 0U);
    EXPECT_GT(got[2].dataPlane.blackHoles, 0U);
}

TEST_F(SnapshotRun, BadFilesNameTheFileAndLine)
{
    Run("rip");
    auto expectError = [this](const std::string& text, const std::string& what, bool tables) {
        std::string path = TempPath("bad.csv");
        std::ofstream(path) << text;
        RtmSnapshotMonitor m = Monitor();
        try
        {
            if (tables)
            {
                m.ReadTables(path);
            }
            else
            {
                m.ReadChanges(path);
            }
            ADD_FAILURE() << "accepted: " << text;
        }
        catch (const std::runtime_error& e)
        {
            EXPECT_NE(std::string(e.what()).find(what), std::string::npos) << e.what();
        }
        std::remove(path.c_str());
    };
    const std::string th = "time,node,family,network,protocol,next_hop,interface,metric\n";
    const std::string ch =
        "time,node,family,network,kind,protocol,prev_next_hop,next_hop,interface,metric\n";
    expectError("time,node\n", "bad.csv:1: expected the header", true);
    expectError(th + "5.000000000,0,ip,10.0.0.0/30,1,0.0.0.0,1,1\n5.0,1,ip\n", "bad.csv:3:", true);
    expectError(th + "5.000000000,99,ip,10.0.0.0/30,1,0.0.0.0,1,1\n", "bad.csv:2:", true);
    expectError(th + "80.000000000,0,ip,10.0.0.1/30,1,0.0.0.0,1,1\n",
                "bad.csv:2: expected a network",
                true);
    expectError(th + "80.000000000,0,ip,10.0.0.0/30,1,0.0.0.0,1,1\n" +
                    "80.000000000,0,ip,10.0.0.0/30,1,0.0.0.0,2,1\n",
                "bad.csv:3: a second best route",
                true);
    expectError(th + "9.000000000,0,ip,x\n5.000000000,0,ip,x\n",
                "bad.csv:3: rows are not in time",
                true);
    expectError(ch + "1.000000000,0,ip,10.0.0.0/30,best-added,1,0.0.0.0,0.0.0.0,1\n",
                "bad.csv:2: expected 10 fields",
                false);
    {
        RtmSnapshotMonitor m = Monitor();
        EXPECT_THROW(m.ReadTables(TempPath("missing.csv")), std::runtime_error);
        EXPECT_THROW(m.SetMessages(3, 1), std::out_of_range);
    }
}
