// The listing is generated from the opcode table's operand kinds (opcodes.def), so a new opcode
// needs no change here unless its argument wants a special rendering.
#include "vm/disassembler.h"

#include <cstdio>

#include "lang/parser.h"
#include "vm/compiler.h"
#include "vm/opcodes.h"
#include "vm/runtime.h"

namespace interleave::vm {

namespace {

std::string code_repr(Code* c) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%p", static_cast<void*>(c));
  return "<code object " + std::string(c->name->view()) + " at " + buf + ", file \"" +
         std::string(c->filename->view()) + "\", line " + std::to_string(c->firstlineno) + ">";
}

std::string const_repr(Thread& t, Value v) {
  if (v.is_object() && v.as_object()->type->layout == Layout::Code) {
    return code_repr(static_cast<Code*>(v.as_object()));
  }
  std::string s;
  if (!repr_into(t, v, s)) {
    t.take_exception();
    return "?";
  }
  return s;
}

std::string cell_name(Code* c, std::uint32_t i) {
  if (i < c->cellvars.size()) return std::string(c->cellvars[i]->view());
  i -= static_cast<std::uint32_t>(c->cellvars.size());
  return i < c->freevars.size() ? std::string(c->freevars[i]->view()) : "?";
}

std::string pad_right(std::string s, std::size_t n) {
  if (s.size() < n) s.append(n - s.size(), ' ');
  return s;
}
std::string pad_left(std::string s, std::size_t n) {
  if (s.size() < n) s.insert(0, n - s.size(), ' ');
  return s;
}

void listing(Thread& t, Code* c, std::string& out) {
  std::size_t n = c->instructions.size();
  std::vector<bool> target(n, false);
  for (std::size_t i = 0; i < n; ++i) {
    if (kOpArgKinds[static_cast<int>(op_of(c->instructions[i]))] == ArgKind::Jump) {
      std::uint32_t to = arg_of(c->instructions[i]);
      if (to < n) target[to] = true;
    }
  }
  for (const ExceptionTableEntry& e : c->exception_table) {
    if (e.target < n) target[e.target] = true;
  }
  std::size_t offset_width = (2 * n) >= 10000 ? std::to_string(2 * n).size() : 4;
  int last_line = -1;
  for (std::size_t i = 0; i < n; ++i) {
    std::uint32_t word = c->instructions[i];
    Op op = op_of(word);
    std::uint32_t arg = arg_of(word);
    int line = c->positions[i].line;
    std::string fields;
    if (line != last_line) {
      if (i > 0) out += "\n";
      fields += pad_left(std::to_string(line), 3);
      last_line = line;
    } else {
      fields += "   ";
    }
    fields += "     ";
    fields += target[i] ? ">>" : "  ";
    fields += " ";
    fields += pad_left(std::to_string(2 * i), offset_width);
    fields += " ";
    fields += pad_right(kOpNames[static_cast<int>(op)], 20);
    ArgKind kind = kOpArgKinds[static_cast<int>(op)];
    if (kind != ArgKind::None) {
      std::string repr_text;
      std::uint32_t shown = arg;
      switch (kind) {
        case ArgKind::Const:
          repr_text = arg < c->consts.size() ? const_repr(t, c->consts[arg]) : "?";
          break;
        case ArgKind::Local:
          repr_text = arg < c->varnames.size() ? std::string(c->varnames[arg]->view()) : "?";
          break;
        case ArgKind::Cell:
          repr_text = cell_name(c, arg);
          break;
        case ArgKind::Name:
          repr_text = arg < c->names.size() ? std::string(c->names[arg]->view()) : "?";
          break;
        case ArgKind::Global: {
          std::uint32_t ni = arg >> 1;
          repr_text = (arg & 1 ? "NULL + " : "") +
                      (ni < c->names.size() ? std::string(c->names[ni]->view()) : "?");
          break;
        }
        case ArgKind::Jump:
          shown = arg > i ? static_cast<std::uint32_t>(arg - i - 1)
                          : static_cast<std::uint32_t>(i + 1 - arg);
          repr_text = "to " + std::to_string(2 * arg);
          break;
        case ArgKind::BinOp:
          repr_text = binary_op_symbol(static_cast<int>(arg));
          break;
        case ArgKind::Cmp:
          repr_text = compare_op_symbol(static_cast<int>(arg));
          break;
        case ArgKind::Flag:
          if (op == Op::FORMAT_VALUE) {
            static const char* conv[] = {"", "str", "repr", "ascii"};
            repr_text = conv[arg & 3];
            if (arg & kFormatSpec) repr_text += repr_text.empty() ? "with format" : ", with format";
          } else if (op == Op::MAKE_FUNCTION) {
            std::string parts;
            if (arg & kMakeDefaults) parts += "defaults";
            if (arg & kMakeKwDefaults)
              parts += std::string(parts.empty() ? "" : ", ") + "kwdefaults";
            if (arg & kMakeClosure) parts += std::string(parts.empty() ? "" : ", ") + "closure";
            repr_text = parts;
          }
          break;
        default:
          break;
      }
      fields += " " + pad_left(std::to_string(shown), 5);
      if (!repr_text.empty()) fields += " (" + repr_text + ")";
    }
    while (!fields.empty() && fields.back() == ' ') fields.pop_back();
    out += fields + "\n";
  }
  if (!c->exception_table.empty()) {
    out += "ExceptionTable:\n";
    for (const ExceptionTableEntry& e : c->exception_table) {
      out += "  " + std::to_string(2 * e.start) + " to " + std::to_string(2 * (e.end - 1)) +
             " -> " + std::to_string(2 * e.target) + " [" + std::to_string(e.depth) + "]\n";
    }
  }
}

}  // namespace

std::string disassemble_code(Thread& t, Code* code) {
  std::string out;
  listing(t, code, out);
  for (Value v : code->consts) {
    if (v.is_object() && v.as_object()->type->layout == Layout::Code) {
      Code* inner = static_cast<Code*>(v.as_object());
      out += "\nDisassembly of " + code_repr(inner) + ":\n";
      out += disassemble_code(t, inner);
    }
  }
  return out;
}

bool disassemble(Interpreter& interp, std::string_view source, std::string_view filename,
                 std::string* out) {
  auto src = std::make_shared<const std::string>(source);
  lang::ParseResult parsed = lang::parse(*src, filename);
  if (!parsed.ok()) {
    *out = lang::format_syntax_error(*parsed.error);
    return false;
  }
  Thread& t = *interp.boot;
  CompileResult compiled = compile_module(t, *parsed.module, src, filename);
  if (compiled.error) {
    *out = lang::format_syntax_error(*compiled.error);
    return false;
  }
  *out = disassemble_code(t, compiled.code);
  return true;
}

}  // namespace interleave::vm
