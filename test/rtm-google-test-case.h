/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef RTM_GOOGLE_TEST_CASE_H
#define RTM_GOOGLE_TEST_CASE_H

#include "ns3/test.h"

#include <gtest/gtest.h>
#include <string>

namespace ns3
{

/**
 * @ingroup rtm
 * @brief An ns-3 TestCase that runs every GoogleTest case linked into the program (the
 * module's test/\*-test.cc) and fails, naming them, if any of them fails.
 *
 * GoogleTest reads its usual environment: GTEST_FILTER=RtmTable* ./test.py --suite=rtm runs a
 * part only.
 */
class RtmGoogleTestCase : public TestCase
{
  public:
    /// Names the case.
    RtmGoogleTestCase()
        : TestCase("the module's GoogleTest cases")
    {
    }

  private:
    /// Runs the GoogleTest cases and checks that all passed.
    void DoRun() override
    {
        int argc = 1;
        char program[] = "rtm";
        char* argv[] = {program, nullptr};
        ::testing::InitGoogleTest(&argc, argv);
        const int status = RUN_ALL_TESTS();
        const ::testing::UnitTest& unit = *::testing::UnitTest::GetInstance();
        std::string failed;
        for (int i = 0; i < unit.total_test_suite_count(); ++i)
        {
            const ::testing::TestSuite& suite = *unit.GetTestSuite(i);
            for (int j = 0; j < suite.total_test_count(); ++j)
            {
                const ::testing::TestInfo& test = *suite.GetTestInfo(j);
                if (test.result()->Failed())
                {
                    failed += std::string(" ") + suite.name() + "." + test.name();
                }
            }
        }
        NS_TEST_EXPECT_MSG_GT(unit.test_to_run_count(), 0, "no GoogleTest case ran");
        NS_TEST_EXPECT_MSG_EQ(unit.failed_test_count(), 0, "failed GoogleTest cases:" << failed);
        NS_TEST_EXPECT_MSG_EQ(status, 0, "RUN_ALL_TESTS() failed");
    }
};

} // namespace ns3

#endif /* RTM_GOOGLE_TEST_CASE_H */
