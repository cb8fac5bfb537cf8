/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#ifndef RTM_TOPOLOGY_XML_PARSER_H
#define RTM_TOPOLOGY_XML_PARSER_H

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * @ingroup rtm
 * @brief A small, strict, non-validating XML 1.0 parser that builds an element tree in which
 * every element remembers its line. Used by RtmGraphmlReader.
 *
 * Checked (each violation throws RtmTopologyError naming the source and the line): exactly one
 * root element; matching start and end tags; well-formed tags and attributes (quoted values,
 * no '<' in a value, no duplicate attribute, found in time linear in the tag's size); known
 * entity references only (the five predefined ones and numeric character references to XML
 * characters: no NUL, C0 control but tab/LF/CR, UTF-16 surrogate D800-DFFF, FFFE or FFFF, nor
 * anything beyond 10FFFF); no NUL or other forbidden control characters;
 * terminated comments, CDATA sections, processing instructions and DOCTYPE; nesting at most
 * GetMaxDepth() deep (the parser is iterative, this bounds memory use on hostile input).
 *
 * Not supported: DTD-declared entities and attribute defaults (a DOCTYPE is skipped), encodings
 * other than UTF-8/ASCII (bytes are passed through), namespaces (prefixed names are kept
 * as written; see Element::LocalName()).
 */
class RtmTopologyXmlParser
{
  public:
    /**
     * @brief One XML element.
     */
    struct Element
    {
        std::string name; //!< tag name as written (prefix included)
        std::vector<std::pair<std::string, std::string>> attributes; //!< in document order
        std::string text;              //!< concatenated character data (entities decoded)
        std::vector<Element> children; //!< child elements in document order
        uint32_t line = 0;             //!< 1-based line of the '<' of the start tag

        /**
         * @return the name without any namespace prefix
         */
        std::string LocalName() const;
        /**
         * @param attribute an attribute name
         * @return a pointer to its value, or nullptr when absent
         */
        const std::string* FindAttribute(const std::string& attribute) const;
    };

    /**
     * @brief A parser whose errors name the given source.
     * @param sourceName the file path or the name of the text, used in error messages
     */
    explicit RtmTopologyXmlParser(const std::string& sourceName);

    /**
     * @param depth the maximum element nesting depth (default 256)
     */
    void SetMaxDepth(uint32_t depth);
    /**
     * @return the maximum element nesting depth
     */
    uint32_t GetMaxDepth() const;

    /**
     * @brief Parse a whole document.
     * @param text the document bytes
     * @return the root element
     * @throws RtmTopologyError when the text is not well-formed XML
     */
    Element Parse(const std::string& text) const;

  private:
    std::string m_source; //!< source name for errors
    uint32_t m_maxDepth;  //!< maximum nesting depth
};

} // namespace ns3

#endif /* RTM_TOPOLOGY_XML_PARSER_H */
