// An article's people as the index stores them, read and written in place: the person
// terms (XP), the person facet's values and the stored article's list. The commit-time
// steps that correct people from what the archive knows (known_names.h,
// surname_resolver.h) rewrite articles through here, so the three stay in step.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "core/article.h"

namespace newsdex {

// The person term of a folded name ("tony blair" -> "XPtony blair").
std::string person_term(std::string_view key);

// The name as an article of `db` wrote it ("Tony Blair") for its folded key ("tony
// blair"), read from the person facet of an article naming it; nullopt if none does.
std::optional<std::string> person_label_in(const Xapian::Database& db, const std::string& key);

// Gives the article `docid` of `db`, whose stored form is `article`, the people
// `labels` with their folded `keys` (same length, in order): terms, facet values and the
// stored list. Person terms of the article not among `keys` go.
void replace_people(Xapian::WritableDatabase& db, Xapian::docid docid, Xapian::Document doc, Article article,
                    const std::vector<std::string>& keys, std::vector<std::string> labels);

}  // namespace newsdex
