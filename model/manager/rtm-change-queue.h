/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef RTM_CHANGE_QUEUE_H
#define RTM_CHANGE_QUEUE_H

#include "ns3/rtm-route.h"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <unordered_map>

namespace ns3
{

/**
 * @ingroup rtm
 * @brief One client's queue of best-route change messages (RTMV1.md 4.3, DECISIONS 9).
 *
 * By default a FIFO of copies, one message per change, unbounded, as RTMv1 has it. Once
 * coalescing is on (SetCoalescing: the manager's CoalesceChanges mode, or its QueueLimit reached
 * by this client) a change of a network that already has a message pending is merged into that
 * message, RTMv2-style: it keeps the first previous best route and takes the latest current one,
 * so the queue holds at most one message per network beyond what it held before coalescing
 * began, and the client still learns the latest state of every network. A network that gained
 * and lost its best route while pending leaves no message. Messages of one network stay in
 * order; a merged message keeps the place of the first one, so the order across networks is the
 * order in which each network first changed.
 */
class RtmChangeQueue
{
  public:
    /**
     * @brief Append a change (or merge it, when coalescing).
     * @param change the change (flags not 0)
     */
    void Push(const RtmChange& change);

    /**
     * @brief Take the oldest message.
     * @param message the message (out, optional)
     * @return false if the queue is empty
     */
    bool Pop(RtmChange* message);

    /// @return the number of messages pending
    std::size_t Size() const
    {
        return m_live;
    }

    /// @return true if no message is pending
    bool Empty() const
    {
        return m_live == 0;
    }

    /**
     * @brief Merge later changes of a network into its pending message from now on.
     * @param on whether to coalesce
     */
    void SetCoalescing(bool on);

    /// @return whether changes are coalesced
    bool IsCoalescing() const
    {
        return m_coalescing;
    }

    /// @return bytes of heap memory held (messages and the per-network index)
    std::size_t GetMemoryUsage() const;

  private:
    /// Drop merged-away messages from the front.
    void SkipEmpty();

    std::deque<RtmChange> m_messages;               //!< messages; flags 0: merged away
    std::unordered_map<uint64_t, uint64_t> m_index; //!< network -> sequence of its pending one
    uint64_t m_popped{0};                           //!< messages taken from the front so far
    std::size_t m_live{0};                          //!< messages with flags not 0
    bool m_coalescing{false};                       //!< merge per network
};

} // namespace ns3

#endif /* RTM_CHANGE_QUEUE_H */
