/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef RTM_FUNCTION_CALLBACK_H
#define RTM_FUNCTION_CALLBACK_H

#include "ns3/callback.h"
#include "ns3/ptr.h"
#include "ns3/simple-ref-count.h"

#include <functional>
#include <utility>

namespace ns3
{

/**
 * @ingroup rtm
 * @brief A function object that an ns-3 Callback can call through a member function.
 *
 * ns-3 >= 3.36 builds a Callback from a lambda (`Callback<void, int>(lambda)`); ns-3.35 cannot
 * (its Callback takes a functor only with two extra flags, which ns-3 >= 3.36 would bind as
 * arguments). Every ns-3 release builds a Callback from a member function and a Ptr, so the
 * function object is held here and RtmMakeCallback binds Invoke to it: the Callback owns the
 * holder, and two Callbacks made from the same call compare equal (Disconnect works).
 *
 * @tparam R the return type
 * @tparam Args the argument types, exactly as the Callback or trace source declares them
 */
template <typename R, typename... Args>
class RtmFunctionCallback : public SimpleRefCount<RtmFunctionCallback<R, Args...>>
{
  public:
    /**
     * @brief Holds a function object.
     * @param function what Invoke calls
     */
    explicit RtmFunctionCallback(std::function<R(Args...)> function)
        : m_function(std::move(function))
    {
    }

    /**
     * @brief Calls the function object.
     * @param args its arguments
     * @return its result
     */
    R Invoke(Args... args)
    {
        return m_function(std::forward<Args>(args)...);
    }

  private:
    std::function<R(Args...)> m_function; //!< the function object
};

/**
 * @ingroup rtm
 * @brief An ns-3 Callback that calls a function object (a lambda), in every ns-3 release.
 *
 * Write `RtmMakeCallback<void, const RtmChange&>([](const RtmChange& c) { ... })` where ns-3
 * >= 3.36 code would write `Callback<void, const RtmChange&>(lambda)`.
 *
 * @tparam R the return type
 * @tparam Args the argument types of the Callback
 * @tparam F the function object type (deduced)
 * @param function the function object, copied
 * @return the Callback
 */
template <typename R, typename... Args, typename F>
Callback<R, Args...>
RtmMakeCallback(F&& function)
{
    Ptr<RtmFunctionCallback<R, Args...>> holder = Create<RtmFunctionCallback<R, Args...>>(
        std::function<R(Args...)>(std::forward<F>(function)));
    return MakeCallback(&RtmFunctionCallback<R, Args...>::Invoke, holder);
}

} // namespace ns3

#endif /* RTM_FUNCTION_CALLBACK_H */
