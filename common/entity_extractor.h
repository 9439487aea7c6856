// Entity extraction: the people, countries and dates an article mentions, found in its
// title, dateline and text. Runs inside the indexing pipeline, one instance per thread.
#pragma once

#include <memory>

#include "article.h"

namespace newsdex {

class EntityExtractor {
 public:
  EntityExtractor();
  ~EntityExtractor();
  EntityExtractor(EntityExtractor&&) noexcept;
  EntityExtractor& operator=(EntityExtractor&&) noexcept;

  // Fills article.people (canonical names), article.countries (ISO 3166-1 alpha-2, upper
  // case) and article.mentioned_dates, keeping any the input already listed.
  void extract(Article& article);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsdex
