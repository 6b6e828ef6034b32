// The collections module in Python: deque, defaultdict, Counter, OrderedDict and namedtuple with
// CPython 3.11's reprs, methods and errors. Interleave's classes cannot subclass dict or tuple
// (docs/language.md), so each wraps one: a defaultdict is no `dict` to isinstance(), a namedtuple
// no `tuple`, and everything else behaves as CPython's. A deque's append/appendleft/pop/popleft
// (O(1), two lists) and a defaultdict's filling of a missing key are each one native list/dict
// operation, as CPython's are one C call, so threads sharing one (a deque as a work queue, a
// defaultdict(list) that workers append to) are as safe as there.
// Compiled on first import, like threading and queue.
#include "vm/prelude.h"

namespace interleave::vm {

const std::string_view kCollectionsSource = R"PY(
from _thread import allocate_lock as _allocate_lock

_MISSING = object()


class deque:
    # Two lists: _front holds the left part reversed (its end is the leftmost item), _back the
    # right part, so append and popleft are O(1) and one native list operation each (as CPython's
    # deque methods are one C call, threads may share a deque as a queue without a lock). When
    # _front runs dry, popleft moves _back's items over under _lock (copy, then delete just what
    # was copied: appends meanwhile stay in _back); everything else that takes items from _back
    # or puts them into _front (pop, appendleft, the rearranging methods) holds _lock too.
    def __init__(self, iterable=(), maxlen=None):
        if maxlen is not None:
            if not isinstance(maxlen, int):
                raise TypeError('an integer is required')
            if maxlen < 0:
                raise ValueError('maxlen must be non-negative')
        self._maxlen = maxlen
        self._front = []
        self._back = []
        self._lock = _allocate_lock()
        self.extend(iterable)

    @property
    def maxlen(self):
        return self._maxlen

    def _items(self):
        return self._front[::-1] + self._back

    def _set_items(self, items):
        with self._lock:
            self._back[:] = items
            del self._front[:]

    def append(self, x):
        self._back.append(x)
        if self._maxlen is not None:
            while len(self._front) + len(self._back) > self._maxlen:
                self.popleft()

    def appendleft(self, x):
        with self._lock:
            self._front.append(x)
        if self._maxlen is not None:
            while len(self._front) + len(self._back) > self._maxlen:
                self.pop()

    def extend(self, iterable):
        if iterable is self:
            iterable = self._items()
        for x in iterable:
            self.append(x)

    def extendleft(self, iterable):
        if iterable is self:
            iterable = self._items()
        for x in iterable:
            self.appendleft(x)

    def popleft(self):
        while True:
            try:
                return self._front.pop()
            except IndexError:
                pass
            with self._lock:
                if not self._front:
                    moved = self._back[:]
                    if not moved:
                        raise IndexError('pop from an empty deque')
                    del self._back[:len(moved)]
                    moved.reverse()
                    self._front.extend(moved)

    def pop(self):
        with self._lock:
            if self._back:
                return self._back.pop()
            if self._front:
                return self._front.pop(0)
        raise IndexError('pop from an empty deque')

    def clear(self):
        with self._lock:
            del self._front[:]
            del self._back[:]

    def copy(self):
        return deque(self._items(), self._maxlen)

    def count(self, x):
        return self._front.count(x) + self._back.count(x)

    def index(self, x, *args):
        try:
            return self._items().index(x, *args)
        except ValueError:
            raise ValueError(f'{x!r} is not in deque') from None

    def insert(self, i, x):
        if self._maxlen is not None and len(self) >= self._maxlen:
            raise IndexError('deque already at its maximum size')
        items = self._items()
        items.insert(i, x)
        self._set_items(items)

    def remove(self, value):
        items = self._items()
        try:
            items.remove(value)
        except ValueError:
            raise ValueError(f'{value!r} is not in deque') from None
        self._set_items(items)

    def reverse(self):
        items = self._items()
        items.reverse()
        self._set_items(items)

    def rotate(self, n=1):
        items = self._items()
        if items:
            n %= len(items)
            if n:
                self._set_items(items[-n:] + items[:-n])

    def __len__(self):
        return len(self._front) + len(self._back)

    def __bool__(self):
        return len(self) > 0

    def __iter__(self):
        return iter(self._items())

    def __reversed__(self):
        return reversed(self._items())

    def __contains__(self, x):
        return x in self._back or x in self._front

    def _index(self, i):
        if not isinstance(i, int):
            raise TypeError(f"sequence index must be integer, not '{type(i).__name__}'")
        size = len(self)
        if i < -size or i >= size:
            raise IndexError('deque index out of range')
        return i + size if i < 0 else i

    def __getitem__(self, i):
        i = self._index(i)
        nfront = len(self._front)
        if i < nfront:
            return self._front[nfront - 1 - i]
        return self._back[i - nfront]

    def __setitem__(self, i, x):
        i = self._index(i)
        nfront = len(self._front)
        if i < nfront:
            self._front[nfront - 1 - i] = x
        else:
            self._back[i - nfront] = x

    def __delitem__(self, i):
        i = self._index(i)
        items = self._items()
        del items[i]
        self._set_items(items)

    def __eq__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return self._items() == other._items()

    def __lt__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return self._items() < other._items()

    def __le__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return self._items() <= other._items()

    def __gt__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return self._items() > other._items()

    def __ge__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return self._items() >= other._items()

    __hash__ = None

    def __add__(self, other):
        if not isinstance(other, deque):
            raise TypeError(f'can only concatenate deque (not "{type(other).__name__}") to deque')
        return deque(self._items() + other._items(), self._maxlen)

    def __iadd__(self, other):
        self.extend(other)
        return self

    def __mul__(self, n):
        return deque(self._items() * n, self._maxlen)

    def __copy__(self):
        return self.copy()

    def __repr__(self):
        if self._maxlen is None:
            return f'deque({self._items()!r})'
        return f'deque({self._items()!r}, maxlen={self._maxlen})'


class _Mapping:
    # A dict held in _d with dict's methods; the subclasses add what theirs add.
    def __init__(self, *args, **kwargs):
        self._d = {}
        self.update(*args, **kwargs)

    def __getitem__(self, key):
        try:
            return self._d[key]
        except KeyError:
            pass
        return self.__missing__(key)

    def __missing__(self, key):
        raise KeyError(key)

    def __setitem__(self, key, value):
        self._d[key] = value

    def __delitem__(self, key):
        del self._d[key]

    def __contains__(self, key):
        return key in self._d

    def __len__(self):
        return len(self._d)

    def __iter__(self):
        return iter(self._d)

    def __reversed__(self):
        return reversed(self._d)

    def __eq__(self, other):
        if isinstance(other, _Mapping):
            return self._d == other._d
        if isinstance(other, dict):
            return self._d == other
        return NotImplemented

    __hash__ = None

    def keys(self):
        return self._d.keys()

    def values(self):
        return self._d.values()

    def items(self):
        return self._d.items()

    def get(self, key, default=None):
        return self._d.get(key, default)

    def setdefault(self, key, default=None):
        return self._d.setdefault(key, default)

    def pop(self, key, *default):
        return self._d.pop(key, *default)

    def popitem(self):
        return self._d.popitem()

    def clear(self):
        self._d.clear()

    def update(self, *args, **kwargs):
        if len(args) > 1:
            raise TypeError(f'update expected at most 1 argument, got {len(args)}')
        if args:
            other = args[0]
            if isinstance(other, _Mapping):
                other = other._d
            self._d.update(other)
        if kwargs:
            self._d.update(kwargs)

    def __or__(self, other):
        if not isinstance(other, (dict, _Mapping)):
            return NotImplemented
        new = self.copy()
        new.update(other)
        return new

    def __ior__(self, other):
        self.update(other)
        return self


class defaultdict(_Mapping):
    def __init__(self, default_factory=None, *args, **kwargs):
        if default_factory is not None and not callable(default_factory):
            raise TypeError('first argument must be callable or None')
        self.default_factory = default_factory
        _Mapping.__init__(self, *args, **kwargs)

    def __missing__(self, key):
        if self.default_factory is None:
            raise KeyError(key)
        # setdefault: of two threads that miss the same key at once, both get the one value.
        return self._d.setdefault(key, self.default_factory())

    def copy(self):
        return defaultdict(self.default_factory, self._d)

    __copy__ = copy

    def __repr__(self):
        if self.default_factory is None:
            factory = 'None'
        else:
            factory = repr(self.default_factory)
        return f'defaultdict({factory}, {self._d!r})'


class OrderedDict(_Mapping):
    def move_to_end(self, key, last=True):
        value = self._d.pop(key)
        if last:
            self._d[key] = value
        else:
            rest = list(self._d.items())
            self._d.clear()
            self._d[key] = value
            self._d.update(rest)

    def popitem(self, last=True):
        if not self._d:
            raise KeyError('dictionary is empty')
        if last:
            return self._d.popitem()
        key = next(iter(self._d))
        return key, self._d.pop(key)

    def copy(self):
        return OrderedDict(self._d)

    __copy__ = copy

    def __eq__(self, other):
        if isinstance(other, OrderedDict):
            return list(self._d.items()) == list(other._d.items())
        return _Mapping.__eq__(self, other)

    def __repr__(self):
        if not self._d:
            return 'OrderedDict()'
        return f'OrderedDict({list(self._d.items())!r})'


class Counter(_Mapping):
    def __init__(self, iterable=None, /, **kwds):
        self._d = {}
        self.update(iterable, **kwds)

    def __missing__(self, key):
        return 0

    def total(self):
        return sum(self._d.values())

    def most_common(self, n=None):
        ranked = sorted(self._d.items(), key=lambda kv: kv[1], reverse=True)
        return ranked if n is None else ranked[:n]

    def elements(self):
        for elem, count in self._d.items():
            for _ in range(count):
                yield elem

    def update(self, iterable=None, /, **kwds):
        if iterable is not None:
            if isinstance(iterable, (dict, _Mapping)):
                for elem, count in iterable.items():
                    self._d[elem] = self._d.get(elem, 0) + count
            else:
                for elem in iterable:
                    self._d[elem] = self._d.get(elem, 0) + 1
        if kwds:
            self.update(kwds)

    def subtract(self, iterable=None, /, **kwds):
        if iterable is not None:
            if isinstance(iterable, (dict, _Mapping)):
                for elem, count in iterable.items():
                    self._d[elem] = self._d.get(elem, 0) - count
            else:
                for elem in iterable:
                    self._d[elem] = self._d.get(elem, 0) - 1
        if kwds:
            self.subtract(kwds)

    def copy(self):
        return Counter(self)

    __copy__ = copy

    def __delitem__(self, elem):
        self._d.pop(elem, None)

    def __eq__(self, other):
        if not isinstance(other, Counter):
            return _Mapping.__eq__(self, other)
        return all(self[e] == other[e] for c in (self, other) for e in c)

    def __add__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for elem, count in self.items():
            newcount = count + other[elem]
            if newcount > 0:
                result[elem] = newcount
        for elem, count in other.items():
            if elem not in self and count > 0:
                result[elem] = count
        return result

    def __sub__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for elem, count in self.items():
            newcount = count - other[elem]
            if newcount > 0:
                result[elem] = newcount
        for elem, count in other.items():
            if elem not in self and count < 0:
                result[elem] = 0 - count
        return result

    def __or__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for elem, count in self.items():
            other_count = other[elem]
            newcount = other_count if count < other_count else count
            if newcount > 0:
                result[elem] = newcount
        for elem, count in other.items():
            if elem not in self and count > 0:
                result[elem] = count
        return result

    def __and__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for elem, count in self.items():
            other_count = other[elem]
            newcount = count if count < other_count else other_count
            if newcount > 0:
                result[elem] = newcount
        return result

    def __pos__(self):
        result = Counter()
        for elem, count in self.items():
            if count > 0:
                result[elem] = count
        return result

    def __neg__(self):
        result = Counter()
        for elem, count in self.items():
            if count < 0:
                result[elem] = 0 - count
        return result

    def __iadd__(self, other):
        for elem, count in other.items():
            self[elem] += count
        return self._keep_positive()

    def __isub__(self, other):
        for elem, count in other.items():
            self[elem] -= count
        return self._keep_positive()

    def _keep_positive(self):
        for elem in [e for e, c in self._d.items() if not c > 0]:
            del self._d[elem]
        return self

    def __repr__(self):
        if not self._d:
            return 'Counter()'
        return f'Counter({dict(self.most_common())!r})'


def namedtuple(typename, field_names, *, rename=False, defaults=None, module=None):
    if isinstance(field_names, str):
        field_names = field_names.replace(',', ' ').split()
    field_names = tuple(map(str, field_names))
    for name in (typename,) + field_names:
        if not name.isidentifier():
            raise ValueError(f'Type names and field names must be valid identifiers: {name!r}')
    seen = set()
    for name in field_names:
        if name.startswith('_'):
            raise ValueError(f'Field names cannot start with an underscore: {name!r}')
        if name in seen:
            raise ValueError(f'Encountered duplicate field name: {name!r}')
        seen.add(name)
    num_fields = len(field_names)
    defaults = tuple(defaults) if defaults is not None else ()
    if len(defaults) > num_fields:
        raise TypeError('Got more default values than field names')
    field_defaults = dict(zip(field_names[num_fields - len(defaults):], defaults))

    class cls(_NamedTuple):
        _fields = field_names
        _field_defaults = field_defaults

        def __init__(self, *args, **kwargs):
            values = list(args)
            if len(values) > num_fields:
                raise TypeError(f'{typename}.__new__() takes {num_fields + 1} positional '
                                f'arguments but {len(values) + 1} were given')
            for name in field_names[len(values):]:
                if name in kwargs:
                    values.append(kwargs.pop(name))
                elif name in field_defaults:
                    values.append(field_defaults[name])
                else:
                    missing = [n for n in field_names[len(values):]
                               if n not in kwargs and n not in field_defaults]
                    listed = ' and '.join(repr(n) for n in missing) if len(missing) <= 2 else \
                        ', '.join(repr(n) for n in missing[:-1]) + ', and ' + repr(missing[-1])
                    raise TypeError(f"{typename}.__new__() missing {len(missing)} required "
                                    f"positional argument{'s' if len(missing) > 1 else ''}: {listed}")
            for name in kwargs:
                if name in field_names:
                    raise TypeError(f"{typename}.__new__() got multiple values for argument '{name}'")
                raise TypeError(f"{typename}.__new__() got an unexpected keyword argument '{name}'")
            object.__setattr__(self, '_tuple', tuple(values))

    for index, name in enumerate(field_names):
        setattr(cls, name, _field_property(index))
    cls.__name__ = typename
    cls.__qualname__ = typename
    cls.__module__ = module if module is not None else _caller_module()
    return cls


def _field_property(index):
    return property(lambda self: self._tuple[index])


class _NamedTuple:
    # The methods every namedtuple class shares; the values live in the tuple _tuple.
    def __setattr__(self, name, value):
        raise AttributeError("can't set attribute")

    @classmethod
    def _make(cls, iterable):
        return cls(*iterable)

    def _replace(self, **kwargs):
        values = [kwargs.pop(name, value) for name, value in zip(self._fields, self._tuple)]
        if kwargs:
            raise ValueError(f'Got unexpected field names: {list(kwargs)!r}')
        return type(self)(*values)

    def _asdict(self):
        return dict(zip(self._fields, self._tuple))

    def __repr__(self):
        inner = ', '.join(f'{name}={value!r}' for name, value in zip(self._fields, self._tuple))
        return f'{type(self).__name__}({inner})'

    def __iter__(self):
        return iter(self._tuple)

    def __len__(self):
        return len(self._tuple)

    def __getitem__(self, i):
        return self._tuple[i]

    def __contains__(self, x):
        return x in self._tuple

    def __hash__(self):
        return hash(self._tuple)

    def count(self, x):
        return self._tuple.count(x)

    def index(self, x, *args):
        return self._tuple.index(x, *args)

    @staticmethod
    def _other(other):
        if isinstance(other, _NamedTuple):
            return other._tuple
        if isinstance(other, tuple):
            return other
        return _MISSING

    def __eq__(self, other):
        o = self._other(other)
        return NotImplemented if o is _MISSING else self._tuple == o

    def __lt__(self, other):
        o = self._other(other)
        return NotImplemented if o is _MISSING else self._tuple < o

    def __le__(self, other):
        o = self._other(other)
        return NotImplemented if o is _MISSING else self._tuple <= o

    def __gt__(self, other):
        o = self._other(other)
        return NotImplemented if o is _MISSING else self._tuple > o

    def __ge__(self, other):
        o = self._other(other)
        return NotImplemented if o is _MISSING else self._tuple >= o

    def __add__(self, other):
        return self._tuple + tuple(other)
)PY";

}  // namespace interleave::vm
