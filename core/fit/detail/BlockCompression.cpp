#include "fit/detail/BlockCompression.h"

#include <algorithm>
#include <cmath>

namespace hf::fit::detail {

void compressBlock(const double* r, const double* jac, std::size_t m, std::size_t k, double* rOut, double* jOut,
                   std::vector<double>& work) {
  if (!jac) {
    double ss = 0.0;
    for (std::size_t i = 0; i < m; ++i) ss += r[i] * r[i];
    rOut[0] = std::sqrt(ss);
    std::fill(rOut + 1, rOut + k + 1, 0.0);
    return;
  }
  // Column-major copy of J (columns are what the reflections work on) and
  // of r, which is transformed along as column k.
  work.resize(m * (k + 1));
  double* a = work.data();
  for (std::size_t i = 0; i < m; ++i) {
    for (std::size_t j = 0; j < k; ++j) a[j * m + i] = jac[i * k + j];
    a[k * m + i] = r[i];
  }
  for (std::size_t j = 0; j < k; ++j) {
    double* v = a + j * m;  // column j; the reflector lives in rows j..m-1
    double norm = 0.0;
    for (std::size_t i = j; i < m; ++i) norm += v[i] * v[i];
    norm = std::sqrt(norm);
    if (norm == 0.0) continue;  // zero column: nothing to eliminate
    // Reflect v[j..] onto -sign(v_j) |v| e_j (no cancellation).
    const double xj = v[j];
    const double alpha = xj > 0 ? -norm : norm;
    v[j] = xj - alpha;                                       // v = x - alpha e_j
    const double vtv = norm * norm - xj * xj + v[j] * v[j];  // |v|^2
    for (std::size_t c = j + 1; c <= k; ++c) {
      double* col = a + c * m;
      double dot = 0.0;
      for (std::size_t i = j; i < m; ++i) dot += v[i] * col[i];
      const double f = 2.0 * dot / vtv;
      for (std::size_t i = j; i < m; ++i) col[i] -= f * v[i];
    }
    v[j] = alpha;  // R(j, j); rows below j of column j are no longer needed
  }
  const double* qtr = a + k * m;
  double rest = 0.0;
  for (std::size_t i = k; i < m; ++i) rest += qtr[i] * qtr[i];
  for (std::size_t i = 0; i < k; ++i) rOut[i] = qtr[i];
  rOut[k] = std::sqrt(rest);
  for (std::size_t i = 0; i <= k; ++i)
    for (std::size_t j = 0; j < k; ++j) jOut[i * k + j] = (i < k && j >= i) ? a[j * m + i] : 0.0;
}

}  // namespace hf::fit::detail
