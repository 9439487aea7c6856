// Which reader an input needs: named by the user (--format) or detected from the file's
// name and its first bytes.
#pragma once

#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "article_reader.h"
#include "core/diagnostics.h"

namespace newsdex {

enum class InputFormat { PLAIN, REUTERS, JSON_LINES, TREC, CSV };

// "plain", "reuters", "jsonl" (or "json"), "trec", "csv" -> the format; nullopt for an unknown name.
std::optional<InputFormat> parse_input_format(std::string_view name);
std::string_view input_format_name(InputFormat format);

// Detects the format of an input from its name (a .gz suffix is ignored) and the first
// bytes of its (decompressed) content: Reuters by "reut2-" names or <REUTERS>/DOCTYPE
// lewis; TREC by a leading <DOC>; JSON Lines by a .jsonl/.ndjson/.json name or a first
// line that starts with "{"; CSV by a .csv or .tsv name (a .tsv file's delimiter is a
// tab), or, with no extension (standard input), by a first line of known field names
// such as "title,text"; a plain-text article when the name ends .txt or .text, or has no
// extension and the content holds no NUL byte. Anything else (report.pdf, notes.md, a binary file) is
// nullopt: guessing would index structured data or binary as one article of noise.
std::optional<InputFormat> detect_input_format(std::string_view name, std::string_view head);

// Why detect_input_format found no format for `name`, for the message that skips the file.
std::string undetected_format_reason(std::string_view name);

// A reader of `format` over `in`. `default_id` names articles whose record carries no
// id (one-article formats: the id itself; JSON Lines: "<default_id>:<line>").
std::unique_ptr<ArticleReader> make_reader(InputFormat format, std::istream& in, const std::string& name,
                                           const std::string& default_id, Diagnostics& diagnostics,
                                           const ReaderOptions& options = {});

}  // namespace newsdex
