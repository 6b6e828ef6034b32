# Every Emscripten flag of the project, in one place. Two variants from one source:
#   mt  (INTERLEAVE_WEB_THREADS=ON)  -pthread: real parallel threads; needs a cross-origin isolated page
#   st  (INTERLEAVE_WEB_THREADS=OFF) no threads: runs on any page
option(INTERLEAVE_WEB_THREADS "Web build with pthreads (mt) or without (st)" ON)
if(INTERLEAVE_WEB_THREADS)
  set(INTERLEAVE_WEB_VARIANT mt)
  add_compile_definitions(INTERLEAVE_THREADS=1)
  add_compile_options(-pthread)
  add_link_options(-pthread)
else()
  set(INTERLEAVE_WEB_VARIANT st)
  # No OS threads at all: the engine runs Python threads cooperatively on one thread, and code and
  # tests that need real threads check this (a build option, never a platform macro).
  add_compile_definitions(INTERLEAVE_THREADS=0)
endif()

# Native wasm exceptions: C++ exceptions cost nothing until thrown (JS-based ones slow every call).
add_compile_options(-fwasm-exceptions)
add_link_options(-fwasm-exceptions)

# Flags for executables that run under node (unit tests).
# NODERAWFS: tests read the corpus and tests/programs from the real file system.
set(INTERLEAVE_NODE_LINK_FLAGS -sENVIRONMENT=node -sNODERAWFS=1 -sEXIT_RUNTIME=1 -sALLOW_MEMORY_GROWTH=1
    -sINITIAL_MEMORY=64MB)
if(INTERLEAVE_WEB_THREADS)
  # main() on a pthread: node's own thread stays free to start workers beyond the pool.
  list(APPEND INTERLEAVE_NODE_LINK_FLAGS -sPTHREAD_POOL_SIZE=8 -sPROXY_TO_PTHREAD=1 -Wno-pthreads-mem-growth)
endif()

# Flags for the page's module: a MODULARIZE factory `createInterleave`, WebGL2 through SDL2.
set(INTERLEAVE_WEB_LINK_FLAGS
  -sMODULARIZE=1 -sEXPORT_NAME=createInterleave -sENVIRONMENT=web,worker
  -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2 -sFULL_ES3=0
  -sALLOW_MEMORY_GROWTH=1 -sINITIAL_MEMORY=64MB
  -sEXPORTED_FUNCTIONS=_main,_interleave_info_json
  -sEXPORTED_RUNTIME_METHODS=ccall,cwrap,UTF8ToString
  -sINCOMING_MODULE_JS_API=canvas,locateFile,print,printErr,wasmBinary,mainScriptUrlOrBlob,setStatus,monitorRunDependencies,onAbort,onRuntimeInitialized,preRun,postRun,arguments,noInitialRun
  -sDISABLE_EXCEPTION_CATCHING=1 -Wno-pthreads-mem-growth
)
if(INTERLEAVE_WEB_THREADS)
  # Workers started with the page, so that Python threads start without waiting for the event loop;
  # more are created on demand (the app returns to the event loop every frame).
  list(APPEND INTERLEAVE_WEB_LINK_FLAGS -sPTHREAD_POOL_SIZE=4)
endif()
if(CMAKE_BUILD_TYPE STREQUAL "Release")
  add_compile_options(-O3)
  list(APPEND INTERLEAVE_WEB_LINK_FLAGS -O3)
endif()
