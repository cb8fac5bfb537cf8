/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#ifndef RTM_REFERENCE_MODEL_H
#define RTM_REFERENCE_MODEL_H

/**
 * @file
 * @ingroup rtm-tests
 * A deliberately naive, obviously-correct model of the RTMv1 semantics that doc/rtm.rst
 * describes (with every decision the specification leaves open), used only by the tests to
 * cross-check ns3::RtmTable and ns3::RoutingTableManager. Everything is a linear scan over a
 * std::vector.
 *
 * Where the specification leaves an order open (block operations, deregistration, several routes
 * aging out in the same instant) the model does not guess: RtmReferenceModel::ApplyBatch accepts
 * the implementation's published changes and final table if, and only if, some serial order of
 * the per-route steps reproduces them exactly.
 */

#include "ns3/nstime.h"
#include "ns3/rtm-route.h"

#include <algorithm>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <sstream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace ns3
{
namespace rtmref
{

/// RTM_ONLY_* flags.
constexpr uint32_t ONLY_NETWORK = 0x1;   //!< RTM_ONLY_THIS_NETWORK
constexpr uint32_t ONLY_INTERFACE = 0x2; //!< RTM_ONLY_THIS_INTERFACE
constexpr uint32_t ONLY_PROTOCOL = 0x4;  //!< RTM_ONLY_THIS_PROTOCOL
constexpr uint32_t ONLY_BEST = 0x8;      //!< RTM_ONLY_BEST_ROUTES

/**
 * @param a a route
 * @param b a route
 * @return true if a comes first in (network, protocol, interface, next hop) order
 */
inline bool
OrderLess(const RtmRoute& a, const RtmRoute& b)
{
    return std::tie(a.network, a.protocol, a.interface, a.nextHop) <
           std::tie(b.network, b.protocol, b.interface, b.nextHop);
}

/**
 * @param a a change
 * @param b a change
 * @return true if both report the same thing (the buffers their flags say are filled)
 */
inline bool
SameChange(const RtmChange& a, const RtmChange& b)
{
    if (a.flags != b.flags)
    {
        return false;
    }
    if (a.flags == 0)
    {
        return true;
    }
    if (a.family != b.family || a.network != b.network)
    {
        return false;
    }
    if ((a.flags & RtmChange::PREVIOUS) && a.previous != b.previous)
    {
        return false;
    }
    if ((a.flags & RtmChange::CURRENT) && a.current != b.current)
    {
        return false;
    }
    return true;
}

/**
 * @param c a change
 * @return it, printed
 */
inline std::string
ToString(const RtmChange& c)
{
    std::ostringstream os;
    os << "{flags=" << c.flags << " net=0x" << std::hex << c.network << std::dec;
    if (c.flags & RtmChange::PREVIOUS)
    {
        os << " prev=[" << c.previous << "]";
    }
    if (c.flags & RtmChange::CURRENT)
    {
        os << " cur=[" << c.current << "]";
    }
    os << "}";
    return os.str();
}

/**
 * @param r a route
 * @return it, printed
 */
inline std::string
ToString(const RtmRoute& r)
{
    std::ostringstream os;
    os << r;
    return os.str();
}

/**
 * @brief The naive model of one family's table.
 */
class RefTable
{
  public:
    /// One route entry with a serial number standing for "the same entry" across updates.
    struct Entry
    {
        RtmRoute route; //!< the route
        uint64_t uid;   //!< entry identity (a re-added route is a new entry)
    };

    /**
     * @param family the family
     */
    explicit RefTable(RtmFamily family)
        : m_family(family)
    {
    }

    /// @return the family
    RtmFamily GetFamily() const
    {
        return m_family;
    }

    /**
     * @param family a family
     * @param key a network key
     * @return true if the key is a usable network: IPX 32 bits; IP a contiguous mask with no
     * host bits in the number
     */
    static bool ValidNetwork(RtmFamily family, uint64_t key)
    {
        if (family == RtmFamily::Ipx)
        {
            return key <= 0xFFFFFFFFULL;
        }
        uint32_t number = RtmRoute::KeyAddress(key);
        uint32_t mask = static_cast<uint32_t>(key);
        for (int len = 0; len <= 32; ++len)
        {
            uint32_t m = len == 0 ? 0 : 0xFFFFFFFFU << (32 - len);
            if (m == mask)
            {
                return (number & ~mask) == 0;
            }
        }
        return false;
    }

    /**
     * @param r a route
     * @return true if it may be a best route (DECISIONS 10, 18)
     */
    bool Eligible(const RtmRoute& r) const
    {
        if (!r.enabled)
        {
            return false;
        }
        return m_family == RtmFamily::Ipx || (r.familyData[RtmRoute::IpFlags] & 1) != 0;
    }

    /**
     * @param r a route
     * @return its metric, lower wins: IP (FSD_Priority, FSD_Metric), IPX (ticks, hops)
     */
    std::pair<uint32_t, uint32_t> Metric(const RtmRoute& r) const
    {
        if (m_family == RtmFamily::Ip)
        {
            return {r.familyData[RtmRoute::IpPriority], r.familyData[RtmRoute::IpMetric]};
        }
        return {r.familyData[1] & 0xFFFF, r.familyData[1] >> 16};
    }

    /**
     * @param uid an entry
     * @return it or nullptr
     */
    Entry* FindUid(uint64_t uid)
    {
        for (Entry& e : m_entries)
        {
            if (e.uid == uid)
            {
                return &e;
            }
        }
        return nullptr;
    }

    /// @copydoc FindUid
    const Entry* FindUid(uint64_t uid) const
    {
        return const_cast<RefTable*>(this)->FindUid(uid);
    }

    /**
     * @param id network, protocol, interface and next hop
     * @param single match on network and protocol only
     * @return the entry or nullptr
     */
    Entry* FindIdentity(const RtmRoute& id, bool single)
    {
        for (Entry& e : m_entries)
        {
            if (e.route.network == id.network && e.route.protocol == id.protocol &&
                (single || (e.route.interface == id.interface && e.route.nextHop == id.nextHop)))
            {
                return &e;
            }
        }
        return nullptr;
    }

    /**
     * @param network a network
     * @return true if it has a best route
     */
    bool HasBest(uint64_t network) const
    {
        return m_best.count(network) != 0;
    }

    /**
     * @param network a network
     * @param best its best route (out, optional)
     * @return false if it has none
     */
    bool GetBest(uint64_t network, RtmRoute* best) const
    {
        auto it = m_best.find(network);
        if (it == m_best.end())
        {
            return false;
        }
        if (best)
        {
            *best = FindUid(it->second)->route;
        }
        return true;
    }

    /**
     * @param uid an entry
     * @return true if it is the best route of its network
     */
    bool IsBest(uint64_t uid) const
    {
        const Entry* e = FindUid(uid);
        if (!e)
        {
            return false;
        }
        auto it = m_best.find(e->route.network);
        return it != m_best.end() && it->second == uid;
    }

    /// @return networks with a best route
    uint32_t GetNetworkCount() const
    {
        return static_cast<uint32_t>(m_best.size());
    }

    /// @return entries
    uint32_t GetRouteCount() const
    {
        return static_cast<uint32_t>(m_entries.size());
    }

    /// @return the entries, in no order
    const std::vector<Entry>& GetEntries() const
    {
        return m_entries;
    }

    /**
     * @param e an entry
     * @param flags RTM_ONLY_* flags
     * @param c criteria
     * @return true if it matches
     */
    bool Matches(const Entry& e, uint32_t flags, const RtmRoute& c) const
    {
        if ((flags & ONLY_NETWORK) && e.route.network != c.network)
        {
            return false;
        }
        if ((flags & ONLY_INTERFACE) && e.route.interface != c.interface)
        {
            return false;
        }
        if ((flags & ONLY_PROTOCOL) && e.route.protocol != c.protocol)
        {
            return false;
        }
        if ((flags & ONLY_BEST) && !IsBest(e.uid))
        {
            return false;
        }
        return true;
    }

    /**
     * @param flags RTM_ONLY_* flags
     * @param c criteria
     * @return the matching routes in (network, protocol, interface, next hop) order
     */
    std::vector<RtmRoute> Sorted(uint32_t flags = 0, const RtmRoute& c = RtmRoute()) const
    {
        std::vector<RtmRoute> out;
        for (const Entry& e : m_entries)
        {
            if (Matches(e, flags, c))
            {
                out.push_back(e.route);
            }
        }
        std::sort(out.begin(), out.end(), OrderLess);
        return out;
    }

    /**
     * @param flags RTM_ONLY_* flags
     * @param c criteria
     * @return the uids of the matching entries
     */
    std::vector<uint64_t> Select(uint32_t flags, const RtmRoute& c) const
    {
        std::vector<uint64_t> out;
        for (const Entry& e : m_entries)
        {
            if (Matches(e, flags, c))
            {
                out.push_back(e.uid);
            }
        }
        return out;
    }

    /**
     * @brief Linear longest-prefix match over the networks that have a best route.
     * @param address host order
     * @param best the best route of the longest covering network (out, optional)
     * @return false if none covers the address
     */
    bool LookupIp(uint32_t address, RtmRoute* best) const
    {
        bool found = false;
        uint32_t bestMask = 0;
        uint64_t bestNet = 0;
        for (const auto& [network, uid] : m_best)
        {
            uint32_t number = RtmRoute::KeyAddress(network);
            uint32_t mask = static_cast<uint32_t>(network);
            if ((address & mask) == number && (!found || mask > bestMask))
            {
                found = true;
                bestMask = mask;
                bestNet = network;
            }
        }
        if (found && best)
        {
            GetBest(bestNet, best);
        }
        return found;
    }

    /**
     * @brief Re-choose the best route of a network after a change and report it.
     *
     * DECISIONS 10/12: only eligible routes; lower metric wins; on a tie the current best stays;
     * then the lowest (protocol, interface, next hop).
     *
     * @param network the network
     * @param hadBest whether it had a best route before the change
     * @param before the best route before the change
     * @param oldBestUid the entry that was best before the change
     * @return the change
     */
    RtmChange Recompute(uint64_t network, bool hadBest, const RtmRoute& before, uint64_t oldBestUid)
    {
        const Entry* win = nullptr;
        for (const Entry& e : m_entries)
        {
            if (e.route.network != network || !Eligible(e.route))
            {
                continue;
            }
            if (!win || Metric(e.route) < Metric(win->route))
            {
                win = &e;
            }
        }
        if (win)
        {
            const Entry* old = hadBest ? FindUid(oldBestUid) : nullptr;
            if (old && Eligible(old->route) && Metric(old->route) == Metric(win->route))
            {
                win = old;
            }
            else
            {
                for (const Entry& e : m_entries)
                {
                    if (e.route.network == network && Eligible(e.route) &&
                        Metric(e.route) == Metric(win->route) &&
                        std::tie(e.route.protocol, e.route.interface, e.route.nextHop) <
                            std::tie(win->route.protocol, win->route.interface, win->route.nextHop))
                    {
                        win = &e;
                    }
                }
            }
        }
        RtmChange c;
        c.family = m_family;
        c.network = network;
        c.flags = 0;
        if (win)
        {
            m_best[network] = win->uid;
        }
        else
        {
            m_best.erase(network);
        }
        if (!hadBest && win)
        {
            c.flags = RtmChange::ADDED;
            c.current = win->route;
        }
        else if (hadBest && !win)
        {
            c.flags = RtmChange::DELETED;
            c.previous = before;
        }
        else if (hadBest && win)
        {
            c.current = win->route;
            if (win->uid != oldBestUid || !before.SameSignificant(win->route))
            {
                c.flags = RtmChange::CHANGED;
                c.previous = before;
            }
        }
        return c;
    }

    /**
     * @brief Run a mutation of one network and re-choose its best route.
     * @param network the network
     * @param mutate the mutation
     * @return the change
     */
    RtmChange Mutate(uint64_t network, const std::function<void()>& mutate)
    {
        RtmRoute before;
        uint64_t oldUid = 0;
        bool hadBest = false;
        auto it = m_best.find(network);
        if (it != m_best.end())
        {
            hadBest = true;
            oldUid = it->second;
            before = FindUid(oldUid)->route;
        }
        mutate();
        return Recompute(network, hadBest, before, oldUid);
    }

    /**
     * @brief Add a route, or update the entry with the same identity (an update keeps the
     * entry's enabled state).
     * @param r the route
     * @param single RTM_PROTOCOL_SINGLE_ROUTE identity
     * @param added whether an entry was created (out, optional)
     * @param uid the entry (out, optional)
     * @param previous the entry before an update (out, optional)
     * @return the change
     */
    RtmChange Upsert(const RtmRoute& r,
                     bool single,
                     bool* added = nullptr,
                     uint64_t* uid = nullptr,
                     RtmRoute* previous = nullptr)
    {
        return Mutate(r.network, [&]() {
            Entry* e = FindIdentity(r, single);
            if (e)
            {
                if (previous)
                {
                    *previous = e->route;
                }
                bool enabled = e->route.enabled;
                e->route = r;
                e->route.enabled = enabled;
                if (added)
                {
                    *added = false;
                }
                if (uid)
                {
                    *uid = e->uid;
                }
                return;
            }
            m_entries.push_back(Entry{r, m_nextUid++});
            if (added)
            {
                *added = true;
            }
            if (uid)
            {
                *uid = m_entries.back().uid;
            }
        });
    }

    /**
     * @param uid an entry
     * @param change the change (out)
     * @return false if there is no such entry
     */
    bool Remove(uint64_t uid, RtmChange* change)
    {
        Entry* e = FindUid(uid);
        if (!e)
        {
            return false;
        }
        *change = Mutate(e->route.network,
                         [&]() { m_entries.erase(m_entries.begin() + (e - m_entries.data())); });
        return true;
    }

    /**
     * @param uid an entry
     * @param enabled its new state
     * @param change the change (out)
     * @return false if there is no such entry
     */
    bool SetEnabled(uint64_t uid, bool enabled, RtmChange* change)
    {
        Entry* e = FindUid(uid);
        if (!e)
        {
            return false;
        }
        *change = Mutate(e->route.network, [&]() { e->route.enabled = enabled; });
        return true;
    }

    /**
     * @brief Make an entry a never-aging route of another protocol (RtmBlockConvertRoutesToStatic);
     * an entry of that protocol with the same identity is deleted first.
     * @param uid the entry
     * @param protocol the new protocol
     * @param priority FSD_Priority (IP)
     * @param single the new protocol's identity rule
     * @param now time stamp
     * @param changes the changes, in order (appended)
     * @return false if there is no such entry
     */
    bool Convert(uint64_t uid,
                 uint32_t protocol,
                 uint32_t priority,
                 bool single,
                 int64_t now,
                 std::vector<RtmChange>* changes)
    {
        Entry* e = FindUid(uid);
        if (!e)
        {
            return false;
        }
        RtmRoute target = e->route;
        target.protocol = protocol;
        Entry* clash = FindIdentity(target, single);
        if (clash && clash->uid != uid)
        {
            RtmChange c;
            Remove(clash->uid, &c);
            changes->push_back(c);
        }
        e = FindUid(uid);
        changes->push_back(Mutate(e->route.network, [&]() {
            e->route.protocol = protocol;
            if (m_family == RtmFamily::Ip)
            {
                e->route.familyData[RtmRoute::IpPriority] = priority;
            }
            e->route.ttlMs = RtmRoute::INFINITE_TTL;
            e->route.timeStamp = now;
        }));
        return true;
    }

    /**
     * @param network a network
     * @return a table holding only that network's entries (and best route)
     */
    RefTable Extract(uint64_t network) const
    {
        RefTable t(m_family);
        t.m_nextUid = m_nextUid;
        for (const Entry& e : m_entries)
        {
            if (e.route.network == network)
            {
                t.m_entries.push_back(e);
            }
        }
        auto it = m_best.find(network);
        if (it != m_best.end())
        {
            t.m_best[network] = it->second;
        }
        return t;
    }

    /**
     * @brief Replace one network's entries by those of a table made with Extract.
     * @param network the network
     * @param part the new contents
     */
    void Replace(uint64_t network, const RefTable& part)
    {
        m_entries.erase(
            std::remove_if(m_entries.begin(),
                           m_entries.end(),
                           [network](const Entry& e) { return e.route.network == network; }),
            m_entries.end());
        for (const Entry& e : part.m_entries)
        {
            m_entries.push_back(e);
        }
        m_best.erase(network);
        auto it = part.m_best.find(network);
        if (it != part.m_best.end())
        {
            m_best[network] = it->second;
        }
    }

  private:
    RtmFamily m_family;                  //!< family
    std::vector<Entry> m_entries;        //!< every entry, in no order
    std::map<uint64_t, uint64_t> m_best; //!< network -> uid of its best route
    uint64_t m_nextUid{1};               //!< next uid
};

/**
 * @brief The naive model of a RoutingTableManager: two RefTables, clients with FIFO queues and a
 * manual-reset signal flag, a priority table, the delivery rules of DECISIONS 19 and aging.
 */
class RtmReferenceModel
{
  public:
    /// A registered client.
    struct Client
    {
        RtmFamily family;            //!< family
        uint32_t protocol;           //!< protocol id
        bool single;                 //!< RTM_PROTOCOL_SINGLE_ROUTE
        bool signal;                 //!< registered with a change signal
        std::deque<RtmChange> queue; //!< pending messages
        bool signalled{false};       //!< signal raised, not yet reset by a dequeue
        uint64_t fires{0};           //!< how many times the signal was raised
    };

    /// One per-route step of a block operation, a deregistration or aging.
    struct Step
    {
        /// What the step does.
        enum Kind
        {
            Remove,  //!< delete the entry
            Enable,  //!< enable it
            Disable, //!< disable it
            Convert, //!< make it a static route of #protocol
        };

        Kind kind;            //!< what
        uint64_t uid;         //!< which entry
        uint64_t network;     //!< its network
        int64_t tick{0};      //!< when (steps run in tick order; equal ticks in any order)
        uint32_t protocol{0}; //!< Convert: the new protocol
        uint32_t priority{0}; //!< Convert: FSD_Priority
        bool single{false};   //!< Convert: identity rule of the new protocol
    };

    /// A change published by the implementation, with its simulation time in 100 ns ticks.
    struct Observed
    {
        int64_t tick;     //!< when
        RtmChange change; //!< what
    };

    RtmReferenceModel()
        : m_ip(RtmFamily::Ip),
          m_ipx(RtmFamily::Ipx)
    {
    }

    /**
     * @param family a family
     * @return its table
     */
    RefTable& Table(RtmFamily family)
    {
        return family == RtmFamily::Ip ? m_ip : m_ipx;
    }

    /// @copydoc Table
    const RefTable& Table(RtmFamily family) const
    {
        return family == RtmFamily::Ip ? m_ip : m_ipx;
    }

    /**
     * @param protocol a protocol id
     * @param priority its FSD_Priority
     */
    void SetPriority(uint32_t protocol, uint32_t priority)
    {
        m_priorities[protocol] = priority;
    }

    /**
     * @param protocol a protocol id
     * @return its FSD_Priority
     */
    uint32_t GetPriority(uint32_t protocol) const
    {
        auto it = m_priorities.find(protocol);
        return it == m_priorities.end() ? m_defaultPriority : it->second;
    }

    /**
     * @param priority FSD_Priority of protocols without an entry
     */
    void SetDefaultPriority(uint32_t priority)
    {
        m_defaultPriority = priority;
    }

    /// @return the clients by id
    const std::map<uint64_t, Client>& GetClients() const
    {
        return m_clients;
    }

    /**
     * @param id a client
     * @return it or nullptr
     */
    const Client* FindClient(uint64_t id) const
    {
        auto it = m_clients.find(id);
        return it == m_clients.end() ? nullptr : &it->second;
    }

    /**
     * @param family a family
     * @param protocol a protocol
     * @return the client's id or 0
     */
    uint64_t FindClient(RtmFamily family, uint32_t protocol) const
    {
        for (const auto& [id, c] : m_clients)
        {
            if (c.family == family && c.protocol == protocol)
            {
                return id;
            }
        }
        return 0;
    }

    /**
     * @param family the family
     * @param protocol the protocol
     * @param flags registration flags
     * @return the status RtmRegisterClient must give
     */
    RtmError ExpectRegister(RtmFamily family, uint32_t protocol, uint32_t flags) const
    {
        if ((family != RtmFamily::Ip && family != RtmFamily::Ipx) || (flags & ~1U) != 0)
        {
            return RtmError::InvalidParameter;
        }
        return FindClient(family, protocol) ? RtmError::AlreadyExists : RtmError::Success;
    }

    /**
     * @brief Record a successful registration.
     * @param id the implementation's token
     * @param family the family
     * @param protocol the protocol
     * @param flags registration flags
     * @param signal whether it has a change signal
     */
    void Register(uint64_t id, RtmFamily family, uint32_t protocol, uint32_t flags, bool signal)
    {
        Client c;
        c.family = family;
        c.protocol = protocol;
        c.single = (flags & 1) != 0;
        c.signal = signal;
        m_clients[id] = c;
    }

    /**
     * @brief Queue a change for every client of its family that has a signal, except one.
     * @param c the change (nothing if its flags are 0)
     * @param exclude the client left out (0: nobody)
     */
    void Deliver(const RtmChange& c, uint64_t exclude)
    {
        if (c.flags == 0)
        {
            return;
        }
        for (auto& [id, client] : m_clients)
        {
            if (id == exclude || !client.signal || client.family != c.family)
            {
                continue;
            }
            client.queue.push_back(c);
            if (!client.signalled)
            {
                client.signalled = true;
                ++client.fires;
            }
        }
    }

    /**
     * @brief RtmAddRoute.
     * @param id the client
     * @param route the route
     * @param ttl time to live (Time::Max() for INFINITE)
     * @param now the time stamp, 100 ns ticks
     * @param result the change (out)
     * @param maxTtlSeconds the largest finite time to live
     * @return the status
     */
    RtmError Add(uint64_t id,
                 const RtmRoute& route,
                 Time ttl,
                 int64_t now,
                 RtmChange* result,
                 uint32_t maxTtlSeconds = 2147483)
    {
        auto it = m_clients.find(id);
        if (it == m_clients.end())
        {
            return RtmError::InvalidHandle;
        }
        Client& c = it->second;
        if (!RefTable::ValidNetwork(c.family, route.network) ||
            (c.family == RtmFamily::Ipx && (route.nextHop >> 48) != 0) ||
            ttl.IsStrictlyNegative() || (ttl != Time::Max() && ttl > Seconds(maxTtlSeconds)))
        {
            return RtmError::InvalidParameter;
        }
        RtmRoute r = route;
        r.protocol = c.protocol;
        r.timeStamp = now;
        r.enabled = true;
        r.ttlMs = ttl == Time::Max()
                      ? RtmRoute::INFINITE_TTL
                      : static_cast<uint32_t>((ttl.GetNanoSeconds() + 999999) / 1000000);
        if (c.family == RtmFamily::Ip)
        {
            r.familyData[RtmRoute::IpPriority] = GetPriority(c.protocol);
        }
        *result = Table(c.family).Upsert(r, c.single);
        Deliver(*result, id);
        return RtmError::Success;
    }

    /**
     * @brief RtmDeleteRoute.
     * @param id the client
     * @param route network, interface and next hop
     * @param result the change (out)
     * @return the status
     */
    RtmError Delete(uint64_t id, const RtmRoute& route, RtmChange* result)
    {
        auto it = m_clients.find(id);
        if (it == m_clients.end())
        {
            return RtmError::InvalidHandle;
        }
        Client& c = it->second;
        if (!RefTable::ValidNetwork(c.family, route.network))
        {
            return RtmError::InvalidParameter;
        }
        RtmRoute key = route;
        key.protocol = c.protocol;
        RefTable& t = Table(c.family);
        RefTable::Entry* e = t.FindIdentity(key, c.single);
        if (!e)
        {
            return RtmError::NoMoreItems;
        }
        t.Remove(e->uid, result);
        Deliver(*result, id);
        return RtmError::Success;
    }

    /**
     * @brief RtmDequeueRouteChangeMessage.
     * @param id the client
     * @param message the message (out)
     * @return the status
     */
    RtmError Dequeue(uint64_t id, RtmChange* message)
    {
        auto it = m_clients.find(id);
        if (it == m_clients.end() || !it->second.signal)
        {
            return RtmError::InvalidHandle;
        }
        Client& c = it->second;
        if (c.queue.empty())
        {
            c.signalled = false;
            return RtmError::NoMoreItems;
        }
        *message = c.queue.front();
        c.queue.pop_front();
        if (c.queue.empty())
        {
            c.signalled = false;
            return RtmError::Success;
        }
        return RtmError::MoreData;
    }

    /**
     * @brief RtmDeregisterClient: the client and its queue go; its routes are to be removed with
     * ApplyBatch (every remaining client hears of it).
     * @param id the client
     * @param now the time, 100 ns ticks
     * @param family its family (out)
     * @param steps the removals (out)
     * @return the status
     */
    RtmError Deregister(uint64_t id, int64_t now, RtmFamily* family, std::vector<Step>* steps)
    {
        auto it = m_clients.find(id);
        if (it == m_clients.end())
        {
            return RtmError::InvalidHandle;
        }
        *family = it->second.family;
        RtmRoute crit;
        crit.protocol = it->second.protocol;
        m_clients.erase(it);
        PlanSteps(*family, ONLY_PROTOCOL, crit, Step::Remove, now, steps);
        return RtmError::Success;
    }

    /**
     * @brief Plan RtmBlockDeleteRoutes / RtmBlockSetRouteEnable: the client's routes matching
     * the network and interface criteria (protocol is implied, best is ignored).
     * @param id the client
     * @param flags RTM_ONLY_* flags
     * @param criteria the criteria
     * @param kind Remove, Enable or Disable
     * @param now the time
     * @param family the client's family (out)
     * @param steps the steps (out)
     * @return the status
     */
    RtmError PlanBlockOwn(uint64_t id,
                          uint32_t flags,
                          const RtmRoute& criteria,
                          Step::Kind kind,
                          int64_t now,
                          RtmFamily* family,
                          std::vector<Step>* steps) const
    {
        auto it = m_clients.find(id);
        if (it == m_clients.end())
        {
            return RtmError::InvalidHandle;
        }
        if ((flags & ~0xFU) != 0)
        {
            return RtmError::InvalidParameter;
        }
        *family = it->second.family;
        RtmRoute crit = criteria;
        crit.protocol = it->second.protocol;
        uint32_t f = (flags & (ONLY_NETWORK | ONLY_INTERFACE)) | ONLY_PROTOCOL;
        PlanSteps(*family, f, crit, kind, now, steps);
        return steps->empty() ? RtmError::NoMoreItems : RtmError::Success;
    }

    /**
     * @brief Plan RtmBlockConvertRoutesToStatic: the matching routes of any protocol.
     * @param id the client
     * @param flags RTM_ONLY_* flags
     * @param criteria the criteria
     * @param now the time
     * @param family the client's family (out)
     * @param steps the steps (out)
     * @return the status
     */
    RtmError PlanConvert(uint64_t id,
                         uint32_t flags,
                         const RtmRoute& criteria,
                         int64_t now,
                         RtmFamily* family,
                         std::vector<Step>* steps) const
    {
        auto it = m_clients.find(id);
        if (it == m_clients.end())
        {
            return RtmError::InvalidHandle;
        }
        if ((flags & ~0xFU) != 0)
        {
            return RtmError::InvalidParameter;
        }
        *family = it->second.family;
        PlanSteps(*family, flags, criteria, Step::Convert, now, steps);
        for (Step& s : *steps)
        {
            s.protocol = it->second.protocol;
            s.priority = GetPriority(it->second.protocol);
            s.single = it->second.single;
        }
        return steps->empty() ? RtmError::NoMoreItems : RtmError::Success;
    }

    /**
     * @brief The routes that have aged out by a time: time stamp + TTL <= now.
     * @param family the family
     * @param now 100 ns ticks
     * @return their removal steps, each at its expiry tick
     */
    std::vector<Step> PlanAging(RtmFamily family, int64_t now) const
    {
        std::vector<Step> steps;
        for (const RefTable::Entry& e : Table(family).GetEntries())
        {
            if (e.route.ttlMs == RtmRoute::INFINITE_TTL)
            {
                continue;
            }
            int64_t at = e.route.timeStamp + static_cast<int64_t>(e.route.ttlMs) * 10000;
            if (at <= now)
            {
                steps.push_back(Step{Step::Remove, e.uid, e.route.network, at});
            }
        }
        return steps;
    }

    /**
     * @brief Apply a batch of steps whose order the specification leaves open.
     *
     * For each network the model searches for a serial order of that network's steps (steps at
     * an earlier tick first) that produces exactly the implementation's changes for the network
     * (same content, same tick) and leaves exactly the implementation's routes. If one exists it
     * is adopted, and the implementation's changes are queued, in the implementation's order, for
     * every client with a signal; otherwise the batch is rejected with an explanation.
     *
     * @param family the family
     * @param steps the steps
     * @param observed the implementation's published changes of this family, in order
     * @param actual the implementation's routes of each network the steps touch, in order
     * @param why the reason for a rejection (out)
     * @return true if accepted
     */
    bool ApplyBatch(RtmFamily family,
                    const std::vector<Step>& steps,
                    const std::vector<Observed>& observed,
                    const std::map<uint64_t, std::vector<RtmRoute>>& actual,
                    std::string* why)
    {
        RefTable& table = Table(family);
        std::map<uint64_t, std::vector<Step>> byNet;
        for (const Step& s : steps)
        {
            byNet[s.network].push_back(s);
        }
        std::map<uint64_t, std::vector<Observed>> seen;
        for (const Observed& o : observed)
        {
            if (o.change.family != family)
            {
                *why = "change of the wrong family: " + ToString(o.change);
                return false;
            }
            if (byNet.count(o.change.network) == 0)
            {
                *why = "change of a network the operation does not touch: " + ToString(o.change);
                return false;
            }
            seen[o.change.network].push_back(o);
        }
        std::map<uint64_t, RefTable> results;
        for (auto& [network, netSteps] : byNet)
        {
            std::stable_sort(netSteps.begin(), netSteps.end(), [](const Step& a, const Step& b) {
                return a.tick < b.tick;
            });
            RefTable part = table.Extract(network);
            auto ait = actual.find(network);
            std::vector<RtmRoute> want =
                ait == actual.end() ? std::vector<RtmRoute>() : ait->second;
            std::vector<bool> used(netSteps.size(), false);
            uint64_t budget = 2000000;
            RefTable found(family);
            if (!Search(part, netSteps, used, seen[network], 0, want, &found, &budget))
            {
                std::ostringstream os;
                os << "no serial order of the " << netSteps.size() << " step(s) on network 0x"
                   << std::hex << network << std::dec
                   << " reproduces the implementation (budget left " << budget << ").";
                os << "\n  steps:";
                for (const Step& s : netSteps)
                {
                    const RefTable::Entry* e = table.FindUid(s.uid);
                    os << "\n    kind=" << s.kind << " tick=" << s.tick
                       << " route=" << (e ? ToString(e->route) : std::string("?"));
                }
                os << "\n  implementation changes:";
                for (const Observed& o : seen[network])
                {
                    os << "\n    t=" << o.tick << " " << ToString(o.change);
                }
                os << "\n  implementation routes after:";
                for (const RtmRoute& r : want)
                {
                    os << "\n    " << r;
                }
                os << "\n  model routes before:";
                for (const RtmRoute& r : part.Sorted())
                {
                    os << "\n    " << r;
                }
                *why = os.str();
                return false;
            }
            results.emplace(network, found);
        }
        for (auto& [network, part] : results)
        {
            table.Replace(network, part);
        }
        for (const Observed& o : observed)
        {
            Deliver(o.change, 0);
        }
        return true;
    }

  private:
    void PlanSteps(RtmFamily family,
                   uint32_t flags,
                   const RtmRoute& crit,
                   Step::Kind kind,
                   int64_t now,
                   std::vector<Step>* steps) const
    {
        const RefTable& t = Table(family);
        for (uint64_t uid : t.Select(flags, crit))
        {
            steps->push_back(Step{kind, uid, t.FindUid(uid)->route.network, now});
        }
    }

    static void Run(RefTable& t, const Step& s, std::vector<RtmChange>* out)
    {
        RtmChange c;
        switch (s.kind)
        {
        case Step::Remove:
            if (t.Remove(s.uid, &c))
            {
                out->push_back(c);
            }
            break;
        case Step::Enable:
        case Step::Disable:
            if (t.SetEnabled(s.uid, s.kind == Step::Enable, &c))
            {
                out->push_back(c);
            }
            break;
        case Step::Convert:
            t.Convert(s.uid, s.protocol, s.priority, s.single, s.tick, out);
            break;
        }
    }

    static bool Search(const RefTable& t,
                       const std::vector<Step>& steps,
                       std::vector<bool>& used,
                       const std::vector<Observed>& seen,
                       std::size_t pos,
                       const std::vector<RtmRoute>& want,
                       RefTable* found,
                       uint64_t* budget)
    {
        if (*budget == 0)
        {
            return false;
        }
        --*budget;
        int64_t minTick = INT64_MAX;
        for (std::size_t i = 0; i < steps.size(); ++i)
        {
            if (!used[i])
            {
                minTick = std::min(minTick, steps[i].tick);
            }
        }
        if (minTick == INT64_MAX)
        {
            if (pos != seen.size() || t.Sorted() != want)
            {
                return false;
            }
            *found = t;
            return true;
        }
        for (std::size_t i = 0; i < steps.size(); ++i)
        {
            if (used[i] || steps[i].tick != minTick)
            {
                continue;
            }
            RefTable next = t;
            std::vector<RtmChange> produced;
            Run(next, steps[i], &produced);
            std::size_t p = pos;
            bool ok = true;
            for (const RtmChange& c : produced)
            {
                if (c.flags == 0)
                {
                    continue;
                }
                if (p >= seen.size() || seen[p].tick != steps[i].tick ||
                    !SameChange(c, seen[p].change))
                {
                    ok = false;
                    break;
                }
                ++p;
            }
            if (!ok)
            {
                continue;
            }
            used[i] = true;
            bool done = Search(next, steps, used, seen, p, want, found, budget);
            used[i] = false;
            if (done)
            {
                return true;
            }
        }
        return false;
    }

    RefTable m_ip;                             //!< IP table
    RefTable m_ipx;                            //!< IPX table
    std::map<uint64_t, Client> m_clients;      //!< clients by the implementation's token
    std::map<uint32_t, uint32_t> m_priorities; //!< protocol -> FSD_Priority
    uint32_t m_defaultPriority{200};           //!< FSD_Priority of unlisted protocols
};

} // namespace rtmref
} // namespace ns3

#endif /* RTM_REFERENCE_MODEL_H */
