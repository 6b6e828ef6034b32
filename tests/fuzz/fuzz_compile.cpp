// libFuzzer entry point for the whole front end: any bytes go through the scanner and parser
// (parse(), every tree walked by ast::dump, every error rendered by format_syntax_error), then
// every tree that parses through the compiler and the disassembler (vm::disassemble, as
// `interleave dis` runs it), in a fresh interpreter per input so that no input sees another's
// objects. Crashes, sanitizer reports, timeouts and huge allocations are findings; each one found
// is kept as a regression case (tests/unit/lang/robustness_test.cpp for the parser,
// tests/fuzz/regressions/ for the compiler and disassembler). Single-threaded.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "lang/ast_dump.h"
#include "lang/parser.h"
#include "run/coop_driver.h"
#include "vm/disassembler.h"
#include "vm/interp.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace interleave;
  std::string_view source(reinterpret_cast<const char*>(data), size);
  auto result = lang::parse(source, "fuzz.py");
  if (!result.ok()) {
    volatile std::size_t n = lang::format_syntax_error(*result.error).size();
    (void)n;
    return 0;
  }
  // Walking the whole tree checks that every link is valid.
  volatile std::size_t n = lang::ast::dump(*result.module, true).size();
  (void)n;

  // The compiler and the disassembler (which parses again: the same path as `interleave dis`).
  run::CoopDriver driver{run::Options{}, {}};
  vm::Interpreter interp{driver, vm::Config{}};
  std::string listing;
  vm::disassemble(interp, source, "fuzz.py", &listing);
  volatile std::size_t m = listing.size();
  (void)m;
  return 0;
}
