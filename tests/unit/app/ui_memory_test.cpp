// The memory view with real runs of the interpreter: each process's own module globals, so that
// "the thread changed the global, the process did not" shows. Simulated runs keep their children
// in this process (run/sim_process_host.h): their globals are taken at the run's end. Real runs'
// children are OS processes started by the interleave binary: tests/desktop/memory.sh.
#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <thread>

#include "ui/memory_panel.h"
#include "ui/thread_runner.h"

using namespace interleave::ui;

namespace {

// square_quad.py's shape, with a list as in shared_memory_model.py: a thread changes the globals
// the main thread sees; a child process changes its own copies.
constexpr const char* kProgram = R"PY(import threading
import multiprocessing

result = None
items = []

def calc_square(number):
    global result
    result = number * number
    items.append(result)

if __name__ == "__main__":
    t = threading.Thread(target=calc_square, args=(7,))
    t.start()
    t.join()
    print("after thread:", result, items)
    result = None
    p = multiprocessing.Process(target=calc_square, args=(3,))
    p.start()
    p.join()
    print("after process:", result, items)
)PY";

RunStatus run_to_end(ThreadRunner& runner, RunMode mode, const std::string& start_method) {
  RunRequest request;
  request.source = kProgram;
  request.filename = "square_quad.py";
  request.settings.mode = mode;
  request.settings.time_limit = 20;
  request.settings.start_method = start_method == "fork" ? StartMethod::Fork : StartMethod::Spawn;
  runner.start(request);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    RunStatus s = runner.poll();
    if (s.phase == RunPhase::Finished) return s;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  FAIL("the run did not finish");
  return {};
}

std::string value_of(const Globals& g, const std::string& name) {
  for (const auto& [n, v] : g) {
    if (n == name) return v;
  }
  return "(absent)";
}

}  // namespace

TEST_CASE("memory view: a simulated child process's globals are its own, the parent's unchanged") {
  for (const char* start : {"spawn", "fork"}) {
    CAPTURE(start);
    ThreadRunner runner;
    RunStatus s = run_to_end(runner, RunMode::Simulated, start);
    REQUIRE(s.exit_status == 0);
    REQUIRE(s.trace != nullptr);
    REQUIRE(s.globals.has_value());
    REQUIRE(s.child_globals.has_value());
    // The parent: the thread's write stays, the child's does not reach it.
    CHECK(value_of(*s.globals, "result") == "None");
    CHECK(value_of(*s.globals, "items") == "[49]");
    // The child: its own copy, changed.
    REQUIRE(s.child_globals->size() == 1);
    const ProcessGlobals& child = s.child_globals->front();
    CHECK(value_of(child.globals, "result") == "9");
    // Spawn re-ran the module (items started empty); fork copied the parent's list.
    CHECK(value_of(child.globals, "items") == (std::string(start) == "spawn" ? "[9]" : "[49, 9]"));
    // Functions and modules are not globals the view shows.
    CHECK(value_of(child.globals, "calc_square") == "(absent)");
    CHECK(value_of(child.globals, "threading") == "(absent)");
    // The child's id is its process in the trace.
    bool in_trace = false;
    for (const auto& p : s.trace->processes) in_trace |= p.pid == child.process;
    CHECK(in_trace);

    // What the view shows: each box with its values; the child's differing values marked with
    // the main process's.
    MemoryView view;
    view.trace = s.trace.get();
    view.globals = &*s.globals;
    view.child_globals = &*s.child_globals;
    const std::string text = memory_text(view);
    INFO(text);
    const auto main_box = text.find("MainProcess");
    const auto child_box = text.find("own memory");
    REQUIRE(main_box != std::string::npos);
    REQUIRE(child_box != std::string::npos);
    CHECK(text.find("  result = None\n", main_box) < child_box);
    CHECK(text.find("  result = 9   (main: None)\n", child_box) != std::string::npos);
    CHECK(text.find("thread Thread-1 (calc_square) (done)") < child_box);  // in the main box
    CHECK(text.find("CPU cores") == std::string::npos);  // the core lanes are no process
    // A spawn starts the resource tracker: its box says what it is, not that its globals are
    // missing; a fork starts none.
    if (std::string(start) == "spawn") {
      const auto tracker = text.find("resource tracker (pid");
      REQUIRE(tracker != std::string::npos);
      CHECK(text.find("runs none of the program's code", tracker) != std::string::npos);
      CHECK(text.find("did not end normally") == std::string::npos);
    } else {
      CHECK(text.find("resource tracker") == std::string::npos);
    }
  }
}

TEST_CASE("memory view: says why a child's globals are missing") {
  interleave::trace::Trace t;
  t.processes = {{0, "MainProcess"}, {1, "Process-1"}};
  Globals main = {{"result", "None"}};
  MemoryView view;
  view.trace = &t;
  view.globals = &main;
  // A runner that carries no children's globals (the page's) says so.
  CHECK(memory_text(view).find("Globals of child processes are not available in this mode.") !=
        std::string::npos);
  // A trace without children (the page's real runs) of a program with processes: said once.
  interleave::trace::Trace lone;
  lone.processes = {{0, "MainProcess"}};
  MemoryView alone;
  alone.trace = &lone;
  alone.globals = &main;
  CHECK(memory_text(alone).find("not available") == std::string::npos);
  alone.uses_processes = true;
  CHECK(memory_text(alone).find("Globals of child processes are not available in this mode.") !=
        std::string::npos);
  // A runner that carries them, without this child's: it did not end normally.
  std::vector<ProcessGlobals> none;
  view.child_globals = &none;
  CHECK(memory_text(view).find("did not end normally") != std::string::npos);
  // Values equal to the main process's are not marked.
  std::vector<ProcessGlobals> same = {{1, {{"result", "None"}, {"other", "1"}}}};
  view.child_globals = &same;
  const std::string text = memory_text(view);
  CHECK(text.find("  result = None\n  other = 1\n") != std::string::npos);
  CHECK(text.find("(main:") == std::string::npos);
  CHECK(differs_from_main(main, "result", "49") == "None");
  CHECK(differs_from_main(main, "result", "None").empty());
  CHECK(differs_from_main(main, "missing", "1").empty());
}
