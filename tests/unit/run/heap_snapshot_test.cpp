// Heap snapshots (ipc/heap_snapshot.h) between two real interpreters of one program: a parent run
// takes a snapshot of its __main__ and some roots (native `_snap.take(*roots)`), a fresh
// interpreter of the same program restores it (`_snap.restore()`) and checks, in Python, what it
// got: every object kind, shared cells, cycles and identity, classes with super(), locks held at
// the fork. Then malformed input: every truncation and seeded byte flips must fail with
// "heap snapshot: ..." or restore, never crash (unit-asan runs this under ASan+UBSan).
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "ipc/heap_snapshot.h"
#include "run/coop_driver.h"
#include "vm/dict.h"
#include "vm/runtime.h"

namespace interleave::run {
namespace {

// One program at a time (tests run one after another on one thread).
std::string g_source;
std::string g_snapshot;
int g_fuzz_failed = 0, g_fuzz_restored = 0;

constexpr std::string_view kFile = "prog.py";

vm::Value snap_take(vm::Thread& t, const vm::Value* args, int nargs, vm::Tuple* kwnames) {
  (void)kwnames;
  std::vector<vm::Value> roots(args, args + nargs);
  g_snapshot.clear();
  if (!ipc::write_heap_snapshot(t, {g_source, kFile}, roots, &g_snapshot)) return vm::Value();
  return vm::make_int(t, static_cast<std::int64_t>(g_snapshot.size()));
}

vm::Value snap_restore(vm::Thread& t, const vm::Value* args, int nargs, vm::Tuple* kwnames) {
  (void)args;
  (void)nargs;
  (void)kwnames;
  ipc::RestoredHeap heap;
  if (!ipc::restore_heap_snapshot(t, {g_source, kFile}, g_snapshot, &heap)) return vm::Value();
  return vm::Value::object(
      vm::make_tuple(t, heap.roots.data(), static_cast<std::int64_t>(heap.roots.size())));
}

// Restores `bytes` as a snapshot of `source`: None when it restored, else the error's message.
vm::Value snap_error_of(vm::Thread& t, std::string_view bytes, std::string_view source) {
  ipc::RestoredHeap heap;
  if (ipc::restore_heap_snapshot(t, {source, kFile}, bytes, &heap)) return t.interp().none;
  vm::Value exc = t.take_exception();
  std::string text;
  if (!vm::str_into(t, exc, text)) t.take_exception();
  return vm::str_value(t, text);
}

// fuzz(n): every truncation of the snapshot, then n seeded corruptions (1-4 bytes each set to a
// pseudo-random value), each restored in this interpreter; counts failures and successes.
vm::Value snap_fuzz(vm::Thread& t, const vm::Value* args, int nargs, vm::Tuple* kwnames) {
  (void)kwnames;
  std::int64_t n = 0;
  if (nargs != 1 || !vm::to_index(t, args[0], &n)) return vm::Value();
  g_fuzz_failed = g_fuzz_restored = 0;
  auto once = [&](std::string_view bytes) {
    vm::Value r = snap_error_of(t, bytes, g_source);
    if (r == t.interp().none) {
      ++g_fuzz_restored;
      return true;
    }
    if (r.is_null() || !vm::is_str(r)) return false;
    if (vm::as_str(r)->view().empty()) ++g_fuzz_failed;  // a failure that names no cause
    return true;
  };
  for (std::size_t len = 0; len < g_snapshot.size(); ++len) {
    if (!once(std::string_view(g_snapshot).substr(0, len))) return vm::Value();
  }
  std::uint64_t seed = 0x9E3779B97F4A7C15ULL;
  auto next = [&] {
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return seed;
  };
  for (std::int64_t i = 0; i < n; ++i) {
    std::string bytes = g_snapshot;
    const int flips = 1 + static_cast<int>(next() % 4);
    for (int k = 0; k < flips; ++k) {
      bytes[next() % bytes.size()] = static_cast<char>(next() & 0xff);
    }
    if (!once(bytes)) return vm::Value();
  }
  return t.interp().none;
}

vm::Module* init_snap(vm::Thread& t) {
  vm::Module* m = vm::make_module(t, "_snap");
  auto add = [&](const char* name, vm::NativeFn fn) {
    vm::dict_set_str(t, m->dict, t.interp().intern(name),
                     vm::Value::object(vm::make_builtin(t, name, fn)));
  };
  add("take", snap_take);
  add("restore", snap_restore);
  add("fuzz", snap_fuzz);
  return m;
}

struct Ran {
  int status = -1;
  std::string out, err;
};

// Runs `source` as prog.py (parent) or `script` with prog.py's source as the program to restore.
Ran run(std::string_view source, std::string_view filename) {
  Ran r;
  Options options;
  options.timeout = 30;
  CoopDriver driver(options,
                    [&](int fd, std::string_view text) { (fd == 2 ? r.err : r.out).append(text); });
  vm::Config config;
  config.argv.emplace_back(filename);
  vm::Interpreter interp(driver, config);
  interp.module_inits["_snap"] = init_snap;
  std::string error;
  vm::Thread* main = interp.load_main(source, filename, &error);
  REQUIRE_MESSAGE(main != nullptr, error);
  r.status = driver.run(*main);
  return r;
}

// The parent runs the program (which ends with `_snap.take(...)`), the child `child`.
Ran fork_and_run(const std::string& program, std::string_view child) {
  g_source = program;
  g_snapshot.clear();
  Ran parent = run(program, kFile);
  INFO(parent.out << parent.err);
  REQUIRE(parent.status == 0);
  REQUIRE(!g_snapshot.empty());
  return run(child, "child.py");
}

const char* const kKinds = R"PY(
import queue
import threading
import _snap

def outer(k):
    def add(x, y=10, *, z=100):
        return x + y + z + k
    return add

class Base:
    kind = 'base'
    def __init__(self, v):
        self.v = v
    def who(self):
        return 'Base(%r)' % (self.v,)
    @property
    def twice(self):
        return self.v * 2
    @staticmethod
    def st(a):
        return a + 1
    @classmethod
    def cm(cls):
        return cls.__name__

class Derived(Base):
    def who(self):
        return 'Derived/' + super().who()

class Oops(ValueError):
    pass

def make_local():
    class Local:
        def hi(self):
            return 'local ' + type(self).__qualname__
    return Local()

big = 2 ** 62
lst = [1, 2, 3]
d = {'a': 1, 2: 'b', (3, 4): None, 1.5: True}
objs = {
    'int': 7, 'big': big, 'neg': -big, 'float': 2.5, 'str': 'h\u00e9llo', 'empty': '',
    'tuple': (1, 'x', (2,)), 'list': lst, 'dict': d, 'set': {3, 1, 2}, 'range': range(1, 10, 3),
    'slice': slice(1, None, 2), 'none': None, 'true': True, 'false': False,
    'notimpl': NotImplemented, 'ellipsis': ...,
    'closure': outer(1000), 'lambda': lambda q: q * 3, 'instance': Derived(5),
    'bound': Derived(6).who, 'exception': Oops('bad', 3), 'local': make_local(),
    'builtin': len, 'builtin_method': lst.append, 'type_attr': str.upper,
    'keys': d.keys(), 'items': d.items(), 'module': threading, 'class': Derived,
    'library_class': threading.Event, 'event': threading.Event(),
    'cond': threading.Condition(), 'queue': queue.Queue(), 'acquire': threading.Lock().acquire,
}
objs['queue'].put('queued')

def describe(o):
    out = []
    for name, v in o.items():
        out.append('%s=%r' % (name, v) if name not in (
            'closure', 'lambda', 'instance', 'bound', 'local', 'builtin', 'builtin_method',
            'type_attr', 'keys', 'items', 'module', 'class', 'library_class', 'event', 'cond',
            'queue', 'acquire') else name)
    out.append('closure %r' % (o['closure'](1, z=2),))
    out.append('lambda %r' % (o['lambda'](4),))
    i = o['instance']
    out.append('instance %s %r %r %r %r %r' % (i.who(), i.twice, i.st(1), i.cm(), i.kind,
                                              isinstance(i, Base)))
    out.append('bound %s' % o['bound']())
    e = o['exception']
    out.append('exception %s %r %r' % (type(e).__name__, e.args, isinstance(e, ValueError)))
    out.append('local %s' % o['local'].hi())
    out.append('builtin %r' % (o['builtin']([1, 2]),))
    o['builtin_method'](4)
    out.append('builtin_method %r %r' % (o['list'], o['list'] is lst))
    out.append('type_attr %r' % (o['type_attr']('abc'),))
    out.append('views %r %r' % (list(o['keys']), list(o['items'])[:2]))
    out.append('module %r %r' % (o['module'].__name__, o['library_class'] is o['module'].Event))
    out.append('class %r %r' % (o['class'].__qualname__, o['class'] is Derived))
    ev = o['event']
    ev.set()
    out.append('event %r' % (ev.is_set(),))
    with o['cond']:
        o['cond'].notify()
    out.append('queue %r %r' % (o['queue'].get(), o['queue'].empty()))
    out.append('acquire %r %r' % (o['acquire'](), o['acquire'](False)))
    return '\n'.join(out)

if __name__ == '__main__':
    _snap.take(objs)
    print(describe(objs))
)PY";

TEST_CASE("heap snapshot: every object kind round-trips and behaves the same") {
  const Ran child = fork_and_run(kKinds, R"PY(
import _snap
(objs,) = _snap.restore()
import __main__
print(__main__.describe(objs))
)PY");
  INFO(child.err);
  REQUIRE(child.status == 0);
  g_source = kKinds;
  const Ran parent = run(kKinds, kFile);
  CHECK(child.out == parent.out);
  CHECK(child.out.find("closure 1013") != std::string::npos);
  CHECK(child.out.find("instance Derived/Base(5) 10 2 'Derived' 'base' True") != std::string::npos);
  CHECK(child.out.find("local local make_local.<locals>.Local") != std::string::npos);
  CHECK(child.out.find("class 'Derived' True") != std::string::npos);
}

const char* const kShared = R"PY(
import threading
import _snap

def counter():
    n = [0]
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    def get():
        return count
    return inc, get

inc, get = counter()
inc()
a = [1]
pair = (a, a)
loop = []
loop.append(loop)
d = {}
d['me'] = d
class Node:
    pass
node = Node()
node.next = node
lock = threading.Lock()
lock.acquire()
rlock = threading.RLock()
rlock.acquire()
free = threading.Lock()
gen_state = 'parent'
if __name__ == '__main__':
    _snap.take(inc, get)
)PY";

TEST_CASE("heap snapshot: shared cells, cycles, identity and held locks") {
  const Ran child = fork_and_run(kShared, R"PY(
import _snap
inc, get = _snap.restore()
import __main__ as m
print(inc is m.inc, get is m.get, get())
inc()
inc()
print(get(), m.get())
print(m.pair[0] is m.pair[1], m.pair[0] is m.a)
print(m.loop[0] is m.loop, m.d['me'] is m.d, m.node.next is m.node)
print(type(m.node) is m.Node, isinstance(m.node, m.Node))
print(m.lock.locked(), m.lock.acquire(False), m.free.locked())
m.rlock.release()
print(m.rlock.acquire(False))
)PY");
  INFO(child.err);
  REQUIRE(child.status == 0);
  CHECK(child.out ==
        "True True 1\n"
        "3 3\n"
        "True True\n"
        "True True True\n"
        "True True\n"
        "True False False\n"
        "True\n");
}

TEST_CASE("heap snapshot: an object that cannot be copied is a TypeError at the write") {
  g_source = R"PY(
import _snap
def gen():
    yield 1
g = gen()
try:
    _snap.take()
except TypeError as e:
    print(e)
)PY";
  const Ran r = run(g_source, kFile);
  CHECK(r.status == 0);
  CHECK(r.out ==
        "cannot copy 'generator' object into the forked process (Interleave forks by copying the "
        "objects the child can reach)\n");
}

TEST_CASE("heap snapshot: another program, bad magic, a newer version, truncation and flips") {
  const std::string program = kShared;
  g_source = program;
  g_snapshot.clear();
  REQUIRE(run(program, kFile).status == 0);
  const std::string snapshot = g_snapshot;
  REQUIRE(snapshot.size() > 100);

  // Errors read in a child interpreter (restore needs a running thread).
  struct Case {
    std::string bytes, source, want;
  };
  std::string newer = snapshot;
  newer[8] = 2;
  const Case cases[] = {
      {snapshot, program + "\n", "heap snapshot: it was taken of another program"},
      {"ILHEAX" + snapshot.substr(6), program, "heap snapshot: not a heap snapshot (bad magic)"},
      {newer, program, "heap snapshot: version 2 is not supported (this build reads 1)"},
      {snapshot.substr(0, 20), program, "heap snapshot: truncated header"},
      {snapshot + "x", program, "heap snapshot: trailing bytes after the last object"},
  };
  for (const Case& c : cases) {
    g_snapshot = c.bytes;
    g_source = c.source;
    const Ran r = run(R"PY(
import _snap
try:
    _snap.restore()
except ValueError as e:
    print(e)
)PY",
                      "child.py");
    CHECK(r.status == 0);
    CHECK(r.out == c.want + "\n");
  }

  // Every prefix and 3000 seeded corruptions: each fails cleanly or restores.
  g_snapshot = snapshot;
  g_source = program;
  const Ran r = run("import _snap\n_snap.fuzz(3000)\nprint('survived')\n", "child.py");
  INFO(r.err);
  CHECK(r.status == 0);
  CHECK(r.out == "survived\n");
  CHECK(g_fuzz_failed == 0);    // every failure has a message
  CHECK(g_fuzz_restored >= 1);  // some flips only change values (still a valid snapshot)
}

}  // namespace
}  // namespace interleave::run
