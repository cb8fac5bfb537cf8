/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Merges the per-rank CSV files of a distributed run (RtmChurnTracer's changes or snapshot files)
 * into the file a sequential run writes (RtmTraceMerge: rows by time, then node).
 *
 *   rtm-merge-traces OUT.csv IN.rank-0.csv IN.rank-1.csv ...
 *
 * Exit code 0 on success, 1 on a bad input (the message names the file and line; OUT is not
 * written), 2 on a bad command line.
 */

#include "ns3/rtm-trace-merge.h"

#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

using namespace ns3;

int
main(int argc, char* argv[])
{
    if (argc < 3)
    {
        std::cerr << "usage: rtm-merge-traces OUT.csv IN.csv [IN.csv ...]\n";
        return 2;
    }
    std::vector<std::string> inputs(argv + 2, argv + argc);
    try
    {
        uint64_t rows = RtmTraceMerge::Merge(inputs, std::string(argv[1]));
        std::cout << "rtm-merge-traces: " << rows << " rows of " << inputs.size() << " files -> "
                  << argv[1] << "\n";
    }
    catch (const std::exception& e)
    {
        std::cerr << "rtm-merge-traces: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
