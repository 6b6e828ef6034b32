// The typing module in Python, enough for annotated programs to run: the names programs import
// (List, Dict, Optional, Callable, TypeVar, Generic, Protocol...), subscriptable and printing as
// CPython's (`typing.List[int]`), cast, overload, TYPE_CHECKING. Nothing checks types, as in
// CPython. Compiled on first import.
#include "vm/prelude.h"

namespace interleave::vm {

const std::string_view kTypingSource = R"PY(
TYPE_CHECKING = False


def _type_repr(obj):
    if isinstance(obj, type):
        if obj.__module__ == 'builtins':
            return obj.__qualname__
        return f'{obj.__module__}.{obj.__qualname__}'
    if obj is ...:
        return '...'
    if obj is None or obj is type(None):
        return 'None'
    return repr(obj)


class _GenericAlias:
    def __init__(self, origin, name, args):
        self.__origin__ = origin
        self._name = name
        self.__args__ = args

    def __repr__(self):
        if self._name == 'Optional':
            return f'typing.Optional[{_type_repr(self.__args__[0])}]'
        if self._name == 'Callable' and len(self.__args__) == 2 and isinstance(self.__args__[0], list):
            params = ', '.join(_type_repr(a) for a in self.__args__[0])
            return f'typing.Callable[[{params}], {_type_repr(self.__args__[1])}]'
        return f'typing.{self._name}[{", ".join(_type_repr(a) for a in self.__args__)}]'

    def __getitem__(self, params):
        return self

    def __call__(self, *args, **kwargs):
        if self.__origin__ is None:
            raise TypeError(f'Type {self._name} cannot be instantiated')
        return self.__origin__(*args, **kwargs)

    def __eq__(self, other):
        if not isinstance(other, _GenericAlias):
            return NotImplemented
        return self.__origin__ is other.__origin__ and self.__args__ == other.__args__

    def __hash__(self):
        return hash((self._name, self.__args__))


class _SpecialForm:
    def __init__(self, name, origin=None):
        self._name = name
        self.__origin__ = origin

    def __repr__(self):
        return 'typing.' + self._name

    def __getitem__(self, params):
        if not isinstance(params, tuple):
            params = (params,)
        if self._name == 'Optional':
            return _GenericAlias(None, 'Optional', params)
        if self._name == 'Union' and len(params) == 2:
            nones = [p for p in params if p is None or p is type(None)]
            if len(nones) == 1:
                other = params[1] if nones[0] is params[0] else params[0]
                return _GenericAlias(None, 'Optional', (other,))
        return _GenericAlias(self.__origin__, self._name, params)

    def __call__(self, *args, **kwargs):
        if self.__origin__ is None:
            raise TypeError(f'Cannot instantiate typing.{self._name}')
        return self.__origin__(*args, **kwargs)


Any = _SpecialForm('Any')
NoReturn = _SpecialForm('NoReturn')
ClassVar = _SpecialForm('ClassVar')
Final = _SpecialForm('Final')
Union = _SpecialForm('Union')
Optional = _SpecialForm('Optional')
Literal = _SpecialForm('Literal')
Callable = _SpecialForm('Callable')
List = _SpecialForm('List', list)
Dict = _SpecialForm('Dict', dict)
Set = _SpecialForm('Set', set)
FrozenSet = _SpecialForm('FrozenSet', frozenset)
Tuple = _SpecialForm('Tuple', tuple)
Type = _SpecialForm('Type', type)
Iterable = _SpecialForm('Iterable')
Iterator = _SpecialForm('Iterator')
Generator = _SpecialForm('Generator')
Sequence = _SpecialForm('Sequence')
MutableSequence = _SpecialForm('MutableSequence')
Mapping = _SpecialForm('Mapping')
MutableMapping = _SpecialForm('MutableMapping')
Collection = _SpecialForm('Collection')
Container = _SpecialForm('Container')
Hashable = _SpecialForm('Hashable')
Sized = _SpecialForm('Sized')
Deque = _SpecialForm('Deque')
DefaultDict = _SpecialForm('DefaultDict')
Counter = _SpecialForm('Counter')
Awaitable = _SpecialForm('Awaitable')
Coroutine = _SpecialForm('Coroutine')


class TypeVar:
    def __init__(self, name, *constraints, bound=None, covariant=False, contravariant=False):
        self.__name__ = name
        self.__constraints__ = constraints
        self.__bound__ = bound
        self.__covariant__ = covariant
        self.__contravariant__ = contravariant

    def __repr__(self):
        prefix = '+' if self.__covariant__ else '-' if self.__contravariant__ else '~'
        return prefix + self.__name__


AnyStr = TypeVar('AnyStr')


class Generic:
    def __class_getitem__(cls, params):
        return cls


class Protocol(Generic):
    pass


def cast(typ, val):
    return val


def overload(func):
    def _overload_dummy(*args, **kwds):
        raise NotImplementedError('You should not call an overloaded function. A series of '
                                  '@typing.overload-decorated functions outside a stub module '
                                  'should always be followed by an implementation that is not '
                                  '@typing.overload-ed.')
    return _overload_dummy


def final(f):
    return f


def no_type_check(arg):
    return arg


def runtime_checkable(cls):
    return cls


def get_type_hints(obj):
    return dict(getattr(obj, '__annotations__', {}))


def NewType(name, tp):
    def new_type(x):
        return x
    new_type.__name__ = name
    new_type.__qualname__ = name
    new_type.__supertype__ = tp
    return new_type
)PY";

}  // namespace interleave::vm
