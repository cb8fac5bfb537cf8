/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

/**
 * @file
 * @ingroup rtm-tests
 * libFuzzer harness of the scenario reader (RtmScenario::Load) and of RtmScenario::ParseTime.
 * Over four nodes in a line (0-1-2-3, point-to-point links, no IP stack: loading only reads the
 * devices; labels a b c d, one agent control "rip"), an
 * input is loaded as a scenario text: it either loads or throws std::runtime_error whose text
 * starts with "<name>:<line>: "; anything else (another exception, a crash, a sanitizer report
 * such as a signed overflow) is a finding. Every event loaded must lie at or after the present
 * and name nodes that exist. Each input starts from a fresh simulation.
 */

#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/rtm-scenario.h"
#include "ns3/simulator.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <sstream>
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
    std::fprintf(stderr, "rtm-fuzz-scenario: %s\n", what.c_str());
    std::abort();
}

/**
 * @brief Check one word as a time: ParseTime must not misbehave, and a time it accepts is
 * never negative.
 * @param word the word
 */
void
CheckTime(const std::string& word)
{
    ns3::Time t;
    if (ns3::RtmScenario::ParseTime(word, &t) && t.IsStrictlyNegative())
    {
        Finding("ParseTime('" + word + "') gave a negative time");
    }
}

} // namespace

/**
 * @brief One input: a scenario text.
 * @param data the bytes
 * @param size their number
 * @return 0
 */
extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace ns3;
    const std::string text(reinterpret_cast<const char*>(data), size);
    {
        std::istringstream words(text);
        std::string w;
        while (words >> w)
        {
            CheckTime(w);
        }
    }
    {
        NodeContainer nodes;
        nodes.Create(4);
        PointToPointHelper p2p;
        for (uint32_t i = 0; i + 1 < nodes.GetN(); ++i)
        {
            p2p.Install(nodes.Get(i), nodes.Get(i + 1));
        }
        RtmScenario scenario(nodes);
        scenario.SetLabels({"a", "b", "c", "d"});
        scenario.RegisterAgentControl(
            "rip",
            [](Ptr<Node>) {},
            [](Ptr<Node>) {});
        const std::string name = "fuzz.scenario";
        try
        {
            std::istringstream in(text);
            scenario.Load(in, name);
        }
        catch (const std::runtime_error& e)
        {
            const std::string what = e.what();
            if (what.rfind(name + ":", 0) != 0 ||
                what.find(": ", name.size() + 1) == std::string::npos)
            {
                Finding("error without the '<name>:<line>: ' prefix: " + what);
            }
        }
        catch (const std::exception& e)
        {
            Finding(std::string("an exception other than std::runtime_error: ") + e.what());
        }
        catch (...)
        {
            Finding("a non-standard exception");
        }
        for (const RtmScenarioEvent& e : scenario.GetEvents())
        {
            if (e.time.IsStrictlyNegative())
            {
                Finding("an event at a negative time: " + e.description);
            }
            const bool link =
                e.kind == RtmScenarioEvent::LinkDown || e.kind == RtmScenarioEvent::LinkUp;
            if ((e.a >= nodes.GetN() && e.a != RtmScenarioEvent::ALL_NODES) ||
                (link && (e.a >= nodes.GetN() || e.b >= nodes.GetN())))
            {
                Finding("an event names an unknown node: " + e.description);
            }
        }
    }
    Simulator::Destroy();
    return 0;
}
