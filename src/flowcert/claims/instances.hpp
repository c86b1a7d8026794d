// The points a check is decided at: the Cartesian product of its grid axes, times its random draws,
// with its fixed params. Every value is exact (rational), so any point can be re-evaluated rigorously.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "flowcert/claims/claim.hpp"

namespace flowcert {

struct Point {
  std::vector<std::pair<std::string, Mat<Q>>> values;
  std::string label;  // e.g. "K=8 i=3 a#2 (scale 20)"
};

// Names a check's formulas may use as inputs: params, grid axes, random and symbolic variables.
std::vector<std::string> input_names(const CheckSpec& s);

std::vector<Point> make_points(const Claim& claim, const CheckSpec& s);

// Evaluates a formula exactly (rationals) with the given inputs, e.g. a grid range end or a size.
Mat<Q> eval_exact(const std::string& text, const std::vector<std::pair<std::string, Mat<Q>>>& env,
                  const DefTable& defs, const SourceRef& where);

// The inputs of a point as JSON-ready exact decimal strings (scalars as strings, vectors as arrays).
std::string describe_value(const Mat<Q>& v, std::size_t max_entries = 8);

}  // namespace flowcert
