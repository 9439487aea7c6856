// Human-readable output of a search: one aligned line per hit, its snippet below, then
// the facets. Control characters in the text are shown as spaces.
#pragma once

#include <ostream>

#include "searcher.h"

namespace newsdex {

void write_text(std::ostream& out, const SearchRequest& request, const SearchResult& result, bool colour);

}  // namespace newsdex
