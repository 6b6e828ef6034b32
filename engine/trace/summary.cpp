// The run's numbers from a Trace (summary.h). Everything comes from the writers' exact totals,
// never from the stored events, so truncation does not change a single number. A thread still
// alive at the end (a daemon, a stopped run) is counted in its last state up to Trace::end.
// Pure functions: any thread.
#include "trace/summary.h"

#include <map>

#include "trace/json_writer.h"

namespace interleave::trace {

namespace {
constexpr std::size_t kBuckets = static_cast<std::size_t>(WaitBucket::kCount);

Time state_ns(const ThreadTotals& t, State s) {
  return t.state_ns[static_cast<std::size_t>(s)];
}

void write_waits(JsonWriter& w, const std::array<Time, kBuckets>& waits) {
  w.begin_object();
  for (std::size_t b = 0; b < kBuckets; ++b)
    w.key(bucket_name(static_cast<WaitBucket>(b))).value(waits[b]);
  w.end_object();
}
}  // namespace

Summary summarize(const Trace& trace, std::optional<Time> baseline_wall_ns) {
  Summary s;
  s.wall_ns = trace.end - trace.begin;
  s.truncated = trace.truncated;
  s.stored_events = trace.events.size();
  s.dropped_events = trace.dropped_events;
  std::map<ProcessId, ProcessSummary> processes;
  for (const ProcessInfo& p : trace.processes) {
    processes[p.pid].pid = p.pid;
    processes[p.pid].name = p.name;
  }

  for (const ThreadInfo& info : trace.threads) {
    const ThreadTotals t = info.totals.close_at(trace.end);
    ProcessSummary& p = processes[info.pid];
    p.pid = info.pid;
    p.gil_takes += t.gil_takes;
    p.gil_switches += t.gil_switches;
    p.drop_requests += t.drop_requests;
    p.forced_switches += t.forced_switches;
    p.messages_sent += t.messages_sent;
    p.bytes_sent += t.bytes_sent;
    p.messages_received += t.messages_received;
    p.bytes_received += t.bytes_received;
    s.gil_switches += t.gil_switches;
    s.drop_requests += t.drop_requests;
    s.messages += t.messages_sent;
    s.message_bytes += t.bytes_sent;
    if (info.tid == kProcessLane && t.exited) p.exit_code = t.exit_status;
    if (info.tid == kProcessLane || t.events == 0) continue;

    ThreadSummary th;
    th.pid = info.pid;
    th.tid = info.tid;
    th.name = info.name;
    th.start = t.first;
    th.end = t.last;
    th.cpu_ns = t.cpu_ns();
    th.gil_held_ns = state_ns(t, State::HoldingGil);
    th.runnable_ns = state_ns(t, State::Runnable);
    th.starting_ns = state_ns(t, State::Starting);
    th.wait_ns = t.wait_ns;
    th.gil_takes = t.gil_takes;
    th.gil_switches = t.gil_switches;
    th.drop_requests = t.drop_requests;
    th.messages_sent = t.messages_sent;
    th.bytes_sent = t.bytes_sent;
    ++p.threads;
    p.cpu_ns += th.cpu_ns;
    s.cpu_ns += th.cpu_ns;
    for (std::size_t b = 0; b < kBuckets; ++b) s.wait_ns[b] += th.wait_ns[b];
    s.threads.push_back(std::move(th));
  }
  for (auto& [pid, p] : processes) s.processes.push_back(std::move(p));
  if (baseline_wall_ns) {
    s.baseline_wall_ns = baseline_wall_ns;
    if (s.wall_ns > 0)
      s.speedup = static_cast<double>(*baseline_wall_ns) / static_cast<double>(s.wall_ns);
  }
  return s;
}

std::string summary_json(const Summary& s) {
  std::string out;
  JsonWriter w(out);
  w.begin_object();
  w.key("format").value("interleave-summary").key("version").value(1);
  w.newline().key("wall_ns").value(s.wall_ns).key("cpu_ns").value(s.cpu_ns);
  w.key("wait_ns");
  write_waits(w, s.wait_ns);
  w.newline().key("gil_switches").value(s.gil_switches);
  w.key("drop_requests").value(s.drop_requests);
  w.key("messages").value(s.messages).key("message_bytes").value(s.message_bytes);
  w.newline().key("baseline_wall_ns");
  if (s.baseline_wall_ns) {
    w.value(*s.baseline_wall_ns);
  } else {
    w.null();
  }
  w.key("speedup");
  if (s.speedup && s.baseline_wall_ns && s.wall_ns > 0) {
    // Three decimals, rounded half up, from the integers (not the double) for determinism.
    const Time base = *s.baseline_wall_ns;
    const std::int64_t milli = base >= 0 && base <= INT64_MAX / 1000 - s.wall_ns
                                   ? (base * 1000 + s.wall_ns / 2) / s.wall_ns
                                   : static_cast<std::int64_t>(*s.speedup * 1000.0 + 0.5);
    w.fixed(milli, 3);
  } else {
    w.null();
  }
  w.newline().key("truncated").value(s.truncated);
  w.key("stored_events").value(s.stored_events).key("dropped_events").value(s.dropped_events);
  w.newline().key("processes").begin_array();
  for (const ProcessSummary& p : s.processes) {
    w.newline().begin_object();
    w.key("pid").value(static_cast<std::uint64_t>(p.pid)).key("name").value(p.name);
    w.key("threads").value(static_cast<std::uint64_t>(p.threads)).key("cpu_ns").value(p.cpu_ns);
    w.key("gil_takes").value(p.gil_takes).key("gil_switches").value(p.gil_switches);
    w.key("drop_requests").value(p.drop_requests);
    w.key("forced_switches").value(p.forced_switches);
    w.key("messages_sent").value(p.messages_sent).key("bytes_sent").value(p.bytes_sent);
    w.key("messages_received").value(p.messages_received);
    w.key("bytes_received").value(p.bytes_received);
    w.key("exit_code");
    if (p.exit_code) {
      w.value(*p.exit_code);
    } else {
      w.null();
    }
    w.end_object();
  }
  w.end_array();
  w.newline().key("threads").begin_array();
  for (const ThreadSummary& t : s.threads) {
    w.newline().begin_object();
    w.key("pid").value(static_cast<std::uint64_t>(t.pid));
    w.key("tid").value(static_cast<std::uint64_t>(t.tid)).key("name").value(t.name);
    w.key("start_ns").value(t.start).key("end_ns").value(t.end);
    w.key("cpu_ns").value(t.cpu_ns).key("gil_held_ns").value(t.gil_held_ns);
    w.key("runnable_ns").value(t.runnable_ns).key("starting_ns").value(t.starting_ns);
    w.key("wait_ns");
    write_waits(w, t.wait_ns);
    w.key("gil_takes").value(t.gil_takes).key("gil_switches").value(t.gil_switches);
    w.key("drop_requests").value(t.drop_requests);
    w.key("messages_sent").value(t.messages_sent).key("bytes_sent").value(t.bytes_sent);
    w.end_object();
  }
  w.end_array();
  w.newline().end_object();
  out.push_back('\n');
  return out;
}

}  // namespace interleave::trace
