// Preferences round trip and forgiving reading; the numbers' CSV export from a real recorded run.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "trace/summary.h"
#include "ui/prefs.h"
#include "ui/summary_csv.h"
#include "ui/thread_runner.h"

using namespace interleave::ui;

TEST_CASE("prefs: every field survives a round trip") {
  Prefs p;
  p.theme = Theme::Light;
  p.settings.mode = RunMode::Compare;
  p.settings.gil = GilMode::Legacy;
  p.settings.switch_interval = 0.001;
  p.settings.cores = 8;
  p.settings.start_method = StartMethod::Fork;
  p.settings.time_limit = 30;
  p.example = "square_quad.py";
  CHECK(parse_prefs(prefs_to_text(p)) == p);
  CHECK(parse_prefs(prefs_to_text(Prefs{})) == Prefs{});
}

TEST_CASE("prefs: unknown keys and bad values are skipped, numbers clamped, names checked") {
  const Prefs p = parse_prefs(
      "theme=purple\nmode=warp\ngil=off\r\ncores=1000\ninterval=abc\ntimeout=1e9\n"
      "example=../../etc/passwd\nnonsense\n=x\nfuture_key=1\n");
  CHECK(p.theme == Theme::Dark);
  CHECK(p.settings.mode == RunMode::Simulated);
  CHECK(p.settings.gil == GilMode::Off);
  CHECK(p.settings.cores == RunSettings{}.cores);
  CHECK(p.settings.switch_interval == RunSettings{}.switch_interval);
  CHECK(p.settings.time_limit == kMaxTimeLimit);
  CHECK(p.example.empty());
  CHECK(parse_prefs("") == Prefs{});
}

TEST_CASE("csv: one row per thread and a total, from a real simulated run") {
  ThreadRunner r;
  RunRequest req;
  req.source =
      "import threading\n"
      "def f():\n    sum(range(1000))\n"
      "t = threading.Thread(target=f, name='a,\"b\"')\nt.start()\nt.join()\n";
  req.settings.mode = RunMode::Simulated;
  r.start(req);
  RunStatus s;
  for (int i = 0; i < 30000 && s.phase != RunPhase::Finished; ++i) {
    s = r.poll();
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  REQUIRE(s.trace != nullptr);
  const interleave::trace::Summary sum = interleave::trace::summarize(*s.trace);
  const std::string csv = summary_csv_header() + summary_csv_rows(sum, "sim");
  const std::string header = summary_csv_header();
  CHECK(header.rfind("run,process,thread,wall_ns,cpu_ns,wait_gil_ns,", 0) == 0);
  // Header, MainThread, the quoted thread, the total.
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 4);
  CHECK(csv.find("\nsim,MainProcess,MainThread,") != std::string::npos);
  CHECK(csv.find(",\"a,\"\"b\"\"\",") != std::string::npos);
  CHECK(csv.find("\nsim,all,all," + std::to_string(sum.wall_ns) + "," + std::to_string(sum.cpu_ns) +
                 ",") != std::string::npos);
  // Every row has as many fields as the header (names with commas are quoted).
  const auto commas = std::count(header.begin(), header.end(), ',');
  const std::string total = csv.substr(csv.rfind("\nsim,all"));
  CHECK(std::count(total.begin(), total.end(), ',') == commas);
}
