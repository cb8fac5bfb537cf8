/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "rtm-data-path.h"

#include "ns3/log.h"

#include <filesystem>
#include <system_error>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmDataPath");

std::string
RtmDataPath::Find(const std::string& relative, const std::string& sourceFile)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::path cwd = fs::current_path(ec);
    fs::path source = fs::absolute(fs::path(sourceFile), ec).parent_path();
    for (const fs::path& start : {source, cwd})
    {
        for (fs::path dir = start; !dir.empty(); dir = dir.parent_path())
        {
            fs::path candidate = dir / relative;
            if (fs::is_regular_file(candidate, ec))
            {
                NS_LOG_INFO("found " << candidate);
                return candidate.lexically_normal().string();
            }
            if (dir == dir.parent_path())
            {
                break; // the root
            }
        }
    }
    return "";
}

std::string
RtmDataPath::DefaultZooMap(const std::string& sourceFile)
{
    const std::string relative = "shared/data/topology-zoo/Abilene.graphml";
    std::string found = Find(relative, sourceFile);
    return found.empty() ? "../" + relative : found;
}

} // namespace ns3
