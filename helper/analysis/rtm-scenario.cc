/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#include "rtm-scenario.h"

#include "ns3/channel.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/net-device.h"
#include "ns3/node.h"
#include "ns3/rtm-function-event.h"
#include "ns3/rtm-local-node.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmScenario");

/// The timeline shared by copies of a scenario and by its scheduled events.
struct RtmScenario::State
{
    NodeContainer nodes;                                                 //!< the nodes, by index
    std::map<std::string, uint32_t> labels;                              //!< label -> index
    std::map<uint32_t, std::string> names;                               //!< index -> label
    std::map<std::string, std::pair<AgentControl, AgentControl>> agents; //!< name -> start, stop
    std::vector<Listener> listeners;                                     //!< told of each event
    std::vector<RtmScenarioEvent> events;                                //!< in the order added
    uint32_t fired{0};                                                   //!< events fired so far
};

namespace
{

const char*
KindName(RtmScenarioEvent::Kind kind)
{
    switch (kind)
    {
    case RtmScenarioEvent::LinkDown:
        return "link-down";
    case RtmScenarioEvent::LinkUp:
        return "link-up";
    case RtmScenarioEvent::NodeDown:
        return "node-down";
    case RtmScenarioEvent::NodeUp:
        return "node-up";
    case RtmScenarioEvent::AgentStart:
        return "agent-start";
    case RtmScenarioEvent::AgentStop:
        return "agent-stop";
    }
    return "?";
}

/// Set every interface of a node but the loopback up or down.
void
SetNodeInterfaces(Ptr<Node> node, bool up)
{
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    if (!ipv4)
    {
        return;
    }
    for (uint32_t i = 1; i < ipv4->GetNInterfaces(); ++i)
    {
        if (up && !ipv4->IsUp(i))
        {
            ipv4->SetUp(i);
        }
        else if (!up && ipv4->IsUp(i))
        {
            ipv4->SetDown(i);
        }
    }
}

/// Set one interface up or down (no change if it already is).
void
SetInterface(Ptr<Node> node, uint32_t interface, bool up)
{
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    if (!ipv4 || interface >= ipv4->GetNInterfaces())
    {
        return;
    }
    if (up && !ipv4->IsUp(interface))
    {
        ipv4->SetUp(interface);
    }
    else if (!up && ipv4->IsUp(interface))
    {
        ipv4->SetDown(interface);
    }
}

std::string
Trim(const std::string& s)
{
    std::size_t b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos)
    {
        return "";
    }
    std::size_t e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

/// IPv4 interface pairs (a side, b side) of every channel joining nodes a and b.
std::vector<std::pair<uint32_t, uint32_t>>
LinksBetween(const NodeContainer& nodes, uint32_t a, uint32_t b)
{
    std::vector<std::pair<uint32_t, uint32_t>> links;
    if (a >= nodes.GetN() || b >= nodes.GetN() || a == b)
    {
        return links;
    }
    Ptr<Node> na = nodes.Get(a);
    Ptr<Node> nb = nodes.Get(b);
    Ptr<Ipv4> ia = na->GetObject<Ipv4>();
    Ptr<Ipv4> ib = nb->GetObject<Ipv4>();
    if (!ia || !ib)
    {
        return links;
    }
    for (uint32_t i = 1; i < ia->GetNInterfaces(); ++i)
    {
        Ptr<NetDevice> dev = ia->GetNetDevice(i);
        Ptr<Channel> ch = dev ? dev->GetChannel() : nullptr;
        if (!ch)
        {
            continue;
        }
        for (std::size_t k = 0; k < ch->GetNDevices(); ++k)
        {
            Ptr<NetDevice> peer = ch->GetDevice(k);
            if (peer == dev || peer->GetNode() != nb)
            {
                continue;
            }
            int32_t j = ib->GetInterfaceForDevice(peer);
            if (j > 0)
            {
                links.emplace_back(i, static_cast<uint32_t>(j));
            }
        }
    }
    return links;
}

} // namespace

RtmScenario::RtmScenario(const NodeContainer& nodes)
    : m_state(std::make_shared<State>())
{
    NS_LOG_FUNCTION(this << nodes.GetN());
    m_state->nodes = nodes;
}

void
RtmScenario::SetLabel(const std::string& label, uint32_t index)
{
    if (label.empty() || label == "*" || label.find_first_of(" \t\r\n#") != std::string::npos)
    {
        throw std::invalid_argument("RtmScenario: invalid label '" + label + "'");
    }
    if (index >= m_state->nodes.GetN())
    {
        throw std::invalid_argument("RtmScenario: label '" + label + "' names no node");
    }
    m_state->labels[label] = index;
    m_state->names[index] = label;
}

void
RtmScenario::SetLabels(const std::vector<std::string>& labels)
{
    for (uint32_t i = 0; i < labels.size(); ++i)
    {
        if (!labels[i].empty())
        {
            SetLabel(labels[i], i);
        }
    }
}

void
RtmScenario::RegisterAgentControl(const std::string& name, AgentControl start, AgentControl stop)
{
    m_state->agents[name] = {std::move(start), std::move(stop)};
}

void
RtmScenario::AddListener(Listener listener)
{
    m_state->listeners.push_back(std::move(listener));
}

const NodeContainer&
RtmScenario::GetNodes() const
{
    return m_state->nodes;
}

const std::vector<RtmScenarioEvent>&
RtmScenario::GetEvents() const
{
    return m_state->events;
}

std::vector<RtmScenarioEvent>
RtmScenario::GetTimeline() const
{
    std::vector<RtmScenarioEvent> t = m_state->events;
    std::stable_sort(t.begin(), t.end(), [](const RtmScenarioEvent& x, const RtmScenarioEvent& y) {
        return x.time < y.time;
    });
    return t;
}

uint32_t
RtmScenario::GetFiredCount() const
{
    return m_state->fired;
}

bool
RtmScenario::ResolveNode(const std::string& ref, uint32_t* index) const
{
    auto it = m_state->labels.find(ref);
    if (it != m_state->labels.end())
    {
        *index = it->second;
        return true;
    }
    if (ref.empty() || ref.size() > 9 ||
        !std::all_of(ref.begin(), ref.end(), [](char c) { return c >= '0' && c <= '9'; }))
    {
        return false;
    }
    uint32_t v = static_cast<uint32_t>(std::stoul(ref));
    if (v >= m_state->nodes.GetN())
    {
        return false;
    }
    *index = v;
    return true;
}

std::string
RtmScenario::GetLabel(uint32_t index) const
{
    auto it = m_state->names.find(index);
    return it != m_state->names.end() ? it->second : std::to_string(index);
}

std::vector<std::pair<uint32_t, uint32_t>>
RtmScenario::FindLinks(uint32_t a, uint32_t b) const
{
    return LinksBetween(m_state->nodes, a, b);
}

RtmScenarioEvent
RtmScenario::Add(RtmScenarioEvent event)
{
    event.description = Check(event);
    event.sequence = static_cast<uint32_t>(m_state->events.size());
    m_state->events.push_back(event);
    std::size_t position = m_state->events.size() - 1;
    std::shared_ptr<State> state = m_state;
    Simulator::Schedule(event.time - Simulator::Now(),
                        RtmMakeEvent([state, position]() { RtmScenario::Fire(state, position); }));
    NS_LOG_INFO("scheduled at " << event.time.GetSeconds() << " s: " << event.description);
    return event;
}

std::string
RtmScenario::Check(const RtmScenarioEvent& event) const
{
    if (event.time < Simulator::Now())
    {
        throw std::invalid_argument("RtmScenario: event time " +
                                    std::to_string(event.time.GetSeconds()) +
                                    " s lies in the past");
    }
    const uint32_t n = m_state->nodes.GetN();
    std::ostringstream d;
    d << KindName(event.kind);
    switch (event.kind)
    {
    case RtmScenarioEvent::LinkDown:
    case RtmScenarioEvent::LinkUp:
        if (event.a >= n || event.b >= n)
        {
            throw std::invalid_argument("RtmScenario: unknown node");
        }
        if (FindLinks(event.a, event.b).empty())
        {
            throw std::invalid_argument("RtmScenario: no link between nodes " +
                                        std::to_string(event.a) + " and " +
                                        std::to_string(event.b));
        }
        d << " " << event.a << " " << event.b;
        break;
    case RtmScenarioEvent::NodeDown:
    case RtmScenarioEvent::NodeUp:
        if (event.a >= n)
        {
            throw std::invalid_argument("RtmScenario: unknown node");
        }
        d << " " << event.a;
        break;
    case RtmScenarioEvent::AgentStart:
    case RtmScenarioEvent::AgentStop:
        if (m_state->agents.find(event.agent) == m_state->agents.end())
        {
            throw std::invalid_argument("RtmScenario: unknown agent '" + event.agent + "'");
        }
        if (event.a != RtmScenarioEvent::ALL_NODES && event.a >= n)
        {
            throw std::invalid_argument("RtmScenario: unknown node");
        }
        d << " " << event.agent << " ";
        if (event.a == RtmScenarioEvent::ALL_NODES)
        {
            d << "*";
        }
        else
        {
            d << event.a;
        }
        break;
    }
    return d.str();
}

void
RtmScenario::Fire(std::shared_ptr<State> state, std::size_t position)
{
    const RtmScenarioEvent event = state->events[position];
    NS_LOG_INFO(Simulator::Now().GetSeconds() << " s: " << event.description);
    ++state->fired;
    for (const Listener& l : state->listeners)
    {
        l(event);
    }
    // Each node's part runs as a zero-delay event in that node's context, so that protocol code
    // reached from NotifyInterfaceDown/Up or from an agent control sees its own node.
    switch (event.kind)
    {
    case RtmScenarioEvent::LinkDown:
    case RtmScenarioEvent::LinkUp: {
        bool up = event.kind == RtmScenarioEvent::LinkUp;
        Ptr<Node> na = state->nodes.Get(event.a);
        Ptr<Node> nb = state->nodes.Get(event.b);
        for (const auto& [ia, ib] : LinksBetween(state->nodes, event.a, event.b))
        {
            uint32_t ifA = ia;
            uint32_t ifB = ib;
            if (RtmIsLocalNode(na)) // distributed run: each rank changes its own end
            {
                Simulator::ScheduleWithContext(
                    na->GetId(),
                    Time(0),
                    RtmMakeEventPointer([na, ifA, up]() { SetInterface(na, ifA, up); }));
            }
            if (RtmIsLocalNode(nb))
            {
                Simulator::ScheduleWithContext(
                    nb->GetId(),
                    Time(0),
                    RtmMakeEventPointer([nb, ifB, up]() { SetInterface(nb, ifB, up); }));
            }
        }
        break;
    }
    case RtmScenarioEvent::NodeDown:
    case RtmScenarioEvent::NodeUp: {
        bool up = event.kind == RtmScenarioEvent::NodeUp;
        Ptr<Node> node = state->nodes.Get(event.a);
        if (RtmIsLocalNode(node))
        {
            Simulator::ScheduleWithContext(
                node->GetId(),
                Time(0),
                RtmMakeEventPointer([node, up]() { SetNodeInterfaces(node, up); }));
        }
        break;
    }
    case RtmScenarioEvent::AgentStart:
    case RtmScenarioEvent::AgentStop: {
        const auto& controls = state->agents[event.agent];
        AgentControl control =
            event.kind == RtmScenarioEvent::AgentStart ? controls.first : controls.second;
        if (!control)
        {
            break;
        }
        uint32_t first = event.a == RtmScenarioEvent::ALL_NODES ? 0 : event.a;
        uint32_t last = event.a == RtmScenarioEvent::ALL_NODES ? state->nodes.GetN() : event.a + 1;
        for (uint32_t i = first; i < last; ++i)
        {
            Ptr<Node> node = state->nodes.Get(i);
            if (!RtmIsLocalNode(node))
            {
                continue;
            }
            Simulator::ScheduleWithContext(
                node->GetId(),
                Time(0),
                RtmMakeEventPointer([control, node]() { control(node); }));
        }
        break;
    }
    }
}

RtmScenarioEvent
RtmScenario::AddLinkDown(Time at, uint32_t a, uint32_t b)
{
    RtmScenarioEvent e;
    e.time = at;
    e.kind = RtmScenarioEvent::LinkDown;
    e.a = a;
    e.b = b;
    return Add(e);
}

RtmScenarioEvent
RtmScenario::AddLinkUp(Time at, uint32_t a, uint32_t b)
{
    RtmScenarioEvent e;
    e.time = at;
    e.kind = RtmScenarioEvent::LinkUp;
    e.a = a;
    e.b = b;
    return Add(e);
}

RtmScenarioEvent
RtmScenario::AddNodeDown(Time at, uint32_t n)
{
    RtmScenarioEvent e;
    e.time = at;
    e.kind = RtmScenarioEvent::NodeDown;
    e.a = n;
    return Add(e);
}

RtmScenarioEvent
RtmScenario::AddNodeUp(Time at, uint32_t n)
{
    RtmScenarioEvent e;
    e.time = at;
    e.kind = RtmScenarioEvent::NodeUp;
    e.a = n;
    return Add(e);
}

RtmScenarioEvent
RtmScenario::AddAgentStart(Time at, const std::string& agent, uint32_t n)
{
    RtmScenarioEvent e;
    e.time = at;
    e.kind = RtmScenarioEvent::AgentStart;
    e.a = n;
    e.agent = agent;
    return Add(e);
}

RtmScenarioEvent
RtmScenario::AddAgentStop(Time at, const std::string& agent, uint32_t n)
{
    RtmScenarioEvent e;
    e.time = at;
    e.kind = RtmScenarioEvent::AgentStop;
    e.a = n;
    e.agent = agent;
    return Add(e);
}

bool
RtmScenario::ParseTime(const std::string& text, Time* t)
{
    // number: digits with at most one '.', at least one digit; then an optional unit.
    std::size_t i = 0;
    bool digits = false;
    bool dot = false;
    while (i < text.size() &&
           (std::isdigit(static_cast<unsigned char>(text[i])) || (text[i] == '.' && !dot)))
    {
        if (text[i] == '.')
        {
            dot = true;
        }
        else
        {
            digits = true;
        }
        ++i;
    }
    if (!digits)
    {
        return false;
    }
    std::string number = text.substr(0, i);
    std::string unit = text.substr(i);
    // Exact decimal arithmetic in nanoseconds: no float rounding in event times.
    static const std::map<std::string, int64_t> units = {{"", 1000000000LL},
                                                         {"s", 1000000000LL},
                                                         {"ms", 1000000LL},
                                                         {"us", 1000LL},
                                                         {"ns", 1LL},
                                                         {"min", 60000000000LL},
                                                         {"h", 3600000000000LL}};
    auto u = units.find(unit);
    if (u == units.end())
    {
        return false;
    }
    std::size_t p = number.find('.');
    std::string whole = number.substr(0, p);
    std::string frac = p == std::string::npos ? "" : number.substr(p + 1);
    if (whole.size() > 18)
    {
        return false; // std::stoll would throw; far beyond 2^63 ns in any unit anyway
    }
    int64_t scale = u->second;
    int64_t ns = 0;
    // checked arithmetic: a time past 2^63 ns (about 292 years) is refused, never wrapped
    if (__builtin_mul_overflow(whole.empty() ? int64_t{0} : std::stoll(whole), scale, &ns))
    {
        return false;
    }
    int64_t place = scale;
    for (char c : frac)
    {
        place /= 10;
        if (place == 0)
        {
            if (c != '0')
            {
                return false; // finer than a nanosecond
            }
            continue;
        }
        if (__builtin_add_overflow(ns, (c - '0') * place, &ns))
        {
            return false;
        }
    }
    *t = NanoSeconds(ns);
    return true;
}

std::size_t
RtmScenario::LoadFile(const std::string& path)
{
    std::ifstream in(path);
    if (!in)
    {
        throw std::runtime_error(path + ":0: cannot open the file");
    }
    return Load(in, path);
}

namespace
{

/**
 * @brief Throw the error of a line of the text format.
 * @param where the "<name>:<line>: " prefix
 * @param what what is wrong
 */
[[noreturn]] void
FailLine(const std::string& where, const std::string& what)
{
    throw std::runtime_error(where + what);
}

/**
 * @brief Split a line of the text format into words, without its comment.
 * @param line the line
 * @return its words; empty for a blank or comment line
 */
std::vector<std::string>
SplitWords(std::string line)
{
    std::size_t hash = line.find('#');
    if (hash != std::string::npos)
    {
        line = line.substr(0, hash);
    }
    line = Trim(line);
    std::vector<std::string> w;
    if (line.empty())
    {
        return w;
    }
    std::istringstream words(line);
    std::string word;
    while (words >> word)
    {
        w.push_back(word);
    }
    return w;
}

} // namespace

std::size_t
RtmScenario::Load(std::istream& in, const std::string& name)
{
    // All or nothing: every line is read and checked first; only then are the events added, so
    // a file that fails anywhere schedules nothing.
    std::string line;
    uint32_t number = 0;
    std::vector<RtmScenarioEvent> events;
    while (std::getline(in, line))
    {
        ++number;
        const std::vector<std::string> w = SplitWords(line);
        if (w.empty())
        {
            continue;
        }
        events.push_back(LoadLine(w, name + ":" + std::to_string(number) + ": "));
    }
    for (const RtmScenarioEvent& e : events)
    {
        Add(e);
    }
    return events.size();
}

RtmScenarioEvent
RtmScenario::LoadLine(const std::vector<std::string>& w, const std::string& where) const
{
    if (w.size() < 2)
    {
        FailLine(where, "expected '<time> <command> <arguments>'");
    }
    Time at;
    if (!ParseTime(w[0], &at))
    {
        FailLine(where,
                 "bad time '" + w[0] +
                     "' (a non-negative decimal number with an optional unit s, ms, us, ns, min"
                     " or h, below 2^63 ns, about 292 years)");
    }
    if (at < Simulator::Now())
    {
        FailLine(where, "time '" + w[0] + "' lies in the past");
    }
    RtmScenarioEvent e = LoadCommand(w, at, where);
    try
    {
        Check(e);
    }
    catch (const std::invalid_argument& err)
    {
        FailLine(where, err.what());
    }
    return e;
}

RtmScenarioEvent
RtmScenario::LoadCommand(const std::vector<std::string>& w, Time at, const std::string& where) const
{
    RtmScenarioEvent e;
    e.time = at;
    const std::string& cmd = w[1];
    auto arity = [&](std::size_t n) {
        if (w.size() != n + 2)
        {
            FailLine(where,
                     "'" + cmd + "' takes " + std::to_string(n) + " argument" +
                         (n == 1 ? "" : "s") + ", got " + std::to_string(w.size() - 2));
        }
    };
    auto node = [&](const std::string& ref) {
        uint32_t index = 0;
        if (!ResolveNode(ref, &index))
        {
            FailLine(where, "unknown node '" + ref + "'");
        }
        return index;
    };
    if (cmd == "link-down" || cmd == "link-up")
    {
        arity(2);
        uint32_t a = node(w[2]);
        uint32_t b = node(w[3]);
        if (FindLinks(a, b).empty())
        {
            FailLine(where, "no link between '" + w[2] + "' and '" + w[3] + "'");
        }
        e.kind = cmd == "link-down" ? RtmScenarioEvent::LinkDown : RtmScenarioEvent::LinkUp;
        e.a = a;
        e.b = b;
    }
    else if (cmd == "node-down" || cmd == "node-up")
    {
        arity(1);
        e.kind = cmd == "node-down" ? RtmScenarioEvent::NodeDown : RtmScenarioEvent::NodeUp;
        e.a = node(w[2]);
    }
    else if (cmd == "agent-start" || cmd == "agent-stop")
    {
        arity(2);
        if (m_state->agents.find(w[2]) == m_state->agents.end())
        {
            FailLine(where, "unknown agent '" + w[2] + "'");
        }
        e.kind = cmd == "agent-start" ? RtmScenarioEvent::AgentStart : RtmScenarioEvent::AgentStop;
        e.a = w[3] == "*" ? RtmScenarioEvent::ALL_NODES : node(w[3]);
        e.agent = w[2];
    }
    else
    {
        FailLine(where, "unknown command '" + cmd + "'");
    }
    return e;
}

} // namespace ns3
