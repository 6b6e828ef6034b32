// `interleave dis`: a CPython 3.11-style listing of a program's bytecode (line numbers, byte
// offsets, opcode names, arguments with their resolved names and constants, jump targets marked
// with >>, each nested code object after its parent, exception tables). Read-only over code
// objects: any thread that owns the interpreter.
#pragma once

#include <string>
#include <string_view>

#include "vm/interp.h"

namespace interleave::vm {

// Compiles `source` and writes its listing to *out; on a syntax error writes CPython's report to
// *out and returns false.
bool disassemble(Interpreter& interp, std::string_view source, std::string_view filename,
                 std::string* out);
// The listing of one code object and, recursively, the code objects among its constants.
std::string disassemble_code(Thread& t, Code* code);

}  // namespace interleave::vm
