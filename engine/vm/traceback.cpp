// Traceback text: walks an exception's entries (innermost first, printed outermost first), reads
// source lines from the code object's shared source, and follows __cause__/__context__ the way
// CPython's PyErr_Display does (oldest exception printed first).
#include "vm/traceback.h"

#include <algorithm>

#include "vm/prelude.h"
#include "vm/runtime.h"

namespace interleave::vm {

namespace {

std::string_view source_line(const std::string& src, int lineno) {
  std::size_t pos = 0;
  for (int i = 1; i < lineno; ++i) {
    pos = src.find('\n', pos);
    if (pos == std::string::npos) return {};
    ++pos;
  }
  std::size_t end = src.find('\n', pos);
  if (end == std::string::npos) end = src.size();
  std::string_view line(src.data() + pos, end - pos);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

std::size_t chars_in(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}

// Character offset of byte offset `b` in `line`.
std::size_t char_offset(std::string_view line, int b) {
  if (b < 0) return 0;
  std::size_t bb = std::min<std::size_t>(static_cast<std::size_t>(b), line.size());
  return chars_in(line.substr(0, bb));
}

void format_entry(std::string& out, const TracebackEntry& e) {
  Code* code = e.code;
  const Position& p = code->positions[e.ip];
  out += "  File \"";
  out += code->filename->view();
  out += "\", line " + std::to_string(p.line) + ", in ";
  out += code->name->view();
  out += "\n";
  if (!code->source) return;
  std::string_view line = source_line(*code->source, p.line);
  std::size_t lead = 0;
  while (lead < line.size() && (line[lead] == ' ' || line[lead] == '\t' || line[lead] == '\f')) {
    ++lead;
  }
  std::string_view stripped = line.substr(lead);
  while (!stripped.empty() && (stripped.back() == ' ' || stripped.back() == '\t')) {
    stripped.remove_suffix(1);
  }
  if (stripped.empty()) return;
  out += "    ";
  out += stripped;
  out += "\n";
  if (p.col < 0 || p.end_col < 0) return;
  std::size_t start = char_offset(line, p.col);
  std::size_t end = p.end_line == p.line ? char_offset(line, p.end_col)
                                         : chars_in(line.substr(0, lead)) + chars_in(stripped);
  std::size_t lead_chars = chars_in(line.substr(0, lead));
  if (end <= start) return;
  bool has_anchor = p.anchor_left >= 0 && p.end_line == p.line && p.anchor_right > p.anchor_left;
  if (end - start >= chars_in(stripped) && !has_anchor) return;
  bool anchored = p.anchor_left >= 0 && p.end_line == p.line;
  std::size_t a1 = anchored ? char_offset(line, p.anchor_left) : 0;
  std::size_t a2 = anchored ? char_offset(line, p.anchor_right) : 0;
  out += "    ";
  out += std::string(start - lead_chars, ' ');
  for (std::size_t i = start; i < end; ++i) {
    out.push_back(!anchored || (i >= a1 && i < a2) ? '^' : '~');
  }
  out += "\n";
}

std::string qualified_name(Thread& t, Value exc) {
  Type* type = type_of(t, exc);
  std::string name(type->qualname != nullptr ? type->qualname->view() : type->name->view());
  if (type->module.is_object() && is_str(type->module)) {
    std::string_view m = as_str(type->module)->view();
    if (m != "builtins" && m != "__main__") name = std::string(m) + "." + name;
  }
  return name;
}

}  // namespace

std::string format_exception_only(Thread& t, Value exc) {
  std::string out = qualified_name(t, exc);
  std::string msg;
  Value saved = t.exc;
  t.exc = Value();
  if (!str_into(t, exc, msg)) {
    t.exc = Value();
    msg = "<exception str() failed>";
  }
  t.exc = saved;
  if (!msg.empty()) out += ": " + msg;
  return out;
}

std::string format_exception(Thread& t, Value exc) {
  // Oldest first: collect the chain.
  std::vector<std::pair<Value, int>> chain;  // (exception, how it links to the next: 0 none,
                                             //  1 cause, 2 context)
  Value cur = exc;
  int link = 0;
  while (!cur.is_null() && layout_of(cur) == Layout::Exception && chain.size() < 64) {
    bool seen = false;
    for (auto& [v, l] : chain) seen |= v == cur;
    if (seen) break;
    chain.emplace_back(cur, link);
    ExceptionObject* e = as_exc(cur);
    if (!e->cause.is_null()) {
      cur = e->cause;
      link = 1;
    } else if (!e->context.is_null() && !e->suppress_context) {
      cur = e->context;
      link = 2;
    } else {
      break;
    }
  }
  std::string out;
  for (std::size_t i = chain.size(); i-- > 0;) {
    Value v = chain[i].first;
    ExceptionObject* e = as_exc(v);
    if (!e->traceback.empty()) {
      out += "Traceback (most recent call last):\n";
      for (std::size_t k = e->traceback.size(); k-- > 0;) {
        // Frames of Interleave's own Python modules (threading, queue) are not the program's.
        if (e->traceback[k].code->filename->view().substr(0, kPreludePrefix.size()) ==
            kPreludePrefix) {
          continue;
        }
        format_entry(out, e->traceback[k]);
      }
    }
    out += format_exception_only(t, v) + "\n";
    if (i > 0) {
      int l = chain[i].second;
      if (l == 1) {
        out += "\nThe above exception was the direct cause of the following exception:\n\n";
      } else {
        out += "\nDuring handling of the above exception, another exception occurred:\n\n";
      }
    }
  }
  return out;
}

}  // namespace interleave::vm
