/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * rtm-interop: a simulated network that talks to a real routing daemon. Routers S0 .. Sn-1 in a
 * line, each with the RTM forwarding plane (RtmHelper) and a routing agent, run in real time
 * (RealtimeSimulatorImpl, real IPv4 and UDP checksums); S0 also has an FdNetDevice on a Linux tap
 * device, so what the agent sends leaves the simulation as Ethernet frames, and what a daemon on
 * the kernel side of the tap (FRR's ripd or ospfd, BIRD) sends comes in. The agent is RIPv2
 * (--agent=rip) or OSPFv2 (--agent=ospf). test/rtm-interop-check.sh runs it in a network
 * namespace against FRR and BIRD 2 (doc/interop.rst).
 *
 *   daemon (kernel side of the tap, e.g. 10.254.0.2/30)
 *     |  tap --tap, S0's address --address (e.g. 10.254.0.1/30)
 *     S0 ------ S1 ------ S2 ------ S3        links --base, --base + 4, ... (/30 each)
 *          link 0    link 1    link 2         link --fail-link fails at --fail-at and comes
 *                                             back at --restore-at
 *
 * Every change of a router's best route is printed as it happens (the RTM's BestRouteChange
 * trace source), and S0's whole table at --print-every and around every event, one line per
 * route, with simulated time stamps (seconds since the start; in real time they follow the wall
 * clock, but no wall-clock time is printed):
 *
 *      3.217 S0 best 10.254.9.0/24 via 10.254.0.2 if 1 metric 2 rip
 *     40.000 event fail S1-S2
 *     41.802 S0 unreachable 10.254.1.4/30
 *     45.000 table S0 10.254.1.0/30 via 0.0.0.0 if 2 metric 1 local
 *
 * The tap is opened here (/dev/net/tun, IFF_TAP | IFF_NO_PI), so it needs CAP_NET_ADMIN; it
 * exists while the example runs. Without --tap the network is simulated only (a smoke test).
 *
 *   ip netns exec NS ./rtm-interop --tap=rtmtap0 --address=10.254.0.1/30 \
 *       --fail-at=40 --restore-at=70 --stop-at=100
 *   ip netns exec NS ./rtm-interop --agent=ospf --hello=2 --dead=8 --tap=rtmtap0 ...
 */

#include "ns3/core-module.h"
#include "ns3/fd-net-device-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/routing-table-manager.h"
#include "ns3/rtm-function-event.h"
#include "ns3/rtm-helper.h"
#include "ns3/rtm-ospf-agent.h"
#include "ns3/rtm-ospf-helper.h"
#include "ns3/rtm-rip-agent.h"
#include "ns3/rtm-rip-helper.h"
#include "ns3/rtm-static-agent.h"
#include "ns3/rtm-topology-helper.h"
#include "ns3/rtm-topology.h"
#include "ns3/rtm-v1.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <iomanip>
#include <iostream>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <map>
#include <sstream>
#include <string>
#include <sys/ioctl.h>
#include <unistd.h>
#include <vector>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("RtmInterop");

namespace
{

/**
 * @brief Open (create) a tap device.
 * @param name the device name (at most IFNAMSIZ - 1 characters)
 * @param error why not, when -1 is returned (out)
 * @return the file descriptor, or -1
 */
int
OpenTap(const std::string& name, std::string* error)
{
    if (name.size() >= IFNAMSIZ)
    {
        *error = "tap name longer than " + std::to_string(IFNAMSIZ - 1) + " characters";
        return -1;
    }
    int fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC);
    if (fd < 0)
    {
        *error = std::string("cannot open /dev/net/tun: ") + std::strerror(errno);
        return -1;
    }
    struct ifreq ifr;
    std::memset(&ifr, 0, sizeof(ifr));
    ifr.ifr_flags = IFF_TAP | IFF_NO_PI; // Ethernet frames, no packet-information header
    std::strncpy(ifr.ifr_name, name.c_str(), IFNAMSIZ - 1);
    if (ioctl(fd, TUNSETIFF, &ifr) < 0)
    {
        *error = "TUNSETIFF " + name + ": " + std::strerror(errno) +
                 " (root, or CAP_NET_ADMIN, is needed)";
        close(fd);
        return -1;
    }
    return fd;
}

/**
 * @param protocol an RTM protocol id
 * @return a short name for it
 */
std::string
ProtocolName(uint32_t protocol)
{
    switch (protocol)
    {
    case RtmConnectedAgent::PROTOCOL:
        return "local";
    case RtmRipAgent::PROTOCOL:
        return "rip";
    case rtmv1::PROTO_IP_OSPF:
        return "ospf";
    case RtmStaticAgent::PROTOCOL:
        return "static";
    default:
        return "proto-" + std::to_string(protocol);
    }
}

/**
 * @param seconds a simulation time
 * @return it as the time stamp that starts every printed line
 */
std::string
Stamp(Time seconds)
{
    std::ostringstream os;
    os << std::fixed << std::setprecision(3) << std::setw(9) << seconds.GetSeconds();
    return os.str();
}

/**
 * @param r an IP route
 * @return "network via next-hop if interface metric m protocol"
 */
std::string
RouteText(const RtmRoute& r)
{
    std::ostringstream os;
    os << RtmRoute::KeyToString(r.network) << " via " << r.GetIpNextHop() << " if "
       << r.interface << " metric " << r.GetIpMetric() << " " << ProtocolName(r.protocol);
    return os.str();
}

/**
 * @brief The best routes of every router, as the BestRouteChange trace source tells them, and
 * their printing.
 */
class RouteWatcher
{
  public:
    /**
     * @brief Follow the best routes of a router.
     * @param name the router's name (S0, S1, ...)
     * @param node its node (with the RTM installed)
     */
    void Watch(const std::string& name, Ptr<Node> node)
    {
        const size_t index = m_best.size();
        m_names.push_back(name);
        m_best.emplace_back();
        // what the table holds already (the connected routes, added at install)
        Ptr<RoutingTableManager> rtm = node->GetObject<RoutingTableManager>();
        std::vector<uint64_t> networks;
        rtm->ForEachRoute(RtmFamily::Ip,
                          [&networks](const RtmRoute& r) { networks.push_back(r.network); });
        for (uint64_t network : networks)
        {
            RtmRoute best;
            if (rtm->IsRoute(RtmFamily::Ip, network, &best))
            {
                m_best.back()[network] = best;
            }
        }
        rtm->TraceConnectWithoutContext(
            "BestRouteChange",
            Callback<void, const RtmChange&>(
                [this, index](const RtmChange& c) { Changed(index, c); }));
    }

    /**
     * @brief Print every best route of a router, one "table" line each.
     * @param index the router's index (the order of Watch calls)
     */
    void PrintTable(size_t index) const
    {
        const std::string stamp = Stamp(Simulator::Now());
        std::cout << stamp << " table " << m_names[index] << " begin\n";
        for (const auto& [network, route] : m_best[index])
        {
            std::cout << stamp << " table " << m_names[index] << " " << RouteText(route) << "\n";
        }
        std::cout << stamp << " table " << m_names[index] << " end" << std::endl;
    }

  private:
    /**
     * @brief A best-route change at a router: remember and print it.
     * @param index the router
     * @param change the change
     */
    void Changed(size_t index, const RtmChange& change)
    {
        if (change.family != RtmFamily::Ip)
        {
            return;
        }
        std::cout << Stamp(Simulator::Now()) << " " << m_names[index];
        if (change.flags & RtmChange::CURRENT)
        {
            m_best[index][change.network] = change.current;
            std::cout << " best " << RouteText(change.current);
        }
        else
        {
            m_best[index].erase(change.network);
            std::cout << " unreachable " << RtmRoute::KeyToString(change.network);
        }
        std::cout << std::endl;
    }

    std::vector<std::string> m_names;                 //!< router names
    std::vector<std::map<uint64_t, RtmRoute>> m_best; //!< per router: network -> best route
};

/**
 * @brief Parse "a.b.c.d/len".
 * @param text the text
 * @param address the address (out)
 * @param mask the mask (out)
 * @return false if the text is not an address with a prefix length of 1 to 30
 */
bool
ParsePrefix(const std::string& text, Ipv4Address* address, Ipv4Mask* mask)
{
    const size_t slash = text.find('/');
    if (slash == std::string::npos)
    {
        return false;
    }
    const std::string host = text.substr(0, slash);
    const std::string length = text.substr(slash + 1);
    if (host.empty() || length.empty() || length.size() > 2 ||
        length.find_first_not_of("0123456789") != std::string::npos)
    {
        return false;
    }
    const int bits = std::stoi(length);
    if (bits < 1 || bits > 30 || host.find_first_not_of("0123456789.") != std::string::npos)
    {
        return false;
    }
    *address = Ipv4Address(host.c_str());
    *mask = Ipv4Mask(("/" + length).c_str());
    return true;
}

/**
 * @brief Print an OSPF agent's packet counters, its drops by reason and its neighbours.
 * @param o the agent
 */
void
PrintOspfCounters(Ptr<RtmOspfAgent> o)
{
    const RtmOspfAgent::Stats& s = o->GetStats();
    std::cout << "router-id " << o->GetRouterId() << " sent " << s.txPackets << " received "
              << s.rxPackets << " dropped " << o->GetDropCount() << " lsas "
              << o->GetLsdb().GetSize() << " installed " << s.lsasInstalled;
    for (uint32_t r = 0; r < static_cast<uint32_t>(RtmOspfDropReason::Count); ++r)
    {
        const auto reason = static_cast<RtmOspfDropReason>(r);
        if (o->GetDropCount(reason) > 0)
        {
            std::cout << " drop-" << reason << " " << o->GetDropCount(reason);
        }
    }
    for (const RtmOspfAgent::NeighborInfo& n : o->GetNeighbors())
    {
        std::cout << " neighbour " << n.routerId << "@" << n.interface << " " << n.state;
    }
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string agent = "rip";
    std::string tap;
    std::string address = "10.254.0.1/30";
    std::string base = "10.254.1.0";
    uint32_t routers = 4;
    uint32_t failLink = 1;
    double failAt = -1;
    double restoreAt = -1;
    double stopAt = 60;
    double printEvery = 0;
    double update = 5;
    double timeout = 15;
    double garbage = 10;
    double minTriggered = 0.2;
    double maxTriggered = 1;
    double hello = 10;
    double dead = 40;
    double minLsInterval = 2;
    double retransmit = 5;

    CommandLine cmd(__FILE__);
    cmd.AddValue("agent", "the routing agent: rip or ospf", agent);
    cmd.AddValue("tap",
                 "name of the tap device to create for S0 (empty: no tap, simulated only)",
                 tap);
    cmd.AddValue("address", "S0's address on the tap link, a.b.c.d/len", address);
    cmd.AddValue("base", "the first /30 of the simulated links", base);
    cmd.AddValue("routers", "number of routers in the line (2 or more)", routers);
    cmd.AddValue("fail-link", "the link that fails: k joins Sk and Sk+1", failLink);
    cmd.AddValue("fail-at", "when the link fails, in seconds (negative: never)", failAt);
    cmd.AddValue("restore-at", "when it comes back, in seconds (negative: never)", restoreAt);
    cmd.AddValue("stop-at", "end of the run, in seconds", stopAt);
    cmd.AddValue("print-every",
                 "print S0's table this often, in seconds (0: only at events)",
                 printEvery);
    cmd.AddValue("update", "RIP: period of the unsolicited updates, in seconds", update);
    cmd.AddValue("timeout", "RIP: route timeout, in seconds", timeout);
    cmd.AddValue("garbage", "RIP: garbage-collection delay, in seconds", garbage);
    cmd.AddValue("min-triggered", "RIP: smallest triggered-update delay, in seconds", minTriggered);
    cmd.AddValue("max-triggered", "RIP: largest triggered-update delay, in seconds", maxTriggered);
    cmd.AddValue("hello", "OSPF: HelloInterval, in whole seconds", hello);
    cmd.AddValue("dead", "OSPF: RouterDeadInterval, in whole seconds", dead);
    cmd.AddValue("min-ls-interval",
                 "OSPF: MinLsInterval, in seconds (above the daemon's MinLSArrival, 1 s)",
                 minLsInterval);
    cmd.AddValue("retransmit", "OSPF: RetransmitInterval, in seconds", retransmit);
    cmd.Parse(argc, argv);

    if (agent != "rip" && agent != "ospf")
    {
        std::cerr << "--agent must be rip or ospf\n";
        return 1;
    }
    if (routers < 2 || failLink + 1 >= routers)
    {
        std::cerr << "--routers must be at least 2 and --fail-link below routers - 1\n";
        return 1;
    }
    Ipv4Address tapAddress;
    Ipv4Mask tapMask;
    if (!ParsePrefix(address, &tapAddress, &tapMask))
    {
        std::cerr << "--address must be a.b.c.d/len with len 1..30\n";
        return 1;
    }

    // Real time, so that the daemon's timers and ours run at the same pace, and real checksums,
    // which the kernel checks.
    GlobalValue::Bind("SimulatorImplementationType", StringValue("ns3::RealtimeSimulatorImpl"));
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));

    int fd = -1;
    if (!tap.empty())
    {
        std::string error;
        fd = OpenTap(tap, &error);
        if (fd < 0)
        {
            std::cerr << "rtm-interop: " << error << "\n";
            return 2;
        }
    }

    // S0 - S1 - ... - Sn-1; edge k joins Sk and Sk+1
    RtmTopology t("interop-line");
    for (uint32_t v = 0; v < routers; ++v)
    {
        RtmTopologyVertex vertex;
        vertex.name = "S" + std::to_string(v);
        t.AddVertex(vertex);
    }
    for (uint32_t v = 0; v + 1 < routers; ++v)
    {
        t.AddEdge(v, v + 1);
    }
    RtmTopologyHelper th;
    th.SetBaseAddress(Ipv4Address(base.c_str()));
    RtmHelper rtm;
    th.Install(t, rtm);

    // S0's tap link, added before the agents start so that they run on it too
    Ptr<Node> s0 = th.GetNode(0);
    uint32_t tapInterface = 0;
    if (fd >= 0)
    {
        FdNetDeviceHelper fdHelper;
        Ptr<FdNetDevice> device = DynamicCast<FdNetDevice>(fdHelper.Install(s0).Get(0));
        device->SetFileDescriptor(fd);
        device->SetIsMulticast(true);
        Ptr<Ipv4> ipv4 = s0->GetObject<Ipv4>();
        tapInterface = ipv4->AddInterface(device);
        ipv4->AddAddress(tapInterface, Ipv4InterfaceAddress(tapAddress, tapMask));
        ipv4->SetMetric(tapInterface, 1);
        ipv4->SetUp(tapInterface);
    }

    NodeContainer all = th.GetNodes();
    std::vector<Ptr<RtmAgent>> agents;
    if (agent == "rip")
    {
        RtmRipHelper rip;
        rip.Set("UnsolicitedRoutingUpdate", TimeValue(Seconds(update)));
        rip.Set("PeriodicJitter", TimeValue(Seconds(update / 10)));
        rip.Set("TimeoutDelay", TimeValue(Seconds(timeout)));
        rip.Set("GarbageCollectionDelay", TimeValue(Seconds(garbage)));
        rip.Set("MinTriggeredUpdateDelay", TimeValue(Seconds(minTriggered)));
        rip.Set("MaxTriggeredUpdateDelay", TimeValue(Seconds(maxTriggered)));
        for (const Ptr<RtmRipAgent>& a : rip.Install(all))
        {
            agents.push_back(a);
        }
    }
    else
    {
        RtmOspfHelper ospf;
        ospf.Set("HelloInterval", TimeValue(Seconds(hello)));
        ospf.Set("RouterDeadInterval", TimeValue(Seconds(dead)));
        // A daemon discards (without an ack) an instance that arrives less than MinLSArrival
        // (1 s, RFC 2328 B) after the one before, and has it again only at the retransmission
        // RetransmitInterval later; the agent's default MinLsInterval (1 s) is that close.
        ospf.Set("MinLsInterval", TimeValue(Seconds(minLsInterval)));
        ospf.Set("RetransmitInterval", TimeValue(Seconds(retransmit)));
        for (const Ptr<RtmOspfAgent>& a : ospf.Install(all))
        {
            agents.push_back(a);
        }
    }

    RouteWatcher watcher;
    for (uint32_t v = 0; v < routers; ++v)
    {
        watcher.Watch("S" + std::to_string(v), th.GetNode(v));
    }

    std::cout << std::unitbuf;
    std::cout << "# rtm-interop: " << routers << " routers S0..S" << routers - 1
              << " in a line, agent " << agent << ", real time\n";
    if (fd >= 0)
    {
        std::cout << "# tap " << tap << ": S0 " << address << ", interface " << tapInterface
                  << "\n";
    }
    for (uint32_t e = 0; e + 1 < routers; ++e)
    {
        std::cout << "# link " << e << " S" << e << "-S" << e + 1 << " " << th.GetNetwork(e)
                  << "/30 (S" << e << " " << th.GetAddress(e, 0) << ", S" << e + 1 << " "
                  << th.GetAddress(e, 1) << ")\n";
    }
    const std::string failName =
        "S" + std::to_string(failLink) + "-S" + std::to_string(failLink + 1);

    auto setLink = [&th, &watcher, failLink, failName](bool up) {
        std::cout << Stamp(Simulator::Now()) << " event " << (up ? "restore " : "fail ") << failName
                  << std::endl;
        watcher.PrintTable(0);
        for (uint32_t end = 0; end < 2; ++end)
        {
            Ptr<Ipv4> ipv4 = th.GetNode(failLink + end)->GetObject<Ipv4>();
            if (up)
            {
                ipv4->SetUp(th.GetInterface(failLink, end));
            }
            else
            {
                ipv4->SetDown(th.GetInterface(failLink, end));
            }
        }
    };
    if (failAt >= 0)
    {
        Simulator::Schedule(Seconds(failAt), RtmMakeEvent([setLink]() { setLink(false); }));
    }
    if (restoreAt >= 0)
    {
        Simulator::Schedule(Seconds(restoreAt), RtmMakeEvent([setLink]() { setLink(true); }));
    }
    if (printEvery > 0)
    {
        for (double at = printEvery; at < stopAt; at += printEvery)
        {
            Simulator::Schedule(Seconds(at), &RouteWatcher::PrintTable, &watcher, 0);
        }
    }
    Simulator::Schedule(Seconds(stopAt), RtmMakeEvent([&watcher]() {
                            std::cout << Stamp(Simulator::Now()) << " event stop" << std::endl;
                            watcher.PrintTable(0);
                        }));
    Simulator::Stop(Seconds(stopAt) + MilliSeconds(1));
    Simulator::Run();

    for (uint32_t v = 0; v < agents.size(); ++v)
    {
        std::cout << "# S" << v << ": " << agents[v]->GetProtocolName() << " ";
        if (Ptr<RtmRipAgent> r = DynamicCast<RtmRipAgent>(agents[v]))
        {
            std::cout << "sent " << r->GetSentPackets() << " received " << r->GetReceivedPackets()
                      << " dropped " << r->GetDroppedPackets();
        }
        else if (Ptr<RtmOspfAgent> o = DynamicCast<RtmOspfAgent>(agents[v]))
        {
            PrintOspfCounters(o);
        }
        std::cout << "\n";
    }
    Simulator::Destroy();
    return 0;
}
