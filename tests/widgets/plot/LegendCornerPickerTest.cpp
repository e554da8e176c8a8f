// Tests plot/LegendCornerPicker: the legend goes to the corner that hides
// the fewest markers and line segments.
#include "plot/LegendCornerPicker.h"

#include <QTest>

using hf::widgets::detail::LegendCornerPicker;

class LegendCornerPickerTest : public QObject {
  Q_OBJECT
 private slots:
  void emptyPlotPrefersTopRight();
  void risingLineGoesTopLeft();
  void markersInTopCornersGoBottomRight();
  void segmentCrossingABoxWithoutVerticesCounts();
  void nonFiniteIgnored();
};

void LegendCornerPickerTest::emptyPlotPrefersTopRight() {
  QCOMPARE(LegendCornerPicker(0.3, 0.2).best(), LegendCornerPicker::TopRight);
}

void LegendCornerPickerTest::risingLineGoesTopLeft() {
  LegendCornerPicker p(0.3, 0.2);
  for (int i = 0; i < 10; ++i) p.addSegment(i / 10.0, i / 10.0, (i + 1) / 10.0, (i + 1) / 10.0);
  QCOMPARE(p.best(), LegendCornerPicker::TopLeft);
  QVERIFY(p.hits(LegendCornerPicker::TopRight) > 0);
  QVERIFY(p.hits(LegendCornerPicker::BottomLeft) > 0);
}

void LegendCornerPickerTest::markersInTopCornersGoBottomRight() {
  LegendCornerPicker p(0.3, 0.2);
  p.addMarker(0.95, 0.95);
  p.addMarker(0.05, 0.95);
  p.addMarker(0.1, 0.1);
  QCOMPARE(p.best(), LegendCornerPicker::BottomRight);
}

void LegendCornerPickerTest::segmentCrossingABoxWithoutVerticesCounts() {
  LegendCornerPicker p(0.3, 0.2);
  // A long horizontal line near the top, ends far outside the plot.
  p.addSegment(-10.0, 0.9, 10.0, 0.9);
  QCOMPARE(p.hits(LegendCornerPicker::TopRight), 1);
  QCOMPARE(p.hits(LegendCornerPicker::TopLeft), 1);
  QCOMPARE(p.best(), LegendCornerPicker::BottomRight);
}

void LegendCornerPickerTest::nonFiniteIgnored() {
  LegendCornerPicker p(0.3, 0.2);
  p.addSegment(0.9, 0.9, std::nan(""), 0.9);
  p.addMarker(std::nan(""), 0.95);
  QCOMPARE(p.hits(LegendCornerPicker::TopRight), 0);
}

QTEST_GUILESS_MAIN(LegendCornerPickerTest)
#include "LegendCornerPickerTest.moc"
