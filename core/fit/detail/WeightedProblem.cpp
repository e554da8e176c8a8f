#include "fit/detail/WeightedProblem.h"

#include "fit/RobustLoss.h"
#include "fit/detail/BlockCompression.h"

#include <algorithm>
#include <cmath>

namespace hf::fit::detail {
namespace {

bool nearBound(double v, double b) {
  return std::isfinite(b) && std::fabs(v - b) <= 1e-10 * std::max(1.0, std::fabs(b));
}

}  // namespace

WeightedProblem buildWeightedProblem(const model::ResidualModel& model, const std::vector<ParameterSetting>& settings,
                                     const CalibrationOptions& o, const std::vector<double>& params,
                                     bool withJacobian) {
  WeightedProblem w;
  const std::size_t P = settings.size();
  for (std::size_t i = 0; i < P; ++i)
    if (!settings[i].fixed && !nearBound(params[i], settings[i].lower) && !nearBound(params[i], settings[i].upper)) {
      w.interior.push_back(i);
      w.xSub.push_back(params[i]);
    }
  const std::size_t k = w.interior.size();
  model::EvalScratch scratch;
  std::vector<double> r, jac, rw, jsub, work;
  w.finite = true;
  w.jFinite = true;
  for (std::size_t b = 0; b < model.blockCount(); ++b) {
    const auto m = static_cast<std::size_t>(model.blockSize(b));
    r.assign(m, 0.0);
    if (withJacobian) jac.assign(m * P, 0.0);
    w.finite =
        model.evaluateBlock(b, params, r, withJacobian ? std::span<double>(jac) : std::span<double>{}, scratch) &&
        w.finite;
    w.residualCount += m;
    const bool data = b < model.dataBlockCount();
    if (data) w.dataResidualCount += m;
    if (!data) {
      const std::string term = model.blockTerm(b);
      if (w.penaltyTerms.empty() || w.penaltyTerms.back().name != term) w.penaltyTerms.push_back({term, 0.0});
      for (std::size_t i = 0; i < m; ++i) w.penaltyTerms.back().value += r[i] * r[i];
    }
    rw.resize(m);
    for (std::size_t i = 0; i < m; ++i) {
      w.rss += r[i] * r[i];
      if (data) w.dataRss += r[i] * r[i];
      const double sw =
          o.loss == LossKind::None || !data ? 1.0 : std::sqrt(evaluateLoss(o.loss, o.lossScale, r[i] * r[i]).drho);
      rw[i] = sw * r[i];
      w.rssWeighted += rw[i] * rw[i];
      if (data) w.dataRssWeighted += rw[i] * rw[i];
    }
    if (!withJacobian || k == 0) continue;
    jsub.resize(m * k);
    for (std::size_t i = 0; i < m; ++i) {
      const double sw = r[i] != 0.0 ? rw[i] / r[i] : 1.0;
      for (std::size_t c = 0; c < k; ++c) {
        const double v = sw * jac[i * P + w.interior[c]];
        w.jFinite = w.jFinite && std::isfinite(v);
        jsub[i * k + c] = v;
      }
    }
    const std::size_t rows = compressedRows(m, k);
    const std::size_t at = w.rows;
    w.rows += rows;
    w.rw.resize(w.rows);
    w.jSub.resize(w.rows * k);
    if (rows < m) {
      compressBlock(rw.data(), jsub.data(), m, k, w.rw.data() + at, w.jSub.data() + at * k, work);
    } else {
      std::copy(rw.begin(), rw.end(), w.rw.begin() + static_cast<std::ptrdiff_t>(at));
      std::copy(jsub.begin(), jsub.end(), w.jSub.begin() + static_cast<std::ptrdiff_t>(at * k));
    }
  }
  return w;
}

}  // namespace hf::fit::detail
