/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#ifndef RTM_OSPF_LSA_STORE_H
#define RTM_OSPF_LSA_STORE_H

#include "rtm-ospf-lsa.h"

#include "ns3/object.h"

#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

namespace ns3
{

/**
 * @ingroup rtm
 * @brief Immutable LSA bodies shared by the link-state databases of one process.
 *
 * In a simulated network every router's database holds a copy of every router's LSA: N
 * routers, N^2 copies of N distinct instances. Intern() returns, for an LSA instance, a body
 * that every database installing the same instance shares: the first caller's copy, found by
 * (LS type, advertising router, sequence number, checksum) and confirmed by comparing the
 * serialized bytes after the age field, so that two different LSAs that agree on the key (a
 * checksum collision, or a corrupted or forged copy) are never merged. A shared body is const:
 * installing a newer instance replaces the database's pointer and never changes what another
 * database holds. The age of a body is always 0; each database keeps its entries' ages,
 * install times and flush states itself (RtmOspfLsdb::Entry).
 *
 * The store holds its bodies weakly: a body lives as long as a database holds it. Expired keys
 * are swept when the map has doubled since the last sweep.
 *
 * One store serves the agents one RtmOspfHelper installs (attribute RtmOspfAgent::LsaStore);
 * an agent without a store keeps bodies of its own. Nothing is process-global: with MPI each
 * rank has its own agents, helper and store, and bodies are shared only within a rank.
 */
class RtmOspfLsaStore : public Object
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    RtmOspfLsaStore();
    ~RtmOspfLsaStore() override;

    /**
     * @brief The shared body of an LSA instance.
     * @param lsa the instance (its age is ignored)
     * @return a body equal to lsa except for its age (0), shared with every earlier caller that
     *         interned the same instance while it was held
     */
    std::shared_ptr<const RtmOspfLsa> Intern(const RtmOspfLsa& lsa);

    /**
     * @brief A body of one's own (what a database without a store uses).
     * @param lsa the instance
     * @return a new body equal to lsa except for its age (0)
     */
    static std::shared_ptr<const RtmOspfLsa> MakeBody(const RtmOspfLsa& lsa);

    /// @return the keys held (bodies alive or expired but not yet swept)
    std::size_t GetSize() const;

    /// @return Intern calls that returned an existing body
    uint64_t GetHits() const;

    /// @return Intern calls that made a new body
    uint64_t GetMisses() const;

    /// @return Intern calls whose key matched a different LSA (not shared)
    uint64_t GetCollisions() const;

    /// @return bytes of heap memory held by the map (the bodies are counted by the databases)
    std::size_t GetMemoryUsage() const;

  private:
    /// What identifies an instance.
    struct Key
    {
        uint32_t advRouter; //!< advertising router (= link state id)
        uint32_t sequence;  //!< sequence number
        uint16_t checksum;  //!< checksum
        uint8_t type;       //!< LS type

        /// @param o another key @return true if equal
        bool operator==(const Key& o) const
        {
            return advRouter == o.advRouter && sequence == o.sequence && checksum == o.checksum &&
                   type == o.type;
        }
    };

    /// Hash of a Key.
    struct KeyHash
    {
        /// @param k the key @return its hash
        std::size_t operator()(const Key& k) const;
    };

    /**
     * @param a an LSA
     * @param b another
     * @return true if their serialized forms agree after the age field
     */
    bool SameContent(const RtmOspfLsa& a, const RtmOspfLsa& b);

    /// Remove the keys whose body expired.
    void Sweep();

    std::unordered_map<Key, std::weak_ptr<const RtmOspfLsa>, KeyHash> m_bodies; //!< by instance
    std::size_t m_sweepAt;         //!< sweep when the map reaches this size
    uint64_t m_hits;               //!< shared
    uint64_t m_misses;             //!< new
    uint64_t m_collisions;         //!< key matched, content did not
    std::vector<uint8_t> m_bytesA; //!< scratch of SameContent
    std::vector<uint8_t> m_bytesB; //!< scratch of SameContent
};

} // namespace ns3

#endif /* RTM_OSPF_LSA_STORE_H */
