// The example programs and the lessons file of examples/, embedded as text at build time
// (cmake/EmbedExamples.cmake generates the table). Immutable static data: any thread may read it.
#pragma once

#include <span>
#include <string_view>

namespace interleave::ui {

struct EmbeddedFile {
  std::string_view name;  // file name inside examples/, e.g. "countdown.py", "lessons.txt"
  std::string_view text;
};

// Every file of examples/, sorted by name.
std::span<const EmbeddedFile> embedded_examples();

// The file named `name`, or nullptr.
const EmbeddedFile* find_example(std::string_view name);

}  // namespace interleave::ui
