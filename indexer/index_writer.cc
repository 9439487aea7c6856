#include "index_writer.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <stdexcept>

#include "durable_files.h"
#include "generations.h"
#include "storage/facet_columns.h"
#include "storage/frequent_terms.h"
#include "storage/id_term.h"
#include "core/schema.h"
#include "story_linker.h"
#include "commit_people.h"

namespace newsdex {
namespace fs = std::filesystem;
namespace {

void fsync_tree(const fs::path& dir) {
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.is_regular_file()) fsync_path(entry.path(), false);
  fsync_path(dir, true);
}

// Writes the facet columns of the database at `db_path` (in directory `dir`) into its
// column file, which search processes map instead of reading every document's facet
// values (storage/facet_columns.h). `extend`: the commit only added documents and
// deleted some, so the file of the revision before is extended by the new documents'
// values instead of every document's being read again (at 1.8 million articles, 4.7 s).
// `path`, when given, is set to the file's path once it is known.
void write_column_file(const std::string& dir, const std::string& db_path, bool extend,
                       std::string* path = nullptr) {
  const Xapian::Database db(db_path);
  const std::string file = column_file_path(dir, db);
  if (path) *path = file;
  const auto before = extend ? ColumnFile::open_earlier(file, db) : nullptr;
  replace_file_durably(file, encode_column_file(db, before.get()));
}

// write_column_file(), after a commit into the current database. A column file that
// cannot be written (a full disk) does not undo the commit: searches read the columns
// from the database instead, more slowly, as they never use a file that names an older
// revision; the old file goes all the same, for its space.
void refresh_column_file(const std::string& dir, const std::string& db_path, bool extend) {
  std::string path;
  std::string why;
  try {
    write_column_file(dir, db_path, extend, &path);
    return;
  } catch (const Xapian::Error& e) {
    why = e.get_description();
  } catch (const std::exception& e) {
    why = e.what();
  }
  spdlog::warn("{}: facet column file not written ({}); searches read the facets from the database instead", dir,
               why);
  std::error_code ec;
  if (!path.empty()) fs::remove(path, ec);
}

// The spelling table feeds Database::get_spelling_suggestion ("did you mean"): every
// unprefixed (free-text) word of the article, once per article. Prefixed terms start with
// an upper-case letter and numbers with a digit, which both sort before "a"; unprefixed
// words are lower case or start with a non-ASCII byte, which sort after it.
void add_spelling_words(Xapian::WritableDatabase& db, const Xapian::Document& doc) {
  auto it = doc.termlist_begin();
  it.skip_to("a");
  for (; it != doc.termlist_end(); ++it) db.add_spelling(*it);
}

// Brings the spelling table in line with the free-text words of the database: each
// word's spelling frequency becomes the number of articles that contain it. Done once per
// merge over the whole vocabulary, which costs far less than recording the words of every
// article one by one (docs/measurements.md, Figures behind the code's limits), and stays
// exact when articles are replaced or deleted.
void sync_spelling(Xapian::WritableDatabase& db, const Xapian::Database& recorded) {
  // A merge join of the vocabulary (unprefixed terms, sorted) with the recorded spelling
  // table (sorted), read from `recorded`: a database whose spelling table is the one `db`
  // holds (the previous generation; parts add none).
  auto spelled = recorded.spellings_begin();
  const auto spelled_end = recorded.spellings_end();
  auto it = db.allterms_begin();
  it.skip_to("a");
  for (; it != db.allterms_end(); ++it) {
    const std::string word = *it;
    for (; spelled != spelled_end && *spelled < word; ++spelled) db.remove_spelling(*spelled, spelled.get_termfreq());
    Xapian::doccount frequency = 0;
    if (spelled != spelled_end && *spelled == word) {
      frequency = spelled.get_termfreq();
      ++spelled;
    }
    const Xapian::doccount articles = it.get_termfreq();
    if (articles > frequency) db.add_spelling(word, articles - frequency);
    else if (articles < frequency) db.remove_spelling(word, frequency - articles);
  }
  for (; spelled != spelled_end; ++spelled) db.remove_spelling(*spelled, spelled.get_termfreq());
}

std::vector<Xapian::docid> documents_with(const Xapian::Database& db, const std::string& term) {
  std::vector<Xapian::docid> docids;
  for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) docids.push_back(*it);
  return docids;
}

// Copies the documents of `parts` into `db` under their own document ids (so ids keep
// following reading order), each replacing the older versions of its article.
void copy_parts(Xapian::WritableDatabase& db, const std::vector<PartInfo>& parts, WriteCounts& delta) {
  for (const auto& part : parts) {
    const Xapian::Database source(part.path);
    for (auto it = source.postlist_begin(""); it != source.postlist_end(""); ++it) {
      const Xapian::Document doc = source.get_document(*it);
      auto term = doc.termlist_begin();
      term.skip_to(std::string(schema::PREFIX_ID));
      if (term == doc.termlist_end() || !(*term).starts_with(schema::PREFIX_ID)) continue;
      const auto older = documents_with(db, *term);
      // The part's document id, so ids keep following reading order.
      db.replace_document(*it, doc);
      add_spelling_words(db, doc);
      for (Xapian::docid docid : older) db.delete_document(docid);
      ++(older.empty() ? delta.added : delta.replaced);
    }
  }
}

// Removes from the freshly merged `db` every version of the commit's articles but the
// latest (the highest document id), counting what was added and replaced.
// `nothing_before`: the database held nothing before this commit.
void remove_older_versions(Xapian::WritableDatabase& db, const std::vector<PartInfo>& parts, Xapian::docid old_last,
                           bool nothing_before, WriteCounts& delta) {
  // The id terms of the commit's articles, sorted: one cursor over the database's id
  // terms then moves forward through them, and only an id held twice is looked up.
  // A posting-list lookup per id took 9.4 s for a commit of 1,046,900 articles into
  // 753,000, and 0.87 s for 180,000 new articles into 180,000 (the cursor: 0.06 s).
  std::vector<std::string> terms;
  for (const auto& part : parts)
    for (const auto& id : part.ids) terms.push_back(id_term(id));
  std::sort(terms.begin(), terms.end());
  const std::string id_prefix(schema::PREFIX_ID);
  auto id_cursor = db.allterms_begin(id_prefix);
  for (std::size_t i = 0; i < terms.size();) {
    std::size_t j = i + 1;
    while (j < terms.size() && terms[j] == terms[i]) ++j;
    const std::string& term = terms[i];
    const bool read_once = j - i == 1;
    i = j;
    if (nothing_before && read_once) {
      ++delta.added;
      continue;
    }
    id_cursor.skip_to(term);
    if (id_cursor == db.allterms_end(id_prefix) || *id_cursor != term) continue;
    // Held by one document, which is this commit's: a new article, nothing to remove.
    if (read_once && id_cursor.get_termfreq() == 1) {
      ++delta.added;
      continue;
    }
    const auto docids = documents_with(db, term);
    if (docids.empty()) continue;  // the cursor may count a document deleted since
    const auto older = static_cast<std::size_t>(
        std::count_if(docids.begin(), docids.end(), [&](Xapian::docid d) { return d <= old_last; }));
    const std::size_t versions = docids.size() - older;  // written by this commit
    if (older == 0) {
      ++delta.added;
      delta.replaced += versions - 1;
    } else {
      delta.replaced += versions;
    }
    // The highest document id is the version read last: it stays.
    for (std::size_t k = 0; k + 1 < docids.size(); ++k) db.delete_document(docids[k]);
  }
}

// --delete: removes the articles with these ids that the database held before this run
// (document ids up to old_last); an id it did not hold is named and counted.
void apply_deletions(Xapian::WritableDatabase& db, const std::vector<std::string>& deletions,
                     Xapian::docid old_last, WriteCounts& delta) {
  for (const auto& id : deletions) {
    bool found = false;
    for (Xapian::docid docid : documents_with(db, id_term(id))) {
      if (docid > old_last) continue;
      db.delete_document(docid);
      ++delta.deleted;
      found = true;
    }
    if (!found) {
      spdlog::warn("--delete: no article with id '{}'", id);
      ++delta.not_found;
    }
  }
}

}  // namespace

// --- PartWriter ------------------------------------------------------------------------

PartWriter::PartWriter(std::string path) {
  // Parts are disposable until a commit has merged them: no fsync.
  db_ = Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
  info_.path = std::move(path);
}

void PartWriter::add(Xapian::docid docid, const std::string& article_id, const Xapian::Document& doc) {
  // Spelling data is added when parts are merged (sync_spelling).
  db_.replace_document(docid, doc);
  info_.ids.push_back(article_id);
}

void PartWriter::restart() {
  db_.close();
  db_ = Xapian::WritableDatabase(info_.path, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
  info_.ids.clear();
}

PartInfo PartWriter::finish() {
  db_.commit();
  db_.close();
  return std::move(info_);
}

// --- IndexWriter -----------------------------------------------------------------------

IndexWriter::IndexWriter(const std::string& dir, std::size_t commit_every)
    : generations_(dir), dir_(dir), commit_every_(commit_every == 0 ? 1 : commit_every) {
  Xapian::Database current(current_path());
  // An empty database without a version is one a crash left before its first commit.
  const bool fresh = current.get_doccount() == 0 &&
                     current.get_metadata(std::string(schema::METADATA_SCHEMA_VERSION)).empty();
  if (const std::string problem = schema::version_problem(current); !fresh && !problem.empty())
    throw std::runtime_error(dir_ + ": " + problem + "; index into a new database");
  docid_base_ = current.get_lastdocid();
  committed_through_ = docid_base_;
  committed_articles_ = current.get_doccount();
}

IndexWriter::~IndexWriter() {
  // What write() left uncommitted is committed, as Xapian's own destructor would; errors
  // cannot be reported from here. The generations then remove staging and unlock.
  try {
    if (direct_) direct_->close();
  } catch (const Xapian::Error&) {
  }
}

std::string IndexWriter::current_path() const { return generations_.current_path(); }

std::string IndexWriter::new_part_path() {
  std::lock_guard lock(mutex_);
  return (fs::path(generations_.staging_path()) / fmt::format("part-{:08}", ++next_part_)).string();
}

void IndexWriter::add_part(PartInfo part) {
  std::lock_guard lock(mutex_);
  const Xapian::docid first = part.first;
  parts_.emplace(first, std::move(part));
}

void IndexWriter::remove(const std::string& article_id) {
  std::lock_guard lock(mutex_);
  deletions_.push_back(article_id);
}

std::size_t IndexWriter::committable_articles() const {
  std::lock_guard lock(mutex_);
  std::size_t n = 0;
  Xapian::docid next = committed_through_ + 1;
  for (auto it = parts_.find(next); it != parts_.end() && it->first == next; ++it) {
    n += it->second.ids.size();
    next = it->second.last + 1;
  }
  return n;
}

std::size_t IndexWriter::committed_articles() const {
  std::lock_guard lock(mutex_);
  return committed_articles_;
}

WriteCounts IndexWriter::counts() const {
  std::lock_guard lock(mutex_);
  return counts_;
}

Xapian::WritableDatabase& IndexWriter::direct() {
  if (!direct_) direct_.emplace(current_path(), Xapian::DB_OPEN);
  return *direct_;
}

void IndexWriter::write(const std::string& id_term, const Xapian::Document& doc) {
  Xapian::WritableDatabase& db = direct();
  add_spelling_words(db, doc);
  const bool existed = db.term_exists(id_term);
  db.replace_document(id_term, doc);
  {
    std::lock_guard lock(mutex_);
    ++(existed ? counts_.replaced : counts_.added);
  }
  if (++pending_writes_ >= commit_every_) {
    db.commit();
    pending_writes_ = 0;
  }
}

void IndexWriter::commit() {
  std::vector<PartInfo> parts;
  std::vector<std::string> deletions;
  Xapian::docid through = 0;
  std::size_t staged = 0;
  {
    std::lock_guard lock(mutex_);
    Xapian::docid next = committed_through_ + 1;
    for (auto it = parts_.find(next); it != parts_.end() && it->first == next; it = parts_.find(next)) {
      next = it->second.last + 1;
      staged += it->second.ids.size();
      parts.push_back(std::move(it->second));
      parts_.erase(it);
    }
    through = next - 1;
    deletions.swap(deletions_);
  }
  if (parts.empty() && deletions.empty()) {
    if (direct_) {
      direct_->commit();
      refresh_column_file(dir_, current_path(), /*extend=*/false);  // write() replaces documents in place
    }
    pending_writes_ = 0;
    return;
  }

  WriteCounts delta;
  Xapian::doccount held = 0;  // after the commit
  const Xapian::Database current(current_path());
  const Xapian::docid old_last = current.get_lastdocid();
  // Compaction rewrites the whole database: worth it for a large batch, not to add a few
  // articles to a large archive, where copying them in is cheaper.
  // A failure here is the disk's (full, failing, a file size limit), not an article's:
  // the run stops, and the directory keeps opening as its last commit.
  try {
    std::optional<CommitPeople> people;
    if (!parts.empty()) {
      people.emplace(current, parts);
      people->correct_parts();
      const auto start = std::chrono::steady_clock::now();
      const StoryLinks links = link_stories(current, parts);
      spdlog::debug("commit: {} of {} sketched articles linked to an earlier story ({} sketches compared) in {:.2f} s",
                    links.linked, links.sketched, links.compared,
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    CommitPeople* corrections = people ? &*people : nullptr;
    held = staged * 8 < current.get_doccount() ? merge_directly(parts, deletions, old_last, corrections, delta)
                                               : merge_by_compaction(parts, deletions, old_last, corrections, delta);
  } catch (const Xapian::Error& e) {
    throw std::runtime_error(dir_ + ": commit failed: " + e.get_description());
  } catch (const std::exception& e) {
    throw std::runtime_error(dir_ + ": commit failed: " + e.what());
  }

  std::error_code ec;
  for (const auto& part : parts) fs::remove_all(part.path, ec);
  std::lock_guard lock(mutex_);
  if (through > committed_through_) committed_through_ = through;
  committed_articles_ = held;
  counts_.added += delta.added;
  counts_.replaced += delta.replaced;
  counts_.deleted += delta.deleted;
  counts_.not_found += delta.not_found;
  spdlog::debug("committed {} articles: +{} added, {} replaced, {} deleted", staged, delta.added, delta.replaced,
                delta.deleted);
}

namespace {

// Returns how many of the archive's articles changed.
std::size_t correct_archive_people(CommitPeople* people, Xapian::WritableDatabase& merged, Xapian::docid old_last) {
  return people ? people->correct_archive(merged, old_last) : 0;
}

}  // namespace

Xapian::doccount IndexWriter::merge_directly(const std::vector<PartInfo>& parts,
                                             const std::vector<std::string>& deletions, Xapian::docid old_last,
                                             CommitPeople* people, WriteCounts& delta) {
  Xapian::WritableDatabase& db = direct();
  bool archive_rewritten = false;  // then the column file's earlier rows are stale
  // One transaction: when a write fails, none of the merge is applied, not even by the
  // commit that closing the database makes.
  db.begin_transaction();
  try {
    apply_deletions(db, deletions, old_last, delta);
    copy_parts(db, parts, delta);
    archive_rewritten = correct_archive_people(people, db, old_last) != 0;
    write_frequent_terms(db, true);
    schema::stamp_version(db);
    db.commit_transaction();
  } catch (...) {
    try {
      db.cancel_transaction();
    } catch (const Xapian::Error&) {
      // commit_transaction() failed and ended the transaction itself
    }
    throw;
  }
  pending_writes_ = 0;
  const auto start = std::chrono::steady_clock::now();
  refresh_column_file(dir_, current_path(), /*extend=*/!archive_rewritten);
  spdlog::debug("commit: facet columns written in {:.2f} s",
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  return db.get_doccount();
}


Xapian::doccount IndexWriter::merge_by_compaction(const std::vector<PartInfo>& parts,
                                                  const std::vector<std::string>& deletions, Xapian::docid old_last,
                                                  CommitPeople* people, WriteCounts& delta) {
  // Articles written directly since the last commit are not below old_last.
  const bool wrote_directly = direct_.has_value();
  if (direct_) {
    direct_->commit();
    direct_->close();
    direct_.reset();
    pending_writes_ = 0;
  }
  Xapian::Database sources(current_path());
  for (const auto& part : parts) sources.add_database(Xapian::Database(part.path));
  const fs::path out = generations_.next_path();
  const fs::path repacked = generations_.next_path() + ".repacked";
  std::error_code ec;
  fs::remove_all(out, ec);
  // The commit is the serial tail of a run: its phases are logged with -v.
  using Clock = std::chrono::steady_clock;
  auto phase_start = Clock::now();
  const auto phase_done = [&phase_start](const char* what) {
    const auto now = Clock::now();
    spdlog::debug("commit: {} in {:.2f} s", what, std::chrono::duration<double>(now - phase_start).count());
    phase_start = now;
  };
  Xapian::doccount held = 0;  // after the commit
  // Until the stub names it, the new generation is nobody's: on a failure (a full disk)
  // it goes, so that it holds no space, and the stub still names the last commit.
  try {
    // Document ids are kept: they say which version of an article is the latest.
    sources.compact(out.string(), Xapian::DBCOMPACT_NO_RENUMBER);
    sources.close();
    phase_done("compaction");

    Xapian::doccount removed = 0;  // older versions and --delete
    Xapian::doccount compacted = 0;
    {
      Xapian::WritableDatabase db(out.string(), Xapian::DB_OPEN);
      compacted = db.get_doccount();
      // --delete applies to what the database held before: documents up to old_last.
      apply_deletions(db, deletions, old_last, delta);
      // An id read once in this commit, into a database that held nothing before, has one
      // version: no lookup needed. That is every id of a first run over a corpus, where
      // the search would otherwise be a serial second of the run's tail.
      const bool nothing_before = old_last == 0 && !wrote_directly;
      remove_older_versions(db, parts, old_last, nothing_before, delta);
      removed = compacted - db.get_doccount();
      // What the part says it holds is not counted: what the database holds is.
      if (nothing_before) delta.added = db.get_doccount();
      phase_done("older versions removed");
      correct_archive_people(people, db, old_last);
      sync_spelling(db, Xapian::Database(current_path()));
      phase_done("spelling table");
      write_frequent_terms(db, false);
      phase_done("frequent terms counted");
      schema::stamp_version(db);
      // The mark of a finished generation, for finding it again should the stub be lost.
      db.set_metadata(std::string(schema::METADATA_GENERATION), generations_.next_name());
      db.commit();
      held = db.get_doccount();
      db.close();
      phase_done("database commit");
    }
    // Removing documents from a compacted database writes every block they touch anew and
    // leaves the old ones free inside its files: re-indexing every article of a database
    // left it 3.2 times its size. When a commit removed many, its output is compacted once
    // more, into a database no larger than the articles it holds.
    if (removed != 0 && removed * 8 >= compacted) {
      fs::remove_all(repacked, ec);
      Xapian::Database(out.string()).compact(repacked.string(), Xapian::DBCOMPACT_NO_RENUMBER);
      fs::remove_all(out);
      fs::rename(repacked, out);
      phase_done("compacted again");
    }
    write_column_file(dir_, out.string(), /*extend=*/false);
    phase_done("facet columns written");
    // The compactor's output must be on disk before the stub names it.
    fsync_tree(out);
  } catch (...) {
    fs::remove_all(out, ec);
    fs::remove_all(repacked, ec);
    throw;
  }
  generations_.advance();
  phase_done("fsync and new generation made current");
  return held;
}

}  // namespace newsdex
