/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

// RtmTraceMerge: per-rank file names, the canonical order of merged rows (time, then node, file
// order inside one node), clear errors naming file and line, and RtmIsLocalNode in a sequential
// run (every node is local, whatever its system id).

#include "ns3/node.h"
#include "ns3/rtm-local-node.h"
#include "ns3/rtm-trace-merge.h"
#include "ns3/simulator.h"

#include <cstdio>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>
#include <unistd.h>

using namespace ns3;

namespace
{

/// Writes a file under a per-process temporary name and returns its path.
std::string
WriteFile(const std::string& name, const std::string& text)
{
    std::string path =
        ::testing::TempDir() + "rtm-trace-merge-" + std::to_string(getpid()) + "-" + name;
    std::ofstream(path) << text;
    return path;
}

const char* const HEADER = "time,node,family,network,kind\n";

} // namespace

TEST(RtmTraceMerge, RankFileNamesGoBeforeTheExtension)
{
    EXPECT_EQ(RtmTraceMerge::GetRankFileName("out/changes.csv", 1), "out/changes.rank-1.csv");
    EXPECT_EQ(RtmTraceMerge::GetRankFileName("changes", 3), "changes.rank-3");
    EXPECT_EQ(RtmTraceMerge::GetRankFileName("a.b/changes", 0), "a.b/changes.rank-0");
    EXPECT_EQ(RtmTraceMerge::GetRankFileName(".hidden", 2), ".hidden.rank-2");
}

TEST(RtmTraceMerge, RowsAreOrderedByTimeThenNodeKeepingFileOrderWithinANode)
{
    std::string a = WriteFile("a.csv",
                              std::string(HEADER) + "1.000000000,2,ip,10.0.0.0/30,added\n" +
                                  "1.000000000,2,ip,10.0.0.4/30,added\n" +
                                  "10.000000000,0,ip,10.0.0.0/30,deleted\n");
    std::string b = WriteFile("b.csv",
                              std::string(HEADER) + "1.000000000,1,ip,10.0.0.8/30,added\n" +
                                  "2.500000000,3,ip,10.0.0.0/30,best-added\n");
    std::ostringstream out;
    EXPECT_EQ(RtmTraceMerge::Merge({a, b}, out), 5U);
    // 10 s sorts after 2.5 s (numeric, not text order); node 1 before node 2 at 1 s; node 2's two
    // rows keep their order.
    EXPECT_EQ(out.str(),
              std::string(HEADER) + "1.000000000,1,ip,10.0.0.8/30,added\n" +
                  "1.000000000,2,ip,10.0.0.0/30,added\n" + "1.000000000,2,ip,10.0.0.4/30,added\n" +
                  "2.500000000,3,ip,10.0.0.0/30,best-added\n" +
                  "10.000000000,0,ip,10.0.0.0/30,deleted\n");
    std::ostringstream same;
    RtmTraceMerge::Merge({b, a}, same);
    EXPECT_EQ(same.str(), out.str()) << "the result does not depend on the files' order";
    std::remove(a.c_str());
    std::remove(b.c_str());
}

TEST(RtmTraceMerge, BadInputNamesTheFileAndLineAndWritesNothing)
{
    std::string good = WriteFile("good.csv", std::string(HEADER) + "1.000000000,0,ip,x,added\n");
    std::string badRow =
        WriteFile("bad-row.csv", std::string(HEADER) + "1.000000000,0,ip,x,added\n1.5,0,ip\n");
    std::string badHeader = WriteFile("bad-header.csv", "time,node,other\n");
    std::string empty = WriteFile("empty.csv", "");
    std::string out = WriteFile("out.csv", "kept\n");

    struct Case
    {
        std::vector<std::string> inputs; //!< the files
        std::string where;               //!< expected in the message
    };

    for (const Case& c : std::vector<Case>{{{good, badRow}, badRow + ":3:"},
                                           {{good, badHeader}, badHeader + ":1:"},
                                           {{empty}, empty + ":1:"},
                                           {{good, good + ".missing"}, ".missing: cannot read"},
                                           {{}, "no input file"}})
    {
        try
        {
            RtmTraceMerge::Merge(c.inputs, out);
            ADD_FAILURE() << "accepted, expected " << c.where;
        }
        catch (const std::runtime_error& e)
        {
            EXPECT_NE(std::string(e.what()).find(c.where), std::string::npos) << e.what();
        }
    }
    std::ifstream in(out);
    std::string kept((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(kept, "kept\n") << "the output was written although an input was bad";
    for (const std::string& p : {good, badRow, badHeader, empty, out})
    {
        std::remove(p.c_str());
    }
}

TEST(RtmTraceMerge, EveryNodeIsLocalInASequentialRun)
{
    Ptr<Node> zero = CreateObject<Node>();
    Ptr<Node> three = CreateObject<Node>(3);
    EXPECT_FALSE(RtmIsDistributedRun());
    EXPECT_TRUE(RtmIsLocalNode(zero));
    EXPECT_TRUE(RtmIsLocalNode(three)) << "a partitioned topology run sequentially";
    EXPECT_FALSE(RtmIsLocalNode(nullptr));
    Simulator::Destroy();
}
