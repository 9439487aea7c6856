#include "index_writer.h"

#include <spdlog/spdlog.h>

#include <stdexcept>

#include "schema.h"

namespace newsdex {

IndexWriter::IndexWriter(const std::string& path, std::size_t commit_every)
    : commit_every_(commit_every == 0 ? 1 : commit_every) {
  try {
    db_ = Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN);
  } catch (const Xapian::DatabaseLockError&) {
    throw std::runtime_error(path + ": database is locked by another indexer");
  } catch (const Xapian::Error& e) {
    throw std::runtime_error(path + ": cannot open database for writing: " + e.get_description());
  }
  const std::string version = db_.get_metadata(std::string(schema::METADATA_SCHEMA_VERSION));
  if (version.empty()) {
    if (db_.get_doccount() != 0)
      throw std::runtime_error(path + ": not a newsdex database (no schema version)");
    db_.set_metadata(std::string(schema::METADATA_SCHEMA_VERSION), std::to_string(schema::VERSION));
  } else if (version != std::to_string(schema::VERSION)) {
    throw std::runtime_error(path + ": database has schema version " + version + ", this indexer writes " +
                             std::to_string(schema::VERSION) + "; index into a new database");
  }
}

namespace {

// The spelling table feeds Database::get_spelling_suggestion ("did you mean"): every
// unprefixed (free-text) word of the article, once per article. Prefixed terms start with
// an upper-case letter and numbers with a digit, which both sort before "a"; unprefixed
// words are lower case or start with a non-ASCII byte, which sort after it.
void add_spelling_words(Xapian::WritableDatabase& db, const Xapian::Document& doc) {
  auto it = doc.termlist_begin();
  it.skip_to("a");
  for (; it != doc.termlist_end(); ++it) db.add_spelling(*it);
}

}  // namespace

void IndexWriter::write(const std::string& id_term, const Xapian::Document& doc) {
  add_spelling_words(db_, doc);
  if (db_.term_exists(id_term)) ++counts_.replaced;
  else ++counts_.added;
  db_.replace_document(id_term, doc);
  maybe_commit();
}

bool IndexWriter::remove(const std::string& id_term) {
  if (!db_.term_exists(id_term)) return false;
  db_.delete_document(id_term);
  ++counts_.deleted;
  maybe_commit();
  return true;
}

void IndexWriter::commit() {
  db_.commit();
  pending_ = 0;
}

void IndexWriter::maybe_commit() {
  if (++pending_ >= commit_every_) {
    spdlog::debug("committing after {} changes", pending_);
    commit();
  }
}

}  // namespace newsdex
