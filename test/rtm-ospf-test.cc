/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: tests of the link-state agent (RtmOspfAgent), its packet format, its database and its
 * helper.
 */

#include "rtm-agent-test-network.h"

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/routing-table-manager.h"
#include "ns3/rtm-function-callback.h"
#include "ns3/rtm-graphml-reader.h"
#include "ns3/rtm-helper.h"
#include "ns3/rtm-ospf-agent.h"
#include "ns3/rtm-ospf-helper.h"
#include "ns3/rtm-ospf-lsa-store.h"
#include "ns3/rtm-ospf-lsdb.h"
#include "ns3/rtm-ospf-packet.h"
#include "ns3/rtm-topology-generator.h"
#include "ns3/rtm-topology-helper.h"
#include "ns3/rtm-topology-oracle.h"
#include "ns3/rtm-topology.h"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <gtest/gtest.h>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

const std::string kZooDir = RTM_SOURCE_DIR "/data/topology-zoo";
constexpr uint32_t kOspf = RtmOspfAgent::PROTO_IP_OSPF;
constexpr uint32_t kLocal = 2; // PROTO_IP_LOCAL

/// The short timers of the tests, with a jitter of the hellos.
void
SetShortTimers(RtmOspfHelper& ospf)
{
    rtmtest::SetShortOspfTimers(ospf);
    ospf.Set("HelloJitter", TimeValue(MilliSeconds(200)));
}

/// A router LSA with the given links.
RtmOspfLsa
MakeLsa(uint32_t router, uint32_t seq, std::vector<RtmOspfLsa::Link> links)
{
    RtmOspfLsa lsa;
    lsa.advRouter = router;
    lsa.sequence = seq;
    lsa.links = std::move(links);
    lsa.UpdateChecksum();
    return lsa;
}

RtmOspfLsa::Link
P2p(uint32_t neighbor, uint16_t metric = 1)
{
    return {RtmOspfLsa::Link::POINT_TO_POINT, metric, neighbor, 0x0A000001};
}

RtmOspfLsa::Link
Stub(const char* net, const char* mask, uint16_t metric = 1)
{
    return {RtmOspfLsa::Link::STUB, metric, Ipv4Address(net).Get(), Ipv4Mask(mask).Get()};
}

/**
 * A network built from a topology, with the RTM forwarding plane (RtmHelper) and a link-state
 * agent on every node.
 */
class OspfNet : public rtmtest::AgentTestNetwork
{
  public:
    /**
     * @param topology the topology
     * @param configure called on the helpers before Install
     */
    explicit OspfNet(
        const RtmTopology& topology,
        const std::function<void(RtmOspfHelper&, RtmTopologyHelper&)>& configure = nullptr)
        : AgentTestNetwork(topology),
          m_stopped(topology.GetNVertices(), false)
    {
        RtmOspfHelper ospf;
        SetShortTimers(ospf);
        if (configure)
        {
            configure(ospf, Helper());
        }
        m_agents = ospf.Install(GetNodes());
        RtmOspfHelper::AssignStreams(GetNodes(), 2000);
    }

    Ptr<RtmOspfAgent> Agent(uint32_t v) const
    {
        return m_agents.at(v);
    }

    /// Record that the agent of a vertex is stopped (or running again), for Expected().
    void MarkStopped(uint32_t v, bool stopped)
    {
        m_stopped[v] = stopped;
    }

    /// What a converged best route must look like.
    struct Expectation
    {
        enum Kind
        {
            None,      //!< no route at all
            Connected, //!< the node's own link: a PROTO_IP_LOCAL route
            Ospf       //!< an OSPF route
        } kind{None};

        uint64_t metric{0};                    //!< OSPF metric
        std::set<rtmtest::FirstHop> firstHops; //!< (interface, next hop)
    };

    /**
     * The expected best route of every link network at every node, from Boost.Graph shortest
     * paths (RtmTopologyOracle) over the links that are up and between running agents. A link
     * network is advertised by each running end, at the cost of that end's interface (the edge
     * metric); the route's cost is the distance to the nearer advertising end plus that cost.
     */
    std::map<std::pair<uint32_t, uint64_t>, Expectation> Expected() const
    {
        std::vector<uint32_t> original;
        RtmTopology live = LiveTopology(m_stopped, &original);
        RtmTopologyOracle oracle(live, RtmTopologyOracle::Metric::EdgeMetric);
        std::map<std::pair<uint32_t, uint64_t>, Expectation> out;
        for (uint32_t u = 0; u < Topology().GetNVertices(); ++u)
        {
            for (uint32_t e = 0; e < Topology().GetNEdges(); ++e)
            {
                Expectation& x = out[{u, Key(e)}];
                uint32_t a = Topology().GetEdgeSource(e);
                uint32_t b = Topology().GetEdgeTarget(e);
                if (IsFailed(e))
                {
                    continue;
                }
                if (u == a || u == b)
                {
                    x.kind = Expectation::Connected;
                    continue;
                }
                if (m_stopped[u])
                {
                    continue;
                }
                uint64_t d = RtmTopologyOracle::INFINITE_DISTANCE;
                for (uint32_t t : {a, b})
                {
                    if (!m_stopped[t])
                    {
                        d = std::min(d, oracle.GetDistance(u, t));
                    }
                }
                if (d == RtmTopologyOracle::INFINITE_DISTANCE)
                {
                    continue;
                }
                x.kind = Expectation::Ospf;
                x.metric = d + Topology().GetEdge(e).metric;
                for (uint32_t t : {a, b})
                {
                    if (m_stopped[t] || oracle.GetDistance(u, t) != d)
                    {
                        continue;
                    }
                    std::set<rtmtest::FirstHop> hops = FirstHops(oracle, original, u, t);
                    x.firstHops.insert(hops.begin(), hops.end());
                }
            }
        }
        return out;
    }

    /**
     * Compare every node's best routes with Expected().
     * @return "" or the first difference
     */
    std::string Compare() const
    {
        std::ostringstream diff;
        for (const auto& [where, x] : Expected())
        {
            auto [u, key] = where;
            RtmRoute best;
            bool has = Rtm(u)->IsRoute(RtmFamily::Ip, key, &best);
            switch (x.kind)
            {
            case Expectation::None:
                if (has)
                {
                    diff << "node " << u << " has an unexpected route " << best;
                    return diff.str();
                }
                break;
            case Expectation::Connected:
                if (!has || best.protocol != kLocal)
                {
                    diff << "node " << u << ": " << RtmRoute::KeyNetwork(key)
                         << " is not a connected route";
                    return diff.str();
                }
                break;
            case Expectation::Ospf:
                if (!has || best.protocol != kOspf)
                {
                    diff << "node " << u << ": no OSPF route to " << RtmRoute::KeyNetwork(key);
                    return diff.str();
                }
                if (best.GetIpMetric() != x.metric)
                {
                    diff << "node " << u << ": " << best << " metric, oracle " << x.metric;
                    return diff.str();
                }
                if (!x.firstHops.count({best.interface, best.GetIpNextHop().Get()}))
                {
                    diff << "node " << u << ": " << best << " is not a shortest-path first hop";
                    return diff.str();
                }
                break;
            }
        }
        for (uint32_t u = 0; u < Topology().GetNVertices(); ++u)
        {
            // only link networks and the loopback
            uint32_t expected = 1 + CountLinkRoutes(u);
            if (Rtm(u)->GetNetworkCount(RtmFamily::Ip) != expected)
            {
                diff << "node " << u << " has " << Rtm(u)->GetNetworkCount(RtmFamily::Ip)
                     << " networks, expected " << expected;
                return diff.str();
            }
            std::string why;
            if (!Agent(u)->CheckConsistency(&why))
            {
                diff << "node " << u << " inconsistent: " << why;
                return diff.str();
            }
        }
        return "";
    }

    /**
     * Run until Compare() passes (checked every 250 ms) or a deadline.
     * @param deadline absolute time
     * @return the time of convergence, or a negative time
     */
    Time RunUntilConverged(Time deadline)
    {
        return RunUntil([&]() { return Compare(); }, MilliSeconds(250), deadline);
    }

  private:
    std::vector<Ptr<RtmOspfAgent>> m_agents;
    std::vector<bool> m_stopped;
};

using RtmOspfTest = rtmtest::AgentTest;

using RtmOspfFormatTest = RtmOspfTest;
using RtmOspfLsdbTest = RtmOspfTest;
using RtmOspfConvergenceTest = RtmOspfTest;
using RtmOspfFailureTest = RtmOspfTest;
using RtmOspfLifeCycleTest = RtmOspfTest;
using RtmOspfAdjacencyTest = RtmOspfTest;

/// Every neighbour of every agent Full, and the databases the same everywhere.
std::string
CheckFullAndSynchronised(const OspfNet& net, uint32_t n)
{
    std::ostringstream err;
    std::map<uint32_t, std::pair<uint32_t, uint16_t>> first;
    for (uint32_t v = 0; v < n; ++v)
    {
        for (const auto& nb : net.Agent(v)->GetNeighbors())
        {
            if (nb.state != RtmOspfNeighborState::Full)
            {
                err << "node " << v << ": neighbour " << nb.routerId << " " << nb.state << "; ";
            }
        }
        std::map<uint32_t, std::pair<uint32_t, uint16_t>> db;
        for (const auto& [id, e] : net.Agent(v)->GetLsdb().GetEntries())
        {
            db[id] = {e.lsa->sequence, e.lsa->checksum};
        }
        if (v == 0)
        {
            first = db;
        }
        else if (db != first)
        {
            err << "node " << v << ": database differs from node 0's; ";
        }
    }
    return err.str();
}

/// Decode bytes with default limits, return the reason or Count on success.
RtmOspfDropReason
DecodeReason(const std::vector<uint8_t>& bytes, RtmOspfPacket* out = nullptr)
{
    RtmOspfPacket tmp;
    RtmOspfDropReason reason = RtmOspfDropReason::Count;
    RtmOspfPacket::Limits limits;
    bool ok = RtmOspfPacket::Decode(bytes.data(),
                                    static_cast<uint32_t>(bytes.size()),
                                    limits,
                                    out ? out : &tmp,
                                    &reason);
    return ok ? RtmOspfDropReason::Count : reason;
}

} // namespace

// ---- the packet format -------------------------------------------------------------------------

TEST_F(RtmOspfFormatTest, HeaderRoundTripAndChecksum)
{
    RtmOspfHeader h;
    h.SetType(RtmOspfHeader::LS_ACK);
    h.SetLength(44);
    h.SetRouterId(Ipv4Address("10.1.2.3"));
    h.SetChecksum(0xBEEF);
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(h);
    ASSERT_EQ(p->GetSize(), 24u) << "RFC 2328 A.3.1: 24 bytes";
    RtmOspfHeader back;
    p->RemoveHeader(back);
    EXPECT_EQ(back.GetVersion(), 2);
    EXPECT_EQ(back.GetType(), 5) << "LS acknowledgment is type 5";
    EXPECT_EQ(back.GetLength(), 44);
    EXPECT_EQ(back.GetRouterId(), Ipv4Address("10.1.2.3"));
    EXPECT_EQ(back.GetAreaId(), Ipv4Address("0.0.0.0"));
    EXPECT_EQ(back.GetAuType(), 0);
    EXPECT_EQ(back.GetChecksum(), 0xBEEF);

    // RFC 1071 example words: 0001 f203 f4f5 f6f7 sum to ddf2 (checksum 220d)
    const uint8_t rfc[] = {0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7};
    EXPECT_EQ(RtmOspfHeader::Checksum(rfc, sizeof(rfc)), 0x220d);

    // The OSPF packet checksum leaves out the 8 authentication bytes (A.3.1). A hand-computed
    // hello: 0201 002c | 0a01 0203 | 0000 0000 | cksm 0000 | auth (anything) | body
    // ffff fffc 000a 0200 0000 0028 0000 0000 0000 0000: words summed without the auth field:
    // 0201+002c+0a01+0203+ffff+fffc+000a+0200+0028 = 0x2105e -> 0x1060, checksum 0xef9f.
    // clang-format off
    std::vector<uint8_t> hello = {0x02, 0x01, 0x00, 0x2c, 0x0a, 0x01, 0x02, 0x03, 0, 0, 0, 0,
                                  0x00, 0x00, 0x00, 0x00, 1,    2,    3,    4,    5, 6, 7, 8,
                                  0xff, 0xff, 0xff, 0xfc, 0x00, 0x0a, 0x02, 0x00, 0, 0, 0, 0x28,
                                  0,    0,    0,    0,    0,    0,    0,    0};
    // clang-format on
    ASSERT_EQ(hello.size(), 44u);
    EXPECT_EQ(RtmOspfHeader::PacketChecksum(hello.data(), hello.size()), 0xef9f);
    hello[12] = 0xef;
    hello[13] = 0x9f;
    EXPECT_EQ(RtmOspfHeader::PacketChecksum(hello.data(), hello.size()), 0);
    RtmOspfPacket decoded;
    ASSERT_EQ(DecodeReason(hello, &decoded), RtmOspfDropReason::Count) << "auth bytes ignored";
    EXPECT_EQ(decoded.hello.helloInterval, 10);
    EXPECT_EQ(decoded.hello.deadInterval, 40u);
    EXPECT_EQ(decoded.hello.options, 0x02);
}

TEST_F(RtmOspfFormatTest, FletcherChecksumMatchesRfc905)
{
    // RFC 905 annex B by hand on 4 octets 01 02 00 00, checksum octets at positions 3 and 4
    // (L = 4, n = 3): C0 = 3, C1 = 1 + 3 + 3 + 3 = 10; X = ((L - n) * C0 - C1) mod 255 =
    // (3 - 10) mod 255 = 248; Y = (C1 - (L - n + 1) * C0) mod 255 = 10 - 6 = 4.
    const uint8_t four[] = {0x01, 0x02, 0x00, 0x00};
    EXPECT_EQ(RtmOspfLsa::Fletcher(four, 4, 2), 0xF804);
    const uint8_t sealed[] = {0x01, 0x02, 0xF8, 0x04};
    EXPECT_TRUE(RtmOspfLsa::FletcherVerifies(sealed, 4));
    // A router-LSA: advertising router 1.1.1.1, sequence 0x80000001, one stub link 10.0.0.0/30
    // metric 1, options E. Its bytes from the options on (the age is left out) are, by hand:
    // 02 01 | 01010101 | 01010101 | 80000001 | cksum | 0024 | 0000 0001 | 0a000000 fffffffc
    // 03 00 0001. The checksum field sits at offset 14 of those 34 bytes (L = 34, n = 15).
    RtmOspfLsa lsa;
    lsa.advRouter = 0x01010101;
    lsa.sequence = 0x80000001;
    lsa.links = {{RtmOspfLsa::Link::STUB, 1, 0x0A000000, 0xFFFFFFFC}};
    lsa.UpdateChecksum();
    std::vector<uint8_t> bytes(lsa.GetSerializedSize());
    lsa.Write(bytes.data());
    const std::vector<uint8_t> expected = {0x00, 0x00, 0x02, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01,
                                           0x01, 0x01, 0x01, 0x80, 0x00, 0x00, 0x01, 0x00, 0x00,
                                           0x00, 0x24, 0x00, 0x00, 0x00, 0x01, 0x0a, 0x00, 0x00,
                                           0x00, 0xff, 0xff, 0xff, 0xfc, 0x03, 0x00, 0x00, 0x01};
    ASSERT_EQ(bytes.size(), expected.size());
    for (std::size_t i = 0; i < bytes.size(); ++i)
    {
        if (i != 16 && i != 17)
        {
            EXPECT_EQ(bytes[i], expected[i]) << "byte " << i;
        }
    }
    // Over those 34 bytes with a zero checksum: C0 = 1208 mod 255 = 188, C1 = 85 (the running
    // sums); X = ((L - n) * C0 - C1) mod 255 = (19 * 188 - 85) mod 255 = 172 (0xac), Y = (C1 -
    // (L - n + 1) * C0) mod 255 = (85 - 20 * 188) mod 255 = 150 (0x96).
    EXPECT_EQ(lsa.checksum, 0xAC96);
    EXPECT_TRUE(RtmOspfLsa::FletcherVerifies(bytes.data() + 2, bytes.size() - 2));
    EXPECT_EQ(lsa.checksum, (bytes[16] << 8) | bytes[17]);
    bytes[30] ^= 1;
    EXPECT_FALSE(RtmOspfLsa::FletcherVerifies(bytes.data() + 2, bytes.size() - 2));
}

TEST_F(RtmOspfFormatTest, PacketsRoundTrip)
{
    RtmOspfPacket hello;
    hello.type = RtmOspfHeader::HELLO;
    hello.routerId = Ipv4Address("1.1.1.1").Get();
    hello.hello.helloInterval = 10;
    hello.hello.deadInterval = 40;
    hello.hello.mask = 0xFFFFFFFC;
    hello.hello.neighbors = {0x02020202, 0x03030303};
    std::vector<uint8_t> bytes = hello.Encode();
    ASSERT_EQ(bytes.size(), 24u + 20u + 8u);
    EXPECT_EQ(bytes[0], 2);
    EXPECT_EQ(bytes[1], 1);
    EXPECT_EQ(RtmOspfHeader::PacketChecksum(bytes.data(), bytes.size()), 0);
    RtmOspfPacket back;
    ASSERT_EQ(DecodeReason(bytes, &back), RtmOspfDropReason::Count);
    EXPECT_EQ(back.routerId, hello.routerId);
    EXPECT_EQ(back.hello.helloInterval, 10);
    EXPECT_EQ(back.hello.deadInterval, 40u);
    EXPECT_EQ(back.hello.mask, 0xFFFFFFFCu);
    EXPECT_EQ(back.hello.neighbors, hello.hello.neighbors);

    RtmOspfPacket dd;
    dd.type = RtmOspfHeader::DB_DESCRIPTION;
    dd.routerId = 0x01010101;
    dd.dd.mtu = 1500;
    dd.dd.flags = RtmOspfPacket::DD_FLAG_M | RtmOspfPacket::DD_FLAG_MS;
    dd.dd.sequence = 0x12345678;
    dd.dd.headers.push_back({0x02020202, 0x80000007, 0x1234, 5});
    bytes = dd.Encode();
    ASSERT_EQ(bytes.size(), 24u + 8u + 20u);
    EXPECT_EQ(bytes[1], 2);
    EXPECT_EQ((bytes[24] << 8) | bytes[25], 1500) << "interface MTU";
    EXPECT_EQ(bytes[27], 0x03) << "M and MS";
    ASSERT_EQ(DecodeReason(bytes, &back), RtmOspfDropReason::Count);
    EXPECT_EQ(back.dd.mtu, 1500);
    EXPECT_EQ(back.dd.flags, dd.dd.flags);
    EXPECT_EQ(back.dd.sequence, 0x12345678u);
    ASSERT_EQ(back.dd.headers.size(), 1u);
    EXPECT_EQ(back.dd.headers[0].linkStateId, 0x02020202u);
    EXPECT_EQ(back.dd.headers[0].sequence, 0x80000007u);

    RtmOspfPacket lsr;
    lsr.type = RtmOspfHeader::LS_REQUEST;
    lsr.routerId = 0x01010101;
    lsr.requests.push_back({1, 0x02020202, 0x02020202});
    bytes = lsr.Encode();
    ASSERT_EQ(bytes.size(), 24u + 12u);
    ASSERT_EQ(DecodeReason(bytes, &back), RtmOspfDropReason::Count);
    ASSERT_EQ(back.requests.size(), 1u);
    EXPECT_EQ(back.requests[0].advRouter, 0x02020202u);

    RtmOspfPacket update;
    update.type = RtmOspfHeader::LS_UPDATE;
    update.routerId = 0x01010101;
    update.lsas.push_back(
        MakeLsa(0x02020202, 7, {P2p(0x01010101, 3), Stub("10.0.0.0", "255.255.255.252", 3)}));
    update.lsas.push_back(MakeLsa(0x03030303, 1, {}));
    update.lsas[1].age = 3600;
    bytes = update.Encode();
    EXPECT_EQ(bytes.size(), 24u + 4u + (24u + 24u) + 24u);
    ASSERT_EQ(DecodeReason(bytes, &back), RtmOspfDropReason::Count);
    ASSERT_EQ(back.lsas.size(), 2u);
    EXPECT_EQ(back.lsas[0].advRouter, 0x02020202u);
    EXPECT_EQ(back.lsas[0].sequence, 7u);
    EXPECT_TRUE(back.lsas[0].SameLinks(update.lsas[0]));
    EXPECT_EQ(back.lsas[0].checksum, update.lsas[0].checksum);
    EXPECT_EQ(back.lsas[1].age, 3600);

    RtmOspfPacket ack;
    ack.type = RtmOspfHeader::LS_ACK;
    ack.routerId = 0x01010101;
    ack.acks.push_back({0x02020202, 7, 0x1234, 5});
    bytes = ack.Encode();
    ASSERT_EQ(bytes.size(), 24u + 20u);
    ASSERT_EQ(DecodeReason(bytes, &back), RtmOspfDropReason::Count);
    ASSERT_EQ(back.acks.size(), 1u);
    EXPECT_EQ(back.acks[0].sequence, 7u);
    EXPECT_EQ(back.acks[0].checksum, 0x1234);
    EXPECT_EQ(back.acks[0].age, 5);
}

TEST_F(RtmOspfFormatTest, LsaChecksumIgnoresAge)
{
    RtmOspfLsa a = MakeLsa(0x02020202, 9, {Stub("10.0.0.0", "255.0.0.0")});
    RtmOspfLsa b = a;
    b.age = 1234;
    EXPECT_EQ(a.ComputeChecksum(), b.ComputeChecksum());
    b.links[0].metric = 2;
    EXPECT_NE(a.ComputeChecksum(), b.ComputeChecksum());
}

TEST_F(RtmOspfFormatTest, InstanceOrdering)
{
    // higher sequence, then higher checksum, then MaxAge wins
    EXPECT_GT(RtmOspfLsa::CompareInstances(5, 1, false, 4, 9, true), 0);
    // sequence numbers are signed (12.1.6): 0x80000001 is the oldest, 0x7FFFFFFF the newest
    EXPECT_GT(RtmOspfLsa::CompareInstances(0, 1, false, 0x80000001, 1, false), 0);
    EXPECT_GT(RtmOspfLsa::CompareInstances(0x7FFFFFFF, 1, false, 0x80000005, 1, false), 0);
    EXPECT_LT(RtmOspfLsa::CompareInstances(5, 1, false, 5, 2, false), 0);
    EXPECT_GT(RtmOspfLsa::CompareInstances(5, 2, true, 5, 2, false), 0);
    EXPECT_EQ(RtmOspfLsa::CompareInstances(5, 2, false, 5, 2, false), 0);
}

TEST_F(RtmOspfFormatTest, DecodeRejectsEachProblem)
{
    RtmOspfPacket update;
    update.type = RtmOspfHeader::LS_UPDATE;
    update.routerId = 0x01010101;
    update.lsas.push_back(MakeLsa(0x02020202, 7, {P2p(0x01010101), Stub("10.0.0.0", "255.0.0.0")}));
    const std::vector<uint8_t> good = update.Encode();
    ASSERT_EQ(DecodeReason(good), RtmOspfDropReason::Count);
    const uint32_t lsaAt = RtmOspfHeader::SIZE + RtmOspfPacket::LIST_FIXED; // 28
    const uint32_t linkAt = lsaAt + RtmOspfLsa::HEADER_SIZE + RtmOspfLsa::ROUTER_FIXED;

    // Change bytes, fix the LSA checksum (unless told not to) and the packet checksum.
    auto craft = [&](const std::function<void(std::vector<uint8_t>&)>& change,
                     bool fixLsa = true,
                     bool reseal = true) {
        std::vector<uint8_t> b = good;
        change(b);
        if (fixLsa && b.size() >= lsaAt + RtmOspfLsa::HEADER_SIZE)
        {
            uint32_t len = (b[lsaAt + 18] << 8) | b[lsaAt + 19];
            if (lsaAt + len <= b.size() && len >= RtmOspfLsa::HEADER_SIZE)
            {
                b[lsaAt + 16] = b[lsaAt + 17] = 0;
                uint16_t c = RtmOspfLsa::Fletcher(&b[lsaAt + 2], len - 2, 14);
                b[lsaAt + 16] = c >> 8;
                b[lsaAt + 17] = c & 0xFF;
            }
        }
        if (reseal)
        {
            RtmOspfPacket::Reseal(&b);
        }
        return b;
    };
    auto put16 = [](std::vector<uint8_t>& b, uint32_t at, uint16_t v) {
        b[at] = v >> 8;
        b[at + 1] = v & 0xFF;
    };
    auto put32 = [](std::vector<uint8_t>& b, uint32_t at, uint32_t v) {
        for (int i = 0; i < 4; ++i)
        {
            b[at + i] = (v >> (24 - 8 * i)) & 0xFF;
        }
    };

    EXPECT_EQ(DecodeReason(std::vector<uint8_t>(good.begin(), good.begin() + 23)),
              RtmOspfDropReason::Truncated);
    EXPECT_EQ(DecodeReason(std::vector<uint8_t>(good.begin(), good.end() - 1)),
              RtmOspfDropReason::Truncated);
    std::vector<uint8_t> longer = good;
    longer.push_back(0);
    EXPECT_EQ(DecodeReason(longer), RtmOspfDropReason::Oversized);
    EXPECT_EQ(DecodeReason(craft([](auto& b) { b[0] = 3; })), RtmOspfDropReason::BadVersion);
    EXPECT_EQ(DecodeReason(craft([](auto& b) { b[1] = 9; })), RtmOspfDropReason::BadType);
    {
        std::vector<uint8_t> b = craft([](auto&) {});
        b[2] = 0;
        b[3] = 8; // length field 8 < header size
        b[12] = b[13] = 0;
        uint16_t c = RtmOspfHeader::PacketChecksum(b.data(), b.size());
        b[12] = c >> 8;
        b[13] = c & 0xFF;
        EXPECT_EQ(DecodeReason(b), RtmOspfDropReason::BadLength);
    }
    EXPECT_EQ(DecodeReason(craft([&](auto& b) { b[lsaAt + 4] ^= 1; }, false, false)),
              RtmOspfDropReason::BadChecksum);
    EXPECT_EQ(DecodeReason(craft([&](auto& b) { put16(b, 14, 1); })),
              RtmOspfDropReason::AuthTypeMismatch); // simple password: not configured
    EXPECT_EQ(DecodeReason(craft([&](auto& b) { put32(b, 8, 1); })), RtmOspfDropReason::WrongArea);
    EXPECT_EQ(DecodeReason(craft([&](auto& b) { b[16] = 0x55; }, true, false)),
              RtmOspfDropReason::Count)
        << "null authentication: the authentication field is not examined (D.4.1)";
    EXPECT_EQ(DecodeReason(craft([&](auto& b) { put32(b, 4, 0); })),
              RtmOspfDropReason::BadRouterId);
    EXPECT_EQ(DecodeReason(craft([&](auto& b) { put32(b, 24, 60000); })),
              RtmOspfDropReason::BadLength); // absurd LSA count
    EXPECT_EQ(DecodeReason(craft([&](auto& b) { put16(b, lsaAt + 22, 65535); })),
              RtmOspfDropReason::TooManyLinks); // absurd link count
    EXPECT_EQ(DecodeReason(craft([&](auto& b) { put16(b, lsaAt + 22, 1); })),
              RtmOspfDropReason::BadLength); // count disagrees with length
    EXPECT_EQ(DecodeReason(craft([&](auto& b) { b[lsaAt + 24] ^= 0xFF; }, false)),
              RtmOspfDropReason::BadLsaChecksum);
    EXPECT_EQ(DecodeReason(craft([&](auto& b) { put32(b, lsaAt + 4, 0x09090909); })),
              RtmOspfDropReason::BadRouterId); // a router-LSA's link state id is its router
    EXPECT_EQ(DecodeReason(craft([&](auto& b) { put16(b, lsaAt, 3601); })),
              RtmOspfDropReason::BadAge);
    EXPECT_EQ(DecodeReason(craft([&](auto& b) { put32(b, lsaAt + 12, 0x80000000); })),
              RtmOspfDropReason::BadSequence);
    EXPECT_EQ(DecodeReason(craft([&](auto& b) { put32(b, lsaAt + 12, 0); })),
              RtmOspfDropReason::Count)
        << "0 is a valid (signed) sequence number";
    EXPECT_EQ(DecodeReason(craft([&](auto& b) { b[linkAt + 8] = 7; })),
              RtmOspfDropReason::BadLinkType);
    EXPECT_EQ(DecodeReason(craft([&](auto& b) { put32(b, linkAt, 0x02020202); })),
              RtmOspfDropReason::SelfLoop);
    EXPECT_EQ(DecodeReason(craft([&](auto& b) { put16(b, linkAt + 10, 0); })),
              RtmOspfDropReason::BadMetric);
    EXPECT_EQ(DecodeReason(craft([&](auto& b) { put16(b, linkAt + 10, 0xFFFF); })),
              RtmOspfDropReason::BadMetric);
    EXPECT_EQ(DecodeReason(craft([&](auto& b) { put32(b, linkAt + 12 + 4, 0xFF00FF00); })),
              RtmOspfDropReason::BadStub);
    EXPECT_EQ(DecodeReason(craft([&](auto& b) { put32(b, linkAt + 12, 0x0A000001); })),
              RtmOspfDropReason::BadStub); // host bits set
    // an LSA of an LS type not implemented (here 5, AS-external) is skipped, the rest is used
    RtmOspfPacket back;
    EXPECT_EQ(DecodeReason(craft([&](auto& b) { b[lsaAt + 3] = 5; }), &back),
              RtmOspfDropReason::Count);
    EXPECT_TRUE(back.lsas.empty());
    EXPECT_EQ(back.ignoredLsas, 1u);
}

// ---- the database ------------------------------------------------------------------------------

TEST_F(RtmOspfLsdbTest, InstallAgeFlushRemove)
{
    RtmOspfLsdb db;
    db.SetAging(100, Seconds(10));
    RtmOspfLsa a = MakeLsa(0x02020202, 1, {Stub("10.0.0.0", "255.0.0.0")});
    EXPECT_TRUE(db.Install(a, Seconds(0)));
    RtmOspfLsa refresh = a;
    refresh.sequence = 2;
    refresh.UpdateChecksum();
    EXPECT_FALSE(db.Install(refresh, Seconds(1))) << "same links: no routing change";
    const RtmOspfLsdb::Entry* e = db.Find(0x02020202);
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(db.GetAge(*e, Seconds(31.5)), 30);
    EXPECT_EQ(db.GetNextDeadline(), Seconds(101));
    EXPECT_TRUE(db.GetDue(Seconds(100)).empty());
    ASSERT_EQ(db.GetDue(Seconds(101)).size(), 1u);
    EXPECT_TRUE(db.Flush(0x02020202, Seconds(101)));
    EXPECT_TRUE(e->flushed);
    EXPECT_EQ(db.GetAge(*e, Seconds(105)), 100);
    EXPECT_EQ(db.GetNextDeadline(), Seconds(111));
    EXPECT_TRUE(db.CheckConsistency(100));
    EXPECT_TRUE(db.Remove(0x02020202));
    EXPECT_EQ(db.GetSize(), 0u);
    EXPECT_EQ(db.GetNextDeadline(), Time::Max());
}

TEST_F(RtmOspfLsdbTest, RandomOperationsMatchAReferenceModel)
{
    // the flat database (slots, index, deadline heap) against a map and an ordered set
    struct Ref
    {
        RtmOspfLsa lsa;
        Time installed;
        uint16_t age;
        bool flushed;
    };

    const uint16_t maxAge = 50;
    const Time hold = Seconds(7);
    auto deadline = [&](const Ref& r) {
        return r.flushed ? r.installed + hold : r.installed + Seconds(maxAge - r.age);
    };
    std::mt19937 rng(20261204);
    for (int round = 0; round < 4; ++round)
    {
        RtmOspfLsdb db;
        db.SetAging(maxAge, hold);
        std::map<uint64_t, Ref> ref;
        Time now;
        const uint32_t keys = round == 0 ? 8 : 400; // few keys: much replacing; many: growth
        const RtmOspfLsdb::Entry* kept = nullptr;   // a pointer must outlive other changes
        uint64_t keptKey = 0;
        for (int op = 0; op < 6000; ++op)
        {
            const uint32_t id = 1 + rng() % keys;
            const bool network = rng() % 4 == 0;
            RtmOspfLsa lsa =
                MakeLsa(id, 1 + rng() % 1000, {P2p(keys + 1 + rng() % 3, 1 + rng() % 2)});
            if (network)
            {
                lsa.type = RtmOspfLsa::NETWORK_LSA;
                lsa.linkStateId = id;
                lsa.links.clear();
                lsa.networkMask = 0xFFFFFF00;
                lsa.attached = {id, keys + 1 + static_cast<uint32_t>(rng() % 3)};
                lsa.UpdateChecksum();
            }
            const uint64_t key = lsa.GetKey();
            switch (rng() % 8)
            {
            case 0:
            case 1:
            case 2: {
                lsa.age = rng() % 6 == 0 ? maxAge : static_cast<uint16_t>(rng() % maxAge);
                auto it = ref.find(key);
                const bool flushed = lsa.age >= maxAge;
                const bool expect = it == ref.end() ? !flushed
                                    : it->second.flushed == flushed
                                        ? (!flushed && !it->second.lsa.SameLinks(lsa))
                                        : true;
                ASSERT_EQ(db.Install(lsa, now), expect) << "op " << op;
                ref[key] = Ref{lsa, now, flushed ? maxAge : lsa.age, flushed};
                break;
            }
            case 3: {
                auto it = ref.find(key);
                const bool expect = it != ref.end() && !it->second.flushed;
                ASSERT_EQ(db.Flush(key, now), expect) << "op " << op;
                if (expect)
                {
                    it->second = Ref{it->second.lsa, now, maxAge, true};
                }
                break;
            }
            case 4:
                ASSERT_EQ(db.Remove(key), ref.erase(key) == 1) << "op " << op;
                if (key == keptKey)
                {
                    kept = nullptr;
                }
                break;
            case 5:
                now += MilliSeconds(rng() % 4000);
                break;
            default: {
                // what is due, earliest first, ties by key
                std::vector<std::pair<Time, uint64_t>> due;
                Time next = Time::Max();
                for (const auto& [k, r] : ref)
                {
                    next = std::min(next, deadline(r));
                    if (deadline(r) <= now)
                    {
                        due.emplace_back(deadline(r), k);
                    }
                }
                std::sort(due.begin(), due.end());
                std::vector<uint64_t> expected;
                for (const auto& d : due)
                {
                    expected.push_back(d.second);
                }
                ASSERT_EQ(db.GetDue(now), expected) << "op " << op;
                ASSERT_EQ(db.GetNextDeadline(), next) << "op " << op;
                // act on them as the agent does: remove the flushed, flush the rest
                for (uint64_t k : expected)
                {
                    Ref& r = ref.at(k);
                    if (r.flushed)
                    {
                        ASSERT_TRUE(db.Remove(k));
                        ref.erase(k);
                        if (k == keptKey)
                        {
                            kept = nullptr;
                        }
                    }
                    else
                    {
                        ASSERT_TRUE(db.Flush(k, now));
                        r = Ref{r.lsa, now, maxAge, true};
                    }
                }
            }
            }
            if (!kept && !ref.empty())
            {
                keptKey = ref.begin()->first;
                kept = db.Find(keptKey);
            }
            if (kept)
            {
                ASSERT_EQ(db.Find(keptKey), kept) << "op " << op << ": an entry moved";
            }
            if (op % 97 == 0 || ref.size() < 3)
            {
                std::string why;
                ASSERT_TRUE(db.CheckConsistency(8, &why)) << "op " << op << ": " << why;
            }
        }
        // the final state, entry by entry, and iteration visits each entry once
        ASSERT_EQ(db.GetSize(), ref.size());
        std::set<uint64_t> seen;
        for (const auto& [k, e] : db.GetEntries())
        {
            EXPECT_TRUE(seen.insert(k).second) << "visited twice";
            auto it = ref.find(k);
            ASSERT_NE(it, ref.end());
            EXPECT_EQ(e.lsa->sequence, it->second.lsa.sequence);
            EXPECT_EQ(e.flushed, it->second.flushed);
            EXPECT_EQ(db.GetAge(e, now),
                      it->second.flushed
                          ? maxAge
                          : std::min<int64_t>(maxAge,
                                              it->second.age +
                                                  (now - it->second.installed).GetSeconds()));
            EXPECT_EQ(db.GetDeadline(e), deadline(it->second));
        }
        EXPECT_EQ(seen.size(), ref.size());
        EXPECT_EQ(db.GetEntries().size(), ref.size());
    }
}

TEST_F(RtmOspfLsdbTest, AnEntryCostsUnder48BytesBesideItsBody)
{
    // 10^8 entries at 10,000 routers: a hash-map node, its bucket and an ordered-set node came
    // to about 150 bytes an entry
    RtmOspfLsdb db;
    const uint32_t n = 20000;
    for (uint32_t id = 1; id <= n; ++id)
    {
        RtmOspfLsa lsa = MakeLsa(id, 1, {});
        lsa.age = static_cast<uint16_t>(id % 3000);
        db.Install(lsa, Seconds(id % 17));
    }
    ASSERT_EQ(db.GetSize(), n);
    const std::size_t bodies = n * (sizeof(RtmOspfLsa) + 32); // unshared: each counted whole
    ASSERT_GT(db.GetMemoryUsage(), bodies);
    // a 32-byte slot, its index cell (4 bytes, at least 3/8 full) and its heap cell (4 bytes)
    EXPECT_LE(db.GetMemoryUsage() - bodies, std::size_t{48} * n);
    for (uint32_t id = 1; id <= n; ++id)
    {
        ASSERT_TRUE(db.Remove(id));
    }
    EXPECT_EQ(db.GetMemoryUsage(), 0u) << "an emptied database gives its memory back";
    EXPECT_EQ(db.GetNextDeadline(), Time::Max());
}

TEST_F(RtmOspfLsdbTest, ShortestPathsWithTwoWayCheckAndEqualCostFirstHops)
{
    // root 1 with adjacencies to 2 (cost 1) and 3 (cost 1); 2-4 cost 1, 3-4 cost 1,
    // 4-5 cost 1; 6 claims a link to 4 that 4 does not list (fails the two-way check).
    RtmOspfLsdb db;
    db.Install(MakeLsa(1, 1, {P2p(2), P2p(3)}), Seconds(0));
    db.Install(MakeLsa(2, 1, {P2p(1), P2p(4)}), Seconds(0));
    db.Install(MakeLsa(3, 1, {P2p(1), P2p(4)}), Seconds(0));
    db.Install(MakeLsa(4, 1, {P2p(2), P2p(3), P2p(5)}), Seconds(0));
    db.Install(MakeLsa(5, 1, {P2p(4)}), Seconds(0));
    db.Install(MakeLsa(6, 1, {P2p(4)}), Seconds(0));
    RtmOspfLsdb::SpfResult spf;
    db.ComputeShortestPaths(1, {{2, 1}, {3, 1}}, &spf);
    ASSERT_EQ(spf.routers.size(), 6u);
    auto v = [&spf](uint32_t id) {
        return static_cast<uint32_t>(std::find(spf.routers.begin(), spf.routers.end(), id) -
                                     spf.routers.begin());
    };
    EXPECT_EQ(spf.distance[v(1)], 0u);
    EXPECT_EQ(spf.distance[v(4)], 2u);
    EXPECT_EQ(spf.distance[v(5)], 3u);
    EXPECT_EQ(spf.distance[v(6)], RtmOspfLsdb::SpfResult::UNREACHABLE);
    EXPECT_TRUE(spf.IsFirstHop(v(5), 0));
    EXPECT_TRUE(spf.IsFirstHop(v(5), 1));
    EXPECT_TRUE(spf.IsFirstHop(v(2), 0));
    EXPECT_FALSE(spf.IsFirstHop(v(2), 1));

    // a costlier adjacency to 3 leaves one first hop; a flushed LSA takes 5 out
    db.Flush(5, Seconds(1));
    db.ComputeShortestPaths(1, {{2, 1}, {3, 5}}, &spf);
    EXPECT_EQ(spf.routers.size(), 5u);
    EXPECT_EQ(spf.distance[v(3)], 3u) << "via 2 and 4";
    EXPECT_TRUE(spf.IsFirstHop(v(4), 0));
    EXPECT_FALSE(spf.IsFirstHop(v(4), 1));
}

// ---- convergence -------------------------------------------------------------------------------

// ---- adjacencies: the neighbour state machine and the database exchange ------------------------

TEST_F(RtmOspfAdjacencyTest, DatabaseExchangeReachesFullOnALine)
{
    // The end of the line starts late: it gets the others' LSAs through the DD exchange and
    // link-state requests (flooding only brings what is new once it is in Exchange).
    RtmTopologyGenerator gen;
    OspfNet net(gen.Line(5),
                [](RtmOspfHelper& ospf, RtmTopologyHelper&) { ospf.SetAutoStart(false); });
    for (uint32_t v = 0; v < 4; ++v)
    {
        RtmOspfHelper::ScheduleStart(net.GetNode(v), Seconds(0));
    }
    net.MarkStopped(4, true);
    ASSERT_GE(net.RunUntilConverged(Seconds(20)), Time(0)) << net.Compare();
    RtmOspfHelper::ScheduleStart(net.GetNode(4), Simulator::Now() + Seconds(1));
    net.MarkStopped(4, false);
    Time t = net.RunUntilConverged(Simulator::Now() + Seconds(20));
    ASSERT_GE(t, Time(0)) << net.Compare();
    net.RunFor(Seconds(2));
    EXPECT_EQ(CheckFullAndSynchronised(net, 5), "");
    for (uint32_t v = 0; v < 5; ++v)
    {
        EXPECT_GT(net.Agent(v)->GetStats().txDds, 0u) << "node " << v;
        EXPECT_EQ(net.Agent(v)->GetDropCount(), 0u) << "node " << v;
        EXPECT_EQ(net.Agent(v)->GetLsdb().GetSize(), 5u);
    }
    EXPECT_GT(net.Agent(4)->GetStats().txRequests, 0u) << "the late joiner pulls the database";
}

TEST_F(RtmOspfAdjacencyTest, DatabaseExchangeReachesFullOnARing)
{
    RtmTopologyGenerator gen;
    OspfNet net(gen.Ring(7));
    Time t = net.RunUntilConverged(Seconds(30));
    ASSERT_GE(t, Time(0)) << net.Compare();
    net.RunFor(Seconds(2));
    EXPECT_EQ(CheckFullAndSynchronised(net, 7), "");
    for (uint32_t v = 0; v < 7; ++v)
    {
        EXPECT_EQ(net.Agent(v)->GetNeighbors().size(), 2u);
        EXPECT_EQ(net.Agent(v)->GetDropCount(), 0u) << "node " << v;
    }
}

TEST_F(RtmOspfAdjacencyTest, NeighborStatesAreTracedInOrder)
{
    RtmTopologyGenerator gen;
    OspfNet net(gen.Line(3));
    std::vector<std::pair<RtmOspfNeighborState, RtmOspfNeighborState>> seen;
    net.Agent(1)->TraceConnectWithoutContext(
        "NeighborState",
        RtmMakeCallback<void, Ipv4Address, uint32_t, RtmOspfNeighborState, RtmOspfNeighborState>(
            [&seen,
             &net](Ipv4Address id, uint32_t, RtmOspfNeighborState o, RtmOspfNeighborState n) {
                if (id == net.Agent(0)->GetRouterId())
                {
                    seen.emplace_back(o, n);
                }
            }));
    ASSERT_GE(net.RunUntilConverged(Seconds(30)), Time(0)) << net.Compare();
    using S = RtmOspfNeighborState;
    ASSERT_GE(seen.size(), 5u);
    for (std::size_t i = 1; i < seen.size(); ++i)
    {
        EXPECT_EQ(seen[i].first, seen[i - 1].second) << "transitions chain";
    }
    std::vector<S> states;
    for (const auto& s : seen)
    {
        states.push_back(s.second);
    }
    std::vector<S> expected = {S::Init, S::TwoWay, S::ExStart, S::Exchange};
    ASSERT_TRUE(std::equal(expected.begin(), expected.end(), states.begin()))
        << "Down -> Init -> 2-Way -> ExStart -> Exchange first";
    EXPECT_EQ(seen.front().first, S::Down);
    EXPECT_EQ(states.back(), S::Full);
    EXPECT_TRUE(states.size() == 5 || (states.size() == 6 && states[4] == S::Loading))
        << "then Full, through Loading when requests were outstanding";

    // a failure of the link: the dead interval takes the neighbour Down
    seen.clear();
    net.Helper().GetDevice(0, 0)->GetObject<PointToPointNetDevice>()->SetReceiveErrorModel(
        CreateObjectWithAttributes<RateErrorModel>("ErrorRate",
                                                   DoubleValue(1.0),
                                                   "ErrorUnit",
                                                   StringValue("ERROR_UNIT_PACKET")));
    net.Helper().GetDevice(0, 1)->GetObject<PointToPointNetDevice>()->SetReceiveErrorModel(
        CreateObjectWithAttributes<RateErrorModel>("ErrorRate",
                                                   DoubleValue(1.0),
                                                   "ErrorUnit",
                                                   StringValue("ERROR_UNIT_PACKET")));
    net.RunFor(Seconds(10));
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0].first, S::Full);
    EXPECT_EQ(seen[0].second, S::Down);
}

TEST_F(RtmOspfAdjacencyTest, MtuMismatchRefusesTheAdjacency)
{
    RtmTopologyGenerator gen;
    OspfNet net(gen.Line(2));
    // node 1's end of the link accepts 1400 bytes: node 0's DD (MTU 1500) is refused there
    net.Helper().GetDevice(0, 1)->SetMtu(1400);
    net.RunFor(Seconds(15));
    EXPECT_GT(net.Agent(1)->GetDropCount(RtmOspfDropReason::MtuMismatch), 0u);
    for (uint32_t v = 0; v < 2; ++v)
    {
        ASSERT_EQ(net.Agent(v)->GetNeighbors().size(), 1u);
        EXPECT_NE(net.Agent(v)->GetNeighbors()[0].state, RtmOspfNeighborState::Full);
        EXPECT_EQ(net.Agent(v)->GetInstalledRouteCount(), 0u);
    }
    // RFC 2328 10.6: the DD is rejected and the neighbour stays in ExStart, every retransmission
    // of node 0's I-packet refused again; node 1's database is its own LSA only
    EXPECT_EQ(net.Agent(1)->GetNeighbors()[0].state, RtmOspfNeighborState::ExStart);
    EXPECT_GT(net.Agent(1)->GetDropCount(RtmOspfDropReason::MtuMismatch), 1u);
    // (its other drops are node 0's updates and acks, NotNeighbor: node 0 took node 1's DDs,
    // MTU 1400, and went on to Exchange; a neighbour in ExStart takes neither)
    EXPECT_EQ(net.Agent(1)->GetDropCount(),
              net.Agent(1)->GetDropCount(RtmOspfDropReason::MtuMismatch) +
                  net.Agent(1)->GetDropCount(RtmOspfDropReason::NotNeighbor));
    EXPECT_EQ(net.Agent(1)->GetLsdb().GetSize(), 1u);
    std::string why;
    EXPECT_TRUE(net.Agent(1)->CheckConsistency(&why)) << why;
}

TEST_F(RtmOspfConvergenceTest, Line)
{
    RtmTopologyGenerator gen;
    OspfNet net(gen.Line(6));
    Time t = net.RunUntilConverged(Seconds(30));
    EXPECT_GE(t, Time(0)) << net.Compare();
}

TEST_F(RtmOspfConvergenceTest, HubWhoseRouterLsaExceedsTheMtu)
{
    // A hub of 70 links: its router-LSA (140 link entries, 1,704 bytes) does not fit a 1500-byte
    // MTU, so IP fragments the update; the leaves must still learn every link (ns-3.37 hands raw
    // sockets each fragment: the agent reassembles them).
    RtmTopologyGenerator gen;
    OspfNet net(gen.Star(71));
    Time t = net.RunUntilConverged(Seconds(30));
    EXPECT_GE(t, Time(0)) << net.Compare();
}

TEST_F(RtmOspfConvergenceTest, FloodBurstPacesAHubsUpdatesAndStillConverges)
{
    // The largest burst of flooded update bytes the hub (vertex 0 of a star) hands one
    // interface at one instant; each flooding round goes out at one instant.
    auto run = [](uint32_t burst, uint32_t* maxBytes, uint64_t* updates) {
        RtmTopologyGenerator gen;
        OspfNet net(gen.Star(41), [burst](RtmOspfHelper& ospf, RtmTopologyHelper&) {
            ospf.Set("FloodBurst", UintegerValue(burst));
        });
        // (interface, time) -> bytes of updates sent; and the instants of requests received,
        // whose answers go at once, unpaced: they are left out
        std::map<std::pair<uint32_t, int64_t>, uint32_t> bytes;
        std::set<std::pair<uint32_t, int64_t>> requested;
        auto watch = [&](const char* source, uint8_t type, bool sent) {
            net.Agent(0)->TraceConnectWithoutContext(
                source,
                RtmMakeCallback<void, Ptr<const Packet>, uint32_t>([&bytes, &requested, type, sent](
                                                                       Ptr<const Packet> p,
                                                                       uint32_t iface) {
                    uint8_t head[2] = {0, 0};
                    p->CopyData(head, 2);
                    const std::pair<uint32_t, int64_t> at{iface, Simulator::Now().GetTimeStep()};
                    if (head[1] == type && sent)
                    {
                        bytes[at] += p->GetSize();
                    }
                    else if (head[1] == type)
                    {
                        requested.insert(at);
                    }
                }));
        };
        watch("Tx", RtmOspfHeader::LS_UPDATE, true);
        watch("Rx", RtmOspfHeader::LS_REQUEST, false);
        Time t = net.RunUntilConverged(Seconds(60));
        EXPECT_GE(t, Time(0)) << "FloodBurst " << burst << ": " << net.Compare();
        *maxBytes = 0;
        for (const auto& [at, n] : bytes)
        {
            if (!requested.count(at))
            {
                *maxBytes = std::max(*maxBytes, n);
            }
        }
        *updates = net.Agent(0)->GetStats().txUpdates;
        std::string why;
        EXPECT_TRUE(net.Agent(0)->CheckConsistency(&why)) << why;
    };
    uint32_t unpaced = 0;
    uint32_t paced = 0;
    uint64_t unpacedUpdates = 0;
    uint64_t pacedUpdates = 0;
    run(0, &unpaced, &unpacedUpdates);
    run(300, &paced, &pacedUpdates);
    EXPECT_GT(unpaced, 1500u) << "the cold start floods the leaves' LSAs in bursts";
    // at most the budget, or one update holding a single LSA larger than it (the hub's own
    // router-LSA, 80 links: 984 bytes of LSA)
    EXPECT_LE(paced, 1100u) << "FloodBurst bounds a round";
    EXPECT_GT(pacedUpdates, unpacedUpdates) << "the same LSAs in more, smaller rounds";
}

TEST_F(RtmOspfConvergenceTest, Ring)
{
    RtmTopologyGenerator gen;
    OspfNet net(gen.Ring(9));
    Time t = net.RunUntilConverged(Seconds(30));
    EXPECT_GE(t, Time(0)) << net.Compare();
}

TEST_F(RtmOspfConvergenceTest, Grid)
{
    RtmTopologyGenerator gen;
    OspfNet net(gen.Grid(5, 5));
    Time t = net.RunUntilConverged(Seconds(30));
    ASSERT_GE(t, Time(0)) << net.Compare();
    EXPECT_LT(t, Seconds(5)) << "a cold start needs a few round trips, not hello periods";
    for (uint32_t v = 0; v < 25; ++v)
    {
        EXPECT_EQ(net.Agent(v)->GetLsdb().GetSize(), 25u);
        EXPECT_EQ(net.Agent(v)->GetDropCount(), 0u);
    }
}

TEST_F(RtmOspfConvergenceTest, WeightedGridFollowsCosts)
{
    RtmTopologyGenerator gen;
    RtmTopology t = gen.Grid(4, 5);
    std::mt19937 rng(7);
    for (uint32_t e = 0; e < t.GetNEdges(); ++e)
    {
        RtmTopologyEdge props = t.GetEdge(e);
        props.metric = 1 + rng() % 9;
        t.SetEdge(e, props);
    }
    OspfNet net(t);
    Time at = net.RunUntilConverged(Seconds(30));
    EXPECT_GE(at, Time(0)) << net.Compare();
}

TEST_F(RtmOspfConvergenceTest, TopologyZooAbilene)
{
    std::string path = kZooDir + "/Abilene.graphml";
    ASSERT_TRUE(std::filesystem::exists(path))
        << "Topology Zoo map missing from the repository: " << path;
    RtmGraphmlReader reader;
    OspfNet net(reader.Read(path));
    Time t = net.RunUntilConverged(Seconds(30));
    EXPECT_GE(t, Time(0)) << net.Compare();
}

TEST_F(RtmOspfConvergenceTest, TopologyZooGeant2012)
{
    std::string path = kZooDir + "/Geant2012.graphml";
    ASSERT_TRUE(std::filesystem::exists(path))
        << "Topology Zoo map missing from the repository: " << path;
    RtmGraphmlReader reader;
    reader.SetMetric(RtmGraphmlReader::Metric::DistanceKm); // real distances as costs
    OspfNet net(reader.Read(path));
    Time t = net.RunUntilConverged(Seconds(30));
    EXPECT_GE(t, Time(0)) << net.Compare();
}

TEST_F(RtmOspfConvergenceTest, TopologyZooCogentcoMultigraph)
{
    std::string path = kZooDir + "/Cogentco.graphml";
    ASSERT_TRUE(std::filesystem::exists(path))
        << "Topology Zoo map missing from the repository: " << path;
    RtmGraphmlReader reader;
    RtmTopology t = reader.Read(path);
    ASSERT_GT(t.CountParallelEdges(), 0u);
    OspfNet net(t);
    Time at = net.RunUntilConverged(Seconds(30));
    EXPECT_GE(at, Time(0)) << net.Compare();
}

TEST_F(RtmOspfConvergenceTest, ForwarderDeliversAlongOspfRoutes)
{
    RtmTopologyGenerator gen;
    OspfNet net(gen.Ring(6));
    ASSERT_GE(net.RunUntilConverged(Seconds(30)), Time(0)) << net.Compare();
    // node 0 to node 3's address on its lowest edge: through the forwarder
    Ptr<RtmIpv4Routing> fwd = RtmHelper::GetRtmRouting(net.GetNode(0));
    ASSERT_TRUE(fwd);
    Ipv4Address dest = net.Helper().GetVertexAddress(3);
    Ptr<Ipv4Route> r = fwd->Lookup(dest);
    ASSERT_TRUE(r);
    RtmRoute best;
    ASSERT_TRUE(net.Rtm(0)->LookupIpDestination(dest, &best));
    EXPECT_EQ(best.protocol, kOspf);
    EXPECT_EQ(r->GetGateway(), best.GetIpNextHop());

    // and a datagram really gets there
    uint32_t received = net.SendDatagram(0, 3, dest, 100, Seconds(1));
    EXPECT_EQ(received, 1u);
}

// ---- failures ----------------------------------------------------------------------------------

TEST_F(RtmOspfFailureTest, RingReconvergesAfterLinkFailure)
{
    RtmTopologyGenerator gen;
    OspfNet net(gen.Ring(8));
    ASSERT_GE(net.RunUntilConverged(Seconds(30)), Time(0)) << net.Compare();
    Time failAt = Simulator::Now();
    net.Fail(2);
    Time t = net.RunUntilConverged(failAt + Seconds(20));
    ASSERT_GE(t, Time(0)) << net.Compare();
    EXPECT_LT(t - failAt, Seconds(2)) << "interface-down is seen at once, not after dead interval";
    net.Repair(2);
    Time r = net.RunUntilConverged(Simulator::Now() + Seconds(20));
    EXPECT_GE(r, Time(0)) << net.Compare();
}

TEST_F(RtmOspfFailureTest, SilentFailureDetectedByDeadInterval)
{
    // The link loses every packet but the interfaces stay up: only the dead interval tells.
    RtmTopologyGenerator gen;
    OspfNet net(gen.Ring(5));
    ASSERT_GE(net.RunUntilConverged(Seconds(30)), Time(0)) << net.Compare();
    Time failAt = Simulator::Now();
    Ptr<RateErrorModel> em = CreateObject<RateErrorModel>();
    em->SetAttribute("ErrorRate", DoubleValue(1.0));
    em->SetAttribute("ErrorUnit", StringValue("ERROR_UNIT_PACKET"));
    for (uint32_t end = 0; end < 2; ++end)
    {
        net.Helper().GetDevice(0, end)->SetAttribute("ReceiveErrorModel", PointerValue(em));
    }
    net.RunFor(Seconds(1));
    EXPECT_TRUE(net.Compare().empty()) << "nothing noticed yet";
    // the oracle cannot see a lossy link: check that the link's neighbours dropped each other
    net.RunFor(Seconds(10));
    for (uint32_t v : {0u, 1u})
    {
        for (const auto& n : net.Agent(v)->GetNeighbors())
        {
            uint32_t other = v == 0 ? 1 : 0;
            EXPECT_FALSE(n.interface == net.Helper().GetInterface(0, v == 0 ? 0 : 1) && n.twoWay)
                << "node " << v << " still has node " << other << " as a neighbour";
        }
    }
    // node 0 now reaches node 1's other link (edge 1, 1-2) the long way round
    RtmRoute best;
    ASSERT_TRUE(net.Rtm(0)->IsRoute(RtmFamily::Ip, net.Key(1), &best));
    EXPECT_EQ(best.GetIpMetric(), 4u);
    EXPECT_GT(Simulator::Now() - failAt, Seconds(8));
}

TEST_F(RtmOspfFailureTest, GridReconvergesAfterTwoFailures)
{
    RtmTopologyGenerator gen;
    OspfNet net(gen.Grid(4, 4));
    ASSERT_GE(net.RunUntilConverged(Seconds(30)), Time(0)) << net.Compare();
    net.Fail(5);
    net.Fail(10);
    Time t = net.RunUntilConverged(Simulator::Now() + Seconds(20));
    EXPECT_GE(t, Time(0)) << net.Compare();
}

TEST_F(RtmOspfFailureTest, RouteUpdatesAreDifferences)
{
    RtmTopologyGenerator gen;
    OspfNet net(gen.Grid(4, 5));
    const uint32_t n = net.Topology().GetNVertices();
    ASSERT_GE(net.RunUntilConverged(Seconds(30)), Time(0)) << net.Compare();
    net.RunFor(Seconds(2));

    // the OSPF routes before the failure
    std::map<std::pair<uint32_t, uint64_t>, RtmRoute> before;
    for (uint32_t u = 0; u < n; ++u)
    {
        net.Rtm(u)->ForEachRoute(RtmFamily::Ip, [&](const RtmRoute& r) {
            if (r.protocol == kOspf)
            {
                before[{u, r.network}] = r;
            }
        });
    }
    // every OSPF route entry event during reconvergence
    std::map<std::pair<uint32_t, uint64_t>, uint32_t> events;
    uint32_t adds = 0;
    uint32_t updates = 0;
    uint32_t deletes = 0;
    for (uint32_t u = 0; u < n; ++u)
    {
        Ptr<RoutingTableManager> rtm = net.Rtm(u);
        rtm->TraceConnectWithoutContext(
            "RouteAdded",
            RtmMakeCallback<void, RtmFamily, const RtmRoute&>([&, u](RtmFamily, const RtmRoute& r) {
                if (r.protocol == kOspf)
                {
                    ++events[{u, r.network}];
                    ++adds;
                }
            }));
        rtm->TraceConnectWithoutContext(
            "RouteUpdated",
            RtmMakeCallback<void, RtmFamily, const RtmRoute&, const RtmRoute&>(
                [&, u](RtmFamily, const RtmRoute&, const RtmRoute& r) {
                    if (r.protocol == kOspf)
                    {
                        ++events[{u, r.network}];
                        ++updates;
                    }
                }));
        rtm->TraceConnectWithoutContext(
            "RouteDeleted",
            RtmMakeCallback<void, RtmFamily, const RtmRoute&>([&, u](RtmFamily, const RtmRoute& r) {
                if (r.protocol == kOspf)
                {
                    ++events[{u, r.network}];
                    ++deletes;
                }
            }));
    }
    const uint32_t failed = 11; // the inner edge 6-7
    net.Fail(failed);
    ASSERT_GE(net.RunUntilConverged(Simulator::Now() + Seconds(20)), Time(0)) << net.Compare();
    net.RunFor(Seconds(3)); // late churn would show up here

    // the routes that had to change: gone, or a new metric, or a next hop no longer on a
    // shortest path (an equal-cost alternative appearing is no reason to move)
    std::set<std::pair<uint32_t, uint64_t>> affected;
    for (const auto& [where, x] : net.Expected())
    {
        auto old = before.find(where);
        bool had = old != before.end();
        bool has = x.kind == OspfNet::Expectation::Ospf;
        if (had != has)
        {
            affected.insert(where);
        }
        else if (had &&
                 (old->second.GetIpMetric() != x.metric ||
                  !x.firstHops.count({old->second.interface, old->second.GetIpNextHop().Get()})))
        {
            affected.insert(where);
        }
    }
    std::set<std::pair<uint32_t, uint64_t>> changed;
    for (const auto& [where, count] : events)
    {
        changed.insert(where);
        EXPECT_EQ(count, 1u) << "node " << where.first << " network "
                             << RtmRoute::KeyNetwork(where.second) << " changed " << count
                             << " times";
    }
    EXPECT_EQ(changed, affected);
    EXPECT_FALSE(affected.empty());
    EXPECT_LT(affected.size(), before.size() / 4) << "a failure touches few routes";
    EXPECT_EQ(adds, 0u) << "no network became reachable";
    EXPECT_GT(updates, 0u);
    EXPECT_GT(deletes, 0u) << "the failed link's network went away";
}

TEST_F(RtmOspfFailureTest, FloodingIsReliableOverALossyLink)
{
    // 30% of the packets on one link are lost in both directions; retransmissions make up.
    // The loss pattern is pinned (run 1 as well as the streams below): under another RngRun
    // the losses can miss every flooded LSA, and then nothing is retransmitted.
    const uint64_t run = RngSeedManager::GetRun();
    RngSeedManager::SetRun(1);
    RtmTopologyGenerator gen;
    OspfNet net(gen.Grid(3, 4), [](RtmOspfHelper&, RtmTopologyHelper& th) {
        for (uint32_t end = 0; end < 2; ++end)
        {
            Ptr<RateErrorModel> em = CreateObject<RateErrorModel>();
            em->SetAttribute("ErrorRate", DoubleValue(0.3));
            em->SetAttribute("ErrorUnit", StringValue("ERROR_UNIT_PACKET"));
            em->AssignStreams(502 + end); // (a stream whose losses hit flooded LSAs)
            th.GetDevice(0, end)->SetAttribute("ReceiveErrorModel", PointerValue(em));
        }
    });
    // Cut node 0 off except through the lossy edge 0 (0-1): edge 1 is 0-4.
    net.Fail(1);
    Time t = net.RunUntilConverged(Seconds(60));
    ASSERT_GE(t, Time(0)) << net.Compare();
    uint64_t rxmt =
        net.Agent(0)->GetStats().retransmittedLsas + net.Agent(1)->GetStats().retransmittedLsas;
    EXPECT_GT(rxmt, 0u) << "losses were repaired by retransmission";
    RngSeedManager::SetRun(run);
}

// ---- aging -------------------------------------------------------------------------------------

TEST_F(RtmOspfLifeCycleTest, LsasAreRefreshedAndUnreachableOnesAgeOut)
{
    RtmTopologyGenerator gen;
    OspfNet net(gen.Line(4), [](RtmOspfHelper& ospf, RtmTopologyHelper&) {
        ospf.Set("MaxAge", UintegerValue(30));
        ospf.Set("LsRefreshTime", TimeValue(Seconds(10)));
        ospf.Set("FlushHold", TimeValue(Seconds(5)));
    });
    ASSERT_GE(net.RunUntilConverged(Seconds(20)), Time(0)) << net.Compare();
    uint32_t seq = net.Agent(0)->GetLsdb().Find(net.Agent(3)->GetRouterId().Get())->lsa->sequence;
    net.RunFor(Seconds(45)); // longer than MaxAge: refreshes keep everything
    EXPECT_TRUE(net.Compare().empty()) << net.Compare();
    const RtmOspfLsdb::Entry* e = net.Agent(0)->GetLsdb().Find(net.Agent(3)->GetRouterId().Get());
    ASSERT_NE(e, nullptr);
    EXPECT_GE(e->lsa->sequence, seq + 4) << "refreshed every LsRefreshTime";

    // node 3 is cut off (its interface down): its LSA is no longer refreshed anywhere else and
    // ages out of node 0's database within MaxAge, then is removed FlushHold later.
    uint32_t id3 = net.Agent(3)->GetRouterId().Get();
    Time cut = Simulator::Now();
    net.GetNode(3)->GetObject<Ipv4>()->SetDown(net.Helper().GetInterface(2, 1));
    Time flushedAt = Seconds(-1);
    Time removedAt = Seconds(-1);
    for (int i = 0; i < 90 && removedAt.IsNegative(); ++i)
    {
        net.RunFor(MilliSeconds(500));
        const RtmOspfLsdb::Entry* x = net.Agent(0)->GetLsdb().Find(id3);
        if (x && x->flushed && flushedAt.IsNegative())
        {
            flushedAt = Simulator::Now();
        }
        if (!x)
        {
            removedAt = Simulator::Now();
        }
    }
    ASSERT_FALSE(flushedAt.IsNegative()) << "never flushed";
    ASSERT_FALSE(removedAt.IsNegative()) << "never removed";
    EXPECT_GT(flushedAt - cut, Seconds(5)) << "not before it aged";
    EXPECT_LE(flushedAt - cut, Seconds(31));
    EXPECT_NEAR((removedAt - flushedAt).GetSeconds(), 5.0, 0.6);
    EXPECT_EQ(net.Agent(0)->GetLsdb().GetSize(), 3u);
}

// ---- join and leave ----------------------------------------------------------------------------

TEST_F(RtmOspfLifeCycleTest, StopRemovesRoutesOthersRerouteAndRestartRejoins)
{
    RtmTopologyGenerator gen;
    OspfNet net(gen.Ring(6));
    ASSERT_GE(net.RunUntilConverged(Seconds(30)), Time(0)) << net.Compare();
    const uint32_t x = 2;
    Ptr<RoutingTableManager> rtm = net.Rtm(x);
    ASSERT_NE(rtm->FindClient(RtmFamily::Ip, kOspf), 0u);
    ASSERT_GT(net.Agent(x)->GetInstalledRouteCount(), 0u);
    uint32_t deregistered = 0;
    rtm->TraceConnectWithoutContext(
        "ClientDeregistered",
        RtmMakeCallback<void, RtmFamily, uint32_t>(
            [&deregistered](RtmFamily, uint32_t p) { deregistered += p == kOspf ? 1 : 0; }));
    uint32_t xId = net.Agent(x)->GetRouterId().Get();

    Time stopAt = Simulator::Now() + MilliSeconds(10);
    RtmOspfHelper::ScheduleStop(net.GetNode(x), stopAt);
    net.RunFor(MilliSeconds(20));
    EXPECT_FALSE(net.Agent(x)->IsStarted());
    EXPECT_EQ(deregistered, 1u);
    EXPECT_EQ(rtm->FindClient(RtmFamily::Ip, kOspf), 0u);
    uint32_t ospfRoutes = 0;
    rtm->ForEachRoute(RtmFamily::Ip, [&](const RtmRoute& r) { ospfRoutes += r.protocol == kOspf; });
    EXPECT_EQ(ospfRoutes, 0u) << "the manager deleted the leaving agent's routes";
    // the flush and the goodbye reached the neighbours at once, not after the dead interval
    const RtmOspfLsdb::Entry* e = net.Agent(x + 1)->GetLsdb().Find(xId);
    ASSERT_NE(e, nullptr);
    EXPECT_TRUE(e->flushed);

    net.MarkStopped(x, true);
    Time t = net.RunUntilConverged(Simulator::Now() + Seconds(10));
    ASSERT_GE(t, Time(0)) << net.Compare();
    EXPECT_LT(t - stopAt, Seconds(2));

    // rejoin: a newer sequence number than the flushed instance, routes come back
    RtmOspfHelper::ScheduleStart(net.GetNode(x), Simulator::Now() + MilliSeconds(10));
    net.MarkStopped(x, false);
    Time r = net.RunUntilConverged(Simulator::Now() + Seconds(20));
    EXPECT_GE(r, Time(0)) << net.Compare();
    EXPECT_TRUE(net.Agent(x)->IsStarted());
}

TEST_F(RtmOspfLifeCycleTest, LateJoinerLearnsEverything)
{
    RtmTopologyGenerator gen;
    OspfNet net(gen.Grid(3, 3),
                [](RtmOspfHelper& ospf, RtmTopologyHelper&) { ospf.SetAutoStart(false); });
    for (uint32_t v = 0; v < 9; ++v)
    {
        if (v != 4)
        {
            RtmOspfHelper::ScheduleStart(net.GetNode(v), Seconds(0));
        }
    }
    net.MarkStopped(4, true);
    ASSERT_GE(net.RunUntilConverged(Seconds(20)), Time(0)) << net.Compare();
    EXPECT_FALSE(net.Agent(4)->IsStarted());
    RtmOspfHelper::ScheduleStart(net.GetNode(4), Simulator::Now() + Seconds(1));
    net.MarkStopped(4, false);
    Time t = net.RunUntilConverged(Simulator::Now() + Seconds(20));
    EXPECT_GE(t, Time(0)) << net.Compare();
}

TEST_F(RtmOspfLifeCycleTest, FreshAgentWithStaleSequenceFightsBack)
{
    // A brand-new agent object on a node whose previous agent left a higher sequence number in
    // the network (its flushed LSA is still held by the neighbours): the neighbours' copy is
    // newer than the new agent's own, it is refused (SelfOriginatedNewer) and the agent
    // originates above it.
    RtmTopologyGenerator gen;
    OspfNet net(gen.Line(3), [](RtmOspfHelper& ospf, RtmTopologyHelper&) {
        ospf.Set("LsRefreshTime", TimeValue(Seconds(1)));
        ospf.Set("MinLsInterval", TimeValue(Time(0)));
    });
    ASSERT_GE(net.RunUntilConverged(Seconds(20)), Time(0)) << net.Compare();
    net.RunFor(Seconds(10)); // a few refreshes: sequence well above 1
    Ptr<RtmOspfAgent> old = net.Agent(0);
    uint32_t id = old->GetRouterId().Get();
    uint32_t seq = net.Agent(1)->GetLsdb().Find(id)->lsa->sequence;
    ASSERT_GT(seq, 5u);
    old->Stop();
    Ptr<RtmOspfAgent> fresh = CreateObject<RtmOspfAgent>();
    fresh->SetNode(net.GetNode(0));
    fresh->SetAttribute("HelloInterval", TimeValue(Seconds(2)));
    fresh->SetAttribute("RouterDeadInterval", TimeValue(Seconds(8)));
    fresh->SetAttribute("MinLsInterval", TimeValue(Time(0)));
    Simulator::ScheduleWithContext(net.GetNode(0)->GetId(),
                                   MilliSeconds(1),
                                   &RtmOspfAgent::Start,
                                   fresh);
    net.RunFor(Seconds(3));
    ASSERT_TRUE(fresh->IsStarted());
    EXPECT_GE(fresh->GetDropCount(RtmOspfDropReason::SelfOriginatedNewer), 1u);
    const RtmOspfLsdb::Entry* mine = fresh->GetLsdb().Find(id);
    ASSERT_NE(mine, nullptr);
    EXPECT_GT(mine->lsa->sequence, seq);
    const RtmOspfLsdb::Entry* theirs = net.Agent(2)->GetLsdb().Find(id);
    ASSERT_NE(theirs, nullptr);
    EXPECT_FALSE(theirs->flushed);
    EXPECT_EQ(theirs->lsa->sequence, mine->lsa->sequence);
    fresh->Stop();
}

TEST_F(RtmOspfLifeCycleTest, SecondClientForTheProtocolIsRefused)
{
    RtmTopologyGenerator gen;
    OspfNet net(gen.Line(2),
                [](RtmOspfHelper& ospf, RtmTopologyHelper&) { ospf.SetAutoStart(false); });
    Ptr<RoutingTableManager> rtm = net.Rtm(0);
    RtmError err;
    auto other = rtm->RegisterClient(RtmFamily::Ip,
                                     kOspf,
                                     RoutingTableManager::SINGLE_ROUTE,
                                     Callback<void>(),
                                     &err);
    ASSERT_NE(other, 0u);
    RtmOspfHelper::ScheduleStart(net.GetNode(0), Seconds(0));
    RtmOspfHelper::ScheduleStart(net.GetNode(1), Seconds(0));
    net.RunFor(Seconds(1));
    EXPECT_FALSE(net.Agent(0)->IsStarted());
    EXPECT_TRUE(net.Agent(1)->IsStarted());
    EXPECT_EQ(rtm->FindClient(RtmFamily::Ip, kOspf), other);
}

TEST_F(RtmOspfLifeCycleTest, HelperSetsAttributesCostsAndExclusions)
{
    RtmTopologyGenerator gen;
    RtmTopology t = gen.Line(3);
    OspfNet net(t, [](RtmOspfHelper& ospf, RtmTopologyHelper& th) {
        ospf.Set("HelloInterval", TimeValue(Seconds(3)));
        ospf.SetInterfaceMetric(th.GetNode(0), th.GetInterface(0, 0), 7);
    });
    TimeValue hello;
    net.Agent(1)->GetAttribute("HelloInterval", hello);
    EXPECT_EQ(hello.Get(), Seconds(3));
    EXPECT_EQ(net.Agent(0)->GetInterfaceMetric(net.Helper().GetInterface(0, 0)), 7);
    net.RunFor(Seconds(10));
    // node 0 reaches edge 1 (1-2) over its cost-7 interface: 7 + 1
    RtmRoute best;
    ASSERT_TRUE(net.Rtm(0)->IsRoute(RtmFamily::Ip, net.Key(1), &best));
    EXPECT_EQ(best.GetIpMetric(), 8u);
    // node 2 pays 1 to reach 1, then edge 0's cost advertised by 1 (1)
    ASSERT_TRUE(net.Rtm(2)->IsRoute(RtmFamily::Ip, net.Key(0), &best));
    EXPECT_EQ(best.GetIpMetric(), 2u);
}

TEST_F(RtmOspfLifeCycleTest, ExcludedInterfaceIsPassive)
{
    RtmTopologyGenerator gen;
    OspfNet net(gen.Line(3), [](RtmOspfHelper& ospf, RtmTopologyHelper& th) {
        ospf.ExcludeInterface(th.GetNode(1), th.GetInterface(1, 0));
    });
    net.RunFor(Seconds(10));
    // no adjacency 1-2: node 0 has no route to anything of node 2, node 2 learns nothing
    EXPECT_EQ(net.Agent(2)->GetInstalledRouteCount(), 0u);
    EXPECT_EQ(net.Agent(0)->GetInstalledRouteCount(), 0u);
    EXPECT_EQ(net.Agent(1)->GetLsdb().GetSize(), 2u);
}

// ---- shared LSA bodies -------------------------------------------------------------------------

TEST_F(RtmOspfLsdbTest, DatabasesOfOneStoreShareBodiesButNotEntries)
{
    Ptr<RtmOspfLsaStore> store = CreateObject<RtmOspfLsaStore>();
    RtmOspfLsdb a;
    RtmOspfLsdb b;
    a.SetAging(100, Seconds(10));
    b.SetAging(100, Seconds(10));
    a.SetStore(store);
    b.SetStore(store);
    RtmOspfLsa lsa = MakeLsa(7, 1, {P2p(2), Stub("10.0.0.0", "255.255.255.252")});
    lsa.age = 1;
    a.Install(lsa, Seconds(0));
    lsa.age = 3; // b is further away: the same instance, older
    b.Install(lsa, Seconds(0));
    const RtmOspfLsdb::Entry* ea = a.Find(7);
    const RtmOspfLsdb::Entry* eb = b.Find(7);
    ASSERT_NE(ea, nullptr);
    ASSERT_NE(eb, nullptr);
    EXPECT_EQ(ea->lsa.get(), eb->lsa.get()) << "one body for the same instance";
    EXPECT_EQ(store->GetHits(), 1u);
    EXPECT_EQ(a.GetAge(*ea, Seconds(10)), 11);
    EXPECT_EQ(b.GetAge(*eb, Seconds(10)), 13);
    EXPECT_EQ(ea->lsa->age, 0) << "a body has no age of its own";
    EXPECT_EQ(a.GetCurrent(*ea, Seconds(10)).age, 11);
    EXPECT_NE(a.GetDeadline(*ea), b.GetDeadline(*eb)) << "deadlines follow each entry's own age";

    // a newer instance in a: b keeps the old body, sequence and links
    RtmOspfLsa newer = MakeLsa(7, 2, {P2p(2), P2p(3)});
    EXPECT_TRUE(a.Install(newer, Seconds(5)));
    EXPECT_NE(a.Find(7)->lsa.get(), eb->lsa.get());
    EXPECT_EQ(eb->lsa->sequence, 1u);
    EXPECT_EQ(a.Find(7)->lsa->sequence, 2u);
    EXPECT_EQ(eb->lsa->links, lsa.links);
    // flushing in a leaves b's entry usable
    EXPECT_TRUE(a.Flush(7, Seconds(6)));
    EXPECT_TRUE(a.Find(7)->flushed);
    EXPECT_FALSE(b.Find(7)->flushed);
    EXPECT_EQ(b.GetAge(*b.Find(7), Seconds(6)), 9);
    EXPECT_TRUE(a.CheckConsistency(100));
    EXPECT_TRUE(b.CheckConsistency(100));
}

TEST_F(RtmOspfLsdbTest, SameKeyDifferentContentIsNotShared)
{
    Ptr<RtmOspfLsaStore> store = CreateObject<RtmOspfLsaStore>();
    RtmOspfLsdb a;
    RtmOspfLsdb b;
    RtmOspfLsdb alone; // no store: a body of its own
    a.SetStore(store);
    b.SetStore(store);
    RtmOspfLsa lsa = MakeLsa(9, 4, {P2p(1)});
    RtmOspfLsa forged = lsa; // same type, router, sequence and checksum field; other links
    forged.links.push_back(P2p(5));
    a.Install(lsa, Seconds(0));
    b.Install(forged, Seconds(0));
    alone.Install(lsa, Seconds(0));
    EXPECT_NE(a.Find(9)->lsa.get(), b.Find(9)->lsa.get());
    EXPECT_EQ(a.Find(9)->lsa->links.size(), 1u);
    EXPECT_EQ(b.Find(9)->lsa->links.size(), 2u);
    EXPECT_EQ(store->GetCollisions(), 1u);
    EXPECT_NE(alone.Find(9)->lsa.get(), a.Find(9)->lsa.get());
    EXPECT_EQ(*alone.Find(9)->lsa->links.data(), lsa.links.front());
}

TEST_F(RtmOspfTest, AgentsOfOneHelperShareTheirDatabasesBodies)
{
    RtmTopologyGenerator gen;
    OspfNet net(gen.Grid(3, 3));
    ASSERT_GE(net.RunUntilConverged(Seconds(30)), Time(0)) << net.Compare();
    uint32_t shared = 0;
    for (uint32_t r = 0; r < net.N(); ++r)
    {
        const uint32_t id = net.Agent(r)->GetRouterId().Get();
        const RtmOspfLsdb::Entry* mine = net.Agent(r)->GetLsdb().Find(id);
        const RtmOspfLsdb::Entry* far = net.Agent(8 - r)->GetLsdb().Find(id);
        ASSERT_NE(mine, nullptr);
        ASSERT_NE(far, nullptr);
        shared += mine->lsa.get() == far->lsa.get() ? 1 : 0;
        if (r != 4) // the centre is its own mirror image
        {
            EXPECT_NE(mine->age, far->age) << "router " << r << ": each database ages its own";
        }
    }
    EXPECT_EQ(shared, net.N()) << "every router's LSA has one body in both databases";
    net.Agent(0)->Stop();
    net.RunFor(Seconds(2));
    EXPECT_TRUE(net.Agent(8)->CheckConsistency())
        << "a flush at one router leaves the others sound";
}
