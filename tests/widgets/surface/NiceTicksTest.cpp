// Tests hf::widgets::NiceTicks: nice steps, tick values inside the range,
// label precision that keeps neighbours distinct, and offset labels for
// ranges that are narrow next to their magnitude.
#include "surface/NiceTicks.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <set>
#include <string>
#include <vector>

using hf::widgets::NiceTicks;

namespace {

QStringList labelsOf(const NiceTicks& t) {
  QStringList out;
  for (double v : t.values) out << QString::fromStdString(t.label(v));
  return out;
}

}  // namespace

class NiceTicksTest : public QObject {
  Q_OBJECT
 private slots:
  void ticksAndLabels_data();
  void ticksAndLabels();
  void labelsAreDistinctAndInRange_data();
  void labelsAreDistinctAndInRange();
  void offsetForNarrowRanges();
  void degenerateRanges();
};

void NiceTicksTest::ticksAndLabels_data() {
  QTest::addColumn<double>("lo");
  QTest::addColumn<double>("hi");
  QTest::addColumn<QStringList>("labels");
  QTest::newRow("temperature K") << 300.0 << 400.0 << QStringList{"300", "320", "340", "360", "380", "400"};
  QTest::newRow("concentration mol/L") << 0.01 << 0.1 << QStringList{"0.02", "0.04", "0.06", "0.08", "0.1"};
  QTest::newRow("rate") << 5.4e-8 << 2.99e-5 << QStringList{"5e-06", "1e-05", "1.5e-05", "2e-05", "2.5e-05"};
  QTest::newRow("across zero") << -1.0 << 1.0 << QStringList{"-1", "-0.5", "0", "0.5", "1"};
  QTest::newRow("2.5 step") << 0.0 << 0.12 << QStringList{"0", "0.025", "0.05", "0.075", "0.1"};
  QTest::newRow("large") << 0.0 << 3e12 << QStringList{"0", "5e+11", "1e+12", "1.5e+12", "2e+12", "2.5e+12", "3e+12"};
  QTest::newRow("thousands") << 1000.0 << 1005.0 << QStringList{"1000", "1001", "1002", "1003", "1004", "1005"};
}

void NiceTicksTest::ticksAndLabels() {
  QFETCH(double, lo);
  QFETCH(double, hi);
  QFETCH(QStringList, labels);
  const NiceTicks t = NiceTicks::forRange(lo, hi);
  QCOMPARE(labelsOf(t), labels);
  QVERIFY(t.offsetText.empty());
}

void NiceTicksTest::labelsAreDistinctAndInRange_data() {
  QTest::addColumn<double>("lo");
  QTest::addColumn<double>("hi");
  QTest::newRow("tiny") << 1.1e-30 << 3.7e-30;
  QTest::newRow("huge") << -2e200 << 7e200;
  QTest::newRow("odd") << 0.0137 << 0.0589;
  QTest::newRow("negative") << -5e3 << -1e3;
  QTest::newRow("reversed") << 10.0 << -10.0;
  QTest::newRow("near integer") << 99.99 << 100.01;
}

void NiceTicksTest::labelsAreDistinctAndInRange() {
  QFETCH(double, lo);
  QFETCH(double, hi);
  const NiceTicks t = NiceTicks::forRange(lo, hi);
  const double a = std::min(lo, hi), b = std::max(lo, hi);
  QVERIFY2(t.values.size() >= 3 && t.values.size() <= 8, qPrintable(QString::number(t.values.size())));
  for (double v : t.values) QVERIFY(v >= a - 1e-9 * (b - a) && v <= b + 1e-9 * (b - a));
  const QStringList labels = labelsOf(t);
  QCOMPARE(static_cast<qsizetype>(std::set<QString>(labels.begin(), labels.end()).size()), labels.size());
  // Each label reads back as its value to within a tenth of a step.
  const double step = t.values[1] - t.values[0];
  for (qsizetype k = 0; k < labels.size(); ++k)
    QVERIFY2(std::abs(labels[k].toDouble() + t.offset - t.values[static_cast<std::size_t>(k)]) < 0.1 * step,
             qPrintable(labels[k]));
}

void NiceTicksTest::offsetForNarrowRanges() {
  const NiceTicks t = NiceTicks::forRange(1e9, 1e9 + 1.0);
  QCOMPARE(t.offset, 1e9);
  QCOMPARE(QString::fromStdString(t.offsetText), QStringLiteral("+1e+09"));
  QCOMPARE(labelsOf(t), (QStringList{"0", "0.2", "0.4", "0.6", "0.8", "1"}));
  QCOMPARE(QString::fromStdString(t.decorate("x [m]")), QStringLiteral("x [m]  (+1e+09)"));

  const NiceTicks n = NiceTicks::forRange(-1e7, -1e7 + 0.5);
  QCOMPARE(n.offset, -1e7);
  QCOMPARE(QString::fromStdString(n.offsetText), QStringLiteral("-1e+07"));
  QCOMPARE(labelsOf(n).first(), QStringLiteral("0"));
  QCOMPARE(labelsOf(n).last(), QStringLiteral("0.5"));

  // Wide enough for plain labels: no offset.
  QVERIFY(NiceTicks::forRange(300.0, 400.0).offsetText.empty());
  QCOMPARE(QString::fromStdString(NiceTicks::forRange(300.0, 400.0).decorate("T [K]")), QStringLiteral("T [K]"));
}

void NiceTicksTest::degenerateRanges() {
  const NiceTicks same = NiceTicks::forRange(2.5, 2.5);
  QCOMPARE(same.values.size(), std::size_t{1});
  QCOMPARE(same.label(2.5), std::string("2.5"));
  QVERIFY(NiceTicks::forRange(std::numeric_limits<double>::quiet_NaN(), 1.0).values.empty());
  QVERIFY(NiceTicks::forRange(0.0, std::numeric_limits<double>::infinity()).values.empty());
  // Never "-0".
  const NiceTicks t = NiceTicks::forRange(-1e-20, 1.0);
  QCOMPARE(t.label(t.values.front()), std::string("0"));
}

QTEST_APPLESS_MAIN(NiceTicksTest)

#include "NiceTicksTest.moc"
