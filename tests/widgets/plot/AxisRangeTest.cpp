// Tests the range arithmetic behind ChartView::resetView() (plot/AxisRange):
// margins, bars, log axes, equal ranges and VTK-style nice ticks.
#include "plot/AxisRange.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

using hf::widgets::detail::Extent;
using hf::widgets::detail::fitView;
using hf::widgets::detail::niceTicks;
using hf::widgets::detail::RangeSeries;
using hf::widgets::detail::ViewRange;
using hf::widgets::detail::withMargin;

namespace {
// withMargin() keeps at least 1e-12 of the magnitude as padding, so even a
// zero margin moves the ends by that much.
bool near(double a, double b) { return std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(b)); }
}  // namespace

class AxisRangeTest : public QObject {
  Q_OBJECT
 private slots:
  void marginWidensBothSides();
  void singleValueAndEmpty();
  void barsIncludeZeroAndHalfWidths();
  void referenceSeriesOnlyWhereAsked();
  void logAxisUsesPositiveValuesInDecades();
  void logAxisNeedsAPositiveValue();
  void equalRangesTakeTheUnion();
  void niceTicksFollowVtkRule();
};

void AxisRangeTest::marginWidensBothSides() {
  const Extent e = withMargin({2.0, 12.0}, 0.05);
  QCOMPARE(e.lo, 1.5);
  QCOMPARE(e.hi, 12.5);
}

void AxisRangeTest::singleValueAndEmpty() {
  const Extent one = withMargin({5.0, 5.0}, 0.05);
  QCOMPARE(one.lo, 4.5);
  QCOMPARE(one.hi, 5.5);
  const Extent zero = withMargin({0.0, 0.0}, 0.05);
  QCOMPARE(zero.lo, -1.0);
  QCOMPARE(zero.hi, 1.0);
  const Extent none = withMargin({}, 0.05);
  QCOMPARE(none.lo, 0.0);
  QCOMPARE(none.hi, 1.0);
}

void AxisRangeTest::barsIncludeZeroAndHalfWidths() {
  const std::vector<double> x{1.0, 2.0, 3.0}, y{4.0, 10.0, 6.0};
  const RangeSeries bars{.x = x, .y = y, .bars = true, .barWidth = 0.8};
  const ViewRange v = fitView({&bars, 1}, false, false, 0.05);
  QCOMPARE(v.y.lo, 0.0);  // baseline on the axis, no margin below
  QCOMPARE(v.y.hi, 10.5);
  // 0.6 .. 3.4 plus 5 % of 2.8 on each side.
  QVERIFY(std::abs(v.x.lo - (0.6 - 0.14)) < 1e-12);
  QVERIFY(std::abs(v.x.hi - (3.4 + 0.14)) < 1e-12);
}

void AxisRangeTest::referenceSeriesOnlyWhereAsked() {
  const std::vector<double> x{0.0, 10.0}, y{1.0, 2.0};
  const std::vector<double> lineX{-100.0, 100.0}, zero{0.0, 0.0};
  const RangeSeries series[] = {{.x = x, .y = y}, {.x = lineX, .y = zero, .affectsX = false, .affectsY = true}};
  const ViewRange v = fitView(series, false, false, 0.0);
  QVERIFY(near(v.x.lo, 0.0) && near(v.x.hi, 10.0));
  QVERIFY(near(v.y.lo, 0.0) && near(v.y.hi, 2.0));  // zero from the zero line
}

void AxisRangeTest::logAxisUsesPositiveValuesInDecades() {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<double> x{0, 1, 2, 3, 4}, y{1000.0, 1.0, 0.0, nan, 0.001};
  const RangeSeries s{.x = x, .y = y};
  const ViewRange v = fitView({&s, 1}, true, false, 0.05);
  QVERIFY(v.logY);
  // 6 decades plus 0.3 decades on each side.
  QVERIFY(std::abs(std::log10(v.y.lo) - (-3.3)) < 1e-9);
  QVERIFY(std::abs(std::log10(v.y.hi) - 3.3) < 1e-9);
  // One value: a decade around it.
  const std::vector<double> one{5.0};
  const RangeSeries single{.x = one, .y = one};
  const ViewRange w = fitView({&single, 1}, true, false, 0.05);
  QVERIFY(w.y.lo < 5.0 / 3.0 && w.y.hi > 5.0 * 3.0);
}

void AxisRangeTest::logAxisNeedsAPositiveValue() {
  const std::vector<double> x{0, 1}, y{-1.0, 0.0};
  const RangeSeries s{.x = x, .y = y};
  const ViewRange v = fitView({&s, 1}, true, false, 0.0);
  QVERIFY(!v.logY);
  QVERIFY(near(v.y.lo, -1.0) && near(v.y.hi, 0.0));
}

void AxisRangeTest::equalRangesTakeTheUnion() {
  const std::vector<double> x{0.0, 10.0}, y{5.0, 20.0};
  const RangeSeries s{.x = x, .y = y};
  const ViewRange v = fitView({&s, 1}, false, true, 0.0);
  QVERIFY(near(v.x.lo, 0.0) && near(v.x.hi, 20.0));
  QCOMPARE(v.y.lo, v.x.lo);
  QCOMPARE(v.y.hi, v.x.hi);
}

void AxisRangeTest::niceTicksFollowVtkRule() {
  // A range of 10 over 450 px at one tick per 45 px: spacing 1.
  QCOMPARE(niceTicks(-0.5, 9.5, 450, 45), (std::vector<double>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
  // Half the pixels: spacing 2; a little more range than 10 ticks of 1: 2.
  QCOMPARE(niceTicks(-0.5, 9.5, 225, 45), (std::vector<double>{0, 2, 4, 6, 8}));
  QCOMPARE(niceTicks(-0.5, 10.5, 450, 45), (std::vector<double>{0, 2, 4, 6, 8, 10}));
  // Multiples, not sums: 0.3 is exactly 3 * 0.1, and zero is 0.
  const std::vector<double> small = niceTicks(-0.25, 0.35, 300, 30);
  QVERIFY(small.size() > 3);
  QVERIFY(std::find(small.begin(), small.end(), 0.0) != small.end());
  QVERIFY(niceTicks(1.0, 1.0, 300, 30).empty());
  QVERIFY(niceTicks(0.0, std::numeric_limits<double>::infinity(), 300, 30).empty());
}

QTEST_GUILESS_MAIN(AxisRangeTest)
#include "AxisRangeTest.moc"
