/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "rtm-change-queue.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmChangeQueue");

void
RtmChangeQueue::SetCoalescing(bool on)
{
    if (on == m_coalescing)
    {
        return;
    }
    m_coalescing = on;
    m_index.clear();
    if (on)
    {
        // index what is pending, so that later changes merge into the last message of their
        // network (merging into the last keeps each network's messages in order)
        uint64_t seq = m_popped;
        for (const RtmChange& m : m_messages)
        {
            if (m.flags != 0)
            {
                m_index[m.network] = seq;
            }
            ++seq;
        }
    }
}

void
RtmChangeQueue::Push(const RtmChange& change)
{
    if (m_coalescing)
    {
        auto it = m_index.find(change.network);
        if (it != m_index.end())
        {
            RtmChange& pending = m_messages[it->second - m_popped];
            // first previous (if the network had a best route before the pending message),
            // latest current (if it has one now)
            const uint32_t before = pending.flags & RtmChange::PREVIOUS;
            const uint32_t after = change.flags & RtmChange::CURRENT;
            if (after)
            {
                pending.current = change.current;
            }
            pending.flags = before | after;
            if (pending.flags == 0)
            {
                --m_live; // added and deleted while pending: nothing to tell
                m_index.erase(it);
                SkipEmpty();
            }
            return;
        }
        m_index[change.network] = m_popped + m_messages.size();
    }
    m_messages.push_back(change);
    ++m_live;
}

bool
RtmChangeQueue::Pop(RtmChange* message)
{
    SkipEmpty();
    if (m_messages.empty())
    {
        return false;
    }
    RtmChange& front = m_messages.front();
    if (m_coalescing)
    {
        auto it = m_index.find(front.network);
        if (it != m_index.end() && it->second == m_popped)
        {
            m_index.erase(it);
        }
    }
    if (message)
    {
        *message = std::move(front);
    }
    m_messages.pop_front();
    ++m_popped;
    --m_live;
    SkipEmpty();
    return true;
}

void
RtmChangeQueue::SkipEmpty()
{
    while (!m_messages.empty() && m_messages.front().flags == 0)
    {
        m_messages.pop_front();
        ++m_popped;
    }
}

std::size_t
RtmChangeQueue::GetMemoryUsage() const
{
    return m_messages.size() * sizeof(RtmChange) +
           m_index.size() * (sizeof(uint64_t) * 2 + sizeof(void*) * 2) +
           m_index.bucket_count() * sizeof(void*);
}

} // namespace ns3
