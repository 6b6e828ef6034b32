// The trace model: the plain-data events every driver records (simulated, real threads, workers)
// and that the UI, the exporters and the summary read. No dependency on the VM: wait reasons are
// mirrored here (WaitReason) and drivers convert. Times are nanoseconds given by the caller:
// virtual time in the simulator, a steady clock in real mode; the trace never reads a clock.
// Plain values: any thread. Numbering of Kind and WaitReason is part of the saved format: append.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace interleave::trace {

using Time = std::int64_t;        // nanoseconds
using ProcessId = std::uint32_t;  // chosen by the driver; unique within a trace
using ThreadId = std::uint32_t;   // chosen by the driver; unique within its process
using StringId = std::uint32_t;   // index into Trace::strings; 0 is the empty string

inline constexpr ThreadId kNoThread = 0xFFFFFFFFu;
inline constexpr ProcessId kNoProcess = 0xFFFFFFFFu;
// The tid of a process's own writer (process start/end, process-wide counters and output).
inline constexpr ThreadId kProcessLane = 0xFFFFFFFEu;
inline constexpr std::uint16_t kNoCore = 0xFFFFu;
// Real ids stay below these so the Chrome export can add pseudo-threads and a pseudo-process:
// the GIL track of a process is tid kGilTid, core lanes live in process kCoresPid (tid = core).
inline constexpr ThreadId kMaxThreadId = 999'999'999u;
inline constexpr ProcessId kMaxProcessId = 999'999'999u;
inline constexpr ThreadId kGilTid = 1'000'000'000u;
inline constexpr ProcessId kCoresPid = 1'000'000'000u;
// The Chrome export's track for a process's own life (its start, its end and exit code).
inline constexpr ThreadId kLifeTid = 1'000'000'001u;

// Why a thread waits. The first twelve mirror vm::WaitKind value for value (Lock .. Pipe), so a
// driver converts with static_cast<WaitReason>(kind) after a static_assert on kPipe; the rest have
// no VM counterpart: Gil (a driver recording GIL waits as blocks), Message (a receive in the
// worker driver), Other. Summary buckets (wait_bucket): Lock, RLock, Condition, Semaphore, Event,
// Barrier -> lock; Queue -> queue; Join, Process -> join; Sleep -> sleep; Io -> io;
// Pipe, Message -> message; Gil -> gil; Other -> other.
enum class WaitReason : std::uint8_t {
  Lock,
  RLock,
  Condition,
  Semaphore,
  Event,
  Barrier,
  Queue,
  Join,
  Sleep,
  Io,
  Process,
  Pipe,
  Gil,
  Message,
  Other,
  kCount
};

enum class Kind : std::uint8_t {
  ProcessStart,  // (process writer)
  ProcessEnd,    // value = exit status (int64 bit pattern: -15 for SIGTERM; exit_status())
  ThreadStart,   // other_tid = the thread that started it, if known
  ThreadEnd,
  RunBegin,  // the thread executes on `core` (kNoCore when unknown: real mode)
  RunEnd,
  GilRequest,  // starts waiting for its process's GIL
  GilTake,     // other_tid = previous holder (last_holder) if known
  GilDrop,
  GilDropRequest,   // a waiter set the eval breaker's drop request; other_tid = the holder
  GilForcedSwitch,  // the dropper waited until another thread took the GIL (FORCE_SWITCHING)
  BlockBegin,       // reason, text = object label, other_tid = holder (locks, joins) if known
  BlockEnd,
  Wake,         // this thread woke (other_pid, other_tid): a notify that ends its block
  MessageSend,  // value = flow id, bytes, other_pid/other_tid = receiver if known, text = channel
  MessageReceive,  // value = flow id, bytes, other_pid/other_tid = sender if known, text = channel
  Output,          // value = fd (1 stdout, 2 stderr), text = the chunk written
  Counter,         // text = counter name, value = the int64 value (bit pattern)
  kCount
};

// 48 bytes; trivially copyable so writers append it with a plain store.
struct Event {
  Time time = 0;
  ProcessId pid = 0;
  ThreadId tid = 0;
  Kind kind = Kind::Counter;
  WaitReason reason = WaitReason::Lock;
  std::uint16_t core = kNoCore;
  ThreadId other_tid = kNoThread;
  ProcessId other_pid = kNoProcess;
  StringId text = 0;
  std::uint64_t value = 0;
  std::uint64_t bytes = 0;

  std::int64_t counter_value() const { return static_cast<std::int64_t>(value); }
  std::int64_t exit_status() const { return static_cast<std::int64_t>(value); }
  // Kinds whose value is a signed number (saved and shown signed): ProcessEnd, Counter.
  bool signed_value() const { return kind == Kind::ProcessEnd || kind == Kind::Counter; }
  friend bool operator==(const Event&, const Event&) = default;
};

// Stable lower-case names, used in exports and the saved format's documentation.
std::string_view kind_name(Kind kind);
std::string_view reason_name(WaitReason reason);  // "lock", "rlock", ..., "gil", "message"
// A process's exit status as multiprocessing reports it: "exited with 0", "exited with 7",
// "exited with -15 (SIGTERM)" (negative: killed by that signal; Linux numbering).
std::string exit_text(std::int64_t status);
std::string_view signal_name(std::int64_t signal);  // "SIGTERM" for 15; "" when not known

// The summary's wait categories (see WaitReason for the mapping).
enum class WaitBucket : std::uint8_t { Gil, Lock, Queue, Join, Sleep, Io, Message, Other, kCount };
WaitBucket wait_bucket(WaitReason reason);
std::string_view bucket_name(WaitBucket bucket);  // "gil", "lock", "queue", ...

}  // namespace interleave::trace
