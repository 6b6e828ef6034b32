// Deadlock reports: which blocked waits can still end, and the text printed when none can.
// The driver decides *when* every thread is stuck (under its own mutex, see real_driver.cpp);
// this file only holds the rules and the wording, so that they are tested without threads.
// Thread-safety: pure functions over values; any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "vm/driver.h"

namespace interleave::run {

inline constexpr std::string_view kDeadlockHeadline =
    "Deadlock: every thread is blocked and none can wake.";

std::string_view to_string(vm::WaitKind kind);  // "Lock", "RLock", "Queue", "join", ...

// A wait can end by itself when it has a deadline, or when something outside this interpreter can
// notify it (I/O, another process, a pipe): such waits never make a deadlock.
bool can_wake_by_itself(const vm::Wait& wait);

// One line of the report, read while every thread is blocked (so Wait and holders are stable).
struct StuckThread {
  std::string name;    // ThreadHandle::name()
  std::string what;    // Wait::what, or a description of the kind when the VM left it empty
  std::string holder;  // Wait::holder->name(); empty when unknown
};

StuckThread describe_stuck(std::string name, const vm::Wait& wait);

// "Deadlock: every thread is blocked and none can wake.\n" then one line per thread:
// "  MainThread waits for Lock 0x55d0c1a2 (acquire), held by MainThread\n".
std::string format_deadlock_report(const std::vector<StuckThread>& threads);

}  // namespace interleave::run
