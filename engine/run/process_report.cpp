// ProcessReport's bytes (see process_report.h). Layout, little-endian:
//   "ILPR" u32 version(1) i64 origin_ns  str name  str trace
//   u8 has_globals [u32 n, n x (str name, str value)]
//   u8 has_children [u32 n, n x (u32 pid, u32 count, count x (str name, str value))]
// where str is u32 length + bytes.
#include "run/process_report.h"

#include <cstring>

namespace interleave::run {
namespace {

constexpr char kMagic[4] = {'I', 'L', 'P', 'R'};
constexpr std::uint32_t kVersion = 1;

void put_raw(std::string* out, const void* p, std::size_t n) {
  out->append(static_cast<const char*>(p), n);
}
void put_u32(std::string* out, std::uint32_t v) { put_raw(out, &v, 4); }
void put_str(std::string* out, std::string_view s) {
  put_u32(out, static_cast<std::uint32_t>(s.size()));
  out->append(s);
}
void put_globals(std::string* out, const GlobalsList& globals) {
  put_u32(out, static_cast<std::uint32_t>(globals.size()));
  for (const auto& [name, value] : globals) {
    put_str(out, name);
    put_str(out, value);
  }
}

// Bounds-checked reads; the first failure is kept in error_.
class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}
  bool raw(void* out, std::size_t n, const char* what) {
    if (bytes_.size() - pos_ < n) return fail(std::string("cut short in ") + what);
    std::memcpy(out, bytes_.data() + pos_, n);
    pos_ += n;
    return true;
  }
  bool u32(std::uint32_t* v, const char* what) { return raw(v, 4, what); }
  bool str(std::string* s, std::size_t max, const char* what) {
    std::uint32_t n;
    if (!u32(&n, what)) return false;
    if (n > max) return fail(std::string(what) + " too long");
    if (bytes_.size() - pos_ < n) return fail(std::string("cut short in ") + what);
    s->assign(bytes_.data() + pos_, n);
    pos_ += n;
    return true;
  }
  bool globals(GlobalsList* out) {
    std::uint32_t n;
    if (!u32(&n, "globals")) return false;
    if (n > kGlobalsCountMax) return fail("too many globals");
    out->resize(n);
    for (auto& [name, value] : *out) {
      if (!str(&name, kGlobalNameMax, "a global's name") ||
          !str(&value, kGlobalReprMax, "a global's value")) {
        return false;
      }
    }
    return true;
  }
  bool at_end() const { return pos_ == bytes_.size(); }
  bool fail(std::string why) {
    if (error_.empty()) error_ = "process report: " + why;
    return false;
  }
  const std::string& error() const { return error_; }

 private:
  std::string_view bytes_;
  std::size_t pos_ = 0;
  std::string error_;
};

}  // namespace

std::string write_process_report(const ProcessReport& report) {
  std::string out;
  out.reserve(64 + report.trace.size());
  put_raw(&out, kMagic, 4);
  put_u32(&out, kVersion);
  put_raw(&out, &report.origin_ns, 8);
  put_str(&out, std::string_view(report.name).substr(0, kReportNameMax));
  put_str(&out, report.trace);
  out.push_back(report.globals ? 1 : 0);
  if (report.globals) put_globals(&out, *report.globals);
  out.push_back(report.children ? 1 : 0);
  if (report.children) {
    put_u32(&out, static_cast<std::uint32_t>(report.children->size()));
    for (const ChildGlobals& child : *report.children) {
      put_u32(&out, child.process);
      put_globals(&out, child.globals);
    }
  }
  return out;
}

bool is_process_report(std::string_view bytes) {
  return bytes.size() >= 4 && std::memcmp(bytes.data(), kMagic, 4) == 0;
}

bool read_process_report(std::string_view bytes, ProcessReport* report, std::string* error) {
  *report = ProcessReport{};
  Reader in(bytes);
  auto failed = [&] {
    *error = in.error();
    return false;
  };
  if (!is_process_report(bytes)) {
    in.fail("not a process report");
    return failed();
  }
  char magic[4];
  std::uint32_t version;
  if (!in.raw(magic, 4, "the magic") || !in.u32(&version, "the version")) return failed();
  if (version != kVersion) {
    in.fail("unsupported version " + std::to_string(version));
    return failed();
  }
  if (!in.raw(&report->origin_ns, 8, "the clock origin") ||
      !in.str(&report->name, kReportNameMax, "the name") ||
      !in.str(&report->trace, bytes.size(), "the trace")) {
    return failed();
  }
  std::uint8_t flag;
  if (!in.raw(&flag, 1, "the globals flag")) return failed();
  if (flag > 1) {
    in.fail("bad globals flag");
    return failed();
  }
  if (flag == 1 && !in.globals(&report->globals.emplace())) return failed();
  if (!in.raw(&flag, 1, "the children flag")) return failed();
  if (flag > 1) {
    in.fail("bad children flag");
    return failed();
  }
  if (flag == 1) {
    std::uint32_t n;
    if (!in.u32(&n, "the children")) return failed();
    if (n > kReportChildrenMax) {
      in.fail("too many children");
      return failed();
    }
    auto& children = report->children.emplace();
    for (std::uint32_t i = 0; i < n; ++i) {
      ChildGlobals& child = children.emplace_back();
      if (!in.u32(&child.process, "a child's pid") || !in.globals(&child.globals)) return failed();
    }
  }
  if (!in.at_end()) {
    in.fail("bytes after the end");
    return failed();
  }
  return true;
}

}  // namespace interleave::run
