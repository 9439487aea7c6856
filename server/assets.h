// The files of the search page and the API's description, compiled into newsdex-serve
// from server/page/ (by common/entities/embed_data.cmake), so nothing is read from disk or fetched
// from elsewhere when it runs.
#pragma once

#include <string_view>

namespace newsdex::data {

extern const std::string_view PAGE_INDEX_HTML;  // server/page/index.html
extern const std::string_view PAGE_APP_JS;      // server/page/app.js
extern const std::string_view PAGE_STYLE_CSS;   // server/page/style.css
extern const std::string_view PAGE_ICON_SVG;    // server/page/icon.svg
extern const std::string_view OPENAPI_JSON;     // server/page/openapi.json

}  // namespace newsdex::data
