/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#include "rtm-topology-error.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmTopologyError");

namespace
{

/**
 * @brief Compose the what() text.
 * @param source the source name
 * @param line the line, 0 when unknown
 * @param reason the reason
 * @return "source:line: reason" or "source: reason"
 */
std::string
Compose(const std::string& source, uint32_t line, const std::string& reason)
{
    std::string s = source.empty() ? std::string("<unnamed>") : source;
    if (line > 0)
    {
        s += ":" + std::to_string(line);
    }
    return s + ": " + reason;
}

} // namespace

RtmTopologyError::RtmTopologyError(const std::string& source,
                                   uint32_t line,
                                   const std::string& reason)
    : std::runtime_error(Compose(source, line, reason)),
      m_source(source),
      m_line(line),
      m_reason(reason)
{
    NS_LOG_FUNCTION(this << source << line << reason);
}

RtmTopologyError::RtmTopologyError(const std::string& source, const std::string& reason)
    : RtmTopologyError(source, 0, reason)
{
}

const std::string&
RtmTopologyError::GetSource() const
{
    return m_source;
}

uint32_t
RtmTopologyError::GetLine() const
{
    return m_line;
}

const std::string&
RtmTopologyError::GetReason() const
{
    return m_reason;
}

} // namespace ns3
