/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "rtm-trace-merge.h"

#include "ns3/log.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmTraceMerge");

namespace
{

/// One data row of an input.
struct Row
{
    uint64_t time;    //!< nanoseconds
    uint64_t node;    //!< node index
    std::string text; //!< the whole line
};

/**
 * @brief Parse "S.NNNNNNNNN" (the tracer's time format) into nanoseconds.
 * @param text the field
 * @param ns the result
 * @return false when the field is not that format
 */
bool
ParseTime(const std::string& text, uint64_t* ns)
{
    const std::size_t dot = text.find('.');
    if (dot == std::string::npos || dot == 0 || text.size() - dot - 1 != 9 || dot > 10)
    {
        return false;
    }
    uint64_t v = 0;
    for (std::size_t i = 0; i < text.size(); ++i)
    {
        if (i == dot)
        {
            continue;
        }
        if (text[i] < '0' || text[i] > '9')
        {
            return false;
        }
        v = v * 10 + static_cast<uint64_t>(text[i] - '0');
    }
    *ns = v;
    return true;
}

/**
 * @brief Parse a decimal node index.
 * @param text the field
 * @param node the result
 * @return false when the field is not a number of at most 9 digits
 */
bool
ParseNode(const std::string& text, uint64_t* node)
{
    if (text.empty() || text.size() > 9 ||
        !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
    {
        return false;
    }
    *node = std::stoull(text);
    return true;
}

/**
 * @brief Read one input's rows.
 * @param path the file
 * @param header the header every input must have (empty: take this file's)
 * @param rows where the rows go
 */
void
ReadInput(const std::string& path, std::string* header, std::vector<Row>* rows)
{
    std::ifstream in(path);
    if (!in)
    {
        throw std::runtime_error(path + ": cannot read");
    }
    std::string line;
    if (!std::getline(in, line))
    {
        throw std::runtime_error(path + ":1: empty file (no header line)");
    }
    if (header->empty())
    {
        *header = line;
    }
    else if (line != *header)
    {
        throw std::runtime_error(path + ":1: header \"" + line +
                                 "\" differs from the first file's \"" + *header + "\"");
    }
    for (uint64_t number = 2; std::getline(in, line); ++number)
    {
        const std::size_t a = line.find(',');
        const std::size_t b = a == std::string::npos ? a : line.find(',', a + 1);
        Row row{0, 0, line};
        if (b == std::string::npos || !ParseTime(line.substr(0, a), &row.time) ||
            !ParseNode(line.substr(a + 1, b - a - 1), &row.node))
        {
            throw std::runtime_error(path + ":" + std::to_string(number) +
                                     ": not a row starting with time,node: \"" + line + "\"");
        }
        rows->push_back(std::move(row));
    }
}

} // namespace

std::string
RtmTraceMerge::GetRankFileName(const std::string& path, uint32_t rank)
{
    const std::size_t slash = path.find_last_of('/');
    const std::size_t dot = path.find_last_of('.');
    const std::string tag = ".rank-" + std::to_string(rank);
    if (dot == std::string::npos || (slash != std::string::npos && dot < slash) ||
        dot == (slash == std::string::npos ? 0 : slash + 1))
    {
        return path + tag;
    }
    return path.substr(0, dot) + tag + path.substr(dot);
}

uint64_t
RtmTraceMerge::Merge(const std::vector<std::string>& inputs, std::ostream& out)
{
    if (inputs.empty())
    {
        throw std::runtime_error("RtmTraceMerge: no input file");
    }
    std::string header;
    std::vector<Row> rows;
    for (const std::string& path : inputs)
    {
        ReadInput(path, &header, &rows);
    }
    std::stable_sort(rows.begin(), rows.end(), [](const Row& x, const Row& y) {
        return x.time != y.time ? x.time < y.time : x.node < y.node;
    });
    out << header << '\n';
    for (const Row& row : rows)
    {
        out << row.text << '\n';
    }
    NS_LOG_INFO("merged " << rows.size() << " rows of " << inputs.size() << " files");
    return rows.size();
}

uint64_t
RtmTraceMerge::Merge(const std::vector<std::string>& inputs, const std::string& output)
{
    std::ostringstream merged;
    const uint64_t n = Merge(inputs, merged);
    std::ofstream out(output);
    out << merged.str();
    out.close();
    if (!out)
    {
        throw std::runtime_error(output + ": cannot write");
    }
    return n;
}

} // namespace ns3
