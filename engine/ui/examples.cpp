// Lookup in the generated table of embedded examples (the table itself is in
// generated/examples.cpp).
#include "ui/examples.h"

namespace interleave::ui {

const EmbeddedFile* find_example(std::string_view name) {
  for (const EmbeddedFile& file : embedded_examples()) {
    if (file.name == name) return &file;
  }
  return nullptr;
}

}  // namespace interleave::ui
