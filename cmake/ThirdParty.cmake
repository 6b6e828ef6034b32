# Third-party code, fetched from Debian source packages by scripts/thirdparty.sh into a cache outside
# the checkout (INTERLEAVE_CACHE, default ~/.cache/interleave), keyed by version. Never in the repository.
#   imgui_core        Dear ImGui 1.86 core (4 files): engine/ui and the app
#   imgui_backends    the SDL2 platform backend: the app only
#   SDL2::SDL2        Debian's libsdl2-dev natively; our own Emscripten build for the web (mt or st)
#   doctest           Debian's doctest-dev (header only)
if(DEFINED ENV{INTERLEAVE_CACHE})
  set(INTERLEAVE_CACHE "$ENV{INTERLEAVE_CACHE}" CACHE PATH "Third-party cache")
else()
  set(INTERLEAVE_CACHE "$ENV{HOME}/.cache/interleave" CACHE PATH "Third-party cache")
endif()
set(INTERLEAVE_THIRDPARTY_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/../scripts/thirdparty.sh)

function(interleave_thirdparty out)
  execute_process(COMMAND ${INTERLEAVE_THIRDPARTY_SCRIPT} ${ARGN}
    RESULT_VARIABLE rc OUTPUT_VARIABLE path OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "scripts/thirdparty.sh ${ARGN} failed (${rc})")
  endif()
  set(${out} "${path}" PARENT_SCOPE)
endfunction()

if(INTERLEAVE_APP)
  interleave_thirdparty(src sources)
  set(IMGUI_DIR ${src}/imgui-1.86)
  add_library(imgui_core STATIC ${IMGUI_DIR}/imgui.cpp ${IMGUI_DIR}/imgui_draw.cpp
    ${IMGUI_DIR}/imgui_tables.cpp ${IMGUI_DIR}/imgui_widgets.cpp)
  target_include_directories(imgui_core SYSTEM PUBLIC ${IMGUI_DIR})
  target_compile_definitions(imgui_core PUBLIC IMGUI_DISABLE_OBSOLETE_FUNCTIONS)
  target_compile_options(imgui_core PRIVATE -w)  # third-party code: its warnings are not ours to fix

  if(EMSCRIPTEN)
    if(INTERLEAVE_WEB_THREADS)
      interleave_thirdparty(sdl_prefix sdl2-web mt)
    else()
      interleave_thirdparty(sdl_prefix sdl2-web st)
    endif()
    add_library(SDL2::SDL2 STATIC IMPORTED)
    set_target_properties(SDL2::SDL2 PROPERTIES IMPORTED_LOCATION ${sdl_prefix}/lib/libSDL2.a
      INTERFACE_INCLUDE_DIRECTORIES ${sdl_prefix}/include/SDL2)
  else()
    find_package(SDL2 REQUIRED)
    find_package(OpenGL REQUIRED)
  endif()

  add_library(imgui_backends STATIC ${IMGUI_DIR}/backends/imgui_impl_sdl.cpp)  # app/imgui_renderer draws
  target_include_directories(imgui_backends SYSTEM PUBLIC ${IMGUI_DIR}/backends)
  target_link_libraries(imgui_backends PUBLIC imgui_core SDL2::SDL2)
  target_compile_options(imgui_backends PRIVATE -w)
  if(NOT EMSCRIPTEN)
    target_link_libraries(imgui_backends PUBLIC OpenGL::GL ${CMAKE_DL_LIBS})
  endif()
endif()

if(INTERLEAVE_TESTS AND NOT TARGET doctest::doctest)
  # The header alone is copied into the build tree: pointing em++ at /usr/include would let the
  # host's C headers shadow Emscripten's.
  find_file(DOCTEST_HEADER doctest/doctest.h PATHS /usr/include NO_CMAKE_FIND_ROOT_PATH REQUIRED)
  configure_file(${DOCTEST_HEADER} ${CMAKE_BINARY_DIR}/doctest-include/doctest/doctest.h COPYONLY)
  add_library(doctest::doctest INTERFACE IMPORTED)
  target_include_directories(doctest::doctest SYSTEM INTERFACE ${CMAKE_BINARY_DIR}/doctest-include)
endif()
