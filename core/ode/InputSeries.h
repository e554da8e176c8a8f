#pragma once
// Known inputs u(t) of an ODE model, taken from data columns: each input is
// a series of (time, value) samples, interpolated linearly or held piecewise
// constant (the value of the last sample at or before t). Outside the
// sampled range the first or last value is held.

#include <string>
#include <vector>

namespace hf::ode {

enum class Interpolation { Linear, Hold };
std::string interpolationName(Interpolation i);             ///< "linear", "hold"
Interpolation parseInterpolation(const std::string& name);  ///< throws hf::Error

class InputSeries {
 public:
  InputSeries() = default;
  /// times: non-decreasing, finite; one value series per input, each as
  /// long as `times` (non-finite samples are skipped). Throws hf::Error
  /// naming the input when a series has no finite sample.
  InputSeries(std::vector<double> times, std::vector<std::vector<double>> values, std::vector<std::string> names,
              std::vector<Interpolation> interpolation);
  std::size_t inputCount() const { return m_series.size(); }
  /// u(t) for every input into `u` (inputCount values). No allocation.
  void values(double t, double* u) const;
  /// Sorted, distinct times where an input jumps (held: a sample that
  /// changes the value) or kinks (linear: an interior sample where the
  /// slope changes): the right-hand side is not smooth there, and an
  /// integrator should not step across (SolveRequest::breakpoints).
  std::vector<double> breakpoints() const;

 private:
  struct Series {
    std::vector<double> t, v;
    Interpolation how = Interpolation::Linear;
  };
  std::vector<Series> m_series;
};

}  // namespace hf::ode
