// Nanoseconds per standard normal from flowcert's ziggurat (random/normal.hpp), beside the same ziggurat with
// the sign taken by a branch (the code before the sign became branch-free): both read the same stream and must
// give the same sum, so only the sign's cost differs. Each is timed REPS times (default 3), the best is kept.
// Usage: bench_normals [COUNT [REPS]]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "flowcert/random/normal.hpp"

using clk = std::chrono::steady_clock;

namespace {

// The fast path with a 50 % branch on the sign bit (mispredicted every other draw).
double branched_normal(flowcert::CounterStream& s) {
  const std::uint64_t u = s.next();
  const int i = static_cast<int>(u & 0xff);
  const double x = static_cast<double>(u >> 11) * 0x1.0p-53 * flowcert::detail::ziggurat.x[i];
  if (x < flowcert::detail::ziggurat.x[i + 1]) return ((u >> 8) & 1) ? -x : x;
  return flowcert::detail::normal_slow(s, u);
}

template <class F>
double best_ns(long count, int reps, F draw, double& sum) {
  double best = 0;
  for (int r = 0; r < reps; ++r) {
    flowcert::CounterStream s(2026, 7);
    double acc = 0;
    auto t0 = clk::now();
    for (long i = 0; i < count; ++i) acc += draw(s);
    const double ns = std::chrono::duration<double, std::nano>(clk::now() - t0).count() / static_cast<double>(count);
    best = r == 0 ? ns : std::min(best, ns);
    sum = acc;
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  const long count = argc > 1 ? std::atol(argv[1]) : 16000000;
  const int reps = argc > 2 ? std::atoi(argv[2]) : 3;
  if (count < 1 || reps < 1) {
    std::fprintf(stderr, "usage: bench_normals [COUNT [REPS]] (both positive)\n");
    return 2;
  }
  double sum_fast = 0, sum_branched = 0;
  const double fast = best_ns(count, reps, [](flowcert::CounterStream& s) { return flowcert::standard_normal(s); }, sum_fast);
  const double branched = best_ns(count, reps, branched_normal, sum_branched);
  std::printf("count %ld\nns_per_normal %.3f\nns_per_normal_branched_sign %.3f\nsame_draws %s\n", count, fast, branched,
              sum_fast == sum_branched ? "yes" : "NO");
  return sum_fast == sum_branched ? 0 : 1;
}
