#include "fit/Covariance.h"

#include <Eigen/Dense>
#include <Eigen/SVD>
#include <cmath>
#include <limits>

namespace hf::fit {

CovarianceResult computeCovariance(std::span<const double> jacobian, std::size_t n, std::size_t k, double rss, long dof,
                                   double relTolerance) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  CovarianceResult out;
  out.standardErrors.assign(k, kNaN);
  out.correlation.assign(k * k, kNaN);
  out.identifiable.assign(k, false);
  if (k == 0) return out;

  using Matrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  Eigen::Map<const Matrix> J(jacobian.data(), static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(k));

  // Scale columns to unit norm so that parameters of very different
  // magnitude (1e-5 next to 1e3) do not masquerade as rank deficiency.
  Eigen::VectorXd scale(static_cast<Eigen::Index>(k));
  for (Eigen::Index j = 0; j < J.cols(); ++j) {
    const double norm = J.col(j).norm();
    scale(j) = norm > 0 ? 1.0 / norm : 0.0;
  }
  Eigen::MatrixXd Js = J * scale.asDiagonal();
  // QR first (O(n k^2), backward stable), then the SVD of the small
  // triangular factor: same singular values and V as the SVD of Js, without
  // running Jacobi rotations over n rows. In place: one n x k copy only.
  Eigen::MatrixXd R;
  if (Js.rows() > Js.cols()) {
    const Eigen::HouseholderQR<Eigen::Ref<Eigen::MatrixXd>> qr(Js);
    R = qr.matrixQR().topRows(Js.cols()).triangularView<Eigen::Upper>();
  } else {
    R = Js;
  }
  Eigen::JacobiSVD<Eigen::MatrixXd> svd(R, Eigen::ComputeThinV);
  const Eigen::VectorXd& sv = svd.singularValues();
  const Eigen::MatrixXd& V = svd.matrixV();
  const double smax = sv.size() ? sv(0) : 0.0;
  const double tol = relTolerance * smax;
  int rank = 0;
  for (Eigen::Index i = 0; i < sv.size(); ++i)
    if (sv(i) > tol && sv(i) > 0) ++rank;
  out.rank = rank;
  out.conditionNumber = rank == static_cast<int>(k) ? smax / sv(rank - 1) : std::numeric_limits<double>::infinity();

  // A parameter is identifiable when it has no weight in the null space
  // (columns rank.. of V) and its column is not identically zero.
  for (std::size_t j = 0; j < k; ++j) {
    double nullWeight = 0.0;
    for (Eigen::Index i = rank; i < V.cols(); ++i)
      nullWeight += V(static_cast<Eigen::Index>(j), i) * V(static_cast<Eigen::Index>(j), i);
    out.identifiable[j] = scale(static_cast<Eigen::Index>(j)) > 0 && nullWeight < 1e-6;
  }
  // Rows of J having fewer than k columns (n < k) leave some of V undefined;
  // JacobiSVD's thin V is k x min(n,k), so treat missing directions as null.
  if (V.cols() < static_cast<Eigen::Index>(k)) {
    for (std::size_t j = 0; j < k; ++j) {
      double inRange = 0.0;
      for (Eigen::Index i = 0; i < rank; ++i)
        inRange += V(static_cast<Eigen::Index>(j), i) * V(static_cast<Eigen::Index>(j), i);
      if (inRange < 1.0 - 1e-6) out.identifiable[j] = false;
    }
  }

  // (J^T J)^+ in scaled variables: V_r S_r^-2 V_r^T; unscale with D.
  Eigen::MatrixXd inv = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(k), static_cast<Eigen::Index>(k));
  for (Eigen::Index i = 0; i < rank; ++i) inv += (V.col(i) / (sv(i) * sv(i))) * V.col(i).transpose();
  inv = scale.asDiagonal() * inv * scale.asDiagonal();

  const double s2 = dof > 0 ? rss / static_cast<double>(dof) : kNaN;
  for (std::size_t a = 0; a < k; ++a) {
    if (!out.identifiable[a]) continue;
    const auto ia = static_cast<Eigen::Index>(a);
    out.standardErrors[a] = std::sqrt(s2 * inv(ia, ia));
    for (std::size_t b = 0; b < k; ++b) {
      if (!out.identifiable[b]) continue;
      const auto ib = static_cast<Eigen::Index>(b);
      out.correlation[a * k + b] = inv(ia, ib) / std::sqrt(inv(ia, ia) * inv(ib, ib));
    }
  }
  return out;
}

}  // namespace hf::fit
