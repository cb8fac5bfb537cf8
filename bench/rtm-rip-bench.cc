/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm-rip-bench: cold-start convergence of RIP on a grid of point-to-point links, the module's
 * RtmRipAgent (RIPv2 over each node's Routing Table Manager, forwarding by RtmIpv4Routing)
 * against ns-3's own Rip (RipHelper), with the same topology, addresses and timers.
 *
 * Topology: a rows x cols grid (default 20 x 20 = 400 nodes, 760 links), one /30 per link, built
 * by RtmTopologyHelper for both variants.
 *
 * Convergence: every --check seconds of simulated time (default 1 s) the same test runs on both
 * variants: every node must have a route to every link network with the oracle's metric (hop
 * distance to the nearer end of the link, plus 1: both implementations give a directly
 * connected network metric 1 and add 1 per hop). Networks whose metric would reach infinity are
 * excluded (with --infinity=16 on a 20 x 20 grid, whose diameter is 38 hops, RIP cannot reach
 * them); --infinity=64 (the default) makes every network reachable, so that convergence is
 * literally "all nodes have routes to all networks" (ns-3's Rip: attribute LinkDownValue; the
 * agent: Infinity). The test stops at the first node that is not converged and its own run time
 * is subtracted from the wall time reported, so it costs neither variant anything. The
 * simulation stops as soon as the test passes.
 *
 * Figures: wall seconds of Simulator::Run (steady clock, minus the checks), simulated time of
 * convergence, peak resident memory of the process (VmHWM from /proc/self/status) and resident
 * memory after the set-up (VmRSS), messages sent. Each variant runs in its own process (getrusage
 * and VmHWM are per process): --impl=rtm or --impl=ns3 runs one; --impl=both (the default) runs
 * this program twice as children (fork + exec of /proc/self/exe), prints both, their ratios, and
 * compares the final tables: the metric of every (node, network) must be the same.
 *
 * Usage: rtm-rip-bench [--impl=both|rtm|ns3] [--rows=20] [--cols=20] [--infinity=64]
 *                      [--check=1] [--maxTime=600] [--period=30] [--timeout=180] [--gc=120]
 *                      [--minTriggered=1] [--maxTriggered=5] [--seed=1] [--dump=<file>]
 */

#include "rtm-bench-util.h"
#include "rtm-grid-convergence.h"

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/rip-helper.h"
#include "ns3/rip.h"
#include "ns3/routing-table-manager.h"
#include "ns3/rtm-function-callback.h"
#include "ns3/rtm-helper.h"
#include "ns3/rtm-rip-agent.h"
#include "ns3/rtm-rip-helper.h"
#include "ns3/rtm-topology-generator.h"
#include "ns3/rtm-topology-helper.h"
#include "ns3/rtm-topology-oracle.h"

#include <cstdio>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

using namespace ns3;

namespace
{

/// The parameters shared by both variants.
struct Params
{
    std::string impl{"both"};
    uint32_t rows{20};
    uint32_t cols{20};
    uint32_t infinity{64};
    double check{1};
    double maxTime{600};
    double period{30};
    double timeout{180};
    double gc{120};
    double minTriggered{1};
    double maxTriggered{5};
    uint32_t seed{1};
    std::string dump;
};

/// One variant's run.
class Run : public rtmbench::GridConvergence
{
  public:
    explicit Run(const Params& p)
        : GridConvergence(p.rows, p.cols, p.check),
          m_p(p)
    {
    }

    int Main()
    {
        RngSeedManager::SetSeed(m_p.seed);
        auto t0 = rtmbench::WallClock::now();
        bool rtm = m_p.impl == "rtm";
        if (rtm)
        {
            RtmHelper routing;
            m_th.Install(m_topology, routing);
            RtmRipHelper rip;
            SetTimers(rip, "MinTriggeredUpdateDelay", "MaxTriggeredUpdateDelay", "Infinity");
            m_agents = rip.Install(m_th.GetNodes());
            rip.AssignStreams(m_th.GetNodes(), 100);
            for (uint32_t v = 0; v < m_topology.GetNVertices(); ++v)
            {
                Ptr<RoutingTableManager> mgr = m_th.GetNode(v)->GetObject<RoutingTableManager>();
                mgr->TraceConnectWithoutContext(
                    "RouteAdded",
                    RtmMakeCallback<void, RtmFamily, const RtmRoute&>(
                        [this](RtmFamily, const RtmRoute&) { ++m_rtmAdds; }));
                mgr->TraceConnectWithoutContext(
                    "RouteUpdated",
                    RtmMakeCallback<void, RtmFamily, const RtmRoute&, const RtmRoute&>(
                        [this](RtmFamily, const RtmRoute&, const RtmRoute&) { ++m_rtmUpdates; }));
            }
        }
        else
        {
            RipHelper rip;
            SetTimers(rip, "MinTriggeredCooldown", "MaxTriggeredCooldown", "LinkDownValue");
            m_th.Install(m_topology, rip);
            rip.AssignStreams(m_th.GetNodes(), 100);
        }
        // Sent messages, the same way for both: UDP datagrams to port 520 leaving a node.
        Config::ConnectWithoutContext(
            "/NodeList/*/$ns3::Ipv4L3Protocol/Tx",
            RtmMakeCallback<void, Ptr<const Packet>, Ptr<Ipv4>, uint32_t>(
                [this](Ptr<const Packet>, Ptr<Ipv4>, uint32_t) { ++m_tx; }));
        auto t1 = rtmbench::WallClock::now();
        long setupRss = rtmbench::StatusKb("VmRSS");
        long setupAnon = rtmbench::StatusKb("RssAnon"); // heap and stacks
        long setupFile = rtmbench::StatusKb("RssFile"); // code and data, program and libraries

        RunTime times = RunUntilConverged();
        double cpu = times.cpu;
        double run = times.wall;
        uint64_t tableBytes = 0;
        if (rtm)
        {
            for (uint32_t v = 0; v < m_topology.GetNVertices(); ++v)
            {
                tableBytes += m_th.GetNode(v)->GetObject<RoutingTableManager>()->GetMemoryUsage();
            }
        }
        long hwm = rtmbench::StatusKb("VmHWM");

        std::cout << "RESULT impl=" << m_p.impl << " nodes=" << m_topology.GetNVertices()
                  << " links=" << m_topology.GetNEdges() << " infinity=" << m_p.infinity
                  << " converged=" << (IsConverged() ? 1 : 0) << " sim_s=" << std::fixed
                  << std::setprecision(1) << (IsConverged() ? m_converged.GetSeconds() : -1)
                  << " wall_s=" << std::setprecision(3) << run << " cpu_s=" << cpu
                  << " setup_s=" << rtmbench::WallSeconds(t0, t1) << " check_s=" << m_checks.Wall()
                  << " peak_kb=" << hwm << " setup_rss_kb=" << setupRss
                  << " setup_anon_kb=" << setupAnon << " setup_file_kb=" << setupFile
                  << " messages=" << m_tx << " routes=" << m_lastRoutes
                  << " rtm_tables_kb=" << tableBytes / 1024 << " rtm_adds=" << m_rtmAdds
                  << " rtm_updates=" << m_rtmUpdates << std::endl;
        if (!m_p.dump.empty())
        {
            Dump(m_p.dump);
        }
        Simulator::Destroy();
        return IsConverged() ? 0 : 2;
    }

  private:
    /**
     * The timers of the parameters, the same for both variants, whose attribute names differ
     * only for the triggered-update delays and infinity.
     * @param rip RtmRipHelper or RipHelper
     * @param minTriggered the name of the smallest triggered-update delay
     * @param maxTriggered the name of the largest triggered-update delay
     * @param infinity the name of the infinity metric
     */
    template <typename H>
    void SetTimers(H& rip,
                   const char* minTriggered,
                   const char* maxTriggered,
                   const char* infinity) const
    {
        rip.Set("UnsolicitedRoutingUpdate", TimeValue(Seconds(m_p.period)));
        rip.Set("TimeoutDelay", TimeValue(Seconds(m_p.timeout)));
        rip.Set("GarbageCollectionDelay", TimeValue(Seconds(m_p.gc)));
        rip.Set(minTriggered, TimeValue(Seconds(m_p.minTriggered)));
        rip.Set(maxTriggered, TimeValue(Seconds(m_p.maxTriggered)));
        rip.Set("StartupDelay", TimeValue(Seconds(1)));
        rip.Set(infinity, UintegerValue(m_p.infinity));
    }

    /// One node's routes: network -> metric.
    using Table = std::map<uint32_t, uint32_t>;

    /// The node's routes, read from the implementation (RTM best routes, or Rip's table).
    Table Read(uint32_t v) const
    {
        Table t;
        Ptr<Node> node = m_th.GetNode(v);
        if (m_p.impl == "rtm")
        {
            Ptr<RoutingTableManager> rtm = node->GetObject<RoutingTableManager>();
            for (uint32_t e = 0; e < m_topology.GetNEdges(); ++e)
            {
                RtmRoute r;
                uint32_t net = m_th.GetNetwork(e).Get();
                if (rtm->IsRoute(RtmFamily::Ip, Key(e), &r))
                {
                    // a connected route counts as metric 1, as in Rip's table
                    t[net] = r.protocol == RtmRipAgent::PROTOCOL ? r.GetIpMetric() : 1;
                }
            }
        }
        else
        {
            Ptr<Rip> rip = DynamicCast<Rip>(node->GetObject<Ipv4>()->GetRoutingProtocol());
            std::ostringstream os;
            rip->PrintRoutingTable(Create<OutputStreamWrapper>(&os), Time::S);
            std::istringstream is(os.str());
            std::string line;
            while (std::getline(is, line))
            {
                std::istringstream ls(line);
                std::string dest;
                std::string gw;
                std::string mask;
                std::string flags;
                uint32_t metric;
                if (!(ls >> dest >> gw >> mask >> flags >> metric) || flags[0] != 'U')
                {
                    continue;
                }
                if (mask == "255.255.255.252")
                {
                    t[Ipv4Address(dest.c_str()).Get()] = metric;
                }
            }
        }
        return t;
    }

    /// Expected metric of edge e at vertex v (0: beyond infinity).
    uint32_t Expected(uint32_t v, uint32_t e) const
    {
        uint64_t d = std::min(m_oracle.GetDistance(v, m_topology.GetEdgeSource(e)),
                              m_oracle.GetDistance(v, m_topology.GetEdgeTarget(e)));
        return d + 1 < m_p.infinity ? static_cast<uint32_t>(d + 1) : 0;
    }

    /// Whether node v has exactly the expected routes.
    bool Converged(uint32_t v, uint64_t* routes) const
    {
        Table t = Read(v);
        *routes += t.size();
        for (uint32_t e = 0; e < m_topology.GetNEdges(); ++e)
        {
            uint32_t want = Expected(v, e);
            auto it = t.find(m_th.GetNetwork(e).Get());
            if (want == 0 ? it != t.end() : (it == t.end() || it->second != want))
            {
                return false;
            }
        }
        return true;
    }

    bool AllConverged() override
    {
        bool all = true;
        uint64_t routes = 0;
        for (uint32_t v = 0; v < m_topology.GetNVertices() && all; ++v)
        {
            all = Converged(v, &routes);
        }
        m_lastRoutes = routes;
        return all;
    }

    bool GiveUp() const override
    {
        return Simulator::Now().GetSeconds() + m_p.check > m_p.maxTime;
    }

    void Dump(const std::string& path) const
    {
        std::ofstream f(path);
        for (uint32_t v = 0; v < m_topology.GetNVertices(); ++v)
        {
            for (const auto& [net, metric] : Read(v))
            {
                f << v << " " << Ipv4Address(net) << " " << metric << "\n";
            }
        }
    }

    Params m_p;
    std::vector<Ptr<RtmRipAgent>> m_agents;
    uint64_t m_tx{0};
    uint64_t m_lastRoutes{0};
    uint64_t m_rtmAdds{0};
    uint64_t m_rtmUpdates{0};
};

/// Parse "key=value" pairs of a RESULT line.
std::map<std::string, std::string>
ParseResult(const std::string& text)
{
    std::map<std::string, std::string> kv;
    std::istringstream is(text.substr(text.find("RESULT")));
    std::string item;
    while (is >> item)
    {
        std::size_t eq = item.find('=');
        if (eq != std::string::npos)
        {
            kv[item.substr(0, eq)] = item.substr(eq + 1);
        }
    }
    return kv;
}

/// Run this program as a child with extra arguments; return its output.
std::string
Child(const std::vector<std::string>& args, int* status)
{
    int fd[2];
    if (pipe(fd) != 0)
    {
        *status = -1;
        return "";
    }
    pid_t pid = fork();
    if (pid == 0)
    {
        dup2(fd[1], STDOUT_FILENO);
        close(fd[0]);
        close(fd[1]);
        std::vector<char*> argv;
        std::string self = "/proc/self/exe";
        argv.push_back(const_cast<char*>(self.c_str()));
        for (const std::string& a : args)
        {
            argv.push_back(const_cast<char*>(a.c_str()));
        }
        argv.push_back(nullptr);
        execv(self.c_str(), argv.data());
        _exit(127);
    }
    close(fd[1]);
    std::string out;
    char buf[4096];
    ssize_t n;
    while ((n = read(fd[0], buf, sizeof(buf))) > 0)
    {
        out.append(buf, static_cast<std::size_t>(n));
    }
    close(fd[0]);
    waitpid(pid, status, 0);
    return out;
}

/// Read a dump: (node, network) -> metric.
std::map<std::pair<uint32_t, std::string>, uint32_t>
ReadDump(const std::string& path)
{
    std::map<std::pair<uint32_t, std::string>, uint32_t> m;
    std::ifstream f(path);
    uint32_t v;
    std::string net;
    uint32_t metric;
    while (f >> v >> net >> metric)
    {
        m[{v, net}] = metric;
    }
    return m;
}

/**
 * @brief Parse the command line.
 * @param argc the argument count of main
 * @param argv the arguments of main
 * @return the parameters
 */
Params
ParseParams(int argc, char* argv[])
{
    Params p;
    CommandLine cmd(__FILE__);
    cmd.AddValue("impl", "both | rtm | ns3", p.impl);
    cmd.AddValue("rows", "grid rows", p.rows);
    cmd.AddValue("cols", "grid columns", p.cols);
    cmd.AddValue("infinity", "RIP infinity of both (16 is RFC 2453's)", p.infinity);
    cmd.AddValue("check", "convergence test period, simulated seconds", p.check);
    cmd.AddValue("maxTime", "give up after this simulated time, seconds", p.maxTime);
    cmd.AddValue("period", "unsolicited update period, seconds", p.period);
    cmd.AddValue("timeout", "route timeout, seconds", p.timeout);
    cmd.AddValue("gc", "garbage-collection time, seconds", p.gc);
    cmd.AddValue("minTriggered", "smallest triggered-update delay, seconds", p.minTriggered);
    cmd.AddValue("maxTriggered", "largest triggered-update delay, seconds", p.maxTriggered);
    cmd.AddValue("seed", "random seed", p.seed);
    cmd.AddValue("dump", "write the final tables to this file", p.dump);
    cmd.Parse(argc, argv);
    return p;
}

/**
 * @brief The arguments both children get: every parameter but impl and dump.
 * @param p the parameters
 * @return the arguments
 */
std::vector<std::string>
SharedArguments(const Params& p)
{
    return {"--rows=" + std::to_string(p.rows),
            "--cols=" + std::to_string(p.cols),
            "--infinity=" + std::to_string(p.infinity),
            "--check=" + std::to_string(p.check),
            "--maxTime=" + std::to_string(p.maxTime),
            "--period=" + std::to_string(p.period),
            "--timeout=" + std::to_string(p.timeout),
            "--gc=" + std::to_string(p.gc),
            "--minTriggered=" + std::to_string(p.minTriggered),
            "--maxTriggered=" + std::to_string(p.maxTriggered),
            "--seed=" + std::to_string(p.seed)};
}

/// The RESULT line of each variant ("rtm", "ns3"), as key=value pairs.
using Results = std::map<std::string, std::map<std::string, std::string>>;

/**
 * @brief Run both variants as children, each dumping its final tables to tmp-<impl>.txt; print
 *        their output.
 * @param p the parameters
 * @param tmp the prefix of the dump files
 * @param results the RESULT line of each (out)
 * @return false (after saying so on stderr) if a child printed no RESULT line
 */
bool
RunVariants(const Params& p, const std::string& tmp, Results* results)
{
    const std::vector<std::string> shared = SharedArguments(p);
    for (const std::string impl : {"rtm", "ns3"})
    {
        std::vector<std::string> args = shared;
        args.push_back("--impl=" + impl);
        args.push_back("--dump=" + tmp + "-" + impl + ".txt");
        int status = 0;
        std::string out = Child(args, &status);
        std::cout << out;
        if (out.find("RESULT") == std::string::npos)
        {
            std::cerr << impl << " failed (status " << status << ")\n";
            return false;
        }
        (*results)[impl] = ParseResult(out);
    }
    return true;
}

/**
 * @brief Print the ratios rtm/ns3 of wall and CPU time, peak memory, memory above the set-up
 *        and simulated convergence time.
 * @param results the RESULT lines of both variants
 */
void
PrintRatios(Results& results)
{
    auto num = [&](const std::string& impl, const std::string& key) {
        return std::stod(results[impl][key]);
    };
    std::cout << std::fixed << std::setprecision(3) << "ratio rtm/ns3: wall "
              << num("rtm", "wall_s") / num("ns3", "wall_s") << ", cpu "
              << num("rtm", "cpu_s") / num("ns3", "cpu_s") << ", peak memory "
              << num("rtm", "peak_kb") / num("ns3", "peak_kb") << ", memory above set-up "
              << (num("rtm", "peak_kb") - num("rtm", "setup_rss_kb")) /
                     (num("ns3", "peak_kb") - num("ns3", "setup_rss_kb"))
              << ", simulated convergence time " << num("rtm", "sim_s") / num("ns3", "sim_s")
              << "\n";
}

/**
 * @brief Compare the final tables of both variants; print the first differences (at most 5)
 *        and the count.
 * @param tmp the prefix of the dump files
 * @return the number of (node, network) pairs whose metric or presence differ
 */
uint64_t
CompareDumps(const std::string& tmp)
{
    auto a = ReadDump(tmp + "-rtm.txt");
    auto b = ReadDump(tmp + "-ns3.txt");
    uint64_t differ = 0;
    for (const auto& [key, metric] : a)
    {
        auto it = b.find(key);
        if (it == b.end() || it->second != metric)
        {
            if (differ++ < 5)
            {
                std::cout << "  differs: node " << key.first << " " << key.second << " rtm "
                          << metric << " ns3 " << (it == b.end() ? 0 : it->second) << "\n";
            }
        }
    }
    for (const auto& [key, metric] : b)
    {
        differ += a.count(key) ? 0 : 1;
    }
    std::cout << "routes compared: " << a.size() << " (rtm) vs " << b.size() << " (ns3), " << differ
              << " differ in metric or presence\n";
    return differ;
}

} // namespace

int
main(int argc, char* argv[])
{
    Params p = ParseParams(argc, argv);
    if (p.impl == "rtm" || p.impl == "ns3")
    {
        Run run(p);
        return run.Main();
    }
    if (p.impl != "both")
    {
        std::cerr << "--impl must be both, rtm or ns3\n";
        return 1;
    }
    std::string tmp = "/tmp/rtm-rip-bench-" + std::to_string(getpid());
    Results results;
    if (!RunVariants(p, tmp, &results))
    {
        return 1;
    }
    PrintRatios(results);
    uint64_t differ = CompareDumps(tmp);
    std::remove((tmp + "-rtm.txt").c_str());
    std::remove((tmp + "-ns3.txt").c_str());
    return differ == 0 ? 0 : 3;
}
