// Counter-based random numbers: value k of stream (seed, stream_id) is a pure function of (seed, stream_id, k),
// so results do not depend on thread count or on the order in which samples are drawn. The mixer is
// SplitMix64's finalizer applied to a Weyl sequence keyed by both seed and stream.
#pragma once
#include <cstdint>

namespace flowcert {

inline std::uint64_t mix64(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

class CounterStream {
 public:
  CounterStream(std::uint64_t seed, std::uint64_t stream)
      : key_(mix64(seed * 0x9e3779b97f4a7c15ULL + mix64(stream + 0x632be59bd9b4e019ULL))) {}
  // The k-th value of the stream, without advancing it.
  std::uint64_t at(std::uint64_t k) const { return mix64(key_ + (k + 1) * 0x9e3779b97f4a7c15ULL); }
  std::uint64_t next() { return at(counter_++); }
  // Uniform integer in [0, n) by rejection (no modulo bias).
  std::uint64_t uniform_int(std::uint64_t n) {
    const std::uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    std::uint64_t x;
    do x = next(); while (x >= limit);
    return x % n;
  }
  std::uint64_t counter() const { return counter_; }

 private:
  std::uint64_t key_;
  std::uint64_t counter_ = 0;
};

// 64-bit FNV-1a of a string, to derive stream ids from names (claim id, variable name).
inline std::uint64_t name_hash(const char* s) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (; *s; ++s) h = (h ^ static_cast<unsigned char>(*s)) * 0x100000001b3ULL;
  return h;
}

}  // namespace flowcert
