/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#ifndef RTM_PROGRESS_H
#define RTM_PROGRESS_H

#include "ns3/nstime.h"

#include <iostream>
#include <memory>
#include <string>

namespace ns3
{

/**
 * @ingroup rtm
 * @brief Prints a progress line on long runs: simulated time against the end time, and events
 * per wall-clock second, every few wall seconds.
 *
 * It checks the wall clock from simulator events whose simulated spacing adapts so that a
 * check happens roughly ten times per print interval. The wall clock is used for this display
 * only: nothing of it reaches a result file, and the checks change no other event's order.
 * Checks are scheduled only up to the end time, so they never keep a simulation alive beyond
 * it. Output example:
 * @code
 * [rtm] 120.000 s / 600.000 s (20.0%), 183k events/s, wall 6 s
 * @endcode
 */
class RtmProgress
{
  public:
    /**
     * @brief A progress display.
     * @param end the simulated end time
     * @param interval wall-clock seconds between lines (default 2)
     * @param os the stream (default std::cerr; kept by reference)
     */
    explicit RtmProgress(Time end, double interval = 2.0, std::ostream& os = std::cerr);

    ~RtmProgress();

    /// @param prefix text at the start of each line (default "[rtm]")
    void SetPrefix(const std::string& prefix);

    /// Start checking (schedules the first check now).
    void Start();

    /// Stop checking (pending checks do nothing).
    void Stop();

    /// @return the number of lines printed so far
    uint32_t GetLinesPrinted() const;

  private:
    struct State;
    std::shared_ptr<State> m_state; //!< shared with the scheduled checks
};

} // namespace ns3

#endif /* RTM_PROGRESS_H */
