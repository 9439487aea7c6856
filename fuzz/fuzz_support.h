// What every fuzz target checks beyond "no crash": the promises newsdex makes about the
// articles it reads (valid UTF-8, terms Xapian accepts, stored fields that round-trip).
#pragma once

#include <string_view>

#include "core/article.h"

namespace newsdex::fuzz {

// Prints what failed and aborts, which libFuzzer reports as a crash and saves the input.
[[noreturn]] void fail(const char* condition, std::string_view detail);

#define NEWSDEX_FUZZ_CHECK(condition, detail) \
  do {                                        \
    if (!(condition)) ::newsdex::fuzz::fail(#condition, (detail)); \
  } while (false)

// Quiets spdlog: diagnostics of bad input are expected and would slow the fuzzer down.
void quiet_logging();

bool is_valid_utf8(std::string_view text);

// Checks an article as a reader produced it: every text field valid UTF-8, a non-empty
// id, a Xapian document whose terms all fit Xapian's 245-byte limit, stored fields that
// decode to the same id, title and text.
void check_article(const Article& article);

}  // namespace newsdex::fuzz
