// Tests hf::widgets::AxisBox: per-axis ranges from finite values only,
// widening of zero-width ranges, and the linear map onto the scene box.
#include "surface/AxisBox.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <vector>

using hf::widgets::AxisBox;

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
}  // namespace

class AxisBoxTest : public QObject {
  Q_OBJECT
 private slots:
  void rangesIgnoreNonFinite();
  void emptyAxisIsUnitRange();
  void zeroWidthRangeIsWidened_data();
  void zeroWidthRangeIsWidened();
  void mapsRangesOntoSceneBox_data();
  void mapsRangesOntoSceneBox();
};

void AxisBoxTest::rangesIgnoreNonFinite() {
  AxisBox box;
  const std::vector<double> v{kNaN, 3.0, -kInf, 1.0, kInf, 2.0};
  box.include(0, v);
  QVERIFY(box.hasData(0));
  QVERIFY(!box.hasData(1));
  QCOMPARE(box.range(0)[0], 1.0);
  QCOMPARE(box.range(0)[1], 3.0);
}

void AxisBoxTest::emptyAxisIsUnitRange() {
  AxisBox box;
  box.include(2, kNaN);
  QVERIFY(!box.hasData(2));
  QCOMPARE(box.range(2)[0], 0.0);
  QCOMPARE(box.range(2)[1], 1.0);
}

void AxisBoxTest::zeroWidthRangeIsWidened_data() {
  QTest::addColumn<double>("value");
  QTest::addColumn<double>("lo");
  QTest::addColumn<double>("hi");
  // 5 % of the value either side, ±1 at zero.
  QTest::newRow("positive") << 300.0 << 285.0 << 315.0;
  QTest::newRow("negative") << -2.0 << -2.1 << -1.9;
  QTest::newRow("tiny") << 1e-5 << 0.95e-5 << 1.05e-5;
  QTest::newRow("zero") << 0.0 << -1.0 << 1.0;
}

void AxisBoxTest::zeroWidthRangeIsWidened() {
  QFETCH(double, value);
  QFETCH(double, lo);
  QFETCH(double, hi);
  AxisBox box;
  box.include(1, value);
  box.include(1, value);
  const auto r = box.range(1);
  // Tolerance: a few ulps of the arithmetic in range().
  QVERIFY2(std::abs(r[0] - lo) <= 1e-12 * std::abs(lo) + 1e-300, qPrintable(QString::number(r[0], 'g', 17)));
  QVERIFY2(std::abs(r[1] - hi) <= 1e-12 * std::abs(hi) + 1e-300, qPrintable(QString::number(r[1], 'g', 17)));
  const auto p = box.toScene(0.0, value, 0.0);
  QVERIFY(std::isfinite(p[1]));
  QVERIFY(std::abs(p[1] - 0.5 * AxisBox::kSceneSize[1]) < 1e-9);
}

void AxisBoxTest::mapsRangesOntoSceneBox_data() {
  QTest::addColumn<double>("lo");
  QTest::addColumn<double>("hi");
  QTest::newRow("temperature K") << 300.0 << 400.0;
  QTest::newRow("concentration mol/L") << 0.01 << 0.1;
  QTest::newRow("rate") << 1e-7 << 3e-5;
  QTest::newRow("large offset") << 1e9 << 1e9 + 1.0;
  QTest::newRow("negative") << -5e3 << -1e3;
}

void AxisBoxTest::mapsRangesOntoSceneBox() {
  QFETCH(double, lo);
  QFETCH(double, hi);
  for (int axis = 0; axis < 3; ++axis) {
    AxisBox box;
    for (int a = 0; a < 3; ++a) {
      box.include(a, a == axis ? lo : 0.0);
      box.include(a, a == axis ? hi : 1.0);
    }
    const double size = AxisBox::kSceneSize[static_cast<std::size_t>(axis)];
    auto at = [&](double v) {
      std::array<double, 3> q{0.0, 0.0, 0.0};
      q[static_cast<std::size_t>(axis)] = v;
      return box.toScene(q[0], q[1], q[2])[static_cast<std::size_t>(axis)];
    };
    // Relative to the scene size, the map is exact to rounding of (v-lo)/(hi-lo).
    QVERIFY(std::abs(at(lo)) < 1e-12);
    QVERIFY(std::abs(at(hi) - size) < 1e-9);
    QVERIFY(std::abs(at(0.5 * (lo + hi)) - 0.5 * size) < 1e-6);
  }
  const auto b = AxisBox::sceneBounds();
  QCOMPARE(b[1] - b[0], AxisBox::kSceneSize[0]);
  QCOMPARE(b[5] - b[4], AxisBox::kSceneSize[2]);
}

QTEST_APPLESS_MAIN(AxisBoxTest)

#include "AxisBoxTest.moc"
