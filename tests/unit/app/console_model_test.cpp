// ConsoleModel: line splitting per origin and stream, traceback and deadlock classification, the
// error mark for the editor, filters, bounds.
#include <doctest/doctest.h>

#include <string>

#include "ui/console_model.h"

using interleave::ui::ConsoleFilter;
using interleave::ui::ConsoleModel;
using interleave::ui::LineKind;
using interleave::ui::Stream;

TEST_CASE("console: output is split into lines; partial lines continue per origin and stream") {
  ConsoleModel c;
  c.append("MainThread", Stream::Out, "hello ");
  c.append("Thread-1", Stream::Out, "from t1\n");
  c.append("MainThread", Stream::Out, "world\nsecond\r\n");
  REQUIRE(c.size() == 3);
  CHECK(c.line(0).text == "hello world");
  CHECK(c.line(1).text == "from t1");
  CHECK(c.line(2).text == "second");
  CHECK(c.origins().size() == 2);
  CHECK(c.origins()[c.line(1).origin] == "Thread-1");
  c.append("MainThread", Stream::Err, "err");
  c.append("MainThread", Stream::Out, "out\n");
  REQUIRE(c.size() == 5);
  CHECK(c.line(3).text == "err");  // stderr's open line is not stdout's
  CHECK(c.line(3).stream == Stream::Err);
  CHECK(c.line(4).text == "out");
}

TEST_CASE("console: a thread's traceback links to the program's lines and marks the error") {
  ConsoleModel c;
  c.set_program_file("prog.py");
  c.append("Thread-1", Stream::Err,
           "Exception in thread Thread-1 (worker):\n"
           "Traceback (most recent call last):\n"
           "  File \"threading.py\", line 1038, in _bootstrap_inner\n"
           "  File \"prog.py\", line 9, in worker\n"
           "    print(\"result:\", divide(1, 0))\n"
           "  File \"prog.py\", line 6, in divide\n"
           "    return a / b\n"
           "           ~~^~~\n"
           "ZeroDivisionError: division by zero\n"
           "after\n");
  REQUIRE(c.size() == 10);
  CHECK(c.line(0).kind == LineKind::TraceHeader);
  CHECK(c.line(1).kind == LineKind::TraceHeader);
  CHECK(c.line(2).kind == LineKind::TraceLocation);
  CHECK(c.line(2).source_line == 0);  // another file: no link
  CHECK(c.line(3).source_line == 9);
  CHECK(c.line(4).kind == LineKind::TraceSource);
  CHECK(c.line(5).source_line == 6);
  CHECK(c.line(7).kind == LineKind::TraceSource);
  CHECK(c.line(8).kind == LineKind::TraceError);
  CHECK(c.line(9).kind == LineKind::Plain);
  REQUIRE(c.last_error().has_value());
  CHECK(c.last_error()->line == 6);  // the innermost frame in the program
  CHECK(c.last_error()->message == "ZeroDivisionError: division by zero");
}

TEST_CASE("console: a syntax error (no Traceback header) marks its line") {
  ConsoleModel c;
  c.set_program_file("countdown.py");
  c.append(
      "MainThread", Stream::Err,
      "  File \"countdown.py\", line 3\n    def f(:\n          ^\nSyntaxError: invalid syntax\n");
  REQUIRE(c.last_error().has_value());
  CHECK(c.last_error()->line == 3);
  CHECK(c.last_error()->message == "SyntaxError: invalid syntax");
  CHECK(c.line(2).kind == LineKind::TraceSource);
}

TEST_CASE("console: a traceback only in other files marks nothing") {
  ConsoleModel c;
  c.append("MainThread", Stream::Err,
           "Traceback (most recent call last):\n  File \"lib.py\", line 2, in g\nKeyError: 1\n");
  CHECK(c.line(2).kind == LineKind::TraceError);
  CHECK_FALSE(c.last_error().has_value());
}

TEST_CASE("console: deadlock reports are recognised with their details") {
  ConsoleModel c;
  c.append("interleave", Stream::Err,
           "Deadlock: every thread is blocked and none can wake.\n"
           "  Thread-1 waits for Lock 0x1, held by Thread-1\n"
           "  MainThread waits for join Thread-1\n"
           "done\n");
  CHECK(c.saw_deadlock());
  CHECK(c.line(0).kind == LineKind::Deadlock);
  CHECK(c.line(1).kind == LineKind::Deadlock);
  CHECK(c.line(2).kind == LineKind::Deadlock);
  CHECK(c.line(3).kind == LineKind::Plain);
}

TEST_CASE("console: filters by stream, origin and text; copy-all copies what is shown") {
  ConsoleModel c;
  c.append("MainThread", Stream::Out, "a1\n");
  c.append("Thread-1", Stream::Out, "b1\n");
  c.append("Thread-1", Stream::Err, "b2\n");
  c.note("started");
  ConsoleFilter all;
  CHECK(c.text(all) == "a1\nb1\nb2\nstarted\n");
  ConsoleFilter f;
  f.err = false;
  f.notes = false;
  CHECK(c.text(f) == "a1\nb1\n");
  f.hidden_origins = {true};
  CHECK(c.text(f) == "b1\n");
  ConsoleFilter s;
  s.search = "2";
  CHECK(c.text(s) == "b2\n");
  CHECK(c.line(3).kind == LineKind::Note);
}

TEST_CASE("console: bounded in lines and line length; the trimmed count is kept") {
  ConsoleModel c(100);
  std::string text;
  for (int i = 0; i < 250; ++i) text += "line " + std::to_string(i) + "\n";
  c.append("MainThread", Stream::Out, text);
  CHECK(c.size() == 100);
  CHECK(c.trimmed() == 150);
  CHECK(c.line(0).text == "line 150");
  c.append("MainThread", Stream::Out, std::string(ConsoleModel::kMaxLineBytes * 3, 'x'));
  c.append("MainThread", Stream::Out, "tail\n");
  const std::string& last = c.line(c.size() - 1).text;
  CHECK(last.size() < ConsoleModel::kMaxLineBytes + 20);
  CHECK(last.find("[line cut]") != std::string::npos);
  const auto before = c.version();
  c.clear();
  CHECK(c.size() == 0);
  CHECK(c.trimmed() == 0);
  CHECK(c.version() > before);
}

TEST_CASE("console: an open line that was trimmed away starts a new line") {
  ConsoleModel c(2);
  c.append("A", Stream::Out, "open");
  c.append("B", Stream::Out, "1\n2\n3\n");
  c.append("A", Stream::Out, " end\n");
  CHECK(c.line(c.size() - 1).text == " end");
}
