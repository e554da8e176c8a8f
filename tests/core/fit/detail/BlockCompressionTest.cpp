// BlockCompression: the compressed block keeps |r|^2, J^T r and J^T J.
#include "fit/detail/BlockCompression.h"

#include <QtTest>
#include <cmath>
#include <random>

using hf::fit::detail::compressBlock;
using hf::fit::detail::compressedRows;

class BlockCompressionTest : public QObject {
  Q_OBJECT
 private slots:
  void keepsWhatTheStepUses_data() {
    QTest::addColumn<int>("rows");
    QTest::addColumn<int>("cols");
    QTest::newRow("128 x 2") << 128 << 2;
    QTest::newRow("37 x 5") << 37 << 5;
    QTest::newRow("9 x 7 (one row more than k + 1)") << 9 << 7;
  }
  void keepsWhatTheStepUses() {
    QFETCH(int, rows);
    QFETCH(int, cols);
    const auto m = static_cast<std::size_t>(rows), k = static_cast<std::size_t>(cols);
    std::mt19937 rng(5);
    std::normal_distribution<double> g;
    std::vector<double> r(m), jac(m * k);
    for (double& v : r) v = g(rng);
    // Columns of very different size, as with parameters of 1e-5 and 1e3.
    for (std::size_t i = 0; i < m; ++i)
      for (std::size_t j = 0; j < k; ++j) jac[i * k + j] = g(rng) * std::pow(10.0, static_cast<double>(j) - 2.0);
    QCOMPARE(compressedRows(m, k), k + 1);
    std::vector<double> rc(k + 1), jc((k + 1) * k), work;
    compressBlock(r.data(), jac.data(), m, k, rc.data(), jc.data(), work);
    const auto close = [](double a, double b, double scale) { return std::fabs(a - b) <= 1e-13 * scale; };
    double rr = 0, rrc = 0;
    for (double v : r) rr += v * v;
    for (double v : rc) rrc += v * v;
    QVERIFY(close(rr, rrc, rr));
    for (std::size_t a = 0; a < k; ++a) {
      double jtr = 0, jtrc = 0, na = 0;
      for (std::size_t i = 0; i < m; ++i) {
        jtr += jac[i * k + a] * r[i];
        na += jac[i * k + a] * jac[i * k + a];
      }
      for (std::size_t i = 0; i <= k; ++i) jtrc += jc[i * k + a] * rc[i];
      QVERIFY2(close(jtr, jtrc, std::sqrt(na * rr)),
               qPrintable(QString("J^T r [%1]: %2 vs %3").arg(a).arg(jtr).arg(jtrc)));
      for (std::size_t b = 0; b < k; ++b) {
        double jtj = 0, jtjc = 0, nb = 0;
        for (std::size_t i = 0; i < m; ++i) {
          jtj += jac[i * k + a] * jac[i * k + b];
          nb += jac[i * k + b] * jac[i * k + b];
        }
        for (std::size_t i = 0; i <= k; ++i) jtjc += jc[i * k + a] * jc[i * k + b];
        QVERIFY2(close(jtj, jtjc, std::sqrt(na * nb)), qPrintable(QString("J^T J [%1,%2]").arg(a).arg(b)));
      }
    }
    // R is upper triangular with a zero last row.
    for (std::size_t i = 0; i <= k; ++i)
      for (std::size_t j = 0; j < std::min(i, k); ++j) QCOMPARE(jc[i * k + j], 0.0);
    // Residuals only: the norm in the first entry, zeros after it.
    std::vector<double> only(k + 1, -1.0);
    compressBlock(r.data(), nullptr, m, k, only.data(), nullptr, work);
    QVERIFY(close(only[0] * only[0], rr, rr));
    for (std::size_t i = 1; i <= k; ++i) QCOMPARE(only[i], 0.0);
  }

  void zeroColumnIsHarmless() {
    const std::size_t m = 10, k = 2;
    std::vector<double> r(m, 1.0), jac(m * k, 0.0), rc(k + 1), jc((k + 1) * k), work;
    for (std::size_t i = 0; i < m; ++i) jac[i * k + 1] = static_cast<double>(i);
    compressBlock(r.data(), jac.data(), m, k, rc.data(), jc.data(), work);
    for (double v : jc) QVERIFY(std::isfinite(v));
    QCOMPARE(jc[0], 0.0);  // the zero column stays zero
    double rrc = 0;
    for (double v : rc) rrc += v * v;
    QVERIFY(std::fabs(rrc - 10.0) < 1e-12);
  }
};

QTEST_APPLESS_MAIN(BlockCompressionTest)
#include "BlockCompressionTest.moc"
