// The simulator's profile: the built-in numbers, the INI format (units, sections, dotted keys,
// comments), errors with line numbers, and the writer's round trip.
#include <doctest/doctest.h>

#include <string>

#include "run/sim_profile.h"

namespace interleave::run::sim {
namespace {

std::int64_t op(const Profile& p, vm::OpClass c) {
  return p.op_ns[static_cast<std::size_t>(c)];
}

TEST_CASE("sim profile: the default reproduces CPython 3.11's countdown at 54 ns per iteration") {
  const Profile p = default_profile();
  using C = vm::OpClass;
  // Interleave's loop: 4 loads, COMPARE_OP, POP_JUMP_IF_FALSE, BINARY_OP, STORE_FAST,
  // JUMP_BACKWARD (`interleave dis`).
  const std::int64_t loop = 4 * op(p, C::Load) + op(p, C::Compare) + 2 * op(p, C::Jump) +
                            op(p, C::Arith) + op(p, C::Store);
  CHECK(loop == 54);
  CHECK(p.time_slice_ns > 0);
  CHECK(p.quantum_ns > 0);
  CHECK(profile_keys().size() == vm::kOpClassCount + 28);
}

TEST_CASE("sim profile: parsing units, sections, dotted keys and comments") {
  Profile p = default_profile();
  std::string error;
  REQUIRE(
      parse_profile("# mine\n[ops]\nload = 3   ; cheap\narith=1.5us\n\n[os]\n"
                    "time_slice = 10ms\nwake_latency = 0.00002 s\ngil.take = 100ns\n",
                    &p, &error));
  CHECK(op(p, vm::OpClass::Load) == 3);
  CHECK(op(p, vm::OpClass::Arith) == 1500);
  CHECK(p.time_slice_ns == 10'000'000);
  CHECK(p.wake_latency_ns == 20'000);
  CHECK(p.gil_take_ns == 100);
  CHECK(op(p, vm::OpClass::Call) == op(default_profile(), vm::OpClass::Call));  // untouched
}

TEST_CASE("sim profile: errors name the line and leave the profile unchanged") {
  Profile p = default_profile();
  std::string error;
  CHECK_FALSE(parse_profile("[ops]\nload = 2\nlod = 3\n", &p, &error));
  CHECK(error == "profile line 3: unknown key 'ops.lod'");
  CHECK(p == default_profile());
  CHECK_FALSE(parse_profile("[gil]\ntake = -4\n", &p, &error));
  CHECK(error.rfind("profile line 2: '-4' is not a duration", 0) == 0);
  CHECK_FALSE(parse_profile("[gil]\ntake = 4 weeks\n", &p, &error));
  CHECK_FALSE(parse_profile("[gil\n", &p, &error));
  CHECK(error == "profile line 1: a section header ends with ']'");
  CHECK_FALSE(parse_profile("take 4\n", &p, &error));
  CHECK(error == "profile line 1: expected 'name = value'");
}

TEST_CASE("sim profile: format_profile parses back to the same profile") {
  Profile p = default_profile();
  p.op_ns[2] = 77;
  p.ipc_ns_per_kib = 5;
  const std::string text = format_profile(p);
  Profile q;
  std::string error;
  REQUIRE(parse_profile(text, &q, &error));
  CHECK(q == p);
  CHECK(text.find("[gil]\ntake = 40") != std::string::npos);
}

}  // namespace
}  // namespace interleave::run::sim
