// str.format() / str.format_map(): the markup parser of CPython 3.11's Objects/stringlib/
// unicode_format.h. It splits a format string into literal text and replacement fields
// ({}, {0}, {name}, {0.attr}, {0[key]}, {!r}, {:spec}, nested {:{width}}), handles {{ and }}
// escapes and auto-numbering, and reports CPython's messages. Looking up and formatting values is
// the VM's part, through FormatResolver. Pure functions: any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "support/result.h"

namespace interleave::support {

// One replacement field's name, split as CPython's field_name_split: the first part selects the
// argument, the rest (".attr" / "[key]" ...) is walked with FieldNameIterator.
struct FieldName {
  std::string_view first;   // text before the first '.' or '['; empty when auto-numbered
  std::int64_t index = -1;  // positional index (explicit or auto-numbered), -1: keyword `first`
  std::string_view rest;    // the accessor chain, e.g. ".x[0]"
};

// One accessor of FieldName::rest.
struct FieldAccess {
  bool is_attribute = false;  // .name (true) or [key] (false)
  std::string_view name;      // attribute name or item key text
  std::int64_t index = -1;    // [key] where key is all digits: the integer, else -1 (string key)
};

// Walks FieldName::rest. next() gives false at the end; errors: "Only '.' or '[' may follow ']'
// in format field specifier", "Missing ']' in format string", "Empty attribute in format string".
class FieldNameIterator {
 public:
  explicit FieldNameIterator(std::string_view rest) : rest_(rest) {}
  Result<bool> next(FieldAccess& access);

 private:
  std::string_view rest_;
  std::size_t pos_ = 0;
};

// Auto-numbering state shared by a format string and its nested specs.
struct AutoNumber {
  enum State : std::uint8_t { Init, Auto, Manual } state = Init;
  std::int64_t next = 0;
};

// One piece of a format string: literal text (with {{ }} already unescaped to one character),
// optionally followed by a replacement field.
struct FormatPiece {
  std::string_view literal;
  bool has_field = false;
  std::string_view field_name;   // raw, split it with split_field_name
  char32_t conversion = 0;       // 'r' 's' 'a' (validated by check_conversion), 0: none
  std::string_view format_spec;  // raw; may itself contain fields
  bool spec_needs_expanding = false;
};

// MarkupIterator: next() gives false at the end.
class FormatStringIterator {
 public:
  explicit FormatStringIterator(std::string_view format) : s_(format) {}
  Result<bool> next(FormatPiece& piece);

 private:
  std::string_view s_;
  std::size_t pos_ = 0;
};

// field_name_split: numbers {} fields and checks the auto/manual mix.
Result<FieldName> split_field_name(std::string_view field_name, AutoNumber& auto_number);

// "Unknown conversion specifier x" unless conversion is 0, 'r', 's' or 'a'.
Result<Unit> check_conversion(char32_t conversion);

// The VM's half of str.format, called in CPython's order for each field:
//   lookup(name)      find the argument and walk name.rest (IndexError "Replacement index 5 out
//                     of range for positional args tuple", KeyError, AttributeError...)
//   convert(c)        apply !r / !s / !a to the looked-up value (c already validated)
//   render(spec, out) format the value with the (expanded) spec and append to out
// Nested fields inside a spec are looked up between convert and render, so the VM keeps a stack.
// A VM exception travels back as ErrorKind::Propagate.
class FormatResolver {
 public:
  virtual Result<Unit> lookup(const FieldName& name) = 0;
  virtual Result<Unit> convert(char32_t conversion) = 0;
  virtual Result<Unit> render(std::string_view spec, std::string& out) = 0;

 protected:
  ~FormatResolver() = default;
};

// Whole str.format: literal copying, escapes, auto-numbering, nested specs ("Max string recursion
// exceeded" beyond two levels), appending the result to out.
Result<Unit> str_format_to(std::string& out, std::string_view format, FormatResolver& resolver);
Result<std::string> str_format(std::string_view format, FormatResolver& resolver);

}  // namespace interleave::support
