// test_vm links only interleave_vm (tests/CMakeLists.txt links each test folder to its module),
// but the end-to-end tests need the cooperative driver, which lives in engine/run together with
// the deadlock wording it shares with the real driver and its trace recording. This translation
// unit compiles those three sources into the test executable (tests/CMakeLists.txt adds
// interleave_trace for the recorder); nothing else of engine/run is needed.
#include "run/coop_driver.cpp"  // NOLINT(bugprone-suspicious-include)
#include "run/coop_trace.cpp"   // NOLINT(bugprone-suspicious-include)
#include "run/deadlock.cpp"     // NOLINT(bugprone-suspicious-include)
