// --chart and --graph: the SVG timeline parses as XML and its bars (or a batch's points)
// carry the timeline's counts; the co-occurrence network in JSON, GraphML and DOT holds
// the pairs listed.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

#include "xml_text.h"
#include "test_support.h"

namespace newsdex {
namespace {

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The elements of class `cls` in an XML file, as Python's ElementTree reads them: a list
// of their attributes.
nlohmann::json xml_elements(const std::string& path, const std::string& cls) {
  const auto r = testing::run("/usr/bin/python3",
                              {"-c",
                               "import json, sys, xml.etree.ElementTree as ET\n"
                               "root = ET.parse(sys.argv[1]).getroot()\n"
                               "print(json.dumps([e.attrib for e in root.iter() if e.get('class') == sys.argv[2]"
                               " or e.tag.endswith('}' + sys.argv[2])]))\n",
                               path, cls});
  if (r.exit_code != 0) throw std::runtime_error("python3 xml: " + r.err);
  return nlohmann::json::parse(r.out);
}

class ChartsAndGraphs : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string jsonl;
    const std::vector<std::tuple<std::string, std::string, std::vector<std::string>>> rows = {
        {"2005-01-03", "Yukos auction", {"Mikhail Khodorkovsky", "Vladimir Putin"}},
        {"2005-01-04", "Yukos sale", {"Mikhail Khodorkovsky", "Vladimir Putin"}},
        {"2005-01-20", "Yukos court", {"Mikhail Khodorkovsky", "Platon Lebedev"}},
        {"2005-01-21", "Yukos trial", {"Mikhail Khodorkovsky", "Platon Lebedev"}},
        {"2005-01-05", "Gazprom deal", {"Alexei Miller"}},
        {"2005-02-02", "Gazprom bid", {"Alexei Miller", "Vladimir Putin"}},
        {"2005-02-03", "Gazprom gas", {"Alexei Miller"}},
        {"2005-02-04", "Weather", {"Ann Other"}}};
    int n = 0;
    for (const auto& [date, title, people] : rows)
      jsonl += nlohmann::json{{"id", "a" + std::to_string(n++)}, {"title", title}, {"date", date},
                              {"body", title + "."}, {"people", people}}.dump() + "\n";
    corpus_ = new testing::IndexedCorpus(jsonl);
  }
  static void TearDownTestSuite() { delete corpus_; }
  static testing::IndexedCorpus* corpus_;
};
testing::IndexedCorpus* ChartsAndGraphs::corpus_ = nullptr;

TEST_F(ChartsAndGraphs, TheSvgTimelineHasABarPerPeriodWithItsCount) {
  const std::string svg = corpus_->dir() / "yukos.svg";
  const auto r = corpus_->search({"yukos", "--timeline", "week", "--limit", "0", "--format", "json", "--chart", svg});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto periods = nlohmann::json::parse(r.out)["timeline"]["periods"];
  const auto bars = xml_elements(svg, "bar");
  ASSERT_EQ(bars.size(), periods.size()) << bars.dump();
  ASSERT_EQ(bars.size(), 3u) << "2005-W01, an empty W02, W03";
  for (std::size_t i = 0; i < bars.size(); ++i) {
    EXPECT_EQ(bars[i]["data-period"], periods[i]["period"]);
    EXPECT_EQ(bars[i]["data-count"], std::to_string(periods[i]["count"].get<int>()));
  }
  EXPECT_NE(read(svg).find("<title>Articles per week: yukos</title>"), std::string::npos);
}

TEST_F(ChartsAndGraphs, ABatchChartHasALinePerQueryOverTheSamePeriods) {
  const std::string svg = corpus_->dir() / "both.svg";
  const auto r = corpus_->search({"--batch", "-", "--timeline", "month", "--limit", "0", "--chart", svg},
                                 "y\tyukos\ng\tgazprom\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto points = xml_elements(svg, "point");
  // Both series over 2005-01 and 2005-02: yukos 4 and 0, gazprom 1 and 2.
  std::vector<std::string> got;
  for (const auto& p : points) got.push_back(p["data-period"].get<std::string>() + "=" + p["data-count"].get<std::string>());
  EXPECT_EQ(got, (std::vector<std::string>{"2005-01=4", "2005-02=0", "2005-01=1", "2005-02=2"}));
  const std::string text = read(svg);
  EXPECT_NE(text.find("data-name=\"yukos\""), std::string::npos);
  EXPECT_NE(text.find("data-name=\"gazprom\""), std::string::npos);
}

TEST_F(ChartsAndGraphs, TheNetworkFilesHoldThePairsListed) {
  const auto listed = corpus_->search({"--cooccur", "person", "--limit", "0", "--format", "json"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  const auto pairs = nlohmann::json::parse(listed.out)["cooccurrence"]["pairs"];
  ASSERT_EQ(pairs.size(), 2u) << pairs.dump() << ": Khodorkovsky with Lebedev, and with Putin";

  const std::string json_file = corpus_->dir() / "net.json", graphml = corpus_->dir() / "net.graphml",
                    dot = corpus_->dir() / "net.dot";
  for (const auto& file : {json_file, graphml, dot}) {
    const auto r = corpus_->search({"--cooccur", "person", "--limit", "0", "--graph", file});
    ASSERT_EQ(r.exit_code, 0) << file << ": " << r.err;
  }
  const auto net = nlohmann::json::parse(read(json_file));
  ASSERT_EQ(net["links"].size(), pairs.size());
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    EXPECT_EQ(net["links"][i]["source"], "person:" + pairs[i]["a"]["value"].get<std::string>());
    EXPECT_EQ(net["links"][i]["target"], "person:" + pairs[i]["b"]["value"].get<std::string>());
    EXPECT_EQ(net["links"][i]["together"], pairs[i]["together"]);
  }
  EXPECT_EQ(net["nodes"].size(), 3u);
  EXPECT_EQ(xml_elements(graphml, "edge").size(), pairs.size());
  EXPECT_EQ(xml_elements(graphml, "node").size(), 3u);
  const std::string text = read(dot);
  EXPECT_EQ(text.rfind("graph cooccurrence {", 0), 0u) << text;
  EXPECT_NE(text.find("\"person:mikhail khodorkovsky\" [label=\"Mikhail Khodorkovsky\""), std::string::npos) << text;
}

TEST_F(ChartsAndGraphs, FilesThatCannotBeDrawnAreRefused) {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"yukos", "--chart", corpus_->dir() / "x.svg"}, "--chart draws a timeline: give --timeline too"},
      {{"yukos", "--timeline", "week", "--chart", corpus_->dir() / "x.png"}, "name a file ending in .svg"},
      {{"--cooccur", "person", "--graph", corpus_->dir() / "x.txt"}, "ending in .dot, .gv, .graphml or .json"},
      {{"yukos", "--graph", corpus_->dir() / "x.dot"}, "give --cooccur too"}};
  for (const auto& [args, message] : cases) {
    const auto r = corpus_->search(args);
    EXPECT_EQ(r.exit_code, 2) << message;
    EXPECT_NE(r.err.find(message), std::string::npos) << r.err;
  }
  const auto r = corpus_->search({"yukos", "--timeline", "week", "--chart", "/nonexistent/dir/x.svg"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("/nonexistent/dir/x.svg: cannot write the chart"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace newsdex

namespace newsdex {
namespace {

// Snippets come from Xapian escaped for HTML; hits carry the text itself.
TEST(XmlText, MarkupTextUndoesTheEscapingAndLeavesTheRestAsItStands) {
  const std::string text = "AT&T <b>\"profit\"</b> isn't &c; café";
  EXPECT_EQ(markup_text(xml_text(text)), text);
  EXPECT_EQ(markup_text("Ben &amp; Jerry&#39;s &lt;3 &nbsp; &amp"), "Ben & Jerry's <3 &nbsp; &amp");
}

}  // namespace
}  // namespace newsdex
