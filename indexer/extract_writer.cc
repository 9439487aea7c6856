#include "extract_writer.h"

#include <nlohmann/json.hpp>

namespace newsdex {

void write_extract_line(std::ostream& out, const Article& article) {
  nlohmann::ordered_json j;
  j["id"] = article.id;
  j["title"] = article.title;
  if (article.title_derived) j["title_derived"] = true;
  j["date"] = article.date ? nlohmann::ordered_json(article.date->to_iso()) : nlohmann::ordered_json(nullptr);
  j["language"] = article.language.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(article.language);
  j["authors"] = article.authors;
  j["people"] = article.people;
  j["countries"] = article.countries;
  nlohmann::ordered_json mentioned = nlohmann::ordered_json::array();
  for (const auto& d : article.mentioned_dates) mentioned.push_back(d.to_iso());
  j["mentioned_dates"] = std::move(mentioned);
  out << j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
}

}  // namespace newsdex
