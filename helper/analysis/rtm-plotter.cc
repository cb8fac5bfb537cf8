/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#include "rtm-plotter.h"

#include "rtm-churn-tracer.h"
#include "rtm-convergence-monitor.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/routing-table-manager.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmPlotter");

namespace
{

/// A gnuplot string literal (double quotes, escaped).
std::string
Quote(const std::string& s)
{
    std::string out = "\"";
    for (char c : s)
    {
        if (c == '"' || c == '\\')
        {
            out += '\\';
        }
        out += c;
    }
    return out + "\"";
}

/// A shell word in single quotes.
std::string
ShellQuote(const std::string& s)
{
    std::string out = "'";
    for (char c : s)
    {
        if (c == '\'')
        {
            out += "'\\''";
        }
        else
        {
            out += c;
        }
    }
    return out + "'";
}

/// A time in seconds without trailing zeros ("1 s", "0.25 s"), from integer nanoseconds.
std::string
BinText(Time t)
{
    std::string v = RtmChurnTracer::FormatTime(t);
    v.erase(v.find_last_not_of('0') + 1);
    if (!v.empty() && v.back() == '.')
    {
        v.pop_back();
    }
    return v + " s";
}

const char* const TERMINAL = "set terminal pngcairo noenhanced size 1000,600 font \",10\"\n";

} // namespace

RtmPlotter::RtmPlotter(const std::string& outputDir)
    : m_dir(outputDir),
      m_run(HasGnuplot())
{
    std::error_code ec;
    std::filesystem::create_directories(m_dir, ec);
    NS_ABORT_MSG_IF(!std::filesystem::is_directory(m_dir),
                    "RtmPlotter: cannot create " << m_dir << ": " << ec.message());
}

bool
RtmPlotter::HasGnuplot()
{
    const char* path = std::getenv("PATH");
    if (!path)
    {
        return false;
    }
    std::istringstream dirs(path);
    std::string dir;
    while (std::getline(dirs, dir, ':'))
    {
        std::string exe = (dir.empty() ? "." : dir) + "/gnuplot";
        if (access(exe.c_str(), X_OK) == 0)
        {
            return true;
        }
    }
    return false;
}

void
RtmPlotter::SetRunGnuplot(bool run)
{
    m_run = run;
}

const std::string&
RtmPlotter::GetOutputDir() const
{
    return m_dir;
}

const std::vector<std::string>&
RtmPlotter::GetWrittenFiles() const
{
    return m_files;
}

void
RtmPlotter::Write(const std::string& file, const std::string& text)
{
    std::string path = m_dir + "/" + file;
    std::ofstream os(path);
    NS_ABORT_MSG_IF(!os, "RtmPlotter: cannot write " << path);
    os << text;
    m_files.push_back(path);
}

bool
RtmPlotter::Render(const std::string& name)
{
    std::string png = m_dir + "/" + name + ".png";
    if (!m_run)
    {
        return false;
    }
    std::error_code ec;
    std::filesystem::remove(png, ec);
    std::string cmd = "cd " + ShellQuote(m_dir) + " && gnuplot " + ShellQuote(name + ".plt");
    int rc = std::system(cmd.c_str());
    bool ok = rc == 0 && std::filesystem::exists(png);
    if (ok)
    {
        m_files.push_back(png);
    }
    else
    {
        NS_LOG_WARN("gnuplot failed on " << name << ".plt (status " << rc << ")");
    }
    return ok;
}

bool
RtmPlotter::PlotChurn(const RtmChurnTracer& tracer,
                      const std::vector<RtmScenarioEvent>& events,
                      const std::string& name)
{
    const auto& best = tracer.GetBestChangeSeries();
    const auto& route = tracer.GetRouteChangeSeries();
    std::size_t bins = std::max(best.size(), route.size());
    Time w = tracer.GetBinWidth();
    std::ostringstream dat;
    dat << "# bin_start_s best_route_changes route_entry_changes\n";
    for (std::size_t k = 0; k < bins; ++k)
    {
        dat << RtmChurnTracer::FormatTime(w * static_cast<int64_t>(k)) << ' '
            << (k < best.size() ? best[k] : 0) << ' ' << (k < route.size() ? route[k] : 0) << '\n';
    }
    if (bins == 0)
    {
        dat << "0.000000000 0 0\n";
    }
    Write(name + ".dat", dat.str());

    std::ostringstream ev;
    ev << "# time_s description\n";
    for (const RtmScenarioEvent& e : events)
    {
        ev << RtmChurnTracer::FormatTime(e.time) << ' ' << Quote(e.description) << '\n';
    }
    Write(name + "-events.dat", ev.str());

    std::ostringstream plt;
    plt << TERMINAL << "set output " << Quote(name + ".png") << "\n"
        << "set title " << Quote("RTM churn (changes per " + BinText(w) + " bin, all nodes)")
        << "\n"
        << "set xlabel \"simulation time (s)\"\nset ylabel \"changes per bin\"\n"
        << "set grid\nset key below horizontal\nset yrange [0:*]\nset offsets 0, 0, graph 0.15, "
           "0\n";
    for (const RtmScenarioEvent& e : events)
    {
        std::string x = RtmChurnTracer::FormatTime(e.time);
        plt << "set arrow from " << x << ", graph 0 to " << x
            << ", graph 1 nohead lc rgb \"red\" dt 2\n"
            << "set label " << Quote(e.description) << " at " << x
            << ", graph 0.98 right rotate by 90 offset -1,0 tc rgb \"red\" font \",8\"\n";
    }
    plt << "plot " << Quote(name + ".dat")
        << " using 1:2 with steps lw 2 title \"best-route changes\", \\\n     ''"
        << " using 1:3 with steps title \"route entry changes\"\n";
    Write(name + ".plt", plt.str());
    return Render(name);
}

bool
RtmPlotter::PlotConvergence(const RtmConvergenceMonitor& monitor, const std::string& name)
{
    std::ostringstream dat;
    dat << "# epoch event_time_s convergence_s best_changes messages settled event\n";
    for (const auto& e : monitor.GetEpochs())
    {
        dat << e.index << ' ' << RtmChurnTracer::FormatTime(e.eventTime) << ' '
            << RtmChurnTracer::FormatTime(e.convergenceTime) << ' ' << e.bestChanges << ' '
            << e.messages << ' ' << (e.settled ? 1 : 0) << ' ' << Quote(e.description) << '\n';
    }
    if (monitor.GetEpochs().empty())
    {
        dat << "0 0.000000000 0.000000000 0 0 0 \"none\"\n";
    }
    Write(name + ".dat", dat.str());

    std::ostringstream plt;
    plt << TERMINAL << "set output " << Quote(name + ".png") << "\n"
        << "set title \"Convergence time per event\"\n"
        << "set ylabel \"convergence time (s)\"\nset y2label \"best-route changes\"\n"
        << "set ytics nomirror\nset y2tics\nset yrange [0:*]\nset y2range [0:*]\n"
        << "set grid ytics\nset style fill solid 0.5 border -1\nset boxwidth 0.6\n"
        << "set xtics rotate by -30 font \",8\"\nset key top left\n"
        << "plot " << Quote(name + ".dat")
        << " using 1:3:xtic(7) with boxes lc rgb \"steelblue\" title \"convergence time\", \\\n"
        << "     '' using 1:4 axes x1y2 with linespoints pt 7 lc rgb \"dark-red\""
        << " title \"best-route changes\"\n";
    Write(name + ".plt", plt.str());
    return Render(name);
}

bool
RtmPlotter::PlotRoutesPerNode(const NodeContainer& nodes, const std::string& name)
{
    std::ostringstream dat;
    dat << "# node best_routes route_entries\n";
    for (uint32_t i = 0; i < nodes.GetN(); ++i)
    {
        Ptr<RoutingTableManager> rtm = nodes.Get(i)->GetObject<RoutingTableManager>();
        uint32_t nets = rtm ? rtm->GetNetworkCount(RtmFamily::Ip) : 0;
        uint32_t routes = rtm ? rtm->GetRouteCount(RtmFamily::Ip) : 0;
        dat << i << ' ' << nets << ' ' << routes << '\n';
    }
    if (nodes.GetN() == 0)
    {
        dat << "0 0 0\n";
    }
    Write(name + ".dat", dat.str());

    std::ostringstream plt;
    plt << TERMINAL << "set output " << Quote(name + ".png") << "\n"
        << "set title \"IP routes per node\"\nset xlabel \"node\"\nset ylabel \"count\"\n"
        << "set yrange [0:*]\nset offsets 0.5, 0.5, graph 0.1, 0\nset grid ytics\n"
        << "set style fill solid 0.6 border -1\nset boxwidth 0.4 absolute\nset key below "
           "horizontal\n"
        << "plot " << Quote(name + ".dat")
        << " using ($1-0.2):2 with boxes lc rgb \"steelblue\" title \"best routes (networks)\", "
           "\\\n"
        << "     '' using ($1+0.2):3 with boxes lc rgb \"gray60\" title \"route entries\"\n";
    Write(name + ".plt", plt.str());
    return Render(name);
}

} // namespace ns3
