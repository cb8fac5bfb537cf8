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
#include "ns3/rtm-agent.h"
#include "ns3/rtm-connected-agent.h"
#include "ns3/rtm-function-callback.h"
#include "ns3/rtm-function-event.h"
#include "ns3/rtm-local-node.h"
#include "ns3/rtm-static-agent.h"
#include "ns3/rtm-topology-oracle.h"
#include "ns3/simulator.h"
#include "ns3/type-id.h"

#include <algorithm>
#include <fstream>
#include <iomanip>
#include <map>
#include <set>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmConvergenceMonitor");

namespace
{
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
    BestRoute bestRoute;         //!< best-route source (null: the RTMs)
    bool checkDataPlane{true};   //!< run the data-plane check
    bool expectConnected{true};  //!< expect on-link routes to own networks
    std::size_t maxProblems{50}; //!< problems kept per epoch
    bool installed{false};       //!< Install was called
    std::vector<Epoch> epochs;   //!< epochs so far
    uint64_t totalChanges{0};    //!< best-route changes
    uint64_t totalMessages{0};   //!< protocol messages
    EventId timer;               //!< settle timer
    /// per node, the agent expected to win (null: none); refreshed by each check
    mutable std::vector<Ptr<RtmAgent>> winners;

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
        timer = Simulator::Schedule(delay, RtmMakeEvent([weak]() {
                                        if (auto st = weak.lock())
                                        {
                                            st->OnTimer();
                                        }
                                    }));
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
        Check(e);
        NS_LOG_INFO("epoch " << e.index << " (" << e.description << ") evaluated at "
                             << Simulator::Now().GetSeconds() << " s: convergence "
                             << e.convergenceTime.GetSeconds() << " s, routes "
                             << (e.routes.IsOk() ? "ok" : "MISMATCH") << ", data plane "
                             << (e.dataPlane.IsOk() ? "ok" : "FAULTY"));
    }

    /**
     * @brief The checks of an evaluation, of the current state, into an epoch: the route check
     * and (if enabled) the data-plane check, with drops beyond the protocol's reach as ByDesign.
     * @param e the epoch
     */
    void Check(Epoch& e)
    {
        const LinkView links = TakeLinkView();
        e.routes = CheckRoutes(links);
        if (checkDataPlane)
        {
            view.SetNoRouteByDesign([this, &links](uint32_t x, Ipv4Address destination) {
                return IsBeyondReach(links, x, destination);
            });
            e.dataPlane = view.CheckAll();
            view.SetNoRouteByDesign(nullptr);
            if (e.dataPlane.problems.size() > maxProblems)
            {
                e.dataPlane.problems.resize(maxProblems);
            }
        }
    }

    uint32_t Cost(uint32_t node, uint32_t interface) const
    {
        uint32_t c = 1;
        if (cost)
        {
            c = cost(node, interface);
        }
        else if (node < winners.size() && winners[node])
        {
            c = winners[node]->GetInterfaceMetric(interface);
        }
        return c == 0 ? 1 : c;
    }

    /**
     * @brief Find, on every node, the routing agent expected to win: started, not the connected
     * or static agent, with the best (lowest) RTM priority of its protocol.
     */
    void RefreshWinners() const
    {
        winners.assign(view.GetN(), nullptr);
        for (uint32_t x = 0; x < view.GetN(); ++x)
        {
            Ptr<Node> node = view.GetNodes().Get(x);
            Ptr<RoutingTableManager> rtm = node->GetObject<RoutingTableManager>();
            uint32_t bestPriority = 0;
            for (Object::AggregateIterator it = node->GetAggregateIterator(); it.HasNext();)
            {
                Ptr<RtmAgent> agent = DynamicCast<RtmAgent>(ConstCast<Object>(it.Next()));
                // an agent that another MPI rank runs is never started here: it counts
                if (!agent || !rtm || (!agent->IsStarted() && RtmIsLocalNode(node)) ||
                    agent->GetProtocol() == RtmConnectedAgent::PROTOCOL ||
                    agent->GetProtocol() == RtmStaticAgent::PROTOCOL)
                {
                    continue;
                }
                uint32_t priority = rtm->GetProtocolPriority(agent->GetProtocol());
                if (!winners[x] || priority < bestPriority)
                {
                    winners[x] = agent;
                    bestPriority = priority;
                }
            }
        }
    }

    /**
     * @param x a node
     * @return the infinity of the agent expected to win there (0: none)
     */
    uint32_t Infinity(uint32_t x) const
    {
        return x < winners.size() && winners[x] ? winners[x]->GetInfinity() : 0;
    }

    /**
     * @brief The name of the agent of a protocol on a node, for messages.
     * @param x the node
     * @param protocol the protocol id
     * @return "RIP", "OSPF", ... or "protocol <id>"
     */
    std::string ProtocolName(uint32_t x, uint32_t protocol) const
    {
        Ptr<Node> node = view.GetNodes().Get(x);
        for (Object::AggregateIterator it = node->GetAggregateIterator(); it.HasNext();)
        {
            Ptr<RtmAgent> agent = DynamicCast<RtmAgent>(ConstCast<Object>(it.Next()));
            if (agent && agent->GetProtocol() == protocol)
            {
                return agent->GetProtocolName();
            }
        }
        return "protocol " + std::to_string(protocol);
    }

    /// The network as the route check sees it, read once per check.
    struct LinkView
    {
        /// up[node][interface]: the interface is up and is not the loopback
        std::vector<std::vector<bool>> up;
        /// shortest paths over the up links (vertex = node index)
        RtmTopologyOracle oracle;
        /// network key -> the (node, interface) pairs of the up interfaces in it
        std::map<uint64_t, std::vector<std::pair<uint32_t, uint32_t>>> attached;
        /// network key -> the same nodes, each with the cost of its interface into it
        std::map<uint64_t, std::vector<RtmTopologyOracle::Attachment>> exits;
        /// every network of an interface, up or down (routes to unreachable ones are checked)
        std::set<uint64_t> all;
    };

    /**
     * @brief Read which interfaces are up.
     * @return up[node][interface], false for the loopback
     */
    std::vector<std::vector<bool>> TakeUpState() const
    {
        const uint32_t n = view.GetN();
        std::vector<std::vector<bool>> up(n);
        for (uint32_t x = 0; x < n; ++x)
        {
            const auto& ifs = view.GetInterfaces(x);
            up[x].assign(ifs.size(), false);
            for (const auto& iface : ifs)
            {
                up[x][iface.index] = iface.index != 0 && view.IsUp(x, iface.index);
            }
        }
        return up;
    }

    /**
     * @brief The shortest paths over the current links: an arc x -> y for every pair of up
     * interfaces on one channel, weighted by the cost of x's interface.
     * @param up the up state (TakeUpState)
     * @return the oracle
     */
    RtmTopologyOracle BuildOracle(const std::vector<std::vector<bool>>& up) const
    {
        const uint32_t n = view.GetN();
        std::vector<RtmTopologyOracle::Arc> arcs;
        for (uint32_t x = 0; x < n; ++x)
        {
            for (const auto& iface : view.GetInterfaces(x))
            {
                if (!up[x][iface.index])
                {
                    continue;
                }
                for (const auto& [y, j] : iface.neighbours)
                {
                    if (up[y][j])
                    {
                        arcs.push_back({x, y, uint64_t{Cost(x, iface.index)}});
                    }
                }
            }
        }
        return RtmTopologyOracle(n, arcs);
    }

    /**
     * @brief Fill the networks of a link view (its up state must be set).
     * @param links the link view
     */
    void CollectNetworks(LinkView& links) const
    {
        for (uint32_t x = 0; x < view.GetN(); ++x)
        {
            for (const auto& iface : view.GetInterfaces(x))
            {
                if (iface.index == 0 || iface.addresses.empty())
                {
                    continue;
                }
                const uint32_t mask = iface.mask.Get();
                const uint64_t key = RtmRoute::IpKey(iface.address.Get() & mask, mask);
                links.all.insert(key);
                if (links.up[x][iface.index])
                {
                    links.attached[key].emplace_back(x, iface.index);
                    links.exits[key].push_back({x, uint64_t{Cost(x, iface.index)}});
                }
            }
        }
    }

    /// @return the link view of the current state
    LinkView TakeLinkView() const
    {
        RefreshWinners();
        std::vector<std::vector<bool>> up = TakeUpState();
        RtmTopologyOracle oracle = BuildOracle(up);
        LinkView links{std::move(up), std::move(oracle), {}, {}, {}};
        CollectNetworks(links);
        return links;
    }

    /**
     * @brief The distance from a node to a network: min over its up interfaces (r, i) of
     * dist(x, r) + cost(r, i).
     * @param links the link view
     * @param x the node
     * @param key the network key
     * @return the distance, or RtmTopologyOracle::INFINITE_DISTANCE
     */
    static uint64_t DistanceTo(const LinkView& links, uint32_t x, uint64_t key)
    {
        auto it = links.exits.find(key);
        if (it == links.exits.end())
        {
            return RtmTopologyOracle::INFINITE_DISTANCE;
        }
        return links.oracle.GetDistanceToSet(x, it->second);
    }

    /**
     * @brief Describe the right next hops, for mismatch messages.
     * @param links the link view
     * @param x the node
     * @param key the network key (reachable from x)
     * @param d the distance from x to the network
     * @return "expected next hop node <y>..., distance <d>"
     */
    static std::string Expected(const LinkView& links, uint32_t x, uint64_t key, uint64_t d)
    {
        std::ostringstream os;
        os << "expected next hop node";
        for (uint32_t y : links.oracle.GetNextHopsToSet(x, links.exits.at(key)))
        {
            os << " " << y;
        }
        os << ", distance " << d;
        return os.str();
    }

    /**
     * @brief Count a mismatch and keep it if there is room.
     * @param rc the route check
     * @param x the node
     * @param key the network key
     * @param what what is wrong
     */
    void AddMismatch(RouteCheck& rc, uint32_t x, uint64_t key, const std::string& what) const
    {
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
    }

    /**
     * @brief Check a node's best route to a network it has up interfaces in.
     * @param rc the route check
     * @param x the node
     * @param key the network key
     * @param has whether x has a best route
     * @param best the best route (if has)
     * @param own x's up interfaces in the network
     */
    void CheckAttached(RouteCheck& rc,
                       uint32_t x,
                       uint64_t key,
                       bool has,
                       const RtmRoute& best,
                       const std::vector<uint32_t>& own) const
    {
        if (!has)
        {
            AddMismatch(rc, x, key, "no route to an attached network");
        }
        else if (std::find(own.begin(), own.end(), best.interface) == own.end())
        {
            std::ostringstream w;
            w << "attached network routed via interface " << best.interface << " (next hop "
              << best.GetIpNextHop() << "), expected interface " << own.front();
            AddMismatch(rc, x, key, w.str());
        }
    }

    /**
     * @brief Find the up neighbour on an interface that holds an address.
     * @param links the link view
     * @param x the node
     * @param iface its interface (up)
     * @param nh the address
     * @param y receives the neighbour's node index
     * @return true if found
     */
    bool FindNeighbour(const LinkView& links,
                       uint32_t x,
                       uint32_t iface,
                       Ipv4Address nh,
                       uint32_t* y) const
    {
        for (const auto& [m, j] : view.GetInterfaces(x)[iface].neighbours)
        {
            if (!links.up[m][j])
            {
                continue;
            }
            for (const Ipv4Address& a : view.GetInterfaces(m)[j].addresses)
            {
                if (a == nh)
                {
                    *y = m;
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * @brief Check a node's best route to a network it has no up interface in.
     * @param links the link view
     * @param rc the route check
     * @param x the node
     * @param key the network key
     * @param has whether x has a best route
     * @param best the best route (if has)
     */
    void CheckRemote(const LinkView& links,
                     RouteCheck& rc,
                     uint32_t x,
                     uint64_t key,
                     bool has,
                     const RtmRoute& best) const
    {
        std::ostringstream w;
        const uint64_t d = DistanceTo(links, x, key);
        if (d == RtmTopologyOracle::INFINITE_DISTANCE)
        {
            if (has)
            {
                const std::size_t kept = rc.mismatches.size();
                const uint64_t count = rc.mismatchCount;
                w << "route to an unreachable network (next hop " << best.GetIpNextHop()
                  << ", interface " << best.interface << ")";
                AddMismatch(rc, x, key, w.str());
                NoteFallback(rc, x, best, count, kept);
            }
            return;
        }
        rc.maxDistance = std::max(rc.maxDistance, d);
        const uint32_t infinity = Infinity(x);
        if (infinity != 0 && d >= infinity)
        {
            if (rc.infinity == 0 || infinity < rc.infinity)
            {
                rc.infinity = infinity;
                rc.limitedBy = winners[x]->GetInstanceTypeId().GetName();
            }
            if (!has)
            {
                ++rc.beyondReach; // no route is what the protocol means
                return;
            }
        }
        if (!has)
        {
            AddMismatch(rc, x, key, "no route (" + Expected(links, x, key, d) + ")");
            return;
        }
        const std::size_t before = rc.mismatches.size();
        const uint64_t count = rc.mismatchCount;
        CheckRemoteRoute(links, rc, x, key, d, best);
        NoteFallback(rc, x, best, count, before);
    }

    /**
     * @brief If a best route just found wrong is not the expected winner's (which therefore
     *        has none), count it as a fallback and say so in its mismatch.
     * @param rc the route check
     * @param x the node
     * @param best the best route checked
     * @param count rc.mismatchCount before it was checked
     * @param before rc.mismatches.size() before it was checked
     */
    void NoteFallback(RouteCheck& rc,
                      uint32_t x,
                      const RtmRoute& best,
                      uint64_t count,
                      std::size_t before) const
    {
        if (rc.mismatchCount > count && winners[x] && best.protocol != winners[x]->GetProtocol())
        {
            ++rc.fallbacks;
            if (rc.mismatches.size() > before)
            {
                rc.mismatches.back().what += " [a " + ProtocolName(x, best.protocol) +
                                             " route, while " + winners[x]->GetProtocolName() +
                                             " (preferred) has none: a stale route resurfaced]";
            }
        }
    }

    /**
     * @brief Check an existing best route to a reachable network the node is not on.
     * @param links the link view
     * @param rc the route check
     * @param x the node
     * @param key the network key
     * @param d the distance from x to the network
     * @param best the best route
     */
    void CheckRemoteRoute(const LinkView& links,
                          RouteCheck& rc,
                          uint32_t x,
                          uint64_t key,
                          uint64_t d,
                          const RtmRoute& best) const
    {
        std::ostringstream w;
        const Ipv4Address nh = best.GetIpNextHop();
        const uint32_t iface = best.interface;
        if (nh == Ipv4Address::GetAny())
        {
            w << "on-link route via interface " << iface << " to a network not attached ("
              << Expected(links, x, key, d) << ")";
            AddMismatch(rc, x, key, w.str());
            return;
        }
        if (iface >= links.up[x].size() || !links.up[x][iface])
        {
            w << "route via interface " << iface << ", which is down or missing ("
              << Expected(links, x, key, d) << ")";
            AddMismatch(rc, x, key, w.str());
            return;
        }
        uint32_t y = 0;
        if (!FindNeighbour(links, x, iface, nh, &y))
        {
            w << "next hop " << nh << " is not an up neighbour on interface " << iface << " ("
              << Expected(links, x, key, d) << ")";
            AddMismatch(rc, x, key, w.str());
            return;
        }
        const uint64_t dy = DistanceTo(links, y, key);
        if (dy == RtmTopologyOracle::INFINITE_DISTANCE || Cost(x, iface) + dy != d)
        {
            w << "next hop " << nh << " (node " << y << ") is not on a shortest path: ";
            if (dy == RtmTopologyOracle::INFINITE_DISTANCE)
            {
                w << "no path from it";
            }
            else
            {
                w << "distance " << (Cost(x, iface) + dy);
            }
            w << " (" << Expected(links, x, key, d) << ")";
            AddMismatch(rc, x, key, w.str());
        }
    }

    /**
     * @brief Check one (node, network) pair.
     * @param links the link view
     * @param rc the route check
     * @param rtm the node's RTM (may be null)
     * @param x the node
     * @param key the network key
     */
    void CheckPair(const LinkView& links,
                   RouteCheck& rc,
                   Ptr<RoutingTableManager> rtm,
                   uint32_t x,
                   uint64_t key) const
    {
        ++rc.checked;
        RtmRoute best;
        const bool has =
            bestRoute ? bestRoute(x, key, &best) : rtm && rtm->IsRoute(RtmFamily::Ip, key, &best);
        std::vector<uint32_t> own; // x's up interfaces in the network
        auto net = links.attached.find(key);
        if (net != links.attached.end())
        {
            for (const auto& [r, i] : net->second)
            {
                if (r == x)
                {
                    own.push_back(i);
                }
            }
        }
        if (own.empty())
        {
            CheckRemote(links, rc, x, key, has, best);
        }
        else if (expectConnected)
        {
            CheckAttached(rc, x, key, has, best, own);
        }
    }

    /**
     * @brief Whether a node is meant to have no route to a destination address: the network of
     * the address is beyond the reach of the node's expected protocol.
     * @param links the link view
     * @param x the node
     * @param destination the address
     * @return true if so
     */
    bool IsBeyondReach(const LinkView& links, uint32_t x, Ipv4Address destination) const
    {
        const uint32_t infinity = Infinity(x);
        if (infinity == 0)
        {
            return false;
        }
        for (const auto& [key, exits] : links.exits)
        {
            const uint32_t mask = static_cast<uint32_t>(key);
            if ((destination.Get() & mask) == RtmRoute::KeyAddress(key))
            {
                const uint64_t d = links.oracle.GetDistanceToSet(x, exits);
                return d != RtmTopologyOracle::INFINITE_DISTANCE && d >= infinity;
            }
        }
        return false;
    }

    /**
     * @brief The route check of a state (see the class text).
     * @param links the link view of the state
     * @return the check
     */
    RouteCheck CheckRoutes(const LinkView& links) const
    {
        RouteCheck rc;
        for (uint32_t x = 0; x < view.GetN(); ++x)
        {
            Ptr<RoutingTableManager> rtm = view.GetNodes().Get(x)->GetObject<RoutingTableManager>();
            for (uint64_t key : links.all)
            {
                CheckPair(links, rc, rtm, x, key);
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
RtmConvergenceMonitor::SetBestRoute(BestRoute best)
{
    m_state->bestRoute = std::move(best);
}

void
RtmConvergenceMonitor::SetInterfaceState(RtmDataPlaneCheck::InterfaceState state)
{
    m_state->view.SetInterfaceState(std::move(state));
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
            RtmMakeCallback<void, const RtmChange&>([weak](const RtmChange&) {
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

bool
RtmConvergenceMonitor::PathTypeIdsExist(const std::string& path)
{
    std::string::size_type begin = 0;
    while (begin <= path.size())
    {
        std::string::size_type end = path.find('/', begin);
        if (end == std::string::npos)
        {
            end = path.size();
        }
        if (end > begin + 1 && path[begin] == '$')
        {
            TypeId tid;
            const std::string name = path.substr(begin + 1, end - begin - 1);
            if (!TypeId::LookupByNameFailSafe(name, &tid))
            {
                NS_LOG_WARN("no type " << name << " in the Config path " << path);
                return false;
            }
        }
        begin = end + 1;
    }
    return true;
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
    return m_state->CheckRoutes(m_state->TakeLinkView());
}

void
RtmConvergenceMonitor::CheckInto(Epoch& epoch)
{
    m_state->Check(epoch);
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
RtmConvergenceMonitor::PrintReach(std::ostream& os, const Epoch& e)
{
    const RouteCheck& rc = e.routes;
    if (rc.fallbacks != 0)
    {
        os << "      of the mismatches, " << rc.fallbacks
           << " are a lower-priority protocol's stale routes that resurfaced while the preferred "
              "protocol had none\n";
    }
    if (rc.beyondReach == 0)
    {
        return;
    }
    os << "      beyond reach: " << rc.beyondReach
       << " (node, network) pairs have no route by design: their distance reaches the infinity "
       << rc.infinity << " of " << rc.limitedBy << " (the network's largest distance is "
       << rc.maxDistance << "); to route them, raise " << rc.limitedBy
       << "::Infinity, or use a link-state agent\n";
}

void
RtmConvergenceMonitor::PrintSummary(std::ostream& os, std::size_t maxLines) const
{
    os << "convergence per event (settle time " << m_state->settle.GetSeconds() << " s)\n";
    PrintEpochs(os, m_state->epochs, maxLines);
}

void
RtmConvergenceMonitor::PrintEpochs(std::ostream& os,
                                   const std::vector<Epoch>& epochs,
                                   std::size_t maxLines)
{
    os << std::setw(4) << "#" << std::setw(12) << "time (s)" << std::setw(14) << "conv. (s)"
       << std::setw(10) << "changes" << std::setw(10) << "messages" << std::setw(9) << "settled"
       << std::setw(8) << "routes" << std::setw(7) << "loops" << std::setw(7) << "holes"
       << "  event\n";
    for (const Epoch& e : epochs)
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
        PrintReach(os, e);
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
          "evaluated,settled,route_mismatches,loops,black_holes,unreachable,beyond_reach,"
          "no_route_by_design,max_distance,infinity\n";
    for (const Epoch& e : m_state->epochs)
    {
        os << e.index << ',' << RtmChurnTracer::FormatTime(e.eventTime) << ",\"" << e.description
           << "\"," << e.bestChanges << ',' << e.messages << ',' << e.messagesToConverge << ','
           << RtmChurnTracer::FormatTime(e.convergenceTime) << ',' << (e.evaluated ? 1 : 0) << ','
           << (e.settled ? 1 : 0) << ',' << e.routes.mismatchCount << ',' << e.dataPlane.loops
           << ',' << e.dataPlane.blackHoles << ',' << e.dataPlane.unreachable << ','
           << e.routes.beyondReach << ',' << e.dataPlane.byDesign << ',' << e.routes.maxDistance
           << ',' << e.routes.infinity << '\n';
    }
}

} // namespace ns3
