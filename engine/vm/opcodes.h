// Opcode enum, names and operand kinds generated from opcodes.def. An instruction is one 32-bit
// word: the opcode in the low 8 bits and its argument in the upper 24. Plain constants: any thread.
#pragma once

#include <cstdint>

namespace interleave::vm {

enum class Op : std::uint8_t {
#define X(name, kind) name,
#include "vm/opcodes.def"
#undef X
  kCount
};

enum class ArgKind : std::uint8_t {
  None,
  Const,
  Local,
  Cell,
  Name,
  Global,
  Jump,
  BinOp,
  Cmp,
  Count,
  Flag
};

inline constexpr const char* kOpNames[] = {
#define X(name, kind) #name,
#include "vm/opcodes.def"
#undef X
};

inline constexpr ArgKind kOpArgKinds[] = {
#define X(name, kind) ArgKind::kind,
#include "vm/opcodes.def"
#undef X
};

inline constexpr std::uint32_t encode(Op op, std::uint32_t arg) {
  return static_cast<std::uint32_t>(op) | (arg << 8);
}
inline constexpr Op op_of(std::uint32_t word) {
  return static_cast<Op>(word & 0xff);
}
inline constexpr std::uint32_t arg_of(std::uint32_t word) {
  return word >> 8;
}

// Operands of ours (shown by no disassembly): GET_ITER of a for loop's iterable, which may claim
// a generator the call before it made (Generator::loop_owned); POP_TOP of a for loop's iterator
// on break/return, which closes such a generator; the YIELD_VALUE of a `yield from`.
inline constexpr std::uint32_t kLoopIterable = 1, kPopIterator = 1, kYieldFromDelegate = 1;

// MAKE_FUNCTION flags (as CPython) and FORMAT_VALUE conversions.
inline constexpr std::uint32_t kMakeDefaults = 1, kMakeKwDefaults = 2, kMakeClosure = 8;
inline constexpr std::uint32_t kFormatStr = 1, kFormatRepr = 2, kFormatAscii = 3, kFormatSpec = 4;

}  // namespace interleave::vm
