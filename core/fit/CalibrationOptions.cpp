#include "fit/CalibrationOptions.h"

#include <cmath>

namespace hf::fit {

std::string CalibrationOptions::validate() const {
  std::string out;
  auto add = [&](const std::string& s) { out += (out.empty() ? "" : "\n") + s; };
  if (maxIterations < 1) add("maxIterations must be at least 1");
  if (!(functionTolerance >= 0)) add("functionTolerance must be >= 0");
  if (!(gradientTolerance >= 0)) add("gradientTolerance must be >= 0");
  if (!(parameterTolerance >= 0)) add("parameterTolerance must be >= 0");
  if (polishRestarts < 0) add("polishRestarts must be >= 0");
  if (!(lossScale > 0) || !std::isfinite(lossScale)) add("lossScale must be a positive number");
  if (!(maxSeconds > 0)) add("maxSeconds must be positive");
  if (threads < 1) add("threads must be at least 1");
  return out;
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
