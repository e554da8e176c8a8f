// LibraryBrowser: search, details with units and reference, and "use".
#include "library/EquationLibrary.h"
#include "library/OdeLibrary.h"
#include "panels/LibraryBrowser.h"

#include <QApplication>
#include <QPushButton>
#include <QSignalSpy>
#include <QTextBrowser>
#include <QtTest>

class LibraryBrowserTest : public QObject {
  Q_OBJECT
 private slots:
  void listsEveryEquationAndFilters() {
    hf::app::LibraryBrowser b;
    const int all = static_cast<int>(hf::library::EquationLibrary::builtIn().equations().size() +
                                     hf::library::OdeLibrary::builtIn().equations().size());
    QCOMPARE(b.visibleCount(), all);
    b.setFilter(QStringLiteral("michaelis"));
    QVERIFY(b.visibleCount() >= 1 && b.visibleCount() < all);
    b.setFilter(QStringLiteral("no equation has this text"));
    QCOMPARE(b.visibleCount(), 0);
    b.setFilter(QString());
    QCOMPARE(b.visibleCount(), all);
  }
  // ODE entries: their equations, units, log scale and reference; "use".
  void odeEntriesShowTheirEquations() {
    hf::app::LibraryBrowser b;
    b.setFilter(QStringLiteral("ODE"));
    QVERIFY(b.visibleCount() >= static_cast<int>(hf::library::OdeLibrary::builtIn().equations().size()));
    QVERIFY(b.select(QStringLiteral("ode_robertson")));
    const QString text = b.details()->toPlainText();
    QVERIFY2(text.contains(QStringLiteral("dB/dt = k1*A - k2*B^2 - k3*B*C")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("log scale")));
    QVERIFY(text.contains(QStringLiteral("Robertson")));
    QSignalSpy use(&b, &hf::app::LibraryBrowser::useRequested);
    b.useButton()->click();
    QCOMPARE(use.at(0).at(0).toString(), QStringLiteral("ode_robertson"));
  }

  void detailsShowUnitsAndReference() {
    hf::app::LibraryBrowser b;
    QVERIFY(b.select(QStringLiteral("arrhenius")));
    const QString text = b.details()->toPlainText();
    const auto* e = hf::library::EquationLibrary::builtIn().find("arrhenius");
    QVERIFY(text.contains(QString::fromStdString(e->formula)));
    QVERIFY(text.contains(QStringLiteral("J/mol")));  // the unit of Ea
    QVERIFY(text.contains(QString::fromStdString(e->reference).left(20)));
    QSignalSpy use(&b, &hf::app::LibraryBrowser::useRequested);
    b.useButton()->click();
    QCOMPARE(use.count(), 1);
    QCOMPARE(use.at(0).at(0).toString(), QStringLiteral("arrhenius"));
  }
};

QTEST_MAIN(LibraryBrowserTest)
#include "LibraryBrowserTest.moc"
