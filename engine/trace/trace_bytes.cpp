// The byte form of a Trace (trace_bytes.h). Layout, every number little-endian:
//   "ILTB" u32 version(1)
//   u8 clock, u32 cores, u8 truncated, u64 dropped_events, i64 detail_end, i64 begin, i64 end
//   u32 n, n strings                      (a string: u32 length, its bytes; strings[0] is "")
//   u32 n, n processes: u32 pid, string name
//   u32 n, n threads: u32 pid, u32 tid, string name, totals (write_totals' order)
//   u32 n, n events of 48 bytes: i64 time, u32 pid, u32 tid, u8 kind, u8 reason, u16 core,
//                                u32 other_tid, u32 other_pid, u32 text, u64 value, u64 bytes
#include "trace/trace_bytes.h"

#include <algorithm>
#include <cstring>
#include <type_traits>

namespace interleave::trace {
namespace {

constexpr char kMagic[4] = {'I', 'L', 'T', 'B'};
constexpr std::uint32_t kVersion = 1;
constexpr std::size_t kEventBytes = 48;

class ByteWriter {
 public:
  template <typename T>
  void put(T v) {
    static_assert(std::is_integral_v<T>);
    using U = std::make_unsigned_t<T>;
    const auto u = static_cast<U>(v);
    for (std::size_t i = 0; i < sizeof(T); ++i) out_.push_back(static_cast<std::uint8_t>(u >> (8 * i)));
  }
  void put_string(std::string_view s) {
    put(static_cast<std::uint32_t>(s.size()));
    out_.insert(out_.end(), s.begin(), s.end());
  }
  void reserve(std::size_t n) { out_.reserve(out_.size() + n); }
  std::vector<std::uint8_t> take() { return std::move(out_); }

 private:
  std::vector<std::uint8_t> out_;
};

class ByteReader {
 public:
  explicit ByteReader(std::string_view bytes) : bytes_(bytes) {}

  template <typename T>
  bool get(T& v) {
    static_assert(std::is_integral_v<T>);
    if (!need(sizeof(T))) return false;
    std::make_unsigned_t<T> u = 0;
    for (std::size_t i = 0; i < sizeof(T); ++i) {
      u |= static_cast<std::make_unsigned_t<T>>(static_cast<std::uint8_t>(bytes_[at_ + i]))
           << (8 * i);
    }
    at_ += sizeof(T);
    v = static_cast<T>(u);
    return true;
  }
  bool get_string(std::string& s) {
    std::uint32_t n = 0;
    if (!get(n) || !need(n)) return false;
    s.assign(bytes_.substr(at_, n));
    at_ += n;
    return true;
  }
  // A count of items of at least `min_bytes` each: more than the rest of the buffer could hold
  // is damage (and must not become a huge allocation).
  bool get_count(std::uint32_t& n, std::size_t min_bytes) {
    return get(n) && (n <= (bytes_.size() - at_) / min_bytes || fail("count past the end"));
  }
  bool need(std::size_t n) {
    return n <= bytes_.size() - at_ || fail("ends early");
  }
  bool fail(const char* why) {
    if (error_.empty()) error_ = "byte " + std::to_string(at_) + ": " + why;
    return false;
  }
  bool at_end() const { return at_ == bytes_.size(); }
  const std::string& error() const { return error_; }

 private:
  std::string_view bytes_;
  std::size_t at_ = 0;
  std::string error_;
};

void write_totals(ByteWriter& w, const ThreadTotals& t) {
  w.put(t.first);
  w.put(t.last);
  for (const Time ns : t.state_ns) w.put(ns);
  for (const Time ns : t.wait_ns) w.put(ns);
  w.put(static_cast<std::uint8_t>(t.open_state));
  w.put(static_cast<std::uint8_t>(t.open_reason));
  for (const std::uint64_t n :
       {t.events, t.runs, t.gil_takes, t.gil_switches, t.drop_requests, t.forced_switches,
        t.blocks, t.wakes, t.messages_sent, t.bytes_sent, t.messages_received,
        t.bytes_received, t.output_chunks, t.output_bytes}) {
    w.put(n);
  }
  w.put(static_cast<std::uint8_t>(t.exited ? 1 : 0));
  w.put(t.exit_status);
}

bool read_totals(ByteReader& r, ThreadTotals& t) {
  bool ok = r.get(t.first) && r.get(t.last);
  for (Time& ns : t.state_ns) ok = ok && r.get(ns);
  for (Time& ns : t.wait_ns) ok = ok && r.get(ns);
  std::uint8_t state = 0, reason = 0, exited = 0;
  ok = ok && r.get(state) && r.get(reason);
  if (ok && state >= kStateCount) return r.fail("bad state");
  if (ok && reason >= static_cast<std::uint8_t>(WaitReason::kCount)) return r.fail("bad reason");
  t.open_state = static_cast<State>(state);
  t.open_reason = static_cast<WaitReason>(reason);
  for (std::uint64_t* n :
       {&t.events, &t.runs, &t.gil_takes, &t.gil_switches, &t.drop_requests, &t.forced_switches,
        &t.blocks, &t.wakes, &t.messages_sent, &t.bytes_sent, &t.messages_received,
        &t.bytes_received, &t.output_chunks, &t.output_bytes}) {
    ok = ok && r.get(*n);
  }
  ok = ok && r.get(exited) && r.get(t.exit_status);
  if (ok && exited > 1) return r.fail("bad flag");
  t.exited = exited == 1;
  return ok;
}

void write_event(ByteWriter& w, const Event& e) {
  w.put(e.time);
  w.put(e.pid);
  w.put(e.tid);
  w.put(static_cast<std::uint8_t>(e.kind));
  w.put(static_cast<std::uint8_t>(e.reason));
  w.put(e.core);
  w.put(e.other_tid);
  w.put(e.other_pid);
  w.put(e.text);
  w.put(e.value);
  w.put(e.bytes);
}

bool read_event(ByteReader& r, Event& e) {
  std::uint8_t kind = 0, reason = 0;
  const bool ok = r.get(e.time) && r.get(e.pid) && r.get(e.tid) && r.get(kind) &&
                  r.get(reason) && r.get(e.core) && r.get(e.other_tid) && r.get(e.other_pid) &&
                  r.get(e.text) && r.get(e.value) && r.get(e.bytes);
  if (!ok) return false;
  if (kind >= static_cast<std::uint8_t>(Kind::kCount)) return r.fail("bad event kind");
  if (reason >= static_cast<std::uint8_t>(WaitReason::kCount)) return r.fail("bad reason");
  e.kind = static_cast<Kind>(kind);
  e.reason = static_cast<WaitReason>(reason);
  return true;
}

bool read_all(ByteReader& r, Trace& t) {
  char magic[4] = {};
  for (char& c : magic) {
    if (!r.get(c)) return false;
  }
  if (std::memcmp(magic, kMagic, sizeof magic) != 0) return r.fail("not an interleave trace");
  std::uint32_t version = 0;
  if (!r.get(version)) return false;
  if (version != kVersion) return r.fail("unsupported trace version");

  std::uint8_t clock = 0, truncated = 0;
  if (!(r.get(clock) && r.get(t.cores) && r.get(truncated) && r.get(t.dropped_events) &&
        r.get(t.detail_end) && r.get(t.begin) && r.get(t.end))) {
    return false;
  }
  if (clock > static_cast<std::uint8_t>(ClockKind::Steady)) return r.fail("bad clock");
  if (truncated > 1) return r.fail("bad flag");
  t.clock = static_cast<ClockKind>(clock);
  t.truncated = truncated == 1;

  std::uint32_t n = 0;
  if (!r.get_count(n, 4)) return false;
  t.strings.assign(n, std::string());
  for (std::string& s : t.strings) {
    if (!r.get_string(s)) return false;
  }
  if (t.strings.empty() || !t.strings[0].empty()) return r.fail("strings[0] must be empty");

  if (!r.get_count(n, 8)) return false;
  t.processes.assign(n, ProcessInfo{});
  for (std::size_t i = 0; i < t.processes.size(); ++i) {
    ProcessInfo& p = t.processes[i];
    if (!(r.get(p.pid) && r.get_string(p.name))) return false;
    if (i > 0 && !(t.processes[i - 1].pid < p.pid)) return r.fail("processes out of order");
  }

  if (!r.get_count(n, 12)) return false;
  t.threads.assign(n, ThreadInfo{});
  for (std::size_t i = 0; i < t.threads.size(); ++i) {
    ThreadInfo& th = t.threads[i];
    if (!(r.get(th.pid) && r.get(th.tid) && r.get_string(th.name) && read_totals(r, th.totals))) {
      return false;
    }
    if (i > 0) {
      const ThreadInfo& prev = t.threads[i - 1];
      if (!(prev.pid < th.pid || (prev.pid == th.pid && prev.tid < th.tid))) {
        return r.fail("threads out of order");
      }
    }
  }

  if (!r.get_count(n, kEventBytes)) return false;
  t.events.assign(n, Event{});
  for (std::size_t i = 0; i < t.events.size(); ++i) {
    Event& e = t.events[i];
    if (!read_event(r, e)) return false;
    if (e.text >= t.strings.size()) return r.fail("event text out of range");
    if (i > 0 && e.time < t.events[i - 1].time) return r.fail("events out of order");
  }
  return r.at_end() || r.fail("trailing bytes");
}

}  // namespace

std::vector<std::uint8_t> write_trace_bytes(const Trace& t, std::size_t max_events) {
  // The events kept: all, or those before the time of the first one past the bound.
  std::size_t kept = t.events.size();
  bool truncated = t.truncated;
  Time detail_end = t.detail_end;
  if (kept > max_events) {
    const Time cut = t.events[max_events].time;
    kept = static_cast<std::size_t>(
        std::lower_bound(t.events.begin(), t.events.end(), cut,
                         [](const Event& e, Time time) { return e.time < time; }) -
        t.events.begin());
    detail_end = truncated ? std::min(detail_end, cut) : cut;
    truncated = true;
  }
  const std::uint64_t dropped = t.dropped_events + (t.events.size() - kept);
  ByteWriter w;
  std::size_t text = 0;
  for (const std::string& s : t.strings) text += 4 + s.size();
  w.reserve(64 + text + t.processes.size() * 32 + t.threads.size() * 256 +
            kept * kEventBytes);
  for (const char c : kMagic) w.put(c);
  w.put(kVersion);
  w.put(static_cast<std::uint8_t>(t.clock));
  w.put(t.cores);
  w.put(static_cast<std::uint8_t>(truncated ? 1 : 0));
  w.put(dropped);
  w.put(detail_end);
  w.put(t.begin);
  w.put(t.end);
  w.put(static_cast<std::uint32_t>(t.strings.size()));
  for (const std::string& s : t.strings) w.put_string(s);
  w.put(static_cast<std::uint32_t>(t.processes.size()));
  for (const ProcessInfo& p : t.processes) {
    w.put(p.pid);
    w.put_string(p.name);
  }
  w.put(static_cast<std::uint32_t>(t.threads.size()));
  for (const ThreadInfo& th : t.threads) {
    w.put(th.pid);
    w.put(th.tid);
    w.put_string(th.name);
    write_totals(w, th.totals);
  }
  w.put(static_cast<std::uint32_t>(kept));
  for (std::size_t i = 0; i < kept; ++i) write_event(w, t.events[i]);
  return w.take();
}

ReadResult read_trace_bytes(std::string_view bytes, Trace& trace) {
  ReadResult result;
  Trace t;
  ByteReader r(bytes);
  if (!read_all(r, t)) {
    result.error = r.error().empty() ? "unreadable trace" : r.error();
    return result;
  }
  trace = std::move(t);
  result.ok = true;
  return result;
}

}  // namespace interleave::trace
