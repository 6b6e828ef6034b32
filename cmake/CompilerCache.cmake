# Compiles through ccache when asked (./check exports INTERLEAVE_CCACHE=1) and it is installed
# (scripts/deps.sh installs it), so that a clean checkout (CI, a new worktree) rebuilds from the
# cache instead of from scratch. ./check points CCACHE_DIR at ~/.cache/interleave/ccache and
# CCACHE_BASEDIR at the checkout, so that checkouts in different folders share entries.
if(DEFINED ENV{INTERLEAVE_CCACHE} AND "$ENV{INTERLEAVE_CCACHE}")
  set(interleave_ccache_default ON)
else()
  set(interleave_ccache_default OFF)
endif()
option(INTERLEAVE_CCACHE "Compile through ccache when it is found" ${interleave_ccache_default})
if(INTERLEAVE_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  find_program(INTERLEAVE_CCACHE_PROGRAM ccache)
  if(INTERLEAVE_CCACHE_PROGRAM)
    set(CMAKE_C_COMPILER_LAUNCHER ${INTERLEAVE_CCACHE_PROGRAM})
    set(CMAKE_CXX_COMPILER_LAUNCHER ${INTERLEAVE_CCACHE_PROGRAM})
  endif()
endif()
