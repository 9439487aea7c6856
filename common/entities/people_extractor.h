// People mentioned in news text, by rules over capitalised runs of words: a title or
// role before a name ("Treasury Secretary James Baker", "spokesman Wang Wenbin",
// "President Reagan"), a given name, a speech verb after it ("Satoshi Sumita said"), an
// apposition ("Wang Yi, China's top diplomat"). Later surname-only mentions join the full
// name ("Lukashenko said" -> "Alexander Lukashenko"). Organisations, places, months and
// sentence-initial words are not people. The word lists are data (common/entities/data/).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "entities/country_table.h"
#include "entities/entity_tokens.h"

namespace newsdex {

// A newsroom's own canonical names: one person per line, the canonical name first, then
// its aliases, separated by "|" or tabs ("Volodymyr Zelensky | Zelenskyy | Zelenskiy");
// "#" starts a comment. Immutable once loaded; share one between threads.
class PinnedPeople {
 public:
  // Throws std::runtime_error naming the file when it cannot be read.
  static std::shared_ptr<const PinnedPeople> load(const std::string& path);
  // From text in the same format. Names of punctuation only are skipped.
  static std::shared_ptr<const PinnedPeople> parse(std::string_view text);

  // The canonical name for a phrase key (see phrase_key()), or nullptr.
  const std::string* canonical(std::string_view key) const;
  std::size_t longest_alias() const { return longest_; }  // in words
  bool empty() const { return by_alias_.empty(); }
  // Aliases in scripts written without capitals or spaces ("普京"), folded, with their
  // canonical names: found inside a run of such text, where no capital marks a name.
  const std::vector<std::pair<std::string, std::string>>& unspaced() const { return unspaced_; }

 private:
  std::unordered_map<std::string, std::string> by_alias_;
  std::vector<std::pair<std::string, std::string>> unspaced_;
  std::size_t longest_ = 0;
};

// Whether `folded` (a folded word) ends a company's name: "corp", "bank", "holdings"
// (the company list of common/entities/data/people_words.tsv).
bool is_company_word(std::string_view folded);

// Whether `folded` (a folded word) is a listed given name (common/entities/data/given_names.txt).
bool is_given_name(std::string_view folded);

// Whether `tokens` (an article's text) write `surname` (folded) as another person's than
// the one whose folded given names are `given`: right after a capitalised word that is
// neither one of those names, an honorific, nor a title or role ("Mike Leigh", "Hew
// Raymond Griffiths"), after a monarch's title, which a given name follows ("King
// Hussein"), or after an honorific and a title ("Mr Justice Sullivan"). "Mr
// Blair", "President Clinton", a possessive ("Labour's Brown") and a word that a longer
// name goes on from ("MP Howard Flight") are not.
bool names_another_bearer(const std::vector<EntityToken>& tokens, std::string_view surname,
                          const std::vector<std::string_view>& given);

// Whether `tokens` (an article's text) write the full name whose folded words are
// `name_words` as a name: its words capitalised and next to each other, in a capitalised
// run that is the name alone or follows a title, role, honorific or demonym ("Third seed
// Tim Henman", "Briton Tim Henman", "Britain's Tim Henman"); not inside a longer name
// ("the Tim Henman Foundation"), nor after a noun for a thing ("the band Franz
// Ferdinand"). An article can name someone whom the extractor, lacking evidence in it,
// did not take for a person; the archive, having seen the name with evidence, can.
// Returns the index of the first token of the first such mention.
std::optional<std::size_t> writes_as_a_name(const std::vector<EntityToken>& tokens,
                                            const std::vector<std::string>& name_words);

// A range of tokens, [first, last].
struct TokenSpan {
  std::size_t first = 0;
  std::size_t last = 0;
};

// A mention of a person: the tokens of the name, and for a name the article gives in
// another form (a newsroom's pinned alias, "Mr Blair's wife Cherie") its canonical form.
struct PersonMention {
  std::size_t first = 0;
  std::size_t last = 0;
  std::string canonical;  // "" when the tokens are the name
};

class PeopleExtractor {
 public:
  // `pinned` may be null. Cheap: the word lists are built once per process and shared.
  explicit PeopleExtractor(std::shared_ptr<const PinnedPeople> pinned = nullptr);

  // The canonical names of the people `tokens` mention, in order of first mention.
  // `in_person` receives, per token, whether it is part of a mention of a person.
  std::vector<std::string> find(const std::vector<EntityToken>& tokens, std::vector<bool>& in_person) const;

  // find() is three stages, run in turn; each is here on its own for its tests.
  // 1. The capitalised runs of `tokens`: names, initials, hyphenated parts, and the
  //    connectors and department words that join them ("Minister of Mines and Energy Subroto").
  std::vector<TokenSpan> capitalised_runs(const std::vector<EntityToken>& tokens) const;
  // 2. The mentions of people in those runs, in order: each run trimmed to the name its
  //    title, role, speech verb or given name vouches for, or left out (firms, places,
  //    things named, titles of works, unconfirmed sentence starts).
  std::vector<PersonMention> mentions(const std::vector<EntityToken>& tokens, const std::vector<TokenSpan>& runs) const;
  // 3. The people of `mentions`, one per person in order of first mention: a surname
  //    alone joins the full name ("Blair" -> "Tony Blair"), a part of a longer name the
  //    longer one. `in_person` as for find().
  std::vector<std::string> people(const std::vector<EntityToken>& tokens, const std::vector<PersonMention>& mentions,
                                  std::vector<bool>& in_person) const;

  // People in headlines, where capitals prove little (all of them may be capitals): a
  // single word standing after a title ("PRESIDENT REAGAN"), after a possessive and
  // before a speech verb ("U.S. TREASURY'S BAKER SAYS"), or opening the headline before
  // a speech verb ("LAWSON SAYS") when it is no short acronym and `text` (the article's
  // text in mixed case) neither uses it as a common word nor names a company by it.
  // Returned in title case ("Baker").
  std::vector<std::string> find_in_capitals(const std::vector<EntityToken>& tokens,
                                            const std::vector<EntityToken>& text) const;

 private:
  std::shared_ptr<const PinnedPeople> pinned_;
  const CountryTable& countries_;
};

}  // namespace newsdex
