/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef RTM_ORDERED_INDEX_H
#define RTM_ORDERED_INDEX_H

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * @ingroup rtm
 * @brief The ordered list of network keys behind RtmGetFirstRoute and RtmGetNextRoute.
 *
 * As the SDK says of RTMv1 itself, "recently changed routes must first be merged into the
 * ordered list": the index is built on the first ordered query (a table that is never enumerated
 * in order pays nothing for it); afterwards a created or destroyed network only appends its key
 * to a log (O(1)), and the log is merged into the sorted list by the next ordered query, or as
 * soon as it holds a quarter of the list's size (amortized O(log n) per change, memory bounded).
 * Queries on a merged list are O(log n).
 */
class RtmOrderedIndex
{
  public:
    /// @return true once Build has run
    bool IsActive() const
    {
        return m_active;
    }

    /**
     * @brief Build the index from every live key.
     * @param keys the keys, in any order, each once
     */
    void Build(std::vector<uint64_t> keys);

    /**
     * @brief A network was created (ignored until the index is built).
     * @param key its key
     */
    void Insert(uint64_t key);

    /**
     * @brief A network was destroyed (ignored until the index is built).
     * @param key its key
     */
    void Erase(uint64_t key);

    /**
     * @brief The smallest live key at or after a key (the index must be built).
     * @param key the key
     * @param inclusive whether key itself qualifies
     * @param out the key found
     * @return false if there is none
     */
    bool Successor(uint64_t key, bool inclusive, uint64_t* out);

    /// @return bytes of heap memory held
    std::size_t GetMemoryUsage() const;

    /**
     * @brief Fold pending changes into the sorted keys and release spare capacity (the keys and
     * their order are unchanged).
     */
    void ShrinkToFit();

  private:
    void Merge();
    void MaybeMerge();

    bool m_active{false};            //!< built
    std::vector<uint64_t> m_sorted;  //!< live keys at the last merge, ascending
    std::vector<uint64_t> m_created; //!< keys created since
    std::vector<uint64_t> m_erased;  //!< keys destroyed since
};

} // namespace ns3

#endif /* RTM_ORDERED_INDEX_H */
