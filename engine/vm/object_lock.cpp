// ObjectLock's slow path and its per-OS-thread record of held locks (object.h). A contended lock
// spins briefly, then yields the CPU: its holder may have been preempted (more Python threads
// than cores), and it never holds a lock across a blocking call.
#include <thread>

#include "vm/object.h"

namespace interleave::vm {

thread_local Object* ObjectLock::held_[ObjectLock::kMaxHeld] = {};
thread_local int ObjectLock::held_count_ = 0;

void ObjectLock::acquire_slow(Object* o) {
  for (int spins = 0;; ++spins) {
    if (o->lock.load(std::memory_order_relaxed) == 0 &&
        o->lock.exchange(1, std::memory_order_acquire) == 0) {
      return;
    }
    if (spins >= 64) std::this_thread::yield();
  }
}

}  // namespace interleave::vm
