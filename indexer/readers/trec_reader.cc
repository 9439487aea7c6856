#include "trec_reader.h"

#include <array>
#include <cstdio>

#include "core/ascii_text.h"
#include "core/text_encoding.h"

namespace newsdex {
namespace {

// Every <tag>...</tag> (tag names are upper case in TREC files; attributes allowed),
// appended to `out` separated by blank lines. Returns false when the tag never occurs.
bool collect(std::string_view record, std::string_view tag, std::string& out) {
  const std::string open = "<" + std::string(tag);
  const std::string close = "</" + std::string(tag) + ">";
  bool found = false;
  for (std::size_t at = record.find(open); at != std::string_view::npos; at = record.find(open, at + 1)) {
    const std::size_t after = at + open.size();
    if (after >= record.size() || (record[after] != '>' && record[after] != ' ')) continue;
    const std::size_t start = record.find('>', after);
    if (start == std::string_view::npos) break;
    const std::size_t end = record.find(close, start);
    if (end == std::string_view::npos) break;
    const std::string_view content = trim_space(record.substr(start + 1, end - start - 1));
    if (!content.empty()) {
      if (!out.empty()) out += "\n\n";
      out.append(content);
    }
    found = true;
    at = end;
  }
  return found;
}

// Inner markup (<P>, <F P=...>) goes; paragraph ends become blank lines.
std::string strip_tags(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '<') {
      out += text[i];
      continue;
    }
    const std::size_t end = text.find('>', i);
    if (end == std::string_view::npos) {
      out.append(text.substr(i));
      break;
    }
    if (text.substr(i, end - i + 1) == "</P>" && !out.empty()) out += "\n";
    i = end;
  }
  return out;
}

// Collapses the runs of spaces and line breaks that fixed-width newswire text carries in
// titles, where they mean nothing.
std::string one_line(std::string_view text) {
  std::string out;
  for (char c : trim_space(text)) {
    const bool space = static_cast<unsigned char>(c) <= ' ';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  return out;
}

// "AP880212-0001" -> "AP", "WSJ870324-0001" -> "WSJ", "FT911-3" -> "FT", "LA010189-0001" -> "LA".
std::string source_from_docno(std::string_view docno) {
  std::size_t letters = 0;
  while (letters < docno.size() && docno[letters] >= 'A' && docno[letters] <= 'Z') ++letters;
  return letters >= 2 && letters <= 4 && letters < docno.size() ? std::string(docno.substr(0, letters)) : std::string();
}

// WSJ's "02/12/88" (MM/DD/YY), which the shared date parser does not read as it is ambiguous
// elsewhere; in TREC newswire it is always month first.
std::optional<PartialDate> parse_us_short_date(std::string_view text) {
  unsigned month = 0, day = 0, year = 0;
  char tail = 0;
  const std::string s(text);
  if (std::sscanf(s.c_str(), "%2u/%2u/%2u%c", &month, &day, &year, &tail) != 3) return std::nullopt;
  const int full_year = static_cast<int>(year < 50 ? 2000 + year : 1900 + year);
  if (!is_valid_day(full_year, month, day)) return std::nullopt;
  return PartialDate{full_year, month, day};
}

}  // namespace

TrecReader::TrecReader(std::istream& in, std::string name, Diagnostics& diagnostics, const ReaderOptions& options)
    : name_(std::move(name)), diagnostics_(diagnostics), scanner_(in, options.max_record_bytes) {}

bool TrecReader::next(Article& article) {
  SourcePosition origin;
  while (next_usable_record(scanner_, "<DOC>", "</DOC>", name_, diagnostics_, record_, record_number_, origin)) {
    article = Article{};
    article.origin = origin;
    if (parse_record(record_, article)) return true;
  }
  return false;
}

bool TrecReader::parse_record(std::string& record, Article& article) {
  if (repair_utf8(record))
    diagnostics_.warning(article.origin, "invalid-utf8", "invalid UTF-8 replaced with U+FFFD");
  if (replace_control_bytes(record))
    diagnostics_.warning(article.origin, "control-bytes", "control characters replaced with spaces");

  std::string docno;
  collect(record, "DOCNO", docno);
  article.id = one_line(docno);
  if (article.id.empty()) {
    diagnostics_.skipped(article.origin, "no-id", "<DOC> record without <DOCNO>");
    return false;
  }
  article.source = source_from_docno(article.id);

  std::string title;
  for (std::string_view tag : {"HEADLINE", "HL", "HEAD", "TITLE"}) {
    if (collect(record, tag, title)) break;
  }
  article.title = one_line(decode_xml_entities(strip_tags(title)));

  std::string text;
  collect(record, "TEXT", text);
  article.body = std::string(trim_space(decode_xml_entities(strip_tags(text))));

  std::string date_text;
  for (std::string_view tag : {"DATE", "DD"}) {
    if (collect(record, tag, date_text)) break;
  }
  date_text = one_line(decode_xml_entities(strip_tags(date_text)));
  if (!date_text.empty()) {
    article.date = dates_.parse(date_text);
    if (!article.date) article.date = parse_us_short_date(date_text);
    // LA Times: "January 1, 1989, Sunday, Home Edition": try the text before each comma.
    for (std::size_t comma = date_text.rfind(','); !article.date && comma != std::string::npos && comma > 0;
         comma = date_text.rfind(',', comma - 1)) {
      article.date = dates_.parse(std::string_view(date_text).substr(0, comma));
    }
    if (!article.date)
      diagnostics_.warning(article.origin, "bad-date", "unparseable date '" + date_text + "'; article kept without a date");
  }
  if (article.title.empty() && article.body.empty()) {
    diagnostics_.skipped(article.origin, "empty", "article has no text");
    return false;
  }
  return true;
}

}  // namespace newsdex
