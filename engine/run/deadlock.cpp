// Deadlock rules and report text (see deadlock.h). The wording is part of the CLI's stderr
// contract: tests compare it byte for byte. Pure functions; any thread.
#include "run/deadlock.h"

#include <utility>

namespace interleave::run {

std::string_view to_string(vm::WaitKind kind) {
  switch (kind) {
    case vm::WaitKind::Lock:
      return "Lock";
    case vm::WaitKind::RLock:
      return "RLock";
    case vm::WaitKind::Condition:
      return "Condition";
    case vm::WaitKind::Semaphore:
      return "Semaphore";
    case vm::WaitKind::Event:
      return "Event";
    case vm::WaitKind::Barrier:
      return "Barrier";
    case vm::WaitKind::Queue:
      return "Queue";
    case vm::WaitKind::Join:
      return "join";
    case vm::WaitKind::Sleep:
      return "sleep";
    case vm::WaitKind::Io:
      return "I/O";
    case vm::WaitKind::Process:
      return "process";
    case vm::WaitKind::Pipe:
      return "pipe";
  }
  return "?";
}

bool can_wake_by_itself(const vm::Wait& wait) {
  if (wait.deadline_ns >= 0) return true;
  switch (wait.kind) {
    case vm::WaitKind::Sleep:
    case vm::WaitKind::Io:
    case vm::WaitKind::Process:
    case vm::WaitKind::Pipe:
      return true;
    default:
      return false;
  }
}

StuckThread describe_stuck(std::string name, const vm::Wait& wait) {
  StuckThread t;
  t.name = std::move(name);
  t.what = wait.what.empty() ? std::string(to_string(wait.kind)) : wait.what;
  if (wait.holder != nullptr) t.holder = wait.holder->name();
  return t;
}

std::string format_deadlock_report(const std::vector<StuckThread>& threads) {
  std::string out(kDeadlockHeadline);
  out += '\n';
  for (const StuckThread& t : threads) {
    out += "  ";
    out += t.name;
    out += " waits for ";
    out += t.what;
    if (!t.holder.empty()) {
      out += ", held by ";
      out += t.holder;
    }
    out += '\n';
  }
  return out;
}

}  // namespace interleave::run
