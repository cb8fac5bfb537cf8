/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#ifndef RTM_TOPOLOGY_ERROR_H
#define RTM_TOPOLOGY_ERROR_H

#include <cstdint>
#include <stdexcept>
#include <string>

namespace ns3
{

/**
 * @ingroup rtm
 * @brief The exception thrown by the topology code (readers, generators, helper, DOT writer).
 *
 * Every topology reader reports an unreadable or malformed input with this type, never with an
 * abort. The message (what()) always names the source (a file path, or the name given to an
 * in-memory text) and, when the position is known, the 1-based line:
 * `"<source>:<line>: <reason>"` or `"<source>: <reason>"`. The three parts are also available
 * separately.
 */
class RtmTopologyError : public std::runtime_error
{
  public:
    /**
     * @brief Build the error.
     * @param source the file path (or the name of the in-memory text, or of the operation)
     * @param line the 1-based line number, or 0 when unknown
     * @param reason what is wrong, without the source and line
     */
    RtmTopologyError(const std::string& source, uint32_t line, const std::string& reason);

    /**
     * @brief Build an error with no line number.
     * @param source the file path or the name of the operation
     * @param reason what is wrong
     */
    RtmTopologyError(const std::string& source, const std::string& reason);

    /**
     * @return the file path or the source name given at construction
     */
    const std::string& GetSource() const;

    /**
     * @return the 1-based line number, or 0 when unknown
     */
    uint32_t GetLine() const;

    /**
     * @return the reason alone, without the source and line prefix
     */
    const std::string& GetReason() const;

  private:
    std::string m_source; //!< file path or source name
    uint32_t m_line;      //!< 1-based line, 0 when unknown
    std::string m_reason; //!< what is wrong
};

} // namespace ns3

#endif /* RTM_TOPOLOGY_ERROR_H */
