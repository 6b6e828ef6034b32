// Share links built in C++ (the desktop's "Copy share link") must be the links the page builds:
// the same hash for the same program and settings, checked against public/params.js itself under
// node (share_link_check.mjs), for examples, programs of every size and odd settings. The
// compressed `code=` bytes may differ from the browser's zlib; what must hold is that params.js
// accepts every part and decodes the program back. Known difference: deflate_raw uses the fixed
// Huffman codes only, so text that hardly compresses (36-48 KB of random characters) fits a page's
// link but not the desktop's; programs compress far below the bound.
#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "trace/json_writer.h"
#include "ui/deflate.h"
#include "ui/share_link.h"

using namespace interleave::ui;

namespace {
// cases serves the node comparison only, which the web builds leave out.
using interleave::trace::json_string;

struct Case {
  std::string name;
  ShareRequest request;
};

[[maybe_unused]] std::vector<Case> cases() {
  std::vector<Case> out;
  ShareRequest r;
  r.example = "countdown.py";
  r.source = "ignored: the example is named";
  out.push_back({"example", r});

  r = {};
  r.source = "# é ü — 🙂\nimport threading\nprint('héllo')\n";
  r.settings.mode = RunMode::Compare;
  r.settings.gil = GilMode::Off;
  r.settings.switch_interval = 0.0001;
  r.settings.cores = 64;
  r.settings.start_method = StartMethod::Fork;
  r.settings.time_limit = 600;
  out.push_back({"unicode program, extreme settings", r});

  r = {};
  out.push_back({"empty program", r});

  r = {};
  r.example = "countdown.py";
  r.settings.model = model_from_text("ops.arith:48,os.time_slice:8ms,machine.background_load:2");
  out.push_back({"an edited simulator model", r});

  r = {};
  r.example = "my prog.py";  // not a valid example name: the code goes in the link
  r.source = "x = 1\n";
  r.settings.switch_interval = 0.123456789123;
  r.settings.time_limit = 0.1;
  r.settings.cores = 1;
  r.settings.mode = RunMode::Real;
  r.settings.gil = GilMode::Legacy;
  out.push_back({"bad example name, rounded numbers", r});

  r = {};
  r.settings.switch_interval = 1.0;
  r.settings.time_limit = 12.3456;
  for (int i = 0; i < 1000; ++i) {  // about 50 KB: under the 64 KB bound
    r.source += "counter_" + std::to_string(i % 37) + " += " + std::to_string(i * 7919 % 1000) +
                "  # the same words again and again\n";
  }
  out.push_back({"long repetitive program (matches, far distances)", r});

  r = {};
  std::mt19937 rng(7);
  for (int i = 0; i < 30000; ++i) r.source += static_cast<char>(32 + rng() % 95);
  out.push_back({"30 KB of random text (literals)", r});

  r = {};
  for (int i = 0; i < 60000; ++i) r.source += static_cast<char>(32 + rng() % 95);
  out.push_back({"60 KB of random text: too large once compressed", r});

  r = {};
  r.source.assign(70000, 'a');
  out.push_back({"70 KB program: too large", r});
  return out;
}

}  // namespace

TEST_CASE("share links: numbers as JavaScript writes them, the empty program as the page's") {
  CHECK(js_plain_number(0.005, 9) == "0.005");
  CHECK(js_plain_number(1.0, 9) == "1");
  CHECK(js_plain_number(0.0001, 9) == "0.0001");
  CHECK(js_plain_number(1e-6, 9) == "0.000001");
  CHECK(js_plain_number(0.123456789123, 9) == "0.123456789");
  CHECK(js_plain_number(10.0, 3) == "10");
  CHECK(js_plain_number(12.3456, 3) == "12.346");
  CHECK(js_plain_number(0.1, 3) == "0.1");
  // params.js writes "AwA" for the empty program: the deflate of nothing.
  CHECK(base64url(deflate_raw("")) == "AwA");
  CHECK(base64url("f") == "Zg");
  CHECK(base64url("fo") == "Zm8");
  CHECK(base64url("foo") == "Zm9v");
  CHECK(base64url("\xfb\xff") == "-_8");
  // Repetition compresses: 10 KB of one line is a few dozen bytes.
  std::string lines;
  for (int i = 0; i < 500; ++i) lines += "print('hello, world')\n";
  CHECK(deflate_raw(lines).size() < 200);
  // Text that does not compress: one fixed code of 8 bits per printable character, refused past
  // the link's bound with the page's message.
  ShareRequest random;
  std::mt19937 rng(3);
  for (int i = 0; i < 40000; ++i) random.source += static_cast<char>(32 + rng() % 95);
  std::string why;
  CHECK_FALSE(share_hash(random, &why).has_value());
  CHECK(why.rfind("the program is too large to share in a link: ", 0) == 0);

  ShareRequest r;
  r.example = "countdown.py";
  std::string error;
  CHECK(share_hash(r, &error) ==
        "example=countdown&mode=sim&gil=on&interval=0.005&cores=4&start=spawn&limit=10");
  r.kind = ShareKind::Embed;
  const auto embed = share_text(r, "https://example.org/play/", &error);
  REQUIRE(embed.has_value());
  CHECK(embed->rfind("<iframe src=\"https://example.org/play/embed.html#example=countdown&amp;",
                     0) == 0);
  CHECK(embed->find("title=\"Interleave: countdown.py\"") != std::string::npos);
  r.kind = ShareKind::Link;
  CHECK(share_text(r, "http://localhost:8080/", &error)->rfind(
            "http://localhost:8080/index.html#example=countdown&", 0) == 0);
  // An edited model travels as its edited keys only, last.
  r.settings.model.op_ns[0] += 1;
  const std::string edited = *share_hash(r, &error);
  CHECK(edited.ends_with("&limit=10&model=" + model_to_text(r.settings.model)));
  CHECK(model_to_text(r.settings.model).find(',') == std::string::npos);
}

#ifndef __EMSCRIPTEN__
TEST_CASE("share links: the C++ hash is the hash public/params.js builds (node)") {
  const std::string dir = INTERLEAVE_SOURCE_DIR "/tests/unit/app/";
  const std::string file = "share_link_cases.json";
  std::string json = "[";
  const std::vector<Case> all = cases();
  for (std::size_t i = 0; i < all.size(); ++i) {
    const ShareRequest& r = all[i].request;
    std::string error;
    const std::optional<std::string> hash = share_hash(r, &error);
    json += i ? ",\n" : "\n";
    json += "{\"name\":" + json_string(all[i].name) + ",\"example\":" + json_string(r.example) +
            ",\"code\":" + json_string(r.source) + ",\"mode\":" +
            json_string(std::string(to_string(r.settings.mode))) +
            ",\"gil\":" + json_string(std::string(to_string(r.settings.gil))) +
            ",\"cores\":" + std::to_string(r.settings.cores) +
            ",\"start\":" + json_string(std::string(to_string(r.settings.start_method)));
    // Numbers with 17 significant digits: JSON reads back the same doubles.
    char exact[96];
    std::snprintf(exact, sizeof exact, ",\"interval\":%.17g,\"limit\":%.17g", r.settings.switch_interval,
                  r.settings.time_limit);
    json += exact;
    json += ",\"model\":" + json_string(model_to_text(r.settings.model));
    json += hash ? ",\"cpp\":" + json_string(*hash) : ",\"cppError\":" + json_string(error);
    json += "}";
  }
  json += "\n]\n";
  char path[] = "/tmp/interleave-share-XXXXXX";
  REQUIRE(mkdtemp(path) != nullptr);
  const std::string cases_path = std::string(path) + "/" + file;
  {
    std::ofstream out(cases_path, std::ios::binary);
    out << json;
  }
  const std::string command = "node --no-warnings " + dir + "share_link_check.mjs " + cases_path + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string output;
  char buffer[4096];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
  const int status = pclose(pipe);
  std::remove(cases_path.c_str());
  std::remove(path);
  INFO(output);
  CHECK(status == 0);
  // Every case was checked (a node that failed to start prints no "ok").
  std::size_t oks = 0;
  for (std::size_t at = output.find("ok "); at != std::string::npos; at = output.find("ok ", at + 1))
    ++oks;
  CHECK(oks == all.size());
  CHECK(output.find("FAIL") == std::string::npos);
  CHECK(output.find("(both refuse it)") != std::string::npos);
}
#endif
