// The run's numbers as CSV (the "export the numbers" of PRODUCT.md): one row per thread and one
// total row per run, times in nanoseconds, the wait columns by kind (trace::WaitBucket). A compare
// run exports both runs, labelled "sim" and "real". Pure functions: any thread.
#pragma once

#include <string>
#include <string_view>

#include "trace/summary.h"

namespace interleave::ui {

std::string summary_csv_header();
// Rows for one run; `run` labels them ("sim", "real").
std::string summary_csv_rows(const trace::Summary& summary, std::string_view run);

}  // namespace interleave::ui
