/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm example: load an Internet Topology Zoo map, print what the reader found, export it to
 * Graphviz DOT, build it as an ns-3 network and send one UDP echo across its diameter.
 *
 *   rtm-topology-demo [--file=<map.graphml>] [--out=<folder>] [--merge] [--stop=<seconds>]
 *
 * Without --file, Abilene.graphml is looked for in the Topology Zoo samples that ship with the
 * module (data/topology-zoo in the source tree or share/ns3-rtm/data when installed; RTM_DATA_DIR
 * overrides).
 */

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/rtm-data-path.h"
#include "ns3/rtm-graphml-reader.h"
#include "ns3/rtm-topology-error.h"
#include "ns3/rtm-topology-helper.h"
#include "ns3/rtm-topology-oracle.h"

#include <filesystem>
#include <iostream>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("RtmTopologyDemo");

int
main(int argc, char* argv[])
{
    std::string file = RtmDataPath::DefaultZooMap();
    std::string out = "rtm-output/";
    bool merge = false;
    double stop = 3.0;
    CommandLine cmd(__FILE__);
    cmd.AddValue("file", "GraphML map to load (Topology Zoo format)", file);
    cmd.AddValue("out", "folder for the DOT export", out);
    cmd.AddValue("merge", "merge parallel edges instead of keeping them", merge);
    cmd.AddValue("stop", "simulated seconds to run", stop);
    cmd.Parse(argc, argv);

    try
    {
        RtmGraphmlReader reader;
        if (merge)
        {
            reader.SetParallelEdges(RtmGraphmlReader::ParallelEdges::Merge);
        }
        const RtmTopology topology = reader.Read(file);
        std::cout << "== " << topology << "\n" << reader.GetReport();

        const std::string dot =
            (std::filesystem::path(out) / (std::filesystem::path(file).stem().string() + ".dot"))
                .string();
        topology.WriteDotFile(dot);
        std::cout << "== DOT written to " << dot << "\n";

        RtmTopologyHelper network;
        network.Install(topology); // InternetStackHelper's default routing (static + global)
        Ipv4GlobalRoutingHelper::PopulateRoutingTables();

        // Echo from vertex 0 to the vertex farthest from it in hops.
        const RtmTopologyOracle oracle(topology);
        uint32_t far = 0;
        for (uint32_t v = 0; v < topology.GetNVertices(); ++v)
        {
            if (oracle.IsReachable(0, v) && oracle.GetDistance(0, v) > oracle.GetDistance(0, far))
            {
                far = v;
            }
        }
        if (far == 0)
        {
            std::cout << "== nothing reachable from vertex 0; no traffic sent\n";
            Simulator::Stop(Seconds(stop));
            Simulator::Run();
            Simulator::Destroy();
            return 0;
        }
        const Ipv4Address target = network.GetVertexAddress(far);
        std::cout << "== echo from " << topology.GetVertex(0).GetDisplayName() << " to "
                  << topology.GetVertex(far).GetDisplayName() << " (" << target << "), "
                  << oracle.GetDistance(0, far) << " hops\n";

        UdpEchoServerHelper server(9);
        server.Install(network.GetNode(far)).Start(Seconds(0));
        UdpEchoClientHelper client(target, 9);
        client.SetAttribute("MaxPackets", UintegerValue(1));
        ApplicationContainer apps = client.Install(network.GetNode(0));
        apps.Start(Seconds(1));
        uint32_t replies = 0;
        apps.Get(0)->TraceConnectWithoutContext(
            "Rx",
            Callback<void, Ptr<const Packet>>([&replies](Ptr<const Packet>) {
                ++replies;
                std::cout << "== reply after " << (Simulator::Now() - Seconds(1)).As(Time::MS)
                          << "\n";
            }));
        Simulator::Stop(Seconds(stop));
        Simulator::Run();
        Simulator::Destroy();
        std::cout << "== " << replies << " echo repl" << (replies == 1 ? "y" : "ies")
                  << " received\n";
    }
    catch (const RtmTopologyError& e)
    {
        std::cerr << "rtm-topology-demo: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
