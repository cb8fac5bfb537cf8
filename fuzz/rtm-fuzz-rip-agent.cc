/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

/**
 * @file
 * @ingroup rtm-tests
 * libFuzzer harness of a whole RIPv2 agent fed hostile datagrams through its receive path
 * (RtmRipAgent::HandleDatagram), as test/rtm-rip-fuzz-test.cc does with random messages.
 *
 * Each input builds a fresh network: node 0 runs RIP (with the RTM forwarding plane), node 1, its
 * only neighbour on a /30 link, plays the attacker. The first byte sets the agent up (bit 0: a
 * password "fuzz" is required; bit 1: Infinity 255 instead of 16; bits 2-3: split horizon). Then
 * come datagrams, each a header of three bytes (bits 0-1 of the first: source = the peer, the
 * agent itself, a stranger, or a random address from the next bytes; bit 2: source port 520 or
 * not; bit 3: the receiving interface is the link's or another; bit 4: let 1 s of simulated time
 * pass afterwards; the next two bytes: the payload's size) and the payload.
 *
 * Checked after every datagram: a dropped one leaves node 0's RTM exactly as it was (every
 * route, every field) and adds exactly one to the drop counters (all reasons and the total, the
 * trace source agreeing) and nothing to the received count; an accepted one adds one to the
 * received count and nothing to the drops; the agent's route count is the RTM's RIP routes, and
 * every RIP route is one a correct agent may hold (valid network, metric below infinity, learned
 * on the link from the peer).
 */

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/routing-table-manager.h"
#include "ns3/rtm-helper.h"
#include "ns3/rtm-rip-agent.h"
#include "ns3/rtm-rip-header.h"
#include "ns3/rtm-rip-helper.h"
#include "ns3/rtm-topology-generator.h"
#include "ns3/rtm-topology-helper.h"

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace
{

using namespace ns3;

/// Size of a per-reason counter array (index 0 is unused).
constexpr size_t kReasons = static_cast<size_t>(RtmRipDropReason::Count);

/**
 * @brief Print a finding and abort, so that libFuzzer saves the input.
 * @param what the finding
 */
[[noreturn]] void
Finding(const std::string& what)
{
    std::fprintf(stderr, "rtm-fuzz-rip-agent: %s\n", what.c_str());
    std::abort();
}

/**
 * @param rtm a manager
 * @return every IP route, in the manager's order
 */
std::vector<RtmRoute>
Snapshot(const Ptr<RoutingTableManager>& rtm)
{
    std::vector<RtmRoute> routes;
    rtm->ForEachRoute(RtmFamily::Ip, [&routes](const RtmRoute& r) { routes.push_back(r); });
    return routes;
}

/// One fuzzed run: the network, the agent and what is counted.
class Run
{
  public:
    /**
     * @brief Build the network and start the agent.
     * @param setup the setup byte
     */
    explicit Run(uint8_t setup)
    {
        RtmTopologyGenerator gen;
        m_th.GetPointToPointHelper().SetDeviceAttribute("Mtu", UintegerValue(400));
        RtmHelper rtm;
        m_th.Install(gen.Line(2), rtm);
        RtmRipHelper rip;
        rip.Set("UnsolicitedRoutingUpdate", TimeValue(Seconds(5)));
        rip.Set("TimeoutDelay", TimeValue(Seconds(30)));
        rip.Set("GarbageCollectionDelay", TimeValue(Seconds(20)));
        if (setup & 1)
        {
            rip.Set("AuthenticationPassword", StringValue("fuzz"));
        }
        if (setup & 2)
        {
            rip.Set("Infinity", UintegerValue(255));
        }
        rip.Set("SplitHorizon",
                EnumValue(static_cast<RtmRipAgent::SplitHorizon>((setup >> 2) % 3)));
        m_agent = rip.Install(m_th.GetNode(0));
        RtmRipHelper::AssignStreams(m_th.GetNodes(), 7);
        m_rtm = m_th.GetNode(0)->GetObject<RoutingTableManager>();
        m_iface = m_th.GetInterface(0, 0);
        m_self = m_th.GetAddress(0, 0);
        m_peer = m_th.GetAddress(0, 1);
        m_agent->TraceConnectWithoutContext(
            "DroppedPacket",
            Callback<void, Ptr<const Packet>, Ipv4Address, uint32_t, RtmRipAgent::DropReason>(
                [this](Ptr<const Packet>, Ipv4Address, uint32_t, RtmRipAgent::DropReason r) {
                    if (static_cast<size_t>(r) == 0 || static_cast<size_t>(r) >= kReasons)
                    {
                        Finding("a drop traced with an invalid reason");
                    }
                    ++m_traced[static_cast<size_t>(r)];
                }));
        Simulator::Stop(Seconds(2)); // the agent starts and opens its sockets
        Simulator::Run();
        if (!m_agent->IsStarted())
        {
            Finding("the agent did not start");
        }
    }

    /**
     * @brief Feed one datagram and check what it did.
     * @param header the datagram's header byte
     * @param random a random address (used by source kind 3)
     * @param payload the UDP payload
     */
    void Feed(uint8_t header, uint32_t random, const std::vector<uint8_t>& payload)
    {
        Ipv4Address sources[] = {m_peer, m_self, Ipv4Address("192.0.2.77"), Ipv4Address(random)};
        Ipv4Address from = sources[header & 3];
        uint16_t port = (header & 4) ? 520 : 1024 + (random & 0xFFFF) % 60000;
        uint32_t iface = (header & 8) ? m_iface : (random >> 28) % 4;
        std::vector<RtmRoute> before = Snapshot(m_rtm);
        uint64_t dropped = m_agent->GetDroppedPackets();
        uint64_t received = m_agent->GetReceivedPackets();
        std::array<uint64_t, kReasons> counts = Counts();
        std::array<uint64_t, kReasons> traced = m_traced;
        Ptr<Packet> p = Create<Packet>(payload.data(), payload.size());
        bool ok = m_agent->HandleDatagram(p, from, port, iface);
        std::array<uint64_t, kReasons> countsAfter = Counts();
        uint64_t grown = 0;
        uint64_t tracedGrown = 0;
        for (size_t i = 1; i < kReasons; ++i)
        {
            if (countsAfter[i] < counts[i] || m_traced[i] < traced[i])
            {
                Finding("a drop counter went down");
            }
            grown += countsAfter[i] - counts[i];
            tracedGrown += m_traced[i] - traced[i];
            if (countsAfter[i] - counts[i] != m_traced[i] - traced[i])
            {
                Finding("the drop counter and the trace of reason " + std::to_string(i) +
                        " disagree");
            }
        }
        if (!ok)
        {
            if (Snapshot(m_rtm) != before)
            {
                Finding("a dropped datagram changed the RTM");
            }
            if (grown != 1 || tracedGrown != 1 || m_agent->GetDroppedPackets() != dropped + 1 ||
                m_agent->GetReceivedPackets() != received)
            {
                Finding("a dropped datagram is not counted once as dropped");
            }
        }
        else if (grown != 0 || m_agent->GetDroppedPackets() != dropped ||
                 m_agent->GetReceivedPackets() != received + 1)
        {
            Finding("an accepted datagram is not counted once as received");
        }
        CheckTable();
        if (header & 0x10)
        {
            Simulator::Stop(Seconds(1));
            Simulator::Run();
            CheckTable();
        }
    }

    /// Let the timers run (updates, timeouts, garbage collection), then check again.
    void Finish()
    {
        Simulator::Stop(Seconds(60));
        Simulator::Run();
        CheckTable();
    }

  private:
    std::array<uint64_t, kReasons> Counts() const
    {
        std::array<uint64_t, kReasons> c{};
        for (size_t i = 1; i < kReasons; ++i)
        {
            c[i] = m_agent->GetDropCount(static_cast<RtmRipDropReason>(i));
        }
        return c;
    }

    void CheckTable()
    {
        uint64_t rip = 0;
        const uint32_t infinity = m_agent->GetInfinity();
        for (const RtmRoute& r : Snapshot(m_rtm))
        {
            if (r.protocol != RtmRipAgent::PROTOCOL)
            {
                continue;
            }
            ++rip;
            uint32_t net = RtmRoute::KeyAddress(r.network);
            uint32_t mask = static_cast<uint32_t>(r.network);
            if (!RtmRipHeader::IsContiguous(Ipv4Mask(mask)) || (net & ~mask) != 0 ||
                net >> 24 == 127 || net >> 24 >= 224 || r.GetIpMetric() < 1 ||
                r.GetIpMetric() >= infinity || r.interface != m_iface || r.GetIpNextHop() != m_peer)
            {
                std::ostringstream os;
                os << "a RIP route no correct agent holds: " << r;
                Finding(os.str());
            }
        }
        if (rip != m_agent->GetNRoutes())
        {
            Finding("the agent counts " + std::to_string(m_agent->GetNRoutes()) +
                    " routes, the RTM holds " + std::to_string(rip));
        }
    }

    RtmTopologyHelper m_th;                    //!< the network
    Ptr<RtmRipAgent> m_agent;                  //!< node 0's agent
    Ptr<RoutingTableManager> m_rtm;            //!< node 0's RTM
    uint32_t m_iface{0};                       //!< node 0's interface on the link
    Ipv4Address m_self;                        //!< its address
    Ipv4Address m_peer;                        //!< the attacker's address
    std::array<uint64_t, kReasons> m_traced{}; //!< drops seen on the trace source, per reason
};

} // namespace

/**
 * @brief One input: a setup byte, then datagrams.
 * @param data the bytes
 * @param size their number
 * @return 0
 */
extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size == 0)
    {
        return 0;
    }
    {
        Run run(data[0]);
        size_t i = 1;
        for (int n = 0; n < 16 && i + 3 <= size; ++n)
        {
            uint8_t header = data[i];
            size_t length = (static_cast<size_t>(data[i + 1]) << 8) | data[i + 2];
            i += 3;
            length = std::min(length, size - i);
            uint32_t random = 0;
            for (size_t k = 0; k < 4 && i + k < size; ++k)
            {
                random = (random << 8) | data[i + k];
            }
            std::vector<uint8_t> payload(data + i, data + i + length);
            i += length;
            run.Feed(header, random, payload);
        }
        run.Finish();
    }
    Simulator::Destroy();
    Config::Reset();
    return 0;
}
