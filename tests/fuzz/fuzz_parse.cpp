// libFuzzer entry point for the front end: any bytes go through parse(), and every error through
// format_syntax_error(). Crashes, sanitizer reports, timeouts and huge allocations are findings;
// each one found is kept as a regression case in tests/unit/lang/robustness_test.cpp.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "lang/ast_dump.h"
#include "lang/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view source(reinterpret_cast<const char*>(data), size);
  auto result = interleave::lang::parse(source, "fuzz.py");
  if (result.ok()) {
    // Walking the whole tree checks that every link is valid.
    volatile std::size_t n = interleave::lang::ast::dump(*result.module, true).size();
    (void)n;
  } else {
    volatile std::size_t n = interleave::lang::format_syntax_error(*result.error).size();
    (void)n;
  }
  return 0;
}
