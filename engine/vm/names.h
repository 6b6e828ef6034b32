// Interned identifiers the VM looks up by pointer (special methods, module attributes). Created
// once per interpreter at bootstrap and never freed before it; read-only afterwards: any thread.
#pragma once

#include "vm/object.h"

namespace interleave::vm {

#define INTERLEAVE_NAMES(X)                                                                        \
  X(__init__) X(__new__) X(__repr__) X(__str__) X(__eq__) X(__ne__) X(__lt__) X(__le__)            \
  X(__gt__) X(__ge__) X(__hash__) X(__len__) X(__bool__) X(__iter__) X(__next__)                   \
  X(__getitem__) X(__setitem__) X(__delitem__) X(__contains__) X(__call__) X(__enter__)            \
  X(__exit__) X(__getattr__) X(__add__) X(__sub__) X(__mul__) X(__truediv__) X(__floordiv__)       \
  X(__mod__) X(__pow__) X(__radd__) X(__rsub__) X(__rmul__) X(__neg__) X(__name__)               \
  X(__qualname__) X(__module__) X(__class__) X(__dict__) X(__doc__) X(__main__) X(__builtins__)   \
  X(__file__) X(__format__) X(__index__) X(__int__) X(__float__) X(__bases__) X(__mro__)         \
  X(__context__) X(__cause__) X(__traceback__) X(__suppress_context__) X(__set_name__)           \
  X(__init_subclass__) X(__setattr__) X(__delattr__) X(__getattribute__) X(__spec__)            \
  X(args) X(name) X(run) X(_bootstrap) X(excepthook) X(_shutdown) X(write) X(flush) X(value)    \
  X(__abs__) X(__and__) X(__or__) X(__xor__) X(__lshift__) X(__rshift__) X(__matmul__)           \
  X(__rtruediv__) X(__rfloordiv__) X(__rmod__) X(__rpow__) X(__rand__) X(__ror__) X(__rxor__)    \
  X(__rlshift__) X(__rrshift__) X(__rmatmul__) X(__pos__) X(__invert__) X(__iadd__) X(__isub__) \
  X(__imul__) X(__reversed__) X(__round__) X(__get__) X(__set__) X(__delete__) X(__divmod__)      \
  X(__rdivmod__) X(__iand__) X(__ifloordiv__) X(__ilshift__) X(__imatmul__) X(__imod__) X(__ior__)  \
  X(__ipow__) X(__irshift__) X(__itruediv__) X(__ixor__) X(__lambda_name) X(__dummy)

struct Names {
#define INTERLEAVE_NAME_FIELD(n) Str* n = nullptr;
  INTERLEAVE_NAMES(INTERLEAVE_NAME_FIELD)
#undef INTERLEAVE_NAME_FIELD
};

}  // namespace interleave::vm
