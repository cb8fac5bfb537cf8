/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm-ospf-bench: cold-start convergence of the link-state agent (RtmOspfAgent over each node's
 * Routing Table Manager, forwarding by RtmIpv4Routing) on a grid of point-to-point links.
 *
 * Topology: a rows x cols grid (default 20 x 20 = 400 nodes, 760 links; --rows=40 --cols=40 for
 * 1600 nodes, 3120 links), or with --graph=ba an Internet-like Barabasi-Albert graph (m = 2,
 * drawn from --seed) of rows * cols routers; one /30 per link, built by RtmTopologyHelper as in
 * rtm-rip-bench.
 *
 * Timers: the agent's defaults, which are OSPF's (hello 10 s, dead 40 s, retransmit 5 s, refresh
 * 1800 s, MaxAge 3600 s) plus MinLsInterval 1 s, SpfDelay 200 ms, SpfHoldTime 1 s, FloodDelay
 * 5 ms, AckDelay 100 ms. All agents start at time 0 (their first hello within 10 ms), as the RIP
 * benchmark's agents start within their 1 s StartupDelay.
 *
 * Convergence: every --check seconds of simulated time (default 1 s; --check=0.1 for finer
 * times) every node must have a best route to every link network with the oracle's metric (hop
 * distance to the nearer end of the link plus the link's cost 1; a node's own links are
 * connected routes). The check stops at the first node that is not converged and its own run
 * time is subtracted from the wall time reported. The simulation stops when it passes.
 *
 * Figures: wall seconds of Simulator::Run (steady clock, minus the checks), CPU seconds, simulated
 * time of convergence, peak resident memory of the process (VmHWM from /proc/self/status) and
 * resident memory after the set-up (VmRSS), packets and LSAs sent, SPF runs, AddRoute and
 * DeleteRoute calls, the agents' databases and the managers' tables in bytes.
 *
 * Before building, the run's memory is estimated (RtmMemoryEstimate) and compared with
 * --memoryLimit GiB (0: what the machine has); a run that would not fit exits at once with
 * status 3 and the estimate. --share=false gives every database bodies of its own.
 *
 * Usage: rtm-ospf-bench [--rows=20] [--cols=20] [--check=1] [--maxTime=600] [--seed=1]
 *                       [--floodDelay=0.005] [--spfDelay=0.2] [--spfHold=1] [--minLs=1]
 *                       [--memoryLimit=0] [--share=true] [--graph=grid|ba] [--floodBurst=0]
 */

#include "rtm-bench-util.h"
#include "rtm-grid-convergence.h"

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/routing-table-manager.h"
#include "ns3/rtm-helper.h"
#include "ns3/rtm-memory-estimate.h"
#include "ns3/rtm-ospf-agent.h"
#include "ns3/rtm-ospf-helper.h"
#include "ns3/rtm-topology-generator.h"
#include "ns3/rtm-topology-helper.h"
#include "ns3/rtm-topology-oracle.h"

#include <algorithm>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

/// The benchmark's parameters.
struct Params
{
    uint32_t rows{20};
    uint32_t cols{20};
    double check{1};
    double maxTime{600};
    uint32_t seed{1};
    double floodDelay{0.005};
    double spfDelay{0.2};
    double spfHold{1};
    double minLs{1};
    double memoryLimit{0};
    bool share{true};
    std::string graph{"grid"}; //!< grid, or ba: Barabasi-Albert (m = 2) of rows * cols routers
    uint32_t floodBurst{0};    //!< FloodBurst, bytes (0: no limit)
};

/**
 * @param p the parameters
 * @return the topology they ask for
 */
RtmTopology
MakeTopology(const Params& p)
{
    RtmTopologyGenerator gen(p.seed);
    return p.graph == "ba" ? gen.BarabasiAlbert(p.rows * p.cols, 2) : gen.Grid(p.rows, p.cols);
}

/**
 * @param p the parameters
 * @return the topology's name in messages and results
 */
std::string
TopologyName(const Params& p)
{
    std::ostringstream os;
    if (p.graph == "ba")
    {
        os << "Barabasi-Albert graph of " << p.rows * p.cols << " routers";
    }
    else
    {
        os << p.rows << "x" << p.cols << " grid";
    }
    return os.str();
}

/// One run.
class Bench : public rtmbench::GridConvergence
{
  public:
    explicit Bench(const Params& p)
        : GridConvergence(MakeTopology(p), p.check),
          m_p(p)
    {
    }

    int Main()
    {
        RngSeedManager::SetSeed(m_p.seed);
        std::ostringstream what;
        what << "rtm-ospf-bench: a " << TopologyName(m_p) << " with the link-state agent";
        const uint64_t need =
            RtmMemoryEstimate::Estimate(m_topology, RtmMemoryEstimate::Routing::LinkState);
        try
        {
            RtmMemoryEstimate::Check(need,
                                     static_cast<uint64_t>(m_p.memoryLimit * (1 << 30)),
                                     what.str());
        }
        catch (const std::runtime_error& e)
        {
            std::cerr << e.what() << "\n";
            return 3;
        }
        auto t0 = rtmbench::WallClock::now();
        RtmHelper routing;
        m_th.Install(m_topology, routing);
        RtmOspfHelper ospf;
        ospf.Set("FloodDelay", TimeValue(Seconds(m_p.floodDelay)));
        ospf.Set("SpfDelay", TimeValue(Seconds(m_p.spfDelay)));
        ospf.Set("SpfHoldTime", TimeValue(Seconds(m_p.spfHold)));
        ospf.Set("MinLsInterval", TimeValue(Seconds(m_p.minLs)));
        ospf.Set("FloodBurst", UintegerValue(m_p.floodBurst));
        if (!m_p.share)
        {
            ospf.Set("LsaStore", PointerValue());
        }
        m_agents = ospf.Install(m_th.GetNodes());
        RtmOspfHelper::AssignStreams(m_th.GetNodes(), 100);
        for (uint32_t e = 0; e < m_topology.GetNEdges(); ++e)
        {
            m_keys.push_back(Key(e));
        }
        auto t1 = rtmbench::WallClock::now();
        long setupRss = rtmbench::StatusKb("VmRSS");

        RunTime times = RunUntilConverged();
        double cpu = times.cpu;
        double run = times.wall;
        long hwm = rtmbench::StatusKb("VmHWM");
        const uint64_t events = Simulator::GetEventCount();

        RtmOspfAgent::Stats sum;
        uint64_t lsdbBytes = 0;
        uint64_t tableBytes = 0;
        uint64_t routes = 0;
        for (uint32_t v = 0; v < m_topology.GetNVertices(); ++v)
        {
            const RtmOspfAgent::Stats& s = m_agents[v]->GetStats();
            sum.txPackets += s.txPackets;
            sum.txBytes += s.txBytes;
            sum.txHellos += s.txHellos;
            sum.txUpdates += s.txUpdates;
            sum.txAcks += s.txAcks;
            sum.txLsas += s.txLsas;
            sum.retransmittedLsas += s.retransmittedLsas;
            sum.lsasOriginated += s.lsasOriginated;
            sum.spfRuns += s.spfRuns;
            sum.routeAdds += s.routeAdds;
            sum.routeDeletes += s.routeDeletes;
            lsdbBytes += m_agents[v]->GetLsdb().GetMemoryUsage();
            routes += m_agents[v]->GetInstalledRouteCount();
            tableBytes += m_th.GetNode(v)->GetObject<RoutingTableManager>()->GetMemoryUsage();
        }
        std::cout << "RESULT impl=rtm-ospf graph=" << m_p.graph
                  << " nodes=" << m_topology.GetNVertices() << " links=" << m_topology.GetNEdges()
                  << " converged=" << (IsConverged() ? 1 : 0) << std::fixed << std::setprecision(2)
                  << " sim_s=" << (IsConverged() ? m_converged.GetSeconds() : -1)
                  << std::setprecision(3) << " wall_s=" << run << " cpu_s=" << cpu
                  << " setup_s=" << rtmbench::WallSeconds(t0, t1) << " check_s=" << m_checks.Wall()
                  << " peak_kb=" << hwm << " setup_rss_kb=" << setupRss
                  << " packets=" << sum.txPackets << " bytes=" << sum.txBytes
                  << " hellos=" << sum.txHellos << " updates=" << sum.txUpdates
                  << " acks=" << sum.txAcks << " lsas_sent=" << sum.txLsas
                  << " lsas_retransmitted=" << sum.retransmittedLsas
                  << " lsas_originated=" << sum.lsasOriginated << " spf_runs=" << sum.spfRuns
                  << " route_adds=" << sum.routeAdds << " route_deletes=" << sum.routeDeletes
                  << " ospf_routes=" << routes << " lsdb_kb=" << lsdbBytes / 1024
                  << " rtm_tables_kb=" << tableBytes / 1024
                  << " lsa_store_kb=" << ospf.GetLsaStore()->GetMemoryUsage() / 1024
                  << " lsa_bodies=" << ospf.GetLsaStore()->GetMisses() << " events=" << events
                  << " events_per_s=" << static_cast<uint64_t>(events / std::max(run, 1e-9))
                  << " estimate_kb=" << need / 1024
                  << " bytes_per_route=" << (routes == 0 ? 0 : uint64_t(hwm) * 1024 / routes)
                  << std::endl;
        Simulator::Destroy();
        return IsConverged() ? 0 : 2;
    }

  private:
    /// @return true if node v has the oracle's route to every link network
    bool Converged(uint32_t v) const
    {
        Ptr<RoutingTableManager> rtm = m_th.GetNode(v)->GetObject<RoutingTableManager>();
        for (uint32_t e = 0; e < m_topology.GetNEdges(); ++e)
        {
            RtmRoute best;
            if (!rtm->IsRoute(RtmFamily::Ip, m_keys[e], &best))
            {
                return false;
            }
            uint32_t a = m_topology.GetEdgeSource(e);
            uint32_t b = m_topology.GetEdgeTarget(e);
            if (v == a || v == b)
            {
                continue;
            }
            uint64_t d = std::min(m_oracle.GetDistance(v, a), m_oracle.GetDistance(v, b));
            if (best.protocol != RtmOspfAgent::PROTO_IP_OSPF || best.GetIpMetric() != d + 1)
            {
                return false;
            }
        }
        return true;
    }

    bool AllConverged() override
    {
        // start where the last check failed: the slowest nodes are found at once
        for (uint32_t i = 0; i < m_topology.GetNVertices(); ++i)
        {
            uint32_t v = (m_firstBad + i) % m_topology.GetNVertices();
            if (!Converged(v))
            {
                m_firstBad = v;
                return false;
            }
        }
        return true;
    }

    bool GiveUp() const override
    {
        return Simulator::Now() >= Seconds(m_p.maxTime);
    }

    Params m_p;
    std::vector<Ptr<RtmOspfAgent>> m_agents;
    std::vector<uint64_t> m_keys;
    uint32_t m_firstBad{0};
};

} // namespace

int
main(int argc, char* argv[])
{
    Params p;
    CommandLine cmd(__FILE__);
    cmd.AddValue("rows", "grid rows", p.rows);
    cmd.AddValue("cols", "grid columns", p.cols);
    cmd.AddValue("check", "simulated seconds between convergence checks", p.check);
    cmd.AddValue("maxTime", "give up after this many simulated seconds", p.maxTime);
    cmd.AddValue("seed", "random seed", p.seed);
    cmd.AddValue("floodDelay", "FloodDelay, seconds", p.floodDelay);
    cmd.AddValue("spfDelay", "SpfDelay, seconds", p.spfDelay);
    cmd.AddValue("spfHold", "SpfHoldTime, seconds", p.spfHold);
    cmd.AddValue("minLs", "MinLsInterval, seconds", p.minLs);
    cmd.AddValue("memoryLimit",
                 "GiB the run may need (0: what the machine has); larger runs fail at once",
                 p.memoryLimit);
    cmd.AddValue("share", "share LSA bodies between the databases (RtmOspfLsaStore)", p.share);
    cmd.AddValue("graph", "grid, or ba: a Barabasi-Albert graph (m = 2) of rows*cols", p.graph);
    cmd.AddValue("floodBurst",
                 "FloodBurst: bytes of updates an interface sends a round",
                 p.floodBurst);
    cmd.Parse(argc, argv);
    if (p.graph != "grid" && p.graph != "ba")
    {
        std::cerr << "rtm-ospf-bench: --graph must be grid or ba, not '" << p.graph << "'\n";
        return 2;
    }
    Bench bench(p);
    return bench.Main();
}
