#include "generations.h"

#include <unistd.h>

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <xapian.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <system_error>

#include "core/schema.h"
#include "directory_lock.h"
#include "durable_files.h"
#include "storage/shard_layout.h"

namespace newsdex {
namespace fs = std::filesystem;
namespace {

const std::string STUB(STUB_FILE_NAME);  // the stub that names the current generation
constexpr const char* STAGING = "staging";

std::string generation_name(unsigned generation) { return fmt::format("gen-{:06}", generation); }

}  // namespace

Generations::Generations(std::string dir) : dir_(std::move(dir)) {
  lock_fd_ = lock_database_directory(dir_);
  try {
    recover();
  } catch (...) {
    ::close(lock_fd_);
    lock_fd_ = -1;
    throw;
  }
}

Generations::~Generations() {
  std::error_code ec;
  fs::remove_all(fs::path(dir_) / STAGING, ec);
  if (lock_fd_ >= 0) ::close(lock_fd_);
}

std::string Generations::current_path() const {
  return legacy_ ? dir_ : (fs::path(dir_) / generation_name(generation_)).string();
}

std::string Generations::staging_path() const { return (fs::path(dir_) / STAGING).string(); }

std::string Generations::next_name() const { return generation_name(generation_ + 1); }

std::string Generations::next_path() const { return (fs::path(dir_) / next_name()).string(); }

void Generations::advance() {
  const std::string next = next_name();
  write_stub(next);
  // The new generation is current; what it replaced can go.
  std::error_code ec;
  if (legacy_) {
    remove_legacy_files();
    legacy_ = false;
  } else {
    fs::remove_all(fs::path(dir_) / generation_name(generation_), ec);
  }
  ++generation_;
}

void Generations::recover() {
  const fs::path dir(dir_);
  std::error_code ec;
  // A stub next to a plain glass database: a conversion that stopped after the stub named
  // its new generation (the commit), before the old files were removed; they go below.
  const bool has_stub = fs::exists(dir / STUB);
  legacy_ = !has_stub && fs::exists(dir / "iamglass");
  if (legacy_) {
    // Another program may be writing this glass database through Xapian: its lock.
    try {
      Xapian::WritableDatabase probe(dir_, Xapian::DB_OPEN);
    } catch (const Xapian::DatabaseLockError&) {
      throw std::runtime_error(dir_ + ": database is locked by another indexer");
    }
  } else if (has_stub) {
    std::ifstream stub(dir / STUB);
    std::string backend, name;
    stub >> backend >> name;
    if (backend != "glass" || std::sscanf(name.c_str(), "gen-%u", &generation_) != 1 || generation_ == 0 ||
        name != generation_name(generation_) || !fs::exists(dir / name))
      throw std::runtime_error(dir_ + ": not a newsdex database (unexpected " + STUB + ")");
  } else {
    for (const auto& entry : fs::directory_iterator(dir)) {
      const auto name = entry.path().filename().string();
      if (name != LOCK_FILE_NAME && name != STAGING && !name.starts_with("gen-") && !name.starts_with("XAPIANDB"))
        throw std::runtime_error(dir_ + ": not a newsdex database (and not empty)");
    }
    recover_stub();
  }
  // Leftovers of an interrupted run: generations never made current, a half-written
  // stub, and the parts of the run.
  for (const auto& entry : fs::directory_iterator(dir)) {
    const auto name = entry.path().filename().string();
    const bool stale_generation = name.starts_with("gen-") && (legacy_ || name != generation_name(generation_));
    if (stale_generation || name == STUB + ".tmp" || name == STAGING) fs::remove_all(entry.path(), ec);
  }
  if (has_stub && fs::exists(dir / "iamglass")) remove_legacy_files();
  if (!legacy_ && generation_ == 0) {
    generation_ = 1;
    Xapian::WritableDatabase created(current_path(), Xapian::DB_CREATE);
    schema::stamp_version(created);
    created.set_metadata(std::string(schema::METADATA_GENERATION), generation_name(generation_));
    created.commit();
    created.close();
    write_stub(generation_name(generation_));
  }
  fs::create_directories(dir / STAGING);
}

void Generations::remove_legacy_files() {
  const fs::path dir(dir_);
  std::error_code ec;
  // Without iamglass Xapian no longer takes DIR for a glass database, and follows the stub.
  fs::remove(dir / "iamglass", ec);
  fsync_path(dir, true);
  for (const auto& entry : fs::directory_iterator(dir)) {
    const auto name = entry.path().filename().string();
    if (name.ends_with(".glass") || name == "flintlock" || name.ends_with(".baseA") || name.ends_with(".baseB") ||
        name == schema::COLUMN_FILE)
      fs::remove(entry.path(), ec);
  }
}

void Generations::recover_stub() {
  // No stub, so no generation is current: this is a new directory, a first run that
  // stopped before its stub was written, or a database whose stub was lost (deleted,
  // moved, not restored from a backup). Its generations are the archive, never leftovers:
  // the newest one that a commit finished (it carries its own name in its metadata; a
  // generation written before that mark existed counts when it opens) becomes current.
  const fs::path dir(dir_);
  std::vector<unsigned> generations;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const auto name = entry.path().filename().string();
    unsigned n = 0;
    if (std::sscanf(name.c_str(), "gen-%u", &n) == 1 && n != 0 && name == generation_name(n)) generations.push_back(n);
  }
  if (generations.empty()) return;
  std::sort(generations.rbegin(), generations.rend());
  unsigned unmarked = 0;  // the newest generation that opens but carries no mark
  std::string why_not;
  for (unsigned n : generations) {
    try {
      const Xapian::Database db((dir / generation_name(n)).string());
      const std::string mark = db.get_metadata(std::string(schema::METADATA_GENERATION));
      if (mark == generation_name(n)) {
        generation_ = n;
        break;
      }
      if (mark.empty() && unmarked == 0) unmarked = n;
    } catch (const Xapian::Error& e) {
      if (why_not.empty()) why_not = generation_name(n) + ": " + e.get_description();
    }
  }
  if (generation_ == 0) generation_ = unmarked;
  if (generation_ == 0) {
    for (unsigned n : generations)
      if (!fs::is_empty(dir / generation_name(n)))
        throw std::runtime_error(fmt::format(
            "{}: has no {} stub and no generation that opens ({}); nothing was removed: restore {} (one line, "
            "'glass gen-NNNNNN', naming the generation to use) or move the gen-* directories away",
            dir_, STUB, why_not, STUB));
    return;  // empty generation directories: a creation that stopped at once
  }
  write_stub(generation_name(generation_));
  const Xapian::doccount articles = Xapian::Database(current_path()).get_doccount();
  if (articles != 0)
    spdlog::warn("{}: the {} stub was missing; a new one names {} ({} articles), the newest generation a commit "
                 "finished",
                 dir_, STUB, generation_name(generation_), articles);
}

void Generations::write_stub(const std::string& generation) {
  replace_file_durably(fs::path(dir_) / STUB, "glass " + generation + "\n");
}

}  // namespace newsdex
