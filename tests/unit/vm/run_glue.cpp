// test_vm links only interleave_vm (tests/CMakeLists.txt links each test folder to its module),
// but the end-to-end tests need the cooperative driver, which lives in engine/run together with
// the deadlock wording it shares with the real driver. This translation unit compiles those two
// sources into the test executable; nothing else of engine/run is needed.
#include "run/coop_driver.cpp"  // NOLINT(bugprone-suspicious-include)
#include "run/deadlock.cpp"     // NOLINT(bugprone-suspicious-include)
