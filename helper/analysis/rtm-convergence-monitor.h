/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#ifndef RTM_CONVERGENCE_MONITOR_H
#define RTM_CONVERGENCE_MONITOR_H

#include "rtm-data-plane-check.h"

#include "ns3/callback.h"
#include "ns3/config.h"
#include "ns3/ipv4-address.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"
#include "ns3/rtm-function-callback.h"
#include "ns3/rtm-route.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{

class RtmScenario;

/**
 * @ingroup rtm
 * @brief Measures how routing converges after each event of a timeline (and from cold start),
 * and checks the converged state: best routes against shortest paths, and the data plane.
 *
 * Periods ("epochs"): Install opens the cold-start epoch; every event of a watched RtmScenario
 * (WatchScenario) or every MarkEvent call opens the next one. A best-route change (trace source
 * BestRouteChange of any monitored node, reached through
 * "/NodeList/<id>/$ns3::RoutingTableManager/BestRouteChange") belongs to the latest epoch.
 * Per epoch: the number of best-route changes; the protocol messages counted during it (and
 * up to its last change); the convergence time = time of its last best-route change - time of
 * its event (0 if nothing changed).
 *
 * An epoch is evaluated when the network has been quiet (no best-route change) for the settle
 * time after its event or its last change, again after any later change, just before the next
 * event if that comes first (the epoch is then marked not settled), and by Finish. An
 * evaluation records:
 * - the route check: for every node s and every IPv4 network N of an up interface of a
 *   monitored node: if s has an up interface in N, its best route for N (exact network) must
 *   leave through such an interface (checked unless SetExpectConnectedRoutes(false)); else if
 *   N is reachable over up links, the best route must exist and its next hop must be a
 *   neighbour n on the route's interface (up) with cost(s, interface) + d(n, N) = d(s, N) (any
 *   of several equal-cost next hops is accepted); else (N unreachable) s must have no best route
 *   for N. d(x, N) = min over routers r with an up interface i in N of dist(x, r) + cost(r, i);
 *   dist comes from an RtmTopologyOracle over the current links (an arc x -> y for each pair
 *   of up interfaces on one channel, weighted by the cost of x's interface: 1 unless
 *   SetInterfaceCost says otherwise), which also gives the expected next hops of messages.
 *   Failed links are thereby removed. Networks for which no node of the view has an interface
 *   are not checked (static or default routes).
 * - Protocol awareness: on each node the routing agent (RtmAgent, other than the connected and
 *   static agents) that is started and whose protocol has the best RTM priority is the one
 *   expected to win. Unless SetInterfaceCost is given, interface costs are that agent's
 *   (RtmAgent::GetInterfaceMetric: hop count for RIP by default, the interface cost for OSPF).
 *   Where the agent has an infinity (RtmAgent::GetInfinity, RIP's 16) and d(s, N) reaches it,
 *   no route is expected: it is counted as beyond the protocol's reach (RouteCheck::beyondReach,
 *   not a mismatch), and the data-plane walk reports such drops as ByDesign, not black holes. A
 *   wrong best route of a lower-priority protocol while the expected one has none is a mismatch
 *   that says so (RouteCheck::fallbacks): a stale route that resurfaced.
 * - the data-plane check (RtmDataPlaneCheck::CheckAll): loops and black holes.
 *
 * Protocol messages are counted by CountMessage / GetMessageCounter (give the counter to an
 * agent's hook) or by ConnectMessageTrace<Args...>(path), which connects to any trace source
 * whose arguments are Args (for example "/NodeList/<id>/$ns3::RtmRipAgent/Tx"; a wildcard
 * in place of the id reaches every node).
 *
 * Copies share one monitor; trace callbacks hold it weakly.
 */
class RtmConvergenceMonitor
{
  public:
    /// The cost of sending out of an interface (node index, IPv4 interface index), >= 1.
    using InterfaceCost = std::function<uint32_t(uint32_t node, uint32_t interface)>;

    /**
     * @brief The best route of a node for an exact network (node index, RtmRoute::IpKey): its
     * protocol, interface and next hop; false if the node has none.
     */
    using BestRoute = std::function<bool(uint32_t node, uint64_t key, RtmRoute* best)>;

    /// One best route that disagrees with the shortest paths.
    struct Mismatch
    {
        uint32_t node{0};    //!< node index
        Ipv4Address network; //!< destination network
        Ipv4Mask mask;       //!< its mask
        std::string what;    //!< what is wrong

        /// @return one line: "node 3 10.0.1.0/24: ..."
        std::string ToString() const;
    };

    /// The result of a route check.
    struct RouteCheck
    {
        uint64_t checked{0};              //!< (node, network) pairs checked
        uint64_t mismatchCount{0};        //!< mismatches found
        std::vector<Mismatch> mismatches; //!< the first ones (SetMaxMismatches)
        /// pairs without a route because the distance reaches the protocol's infinity (correct)
        uint64_t beyondReach{0};
        /// mismatches where a lower-priority protocol's route is best while the preferred
        /// protocol has none (a stale route resurfacing, e.g. RIP's after an OSPF withdrawal)
        uint64_t fallbacks{0};
        uint64_t maxDistance{0}; //!< largest finite distance checked (the network's diameter)
        uint32_t infinity{0};    //!< the smallest infinity met (0: no protocol with one)
        std::string limitedBy;   //!< TypeId name of the agent with that infinity

        /// @return true if there is no mismatch
        bool IsOk() const
        {
            return mismatchCount == 0;
        }
    };

    /// One measurement period.
    struct Epoch
    {
        uint32_t index{0};                   //!< 0 = cold start, then one per event
        Time eventTime;                      //!< when it began
        std::string description;             //!< "cold-start" or the event's description
        uint64_t bestChanges{0};             //!< best-route changes in it
        uint64_t messages{0};                //!< protocol messages counted in it
        uint64_t messagesToConverge{0};      //!< of which up to its last best-route change
        bool changed{false};                 //!< whether any best route changed
        Time lastChange;                     //!< time of the last best-route change
        Time convergenceTime;                //!< lastChange - eventTime (0 if unchanged)
        bool evaluated{false};               //!< checks ran after the last change
        bool settled{false};                 //!< quiet for the settle time when evaluated
        Time evaluatedAt;                    //!< when the checks ran
        RouteCheck routes;                   //!< route check
        RtmDataPlaneCheck::Report dataPlane; //!< data-plane check
    };

    /**
     * @brief A monitor of a set of nodes (their interfaces are read now).
     * @param nodes the nodes; reports name them by their index here
     */
    explicit RtmConvergenceMonitor(const NodeContainer& nodes);

    /**
     * @param settle how long the network must be quiet to be converged (default 5 s)
     */
    void SetSettleTime(Time settle);

    /**
     * @param cost the interface cost for the shortest paths (null: 1 everywhere)
     */
    void SetInterfaceCost(InterfaceCost cost);

    /**
     * @param check whether evaluations run the data-plane check (default true)
     */
    void SetCheckDataPlane(bool check);

    /**
     * @param expect whether nodes must have a best route, on-link, to their own networks
     *        (default true: a connected agent is installed)
     */
    void SetExpectConnectedRoutes(bool expect);

    /**
     * @param max how many mismatches and data-plane problems an epoch keeps (default 50)
     */
    void SetMaxProblems(std::size_t max);

    /**
     * @brief Replace the RTM lookup of the data-plane check (tests).
     * @param lookup the lookup (null: the RTMs)
     */
    void SetLookup(RtmDataPlaneCheck::Lookup lookup);

    /**
     * @brief Replace the RTMs as the source of the best routes the route check reads, e.g. by a
     * table snapshot (RtmTableSnapshot) of a run whose nodes were spread over MPI ranks.
     * @param best the source (null: the RTMs)
     */
    void SetBestRoute(BestRoute best);

    /**
     * @brief Replace the live up/down state of interfaces for the route and data-plane checks
     * (RtmDataPlaneCheck::SetInterfaceState), e.g. by the state at a snapshot's time.
     * @param state the state (null: live)
     */
    void SetInterfaceState(RtmDataPlaneCheck::InterfaceState state);

    /// Connect to the nodes' RTMs and open the cold-start epoch now.
    void Install();

    /**
     * @brief Open an epoch at every event of a scenario (just before the event is applied).
     * @param scenario the scenario
     */
    void WatchScenario(RtmScenario& scenario);

    /**
     * @brief Open an epoch now.
     * @param description its description
     */
    void MarkEvent(const std::string& description);

    /// Count one protocol message.
    void CountMessage();

    /// @return a function that counts one protocol message per call (holds the monitor weakly)
    std::function<void()> GetMessageCounter() const;

    /**
     * @brief Count one protocol message per call of a trace source.
     * @tparam Args the trace source's argument types
     * @param path a Config path (wildcards allowed)
     * @return true if at least one trace source was connected (false, without asking Config,
     *         if a "$TypeId" segment of the path names no registered type)
     */
    template <typename... Args>
    bool ConnectMessageTrace(const std::string& path)
    {
        if (!PathTypeIdsExist(path))
        {
            return false;
        }
        std::function<void()> counter = GetMessageCounter();
        return Config::ConnectWithoutContextFailSafe(
            path,
            RtmMakeCallback<void, Args...>([counter](Args...) { counter(); }));
    }

    /// Evaluate the current epoch now if it was not evaluated since its last change; stop timers.
    void Finish();

    /// @return the route check of the current state
    RouteCheck CheckRoutes() const;

    /**
     * @brief The checks an epoch's evaluation runs, of the current state (as SetBestRoute,
     * SetLookup and SetInterfaceState give it), outside the epoch timeline: the route check and,
     * if enabled, the data-plane check with drops beyond the protocol's reach counted as
     * ByDesign. Sets @p epoch's routes and dataPlane only.
     * @param epoch the epoch to fill
     */
    void CheckInto(Epoch& epoch);

    /// @return the data-plane check of the current state
    RtmDataPlaneCheck::Report CheckDataPlane() const;

    /// @return the epochs so far
    const std::vector<Epoch>& GetEpochs() const;

    /// @return the total of best-route changes
    uint64_t GetTotalBestChanges() const;

    /// @return the total of protocol messages counted
    uint64_t GetTotalMessages() const;

    /// @return the data-plane check used (its view of the network)
    const RtmDataPlaneCheck& GetDataPlaneCheck() const;

    /**
     * @brief Print one line per epoch and the first problems of the last evaluation of each.
     * @param os the stream
     * @param maxLines the most mismatches and data-plane problems listed per epoch (each)
     */
    void PrintSummary(std::ostream& os, std::size_t maxLines = 5) const;

    /**
     * @brief PrintSummary's table for any epochs (e.g. evaluated after the run from snapshots).
     * @param os the stream
     * @param epochs the epochs
     * @param maxLines the most mismatches and data-plane problems listed per epoch (each)
     */
    static void PrintEpochs(std::ostream& os,
                            const std::vector<Epoch>& epochs,
                            std::size_t maxLines = 5);

    /**
     * @brief Write one CSV line per epoch (deterministic: times in integer nanoseconds).
     * @param path the file
     */
    void WriteCsv(const std::string& path) const;

    /**
     * @brief As WriteCsv, to a stream.
     * @param os the stream
     */
    void WriteCsv(std::ostream& os) const;

  private:
    /**
     * @brief Print an epoch's beyond-reach and fallback notes (PrintSummary).
     * @param os the stream
     * @param e the epoch
     */
    static void PrintReach(std::ostream& os, const Epoch& e);

    /**
     * @brief Whether every "$TypeId" segment of a Config path names a registered TypeId.
     *
     * Config resolves such a segment with TypeId::LookupByName, which in ns-3.48 release
     * builds (asserts compiled out) reads outside its table for an unknown name (seen as
     * std::bad_alloc); an unknown type can match nothing, so it is checked here first.
     * @param path a Config path
     * @return false if a segment names an unknown type
     */
    static bool PathTypeIdsExist(const std::string& path);

    struct State;
    std::shared_ptr<State> m_state; //!< shared monitor
};

} // namespace ns3

#endif /* RTM_CONVERGENCE_MONITOR_H */
