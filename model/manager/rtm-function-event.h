/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef RTM_FUNCTION_EVENT_H
#define RTM_FUNCTION_EVENT_H

#include "ns3/event-impl.h"
#include "ns3/ptr.h"

#include <functional>
#include <utility>

namespace ns3
{

/**
 * @ingroup rtm
 * @brief A simulator event that calls a function object (a lambda).
 *
 * ns-3 >= 3.36 schedules a lambda directly (`Simulator::Schedule(delay, lambda)`); ns-3.35
 * schedules only functions and member functions, but every release schedules an EventImpl.
 * Write `Simulator::Schedule(delay, RtmMakeEvent(lambda))` (also ScheduleNow, ScheduleDestroy),
 * and `Simulator::ScheduleWithContext(context, delay, RtmMakeEventPointer(lambda))`.
 */
class RtmFunctionEvent : public EventImpl
{
  public:
    /**
     * @brief Holds a function object.
     * @param function what the event calls
     */
    explicit RtmFunctionEvent(std::function<void()> function)
        : m_function(std::move(function))
    {
    }

  protected:
    /// Calls the function object.
    void Notify() override
    {
        m_function();
    }

  private:
    std::function<void()> m_function; //!< the function object
};

/**
 * @ingroup rtm
 * @brief An event that calls @p function, for Simulator::Schedule, ScheduleNow, ScheduleDestroy.
 * @tparam F the function object type (deduced)
 * @param function the function object, copied
 * @return the event
 */
template <typename F>
Ptr<EventImpl>
RtmMakeEvent(F&& function)
{
    return Ptr<EventImpl>(new RtmFunctionEvent(std::function<void()>(std::forward<F>(function))),
                          false);
}

/**
 * @ingroup rtm
 * @brief An event that calls @p function, for Simulator::ScheduleWithContext, which takes over
 * the one reference of the returned pointer.
 * @tparam F the function object type (deduced)
 * @param function the function object, copied
 * @return the event
 */
template <typename F>
EventImpl*
RtmMakeEventPointer(F&& function)
{
    return new RtmFunctionEvent(std::function<void()>(std::forward<F>(function)));
}

} // namespace ns3

#endif /* RTM_FUNCTION_EVENT_H */
