#include "fit/CalibrationOptions.h"

#include <cmath>

namespace hf::fit {

std::vector<std::pair<std::string, std::string>> CalibrationOptions::problems() const {
  std::vector<std::pair<std::string, std::string>> out;
  auto check = [&](bool ok, const char* field, const char* message) {
    if (!ok) out.emplace_back(field, message);
  };
  check(maxIterations >= 1, "maxIterations", "maxIterations must be at least 1");
  check(functionTolerance >= 0, "functionTolerance", "functionTolerance must be >= 0");
  check(gradientTolerance >= 0, "gradientTolerance", "gradientTolerance must be >= 0");
  check(parameterTolerance >= 0, "parameterTolerance", "parameterTolerance must be >= 0");
  check(polishRestarts >= 0, "polishRestarts", "polishRestarts must be >= 0");
  check(multistart >= -1 && multistart <= 10000, "multistart",
        "multistart must be -1 (automatic), 0 (never) or a number of starts up to 10000");
  check(lossScale > 0 && std::isfinite(lossScale), "lossScale", "lossScale must be a positive number");
  check(maxSeconds > 0, "maxSeconds", "maxSeconds must be positive");
  check(threads >= 0, "threads", "threads must be 0 (one per core) or more");
  check(plateauWindow >= 1, "plateauWindow", "plateauWindow must be at least 1");
  check(plateauTolerance >= 0 && std::isfinite(plateauTolerance), "plateauTolerance",
        "plateauTolerance must be a number >= 0");
  check(validationFraction >= 0 && validationFraction < 0.5, "validationFraction",
        "validationFraction must be 0 (off) or a fraction below 0.5");
  check(learningRate > 0 && std::isfinite(learningRate), "learningRate", "learningRate must be a positive number");
  check(optimizer == Optimizer::LevenbergMarquardt || loss == LossKind::None, "optimizer",
        "Adam minimises plain least squares: choose no robust loss with it");
  check(earlyStoppingPatience >= 1, "earlyStoppingPatience", "earlyStoppingPatience must be at least 1");
  return out;
}

std::string CalibrationOptions::validate() const {
  std::string out;
  for (const auto& [field, message] : problems()) out += (out.empty() ? "" : "; ") + message;
  return out;
}

std::string toString(Optimizer optimizer) { return optimizer == Optimizer::Adam ? "adam" : "levenberg-marquardt"; }

bool parseOptimizer(const std::string& text, Optimizer& out) {
  for (Optimizer o : {Optimizer::LevenbergMarquardt, Optimizer::Adam})
    if (text == toString(o)) {
      out = o;
      return true;
    }
  return false;
}

std::string toString(LossKind kind) {
  switch (kind) {
    case LossKind::None:
      return "none";
    case LossKind::Huber:
      return "huber";
    case LossKind::Cauchy:
      return "cauchy";
    case LossKind::SoftL1:
      return "soft_l1";
  }
  return "none";
}

bool parseLossKind(const std::string& text, LossKind& out) {
  if (text == "none" || text.empty())
    out = LossKind::None;
  else if (text == "huber")
    out = LossKind::Huber;
  else if (text == "cauchy")
    out = LossKind::Cauchy;
  else if (text == "soft_l1" || text == "softl1")
    out = LossKind::SoftL1;
  else
    return false;
  return true;
}

}  // namespace hf::fit
