/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Forwarding plane tests: RtmIpv4Routing, RtmConnectedAgent, RtmStaticAgent, RtmHelper.
 */

#include "ns3/config.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/rtm-connected-agent.h"
#include "ns3/rtm-function-callback.h"
#include "ns3/rtm-function-event.h"
#include "ns3/rtm-helper.h"
#include "ns3/rtm-ipv4-routing.h"
#include "ns3/rtm-static-agent.h"
#include "ns3/rtm-v1.h"

#include <gtest/gtest.h>
#include <map>
#include <sstream>
#include <vector>

using namespace ns3;

namespace
{

constexpr uint16_t PORT = 9;
constexpr uint32_t PROTO_OSPF = 13; // PROTO_IP_OSPF

Ipv4Address
A(const char* s)
{
    return Ipv4Address(s);
}

Ipv4Mask
M(const char* s)
{
    return Ipv4Mask(s);
}

uint64_t
Key(const char* net, const char* mask)
{
    return RtmRoute::IpKey(A(net).Get(), M(mask).Get());
}

/**
 * Base fixture: builds topologies, counts traces, sends UDP datagrams.
 *
 * The diamond: n0 -- n1 -- n2 -- n3, and n1 -- n4 -- n3.
 *   link 10.0.1.0/24: n0 if1 (.1)  n1 if1 (.2)
 *   link 10.0.2.0/24: n1 if2 (.1)  n2 if1 (.2)
 *   link 10.0.3.0/24: n2 if2 (.1)  n3 if1 (.2)   <- destination 10.0.3.2
 *   link 10.0.4.0/24: n1 if3 (.1)  n4 if1 (.2)
 *   link 10.0.5.0/24: n4 if2 (.1)  n3 if2 (.2)
 */
class RtmForwardingBase : public ::testing::Test
{
  protected:
    void SetUp() override
    {
        Ipv4AddressGenerator::Reset(); // the address registry is process-wide
    }

    void TearDown() override
    {
        Simulator::Destroy();
        Config::Reset();
        Ipv4AddressGenerator::Reset();
    }

    /// Install the stack with the RTM (standalone or in a list beside Ipv4StaticRouting).
    void Install(NodeContainer nodes, bool list)
    {
        InternetStackHelper stack;
        if (list)
        {
            Ipv4StaticRoutingHelper statics;
            Ipv4ListRoutingHelper lrh;
            lrh.Add(rtm, 10);
            lrh.Add(statics, 0);
            stack.SetRoutingHelper(lrh);
        }
        else
        {
            stack.SetRoutingHelper(rtm);
        }
        stack.Install(nodes);
    }

    /// Connect two nodes with a point-to-point link and number it.
    Ipv4InterfaceContainer Link(Ptr<Node> a, Ptr<Node> b, const char* network)
    {
        PointToPointHelper p2p;
        p2p.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
        p2p.SetChannelAttribute("Delay", StringValue("1ms"));
        NetDeviceContainer d = p2p.Install(a, b);
        Ipv4AddressHelper addr;
        addr.SetBase(network, "255.255.255.0");
        return addr.Assign(d);
    }

    /// Build the diamond with the primary static routes (and the n1 -> n4 backup if alt).
    void BuildDiamond(bool alt, bool list = false)
    {
        n.Create(5);
        Install(n, list);
        Link(n.Get(0), n.Get(1), "10.0.1.0");
        Link(n.Get(1), n.Get(2), "10.0.2.0");
        Link(n.Get(2), n.Get(3), "10.0.3.0");
        Link(n.Get(1), n.Get(4), "10.0.4.0");
        Link(n.Get(4), n.Get(3), "10.0.5.0");
        rtm.SetDefaultRoute(n.Get(0), A("10.0.1.2"), 1);
        rtm.AddStaticRoute(n.Get(1), A("10.0.3.0"), M("255.255.255.0"), A("10.0.2.2"), 2, 1);
        if (alt)
        {
            rtm.AddStaticRoute(n.Get(1), A("10.0.3.0"), M("255.255.255.0"), A("10.0.4.2"), 3, 5);
        }
        rtm.AddStaticRoute(n.Get(4), A("10.0.3.0"), M("255.255.255.0"), A("10.0.5.2"), 2, 1);
        rtm.SetDefaultRoute(n.Get(3), A("10.0.3.1"), 1);
        for (uint32_t i = 0; i < n.GetN(); ++i)
        {
            Watch(i);
        }
        sink = Sink(n.Get(3), &received);
    }

    /// Count the RTM and Ipv4L3Protocol traces of node index i.
    void Watch(uint32_t i)
    {
        Ptr<RtmIpv4Routing> r = RtmHelper::GetRtmRouting(n.Get(i));
        ASSERT_TRUE(r);
        r->TraceConnectWithoutContext(
            "Forward",
            RtmMakeCallback<void, const Ipv4Header&, Ptr<const Packet>, uint32_t>(
                [this, i](const Ipv4Header&, Ptr<const Packet>, uint32_t iface) {
                    forwardIf[i].push_back(iface);
                }));
        r->TraceConnectWithoutContext(
            "LocalDeliver",
            RtmMakeCallback<void, const Ipv4Header&, Ptr<const Packet>, uint32_t>(
                [this, i](const Ipv4Header&, Ptr<const Packet>, uint32_t) { ++local[i]; }));
        r->TraceConnectWithoutContext(
            "Output",
            RtmMakeCallback<void, const Ipv4Header&, Ptr<const Packet>, uint32_t>(
                [this, i](const Ipv4Header&, Ptr<const Packet>, uint32_t) { ++output[i]; }));
        r->TraceConnectWithoutContext(
            "Drop",
            RtmMakeCallback<void, const Ipv4Header&, Ptr<const Packet>, RtmIpv4Routing::DropReason>(
                [this, i](const Ipv4Header&, Ptr<const Packet>, RtmIpv4Routing::DropReason why) {
                    rtmDrops[i].push_back(why);
                }));
        n.Get(i)->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
            "Drop",
            RtmMakeCallback<void,
                            const Ipv4Header&,
                            Ptr<const Packet>,
                            Ipv4L3Protocol::DropReason,
                            Ptr<Ipv4>,
                            uint32_t>([this, i](const Ipv4Header&,
                                                Ptr<const Packet>,
                                                Ipv4L3Protocol::DropReason why,
                                                Ptr<Ipv4>,
                                                uint32_t) { ipDrops[i].push_back(why); }));
    }

    /// A UDP sink on PORT counting into *counter.
    Ptr<Socket> Sink(Ptr<Node> node, uint32_t* counter)
    {
        Ptr<Socket> s = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
        s->Bind(InetSocketAddress(Ipv4Address::GetAny(), PORT));
        s->SetRecvCallback(RtmMakeCallback<void, Ptr<Socket>>([counter](Ptr<Socket> sock) {
            while (sock->Recv())
            {
                ++*counter;
            }
        }));
        return s;
    }

    /// Schedule one datagram from a node (one sender socket per node).
    void SendAt(Time at, Ptr<Node> from, Ipv4Address to, uint8_t ttl = 0)
    {
        Ptr<Socket>& s = senders[from->GetId()];
        if (!s)
        {
            s = Socket::CreateSocket(from, UdpSocketFactory::GetTypeId());
            s->SetAllowBroadcast(true);
            s->Bind();
        }
        Ptr<Socket> sock = s;
        Simulator::ScheduleWithContext(
            from->GetId(),
            at,
            RtmMakeEventPointer([this, sock, to, ttl]() {
                if (ttl != 0)
                {
                    sock->SetIpTtl(ttl);
                }
                int rc = sock->SendTo(Create<Packet>(64), 0, InetSocketAddress(to, PORT));
                sendResults.push_back(rc < 0 ? static_cast<int>(sock->GetErrno()) : 0);
            }));
    }

    /// Count of forwarding decisions of node i through interface iface.
    uint32_t ForwardsVia(uint32_t i, uint32_t iface)
    {
        uint32_t c = 0;
        for (uint32_t x : forwardIf[i])
        {
            c += x == iface ? 1 : 0;
        }
        return c;
    }

    /// Count of an Ipv4L3Protocol drop reason on node i.
    uint32_t IpDrops(uint32_t i, Ipv4L3Protocol::DropReason why)
    {
        uint32_t c = 0;
        for (auto x : ipDrops[i])
        {
            c += x == why ? 1 : 0;
        }
        return c;
    }

    Ptr<RoutingTableManager> Rtm(uint32_t i)
    {
        return n.Get(i)->GetObject<RoutingTableManager>();
    }

    NodeContainer n;
    RtmHelper rtm;
    Ptr<Socket> sink;
    uint32_t received{0};
    std::map<uint32_t, Ptr<Socket>> senders;
    std::vector<int> sendResults;
    std::map<uint32_t, std::vector<uint32_t>> forwardIf;
    std::map<uint32_t, uint32_t> local;
    std::map<uint32_t, uint32_t> output;
    std::map<uint32_t, std::vector<RtmIpv4Routing::DropReason>> rtmDrops;
    std::map<uint32_t, std::vector<Ipv4L3Protocol::DropReason>> ipDrops;
};

class RtmForwardingPath : public RtmForwardingBase
{
};

class RtmForwardingTakeover : public RtmForwardingBase
{
};

class RtmForwardingFailover : public RtmForwardingBase
{
};

class RtmForwardingErrors : public RtmForwardingBase
{
};

class RtmForwardingList : public RtmForwardingBase
{
};

class RtmForwardingAgents : public RtmForwardingBase
{
};

class RtmForwardingLocal : public RtmForwardingBase
{
};

} // namespace

// ---- paths -------------------------------------------------------------------------------------

TEST_F(RtmForwardingPath, PacketsFollowTheBestRoutes)
{
    BuildDiamond(true);
    for (int k = 0; k < 5; ++k)
    {
        SendAt(Seconds(1.0 + 0.1 * k), n.Get(0), A("10.0.3.2"));
    }
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    EXPECT_EQ(received, 5u);
    EXPECT_EQ(output[0], 5u);          // n0 originated through the RTM
    EXPECT_EQ(ForwardsVia(1, 2), 5u);  // n1 -> n2 (metric 1 beats metric 5)
    EXPECT_EQ(ForwardsVia(1, 3), 0u);  // never the backup
    EXPECT_EQ(ForwardsVia(2, 2), 5u);  // n2 -> n3 on its connected route
    EXPECT_TRUE(forwardIf[4].empty()); // n4 idle
    EXPECT_EQ(local[3], 5u);           // delivered by the RTM at n3
    EXPECT_TRUE(rtmDrops[1].empty());
}

TEST_F(RtmForwardingPath, RouteObjectsAreCachedPerNetwork)
{
    BuildDiamond(true);
    Ptr<RtmIpv4Routing> r1 = RtmHelper::GetRtmRouting(n.Get(1));
    Ptr<Ipv4Route> a = r1->Lookup(A("10.0.3.2"));
    Ptr<Ipv4Route> b = r1->Lookup(A("10.0.3.77"));
    ASSERT_TRUE(a);
    EXPECT_EQ(PeekPointer(a), PeekPointer(b)); // same network, same route object
    EXPECT_EQ(a->GetGateway(), A("10.0.2.2"));
    EXPECT_EQ(a->GetDestination(), A("10.0.3.0"));
    EXPECT_EQ(a->GetSource(), A("10.0.2.1"));
    EXPECT_EQ(a->GetOutputDevice(), n.Get(1)->GetObject<Ipv4>()->GetNetDevice(2));
    Ptr<Ipv4Route> onLink = r1->Lookup(A("10.0.2.2"));
    ASSERT_TRUE(onLink);
    EXPECT_EQ(onLink->GetGateway(), Ipv4Address::GetZero()); // on-link: to the destination
    uint64_t builds = r1->GetCacheBuilds();
    for (int k = 0; k < 20; ++k)
    {
        SendAt(Seconds(1.0 + 0.01 * k), n.Get(0), A("10.0.3.2"));
    }
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    EXPECT_EQ(received, 20u);
    EXPECT_EQ(r1->GetCacheBuilds(), builds); // no route object built per packet
}

// ---- a better route from another protocol --------------------------------------------------

TEST_F(RtmForwardingTakeover, BetterProtocolTakesOverOnTheNextPacket)
{
    BuildDiamond(false);
    Ptr<RoutingTableManager> m1 = Rtm(1);
    Ptr<RtmIpv4Routing> r1 = RtmHelper::GetRtmRouting(n.Get(1));
    m1->SetProtocolPriority(PROTO_OSPF, 2); // better than static (3)
    RoutingTableManager::ClientId ospf =
        m1->RegisterClient(RtmFamily::Ip, PROTO_OSPF, 0, Callback<void>());
    ASSERT_NE(ospf, 0u);
    for (int k = 0; k < 10; ++k)
    {
        SendAt(Seconds(1.0 + 0.1 * k), n.Get(0), A("10.0.3.2"));
    }
    std::vector<uint32_t> immediate;
    std::vector<std::size_t> cacheSizes;
    Simulator::Schedule(
        Seconds(1.45),
        RtmMakeEvent([&]() {
            cacheSizes.push_back(r1->GetCacheSize());
            m1->AddIpRoute(ospf, A("10.0.3.0"), M("255.255.255.0"), A("10.0.4.2"), 3, 20);
            cacheSizes.push_back(r1->GetCacheSize()); // BestRouteChange dropped the cached route
            // synchronous: the very next lookup already uses it
            immediate.push_back(
                r1->GetIpv4()->GetInterfaceForDevice(r1->Lookup(A("10.0.3.2"))->GetOutputDevice()));
        }));
    Simulator::Schedule(
        Seconds(1.75),
        RtmMakeEvent([&]() {
            m1->DeleteIpRoute(ospf, A("10.0.3.0"), M("255.255.255.0"), A("10.0.4.2"), 3);
            immediate.push_back(
                r1->GetIpv4()->GetInterfaceForDevice(r1->Lookup(A("10.0.3.2"))->GetOutputDevice()));
        }));
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    EXPECT_EQ(received, 10u);
    std::vector<uint32_t> expected{2, 2, 2, 2, 2, 3, 3, 3, 2, 2};
    EXPECT_EQ(forwardIf[1], expected);
    EXPECT_EQ(immediate, (std::vector<uint32_t>{3, 2}));
    ASSERT_EQ(cacheSizes.size(), 2u);
    EXPECT_GE(cacheSizes[0], 1u);
    EXPECT_EQ(cacheSizes[1], cacheSizes[0] - 1);
    EXPECT_EQ(forwardIf[4].size(), 3u);
}

// ---- interfaces going down ---------------------------------------------------------------------

TEST_F(RtmForwardingFailover, InterfaceDownWithdrawsConnectedRouteAndFailsOver)
{
    BuildDiamond(true);
    Ptr<Ipv4> ip1 = n.Get(1)->GetObject<Ipv4>();
    Ptr<RoutingTableManager> m1 = Rtm(1);
    for (int k = 0; k < 10; ++k)
    {
        SendAt(Seconds(1.0 + 0.1 * k), n.Get(0), A("10.0.3.2"));
    }
    bool connectedWhileDown = true;
    bool staticUsableWhileDown = true;
    Simulator::Schedule(Seconds(1.25), RtmMakeEvent([&]() { ip1->SetDown(2); }));
    Simulator::Schedule(Seconds(1.30), RtmMakeEvent([&]() {
                            connectedWhileDown = m1->IsRoute(RtmFamily::Ip,
                                                             Key("10.0.2.0", "255.255.255.0"),
                                                             nullptr);
                            RtmRoute best;
                            m1->IsRoute(RtmFamily::Ip, Key("10.0.3.0", "255.255.255.0"), &best);
                            staticUsableWhileDown = best.interface == 2;
                        }));
    Simulator::Schedule(Seconds(1.65), RtmMakeEvent([&]() { ip1->SetUp(2); }));
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    EXPECT_FALSE(connectedWhileDown);    // connected route withdrawn
    EXPECT_FALSE(staticUsableWhileDown); // static route of the down interface disabled
    EXPECT_TRUE(m1->IsRoute(RtmFamily::Ip, Key("10.0.2.0", "255.255.255.0"), nullptr));
    EXPECT_EQ(received, 10u); // nothing lost: the backup carried 1.3 .. 1.6
    std::vector<uint32_t> expected{2, 2, 2, 3, 3, 3, 3, 2, 2, 2};
    EXPECT_EQ(forwardIf[1], expected);
    EXPECT_EQ(ForwardsVia(4, 2), 4u);
}

TEST_F(RtmForwardingFailover, NoAlternativeDropsWithNoRouteToHost)
{
    BuildDiamond(false);
    Ptr<Ipv4> ip1 = n.Get(1)->GetObject<Ipv4>();
    for (int k = 0; k < 4; ++k)
    {
        SendAt(Seconds(1.0 + 0.1 * k), n.Get(0), A("10.0.3.2"));
    }
    Simulator::Schedule(Seconds(1.15), RtmMakeEvent([&]() { ip1->SetDown(2); }));
    // a packet originated at n1 itself: RouteOutput has no route now
    SendAt(Seconds(1.5), n.Get(1), A("10.0.3.2"));
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    EXPECT_EQ(received, 2u);
    ASSERT_EQ(rtmDrops[1].size(), 3u);
    EXPECT_EQ(rtmDrops[1][0], RtmIpv4DropReason::NoRoute);
    EXPECT_EQ(IpDrops(1, Ipv4L3Protocol::DROP_ROUTE_ERROR), 2u); // the ecb path
    ASSERT_EQ(sendResults.size(), 5u);
    EXPECT_EQ(sendResults[4], static_cast<int>(Socket::ERROR_NOROUTETOHOST));
}

// ---- error paths -------------------------------------------------------------------------------

TEST_F(RtmForwardingErrors, NoRouteIsTheNs3ErrorPathNotACrash)
{
    BuildDiamond(false);
    SendAt(Seconds(1.0), n.Get(0), A("192.168.7.7")); // n0 default -> n1, n1 has no route
    SendAt(Seconds(1.1), n.Get(2), A("192.168.7.7")); // n2 has no default: RouteOutput fails
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    ASSERT_EQ(sendResults.size(), 2u);
    EXPECT_EQ(sendResults[0], 0);
    EXPECT_EQ(sendResults[1], static_cast<int>(Socket::ERROR_NOROUTETOHOST));
    EXPECT_EQ(IpDrops(1, Ipv4L3Protocol::DROP_ROUTE_ERROR), 1u);
    ASSERT_EQ(rtmDrops[1].size(), 1u);
    EXPECT_EQ(rtmDrops[1][0], RtmIpv4DropReason::NoRoute);
    ASSERT_EQ(rtmDrops[2].size(), 1u);

    Socket::SocketErrno err = Socket::ERROR_NOTERROR;
    Ipv4Header h;
    h.SetDestination(A("192.168.7.7"));
    EXPECT_FALSE(RtmHelper::GetRtmRouting(n.Get(2))->RouteOutput(nullptr, h, nullptr, err));
    EXPECT_EQ(err, Socket::ERROR_NOROUTETOHOST);
}

TEST_F(RtmForwardingErrors, TtlExpiryDropsThePacket)
{
    BuildDiamond(false);
    SendAt(Seconds(1.0), n.Get(0), A("10.0.3.2"), 2); // n1 forwards (TTL 1), n2 drops
    SendAt(Seconds(1.1), n.Get(0), A("10.0.3.2"), 3); // arrives
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    EXPECT_EQ(received, 1u);
    EXPECT_EQ(IpDrops(2, Ipv4L3Protocol::DROP_TTL_EXPIRED), 1u);
}

TEST_F(RtmForwardingErrors, RoutingLoopEndsByTtl)
{
    BuildDiamond(false);
    // n2 sends 10.0.3.2 back to n1: n1 and n2 point at each other.
    rtm.AddHostRoute(n.Get(2), A("10.0.3.2"), A("10.0.2.1"), 1);
    for (int k = 0; k < 3; ++k)
    {
        SendAt(Seconds(1.0 + 0.1 * k), n.Get(0), A("10.0.3.2"));
    }
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    EXPECT_EQ(received, 0u);
    // TTL 64 leaves n0; each of the 64 arrivals at n1/n2 is a forwarding decision, the last
    // one decrements to 0 and Ipv4L3Protocol drops it.
    EXPECT_EQ(forwardIf[1].size() + forwardIf[2].size(), 3u * 64u);
    EXPECT_EQ(IpDrops(1, Ipv4L3Protocol::DROP_TTL_EXPIRED) +
                  IpDrops(2, Ipv4L3Protocol::DROP_TTL_EXPIRED),
              3u);
}

// ---- local delivery ----------------------------------------------------------------------------

TEST_F(RtmForwardingLocal, BroadcastIsDeliveredNotForwarded)
{
    BuildDiamond(false);
    uint32_t atN1 = 0;
    Ptr<Socket> s1 = Sink(n.Get(1), &atN1);
    SendAt(Seconds(1.0), n.Get(0), A("10.0.2.255"));      // directed broadcast of n1's if2
    SendAt(Seconds(1.1), n.Get(0), A("255.255.255.255")); // limited broadcast
    SendAt(Seconds(1.2), n.Get(0), A("10.0.1.2"));        // n1's own address
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    EXPECT_EQ(atN1, 3u);
    EXPECT_EQ(local[1], 3u);
    EXPECT_TRUE(forwardIf[1].empty());
    EXPECT_EQ(local[2], 0u);
}

TEST_F(RtmForwardingLocal, MulticastIsDeliveredLocallyNotForwarded)
{
    BuildDiamond(false);
    uint32_t atN1 = 0;
    Ptr<Socket> s1 = Sink(n.Get(1), &atN1);
    SendAt(Seconds(1.0), n.Get(0), A("225.1.2.3")); // n0's default route carries it to n1
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    EXPECT_EQ(local[1], 1u);
    EXPECT_EQ(atN1, 1u);
    EXPECT_TRUE(forwardIf[1].empty());
    EXPECT_EQ(local[2], 0u);
}

TEST_F(RtmForwardingLocal, PrintRoutingTableIsNetstatLike)
{
    BuildDiamond(true);
    std::ostringstream os;
    Ptr<OutputStreamWrapper> w = Create<OutputStreamWrapper>(&os);
    Simulator::Schedule(Seconds(2), RtmMakeEvent([&]() {
                            RtmHelper::GetRtmRouting(n.Get(1))->PrintRoutingTable(w, Time::S);
                        }));
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    std::string t = os.str();
    EXPECT_NE(t.find("Node: " + std::to_string(n.Get(1)->GetId()) + ", Time: +2s"),
              std::string::npos)
        << t;
    EXPECT_NE(t.find("Network         Netmask         Next hop"), std::string::npos) << t;
    // best static route to 10.0.3.0/24 via n2, metric 1, priority 3, installed at time 0
    EXPECT_NE(t.find("10.0.3.0        255.255.255.0   10.0.2.2        UGB   2   static     1  "
                     "      3        +2s"),
              std::string::npos)
        << t;
    // the backup: usable, not best
    EXPECT_NE(t.find("10.0.3.0        255.255.255.0   10.0.4.2        UG    3   static     5"),
              std::string::npos)
        << t;
    EXPECT_NE(t.find("10.0.2.0        255.255.255.0   0.0.0.0         UB    2   local      1"),
              std::string::npos)
        << t;
}

// ---- Ipv4ListRouting ---------------------------------------------------------------------------

TEST_F(RtmForwardingList, CoexistsWithIpv4StaticRouting)
{
    n.Create(3);
    Install(n, true);
    Link(n.Get(0), n.Get(1), "10.1.1.0");
    Link(n.Get(1), n.Get(2), "10.1.2.0");
    for (uint32_t i = 0; i < 3; ++i)
    {
        Watch(i);
    }
    sink = Sink(n.Get(2), &received);
    // n0 routes through Ipv4StaticRouting only; n1 forwards with the RTM's connected route.
    Ptr<Ipv4StaticRouting> s0 = Ipv4RoutingHelper::GetRouting<Ipv4StaticRouting>(
        n.Get(0)->GetObject<Ipv4>()->GetRoutingProtocol());
    ASSERT_TRUE(s0);
    s0->SetDefaultRoute(A("10.1.1.2"), 1);
    Ptr<RtmIpv4Routing> r0 = RtmHelper::GetRtmRouting(n.Get(0));
    EXPECT_FALSE(r0->IsStandalone());
    for (int k = 0; k < 3; ++k)
    {
        SendAt(Seconds(1.0 + 0.1 * k), n.Get(0), A("10.1.2.2"));
    }
    // then the RTM learns a route at n0 and, with the higher list priority, takes over
    Simulator::Schedule(
        Seconds(1.5),
        RtmMakeEvent([&]() {
            rtm.AddStaticRoute(n.Get(0), A("10.1.2.0"), M("255.255.255.0"), A("10.1.1.2"), 1);
        }));
    for (int k = 0; k < 2; ++k)
    {
        SendAt(Seconds(2.0 + 0.1 * k), n.Get(0), A("10.1.2.2"));
    }
    SendAt(Seconds(2.5), n.Get(0), A("10.9.9.9")); // n1: neither protocol has a route
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    EXPECT_EQ(received, 5u);
    EXPECT_EQ(output[0], 2u);         // only after the RTM learned the route
    EXPECT_EQ(ForwardsVia(1, 2), 5u); // n1 forwarded with the RTM
    EXPECT_EQ(local[2], 0u);          // local delivery is Ipv4ListRouting's job
    EXPECT_TRUE(rtmDrops[1].empty()); // in a list a miss is not the RTM's drop...
    EXPECT_EQ(IpDrops(1, Ipv4L3Protocol::DROP_NO_ROUTE), 1u); // ...the list's
}

// ---- agents ------------------------------------------------------------------------------------

TEST_F(RtmForwardingAgents, ConnectedAgentFollowsAddresses)
{
    BuildDiamond(false);
    Ptr<Ipv4> ip2 = n.Get(2)->GetObject<Ipv4>();
    Ptr<RoutingTableManager> m2 = Rtm(2);
    Ptr<RtmConnectedAgent> agent = RtmHelper::GetConnectedAgent(n.Get(2));
    ASSERT_TRUE(agent);
    EXPECT_TRUE(agent->IsStarted());
    EXPECT_EQ(agent->GetNRoutes(), 3u); // 127/8, 10.0.2/24, 10.0.3/24
    RtmRoute r;
    ASSERT_TRUE(m2->IsRoute(RtmFamily::Ip, Key("10.0.3.0", "255.255.255.0"), &r));
    EXPECT_EQ(r.protocol, 2u);
    EXPECT_EQ(r.interface, 2u);
    EXPECT_EQ(r.GetIpNextHop(), Ipv4Address::GetZero());
    EXPECT_TRUE(m2->IsRoute(RtmFamily::Ip, Key("127.0.0.0", "255.0.0.0"), nullptr));

    ip2->AddAddress(2, Ipv4InterfaceAddress(A("172.16.0.1"), M("255.255.0.0")));
    EXPECT_TRUE(m2->IsRoute(RtmFamily::Ip, Key("172.16.0.0", "255.255.0.0"), nullptr));
    ip2->RemoveAddress(2, A("172.16.0.1"));
    EXPECT_FALSE(m2->IsRoute(RtmFamily::Ip, Key("172.16.0.0", "255.255.0.0"), nullptr));
    ip2->AddAddress(2, Ipv4InterfaceAddress(A("10.0.3.9"), M("255.255.255.0")));
    ip2->RemoveAddress(2, A("10.0.3.9")); // 10.0.3.1 still holds the network
    EXPECT_TRUE(m2->IsRoute(RtmFamily::Ip, Key("10.0.3.0", "255.255.255.0"), nullptr));

    ip2->SetDown(2);
    EXPECT_FALSE(m2->IsRoute(RtmFamily::Ip, Key("10.0.3.0", "255.255.255.0"), nullptr));
    ip2->SetUp(2);
    EXPECT_TRUE(m2->IsRoute(RtmFamily::Ip, Key("10.0.3.0", "255.255.255.0"), nullptr));

    agent->Stop();
    EXPECT_FALSE(m2->IsRoute(RtmFamily::Ip, Key("10.0.2.0", "255.255.255.0"), nullptr));
    EXPECT_EQ(m2->FindClient(RtmFamily::Ip, 2), 0u);
    EXPECT_EQ(agent->Start(), RtmError::Success);
    EXPECT_TRUE(m2->IsRoute(RtmFamily::Ip, Key("10.0.2.0", "255.255.255.0"), nullptr));
}

TEST_F(RtmForwardingAgents, StaticAgentStopRemovesItsRoutes)
{
    BuildDiamond(true);
    Ptr<RoutingTableManager> m1 = Rtm(1);
    Ptr<RtmStaticAgent> st = rtm.GetStaticAgent(n.Get(1));
    EXPECT_EQ(st->GetNRoutes(), 2u);
    EXPECT_NE(m1->FindClient(RtmFamily::Ip, 10006), 0u);
    SendAt(Seconds(1.0), n.Get(0), A("10.0.3.2"));
    Simulator::Schedule(Seconds(1.5), RtmMakeEvent([&]() { st->Stop(); }));
    SendAt(Seconds(2.0), n.Get(0), A("10.0.3.2")); // dropped at n1
    Simulator::Schedule(Seconds(2.5), RtmMakeEvent([&]() { st->Start(); }));
    SendAt(Seconds(3.0), n.Get(0), A("10.0.3.2"));
    Simulator::Stop(Seconds(4));
    Simulator::Run();
    EXPECT_EQ(received, 2u);
    ASSERT_EQ(rtmDrops[1].size(), 1u);
    EXPECT_EQ(rtmDrops[1][0], RtmIpv4DropReason::NoRoute);
    EXPECT_TRUE(m1->IsRoute(RtmFamily::Ip, Key("10.0.3.0", "255.255.255.0"), nullptr));

    // configuration API
    EXPECT_TRUE(st->RemoveRoute(A("10.0.3.0"), M("255.255.255.0"), A("10.0.4.2"), 3));
    EXPECT_FALSE(st->RemoveRoute(A("10.0.3.0"), M("255.255.255.0"), A("10.0.4.2"), 3));
    EXPECT_EQ(st->GetNRoutes(), 1u);
    EXPECT_EQ(st->AddNetworkRoute(A("10.7.0.0"), M("255.0.255.0"), A("10.0.2.2"), 2),
              RtmError::InvalidParameter); // non-contiguous mask
    EXPECT_EQ(st->AddNetworkRoute(A("10.7.1.9"), M("255.255.0.0"), A("10.0.2.2"), 2),
              RtmError::Success); // masked to 10.7.0.0/16
    EXPECT_TRUE(m1->IsRoute(RtmFamily::Ip, Key("10.7.0.0", "255.255.0.0"), nullptr));
    // a route naming an interface the node lacks is stored but never used (no crash)
    EXPECT_EQ(st->AddHostRoute(A("10.8.8.8"), A("10.0.2.2"), 42), RtmError::Success);
    RtmIpv4Routing::DropReason why = RtmIpv4DropReason::NoRoute;
    EXPECT_FALSE(RtmHelper::GetRtmRouting(n.Get(1))->Lookup(A("10.8.8.8"), nullptr, &why));
    EXPECT_EQ(why, RtmIpv4DropReason::BadInterface);
}

TEST_F(RtmForwardingAgents, HelperAttributesReachTheObjects)
{
    rtm.SetConnectedAgentAttribute("Metric", UintegerValue(7));
    rtm.SetConnectedAgentAttribute("IncludeLoopback", BooleanValue(false));
    rtm.SetManagerAttribute("DefaultPriority", UintegerValue(77));
    n.Create(2);
    Install(n, false);
    Link(n.Get(0), n.Get(1), "10.2.1.0");
    Ptr<RoutingTableManager> m0 = Rtm(0);
    RtmRoute r;
    ASSERT_TRUE(m0->IsRoute(RtmFamily::Ip, Key("10.2.1.0", "255.255.255.0"), &r));
    EXPECT_EQ(r.GetIpMetric(), 7u);
    EXPECT_FALSE(m0->IsRoute(RtmFamily::Ip, Key("127.0.0.0", "255.0.0.0"), nullptr));
    EXPECT_EQ(m0->GetProtocolPriority(4242), 77u);
}
