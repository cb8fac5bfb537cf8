/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * ns-3's configuration habits on the module's objects, and misconfiguration reported instead of
 * crashing: the forwarder by Config path, command-line attribute defaults, malformed
 * ProtocolPriorities and ExcludedInterfaces rejected by Config::SetFailSafe, agents without the
 * forwarding plane, failed starts of both agents, and installing an agent twice.
 */

#include "rtm-agent-test-network.h"

#include "ns3/boolean.h"
#include "ns3/command-line.h"
#include "ns3/config.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/routing-table-manager.h"
#include "ns3/rtm-agent-helper.h"
#include "ns3/rtm-config-defaults.h"
#include "ns3/rtm-helper.h"
#include "ns3/rtm-ipv4-routing.h"
#include "ns3/rtm-ospf-agent.h"
#include "ns3/rtm-ospf-helper.h"
#include "ns3/rtm-rip-agent.h"
#include "ns3/rtm-rip-helper.h"
#include "ns3/rtm-topology-generator.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <gtest/gtest.h>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::rtmtest;

namespace
{

/// A line of routers with the RTM forwarding plane.
RtmTopology
Line(uint32_t n)
{
    return RtmTopologyGenerator().Line(n);
}

/**
 * @brief Count an InterfaceUp event.
 * @param count the counter
 * @param interface the interface (unused)
 */
void
CountUp(uint32_t* count, uint32_t /* interface */)
{
    ++*count;
}

/// Run the simulation until a time, with captured std::cerr; returns what was written.
std::string
RunCapturingStderr(Time until)
{
    testing::internal::CaptureStderr();
    Simulator::Stop(until);
    Simulator::Run();
    return testing::internal::GetCapturedStderr();
}

using RtmConfigPath = AgentTest;
using RtmCommandLineDefaults = AgentTest;
using RtmBadAttributeText = AgentTest;
using RtmAgentMisconfiguration = AgentTest;

} // namespace

// ---- the forwarder by Config path --------------------------------------------------------------

TEST_F(RtmConfigPath, ForwarderAttributeSetThroughNodeList)
{
    AgentTestNetwork net(Line(3));
    Config::MatchContainer m = Config::LookupMatches("/NodeList/*/$ns3::RtmIpv4Routing");
    ASSERT_EQ(m.GetN(), 3u);
    for (uint32_t v = 0; v < 3; ++v)
    {
        BooleanValue b;
        RtmHelper::GetRtmRouting(net.GetNode(v))->GetAttribute("RespectInterfaceState", b);
        ASSERT_TRUE(b.Get());
    }
    Config::Set("/NodeList/*/$ns3::RtmIpv4Routing/RespectInterfaceState", BooleanValue(false));
    for (uint32_t v = 0; v < 3; ++v)
    {
        BooleanValue b;
        RtmHelper::GetRtmRouting(net.GetNode(v))->GetAttribute("RespectInterfaceState", b);
        EXPECT_FALSE(b.Get()) << "node " << v;
    }
    // the path names the very forwarder the node's Ipv4 uses
    EXPECT_EQ(PeekPointer(net.GetNode(1)->GetObject<RtmIpv4Routing>()),
              PeekPointer(RtmHelper::GetRtmRouting(net.GetNode(1))));
}

TEST_F(RtmConfigPath, ForwarderTraceSourceConnectsThroughNodeList)
{
    AgentTestNetwork net(Line(2));
    uint32_t ups = 0;
    ASSERT_TRUE(
        Config::ConnectWithoutContextFailSafe("/NodeList/1/$ns3::RtmIpv4Routing/InterfaceUp",
                                              MakeBoundCallback(&CountUp, &ups)));
    net.Fail(0);
    net.Repair(0);
    EXPECT_EQ(ups, 1u); // node 1's end of link 0 came back up
}

// ---- command-line defaults win over a program's own defaults -----------------------------------

TEST_F(RtmCommandLineDefaults, CommandLineOverridesProgramDefault)
{
    // what rtm-demo does: its preferred value as a default, then the command line
    Config::SetDefault("ns3::RtmRipAgent::UnsolicitedRoutingUpdate", TimeValue(Seconds(10)));
    std::vector<std::string> args = {"program", "--ns3::RtmRipAgent::UnsolicitedRoutingUpdate=30s"};
    std::vector<char*> argv;
    for (std::string& a : args)
    {
        argv.push_back(a.data());
    }
    CommandLine cmd;
    cmd.Parse(static_cast<int>(argv.size()), argv.data());
    AgentTestNetwork net(Line(2));
    RtmRipHelper rip;
    Ptr<RtmRipAgent> agent = rip.Install(net.GetNode(0));
    TimeValue period;
    agent->GetAttribute("UnsolicitedRoutingUpdate", period);
    EXPECT_EQ(period.Get(), Seconds(30));
}

TEST_F(RtmCommandLineDefaults, ProgramValueOnlyWhereTheUserSetNone)
{
    const std::string rip = "ns3::RtmRipAgent";
    EXPECT_FALSE(RtmConfigDefaults::IsConfigured(rip, "TimeoutDelay"));
    // the user's --ns3::RtmRipAgent::TimeoutDelay=90s
    Config::SetDefault(rip + "::TimeoutDelay", TimeValue(Seconds(90)));
    EXPECT_TRUE(RtmConfigDefaults::IsConfigured(rip, "TimeoutDelay"));
    // the program's own values, after CommandLine::Parse
    EXPECT_FALSE(
        RtmConfigDefaults::SetUnlessConfigured(rip, "TimeoutDelay", TimeValue(Seconds(60))));
    EXPECT_TRUE(RtmConfigDefaults::SetUnlessConfigured(rip,
                                                       "UnsolicitedRoutingUpdate",
                                                       TimeValue(Seconds(7))));
    AgentTestNetwork net(Line(2));
    Ptr<RtmRipAgent> agent = RtmRipHelper().Install(net.GetNode(0));
    TimeValue t;
    agent->GetAttribute("TimeoutDelay", t);
    EXPECT_EQ(t.Get(), Seconds(90));
    agent->GetAttribute("UnsolicitedRoutingUpdate", t);
    EXPECT_EQ(t.Get(), Seconds(7));
    Config::Reset();
    EXPECT_FALSE(RtmConfigDefaults::IsConfigured(rip, "TimeoutDelay"));
    EXPECT_FALSE(RtmConfigDefaults::IsConfigured("ns3::NoSuchType", "X"));
}

// ---- malformed list attributes: rejected, never a crash ----------------------------------------

TEST_F(RtmBadAttributeText, ProtocolPrioritiesRejectedByConfigSetFailSafe)
{
    AgentTestNetwork net(Line(2));
    const std::string path = "/NodeList/*/$ns3::RoutingTableManager/ProtocolPriorities";
    for (const char* bad : {"rip:high", "8:100,13", "8:", ":5", "8:-1", "8:1x", "8:99999999999"})
    {
        testing::internal::CaptureStderr();
        bool ok = Config::SetFailSafe(path, StringValue(bad));
        std::string err = testing::internal::GetCapturedStderr();
        EXPECT_FALSE(ok) << bad;
        EXPECT_NE(err.find("ProtocolPriorities"), std::string::npos) << bad << ": " << err;
        // one line per manager the path names (two nodes), not two per manager
        std::size_t lines = 0;
        for (std::size_t at = err.find("rejected"); at != std::string::npos;
             at = err.find("rejected", at + 1))
        {
            ++lines;
        }
        EXPECT_EQ(lines, 2u) << err;
        EXPECT_EQ(net.Rtm(0)->GetProtocolPriority(8), 120u) << "unchanged after " << bad;
    }
    EXPECT_TRUE(Config::SetFailSafe(path, StringValue("8:100, 13:50")));
    EXPECT_EQ(net.Rtm(0)->GetProtocolPriority(8), 100u);
    EXPECT_EQ(net.Rtm(1)->GetProtocolPriority(13), 50u);
}

TEST_F(RtmBadAttributeText, ProtocolPrioritiesRejectedAsDefaultAndOnTheObject)
{
    testing::internal::CaptureStderr();
    EXPECT_FALSE(Config::SetDefaultFailSafe("ns3::RoutingTableManager::ProtocolPriorities",
                                            StringValue("rip:high")));
    Ptr<RoutingTableManager> rtm = CreateObject<RoutingTableManager>();
    EXPECT_FALSE(rtm->SetAttributeFailSafe("ProtocolPriorities", StringValue("8:100,13")));
    testing::internal::GetCapturedStderr();
    EXPECT_EQ(rtm->GetProtocolPriority(13), 110u); // the default still
}

TEST_F(RtmBadAttributeText, ExcludedInterfacesRejectedByConfigSetFailSafe)
{
    AgentTestNetwork net(Line(2));
    RtmRipHelper rip;
    Ptr<RtmRipAgent> agent = rip.Install(net.GetNode(0));
    const std::string path = "/NodeList/0/$ns3::RtmRipAgent/ExcludedInterfaces";
    for (const char* bad : {"eth0", "1,x", "1;2", "-1", "1.5"})
    {
        testing::internal::CaptureStderr();
        bool ok = Config::SetFailSafe(path, StringValue(bad));
        std::string err = testing::internal::GetCapturedStderr();
        EXPECT_FALSE(ok) << bad;
        EXPECT_NE(err.find("ExcludedInterfaces"), std::string::npos) << bad << ": " << err;
    }
    EXPECT_FALSE(agent->IsInterfaceExcluded(1));
    EXPECT_TRUE(Config::SetFailSafe(path, StringValue(" 1 ,2")));
    EXPECT_TRUE(agent->IsInterfaceExcluded(1));
    EXPECT_TRUE(agent->IsInterfaceExcluded(2));
}

// ---- agents that cannot do their job say so --------------------------------------------------

TEST_F(RtmAgentMisconfiguration, AgentWithoutForwardingPlaneWarnsOnce)
{
    NodeContainer nodes;
    nodes.Create(2);
    InternetStackHelper stack; // ns-3's default routing, not RtmHelper
    stack.Install(nodes);
    RtmRipHelper rip;
    std::vector<Ptr<RtmRipAgent>> agents = rip.Install(nodes);
    std::string err = RunCapturingStderr(Seconds(2));
    EXPECT_TRUE(agents[0]->IsStarted());
    std::size_t first = err.find("without the RTM forwarding plane");
    ASSERT_NE(first, std::string::npos) << err;
    EXPECT_NE(err.find("node 1"), std::string::npos) << err;
    // a second start on the same agent does not repeat it
    agents[0]->Stop();
    testing::internal::CaptureStderr();
    agents[0]->Start();
    Simulator::Stop(Seconds(1));
    Simulator::Run();
    std::string again = testing::internal::GetCapturedStderr();
    EXPECT_EQ(again.find("without the RTM forwarding plane"), std::string::npos) << again;
}

TEST_F(RtmAgentMisconfiguration, AgentWithForwardingPlaneDoesNotWarn)
{
    AgentTestNetwork net(Line(2));
    RtmRipHelper rip;
    rip.Install(net.GetNodes());
    std::string err = RunCapturingStderr(Seconds(2));
    EXPECT_EQ(err.find("warning"), std::string::npos) << err;
}

TEST_F(RtmAgentMisconfiguration, RipReportsAFailedStartWithoutIpv4)
{
    Ptr<Node> node = CreateObject<Node>();
    RtmRipHelper rip;
    rip.SetAutoStart(false);
    Ptr<RtmRipAgent> agent = rip.Install(node);
    testing::internal::CaptureStderr();
    EXPECT_EQ(agent->Start(), RtmError::InvalidParameter);
    std::string err = testing::internal::GetCapturedStderr();
    EXPECT_FALSE(agent->IsStarted());
    EXPECT_NE(err.find("cannot start"), std::string::npos) << err;
    EXPECT_NE(err.find("IPv4"), std::string::npos) << err;
}

TEST_F(RtmAgentMisconfiguration, RipReportsAFailedStartOnTimeoutNotAbovePeriod)
{
    AgentTestNetwork net(Line(2));
    RtmRipHelper rip;
    rip.Set("UnsolicitedRoutingUpdate", TimeValue(Seconds(30)));
    rip.Set("TimeoutDelay", TimeValue(Seconds(30)));
    rip.SetAutoStart(false);
    Ptr<RtmRipAgent> agent = rip.Install(net.GetNode(0));
    testing::internal::CaptureStderr();
    EXPECT_EQ(agent->Start(), RtmError::InvalidParameter);
    std::string err = testing::internal::GetCapturedStderr();
    EXPECT_FALSE(agent->IsStarted());
    EXPECT_NE(err.find("TimeoutDelay"), std::string::npos) << err;
}

TEST_F(RtmAgentMisconfiguration, OspfReportsAFailedStartInsteadOfAborting)
{
    AgentTestNetwork net(Line(2));
    {
        RtmOspfHelper ospf;
        ospf.Set("LsRefreshTime", TimeValue(Seconds(3600)));
        ospf.Set("MaxAge", UintegerValue(3600));
        ospf.SetAutoStart(false);
        Ptr<RtmOspfAgent> agent = ospf.Install(net.GetNode(0));
        testing::internal::CaptureStderr();
        EXPECT_EQ(agent->Start(), RtmError::InvalidParameter);
        std::string err = testing::internal::GetCapturedStderr();
        EXPECT_FALSE(agent->IsStarted());
        EXPECT_NE(err.find("LsRefreshTime"), std::string::npos) << err;
    }
    {
        RtmOspfHelper ospf;
        ospf.Set("AckDelay", TimeValue(Seconds(5)));
        ospf.Set("RetransmitInterval", TimeValue(Seconds(5)));
        ospf.SetAutoStart(false);
        Ptr<RtmOspfAgent> agent = ospf.Install(net.GetNode(1));
        testing::internal::CaptureStderr();
        EXPECT_EQ(agent->Start(), RtmError::InvalidParameter);
        std::string err = testing::internal::GetCapturedStderr();
        EXPECT_FALSE(agent->IsStarted());
        EXPECT_NE(err.find("AckDelay"), std::string::npos) << err;
    }
}

TEST_F(RtmAgentMisconfiguration, InstallingTwiceIsTheSameForBothHelpers)
{
    AgentTestNetwork net(Line(2));
    RtmRipHelper rip;
    RtmOspfHelper ospf;
    Ptr<RtmRipAgent> r1 = rip.Install(net.GetNode(0));
    Ptr<RtmRipAgent> r2 = rip.Install(net.GetNode(0));
    Ptr<RtmRipAgent> r3 = RtmRipHelper().Install(net.GetNode(0));
    Ptr<RtmOspfAgent> o1 = ospf.Install(net.GetNode(0));
    Ptr<RtmOspfAgent> o2 = ospf.Install(net.GetNode(0));
    Ptr<RtmOspfAgent> o3 = RtmOspfHelper().Install(net.GetNode(0));
    EXPECT_EQ(r1, r2);
    EXPECT_EQ(r1, r3);
    EXPECT_EQ(o1, o2);
    EXPECT_EQ(o1, o3);
    uint32_t rips = 0;
    uint32_t ospfs = 0;
    for (auto it = net.GetNode(0)->GetAggregateIterator(); it.HasNext();)
    {
        Ptr<const Object> o = it.Next();
        rips += o->GetInstanceTypeId() == RtmRipAgent::GetTypeId() ? 1 : 0;
        ospfs += o->GetInstanceTypeId() == RtmOspfAgent::GetTypeId() ? 1 : 0;
    }
    EXPECT_EQ(rips, 1u);
    EXPECT_EQ(ospfs, 1u);
    std::string err = RunCapturingStderr(Seconds(3));
    EXPECT_TRUE(r1->IsStarted());
    EXPECT_TRUE(o1->IsStarted());
    // each agent registered once with the RTM, however often it was installed and started
    EXPECT_EQ(err.find("cannot"), std::string::npos) << err;
}
