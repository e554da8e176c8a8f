// isStationary(): the Gauss-Newton step test behind "converged" verdicts.
#include "fit/Stationarity.h"

#include <QtTest>
#include <vector>

class StationarityTest : public QObject {
  Q_OBJECT
 private slots:
  void lineFit() {
    // y = a + b x on x = 0..4, y = 1 + 2x + e with sum(e) = sum(x e) = 0, so
    // (a, b) = (1, 2) is the least-squares optimum with non-zero residuals.
    const std::vector<double> x = {0, 1, 2, 3, 4};
    const std::vector<double> e = {1, -2, 0, 2, -1};  // orthogonal to 1 and x
    std::vector<double> J, r;
    for (std::size_t i = 0; i < x.size(); ++i) {
      J.push_back(1.0);
      J.push_back(x[i]);
      r.push_back(-e[i]);  // residual = model - observed
    }
    QVERIFY(hf::fit::isStationary(J, 5, 2, r, std::vector<double>{1.0, 2.0}, 40.0));
    // Away from the optimum by 0.1 in a: residuals shift by 0.1, not stationary.
    std::vector<double> shifted = r;
    for (double& v : shifted) v += 0.1;
    QVERIFY(!hf::fit::isStationary(J, 5, 2, shifted, std::vector<double>{1.1, 2.0}, 40.0));
  }
  void exactFitWithRoundingNoiseIsStationary() {
    std::vector<double> J = {1, 0, 1, 1, 1, 2};
    std::vector<double> r = {1e-16, -2e-16, 1e-16};  // noise at rounding level
    QVERIFY(hf::fit::isStationary(J, 3, 2, r, std::vector<double>{3.0, 5.0}, 8.0));
    // A true parameter of 0 (fitted as 1e-16) defeats the relative step
    // test; the data scale recognises the exact fit.
    QVERIFY(hf::fit::isStationary(J, 3, 2, r, std::vector<double>{3.0, 1e-16}, 8.0));
  }
};

QTEST_APPLESS_MAIN(StationarityTest)
#include "StationarityTest.moc"
