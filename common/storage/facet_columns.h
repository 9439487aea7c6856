// Facet columns: every value of one facet (or the story key) of every document, by
// document id, which is what exact facet counting reads for each match. Two sources, with
// identical columns:
//   build_column()        reads the value slots of a database (facet_values.h): a pass over
//                         every document, a fifth of a second per facet at a million articles;
//   ColumnFile::open()    maps the file newsdex-index writes beside the database at each
//                         commit (encode_column_file()): nothing is read until a count
//                         touches it, so a new search process pays only for the pages of
//                         the documents it counts.
// The file names the database (UUID) and revision it was written from; a file that names
// another, or is damaged, is not used (open() says why) and the columns are built.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "storage/facet_values.h"

namespace newsdex {

class ColumnFile;

// What a column holds: one facet's values, or the story keys (SLOT_STORY).
struct ColumnKind {
  std::optional<Facet> facet;  // nullopt: the story column
  static ColumnKind story() { return {}; }
  bool operator==(const ColumnKind&) const = default;
};

// One facet's values, as ids into its dictionary, in document id order (compressed rows:
// the ids of document d are ids[begin[d]] .. ids[begin[d + 1] - 1]). Keys and labels are
// stored end to end, each ending where the next starts (*_end[i] is where value i ends).
// The story column has no labels.
class FacetColumn {
 public:
  FacetColumn() = default;
  FacetColumn(const FacetColumn&) = delete;
  FacetColumn& operator=(const FacetColumn&) = delete;

  // The value ids of document `did`; empty past the column's last document (added after
  // it was built). Throws std::runtime_error when a mapped file is damaged here.
  std::span<const std::uint32_t> of(Xapian::docid did) const;
  std::size_t values() const { return key_end_.size(); }
  std::string_view key(std::uint32_t id) const { return text(keys_, key_end_, id); }
  std::string_view label(std::uint32_t id) const {
    return label_end_.empty() ? key(id) : text(labels_, label_end_, id);
  }
  // The documents the column covers: 1 .. last_docid().
  Xapian::docid last_docid() const { return begin_.empty() ? 0 : static_cast<Xapian::docid>(begin_.size() - 2); }

 private:
  friend std::unique_ptr<FacetColumn> build_column(const Xapian::Database& db, ColumnKind kind,
                                                   const FacetColumn* before);
  friend std::string encode_column_file(const Xapian::Database& db, const ColumnFile* before);
  friend bool rows_are_sound(const FacetColumn& column);
  friend class ColumnFile;
  // Points the views at the column's own storage (a built column).
  void view_own();
  std::string_view text(std::string_view all, std::span<const std::uint32_t> ends, std::uint32_t id) const;

  std::span<const std::uint32_t> begin_, ids_, key_end_, label_end_;
  std::string_view keys_, labels_;
  // Where a built column keeps what the views above show (a mapped one: the file).
  std::vector<std::uint32_t> own_begin_, own_ids_, own_key_end_, own_label_end_;
  std::string own_keys_, own_labels_;
  std::shared_ptr<const void> mapping_;  // a mapped column: its file, kept mapped while the column lives
  std::string source_;  // the file, for messages ("" when built)
};

// Reads `kind`'s column from the value slots of `db` (every document: a pass over each
// slot). With `before`, the same column of an earlier revision of `db`, its rows are
// taken as they are and only the documents added after it are read: right when no
// document it covers has changed since, only been deleted (a deleted document's row is
// never read, as no query matches it).
std::unique_ptr<FacetColumn> build_column(const Xapian::Database& db, ColumnKind kind,
                                          const FacetColumn* before = nullptr);

// The column file of every facet and the story key of `db` (one local database), naming
// its UUID and revision; with `before` (ColumnFile::open_earlier), extending its columns
// as build_column() does.
std::string encode_column_file(const Xapian::Database& db, const ColumnFile* before = nullptr);

// A column file, mapped read-only. Its columns keep it mapped while they live (the
// mapping outlives the file's removal from the directory).
class ColumnFile : public std::enable_shared_from_this<ColumnFile> {
 public:
  // Maps `path` when it holds the columns of `db`'s current revision; nullptr otherwise,
  // with `why` saying what was wrong (missing, another revision, damaged).
  static std::shared_ptr<const ColumnFile> open(const std::string& path, const Xapian::Database& db,
                                                std::string* why = nullptr);
  // Maps `path` when it holds the columns of an earlier revision of `db` (the same
  // database, no more documents), for encode_column_file() to extend; nullptr otherwise.
  static std::shared_ptr<const ColumnFile> open_earlier(const std::string& path, const Xapian::Database& db);
  ~ColumnFile();
  ColumnFile(const ColumnFile&) = delete;
  ColumnFile& operator=(const ColumnFile&) = delete;

  // `kind`'s column, viewing the mapping.
  std::unique_ptr<FacetColumn> column(ColumnKind kind) const;

 private:
  ColumnFile() = default;
  // Maps `path` when its header names `db`'s UUID and passes `fits(revision, last docid)`.
  template <typename Fits>
  static std::shared_ptr<const ColumnFile> map(const std::string& path, const Xapian::Database& db, Fits&& fits,
                                               std::string* why);
  std::string path_;
  const char* data_ = nullptr;
  std::size_t size_ = 0;
};

// Where the column file of the database directory `dir` is: in the generation that `db`
// (opened from `dir`) is, as its metadata names it (generations.h), or in `dir` for a
// database of one generation only.
std::string column_file_path(const std::string& dir, const Xapian::Database& db);

}  // namespace newsdex
