#include "search_corpus.h"

#include <nlohmann/json.hpp>
#include <xapian.h>

#include <fstream>
#include <random>
#include <stdexcept>

#include "document_builder.h"
#include "storage/id_term.h"
#include "index_writer.h"

namespace newsdex::testing {
namespace {

PartialDate date_of(const std::string& iso) {
  PartialDate d;
  d.year = std::stoi(iso.substr(0, 4));
  d.month = static_cast<unsigned>(std::stoi(iso.substr(5, 2)));
  d.day = iso.size() >= 10 ? static_cast<unsigned>(std::stoi(iso.substr(8, 2))) : 0;
  return d;
}

}  // namespace

std::vector<Article> fixture_articles() {
  std::ifstream in(NEWSDEX_FIXTURES_DIR "/search/corpus.jsonl");
  if (!in) throw std::runtime_error("cannot read the search fixture corpus");
  std::vector<Article> articles;
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    const auto j = nlohmann::json::parse(line);
    Article a;
    a.id = j.at("id");
    a.title = j.value("title", "");
    a.body = j.value("body", "");
    if (j.contains("date")) a.date = date_of(j["date"]);
    a.source = j.value("source", "");
    a.language = j.value("language", "");
    a.authors = j.value("authors", std::vector<std::string>{});
    a.people = j.value("people", std::vector<std::string>{});
    a.countries = j.value("countries", std::vector<std::string>{});
    a.regions = j.value("regions", std::vector<std::string>{});
    for (const auto& m : j.value("mentioned", std::vector<std::string>{})) a.mentioned_dates.push_back(date_of(m));
    articles.push_back(std::move(a));
  }
  return articles;
}

std::vector<Article> random_articles(std::size_t count, unsigned seed) {
  static const std::vector<std::string> PEOPLE = {"Alexander Lukashenko", "Xi Jinping", "Volodymyr Zelensky",
                                                  "Emmanuel Macron",      "Olaf Scholz", "Ursula von der Leyen",
                                                  "José Sarney",          "Hisham Nazer"};
  static const std::vector<std::string> COUNTRIES = {"BY", "CN", "UA", "FR", "DE", "US", "BR", "SA", "GB", "JP"};
  static const std::vector<std::string> AUTHORS = {"Tessa Wong", "George Wright", "Ana Pérez", "Li Wei"};
  static const std::vector<std::string> SOURCES = {"Example Wire", "Daily Ledger", "Reuters"};
  static const std::vector<std::string> WORDS = {"grain", "embargo", "oil",   "prices", "talks", "peace",
                                                 "cocoa", "coffee",  "trade", "bank",   "rates", "crop"};
  std::mt19937 random(seed);
  auto pick = [&](std::size_t n) { return static_cast<std::size_t>(random() % n); };
  std::vector<Article> articles;
  for (std::size_t i = 0; i < count; ++i) {
    Article a;
    a.id = "r" + std::to_string(i);
    for (int w = 0; w < 3; ++w) a.title += WORDS[pick(WORDS.size())] + " ";
    for (int w = 0; w < 20; ++w) a.body += WORDS[pick(WORDS.size())] + " ";
    // Some articles have no date, some only a month: both must be counted correctly.
    if (const auto kind = pick(10); kind > 0) {
      PartialDate d{static_cast<int>(2020 + pick(4)), static_cast<unsigned>(1 + pick(12)),
                    kind == 1 ? 0u : static_cast<unsigned>(1 + pick(28))};
      a.date = d;
    }
    for (auto n = pick(4); n > 0; --n) a.people.push_back(PEOPLE[pick(PEOPLE.size())]);  // repeats allowed
    for (auto n = pick(5); n > 0; --n) a.countries.push_back(COUNTRIES[pick(COUNTRIES.size())]);
    // Regions of the countries drawn, without drawing again: the other fields stay as they were.
    for (const auto& country : std::vector<std::string>(a.countries))
      if ((country == "GB" || country == "US") && i % 3 > 0)
        a.regions.emplace_back(country == "US" ? "US-TX" : i % 3 == 1 ? "GB-SCT" : "GB-WLS");
    for (auto n = pick(3); n > 0; --n) a.authors.push_back(AUTHORS[pick(AUTHORS.size())]);
    if (pick(4) > 0) a.source = SOURCES[pick(SOURCES.size())];
    for (auto n = pick(3); n > 0; --n)
      a.mentioned_dates.push_back(PartialDate{2022, static_cast<unsigned>(1 + pick(12)), static_cast<unsigned>(pick(3))});
    articles.push_back(std::move(a));
  }
  return articles;
}

void build_database(const std::string& path, const std::vector<Article>& articles,
                    const std::vector<std::string>& spellings) {
  {
    IndexWriter writer(path, 1000);
    DocumentBuilder builder("en");
    for (const auto& a : articles) writer.write(id_term(a.id), builder.build(a));
    writer.commit();
  }
  if (!spellings.empty()) {
    Xapian::WritableDatabase db(path, Xapian::DB_OPEN);
    for (const auto& word : spellings) db.add_spelling(word);
    db.commit();
  }
}

}  // namespace newsdex::testing
