// The Wasm exception-handling glue (libunwind's Unwind-wasm part) for the builds with threads, where
// the prebuilt one does not work with this compiler. Linked into every mt executable (the page's
// module, the run worker, the unit tests under node) by cmake/EmscriptenFlags.cmake.
//
// Why: with -fwasm-exceptions, a `catch (T&)` landing pad stores its landing-pad index and LSDA in
// the global __wasm_lpad_context, calls _Unwind_CallPersonality, and reads back the selector the
// personality function wrote there. Debian's Emscripten 3.1.6 ships libunwind built for LLVM 15,
// where __wasm_lpad_context is thread_local; its compiler, clang 14, still writes the landing-pad
// context to a plain global. Without threads the two are the same memory; with -pthread (shared
// memory, real TLS) the compiler's stores go to one address and the personality reads the thread's
// TLS copy, so no typed catch ever matches and every C++ exception escapes (the vm test "syntax
// errors are reported as CPython does": the compiler's CompileError; in the page, any syntax error
// the compiler reports crashed the run worker). Here the context is the plain global clang 14
// writes, so the linker never takes the prebuilt Unwind-wasm.o (this object defines all of its
// symbols). The functions do what the prebuilt ones do (checked against its disassembly).
//
// Invariant and limit: the context is shared by all threads, as in a build without threads. It is
// live only between a landing pad's stores and its read of the selector (a few instructions and one
// personality call); two threads catching typed C++ exceptions at the same instant could mix their
// contexts. The engine catches C++ exceptions in three places (the compiler's CompileError, thread
// creation failure, a process's exit), none of them in a hot path. Remove this file once the
// compiler writes a thread_local context (LLVM 15 and later).
#include <cstdint>

extern "C" {

// libunwind's ABI as libc++abi was built against it (its <unwind.h>; clang's own <unwind.h>, which
// an #include would find first, declares other integer types). Only the fields used here.
enum _Unwind_Reason_Code { _URC_NO_REASON = 0, _URC_FOREIGN_EXCEPTION_CAUGHT = 1 };
enum _Unwind_Action { _UA_CLEANUP_PHASE = 2 };
struct _Unwind_Context;
struct _Unwind_Exception {
  std::uint64_t exception_class;
  void (*exception_cleanup)(_Unwind_Reason_Code reason, _Unwind_Exception* exception);
};

struct _Unwind_LandingPadContext {
  std::uintptr_t lpad_index;  // written by the landing pad
  std::uintptr_t lsda;        // written by the landing pad
  std::uintptr_t selector;    // written by the personality function, read by the landing pad
};

_Unwind_LandingPadContext __wasm_lpad_context;

_Unwind_Reason_Code __gxx_personality_wasm0(int version, _Unwind_Action actions,
                                            std::uint64_t exception_class,
                                            _Unwind_Exception* exception,
                                            _Unwind_Context* context);

// Wasm has no two-phase unwinding: the landing pad asks the personality whether it catches, in the
// single (cleanup) phase, as the prebuilt libunwind does.
_Unwind_Reason_Code _Unwind_CallPersonality(void* exception_ptr) {
  auto* exception = static_cast<_Unwind_Exception*>(exception_ptr);
  __wasm_lpad_context.selector = 0;
  return __gxx_personality_wasm0(1, _UA_CLEANUP_PHASE, exception->exception_class, exception,
                                 reinterpret_cast<_Unwind_Context*>(&__wasm_lpad_context));
}

_Unwind_Reason_Code _Unwind_RaiseException(_Unwind_Exception* exception) {
  __builtin_wasm_throw(0, exception);  // tag 0: C++ exceptions
}

void _Unwind_DeleteException(_Unwind_Exception* exception) {
  if (exception->exception_cleanup != nullptr) {
    exception->exception_cleanup(_URC_FOREIGN_EXCEPTION_CAUGHT, exception);
  }
}

// The personality sets only the selector (general register 1).
void _Unwind_SetGR(_Unwind_Context* context, int index, std::uintptr_t value) {
  if (index == 1) reinterpret_cast<_Unwind_LandingPadContext*>(context)->selector = value;
}

// The personality turns this into a 1-based call-site index after subtracting one.
std::uintptr_t _Unwind_GetIP(_Unwind_Context* context) {
  return reinterpret_cast<_Unwind_LandingPadContext*>(context)->lpad_index + 2;
}

void _Unwind_SetIP(_Unwind_Context*, std::uintptr_t) {}

std::uintptr_t _Unwind_GetLanguageSpecificData(_Unwind_Context* context) {
  return reinterpret_cast<_Unwind_LandingPadContext*>(context)->lsda;
}

std::uintptr_t _Unwind_GetRegionStart(_Unwind_Context*) { return 0; }

}  // extern "C"
