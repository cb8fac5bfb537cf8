/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "rtm-v1-context.h"

namespace ns3
{
namespace rtmv1
{

NS_OBJECT_ENSURE_REGISTERED(Context);

namespace
{
constexpr uint64_t KIND_EVENT = 3;
}

TypeId
Context::GetTypeId()
{
    static TypeId tid = TypeId("ns3::rtmv1::Context")
                            .SetParent<Object>()
                            .SetGroupName("Rtm")
                            .AddConstructor<Context>();
    return tid;
}

Context::Context()
    : m_lastError(0),
      m_serial(0)
{
}

Ptr<Context>
Context::ForNode(Ptr<Node> node)
{
    Ptr<Context> c = node->GetObject<Context>();
    if (!c)
    {
        c = CreateObject<Context>();
        node->AggregateObject(c);
    }
    return c;
}

uint64_t
Context::CreateEvent(uint64_t nodeTag, Callback<void> onSignal)
{
    ++m_serial;
    uint64_t token =
        ((nodeTag & 0xFFFFFF) << 40) | (KIND_EVENT << 36) | (m_serial & 0xFFFFFFFFFULL);
    m_events[token] = onSignal;
    return token;
}

bool
Context::FindEvent(uint64_t token, Callback<void>* onSignal) const
{
    auto it = m_events.find(token);
    if (it == m_events.end())
    {
        return false;
    }
    *onSignal = it->second;
    return true;
}

bool
Context::CloseEvent(uint64_t token)
{
    return m_events.erase(token) != 0;
}

void
Context::DoDispose()
{
    m_events.clear();
    Object::DoDispose();
}

} // namespace rtmv1
} // namespace ns3
