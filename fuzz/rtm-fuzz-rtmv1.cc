/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

/**
 * @file
 * @ingroup rtm-tests
 * libFuzzer harness of the RTMv1 facade (ns3::rtmv1): the input bytes are decoded into a
 * sequence of calls (register and deregister clients, add and delete routes, dequeue changes,
 * block operations, ordered walks, snapshot enumerations, IsRoute, network counts, lookups,
 * route ages) with valid, stale, foreign and forged handles, wild flags, families, protocols,
 * networks and time-to-live values, and null pointers where the API allows them (never an invalid
 * non-null pointer). After every call the facade is compared with the reference model of
 * test/rtm-reference-model.h (the one test/rtm-randomized-test.cc uses): return codes and
 * GetLastError, the change results, the published changes, every client's queue and signal count,
 * the whole table in order, network counts and IsRoute of every network. Simulated time passes
 * between calls so that routes age out; the model accepts any serial order of the per-route
 * steps of a block operation, a deregistration or aging (RtmReferenceModel::ApplyBatch). Any
 * disagreement aborts, so that libFuzzer keeps the input.
 */

#include "rtm-reference-model.h"

#include "ns3/node.h"
#include "ns3/routing-table-manager.h"
#include "ns3/rtm-v1.h"
#include "ns3/simulator.h"

#include <arpa/inet.h>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fuzzer/FuzzedDataProvider.h>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace
{

using namespace ns3;
using rtmref::OrderLess;
using rtmref::RefTable;
using rtmref::RtmReferenceModel;
using rtmref::SameChange;
using rtmref::ToString;

/// A route record of either family.
union Win {
    rtmv1::RTM_IP_ROUTE ip;   //!< IP
    rtmv1::RTM_IPX_ROUTE ipx; //!< IPX
};

/**
 * @param f the family
 * @param r a route
 * @return its Windows record
 */
Win
ToWin(RtmFamily f, const RtmRoute& r)
{
    Win w;
    std::memset(&w, 0, sizeof(w));
    if (f == RtmFamily::Ip)
    {
        rtmv1::RTM_IP_ROUTE& x = w.ip;
        x.RR_TimeStamp.dwLowDateTime = static_cast<uint32_t>(r.timeStamp);
        x.RR_TimeStamp.dwHighDateTime =
            static_cast<uint32_t>(static_cast<uint64_t>(r.timeStamp) >> 32);
        x.RR_RoutingProtocol = r.protocol;
        x.RR_InterfaceID = r.interface;
        std::memcpy(x.RR_ProtocolSpecificData.PSD_Data, r.protocolData.data(), 16);
        x.RR_Network.N_NetNumber = htonl(RtmRoute::KeyAddress(r.network));
        x.RR_Network.N_NetMask = htonl(static_cast<uint32_t>(r.network));
        x.RR_NextHopAddress.N_NetNumber = htonl(RtmRoute::KeyAddress(r.nextHop));
        x.RR_NextHopAddress.N_NetMask = htonl(static_cast<uint32_t>(r.nextHop));
        static_assert(sizeof(x.RR_FamilySpecificData) == 11 * 4, "IP_SPECIFIC_DATA is 11 DWORDs");
        std::memcpy(&x.RR_FamilySpecificData, r.familyData.data(), 11 * 4);
    }
    else
    {
        rtmv1::RTM_IPX_ROUTE& x = w.ipx;
        x.RR_TimeStamp.dwLowDateTime = static_cast<uint32_t>(r.timeStamp);
        x.RR_TimeStamp.dwHighDateTime =
            static_cast<uint32_t>(static_cast<uint64_t>(r.timeStamp) >> 32);
        x.RR_RoutingProtocol = r.protocol;
        x.RR_InterfaceID = r.interface;
        std::memcpy(x.RR_ProtocolSpecificData.PSD_Data, r.protocolData.data(), 16);
        x.RR_Network.N_NetNumber = static_cast<uint32_t>(r.network);
        for (int i = 0; i < 6; ++i)
        {
            x.RR_NextHopAddress.NHA_Mac[i] = static_cast<uint8_t>(r.nextHop >> (8 * (5 - i)));
        }
        x.RR_FamilySpecificData.FSD_Flags = r.familyData[0];
        x.RR_FamilySpecificData.FSD_TickCount = static_cast<uint16_t>(r.familyData[1]);
        x.RR_FamilySpecificData.FSD_HopCount = static_cast<uint16_t>(r.familyData[1] >> 16);
    }
    return w;
}

/**
 * @param f the family
 * @param w a Windows record
 * @return the route it holds (TTL and enabled state are not in the record: INFINITE, enabled)
 */
RtmRoute
FromWin(RtmFamily f, const Win& w)
{
    RtmRoute r;
    if (f == RtmFamily::Ip)
    {
        const rtmv1::RTM_IP_ROUTE& x = w.ip;
        r.timeStamp =
            static_cast<int64_t>((static_cast<uint64_t>(x.RR_TimeStamp.dwHighDateTime) << 32) |
                                 x.RR_TimeStamp.dwLowDateTime);
        r.protocol = x.RR_RoutingProtocol;
        r.interface = x.RR_InterfaceID;
        std::memcpy(r.protocolData.data(), x.RR_ProtocolSpecificData.PSD_Data, 16);
        r.network = RtmRoute::IpKey(ntohl(x.RR_Network.N_NetNumber), ntohl(x.RR_Network.N_NetMask));
        r.nextHop = RtmRoute::IpKey(ntohl(x.RR_NextHopAddress.N_NetNumber),
                                    ntohl(x.RR_NextHopAddress.N_NetMask));
        std::memcpy(r.familyData.data(), &x.RR_FamilySpecificData, 11 * 4);
    }
    else
    {
        const rtmv1::RTM_IPX_ROUTE& x = w.ipx;
        r.timeStamp =
            static_cast<int64_t>((static_cast<uint64_t>(x.RR_TimeStamp.dwHighDateTime) << 32) |
                                 x.RR_TimeStamp.dwLowDateTime);
        r.protocol = x.RR_RoutingProtocol;
        r.interface = x.RR_InterfaceID;
        std::memcpy(r.protocolData.data(), x.RR_ProtocolSpecificData.PSD_Data, 16);
        r.network = x.RR_Network.N_NetNumber;
        r.nextHop = 0;
        for (int i = 0; i < 6; ++i)
        {
            r.nextHop = (r.nextHop << 8) | x.RR_NextHopAddress.NHA_Mac[i];
        }
        r.familyData[0] = x.RR_FamilySpecificData.FSD_Flags;
        r.familyData[1] = static_cast<uint32_t>(x.RR_FamilySpecificData.FSD_TickCount) |
                          (static_cast<uint32_t>(x.RR_FamilySpecificData.FSD_HopCount) << 16);
    }
    return r;
}

/**
 * @param r a route of the model
 * @return what of it the facade shows
 */
RtmRoute
Visible(const RtmRoute& r)
{
    RtmRoute v = r;
    v.ttlMs = RtmRoute::INFINITE_TTL;
    v.enabled = true;
    return v;
}

/**
 * @param c a change of the model
 * @return what of it the facade shows
 */
RtmChange
Visible(const RtmChange& c)
{
    RtmChange v = c;
    v.current = Visible(c.current);
    v.previous = Visible(c.previous);
    return v;
}

/// @return a record that no correct call leaves as it is
Win
Poison()
{
    Win w;
    std::memset(&w, 0xA5, sizeof(w));
    return w;
}

/**
 * @param h a handle
 * @return its token
 */
uint64_t
Token(rtmv1::HANDLE h)
{
    return static_cast<uint64_t>(reinterpret_cast<uintptr_t>(h));
}

/**
 * @param t a token
 * @return the handle
 */
rtmv1::HANDLE
Handle(uint64_t t)
{
    return reinterpret_cast<rtmv1::HANDLE>(static_cast<uintptr_t>(t));
}

/// An open snapshot enumeration.
struct OpenEnum
{
    uint64_t id;                 //!< handle
    RtmFamily family;            //!< family
    uint32_t flags;              //!< criteria flags
    RtmRoute criteria;           //!< criteria
    std::set<uint64_t> snapshot; //!< model entries when it was created
    std::set<uint64_t> stable;   //!< entries alive and matching ever since
    std::set<uint64_t> returned; //!< entries returned so far
};

/// One fuzzed call sequence against the facade of one node and the model.
class Harness
{
  public:
    /**
     * @param data the input
     * @param size its size
     */
    Harness(const uint8_t* data, size_t size)
        : m_in(data, size)
    {
        m_node = CreateObject<Node>();
        m_rtm = RoutingTableManager::ForNode(m_node);
        m_rtm->TraceConnectWithoutContext("BestRouteChange",
                                          MakeCallback(&Harness::OnChange, this));
        // a second node whose handles must mean nothing here (DECISIONS 7)
        m_otherNode = CreateObject<Node>();
        Ptr<RoutingTableManager> other = RoutingTableManager::ForNode(m_otherNode);
        m_foreign.push_back(other->RegisterClient(RtmFamily::Ip, 8, 0, Callback<void>()));
        m_foreign.push_back(other->RegisterClient(RtmFamily::Ipx, 0x20000, 0, Callback<void>()));
        m_foreign.push_back(other->CreateEnumeration(RtmFamily::Ip, 0, RtmRoute()));
        const uint32_t levels[] = {1, 5, 5, 120, 200};
        for (uint32_t p : kIpProtocols)
        {
            uint32_t prio = levels[m_in.ConsumeIntegralInRange<uint32_t>(0, 4)];
            m_rtm->SetProtocolPriority(p, prio);
            m_model.SetPriority(p, prio);
        }
    }

    /// Run the calls, each in an event of the node at its own time.
    void Run()
    {
        int64_t tick = 1;
        for (uint32_t i = 0; i < 400 && m_in.remaining_bytes() > 0; ++i)
        {
            // Steps of whole quarter seconds plus one tick: a time stamp plus a TTL of whole
            // seconds never coincides with a later call (the order would be open).
            tick += 1 + 2500000LL * m_in.ConsumeIntegralInRange<int64_t>(0, 5);
            RunAt(tick, true);
        }
        // every finite TTL the fuzzer can reach runs out (3 s), then a last check
        RunAt(tick + 40000001, false);
        m_rtm->TraceDisconnectWithoutContext("BestRouteChange",
                                             MakeCallback(&Harness::OnChange, this));
    }

  private:
    static constexpr uint32_t kIpProtocols[] = {2, 8, 13, 10006}; //!< IP protocol pool
    static constexpr uint32_t kIpxProtocols[] = {1, 2, 0x20000};  //!< IPX protocol pool

    [[noreturn]] void Fail(const std::string& what)
    {
        std::fprintf(stderr,
                     "rtm-fuzz-rtmv1: t=%lld: %s\nrecent calls:\n",
                     static_cast<long long>(RoutingTableManager::NowTicks()),
                     what.c_str());
        for (const std::string& s : m_log)
        {
            std::fprintf(stderr, "  %s\n", s.c_str());
        }
        std::abort();
    }

    void Check(bool ok, const std::function<std::string()>& what)
    {
        if (!ok)
        {
            Fail(what());
        }
    }

    void Log(const std::string& s)
    {
        m_log.push_back(s);
        if (m_log.size() > 30)
        {
            m_log.pop_front();
        }
    }

    static std::string Err(uint32_t e)
    {
        return std::to_string(e);
    }

    void OnChange(const RtmChange& c)
    {
        m_trace.push_back(RtmReferenceModel::Observed{RoutingTableManager::NowTicks(), c});
    }

    void RunAt(int64_t tick, bool withCall)
    {
        Time delay = NanoSeconds(tick * 100) - Simulator::Now();
        Simulator::ScheduleWithContext(m_node->GetId(), delay, &Harness::Step, this, withCall);
        Simulator::Stop(delay);
        Simulator::Run();
    }

    std::vector<RtmReferenceModel::Observed> TakeTrace(RtmFamily f) const
    {
        std::vector<RtmReferenceModel::Observed> out;
        for (const auto& o : m_trace)
        {
            if (o.change.family == f)
            {
                out.push_back(o);
            }
        }
        return out;
    }

    std::vector<RtmRoute> ImplNetwork(RtmFamily f, uint64_t network) const
    {
        const RtmTable& t = m_rtm->GetTable(f);
        std::vector<RtmTable::Ref> refs;
        RtmRoute crit;
        crit.network = network;
        t.Collect(RtmTable::ONLY_THIS_NETWORK, crit, &refs);
        std::vector<RtmRoute> out;
        for (const RtmTable::Ref& ref : refs)
        {
            RtmRoute r;
            t.Get(ref, &r);
            out.push_back(r);
        }
        std::sort(out.begin(), out.end(), OrderLess);
        return out;
    }

    void Batch(RtmFamily f,
               const std::vector<RtmReferenceModel::Step>& steps,
               const std::string& what)
    {
        std::map<uint64_t, std::vector<RtmRoute>> actual;
        for (const RtmReferenceModel::Step& s : steps)
        {
            if (actual.count(s.network) == 0)
            {
                actual[s.network] = ImplNetwork(f, s.network);
            }
        }
        std::string why;
        if (!m_model.ApplyBatch(f, steps, TakeTrace(f), actual, &why))
        {
            Fail(what + ": " + why);
        }
    }

    void Step(bool withCall)
    {
        int64_t now = RoutingTableManager::NowTicks();
        for (RtmFamily f : {RtmFamily::Ip, RtmFamily::Ipx})
        {
            std::vector<RtmReferenceModel::Step> aged = m_model.PlanAging(f, now);
            if (!aged.empty() || !TakeTrace(f).empty())
            {
                Batch(f, aged, "aging");
            }
        }
        m_trace.clear();
        CheckSignals();
        if (withCall)
        {
            Call();
        }
        CheckAll();
        m_trace.clear();
    }

    // ---- decoding ---------------------------------------------------------------------------

    uint32_t Pick(uint32_t n)
    {
        return m_in.ConsumeIntegralInRange<uint32_t>(0, n - 1);
    }

    RtmFamily Family()
    {
        return m_in.ConsumeBool() ? RtmFamily::Ip : RtmFamily::Ipx;
    }

    /**
     * @brief A family number: usually the family's, sometimes anything.
     * @param f the family (out: the one a valid wild number names)
     * @return the number
     */
    uint32_t FamilyNumber(RtmFamily* f)
    {
        uint32_t n = Pick(16) == 0 ? m_in.ConsumeIntegral<uint32_t>() : static_cast<uint32_t>(*f);
        if (n <= 1)
        {
            *f = static_cast<RtmFamily>(n);
        }
        return n;
    }

    /// A client handle: live, deregistered, of another node, forged or null.
    uint64_t Client()
    {
        const auto& clients = m_model.GetClients();
        switch (Pick(8))
        {
        case 0:
            return m_dead.empty() ? 0 : m_dead[Pick(static_cast<uint32_t>(m_dead.size()))];
        case 1:
            return m_foreign[Pick(static_cast<uint32_t>(m_foreign.size()))];
        case 2:
            return Pick(4) == 0 ? 0 : m_in.ConsumeIntegral<uint64_t>();
        default:
            if (clients.empty())
            {
                return 0;
            }
            auto it = clients.begin();
            std::advance(it, Pick(static_cast<uint32_t>(clients.size())));
            return it->first;
        }
    }

    RtmFamily FamilyOfClient(uint64_t id) const
    {
        if (const RtmReferenceModel::Client* c = m_model.FindClient(id))
        {
            return c->family;
        }
        auto it = m_deadFamily.find(id);
        return it == m_deadFamily.end() ? RtmFamily::Ip : it->second;
    }

    uint64_t Network(RtmFamily f)
    {
        if (f == RtmFamily::Ipx)
        {
            const uint32_t pool[] = {0, 1, 2, 0xABCD, 0xFFFFFFFF};
            return Pick(8) == 0 ? m_in.ConsumeIntegral<uint32_t>() : pool[Pick(5)];
        }
        switch (Pick(8))
        {
        case 0:
            return m_in.ConsumeIntegral<uint64_t>(); // anything: usually invalid
        case 1: {
            const auto& e = m_model.Table(f).GetEntries();
            if (!e.empty())
            {
                return e[Pick(static_cast<uint32_t>(e.size()))].route.network;
            }
        }
            [[fallthrough]];
        default: {
            const uint32_t bases[] = {0x00000000, 0x0A000000, 0x0A000080, 0xC0A80100, 0xFFFFFFFF};
            const int lens[] = {0, 8, 9, 24, 25, 32};
            uint32_t len = lens[Pick(6)];
            uint32_t m = len == 0 ? 0 : 0xFFFFFFFFU << (32 - len);
            return RtmRoute::IpKey(bases[Pick(5)] & m, m);
        }
        }
    }

    /// A route with fuzzed identity and data (protocol and time stamp are junk to overwrite).
    RtmRoute Route(RtmFamily f)
    {
        RtmRoute r;
        r.network = Network(f);
        r.interface = 1 + Pick(2);
        r.protocol = m_in.ConsumeIntegral<uint32_t>();
        r.timeStamp = m_in.ConsumeIntegral<uint32_t>();
        r.protocolData[Pick(4)] = Pick(4);
        if (f == RtmFamily::Ip)
        {
            const uint64_t hops[] = {0,
                                     static_cast<uint64_t>(0x0A000001) << 32,
                                     (static_cast<uint64_t>(0x0A000002) << 32) | 0xFFFFFF00};
            r.nextHop = hops[Pick(3)];
            r.familyData[RtmRoute::IpPriority] = m_in.ConsumeIntegral<uint32_t>();
            r.familyData[RtmRoute::IpMetric] = Pick(3);
            r.familyData[RtmRoute::IpMetric1] = Pick(3);
            r.familyData[RtmRoute::IpFlags] = Pick(8) == 0 ? m_in.ConsumeIntegral<uint32_t>() : 1;
        }
        else
        {
            const uint64_t hops[] = {0, 0x0000AABBCCDDULL, 0xFFFFFFFFFFFFULL};
            r.nextHop = hops[Pick(3)];
            r.familyData[0] = Pick(2);
            r.familyData[1] = Pick(3) | (Pick(3) << 16);
        }
        return r;
    }

    /// Criteria: often a route of the table, or a fuzzed one.
    RtmRoute Criteria(RtmFamily f)
    {
        RtmRoute c = Route(f);
        const auto& entries = m_model.Table(f).GetEntries();
        if (!entries.empty() && m_in.ConsumeBool())
        {
            const RtmRoute& e = entries[Pick(static_cast<uint32_t>(entries.size()))].route;
            c.network = e.network;
            c.interface = e.interface;
            c.protocol = e.protocol;
            c.nextHop = e.nextHop;
        }
        return c;
    }

    uint32_t Flags()
    {
        return Pick(16) == 0 ? m_in.ConsumeIntegral<uint32_t>() : Pick(16);
    }

    /// @return a TTL in seconds: INFINITE, 0..3, the largest, one more, or anything
    uint32_t Ttl()
    {
        switch (Pick(8))
        {
        case 0:
            return RoutingTableManager::MAX_TTL_SECONDS;
        case 1:
            return RoutingTableManager::MAX_TTL_SECONDS + 1;
        case 2:
            return m_in.ConsumeIntegral<uint32_t>();
        case 3:
        case 4:
            return Pick(4);
        default:
            return rtmv1::INFINITE;
        }
    }

    // ---- the calls ---------------------------------------------------------------------------

    void Call()
    {
        switch (Pick(16))
        {
        case 0:
            return Register();
        case 1:
            return Deregister();
        case 2:
        case 3:
        case 4:
        case 5:
            return Add();
        case 6:
        case 7:
            return Delete();
        case 8:
        case 9:
            return Dequeue();
        case 10:
            return Block();
        case 11:
            return EnumOpen();
        case 12:
            return EnumNext();
        case 13:
            return EnumClose();
        case 14:
            return Walk();
        default:
            return Queries();
        }
    }

    void Register()
    {
        using namespace rtmv1;
        RtmFamily f = Family();
        uint32_t familyNumber = FamilyNumber(&f);
        uint32_t protocol =
            Pick(8) == 0 ? m_in.ConsumeIntegral<uint32_t>()
                         : (f == RtmFamily::Ip ? kIpProtocols[Pick(4)] : kIpxProtocols[Pick(3)]);
        uint32_t flags = Pick(8) == 0 ? m_in.ConsumeIntegral<uint32_t>() : Pick(2);
        uint32_t eventKind = Pick(4); // 0 none, 1 a live event, 2 a closed one, 3 forged
        auto counter = std::make_shared<uint64_t>(0);
        HANDLE event = nullptr;
        if (eventKind == 1 || eventKind == 2)
        {
            event = RtmCreateChangeEvent(Callback<void>([counter]() { ++*counter; }));
            Check(event != nullptr, []() { return std::string("RtmCreateChangeEvent failed"); });
            if (eventKind == 2)
            {
                Check(RtmCloseChangeEvent(event) == NO_ERROR,
                      []() { return std::string("RtmCloseChangeEvent failed"); });
            }
        }
        else if (eventKind == 3)
        {
            event = Handle(m_in.ConsumeIntegralInRange<uint64_t>(1, UINT64_MAX));
        }
        RtmError want = familyNumber > 1 ? RtmError::InvalidParameter
                                         : m_model.ExpectRegister(f, protocol, flags);
        if (want != RtmError::InvalidParameter && (eventKind == 2 || eventKind == 3))
        {
            want = RtmError::InvalidHandle;
        }
        SetLastError(NO_ERROR);
        HANDLE h = RtmRegisterClient(familyNumber, protocol, event, flags);
        DWORD got = h ? NO_ERROR : GetLastError();
        std::ostringstream os;
        os << "RtmRegisterClient(" << familyNumber << ", " << protocol << ", event kind "
           << eventKind << ", " << flags << ") -> " << Token(h) << " error " << got;
        Log(os.str());
        Check(got == static_cast<DWORD>(want) && (h != nullptr) == (want == RtmError::Success),
              [&]() { return os.str() + ", expected " + Err(static_cast<uint32_t>(want)); });
        if (eventKind == 1 && m_in.ConsumeBool())
        {
            Check(RtmCloseChangeEvent(event) == NO_ERROR,
                  []() { return std::string("RtmCloseChangeEvent failed"); });
        }
        if (h)
        {
            uint64_t id = Token(h);
            Check(m_seen.insert(id).second,
                  []() { return std::string("a client token was reused"); });
            m_model.Register(id, f, protocol, flags, eventKind == 1);
            m_fires[id] = counter;
        }
    }

    void Deregister()
    {
        uint64_t id = Client();
        RtmFamily f = RtmFamily::Ip;
        std::vector<RtmReferenceModel::Step> steps;
        RtmError want = m_model.Deregister(id, RoutingTableManager::NowTicks(), &f, &steps);
        uint32_t got = rtmv1::RtmDeregisterClient(Handle(id));
        std::string what = "RtmDeregisterClient(" + std::to_string(id) + ") -> " + Err(got);
        Log(what);
        Check(got == static_cast<uint32_t>(want),
              [&]() { return what + ", expected " + Err(static_cast<uint32_t>(want)); });
        if (want == RtmError::Success)
        {
            m_dead.push_back(id);
            m_deadFamily[id] = f;
            m_fires.erase(id);
            Batch(f, steps, "deregistration");
        }
        else
        {
            Check(m_trace.empty(),
                  []() { return std::string("a failed deregistration published changes"); });
        }
    }

    /// The published changes of an add or delete: exactly its result.
    void CheckPublished(const RtmChange& want, const std::string& what)
    {
        if (want.flags == 0)
        {
            Check(m_trace.empty(), [&]() { return what + ": changes published, none expected"; });
            return;
        }
        Check(m_trace.size() == 1 && SameChange(want, m_trace[0].change),
              [&]() { return what + ": published changes differ from " + ToString(want); });
    }

    void Add()
    {
        using namespace rtmv1;
        uint64_t id = Client();
        RtmFamily f = FamilyOfClient(id);
        RtmRoute r = Route(f);
        if (const RtmReferenceModel::Client* c = m_model.FindClient(id); c && m_in.ConsumeBool())
        {
            RtmRoute crit;
            crit.protocol = c->protocol;
            std::vector<RtmRoute> own = m_model.Table(f).Sorted(rtmref::ONLY_PROTOCOL, crit);
            if (!own.empty())
            {
                const RtmRoute& o = own[Pick(static_cast<uint32_t>(own.size()))];
                r.network = o.network;
                r.interface = o.interface;
                r.nextHop = o.nextHop;
            }
        }
        uint32_t ttl = Ttl();
        uint32_t pointers = Pick(16); // bit 0 null Route, bit 1 null Flags, 2-3 null outputs
        pointers = pointers < 12 ? (pointers & 0xC) : pointers;
        bool live = m_model.FindClient(id) != nullptr;
        RtmChange want;
        RtmError wantErr;
        if (live && (pointers & 3) != 0)
        {
            wantErr = RtmError::InvalidParameter;
        }
        else
        {
            Time t = ttl == INFINITE ? Time::Max() : Seconds(static_cast<int64_t>(ttl));
            wantErr = m_model.Add(id, r, t, RoutingTableManager::NowTicks(), &want);
        }
        Win route = ToWin(f, r);
        Win cur = Poison();
        Win prev = Poison();
        DWORD flags = 0xDEAD;
        DWORD got = RtmAddRoute(Handle(id),
                                (pointers & 1) ? nullptr : &route,
                                ttl,
                                (pointers & 2) ? nullptr : &flags,
                                (pointers & 4) ? nullptr : &cur,
                                (pointers & 8) ? nullptr : &prev);
        std::ostringstream os;
        os << "RtmAddRoute(" << id << ", [" << r << "], ttl " << ttl << ", pointers " << pointers
           << ") -> " << got << " flags " << flags;
        Log(os.str());
        Check(got == static_cast<DWORD>(wantErr),
              [&]() { return os.str() + ", expected " + Err(static_cast<uint32_t>(wantErr)); });
        if (wantErr != RtmError::Success)
        {
            Check(m_trace.empty(), []() { return std::string("a failed add published changes"); });
            return;
        }
        RtmChange v = Visible(want);
        Check(flags == v.flags, [&]() { return os.str() + ": flags, expected " + ToString(v); });
        if ((v.flags & RtmChange::CURRENT) && !(pointers & 4))
        {
            Check(FromWin(f, cur) == v.current,
                  [&]() { return os.str() + ": CurBestRoute, expected " + ToString(v); });
        }
        if ((v.flags & RtmChange::PREVIOUS) && !(pointers & 8))
        {
            Check(FromWin(f, prev) == v.previous,
                  [&]() { return os.str() + ": PrevBestRoute, expected " + ToString(v); });
        }
        CheckPublished(want, os.str());
    }

    void Delete()
    {
        using namespace rtmv1;
        uint64_t id = Client();
        RtmFamily f = FamilyOfClient(id);
        RtmRoute r = Route(f);
        if (const RtmReferenceModel::Client* c = m_model.FindClient(id); c && Pick(4) != 0)
        {
            RtmRoute crit;
            crit.protocol = c->protocol;
            std::vector<RtmRoute> own = m_model.Table(f).Sorted(rtmref::ONLY_PROTOCOL, crit);
            if (!own.empty())
            {
                const RtmRoute& o = own[Pick(static_cast<uint32_t>(own.size()))];
                r.network = o.network;
                r.interface = o.interface;
                r.nextHop = o.nextHop;
            }
        }
        uint32_t pointers = Pick(16);
        pointers = pointers < 12 ? (pointers & 4) : pointers;
        bool live = m_model.FindClient(id) != nullptr;
        RtmChange want;
        RtmError wantErr =
            live && (pointers & 3) != 0 ? RtmError::InvalidParameter : m_model.Delete(id, r, &want);
        Win route = ToWin(f, r);
        Win cur = Poison();
        DWORD flags = 0xDEAD;
        DWORD got = RtmDeleteRoute(Handle(id),
                                   (pointers & 1) ? nullptr : &route,
                                   (pointers & 2) ? nullptr : &flags,
                                   (pointers & 4) ? nullptr : &cur);
        std::ostringstream os;
        os << "RtmDeleteRoute(" << id << ", [" << r << "], pointers " << pointers << ") -> " << got
           << " flags " << flags;
        Log(os.str());
        Check(got == static_cast<DWORD>(wantErr),
              [&]() { return os.str() + ", expected " + Err(static_cast<uint32_t>(wantErr)); });
        if (wantErr != RtmError::Success)
        {
            Check(m_trace.empty(),
                  []() { return std::string("a failed delete published changes"); });
            return;
        }
        RtmChange v = Visible(want);
        Check(flags == v.flags, [&]() { return os.str() + ": flags, expected " + ToString(v); });
        if ((v.flags & RtmChange::CURRENT) && !(pointers & 4))
        {
            Check(FromWin(f, cur) == v.current,
                  [&]() { return os.str() + ": CurBestRoute, expected " + ToString(v); });
        }
        CheckPublished(want, os.str());
    }

    void Dequeue()
    {
        using namespace rtmv1;
        uint64_t id = Client();
        RtmFamily f = FamilyOfClient(id);
        uint32_t n = m_in.ConsumeBool() ? 1000 : 1 + Pick(3);
        for (uint32_t k = 0; k < n; ++k)
        {
            uint32_t pointers = Pick(16);
            pointers = pointers < 14 ? (pointers & 0xC) : (pointers & 3);
            bool live = m_model.FindClient(id) != nullptr;
            RtmChange want;
            RtmError wantErr =
                live && (pointers & 2) ? RtmError::InvalidParameter : m_model.Dequeue(id, &want);
            Win cur = Poison();
            Win prev = Poison();
            DWORD flags = 0xDEAD;
            DWORD got = RtmDequeueRouteChangeMessage(Handle(id),
                                                     (pointers & 2) ? nullptr : &flags,
                                                     (pointers & 4) ? nullptr : &cur,
                                                     (pointers & 8) ? nullptr : &prev);
            std::ostringstream os;
            os << "RtmDequeueRouteChangeMessage(" << id << ", pointers " << pointers << ") -> "
               << got;
            if (k == 0 || got != ERROR_MORE_MESSAGES)
            {
                Log(os.str());
            }
            Check(got == static_cast<DWORD>(wantErr),
                  [&]() { return os.str() + ", expected " + Err(static_cast<uint32_t>(wantErr)); });
            if (wantErr == RtmError::Success || wantErr == RtmError::MoreData)
            {
                RtmChange v = Visible(want);
                Check(flags == v.flags,
                      [&]() { return os.str() + ": flags, expected " + ToString(v); });
                if ((v.flags & RtmChange::CURRENT) && !(pointers & 4))
                {
                    Check(FromWin(f, cur) == v.current,
                          [&]() { return os.str() + ": CurBestRoute, expected " + ToString(v); });
                }
                if ((v.flags & RtmChange::PREVIOUS) && !(pointers & 8))
                {
                    Check(FromWin(f, prev) == v.previous,
                          [&]() { return os.str() + ": PrevBestRoute, expected " + ToString(v); });
                }
            }
            if (wantErr != RtmError::MoreData)
            {
                break;
            }
        }
    }

    void Block()
    {
        using namespace rtmv1;
        uint64_t id = Client();
        RtmFamily f = FamilyOfClient(id);
        uint32_t kind = Pick(4); // delete, enable, disable, convert
        uint32_t flags = Flags();
        if (kind == 0 && m_in.ConsumeBool())
        {
            flags |= RTM_ONLY_THIS_NETWORK; // wide deletes are rarer
        }
        RtmRoute crit = Criteria(f);
        bool nullCriteria = Pick(8) == 0;
        Win w = ToWin(f, crit);
        if (nullCriteria)
        {
            crit = RtmRoute(); // what the facade uses when no criterion reads the record
        }
        int64_t now = RoutingTableManager::NowTicks();
        std::vector<RtmReferenceModel::Step> steps;
        RtmFamily fam = f;
        RtmError want;
        if (kind == 3)
        {
            want = m_model.PlanConvert(id, flags, crit, now, &fam, &steps);
        }
        else
        {
            RtmReferenceModel::Step::Kind k = kind == 0   ? RtmReferenceModel::Step::Remove
                                              : kind == 1 ? RtmReferenceModel::Step::Enable
                                                          : RtmReferenceModel::Step::Disable;
            want = m_model.PlanBlockOwn(id, flags, crit, k, now, &fam, &steps);
        }
        // a null criteria record is refused when a criterion reads it
        uint32_t reads =
            kind == 3
                ? flags & (RTM_ONLY_THIS_NETWORK | RTM_ONLY_THIS_INTERFACE | RTM_ONLY_THIS_PROTOCOL)
                : flags & (RTM_ONLY_THIS_NETWORK | RTM_ONLY_THIS_INTERFACE);
        if (nullCriteria && reads != 0 && want != RtmError::InvalidHandle)
        {
            want = RtmError::InvalidParameter;
            steps.clear();
        }
        void* criteria = nullCriteria ? nullptr : &w;
        DWORD got = kind == 0   ? RtmBlockDeleteRoutes(Handle(id), flags, criteria)
                    : kind == 3 ? RtmBlockConvertRoutesToStatic(Handle(id), flags, criteria)
                                : RtmBlockSetRouteEnable(Handle(id), flags, criteria, kind == 1);
        std::ostringstream os;
        os << "RtmBlock(kind " << kind << ", " << id << ", flags 0x" << std::hex << flags
           << std::dec << (nullCriteria ? ", NULL" : ", [" + ToString(crit) + "]") << ") -> " << got
           << " (" << steps.size() << " routes)";
        Log(os.str());
        Check(got == static_cast<DWORD>(want),
              [&]() { return os.str() + ", expected " + Err(static_cast<uint32_t>(want)); });
        if (want != RtmError::Success)
        {
            Check(m_trace.empty(),
                  []() { return std::string("a failed block call published changes"); });
            return;
        }
        Batch(fam, steps, os.str());
    }

    void EnumOpen()
    {
        using namespace rtmv1;
        if (m_enums.size() >= 4)
        {
            return EnumClose();
        }
        RtmFamily f = Family();
        uint32_t familyNumber = FamilyNumber(&f);
        uint32_t flags = Flags();
        RtmRoute crit = Criteria(f);
        bool nullCriteria = Pick(8) == 0;
        Win w = ToWin(f, crit);
        if (nullCriteria)
        {
            crit = RtmRoute();
        }
        std::vector<uint64_t> uids = m_model.Table(f).Select(flags, crit);
        RtmError want = uids.empty() ? RtmError::NoMoreItems : RtmError::Success;
        if (familyNumber > 1 || (flags & ~0xFU) != 0 ||
            (nullCriteria && (flags & (RTM_ONLY_THIS_NETWORK | RTM_ONLY_THIS_INTERFACE |
                                       RTM_ONLY_THIS_PROTOCOL)) != 0))
        {
            want = RtmError::InvalidParameter;
        }
        SetLastError(NO_ERROR);
        HANDLE h = RtmCreateEnumerationHandle(familyNumber, flags, nullCriteria ? nullptr : &w);
        DWORD got = h ? NO_ERROR : GetLastError();
        std::ostringstream os;
        os << "RtmCreateEnumerationHandle(" << familyNumber << ", 0x" << std::hex << flags
           << std::dec << (nullCriteria ? ", NULL" : "") << ") -> " << Token(h) << " error " << got
           << " (" << uids.size() << " routes)";
        Log(os.str());
        Check(got == static_cast<DWORD>(want) && (h != nullptr) == (want == RtmError::Success),
              [&]() { return os.str() + ", expected " + Err(static_cast<uint32_t>(want)); });
        if (h)
        {
            std::set<uint64_t> snapshot(uids.begin(), uids.end());
            OpenEnum e{Token(h), f, flags, crit, snapshot, snapshot, {}};
            m_enums.push_back(e);
        }
    }

    /// The model entry a returned route stands for (identity is unique in a table).
    const RefTable::Entry* EntryOf(RtmFamily f, const RtmRoute& r) const
    {
        for (const RefTable::Entry& e : m_model.Table(f).GetEntries())
        {
            if (e.route.network == r.network && e.route.protocol == r.protocol &&
                e.route.interface == r.interface && e.route.nextHop == r.nextHop)
            {
                return &e;
            }
        }
        return nullptr;
    }

    void EnumNext()
    {
        using namespace rtmv1;
        uint32_t which = Pick(8);
        if (m_enums.empty() || which >= 6)
        {
            // a closed, foreign, forged or null enumeration handle
            uint64_t id = which == 6 && !m_closedEnums.empty()
                              ? m_closedEnums[Pick(static_cast<uint32_t>(m_closedEnums.size()))]
                              : (which == 7 ? m_foreign[2] : m_in.ConsumeIntegral<uint64_t>());
            Win w = Poison();
            bool nullRoute = m_in.ConsumeBool();
            DWORD got = RtmEnumerateGetNextRoute(Handle(id), nullRoute ? nullptr : &w);
            Log("RtmEnumerateGetNextRoute(" + std::to_string(id) + ") -> " + Err(got));
            bool open = false;
            for (const OpenEnum& e : m_enums)
            {
                open = open || e.id == id;
            }
            Check(open || got == ERROR_INVALID_HANDLE,
                  [&]() { return std::string("a dead enumeration handle is not refused"); });
            return;
        }
        OpenEnum& e = m_enums[Pick(static_cast<uint32_t>(m_enums.size()))];
        for (uint32_t k = 0, n = 1 + Pick(4); k < n; ++k)
        {
            Win w = Poison();
            DWORD got = RtmEnumerateGetNextRoute(Handle(e.id), &w);
            Log("RtmEnumerateGetNextRoute(" + std::to_string(e.id) + ") -> " + Err(got));
            if (got == ERROR_NO_MORE_ROUTES)
            {
                // every entry of the snapshot alive and matching since was returned
                UpdateEnumerations();
                for (uint64_t uid : e.stable)
                {
                    Check(e.returned.count(uid) != 0, [&]() {
                        return std::string("an enumeration ended without a route of its snapshot");
                    });
                }
                return;
            }
            Check(got == NO_ERROR, [&]() { return "RtmEnumerateGetNextRoute gave " + Err(got); });
            RtmRoute r = FromWin(e.family, w);
            const RefTable::Entry* entry = EntryOf(e.family, r);
            Check(entry != nullptr && e.snapshot.count(entry->uid) != 0 &&
                      Visible(entry->route) == r && e.returned.insert(entry->uid).second,
                  [&]() {
                      return "the enumeration returned " + ToString(r) +
                             (entry ? std::string(", not a new route of its snapshot")
                                    : std::string(", not in the table"));
                  });
        }
    }

    void EnumClose()
    {
        using namespace rtmv1;
        if (m_enums.empty() || Pick(4) == 0)
        {
            uint64_t id = !m_closedEnums.empty() && m_in.ConsumeBool()
                              ? m_closedEnums[Pick(static_cast<uint32_t>(m_closedEnums.size()))]
                              : m_in.ConsumeIntegral<uint64_t>();
            bool open = false;
            for (const OpenEnum& e : m_enums)
            {
                open = open || e.id == id;
            }
            if (!open)
            {
                DWORD got = RtmCloseEnumerationHandle(Handle(id));
                Log("RtmCloseEnumerationHandle(" + std::to_string(id) + ") -> " + Err(got));
                Check(got == ERROR_INVALID_HANDLE,
                      [&]() { return std::string("a dead enumeration handle closed"); });
            }
            return;
        }
        uint32_t i = Pick(static_cast<uint32_t>(m_enums.size()));
        uint64_t id = m_enums[i].id;
        DWORD got = RtmCloseEnumerationHandle(Handle(id));
        Log("RtmCloseEnumerationHandle(" + std::to_string(id) + ") -> " + Err(got));
        Check(got == NO_ERROR, [&]() { return "RtmCloseEnumerationHandle gave " + Err(got); });
        m_enums.erase(m_enums.begin() + i);
        m_closedEnums.push_back(id);
    }

    /// RtmGetFirstRoute / RtmGetNextRoute with fuzzed flags and criteria.
    void Walk()
    {
        using namespace rtmv1;
        RtmFamily f = Family();
        uint32_t familyNumber = FamilyNumber(&f);
        uint32_t flags = Flags();
        RtmRoute crit = Criteria(f);
        bool first = m_in.ConsumeBool();
        bool nullRoute = Pick(16) == 0;
        std::vector<RtmRoute> matching = m_model.Table(f).Sorted(flags & 0xF, crit);
        RtmRoute expect;
        uint32_t want = ERROR_NO_ROUTES;
        for (const RtmRoute& r : matching)
        {
            if (first || OrderLess(crit, r))
            {
                expect = Visible(r);
                want = NO_ERROR;
                break;
            }
        }
        if (familyNumber > 1 || nullRoute || (flags & ~0xFU) != 0)
        {
            want = ERROR_INVALID_PARAMETER;
        }
        Win w = ToWin(f, crit);
        DWORD got = first ? RtmGetFirstRoute(familyNumber, flags, nullRoute ? nullptr : &w)
                          : RtmGetNextRoute(familyNumber, flags, nullRoute ? nullptr : &w);
        std::ostringstream os;
        os << (first ? "RtmGetFirstRoute(" : "RtmGetNextRoute(") << familyNumber << ", 0x"
           << std::hex << flags << std::dec << ", [" << crit << "]) -> " << got;
        Log(os.str());
        Check(got == want, [&]() { return os.str() + ", expected " + Err(want); });
        if (want == NO_ERROR)
        {
            Check(FromWin(f, w) == expect, [&]() {
                return os.str() + ": " + ToString(FromWin(f, w)) + ", expected " + ToString(expect);
            });
        }
    }

    /// IsRoute, network counts, lookups and route ages with fuzzed arguments.
    void Queries()
    {
        using namespace rtmv1;
        RtmFamily f = Family();
        uint32_t familyNumber = FamilyNumber(&f);
        switch (Pick(4))
        {
        case 0: {
            uint64_t net = Network(f);
            Win key = ToWin(f, [net]() {
                RtmRoute r;
                r.network = net;
                return r;
            }());
            bool nullNetwork = Pick(8) == 0;
            bool nullBest = m_in.ConsumeBool();
            Win best = Poison();
            void* network = nullNetwork          ? nullptr
                            : f == RtmFamily::Ip ? static_cast<void*>(&key.ip.RR_Network)
                                                 : static_cast<void*>(&key.ipx.RR_Network);
            SetLastError(ERROR_INVALID_HANDLE);
            BOOL got = RtmIsRoute(familyNumber, network, nullBest ? nullptr : &best);
            DWORD err = GetLastError();
            Log("RtmIsRoute(" + std::to_string(familyNumber) + ") -> " + std::to_string(got));
            if (familyNumber > 1 || nullNetwork)
            {
                Check(!got && err == ERROR_INVALID_PARAMETER,
                      []() { return std::string("RtmIsRoute with bad arguments"); });
                return;
            }
            RtmRoute want;
            bool w =
                m_model.Table(f).GetBest(f == RtmFamily::Ip ? FromWin(f, key).network : net, &want);
            Check((got != FALSE) == w && (got || err == NO_ERROR) &&
                      (!got || nullBest || FromWin(f, best) == Visible(want)),
                  []() { return std::string("RtmIsRoute disagrees with the model"); });
            return;
        }
        case 1: {
            SetLastError(ERROR_INVALID_HANDLE);
            ULONG n = RtmGetNetworkCount(familyNumber);
            DWORD err = GetLastError();
            Log("RtmGetNetworkCount(" + std::to_string(familyNumber) + ") -> " + std::to_string(n));
            if (familyNumber > 1)
            {
                Check(n == 0 && err == ERROR_INVALID_PARAMETER,
                      []() { return std::string("RtmGetNetworkCount of a bad family"); });
                return;
            }
            Check(n == m_model.Table(f).GetNetworkCount() && (n != 0 || err == NO_ERROR),
                  []() { return std::string("RtmGetNetworkCount disagrees with the model"); });
            return;
        }
        case 2: {
            uint32_t addr = m_in.ConsumeBool()
                                ? m_in.ConsumeIntegral<uint32_t>()
                                : RtmRoute::KeyAddress(Network(RtmFamily::Ip)) | Pick(4);
            bool nullOut = m_in.ConsumeBool();
            Win w = Poison();
            SetLastError(NO_ERROR);
            BOOL got = RtmLookupIPDestination(htonl(addr), nullOut ? nullptr : &w.ip);
            DWORD err = GetLastError();
            Log("RtmLookupIPDestination(" + std::to_string(addr) + ") -> " + std::to_string(got));
            RtmRoute want;
            bool found = m_model.Table(RtmFamily::Ip).LookupIp(addr, &want);
            Check((got != FALSE) == found && (got || err == ERROR_NO_ROUTES) &&
                      (!got || nullOut || FromWin(RtmFamily::Ip, w) == Visible(want)),
                  []() { return std::string("RtmLookupIPDestination disagrees with the model"); });
            return;
        }
        default: {
            // the age of a route the table holds, or of a fuzzed time stamp not in the future
            int64_t now = RoutingTableManager::NowTicks();
            const auto& entries = m_model.Table(f).GetEntries();
            RtmRoute r;
            if (!entries.empty() && m_in.ConsumeBool())
            {
                r = entries[Pick(static_cast<uint32_t>(entries.size()))].route;
            }
            else if (m_in.ConsumeBool())
            {
                r.timeStamp = m_in.ConsumeIntegralInRange<int64_t>(0, now);
            }
            else
            {
                // any FILETIME: in the future, or with the top bit set (RTMV1.md 4.8: invalid)
                r.timeStamp = static_cast<int64_t>(m_in.ConsumeIntegral<uint64_t>());
            }
            bool nullRoute = Pick(8) == 0;
            Win w = ToWin(f, r);
            SetLastError(NO_ERROR);
            ULONG age = RtmGetRouteAge(nullRoute ? nullptr : &w);
            DWORD err = GetLastError();
            Log("RtmGetRouteAge(" + std::to_string(r.timeStamp) + ") -> " + std::to_string(age));
            if (nullRoute || r.timeStamp < 0 || r.timeStamp > now)
            {
                Check(age == INFINITE && err == ERROR_INVALID_PARAMETER, [&]() {
                    return "RtmGetRouteAge of an invalid record gave " + std::to_string(age) +
                           ", error " + std::to_string(err);
                });
                return;
            }
            uint32_t want = static_cast<uint32_t>((now - r.timeStamp) / 10000000);
            Check(age == want, [&]() {
                return "RtmGetRouteAge gave " + std::to_string(age) + ", expected " +
                       std::to_string(want);
            });
            return;
        }
        }
    }

    // ---- after every call ----------------------------------------------------------------

    void CheckSignals()
    {
        for (const auto& kv : m_model.GetClients())
        {
            const uint64_t id = kv.first;
            const RtmReferenceModel::Client& c = kv.second;
            auto it = m_fires.find(id);
            uint64_t fired = it == m_fires.end() ? 0 : *it->second;
            Check(fired == c.fires, [&]() {
                return "client " + std::to_string(id) + " signalled " + std::to_string(fired) +
                       " times, the model says " + std::to_string(c.fires);
            });
        }
    }

    /// Drop from each enumeration's stable set the entries that are gone or stopped matching.
    void UpdateEnumerations()
    {
        for (OpenEnum& e : m_enums)
        {
            const RefTable& t = m_model.Table(e.family);
            for (auto it = e.stable.begin(); it != e.stable.end();)
            {
                const RefTable::Entry* entry = t.FindUid(*it);
                it = !entry || !t.Matches(*entry, e.flags, e.criteria) ? e.stable.erase(it)
                                                                       : std::next(it);
            }
        }
    }

    void CheckAll()
    {
        using namespace rtmv1;
        UpdateEnumerations();
        for (RtmFamily f : {RtmFamily::Ip, RtmFamily::Ipx})
        {
            // the whole table in order, through RtmGetFirstRoute / RtmGetNextRoute
            std::vector<RtmRoute> want = m_model.Table(f).Sorted();
            std::vector<RtmRoute> got;
            Win w;
            std::memset(&w, 0, sizeof(w));
            DWORD e = RtmGetFirstRoute(static_cast<DWORD>(f), 0, &w);
            while (e == NO_ERROR && got.size() <= want.size())
            {
                got.push_back(FromWin(f, w));
                e = RtmGetNextRoute(static_cast<DWORD>(f), 0, &w);
            }
            Check(e == ERROR_NO_ROUTES, [&]() { return "the ordered walk ended with " + Err(e); });
            for (RtmRoute& r : want)
            {
                r = Visible(r);
            }
            Check(got == want, [&]() {
                return "the table holds " + std::to_string(got.size()) + " routes, the model " +
                       std::to_string(want.size()) + " (or they differ)";
            });
            Check(m_rtm->GetNetworkCount(f) == m_model.Table(f).GetNetworkCount(),
                  []() { return std::string("network counts differ"); });
            for (const RefTable::Entry& entry : m_model.Table(f).GetEntries())
            {
                RtmRoute best;
                bool b = m_model.Table(f).GetBest(entry.route.network, &best);
                RtmRoute implBest;
                bool ib = m_rtm->IsRoute(f, entry.route.network, &implBest);
                Check(b == ib && (!b || implBest == best),
                      [&]() { return "best route of " + ToString(entry.route) + " differs"; });
            }
        }
        for (const auto& kv : m_model.GetClients())
        {
            const uint64_t id = kv.first;
            const RtmReferenceModel::Client& c = kv.second;
            Check(m_rtm->GetQueueLength(id) == c.queue.size(), [&]() {
                return "client " + std::to_string(id) + " queue " +
                       std::to_string(m_rtm->GetQueueLength(id)) + ", the model " +
                       std::to_string(c.queue.size());
            });
        }
    }

    FuzzedDataProvider m_in;                               //!< the input
    Ptr<Node> m_node;                                      //!< the node
    Ptr<Node> m_otherNode;                                 //!< another node
    Ptr<RoutingTableManager> m_rtm;                        //!< the node's manager
    std::vector<uint64_t> m_foreign;                       //!< the other node's handles
    RtmReferenceModel m_model;                             //!< the model
    std::vector<RtmReferenceModel::Observed> m_trace;      //!< published changes, unchecked
    std::map<uint64_t, std::shared_ptr<uint64_t>> m_fires; //!< signal counts of live clients
    std::vector<uint64_t> m_dead;                          //!< deregistered clients
    std::map<uint64_t, RtmFamily> m_deadFamily;            //!< their families
    std::set<uint64_t> m_seen;                             //!< every client token handed out
    std::vector<OpenEnum> m_enums;                         //!< open enumerations
    std::vector<uint64_t> m_closedEnums;                   //!< closed enumeration handles
    std::deque<std::string> m_log;                         //!< recent calls
};

} // namespace

/**
 * @brief One input: a call sequence.
 * @param data the bytes
 * @param size their number
 * @return 0
 */
extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    {
        Harness h(data, size);
        h.Run();
    }
    ns3::Simulator::Destroy();
    return 0;
}
