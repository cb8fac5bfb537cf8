/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef RTM_FIT_CAPACITY_H
#define RTM_FIT_CAPACITY_H

#include <cstddef>
#include <vector>

namespace ns3
{

/**
 * @ingroup rtm
 * @param size elements an array holds
 * @return the capacity RtmFitCapacity leaves it: size plus 16 and 1/256
 */
inline std::size_t
RtmCapacityWithHeadroom(std::size_t size)
{
    return size + 16 + size / 256;
}

/**
 * @ingroup rtm
 * @brief Give back an array's spare capacity, keeping a little headroom.
 *
 * A table that has stopped growing still changes: a moved route is added before its old entry
 * is deleted, a link that comes back adds a few networks. Cut to its exact size, the array would
 * grow again by a whole step (an eighth) at the first such change; the headroom (16 elements and
 * 1/256 of the size) absorbs that churn. Nothing is copied when the capacity is already at or
 * below the target.
 *
 * @tparam T the element type
 * @tparam A the allocator
 * @param v the array
 */
template <typename T, typename A>
void
RtmFitCapacity(std::vector<T, A>& v)
{
    const std::size_t target = RtmCapacityWithHeadroom(v.size());
    if (v.capacity() <= target)
    {
        return;
    }
    std::vector<T, A> fitted(v.get_allocator());
    fitted.reserve(target);
    fitted.assign(v.begin(), v.end());
    v.swap(fitted);
}

} // namespace ns3

#endif /* RTM_FIT_CAPACITY_H */
