// Text made safe for XML (the SVG charts, the GraphML networks): the five markup
// characters as entities, and the C0 controls XML 1.0 forbids as spaces.
#pragma once

#include <string>
#include <string_view>

namespace newsdex {

std::string xml_text(std::string_view text);

}  // namespace newsdex
