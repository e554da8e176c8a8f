#include "fit/Stationarity.h"

#include <Eigen/Dense>
#include <cmath>

namespace hf::fit {

bool isStationary(std::span<const double> jacobian, std::size_t n, std::size_t k, std::span<const double> residuals,
                  std::span<const double> x, double dataScale, double relStep, double relDecrease, double exactFloor) {
  if (k == 0 || n == 0) return true;
  double cost0 = 0.0;
  for (double r : residuals) cost0 += r * r;
  if (std::isfinite(dataScale) && cost0 <= exactFloor * dataScale) return true;
  using Matrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  const Eigen::Map<const Matrix> J(jacobian.data(), static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(k));
  const Eigen::Map<const Eigen::VectorXd> r(residuals.data(), static_cast<Eigen::Index>(n));
  Eigen::VectorXd scale(static_cast<Eigen::Index>(k));
  for (Eigen::Index j = 0; j < J.cols(); ++j) {
    const double norm = J.col(j).norm();
    scale(j) = norm > 0 ? 1.0 / norm : 0.0;
  }
  Eigen::MatrixXd Js = J * scale.asDiagonal();
  const Eigen::ColPivHouseholderQR<Eigen::Ref<Eigen::MatrixXd>> qr(Js);  // in place: one n x k copy
  const Eigen::VectorXd d = scale.asDiagonal() * qr.solve(-r);

  bool smallStep = true;
  for (std::size_t j = 0; j < k; ++j)
    if (!(std::fabs(d(static_cast<Eigen::Index>(j))) <= relStep * std::fabs(x[j]))) smallStep = false;
  if (smallStep) return true;
  // Predicted decrease |r|^2 - |J d + r|^2 = -(2 r.Jd + |Jd|^2), without
  // forming J d + r (n values) twice.
  const double cost = r.squaredNorm();
  double decrease = 0.0;
  for (Eigen::Index i = 0; i < J.rows(); ++i) {
    const double jd = J.row(i).dot(d);
    decrease -= jd * (2.0 * r(i) + jd);
  }
  return decrease <= relDecrease * cost;
}

}  // namespace hf::fit
