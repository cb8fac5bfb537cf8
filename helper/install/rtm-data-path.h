/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef RTM_DATA_PATH_H
#define RTM_DATA_PATH_H

#include <string>

namespace ns3
{

/**
 * @ingroup rtm
 * @brief Finds data files that sit beside the project, such as the Topology Zoo samples in
 * ../shared/data/topology-zoo, wherever the module was built: standalone (the source folder's
 * parent), inside an ns-3 tree as contrib/rtm (further up), or from any working directory.
 */
class RtmDataPath
{
  public:
    /**
     * @brief Look for a relative path in every ancestor of a source folder, then of the working
     * directory, nearest first.
     * @param relative the path to find, for example "shared/data/topology-zoo/Abilene.graphml"
     * @param sourceFile a file whose ancestors are searched first (an example passes __FILE__)
     * @return the first existing path, normalised, or "" if there is none
     */
    static std::string Find(const std::string& relative, const std::string& sourceFile);

    /**
     * @brief The Abilene map of the Topology Zoo samples, the examples' default.
     * @param sourceFile as for Find
     * @return its path, or "../shared/data/topology-zoo/Abilene.graphml" if it is not found (so
     *         that the reader's error names where it was expected)
     */
    static std::string DefaultZooMap(const std::string& sourceFile);
};

} // namespace ns3

#endif /* RTM_DATA_PATH_H */
