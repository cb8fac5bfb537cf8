/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "rtm-v1-node-scope.h"

#include "rtm-v1-context.h"

#include "ns3/node-list.h"
#include "ns3/routing-table-manager.h"
#include "ns3/simulator.h"

namespace ns3
{
namespace rtmv1
{

namespace
{
/// The innermost scope of this thread (a binding of the caller, not simulation state).
/// Initial-exec: one load from the thread pointer, not a __tls_get_addr call, on every facade call.
thread_local NodeScope* g_innermost __attribute__((tls_model("initial-exec"))) = nullptr;
} // namespace

NodeScope::NodeScope(Ptr<Node> node)
    : m_node(node),
      m_previous(g_innermost)
{
    g_innermost = this;
}

NodeScope::~NodeScope()
{
    g_innermost = m_previous;
}

NodeScope*
NodeScope::Innermost()
{
    return g_innermost;
}

void
NodeScope::ResolveFirst()
{
    if (!m_node)
    {
        return;
    }
    m_rtm = PeekPointer(RoutingTableManager::ForNode(m_node));
    m_context = PeekPointer(Context::ForNode(m_node));
}

Ptr<Node>
NodeScope::Current()
{
    return Ptr<Node>(PeekCurrent());
}

Node*
NodeScope::PeekCurrent()
{
    if (g_innermost)
    {
        return PeekPointer(g_innermost->m_node);
    }
    uint32_t context = Simulator::GetContext();
    if (context != Simulator::NO_CONTEXT && context < NodeList::GetNNodes())
    {
        return PeekPointer(NodeList::GetNode(context));
    }
    return nullptr;
}

} // namespace rtmv1
} // namespace ns3
