/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef RTM_TEST_UTIL_H
#define RTM_TEST_UTIL_H

/**
 * @file
 * Small helpers shared by the RTMv1 conformance tests: the family constants, route records in
 * network byte order, full-table snapshots and order-insensitive route keys through the Windows
 * API, queue draining, wake-up recorders and the GoogleTest fixture (fresh nodes per test,
 * Simulator::Destroy() in TearDown) with its client, add, delete, ordering and enumeration
 * helpers.
 */

#include "ns3/callback.h"
#include "ns3/config.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/ptr.h"
#include "ns3/routing-table-manager.h"
#include "ns3/rtm-function-callback.h"
#include "ns3/rtm-function-event.h"
#include "ns3/rtm-v1-node-scope.h"
#include "ns3/rtm-v1.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <functional>
#include <gtest/gtest.h>
#include <initializer_list>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace ns3
{
namespace rtmtest
{

using namespace ns3::rtmv1;

/// RTM_PROTOCOL_FAMILY_IP, as the tests write it.
constexpr DWORD IP = RTM_PROTOCOL_FAMILY_IP;

/// RTM_PROTOCOL_FAMILY_IPX, as the tests write it.
constexpr DWORD IPX = RTM_PROTOCOL_FAMILY_IPX;

/**
 * @brief A host-order 32-bit value stored in network byte order inside a DWORD.
 * @param host the value in host order
 * @return the DWORD whose bytes in memory are the big-endian bytes of host
 */
inline DWORD
HostToNet(uint32_t host)
{
    const BYTE bytes[4] = {static_cast<BYTE>(host >> 24),
                           static_cast<BYTE>(host >> 16),
                           static_cast<BYTE>(host >> 8),
                           static_cast<BYTE>(host)};
    DWORD v;
    std::memcpy(&v, bytes, 4);
    return v;
}

/**
 * @brief Inverse of HostToNet.
 * @param net a DWORD in network byte order
 * @return the host-order value
 */
inline uint32_t
NetToHost(DWORD net)
{
    BYTE bytes[4];
    std::memcpy(bytes, &net, 4);
    return (static_cast<uint32_t>(bytes[0]) << 24) | (static_cast<uint32_t>(bytes[1]) << 16) |
           (static_cast<uint32_t>(bytes[2]) << 8) | bytes[3];
}

/**
 * @brief The IPv4 address a.b.c.d as Windows stores it in a DWORD (network byte order).
 * @param a first octet
 * @param b second octet
 * @param c third octet
 * @param d fourth octet
 * @return the DWORD
 */
inline DWORD
Addr(uint8_t a, uint8_t b, uint8_t c, uint8_t d)
{
    return HostToNet((static_cast<uint32_t>(a) << 24) | (static_cast<uint32_t>(b) << 16) |
                     (static_cast<uint32_t>(c) << 8) | d);
}

/**
 * @brief A prefix mask in network byte order.
 * @param prefixLength 0..32
 * @return the mask DWORD
 */
inline DWORD
Mask(unsigned prefixLength)
{
    return HostToNet(prefixLength == 0 ? 0u : (0xFFFFFFFFu << (32 - prefixLength)));
}

/**
 * @brief An IP_NETWORK.
 * @param number network number (network byte order)
 * @param mask mask (network byte order)
 * @return the network
 */
inline IP_NETWORK
IpNet(DWORD number, DWORD mask)
{
    IP_NETWORK n;
    n.N_NetNumber = number;
    n.N_NetMask = mask;
    return n;
}

/**
 * @brief A valid (or invalid) IP route record as a protocol would fill it.
 * @param number network number (network byte order)
 * @param mask mask (network byte order)
 * @param nextHop next hop address (network byte order; 0 for on-link)
 * @param interfaceId RR_InterfaceID
 * @param metric FSD_Metric (also copied to FSD_Metric1, as the docs ask)
 * @param valid whether IP_VALID_ROUTE is set
 * @return the record
 */
inline RTM_IP_ROUTE
IpRoute(DWORD number, DWORD mask, DWORD nextHop, DWORD interfaceId, DWORD metric, bool valid = true)
{
    RTM_IP_ROUTE r;
    std::memset(&r, 0, sizeof(r));
    r.RR_InterfaceID = interfaceId;
    r.RR_Network = IpNet(number, mask);
    r.RR_NextHopAddress = IpNet(nextHop, nextHop == 0 ? 0 : Mask(32));
    r.RR_FamilySpecificData.FSD_Type = nextHop == 0 ? 3 : 4;
    r.RR_FamilySpecificData.FSD_Metric = metric;
    r.RR_FamilySpecificData.FSD_Metric1 = metric;
    ClearRouteFlags(&r);
    if (valid)
    {
        SetRouteValid(&r);
    }
    return r;
}

/**
 * @brief An IPX route record.
 * @param network the IPX network number
 * @param macLast last byte of the next hop's MAC (02:00:00:00:00:xx)
 * @param interfaceId RR_InterfaceID
 * @param ticks FSD_TickCount
 * @param hops FSD_HopCount
 * @return the record
 */
inline RTM_IPX_ROUTE
IpxRoute(DWORD network, BYTE macLast, DWORD interfaceId, USHORT ticks, USHORT hops)
{
    RTM_IPX_ROUTE r;
    std::memset(&r, 0, sizeof(r));
    r.RR_InterfaceID = interfaceId;
    r.RR_Network.N_NetNumber = network;
    const BYTE mac[6] = {0x02, 0x00, 0x00, 0x00, 0x00, macLast};
    std::memcpy(r.RR_NextHopAddress.NHA_Mac, mac, 6);
    r.RR_FamilySpecificData.FSD_Flags = 0;
    r.RR_FamilySpecificData.FSD_TickCount = ticks;
    r.RR_FamilySpecificData.FSD_HopCount = hops;
    return r;
}

/**
 * @param a a route
 * @param b a route
 * @return true if a and b are the same entry (network, protocol, interface, next hop)
 */
inline bool
SameKey(const RTM_IP_ROUTE& a, const RTM_IP_ROUTE& b)
{
    return a.RR_Network.N_NetNumber == b.RR_Network.N_NetNumber &&
           a.RR_Network.N_NetMask == b.RR_Network.N_NetMask &&
           a.RR_RoutingProtocol == b.RR_RoutingProtocol && a.RR_InterfaceID == b.RR_InterfaceID &&
           a.RR_NextHopAddress.N_NetNumber == b.RR_NextHopAddress.N_NetNumber &&
           a.RR_NextHopAddress.N_NetMask == b.RR_NextHopAddress.N_NetMask;
}

/**
 * @param a a route
 * @param b a route
 * @return true if a and b are the same entry (network, protocol, interface, next hop)
 */
inline bool
SameKey(const RTM_IPX_ROUTE& a, const RTM_IPX_ROUTE& b)
{
    return a.RR_Network.N_NetNumber == b.RR_Network.N_NetNumber &&
           a.RR_RoutingProtocol == b.RR_RoutingProtocol && a.RR_InterfaceID == b.RR_InterfaceID &&
           std::memcmp(a.RR_NextHopAddress.NHA_Mac, b.RR_NextHopAddress.NHA_Mac, 6) == 0;
}

/**
 * @param r a route
 * @return a one-line description for failure messages
 */
inline std::string
Describe(const RTM_IP_ROUTE& r)
{
    std::ostringstream os;
    auto dotted = [&os](DWORD v) {
        uint32_t h = NetToHost(v);
        os << (h >> 24) << '.' << ((h >> 16) & 0xFF) << '.' << ((h >> 8) & 0xFF) << '.'
           << (h & 0xFF);
    };
    dotted(r.RR_Network.N_NetNumber);
    os << '/';
    dotted(r.RR_Network.N_NetMask);
    os << " proto " << r.RR_RoutingProtocol << " if " << r.RR_InterfaceID << " nh ";
    dotted(r.RR_NextHopAddress.N_NetNumber);
    os << " metric " << r.RR_FamilySpecificData.FSD_Metric << " prio "
       << r.RR_FamilySpecificData.FSD_Priority << " flags " << r.RR_FamilySpecificData.FSD_Flags;
    return os.str();
}

/**
 * @param r a route
 * @return a one-line description for failure messages
 */
inline std::string
Describe(const RTM_IPX_ROUTE& r)
{
    std::ostringstream os;
    os << "net " << std::hex << r.RR_Network.N_NetNumber << std::dec << " proto "
       << r.RR_RoutingProtocol << " if " << r.RR_InterfaceID << " mac "
       << static_cast<int>(r.RR_NextHopAddress.NHA_Mac[5]) << " ticks "
       << r.RR_FamilySpecificData.FSD_TickCount << " hops " << r.RR_FamilySpecificData.FSD_HopCount;
    return os.str();
}

/**
 * @brief The entry keys (network, next hop, protocol, interface) of routes, for an
 *        order-insensitive comparison of two lists.
 * @param v the routes (RTM_IP_ROUTE or RTM_IPX_ROUTE)
 * @return one Describe() line per route, of the key fields only
 */
template <typename R>
std::multiset<std::string>
Keys(const std::vector<R>& v)
{
    std::multiset<std::string> s;
    for (const auto& r : v)
    {
        R k;
        std::memset(&k, 0, sizeof(k));
        k.RR_Network = r.RR_Network;
        k.RR_NextHopAddress = r.RR_NextHopAddress;
        k.RR_RoutingProtocol = r.RR_RoutingProtocol;
        k.RR_InterfaceID = r.RR_InterfaceID;
        s.insert(Describe(k));
    }
    return s;
}

/// A route, the client that adds it and the protocol the table shows it with.
template <typename R>
struct OwnedRoute
{
    HANDLE client;  //!< the client that adds it
    DWORD protocol; //!< that client's protocol
    R route;        //!< the route
};

/// @return the family constant of a route record type
template <typename R>
constexpr DWORD FamilyOf();

/// @return RTM_PROTOCOL_FAMILY_IP
template <>
constexpr DWORD
FamilyOf<RTM_IP_ROUTE>()
{
    return RTM_PROTOCOL_FAMILY_IP;
}

/// @return RTM_PROTOCOL_FAMILY_IPX
template <>
constexpr DWORD
FamilyOf<RTM_IPX_ROUTE>()
{
    return RTM_PROTOCOL_FAMILY_IPX;
}

/**
 * @brief Every route of the ordered enumeration (RtmGetFirstRoute, then RtmGetNextRoute).
 * @param flags the criteria flags
 * @param criteria the criteria (null: all zero)
 * @param endStatus the status that ended the walk (out, optional)
 * @return the routes in the order returned
 */
template <typename R>
std::vector<R>
Ordered(DWORD flags = 0, const R* criteria = nullptr, DWORD* endStatus = nullptr)
{
    std::vector<R> out;
    R r;
    std::memset(&r, 0, sizeof(r));
    if (criteria)
    {
        r = *criteria;
    }
    DWORD rc = RtmGetFirstRoute(FamilyOf<R>(), flags, &r);
    while (rc == NO_ERROR && out.size() < 100000)
    {
        out.push_back(r);
        rc = RtmGetNextRoute(FamilyOf<R>(), flags, &r);
    }
    if (endStatus)
    {
        *endStatus = rc;
    }
    return out;
}

/**
 * @brief Every route of a handle enumeration, the handle closed afterwards.
 * @param flags the criteria flags
 * @param criteria the criteria (may be null)
 * @param createError GetLastError() after a failed create, NO_ERROR otherwise (out, optional)
 * @return the routes in the order returned
 */
template <typename R>
std::vector<R>
Enumerated(DWORD flags, R* criteria, DWORD* createError = nullptr)
{
    std::vector<R> out;
    HANDLE h = RtmCreateEnumerationHandle(FamilyOf<R>(), flags, criteria);
    if (createError)
    {
        *createError = h ? NO_ERROR : GetLastError();
    }
    if (!h)
    {
        return out;
    }
    R r;
    while (RtmEnumerateGetNextRoute(h, &r) == NO_ERROR && out.size() < 100000)
    {
        out.push_back(r);
    }
    RtmCloseEnumerationHandle(h);
    return out;
}

/**
 * @brief The raw bytes of every route of both tables, in the ordered enumeration.
 * @return a byte string; equal strings mean equal tables
 */
inline std::string
TableBytes()
{
    std::string s;
    for (const auto& r : Ordered<RTM_IP_ROUTE>())
    {
        s.append(reinterpret_cast<const char*>(&r), sizeof(r));
    }
    s.append("|IPX|");
    for (const auto& r : Ordered<RTM_IPX_ROUTE>())
    {
        s.append(reinterpret_cast<const char*>(&r), sizeof(r));
    }
    return s;
}

/// One dequeued route-change message.
template <typename R>
struct Message
{
    DWORD status; //!< return value of RtmDequeueRouteChangeMessage
    DWORD flags;  //!< *Flags
    R cur;        //!< CurBestRoute
    R prev;       //!< PrevBestRoute
};

/**
 * @brief Dequeue until the call stops returning ERROR_MORE_MESSAGES.
 * @param client the client
 * @param endStatus the status of the last call: NO_ERROR after the last message,
 *        ERROR_NO_MESSAGES if the queue was empty, or an error (out, optional)
 * @return the messages dequeued (status ERROR_MORE_MESSAGES or NO_ERROR), oldest first
 */
template <typename R>
std::vector<Message<R>>
Drain(HANDLE client, DWORD* endStatus = nullptr)
{
    std::vector<Message<R>> out;
    DWORD rc;
    do
    {
        Message<R> m;
        std::memset(&m, 0, sizeof(m));
        rc = RtmDequeueRouteChangeMessage(client, &m.flags, &m.cur, &m.prev);
        m.status = rc;
        if (rc == NO_ERROR || rc == ERROR_MORE_MESSAGES)
        {
            out.push_back(m);
        }
    } while (rc == ERROR_MORE_MESSAGES && out.size() < 100000);
    if (endStatus)
    {
        *endStatus = rc;
    }
    return out;
}

/// What a change event's callback saw.
struct Wakeups
{
    int count{0};                   //!< number of wake-ups
    std::vector<Time> times;        //!< simulation time of each
    std::vector<uint32_t> contexts; //!< Simulator::GetContext() in each
    std::function<void()> onWake;   //!< optional extra action
};

/**
 * @brief Create a change event (the node must be bound) that records its wake-ups.
 * @param w the recorder
 * @return the event handle
 */
inline HANDLE
RecordingEvent(const std::shared_ptr<Wakeups>& w)
{
    return RtmCreateChangeEvent(RtmMakeCallback<void>([w]() {
        w->count++;
        w->times.push_back(Simulator::Now());
        w->contexts.push_back(Simulator::GetContext());
        if (w->onWake)
        {
            w->onWake();
        }
    }));
}

/**
 * @brief Fresh nodes per test; Simulator::Destroy() and Config::Reset() afterwards.
 */
class RtmV1Test : public ::testing::Test
{
  protected:
    void SetUp() override
    {
        m_a = CreateObject<Node>();
        m_b = CreateObject<Node>();
    }

    void TearDown() override
    {
        Simulator::Destroy();
        Config::Reset();
        m_a = nullptr;
        m_b = nullptr;
    }

  public:
    /**
     * @brief Run f as an event of a node at an absolute simulation time.
     * @param node the node (its id is the context)
     * @param at the time
     * @param f the code
     */
    static void At(Ptr<Node> node, Time at, std::function<void()> f)
    {
        Simulator::ScheduleWithContext(node->GetId(),
                                       at - Simulator::Now(),
                                       RtmMakeEventPointer([f]() { f(); }));
    }

    /**
     * @param node a node
     * @return its manager (created if needed)
     */
    static Ptr<RoutingTableManager> Rtm(Ptr<Node> node)
    {
        return RoutingTableManager::ForNode(node);
    }

    /**
     * @brief Queue length of a client, read through the C++ API (does not dequeue).
     * @param node the node
     * @param family RTM_PROTOCOL_FAMILY_*
     * @param protocol the protocol id
     * @return the number of queued messages
     */
    static std::size_t QueueLength(Ptr<Node> node, DWORD family, DWORD protocol)
    {
        Ptr<RoutingTableManager> rtm = Rtm(node);
        RtmFamily f = family == RTM_PROTOCOL_FAMILY_IP ? RtmFamily::Ip : RtmFamily::Ipx;
        return rtm->GetQueueLength(rtm->FindClient(f, protocol));
    }

    /// A client for RegisterOn: where its handle goes, its family and protocol, its event.
    struct ClientSpec
    {
        HANDLE* handle; //!< the handle (out)
        DWORD family;   //!< the family
        DWORD protocol; //!< the protocol id
        bool withEvent; //!< give it a recording change event
    };

    /**
     * @brief Register clients on a node, bound for the registrations only (outside any event).
     * @param node the node
     * @param clients the clients, registered in order with Register()
     */
    static void RegisterOn(Ptr<Node> node, std::initializer_list<ClientSpec> clients)
    {
        NodeScope scope(node);
        for (const ClientSpec& c : clients)
        {
            *c.handle = Register(c.family, c.protocol, c.withEvent);
        }
    }

    /**
     * @brief Register a client on the bound node.
     * @param family the family
     * @param protocol the protocol id
     * @param withEvent give it a recording change event
     * @param flags registration flags
     * @param w the recorder of its event (out, optional)
     * @return the handle (the test fails if NULL)
     */
    static HANDLE Register(DWORD family,
                           DWORD protocol,
                           bool withEvent,
                           DWORD flags = 0,
                           std::shared_ptr<Wakeups>* w = nullptr)
    {
        HANDLE ev = nullptr;
        if (withEvent)
        {
            auto rec = std::make_shared<Wakeups>();
            ev = RecordingEvent(rec);
            EXPECT_NE(ev, nullptr);
            if (w)
            {
                *w = rec;
            }
        }
        HANDLE h = RtmRegisterClient(family, protocol, ev, flags);
        EXPECT_NE(h, nullptr) << "register " << family << "/" << protocol << " error "
                              << GetLastError();
        return h;
    }

    /**
     * @brief RtmAddRoute with out-buffers, flags returned.
     * @param client the client
     * @param route the route
     * @param ttl time to live
     * @param cur CurBestRoute (optional)
     * @param prev PrevBestRoute (optional)
     * @param flags *Flags (out, optional)
     * @return the return value
     */
    template <typename R>
    static DWORD Add(HANDLE client,
                     R route,
                     DWORD ttl = INFINITE,
                     DWORD* flags = nullptr,
                     R* cur = nullptr,
                     R* prev = nullptr)
    {
        DWORD f = 0xDEADBEEF;
        DWORD rc = RtmAddRoute(client, &route, ttl, &f, cur, prev);
        if (flags)
        {
            *flags = f;
        }
        return rc;
    }

    /**
     * @brief RtmDeleteRoute.
     * @param client the client
     * @param route the route
     * @param flags *Flags (out, optional)
     * @param cur CurBestRoute (optional)
     * @return the return value
     */
    template <typename R>
    static DWORD Del(HANDLE client, R route, DWORD* flags = nullptr, R* cur = nullptr)
    {
        DWORD f = 0xDEADBEEF;
        DWORD rc = RtmDeleteRoute(client, &route, &f, cur);
        if (flags)
        {
            *flags = f;
        }
        return rc;
    }

    /**
     * @brief Add routes in a scrambled order, then check that the ordered enumeration
     *        (RtmGetFirstRoute, RtmGetNextRoute) returns them in the order listed. Call it
     *        inside ASSERT_NO_FATAL_FAILURE: a failed add or a wrong count ends the test.
     * @param expected the routes, in their expected order
     * @param stride step k adds entry (k * stride + offset) % n: stride and n coprime
     * @param offset the entry of step 0
     */
    template <typename R>
    static void AddScrambledExpectOrdered(const std::vector<OwnedRoute<R>>& expected,
                                          size_t stride,
                                          size_t offset)
    {
        for (size_t k = 0; k < expected.size(); ++k)
        {
            const OwnedRoute<R>& e = expected[(k * stride + offset) % expected.size()];
            ASSERT_EQ(Add(e.client, e.route), NO_ERROR);
        }
        auto got = Ordered<R>();
        ASSERT_EQ(got.size(), expected.size());
        for (size_t i = 0; i < expected.size(); ++i)
        {
            R want = expected[i].route;
            want.RR_RoutingProtocol = expected[i].protocol;
            EXPECT_TRUE(SameKey(got[i], want))
                << "#" << i << " got " << Describe(got[i]) << " want " << Describe(want);
        }
    }

    /**
     * @brief Read an open enumeration handle to its end (RtmEnumerateGetNextRoute until it
     *        fails). Call it inside ASSERT_NO_FATAL_FAILURE: more routes than the limit end the
     *        test.
     * @param h the handle
     * @param limit the most routes the enumeration may return
     * @param got the routes read, appended (out)
     * @param end the status that ended the reading (out)
     */
    template <typename R>
    static void ReadToEnd(HANDLE h, size_t limit, std::vector<R>* got, DWORD* end)
    {
        R r;
        while ((*end = RtmEnumerateGetNextRoute(h, &r)) == NO_ERROR)
        {
            got->push_back(r);
            ASSERT_LE(got->size(), limit);
        }
    }

  protected:
    Ptr<Node> m_a; //!< first node
    Ptr<Node> m_b; //!< second node
};

/// Suite: IP family conformance.
class RtmV1Ip : public RtmV1Test
{
};

/// Suite: IPX family conformance.
class RtmV1Ipx : public RtmV1Test
{
};

/// Suite: notifications and the change event.
class RtmV1Notify : public RtmV1Test
{
};

/// Suite: enumeration (handle-based and ordered).
class RtmV1Enum : public RtmV1Test
{
};

/// Suite: handle validation, node binding, last error.
class RtmV1Handles : public RtmV1Test
{
};

/// Suite: one test per DECISIONS.md item (at least).
class RtmV1Decisions : public RtmV1Test
{
};

} // namespace rtmtest
} // namespace ns3

#endif /* RTM_TEST_UTIL_H */
