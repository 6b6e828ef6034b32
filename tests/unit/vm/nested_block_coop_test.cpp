// Under the cooperative driver (one OS thread for every Python thread) a call that must wait
// inside a built-in's callback cannot: Driver::nested_block answers false and the VM raises a
// RuntimeError that names the way out. A for loop over the same generator waits as usual, and so
// do list() and the other built-ins that iterate an argument (Builtin::consumes).
#include <doctest/doctest.h>

#include <string>

#include "vm_test_util.h"

using interleave::vm::test::ProgramResult;
using interleave::vm::test::run_program;

namespace {

constexpr const char* kProducer = R"PY(
import threading, queue, time
q = queue.Queue()
def producer():
    time.sleep(0.01)
    q.put(1)
    q.put(None)
threading.Thread(target=producer).start()
def items():
    while (item := q.get()) is not None:
        yield item
)PY";

TEST_CASE("cooperative driver: next() on a generator that waits raises RuntimeError") {
  const ProgramResult r = run_program(std::string(kProducer) + "print(next(items()))\n");
  CHECK(r.status == 1);
  CHECK(r.out.empty());
  CHECK(r.err.find("RuntimeError: a blocking call inside a callback from a built-in") !=
        std::string::npos);
  CHECK(r.err.find("a for loop over the generator works") != std::string::npos);
}

TEST_CASE("cooperative driver: a for loop over the same generator waits and gets the items") {
  const ProgramResult r =
      run_program(std::string(kProducer) + "for x in items():\n    print('got', x)\n");
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  CHECK(r.out == "got 1\n");
}

TEST_CASE("cooperative driver: list() and sum() of a generator that waits get every item") {
  // They run their Python equivalents (prelude _consume), whose for loops can wait.
  const ProgramResult r = run_program(std::string(kProducer) + "print(list(items()))\n");
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  CHECK(r.out == "[1]\n");
}

}  // namespace
