# One warning policy for every target of ours (never for third-party code).
function(interleave_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
    -Wcast-align -Woverloaded-virtual -Wimplicit-fallthrough)
  if(INTERLEAVE_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
