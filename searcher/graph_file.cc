#include "graph_file.h"

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <nlohmann/json.hpp>

#include <map>
#include <vector>

#include "xml_text.h"

namespace newsdex {
namespace {

struct Node {
  std::string id;  // "person:tony blair"
  Facet facet;
  const FacetValue* value;
};

// Every value the listed pairs name, once, in order of first appearance.
std::vector<Node> nodes_of(const Cooccurrence& co, std::map<std::string, std::size_t>& index) {
  std::vector<Node> nodes;
  const auto add = [&](Facet facet, const FacetValue& value) {
    std::string id = std::string(facet_name(facet)) + ":" + value.key;
    if (index.try_emplace(id, nodes.size()).second) nodes.push_back({std::move(id), facet, &value});
  };
  for (const auto& pair : co.top) {
    add(co.request.first, pair.a);
    add(co.request.second, pair.b);
  }
  return nodes;
}

std::string node_id(Facet facet, const FacetValue& value) { return std::string(facet_name(facet)) + ":" + value.key; }

// A DOT string: quotes and backslashes escaped, control characters as spaces.
std::string dot(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
  }
  return out + '"';
}


}  // namespace

std::optional<GraphFormat> graph_format_for(std::string_view path) {
  const auto ends = [&](std::string_view suffix) {
    return path.size() >= suffix.size() && path.substr(path.size() - suffix.size()) == suffix;
  };
  if (ends(".dot") || ends(".gv")) return GraphFormat::DOT;
  if (ends(".graphml")) return GraphFormat::GRAPHML;
  if (ends(".json")) return GraphFormat::JSON;
  return std::nullopt;
}

void write_graph(std::ostream& out, const Cooccurrence& co, GraphFormat format) {
  std::map<std::string, std::size_t> index;
  const std::vector<Node> nodes = nodes_of(co, index);
  switch (format) {
    case GraphFormat::DOT:
      fmt::print(out, "graph cooccurrence {{\n  node [shape=box];\n");
      for (const auto& n : nodes)
        fmt::print(out, "  {} [label={}, facet={}, count={}];\n", dot(n.id), dot(n.value->label),
                   dot(facet_name(n.facet)), n.value->count);
      for (const auto& p : co.top)
        fmt::print(out, "  {} -- {} [weight={}, together={}, g2={:.4f}, npmi={:.4f}];\n",
                   dot(node_id(co.request.first, p.a)), dot(node_id(co.request.second, p.b)), p.together, p.together,
                   p.g2, p.npmi);
      fmt::print(out, "}}\n");
      return;
    case GraphFormat::GRAPHML:
      fmt::print(out,
                 "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                 "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
                 "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
                 "  <key id=\"facet\" for=\"node\" attr.name=\"facet\" attr.type=\"string\"/>\n"
                 "  <key id=\"count\" for=\"node\" attr.name=\"count\" attr.type=\"int\"/>\n"
                 "  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"int\"/>\n"
                 "  <key id=\"g2\" for=\"edge\" attr.name=\"g2\" attr.type=\"double\"/>\n"
                 "  <key id=\"npmi\" for=\"edge\" attr.name=\"npmi\" attr.type=\"double\"/>\n"
                 "  <graph id=\"cooccurrence\" edgedefault=\"undirected\">\n");
      for (const auto& n : nodes)
        fmt::print(out,
                   "    <node id=\"{}\"><data key=\"label\">{}</data><data key=\"facet\">{}</data>"
                   "<data key=\"count\">{}</data></node>\n",
                   xml_text(n.id), xml_text(n.value->label), facet_name(n.facet), n.value->count);
      for (const auto& p : co.top)
        fmt::print(out,
                   "    <edge source=\"{}\" target=\"{}\"><data key=\"weight\">{}</data><data key=\"g2\">{:.4f}</data>"
                   "<data key=\"npmi\">{:.4f}</data></edge>\n",
                   xml_text(node_id(co.request.first, p.a)), xml_text(node_id(co.request.second, p.b)), p.together, p.g2,
                   p.npmi);
      fmt::print(out, "  </graph>\n</graphml>\n");
      return;
    case GraphFormat::JSON: {
      nlohmann::ordered_json j;
      j["nodes"] = nlohmann::ordered_json::array();
      for (const auto& n : nodes)
        j["nodes"].push_back({{"id", n.id}, {"facet", facet_name(n.facet)}, {"value", n.value->key},
                              {"label", n.value->label}, {"count", n.value->count}});
      j["links"] = nlohmann::ordered_json::array();
      for (const auto& p : co.top)
        j["links"].push_back({{"source", node_id(co.request.first, p.a)}, {"target", node_id(co.request.second, p.b)},
                              {"together", p.together}, {"g2", p.g2}, {"npmi", p.npmi}});
      out << j.dump(1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
      return;
    }
  }
}

}  // namespace newsdex
