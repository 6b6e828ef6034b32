// The console's contents: program output split into lines, each tagged with its origin (a thread or
// process label from the runner) and stream, and classified (traceback header, a `File "prog.py",
// line N` location that links to the editor, the error message, deadlock reports, the app's notes).
// Bounded: past max_lines the oldest lines go, and trimmed() counts them. UI thread only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace interleave::ui {

enum class Stream : std::uint8_t { Out, Err, Note };  // Note: the app's own messages

enum class LineKind : std::uint8_t {
  Plain,
  TraceHeader,    // "Traceback (most recent call last):", "Exception in thread ...:"
  TraceLocation,  // `  File "prog.py", line 12, in f`
  TraceSource,    // the quoted source line and its carets
  TraceError,     // "ValueError: bad input", the line that ends a traceback
  Deadlock,       // "Deadlock: ..." and its indented details
  Note,
};

struct ConsoleLine {
  std::string text;
  std::uint16_t origin = 0;  // index into ConsoleModel::origins()
  Stream stream = Stream::Out;
  LineKind kind = LineKind::Plain;
  int source_line = 0;  // TraceLocation in the program's file: its 1-based line; else 0
};

// The error to mark in the editor: the innermost location in the program's file of the latest
// traceback, and the message that ended it.
struct ErrorMark {
  int line = 0;  // 1-based
  std::string message;
};

struct ConsoleFilter {
  bool out = true, err = true, notes = true;
  std::vector<bool> hidden_origins;  // by origin index; missing entries are shown
  std::string search;                // case-sensitive substring; empty: all
  bool passes(const ConsoleLine& line) const;
};

class ConsoleModel {
 public:
  static constexpr std::size_t kDefaultMaxLines = 100000;
  static constexpr std::size_t kMaxLineBytes = 16384;  // longer lines are cut, with a mark

  explicit ConsoleModel(std::size_t max_lines = kDefaultMaxLines) : max_lines_(max_lines) {}

  // Tracebacks link to the editor only for locations in this file.
  void set_program_file(std::string_view name) { program_file_ = name; }

  // Appends output; a piece without a final '\n' stays open and the next piece from the same
  // origin and stream continues it.
  void append(std::string_view origin, Stream stream, std::string_view text);
  // A complete line from the app itself ("Run started", "running is not wired yet", ...).
  void note(std::string_view text);
  void clear();

  std::size_t size() const { return lines_.size(); }
  const ConsoleLine& line(std::size_t i) const { return lines_[i]; }
  const std::vector<std::string>& origins() const { return origins_; }
  std::uint64_t trimmed() const { return trimmed_; }
  // Increments whenever a line is added or changed: the view follows the tail when it moves.
  std::uint64_t version() const { return version_; }

  const std::optional<ErrorMark>& last_error() const { return last_error_; }
  bool saw_deadlock() const { return saw_deadlock_; }

  // The visible lines' text joined with '\n' (copy all).
  std::string text(const ConsoleFilter& filter) const;

 private:
  struct Channel {  // per origin and stream
    std::uint16_t origin;
    Stream stream;
    std::uint64_t open_line = 0;  // absolute number + 1 of the line still being written; 0: none
    bool in_traceback = false, in_deadlock = false;
    int traceback_line = 0;  // innermost program location of the traceback being read
  };

  std::uint16_t origin_index(std::string_view origin);
  Channel& channel(std::uint16_t origin, Stream stream);
  void add_piece(Channel& ch, std::string_view piece, bool complete);
  void classify(Channel& ch, ConsoleLine& line);
  void trim();

  std::deque<ConsoleLine> lines_;
  std::uint64_t first_ = 0;  // absolute number of lines_.front()
  std::vector<std::string> origins_;
  std::vector<Channel> channels_;
  std::string program_file_ = "prog.py";
  std::optional<ErrorMark> last_error_;
  bool saw_deadlock_ = false;
  std::size_t max_lines_;
  std::uint64_t trimmed_ = 0, version_ = 0;
};

}  // namespace interleave::ui
