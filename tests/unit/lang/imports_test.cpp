// imported_names (lang/imports.h): every import of a program, wherever it is written, as the
// page needs to know whether a program's child processes may start threads.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "lang/imports.h"
#include "lang/parser.h"

using namespace interleave::lang;

namespace {

std::vector<std::string> imports_of(const char* source) {
  const ParseResult r = parse(source, "prog.py");
  REQUIRE(r.ok());
  return imported_names(*r.module);
}

using Names = std::vector<std::string>;

}  // namespace

TEST_CASE("imports: module-level imports, dotted names and from-imports, in order, once each") {
  CHECK(imports_of("import os, time\nimport os\n") == Names{"os", "time"});
  CHECK(imports_of("import concurrent.futures\n") == Names{"concurrent", "concurrent.futures"});
  CHECK(imports_of("import concurrent.futures as cf\n") == Names{"concurrent.futures"});
  CHECK(imports_of("from multiprocessing.pool import ThreadPool as TP, Pool\n") ==
        Names{"multiprocessing.pool.ThreadPool", "multiprocessing.pool.Pool"});
  CHECK(imports_of("from concurrent import futures\n") == Names{"concurrent.futures"});
  CHECK(imports_of("from concurrent.futures import ProcessPoolExecutor, wait\n") ==
        Names{"concurrent.futures.ProcessPoolExecutor", "concurrent.futures.wait"});
  CHECK(imports_of("from threading import *\n") == Names{"threading"});
  CHECK(imports_of("from . import sibling\nfrom .pkg import x\n").empty());
  CHECK(imports_of("x = 1\nprint('import threading')\n# import _thread\n").empty());
}

TEST_CASE("imports: inside functions, classes, branches, loops, with and try blocks") {
  const char* source =
      "def worker():\n"
      "    import threading\n"
      "class C:\n"
      "    def m(self):\n"
      "        from _thread import start_new_thread\n"
      "if x:\n"
      "    pass\n"
      "else:\n"
      "    import a\n"
      "for i in range(3):\n"
      "    import b\n"
      "else:\n"
      "    import c\n"
      "while False:\n"
      "    import d\n"
      "with open('f') as f:\n"
      "    import e\n"
      "try:\n"
      "    import g\n"
      "except ImportError:\n"
      "    import h\n"
      "else:\n"
      "    import i\n"
      "finally:\n"
      "    import j\n";
  CHECK(imports_of(source) == Names{"threading", "_thread.start_new_thread", "a", "b", "c", "d",
                                    "e", "g", "h", "i", "j"});
}
