// The text forms of ODE models: the input list of the workbench's ODE
// editor ("u, T: hold") reads, writes back and names what is wrong.
#include "common/Error.h"
#include "ode/OdeText.h"

#include <QtTest>

using namespace hf;

class OdeTextTest : public QObject {
  Q_OBJECT
 private slots:
  void inputListReadsAndWritesBack() {
    const auto list = ode::parseInputList(" u , T: hold;\nQ :linear ");
    QCOMPARE(list.size(), std::size_t(3));
    QCOMPARE(list[0].name, std::string("u"));
    QVERIFY(list[0].how == ode::Interpolation::Linear);
    QCOMPARE(list[1].name, std::string("T"));
    QVERIFY(list[1].how == ode::Interpolation::Hold);
    QCOMPARE(list[2].name, std::string("Q"));
    QVERIFY(list[2].how == ode::Interpolation::Linear);
    QCOMPARE(ode::formatInputList(list), std::string("u, T: hold, Q"));
    QVERIFY(ode::parseInputList(ode::formatInputList(list)) == list);
    QVERIFY(ode::parseInputList("").empty());
    QVERIFY(ode::parseInputList(" , ;").empty());
  }

  void inputListErrorsNameTheEntry_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("named");
    QTest::newRow("interpolation") << "u: holdx"
                                   << "holdx";
    QTest::newRow("twice") << "u, T, u"
                           << "twice";
    QTest::newRow("not a name") << "2u"
                                << "2u";
    QTest::newRow("no name") << ": hold"
                             << "not an input name";
    QTest::newRow("blank inside") << "u v"
                                  << "u v";
  }
  void inputListErrorsNameTheEntry() {
    QFETCH(QString, text);
    QFETCH(QString, named);
    try {
      ode::parseInputList(text.toStdString());
      QFAIL("accepted");
    } catch (const Error& e) {
      QVERIFY2(QString::fromStdString(e.message()).contains(named), e.message().c_str());
    }
  }
};

QTEST_APPLESS_MAIN(OdeTextTest)
#include "OdeTextTest.moc"
