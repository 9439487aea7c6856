#include "storage/id_term.h"

#include <cstdint>

#include <fmt/format.h>

#include "core/schema.h"
#include "core/stable_hash.h"

namespace newsdex {
namespace {

constexpr std::size_t HASH_HEX_DIGITS = 16;

}  // namespace

std::string id_term(std::string_view article_id) {
  std::string term(schema::PREFIX_ID);
  if (term.size() + article_id.size() <= MAX_ID_TERM_BYTES) {
    term += article_id;
    return term;
  }
  // A term of exactly MAX_ID_TERM_BYTES: the head of the id, then the hash of all of it.
  // The head is cut at a byte, not a character: terms are bytes to Xapian, and the head
  // only helps a person reading the term list.
  term += article_id.substr(0, MAX_ID_TERM_BYTES - term.size() - HASH_HEX_DIGITS);
  term += fmt::format("{:016x}", fnv1a_64(article_id));
  return term;
}

}  // namespace newsdex
