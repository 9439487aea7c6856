#include "json_lines_reader.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <ctime>

#include "ascii_text.h"
#include "country_table.h"
#include "language.h"
#include "text_encoding.h"

namespace newsdex {
namespace {

// Parsed with RapidJSON, in place: 4x faster than nlohmann-json, and reading runs on the
// thread that feeds every analysis thread.
using Value = rapidjson::Value;

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

const Value* member(const Value& object, std::string_view key) {
  if (!object.IsObject()) return nullptr;
  const Value name(rapidjson::StringRef(key.data(), static_cast<rapidjson::SizeType>(key.size())));
  auto it = object.FindMember(name);
  return it == object.MemberEnd() || it->value.IsNull() ? nullptr : &it->value;
}

const Value* find_path(const Value& record, std::string_view path) {
  const Value* at = &record;
  while (at) {
    const std::size_t dot = path.find('.');
    at = member(*at, path.substr(0, dot));
    if (dot == std::string_view::npos) return at;
    path.remove_prefix(dot + 1);
  }
  return nullptr;
}

// A string, a number, an array of paragraphs, or an object with a name or text.
std::string text_of(const Value& value) {
  if (value.IsString()) return std::string(value.GetString(), value.GetStringLength());
  if (value.IsNumber()) {
    // As written in JSON: integers as integers, other numbers in their shortest form.
    rapidjson::StringBuffer out;
    rapidjson::Writer<rapidjson::StringBuffer> writer(out);
    value.Accept(writer);
    return std::string(out.GetString(), out.GetSize());
  }
  if (value.IsArray()) {
    std::string out;
    for (const auto& part : value.GetArray()) {
      std::string piece = text_of(part);
      if (piece.empty()) continue;
      if (!out.empty()) out += "\n\n";
      out += piece;
    }
    return out;
  }
  for (const char* key : {"name", "text", "value", "title"})
    if (const Value* part = member(value, key)) return text_of(*part);
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

std::vector<std::string> list_of(const Value& value, bool names) {
  std::vector<std::string> out;
  if (value.IsArray()) {
    for (const auto& item : value.GetArray()) {
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
  // In place: the record's strings stay in `line`, which outlives `record` here.
  rapidjson::Document record;
  record.ParseInsitu(line.data());
  if (record.HasParseError()) {
    std::string what = rapidjson::GetParseError_En(record.GetParseError());  // "Invalid value."
    if (what.ends_with('.')) what.pop_back();
    diagnostics_.skipped(article.origin, "malformed-json",
                         "malformed JSON at column " + std::to_string(record.GetErrorOffset() + 1) + ": " + what);
    return false;
  }
  if (!record.IsObject()) {
    diagnostics_.skipped(article.origin, "malformed-json", "the line is not a JSON object");
    return false;
  }
  auto field = [&](const std::string& name) -> const Value* {
    for (const auto& path : fields_->lookup.at(name))
      if (const Value* value = find_path(record, path)) return value;
    return nullptr;
  };
  auto text = [&](const std::string& name) {
    const Value* value = field(name);
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
  if (const Value* authors = field("authors")) article.authors = list_of(*authors, true);
  if (const std::string language = text("language"); !language.empty()) {
    article.language = language_code(language);
    if (article.language.empty())
      diagnostics_.warning(article.origin, "unknown-language", "unknown language '" + language + "'; the default applies");
  }
  if (const Value* date = field("date")) {
    if (date->IsNumber()) article.date = date_from_unix(date->GetDouble());
    else article.date = dates_.parse(text_of(*date));
    if (!article.date)
      diagnostics_.warning(article.origin, "bad-date", "unparseable date '" + text_of(*date) + "'; article kept without a date");
  }
  if (const Value* people = field("people")) {
    article.given.people = list_of(*people, false);
    article.people = article.given.people;
  }
  if (const Value* countries = field("countries")) {
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
