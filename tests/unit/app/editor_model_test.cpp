// EditorModel: movement, selection, Python indentation, clipboard commands and undo/redo.
#include <doctest/doctest.h>

#include <string>

#include "ui/editor_model.h"

using interleave::ui::EditorModel;
using interleave::ui::TextPos;

namespace {
EditorModel with(const char* text, TextPos cursor = {0, 0}) {
  EditorModel m;
  m.set_text(text);
  m.set_cursor(cursor, false);
  return m;
}
}  // namespace

TEST_CASE("editor: typing replaces the selection and moves the cursor") {
  EditorModel m = with("abc", {0, 1});
  CHECK(m.insert("X"));
  CHECK(m.text() == "aXbc");
  CHECK(m.cursor() == TextPos{0, 2});
  m.set_cursor({0, 0}, false);
  m.set_cursor({0, 3}, true);
  CHECK(m.selected_text() == "aXb");
  m.insert("12\n3");
  CHECK(m.text() == "12\n3c");
  CHECK(m.cursor() == TextPos{1, 1});
  CHECK(m.selection().empty());
}

TEST_CASE("editor: arrows, Home/End, word moves and vertical moves keep the column") {
  EditorModel m = with("    def run(self, n):\n\nx = 1", {0, 0});
  m.move_home(false);
  CHECK(m.cursor() == TextPos{0, 4});  // first non-blank
  m.move_home(false);
  CHECK(m.cursor() == TextPos{0, 0});  // then column 0
  m.move_word_right(false);
  CHECK(m.cursor() == TextPos{0, 7});  // after "def"
  m.move_word_right(false);
  CHECK(m.cursor() == TextPos{0, 11});  // after "run"
  m.move_word_right(false);
  CHECK(m.cursor() == TextPos{0, 12});  // after "("
  m.move_word_left(false);
  CHECK(m.cursor() == TextPos{0, 11});
  m.move_word_left(false);
  CHECK(m.cursor() == TextPos{0, 8});
  m.move_end(false);
  CHECK(m.cursor() == TextPos{0, 21});
  m.move_right(false);
  CHECK(m.cursor() == TextPos{1, 0});  // across the line end
  m.move_left(false);
  CHECK(m.cursor() == TextPos{0, 21});
  m.set_cursor({0, 9}, false);
  m.move_down(false);
  CHECK(m.cursor() == TextPos{1, 0});  // an empty line
  m.move_down(false);
  CHECK(m.cursor() == TextPos{2, 5});  // the goal column (9) clamped to the line's end
  m.move_up(false, 2);
  CHECK(m.cursor() == TextPos{0, 9});  // back to the goal column
  m.move_down(false, 100);
  CHECK(m.cursor() == m.buffer().end());
  m.move_doc_start(false);
  CHECK(m.cursor() == TextPos{0, 0});
  m.move_up(false);
  CHECK(m.cursor() == TextPos{0, 0});
}

TEST_CASE("editor: Shift extends the selection; a plain arrow collapses it to its edge") {
  EditorModel m = with("hello world", {0, 2});
  m.move_right(true);
  m.move_right(true);
  CHECK(m.selected_text() == "ll");
  m.move_left(false);
  CHECK(m.cursor() == TextPos{0, 2});
  CHECK(m.selection().empty());
  m.move_word_right(true);
  CHECK(m.selected_text() == "llo");
  m.move_right(false);
  CHECK(m.cursor() == TextPos{0, 5});
  m.select_all();
  CHECK(m.selected_text() == "hello world");
  m.select_word({0, 8});
  CHECK(m.selected_text() == "world");
  EditorModel two = with("a\nb\nc");
  two.select_line(1);
  CHECK(two.selected_text() == "b\n");
  two.select_line(2);
  CHECK(two.selected_text() == "c");
}

TEST_CASE("editor: Enter keeps the indentation and adds a level after a colon") {
  EditorModel m = with("def f():", {0, 8});
  m.newline();
  CHECK(m.text() == "def f():\n    ");
  CHECK(m.cursor() == TextPos{1, 4});
  m.insert("if x:  # comment");
  m.newline();
  CHECK(m.text() == "def f():\n    if x:  # comment\n        ");
  m.insert("return 1");
  m.newline();
  CHECK(m.cursor() == TextPos{3, 4});  // after return: one level back
  m.insert("x = [1,");
  m.newline();
  CHECK(m.cursor() == TextPos{4, 4});  // plain statements keep the level
  EditorModel mid = with("    a = 1b", {0, 9});
  mid.newline();
  CHECK(mid.text() == "    a = 1\n    b");
  EditorModel string_colon = with("s = 'a:'", {0, 8});
  string_colon.newline();
  CHECK(string_colon.cursor() == TextPos{1, 0});  // the colon inside a string does not count
}

TEST_CASE("editor: Tab inserts spaces to the next stop, indents and dedents selected lines") {
  EditorModel m = with("ab", {0, 1});
  m.tab();
  CHECK(m.text() == "a   b");
  CHECK(m.cursor() == TextPos{0, 4});
  EditorModel lines = with("a\n\nb\nc");
  lines.set_cursor({0, 0}, false);
  lines.set_cursor({2, 1}, true);
  lines.tab();
  CHECK(lines.text() == "    a\n\n    b\nc");  // empty lines stay empty; c was not selected
  CHECK(lines.selection().anchor == TextPos{0, 0});
  CHECK(lines.selection().cursor == TextPos{2, 5});
  lines.untab();
  CHECK(lines.text() == "a\n\nb\nc");
  EditorModel one = with("      x", {0, 7});
  one.untab();
  CHECK(one.text() == "  x");
  CHECK(one.cursor() == TextPos{0, 3});
  EditorModel ro = with("x");
  ro.set_read_only(true);
  CHECK_FALSE(ro.tab());
  CHECK_FALSE(ro.insert("y"));
  CHECK_FALSE(ro.newline());
  CHECK_FALSE(ro.backspace());
  CHECK(ro.text() == "x");
}

TEST_CASE("editor: Backspace removes one indent level inside indentation, else one character") {
  EditorModel m = with("        x", {0, 8});
  m.backspace();
  CHECK(m.text() == "    x");
  m.backspace();
  CHECK(m.text() == "x");
  CHECK_FALSE(m.backspace());  // at the start of the document
  EditorModel join = with("ab\ncd", {1, 0});
  join.backspace();
  CHECK(join.text() == "abcd");
  CHECK(join.cursor() == TextPos{0, 2});
  EditorModel utf = with("a\xC3\xA9", {0, 3});
  utf.backspace();
  CHECK(utf.text() == "a");  // the whole two-byte character
  EditorModel del = with("ab\ncd", {0, 2});
  del.delete_forward();
  CHECK(del.text() == "abcd");
  EditorModel words = with("foo.bar baz", {0, 11});
  words.delete_word_left();
  CHECK(words.text() == "foo.bar ");
  words.delete_word_left();
  CHECK(words.text() == "foo.");
  words.move_doc_start(false);
  words.delete_word_right();
  CHECK(words.text() == ".");
}

TEST_CASE("editor: cut takes the selection out") {
  EditorModel m = with("one two", {0, 0});
  m.move_word_right(true);
  std::string text;
  CHECK(m.cut(&text));
  CHECK(text == "one");
  CHECK(m.text() == " two");
  m.set_cursor({0, 0}, false);
  CHECK_FALSE(m.cut(&text));
}

TEST_CASE("undo: typing merges into words, other edits are single steps, redo replays") {
  EditorModel m = with("");
  for (char c : std::string("hello world")) m.insert(std::string(1, c));
  CHECK(m.text() == "hello world");
  CHECK(m.undo());
  CHECK(m.text() == "hello");  // the word after the space goes first
  CHECK(m.undo());
  CHECK(m.text().empty());
  CHECK_FALSE(m.undo());
  CHECK(m.redo());
  CHECK(m.text() == "hello");
  CHECK(m.redo());
  CHECK(m.text() == "hello world");
  CHECK_FALSE(m.redo());

  m.newline();
  m.insert("x");
  CHECK(m.text() == "hello world\nx");
  CHECK(m.undo());
  CHECK(m.undo());
  CHECK(m.text() == "hello world");
  CHECK(m.cursor() == TextPos{0, 11});  // the selection comes back too
  m.insert("!");
  CHECK_FALSE(m.redo());  // a new edit drops the redo history
}

TEST_CASE("undo: moving the cursor ends a typing step; backspaces merge; selections return") {
  EditorModel m = with("abc", {0, 3});
  m.insert("d");
  m.move_left(false);
  m.insert("e");
  CHECK(m.text() == "abced");
  m.undo();
  CHECK(m.text() == "abcd");
  m.undo();
  CHECK(m.text() == "abc");

  EditorModel b = with("abcdef", {0, 6});
  b.backspace();
  b.backspace();
  b.backspace();
  CHECK(b.text() == "abc");
  b.undo();
  CHECK(b.text() == "abcdef");

  EditorModel s = with("one\ntwo\nthree");
  s.set_cursor({0, 1}, false);
  s.set_cursor({2, 2}, true);
  s.tab();
  const auto after = s.selection();
  s.undo();
  CHECK(s.text() == "one\ntwo\nthree");
  CHECK(s.selection().anchor == TextPos{0, 1});
  CHECK(s.selection().cursor == TextPos{2, 2});
  s.redo();
  CHECK(s.selection() == after);
  CHECK(s.text() == "    one\n    two\n    three");
}

TEST_CASE("undo: a long random edit session undoes back to the start exactly") {
  EditorModel m = with("import threading\n\ndef f():\n    pass\n");
  const std::string original = m.text();
  unsigned seed = 12345;
  auto next = [&] { return seed = seed * 1103515245u + 12345u, (seed >> 16) & 0x7fff; };
  int edits = 0;
  for (int i = 0; i < 400; ++i) {
    const auto& buf = m.buffer();
    const int line = static_cast<int>(next() % static_cast<unsigned>(buf.line_count()));
    m.set_cursor({line, static_cast<int>(next() % 12)}, next() % 3 == 0);
    switch (next() % 6) {
      case 0:
        edits += m.insert("x");
        break;
      case 1:
        edits += m.newline();
        break;
      case 2:
        edits += m.backspace();
        break;
      case 3:
        edits += m.tab();
        break;
      case 4:
        edits += m.delete_forward();
        break;
      default:
        edits += m.insert("ab\ncd");
        break;
    }
  }
  CHECK(edits > 100);
  const std::string edited = m.text();
  while (m.undo()) {
  }
  CHECK(m.text() == original);
  while (m.redo()) {
  }
  CHECK(m.text() == edited);
}
