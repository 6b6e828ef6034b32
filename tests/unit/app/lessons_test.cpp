// The lessons file format, and the embedded examples: every corpus program is in the gallery, every
// example is in a lesson, every lesson of the brief exists.
#include <doctest/doctest.h>

#include <filesystem>
#include <set>
#include <string>

#include "ui/examples.h"
#include "ui/lessons.h"

using interleave::ui::embedded_examples;
using interleave::ui::find_example;
using interleave::ui::parse_lessons;

TEST_CASE("lessons: sections, fields and continuation lines") {
  const auto r = parse_lessons(
      "# comment\n"
      "[lesson] The GIL\n"
      "about: Threads take\n"
      "  turns.\n"
      "\n"
      "[example] countdown.py\n"
      "title: Counting down\n"
      "about: One thread\n"
      "   vs two.\n"
      "look: Lanes alternate.\n"
      "[lesson] Pools\n"
      "[example] pool_map.py\n"
      "title: Map\nabout: A pool.\nlook: Workers.\n");
  CHECK(r.errors.empty());
  REQUIRE(r.lessons.size() == 2);
  CHECK(r.lessons[0].title == "The GIL");
  CHECK(r.lessons[0].about == "Threads take turns.");
  REQUIRE(r.lessons[0].examples.size() == 1);
  const auto& e = r.lessons[0].examples[0];
  CHECK(e.file == "countdown.py");
  CHECK(e.title == "Counting down");
  CHECK(e.about == "One thread vs two.");
  CHECK(e.look == "Lanes alternate.");
  CHECK(r.lessons[1].examples[0].file == "pool_map.py");
}

TEST_CASE("lessons: errors name their line and the parse goes on") {
  const auto r = parse_lessons(
      "[example] orphan.py\n"
      "[lesson] A\n"
      "nonsense line\n"
      "[example] a.py\n"
      "title: T\n"
      "title: again\n"
      "colour: red\n"
      "[section] x\n"
      "[lesson] Empty\n",
      "l.txt");
  REQUIRE(r.lessons.size() == 2);
  CHECK(r.lessons[0].examples.size() == 1);
  const std::set<std::string> errors(r.errors.begin(), r.errors.end());
  CHECK(errors.count("l.txt:1: an example outside any lesson"));
  CHECK(errors.count("l.txt:3: expected `key: text`"));
  CHECK(errors.count("l.txt:6: field `title` given twice"));
  CHECK(errors.count("l.txt:7: unexpected field `colour`"));
  CHECK(errors.count("l.txt:8: unknown section [section] x"));
  CHECK(errors.count("l.txt:4: a.py has no `about`"));
  CHECK(errors.count("l.txt:4: a.py has no `look`"));
  CHECK(errors.count("l.txt: lesson \"Empty\" has no examples"));
}

TEST_CASE("examples: the embedded lessons parse cleanly and cover every example exactly once") {
  const auto* file = find_example("lessons.txt");
  REQUIRE(file != nullptr);
  const auto r = parse_lessons(file->text);
  for (const auto& e : r.errors) CAPTURE(e);
  CHECK(r.errors.empty());
  CHECK(r.lessons.size() >= 10);
  std::multiset<std::string> listed;
  for (const auto& lesson : r.lessons) {
    for (const auto& e : lesson.examples) {
      listed.insert(e.file);
      CAPTURE(e.file);
      CHECK(find_example(e.file) != nullptr);
    }
  }
  for (const auto& f : embedded_examples()) {
    if (f.name == "lessons.txt") continue;
    CAPTURE(f.name);
    CHECK(listed.count(std::string(f.name)) == 1);
    CHECK(f.text.size() > 50);
    CHECK(f.text.substr(0, 2) == "# ");  // each opens with what it shows
  }
  // The lessons the gallery promises.
  std::string titles;
  for (const auto& lesson : r.lessons) titles += lesson.title + "|";
  for (const char* word :
       {"GIL", "I/O", "Locks", "Deadlocks", "Queues", "Pools", "Start methods",
        "Shared vs separate memory", "Crashes", "Shared memory between processes"}) {
    CAPTURE(word);
    CHECK(titles.find(word) != std::string::npos);
  }
}

TEST_CASE("examples: every program of the shared corpus is embedded, unchanged") {
  namespace fs = std::filesystem;
  const fs::path corpus = INTERLEAVE_CORPUS_DIR;
  if (!fs::exists(corpus)) return;  // a checkout without the shared folder
  int programs = 0;
  for (const auto& entry : fs::directory_iterator(corpus)) {
    if (entry.path().extension() != ".py") continue;
    ++programs;
    const std::string name = entry.path().filename().string();
    CAPTURE(name);
    const auto* example = find_example(name);
    REQUIRE(example != nullptr);
    CHECK(example->text.size() == fs::file_size(entry.path()));
  }
  CHECK(programs >= 20);
  CHECK(embedded_examples().size() >= static_cast<std::size_t>(programs) + 7);
}
