// Standard normal variates from a counter-based stream by the ziggurat method (Marsaglia & Tsang 2000,
// 256 layers). Each variate is a pure function of the stream's values, so a chain's draws do not depend on
// threads. The layer boundaries are solved for at start-up (not copied constants): the base strip plus the
// tail and each of the 255 layers above it have the same area v, and the top layer closes at f = 1.
#pragma once
#include "flowcert/random/stream.hpp"

namespace flowcert {

double standard_normal(CounterStream& s);

// Uniform on [0, 1) with 53 random bits.
inline double uniform01(CounterStream& s) { return static_cast<double>(s.next() >> 11) * 0x1.0p-53; }

}  // namespace flowcert
