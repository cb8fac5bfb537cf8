/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#include "rtm-memory-estimate.h"

#include "ns3/log.h"
#include "ns3/rtm-topology.h"

#include <algorithm>
#include <fstream>
#include <iomanip>
#include <sstream>
#include <stdexcept>
#include <sys/resource.h>
#include <vector>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmMemoryEstimate");

namespace
{
/**
 * @param file a /proc file of "Name:  value kB" lines
 * @param name the name, colon included
 * @return the value in bytes, 0 if absent
 */
uint64_t
ReadKb(const char* file, const std::string& name)
{
    std::ifstream in(file);
    std::string line;
    while (std::getline(in, line))
    {
        if (line.compare(0, name.size(), name) == 0)
        {
            std::istringstream is(line.substr(name.size()));
            uint64_t kb = 0;
            is >> kb;
            return kb * 1024;
        }
    }
    return 0;
}
} // namespace

uint64_t
RtmMemoryEstimate::Estimate(uint64_t routers,
                            uint64_t links,
                            uint64_t networks,
                            Routing routing,
                            uint32_t eccentricity)
{
    const uint64_t nets = networks == 0 ? links : networks;
    uint64_t bytes = routers * PER_NODE + links * PER_LINK + routers * nets * PER_ROUTE;
    if (routing == Routing::Global)
    {
        bytes += routers * routers * PER_GLOBAL_PAIR;
    }
    else
    {
        // every router holds an entry per router; the bodies, shared, are one per router and
        // hold two links (point-to-point and stub) per link end; the flooding of the cold start
        const uint64_t flood =
            eccentricity == 0
                ? PER_FLOOD_PAIR_MAX
                : std::min<uint64_t>(PER_FLOOD_PAIR_MAX, PER_FLOOD_PAIR_SPREAD / eccentricity);
        bytes += routers * routers * (PER_LSDB_ENTRY + flood);
        bytes += routers * PER_LSA_BODY + 4 * links * 12;
    }
    return bytes;
}

uint64_t
RtmMemoryEstimate::Estimate(const RtmTopology& topology, Routing routing)
{
    const uint32_t n = topology.GetNVertices();
    uint32_t eccentricity = 0;
    if (n > 0)
    {
        std::vector<uint32_t> hops(n, UINT32_MAX);
        std::vector<uint32_t> frontier{0};
        hops[0] = 0;
        for (std::size_t i = 0; i < frontier.size(); ++i)
        {
            const uint32_t v = frontier[i];
            for (uint32_t w : topology.GetNeighbors(v))
            {
                if (hops[w] == UINT32_MAX)
                {
                    hops[w] = hops[v] + 1;
                    eccentricity = std::max(eccentricity, hops[w]);
                    frontier.push_back(w);
                }
            }
        }
    }
    return Estimate(n, topology.GetNEdges(), 0, routing, eccentricity);
}

uint64_t
RtmMemoryEstimate::GetAvailable()
{
    uint64_t available = ReadKb("/proc/meminfo", "MemAvailable:");
    struct rlimit lim;
    if (getrlimit(RLIMIT_AS, &lim) == 0 && lim.rlim_cur != RLIM_INFINITY)
    {
        const uint64_t size = ReadKb("/proc/self/status", "VmSize:");
        const uint64_t left = lim.rlim_cur > size ? lim.rlim_cur - size : 0;
        available = available == 0 ? left : std::min(available, left);
    }
    return available;
}

std::string
RtmMemoryEstimate::Format(uint64_t bytes)
{
    std::ostringstream os;
    os << std::fixed << std::setprecision(1);
    if (bytes >= (uint64_t{1} << 30))
    {
        os << static_cast<double>(bytes) / (uint64_t{1} << 30) << " GiB";
    }
    else
    {
        os << static_cast<double>(bytes) / (1 << 20) << " MiB";
    }
    return os.str();
}

void
RtmMemoryEstimate::Check(uint64_t need, uint64_t limit, const std::string& what)
{
    const uint64_t have = limit != 0 ? limit : GetAvailable();
    NS_LOG_INFO(what << ": needs about " << Format(need) << ", " << Format(have) << " available");
    if (have != 0 && need > have)
    {
        std::ostringstream os;
        os << what << " needs about " << Format(need) << " of memory, but only " << Format(have)
           << (limit != 0 ? " are allowed (memory limit)"
                          : " are available (MemAvailable, address-space limit)")
           << ": use a smaller topology or a larger machine";
        throw std::runtime_error(os.str());
    }
}

} // namespace ns3
