/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

/**
 * @file
 * @ingroup rtm-tests
 * Long seeded random operation sequences against ns3::RoutingTableManager (C++ API) and the
 * ns3::rtmv1 facade, cross-checked after every step against the naive model of
 * rtm-reference-model.h: return codes, change results, the published changes, every client's
 * queue and signal, the full table in order, filtered and snapshot enumerations, best routes,
 * network counts, longest-prefix lookups and aging on simulated time.
 */

#include "rtm-reference-model.h"

#include "ns3/node.h"
#include "ns3/routing-table-manager.h"
#include "ns3/rtm-v1-node-scope.h"
#include "ns3/rtm-v1.h"
#include "ns3/simulator.h"

#include <arpa/inet.h>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <gtest/gtest.h>
#include <iostream>
#include <map>
#include <memory>
#include <random>
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

/// The system under test: the C++ API or the Windows facade, in RtmRoute terms.
class Sut
{
  public:
    virtual ~Sut() = default;

    /**
     * @brief Register.
     * @param family family
     * @param protocol protocol
     * @param flags flags
     * @param signal change signal (null: none)
     * @param err status (out)
     * @return the client or 0
     */
    virtual uint64_t Register(RtmFamily family,
                              uint32_t protocol,
                              uint32_t flags,
                              Callback<void> signal,
                              RtmError* err) = 0;
    /// @brief Deregister. @param id client @return status
    virtual RtmError Deregister(uint64_t id) = 0;
    /// @brief Add. @param id client @param r route @param ttl TTL @param out change @return status
    virtual RtmError Add(uint64_t id, const RtmRoute& r, Time ttl, RtmChange* out) = 0;
    /// @brief Delete. @param id client @param r route @param out change @return status
    virtual RtmError Delete(uint64_t id, const RtmRoute& r, RtmChange* out) = 0;
    /// @brief Dequeue. @param id client @param out message @return status
    virtual RtmError Dequeue(uint64_t id, RtmChange* out) = 0;
    /// @brief Block delete. @param id client @param flags flags @param c criteria @return status
    virtual RtmError BlockDelete(uint64_t id, uint32_t flags, const RtmRoute& c) = 0;
    /**
     * @brief Block enable.
     * @param id client
     * @param flags flags
     * @param c criteria
     * @param enable state
     * @return status
     */
    virtual RtmError BlockEnable(uint64_t id, uint32_t flags, const RtmRoute& c, bool enable) = 0;
    /// @brief Block convert. @param id client @param flags flags @param c criteria @return status
    virtual RtmError BlockConvert(uint64_t id, uint32_t flags, const RtmRoute& c) = 0;
    /// @brief GetFirst. @param f family @param flags flags @param io route @return status
    virtual RtmError GetFirst(RtmFamily f, uint32_t flags, RtmRoute* io) = 0;
    /// @brief GetNext. @param f family @param flags flags @param io route @return status
    virtual RtmError GetNext(RtmFamily f, uint32_t flags, RtmRoute* io) = 0;
    /**
     * @brief Create an enumeration.
     * @param f family
     * @param flags flags
     * @param c criteria
     * @param err status (out)
     * @return the enumeration or 0
     */
    virtual uint64_t CreateEnum(RtmFamily f, uint32_t flags, const RtmRoute& c, RtmError* err) = 0;
    /// @brief Next. @param e enumeration @param r route (out) @return status
    virtual RtmError EnumNext(uint64_t e, RtmRoute* r) = 0;
    /// @brief Close. @param e enumeration @return status
    virtual RtmError CloseEnum(uint64_t e) = 0;
    /// @brief IsRoute. @param f family @param net network @param best route (out) @return found
    virtual bool IsRoute(RtmFamily f, uint64_t net, RtmRoute* best) = 0;
    /// @brief Network count. @param f family @return count
    virtual uint32_t NetworkCount(RtmFamily f) = 0;
    /// @brief LPM. @param addr address (host order) @param r route (out) @return found
    virtual bool Lookup(uint32_t addr, RtmRoute* r) = 0;
    /**
     * @brief Route age (RtmGetRouteAge).
     * @param r a route read from the manager
     * @param seconds whole seconds since its time stamp (out)
     * @return false if the API calls the route invalid
     */
    virtual bool RouteAge(const RtmRoute& r, uint32_t* seconds) = 0;

    /// @param r a route @return what of it this API shows
    virtual RtmRoute Visible(const RtmRoute& r) const
    {
        return r;
    }

    /// @return whether a delete reports the previous best route
    virtual bool DeleteShowsPrevious() const
    {
        return true;
    }

    /// @return problems the adapter noticed itself (e.g. a wrong GetLastError)
    std::vector<std::string>& Anomalies()
    {
        return m_anomalies;
    }

  protected:
    std::vector<std::string> m_anomalies; //!< problems seen by the adapter
};

/// The C++ API.
class CppSut : public Sut
{
  public:
    /// @param rtm the manager
    explicit CppSut(Ptr<RoutingTableManager> rtm)
        : m_rtm(rtm)
    {
    }

    uint64_t Register(RtmFamily family,
                      uint32_t protocol,
                      uint32_t flags,
                      Callback<void> signal,
                      RtmError* err) override
    {
        return m_rtm->RegisterClient(family, protocol, flags, signal, err);
    }

    RtmError Deregister(uint64_t id) override
    {
        return m_rtm->DeregisterClient(id);
    }

    RtmError Add(uint64_t id, const RtmRoute& r, Time ttl, RtmChange* out) override
    {
        return m_rtm->AddRoute(id, r, ttl, out);
    }

    RtmError Delete(uint64_t id, const RtmRoute& r, RtmChange* out) override
    {
        return m_rtm->DeleteRoute(id, r, out);
    }

    RtmError Dequeue(uint64_t id, RtmChange* out) override
    {
        return m_rtm->DequeueRouteChange(id, out);
    }

    RtmError BlockDelete(uint64_t id, uint32_t flags, const RtmRoute& c) override
    {
        return m_rtm->BlockDeleteRoutes(id, flags, c);
    }

    RtmError BlockEnable(uint64_t id, uint32_t flags, const RtmRoute& c, bool enable) override
    {
        return m_rtm->BlockSetRouteEnable(id, flags, c, enable);
    }

    RtmError BlockConvert(uint64_t id, uint32_t flags, const RtmRoute& c) override
    {
        return m_rtm->BlockConvertRoutesToStatic(id, flags, c);
    }

    RtmError GetFirst(RtmFamily f, uint32_t flags, RtmRoute* io) override
    {
        return m_rtm->GetFirstRoute(f, flags, io);
    }

    RtmError GetNext(RtmFamily f, uint32_t flags, RtmRoute* io) override
    {
        return m_rtm->GetNextRoute(f, flags, io);
    }

    uint64_t CreateEnum(RtmFamily f, uint32_t flags, const RtmRoute& c, RtmError* err) override
    {
        return m_rtm->CreateEnumeration(f, flags, c, err);
    }

    RtmError EnumNext(uint64_t e, RtmRoute* r) override
    {
        return m_rtm->EnumerateNext(e, r);
    }

    RtmError CloseEnum(uint64_t e) override
    {
        return m_rtm->CloseEnumeration(e);
    }

    bool IsRoute(RtmFamily f, uint64_t net, RtmRoute* best) override
    {
        return m_rtm->IsRoute(f, net, best);
    }

    uint32_t NetworkCount(RtmFamily f) override
    {
        return m_rtm->GetNetworkCount(f);
    }

    bool Lookup(uint32_t addr, RtmRoute* r) override
    {
        RtmRoute viaRoute;
        bool found = m_rtm->LookupIpDestination(Ipv4Address(addr), &viaRoute);
        uint32_t interface = 0;
        Ipv4Address nextHop;
        bool fast = m_rtm->LookupIpNextHop(Ipv4Address(addr), &interface, &nextHop);
        if (fast != found ||
            (found && (interface != viaRoute.interface || nextHop != viaRoute.GetIpNextHop())))
        {
            m_anomalies.push_back("LookupIpNextHop disagrees with LookupIpDestination");
        }
        *r = viaRoute;
        return found;
    }

    bool RouteAge(const RtmRoute& r, uint32_t* seconds) override
    {
        Time age = m_rtm->GetRouteAge(r);
        if (age.IsStrictlyNegative())
        {
            return false;
        }
        *seconds = static_cast<uint32_t>(age.GetNanoSeconds() / 1000000000);
        return true;
    }

  private:
    Ptr<RoutingTableManager> m_rtm; //!< the manager
};

/// The Windows facade (ns3::rtmv1), bound to a node by the simulator context.
class FacadeSut : public Sut
{
  public:
    RtmRoute Visible(const RtmRoute& r) const override
    {
        RtmRoute v = r;
        v.ttlMs = RtmRoute::INFINITE_TTL;
        v.enabled = true;
        return v;
    }

    bool DeleteShowsPrevious() const override
    {
        return false;
    }

    uint64_t Register(RtmFamily family,
                      uint32_t protocol,
                      uint32_t flags,
                      Callback<void> signal,
                      RtmError* err) override
    {
        using namespace rtmv1;
        HANDLE event = nullptr;
        if (!signal.IsNull())
        {
            event = RtmCreateChangeEvent(signal);
            if (!event)
            {
                m_anomalies.push_back("RtmCreateChangeEvent failed");
            }
        }
        SetLastError(NO_ERROR);
        HANDLE h = RtmRegisterClient(static_cast<DWORD>(family), protocol, event, flags);
        *err = h ? RtmError::Success : static_cast<RtmError>(GetLastError());
        if (event && RtmCloseChangeEvent(event) != NO_ERROR)
        {
            m_anomalies.push_back("RtmCloseChangeEvent failed");
        }
        if (h)
        {
            m_family[Token(h)] = family;
        }
        return Token(h);
    }

    RtmError Deregister(uint64_t id) override
    {
        return Code(rtmv1::RtmDeregisterClient(Handle(id)));
    }

    RtmError Add(uint64_t id, const RtmRoute& r, Time ttl, RtmChange* out) override
    {
        using namespace rtmv1;
        RtmFamily f = FamilyOf(id);
        Win route = ToWin(f, r);
        Win cur = Poison();
        Win prev = Poison();
        DWORD flags = 0xDEAD;
        DWORD seconds = ttl == Time::Max() ? INFINITE : static_cast<DWORD>(ttl.GetSeconds());
        DWORD e = RtmAddRoute(Handle(id), &route, seconds, &flags, &cur, &prev);
        if (e == NO_ERROR)
        {
            *out = ToChange(f, flags, cur, prev);
        }
        return Code(e);
    }

    RtmError Delete(uint64_t id, const RtmRoute& r, RtmChange* out) override
    {
        using namespace rtmv1;
        RtmFamily f = FamilyOf(id);
        Win route = ToWin(f, r);
        Win cur = Poison();
        DWORD flags = 0xDEAD;
        DWORD e = RtmDeleteRoute(Handle(id), &route, &flags, &cur);
        if (e == NO_ERROR)
        {
            *out = ToChange(f, flags, cur, Poison());
            out->network = r.network;
        }
        return Code(e);
    }

    RtmError Dequeue(uint64_t id, RtmChange* out) override
    {
        using namespace rtmv1;
        RtmFamily f = FamilyOf(id);
        Win cur = Poison();
        Win prev = Poison();
        DWORD flags = 0xDEAD;
        DWORD e = RtmDequeueRouteChangeMessage(Handle(id), &flags, &cur, &prev);
        if (e == NO_ERROR || e == ERROR_MORE_MESSAGES)
        {
            *out = ToChange(f, flags, cur, prev);
        }
        return Code(e);
    }

    RtmError BlockDelete(uint64_t id, uint32_t flags, const RtmRoute& c) override
    {
        Win w = ToWin(FamilyOf(id), c);
        return Code(rtmv1::RtmBlockDeleteRoutes(Handle(id), flags, &w));
    }

    RtmError BlockEnable(uint64_t id, uint32_t flags, const RtmRoute& c, bool enable) override
    {
        Win w = ToWin(FamilyOf(id), c);
        return Code(rtmv1::RtmBlockSetRouteEnable(Handle(id), flags, &w, enable ? 1 : 0));
    }

    RtmError BlockConvert(uint64_t id, uint32_t flags, const RtmRoute& c) override
    {
        Win w = ToWin(FamilyOf(id), c);
        return Code(rtmv1::RtmBlockConvertRoutesToStatic(Handle(id), flags, &w));
    }

    RtmError GetFirst(RtmFamily f, uint32_t flags, RtmRoute* io) override
    {
        Win w = ToWin(f, *io);
        uint32_t e = rtmv1::RtmGetFirstRoute(static_cast<uint32_t>(f), flags, &w);
        if (e == rtmv1::NO_ERROR)
        {
            *io = FromWin(f, w);
        }
        return Code(e);
    }

    RtmError GetNext(RtmFamily f, uint32_t flags, RtmRoute* io) override
    {
        Win w = ToWin(f, *io);
        uint32_t e = rtmv1::RtmGetNextRoute(static_cast<uint32_t>(f), flags, &w);
        if (e == rtmv1::NO_ERROR)
        {
            *io = FromWin(f, w);
        }
        return Code(e);
    }

    uint64_t CreateEnum(RtmFamily f, uint32_t flags, const RtmRoute& c, RtmError* err) override
    {
        using namespace rtmv1;
        Win w = ToWin(f, c);
        SetLastError(NO_ERROR);
        HANDLE h = RtmCreateEnumerationHandle(static_cast<uint32_t>(f), flags, &w);
        *err = h ? RtmError::Success : static_cast<RtmError>(GetLastError());
        if (h)
        {
            m_family[Token(h)] = f;
        }
        return Token(h);
    }

    RtmError EnumNext(uint64_t e, RtmRoute* r) override
    {
        Win w = Poison();
        uint32_t code = rtmv1::RtmEnumerateGetNextRoute(Handle(e), &w);
        if (code == rtmv1::NO_ERROR)
        {
            *r = FromWin(FamilyOf(e), w);
        }
        return Code(code);
    }

    RtmError CloseEnum(uint64_t e) override
    {
        return Code(rtmv1::RtmCloseEnumerationHandle(Handle(e)));
    }

    bool IsRoute(RtmFamily f, uint64_t net, RtmRoute* best) override
    {
        using namespace rtmv1;
        Win w = Poison();
        Win key = ToWin(f, [net]() {
            RtmRoute r;
            r.network = net;
            return r;
        }());
        SetLastError(ERROR_INVALID_HANDLE);
        BOOL found = f == RtmFamily::Ip ? RtmIsRoute(1, &key.ip.RR_Network, &w)
                                        : RtmIsRoute(0, &key.ipx.RR_Network, &w);
        if (!found && GetLastError() != NO_ERROR)
        {
            m_anomalies.push_back("RtmIsRoute FALSE without GetLastError() == NO_ERROR");
        }
        if (found)
        {
            *best = FromWin(f, w);
        }
        return found;
    }

    uint32_t NetworkCount(RtmFamily f) override
    {
        using namespace rtmv1;
        SetLastError(ERROR_INVALID_HANDLE);
        ULONG n = RtmGetNetworkCount(static_cast<uint32_t>(f));
        if (n == 0 && GetLastError() != NO_ERROR)
        {
            m_anomalies.push_back("RtmGetNetworkCount 0 without GetLastError() == NO_ERROR");
        }
        return n;
    }

    bool Lookup(uint32_t addr, RtmRoute* r) override
    {
        using namespace rtmv1;
        Win w = Poison();
        SetLastError(NO_ERROR);
        BOOL found = RtmLookupIPDestination(htonl(addr), &w.ip);
        if (!found && GetLastError() != ERROR_NO_ROUTES)
        {
            m_anomalies.push_back("RtmLookupIPDestination FALSE without ERROR_NO_ROUTES");
        }
        if (found)
        {
            *r = FromWin(RtmFamily::Ip, w);
        }
        return found;
    }

    bool RouteAge(const RtmRoute& r, uint32_t* seconds) override
    {
        using namespace rtmv1;
        Win w = ToWin(r.network > 0xFFFFFFFFULL ? RtmFamily::Ip : RtmFamily::Ipx, r);
        SetLastError(NO_ERROR);
        ULONG age = RtmGetRouteAge(&w);
        if (age == INFINITE)
        {
            if (GetLastError() != ERROR_INVALID_PARAMETER)
            {
                m_anomalies.push_back("RtmGetRouteAge INFINITE without ERROR_INVALID_PARAMETER");
            }
            return false;
        }
        *seconds = age;
        return true;
    }

  private:
    /// A route record of either family.
    union Win {
        rtmv1::RTM_IP_ROUTE ip;   //!< IP
        rtmv1::RTM_IPX_ROUTE ipx; //!< IPX
    };

    static Win Poison()
    {
        Win w;
        std::memset(&w, 0xA5, sizeof(w));
        return w;
    }

    static uint64_t Token(rtmv1::HANDLE h)
    {
        return static_cast<uint64_t>(reinterpret_cast<uintptr_t>(h));
    }

    static rtmv1::HANDLE Handle(uint64_t id)
    {
        return reinterpret_cast<rtmv1::HANDLE>(static_cast<uintptr_t>(id));
    }

    static RtmError Code(uint32_t e)
    {
        return static_cast<RtmError>(e);
    }

    RtmFamily FamilyOf(uint64_t id) const
    {
        auto it = m_family.find(id);
        return it == m_family.end() ? RtmFamily::Ip : it->second;
    }

    static Win ToWin(RtmFamily f, const RtmRoute& r)
    {
        Win w;
        std::memset(&w, 0, sizeof(w));
        if (f == RtmFamily::Ip)
        {
            rtmv1::RTM_IP_ROUTE& x = w.ip;
            x.RR_TimeStamp.dwLowDateTime = static_cast<uint32_t>(r.timeStamp);
            x.RR_TimeStamp.dwHighDateTime = static_cast<uint32_t>(r.timeStamp >> 32);
            x.RR_RoutingProtocol = r.protocol;
            x.RR_InterfaceID = r.interface;
            for (int i = 0; i < 4; ++i)
            {
                x.RR_ProtocolSpecificData.PSD_Data[i] = r.protocolData[i];
            }
            x.RR_Network.N_NetNumber = htonl(RtmRoute::KeyAddress(r.network));
            x.RR_Network.N_NetMask = htonl(static_cast<uint32_t>(r.network));
            x.RR_NextHopAddress.N_NetNumber = htonl(RtmRoute::KeyAddress(r.nextHop));
            x.RR_NextHopAddress.N_NetMask = htonl(static_cast<uint32_t>(r.nextHop));
            rtmv1::IP_SPECIFIC_DATA& d = x.RR_FamilySpecificData;
            d.FSD_Type = r.familyData[0];
            d.FSD_Policy = r.familyData[1];
            d.FSD_NextHopAS = r.familyData[2];
            d.FSD_Priority = r.familyData[3];
            d.FSD_Metric = r.familyData[4];
            d.FSD_Metric1 = r.familyData[5];
            d.FSD_Metric2 = r.familyData[6];
            d.FSD_Metric3 = r.familyData[7];
            d.FSD_Metric4 = r.familyData[8];
            d.FSD_Metric5 = r.familyData[9];
            d.FSD_Flags = r.familyData[10];
        }
        else
        {
            rtmv1::RTM_IPX_ROUTE& x = w.ipx;
            x.RR_TimeStamp.dwLowDateTime = static_cast<uint32_t>(r.timeStamp);
            x.RR_TimeStamp.dwHighDateTime = static_cast<uint32_t>(r.timeStamp >> 32);
            x.RR_RoutingProtocol = r.protocol;
            x.RR_InterfaceID = r.interface;
            for (int i = 0; i < 4; ++i)
            {
                x.RR_ProtocolSpecificData.PSD_Data[i] = r.protocolData[i];
            }
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

    static RtmRoute FromWin(RtmFamily f, const Win& w)
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
            for (int i = 0; i < 4; ++i)
            {
                r.protocolData[i] = x.RR_ProtocolSpecificData.PSD_Data[i];
            }
            r.network = (static_cast<uint64_t>(ntohl(x.RR_Network.N_NetNumber)) << 32) |
                        ntohl(x.RR_Network.N_NetMask);
            r.nextHop = (static_cast<uint64_t>(ntohl(x.RR_NextHopAddress.N_NetNumber)) << 32) |
                        ntohl(x.RR_NextHopAddress.N_NetMask);
            const rtmv1::IP_SPECIFIC_DATA& d = x.RR_FamilySpecificData;
            r.familyData = {d.FSD_Type,
                            d.FSD_Policy,
                            d.FSD_NextHopAS,
                            d.FSD_Priority,
                            d.FSD_Metric,
                            d.FSD_Metric1,
                            d.FSD_Metric2,
                            d.FSD_Metric3,
                            d.FSD_Metric4,
                            d.FSD_Metric5,
                            d.FSD_Flags};
        }
        else
        {
            const rtmv1::RTM_IPX_ROUTE& x = w.ipx;
            r.timeStamp =
                static_cast<int64_t>((static_cast<uint64_t>(x.RR_TimeStamp.dwHighDateTime) << 32) |
                                     x.RR_TimeStamp.dwLowDateTime);
            r.protocol = x.RR_RoutingProtocol;
            r.interface = x.RR_InterfaceID;
            for (int i = 0; i < 4; ++i)
            {
                r.protocolData[i] = x.RR_ProtocolSpecificData.PSD_Data[i];
            }
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

    static RtmChange ToChange(RtmFamily f, uint32_t flags, const Win& cur, const Win& prev)
    {
        RtmChange c;
        c.family = f;
        c.flags = flags;
        if (flags & RtmChange::CURRENT)
        {
            c.current = FromWin(f, cur);
            c.network = c.current.network;
        }
        if (flags & RtmChange::PREVIOUS)
        {
            c.previous = FromWin(f, prev);
            c.network = c.previous.network;
        }
        return c;
    }

    std::map<uint64_t, RtmFamily> m_family; //!< family of each client and enumeration handle
};

/// How a run is set up.
struct Options
{
    uint32_t seed{1};         //!< random seed
    uint32_t steps{1000};     //!< operations
    bool useNode{true};       //!< aggregate the manager to a node
    bool facade{false};       //!< drive the Windows facade instead of the C++ API
    bool ttlInSeconds{false}; //!< TTLs of whole seconds (the facade's unit)
    bool bigTables{false};    //!< no deregistrations or block deletes, few TTLs: large tables
};

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
    bool ended{false};           //!< NoMoreItems seen
};

/// Drives one random sequence against a Sut and the model.
class Harness
{
  public:
    /// @param o options
    explicit Harness(const Options& o)
        : m_opt(o),
          m_rng(o.seed)
    {
        if (o.useNode)
        {
            m_node = CreateObject<Node>();
            m_rtm = RoutingTableManager::ForNode(m_node);
        }
        else
        {
            m_rtm = CreateObject<RoutingTableManager>();
        }
        if (o.facade)
        {
            m_sut = std::make_unique<FacadeSut>();
        }
        else
        {
            m_sut = std::make_unique<CppSut>(m_rtm);
        }
        m_rtm->TraceConnectWithoutContext("BestRouteChange",
                                          MakeCallback(&Harness::OnChange, this));
        BuildPools();
        if (o.useNode)
        {
            // a second node whose handles must mean nothing here (DECISIONS 7)
            m_otherNode = CreateObject<Node>();
            Ptr<RoutingTableManager> other = RoutingTableManager::ForNode(m_otherNode);
            for (uint32_t p : {8U, 13U, 10006U})
            {
                m_foreign.push_back(other->RegisterClient(RtmFamily::Ip, p, 0, Callback<void>()));
            }
            m_foreign.push_back(
                other->RegisterClient(RtmFamily::Ipx, 0x20000, 0, Callback<void>()));
            other->AddIpRoute(m_foreign[0],
                              Ipv4Address("10.0.0.0"),
                              Ipv4Mask("255.0.0.0"),
                              Ipv4Address::GetAny(),
                              1,
                              1);
            m_foreignEnum = other->CreateEnumeration(RtmFamily::Ip, 0, RtmRoute());
        }
        // Priorities with ties, so that metrics and identities decide too.
        const uint32_t levels[] = {1, 5, 5, 120, 120, 200};
        for (uint32_t p : m_ipProtocols)
        {
            uint32_t prio = levels[Rand(6)];
            m_rtm->SetProtocolPriority(p, prio);
            m_model.SetPriority(p, prio);
        }
    }

    /// Run the sequence; failures are reported through GoogleTest.
    void Run()
    {
        uint32_t i = 0;
        for (; i < m_opt.steps && !m_failed; ++i)
        {
            RunStepAt(OpTick(i), i, true);
        }
        if (!m_failed)
        {
            // let every finite TTL run out, then check without an operation
            int64_t horizon = m_opt.ttlInSeconds ? 3 * 10000000LL : 2000000LL;
            RunStepAt(OpTick(i) + horizon, i, false);
        }
        if (!m_failed)
        {
            ++i;
            RunStepAt(OpTick(i) + (m_opt.ttlInSeconds ? 3 * 10000000LL : 2000000LL) + 10000,
                      i,
                      false,
                      true);
        }
        m_rtm->TraceDisconnectWithoutContext("BestRouteChange",
                                             MakeCallback(&Harness::OnChange, this));
    }

    /// @return counters of what ran, for a sanity check that the mix exercised everything
    const std::map<std::string, uint32_t>& GetStats() const
    {
        return m_stats;
    }

  private:
    static constexpr int64_t SPACING = 10000; //!< 1 ms between operations, in 100 ns ticks

    /// Operation times: 1 ms apart, plus a distinct sub-millisecond offset so that no TTL used
    /// (1..96 ms, 1 s, 2 s) makes an expiry coincide with an operation.
    static int64_t OpTick(uint32_t i)
    {
        return (static_cast<int64_t>(i) + 1) * SPACING + (i % 97) + 1;
    }

    uint32_t Rand(uint32_t n)
    {
        return std::uniform_int_distribution<uint32_t>(0, n - 1)(m_rng);
    }

    bool Chance(double p)
    {
        return std::uniform_real_distribution<double>(0, 1)(m_rng) < p;
    }

    template <typename T>
    const T& Pick(const std::vector<T>& v)
    {
        return v[Rand(static_cast<uint32_t>(v.size()))];
    }

    void RunStepAt(int64_t tick, uint32_t index, bool withOp, bool finale = false)
    {
        Time delay = NanoSeconds(tick * 100) - Simulator::Now();
        if (m_node)
        {
            Simulator::ScheduleWithContext(m_node->GetId(),
                                           delay,
                                           &Harness::Step,
                                           this,
                                           index,
                                           withOp,
                                           finale);
        }
        else
        {
            Simulator::Schedule(delay, &Harness::Step, this, index, withOp, finale);
        }
        Simulator::Stop(delay);
        Simulator::Run();
    }

    void OnChange(const RtmChange& c)
    {
        m_trace.push_back(RtmReferenceModel::Observed{RoutingTableManager::NowTicks(), c});
    }

    void Log(const std::string& s)
    {
        m_log.push_back(s);
        if (m_log.size() > 25)
        {
            m_log.pop_front();
        }
    }

    /// Report a failure once, with the recent history; the run stops.
    void Fail(const std::string& what)
    {
        if (m_failed)
        {
            return;
        }
        m_failed = true;
        std::ostringstream os;
        os << "seed " << m_opt.seed << (m_opt.facade ? " (facade)" : " (C++ API)") << " step "
           << m_step << " t=" << RoutingTableManager::NowTicks() << ": " << what
           << "\nrecent operations (oldest first):";
        for (const std::string& s : m_log)
        {
            os << "\n  " << s;
        }
        ADD_FAILURE() << os.str();
    }

    bool Check(bool ok, const std::function<std::string()>& what)
    {
        if (!ok)
        {
            Fail(what());
        }
        return ok && !m_failed;
    }

    static std::string Err(RtmError e)
    {
        std::ostringstream os;
        os << e;
        return os.str();
    }

    // ---- pools ---------------------------------------------------------------------------

    void BuildPools()
    {
        const uint32_t bases[] = {0x00000000,
                                  0x0A000000,
                                  0x0A000080,
                                  0x0A000100,
                                  0x0A010000,
                                  0x0AFFFFFF,
                                  0xC0A80100,
                                  0xFFFFFFFF};
        const int lens[] = {0, 1, 8, 9, 16, 24, 25, 31, 32};
        std::set<uint64_t> nets;
        for (uint32_t b : bases)
        {
            for (int len : lens)
            {
                uint32_t m = len == 0 ? 0 : 0xFFFFFFFFU << (32 - len);
                nets.insert(RtmRoute::IpKey(b & m, m));
            }
        }
        m_ipNets.assign(nets.begin(), nets.end());
        m_ipxNets = {0, 1, 2, 3, 0x10, 0x11, 0xABCD, 0xFFFFFFFF};
        m_ipHops = {0,
                    static_cast<uint64_t>(0x0A000001) << 32,
                    (static_cast<uint64_t>(0x0A000002) << 32) | 0xFFFFFF00};
        m_ipxHops = {0, 0x0000AABBCCDDULL, 0xFFFFFFFFFFFFULL};
        m_ipProtocols = {2, 8, 13, 10006, 10002, 3};
        m_ipxProtocols = {1, 2, 0x20000, 0x20002};
    }

    RtmFamily RandFamily()
    {
        return Chance(0.6) ? RtmFamily::Ip : RtmFamily::Ipx;
    }

    uint64_t RandNetwork(RtmFamily f)
    {
        return f == RtmFamily::Ip ? Pick(m_ipNets) : Pick(m_ipxNets);
    }

    uint64_t RandInvalidNetwork(RtmFamily f)
    {
        if (f == RtmFamily::Ipx)
        {
            return 0x100000000ULL | Rand(4);
        }
        switch (Rand(3))
        {
        case 0:
            return RtmRoute::IpKey(0x0A000000, 0xFF00FF00); // non-contiguous
        case 1:
            return RtmRoute::IpKey(0x0A000001, 0xFFFFFF00); // host bits set
        default:
            return RtmRoute::IpKey(0x80000000, 0x00000000); // host bits under /0
        }
    }

    /// A route with random identity and data (protocol, time stamp, TTL and state are junk the
    /// manager must overwrite or ignore).
    RtmRoute RandRoute(RtmFamily f)
    {
        RtmRoute r;
        r.network = RandNetwork(f);
        r.interface = 1 + Rand(2);
        r.protocol = Rand(1000);
        r.timeStamp = static_cast<int64_t>(Rand(1000000));
        r.ttlMs = Rand(5);
        r.enabled = Chance(0.5);
        for (uint32_t& w : r.protocolData)
        {
            w = Rand(4);
        }
        if (f == RtmFamily::Ip)
        {
            r.nextHop = Pick(m_ipHops);
            r.familyData[RtmRoute::IpType] = 3 + Rand(2);
            r.familyData[RtmRoute::IpPolicy] = Rand(2);
            r.familyData[RtmRoute::IpNextHopAs] = Rand(2);
            r.familyData[RtmRoute::IpPriority] = Rand(1000); // overwritten by the manager
            r.familyData[RtmRoute::IpMetric] = Rand(3);
            r.familyData[RtmRoute::IpMetric1] = Rand(3);
            r.familyData[RtmRoute::IpFlags] = Chance(0.85) ? 1 : (Chance(0.5) ? 0 : 2);
        }
        else
        {
            r.nextHop = Pick(m_ipxHops);
            r.familyData[0] = Rand(2);
            r.familyData[1] = Rand(3) | (Rand(3) << 16);
        }
        return r;
    }

    Time RandTtl()
    {
        if (Chance(m_opt.bigTables ? 0.97 : 0.8))
        {
            return Time::Max();
        }
        if (Chance(0.02))
        {
            return Seconds(RoutingTableManager::MAX_TTL_SECONDS + 1 + Rand(3)); // invalid
        }
        if (!m_opt.ttlInSeconds && Chance(0.02))
        {
            return MilliSeconds(-1); // invalid
        }
        if (Chance(0.02))
        {
            return Seconds(RoutingTableManager::MAX_TTL_SECONDS); // valid, never reached
        }
        if (m_opt.ttlInSeconds)
        {
            return Seconds(Rand(3));
        }
        return MilliSeconds(Rand(97)); // 0..96 ms
    }

    /// A client id: usually a live one of the family, sometimes stale or forged.
    uint64_t RandClient(bool liveOnly = false)
    {
        const auto& clients = m_model.GetClients();
        if (!liveOnly && Chance(0.05))
        {
            switch (Rand(3))
            {
            case 0:
                return m_dead.empty() ? 0 : Pick(m_dead);
            case 1:
                return Chance(0.5) || m_foreign.empty() ? 0 : Pick(m_foreign);
            default:
                return (static_cast<uint64_t>(Rand(0xFFFF)) << 40) | Rand(64);
            }
        }
        if (clients.empty())
        {
            return 0;
        }
        auto it = clients.begin();
        std::advance(it, Rand(static_cast<uint32_t>(clients.size())));
        return it->first;
    }

    RtmFamily ClientFamily(uint64_t id)
    {
        const RtmReferenceModel::Client* c = m_model.FindClient(id);
        if (c)
        {
            return c->family;
        }
        auto it = m_deadFamily.find(id);
        return it == m_deadFamily.end() ? RtmFamily::Ip : it->second;
    }

    /// Criteria for block operations and enumerations, biased to hit something.
    RtmRoute RandCriteria(RtmFamily f)
    {
        RtmRoute c = RandRoute(f);
        const auto& entries = m_model.Table(f).GetEntries();
        if (!entries.empty() && Chance(0.7))
        {
            const RtmRoute& e = entries[Rand(static_cast<uint32_t>(entries.size()))].route;
            c.network = e.network;
            c.interface = Chance(0.8) ? e.interface : c.interface;
            c.protocol = Chance(0.8) ? e.protocol : c.protocol;
        }
        else
        {
            c.protocol = f == RtmFamily::Ip ? Pick(m_ipProtocols) : Pick(m_ipxProtocols);
        }
        return c;
    }

    uint32_t RandFlags()
    {
        if (Chance(0.03))
        {
            return 0x10 | Rand(16);
        }
        return Rand(16);
    }

    // ---- reading the implementation -----------------------------------------------------

    /// The implementation's routes of one network, in order (read through RtmTable::Collect).
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

    /// Apply a batch to the model and check it against the published changes.
    void Batch(RtmFamily f,
               const std::vector<RtmReferenceModel::Step>& steps,
               const std::vector<RtmReferenceModel::Observed>& observed,
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
        if (!m_model.ApplyBatch(f, steps, observed, actual, &why))
        {
            Fail(what + ": " + why);
        }
    }

    std::vector<RtmReferenceModel::Observed> TakeTrace(RtmFamily f)
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

    // ---- one step ------------------------------------------------------------------------

    void Step(uint32_t index, bool withOp, bool finale)
    {
        m_step = index;
        int64_t now = RoutingTableManager::NowTicks();
        // 1. whatever aged out since the last step
        for (RtmFamily f : {RtmFamily::Ip, RtmFamily::Ipx})
        {
            std::vector<RtmReferenceModel::Step> aged = m_model.PlanAging(f, now);
            std::vector<RtmReferenceModel::Observed> seen = TakeTrace(f);
            if (!aged.empty() || !seen.empty())
            {
                ++m_stats["aged-batches"];
                m_stats["aged-routes"] += static_cast<uint32_t>(aged.size());
                Batch(f, aged, seen, "aging");
            }
        }
        m_trace.clear();
        if (m_failed)
        {
            return;
        }
        CheckSignals();
        if (withOp)
        {
            RandomOp();
        }
        if (finale && !m_failed)
        {
            DeregisterAll();
        }
        if (!m_failed)
        {
            CheckAll();
        }
        m_trace.clear();
    }

    void CheckSignals()
    {
        for (const auto& [id, c] : m_model.GetClients())
        {
            uint64_t fired = m_fires.count(id) ? *m_fires[id] : 0;
            if (!Check(fired == c.fires, [&]() -> std::string {
                    return "client " + std::to_string(id) + " signal fired " +
                           std::to_string(fired) + " times, model says " + std::to_string(c.fires);
                }))
            {
                return;
            }
        }
        Check(m_wrongContext == 0,
              [&]() -> std::string { return "a change signal ran outside the node's context"; });
    }

    void RandomOp()
    {
        // weights per thousand; deregistrations and wide block deletes are rare so that tables
        // grow to a few hundred routes
        uint32_t r = Rand(1000);
        if (m_opt.bigTables && ((r >= 30 && r < 38) || (r >= 720 && r < 735)))
        {
            r = 100; // an add instead of a deregistration or a block delete
        }
        if (r < 30)
        {
            OpRegister();
        }
        else if (r < 38)
        {
            OpDeregister();
        }
        else if (r < 500)
        {
            OpAdd();
        }
        else if (r < 600)
        {
            OpDelete();
        }
        else if (r < 720)
        {
            OpDequeue();
        }
        else if (r < 735)
        {
            OpBlock(0);
        }
        else if (r < 780)
        {
            OpBlock(1);
        }
        else if (r < 800)
        {
            OpBlock(2);
        }
        else if (r < 807)
        {
            OpPriority();
        }
        else if (r < 850)
        {
            OpEnumOpen();
        }
        else if (r < 970)
        {
            OpEnumAdvance();
        }
        else
        {
            OpEnumClose();
        }
        for (const std::string& a : m_sut->Anomalies())
        {
            Fail("adapter: " + a);
        }
        m_sut->Anomalies().clear();
    }

    void OpRegister()
    {
        ++m_stats["register"];
        RtmFamily f = RandFamily();
        uint32_t protocol = f == RtmFamily::Ip ? Pick(m_ipProtocols) : Pick(m_ipxProtocols);
        uint32_t flags = Chance(0.3) ? 1 : 0;
        if (Chance(0.03) && !m_model.FindClient(f, protocol))
        {
            flags |= 0x2 << Rand(4); // invalid flag bit
        }
        // the OSPF-like protocols usually register with RTM_PROTOCOL_SINGLE_ROUTE
        if ((protocol == 13 || protocol == 0x20002) && Chance(0.8))
        {
            flags |= 1;
        }
        bool signal = Chance(0.75);
        RtmError want = m_model.ExpectRegister(f, protocol, flags);
        auto counter = std::make_shared<uint64_t>(0);
        Callback<void> cb;
        if (signal)
        {
            uint32_t expectContext = m_node ? m_node->GetId() : Simulator::NO_CONTEXT;
            bool checkContext = m_node != nullptr;
            uint32_t* wrong = &m_wrongContext;
            cb = Callback<void>([counter, expectContext, checkContext, wrong]() {
                ++*counter;
                if (checkContext && Simulator::GetContext() != expectContext)
                {
                    ++*wrong;
                }
            });
        }
        RtmError got = RtmError::NotEnoughMemory;
        uint64_t id = m_sut->Register(f, protocol, flags, cb, &got);
        std::ostringstream os;
        os << "Register(fam=" << static_cast<int>(f) << " proto=" << protocol << " flags=" << flags
           << " signal=" << signal << ") -> " << got << " id=" << id;
        Log(os.str());
        if (!Check(got == want,
                   [&]() -> std::string { return os.str() + ", expected " + Err(want); }) ||
            !Check((id != 0) == (want == RtmError::Success),
                   [&]() -> std::string { return "id and status disagree"; }))
        {
            return;
        }
        if (id != 0)
        {
            Check(m_seenIds.insert(id).second,
                  [&]() -> std::string { return "a client token was reused"; });
            m_model.Register(id, f, protocol, flags, signal);
            m_fires[id] = counter;
        }
    }

    void OpDeregister()
    {
        ++m_stats["deregister"];
        uint64_t id = RandClient();
        RtmFamily f = RtmFamily::Ip;
        std::vector<RtmReferenceModel::Step> steps;
        RtmError want = m_model.Deregister(id, RoutingTableManager::NowTicks(), &f, &steps);
        RtmError got = m_sut->Deregister(id);
        std::ostringstream os;
        os << "Deregister(" << id << ") -> " << got << " (" << steps.size() << " routes)";
        Log(os.str());
        if (!Check(got == want,
                   [&]() -> std::string { return os.str() + ", expected " + Err(want); }))
        {
            return;
        }
        if (want == RtmError::Success)
        {
            m_dead.push_back(id);
            m_deadFamily[id] = f;
            m_fires.erase(id);
            Batch(f, steps, TakeTrace(f), "deregistration");
            Check(TakeTrace(f == RtmFamily::Ip ? RtmFamily::Ipx : RtmFamily::Ip).empty(),
                  [&]() -> std::string { return "deregistration changed the other family"; });
            // the handle is dead now
            Check(m_sut->Deregister(id) == RtmError::InvalidHandle, [&]() -> std::string {
                return "second deregistration did not give ERROR_INVALID_HANDLE";
            });
        }
        else
        {
            Check(m_trace.empty(),
                  [&]() -> std::string { return "a failed deregistration published changes"; });
        }
    }

    /// Compare a change result, as far as the API shows it.
    bool SameResult(const RtmChange& want, const RtmChange& got, bool isDelete)
    {
        RtmChange v = want;
        v.previous = m_sut->Visible(v.previous);
        v.current = m_sut->Visible(v.current);
        if (isDelete && !m_sut->DeleteShowsPrevious())
        {
            // RtmDeleteRoute has no PrevBestRoute: compare the flags and CurBestRoute only
            if (v.flags != got.flags)
            {
                return false;
            }
            return !(v.flags & RtmChange::CURRENT) || v.current == got.current;
        }
        return SameChange(v, got);
    }

    /// The published changes of an add or delete: exactly the caller's result.
    void CheckPublished(const RtmChange& want, const std::string& what)
    {
        if (want.flags == 0)
        {
            Check(m_trace.empty(), [&]() -> std::string {
                return what + ": changes published though the best route stayed";
            });
            return;
        }
        if (Check(m_trace.size() == 1, [&]() -> std::string {
                return what + ": expected exactly one published change, got " +
                       std::to_string(m_trace.size());
            }))
        {
            Check(SameChange(want, m_trace[0].change), [&]() -> std::string {
                return what + ": published " + ToString(m_trace[0].change) + ", expected " +
                       ToString(want);
            });
        }
    }

    void OpAdd()
    {
        ++m_stats["add"];
        uint64_t id = RandClient();
        RtmFamily f = ClientFamily(id);
        RtmRoute r = RandRoute(f);
        const RtmReferenceModel::Client* c = m_model.FindClient(id);
        if (c && Chance(0.25))
        {
            // update one of its own routes (same identity), often with other data
            RtmRoute crit;
            crit.protocol = c->protocol;
            std::vector<RtmRoute> own = m_model.Table(f).Sorted(rtmref::ONLY_PROTOCOL, crit);
            if (!own.empty())
            {
                const RtmRoute& o = Pick(own);
                r.network = o.network;
                r.interface = o.interface;
                r.nextHop = o.nextHop;
                if (Chance(0.3))
                {
                    r.familyData = o.familyData; // an update that changes nothing significant
                }
            }
        }
        // (the facade's IPX fields cannot even hold an invalid network or next hop)
        if (Chance(0.02) && (f == RtmFamily::Ip || !m_opt.facade))
        {
            r.network = RandInvalidNetwork(f);
        }
        if (f == RtmFamily::Ipx && !m_opt.facade && Chance(0.01))
        {
            r.nextHop = 1ULL << 48; // not a MAC address
        }
        Time ttl = RandTtl();
        ++m_stats[ttl == Time::Max() ? "ttl-infinite" : (ttl.IsZero() ? "ttl-zero" : "ttl-finite")];
        int64_t now = RoutingTableManager::NowTicks();
        RtmChange want;
        RtmError wantErr = m_model.Add(id, r, ttl, now, &want);
        RtmChange got;
        RtmError gotErr = m_sut->Add(id, r, ttl, &got);
        std::ostringstream os;
        os << "Add(client=" << id << " ttl=" << (ttl == Time::Max() ? -1 : ttl.GetMilliSeconds())
           << "ms route=[" << r << "]) -> " << gotErr << " flags=" << got.flags;
        Log(os.str());
        if (!Check(gotErr == wantErr,
                   [&]() -> std::string { return os.str() + ", expected " + Err(wantErr); }))
        {
            return;
        }
        if (wantErr != RtmError::Success)
        {
            Check(m_trace.empty(),
                  [&]() -> std::string { return "a failed add published changes"; });
            return;
        }
        ++m_stats["add-flags-" + std::to_string(want.flags)];
        if (!Check(SameResult(want, got, false), [&]() -> std::string {
                return "add result " + ToString(got) + ", expected " + ToString(want);
            }))
        {
            return;
        }
        CheckPublished(want, "add");
    }

    void OpDelete()
    {
        ++m_stats["delete"];
        uint64_t id = RandClient();
        RtmFamily f = ClientFamily(id);
        RtmRoute r = RandRoute(f);
        const RtmReferenceModel::Client* c = m_model.FindClient(id);
        if (c && Chance(0.75))
        {
            RtmRoute crit;
            crit.protocol = c->protocol;
            std::vector<RtmRoute> own = m_model.Table(f).Sorted(rtmref::ONLY_PROTOCOL, crit);
            if (!own.empty())
            {
                const RtmRoute& o = Pick(own);
                r.network = o.network;
                if (!c->single || Chance(0.5))
                {
                    r.interface = o.interface;
                    r.nextHop = o.nextHop;
                }
            }
        }
        if (Chance(0.02) && (f == RtmFamily::Ip || !m_opt.facade))
        {
            r.network = RandInvalidNetwork(f);
        }
        RtmChange want;
        RtmError wantErr = m_model.Delete(id, r, &want);
        RtmChange got;
        RtmError gotErr = m_sut->Delete(id, r, &got);
        std::ostringstream os;
        os << "Delete(client=" << id << " route=[" << r << "]) -> " << gotErr
           << " flags=" << got.flags;
        Log(os.str());
        if (!Check(gotErr == wantErr,
                   [&]() -> std::string { return os.str() + ", expected " + Err(wantErr); }))
        {
            return;
        }
        if (wantErr != RtmError::Success)
        {
            Check(m_trace.empty(),
                  [&]() -> std::string { return "a failed delete published changes"; });
            return;
        }
        ++m_stats["delete-flags-" + std::to_string(want.flags)];
        if (!Check(SameResult(want, got, true), [&]() -> std::string {
                return "delete result " + ToString(got) + ", expected " + ToString(want);
            }))
        {
            return;
        }
        CheckPublished(want, "delete");
    }

    void OpDequeue()
    {
        ++m_stats["dequeue"];
        uint64_t id = RandClient();
        uint32_t n = Chance(0.3) ? 1000 : 1 + Rand(3);
        for (uint32_t k = 0; k < n && !m_failed; ++k)
        {
            RtmChange want;
            RtmError wantErr = m_model.Dequeue(id, &want);
            RtmChange got;
            RtmError gotErr = m_sut->Dequeue(id, &got);
            std::ostringstream os;
            os << "Dequeue(" << id << ") -> " << gotErr;
            if (k == 0 || gotErr != RtmError::MoreData)
            {
                Log(os.str());
            }
            if (!Check(gotErr == wantErr,
                       [&]() -> std::string { return os.str() + ", expected " + Err(wantErr); }))
            {
                return;
            }
            if (wantErr == RtmError::Success || wantErr == RtmError::MoreData)
            {
                ++m_stats["dequeued"];
                RtmChange v = want;
                v.previous = m_sut->Visible(v.previous);
                v.current = m_sut->Visible(v.current);
                if (!Check(SameChange(v, got), [&]() -> std::string {
                        return "dequeued " + ToString(got) + ", expected " + ToString(v);
                    }))
                {
                    return;
                }
            }
            if (wantErr != RtmError::MoreData)
            {
                break;
            }
        }
    }

    /// kind 0: delete, 1: set enable, 2: convert to static.
    void OpBlock(int kind)
    {
        uint64_t id = RandClient();
        RtmFamily f = ClientFamily(id);
        uint32_t flags = RandFlags();
        RtmRoute crit = RandCriteria(f);
        if (kind != 2 && Chance(0.5))
        {
            flags &= ~rtmref::ONLY_BEST; // mostly the flags the SDK names
        }
        if (kind == 0 && Chance(0.7))
        {
            flags |= rtmref::ONLY_NETWORK; // wide deletes are rare
        }
        int64_t now = RoutingTableManager::NowTicks();
        std::vector<RtmReferenceModel::Step> steps;
        RtmError want;
        RtmError got;
        RtmFamily fam = f;
        std::string name;
        if (kind == 0)
        {
            name = "BlockDelete";
            want = m_model.PlanBlockOwn(id,
                                        flags,
                                        crit,
                                        RtmReferenceModel::Step::Remove,
                                        now,
                                        &fam,
                                        &steps);
            got = m_sut->BlockDelete(id, flags, crit);
        }
        else if (kind == 1)
        {
            bool enable = Chance(0.5);
            name = enable ? "BlockEnable" : "BlockDisable";
            want = m_model.PlanBlockOwn(id,
                                        flags,
                                        crit,
                                        enable ? RtmReferenceModel::Step::Enable
                                               : RtmReferenceModel::Step::Disable,
                                        now,
                                        &fam,
                                        &steps);
            got = m_sut->BlockEnable(id, flags, crit, enable);
        }
        else
        {
            name = "BlockConvert";
            want = m_model.PlanConvert(id, flags, crit, now, &fam, &steps);
            got = m_sut->BlockConvert(id, flags, crit);
        }
        ++m_stats[name];
        std::ostringstream os;
        os << name << "(client=" << id << " flags=0x" << std::hex << flags << std::dec << " crit=["
           << crit << "]) -> " << got << " (" << steps.size() << " routes)";
        Log(os.str());
        if (!Check(got == want,
                   [&]() -> std::string { return os.str() + ", expected " + Err(want); }))
        {
            return;
        }
        if (want != RtmError::Success)
        {
            Check(m_trace.empty(),
                  [&]() -> std::string { return "a failed block operation published changes"; });
            return;
        }
        m_stats[name + "-routes"] += static_cast<uint32_t>(steps.size());
        m_stats[name + "-changes"] += static_cast<uint32_t>(m_trace.size());
        Batch(fam, steps, TakeTrace(fam), name);
    }

    void OpPriority()
    {
        ++m_stats["priority"];
        uint32_t p = Pick(m_ipProtocols);
        uint32_t prio = Chance(0.5) ? 5 : Rand(300);
        m_rtm->SetProtocolPriority(p, prio);
        m_model.SetPriority(p, prio);
        Log("SetProtocolPriority(" + std::to_string(p) + ", " + std::to_string(prio) + ")");
        Check(m_rtm->GetProtocolPriority(p) == prio,
              [&]() -> std::string { return "GetProtocolPriority"; });
    }

    // ---- snapshot enumerations ---------------------------------------------------------------

    void OpEnumOpen()
    {
        ++m_stats["enum-open"];
        if (m_enums.size() >= 3)
        {
            OpEnumClose();
            return;
        }
        RtmFamily f = RandFamily();
        uint32_t flags = Rand(16);
        RtmRoute crit = RandCriteria(f);
        std::vector<uint64_t> uids = m_model.Table(f).Select(flags, crit);
        RtmError err = RtmError::NotEnoughMemory;
        uint64_t id = m_sut->CreateEnum(f, flags, crit, &err);
        RtmError want = uids.empty() ? RtmError::NoMoreItems : RtmError::Success;
        std::ostringstream os;
        os << "CreateEnumeration(fam=" << static_cast<int>(f) << " flags=" << flags << ") -> "
           << err << " (" << uids.size() << " routes)";
        Log(os.str());
        if (!Check(err == want,
                   [&]() -> std::string { return os.str() + ", expected " + Err(want); }) ||
            !Check((id != 0) == !uids.empty(),
                   [&]() -> std::string { return "enumeration id and status disagree"; }))
        {
            return;
        }
        if (id != 0)
        {
            OpenEnum e;
            e.id = id;
            e.family = f;
            e.flags = flags;
            e.criteria = crit;
            e.snapshot.insert(uids.begin(), uids.end());
            e.stable = e.snapshot;
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

    void OpEnumAdvance()
    {
        ++m_stats["enum-advance"];
        if (m_enums.empty())
        {
            OpEnumOpen();
            return;
        }
        OpenEnum& e = m_enums[Rand(static_cast<uint32_t>(m_enums.size()))];
        uint32_t n = 1 + Rand(4);
        const RefTable& t = m_model.Table(e.family);
        for (uint32_t k = 0; k < n && !m_failed; ++k)
        {
            RtmRoute r;
            RtmError err = m_sut->EnumNext(e.id, &r);
            if (err == RtmError::NoMoreItems)
            {
                UpdateEnumerations(); // entries may have aged out since the last step
                for (uint64_t uid : e.stable)
                {
                    if (!Check(e.returned.count(uid) != 0, [&]() -> std::string {
                            return "snapshot enumeration ended without returning " +
                                   ToString(t.FindUid(uid)->route);
                        }))
                    {
                        return;
                    }
                }
                e.ended = true;
                ++m_stats["enum-ended"];
                return;
            }
            if (!Check(err == RtmError::Success, [&]() -> std::string {
                    return "EnumerateNext gave " + Err(err) + (e.ended ? " after the end" : "");
                }))
            {
                return;
            }
            if (!Check(!e.ended, [&]() -> std::string {
                    return "EnumerateNext returned a route after ERROR_NO_MORE_ROUTES";
                }))
            {
                return;
            }
            // DECISIONS 16: a route of the snapshot that still exists. Whether the criteria are
            // evaluated again when it is reached is left open, so a route that stopped
            // matching may or may not come; one that matched all along must (checked at the end).
            const RefTable::Entry* entry = EntryOf(e.family, r);
            if (!Check(entry != nullptr, [&]() -> std::string {
                    return "EnumerateNext returned a route that does not exist: " + ToString(r);
                }))
            {
                return;
            }
            if (!Check(e.snapshot.count(entry->uid) != 0,
                       [&]() -> std::string {
                           return "EnumerateNext returned a route added after the snapshot: " +
                                  ToString(r);
                       }) ||
                !Check(e.returned.insert(entry->uid).second,
                       [&]() -> std::string {
                           return "EnumerateNext returned a route twice: " + ToString(r);
                       }) ||
                !Check(m_sut->Visible(entry->route) == r, [&]() -> std::string {
                    return "EnumerateNext returned " + ToString(r) + ", the entry is " +
                           ToString(entry->route);
                }))
            {
                return;
            }
        }
    }

    void OpEnumClose()
    {
        ++m_stats["enum-close"];
        if (m_foreignEnum != 0 && Chance(0.3))
        {
            RtmRoute r;
            Check(
                m_sut->EnumNext(m_foreignEnum, &r) == RtmError::InvalidHandle &&
                    m_sut->CloseEnum(m_foreignEnum) == RtmError::InvalidHandle,
                [&]() -> std::string { return "another node's enumeration handle was accepted"; });
            Ptr<RoutingTableManager> other = RoutingTableManager::ForNode(m_otherNode);
            Check(other->EnumerateNext(m_foreignEnum, &r) != RtmError::InvalidHandle,
                  [&]() -> std::string { return "the other node's enumeration was closed"; });
            return;
        }
        if (m_enums.empty())
        {
            Check(m_sut->CloseEnum(0) == RtmError::InvalidHandle,
                  [&]() -> std::string { return "closing handle 0"; });
            return;
        }
        uint32_t i = Rand(static_cast<uint32_t>(m_enums.size()));
        uint64_t id = m_enums[i].id;
        m_enums.erase(m_enums.begin() + i);
        Log("CloseEnumeration(" + std::to_string(id) + ")");
        if (Check(m_sut->CloseEnum(id) == RtmError::Success,
                  [&]() -> std::string { return "CloseEnumeration failed"; }) &&
            Check(m_sut->CloseEnum(id) == RtmError::InvalidHandle, [&]() -> std::string {
                return "closing twice did not give ERROR_INVALID_HANDLE";
            }))
        {
            RtmRoute r;
            Check(m_sut->EnumNext(id, &r) == RtmError::InvalidHandle, [&]() -> std::string {
                return "EnumerateNext on a closed handle did not give ERROR_INVALID_HANDLE";
            });
        }
    }

    void UpdateEnumerations()
    {
        for (OpenEnum& e : m_enums)
        {
            const RefTable& t = m_model.Table(e.family);
            for (auto it = e.stable.begin(); it != e.stable.end();)
            {
                const RefTable::Entry* entry = t.FindUid(*it);
                if (!entry || !t.Matches(*entry, e.flags, e.criteria))
                {
                    it = e.stable.erase(it);
                }
                else
                {
                    ++it;
                }
            }
        }
    }

    // ---- the full comparison ---------------------------------------------------------------

    bool Walk(RtmFamily f, uint32_t flags, const RtmRoute& crit, const std::string& what)
    {
        std::vector<RtmRoute> want = m_model.Table(f).Sorted(flags, crit);
        std::vector<RtmRoute> got;
        RtmRoute r = crit;
        RtmError e = m_sut->GetFirst(f, flags, &r);
        while (e == RtmError::Success && got.size() <= want.size() + 2)
        {
            got.push_back(r);
            e = m_sut->GetNext(f, flags, &r);
        }
        if (!Check(e == RtmError::NoMoreItems || got.size() > want.size() + 2,
                   [&]() -> std::string { return what + ": ordered walk ended with " + Err(e); }))
        {
            return false;
        }
        std::size_t n = std::max(want.size(), got.size());
        for (std::size_t i = 0; i < n; ++i)
        {
            if (i >= got.size() || i >= want.size() || m_sut->Visible(want[i]) != got[i])
            {
                std::ostringstream os;
                os << what << " (family " << static_cast<int>(f) << ", flags " << flags
                   << "): ordered walk differs at position " << i << " of " << want.size()
                   << " expected / " << got.size() << " returned"
                   << "\n  expected: " << (i < want.size() ? ToString(want[i]) : "<end>")
                   << "\n  returned: " << (i < got.size() ? ToString(got[i]) : "<end>");
                Fail(os.str());
                return false;
            }
        }
        return true;
    }

    void CheckAll()
    {
        UpdateEnumerations();
        for (RtmFamily f : {RtmFamily::Ip, RtmFamily::Ipx})
        {
            const RefTable& t = m_model.Table(f);
            uint32_t& most = m_stats[f == RtmFamily::Ip ? "max-ip-routes" : "max-ipx-routes"];
            most = std::max(most, t.GetRouteCount());
            if (!Check(m_sut->NetworkCount(f) == t.GetNetworkCount(),
                       [&]() -> std::string {
                           return "network count " + std::to_string(m_sut->NetworkCount(f)) +
                                  ", expected " + std::to_string(t.GetNetworkCount());
                       }) ||
                !Check(m_rtm->GetRouteCount(f) == t.GetRouteCount(), [&]() -> std::string {
                    return "route count " + std::to_string(m_rtm->GetRouteCount(f)) +
                           ", expected " + std::to_string(t.GetRouteCount());
                }))
            {
                return;
            }
            // every route belongs to a registered protocol of its family
            for (const RefTable::Entry& e : t.GetEntries())
            {
                if (!Check(m_model.FindClient(f, e.route.protocol) != 0, [&]() -> std::string {
                        return "model invariant: route of an unregistered protocol " +
                               ToString(e.route);
                    }))
                {
                    return;
                }
            }
            // full table, in order
            if (!Walk(f, 0, RtmRoute(), "full table"))
            {
                return;
            }
            // best route of every network of the pool
            const std::vector<uint64_t>& nets = f == RtmFamily::Ip ? m_ipNets : m_ipxNets;
            for (uint64_t n : nets)
            {
                RtmRoute want;
                RtmRoute got;
                bool w = t.GetBest(n, &want);
                bool g = m_sut->IsRoute(f, n, &got);
                if (!Check(w == g && (!w || m_sut->Visible(want) == got), [&]() -> std::string {
                        return "IsRoute(0x" + ToHex(n) + ") = " + std::to_string(g) + " " +
                               (g ? ToString(got) : "") + ", expected " + std::to_string(w) + " " +
                               (w ? ToString(want) : "");
                    }))
                {
                    return;
                }
            }
        }
        // a filtered ordered walk and a GetNext from an arbitrary cursor
        {
            RtmFamily f = RandFamily();
            uint32_t flags = Rand(16);
            RtmRoute crit = RandCriteria(f);
            if (!Walk(f, flags, crit, "filtered walk"))
            {
                return;
            }
            RtmRoute cursor = RandCriteria(f);
            if (Chance(0.5))
            {
                cursor.nextHop = f == RtmFamily::Ip ? Pick(m_ipHops) : Pick(m_ipxHops);
                cursor.interface = Rand(4);
            }
            flags = Rand(16);
            RtmRoute want;
            bool found = false;
            for (const RtmRoute& r : m_model.Table(f).Sorted(flags, cursor))
            {
                if (OrderLess(cursor, r))
                {
                    want = r;
                    found = true;
                    break;
                }
            }
            RtmRoute got = cursor;
            RtmError e = m_sut->GetNext(f, flags, &got);
            if (!Check(e == (found ? RtmError::Success : RtmError::NoMoreItems) &&
                           (!found || m_sut->Visible(want) == got),
                       [&]() -> std::string {
                           return "GetNextRoute(flags " + std::to_string(flags) + ", cursor " +
                                  ToString(cursor) + ") -> " + Err(e) + " " + ToString(got) +
                                  ", expected " + (found ? ToString(want) : "ERROR_NO_ROUTES");
                       }))
            {
                return;
            }
        }
        // a full handle enumeration: the same set
        {
            RtmFamily f = RandFamily();
            uint32_t flags = Chance(0.3) ? 0 : Rand(16);
            RtmRoute crit = RandCriteria(f);
            std::vector<RtmRoute> want = m_model.Table(f).Sorted(flags, crit);
            for (RtmRoute& r : want)
            {
                r = m_sut->Visible(r);
            }
            RtmError err = RtmError::NotEnoughMemory;
            uint64_t id = m_sut->CreateEnum(f, flags, crit, &err);
            std::vector<RtmRoute> got;
            if (id != 0)
            {
                RtmRoute r;
                RtmError e;
                while ((e = m_sut->EnumNext(id, &r)) == RtmError::Success &&
                       got.size() <= want.size())
                {
                    got.push_back(r);
                }
                Check(e == RtmError::NoMoreItems,
                      [&]() -> std::string { return "EnumerateNext ended with " + Err(e); });
                Check(m_sut->EnumNext(id, &r) == RtmError::NoMoreItems, [&]() -> std::string {
                    return "EnumerateNext after the end did not give ERROR_NO_MORE_ROUTES again";
                });
                Check(m_sut->CloseEnum(id) == RtmError::Success,
                      [&]() -> std::string { return "CloseEnumeration"; });
            }
            std::sort(got.begin(), got.end(), OrderLess);
            if (!Check(err == (want.empty() ? RtmError::NoMoreItems : RtmError::Success),
                       [&]() -> std::string {
                           return "CreateEnumeration(flags " + std::to_string(flags) + ") -> " +
                                  Err(err) + " with " + std::to_string(want.size()) +
                                  " matching routes";
                       }) ||
                !Check(got == want, [&]() -> std::string {
                    return "handle enumeration (flags " + std::to_string(flags) + ") returned " +
                           std::to_string(got.size()) + " routes, expected " +
                           std::to_string(want.size());
                }))
            {
                return;
            }
        }
        // queues
        for (const auto& [id, c] : m_model.GetClients())
        {
            if (!Check(m_rtm->GetQueueLength(id) == c.queue.size(), [&]() -> std::string {
                    return "client " + std::to_string(id) + " queue length " +
                           std::to_string(m_rtm->GetQueueLength(id)) + ", expected " +
                           std::to_string(c.queue.size());
                }))
            {
                return;
            }
        }
        for (uint64_t id : m_dead)
        {
            if (!Check(m_rtm->GetQueueLength(id) == 0,
                       [&]() -> std::string { return "a deregistered client has a queue"; }))
            {
                return;
            }
        }
        // route age of a few routes (RR_TimeStamp is the last add or update)
        for (RtmFamily f : {RtmFamily::Ip, RtmFamily::Ipx})
        {
            const auto& entries = m_model.Table(f).GetEntries();
            if (entries.empty())
            {
                continue;
            }
            // the newest route (often stamped in this very instant) and a random one
            const RtmRoute* newest = &entries[0].route;
            for (const RefTable::Entry& e : entries)
            {
                newest = e.route.timeStamp > newest->timeStamp ? &e.route : newest;
            }
            for (const RtmRoute* r :
                 {newest, &entries[Rand(static_cast<uint32_t>(entries.size()))].route})
            {
                int64_t now = RoutingTableManager::NowTicks();
                uint32_t want = static_cast<uint32_t>((now - r->timeStamp) / 10000000);
                uint32_t got = 0xFFFFFFFF;
                bool ok = m_sut->RouteAge(*r, &got);
                if (!Check(ok && got == want, [&]() -> std::string {
                        return "route age of " + ToString(*r) + " at " + std::to_string(now) +
                               ": " + (ok ? std::to_string(got) : std::string("invalid")) +
                               ", expected " + std::to_string(want) + " s";
                    }))
                {
                    return;
                }
            }
        }
        // longest-prefix match
        for (int k = 0; k < 8; ++k)
        {
            uint32_t addr = RandAddress();
            RtmRoute want;
            RtmRoute got;
            bool w = m_model.Table(RtmFamily::Ip).LookupIp(addr, &want);
            bool g = m_sut->Lookup(addr, &got);
            if (!Check(w == g && (!w || m_sut->Visible(want) == got), [&]() -> std::string {
                    return "LookupIpDestination(" + ToHex(addr) + ") = " + std::to_string(g) + " " +
                           (g ? ToString(got) : "") + ", expected " + std::to_string(w) + " " +
                           (w ? ToString(want) : "");
                }))
            {
                return;
            }
        }
        for (const std::string& a : m_sut->Anomalies())
        {
            Fail("adapter: " + a);
        }
        m_sut->Anomalies().clear();
    }

    uint32_t RandAddress()
    {
        switch (Rand(5))
        {
        case 0:
            return static_cast<uint32_t>(m_rng());
        case 1:
            return Chance(0.5) ? 0 : 0xFFFFFFFF;
        default: {
            uint64_t n = Pick(m_ipNets);
            uint32_t number = RtmRoute::KeyAddress(n);
            uint32_t mask = static_cast<uint32_t>(n);
            uint32_t host =
                Chance(0.3) ? 0 : (Chance(0.5) ? ~mask : static_cast<uint32_t>(m_rng()));
            uint32_t a = number | (host & ~mask);
            if (Chance(0.2))
            {
                a += Chance(0.5) ? 1 : -1; // just outside (or inside) the prefix
            }
            return a;
        }
        }
    }

    static std::string ToHex(uint64_t v)
    {
        std::ostringstream os;
        os << std::hex << v;
        return os.str();
    }

    /// Finale: every client leaves; the tables must end empty.
    void DeregisterAll()
    {
        std::vector<uint64_t> ids;
        for (const auto& [id, c] : m_model.GetClients())
        {
            ids.push_back(id);
        }
        for (uint64_t id : ids)
        {
            RtmFamily f = RtmFamily::Ip;
            std::vector<RtmReferenceModel::Step> steps;
            m_model.Deregister(id, RoutingTableManager::NowTicks(), &f, &steps);
            m_trace.clear();
            RtmError got = m_sut->Deregister(id);
            Log("finale Deregister(" + std::to_string(id) + ") -> " + Err(got));
            if (!Check(got == RtmError::Success,
                       [&]() -> std::string { return "finale deregistration failed"; }))
            {
                return;
            }
            m_dead.push_back(id);
            m_deadFamily[id] = f;
            Batch(f, steps, TakeTrace(f), "finale deregistration");
            m_fires.erase(id);
            if (m_failed)
            {
                return;
            }
        }
        for (RtmFamily f : {RtmFamily::Ip, RtmFamily::Ipx})
        {
            Check(m_rtm->GetRouteCount(f) == 0 && m_sut->NetworkCount(f) == 0,
                  [&]() -> std::string { return "routes left after every client deregistered"; });
        }
        RtmRoute r;
        Check(!m_sut->Lookup(0x0A000001, &r),
              [&]() -> std::string { return "a lookup succeeds in an empty table"; });
    }

    Options m_opt;                                         //!< options
    std::mt19937 m_rng;                                    //!< randomness
    Ptr<Node> m_node;                                      //!< node (optional)
    Ptr<Node> m_otherNode;                                 //!< another node (with m_node)
    std::vector<uint64_t> m_foreign;                       //!< client tokens of the other node
    uint64_t m_foreignEnum{0};                             //!< an enumeration of the other node
    Ptr<RoutingTableManager> m_rtm;                        //!< the implementation
    std::unique_ptr<Sut> m_sut;                            //!< how it is driven
    RtmReferenceModel m_model;                             //!< the model
    std::vector<RtmReferenceModel::Observed> m_trace;      //!< published changes not yet checked
    std::map<uint64_t, std::shared_ptr<uint64_t>> m_fires; //!< signal counts of live clients
    uint32_t m_wrongContext{0};                            //!< signals outside the node's context
    std::vector<uint64_t> m_dead;                          //!< deregistered client ids
    std::map<uint64_t, RtmFamily> m_deadFamily;            //!< their families
    std::set<uint64_t> m_seenIds;                          //!< every client id handed out
    std::vector<OpenEnum> m_enums;                         //!< open snapshot enumerations
    std::vector<uint64_t> m_ipNets;                        //!< IP network pool
    std::vector<uint64_t> m_ipxNets;                       //!< IPX network pool
    std::vector<uint64_t> m_ipHops;                        //!< IP next hops
    std::vector<uint64_t> m_ipxHops;                       //!< IPX next hops
    std::vector<uint32_t> m_ipProtocols;                   //!< IP protocol ids
    std::vector<uint32_t> m_ipxProtocols;                  //!< IPX protocol ids
    std::deque<std::string> m_log;                         //!< recent operations
    std::map<std::string, uint32_t> m_stats;               //!< what ran
    uint32_t m_step{0};                                    //!< current step
    bool m_failed{false};                                  //!< a failure was reported
};

/// Fixture: the simulator is destroyed after each test.
class RtmRandomized : public ::testing::Test
{
  protected:
    void TearDown() override
    {
        Simulator::Destroy();
    }

    /// Run one sequence and check that the mix exercised every kind of operation.
    static void RunAndCheckCoverage(const Options& o)
    {
        Harness h(o);
        h.Run();
        if (::testing::Test::HasFailure())
        {
            return; // the coverage of a run cut short says nothing
        }
        const auto& s = h.GetStats();
        if (std::getenv("RTM_RANDOMIZED_STATS"))
        {
            std::cout << "seed " << o.seed << (o.facade ? " facade" : " C++") << ":";
            for (const auto& [k, v] : s)
            {
                std::cout << " " << k << "=" << v;
            }
            std::cout << std::endl;
        }
        auto count = [&s](const std::string& k) {
            auto it = s.find(k);
            return it == s.end() ? 0U : it->second;
        };
        if (o.steps >= 1000)
        {
            EXPECT_GT(count("add-flags-1"), 0U) << "no ADDED result";
            EXPECT_GT(count("add-flags-3"), 0U) << "no CHANGED result from an add";
            EXPECT_GT(count("delete-flags-2"), 0U) << "no DELETED result";
            EXPECT_GT(count("delete-flags-3"), 0U) << "no CHANGED result from a delete";
            EXPECT_GT(count("dequeued"), 0U);
            EXPECT_GT(count("aged-routes"), 0U);
            if (!o.bigTables)
            {
                EXPECT_GT(count("BlockDelete-routes"), 0U);
            }
            EXPECT_GT(count("BlockConvert-routes"), 0U);
            EXPECT_GT(count("BlockDisable-changes") + count("BlockEnable-changes"), 0U);
            EXPECT_GT(count("enum-ended"), 0U);
        }
    }
};

TEST_F(RtmRandomized, CppApiOnNode)
{
    for (uint32_t seed : {1U, 3U})
    {
        Options o;
        o.seed = seed;
        o.steps = 6000;
        o.useNode = true;
        RunAndCheckCoverage(o);
        Simulator::Destroy();
        if (HasFailure())
        {
            return;
        }
    }
}

TEST_F(RtmRandomized, CppApiStandaloneIssuesNoTokens)
{
    // A manager on no node issues no token (two such managers could not tell their tokens
    // apart without shared state; issue 11): it is a table with no client.
    Ptr<RoutingTableManager> rtm = CreateObject<RoutingTableManager>();
    RtmError err = RtmError::Success;
    EXPECT_EQ(rtm->RegisterClient(RtmFamily::Ip, 8, 0, Callback<void>(), &err), 0U);
    EXPECT_EQ(err, RtmError::InvalidParameter);
    RtmRoute none;
    EXPECT_EQ(rtm->CreateEnumeration(RtmFamily::Ip, 0, none, &err), 0U);
    EXPECT_EQ(err, RtmError::InvalidParameter);
    EXPECT_EQ(rtm->GetRouteCount(RtmFamily::Ip), 0U);
}

TEST_F(RtmRandomized, CppApiLargeTables)
{
    Options o;
    o.seed = 5;
    o.steps = 5000;
    o.useNode = true;
    o.bigTables = true;
    RunAndCheckCoverage(o);
}

TEST_F(RtmRandomized, WindowsFacade)
{
    Options o;
    o.seed = 7;
    o.steps = 3000;
    o.useNode = true;
    o.facade = true;
    o.ttlInSeconds = true;
    RunAndCheckCoverage(o);
}

/// Minimal reproductions of what the random runs found.
using RtmRandomizedRepro = RtmRandomized;

TEST_F(RtmRandomizedRepro, TimeToLiveZeroIsAccepted)
{
    // DECISIONS 14: a TimeToLive of 0 is valid; the route ages out as soon as the current event
    // ends (every client is told).
    Ptr<RoutingTableManager> rtm = RoutingTableManager::ForNode(CreateObject<Node>());
    RoutingTableManager::ClientId id = rtm->RegisterClient(RtmFamily::Ip, 8, 0, Callback<void>());
    RtmRoute r = RtmRoute::MakeIp(Ipv4Address("10.0.0.0"),
                                  Ipv4Mask("255.0.0.0"),
                                  Ipv4Address::GetAny(),
                                  1,
                                  1);
    RtmChange c;
    EXPECT_EQ(rtm->AddRoute(id, r, Seconds(0), &c), RtmError::Success)
        << "RoutingTableManager::AddRoute rejects TimeToLive 0 (Time::IsNegative() is true for 0)";
    EXPECT_EQ(c.flags, RtmChange::ADDED);
    EXPECT_EQ(rtm->GetRouteCount(RtmFamily::Ip), 1U) << "the route exists until the event ends";
    Simulator::Run();
    EXPECT_EQ(rtm->GetRouteCount(RtmFamily::Ip), 0U) << "the route did not age out";

    // the same through the facade: RtmAddRoute(..., TimeToLive = 0, ...)
    using namespace rtmv1;
    Ptr<Node> node = CreateObject<Node>();
    NodeScope scope(node);
    HANDLE h = RtmRegisterClient(RTM_PROTOCOL_FAMILY_IP, PROTO_IP_RIP, nullptr, 0);
    ASSERT_NE(h, nullptr);
    RTM_IP_ROUTE w;
    std::memset(&w, 0, sizeof(w));
    w.RR_Network.N_NetNumber = htonl(0x0A000000);
    w.RR_Network.N_NetMask = htonl(0xFF000000);
    w.RR_InterfaceID = 1;
    SetRouteValid(&w);
    DWORD flags = 0;
    EXPECT_EQ(RtmAddRoute(h, &w, 0, &flags, nullptr, nullptr), NO_ERROR)
        << "RtmAddRoute rejects TimeToLive 0";
}

TEST_F(RtmRandomizedRepro, RouteAgeOfARouteStampedNowIsZero)
{
    // RtmGetRouteAge of a route added or updated in the current instant is 0 seconds, not
    // INFINITE/ERROR_INVALID_PARAMETER.
    using namespace rtmv1;
    Ptr<Node> node = CreateObject<Node>();
    NodeScope scope(node);
    HANDLE h = RtmRegisterClient(RTM_PROTOCOL_FAMILY_IP, PROTO_IP_RIP, nullptr, 0);
    ASSERT_NE(h, nullptr);
    RTM_IP_ROUTE w;
    std::memset(&w, 0, sizeof(w));
    w.RR_Network.N_NetNumber = htonl(0x0A000000);
    w.RR_Network.N_NetMask = htonl(0xFF000000);
    w.RR_InterfaceID = 1;
    SetRouteValid(&w);
    DWORD flags = 0;
    RTM_IP_ROUTE cur;
    ASSERT_EQ(RtmAddRoute(h, &w, INFINITE, &flags, &cur, nullptr), NO_ERROR);
    ASSERT_EQ(flags, RTM_ROUTE_ADDED);
    EXPECT_EQ(RtmGetRouteAge(&cur), 0U)
        << "rtmv1::RtmGetRouteAge treats age 0 as invalid (Time::IsNegative() is true for 0)";
}

} // namespace
