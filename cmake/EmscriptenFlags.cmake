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
if(INTERLEAVE_WEB_THREADS)
  # With threads, the prebuilt libunwind's landing-pad context is thread_local but clang 14 writes a
  # plain global, so no typed catch ever matched (web/wasm_eh_context.cpp explains): every mt
  # executable links our Unwind-wasm instead. Listed before the system libraries, it is the one
  # the linker takes.
  add_library(interleave_wasm_eh STATIC ${PROJECT_SOURCE_DIR}/web/wasm_eh_context.cpp)
  interleave_warnings(interleave_wasm_eh)
  # Always a real object, never LTO bitcode: the landing pads that use __wasm_lpad_context appear
  # only in LTO's code generation, after it dropped a bitcode definition nobody referenced.
  target_compile_options(interleave_wasm_eh PRIVATE -fno-lto)
  link_libraries(interleave_wasm_eh)
endif()

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
  -sEXPORTED_FUNCTIONS=_main,_malloc,_free,_interleave_info_json,_interleave_app_load_example,_interleave_app_set_source,_interleave_app_set_settings,_interleave_app_set_read_only,_interleave_app_run,_interleave_runner_begin,_interleave_runner_output,_interleave_runner_end,_interleave_runner_trace
  -sEXPORTED_RUNTIME_METHODS=ccall,cwrap,UTF8ToString,stringToUTF8,lengthBytesUTF8
  -sINCOMING_MODULE_JS_API=canvas,locateFile,print,printErr,wasmBinary,mainScriptUrlOrBlob,setStatus,monitorRunDependencies,onAbort,onRuntimeInitialized,preRun,postRun,arguments,noInitialRun
  -sDISABLE_EXCEPTION_CATCHING=1 -Wno-pthreads-mem-growth
)
# The page's module runs no program (the run worker does): it needs no pre-started pthread pool.

# Flags for the run worker's engine (web/worker_main.cpp): a MODULARIZE factory
# `createInterleaveWorker` for a dedicated Web Worker (public/run-worker.js), no main(), no UI.
set(INTERLEAVE_WORKER_LINK_FLAGS
  -sMODULARIZE=1 -sEXPORT_NAME=createInterleaveWorker -sENVIRONMENT=worker --no-entry
  -sALLOW_MEMORY_GROWTH=1 -sINITIAL_MEMORY=64MB
  -sEXPORTED_FUNCTIONS=_iw_info_json,_iw_start,_iw_stop,_iw_take_output,_iw_output_data,_iw_status,_iw_summary,_iw_trace,_iw_elapsed,_iw_finish,_malloc,_free
  -sEXPORTED_RUNTIME_METHODS=UTF8ToString,stringToUTF8,lengthBytesUTF8
  -sINCOMING_MODULE_JS_API=locateFile,print,printErr,wasmBinary,wasmModule,mainScriptUrlOrBlob,onAbort
  -sDISABLE_EXCEPTION_CATCHING=1 -Wno-pthreads-mem-growth
  # One clock for every thread and process worker: the page's (web/shared_clock.js says why).
  --js-library ${PROJECT_SOURCE_DIR}/web/shared_clock.js
)
if(INTERLEAVE_WEB_THREADS)
  # The run itself is one pthread and each Python thread another. Pre-started workers let the first
  # ones start at once (10: the run, the main thread and the eight threads tutorials like to start;
  # a Web Worker started on demand takes 50-500 ms, which a program timing its threads would see).
  # Past the pool a pthread asks the worker's JS thread (always free: the run is on a pthread) to
  # start a new Web Worker, so thread creation never deadlocks; finished threads' workers are
  # reused. STRICT=0: past the pool is normal, not a warning.
  # The size is read when the runtime starts, from the factory's argument: the run worker asks for
  # 10, a child's process worker (public/process-worker.js) for 2, its run and its main Python
  # thread (a boot measured 0.25 s with 2 against 0.43 s with 10, docs/processes.md); its other
  # Python threads' workers start on demand. Never 0: with no
  # pre-started worker Emscripten 3.1 never ends its 'wasm-instantiate' run dependency (the
  # runtime would wait forever), so anything else falls back to 10.
  list(APPEND INTERLEAVE_WORKER_LINK_FLAGS
       "-sPTHREAD_POOL_SIZE=Module.pthreadPoolSize>0?Module.pthreadPoolSize:10"
       -sPTHREAD_POOL_SIZE_STRICT=0)
endif()
# Link-time optimisation (opt-in): inlines across files (str hashing and dict probes into the
# interpreter loop; measured 5-25% faster in docs/vm.md "Wasm speed"), but every executable's link
# then optimises the whole engine (minutes each on 2 cores, for each unit test executable too).
option(INTERLEAVE_WEB_LTO "Web build with link-time optimisation (-flto)" OFF)
if(INTERLEAVE_WEB_LTO)
  add_compile_options(-flto)
  add_link_options(-flto)
endif()
if(CMAKE_BUILD_TYPE STREQUAL "Release")
  add_compile_options(-O3)
  list(APPEND INTERLEAVE_WEB_LINK_FLAGS -O3)
  list(APPEND INTERLEAVE_WORKER_LINK_FLAGS -O3)
endif()
