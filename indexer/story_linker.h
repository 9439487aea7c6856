// Links the articles of a commit to the stories the archive already tells: each article
// whose sketch nearly equals that of an earlier article (common/analysis/story_sketch.h) takes that
// article's story key, so that copies, corrections and updates of one wire story share a
// key across runs (--collapse and --facet-by story in newsdex-search read it).
//
// Earlier means a lower document id: an article of the archive, or one read before it in
// this commit. Candidates are the articles sharing a band term with it (the archive's
// posting lists, and an in-memory table for this commit's articles; the newest 32 of
// each band from each, so that a template shared by thousands costs no more); they are compared
// most shared bands first, then oldest first, and the first whose sketch agrees in at
// least STORY_SIMILARITY of its minima, published within STORY_DAYS of it (or undated),
// gives its key. A story is thus a chain of near
// copies, as in single-link clustering.
//
// Runs before the commit merges the parts: the keys are written into the part databases,
// which are fresh and disposable, so the archive itself is never rewritten. Within one
// database: the shards of a sharded archive link their own articles.
#pragma once

#include <cstddef>
#include <vector>

#include <xapian.h>

#include "index_writer.h"

namespace newsdex {

struct StoryLinks {
  std::size_t sketched = 0;  // articles of the commit with a sketch
  std::size_t linked = 0;    // of them, given an earlier article's story key
  std::size_t compared = 0;  // sketches compared
};

// `archive`: the database as committed so far (every document id below the parts').
// `parts`: the commit's part databases, in document id order.
StoryLinks link_stories(const Xapian::Database& archive, const std::vector<PartInfo>& parts);

}  // namespace newsdex
