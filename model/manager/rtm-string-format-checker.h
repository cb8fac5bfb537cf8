/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef RTM_STRING_FORMAT_CHECKER_H
#define RTM_STRING_FORMAT_CHECKER_H

#include "ns3/string.h"

#include <functional>
#include <string>

namespace ns3
{

/**
 * @ingroup rtm
 * @brief A StringChecker that also checks the text's format, for list-valued string attributes
 * (RoutingTableManager::ProtocolPriorities, RtmAgent::ExcludedInterfaces).
 *
 * A malformed value is rejected where ns-3 checks attribute values: Config::SetFailSafe,
 * Config::SetDefaultFailSafe and ObjectBase::SetAttributeFailSafe return false, Config::Set and
 * Config::SetDefault stop with ns-3's "could not set" error, and a --ns3::... command-line value
 * makes CommandLine print "Invalid command-line argument". Each rejection also writes one line
 * naming the attribute and the reason to std::cerr, since ns-3's own messages do not say why.
 */
class RtmStringFormatChecker : public StringChecker
{
  public:
    /**
     * @brief The format test: returns "" if the text is well formed, the reason otherwise.
     */
    using Validator = std::function<std::string(const std::string& text)>;

    /**
     * @brief A checker for one attribute.
     * @param attribute the attribute's full name, for messages ("ns3::Class::Name")
     * @param validator the format test
     */
    RtmStringFormatChecker(const std::string& attribute, Validator validator);

    /**
     * @param value an attribute value
     * @return true if it is a StringValue whose text passes the format test
     */
    bool Check(const AttributeValue& value) const override;
    /// @return "ns3::StringValue"
    std::string GetValueTypeName() const override;
    /// @return true
    bool HasUnderlyingTypeInformation() const override;
    /// @return "std::string" (the format is in the attribute's help text)
    std::string GetUnderlyingTypeInformation() const override;
    /// @return a new, empty StringValue
    Ptr<AttributeValue> Create() const override;
    /**
     * @param source a StringValue
     * @param destination a StringValue
     * @return false if either is not a StringValue
     */
    bool Copy(const AttributeValue& source, AttributeValue& destination) const override;

  private:
    std::string m_attribute; //!< attribute name, for messages
    Validator m_validator;   //!< the format test
};

/**
 * @ingroup rtm
 * @brief Make an RtmStringFormatChecker.
 * @param attribute the attribute's full name, for messages
 * @param validator the format test ("" if well formed, else the reason)
 * @return the checker
 */
Ptr<const AttributeChecker> MakeRtmStringFormatChecker(const std::string& attribute,
                                                       RtmStringFormatChecker::Validator validator);

} // namespace ns3

#endif /* RTM_STRING_FORMAT_CHECKER_H */
