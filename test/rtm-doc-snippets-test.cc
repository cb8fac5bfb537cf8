/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * The client snippets of doc/rtm.rst ("The C++ API", "The Windows API"), compiled and run: a
 * client's state bound to its change callback, and a dequeue loop that handles every message,
 * the last one (returned with Success / NO_ERROR) included. Keep them in step with the manual.
 */

#include "ns3/node.h"
#include "ns3/routing-table-manager.h"
#include "ns3/rtm-v1-node-scope.h"
#include "ns3/rtm-v1.h"
#include "ns3/simulator.h"

#include <arpa/inet.h> // inet_addr
#include <gtest/gtest.h>
#include <memory>

using namespace ns3;

namespace
{

// ---- doc/rtm.rst, "The C++ API" -----------------------------------------------------------------

struct MyClient // per-client state, one per node and protocol
{
    Ptr<RoutingTableManager> rtm;
    RoutingTableManager::ClientId id = 0;
    uint32_t changes = 0;
};

void
OnChange(MyClient* c)
{
    RtmChange msg;
    RtmError e;
    do
    {
        e = c->rtm->DequeueRouteChange(c->id, &msg);
        if (e == RtmError::Success || e == RtmError::MoreData)
        {
            ++c->changes; // msg.network, msg.flags, msg.previous, msg.current
        }
    } while (e == RtmError::MoreData);
}

// ---- doc/rtm.rst, "The Windows API" -------------------------------------------------------------

struct MyWindowsClient
{
    rtmv1::HANDLE client = NULL;
    rtmv1::DWORD changes = 0;
};

void
OnWindowsChange(MyWindowsClient* c)
{
    using namespace ns3::rtmv1;
    DWORD flags;
    RTM_IP_ROUTE current;
    RTM_IP_ROUTE previous;
    DWORD e;
    do
    {
        e = RtmDequeueRouteChangeMessage(c->client, &flags, &current, &previous);
        if (e == NO_ERROR || e == ERROR_MORE_MESSAGES)
        {
            ++c->changes;
        }
    } while (e == ERROR_MORE_MESSAGES);
}

class RtmDocSnippets : public ::testing::Test
{
  protected:
    void TearDown() override
    {
        Simulator::Destroy();
    }
};

} // namespace

TEST_F(RtmDocSnippets, CppClientCountsEveryMessageIncludingTheLast)
{
    Ptr<Node> node = CreateObject<Node>();
    auto client = std::make_shared<MyClient>();
    client->rtm = RoutingTableManager::ForNode(node);
    client->id = client->rtm->RegisterClient(RtmFamily::Ip,
                                             8 /* PROTO_IP_RIP */,
                                             0,
                                             MakeBoundCallback(&OnChange, client.get()));
    ASSERT_NE(client->id, 0u);
    // another protocol's three new networks: three best-route changes, one signal
    auto other = client->rtm->RegisterClient(RtmFamily::Ip, 3 /* static */, 0, Callback<void>());
    for (uint32_t i = 0; i < 3; ++i)
    {
        client->rtm->AddIpRoute(other,
                                Ipv4Address(0x0a000000 + (i << 16)),
                                Ipv4Mask("255.255.0.0"),
                                Ipv4Address("192.168.0.2"),
                                1,
                                3,
                                Seconds(180));
    }
    Simulator::Stop(Seconds(1)); // before the routes age out (180 s)
    Simulator::Run();
    EXPECT_EQ(client->changes, 3u); // a loop that stops at Success would count 2
}

TEST_F(RtmDocSnippets, WindowsClientCountsEveryMessageIncludingTheLast)
{
    using namespace ns3::rtmv1;
    Ptr<Node> node = CreateObject<Node>();
    auto state = std::make_shared<MyWindowsClient>();
    {
        NodeScope scope(node);
        HANDLE ev = RtmCreateChangeEvent(ns3::MakeBoundCallback(&OnWindowsChange, state.get()));
        state->client = RtmRegisterClient(RTM_PROTOCOL_FAMILY_IP, PROTO_IP_RIP, ev, 0);
        ASSERT_NE(state->client, (HANDLE)NULL);
        HANDLE other = RtmRegisterClient(RTM_PROTOCOL_FAMILY_IP, PROTO_IP_NT_STATIC, NULL, 0);
        for (const char* net : {"10.1.0.0", "10.2.0.0"})
        {
            RTM_IP_ROUTE r = {};
            r.RR_Network.N_NetNumber = inet_addr(net);
            r.RR_Network.N_NetMask = inet_addr("255.255.0.0");
            r.RR_InterfaceID = 1;
            r.RR_FamilySpecificData.FSD_Metric = 1;
            ClearRouteFlags(&r);
            SetRouteValid(&r);
            DWORD flags;
            ASSERT_EQ(RtmAddRoute(other, &r, 180, &flags, NULL, NULL), (DWORD)NO_ERROR);
        }
    }
    Simulator::Stop(Seconds(1)); // before the routes age out (180 s)
    Simulator::Run();
    EXPECT_EQ(state->changes, 2u);
}
