/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "rtm-config-defaults.h"

#include "ns3/config.h"
#include "ns3/log.h"
#include "ns3/type-id.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmConfigDefaults");

bool
RtmConfigDefaults::IsConfigured(const std::string& typeName, const std::string& attribute)
{
    TypeId tid;
    TypeId::AttributeInformation info;
    if (!TypeId::LookupByNameFailSafe(typeName, &tid) ||
        !tid.LookupAttributeByName(attribute, &info))
    {
        return false;
    }
    // TypeId keeps the declared value and replaces initialValue on every SetDefault.
    return PeekPointer(info.initialValue) != PeekPointer(info.originalInitialValue);
}

bool
RtmConfigDefaults::SetUnlessConfigured(const std::string& typeName,
                                       const std::string& attribute,
                                       const AttributeValue& value)
{
    if (IsConfigured(typeName, attribute))
    {
        NS_LOG_INFO(typeName << "::" << attribute << ": keeping the configured default");
        return false;
    }
    Config::SetDefault(typeName + "::" + attribute, value);
    return true;
}

} // namespace ns3
