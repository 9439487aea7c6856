// Human-readable output of a search: one aligned line per hit, its snippet below, then
// the facets and the timeline; and of a whole article (--show). Control characters in
// the text are shown as spaces.
#pragma once

#include <ostream>

#include "search_request.h"

namespace newsdex {

// `width`: the terminal's columns, which a timeline's bars fill.
void write_text(std::ostream& out, const SearchRequest& request, const SearchResult& result, bool colour,
                std::size_t width = 80);

// The article's title, then its date, source, authors, people and countries (a line
// each, when known), a blank line and the text, each paragraph wrapped to `width` columns.
void write_article_text(std::ostream& out, const Article& article, std::size_t width, bool colour);

}  // namespace newsdex
