// The cooperative run's recorder (run/coop_trace.h): one GIL on one core, turns as GIL hand-offs.
#include "run/coop_trace.h"

namespace interleave::run {

static_assert(static_cast<int>(trace::WaitReason::Pipe) == static_cast<int>(vm::WaitKind::Pipe));

CoopTrace::CoopTrace(trace::Recorder& recorder, trace::ProcessId pid,
                     std::string_view process_name, std::int64_t origin_ns)
    : recorder_(recorder), pid_(pid), origin_ns_(origin_ns) {
  recorder_.name_process(pid_, process_name);
  recorder_.process_writer(pid_).process_start(0);
}

trace::ThreadId CoopTrace::add_thread(const vm::ThreadHandle& handle, trace::ThreadId parent,
                                      std::int64_t now_ns) {
  const auto tid = static_cast<trace::ThreadId>(lanes_.size());
  Lane lane;
  lane.w = &recorder_.writer(pid_, tid, handle.name());
  lane.handle = &handle;
  lanes_.push_back(lane);
  const trace::Time t = at(now_ns);
  lane.w->thread_start(t, parent);
  lane.w->gil_request(t);
  return tid;
}

trace::ThreadId CoopTrace::tid_of(const vm::ThreadHandle* handle) const {
  if (handle == nullptr) return trace::kNoThread;
  for (std::size_t i = 0; i < lanes_.size(); ++i) {
    if (lanes_[i].handle == handle) return static_cast<trace::ThreadId>(i);
  }
  return trace::kNoThread;
}

void CoopTrace::drop_gil(trace::ThreadId tid, trace::Time t) {
  if (holder_ != tid) return;
  lanes_[tid].w->gil_drop(t);
  last_holder_ = tid;
  holder_ = trace::kNoThread;
}

void CoopTrace::turn_begin(trace::ThreadId tid, std::int64_t now_ns) {
  if (tid >= lanes_.size()) return;
  const trace::Time t = at(now_ns);
  if (holder_ != tid) {
    if (holder_ != trace::kNoThread) {
      // The holder's turn ended by the budget and it is still runnable: it yields and waits.
      const trace::ThreadId previous = holder_;
      drop_gil(previous, t);
      lanes_[previous].w->gil_request(t);
    }
    lanes_[tid].w->gil_take(t, last_holder_);
    holder_ = tid;
  }
  lanes_[tid].w->run_begin(t);
  lanes_[tid].running = true;
}

void CoopTrace::turn_end(trace::ThreadId tid, vm::Stop why, const vm::Wait& wait,
                         std::int64_t now_ns) {
  if (tid >= lanes_.size()) return;
  Lane& lane = lanes_[tid];
  const trace::Time t = at(now_ns);
  lane.w->run_end(t);
  lane.running = false;
  switch (why) {
    case vm::Stop::Budget:
    case vm::Stop::Exited:  // end() follows
      break;
    case vm::Stop::Blocked:
      lane.w->block_begin(t, static_cast<trace::WaitReason>(wait.kind), wait.what,
                          tid_of(wait.holder));
      lane.blocked = true;
      drop_gil(tid, t);
      break;
    case vm::Stop::Finished:
      drop_gil(tid, t);
      lane.w->set_name(lane.handle->name());  // threading lets a thread rename itself
      lane.w->thread_end(t);
      lane.ended = true;
      break;
  }
}

void CoopTrace::unblocked(trace::ThreadId tid, trace::ThreadId by, std::int64_t now_ns) {
  if (tid >= lanes_.size() || !lanes_[tid].blocked) return;
  const trace::Time t = at(now_ns);
  Lane& lane = lanes_[tid];
  lane.blocked = false;
  if (by < lanes_.size() && by != tid) lanes_[by].w->wake(t, pid_, tid);
  lane.w->block_end(t);
  lane.w->gil_request(t);
}

void CoopTrace::output(trace::ThreadId tid, int fd, std::string_view text, std::int64_t now_ns) {
  trace::Writer& w = tid < lanes_.size() && !lanes_[tid].ended ? *lanes_[tid].w
                                                               : recorder_.process_writer(pid_);
  w.output(at(now_ns), fd, text);
}

void CoopTrace::message_sent(trace::ThreadId tid, std::uint64_t flow, std::uint64_t bytes,
                             std::string_view channel, std::int64_t now_ns) {
  if (tid >= lanes_.size() || lanes_[tid].ended) return;
  lanes_[tid].w->message_send(at(now_ns), flow, bytes, trace::kNoProcess, trace::kNoThread,
                              channel);
}

void CoopTrace::message_received(trace::ThreadId tid, std::uint64_t flow, std::uint64_t bytes,
                                 std::string_view channel, std::int64_t now_ns) {
  if (tid >= lanes_.size() || lanes_[tid].ended) return;
  lanes_[tid].w->message_receive(at(now_ns), flow, bytes,
                                 static_cast<trace::ProcessId>(flow >> 32), trace::kNoThread,
                                 channel);
}

void CoopTrace::end(int status, std::int64_t now_ns) {
  const trace::Time t = at(now_ns);
  for (std::size_t i = 0; i < lanes_.size(); ++i) {
    Lane& lane = lanes_[i];
    if (lane.ended) continue;
    if (lane.running) lane.w->run_end(t);  // a turn ended by an exception (os._exit)
    if (lane.blocked) lane.w->block_end(t);
    drop_gil(static_cast<trace::ThreadId>(i), t);
    lane.w->set_name(lane.handle->name());
    lane.w->thread_end(t);
    lane.ended = true;
  }
  recorder_.process_writer(pid_).process_end(t, status);
}

}  // namespace interleave::run
