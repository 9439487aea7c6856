// --graph FILE: the co-occurrence network of a search, for Graphviz (.dot), Gephi and
// yEd (.graphml), or scripts and d3 (.json): a node per value (its facet, key, label and
// number of matches), an undirected edge per listed pair (matches together, G², NPMI).
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "cooccurrence.h"

namespace newsdex {

enum class GraphFormat { DOT, GRAPHML, JSON };

// The format a file's extension names (.dot, .gv, .graphml, .json); nullopt for others.
std::optional<GraphFormat> graph_format_for(std::string_view path);

void write_graph(std::ostream& out, const Cooccurrence& co, GraphFormat format);

}  // namespace newsdex
