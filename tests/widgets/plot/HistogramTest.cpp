// Tests hf::widgets::computeHistogram: Freedman-Diaconis bin counts with
// limits, every finite value counted exactly once, degenerate inputs.
#include "plot/Histogram.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

using hf::widgets::computeHistogram;
using hf::widgets::Histogram;
using hf::widgets::HistogramOptions;

namespace {

std::vector<double> range(int from, int to) {  // from, from + 1, ..., to
  std::vector<double> v;
  for (int i = from; i <= to; ++i) v.push_back(i);
  return v;
}

}  // namespace

Q_DECLARE_METATYPE(std::vector<double>)

class HistogramTest : public QObject {
  Q_OBJECT
 private slots:
  void countsEveryFiniteValueOnce_data();
  void countsEveryFiniteValueOnce();
  void freedmanDiaconisCount();
  void sturgesWhenIqrIsZero();
  void clampsToLimits();
  void allEqualValuesGetOneCentredBin();
  void noFiniteValueGivesNoBins();
};

void HistogramTest::countsEveryFiniteValueOnce_data() {
  QTest::addColumn<std::vector<double>>("values");
  QTest::addColumn<int>("finite");
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> wave;
  for (int i = 0; i < 1000; ++i) wave.push_back(std::sin(0.37 * i) * std::cos(1.1 * i));
  QTest::newRow("1..100") << range(1, 100) << 100;
  QTest::newRow("wave 1000") << wave << 1000;
  QTest::newRow("two values") << std::vector<double>{-1.0, 1.0} << 2;
  QTest::newRow("one value") << std::vector<double>{3.5} << 1;
  QTest::newRow("NaN and inf skipped") << std::vector<double>{nan, 1.0, 2.0, inf, 3.0, -inf, 4.0} << 4;
  QTest::newRow("outlier") << std::vector<double>{0.0, 0.1, 0.2, 0.15, 0.05, 1e6} << 6;
  QTest::newRow("tiny span") << std::vector<double>{1.0, std::nextafter(1.0, 2.0), 1.0} << 3;
  QTest::newRow("huge span") << std::vector<double>{-1e308, 0.0, 1e308} << 3;
}

void HistogramTest::countsEveryFiniteValueOnce() {
  QFETCH(std::vector<double>, values);
  QFETCH(int, finite);
  const Histogram h = computeHistogram(values);
  QCOMPARE(std::accumulate(h.counts.begin(), h.counts.end(), 0), finite);
  QCOMPARE(h.skipped, static_cast<int>(values.size()) - finite);
  QVERIFY(h.width > 0.0);
  QVERIFY(!h.counts.empty());
  // Every finite value lies inside the binned interval.
  const double end = h.start + h.width * static_cast<double>(h.counts.size());
  for (double v : values)
    if (std::isfinite(v)) QVERIFY2(v >= h.start && v <= end * (1 + 1e-12) + 1e-300, qPrintable(QString::number(v)));
}

void HistogramTest::freedmanDiaconisCount() {
  // 1..100: IQR = 75.25 - 25.75 = 49.5, h = 2 * 49.5 / 100^(1/3) = 21.33,
  // range 99 / 21.33 = 4.64 -> 5 bins of width 19.8.
  const Histogram h = computeHistogram(range(1, 100), {.minBins = 1, .maxBins = 100});
  QCOMPARE(h.counts.size(), std::size_t{5});
  QCOMPARE(h.start, 1.0);
  QVERIFY(std::abs(h.width - 19.8) < 1e-12);
  QCOMPARE(h.counts, (std::vector<int>{20, 20, 20, 20, 20}));
  // 1..1000: h = 2 * 499.5 / 10 = 99.9; 999 / 99.9 = 10 -> 10 bins (up to rounding, 11).
  const Histogram big = computeHistogram(range(1, 1000));
  QVERIFY(big.counts.size() == 10 || big.counts.size() == 11);
}

void HistogramTest::sturgesWhenIqrIsZero() {
  // 39 zeros and one 5: IQR 0, so Sturges: ceil(log2 40) + 1 = 7 bins.
  std::vector<double> v(39, 0.0);
  v.push_back(5.0);
  const Histogram h = computeHistogram(v);
  QCOMPARE(h.counts.size(), std::size_t{7});
  QCOMPARE(h.counts.front(), 39);
  QCOMPARE(h.counts.back(), 1);
}

void HistogramTest::clampsToLimits() {
  // 1..100 wants 5 bins.
  QCOMPARE(computeHistogram(range(1, 100), {.minBins = 8, .maxBins = 100}).counts.size(), std::size_t{8});
  QCOMPARE(computeHistogram(range(1, 100), {.minBins = 1, .maxBins = 3}).counts.size(), std::size_t{3});
  // Never more minimum bins than values.
  QCOMPARE(computeHistogram(std::vector<double>{1.0, 2.0, 3.0}, {.minBins = 5, .maxBins = 100}).counts.size(),
           std::size_t{3});
  // A wild outlier asks for millions of bins; the maximum holds.
  std::vector<double> v = range(1, 100);
  v.push_back(1e9);
  QCOMPARE(computeHistogram(v).counts.size(), std::size_t{100});
}

void HistogramTest::allEqualValuesGetOneCentredBin() {
  const Histogram h = computeHistogram(std::vector<double>{42.0, 42.0, 42.0});
  QCOMPARE(h.counts, std::vector<int>{3});
  QCOMPARE(h.centre(0), 42.0);
  QCOMPARE(h.width, 4.2);
  const Histogram zero = computeHistogram(std::vector<double>{0.0, 0.0});
  QCOMPARE(zero.width, 1.0);
  QCOMPARE(zero.centre(0), 0.0);
}

void HistogramTest::noFiniteValueGivesNoBins() {
  QVERIFY(computeHistogram(std::vector<double>{}).counts.empty());
  const Histogram h = computeHistogram(std::vector<double>{std::nan(""), std::nan("")});
  QVERIFY(h.counts.empty());
  QCOMPARE(h.skipped, 2);
}

QTEST_GUILESS_MAIN(HistogramTest)
#include "HistogramTest.moc"
