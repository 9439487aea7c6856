// An archive in many languages, searched with no options: a word typed as a reader types
// it finds the article that holds it in any inflection of the article's language, whether
// the record named that language or the indexer detected it; countries named in the
// article's language are its countries; --language and lang: narrow the stemming.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <xapian.h>

#include "language_detector.h"
#include "query_builder.h"
#include "test_support.h"

namespace newsdex {
namespace {

using testing::IndexedCorpus;
using testing::run;
using testing::TempDir;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

std::string fixture(const std::string& name) { return read_file(NEWSDEX_FIXTURES_DIR "/languages/" + name); }

// The ids of the hits of `query`, searched with no options but JSON Lines output.
std::set<std::string> hits(const IndexedCorpus& corpus, const std::string& query) {
  const auto result = corpus.search({"--format", "jsonl", "--fields", "id", "--limit", "100", query});
  EXPECT_EQ(result.exit_code, 0) << query << "\n" << result.err;
  std::set<std::string> ids;
  std::istringstream lines(result.out);
  for (std::string line; std::getline(lines, line);) {
    const auto record = nlohmann::json::parse(line);
    if (record.contains("id")) ids.insert(record["id"].get<std::string>());
  }
  return ids;
}

class Multilingual : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // The same articles twice: with their language in the record, and without it.
    labelled_ = new IndexedCorpus(fixture("articles.jsonl"));
    unlabelled_ = new IndexedCorpus(fixture("unlabelled.jsonl"));
    both_ = new IndexedCorpus(fixture("articles.jsonl") + fixture("unlabelled.jsonl"));
  }
  static void TearDownTestSuite() {
    delete labelled_;
    delete unlabelled_;
    delete both_;
  }
  static IndexedCorpus* labelled_;
  static IndexedCorpus* unlabelled_;
  static IndexedCorpus* both_;
};
IndexedCorpus* Multilingual::labelled_ = nullptr;
IndexedCorpus* Multilingual::unlabelled_ = nullptr;
IndexedCorpus* Multilingual::both_ = nullptr;

// Words as a reader types them, against inflected forms in the text: the stem of the
// query word in the article's language is what finds it.
TEST_F(Multilingual, WordsInOtherLanguagesAreFoundWithNoOptions) {
  const std::map<std::string, std::string> cases = {
      {"Ölpreis", "de-1"}, {"Händler", "de-1"}, {"Ölpreise", "de-1"}, {"нефти", "ru-1"},
      {"Москва", "ru-1"},  {"datos", "es-1"},   {"élections", "fr-1"}, {"noviembre", "es-1"},
  };
  for (const auto& [query, id] : cases) {
    EXPECT_TRUE(hits(*labelled_, query).contains(id)) << query << " (language in the record)";
    EXPECT_TRUE(hits(*unlabelled_, query).contains(id + "-u")) << query << " (language detected)";
    const auto found = hits(*both_, query);
    EXPECT_TRUE(found.contains(id) && found.contains(id + "-u")) << query << " (both in one archive)";
  }
}

TEST_F(Multilingual, DetectedLanguageIsStoredAndShown) {
  const auto result = unlabelled_->search({"--show", "de-1-u", "ru-1-u", "es-1-u", "--format", "jsonl"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  std::istringstream lines(result.out);
  std::map<std::string, std::string> language;
  for (std::string line; std::getline(lines, line);) {
    const auto article = nlohmann::json::parse(line);
    language[article["id"].get<std::string>()] = article.value("language", "");
  }
  EXPECT_EQ(language["de-1-u"], "de");
  EXPECT_EQ(language["ru-1-u"], "ru");
  EXPECT_EQ(language["es-1-u"], "es");
  EXPECT_EQ(unlabelled_->search({"--filter", "lang:ru", "--limit", "0", "*"}).out, "2 articles match lang:ru.\n");
  // The lang facet counts the detected languages.
  const auto facet = unlabelled_->search({"--facet", "lang", "--facet-limit", "20", "--limit", "0"});
  EXPECT_NE(facet.out.find("lang (15 distinct):"), std::string::npos) << facet.out << facet.err;
  EXPECT_NE(facet.out.find("  ru 2  "), std::string::npos) << facet.out;
}

TEST_F(Multilingual, EveryLabelledArticleIsDetectedAsItsOwnLanguage) {
  // The fixture's articles are short news paragraphs: each must be detected right.
  std::istringstream lines(fixture("articles.jsonl"));
  std::size_t articles = 0;
  for (std::string line; std::getline(lines, line);) {
    if (line.empty()) continue;
    const auto article = nlohmann::json::parse(line);
    ++articles;
    EXPECT_EQ(detect_language(article["title"].get<std::string>(), article["text"].get<std::string>()),
              article["language"].get<std::string>())
        << article["id"];
  }
  EXPECT_GE(articles, 30u);
}

// Each article of the fixture names a country in its own language (in some, in an
// inflected form: "в Москве", "Türkiye'de"); each is found, with and without its language
// in the record.
TEST_F(Multilingual, EveryArticleOfTheFixtureHasTheCountriesItNames) {
  const std::map<std::string, std::string> named = {
      {"de-1", "DE"}, {"fr-1", "FR"}, {"fr-2", "GB"}, {"es-1", "ES"}, {"it-1", "IT"}, {"pt-2", "PT"},
      {"nl-2", "NL"}, {"sv-1", "SE"}, {"ru-1", "RU"}, {"el-1", "GR"}, {"ar-1", "EG"}, {"zh-1", "CN"},
      {"ja-1", "JP"}, {"th-1", "TH"}, {"tr-1", "TR"}, {"en-1", "GB"}};
  for (const char* file : {"articles.jsonl", "unlabelled.jsonl"}) {
    const auto result = run(NEWSDEX_INDEX_BIN, {"--extract", "-"}, fixture(file));
    ASSERT_EQ(result.exit_code, 0) << result.err;
    std::istringstream lines(result.out);
    std::size_t articles = 0;
    for (std::string line; std::getline(lines, line);) {
      const auto article = nlohmann::json::parse(line);
      std::string id = article["id"].get<std::string>();
      if (id.ends_with("-u")) id.resize(id.size() - 2);
      const auto countries = article["countries"].get<std::vector<std::string>>();
      ++articles;
      EXPECT_FALSE(countries.empty()) << file << ": " << id;
      if (auto it = named.find(id); it != named.end()) {
        EXPECT_NE(std::find(countries.begin(), countries.end(), it->second), countries.end()) << file << ": " << id;
      }
      EXPECT_TRUE(article["people"].empty()) << file << ": " << id << " " << article["people"].dump();
    }
    EXPECT_EQ(articles, 30u) << file;
  }
}

TEST_F(Multilingual, LanguageOptionAndLangFieldNarrowTheStemming) {
  // "handler": English keeps the word, German stems it to "handl" (the German article's
  // "Händler"). Stemmed in German only, the English stem is not searched.
  const IndexedCorpus corpus(
      R"({"id": "en", "title": "Event handler", "text": "The handler was called.", "language": "en"})" "\n"
      R"({"id": "de", "title": "Markt", "text": "Die Händler in Frankfurt.", "language": "de"})" "\n");
  auto ids = [&](std::vector<std::string> arguments) {
    arguments.insert(arguments.begin(), {"--format", "jsonl", "--fields", "id"});
    const auto result = corpus.search(arguments);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    std::set<std::string> found;
    std::istringstream lines(result.out);
    for (std::string line; std::getline(lines, line);) found.insert(nlohmann::json::parse(line)["id"].get<std::string>());
    return found;
  };
  EXPECT_EQ(ids({"handler"}), (std::set<std::string>{"en", "de"}));
  EXPECT_EQ(ids({"--language", "german", "handler"}), (std::set<std::string>{"de"}));
  EXPECT_EQ(ids({"--language", "english", "handler"}), (std::set<std::string>{"en"}));

  const Xapian::Database db(corpus.db());
  QueryBuilder builder(db, "");
  EXPECT_EQ(builder.languages(), (std::vector<std::string>{"en", "de"}));
  const std::string everywhere = builder.build("handler").get_description();
  EXPECT_NE(everywhere.find("(Zhandl SYNONYM Zhandler)"), std::string::npos) << everywhere;
  const std::string narrowed = builder.build("lang:de handler").get_description();
  EXPECT_EQ(narrowed.find("Zhandler"), std::string::npos) << narrowed;
  EXPECT_NE(narrowed.find("Zhandl"), std::string::npos) << narrowed;
  const std::string filtered = builder.build("handler", {"de"}).get_description();
  EXPECT_EQ(filtered.find("Zhandler"), std::string::npos) << filtered;
  // Phrases keep their words as written.
  const std::string phrase = builder.build("\"die händler\"").get_description();
  EXPECT_NE(phrase.find("PHRASE"), std::string::npos) << phrase;
  EXPECT_EQ(phrase.find("SYNONYM"), std::string::npos) << phrase;
}

TEST(MultilingualQueries, AnEnglishArchiveIsSearchedExactlyAsBefore) {
  const IndexedCorpus corpus(R"({"id": "a", "title": "Grain", "text": "Grain prices fell.", "language": "en"})" "\n");
  const Xapian::Database db(corpus.db());
  QueryBuilder every(db, ""), english(db, "en");
  for (const char* query : {"grain prices", "title:grain OR fell", "grain -prices", "\"grain prices\" fell"})
    EXPECT_EQ(every.build(query).get_description(), english.build(query).get_description()) << query;
}

// Country names in the article's own language, inflected as that language does.
TEST(MultilingualCountries, NamesInTheArticlesLanguageAreItsCountries) {
  const std::string jsonl =
      R"({"id": "ru", "title": "Переговоры", "text": "Президент встретился с делегацией в Москве. Германия подписала соглашение.", "language": "ru"})" "\n"
      R"({"id": "fr", "title": "Visite", "text": "Le ministre est arrivé à Londres hier, puis en Allemagne.", "language": "fr"})" "\n"
      R"({"id": "zh", "title": "会见", "text": "俄罗斯总统今天在北京会见了中国领导人。", "language": "zh"})" "\n"
      R"({"id": "de", "title": "Abkommen", "text": "Deutschland und Weißrussland unterzeichneten ein Abkommen.", "language": "de"})" "\n"
      R"({"id": "el", "title": "Συμφωνία", "text": "Η Ελλάδα και η Τουρκία συμφώνησαν σήμερα.", "language": "el"})" "\n"
      R"({"id": "es", "title": "Visita", "text": "El presidente viajó a Pekín y después a Francia.", "language": "es"})" "\n"
      R"({"id": "tr", "title": "Enflasyon", "text": "Türkiye'de enflasyon geçen ay düştü.", "language": "tr"})" "\n"
      R"({"id": "fr2", "title": "Retour", "text": "Le ministre est rentré d'Allemagne hier soir.", "language": "fr"})" "\n";
  const auto result = run(NEWSDEX_INDEX_BIN, {"--extract", "-"}, jsonl);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  std::map<std::string, std::set<std::string>> countries;
  std::istringstream lines(result.out);
  for (std::string line; std::getline(lines, line);) {
    const auto article = nlohmann::json::parse(line);
    for (const auto& code : article["countries"]) countries[article["id"].get<std::string>()].insert(code.get<std::string>());
  }
  EXPECT_EQ(countries["ru"], (std::set<std::string>{"RU", "DE"}));
  EXPECT_EQ(countries["fr"], (std::set<std::string>{"GB", "DE"}));
  EXPECT_EQ(countries["zh"], (std::set<std::string>{"RU", "CN"}));
  EXPECT_EQ(countries["de"], (std::set<std::string>{"DE", "BY"}));
  EXPECT_EQ(countries["el"], (std::set<std::string>{"GR", "TR"}));
  EXPECT_EQ(countries["es"], (std::set<std::string>{"CN", "FR"}));
  EXPECT_EQ(countries["tr"], (std::set<std::string>{"TR"}));
  EXPECT_EQ(countries["fr2"], (std::set<std::string>{"DE"}));
}

// People in Cyrillic and Greek text, named after an office in any of its inflections.
TEST(MultilingualPeople, AnOfficeBeforeANameInTheArticlesLanguage) {
  const std::string jsonl =
      R"({"id": "ru1", "title": "Встреча", "text": "Президент России Владимир Путин встретился с канцлером Германии Герхардом Шрёдером. Министр финансов Алексей Кудрин заявил, что бюджет будет исполнен.", "language": "ru"})" "\n"
      R"({"id": "ru2", "title": "Банк", "text": "Глава Центробанка Сергей Игнатьев и премьер-министр Михаил Фрадков обсудили курс рубля. Фрадков остался доволен.", "language": "ru"})" "\n"
      R"({"id": "ru3", "title": "Указ", "text": "Президент Владимир Владимирович Путин подписал указ. Компания Газпром сообщила о росте прибыли в Москве.", "language": "ru"})" "\n"
      R"({"id": "el1", "title": "Συνάντηση", "text": "Ο πρωθυπουργός Κώστας Καραμανλής συναντήθηκε με τον υπουργό Γιώργο Παπανδρέου στην Αθήνα. Ο υπουργός Οικονομικών δήλωσε ότι η Ελλάδα θα επιτύχει πλεόνασμα.", "language": "el"})" "\n"
      R"({"id": "zh1", "title": "会见", "text": "俄罗斯总统普京今天在北京会见了胡锦涛。", "language": "zh"})" "\n";
  TempDir dir;
  testing::write_file(dir.path() / "people.txt", "Vladimir Putin | 普京\nHu Jintao|胡锦涛\n");
  const auto result = run(NEWSDEX_INDEX_BIN, {"--extract", "--people", dir / "people.txt", "-"}, jsonl);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  std::map<std::string, std::vector<std::string>> people;
  std::istringstream lines(result.out);
  for (std::string line; std::getline(lines, line);) {
    const auto article = nlohmann::json::parse(line);
    people[article["id"].get<std::string>()] = article["people"].get<std::vector<std::string>>();
  }
  // The name as the text writes it (Russian inflects it: "Герхардом Шрёдером").
  EXPECT_EQ(people["ru1"], (std::vector<std::string>{"Владимир Путин", "Герхардом Шрёдером", "Алексей Кудрин"}));
  // An organisation between the office and the name is not part of it; a surname alone
  // again later is the same person.
  EXPECT_EQ(people["ru2"], (std::vector<std::string>{"Сергей Игнатьев", "Михаил Фрадков"}));
  EXPECT_EQ(people["ru3"], (std::vector<std::string>{"Владимир Владимирович Путин"}));
  EXPECT_EQ(people["el1"], (std::vector<std::string>{"Κώστας Καραμανλής", "Γιώργο Παπανδρέου"}));
  EXPECT_EQ(people["zh1"], (std::vector<std::string>{"Vladimir Putin", "Hu Jintao"}));
}

// The detector answers only when it is sure, and never for text too short to tell.
TEST(LanguageDetector, SaysNothingWhenUnsure) {
  EXPECT_EQ(detect_language("", ""), "");
  EXPECT_EQ(detect_language("", "1,234 5.6 %"), "");
  EXPECT_EQ(detect_language("Grain exports", "Wheat and maize exports rose sharply in March, the ministry said on Tuesday."),
            "en");
  // A sample cut inside a multi-byte character is cut back to the character before it
  // (CLD2 gives up on text that is not valid UTF-8): here the cut falls between the two
  // bytes of an "ы" after a Russian title.
  const std::string title = "Цены на нефть выросли в понедельник, сообщили трейдеры в Москве.";
  const std::string text = std::string(LANGUAGE_SAMPLE_BYTES - 1 - title.size() - 1, ' ') + "ыыыы";
  EXPECT_EQ(detect_language(title, text), "ru");
}

}  // namespace
}  // namespace newsdex
