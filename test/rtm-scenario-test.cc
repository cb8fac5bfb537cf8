/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Scenario timeline tests: RtmScenario (text format, errors, event timing).
 */

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/rtm-scenario.h"

#include <gtest/gtest.h>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

const std::string DATA = std::string(RTM_SOURCE_DIR) + "/test/data/scenario/";

/**
 * The diamond: n0 -- n1 -- n2 -- n3, and n1 -- n4 -- n3, labelled "n0".."n4".
 * Interfaces: n0: if1 (n1); n1: if1 (n0), if2 (n2), if3 (n4); n2: if1 (n1), if2 (n3);
 * n3: if1 (n2), if2 (n4); n4: if1 (n1), if2 (n3).
 */
class RtmScenarioBase : public ::testing::Test
{
  protected:
    void SetUp() override
    {
        Ipv4AddressGenerator::Reset();
        n.Create(5);
        InternetStackHelper stack;
        stack.Install(n);
        Link(0, 1, "10.0.1.0");
        Link(1, 2, "10.0.2.0");
        Link(2, 3, "10.0.3.0");
        Link(1, 4, "10.0.4.0");
        Link(4, 3, "10.0.5.0");
    }

    void TearDown() override
    {
        Simulator::Destroy();
        Ipv4AddressGenerator::Reset();
    }

    void Link(uint32_t a, uint32_t b, const char* network)
    {
        PointToPointHelper p2p;
        NetDeviceContainer d = p2p.Install(n.Get(a), n.Get(b));
        Ipv4AddressHelper addr;
        addr.SetBase(network, "255.255.255.0");
        addr.Assign(d);
    }

    RtmScenario Make()
    {
        RtmScenario s(n);
        s.SetLabels({"n0", "n1", "n2", "n3", "n4"});
        s.RegisterAgentControl(
            "test",
            [this](Ptr<Node> node) { Record("start", node); },
            [this](Ptr<Node> node) { Record("stop", node); });
        return s;
    }

    void Record(const char* what, Ptr<Node> node)
    {
        std::ostringstream os;
        os << Simulator::Now().GetMilliSeconds() << "ms " << what << " " << Index(node)
           << (Simulator::GetContext() == node->GetId() ? "" : " (wrong context)");
        calls.push_back(os.str());
    }

    uint32_t Index(Ptr<Node> node) const
    {
        for (uint32_t i = 0; i < n.GetN(); ++i)
        {
            if (n.Get(i) == node)
            {
                return i;
            }
        }
        return 99;
    }

    bool Up(uint32_t node, uint32_t iface) const
    {
        return n.Get(node)->GetObject<Ipv4>()->IsUp(iface);
    }

    /// The error text of loading a file, or "" if it loads.
    std::string LoadError(const std::string& file)
    {
        RtmScenario s = Make();
        try
        {
            s.LoadFile(DATA + file);
        }
        catch (const std::runtime_error& e)
        {
            return e.what();
        }
        return "";
    }

    NodeContainer n;
    std::vector<std::string> calls;
};

// ---- parsing ---------------------------------------------------------------------------------

class RtmScenarioParse : public RtmScenarioBase
{
};

TEST_F(RtmScenarioParse, ParseTime)
{
    Time t;
    ASSERT_TRUE(RtmScenario::ParseTime("10", &t));
    EXPECT_EQ(t, Seconds(10));
    ASSERT_TRUE(RtmScenario::ParseTime("1.5s", &t));
    EXPECT_EQ(t, MilliSeconds(1500));
    ASSERT_TRUE(RtmScenario::ParseTime("0.1", &t));
    EXPECT_EQ(t.GetNanoSeconds(), 100000000); // exact, no binary rounding
    ASSERT_TRUE(RtmScenario::ParseTime("250ms", &t));
    EXPECT_EQ(t, MilliSeconds(250));
    ASSERT_TRUE(RtmScenario::ParseTime("7us", &t));
    EXPECT_EQ(t, MicroSeconds(7));
    ASSERT_TRUE(RtmScenario::ParseTime("3ns", &t));
    EXPECT_EQ(t, NanoSeconds(3));
    ASSERT_TRUE(RtmScenario::ParseTime("2min", &t));
    EXPECT_EQ(t, Seconds(120));
    ASSERT_TRUE(RtmScenario::ParseTime("1h", &t));
    EXPECT_EQ(t, Seconds(3600));
    ASSERT_TRUE(RtmScenario::ParseTime(".5", &t));
    EXPECT_EQ(t, MilliSeconds(500));
    for (const char* bad : {"", "-1", "1.5.0", "abc", "1e3", "10 s", "5parsecs", "s", ".", "1.5ns"})
    {
        EXPECT_FALSE(RtmScenario::ParseTime(bad, &t)) << bad;
    }
}

TEST_F(RtmScenarioParse, SampleFile)
{
    RtmScenario s = Make();
    ASSERT_EQ(s.LoadFile(DATA + "sample.txt"), 7u);
    const auto& e = s.GetEvents();
    ASSERT_EQ(e.size(), 7u);
    EXPECT_EQ(e[0].time, Seconds(0));
    EXPECT_EQ(e[0].kind, RtmScenarioEvent::AgentStart);
    EXPECT_EQ(e[0].a, RtmScenarioEvent::ALL_NODES);
    EXPECT_EQ(e[0].description, "agent-start test *");
    EXPECT_EQ(e[1].time, MilliSeconds(1500));
    EXPECT_EQ(e[1].kind, RtmScenarioEvent::LinkDown);
    EXPECT_EQ(e[1].description, "link-down 0 1");
    EXPECT_EQ(e[2].time, MilliSeconds(2500));
    EXPECT_EQ(e[2].kind, RtmScenarioEvent::LinkUp);
    EXPECT_EQ(e[2].a, 0u);
    EXPECT_EQ(e[2].b, 1u);
    EXPECT_EQ(e[3].description, "node-down 4");
    EXPECT_EQ(e[4].description, "node-up 4");
    EXPECT_EQ(e[5].description, "agent-stop test 2");
    EXPECT_EQ(e[5].time, Seconds(5));
    EXPECT_EQ(e[6].time, Seconds(6));
    for (uint32_t i = 0; i < e.size(); ++i)
    {
        EXPECT_EQ(e[i].sequence, i);
    }
    EXPECT_EQ(s.GetLabel(3), "n3");
    uint32_t idx = 0;
    EXPECT_TRUE(s.ResolveNode("n4", &idx));
    EXPECT_EQ(idx, 4u);
    EXPECT_TRUE(s.ResolveNode("2", &idx));
    EXPECT_EQ(idx, 2u);
    EXPECT_FALSE(s.ResolveNode("5", &idx));
    EXPECT_FALSE(s.ResolveNode("x", &idx));
}

TEST_F(RtmScenarioParse, ErrorsNameFileAndLine)
{
    struct Case
    {
        const char* file;
        int line;
        const char* words;
    };

    for (const Case& c : {Case{"broken-command.txt", 3, "unknown command 'link-flap'"},
                          Case{"broken-time.txt", 2, "bad time '1.5.0'"},
                          Case{"broken-node.txt", 4, "unknown node 'n9'"},
                          Case{"broken-arity.txt", 2, "'link-down' takes 2 arguments, got 1"},
                          Case{"broken-agent.txt", 3, "unknown agent 'bgp'"},
                          Case{"broken-link.txt", 2, "no link between 'n0' and 'n3'"},
                          Case{"broken-unit.txt", 2, "bad time '10parsecs'"}})
    {
        SCOPED_TRACE(c.file);
        std::string what = LoadError(c.file);
        std::string prefix = DATA + c.file + ":" + std::to_string(c.line) + ": ";
        EXPECT_EQ(what.rfind(prefix, 0), 0u) << what;
        EXPECT_NE(what.find(c.words), std::string::npos) << what;
    }
    std::string missing = LoadError("no-such-file.txt");
    EXPECT_EQ(missing.rfind(DATA + "no-such-file.txt:0: ", 0), 0u) << missing;
    // A stream gets the name it is given.
    RtmScenario s = Make();
    std::istringstream in("1 node-down 0\n\n  # comment\n2 node-up\n");
    try
    {
        s.Load(in, "inline");
        ADD_FAILURE() << "no exception";
    }
    catch (const std::runtime_error& e)
    {
        EXPECT_EQ(std::string(e.what()).rfind("inline:4: 'node-up' takes 1 argument, got 0", 0), 0u)
            << e.what();
    }
    // Nothing was added, not even the lines before the error: a load is all or nothing.
    EXPECT_EQ(s.GetEvents().size(), 0u);
}

TEST_F(RtmScenarioParse, CodeApiRejectsBadEvents)
{
    RtmScenario s = Make();
    EXPECT_THROW(s.AddLinkDown(Seconds(1), 0, 3), std::invalid_argument); // no link
    EXPECT_THROW(s.AddLinkDown(Seconds(1), 0, 0), std::invalid_argument);
    EXPECT_THROW(s.AddNodeDown(Seconds(1), 5), std::invalid_argument);
    EXPECT_THROW(s.AddAgentStart(Seconds(1), "bgp", 0), std::invalid_argument);
    EXPECT_THROW(s.AddAgentStop(Seconds(1), "test", 7), std::invalid_argument);
    EXPECT_THROW(s.SetLabel("a b", 0), std::invalid_argument);
    EXPECT_THROW(s.SetLabel("x", 9), std::invalid_argument);
    EXPECT_TRUE(s.GetEvents().empty());
    // Links found by the scenario: interface pairs of both ends.
    auto links = s.FindLinks(1, 4);
    ASSERT_EQ(links.size(), 1u);
    EXPECT_EQ(links[0], std::make_pair(3u, 1u));
    // Times in the past are refused once the simulation has moved on.
    Simulator::Schedule(Seconds(5), []() {});
    Simulator::Run();
    EXPECT_THROW(s.AddNodeDown(Seconds(4), 0), std::invalid_argument);
    std::istringstream in("4 node-down 0\n");
    EXPECT_THROW(s.Load(in, "late"), std::runtime_error);
}

// ---- timing ----------------------------------------------------------------------------------

class RtmScenarioTiming : public RtmScenarioBase
{
};

TEST_F(RtmScenarioTiming, EventsFireAtTheirTimes)
{
    RtmScenario s = Make();
    std::vector<std::string> heard;
    s.AddListener([&](const RtmScenarioEvent& e) {
        std::ostringstream os;
        os << Simulator::Now().GetMilliSeconds() << "ms " << e.description;
        // Listeners hear of an event before it is applied.
        if (e.kind == RtmScenarioEvent::LinkDown)
        {
            os << (Up(0, 1) && Up(1, 1) ? " (before)" : " (too late)");
        }
        heard.push_back(os.str());
    });
    s.LoadFile(DATA + "sample.txt");
    std::vector<std::string> state;
    auto probe = [&](Time t) {
        Simulator::Schedule(t, [&, t]() {
            std::ostringstream os;
            os << t.GetNanoSeconds() << ":";
            for (uint32_t i = 0; i < 5; ++i)
            {
                for (uint32_t k = 1; k < n.Get(i)->GetObject<Ipv4>()->GetNInterfaces(); ++k)
                {
                    os << (Up(i, k) ? "1" : "0");
                }
                os << " ";
            }
            state.push_back(os.str());
        });
    };
    const int64_t ns = 1;
    probe(NanoSeconds(1500000000 - ns)); // just before the link-down
    probe(NanoSeconds(1500000000 + ns)); // just after
    probe(NanoSeconds(2500000000 + ns)); // after the link-up
    probe(NanoSeconds(3000000000 + ns)); // n4 down
    probe(NanoSeconds(4000000000 + ns)); // n4 up
    Simulator::Run();

    ASSERT_EQ(state.size(), 5u);
    // Per node, its interfaces 1.. as 1 (up) / 0 (down).
    EXPECT_EQ(state[0], "1499999999:1 111 11 11 11 ");
    EXPECT_EQ(state[1], "1500000001:0 011 11 11 11 ");
    EXPECT_EQ(state[2], "2500000001:1 111 11 11 11 ");
    EXPECT_EQ(state[3], "3000000001:1 111 11 11 00 "); // n1's side of the n1-n4 link stays up
    EXPECT_EQ(state[4], "4000000001:1 111 11 11 11 ");

    EXPECT_EQ(heard,
              (std::vector<std::string>{"0ms agent-start test *",
                                        "1500ms link-down 0 1 (before)",
                                        "2500ms link-up 0 1",
                                        "3000ms node-down 4",
                                        "4000ms node-up 4",
                                        "5000ms agent-stop test 2",
                                        "6000ms agent-start test 2"}));
    // Agent controls run at their times, once per node, in each node's context.
    EXPECT_EQ(calls,
              (std::vector<std::string>{"0ms start 0",
                                        "0ms start 1",
                                        "0ms start 2",
                                        "0ms start 3",
                                        "0ms start 4",
                                        "5000ms stop 2",
                                        "6000ms start 2"}));
    EXPECT_EQ(s.GetFiredCount(), 7u);
}

TEST_F(RtmScenarioTiming, TimelineOrderAndCodeEvents)
{
    RtmScenario s = Make();
    s.AddNodeDown(Seconds(3), 2);
    s.AddLinkDown(Seconds(1), 2, 3);
    s.AddAgentStart(Seconds(1), "test", 3);
    s.AddLinkUp(Seconds(2), 3, 2);
    auto t = s.GetTimeline();
    ASSERT_EQ(t.size(), 4u);
    EXPECT_EQ(t[0].description, "link-down 2 3");
    EXPECT_EQ(t[1].description, "agent-start test 3"); // same time: order added
    EXPECT_EQ(t[2].description, "link-up 3 2");
    EXPECT_EQ(t[3].description, "node-down 2");
    bool downAt1 = false;
    bool upAt2 = false;
    Simulator::Schedule(MilliSeconds(1500), [&]() { downAt1 = !Up(2, 2) && !Up(3, 1); });
    Simulator::Schedule(MilliSeconds(2500), [&]() { upAt2 = Up(2, 2) && Up(3, 1); });
    Simulator::Run();
    EXPECT_TRUE(downAt1);
    EXPECT_TRUE(upAt2);
    EXPECT_FALSE(Up(2, 1));
    EXPECT_FALSE(Up(2, 2));
    EXPECT_TRUE(Up(1, 2)); // the far ends stay up on a node failure
    EXPECT_EQ(calls, (std::vector<std::string>{"1000ms start 3"}));
}

} // namespace

// ---- issue 11: time overflow, all-or-nothing loading -----------------------------------------

TEST_F(RtmScenarioParse, TimesBeyondTwoToTheSixtyThreeNanosecondsAreRefusedNotWrapped)
{
    Time t;
    // 5124096 h overflowed a signed multiply and was scheduled at 1526.29 s; 2562048 h wrapped
    // negative and read as "lies in the past"
    EXPECT_FALSE(RtmScenario::ParseTime("5124096h", &t));
    EXPECT_FALSE(RtmScenario::ParseTime("2562048h", &t));
    EXPECT_FALSE(RtmScenario::ParseTime("9223372037s", &t));
    EXPECT_FALSE(RtmScenario::ParseTime("9223372036.854775808", &t));
    EXPECT_FALSE(RtmScenario::ParseTime("99999999999999999999999", &t));
    ASSERT_TRUE(RtmScenario::ParseTime("9223372036.854775807", &t));
    EXPECT_EQ(t, NanoSeconds(std::numeric_limits<int64_t>::max()));
    ASSERT_TRUE(RtmScenario::ParseTime("2562047h", &t));
    EXPECT_EQ(t, Hours(2562047));
    ASSERT_TRUE(RtmScenario::ParseTime("10000000s", &t)) << "115 days is a valid time";
    EXPECT_EQ(t, Seconds(10000000));

    RtmScenario s = Make();
    std::istringstream in("# a comment\n5124096h link-down 0 1\n");
    try
    {
        s.Load(in, "huge.txt");
        ADD_FAILURE() << "an overflowing time was accepted";
    }
    catch (const std::runtime_error& e)
    {
        const std::string what = e.what();
        EXPECT_EQ(what.rfind("huge.txt:2: bad time '5124096h'", 0), 0U) << what;
    }
    EXPECT_TRUE(s.GetEvents().empty());
}

TEST_F(RtmScenarioParse, AFailedLoadChangesNothing)
{
    RtmScenario s = Make();
    // line 1 is fine, line 3 is not: line 1's event used to stay scheduled and fire
    std::istringstream in("1s link-down 0 1\n\n2s link-down 0 3\n");
    EXPECT_THROW(s.Load(in, "partial.txt"), std::runtime_error);
    EXPECT_TRUE(s.GetEvents().empty()) << "events of the lines before the error were kept";
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    EXPECT_EQ(s.GetFiredCount(), 0U);
    EXPECT_TRUE(Up(0, 1)) << "the event of line 1 fired";
    EXPECT_TRUE(Up(1, 1));

    // the same scenario loads what a good text holds, after the failure
    std::istringstream good("6s link-down 0 1\n7s link-up 0 1\n");
    EXPECT_EQ(s.Load(good, "good.txt"), 2U);
    EXPECT_EQ(s.GetEvents().size(), 2U);
}
