#include <gtest/gtest.h>
TEST(Placeholder, rtm_conformance_test) { SUCCEED(); }
