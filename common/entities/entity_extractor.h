// Entity extraction: the people, countries and dates an article mentions, found in its
// title, dateline and text. Runs inside the indexing pipeline, one instance per thread:
// construction is cheap (the tables are built once per process and shared, immutable)
// and an instance is thread-compatible (use each from one thread at a time).
#pragma once

#include <memory>
#include <string>

#include "core/article.h"

namespace newsdex {

class EntityExtractor {
 public:
  // `people_file`: a newsroom's list of canonical names and aliases (format in
  // people_extractor.h), or "" for none. Each file is read once per process; throws
  // std::runtime_error when it cannot be read.
  explicit EntityExtractor(const std::string& people_file = {});
  ~EntityExtractor();
  EntityExtractor(EntityExtractor&&) noexcept;
  EntityExtractor& operator=(EntityExtractor&&) noexcept;

  // Fills article.people (canonical names), article.countries (ISO 3166-1 alpha-2, upper
  // case), article.regions (ISO 3166-2) and article.mentioned_dates, keeping any the input
  // already listed. Each list is in order of first mention (dateline, then title, then text).
  void extract(Article& article);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsdex
