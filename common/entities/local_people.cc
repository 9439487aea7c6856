#include "entities/local_people.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <set>
#include <sstream>

#include "analysis/analyzer.h"
#include "entities/embedded_data.h"

namespace newsdex {
namespace {

constexpr std::size_t MAX_WORDS_BETWEEN = 3;  // "министр иностранных дел России ..."
constexpr std::size_t MAX_NAME_WORDS = 3;

// The office list's stems, per stemmer (one per language), built on first use.
const std::set<std::string>& office_stems(const Xapian::Stem& stemmer) {
  static std::mutex mutex;
  static std::map<std::string, std::set<std::string>> by_stemmer;
  const std::lock_guard lock(mutex);
  auto [it, added] = by_stemmer.try_emplace(stemmer.get_description());
  if (added) {
    Analyzer analyzer;
    std::istringstream lines{std::string(data::PEOPLE_WORDS_TSV)};
    for (std::string line; std::getline(lines, line);) {
      if (line.rfind("office\t", 0) != 0) continue;
      std::istringstream words(line.substr(7));
      for (std::string word; std::getline(words, word, '|');)
        for (const auto& token : tokenize_for_entities(word, analyzer)) it->second.insert(stemmer(token.folded));
    }
  }
  return it->second;
}

bool is_patronymic(std::string_view folded) {
  for (std::string_view ending : {"ович", "евич", "ич", "овна", "евна", "ична", "инична"})
    if (folded.size() > ending.size() && folded.ends_with(ending)) return true;
  return false;
}


}  // namespace

std::vector<std::string> find_local_people(const std::vector<EntityToken>& tokens, const Xapian::Stem& stemmer,
                                           const LocalCountryNames* countries, std::vector<bool>& in_person) {
  in_person.resize(tokens.size(), false);
  const auto& offices = office_stems(stemmer);
  std::vector<std::string> stems(tokens.size());
  auto stem_of = [&](std::size_t k) -> const std::string& {
    if (stems[k].empty()) stems[k] = stemmer(tokens[k].folded);
    return stems[k];
  };
  auto is_country = [&](std::size_t k) {
    return countries && countries->by_stems.find(stem_of(k)) != countries->by_stems.end();
  };
  auto capitalised = [&](std::size_t k) {
    return in_cased_script(tokens[k].text) && tokens[k].upper_initial && !tokens[k].all_upper && !tokens[k].number;
  };

  std::vector<std::string> names;
  std::vector<std::string> surnames;  // the stem of each name's last word, for repeats
  for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
    if (!offices.contains(stem_of(i)) || !clause_continues(tokens[i])) continue;
    // Past the office's own words: lower-case words, country names, further offices.
    std::size_t first = i + 1;
    while (first < tokens.size() && first - i <= MAX_WORDS_BETWEEN &&
           (!capitalised(first) || is_country(first) || offices.contains(stem_of(first))) &&
           clause_continues(tokens[first - 1]))
      ++first;
    if (first >= tokens.size() || !capitalised(first) || !clause_continues(tokens[first - 1])) continue;
    std::size_t last = first;
    while (last + 1 < tokens.size() && last + 1 - first < MAX_NAME_WORDS && clause_continues(tokens[last]) &&
           (tokens[last].gap_after & ~GAP_SPACE) == 0 && capitalised(last + 1) && !is_country(last + 1))
      ++last;
    if (is_country(first)) continue;
    // Three capitalised words are a name with a patronymic ("Владимир Владимирович
    // Путин"); otherwise the first is something else's name ("глава Центробанка Сергей
    // Игнатьев") and the person is the last two.
    if (last - first == 2 && !is_patronymic(tokens[first + 1].folded)) ++first;
    std::string name;
    for (std::size_t k = first; k <= last; ++k) {
      if (k > first) name += ' ';
      name.append(tokens[k].text);
      in_person[k] = true;
    }
    // One person, however often and in whatever case the text names them.
    const std::string& surname = stem_of(last);
    const auto seen = std::find(surnames.begin(), surnames.end(), surname);
    if (seen == surnames.end()) {
      names.push_back(std::move(name));
      surnames.push_back(surname);
    } else if (last > first && names[static_cast<std::size_t>(seen - surnames.begin())].find(' ') == std::string::npos) {
      names[static_cast<std::size_t>(seen - surnames.begin())] = std::move(name);  // the full name is better
    }
    i = last;
  }
  return names;
}

}  // namespace newsdex
