/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef ROUTING_TABLE_MANAGER_H
#define ROUTING_TABLE_MANAGER_H

#include "ns3/callback.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/ptr.h"
#include "ns3/rtm-aging-heap.h"
#include "ns3/rtm-change-queue.h"
#include "ns3/rtm-route.h"
#include "ns3/rtm-table.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <queue>
#include <string>
#include <vector>

namespace ns3
{

class Node;

/**
 * @ingroup rtm
 * @brief The Routing Table Manager of one node (the RTMv1 model).
 *
 * One table per family (IP and IPX), routing protocols as clients (at most one per family and
 * protocol id), a FIFO message queue per client that registered a change signal, change signals
 * scheduled as simulator events in the node's context, route aging on simulated time, and a
 * per-protocol priority table. Every best-route change is also reported on the BestRouteChange
 * trace source, the way RTMv1 told the forwarders.
 *
 * This is the idiomatic C++ API; ns3::rtmv1 is the Windows facade over it. Identifiers
 * (ClientId, EnumerationId) are opaque tokens that name this node: a token of another node, a
 * deregistered client or a closed enumeration is rejected with RtmError::InvalidHandle.
 * Tokens are (node id + 1, kind, serial) and are never reused, so no two managers' tokens are
 * ever equal. A manager that is on no node (not yet aggregated), on a node whose id is MAX_TAG or
 * more, or disposed (after Simulator::Destroy) issues no token: RegisterClient and
 * CreateEnumeration fail with RtmError::InvalidParameter, as a call with no node bound does
 * (DECISIONS 6), and every token is rejected. A manager that has issued MAX_SERIAL tokens
 * issues no more (RtmError::NoSystemResources).
 */
class RoutingTableManager : public Object
{
  public:
    /// Opaque client token (0 is never valid).
    using ClientId = uint64_t;
    /// Opaque enumeration token (0 is never valid).
    using EnumerationId = uint64_t;

    static constexpr uint32_t SINGLE_ROUTE = 0x1;          //!< RTM_PROTOCOL_SINGLE_ROUTE
    static constexpr uint32_t ENUMERATION_FLAGS = 0xF;     //!< every RTM_ONLY_* flag
    static constexpr uint32_t MAX_TTL_SECONDS = 2147483;   //!< largest finite time to live
    static constexpr uint64_t MAX_TAG = 0xFFFFFF;          //!< node ids below this get tokens
    static constexpr uint64_t MAX_SERIAL = 0xFFFFFFFFFULL; //!< tokens a manager issues at most

    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    RoutingTableManager();
    ~RoutingTableManager() override;

    /**
     * @brief The manager of a node, created and aggregated if the node has none.
     * @param node the node
     * @return its manager
     */
    static Ptr<RoutingTableManager> ForNode(Ptr<Node> node);

    /// @return the time to live that never expires (Time::Max())
    static Time Infinite();

    /// @return the node this manager is aggregated to (may be null)
    Ptr<Node> GetNode() const;

    /// @return true once the manager was disposed (Simulator::Destroy): it then refuses every call
    bool IsDisposed() const;

    /**
     * @brief Register a routing protocol (RtmRegisterClient).
     * @param family the family
     * @param protocol the protocol id (PROTO_IP_*, IPX_PROTOCOL_*)
     * @param flags 0 or SINGLE_ROUTE
     * @param changeSignal called, as an event in the node's context, when best routes change;
     *        a null callback means no notifications and no queue
     * @param error the status (out, optional)
     * @return the client, or 0 on failure
     */
    ClientId RegisterClient(RtmFamily family,
                            uint32_t protocol,
                            uint32_t flags,
                            Callback<void> changeSignal,
                            RtmError* error = nullptr);

    /**
     * @brief Deregister a client and delete its routes (RtmDeregisterClient).
     * @param client the client
     * @return Success or InvalidHandle
     */
    RtmError DeregisterClient(ClientId client);

    /**
     * @brief Family and protocol of a client.
     * @param client the client
     * @param family the family (out, optional)
     * @param protocol the protocol id (out, optional)
     * @return false if the client is not registered here
     */
    bool GetClientInfo(ClientId client, RtmFamily* family, uint32_t* protocol) const;

    /**
     * @brief The client registered for a family and protocol.
     * @param family the family
     * @param protocol the protocol id
     * @return the client or 0
     */
    ClientId FindClient(RtmFamily family, uint32_t protocol) const;

    /**
     * @brief Add or update a route (RtmAddRoute). The client supplies the protocol, the
     * manager sets the time stamp and, for IP, FSD_Priority from the priority table.
     * @param client the client
     * @param route the route
     * @param timeToLive how long to keep it without an update, or Infinite()
     * @param result the best-route change of the network (out, optional)
     * @return Success, InvalidHandle or InvalidParameter
     */
    RtmError AddRoute(ClientId client,
                      const RtmRoute& route,
                      Time timeToLive,
                      RtmChange* result = nullptr);

    /**
     * @brief Delete a route of the client (RtmDeleteRoute).
     * @param client the client
     * @param route network, interface and next hop of the entry
     * @param result the best-route change (out, optional)
     * @return Success, InvalidHandle, InvalidParameter or NoMoreItems (no such route)
     */
    RtmError DeleteRoute(ClientId client, const RtmRoute& route, RtmChange* result = nullptr);

    /**
     * @brief Take the oldest message of the client's queue (RtmDequeueRouteChangeMessage).
     * @param client the client
     * @param message the message (out, optional)
     * @return Success (it was the last; signal reset), MoreData, NoMoreItems (queue empty;
     *         signal reset) or InvalidHandle (also for a client without a change signal)
     */
    RtmError DequeueRouteChange(ClientId client, RtmChange* message);

    /**
     * @param client the client
     * @return the number of queued messages (0 for an unknown client)
     */
    std::size_t GetQueueLength(ClientId client) const;

    /**
     * @brief Best route of a network, exact match (RtmIsRoute).
     * @param family the family
     * @param network the network key
     * @param best the best route (out, optional)
     * @return true if the network has a best route
     */
    bool IsRoute(RtmFamily family, uint64_t network, RtmRoute* best) const;

    /**
     * @param family the family
     * @return networks with a best route (RtmGetNetworkCount)
     */
    uint32_t GetNetworkCount(RtmFamily family) const;

    /**
     * @param family the family
     * @return number of route entries
     */
    uint32_t GetRouteCount(RtmFamily family) const;

    /**
     * @brief Time since a route was created or last updated (RtmGetRouteAge).
     * @param route a route read from this manager
     * @return the age; negative if the time stamp lies in the future, Time::Max() if it lies
     *         further back than a Time can hold (a forged one)
     */
    Time GetRouteAge(const RtmRoute& route) const;

    /**
     * @brief Snapshot enumeration (RtmCreateEnumerationHandle).
     * @param family the family
     * @param flags RTM_ONLY_* flags
     * @param criteria the criteria route
     * @param error the status (out, optional): InvalidParameter or NoMoreItems
     * @return the enumeration, or 0
     */
    EnumerationId CreateEnumeration(RtmFamily family,
                                    uint32_t flags,
                                    const RtmRoute& criteria,
                                    RtmError* error = nullptr);

    /**
     * @brief Next route of an enumeration (RtmEnumerateGetNextRoute).
     * @param enumeration the enumeration
     * @param route the route (out)
     * @return Success, InvalidHandle or NoMoreItems
     */
    RtmError EnumerateNext(EnumerationId enumeration, RtmRoute* route);

    /**
     * @brief The family of an open enumeration.
     * @param enumeration the enumeration
     * @param family the family (out)
     * @return false if the enumeration is not open here
     */
    bool GetEnumerationFamily(EnumerationId enumeration, RtmFamily* family) const;

    /**
     * @brief Close an enumeration (RtmCloseEnumerationHandle).
     * @param enumeration the enumeration
     * @return Success or InvalidHandle
     */
    RtmError CloseEnumeration(EnumerationId enumeration);

    /**
     * @brief Delete the client's routes that match (RtmBlockDeleteRoutes). Every client with a
     * signal is told, the caller included.
     * @param client the client
     * @param flags RTM_ONLY_* flags (PROTOCOL and BEST are accepted and ignored)
     * @param criteria the criteria route
     * @return Success, InvalidHandle, InvalidParameter or NoMoreItems
     */
    RtmError BlockDeleteRoutes(ClientId client, uint32_t flags, const RtmRoute& criteria);

    /**
     * @brief Enable or disable the client's matching routes (RtmBlockSetRouteEnable).
     * @param client the client
     * @param flags RTM_ONLY_* flags
     * @param criteria the criteria route
     * @param enable the new state
     * @return Success, InvalidHandle, InvalidParameter or NoMoreItems
     */
    RtmError BlockSetRouteEnable(ClientId client,
                                 uint32_t flags,
                                 const RtmRoute& criteria,
                                 bool enable);

    /**
     * @brief Make matching routes of any protocol the client's, never aging
     * (RtmBlockConvertRoutesToStatic).
     * @param client the client
     * @param flags RTM_ONLY_* flags
     * @param criteria the criteria route
     * @return Success, InvalidHandle, InvalidParameter or NoMoreItems
     */
    RtmError BlockConvertRoutesToStatic(ClientId client, uint32_t flags, const RtmRoute& criteria);

    /**
     * @brief First route in (network, protocol, interface, next hop) order (RtmGetFirstRoute).
     * @param family the family
     * @param flags RTM_ONLY_* flags
     * @param route criteria in, route out
     * @return Success, InvalidParameter or NoMoreItems
     */
    RtmError GetFirstRoute(RtmFamily family, uint32_t flags, RtmRoute* route);

    /**
     * @brief The route after a cursor in that order (RtmGetNextRoute).
     * @param family the family
     * @param flags RTM_ONLY_* flags
     * @param route cursor and criteria in, route out
     * @return Success, InvalidParameter or NoMoreItems
     */
    RtmError GetNextRoute(RtmFamily family, uint32_t flags, RtmRoute* route);

    /**
     * @brief Longest-prefix match over the best IP routes (RtmLookupIPDestination).
     * @param destination the address
     * @param route the best route of the longest matching network (out, optional)
     * @return false if no route covers the address
     */
    bool LookupIpDestination(Ipv4Address destination, RtmRoute* route);

    /**
     * @brief Forwarding fast path: interface and next hop of the longest match.
     * @param destination the address
     * @param interface the interface (out)
     * @param nextHop the next hop, 0.0.0.0 for on-link (out)
     * @return false if no route covers the address
     */
    bool LookupIpNextHop(Ipv4Address destination, uint32_t* interface, Ipv4Address* nextHop);

    /**
     * @brief Forwarding fast path on host-order integers (inline: no call, no Ipv4Address).
     * @param destination the address, host order
     * @param interface the interface (out)
     * @param nextHop the next hop, host order, 0 for on-link (out)
     * @return false if no route covers the address
     */
    bool LookupIpNextHop(uint32_t destination, uint32_t* interface, uint32_t* nextHop)
    {
        return m_ip->LookupIpHop(destination, interface, nextHop);
    }

    /**
     * @brief Longest-prefix match on a host-order address (RtmLookupIPDestination's path).
     * @param destination the address, host order
     * @param route the best route of the longest matching network (out, optional)
     * @return false if no route covers the address
     */
    bool LookupIpDestination(uint32_t destination, RtmRoute* route)
    {
        if (route)
        {
            return m_ip->LookupIpRoute(destination, route);
        }
        return m_ip->LookupIp(destination).index != RtmTable::NONE;
    }

    /**
     * @brief Hint that a route of this network will be added, changed or deleted soon (see
     * RtmTable::Prefetch): a caller holding several updates, such as the entries of one routing
     * packet, hints them all first and then applies them, overlapping their memory latencies.
     * @param family the table (hints serve the IP table; an IPX hint does nothing)
     * @param network the network key (RtmRoute::network)
     */
    void Prefetch(RtmFamily family, uint64_t network) const
    {
        if (family == RtmFamily::Ip)
        {
            m_ip->Prefetch(network);
        }
    }

    /**
     * @brief Second stage of Prefetch for a network hinted a little earlier (see
     * RtmTable::PrefetchRoutes).
     * @param family the table (as Prefetch)
     * @param network the network key
     */
    void PrefetchRoutes(RtmFamily family, uint64_t network) const
    {
        if (family == RtmFamily::Ip)
        {
            m_ip->PrefetchRoutes(network);
        }
    }

    /**
     * @brief Longest-prefix match read in place, for callers that copy the route out at once
     * (the Windows facade).
     * @param destination the address, host order
     * @param view the best route of the longest matching network (out; valid until the IP
     * table next changes)
     * @return false if no route covers the address
     */
    bool LookupIpDestination(uint32_t destination, RtmIpRouteView* view)
    {
        return m_ip->LookupIpView(destination, view);
    }

    /**
     * @brief Convenience: add an IP route (MakeIp) for a client.
     * @param client the client
     * @param network the network address
     * @param mask the mask
     * @param nextHop the next hop (0.0.0.0: on-link)
     * @param interface the interface index
     * @param metric FSD_Metric
     * @param timeToLive time to live
     * @return as AddRoute
     */
    RtmError AddIpRoute(ClientId client,
                        Ipv4Address network,
                        Ipv4Mask mask,
                        Ipv4Address nextHop,
                        uint32_t interface,
                        uint32_t metric,
                        Time timeToLive = Infinite());

    /**
     * @brief Convenience: delete an IP route of a client.
     * @param client the client
     * @param network the network address
     * @param mask the mask
     * @param nextHop the next hop
     * @param interface the interface index
     * @return as DeleteRoute
     */
    RtmError DeleteIpRoute(ClientId client,
                           Ipv4Address network,
                           Ipv4Mask mask,
                           Ipv4Address nextHop,
                           uint32_t interface);

    /**
     * @brief Set the priority the manager writes into FSD_Priority for a protocol's IP routes
     * (lower wins). Routes already stored keep theirs.
     * @param protocol the protocol id
     * @param priority the priority
     */
    void SetProtocolPriority(uint32_t protocol, uint32_t priority);

    /**
     * @param protocol a protocol id
     * @return its priority (DefaultPriority if none is set)
     */
    uint32_t GetProtocolPriority(uint32_t protocol) const;

    /**
     * @brief The route of one protocol for a network, for a client that keeps at most one route
     * per network (a hash lookup; RtmGetFirstRoute would build the ordered index).
     * @param family the family
     * @param network the network key
     * @param protocol the protocol id
     * @param route the route (out)
     * @return false if the table holds no route of that protocol for the network
     */
    bool FindProtocolRoute(RtmFamily family,
                           uint64_t network,
                           uint32_t protocol,
                           RtmRoute* route) const;

    /**
     * @brief The table itself, read-only: a diagnostic for tests and benchmarks that compare the
     * table with a reference model. Agents and helpers go through the manager's calls above.
     * @param family the family
     * @return the table
     */
    const RtmTable& GetTable(RtmFamily family) const;

    /**
     * @brief Visit every route of a family in (network, protocol, interface, next hop) order.
     * @param family the family
     * @param visit called for each route
     */
    void ForEachRoute(RtmFamily family, const std::function<void(const RtmRoute&)>& visit);

    /**
     * @brief Visit every route of a family in no particular order (same order for the same
     * table history). Unlike ForEachRoute it builds no ordered index: a sum or a count over a
     * large network's tables costs no memory beyond a list of references.
     * @param family the family
     * @param visit called for each route
     */
    void ForEachRouteUnordered(RtmFamily family,
                               const std::function<void(const RtmRoute&)>& visit) const;

    /// @return the current simulation time in RR_TimeStamp units (100 ns)
    static int64_t NowTicks();

    /// @return bytes of heap memory held by the tables and queues
    std::size_t GetMemoryUsage() const;

    /**
     * @brief Release the tables' spare capacity after a bulk load (RtmTable::ShrinkToFit): the
     * routes, best routes and notifications are unchanged.
     */
    void ShrinkToFit();

    /**
     * @brief Make room in one family's table for a bulk load (RtmTable::Reserve): this many
     * more routes, to this many more networks at most, than the table holds now.
     * @param family the family
     * @param routes routes to come
     * @param networks networks to come (at most)
     */
    void Reserve(RtmFamily family, std::size_t routes, std::size_t networks);

    /// TracedCallback signature for best-route changes.
    typedef void (*ChangeTracedCallback)(const RtmChange& change);
    /// TracedCallback signature for route entry events.
    typedef void (*RouteTracedCallback)(RtmFamily family, const RtmRoute& route);
    /// TracedCallback signature for route updates.
    typedef void (*RouteUpdateTracedCallback)(RtmFamily family,
                                              const RtmRoute& before,
                                              const RtmRoute& after);
    /// TracedCallback signature for client events.
    typedef void (*ClientTracedCallback)(RtmFamily family, uint32_t protocol);
    /// TracedCallback signature for a queue passing its warning threshold.
    typedef void (*QueueTracedCallback)(RtmFamily family, uint32_t protocol, std::size_t length);

  protected:
    void DoDispose() override;
    void NotifyNewAggregate() override;

  private:
    /// A registered protocol.
    struct Client
    {
        RtmFamily family;                      //!< family
        uint32_t protocol;                     //!< protocol id
        uint32_t flags;                        //!< registration flags
        uint32_t priority;                     //!< FSD_Priority for its IP routes
        Callback<void> signal;                 //!< change signal (null: none)
        std::unique_ptr<RtmChangeQueue> queue; //!< pending messages (null: none, no memory)
        bool signalled;                        //!< signal raised and not yet reset by a dequeue
        bool warned; //!< the queue passed QueueWarningThreshold since it was last empty
    };

    /// A snapshot enumeration.
    struct Enumeration
    {
        RtmFamily family;                //!< family
        uint32_t flags;                  //!< criteria flags
        RtmRoute criteria;               //!< criteria
        std::vector<RtmTable::Ref> refs; //!< entries at creation
        std::size_t next;                //!< position
    };

    /// Who caused a change: decides who is told.
    enum class Cause
    {
        Caller, //!< add/delete: everyone but the caller
        All,    //!< block operation or aging: everyone
    };

    RtmTable& Table(RtmFamily family);
    RtmTable& Ipx() const;
    Client* FindClientRecord(ClientId client);
    const Client* FindClientRecord(ClientId client) const;
    uint64_t NewToken(uint32_t kind);
    bool TokenIsMine(uint64_t token, uint32_t kind) const;
    bool WantsChange(RtmFamily family, ClientId exclude, const RtmChange* result) const;
    void Publish(const RtmChange& change, ClientId exclude);
    void Signal(ClientId id, Client& c);
    void FireSignal(ClientId id);

    /**
     * @brief Record a route's expiry in the aging heap and bring the aging run forward if it
     * is due first.
     * @param route the route as stored (finite time to live)
     * @param ref its entry
     * @param family its table
     */
    void ScheduleExpiry(const RtmRoute& route, RtmTable::Ref ref, RtmFamily family);

    /**
     * @param route a route with a finite time to live
     * @return when it expires: its time stamp plus its TTL, in 100 ns ticks
     */
    static int64_t ExpiryOf(const RtmRoute& route)
    {
        return route.timeStamp + static_cast<int64_t>(route.ttlMs) * 10000;
    }

    /**
     * @brief Schedule the aging run (a simulator event in the node's context); a run scheduled
     * earlier for another time does nothing when it fires.
     * @param at when, 100 ns ticks
     */
    void ScheduleRun(int64_t at);

    /**
     * @brief The aging run: age out the routes due by now, push refreshed ones again, compact
     * the heap when stale records pile up, and schedule the next run.
     * @param scheduledAt the time it was scheduled for (a superseded run does nothing)
     */
    void RunExpiry(int64_t scheduledAt);

    /**
     * @brief Whether an aging record still counts (what compaction keeps): the slot holds an
     * aging route not due before the record.
     * @param at the record's time, 100 ns ticks
     * @param slot the record's slot code (RtmAgingHeap::SlotCode)
     * @return true if the record is current
     */
    bool ExpiryIsCurrent(int64_t at, uint32_t slot) const;
    void RemoveRef(RtmFamily family, RtmTable::Ref ref, ClientId exclude);
    RtmError SelectOwn(ClientId client,
                       uint32_t flags,
                       const RtmRoute& criteria,
                       Client** c,
                       std::vector<RtmTable::Ref>* refs);
    /**
     * @brief Set ProtocolPriorities.
     * @param text "protocol:priority,..."
     * @return false (nothing changed) if the text is malformed
     */
    bool ParsePriorities(const std::string& text);
    std::string FormatPriorities() const;
    static bool ValidFamily(RtmFamily family);

    Ptr<Node> m_node;                               //!< the node
    uint64_t m_tag;                                 //!< node part of the tokens
    uint64_t m_serial;                              //!< token counter
    std::unique_ptr<RtmTable> m_ip;                 //!< IP table
    mutable std::unique_ptr<RtmTable> m_ipx;        //!< IPX table, made on first use (Ipx)
    std::map<ClientId, Client> m_clients;           //!< clients by token (registration order)
    std::map<EnumerationId, Enumeration> m_enums;   //!< open enumerations
    std::map<uint32_t, uint32_t> m_priorities;      //!< protocol -> priority
    uint32_t m_defaultPriority;                     //!< priority of unlisted protocols
    Time m_notificationDelay;                       //!< signal delay
    bool m_coalesce;                                //!< every queue coalesces (RTMv2-style)
    uint32_t m_queueLimit;                          //!< length past which a queue coalesces
    uint32_t m_queueWarning;                        //!< length that warns and traces
    RtmAgingHeap m_aging;                           //!< pending expiries, 100 ns ticks
    static constexpr int64_t NO_EXPIRY = INT64_MAX; //!< no aging run scheduled
    int64_t m_expiryEventAt;                        //!< when the next aging run is due (ticks)
    bool m_disposed;                                //!< DoDispose ran: events do nothing

    TracedCallback<const RtmChange&> m_bestRouteChangeTrace;      //!< best-route change
    TracedCallback<RtmFamily, const RtmRoute&> m_routeAddedTrace; //!< entry added
    TracedCallback<RtmFamily, const RtmRoute&, const RtmRoute&> m_routeUpdatedTrace; //!< updated
    TracedCallback<RtmFamily, const RtmRoute&> m_routeDeletedTrace;         //!< entry deleted
    TracedCallback<RtmFamily, const RtmRoute&> m_routeAgedOutTrace;         //!< entry aged out
    TracedCallback<RtmFamily, uint32_t> m_clientRegisteredTrace;            //!< client registered
    TracedCallback<RtmFamily, uint32_t> m_clientDeregisteredTrace;          //!< client left
    TracedCallback<RtmFamily, uint32_t, std::size_t> m_queueThresholdTrace; //!< queue too long
};

} // namespace ns3

#endif /* ROUTING_TABLE_MANAGER_H */
