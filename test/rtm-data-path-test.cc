/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * @file
 * RtmDataPath: the Topology Zoo samples are found in the repository's data/ folder (never
 * ../shared), RTM_DATA_DIR comes first, and a missing file gives "".
 */

#include "ns3/rtm-data-path.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <string>

using namespace ns3;

namespace
{

/// Sets RTM_DATA_DIR for one test and restores it after.
class RtmDataPathTest : public ::testing::Test
{
  protected:
    void SetUp() override
    {
        const char* old = std::getenv("RTM_DATA_DIR");
        m_had = old != nullptr;
        m_old = m_had ? old : "";
        unsetenv("RTM_DATA_DIR");
    }

    void TearDown() override
    {
        if (m_had)
        {
            setenv("RTM_DATA_DIR", m_old.c_str(), 1);
        }
        else
        {
            unsetenv("RTM_DATA_DIR");
        }
    }

  private:
    bool m_had{false}; //!< RTM_DATA_DIR was set
    std::string m_old; //!< its value
};

} // namespace

TEST_F(RtmDataPathTest, ZooSamplesComeFromTheRepository)
{
    namespace fs = std::filesystem;
    std::string map = RtmDataPath::DefaultZooMap();
    ASSERT_TRUE(fs::is_regular_file(map)) << map;
    EXPECT_EQ(fs::weakly_canonical(map),
              fs::weakly_canonical(fs::path(RTM_SOURCE_DIR) / "data/topology-zoo/Abilene.graphml"));
    EXPECT_EQ(map.find("shared"), std::string::npos) << map;
    EXPECT_TRUE(fs::is_regular_file(RtmDataPath::Find("topology-zoo/LICENSE")));
    EXPECT_EQ(RtmDataPath::Find("topology-zoo/NoSuchMap.graphml"), "");
}

TEST_F(RtmDataPathTest, EnvironmentVariableComesFirst)
{
    namespace fs = std::filesystem;
    fs::path dir = fs::temp_directory_path() / "rtm-data-path-test";
    fs::create_directories(dir / "topology-zoo");
    std::ofstream(dir / "topology-zoo" / "Abilene.graphml") << "<graphml/>";
    setenv("RTM_DATA_DIR", dir.c_str(), 1);
    ASSERT_FALSE(RtmDataPath::GetDataDirs().empty());
    EXPECT_EQ(fs::path(RtmDataPath::GetDataDirs().front()), dir.lexically_normal());
    EXPECT_EQ(fs::path(RtmDataPath::DefaultZooMap()),
              (dir / "topology-zoo" / "Abilene.graphml").lexically_normal());
    // files it lacks still come from the repository
    EXPECT_NE(RtmDataPath::Find("topology-zoo/Geant2012.graphml"), "");
    fs::remove_all(dir);
}
