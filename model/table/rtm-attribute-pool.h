/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef RTM_ATTRIBUTE_POOL_H
#define RTM_ATTRIBUTE_POOL_H

#include <array>
#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * @ingroup rtm
 * @brief Interns the 68 bytes of family- and protocol-specific data of route entries.
 *
 * Routes of one protocol mostly carry the same few metric blocks (and the same next-hop mask and
 * time to live), so each distinct block is
 * stored once, with a reference count, and a route keeps a 32-bit id (the way BGP speakers
 * intern path attributes). Intern and Release are O(1) expected.
 */
class RtmAttributePool
{
  public:
    /**
     * The interned words: 11 of family-specific and 4 of protocol-specific data, then the half
     * of the next-hop key that the forwarding array does not hold (IP: the next-hop mask), the
     * time to live in milliseconds and the protocol id.
     */
    using Words = std::array<uint32_t, 18>;

    RtmAttributePool();

    /**
     * @brief Take a reference to a block, adding it if new.
     * @param w the block
     * @return its id
     */
    uint32_t Intern(const Words& w);

    /**
     * @brief Drop a reference taken by Intern.
     * @param id the id
     */
    void Release(uint32_t id);

    /**
     * @brief The block of an id.
     * @param id a live id
     * @return the block
     */
    const Words& Get(uint32_t id) const
    {
        return m_entries[id].words;
    }

    /// @return the number of distinct live blocks
    uint32_t GetSize() const
    {
        return m_live;
    }

    /// @return bytes of heap memory held
    std::size_t GetMemoryUsage() const;

  private:
    /// One interned block.
    struct Entry
    {
        Words words;       //!< the data
        uint32_t refs;     //!< references; 0 when free
        uint32_t nextFree; //!< free-list link
    };

    static uint64_t Hash(const Words& w);
    void Grow();
    uint32_t FindSlot(const Words& w, uint64_t h) const;

    std::vector<Entry> m_entries;  //!< blocks by id
    std::vector<uint32_t> m_slots; //!< open-addressing table of ids (EMPTY, TOMB or id)
    uint32_t m_freeHead;           //!< first free id
    uint32_t m_live;               //!< live blocks
    uint32_t m_used;               //!< occupied slots, tombstones included
};

} // namespace ns3

#endif /* RTM_ATTRIBUTE_POOL_H */
