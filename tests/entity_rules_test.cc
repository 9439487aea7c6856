// Tables of text -> people, countries, dates for the extraction rules documented in
// docs/entities.md ("People, countries and dates"). Each row is a rule that once failed or could.
#include <gtest/gtest.h>

#include "entities/entity_extractor.h"
#include "test_support.h"

namespace newsdex {
namespace {

using Strings = std::vector<std::string>;

Article extract(const std::string& body, const std::string& dateline = {}, std::optional<PartialDate> date = {},
                const std::string& title = {}, const std::string& people_file = {}) {
  Article article;
  article.title = title;
  article.body = body;
  article.dateline = dateline;
  article.date = date;
  EntityExtractor extractor(people_file);
  extractor.extract(article);
  return article;
}

constexpr PartialDate MARCH_2_1987{1987, 3, 2};

TEST(EntityPeople, WomenAndMenAreFoundByTheSameEvidence) {
  // The same sentence with only the given name swapped: the broad list of given names
  // (common/entities/data/given_names.txt) knows women's names and familiar forms as well as men's.
  const std::pair<const char*, const char*> pairs[] = {
      {"Joanne", "John"}, {"Louisa", "Louis"}, {"Debra", "David"}, {"Helen", "Henry"},
      {"Geraldine", "Gerald"}, {"Amanda", "Andrew"}, {"Annette", "Andy"}, {"Kelly", "Tim"}};
  for (const auto& [woman, man] : pairs) {
    for (const char* given : {woman, man}) {
      const std::string name = std::string(given) + " Robinson";
      EXPECT_EQ(extract("The result was a disappointment, and " + name + " gave no comment on it.").people,
                Strings{name});
    }
  }
  // Roles of modern news before a name are evidence, whatever the given name.
  EXPECT_EQ(extract("They are Wales coach Mike Ruddock's preferred starters.").people, Strings{"Mike Ruddock"});
  EXPECT_EQ(extract("Friends, including actress Ruby Dee, gathered.").people, Strings{"Ruby Dee"});
  // A name joined by "and" to a person is a person, whatever its given name.
  EXPECT_EQ(extract("I thought Jason Robinson and Josh Lewsey both did nothing wrong.").people,
            (Strings{"Jason Robinson", "Josh Lewsey"}));
  EXPECT_EQ(extract("Shares in Procter and Gamble Co rose.").people, Strings{});
  // Titles of works and organisations are no people.
  EXPECT_EQ(extract("The series Rolf On Art returns, said Rolf Harris.").people, Strings{"Rolf Harris"});
  EXPECT_EQ(extract("Campaigners at Human Rights Watch and Lycos Europe objected.").people, Strings{});
  // "Sir" and "Dame" go with the given name: the same person as the full name.
  EXPECT_EQ(extract("Sir John Stevens spoke. Later Sir John said more.").people, Strings{"John Stevens"});
  // The kind of thing named before a run, or as its first word: that thing, no person.
  EXPECT_EQ(extract("The band Franz Ferdinand won two awards.").people, Strings{});
  EXPECT_EQ(extract("Bookmaker William Hill cut the odds.").people, Strings{});
  EXPECT_EQ(extract("Clothing firm Eddie Bauer filed for bankruptcy.").people, Strings{});
  EXPECT_EQ(extract("Lib Dems David Laws said no.").people, Strings{"David Laws"});
  EXPECT_EQ(extract("Blair buys copies of new Band Aid Prime Minister Tony Blair said so.").people,
            Strings{"Tony Blair"});
  EXPECT_EQ(extract("He will play Roger Federer in the final.").people, Strings{"Roger Federer"});
  // A given name after a family noun and a possessive surname takes the surname.
  EXPECT_EQ(extract("Mr Eavis' daughter Emily said it would be a big step.").people, (Strings{"Eavis", "Emily Eavis"}));
  EXPECT_EQ(extract("Prince Charles's son William was there.").people, Strings{"Charles"});
  // "Bill" begins a name, and ends a law.
  EXPECT_EQ(extract("Former US president Bill Clinton said the Farm Bill would pass.").people,
            Strings{"Bill Clinton"});
  // A title joined by "of" to one word: an office or a work, not a person.
  EXPECT_EQ(extract("The Lord of the Rings star Elijah Wood said it was great.").people, Strings{"Elijah Wood"});
  EXPECT_EQ(extract("Chancellor of the Exchequer Nigel Lawson said no.").people, Strings{"Nigel Lawson"});
  // A demonym before a name is no part of it.
  EXPECT_EQ(extract("He is set to meet Frenchman Arnaud Clement in the first round.").people,
            Strings{"Arnaud Clement"});
  EXPECT_EQ(extract("Two men, Texan Michael Chicoine among them, were there.").people, Strings{"Michael Chicoine"});
  // Given names that are surnames too still stand alone after a title.
  EXPECT_EQ(extract("Talks went on. President Reagan said so.").people, Strings{"Reagan"});
}

TEST(EntityCountries, DatelinesNameTheCountryWhereTheStoryWasFiled) {
  EXPECT_EQ(extract("Shares rose.", "PORTLAND, Ore., Feb 26").countries, Strings{"US"});
  EXPECT_EQ(extract("Shares rose.", "WALTHAM, MASS., March 2").countries, Strings{"US"});
  EXPECT_EQ(extract("Shares rose.", "NEW YORK, March 2").countries, Strings{"US"});
  EXPECT_EQ(extract("Shares rose.", "CALGARY, Alberta, March 2").countries, Strings{"CA"});
  EXPECT_EQ(extract("Shares rose.", "TOKYO, March 2").countries, Strings{"JP"});
  // A city of cities.tsv, the most populous of its name: every Springfield of that size is
  // in the US.
  EXPECT_EQ(extract("Shares rose.", "GENEVA, March 2").countries, Strings{"CH"});
  EXPECT_EQ(extract("Shares rose.", "SPRINGFIELD, March 2").countries, Strings{"US"});
  EXPECT_EQ(extract("Shares rose.", "LAKE WOBEGON, March 2").countries, Strings{});
  // A plain-text article's own dateline.
  EXPECT_EQ(extract("LONDON (Reuters) - Shares rose.").countries, Strings{"GB"});
}

TEST(EntityCountries, NamesShortFormsAdjectivesAndCapitals) {
  EXPECT_EQ(extract("The U.S. and the UK met Britain and America.").countries, (Strings{"US", "GB"}));
  EXPECT_EQ(extract("Ivory Coast and Côte d'Ivoire are one.").countries, Strings{"CI"});
  EXPECT_EQ(extract("Belarusian and Ukrainian troops.").countries, (Strings{"BY", "UA"}));
  EXPECT_EQ(extract("Beijing has not responded, nor has Minsk.").countries, (Strings{"CN", "BY"}));
  EXPECT_EQ(extract("Oil flows from Texas.").countries, Strings{"US"});
  // A capital's namesake in a region of another country is there.
  EXPECT_EQ(extract("The firm is based in San Jose, California, and sells chips.").countries, Strings{"US"});
  EXPECT_EQ(extract("The firm is based in San Jose and sells coffee.").countries, Strings{"CR"});
}

TEST(EntityRegions, TheUKsNationsAndUSStatesAreRegionsOfTheirCountry) {
  // Each nation is its own region, and the country is GB for all of them.
  const Article six_nations = extract("Scotland beat Wales, and England lost in Northern Ireland.");
  EXPECT_EQ(six_nations.regions, (Strings{"GB-SCT", "GB-WLS", "GB-ENG", "GB-NIR"}));
  EXPECT_EQ(six_nations.countries, Strings{"GB"});
  EXPECT_EQ(extract("The Welsh and Scottish parliaments met.").regions, (Strings{"GB-WLS", "GB-SCT"}));
  // The nations' demonyms, and the longer phrase over Ireland's adjective.
  EXPECT_EQ(extract("The Welshman beat a Scotsman.").regions, (Strings{"GB-WLS", "GB-SCT"}));
  const Article irish_fa = extract("The Northern Irish FA named a new chief.");
  EXPECT_EQ(irish_fa.countries, Strings{"GB"});
  EXPECT_EQ(irish_fa.regions, Strings{"GB-NIR"});
  // A region for the UK's own names: Britain is GB and no nation.
  EXPECT_EQ(extract("Britain and the UK voted.").regions, Strings{});
  // Datelines, states in running text, and abbreviations after a place and a comma.
  EXPECT_EQ(extract("Shares rose.", "PORTLAND, Ore., Feb 26").regions, Strings{"US-OR"});
  EXPECT_EQ(extract("Shares rose.", "CALGARY, Alberta, March 2").regions, Strings{"CA-AB"});
  EXPECT_EQ(extract("Oil flows from Texas to Springfield, Ill., by pipe.").regions, (Strings{"US-TX", "US-IL"}));
  EXPECT_EQ(extract("The firm is based in San Jose, California, and sells chips.").regions, Strings{"US-CA"});
  // A city gives its region where the gazetteer has one, by the rules that make it count
  // for its country (in running text: named twice).
  EXPECT_EQ(extract("Shares rose.", "CHICAGO, March 2").regions, Strings{"US-IL"});
  EXPECT_EQ(extract("Shares rose.", "TOKYO, March 2").regions, Strings{});
  EXPECT_EQ(extract("Talks in Glasgow went on. Glasgow will host the next round.").regions, Strings{"GB-SCT"});
  EXPECT_EQ(extract("Talks in Glasgow went on.").regions, Strings{});
  // The capital is the country's, not a region's.
  EXPECT_EQ(extract("Shares rose.", "LONDON, March 2").regions, Strings{});
  // Georgia the state only where another state confirms it; the country reading is no region.
  EXPECT_EQ(extract("Atlanta, Georgia and Dallas, Texas were hit.").regions, (Strings{"US-GA", "US-TX"}));
  EXPECT_EQ(extract("The American will meet Irakli Labadze of Georgia.").regions, Strings{});
  EXPECT_EQ(extract("Tbilisi says Georgia will join.").regions, Strings{});
}

TEST(EntityCountries, HistoricalStatesFollowThePublicationDate) {
  EXPECT_EQ(extract("Soviet officials met.", {}, MARCH_2_1987).countries, Strings{"SU"});
  EXPECT_EQ(extract("Moscow said Russian grain was short.", {}, MARCH_2_1987).countries, Strings{"SU"});
  EXPECT_EQ(extract("Moscow said Russian grain was short.", {}, PartialDate{2023, 3, 2}).countries, Strings{"RU"});
  // The Kremlin is Russia's, and so the Soviet Union's only before 1992.
  EXPECT_EQ(extract("The Kremlin said talks would go on.", {}, PartialDate{2005, 3, 1}).countries, Strings{"RU"});
  EXPECT_EQ(extract("The Kremlin said talks would go on.", {}, MARCH_2_1987).countries, Strings{"SU"});
  EXPECT_EQ(extract("Prague and Slovak leaders met.", {}, MARCH_2_1987).countries, Strings{"CS"});
  EXPECT_EQ(extract("East Germany and West Germany talked.", {}, MARCH_2_1987).countries, (Strings{"DD", "DE"}));
}

TEST(EntityCountries, LongerPhrasesWin) {
  EXPECT_EQ(extract("Papua New Guinea exports coffee.").countries, Strings{"PG"});
  EXPECT_EQ(extract("New Mexico exports chile.").countries, Strings{"US"});
  EXPECT_EQ(extract("Storms crossed the Indian Ocean.").countries, Strings{});
  EXPECT_EQ(extract("Latin American debt grew.").countries, Strings{});
  // A stadium named after its sponsor, an airline: no country.
  EXPECT_EQ(extract("Chelsea drew at the Emirates Stadium.").countries, Strings{});
}

TEST(EntityCountries, AmbiguousWordsNeedEvidence) {
  EXPECT_EQ(extract("We ate turkey in china bowls near guinea fowl.").countries, Strings{});
  EXPECT_EQ(extract("Jordan and Syria signed.").countries, (Strings{"JO", "SY"}));
  EXPECT_EQ(extract("Analyst Jordan Peterson spoke.").countries, Strings{});
  EXPECT_EQ(extract("Chad Smith said so.").countries, Strings{});
  EXPECT_EQ(extract("Georgia voted.").countries, Strings{});  // the state or the country?
  EXPECT_EQ(extract("Georgia voted, as did Texas.").countries, Strings{"US"});
  EXPECT_EQ(extract("Georgia voted. Tbilisi cheered.").countries, Strings{"GE"});
  EXPECT_EQ(extract("Mayor Harold Washington spoke.").countries, Strings{});
}

TEST(EntityCountries, CurrenciesAndCompanyNamesAreNotMentions) {
  EXPECT_EQ(extract("It cost 100 mln U.S. dlrs and 5 Swiss francs.").countries, Strings{});
  EXPECT_EQ(extract("The Japan Fund Inc said it would buy.").countries, Strings{});
  // The company words are the people extractor's list (common/entities/data/people_words.tsv).
  EXPECT_EQ(extract("Canada Development Bank said it would buy.").countries, Strings{});
  EXPECT_EQ(extract("The bank in Canada said it would buy.").countries, Strings{"CA"});
}

TEST(EntityCountries, AnAdjectiveThatNamesALanguageIsNoMention) {
  EXPECT_EQ(extract("Le Matin, the French-language tabloid, closed.").countries, Strings{});
  EXPECT_EQ(extract("It makes a Chinese language word processor.").countries, Strings{});
  EXPECT_EQ(extract("The French speakers left.").countries, Strings{});
  EXPECT_EQ(extract("He spoke Arabic and French.").countries, Strings{});
  EXPECT_EQ(extract("The statement was issued in German.").countries, Strings{});
  EXPECT_EQ(extract("Read the Spanish version of the ruling.").countries, Strings{});
  EXPECT_EQ(extract("He spoke English and French at the meeting.").countries, Strings{});  // a preposition after
  EXPECT_EQ(extract("She speaks Arabic fluently.").countries, Strings{});
  // Where the adjective qualifies what follows, it is the country's.
  EXPECT_EQ(extract("Prices rose in German bonds.").countries, Strings{"DE"});
  EXPECT_EQ(extract("Growth in Colombian, Brazilian and Mexican coffee sales slowed.").countries,
            (Strings{"CO", "BR", "MX"}));
  EXPECT_EQ(extract("He taught French history.").countries, Strings{"FR"});
  // A language of several words is the country's: "a South African language".
  EXPECT_EQ(extract("It was translated into a South African language.").countries, Strings{"ZA"});
}

TEST(EntityCountries, CitiesInRunningTextNameTheirCountry) {
  // Named twice (the same city or two of one country), a city is evidence for its country.
  EXPECT_EQ(extract("The talks in Geneva ended. Geneva will host the next round.").countries, Strings{"CH"});
  EXPECT_EQ(extract("Flights from Dubai to Melbourne and Sydney, then Dubai again.").countries, (Strings{"AE", "AU"}));
  EXPECT_EQ(extract("Fashion week opened in Milan. Milan hotels were full.").countries, Strings{"IT"});
  EXPECT_EQ(extract("The firm moved from Bombay to Gothenburg, then to Malmo.").countries, Strings{"SE"});
  // Once is not enough: a city is weaker evidence than a country's name.
  EXPECT_EQ(extract("The talks in Geneva ended without a deal.").countries, Strings{});
  // A dateline says where the story is: the text's cities add nothing then.
  EXPECT_EQ(extract("Traders in Rotterdam and Rotterdam's port said so.", "LONDON, March 2").countries, Strings{"GB"});
  // The most populous namesake: Birmingham is England's, unless a region says otherwise.
  EXPECT_EQ(extract("Police in Birmingham made arrests. Birmingham was calm.").countries, Strings{"GB"});
  EXPECT_EQ(extract("Police in Birmingham, Alabama, made arrests. Birmingham was calm.").countries, Strings{"US"});
  EXPECT_EQ(extract("Police in Birmingham, Ala., made arrests.").countries, Strings{"US"});
  // A state's abbreviation after a place and a comma counts once, as a state's name does.
  EXPECT_EQ(extract("The plant in Springfield, Ill., closed.").countries, Strings{"US"});
  EXPECT_EQ(extract("The Miss. team and the Ind. candidate lost.").countries, Strings{});
}

TEST(EntityCountries, CitiesInsideNamesAreNotPlaces) {
  EXPECT_EQ(extract("Manchester United beat the Chicago Bulls. Manchester and Chicago fans met.").countries,
            Strings{});
  EXPECT_EQ(extract("Fans came from Greater Manchester and Greater Manchester's towns.").countries, Strings{});
  EXPECT_EQ(extract("The Bank of Geneva Ltd said it would buy. Geneva bankers agreed.").countries, Strings{});
  // A city does not speak: a bank or a club of its name does.
  EXPECT_EQ(extract("House prices rose, Halifax said. Halifax has said prices would rise.").countries, Strings{});
  // A run with a given name is a person: no country from a surname that is a city.
  EXPECT_EQ(extract("The role went to Rachel Leeds, who said she was delighted. Rachel Leeds won.").countries,
            Strings{});
}

TEST(EntityPeople, TitlesAreStrippedAndOneWordAfterATitleIsAName) {
  EXPECT_EQ(extract("President Reagan said no.").people, Strings{"Reagan"});
  EXPECT_EQ(extract("He met Chancellor of the Exchequer Nigel Lawson today.").people, Strings{"Nigel Lawson"});
  EXPECT_EQ(extract("U.S. Treasury Secretary James Baker spoke.").people, Strings{"James Baker"});
  EXPECT_EQ(extract("He met Bank of Japan Governor Satoshi Sumita.").people, Strings{"Satoshi Sumita"});
  EXPECT_EQ(extract("A spokesman, Mr Baker, said so.").people, Strings{"Baker"});
  EXPECT_EQ(extract("The ministry's spokesman Wang Wenbin said so.").people, Strings{"Wang Wenbin"});
}

TEST(EntityPeople, OtherEvidenceForAName) {
  EXPECT_EQ(extract("Yesterday Satoshi Sumita said rates would hold.").people, Strings{"Satoshi Sumita"});
  EXPECT_EQ(extract("They met Wang Yi, China's top diplomat.").people, Strings{"Wang Yi"});
  EXPECT_EQ(extract("Rates will hold, said Karl Otto Poehl.").people, Strings{"Karl Otto Poehl"});
  EXPECT_EQ(extract("Talks with Michael Wilson ended.").people, Strings{"Michael Wilson"});
}

TEST(EntityPeople, SurnamesJoinTheFullNameAndPossessivesFold) {
  EXPECT_EQ(extract("Belarusian President Alexander Lukashenko arrived. Lukashenko said Lukashenko's plan "
                    "stood.").people,
            Strings{"Alexander Lukashenko"});
  EXPECT_EQ(extract("Putin's envoy met President Vladimir Putin.").people, Strings{"Vladimir Putin"});
  EXPECT_EQ(extract("President Xi Jinping spoke. Xi left.").people, Strings{"Xi Jinping"});
  // Two Bakers: each bare "Baker" joins the one named last before it.
  EXPECT_EQ(extract("Treasury Secretary James Baker met Howard Baker, the chief of staff. Baker said no.").people,
            (Strings{"James Baker", "Howard Baker"}));
}

TEST(EntityPeople, FirmsPlacesMonthsAndSentenceStartsAreNotPeople) {
  EXPECT_EQ(extract("Merrill Lynch said profits rose.").people, Strings{});
  EXPECT_EQ(extract("Merrill Lynch and Co said profits rose.").people, Strings{});
  EXPECT_EQ(extract("General Motors said sales fell.").people, Strings{});
  EXPECT_EQ(extract("Allis-Chalmers said sales fell.").people, Strings{});
  EXPECT_EQ(extract("The Organization of Petroleum Exporting Countries met.").people, Strings{});
  EXPECT_EQ(extract("The Federal Reserve System and State-owned banks.").people, Strings{});
  EXPECT_EQ(extract("New York said taxes rose. Hong Kong said so too.").people, Strings{});
  EXPECT_EQ(extract("In March prices rose. Extremely Tired workers left.").people, Strings{});
  EXPECT_EQ(extract("The Federal Reserve Board said rates held.").people, Strings{});
}

TEST(EntityPeople, ARunTheArticleNamesAsACompanyIsTheCompany) {
  // "Security Pacific Corp" makes a later "Security Pacific" the company, with or without
  // a title word inside ("General Dynamics").
  EXPECT_EQ(extract("Waste Management Inc raised its bid. Waste Management said chairman Dean Buntrock "
                    "approved.").people,
            Strings{"Dean Buntrock"});
  EXPECT_EQ(extract("General Dynamics Corp sold a unit. General Dynamics said it was pleased.").people, Strings{});
  EXPECT_EQ(extract("Stan West Mining Corp said it sold shares, Stan West said.").people, Strings{});
  // Names from the firm list also across commas; the person nearby is still found.
  EXPECT_EQ(extract("The notes were priced, said lead manager Kidder, Peabody and Co. Analyst John Smith said "
                    "so.").people,
            Strings{"John Smith"});
}

TEST(EntityPeople, CommonNounsPlacesAndDescriptionsAreNotNames) {
  // Endings no name has: "-tion", "-ics", "-ities".
  EXPECT_EQ(extract("The Bureau of Metal Statistics reported a rise, analyst Peter Bijur said.").people,
            Strings{"Peter Bijur"});
  // Places: "Santa Fe", "Rio de Janeiro" (a dateline city of more than one word).
  EXPECT_EQ(extract("A spokesman in Rio de Janeiro said the strike ended.").people, Strings{});
  EXPECT_EQ(extract("Santa Fe said it agreed. Labour Minister Almir Pazzianotto met unions.").people,
            Strings{"Almir Pazzianotto"});
  // A party member described, then named: the name is what follows.
  EXPECT_EQ(extract("The West Virginia Democrat told reporters so.").people, Strings{});
  EXPECT_EQ(extract("Veteran politician Giulio Andreotti said he gave up. Christian Democrat Andreotti told "
                    "President Francesco Cossiga so.").people,
            (Strings{"Giulio Andreotti", "Francesco Cossiga"}));
  EXPECT_EQ(extract("The Christian Democratic wing quit the cabinet.").people, Strings{});
  // Newspapers named with an article of their language.
  EXPECT_EQ(extract("The magazine Der Spiegel said Chancellor Helmut Kohl would go.").people,
            Strings{"Helmut Kohl"});
  // Places starting "St", initials alone.
  EXPECT_EQ(extract("Farmers near St Louis said prices fell, analyst Mark Brett said.").people, Strings{"Mark Brett"});
  EXPECT_EQ(extract("White sugar rose, said E D and F Man, a trade house, and analyst Mark Brett.").people,
            Strings{"Mark Brett"});
  // Only verbs that introduce a person count before a run: "named X", not "forecast X".
  EXPECT_EQ(extract("Treasurer Paul Keating forecast Gross Domestic Product growth.").people,
            Strings{"Paul Keating"});
  EXPECT_EQ(extract("The Gap Inc said it named Millard Drexler as its president.").people,
            Strings{"Millard Drexler"});
  // "Jr" is no name alone; after a given name "Pope" and "King" are surnames.
  EXPECT_EQ(extract("Western Union said John Pope Jr has been elected president.").people,
            Strings{"John Pope Jr"});
  EXPECT_EQ(extract("Roger King, chairman of King World Productions Inc, resigned.").people, Strings{"Roger King"});
}

TEST(EntityPeople, NameBoundaries) {
  // Department words before a name without a personal title are not part of it.
  EXPECT_EQ(extract("The Organisation for Economic Cooperation and Development Jean-Claude Paye said so.").people,
            Strings{"Jean-Claude Paye"});
  // The name ends before "of": "King Fahd of Saudi Arabia".
  EXPECT_EQ(extract("King Fahd of Saudi Arabia arrived.").people, Strings{"Fahd"});
  EXPECT_EQ(extract("Prime Minister Zhao Ziyang of China signed.").people, Strings{"Zhao Ziyang"});
  // A place after a given name and a particle is a surname; without a given name it is
  // the place.
  const Article madrid = extract("Mexican president Miguel de la Madrid spoke.");
  EXPECT_EQ(madrid.people, Strings{"Miguel de la Madrid"});
  EXPECT_EQ(madrid.countries, Strings{"MX"});
  EXPECT_EQ(extract("Shares of Credit Foncier de France rose, dealers said.").people, Strings{});
  // "Jan" is a month's abbreviation and a given name; particles do not count as words.
  EXPECT_EQ(extract("Association secretary Jan de Vries said so.").people, Strings{"Jan de Vries"});
  EXPECT_EQ(extract("Kuwaiti Oil Minister Sheikh Ali al-Khalifa al-Sabah said so.").people,
            Strings{"Ali al-Khalifa al-Sabah"});
  EXPECT_EQ(extract("UAE President Sheikh Zaid bin Sultan al-Nahayan said so.").people,
            Strings{"Zaid bin Sultan al-Nahayan"});
}

TEST(EntityPeople, AppositionsAndSetOffNames) {
  // A sentence's unknown first word is a name when the words stand in apposition with a
  // role; a speech verb does not make it one, since firms open stories too.
  EXPECT_EQ(extract("Beryl Sprinkel, chairman of the Council of Economic Advisers, spoke.").people,
            Strings{"Beryl Sprinkel"});
  EXPECT_EQ(extract("Diamond Shamrock said it raised its posted prices.").people, Strings{});
  // An unknown first word of a run starts one proper name: the rest is no person either.
  EXPECT_EQ(extract("Advanced Micro Devices said it would build a plant, chairman Jerry Sanders said.").people,
            Strings{"Jerry Sanders"});
  EXPECT_EQ(extract("Investor Paul Bilzerian, a raider, bought shares.").people, Strings{"Paul Bilzerian"});
  // A capitalised role counts in apposition unless it is the title of the next name.
  EXPECT_EQ(extract("The plan was backed by Eishiro Saito, Chairman of the Federation.").people,
            Strings{"Eishiro Saito"});
  EXPECT_EQ(extract("The plan was backed by Eishiro Saito, Prime Minister Nakasone and others.").people,
            Strings{"Nakasone"});
  // A name set off by commas may be followed by a comma and a speech verb.
  EXPECT_EQ(extract("Greece will borrow less, the Governor of the Bank of Greece, Dimitris Halikias, said.").people,
            Strings{"Dimitris Halikias"});
  EXPECT_EQ(extract("In London Metal Trading, said dealers, copper rose.").people, Strings{});
}

TEST(EntityPeople, TitlesJoinedByAndOrInThePlural) {
  EXPECT_EQ(extract("Indonesian Minister of Mines and Energy Subroto told reporters.").people, Strings{"Subroto"});
  EXPECT_EQ(extract("The Ministry of Mines and Energy said so.").people, Strings{});
  EXPECT_EQ(extract("President Reagan and Chancellor Helmut Kohl met.").people, (Strings{"Reagan", "Helmut Kohl"}));
  // A plural title also titles the run joined to its own by "and"; a singular one does not.
  EXPECT_EQ(extract("Prime Ministers Zhao Ziyang of China and Anibal Cavaco Silva of Portugal signed.").people,
            (Strings{"Zhao Ziyang", "Anibal Cavaco Silva"}));
  EXPECT_EQ(extract("Presidents Reagan and Gorbachev met.").people, (Strings{"Reagan", "Gorbachev"}));
  EXPECT_EQ(extract("He met Messrs Baker and Volcker.").people, (Strings{"Baker", "Volcker"}));
  EXPECT_EQ(extract("President Reagan and Congress met.").people, Strings{"Reagan"});
  // Titles alone, or a plural title last, name no one.
  EXPECT_EQ(extract("Several Farm-state Senators said they would act, said Senator Bob Dole.").people,
            Strings{"Bob Dole"});
  EXPECT_EQ(extract("The law held, the Attorney General told reporters.").people, Strings{});
  EXPECT_EQ(extract("Meanwhile, said Attorney General Edwin Meese, the law held.").people, Strings{"Edwin Meese"});
  // A plural role is a title inside a run, not before a single word.
  EXPECT_EQ(extract("Banks followed industry leaders Citibank and Chase Manhattan.").people, Strings{});
  EXPECT_EQ(extract("Robert Heller, a member of the Board of Governors of the Federal Reserve System, said so.")
                .people,
            Strings{"Robert Heller"});
}

TEST(EntityPeople, HeadlinesInCapitals) {
  EXPECT_EQ(extract("Blah blah blah.", {}, {}, "U.S. TREASURY'S BAKER SAYS PACT ONLY A START").people,
            Strings{"Baker"});
  EXPECT_EQ(extract("Blah blah blah.", {}, {}, "PRESIDENT REAGAN SAYS NO").people, Strings{"Reagan"});
  EXPECT_EQ(extract("Blah blah blah.", {}, {}, "ACME CHAIRMAN DIES").people, Strings{});
  EXPECT_EQ(extract("Blah blah blah.", {}, {}, "LAWSON SAYS STERLING IS RIGHT").people, Strings{"Lawson"});
  EXPECT_EQ(extract("Blah blah blah.", {}, {}, "Sumita says Bank of Japan will act").people, Strings{"Sumita"});
  EXPECT_EQ(extract("Pennzoil Co said it would appeal.", {}, {}, "PENNZOIL SAYS IT WILL APPEAL").people, Strings{});
  // A headline's first word that the text names, but never as a person, is no person.
  EXPECT_EQ(extract("Schweizerische Aluminium AG, Alusuisse, plans to cut its capital.", {}, {},
                    "ALUSUISSE PLANS TO CUT CAPITAL")
                .people,
            Strings{});
  EXPECT_EQ(extract("The pound is at the right level, Lawson told reporters.", {}, {}, "LAWSON SAYS STERLING IS RIGHT")
                .people,
            Strings{"Lawson"});
  EXPECT_EQ(extract("Blah blah blah.", {}, {}, "JAPAN SAYS TRADE SURPLUS FELL").people, Strings{});
  // A headline surname that the text names in full is that person.
  EXPECT_EQ(extract("Treasury Secretary James Baker said so.", {}, {}, "BAKER SAYS DOLLAR FELL").people,
            Strings{"James Baker"});
}

TEST(EntityPeople, APeopleFilePinsCanonicalForms) {
  const std::string file = std::string(NEWSDEX_FIXTURES_DIR) + "/entities/people.txt";
  EXPECT_EQ(extract("Zelenskyy said. Putin replied.", {}, {}, {}, file).people,
            (Strings{"Volodymyr Zelensky", "Владимир Путин"}));
  // Names in other scripts stay as written.
  EXPECT_EQ(extract("Заявил Владимир Путин.", {}, {}, {}, file).people, Strings{"Владимир Путин"});
  EXPECT_THROW(EntityExtractor("/nonexistent/people.txt"), std::runtime_error);
}

std::vector<std::string> dates(const std::string& body, std::optional<PartialDate> published) {
  std::vector<std::string> out;
  for (const auto& d : extract(body, {}, published).mentioned_dates) out.push_back(d.to_iso());
  return out;
}

TEST(EntityDates, RelativeAndPartialDatesResolveAgainstThePublicationDay) {
  const PartialDate thursday{2023, 3, 2};
  EXPECT_EQ(dates("They met on Wednesday (March 1).", thursday), Strings{"2023-03-01"});
  EXPECT_EQ(dates("Wednesday's trip went well.", thursday), Strings{"2023-03-01"});
  EXPECT_EQ(dates("China last week announced it.", thursday), Strings{"2023-02"});
  EXPECT_EQ(dates("It began in September last year.", thursday), Strings{"2022-09"});
  EXPECT_EQ(dates("He spoke on Feb 26 and on Feb. 27.", MARCH_2_1987), (Strings{"1987-02-26", "1987-02-27"}));
  EXPECT_EQ(dates("Talks end on December 30.", PartialDate{1988, 1, 5}), Strings{"1987-12-30"});
  EXPECT_EQ(dates("He said yesterday it would close next month.", thursday), (Strings{"2023-03-01", "2023-04"}));
  EXPECT_EQ(dates("They will meet next Monday.", thursday), Strings{"2023-03-06"});
  EXPECT_EQ(dates("Sales rose 26 February 1987 and in March 1986.", {}), (Strings{"1987-02-26", "1986-03"}));
}

TEST(EntityDates, WordsThatOnlyLookLikeDates) {
  const PartialDate thursday{2023, 3, 2};
  EXPECT_EQ(dates("Prices may rise. Troops march on. May 5 is a holiday.", thursday), Strings{"2023-05-05"});
  EXPECT_EQ(dates("For March shipment at 1,750 dlrs, June/July at 1,850.", thursday), Strings{});
  EXPECT_EQ(dates("Without a date: last week, Wednesday, March 1.", {}), Strings{});
}

TEST(EntityExtractor, ExtractFlagPrintsOneJsonLinePerArticle) {
  const auto result = testing::run(NEWSDEX_INDEX_BIN, {"--extract", "-q", std::string(NEWSDEX_FIXTURES_DIR) +
                                                                               "/entities/wire.txt"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find(R"("people":["James Baker","Kiichi Miyazawa"])"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find(R"("countries":["US","JP","SU"])"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find(R"("mentioned_dates":["1987-02-26","1987-02","1986-09"])"), std::string::npos)
      << result.out;
}

TEST(EntityExtractor, PeopleOptionPinsNamesInTheRealProgram) {
  const std::string fixtures = NEWSDEX_FIXTURES_DIR;
  const auto result = testing::run(NEWSDEX_INDEX_BIN, {"--extract", "-q", "--people", fixtures + "/entities/people.txt",
                                                       std::string(NEWSDEX_SEEDS_DIR) + "/000_350c6e58df6e67c7.txt"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find(R"("Alexander Lukashenko","Владимир Путин","Wang Yi")"), std::string::npos) << result.out;
  const auto missing = testing::run(NEWSDEX_INDEX_BIN, {"--extract", "--people", fixtures + "/entities/none.txt",
                                                        fixtures + "/entities/wire.txt"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("cannot read --people file"), std::string::npos) << missing.err;
}

}  // namespace
}  // namespace newsdex
