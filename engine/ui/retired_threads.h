// Worker threads that were asked to stop but that the UI thread must not wait for (a run stops
// within 200 ms, but one long instruction, e.g. a huge multiplication, cannot be interrupted):
// each is joined once it has said it exited, at the next reap(), or in the destructor (the app is
// closing). UI thread only.
#pragma once

#include <atomic>
#include <memory>
#include <thread>
#include <utility>
#include <vector>

namespace interleave::ui {

class RetiredThreads {
 public:
  RetiredThreads() = default;
  RetiredThreads(const RetiredThreads&) = delete;
  RetiredThreads& operator=(const RetiredThreads&) = delete;
  ~RetiredThreads() {
    for (Entry& e : entries_) e.thread.join();
  }

  // `exited` is set by the thread as its very last step.
  void add(std::thread thread, std::shared_ptr<const std::atomic<bool>> exited) {
    if (!thread.joinable()) return;
    entries_.push_back(Entry{std::move(thread), std::move(exited)});
    reap();
  }
  void reap() {
    for (std::size_t i = 0; i < entries_.size();) {
      if (entries_[i].exited->load()) {
        entries_[i].thread.join();
        entries_.erase(entries_.begin() + static_cast<std::ptrdiff_t>(i));
      } else {
        ++i;
      }
    }
  }
  std::size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    std::thread thread;
    std::shared_ptr<const std::atomic<bool>> exited;
  };
  std::vector<Entry> entries_;
};

}  // namespace interleave::ui
