// ProcessTrace (see process_trace.h). Packed child traces are plain bytes of this same binary
// (a parent and its children run one executable): the child's clock origin, process and thread
// names, then each kept event as its 48 raw bytes followed by its text.
#include "run/process_trace.h"

#include <algorithm>
#include <cstring>

namespace interleave::run {

namespace {

void put_u32(std::string* out, std::uint32_t v) {
  out->append(reinterpret_cast<const char*>(&v), 4);
}

void put_str(std::string* out, std::string_view s) {
  put_u32(out, static_cast<std::uint32_t>(s.size()));
  out->append(s);
}

// Reads what put_* wrote; every read is bounds-checked (a child killed mid-write leaves less).
class Unpacker {
 public:
  explicit Unpacker(std::string_view bytes) : bytes_(bytes) {}
  bool raw(void* out, std::size_t n) {
    if (bytes_.size() - pos_ < n) return false;
    std::memcpy(out, bytes_.data() + pos_, n);
    pos_ += n;
    return true;
  }
  bool u32(std::uint32_t* v) { return raw(v, 4); }
  bool str(std::string_view* s) {
    std::uint32_t n;
    if (!u32(&n) || bytes_.size() - pos_ < n) return false;
    *s = bytes_.substr(pos_, n);
    pos_ += n;
    return true;
  }

 private:
  std::string_view bytes_;
  std::size_t pos_ = 0;
};

}  // namespace

ProcessTrace::ProcessTrace(trace::Recorder& recorder, RealDriver& driver, ipc::ProcessHost& host)
    : recorder_(recorder),
      driver_(driver),
      host_(host),
      pid_(static_cast<trace::ProcessId>(host.pid())),
      recorded_as_(pid_) {
  host_.set_trace_children(true);
  ipc::set_tracer(this);
}

ProcessTrace::~ProcessTrace() {
  ipc::set_tracer(nullptr);
  host_.set_trace_children(false);
}

void ProcessTrace::sent(std::uint64_t flow, std::uint64_t bytes, std::string_view channel) {
  if (trace::Writer* w = driver_.current_writer()) {
    w->message_send(driver_.trace_time(), flow, bytes, trace::kNoProcess, trace::kNoThread,
                    channel);
  }
}

void ProcessTrace::received(std::uint64_t flow, std::uint64_t bytes, std::string_view channel) {
  if (trace::Writer* w = driver_.current_writer()) {
    w->message_receive(driver_.trace_time(), flow, bytes,
                       static_cast<trace::ProcessId>(flow >> 32), trace::kNoThread, channel);
  }
}

void ProcessTrace::child_started(std::int64_t pid, std::string_view name) {
  const auto p = static_cast<trace::ProcessId>(pid);
  recorder_.name_process(p, name.empty() ? std::string_view("Process") : name);
  recorder_.process_writer(p).process_start(driver_.trace_time());
  std::lock_guard<std::mutex> lock(mu_);
  children_.push_back(p);
}

void ProcessTrace::forked(std::int64_t pid) {
  // Only the forking thread exists here: no lock is contended.
  since_ = driver_.trace_time();
  pid_ = static_cast<trace::ProcessId>(pid);
  children_.clear();
}

void ProcessTrace::named(std::string_view name) {
  recorder_.name_process(pid_, name);
  std::lock_guard<std::mutex> lock(mu_);
  name_ = std::string(name);
}

void ProcessTrace::exiting(int status) {
  (void)status;  // the parent records the exit code it sees
  if (!host_.traced_child()) return;
  finish();
  host_.hand_trace_to_parent(pack(recorder_.merge()));
}

void ProcessTrace::finish() {
  const std::int64_t origin = driver_.trace_origin_ns();
  for (const ipc::ProcessHost::ChildTrace& child : host_.take_child_traces()) {
    if (!child.trace.empty()) merge_child(child.trace);
    recorder_.process_writer(static_cast<trace::ProcessId>(child.pid))
        .process_end(child.end_ns - origin, child.exitcode);
  }
}

std::string ProcessTrace::pack(const trace::Trace& merged) const {
  std::vector<trace::ProcessId> children;
  std::string name;
  {
    std::lock_guard<std::mutex> lock(mu_);
    children = children_;
    name = name_;
  }
  auto own = [&](const trace::Event& e) {
    return e.pid == recorded_as_ && e.time >= since_ && e.kind != trace::Kind::ProcessStart &&
           e.kind != trace::Kind::ProcessEnd;
  };
  auto child = [&](trace::ProcessId p) {
    return std::find(children.begin(), children.end(), p) != children.end();
  };
  std::string out;
  const std::int64_t origin = driver_.trace_origin_ns();
  out.append(reinterpret_cast<const char*>(&origin), 8);
  std::vector<const trace::ProcessInfo*> procs;
  for (const auto& p : merged.processes) {
    if (child(p.pid)) procs.push_back(&p);
  }
  put_u32(&out, static_cast<std::uint32_t>(procs.size() + 1));
  put_u32(&out, pid_);
  put_str(&out, name);
  for (const auto* p : procs) {
    put_u32(&out, p->pid);
    put_str(&out, p->name);
  }
  std::vector<const trace::ThreadInfo*> threads;
  for (const auto& th : merged.threads) {
    if (th.pid == recorded_as_ || child(th.pid)) threads.push_back(&th);
  }
  put_u32(&out, static_cast<std::uint32_t>(threads.size()));
  for (const auto* th : threads) {
    put_u32(&out, th->pid == recorded_as_ ? pid_ : th->pid);
    put_u32(&out, th->tid);
    put_str(&out, th->name);
  }
  std::string events;
  std::uint32_t count = 0;
  for (const trace::Event& e : merged.events) {
    if (!own(e) && !child(e.pid)) continue;
    trace::Event copy = e;
    if (copy.pid == recorded_as_) copy.pid = pid_;
    copy.text = 0;
    events.append(reinterpret_cast<const char*>(&copy), sizeof copy);
    put_str(&events, merged.text(e.text));
    ++count;
  }
  put_u32(&out, count);
  out.append(events);
  // The memory view's globals: this process's own (when it could take them), then those its
  // children handed it, each bounded by snapshot_globals.
  std::vector<ChildGlobals> globals = child_globals_;
  if (exit_globals_) globals.insert(globals.begin(), ChildGlobals{pid_, exit_globals_()});
  put_u32(&out, static_cast<std::uint32_t>(globals.size()));
  for (const ChildGlobals& g : globals) {
    put_u32(&out, g.process);
    put_u32(&out, static_cast<std::uint32_t>(g.globals.size()));
    for (const auto& [global, value] : g.globals) {
      put_str(&out, global);
      put_str(&out, value);
    }
  }
  return out;
}

void ProcessTrace::merge_child(const std::string& packed) {
  Unpacker in(packed);
  std::int64_t child_origin;
  if (!in.raw(&child_origin, 8)) return;
  const trace::Time shift = child_origin - driver_.trace_origin_ns();
  std::uint32_t n;
  if (!in.u32(&n)) return;
  for (std::uint32_t i = 0; i < n; ++i) {
    std::uint32_t pid;
    std::string_view name;
    if (!in.u32(&pid) || !in.str(&name)) return;
    recorder_.name_process(pid, name);
  }
  struct Named {
    trace::ProcessId pid;
    trace::ThreadId tid;
    std::string_view name;
  };
  std::vector<Named> names;
  if (!in.u32(&n)) return;
  for (std::uint32_t i = 0; i < n; ++i) {
    Named t;
    if (!in.u32(&t.pid) || !in.u32(&t.tid) || !in.str(&t.name)) return;
    names.push_back(t);
  }
  auto name_of = [&](trace::ProcessId pid, trace::ThreadId tid) {
    for (const Named& t : names) {
      if (t.pid == pid && t.tid == tid) return t.name;
    }
    return std::string_view("Thread");
  };
  if (!in.u32(&n)) return;
  for (std::uint32_t i = 0; i < n; ++i) {
    trace::Event e;
    std::string_view text;
    if (!in.raw(&e, sizeof e) || !in.str(&text)) return;
    if (e.kind >= trace::Kind::kCount || e.reason >= trace::WaitReason::kCount) return;
    e.time += shift;
    recorder_.writer(e.pid, e.tid, name_of(e.pid, e.tid)).record(e, text);
  }
  // The globals section (absent when the child could not take its globals); a process whose
  // section is cut short is left out, and nothing past the bounds a child packs is taken.
  if (!in.u32(&n)) return;
  for (std::uint32_t i = 0; i < n && i < 1024; ++i) {
    ChildGlobals g;
    std::uint32_t count;
    if (!in.u32(&g.process) || !in.u32(&count) || count > kGlobalsCountMax) return;
    for (std::uint32_t k = 0; k < count; ++k) {
      std::string_view name, value;
      if (!in.str(&name) || !in.str(&value)) return;
      if (name.size() > kGlobalNameMax || value.size() > kGlobalReprMax) return;
      g.globals.emplace_back(std::string(name), std::string(value));
    }
    child_globals_.push_back(std::move(g));
  }
}

}  // namespace interleave::run
