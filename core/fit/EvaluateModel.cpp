// evaluateModel (declared in fit/Calibrator.h): a model's whole residual
// vector and Jacobian, block after block, for tests, statistics and the
// start guesses.
#include "fit/Calibrator.h"
#include "fit/LossTerm.h"

#include <cmath>

namespace hf::fit {

bool evaluateModel(const model::ResidualModel& model, const std::vector<double>& params, std::vector<double>& residuals,
                   std::vector<double>* jacobian) {
  const std::size_t p = params.size();
  const std::size_t n = model.residualCount();
  residuals.assign(n, 0.0);
  if (jacobian) jacobian->assign(n * p, 0.0);
  model::EvalScratch scratch;
  bool ok = true;
  std::size_t row = 0;
  for (std::size_t b = 0; b < model.blockCount(); ++b) {
    const auto m = static_cast<std::size_t>(model.blockSize(b));
    std::span<double> jac;
    if (jacobian) jac = std::span<double>(jacobian->data() + row * p, m * p);
    ok = model.evaluateBlock(b, params, std::span<double>(residuals.data() + row, m), jac, scratch) && ok;
    row += m;
  }
  return ok;
}

void evaluatePenaltyTerms(const model::ResidualModel& model, std::span<const double> params,
                          std::vector<LossTerm>& terms, model::EvalScratch& scratch) {
  terms.clear();
  std::vector<double> residuals;
  for (std::size_t b = model.dataBlockCount(); b < model.blockCount(); ++b) {
    const std::string name = model.blockTerm(b);
    if (terms.empty() || terms.back().name != name) terms.push_back({name, 0.0});
    residuals.assign(static_cast<std::size_t>(model.blockSize(b)), 0.0);
    if (!model.evaluateBlock(b, params, residuals, {}, scratch)) {
      terms.back().value = std::nan("");
      continue;
    }
    for (double v : residuals) terms.back().value += v * v;
  }
}

}  // namespace hf::fit
