#include <gtest/gtest.h>
TEST(Placeholder, rtm_lpm_test) { SUCCEED(); }
