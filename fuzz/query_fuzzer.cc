// The searcher's query front end on arbitrary text: our analysis pass, Xapian's
// QueryParser as QueryBuilder configures it, and a match against a small in-memory
// database (so wildcards expand and the query actually runs). A malformed query must
// end in QueryError, never in another exception or a crash.
#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "document_builder.h"
#include "fuzz_support.h"
#include "storage/id_term.h"
#include "query_builder.h"
#include "core/schema.h"

namespace {

Xapian::WritableDatabase& database() {
  static Xapian::WritableDatabase db = [] {
    using namespace newsdex;
    Xapian::WritableDatabase d(std::string(), Xapian::DB_BACKEND_INMEMORY);
    d.set_metadata(std::string(schema::METADATA_SCHEMA_VERSION), std::to_string(schema::VERSION));
    DocumentBuilder builder("en");
    const char* const texts[][2] = {
        {"Lukashenko visits China", "The two leaders, China and Belarus, say they are extremely interested."},
        {"BAHIA COCOA REVIEW", "Showers continued throughout the week in the Bahia cocoa zone."},
        {"Zélensky in Zürich", "Talks on the grain embargo resumed in Geneva; 中国和白俄罗斯."},
    };
    int n = 0;
    for (const auto& text : texts) {
      Article a;
      a.id = "doc" + std::to_string(++n);
      a.title = text[0];
      a.body = text[1];
      a.date = PartialDate{2023, 3, static_cast<unsigned>(n)};
      a.authors = {"Tessa Wong"};
      a.countries = {"BY", "CN"};
      d.replace_document(id_term(a.id), builder.build(a));
    }
    d.commit();
    return d;
  }();
  return db;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  newsdex::fuzz::quiet_logging();
  database();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace newsdex;
  static QueryBuilder builder(database(), "en");
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::string normalised = builder.normalise(text);
  (void)normalised;
  try {
    const Xapian::Query query = builder.build(text);
    Xapian::Enquire enquire(database());
    enquire.set_query(query);
    const Xapian::MSet mset = enquire.get_mset(0, 10);
    for (auto it = mset.begin(); it != mset.end(); ++it) NEWSDEX_FUZZ_CHECK(!it.get_document().get_data().empty(), "");
  } catch (const QueryError&) {
    // The documented answer to a malformed query (exit code 2).
  }
  return 0;
}
