// Whether this test binary is built with ThreadSanitizer. Tests use it where TSan's own
// instrumentation changes what is measured (it serialises atomics and so hides parallelism) or where
// the free-threaded VM has known reports of its own; every other build runs the full test.
#pragma once

#if defined(__SANITIZE_THREAD__)
#define INTERLEAVE_TEST_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define INTERLEAVE_TEST_TSAN 1
#endif
#endif

namespace interleave::testing {
#ifdef INTERLEAVE_TEST_TSAN
inline constexpr bool kUnderTsan = true;
#else
inline constexpr bool kUnderTsan = false;
#endif
}  // namespace interleave::testing
