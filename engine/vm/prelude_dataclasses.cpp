// The dataclasses module in Python: @dataclass (init, repr, eq, order, frozen, unsafe_hash),
// field(), fields(), asdict(), astuple(), replace(), is_dataclass(), __post_init__ and
// FrozenInstanceError, from the class's __annotations__ as CPython 3.11's. The generated methods
// are closures over the field list (CPython compiles source text for each class), so their
// behaviour, reprs and error messages are CPython's but their code is shared. Compiled on first
// import.
#include "vm/prelude.h"

namespace interleave::vm {

const std::string_view kDataclassesSource = R"PY(
class FrozenInstanceError(AttributeError):
    pass


class _MissingType:
    def __repr__(self):
        return '<dataclasses._MISSING_TYPE object>'


MISSING = _MissingType()
_FIELDS = '__dataclass_fields__'
_PARAMS = '__dataclass_params__'


class Field:
    def __init__(self, default, default_factory, init, repr, hash, compare, metadata, kw_only):
        self.name = None
        self.type = None
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr
        self.hash = hash
        self.compare = compare
        self.metadata = {} if metadata is None else metadata
        self.kw_only = kw_only

    def __repr__(self):
        return (f'Field(name={self.name!r},type={self.type!r},default={self.default!r},'
                f'default_factory={self.default_factory!r},init={self.init!r},repr={self.repr!r},'
                f'hash={self.hash!r},compare={self.compare!r},metadata={self.metadata!r},'
                f'kw_only={self.kw_only!r},_field_type=_FIELD)')


def field(*, default=MISSING, default_factory=MISSING, init=True, repr=True, hash=None,
          compare=True, metadata=None, kw_only=MISSING):
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError('cannot specify both default and default_factory')
    return Field(default, default_factory, init, repr, hash, compare, metadata, kw_only)


def fields(class_or_instance):
    try:
        found = getattr(class_or_instance, _FIELDS)
    except AttributeError:
        raise TypeError('must be called with a dataclass type or instance') from None
    return tuple(found.values())


def is_dataclass(obj):
    cls = obj if isinstance(obj, type) else type(obj)
    return hasattr(cls, _FIELDS)


def _is_dataclass_instance(obj):
    return hasattr(type(obj), _FIELDS)


def asdict(obj, *, dict_factory=dict):
    if not _is_dataclass_instance(obj):
        raise TypeError("asdict() should be called on dataclass instances")
    return _asdict_inner(obj, dict_factory)


def _asdict_inner(obj, dict_factory):
    if _is_dataclass_instance(obj):
        return dict_factory([(f.name, _asdict_inner(getattr(obj, f.name), dict_factory))
                             for f in fields(obj)])
    if isinstance(obj, (list, tuple)):
        return type(obj)(_asdict_inner(v, dict_factory) for v in obj)
    if isinstance(obj, dict):
        return type(obj)((_asdict_inner(k, dict_factory), _asdict_inner(v, dict_factory))
                         for k, v in obj.items())
    return obj


def astuple(obj, *, tuple_factory=tuple):
    if not _is_dataclass_instance(obj):
        raise TypeError("astuple() should be called on dataclass instances")
    return _astuple_inner(obj, tuple_factory)


def _astuple_inner(obj, tuple_factory):
    if _is_dataclass_instance(obj):
        return tuple_factory([_astuple_inner(getattr(obj, f.name), tuple_factory)
                              for f in fields(obj)])
    if isinstance(obj, (list, tuple)):
        return type(obj)(_astuple_inner(v, tuple_factory) for v in obj)
    if isinstance(obj, dict):
        return type(obj)((_astuple_inner(k, tuple_factory), _astuple_inner(v, tuple_factory))
                         for k, v in obj.items())
    return obj


def replace(obj, /, **changes):
    if not _is_dataclass_instance(obj):
        raise TypeError("replace() should be called on dataclass instances")
    for f in fields(obj):
        if not f.init:
            if f.name in changes:
                raise ValueError(f'field {f.name} is declared with init=False, it cannot be '
                                 f'specified with replace()')
            continue
        if f.name not in changes:
            changes[f.name] = getattr(obj, f.name)
    return type(obj)(**changes)


def _plural_args(names):
    quoted = [repr(n) for n in names]
    if len(quoted) == 1:
        return quoted[0]
    if len(quoted) == 2:
        return f'{quoted[0]} and {quoted[1]}'
    return ', '.join(quoted[:-1]) + ', and ' + quoted[-1]


def _make_init(cls, flds, frozen, has_post_init):
    init_fields = [f for f in flds if f.init]
    positional = [f for f in init_fields if not f.kw_only]
    keyword_only = [f for f in init_fields if f.kw_only]
    qualname = cls.__qualname__ + '.__init__'
    set_value = object.__setattr__ if frozen else setattr

    def __init__(self, *args, **kwargs):
        if len(args) > len(positional):
            required = len([f for f in positional if f.default is MISSING
                            and f.default_factory is MISSING])
            takes = str(len(positional) + 1)
            if required < len(positional):
                takes = f'from {required + 1} to {takes}'
            raise TypeError(f'{qualname}() takes {takes} positional arguments '
                            f'but {len(args) + 1} were given')
        values = {}
        for f, value in zip(positional, args):
            values[f.name] = value
        for name, value in kwargs.items():
            known = [f for f in init_fields if f.name == name]
            if not known:
                raise TypeError(f"{qualname}() got an unexpected keyword argument '{name}'")
            if name in values:
                raise TypeError(f"{qualname}() got multiple values for argument '{name}'")
            values[name] = value
        for kind, group in (('positional', positional), ('keyword-only', keyword_only)):
            missing = [f.name for f in group if f.name not in values and f.default is MISSING
                       and f.default_factory is MISSING]
            if missing:
                s = 's' if len(missing) > 1 else ''
                raise TypeError(f'{qualname}() missing {len(missing)} required {kind} '
                                f'argument{s}: {_plural_args(missing)}')
        for f in flds:
            if f.name in values:
                value = values[f.name]
            elif f.default_factory is not MISSING:
                value = f.default_factory()
            elif f.default is not MISSING:
                value = f.default
            else:
                continue
            set_value(self, f.name, value)
        if has_post_init:
            self.__post_init__()

    __init__.__qualname__ = qualname
    return __init__


def _tuple_of(obj, flds):
    return tuple(getattr(obj, f.name) for f in flds)


def _set_new_attribute(cls, name, value):
    if name in cls.__dict__:
        return True
    setattr(cls, name, value)
    return False


def _process_class(cls, init, repr, eq, order, unsafe_hash, frozen, kw_only):
    all_fields = {}
    for base in cls.__mro__[-1:0:-1]:
        base_fields = getattr(base, _FIELDS, None)
        if base_fields is not None:
            for f in base_fields.values():
                all_fields[f.name] = f
    annotations = cls.__dict__.get('__annotations__', {})
    for name, tp in annotations.items():
        default = getattr(cls, name, MISSING)
        if isinstance(default, Field):
            f = default
        else:
            f = field(default=default)
        f.name = name
        f.type = tp
        if f.kw_only is MISSING:
            f.kw_only = kw_only
        if f.default is not MISSING and type(f.default) in (list, dict, set):
            raise ValueError(f'mutable default {type(f.default)} for field {name} is not allowed:'
                             f' use default_factory')
        if isinstance(default, Field):
            if f.default is MISSING:
                delattr(cls, name)
            else:
                setattr(cls, name, f.default)
        all_fields[name] = f
    for name, value in cls.__dict__.items():
        if isinstance(value, Field) and name not in annotations:
            raise TypeError(f'{name!r} is a field but has no type annotation')
    setattr(cls, _FIELDS, all_fields)
    flds = list(all_fields.values())
    seen_default = False
    for f in flds:
        if f.init and not f.kw_only:
            if f.default is not MISSING or f.default_factory is not MISSING:
                seen_default = True
            elif seen_default:
                raise TypeError(f'non-default argument {f.name!r} follows default argument')
    if init:
        _set_new_attribute(cls, '__init__',
                           _make_init(cls, flds, frozen, hasattr(cls, '__post_init__')))
    if repr:
        repr_fields = [f for f in flds if f.repr]

        def __repr__(self):
            inner = ', '.join(f'{f.name}={getattr(self, f.name)!r}' for f in repr_fields)
            return f'{type(self).__qualname__}({inner})'
        _set_new_attribute(cls, '__repr__', __repr__)
    compare_fields = [f for f in flds if f.compare]
    if eq:
        def __eq__(self, other):
            if other.__class__ is self.__class__:
                return _tuple_of(self, compare_fields) == _tuple_of(other, compare_fields)
            return NotImplemented
        _set_new_attribute(cls, '__eq__', __eq__)
    if order:
        if not eq:
            raise ValueError('eq must be true if order is true')

        def __lt__(self, other):
            if other.__class__ is self.__class__:
                return _tuple_of(self, compare_fields) < _tuple_of(other, compare_fields)
            return NotImplemented

        def __le__(self, other):
            if other.__class__ is self.__class__:
                return _tuple_of(self, compare_fields) <= _tuple_of(other, compare_fields)
            return NotImplemented

        def __gt__(self, other):
            if other.__class__ is self.__class__:
                return _tuple_of(self, compare_fields) > _tuple_of(other, compare_fields)
            return NotImplemented

        def __ge__(self, other):
            if other.__class__ is self.__class__:
                return _tuple_of(self, compare_fields) >= _tuple_of(other, compare_fields)
            return NotImplemented
        for name, fn in (('__lt__', __lt__), ('__le__', __le__), ('__gt__', __gt__),
                         ('__ge__', __ge__)):
            if _set_new_attribute(cls, name, fn):
                raise TypeError(f'Cannot overwrite attribute {name} in class {cls.__name__}. '
                                f'Consider using functools.total_ordering')
    if frozen:
        field_names = set(all_fields)

        def __setattr__(self, name, value):
            if type(self) is cls or name in field_names:
                raise FrozenInstanceError(f'cannot assign to field {name!r}')
            super(cls, self).__setattr__(name, value)

        def __delattr__(self, name):
            if type(self) is cls or name in field_names:
                raise FrozenInstanceError(f'cannot delete field {name!r}')
            super(cls, self).__delattr__(name)
        _set_new_attribute(cls, '__setattr__', __setattr__)
        _set_new_attribute(cls, '__delattr__', __delattr__)
    has_own_hash = '__hash__' in cls.__dict__ and cls.__dict__['__hash__'] is not None
    hash_fields = [f for f in flds if (f.compare if f.hash is None else f.hash)]

    def __hash__(self):
        return hash(_tuple_of(self, hash_fields))
    if unsafe_hash:
        if has_own_hash:
            raise TypeError(f'Cannot overwrite attribute __hash__ in class {cls.__name__}')
        cls.__hash__ = __hash__
    elif eq and frozen:
        if not has_own_hash:
            cls.__hash__ = __hash__
    elif eq and not has_own_hash:
        cls.__hash__ = None
    setattr(cls, _PARAMS, (init, repr, eq, order, unsafe_hash, frozen))
    return cls


def dataclass(cls=None, /, *, init=True, repr=True, eq=True, order=False, unsafe_hash=False,
              frozen=False, match_args=True, kw_only=False, slots=False, weakref_slot=False):
    def wrap(cls):
        return _process_class(cls, init, repr, eq, order, unsafe_hash, frozen, kw_only)
    if cls is None:
        return wrap
    return wrap(cls)
)PY";

}  // namespace interleave::vm
