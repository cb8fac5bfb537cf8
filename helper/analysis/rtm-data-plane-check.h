/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#ifndef RTM_DATA_PLANE_CHECK_H
#define RTM_DATA_PLANE_CHECK_H

#include "ns3/ipv4-address.h"
#include "ns3/node-container.h"

#include <cstdint>
#include <functional>
#include <map>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{

/**
 * @ingroup rtm
 * @brief Follows packets through the nodes' RTM best routes, at one instant, and reports
 * forwarding loops and black holes.
 *
 * A walk from a source node to a destination address repeats, at the current node: deliver if
 * the node owns the address (any of its interface addresses); else look the address up
 * (RoutingTableManager::LookupIpNextHop by default, or the injected Lookup); no route is a black
 * hole; a route out of the loopback, of an unknown interface or of an interface that is down is
 * a black hole; the packet goes to the neighbour on that interface's channel whose interface,
 * up, holds the next hop (or the destination itself for an on-link route, next hop 0.0.0.0);
 * none is a black hole ("next hop not reachable"); reaching a node already visited is a loop.
 *
 * A black hole towards a destination that no path of up links reaches from the source is
 * reported as Unreachable instead: no route is then the right answer, not a fault.
 *
 * The view of the network (interfaces, addresses, which interfaces share a channel) is read at
 * construction (Refresh re-reads it); the up/down state of interfaces is read live at each walk.
 * Nodes are named by their index in the container; only nodes of the container are followed.
 */
class RtmDataPlaneCheck
{
  public:
    /**
     * @brief A forwarding table lookup: interface and next hop (0.0.0.0: on-link) of the best
     * route of a node towards a destination.
     */
    using Lookup = std::function<
        bool(uint32_t node, Ipv4Address destination, uint32_t* interface, Ipv4Address* nextHop)>;

    /**
     * @brief Whether a node is meant to have no route to a destination, although a path of up
     * links exists (beyond the reach of its routing protocol, such as RIP's infinity).
     */
    using NoRouteByDesign = std::function<bool(uint32_t node, Ipv4Address destination)>;

    /**
     * @brief Whether an existing interface of a node is up (node index, IPv4 interface index):
     * the state of a past instant, e.g. of a table snapshot, in place of the live one.
     */
    using InterfaceState = std::function<bool(uint32_t node, uint32_t interface)>;

    /// One IPv4 interface of a node in the view.
    struct Interface
    {
        uint32_t index{0};                  //!< IPv4 interface index
        Ipv4Address address;                //!< first address (0.0.0.0 if none)
        Ipv4Mask mask;                      //!< its mask
        std::vector<Ipv4Address> addresses; //!< every address of the interface
        /// (node index, interface index) of every other interface on the same channel
        std::vector<std::pair<uint32_t, uint32_t>> neighbours;
    };

    /// How a walk ended.
    enum Outcome : uint8_t
    {
        Delivered,   //!< reached the node owning the destination
        Loop,        //!< came back to a node already visited
        BlackHole,   //!< dropped although a path of up links exists
        Unreachable, //!< dropped, and no path of up links exists (not a fault)
        ByDesign,    //!< no route at a node meant to have none (SetNoRouteByDesign; not a fault)
    };

    /// One walk.
    struct Walk
    {
        uint32_t source{0};         //!< source node index
        Ipv4Address destination;    //!< destination address
        Outcome outcome{Delivered}; //!< how it ended
        std::vector<uint32_t> path; //!< node indices visited, source first (loop: repeated last)
        std::string reason;         //!< why it was dropped (empty if delivered)

        /// @return one line: "3 -> 10.0.0.1: loop 3 4 3"
        std::string ToString() const;
    };

    /// Result of many walks.
    struct Report
    {
        uint64_t walks{0};          //!< walks made
        uint64_t delivered{0};      //!< delivered
        uint64_t loops{0};          //!< loops
        uint64_t blackHoles{0};     //!< black holes
        uint64_t unreachable{0};    //!< unreachable destinations
        uint64_t byDesign{0};       //!< dropped where no route is the protocol's design
        std::vector<Walk> problems; //!< every loop and black hole

        /// @return true if there is no loop and no black hole
        bool IsOk() const;

        /**
         * @brief Print counts and up to @p max problems.
         * @param os the stream
         * @param max the most problems to list
         */
        void Print(std::ostream& os, std::size_t max = 20) const;
    };

    /**
     * @brief A check over a set of nodes (read at once).
     * @param nodes the nodes
     */
    explicit RtmDataPlaneCheck(const NodeContainer& nodes);

    /**
     * @brief Replace the RTM lookup, e.g. by a table state made up in a test.
     * @param lookup the lookup; a null function restores the RTM lookup
     */
    void SetLookup(Lookup lookup);

    /**
     * @brief Tell apart a missing route that the protocol means (a destination beyond its
     * reach) from a black hole: a walk that finds no route at a node for which @p byDesign
     * answers true ends as ByDesign, not BlackHole.
     * @param byDesign the predicate; a null function makes every missing route a black hole
     */
    void SetNoRouteByDesign(NoRouteByDesign byDesign);

    /**
     * @brief Replace the live up/down state of interfaces (Ipv4::IsUp) by another one, e.g. the
     * state at the time of a table snapshot (RtmTableSnapshot). Walks, reachability and
     * GetDestinations follow it.
     * @param state the state of each existing interface; a null function restores the live state
     */
    void SetInterfaceState(InterfaceState state);

    /// Re-read interfaces, addresses and channels (after adding devices or addresses).
    void Refresh();

    /**
     * @brief Follow one destination from one node.
     * @param source the source node index
     * @param destination the destination address
     * @return the walk
     */
    Walk Trace(uint32_t source, Ipv4Address destination) const;

    /**
     * @brief Walk from every node to every destination of GetDestinations() it does not own.
     * @return the report
     */
    Report CheckAll() const;

    /**
     * @brief Walk from each source to each destination (destinations it owns are skipped).
     * @param sources node indices
     * @param destinations addresses
     * @return the report
     */
    Report Check(const std::vector<uint32_t>& sources,
                 const std::vector<Ipv4Address>& destinations) const;

    /// @return the first address of every up interface (loopback excluded), by node then interface
    std::vector<Ipv4Address> GetDestinations() const;

    /// @return the number of nodes
    uint32_t GetN() const;

    /// @return the nodes
    const NodeContainer& GetNodes() const;

    /**
     * @param node a node index
     * @return its interfaces (loopback included, as read by Refresh)
     */
    const std::vector<Interface>& GetInterfaces(uint32_t node) const;

    /**
     * @brief Whether an interface is up now (or in the state given to SetInterfaceState).
     * @param node a node index
     * @param interface an IPv4 interface index
     * @return true if it exists and is up
     */
    bool IsUp(uint32_t node, uint32_t interface) const;

    /**
     * @brief The node and interface that hold an address.
     * @param address the address
     * @param node the node index (out)
     * @param interface the interface index (out, optional)
     * @return false if no node of the view holds it
     */
    bool FindOwner(Ipv4Address address, uint32_t* node, uint32_t* interface = nullptr) const;

    /**
     * @brief Whether a path of up links joins a source to an address's owner (through the
     * owner's interface that holds the address, which must be up).
     * @param source a node index
     * @param destination an address
     * @return true if reachable
     */
    bool IsReachable(uint32_t source, Ipv4Address destination) const;

  private:
    /// Up state of every (node, interface), read once per check.
    using UpState = std::vector<std::vector<bool>>;

    /// @return the current up state of every interface of the view
    UpState TakeUpState() const;

    /**
     * @brief The nodes reachable from a source over up links.
     * @param source the source node index
     * @param up the up state
     * @return reachable[node]
     */
    std::vector<bool> Reach(uint32_t source, const UpState& up) const;

    /**
     * @brief One walk against an up state.
     * @param source the source node index
     * @param destination the destination
     * @param up the up state
     * @param reach the source's reachable nodes, filled on first need (empty: not yet)
     * @return the walk
     */
    Walk DoTrace(uint32_t source,
                 Ipv4Address destination,
                 const UpState& up,
                 std::vector<bool>* reach) const;

    /**
     * @param node a node index
     * @param address an address
     * @return true if one of the node's interfaces holds the address
     */
    bool Owns(uint32_t node, Ipv4Address address) const;

    /**
     * @brief The up neighbour on an interface's channel whose interface, up, holds an address.
     * @param node the node index
     * @param interface its interface index (valid)
     * @param target the address
     * @param up the up state
     * @param next receives the neighbour's node index
     * @return true if found
     */
    bool FindNeighbour(uint32_t node,
                       uint32_t interface,
                       Ipv4Address target,
                       const UpState& up,
                       uint32_t* next) const;

    /**
     * @brief One forwarding step: look the destination up at a node and find the next node.
     * @param cur the node index
     * @param destination the destination
     * @param up the up state
     * @param next receives the next node index
     * @param why receives the reason of a drop
     * @return false if the packet is dropped at the node
     */
    bool Forward(uint32_t cur,
                 Ipv4Address destination,
                 const UpState& up,
                 uint32_t* next,
                 std::string* why) const;

    /**
     * @brief End a walk with a drop: a black hole, or unreachable when no path of up links
     * joins the source to the destination's owner.
     * @param w the walk (source and destination set)
     * @param why the reason
     * @param up the up state
     * @param reach the source's reachable nodes, filled on first need (empty: not yet)
     */
    void Drop(Walk& w, const std::string& why, const UpState& up, std::vector<bool>* reach) const;

    bool DoLookup(uint32_t node, Ipv4Address d, uint32_t* interface, Ipv4Address* nh) const;

    NodeContainer m_nodes;                                      //!< the nodes
    std::vector<std::vector<Interface>> m_interfaces;           //!< per node, by interface index
    std::map<uint32_t, std::pair<uint32_t, uint32_t>> m_owners; //!< address -> (node, interface)
    Lookup m_lookup;                                            //!< injected lookup, or null
    InterfaceState m_interfaceState; //!< injected up/down state, or null (live)
    NoRouteByDesign m_byDesign;      //!< which missing routes are meant, or null
};

} // namespace ns3

#endif /* RTM_DATA_PLANE_CHECK_H */
