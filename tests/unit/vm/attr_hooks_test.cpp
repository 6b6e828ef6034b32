// Type::hooks, the per-epoch word that tells the attribute fast paths whether a class defines
// __getattribute__, __setattr__, __delattr__ or __new__: object's own methods are no hooks, a
// subclass sees its base's, and assigning or deleting one on a class is seen at the next use
// (the class dict write bumps the type epoch). Driven through the VM's C++ API.
#include <doctest/doctest.h>

#include "vm/builtins.h"
#include "vm/names.h"
#include "vm/runtime.h"
#include "vm_test_util.h"

using namespace interleave;
using namespace interleave::vm;

namespace {

using test::Fixture;

Value any_native(Thread& t, const Value* args, int nargs, Tuple* kwnames) {
  (void)args;
  (void)nargs;
  (void)kwnames;
  return t.interp().none;
}

}  // namespace

TEST_CASE("attribute hooks: object's methods are none, a class's own are seen at the next use") {
  Fixture fx;
  Thread& t = fx.t;
  const Names& n = *fx.interp.names;
  Type* base = make_type(t, "Base", fx.interp.types.object, Layout::Instance, false);
  Type* derived = make_type(t, "Derived", base, Layout::Instance, false);
  CHECK(type_hooks(t, base) == 0);
  CHECK(type_hooks(t, derived) == 0);
  // object's __setattr__ and __new__ are reachable through the MRO but are not hooks.
  CHECK_FALSE(type_lookup(derived, n.__setattr__).is_null());
  CHECK_FALSE(type_lookup(derived, n.__new__).is_null());

  Value hook = Value::object(make_builtin(t, "hook", any_native));
  REQUIRE(set_attr(t, Value::object(base), n.__setattr__, hook));
  CHECK(type_hooks(t, base) == kHookSetattr);
  CHECK(type_hooks(t, derived) == kHookSetattr);  // inherited

  REQUIRE(set_attr(t, Value::object(derived), n.__getattribute__, hook));
  REQUIRE(set_attr(t, Value::object(derived), n.__new__, hook));
  CHECK(type_hooks(t, derived) == (kHookSetattr | kHookGetattribute | kHookNew));
  CHECK(type_hooks(t, base) == kHookSetattr);

  REQUIRE(del_attr(t, Value::object(base), n.__setattr__));
  CHECK(type_hooks(t, base) == 0);
  CHECK(type_hooks(t, derived) == (kHookGetattribute | kHookNew));
  REQUIRE(set_attr(t, Value::object(derived), n.__delattr__, hook));
  CHECK((type_hooks(t, derived) & kHookDelattr) != 0);
}

TEST_CASE("attribute hooks: the word is kept for its epoch and refilled after a class changes") {
  Fixture fx;
  Thread& t = fx.t;
  Type* cls = make_type(t, "C", fx.interp.types.object, Layout::Instance, false);
  CHECK(type_hooks(t, cls) == 0);
  const std::uint64_t word = cls->hooks.load();
  CHECK((word & kHooksKnown) != 0);
  CHECK(static_cast<std::uint32_t>(word >> 32) ==
        static_cast<std::uint32_t>(fx.interp.type_epoch.load()));
  CHECK(type_hooks(t, cls) == 0);
  CHECK(cls->hooks.load() == word);  // a hit writes nothing
  // Another class changing makes the word stale; the next use refills it for the new epoch.
  Type* other = make_type(t, "D", fx.interp.types.object, Layout::Instance, false);
  REQUIRE(set_attr(t, Value::object(other), fx.interp.intern("x"), Value::small(1)));
  CHECK(type_hooks(t, cls) == 0);
  CHECK(static_cast<std::uint32_t>(cls->hooks.load() >> 32) ==
        static_cast<std::uint32_t>(fx.interp.type_epoch.load()));
  CHECK(cls->hooks.load() != word);
}
