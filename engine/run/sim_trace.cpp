// SimEvent -> trace::Writer (see sim_trace.h). Only the mapping lives here; the recorder bounds
// memory and orders the merge. One OS thread.
#include "run/sim_trace.h"

#include <memory>
#include <utility>

namespace interleave::run::sim {

static_assert(static_cast<int>(trace::WaitReason::Pipe) == static_cast<int>(vm::WaitKind::Pipe),
              "trace::WaitReason mirrors vm::WaitKind up to Pipe");

TraceSink::TraceSink(trace::Recorder& recorder, const SimDriver& driver, std::string process_name)
    : recorder_(recorder), driver_(driver) {
  recorder_.name_process(0, process_name);
  recorder_.set_cores(static_cast<std::uint32_t>(driver.settings().cores));
}

trace::Writer& TraceSink::writer(int thread, int process) {
  const auto pid = static_cast<trace::ProcessId>(process);
  if (thread < 0) return recorder_.process_writer(pid);
  const auto i = static_cast<std::size_t>(thread);
  if (writers_.size() <= i) writers_.resize(i + 1, nullptr);
  if (writers_[i] == nullptr) {
    writers_[i] =
        &recorder_.writer(pid, static_cast<trace::ThreadId>(thread), driver_.thread_name(thread));
  }
  return *writers_[i];
}

void TraceSink::record(const SimEvent& e) {
  const auto p = static_cast<std::size_t>(e.process);
  if (started_.size() <= p) started_.resize(p + 1, false);
  if (!started_[p]) {
    started_[p] = true;
    if (p > 0) recorder_.name_process(static_cast<trace::ProcessId>(p), driver_.process_name(e.process));
    recorder_.process_writer(static_cast<trace::ProcessId>(p)).process_start(e.time);
  }
  trace::Writer& w = writer(e.thread, e.process);
  const auto other = e.other >= 0 ? static_cast<trace::ThreadId>(e.other) : trace::kNoThread;
  switch (e.kind) {
    case EventKind::ThreadStart:
      w.thread_start(e.time, other);
      break;
    case EventKind::ThreadEnd:
      w.thread_end(e.time);
      break;
    case EventKind::ProcessEnd:
      recorder_.process_writer(static_cast<trace::ProcessId>(p)).process_end(e.time, e.other);
      break;
    case EventKind::RunBegin:
      w.run_begin(e.time, static_cast<std::uint16_t>(e.core));
      break;
    case EventKind::RunEnd:
      w.run_end(e.time);
      break;
    case EventKind::Preempt:
      break;  // the RunEnd that follows says it; the summary counts preemptions separately
    case EventKind::GilMutexWait:
      break;  // the RunEnd that follows says it (the thread sleeps off its core)
    case EventKind::GilRequest:
      w.gil_request(e.time);
      break;
    case EventKind::GilTake:
      w.gil_take(e.time, other);
      break;
    case EventKind::GilDrop:
      w.gil_drop(e.time);
      break;
    case EventKind::DropRequest:
      w.drop_request(e.time, other);
      break;
    case EventKind::ForcedSwitch:
      w.forced_switch(e.time);
      break;
    case EventKind::BlockBegin:
      w.block_begin(e.time, static_cast<trace::WaitReason>(e.reason), e.text, other);
      break;
    case EventKind::BlockEnd:
      w.block_end(e.time);
      break;
    case EventKind::Wake:
      w.wake(e.time, 0, other);
      break;
    case EventKind::Output:
      w.output(e.time, e.other, e.text);
      break;
    case EventKind::MessageSend:
      w.message_send(e.time, e.flow, e.bytes);
      break;
    case EventKind::MessageReceive:
      w.message_receive(e.time, e.flow, e.bytes, static_cast<trace::ProcessId>(e.other));
      break;
  }
}

void TraceSink::finish(std::int64_t time, int status) {
  recorder_.process_writer(0).process_end(time, status);
}

std::unique_ptr<TraceSink> record_into(trace::Recorder& recorder, SimDriver& driver,
                                       EventSink also) {
  auto sink = std::make_unique<TraceSink>(recorder, driver);
  TraceSink* raw = sink.get();
  driver.set_event_sink([raw, also = std::move(also)](const SimEvent& e) {
    raw->record(e);
    if (also) also(e);
  });
  return sink;
}

}  // namespace interleave::run::sim
