// The query side of the analysis chain: rewrites the free-text parts of a query the
// way the indexer analysed article text, leaving Xapian QueryParser syntax (operators,
// quotes, brackets, +/-, wildcards, field prefixes) for QueryParser to read.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "analyzer.h"

namespace newsdex {

// `is_field(name)` says whether `name:` starts a field prefix that must stay as typed.
std::string normalise_query_text(Analyzer& analyzer, std::string_view query,
                                 const std::function<bool(std::string_view)>& is_field);

}  // namespace newsdex
