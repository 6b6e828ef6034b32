// SyntaxError construction and CPython 3.11's rendering of an uncaught one (pythonrun.c's
// print_exception + print_error_text, including their quirks: leading blanks stripped, carets
// clipped to the line, a multi-line range drawn to the end of the first line). Any thread.
#include "lang/syntax_error.h"

#include <algorithm>
#include <cstring>

namespace interleave::lang {

namespace {

// Line `lineno` (1-based) of `source` including its line break, which is returned as "\n" whatever
// the file used (\n, \r\n or \r).
std::string source_line(std::string_view source, int lineno) {
  std::size_t pos = 0;
  for (int line = 1; pos < source.size(); ++line) {
    std::size_t end = source.find_first_of("\r\n", pos);
    std::size_t next;
    if (end == std::string_view::npos) {
      end = next = source.size();
    } else {
      next = end + 1;
      if (source[end] == '\r' && next < source.size() && source[next] == '\n') ++next;
    }
    if (line == lineno) {
      std::string text(source.substr(pos, end - pos));
      if (end < source.size()) text.push_back('\n');
      return text;
    }
    pos = next;
  }
  return {};
}

}  // namespace

const char* type_name(SyntaxErrorType type) {
  switch (type) {
    case SyntaxErrorType::SyntaxError:
      return "SyntaxError";
    case SyntaxErrorType::IndentationError:
      return "IndentationError";
    case SyntaxErrorType::TabError:
      return "TabError";
  }
  return "SyntaxError";
}

SyntaxError make_syntax_error(SyntaxErrorType type, std::string msg, std::string_view source,
                              std::string_view filename, int lineno, int col_offset, int end_lineno,
                              int end_col_offset) {
  SyntaxError e;
  e.type = type;
  e.msg = std::move(msg);
  e.filename = std::string(filename);
  e.lineno = lineno;
  e.end_lineno = end_lineno > 0 ? end_lineno : lineno;
  e.text = source_line(source, lineno);
  // Running a file, CPython 3.11 reports parser and compiler errors in UTF-8 byte columns (only
  // tokenizer errors count characters), so a caret after non-ASCII text shifts just as there.
  e.offset = col_offset < 0 ? 0 : col_offset + 1;
  e.end_offset = end_col_offset < 0 ? -1 : end_col_offset + 1;
  return e;
}

std::string format_syntax_error(const SyntaxError& error) {
  std::string out;
  if (error.lineno > 0) {
    out += "  File \"" + error.filename + "\", line " + std::to_string(error.lineno) + "\n";
  }
  if (error.lineno > 0 && !error.text.empty()) {
    // print_exception: a range over several lines is drawn to the end of the first line, and
    // never further than one past the line's end.
    // (Byte sizes here, character offsets elsewhere: CPython mixes them the same way.)
    const long line_size = static_cast<long>(error.text.size());
    long offset = error.offset;
    long end_offset = error.end_offset;
    if (error.type != SyntaxErrorType::SyntaxError) {
      end_offset = -1;  // subclasses (IndentationError, TabError) always get a single caret
    } else if (error.end_lineno > error.lineno) {
      end_offset = line_size;
    }
    if (end_offset > line_size + 1) end_offset = line_size + 1;
    const long carets = (end_offset > 0 && end_offset > offset) ? end_offset - offset : 1;

    // print_error_text
    const char* text = error.text.c_str();
    --offset;
    while (*text == ' ' || *text == '\t' || *text == '\f') {
      ++text;
      --offset;
    }
    long len = static_cast<long>(std::strlen(text));
    if (len > 0 && text[len - 1] == '\n') --len;
    if (offset > len) offset = len;
    for (;;) {  // skip past newlines embedded in the text
      const char* nl = std::strchr(text, '\n');
      if (nl == nullptr) break;
      long inl = nl - text;
      if (inl >= offset) break;
      inl += 1;
      text += inl;
      len -= inl;
      offset -= inl;
    }
    out += "    ";
    out += text;
    if (text[len] != '\n') out += "\n";
    if (offset >= 0) {
      out += "    ";
      out.append(static_cast<std::size_t>(offset), ' ');
      out.append(static_cast<std::size_t>(carets), '^');
      out += "\n";
    }
  }
  out += type_name(error.type);
  out += ": ";
  out += error.msg;
  out += "\n";
  return out;
}

}  // namespace interleave::lang
