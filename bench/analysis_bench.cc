// Analysis throughput in MB of input text per second on one core: newsdex's Analyzer
// (with and without its ASCII fast path), TermWriter building a Xapian::Document, and
// Xapian's own TermGenerator building the same document, on Reuters-21578 titles and
// bodies and on a Chinese, Japanese and Thai sample.
//
//   analysis_bench --reuters=DIR --cjk=DIR [benchmark flags]
// DIR for --reuters holds reut2-*.xml; DIR for --cjk holds plain-text articles (the
// zh, ja and th fixtures), repeated until the sample is 1 MB.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <xapian.h>

#include "analysis/analyzer.h"
#include "analysis/language.h"
#include "core/schema.h"
#include "analysis/term_writer.h"

namespace newsdex {
namespace {

namespace fs = std::filesystem;

struct Text {
  std::string title;
  std::string body;
};

struct Corpus {
  std::vector<Text> texts;
  std::size_t bytes = 0;
  void add(std::string title, std::string body) {
    bytes += title.size() + body.size();
    texts.push_back({std::move(title), std::move(body)});
  }
};

Corpus reuters, cjk;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

std::string unescape(std::string s) {
  for (auto [entity, plain] : {std::pair{"&lt;", "<"}, {"&gt;", ">"}, {"&#3;", ""}, {"&amp;", "&"}}) {
    const std::string_view e(entity);
    for (auto at = s.find(e); at != std::string::npos; at = s.find(e, at)) {
      s.replace(at, e.size(), plain);
      at += std::string_view(plain).size();
    }
  }
  return s;
}

std::string element(const std::string& xml, std::size_t from, std::size_t to, std::string_view name) {
  const std::string open = "<" + std::string(name) + ">", close = "</" + std::string(name) + ">";
  const auto begin = xml.find(open, from);
  if (begin == std::string::npos || begin > to) return {};
  const auto end = xml.find(close, begin);
  if (end == std::string::npos || end > to) return {};
  return unescape(xml.substr(begin + open.size(), end - begin - open.size()));
}

void load_reuters(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().filename().string().starts_with("reut2-")) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    const std::string xml = read_file(file);
    for (auto at = xml.find("<REUTERS"); at != std::string::npos;) {
      const auto next = xml.find("<REUTERS", at + 1);
      const auto end = next == std::string::npos ? xml.size() : next;
      std::string title = element(xml, at, end, "TITLE"), body = element(xml, at, end, "BODY");
      if (!title.empty() || !body.empty()) reuters.add(std::move(title), std::move(body));
      at = next;
    }
  }
}

void load_cjk(const fs::path& dir) {
  std::vector<std::string> articles;
  for (const char* name : {"zh.txt", "ja.txt", "th.txt"}) {
    const std::string text = read_file(dir / name);
    const auto body = text.find("\n\n");  // after the header block
    articles.push_back(body == std::string::npos ? text : text.substr(body + 2));
  }
  while (cjk.bytes < 1'000'000)
    for (const auto& a : articles) cjk.add({}, a);
}

void set_throughput(benchmark::State& state, const Corpus& corpus) {
  const double bytes = static_cast<double>(corpus.bytes) * static_cast<double>(state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.counters["MB"] = benchmark::Counter(bytes / 1e6, benchmark::Counter::kIsRate);
}

void analyzer(benchmark::State& state, const Corpus* corpus, bool fast_path) {
  Analyzer analyzer(fast_path);
  std::size_t tokens = 0;
  for (auto _ : state) {
    for (const auto& text : corpus->texts) {
      analyzer.for_each_token(text.title, [&](const Token& t) { tokens += t.term.size() > 0; });
      analyzer.for_each_token(text.body, [&](const Token& t) { tokens += t.term.size() > 0; });
    }
  }
  benchmark::DoNotOptimize(tokens);
  set_throughput(state, *corpus);
}

void term_writer(benchmark::State& state, const Corpus* corpus, const char* language) {
  Analyzer analyzer;
  const Xapian::Stem stemmer = stemmer_for(language);
  Xapian::termcount terms = 0;
  for (auto _ : state) {
    for (const auto& text : corpus->texts) {
      Xapian::Document doc;
      TermWriter writer(analyzer, stemmer);
      writer.index(doc, text.title, schema::PREFIX_TITLE, schema::TITLE_WDF_BOOST);
      writer.next_field();
      writer.index(doc, text.body);
      terms += doc.termlist_count();
    }
  }
  benchmark::DoNotOptimize(terms);
  set_throughput(state, *corpus);
}

void term_generator(benchmark::State& state, const Corpus* corpus, const char* language) {
  Xapian::TermGenerator generator;
  generator.set_stemmer(stemmer_for(language));
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  Xapian::SimpleStopper stopper;
  for (const auto& word : stop_words()) stopper.add(word);
  generator.set_stopper(&stopper);
  generator.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
  Xapian::termcount terms = 0;
  for (auto _ : state) {
    for (const auto& text : corpus->texts) {
      Xapian::Document doc;
      generator.set_document(doc);
      generator.index_text(text.title, schema::TITLE_WDF_BOOST + 1, std::string(schema::PREFIX_TITLE));
      generator.index_text(text.title, schema::TITLE_WDF_BOOST + 1);
      generator.increase_termpos(schema::FIELD_POSITION_GAP);
      generator.index_text(text.body);
      terms += doc.termlist_count();
    }
  }
  benchmark::DoNotOptimize(terms);
  set_throughput(state, *corpus);
}

}  // namespace
}  // namespace newsdex

int main(int argc, char** argv) {
  using namespace newsdex;
  std::vector<char*> rest;
  std::string reuters_dir, cjk_dir;
  for (int i = 0; i < argc; ++i) {
    const std::string_view arg(argv[i]);
    if (arg.starts_with("--reuters=")) reuters_dir = arg.substr(10);
    else if (arg.starts_with("--cjk=")) cjk_dir = arg.substr(6);
    else rest.push_back(argv[i]);
  }
  if (reuters_dir.empty() || cjk_dir.empty()) {
    std::cerr << "usage: analysis_bench --reuters=DIR --cjk=DIR [benchmark flags]\n";
    return 2;
  }
  load_reuters(reuters_dir);
  load_cjk(cjk_dir);
  if (reuters.texts.empty()) {
    std::cerr << "analysis_bench: no Reuters articles in " << reuters_dir << "\n";
    return 1;
  }
  std::cerr << "Reuters: " << reuters.texts.size() << " articles, " << reuters.bytes / 1e6 << " MB; CJK sample: "
            << cjk.bytes / 1e6 << " MB\n";

  benchmark::RegisterBenchmark("Analyzer/reuters", analyzer, &reuters, true)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("Analyzer/reuters/icu_only", analyzer, &reuters, false)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("TermWriter/reuters", term_writer, &reuters, "en")->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("TermGenerator/reuters", term_generator, &reuters, "en")->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("Analyzer/cjk", analyzer, &cjk, true)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("TermWriter/cjk", term_writer, &cjk, "zh")->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("TermGenerator/cjk", term_generator, &cjk, "zh")->Unit(benchmark::kMillisecond);

  int count = static_cast<int>(rest.size());
  benchmark::Initialize(&count, rest.data());
  if (benchmark::ReportUnrecognizedArguments(count, rest.data())) return 2;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
