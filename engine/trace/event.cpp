// Names of the trace model's enums and the wait-reason -> summary-bucket mapping (event.h).
// Names are part of the exported format: change them only together with docs/trace.md.
// Pure functions: any thread.
#include "trace/event.h"

#include <array>
#include <cstdint>
#include <string>

namespace interleave::trace {

namespace {

constexpr std::array<std::string_view, static_cast<std::size_t>(Kind::kCount)> kKindNames = {
    "process_start",     "process_end", "thread_start", "thread_end", "run_begin",
    "run_end",           "gil_request", "gil_take",     "gil_drop",   "gil_drop_request",
    "gil_forced_switch", "block_begin", "block_end",    "wake",       "message_send",
    "message_receive",   "output",      "counter",
};

constexpr std::array<std::string_view, static_cast<std::size_t>(WaitReason::kCount)> kReasonNames =
    {"lock",  "rlock", "condition", "semaphore", "event", "barrier", "queue", "join",
     "sleep", "io",    "process",   "pipe",      "gil",   "message", "other"};

constexpr std::array<std::string_view, static_cast<std::size_t>(WaitBucket::kCount)> kBucketNames =
    {"gil", "lock", "queue", "join", "sleep", "io", "message", "other"};

}  // namespace

std::string_view kind_name(Kind kind) {
  const auto i = static_cast<std::size_t>(kind);
  return i < kKindNames.size() ? kKindNames[i] : std::string_view("unknown");
}

std::string_view reason_name(WaitReason reason) {
  const auto i = static_cast<std::size_t>(reason);
  return i < kReasonNames.size() ? kReasonNames[i] : std::string_view("other");
}

std::string_view bucket_name(WaitBucket bucket) {
  const auto i = static_cast<std::size_t>(bucket);
  return i < kBucketNames.size() ? kBucketNames[i] : std::string_view("other");
}

WaitBucket wait_bucket(WaitReason reason) {
  switch (reason) {
    case WaitReason::Lock:
    case WaitReason::RLock:
    case WaitReason::Condition:
    case WaitReason::Semaphore:
    case WaitReason::Event:
    case WaitReason::Barrier:
      return WaitBucket::Lock;
    case WaitReason::Queue:
      return WaitBucket::Queue;
    case WaitReason::Join:
    case WaitReason::Process:
      return WaitBucket::Join;
    case WaitReason::Sleep:
      return WaitBucket::Sleep;
    case WaitReason::Io:
      return WaitBucket::Io;
    case WaitReason::Pipe:
    case WaitReason::Message:
      return WaitBucket::Message;
    case WaitReason::Gil:
      return WaitBucket::Gil;
    case WaitReason::Other:
    case WaitReason::kCount:
      break;
  }
  return WaitBucket::Other;
}

std::string_view signal_name(std::int64_t signal) {
  constexpr std::array<std::string_view, 16> kNames = {
      "",        "SIGHUP",  "SIGINT",  "SIGQUIT", "SIGILL",  "SIGTRAP", "SIGABRT", "SIGBUS",
      "SIGFPE",  "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM"};
  return signal > 0 && signal < static_cast<std::int64_t>(kNames.size())
             ? kNames[static_cast<std::size_t>(signal)]
             : std::string_view();
}

std::string exit_text(std::int64_t status) {
  std::string text = "exited with " + std::to_string(status);
  if (status < 0 && status != INT64_MIN) {
    const std::string_view name = signal_name(-status);
    if (!name.empty()) text += " (" + std::string(name) + ")";
  }
  return text;
}

}  // namespace interleave::trace
