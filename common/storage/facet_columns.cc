#include "storage/facet_columns.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <iterator>
#include <stdexcept>
#include <unordered_map>
#include <utility>

#include "core/schema.h"

namespace newsdex {
namespace {

// The file: a header, a table of sections (one per column kind: the facets in the order
// of their enum, then the story), then each section's arrays, 8-byte aligned. Integers
// are in the machine's byte order: the file is written and read on the same machine (a
// copy elsewhere that reads it wrong fails the magic number and is not used).
//   section: begin[last docid + 2], ids[n_ids], key_end[n_values], label_end[n_values
//            when labelled], key bytes, label bytes
constexpr char MAGIC[8] = {'n', 'd', 'x', 'c', 'o', 'l', 's', '\0'};
constexpr std::uint32_t FORMAT = 1;
constexpr std::size_t KINDS = std::size(ALL_FACETS) + 1;  // the facets, then the story
constexpr std::size_t UUID_BYTES = 48;

struct Header {
  char magic[8];
  std::uint32_t format;
  std::uint32_t kinds;
  std::uint64_t revision;
  char uuid[UUID_BYTES];
  std::uint64_t last_docid;
};

struct Section {
  std::uint64_t offset;
  std::uint64_t ids;
  std::uint64_t values;
  std::uint64_t key_bytes;
  std::uint64_t label_bytes;
  std::uint64_t labelled;  // 1: label_end and the label bytes are present
};

std::size_t kind_index(ColumnKind kind) {
  return kind.facet ? static_cast<std::size_t>(*kind.facet) : KINDS - 1;
}

ColumnKind kind_at(std::size_t index) {
  return index + 1 < KINDS ? ColumnKind{ALL_FACETS[index]} : ColumnKind::story();
}

std::size_t aligned(std::size_t n) { return (n + 7) & ~std::size_t{7}; }

template <typename T>
void append(std::string& out, std::span<const T> items) {
  out.append(reinterpret_cast<const char*>(items.data()), items.size_bytes());
}

void pad(std::string& out) { out.resize(aligned(out.size()), '\0'); }

// Fills begin/ids from (docid, value id) pairs, for documents 1 .. last.
void index_by_docid(std::vector<std::uint32_t>& begin, std::vector<std::uint32_t>& ids,
                    const std::vector<std::pair<Xapian::docid, std::uint32_t>>& pairs, Xapian::docid last) {
  begin.assign(static_cast<std::size_t>(last) + 2, 0);
  for (const auto& [did, id] : pairs) ++begin[did + 1];
  for (std::size_t i = 1; i < begin.size(); ++i) begin[i] += begin[i - 1];
  ids.resize(pairs.size());
  std::vector<std::uint32_t> fill(begin.begin(), begin.end() - 1);
  for (const auto& [did, id] : pairs) ids[fill[did]++] = id;
}

// Appends `text` to `all` and its end to `ends`.
void add_text(std::string& all, std::vector<std::uint32_t>& ends, std::string_view text) {
  all.append(text);
  ends.push_back(static_cast<std::uint32_t>(all.size()));
}

}  // namespace

// Whether every row of `column` lies within its ids and names a value it has: a column
// taken from an earlier file is checked once, whole, before its rows are copied as they are.
bool rows_are_sound(const FacetColumn& column) {
  if (column.begin_.empty() || column.begin_.front() != 0) return false;
  for (std::size_t i = 1; i < column.begin_.size(); ++i)
    if (column.begin_[i] < column.begin_[i - 1]) return false;
  if (column.begin_.back() > column.ids_.size()) return false;
  for (const std::uint32_t id : column.ids_.first(column.begin_.back()))
    if (id >= column.values()) return false;
  return true;
}

std::span<const std::uint32_t> FacetColumn::of(Xapian::docid did) const {
  if (static_cast<std::size_t>(did) + 1 >= begin_.size()) return {};
  const std::uint32_t first = begin_[did], end = begin_[did + 1];
  if (first > end || end > ids_.size())
    throw std::runtime_error(source_ + ": damaged at document " + std::to_string(did) +
                             ": remove it, and newsdex-index writes it again at its next commit");
  return ids_.subspan(first, end - first);
}

std::string_view FacetColumn::text(std::string_view all, std::span<const std::uint32_t> ends,
                                   std::uint32_t id) const {
  if (id >= ends.size()) throw std::runtime_error(source_ + ": no value " + std::to_string(id));
  const std::uint32_t start = id == 0 ? 0 : ends[id - 1], end = ends[id];
  if (start > end || end > all.size())
    throw std::runtime_error(source_ + ": damaged at value " + std::to_string(id) +
                             ": remove it, and newsdex-index writes it again at its next commit");
  return all.substr(start, end - start);
}

void FacetColumn::view_own() {
  begin_ = own_begin_;
  ids_ = own_ids_;
  key_end_ = own_key_end_;
  label_end_ = own_label_end_;
  keys_ = own_keys_;
  labels_ = own_labels_;
}

std::unique_ptr<FacetColumn> build_column(const Xapian::Database& db, ColumnKind kind, const FacetColumn* before) {
  auto column = std::make_unique<FacetColumn>();
  std::vector<std::pair<Xapian::docid, std::uint32_t>> pairs;
  // Values by key and label: one id for each, in every revision.
  std::unordered_map<std::string, std::uint32_t> ids;
  const auto id_of = [&](std::string_view key, std::string_view label) {
    std::string name(key);
    name += '\0';
    name += label;
    const auto [found, inserted] = ids.try_emplace(std::move(name), static_cast<std::uint32_t>(ids.size()));
    if (inserted) {
      add_text(column->own_keys_, column->own_key_end_, key);
      if (kind.facet) add_text(column->own_labels_, column->own_label_end_, label);
    }
    return found->second;
  };
  Xapian::docid first_new = 1;
  if (before && rows_are_sound(*before)) {
    for (std::uint32_t id = 0; id < before->values(); ++id) id_of(before->key(id), before->label(id));
    first_new = before->last_docid() + 1;
  } else {
    before = nullptr;
  }
  const auto each_value = [&](Xapian::valueno slot, auto&& add) {
    auto it = db.valuestream_begin(slot);
    if (first_new > 1 && it != db.valuestream_end(slot)) it.skip_to(first_new);
    for (; it != db.valuestream_end(slot); ++it) add(it.get_docid(), *it);
  };
  if (!kind.facet) {
    each_value(schema::SLOT_STORY, [&](Xapian::docid did, const std::string& key) {
      pairs.emplace_back(did, id_of(key, key));
    });
  } else {
    const Facet facet = *kind.facet;
    const auto used = [&db](Xapian::valueno s) { return db.get_value_freq(s) != 0; };
    for (const Xapian::valueno s : facet_slots_in_use(facet, used)) {
      each_value(s, [&](Xapian::docid did, const std::string& value) {
        const auto [stored_key, stored_label] = split_facet_value(value);
        const std::string_view key = facet_key(facet, stored_key);
        if (key.empty()) return;
        // A derived key (the year of a date) is its own label, and dates sharing it share an id.
        const bool derived = key.size() != stored_key.size();
        pairs.emplace_back(did, id_of(key, derived ? key : stored_label));
      });
    }
  }
  if (before) {
    // The earlier rows as they are, then the new documents' rows after them.
    std::vector<std::uint32_t> begin, ids;
    for (auto& [did, id] : pairs) did -= first_new - 1;
    index_by_docid(begin, ids, pairs, db.get_lastdocid() - (first_new - 1));
    const std::uint32_t base = before->begin_[first_new];
    column->own_begin_.assign(before->begin_.begin(), before->begin_.begin() + first_new);
    for (std::size_t i = 1; i < begin.size(); ++i) column->own_begin_.push_back(base + begin[i]);
    column->own_ids_.assign(before->ids_.begin(), before->ids_.begin() + base);
    column->own_ids_.insert(column->own_ids_.end(), ids.begin(), ids.end());
  } else {
    index_by_docid(column->own_begin_, column->own_ids_, pairs, db.get_lastdocid());
  }
  column->view_own();
  return column;
}

std::string encode_column_file(const Xapian::Database& db, const ColumnFile* before) {
  Header header{};
  std::memcpy(header.magic, MAGIC, sizeof MAGIC);
  header.format = FORMAT;
  header.kinds = KINDS;
  header.revision = db.get_revision();
  const std::string uuid = db.get_uuid();
  std::memcpy(header.uuid, uuid.data(), std::min(uuid.size(), UUID_BYTES - 1));
  header.last_docid = db.get_lastdocid();

  // Every column first, so that the file is laid out at its final size in one allocation
  // (growing it column by column copied it over and over: a third of the time at 1.8
  // million articles).
  std::vector<std::unique_ptr<FacetColumn>> columns;
  std::vector<Section> sections(KINDS);
  std::size_t size = aligned(sizeof(Header) + KINDS * sizeof(Section));
  for (std::size_t k = 0; k < KINDS; ++k) {
    const auto earlier = before ? before->column(kind_at(k)) : nullptr;
    columns.push_back(build_column(db, kind_at(k), earlier.get()));
    const FacetColumn& column = *columns.back();
    Section& section = sections[k];
    section.offset = size;
    section.ids = column.ids_.size();
    section.values = column.values();
    section.key_bytes = column.keys_.size();
    section.label_bytes = column.labels_.size();
    section.labelled = kind_at(k).facet ? 1 : 0;
    size = aligned(size + column.begin_.size_bytes() + column.ids_.size_bytes() + column.key_end_.size_bytes() +
                   column.label_end_.size_bytes() + column.keys_.size() + column.labels_.size());
  }
  std::string out;
  out.reserve(size);
  out.resize(sections.front().offset, '\0');
  for (const auto& column : columns) {
    append(out, column->begin_);
    append(out, column->ids_);
    append(out, column->key_end_);
    append(out, column->label_end_);
    out.append(column->keys_);
    out.append(column->labels_);
    pad(out);
  }
  std::memcpy(out.data(), &header, sizeof header);
  std::memcpy(out.data() + sizeof header, sections.data(), KINDS * sizeof(Section));
  return out;
}

template <typename Fits>
std::shared_ptr<const ColumnFile> ColumnFile::map(const std::string& path, const Xapian::Database& db, Fits&& fits,
                                                  std::string* why) {
  const auto fail = [why](std::string reason) -> std::shared_ptr<const ColumnFile> {
    if (why) *why = std::move(reason);
    return nullptr;
  };
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return fail(std::string("cannot open: ") + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return fail("not a regular file");
  }
  const auto size = static_cast<std::size_t>(st.st_size);
  if (size < sizeof(Header) + KINDS * sizeof(Section)) {
    ::close(fd);
    return fail("too short to be a column file");
  }
  void* data = ::mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, 0);
  ::close(fd);
  if (data == MAP_FAILED) return fail(std::string("cannot map: ") + std::strerror(errno));
  std::shared_ptr<ColumnFile> file(new ColumnFile);
  file->path_ = path;
  file->data_ = static_cast<const char*>(data);
  file->size_ = size;

  Header header{};
  std::memcpy(&header, file->data_, sizeof header);
  if (std::memcmp(header.magic, MAGIC, sizeof MAGIC) != 0 || header.format != FORMAT || header.kinds != KINDS)
    return fail("not a column file of this version");
  header.uuid[UUID_BYTES - 1] = '\0';
  if (header.uuid != db.get_uuid()) return fail("written for another database");
  if (!fits(header.revision, header.last_docid))
    return fail("written for revision " + std::to_string(header.revision) + ", the database is at revision " +
                std::to_string(db.get_revision()));
  // Every section must lie inside the file; what is inside a section is checked as it is read.
  for (std::size_t k = 0; k < KINDS; ++k) {
    Section s{};
    std::memcpy(&s, file->data_ + sizeof header + k * sizeof(Section), sizeof s);
    const std::uint64_t limit = size;
    const std::uint64_t words = (header.last_docid + 2) + s.ids + s.values * (s.labelled ? 2 : 1);
    if (s.offset % 8 != 0 || s.offset > limit || s.ids > limit || s.values > limit || s.key_bytes > limit ||
        s.label_bytes > limit || s.labelled > 1 || header.last_docid > limit || words > limit ||
        s.offset + words * 4 + s.key_bytes + s.label_bytes > limit)
      return fail("damaged (section " + std::to_string(k) + " lies outside the file)");
  }
  return file;
}

std::shared_ptr<const ColumnFile> ColumnFile::open(const std::string& path, const Xapian::Database& db,
                                                   std::string* why) {
  const auto current = [&db](std::uint64_t revision, std::uint64_t last_docid) {
    return revision == db.get_revision() && last_docid == db.get_lastdocid();
  };
  return map(path, db, current, why);
}

std::shared_ptr<const ColumnFile> ColumnFile::open_earlier(const std::string& path, const Xapian::Database& db) {
  const auto earlier = [&db](std::uint64_t revision, std::uint64_t last_docid) {
    return revision < db.get_revision() && last_docid <= db.get_lastdocid();
  };
  return map(path, db, earlier, nullptr);
}

ColumnFile::~ColumnFile() {
  if (data_) ::munmap(const_cast<char*>(data_), size_);
}

std::unique_ptr<FacetColumn> ColumnFile::column(ColumnKind kind) const {
  Header header{};
  std::memcpy(&header, data_, sizeof header);
  Section s{};
  std::memcpy(&s, data_ + sizeof header + kind_index(kind) * sizeof(Section), sizeof s);
  const auto* words = reinterpret_cast<const std::uint32_t*>(data_ + s.offset);
  auto column = std::make_unique<FacetColumn>();
  column->source_ = path_;
  column->mapping_ = shared_from_this();
  std::size_t at = 0;
  const auto take = [&](std::size_t n) {
    std::span<const std::uint32_t> part(words + at, n);
    at += n;
    return part;
  };
  column->begin_ = take(header.last_docid + 2);
  column->ids_ = take(s.ids);
  column->key_end_ = take(s.values);
  if (s.labelled) column->label_end_ = take(s.values);
  const char* text = data_ + s.offset + at * 4;
  column->keys_ = std::string_view(text, s.key_bytes);
  if (s.labelled) column->labels_ = std::string_view(text + s.key_bytes, s.label_bytes);
  return column;
}

std::string column_file_path(const std::string& dir, const Xapian::Database& db) {
  const std::string generation = db.get_metadata(std::string(schema::METADATA_GENERATION));
  std::filesystem::path path(dir);
  if (!generation.empty() && generation.find('/') == std::string::npos) path /= generation;
  return (path / schema::COLUMN_FILE).string();
}

}  // namespace newsdex
