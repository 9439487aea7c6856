// The output of `newsdex-index --extract`: one JSON object per line and article, with
// what extraction found, for inspection and for scripts/eval-entities.
#pragma once

#include <ostream>

#include "core/article.h"

namespace newsdex {

// {"id","title","date","authors","people","countries","mentioned_dates"}; countries are
// ISO 3166-1 alpha-2 in upper case, dates "YYYY-MM-DD" or "YYYY-MM".
void write_extract_line(std::ostream& out, const Article& article);

}  // namespace newsdex
