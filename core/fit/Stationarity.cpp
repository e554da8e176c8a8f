#include "fit/Stationarity.h"

#include <Eigen/Dense>
#include <cmath>

namespace hf::fit {

bool isStationary(std::span<const double> jacobian, std::size_t n, std::size_t k, std::span<const double> residuals,
                  std::span<const double> x, double dataScale, double relStep, double relDecrease) {
  if (k == 0 || n == 0) return true;
  double cost0 = 0.0;
  for (double r : residuals) cost0 += r * r;
  if (std::isfinite(dataScale) && cost0 <= 1e-24 * dataScale) return true;
  using Matrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  const Eigen::Map<const Matrix> J(jacobian.data(), static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(k));
  const Eigen::Map<const Eigen::VectorXd> r(residuals.data(), static_cast<Eigen::Index>(n));
  Eigen::VectorXd scale(static_cast<Eigen::Index>(k));
  for (Eigen::Index j = 0; j < J.cols(); ++j) {
    const double norm = J.col(j).norm();
    scale(j) = norm > 0 ? 1.0 / norm : 0.0;
  }
  const Eigen::MatrixXd Js = J * scale.asDiagonal();
  const Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(Js);
  const Eigen::VectorXd d = scale.asDiagonal() * qr.solve(-r);

  bool smallStep = true;
  for (std::size_t j = 0; j < k; ++j)
    if (!(std::fabs(d(static_cast<Eigen::Index>(j))) <= relStep * std::fabs(x[j]))) smallStep = false;
  if (smallStep) return true;
  const double cost = r.squaredNorm();
  const double after = (J * d + r).squaredNorm();
  return cost - after <= relDecrease * cost;
}

}  // namespace hf::fit
