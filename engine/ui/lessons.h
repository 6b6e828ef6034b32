// The gallery's lessons: groups of example programs, each with a title, an explanation and "what to
// look for" in the timeline, parsed from examples/lessons.txt (format documented at its top).
// Pure data and a pure parser: any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace interleave::ui {

struct LessonExample {
  std::string file;   // "countdown.py": a file of examples/
  std::string title;  // "Counting down in one thread vs two"
  std::string about;  // a short explanation
  std::string look;   // what to look for in the timeline
};

struct Lesson {
  std::string title;
  std::string about;
  std::vector<LessonExample> examples;
};

struct LessonsParse {
  std::vector<Lesson> lessons;
  std::vector<std::string> errors;  // "lessons.txt:12: ..." ; the parse goes on past an error
};

LessonsParse parse_lessons(std::string_view text, std::string_view filename = "lessons.txt");

}  // namespace interleave::ui
