// The simulator's model as the playground shows and edits it: the cost profile of
// run/sim_profile.h, each key kept in a sane range, its value written for a person ("8.5 us") and
// read back from what a person types ("8.5us", "4 ms", "26"), and the compact text that carries
// the keys a person changed in share links and prefs ("ops.arith:48,machine.background_load:2").
// Every key comes from run::sim::profile_keys() at run time; none is named here except
// machine.background_load, the panel's "is this machine busy" knob.
// Untrusted text (a link, a prefs file) is read forgivingly: unknown keys, malformed items and
// anything past the bounds are skipped, values clamped; it never fails. Pure functions: any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "run/sim_profile.h"

namespace interleave::ui {

using Model = run::sim::Profile;

// A duration key takes 0 .. kMaxModelDurationNs (a longer cost is no model of a machine), an
// instruction (ops.*) at least 1 ns and sim.quantum at least 1 us; a count key
// (machine.background_load) 0 .. kMaxModelCount competitors.
inline constexpr std::int64_t kMaxModelDurationNs = 10'000'000'000;  // 10 s
inline constexpr std::int64_t kMaxModelCount = 64;
// The compact text: at most this many characters and items (every key fits many times over).
inline constexpr std::size_t kModelTextMax = 2048;
inline constexpr std::size_t kModelItemsMax = 128;

struct ModelKeyRange {
  std::int64_t min = 0, max = 0;
};
ModelKeyRange model_key_range(std::size_t key);

// Every key in its range.
Model clamped_model(Model model);

// Which keys differ from the built-in profile (run::sim::default_profile()).
bool model_key_edited(const Model& model, std::size_t key);
std::size_t model_edited_count(const Model& model);

// The index of machine.background_load in profile_keys() (the panel puts it first).
std::optional<std::size_t> background_load_key();

// A value for a person: "2 ns", "8.5 us", "4 ms", "1.5 s" (exact: it reads back to the same
// value), or the plain number of a count key.
std::string format_model_value(std::size_t key, std::int64_t value);
// What a person typed: a number with an optional unit ns (the default), us (or µs), ms or s for a
// duration key; a whole number for a count key. Clamped into the key's range (a negative number
// becomes the minimum); nullopt when it is not a number at all.
std::optional<std::int64_t> parse_model_value(std::size_t key, std::string_view text);

// The compact text of the keys that differ from the built-in, in profile_keys() order:
// "section.name:VALUE" items joined by ',', VALUE a whole number of ns with the largest unit that
// divides it exactly ("48", "4us", "70ms", "2s"), or a count. "" for the built-in model.
std::string model_to_text(const Model& model);
// The built-in model with the valid items of `text` applied (see the header comment).
Model model_from_text(std::string_view text);

// The keys that differ from the built-in as INI lines ("ops.arith = 48\n"), for
// run::Options::profile_text. "" for the built-in model.
std::string model_profile_text(const Model& model);

}  // namespace interleave::ui
