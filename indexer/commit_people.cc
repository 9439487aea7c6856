#include "commit_people.h"

#include <chrono>

#include <spdlog/spdlog.h>

namespace newsdex {
namespace {

FullNameCounts read_full_names(const Xapian::Database& db) {
  FullNameCounts counts;
  count_full_names(db, counts);
  return counts;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

CommitPeople::CommitPeople(const Xapian::Database& archive, const std::vector<PartInfo>& parts)
    : archive_(archive), parts_(parts), archive_names_(read_full_names(archive)), names_(archive, archive_names_, parts) {}

void CommitPeople::correct_parts() {
  auto start = std::chrono::steady_clock::now();
  const KnownNameTags tags = names_.tag_parts();
  spdlog::debug("commit: {} known names found in {} articles that did not name them, in {:.2f} s", tags.names,
                tags.articles, seconds_since(start));
  start = std::chrono::steady_clock::now();
  surnames_.emplace(archive_, archive_names_, parts_);
  const SurnameResolutions resolved = surnames_->resolve_parts();
  spdlog::debug("commit: {} surnames given the archive's full name, in {} articles, in {:.2f} s", resolved.surnames,
                resolved.articles, seconds_since(start));
}

std::size_t CommitPeople::correct_archive(Xapian::WritableDatabase& merged, Xapian::docid old_last) {
  auto start = std::chrono::steady_clock::now();
  const KnownNameTags tags = names_.tag_archive(merged, old_last);
  spdlog::debug("commit: {} names this commit makes known found in {} earlier articles, in {:.2f} s", tags.names,
                tags.articles, seconds_since(start));
  start = std::chrono::steady_clock::now();
  const SurnameResolutions resolved = surnames_ ? surnames_->resolve_archive(merged, old_last) : SurnameResolutions{};
  spdlog::debug("commit: {} surnames of earlier articles given the full name this commit names, in {} articles, in "
                "{:.2f} s",
                resolved.surnames, resolved.articles, seconds_since(start));
  return tags.articles + resolved.articles;
}

}  // namespace newsdex
