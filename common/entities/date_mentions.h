// Dates mentioned in an article's text, resolved against its publication date where the
// text gives them relative ("last week", "yesterday", "Wednesday") or partial ("Feb 26",
// "September last year"). Day precision where the text names a day, month precision
// where it names only a month or a week. Without a publication date, only dates that
// carry their own year ("March 1, 2023", "September 1986") are resolved.
#pragma once

#include <optional>
#include <vector>

#include "core/article.h"
#include "entities/entity_tokens.h"

namespace newsdex {

// Appends to `found` (skipping dates already there) every date mentioned in `tokens`, in
// order of first mention. `published`: publication day (UTC), or nullopt.
void find_date_mentions(const std::vector<EntityToken>& tokens, const std::optional<PartialDate>& published,
                        std::vector<PartialDate>& found);

}  // namespace newsdex
