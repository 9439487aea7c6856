// The document data: the fields of an article stored in the database as one JSON object
// (id, title and, when it was derived from the text, "title_derived": true, date, source, url, language, authors, people, countries, regions, mentioned dates,
// given labels, and the text snippets are made from). Written by the indexer, read by the
// searcher.
#pragma once

#include <string>
#include <string_view>

#include "core/article.h"

namespace newsdex {

std::string encode_stored_article(const Article& article);

// Throws std::runtime_error when `data` is not a stored article.
Article decode_stored_article(std::string_view data);

}  // namespace newsdex
