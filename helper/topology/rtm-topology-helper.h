/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#ifndef RTM_TOPOLOGY_HELPER_H
#define RTM_TOPOLOGY_HELPER_H

#include "rtm-topology-oracle.h"
#include "rtm-topology-partition.h"
#include "rtm-topology.h"

#include "ns3/ipv4-address.h"
#include "ns3/ipv4-routing-helper.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/point-to-point-helper.h"

#include <array>
#include <cstdint>
#include <limits>
#include <map>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * @ingroup rtm
 * @brief Builds an ns-3 network from an RtmTopology: one node per vertex, one point-to-point
 * link per edge, an Internet stack, and one /30 subnet per link; then maps between the
 * topology and the ns-3 objects.
 *
 * Install() does, in this order (so the result depends only on the topology and the settings):
 * 1. creates one Node per vertex, in vertex order (GetNode(v));
 * 2. for each edge in index order, sets the PointToPointHelper's DataRate and Delay to the
 *    edge's and installs a link between the end-0 node and the end-1 node (device 0 on end 0);
 *    other attributes (Mtu, queues) come from GetPointToPointHelper();
 * 3. installs InternetStackHelper on all nodes, with the routing helper given to Install() or,
 *    without one, InternetStackHelper's default (static + global routing); IPv6 is not
 *    installed unless SetIpv6StackInstall(true);
 * 4. for each edge e in index order, adds an IPv4 interface on each end, addressed in the /30
 *    network base + 4e (end 0 gets .1, end 1 gets .2 of that block), sets the interface metric
 *    to the edge metric (capped at 65535), brings it up, and installs ns-3's default traffic
 *    control on the device (as Ipv4AddressHelper does). Interface indices on a node therefore
 *    follow the index order of its edges, from 1 (0 is the loopback).
 * Addresses are assigned directly, not through Ipv4AddressHelper, so the global
 * Ipv4AddressGenerator is neither used nor needed (install as many topologies per process as
 * wanted, with disjoint bases if they must talk to each other).
 *
 * Errors (RtmTopologyError): a base address that is not a multiple of 4, or address space
 * exhausted (base + 4E beyond 255.255.255.255).
 */
class RtmTopologyHelper
{
  public:
    /// Returned by lookups that find nothing.
    static constexpr uint32_t INVALID = std::numeric_limits<uint32_t>::max();

    RtmTopologyHelper();

    /**
     * @brief Create each vertex's node on the rank (system id) the partition gives it, for
     * ns-3's distributed simulator; links between ranks then become remote channels (ns-3's
     * PointToPointHelper does that when ns-3 is built with MPI). Without a partition every node
     * has system id 0.
     * @param partition the partition, computed for the topology given to Install()
     */
    void SetPartition(const RtmTopologyPartition& partition);
    /**
     * @return the system id of every vertex's node (empty without a partition)
     */
    const std::vector<uint32_t>& GetSystemIds() const;

    /**
     * @param base the first /30 network (default 10.0.0.0; must be a multiple of 4)
     * @throws RtmTopologyError when base is not /30-aligned
     */
    void SetBaseAddress(Ipv4Address base);
    /**
     * @return the first /30 network
     */
    Ipv4Address GetBaseAddress() const;
    /**
     * @param enable whether InternetStackHelper also installs IPv6 (default false)
     */
    void SetIpv6StackInstall(bool enable);
    /**
     * @return the PointToPointHelper used for every link (DataRate and Delay are overwritten per
     *         edge; set other attributes here before Install())
     */
    PointToPointHelper& GetPointToPointHelper();

    /**
     * @brief Build the network with InternetStackHelper's default routing.
     * @param topology the topology
     */
    void Install(const RtmTopology& topology);
    /**
     * @brief Build the network with the given IPv4 routing.
     * @param topology the topology
     * @param routing the routing helper (copied by InternetStackHelper)
     */
    void Install(const RtmTopology& topology, const Ipv4RoutingHelper& routing);

    /**
     * @return the number of vertices of the installed topology
     */
    uint32_t GetNVertices() const;
    /**
     * @return the number of edges of the installed topology
     */
    uint32_t GetNEdges() const;
    /**
     * @return the nodes, in vertex order
     */
    const NodeContainer& GetNodes() const;
    /**
     * @param v a vertex
     * @return its node
     */
    Ptr<Node> GetNode(uint32_t v) const;
    /**
     * @param node a node
     * @return its vertex, or INVALID when the node was not built by this helper
     */
    uint32_t GetVertex(Ptr<Node> node) const;
    /**
     * @param e an edge
     * @return its two devices: Get(0) on end 0, Get(1) on end 1
     */
    NetDeviceContainer GetDevices(uint32_t e) const;
    /**
     * @param e an edge
     * @param end 0 or 1
     * @return the device of that end
     */
    Ptr<NetDevice> GetDevice(uint32_t e, uint32_t end) const;
    /**
     * @param e an edge
     * @param end 0 or 1
     * @return the IPv4 interface index of that end on its node
     */
    uint32_t GetInterface(uint32_t e, uint32_t end) const;
    /**
     * @param e an edge
     * @param end 0 or 1
     * @return the IPv4 address of that end
     */
    Ipv4Address GetAddress(uint32_t e, uint32_t end) const;
    /**
     * @param e an edge
     * @return the /30 network address of the edge
     */
    Ipv4Address GetNetwork(uint32_t e) const;
    /**
     * @return the mask of every link (/30)
     */
    static Ipv4Mask GetMask();
    /**
     * @param node a node
     * @param interface an IPv4 interface index on it
     * @return the edge behind that interface, or INVALID (loopback, or not built here)
     */
    uint32_t GetEdge(Ptr<Node> node, uint32_t interface) const;
    /**
     * @param node a node
     * @param interface an IPv4 interface index on it
     * @return which end (0 or 1) of GetEdge(node, interface) the node is, or INVALID
     */
    uint32_t GetEdgeEnd(Ptr<Node> node, uint32_t interface) const;
    /**
     * @param v a vertex
     * @return the address of v on its lowest-index edge, or 0.0.0.0 for an isolated vertex
     */
    Ipv4Address GetVertexAddress(uint32_t v) const;
    /**
     * @brief Translate the oracle's first hops into what a routing table should hold.
     * @param oracle the oracle of the installed topology
     * @param from the forwarding vertex
     * @param to the destination vertex
     * @return (outgoing interface index on from's node, gateway address on the neighbour) for
     *         every equal-cost first-hop edge, ascending by interface
     */
    std::vector<std::pair<uint32_t, Ipv4Address>> GetNextHops(const RtmTopologyOracle& oracle,
                                                              uint32_t from,
                                                              uint32_t to) const;

  private:
    /**
     * @brief Build the network.
     * @param topology the topology
     * @param routing the routing helper, or nullptr for the default
     */
    void DoInstall(const RtmTopology& topology, const Ipv4RoutingHelper* routing);
    /**
     * @brief Throw unless e is an installed edge and end is 0 or 1.
     * @param e the edge
     * @param end the end
     */
    void CheckEnd(uint32_t e, uint32_t end) const;

    /// What Install() built for one edge.
    struct Link
    {
        std::array<uint32_t, 2> vertex;       //!< end vertices
        std::array<Ptr<NetDevice>, 2> device; //!< devices
        std::array<uint32_t, 2> interface;    //!< IPv4 interface indices
        std::array<Ipv4Address, 2> address;   //!< IPv4 addresses
        Ipv4Address network;                  //!< /30 network
    };

    Ipv4Address m_base;                          //!< first /30 network
    bool m_ipv6;                                 //!< also install IPv6
    PointToPointHelper m_p2p;                    //!< link builder
    std::vector<uint32_t> m_systemIds;           //!< vertex -> system id (empty: all 0)
    NodeContainer m_nodes;                       //!< nodes by vertex
    std::vector<Link> m_links;                   //!< links by edge
    std::vector<uint32_t> m_firstEdge;           //!< vertex -> lowest edge
    std::map<uint32_t, uint32_t> m_vertexOfNode; //!< node id -> vertex
    std::map<std::pair<uint32_t, uint32_t>, std::pair<uint32_t, uint32_t>>
        m_edgeOfInterface; //!< (node id, interface) -> (edge, end)
};

} // namespace ns3

#endif /* RTM_TOPOLOGY_HELPER_H */
