#include "timeline_chart.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "xml_text.h"

namespace newsdex {
namespace {

constexpr double WIDTH = 900, HEIGHT = 420;
constexpr double LEFT = 70, RIGHT = 20, TOP = 50, BOTTOM = 80;
// Distinct colours that stay distinct for colour-blind readers (Okabe and Ito).
constexpr const char* COLOURS[] = {"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"};


// A "nice" step for about `ticks` ticks up to `top`: 1, 2 or 5 times a power of ten.
double tick_step(double top, int ticks) {
  if (top <= 0) return 1;
  const double raw = top / ticks;
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * power >= raw) return std::max(1.0, m * power);
  return std::max(1.0, 10 * power);
}

}  // namespace

void write_timeline_svg(std::ostream& out, const std::vector<ChartSeries>& series, const std::string& title) {
  // The periods of every series, in date order (a period's start sorts as its date).
  std::map<std::string, std::string> periods;  // start -> name
  for (const auto& s : series)
    for (const auto& p : s.timeline.points) periods.emplace(p.start, p.period);
  std::vector<std::string> starts;
  starts.reserve(periods.size());
  for (const auto& [start, name] : periods) starts.push_back(start);
  std::vector<std::map<std::string, double>> counts(series.size());
  double most = 0;
  for (std::size_t i = 0; i < series.size(); ++i)
    for (const auto& p : series[i].timeline.points) {
      counts[i][p.start] = p.count;
      most = std::max(most, static_cast<double>(p.count));
    }
  const double step = tick_step(most, 5);
  const double top = std::max(step, std::ceil(most / step) * step);
  const double plot_w = WIDTH - LEFT - RIGHT, plot_h = HEIGHT - TOP - BOTTOM;
  const double slot = starts.empty() ? plot_w : plot_w / static_cast<double>(starts.size());
  const auto y_of = [&](double v) { return TOP + plot_h - v / top * plot_h; };
  const auto x_mid = [&](std::size_t i) { return LEFT + (static_cast<double>(i) + 0.5) * slot; };
  const std::string unit = series.empty() ? "" : std::string(timeline_unit_name(series.front().timeline.unit));

  fmt::print(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  fmt::print(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\" "
                  "font-family=\"sans-serif\" font-size=\"12\">\n", WIDTH, HEIGHT, WIDTH, HEIGHT);
  fmt::print(out, "<title>{}</title>\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n", xml_text(title));
  fmt::print(out, "<text x=\"{}\" y=\"24\" font-size=\"16\" font-weight=\"bold\">{}</text>\n", LEFT, xml_text(title));
  // The y axis: ticks and grid lines at nice counts.
  fmt::print(out, "<g class=\"y-axis\" stroke=\"#ccc\">\n");
  for (double v = 0; v <= top + 1e-9; v += step) {
    fmt::print(out, "<line x1=\"{}\" x2=\"{}\" y1=\"{:.1f}\" y2=\"{:.1f}\"/>", LEFT, LEFT + plot_w, y_of(v), y_of(v));
    fmt::print(out, "<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\" stroke=\"none\" fill=\"#333\">{}</text>\n",
               LEFT - 6, y_of(v) + 4, v);
  }
  fmt::print(out, "</g>\n<text x=\"16\" y=\"{:.1f}\" transform=\"rotate(-90 16 {:.1f})\" text-anchor=\"middle\">"
                  "articles per {}</text>\n", TOP + plot_h / 2, TOP + plot_h / 2, xml_text(unit));
  // The x axis: at most about 16 period labels, evenly spread.
  const std::size_t every = std::max<std::size_t>(1, (starts.size() + 15) / 16);
  fmt::print(out, "<g class=\"x-axis\">\n<line x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" stroke=\"#333\"/>\n", LEFT,
             LEFT + plot_w, TOP + plot_h, TOP + plot_h);
  for (std::size_t i = 0; i < starts.size(); i += every)
    fmt::print(out, "<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"end\" transform=\"rotate(-45 {:.1f} {})\">{}</text>\n",
               x_mid(i), TOP + plot_h + 14, x_mid(i), TOP + plot_h + 14, xml_text(periods[starts[i]]));
  fmt::print(out, "</g>\n");

  if (series.size() == 1) {
    fmt::print(out, "<g class=\"series\" fill=\"{}\">\n", COLOURS[0]);
    for (std::size_t i = 0; i < starts.size(); ++i) {
      const double v = counts[0][starts[i]];
      fmt::print(out, "<rect class=\"bar\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" "
                      "data-period=\"{}\" data-count=\"{}\"><title>{}: {}</title></rect>\n",
                 LEFT + i * slot + slot * 0.1, y_of(v), slot * 0.8, TOP + plot_h - y_of(v), xml_text(periods[starts[i]]), v,
                 xml_text(periods[starts[i]]), v);
    }
    fmt::print(out, "</g>\n");
  } else {
    for (std::size_t s = 0; s < series.size(); ++s) {
      const char* colour = COLOURS[s % std::size(COLOURS)];
      std::string path;
      for (std::size_t i = 0; i < starts.size(); ++i)
        path += fmt::format("{}{:.1f},{:.1f}", i == 0 ? "M" : " L", x_mid(i), y_of(counts[s][starts[i]]));
      fmt::print(out, "<g class=\"series\" data-name=\"{}\">\n<path d=\"{}\" fill=\"none\" stroke=\"{}\" "
                      "stroke-width=\"2\"/>\n", xml_text(series[s].name), path, colour);
      for (std::size_t i = 0; i < starts.size(); ++i) {
        const double v = counts[s][starts[i]];
        fmt::print(out, "<circle class=\"point\" cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3\" fill=\"{}\" data-period=\"{}\" "
                        "data-count=\"{}\"><title>{} {}: {}</title></circle>\n",
                   x_mid(i), y_of(v), colour, xml_text(periods[starts[i]]), v, xml_text(series[s].name),
                   xml_text(periods[starts[i]]), v);
      }
      // The legend, top right.
      const double ly = TOP + 4 + 16 * static_cast<double>(s);
      fmt::print(out, "<rect x=\"{}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{}\"/><text x=\"{}\" y=\"{}\">{}"
                      "</text>\n</g>\n", WIDTH - RIGHT - 180, ly, colour, WIDTH - RIGHT - 162, ly + 10,
                 xml_text(series[s].name));
    }
  }
  fmt::print(out, "</svg>\n");
}

}  // namespace newsdex
