#include "json_lines_reader.h"

#include <nlohmann/json.hpp>

#include <ctime>

#include "ascii_text.h"
#include "country_table.h"
#include "language.h"
#include "text_encoding.h"

namespace newsdex {
namespace {

using json = nlohmann::json;

// Where each article field is looked for, in order; a name may be a dotted path.
const std::vector<std::pair<std::string, std::vector<std::string>>>& default_fields() {
  static const std::vector<std::pair<std::string, std::vector<std::string>>> kDefaults = {
      {"id", {"id", "_id", "guid", "uuid", "docid", "doc_id"}},
      {"title", {"title", "headline"}},
      {"body", {"body", "text", "content"}},
      {"date", {"date", "published", "published_at", "publishedAt", "pubDate", "datePublished"}},
      {"authors", {"authors", "author", "byline"}},
      {"url", {"url", "link"}},
      {"source", {"source", "publisher"}},
      {"language", {"language", "lang"}},
      {"dateline", {"dateline"}},
      {"people", {"people", "persons"}},
      {"countries", {"countries", "places"}},
  };
  return kDefaults;
}

// The deepest nesting of arrays and objects in `text`, counted without parsing (strings
// are skipped), stopping as soon as it passes `limit`.
int nesting_depth(std::string_view text, int limit) {
  int depth = 0, deepest = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
      if (deepest > limit) return deepest;
    } else if (c == ']' || c == '}') --depth;
  }
  return deepest;
}

const json* find_path(const json& record, const std::string& path) {
  const json* at = &record;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = path.find('.', start);
    const std::string key = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (!at->is_object()) return nullptr;
    auto it = at->find(key);
    if (it == at->end() || it->is_null()) return nullptr;
    at = &*it;
    if (dot == std::string::npos) return at;
    start = dot + 1;
  }
}

// A string, a number, an array of paragraphs, or an object with a name or text.
std::string text_of(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number()) return value.dump();
  if (value.is_array()) {
    std::string out;
    for (const auto& part : value) {
      std::string piece = text_of(part);
      if (piece.empty()) continue;
      if (!out.empty()) out += "\n\n";
      out += piece;
    }
    return out;
  }
  if (value.is_object()) {
    for (const char* key : {"name", "text", "value", "title"})
      if (auto it = value.find(key); it != value.end()) return text_of(*it);
  }
  return {};
}

// "Tessa Wong and George Wright", "By A, B & C" -> the names.
std::vector<std::string> split_names(std::string_view byline) {
  std::string normalised(trim_space(byline));
  if (normalised.starts_with("By ") || normalised.starts_with("by ")) normalised.erase(0, 3);
  for (std::string_view sep : {" and ", " & ", ";"}) {
    for (std::size_t at; (at = normalised.find(sep)) != std::string::npos;) normalised.replace(at, sep.size(), ",");
  }
  std::vector<std::string> names;
  std::size_t start = 0;
  while (start <= normalised.size()) {
    std::size_t comma = normalised.find(',', start);
    if (comma == std::string::npos) comma = normalised.size();
    const auto name = trim_space(std::string_view(normalised).substr(start, comma - start));
    if (!name.empty()) names.emplace_back(name);
    start = comma + 1;
  }
  return names;
}

std::vector<std::string> list_of(const json& value, bool names) {
  std::vector<std::string> out;
  if (value.is_array()) {
    for (const auto& item : value) {
      std::string s(trim_space(text_of(item)));
      if (!s.empty()) out.push_back(std::move(s));
    }
  } else if (names) {
    out = split_names(text_of(value));
  } else {
    const std::string s(trim_space(text_of(value)));
    if (!s.empty()) out.push_back(s);
  }
  return out;
}

std::optional<PartialDate> date_from_unix(double seconds) {
  if (seconds > 1e11) seconds /= 1000;  // milliseconds
  const auto t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  if (!gmtime_r(&t, &tm)) return std::nullopt;
  const int year = tm.tm_year + 1900;
  if (!is_valid_day(year, static_cast<unsigned>(tm.tm_mon + 1), static_cast<unsigned>(tm.tm_mday))) return std::nullopt;
  return PartialDate{year, static_cast<unsigned>(tm.tm_mon + 1), static_cast<unsigned>(tm.tm_mday)};
}

}  // namespace

const std::vector<std::string>& json_article_fields() {
  static const std::vector<std::string> kNames = [] {
    std::vector<std::string> names;
    for (const auto& [field, _] : default_fields()) names.push_back(field);
    return names;
  }();
  return kNames;
}

struct JsonLinesReader::Fields {
  // Article field -> the record field names tried, in order.
  std::map<std::string, std::vector<std::string>> lookup;
};

JsonLinesReader::JsonLinesReader(std::istream& in, std::string name, std::string default_id,
                                 Diagnostics& diagnostics, const ReaderOptions& options)
    : name_(std::move(name)),
      default_id_(std::move(default_id)),
      diagnostics_(diagnostics),
      scanner_(in, options.max_record_bytes),
      fields_(std::make_unique<Fields>()) {
  for (const auto& [field, names] : default_fields()) fields_->lookup[field] = names;
  // "author" is how users will write it; the article field is "authors".
  for (const auto& [field, name] : options.json_fields)
    fields_->lookup[field == "author" ? "authors" : field == "text" ? "body" : field] = {name};
}

JsonLinesReader::~JsonLinesReader() = default;

bool JsonLinesReader::next(Article& article) {
  while (true) {
    const auto status = scanner_.next_line(line_);
    if (status == RecordScanner::Status::End) {
      if (scanner_.read_error()) diagnostics_.skipped({name_, scanner_.line(), 0}, "unreadable", "read error");
      return false;
    }
    article = Article{};
    article.origin = {name_, scanner_.line(), 0};
    if (status == RecordScanner::Status::TooLarge) {
      diagnostics_.skipped(article.origin, "too-large", "line longer than the --max-record-size limit");
      continue;
    }
    if (trim_space(line_).empty()) continue;
    if (parse_line(line_, article)) return true;
  }
}

bool JsonLinesReader::parse_line(std::string& line, Article& article) {
  if (repair_utf8(line)) diagnostics_.warning(article.origin, "invalid-utf8", "invalid UTF-8 replaced with U+FFFD");
  // Raw control bytes (tabs included) are not allowed inside JSON strings; as spaces they
  // are harmless between tokens too.
  bool control = false;
  for (char& c : line) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F) {
      control = control || c != '\t';
      c = ' ';
    }
  }
  if (control) diagnostics_.warning(article.origin, "control-bytes", "control characters replaced with spaces");
  if (nesting_depth(line, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    diagnostics_.skipped(article.origin, "malformed-json",
                         "JSON nested deeper than " + std::to_string(MAX_JSON_DEPTH) + " levels");
    return false;
  }
  json record;
  try {
    record = json::parse(line);
  } catch (const json::parse_error& e) {
    // nlohmann's message reads "[json.exception.parse_error.101] parse error at line 1,
    // column 63: syntax error ..."; the line is ours, the rest is worth showing.
    std::string what = e.what();
    if (const auto colon = what.find(": ", what.find("column")); colon != std::string::npos) what.erase(0, colon + 2);
    diagnostics_.skipped(article.origin, "malformed-json",
                         "malformed JSON at column " + std::to_string(e.byte) + ": " + what);
    return false;
  }
  if (!record.is_object()) {
    diagnostics_.skipped(article.origin, "malformed-json", "the line is not a JSON object");
    return false;
  }
  auto field = [&](const std::string& name) -> const json* {
    for (const auto& path : fields_->lookup.at(name))
      if (const json* value = find_path(record, path)) return value;
    return nullptr;
  };
  auto text = [&](const std::string& name) {
    const json* value = field(name);
    return value ? std::string(trim_space(text_of(*value))) : std::string();
  };

  article.id = text("id");
  if (article.id.empty()) article.id = default_id_ + ":" + std::to_string(article.origin.line);
  article.title = text("title");
  article.body = text("body");
  article.dateline = text("dateline");
  article.url = text("url");
  article.source = text("source");
  bool control_text = replace_control_bytes(article.title);
  control_text = replace_control_bytes(article.body) || control_text;
  if (control_text) diagnostics_.warning(article.origin, "control-bytes", "control characters replaced with spaces");
  if (const json* authors = field("authors")) article.authors = list_of(*authors, true);
  if (const std::string language = text("language"); !language.empty()) {
    article.language = language_code(language);
    if (article.language.empty())
      diagnostics_.warning(article.origin, "unknown-language", "unknown language '" + language + "'; the default applies");
  }
  if (const json* date = field("date")) {
    if (date->is_number()) article.date = date_from_unix(date->get<double>());
    else article.date = dates_.parse(text_of(*date));
    if (!article.date)
      diagnostics_.warning(article.origin, "bad-date", "unparseable date '" + text_of(*date) + "'; article kept without a date");
  }
  if (const json* people = field("people")) {
    article.given.people = list_of(*people, false);
    article.people = article.given.people;
  }
  if (const json* countries = field("countries")) {
    article.given.places = list_of(*countries, false);
    for (const auto& place : article.given.places) {
      if (auto code = CountryTable::instance().code_for(place)) {
        if (std::find(article.countries.begin(), article.countries.end(), *code) == article.countries.end())
          article.countries.push_back(*code);
      } else {
        diagnostics_.warning(article.origin, "unknown-country", "unknown country '" + place + "'; kept as a given label only");
      }
    }
  }
  if (article.title.empty() && article.body.empty()) {
    diagnostics_.skipped(article.origin, "empty", "article has no text");
    return false;
  }
  return true;
}

}  // namespace newsdex
