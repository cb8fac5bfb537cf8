/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#include "rtm-global-routing-helper.h"

#include "ns3/channel.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/net-device.h"
#include "ns3/node.h"
#include "ns3/routing-table-manager.h"
#include "ns3/rtm-function-callback.h"
#include "ns3/rtm-function-event.h"
#include "ns3/rtm-ipv4-routing.h"
#include "ns3/rtm-local-node.h"
#include "ns3/rtm-memory-estimate.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <limits>
#include <map>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmGlobalRoutingHelper");

namespace
{
/// Distance of an unreachable node.
constexpr uint32_t UNREACHABLE = std::numeric_limits<uint32_t>::max();
/// No tree arc (the source itself, or unreachable).
constexpr uint32_t NO_ARC = std::numeric_limits<uint32_t>::max();

/// The graph Dijkstra runs on: vertices are node indices, edge k carries its arc index.
using Graph =
    boost::adjacency_list<boost::vecS,
                          boost::vecS,
                          boost::directedS,
                          boost::no_property,
                          boost::property<boost::edge_weight_t,
                                          uint32_t,
                                          boost::property<boost::edge_index_t, uint32_t>>>;
} // namespace

/// The network, the trees and the installed routes.
struct RtmGlobalRoutingHelper::State : public std::enable_shared_from_this<State>
{
    /// One direction of a link between two interfaces on one channel.
    struct Arc
    {
        uint32_t from;    //!< node index
        uint32_t to;      //!< node index
        uint32_t fromIf;  //!< interface of `from`
        uint32_t toIf;    //!< interface of `to`
        uint32_t nextHop; //!< address of `to` on toIf
        uint32_t weight;  //!< cost of fromIf
        bool up;          //!< both interfaces up
    };

    /// One interface of a node into a network.
    struct Exit
    {
        uint32_t node;      //!< node index
        uint32_t interface; //!< interface index
        uint32_t cost;      //!< cost of that interface
        bool up;            //!< the interface is up
        bool wasUp;         //!< it was up at the previous call (when the routes were computed)
    };

    /// One route slot (metric 0: no route).
    struct Route
    {
        uint32_t nextHop{0}; //!< next hop address
        uint32_t interface {
            0
        };                  //!< output interface
        uint32_t metric{0}; //!< path cost, 0 for none

        /// @param o another slot
        /// @return true if both say the same
        bool operator==(const Route& o) const
        {
            return nextHop == o.nextHop && interface == o.interface && metric == o.metric;
        }
    };

    /// Per source node: its tree (empty before its first computation). Its installed routes
    /// are not stored: they are what Compute gives from the tree and the exits' wasUp states.
    struct Source
    {
        std::vector<uint32_t> dist; //!< distance of every node
        std::vector<uint32_t> tree; //!< tree arc into every node (NO_ARC: none)
    };

    NodeContainer nodes;                                //!< the nodes
    InterfaceCost cost;                                 //!< interface cost (null: 1)
    bool incremental{true};                             //!< follow interface events
    std::function<void(uint32_t, uint32_t)> progress;   //!< progress of full computations
    uint64_t memoryLimit{0};                            //!< SetMemoryLimit (0: available)
    bool populated{false};                              //!< Populate was called
    bool pending{false};                                //!< an Update is scheduled
    std::vector<Ptr<RoutingTableManager>> rtms;         //!< per node
    std::vector<Ptr<Ipv4>> ipv4s;                       //!< per node
    std::vector<RoutingTableManager::ClientId> clients; //!< per node
    std::vector<Arc> arcs;                              //!< every arc, up or down
    std::vector<std::vector<uint32_t>> in;              //!< arcs into each node
    std::vector<uint64_t> networks;                     //!< network keys
    std::vector<std::vector<Exit>> exits;               //!< per network
    std::vector<Source> sources;                        //!< per node
    Statistics stats;                                   //!< counters

    /**
     * @param x a node index
     * @param i an interface
     * @return its cost
     */
    uint32_t Cost(uint32_t x, uint32_t i) const
    {
        uint32_t c = cost ? cost(x, i) : 1;
        return c == 0 ? 1 : c;
    }

    /// @throw std::runtime_error if a manager was disposed (its node destroyed)
    void CheckAlive() const
    {
        for (uint32_t x = 0; x < rtms.size(); ++x)
        {
            if (!rtms[x] || !rtms[x]->GetNode())
            {
                std::ostringstream os;
                os << "RtmGlobalRoutingHelper: node " << x
                   << " was destroyed (Simulator::Destroy) or has no RTM";
                throw std::runtime_error(os.str());
            }
        }
    }

    /**
     * @brief Read the nodes' interfaces, networks and links.
     * @throw std::runtime_error for a node without an RTM or IPv4
     */
    void ReadNetwork()
    {
        const uint32_t n = nodes.GetN();
        std::map<Ptr<NetDevice>, std::pair<uint32_t, uint32_t>> where; // device -> (node, if)
        std::map<uint64_t, uint32_t> index;
        rtms.clear();
        ipv4s.clear();
        arcs.clear();
        networks.clear();
        exits.clear();
        for (uint32_t x = 0; x < n; ++x)
        {
            Ptr<Node> node = nodes.Get(x);
            Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
            ipv4s.push_back(ipv4);
            rtms.push_back(node->GetObject<RoutingTableManager>());
            if (!rtms.back() || !ipv4)
            {
                std::ostringstream os;
                os << "RtmGlobalRoutingHelper: node " << x << " (id " << node->GetId()
                   << ") has no RTM or no IPv4 (install RtmHelper first)";
                throw std::runtime_error(os.str());
            }
            for (uint32_t i = 1; i < ipv4->GetNInterfaces(); ++i)
            {
                where[ipv4->GetNetDevice(i)] = {x, i};
                for (uint32_t a = 0; a < ipv4->GetNAddresses(i); ++a)
                {
                    Ipv4InterfaceAddress addr = ipv4->GetAddress(i, a);
                    const uint32_t mask = addr.GetMask().Get();
                    const uint64_t key = RtmRoute::IpKey(addr.GetLocal().Get() & mask, mask);
                    auto [it, fresh] = index.emplace(key, networks.size());
                    if (fresh)
                    {
                        networks.push_back(key);
                        exits.emplace_back();
                    }
                    exits[it->second].push_back({x, i, Cost(x, i), false, false});
                }
            }
        }
        ReadArcs(where);
    }

    /**
     * @brief Make an arc for every ordered pair of interfaces on one channel.
     * @param where the (node, interface) of every device
     */
    void ReadArcs(const std::map<Ptr<NetDevice>, std::pair<uint32_t, uint32_t>>& where)
    {
        // in node, interface and channel order (never in pointer order): the arc indices, which
        // break ties, are the same in every run
        in.assign(nodes.GetN(), {});
        for (uint32_t x = 0; x < nodes.GetN(); ++x)
        {
            for (uint32_t i = 1; i < ipv4s[x]->GetNInterfaces(); ++i)
            {
                Ptr<NetDevice> dev = ipv4s[x]->GetNetDevice(i);
                Ptr<Channel> channel = dev->GetChannel();
                for (std::size_t k = 0; channel && k < channel->GetNDevices(); ++k)
                {
                    auto peer = where.find(channel->GetDevice(k));
                    if (peer == where.end() || peer->first == dev ||
                        ipv4s[peer->second.first]->GetNAddresses(peer->second.second) == 0)
                    {
                        continue;
                    }
                    const auto [y, j] = peer->second;
                    Arc a{x,
                          y,
                          i,
                          j,
                          ipv4s[y]->GetAddress(j, 0).GetLocal().Get(),
                          Cost(x, i),
                          false};
                    in[y].push_back(static_cast<uint32_t>(arcs.size()));
                    arcs.push_back(a);
                }
            }
        }
    }

    /**
     * @param x a node index
     * @param i an interface
     * @return true if it is up
     */
    bool IsUp(uint32_t x, uint32_t i) const
    {
        return ipv4s[x]->IsUp(i);
    }

    /**
     * @brief Read the up/down state of every arc and exit.
     * @param changedArcs receives the arcs that changed (may be null)
     * @param changedNets receives per network whether an exit changed (may be null)
     */
    void ReadUpState(std::vector<uint32_t>* changedArcs, std::vector<bool>* changedNets)
    {
        for (uint32_t k = 0; k < arcs.size(); ++k)
        {
            Arc& a = arcs[k];
            bool up = IsUp(a.from, a.fromIf) && IsUp(a.to, a.toIf);
            if (up != a.up && changedArcs)
            {
                changedArcs->push_back(k);
            }
            a.up = up;
        }
        if (changedNets)
        {
            changedNets->assign(networks.size(), false);
        }
        for (uint32_t m = 0; m < networks.size(); ++m)
        {
            for (Exit& e : exits[m])
            {
                bool up = IsUp(e.node, e.interface);
                if (up != e.up && changedNets)
                {
                    (*changedNets)[m] = true;
                }
                e.wasUp = e.up;
                e.up = up;
            }
        }
    }

    /// @return the graph of the up arcs (edge index = arc index)
    Graph BuildGraph() const
    {
        Graph g(nodes.GetN());
        for (uint32_t k = 0; k < arcs.size(); ++k)
        {
            if (arcs[k].up)
            {
                boost::add_edge(arcs[k].from, arcs[k].to, {arcs[k].weight, k}, g);
            }
        }
        return g;
    }

    /**
     * @brief The shortest-path tree of one source: distances, then the tree arc of every node
     * (the lowest-indexed up arc that ends a shortest path to it).
     * @param g the graph of the up arcs
     * @param s the source
     * @param old receives the previous tree (the routes installed now are computed from it)
     */
    void Spf(const Graph& g, uint32_t s, Source* old)
    {
        Source& src = sources[s];
        const uint32_t n = nodes.GetN();
        std::swap(*old, src);
        src.dist.assign(n, UNREACHABLE);
        boost::dijkstra_shortest_paths(
            g,
            s,
            boost::distance_map(
                boost::make_iterator_property_map(src.dist.begin(), get(boost::vertex_index, g)))
                .distance_inf(UNREACHABLE));
        src.tree.assign(n, NO_ARC);
        for (uint32_t v = 0; v < n; ++v)
        {
            if (v == s || src.dist[v] == UNREACHABLE)
            {
                continue;
            }
            for (uint32_t k : in[v]) // ascending arc indices
            {
                const Arc& a = arcs[k];
                if (a.up && src.dist[a.from] != UNREACHABLE &&
                    src.dist[a.from] + a.weight == src.dist[v])
                {
                    src.tree[v] = k;
                    break;
                }
            }
        }
        ++stats.spfRuns;
        ++stats.lastSpfRuns;
    }

    /**
     * @brief The first arc from the source on the tree path to every node.
     * @param src the tree of the source (empty: none)
     * @param s the source
     * @return per node, the arc out of s (NO_ARC for s and unreachable nodes)
     */
    std::vector<uint32_t> FirstArcs(const Source& src, uint32_t s) const
    {
        const uint32_t n = static_cast<uint32_t>(src.tree.size());
        std::vector<uint32_t> order;
        order.reserve(n);
        for (uint32_t v = 0; v < n; ++v)
        {
            if (src.tree[v] != NO_ARC)
            {
                order.push_back(v);
            }
        }
        // a tree parent is strictly nearer (costs are >= 1): parents come first
        std::sort(order.begin(), order.end(), [&src](uint32_t a, uint32_t b) {
            return src.dist[a] < src.dist[b];
        });
        std::vector<uint32_t> first(n, NO_ARC);
        for (uint32_t v : order)
        {
            const uint32_t parent = arcs[src.tree[v]].from;
            first[v] = parent == s ? src.tree[v] : first[parent];
        }
        return first;
    }

    /**
     * @brief The route of a source to a network, from its tree.
     * @param src the tree of the source (empty: no route)
     * @param s the source
     * @param m the network index
     * @param first FirstArcs(src, s)
     * @param previous use the exits' states of the previous call (wasUp) instead of now's
     * @return the slot (metric 0: none, including when s is on the network)
     */
    Route Compute(const Source& src,
                  uint32_t s,
                  uint32_t m,
                  const std::vector<uint32_t>& first,
                  bool previous) const
    {
        Route best;
        if (src.tree.empty())
        {
            return best;
        }
        uint64_t bestCost = std::numeric_limits<uint64_t>::max();
        for (const Exit& e : exits[m])
        {
            if (!(previous ? e.wasUp : e.up))
            {
                continue;
            }
            if (e.node == s)
            {
                return Route(); // on the network: the connected route's business
            }
            if (src.dist[e.node] == UNREACHABLE || first[e.node] == NO_ARC)
            {
                continue;
            }
            const uint64_t c = uint64_t{src.dist[e.node]} + e.cost;
            if (c < bestCost)
            {
                const Arc& a = arcs[first[e.node]];
                bestCost = c;
                best.nextHop = a.nextHop;
                best.interface = a.fromIf;
                best.metric = static_cast<uint32_t>(std::min<uint64_t>(c, UNREACHABLE - 1));
            }
        }
        return best;
    }

    /**
     * @brief Send one changed route slot to the source's RTM.
     * @param s the source
     * @param m the network index
     * @param old the slot installed now
     * @param now the new slot
     */
    void Apply(uint32_t s, uint32_t m, const Route& old, const Route& now)
    {
        if (old == now || clients[s] == 0) // unchanged, or a node of another rank
        {
            return;
        }
        Ptr<RoutingTableManager> rtm = rtms[s];
        const uint64_t key = networks[m];
        const Ipv4Address network = RtmRoute::KeyNetwork(key);
        const Ipv4Mask mask = RtmRoute::KeyIpv4Mask(key);
        const bool moved = old.metric != 0 && now.metric != 0 &&
                           (old.nextHop != now.nextHop || old.interface != now.interface);
        if (now.metric != 0)
        {
            rtm->AddIpRoute(clients[s],
                            network,
                            mask,
                            Ipv4Address(now.nextHop),
                            now.interface,
                            now.metric);
        }
        if (now.metric == 0 || moved) // after the add: the network never lacks a route between
        {
            rtm->DeleteIpRoute(clients[s], network, mask, Ipv4Address(old.nextHop), old.interface);
        }
        stats.added += old.metric == 0 ? 1 : 0;
        stats.deleted += now.metric == 0 ? 1 : 0;
        stats.updated += (old.metric != 0 && now.metric != 0) ? 1 : 0;
        stats.routes += (now.metric != 0 ? 1 : 0) - (old.metric != 0 ? 1 : 0);
        ++stats.lastChanges;
    }

    /**
     * @brief Recompute some or all of one source's routes and apply the differences.
     * @param s the source
     * @param old the tree the installed routes were computed from (null: the current one)
     * @param only networks to recompute (null: all)
     */
    void Refresh(uint32_t s, const Source* old, const std::vector<bool>* only)
    {
        const Source& src = sources[s];
        const Source& before = old ? *old : src;
        const std::vector<uint32_t> first = FirstArcs(src, s);
        const std::vector<uint32_t> firstBefore = old ? FirstArcs(before, s) : first;
        for (uint32_t m = 0; m < networks.size(); ++m)
        {
            if (!only || (*only)[m])
            {
                Apply(s,
                      m,
                      Compute(before, s, m, firstBefore, true),
                      Compute(src, s, m, first, false));
            }
        }
    }

    /**
     * @brief Whether an arc change can alter a source's tree.
     * @param s the source
     * @param changed the arcs whose state changed
     * @return true if a tree arc went down or an up arc is no longer than the current path
     */
    bool Affected(uint32_t s, const std::vector<uint32_t>& changed) const
    {
        const Source& src = sources[s];
        for (uint32_t k : changed)
        {
            const Arc& a = arcs[k];
            if (!a.up && src.tree[a.to] == k)
            {
                return true;
            }
            if (a.up && src.dist[a.from] != UNREACHABLE &&
                (src.dist[a.to] == UNREACHABLE ||
                 uint64_t{src.dist[a.from]} + a.weight <= src.dist[a.to]))
            {
                return true;
            }
        }
        return false;
    }

    /// Start a call: reset the per-call counters.
    void BeginCall()
    {
        ++stats.updates;
        stats.lastSpfRuns = 0;
        stats.lastChanges = 0;
    }

    /**
     * @brief Compute every tree and every route, applying the differences.
     * @param shrink release each table's spare capacity once its routes are in (the first
     * populate: the tables grew from empty)
     */
    void Full(bool shrink)
    {
        ReadUpState(nullptr, nullptr);
        const Graph g = BuildGraph();
        const uint32_t n = nodes.GetN();
        const uint32_t step = std::max<uint32_t>(1, n / 100);
        Source old;
        for (uint32_t s = 0; s < n; ++s)
        {
            if (shrink && clients[s] != 0)
            {
                // at most one route per network: no step-by-step growth, no rebuilds
                rtms[s]->Reserve(RtmFamily::Ip, networks.size(), networks.size());
            }
            Spf(g, s, &old);
            Refresh(s, &old, nullptr);
            if (shrink && clients[s] != 0)
            {
                rtms[s]->ShrinkToFit();
            }
            if (progress && ((s + 1) % step == 0 || s + 1 == n))
            {
                progress(s + 1, n);
            }
        }
    }

    /// Recompute what changed since the last call.
    void Incremental()
    {
        std::vector<uint32_t> changedArcs;
        std::vector<bool> changedNets;
        ReadUpState(&changedArcs, &changedNets);
        const bool netsChanged =
            std::find(changedNets.begin(), changedNets.end(), true) != changedNets.end();
        if (changedArcs.empty() && !netsChanged)
        {
            return;
        }
        const Graph g = BuildGraph();
        Source old;
        for (uint32_t s = 0; s < nodes.GetN(); ++s)
        {
            if (Affected(s, changedArcs))
            {
                Spf(g, s, &old);
                Refresh(s, &old, nullptr);
            }
            else if (netsChanged)
            {
                Refresh(s, nullptr, &changedNets);
            }
        }
    }

    /// An interface changed somewhere: update once, later in this instant.
    void OnInterfaceEvent()
    {
        if (pending)
        {
            return;
        }
        pending = true;
        std::weak_ptr<State> weak = shared_from_this();
        Simulator::ScheduleNow(RtmMakeEvent([weak]() {
            if (auto st = weak.lock())
            {
                st->pending = false;
                if (st->populated)
                {
                    st->BeginCall();
                    st->Incremental();
                }
            }
        }));
    }

    /// Follow every node's forwarder interface events.
    void Follow()
    {
        std::weak_ptr<State> weak = shared_from_this();
        Callback<void, uint32_t> cb = RtmMakeCallback<void, uint32_t>([weak](uint32_t) {
            if (auto st = weak.lock())
            {
                st->OnInterfaceEvent();
            }
        });
        for (uint32_t x = 0; x < nodes.GetN(); ++x)
        {
            Ptr<RtmIpv4Routing> fwd = nodes.Get(x)->GetObject<RtmIpv4Routing>();
            if (!fwd)
            {
                NS_LOG_WARN("node " << x
                                    << " has no RTM forwarder: its interface events are "
                                       "not followed (call Update or Recompute)");
                continue;
            }
            fwd->TraceConnectWithoutContext("InterfaceUp", cb);
            fwd->TraceConnectWithoutContext("InterfaceDown", cb);
        }
    }
};

RtmGlobalRoutingHelper::RtmGlobalRoutingHelper(const NodeContainer& nodes)
    : m_state(std::make_shared<State>())
{
    m_state->nodes = nodes;
}

RtmGlobalRoutingHelper::~RtmGlobalRoutingHelper() = default;

void
RtmGlobalRoutingHelper::SetInterfaceCost(InterfaceCost cost)
{
    m_state->cost = std::move(cost);
}

void
RtmGlobalRoutingHelper::SetIncremental(bool incremental)
{
    m_state->incremental = incremental;
}

void
RtmGlobalRoutingHelper::SetProgress(std::function<void(uint32_t done, uint32_t total)> progress)
{
    m_state->progress = std::move(progress);
}

void
RtmGlobalRoutingHelper::SetMemoryLimit(uint64_t bytes)
{
    m_state->memoryLimit = bytes;
}

uint64_t
RtmGlobalRoutingHelper::EstimateMemory()
{
    State& st = *m_state;
    st.ReadNetwork();
    const uint64_t n = st.nodes.GetN();
    return n * st.networks.size() * RtmMemoryEstimate::PER_ROUTE +
           n * n * RtmMemoryEstimate::PER_GLOBAL_PAIR;
}

uint64_t
RtmGlobalRoutingHelper::Populate()
{
    State& st = *m_state;
    if (st.populated)
    {
        return Recompute();
    }
    const uint64_t need = EstimateMemory(); // reads the network
    st.CheckAlive();
    std::ostringstream what;
    what << "RtmGlobalRoutingHelper: " << st.nodes.GetN() << " nodes and " << st.networks.size()
         << " networks (" << st.nodes.GetN() * uint64_t{st.networks.size()} << " routes)";
    RtmMemoryEstimate::Check(need, st.memoryLimit, what.str());
    for (uint32_t x = 0; x < st.nodes.GetN(); ++x)
    {
        if (!RtmIsLocalNode(st.nodes.Get(x)))
        {
            st.clients.push_back(0); // another rank installs this node's routes
            continue;
        }
        RtmError err;
        RoutingTableManager::ClientId c =
            st.rtms[x]->RegisterClient(RtmFamily::Ip, PROTOCOL, 0, Callback<void>(), &err);
        if (c == 0)
        {
            std::ostringstream os;
            os << "RtmGlobalRoutingHelper: node " << x << " refused the PROTO_IP_NETMGMT client ("
               << err << "): is another one there?";
            throw std::runtime_error(os.str());
        }
        st.clients.push_back(c);
    }
    st.sources.assign(st.nodes.GetN(), State::Source());
    st.populated = true;
    st.BeginCall();
    st.Full(true);
    if (st.incremental)
    {
        st.Follow();
    }
    NS_LOG_INFO("populated " << st.stats.routes << " routes on " << st.nodes.GetN() << " nodes");
    return st.stats.routes;
}

uint64_t
RtmGlobalRoutingHelper::Recompute()
{
    State& st = *m_state;
    if (!st.populated)
    {
        throw std::runtime_error("RtmGlobalRoutingHelper: Recompute before Populate");
    }
    st.CheckAlive();
    st.BeginCall();
    st.Full(false);
    return st.stats.lastChanges;
}

uint64_t
RtmGlobalRoutingHelper::Update()
{
    State& st = *m_state;
    if (!st.populated)
    {
        throw std::runtime_error("RtmGlobalRoutingHelper: Update before Populate");
    }
    st.CheckAlive();
    st.BeginCall();
    st.Incremental();
    return st.stats.lastChanges;
}

void
RtmGlobalRoutingHelper::Clear()
{
    State& st = *m_state;
    for (uint32_t x = 0; x < st.clients.size(); ++x)
    {
        if (st.clients[x] != 0 && st.rtms[x] && st.rtms[x]->GetNode())
        {
            st.rtms[x]->DeregisterClient(st.clients[x]);
        }
    }
    st.clients.clear();
    st.sources.clear();
    st.populated = false;
    st.stats.routes = 0;
}

RtmGlobalRoutingHelper::Statistics
RtmGlobalRoutingHelper::GetStatistics() const
{
    return m_state->stats;
}

} // namespace ns3
