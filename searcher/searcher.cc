#include "searcher.h"

#include <filesystem>
#include <stdexcept>

#include "query_builder.h"
#include "schema.h"
#include "stored_article.h"

namespace newsdex {

Xapian::Database open_database(const std::string& path) {
  if (!std::filesystem::exists(path))
    throw std::runtime_error(path + ": no such database (create it with newsdex-index --db " + path + ")");
  Xapian::Database db;
  try {
    db = Xapian::Database(path, Xapian::DB_OPEN);
  } catch (const Xapian::DatabaseOpeningError& e) {
    throw std::runtime_error(path + ": cannot open database: " + e.get_msg());
  }
  const std::string version = db.get_metadata(std::string(schema::METADATA_SCHEMA_VERSION));
  if (version != std::to_string(schema::VERSION)) {
    throw std::runtime_error(path + ": " + (version.empty() ? std::string("not a newsdex database")
                                                            : "schema version " + version + ", expected " +
                                                                  std::to_string(schema::VERSION)));
  }
  return db;
}

SearchResult search(const Xapian::Database& db, const SearchRequest& request) {
  QueryBuilder builder(db, request.language);
  Xapian::Enquire enquire(db);
  enquire.set_query(builder.build(request.query));
  enquire.set_weighting_scheme(Xapian::BM25Weight());
  const Xapian::MSet mset = enquire.get_mset(request.offset, request.limit);

  SearchResult result;
  result.total = mset.get_matches_estimated();
  result.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    Hit hit;
    hit.rank = it.get_rank() + 1;
    hit.score = it.get_weight();
    hit.article = decode_stored_article(it.get_document().get_data());
    result.hits.push_back(std::move(hit));
  }
  return result;
}

}  // namespace newsdex
