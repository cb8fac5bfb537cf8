/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef RTM_V1_NODE_SCOPE_H
#define RTM_V1_NODE_SCOPE_H

#include "ns3/node.h"
#include "ns3/ptr.h"

namespace ns3
{

class RoutingTableManager;

namespace rtmv1
{

class Context;

/**
 * @ingroup rtm
 * @brief Binds the ns3::rtmv1 functions to a node for the lifetime of the object.
 *
 * Inside simulator events the functions act on the node whose context is running; setup code
 * outside any event (or code that must act on another node) binds one explicitly:
 *
 * @code
 * {
 *     ns3::rtmv1::NodeScope scope(node);
 *     HANDLE h = RtmRegisterClient(RTM_PROTOCOL_FAMILY_IP, PROTO_IP_RIP, NULL, 0);
 * }
 * @endcode
 *
 * Scopes nest; the innermost wins over the simulator context. The binding belongs to the calling
 * thread, so it holds no simulation state.
 */
class NodeScope
{
  public:
    /**
     * @brief Bind a node.
     * @param node the node (null binds nothing: the functions then fail)
     */
    explicit NodeScope(Ptr<Node> node);
    ~NodeScope();
    NodeScope(const NodeScope&) = delete;
    NodeScope& operator=(const NodeScope&) = delete;

    /**
     * @brief The node the functions act on now: the innermost scope's, else the node of the
     * running simulator context, else null.
     * @return the node or null
     */
    static Ptr<Node> Current();

    /**
     * @brief As Current, without taking a reference: for the facade's per-call binding, which
     * holds its own reference to the node it resolved.
     * @return the node or null
     */
    static Node* PeekCurrent();

    /**
     * @brief The innermost scope of the calling thread.
     * @return the scope, or null outside every scope
     */
    static NodeScope* Innermost();

    /**
     * @brief The bound node's manager and facade state, looked up (or created) on the first call
     * and remembered for the scope's lifetime: the scope holds the node, which holds both.
     * @param rtm the manager (out; null if the scope binds no node)
     * @param context the facade state (out; null if the scope binds no node)
     */
    void Resolve(RoutingTableManager** rtm, Context** context)
    {
        if (!m_rtm)
        {
            ResolveFirst();
        }
        *rtm = m_rtm;
        *context = m_context;
    }

  private:
    /// Look up (or create) the manager and the facade state of the bound node.
    void ResolveFirst();

    Ptr<Node> m_node;                    //!< the bound node
    NodeScope* m_previous;               //!< enclosing scope
    RoutingTableManager* m_rtm{nullptr}; //!< the node's manager, once resolved
    Context* m_context{nullptr};         //!< the node's facade state, once resolved
};

} // namespace rtmv1
} // namespace ns3

#endif /* RTM_V1_NODE_SCOPE_H */
