/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#include "rtm-graphml-reader.h"

#include "rtm-topology-error.h"
#include "rtm-topology-xml-parser.h"

#include "ns3/log.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmGraphmlReader");

namespace
{

/// A declared GraphML key.
struct GraphmlKey
{
    std::string domain;       //!< "node", "edge", "graph", "all", ...
    std::string name;         //!< attr.name (the id when absent)
    bool hasDefault = false;  //!< whether a <default> was given
    std::string defaultValue; //!< its text
    uint32_t line = 0;        //!< line of the <key> element
};

/**
 * @param s a string
 * @return s without leading and trailing XML white space
 */
std::string
Trim(const std::string& s)
{
    const char* ws = " \t\r\n";
    const size_t b = s.find_first_not_of(ws);
    if (b == std::string::npos)
    {
        return "";
    }
    const size_t e = s.find_last_not_of(ws);
    return s.substr(b, e - b + 1);
}

/**
 * @brief The decimal order of magnitude of a well-formed number: where its first significant
 * digit sits (0 for 1 to 9.99, -1 for 0.1 to 0.99, 2 for 100 ...), its exponent included.
 * @param t the number (an optional '-', digits with at most one '.', an optional exponent)
 * @return the order, clamped to +-10^9; 0 when the number has no significant digit
 */
long long
DecimalExponent(const std::string& t)
{
    std::size_t i = (!t.empty() && t[0] == '-') ? 1 : 0;
    long long order = 0;
    bool significant = false;
    bool point = false;
    long long afterPoint = 0;
    for (; i < t.size() && t[i] != 'e' && t[i] != 'E'; ++i)
    {
        if (t[i] == '.')
        {
            point = true;
            continue;
        }
        if (!significant && t[i] != '0')
        {
            significant = true;
            order = point ? -(afterPoint + 1) : 0;
        }
        else if (significant && !point)
        {
            ++order;
        }
        if (point)
        {
            ++afterPoint;
        }
    }
    if (!significant)
    {
        return 0;
    }
    long long exponent = 0;
    bool negative = false;
    if (i < t.size())
    {
        ++i;
        if (i < t.size() && (t[i] == '-' || t[i] == '+'))
        {
            negative = t[i] == '-';
            ++i;
        }
        for (; i < t.size() && exponent < 1000000000LL; ++i)
        {
            exponent = exponent * 10 + (t[i] - '0');
        }
    }
    return order + (negative ? -exponent : exponent);
}

/**
 * @brief Parse a whole string as a finite decimal number, independently of the locale: at most
 * one sign; a magnitude too small for a double reads as 0, one too large is refused.
 * @param text the text (surrounding white space allowed)
 * @param value receives the number
 * @return true on success
 */
bool
ParseDouble(const std::string& text, double& value)
{
    std::string t = Trim(text);
    if (!t.empty() && t[0] == '+')
    {
        t.erase(0, 1);
        if (!t.empty() && (t[0] == '-' || t[0] == '+'))
        {
            return false; // one sign at most: "+-1" is not a number
        }
    }
    if (t.empty())
    {
        return false;
    }
    const char* begin = t.data();
    const char* end = t.data() + t.size();
    auto result = std::from_chars(begin, end, value);
    if (result.ec == std::errc::result_out_of_range && result.ptr == end)
    {
        // A well-formed decimal too far from 1 for a double: too small underflows to 0 (as
        // IEEE 754 rounds it), too large is not finite and refused.
        if (DecimalExponent(t) < 0)
        {
            value = 0.0;
            return true;
        }
        return false;
    }
    return result.ec == std::errc() && result.ptr == end && std::isfinite(value);
}

/**
 * @brief Resolves data elements against the declared keys, with uniform error messages.
 */
class KeyTable
{
  public:
    /**
     * @param source the source name for errors
     */
    explicit KeyTable(const std::string& source)
        : m_source(source)
    {
    }

    /**
     * @brief Declare a key from its <key> element.
     * @param key the element
     */
    void Declare(const RtmTopologyXmlParser::Element& key)
    {
        const std::string* id = key.FindAttribute("id");
        if (id == nullptr || id->empty())
        {
            throw RtmTopologyError(m_source, key.line, "<key> without an id attribute");
        }
        auto previous = m_keys.find(*id);
        if (previous != m_keys.end())
        {
            throw RtmTopologyError(m_source,
                                   key.line,
                                   "duplicate key id '" + *id + "' (first declared at line " +
                                       std::to_string(previous->second.line) + ")");
        }
        GraphmlKey k;
        const std::string* domain = key.FindAttribute("for");
        k.domain = domain != nullptr ? *domain : "all";
        const std::string* name = key.FindAttribute("attr.name");
        k.name = name != nullptr ? *name : *id;
        k.line = key.line;
        for (const auto& child : key.children)
        {
            if (child.LocalName() == "default")
            {
                k.hasDefault = true;
                k.defaultValue = child.text;
            }
        }
        const std::string slot = k.domain + "/" + k.name;
        auto same = m_byName.find(slot);
        if (same != m_byName.end() && IsInterpreted(k.name))
        {
            throw RtmTopologyError(m_source,
                                   key.line,
                                   "two keys for the " + k.domain + " attribute '" + k.name +
                                       "' (ids '" + same->second + "' and '" + *id + "')");
        }
        m_byName.emplace(slot, *id); // keeps the first key of an uninterpreted name
        m_keys.emplace(*id, k);
    }

    /**
     * @param name an attr.name
     * @return true for the names the reader gives a meaning to (two keys with one of these
     *         names for the same kind of element make the file ambiguous)
     */
    static bool IsInterpreted(const std::string& name)
    {
        return name == "Latitude" || name == "Longitude" || name == "label" ||
               name == "LinkSpeedRaw" || name == "Network";
    }

    /**
     * @brief Resolve a <data> element of an element of the given domain.
     * @param data the data element
     * @param domain "node" or "edge" or "graph"
     * @return the attr.name of its key
     */
    const std::string& Resolve(const RtmTopologyXmlParser::Element& data,
                               const std::string& domain) const
    {
        const std::string* keyId = data.FindAttribute("key");
        if (keyId == nullptr)
        {
            throw RtmTopologyError(m_source, data.line, "<data> without a key attribute");
        }
        auto it = m_keys.find(*keyId);
        if (it == m_keys.end())
        {
            throw RtmTopologyError(m_source,
                                   data.line,
                                   "<data> refers to the undeclared key '" + *keyId + "'");
        }
        if (it->second.domain != domain && it->second.domain != "all")
        {
            throw RtmTopologyError(m_source,
                                   data.line,
                                   "<data> inside <" + domain + "> uses the key '" + *keyId +
                                       "' declared for " + it->second.domain);
        }
        return it->second.name;
    }

    /**
     * @param domain "node" or "edge"
     * @param name an attr.name
     * @return the key declared for it (domain or "all"), or nullptr
     */
    const GraphmlKey* Find(const std::string& domain, const std::string& name) const
    {
        for (const std::string& d : {domain, std::string("all")})
        {
            auto it = m_byName.find(d + "/" + name);
            if (it != m_byName.end())
            {
                return &m_keys.at(it->second);
            }
        }
        return nullptr;
    }

  private:
    std::string m_source;                        //!< source name for errors
    std::map<std::string, GraphmlKey> m_keys;    //!< id -> key
    std::map<std::string, std::string> m_byName; //!< "domain/attr.name" -> id
};

/**
 * @brief Parse a coordinate or a speed, throwing a located error when invalid.
 * @param source the source name
 * @param line the line of the data
 * @param what the attribute name
 * @param owner a description of the element ("node 'x'")
 * @param text the value text
 * @param low the smallest valid value
 * @param high the largest valid value
 * @return the value
 */
double
ParseNumber(const std::string& source,
            uint32_t line,
            const std::string& what,
            const std::string& owner,
            const std::string& text,
            double low,
            double high)
{
    double value = 0;
    if (!ParseDouble(text, value))
    {
        throw RtmTopologyError(source,
                               line,
                               owner + ": bad " + what + " value '" + Trim(text).substr(0, 40) +
                                   "' (not a finite number)");
    }
    if (value < low || value > high)
    {
        std::ostringstream range;
        range << "[" << low << ", " << high << "]";
        throw RtmTopologyError(source,
                               line,
                               owner + ": " + what + " value '" + Trim(text).substr(0, 40) +
                                   "' is outside " + range.str());
    }
    return value;
}

} // namespace

RtmGraphmlReader::RtmGraphmlReader()
    : m_parallel(ParallelEdges::Keep),
      m_defaultDelay(MilliSeconds(1)),
      m_minimumDelay(MicroSeconds(1)),
      m_defaultRate(DataRate("1Gbps")),
      m_useLinkSpeed(true),
      m_metric(Metric::Hop),
      m_speedKmPerS(200000.0),
      m_maxFileSize(256ULL << 20)
{
}

void
RtmGraphmlReader::SetParallelEdges(ParallelEdges policy)
{
    m_parallel = policy;
}

RtmGraphmlReader::ParallelEdges
RtmGraphmlReader::GetParallelEdges() const
{
    return m_parallel;
}

void
RtmGraphmlReader::SetDefaultDelay(Time delay)
{
    if (delay.IsStrictlyNegative())
    {
        throw RtmTopologyError("RtmGraphmlReader", "SetDefaultDelay: negative delay");
    }
    m_defaultDelay = delay;
}

Time
RtmGraphmlReader::GetDefaultDelay() const
{
    return m_defaultDelay;
}

void
RtmGraphmlReader::SetMinimumDelay(Time delay)
{
    if (delay.IsStrictlyNegative())
    {
        throw RtmTopologyError("RtmGraphmlReader", "SetMinimumDelay: negative delay");
    }
    m_minimumDelay = delay;
}

Time
RtmGraphmlReader::GetMinimumDelay() const
{
    return m_minimumDelay;
}

void
RtmGraphmlReader::SetDefaultDataRate(DataRate rate)
{
    if (rate.GetBitRate() == 0)
    {
        throw RtmTopologyError("RtmGraphmlReader", "SetDefaultDataRate: zero rate");
    }
    m_defaultRate = rate;
}

DataRate
RtmGraphmlReader::GetDefaultDataRate() const
{
    return m_defaultRate;
}

void
RtmGraphmlReader::SetUseLinkSpeed(bool use)
{
    m_useLinkSpeed = use;
}

void
RtmGraphmlReader::SetMetric(Metric metric)
{
    m_metric = metric;
}

void
RtmGraphmlReader::SetPropagationSpeed(double kmPerSecond)
{
    if (!(kmPerSecond > 0) || !std::isfinite(kmPerSecond))
    {
        throw RtmTopologyError("RtmGraphmlReader", "SetPropagationSpeed: speed must be > 0");
    }
    m_speedKmPerS = kmPerSecond;
}

void
RtmGraphmlReader::SetMaxFileSize(uint64_t bytes)
{
    m_maxFileSize = bytes;
}

const RtmTopologyReport&
RtmGraphmlReader::GetReport() const
{
    return m_report;
}

RtmTopology
RtmGraphmlReader::Read(const std::string& path)
{
    NS_LOG_FUNCTION(this << path);
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (ec || !std::filesystem::exists(status))
    {
        throw RtmTopologyError(path, "cannot open the file: no such file or directory");
    }
    if (std::filesystem::is_directory(status))
    {
        throw RtmTopologyError(path, "cannot read the file: it is a directory");
    }
    std::ifstream file(path, std::ios::in | std::ios::binary);
    if (!file)
    {
        throw RtmTopologyError(path, std::string("cannot open the file: ") + std::strerror(errno));
    }
    std::string text;
    char buffer[65536];
    while (file)
    {
        file.read(buffer, sizeof(buffer));
        text.append(buffer, static_cast<size_t>(file.gcount()));
        if (text.size() > m_maxFileSize)
        {
            throw RtmTopologyError(path,
                                   "the file is larger than the limit of " +
                                       std::to_string(m_maxFileSize) + " bytes");
        }
    }
    if (file.bad())
    {
        throw RtmTopologyError(path, "error while reading the file");
    }
    return ReadFromString(text, path);
}

/**
 * @brief One GraphML document being read: the reader's settings, the declared keys and the
 * report, with one function per phase (root and keys, graph name, nodes, edges).
 */
class RtmGraphmlReader::Reading
{
  public:
    /**
     * @brief Start reading a document.
     * @param reader the reader whose settings apply
     * @param src the source name for errors and the report
     */
    Reading(const RtmGraphmlReader& reader, const std::string& src)
        : m_reader(reader),
          m_src(src),
          m_keys(src)
    {
        m_report.source = src;
        m_report.format = "graphml";
    }

    /**
     * @brief Check the root, declare the keys and find the first graph.
     * @param root the root element
     * @return the first <graph> element
     */
    const RtmTopologyXmlParser::Element& ReadRoot(const RtmTopologyXmlParser::Element& root);

    /**
     * @param graph the graph element
     * @return the topology name: the graph's "Network" data, else its "label", else the file
     */
    std::string ReadName(const RtmTopologyXmlParser::Element& graph) const;

    /**
     * @brief Add a vertex for every <node> of the graph, in document order.
     * @param graph the graph element
     * @param topology the topology to fill
     */
    void ReadNodes(const RtmTopologyXmlParser::Element& graph, RtmTopology& topology);

    /**
     * @brief Add an edge for every <edge> of the graph (after the nodes), in document order.
     * @param graph the graph element
     * @param topology the topology to fill
     */
    void ReadEdges(const RtmTopologyXmlParser::Element& graph, RtmTopology& topology);

    /**
     * @return the report so far
     */
    RtmTopologyReport& GetReport()
    {
        return m_report;
    }

  private:
    /**
     * @brief Read the properties of one <node>.
     * @param element the node element
     * @param id its id
     * @param ports incremented for each <port> child
     * @return the vertex
     */
    RtmTopologyVertex ReadNode(const RtmTopologyXmlParser::Element& element,
                               const std::string& id,
                               uint32_t& ports) const;

    /**
     * @brief Give a vertex the key defaults of the data it lacks.
     * @param vertex the vertex
     * @param haveLat whether it had Latitude data
     * @param haveLon whether it had Longitude data
     * @param haveLabel whether it had label data
     */
    void ApplyNodeDefaults(RtmTopologyVertex& vertex,
                           bool haveLat,
                           bool haveLon,
                           bool haveLabel) const;

    /**
     * @brief Read the LinkSpeedRaw data of one <edge>.
     * @param element the edge element
     * @param owner the edge's description for errors
     * @param defaultSpeedBps the speed without data
     * @return the speed in bit/s
     */
    double ReadEdgeSpeed(const RtmTopologyXmlParser::Element& element,
                         const std::string& owner,
                         double defaultSpeedBps) const;

    /**
     * @brief Derive the properties of an edge between two vertices (counted in the report).
     * @param a one end
     * @param b the other end
     * @param line the line of the edge element
     * @param speedBps its speed (0: none)
     * @param defaultDistanceMetric the metric of an edge without a geographic distance
     * @return the edge
     */
    RtmTopologyEdge MakeEdge(const RtmTopologyVertex& a,
                             const RtmTopologyVertex& b,
                             uint32_t line,
                             double speedBps,
                             uint32_t defaultDistanceMetric);

    const RtmGraphmlReader& m_reader; //!< settings
    const std::string& m_src;         //!< source name
    KeyTable m_keys;                  //!< declared keys
    RtmTopologyReport m_report;       //!< report
};

const RtmTopologyXmlParser::Element&
RtmGraphmlReader::Reading::ReadRoot(const RtmTopologyXmlParser::Element& root)
{
    if (root.LocalName() != "graphml")
    {
        throw RtmTopologyError(m_src,
                               root.line,
                               "the root element is <" + root.name + ">, not <graphml>");
    }
    const RtmTopologyXmlParser::Element* graph = nullptr;
    uint32_t graphs = 0;
    for (const auto& child : root.children)
    {
        const std::string name = child.LocalName();
        if (name == "key")
        {
            m_keys.Declare(child);
        }
        else if (name == "graph")
        {
            if (graph == nullptr)
            {
                graph = &child;
            }
            ++graphs;
        }
    }
    if (graph == nullptr)
    {
        throw RtmTopologyError(m_src, root.line, "no <graph> element in <graphml>");
    }
    if (graphs > 1)
    {
        m_report.notes.push_back("the file has " + std::to_string(graphs) +
                                 " graphs; only the first was read");
    }
    const std::string* edgeDefault = graph->FindAttribute("edgedefault");
    if (edgeDefault != nullptr && *edgeDefault == "directed")
    {
        m_report.notes.push_back("edgedefault=\"directed\": edges read as undirected links");
    }
    return *graph;
}

std::string
RtmGraphmlReader::Reading::ReadName(const RtmTopologyXmlParser::Element& graph) const
{
    std::string topologyName;
    for (const auto& child : graph.children)
    {
        if (child.LocalName() == "data")
        {
            const std::string& attr = m_keys.Resolve(child, "graph");
            if (attr == "Network" || (attr == "label" && topologyName.empty()))
            {
                topologyName = Trim(child.text);
            }
        }
    }
    if (topologyName.empty())
    {
        topologyName = std::filesystem::path(m_src).stem().string();
    }
    return topologyName;
}

void
RtmGraphmlReader::Reading::ReadNodes(const RtmTopologyXmlParser::Element& graph,
                                     RtmTopology& topology)
{
    std::map<std::string, uint32_t> lineOfNode;
    uint32_t hyperedges = 0;
    uint32_t ports = 0;
    for (const auto& element : graph.children)
    {
        const std::string kind = element.LocalName();
        if (kind == "hyperedge")
        {
            ++hyperedges;
            continue;
        }
        if (kind != "node")
        {
            continue;
        }
        const std::string* id = element.FindAttribute("id");
        if (id == nullptr || id->empty())
        {
            throw RtmTopologyError(m_src, element.line, "<node> without an id attribute");
        }
        auto previous = lineOfNode.find(*id);
        if (previous != lineOfNode.end())
        {
            throw RtmTopologyError(m_src,
                                   element.line,
                                   "duplicate node id '" + *id + "' (first defined at line " +
                                       std::to_string(previous->second) + ")");
        }
        lineOfNode.emplace(*id, element.line);
        topology.AddVertex(ReadNode(element, *id, ports));
    }
    if (hyperedges > 0)
    {
        m_report.notes.push_back(std::to_string(hyperedges) + " hyperedge(s) ignored");
    }
    if (ports > 0)
    {
        m_report.notes.push_back(std::to_string(ports) + " port(s) ignored");
    }
}

RtmTopologyVertex
RtmGraphmlReader::Reading::ReadNode(const RtmTopologyXmlParser::Element& element,
                                    const std::string& id,
                                    uint32_t& ports) const
{
    const std::string owner = "node '" + id + "'";
    RtmTopologyVertex vertex;
    vertex.name = id;
    bool haveLat = false;
    bool haveLon = false;
    bool haveLabel = false;
    for (const auto& child : element.children)
    {
        const std::string childKind = child.LocalName();
        if (childKind == "graph")
        {
            throw RtmTopologyError(m_src, child.line, owner + ": nested graphs are not supported");
        }
        if (childKind == "port")
        {
            ++ports;
            continue;
        }
        if (childKind != "data")
        {
            continue;
        }
        const std::string& attr = m_keys.Resolve(child, "node");
        if (attr == "Latitude")
        {
            vertex.latitude =
                ParseNumber(m_src, child.line, "Latitude", owner, child.text, -90.0, 90.0);
            haveLat = true;
        }
        else if (attr == "Longitude")
        {
            vertex.longitude =
                ParseNumber(m_src, child.line, "Longitude", owner, child.text, -180.0, 180.0);
            haveLon = true;
        }
        else if (attr == "label")
        {
            vertex.label = Trim(child.text);
            haveLabel = true;
        }
    }
    ApplyNodeDefaults(vertex, haveLat, haveLon, haveLabel);
    return vertex;
}

void
RtmGraphmlReader::Reading::ApplyNodeDefaults(RtmTopologyVertex& vertex,
                                             bool haveLat,
                                             bool haveLon,
                                             bool haveLabel) const
{
    const GraphmlKey* latKey = m_keys.Find("node", "Latitude");
    const GraphmlKey* lonKey = m_keys.Find("node", "Longitude");
    const GraphmlKey* labelKey = m_keys.Find("node", "label");
    if (!haveLat && latKey != nullptr && latKey->hasDefault)
    {
        vertex.latitude = ParseNumber(m_src,
                                      latKey->line,
                                      "Latitude",
                                      "key default",
                                      latKey->defaultValue,
                                      -90.0,
                                      90.0);
    }
    if (!haveLon && lonKey != nullptr && lonKey->hasDefault)
    {
        vertex.longitude = ParseNumber(m_src,
                                       lonKey->line,
                                       "Longitude",
                                       "key default",
                                       lonKey->defaultValue,
                                       -180.0,
                                       180.0);
    }
    if (!haveLabel && labelKey != nullptr && labelKey->hasDefault)
    {
        vertex.label = Trim(labelKey->defaultValue);
    }
}

void
RtmGraphmlReader::Reading::ReadEdges(const RtmTopologyXmlParser::Element& graph,
                                     RtmTopology& topology)
{
    const GraphmlKey* speedKey = m_keys.Find("edge", "LinkSpeedRaw");
    double defaultSpeedBps = 0;
    if (speedKey != nullptr && speedKey->hasDefault)
    {
        defaultSpeedBps = ParseNumber(m_src,
                                      speedKey->line,
                                      "LinkSpeedRaw",
                                      "key default",
                                      speedKey->defaultValue,
                                      1.0,
                                      1e18);
    }
    const uint32_t defaultDistanceMetric = static_cast<uint32_t>(std::clamp<double>(
        std::llround(m_reader.m_defaultDelay.GetSeconds() * m_reader.m_speedKmPerS),
        1.0,
        std::numeric_limits<uint32_t>::max()));

    std::map<std::pair<uint32_t, uint32_t>, uint32_t> pairs; // unordered pair -> first edge
    for (const auto& element : graph.children)
    {
        if (element.LocalName() != "edge")
        {
            continue;
        }
        ++m_report.inputEdges;
        const std::string* source = element.FindAttribute("source");
        const std::string* target = element.FindAttribute("target");
        if (source == nullptr || target == nullptr)
        {
            throw RtmTopologyError(m_src,
                                   element.line,
                                   std::string("<edge> without a ") +
                                       (source == nullptr ? "source" : "target") + " attribute");
        }
        const auto u = topology.FindVertex(*source);
        const auto v = topology.FindVertex(*target);
        if (!u || !v)
        {
            throw RtmTopologyError(m_src,
                                   element.line,
                                   "<edge> refers to the unknown node '" +
                                       (!u ? *source : *target) + "'");
        }
        const std::string owner = "edge '" + *source + "'-'" + *target + "'";
        const double speedBps = ReadEdgeSpeed(element, owner, defaultSpeedBps);
        if (*u == *v)
        {
            ++m_report.selfLoopsDropped;
            NS_LOG_INFO(m_src << ":" << element.line << ": self-loop on " << *source << " dropped");
            continue;
        }
        const auto key = std::minmax(*u, *v);
        if (pairs.count(key) != 0)
        {
            ++m_report.parallelEdges;
            if (m_reader.m_parallel == ParallelEdges::Merge)
            {
                ++m_report.parallelEdgesMerged;
                continue;
            }
        }
        const RtmTopologyEdge edge = MakeEdge(topology.GetVertex(*u),
                                              topology.GetVertex(*v),
                                              element.line,
                                              speedBps,
                                              defaultDistanceMetric);
        const uint32_t index = topology.AddEdge(*u, *v, edge);
        pairs.emplace(key, index);
    }
}

double
RtmGraphmlReader::Reading::ReadEdgeSpeed(const RtmTopologyXmlParser::Element& element,
                                         const std::string& owner,
                                         double defaultSpeedBps) const
{
    double speedBps = defaultSpeedBps;
    for (const auto& child : element.children)
    {
        if (child.LocalName() != "data")
        {
            continue;
        }
        const std::string& attr = m_keys.Resolve(child, "edge");
        if (attr == "LinkSpeedRaw")
        {
            speedBps = ParseNumber(m_src, child.line, "LinkSpeedRaw", owner, child.text, 1.0, 1e18);
        }
    }
    return speedBps;
}

RtmTopologyEdge
RtmGraphmlReader::Reading::MakeEdge(const RtmTopologyVertex& a,
                                    const RtmTopologyVertex& b,
                                    uint32_t line,
                                    double speedBps,
                                    uint32_t defaultDistanceMetric)
{
    RtmTopologyEdge edge;
    edge.sourceLine = line;
    if (a.HasGeo() && b.HasGeo())
    {
        const double km =
            RtmTopology::GreatCircleKm(a.latitude, a.longitude, b.latitude, b.longitude);
        edge.delay = NanoSeconds(std::llround(km / m_reader.m_speedKmPerS * 1e9));
        if (edge.delay < m_reader.m_minimumDelay)
        {
            edge.delay = m_reader.m_minimumDelay;
            ++m_report.edgesWithMinimumDelay;
        }
        if (m_reader.m_metric == Metric::DistanceKm)
        {
            edge.metric = static_cast<uint32_t>(
                std::clamp<double>(std::llround(km), 1.0, std::numeric_limits<uint32_t>::max()));
        }
    }
    else
    {
        edge.delay = m_reader.m_defaultDelay;
        ++m_report.edgesWithDefaultDelay;
        if (m_reader.m_metric == Metric::DistanceKm)
        {
            edge.metric = defaultDistanceMetric;
        }
    }
    if (m_reader.m_useLinkSpeed && speedBps > 0)
    {
        edge.dataRateBps = static_cast<uint64_t>(std::llround(speedBps));
    }
    else
    {
        edge.dataRateBps = m_reader.m_defaultRate.GetBitRate();
        ++m_report.edgesWithDefaultRate;
    }
    return edge;
}

RtmTopology
RtmGraphmlReader::ReadFromString(const std::string& text, const std::string& sourceName)
{
    NS_LOG_FUNCTION(this << sourceName << text.size());
    const std::string& src = sourceName;
    RtmTopologyXmlParser parser(src);
    const RtmTopologyXmlParser::Element root = parser.Parse(text);
    Reading reading(*this, src);
    const RtmTopologyXmlParser::Element& graph = reading.ReadRoot(root);
    // Nodes first: edges may refer to nodes that come later in the document.
    RtmTopology topology(reading.ReadName(graph));
    reading.ReadNodes(graph, topology);
    reading.ReadEdges(graph, topology);
    RtmTopologyReport& report = reading.GetReport();
    report.CountFrom(topology);
    m_report = report;
    NS_LOG_INFO(src << ": " << report.nodes << " nodes, " << report.edges << " edges");
    return topology;
}

} // namespace ns3
