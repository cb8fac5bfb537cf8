/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Built only inside an ns-3 tree: ./test.py --suite=rtm (or test-runner --suite=rtm) runs the
// module's GoogleTest cases through ns-3's test framework.

#include "rtm-google-test-case.h"

#include "ns3/test.h"

namespace ns3
{

/**
 * @ingroup rtm
 * @brief The ns-3 test suite "rtm": one TestCase that runs all GoogleTest cases of the module.
 */
class RtmTestSuite : public TestSuite
{
  public:
    /// Adds the one case.
    RtmTestSuite()
        : TestSuite("rtm")
    {
        AddTestCase(new RtmGoogleTestCase());
    }
};

/// The one instance, registered with ns-3's test runner.
static RtmTestSuite g_rtmTestSuite;

} // namespace ns3
