/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#ifndef RTM_SCENARIO_H
#define RTM_SCENARIO_H

#include "ns3/node-container.h"
#include "ns3/nstime.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <functional>
#include <istream>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace ns3
{

class Node;

/**
 * @ingroup rtm
 * @brief One scheduled event of an RtmScenario.
 */
struct RtmScenarioEvent
{
    /// What the event does.
    enum Kind : uint8_t
    {
        LinkDown,   //!< take every link between nodes a and b down
        LinkUp,     //!< bring every link between nodes a and b up
        NodeDown,   //!< take every interface of node a down
        NodeUp,     //!< bring every interface of node a up
        AgentStart, //!< call the start control of #agent on node a
        AgentStop,  //!< call the stop control of #agent on node a
    };

    static constexpr uint32_t ALL_NODES = 0xFFFFFFFF; //!< node a of an agent event: every node

    uint32_t sequence{0};    //!< position in scheduling order (0, 1, ...)
    Time time;               //!< when it fires
    Kind kind{LinkDown};     //!< what it does
    uint32_t a{0};           //!< first node (index in the scenario's container) or ALL_NODES
    uint32_t b{0};           //!< second node (link events only)
    std::string agent;       //!< agent name (agent events only)
    std::string description; //!< one-line text, e.g. "link-down 3 7" (indices, no pointers)
};

/**
 * @ingroup rtm
 * @brief A timeline of failures, repairs and agent starts/stops, from code or from a text file.
 *
 * Nodes are named by their index in the NodeContainer given to the constructor (index 0 is the
 * container's first node, whatever its ns-3 node id), or by a label (SetLabel / SetLabels, for
 * example the topology's node labels).
 *
 * How failures are modelled (documented choice): a link goes down by setting the IPv4 interfaces
 * of both its ends down (Ipv4::SetDown), and up again with Ipv4::SetUp. ns-3 then drops every
 * packet sent or received on those interfaces and tells the node's routing protocol
 * (NotifyInterfaceDown / NotifyInterfaceUp), which is how agents learn of it. "Link between a
 * and b" means every channel that has a device of a and a device of b (parallel links all go
 * down); on a shared (multi-access) channel only a's and b's interfaces change. A node goes down
 * by setting every interface except the loopback (index 0) down; the node keeps its state (its
 * RTM tables and agents run on; use an agent-stop event to model a crash of the protocol).
 *
 * Agent start/stop goes through named controls registered by the caller
 * (RegisterAgentControl("rip", start, stop)); the scenario knows nothing of agent types.
 *
 * Text format (LoadFile / Load): one event per line, `#` starts a comment, blank lines ignored:
 * @code
 * # time  command      arguments
 * 0       agent-start  rip *        # '*' = every node
 * 10s     link-down    0 1          # nodes by index ...
 * 20.5    link-up      Paris London # ... or by label
 * 30s     node-down    3
 * 45000ms node-up      3
 * 60      agent-stop   rip 2
 * @endcode
 * A time is a non-negative decimal number with an optional unit (s, ms, us, ns, min, h; none
 * means seconds), below 2^63 ns (about 292 years; larger times are refused, never wrapped). A
 * node reference is a label if one matches, else a decimal index. Every error (unknown command,
 * bad time, unknown node or agent, wrong number of arguments, no link between the nodes) throws
 * std::runtime_error whose text starts with "<file>:<line>: ". Loading is all or nothing: every
 * line is checked before any event is added, so a text that fails adds and schedules nothing.
 *
 * Every event is recorded when it is added (GetEvents) and listeners (AddListener) are told when
 * it fires, just before it is applied, so that monitors can open a new measurement period.
 * Copies of an RtmScenario share one timeline.
 */
class RtmScenario
{
  public:
    /// Start or stop an agent on a node.
    using AgentControl = std::function<void(Ptr<Node>)>;
    /// Told when an event fires (before it is applied).
    using Listener = std::function<void(const RtmScenarioEvent&)>;

    /**
     * @brief A scenario over a set of nodes.
     * @param nodes the nodes; events name them by their index in this container
     */
    explicit RtmScenario(const NodeContainer& nodes);

    /**
     * @brief Name a node (for text files).
     * @param label the label (no white space, not '*')
     * @param index the node's index
     */
    void SetLabel(const std::string& label, uint32_t index);

    /**
     * @brief Name nodes: label i names node i.
     * @param labels one label per node, in index order (empty labels are skipped)
     */
    void SetLabels(const std::vector<std::string>& labels);

    /**
     * @brief Register how to start and stop an agent.
     * @param name the agent's name in events ("rip", "ospf", ...)
     * @param start starts the agent on a node
     * @param stop stops the agent on a node
     */
    void RegisterAgentControl(const std::string& name, AgentControl start, AgentControl stop);

    /**
     * @brief Be told of every event when it fires.
     * @param listener called with the event before it is applied
     */
    void AddListener(Listener listener);

    /**
     * @brief Schedule: every link between two nodes goes down.
     * @param at the time (absolute simulation time)
     * @param a a node index
     * @param b another node index
     * @return the event; throws std::invalid_argument if there is no link between a and b
     */
    RtmScenarioEvent AddLinkDown(Time at, uint32_t a, uint32_t b);

    /**
     * @brief Schedule: every link between two nodes comes up.
     * @param at the time
     * @param a a node index
     * @param b another node index
     * @return the event (throws as AddLinkDown)
     */
    RtmScenarioEvent AddLinkUp(Time at, uint32_t a, uint32_t b);

    /**
     * @brief Schedule: every interface of a node but the loopback goes down.
     * @param at the time
     * @param n the node index
     * @return the event; throws std::invalid_argument for an unknown node
     */
    RtmScenarioEvent AddNodeDown(Time at, uint32_t n);

    /**
     * @brief Schedule: every interface of a node but the loopback comes up.
     * @param at the time
     * @param n the node index
     * @return the event (throws as AddNodeDown)
     */
    RtmScenarioEvent AddNodeUp(Time at, uint32_t n);

    /**
     * @brief Schedule the start control of an agent.
     * @param at the time
     * @param agent the registered agent name
     * @param n the node index, or RtmScenarioEvent::ALL_NODES
     * @return the event; throws std::invalid_argument for an unknown agent or node
     */
    RtmScenarioEvent AddAgentStart(Time at, const std::string& agent, uint32_t n);

    /**
     * @brief Schedule the stop control of an agent.
     * @param at the time
     * @param agent the registered agent name
     * @param n the node index, or RtmScenarioEvent::ALL_NODES
     * @return the event (throws as AddAgentStart)
     */
    RtmScenarioEvent AddAgentStop(Time at, const std::string& agent, uint32_t n);

    /**
     * @brief Read events from a text file (format in the class text).
     * @param path the file
     * @return the number of events added; throws std::runtime_error "<path>:<line>: ..."
     */
    std::size_t LoadFile(const std::string& path);

    /**
     * @brief Read events from a stream.
     * @param in the text
     * @param name the name used in error messages
     * @return the number of events added; throws std::runtime_error "<name>:<line>: ..."
     */
    std::size_t Load(std::istream& in, const std::string& name);

    /**
     * @brief Parse a time of the text format.
     * @param text e.g. "10", "1.5s", "250ms"
     * @param t the time (out)
     * @return false if the text is not a valid non-negative time
     */
    static bool ParseTime(const std::string& text, Time* t);

    /// @return every event added so far, in the order added
    const std::vector<RtmScenarioEvent>& GetEvents() const;

    /// @return the events sorted by (time, sequence): the order they fire in
    std::vector<RtmScenarioEvent> GetTimeline() const;

    /// @return the number of events that have fired
    uint32_t GetFiredCount() const;

    /// @return the nodes
    const NodeContainer& GetNodes() const;

    /**
     * @brief The index of a node reference (label, else decimal index).
     * @param ref the reference
     * @param index the index (out)
     * @return false if it names no node
     */
    bool ResolveNode(const std::string& ref, uint32_t* index) const;

    /**
     * @brief The label of a node.
     * @param index the node index
     * @return its label, or its index in decimal if it has none
     */
    std::string GetLabel(uint32_t index) const;

    /**
     * @brief IPv4 interface pairs of every link between two nodes.
     * @param a a node index
     * @param b another node index
     * @return (interface of a, interface of b) per link; empty if none
     */
    std::vector<std::pair<uint32_t, uint32_t>> FindLinks(uint32_t a, uint32_t b) const;

  private:
    struct State;

    /**
     * @brief Check, record and schedule an event.
     * @param event the event
     * @return it, with its sequence number and description
     */
    RtmScenarioEvent Add(RtmScenarioEvent event);

    /**
     * @brief Check an event without adding it.
     * @param event the event
     * @return its description; throws std::invalid_argument if it cannot be added
     */
    std::string Check(const RtmScenarioEvent& event) const;

    /**
     * @brief Read and check the event of one line of the text format (nothing is added).
     * @param words the words of the line (not empty)
     * @param where the "<name>:<line>: " prefix of the errors (std::runtime_error)
     * @return the event
     */
    RtmScenarioEvent LoadLine(const std::vector<std::string>& words,
                              const std::string& where) const;

    /**
     * @brief Read the event of a line whose time is read.
     * @param words the words of the line (at least two: the time and the command)
     * @param at the time
     * @param where the "<name>:<line>: " prefix of the errors (std::runtime_error)
     * @return the event
     */
    RtmScenarioEvent LoadCommand(const std::vector<std::string>& words,
                                 Time at,
                                 const std::string& where) const;
    static void Fire(std::shared_ptr<State> state, std::size_t position);

    std::shared_ptr<State> m_state; //!< shared timeline
};

} // namespace ns3

#endif /* RTM_SCENARIO_H */
