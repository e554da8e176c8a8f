#pragma once
// Internal to core/fit: the whole model as one Ceres cost function over the
// free parameters. Each model block is evaluated (free columns gathered, a
// robust loss applied to every residual) and, when it has more than k + 1
// rows, compressed to k + 1 (BlockCompression.h); the blocks' outputs are
// stacked at fixed offsets. Blocks are spread over worker threads in fixed
// contiguous ranges, so the result does not depend on the thread count or
// on scheduling: a fit gives the same digits on every run.

#include "fit/CalibrationOptions.h"
#include "model/ResidualModel.h"

#include <ceres/cost_function.h>

#include <atomic>
#include <vector>

namespace hf::fit::detail {

/// The free parameters and the fixed values around them.
struct Layout {
  std::vector<double> full;    ///< all parameters, fixed values in place
  std::vector<int> freeIndex;  ///< model index of each free parameter
  bool allFree() const { return freeIndex.size() == full.size(); }
  void expand(const double* freeValues, std::vector<double>& out) const {
    out.assign(full.begin(), full.end());
    for (std::size_t j = 0; j < freeIndex.size(); ++j) out[static_cast<std::size_t>(freeIndex[j])] = freeValues[j];
  }
};

class StackedCost final : public ceres::CostFunction {
 public:
  /// threads: worker threads for large models (0: one per core); models of
  /// fewer than kParallelRows residuals are evaluated on the calling thread.
  /// All references must outlive the cost function.
  StackedCost(const model::ResidualModel& model, const Layout& layout, const CalibrationOptions& options,
              const std::atomic<bool>* cancel);
  ~StackedCost() override;

  static constexpr std::size_t kParallelRows = 32768;

  bool Evaluate(double const* const* parameters, double* residuals, double** jacobians) const override;

 private:
  struct Scratch;
  bool evaluateRange(std::size_t firstBlock, std::size_t endBlock, const double* freeValues, double* residuals,
                     double* jacobian, Scratch& s) const;

  const model::ResidualModel& m_model;
  const Layout& m_layout;
  const CalibrationOptions& m_options;
  const std::atomic<bool>* m_cancel;
  std::vector<std::size_t> m_offset;  ///< output row of each block, and the total at the end
  std::vector<std::size_t> m_split;   ///< first block of each thread's range, and blockCount() at the end
  mutable std::vector<Scratch> m_scratch;
};

}  // namespace hf::fit::detail
