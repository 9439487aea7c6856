// Text made safe for XML (the SVG charts, the GraphML networks): the five markup
// characters as entities, and the C0 controls XML 1.0 forbids as spaces; and back.
#pragma once

#include <string>
#include <string_view>

namespace newsdex {

std::string xml_text(std::string_view text);

// The text of markup that escapes only those characters, such as Xapian's snippets
// (escaped for HTML, &#39; for the apostrophe): the entities back to characters, anything
// else as it stands.
std::string markup_text(std::string_view markup);

}  // namespace newsdex
