// libFuzzer entry point for the heap snapshot reader (ipc/heap_snapshot.h). A valid snapshot of a
// fixed program (every object kind: closures sharing a cell, classes with super(), cycles, locks,
// library objects by name) is taken once; each input edits it: its first two bytes truncate it when
// the first is odd, then every three bytes set one byte (offset, value). So from the first input
// the fuzzer is deep in the records, not stuck at the magic. Each edited snapshot is restored in a
// fresh interpreter of the program: it must restore or raise, never crash (ASan + UBSan).
// Single-threaded.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ipc/heap_snapshot.h"
#include "run/coop_driver.h"
#include "vm/dict.h"
#include "vm/runtime.h"

namespace {

using namespace interleave;

constexpr std::string_view kProgram = R"PY(
import threading
import _snap

def counter():
    n = 0
    def inc(step=1, *, by=None):
        nonlocal n
        n += step
        return n
    def get():
        return n
    return inc, get

class Base:
    def __init__(self, v):
        self.v = v
    @property
    def twice(self):
        return self.v * 2
    @staticmethod
    def st(a):
        return a

class Derived(Base):
    def __init__(self, v):
        super().__init__(v)
        self.me = self

class Key:
    def __hash__(self):
        return 7
    def __eq__(self, other):
        return isinstance(other, Key)

inc, get = counter()
loop = [1, 2.5, 'text', (3, None), {4, 5}, range(3), slice(1, 2)]
loop.append(loop)
table = {'a': Derived(1), Key(): [inc, get], 2 ** 62: Exception('x', 1)}
lock = threading.Lock()
lock.acquire()
cond = threading.Condition()
keys = table.keys()
method = Derived(2).st
if __name__ == '__main__':
    _snap.take(inc, get, lambda q: q, len, str.upper, loop.append, threading)
)PY";

std::string g_snapshot;
std::string g_input;

vm::Value take(vm::Thread& t, const vm::Value* args, int nargs, vm::Tuple* kwnames) {
  (void)kwnames;
  std::vector<vm::Value> roots(args, args + nargs);
  if (!ipc::write_heap_snapshot(t, {kProgram, "prog.py"}, roots, &g_snapshot)) return vm::Value();
  return t.interp().none;
}

vm::Value restore(vm::Thread& t, const vm::Value* args, int nargs, vm::Tuple* kwnames) {
  (void)args;
  (void)nargs;
  (void)kwnames;
  ipc::RestoredHeap heap;
  if (!ipc::restore_heap_snapshot(t, {kProgram, "prog.py"}, g_input, &heap)) return vm::Value();
  return t.interp().none;
}

vm::Module* init_snap(vm::Thread& t) {
  vm::Module* m = vm::make_module(t, "_snap");
  vm::dict_set_str(t, m->dict, t.interp().intern("take"),
                   vm::Value::object(vm::make_builtin(t, "take", take)));
  vm::dict_set_str(t, m->dict, t.interp().intern("restore"),
                   vm::Value::object(vm::make_builtin(t, "restore", restore)));
  return m;
}

int run_program(std::string_view source) {
  run::Options options;
  options.timeout = 10;
  run::CoopDriver driver(options, [](int, std::string_view) {});
  vm::Interpreter interp(driver, vm::Config{});
  interp.module_inits["_snap"] = init_snap;
  std::string error;
  vm::Thread* main = interp.load_main(source, "prog.py", &error);
  return main == nullptr ? -1 : driver.run(*main);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (g_snapshot.empty() && (run_program(kProgram) != 0 || g_snapshot.empty())) __builtin_trap();
  g_input = g_snapshot;
  if (size >= 2 && (data[0] & 1) != 0) {  // odd first byte: truncate
    const std::size_t length = (static_cast<std::size_t>(data[0] >> 1) << 8) | data[1];
    g_input.resize(length % (g_input.size() + 1));
  }
  for (std::size_t i = 2; i + 3 <= size && !g_input.empty(); i += 3) {
    const std::size_t at =
        ((static_cast<std::size_t>(data[i]) << 8) | data[i + 1]) % g_input.size();
    g_input[at] = static_cast<char>(data[i + 2]);
  }
  run_program("import _snap\ntry:\n    _snap.restore()\nexcept Exception:\n    pass\n");
  return 0;
}
