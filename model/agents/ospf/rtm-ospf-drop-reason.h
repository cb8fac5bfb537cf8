/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#ifndef RTM_OSPF_DROP_REASON_H
#define RTM_OSPF_DROP_REASON_H

#include <cstdint>
#include <ostream>

namespace ns3
{

/**
 * @ingroup rtm
 * @brief Why the link-state agent discarded a received packet (or one LSA of it).
 *
 * Structural errors reject the whole packet before anything in it is used. Only
 * SelfOriginatedNewer and BadLsaType are decided per LSA (the rest of the packet is still
 * processed: an LSA of an unknown LS type is skipped, RFC 2328 13 (2)).
 */
enum class RtmOspfDropReason : uint8_t
{
    Truncated = 0,       //!< shorter than the header, or than the header's length field
    Oversized,           //!< longer than the header's length field (trailing bytes)
    BadVersion,          //!< version is not RtmOspfHeader::VERSION
    BadType,             //!< unknown packet type
    BadLength,           //!< a length or count field disagrees with the bytes present
    BadChecksum,         //!< the packet checksum does not verify
    BadRouterId,         //!< router id 0.0.0.0 or 255.255.255.255 (packet or LSA)
    DuplicateRouterId,   //!< the packet claims to come from this router
    WrongSubnet,         //!< the source address is not on the receiving interface's subnet
    HelloMismatch,       //!< hello or dead interval, or network mask, differs from ours
    NotNeighbor,         //!< update or ack from a router that is not a two-way neighbour
    BadLsaType,          //!< an LSA of an LS type this agent does not implement (skipped)
    BadLsaChecksum,      //!< an LSA checksum does not verify
    BadAge,              //!< an LSA age above MaxAge
    BadSequence,         //!< an LSA sequence number outside [1, MAX_SEQUENCE]
    TooManyLinks,        //!< an LSA with more links than MaxLinksPerLsa
    BadLinkType,         //!< a link of unknown type
    SelfLoop,            //!< a router LSA listing a link to itself
    BadMetric,           //!< a link metric of 0 or above RtmOspfLsa::MAX_METRIC
    BadStub,             //!< a stub network with a non-contiguous mask or host bits set
    SelfOriginatedNewer, //!< an LSA claiming to be ours, newer than ours (we fight back)
    AuthTypeMismatch,    //!< an authentication type other than 0 (null authentication)
    WrongArea,           //!< an area id other than 0.0.0.0 (the backbone, the only area)
    MtuMismatch,         //!< a DD packet announcing a larger MTU than ours (no adjacency)
    BadDdSequence,       //!< a DD packet out of sequence, or with inconsistent bits
    BadRequest,          //!< a link-state request for an LSA we do not have
    WrongState,          //!< a packet the neighbour's state does not allow (e.g. DD in Init)
    TooManyNeighbors,    //!< a hello from a new router on an interface at MaxNeighborsPerInterface
    Count                //!< number of reasons (not a reason)
};

/**
 * @ingroup rtm
 * @brief The name of a drop reason ("Truncated", "BadChecksum", ...).
 * @param reason the reason
 * @return its name
 */
const char* RtmOspfDropReasonName(RtmOspfDropReason reason);

/**
 * @ingroup rtm
 * @brief Print a drop reason by name.
 * @param os the stream
 * @param reason the reason
 * @return the stream
 */
std::ostream& operator<<(std::ostream& os, RtmOspfDropReason reason);

} // namespace ns3

#endif /* RTM_OSPF_DROP_REASON_H */
