/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#ifndef RTM_TOPOLOGY_H
#define RTM_TOPOLOGY_H

#include "rtm-topology-edge.h"
#include "rtm-topology-vertex.h"

#include <boost/graph/adjacency_list.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * @ingroup rtm
 * @brief A network topology as a value: an undirected Boost.Graph multigraph with named,
 * optionally geo-located vertices and links that carry a data rate, a delay and a metric.
 *
 * The graph is a `boost::adjacency_list<vecS, vecS, undirectedS, RtmTopologyVertex,
 * RtmTopologyEdge>`, so vertex descriptors are the dense indices 0..V-1 and every Boost.Graph
 * algorithm applies to GetGraph(). Edges also have dense indices 0..E-1 in insertion order
 * (RtmTopologyEdge::index); each edge keeps the orientation it was added with (its "source"
 * end 0 and "target" end 1), which RtmTopologyHelper uses to order devices and addresses.
 *
 * Invariants, checked by the mutators (which throw RtmTopologyError when violated): vertex
 * names are unique and non-empty; no self-loops; parallel edges are allowed; every edge has a
 * data rate > 0, a delay >= 0 and a metric >= 1. Vertices and edges are never removed.
 *
 * Copying is deep (the copy has its own graph and edge table).
 */
class RtmTopology
{
  public:
    /// The Boost.Graph type (undirected multigraph, vector storage).
    typedef boost::adjacency_list<boost::vecS,
                                  boost::vecS,
                                  boost::undirectedS,
                                  RtmTopologyVertex,
                                  RtmTopologyEdge>
        Graph;
    /// A vertex descriptor (equal to the vertex index).
    typedef boost::graph_traits<Graph>::vertex_descriptor VertexDescriptor;
    /// An edge descriptor.
    typedef boost::graph_traits<Graph>::edge_descriptor EdgeDescriptor;

    /**
     * @brief An empty topology.
     * @param name the name (used in reports and as the DOT graph name)
     */
    explicit RtmTopology(const std::string& name = "topology");

    /**
     * @brief Deep copy.
     * @param other the topology to copy
     */
    RtmTopology(const RtmTopology& other);
    /**
     * @brief Move.
     * @param other the topology to move from (left empty)
     */
    RtmTopology(RtmTopology&& other);
    /**
     * @brief Deep copy assignment.
     * @param other the topology to copy
     * @return this
     */
    RtmTopology& operator=(const RtmTopology& other);
    /**
     * @brief Move assignment.
     * @param other the topology to move from (left empty)
     * @return this
     */
    RtmTopology& operator=(RtmTopology&& other);
    ~RtmTopology();

    /**
     * @return the topology name
     */
    const std::string& GetName() const;
    /**
     * @param name the topology name
     */
    void SetName(const std::string& name);

    /**
     * @brief Add a vertex.
     * @param props its properties; an empty name becomes "n<index>"
     * @return the new vertex index (= number of vertices before the call)
     * @throws RtmTopologyError when the name is already used
     */
    uint32_t AddVertex(const RtmTopologyVertex& props = RtmTopologyVertex());

    /**
     * @brief Add an undirected edge from u (end 0) to v (end 1).
     * @param u first end (vertex index)
     * @param v second end (vertex index)
     * @param props its properties (the index field is overwritten)
     * @return the new edge index (= number of edges before the call)
     * @throws RtmTopologyError for an unknown vertex, u == v, a zero data rate, a negative delay
     *         or a zero metric
     */
    uint32_t AddEdge(uint32_t u, uint32_t v, const RtmTopologyEdge& props = RtmTopologyEdge());

    /**
     * @brief Replace the properties of a vertex.
     * @param v the vertex index
     * @param props the new properties (an empty name keeps the old name)
     * @throws RtmTopologyError for an unknown vertex or a name used by another vertex
     */
    void SetVertex(uint32_t v, const RtmTopologyVertex& props);

    /**
     * @brief Replace the properties of an edge (its ends and index are kept).
     * @param e the edge index
     * @param props the new properties
     * @throws RtmTopologyError for an unknown edge or invalid properties (see AddEdge)
     */
    void SetEdge(uint32_t e, const RtmTopologyEdge& props);

    /**
     * @return the number of vertices
     */
    uint32_t GetNVertices() const;
    /**
     * @return the number of edges (parallel edges counted)
     */
    uint32_t GetNEdges() const;

    /**
     * @param v a vertex index (< GetNVertices())
     * @return its properties
     */
    const RtmTopologyVertex& GetVertex(uint32_t v) const;
    /**
     * @param e an edge index (< GetNEdges())
     * @return its properties
     */
    const RtmTopologyEdge& GetEdge(uint32_t e) const;
    /**
     * @param e an edge index
     * @return the end-0 vertex (the first argument of AddEdge)
     */
    uint32_t GetEdgeSource(uint32_t e) const;
    /**
     * @param e an edge index
     * @return the end-1 vertex (the second argument of AddEdge)
     */
    uint32_t GetEdgeTarget(uint32_t e) const;
    /**
     * @param e an edge index
     * @param v one of its ends
     * @return the other end
     */
    uint32_t GetOtherEnd(uint32_t e, uint32_t v) const;
    /**
     * @param e an edge index
     * @return its Boost.Graph descriptor in GetGraph()
     */
    EdgeDescriptor GetEdgeDescriptor(uint32_t e) const;

    /**
     * @param v a vertex index
     * @return the indices of the edges incident to v, ascending
     */
    std::vector<uint32_t> GetIncidentEdges(uint32_t v) const;
    /**
     * @param v a vertex index
     * @return the distinct neighbours of v, ascending
     */
    std::vector<uint32_t> GetNeighbors(uint32_t v) const;
    /**
     * @param v a vertex index
     * @return its degree (parallel edges counted)
     */
    uint32_t GetDegree(uint32_t v) const;
    /**
     * @param u a vertex index
     * @param v a vertex index
     * @return the indices of all edges between u and v (either orientation), ascending
     */
    std::vector<uint32_t> FindEdges(uint32_t u, uint32_t v) const;
    /**
     * @param name a vertex name
     * @return its index, or nothing
     */
    std::optional<uint32_t> FindVertex(const std::string& name) const;

    /**
     * @return the underlying Boost.Graph graph (read-only: mutate through this class)
     */
    const Graph& GetGraph() const;

    /**
     * @brief Count connected components (an isolated vertex is a component).
     * @param component if not null, receives the component number of each vertex; components
     *        are numbered 0.. in the order of their lowest vertex index
     * @return the number of components (0 for an empty topology)
     */
    uint32_t CountComponents(std::vector<uint32_t>* component = nullptr) const;
    /**
     * @return true when the topology has at most one component
     */
    bool IsConnected() const;
    /**
     * @return the number of parallel edges: for each vertex pair, the edges beyond the first
     */
    uint32_t CountParallelEdges() const;
    /**
     * @return the number of vertices lacking latitude or longitude
     */
    uint32_t CountVerticesWithoutGeo() const;

    /**
     * @brief Write the topology in Graphviz DOT (an undirected `graph`).
     *
     * One line `  <v> [label="...", name="...", ...];` per vertex (latitude/longitude and x/y
     * attributes when known), then one line `  <u> -- <v> [label="<delay> ms", delay_ns=...,
     * rate_bps=..., metric=..., index=...];` per edge, in index order. Strings are escaped.
     * @param os the stream
     */
    void WriteDot(std::ostream& os) const;

    /**
     * @brief Write the DOT text to a file, creating missing parent directories.
     * @param path the file path
     * @throws RtmTopologyError when the file cannot be written
     */
    void WriteDotFile(const std::string& path) const;

    /**
     * @brief Great-circle distance between two points on a sphere of radius 6371 km
     *        (haversine formula).
     * @param lat1 latitude of the first point, degrees
     * @param lon1 longitude of the first point, degrees
     * @param lat2 latitude of the second point, degrees
     * @param lon2 longitude of the second point, degrees
     * @return the distance in km
     */
    static double GreatCircleKm(double lat1, double lon1, double lat2, double lon2);

  private:
    /// Rebuild m_edges and m_ends from the graph after a copy or move.
    void RebuildEdgeTable();
    /**
     * @brief Throw unless v is a vertex.
     * @param v the vertex index
     * @param what the calling operation
     */
    void CheckVertex(uint32_t v, const char* what) const;
    /**
     * @brief Throw unless e is an edge.
     * @param e the edge index
     * @param what the calling operation
     */
    void CheckEdge(uint32_t e, const char* what) const;
    /**
     * @brief Throw unless the edge properties are valid.
     * @param props the properties
     * @param what the calling operation
     */
    static void CheckEdgeProps(const RtmTopologyEdge& props, const char* what);

    std::string m_name;                                //!< topology name
    Graph m_graph;                                     //!< the graph
    std::vector<EdgeDescriptor> m_edges;               //!< edge index -> descriptor
    std::vector<std::pair<uint32_t, uint32_t>> m_ends; //!< edge index -> (end 0, end 1)
    std::map<std::string, uint32_t> m_byName;          //!< vertex name -> index
};

/**
 * @ingroup rtm
 * @brief Print a one-line summary: name, vertex and edge counts.
 * @param os the stream
 * @param topology the topology
 * @return the stream
 */
std::ostream& operator<<(std::ostream& os, const RtmTopology& topology);

} // namespace ns3

#endif /* RTM_TOPOLOGY_H */
