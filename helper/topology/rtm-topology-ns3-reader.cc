/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#include "rtm-topology-ns3-reader.h"

#include "rtm-topology-error.h"

#include "ns3/inet-topology-reader.h"
#include "ns3/log.h"
#include "ns3/names.h"
#include "ns3/node-container.h"
#include "ns3/orbis-topology-reader.h"
#include "ns3/rocketfuel-topology-reader.h"

#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmTopologyNs3Reader");

RtmTopologyNs3Reader::RtmTopologyNs3Reader()
    : m_merge(true),
      m_useWeights(true),
      m_defaultRate(DataRate("1Gbps")),
      m_defaultDelay(MilliSeconds(1))
{
}

void
RtmTopologyNs3Reader::SetMergeParallelEdges(bool merge)
{
    m_merge = merge;
}

void
RtmTopologyNs3Reader::SetUseWeights(bool use)
{
    m_useWeights = use;
}

void
RtmTopologyNs3Reader::SetDefaultDataRate(DataRate rate)
{
    if (rate.GetBitRate() == 0)
    {
        throw RtmTopologyError("RtmTopologyNs3Reader", "SetDefaultDataRate: zero rate");
    }
    m_defaultRate = rate;
}

void
RtmTopologyNs3Reader::SetDefaultDelay(Time delay)
{
    if (delay.IsStrictlyNegative())
    {
        throw RtmTopologyError("RtmTopologyNs3Reader", "SetDefaultDelay: negative delay");
    }
    m_defaultDelay = delay;
}

const RtmTopologyReport&
RtmTopologyNs3Reader::GetReport() const
{
    return m_report;
}

RtmTopology
RtmTopologyNs3Reader::Read(Format format, const std::string& path)
{
    NS_LOG_FUNCTION(this << static_cast<int>(format) << path);
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
    {
        std::ifstream probe(path);
        if (!probe)
        {
            throw RtmTopologyError(path, "cannot open the file");
        }
    }
    Ptr<TopologyReader> reader;
    std::string formatName;
    switch (format)
    {
    case Format::Rocketfuel:
        reader = CreateObject<RocketfuelTopologyReader>();
        formatName = "rocketfuel";
        break;
    case Format::Inet:
        reader = CreateObject<InetTopologyReader>();
        formatName = "inet";
        break;
    case Format::Orbis:
        reader = CreateObject<OrbisTopologyReader>();
        formatName = "orbis";
        break;
    }
    reader->SetFileName(path);
    ReleaseNodeNames(reader->Read());
    if (reader->LinksEmpty() && std::filesystem::file_size(path, ec) > 0)
    {
        throw RtmTopologyError(path,
                               "the ns-3 " + formatName +
                                   " reader found no link in this file (wrong format?)");
    }
    RtmTopology topology = Convert(*reader, path, formatName);
    topology.SetName(std::filesystem::path(path).stem().string());
    return topology;
}

void
RtmTopologyNs3Reader::ReleaseNodeNames(const NodeContainer& nodes)
{
    static uint64_t released = 0;
    for (auto node = nodes.Begin(); node != nodes.End(); ++node)
    {
        const std::string path = Names::FindPath(*node);
        if (path.empty())
        {
            continue; // ns-3 < 3.38: the readers name nothing
        }
        std::string name;
        do
        {
            name = "rtm-ns3-reader-" + std::to_string(++released);
        } while (Names::Find<Object>("/Names/" + name));
        NS_LOG_LOGIC("node " << (*node)->GetId() << ": " << path << " becomes " << name);
        Names::Rename(path, name);
    }
}

RtmTopologyEdge
RtmTopologyNs3Reader::ReadLink(const TopologyReader::Link& link, RtmTopologyReport& report) const
{
    RtmTopologyEdge edge;
    std::string value;
    DataRateValue rate;
    if (link.GetAttributeFailSafe("DataRate", value) &&
        rate.DeserializeFromString(value, MakeDataRateChecker()) && rate.Get().GetBitRate() > 0)
    {
        edge.dataRateBps = rate.Get().GetBitRate();
    }
    else
    {
        edge.dataRateBps = m_defaultRate.GetBitRate();
        ++report.edgesWithDefaultRate;
    }
    TimeValue delay;
    if (link.GetAttributeFailSafe("Delay", value) &&
        delay.DeserializeFromString(value, MakeTimeChecker()) && !delay.Get().IsStrictlyNegative())
    {
        edge.delay = delay.Get();
    }
    else
    {
        edge.delay = m_defaultDelay;
        ++report.edgesWithDefaultDelay;
    }
    double weight = 0;
    if (m_useWeights && link.GetAttributeFailSafe("Weight", value))
    {
        auto r = std::from_chars(value.data(), value.data() + value.size(), weight);
        if (r.ec == std::errc() && r.ptr == value.data() + value.size() && std::isfinite(weight) &&
            weight > 0)
        {
            edge.metric =
                static_cast<uint32_t>(std::min<double>(std::max(1.0, std::round(weight)),
                                                       std::numeric_limits<uint32_t>::max()));
        }
    }
    return edge;
}

RtmTopology
RtmTopologyNs3Reader::Convert(const TopologyReader& reader,
                              const std::string& name,
                              const std::string& format)
{
    NS_LOG_FUNCTION(this << name << format);
    RtmTopologyReport report;
    report.source = name;
    report.format = format;
    RtmTopology topology(name);
    auto vertexOf = [&topology](const std::string& nodeName) -> uint32_t {
        const auto found = topology.FindVertex(nodeName);
        if (found)
        {
            return *found;
        }
        RtmTopologyVertex v;
        v.name = nodeName;
        return topology.AddVertex(v);
    };
    std::map<std::pair<uint32_t, uint32_t>, uint32_t> pairs;
    for (auto link = reader.LinksBegin(); link != reader.LinksEnd(); ++link)
    {
        ++report.inputEdges;
        const uint32_t u = vertexOf(link->GetFromNodeName());
        const uint32_t v = vertexOf(link->GetToNodeName());
        if (u == v)
        {
            ++report.selfLoopsDropped;
            continue;
        }
        const auto key = std::minmax(u, v);
        if (pairs.count(key) != 0)
        {
            ++report.parallelEdges;
            if (m_merge)
            {
                ++report.parallelEdgesMerged;
                continue;
            }
        }
        const RtmTopologyEdge edge = ReadLink(*link, report);
        const uint32_t index = topology.AddEdge(u, v, edge);
        pairs.emplace(key, index);
    }
    report.CountFrom(topology);
    m_report = report;
    return topology;
}

} // namespace ns3
