/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef RTM_ENUM_ACCESSOR_H
#define RTM_ENUM_ACCESSOR_H

#include "ns3/enum.h"

namespace ns3
{

/**
 * @ingroup rtm
 * @brief MakeEnumAccessor across ns-3 releases: ns-3.37 deduces the enum type, ns-3.44 and
 * later want it given. Call as `RtmEnumAccessor<E>(&Class::m_member, 0)`: this overload (the
 * exact `int` match) is chosen where `MakeEnumAccessor<E>` compiles.
 * @tparam E the enum type
 * @tparam M the member pointer type
 * @param member the attribute's member
 * @return the accessor
 */
template <typename E, typename M>
auto
RtmEnumAccessor(M member, int) -> decltype(MakeEnumAccessor<E>(member))
{
    return MakeEnumAccessor<E>(member);
}

/**
 * @ingroup rtm
 * @brief The fallback of RtmEnumAccessor (the `long` conversion) for releases where
 * MakeEnumAccessor takes no enum type.
 * @tparam E the enum type (not used)
 * @tparam M the member pointer type
 * @param member the attribute's member
 * @return the accessor
 */
template <typename E, typename M>
auto
RtmEnumAccessor(M member, long) -> decltype(MakeEnumAccessor(member))
{
    return MakeEnumAccessor(member);
}

} // namespace ns3

#endif /* RTM_ENUM_ACCESSOR_H */
