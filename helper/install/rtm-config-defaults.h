/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef RTM_CONFIG_DEFAULTS_H
#define RTM_CONFIG_DEFAULTS_H

#include "ns3/attribute.h"

#include <string>

namespace ns3
{

/**
 * @ingroup rtm
 * @brief Attribute defaults that a program prefers but a user's --ns3::Class::Attribute=value
 * (or Config::SetDefault) overrides.
 *
 * A program that derives agent timers from its own options (a lab's --period, say) calls
 * SetUnlessConfigured after CommandLine::Parse: the attribute's default becomes the program's
 * value unless something already changed that default, in which case the user's value stays.
 */
class RtmConfigDefaults
{
  public:
    /**
     * @brief Whether an attribute's default was changed (Config::SetDefault, --ns3::...).
     * @param typeName the TypeId name, for example "ns3::RtmRipAgent"
     * @param attribute the attribute name, for example "UnsolicitedRoutingUpdate"
     * @return true if its initial value is no longer the one the TypeId declared
     */
    static bool IsConfigured(const std::string& typeName, const std::string& attribute);

    /**
     * @brief Config::SetDefault, unless the default was already changed.
     * @param typeName the TypeId name
     * @param attribute the attribute name
     * @param value the program's value
     * @return true if the value was set, false if the user's value was kept
     */
    static bool SetUnlessConfigured(const std::string& typeName,
                                    const std::string& attribute,
                                    const AttributeValue& value);
};

} // namespace ns3

#endif /* RTM_CONFIG_DEFAULTS_H */
