/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: bad input from peers for the RIPv2 agent. Thousands of random and mutated messages
 * (seeded), and one crafted message per drop reason, are fed to an agent, through its receive
 * path (RtmRipAgent::HandleDatagram) and through real UDP sockets of a peer node. Checked: the
 * drop counters and the trace source agree with what was sent, nothing crashes, a dropped
 * message changes nothing in the RTM, and the RTM only ever holds valid RIP routes.
 */

#include "rtm-agent-test-network.h"

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/routing-table-manager.h"
#include "ns3/rtm-function-callback.h"
#include "ns3/rtm-function-event.h"
#include "ns3/rtm-helper.h"
#include "ns3/rtm-rip-agent.h"
#include "ns3/rtm-rip-header.h"
#include "ns3/rtm-rip-helper.h"
#include "ns3/rtm-topology-generator.h"
#include "ns3/rtm-topology-helper.h"

#include <array>
#include <cstdlib>
#include <fstream>
#include <gtest/gtest.h>
#include <iomanip>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

/// Size of a per-reason counter array (index 0 is unused).
constexpr size_t kReasons = static_cast<size_t>(RtmRipDropReason::Count);

/**
 * Node 0 runs RIP (with the RTM forwarding plane); node 1, its only neighbour on a /30 link,
 * runs none and plays the attacker.
 */
class RtmRipFuzzTest : public rtmtest::AgentTest
{
  protected:
    void SetUp() override
    {
        RtmTopologyGenerator gen;
        m_net = std::make_unique<rtmtest::AgentTestNetwork>(gen.Line(2), [](RtmTopologyHelper& th) {
            th.GetPointToPointHelper().SetDeviceAttribute("Mtu", UintegerValue(400));
        });
        RtmTopologyHelper& th = m_net->Helper();
        RtmRipHelper rip;
        rip.Set("UnsolicitedRoutingUpdate", TimeValue(Seconds(5)));
        rip.Set("TimeoutDelay", TimeValue(Seconds(30)));
        rip.Set("GarbageCollectionDelay", TimeValue(Seconds(20)));
        m_agent = rip.Install(th.GetNode(0));
        rip.AssignStreams(th.GetNodes(), 7);
        m_rtm = th.GetNode(0)->GetObject<RoutingTableManager>();
        m_iface = th.GetInterface(0, 0);
        m_self = th.GetAddress(0, 0);
        m_peer = th.GetAddress(0, 1);
        m_agent->TraceConnectWithoutContext(
            "DroppedPacket",
            RtmMakeCallback<void,
                            Ptr<const Packet>,
                            Ipv4Address,
                            uint32_t,
                            RtmRipAgent::DropReason>(
                [this](Ptr<const Packet>, Ipv4Address, uint32_t, RtmRipAgent::DropReason r) {
                    ++m_traced[static_cast<size_t>(r)];
                }));
        auto count = RtmMakeCallback<void, RtmFamily, const RtmRoute&>(
            [this](RtmFamily, const RtmRoute&) { ++m_rtmEvents; });
        m_rtm->TraceConnectWithoutContext("RouteAdded", count);
        m_rtm->TraceConnectWithoutContext("RouteDeleted", count);
        m_rtm->TraceConnectWithoutContext("RouteAgedOut", count);
        m_rtm->TraceConnectWithoutContext(
            "RouteUpdated",
            RtmMakeCallback<void, RtmFamily, const RtmRoute&, const RtmRoute&>(
                [this](RtmFamily, const RtmRoute&, const RtmRoute&) { ++m_rtmEvents; }));
        Simulator::Stop(Seconds(2)); // the agent starts and opens its sockets
        Simulator::Run();
        ASSERT_TRUE(m_agent->IsStarted());
    }

    /// Feed bytes through the receive path; a dropped message must leave the RTM untouched.
    bool Feed(const std::vector<uint8_t>& bytes,
              Ipv4Address from,
              uint16_t port = 520,
              uint32_t iface = 0xFFFFFFFF)
    {
        Ptr<Packet> p = Create<Packet>(bytes.data(), bytes.size());
        uint64_t before = m_rtmEvents;
        bool ok = m_agent->HandleDatagram(p, from, port, iface == 0xFFFFFFFF ? m_iface : iface);
        if (!ok)
        {
            EXPECT_EQ(m_rtmEvents, before) << "a dropped message changed the RTM";
        }
        return ok;
    }

    /// Every RIP route in node 0's RTM is one a correct RIP could hold.
    void CheckTable()
    {
        uint32_t rip = 0;
        m_rtm->ForEachRoute(RtmFamily::Ip, [&](const RtmRoute& r) {
            if (r.protocol != RtmRipAgent::PROTOCOL)
            {
                return;
            }
            ++rip;
            uint32_t net = RtmRoute::KeyAddress(r.network);
            uint32_t mask = static_cast<uint32_t>(r.network);
            EXPECT_TRUE(RtmRipHeader::IsContiguous(Ipv4Mask(mask))) << r;
            EXPECT_EQ(net & ~mask, 0u) << r;
            EXPECT_NE(net >> 24, 127u) << r;
            EXPECT_LT(net >> 24, 224u) << r;
            EXPECT_GE(r.GetIpMetric(), 1u) << r;
            EXPECT_LT(r.GetIpMetric(), 16u) << r;
            EXPECT_EQ(r.interface, m_iface) << r;
            EXPECT_EQ(r.GetIpNextHop(), m_peer) << r;
            EXPECT_NE(r.network, m_net->Key(0)) << r;
        });
        EXPECT_EQ(rip, m_agent->GetNRoutes());
    }

    /// A well-formed response with n entries drawn from a pool of 64 networks.
    std::vector<uint8_t> ValidResponse(std::mt19937& rng, uint32_t n)
    {
        RtmRipHeader h;
        h.SetCommand(RtmRipHeader::RESPONSE);
        for (uint32_t i = 0; i < n; ++i)
        {
            RtmRipHeader::Rte r;
            uint32_t k = rng() % 64;
            uint32_t len = 8 + (k % 25);                              // /8 .. /32
            uint32_t mask = len == 0 ? 0 : 0xFFFFFFFFu << (32 - len); // contiguous
            uint32_t addr = ((20u + k) << 24 | (rng() & 0xFFFFFF)) & mask;
            r.prefix = Ipv4Address(addr);
            r.mask = Ipv4Mask(mask);
            r.metric = 1 + rng() % 16;
            r.nextHop = (rng() % 4 == 0) ? Ipv4Address(rng()) : Ipv4Address::GetAny();
            h.AddRte(r);
        }
        Ptr<Packet> p = Create<Packet>();
        p->AddHeader(h);
        std::vector<uint8_t> b(p->GetSize());
        p->CopyData(b.data(), b.size());
        return b;
    }

    /// Run the simulation, then the events due at the stop time (change signals of routes that
    /// aged out just then), so that the agent has caught up with its RTM.
    void RunFor(Time t)
    {
        Simulator::Stop(t);
        Simulator::Run();
        Simulator::Stop(NanoSeconds(1));
        Simulator::Run();
    }

    uint64_t Drops(RtmRipAgent::DropReason r) const
    {
        return m_agent->GetDropCount(r);
    }

    std::unique_ptr<rtmtest::AgentTestNetwork> m_net; //!< node 0 and the attacker, node 1
    Ptr<RtmRipAgent> m_agent;
    Ptr<RoutingTableManager> m_rtm;
    uint32_t m_iface{0};
    Ipv4Address m_self;
    Ipv4Address m_peer;
    std::array<uint64_t, kReasons> m_traced{};
    uint64_t m_rtmEvents{0};
};

TEST_F(RtmRipFuzzTest, EachDropReasonIsCountedAndTraced)
{
    std::mt19937 rng(1);
    std::vector<uint8_t> good = ValidResponse(rng, 3);
    for (std::size_t i = 0; i < good.size(); i += 20)
    {
        // metrics below infinity so that the message certainly installs something
        if (i + 23 < good.size())
        {
            good[i + 23] = 2;
        }
    }

    struct Case
    {
        std::vector<uint8_t> bytes;
        Ipv4Address from;
        uint16_t port;
        uint32_t iface;
        RtmRipDropReason reason;
    };

    auto with = [&](std::size_t at, uint8_t value) {
        auto b = good;
        b[at] = value;
        return b;
    };
    std::vector<uint8_t> big(4 + 26 * 20, 0);
    big[0] = 2;
    big[1] = 2;
    std::vector<uint8_t> overMtu = ValidResponse(rng, 19); // 384 bytes > 400 - 28
    std::vector<Case> cases = {
        {{2, 2, 0}, m_peer, 520, m_iface, RtmRipDropReason::Truncated},
        {{}, m_peer, 520, m_iface, RtmRipDropReason::Truncated},
        {std::vector<uint8_t>(good.begin(), good.end() - 7),
         m_peer,
         520,
         m_iface,
         RtmRipDropReason::Truncated},
        {big, m_peer, 520, m_iface, RtmRipDropReason::Oversized},
        {overMtu, m_peer, 520, m_iface, RtmRipDropReason::Oversized},
        {with(1, 1), m_peer, 520, m_iface, RtmRipDropReason::BadVersion},
        {with(1, 3), m_peer, 520, m_iface, RtmRipDropReason::BadVersion},
        {with(0, 0), m_peer, 520, m_iface, RtmRipDropReason::BadCommand},
        {with(0, 9), m_peer, 520, m_iface, RtmRipDropReason::BadCommand},
        {with(5, 3), m_peer, 520, m_iface, RtmRipDropReason::BadAddressFamily},
        {with(4, 0xFF), m_peer, 520, m_iface, RtmRipDropReason::BadAddressFamily},
        {with(23, 0), m_peer, 520, m_iface, RtmRipDropReason::BadMetric},
        {with(23, 17), m_peer, 520, m_iface, RtmRipDropReason::BadMetric},
        {with(20, 1), m_peer, 520, m_iface, RtmRipDropReason::BadMetric},
        {with(13, 0x0F), m_peer, 520, m_iface, RtmRipDropReason::BadMask},
        {with(8, 127), m_peer, 520, m_iface, RtmRipDropReason::BadAddress},
        {with(8, 230), m_peer, 520, m_iface, RtmRipDropReason::BadAddress},
        {good, m_peer, 521, m_iface, RtmRipDropReason::BadSourcePort},
        {good, Ipv4Address("192.168.7.7"), 520, m_iface, RtmRipDropReason::NotNeighbor},
        {good, m_net->Helper().GetNetwork(0), 520, m_iface, RtmRipDropReason::NotNeighbor},
        {good, Ipv4Address("10.0.0.3"), 520, m_iface, RtmRipDropReason::NotNeighbor}, // broadcast
        {good, m_self, 520, m_iface, RtmRipDropReason::OwnAddress},
        {good, Ipv4Address("127.0.0.1"), 520, m_iface, RtmRipDropReason::OwnAddress},
        {good, m_peer, 520, 0, RtmRipDropReason::InactiveInterface},
        {good, m_peer, 520, 9, RtmRipDropReason::InactiveInterface},
    };
    std::array<uint64_t, kReasons> expected{};
    for (const Case& c : cases)
    {
        EXPECT_FALSE(Feed(c.bytes, c.from, c.port, c.iface)) << c.reason;
        ++expected[static_cast<size_t>(c.reason)];
        for (uint32_t r = 1; r < kReasons; ++r)
        {
            EXPECT_EQ(Drops(static_cast<RtmRipDropReason>(r)), expected[r])
                << "after a " << c.reason << " case, counter " << static_cast<RtmRipDropReason>(r);
        }
    }
    EXPECT_EQ(m_agent->GetNRoutes(), 0u);
    EXPECT_EQ(m_traced, expected);
    UintegerValue dropped;
    m_agent->GetAttribute("DroppedPackets", dropped);
    EXPECT_EQ(dropped.Get(), cases.size());
    // the untouched message is accepted
    EXPECT_TRUE(Feed(good, m_peer));
    EXPECT_GT(m_agent->GetNRoutes(), 0u);
    // a request from another port is a query, answered
    std::vector<uint8_t> query = {1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 16};
    EXPECT_TRUE(Feed(query, m_peer, 4000));
    CheckTable();
}

TEST_F(RtmRipFuzzTest, ThousandsOfRandomAndMutatedMessages)
{
    std::mt19937 rng(20240601);
    uint32_t fed = 0;
    uint32_t accepted = 0;
    for (uint32_t i = 0; i < 12000; ++i)
    {
        std::vector<uint8_t> b;
        uint32_t kind = rng() % 4;
        if (kind == 0)
        {
            // random bytes, mostly plausible lengths, sometimes with a valid-looking header
            uint32_t len = (rng() % 3 == 0) ? rng() % 700 : 4 + 20 * (rng() % 27);
            b.resize(len);
            for (auto& x : b)
            {
                x = static_cast<uint8_t>(rng());
            }
            if (len >= 2 && rng() % 2)
            {
                b[0] = 1 + rng() % 2;
                b[1] = 2;
            }
        }
        else
        {
            b = ValidResponse(rng, 1 + rng() % 25);
            uint32_t mutations = kind == 1 ? 0 : 1 + rng() % 4;
            for (uint32_t m = 0; m < mutations; ++m)
            {
                switch (rng() % 5)
                {
                case 0: // flip a bit
                    b[rng() % b.size()] ^= static_cast<uint8_t>(1u << (rng() % 8));
                    break;
                case 1: // overwrite a byte
                    b[rng() % b.size()] = static_cast<uint8_t>(rng());
                    break;
                case 2: // cut
                    b.resize(rng() % b.size());
                    break;
                case 3: // grow
                    b.resize(b.size() + 1 + rng() % 40, static_cast<uint8_t>(rng()));
                    break;
                case 4: // a field of one RTE
                    if (b.size() >= 24)
                    {
                        std::size_t base = 4 + 20 * (rng() % ((b.size() - 4) / 20));
                        std::size_t field =
                            std::array<std::size_t, 5>{1, 11, 15, 19, 23}[rng() % 5];
                        if (base + field < b.size())
                        {
                            b[base + field] = static_cast<uint8_t>(rng());
                        }
                    }
                    break;
                }
                if (b.empty())
                {
                    break;
                }
            }
        }
        Ipv4Address from = m_peer;
        uint16_t port = 520;
        uint32_t r = rng() % 20;
        if (r == 0)
        {
            from = Ipv4Address(rng());
        }
        else if (r == 1)
        {
            port = static_cast<uint16_t>(rng());
        }
        ++fed;
        accepted += Feed(b, from, port) ? 1 : 0;
        if (i % 1000 == 999)
        {
            // let timers run (triggered updates, aging, garbage collection) in between
            RunFor(Seconds(3));
            CheckTable();
        }
    }
    EXPECT_EQ(m_agent->GetDroppedPackets() + m_agent->GetReceivedPackets(), fed);
    EXPECT_EQ(m_agent->GetReceivedPackets(), accepted);
    uint64_t traced = 0;
    for (uint64_t n : m_traced)
    {
        traced += n;
    }
    EXPECT_EQ(traced, m_agent->GetDroppedPackets());
    // the generator must reach both sides and many reasons
    EXPECT_GT(accepted, 1000u);
    EXPECT_GT(m_agent->GetDroppedPackets(), 3000u);
    uint32_t reasons = 0;
    for (uint32_t r = 1; r < kReasons; ++r)
    {
        reasons += m_agent->GetDropCount(static_cast<RtmRipDropReason>(r)) ? 1 : 0;
    }
    EXPECT_GE(reasons, 9u);
    CheckTable();
    // everything learned ages out cleanly
    RunFor(Seconds(60));
    CheckTable();
    EXPECT_EQ(m_agent->GetNRoutes(), 0u);
}

TEST_F(RtmRipFuzzTest, HostileMessagesThroughRealSockets)
{
    // The peer sends through UDP sockets: from port 520 and from another port, unicast to the
    // agent's address and to the link's broadcast address.
    Ptr<Node> peer = m_net->Helper().GetNode(1);
    TypeId udp = TypeId::LookupByName("ns3::UdpSocketFactory");
    Ptr<Socket> from520 = Socket::CreateSocket(peer, udp);
    ASSERT_EQ(from520->Bind(InetSocketAddress(m_peer, 520)), 0);
    from520->SetAllowBroadcast(true);
    Ptr<Socket> fromOther = Socket::CreateSocket(peer, udp);
    ASSERT_EQ(fromOther->Bind(InetSocketAddress(m_peer, 5520)), 0);
    std::mt19937 rng(99);
    uint32_t sent = 0;
    uint32_t wellFormed = 0;
    uint32_t badPort = 0;
    for (uint32_t i = 0; i < 600; ++i)
    {
        std::vector<uint8_t> b = ValidResponse(rng, 1 + rng() % 17);
        bool mutate = i % 2 == 1;
        if (mutate)
        {
            b[rng() % b.size()] ^= static_cast<uint8_t>(1u << (rng() % 8));
        }
        RtmRipHeader parsed;
        bool valid = RtmRipHeader::Parse(b.data(), b.size(), &parsed) == RtmRipHeader::OK &&
                     parsed.GetCommand() == RtmRipHeader::RESPONSE;
        Ptr<Packet> p = Create<Packet>(b.data(), b.size());
        Ipv4Address to = i % 3 == 0 ? Ipv4Address("10.0.0.3") : m_self;
        Ptr<Socket> s = i % 5 == 0 ? fromOther : from520;
        Simulator::Schedule(MilliSeconds(10 * i), RtmMakeEvent([s, p, to]() {
                                s->SendTo(p, 0, InetSocketAddress(to, 520));
                            }));
        ++sent;
        wellFormed += (valid && s == from520) ? 1 : 0;
        badPort += (valid && s == fromOther) ? 1 : 0;
    }
    uint64_t before = m_agent->GetDroppedPackets() + m_agent->GetReceivedPackets();
    Simulator::Stop(Seconds(8));
    Simulator::Run();
    uint64_t after = m_agent->GetDroppedPackets() + m_agent->GetReceivedPackets();
    EXPECT_EQ(after - before, sent) << "every datagram reached the agent's receive path";
    EXPECT_GT(badPort, 50u);
    EXPECT_EQ(m_agent->GetDropCount(RtmRipDropReason::BadSourcePort), badPort);
    EXPECT_GE(m_agent->GetReceivedPackets(), wellFormed);
    EXPECT_GT(m_agent->GetNRoutes(), 0u);
    CheckTable();
}

TEST_F(RtmRipFuzzTest, RouteTagIsKeptAndAdvertisedOn)
{
    // RFC 2453 3.9.2: the route tag of a learned route goes out again with the route.
    RtmRipHeader h;
    h.SetCommand(RtmRipHeader::RESPONSE);
    RtmRipHeader::Rte r;
    r.tag = 0x1234;
    r.prefix = Ipv4Address("20.0.0.0");
    r.mask = Ipv4Mask("255.0.0.0");
    r.metric = 2;
    h.AddRte(r);
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(h);
    std::vector<uint8_t> b(p->GetSize());
    p->CopyData(b.data(), b.size());
    ASSERT_TRUE(Feed(b, m_peer));
    RtmRoute route;
    ASSERT_TRUE(m_rtm->IsRoute(RtmFamily::Ip, RtmRoute::IpKey(0x14000000, 0xFF000000), &route));
    EXPECT_EQ(route.protocolData[0], 0x1234u);
    uint32_t tagged = 0;
    m_agent->TraceConnectWithoutContext(
        "Tx",
        RtmMakeCallback<void, Ptr<const Packet>, uint32_t>([&](Ptr<const Packet> sent, uint32_t) {
            std::vector<uint8_t> bytes(sent->GetSize());
            sent->CopyData(bytes.data(), bytes.size());
            RtmRipHeader m;
            if (RtmRipHeader::Parse(bytes.data(), bytes.size(), &m) != RtmRipHeader::OK)
            {
                return;
            }
            for (const RtmRipHeader::Rte& x : m.GetRtes())
            {
                if (x.prefix == Ipv4Address("20.0.0.0"))
                {
                    EXPECT_EQ(x.tag, 0x1234); // poisoned back to the peer, tag and all
                    ++tagged;
                }
            }
        }));
    RunFor(Seconds(8));
    EXPECT_GT(tagged, 0u);
}

TEST_F(RtmRipFuzzTest, AuthenticatedMessageWithoutAPasswordIsDropped)
{
    // RFC 2453 4.1: a router not configured to authenticate discards authenticated messages.
    RtmRipHeader h;
    h.SetCommand(RtmRipHeader::RESPONSE);
    h.SetAuthentication(RtmRipHeader::AUTH_SIMPLE_PASSWORD, RtmRipHeader::PasswordData("x"));
    RtmRipHeader::Rte r;
    r.prefix = Ipv4Address("20.0.0.0");
    r.mask = Ipv4Mask("255.0.0.0");
    r.metric = 2;
    h.AddRte(r);
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(h);
    std::vector<uint8_t> b(p->GetSize());
    p->CopyData(b.data(), b.size());
    EXPECT_FALSE(Feed(b, m_peer));
    EXPECT_EQ(Drops(RtmRipDropReason::AuthenticationFailed), 1u);
    EXPECT_EQ(m_agent->GetNRoutes(), 0u);
}

TEST_F(RtmRipFuzzTest, ValidMessagesRoundTripAndCanBeDumpedForTshark)
{
    // The well-formed messages the hostile-packet tests start from: each parses and serialises
    // back to the same bytes. With RTM_WIRE_DUMP=DIR they are also written to DIR/rip-valid.txt
    // in text2pcap's format, for test/rtm-tshark-check.sh to decode with Wireshark's dissector.
    std::mt19937 rng(2453);
    std::ostringstream dump;
    for (uint32_t i = 0; i < 200; ++i)
    {
        std::vector<uint8_t> b = ValidResponse(rng, 1 + i % RtmRipHeader::MAX_RTES);
        RtmRipHeader parsed;
        ASSERT_EQ(RtmRipHeader::Parse(b.data(), b.size(), &parsed), RtmRipHeader::OK);
        Ptr<Packet> p = Create<Packet>();
        p->AddHeader(parsed);
        std::vector<uint8_t> again(p->GetSize());
        p->CopyData(again.data(), again.size());
        EXPECT_EQ(again, b) << "message " << i;
        rtmtest::AppendText2pcap(dump, b);
    }
    rtmtest::WriteWireDump("rip-valid.txt", dump.str());
}

} // namespace
