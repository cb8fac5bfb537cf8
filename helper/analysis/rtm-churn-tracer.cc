/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#include "rtm-churn-tracer.h"

#include "ns3/abort.h"
#include "ns3/callback.h"
#include "ns3/config.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/routing-table-manager.h"
#include "ns3/rtm-function-callback.h"
#include "ns3/rtm-local-node.h"
#include "ns3/rtm-trace-merge.h"
#include "ns3/simulator.h"

#include <cstdio>
#include <fstream>
#include <iomanip>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmChurnTracer");

/// The recorder shared by copies of a tracer.
struct RtmChurnTracer::State
{
    std::unique_ptr<std::ofstream> changesFile;  //!< owned changes file
    std::unique_ptr<std::ofstream> snapshotFile; //!< owned snapshot file
    std::ostream* changes{nullptr};              //!< changes output
    std::ostream* snapshots{nullptr};            //!< snapshot output
    Time snapshotInterval;                       //!< snapshot period
    Time snapshotStop;                           //!< last snapshot time
    bool writeRefreshes{false};                  //!< write `refreshed` rows
    bool writeRouteEvents{true};                 //!< write route entry rows
    Time binWidth{Seconds(1)};                   //!< churn series bin width
    NodeContainer nodes;                         //!< installed nodes
    std::vector<Counts> counts;                  //!< per node
    std::vector<uint64_t> bestSeries;            //!< best changes per bin
    std::vector<uint64_t> routeSeries;           //!< route changes per bin

    /// Count one change of a node in the series.
    void Bin(std::vector<uint64_t>& series)
    {
        int64_t w = binWidth.GetNanoSeconds();
        std::size_t k = static_cast<std::size_t>(Simulator::Now().GetNanoSeconds() / w);
        if (series.size() <= k)
        {
            series.resize(k + 1, 0);
        }
        ++series[k];
    }

    /**
     * @brief Record a route entry event (added, deleted, aged out) of a node.
     * @param node the node index
     * @param kind the kind
     * @param family the family
     * @param r the route entry
     */
    void OnRoute(uint32_t node, Kind kind, RtmFamily family, const RtmRoute& r);

    /**
     * @brief Record a route entry update (updated or refreshed) of a node.
     * @param node the node index
     * @param family the family
     * @param before the entry before
     * @param after the entry after
     */
    void OnRouteUpdated(uint32_t node,
                        RtmFamily family,
                        const RtmRoute& before,
                        const RtmRoute& after);

    /**
     * @brief Record a best-route change of a node.
     * @param node the node index
     * @param c the change
     */
    void OnBestChange(uint32_t node, const RtmChange& c);

    /**
     * @brief Connect a node's RTM trace sources to a recorder.
     * @param weak the recorder (held weakly by the callbacks)
     * @param node the node index
     * @param base the Config path of the node's RTM, ending in '/'
     * @return true if every trace source was connected
     */
    static bool Connect(std::weak_ptr<State> weak, uint32_t node, const std::string& base);

    /**
     * @brief Take a snapshot now and schedule the next one while it is not after the stop time.
     * @param weak the recorder
     */
    static void SnapshotTick(std::weak_ptr<State> weak);
};

namespace
{

std::string
FormatNetwork(RtmFamily family, uint64_t network)
{
    std::ostringstream os;
    if (family == RtmFamily::Ip)
    {
        os << RtmRoute::KeyToString(network);
    }
    else
    {
        char buf[16];
        std::snprintf(buf, sizeof(buf), "0x%08x", static_cast<uint32_t>(network));
        os << buf;
    }
    return os.str();
}

std::string
FormatHop(RtmFamily family, const RtmRoute& r)
{
    if (family == RtmFamily::Ip)
    {
        std::ostringstream os;
        os << r.GetIpNextHop();
        return os.str();
    }
    char buf[24];
    uint64_t m = r.nextHop;
    std::snprintf(buf,
                  sizeof(buf),
                  "%02x:%02x:%02x:%02x:%02x:%02x",
                  static_cast<unsigned>((m >> 40) & 0xFF),
                  static_cast<unsigned>((m >> 32) & 0xFF),
                  static_cast<unsigned>((m >> 24) & 0xFF),
                  static_cast<unsigned>((m >> 16) & 0xFF),
                  static_cast<unsigned>((m >> 8) & 0xFF),
                  static_cast<unsigned>(m & 0xFF));
    return buf;
}

uint32_t
Metric(RtmFamily family, const RtmRoute& r)
{
    return family == RtmFamily::Ip ? r.GetIpMetric() : r.GetIpxTicks();
}

const char*
FamilyName(RtmFamily family)
{
    return family == RtmFamily::Ip ? "ip" : "ipx";
}

} // namespace

uint64_t
RtmChurnTracer::Counts::GetRouteChanges() const
{
    return n[Added] + n[Updated] + n[Deleted] + n[AgedOut];
}

uint64_t
RtmChurnTracer::Counts::GetBestChanges() const
{
    return n[BestAdded] + n[BestChanged] + n[BestDeleted];
}

const char*
RtmChurnTracer::GetKindName(Kind kind)
{
    static const char* const names[KIND_COUNT] = {"added",
                                                  "updated",
                                                  "refreshed",
                                                  "deleted",
                                                  "aged-out",
                                                  "best-added",
                                                  "best-changed",
                                                  "best-deleted"};
    return kind < KIND_COUNT ? names[kind] : "?";
}

std::string
RtmChurnTracer::FormatTime(Time t)
{
    int64_t ns = t.GetNanoSeconds();
    const char* sign = ns < 0 ? "-" : "";
    uint64_t a = ns < 0 ? static_cast<uint64_t>(-ns) : static_cast<uint64_t>(ns);
    char buf[40];
    std::snprintf(buf,
                  sizeof(buf),
                  "%s%llu.%09llu",
                  sign,
                  static_cast<unsigned long long>(a / 1000000000ULL),
                  static_cast<unsigned long long>(a % 1000000000ULL));
    return buf;
}

RtmChurnTracer::RtmChurnTracer()
    : m_state(std::make_shared<State>())
{
}

std::string
RtmChurnTracer::RankFile(const std::string& path)
{
    return RtmIsDistributedRun() ? RtmTraceMerge::GetRankFileName(path, Simulator::GetSystemId())
                                 : path;
}

void
RtmChurnTracer::SetChangesFile(const std::string& path)
{
    const std::string file = RankFile(path);
    m_state->changesFile = std::make_unique<std::ofstream>(file);
    NS_ABORT_MSG_IF(!*m_state->changesFile, "RtmChurnTracer: cannot write " << file);
    m_state->changes = m_state->changesFile.get();
}

void
RtmChurnTracer::SetChangesStream(std::ostream* os)
{
    m_state->changesFile.reset();
    m_state->changes = os;
}

void
RtmChurnTracer::SetSnapshotFile(const std::string& path, Time interval, Time stop)
{
    const std::string file = RankFile(path);
    m_state->snapshotFile = std::make_unique<std::ofstream>(file);
    NS_ABORT_MSG_IF(!*m_state->snapshotFile, "RtmChurnTracer: cannot write " << file);
    SetSnapshotStream(m_state->snapshotFile.get(), interval, stop);
}

void
RtmChurnTracer::SetSnapshotStream(std::ostream* os, Time interval, Time stop)
{
    NS_ABORT_MSG_IF(interval <= Time(0), "RtmChurnTracer: snapshot interval must be > 0");
    if (os != m_state->snapshotFile.get())
    {
        m_state->snapshotFile.reset();
    }
    m_state->snapshots = os;
    m_state->snapshotInterval = interval;
    m_state->snapshotStop = stop;
}

void
RtmChurnTracer::SetWriteRefreshes(bool write)
{
    m_state->writeRefreshes = write;
}

void
RtmChurnTracer::SetWriteRouteEvents(bool write)
{
    m_state->writeRouteEvents = write;
}

void
RtmChurnTracer::SetBinWidth(Time width)
{
    NS_ABORT_MSG_IF(width <= Time(0), "RtmChurnTracer: bin width must be > 0");
    m_state->binWidth = width;
}

namespace
{

/// Write one changes row.
void
Row(std::ostream* os,
    uint32_t node,
    RtmFamily family,
    uint64_t network,
    RtmChurnTracer::Kind kind,
    uint32_t protocol,
    const std::string& prevHop,
    const std::string& hop,
    uint32_t interface,
    uint32_t metric)
{
    if (!os)
    {
        return;
    }
    *os << RtmChurnTracer::FormatTime(Simulator::Now()) << ',' << node << ',' << FamilyName(family)
        << ',' << FormatNetwork(family, network) << ',' << RtmChurnTracer::GetKindName(kind) << ','
        << protocol << ',' << prevHop << ',' << hop << ',' << interface << ',' << metric << '\n';
}

} // namespace

void
RtmChurnTracer::State::OnRoute(uint32_t node, Kind kind, RtmFamily family, const RtmRoute& r)
{
    ++counts[node].n[kind];
    Bin(routeSeries);
    if (!writeRouteEvents)
    {
        return;
    }
    bool gone = kind == Deleted || kind == AgedOut;
    Row(changes,
        node,
        family,
        r.network,
        kind,
        r.protocol,
        gone ? FormatHop(family, r) : "-",
        gone ? "-" : FormatHop(family, r),
        r.interface,
        Metric(family, r));
}

void
RtmChurnTracer::State::OnRouteUpdated(uint32_t node,
                                      RtmFamily family,
                                      const RtmRoute& before,
                                      const RtmRoute& after)
{
    Kind kind = before.SameSignificant(after) ? Refreshed : Updated;
    ++counts[node].n[kind];
    if (kind == Updated)
    {
        Bin(routeSeries);
    }
    if (!writeRouteEvents || (kind == Refreshed && !writeRefreshes))
    {
        return;
    }
    Row(changes,
        node,
        family,
        after.network,
        kind,
        after.protocol,
        FormatHop(family, before),
        FormatHop(family, after),
        after.interface,
        Metric(family, after));
}

void
RtmChurnTracer::State::OnBestChange(uint32_t node, const RtmChange& c)
{
    bool cur = (c.flags & RtmChange::CURRENT) != 0;
    bool prev = (c.flags & RtmChange::PREVIOUS) != 0;
    Kind kind = cur && prev ? BestChanged : (cur ? BestAdded : BestDeleted);
    ++counts[node].n[kind];
    Bin(bestSeries);
    const RtmRoute& r = cur ? c.current : c.previous;
    Row(changes,
        node,
        c.family,
        c.network,
        kind,
        r.protocol,
        prev ? FormatHop(c.family, c.previous) : "-",
        cur ? FormatHop(c.family, c.current) : "-",
        r.interface,
        Metric(c.family, r));
}

bool
RtmChurnTracer::State::Connect(std::weak_ptr<State> weak, uint32_t node, const std::string& base)
{
    auto route = [weak, node](Kind kind, RtmFamily family, const RtmRoute& r) {
        if (std::shared_ptr<State> st = weak.lock())
        {
            st->OnRoute(node, kind, family, r);
        }
    };
    bool ok = true;
    ok &= Config::ConnectWithoutContextFailSafe(
        base + "RouteAdded",
        RtmMakeCallback<void, RtmFamily, const RtmRoute&>(
            [route](RtmFamily f, const RtmRoute& r) { route(Added, f, r); }));
    ok &= Config::ConnectWithoutContextFailSafe(
        base + "RouteDeleted",
        RtmMakeCallback<void, RtmFamily, const RtmRoute&>(
            [route](RtmFamily f, const RtmRoute& r) { route(Deleted, f, r); }));
    ok &= Config::ConnectWithoutContextFailSafe(
        base + "RouteAgedOut",
        RtmMakeCallback<void, RtmFamily, const RtmRoute&>(
            [route](RtmFamily f, const RtmRoute& r) { route(AgedOut, f, r); }));
    ok &= Config::ConnectWithoutContextFailSafe(
        base + "RouteUpdated",
        RtmMakeCallback<void, RtmFamily, const RtmRoute&, const RtmRoute&>(
            [weak, node](RtmFamily f, const RtmRoute& before, const RtmRoute& after) {
                if (std::shared_ptr<State> st = weak.lock())
                {
                    st->OnRouteUpdated(node, f, before, after);
                }
            }));
    ok &= Config::ConnectWithoutContextFailSafe(
        base + "BestRouteChange",
        RtmMakeCallback<void, const RtmChange&>([weak, node](const RtmChange& c) {
            if (std::shared_ptr<State> st = weak.lock())
            {
                st->OnBestChange(node, c);
            }
        }));
    return ok;
}

void
RtmChurnTracer::State::SnapshotTick(std::weak_ptr<State> weak)
{
    std::shared_ptr<State> st = weak.lock();
    if (!st)
    {
        return;
    }
    RtmChurnTracer view;
    view.m_state = st;
    view.Snapshot();
    if (Simulator::Now() + st->snapshotInterval <= st->snapshotStop)
    {
        Simulator::Schedule(st->snapshotInterval, &State::SnapshotTick, weak);
    }
}

void
RtmChurnTracer::Install(const NodeContainer& nodes)
{
    NS_LOG_FUNCTION(this << nodes.GetN());
    std::shared_ptr<State> s = m_state;
    NS_ABORT_MSG_IF(s->nodes.GetN() != 0, "RtmChurnTracer: installed twice");
    s->nodes = nodes;
    s->counts.assign(nodes.GetN(), Counts{});
    if (s->changes)
    {
        *s->changes << "time,node,family,network,kind,protocol,prev_next_hop,next_hop,interface,"
                       "metric\n";
    }
    if (s->snapshots)
    {
        *s->snapshots << "time,node,family,network,protocol,next_hop,interface,metric\n";
    }
    std::weak_ptr<State> weak = s;
    for (uint32_t i = 0; i < nodes.GetN(); ++i)
    {
        Ptr<Node> node = nodes.Get(i);
        RoutingTableManager::ForNode(node);
        std::string base =
            "/NodeList/" + std::to_string(node->GetId()) + "/$ns3::RoutingTableManager/";
        bool ok = State::Connect(weak, i, base);
        NS_ABORT_MSG_IF(!ok, "RtmChurnTracer: cannot connect to " << base);
    }
    // Snapshots at Now + k * interval, k >= 1, while <= stop; each schedules the next.
    if (s->snapshots && Simulator::Now() + s->snapshotInterval <= s->snapshotStop)
    {
        Simulator::Schedule(s->snapshotInterval, &State::SnapshotTick, weak);
    }
}

void
RtmChurnTracer::Snapshot()
{
    std::shared_ptr<State> s = m_state;
    if (!s->snapshots)
    {
        return;
    }
    std::ostream& os = *s->snapshots;
    std::string now = FormatTime(Simulator::Now());
    for (uint32_t i = 0; i < s->nodes.GetN(); ++i)
    {
        Ptr<RoutingTableManager> rtm = s->nodes.Get(i)->GetObject<RoutingTableManager>();
        if (!rtm)
        {
            continue;
        }
        for (RtmFamily f : {RtmFamily::Ip, RtmFamily::Ipx})
        {
            rtm->ForEachRoute(f, [&](const RtmRoute& r) {
                RtmRoute best;
                if (!rtm->IsRoute(f, r.network, &best) || !best.SameEntry(r))
                {
                    return;
                }
                os << now << ',' << i << ',' << FamilyName(f) << ',' << FormatNetwork(f, r.network)
                   << ',' << r.protocol << ',' << FormatHop(f, r) << ',' << r.interface << ','
                   << Metric(f, r) << '\n';
            });
        }
    }
}

void
RtmChurnTracer::Flush()
{
    if (m_state->changes)
    {
        m_state->changes->flush();
    }
    if (m_state->snapshots)
    {
        m_state->snapshots->flush();
    }
}

uint32_t
RtmChurnTracer::GetN() const
{
    return m_state->nodes.GetN();
}

RtmChurnTracer::Counts
RtmChurnTracer::GetCounts(uint32_t node) const
{
    return node < m_state->counts.size() ? m_state->counts[node] : Counts{};
}

RtmChurnTracer::Counts
RtmChurnTracer::GetTotal() const
{
    Counts total;
    for (const Counts& c : m_state->counts)
    {
        for (std::size_t k = 0; k < KIND_COUNT; ++k)
        {
            total.n[k] += c.n[k];
        }
    }
    return total;
}

Time
RtmChurnTracer::GetBinWidth() const
{
    return m_state->binWidth;
}

const std::vector<uint64_t>&
RtmChurnTracer::GetBestChangeSeries() const
{
    return m_state->bestSeries;
}

const std::vector<uint64_t>&
RtmChurnTracer::GetRouteChangeSeries() const
{
    return m_state->routeSeries;
}

void
RtmChurnTracer::PrintSummary(std::ostream& os) const
{
    auto line = [&os](const std::string& name, const Counts& c) {
        os << std::setw(6) << name;
        for (std::size_t k = 0; k < KIND_COUNT; ++k)
        {
            os << std::setw(13) << c.n[k];
        }
        os << "\n";
    };
    os << "RTM churn per node\n" << std::setw(6) << "node";
    for (std::size_t k = 0; k < KIND_COUNT; ++k)
    {
        os << std::setw(13) << GetKindName(static_cast<Kind>(k));
    }
    os << "\n";
    for (uint32_t i = 0; i < m_state->counts.size(); ++i)
    {
        line(std::to_string(i), m_state->counts[i]);
    }
    line("total", GetTotal());
}

} // namespace ns3
