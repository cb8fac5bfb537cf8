/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef RTM_GRID_CONVERGENCE_H
#define RTM_GRID_CONVERGENCE_H

/**
 * @file
 * The harness of the grid convergence benchmarks (rtm-rip-bench, rtm-ospf-bench): the grid, its
 * hop-distance oracle, the network built of it, and the convergence test repeated during the
 * run, whose own time is kept apart so that the run's figures do not include it.
 */

#include "rtm-bench-util.h"

#include "ns3/nstime.h"
#include "ns3/routing-table-manager.h"
#include "ns3/rtm-topology-generator.h"
#include "ns3/rtm-topology-helper.h"
#include "ns3/rtm-topology-oracle.h"
#include "ns3/rtm-topology.h"
#include "ns3/simulator.h"

#include <cstdint>
#include <utility>

namespace ns3
{
namespace rtmbench
{

/**
 * @brief One run of a grid convergence benchmark: a rows x cols grid (RtmTopologyGenerator), or
 *        another topology, and
 *        its hop-distance oracle, the topology helper the benchmark builds the network with, and
 *        a convergence test every check seconds of simulated time. The benchmark says what
 *        converged means (AllConverged) and when to give up (GiveUp); the simulation stops at the
 *        first test that passes.
 */
class GridConvergence
{
  public:
    /**
     * @brief Constructor.
     * @param rows the grid's rows
     * @param cols the grid's columns
     * @param check simulated seconds between two convergence tests
     */
    GridConvergence(uint32_t rows, uint32_t cols, double check)
        : GridConvergence(RtmTopologyGenerator().Grid(rows, cols), check)
    {
    }

    /**
     * @brief Constructor for another topology than a grid (a generated Internet-like graph).
     * @param topology the topology
     * @param check simulated seconds between two convergence tests
     */
    GridConvergence(RtmTopology topology, double check)
        : m_topology(std::move(topology)),
          m_oracle(m_topology, RtmTopologyOracle::Metric::Hop),
          m_check(check)
    {
    }

    virtual ~GridConvergence() = default;

  protected:
    /// Wall and CPU seconds of a run, the convergence tests' own time taken out.
    struct RunTime
    {
        double wall; //!< wall seconds
        double cpu;  //!< CPU seconds (getrusage)
    };

    /**
     * @brief The convergence test, run every check seconds.
     * @return true if the network has converged
     */
    virtual bool AllConverged() = 0;

    /**
     * @brief Whether to stop after a test that failed at the current time.
     * @return true to give up
     */
    virtual bool GiveUp() const = 0;

    /**
     * @brief Run the simulation until a convergence test passes or GiveUp().
     * @return the time of the run, less the tests'
     */
    RunTime RunUntilConverged()
    {
        Simulator::Schedule(Seconds(m_check), &GridConvergence::Check, this);
        Stopwatch sim;
        sim.Start();
        Simulator::Run();
        sim.Stop();
        return {sim.Wall() - m_checks.Wall(), sim.Cpu() - m_checks.Cpu()};
    }

    /// @return true if a convergence test passed
    bool IsConverged() const
    {
        return m_converged >= Seconds(0);
    }

    /**
     * @param e an edge of the grid
     * @return the network key of its link's /30
     */
    uint64_t Key(uint32_t e) const
    {
        return RtmRoute::IpKey(m_th.GetNetwork(e).Get(), RtmTopologyHelper::GetMask().Get());
    }

    RtmTopology m_topology;        //!< the grid
    RtmTopologyOracle m_oracle;    //!< its hop distances
    RtmTopologyHelper m_th;        //!< builds the network (the benchmark installs it)
    Stopwatch m_checks;            //!< the convergence tests' own time
    Time m_converged{Seconds(-1)}; //!< when a test passed, or negative

  private:
    /// @brief One convergence test, timed apart; the next one is scheduled unless it ends the run.
    void Check()
    {
        m_checks.Start();
        bool ok = AllConverged();
        m_checks.Stop();
        if (ok)
        {
            m_converged = Simulator::Now();
            Simulator::Stop();
        }
        else if (GiveUp())
        {
            Simulator::Stop();
        }
        else
        {
            Simulator::Schedule(Seconds(m_check), &GridConvergence::Check, this);
        }
    }

    double m_check; //!< simulated seconds between two tests
};

} // namespace rtmbench
} // namespace ns3

#endif /* RTM_GRID_CONVERGENCE_H */
