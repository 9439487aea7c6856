#include "fuzz_support.h"

#include <spdlog/spdlog.h>
#include <xapian.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "document_builder.h"
#include "storage/id_term.h"
#include "storage/stored_article.h"
#include "core/text_encoding.h"

namespace newsdex::fuzz {

// Xapian's glass backend rejects longer terms ("Term too long (> 245)") when the
// document is written, which would stop an indexing run.
constexpr std::size_t XAPIAN_MAX_TERM_BYTES = 245;

void fail(const char* condition, std::string_view detail) {
  std::fprintf(stderr, "newsdex fuzz check failed: %s\n  %.*s\n", condition, static_cast<int>(detail.size()),
               detail.data());
  std::abort();
}

void quiet_logging() { spdlog::set_level(spdlog::level::off); }

bool is_valid_utf8(std::string_view text) {
  std::string copy(text);
  return !repair_utf8(copy);
}

void check_article(const Article& article) {
  NEWSDEX_FUZZ_CHECK(!article.id.empty(), "article without id");
  for (const std::string* field : {&article.id, &article.title, &article.body, &article.dateline, &article.source,
                                   &article.url, &article.language}) {
    NEWSDEX_FUZZ_CHECK(is_valid_utf8(*field), *field);
  }
  for (const auto* list : {&article.authors, &article.people, &article.countries, &article.given.people,
                           &article.given.places, &article.given.topics}) {
    for (const auto& value : *list) NEWSDEX_FUZZ_CHECK(is_valid_utf8(value), value);
  }

  // An id too long for a Xapian term is hashed into one that fits (common/storage/id_term.h).
  NEWSDEX_FUZZ_CHECK(id_term(article.id).size() <= XAPIAN_MAX_TERM_BYTES, article.id);

  static DocumentBuilder builder("en");
  const Xapian::Document doc = builder.build(article);
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
    const std::string term = *it;
    NEWSDEX_FUZZ_CHECK(term.size() <= XAPIAN_MAX_TERM_BYTES, term);
  }
  const Article stored = decode_stored_article(doc.get_data());
  NEWSDEX_FUZZ_CHECK(stored.id == article.id, article.id);
  NEWSDEX_FUZZ_CHECK(stored.title == article.title, article.title);
  NEWSDEX_FUZZ_CHECK(stored.body == article.body, article.body);
}

}  // namespace newsdex::fuzz
