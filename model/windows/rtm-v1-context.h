/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef RTM_V1_CONTEXT_H
#define RTM_V1_CONTEXT_H

#include "ns3/callback.h"
#include "ns3/node.h"
#include "ns3/object.h"

#include <cstdint>
#include <map>

namespace ns3
{
namespace rtmv1
{

/**
 * @ingroup rtm
 * @brief What the Windows facade keeps per node: the last error and the change events.
 *
 * Aggregated to the node on first use of the ns3::rtmv1 functions there.
 */
class Context : public Object
{
  public:
    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();

    Context();

    /**
     * @brief The facade state of a node, aggregated to it on first use.
     * @param node the node
     * @return its facade state
     */
    static Ptr<Context> ForNode(Ptr<Node> node);

    /// @return the last error
    uint32_t GetLastError() const
    {
        return m_lastError;
    }

    /**
     * @brief Set the last error.
     * @param error the code
     */
    void SetLastError(uint32_t error)
    {
        m_lastError = error;
    }

    /**
     * @brief Create an event.
     * @param nodeTag the node's token tag (node id + 1)
     * @param onSignal its callback
     * @return its token
     */
    uint64_t CreateEvent(uint64_t nodeTag, Callback<void> onSignal);

    /**
     * @brief Find an open event.
     * @param token the token
     * @param onSignal its callback (out)
     * @return false if the token names no open event of this node
     */
    bool FindEvent(uint64_t token, Callback<void>* onSignal) const;

    /**
     * @brief Close an event.
     * @param token the token
     * @return false if the token names no open event of this node
     */
    bool CloseEvent(uint64_t token);

  protected:
    void DoDispose() override;

  private:
    uint32_t m_lastError;                        //!< last error
    uint64_t m_serial;                           //!< event counter
    std::map<uint64_t, Callback<void>> m_events; //!< open events
};

} // namespace rtmv1
} // namespace ns3

#endif /* RTM_V1_CONTEXT_H */
