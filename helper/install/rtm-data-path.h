/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef RTM_DATA_PATH_H
#define RTM_DATA_PATH_H

#include <string>
#include <vector>

namespace ns3
{

/**
 * @ingroup rtm
 * @brief Finds the data files the module ships (data/ in the source tree, installed as
 * share/ns3-rtm/data), such as the Topology Zoo samples in data/topology-zoo.
 *
 * The data folders are looked in, in this order:
 *  1. the folder named by the environment variable RTM_DATA_DIR, when it is set;
 *  2. the source tree's data/ folder (the compile definition RTM_SOURCE_DATA_DIR, or, without
 *     it, the data/ folder two levels above this helper's source file, which also holds inside
 *     an ns-3 tree as contrib/rtm);
 *  3. the installed data folder: share/ns3-rtm/data beside the library's install prefix (found
 *     from where the library was loaded), then the configured one (RTM_INSTALL_DATA_DIR,
 *     <prefix>/share/ns3-rtm/data).
 *
 * Nothing outside the repository or the install prefix is searched.
 */
class RtmDataPath
{
  public:
    /**
     * @brief The data folders, in search order; folders that do not exist are left out.
     * @return absolute, normalised folder paths
     */
    static std::vector<std::string> GetDataDirs();

    /**
     * @brief Find a file in the data folders.
     * @param relative the path below a data folder, for example "topology-zoo/Abilene.graphml"
     * @return the first existing path, normalised, or "" if there is none
     */
    static std::string Find(const std::string& relative);

    /**
     * @brief The Abilene map of the Topology Zoo samples, the examples' default.
     * @return its path, or "data/topology-zoo/Abilene.graphml" if it is not found (so that the
     *         reader's error names what was expected)
     */
    static std::string DefaultZooMap();
};

} // namespace ns3

#endif /* RTM_DATA_PATH_H */
