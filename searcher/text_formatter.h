// Human-readable output of a search: one aligned line per hit.
#pragma once

#include <ostream>

#include "searcher.h"

namespace newsdex {

void write_text(std::ostream& out, const SearchRequest& request, const SearchResult& result);

}  // namespace newsdex
