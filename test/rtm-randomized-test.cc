#include <gtest/gtest.h>
TEST(Placeholder, rtm_randomized_test) { SUCCEED(); }
