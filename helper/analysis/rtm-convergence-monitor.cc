/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#include "rtm-convergence-monitor.h"

#include "rtm-churn-tracer.h"
#include "rtm-scenario.h"

#include "ns3/abort.h"
#include "ns3/event-id.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/routing-table-manager.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <fstream>
#include <iomanip>
#include <limits>
#include <map>
#include <set>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmConvergenceMonitor");

namespace
{
constexpr uint64_t INF = std::numeric_limits<uint64_t>::max() / 4;

std::string
Prefix(Ipv4Address network, Ipv4Mask mask)
{
    std::ostringstream os;
    os << network << "/" << mask.GetPrefixLength();
    return os.str();
}
} // namespace

/// The monitor shared by copies and (weakly) by its trace callbacks and timers.
struct RtmConvergenceMonitor::State : public std::enable_shared_from_this<State>
{
    explicit State(const NodeContainer& n)
        : nodes(n),
          view(n)
    {
    }

    NodeContainer nodes;         //!< the nodes
    RtmDataPlaneCheck view;      //!< view of the network and data-plane check
    Time settle{Seconds(5)};     //!< settle time
    InterfaceCost cost;          //!< interface cost (null: 1)
    bool checkDataPlane{true};   //!< run the data-plane check
    bool expectConnected{true};  //!< expect on-link routes to own networks
    std::size_t maxProblems{50}; //!< problems kept per epoch
    bool installed{false};       //!< Install was called
    std::vector<Epoch> epochs;   //!< epochs so far
    uint64_t totalChanges{0};    //!< best-route changes
    uint64_t totalMessages{0};   //!< protocol messages
    EventId timer;               //!< settle timer

    /// @return the time after which the current epoch may be settled
    Time LastActivity() const
    {
        const Epoch& e = epochs.back();
        return e.changed && e.lastChange > e.eventTime ? e.lastChange : e.eventTime;
    }

    void Open(const std::string& description)
    {
        if (!epochs.empty() && !epochs.back().evaluated)
        {
            Evaluate(false);
        }
        Epoch e;
        e.index = static_cast<uint32_t>(epochs.size());
        e.eventTime = Simulator::Now();
        e.description = description;
        epochs.push_back(e);
        ArmTimer();
    }

    void OnChange()
    {
        ++totalChanges;
        if (epochs.empty())
        {
            return;
        }
        Epoch& e = epochs.back();
        ++e.bestChanges;
        e.changed = true;
        e.lastChange = Simulator::Now();
        e.convergenceTime = e.lastChange - e.eventTime;
        e.messagesToConverge = e.messages;
        e.evaluated = false;
        ArmTimer();
    }

    void OnMessage()
    {
        ++totalMessages;
        if (!epochs.empty())
        {
            ++epochs.back().messages;
            // Messages sent at the instant of the last change count towards convergence.
            Epoch& e = epochs.back();
            if (e.changed && e.lastChange == Simulator::Now())
            {
                e.messagesToConverge = e.messages;
            }
        }
    }

    void ArmTimer()
    {
        if (!timer.IsExpired())
        {
            return;
        }
        Time at = LastActivity() + settle;
        Time delay = at > Simulator::Now() ? at - Simulator::Now() : Time(0);
        std::weak_ptr<State> weak = shared_from_this();
        timer = Simulator::Schedule(delay, [weak]() {
            if (auto st = weak.lock())
            {
                st->OnTimer();
            }
        });
    }

    void OnTimer()
    {
        if (epochs.empty())
        {
            return;
        }
        if (Simulator::Now() >= LastActivity() + settle)
        {
            if (!epochs.back().evaluated)
            {
                Evaluate(true);
            }
        }
        else
        {
            ArmTimer();
        }
    }

    void Evaluate(bool settled)
    {
        Epoch& e = epochs.back();
        e.evaluated = true;
        e.settled = settled;
        e.evaluatedAt = Simulator::Now();
        e.routes = CheckRoutes();
        if (checkDataPlane)
        {
            e.dataPlane = view.CheckAll();
            if (e.dataPlane.problems.size() > maxProblems)
            {
                e.dataPlane.problems.resize(maxProblems);
            }
        }
        NS_LOG_INFO("epoch " << e.index << " (" << e.description << ") evaluated at "
                             << Simulator::Now().GetSeconds() << " s: convergence "
                             << e.convergenceTime.GetSeconds() << " s, routes "
                             << (e.routes.IsOk() ? "ok" : "MISMATCH") << ", data plane "
                             << (e.dataPlane.IsOk() ? "ok" : "FAULTY"));
    }

    uint32_t Cost(uint32_t node, uint32_t interface) const
    {
        if (!cost)
        {
            return 1;
        }
        uint32_t c = cost(node, interface);
        return c == 0 ? 1 : c;
    }

    RouteCheck CheckRoutes() const
    {
        RouteCheck rc;
        const uint32_t n = view.GetN();
        // Current links: x -> y for every pair of up interfaces on one channel.
        typedef boost::adjacency_list<boost::vecS,
                                      boost::vecS,
                                      boost::directedS,
                                      boost::no_property,
                                      boost::property<boost::edge_weight_t, uint64_t>>
            Graph;
        Graph g(n);
        std::vector<std::vector<bool>> ifUp(n);
        for (uint32_t x = 0; x < n; ++x)
        {
            const auto& ifs = view.GetInterfaces(x);
            ifUp[x].assign(ifs.size(), false);
            for (const auto& itf : ifs)
            {
                ifUp[x][itf.index] = itf.index != 0 && view.IsUp(x, itf.index);
            }
        }
        for (uint32_t x = 0; x < n; ++x)
        {
            for (const auto& itf : view.GetInterfaces(x))
            {
                if (!ifUp[x][itf.index])
                {
                    continue;
                }
                for (const auto& [y, j] : itf.neighbours)
                {
                    if (ifUp[y][j])
                    {
                        boost::add_edge(x, y, uint64_t{Cost(x, itf.index)}, g);
                    }
                }
            }
        }
        // All-pairs distances.
        std::vector<std::vector<uint64_t>> dist(n, std::vector<uint64_t>(n, INF));
        for (uint32_t s = 0; s < n; ++s)
        {
            boost::dijkstra_shortest_paths(
                g,
                s,
                boost::distance_map(
                    boost::make_iterator_property_map(dist[s].begin(),
                                                      boost::get(boost::vertex_index, g)))
                    .distance_inf(INF));
        }
        // Networks of up interfaces: key -> attached (node, interface).
        std::map<uint64_t, std::vector<std::pair<uint32_t, uint32_t>>> networks;
        for (uint32_t x = 0; x < n; ++x)
        {
            for (const auto& itf : view.GetInterfaces(x))
            {
                if (!ifUp[x][itf.index] || itf.addresses.empty())
                {
                    continue;
                }
                uint32_t mask = itf.mask.Get();
                uint32_t net = itf.address.Get() & mask;
                networks[RtmRoute::IpKey(net, mask)].emplace_back(x, itf.index);
            }
        }
        // Every network that some node has an interface in (up or down), so that routes to
        // networks that became unreachable are checked too.
        std::set<uint64_t> all;
        for (uint32_t x = 0; x < n; ++x)
        {
            for (const auto& itf : view.GetInterfaces(x))
            {
                if (itf.index != 0 && !itf.addresses.empty())
                {
                    uint32_t mask = itf.mask.Get();
                    all.insert(RtmRoute::IpKey(itf.address.Get() & mask, mask));
                }
            }
        }
        auto distTo = [&](uint32_t x, uint64_t key) {
            uint64_t best = INF;
            auto it = networks.find(key);
            if (it == networks.end())
            {
                return best;
            }
            for (const auto& [r, i] : it->second)
            {
                if (dist[x][r] < INF)
                {
                    best = std::min(best, dist[x][r] + Cost(r, i));
                }
            }
            return best;
        };
        auto report = [&](uint32_t x, uint64_t key, const std::string& what) {
            ++rc.mismatchCount;
            if (rc.mismatches.size() < maxProblems)
            {
                Mismatch m;
                m.node = x;
                m.network = RtmRoute::KeyNetwork(key);
                m.mask = RtmRoute::KeyIpv4Mask(key);
                m.what = what;
                rc.mismatches.push_back(m);
            }
        };
        for (uint32_t x = 0; x < n; ++x)
        {
            Ptr<RoutingTableManager> rtm = view.GetNodes().Get(x)->GetObject<RoutingTableManager>();
            for (uint64_t key : all)
            {
                ++rc.checked;
                RtmRoute best;
                bool has = rtm && rtm->IsRoute(RtmFamily::Ip, key, &best);
                auto net = networks.find(key);
                std::vector<uint32_t> own; // x's up interfaces in the network
                if (net != networks.end())
                {
                    for (const auto& [r, i] : net->second)
                    {
                        if (r == x)
                        {
                            own.push_back(i);
                        }
                    }
                }
                std::ostringstream w;
                if (!own.empty())
                {
                    if (!expectConnected)
                    {
                        continue;
                    }
                    if (!has)
                    {
                        report(x, key, "no route to an attached network");
                    }
                    else if (std::find(own.begin(), own.end(), best.interface) == own.end())
                    {
                        w << "attached network routed via interface "
                          << best.interface << " (next hop " << best.GetIpNextHop()
                          << "), expected interface " << own.front();
                        report(x, key, w.str());
                    }
                    continue;
                }
                uint64_t d = distTo(x, key);
                if (d >= INF)
                {
                    if (has)
                    {
                        w << "route to an unreachable network (next hop " << best.GetIpNextHop()
                          << ", interface " << best.interface << ")";
                        report(x, key, w.str());
                    }
                    continue;
                }
                // The expected next-hop neighbours, for messages.
                auto expected = [&]() {
                    std::set<uint32_t> hops;
                    for (const auto& itf : view.GetInterfaces(x))
                    {
                        if (!ifUp[x][itf.index])
                        {
                            continue;
                        }
                        for (const auto& [y, j] : itf.neighbours)
                        {
                            uint64_t dy = distTo(y, key);
                            if (ifUp[y][j] && dy < INF && Cost(x, itf.index) + dy == d)
                            {
                                hops.insert(y);
                            }
                        }
                    }
                    std::ostringstream os;
                    os << "expected next hop node";
                    for (uint32_t y : hops)
                    {
                        os << " " << y;
                    }
                    os << ", distance " << d;
                    return os.str();
                };
                if (!has)
                {
                    report(x, key, "no route (" + expected() + ")");
                    continue;
                }
                Ipv4Address nh = best.GetIpNextHop();
                uint32_t ifc = best.interface;
                if (nh == Ipv4Address::GetAny())
                {
                    w << "on-link route via interface " << ifc << " to a network not attached ("
                      << expected() << ")";
                    report(x, key, w.str());
                    continue;
                }
                if (ifc >= ifUp[x].size() || !ifUp[x][ifc])
                {
                    w << "route via interface " << ifc << ", which is down or missing ("
                      << expected() << ")";
                    report(x, key, w.str());
                    continue;
                }
                bool found = false;
                uint32_t y = 0;
                for (const auto& [m, j] : view.GetInterfaces(x)[ifc].neighbours)
                {
                    if (!ifUp[m][j])
                    {
                        continue;
                    }
                    for (const Ipv4Address& a : view.GetInterfaces(m)[j].addresses)
                    {
                        if (a == nh)
                        {
                            found = true;
                            y = m;
                        }
                    }
                    if (found)
                    {
                        break;
                    }
                }
                if (!found)
                {
                    w << "next hop " << nh << " is not an up neighbour on interface " << ifc << " ("
                      << expected() << ")";
                    report(x, key, w.str());
                    continue;
                }
                uint64_t dy = distTo(y, key);
                if (dy >= INF || Cost(x, ifc) + dy != d)
                {
                    w << "next hop " << nh << " (node " << y << ") is not on a shortest path: ";
                    if (dy >= INF)
                    {
                        w << "no path from it";
                    }
                    else
                    {
                        w << "distance " << (Cost(x, ifc) + dy);
                    }
                    w << " (" << expected() << ")";
                    report(x, key, w.str());
                }
            }
        }
        return rc;
    }
};

std::string
RtmConvergenceMonitor::Mismatch::ToString() const
{
    std::ostringstream os;
    os << "node " << node << " " << Prefix(network, mask) << ": " << what;
    return os.str();
}

RtmConvergenceMonitor::RtmConvergenceMonitor(const NodeContainer& nodes)
    : m_state(std::make_shared<State>(nodes))
{
    NS_LOG_FUNCTION(this << nodes.GetN());
}

void
RtmConvergenceMonitor::SetSettleTime(Time settle)
{
    NS_ABORT_MSG_IF(settle <= Time(0), "RtmConvergenceMonitor: settle time must be > 0");
    m_state->settle = settle;
}

void
RtmConvergenceMonitor::SetInterfaceCost(InterfaceCost cost)
{
    m_state->cost = std::move(cost);
}

void
RtmConvergenceMonitor::SetCheckDataPlane(bool check)
{
    m_state->checkDataPlane = check;
}

void
RtmConvergenceMonitor::SetExpectConnectedRoutes(bool expect)
{
    m_state->expectConnected = expect;
}

void
RtmConvergenceMonitor::SetMaxProblems(std::size_t max)
{
    m_state->maxProblems = max;
}

void
RtmConvergenceMonitor::SetLookup(RtmDataPlaneCheck::Lookup lookup)
{
    m_state->view.SetLookup(std::move(lookup));
}

void
RtmConvergenceMonitor::Install()
{
    std::shared_ptr<State> s = m_state;
    NS_ABORT_MSG_IF(s->installed, "RtmConvergenceMonitor: installed twice");
    s->installed = true;
    s->view.Refresh();
    std::weak_ptr<State> weak = s;
    for (uint32_t i = 0; i < s->nodes.GetN(); ++i)
    {
        Ptr<Node> node = s->nodes.Get(i);
        RoutingTableManager::ForNode(node);
        std::string path = "/NodeList/" + std::to_string(node->GetId()) +
                           "/$ns3::RoutingTableManager/BestRouteChange";
        bool ok = Config::ConnectWithoutContextFailSafe(
            path,
            Callback<void, const RtmChange&>([weak](const RtmChange&) {
                if (auto st = weak.lock())
                {
                    st->OnChange();
                }
            }));
        NS_ABORT_MSG_IF(!ok, "RtmConvergenceMonitor: cannot connect to " << path);
    }
    s->Open("cold-start");
}

void
RtmConvergenceMonitor::WatchScenario(RtmScenario& scenario)
{
    std::weak_ptr<State> weak = m_state;
    scenario.AddListener([weak](const RtmScenarioEvent& e) {
        if (auto st = weak.lock())
        {
            st->Open(e.description);
        }
    });
}

void
RtmConvergenceMonitor::MarkEvent(const std::string& description)
{
    m_state->Open(description);
}

void
RtmConvergenceMonitor::CountMessage()
{
    m_state->OnMessage();
}

std::function<void()>
RtmConvergenceMonitor::GetMessageCounter() const
{
    std::weak_ptr<State> weak = m_state;
    return [weak]() {
        if (auto st = weak.lock())
        {
            st->OnMessage();
        }
    };
}

void
RtmConvergenceMonitor::Finish()
{
    std::shared_ptr<State> s = m_state;
    s->timer.Cancel();
    if (!s->epochs.empty() && !s->epochs.back().evaluated)
    {
        s->Evaluate(Simulator::Now() >= s->LastActivity() + s->settle);
    }
}

RtmConvergenceMonitor::RouteCheck
RtmConvergenceMonitor::CheckRoutes() const
{
    return m_state->CheckRoutes();
}

RtmDataPlaneCheck::Report
RtmConvergenceMonitor::CheckDataPlane() const
{
    return m_state->view.CheckAll();
}

const std::vector<RtmConvergenceMonitor::Epoch>&
RtmConvergenceMonitor::GetEpochs() const
{
    return m_state->epochs;
}

uint64_t
RtmConvergenceMonitor::GetTotalBestChanges() const
{
    return m_state->totalChanges;
}

uint64_t
RtmConvergenceMonitor::GetTotalMessages() const
{
    return m_state->totalMessages;
}

const RtmDataPlaneCheck&
RtmConvergenceMonitor::GetDataPlaneCheck() const
{
    return m_state->view;
}

void
RtmConvergenceMonitor::PrintSummary(std::ostream& os, std::size_t maxLines) const
{
    os << "convergence per event (settle time " << m_state->settle.GetSeconds() << " s)\n";
    os << std::setw(4) << "#" << std::setw(12) << "time (s)" << std::setw(14) << "conv. (s)"
       << std::setw(10) << "changes" << std::setw(10) << "messages" << std::setw(9) << "settled"
       << std::setw(8) << "routes" << std::setw(7) << "loops" << std::setw(7) << "holes"
       << "  event\n";
    for (const Epoch& e : m_state->epochs)
    {
        os << std::setw(4) << e.index << std::setw(12) << std::fixed << std::setprecision(3)
           << e.eventTime.GetSeconds() << std::setw(14) << std::setprecision(6)
           << e.convergenceTime.GetSeconds() << std::setw(10) << e.bestChanges << std::setw(10)
           << e.messages << std::setw(9) << (e.evaluated ? (e.settled ? "yes" : "no") : "-")
           << std::setw(8) << (e.evaluated ? (e.routes.IsOk() ? "ok" : "BAD") : "-") << std::setw(7)
           << e.dataPlane.loops << std::setw(7) << e.dataPlane.blackHoles << "  " << e.description
           << "\n";
        os.unsetf(std::ios::floatfield);
        for (std::size_t k = 0; k < e.routes.mismatches.size() && k < maxLines; ++k)
        {
            os << "      mismatch: " << e.routes.mismatches[k].ToString() << "\n";
        }
        uint64_t listed = std::min<uint64_t>(maxLines, e.routes.mismatches.size());
        if (e.routes.mismatchCount > listed)
        {
            os << "      ... " << (e.routes.mismatchCount - listed) << " more mismatches\n";
        }
        for (std::size_t k = 0; k < e.dataPlane.problems.size() && k < maxLines; ++k)
        {
            os << "      data plane: " << e.dataPlane.problems[k].ToString() << "\n";
        }
        uint64_t faults = e.dataPlane.loops + e.dataPlane.blackHoles;
        listed = std::min<uint64_t>(maxLines, e.dataPlane.problems.size());
        if (faults > listed)
        {
            os << "      ... " << (faults - listed) << " more data-plane faults\n";
        }
    }
}

void
RtmConvergenceMonitor::WriteCsv(const std::string& path) const
{
    std::ofstream os(path);
    NS_ABORT_MSG_IF(!os, "RtmConvergenceMonitor: cannot write " << path);
    WriteCsv(os);
}

void
RtmConvergenceMonitor::WriteCsv(std::ostream& os) const
{
    os << "epoch,event_time,event,best_changes,messages,messages_to_converge,convergence_time,"
          "evaluated,settled,route_mismatches,loops,black_holes,unreachable\n";
    for (const Epoch& e : m_state->epochs)
    {
        os << e.index << ',' << RtmChurnTracer::FormatTime(e.eventTime) << ",\"" << e.description
           << "\"," << e.bestChanges << ',' << e.messages << ',' << e.messagesToConverge << ','
           << RtmChurnTracer::FormatTime(e.convergenceTime) << ',' << (e.evaluated ? 1 : 0) << ','
           << (e.settled ? 1 : 0) << ',' << e.routes.mismatchCount << ',' << e.dataPlane.loops
           << ',' << e.dataPlane.blackHoles << ',' << e.dataPlane.unreachable << '\n';
    }
}

} // namespace ns3
