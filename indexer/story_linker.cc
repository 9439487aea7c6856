#include "story_linker.h"

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/calendar.h"
#include "core/schema.h"
#include "core/stable_hash.h"
#include "analysis/story_sketch.h"

namespace newsdex {
namespace {

// Candidates compared per article at most: the best of them share the most bands, and
// templated texts (results tables, price reports) can share a band with thousands.
constexpr std::size_t MAX_COMPARED = 32;

// Members read per band at most, the newest (highest document id) first. Reading every
// member made linking quadratic in the size of a band (the price reports of one template
// share one; docs/measurements.md, Figures behind the code's limits). The newest are
// the likeliest to fall within STORY_DAYS of a new article in an archive that grows by
// date.
constexpr std::size_t MAX_BAND_MEMBERS = 32;

// A band of at most this many times MAX_BAND_MEMBERS members is read whole: one posting
// list of a few hundred entries costs less than skipping into it several times.
constexpr std::size_t READ_WHOLE_BAND = 4;

struct Fresh {
  Xapian::docid docid;
  std::size_t part;
  Sketch sketch;
  std::string key;
  std::optional<long> day;  // publication day, when known to the day
  bool relinked = false;
};

// Whether two articles were published close enough to tell one story (unknown: yes).
bool near_in_time(const std::optional<long>& a, const std::optional<long>& b) {
  return !a || !b || std::labs(*a - *b) <= STORY_DAYS;
}

struct Candidate {
  Xapian::docid docid;
  unsigned shared;
  std::optional<std::size_t> fresh;  // index into the commit's articles; nullopt: in the archive
};

// The in-memory table key of a band term: its text is unique per band.
std::uint64_t band_key(const std::string& term) { return fnv1a_64(term); }

// Calls `visit` on the newest `limit` documents below `before` indexed by `term`. Posting
// lists run in document id order, so it skips to a start `span` ids back and doubles the
// span until enough are found: a band's members are read a few times over at most, never
// the whole band. A short band is read whole, at once. The first span is where the band's
// members would hold `limit` at their average spacing: starting at `limit` ids back, a
// band whose members lie far apart (copies of one story across years) took a dozen
// doublings, each a new posting list, and linking grew with the archive
// (docs/measurements.md, Figures behind the code's limits).
template <typename Visit>
void visit_newest_members(const Xapian::Database& db, const std::string& term, Xapian::docid before,
                          std::size_t limit, Visit&& visit) {
  std::vector<Xapian::docid> found;
  const auto read_from = [&](Xapian::docid start) {
    found.clear();
    auto post = db.postlist_begin(term);
    if (start > 1) post.skip_to(start);
    for (; post != db.postlist_end(term) && *post < before; ++post) found.push_back(*post);
  };
  const Xapian::doccount members = db.get_termfreq(term);
  if (members <= READ_WHOLE_BAND * limit) {
    read_from(1);
  } else {
    const double spacing = static_cast<double>(db.get_lastdocid()) / members;
    const auto first_span = static_cast<Xapian::docid>(std::min<double>(spacing * limit, before));
    for (Xapian::docid span = std::max(first_span, static_cast<Xapian::docid>(limit));; span *= 2) {
      const Xapian::docid start = before > span ? before - span : 1;
      read_from(start);
      if (found.size() >= limit || start == 1) break;
    }
  }
  const std::size_t first = found.size() > limit ? found.size() - limit : 0;
  for (std::size_t k = first; k < found.size(); ++k) visit(found[k]);
}

// Answers computed once each and kept, up to `capacity` of them: past it the table starts
// afresh, so that memory stays bounded whatever the commit holds.
template <typename Key, typename Value>
class BoundedMemo {
 public:
  explicit BoundedMemo(std::size_t capacity) : capacity_(capacity) {}

  template <typename Compute>
  const Value& get(const Key& key, Compute&& compute) {
    if (const auto found = table_.find(key); found != table_.end()) return found->second;
    if (table_.size() >= capacity_) table_.clear();
    return table_.emplace(key, compute()).first->second;
  }

 private:
  std::size_t capacity_;
  std::unordered_map<Key, Value> table_;
};

// The archive's newest members of each band, read once per commit: every article of the
// commit comes after the whole archive, so the answer is the same for each article that
// has the band. Near copies share bands, and each lookup is a descent of the archive's
// posting table: at 1.8 million articles, where each wire story has a hundred copies,
// reading them per article made linking a commit's 433,000 articles take 175 s
// (docs/measurements.md, Figures behind the code's limits). Kept for up to 2^20 bands.
class ArchiveMembers {
 public:
  explicit ArchiveMembers(const Xapian::Database& archive)
      : archive_(archive), after_last_(archive.get_lastdocid() + 1) {}

  // Calls `each` on the newest MAX_BAND_MEMBERS archive documents below `before` with
  // the band `term`.
  template <typename Visit>
  void visit(const std::string& term, Xapian::docid before, Visit&& each) {
    // An article inside the archive's id range (none that a run's parts hold) is not
    // among those the table answers for.
    if (before < after_last_) return visit_newest_members(archive_, term, before, MAX_BAND_MEMBERS, each);
    for (Xapian::docid docid : of(term)) each(docid);
  }

 private:
  const std::vector<Xapian::docid>& of(const std::string& term) {
    return members_.get(band_key(term), [&] {
      std::vector<Xapian::docid> newest;
      visit_newest_members(archive_, term, after_last_, MAX_BAND_MEMBERS,
                           [&](Xapian::docid docid) { newest.push_back(docid); });
      return newest;
    });
  }

  const Xapian::Database& archive_;
  Xapian::docid after_last_;
  BoundedMemo<std::uint64_t, std::vector<Xapian::docid>> members_{1u << 20};
};

// What linking compares of an archive article, read once per commit: the copies of one
// story in a commit all compare with the same few archive articles (the oldest of the
// newest members they share every band with), and each read is three value lookups in
// the archive. Kept for up to 2^16 articles.
class ArchiveArticles {
 public:
  struct Article {
    std::optional<Sketch> sketch;
    std::string key;
    std::optional<long> day;
  };

  explicit ArchiveArticles(const Xapian::Database& archive) : archive_(archive) {}

  const Article& of(Xapian::docid docid) {
    return articles_.get(docid, [&] {
      const Xapian::Document doc = archive_.get_document(docid);
      return Article{decode_sketch(doc.get_value(schema::SLOT_SKETCH)), doc.get_value(schema::SLOT_STORY),
                     day_number(doc.get_value(schema::SLOT_DATE))};
    });
  }

 private:
  const Xapian::Database& archive_;
  BoundedMemo<Xapian::docid, Article> articles_{1u << 16};
};

}  // namespace

StoryLinks link_stories(const Xapian::Database& archive, const std::vector<PartInfo>& parts) {
  StoryLinks links;
  std::vector<Fresh> fresh;
  for (std::size_t p = 0; p < parts.size(); ++p) {
    const Xapian::Database part(parts[p].path);
    for (auto it = part.valuestream_begin(schema::SLOT_SKETCH); it != part.valuestream_end(schema::SLOT_SKETCH); ++it) {
      const auto sketch = decode_sketch(*it);
      if (!sketch) continue;
      const Xapian::docid docid = it.get_docid();
      const Xapian::Document doc = part.get_document(docid);
      fresh.push_back({docid, p, *sketch, doc.get_value(schema::SLOT_STORY), day_number(doc.get_value(schema::SLOT_DATE))});
    }
  }
  links.sketched = fresh.size();
  if (fresh.empty()) return links;

  const bool archive_has_bands = archive.get_doccount() != 0 && archive.get_value_freq(schema::SLOT_SKETCH) != 0;
  ArchiveMembers archive_members(archive);
  ArchiveArticles archive_articles(archive);
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> bands;  // this commit's articles by band
  bands.reserve(fresh.size() * STORY_BANDS);
  std::vector<Candidate> candidates;
  std::unordered_map<Xapian::docid, std::size_t> candidate_at;
  for (std::size_t i = 0; i < fresh.size(); ++i) {
    Fresh& article = fresh[i];
    const std::vector<std::string> terms = story_band_terms(article.sketch);
    candidates.clear();
    candidate_at.clear();
    const auto add = [&](Xapian::docid docid, std::optional<std::size_t> index) {
      const auto [at, inserted] = candidate_at.try_emplace(docid, candidates.size());
      if (inserted) candidates.push_back({docid, 0, index});
      ++candidates[at->second].shared;
    };
    for (const auto& term : terms) {
      if (const auto found = bands.find(band_key(term)); found != bands.end()) {
        const auto& members = found->second;
        const std::size_t first = members.size() > MAX_BAND_MEMBERS ? members.size() - MAX_BAND_MEMBERS : 0;
        for (std::size_t k = first; k < members.size(); ++k) add(fresh[members[k]].docid, members[k]);
      }
      if (archive_has_bands)
        archive_members.visit(term, article.docid, [&](Xapian::docid docid) { add(docid, std::nullopt); });
    }
    std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
      return a.shared != b.shared ? a.shared > b.shared : a.docid < b.docid;
    });
    const std::size_t compare = std::min(candidates.size(), MAX_COMPARED);
    for (std::size_t c = 0; c < compare; ++c) {
      const Candidate& candidate = candidates[c];
      ++links.compared;
      const Sketch* other = nullptr;
      const std::string* key = nullptr;
      const std::optional<long>* day = nullptr;
      if (candidate.fresh) {
        const Fresh& earlier = fresh[*candidate.fresh];
        other = &earlier.sketch;
        key = &earlier.key;
        day = &earlier.day;
      } else {
        const ArchiveArticles::Article& earlier = archive_articles.of(candidate.docid);
        other = earlier.sketch ? &*earlier.sketch : nullptr;
        key = &earlier.key;
        day = &earlier.day;
      }
      if (!other || key->empty() || !near_in_time(article.day, *day) ||
          sketch_similarity(article.sketch, *other) < STORY_SIMILARITY)
        continue;
      if (*key != article.key) {
        article.key = *key;
        article.relinked = true;
        ++links.linked;
      }
      break;
    }
    for (const auto& term : terms) bands[band_key(term)].push_back(static_cast<std::uint32_t>(i));
  }

  // The new keys go into the parts before they are merged.
  for (std::size_t p = 0; p < parts.size(); ++p) {
    const auto in_part = [p](const Fresh& article) { return article.part == p && article.relinked; };
    if (std::none_of(fresh.begin(), fresh.end(), in_part)) continue;
    rewrite_part(parts[p], [&](Xapian::WritableDatabase& part) {
      for (const Fresh& article : fresh) {
        if (!in_part(article)) continue;
        Xapian::Document doc = part.get_document(article.docid);
        doc.add_value(schema::SLOT_STORY, article.key);
        part.replace_document(article.docid, doc);
      }
    });
  }
  return links;
}

}  // namespace newsdex
