/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm table benchmark: add, delete, steady-state churn, longest-prefix lookups and memory of
 * the IP table of ns3::RoutingTableManager, beside ns-3's Ipv4StaticRouting, in one run.
 *
 *   rtm-table-bench --sizes=1000,10000,100000,1000000 --static=1 --seed=1 --lookups=10000000
 *
 * Timings are the CPU time of the (single) benchmark thread (CLOCK_THREAD_CPUTIME_ID), so that
 * other processes on a shared machine do not dilute the rates; each lookup and churn figure is the
 * best of three equal blocks (churn: three plain blocks, then three "hinted" blocks where each
 * step first calls RoutingTableManager::Prefetch on the networks of the step --ahead further on,
 * as an agent does with the entries of one packet). Fill and delete are single passes. Prefixes are
 * random with a seeded std::mt19937_64 and a realistic length mix (55% /24, 25% /17-/23, 10%
 * /8-/16, 10% /25-/32), unique network keys, first octet in 1..223 except 10 and 127. Destinations:
 * 50% inside a stored prefix (random host bits), 50% uniform over 1.0.0.0-223.255.255.255
 * (except 10/8 and 127/8, which the Ipv4StaticRouting baseline holds itself).
 */

#include "rtm-bench-util.h"

#include "ns3/command-line.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-interface-address.h"
#include "ns3/ipv4-route.h"
#include "ns3/ipv4-static-routing.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/mac48-address.h"
#include "ns3/node.h"
#include "ns3/routing-table-manager.h"
#include "ns3/rtm-v1-node-scope.h"
#include "ns3/rtm-v1.h"
#include "ns3/simple-net-device.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"

#include <algorithm>
#include <arpa/inet.h>
#include <cinttypes>
#include <cstdio>
#include <malloc.h>
#include <random>
#include <string>
#include <unordered_set>
#include <vector>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("RtmTableBench");

namespace
{

/// Keep a value alive for the optimizer (as benchmark::DoNotOptimize).
template <typename T>
inline void
DoNotOptimize(const T& value)
{
    asm volatile("" : : "r,m"(value) : "memory");
}

/// Bytes the heap holds: glibc's in-use arena bytes plus mmapped chunks (large vectors).
struct HeapBytes
{
    int64_t arena; //!< mallinfo2().uordblks
    int64_t mmap;  //!< mallinfo2().hblkhd

    /// @return a snapshot
    static HeapBytes Now()
    {
        struct mallinfo2 mi = mallinfo2();
        return HeapBytes{static_cast<int64_t>(mi.uordblks), static_cast<int64_t>(mi.hblkhd)};
    }

    /// @return total in use
    int64_t Total() const
    {
        return arena + mmap;
    }
};

/**
 * @param len a prefix length
 * @return its mask, host order
 */
inline uint32_t
MaskOf(uint8_t len)
{
    return len == 0 ? 0 : ~0U << (32 - len);
}

/// A route of the benchmark: network, length and the choice of hop and metric.
struct Spec
{
    uint32_t addr;  //!< network number, host order, host bits zero
    uint8_t len;    //!< prefix length
    uint8_t iface;  //!< interface index 1..4
    uint8_t hop;    //!< next hop index into the hop table
    uint8_t metric; //!< metric 1..15

    /// @return the RTM network key
    uint64_t Key() const
    {
        return RtmRoute::IpKey(addr, MaskOf(len));
    }
};

/// Next hops: 16 neighbours on 172.16.0.0/24.
uint32_t
HopAddress(uint8_t hop)
{
    return 0xAC100001U + hop; // 172.16.0.1 + hop
}

/// Random prefixes with the length mix of the brief, unique among the live keys.
class PrefixGenerator
{
  public:
    /**
     * @brief Constructor.
     * @param seed the seed
     */
    explicit PrefixGenerator(uint64_t seed)
        : m_rng(seed)
    {
    }

    /// @return a first octet in 1..223, not 10 or 127
    uint32_t FirstOctet()
    {
        while (true)
        {
            uint32_t o = 1 + static_cast<uint32_t>(m_rng() % 223);
            if (o != 10 && o != 127)
            {
                return o;
            }
        }
    }

    /// @return a prefix length drawn from the mix
    uint8_t Length()
    {
        uint32_t r = static_cast<uint32_t>(m_rng() % 1000);
        if (r < 550)
        {
            return 24;
        }
        if (r < 800)
        {
            // /17../23, weighted roughly like a BGP table: 1 2 3 5 5 12 10 (of 38)
            static const uint8_t w[] = {1, 2, 3, 5, 5, 12, 10};
            return Weighted(w, 38, 17);
        }
        if (r < 900)
        {
            // /8../16 in proportion to the number of such prefixes (2^len): few /8, many /16
            uint32_t x = static_cast<uint32_t>(m_rng() % 511); // 1 + 2 + ... + 256
            uint8_t len = 8;
            for (uint32_t w = 1; x >= w; w *= 2)
            {
                x -= w;
                ++len;
            }
            return len;
        }
        // /25../32: 1 1 1 1 2 3 1 5 (of 15)
        static const uint8_t w[] = {1, 1, 1, 1, 2, 3, 1, 5};
        return Weighted(w, 15, 25);
    }

    /**
     * @param w the weights
     * @param total their sum
     * @param first the length of the first weight
     * @return first + i with probability w[i] / total
     */
    template <std::size_t N>
    uint8_t Weighted(const uint8_t (&w)[N], uint32_t total, uint8_t first)
    {
        uint32_t x = static_cast<uint32_t>(m_rng() % total);
        for (uint8_t i = 0; i < N; ++i)
        {
            if (x < w[i])
            {
                return first + i;
            }
            x -= w[i];
        }
        return static_cast<uint8_t>(first + N - 1);
    }

    /**
     * @param live keys in use: the new prefix is not among them, and is added
     * @return a new prefix
     */
    Spec Next(std::unordered_set<uint64_t>* live)
    {
        while (true)
        {
            Spec s;
            s.len = Length();
            uint32_t a = (FirstOctet() << 24) | static_cast<uint32_t>(m_rng() & 0xFFFFFF);
            s.addr = a & MaskOf(s.len);
            if (live->insert(s.Key()).second)
            {
                s.iface = static_cast<uint8_t>(1 + m_rng() % 4);
                s.hop = static_cast<uint8_t>(m_rng() % 16);
                s.metric = static_cast<uint8_t>(1 + m_rng() % 15);
                return s;
            }
        }
    }

    /// @return a destination uniform over the unicast space used (see the file comment)
    uint32_t Uniform()
    {
        return (FirstOctet() << 24) | static_cast<uint32_t>(m_rng() & 0xFFFFFF);
    }

    /// @return the engine
    std::mt19937_64& Rng()
    {
        return m_rng;
    }

  private:
    std::mt19937_64 m_rng; //!< the engine
};

/**
 * @param s a benchmark route
 * @return the route, as a routing protocol would make it
 */
RtmRoute
MakeRoute(const Spec& s)
{
    return RtmRoute::MakeIp(Ipv4Address(s.addr),
                            Ipv4Mask(MaskOf(s.len)),
                            Ipv4Address(HopAddress(s.hop)),
                            s.iface,
                            s.metric);
}

/**
 * @brief Delete a benchmark route, as the routing protocol that added it would.
 * @param rtm the manager
 * @param client the client that added it
 * @param s the route
 * @return what RoutingTableManager::DeleteIpRoute returns
 */
inline RtmError
DeleteRoute(const Ptr<RoutingTableManager>& rtm,
            RoutingTableManager::ClientId client,
            const Spec& s)
{
    return rtm->DeleteIpRoute(client,
                              Ipv4Address(s.addr),
                              Ipv4Mask(MaskOf(s.len)),
                              Ipv4Address(HopAddress(s.hop)),
                              s.iface);
}

/// One churn step: delete a present route, then add a new one.
struct ChurnStep
{
    Spec del; //!< the route deleted
    Spec add; //!< the route added
};

/// Everything measured at one size.
struct Result
{
    uint32_t n{0};                   //!< routes
    double addRate{0};               //!< RTM fill, AddRoute per second
    double deleteRate{0};            //!< RTM delete-all in random order, per second
    double churnRate{0};             //!< RTM steady state, add or delete per second
    double hintedChurnRate{0};       //!< the same, each step's networks hinted steps ahead
    double coldLookupRate{0};        //!< first LookupIpNextHop pass after the fill
    double nextHopRate{0};           //!< LookupIpNextHop per second
    double destRate{0};              //!< LookupIpDestination per second
    double facadeRate{0};            //!< rtmv1::RtmLookupIPDestination per second
    double tableRate{0};             //!< RtmTable::LookupIp + GetHop (inline) per second
    double reportedBytesPerRoute{0}; //!< GetMemoryUsage after the fill, per route
    double heapBytesPerRoute{0};     //!< heap growth over the fill, per route
    double reportedCompiled{0};      //!< GetMemoryUsage after the lookups compiled the chunks
    double heapCompiled{0};          //!< heap growth from before the fill to after the lookups
    double reportedAfterChurn{0};    //!< GetMemoryUsage after the churn, per route
    double reportedAfterDelete{0};   //!< GetMemoryUsage once every route is deleted, per N
    uint64_t hits{0};                //!< LookupIpNextHop hits
    uint64_t lookups{0};             //!< LookupIpNextHop calls
    bool staticRan{false};           //!< Ipv4StaticRouting was measured
    std::string staticNote;          //!< why it was not
    double staticAddRate{0};         //!< AddNetworkRouteTo per second over the fill
    double staticAddUsAtN{0};        //!< microseconds per AddNetworkRouteTo, last 1% of the fill
    double staticLookupRate{0};      //!< RouteOutput per second
    uint64_t staticLookups{0};       //!< RouteOutput calls made
    double staticBytesPerRoute{0};   //!< heap growth over the fill, per route
    uint64_t staticMismatches{0};    //!< RouteOutput answers that differ from the RTM's
};

/**
 * @brief Run a lookup over the destinations in three equal blocks.
 * @param dests the destinations (cycled)
 * @param count lookups in all
 * @param lookup called with a destination, returns true on a hit
 * @param hits hits over all blocks (out)
 * @return the best rate of the blocks, lookups per CPU second
 */
template <typename F>
double
BestRate(const std::vector<uint32_t>& dests, uint64_t count, F&& lookup, uint64_t* hits)
{
    constexpr uint32_t blocks = 3;
    const uint64_t per = std::max<uint64_t>(1, count / blocks);
    const std::size_t size = dests.size();
    double best = 0;
    uint64_t h = 0;
    std::size_t j = 0;
    for (uint32_t b = 0; b < blocks; ++b)
    {
        double t0 = rtmbench::ThreadCpuSeconds();
        for (uint64_t i = 0; i < per; ++i)
        {
            h += lookup(dests[j]) ? 1 : 0;
            j = (j + 1 == size) ? 0 : j + 1;
        }
        best = std::max(best, static_cast<double>(per) / rtmbench::ThreadCpuSecondsSince(t0));
    }
    *hits = h;
    return best;
}

/// A node with one up interface (index 1, 172.16.0.254/24) for Ipv4StaticRouting to use.
Ptr<Ipv4>
MakeStaticNode()
{
    Ptr<Node> node = CreateObject<Node>();
    InternetStackHelper stack;
    stack.Install(node);
    Ptr<SimpleNetDevice> dev = CreateObject<SimpleNetDevice>();
    dev->SetAddress(Mac48Address::Allocate());
    node->AddDevice(dev);
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    int32_t idx = ipv4->AddInterface(dev);
    ipv4->AddAddress(idx, Ipv4InterfaceAddress(Ipv4Address("172.16.0.254"), Ipv4Mask("/24")));
    ipv4->SetUp(idx);
    return ipv4;
}

/**
 * @param r a rate
 * @return it with a k or M suffix, or "-" if none
 */
std::string
Rate(double r)
{
    char buf[32];
    if (r <= 0)
    {
        return "-";
    }
    if (r >= 1e6)
    {
        std::snprintf(buf, sizeof(buf), "%.2f M", r / 1e6);
    }
    else if (r >= 1e3)
    {
        std::snprintf(buf, sizeof(buf), "%.1f k", r / 1e3);
    }
    else
    {
        std::snprintf(buf, sizeof(buf), "%.0f", r);
    }
    return buf;
}

/**
 * @param a a rate
 * @param b another rate
 * @return a / b as "123x", or "-"
 */
std::string
Ratio(double a, double b)
{
    if (a <= 0 || b <= 0)
    {
        return "-";
    }
    char buf[32];
    std::snprintf(buf, sizeof(buf), "%.0fx", a / b);
    return buf;
}

/// The command-line options of the benchmark.
struct Options
{
    std::string sizesText{"1000,10000,100000,1000000"}; //!< --sizes: table sizes, routes
    bool runStatic{true};                               //!< --static: measure Ipv4StaticRouting
    uint64_t seed{1};                                   //!< --seed: of the generator
    uint64_t lookups{10000000};                         //!< --lookups: per lookup measurement
    uint32_t ahead{2};                                  //!< --ahead: hinted churn distance
    bool deep{true};                                    //!< --deep: also PrefetchRoutes
    uint64_t churnOps{1000000};                         //!< --churn: add-or-delete operations
    double staticBudget{120};                           //!< --staticBudget: seconds, in all
    bool inRun{true};                                   //!< --inRun: start the simulator first
};

/**
 * @brief Parse the command line; the churn count is made even, the lookup count at least 1.
 * @param cmd the command line, made by main after the options and kept until the end, as the
 *        heap figures of the first size depend on the memory allocated and freed before it
 * @param argc the argument count of main
 * @param argv the arguments of main
 * @param o the options: the defaults (in), those given (out)
 */
void
ParseOptions(CommandLine& cmd, int argc, char* argv[], Options* o)
{
    cmd.AddValue("sizes", "comma-separated table sizes (routes)", o->sizesText);
    cmd.AddValue("static", "also measure ns-3's Ipv4StaticRouting", o->runStatic);
    cmd.AddValue("seed", "seed of the prefix and destination generator", o->seed);
    cmd.AddValue("lookups", "lookups per RTM lookup measurement", o->lookups);
    cmd.AddValue("deep", "hinted churn: also PrefetchRoutes one step ahead", o->deep);
    cmd.AddValue("ahead",
                 "hinted churn: RoutingTableManager::Prefetch the networks this many steps ahead",
                 o->ahead);
    cmd.AddValue("churn", "add-or-delete operations of the steady-state measurement", o->churnOps);
    cmd.AddValue("staticBudget", "seconds Ipv4StaticRouting may take in all", o->staticBudget);
    cmd.AddValue("inRun",
                 "start the simulator first, as routes are added in a running simulation "
                 "(before Simulator::Run, ns-3 records every Time object made)",
                 o->inRun);
    cmd.Parse(argc, argv);
    o->churnOps &= ~uint64_t{1};
    o->lookups = std::max<uint64_t>(o->lookups, 1);
}

/**
 * @brief Print the first line: the options in effect.
 * @param o the options
 */
void
PrintHeader(const Options& o)
{
    std::printf("rtm-table-bench: sizes=%s static=%d seed=%" PRIu64 " lookups=%" PRIu64
                " churn=%" PRIu64 " staticBudget=%.0fs inRun=%d\n",
                o.sizesText.c_str(),
                o.runStatic ? 1 : 0,
                o.seed,
                o.lookups,
                o.churnOps,
                o.staticBudget,
                o.inRun ? 1 : 0);
    std::fflush(stdout);
}

/// The operations of one size, generated before any timing.
struct Workload
{
    std::unordered_set<uint64_t> live; //!< the generator's keys; emptied once all is generated
    std::vector<Spec> fill;            //!< the routes of the fill, in order
    std::vector<uint32_t> dests;       //!< the lookup destinations
    std::vector<ChurnStep> churn;      //!< the steady-state steps
    std::vector<Spec> present;         //!< the routes after the churn, in deletion order
};

/**
 * @brief Generate the churn steps: the present list is simulated so that every step deletes a
 *        present route and adds a network that is not present at that moment.
 * @param gen the generator
 * @param steps the number of steps
 * @param w the workload: its fill is read, its churn and present list written, live updated
 */
void
MakeChurn(PrefixGenerator& gen, uint64_t steps, Workload* w)
{
    w->present = w->fill;
    if (w->fill.empty())
    {
        return;
    }
    w->churn.reserve(steps);
    for (uint64_t i = 0; i < steps; ++i)
    {
        ChurnStep st;
        uint32_t index = static_cast<uint32_t>(gen.Rng()() % w->present.size());
        st.del = w->present[index];
        w->live.erase(st.del.Key());
        w->present[index] = w->present.back();
        w->present.pop_back();
        st.add = gen.Next(&w->live);
        w->present.push_back(st.add);
        w->churn.push_back(st);
    }
}

/**
 * @brief Generate the workload of one size: the fill, the destinations, the churn steps and the
 *        order of the final deletion.
 * @param n routes
 * @param o the options (seed, lookups, churn)
 * @return the workload
 */
Workload
MakeWorkload(uint32_t n, const Options& o)
{
    Workload w;
    PrefixGenerator gen(o.seed * 1000003ULL + n);
    w.live.reserve(n * 2);
    w.fill.reserve(n);
    for (uint32_t i = 0; i < n; ++i)
    {
        w.fill.push_back(gen.Next(&w.live));
    }
    const std::size_t nAddr = static_cast<std::size_t>(std::min<uint64_t>(o.lookups, 1 << 20));
    w.dests.resize(nAddr);
    for (std::size_t i = 0; i < nAddr; ++i)
    {
        if (gen.Rng()() & 1)
        {
            const Spec& s = w.fill[gen.Rng()() % n];
            w.dests[i] = s.addr | (static_cast<uint32_t>(gen.Rng()()) & ~MaskOf(s.len));
        }
        else
        {
            w.dests[i] = gen.Uniform();
        }
    }
    MakeChurn(gen, o.churnOps / 2, &w);
    // the final deletion, in random order
    std::shuffle(w.present.begin(), w.present.end(), gen.Rng());
    w.live.clear();
    return w;
}

/// The manager under test: the RoutingTableManager of a node, with one client.
struct Manager
{
    Ptr<Node> node;                       //!< the node
    Ptr<RoutingTableManager> rtm;         //!< its manager
    RoutingTableManager::ClientId client; //!< the client (PROTO_IP_RIP) adding the routes
    Time inf;                             //!< the lifetime of the routes: infinite
};

/**
 * @brief Make the manager under test.
 * @return a node's manager, with a PROTO_IP_RIP client registered
 */
Manager
MakeManager()
{
    Ptr<Node> node = CreateObject<Node>();
    Ptr<RoutingTableManager> rtm = RoutingTableManager::ForNode(node);
    RoutingTableManager::ClientId client =
        rtm->RegisterClient(RtmFamily::Ip, 8 /* PROTO_IP_RIP */, 0, Callback<void>());
    NS_ABORT_MSG_IF(client == 0, "RegisterClient failed");
    return Manager{node, rtm, client, RoutingTableManager::Infinite()};
}

/**
 * @brief Measure the fill: every route of the workload added in order.
 * @param m the manager, empty
 * @param fill the routes
 * @param res the add rate and the bytes per route after the fill (out)
 * @return the heap before the fill
 */
HeapBytes
MeasureFill(const Manager& m, const std::vector<Spec>& fill, Result* res)
{
    const uint32_t n = res->n;
    HeapBytes h0 = HeapBytes::Now();
    double t0 = rtmbench::ThreadCpuSeconds();
    uint32_t failures = 0;
    for (const Spec& s : fill)
    {
        failures += m.rtm->AddRoute(m.client, MakeRoute(s), m.inf) != RtmError::Success;
    }
    double tFill = rtmbench::ThreadCpuSecondsSince(t0);
    HeapBytes h1 = HeapBytes::Now();
    NS_ABORT_MSG_IF(failures != 0, "AddRoute failed " << failures << " times");
    NS_ABORT_MSG_IF(m.rtm->GetRouteCount(RtmFamily::Ip) != n, "route count");
    res->addRate = n / tFill;
    res->reportedBytesPerRoute = static_cast<double>(m.rtm->GetMemoryUsage()) / n;
    res->heapBytesPerRoute = static_cast<double>(h1.Total() - h0.Total()) / n;
    return h0;
}

/**
 * @brief Measure the cold lookups: the first pass after the fill pays the lazy compile of every
 *        chunk it touches.
 * @param rtm the manager, filled
 * @param dests the destinations, each looked up once
 * @param res the cold lookup rate (out)
 */
void
MeasureColdLookups(const Ptr<RoutingTableManager>& rtm,
                   const std::vector<uint32_t>& dests,
                   Result* res)
{
    const std::size_t nAddr = dests.size();
    uint64_t sum = 0;
    double t0 = rtmbench::ThreadCpuSeconds();
    for (std::size_t i = 0; i < nAddr; ++i)
    {
        uint32_t iface = 0;
        uint32_t nh = 0;
        if (rtm->LookupIpNextHop(static_cast<uint32_t>(dests[i]), &iface, &nh))
        {
            sum += iface;
        }
    }
    res->coldLookupRate = nAddr / rtmbench::ThreadCpuSecondsSince(t0);
    DoNotOptimize(sum);
}

/**
 * @brief Measure the lookups of the manager: LookupIpNextHop, LookupIpDestination and the
 *        rtmv1::RtmLookupIPDestination facade, best of three blocks each; all must agree.
 * @param m the manager, filled
 * @param dests the destinations (cycled)
 * @param lookups lookups per measurement
 * @param res the three rates, the hits and lookups of LookupIpNextHop (out)
 */
void
MeasureManagerLookups(const Manager& m,
                      const std::vector<uint32_t>& dests,
                      uint64_t lookups,
                      Result* res)
{
    const Ptr<RoutingTableManager>& rtm = m.rtm;
    res->lookups = std::max<uint64_t>(1, lookups / 3) * 3;
    res->nextHopRate = BestRate(
        dests,
        lookups,
        [&rtm](uint32_t a) {
            uint32_t iface = 0;
            uint32_t nh = 0;
            bool hit = rtm->LookupIpNextHop(static_cast<uint32_t>(a), &iface, &nh);
            DoNotOptimize(nh);
            return hit;
        },
        &res->hits);
    {
        uint64_t hits = 0;
        RtmRoute r;
        res->destRate = BestRate(
            dests,
            lookups,
            [&rtm, &r](uint32_t a) {
                bool hit = rtm->LookupIpDestination(static_cast<uint32_t>(a), &r);
                DoNotOptimize(r);
                return hit;
            },
            &hits);
        NS_ABORT_MSG_IF(hits != res->hits, "LookupIpDestination and LookupIpNextHop disagree");
    }
    rtmv1::NodeScope scope(m.node);
    uint64_t hits = 0;
    rtmv1::RTM_IP_ROUTE rir;
    res->facadeRate = BestRate(
        dests,
        lookups,
        [&rir](uint32_t a) {
            bool hit = rtmv1::RtmLookupIPDestination(htonl(a), &rir) != 0;
            DoNotOptimize(rir);
            return hit;
        },
        &hits);
    NS_ABORT_MSG_IF(hits != res->hits, "RtmLookupIPDestination disagrees");
}

/**
 * @brief Measure the data structure alone: RtmTable::LookupIp and GetHop are inline, no manager
 *        call. The table is filled with the same routes; its answers must agree.
 * @param fill the routes
 * @param dests the destinations (cycled)
 * @param lookups lookups in all
 * @param res the table lookup rate (out); its hits are those of LookupIpNextHop
 */
void
MeasureTableLookups(const std::vector<Spec>& fill,
                    const std::vector<uint32_t>& dests,
                    uint64_t lookups,
                    Result* res)
{
    RtmTable table(RtmFamily::Ip);
    for (const Spec& s : fill)
    {
        RtmRoute r = MakeRoute(s);
        r.protocol = 8;
        RtmChange change;
        table.AddOrUpdate(r, false, &change);
    }
    uint64_t hits = 0;
    for (std::size_t i = 0; i < dests.size(); ++i)
    {
        hits += table.LookupIp(dests[i]).index != RtmTable::NONE;
    }
    res->tableRate = BestRate(
        dests,
        lookups,
        [&table](uint32_t a) {
            RtmTable::Ref ref = table.LookupIp(a);
            if (ref.index == RtmTable::NONE)
            {
                return false;
            }
            uint32_t iface;
            uint64_t nh;
            table.GetHop(ref, &iface, &nh);
            DoNotOptimize(nh);
            return true;
        },
        &hits);
    NS_ABORT_MSG_IF(hits != res->hits, "RtmTable::LookupIp disagrees");
}

/**
 * @brief Run churn steps [begin, end): delete a present route, add a new one.
 * @param m the manager
 * @param churn the steps
 * @param begin the first step
 * @param end the step after the last
 * @param ahead if not 0, each step first hints (Prefetch) the networks of the step this many
 *        further on
 * @param deep with ahead > 1, each step also calls PrefetchRoutes on the networks of the next
 * @return the number of calls that failed
 */
uint32_t
ChurnSteps(const Manager& m,
           const std::vector<ChurnStep>& churn,
           std::size_t begin,
           std::size_t end,
           uint32_t ahead,
           bool deep)
{
    const Ptr<RoutingTableManager>& rtm = m.rtm;
    uint32_t failures = 0;
    for (std::size_t i = begin; i < end; ++i)
    {
        if (ahead > 0 && i + ahead < churn.size())
        {
            rtm->Prefetch(RtmFamily::Ip, churn[i + ahead].del.Key());
            rtm->Prefetch(RtmFamily::Ip, churn[i + ahead].add.Key());
            if (deep && ahead > 1)
            {
                rtm->PrefetchRoutes(RtmFamily::Ip, churn[i + 1].del.Key());
                rtm->PrefetchRoutes(RtmFamily::Ip, churn[i + 1].add.Key());
            }
        }
        const Spec& d = churn[i].del;
        failures += DeleteRoute(rtm, m.client, d) != RtmError::Success;
        failures += rtm->AddRoute(m.client, MakeRoute(churn[i].add), m.inf) != RtmError::Success;
    }
    return failures;
}

/**
 * @brief Measure the steady-state churn at size n, in six equal blocks: three plain, then three
 *        where each step first hints the networks of the step `ahead` further on, as an agent
 *        holding a packet of updates does; the best block of each kind counts. The rest of the
 *        steps run untimed, so that the final list matches the table.
 * @param m the manager, filled
 * @param churn the steps
 * @param o the options (ahead, deep)
 * @param res the churn rates and the bytes per route after the churn (out)
 */
void
MeasureChurn(const Manager& m, const std::vector<ChurnStep>& churn, const Options& o, Result* res)
{
    uint32_t failures = 0;
    const std::size_t per = churn.size() / 6;
    for (std::size_t b = 0; b < 6 && per > 0; ++b)
    {
        const bool hinted = b >= 3 && o.ahead > 0;
        double t0 = rtmbench::ThreadCpuSeconds();
        failures += ChurnSteps(m, churn, b * per, (b + 1) * per, hinted ? o.ahead : 0, o.deep);
        double& rate = hinted ? res->hintedChurnRate : res->churnRate;
        rate = std::max(rate, 2.0 * per / rtmbench::ThreadCpuSecondsSince(t0));
    }
    failures += ChurnSteps(m, churn, 6 * per, churn.size(), 0, o.deep);
    NS_ABORT_MSG_IF(failures != 0, "churn failed " << failures << " times");
    NS_ABORT_MSG_IF(m.rtm->GetRouteCount(RtmFamily::Ip) != res->n, "route count after churn");
    res->reportedAfterChurn = static_cast<double>(m.rtm->GetMemoryUsage()) / res->n;
}

/**
 * @brief Measure the deletion of every route, in random order.
 * @param m the manager
 * @param present the routes in the table, in the order to delete them
 * @param res the delete rate and the bytes per N once all is deleted (out)
 */
void
MeasureDelete(const Manager& m, const std::vector<Spec>& present, Result* res)
{
    double t0 = rtmbench::ThreadCpuSeconds();
    uint32_t failures = 0;
    for (const Spec& d : present)
    {
        failures += DeleteRoute(m.rtm, m.client, d) != RtmError::Success;
    }
    double t = rtmbench::ThreadCpuSecondsSince(t0);
    NS_ABORT_MSG_IF(failures != 0, "delete failed " << failures << " times");
    NS_ABORT_MSG_IF(m.rtm->GetRouteCount(RtmFamily::Ip) != 0, "table not empty");
    res->deleteRate = res->n / t;
    res->reportedAfterDelete = static_cast<double>(m.rtm->GetMemoryUsage()) / res->n;
}

/**
 * @brief Measure the RoutingTableManager at one size: fill, lookups, memory, churn, delete.
 * @param w the workload
 * @param o the options
 * @param res the RTM figures (out)
 */
void
MeasureRtm(const Workload& w, const Options& o, Result* res)
{
    Manager m = MakeManager();
    HeapBytes h0 = MeasureFill(m, w.fill, res);
    MeasureColdLookups(m.rtm, w.dests, res);
    MeasureManagerLookups(m, w.dests, o.lookups, res);
    {
        HeapBytes h2 = HeapBytes::Now();
        res->reportedCompiled = static_cast<double>(m.rtm->GetMemoryUsage()) / res->n;
        res->heapCompiled = static_cast<double>(h2.Total() - h0.Total()) / res->n;
    }
    MeasureTableLookups(w.fill, w.dests, o.lookups, res);
    MeasureChurn(m, w.churn, o, res);
    MeasureDelete(m, w.present, res);
    m.rtm->DeregisterClient(m.client);
    m.node->Dispose();
}

/**
 * @brief Print the RTM line of one size.
 * @param res the figures
 */
void
PrintRtmLine(const Result& res)
{
    std::printf(
        "[n=%u] RTM add %s/s, delete %s/s, churn %s/s (hinted %s/s), lookups/s: cold %s, "
        "NextHop %s, Destination %s, facade %s, RtmTable inline %s; B/route (reported/heap): "
        "fill %.1f/%.1f, compiled %.1f/%.1f, churned %.1f, all deleted %.1f; hits %.1f%%\n",
        res.n,
        Rate(res.addRate).c_str(),
        Rate(res.deleteRate).c_str(),
        Rate(res.churnRate).c_str(),
        Rate(res.hintedChurnRate).c_str(),
        Rate(res.coldLookupRate).c_str(),
        Rate(res.nextHopRate).c_str(),
        Rate(res.destRate).c_str(),
        Rate(res.facadeRate).c_str(),
        Rate(res.tableRate).c_str(),
        res.reportedBytesPerRoute,
        res.heapBytesPerRoute,
        res.reportedCompiled,
        res.heapCompiled,
        res.reportedAfterChurn,
        res.reportedAfterDelete,
        100.0 * res.hits / res.lookups);
    std::fflush(stdout);
}

/// The CPU time Ipv4StaticRouting has taken, and what its fill costs.
struct StaticBudget
{
    double spent{0};        //!< seconds spent so far
    double costPerVisit{0}; //!< seconds per (route added x routes already there)
};

/**
 * @brief Measure the fill of Ipv4StaticRouting (AddNetworkRouteTo, O(routes) each).
 * @param sr the routing, empty
 * @param fill the routes
 * @param res the add rate, the cost of an add at the end and the heap per route (out)
 * @return the CPU seconds of the fill
 */
double
MeasureStaticFill(const Ptr<Ipv4StaticRouting>& sr, const std::vector<Spec>& fill, Result* res)
{
    const uint32_t n = res->n;
    HeapBytes s0 = HeapBytes::Now();
    double t0 = rtmbench::ThreadCpuSeconds();
    double tLast = t0;
    const uint32_t tail = std::max<uint32_t>(1, n / 100);
    for (uint32_t i = 0; i < n; ++i)
    {
        if (i == n - tail)
        {
            tLast = rtmbench::ThreadCpuSeconds();
        }
        const Spec& s = fill[i];
        sr->AddNetworkRouteTo(Ipv4Address(s.addr),
                              Ipv4Mask(MaskOf(s.len)),
                              Ipv4Address(HopAddress(s.hop)),
                              1,
                              s.metric);
    }
    double tAdd = rtmbench::ThreadCpuSecondsSince(t0);
    HeapBytes s1 = HeapBytes::Now();
    res->staticAddRate = n / tAdd;
    res->staticAddUsAtN = 1e6 * rtmbench::ThreadCpuSecondsSince(tLast) / tail;
    res->staticBytesPerRoute = static_cast<double>(s1.Total() - s0.Total()) / n;
    return tAdd;
}

/**
 * @brief A manager holding the routes, to check the answers of Ipv4StaticRouting.
 * @param fill the routes
 * @return the manager
 */
Ptr<RoutingTableManager>
MakeReferenceManager(const std::vector<Spec>& fill)
{
    const Time inf = RoutingTableManager::Infinite();
    Ptr<RoutingTableManager> check = RoutingTableManager::ForNode(CreateObject<Node>());
    RoutingTableManager::ClientId cc = check->RegisterClient(RtmFamily::Ip, 8, 0, Callback<void>());
    for (const Spec& s : fill)
    {
        check->AddRoute(cc, MakeRoute(s), inf);
    }
    return check;
}

/// The answers of Ipv4StaticRouting::RouteOutput, one per destination looked up.
struct StaticAnswers
{
    std::vector<bool> found;        //!< a route was found
    std::vector<uint32_t> gateways; //!< its gateway, host order (0 if none)
};

/**
 * @brief Measure the lookups of Ipv4StaticRouting: RouteOutput with a packet-less header, until
 *        done or out of time.
 * @param sr the routing, filled
 * @param dests the destinations, each looked up at most once
 * @param lookups lookups at most
 * @param budget CPU seconds at most
 * @param res the lookup rate and the lookups done (out)
 * @return the answers
 */
StaticAnswers
MeasureStaticLookups(const Ptr<Ipv4StaticRouting>& sr,
                     const std::vector<uint32_t>& dests,
                     uint64_t lookups,
                     double budget,
                     Result* res)
{
    StaticAnswers answers;
    Ipv4Header h;
    Socket::SocketErrno err;
    uint64_t done = 0;
    double t0 = rtmbench::ThreadCpuSeconds();
    while (done < lookups && done < dests.size())
    {
        h.SetDestination(Ipv4Address(dests[done]));
        Ptr<Ipv4Route> rt = sr->RouteOutput(nullptr, h, nullptr, err);
        answers.found.push_back(rt != nullptr);
        answers.gateways.push_back(rt ? rt->GetGateway().Get() : 0);
        ++done;
        if ((done & 7) == 0 && rtmbench::ThreadCpuSecondsSince(t0) > budget)
        {
            break;
        }
    }
    double tLook = rtmbench::ThreadCpuSecondsSince(t0);
    res->staticLookupRate = done / tLook;
    res->staticLookups = done;
    return answers;
}

/**
 * @brief Count the answers of Ipv4StaticRouting that differ from the RTM's.
 * @param check a manager holding the same routes
 * @param dests the destinations, in the order looked up
 * @param answers the answers of Ipv4StaticRouting
 * @return the number of destinations whose answers differ
 */
uint64_t
CountMismatches(const Ptr<RoutingTableManager>& check,
                const std::vector<uint32_t>& dests,
                const StaticAnswers& answers)
{
    uint64_t mismatches = 0;
    for (uint64_t i = 0; i < answers.found.size(); ++i)
    {
        uint32_t iface;
        uint32_t nh = 0;
        bool ok = check->LookupIpNextHop(static_cast<uint32_t>(dests[i]), &iface, &nh);
        if (ok != answers.found[i] || (ok && nh != answers.gateways[i]))
        {
            ++mismatches;
        }
    }
    return mismatches;
}

/**
 * @brief Measure ns-3's Ipv4StaticRouting at one size, unless its fill (O(n^2), estimated from
 *        the last size) would exceed the budget; print its line if it ran.
 * @param w the workload
 * @param o the options (lookups, staticBudget)
 * @param budget the time spent so far and the cost of the fill (in, out)
 * @param res the Ipv4StaticRouting figures, or why it was skipped (out)
 */
void
MeasureStatic(const Workload& w, const Options& o, StaticBudget* budget, Result* res)
{
    const uint32_t n = res->n;
    double estimate = budget->costPerVisit * 0.5 * n * static_cast<double>(n);
    double lookupBudget = 2.0;
    if (budget->costPerVisit > 0 && budget->spent + estimate + lookupBudget > o.staticBudget)
    {
        char buf[96];
        std::snprintf(buf, sizeof(buf), "skipped: fill estimated at %.0f s", estimate);
        res->staticNote = buf;
        return;
    }
    double tStatic = rtmbench::ThreadCpuSeconds();
    Ptr<Ipv4> ipv4 = MakeStaticNode();
    Ptr<Ipv4StaticRouting> sr = CreateObject<Ipv4StaticRouting>();
    sr->SetIpv4(ipv4);
    double tAdd = MeasureStaticFill(sr, w.fill, res);
    budget->costPerVisit = std::max(budget->costPerVisit, tAdd / (0.5 * n * double(n)));
    Ptr<RoutingTableManager> check = MakeReferenceManager(w.fill);
    double lookupTime = std::min(lookupBudget, o.staticBudget - budget->spent - tAdd);
    StaticAnswers answers = MeasureStaticLookups(sr, w.dests, o.lookups, lookupTime, res);
    res->staticMismatches = CountMismatches(check, w.dests, answers);
    check->Dispose();
    sr->Dispose();
    ipv4->GetObject<Node>()->Dispose();
    res->staticRan = true;
    budget->spent += rtmbench::ThreadCpuSecondsSince(tStatic);
    std::printf("[n=%u] Ipv4StaticRouting add %s/s (%.1f us/route at the end), "
                "lookups %s/s (%" PRIu64 " done, %" PRIu64
                " answers differ from RTM), %.1f B/route heap; %.1f s spent\n",
                n,
                Rate(res->staticAddRate).c_str(),
                res->staticAddUsAtN,
                Rate(res->staticLookupRate).c_str(),
                res->staticLookups,
                res->staticMismatches,
                res->staticBytesPerRoute,
                budget->spent);
    std::fflush(stdout);
}

/**
 * @brief Measure one size: the RTM, then (if asked) Ipv4StaticRouting, printing as it goes.
 * @param n routes
 * @param o the options
 * @param budget the time Ipv4StaticRouting has taken so far (in, out)
 * @return the figures
 */
Result
MeasureSize(uint32_t n, const Options& o, StaticBudget* budget)
{
    Result res;
    res.n = n;
    Workload w = MakeWorkload(n, o);
    MeasureRtm(w, o, &res);
    PrintRtmLine(res);
    if (o.runStatic)
    {
        MeasureStatic(w, o, budget, &res);
    }
    else
    {
        res.staticNote = "not run (--static=0)";
    }
    if (!res.staticRan && !res.staticNote.empty())
    {
        std::printf("[n=%u] Ipv4StaticRouting %s\n", n, res.staticNote.c_str());
    }
    return res;
}

/**
 * @brief Print the summary table of the RTM rates.
 * @param results the figures of every size
 * @param ahead the distance of the hinted churn
 */
void
PrintRateTable(const std::vector<Result>& results, uint32_t ahead)
{
    std::printf(
        "\n=== RoutingTableManager (IP table, one client PROTO_IP_RIP, best-route upkeep on)"
        " ===\n");
    std::printf("rates: operations per CPU second of one thread; churn = delete a random route"
                " + add a new one, counted as 2 ops; hinted: the same steps, each first calling"
                " RoutingTableManager::Prefetch on the networks of the step %u further on\n",
                ahead);
    std::printf("%9s | %9s %9s %9s %9s | %9s %9s %9s %9s %9s\n",
                "routes",
                "add/s",
                "delete/s",
                "churn/s",
                "hinted/s",
                "cold lk/s",
                "NextHop/s",
                "Dest/s",
                "facade/s",
                "table/s");
    for (const Result& r : results)
    {
        std::printf("%9u | %9s %9s %9s %9s | %9s %9s %9s %9s %9s\n",
                    r.n,
                    Rate(r.addRate).c_str(),
                    Rate(r.deleteRate).c_str(),
                    Rate(r.churnRate).c_str(),
                    Rate(r.hintedChurnRate).c_str(),
                    Rate(r.coldLookupRate).c_str(),
                    Rate(r.nextHopRate).c_str(),
                    Rate(r.destRate).c_str(),
                    Rate(r.facadeRate).c_str(),
                    Rate(r.tableRate).c_str());
    }
    std::printf("(cold: first LookupIpNextHop pass after the fill; NextHop/Dest: "
                "RoutingTableManager::LookupIpNextHop/LookupIpDestination; facade: "
                "rtmv1::RtmLookupIPDestination; table: RtmTable::LookupIp+GetHop inlined, no "
                "manager)\n");
}

/**
 * @brief Print the summary table of the RTM bytes per route.
 * @param results the figures of every size
 */
void
PrintMemoryTable(const std::vector<Result>& results)
{
    std::printf("\nbytes per route: reported = GetMemoryUsage()/N, heap = mallinfo2 "
                "(uordblks+hblkhd) growth / N\n");
    std::printf("%9s | %9s %9s | %9s %9s | %9s %9s\n",
                "routes",
                "fill rep",
                "fill heap",
                "cmpl rep",
                "cmpl heap",
                "churn rep",
                "empty rep");
    for (const Result& r : results)
    {
        std::printf("%9u | %9.1f %9.1f | %9.1f %9.1f | %9.1f %9.1f\n",
                    r.n,
                    r.reportedBytesPerRoute,
                    r.heapBytesPerRoute,
                    r.reportedCompiled,
                    r.heapCompiled,
                    r.reportedAfterChurn,
                    r.reportedAfterDelete);
    }
    std::printf("(fill: right after the fill; cmpl: after the lookups compiled the LPM chunks; "
                "churn: after the churn, N routes; empty: after deleting all, still per N)\n");
}

/**
 * @brief Print the summary table of Ipv4StaticRouting and the RTM/static ratios.
 * @param results the figures of every size
 */
void
PrintStaticTable(const std::vector<Result>& results)
{
    std::printf("\n=== Ipv4StaticRouting (same prefixes, same destinations) and RTM/static "
                "ratios ===\n");
    std::printf("%9s | %9s %10s %9s %9s | %9s %9s %9s %9s\n",
                "routes",
                "add/s",
                "us/add@N",
                "lookup/s",
                "B/rt heap",
                "add x",
                "Dest x",
                "NextHop x",
                "mem x");
    for (const Result& r : results)
    {
        if (!r.staticRan)
        {
            std::printf("%9u | %s\n", r.n, r.staticNote.c_str());
            continue;
        }
        char mem[32];
        std::snprintf(mem, sizeof(mem), "%.2f", r.heapCompiled / r.staticBytesPerRoute);
        std::printf("%9u | %9s %10.2f %9s %9.1f | %9s %9s %9s %9s\n",
                    r.n,
                    Rate(r.staticAddRate).c_str(),
                    r.staticAddUsAtN,
                    Rate(r.staticLookupRate).c_str(),
                    r.staticBytesPerRoute,
                    Ratio(r.addRate, r.staticAddRate).c_str(),
                    Ratio(r.destRate, r.staticLookupRate).c_str(),
                    Ratio(r.nextHopRate, r.staticLookupRate).c_str(),
                    mem);
    }
    std::printf("(ratios: RTM rate / Ipv4StaticRouting rate: add = fill rates, Dest x = "
                "LookupIpDestination vs RouteOutput; mem x: RTM heap bytes per route "
                "(compiled) / Ipv4StaticRouting heap bytes per route)\n");
}

/**
 * @brief Print whether the targets are met: churn at 1M routes, lookups at 100k, bytes per
 *        route at every size.
 * @param results the figures of every size
 * @param ahead the distance of the hinted churn
 */
void
PrintTargets(const std::vector<Result>& results, uint32_t ahead)
{
    std::printf("\n=== targets ===\n");
    for (const Result& r : results)
    {
        if (r.n == 1000000)
        {
            std::printf("add-or-delete at 1M routes >= 2 M ops/s: one at a time %s/s %s; "
                        "hinted %u ahead %s/s %s\n",
                        Rate(r.churnRate).c_str(),
                        r.churnRate >= 2e6 ? "MET" : "MISSED",
                        ahead,
                        Rate(r.hintedChurnRate).c_str(),
                        r.hintedChurnRate >= 2e6 ? "MET" : "MISSED");
        }
        if (r.n == 100000)
        {
            std::printf("lookups at 100k prefixes >= 50 M/s (one core): LookupIpNextHop %s/s %s, "
                        "LookupIpDestination %s/s %s, RtmLookupIPDestination %s/s %s\n",
                        Rate(r.nextHopRate).c_str(),
                        r.nextHopRate >= 50e6 ? "MET" : "MISSED",
                        Rate(r.destRate).c_str(),
                        r.destRate >= 50e6 ? "MET" : "MISSED",
                        Rate(r.facadeRate).c_str(),
                        r.facadeRate >= 50e6 ? "MET" : "MISSED");
        }
        double worst = std::max(std::max(r.reportedBytesPerRoute, r.heapBytesPerRoute),
                                std::max(r.reportedCompiled, r.heapCompiled));
        std::printf("bytes/route at %u routes <= 128: reported %.1f (compiled %.1f), heap %.1f "
                    "(compiled %.1f)  %s\n",
                    r.n,
                    r.reportedBytesPerRoute,
                    r.reportedCompiled,
                    r.heapBytesPerRoute,
                    r.heapCompiled,
                    worst <= 128 ? "MET" : "MISSED");
    }
}

} // namespace

int
main(int argc, char* argv[])
{
    Options o;
    CommandLine cmd(__FILE__);
    ParseOptions(cmd, argc, argv, &o);
    if (o.inRun)
    {
        Simulator::Run(); // no events: it only ends ns-3's marking of Time objects
    }
    std::vector<uint32_t> sizes = rtmbench::ParseSizes(o.sizesText);
    PrintHeader(o);

    std::vector<Result> results;
    StaticBudget budget;
    auto wholeRun = rtmbench::WallClock::now();
    for (uint32_t n : sizes)
    {
        results.push_back(MeasureSize(n, o, &budget));
    }

    PrintRateTable(results, o.ahead);
    PrintMemoryTable(results);
    if (o.runStatic)
    {
        PrintStaticTable(results);
    }
    PrintTargets(results, o.ahead);
    std::printf("total run time %.1f s (wall clock)\n", rtmbench::WallSecondsSince(wholeRun));
    Simulator::Destroy();
    return 0;
}
