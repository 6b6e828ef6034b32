// concurrent.futures in Python, following the behaviour of CPython 3.11's concurrent/futures
// (_base.py, thread.py): Future and its states, ThreadPoolExecutor (workers started on demand,
// named ThreadPoolExecutor-N_M, joined at interpreter exit like CPython's atexit hook), map in
// submission order, as_completed, wait. Written for this interpreter, on threading and queue;
// ProcessPoolExecutor is not provided. Compiled on first import, like threading and queue.
#include "vm/prelude.h"

namespace interleave::vm {

const std::string_view kFuturesSource = R"PY(
import threading
import queue as _queue
import os as _os
from time import monotonic as _time

FIRST_COMPLETED = 'FIRST_COMPLETED'
FIRST_EXCEPTION = 'FIRST_EXCEPTION'
ALL_COMPLETED = 'ALL_COMPLETED'

_PENDING = 'PENDING'
_RUNNING = 'RUNNING'
_CANCELLED = 'CANCELLED'
_CANCELLED_AND_NOTIFIED = 'CANCELLED_AND_NOTIFIED'
_FINISHED = 'FINISHED'
_DONE_STATES = (_CANCELLED, _CANCELLED_AND_NOTIFIED, _FINISHED)


class Error(Exception):
    pass


class CancelledError(Error):
    pass


class InvalidStateError(Error):
    pass


class BrokenExecutor(RuntimeError):
    pass


TimeoutError = TimeoutError


class _Waiter:
    def __init__(self):
        self.event = threading.Event()
        self.lock = threading.Lock()
        self.finished_futures = []

    def add_result(self, future):
        with self.lock:
            self.finished_futures.append(future)
            self.event.set()

    add_cancelled = add_result


class Future:
    def __init__(self):
        self._condition = threading.Condition()
        self._state = _PENDING
        self._result = None
        self._exception = None
        self._waiters = []
        self._done_callbacks = []

    def __repr__(self):
        with self._condition:
            if self._state == _FINISHED:
                if self._exception is not None:
                    return '<Future at %s state=finished raised %s>' % (
                        hex(id(self)), type(self._exception).__name__)
                return '<Future at %s state=finished returned %s>' % (
                    hex(id(self)), type(self._result).__name__)
            return '<Future at %s state=%s>' % (hex(id(self)), self._state.lower())

    def _call_back(self, fn):
        try:
            fn(self)
        except Exception as e:
            print('exception calling callback for %r' % (self,), file=_stderr())
            print('%s: %s' % (type(e).__name__, e), file=_stderr())

    def _invoke_callbacks(self):
        for callback in self._done_callbacks:
            self._call_back(callback)

    def cancel(self):
        with self._condition:
            if self._state in (_RUNNING, _FINISHED):
                return False
            if self._state in (_CANCELLED, _CANCELLED_AND_NOTIFIED):
                return True
            self._state = _CANCELLED
            self._condition.notify_all()
        self._invoke_callbacks()
        return True

    def cancelled(self):
        return self._state in (_CANCELLED, _CANCELLED_AND_NOTIFIED)

    def running(self):
        return self._state == _RUNNING

    def done(self):
        return self._state in _DONE_STATES

    def __get_result(self):
        if self._exception is not None:
            raise self._exception
        return self._result

    def add_done_callback(self, fn):
        with self._condition:
            if self._state not in _DONE_STATES:
                self._done_callbacks.append(fn)
                return
        self._call_back(fn)

    def _wait_finished(self, timeout):
        # Under the condition: returns once finished, else CancelledError or TimeoutError.
        if self._state not in _DONE_STATES:
            self._condition.wait(timeout)
        if self._state in (_CANCELLED, _CANCELLED_AND_NOTIFIED):
            raise CancelledError()
        if self._state != _FINISHED:
            raise TimeoutError()

    def result(self, timeout=None):
        with self._condition:
            self._wait_finished(timeout)
            return self.__get_result()

    def exception(self, timeout=None):
        with self._condition:
            self._wait_finished(timeout)
            return self._exception

    def set_running_or_notify_cancel(self):
        with self._condition:
            if self._state == _CANCELLED:
                self._state = _CANCELLED_AND_NOTIFIED
                for waiter in self._waiters:
                    waiter.add_cancelled(self)
                return False
            if self._state == _PENDING:
                self._state = _RUNNING
                return True
            raise RuntimeError('Future in unexpected state')

    def _finish(self, result, exception):
        with self._condition:
            if self._state in _DONE_STATES:
                raise InvalidStateError('%s: %r' % (self._state, self))
            self._result = result
            self._exception = exception
            self._state = _FINISHED
            for waiter in self._waiters:
                waiter.add_result(self)
            self._condition.notify_all()
        self._invoke_callbacks()

    def set_result(self, result):
        self._finish(result, None)

    def set_exception(self, exception):
        self._finish(None, exception)


def _stderr():
    import sys
    return sys.stderr


def _install_waiter(fs):
    # The futures already done, the others, and a waiter each of the others will tell.
    waiter = _Waiter()
    done = []
    pending = []
    for f in fs:
        with f._condition:
            if f._state in (_CANCELLED_AND_NOTIFIED, _FINISHED):
                done.append(f)
            else:
                pending.append(f)
                f._waiters.append(waiter)
    return waiter, done, pending


def _remove_waiter(fs, waiter):
    for f in fs:
        with f._condition:
            if waiter in f._waiters:
                f._waiters.remove(waiter)


def _take_finished(waiter):
    with waiter.lock:
        finished = waiter.finished_futures
        waiter.finished_futures = []
        waiter.event.clear()
    return finished


def as_completed(fs, timeout=None):
    if timeout is not None:
        end_time = timeout + _time()
    fs = list(dict.fromkeys(fs))
    total = len(fs)
    waiter, done, pending = _install_waiter(fs)
    try:
        for f in done:
            yield f
        while pending:
            if timeout is None:
                wait_timeout = None
            else:
                wait_timeout = end_time - _time()
                if wait_timeout < 0:
                    raise TimeoutError('%d (of %d) futures unfinished' % (len(pending), total))
            waiter.event.wait(wait_timeout)
            for f in _take_finished(waiter):
                if f in pending:
                    pending.remove(f)
                    yield f
    finally:
        _remove_waiter(fs, waiter)


class DoneAndNotDoneFutures:
    def __init__(self, done, not_done):
        self.done = done
        self.not_done = not_done

    def __iter__(self):
        return iter((self.done, self.not_done))

    def __getitem__(self, i):
        return (self.done, self.not_done)[i]

    def __len__(self):
        return 2

    def __repr__(self):
        return 'DoneAndNotDoneFutures(done=%r, not_done=%r)' % (self.done, self.not_done)


def wait(fs, timeout=None, return_when=ALL_COMPLETED):
    fs = list(dict.fromkeys(fs))
    waiter, done_list, pending = _install_waiter(fs)
    done = set(done_list)
    not_done = set(pending)
    end_time = None if timeout is None else timeout + _time()

    def enough():
        if return_when == FIRST_COMPLETED:
            return len(done) > 0
        if return_when == FIRST_EXCEPTION:
            for f in done:
                if not f.cancelled() and f._exception is not None:
                    return True
        return len(not_done) == 0

    try:
        while not enough():
            remaining = None if end_time is None else end_time - _time()
            if remaining is not None and remaining <= 0:
                break
            waiter.event.wait(remaining)
            for f in _take_finished(waiter):
                done.add(f)
                not_done.discard(f)
    finally:
        _remove_waiter(fs, waiter)
    return DoneAndNotDoneFutures(done, not_done)


def _result_or_cancel(fut, timeout=None):
    try:
        return fut.result(timeout)
    finally:
        fut.cancel()


class Executor:
    def submit(self, fn, *args, **kwargs):
        raise NotImplementedError()

    def map(self, fn, *iterables, timeout=None, chunksize=1):
        if timeout is not None:
            end_time = timeout + _time()
        fs = [self.submit(fn, *args) for args in zip(*iterables)]

        def result_iterator():
            try:
                fs.reverse()
                while fs:
                    if timeout is None:
                        yield _result_or_cancel(fs.pop())
                    else:
                        yield _result_or_cancel(fs.pop(), end_time - _time())
            finally:
                for future in fs:
                    future.cancel()
        return result_iterator()

    def shutdown(self, wait=True, *, cancel_futures=False):
        pass

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.shutdown(wait=True)
        return False


class _WorkItem:
    def __init__(self, future, fn, args, kwargs):
        self.future = future
        self.fn = fn
        self.args = args
        self.kwargs = kwargs

    def run(self):
        if not self.future.set_running_or_notify_cancel():
            return
        try:
            result = self.fn(*self.args, **self.kwargs)
        except BaseException as exc:
            self.future.set_exception(exc)
        else:
            self.future.set_result(result)


_shutdown = False
_global_shutdown_lock = threading.Lock()
_executors = []


def _python_exit():
    global _shutdown
    with _global_shutdown_lock:
        _shutdown = True
    for executor in _executors:
        executor._work_queue.put(None)
    for executor in _executors:
        for t in list(executor._threads):
            t.join()


threading._register_atexit(_python_exit)


def _worker(executor, work_queue, initializer, initargs):
    if initializer is not None:
        try:
            initializer(*initargs)
        except BaseException:
            print('Exception in initializer:', file=_stderr())
            executor._initializer_failed()
            return
    while True:
        work_item = work_queue.get(block=True)
        if work_item is not None:
            work_item.run()
            del work_item
            executor._idle_semaphore.release()
            continue
        # None: the executor is shutting down; wake the next worker and leave.
        work_queue.put(None)
        return


class BrokenThreadPool(BrokenExecutor):
    pass


class ThreadPoolExecutor(Executor):
    _counter = 0

    def __init__(self, max_workers=None, thread_name_prefix='', initializer=None, initargs=()):
        if max_workers is None:
            max_workers = min(32, (_os.cpu_count() or 1) + 4)
        if max_workers <= 0:
            raise ValueError("max_workers must be greater than 0")
        if initializer is not None and not callable(initializer):
            raise TypeError("initializer must be a callable")
        self._max_workers = max_workers
        self._work_queue = _queue.Queue()
        self._idle_semaphore = threading.Semaphore(0)
        self._threads = []
        self._broken = False
        self._shutdown = False
        self._shutdown_lock = threading.Lock()
        self._thread_name_prefix = thread_name_prefix or (
            'ThreadPoolExecutor-%d' % ThreadPoolExecutor._counter)
        ThreadPoolExecutor._counter += 1
        self._initializer = initializer
        self._initargs = initargs
        _executors.append(self)

    def submit(self, fn, *args, **kwargs):
        with self._shutdown_lock, _global_shutdown_lock:
            if self._broken:
                raise BrokenThreadPool(self._broken)
            if self._shutdown:
                raise RuntimeError('cannot schedule new futures after shutdown')
            if _shutdown:
                raise RuntimeError('cannot schedule new futures after interpreter shutdown')
            f = Future()
            self._work_queue.put(_WorkItem(f, fn, args, kwargs))
            self._adjust_thread_count()
            return f

    def _adjust_thread_count(self):
        if self._idle_semaphore.acquire(timeout=0):
            return
        num_threads = len(self._threads)
        if num_threads < self._max_workers:
            t = threading.Thread(name='%s_%d' % (self._thread_name_prefix, num_threads),
                                 target=_worker,
                                 args=(self, self._work_queue, self._initializer, self._initargs))
            t.start()
            self._threads.append(t)

    def _take_queued(self):
        # Empties the work queue: the work items that were in it (shutdown markers left out).
        items = []
        while True:
            try:
                work_item = self._work_queue.get_nowait()
            except _queue.Empty:
                return items
            if work_item is not None:
                items.append(work_item)

    def _initializer_failed(self):
        with self._shutdown_lock:
            self._broken = ('A thread initializer failed, the thread pool '
                            'is not usable anymore')
            for work_item in self._take_queued():
                work_item.future.set_exception(BrokenThreadPool(self._broken))

    def shutdown(self, wait=True, *, cancel_futures=False):
        with self._shutdown_lock:
            self._shutdown = True
            if cancel_futures:
                for work_item in self._take_queued():
                    work_item.future.cancel()
            self._work_queue.put(None)
        if wait:
            for t in list(self._threads):
                t.join()


class BrokenProcessPool(BrokenExecutor):
    pass


class ProcessPoolExecutor(Executor):
    # Built on multiprocessing.Pool: each submit is an apply_async whose callbacks finish the
    # future, called by a manager thread of the executor that waits for the results in order of
    # submission (CPython's executor has such a thread too). A submitted call is handed to the
    # pool at once, so its future is running from the start and cancel() returns False (CPython
    # can cancel one still queued).
    def __init__(self, max_workers=None, mp_context=None, initializer=None, initargs=(), *,
                 max_tasks_per_child=None):
        if max_workers is None:
            max_workers = _os.cpu_count() or 1
        elif max_workers <= 0:
            raise ValueError("max_workers must be greater than 0")
        if initializer is not None and not callable(initializer):
            raise TypeError("initializer must be a callable")
        if mp_context is None:
            import multiprocessing as mp_context
        self._max_workers = max_workers
        self._context = mp_context
        self._initializer = initializer
        self._initargs = initargs
        self._maxtasks = max_tasks_per_child
        self._pool = None
        self._pending = _queue.Queue()
        self._manager = None
        self._shutdown = False
        self._lock = threading.Lock()

    def _collect_results(self):
        while True:
            result = self._pending.get()
            if result is None:
                return
            result.wait()

    def submit(self, fn, /, *args, **kwargs):
        with self._lock:
            if self._shutdown:
                raise RuntimeError('cannot schedule new futures after shutdown')
            if self._pool is None:
                self._pool = self._context.Pool(self._max_workers, self._initializer,
                                                self._initargs, self._maxtasks)
                self._manager = threading.Thread(target=self._collect_results, daemon=True)
                self._manager.start()
            f = Future()
            f.set_running_or_notify_cancel()
            try:
                result = self._pool.apply_async(fn, args, kwargs, callback=f.set_result,
                                                error_callback=f.set_exception)
            except Exception as e:
                f.set_exception(e)
            else:
                self._pending.put(result)
            return f

    def map(self, fn, *iterables, timeout=None, chunksize=1):
        if chunksize < 1:
            raise ValueError("chunksize must be >= 1.")
        return Executor.map(self, fn, *iterables, timeout=timeout)

    def shutdown(self, wait=True, *, cancel_futures=False):
        with self._lock:
            self._shutdown = True
            pool = self._pool
        if pool is not None:
            self._pending.put(None)
            if wait:
                self._manager.join()
                pool.close()
                pool.join()
            else:
                pool.close()
)PY";

}  // namespace interleave::vm
