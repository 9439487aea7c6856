// --chart FILE.svg: a timeline drawn as a chart with axes, ticks and labels, in SVG that
// any browser shows and any XML parser reads. One query: a bar per period. A batch: one
// line per query over the same periods, with a legend (coverage of "Yukos" against
// "Gazprom").
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "timeline.h"

namespace newsdex {

struct ChartSeries {
  std::string name;  // the query as asked, or its qid
  Timeline timeline;
};

// Writes the chart of `series` (all of one unit) as SVG. Every series is drawn over the
// union of their periods, a period a series lacks counting 0. Each bar (one series) is a
// <rect class="bar"> and each point (several) a <circle class="point">, both with
// data-period and data-count attributes, so that scripts can read the numbers back.
void write_timeline_svg(std::ostream& out, const std::vector<ChartSeries>& series, const std::string& title);

}  // namespace newsdex
