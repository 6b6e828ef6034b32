// End-to-end: every program of tests/programs and the thread-only programs of the shared corpus,
// run under the cooperative driver, compared with their .expected (and .stderr) files in the
// corpus format. One doctest subcase per program, so a failure names the program.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "vm_test_util.h"

namespace fs = std::filesystem;
using interleave::vm::test::ProgramResult;
using interleave::vm::test::run_program;

namespace {

std::string read_file(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

std::vector<std::string> lines_of(const std::string& text, bool skip_blank) {
  std::vector<std::string> out;
  std::stringstream ss(text);
  std::string line;
  while (std::getline(ss, line)) {
    if (skip_blank && line.find_first_not_of(" \t\r") == std::string::npos) continue;
    out.push_back(line);
  }
  return out;
}

// The corpus checker's rules (shared/corpus/check: compare()).
std::string compare(const std::vector<std::string>& expected, const std::vector<std::string>& got) {
  if (expected.size() != got.size()) {
    return "expected " + std::to_string(expected.size()) + " lines, got " +
           std::to_string(got.size());
  }
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const std::string& want = expected[i];
    if (want.rfind("~ ", 0) == 0) {
      if (!std::regex_match(got[i], std::regex(want.substr(2)))) {
        return "line " + std::to_string(i + 1) + ": '" + got[i] + "' does not match /" +
               want.substr(2) + "/";
      }
    } else if (want != got[i]) {
      return "line " + std::to_string(i + 1) + ": expected '" + want + "', got '" + got[i] + "'";
    }
  }
  return "";
}

std::string directive(const std::string& source, const std::string& key) {
  for (const std::string& line : lines_of(source, false)) {
    std::string prefix = "# " + key + ": ";
    if (line.rfind(prefix, 0) == 0) return line.substr(prefix.size());
  }
  return "";
}

// The time limit only turns a hang into a failure: countdown.py takes 10 s of CPU under ASan and
// twice that in wall time on a loaded machine, so it is generous.
constexpr double kHangLimitSeconds = 120;

void check_program(const fs::path& py, double timeout, std::int64_t gc_interval = 0) {
  std::string source = read_file(py);
  fs::path exp_path = py;
  exp_path.replace_extension(".expected");
  REQUIRE(fs::exists(exp_path));
  std::vector<std::string> expected = lines_of(read_file(exp_path), true);
  interleave::run::Options options;
  bool want_timeout = expected.size() == 1 && expected[0] == "!timeout";
  bool want_deadlock = expected.size() == 1 && expected[0] == "!deadlock";
  options.timeout = want_timeout ? 0.5 : timeout;
  std::string heap = directive(source, "heap-limit");
  ProgramResult r = run_program(source, options, py.filename().string(),
                                heap.empty() ? 0 : std::stoll(heap), false, gc_interval);
  INFO("stdout:\n" << r.out << "\nstderr:\n" << r.err);
  if (want_timeout) {
    CHECK(r.status == 124);
    return;
  }
  if (want_deadlock) {
    CHECK(r.status == 3);
    CHECK(r.err.find("Deadlock") != std::string::npos);
    return;
  }
  std::string exit = directive(source, "exit");
  CHECK(r.status == (exit.empty() ? 0 : std::stoi(exit)));
  CHECK(compare(expected, lines_of(r.out, true)) == "");
  fs::path err_path = py;
  err_path.replace_extension(".stderr");
  if (fs::exists(err_path)) CHECK(r.err == read_file(err_path));
  std::string contains = directive(source, "stderr-contains");
  if (!contains.empty()) CHECK(r.err.find(contains) != std::string::npos);
}

std::vector<fs::path> programs_in(const fs::path& dir) {
  std::vector<fs::path> out;
  if (!fs::exists(dir)) return out;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() == ".py") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("tests/programs") {
  for (const fs::path& py : programs_in(fs::path(INTERLEAVE_SOURCE_DIR) / "tests" / "programs")) {
    fs::path expected = py;
    expected.replace_extension(".expected");
    if (!fs::exists(expected)) continue;  // tools living next to the programs (check.py)
    // Processes need the OS process host of the command line; test_vm runs threads only.
    const std::string source = read_file(py);
    if (source.find("multiprocessing") != std::string::npos) continue;
    // Waits inside a built-in's callback need a thread per OS thread (Driver::nested_block).
    if (!directive(source, "real-only").empty()) continue;
    SUBCASE(py.filename().string().c_str()) {
      check_program(py, kHangLimitSeconds);
    }
  }
}

TEST_CASE("shared corpus, thread programs") {
  for (const fs::path& py : programs_in(INTERLEAVE_CORPUS_DIR)) {
    std::string source = read_file(py);
    // Processes are a later milestone: those programs import multiprocessing.
    if (source.find("multiprocessing") != std::string::npos) continue;
    SUBCASE(py.filename().string().c_str()) {
      check_program(py, kHangLimitSeconds);
    }
  }
}

// The same programs with a collection every 32 KiB of allocation, so the collector runs at
// nearly every safepoint: a missing root shows up as a crash (ASan) or wrong output.
TEST_CASE("tests/programs under collector stress") {
  for (const fs::path& py : programs_in(fs::path(INTERLEAVE_SOURCE_DIR) / "tests" / "programs")) {
    fs::path expected = py;
    expected.replace_extension(".expected");
    if (!fs::exists(expected)) continue;
    std::string source = read_file(py);
    if (source.find("multiprocessing") != std::string::npos) continue;
    if (source.find("# heap-limit") != std::string::npos) continue;
    if (!directive(source, "real-only").empty()) continue;
    SUBCASE(py.filename().string().c_str()) {
      check_program(py, kHangLimitSeconds, 32 * 1024);
    }
  }
}

TEST_CASE("shared corpus thread programs under collector stress") {
  for (const fs::path& py : programs_in(INTERLEAVE_CORPUS_DIR)) {
    std::string source = read_file(py);
    if (source.find("multiprocessing") != std::string::npos) continue;
    SUBCASE(py.filename().string().c_str()) {
      check_program(py, kHangLimitSeconds, 32 * 1024);
    }
  }
}
