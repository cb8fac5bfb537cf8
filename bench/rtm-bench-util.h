/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef RTM_BENCH_UTIL_H
#define RTM_BENCH_UTIL_H

/**
 * @file
 * Measurement helpers shared by the benchmark programs of bench/: memory figures of
 * /proc/self/status, the CPU clocks (getrusage, process and thread CPU-time clocks), the steady
 * wall clock, a stopwatch that sums wall and CPU time over intervals (a run, or the checks to
 * subtract from it) and the comma-separated lists of the command lines. Header-only: each
 * benchmark is one program of one source file.
 */

#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstring>
#include <ctime>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace ns3
{
namespace rtmbench
{

/**
 * @brief A field of /proc/self/status, in kB.
 * @param key the field's name without its colon: VmHWM (peak resident memory), VmRSS (resident
 *        memory now), RssAnon (heap and stacks), RssFile (code and data of the program and its
 *        libraries), ...
 * @return the value, or -1 if the field is absent
 */
inline long
StatusKb(const char* key)
{
    std::ifstream f("/proc/self/status");
    std::string line;
    std::size_t n = std::strlen(key);
    while (std::getline(f, line))
    {
        if (line.compare(0, n, key) == 0 && line.size() > n && line[n] == ':')
        {
            return std::stol(line.substr(n + 1));
        }
    }
    return -1;
}

/**
 * @brief User plus system CPU time of this process, as getrusage(RUSAGE_SELF) counts it.
 * @return seconds
 */
inline double
RusageCpuSeconds()
{
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return u.ru_utime.tv_sec + u.ru_stime.tv_sec + 1e-6 * (u.ru_utime.tv_usec + u.ru_stime.tv_usec);
}

/**
 * @brief A CPU-time clock of clock_gettime.
 * @param clock CLOCK_PROCESS_CPUTIME_ID or CLOCK_THREAD_CPUTIME_ID
 * @return its reading, seconds
 */
inline double
ClockSeconds(clockid_t clock)
{
    timespec ts{};
    clock_gettime(clock, &ts);
    return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

/**
 * @brief CPU time of this process (all its threads), CLOCK_PROCESS_CPUTIME_ID.
 * @return seconds
 */
inline double
ProcessCpuSeconds()
{
    return ClockSeconds(CLOCK_PROCESS_CPUTIME_ID);
}

/**
 * @brief CPU time of the calling thread, CLOCK_THREAD_CPUTIME_ID: other processes on a shared
 *        machine do not dilute it.
 * @return seconds
 */
inline double
ThreadCpuSeconds()
{
    return ClockSeconds(CLOCK_THREAD_CPUTIME_ID);
}

/**
 * @brief Thread CPU seconds since an earlier reading.
 * @param t0 a ThreadCpuSeconds() value
 * @return the CPU seconds of this thread since t0
 */
inline double
ThreadCpuSecondsSince(double t0)
{
    return ThreadCpuSeconds() - t0;
}

/// The wall clock of the benchmarks: steady, unaffected by clock adjustments.
using WallClock = std::chrono::steady_clock;

/**
 * @brief Wall seconds between two readings of the steady clock.
 * @param a the earlier reading
 * @param b the later reading
 * @return b - a, seconds
 */
inline double
WallSeconds(WallClock::time_point a, WallClock::time_point b)
{
    return std::chrono::duration<double>(b - a).count();
}

/**
 * @brief Wall seconds since a reading of the steady clock.
 * @param a the reading
 * @return now - a, seconds
 */
inline double
WallSecondsSince(WallClock::time_point a)
{
    return WallSeconds(a, WallClock::now());
}

/**
 * @brief Wall and CPU time summed over one or more intervals (Start() to Stop()): the run of a
 *        simulation, or the benchmark's own checks during it, whose time is then subtracted
 *        from the run's.
 */
class Stopwatch
{
  public:
    /**
     * @brief Constructor.
     * @param cpuClock the CPU clock read at Start() and Stop() (RusageCpuSeconds by default)
     */
    explicit Stopwatch(double (*cpuClock)() = &RusageCpuSeconds)
        : m_cpuClock(cpuClock)
    {
    }

    /// @brief Begin an interval: read the wall clock, then the CPU clock.
    void Start()
    {
        m_wall0 = WallClock::now();
        m_cpu0 = m_cpuClock();
    }

    /// @brief End the interval begun by Start() and add it to the sums.
    void Stop()
    {
        m_wall += WallSecondsSince(m_wall0);
        m_cpu += m_cpuClock() - m_cpu0;
    }

    /// @return the wall seconds of the intervals
    double Wall() const
    {
        return m_wall;
    }

    /// @return the CPU seconds of the intervals
    double Cpu() const
    {
        return m_cpu;
    }

  private:
    double (*m_cpuClock)();        //!< the CPU clock
    WallClock::time_point m_wall0; //!< wall clock at Start()
    double m_cpu0{0};              //!< CPU clock at Start()
    double m_wall{0};              //!< wall seconds summed
    double m_cpu{0};               //!< CPU seconds summed
};

/**
 * @brief Parse a comma-separated list of sizes ("1000,10000,100000"); empty items are skipped.
 * @param text the list
 * @return the numbers, in order
 */
inline std::vector<uint32_t>
ParseSizes(const std::string& text)
{
    std::vector<uint32_t> out;
    std::istringstream is(text);
    std::string item;
    while (std::getline(is, item, ','))
    {
        if (!item.empty())
        {
            out.push_back(static_cast<uint32_t>(std::stoul(item)));
        }
    }
    return out;
}

/**
 * @brief Run a measurement in a child process (fork), so that runs share no state and each has
 * its own peak memory, and kill it after a time cap.
 * @param work what the child does; its result (one line, at most 4 kB) goes back to the parent
 * @param cap the most wall seconds the child may take
 * @param result receives the child's result
 * @return false if the child was killed, crashed or said nothing (result then says which)
 */
inline bool
RunInChild(const std::function<std::string()>& work, double cap, std::string* result)
{
    int fds[2];
    if (pipe(fds) != 0)
    {
        *result = "pipe failed";
        return false;
    }
    std::cout.flush();
    pid_t pid = fork();
    if (pid == 0)
    {
        close(fds[0]);
        std::string line = work() + "\n";
        ssize_t w = write(fds[1], line.data(), line.size());
        (void)w;
        close(fds[1]);
        _exit(0); // skip Simulator::Destroy and static destructors: nothing left to measure
    }
    close(fds[1]);
    auto start = WallClock::now();
    int status = 0;
    while (waitpid(pid, &status, WNOHANG) == 0)
    {
        if (WallSeconds(start, WallClock::now()) > cap)
        {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            close(fds[0]);
            std::ostringstream os;
            os << "killed after " << cap << " s";
            *result = os.str();
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    char buf[4096] = {0};
    ssize_t got = read(fds[0], buf, sizeof(buf) - 1);
    close(fds[0]);
    if (got <= 0)
    {
        *result = "the child said nothing (crashed?)";
        return false;
    }
    *result = std::string(buf, static_cast<std::size_t>(got));
    while (!result->empty() && result->back() == '\n')
    {
        result->pop_back();
    }
    return true;
}

} // namespace rtmbench
} // namespace ns3

#endif /* RTM_BENCH_UTIL_H */
