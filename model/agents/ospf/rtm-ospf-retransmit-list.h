/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef RTM_OSPF_RETRANSMIT_LIST_H
#define RTM_OSPF_RETRANSMIT_LIST_H

#include "ns3/nstime.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * @ingroup rtm
 * @brief One neighbour's link-state retransmission list (RFC 2328 10, 13.3): the LSA instances
 * sent to it and not yet acknowledged, by LSA key (RtmOspfLsa::KeyOf).
 *
 * A flat open-addressing table of 24-byte cells (linear probing, at most 3/4 full, deletions
 * shift the cells after them back so that there are no tombstones). During a cold start every
 * router has every LSA of the network pending on each adjacency for an AckDelay: a hash map
 * node per entry (about 56 bytes with its bucket) was most of that peak, and an emptied map
 * kept its buckets. This list gives its memory back when it empties and shrinks when it falls
 * below an eighth of its cells.
 *
 * Iteration (EraseIf) is in cell order: deterministic for the same history, otherwise
 * meaningless; the agent sorts what it sends.
 */
class RtmOspfRetransmitList
{
  public:
    /// The instance sent.
    struct Pending
    {
        uint32_t sequence{0}; //!< the instance sent
        uint16_t checksum{0}; //!< its checksum
        bool flushed{false};  //!< sent at MaxAge
        Time sentAt;          //!< when last sent
    };

    RtmOspfRetransmitList() = default;

    /**
     * @param key an LSA key
     * @return its pending instance, or null (valid until the next Set, Erase or Clear)
     */
    Pending* Find(uint64_t key);

    /**
     * @param key an LSA key
     * @return its pending instance, or null
     */
    const Pending* Find(uint64_t key) const;

    /**
     * @brief Add an LSA, or replace its pending instance.
     * @param key the LSA key
     * @param pending the instance sent
     */
    void Set(uint64_t key, const Pending& pending);

    /**
     * @brief Remove an LSA.
     * @param key the LSA key
     * @return true if it was listed
     */
    bool Erase(uint64_t key);

    /**
     * @brief Visit every entry, removing those the visitor says to.
     * @tparam F callable as bool(uint64_t key, Pending& pending): true removes the entry
     * @param visit the visitor (it must not change the list otherwise)
     */
    template <typename F>
    void EraseIf(F visit)
    {
        std::vector<uint64_t> gone;
        for (Cell& c : m_cells)
        {
            if (c.key != EMPTY && visit(c.key, c.pending))
            {
                gone.push_back(c.key);
            }
        }
        for (uint64_t key : gone)
        {
            Erase(key);
        }
    }

    /// Remove every entry and give the memory back.
    void Clear();

    /// @return the number of entries
    std::size_t GetSize() const
    {
        return m_size;
    }

    /// @return true if there is no entry
    bool IsEmpty() const
    {
        return m_size == 0;
    }

    /// @return bytes of heap memory held
    std::size_t GetMemoryUsage() const;

  private:
    /// The key of an empty cell: no LSA key (RtmOspfLsa::KeyOf is below 2^40).
    static constexpr uint64_t EMPTY = ~uint64_t{0};

    /// A cell: 24 bytes.
    struct Cell
    {
        uint64_t key{EMPTY}; //!< LSA key, or EMPTY
        Pending pending;     //!< its instance
    };

    /**
     * @param key an LSA key
     * @return its home cell
     */
    std::size_t Home(uint64_t key) const;

    /**
     * @param key an LSA key
     * @return its cell, or the cell count if absent
     */
    std::size_t Locate(uint64_t key) const;

    /**
     * @brief Rebuild with this many cells (a power of two at least 4/3 of the entries).
     * @param cells the new cell count (0: no storage)
     */
    void Rehash(std::size_t cells);

    std::vector<Cell> m_cells; //!< the table (size 0 or a power of two)
    std::size_t m_size{0};     //!< entries
};

} // namespace ns3

#endif /* RTM_OSPF_RETRANSMIT_LIST_H */
