// Writes a Trace as Chrome Trace Event JSON (chrome_json.h). Sections, in this order: viewer
// metadata ("M"), each process's life ("X" on its "process" track, by pid), state spans per lane
// ("X", lane order of build_timeline), flows ("s"/"f"), instants and counters ("i"/"C", event
// order: process started / exited with N included), then the "interleave" object (lossless
// events and exact totals). Every list is sorted data, so output is byte-for-byte deterministic.
// Pure function: any thread.
#include <algorithm>
#include <map>
#include <string>

#include "trace/chrome_json.h"
#include "trace/json_writer.h"
#include "trace/timeline.h"

namespace interleave::trace {

namespace {

constexpr int kFormatVersion = 1;

std::string process_label(const Trace& trace, ProcessId pid) {
  const ProcessInfo* p = trace.find_process(pid);
  return p && !p->name.empty() ? p->name : "Process " + std::to_string(pid);
}

std::string thread_label(const Trace& trace, ProcessId pid, ThreadId tid) {
  const ThreadInfo* t = trace.find_thread(pid, tid);
  return t && !t->name.empty() ? t->name : "Thread " + std::to_string(tid);
}

// Chrome timestamps are microseconds; ours are nanoseconds: three fixed decimals, no rounding.
void ts(JsonWriter& w, const char* key, Time ns) {
  w.key(key).fixed(ns, 3);
}

void event_head(JsonWriter& w, const char* ph, std::string_view name, std::string_view cat,
                ProcessId pid, ThreadId tid) {
  w.newline().begin_object().key("ph").value(ph).key("name").value(name);
  if (!cat.empty()) w.key("cat").value(cat);
  w.key("pid").value(static_cast<std::uint64_t>(pid));
  w.key("tid").value(static_cast<std::uint64_t>(tid));
}

void metadata(JsonWriter& w, const char* what, ProcessId pid, ThreadId tid, std::string_view name,
              std::int64_t sort_index) {
  const bool process = std::string_view(what) == "process";
  event_head(w, "M", process ? "process_name" : "thread_name", "", pid, tid);
  w.key("args").begin_object().key("name").value(name).end_object().end_object();
  event_head(w, "M", process ? "process_sort_index" : "thread_sort_index", "", pid, tid);
  w.key("args").begin_object().key("sort_index").value(sort_index).end_object().end_object();
}

std::string span_name(const Span& s) {
  if (s.state == State::Blocked) return "blocked: " + std::string(reason_name(s.reason));
  return std::string(state_name(s.state));
}

void exit_args(JsonWriter& w, std::int64_t status) {
  w.key("exitcode").value(status);
  if (status < 0 && status != INT64_MIN && !signal_name(-status).empty())
    w.key("signal").value(signal_name(-status));
}

// A process's own life on its "process" track (tid kLifeTid): one X from its start to its end
// (or the trace's end while it lives), named after the process, with its exit code. Written for
// every process that has its own writer, so a child that was killed (and left no thread of its
// own) still shows in the viewers.
void write_lives(JsonWriter& w, const Trace& trace, Time trace_end) {
  struct Life {
    bool have_start = false, have_end = false;
    Time start = 0, end = 0;
  };
  std::map<ProcessId, Life> lives;  // the first stored ProcessStart and ProcessEnd per process
  for (const Event& e : trace.events) {
    if (e.tid != kProcessLane) continue;
    Life& life = lives[e.pid];
    if (e.kind == Kind::ProcessStart && !life.have_start) {
      life.have_start = true;
      life.start = e.time;
    } else if (e.kind == Kind::ProcessEnd && !life.have_end) {
      life.have_end = true;
      life.end = e.time;
    }
  }
  for (const ThreadInfo& info : trace.threads) {
    if (info.tid != kProcessLane || info.totals.events == 0) continue;
    const Life life = lives.count(info.pid) ? lives.at(info.pid) : Life{};
    const bool have_start = life.have_start;
    Time start = have_start ? life.start : info.totals.first;
    Time end = life.have_end ? life.end : info.totals.exited ? info.totals.last : trace_end;
    if (!have_start && !info.totals.exited) continue;  // only output or counters of its own
    end = std::max(end, start);
    event_head(w, "X", process_label(trace, info.pid), "process", info.pid, kLifeTid);
    ts(w, "ts", start);
    ts(w, "dur", end - start);
    w.key("args").begin_object().key("pid").value(static_cast<std::uint64_t>(info.pid));
    if (info.totals.exited) {
      exit_args(w, info.totals.exit_status);
      w.key("status").value(exit_text(info.totals.exit_status));
    } else {
      w.key("status").value("alive at the end of the trace");
    }
    w.end_object().end_object();
  }
}

bool has_life(const ThreadInfo& info) {
  return info.tid == kProcessLane && info.totals.events > 0;
}

void write_viewer_events(JsonWriter& w, const Trace& trace, const Timeline& tl) {
  // Names and order: processes by pid, in each the process track, the GIL track, then threads
  // by tid. Every pid an event is drawn on is named (a process without a name by its pid).
  std::int64_t order = 0;
  for (const ProcessInfo& p : trace.processes)
    metadata(w, "process", p.pid, 0, process_label(trace, p.pid), order++);
  for (const ThreadInfo& info : trace.threads)
    if (has_life(info)) metadata(w, "thread", info.pid, kLifeTid, "process", -2);
  bool any_core = false;
  for (const Lane& lane : tl.lanes) {
    if (lane.kind == LaneKind::Process) continue;  // drawn by write_lives
    if (lane.kind == LaneKind::Thread) {
      metadata(w, "thread", lane.pid, lane.tid, lane.name, static_cast<std::int64_t>(lane.tid));
    } else if (lane.kind == LaneKind::Gil) {
      metadata(w, "thread", lane.pid, kGilTid, "GIL", -1);
    } else {
      if (!any_core) metadata(w, "process", kCoresPid, 0, "CPU cores", order++);
      any_core = true;
      metadata(w, "thread", kCoresPid, lane.tid, lane.name, static_cast<std::int64_t>(lane.tid));
    }
  }

  write_lives(w, trace, tl.end);
  for (const Lane& lane : tl.lanes) {
    if (lane.kind == LaneKind::Process) continue;
    for (const Span& s : lane.spans) {
      if (s.state == State::Idle || s.state == State::Done) continue;
      const Event* begin = s.event != kNoEvent ? &trace.events[s.event] : nullptr;
      if (lane.kind == LaneKind::Thread) {
        event_head(w, "X", span_name(s), "state", lane.pid, lane.tid);
      } else if (lane.kind == LaneKind::Gil) {
        event_head(w, "X", begin ? thread_label(trace, begin->pid, begin->tid) : "held", "gil",
                   lane.pid, kGilTid);
      } else {
        event_head(w, "X", begin ? thread_label(trace, begin->pid, begin->tid) : "busy", "core",
                   kCoresPid, lane.tid);
      }
      ts(w, "ts", s.start);
      ts(w, "dur", s.end - s.start);
      w.key("args").begin_object().key("state").value(state_name(s.state));
      if (lane.kind == LaneKind::Thread && begin && begin->kind == Kind::BlockBegin) {
        w.key("reason").value(reason_name(begin->reason));
        if (begin->text != 0) w.key("object").value(trace.text(begin->text));
        if (begin->other_tid != kNoThread) {
          w.key("holder").value(static_cast<std::uint64_t>(begin->other_tid));
          w.key("holder_name").value(thread_label(trace, begin->pid, begin->other_tid));
        }
      } else if (lane.kind != LaneKind::Thread && begin) {
        w.key("pid").value(static_cast<std::uint64_t>(begin->pid));
        w.key("tid").value(static_cast<std::uint64_t>(begin->tid));
      }
      w.end_object().end_object();
    }
  }

  std::uint64_t flow_id = 0;
  for (const Flow& f : tl.flows) {
    if (f.to == kNoEvent) continue;
    const Event& a = trace.events[f.from];
    const Event& b = trace.events[f.to];
    const bool gil = f.kind == FlowKind::GilHandoff;
    const char* name = gil ? "GIL hand-off" : "message";
    const char* cat = gil ? "gil" : "message";
    ++flow_id;
    event_head(w, "s", name, cat, a.pid, a.tid == kProcessLane ? 0 : a.tid);
    ts(w, "ts", a.time);
    w.key("id").value(flow_id);
    if (!gil) w.key("args").begin_object().key("bytes").value(a.bytes).end_object();
    w.end_object();
    event_head(w, "f", name, cat, b.pid, b.tid == kProcessLane ? 0 : b.tid);
    ts(w, "ts", b.time);
    w.key("id").value(flow_id).key("bp").value("e");
    w.end_object();
  }

  if (trace.truncated) {  // visible in the viewers too, where the detail stops
    event_head(w, "i", "trace truncated after " + std::to_string(trace.events.size()) + " events",
               "trace", trace.processes.empty() ? 0 : trace.processes.front().pid, 0);
    ts(w, "ts", trace.detail_end);
    w.key("s").value("g").end_object();
  }
  for (const Event& e : trace.events) {
    const ThreadId tid = e.tid == kProcessLane ? 0 : e.tid;
    const char* scope = e.tid == kProcessLane ? "p" : "t";
    switch (e.kind) {
      case Kind::ProcessStart:
      case Kind::ProcessEnd:
        if (e.tid != kProcessLane) break;
        event_head(w, "i",
                   e.kind == Kind::ProcessStart ? "process started" : exit_text(e.exit_status()),
                   "process", e.pid, kLifeTid);
        ts(w, "ts", e.time);
        w.key("s").value("t");
        if (e.kind == Kind::ProcessEnd) {
          w.key("args").begin_object();
          exit_args(w, e.exit_status());
          w.end_object();
        }
        w.end_object();
        break;
      case Kind::Output:
        event_head(w, "i", e.value == 2 ? "stderr" : "stdout", "output", e.pid, tid);
        ts(w, "ts", e.time);
        w.key("s").value(scope);
        w.key("args").begin_object().key("text").value(trace.text(e.text)).end_object();
        w.end_object();
        break;
      case Kind::GilDropRequest:
      case Kind::GilForcedSwitch:
        event_head(w, "i", e.kind == Kind::GilDropRequest ? "drop request" : "forced switch", "gil",
                   e.pid, tid);
        ts(w, "ts", e.time);
        w.key("s").value(scope).end_object();
        break;
      case Kind::Wake:
        event_head(w, "i", "wake", "wake", e.pid, tid);
        ts(w, "ts", e.time);
        w.key("s").value(scope);
        w.key("args").begin_object().key("thread");
        w.value(thread_label(trace, e.other_pid == kNoProcess ? e.pid : e.other_pid, e.other_tid));
        w.end_object().end_object();
        break;
      case Kind::Counter:
        event_head(w, "C", trace.text(e.text), "counter", e.pid, tid);
        ts(w, "ts", e.time);
        w.key("args").begin_object().key("value").value(e.counter_value()).end_object();
        w.end_object();
        break;
      default:
        break;
    }
  }
}

void write_totals(JsonWriter& w, const ThreadTotals& t) {
  w.begin_object();
  w.key("first").value(t.first).key("last").value(t.last);
  w.key("state_ns").begin_array();
  for (Time v : t.state_ns) w.value(v);
  w.end_array().key("wait_ns").begin_array();
  for (Time v : t.wait_ns) w.value(v);
  w.end_array();
  w.key("open_state").value(static_cast<unsigned>(t.open_state));
  w.key("open_reason").value(static_cast<unsigned>(t.open_reason));
  w.key("counts").begin_array();
  for (std::uint64_t v : {t.events, t.runs, t.gil_takes, t.gil_switches, t.drop_requests,
                          t.forced_switches, t.blocks, t.wakes, t.messages_sent, t.bytes_sent,
                          t.messages_received, t.bytes_received, t.output_chunks, t.output_bytes})
    w.value(v);
  w.end_array();
  if (t.exited) w.key("exit").value(t.exit_status);  // a process's own writer: signed
  w.end_object();
}

void write_raw_event(JsonWriter& w, const Event& e) {
  // [time, kind, pid, tid, reason, core, other_tid, other_pid, text, value, bytes]; trailing
  // fields equal to their defaults are left out; "none" ids are written as -1.
  const auto id = [](std::uint64_t v, std::uint64_t none) {
    return v == none ? std::int64_t{-1} : static_cast<std::int64_t>(v);
  };
  const std::int64_t fields[] = {static_cast<std::int64_t>(e.reason), id(e.core, kNoCore),
                                 id(e.other_tid, kNoThread), id(e.other_pid, kNoProcess),
                                 static_cast<std::int64_t>(e.text)};
  const std::int64_t defaults[] = {0, -1, -1, -1, 0};
  int last = -1;
  if (e.bytes != 0) {
    last = 6;
  } else if (e.value != 0) {
    last = 5;
  } else {
    for (int i = 4; i >= 0; --i)
      if (fields[i] != defaults[i]) {
        last = i;
        break;
      }
  }
  w.newline().begin_array().value(e.time).value(static_cast<unsigned>(e.kind));
  w.value(static_cast<std::uint64_t>(e.pid)).value(static_cast<std::uint64_t>(e.tid));
  for (int i = 0; i <= last && i < 5; ++i) w.value(fields[i]);
  if (last >= 5) {
    if (e.signed_value()) {
      w.value(static_cast<std::int64_t>(e.value));  // -15, not 18446744073709551601
    } else {
      w.value(e.value);
    }
  }
  if (last >= 6) w.value(e.bytes);
  w.end_array();
}

}  // namespace

std::string write_chrome_json(const Trace& trace, const ExportOptions& options) {
  std::string out;
  out.reserve(64 + trace.events.size() * (options.viewer_events ? 120 : 40));
  JsonWriter w(out);
  w.begin_object();
  w.key("displayTimeUnit").value("ns");
  w.key("traceEvents").begin_array();
  if (options.viewer_events) write_viewer_events(w, trace, build_timeline(trace));
  w.newline().end_array();

  w.newline().key("interleave").begin_object();
  w.key("format").value("interleave-trace").key("version").value(kFormatVersion);
  w.key("clock").value(trace.clock == ClockKind::Virtual ? "virtual" : "steady");
  w.key("cores").value(static_cast<std::uint64_t>(trace.cores));
  w.key("begin").value(trace.begin).key("end").value(trace.end);
  w.key("truncated").value(trace.truncated);
  if (trace.truncated) {
    w.key("note").value("truncated after " + std::to_string(trace.events.size()) + " events");
  }
  w.key("detail_end").value(trace.detail_end);
  w.key("dropped_events").value(trace.dropped_events);
  w.newline().key("processes").begin_array();
  for (const ProcessInfo& p : trace.processes)
    w.begin_array().value(static_cast<std::uint64_t>(p.pid)).value(p.name).end_array();
  w.end_array();
  w.newline().key("threads").begin_array();
  for (const ThreadInfo& t : trace.threads) {
    w.newline().begin_object();
    w.key("pid").value(static_cast<std::uint64_t>(t.pid));
    w.key("tid").value(static_cast<std::uint64_t>(t.tid));
    w.key("name").value(t.name).key("totals");
    write_totals(w, t.totals);
    w.end_object();
  }
  w.end_array();
  w.newline().key("strings").begin_array();
  for (const std::string& s : trace.strings) w.newline().value(s);
  w.end_array();
  w.newline().key("events").begin_array();
  if (options.raw_events)
    for (const Event& e : trace.events) write_raw_event(w, e);
  w.end_array();
  w.newline().end_object();
  w.newline().end_object();
  out.push_back('\n');
  return out;
}

}  // namespace interleave::trace
