/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm-static-routing: ns-3 traffic forwarded along the best routes of each node's Routing Table
 * Manager (RtmIpv4Routing), with connected routes from RtmConnectedAgent and static routes from
 * RtmStaticAgent, installed by RtmHelper.
 *
 *                 10.1.2.0/24 (primary, metric 1)
 *   client n0 ---- R1 n1 ============================ R2 n2 ---- server n3
 *    10.1.1.0/24     \                               /    10.1.3.0/24
 *                     \ 10.1.4.0/24     10.1.5.0/24 /
 *                      `-------- R3 n4 -----------'
 *                          (backup, metric 10)
 *
 * The R1-R2 link goes down at --downAt (both ends: Ipv4::SetDown) and comes back at --upAt.
 * The static agents disable the routes of the down interfaces, the connected agents withdraw
 * 10.1.2.0/24, and the traffic moves to the backup path through R3, then back.
 *
 * Traffic: a UDP echo client, a constant-rate OnOff flow and a ping (ICMP echo over a raw
 * socket: V4Ping/Ping live in internet-apps, which this module's examples do not link; the
 * request and the reply are routed by the RTM alike), client to server. The
 * routing tables are printed before, during and after the outage; FlowMonitor figures and the
 * per-router forwarding counts are printed at the end. The output is deterministic.
 */

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/flow-monitor-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/rtm-function-callback.h"
#include "ns3/rtm-helper.h"

#include <iomanip>
#include <iostream>
#include <map>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("RtmStaticRoutingExample");

namespace
{

/// Forwarding decisions per (node, output interface).
std::map<std::pair<uint32_t, uint32_t>, uint64_t> g_forwards;

/**
 * A minimal ping: ICMP echo requests over an Ipv4RawSocket, one per interval, RTT printed for
 * each reply.
 */
class Pinger
{
  public:
    /**
     * @param node the node that pings
     * @param remote the address pinged
     * @param interval time between requests
     */
    Pinger(Ptr<Node> node, Ipv4Address remote, Time interval)
        : m_remote(remote),
          m_interval(interval)
    {
        m_socket = Socket::CreateSocket(node, Ipv4RawSocketFactory::GetTypeId());
        m_socket->SetAttribute("Protocol", UintegerValue(1)); // ICMP
        m_socket->Bind();
        m_socket->SetRecvCallback(
            RtmMakeCallback<void, Ptr<Socket>>([this](Ptr<Socket> s) { Receive(s); }));
    }

    /**
     * @param start first request
     * @param stop no request after this
     */
    void Schedule(Time start, Time stop)
    {
        m_stop = stop;
        Simulator::Schedule(start, &Pinger::Send, this);
    }

    /// @return requests sent
    uint32_t GetSent() const
    {
        return m_seq;
    }

    /// @return replies received
    uint32_t GetReplies() const
    {
        return m_replies;
    }

  private:
    void Send()
    {
        if (Simulator::Now() > m_stop)
        {
            return;
        }
        Icmpv4Echo echo;
        echo.SetIdentifier(0x7274);
        echo.SetSequenceNumber(m_seq);
        echo.SetData(Create<Packet>(56));
        Ptr<Packet> p = Create<Packet>();
        p->AddHeader(echo);
        Icmpv4Header icmp;
        icmp.SetType(Icmpv4Header::ICMPV4_ECHO);
        icmp.SetCode(0);
        if (Node::ChecksumEnabled())
        {
            icmp.EnableChecksum();
        }
        p->AddHeader(icmp);
        m_sentAt[m_seq++] = Simulator::Now();
        if (m_socket->SendTo(p, 0, InetSocketAddress(m_remote, 0)) < 0)
        {
            std::cout << "ping seq=" << m_seq - 1 << " not sent: errno " << m_socket->GetErrno()
                      << std::endl;
        }
        Simulator::Schedule(m_interval, &Pinger::Send, this);
    }

    void Receive(Ptr<Socket> s)
    {
        Address from;
        while (Ptr<Packet> p = s->RecvFrom(from))
        {
            Ipv4Header ip;
            Icmpv4Header icmp;
            p->RemoveHeader(ip);
            p->RemoveHeader(icmp);
            if (icmp.GetType() != Icmpv4Header::ICMPV4_ECHO_REPLY)
            {
                continue;
            }
            Icmpv4Echo echo;
            p->RemoveHeader(echo);
            auto it = m_sentAt.find(echo.GetSequenceNumber());
            if (echo.GetIdentifier() != 0x7274 || it == m_sentAt.end())
            {
                continue;
            }
            ++m_replies;
            std::cout << "ping reply from " << ip.GetSource() << " seq=" << it->first
                      << " ttl=" << static_cast<uint32_t>(ip.GetTtl())
                      << " rtt=" << (Simulator::Now() - it->second).As(Time::MS) << std::endl;
            m_sentAt.erase(it);
        }
    }

    Ptr<Socket> m_socket;              //!< raw ICMP socket
    Ipv4Address m_remote;              //!< pinged address
    Time m_interval;                   //!< between requests
    Time m_stop;                       //!< last request time
    uint16_t m_seq{0};                 //!< next sequence number
    uint32_t m_replies{0};             //!< replies
    std::map<uint16_t, Time> m_sentAt; //!< outstanding requests
};

void
CountForward(uint32_t node, const Ipv4Header&, Ptr<const Packet>, uint32_t interface)
{
    ++g_forwards[{node, interface}];
}

void
Announce(const std::string& what)
{
    std::cout << "=== " << Simulator::Now().As(Time::S) << " " << what << std::endl;
}

void
SetLink(Ptr<Node> a, uint32_t ifA, Ptr<Node> b, uint32_t ifB, bool up)
{
    Announce(std::string("link R1-R2 ") + (up ? "up" : "down"));
    for (auto [node, i] : {std::make_pair(a, ifA), std::make_pair(b, ifB)})
    {
        Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
        if (up)
        {
            ipv4->SetUp(i);
        }
        else
        {
            ipv4->SetDown(i);
        }
    }
}

} // namespace

int
main(int argc, char* argv[])
{
    double simTime = 10.0;
    double downAt = 4.0;
    double upAt = 7.0;
    double echoInterval = 0.5;
    std::string rate = "500kbps";
    uint32_t backupMetric = 10;
    bool printTables = true;
    bool ping = true;

    CommandLine cmd(__FILE__);
    cmd.AddValue("simTime", "Simulated seconds", simTime);
    cmd.AddValue("downAt", "When the R1-R2 link goes down (s; negative: never)", downAt);
    cmd.AddValue("upAt", "When it comes back (s; negative: never)", upAt);
    cmd.AddValue("echoInterval", "UDP echo interval (s)", echoInterval);
    cmd.AddValue("rate", "OnOff constant rate", rate);
    cmd.AddValue("backupMetric", "Metric of the static routes through R3", backupMetric);
    cmd.AddValue("printTables", "Print the routing tables before, during and after", printTables);
    cmd.AddValue("ping", "Run a ping from client to server", ping);
    cmd.Parse(argc, argv);

    NodeContainer nodes;
    nodes.Create(5);
    Ptr<Node> client = nodes.Get(0);
    Ptr<Node> r1 = nodes.Get(1);
    Ptr<Node> r2 = nodes.Get(2);
    Ptr<Node> server = nodes.Get(3);
    Ptr<Node> r3 = nodes.Get(4);

    RtmHelper rtm;
    InternetStackHelper stack;
    stack.SetRoutingHelper(rtm);
    stack.Install(nodes);

    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
    p2p.SetChannelAttribute("Delay", StringValue("2ms"));
    Ipv4AddressHelper address;
    auto link = [&](Ptr<Node> a, Ptr<Node> b, const char* net) {
        address.SetBase(net, "255.255.255.0");
        return address.Assign(p2p.Install(a, b));
    };
    // interface indices follow the order: client if1; R1 if1 client, if2 R2, if3 R3;
    // R2 if1 R1, if2 server, if3 R3; server if1; R3 if1 R1, if2 R2.
    link(client, r1, "10.1.1.0");
    link(r1, r2, "10.1.2.0");
    Ipv4InterfaceContainer serverLink = link(r2, server, "10.1.3.0");
    link(r1, r3, "10.1.4.0");
    link(r3, r2, "10.1.5.0");
    Ipv4Address serverAddress = serverLink.GetAddress(1);
    Ipv4Mask mask("255.255.255.0");

    rtm.SetDefaultRoute(client, Ipv4Address("10.1.1.2"), 1);
    rtm.SetDefaultRoute(server, Ipv4Address("10.1.3.1"), 1);
    rtm.AddStaticRoute(r1, Ipv4Address("10.1.3.0"), mask, Ipv4Address("10.1.2.2"), 2, 1);
    rtm.AddStaticRoute(r1, Ipv4Address("10.1.3.0"), mask, Ipv4Address("10.1.4.2"), 3, backupMetric);
    rtm.AddStaticRoute(r2, Ipv4Address("10.1.1.0"), mask, Ipv4Address("10.1.2.1"), 1, 1);
    rtm.AddStaticRoute(r2, Ipv4Address("10.1.1.0"), mask, Ipv4Address("10.1.5.1"), 3, backupMetric);
    rtm.AddStaticRoute(r3, Ipv4Address("10.1.1.0"), mask, Ipv4Address("10.1.4.1"), 1, 1);
    rtm.AddStaticRoute(r3, Ipv4Address("10.1.3.0"), mask, Ipv4Address("10.1.5.2"), 2, 1);

    for (uint32_t i = 0; i < nodes.GetN(); ++i)
    {
        RtmHelper::GetRtmRouting(nodes.Get(i))
            ->TraceConnectWithoutContext("Forward",
                                         MakeBoundCallback(&CountForward, nodes.Get(i)->GetId()));
    }

    // UDP echo, client -> server
    UdpEchoServerHelper echoServer(9);
    ApplicationContainer serverApps = echoServer.Install(server);
    serverApps.Start(Seconds(0.5));
    serverApps.Stop(Seconds(simTime));
    UdpEchoClientHelper echoClient(serverAddress, 9);
    echoClient.SetAttribute("MaxPackets", UintegerValue(1000000));
    echoClient.SetAttribute("Interval", TimeValue(Seconds(echoInterval)));
    echoClient.SetAttribute("PacketSize", UintegerValue(512));
    ApplicationContainer clientApps = echoClient.Install(client);
    clientApps.Start(Seconds(1.0));
    clientApps.Stop(Seconds(simTime - 0.5));

    // constant-rate UDP, client -> server
    OnOffHelper onoff("ns3::UdpSocketFactory", InetSocketAddress(serverAddress, 5000));
    onoff.SetConstantRate(DataRate(rate), 500);
    ApplicationContainer onoffApps = onoff.Install(client);
    onoffApps.Start(Seconds(1.5));
    onoffApps.Stop(Seconds(simTime - 0.5));
    PacketSinkHelper sink("ns3::UdpSocketFactory", InetSocketAddress(Ipv4Address::GetAny(), 5000));
    ApplicationContainer sinkApps = sink.Install(server);
    sinkApps.Start(Seconds(0.5));
    sinkApps.Stop(Seconds(simTime));

    Pinger pinger(client, serverAddress, Seconds(1));
    if (ping)
    {
        pinger.Schedule(Seconds(1.2), Seconds(simTime - 0.5));
    }

    if (downAt >= 0)
    {
        Simulator::Schedule(Seconds(downAt), &SetLink, r1, 2, r2, 1, false);
    }
    if (upAt >= 0)
    {
        Simulator::Schedule(Seconds(upAt), &SetLink, r1, 2, r2, 1, true);
    }

    if (printTables)
    {
        Ptr<OutputStreamWrapper> out = Create<OutputStreamWrapper>(&std::cout);
        Ipv4RoutingHelper::PrintRoutingTableAllAt(Seconds(0.9), out);
        if (downAt >= 0)
        {
            Ipv4RoutingHelper::PrintRoutingTableAt(Seconds(downAt + 0.5), r1, out);
            Ipv4RoutingHelper::PrintRoutingTableAt(Seconds(downAt + 0.5), r2, out);
        }
        if (upAt >= 0)
        {
            Ipv4RoutingHelper::PrintRoutingTableAt(Seconds(upAt + 0.5), r1, out);
            Ipv4RoutingHelper::PrintRoutingTableAt(Seconds(upAt + 0.5), r2, out);
        }
    }

    FlowMonitorHelper flowHelper;
    Ptr<FlowMonitor> monitor = flowHelper.InstallAll();

    Simulator::Stop(Seconds(simTime));
    Simulator::Run();

    monitor->CheckForLostPackets();
    Ptr<Ipv4FlowClassifier> classifier =
        DynamicCast<Ipv4FlowClassifier>(flowHelper.GetClassifier());
    std::cout << "=== FlowMonitor" << std::endl;
    std::cout << std::fixed << std::setprecision(3);
    for (const auto& [id, st] : monitor->GetFlowStats())
    {
        Ipv4FlowClassifier::FiveTuple t = classifier->FindFlow(id);
        double span = (st.timeLastRxPacket - st.timeFirstTxPacket).GetSeconds();
        std::cout << "flow " << id << " " << t.sourceAddress << ":" << t.sourcePort << " -> "
                  << t.destinationAddress << ":" << t.destinationPort << " proto "
                  << static_cast<uint32_t>(t.protocol) << ": tx " << st.txPackets << " rx "
                  << st.rxPackets << " lost " << st.lostPackets << " mean delay "
                  << (st.rxPackets ? st.delaySum.GetSeconds() * 1000 / st.rxPackets : 0.0)
                  << " ms throughput " << (span > 0 ? st.rxBytes * 8.0 / span / 1000 : 0.0)
                  << " kbit/s" << std::endl;
    }
    std::cout << "=== forwarding decisions (node/interface: packets)" << std::endl;
    for (const auto& [key, count] : g_forwards)
    {
        std::cout << "node " << key.first << " if " << key.second << ": " << count << std::endl;
    }
    if (ping)
    {
        std::cout << "=== ping: " << pinger.GetSent() << " sent, " << pinger.GetReplies()
                  << " replies" << std::endl;
    }
    std::cout << "=== sink received " << DynamicCast<PacketSink>(sinkApps.Get(0))->GetTotalRx()
              << " bytes" << std::endl;

    Simulator::Destroy();
    return 0;
}
