#include "reuters_reader.h"

#include "core/ascii_text.h"
#include "core/text_encoding.h"

namespace newsdex {
namespace {

// The content between <tag ...> and </tag>, or an empty view when the tag is absent.
std::string_view element(std::string_view record, std::string_view tag) {
  const std::string open = "<" + std::string(tag);
  std::size_t at = record.find(open);
  while (at != std::string_view::npos) {
    const char next = at + open.size() < record.size() ? record[at + open.size()] : '\0';
    if (next == '>' || next == ' ') break;
    at = record.find(open, at + 1);
  }
  if (at == std::string_view::npos) return {};
  const std::size_t start = record.find('>', at);
  if (start == std::string_view::npos) return {};
  const std::size_t end = record.find("</" + std::string(tag) + ">", start);
  if (end == std::string_view::npos) return {};
  return record.substr(start + 1, end - start - 1);
}

std::string attribute(std::string_view record, std::string_view name) {
  const std::size_t tag_end = record.find('>');
  std::string_view tag = record.substr(0, tag_end);
  const std::string key = " " + std::string(name) + "=\"";
  const std::size_t at = tag.find(key);
  if (at == std::string_view::npos) return {};
  const std::size_t start = at + key.size();
  const std::size_t end = tag.find('"', start);
  if (end == std::string_view::npos) return {};
  return std::string(tag.substr(start, end - start));
}

// <D>a</D><D>b</D> -> {"a", "b"}
std::vector<std::string> d_list(std::string_view content) {
  std::vector<std::string> values;
  for (std::size_t at = content.find("<D>"); at != std::string_view::npos; at = content.find("<D>", at)) {
    const std::size_t end = content.find("</D>", at);
    if (end == std::string_view::npos) break;
    values.emplace_back(trim_space(content.substr(at + 3, end - at - 3)));
    at = end;
  }
  return values;
}

std::string strip_tags(std::string_view text) {
  std::string out;
  bool in_tag = false;
  for (char c : text) {
    if (c == '<') in_tag = true;
    else if (c == '>') in_tag = false;
    else if (!in_tag) out += c;
  }
  return out;
}

// Reuters bodies end with the agency's sign-off "Reuter" (and, in SGML, a &#3;).
void strip_signoff(std::string& body) {
  std::string_view view = trim_space(body);
  for (std::string_view tail : {"REUTER", "Reuter", "reuter"}) {
    if (view.ends_with(tail)) {
      view.remove_suffix(tail.size());
      break;
    }
  }
  body = std::string(trim_space(view));
}

}  // namespace

ReutersReader::ReutersReader(std::istream& in, std::string name, Diagnostics& diagnostics,
                             const ReaderOptions& options)
    : name_(std::move(name)), diagnostics_(diagnostics), scanner_(in, options.max_record_bytes) {
  // The SGML distribution announces itself with a DOCTYPE and is Latin-1; the XML
  // edition starts with an XML declaration and is UTF-8 (with stray bytes repaired).
  const std::string_view head = scanner_.peek(200);
  latin1_ = head.find("<!DOCTYPE lewis") != std::string_view::npos ||
            head.find("<!DOCTYPE LEWIS") != std::string_view::npos;
}

bool ReutersReader::next(Article& article) {
  SourcePosition origin;
  while (next_usable_record(scanner_, "<REUTERS", "</REUTERS>", name_, diagnostics_, record_, record_number_, origin)) {
    article = Article{};
    article.origin = origin;
    if (parse_record(record_, article)) return true;
  }
  return false;
}

bool ReutersReader::parse_record(std::string_view raw, Article& article) {
  std::string record = latin1_ ? latin1_to_utf8(raw) : std::string(raw);
  if (repair_utf8(record))
    diagnostics_.warning(article.origin, "invalid-utf8", "invalid UTF-8 replaced with U+FFFD");
  if (replace_control_bytes(record))
    diagnostics_.warning(article.origin, "control-bytes", "control characters replaced with spaces");

  article.id = attribute(record, "NEWID");
  if (article.id.empty()) {
    diagnostics_.skipped(article.origin, "no-id", "<REUTERS> record without NEWID");
    return false;
  }
  article.source = "Reuters";
  article.language = "en";
  const std::string date_text(trim_space(element(record, "DATE")));
  article.date = dates_.parse(date_text);
  // Some records carry junk after the date ("27-MAR-1987 08:45:34.42   C G T M") or a broken
  // time ("31-MAR-1987 605:12:19.12"): the day alone is what the index needs.
  if (!article.date) article.date = dates_.parse(std::string_view(date_text).substr(0, date_text.find(' ')));
  if (!article.date && !date_text.empty())
    diagnostics_.warning(article.origin, "bad-date", "unparseable date '" + date_text + "'; article kept without a date");

  article.given.topics = d_list(element(record, "TOPICS"));
  article.given.places = d_list(element(record, "PLACES"));
  article.given.people = d_list(element(record, "PEOPLE"));

  const std::string_view text = element(record, "TEXT");
  article.title = decode_xml_entities(trim_space(element(text, "TITLE")));
  std::string dateline = decode_xml_entities(trim_space(element(text, "DATELINE")));
  // "SALVADOR, Feb 26 -" -> "SALVADOR, Feb 26"
  while (!dateline.empty() && (dateline.back() == '-' || dateline.back() == ' ')) dateline.pop_back();
  article.dateline = std::move(dateline);
  std::string_view body = element(text, "BODY");
  // Brief and unprocessed stories have no <BODY>: their text is the rest of <TEXT>.
  article.body = decode_xml_entities(body.empty() && article.title.empty() ? strip_tags(text) : body);
  replace_control_bytes(article.body);
  strip_signoff(article.body);
  if (article.title.empty() && article.body.empty()) {
    diagnostics_.skipped(article.origin, "empty", "article has no text");
    return false;
  }
  return true;
}

}  // namespace newsdex
