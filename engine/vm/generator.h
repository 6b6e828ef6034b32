// The generator protocol: resuming (send), throw() and close() with CPython 3.11's rules, the
// delegation of `yield from` (SEND), and the closing of a generator that only a for loop holds.
// A generator resumed by a for loop, a comprehension or `yield from` (FOR_ITER, SEND) runs in its
// caller's own eval loop, its frame linked on top of the thread's frames, so that a blocking call
// in its body (a sleep, a lock, a queue) yields to the driver like any frame's; resumed by a
// built-in (next(), send(), list(), sum()...) it runs in a nested loop. `Generator::running` is
// claimed atomically, so with the GIL off a second thread gets "generator already executing".
#pragma once

#include "vm/interp.h"

namespace interleave::vm {

// Resumes g with `value`: the yielded value; when g finishes, *done is set and the result is its
// return value (null if it raised, with the exception set).
Value generator_send(Thread& t, Generator* g, Value value, bool* done);
// Resumes g in the caller's eval loop (FOR_ITER and SEND): claims g, gives `value` to its paused
// yield and links its frame above the thread's current one, without a boundary. The frame to run
// next; null when g is finished (no exception set) or cannot be resumed (exception set). The eval
// loop calls generator_leave when that frame yields or returns, generator_left_raising when an
// exception leaves it (which turns a StopIteration into CPython's RuntimeError).
Frame* generator_enter(Thread& t, Generator* g, Value value);
void generator_leave(Generator* g);
void generator_left_raising(Thread& t, Generator* g);
// Raises `exc` (an exception instance) at g's paused yield, forwarding it to the iterator a
// `yield from` there delegates to. Results as generator_send.
Value generator_throw(Thread& t, Generator* g, Value exc, bool* done);
// close(): GeneratorExit at the paused yield. None, or null with an exception set (a RuntimeError
// when g yielded in response, or whatever else g raised).
Value generator_close(Thread& t, Generator* g);
// One step of `yield from` (the SEND opcode): sends `value` into `receiver` (a generator, or any
// iterator: next() for None, else its send method). The value it yields, or with *done set the
// result of the `yield from` expression; null with an exception set.
Value yield_from_send(Thread& t, Value receiver, Value value, bool* done);
// CPython closes a generator as soon as its last reference goes. The emulated case: a generator
// a for loop (or a comprehension's outermost iterable) claimed when a direct call created it
// (Generator::loop_owned; nobody else can hold it) is closed when the loop lets go of it early.
// Any exception set on the thread is kept; one raised by the close is printed as CPython prints an
// unraisable exception. Nothing runs once the thread is stopping (hard_exit).
void close_loop_owned(Thread& t, Value v);

}  // namespace interleave::vm
