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
// people_extractor.h).
//
// Counted around the article's date when the archive spans more than DATE_WINDOW_DAYS:
// where several full names end in the surname, the articles within that many days of the
// article decide (in an archive of 1987 and 2004, "Mr Bush" is George Bush in one year
// and George W. Bush in the other); when none near it names any of them, or the article
// is undated, the whole archive does.
//
// The commit's own articles are rewritten in its parts before they are merged, as
// story_linker.h writes story keys: the parts are fresh and disposable. The archive's
// articles that name by surname alone someone the commit names in full are rewritten in
// the merged database before it becomes current (inside the copying commit's
// transaction), so readers see the archive before or after, never half of it.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include <xapian.h>

#include "archive_people.h"
#include "index_writer.h"

namespace newsdex {

inline constexpr Xapian::doccount MIN_FULL_NAME_ARTICLES = 2;
inline constexpr Xapian::doccount DOMINANCE_RATIO = 2;
// Around an article's date: a year each way, as a public figure's name in the news
// usually means one person for some years (a term of office, a career).
inline constexpr long DATE_WINDOW_DAYS = 365;

struct SurnameResolutions {
  std::size_t surnames = 0;  // bare surnames given a full name
  std::size_t articles = 0;  // articles rewritten
};

// One commit's resolutions, in two steps: the commit's own articles in its parts, before
// they are merged; then the archive's articles that the commit gives the evidence for, in
// the merged database before it is published.
class SurnameResolver {
 public:
  // Reads what the commit's `parts` know of people's names; `archive_names` are the full
  // names of `archive` (the database as committed so far). `parts` must outlive this.
  SurnameResolver(const Xapian::Database& archive, const FullNameCounts& archive_names,
                  const std::vector<PartInfo>& parts);
  ~SurnameResolver();
  SurnameResolver(const SurnameResolver&) = delete;
  SurnameResolver& operator=(const SurnameResolver&) = delete;

  // Rewrites the parts' articles.
  SurnameResolutions resolve_parts();

  // Rewrites, in `merged` (the archive with the parts merged in, not yet published), the
  // archive's articles (document ids up to `old_last`) that name by surname alone a
  // person the commit's articles name in full: an archive learns "Tony Blair" after
  // articles that said only "Mr Blair".
  SurnameResolutions resolve_archive(Xapian::WritableDatabase& merged, Xapian::docid old_last);

 private:
  struct State;
  const Xapian::Database& archive_;
  const std::vector<PartInfo>& parts_;
  std::unique_ptr<State> state_;
};

}  // namespace newsdex
