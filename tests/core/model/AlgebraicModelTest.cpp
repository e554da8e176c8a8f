// AlgebraicModel: name resolution, row selection, weights and derivatives.
#include "ModelFixtures.h"
#include "common/Error.h"
#include "fit/Calibrator.h"
#include "model/AlgebraicModel.h"

#include <QtTest>
#include <cmath>
#include <limits>

using namespace hf;
using hf::test::spec;

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace

class AlgebraicModelTest : public QObject {
  Q_OBJECT
 private slots:
  void columnsNamedLikeConstantsWin() {
    // A column called e (or pi) is data, not 2.718...: y = 2 e exactly.
    const auto d = hf::test::makeData({{"e", {1, 2, 3, kNaN}}, {"pi", {0, 0, 0, 0}}, {"y", {2, 4, 6, 8}}});
    const model::AlgebraicModel m(d, spec("a*e + pi", "y", {"a"}));
    QCOMPARE(m.variables(), (std::vector<std::string>{"e", "pi"}));
    QCOMPARE(m.pointCount(), std::size_t(3));  // the row with a missing e is left out
    const fit::FitSummary r = fit::Calibrator(m, {{"a", 1.0}}).run();
    QVERIFY(std::fabs(r.parameters[0].value - 2.0) < 1e-12);
  }

  // Rows go to the solver in chunks; each chunk's residuals and Jacobian rows
  // are those of its rows evaluated one by one, weights included.
  void chunksHoldTheirRows() {
    std::vector<double> x, y, sigma;
    for (int i = 0; i < 300; ++i) {
      x.push_back(0.01 * i);
      y.push_back(2.0 * std::exp(-0.7 * x.back()) + 0.01 * std::sin(i));
      sigma.push_back(0.5 + 0.001 * i);
    }
    const auto d = hf::test::makeData({{"x", x}, {"y", y}, {"s", sigma}});
    auto sp = spec("A*exp(-k*x)", "y", {"A", "k"});
    sp.weightKind = model::WeightKind::Sigma;
    sp.weightColumn = "s";
    const model::AlgebraicModel m(d, sp);
    QCOMPARE(m.pointCount(), std::size_t(300));
    QCOMPARE(m.blockCount(), std::size_t(3));
    QCOMPARE(m.residualCount(), std::size_t(300));
    QCOMPARE(m.blockSize(2), 300 - 2 * static_cast<int>(model::AlgebraicModel::kChunkRows));
    const std::vector<double> p = {1.8, 0.5};
    model::EvalScratch scratch;
    std::size_t row = 0;
    for (std::size_t b = 0; b < m.blockCount(); ++b) {
      const auto n = static_cast<std::size_t>(m.blockSize(b));
      std::vector<double> r(n), jac(2 * n);
      QVERIFY(m.evaluateBlock(b, p, r, jac, scratch));
      for (std::size_t i = 0; i < n; ++i, ++row) {
        const double e = std::exp(-p[1] * x[row]);
        const double w = 1.0 / sigma[row];
        QVERIFY(std::fabs(r[i] - w * (p[0] * e - y[row])) < 1e-14);
        QVERIFY(std::fabs(jac[2 * i] - w * e) < 1e-14);
        QVERIFY(std::fabs(jac[2 * i + 1] + w * p[0] * x[row] * e) < 1e-14);
        QVERIFY(std::fabs(m.predict(row, p) - p[0] * e) < 1e-14);
      }
    }
    QCOMPARE(row, std::size_t(300));
  }

  // A robust loss acts on every residual even when rows share a block: at
  // the robust optimum the IRLS normal equations sum_i rho'(r_i^2) r_i
  // dr_i/dp = 0 hold, which a loss on each block's norm would not give.
  void robustLossActsPerRowInsideChunks() {
    std::vector<double> x, y;
    for (int i = 0; i < 400; ++i) {
      x.push_back(i);
      y.push_back(1.0 + 0.5 * i + ((i % 37 == 3) ? 40.0 : 0.3 * std::sin(i)));
    }
    const auto d = hf::test::makeData({{"x", x}, {"y", y}});
    const model::AlgebraicModel m(d, spec("a + b*x", "y", {"a", "b"}));
    fit::CalibrationOptions o;
    o.loss = fit::LossKind::Cauchy;
    o.lossScale = 0.5;
    const fit::FitSummary r = fit::Calibrator(m, {{"a", 0.0}, {"b", 1.0}}, o).run();
    QVERIFY(r.converged());
    const double a = r.parameters[0].value, b = r.parameters[1].value;
    double ga = 0, gb = 0, scale = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
      const double res = a + b * x[i] - y[i];
      const double w = 1.0 / (1.0 + res * res / (o.lossScale * o.lossScale));
      ga += w * res;
      gb += w * res * x[i];
      scale += std::fabs(w * res * x[i]);
    }
    QVERIFY2(std::fabs(ga) < 1e-8 * scale && std::fabs(gb) < 1e-8 * scale,
             qPrintable(QString("gradient %1 %2 (scale %3)").arg(ga).arg(gb).arg(scale)));
    QVERIFY(std::fabs(b - 0.5) < 0.01);
  }

  void constantsStillWorkWithoutSuchColumns() {
    const auto d = hf::test::makeData({{"x", {1, 2, 3}}, {"y", {std::exp(1.0), 2 * std::exp(1.0), 3 * std::exp(1.0)}}});
    const model::AlgebraicModel m(d, spec("a*x*e", "y", {"a"}));
    QCOMPARE(m.variables(), (std::vector<std::string>{"x"}));
    const fit::FitSummary r = fit::Calibrator(m, {{"a", 3.0}}).run();
    QVERIFY(std::fabs(r.parameters[0].value - 1.0) < 1e-12);
  }

  void nonFiniteDerivativeOfAFixedParameterIsHarmless() {
    // d/dn of a*x^n is a*x^n*log(x): NaN for x < 0. With n fixed the fit of
    // a must not notice.
    std::vector<double> x, y;
    for (int i = -5; i <= 5; ++i) {
      x.push_back(i);
      y.push_back(1.5 * i * i + (i % 2 ? 0.01 : -0.01));
    }
    const model::AlgebraicModel m(hf::test::makeData({{"x", x}, {"y", y}}), spec("a*x^n", "y", {"a", "n"}));
    fit::ParameterSetting n{"n", 2.0};
    n.fixed = true;
    const fit::FitSummary r = fit::Calibrator(m, {{"a", 1.0}, n}).run();
    QVERIFY2(r.converged(), r.message.c_str());
    QVERIFY(std::isfinite(r.rss));
    QVERIFY(std::isfinite(r.parameters[0].standardError));
    // Linear in a: closed form a = sum(x^2 y) / sum(x^4).
    double sxy = 0, sxx = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
      sxy += x[i] * x[i] * y[i];
      sxx += std::pow(x[i], 4);
    }
    QVERIFY(std::fabs(r.parameters[0].value - sxy / sxx) < 1e-12);
  }

  void exactFitWithAZeroParameterConverges() {
    // Noise-free y = 3 exp(-x/2): the offset c is truly 0, so its fitted
    // value is rounding noise; that is still convergence.
    std::vector<double> x, y;
    for (int i = 0; i <= 20; ++i) {
      x.push_back(0.25 * i);
      y.push_back(3.0 * std::exp(-0.5 * x.back()));
    }
    const model::AlgebraicModel m(hf::test::makeData({{"x", x}, {"y", y}}),
                                  spec("a*exp(-k*x)+c", "y", {"a", "k", "c"}));
    const fit::FitSummary r = fit::Calibrator(m, {{"a", 1.0}, {"k", 1.0}, {"c", 0.5}}).run();
    QVERIFY2(r.converged(), r.message.c_str());
    QVERIFY(std::fabs(r.parameters[2].value) < 1e-10);
    QVERIFY(std::fabs(r.parameters[1].value - 0.5) < 1e-10);
  }

  void badWeightsNameTheRow() {
    const auto d = hf::test::makeData({{"x", {1, 2, 3}}, {"y", {1, 2, 3}}, {"s", {1, 0, 1}}});
    auto sp = spec("a*x", "y", {"a"});
    sp.weightKind = model::WeightKind::Sigma;
    sp.weightColumn = "s";
    try {
      model::AlgebraicModel m(d, sp);
      QFAIL("no error for sigma = 0");
    } catch (const Error& e) {
      QVERIFY2(QString::fromStdString(e.message()).contains("data row 2"), e.what());
    }
  }

  void responseNotFiniteNamesTheRow() {
    const auto d = hf::test::makeData({{"x", {1, 2, 3}}, {"y", {1, -2, 3}}});
    try {
      model::AlgebraicModel m(d, spec("a*x", "log(y)", {"a"}));
      QFAIL("no error for log of a negative value");
    } catch (const Error& e) {
      QVERIFY2(QString::fromStdString(e.message()).contains("data row 2"), e.what());
    }
  }
};

QTEST_APPLESS_MAIN(AlgebraicModelTest)
#include "AlgebraicModelTest.moc"
