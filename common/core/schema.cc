#include "core/schema.h"

#include <fmt/format.h>
#include <xapian.h>

#include "core/ascii_text.h"

namespace newsdex::schema {

std::string version_problem(const Xapian::Database& db) {
  const std::string version = db.get_metadata(std::string(METADATA_SCHEMA_VERSION));
  if (version == std::to_string(VERSION)) return "";
  if (version.empty()) return "not a newsdex database (no schema version)";
  return fmt::format("schema version {}, this version of newsdex reads {}", version, VERSION);
}

void stamp_version(Xapian::WritableDatabase& db) {
  db.set_metadata(std::string(METADATA_SCHEMA_VERSION), std::to_string(VERSION));
}

std::string country_term(std::string_view code) {
  std::string term(PREFIX_COUNTRY);
  term += lower_ascii(code);
  return term;
}

std::string region_term(std::string_view code) {
  std::string term(PREFIX_REGION);
  term += lower_ascii(code);
  return term;
}

}  // namespace newsdex::schema
