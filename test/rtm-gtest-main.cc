/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// rtm-gtests inside an ns-3 tree: the GoogleTest cases live in the module's ns-3 test library
// (linked in by CMakeLists.txt); this is their main.

#include <gtest/gtest.h>

int
main(int argc, char** argv)
{
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
