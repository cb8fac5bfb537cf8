/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

/**
 * @file
 * @ingroup rtm-tests
 * libFuzzer harness of the GraphML reader (RtmGraphmlReader::ReadFromString): any input either
 * gives a topology or throws RtmTopologyError whose message starts with the source name; any
 * other exception, a crash or a sanitizer report is a finding. A topology read is checked for
 * the invariants its users rely on (every edge joins two existing, distinct vertices: self-loops
 * are dropped).
 */

#include "ns3/rtm-graphml-reader.h"
#include "ns3/rtm-topology-error.h"
#include "ns3/rtm-topology.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

namespace
{

/**
 * @brief Print a finding and abort, so that libFuzzer saves the input.
 * @param what the finding
 */
[[noreturn]] void
Finding(const std::string& what)
{
    std::fprintf(stderr, "rtm-fuzz-graphml: %s\n", what.c_str());
    std::abort();
}

} // namespace

/**
 * @brief One input: a GraphML document.
 * @param data the bytes
 * @param size their number
 * @return 0
 */
extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace ns3;
    const std::string text(reinterpret_cast<const char*>(data), size);
    const std::string source = "fuzz.graphml";
    for (int metric = 0; metric < 2; ++metric)
    {
        RtmGraphmlReader reader;
        reader.SetMetric(metric == 0 ? RtmGraphmlReader::Metric::Hop
                                     : RtmGraphmlReader::Metric::DistanceKm);
        try
        {
            RtmTopology t = reader.ReadFromString(text, source);
            for (uint32_t e = 0; e < t.GetNEdges(); ++e)
            {
                const uint32_t a = t.GetEdgeSource(e);
                const uint32_t b = t.GetEdgeTarget(e);
                if (a >= t.GetNVertices() || b >= t.GetNVertices() || a == b)
                {
                    Finding("edge " + std::to_string(e) + " joins " + std::to_string(a) + " and " +
                            std::to_string(b) + " of " + std::to_string(t.GetNVertices()) +
                            " vertices");
                }
            }
        }
        catch (const RtmTopologyError& e)
        {
            if (std::string(e.what()).rfind(source, 0) != 0)
            {
                Finding(std::string("error without the source name: ") + e.what());
            }
        }
        catch (const std::exception& e)
        {
            Finding(std::string("an exception other than RtmTopologyError: ") + e.what());
        }
        catch (...)
        {
            Finding("a non-standard exception");
        }
    }
    return 0;
}
