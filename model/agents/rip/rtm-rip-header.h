/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef RTM_RIP_HEADER_H
#define RTM_RIP_HEADER_H

#include "ns3/header.h"
#include "ns3/ipv4-address.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{

/**
 * @ingroup rtm
 * @brief A RIPv2 message (RFC 2453 section 4): a four-byte header (command, version, two
 * unused bytes) followed by route table entries (RTEs) of 20 bytes each.
 *
 * Each RTE carries an address family (2 for IP), a route tag, the IP address and subnet mask
 * of the destination, a next hop (0.0.0.0: the sender) and a metric (1..16, 16 = infinity), all
 * in network byte order. Every field of an RTE built in code starts at zero (not at ns-3's
 * 102.102.102.102 marker of an unset Ipv4Address), so what is not set goes out as zeros.
 *
 * A message may start with an authentication entry (RFC 2453 section 4.1: address family
 * 0xFFFF, the authentication type in the route tag field, 16 bytes of authentication data);
 * SetAuthentication() adds one, Parse() reads it apart from the RTEs. Type 2 is the simple
 * password; the header carries other types without interpreting them.
 *
 * Parsing from untrusted bytes goes through Parse(), which checks everything (length, version,
 * command, address family, metric, mask, address) with bounds-checked reads and never reads
 * outside the buffer. Deserialize() uses Parse() on the bytes that remain in the buffer, so it is
 * safe as well; on a parse error the header is left empty and GetStatus() tells why.
 */
class RtmRipHeader : public Header
{
  public:
    /// The RIP commands.
    enum Command : uint8_t
    {
        REQUEST = 1,  //!< a request for all or part of the table
        RESPONSE = 2, //!< an update (periodic, triggered, or the answer to a request)
    };

    /// The result of parsing a message.
    enum Status : uint8_t
    {
        OK = 0,                 //!< well formed
        TRUNCATED = 1,          //!< shorter than the header, or a partial RTE
        OVERSIZED = 2,          //!< more than MAX_RTES entries
        BAD_VERSION = 3,        //!< version is not 2
        BAD_COMMAND = 4,        //!< command is neither REQUEST nor RESPONSE
        BAD_ADDRESS_FAMILY = 5, //!< address family not 2 (or 0 in a whole-table request)
        BAD_METRIC = 6,         //!< metric 0 or above infinity
        BAD_MASK = 7,           //!< mask not contiguous, or address bits outside the mask
        BAD_ADDRESS = 8,        //!< loopback, multicast, class E or "network 0" destination
    };

    static constexpr uint16_t PORT = 520;      //!< the RIP UDP port
    static constexpr uint8_t VERSION = 2;      //!< RIPv2
    static constexpr uint16_t AF_INET = 2;     //!< address family of IP RTEs
    static constexpr uint32_t HEADER_SIZE = 4; //!< bytes before the first RTE
    static constexpr uint32_t RTE_SIZE = 20;   //!< bytes per RTE
    static constexpr uint32_t MAX_RTES = 25;   //!< RTEs per message (RFC 2453 section 4)
    static constexpr uint32_t MAX_SIZE = HEADER_SIZE + MAX_RTES * RTE_SIZE; //!< 504 bytes
    static constexpr uint32_t INFINITY_METRIC = 16;                         //!< RIP's infinity
    static constexpr uint16_t AUTH_FAMILY = 0xFFFF; //!< address family of the authentication entry
    static constexpr uint16_t AUTH_SIMPLE_PASSWORD = 2; //!< authentication type: simple password
    static constexpr uint32_t AUTH_SIZE = 16;           //!< bytes of authentication data

    /// The authentication data of a message (a password is padded with zeros).
    using AuthData = std::array<uint8_t, AUTH_SIZE>;

    /// One route table entry.
    struct Rte
    {
        uint16_t family{AF_INET};         //!< address family identifier
        uint16_t tag{0};                  //!< route tag (carried, not interpreted)
        Ipv4Address prefix{uint32_t{0}};  //!< destination network
        Ipv4Mask mask{uint32_t{0}};       //!< destination mask
        Ipv4Address nextHop{uint32_t{0}}; //!< next hop, 0.0.0.0 for "via the sender"
        uint32_t metric{INFINITY_METRIC}; //!< 1..16
    };

    RtmRipHeader();

    /**
     * @brief Get the type ID.
     * @return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    void Print(std::ostream& os) const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;

    /**
     * @brief Parse and validate a message from raw bytes.
     *
     * Checks, in this order: length (TRUNCATED if shorter than 4 bytes or not 4 + 20 n,
     * OVERSIZED if n > MAX_RTES), version (BAD_VERSION unless 2), command (BAD_COMMAND), then
     * every RTE. A first entry of family AUTH_FAMILY is the authentication entry (read into
     * GetAuthenticationType() and GetAuthenticationData(), not an RTE); an authentication entry
     * anywhere else is BAD_ADDRESS_FAMILY. A request consisting of exactly one RTE of family 0 and
     * metric 16 is the whole-table request (IsWholeTableRequest); any other RTE must have family 2
     * (BAD_ADDRESS_FAMILY), a contiguous mask with no address bits outside it (BAD_MASK) and a
     * unicast destination outside 127/8, 224/3 and 0/8 except the default route 0.0.0.0/0
     * (BAD_ADDRESS). RTEs of a response must have a metric of 1..infinity (BAD_METRIC); the
     * metric of a request's RTEs is not checked (the responder fills it in).
     * @param data the bytes
     * @param size their number
     * @param out the parsed message (filled only when the result is OK; may be null)
     * @param infinity the metric meaning "unreachable" (16 in RIP)
     * @return OK or the first problem found
     */
    static Status Parse(const uint8_t* data,
                        std::size_t size,
                        RtmRipHeader* out,
                        uint32_t infinity = INFINITY_METRIC);

    /**
     * @param status a status
     * @return its name ("ok", "truncated", ...)
     */
    static const char* StatusName(Status status);

    /**
     * @param mask a mask
     * @return true if its one bits are contiguous from the most significant bit
     */
    static bool IsContiguous(Ipv4Mask mask);

    /// @param command the command
    void SetCommand(Command command);
    /// @return the command
    Command GetCommand() const;
    /// @param version the version byte written by Serialize (2 unless a test forges another)
    void SetVersion(uint8_t version);
    /// @return the version byte
    uint8_t GetVersion() const;
    /// @param rte an entry to append
    void AddRte(const Rte& rte);
    /// Remove every entry.
    void ClearRtes();
    /// @return the entries
    const std::vector<Rte>& GetRtes() const;
    /// @return the number of entries
    uint32_t GetRteNumber() const;
    /// @return true for a request of the whole table (one RTE of family 0; Parse checked its
    /// metric is infinity)
    bool IsWholeTableRequest() const;
    /// @return the status of the last Deserialize (OK for a header built in code)
    Status GetStatus() const;

    /**
     * @brief Start the message with an authentication entry.
     * @param type the authentication type (AUTH_SIMPLE_PASSWORD for a password)
     * @param data the authentication data
     */
    void SetAuthentication(uint16_t type, const AuthData& data);
    /// Remove the authentication entry.
    void ClearAuthentication();
    /// @return true when the message has an authentication entry
    bool HasAuthentication() const;
    /// @return the authentication type (0 without an authentication entry)
    uint16_t GetAuthenticationType() const;
    /// @return the authentication data (zeros without an authentication entry)
    const AuthData& GetAuthenticationData() const;
    /**
     * @brief The authentication data of a simple password.
     * @param password the password (at most AUTH_SIZE characters; longer ones are cut)
     * @return the password's bytes, padded with zeros
     */
    static AuthData PasswordData(const std::string& password);

  private:
    /**
     * @brief Read and check one RTE (the checks of Parse, in its order).
     * @param p the RTE's 20 bytes (bounds checked by the caller)
     * @param command the message's command
     * @param single whether it is the message's only RTE (a whole-table request may be)
     * @param infinity the metric meaning unreachable
     * @param r receives the entry
     * @return OK or the problem
     */
    static Status ParseRte(const uint8_t* p,
                           uint8_t command,
                           bool single,
                           uint32_t infinity,
                           Rte* r);

    uint8_t m_command;       //!< command
    uint8_t m_version;       //!< version
    std::vector<Rte> m_rtes; //!< entries
    bool m_auth{false};      //!< whether an authentication entry leads the message
    uint16_t m_authType{0};  //!< authentication type
    AuthData m_authData{};   //!< authentication data
    Status m_status;         //!< result of the last Deserialize
};

/**
 * @ingroup rtm
 * @brief Print a status by name.
 * @param os the stream
 * @param status the status
 * @return the stream
 */
std::ostream& operator<<(std::ostream& os, RtmRipHeader::Status status);

} // namespace ns3

#endif /* RTM_RIP_HEADER_H */
