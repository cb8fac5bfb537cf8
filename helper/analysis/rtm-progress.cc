/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#include "rtm-progress.h"

#include "ns3/log.h"
#include "ns3/rtm-function-event.h"
#include "ns3/simulator.h"

#include <chrono>
#include <cstdio>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmProgress");

/// Progress state, shared with the scheduled checks.
struct RtmProgress::State
{
    using Clock = std::chrono::steady_clock;

    State(Time e, double i, std::ostream& o)
        : end(e),
          interval(i),
          os(o)
    {
    }

    Time end;                    //!< simulated end time
    double interval;             //!< wall seconds between lines
    std::ostream& os;            //!< output
    std::string prefix{"[rtm]"}; //!< line prefix
    bool running{false};         //!< checks active
    Time step;                   //!< simulated time between checks
    Time minStep;                //!< smallest step: a millionth of the run
    Clock::time_point start;     //!< wall time at Start
    Clock::time_point lastCheck; //!< wall time of the previous check
    Clock::time_point lastPrint; //!< wall time of the previous line
    uint64_t eventsAtPrint{0};   //!< event count at the previous line
    uint32_t lines{0};           //!< lines printed

    void Schedule(const std::shared_ptr<State>& self)
    {
        Time now = Simulator::Now();
        if (now >= end)
        {
            return;
        }
        Time delay = now + step > end ? end - now : step;
        std::weak_ptr<State> weak = self;
        Simulator::Schedule(delay, RtmMakeEvent([weak]() {
                                if (auto st = weak.lock())
                                {
                                    st->Check(st);
                                }
                            }));
    }

    void Check(const std::shared_ptr<State>& self)
    {
        if (!running)
        {
            return;
        }
        Clock::time_point now = Clock::now();
        double sinceCheck = std::chrono::duration<double>(now - lastCheck).count();
        lastCheck = now;
        // About ten checks per line: widen the step when checks come too often, narrow it
        // when they come too seldom.
        if (sinceCheck < interval / 20 && step < end)
        {
            step = step * 2;
        }
        else if (sinceCheck > interval / 5 && step / 2 >= minStep)
        {
            step = step / 2;
        }
        double sincePrint = std::chrono::duration<double>(now - lastPrint).count();
        if (sincePrint >= interval || Simulator::Now() >= end)
        {
            Print(now, sincePrint);
        }
        Schedule(self);
    }

    void Print(Clock::time_point now, double sincePrint)
    {
        uint64_t events = Simulator::GetEventCount();
        double rate = sincePrint > 0 ? (events - eventsAtPrint) / sincePrint : 0.0;
        double t = Simulator::Now().GetSeconds();
        double e = end.GetSeconds();
        double wall = std::chrono::duration<double>(now - start).count();
        char buf[200];
        if (rate >= 1e6)
        {
            std::snprintf(buf, sizeof(buf), "%.2fM", rate / 1e6);
        }
        else if (rate >= 1e3)
        {
            std::snprintf(buf, sizeof(buf), "%.0fk", rate / 1e3);
        }
        else
        {
            std::snprintf(buf, sizeof(buf), "%.0f", rate);
        }
        char line[300];
        std::snprintf(line,
                      sizeof(line),
                      "%s %.3f s / %.3f s (%.1f%%), %s events/s, wall %.0f s",
                      prefix.c_str(),
                      t,
                      e,
                      e > 0 ? 100.0 * t / e : 100.0,
                      buf,
                      wall);
        os << line << std::endl;
        lastPrint = now;
        eventsAtPrint = events;
        ++lines;
    }
};

RtmProgress::RtmProgress(Time end, double interval, std::ostream& os)
    : m_state(std::make_shared<State>(end, interval > 0 ? interval : 2.0, os))
{
}

RtmProgress::~RtmProgress()
{
    m_state->running = false;
}

void
RtmProgress::SetPrefix(const std::string& prefix)
{
    m_state->prefix = prefix;
}

void
RtmProgress::Start()
{
    State& s = *m_state;
    s.running = true;
    s.start = State::Clock::now();
    s.lastCheck = s.start;
    s.lastPrint = s.start;
    s.eventsAtPrint = Simulator::GetEventCount();
    Time span = s.end - Simulator::Now();
    s.step = span > Time(0) ? span / 10000 : MilliSeconds(1);
    s.minStep = span > Time(0) ? span / 1000000 : NanoSeconds(1);
    if (s.minStep <= Time(0))
    {
        s.minStep = NanoSeconds(1);
    }
    if (s.step < s.minStep)
    {
        s.step = s.minStep;
    }
    s.Schedule(m_state);
}

void
RtmProgress::Stop()
{
    m_state->running = false;
}

uint32_t
RtmProgress::GetLinesPrinted() const
{
    return m_state->lines;
}

} // namespace ns3
