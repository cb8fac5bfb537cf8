/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef RTM_ORDERED_INDEX_H
#define RTM_ORDERED_INDEX_H

#include <cstdint>
#include <functional>
#include <vector>

namespace ns3
{

/**
 * @ingroup rtm
 * @brief The ordered list of network keys behind RtmGetFirstRoute and RtmGetNextRoute.
 *
 * As the SDK says of RTMv1 itself, "recently changed routes must first be merged into the
 * ordered list": adds and deletes only append to a pending list (O(1)), and the first ordered
 * query after a change sorts the pending keys and merges them into the sorted list, dropping keys
 * that no longer exist. Queries on a merged list are O(log n).
 */
class RtmOrderedIndex
{
  public:
    /// Tells whether a key still names a network.
    using ExistsFn = std::function<bool(uint64_t)>;

    /**
     * @brief A network was created.
     * @param key its key
     */
    void Insert(uint64_t key);

    /// @brief A network was destroyed.
    void Erase();

    /**
     * @brief The smallest live key at or after a key.
     * @param key the key
     * @param inclusive whether key itself qualifies
     * @param exists the liveness test
     * @param out the key found
     * @return false if there is none
     */
    bool Successor(uint64_t key, bool inclusive, const ExistsFn& exists, uint64_t* out);

    /// @return bytes of heap memory held
    std::size_t GetMemoryUsage() const;

  private:
    void Merge(const ExistsFn& exists);

    std::vector<uint64_t> m_sorted;  //!< merged keys, ascending
    std::vector<uint64_t> m_pending; //!< keys added since the last merge
    uint64_t m_erased{0};            //!< deletions since the last merge
};

} // namespace ns3

#endif /* RTM_ORDERED_INDEX_H */
