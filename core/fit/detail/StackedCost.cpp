#include "fit/detail/StackedCost.h"

#include "fit/RobustLoss.h"
#include "fit/detail/BlockCompression.h"

#include <algorithm>
#include <cmath>
#include <thread>

namespace hf::fit::detail {
namespace {

// A robust loss acts on each residual, also inside a block of many rows:
// the residual becomes sign(r) sqrt(rho(r^2)), so that Ceres' plain cost
// 0.5 sum r~^2 is the robust cost 0.5 sum rho(r^2), with the exact
// Jacobian d r~/dp = rho'(s) |r| / sqrt(rho(s)) dr/dp (-> dr/dp as r -> 0
// for every loss here, all having rho'(0) = 1). Ceres' own LossFunction
// would act on the squared norm of a whole block instead.
void robustify(const CalibrationOptions& o, double* r, double* jac, std::size_t rows, std::size_t cols) {
  for (std::size_t i = 0; i < rows; ++i) {
    const double s = r[i] * r[i];
    const LossValue lv = evaluateLoss(o.loss, o.lossScale, s);
    const double root = std::sqrt(lv.rho);
    const double factor = s > 0.0 ? lv.drho * std::fabs(r[i]) / root : 1.0;
    r[i] = std::copysign(root, r[i]);
    if (jac)
      for (std::size_t j = 0; j < cols; ++j) jac[i * cols + j] *= factor;
  }
}

}  // namespace

struct StackedCost::Scratch {
  model::EvalScratch model;
  std::vector<double> params;
  std::vector<double> row;        // m x P Jacobian of all parameters
  std::vector<double> residuals;  // m, before compression
  std::vector<double> jacobian;   // m x k, before compression
  std::vector<double> work;
};

StackedCost::StackedCost(const model::ResidualModel& model, const Layout& layout, const CalibrationOptions& options,
                         const std::atomic<bool>* cancel)
    : m_model(model), m_layout(layout), m_options(options), m_cancel(cancel) {
  const std::size_t k = layout.freeIndex.size();
  const std::size_t blocks = model.blockCount();
  std::size_t rows = 0, total = 0;
  for (std::size_t b = 0; b < blocks; ++b) {
    m_offset.push_back(total);
    const auto m = static_cast<std::size_t>(model.blockSize(b));
    rows += m;
    total += compressedRows(m, k);
  }
  m_offset.push_back(total);
  set_num_residuals(static_cast<int>(total));
  mutable_parameter_block_sizes()->push_back(static_cast<int>(k));

  std::size_t threads = options.threads > 0 ? static_cast<std::size_t>(options.threads)
                                            : std::max(1u, std::thread::hardware_concurrency());
  if (rows < kParallelRows) threads = 1;
  threads = std::min(threads, std::max<std::size_t>(1, blocks));
  for (std::size_t t = 0; t < threads; ++t) m_split.push_back(blocks * t / threads);
  m_split.push_back(blocks);
  m_scratch.resize(threads);
}

StackedCost::~StackedCost() = default;

bool StackedCost::evaluateRange(std::size_t firstBlock, std::size_t endBlock, const double* freeValues,
                                double* residuals, double* jacobian, Scratch& s) const {
  m_layout.expand(freeValues, s.params);
  const std::size_t p = s.params.size();
  const std::size_t k = m_layout.freeIndex.size();
  for (std::size_t b = firstBlock; b < endBlock; ++b) {
    // After a cancel every evaluation fails at once, so a long iteration
    // ends within one block instead of running its course.
    if (m_cancel && m_cancel->load(std::memory_order_relaxed)) return false;
    const auto m = static_cast<std::size_t>(m_model.blockSize(b));
    const bool compress = compressedRows(m, k) < m;
    double* outR = residuals + m_offset[b];
    double* outJ = jacobian ? jacobian + m_offset[b] * k : nullptr;
    // Where the block's full residuals and free-parameter Jacobian go.
    double* r = outR;
    double* jac = outJ;
    if (compress) {
      s.residuals.resize(m);
      r = s.residuals.data();
      if (jacobian) {
        s.jacobian.resize(m * k);
        jac = s.jacobian.data();
      }
    }
    std::span<double> full;
    if (jac && m_layout.allFree()) {
      full = {jac, m * p};
    } else if (jac) {
      s.row.resize(m * p);
      full = s.row;
    }
    if (!m_model.evaluateBlock(b, s.params, {r, m}, full, s.model)) return false;
    if (jac && !m_layout.allFree())
      for (std::size_t i = 0; i < m; ++i)
        for (std::size_t j = 0; j < k; ++j)
          jac[i * k + j] = s.row[i * p + static_cast<std::size_t>(m_layout.freeIndex[j])];
    // Penalty blocks (after the data) keep their plain squares.
    if (m_options.loss != LossKind::None && b < m_model.dataBlockCount()) robustify(m_options, r, jac, m, k);
    if (compress) compressBlock(r, jac, m, k, outR, outJ, s.work);
  }
  return true;
}

bool StackedCost::Evaluate(double const* const* parameters, double* residuals, double** jacobians) const {
  double* jacobian = jacobians ? jacobians[0] : nullptr;
  const std::size_t threads = m_scratch.size();
  if (threads == 1) return evaluateRange(0, m_split[1], parameters[0], residuals, jacobian, m_scratch[0]);
  std::vector<char> ok(threads, 0);
  {
    std::vector<std::jthread> workers;
    for (std::size_t t = 1; t < threads; ++t)
      workers.emplace_back([&, t] {
        ok[t] = evaluateRange(m_split[t], m_split[t + 1], parameters[0], residuals, jacobian, m_scratch[t]);
      });
    ok[0] = evaluateRange(m_split[0], m_split[1], parameters[0], residuals, jacobian, m_scratch[0]);
  }  // joins
  return std::all_of(ok.begin(), ok.end(), [](char v) { return v != 0; });
}

}  // namespace hf::fit::detail
