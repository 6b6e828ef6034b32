// The Python half of `multiprocessing` (docs/processes.md), compiled like threading's prelude on
// first import. Built on the `_mp` natives: processes, framed channels and shared-memory words.
// Waits on shared-memory locks poll with short sleeps (yields), so no thread blocks in the VM.
#include "ipc/mp_module.h"

namespace interleave::ipc {

const std::string_view kMultiprocessingSource = R"PY(
import _mp
import os as _os
import sys as _sys
import time as _time
import _thread
import threading as _threading
from queue import Empty, Full


class ProcessError(Exception):
    pass


class BufferTooShort(ProcessError):
    pass


class TimeoutError(ProcessError):
    pass


class AuthenticationError(ProcessError):
    pass


class PicklingError(Exception):
    pass


_mp._set_pickling_error(PicklingError)

# Objects of classes defined in a spawned child's __mp_main__ come back by that module name.
if '__mp_main__' not in _sys.modules and '__main__' in _sys.modules:
    _sys.modules['__mp_main__'] = _sys.modules['__main__']

_start_method = None
_MAX_LIVE_CHILDREN = 64
_counter = [0]
_counter_q = [0]
_children = {}


def _exitcode_of(pid, timeout):
    return _mp.wait(pid, timeout)


class Process:
    _mp_inherit_only = "Pickling an AuthenticationString object is disallowed for security reasons"
    _start_method = None

    def __init__(self, group=None, target=None, name=None, args=(), kwargs=None, *, daemon=None):
        assert group is None, 'group argument must be None for now'
        _counter[0] += 1
        self._identity = _current_process._identity + (_counter[0],)
        self._target = target
        self._args = tuple(args)
        self._kwargs = dict(kwargs) if kwargs else {}
        if name is None:
            name = type(self).__name__ + '-' + ':'.join([str(i) for i in self._identity])
        self._name = name
        self._daemon = _current_process._daemon if daemon is None else bool(daemon)
        self._pid = None
        self._exitcode = None
        self._parent_pid = _os.getpid()
        self._method = None
        self._closed = False
        self._status = None

    def run(self):
        if self._target:
            self._target(*self._args, **self._kwargs)

    def start(self):
        assert self._pid is None, 'cannot start a process twice'
        assert self._parent_pid == _os.getpid(), 'can only start a process object created by current process'
        assert not _current_process._daemon, 'daemonic processes are not allowed to have children'
        _cleanup()
        if len(_children) >= _MAX_LIVE_CHILDREN:
            raise RuntimeError("can't start new process: %d child processes are alive "
                               "(Interleave's limit)" % len(_children))
        method = self._method or self._start_method or get_start_method()
        self._status = _mp.shm(16)
        self._mp_fds = (self._status,)
        if method == 'fork':
            pid = _mp.fork(self._daemon, self._name)
            if pid == 0:
                _mp.exit(self._bootstrap())
            self._pid = pid
        else:
            self._pid = _mp.spawn((method, self), self._daemon, self._name)
        _children[self._pid] = self

    def _bootstrap(self):
        global _current_process
        _current_process = self
        _counter[0] = 0
        _children.clear()
        _queues.clear()
        _mp.set_name(self._name)
        _guard_args(self._args, self._kwargs)
        code = 1
        try:
            try:
                self.run()
                code = 0
            finally:
                _exit_function()
        except SystemExit as e:
            c = e.args[0] if e.args else None
            if c is None:
                code = 0
            elif isinstance(c, int):
                code = c
            else:
                _sys.stderr.write(str(c) + '\n')
                code = 1
        except BaseException as e:
            _sys.stderr.write('Process %s:\n' % self._name)
            _thread._print_exception(None, e)
            code = 1
        return code

    def _poll(self, timeout=0):
        if self._exitcode is None and self._pid is not None and self._parent_pid == _os.getpid():
            c = _mp.wait(self._pid, timeout)
            if c is not None:
                self._exitcode = c
                _children.pop(self._pid, None)
        return self._exitcode

    def join(self, timeout=None):
        assert self._parent_pid == _os.getpid(), 'can only join a child process'
        assert self._pid is not None, 'can only join a started process'
        if timeout is not None:
            self._poll(timeout)
            return
        stuck = None
        while self._poll(_STUCK_POLL) is None:
            stuck = _check_deadlock(stuck, 'join of %s (pid %d)' % (self._name, self._pid), None)

    def is_alive(self):
        if self is _current_process:
            return True
        assert self._parent_pid == _os.getpid(), 'can only test a child process'
        if self._pid is None:
            return False
        return self._poll() is None

    def terminate(self):
        if self._pid is not None and self._poll() is None:
            _mp.signal(self._pid, False)

    def kill(self):
        if self._pid is not None and self._poll() is None:
            _mp.signal(self._pid, True)

    def close(self):
        if self._pid is not None and self._poll() is None:
            raise ValueError("Cannot close a process while it is still running. "
                             "You should first call join() or terminate().")
        self._closed = True

    @property
    def exitcode(self):
        if self._pid is None:
            return None
        return self._poll()

    @property
    def pid(self):
        if self is _current_process:
            return _os.getpid()
        return self._pid

    ident = pid

    @property
    def name(self):
        return self._name

    @name.setter
    def name(self, name):
        self._name = name

    @property
    def daemon(self):
        return self._daemon

    @daemon.setter
    def daemon(self, daemonic):
        assert self._pid is None, 'process has already started'
        self._daemon = bool(daemonic)

    @property
    def sentinel(self):
        return self._pid

    def __repr__(self):
        if self is _current_process:
            status = 'started'
        elif self._pid is None:
            status = 'initial'
        elif self._poll() is not None:
            status = 'stopped'
        else:
            status = 'started'
        info = [type(self).__name__, 'name=%r' % self._name]
        if self._pid is not None:
            info.append('pid=%s' % self._pid)
        info.append('parent=%s' % self._parent_pid)
        info.append(status)
        if status == 'stopped' and self._exitcode is not None:
            info.append('exitcode=%s' % self._exitcode)
        if self._daemon:
            info.append('daemon')
        return '<%s>' % ' '.join(info)


class SpawnProcess(Process):
    _start_method = 'spawn'


class ForkProcess(Process):
    _start_method = 'fork'


class _MainProcess(Process):
    def __init__(self):
        self._status = None
        self._identity = ()
        self._name = 'MainProcess'
        self._daemon = False
        self._pid = None
        self._exitcode = None
        self._parent_pid = None
        self._method = None
        self._target = None
        self._args = ()
        self._kwargs = {}


_current_process = _MainProcess()


def current_process():
    return _current_process


def parent_process():
    return None


def active_children():
    _cleanup()
    return list(_children.values())


def _cleanup():
    for pid, p in list(_children.items()):
        if p._poll() is not None:
            _children.pop(pid, None)


def _exit_function():
    _threading._shutdown()
    for p in list(_children.values()):
        if p._daemon:
            p.terminate()
    for p in list(_children.values()):
        p.join()


def cpu_count():
    return _mp.cpu_count()


def freeze_support():
    pass


def get_all_start_methods():
    return ['fork', 'spawn', 'forkserver']


def set_start_method(method, force=False):
    global _start_method
    if _start_method is not None and not force:
        raise RuntimeError('context has already been set')
    if method is None and force:
        _start_method = None
        return
    if method not in ('fork', 'spawn', 'forkserver'):
        raise ValueError('cannot find context for %r' % (method,))
    _start_method = 'spawn' if method == 'forkserver' else method


def get_start_method(allow_none=False):
    global _start_method
    if _start_method is None:
        if allow_none:
            return None
        _start_method = _mp.default_method()
    return _start_method


def _child_bootstrap():
    global _start_method
    method, proc = _mp.child_payload()
    _start_method = method
    _mp.exit(proc._bootstrap())


# --- deadlocks across processes (docs/processes.md) ------------------------------------------
# A child whose only live thread waits without a timeout on Queue.get(), and which has no live
# children, says so in its status word (generation << 8 | 1, then the queue's id). A process
# whose only live thread waits without a timeout on join() or Queue.get() reports a deadlock
# (exit 3) when every live child of its says so about queues created here (no other process can
# hold them) that hold no message, and the same snapshot is seen on two checks _STUCK_POLL apart.

_STUCK_POLL = 0.2
_queues = {}  # id -> Queue or Connection (read end) created by this process


def _register(obj):
    _counter_q[0] += 1
    obj._id = _os.getpid() * 1000000 + _counter_q[0]
    _queues[obj._id] = obj


def _wait_forever(obj, channel):
    # A get()/recv() without a timeout that found nothing for _STUCK_POLL: wait on, watching for
    # a deadlock. `obj` has _r, _shm, _id, _pending() and _what.
    stuck = None
    while True:
        _set_status(1 if _alone() and not active_children() else 0, obj._id)
        stuck = _check_deadlock(stuck, obj._what.split(' on ')[0], obj)
        r = _mp.recv(obj._r, obj._shm, _STUCK_POLL, channel)
        if r is not None:
            _set_status(0, 0)
            return r


def _set_status(stuck, queue_id):
    shm = _current_process._status
    if shm is None:
        return
    word = _mp.shm_get(shm, 0, 'i')
    if (word & 255) == stuck and (not stuck or _mp.shm_get(shm, 8, 'i') == queue_id):
        return
    _mp.shm_set(shm, 8, 'i', queue_id)
    _mp.shm_set(shm, 0, 'i', ((word >> 8) + 1) * 256 + stuck)


def _alone():
    return _threading.active_count() == 1


def _snapshot():
    words = []
    for pid in sorted(_children):
        p = _children[pid]
        if p._poll() is not None:
            continue
        if p._status is None:
            return None
        word = _mp.shm_get(p._status, 0, 'i')
        q = _queues.get(_mp.shm_get(p._status, 8, 'i'))
        if (word & 255) != 1 or q is None:
            return None
        words.append((p, word, q))
    return words


def _check_deadlock(previous, waiting_for, queue):
    # Called by a wait without a timeout each _STUCK_POLL; returns the snapshot for the next call.
    if not _alone():
        return None
    if queue is not None and (queue._id not in _queues or queue._pending() != 0):
        return None
    snap = _snapshot()
    if snap is None:
        return None
    for p, word, q in snap:
        if q._pending() != 0:
            return None
    again = _snapshot()
    key = [(p._pid, word) for p, word, q in snap]
    if again is None or [(p._pid, word) for p, word, q in again] != key:
        return None
    if previous != key:
        return key
    lines = ['Deadlock: every process is blocked and none can wake.\n',
             '  %s (pid %d) waits for %s\n' % (_current_process._name, _os.getpid(), waiting_for)]
    for p, word, q in snap:
        lines.append('  %s (pid %d) waits for %s that no process can feed\n'
                     % (p._name, p._pid, q._what))
    _sys.stderr.write(''.join(lines))
    for p, word, q in snap:
        p.kill()
    for p, word, q in snap:
        p._poll(None)
    raise SystemExit(3)


# --- shared memory: locks, semaphores, events, values -----------------------------------------

def _sleep_until(pred, block, timeout):
    if pred():
        return True
    if not block:
        return False
    deadline = None if timeout is None else _time.monotonic() + timeout
    delay = 0.00005
    while True:
        if deadline is not None:
            left = deadline - _time.monotonic()
            if left <= 0:
                return False
            if delay > left:
                delay = left
        _time.sleep(delay)
        if pred():
            return True
        if delay < 0.002:
            delay = delay * 2


# Values and Arrays whose words may block (docs/processes.md: a child in a page that is not
# isolated, where shared memory lives in the router): a getter or __getitem__ runs inside a
# callback from a built-in and cannot wait for an answer. There a Value or Array guarded by a lock
# keeps a copy of its words in this process while this process holds that lock: acquiring it
# pulls the words (blocking calls, from acquire), reads use the copy, writes go to the copy and
# out (a store never waits), releasing it drops the copy. Elsewhere nothing is registered and
# every access is one word operation.
_guarded = {}  # lock region -> {region: (kind, words)} of this process whose words block
_copies = {}   # region -> [values] while its lock is held by this process
_rlocks_held = {}  # RLock region -> (owner, count) while a thread of this process holds it


def _guard(lock, shm, kind, n):
    lock_shm = getattr(lock, '_shm', None)
    if lock_shm is None or not _mp.shm_blocks(shm):
        return
    regions = _guarded.get(lock_shm)
    if regions is None:
        regions = _guarded[lock_shm] = {}
    regions[shm] = (kind, n)


def _guard_args(args, kwargs):
    for a in list(args) + list(kwargs.values()):
        if isinstance(a, _RawValue):
            a._guard()


def _pull(lock_shm):
    regions = _guarded.get(lock_shm)
    if regions:
        for shm, kn in list(regions.items()):
            words = []
            for i in range(kn[1]):
                words.append(_mp.shm_get(shm, 8 * i, kn[0]))
            _copies[shm] = words


def _drop(lock_shm):
    regions = _guarded.get(lock_shm)
    if regions:
        for shm in regions:
            _copies.pop(shm, None)


def _not_held(what):
    return RuntimeError('%s of shared memory that lives in another worker can be used here only '
                        'while holding its lock (with v.get_lock(): ...), as this page is not '
                        'cross-origin isolated' % what)


class _SemLock:
    _mp_inherit_only = 'SemLock objects should only be shared between processes through inheritance'

    def __init__(self, value, maxvalue):
        self._shm = _mp.shm(32)
        self._mp_fds = (self._shm,)
        self._maxvalue = maxvalue
        _mp.shm_set(self._shm, 0, 'i', value)

    def _try(self):
        return _mp.sem_try(self._shm)

    def _acquire(self, block=True, timeout=None):
        if not _sleep_until(self._try, block, timeout):
            return False
        if _guarded:
            _pull(self._shm)
        return True

    def _release(self):
        if _guarded:
            _drop(self._shm)
        if not _mp.sem_release(self._shm, self._maxvalue):
            raise ValueError('semaphore or lock released too many times')


class Lock(_SemLock):
    _mp_inherit_only = 'Lock objects should only be shared between processes through inheritance'

    def __init__(self):
        _SemLock.__init__(self, 1, 1)

    def acquire(self, block=True, timeout=None):
        return self._acquire(block, timeout)

    def release(self):
        self._release()

    def __enter__(self):
        return self._acquire()

    def __exit__(self, *args):
        self._release()

    def __repr__(self):
        owner = 'None' if _mp.shm_get(self._shm, 0, 'i') else 'SomeOtherProcess'
        return '<Lock(owner=%s)>' % owner


class RLock(_SemLock):
    _mp_inherit_only = 'RLock objects should only be shared between processes through inheritance'

    def __init__(self):
        _SemLock.__init__(self, 1, 1)

    def _me(self):
        return _os.getpid() * 1000003 + _threading.get_ident() % 1000003

    def _state(self):
        # (owner, count). Only the holder reads them meaningfully, and the holder wrote them: where
        # the words block (docs/processes.md) this process's own record of them is read instead.
        if _mp.shm_blocks(self._shm):
            return _rlocks_held.get(self._shm, (0, 0))
        return _mp.shm_get(self._shm, 8, 'i'), _mp.shm_get(self._shm, 16, 'i')

    def _set_state(self, owner, count):
        if _mp.shm_blocks(self._shm):
            if count:
                _rlocks_held[self._shm] = (owner, count)
            else:
                _rlocks_held.pop(self._shm, None)
        _mp.shm_set(self._shm, 8, 'i', owner)
        _mp.shm_set(self._shm, 16, 'i', count)

    def acquire(self, block=True, timeout=None):
        me = self._me()
        owner, count = self._state()
        if owner == me and count > 0:
            self._set_state(me, count + 1)
            return True
        if not self._acquire(block, timeout):
            return False
        self._set_state(me, 1)
        return True

    def release(self):
        owner, count = self._state()
        if owner != self._me() or count <= 0:
            raise AssertionError('attempt to release recursive lock not owned by thread')
        if count == 1:
            self._set_state(0, 0)
            self._release()
        else:
            self._set_state(owner, count - 1)

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *args):
        self.release()

    def __repr__(self):
        return '<RLock(%s, %s)>' % ('None', _mp.shm_get(self._shm, 16, 'i'))


class Semaphore(_SemLock):
    _mp_inherit_only = 'Semaphore objects should only be shared between processes through inheritance'

    def __init__(self, value=1):
        if value < 0:
            raise ValueError('semaphore initial value must be >= 0')
        _SemLock.__init__(self, value, 2147483647)

    def acquire(self, block=True, timeout=None):
        return self._acquire(block, timeout)

    def release(self):
        self._release()

    def get_value(self):
        return _mp.shm_get(self._shm, 0, 'i')

    def __enter__(self):
        return self._acquire()

    def __exit__(self, *args):
        self._release()


class BoundedSemaphore(Semaphore):
    def __init__(self, value=1):
        _SemLock.__init__(self, value, value)


class Event:
    _mp_inherit_only = 'Event objects should only be shared between processes through inheritance'

    def __init__(self):
        self._shm = _mp.shm(8)
        self._mp_fds = (self._shm,)

    def is_set(self):
        return _mp.shm_get(self._shm, 0, 'i') != 0

    def set(self):
        _mp.shm_set(self._shm, 0, 'i', 1)

    def clear(self):
        _mp.shm_set(self._shm, 0, 'i', 0)

    def wait(self, timeout=None):
        return _sleep_until(self.is_set, True, timeout)


_INT_CODES = 'bBhHiIlLqQ'
_FLOAT_CODES = 'fd'
_CTYPE_NAMES = {'b': 'c_byte', 'B': 'c_ubyte', 'h': 'c_short', 'H': 'c_ushort', 'i': 'c_int',
                'I': 'c_uint', 'l': 'c_long', 'L': 'c_ulong', 'q': 'c_longlong',
                'Q': 'c_ulonglong', 'f': 'c_float', 'd': 'c_double'}


def _kind(typecode):
    if typecode in _FLOAT_CODES:
        return 'd'
    if typecode in _INT_CODES:
        return 'i'
    raise TypeError('unsupported typecode %r (Interleave supports %s)' % (typecode, _INT_CODES + _FLOAT_CODES))


def _make_lock(lock):
    if lock is True or lock is None:
        return RLock()
    if lock is False:
        return None
    return lock


class _RawValue:
    # Value(..., lock=False) and RawValue(): CPython's bare ctypes object, with no lock methods
    # (one subclass per typecode, below).

    def __init__(self, typecode, value, lock=True):
        self._typecode = typecode
        self._kind = _kind(typecode)
        self._shm = _mp.shm(8)
        self._mp_fds = (self._shm,)
        self._lock = _make_lock(lock)
        _mp.shm_set(self._shm, 0, self._kind, value)
        self._guard()

    def _guard(self):
        _guard(self._lock, self._shm, self._kind, getattr(self, '_len', 1))

    def _get(self):
        if _copies:
            words = _copies.get(self._shm)
            if words is not None:
                return words[0]
        if _mp.shm_blocks(self._shm):
            raise _not_held('Value.value')
        return _mp.shm_get(self._shm, 0, self._kind)

    def _set(self, value):
        if _copies:
            words = _copies.get(self._shm)
            if words is not None:
                words[0] = _mp.shm_value(self._kind, value)
        _mp.shm_set(self._shm, 0, self._kind, value)

    value = property(_get, _set)

    def __repr__(self):
        return '%s(%r)' % (_CTYPE_NAMES[self._typecode], self._get())


class Synchronized(_RawValue):
    _mp_inherit_only = 'Synchronized objects should only be shared between processes through inheritance'

    def get_lock(self):
        self._guard()
        return self._lock

    def get_obj(self):
        return self

    def acquire(self, *args):
        self._guard()
        return self._lock.acquire(*args)

    def release(self):
        return self._lock.release()

    def __enter__(self):
        self._guard()
        return self._lock.__enter__()

    def __exit__(self, *args):
        return self._lock.__exit__(*args)

    def __repr__(self):
        return '<Synchronized wrapper for %s(%r)>' % (_CTYPE_NAMES[self._typecode], self._get())


class SynchronizedArray(Synchronized):
    _mp_inherit_only = 'SynchronizedArray objects should only be shared between processes through inheritance'

    def __init__(self, typecode, size_or_init, lock=True):
        self._typecode = typecode
        self._kind = _kind(typecode)
        if isinstance(size_or_init, int):
            init = [0] * size_or_init
        else:
            init = list(size_or_init)
        self._len = len(init)
        self._shm = _mp.shm(8 * max(1, self._len))
        self._mp_fds = (self._shm,)
        self._lock = _make_lock(lock)
        for i in range(self._len):
            _mp.shm_set(self._shm, 8 * i, self._kind, init[i])
        self._guard()

    def __len__(self):
        return self._len

    def _index(self, i):
        if i < 0:
            i += self._len
        if i < 0 or i >= self._len:
            raise IndexError('invalid index')
        return i

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(self._len)[i]]
        i = self._index(i)
        if _copies:
            words = _copies.get(self._shm)
            if words is not None:
                return words[i]
        if _mp.shm_blocks(self._shm):
            raise _not_held('An Array item')
        return _mp.shm_get(self._shm, 8 * i, self._kind)

    def __setitem__(self, i, value):
        if isinstance(i, slice):
            idx = list(range(self._len)[i])
            value = list(value)
            if len(idx) != len(value):
                raise ValueError("Can only assign sequence of same size")
            for j, v in zip(idx, value):
                self[j] = v
            return
        i = self._index(i)
        if _copies:
            words = _copies.get(self._shm)
            if words is not None:
                words[i] = _mp.shm_value(self._kind, value)
        _mp.shm_set(self._shm, 8 * i, self._kind, value)

    def __iter__(self):
        return iter(self[:])

    def __repr__(self):
        return '<SynchronizedArray wrapper for %s>' % (self[:],)


def Value(typecode_or_type, *args, lock=True):
    if lock is False:
        return RawValue(typecode_or_type, *args)
    return Synchronized(typecode_or_type, args[0] if args else 0, lock)


def Array(typecode_or_type, size_or_initializer, *, lock=True):
    return SynchronizedArray(typecode_or_type, size_or_initializer, lock)


def _raw_class(name):
    class cls(_RawValue):
        _mp_inherit_only = '%s objects should only be shared between processes through inheritance' % name
    # Named "c_int" as CPython's, and found by pickle under a module-level name of its own.
    cls.__name__ = name
    cls.__qualname__ = '_ctype_' + name
    globals()[cls.__qualname__] = cls
    return cls


# One class per typecode, so pickling refuses a raw value naming its ctype, as CPython does.
_raw_classes = {}
for _code, _name in _CTYPE_NAMES.items():
    _raw_classes[_code] = _raw_class(_name)


def RawValue(typecode_or_type, *args):
    _kind(typecode_or_type)
    cls = _raw_classes[typecode_or_type]
    return cls(typecode_or_type, args[0] if args else 0, False)


def Manager(*args, **kwargs):
    # A server process with proxies is outside the subset: say so by name.
    raise NotImplementedError('multiprocessing.Manager is not supported by Interleave; share '
                              'data through a Queue, a Pipe, or a Value or Array')


def RawArray(typecode_or_type, size_or_initializer):
    return SynchronizedArray(typecode_or_type, size_or_initializer, False)


# --- channels: Pipe and Queue -----------------------------------------------------------------

class Connection:
    _mp_inherit_only = 'Connection objects should only be shared between processes through inheritance'

    _what = 'recv() on a Pipe'

    def __init__(self, rfd, wfd, shm, peer=None):
        self._r = rfd
        self._w = wfd
        # Read end: word 0 counts messages sent to it and not yet received, word 2 is the read
        # lock (several processes may recv on one end). `peer`: the other end's, for send().
        self._shm = shm
        self._peer = peer
        self._mp_fds = tuple([fd for fd in (rfd, wfd, shm, peer) if fd is not None])
        self._closed = False
        if shm is not None:
            _register(self)

    def _pending(self):
        return _mp.shm_get(self._shm, 0, 'i')

    def _check(self, fd, what):
        if self._closed:
            raise OSError('handle is closed')
        if fd is None:
            raise OSError('connection is ' + what)

    def send(self, obj):
        self._send(obj, 'Pipe')

    def recv(self):
        return self._recv('Pipe')

    def _send(self, obj, channel):
        self._check(self._w, 'read-only')
        if self._peer is not None:
            _mp.shm_add(self._peer, 0, 1)
        _mp.send(self._w, obj, channel)

    def _recv(self, channel):
        self._check(self._r, 'write-only')
        r = _mp.recv(self._r, self._shm, _STUCK_POLL, channel)
        if r is None:
            r = _wait_forever(self, channel)
        _mp.shm_add(self._shm, 0, -1)
        return r[0]

    def poll(self, timeout=0.0):
        self._check(self._r, 'write-only')
        return _mp.poll(self._r, self._shm, timeout)

    def fileno(self):
        return self._r if self._r is not None else self._w

    @property
    def closed(self):
        return self._closed

    @property
    def readable(self):
        return self._r is not None

    @property
    def writable(self):
        return self._w is not None

    def close(self):
        if not self._closed:
            self._closed = True
            if self._r is not None:
                _mp.close(self._r)
            if self._w is not None and self._w != self._r:
                _mp.close(self._w)

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.close()


def Pipe(duplex=True):
    a, b = _mp.channel(duplex)
    if duplex:
        sa, sb = _mp.shm(24), _mp.shm(24)
        return Connection(a, a, sa, sb), Connection(b, b, sb, sa)
    sa = _mp.shm(24)
    return Connection(a, None, sa), Connection(None, b, None, sa)


class Queue:
    _mp_inherit_only = 'Queue objects should only be shared between processes through inheritance'

    def __init__(self, maxsize=0):
        self._maxsize = maxsize if maxsize > 0 else 2147483647
        self._r, self._w = _mp.channel(False)
        self._shm = _mp.shm(24)
        self._mp_fds = (self._r, self._w, self._shm)
        self._closed = False
        _register(self)

    def put(self, obj, block=True, timeout=None):
        if self._closed:
            raise ValueError('Queue %r is closed' % self)
        if self._maxsize < 2147483647:
            if not _sleep_until(lambda: self.qsize() < self._maxsize, block, timeout):
                raise Full
        _mp.shm_add(self._shm, 0, 1)
        _mp.shm_add(self._shm, 8, 1)
        _mp.send(self._w, obj, 'Queue')

    def put_nowait(self, obj):
        return self.put(obj, False)

    def get(self, block=True, timeout=None):
        if self._closed:
            raise ValueError('Queue %r is closed' % self)
        if not block:
            timeout = 0
        elif timeout is not None and timeout < 0:
            raise ValueError("'timeout' must be a non-negative number")
        if timeout is not None:
            r = _mp.recv(self._r, self._shm, timeout, 'Queue')
            if r is None:
                raise Empty
        else:
            r = _mp.recv(self._r, self._shm, _STUCK_POLL, 'Queue')
            if r is None:
                r = _wait_forever(self, 'Queue')
        _mp.shm_add(self._shm, 0, -1)
        return r[0]

    _what = 'Queue.get() on a queue'

    def _pending(self):
        return self.qsize()

    def get_nowait(self):
        return self.get(False)

    def qsize(self):
        return _mp.shm_get(self._shm, 0, 'i')

    def empty(self):
        return self.qsize() <= 0

    def full(self):
        return self.qsize() >= self._maxsize

    def close(self):
        self._closed = True

    def join_thread(self):
        pass

    def cancel_join_thread(self):
        pass


class SimpleQueue(Queue):
    pass


class JoinableQueue(Queue):
    def task_done(self):
        if _mp.shm_get(self._shm, 8, 'i') <= 0:
            raise ValueError('task_done() called too many times')
        _mp.shm_add(self._shm, 8, -1)

    def join(self):
        _sleep_until(lambda: _mp.shm_get(self._shm, 8, 'i') <= 0, True, None)


# --- Pool -------------------------------------------------------------------------------------

def _pool_worker(conn, initializer, initargs):
    if initializer is not None:
        initializer(*initargs)
    while True:
        task = conn._recv('Pool task')
        if task is None:
            break
        tid, func, kind, chunk = task
        try:
            if kind == 0:
                result = [func(x) for x in chunk]
            elif kind == 1:
                result = [func(*x) for x in chunk]
            else:
                result = func(*chunk[0], **chunk[1])
            ok = True
        except Exception as e:
            result = e
            ok = False
        try:
            conn._send((tid, ok, result), 'Pool result')
        except Exception as e:
            conn._send((tid, False, MaybeEncodingError(repr(e), repr(result))), 'Pool result')


class MaybeEncodingError(Exception):
    def __init__(self, exc, value):
        Exception.__init__(self, exc, value)

    def __str__(self):
        return "Error sending result: '%s'. Reason: '%s'" % (self.args[1], self.args[0])


class AsyncResult:
    def __init__(self, pool, tids, single, callback=None, error_callback=None):
        self._pool = pool
        self._tids = tids
        self._single = single
        self._callback = callback
        self._error_callback = error_callback
        if callback is not None or error_callback is not None:
            pool._with_callbacks.append(self)
        self._done = False
        self._value = None
        self._error = None

    def _collect(self, timeout):
        if self._done:
            return True
        deadline = None if timeout is None else _time.monotonic() + timeout
        out = []
        for tid in self._tids:
            left = None if deadline is None else max(0.0, deadline - _time.monotonic())
            if not self._pool._wait(tid, left):
                return False
        for tid in self._tids:
            ok, value = self._pool._take(tid)
            if not ok and self._error is None:
                self._error = value
            elif ok:
                if self._single:
                    out = value
                else:
                    out.extend(value)
        self._value = out
        self._done = True
        if self in self._pool._with_callbacks:
            self._pool._with_callbacks.remove(self)
        if self._error is None:
            if self._callback is not None:
                self._callback(self._value)
        elif self._error_callback is not None:
            self._error_callback(self._error)
        return True

    def ready(self):
        return self._collect(0)

    def successful(self):
        if not self.ready():
            raise ValueError('%r not ready' % self)
        return self._error is None

    def wait(self, timeout=None):
        self._collect(timeout)

    def get(self, timeout=None):
        if not self._collect(timeout):
            raise TimeoutError
        if self._error is not None:
            raise self._error
        return self._value


ApplyResult = AsyncResult
MapResult = AsyncResult


class Pool:
    def __init__(self, processes=None, initializer=None, initargs=(), maxtasksperchild=None,
                 context=None):
        if processes is None:
            processes = cpu_count()
        if processes < 1:
            raise ValueError("Number of processes must be at least 1")
        if initializer is not None and not callable(initializer):
            raise TypeError('initializer must be a callable')
        method = context._method if context is not None else get_start_method()
        cls = ForkProcess if method == 'fork' else SpawnProcess
        self._conns = []
        self._pool = []
        for i in range(processes):
            a, b = Pipe()
            p = cls(target=_pool_worker, args=(b, initializer, initargs))
            p._name = p._name.replace('Process', 'PoolWorker', 1)
            p._daemon = True
            p.start()
            self._conns.append(a)
            self._pool.append(p)
        self._state = 'RUN'
        self._next = 0
        self._tid = 0
        self._owner = {}
        self._results = {}
        # AsyncResults with a callback, not yet collected: join() collects them, so that their
        # callbacks have run when it returns, as after CPython's result-handler thread.
        self._with_callbacks = []

    def _check_running(self):
        if self._state != 'RUN':
            raise ValueError("Pool not running")

    def _submit(self, func, kind, chunk):
        tid = self._tid
        self._tid += 1
        w = self._next
        self._next = (w + 1) % len(self._conns)
        self._owner[tid] = w
        self._conns[w]._send((tid, func, kind, chunk), 'Pool task')
        return tid

    def _wait(self, tid, timeout):
        while tid not in self._results:
            conn = self._conns[self._owner[tid]]
            if timeout is not None and not conn.poll(timeout):
                return False
            rtid, ok, value = conn._recv('Pool result')
            self._results[rtid] = (ok, value)
        return True

    def _take(self, tid):
        self._owner.pop(tid, None)
        return self._results.pop(tid)

    def _chunks(self, func, kind, iterable, chunksize):
        items = list(iterable)
        if chunksize is None:
            chunksize, extra = divmod(len(items), len(self._pool) * 4)
            if extra:
                chunksize += 1
        if chunksize < 1:
            chunksize = 1
        return [self._submit(func, kind, items[i:i + chunksize])
                for i in range(0, len(items), chunksize)]

    def map_async(self, func, iterable, chunksize=None, callback=None, error_callback=None):
        self._check_running()
        return AsyncResult(self, self._chunks(func, 0, iterable, chunksize), False, callback,
                           error_callback)

    def starmap_async(self, func, iterable, chunksize=None, callback=None, error_callback=None):
        self._check_running()
        return AsyncResult(self, self._chunks(func, 1, iterable, chunksize), False, callback,
                           error_callback)

    def map(self, func, iterable, chunksize=None):
        return self.map_async(func, iterable, chunksize).get()

    def starmap(self, func, iterable, chunksize=None):
        return self.starmap_async(func, iterable, chunksize).get()

    def apply_async(self, func, args=(), kwds={}, callback=None, error_callback=None):
        self._check_running()
        tid = self._submit(func, 2, (tuple(args), dict(kwds)))
        return AsyncResult(self, [tid], True, callback, error_callback)

    def apply(self, func, args=(), kwds={}):
        return self.apply_async(func, args, kwds).get()

    def imap(self, func, iterable, chunksize=1):
        # Collected before iterating: a generator that blocks could not be consumed by list() or
        # sorted() (built-ins cannot resume a blocked callback). Results keep their order.
        return iter(self.map(func, iterable, chunksize))

    def imap_unordered(self, func, iterable, chunksize=1):
        return self.imap(func, iterable, chunksize)

    def close(self):
        if self._state == 'RUN':
            self._state = 'CLOSE'
            for c in self._conns:
                c._send(None, 'Pool task')

    def terminate(self):
        # Idle workers are first asked to leave (so that they end their run and hand over their
        # trace); within 0.1 s the rest get SIGTERM, as in CPython.
        if self._state != 'TERMINATE':
            busy = set([self._owner[tid] for tid in self._owner if tid not in self._results])
            for w in range(len(self._conns)):
                if w not in busy and self._state == 'RUN':
                    self._conns[w]._send(None, 'Pool task')
            deadline = _time.monotonic() + 0.1
            for w in range(len(self._pool)):
                if w not in busy:
                    self._pool[w].join(max(0.0, deadline - _time.monotonic()))
        self._state = 'TERMINATE'
        for p in self._pool:
            p.terminate()
        for p in self._pool:
            p.join()

    def join(self):
        if self._state == 'RUN':
            raise ValueError("Pool is still running")
        if self._state == 'CLOSE':
            while self._with_callbacks:
                self._with_callbacks.pop(0)._collect(None)
        for p in self._pool:
            p.join()

    def __enter__(self):
        self._check_running()
        return self

    def __exit__(self, *args):
        self.terminate()

    def __repr__(self):
        return '<multiprocessing.pool.Pool state=%s pool_size=%d>' % (self._state, len(self._pool))


# --- contexts ---------------------------------------------------------------------------------

class _Context:
    def __init__(self, method):
        self._method = method
        self.Process = ForkProcess if method == 'fork' else SpawnProcess

    def get_start_method(self, allow_none=False):
        return self._method

    def Pool(self, processes=None, initializer=None, initargs=(), maxtasksperchild=None):
        return Pool(processes, initializer, initargs, maxtasksperchild, self)

    def Queue(self, maxsize=0):
        return Queue(maxsize)

    def JoinableQueue(self, maxsize=0):
        return JoinableQueue(maxsize)

    def SimpleQueue(self):
        return SimpleQueue()

    def Pipe(self, duplex=True):
        return Pipe(duplex)

    def Lock(self):
        return Lock()

    def RLock(self):
        return RLock()

    def Semaphore(self, value=1):
        return Semaphore(value)

    def BoundedSemaphore(self, value=1):
        return BoundedSemaphore(value)

    def Event(self):
        return Event()

    def Value(self, typecode_or_type, *args, lock=True):
        return Value(typecode_or_type, *args, lock=lock)

    def Array(self, typecode_or_type, size_or_initializer, *, lock=True):
        return Array(typecode_or_type, size_or_initializer, lock=lock)

    def cpu_count(self):
        return cpu_count()

    def current_process(self):
        return current_process()

    def active_children(self):
        return active_children()


def get_context(method=None):
    if method is None:
        method = get_start_method()
    if method not in ('fork', 'spawn', 'forkserver'):
        raise ValueError('cannot find context for %r' % (method,))
    return _Context('spawn' if method == 'forkserver' else method)
)PY";

const std::string_view kChildMainSource = R"PY(
import _mp
_mp.run_main_as_mp_main()
import multiprocessing as _multiprocessing
_multiprocessing._child_bootstrap()
)PY";

}  // namespace interleave::ipc
