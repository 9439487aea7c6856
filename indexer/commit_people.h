// What a commit corrects in its articles' people from what the archive knows, in order:
// names the archive knows, written without evidence (known_names.h), then bare surnames
// given the full name (surname_resolver.h), which the first step's names count for.
// Each step runs on the commit's parts before they are merged, and on the archive's
// articles in the merged database before it is published.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include <xapian.h>

#include "index_writer.h"
#include "known_names.h"
#include "surname_resolver.h"

namespace newsdex {

struct CommitPeople {
  // Reads what `archive` (the database as committed so far) and the commit's `parts` know;
  // `parts` must outlive this.
  CommitPeople(const Xapian::Database& archive, const std::vector<PartInfo>& parts);

  // Corrects the parts' articles.
  void correct_parts();

  // Corrects, in `merged` (not yet published), the archive's articles (document ids up to
  // `old_last`) from what the commit's articles name; returns how many changed.
  std::size_t correct_archive(Xapian::WritableDatabase& merged, Xapian::docid old_last);

 private:
  const Xapian::Database& archive_;
  const std::vector<PartInfo>& parts_;
  FullNameCounts archive_names_;  // the archive's, read once for both steps
  KnownNames names_;
  std::optional<SurnameResolver> surnames_;  // built after names_ has rewritten the parts
};

}  // namespace newsdex
