#include "entities/people_extractor.h"

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "analysis/analyzer.h"
#include "entities/country_mentions.h"
#include "entities/embedded_data.h"

namespace newsdex {
namespace {

// The word lists a word is in, as bits.
enum Kind : std::uint32_t {
  TITLE = 1u << 0,
  RANK = 1u << 1,
  HONORIFIC = 1u << 2,
  ROLE = 1u << 3,
  SPEECH = 1u << 4,
  QUOTE = 1u << 5,
  ORG = 1u << 6,
  COMPANY = 1u << 7,
  NOT_NAME = 1u << 8,
  GIVEN = 1u << 9,
  SUFFIX = 1u << 10,
  PLACE = 1u << 11,
  MEMBER = 1u << 12,
  NOUN_ENDING = 1u << 13,  // a capitalised word with a common noun's ending
  THING = 1u << 14,
  FAMILY = 1u << 15,
  UNKNOWN = 1u << 31,      // not looked up yet
};

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using WordSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;

// The word lists of common/entities/data/people_words.tsv, folded; built once per process.
struct PeopleWords {
  WordSet title, rank, honorific, role, speech, quote, org, company, not_name, given, firm, suffix, place, member,
      thing, family, regnal;
  std::vector<std::string> endings;  // common-noun endings ("-tion", "-ics")
  std::string ending_last_letters;   // the last letter of each ending
  std::size_t longest_firm = 1;
  // Every one-word entry with the lists it is in (Kind bits): one lookup per token.
  std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>> kinds;

  PeopleWords() {
    Analyzer analyzer;
    std::istringstream lines{std::string(data::PEOPLE_WORDS_TSV)};
    for (std::string line; std::getline(lines, line);) {
      if (line.empty() || line.front() == '#') continue;
      const auto tab = line.find('\t');
      if (tab == std::string::npos) continue;
      const std::string kind = line.substr(0, tab);
      // Each list: where its words go and the Kind bit they carry (firm names are
      // phrases and carry none; "ending" holds suffixes, not words).
      const struct {
        const char* name;
        WordSet* set;
        std::uint32_t bit;
      } lists[] = {
          {"title", &title, TITLE},       {"rank", &rank, RANK},          {"honorific", &honorific, HONORIFIC},
          {"role", &role, ROLE},          {"speech", &speech, SPEECH},    {"org", &org, ORG},
          {"not_name", &not_name, NOT_NAME}, {"given", &given, GIVEN},    {"firm", &firm, 0},
          {"quote", &quote, QUOTE},       {"company", &company, COMPANY}, {"suffix", &suffix, SUFFIX},
          {"place", &place, PLACE},       {"member", &member, MEMBER},    {"thing", &thing, THING},
          {"family", &family, FAMILY},    {"regnal", &regnal, 0},
      };
      WordSet* set = nullptr;
      std::uint32_t bit = 0;
      for (const auto& list : lists) {
        if (kind != list.name) continue;
        set = list.set;
        bit = list.bit;
      }
      if (kind == "office") continue;  // read by local_people.cc
      if (!set && kind != "ending") throw std::logic_error("people_words.tsv: unknown list '" + kind + "'");
      std::istringstream words(line.substr(tab + 1));
      for (std::string word; std::getline(words, word, '|');) {
        if (word.empty()) continue;
        if (!set) {
          endings.push_back(word);
          if (ending_last_letters.find(word.back()) == std::string::npos) ending_last_letters += word.back();
          continue;
        }
        std::string key = phrase_key(word, analyzer);
        if (set == &firm) longest_firm = std::max<std::size_t>(longest_firm, std::count(key.begin(), key.end(), ' ') + 1);
        if (bit != 0 && key.find(' ') == std::string::npos) kinds[key] |= bit;
        set->insert(std::move(key));
      }
    }
    // The broad list of given names, where no list above already says what the word is:
    // the first word of a run of several makes it a name ("Annette Bening", "Lleyton"
    // aside). It only sets the GIVEN bit: the `given` set stays the common names that
    // are never a surname alone, so that "PRESIDENT REAGAN" or "Murray said" (given names
    // too, in the broad list) are still read as surnames.
    std::istringstream names{std::string(data::GIVEN_NAMES_TXT)};
    for (std::string name; std::getline(names, name);) {
      if (name.empty() || name.front() == '#') continue;
      const std::string key = phrase_key(name, analyzer);
      if (key.empty() || key.find(' ') != std::string::npos) continue;
      auto& bits = kinds[key];
      if (bits == 0) bits = GIVEN;
    }
  }
};

const PeopleWords& words() {
  static const PeopleWords WORDS;
  return WORDS;
}

bool has(const WordSet& set, std::string_view word) { return set.find(word) != set.end(); }

// The Kind bits of the lists a folded word is in; 0 for none.
std::uint32_t kinds_of(const PeopleWords& w, std::string_view folded) {
  const auto it = w.kinds.find(folded);
  return it == w.kinds.end() ? 0 : it->second;
}

}  // namespace

bool is_company_word(std::string_view folded) { return has(words().company, folded); }

bool is_given_name(std::string_view folded) { return kinds_of(words(), folded) & GIVEN; }

bool names_another_bearer(const std::vector<EntityToken>& tokens, std::string_view surname,
                          const std::vector<std::string_view>& given) {
  const PeopleWords& w = words();
  const auto kind = [&](std::string_view folded) { return kinds_of(w, folded); };
  for (std::size_t k = 1; k < tokens.size(); ++k) {
    const EntityToken& before = tokens[k - 1];
    if (tokens[k].folded != surname || !tokens[k].upper_initial || !before.upper_initial ||
        before.gap_after != GAP_SPACE || before.possessive)
      continue;
    if (std::find(given.begin(), given.end(), before.folded) != given.end()) continue;  // the name in full
    // Not the last word of the name: "MP Howard Flight" is no Howard.
    if (k + 1 < tokens.size() && tokens[k].gap_after == GAP_SPACE && tokens[k + 1].upper_initial) continue;
    if (has(w.regnal, before.folded)) return true;  // "King Hussein": a given name
    const std::uint32_t bits = kind(before.folded);
    if (bits & HONORIFIC) continue;  // "Mr Blair"
    if (bits & (TITLE | ROLE)) {
      // "Mr Justice Sullivan": a judge, styled by the office.
      if (k >= 2 && tokens[k - 2].gap_after == GAP_SPACE && (kind(tokens[k - 2].folded) & HONORIFIC)) return true;
      continue;  // "President Clinton", "Actress Roberts"
    }
    if (bits & GIVEN) return true;           // "Mike Leigh"
    if (before.sentence_start) continue;     // "Yesterday Blair said"
    return true;                             // "Hew Raymond Griffiths" (an unlisted given name)
  }
  return false;
}

namespace {
bool name_like(const EntityToken& t);
}  // namespace

std::optional<std::size_t> writes_as_a_name(const std::vector<EntityToken>& tokens,
                                            const std::vector<std::string>& name_words) {
  const PeopleWords& w = words();
  const std::size_t n = name_words.size();
  if (n < 2 || tokens.size() < n) return std::nullopt;
  // A word that makes a run something other than a person, or is a family noun or a
  // thing's, also in the plural: "Big Brother", "Scissor Sisters", "Lib Dem".
  constexpr std::uint32_t NOT_A_PERSON =
      TITLE | RANK | HONORIFIC | ROLE | ORG | COMPANY | NOT_NAME | MEMBER | NOUN_ENDING | THING | FAMILY;
  for (const std::string_view word : name_words)
    if ((kinds_of(w, word) & NOT_A_PERSON) ||
        (word.size() > 3 && word.ends_with('s') && (kinds_of(w, word.substr(0, word.size() - 1)) & NOT_A_PERSON)))
      return std::nullopt;
  // Whether a country's name or adjective ends just before tokens[k] ("England", "South African").
  const auto country_ends_at = [&](std::size_t k) {
    for (std::size_t j = k >= 3 ? k - 3 : 0; j < k; ++j)
      if (match_country_phrase(CountryTable::instance(), tokens, j, true).length == k - j) return true;
    return false;
  };
  // Whether the article writes `folded` in lower case somewhere: a sentence's first word
  // that it does ("With Jonny Wilkinson") is no part of a name.
  const auto written_lower = [&](std::string_view folded) {
    return std::any_of(tokens.begin(), tokens.end(), [&](const EntityToken& t) { return !t.upper_initial && t.folded == folded; });
  };
  const auto matches_at = [&](std::size_t k) {
    for (std::size_t i = 0; i < n; ++i) {
      const EntityToken& t = tokens[k + i];
      if (t.folded != name_words[i] || !name_like(t) ||
          (i + 1 < n && ((t.gap_after != GAP_SPACE && t.gap_after != GAP_HYPHEN) || t.possessive)))
        return false;
    }
    return true;
  };
  // A company's name wherever the article goes on from it with a company word ("Martin
  // Marietta Corp", "Hiram Walker Resources"), as the extractor judges runs.
  for (std::size_t k = 0; k + n < tokens.size(); ++k)
    if (matches_at(k) && tokens[k + n - 1].gap_after == GAP_SPACE && (kinds_of(w, tokens[k + n].folded) & (ORG | COMPANY)))
      return std::nullopt;
  for (std::size_t k = 0; k + n <= tokens.size(); ++k) {
    if (!matches_at(k)) continue;
    const EntityToken& last = tokens[k + n - 1];
    if (k + n < tokens.size() && last.gap_after == GAP_SPACE && !last.possessive && tokens[k + n].upper_initial)
      continue;  // "the Tim Henman Foundation"
    if (k > 0) {
      const EntityToken& before = tokens[k - 1];
      const std::uint32_t bits = kinds_of(w, before.folded);
      if (before.gap_after == GAP_SPACE && !before.possessive) {
        if (before.upper_initial && !(bits & (TITLE | RANK | HONORIFIC | ROLE | MEMBER)) && !country_ends_at(k) &&
            !(before.sentence_start && !(bits & GIVEN) && written_lower(before.folded)))
          continue;  // "Davis Hollywood", "Celebrity Big Brother": a longer run
        if (!before.upper_initial && (bits & THING)) continue;  // "the band Franz Ferdinand"
      }
    }
    return k;
  }
  return std::nullopt;
}

namespace {

// "Cooperation", "Dynamics", "Management": a word with a common noun's ending is no name.
bool has_common_noun_ending(const PeopleWords& w, std::string_view folded) {
  if (folded.empty() || w.ending_last_letters.find(folded.back()) == std::string::npos) return false;  // cheap test first
  for (const auto& ending : w.endings)
    if (folded.size() > ending.size() + 2 && folded.ends_with(ending)) return true;
  return false;
}

bool is_month_or_weekday(std::string_view folded) {
  static const WordSet WORDS = {"january", "february", "march",  "april",    "may",     "june",   "july",
                                 "august",  "september", "october", "november", "december", "monday", "tuesday",
                                 "wednesday", "thursday", "friday", "saturday", "sunday"};
  return has(WORDS, folded);
}

// Lower-case words that join the parts of one capitalised run: "Chancellor of the
// Exchequer", "Secretary of State"; name particles: "de la Madrid", "van den Broek".
bool is_connector(const EntityToken& t) {
  static const WordSet WORDS = {"of", "the", "for"};
  return !t.upper_initial && has(WORDS, t.folded);
}
bool is_particle(const EntityToken& t) {
  static const WordSet WORDS = {"de", "da", "di", "del", "della", "van", "von", "der", "den", "du", "la", "le",
                                 "al", "el",  "bin", "ibn", "ben", "dos", "das", "y", "ter", "zu", "abu", "bint"};
  return !t.upper_initial && has(WORDS, t.folded);
}

bool is_initial(const EntityToken& t) { return t.text.size() == 1 && t.upper_initial && t.period_after; }

// Could be part of a personal name: capitalised, not a number, not an acronym ("BBC").
bool name_like(const EntityToken& t) {
  return t.upper_initial && !t.number && (!t.all_upper || is_initial(t) || t.text.size() == 1);
}

bool only_space_after(const EntityToken& t) { return t.gap_after == GAP_SPACE; }


// A mention while the stages run: the group of its person, once stage 3 has found it.
struct Mention {
  std::size_t first = 0, last = 0;  // token range
  bool pinned = false;              // pinned_name is its name, whatever the tokens say
  std::string pinned_name;
  int group = -1;
};

}  // namespace

std::shared_ptr<const PinnedPeople> PinnedPeople::parse(std::string_view text) {
  auto people = std::make_shared<PinnedPeople>();
  Analyzer analyzer;
  std::istringstream lines{std::string(text)};
  for (std::string line; std::getline(lines, line);) {
    if (const auto hash = line.find('#'); hash != std::string::npos) line.resize(hash);
    std::replace(line.begin(), line.end(), '\t', '|');
    std::vector<std::string> names;
    std::istringstream fields(line);
    for (std::string field; std::getline(fields, field, '|');) {
      const auto begin = field.find_first_not_of(" \r");
      if (begin == std::string::npos) continue;
      names.push_back(field.substr(begin, field.find_last_not_of(" \r") - begin + 1));
    }
    if (names.empty()) continue;
    for (const auto& name : names) {
      std::string key = phrase_key(name, analyzer);
      if (key.empty()) continue;  // punctuation only: nothing a text could match
      people->longest_ = std::max<std::size_t>(people->longest_, std::count(key.begin(), key.end(), ' ') + 1);
      const bool non_ascii = std::any_of(key.begin(), key.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
      if (non_ascii && key.find(' ') == std::string::npos && !in_cased_script(key))
        people->unspaced_.emplace_back(key, names.front());
      people->by_alias_.emplace(std::move(key), names.front());
    }
  }
  return people;
}

std::shared_ptr<const PinnedPeople> PinnedPeople::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot read the people list");
  std::ostringstream content;
  content << in.rdbuf();
  return parse(content.str());
}

const std::string* PinnedPeople::canonical(std::string_view key) const {
  auto it = by_alias_.find(std::string(key));
  return it == by_alias_.end() ? nullptr : &it->second;
}

PeopleExtractor::PeopleExtractor(std::shared_ptr<const PinnedPeople> pinned)
    : pinned_(std::move(pinned)), countries_(CountryTable::instance()) {
  words();  // build the shared lists now rather than inside the first article
}

namespace {

// One article's search for people, in stages: the capitalised runs of its tokens are
// scanned (read_run), the candidates in each are trimmed and judged (consider), and the
// mentions found are joined into one group per person (name_people). Built per call of
// PeopleExtractor::find; holds what the stages share.
class PeopleFinder {
 public:
  PeopleFinder(const std::vector<EntityToken>& tokens, const CountryTable& countries, const PinnedPeople* pinned)
      : w_(words()), tokens_(tokens), n_(tokens.size()), countries_(countries), pinned_(pinned), kind_(n_, UNKNOWN) {
    // Words seen capitalised inside a sentence: a sentence-initial word is a name only if
    // it also appears so elsewhere ("Lukashenko says" yes, "Extremely interested" no).
    for (const auto& t : tokens_)
      if (t.upper_initial && !t.sentence_start) mid_sentence_.insert(t.folded);
    find_company_prefixes();
  }

  // Stage 1.
  std::vector<TokenSpan> runs() {
    std::vector<TokenSpan> out;
    for (std::size_t i = 0; i < n_;) {
      if (!name_like(tokens_[i])) {
        ++i;
        continue;
      }
      out.push_back({i, run_end(i)});
      i = out.back().last + 1;
    }
    return out;
  }

  // Stage 2.
  std::vector<PersonMention> mentions(const std::vector<TokenSpan>& runs) {
    for (const auto& run : runs) read_run(run.first, run.last);
    add_coordinated();
    std::vector<PersonMention> out;
    out.reserve(mentions_.size());
    for (const auto& m : mentions_) out.push_back({m.first, m.last, m.pinned ? m.pinned_name : std::string()});
    return out;
  }

  // Stage 3.
  std::vector<std::string> people(const std::vector<PersonMention>& mentions, std::vector<bool>& in_person) {
    mentions_.clear();
    for (const auto& m : mentions) mentions_.push_back({m.first, m.last, !m.canonical.empty(), m.canonical, -1});
    in_person.assign(n_, false);
    return name_people(in_person);
  }

 private:
  // Whether token k's word is in one of the lists `kinds`; looked up once, when first asked.
  bool is(std::size_t k, std::uint32_t kinds) {
    if (kind_[k] == UNKNOWN) {
      kind_[k] = kinds_of(w_, tokens_[k].folded);
      if (tokens_[k].upper_initial && has_common_noun_ending(w_, tokens_[k].folded)) kind_[k] |= NOUN_ENDING;
    }
    return (kind_[k] & kinds) != 0;
  }
  bool is_title(std::size_t k) { return is(k, TITLE | RANK | HONORIFIC); }
  bool is_personal_title(std::size_t k) { return is(k, RANK | HONORIFIC | ROLE); }
  // "Presidents", "Ministers", "Messrs": a title for several people.
  bool is_plural_title(std::string_view t) const {
    if (t == "messrs") return true;
    if (t.size() <= 3 || t.back() != 's') return false;
    const std::string_view one = t.substr(0, t.size() - 1);
    return (has(w_.role, one) || has(w_.rank, one)) && has(w_.rank, t);
  }

  std::string key_of(std::size_t first, std::size_t last) const {
    std::string key;
    for (std::size_t k = first; k <= last; ++k) {
      if (k > first) key += ' ';
      key += tokens_[k].folded;
    }
    return key;
  }

  // The number of words of a country's name (unambiguous) starting at `at` and ending by
  // `last`; 0 when none does.
  std::size_t names_country(std::size_t at, std::size_t last) const {
    // A city that the table knows only from datelines ("Montreal") is no name either.
    if (at == last && countries_.dateline_place(dotless_key(tokens_[at].folded))) return 1;
    const CountryMatch match = match_country_phrase(countries_, tokens_, at, true);
    if (match.length == 0 || at + match.length - 1 > last) return 0;
    for (const auto& p : *match.phrases)
      if (!p.ambiguous) return match.length;
    return 0;
  }

  // Companies the article names with a designator ("Security Pacific Corp", "General
  // Dynamics Corp"): the runs of capitalised words that begin such a name. A run that is
  // one of them elsewhere in the article is the company ("Security Pacific said",
  // "General Dynamics will"), whatever title or speech verb surrounds it. Names ending
  // in another organisation word ("General Public Utilities", "Reagan Administration")
  // count from two words on: a lone "Reagan" stays a person.
  void find_company_prefixes() {
    const auto joins_next = [](const EntityToken& t) {
      return name_like(t) && !t.possessive && (t.gap_after == GAP_SPACE || t.gap_after == GAP_HYPHEN);
    };
    for (std::size_t k = 1; k < n_; ++k) {
      if (!tokens_[k].upper_initial || !joins_next(tokens_[k - 1])) continue;
      const bool company = is(k, COMPANY);
      if (!company && !is(k, ORG) && !is(k, NOUN_ENDING)) continue;
      std::size_t s = k;
      while (s > 0 && k - s < 5 && joins_next(tokens_[s - 1])) --s;
      while (s < k && is(s, NOT_NAME)) ++s;  // "The Japan Fund Inc"
      for (std::size_t e = company ? s : s + 1; e < k; ++e) company_prefixes_.insert(key_of(s, e));
    }
  }
  bool is_company_prefix(std::size_t first, std::size_t last) const {
    return !company_prefixes_.empty() && company_prefixes_.contains(key_of(first, last));
  }

  // A firm from the firm list starting at `c`, also across commas ("Kidder, Peabody and
  // Co", "Bear, Stearns and Co").
  bool firm_at(std::size_t c) const {
    std::string key;
    for (std::size_t k = c; k < n_ && k < c + w_.longest_firm; ++k) {
      if (k > c) key += ' ';
      key += tokens_[k].folded;
      if (has(w_.firm, key)) return true;
      if (tokens_[k].gap_after & (GAP_STOP | GAP_PUNCT | GAP_PARAGRAPH)) break;
    }
    return false;
  }

  // --- Stage 1: capitalised runs ------------------------------------------------------

  // The last token of the capitalised run from `a`: names, initials, hyphenated parts,
  // connectors inside.
  std::size_t run_end(std::size_t a) {
    std::size_t b = a;
    while (b + 1 < n_ && !tokens_[b].possessive) {
      const auto gap = tokens_[b].gap_after;
      if ((gap & GAP_HYPHEN) && !tokens_[b + 1].number) {
        ++b;
        continue;
      }
      if (gap != GAP_SPACE) break;
      if (name_like(tokens_[b + 1])) {
        ++b;
        continue;
      }
      // "and" between two department words belongs to one title: "Minister of Mines and
      // Energy Subroto", "Secretary of Trade and Industry Jose Concepcion".
      if (b + 2 < n_ && tokens_[b + 1].folded == "and" && !tokens_[b + 1].upper_initial &&
          only_space_after(tokens_[b + 1]) && is(b, TITLE) && tokens_[b + 2].upper_initial && is(b + 2, TITLE)) {
        b += 2;
        continue;
      }
      std::size_t k = b + 1;
      // Particles may be joined by a hyphen: "Ali al-Khalifa al-Sabah".
      while (k < n_ && k <= b + 2 && (is_connector(tokens_[k]) || is_particle(tokens_[k])) &&
             (only_space_after(tokens_[k]) || (is_particle(tokens_[k]) && tokens_[k].gap_after == GAP_HYPHEN)))
        ++k;
      if (k > b + 1 && k < n_ && name_like(tokens_[k])) {
        b = k;
        continue;
      }
      break;
    }
    return b;
  }

  // A newsroom's pinned names in the run [a, b]: mentions of their own. True when any was found.
  bool find_pinned(std::size_t a, std::size_t b) {
    if (!pinned_ || pinned_->empty()) return false;
    bool found = false;
    for (std::size_t s = a; s <= b; ++s) {
      for (std::size_t e = std::min(b, s + pinned_->longest_alias() - 1) + 1; e-- > s;) {
        if (const std::string* name = pinned_->canonical(key_of(s, e))) {
          mentions_.push_back({s, e, true, *name, -1});
          found = true;
          s = e;
          break;
        }
      }
    }
    return found;
  }

  // A given name alone after a family noun and a possessive surname takes that surname:
  // "Mr Eavis' daughter Emily" is Emily Eavis, "Mr Blair's wife Cherie" Cherie Blair (but
  // "Prince Charles's son William", whose possessor is a given name, is left alone).
  bool family_member(std::size_t a, std::size_t b) {
    if (!(a == b && a >= 2 && is(a, GIVEN) && only_space_after(tokens_[a - 1]) && !tokens_[a - 1].upper_initial &&
          is(a - 1, FAMILY) && tokens_[a - 2].possessive && name_like(tokens_[a - 2]) &&
          only_space_after(tokens_[a - 2]) && !is(a - 2, GIVEN | TITLE | ORG | COMPANY) && !tokens_[a - 2].all_upper))
      return false;
    mentions_.push_back({a, a, true, std::string(tokens_[a].text) + " " + std::string(tokens_[a - 2].text), -1});
    return true;
  }

  // The kind of thing named just before the run, or as its first word when no title
  // follows in the run: "the band Franz Ferdinand", "Bookmaker William Hill" (but "Band
  // Aid Prime Minister Tony Blair", a headline run into its text, holds a person).
  bool names_a_thing(std::size_t a, std::size_t b) {
    if (a > 0 && only_space_after(tokens_[a - 1]) && !tokens_[a - 1].upper_initial && is(a - 1, THING)) return true;
    if (a == b || !is(a, THING)) return false;
    for (std::size_t k = a + 1; k <= b; ++k)
      if (is_title(k)) return false;
    return true;
  }

  // The last title of the run [a, b] that a name follows ("Chancellor of the Exchequer
  // Nigel Lawson"), or b + 1 when there is none.
  std::size_t title_before_name(std::size_t a, std::size_t b) {
    for (std::size_t k = b; k-- > a;) {
      if (!is_title(k) || !tokens_[k].upper_initial) continue;
      // After a given name or a particle a title word is part of the name: "Roger
      // King", "John Pope Jr", "Zaid bin Sultan al-Nahayan".
      if (k > a && (is(k - 1, GIVEN) || is_particle(tokens_[k - 1]))) continue;
      bool name_after = false;
      for (std::size_t m = k + 1; m <= b; ++m) name_after = name_after || (!is_connector(tokens_[m]) && !is_title(m));
      bool personal = false;
      for (std::size_t m = a; m <= k; ++m) personal = personal || is_personal_title(m);
      return name_after && personal ? k : b + 1;
    }
    return b + 1;
  }

  // The run [a, b]: pinned names, a family member, a thing named, or the candidates in it.
  void read_run(std::size_t a, std::size_t b) {
    if (find_pinned(a, b) || is_company_prefix(a, b) || family_member(a, b) || names_a_thing(a, b)) return;
    const std::size_t title = title_before_name(a, b);
    // A lower-case role just before the run, or a plural title before the run joined to
    // this one by "and": "Presidents Reagan and Gorbachev", "Prime Ministers Zhao Ziyang
    // of China and Anibal Cavaco Silva of Portugal".
    const bool role_before = a > 0 && only_space_after(tokens_[a - 1]) &&
                             ((!tokens_[a - 1].upper_initial && is(a - 1, ROLE)) ||
                              (a >= 2 && plural_title_end_ == a - 2 && tokens_[a - 1].folded == "and" &&
                               !tokens_[a - 1].upper_initial && only_space_after(tokens_[a - 2])));
    // A title joined by "of" to one word names an office or a work, not a person: "Lord
    // of the Rings", "Master of the Rolls" (a name follows a title directly, or after a
    // longer run: "Chancellor of the Exchequer Nigel Lawson").
    if (title < b && is_connector(tokens_[title + 1]) && !is_connector(tokens_[b]) && is_connector(tokens_[b - 1]))
      return;
    if (title <= b) {
      plural_title_end_ = is_plural_title(tokens_[title].folded) ? b : SIZE_MAX;
      consider(title + 1, b, true, a);
      return;
    }
    // No title: the parts between "of"/"the"/"for" are candidates of their own.
    std::size_t start = a;
    for (std::size_t k = a; k <= b + 1; ++k) {
      if (k == b + 1 || is_connector(tokens_[k])) {
        if (k > start) consider(start, k - 1, start == a && role_before, start);
        start = k + 1;
      }
    }
  }

  // --- Stage 2: candidates ------------------------------------------------------------

  // Leading words that cannot start a name: connectors, particles, sentence openers
  // (but "Jan" of "Jan de Vries" is a given name), department words of a title that
  // names no person ("Organisation for Economic Cooperation and Development Jean-Claude
  // Paye said"), and countries.
  void strip_leading(std::size_t& c, std::size_t d, bool evidence) {
    while (c <= d && (is_connector(tokens_[c]) || is_particle(tokens_[c]) ||
                      (is(c, NOT_NAME) && !(c < d && is(c, GIVEN))) || (!evidence && is(c, TITLE))))
      ++c;
    while (c <= d)
      if (const std::size_t skip = names_country(c, d); skip > 0 && c + skip <= d) c += skip;
      else break;
  }

  // A demonym: one word ending as demonyms do, no given name or initial ("New Yorker",
  // "Texan", "Frenchman").
  bool demonym(std::size_t k) {
    const std::string_view f = tokens_[k].folded;
    return !is(k, GIVEN) && !is_initial(tokens_[k]) && f.size() > 3 &&
           (f.ends_with("man") || f.ends_with("er") || f.ends_with("an") || f.ends_with("ese"));
  }

  // Narrows [c, d] to the words that may be a name; false when none are left.
  bool trim(std::size_t& c, std::size_t& d, bool evidence) {
    strip_leading(c, d, evidence);
    if (c > d) return false;
    // A party member is described, then named: "Christian Democrat Andreotti".
    for (std::size_t k = d; k-- > c;)
      if (is(k, MEMBER)) {
        c = k + 1;
        break;
      }
    // A demonym before a given name is no part of the name: "New Yorker William
    // Trowbridge", "Texan Michael Chicoine", "Frenchman Arnaud Clement", when a surname
    // follows the given name.
    if (!evidence && !is(c, GIVEN))
      for (std::size_t k = c + 1; k <= c + 2 && k < d; ++k)
        if (is(k, GIVEN) && name_like(tokens_[k + 1]) && demonym(k - 1)) {
          c = k;
          break;
        }
    // The name ends before "of": "Zhao Ziyang of China", "Rosemarie Morbelli of Ingalls".
    for (std::size_t k = c + 1; k <= d; ++k)
      if (is_connector(tokens_[k])) {
        d = k - 1;
        break;
      }
    while (d >= c && d > 0 && (is_connector(tokens_[d]) || is_particle(tokens_[d]))) --d;
    return c <= d;
  }

  // What follows a candidate [c, d] whose part of a run starts at `part_start`.
  struct After {
    bool speaks = false;      // a speech verb: "Satoshi Sumita said"
    bool apposition = false;  // a role set off by a comma: "Wang Yi, China's top diplomat"
  };
  After after(std::size_t d, std::size_t part_start) {
    After found;
    // A speech verb also counts after a name set off by commas: "the governor of the Bank
    // of Greece, Dimitris Halikias, said". An apposition's capitalised role names no one
    // after it: "Beryl Sprinkel, Chairman of the Council".
    const auto gap = tokens_[d].gap_after;
    const bool set_off = part_start > 0 && (tokens_[part_start - 1].gap_after & GAP_COMMA) &&
                         !(tokens_[part_start - 1].gap_after & GAP_STOP);
    found.speaks = d + 1 < n_ && !tokens_[d].possessive && is(d + 1, SPEECH) &&
                   (gap == GAP_SPACE || (set_off && (gap & ~GAP_SPACE) == GAP_COMMA));
    if (!(gap & GAP_COMMA) || (gap & GAP_STOP)) return found;
    for (std::size_t k = d + 1; k < n_ && k <= d + 6; ++k) {
      if (is(k, ROLE) &&
          (!tokens_[k].upper_initial || !(k + 1 < n_ && only_space_after(tokens_[k]) && name_like(tokens_[k + 1])))) {
        found.apposition = true;
        break;
      }
      if (tokens_[k].gap_after & (GAP_COMMA | GAP_STOP | GAP_PUNCT | GAP_PARAGRAPH)) break;
    }
    return found;
  }

  // A sentence's first word is a name only if the article confirms it: written so
  // mid-sentence elsewhere ("Lukashenko says" yes, "Extremely interested" no), a given
  // name, or the first of several words in apposition with a role that the article
  // never uses as a common word ("Beryl Sprinkel, chairman of ..."). A speech verb does
  // not confirm it: firms open stories too ("Diamond Shamrock said"). Moves `c` past an
  // unconfirmed first word; false when the rest is no candidate either.
  bool confirm_sentence_start(std::size_t& c, std::size_t d, bool evidence, bool apposition) {
    if (evidence || !tokens_[c].sentence_start || is(c, GIVEN) || mid_sentence_.contains(tokens_[c].folded))
      return true;
    bool confirmed = c < d && apposition && !is(c, ROLE);
    for (std::size_t k = 0; k < n_ && confirmed; ++k)
      if (!tokens_[k].upper_initial && tokens_[k].folded == tokens_[c].folded) confirmed = false;
    if (confirmed) return true;
    // The unknown first word of a run of several is more likely the start of one proper
    // name than a word before a person ("Advanced Micro Devices said"): the rest is a
    // name only with a given name or a title.
    const bool joined = c < d && !(tokens_[c].gap_after & ~(GAP_SPACE | GAP_HYPHEN));
    ++c;
    strip_leading(c, d, evidence);
    return !(joined && c <= d && !is(c, GIVEN));
  }

  // Whether the words [c, d] are something other than a person's name: numbers, acronyms,
  // organisations, months, places, titles of works, firms, titles or initials alone.
  bool not_a_name(std::size_t c, std::size_t d, std::size_t length) {
    for (std::size_t k = c; k <= d; ++k) {
      const auto& t = tokens_[k];
      // An organisation word that is also a given name begins a name: "Bill Clinton",
      // but "the Farm Bill".
      const bool given_first = k == c && c < d && is(k, GIVEN);
      if (t.number || (t.all_upper && t.text.size() > 1) || (is(k, ORG | COMPANY | NOUN_ENDING) && !given_first) ||
          is_month_or_weekday(t.folded))
        return true;
      // A place after a given name and a particle is a surname: "Miguel de la Madrid".
      if (names_country(k, d) > 0 && !(k > c && is_particle(tokens_[k - 1]) && is(c, GIVEN))) return true;
    }
    // A capitalised little word inside the run makes it a title of a work: "Rolf On Art",
    // "Lord Of The Rings", "Jonathan Strange And Mr Norrell".
    static const WordSet LITTLE = {"on", "in", "at", "of", "the", "and", "for", "to", "with", "a", "an"};
    for (std::size_t k = c + 1; k <= d; ++k)
      if (tokens_[k].upper_initial && has(LITTLE, tokens_[k].folded)) return true;
    if (firm_at(c) || is_company_prefix(c, d)) return true;
    if (length == 1 && is(c, NOT_NAME)) return true;
    // "Jr" alone; "the West Virginia Democrat"; a department word last ("the Christian
    // Democratic wing"; ranks such as "John Major" are surnames) or a plural title
    // ("Farm-state Senators"); "Santa Fe", "Sao Paulo", "Rio de Janeiro".
    if (is(c, SUFFIX) || is(d, MEMBER) || (is(d, TITLE) && !is(d, RANK)) || is_plural_title(tokens_[d].folded))
      return true;
    // Titles only ("Attorney General"), initials only ("E. D.").
    bool titles_only = true, initials_only = true;
    for (std::size_t k = c; k <= d; ++k) {
      titles_only = titles_only && (!name_like(tokens_[k]) || is_title(k));
      initials_only = initials_only && (!name_like(tokens_[k]) || tokens_[k].text.size() == 1);
    }
    if (titles_only || initials_only) return true;
    return d > c && (is(c, PLACE) || countries_.dateline_place(dotless_key(key_of(c, d))));
  }

  // A candidate name [c, d] from the part of a run that starts at `part_start`;
  // `evidence` when a title, role or honorific stands before it. Accepted as a mention,
  // kept as a coordinated candidate (two or three words with no evidence of their own: a
  // person when joined by "and" to a person just before, "Jason Robinson and Josh
  // Lewsey"), or dropped.
  void consider(std::size_t c, std::size_t d, bool evidence, std::size_t part_start) {
    if (!trim(c, d, evidence)) return;
    const After next = after(d, part_start);
    if (!confirm_sentence_start(c, d, evidence, next.apposition)) return;
    if (c > d || !name_like(tokens_[c])) return;
    // Particles do not count: "Ali al-Khalifa al-Sabah" is three words of a name.
    std::size_t length = 0;
    for (std::size_t k = c; k <= d; ++k) length += name_like(tokens_[k]) ? 1 : 0;
    if (length > 4 || not_a_name(c, d, length)) return;
    // One hyphenated word ("Allis-Chalmers", "Borg-Warner") is as often a firm as a
    // person: without a title it needs a second word.
    bool spaced = false;
    for (std::size_t k = c; k < d; ++k) spaced = spaced || !(tokens_[k].gap_after & GAP_HYPHEN);
    bool accepted = evidence;
    if (!accepted && length >= 2 && spaced) {
      const bool quoted = part_start > 0 && only_space_after(tokens_[part_start - 1]) && is(part_start - 1, QUOTE);
      accepted = is(c, GIVEN) || next.speaks || quoted || next.apposition;
    }
    if (accepted) mentions_.push_back({c, d, false, {}, -1});
    else if (length >= 2 && length <= 3 && spaced) coordinated_.push_back({c, d, false, {}, -1});
  }

  // Coordinated candidates listed next to a full name found with evidence become
  // mentions: joined to it by "and" ("Jason Robinson and Josh Lewsey", "Mefin Davies and
  // Stephen Jones") or by a comma ("Michael Owen, Gethin Jenkins, Dwayne Peel and Gavin
  // Henson"), before or after it. Only names with evidence vouch: taking the candidates
  // they vouch for as vouching in turn found almost nothing more.
  void add_coordinated() {
    // Words before a thing, a group or a place, not a person: "the Black Eyed Peas and
    // Alicia Keys", "a gold field in Grand Bois".
    static const WordSet NOT_BEFORE_A_PERSON = {"the", "a", "an", "so-called", "their", "its", "our",
                                                "in", "at", "near", "into"};
    // Most articles list no candidate: the tables below are not worth building for them.
    if (coordinated_.empty()) return sort_mentions();
    // Indexed by token, so that a list of thousands of names costs linear time: which
    // full names found with evidence start and end where, and where each candidate or
    // mention that starts at a token ends.
    constexpr std::size_t NONE = static_cast<std::size_t>(-1);
    std::vector<char> full_first(n_, 0), full_last(n_, 0);
    for (const Mention& p : mentions_)
      if (p.last > p.first) full_first[p.first] = full_last[p.last] = 1;
    std::vector<std::size_t> span_last(n_, NONE);
    for (const auto* list : {&mentions_, &coordinated_})
      for (const Mention& p : *list)
        if (span_last[p.first] == NONE) span_last[p.first] = p.last;
    const auto comma_after = [&](std::size_t k) { return tokens_[k].gap_after == (GAP_SPACE | GAP_COMMA); };
    const auto and_at = [&](std::size_t k) {
      return tokens_[k].folded == "and" && !tokens_[k].upper_initial && only_space_after(tokens_[k]);
    };
    // A comma joins the items of a list only in an enumeration that "and" ends ("A, B, C
    // and D"); elsewhere it sets off an apposition ("the previous High Commissioner, Ann
    // Grant", "Rhodri Glyn Thomas, Plaid Cymru health spokesman"). Whether the list that
    // goes on after the name ending at a token is one, kept for every name it passes.
    std::vector<signed char> enumeration_after(n_, -1);
    const auto enumerated = [&](const Mention& m) {
      std::vector<std::size_t> passed;
      bool ends_with_and = false;
      for (std::size_t j = m.last;;) {
        if (enumeration_after[j] >= 0) {
          ends_with_and = enumeration_after[j] != 0;
          break;
        }
        passed.push_back(j);
        if (j + 1 < n_ && comma_after(j)) {
          if (span_last[j + 1] == NONE) break;
          j = span_last[j + 1];
        } else {
          ends_with_and = j + 2 < n_ && only_space_after(tokens_[j]) && and_at(j + 1) && span_last[j + 2] != NONE;
          break;
        }
      }
      for (std::size_t j : passed) enumeration_after[j] = ends_with_and ? 1 : 0;
      return ends_with_and;
    };
    for (const Mention& m : coordinated_) {
      if (m.first >= 1 && !tokens_[m.first - 1].upper_initial && only_space_after(tokens_[m.first - 1]) &&
          has(NOT_BEFORE_A_PERSON, tokens_[m.first - 1].folded))
        continue;
      const bool before = m.first >= 1 && comma_after(m.first - 1) && full_last[m.first - 1];
      const bool and_before =
          m.first >= 2 && and_at(m.first - 1) && only_space_after(tokens_[m.first - 2]) && full_last[m.first - 2];
      const bool after = m.last + 1 < n_ && comma_after(m.last) && full_first[m.last + 1];
      const bool and_after =
          m.last + 2 < n_ && only_space_after(tokens_[m.last]) && and_at(m.last + 1) && full_first[m.last + 2];
      if (!((before || after) && enumerated(m)) && !and_before && !and_after) continue;
      // Three words, the first a plural and the second a given name: the first is a
      // plural title or a word of the sentence ("Justices Lewis Powell, Sandra O'Connor
      // and Antonin Scalia", "Sprinters Kostas Kenteris and Katerina Thanou").
      Mention named = m;
      if (m.last == m.first + 2 && tokens_[m.first].folded.back() == 's' && !is(m.first, GIVEN) &&
          is(m.first + 1, GIVEN))
        ++named.first;
      mentions_.push_back(named);
    }
    sort_mentions();
  }
  void sort_mentions() {
    std::sort(mentions_.begin(), mentions_.end(), [](const Mention& x, const Mention& y) { return x.first < y.first; });
  }

  // --- Stage 3: one group per person ---------------------------------------------------

  struct Group {
    std::vector<std::string_view> words;  // folded words of the canonical form
    std::string name;
    std::size_t first_mention;
  };

  std::vector<std::string_view> words_of(const Mention& m) const {
    std::vector<std::string_view> out;
    for (std::size_t k = m.first; k <= m.last; ++k) out.push_back(tokens_[k].folded);
    return out;
  }
  std::string text_of(const Mention& m) const {
    std::string out;
    for (std::size_t k = m.first; k <= m.last; ++k) {
      out += tokens_[k].text;
      if (is_initial(tokens_[k])) out += '.';
      if (k < m.last) out += (tokens_[k].gap_after & GAP_HYPHEN) ? '-' : ' ';
    }
    return out;
  }

  // A full name starts a group, unless it is part of one already seen ("Otto Poehl"
  // after "Karl Otto Poehl").
  void group_full_names() {
    const auto ends_with = [](const std::vector<std::string_view>& longer, const std::vector<std::string_view>& shorter) {
      return shorter.size() <= longer.size() && std::equal(shorter.rbegin(), shorter.rend(), longer.rbegin());
    };
    for (auto& m : mentions_) {
      if (!m.pinned && m.first == m.last) continue;
      const auto ws = words_of(m);
      for (std::size_t g = 0; g < groups_.size() && m.group < 0; ++g) {
        if (m.pinned ? groups_[g].name == m.pinned_name
                     : (ends_with(groups_[g].words, ws) || ends_with(ws, groups_[g].words)))
          m.group = static_cast<int>(g);
      }
      if (m.group < 0) {
        m.group = static_cast<int>(groups_.size());
        groups_.push_back({ws, m.pinned ? m.pinned_name : text_of(m), m.first});
      }
    }
  }

  // The group a single word at `at` joins: the full name whose surname it is (or, for
  // family-name-first names such as "Xi Jinping", whose first word it is; and after
  // "Sir" or "Dame", which go with the given name: "Sir John" is Sir John Stevens), the
  // nearest one before it. -1 for none.
  int group_for_word(std::string_view word, std::size_t at) const {
    const bool knighted = at > 0 && (tokens_[at - 1].folded == "sir" || tokens_[at - 1].folded == "dame") &&
                          tokens_[at - 1].upper_initial && only_space_after(tokens_[at - 1]);
    int best = -1;
    for (std::size_t g = 0; g < groups_.size(); ++g) {
      const auto& gw = groups_[g].words;
      if (gw.size() < 2) continue;
      const bool surname = gw.back() == word;
      const bool family_first = gw.front() == word && (knighted || !has(w_.given, word));
      if (!surname && !family_first) continue;
      if (best < 0 || (groups_[g].first_mention <= at &&
                       groups_[g].first_mention > groups_[static_cast<std::size_t>(best)].first_mention))
        best = static_cast<int>(g);
    }
    return best;
  }

  // Single words join a full name, or a single word seen before, or start a group.
  void group_single_words() {
    for (auto& m : mentions_) {
      if (m.group >= 0) continue;
      m.group = group_for_word(tokens_[m.first].folded, m.first);
      for (std::size_t g = 0; g < groups_.size() && m.group < 0; ++g)
        if (groups_[g].words.size() == 1 && groups_[g].words.front() == tokens_[m.first].folded)
          m.group = static_cast<int>(g);
      if (m.group < 0) {
        m.group = static_cast<int>(groups_.size());
        groups_.push_back({words_of(m), text_of(m), m.first});
      }
    }
  }

  // The people's names in order of first mention; marks the tokens of every mention.
  std::vector<std::string> name_people(std::vector<bool>& in_person) {
    group_full_names();
    group_single_words();
    std::vector<std::pair<std::size_t, int>> first_seen(groups_.size(), {SIZE_MAX, 0});
    for (const auto& m : mentions_) {
      for (std::size_t k = m.first; k <= m.last; ++k) in_person[k] = true;
      auto& seen = first_seen[static_cast<std::size_t>(m.group)];
      seen = {std::min(seen.first, m.first), m.group};
    }
    // Later bare mentions of a known surname mark their tokens too (countries skip them).
    for (std::size_t k = 0; k < n_; ++k)
      if (!in_person[k] && name_like(tokens_[k]) && group_for_word(tokens_[k].folded, k) >= 0) in_person[k] = true;
    std::sort(first_seen.begin(), first_seen.end());
    std::vector<std::string> names;
    for (const auto& [at, g] : first_seen) {
      if (at == SIZE_MAX) continue;
      const std::string& name = groups_[static_cast<std::size_t>(g)].name;
      if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    }
    return names;
  }

  const PeopleWords& w_;
  const std::vector<EntityToken>& tokens_;
  const std::size_t n_;
  const CountryTable& countries_;
  const PinnedPeople* pinned_;
  std::vector<std::uint32_t> kind_;                      // per token: its Kind bits, or UNKNOWN
  std::unordered_set<std::string_view> mid_sentence_;    // words capitalised inside a sentence
  std::unordered_set<std::string> company_prefixes_;     // keys of runs that begin a company's name
  std::vector<Mention> mentions_;
  std::vector<Mention> coordinated_;
  std::size_t plural_title_end_ = SIZE_MAX;  // where the last run with a plural title ended
  std::vector<Group> groups_;
};

}  // namespace

std::vector<std::string> PeopleExtractor::find(const std::vector<EntityToken>& tokens,
                                               std::vector<bool>& in_person) const {
  PeopleFinder finder(tokens, countries_, pinned_.get());
  return finder.people(finder.mentions(finder.runs()), in_person);
}

std::vector<TokenSpan> PeopleExtractor::capitalised_runs(const std::vector<EntityToken>& tokens) const {
  return PeopleFinder(tokens, countries_, pinned_.get()).runs();
}

std::vector<PersonMention> PeopleExtractor::mentions(const std::vector<EntityToken>& tokens,
                                                     const std::vector<TokenSpan>& runs) const {
  return PeopleFinder(tokens, countries_, pinned_.get()).mentions(runs);
}

std::vector<std::string> PeopleExtractor::people(const std::vector<EntityToken>& tokens,
                                                 const std::vector<PersonMention>& mentions,
                                                 std::vector<bool>& in_person) const {
  return PeopleFinder(tokens, countries_, pinned_.get()).people(mentions, in_person);
}

std::vector<std::string> PeopleExtractor::find_in_capitals(const std::vector<EntityToken>& tokens,
                                                           const std::vector<EntityToken>& text) const {
  const PeopleWords& w = words();
  std::vector<std::string> names;
  // Used in the text as a common word ("paper") or as a company ("Pennzoil Co").
  auto common_or_company = [&](std::string_view folded) {
    for (std::size_t k = 0; k < text.size(); ++k) {
      if (text[k].folded != folded) continue;
      if (!text[k].upper_initial) return true;
      if (k + 1 < text.size() && (has(w.org, text[k + 1].folded) || has(w.firm, folded))) return true;
    }
    return false;
  };
  // Named in the text, but never as a person: never after a given name, an initial or a
  // title ("Chancellor Nigel Lawson"), never speaking mid-sentence ("..., Lawson said").
  auto named_but_not_as_person = [&](std::string_view folded) {
    bool named = false;
    for (std::size_t k = 0; k < text.size(); ++k) {
      if (text[k].folded != folded || !text[k].upper_initial) continue;
      named = true;
      if (k == 0) continue;
      const EntityToken& u = text[k - 1];
      if (u.upper_initial && only_space_after(u) &&
          (has(w.given, u.folded) || is_initial(u) || has(w.title, u.folded) || has(w.rank, u.folded) ||
           has(w.honorific, u.folded)))
        return false;
      if (!text[k].sentence_start && k + 1 < text.size() && only_space_after(text[k]) && !text[k].possessive &&
          has(w.quote, text[k + 1].folded))
        return false;
    }
    return named;
  };
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const EntityToken& t = tokens[i];
    if (i == 0) {
      const bool speaks = tokens.size() > 1 && t.gap_after == GAP_SPACE && has(w.speech, tokens[1].folded);
      if (!speaks || t.folded.size() < 5 || !t.upper_initial || t.number || t.text.find('.') != std::string_view::npos ||
          has(w.title, t.folded) || has(w.honorific, t.folded) || has(w.org, t.folded) ||
          has(w.not_name, t.folded) || has(w.role, t.folded) || has(w.firm, t.folded) ||
          match_country_phrase(countries_, tokens, 0, false).length > 0 || common_or_company(t.folded))
        continue;
      // Firms open headlines as often as people do ("ALUSUISSE PLANS ...", "NABISCO
      // SEES ..."): a word the text names, but never as a person, is no person.
      if (named_but_not_as_person(t.folded)) continue;
      std::string name(t.text.substr(0, 1));
      name += t.folded.substr(1);
      names.push_back(std::move(name));
      continue;
    }
    const EntityToken& before = tokens[i - 1];
    if (t.number || t.folded.size() < 3 || !t.upper_initial || t.possessive) continue;
    if (t.text.find('.') != std::string_view::npos) continue;
    if (has(w.title, t.folded) || has(w.honorific, t.folded) || has(w.org, t.folded) || has(w.not_name, t.folded) ||
        has(w.speech, t.folded) || has(w.role, t.folded) || has(w.firm, t.folded) || has(w.given, t.folded))
      continue;
    if (match_country_phrase(countries_, tokens, i, false).length > 0) continue;
    if ((before.gap_after & ~GAP_SPACE) != 0) continue;
    // Only a title that is itself a person ("PRESIDENT", "MR"), not a department
    // ("TRADE SURPLUS").
    const bool after_title = (has(w.role, before.folded) || has(w.honorific, before.folded)) && !before.possessive;
    const bool speaks = i + 1 < tokens.size() && tokens[i].gap_after == GAP_SPACE && has(w.speech, tokens[i + 1].folded);
    // After a title, the word must speak or be written as a name in the text too:
    // "CHAIRMAN DIES" is no person.
    bool named_in_text = false;
    for (const auto& u : text) named_in_text = named_in_text || (u.folded == t.folded && u.upper_initial && !u.sentence_start);
    if (!((after_title && (speaks || named_in_text)) || (before.possessive && speaks))) continue;
    if (common_or_company(t.folded)) continue;
    // Title case: first letter as written, the rest lower case ("BAKER" -> "Baker").
    std::string name(t.text.substr(0, 1));
    name += t.folded.substr(1);
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(std::move(name));
  }
  return names;
}

}  // namespace newsdex
