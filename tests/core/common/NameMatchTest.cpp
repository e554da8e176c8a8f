// NameMatch: which column a misspelt name probably meant.
#include "common/NameMatch.h"

#include <QtTest>

class NameMatchTest : public QObject {
  Q_OBJECT
 private slots:
  void distances() {
    QCOMPARE(hf::editDistance("conc", "conc"), std::size_t(0));
    QCOMPARE(hf::editDistance("cnoc", "conc"), std::size_t(1));  // one transposition
    QCOMPARE(hf::editDistance("cocn", "conc"), std::size_t(1));
    QCOMPARE(hf::editDistance("temp", "tmp"), std::size_t(1));
    QCOMPARE(hf::editDistance("", "abc"), std::size_t(3));
  }
  void suggestions() {
    const std::vector<std::string> columns{"conc", "rate", "x", "temperature"};
    QCOMPARE(hf::closestName("cnoc", columns), std::string("conc"));
    QCOMPARE(hf::closestName("Rate", columns), std::string("rate"));
    QCOMPARE(hf::closestName("temprature", columns), std::string("temperature"));
    QCOMPARE(hf::closestName("a", columns), std::string());  // a parameter, not a typo of x
    QCOMPARE(hf::closestName("Vm", columns), std::string());
    QCOMPARE(hf::closestName("conc", columns), std::string());  // is a column itself
    QCOMPARE(hf::closestName("K", columns), std::string());
  }
};

QTEST_APPLESS_MAIN(NameMatchTest)
#include "NameMatchTest.moc"
