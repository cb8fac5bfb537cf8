/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "rtm-rip-header.h"

#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmRipHeader");

NS_OBJECT_ENSURE_REGISTERED(RtmRipHeader);

namespace
{
/// Read a big-endian 16-bit value (the caller checked the bounds).
uint16_t
Read16(const uint8_t* p)
{
    return static_cast<uint16_t>((p[0] << 8) | p[1]);
}

/// Read a big-endian 32-bit value (the caller checked the bounds).
uint32_t
Read32(const uint8_t* p)
{
    return (static_cast<uint32_t>(p[0]) << 24) | (static_cast<uint32_t>(p[1]) << 16) |
           (static_cast<uint32_t>(p[2]) << 8) | static_cast<uint32_t>(p[3]);
}

/// Whether a destination may appear in an RTE (RFC 2453 3.9.2: unicast, not net 0 or 127).
bool
IsValidDestination(uint32_t address, uint32_t mask)
{
    uint32_t first = address >> 24;
    if (address == 0)
    {
        return mask == 0; // the default route only
    }
    return first != 0 && first != 127 && first < 224;
}
} // namespace

RtmRipHeader::RtmRipHeader()
    : m_command(RESPONSE),
      m_version(VERSION),
      m_status(OK)
{
}

TypeId
RtmRipHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::RtmRipHeader")
                            .SetParent<Header>()
                            .SetGroupName("Rtm")
                            .AddConstructor<RtmRipHeader>();
    return tid;
}

TypeId
RtmRipHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
RtmRipHeader::Print(std::ostream& os) const
{
    os << "command " << (m_command == REQUEST ? "request" : "response") << " version "
       << static_cast<uint32_t>(m_version) << " rtes " << m_rtes.size();
    if (m_auth)
    {
        os << " auth " << m_authType;
    }
    for (const Rte& r : m_rtes)
    {
        os << " [af " << r.family << " tag " << r.tag << " " << r.prefix << "/"
           << r.mask.GetPrefixLength() << " nh " << r.nextHop << " metric " << r.metric << "]";
    }
}

uint32_t
RtmRipHeader::GetSerializedSize() const
{
    return HEADER_SIZE + RTE_SIZE * static_cast<uint32_t>(m_rtes.size() + (m_auth ? 1 : 0));
}

void
RtmRipHeader::Serialize(Buffer::Iterator start) const
{
    Buffer::Iterator i = start;
    i.WriteU8(m_command);
    i.WriteU8(m_version);
    i.WriteU16(0);
    if (m_auth)
    {
        i.WriteHtonU16(AUTH_FAMILY);
        i.WriteHtonU16(m_authType);
        i.Write(m_authData.data(), AUTH_SIZE);
    }
    for (const Rte& r : m_rtes)
    {
        i.WriteHtonU16(r.family);
        i.WriteHtonU16(r.tag);
        i.WriteHtonU32(r.prefix.Get());
        i.WriteHtonU32(r.mask.Get());
        i.WriteHtonU32(r.nextHop.Get());
        i.WriteHtonU32(r.metric);
    }
}

uint32_t
RtmRipHeader::Deserialize(Buffer::Iterator start)
{
    uint32_t size = start.GetRemainingSize();
    // Read at most one RTE more than a legal message: enough to tell OVERSIZED apart.
    uint32_t take = std::min<uint32_t>(size, MAX_SIZE + RTE_SIZE);
    std::vector<uint8_t> bytes(take);
    start.Read(bytes.data(), take);
    if (size > MAX_SIZE)
    {
        m_status = (size - HEADER_SIZE) % RTE_SIZE != 0 ? TRUNCATED : OVERSIZED;
        m_rtes.clear();
        return size;
    }
    RtmRipHeader parsed;
    m_status = Parse(bytes.data(), take, &parsed);
    if (m_status == OK)
    {
        m_command = parsed.m_command;
        m_version = parsed.m_version;
        m_rtes = std::move(parsed.m_rtes);
        m_auth = parsed.m_auth;
        m_authType = parsed.m_authType;
        m_authData = parsed.m_authData;
    }
    else
    {
        m_rtes.clear();
        ClearAuthentication();
    }
    return size;
}

RtmRipHeader::Status
RtmRipHeader::ParseRte(const uint8_t* p, uint8_t command, bool single, uint32_t infinity, Rte* r)
{
    r->family = Read16(p);
    r->tag = Read16(p + 2);
    const uint32_t address = Read32(p + 4);
    const uint32_t mask = Read32(p + 8);
    r->prefix = Ipv4Address(address);
    r->mask = Ipv4Mask(mask);
    r->nextHop = Ipv4Address(Read32(p + 12));
    r->metric = Read32(p + 16);
    if (command == REQUEST && single && r->family == 0)
    {
        return r->metric == infinity ? OK : BAD_METRIC; // the whole-table request
    }
    if (r->family != AF_INET)
    {
        return BAD_ADDRESS_FAMILY;
    }
    if (command == RESPONSE && (r->metric == 0 || r->metric > infinity))
    {
        return BAD_METRIC;
    }
    if (!IsContiguous(r->mask) || (address & ~mask) != 0)
    {
        return BAD_MASK;
    }
    return IsValidDestination(address, mask) ? OK : BAD_ADDRESS;
}

RtmRipHeader::Status
RtmRipHeader::Parse(const uint8_t* data, std::size_t size, RtmRipHeader* out, uint32_t infinity)
{
    if (data == nullptr || size < HEADER_SIZE || (size - HEADER_SIZE) % RTE_SIZE != 0)
    {
        return TRUNCATED;
    }
    std::size_t n = (size - HEADER_SIZE) / RTE_SIZE;
    if (n > MAX_RTES)
    {
        return OVERSIZED;
    }
    uint8_t command = data[0];
    uint8_t version = data[1];
    if (version != VERSION)
    {
        return BAD_VERSION;
    }
    if (command != REQUEST && command != RESPONSE)
    {
        return BAD_COMMAND;
    }
    std::vector<Rte> rtes;
    rtes.reserve(n);
    std::size_t first = 0;
    bool auth = n > 0 && Read16(data + HEADER_SIZE) == AUTH_FAMILY;
    if (auth)
    {
        first = 1; // the authentication entry, not a route
    }
    for (std::size_t k = first; k < n; ++k)
    {
        Rte r;
        Status status = ParseRte(data + HEADER_SIZE + k * RTE_SIZE,
                                 command,
                                 command == REQUEST && n - first == 1,
                                 infinity,
                                 &r);
        if (status != OK)
        {
            return status;
        }
        rtes.push_back(r);
    }
    if (out)
    {
        out->m_command = command;
        out->m_version = version;
        out->m_rtes = std::move(rtes);
        out->m_status = OK;
        out->ClearAuthentication();
        if (auth)
        {
            out->m_auth = true;
            out->m_authType = Read16(data + HEADER_SIZE + 2);
            std::copy(data + HEADER_SIZE + 4,
                      data + HEADER_SIZE + 4 + AUTH_SIZE,
                      out->m_authData.begin());
        }
    }
    return OK;
}

const char*
RtmRipHeader::StatusName(Status status)
{
    switch (status)
    {
    case OK:
        return "ok";
    case TRUNCATED:
        return "truncated";
    case OVERSIZED:
        return "oversized";
    case BAD_VERSION:
        return "bad-version";
    case BAD_COMMAND:
        return "bad-command";
    case BAD_ADDRESS_FAMILY:
        return "bad-address-family";
    case BAD_METRIC:
        return "bad-metric";
    case BAD_MASK:
        return "bad-mask";
    case BAD_ADDRESS:
        return "bad-address";
    }
    return "unknown";
}

bool
RtmRipHeader::IsContiguous(Ipv4Mask mask)
{
    uint32_t inverse = ~mask.Get();
    return (inverse & (inverse + 1)) == 0;
}

void
RtmRipHeader::SetCommand(Command command)
{
    m_command = command;
}

RtmRipHeader::Command
RtmRipHeader::GetCommand() const
{
    return static_cast<Command>(m_command);
}

void
RtmRipHeader::SetVersion(uint8_t version)
{
    m_version = version;
}

uint8_t
RtmRipHeader::GetVersion() const
{
    return m_version;
}

void
RtmRipHeader::AddRte(const Rte& rte)
{
    m_rtes.push_back(rte);
}

void
RtmRipHeader::ClearRtes()
{
    m_rtes.clear();
}

const std::vector<RtmRipHeader::Rte>&
RtmRipHeader::GetRtes() const
{
    return m_rtes;
}

uint32_t
RtmRipHeader::GetRteNumber() const
{
    return static_cast<uint32_t>(m_rtes.size());
}

bool
RtmRipHeader::IsWholeTableRequest() const
{
    return m_command == REQUEST && m_rtes.size() == 1 && m_rtes[0].family == 0;
}

RtmRipHeader::Status
RtmRipHeader::GetStatus() const
{
    return m_status;
}

std::ostream&
operator<<(std::ostream& os, RtmRipHeader::Status status)
{
    return os << RtmRipHeader::StatusName(status);
}

void
RtmRipHeader::SetAuthentication(uint16_t type, const AuthData& data)
{
    m_auth = true;
    m_authType = type;
    m_authData = data;
}

void
RtmRipHeader::ClearAuthentication()
{
    m_auth = false;
    m_authType = 0;
    m_authData.fill(0);
}

bool
RtmRipHeader::HasAuthentication() const
{
    return m_auth;
}

uint16_t
RtmRipHeader::GetAuthenticationType() const
{
    return m_authType;
}

const RtmRipHeader::AuthData&
RtmRipHeader::GetAuthenticationData() const
{
    return m_authData;
}

RtmRipHeader::AuthData
RtmRipHeader::PasswordData(const std::string& password)
{
    AuthData data{};
    std::copy_n(password.begin(), std::min<std::size_t>(password.size(), AUTH_SIZE), data.begin());
    return data;
}

} // namespace ns3
