// Gives a person named by surname alone the full name the archive knows them by. An
// article that says only "Mr Blair" names Blair; the extractor cannot tell which Blair
// from the article alone (people_extractor.h joins a surname to a full name only within
// one article), but an archive in which 66 articles name Tony Blair and 5 Cherie Blair
// can: the bare "Blair" becomes "Tony Blair", so that the person facet counts him once
// and person:"Tony Blair" finds the article.
//
// A surname is resolved when one full name ending in it is named in at least
// MIN_FULL_NAME_ARTICLES articles (of the archive and this commit), at least
// DOMINANCE_RATIO times as many as all other such names together, and more often than
// the word begins full names (a given name such as "John", met alone after "Sir", is no
// surname); and not in an article whose text writes the surname as someone else's
// ("Mike Leigh" where the extractor missed him, "Mr Justice Sullivan": names_another_bearer in
// people_extractor.h). Counted over the whole archive, not around the article's date.
//
// Runs before the commit merges the parts, on the commit's articles only, as
// story_linker.h does: the parts are fresh and disposable, the archive is never
// rewritten. An article of an earlier commit keeps its bare surname.
#pragma once

#include <cstddef>
#include <vector>

#include <xapian.h>

#include "index_writer.h"

namespace newsdex {

inline constexpr Xapian::doccount MIN_FULL_NAME_ARTICLES = 2;
inline constexpr Xapian::doccount DOMINANCE_RATIO = 2;

struct SurnameResolutions {
  std::size_t surnames = 0;  // bare surnames given a full name
  std::size_t articles = 0;  // articles rewritten
};

// `archive`: the database as committed so far. `parts`: the commit's part databases.
SurnameResolutions resolve_surnames(const Xapian::Database& archive, const std::vector<PartInfo>& parts);

}  // namespace newsdex
