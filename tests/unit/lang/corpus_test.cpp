// Every tutorial program of the shared corpus must parse.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "lang/parser.h"

TEST_CASE("every corpus program parses") {
  namespace fs = std::filesystem;
  int count = 0;
  for (const auto& entry : fs::directory_iterator(INTERLEAVE_CORPUS_DIR)) {
    if (entry.path().extension() != ".py") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    auto r = interleave::lang::parse(text.str(), entry.path().filename().string());
    CAPTURE(entry.path().string());
    CHECK_MESSAGE(r.ok(), (r.error ? interleave::lang::format_syntax_error(*r.error) : ""));
    if (r.ok()) CHECK_FALSE(r.module->body.empty());
    ++count;
  }
  CHECK(count >= 20);
}
