// Argument parsing for `interleave run`, `dis` and `calibrate` (CLI11), file reading, and the output
// sink: stdout block- or line-buffered as C stdio decides, stderr unbuffered, stdout flushed before
// anything goes to stderr so that the two interleave in program order.
#include "cli.h"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "run/program.h"
#include "run/sim_calibrate.h"
#include "version.h"

namespace interleave::cli {
namespace {

void write_output(int fd, std::string_view text) {
  if (fd == 2) {
    std::fflush(stdout);
    std::fwrite(text.data(), 1, text.size(), stderr);
  } else {
    std::fwrite(text.data(), 1, text.size(), stdout);
  }
}

bool read_file(const std::string& path, std::string* text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  *text = buffer.str();
  return true;
}

// CPython's wording for a program file that cannot be opened (exit status 2, as python3 does).
int cannot_open(const std::string& path) {
  std::fprintf(stderr, "interleave: can't open file '%s': [Errno 2] No such file or directory\n",
               path.c_str());
  return run::exit_status::kUsage;
}

// `interleave calibrate`: runs the measuring program (run/sim_calibrate.h) with CPython when
// `python` runs, and with Interleave's real driver; writes the profile from CPython's numbers
// (the simulator models CPython), or from the real driver's without a CPython.
int calibrate(const std::string& output_path, const std::string& python, double scale) {
  const std::string path =
      std::string(P_tmpdir) + "/interleave_calibrate_" + std::to_string(getpid()) + ".py";
  {
    std::ofstream f(path, std::ios::binary);
    f << run::sim::kCalibrationProgram;
    if (!f) {
      std::fprintf(stderr, "interleave: cannot write %s\n", path.c_str());
      return run::exit_status::kError;
    }
  }
  char scale_text[32];
  std::snprintf(scale_text, sizeof scale_text, "%g", scale);
  std::fprintf(stderr, "calibrate: Interleave's real driver...\n");
  run::Options options;
  options.argv = {path, scale_text};
  std::string native;
  const int native_status = run::run_source(
      run::sim::kCalibrationProgram, path, options, [&](int fd, std::string_view text) {
        if (fd == 1) native.append(text);
        else write_output(fd, text);
      });
  std::string cpython;
  if (!python.empty()) {
    std::fprintf(stderr, "calibrate: %s...\n", python.c_str());
    const std::string command = "'" + python + "' '" + path + "' " + scale_text + " 2>&1";
    if (FILE* pipe = popen(command.c_str(), "r")) {
      char buf[4096];
      std::size_t n;
      while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) cpython.append(buf, n);
      if (pclose(pipe) != 0) cpython.clear();
    }
  }
  std::remove(path.c_str());
  run::sim::Profile profile;
  std::string error, text;
  if (run::sim::profile_from_calibration(cpython, &profile, &error)) {
    text = run::sim::calibrated_profile_text(profile, python + " on this machine", cpython,
                                             "Interleave's real driver", native);
  } else if (native_status == 0 && run::sim::profile_from_calibration(native, &profile, &error)) {
    text = run::sim::calibrated_profile_text(profile, "Interleave's real driver (no CPython)",
                                             native, "", "");
  } else {
    std::fprintf(stderr, "interleave: calibrate: %s\n", error.c_str());
    return run::exit_status::kError;
  }
  if (output_path.empty() || output_path == "-") {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return run::exit_status::kOk;
  }
  std::ofstream out(output_path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) {
    std::fprintf(stderr, "interleave: cannot write %s\n", output_path.c_str());
    return run::exit_status::kError;
  }
  std::fprintf(stderr, "calibrate: wrote %s\n", output_path.c_str());
  return run::exit_status::kOk;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Interleave: see Python threads and processes run, simulated and for real.",
               "interleave"};
  app.set_version_flag("--version", std::string("interleave ") + version());
  app.require_subcommand(1);
  app.footer(
      "Without a subcommand, `interleave` opens the desktop playground.\n"
      "Exit status: 0 ok; 1 uncaught exception or syntax error; 2 usage error;\n"
      "3 deadlock detected; 124 time limit reached.");

  run::Options options;
  std::string file;
  std::vector<std::string> program_args;
  double timeout = 0;
  std::uint64_t seed = 0;

  CLI::App* run_cmd = app.add_subcommand("run", "Run a Python program");
  run_cmd->add_option("FILE", file, "The program (.py)")->required();
  run_cmd->add_option("ARGS", program_args, "Arguments for the program (sys.argv[1:]); put them after --");
  run_cmd->add_option("--mode", options.mode, "real: real threads and processes; sim: simulated")
      ->check(CLI::IsMember({"real", "sim"}))->default_str("real");
  run_cmd->add_option("--gil", options.gil, "on: CPython 3.2+ GIL; legacy: pre-3.2 GIL; off: none")
      ->check(CLI::IsMember({"on", "off", "legacy"}))->default_str("on");
  run_cmd->add_option("--switch-interval", options.switch_interval, "GIL switch interval, seconds")
      ->check(CLI::Range(1e-6, 10.0))->default_str("0.005");
  run_cmd->add_option("--cores", options.cores, "Simulated cores (sim); default: this machine's")
      ->check(CLI::Range(1, 1024));
  run_cmd->add_option("--load", options.background_load,
                      "Simulated background load (sim): K CPU-bound competitors for the cores")
      ->check(CLI::Range(0, 1024));
  run_cmd->add_option("--start-method", options.start_method, "fork or spawn")
      ->check(CLI::IsMember({"fork", "spawn"}))->default_str("spawn");
  CLI::Option* timeout_opt = run_cmd->add_option("--timeout", timeout, "Stop the program after SECONDS")
      ->check(CLI::Range(1e-3, 1e7));
  CLI::Option* seed_opt = run_cmd->add_option("--seed", seed, "Tie-breaking (sim) and random's seed");
  run_cmd->add_option("--trace", options.trace_path, "Write a Chrome Trace Event JSON timeline");
  run_cmd->add_option("--summary", options.summary_path, "Write the run's numbers as JSON");
  run_cmd->add_option("--profile", options.profile_path, "Simulator cost profile (INI, docs/simulator.md)")
      ->check(CLI::ExistingFile);

  std::string dis_file;
  CLI::App* dis_cmd = app.add_subcommand("dis", "Print a program's bytecode");
  dis_cmd->add_option("FILE", dis_file, "The program (.py)")->required();

  std::string calibrate_output;
  std::string calibrate_python = "python3";
  double calibrate_scale = 1.0;
  CLI::App* calibrate_cmd =
      app.add_subcommand("calibrate", "Measure this machine and write a simulator profile");
  calibrate_cmd->add_option("-o,--output", calibrate_output, "The profile file (default: stdout)");
  calibrate_cmd->add_option("--python", calibrate_python, "The CPython to measure; \"\": none")
      ->default_str("python3");
  calibrate_cmd->add_option("--scale", calibrate_scale, "Length of the measurements (0.1: quick)")
      ->check(CLI::Range(0.01, 100.0))->default_str("1");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);  // prints help, version or the error with a hint
    return code == 0 ? 0 : run::exit_status::kUsage;
  }

  if (*run_cmd) {
    if (*timeout_opt) options.timeout = timeout;
    if (*seed_opt) options.seed = seed;
    std::string source;
    if (!read_file(file, &source)) return cannot_open(file);
    options.argv.push_back(file);
    options.argv.insert(options.argv.end(), program_args.begin(), program_args.end());
    const int status = run::run_source(source, file, options, write_output);
    std::fflush(stdout);
    return status;
  }
  if (*calibrate_cmd) {
    const int status = calibrate(calibrate_output, calibrate_python, calibrate_scale);
    std::fflush(stdout);
    return status;
  }
  if (*dis_cmd) {
    std::string source;
    if (!read_file(dis_file, &source)) return cannot_open(dis_file);
    const int status = run::disassemble_source(source, dis_file, write_output);
    std::fflush(stdout);
    return status;
  }
  return run::exit_status::kUsage;
}

}  // namespace interleave::cli
