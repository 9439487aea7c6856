// The article model: plain data that flows from a reader, through analysis and entity
// extraction, to the writer. No Xapian types here.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "core/source_position.h"

namespace newsdex {

// Labels that came with the input (Reuters PLACES/PEOPLE/TOPICS, or a JSON record's own
// lists). Kept apart from what extraction finds, so evaluations stay honest.
struct GivenLabels {
  std::vector<std::string> people;
  std::vector<std::string> places;
  std::vector<std::string> topics;
  bool empty() const { return people.empty() && places.empty() && topics.empty(); }
};

struct Article {
  std::string id;        // stable identifier; becomes the Q term
  std::string title;
  bool title_derived = false;  // the record had no title: `title` is its text's first sentence
  std::string body;
  std::string dateline;  // where and when the story was filed ("SALVADOR, Feb 26"), if given
  std::optional<PartialDate> date;  // publication date (UTC), day precision when known
  std::string source;    // publisher or news agency
  std::string url;
  std::string language;  // ISO 639-1 code, empty when unknown (the default applies)
  std::vector<std::string> authors;

  // Filled by entity extraction (and by input that lists them itself).
  std::vector<std::string> people;      // canonical names as first written
  std::vector<std::string> countries;   // ISO 3166-1 alpha-2, upper case
  std::vector<std::string> regions;     // ISO 3166-2 ("GB-SCT"), upper case; their countries are in `countries`
  std::vector<PartialDate> mentioned_dates;

  GivenLabels given;
  SourcePosition origin;  // where the record started, for messages
};

}  // namespace newsdex
