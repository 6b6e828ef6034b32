// TextBuffer: line storage, insert/erase/slice round trips, UTF-8 boundaries, display columns.
#include <doctest/doctest.h>

#include "ui/text_buffer.h"

using interleave::ui::TextBuffer;
using interleave::ui::TextPos;

TEST_CASE("text buffer: lines, newline normalisation and round trip") {
  TextBuffer b("a\r\nbc\rdef\n");
  CHECK(b.line_count() == 4);
  CHECK(b.line(1) == "bc");
  CHECK(b.line(3).empty());
  CHECK(b.text() == "a\nbc\ndef\n");
  CHECK(TextBuffer().line_count() == 1);
  CHECK(TextBuffer("").text().empty());
  CHECK(b.end() == TextPos{3, 0});
}

TEST_CASE("text buffer: insert returns the end, erase returns what it removed") {
  TextBuffer b("hello world");
  CHECK(b.insert({0, 5}, ",") == TextPos{0, 6});
  CHECK(b.text() == "hello, world");
  const TextPos end = b.insert({0, 6}, "\nbig\n");
  CHECK(end == TextPos{2, 0});
  CHECK(b.text() == "hello,\nbig\n world");
  CHECK(b.slice({0, 3}, {2, 2}) == "lo,\nbig\n w");
  CHECK(b.erase({0, 6}, {2, 0}) == "\nbig\n");
  CHECK(b.text() == "hello, world");
  CHECK(b.erase({0, 3}, {0, 3}).empty());
  CHECK(b.erase({0, 5}, {0, 2}).empty());  // reversed ranges remove nothing
  CHECK(b.text() == "hello, world");
}

TEST_CASE("text buffer: positions clamp into range and onto UTF-8 character starts") {
  TextBuffer b("h\xC3\xA9llo\n\xE2\x82\xAC");  // "héllo", "€"
  CHECK(b.clamp({-3, 3}) == TextPos{0, 3});
  CHECK(b.clamp({0, 2}) == TextPos{0, 1});  // inside é: back to its start
  CHECK(b.clamp({9, 9}) == TextPos{1, 3});
  CHECK(b.next_char({0, 1}) == TextPos{0, 3});
  CHECK(b.prev_char({0, 3}) == TextPos{0, 1});
  CHECK(b.next_char({0, 6}) == TextPos{1, 0});
  CHECK(b.prev_char({1, 0}) == TextPos{0, 6});
  CHECK(b.next_char(b.end()) == b.end());
  CHECK(b.prev_char({0, 0}) == TextPos{0, 0});
  CHECK(b.display_col(1, 3) == 1);  // one cell for the euro sign
}

TEST_CASE("text buffer: display columns expand tabs to multiples of four") {
  TextBuffer b("\tx\ty");
  CHECK(b.display_col(0, 0) == 0);
  CHECK(b.display_col(0, 1) == 4);
  CHECK(b.display_col(0, 2) == 5);
  CHECK(b.display_col(0, 3) == 8);
  CHECK(b.col_at_display(0, 1) == 0);  // nearer the tab's start
  CHECK(b.col_at_display(0, 3) == 1);  // nearer its end
  CHECK(b.col_at_display(0, 4) == 1);
  CHECK(b.col_at_display(0, 100) == 4);
}
