# INTERLEAVE_SANITIZE=address,undefined or thread: applied to every target, third-party included,
# so that instrumented and uninstrumented code never mix.
if(INTERLEAVE_SANITIZE)
  add_compile_options(-fsanitize=${INTERLEAVE_SANITIZE} -fno-omit-frame-pointer -g)
  add_link_options(-fsanitize=${INTERLEAVE_SANITIZE})
  if(INTERLEAVE_SANITIZE MATCHES "undefined")
    add_compile_options(-fno-sanitize-recover=undefined)
  endif()
endif()
