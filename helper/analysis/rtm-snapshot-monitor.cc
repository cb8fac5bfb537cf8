/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#include "rtm-snapshot-monitor.h"

#include "ns3/log.h"
#include "ns3/rtm-route.h"

#include <algorithm>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmSnapshotMonitor");

namespace
{

/// The header of a changes file (RtmChurnTracer).
const char* const CHANGES_HEADER =
    "time,node,family,network,kind,protocol,prev_next_hop,next_hop,interface,metric";
/// The header of a snapshot file (RtmChurnTracer).
const char* const TABLES_HEADER = "time,node,family,network,protocol,next_hop,interface,metric";

/**
 * @brief An error naming the file and line.
 * @param path the file
 * @param line the line number (0: the file itself)
 * @param what what is wrong
 * @return the exception
 */
std::runtime_error
FileError(const std::string& path, uint64_t line, const std::string& what)
{
    std::ostringstream os;
    os << path;
    if (line > 0)
    {
        os << ":" << line;
    }
    os << ": " << what;
    return std::runtime_error(os.str());
}

/**
 * @param line a CSV line (no quoting: the tracer writes none)
 * @return its fields
 */
std::vector<std::string>
Split(const std::string& line)
{
    std::vector<std::string> fields;
    std::string::size_type begin = 0;
    while (true)
    {
        std::string::size_type comma = line.find(',', begin);
        fields.push_back(line.substr(begin, comma - begin));
        if (comma == std::string::npos)
        {
            return fields;
        }
        begin = comma + 1;
    }
}

/**
 * @brief Parse a decimal number without sign.
 * @param s the text
 * @param max the largest value accepted
 * @param value the number (out)
 * @return false if @p s is not such a number
 */
bool
ParseUnsigned(const std::string& s, uint64_t max, uint64_t* value)
{
    if (s.empty() || s.size() > 20)
    {
        return false;
    }
    uint64_t v = 0;
    for (char c : s)
    {
        if (c < '0' || c > '9' || v > (max - static_cast<uint64_t>(c - '0')) / 10)
        {
            return false;
        }
        v = v * 10 + static_cast<uint64_t>(c - '0');
    }
    *value = v;
    return true;
}

/**
 * @brief Parse the tracer's time: seconds with nine decimals.
 * @param s the text
 * @param ns the time in nanoseconds (out)
 * @return false if malformed
 */
bool
ParseTime(const std::string& s, int64_t* ns)
{
    std::string::size_type dot = s.find('.');
    uint64_t whole = 0;
    uint64_t frac = 0;
    if (dot == std::string::npos || s.size() - dot - 1 != 9 ||
        !ParseUnsigned(s.substr(0, dot), 9000000000ULL, &whole) ||
        !ParseUnsigned(s.substr(dot + 1), 999999999ULL, &frac))
    {
        return false;
    }
    *ns = static_cast<int64_t>(whole * 1000000000ULL + frac);
    return true;
}

/**
 * @brief Parse a dotted IPv4 address.
 * @param s the text
 * @param address host order (out)
 * @return false if malformed
 */
bool
ParseAddress(const std::string& s, uint32_t* address)
{
    uint32_t a = 0;
    std::string::size_type begin = 0;
    for (int i = 0; i < 4; ++i)
    {
        std::string::size_type end = i < 3 ? s.find('.', begin) : s.size();
        uint64_t octet = 0;
        if (end == std::string::npos || !ParseUnsigned(s.substr(begin, end - begin), 255, &octet))
        {
            return false;
        }
        a = (a << 8) | static_cast<uint32_t>(octet);
        begin = end + 1;
    }
    *address = a;
    return true;
}

/**
 * @brief Parse "a.b.c.d/len" into a network key.
 * @param s the text
 * @param key the key (out)
 * @param length the prefix length (out)
 * @return false if malformed or the address has bits beyond the prefix
 */
bool
ParseNetwork(const std::string& s, uint64_t* key, uint8_t* length)
{
    std::string::size_type slash = s.find('/');
    uint32_t address = 0;
    uint64_t len = 0;
    if (slash == std::string::npos || !ParseAddress(s.substr(0, slash), &address) ||
        !ParseUnsigned(s.substr(slash + 1), 32, &len))
    {
        return false;
    }
    const uint32_t mask = len == 0 ? 0 : ~uint32_t{0} << (32 - len);
    if ((address & ~mask) != 0)
    {
        return false;
    }
    *key = RtmRoute::IpKey(address, mask);
    *length = static_cast<uint8_t>(len);
    return true;
}

/**
 * @brief Open a file and check its header.
 * @param path the file
 * @param header the header expected
 * @param in the stream (out)
 */
void
Open(const std::string& path, const char* header, std::ifstream& in)
{
    in.open(path);
    if (!in)
    {
        throw FileError(path, 0, "cannot read the file");
    }
    std::string line;
    if (!std::getline(in, line) || line != header)
    {
        throw FileError(path, 1, std::string("expected the header '") + header + "'");
    }
}

} // namespace

RtmSnapshotMonitor::RtmSnapshotMonitor(const NodeContainer& nodes)
    : m_nodes(nodes)
{
}

void
RtmSnapshotMonitor::SetSettleTime(Time settle)
{
    m_settle = settle;
}

void
RtmSnapshotMonitor::SetInterfaceCost(RtmConvergenceMonitor::InterfaceCost cost)
{
    m_cost = std::move(cost);
}

void
RtmSnapshotMonitor::AddEpoch(Time start,
                             const std::string& description,
                             RtmDataPlaneCheck::InterfaceState state)
{
    if (!m_epochs.empty() && start < m_epochs.back().start)
    {
        throw std::invalid_argument("RtmSnapshotMonitor::AddEpoch: epochs must be in time order");
    }
    Spec spec;
    spec.start = start;
    spec.description = description;
    spec.state = std::move(state);
    m_epochs.push_back(std::move(spec));
}

void
RtmSnapshotMonitor::SetMessages(uint32_t epoch, uint64_t messages)
{
    if (epoch >= m_epochs.size())
    {
        throw std::out_of_range("RtmSnapshotMonitor::SetMessages: no epoch " +
                                std::to_string(epoch));
    }
    m_epochs[epoch].messages = messages;
}

void
RtmSnapshotMonitor::ReadChanges(const std::string& path)
{
    std::ifstream in;
    Open(path, CHANGES_HEADER, in);
    std::vector<int64_t> changes;
    int64_t previous = 0;
    std::string line;
    for (uint64_t n = 2; std::getline(in, line); ++n)
    {
        std::vector<std::string> f = Split(line);
        int64_t ns = 0;
        uint64_t node = 0;
        if (f.size() != 10 || !ParseTime(f[0], &ns) ||
            !ParseUnsigned(f[1], m_nodes.GetN(), &node) || node >= m_nodes.GetN())
        {
            throw FileError(path,
                            n,
                            "expected 10 fields, a time and a node index below " +
                                std::to_string(m_nodes.GetN()));
        }
        if (ns < previous)
        {
            throw FileError(path, n, "rows are not in time order");
        }
        previous = ns;
        if (f[4].rfind("best-", 0) == 0)
        {
            changes.push_back(ns);
        }
    }
    m_changes = std::move(changes);
}

void
RtmSnapshotMonitor::ReadTables(const std::string& path)
{
    // pass 1: the snapshot times, to choose each epoch's last one
    std::vector<int64_t> times;
    {
        std::ifstream in;
        Open(path, TABLES_HEADER, in);
        std::string line;
        for (uint64_t n = 2; std::getline(in, line); ++n)
        {
            int64_t ns = 0;
            if (!ParseTime(line.substr(0, line.find(',')), &ns))
            {
                throw FileError(path, n, "expected a time (seconds with nine decimals)");
            }
            if (times.empty() || ns != times.back())
            {
                if (!times.empty() && ns < times.back())
                {
                    throw FileError(path, n, "rows are not in time order");
                }
                times.push_back(ns);
            }
        }
    }
    std::map<int64_t, std::vector<NodeTable>> tables;
    for (std::size_t e = 0; e < m_epochs.size(); ++e)
    {
        const int64_t from = m_epochs[e].start.GetNanoSeconds();
        const int64_t to = e + 1 < m_epochs.size() ? m_epochs[e + 1].start.GetNanoSeconds()
                                                   : std::numeric_limits<int64_t>::max();
        m_epochs[e].snapshot = -1;
        for (int64_t t : times)
        {
            if (from <= t && t < to)
            {
                m_epochs[e].snapshot = t;
            }
        }
        if (m_epochs[e].snapshot >= 0)
        {
            tables[m_epochs[e].snapshot].resize(m_nodes.GetN());
        }
    }
    // pass 2: the rows of those snapshots
    std::ifstream in;
    Open(path, TABLES_HEADER, in);
    std::string line;
    for (uint64_t n = 2; std::getline(in, line); ++n)
    {
        std::vector<std::string> f = Split(line);
        int64_t ns = 0;
        uint64_t node = 0;
        if (f.size() != 8 || !ParseTime(f[0], &ns) || !ParseUnsigned(f[1], m_nodes.GetN(), &node) ||
            node >= m_nodes.GetN() || (f[2] != "ip" && f[2] != "ipx"))
        {
            throw FileError(path,
                            n,
                            "expected 8 fields, a time, a node index below " +
                                std::to_string(m_nodes.GetN()) + " and a family");
        }
        auto snapshot = tables.find(ns);
        if (snapshot == tables.end() || f[2] != "ip")
        {
            continue;
        }
        uint64_t key = 0;
        uint8_t length = 0;
        uint32_t nextHop = 0;
        uint64_t protocol = 0;
        uint64_t interface = 0;
        if (!ParseNetwork(f[3], &key, &length) || !ParseUnsigned(f[4], 0xFFFFFFFF, &protocol) ||
            !ParseAddress(f[5], &nextHop) || !ParseUnsigned(f[6], 0xFFFFFFFF, &interface))
        {
            throw FileError(path,
                            n,
                            "expected a network a.b.c.d/len, a protocol, a next hop "
                            "and an interface");
        }
        NodeTable& table = snapshot->second[node];
        if (!table.routes
                 .emplace(key,
                          Best{static_cast<uint32_t>(protocol),
                               static_cast<uint32_t>(interface),
                               nextHop})
                 .second)
        {
            throw FileError(path, n, "a second best route for " + f[3] + " of node " + f[1]);
        }
        if (std::find(table.lengths.begin(), table.lengths.end(), length) == table.lengths.end())
        {
            table.lengths.push_back(length);
            std::sort(table.lengths.rbegin(), table.lengths.rend());
        }
    }
    m_tables = std::move(tables);
}

const RtmSnapshotMonitor::Best*
RtmSnapshotMonitor::Match(const NodeTable& table, uint32_t destination)
{
    for (uint8_t len : table.lengths)
    {
        const uint32_t mask = len == 0 ? 0 : ~uint32_t{0} << (32 - len);
        auto it = table.routes.find(RtmRoute::IpKey(destination & mask, mask));
        if (it != table.routes.end())
        {
            return &it->second;
        }
    }
    return nullptr;
}

std::vector<RtmConvergenceMonitor::Epoch>
RtmSnapshotMonitor::Evaluate()
{
    std::vector<RtmConvergenceMonitor::Epoch> out;
    RtmConvergenceMonitor monitor(m_nodes);
    if (m_cost)
    {
        monitor.SetInterfaceCost(m_cost);
    }
    for (std::size_t e = 0; e < m_epochs.size(); ++e)
    {
        const Spec& spec = m_epochs[e];
        RtmConvergenceMonitor::Epoch epoch;
        epoch.index = static_cast<uint32_t>(e);
        epoch.eventTime = spec.start;
        epoch.description = spec.description;
        epoch.messages = spec.messages;
        const int64_t from = spec.start.GetNanoSeconds();
        const int64_t to = e + 1 < m_epochs.size() ? m_epochs[e + 1].start.GetNanoSeconds()
                                                   : std::numeric_limits<int64_t>::max();
        auto first = std::lower_bound(m_changes.begin(), m_changes.end(), from);
        auto last = std::lower_bound(m_changes.begin(), m_changes.end(), to);
        epoch.bestChanges = static_cast<uint64_t>(last - first);
        epoch.changed = epoch.bestChanges > 0;
        if (epoch.changed)
        {
            epoch.lastChange = NanoSeconds(*(last - 1));
            epoch.convergenceTime = epoch.lastChange - epoch.eventTime;
        }
        auto snapshot = m_tables.find(spec.snapshot);
        if (spec.snapshot >= 0 && snapshot != m_tables.end())
        {
            const std::vector<NodeTable>& tables = snapshot->second;
            monitor.SetBestRoute([&tables](uint32_t node, uint64_t key, RtmRoute* best) {
                auto it = tables[node].routes.find(key);
                if (it == tables[node].routes.end())
                {
                    return false;
                }
                *best = RtmRoute::MakeIp(RtmRoute::KeyNetwork(key),
                                         RtmRoute::KeyIpv4Mask(key),
                                         Ipv4Address(it->second.nextHop),
                                         it->second.interface,
                                         0);
                best->protocol = it->second.protocol;
                return true;
            });
            monitor.SetLookup([&tables](uint32_t node,
                                        Ipv4Address destination,
                                        uint32_t* interface,
                                        Ipv4Address* nextHop) {
                const Best* b = Match(tables[node], destination.Get());
                if (!b)
                {
                    return false;
                }
                *interface = b->interface;
                *nextHop = Ipv4Address(b->nextHop);
                return true;
            });
            monitor.SetInterfaceState(spec.state);
            monitor.CheckInto(epoch);
            epoch.evaluated = true;
            epoch.evaluatedAt = NanoSeconds(spec.snapshot);
            const Time activity = epoch.changed ? epoch.lastChange : epoch.eventTime;
            epoch.settled = epoch.evaluatedAt >= activity + m_settle;
        }
        out.push_back(std::move(epoch));
    }
    monitor.SetBestRoute(nullptr);
    monitor.SetLookup(nullptr);
    monitor.SetInterfaceState(nullptr);
    return out;
}

} // namespace ns3
