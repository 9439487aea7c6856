#include "input_format.h"

#include "plain_text_reader.h"
#include "reuters_reader.h"

namespace newsdex {

std::optional<InputFormat> parse_input_format(std::string_view name) {
  if (name == "plain" || name == "text") return InputFormat::Plain;
  if (name == "reuters") return InputFormat::Reuters;
  return std::nullopt;
}

std::string_view input_format_name(InputFormat format) {
  switch (format) {
    case InputFormat::Plain: return "plain";
    case InputFormat::Reuters: return "reuters";
  }
  return "plain";
}

InputFormat detect_input_format(std::string_view name, std::string_view head) {
  const auto slash = name.find_last_of('/');
  const std::string_view base = slash == std::string_view::npos ? name : name.substr(slash + 1);
  if (base.starts_with("reut2-") || head.find("<REUTERS") != std::string_view::npos ||
      head.find("<!DOCTYPE lewis") != std::string_view::npos)
    return InputFormat::Reuters;
  return InputFormat::Plain;
}

std::unique_ptr<ArticleReader> make_reader(InputFormat format, std::istream& in, const std::string& name,
                                           const std::string& default_id, Diagnostics& diagnostics) {
  switch (format) {
    case InputFormat::Reuters: return std::make_unique<ReutersReader>(in, name, diagnostics);
    case InputFormat::Plain: break;
  }
  return std::make_unique<PlainTextReader>(in, name, default_id, diagnostics);
}

}  // namespace newsdex
