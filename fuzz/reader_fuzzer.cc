// Feeds arbitrary bytes to one input reader (NEWSDEX_FUZZ_FORMAT names it) and checks every
// article it yields. Built once per format by fuzz/CMakeLists.txt.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "core/diagnostics.h"
#include "fuzz_support.h"
#include "readers/input_format.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  newsdex::fuzz::quiet_logging();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace newsdex;
  static const InputFormat FORMAT = *parse_input_format(NEWSDEX_FUZZ_FORMAT);
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  Diagnostics diagnostics;
  auto reader = make_reader(FORMAT, in, "fuzz-input", "fuzz-input", diagnostics);
  for (Article article; reader->next(article);) fuzz::check_article(article);
  return 0;
}
