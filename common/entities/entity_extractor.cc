#include "entities/entity_extractor.h"

#include <algorithm>
#include <map>
#include <mutex>

#include "core/append_unique.h"
#include "analysis/analyzer.h"
#include "entities/country_mentions.h"
#include "entities/date_mentions.h"
#include "entities/entity_tokens.h"
#include "entities/local_people.h"
#include "entities/people_extractor.h"
#include "analysis/stem_cache.h"

namespace newsdex {
namespace {

// People lists by path, read once per process and shared by every extractor.
std::shared_ptr<const PinnedPeople> pinned_people(const std::string& path) {
  if (path.empty()) return nullptr;
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const PinnedPeople>> loaded;
  const std::lock_guard lock(mutex);
  auto& entry = loaded[path];
  if (!entry) entry = PinnedPeople::load(path);
  return entry;
}

// A plain-text article may open with its own dateline: "WASHINGTON (Reuters) - ...",
// "LONDON, March 1 -". Returns it, or "" when the text does not start so.
std::string_view leading_dateline(std::string_view body) {
  const std::size_t limit = std::min<std::size_t>(body.size(), 60);
  for (std::size_t i = 0; i < limit; ++i) {
    const char c = body[i];
    if (c == '(' || c == '-' || c == '\xE2') {
      if (i < 3 || body[i - 1] != ' ') return {};
      std::string_view head = body.substr(0, i - 1);
      // Only the place part must be in capitals: "PORTLAND, Ore., March 1".
      const std::string_view place = head.substr(0, head.find(','));
      const bool capitals = std::none_of(place.begin(), place.end(), [](char ch) { return ch >= 'a' && ch <= 'z'; });
      return capitals ? head : std::string_view{};
    }
    if (c == '\n' || c == '.') return {};
  }
  return {};
}

}  // namespace

struct EntityExtractor::Impl {
  Analyzer analyzer;
  PeopleExtractor people;
  const CountryTable& countries = CountryTable::instance();
  StemmersByLanguage stemmer;  // for text in languages other than English
  std::shared_ptr<const PinnedPeople> pinned;

  explicit Impl(const std::string& people_file) : people(pinned_people(people_file)), pinned(pinned_people(people_file)) {}
};

EntityExtractor::EntityExtractor(const std::string& people_file) : impl_(std::make_unique<Impl>(people_file)) {}
EntityExtractor::~EntityExtractor() = default;
EntityExtractor::EntityExtractor(EntityExtractor&&) noexcept = default;
EntityExtractor& EntityExtractor::operator=(EntityExtractor&&) noexcept = default;

void EntityExtractor::extract(Article& article) {
  Impl& impl = *impl_;
  const auto title = tokenize_for_entities(article.title, impl.analyzer);
  const auto body = tokenize_for_entities(article.body, impl.analyzer);
  const bool title_in_capitals = is_mostly_upper_case(title);
  const bool body_in_capitals = is_mostly_upper_case(body);

  // People: from the text, and from the title when its capitals mean something.
  std::vector<bool> title_people, body_people;
  std::vector<std::string> people;
  if (!title_in_capitals) {
    std::vector<EntityToken> both = title;
    if (!both.empty()) both.back().gap_after |= GAP_PARAGRAPH;
    both.insert(both.end(), body.begin(), body.end());
    std::vector<bool> mask;
    people = impl.people.find(both, mask);
    title_people.assign(mask.begin(), mask.begin() + static_cast<long>(title.size()));
    body_people.assign(mask.begin() + static_cast<long>(title.size()), mask.end());
  } else if (!body_in_capitals) {
    people = impl.people.find(body, body_people);
  }
  // Headline rules ("LAWSON SAYS", "Sumita says ..."), in capitals or not: a surname the
  // text already names is that person.
  {
    for (const auto& name : impl.people.find_in_capitals(title, body_in_capitals ? std::vector<EntityToken>{} : body)) {
      const std::string folded = impl.analyzer.fold(name);
      const bool known = std::any_of(people.begin(), people.end(), [&](const std::string& full) {
        const std::string f = impl.analyzer.fold(full);
        return f == folded || f.ends_with(" " + folded) || f.starts_with(folded + " ");
      });
      if (!known) people.push_back(name);
    }
  }
  // In another language, the people its offices name ("президент России Владимир Путин").
  const LocalCountryNames* local = impl.countries.local_names(article.language);
  if (local && !title_in_capitals) {
    std::vector<bool> title_local, body_local;
    for (auto& name : find_local_people(title, impl.stemmer(article.language), local, title_local)) people.push_back(name);
    for (auto& name : find_local_people(body, impl.stemmer(article.language), local, body_local)) people.push_back(name);
    for (std::size_t k = 0; k < title_local.size() && k < title_people.size(); ++k) title_people[k] = title_people[k] || title_local[k];
    for (std::size_t k = 0; k < body_local.size() && k < body_people.size(); ++k) body_people[k] = body_people[k] || body_local[k];
  }
  // Pinned names in scripts without capitals or spaces ("普京"), inside runs of text.
  if (impl.pinned)
    for (const auto* tokens : {&title, &body})
      for (const auto& token : *tokens)
        if (!in_cased_script(token.text))
          for (const auto& [alias, name] : impl.pinned->unspaced())
            if (token.folded.find(alias) != std::string::npos) people.push_back(name);
  for (const auto& name : people) append_unique(article.people, name);

  // Countries: the dateline names where the story was filed; then title and text.
  std::vector<CountryMention> mentions;
  std::string_view dateline = article.dateline;
  if (dateline.empty()) dateline = leading_dateline(article.body);
  if (!dateline.empty()) {
    if (const CountryPhrase* place = dateline_place(impl.countries, tokenize_for_entities(dateline, impl.analyzer)))
      mentions.push_back({place->code, CountryNameKind::NAME, false, false, 0, place->region});
  }
  // A dateline says where the story is. In datelined wire copy the other cities of the
  // text are mostly where markets trade and talks meet (Rotterdam, Frankfurt, Geneva), not
  // what the story is about: on Reuters they added 19 countries its labels do not name for
  // 5 they do. Without a dateline (most web news) they are often the only word of a place.
  const bool read_cities = dateline.empty();
  find_country_mentions(impl.countries, title, title_people, !title_in_capitals, read_cities, mentions);
  find_country_mentions(impl.countries, body, body_people, !body_in_capitals, read_cities, mentions);
  // In another language, also the country names of that language, inflected as it does.
  if (local) {
    const Xapian::Stem& stemmer = impl.stemmer(article.language);
    find_local_country_mentions(*local, stemmer, title, title_people, mentions);
    find_local_country_mentions(*local, stemmer, body, body_people, mentions);
  }
  const ResolvedPlaces places = resolve_country_mentions(mentions);
  for (const auto& code : places.countries) append_unique(article.countries, impl.countries.code_at(code, article.date));
  for (const auto& region : places.regions) append_unique(article.regions, region);

  // Dates mentioned in the text, resolved against the publication day.
  find_date_mentions(body, article.date, article.mentioned_dates);
}

}  // namespace newsdex
