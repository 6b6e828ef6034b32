// The process-wide default ProcessHost (set once by native main before any run).
#include "ipc/process_host.h"

#include <atomic>

#include "ipc/shared_word.h"

namespace interleave::ipc {

namespace {
std::atomic<ProcessHost*> g_default{nullptr};
}

ProcessHost* default_process_host() {
  return g_default.load();
}
void set_default_process_host(ProcessHost* host) {
  g_default.store(host);
}

ProcessHost::Word ProcessHost::shm_word(const void* caller, int fd, std::size_t offset, WordOp op,
                                        std::int64_t arg, std::int64_t* result,
                                        const void** wait_object) {
  (void)caller;
  (void)wait_object;
  auto* base = static_cast<char*>(shm_map(fd));
  if (base == nullptr) return Word::Unmapped;
  SharedWord w(*reinterpret_cast<std::int64_t*>(base + offset));
  std::int64_t v = 0;
  switch (op) {
    case WordOp::Load:
      *result = w.load();
      break;
    case WordOp::Store:
      w.store(arg);
      break;
    case WordOp::Add:
      *result = w.fetch_add(arg) + arg;
      break;
    case WordOp::TakeIfPositive:
      *result = 0;
      v = w.load();
      while (v > 0) {
        if (w.compare_exchange_weak(v, v - 1)) {
          *result = 1;
          break;
        }
      }
      break;
    case WordOp::GiveBelow:
      *result = 0;
      v = w.load();
      while (v < arg) {
        if (w.compare_exchange_weak(v, v + 1)) {
          *result = 1;
          break;
        }
      }
      break;
  }
  return Word::Done;
}

}  // namespace interleave::ipc
