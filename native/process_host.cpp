// POSIX implementation of ipc::ProcessHost. Frames on the wire: u32 length (native order), the
// message, then zeros up to kCell bytes: a reader takes a small frame with one read of kCell bytes
// and never reads past the frame it asked for. A feeder writes its queued frames in batches of at
// most PIPE_BUF bytes, each with one write(), so frames up to PIPE_BUF from several writers never
// interleave. Read ends are read without blocking (O_NONBLOCK on pipes, MSG_DONTWAIT on sockets);
// a reader that must wait polls. After fork() the child keeps only the forking thread: every I/O
// thread, lock and child record of the parent is abandoned (leaked, never touched) and re-created
// on demand.
#include "process_host.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

namespace interleave::native {
namespace {

// The smallest frame on the wire: a frame of up to kCell - 4 message bytes is read in one read().
constexpr std::size_t kCell = 128;
// Larger frames than this cannot be valid (the _mp module's limit is 64 MiB per message).
constexpr std::uint32_t kMaxFrame = (std::uint32_t{64} << 20) + 4096;

struct Reader {
  int fd = -1;
  bool socket = false;           // a Connection's socketpair end (else a pipe's read end)
  std::int32_t* lock = nullptr;  // held while reading one frame (several reader processes)
  std::mutex mu;
  std::condition_variable cv;
  std::deque<std::string> frames;
  bool eof = false;
  bool demand = false;  // a reader waits: read one frame (frames are never read ahead)
  bool inline_read = false;  // a caller waits for a frame on its own thread (try_recv_waiting)
  bool closed = false;  // close_fd(): the thread ends without touching the descriptor
};

struct Writer {
  int fd = -1;
  bool socket = false;  // a Connection's socketpair end (else a pipe's write end, O_NONBLOCK)
  std::mutex mu;
  std::condition_variable cv;    // frames to write
  std::condition_variable idle;  // everything written (exit waits for it, like Queue's feeder)
  std::deque<std::string> out;   // messages, framed by the feeder
  bool busy = false;     // a write is under way (the feeder's, or a send() writing directly)
  bool closing = false;  // close_fd(): the thread ends once `out` is written
};

struct Child {
  std::int64_t pid = 0;
  bool daemon = false;
  bool done = false;
  int code = 0;
  int trace_fd = -1;        // traced runs: the memfd where the child leaves its trace
  std::int64_t end_ns = 0;  // CLOCK_MONOTONIC when waitpid saw its end
};

// Everything a fork child must abandon; replaced wholesale after fork().
struct State {
  std::mutex mu;
  std::condition_variable cv;  // a child ended
  // Shared with each descriptor's I/O thread: the last of the map and the thread frees it.
  std::unordered_map<int, std::shared_ptr<Reader>> readers;
  std::unordered_map<int, std::shared_ptr<Writer>> writers;
  std::unordered_map<std::int64_t, Child*> children;
  std::unordered_map<int, std::pair<void*, std::size_t>> maps;
  std::mutex notify_mu;
  std::function<void(const void*)> notify;
  // Launcher thread (spawn).
  bool launcher_started = false;
  std::condition_variable launch_cv;
  std::deque<std::function<void()>> launches;
};

// Writes all of `iov` (descriptors may be non-blocking: waits for room). False on an error
// (EPIPE: every reader is gone).
bool write_all(int fd, struct iovec* iov, int count) {
  while (count > 0) {
    ssize_t w = ::writev(fd, iov, count);
    if (w < 0 && errno == EINTR) continue;
    if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      struct pollfd p = {fd, POLLOUT, 0};
      ::poll(&p, 1, -1);
      continue;
    }
    if (w <= 0) return false;
    auto done = static_cast<std::size_t>(w);
    while (count > 0 && done >= iov->iov_len) {
      done -= iov->iov_len;
      ++iov;
      --count;
    }
    if (count > 0) {
      iov->iov_base = static_cast<char*>(iov->iov_base) + done;
      iov->iov_len -= done;
    }
  }
  return true;
}

bool write_all(int fd, const char* p, std::size_t n) {
  struct iovec iov = {const_cast<char*>(p), n};
  return write_all(fd, &iov, 1);
}

// Waits until `fd` is readable (or hung up); false when `timeout_ns` (>= 0) passed first.
bool wait_readable(int fd, std::int64_t timeout_ns) {
  struct pollfd p = {fd, POLLIN, 0};
  struct timespec ts = {static_cast<time_t>(timeout_ns / 1'000'000'000),
                        static_cast<long>(timeout_ns % 1'000'000'000)};
  for (;;) {
    int n = ::ppoll(&p, 1, timeout_ns >= 0 ? &ts : nullptr, nullptr);
    if (n < 0 && errno == EINTR) continue;
    return n != 0;
  }
}

// One read that never blocks: > 0 bytes read, 0 at EOF, -1 with errno (EAGAIN: nothing there).
ssize_t read_some(const Reader& r, char* p, std::size_t n) {
  for (;;) {
    ssize_t got = r.socket ? ::recv(r.fd, p, n, MSG_DONTWAIT) : ::read(r.fd, p, n);
    if (got < 0 && errno == EINTR) continue;
    return got;
  }
}

// Reads exactly n bytes, waiting for them as needed. False at EOF or on an error.
bool read_exact(const Reader& r, char* p, std::size_t n) {
  while (n > 0) {
    ssize_t got = read_some(r, p, n);
    if (got > 0) {
      p += got;
      n -= static_cast<std::size_t>(got);
    } else if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      wait_readable(r.fd, -1);
    } else {
      return false;
    }
  }
  return true;
}

enum class Read : std::uint8_t { Got, Empty, Eof };

// Reads one frame; the caller holds the reader's lock word. With `wait` false, returns Empty at
// once when no frame has begun to arrive; once one has, its rest follows (writers write a frame
// of up to PIPE_BUF bytes with one write, a larger one in pieces that follow).
Read read_frame(const Reader& r, bool wait, std::string* out) {
  char cell[kCell];
  ssize_t got;
  for (;;) {
    got = read_some(r, cell, kCell);
    if (got >= 0 || (errno != EAGAIN && errno != EWOULDBLOCK)) break;
    if (!wait) return Read::Empty;
    wait_readable(r.fd, -1);
  }
  if (got <= 0) return Read::Eof;
  if (!read_exact(r, cell + got, kCell - static_cast<std::size_t>(got))) return Read::Eof;
  std::uint32_t n;
  std::memcpy(&n, cell, 4);
  if (n > kMaxFrame) return Read::Eof;  // not one of our frames: treat the channel as broken
  if (n <= kCell - 4) {
    out->assign(cell + 4, n);
    return Read::Got;
  }
  out->resize(n);
  std::memcpy(out->data(), cell + 4, kCell - 4);
  return read_exact(r, out->data() + (kCell - 4), n - (kCell - 4)) ? Read::Got : Read::Eof;
}

// Appends `message` as one frame: its length, itself, zeros up to kCell bytes.
void append_frame(std::string* batch, const std::string& message) {
  auto n = static_cast<std::uint32_t>(message.size());
  batch->append(reinterpret_cast<const char*>(&n), 4);
  batch->append(message);
  if (message.size() + 4 < kCell) batch->append(kCell - 4 - message.size(), '\0');
}

// Writes queued messages as frames: small ones gathered into batches of at most PIPE_BUF bytes
// (one write each, so atomic on a pipe), a larger one as its length and itself.
// Errors (EPIPE: every reader is gone) drop the messages, as a closed pipe would.
void write_frames(int fd, const std::deque<std::string>& messages, std::string* batch) {
  batch->clear();
  for (const std::string& m : messages) {
    const std::size_t wire = std::max(kCell, m.size() + 4);
    if (batch->size() + wire > PIPE_BUF && !batch->empty()) {
      write_all(fd, batch->data(), batch->size());
      batch->clear();
    }
    if (wire <= PIPE_BUF) {
      append_frame(batch, m);
      continue;
    }
    auto n = static_cast<std::uint32_t>(m.size());
    struct iovec iov[2] = {{&n, 4}, {const_cast<char*>(m.data()), m.size()}};
    write_all(fd, iov, 2);
  }
  if (!batch->empty()) write_all(fd, batch->data(), batch->size());
}

void lock_word(std::int32_t* w) {
  std::atomic_ref<std::int32_t> a(*w);
  for (int spins = 0;; ++spins) {
    std::int32_t expected = 0;
    if (a.compare_exchange_weak(expected, 1)) return;
    if (spins > 64) std::this_thread::sleep_for(std::chrono::microseconds(50));
  }
}

bool try_lock_word(std::int32_t* w) {
  std::int32_t expected = 0;
  return std::atomic_ref<std::int32_t>(*w).compare_exchange_strong(expected, 1);
}

void unlock_word(std::int32_t* w) {
  std::atomic_ref<std::int32_t>(*w).store(0);
}

void append_string(std::string* out, const std::string& s) {
  auto n = static_cast<std::uint32_t>(s.size());
  out->append(reinterpret_cast<const char*>(&n), 4);
  out->append(s);
}

bool read_file(const std::string& path, std::string* text) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return false;
  text->clear();
  char buf[65536];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) text->append(buf, n);
  std::fclose(f);
  return true;
}

std::int64_t monotonic_ns() {
  struct timespec ts;
  ::clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

// A memfd for a child's trace (traced runs), or -1.
int trace_region() {
  return ::memfd_create("interleave-trace", MFD_CLOEXEC);
}

int exitcode_of(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return -WTERMSIG(status);
  return 0;
}

class PosixHost final : public ipc::ProcessHost {
 public:
  explicit PosixHost(std::unique_ptr<SpawnedChild> child)
      : child_(std::move(child)), st_(new State) {
    ::signal(SIGPIPE, SIG_IGN);
    pid_ = ::getpid();
    char buf[4096];
    ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
    exe_ = n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string("interleave");
    if (child_) {
      program_path_ = child_->program_path;
      trace_out_fd_ = child_->trace_fd;
    }
  }

  void set_notifier(std::function<void(const void*)> notify) override {
    std::lock_guard<std::mutex> lock(st_->notify_mu);
    st_->notify = std::move(notify);
  }

  std::int64_t pid() override { return pid_; }
  std::int64_t ppid() override { return ::getppid(); }
  int cpu_count() override {
    long n = ::sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? static_cast<int>(n) : 1;
  }

  void set_program(std::string_view path, std::vector<std::string> child_args) override {
    std::lock_guard<std::mutex> lock(st_->mu);
    if (!child_) program_path_ = std::string(path);
    child_args_ = std::move(child_args);
    for (std::size_t i = 0; i + 1 < child_args_.size(); ++i) {
      if (child_args_[i] == "--start-method") start_method_ = child_args_[i + 1];
    }
  }

  void set_fork_guard(ForkGuard guard) override {
    std::lock_guard<std::mutex> lock(st_->mu);
    fork_guard_ = std::move(guard);
  }

  void set_program_source(std::string_view source) override {
    std::lock_guard<std::mutex> lock(st_->mu);
    if (!child_) program_source_ = std::string(source);
  }

  std::int64_t fork_process(bool daemon, std::string* error) override {
    std::fflush(stdout);
    std::fflush(stderr);
    const pid_t parent = ::getpid();
    ForkGuard guard;
    {
      std::lock_guard<std::mutex> lock(st_->mu);
      guard = fork_guard_;
    }
    const int trace_fd = trace_children_.load() ? trace_region() : -1;
    pid_t pid = -1;
    if (guard) {
      guard([&pid] { pid = ::fork(); });
    } else {
      pid = ::fork();
    }
    if (pid < 0) {
      *error = std::string("[Errno ") + std::to_string(errno) + "] " + std::strerror(errno);
      if (trace_fd >= 0) ::close(trace_fd);
      return -1;
    }
    if (pid == 0) {
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
      if (::getppid() != parent) ::_exit(1);
      pid_ = ::getpid();
      State* old = st_;
      st_ = new State;  // the parent's threads and locks do not exist here: abandon `old`
      st_->maps = old->maps;
      st_->notify = old->notify;
      trace_out_fd_ = trace_fd;
      return 0;
    }
    add_child(pid, daemon, trace_fd);
    return pid;
  }

  std::int64_t spawn_process(std::string_view payload, const std::vector<int>& inherit, bool daemon,
                             std::string* error) override {
    std::fflush(stdout);
    std::fflush(stderr);
    // The payload descriptor holds the program's path and text, then the pickled Process.
    std::string data;
    {
      std::lock_guard<std::mutex> lock(st_->mu);
      const std::string& source = child_ ? child_->program_source : program_source_;
      if (source.empty() && !read_file(program_path_, &data_source_cache_)) {
        *error = "[Errno 2] No such file or directory: '" + program_path_ + "'";
        return -1;
      }
      const std::string& text = source.empty() ? data_source_cache_ : source;
      append_string(&data, program_path_);
      append_string(&data, text);
    }
    data.append(payload);
    int mfd = ::memfd_create("interleave-payload", MFD_CLOEXEC);
    if (mfd < 0 || !write_all(mfd, data.data(), data.size()) || ::lseek(mfd, 0, SEEK_SET) != 0) {
      *error = std::string("[Errno ") + std::to_string(errno) + "] " + std::strerror(errno);
      if (mfd >= 0) ::close(mfd);
      return -1;
    }
    std::vector<std::string> args = {exe_, "__child__", std::to_string(mfd), program_path_};
    {
      std::lock_guard<std::mutex> lock(st_->mu);
      args.insert(args.end(), child_args_.begin(), child_args_.end());
    }
    const int trace_fd = trace_children_.load() ? trace_region() : -1;
    if (trace_fd >= 0) {
      args.push_back("--trace-fd");
      args.push_back(std::to_string(trace_fd));
    }
    pid_t pid = -1;
    int err = 0;
    std::mutex done_mu;
    std::condition_variable done_cv;
    bool done = false;
    launch([&] {
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      const pid_t parent = ::getpid();
      pid_t p = ::fork();
      if (p == 0) {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent) ::_exit(1);
        for (int fd : inherit) ::fcntl(fd, F_SETFD, 0);  // async-signal-safe
        ::fcntl(mfd, F_SETFD, 0);
        if (trace_fd >= 0) ::fcntl(trace_fd, F_SETFD, 0);
        ::execv(argv[0], argv.data());
        ::_exit(127);
      }
      std::lock_guard<std::mutex> lock(done_mu);
      pid = p;
      err = p < 0 ? errno : 0;
      done = true;
      done_cv.notify_one();
    });
    {
      std::unique_lock<std::mutex> lock(done_mu);
      done_cv.wait(lock, [&] { return done; });
    }
    ::close(mfd);
    if (pid < 0) {
      *error = std::string("[Errno ") + std::to_string(err) + "] " + std::strerror(err);
      if (trace_fd >= 0) ::close(trace_fd);
      return -1;
    }
    add_child(pid, daemon, trace_fd);
    return pid;
  }

  bool child_exited(std::int64_t pid, int* exitcode, const void** wait_object) override {
    std::lock_guard<std::mutex> lock(st_->mu);
    auto it = st_->children.find(pid);
    if (it == st_->children.end()) {
      *exitcode = 0;
      return true;
    }
    *wait_object = it->second;
    if (!it->second->done) return false;
    *exitcode = it->second->code;
    return true;
  }

  void signal_child(std::int64_t pid, bool kill) override {
    std::lock_guard<std::mutex> lock(st_->mu);
    auto it = st_->children.find(pid);
    if (it != st_->children.end() && !it->second->done) {
      ::kill(static_cast<pid_t>(pid), kill ? SIGKILL : SIGTERM);
    }
  }

  [[noreturn]] void exit_now(int code) override {
    flush_writers();
    std::fflush(stdout);
    std::fflush(stderr);
    ::_exit(code);
  }

  [[noreturn]] void abort_now() override {
    std::fflush(stdout);
    std::fflush(stderr);
    struct rlimit no_core = {0, 0};
    ::setrlimit(RLIMIT_CORE, &no_core);
    ::signal(SIGABRT, SIG_DFL);
    std::abort();
  }

  void shutdown(bool wait_for_children, double max_wait_seconds) override {
    if (wait_for_children) flush_writers();
    std::unique_lock<std::mutex> lock(st_->mu);
    for (auto& [pid, c] : st_->children) {
      if (!c->done && (c->daemon || !wait_for_children)) {
        ::kill(static_cast<pid_t>(pid), wait_for_children ? SIGTERM : SIGKILL);
      }
    }
    auto all_done = [&] {
      for (auto& [pid, c] : st_->children) {
        if (!c->done) return false;
      }
      return true;
    };
    if (max_wait_seconds > 0) {
      auto limit = std::chrono::duration<double>(max_wait_seconds);
      if (!st_->cv.wait_for(lock, limit, all_done)) {
        for (auto& [pid, c] : st_->children) {
          if (!c->done) ::kill(static_cast<pid_t>(pid), SIGKILL);
        }
      }
    }
    st_->cv.wait(lock, all_done);
    lock.unlock();
    set_notifier(nullptr);
  }

  bool make_channel(bool duplex, int* a, int* b) override {
    int fds[2];
    if (duplex) {
      if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) return false;
    } else if (::pipe2(fds, O_CLOEXEC) != 0) {
      return false;
    }
    *a = fds[0];
    *b = fds[1];
    return true;
  }

  void send(int fd, std::string bytes) override {
    std::shared_ptr<Writer> w = writer(fd);
    std::unique_lock<std::mutex> lock(w->mu);
    // Written here, without waking the feeder, when nothing is queued before it and the pipe has
    // room for the whole frame at once (a non-blocking write of up to PIPE_BUF bytes is all or
    // nothing); otherwise the feeder writes it.
    const std::size_t wire = std::max(kCell, bytes.size() + 4);
    if (!w->socket && w->out.empty() && !w->busy && wire <= PIPE_BUF) {
      w->busy = true;
      lock.unlock();
      char frame[PIPE_BUF];
      auto n = static_cast<std::uint32_t>(bytes.size());
      std::memcpy(frame, &n, 4);
      std::memcpy(frame + 4, bytes.data(), bytes.size());
      std::memset(frame + 4 + bytes.size(), 0, wire - 4 - bytes.size());
      ssize_t written;
      do {
        written = ::write(w->fd, frame, wire);
      } while (written < 0 && errno == EINTR);
      const bool full = written < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
      lock.lock();
      w->busy = false;
      if (full) w->out.push_front(std::move(bytes));  // first: puts that came meanwhile follow it
      if (!w->out.empty() || w->closing) w->cv.notify_one();
      if (w->out.empty()) w->idle.notify_all();
      return;
    }
    w->out.push_back(std::move(bytes));
    w->cv.notify_one();
  }

  Recv try_recv(int fd, std::int32_t* lock_word_ptr, std::string* out,
                const void** wait_object) override {
    return try_recv_waiting(fd, lock_word_ptr, out, wait_object, 0);
  }

  Recv try_recv_waiting(int fd, std::int32_t* lock_word_ptr, std::string* out,
                        const void** wait_object, std::int64_t wait_ns) override {
    std::shared_ptr<Reader> r = reader(fd, lock_word_ptr);
    bool may_wait = wait_ns > 0;
    {
      std::lock_guard<std::mutex> lock(r->mu);
      if (!r->frames.empty()) {
        *out = std::move(r->frames.front());
        r->frames.pop_front();
        return Recv::Got;
      }
      if (r->eof) return Recv::Eof;
      // Nobody else in this process reads `fd` meanwhile (the I/O thread, another caller).
      may_wait = may_wait && !r->demand && !r->inline_read;
      if (may_wait) r->inline_read = true;
    }
    // Without the hand-off to the I/O thread: a frame is already in the pipe (or arrives within
    // `wait_ns`, waited for on this thread) and no other reader, thread or process, is inside one.
    if (r->lock != nullptr) {
      Read got = Read::Empty;
      std::int64_t deadline = 0;  // read from the clock only once a wait begins
      for (;;) {
        const bool locked = try_lock_word(r->lock);
        if (locked) {
          got = read_frame(*r, false, out);
          unlock_word(r->lock);
          if (got != Read::Empty) break;
        }
        if (!may_wait) break;
        std::int64_t left = wait_ns;
        if (deadline == 0) {
          deadline = monotonic_ns() + wait_ns;
        } else {
          left = deadline - monotonic_ns();
        }
        if (left <= 0 || !wait_readable(fd, left)) break;
        // Readable but another process holds the lock word: it is taking that frame.
        if (!locked) std::this_thread::sleep_for(std::chrono::microseconds(20));
      }
      if (may_wait) {
        std::lock_guard<std::mutex> lock(r->mu);
        r->inline_read = false;
      }
      if (got == Read::Got) return Recv::Got;
      if (got == Read::Eof) {
        std::lock_guard<std::mutex> lock(r->mu);
        r->eof = true;
        return Recv::Eof;
      }
    } else if (may_wait) {
      std::lock_guard<std::mutex> lock(r->mu);
      r->inline_read = false;
    }
    std::lock_guard<std::mutex> lock(r->mu);
    if (!r->frames.empty()) {
      *out = std::move(r->frames.front());
      r->frames.pop_front();
      return Recv::Got;
    }
    if (r->eof) return Recv::Eof;
    if (!r->demand) {
      r->demand = true;
      r->cv.notify_one();
    }
    *wait_object = r.get();
    return Recv::Empty;
  }

  void close_fd(int fd) override {
    State* st = st_;
    std::shared_ptr<Writer> w;
    std::shared_ptr<Reader> r;
    {
      std::lock_guard<std::mutex> lock(st->mu);
      auto wi = st->writers.find(fd);
      if (wi != st->writers.end()) w = wi->second;
      auto ri = st->readers.find(fd);
      if (ri != st->readers.end()) r = ri->second;
    }
    if (w != nullptr) {  // what was sent goes out first (CPython's send writes at once)
      std::unique_lock<std::mutex> l(w->mu);
      w->idle.wait(l, [&w] { return w->out.empty() && !w->busy; });
      w->closing = true;
      w->cv.notify_all();
    }
    if (r != nullptr) {
      std::lock_guard<std::mutex> l(r->mu);
      // A read in progress keeps the descriptor (closing it under a blocked read() races).
      if (r->demand || r->inline_read) return;
      r->closed = true;
      r->cv.notify_all();
    }
    {
      std::lock_guard<std::mutex> lock(st->mu);
      st->writers.erase(fd);
      st->readers.erase(fd);
    }
    ::close(fd);
  }

  int shm_create(std::size_t bytes) override {
    int fd = ::memfd_create("interleave-shm", MFD_CLOEXEC);
    if (fd < 0) return -1;
    if (::ftruncate(fd, static_cast<off_t>(bytes)) != 0) {
      ::close(fd);
      return -1;
    }
    return shm_map(fd) != nullptr ? fd : -1;
  }

  void* shm_map(int fd) override {
    // Mappings are never undone, so a descriptor's view, once published here, stays valid (a fork
    // child inherits both the mappings and this table).
    if (fd >= 0 && fd < kMappedFast) {
      if (void* p = mapped_[fd].load(std::memory_order_acquire)) return p;
    }
    std::lock_guard<std::mutex> lock(st_->mu);
    auto it = st_->maps.find(fd);
    if (it != st_->maps.end()) {
      if (fd >= 0 && fd < kMappedFast) mapped_[fd].store(it->second.first, std::memory_order_release);
      return it->second.first;
    }
    struct stat sb;
    if (::fstat(fd, &sb) != 0 || sb.st_size <= 0) return nullptr;
    auto size = static_cast<std::size_t>(sb.st_size);
    void* p = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED) return nullptr;
    st_->maps[fd] = {p, size};
    if (fd >= 0 && fd < kMappedFast) mapped_[fd].store(p, std::memory_order_release);
    return p;
  }

  void set_trace_children(bool on) override { trace_children_.store(on); }

  std::vector<ChildTrace> take_child_traces() override {
    std::vector<ChildTrace> out;
    std::lock_guard<std::mutex> lock(st_->mu);
    for (auto& [pid, c] : st_->children) {
      if (!c->done || c->trace_fd < 0) continue;
      ChildTrace ct;
      ct.pid = pid;
      ct.end_ns = c->end_ns;
      ct.exitcode = c->code;
      char buf[65536];
      off_t at = 0;
      for (;;) {
        ssize_t n = ::pread(c->trace_fd, buf, sizeof buf, at);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        ct.trace.append(buf, static_cast<std::size_t>(n));
        at += n;
      }
      ::close(c->trace_fd);
      c->trace_fd = -1;
      out.push_back(std::move(ct));
    }
    return out;
  }

  bool traced_child() const override { return trace_out_fd_ >= 0; }

  void hand_trace_to_parent(std::string_view bytes) override {
    if (trace_out_fd_ < 0) return;
    off_t at = 0;
    while (at < static_cast<off_t>(bytes.size())) {
      ssize_t n = ::pwrite(trace_out_fd_, bytes.data() + at, bytes.size() - static_cast<std::size_t>(at), at);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return;
      at += n;
    }
  }

  bool is_spawned_child() const override { return child_ != nullptr; }
  const std::string& child_program_source() const override { return child_->program_source; }
  const std::string& child_program_path() const override { return child_->program_path; }
  const std::string& child_payload() const override { return child_->payload; }
  const std::string& start_method() const override { return start_method_; }

 private:
  void notify(const void* object) {
    State* st = st_;
    std::lock_guard<std::mutex> lock(st->notify_mu);
    if (st->notify) st->notify(object);
  }

  // Before the process ends, every frame put or sent reaches its pipe (CPython joins the Queue
  // feeder thread at exit).
  void flush_writers() {
    std::vector<std::shared_ptr<Writer>> writers;
    {
      std::lock_guard<std::mutex> lock(st_->mu);
      for (auto& [fd, w] : st_->writers) writers.push_back(w);
    }
    for (const auto& w : writers) {
      std::unique_lock<std::mutex> l(w->mu);
      w->idle.wait(l, [&w] { return w->out.empty() && !w->busy; });
    }
  }

  void launch(std::function<void()> fn) {
    State* st = st_;
    std::lock_guard<std::mutex> lock(st->mu);
    st->launches.push_back(std::move(fn));
    if (!st->launcher_started) {
      st->launcher_started = true;
      std::thread([st] {
        std::unique_lock<std::mutex> l(st->mu);
        for (;;) {
          st->launch_cv.wait(l, [st] { return !st->launches.empty(); });
          auto job = std::move(st->launches.front());
          st->launches.pop_front();
          l.unlock();
          job();
          l.lock();
        }
      }).detach();
    }
    st->launch_cv.notify_one();
  }

  void add_child(pid_t pid, bool daemon, int trace_fd) {
    State* st = st_;
    auto* c = new Child;
    c->pid = pid;
    c->daemon = daemon;
    c->trace_fd = trace_fd;
    {
      std::lock_guard<std::mutex> lock(st->mu);
      st->children[pid] = c;
    }
    std::thread([this, st, c, pid] {
      int status = 0;
      while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
      }
      {
        std::lock_guard<std::mutex> lock(st->mu);
        c->code = exitcode_of(status);
        c->end_ns = monotonic_ns();
        c->done = true;
        st->cv.notify_all();
      }
      if (st == st_) notify(c);
    }).detach();
  }

  std::shared_ptr<Writer> writer(int fd) {
    State* st = st_;
    std::lock_guard<std::mutex> lock(st->mu);
    auto it = st->writers.find(fd);
    if (it != st->writers.end()) return it->second;
    auto w = std::make_shared<Writer>();
    w->fd = fd;
    struct stat sb;
    w->socket = ::fstat(fd, &sb) == 0 && S_ISSOCK(sb.st_mode);
    if (!w->socket) {
      // Shared by every process that holds this write end; all of them write through write_all,
      // which waits for room when the pipe is full.
      const int flags = ::fcntl(fd, F_GETFL);
      if (flags >= 0 && (flags & O_NONBLOCK) == 0) ::fcntl(fd, F_SETFL, flags | O_NONBLOCK);
    }
    st->writers[fd] = w;
    std::thread([w] {
      std::deque<std::string> taken;
      std::string batch;
      std::unique_lock<std::mutex> l(w->mu);
      for (;;) {
        w->cv.wait(l, [w] { return !w->busy && (!w->out.empty() || w->closing); });
        if (w->out.empty()) return;  // closed: the descriptor is no longer ours
        taken.swap(w->out);  // everything put so far, written in as few write()s as it takes
        w->busy = true;
        l.unlock();
        write_frames(w->fd, taken, &batch);
        taken.clear();
        l.lock();
        w->busy = false;
        if (w->out.empty()) w->idle.notify_all();
      }
    }).detach();
    return w;
  }

  std::shared_ptr<Reader> reader(int fd, std::int32_t* lock_word_ptr) {
    State* st = st_;
    std::lock_guard<std::mutex> lock(st->mu);
    auto it = st->readers.find(fd);
    if (it != st->readers.end()) return it->second;
    auto r = std::make_shared<Reader>();
    r->fd = fd;
    r->lock = lock_word_ptr;
    struct stat sb;
    r->socket = ::fstat(fd, &sb) == 0 && S_ISSOCK(sb.st_mode);
    if (!r->socket) {
      // Shared by every process that holds this read end; all of them read through read_frame,
      // which polls when it must wait. (A socket end is also written: MSG_DONTWAIT instead.)
      const int flags = ::fcntl(fd, F_GETFL);
      if (flags >= 0 && (flags & O_NONBLOCK) == 0) ::fcntl(fd, F_SETFL, flags | O_NONBLOCK);
    }
    st->readers[fd] = r;
    std::thread([this, st, r] {
      for (;;) {
        {
          std::unique_lock<std::mutex> l(r->mu);
          r->cv.wait(l, [r] { return r->demand || r->closed; });
          if (r->closed) return;  // the descriptor is no longer ours
        }
        if (r->lock != nullptr) lock_word(r->lock);
        std::string frame;
        const bool ok = read_frame(*r, true, &frame) == Read::Got;
        if (r->lock != nullptr) unlock_word(r->lock);
        {
          std::lock_guard<std::mutex> l(r->mu);
          if (ok) {
            r->frames.push_back(std::move(frame));
          } else {
            r->eof = true;
          }
          r->demand = false;
          r->cv.notify_all();
        }
        if (st == st_) notify(r.get());
        if (!ok) return;
      }
    }).detach();
    return r;
  }

  static constexpr int kMappedFast = 1024;  // descriptors below this: shm_map without the mutex

  std::unique_ptr<SpawnedChild> child_;
  std::atomic<void*> mapped_[kMappedFast] = {};  // shm_map's views by descriptor (st_->maps too)
  State* st_;  // replaced only in a fork child, while it has one thread
  std::atomic<std::int64_t> pid_{0};
  std::string exe_;
  std::string program_path_;
  std::string program_source_;
  std::string data_source_cache_;  // the program file's text when no source was handed over
  std::vector<std::string> child_args_;
  std::string start_method_ = "spawn";
  ForkGuard fork_guard_;
  std::atomic<bool> trace_children_{false};
  int trace_out_fd_ = -1;  // a traced child: where it leaves its trace (set at start, or in fork)
};

}  // namespace

std::unique_ptr<ipc::ProcessHost> make_posix_process_host(std::unique_ptr<SpawnedChild> child) {
  return std::make_unique<PosixHost>(std::move(child));
}

}  // namespace interleave::native
