// JSON writer and reader, the Chrome export (exact output for a small trace, structure checked by
// python3's json module when available) and the round trip write -> read -> write.
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "scenario.h"
#include "trace/chrome_json.h"
#include "trace/json_reader.h"
#include "trace/json_writer.h"

using namespace interleave::trace;

namespace {

std::string json_quoted(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out;
}

std::string fixed(std::int64_t v, int decimals) {
  std::string out;
  append_fixed(out, v, decimals);
  return out;
}

std::string read_back(std::string_view json) {
  JsonReader r(json);
  std::string s;
  r.read_string(s);
  return r.failed() ? "error: " + r.error() : s;
}

}  // namespace

TEST_CASE("JSON strings: escapes, UTF-8 passthrough, invalid bytes replaced") {
  CHECK(json_quoted("plain") == "\"plain\"");
  CHECK(json_quoted("a\"b\\c") == "\"a\\\"b\\\\c\"");
  CHECK(json_quoted("\n\r\t\b\f") == "\"\\n\\r\\t\\b\\f\"");
  CHECK(json_quoted(std::string("\x01\x1f\x7f", 3)) == "\"\\u0001\\u001f\x7f\"");
  CHECK(json_quoted(std::string("nul\0x", 5)) == "\"nul\\u0000x\"");
  CHECK(json_quoted("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x90\x8D") ==
        "\"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x90\x8D\"");
  CHECK(json_quoted("\xFF") == "\"\xEF\xBF\xBD\"");
  CHECK(json_quoted("\xC3") == "\"\xEF\xBF\xBD\"");                  // truncated sequence
  CHECK(json_quoted("\xC0\xAF") == "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");  // overlong
  CHECK(json_quoted("\xED\xA0\x80") == "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");  // surrogate
  CHECK(json_quoted("\xF4\x90\x80\x80").find("\xEF\xBF\xBD") != std::string::npos);  // > U+10FFFF
}

TEST_CASE("JSON strings read back to the same bytes") {
  for (std::string_view s :
       {"", "a\"b\\c/", "\n\r\t\b\f", "caf\xC3\xA9 \xF0\x9F\x90\x8D", "\x01\x1f"}) {
    CHECK(read_back(json_quoted(s)) == s);
  }
  CHECK(read_back("\"\\u00e9\\u20ac\\ud83d\\udc0d\\/\"") ==
        "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x90\x8D/");
  CHECK(read_back("\"\\ud83d\"") == "\xEF\xBF\xBD");  // lone surrogate
  CHECK(read_back("\"abc").rfind("error", 0) == 0);
  CHECK(read_back("\"a\nb\"").rfind("error", 0) == 0);
  CHECK(read_back("\"\\x\"").rfind("error", 0) == 0);
}

TEST_CASE("fixed-point numbers") {
  CHECK(fixed(0, 3) == "0.000");
  CHECK(fixed(1, 3) == "0.001");
  CHECK(fixed(1234567, 3) == "1234.567");
  CHECK(fixed(-1050, 3) == "-1.050");
  CHECK(fixed(INT64_MIN, 3) == "-9223372036854775.808");
  CHECK(fixed(42, 0) == "42");
}

TEST_CASE("JSON writer places commas and keys") {
  std::string out;
  JsonWriter w(out);
  w.begin_object().key("a").value(1).key("b").begin_array().value("x").value(true).null();
  w.begin_object().end_object().end_array().key("c").fixed(1500, 3).end_object();
  CHECK(out == "{\"a\":1,\"b\":[\"x\",true,null,{}],\"c\":1.500}");
}

TEST_CASE("JSON reader walks, skips and rejects") {
  JsonReader r(R"( {"x": [1, -2, 18446744073709551615], "skip": {"a": [1.5e-3, null, "s"]},
                   "t": true} )");
  std::string key;
  REQUIRE(r.begin_object());
  REQUIRE(r.next_key(key));
  CHECK(key == "x");
  REQUIRE(r.begin_array());
  std::int64_t i = 0;
  std::uint64_t u = 0;
  REQUIRE(r.next_element());
  CHECK((r.read_int(i) && i == 1));
  REQUIRE(r.next_element());
  CHECK((r.read_int(i) && i == -2));
  REQUIRE(r.next_element());
  CHECK((r.read_uint(u) && u == UINT64_MAX));
  CHECK_FALSE(r.next_element());
  REQUIRE(r.next_key(key));
  CHECK(r.skip_value());
  REQUIRE(r.next_key(key));
  bool b = false;
  CHECK((r.read_bool(b) && b));
  CHECK_FALSE(r.next_key(key));
  CHECK(r.at_end());
  CHECK_FALSE(r.failed());

  for (std::string_view bad :
       {"[1,]", "{\"a\" 1}", "[01]", "[1 2]", "{\"a\":1,}", "[-]", "tru", "[1.]", "[\"x]"}) {
    JsonReader bad_reader(bad);
    CHECK_FALSE(bad_reader.skip_value());
    CHECK(bad_reader.failed());
  }
  std::string deep(1000, '[');
  JsonReader deep_reader(deep);
  CHECK_FALSE(deep_reader.skip_value());
  CHECK(deep_reader.error().find("deep") != std::string::npos);
}

TEST_CASE("Chrome export of a small trace, exactly") {
  Recorder rec;
  rec.name_process(1, "Main");
  Writer& w = rec.writer(1, 0, "MainThread");
  w.thread_start(0);
  w.gil_take(1000);
  w.run_begin(1000);
  w.output(1500, 1, "a\"b\n");
  w.run_end(2500);
  w.gil_drop(2500);
  w.block_begin(2500, WaitReason::Lock, "Lock 1", 3);
  w.block_end(4000);
  w.thread_end(4000);
  const std::string json = write_chrome_json(rec.merge());
  const std::string expect =
      R"({"displayTimeUnit":"ns","traceEvents":[
{"ph":"M","name":"process_name","pid":1,"tid":0,"args":{"name":"Main"}},
{"ph":"M","name":"process_sort_index","pid":1,"tid":0,"args":{"sort_index":0}},
{"ph":"M","name":"thread_name","pid":1,"tid":1000000000,"args":{"name":"GIL"}},
{"ph":"M","name":"thread_sort_index","pid":1,"tid":1000000000,"args":{"sort_index":-1}},
{"ph":"M","name":"thread_name","pid":1,"tid":0,"args":{"name":"MainThread"}},
{"ph":"M","name":"thread_sort_index","pid":1,"tid":0,"args":{"sort_index":0}},
{"ph":"X","name":"MainThread","cat":"gil","pid":1,"tid":1000000000,"ts":1.000,"dur":1.500,"args":{"state":"holding GIL","pid":1,"tid":0}},
{"ph":"X","name":"starting","cat":"state","pid":1,"tid":0,"ts":0.000,"dur":1.000,"args":{"state":"starting"}},
{"ph":"X","name":"running","cat":"state","pid":1,"tid":0,"ts":1.000,"dur":1.500,"args":{"state":"running"}},
{"ph":"X","name":"blocked: lock","cat":"state","pid":1,"tid":0,"ts":2.500,"dur":1.500,"args":{"state":"blocked","reason":"lock","object":"Lock 1","holder":3,"holder_name":"Thread 3"}},
{"ph":"i","name":"stdout","cat":"output","pid":1,"tid":0,"ts":1.500,"s":"t","args":{"text":"a\"b\n"}}
],
"interleave":{"format":"interleave-trace","version":1,"clock":"virtual","cores":0,"begin":0,"end":4000,"truncated":false,"detail_end":0,"dropped_events":0,
"processes":[[1,"Main"]],
"threads":[
{"pid":1,"tid":0,"name":"MainThread","totals":{"first":0,"last":4000,"state_ns":[0,1000,0,1500,0,0,1500,0,0,0],"wait_ns":[0,1500,0,0,0,0,0,0],"open_state":9,"open_reason":0,"counts":[9,1,1,0,0,0,1,0,0,0,0,0,1,4]}}],
"strings":[
"",
"a\"b\n",
"Lock 1"],
"events":[
[0,2,1,0],
[1000,7,1,0],
[1000,4,1,0],
[1500,16,1,0,0,-1,-1,-1,1,1],
[2500,5,1,0],
[2500,8,1,0],
[2500,11,1,0,0,-1,3,-1,2],
[4000,12,1,0],
[4000,3,1,0]]
}
}
)";
  CHECK(json == expect);
}

TEST_CASE("round trip: write -> read -> write is the identity") {
  Recorder rec;
  test::record_scenario(rec);
  Writer& q = rec.writer(2, 0, "Worker \xE2\x80\x94 \"quoted\"\t");
  q.message_send(10, (2ull << 32) | 1, 4096, 1, 0, "pipe");
  q.counter(20, "queue size", -3);
  q.output(30, 2, std::string("bin\0ary\x01", 8));
  const Trace trace = rec.merge();
  const std::string json = write_chrome_json(trace);
  Trace back;
  const ReadResult result = read_chrome_json(json, back);
  REQUIRE_MESSAGE(result.ok, result.error);
  CHECK(back == trace);
  CHECK(write_chrome_json(back) == json);

  // Truncated traces keep their note and exact totals.
  RecorderOptions options;
  options.max_events = 256;
  Recorder small(options);
  Writer& w = small.writer(1, 0, "T");
  for (int i = 0; i < 600; ++i) w.counter(i, "n", i);
  const Trace cut = small.merge();
  const std::string cut_json = write_chrome_json(cut);
  CHECK(cut_json.find("\"note\":\"truncated after 256 events\"") != std::string::npos);
  CHECK(cut_json.find("trace truncated after 256 events") != std::string::npos);
  Trace cut_back;
  REQUIRE(read_chrome_json(cut_json, cut_back).ok);
  CHECK(cut_back == cut);
  CHECK(cut_back.threads[0].totals.events == 600);
}

TEST_CASE("the reader rejects what it did not write") {
  Trace t;
  CHECK_FALSE(read_chrome_json("", t).ok);
  CHECK_FALSE(read_chrome_json("{\"traceEvents\":[]}", t).ok);
  CHECK_FALSE(read_chrome_json("{\"interleave\":{\"format\":\"other\"}}", t).ok);
  const std::string head = "{\"interleave\":{\"format\":\"interleave-trace\",\"version\":1,";
  CHECK(read_chrome_json(head + "\"events\":[]}}", t).ok);
  CHECK_FALSE(read_chrome_json(head + "\"events\":[[0,99,1,0]]}}", t).ok);              // kind
  CHECK_FALSE(read_chrome_json(head + "\"events\":[[0,2,1,0,0,-1,-1,-1,5]]}}", t).ok);  // text
  CHECK_FALSE(read_chrome_json(head + "\"events\":[[5,2,1,0],[4,2,1,0]]}}", t).ok);     // order
  CHECK_FALSE(read_chrome_json(head + "\"events\":[]}} x", t).ok);
  CHECK_FALSE(read_chrome_json(head + "\"version\":2}}", t).ok);
}

#if !defined(__EMSCRIPTEN__)
TEST_CASE("python3's json module accepts the export and its structure is Chrome's") {
  if (std::system("python3 -c pass > /dev/null 2>&1") != 0) return;  // no python3 here
  Recorder rec;
  test::record_scenario(rec);
  Writer& a = rec.writer(1, 1, "Thread-1");
  a.message_send(1100, 5, 64, 2, 0);
  Writer& b = rec.writer(2, 0, "Child \xF0\x9F\x90\x8D");
  b.message_receive(1200, 5, 64, 1, 1);
  b.output(1300, 1, "\xFF invalid \x01");
  b.counter(1300, "items", 7);
  const std::string path = "test_trace_chrome.json";
  {
    std::ofstream f(path, std::ios::binary);
    f << write_chrome_json(rec.merge());
  }
  const std::string cmd = "python3 " INTERLEAVE_SOURCE_DIR
                          "/tests/unit/trace/check_chrome_trace.py " +
                          path + " > /dev/null";
  CHECK(std::system(cmd.c_str()) == 0);
  std::remove(path.c_str());
}
#endif

TEST_CASE("Chrome export of a killed child: its process track, start and signed exit code") {
  Recorder rec;
  rec.name_process(7, "Process-1");
  Writer& p = rec.process_writer(7);
  p.process_start(100);
  p.process_end(2100, -15);
  const Trace trace = rec.merge();
  const std::string json = write_chrome_json(trace);
  for (const char* part : {
           R"J({"ph":"M","name":"process_name","pid":7,"tid":0,"args":{"name":"Process-1"}})J",
           R"J({"ph":"M","name":"thread_name","pid":7,"tid":1000000001,"args":{"name":"process"}})J",
           R"J({"ph":"X","name":"Process-1","cat":"process","pid":7,"tid":1000000001,"ts":0.100,)J"
           R"J("dur":2.000,"args":{"pid":7,"exitcode":-15,"signal":"SIGTERM",)J"
           R"J("status":"exited with -15 (SIGTERM)"}})J",
           R"J({"ph":"i","name":"process started","cat":"process","pid":7,"tid":1000000001,)J"
           R"J("ts":0.100,"s":"t"})J",
           R"J({"ph":"i","name":"exited with -15 (SIGTERM)","cat":"process","pid":7,)J"
           R"J("tid":1000000001,"ts":2.100,"s":"t","args":{"exitcode":-15,"signal":"SIGTERM"}})J",
           R"J("counts":[2,0,0,0,0,0,0,0,0,0,0,0,0,0],"exit":-15})J",
           "\n[2100,1,7,4294967294,0,-1,-1,-1,0,-15]",
       }) {
    CHECK_MESSAGE(json.find(part) != std::string::npos, part);
  }
  CHECK(json.find("18446744073709551601") == std::string::npos);

  Trace back;
  const ReadResult result = read_chrome_json(json, back);
  REQUIRE_MESSAGE(result.ok, result.error);
  CHECK(back == trace);
  CHECK(back.events.back().exit_status() == -15);
  CHECK(back.threads.front().totals.exited);
  CHECK(back.threads.front().totals.exit_status == -15);
  CHECK(write_chrome_json(back) == json);

  // Files that stored the status as its unsigned bit pattern read the same.
  std::string old = json;
  const std::string signed_event = "[2100,1,7,4294967294,0,-1,-1,-1,0,-15]";
  old.replace(old.find(signed_event), signed_event.size(),
              "[2100,1,7,4294967294,0,-1,-1,-1,0,18446744073709551601]");
  Trace old_back;
  REQUIRE(read_chrome_json(old, old_back).ok);
  CHECK(old_back == trace);
}

TEST_CASE("exit texts name the signal") {
  CHECK(exit_text(0) == "exited with 0");
  CHECK(exit_text(7) == "exited with 7");
  CHECK(exit_text(-9) == "exited with -9 (SIGKILL)");
  CHECK(exit_text(-6) == "exited with -6 (SIGABRT)");
  CHECK(exit_text(-99) == "exited with -99");
  CHECK(signal_name(15) == "SIGTERM");
  CHECK(signal_name(0).empty());
}
