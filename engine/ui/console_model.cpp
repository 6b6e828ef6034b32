// Splitting output into lines and reading tracebacks the way CPython prints them:
//   Traceback (most recent call last):            (or "Exception in thread T:" before it)
//     File "prog.py", line 9, in f                (location, then the source line and carets)
//   ValueError: bad input                         (the first unindented line ends it)
// A SyntaxError starts directly at its `File` line. Deadlock reports start with "Deadlock:".
#include "ui/console_model.h"

#include <charconv>

namespace interleave::ui {
namespace {

bool starts_with(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
}

// `  File "NAME", line N...` -> NAME and N.
bool parse_location(std::string_view s, std::string_view* file, int* line) {
  std::size_t i = 0;
  while (i < s.size() && s[i] == ' ') ++i;
  s.remove_prefix(i);
  if (!starts_with(s, "File \"")) return false;
  s.remove_prefix(6);
  const std::size_t close = s.find("\", line ");
  if (close == std::string_view::npos) return false;
  *file = s.substr(0, close);
  s.remove_prefix(close + 8);
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), *line);
  return ec == std::errc() && ptr != s.data() && *line > 0;
}

}  // namespace

bool ConsoleFilter::passes(const ConsoleLine& line) const {
  if (line.stream == Stream::Out && !out) return false;
  if (line.stream == Stream::Err && !err) return false;
  if (line.stream == Stream::Note && !notes) return false;
  if (line.origin < hidden_origins.size() && hidden_origins[line.origin]) return false;
  return search.empty() || line.text.find(search) != std::string::npos;
}

std::uint16_t ConsoleModel::origin_index(std::string_view origin) {
  for (std::size_t i = 0; i < origins_.size(); ++i) {
    if (origins_[i] == origin) return static_cast<std::uint16_t>(i);
  }
  if (origins_.size() >= 0xFFFF) return 0xFFFE;  // absurdly many origins share the last slot
  origins_.emplace_back(origin);
  return static_cast<std::uint16_t>(origins_.size() - 1);
}

ConsoleModel::Channel& ConsoleModel::channel(std::uint16_t origin, Stream stream) {
  for (Channel& ch : channels_) {
    if (ch.origin == origin && ch.stream == stream) return ch;
  }
  channels_.push_back(Channel{origin, stream});
  return channels_.back();
}

void ConsoleModel::append(std::string_view origin, Stream stream, std::string_view text) {
  Channel& ch = channel(origin_index(origin), stream);
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    const bool complete = nl != std::string_view::npos;
    std::string_view piece = text.substr(0, nl);
    if (!piece.empty() && piece.back() == '\r') piece.remove_suffix(1);
    add_piece(ch, piece, complete);
    if (!complete) break;
    text.remove_prefix(nl + 1);
  }
  trim();
  ++version_;
}

void ConsoleModel::note(std::string_view text) {
  append("interleave", Stream::Note, std::string(text) + "\n");
}

void ConsoleModel::add_piece(Channel& ch, std::string_view piece, bool complete) {
  ConsoleLine* line = nullptr;
  if (ch.open_line > first_) {  // still in the buffer (not trimmed away)
    line = &lines_[static_cast<std::size_t>(ch.open_line - 1 - first_)];
  } else {
    lines_.push_back(ConsoleLine{{}, ch.origin, ch.stream, LineKind::Plain, 0});
    line = &lines_.back();
    ch.open_line = first_ + lines_.size();
  }
  if (line->text.size() < kMaxLineBytes) {
    line->text.append(piece.substr(0, kMaxLineBytes - line->text.size()));
    if (line->text.size() >= kMaxLineBytes) line->text += " [line cut]";
  }
  if (complete) {
    classify(ch, *line);
    ch.open_line = 0;
  }
}

void ConsoleModel::classify(Channel& ch, ConsoleLine& line) {
  const std::string_view s = line.text;
  std::string_view file;
  int number = 0;
  if (ch.stream == Stream::Note) {
    line.kind = LineKind::Note;
  } else if (starts_with(s, "Deadlock")) {
    line.kind = LineKind::Deadlock;
    ch.in_deadlock = true;
    saw_deadlock_ = true;
  } else if (ch.in_deadlock && starts_with(s, " ")) {
    line.kind = LineKind::Deadlock;
  } else if (starts_with(s, "Traceback (most recent call last):") ||
             starts_with(s, "Exception in thread ") ||
             (starts_with(s, "Process ") && !s.empty() && s.back() == ':')) {
    line.kind = LineKind::TraceHeader;
    ch.in_traceback = true;
    ch.in_deadlock = false;
    ch.traceback_line = 0;
  } else if (parse_location(s, &file, &number)) {
    line.kind = LineKind::TraceLocation;
    if (file == program_file_) {
      line.source_line = number;
      ch.traceback_line = number;  // the last one printed is the innermost frame
    }
    ch.in_traceback = true;
  } else if (ch.in_traceback && starts_with(s, " ")) {
    line.kind = LineKind::TraceSource;
  } else if (ch.in_traceback) {
    line.kind = LineKind::TraceError;
    ch.in_traceback = false;
    if (ch.traceback_line > 0) last_error_ = ErrorMark{ch.traceback_line, std::string(s)};
    ch.traceback_line = 0;
  } else {
    ch.in_deadlock = false;
  }
}

void ConsoleModel::trim() {
  while (lines_.size() > max_lines_) {
    lines_.pop_front();
    ++first_;
    ++trimmed_;
  }
}

void ConsoleModel::clear() {
  lines_.clear();
  origins_.clear();
  channels_.clear();
  first_ = 0;
  trimmed_ = 0;
  last_error_.reset();
  saw_deadlock_ = false;
  ++version_;
}

std::string ConsoleModel::text(const ConsoleFilter& filter) const {
  std::string out;
  for (const ConsoleLine& line : lines_) {
    if (!filter.passes(line)) continue;
    out += line.text;
    out += '\n';
  }
  return out;
}

}  // namespace interleave::ui
