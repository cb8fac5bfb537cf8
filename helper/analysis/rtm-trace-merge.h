/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef RTM_TRACE_MERGE_H
#define RTM_TRACE_MERGE_H

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

namespace ns3
{

/**
 * @ingroup rtm
 * @brief Merges the per-rank CSV files of a distributed run (RtmChurnTracer's changes and
 * snapshot files, RtmTraceMerge::GetRankFileName) into the file a sequential run writes.
 *
 * Every input starts with the same header line; every row starts with `time,node` (seconds with
 * nine decimals, the node's index). The output is the header once, then all rows ordered by time,
 * then node; rows of one time and node keep their order in their file (one rank simulates each
 * node, so they come from one file). A sequential run's file has the same rows; in it, rows of
 * one time but different nodes are in the order the simulator ran those events, which a merge
 * cannot know. Merging the sequential file alone (one input) puts it in the same canonical order,
 * so the canonical files of the two runs are equal when the tables are; where the scenario has no
 * simultaneous events on different nodes, the merged file equals the sequential one as written.
 */
class RtmTraceMerge
{
  public:
    /**
     * @brief The file a rank writes in place of a path: ".rank-R" before the extension.
     * @param path the path a sequential run writes (e.g. "out/changes.csv")
     * @param rank the rank (system id)
     * @return e.g. "out/changes.rank-1.csv" ("out/changes.rank-1" without an extension)
     */
    static std::string GetRankFileName(const std::string& path, uint32_t rank);

    /**
     * @brief Merge files into one stream.
     * @param inputs the per-rank files (at least one)
     * @param out where the merged file goes
     * @return the number of rows written (without the header)
     * @throws std::runtime_error naming the file and line of an unreadable file, a header that
     *         differs from the first file's or a row without a valid time and node; nothing is
     *         written then
     */
    static uint64_t Merge(const std::vector<std::string>& inputs, std::ostream& out);

    /**
     * @brief Merge files into a file.
     * @param inputs the per-rank files (at least one)
     * @param output the merged file (written only when every input is valid)
     * @return the number of rows written
     * @throws std::runtime_error as the stream version, or when the output cannot be written
     */
    static uint64_t Merge(const std::vector<std::string>& inputs, const std::string& output);
};

} // namespace ns3

#endif /* RTM_TRACE_MERGE_H */
