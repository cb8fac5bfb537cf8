/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "rtm-string-format-checker.h"

#include "ns3/log.h"

#include <iostream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmStringFormatChecker");

namespace
{
/**
 * @brief The StringValue the checker creates (Create). ns-3's AttributeChecker::CreateValidValue
 * checks a rejected value a second time after copying it into such a value; the checker
 * recognises its own copy and does not print the reason twice.
 */
class CheckerStringValue : public StringValue
{
};
} // namespace

RtmStringFormatChecker::RtmStringFormatChecker(const std::string& attribute, Validator validator)
    : m_attribute(attribute),
      m_validator(std::move(validator))
{
}

bool
RtmStringFormatChecker::Check(const AttributeValue& value) const
{
    const auto* s = dynamic_cast<const StringValue*>(&value);
    if (s == nullptr)
    {
        return false;
    }
    std::string reason = m_validator ? m_validator(s->Get()) : std::string();
    if (!reason.empty())
    {
        NS_LOG_WARN(m_attribute << ": " << reason);
        if (dynamic_cast<const CheckerStringValue*>(&value) != nullptr)
        {
            return false; // CreateValidValue's second look: said already
        }
        std::cerr << m_attribute << ": rejected '" << s->Get() << "': " << reason << std::endl;
        return false;
    }
    return true;
}

std::string
RtmStringFormatChecker::GetValueTypeName() const
{
    return "ns3::StringValue";
}

bool
RtmStringFormatChecker::HasUnderlyingTypeInformation() const
{
    return true;
}

std::string
RtmStringFormatChecker::GetUnderlyingTypeInformation() const
{
    return "std::string";
}

Ptr<AttributeValue>
RtmStringFormatChecker::Create() const
{
    return ns3::Create<CheckerStringValue>();
}

bool
RtmStringFormatChecker::Copy(const AttributeValue& source, AttributeValue& destination) const
{
    const auto* src = dynamic_cast<const StringValue*>(&source);
    auto* dst = dynamic_cast<StringValue*>(&destination);
    if (src == nullptr || dst == nullptr)
    {
        return false;
    }
    *dst = *src;
    return true;
}

Ptr<const AttributeChecker>
MakeRtmStringFormatChecker(const std::string& attribute,
                           RtmStringFormatChecker::Validator validator)
{
    return Ptr<const AttributeChecker>(
        ns3::Create<RtmStringFormatChecker>(attribute, std::move(validator)));
}

} // namespace ns3
