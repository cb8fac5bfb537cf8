/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3-rtm: a Routing Table Manager (RTMv1 model) for ns-3.
 */

#include "rtm-topology-xml-parser.h"

#include "rtm-topology-error.h"

#include "ns3/log.h"

#include <cstdio>
#include <cstring>
#include <unordered_set>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RtmTopologyXmlParser");

namespace
{

/**
 * @brief A read position in the document that tracks the line and rejects characters XML 1.0
 *        forbids.
 */
class XmlCursor
{
  public:
    /**
     * @brief Start at the beginning of a text.
     * @param text the document
     * @param source the source name for errors
     */
    XmlCursor(const std::string& text, const std::string& source)
        : m_text(text),
          m_source(source)
    {
    }

    /**
     * @return true at the end of the text
     */
    bool AtEnd() const
    {
        return m_pos >= m_text.size();
    }

    /**
     * @param offset how far ahead to look
     * @return the byte at the position plus offset, or NUL past the end
     */
    char Peek(size_t offset = 0) const
    {
        return m_pos + offset < m_text.size() ? m_text[m_pos + offset] : '\0';
    }

    /**
     * @param s a NUL-terminated string
     * @return true when the text continues with s
     */
    bool StartsWith(const char* s) const
    {
        const size_t n = std::strlen(s);
        return m_text.compare(m_pos, n, s) == 0;
    }

    /**
     * @brief Reject the control characters XML 1.0 forbids anywhere in the text (binary data),
     *        naming the line of the first one.
     */
    void CheckCharacters() const
    {
        uint32_t line = 1;
        for (const char ch : m_text)
        {
            const unsigned char c = static_cast<unsigned char>(ch);
            if (c == '\n')
            {
                ++line;
            }
            else if (c < 0x20 && c != '\t' && c != '\r')
            {
                char hex[8];
                std::snprintf(hex, sizeof(hex), "0x%02X", c);
                Fail(std::string("invalid character ") + hex +
                         " (binary data, not an XML text file)",
                     line);
            }
        }
    }

    /**
     * @brief Move forward, counting lines.
     * @param n the number of bytes
     */
    void Advance(size_t n = 1)
    {
        for (size_t i = 0; i < n && !AtEnd(); ++i)
        {
            if (m_text[m_pos] == '\n')
            {
                ++m_line;
            }
            ++m_pos;
        }
    }

    /**
     * @brief Skip XML white space.
     * @return true when at least one character was skipped
     */
    bool SkipSpace()
    {
        bool any = false;
        while (!AtEnd() && IsSpace(Peek()))
        {
            Advance();
            any = true;
        }
        return any;
    }

    /**
     * @brief Advance past the next occurrence of a terminator.
     * @param terminator the terminator
     * @param what what is being skipped, for the error
     * @param startLine where it started, for the error
     * @return the bytes before the terminator
     */
    std::string SkipPast(const char* terminator, const char* what, uint32_t startLine)
    {
        const size_t found = m_text.find(terminator, m_pos);
        if (found == std::string::npos)
        {
            Fail(std::string("unterminated ") + what + " (end of file reached)", startLine);
        }
        std::string content = m_text.substr(m_pos, found - m_pos);
        Advance(found - m_pos + std::strlen(terminator));
        return content;
    }

    /**
     * @return the current 1-based line
     */
    uint32_t Line() const
    {
        return m_line;
    }

    /**
     * @brief Throw the parse error.
     * @param reason what is wrong
     * @param line the line, 0 for the current one
     */
    [[noreturn]] void Fail(const std::string& reason, uint32_t line = 0) const
    {
        throw RtmTopologyError(m_source, line != 0 ? line : m_line, reason);
    }

    /**
     * @param c a byte
     * @return true for XML white space
     */
    static bool IsSpace(char c)
    {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /**
     * @param c a byte
     * @return true when c may start a name
     */
    static bool IsNameStart(char c)
    {
        const unsigned char u = static_cast<unsigned char>(c);
        return (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || u == '_' || u == ':' ||
               u >= 0x80;
    }

    /**
     * @param c a byte
     * @return true when c may continue a name
     */
    static bool IsNameChar(char c)
    {
        return IsNameStart(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
    }

    /**
     * @brief Read a name.
     * @param what what the name is for, for the error
     * @return the name
     */
    std::string ReadName(const char* what)
    {
        if (!IsNameStart(Peek()))
        {
            if (AtEnd())
            {
                Fail(std::string("unexpected end of file, expected ") + what);
            }
            Fail(std::string("expected ") + what + ", found " + Describe(Peek()));
        }
        const size_t start = m_pos;
        while (!AtEnd() && IsNameChar(Peek()))
        {
            Advance();
        }
        return m_text.substr(start, m_pos - start);
    }

    /**
     * @brief Decode the entity or character reference at '&' and append it.
     * @param out where to append
     */
    void ReadReference(std::string& out)
    {
        const size_t semi = m_text.find(';', m_pos);
        if (semi == std::string::npos || semi - m_pos > 12)
        {
            Fail("bare '&' (write &amp;) or unterminated entity reference");
        }
        const std::string ref = m_text.substr(m_pos + 1, semi - m_pos - 1);
        if (ref == "lt")
        {
            out += '<';
        }
        else if (ref == "gt")
        {
            out += '>';
        }
        else if (ref == "amp")
        {
            out += '&';
        }
        else if (ref == "quot")
        {
            out += '"';
        }
        else if (ref == "apos")
        {
            out += '\'';
        }
        else if (ref.size() >= 2 && ref[0] == '#')
        {
            const bool hex = ref[1] == 'x';
            const std::string digits = ref.substr(hex ? 2 : 1);
            unsigned long cp = 0;
            bool ok = !digits.empty();
            for (char c : digits)
            {
                int d = -1;
                if (c >= '0' && c <= '9')
                {
                    d = c - '0';
                }
                else if (hex && c >= 'a' && c <= 'f')
                {
                    d = c - 'a' + 10;
                }
                else if (hex && c >= 'A' && c <= 'F')
                {
                    d = c - 'A' + 10;
                }
                if (d < 0 || cp > 0x10FFFF)
                {
                    ok = false;
                    break;
                }
                cp = cp * (hex ? 16 : 10) + d;
            }
            // XML 1.0 Char: no NUL or C0 control but tab, LF, CR; no UTF-16 surrogate (D800 to
            // DFFF, which UTF-8 cannot encode); not FFFE or FFFF
            if (!ok || cp == 0 || cp > 0x10FFFF || (cp < 0x20 && cp != 9 && cp != 10 && cp != 13) ||
                (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF)
            {
                Fail("invalid character reference '&" + ref + ";'");
            }
            AppendUtf8(out, cp);
        }
        else
        {
            Fail("unknown entity '&" + ref + ";'");
        }
        Advance(semi - m_pos + 1);
    }

    /**
     * @param c a byte
     * @return a printable description of c for messages
     */
    static std::string Describe(char c)
    {
        const unsigned char u = static_cast<unsigned char>(c);
        if (u >= 0x21 && u < 0x7f)
        {
            return std::string("'") + c + "'";
        }
        char hex[16];
        std::snprintf(hex, sizeof(hex), "byte 0x%02X", u);
        return hex;
    }

  private:
    /**
     * @brief Append a code point in UTF-8.
     * @param out where to append
     * @param cp the code point (<= 0x10FFFF)
     */
    static void AppendUtf8(std::string& out, unsigned long cp)
    {
        if (cp < 0x80)
        {
            out += static_cast<char>(cp);
        }
        else if (cp < 0x800)
        {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
        else if (cp < 0x10000)
        {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
        else
        {
            out += static_cast<char>(0xF0 | (cp >> 18));
            out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }

    const std::string& m_text;   //!< the document
    const std::string& m_source; //!< the source name
    size_t m_pos = 0;            //!< current byte offset
    uint32_t m_line = 1;         //!< current 1-based line
};

/**
 * @brief Read a quoted attribute value (the cursor is on the opening quote).
 * @param cur the cursor
 * @param attr the attribute name, for errors
 * @return the value, references decoded and white space normalized to spaces
 */
std::string
ReadAttributeValue(XmlCursor& cur, const std::string& attr)
{
    const char quote = cur.Peek();
    if (quote != '"' && quote != '\'')
    {
        cur.Fail("the value of the attribute '" + attr + "' is not quoted");
    }
    const uint32_t valueLine = cur.Line();
    cur.Advance();
    std::string value;
    while (true)
    {
        if (cur.AtEnd())
        {
            cur.Fail("unexpected end of file in the value of the attribute '" + attr + "'",
                     valueLine);
        }
        const char v = cur.Peek();
        if (v == quote)
        {
            cur.Advance();
            return value;
        }
        if (v == '<')
        {
            cur.Fail("'<' in the value of the attribute '" + attr + "'");
        }
        if (v == '&')
        {
            cur.ReadReference(value);
            continue;
        }
        value += XmlCursor::IsSpace(v) ? ' ' : v;
        cur.Advance();
    }
}

/// Tags with more attributes than this check duplicates with a hash set (few do).
constexpr std::size_t LINEAR_ATTRIBUTES = 8;

/**
 * @brief Read one attribute (the cursor is on its name) and add it to an element.
 * @param cur the cursor
 * @param element the element whose start tag is being read
 * @param seen the names of the element's attributes once it has more than LINEAR_ATTRIBUTES
 *        (empty before): duplicates are found in O(1) each, a tag in O(n), not O(n^2)
 */
void
ReadAttribute(XmlCursor& cur,
              RtmTopologyXmlParser::Element& element,
              std::unordered_set<std::string>& seen)
{
    const std::string attr = cur.ReadName("an attribute name");
    cur.SkipSpace();
    if (cur.Peek() != '=')
    {
        cur.Fail("expected '=' after the attribute '" + attr + "'");
    }
    cur.Advance();
    cur.SkipSpace();
    std::string value = ReadAttributeValue(cur, attr);
    bool duplicate = false;
    if (element.attributes.size() < LINEAR_ATTRIBUTES)
    {
        for (const auto& existing : element.attributes)
        {
            duplicate = duplicate || existing.first == attr;
        }
    }
    else
    {
        if (seen.empty())
        {
            for (const auto& existing : element.attributes)
            {
                seen.insert(existing.first);
            }
        }
        duplicate = !seen.insert(attr).second;
    }
    if (duplicate)
    {
        cur.Fail("duplicate attribute '" + attr + "' in the tag <" + element.name + ">");
    }
    element.attributes.emplace_back(attr, std::move(value));
}

/**
 * @brief Parse a start tag (the cursor is on its '<').
 * @param cur the cursor
 * @param element receives the name, line and attributes
 * @return true when the tag is self-closing ("<x/>")
 */
bool
ReadStartTag(XmlCursor& cur, RtmTopologyXmlParser::Element& element)
{
    element.line = cur.Line();
    cur.Advance(); // '<'
    element.name = cur.ReadName("an element name after '<'");
    std::unordered_set<std::string> seen;
    while (true)
    {
        const bool space = cur.SkipSpace();
        if (cur.AtEnd())
        {
            cur.Fail("unexpected end of file inside the start tag <" + element.name + ">",
                     element.line);
        }
        const char c = cur.Peek();
        if (c == '/')
        {
            cur.Advance();
            if (cur.Peek() != '>')
            {
                cur.Fail("expected '>' after '/' in the tag <" + element.name + ">");
            }
            cur.Advance();
            return true;
        }
        if (c == '>')
        {
            cur.Advance();
            return false;
        }
        if (!space)
        {
            cur.Fail("expected white space, '>' or '/>' in the tag <" + element.name + ">, found " +
                     XmlCursor::Describe(c));
        }
        ReadAttribute(cur, element, seen);
    }
}

/**
 * @brief Skip a DOCTYPE declaration (the cursor is on "<!DOCTYPE"), internal subset included.
 * @param cur the cursor
 */
void
SkipDoctype(XmlCursor& cur)
{
    const uint32_t start = cur.Line();
    cur.Advance(9);
    int depth = 0;
    char quote = '\0';
    while (true)
    {
        if (cur.AtEnd())
        {
            cur.Fail("unterminated DOCTYPE declaration (end of file reached)", start);
        }
        const char c = cur.Peek();
        cur.Advance();
        if (quote != '\0')
        {
            if (c == quote)
            {
                quote = '\0';
            }
        }
        else if (c == '"' || c == '\'')
        {
            quote = c;
        }
        else if (c == '[')
        {
            ++depth;
        }
        else if (c == ']')
        {
            --depth;
        }
        else if (c == '>' && depth <= 0)
        {
            return;
        }
    }
}

/**
 * @brief Builds the element tree of a document, iteratively: the open elements are a stack in
 * which each element is the last child of the one below.
 */
class XmlTreeBuilder
{
  public:
    /**
     * @brief Start building.
     * @param cur the cursor, past the byte order mark
     * @param maxDepth the maximum nesting depth
     */
    XmlTreeBuilder(XmlCursor& cur, uint32_t maxDepth)
        : m_cur(cur),
          m_maxDepth(maxDepth)
    {
    }

    /**
     * @brief Read the rest of the document.
     * @return the root element
     */
    RtmTopologyXmlParser::Element Build()
    {
        while (!m_cur.AtEnd())
        {
            if (m_stack.empty())
            {
                ReadOutsideRoot();
            }
            else
            {
                ReadContent(*m_stack.back());
            }
        }
        if (!m_stack.empty())
        {
            const RtmTopologyXmlParser::Element* open = m_stack.back();
            m_cur.Fail("unexpected end of file: the element <" + open->name + "> opened at line " +
                       std::to_string(open->line) + " is not closed (truncated file?)");
        }
        if (!m_haveRoot)
        {
            m_cur.Fail("no root element (empty file or not XML)");
        }
        return std::move(m_root);
    }

  private:
    /// Read white space or one piece of markup before or after the root element.
    void ReadOutsideRoot()
    {
        if (m_cur.SkipSpace())
        {
            return;
        }
        if (m_cur.Peek() != '<')
        {
            if (m_haveRoot)
            {
                m_cur.Fail("text after the end of the root element <" + m_root.name + ">");
            }
            m_cur.Fail("not an XML document: expected '<', found " +
                       XmlCursor::Describe(m_cur.Peek()));
        }
        if (m_cur.StartsWith("<?"))
        {
            m_cur.SkipPast("?>", "processing instruction", m_cur.Line());
        }
        else if (m_cur.StartsWith("<!--"))
        {
            m_cur.SkipPast("-->", "comment", m_cur.Line());
        }
        else if (m_cur.StartsWith("<!DOCTYPE"))
        {
            if (m_haveRoot)
            {
                m_cur.Fail("DOCTYPE after the root element");
            }
            SkipDoctype(m_cur);
        }
        else if (m_cur.StartsWith("</"))
        {
            m_cur.Fail(m_haveRoot ? "end tag after the end of the root element"
                                  : "end tag before any start tag");
        }
        else if (m_cur.StartsWith("<!"))
        {
            m_cur.Fail("unexpected markup '<!' outside the root element");
        }
        else
        {
            ReadRootTag();
        }
    }

    /// Read the start tag of the root element (the cursor is on its '<').
    void ReadRootTag()
    {
        RtmTopologyXmlParser::Element element;
        const uint32_t line = m_cur.Line();
        const bool selfClosing = ReadStartTag(m_cur, element);
        if (m_haveRoot)
        {
            m_cur.Fail("a second root element <" + element.name + "> (the root element <" +
                           m_root.name + "> ended before)",
                       line);
        }
        m_root = std::move(element);
        m_haveRoot = true;
        if (!selfClosing)
        {
            m_stack.push_back(&m_root);
        }
    }

    /**
     * @brief Read one character, reference or piece of markup inside an element.
     * @param top the innermost open element
     */
    void ReadContent(RtmTopologyXmlParser::Element& top)
    {
        const char c = m_cur.Peek();
        if (c == '<')
        {
            ReadMarkup(top);
        }
        else if (c == '&')
        {
            m_cur.ReadReference(top.text);
        }
        else
        {
            if (m_cur.StartsWith("]]>"))
            {
                m_cur.Fail("']]>' in character data");
            }
            top.text += c;
            m_cur.Advance();
        }
    }

    /**
     * @brief Read one piece of markup inside an element (the cursor is on its '<').
     * @param top the innermost open element
     */
    void ReadMarkup(RtmTopologyXmlParser::Element& top)
    {
        if (m_cur.StartsWith("<!--"))
        {
            m_cur.SkipPast("-->", "comment", m_cur.Line());
        }
        else if (m_cur.StartsWith("<![CDATA["))
        {
            const uint32_t line = m_cur.Line();
            m_cur.Advance(9);
            top.text += m_cur.SkipPast("]]>", "CDATA section", line);
        }
        else if (m_cur.StartsWith("<?"))
        {
            m_cur.SkipPast("?>", "processing instruction", m_cur.Line());
        }
        else if (m_cur.StartsWith("</"))
        {
            ReadEndTag(top);
        }
        else if (m_cur.StartsWith("<!"))
        {
            m_cur.Fail("unexpected markup '<!' inside <" + top.name + ">");
        }
        else
        {
            RtmTopologyXmlParser::Element element;
            if (m_stack.size() >= m_maxDepth)
            {
                m_cur.Fail("elements nested deeper than " + std::to_string(m_maxDepth));
            }
            const bool selfClosing = ReadStartTag(m_cur, element);
            top.children.push_back(std::move(element));
            if (!selfClosing)
            {
                m_stack.push_back(&top.children.back());
            }
        }
    }

    /**
     * @brief Read an end tag (the cursor is on its "</") and close the innermost element.
     * @param top the innermost open element
     */
    void ReadEndTag(const RtmTopologyXmlParser::Element& top)
    {
        const uint32_t line = m_cur.Line();
        m_cur.Advance(2);
        const std::string name = m_cur.ReadName("an element name after '</'");
        m_cur.SkipSpace();
        if (m_cur.Peek() != '>')
        {
            m_cur.Fail("expected '>' to close the end tag </" + name + ">");
        }
        m_cur.Advance();
        if (name != top.name)
        {
            m_cur.Fail("mismatched end tag </" + name + ">: the open element is <" + top.name +
                           "> from line " + std::to_string(top.line),
                       line);
        }
        m_stack.pop_back();
    }

    XmlCursor& m_cur;                                    //!< the cursor
    uint32_t m_maxDepth;                                 //!< maximum nesting depth
    RtmTopologyXmlParser::Element m_root;                //!< the root element
    bool m_haveRoot = false;                             //!< whether the root was started
    std::vector<RtmTopologyXmlParser::Element*> m_stack; //!< open elements
};

} // namespace

std::string
RtmTopologyXmlParser::Element::LocalName() const
{
    const size_t colon = name.rfind(':');
    return colon == std::string::npos ? name : name.substr(colon + 1);
}

const std::string*
RtmTopologyXmlParser::Element::FindAttribute(const std::string& attribute) const
{
    for (const auto& a : attributes)
    {
        if (a.first == attribute)
        {
            return &a.second;
        }
    }
    return nullptr;
}

RtmTopologyXmlParser::RtmTopologyXmlParser(const std::string& sourceName)
    : m_source(sourceName),
      m_maxDepth(256)
{
}

void
RtmTopologyXmlParser::SetMaxDepth(uint32_t depth)
{
    m_maxDepth = depth;
}

uint32_t
RtmTopologyXmlParser::GetMaxDepth() const
{
    return m_maxDepth;
}

RtmTopologyXmlParser::Element
RtmTopologyXmlParser::Parse(const std::string& text) const
{
    NS_LOG_FUNCTION(this << m_source << text.size());
    XmlCursor cur(text, m_source);
    if (cur.StartsWith("\xEF\xBB\xBF"))
    {
        cur.Advance(3); // UTF-8 byte order mark
    }
    if (cur.StartsWith("\xFF\xFE") || cur.StartsWith("\xFE\xFF"))
    {
        cur.Fail("UTF-16 encoded text is not supported (convert the file to UTF-8)");
    }
    cur.CheckCharacters();
    return XmlTreeBuilder(cur, m_maxDepth).Build();
}

} // namespace ns3
