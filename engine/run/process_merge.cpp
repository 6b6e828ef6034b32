// merge_processes (see process_merge.h): every event of the program and of the reports, moved
// onto the program's clock, sorted by time and recorded again into one recorder, which rebuilds
// the names, the totals and the trace's invariants.
#include "run/process_merge.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <set>
#include <utility>
#include <string_view>

#include "trace/recorder.h"
#include "trace/trace_bytes.h"

namespace interleave::run {

std::int64_t origin_ns(double anchor_ms, trace::Time anchor) {
  return std::llround(anchor_ms * 1e6) - anchor;
}

trace::Time trace_time(double shared_ms, std::int64_t origin) {
  return std::llround(shared_ms * 1e6) - origin;
}

namespace {

struct Item {
  trace::Event event;
  std::string_view text;
  std::string_view writer_name;
};

// The name a writer of `t` was created with.
std::string_view writer_name(const trace::Trace& t, trace::ProcessId pid, trace::ThreadId tid) {
  if (const trace::ThreadInfo* th = t.find_thread(pid, tid)) return th->name;
  return tid == trace::kProcessLane ? std::string_view("process") : std::string_view("Thread");
}

void add_events(const trace::Trace& t, trace::Time shift, bool (*keep)(const trace::Event&, const void*),
                const void* ctx, std::vector<Item>* items) {
  for (const trace::Event& e : t.events) {
    if (keep != nullptr && !keep(e, ctx)) continue;
    Item item{e, t.text(e.text), writer_name(t, e.pid, e.tid)};
    item.event.time += shift;
    items->push_back(item);
  }
}

// The program's origin on the shared clock. A program that recorded a child's start itself (a
// real driver's run: run/process_trace.h records it on the spawning thread) is anchored there,
// at its first such start, a few us after the spawn call returned: closer than `anchor`, which
// the run's end reached after the program's globals were taken. Otherwise (the cooperative
// driver) at `anchor`. Every thread of a process reads one clock (web/shared_clock.js), so one
// origin serves all of its lanes.
std::int64_t program_origin_ns(const trace::Trace& program, double anchor_ms, trace::Time anchor,
                               const std::vector<ChildSeen>& seen) {
  for (const trace::Event& e : program.events) {
    if (e.kind != trace::Kind::ProcessStart || e.tid != trace::kProcessLane) continue;
    for (const ChildSeen& s : seen) {
      if (s.pid == e.pid && s.recorded_ms) return origin_ns(*s.recorded_ms, e.time);
    }
  }
  return origin_ns(anchor_ms, anchor);
}

// A receive that the clocks put at or before its send (by at most kClockSlack) moves to 1 ns
// after it: within the clocks' error (the page clock's resolution, 100 us in a page that is not
// cross-origin isolated, on each worker's own grid, plus each anchor's), so that the timeline
// pairs the two (the recorder orders events of one time by writer, not by cause). One further
// off is left where it was (no arrow is drawn).
constexpr trace::Time kClockSlack = 1'000'000;

void receive_after_send(std::vector<Item>* items) {
  std::map<std::uint64_t, trace::Time> sent;
  for (const Item& item : *items) {
    if (item.event.kind == trace::Kind::MessageSend && item.event.value != 0) {
      sent.emplace(item.event.value, item.event.time);
    }
  }
  for (Item& item : *items) {
    trace::Event& e = item.event;
    if (e.kind != trace::Kind::MessageReceive) continue;
    auto it = sent.find(e.value);
    if (it != sent.end() && e.time <= it->second && it->second - e.time <= kClockSlack) {
      e.time = it->second + 1;
    }
  }
}

void note_truncation(const trace::Trace& t, trace::Time shift, trace::Trace* out) {
  if (!t.truncated) return;
  out->detail_end = out->truncated ? std::min(out->detail_end, t.detail_end + shift)
                                   : t.detail_end + shift;
  out->truncated = true;
  out->dropped_events += t.dropped_events;
}

}  // namespace

MergedProcesses merge_processes(const trace::Trace& program, double anchor_ms, trace::Time anchor,
                                const std::vector<ChildSeen>& seen,
                                const std::vector<std::string>& reports) {
  MergedProcesses out;
  const std::int64_t program_origin = program_origin_ns(program, anchor_ms, anchor, seen);

  struct Child {
    ProcessReport report;
    trace::Trace trace;
    trace::Time shift = 0;
  };
  std::map<trace::ProcessId, std::unique_ptr<Child>> children;
  for (const std::string& bytes : reports) {
    auto child = std::make_unique<Child>();
    std::string error;
    if (!read_process_report(bytes, &child->report, &error)) {
      out.problems.push_back(error);
      continue;
    }
    if (!child->report.trace.empty()) {
      const trace::ReadResult read = trace::read_trace_bytes(child->report.trace, child->trace);
      if (!read.ok) {
        out.problems.push_back("a child's trace: " + read.error);
        continue;
      }
    }
    if (child->trace.processes.empty()) {
      out.problems.push_back("a child's report names no process");
      continue;
    }
    const trace::ProcessId pid = child->trace.processes.front().pid;
    const bool started_here = std::any_of(seen.begin(), seen.end(),
                                          [&](const ChildSeen& s) { return s.pid == pid; });
    // A report about a process the program's trace has and did not start: itself, say.
    if (pid == trace::kCoresPid || (program.find_process(pid) != nullptr && !started_here)) {
      out.problems.push_back("a child's report claims process " + std::to_string(pid));
      continue;
    }
    child->shift = child->report.origin_ns - program_origin;
    if (child->report.globals) out.child_globals.push_back({pid, *child->report.globals});
    children[pid] = std::move(child);
  }

  // A child whose start the host saw starts there: the program's own record of it goes.
  std::set<trace::ProcessId> restarted;
  for (const ChildSeen& s : seen) {
    if (s.started_ms) restarted.insert(s.pid);
  }
  std::vector<Item> items;
  std::size_t total = program.events.size();
  for (const auto& [pid, child] : children) total += child->trace.events.size();
  items.reserve(total + 2 * seen.size());
  add_events(
      program, 0,
      [](const trace::Event& e, const void* c) {
        return e.kind != trace::Kind::ProcessStart ||
               static_cast<const std::set<trace::ProcessId>*>(c)->count(e.pid) == 0;
      },
      &restarted, &items);

  // What the program recorded of a child's life itself (a recorded real run names it and its
  // start: run/process_trace.h) is kept; the rest comes from what its host saw.
  std::set<std::pair<trace::ProcessId, trace::Kind>> program_life;
  for (const trace::Event& e : program.events) {
    if (e.kind == trace::Kind::ProcessStart || e.kind == trace::Kind::ProcessEnd) {
      program_life.insert({e.pid, e.kind});
    }
  }
  auto program_has = [&](trace::ProcessId pid, trace::Kind kind) {
    return program_life.count({pid, kind}) != 0;
  };
  std::map<trace::ProcessId, std::string> names;
  for (const ChildSeen& s : seen) {
    auto it = children.find(s.pid);
    Child* child = it == children.end() ? nullptr : it->second.get();
    if (!s.name.empty()) {
      names[s.pid] = s.name;
    } else if (child != nullptr && !child->report.name.empty()) {
      names[s.pid] = child->report.name;
    }
    trace::Event life;
    life.pid = s.pid;
    life.tid = trace::kProcessLane;
    if (s.started_ms) {
      life.kind = trace::Kind::ProcessStart;
      life.time = trace_time(*s.started_ms, program_origin);
      items.push_back({life, {}, "process"});
    }
    if (!program_has(s.pid, trace::Kind::ProcessEnd)) {
      // Its own end when it reported one (exact on its clock), else when the program heard of it.
      std::optional<trace::Time> end;
      if (child != nullptr) {
        for (const trace::Event& e : child->trace.events) {
          if (e.pid == s.pid && e.kind == trace::Kind::ProcessEnd) end = e.time + child->shift;
        }
      }
      if (!end && s.ended_ms) end = trace_time(*s.ended_ms, program_origin);
      if (end) {
        life.kind = trace::Kind::ProcessEnd;
        life.time = *end;
        life.value = static_cast<std::uint64_t>(static_cast<std::int64_t>(s.exitcode));
        items.push_back({life, {}, "process"});
      }
    }
  }
  // What a reporting process recorded of its own children's lives (a real driver's run records
  // each child's start on the spawning thread: run/process_trace.h). A grandchild's own start
  // and end give way to that view, as a child's give way to the program's: one of each per lane.
  std::set<std::pair<trace::ProcessId, trace::Kind>> parent_life;
  for (const auto& [pid, child] : children) {
    for (const trace::Event& e : child->trace.events) {
      const bool life = e.kind == trace::Kind::ProcessStart || e.kind == trace::Kind::ProcessEnd;
      if (e.pid != pid && life) {
        parent_life.insert({e.pid, e.kind});
      }
    }
  }
  for (const auto& [pid, child] : children) {
    const bool started_here = std::any_of(seen.begin(), seen.end(),
                                          [&, p = pid](const ChildSeen& s) { return s.pid == p; });
    if (!names.count(pid) && !child->report.name.empty()) names[pid] = child->report.name;
    // A child the program started: its own start and end give way to the program's view; a
    // grandchild's to its parent's record of them, when there is one.
    struct Ctx {
      trace::ProcessId pid;
      bool started_here;
      const std::set<std::pair<trace::ProcessId, trace::Kind>>* parent_life;
    } ctx{pid, started_here, &parent_life};
    add_events(
        child->trace, child->shift,
        [](const trace::Event& e, const void* c) {
          const auto* x = static_cast<const Ctx*>(c);
          const bool life = e.kind == trace::Kind::ProcessStart || e.kind == trace::Kind::ProcessEnd;
          if (!life || e.pid != x->pid) return true;
          return !x->started_here && x->parent_life->count({e.pid, e.kind}) == 0;
        },
        &ctx, &items);
  }
  receive_after_send(&items);
  std::stable_sort(items.begin(), items.end(),
                   [](const Item& a, const Item& b) { return a.event.time < b.event.time; });

  std::size_t text_bytes = 0;
  for (const std::string& s : program.strings) text_bytes += s.size();
  for (const auto& [pid, child] : children) {
    for (const std::string& s : child->trace.strings) text_bytes += s.size();
  }
  trace::RecorderOptions options;
  options.clock = program.clock;
  options.max_events = std::max<std::uint64_t>(options.max_events, items.size() + 1);
  options.max_text_bytes = std::max<std::uint64_t>(options.max_text_bytes, 2 * text_bytes + 1);
  trace::Recorder recorder(options);
  if (program.cores != 0) recorder.set_cores(program.cores);
  for (const trace::ProcessInfo& p : program.processes) recorder.name_process(p.pid, p.name);
  for (const auto& [pid, child] : children) {
    for (const trace::ProcessInfo& p : child->trace.processes) recorder.name_process(p.pid, p.name);
  }
  for (const auto& [pid, name] : names) recorder.name_process(pid, name);
  // Threads named but without a stored event keep their lane.
  for (const trace::ThreadInfo& th : program.threads) recorder.writer(th.pid, th.tid, th.name);
  for (const auto& [pid, child] : children) {
    for (const trace::ThreadInfo& th : child->trace.threads) recorder.writer(th.pid, th.tid, th.name);
  }
  for (const Item& item : items) {
    recorder.writer(item.event.pid, item.event.tid, item.writer_name).record(item.event, item.text);
  }
  out.trace = recorder.merge();
  note_truncation(program, 0, &out.trace);
  for (const auto& [pid, child] : children) note_truncation(child->trace, child->shift, &out.trace);
  out.trace.end = std::max(out.trace.end, program.end);
  return out;
}

}  // namespace interleave::run
