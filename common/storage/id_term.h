// The term that names an article in the database: schema::PREFIX_ID + its id. Xapian
// refuses terms longer than 245 bytes, and ids come from outside (a record's id field, a
// file's path), so an id that would make the term longer is hashed the way Omega hashes
// long unique terms: the term keeps a readable head of the id and ends with a hash of the
// whole id (64-bit FNV-1a, 16 hex digits). The id itself is stored whole in the document
// data. The indexer, --delete and the searcher all build the term here, so they agree.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace newsdex {

// Xapian's limit on the length of a term (glass backend).
inline constexpr std::size_t MAX_ID_TERM_BYTES = 245;

// The id term of the article with id `article_id`: at most MAX_ID_TERM_BYTES long.
std::string id_term(std::string_view article_id);

// Whether `term` (an id term) may be a hashed one, so that the id it names must be read
// from the document data rather than from the term.
inline bool id_term_may_be_hashed(std::string_view term) { return term.size() == MAX_ID_TERM_BYTES; }

}  // namespace newsdex
