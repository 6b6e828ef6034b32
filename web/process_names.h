// The ipc::Tracer of a process the cooperative driver runs in the page (the st build's program,
// and every child process worker): it keeps multiprocessing's names for the process's host (its
// own, "Process-1", and those of the children it starts), which the run worker puts on the lanes
// of the merged trace (docs/processes.md, "Processes in the browser"), and records its messages in
// the cooperative run whose turn sends or receives them (run::CoopDriver::running_here(); nothing
// when the run is not recorded). The mt program's real driver has run/process_trace.h's tracer
// instead. Installs itself for its life; one per Wasm instance.
// Thread-safety: the Tracer methods on the run's Python threads (one OS thread in st); the host
// locks what it keeps.
#pragma once

#include <cstdint>
#include <string_view>

#include "ipc/tracer.h"
#include "run/coop_driver.h"
#include "web_process_host.h"

namespace interleave::web {

class ProcessNames final : public ipc::Tracer {
 public:
  explicit ProcessNames(WebProcessHost& host) : host_(host) { ipc::set_tracer(this); }
  ~ProcessNames() override { ipc::set_tracer(nullptr); }
  ProcessNames(const ProcessNames&) = delete;
  ProcessNames& operator=(const ProcessNames&) = delete;

  void sent(std::uint64_t flow, std::uint64_t bytes, std::string_view channel) override {
    if (run::CoopDriver* coop = run::CoopDriver::running_here()) {
      coop->message_sent(flow, bytes, channel);
    }
  }
  void received(std::uint64_t flow, std::uint64_t bytes, std::string_view channel) override {
    if (run::CoopDriver* coop = run::CoopDriver::running_here()) {
      coop->message_received(flow, bytes, channel);
    }
  }
  void child_started(std::int64_t pid, std::string_view name) override {
    host_.note_child_name(pid, name);
  }
  void forked(std::int64_t) override {}  // the page forks by snapshot: a new process worker
  void named(std::string_view name) override { host_.note_name(name); }
  void exiting(int) override {}

 private:
  WebProcessHost& host_;
};

}  // namespace interleave::web
