// A line-oriented parser: section headers, `key: value` fields, indented continuation lines.
// Errors name the line and never stop the parse, so one typo hides one entry, not the gallery.
#include "ui/lessons.h"

#include <cstddef>

namespace interleave::ui {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

class Parser {
 public:
  explicit Parser(std::string_view filename) : filename_(filename) {}

  void line(int number, std::string_view raw) {
    number_ = number;
    const bool indented = !raw.empty() && (raw.front() == ' ' || raw.front() == '\t');
    const std::string_view text = trim(raw);
    if (text.empty() || text.front() == '#') return;
    if (indented) return continuation(text);
    field_ = nullptr;
    if (starts_with(text, "[lesson]")) return lesson(trim(text.substr(8)));
    if (starts_with(text, "[example]")) return example(trim(text.substr(9)));
    if (text.front() == '[') return error("unknown section " + std::string(text));
    const std::size_t colon = text.find(':');
    if (colon == std::string_view::npos) return error("expected `key: text`");
    assign(trim(text.substr(0, colon)), trim(text.substr(colon + 1)));
  }

  LessonsParse finish() {
    check_example();
    for (const Lesson& l : out_.lessons) {
      if (l.examples.empty())
        out_.errors.push_back(filename_ + ": lesson \"" + l.title + "\" has no examples");
    }
    return std::move(out_);
  }

 private:
  void error(const std::string& message) {
    out_.errors.push_back(filename_ + ":" + std::to_string(number_) + ": " + message);
  }

  void lesson(std::string_view title) {
    check_example();
    if (title.empty()) error("a lesson needs a title");
    out_.lessons.push_back(Lesson{std::string(title), {}, {}});
    example_ = nullptr;
  }

  void example(std::string_view file) {
    check_example();
    if (out_.lessons.empty()) return error("an example outside any lesson");
    if (file.empty()) return error("an example needs a file name");
    auto& list = out_.lessons.back().examples;
    list.push_back(LessonExample{std::string(file), {}, {}, {}});
    example_ = &list.back();
    example_line_ = number_;
  }

  void assign(std::string_view key, std::string_view value) {
    std::string* target = nullptr;
    if (example_) {
      if (key == "title") target = &example_->title;
      if (key == "about") target = &example_->about;
      if (key == "look") target = &example_->look;
    } else if (!out_.lessons.empty()) {
      if (key == "about") target = &out_.lessons.back().about;
    }
    if (!target) return error("unexpected field `" + std::string(key) + "`");
    if (!target->empty()) return error("field `" + std::string(key) + "` given twice");
    *target = std::string(value);
    field_ = target;
  }

  void continuation(std::string_view text) {
    if (!field_) return error("an indented line continues no field");
    if (!field_->empty()) *field_ += ' ';
    *field_ += text;
  }

  // An example must say what it is and what to look for; a missing field is an error of the file.
  void check_example() {
    if (!example_) return;
    const int saved = number_;
    number_ = example_line_;
    if (example_->title.empty()) error(example_->file + " has no title");
    if (example_->about.empty()) error(example_->file + " has no `about`");
    if (example_->look.empty()) error(example_->file + " has no `look`");
    number_ = saved;
    example_ = nullptr;
  }

  std::string filename_;
  LessonsParse out_;
  LessonExample* example_ = nullptr;  // into out_.lessons.back().examples; reset on every push
  std::string* field_ = nullptr;      // the field an indented line continues
  int number_ = 0, example_line_ = 0;
};

}  // namespace

LessonsParse parse_lessons(std::string_view text, std::string_view filename) {
  Parser parser(filename);
  int number = 0;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    parser.line(++number, text.substr(0, end));
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return parser.finish();
}

}  // namespace interleave::ui
