// Tables for each stage of PeopleExtractor::find on its own: the capitalised runs it
// reads, the mentions it keeps from them, and the people it makes of the mentions.
// entity_rules_test.cc checks the three together, from text to the people facet.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "analysis/analyzer.h"
#include "entities/entity_tokens.h"
#include "entities/people_extractor.h"

namespace newsdex {
namespace {

using Strings = std::vector<std::string>;

struct Text {
  explicit Text(const std::string& body) : body(body) {
    Analyzer analyzer;
    tokens = tokenize_for_entities(this->body, analyzer);
  }
  // The words of tokens [first, last] as written, joined by spaces.
  std::string words(std::size_t first, std::size_t last) const {
    std::string out;
    for (std::size_t k = first; k <= last; ++k) {
      if (k > first) out += ' ';
      out += tokens[k].text;
    }
    return out;
  }
  // The span of the words `phrase` (as written, space-separated), first found.
  PersonMention mention_of(const std::string& phrase) const {
    for (std::size_t first = 0; first < tokens.size(); ++first)
      for (std::size_t last = first; last < tokens.size(); ++last)
        if (words(first, last) == phrase) return {first, last, {}};
    ADD_FAILURE() << "'" << phrase << "' is not in: " << body;
    return {};
  }
  std::string body;
  std::vector<EntityToken> tokens;
};

Strings runs_of(const std::string& body) {
  const Text text(body);
  Strings out;
  for (const auto& run : PeopleExtractor().capitalised_runs(text.tokens)) out.push_back(text.words(run.first, run.last));
  return out;
}

Strings mentions_of(const std::string& body) {
  const Text text(body);
  const PeopleExtractor people;
  Strings out;
  for (const auto& m : people.mentions(text.tokens, people.capitalised_runs(text.tokens)))
    out.push_back(m.canonical.empty() ? text.words(m.first, m.last) : m.canonical);
  return out;
}

Strings people_of(const std::string& body, const Strings& mentions) {
  const Text text(body);
  std::vector<PersonMention> given;
  for (const auto& phrase : mentions) given.push_back(text.mention_of(phrase));
  std::vector<bool> in_person;
  return PeopleExtractor().people(text.tokens, given, in_person);
}

// Stage 1: where a run of capitalised words begins and ends.
TEST(PeopleStages, CapitalisedRunsHoldTheirConnectorsAndStopAtAPossessive) {
  const struct {
    const char* text;
    Strings runs;
  } rows[] = {
      {"Treasury Secretary James Baker said so.", {"Treasury Secretary James Baker"}},
      // Department words joined by "and" stay in one title.
      {"Then Minister of Mines and Energy Subroto spoke.", {"Then Minister of Mines and Energy Subroto"}},
      // Particles, also hyphenated, join the parts of one name.
      {"Sheikh Ali al-Khalifa al-Sabah arrived.", {"Sheikh Ali al Khalifa al Sabah"}},
      {"Miguel de la Madrid met them.", {"Miguel de la Madrid"}},
      // A possessive ends the run; a comma or a lower-case word too.
      {"Mr Blair's wife Cherie spoke.", {"Mr Blair", "Cherie"}},
      {"Wang Yi, China's top diplomat, and Antony Blinken met.", {"Wang Yi", "China", "Antony Blinken"}},
      // "and" between names that are not department words splits them.
      {"Jason Robinson and Josh Lewsey scored.", {"Jason Robinson", "Josh Lewsey"}},
      {"prices rose in the market.", {}},
  };
  for (const auto& row : rows) EXPECT_EQ(runs_of(row.text), row.runs) << row.text;
}

// Stage 2: what each run leaves as a mention of a person.
TEST(PeopleStages, MentionsAreTheNamesTheirEvidenceVouchesFor) {
  const struct {
    const char* text;
    Strings mentions;
  } rows[] = {
      // A title before the name is trimmed off, however long.
      {"Treasury Secretary James Baker said so.", {"James Baker"}},
      {"Chancellor of the Exchequer Nigel Lawson said so.", {"Nigel Lawson"}},
      // A bare surname after a title is a mention; stage 3 joins it to the full name.
      {"President Reagan said so.", {"Reagan"}},
      // A given name, a speech verb or an apposition vouch for two words.
      {"Yesterday Kelly Sotherton won.", {"Kelly Sotherton"}},
      {"Then Satoshi Sumita said no.", {"Satoshi Sumita"}},
      // Given names of other alphabets, romanised as English-language news writes them.
      {"Yesterday Ioannis Karmis won.", {"Ioannis Karmis"}},
      {"Yesterday Nikolay Davydenko won.", {"Nikolay Davydenko"}},
      {"Yesterday Dmitry Bogdanov won.", {"Dmitry Bogdanov"}},
      {"Yesterday Irakli Labadze won.", {"Irakli Labadze"}},
      // A region's name begins no name.
      {"Yesterday Florida Power won.", {}},
      // A possessive surname and a family noun give the name its surname.
      {"Mr Eavis' daughter Emily sang.", {"Eavis", "Emily Eavis"}},
      // Joined by "and" to a person, two words are a person too.
      {"I thought Jason Robinson and Josh Lewsey played well.", {"Jason Robinson", "Josh Lewsey"}},
      // So are two words in an enumeration with a person, before or after it.
      {"The likes of Michael Owen, Gethin Jenkins, Rhys Thomas and Gavin Henson are world class.",
       {"Michael Owen", "Gethin Jenkins", "Rhys Thomas", "Gavin Henson"}},
      {"Fans cheered Mefin Davies and Stephen Jones.", {"Mefin Davies", "Stephen Jones"}},
      // A comma outside an enumeration sets off an apposition; a determiner, a thing.
      {"He will succeed the previous High Commissioner, Ann Grant, shortly.", {"Ann Grant"}},
      {"Rhodri Glyn Thomas, Plaid Cymru health spokesman, said no.", {"Rhodri Glyn Thomas"}},
      {"Earlier, the Black Eyed Peas and Alicia Keys sang.", {"Alicia Keys"}},
      // Things named, titles of works, firms and unconfirmed sentence starts are left out.
      {"The band Franz Ferdinand won.", {}},
      {"The series Rolf On Art returns.", {}},
      {"Diamond Shamrock said it would sell.", {}},
      {"Shares in Procter and Gamble Co rose.", {}},
      {"The Lord of the Rings won.", {}},
  };
  for (const auto& row : rows) EXPECT_EQ(mentions_of(row.text), row.mentions) << row.text;
}

// Stage 3: the people the mentions name, one per person.
TEST(PeopleStages, PeopleJoinASurnameOrAPartToTheFullName) {
  const struct {
    const char* text;
    Strings mentions;
    Strings people;
  } rows[] = {
      {"Tony Blair spoke. Later Blair left.", {"Tony Blair", "Blair"}, {"Tony Blair"}},
      // The surname comes first: the full name is still the person.
      {"Blair spoke, and Tony Blair left.", {"Blair", "Tony Blair"}, {"Tony Blair"}},
      // A part of a longer name is the longer one.
      {"Karl Otto Poehl spoke. Otto Poehl left.", {"Karl Otto Poehl", "Otto Poehl"}, {"Karl Otto Poehl"}},
      // Family name first: the first word names the person.
      {"Xi Jinping spoke. Xi left.", {"Xi Jinping", "Xi"}, {"Xi Jinping"}},
      // "Sir" goes with the given name.
      {"Sir John Stevens spoke. Sir John left.", {"John Stevens", "John"}, {"John Stevens"}},
      // Two people who share a surname stay two; a bare surname joins the nearest before it.
      {"Ed Miliband spoke. David Miliband replied. Miliband left.",
       {"Ed Miliband", "David Miliband", "Miliband"},
       {"Ed Miliband", "David Miliband"}},
      // A surname nobody full carries is a person of its own.
      {"Mourinho spoke.", {"Mourinho"}, {"Mourinho"}},
  };
  for (const auto& row : rows) EXPECT_EQ(people_of(row.text, row.mentions), row.people) << row.text;
}

// What lets the archive give a bare surname its full name (indexer/surname_resolver.h):
// only an article that never writes the surname as someone else's.
TEST(PeopleStages, AnArticleWritesASurnameAsAnotherBearersOnlyAfterAnotherName) {
  const struct {
    const char* text;
    const char* surname;  // folded
    bool another;
  } rows[] = {
      {"Mr Blair said the vote would be close.", "blair", false},
      {"President Clinton signed the bill.", "clinton", false},
      {"Actress Roberts takes a spider role.", "roberts", false},
      {"Tony Blair said so, and Mr Blair left.", "blair", false},      // the full name's own given name
      {"Labour's Brown spoke first.", "brown", false},                 // a possessive before it
      {"Sacked MP Howard Flight spoke.", "howard", false},             // not the last word of a name
      {"Yesterday Blair said no.", "blair", false},                    // a sentence start proves nothing
      {"The award went to Mike Leigh for the film.", "leigh", true},   // another given name
      {"The court heard Hew Raymond Griffiths.", "griffiths", true},
      {"A ruling from Mr Justice Blair is due.", "blair", true},       // a judge, styled by the office
      {"Talks with King Hussein of Jordan ended.", "hussein", true},   // a monarch's given name
  };
  const std::vector<std::string_view> tony = {"tony"};
  for (const auto& row : rows)
    EXPECT_EQ(names_another_bearer(Text(row.text).tokens, row.surname, tony), row.another) << row.text;
}

// What lets the archive name a person in an article that writes a name it knows
// (indexer/known_names.h): the name alone in its capitalised run, or after a title, a
// role or a country; not inside a longer name, a company's or a thing's.
TEST(PeopleStages, AnArticleWritesAKnownNameAsANameOnlyWhereItStandsAlone) {
  const struct {
    const char* text;
    const char* name;  // folded, words joined by spaces
    bool as_name;
  } rows[] = {
      {"Tim Henman and Greg Rusedski both lost.", "tim henman", true},
      {"Third seed Tim Henman lost.", "tim henman", true},             // after a role
      {"Mr Tim Henman lost.", "tim henman", true},                     // after an honorific
      {"Britain's Tim Henman lost.", "tim henman", true},              // after a possessive
      {"Briton Tim Henman lost.", "tim henman", true},                 // after a demonym
      {"England fly-half Jonny Wilkinson is out.", "jonny wilkinson", true},
      {"It is not. With Jonny Wilkinson not playing, with luck.", "jonny wilkinson", true},  // a sentence's first word
      {"Oh, George W. Bush said no.", "george w bush", true},          // an initial
      {"It was George W Bush's idea.", "george w bush", true},
      {"Robert Kilroy-Silk left the party.", "robert kilroy silk", true},
      {"The Tim Henman Foundation opened.", "tim henman", false},      // a longer name
      {"Celebrity Tim Henman lost.", "tim henman", false},             // a longer run
      {"Martin Marietta said profits rose. Martin Marietta Corp is a firm.", "martin marietta", false},
      {"We saw the band Franz Ferdinand play.", "franz ferdinand", false},  // a thing
      {"Celebrity Big Brother ended.", "big brother", false},          // a family noun
      {"The Scissor Sisters topped the chart.", "scissor sisters", false},  // ... in the plural
      {"A Lib Dem spokesman spoke.", "lib dem", false},                // a party member
      {"tim henman lost.", "tim henman", false},                       // not capitalised
      {"TIM HENMAN LOSES", "tim henman", false},                       // capitals prove nothing
      {"Tim Smith met Henman.", "tim henman", false},                  // not next to each other
  };
  for (const auto& row : rows) {
    std::vector<std::string> words;
    std::istringstream name(row.name);
    for (std::string word; name >> word;) words.push_back(word);
    EXPECT_EQ(writes_as_a_name(Text(row.text).tokens, words).has_value(), row.as_name) << row.text;
  }
}

}  // namespace
}  // namespace newsdex
