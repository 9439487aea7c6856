// Names a person in every article that writes a name the archive knows. The extractor
// takes a run of words for a person only with evidence in the article itself ("Third
// seed Tim Henman said"); an article that writes "Tim Henman" with none ("Tim Henman
// and Greg Rusedski both lost") names no one. Once an article of the archive or of this
// commit has named him, every article that writes the name as a name (its words
// capitalised, alone in their run or after a title, role or country: writes_as_a_name
// in people_extractor.h) names him too, and a bare surname there joins the full name,
// as it would have in the extractor. A name is known when it begins with a listed given
// name, or when the extractor found it in at least 2 articles and in at least a quarter
// of those writing its words in a phrase: propagates() in known_names.cc.
//
// Like surname_resolver.h, in two steps of each commit: the commit's own articles in its
// parts, before they are merged; then the archive's articles that write a name this
// commit makes known, in the merged database before it is published. Candidates are
// found with a phrase query on the name's words; the article's text decides.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include <xapian.h>

#include "archive_people.h"
#include "index_writer.h"

namespace newsdex {

// A full name that begins with no listed given name is known once at least
// MIN_NAMED_ARTICLES articles (of the archive and the commit) name it, and at least
// 1 / MIN_NAMED_SHARE of the articles that write its words in a phrase.
inline constexpr Xapian::doccount MIN_NAMED_ARTICLES = 2;
inline constexpr Xapian::doccount MIN_NAMED_SHARE = 4;

struct KnownNameTags {
  std::size_t names = 0;     // known names found in articles that did not name them
  std::size_t articles = 0;  // articles rewritten
};

class KnownNames {
 public:
  // Reads the full names the commit's `parts` name; `archive_names` are those of `archive`
  // (the database as committed so far). `parts` must outlive this.
  KnownNames(const Xapian::Database& archive, const FullNameCounts& archive_names, const std::vector<PartInfo>& parts);
  ~KnownNames();
  KnownNames(const KnownNames&) = delete;
  KnownNames& operator=(const KnownNames&) = delete;

  // Rewrites the parts' articles that write a known name without naming the person.
  KnownNameTags tag_parts();

  // Rewrites, in `merged` (the archive with the parts merged in, not yet published), the
  // archive's articles (document ids up to `old_last`) that write a name this commit
  // made known.
  KnownNameTags tag_archive(Xapian::WritableDatabase& merged, Xapian::docid old_last);

 private:
  struct State;
  const Xapian::Database& archive_;
  const std::vector<PartInfo>& parts_;
  std::unique_ptr<State> state_;
};

}  // namespace newsdex
