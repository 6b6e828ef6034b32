// The recorder (recorder.h): chunk and budget management, and the k-way merge of the writers'
// sequences into one Trace. Chunks double from kFirstChunk to kMaxChunk events so that a run with
// hundreds of short-lived threads does not reserve megabytes per thread, and a long run takes
// the lock only once per kMaxChunk events per thread.
// Thread-safety: grant_chunk/writer/name_process/set_cores under mutex_; see recorder.h.
#include "trace/recorder.h"

#include <algorithm>
#include <queue>

namespace interleave::trace {

namespace {
constexpr std::uint32_t kFirstChunk = 256;
constexpr std::uint32_t kMaxChunk = 16384;
constexpr StringId kUnmapped = 0xFFFFFFFFu;
}  // namespace

// --- Writer ---------------------------------------------------------------------------------

Writer::Writer(Recorder& recorder, ProcessId pid, ThreadId tid, std::string name)
    : recorder_(recorder), pid_(pid), tid_(tid), name_(std::move(name)) {}

void Writer::set_name(std::string_view name) {
  std::lock_guard<std::mutex> lock(recorder_.mutex_);  // merge() reads names
  name_ = std::string(name);
}

std::uint64_t Writer::stored() const {
  std::uint64_t n = 0;
  for (std::size_t i = 0; i + 1 < chunks_.size(); ++i) n += chunks_[i].size;
  return n + size_;
}

void Writer::append_slow(const Event& e) {
  if (storing_) {
    const std::uint32_t wanted =
        chunks_.empty() ? kFirstChunk : std::min<std::uint32_t>(capacity_ * 2, kMaxChunk);
    const std::uint32_t got = recorder_.grant_chunk(wanted);
    if (got > 0) {
      if (!chunks_.empty()) chunks_.back().size = size_;
      Chunk chunk;
      chunk.events = std::make_unique<Event[]>(got);
      chunk.capacity = got;
      current_ = chunk.events.get();
      capacity_ = got;
      size_ = 0;
      chunks_.push_back(std::move(chunk));
      current_[size_++] = e;
      return;
    }
    storing_ = false;
    first_dropped_ = e.time;
  }
  ++dropped_;
}

bool Writer::reserve_text(Time t, std::size_t bytes) {
  if (!storing_) return false;
  const std::uint64_t before = recorder_.text_bytes_.fetch_add(bytes, std::memory_order_relaxed);
  if (before + bytes <= recorder_.options_.max_text_bytes) return true;
  storing_ = false;
  first_dropped_ = std::max(t, last_time_);
  return false;
}

StringId Writer::intern(Time t, std::string_view text) {
  if (text.empty() || !storing_) return 0;
  std::string key(text);
  auto it = interned_.find(key);
  if (it != interned_.end()) return it->second;
  if (!reserve_text(t, text.size())) return 0;
  const auto id = static_cast<StringId>(strings_.size());
  strings_.push_back(key);
  interned_.emplace(std::move(key), id);
  return id;
}

StringId Writer::add_string(Time t, std::string_view text) {
  if (text.empty() || !storing_ || !reserve_text(t, text.size())) return 0;
  strings_.emplace_back(text);
  return static_cast<StringId>(strings_.size() - 1);
}

void Writer::output(Time t, int fd, std::string_view text) {
  Event e = make(t, Kind::Output);
  e.value = static_cast<std::uint64_t>(static_cast<std::int64_t>(fd));
  e.text = add_string(t, text);
  append(e, text.size());
}

Event Writer::make_message(Time t, Kind kind, std::uint64_t flow, std::uint64_t bytes,
                           ProcessId pid, ThreadId tid, std::string_view channel) {
  Event e = make(t, kind);
  e.value = flow;
  e.bytes = bytes;
  e.other_pid = pid;
  e.other_tid = tid;
  e.text = intern(t, channel);
  return e;
}

void Writer::record(Event event, std::string_view text) {
  event.pid = pid_;
  event.tid = tid_;
  event.text = event.kind == Kind::Output ? add_string(event.time, text) : intern(event.time, text);
  append(event, event.kind == Kind::Output ? text.size() : 0);
}

// --- Recorder -------------------------------------------------------------------------------

Recorder::Recorder(RecorderOptions options) : options_(options) {}
Recorder::~Recorder() = default;

Writer& Recorder::writer(ProcessId pid, ThreadId tid, std::string_view name) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto& slot = writers_[{pid, tid}];
  if (!slot) slot.reset(new Writer(*this, pid, tid, std::string(name)));
  return *slot;
}

void Recorder::name_process(ProcessId pid, std::string_view name) {
  std::lock_guard<std::mutex> lock(mutex_);
  processes_[pid] = std::string(name);
}

void Recorder::set_cores(std::uint32_t cores) {
  std::lock_guard<std::mutex> lock(mutex_);
  cores_ = cores;
}

std::uint32_t Recorder::grant_chunk(std::uint32_t wanted) {
  std::lock_guard<std::mutex> lock(mutex_);
  const std::uint64_t left = options_.max_events - std::min(granted_, options_.max_events);
  const auto got = static_cast<std::uint32_t>(std::min<std::uint64_t>(wanted, left));
  granted_ += got;
  return got;
}

std::uint64_t Recorder::stored_events() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::uint64_t n = 0;
  for (const auto& [key, w] : writers_) n += w->stored();
  return n;
}

Trace Recorder::merge() const {
  std::lock_guard<std::mutex> lock(mutex_);
  Trace trace;
  trace.clock = options_.clock;
  trace.cores = cores_;

  std::vector<const Writer*> writers;  // in (pid, tid) order: the merge's tie-break
  std::map<ProcessId, std::string> names = processes_;
  bool any = false;
  for (const auto& [key, w] : writers_) {
    writers.push_back(w.get());
    names.emplace(key.first, std::string());
    trace.threads.push_back({w->pid_, w->tid_, w->name_, w->tally_.totals()});
    const ThreadTotals& t = w->tally_.totals();
    if (t.events > 0) {
      trace.begin = any ? std::min(trace.begin, t.first) : t.first;
      trace.end = any ? std::max(trace.end, t.last) : t.last;
      any = true;
    }
    trace.dropped_events += w->dropped_;
    if (!w->storing_) {
      trace.detail_end =
          trace.truncated ? std::min(trace.detail_end, w->first_dropped_) : w->first_dropped_;
      trace.truncated = true;
    }
  }
  for (auto& [pid, name] : names) trace.processes.push_back({pid, name});

  // Per-writer cursors over the chunks; the heap orders heads by (time, writer index).
  struct Cursor {
    std::size_t chunk = 0;
    std::uint32_t index = 0;
  };
  std::vector<Cursor> cursors(writers.size());
  auto chunk_size = [&](std::size_t w, std::size_t c) -> std::uint32_t {
    const Writer& wr = *writers[w];
    return c + 1 == wr.chunks_.size() ? wr.size_ : wr.chunks_[c].size;
  };
  auto head = [&](std::size_t w) -> const Event* {
    const Cursor& cur = cursors[w];
    const Writer& wr = *writers[w];
    if (cur.chunk >= wr.chunks_.size() || cur.index >= chunk_size(w, cur.chunk)) return nullptr;
    return &wr.chunks_[cur.chunk].events[cur.index];
  };
  using Key = std::pair<Time, std::size_t>;
  std::priority_queue<Key, std::vector<Key>, std::greater<Key>> heap;
  std::uint64_t total = 0;
  for (std::size_t w = 0; w < writers.size(); ++w) {
    total += writers[w]->stored();
    if (const Event* e = head(w)) heap.push({e->time, w});
  }
  trace.events.reserve(total);

  std::vector<std::vector<StringId>> remap(writers.size());
  for (std::size_t w = 0; w < writers.size(); ++w)
    remap[w].assign(writers[w]->strings_.size(), kUnmapped);
  std::unordered_map<std::string, StringId> global;
  global.emplace(std::string(), 0);

  while (!heap.empty()) {
    const std::size_t w = heap.top().second;
    heap.pop();
    Event e = *head(w);
    Cursor& cur = cursors[w];
    if (++cur.index >= chunk_size(w, cur.chunk)) {
      ++cur.chunk;
      cur.index = 0;
    }
    if (const Event* next = head(w)) heap.push({next->time, w});
    if (trace.truncated && e.time >= trace.detail_end) {
      ++trace.dropped_events;
      continue;
    }
    StringId& id = remap[w][e.text];
    if (id == kUnmapped) {
      const std::string& text = writers[w]->strings_[e.text];
      auto [it, inserted] = global.emplace(text, static_cast<StringId>(trace.strings.size()));
      if (inserted) trace.strings.push_back(text);
      id = it->second;
    }
    e.text = id;
    trace.events.push_back(e);
  }
  return trace;
}

}  // namespace interleave::trace
