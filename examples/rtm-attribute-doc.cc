/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Generates the attribute and trace-source reference of doc/rtm.rst from the TypeIds of the
 * module (every registered TypeId of group "Rtm"), so that the manual cannot drift from the code.
 *
 *   rtm-attribute-doc                       print the generated RST
 *   rtm-attribute-doc --update=doc/rtm.rst  replace the generated section of the manual
 *   rtm-attribute-doc --check=doc/rtm.rst   exit 1 (and say where) if the section differs
 *
 * The section sits between the lines ".. BEGIN GENERATED ATTRIBUTES" and
 * ".. END GENERATED ATTRIBUTES". The check runs as the CTest test RtmDoc.AttributesUpToDate.
 */

#include "ns3/core-module.h"
#include "ns3/rtm-module.h"

#include <algorithm>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

const std::string kBegin = ".. BEGIN GENERATED ATTRIBUTES";
const std::string kEnd = ".. END GENERATED ATTRIBUTES";

/**
 * @brief An attribute's value as text, or "(none)".
 * @param value the value
 * @param checker its checker
 * @return the text
 */
std::string
ValueText(Ptr<const AttributeValue> value, Ptr<const AttributeChecker> checker)
{
    std::string s = value ? value->SerializeToString(checker) : "";
    return s.empty() ? "(empty)" : s;
}

/**
 * @brief The access flags of an attribute, as ns-3's --PrintAttributes shows them.
 * @param flags TypeId::AttributeFlag bits
 * @return for example "construct, set, get"
 */
std::string
FlagsText(uint32_t flags)
{
    std::vector<std::string> f;
    if (flags & TypeId::ATTR_CONSTRUCT)
    {
        f.emplace_back("construct");
    }
    if (flags & TypeId::ATTR_SET)
    {
        f.emplace_back("set");
    }
    if (flags & TypeId::ATTR_GET)
    {
        f.emplace_back("get");
    }
    std::string out;
    for (const std::string& s : f)
    {
        out += (out.empty() ? "" : ", ") + s;
    }
    return out;
}

/**
 * @brief The generated RST: one subsection per TypeId of the module, sorted by name.
 * @return the text between the markers (without them)
 */
std::string
Generate()
{
    // Make sure the library's TypeIds are registered (the library is loaded for this call).
    RoutingTableManager::GetTypeId();
    std::vector<TypeId> types;
    for (uint16_t i = 0; i < TypeId::GetRegisteredN(); ++i)
    {
        TypeId t = TypeId::GetRegistered(i);
        if (t.GetGroupName() == "Rtm")
        {
            types.push_back(t);
        }
    }
    std::sort(types.begin(), types.end(), [](const TypeId& a, const TypeId& b) {
        return a.GetName() < b.GetName();
    });

    std::ostringstream os;
    os << "\n.. This section is generated from the TypeIds by build/examples/rtm-attribute-doc\n"
       << "   (--update=doc/rtm.rst rewrites it; the test RtmDoc.AttributesUpToDate checks it).\n";
    for (const TypeId& t : types)
    {
        const std::string& name = t.GetName();
        os << "\n" << name << "\n" << std::string(name.size(), '+') << "\n\n";
        os << "Parent: ``" << t.GetParent().GetName() << "``";
        if (t.GetParent().GetGroupName() == "Rtm")
        {
            os << " (whose attributes and trace sources it has too)";
        }
        bool isObject = t.IsChildOf(Object::GetTypeId());
        if (isObject && t.HasConstructor())
        {
            os << ". Config path: ``/NodeList/[i]/$" << name << "/<name>``";
        }
        os << ".\n";
        if (t.GetAttributeN() == 0 && t.GetTraceSourceN() == 0)
        {
            os << "\nNo attributes or trace sources of its own.\n";
            continue;
        }
        if (t.GetAttributeN() > 0)
        {
            os << "\nAttributes:\n\n";
            for (std::size_t i = 0; i < t.GetAttributeN(); ++i)
            {
                TypeId::AttributeInformation a = t.GetAttribute(i);
                os << "* ``" << a.name << "`` (" << a.checker->GetValueTypeName() << ", default ``"
                   << ValueText(a.originalInitialValue, a.checker) << "``";
                if (a.checker->HasUnderlyingTypeInformation())
                {
                    os << ", type ``" << a.checker->GetUnderlyingTypeInformation() << "``";
                }
                os << ", " << FlagsText(a.flags) << "): " << a.help << "\n";
            }
        }
        if (t.GetTraceSourceN() > 0)
        {
            os << "\nTrace sources:\n\n";
            for (std::size_t i = 0; i < t.GetTraceSourceN(); ++i)
            {
                TypeId::TraceSourceInformation s = t.GetTraceSource(i);
                os << "* ``" << s.name << "`` (``" << s.callback << "``): " << s.help << "\n";
            }
        }
    }
    std::string text = os.str();
    while (!text.empty() && text.back() == '\n')
    {
        text.pop_back();
    }
    return text + "\n\n";
}

/**
 * @brief Split a manual around its generated section.
 * @param doc the manual's text
 * @param before up to and including the begin marker's line (out)
 * @param section the generated part (out)
 * @param after from the end marker's line on (out)
 * @return false if the markers are missing
 */
bool
Split(const std::string& doc, std::string* before, std::string* section, std::string* after)
{
    std::size_t b = doc.find(kBegin + "\n");
    std::size_t e = doc.find(kEnd + "\n");
    if (b == std::string::npos || e == std::string::npos || e < b)
    {
        return false;
    }
    std::size_t start = b + kBegin.size() + 1;
    *before = doc.substr(0, start);
    *section = doc.substr(start, e - start);
    *after = doc.substr(e);
    return true;
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string update;
    std::string check;
    CommandLine cmd(__FILE__);
    cmd.AddValue("update", "manual whose generated section is rewritten", update);
    cmd.AddValue("check", "manual whose generated section must equal the output", check);
    cmd.Parse(argc, argv);

    std::string generated = Generate();
    if (update.empty() && check.empty())
    {
        std::cout << generated;
        return 0;
    }
    const std::string& path = update.empty() ? check : update;
    std::ifstream in(path);
    if (!in)
    {
        std::cerr << "rtm-attribute-doc: cannot read " << path << "\n";
        return 2;
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    std::string before;
    std::string section;
    std::string after;
    if (!Split(buffer.str(), &before, &section, &after))
    {
        std::cerr << "rtm-attribute-doc: " << path << " lacks the lines '" << kBegin << "' and '"
                  << kEnd << "'\n";
        return 2;
    }
    if (!check.empty())
    {
        if (section == generated)
        {
            std::cout << path << ": the attribute reference is up to date\n";
            return 0;
        }
        std::size_t at = 0;
        while (at < section.size() && at < generated.size() && section[at] == generated[at])
        {
            ++at;
        }
        std::size_t line = std::count(generated.begin(), generated.begin() + at, '\n');
        std::cerr << path << ": the generated attribute reference is out of date (first "
                  << "difference at line " << line + 1 << " of the section); run "
                  << "build/examples/rtm-attribute-doc --update=" << path << "\n";
        return 1;
    }
    std::ofstream out(path);
    out << before << generated << after;
    if (!out)
    {
        std::cerr << "rtm-attribute-doc: cannot write " << path << "\n";
        return 2;
    }
    std::cout << path << ": attribute reference rewritten\n";
    return 0;
}
