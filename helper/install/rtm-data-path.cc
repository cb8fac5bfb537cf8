/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "rtm-data-path.h"

#include "ns3/log.h"

#include <cstdlib>
#include <dlfcn.h>
#include <filesystem>
#include <system_error>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmDataPath");

std::vector<std::string>
RtmDataPath::GetDataDirs()
{
    namespace fs = std::filesystem;
    std::vector<fs::path> candidates;
    if (const char* env = std::getenv("RTM_DATA_DIR"); env != nullptr && *env != '\0')
    {
        candidates.emplace_back(env);
    }
#ifdef RTM_SOURCE_DATA_DIR
    candidates.emplace_back(RTM_SOURCE_DATA_DIR);
#else
    // helper/install/rtm-data-path.cc -> <source>/data
    candidates.push_back(fs::path(__FILE__).parent_path().parent_path().parent_path() / "data");
#endif
#ifdef RTM_LIB_TO_DATA_DIR
    // the installed copy, beside the library wherever it was installed (--prefix)
    Dl_info info{};
    if (dladdr(reinterpret_cast<void*>(&RtmDataPath::GetDataDirs), &info) != 0 &&
        info.dli_fname != nullptr)
    {
        std::error_code abs;
        fs::path lib = fs::absolute(fs::path(info.dli_fname), abs);
        candidates.push_back(lib.parent_path() / RTM_LIB_TO_DATA_DIR);
    }
#endif
#ifdef RTM_INSTALL_DATA_DIR
    candidates.emplace_back(RTM_INSTALL_DATA_DIR);
#endif
    std::vector<std::string> dirs;
    std::error_code ec;
    for (const fs::path& c : candidates)
    {
        if (c.is_absolute() && fs::is_directory(c, ec))
        {
            dirs.push_back(c.lexically_normal().string());
        }
    }
    return dirs;
}

std::string
RtmDataPath::Find(const std::string& relative)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    for (const std::string& dir : GetDataDirs())
    {
        fs::path candidate = fs::path(dir) / relative;
        if (fs::is_regular_file(candidate, ec))
        {
            NS_LOG_INFO("found " << candidate);
            return candidate.lexically_normal().string();
        }
    }
    NS_LOG_INFO(relative << " is in no data folder");
    return "";
}

std::string
RtmDataPath::DefaultZooMap()
{
    const std::string relative = "topology-zoo/Abilene.graphml";
    std::string found = Find(relative);
    return found.empty() ? "data/" + relative : found;
}

} // namespace ns3
