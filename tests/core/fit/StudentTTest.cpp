// Student t quantiles against printed tables (Abramowitz & Stegun, table
// 26.10, 5 significant digits) and closed forms.
#include "fit/StudentT.h"

#include <QtTest>
#include <cmath>

class StudentTTest : public QObject {
  Q_OBJECT
 private slots:
  void quantiles_data() {
    QTest::addColumn<double>("p");
    QTest::addColumn<double>("dof");
    QTest::addColumn<double>("expected");
    QTest::newRow("dof 1, 97.5%") << 0.975 << 1.0 << 12.7062;
    QTest::newRow("dof 2, 97.5%") << 0.975 << 2.0 << 4.30265;
    QTest::newRow("dof 5, 97.5%") << 0.975 << 5.0 << 2.57058;
    QTest::newRow("dof 10, 97.5%") << 0.975 << 10.0 << 2.22814;
    QTest::newRow("dof 30, 97.5%") << 0.975 << 30.0 << 2.04227;
    QTest::newRow("dof 120, 97.5%") << 0.975 << 120.0 << 1.97993;
    QTest::newRow("dof 10, 99.5%") << 0.995 << 10.0 << 3.16927;
    QTest::newRow("dof 4, 90%") << 0.90 << 4.0 << 1.53321;
    QTest::newRow("dof 10, 2.5% (lower tail)") << 0.025 << 10.0 << -2.22814;
  }
  void quantiles() {
    QFETCH(double, p);
    QFETCH(double, dof);
    QFETCH(double, expected);
    const double t = hf::fit::studentTQuantile(p, dof);
    // Tables give 6 significant digits: agree to 5e-6 relative.
    QVERIFY2(std::fabs(t - expected) <= 5e-6 * std::fabs(expected), qPrintable(QString::number(t, 'g', 10)));
  }
  void closedFormForTwoDegrees() {
    // For dof = 2: t = (2p - 1) / sqrt(2 p (1 - p)).
    for (double p : {0.6, 0.8, 0.95, 0.999}) {
      const double exact = (2 * p - 1) / std::sqrt(2 * p * (1 - p));
      QVERIFY(std::fabs(hf::fit::studentTQuantile(p, 2.0) - exact) < 1e-12 * std::max(1.0, exact));
    }
  }
  void largeDofApproachesNormal() { QVERIFY(std::fabs(hf::fit::studentTQuantile(0.975, 1e7) - 1.959963985) < 1e-6); }
  void cdfInvertsQuantile() {
    for (double dof : {1.5, 3.0, 17.0})
      for (double p : {0.01, 0.3, 0.5, 0.9, 0.99})
        QVERIFY(std::fabs(hf::fit::studentTCdf(hf::fit::studentTQuantile(p, dof), dof) - p) < 1e-12);
  }
  void invalidInputsGiveNaN() {
    QVERIFY(std::isnan(hf::fit::studentTQuantile(0.0, 5)));
    QVERIFY(std::isnan(hf::fit::studentTQuantile(0.5, 0)));
  }
};

QTEST_APPLESS_MAIN(StudentTTest)
#include "StudentTTest.moc"
