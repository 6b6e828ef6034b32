// Reads our Chrome JSON back (chrome_json.h): only the "interleave" object, which holds the events
// losslessly; "traceEvents" is skipped. Input is untrusted (files opened by a person): every id,
// enum and string index is checked and events must be in the merged order.
// Pure function: any thread.
#include "trace/chrome_json.h"
#include "trace/json_reader.h"

namespace interleave::trace {

namespace {

bool read_time_array(JsonReader& r, Time* out, std::size_t count) {
  if (!r.begin_array()) return false;
  std::size_t i = 0;
  while (r.next_element()) {
    if (i >= count) return r.fail("too many values");
    if (!r.read_int(out[i++])) return false;
  }
  return !r.failed() && (i == count || r.fail("too few values"));
}

bool read_totals(JsonReader& r, ThreadTotals& t) {
  if (!r.begin_object()) return false;
  std::string key;
  while (r.next_key(key)) {
    std::uint64_t u = 0;
    if (key == "first") {
      if (!r.read_int(t.first)) return false;
    } else if (key == "last") {
      if (!r.read_int(t.last)) return false;
    } else if (key == "state_ns") {
      if (!read_time_array(r, t.state_ns.data(), t.state_ns.size())) return false;
    } else if (key == "wait_ns") {
      if (!read_time_array(r, t.wait_ns.data(), t.wait_ns.size())) return false;
    } else if (key == "open_state") {
      if (!r.read_uint(u)) return false;
      if (u >= kStateCount) return r.fail("bad state");
      t.open_state = static_cast<State>(u);
    } else if (key == "open_reason") {
      if (!r.read_uint(u)) return false;
      if (u >= static_cast<std::uint64_t>(WaitReason::kCount)) return r.fail("bad reason");
      t.open_reason = static_cast<WaitReason>(u);
    } else if (key == "exit") {
      if (!r.read_int(t.exit_status)) return false;
      t.exited = true;
    } else if (key == "counts") {
      std::uint64_t* fields[] = {&t.events,
                                 &t.runs,
                                 &t.gil_takes,
                                 &t.gil_switches,
                                 &t.drop_requests,
                                 &t.forced_switches,
                                 &t.blocks,
                                 &t.wakes,
                                 &t.messages_sent,
                                 &t.bytes_sent,
                                 &t.messages_received,
                                 &t.bytes_received,
                                 &t.output_chunks,
                                 &t.output_bytes};
      if (!r.begin_array()) return false;
      std::size_t i = 0;
      while (r.next_element()) {
        if (i >= std::size(fields)) return r.fail("too many counts");
        if (!r.read_uint(*fields[i++])) return false;
      }
      if (r.failed()) return false;
    } else if (!r.skip_value()) {
      return false;
    }
  }
  return !r.failed();
}

// -1 means "none" for optional ids.
bool read_id(JsonReader& r, std::uint64_t none, std::uint64_t max, std::uint64_t& out) {
  std::int64_t v;
  if (!r.read_int(v)) return false;
  if (v == -1) {
    out = none;
    return true;
  }
  if (v < 0 || static_cast<std::uint64_t>(v) > max) return r.fail("id out of range");
  out = static_cast<std::uint64_t>(v);
  return true;
}

// A signed or an unsigned 64-bit integer, as its bit pattern.
bool read_bits(JsonReader& r, std::uint64_t& out) {
  if (r.peek_negative()) {
    std::int64_t v;
    if (!r.read_int(v)) return false;
    out = static_cast<std::uint64_t>(v);
    return true;
  }
  return r.read_uint(out);
}

bool read_event(JsonReader& r, Event& e) {
  e = Event{};
  if (!r.begin_array()) return false;
  std::uint64_t field[11] = {0, 0, 0, 0, 0, kNoCore, kNoThread, kNoProcess, 0, 0, 0};
  int n = 0;
  while (r.next_element()) {
    bool ok = true;
    switch (n) {
      case 0: {
        std::int64_t t;
        ok = r.read_int(t);
        e.time = t;
        break;
      }
      case 5:
        ok = read_id(r, kNoCore, 0xFFFEu, field[5]);
        break;
      case 6:
        ok = read_id(r, kNoThread, 0xFFFFFFFFu, field[6]);
        break;
      case 7:
        ok = read_id(r, kNoProcess, 0xFFFFFFFFu, field[7]);
        break;
      case 2:
      case 3:
        ok = r.read_uint(field[n]) && (field[n] <= 0xFFFFFFFFu || r.fail("id out of range"));
        break;
      case 9:
        // Exit statuses and counters are written signed; files written before that hold their
        // bit pattern as an unsigned number, read the same.
        if (field[1] == static_cast<std::uint64_t>(Kind::ProcessEnd) ||
            field[1] == static_cast<std::uint64_t>(Kind::Counter)) {
          ok = read_bits(r, field[9]);
        } else {
          ok = r.read_uint(field[9]);
        }
        break;
      default:
        if (n > 10) return r.fail("too many event fields");
        ok = r.read_uint(field[n]);
    }
    if (!ok) return false;
    ++n;
  }
  if (r.failed()) return false;
  if (n < 4) return r.fail("event needs time, kind, pid and tid");
  if (field[1] >= static_cast<std::uint64_t>(Kind::kCount)) return r.fail("bad event kind");
  if (field[4] >= static_cast<std::uint64_t>(WaitReason::kCount)) return r.fail("bad reason");
  e.kind = static_cast<Kind>(field[1]);
  e.pid = static_cast<ProcessId>(field[2]);
  e.tid = static_cast<ThreadId>(field[3]);
  e.reason = static_cast<WaitReason>(field[4]);
  e.core = static_cast<std::uint16_t>(field[5]);
  e.other_tid = static_cast<ThreadId>(field[6]);
  e.other_pid = static_cast<ProcessId>(field[7]);
  if (field[8] > 0xFFFFFFFFu) return r.fail("bad string index");
  e.text = static_cast<StringId>(field[8]);
  e.value = field[9];
  e.bytes = field[10];
  return true;
}

bool read_interleave(JsonReader& r, Trace& t, bool& have_events) {
  if (!r.begin_object()) return false;
  std::string key, s;
  bool format_ok = false;
  while (r.next_key(key)) {
    std::uint64_t u = 0;
    bool ok = true;
    if (key == "format") {
      ok = r.read_string(s) && (s == "interleave-trace" || r.fail("not an interleave trace"));
      format_ok = ok;
    } else if (key == "version") {
      ok = r.read_uint(u) && (u == 1 || r.fail("unsupported trace version"));
    } else if (key == "clock") {
      ok = r.read_string(s);
      t.clock = s == "steady" ? ClockKind::Steady : ClockKind::Virtual;
    } else if (key == "cores") {
      ok = r.read_uint(u) && (u <= 65535 || r.fail("too many cores"));
      t.cores = static_cast<std::uint32_t>(u);
    } else if (key == "begin") {
      ok = r.read_int(t.begin);
    } else if (key == "end") {
      ok = r.read_int(t.end);
    } else if (key == "truncated") {
      ok = r.read_bool(t.truncated);
    } else if (key == "detail_end") {
      ok = r.read_int(t.detail_end);
    } else if (key == "dropped_events") {
      ok = r.read_uint(t.dropped_events);
    } else if (key == "processes") {
      ok = r.begin_array();
      while (ok && r.next_element()) {
        ProcessInfo p;
        ok = r.begin_array() && r.next_element() && r.read_uint(u) && r.next_element() &&
             r.read_string(p.name) && !r.next_element() && !r.failed();
        if (ok && u > 0xFFFFFFFFu) ok = r.fail("bad pid");
        p.pid = static_cast<ProcessId>(u);
        if (ok && !t.processes.empty() && t.processes.back().pid >= p.pid)
          ok = r.fail("processes out of order");
        if (ok) t.processes.push_back(std::move(p));
      }
    } else if (key == "threads") {
      ok = r.begin_array();
      while (ok && r.next_element()) {
        ThreadInfo th;
        ok = r.begin_object();
        while (ok && r.next_key(s)) {
          if (s == "pid" || s == "tid") {
            ok = r.read_uint(u) && (u <= 0xFFFFFFFFu || r.fail("bad id"));
            (s == "pid" ? th.pid : th.tid) = static_cast<std::uint32_t>(u);
          } else if (s == "name") {
            std::string name;
            ok = r.read_string(name);
            th.name = std::move(name);
          } else if (s == "totals") {
            ok = read_totals(r, th.totals);
          } else {
            ok = r.skip_value();
          }
        }
        ok = ok && !r.failed();
        if (ok && !t.threads.empty() &&
            std::pair(t.threads.back().pid, t.threads.back().tid) >= std::pair(th.pid, th.tid))
          ok = r.fail("threads out of order");
        if (ok) t.threads.push_back(std::move(th));
      }
    } else if (key == "strings") {
      t.strings.clear();
      ok = r.begin_array();
      while (ok && r.next_element()) {
        ok = r.read_string(s);
        if (ok) t.strings.push_back(s);
      }
      if (ok && (t.strings.empty() || !t.strings[0].empty()))
        ok = r.fail("strings[0] must be empty");
    } else if (key == "events") {
      have_events = true;
      ok = r.begin_array();
      Event e;
      while (ok && r.next_element()) {
        ok = read_event(r, e);
        if (ok && !t.events.empty() && e.time < t.events.back().time)
          ok = r.fail("events out of order");
        if (ok) t.events.push_back(e);
      }
    } else {
      ok = r.skip_value();
    }
    if (!ok || r.failed()) return false;
  }
  if (r.failed()) return false;
  return format_ok || r.fail("missing format");
}

}  // namespace

ReadResult read_chrome_json(std::string_view json, Trace& trace) {
  ReadResult result;
  Trace t;
  JsonReader r(json);
  bool found = false, have_events = false;  // a file without events is a valid empty trace
  if (r.begin_object()) {
    std::string key;
    while (r.next_key(key)) {
      if (key == "interleave") {
        if (!read_interleave(r, t, have_events)) break;
        found = true;
      } else if (!r.skip_value()) {
        break;
      }
    }
  }
  if (!r.failed() && !r.at_end()) r.fail("trailing characters");
  if (!r.failed() && !found) r.fail("no \"interleave\" section (not written by interleave)");
  if (!r.failed())
    for (const Event& e : t.events)
      if (e.text >= t.strings.size()) {
        r.fail("event text out of range");
        break;
      }
  if (r.failed()) {
    result.error = r.error();
    return result;
  }
  trace = std::move(t);
  result.ok = true;
  return result;
}

}  // namespace interleave::trace
