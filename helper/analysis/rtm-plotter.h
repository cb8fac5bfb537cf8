/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#ifndef RTM_PLOTTER_H
#define RTM_PLOTTER_H

#include "rtm-scenario.h"

#include "ns3/node-container.h"

#include <string>
#include <vector>

namespace ns3
{

class RtmChurnTracer;
class RtmConvergenceMonitor;

/**
 * @ingroup rtm
 * @brief Writes gnuplot data (.dat) and scripts (.plt) for the monitors' results into an
 * output folder, and renders them to PNG when gnuplot is on the PATH.
 *
 * Plots:
 * - PlotChurn: best-route changes and route entry changes per time bin of an RtmChurnTracer,
 *   with every scenario event as a dashed vertical line labelled with its description;
 * - PlotConvergence: convergence time per epoch of an RtmConvergenceMonitor (boxes, one per
 *   event, labelled with the event), best-route changes on a second axis;
 * - PlotRoutesPerNode: best routes (networks) and route entries of every node's RTM, now.
 *
 * The .dat and .plt files are always written and deterministic (no host time, integer-based
 * number formatting); the .plt scripts name their files relative to the folder, so
 * `cd <folder> && gnuplot <name>.plt` reproduces a PNG by hand. Each Plot* returns true if the
 * PNG was produced.
 */
class RtmPlotter
{
  public:
    /**
     * @brief A plotter writing into a folder (created with its parents if missing).
     * @param outputDir the folder
     */
    explicit RtmPlotter(const std::string& outputDir);

    /// @return true if an executable named gnuplot is on the PATH
    static bool HasGnuplot();

    /**
     * @param run whether Plot* calls gnuplot (default: HasGnuplot())
     */
    void SetRunGnuplot(bool run);

    /**
     * @brief Plot churn over time.
     * @param tracer the tracer (its bins)
     * @param events the events to mark (e.g. RtmScenario::GetTimeline())
     * @param name base name of the files (default "churn")
     * @return true if name.png was produced
     */
    bool PlotChurn(const RtmChurnTracer& tracer,
                   const std::vector<RtmScenarioEvent>& events,
                   const std::string& name = "churn");

    /**
     * @brief Plot convergence time per event.
     * @param monitor the monitor (its epochs)
     * @param name base name of the files (default "convergence")
     * @return true if name.png was produced
     */
    bool PlotConvergence(const RtmConvergenceMonitor& monitor,
                         const std::string& name = "convergence");

    /**
     * @brief Plot the routes of every node's RTM now.
     * @param nodes the nodes (x axis: index in this container)
     * @param name base name of the files (default "routes-per-node")
     * @return true if name.png was produced
     */
    bool PlotRoutesPerNode(const NodeContainer& nodes, const std::string& name = "routes-per-node");

    /// @return the folder
    const std::string& GetOutputDir() const;

    /// @return every file written so far (full paths, in order)
    const std::vector<std::string>& GetWrittenFiles() const;

  private:
    /**
     * @brief Write a file of the folder.
     * @param file the file name
     * @param text the content
     */
    void Write(const std::string& file, const std::string& text);

    /**
     * @brief Render name.plt to name.png.
     * @param name the base name
     * @return true if the PNG exists afterwards
     */
    bool Render(const std::string& name);

    std::string m_dir;                //!< output folder
    bool m_run;                       //!< call gnuplot
    std::vector<std::string> m_files; //!< files written
};

} // namespace ns3

#endif /* RTM_PLOTTER_H */
