/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "routing-table-manager.h"

#include "rtm-string-format-checker.h"

#include "ns3/boolean.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <limits>
#include <optional>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RoutingTableManager");

NS_OBJECT_ENSURE_REGISTERED(RoutingTableManager);

namespace
{
constexpr uint32_t KIND_CLIENT = 1;
constexpr uint32_t KIND_ENUM = 2;

/// RRAS-like preference levels (lower wins): local, static, autostatic, SNMP, OSPF, RIP.
const char* const DEFAULT_PRIORITIES = "2:1,10006:3,10007:5,10002:7,3:10,13:110,8:120";

/**
 * @brief Read a decimal uint32_t, blanks around it allowed, nothing else.
 * @param text the text
 * @param out the number
 * @return false if the text is not one
 */
bool
ParseUnsigned(const std::string& text, uint32_t* out)
{
    std::size_t b = text.find_first_not_of(" \t");
    std::size_t e = text.find_last_not_of(" \t");
    if (b == std::string::npos)
    {
        return false;
    }
    uint64_t v = 0;
    for (std::size_t i = b; i <= e; ++i)
    {
        if (text[i] < '0' || text[i] > '9')
        {
            return false;
        }
        v = v * 10 + static_cast<uint64_t>(text[i] - '0');
        if (v > std::numeric_limits<uint32_t>::max())
        {
            return false;
        }
    }
    *out = static_cast<uint32_t>(v);
    return true;
}

/**
 * @brief Parse ProtocolPriorities text, "protocol:priority,..." with decimal numbers.
 * @param text the text
 * @param parsed the priorities (may be null)
 * @return "" if well formed, otherwise what is wrong
 */
std::string
ParsePriorityList(const std::string& text, std::map<uint32_t, uint32_t>* parsed)
{
    std::istringstream is(text);
    std::string item;
    while (std::getline(is, item, ','))
    {
        if (item.find_first_not_of(" \t") == std::string::npos)
        {
            continue;
        }
        std::size_t colon = item.find(':');
        uint32_t protocol = 0;
        uint32_t priority = 0;
        if (colon == std::string::npos || !ParseUnsigned(item.substr(0, colon), &protocol) ||
            !ParseUnsigned(item.substr(colon + 1), &priority))
        {
            return "'" + item +
                   "' is not 'protocol:priority' (two decimal numbers, for example 8:120)";
        }
        if (parsed != nullptr)
        {
            (*parsed)[protocol] = priority;
        }
    }
    return "";
}
} // namespace

TypeId
RoutingTableManager::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::RoutingTableManager")
            .SetParent<Object>()
            .SetGroupName("Rtm")
            .AddConstructor<RoutingTableManager>()
            .AddAttribute("NotificationDelay",
                          "Delay between a best-route change and the change signal of a client.",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&RoutingTableManager::m_notificationDelay),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("ProtocolPriorities",
                          "FSD_Priority per protocol id for IP routes, as 'protocol:priority,...'"
                          " (lower wins).",
                          StringValue(DEFAULT_PRIORITIES),
                          MakeStringAccessor(&RoutingTableManager::ParsePriorities,
                                             &RoutingTableManager::FormatPriorities),
                          MakeRtmStringFormatChecker("ns3::RoutingTableManager::ProtocolPriorities",
                                                     [](const std::string& text) {
                                                         return ParsePriorityList(text, nullptr);
                                                     }))
            .AddAttribute("CoalesceChanges",
                          "Departure from RTMv1 (DECISIONS 9): every client's queue holds at most "
                          "one message per network (the first previous and the latest current "
                          "best route), as RTMv2 does. Off: one message per change.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&RoutingTableManager::m_coalesce),
                          MakeBooleanChecker())
            .AddAttribute("QueueLimit",
                          "Departure from RTMv1 (DECISIONS 9): a client's queue longer than this "
                          "coalesces per network until it is drained, which bounds its memory "
                          "by the number of networks. 0: no limit (RTMv1).",
                          UintegerValue(0),
                          MakeUintegerAccessor(&RoutingTableManager::m_queueLimit),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("QueueWarningThreshold",
                          "A client's queue reaching this length logs a warning and fires "
                          "QueueThreshold (once until it is drained). 0: never.",
                          UintegerValue(1000000),
                          MakeUintegerAccessor(&RoutingTableManager::m_queueWarning),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("DefaultPriority",
                          "FSD_Priority of protocols absent from ProtocolPriorities.",
                          UintegerValue(200),
                          MakeUintegerAccessor(&RoutingTableManager::m_defaultPriority),
                          MakeUintegerChecker<uint32_t>())
            .AddTraceSource("BestRouteChange",
                            "The best route of a network changed (what forwarders are told).",
                            MakeTraceSourceAccessor(&RoutingTableManager::m_bestRouteChangeTrace),
                            "ns3::RoutingTableManager::ChangeTracedCallback")
            .AddTraceSource("RouteAdded",
                            "A route entry was created.",
                            MakeTraceSourceAccessor(&RoutingTableManager::m_routeAddedTrace),
                            "ns3::RoutingTableManager::RouteTracedCallback")
            .AddTraceSource("RouteUpdated",
                            "A route entry was updated (before, after).",
                            MakeTraceSourceAccessor(&RoutingTableManager::m_routeUpdatedTrace),
                            "ns3::RoutingTableManager::RouteUpdateTracedCallback")
            .AddTraceSource("RouteDeleted",
                            "A route entry was deleted by a client or by deregistration.",
                            MakeTraceSourceAccessor(&RoutingTableManager::m_routeDeletedTrace),
                            "ns3::RoutingTableManager::RouteTracedCallback")
            .AddTraceSource("RouteAgedOut",
                            "A route entry aged out (its time to live ran out).",
                            MakeTraceSourceAccessor(&RoutingTableManager::m_routeAgedOutTrace),
                            "ns3::RoutingTableManager::RouteTracedCallback")
            .AddTraceSource("ClientRegistered",
                            "A routing protocol registered.",
                            MakeTraceSourceAccessor(&RoutingTableManager::m_clientRegisteredTrace),
                            "ns3::RoutingTableManager::ClientTracedCallback")
            .AddTraceSource(
                "ClientDeregistered",
                "A routing protocol deregistered.",
                MakeTraceSourceAccessor(&RoutingTableManager::m_clientDeregisteredTrace),
                "ns3::RoutingTableManager::ClientTracedCallback")
            .AddTraceSource("QueueThreshold",
                            "A client's queue reached QueueWarningThreshold (family, protocol, "
                            "length); once until the queue is drained.",
                            MakeTraceSourceAccessor(&RoutingTableManager::m_queueThresholdTrace),
                            "ns3::RoutingTableManager::QueueTracedCallback");
    return tid;
}

RoutingTableManager::RoutingTableManager()
    : m_tag(0),
      m_serial(0),
      m_ip(std::make_unique<RtmTable>(RtmFamily::Ip)),
      m_ipx(nullptr),
      m_defaultPriority(200),
      m_coalesce(false),
      m_queueLimit(0),
      m_queueWarning(1000000),
      m_expiryEventAt(NO_EXPIRY),
      m_disposed(false)
{
    NS_LOG_FUNCTION(this);
    // No tag until the manager is aggregated to a node: tokens name a node (DECISIONS 7), and
    // nothing but a node id tells two managers apart without state shared between them.
    ParsePriorities(DEFAULT_PRIORITIES);
}

RoutingTableManager::~RoutingTableManager()
{
    NS_LOG_FUNCTION(this);
}

Ptr<RoutingTableManager>
RoutingTableManager::ForNode(Ptr<Node> node)
{
    Ptr<RoutingTableManager> rtm = node->GetObject<RoutingTableManager>();
    if (!rtm)
    {
        rtm = CreateObject<RoutingTableManager>();
        node->AggregateObject(rtm);
    }
    return rtm;
}

Time
RoutingTableManager::Infinite()
{
    return Time::Max();
}

Ptr<Node>
RoutingTableManager::GetNode() const
{
    return m_node;
}

int64_t
RoutingTableManager::NowTicks()
{
    return Simulator::Now().GetNanoSeconds() / 100;
}

void
RoutingTableManager::NotifyNewAggregate()
{
    if (!m_node)
    {
        Ptr<Node> node = GetObject<Node>();
        if (node)
        {
            m_node = node;
            // node id + 1 fills the 24-bit tag field exactly (MAX_TAG): a node beyond that gets
            // no tag, so its manager issues no tokens rather than ones that alias another node's
            m_tag = node->GetId() < MAX_TAG ? node->GetId() + 1 : 0;
        }
    }
    Object::NotifyNewAggregate();
}

void
RoutingTableManager::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_disposed = true;
    m_tag = 0; // a disposed manager issues no more tokens and accepts none
    m_clients.clear();
    m_ip = std::make_unique<RtmTable>(RtmFamily::Ip); // release the tables' memory
    m_ipx.reset();
    m_aging.Clear();
    m_enums.clear();
    m_node = nullptr;
    Object::DoDispose();
}

// ---- helpers -----------------------------------------------------------------------------------

bool
RoutingTableManager::ValidFamily(RtmFamily family)
{
    return family == RtmFamily::Ip || family == RtmFamily::Ipx;
}

RtmTable&
RoutingTableManager::Table(RtmFamily family)
{
    return family == RtmFamily::Ip ? *m_ip : Ipx();
}

const RtmTable&
RoutingTableManager::GetTable(RtmFamily family) const
{
    return family == RtmFamily::Ip ? *m_ip : Ipx();
}

RtmTable&
RoutingTableManager::Ipx() const
{
    if (!m_ipx)
    {
        // made on first use: most simulated routers never hold an IPX route
        m_ipx = std::make_unique<RtmTable>(RtmFamily::Ipx);
    }
    return *m_ipx;
}

bool
RoutingTableManager::IsDisposed() const
{
    return m_disposed;
}

uint64_t
RoutingTableManager::NewToken(uint32_t kind)
{
    // node (24 bits) | kind (4 bits) | serial (36 bits): never reused, never a pointer. A manager
    // with no tag (on no node, on a node beyond MAX_TAG, disposed) and a manager whose serials
    // ran out issue none: a token never names two live objects.
    if (m_tag == 0 || m_disposed || m_serial >= MAX_SERIAL)
    {
        return 0;
    }
    ++m_serial;
    return (m_tag << 40) | (static_cast<uint64_t>(kind) << 36) | m_serial;
}

bool
RoutingTableManager::TokenIsMine(uint64_t token, uint32_t kind) const
{
    return token != 0 && m_tag != 0 && !m_disposed && (token >> 40) == m_tag &&
           ((token >> 36) & 0xF) == kind;
}

RoutingTableManager::Client*
RoutingTableManager::FindClientRecord(ClientId client)
{
    if (!TokenIsMine(client, KIND_CLIENT))
    {
        return nullptr;
    }
    auto it = m_clients.find(client);
    return it == m_clients.end() ? nullptr : &it->second;
}

const RoutingTableManager::Client*
RoutingTableManager::FindClientRecord(ClientId client) const
{
    return const_cast<RoutingTableManager*>(this)->FindClientRecord(client);
}

bool
RoutingTableManager::ParsePriorities(const std::string& text)
{
    std::map<uint32_t, uint32_t> parsed;
    std::string error = ParsePriorityList(text, &parsed);
    if (!error.empty())
    {
        NS_LOG_WARN("ProtocolPriorities: " << error);
        return false; // the checker rejects such text before it comes here
    }
    m_priorities = parsed;
    for (auto& [id, c] : m_clients)
    {
        c.priority = GetProtocolPriority(c.protocol);
    }
    return true;
}

std::string
RoutingTableManager::FormatPriorities() const
{
    std::ostringstream os;
    bool first = true;
    for (const auto& [p, v] : m_priorities)
    {
        os << (first ? "" : ",") << p << ":" << v;
        first = false;
    }
    return os.str();
}

void
RoutingTableManager::SetProtocolPriority(uint32_t protocol, uint32_t priority)
{
    m_priorities[protocol] = priority;
    for (auto& [id, c] : m_clients)
    {
        if (c.protocol == protocol)
        {
            c.priority = priority;
        }
    }
}

uint32_t
RoutingTableManager::GetProtocolPriority(uint32_t protocol) const
{
    auto it = m_priorities.find(protocol);
    return it == m_priorities.end() ? m_defaultPriority : it->second;
}

// ---- notifications -----------------------------------------------------------------------------

bool
RoutingTableManager::WantsChange(RtmFamily family, ClientId exclude, const RtmChange* result) const
{
    if (result || !m_bestRouteChangeTrace.IsEmpty())
    {
        return true;
    }
    for (const auto& [id, c] : m_clients)
    {
        if (id != exclude && c.family == family && !c.signal.IsNull())
        {
            return true;
        }
    }
    return false;
}

void
RoutingTableManager::Publish(const RtmChange& change, ClientId exclude)
{
    if (change.flags == 0)
    {
        return;
    }
    NS_LOG_LOGIC("best-route change flags=" << change.flags << " net=0x" << std::hex
                                            << change.network);
    m_bestRouteChangeTrace(change);
    for (auto& [id, c] : m_clients)
    {
        if (id == exclude || c.family != change.family || c.signal.IsNull())
        {
            continue;
        }
        if (!c.queue)
        {
            c.queue = std::make_unique<RtmChangeQueue>();
            c.queue->SetCoalescing(m_coalesce);
        }
        c.queue->Push(change);
        const std::size_t length = c.queue->Size();
        if (m_queueLimit != 0 && length > m_queueLimit && !c.queue->IsCoalescing())
        {
            c.queue->SetCoalescing(true); // bounded from here on: one message per network
        }
        if (m_queueWarning != 0 && length >= m_queueWarning && !c.warned)
        {
            c.warned = true;
            NS_LOG_WARN("RTM client (protocol " << c.protocol << ") has " << length
                                                << " undrained change messages");
            m_queueThresholdTrace(c.family, c.protocol, length);
        }
        Signal(id, c);
    }
}

void
RoutingTableManager::Signal(ClientId id, Client& c)
{
    if (c.signalled)
    {
        return; // manual-reset event already set: one wake-up until the queue is drained
    }
    c.signalled = true;
    Ptr<RoutingTableManager> self(this);
    if (m_node)
    {
        Simulator::ScheduleWithContext(m_node->GetId(),
                                       m_notificationDelay,
                                       &RoutingTableManager::FireSignal,
                                       self,
                                       id);
    }
    else
    {
        Simulator::Schedule(m_notificationDelay, &RoutingTableManager::FireSignal, self, id);
    }
}

void
RoutingTableManager::FireSignal(ClientId id)
{
    Client* c = m_disposed ? nullptr : FindClientRecord(id);
    if (c && !c->signal.IsNull())
    {
        Callback<void> cb = c->signal;
        cb();
    }
}

// ---- clients -----------------------------------------------------------------------------------

RoutingTableManager::ClientId
RoutingTableManager::RegisterClient(RtmFamily family,
                                    uint32_t protocol,
                                    uint32_t flags,
                                    Callback<void> changeSignal,
                                    RtmError* error)
{
    NS_LOG_FUNCTION(this << static_cast<uint32_t>(family) << protocol << flags);
    RtmError dummy;
    RtmError& err = error ? *error : dummy;
    if (!ValidFamily(family) || (flags & ~SINGLE_ROUTE) != 0)
    {
        err = RtmError::InvalidParameter;
        return 0;
    }
    if (FindClient(family, protocol) != 0)
    {
        err = RtmError::AlreadyExists;
        return 0;
    }
    ClientId id = NewToken(KIND_CLIENT);
    if (id == 0)
    {
        // on no node or disposed (no node bound, DECISIONS 6), or out of tokens
        err = m_tag == 0 || m_disposed ? RtmError::InvalidParameter : RtmError::NoSystemResources;
        return 0;
    }
    Client c;
    c.family = family;
    c.protocol = protocol;
    c.flags = flags;
    c.priority = GetProtocolPriority(protocol);
    c.signal = changeSignal;
    c.signalled = false;
    c.warned = false;
    m_clients.emplace(id, std::move(c));
    err = RtmError::Success;
    m_clientRegisteredTrace(family, protocol);
    return id;
}

RoutingTableManager::ClientId
RoutingTableManager::FindClient(RtmFamily family, uint32_t protocol) const
{
    for (const auto& [id, c] : m_clients)
    {
        if (c.family == family && c.protocol == protocol)
        {
            return id;
        }
    }
    return 0;
}

bool
RoutingTableManager::GetClientInfo(ClientId client, RtmFamily* family, uint32_t* protocol) const
{
    const Client* c = FindClientRecord(client);
    if (!c)
    {
        return false;
    }
    if (family)
    {
        *family = c->family;
    }
    if (protocol)
    {
        *protocol = c->protocol;
    }
    return true;
}

RtmError
RoutingTableManager::DeregisterClient(ClientId client)
{
    NS_LOG_FUNCTION(this << client);
    Client* c = FindClientRecord(client);
    if (!c)
    {
        return RtmError::InvalidHandle;
    }
    RtmFamily family = c->family;
    uint32_t protocol = c->protocol;
    m_clients.erase(client); // its queue goes with it; the others hear of the deletions
    std::vector<RtmTable::Ref> refs;
    RtmRoute criteria;
    criteria.protocol = protocol;
    Table(family).Collect(RtmTable::ONLY_THIS_PROTOCOL, criteria, &refs);
    for (const RtmTable::Ref& ref : refs)
    {
        RemoveRef(family, ref, 0);
    }
    m_clientDeregisteredTrace(family, protocol);
    return RtmError::Success;
}

void
RoutingTableManager::RemoveRef(RtmFamily family, RtmTable::Ref ref, ClientId exclude)
{
    RtmChange change;
    RtmRoute removed;
    bool traced = !m_routeDeletedTrace.IsEmpty();
    if (Table(family).Remove(ref, &change, traced ? &removed : nullptr))
    {
        if (traced)
        {
            m_routeDeletedTrace(family, removed);
        }
        Publish(change, exclude);
    }
}

// ---- routes ------------------------------------------------------------------------------------

RtmError
RoutingTableManager::AddRoute(ClientId client,
                              const RtmRoute& route,
                              Time timeToLive,
                              RtmChange* result)
{
    NS_LOG_FUNCTION(this << client << timeToLive);
    Client* c = FindClientRecord(client);
    if (!c)
    {
        return RtmError::InvalidHandle;
    }
    RtmTable& table = Table(c->family);
    // integer comparisons only: before Simulator::Run, ns-3.37 records every Time object made
    const int64_t ttlStep = timeToLive.GetTimeStep();
    const bool infinite = ttlStep == std::numeric_limits<int64_t>::max();
    const int64_t ttlNs = infinite ? 0 : timeToLive.GetNanoSeconds();
    if (!table.IsValidNetwork(route.network) ||
        (c->family == RtmFamily::Ipx && (route.nextHop >> 48) != 0) || ttlStep < 0 ||
        (!infinite && ttlNs > static_cast<int64_t>(MAX_TTL_SECONDS) * 1000000000))
    {
        return RtmError::InvalidParameter;
    }
    RtmRoute r = route;
    r.protocol = c->protocol;
    r.timeStamp = NowTicks();
    r.enabled = true;
    r.ttlMs = infinite ? RtmRoute::INFINITE_TTL : static_cast<uint32_t>((ttlNs + 999999) / 1000000);
    if (c->family == RtmFamily::Ip)
    {
        r.familyData[RtmRoute::IpPriority] = c->priority;
    }
    RtmRoute previous;
    RtmTable::Ref ref;
    bool single = (c->flags & SINGLE_ROUTE) != 0;
    RtmFamily family = c->family;
    // nobody to tell (no other client, no trace, no result asked): the table copies no route
    std::optional<RtmChange> change;
    if (WantsChange(family, client, result))
    {
        change.emplace();
    }
    RtmTable::Upsert up =
        table.AddOrUpdate(r, single, change ? &*change : nullptr, &previous, &ref);
    if (up == RtmTable::Upsert::Added)
    {
        m_routeAddedTrace(family, r);
    }
    else if (!m_routeUpdatedTrace.IsEmpty())
    {
        RtmRoute now;
        table.Get(ref, &now);
        m_routeUpdatedTrace(family, previous, now);
    }
    // One heap entry per route suffices while its expiry only moves later (a refresh): the
    // entry pops early and is pushed again with the current expiry (RunExpiry).
    if (r.ttlMs != RtmRoute::INFINITE_TTL &&
        (up == RtmTable::Upsert::Added || previous.ttlMs == RtmRoute::INFINITE_TTL ||
         ExpiryOf(r) < ExpiryOf(previous)))
    {
        ScheduleExpiry(r, ref, family);
    }
    if (change)
    {
        Publish(*change, client);
        if (result)
        {
            *result = *change;
        }
    }
    return RtmError::Success;
}

RtmError
RoutingTableManager::DeleteRoute(ClientId client, const RtmRoute& route, RtmChange* result)
{
    NS_LOG_FUNCTION(this << client);
    Client* c = FindClientRecord(client);
    if (!c)
    {
        return RtmError::InvalidHandle;
    }
    RtmTable& table = Table(c->family);
    if (!table.IsValidNetwork(route.network))
    {
        return RtmError::InvalidParameter;
    }
    RtmRoute id = route;
    id.protocol = c->protocol;
    RtmTable::Ref ref = table.Find(id, (c->flags & SINGLE_ROUTE) != 0);
    if (ref.index == RtmTable::NONE)
    {
        return RtmError::NoMoreItems;
    }
    RtmRoute removed;
    bool traced = !m_routeDeletedTrace.IsEmpty();
    RtmFamily family = c->family;
    std::optional<RtmChange> change;
    if (WantsChange(family, client, result))
    {
        change.emplace();
    }
    table.Remove(ref, change ? &*change : nullptr, traced ? &removed : nullptr);
    if (traced)
    {
        m_routeDeletedTrace(family, removed);
    }
    if (change)
    {
        Publish(*change, client);
        if (result)
        {
            *result = *change;
        }
    }
    return RtmError::Success;
}

RtmError
RoutingTableManager::DequeueRouteChange(ClientId client, RtmChange* message)
{
    Client* c = FindClientRecord(client);
    if (!c || c->signal.IsNull())
    {
        return RtmError::InvalidHandle;
    }
    if (!c->queue)
    {
        c->signalled = false;
        return RtmError::NoMoreItems;
    }
    if (!c->queue->Pop(message))
    {
        c->queue.reset();
        c->signalled = false;
        c->warned = false;
        return RtmError::NoMoreItems; // everything pending was merged away
    }
    if (c->queue->Empty())
    {
        c->queue.reset(); // a drained queue holds no memory (DECISIONS 9)
        c->signalled = false;
        c->warned = false;
        return RtmError::Success;
    }
    return RtmError::MoreData;
}

std::size_t
RoutingTableManager::GetQueueLength(ClientId client) const
{
    const Client* c = FindClientRecord(client);
    return c && c->queue ? c->queue->Size() : 0;
}

bool
RoutingTableManager::IsRoute(RtmFamily family, uint64_t network, RtmRoute* best) const
{
    if (!ValidFamily(family))
    {
        return false;
    }
    return GetTable(family).GetBest(network, best);
}

bool
RoutingTableManager::FindProtocolRoute(RtmFamily family,
                                       uint64_t network,
                                       uint32_t protocol,
                                       RtmRoute* route) const
{
    if (!ValidFamily(family))
    {
        return false;
    }
    const RtmTable& table = GetTable(family);
    RtmRoute id;
    id.network = network;
    id.protocol = protocol;
    return table.Get(table.Find(id, true), route);
}

uint32_t
RoutingTableManager::GetNetworkCount(RtmFamily family) const
{
    return ValidFamily(family) ? GetTable(family).GetNetworkCount() : 0;
}

uint32_t
RoutingTableManager::GetRouteCount(RtmFamily family) const
{
    return ValidFamily(family) ? GetTable(family).GetRouteCount() : 0;
}

Time
RoutingTableManager::GetRouteAge(const RtmRoute& route) const
{
    // A forged time stamp can be anything: no signed overflow on the way (UBSan).
    const int64_t now = NowTicks();
    if (route.timeStamp > now)
    {
        return NanoSeconds(-1); // in the future
    }
    int64_t ticks = 0;
    if (__builtin_sub_overflow(now, route.timeStamp, &ticks) ||
        ticks > std::numeric_limits<int64_t>::max() / 100)
    {
        return Time::Max(); // older than any time the simulator can hold
    }
    return NanoSeconds(ticks * 100);
}

// ---- enumeration -------------------------------------------------------------------------------

RoutingTableManager::EnumerationId
RoutingTableManager::CreateEnumeration(RtmFamily family,
                                       uint32_t flags,
                                       const RtmRoute& criteria,
                                       RtmError* error)
{
    RtmError dummy;
    RtmError& err = error ? *error : dummy;
    if (!ValidFamily(family) || (flags & ~ENUMERATION_FLAGS) != 0 || m_tag == 0 || m_disposed)
    {
        err = RtmError::InvalidParameter; // m_tag 0: on no node or disposed, no token to give
        return 0;
    }
    Enumeration e;
    e.family = family;
    e.flags = flags;
    e.criteria = criteria;
    e.next = 0;
    Table(family).Collect(flags, criteria, &e.refs);
    if (e.refs.empty())
    {
        err = RtmError::NoMoreItems;
        return 0;
    }
    EnumerationId id = NewToken(KIND_ENUM);
    if (id == 0)
    {
        err = RtmError::NoSystemResources; // every serial used
        return 0;
    }
    m_enums.emplace(id, std::move(e));
    err = RtmError::Success;
    return id;
}

RtmError
RoutingTableManager::EnumerateNext(EnumerationId enumeration, RtmRoute* route)
{
    if (!TokenIsMine(enumeration, KIND_ENUM))
    {
        return RtmError::InvalidHandle;
    }
    auto it = m_enums.find(enumeration);
    if (it == m_enums.end())
    {
        return RtmError::InvalidHandle;
    }
    Enumeration& e = it->second;
    RtmTable& table = Table(e.family);
    while (e.next < e.refs.size())
    {
        RtmTable::Ref ref = e.refs[e.next++];
        if (table.Matches(ref, e.flags, e.criteria))
        {
            if (route)
            {
                table.Get(ref, route);
            }
            return RtmError::Success;
        }
    }
    return RtmError::NoMoreItems;
}

bool
RoutingTableManager::GetEnumerationFamily(EnumerationId enumeration, RtmFamily* family) const
{
    if (!TokenIsMine(enumeration, KIND_ENUM))
    {
        return false;
    }
    auto it = m_enums.find(enumeration);
    if (it == m_enums.end())
    {
        return false;
    }
    *family = it->second.family;
    return true;
}

RtmError
RoutingTableManager::CloseEnumeration(EnumerationId enumeration)
{
    if (!TokenIsMine(enumeration, KIND_ENUM) || m_enums.erase(enumeration) == 0)
    {
        return RtmError::InvalidHandle;
    }
    return RtmError::Success;
}

RtmError
RoutingTableManager::GetFirstRoute(RtmFamily family, uint32_t flags, RtmRoute* route)
{
    if (!ValidFamily(family) || (flags & ~ENUMERATION_FLAGS) != 0 || !route)
    {
        return RtmError::InvalidParameter;
    }
    RtmRoute criteria = *route;
    return Table(family).NextInOrder(nullptr, flags, criteria, route) ? RtmError::Success
                                                                      : RtmError::NoMoreItems;
}

RtmError
RoutingTableManager::GetNextRoute(RtmFamily family, uint32_t flags, RtmRoute* route)
{
    if (!ValidFamily(family) || (flags & ~ENUMERATION_FLAGS) != 0 || !route)
    {
        return RtmError::InvalidParameter;
    }
    RtmRoute cursor = *route;
    return Table(family).NextInOrder(&cursor, flags, cursor, route) ? RtmError::Success
                                                                    : RtmError::NoMoreItems;
}

void
RoutingTableManager::ForEachRoute(RtmFamily family,
                                  const std::function<void(const RtmRoute&)>& visit)
{
    RtmRoute r;
    RtmRoute none;
    RtmTable& table = Table(family);
    bool ok = table.NextInOrder(nullptr, 0, none, &r);
    while (ok)
    {
        visit(r);
        RtmRoute cursor = r;
        ok = table.NextInOrder(&cursor, 0, none, &r);
    }
}

void
RoutingTableManager::ForEachRouteUnordered(RtmFamily family,
                                           const std::function<void(const RtmRoute&)>& visit) const
{
    const RtmTable& table = GetTable(family);
    std::vector<RtmTable::Ref> refs;
    refs.reserve(table.GetRouteCount());
    table.Collect(0, RtmRoute(), &refs);
    RtmRoute r;
    for (const RtmTable::Ref& ref : refs)
    {
        if (table.Get(ref, &r))
        {
            visit(r);
        }
    }
}

// ---- block operations --------------------------------------------------------------------------

RtmError
RoutingTableManager::SelectOwn(ClientId client,
                               uint32_t flags,
                               const RtmRoute& criteria,
                               Client** c,
                               std::vector<RtmTable::Ref>* refs)
{
    *c = FindClientRecord(client);
    if (!*c)
    {
        return RtmError::InvalidHandle;
    }
    if ((flags & ~ENUMERATION_FLAGS) != 0)
    {
        return RtmError::InvalidParameter;
    }
    RtmRoute crit = criteria;
    crit.protocol = (*c)->protocol;
    uint32_t f = (flags & (RtmTable::ONLY_THIS_NETWORK | RtmTable::ONLY_THIS_INTERFACE)) |
                 RtmTable::ONLY_THIS_PROTOCOL;
    Table((*c)->family).Collect(f, crit, refs);
    return refs->empty() ? RtmError::NoMoreItems : RtmError::Success;
}

RtmError
RoutingTableManager::BlockDeleteRoutes(ClientId client, uint32_t flags, const RtmRoute& criteria)
{
    NS_LOG_FUNCTION(this << client << flags);
    Client* c;
    std::vector<RtmTable::Ref> refs;
    RtmError err = SelectOwn(client, flags, criteria, &c, &refs);
    if (err != RtmError::Success)
    {
        return err;
    }
    RtmFamily family = c->family;
    for (const RtmTable::Ref& ref : refs)
    {
        RemoveRef(family, ref, 0);
    }
    return RtmError::Success;
}

RtmError
RoutingTableManager::BlockSetRouteEnable(ClientId client,
                                         uint32_t flags,
                                         const RtmRoute& criteria,
                                         bool enable)
{
    NS_LOG_FUNCTION(this << client << flags << enable);
    Client* c;
    std::vector<RtmTable::Ref> refs;
    RtmError err = SelectOwn(client, flags, criteria, &c, &refs);
    if (err != RtmError::Success)
    {
        return err;
    }
    RtmTable& table = Table(c->family);
    for (const RtmTable::Ref& ref : refs)
    {
        RtmChange change;
        if (table.SetEnabled(ref, enable, &change))
        {
            Publish(change, 0);
        }
    }
    return RtmError::Success;
}

RtmError
RoutingTableManager::BlockConvertRoutesToStatic(ClientId client,
                                                uint32_t flags,
                                                const RtmRoute& criteria)
{
    NS_LOG_FUNCTION(this << client << flags);
    Client* c = FindClientRecord(client);
    if (!c)
    {
        return RtmError::InvalidHandle;
    }
    if ((flags & ~ENUMERATION_FLAGS) != 0)
    {
        return RtmError::InvalidParameter;
    }
    RtmFamily family = c->family;
    uint32_t protocol = c->protocol;
    uint32_t priority = c->priority;
    bool single = (c->flags & SINGLE_ROUTE) != 0;
    RtmTable& table = Table(family);
    std::vector<RtmTable::Ref> refs;
    table.Collect(flags, criteria, &refs);
    if (refs.empty())
    {
        return RtmError::NoMoreItems;
    }
    for (const RtmTable::Ref& ref : refs)
    {
        RtmRoute r;
        if (!table.Get(ref, &r))
        {
            continue;
        }
        RtmRoute target = r;
        target.protocol = protocol;
        // An entry of the caller with the same identity gives way to the converted one.
        RtmTable::Ref clash = table.Find(target, single);
        if (clash.index != RtmTable::NONE && clash.index != ref.index)
        {
            RemoveRef(family, clash, 0);
        }
        if (family == RtmFamily::Ip)
        {
            target.familyData[RtmRoute::IpPriority] = priority;
        }
        target.ttlMs = RtmRoute::INFINITE_TTL;
        target.timeStamp = NowTicks();
        RtmChange change;
        if (table.Rewrite(ref, target, &change))
        {
            if (!m_routeUpdatedTrace.IsEmpty())
            {
                m_routeUpdatedTrace(family, r, target);
            }
            Publish(change, 0);
        }
    }
    return RtmError::Success;
}

// ---- IP lookups --------------------------------------------------------------------------------

bool
RoutingTableManager::LookupIpDestination(Ipv4Address destination, RtmRoute* route)
{
    return LookupIpDestination(destination.Get(), route);
}

bool
RoutingTableManager::LookupIpNextHop(Ipv4Address destination,
                                     uint32_t* interface,
                                     Ipv4Address* nextHop)
{
    uint32_t nh = 0;
    if (!m_ip->LookupIpHop(destination.Get(), interface, &nh))
    {
        return false;
    }
    *nextHop = Ipv4Address(nh);
    return true;
}

RtmError
RoutingTableManager::AddIpRoute(ClientId client,
                                Ipv4Address network,
                                Ipv4Mask mask,
                                Ipv4Address nextHop,
                                uint32_t interface,
                                uint32_t metric,
                                Time timeToLive)
{
    return AddRoute(client,
                    RtmRoute::MakeIp(network, mask, nextHop, interface, metric),
                    timeToLive);
}

RtmError
RoutingTableManager::DeleteIpRoute(ClientId client,
                                   Ipv4Address network,
                                   Ipv4Mask mask,
                                   Ipv4Address nextHop,
                                   uint32_t interface)
{
    return DeleteRoute(client, RtmRoute::MakeIp(network, mask, nextHop, interface, 0));
}

// ---- aging -------------------------------------------------------------------------------------

void
RoutingTableManager::ScheduleRun(int64_t at)
{
    // ScheduleWithContext gives no EventId to cancel: a superseded run finds m_expiryEventAt
    // moved and does nothing.
    m_expiryEventAt = at;
    Time delay = NanoSeconds(std::max<int64_t>(0, at - NowTicks()) * 100);
    Ptr<RoutingTableManager> self(this);
    if (m_node)
    {
        Simulator::ScheduleWithContext(m_node->GetId(),
                                       delay,
                                       &RoutingTableManager::RunExpiry,
                                       self,
                                       at);
    }
    else
    {
        Simulator::Schedule(delay, &RoutingTableManager::RunExpiry, self, at);
    }
}

void
RoutingTableManager::ScheduleExpiry(const RtmRoute& route, RtmTable::Ref ref, RtmFamily family)
{
    int64_t at = ExpiryOf(route);
    m_aging.Push(at, RtmAgingHeap::SlotCode(family, ref.index), route.timeStamp);
    if (at < m_expiryEventAt)
    {
        ScheduleRun(at);
    }
}

bool
RoutingTableManager::ExpiryIsCurrent(int64_t at, uint32_t slot) const
{
    // Records carry no generation: the slot's present route counts if it ages and is not due
    // before the record. A record left by a deleted route whose slot was reused therefore only
    // wakes the run early (it then waits again), never ages a route out before its time.
    const RtmTable& table = GetTable(RtmAgingHeap::SlotFamily(slot));
    RtmRoute r;
    return table.Get(table.RefAt(RtmAgingHeap::SlotIndex(slot)), &r) &&
           r.ttlMs != RtmRoute::INFINITE_TTL && at <= ExpiryOf(r);
}

void
RoutingTableManager::RunExpiry(int64_t scheduledAt)
{
    if (m_disposed || scheduledAt != m_expiryEventAt)
    {
        return;
    }
    m_expiryEventAt = NO_EXPIRY;
    const int64_t now = NowTicks();
    int64_t next = 0;
    while (m_aging.Next(&next) && next <= now)
    {
        const RtmAgingHeap::Record e = m_aging.Pop();
        const RtmFamily family = RtmAgingHeap::SlotFamily(e.slot);
        RtmTable& table = Table(family);
        const RtmTable::Ref ref = table.RefAt(RtmAgingHeap::SlotIndex(e.slot));
        RtmRoute r;
        if (!table.Get(ref, &r) || r.ttlMs == RtmRoute::INFINITE_TTL)
        {
            continue; // deleted, or made permanent
        }
        int64_t expiry = ExpiryOf(r);
        if (expiry > now)
        {
            m_aging.Push(expiry, e.slot, now); // refreshed since (or a new route here): wait again
            continue;
        }
        RtmChange change;
        table.Remove(ref, &change);
        NS_LOG_LOGIC("route aged out: " << r);
        m_routeAgedOutTrace(family, r);
        Publish(change, 0);
    }
    // drop stale records (routes deleted or refreshed since) once they are a fifth of the heap
    if (m_aging.NeedsCompaction(static_cast<std::size_t>(m_ip->GetRouteCount()) +
                                (m_ipx ? m_ipx->GetRouteCount() : 0)))
    {
        m_aging.Compact([this](int64_t at, uint32_t slot) { return ExpiryIsCurrent(at, slot); });
    }
    if (m_aging.Next(&next))
    {
        ScheduleRun(next);
    }
}

void
RoutingTableManager::ShrinkToFit()
{
    NS_LOG_FUNCTION(this);
    m_ip->ShrinkToFit();
    if (m_ipx)
    {
        m_ipx->ShrinkToFit();
    }
}

void
RoutingTableManager::Reserve(RtmFamily family, std::size_t routes, std::size_t networks)
{
    NS_LOG_FUNCTION(this << routes << networks);
    RtmTable& table = Table(family);
    table.Reserve(table.GetRouteCount() + routes, table.GetNetworkCount() + networks);
}

std::size_t
RoutingTableManager::GetMemoryUsage() const
{
    std::size_t bytes = m_ip->GetMemoryUsage() + (m_ipx ? m_ipx->GetMemoryUsage() : 0);
    for (const auto& [id, c] : m_clients)
    {
        bytes += c.queue ? c.queue->GetMemoryUsage() : 0;
    }
    bytes += m_aging.GetMemoryUsage();
    return bytes;
}

} // namespace ns3
