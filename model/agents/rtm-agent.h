/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef RTM_AGENT_H
#define RTM_AGENT_H

#include "ns3/event-id.h"
#include "ns3/ipv4-interface-address.h"
#include "ns3/object.h"
#include "ns3/ptr.h"
#include "ns3/routing-table-manager.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace ns3
{

class Ipv4;
class Node;
class Packet;
class RtmIpv4Routing;
class UniformRandomVariable;

/**
 * @ingroup rtm
 * @brief The base of every routing agent: a protocol that is one RTMv1 client of its node's
 * RoutingTableManager.
 *
 * What every agent shares lives here, so that a protocol only says what is its own:
 *
 * - **Node and manager**: the agent belongs to one node (SetNode, or the node it is aggregated
 *   to); Start finds the node's manager (RoutingTableManager::ForNode).
 * - **Client registration**: Start registers the protocol id (GetProtocol) with the RTMv1 flags
 *   of GetRegisterFlags, with a change signal when WantsRouteChanges; Stop deregisters, so that
 *   the manager deletes every route of the agent and tells the other clients and the forwarder.
 *   Both may be called at any time, any number of times; Start again after Stop.
 * - **Running in the node's context**: StartProtocol runs inside Start; StartInContext runs in
 *   the node's simulator context (at once if Start was called there, else scheduled at the
 *   current time), where timers belong.
 * - **Usable interfaces, one rule**: an interface is usable when it is up, not excluded
 *   (ExcludeInterface, attribute ExcludedInterfaces), not the loopback (unless
 *   RunsOnLoopback), and has an address that is neither 0.0.0.0 nor a /32 nor host-scoped
 *   (the loopback's own addresses excepted when RunsOnLoopback). GetUsableAddresses gives
 *   those addresses; SyncInterfaces keeps one address per usable interface (the first) and
 *   calls InterfaceOpened and InterfaceClosed as interfaces become usable or stop being so.
 * - **Interface events**: the agent follows the InterfaceUp, InterfaceDown, AddressAdded and
 *   AddressRemoved trace sources of the node's forwarder (RtmIpv4Routing, found at Start or
 *   given with Attach) and passes them to the Notify* hooks (by default: SyncInterfaces).
 * - **The change queue**: the change signal drains the client's queue (DrainRouteChanges) and
 *   hands every message to RouteChanged.
 * - **Interface metrics**: SetInterfaceMetric / GetInterfaceMetric, with the protocol's range
 *   (GetMaxInterfaceMetric) and default (GetDefaultInterfaceMetric).
 * - **Random streams**: one UniformRandomVariable (GetRandom) fixed by AssignStreams.
 * - **Trace sources**: Tx and Rx (a protocol packet sent or accepted, with its interface) and
 *   Running (the agent started or stopped).
 *
 * doc/lab-write-a-protocol.rst walks through a protocol written on this base.
 */
class RtmAgent : public Object
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    RtmAgent();
    ~RtmAgent() override;

    /**
     * @brief Set the node (otherwise: the node the agent is aggregated to).
     * @param node the node
     */
    void SetNode(Ptr<Node> node);

    /// @return the node
    Ptr<Node> GetNode() const;

    /**
     * @brief Follow the interface events of a forwarder (its InterfaceUp, InterfaceDown,
     * AddressAdded and AddressRemoved trace sources). Start finds the node's forwarder itself
     * when none was given.
     * @param routing the forwarder
     */
    void Attach(Ptr<RtmIpv4Routing> routing);

    /// Stop following the forwarder's interface events.
    void Detach();

    /// @return the forwarder followed (null if none)
    Ptr<RtmIpv4Routing> GetForwarder() const;

    /**
     * @brief Join the node's RTM: register the client and start the protocol.
     * @return Success (also when already started); InvalidParameter without a node or with what
     *         the protocol needs missing (CanStart); the RegisterClient error otherwise
     *         (AlreadyExists when another client holds the protocol id)
     */
    RtmError Start();

    /// Leave: the protocol's last words (StopProtocol), then deregister (the RTM deletes the
    /// agent's routes and tells the others). Nothing happens if not started.
    void Stop();

    /// @return true between a successful Start and Stop
    bool IsStarted() const;

    /// @return the client token (0 when stopped)
    RoutingTableManager::ClientId GetClientId() const;

    /// @return the protocol id the agent registers (routprot.h)
    virtual uint32_t GetProtocol() const = 0;

    /// @return the protocol's name, for messages ("PROTO_IP_RIP", ...)
    virtual std::string GetProtocolName() const = 0;

    /**
     * @brief Do not run the protocol on an interface.
     * @param interface the IPv4 interface index
     */
    void ExcludeInterface(uint32_t interface);

    /**
     * @brief Undo ExcludeInterface.
     * @param interface the IPv4 interface index
     */
    void IncludeInterface(uint32_t interface);

    /**
     * @param interface an IPv4 interface index
     * @return true if excluded
     */
    bool IsInterfaceExcluded(uint32_t interface) const;

    /**
     * @brief Set the cost of an interface, in the protocol's metric.
     * @param interface the IPv4 interface index
     * @param metric the cost, 1 .. GetMaxInterfaceMetric()
     * @return false (and nothing changed) if the cost is out of range
     */
    bool SetInterfaceMetric(uint32_t interface, uint32_t metric);

    /**
     * @param interface an IPv4 interface index
     * @return its cost (GetDefaultInterfaceMetric unless set)
     */
    uint32_t GetInterfaceMetric(uint32_t interface) const;

    /**
     * @brief The metric at which the protocol calls a destination unreachable.
     *
     * A distance-vector protocol cannot reach a destination whose metric would reach it (RIP's
     * 16): a network further away has no route by design. The convergence monitor reads it to
     * tell such networks from black holes.
     * @return the infinity, or 0 when the protocol's metrics have no such limit (the default)
     */
    virtual uint32_t GetInfinity() const;

    /**
     * @brief Use fixed random streams.
     * @param stream the first stream index
     * @return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

    /**
     * @param interface an IPv4 interface index
     * @return the addresses of the interface the protocol may use (the class text's rule);
     *         empty if the interface is not usable
     */
    std::vector<Ipv4InterfaceAddress> GetUsableAddresses(uint32_t interface) const;

    /// @return the usable interfaces the agent runs on (after the last SyncInterfaces)
    std::vector<uint32_t> GetActiveInterfaces() const;

    /// @return change messages dequeued from the manager since creation
    uint64_t GetRouteChangeCount() const;

    /**
     * @brief An interface came up (forwarder trace).
     * @param interface the interface index
     */
    virtual void NotifyInterfaceUp(uint32_t interface);

    /**
     * @brief An interface went down (forwarder trace).
     * @param interface the interface index
     */
    virtual void NotifyInterfaceDown(uint32_t interface);

    /**
     * @brief An address was added (forwarder trace).
     * @param interface the interface index
     * @param address the address
     */
    virtual void NotifyAddAddress(uint32_t interface, Ipv4InterfaceAddress address);

    /**
     * @brief An address was removed (forwarder trace).
     * @param interface the interface index
     * @param address the address
     */
    virtual void NotifyRemoveAddress(uint32_t interface, Ipv4InterfaceAddress address);

    /// TracedCallback signature of Tx and Rx.
    typedef void (*PacketTracedCallback)(Ptr<const Packet> packet, uint32_t interface);
    /// TracedCallback signature of Running.
    typedef void (*RunningTracedCallback)(bool running);

  protected:
    void DoDispose() override;
    void NotifyNewAggregate() override;

    // ---- hooks a protocol overrides ---------------------------------------------------------

    /// @return the RTMv1 registration flags (RoutingTableManager::SINGLE_ROUTE or 0)
    virtual uint32_t GetRegisterFlags() const;

    /// @return true to register with a change signal (RouteChanged gets every message)
    virtual bool WantsRouteChanges() const;

    /// @return true if the loopback interface is usable (the connected agent's 127.0.0.0/8)
    virtual bool RunsOnLoopback() const;

    /**
     * @brief Checked by Start before registering.
     * @return Success, or the error Start returns (nothing is registered then)
     */
    virtual RtmError CanStart() const;

    /**
     * @brief Why CanStart fails, for the failed-start message.
     * @return a sentence naming what is wrong, or "" (the default) to give only the error code
     */
    virtual std::string GetStartProblem() const;

    /// Right after a successful registration, inside Start.
    virtual void StartProtocol();

    /// After Start, in the node's simulator context: arm timers here.
    virtual void StartInContext();

    /// Inside Stop, before deregistration: last words, timers, sockets.
    virtual void StopProtocol();

    /// After deregistration (the routes are gone): forget per-client state.
    virtual void ForgetState();

    /**
     * @brief An interface became usable (SyncInterfaces).
     * @param interface the interface index
     * @param address the address the protocol uses there
     */
    virtual void InterfaceOpened(uint32_t interface, const Ipv4InterfaceAddress& address);

    /**
     * @brief An interface stopped being usable, or its address changed (then InterfaceOpened
     * follows).
     * @param interface the interface index
     */
    virtual void InterfaceClosed(uint32_t interface);

    /**
     * @brief After SyncInterfaces.
     * @param changed true if an interface was opened or closed
     */
    virtual void InterfacesSynced(bool changed);

    /**
     * @brief Any of the forwarder's interface events. By default: SyncInterfaces.
     * @param interface the interface index
     */
    virtual void InterfaceEvent(uint32_t interface);

    /// The change signal; by default DrainRouteChanges.
    virtual void ChangeSignal();

    /**
     * @brief One message of the client's change queue.
     * @param change the message
     */
    virtual void RouteChanged(const RtmChange& change);

    /**
     * @param interface an IPv4 interface index
     * @return the cost of an interface without SetInterfaceMetric
     */
    virtual uint32_t GetDefaultInterfaceMetric(uint32_t interface) const;

    /// @return the largest interface cost
    virtual uint32_t GetMaxInterfaceMetric() const;

    /**
     * @brief An interface cost changed while started.
     * @param interface the interface index
     */
    virtual void InterfaceMetricChanged(uint32_t interface);

    // ---- services for the protocol ----------------------------------------------------------

    /// Bring the usable interfaces in line with the Ipv4 state (see the class text).
    void SyncInterfaces();

    /// Dequeue every message of the client's change queue and hand each to RouteChanged.
    void DrainRouteChanges();

    /**
     * @param interface an interface index
     * @return the address the protocol uses there (0.0.0.0 if not active)
     */
    Ipv4InterfaceAddress GetActiveAddress(uint32_t interface) const;

    /// @return the random variable of the agent (AssignStreams fixes its stream)
    Ptr<UniformRandomVariable> GetRandom() const;

    /**
     * @brief Fire the Tx trace source.
     * @param packet the packet sent
     * @param interface its interface
     */
    void NotifyTx(Ptr<const Packet> packet, uint32_t interface);

    /**
     * @brief Fire the Rx trace source.
     * @param packet the packet accepted
     * @param interface its interface
     */
    void NotifyRx(Ptr<const Packet> packet, uint32_t interface);

    Ptr<Node> m_node;                       //!< the node
    Ptr<Ipv4> m_ipv4;                       //!< its Ipv4 while started (may be null)
    Ptr<RoutingTableManager> m_rtm;         //!< its manager while started
    RoutingTableManager::ClientId m_client; //!< client token, 0 when stopped

  private:
    /**
     * @brief StartInContext, if the Start it belongs to is still current.
     * @param generation the Start
     */
    void ContextStart(uint64_t generation);

    /**
     * @brief Set ExcludedInterfaces.
     * @param text the interfaces, as "1,2"
     * @return false (nothing changed) if the text is malformed
     */
    bool SetExcludedList(const std::string& text);

    /**
     * @brief Parse ExcludedInterfaces text (comma-separated decimal interface indices).
     * @param text the text
     * @param parsed the indices (may be null)
     * @return "" if well formed, otherwise what is wrong
     */
    static std::string ParseInterfaceList(const std::string& text, std::set<uint32_t>* parsed);

    /// @return ExcludedInterfaces
    std::string GetExcludedList() const;

    bool m_warnedNoForwarder{false};                 //!< "no forwarding plane" printed
    Ptr<RtmIpv4Routing> m_forwarder;                 //!< the forwarder followed
    Ptr<UniformRandomVariable> m_rng;                //!< the agent's random variable
    std::set<uint32_t> m_excluded;                   //!< excluded interfaces
    std::map<uint32_t, uint32_t> m_metrics;          //!< configured interface costs
    std::map<uint32_t, Ipv4InterfaceAddress> m_open; //!< active interfaces and their address
    uint64_t m_generation;                           //!< incremented by every Start
    uint64_t m_changes;                              //!< change messages dequeued

    TracedCallback<Ptr<const Packet>, uint32_t> m_txTrace; //!< sent packets
    TracedCallback<Ptr<const Packet>, uint32_t> m_rxTrace; //!< accepted packets
    TracedCallback<bool> m_runningTrace;                   //!< started / stopped
};

} // namespace ns3

#endif /* RTM_AGENT_H */
