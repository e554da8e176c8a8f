#pragma once
// Fitting parameters on a log scale: the solver moves u = log(p) for the
// parameters so marked, the model sees p = exp(u), and each Jacobian column
// is multiplied by p (d r / d u = p d r / d p). Rate constants that span
// decades, or start orders of magnitude from their optimum, become
// well-scaled; a value can never cross zero.

#include "fit/CalibrationOptions.h"
#include "model/ResidualModel.h"

#include <vector>

namespace hf::fit {

class LogScaledModel final : public model::ResidualModel {
 public:
  /// `logScale` has one flag per parameter of `inner`, which must outlive this.
  LogScaledModel(const model::ResidualModel& inner, std::vector<bool> logScale);

  const std::vector<std::string>& parameterNames() const override { return m_inner.parameterNames(); }
  std::size_t blockCount() const override { return m_inner.blockCount(); }
  std::size_t dataBlockCount() const override { return m_inner.dataBlockCount(); }
  std::size_t learnedWeightCount() const override { return m_inner.learnedWeightCount(); }
  /// The inner model's defaults; a log-scale parameter's default is its log.
  std::vector<double> defaultStarts() const override;
  std::vector<double> reseededStarts(std::uint64_t offset) const override;
  int blockSize(std::size_t block) const override { return m_inner.blockSize(block); }
  std::string blockTerm(std::size_t block) const override { return m_inner.blockTerm(block); }
  bool evaluateBlock(std::size_t block, std::span<const double> params, std::span<double> residuals,
                     std::span<double> jacobian, model::EvalScratch& scratch) const override;
  double relativePrecision() const override { return m_inner.relativePrecision(); }
  std::string failureAt(std::span<const double> params) const override;
  double totalSumOfSquares() const override { return m_inner.totalSumOfSquares(); }

  /// p from u (all parameters).
  std::vector<double> toValues(std::span<const double> u) const;

 private:
  const model::ResidualModel& m_inner;
  std::vector<bool> m_log;
};

/// The settings the solver sees: start, lower and upper of each free
/// log-scale parameter replaced by their logarithms (a lower bound <= 0
/// becomes none). Throws hf::Error when a log-scale start is not positive
/// or an upper bound is not positive.
std::vector<ParameterSetting> logScaledSettings(const std::vector<ParameterSetting>& settings);

}  // namespace hf::fit
