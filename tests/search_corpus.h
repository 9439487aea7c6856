// Test databases for the searcher suites, built through the real DocumentBuilder and
// IndexWriter: the fixture articles of tests/fixtures/search/corpus.jsonl, and a larger
// pseudo-random corpus (fixed seed) for checking facet counts against brute force.
#pragma once

#include <string>
#include <vector>

#include "core/article.h"

namespace newsdex::testing {

// The articles of tests/fixtures/search/corpus.jsonl.
std::vector<Article> fixture_articles();

// `count` articles with random people, countries, authors, sources and dates drawn from
// small pools (so values repeat), and words from a small vocabulary.
std::vector<Article> random_articles(std::size_t count, unsigned seed);

// Indexes `articles` into a new database at `path`, and records `spellings` in its
// spelling table.
void build_database(const std::string& path, const std::vector<Article>& articles,
                    const std::vector<std::string>& spellings = {});

}  // namespace newsdex::testing
