// The prelude's _consume module: Python equivalents of the built-ins that iterate an argument
// (list, tuple, set, frozenset, dict, sorted, sum, min, max, any, all, str.join), used by
// Thread::invoke when that argument is a generator (Builtin/Type::consumes). Their for loops
// resume the generator in the eval loop, so a generator that waits (a Queue, a lock, a sleep,
// Future.result()) works under every driver; the results, errors and messages are the built-ins'
// own, which each equivalent calls on the list it gathered. Compiled on first use.
#include "vm/prelude.h"

namespace interleave::vm {

const std::string_view kConsumeSource = R"PY(
def _list(iterable):
    result = []
    for item in iterable:
        result.append(item)
    return result


def _tuple(iterable):
    return tuple(_list(iterable))


def _set(iterable):
    return set(_list(iterable))


def _frozenset(iterable):
    return frozenset(_list(iterable))


def _dict(iterable, **kwargs):
    return dict(_list(iterable), **kwargs)


def _sorted(iterable, **kwargs):
    return sorted(_list(iterable), **kwargs)


def _sum(iterable, *start):
    return sum(_list(iterable), *start)


def _min(iterable, **kwargs):
    return min(_list(iterable), **kwargs)


def _max(iterable, **kwargs):
    return max(_list(iterable), **kwargs)


def _any(iterable):
    for item in iterable:
        if item:
            return True
    return False


def _all(iterable):
    for item in iterable:
        if not item:
            return False
    return True


def _join(sep, iterable):
    return sep.join(_list(iterable))
)PY";

}  // namespace interleave::vm
