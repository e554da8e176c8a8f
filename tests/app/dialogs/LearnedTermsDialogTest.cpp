// The learned components and penalties dialog (issue 12): it shows a
// project's components and penalties, edits make specs that the core
// accepts, problems are named and keep OK disabled, a model that does not
// build yet is a warning only, and the document applies the result as one
// undoable edit.
#include "ProjectFixtures.h"
#include "dialogs/LearnedComponentsPage.h"
#include "dialogs/LearnedTermsDialog.h"
#include "dialogs/PenaltiesPage.h"
#include "document/ProjectDocument.h"
#include "project/ProjectFile.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QtTest>

using namespace hf;

namespace {

QPushButton* ok(app::LearnedTermsDialog& d) { return d.buttons()->button(QDialogButtonBox::Ok); }

void type(QLineEdit* edit, const QString& text) {
  edit->selectAll();
  QTest::keyClicks(edit, text);
  if (text.isEmpty()) QTest::keyClick(edit, Qt::Key_Delete);
}

void save(QWidget& w, const char* name) {
  if (const QByteArray dir = qgetenv("HF_SCREENSHOT_DIR"); !dir.isEmpty())
    w.grab().save(QString::fromUtf8(dir) + "/" + name);
}

}  // namespace

class LearnedTermsDialogTest : public QObject {
  Q_OBJECT
 private slots:
  void showsTheProjectsComponents() {
    const project::Project p = project::loadProject(test::exampleProject("universal-lv"));
    app::LearnedTermsDialog d(p);
    d.show();
    app::LearnedComponentsPage* page = d.learnedPage();
    QCOMPARE(page->list()->count(), 1);
    QCOMPARE(page->nameEdit()->text(), QStringLiteral("U"));
    QCOMPARE(page->hiddenEdit()->text(), QStringLiteral("5, 5, 5"));
    QCOMPARE(page->activationBox()->currentText(), QStringLiteral("gaussian"));
    QCOMPARE(page->inputScaleEdit()->text(), QStringLiteral("3, 3"));
    QCOMPARE(page->l2Edit()->text(), QStringLiteral("0.001"));
    QVERIFY(page->statusLabel()->text().isEmpty());
    QVERIFY(ok(d)->isEnabled());
    QCOMPARE(d.learned(), p.model.learned());  // nothing edited: the same specs
    save(d, "learned-terms-dialog.png");
  }

  void editsMakeSpecsAndProblemsAreNamed() {
    const project::Project p = project::loadProject(test::exampleProject("hybrid-arrhenius"));
    app::LearnedTermsDialog d(p);
    d.show();
    app::LearnedComponentsPage* page = d.learnedPage();
    QTest::mouseClick(page->addButton(), Qt::LeftButton);
    QCOMPARE(page->list()->count(), 2);
    QCOMPARE(page->nameEdit()->text(), QStringLiteral("NN2"));  // NN is taken
    type(page->nameEdit(), "R");
    page->typeBox()->setCurrentText("rbf");
    page->inputsBox()->setValue(2);
    type(page->inputOffsetEdit(), "350, 0.5");
    type(page->inputScaleEdit(), "70, 0.5");
    QVERIFY2(ok(d)->isEnabled(), qPrintable(page->statusLabel()->text()));
    const ml::LearnedSpec& r = d.learned()[1];
    QCOMPARE(r.name, std::string("R"));
    QCOMPARE(r.kind, ml::LearnedKind::Rbf);
    QCOMPARE(r.inputs, std::size_t(2));
    QCOMPARE(r.inputOffset, (std::vector<double>{350, 0.5}));
    QCOMPARE(r.inputScale, (std::vector<double>{70, 0.5}));
    // Problems: a bad width, a scale of the wrong length, a taken name.
    page->list()->setCurrentRow(0);
    type(page->hiddenEdit(), "6, x");
    QVERIFY(!ok(d)->isEnabled());
    QVERIFY2(page->statusLabel()->text().contains("'x' is not a width"), qPrintable(page->statusLabel()->text()));
    type(page->hiddenEdit(), "6, 6");
    QVERIFY(ok(d)->isEnabled());
    QCOMPARE(d.learned()[0].hidden, (std::vector<std::size_t>{6, 6}));
    QVERIFY(d.learned()[0].weights.empty());  // a new shape: no stored weights
    type(page->inputScaleEdit(), "70, 1");
    QVERIFY(!ok(d)->isEnabled());
    type(page->inputScaleEdit(), "70");
    type(page->nameEdit(), "R");
    QVERIFY(!ok(d)->isEnabled());
    QVERIFY(page->statusLabel()->text().contains("two learned components are called 'R'"));
    type(page->nameEdit(), "NN");
    QVERIFY(ok(d)->isEnabled());
    // Renaming the formula's component: the model no longer builds, a warning only.
    type(page->nameEdit(), "NN9");
    QVERIFY(ok(d)->isEnabled());
    QVERIFY2(d.modelCheck()->text().contains("NN"), qPrintable(d.modelCheck()->text()));
    type(page->nameEdit(), "NN");
    QVERIFY(d.modelCheck()->text().isEmpty());
  }

  void penaltiesAreEdited() {
    const project::Project p = project::loadProject(test::exampleProject("hybrid-arrhenius"));
    app::LearnedTermsDialog d(p);
    d.show();
    d.tabs()->setCurrentIndex(1);
    app::PenaltiesPage* page = d.penaltiesPage();
    QCOMPARE(page->list()->count(), 0);
    QTest::mouseClick(page->addButton(), Qt::LeftButton);
    type(page->expressionEdit(), "NN(T)");
    type(page->lowerEdit(), "-0.5");
    type(page->upperEdit(), "0.5");
    type(page->weightEdit(), "100");
    QTest::mouseClick(page->addAxisButton(), Qt::LeftButton);
    page->gridTable()->setItem(0, 0, new QTableWidgetItem("T"));
    page->gridTable()->setItem(0, 1, new QTableWidgetItem("250"));
    page->gridTable()->setItem(0, 2, new QTableWidgetItem("450"));
    page->gridTable()->setItem(0, 3, new QTableWidgetItem("41"));
    QVERIFY2(ok(d)->isEnabled(), qPrintable(page->statusLabel()->text()));
    QVERIFY2(d.modelCheck()->text().isEmpty(), qPrintable(d.modelCheck()->text()));
    QCOMPARE(d.penalties().size(), std::size_t(1));
    const model::PenaltySpec& s = d.penalties()[0];
    QCOMPARE(s.kind, model::PenaltyKind::Bounds);
    QCOMPARE(s.expression, std::string("NN(T)"));
    QCOMPARE(s.lower, -0.5);
    QCOMPARE(s.upper, 0.5);
    QCOMPARE(s.weight, 100.0);
    QCOMPARE(s.grid.size(), std::size_t(1));
    QCOMPARE(s.grid[0].variable, std::string("T"));
    QCOMPARE(s.grid[0].count, 41);
    QCOMPARE(page->list()->item(0)->text(), QString::fromStdString(s.label()));
    save(d, "penalties-dialog.png");
    // A weight of 0 and an unknown column: named / warned.
    type(page->weightEdit(), "0");
    QVERIFY(!ok(d)->isEnabled());
    QVERIFY(!page->statusLabel()->text().isEmpty());
    type(page->weightEdit(), "1");
    type(page->expressionEdit(), "NN(q)");
    QVERIFY(ok(d)->isEnabled());
    QVERIFY(!d.modelCheck()->text().isEmpty());
  }

  // The document takes the dialog's result as one undoable edit, drops the
  // stale result, and says the model changed.
  void documentAppliesOneUndoableEdit() {
    app::ProjectDocument doc;
    QCOMPARE(doc.load(QString::fromStdString(test::exampleProject("hybrid-arrhenius"))), QString());
    const auto before = doc.project().model.spec.learned;
    std::vector<ml::LearnedSpec> learned = before;
    learned[0].hidden = {4};
    learned[0].weights.clear();
    model::PenaltySpec bound;
    bound.expression = "NN(T)";
    bound.lower = -1;
    QSignalSpy modelChanged(&doc, &app::ProjectDocument::modelChanged);
    doc.setLearnedAndPenalties(learned, {bound});
    QCOMPARE(modelChanged.count(), 1);
    QCOMPARE(doc.project().model.spec.learned[0].hidden, (std::vector<std::size_t>{4}));
    QCOMPARE(doc.project().model.spec.penalties.size(), std::size_t(1));
    QVERIFY(doc.isModified());
    doc.undoStack()->undo();
    QCOMPARE(doc.project().model.spec.learned, before);
    QVERIFY(doc.project().model.spec.penalties.empty());
    QCOMPARE(modelChanged.count(), 2);
    const int steps = doc.undoStack()->count();
    doc.setLearnedAndPenalties(before, {});  // no change: no edit
    QCOMPARE(doc.undoStack()->index(), 0);
    QCOMPARE(doc.undoStack()->count(), steps);
  }
};

QTEST_MAIN(LearnedTermsDialogTest)
#include "LearnedTermsDialogTest.moc"
