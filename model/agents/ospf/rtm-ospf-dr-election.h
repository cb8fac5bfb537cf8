/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#ifndef RTM_OSPF_DR_ELECTION_H
#define RTM_OSPF_DR_ELECTION_H

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * @ingroup rtm
 * @brief The Designated Router election of a broadcast network (RFC 2328 9.4), as a pure
 * function of what the calculating router knows: itself and the neighbours in state 2-Way or
 * above, each with the priority, DR and BDR its last hello declared.
 *
 * DR and BDR are interface addresses (host order, 0 for none), as in OSPFv2 hellos. A router of
 * priority 0 is never elected. The BDR is the eligible router, not declaring itself DR, of the
 * highest (priority, router id) among those declaring themselves BDR, else among all; the DR is
 * the one of the highest (priority, router id) among those declaring themselves DR, else the new
 * BDR. When the calculating router's own role changes, steps 2 and 3 run once more with its new
 * declaration (step 4), so that it is never both DR and BDR.
 */
class RtmOspfDrElection
{
  public:
    /// One router on the network, as the election sees it.
    struct Router
    {
        uint32_t routerId{0}; //!< router id
        uint32_t address{0};  //!< interface address on the network
        uint8_t priority{0};  //!< router priority (0: never elected)
        uint32_t dr{0};       //!< DR it declares (address, 0: none)
        uint32_t bdr{0};      //!< BDR it declares (address, 0: none)
    };

    /// The calculating router's role after the election (9.1 interface states).
    enum class Role
    {
        DrOther, //!< neither DR nor BDR
        Backup,  //!< the BDR
        Dr,      //!< the DR
    };

    /// The outcome.
    struct Result
    {
        uint32_t dr{0};           //!< the DR's address (0: none)
        uint32_t bdr{0};          //!< the BDR's address (0: none)
        Role role{Role::DrOther}; //!< the calculating router's role
    };

    /**
     * @brief Run the election (9.4 steps 1-4).
     * @param self the calculating router, with its current DR and BDR
     * @param neighbors the neighbours in state 2-Way or above (self not among them)
     * @return the new DR, BDR and the calculating router's role
     */
    static Result Elect(const Router& self, const std::vector<Router>& neighbors);

  private:
    /**
     * @brief Steps 2 and 3 over a set of routers.
     * @param routers every router taking part (self included)
     * @param dr the DR chosen (out)
     * @param bdr the BDR chosen (out)
     */
    static void Calculate(const std::vector<Router>& routers, uint32_t* dr, uint32_t* bdr);
};

} // namespace ns3

#endif /* RTM_OSPF_DR_ELECTION_H */
