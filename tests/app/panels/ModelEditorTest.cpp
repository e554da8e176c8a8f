// ModelEditor: the live check (OK with counts, or the error with its
// position marked), formula typing as undoable edits, and the weights
// controls (no column shown without weights, a sensible one when turned on).
#include "panels/ModelEditor.h"

#include "document/ProjectDocument.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QtTest>

using hf::app::ModelEditor;
using hf::app::ProjectDocument;

class ModelEditorTest : public QObject {
  Q_OBJECT
 private slots:
  // Which names became parameters, a likely misspelt column among them, and
  // the count of fixed ones (issue 10, faults 10 and 14).
  void parametersAndMisspeltColumnsAreShown() {
    ProjectDocument doc;
    hf::project::ProjectDataset d;
    d.data.name = "puromycin";
    d.data.columns.push_back({"conc", "conc", "ppm", {0.02, 0.06, 0.11, 0.22}});
    d.data.columns.push_back({"rate", "rate", "", {76, 97, 123, 159}});
    doc.setDataset(d);
    doc.setResponse(QStringLiteral("rate"));
    ModelEditor editor(&doc);
    doc.setFormula(QStringLiteral("Vm*cnoc/(K+conc)"));
    QString status = editor.statusLabel()->text();
    QVERIFY2(status.contains(QStringLiteral("Parameters: Vm, cnoc, K")), qPrintable(status));
    QVERIFY2(status.contains(QStringLiteral("did you mean the column &#x27;conc&#x27;")) ||
                 status.contains(QStringLiteral("did you mean the column 'conc'")),
             qPrintable(status));
    QVERIFY(editor.statusLabel()->toolTip().contains(QStringLiteral("did you mean the column 'conc'")));
    doc.setFormula(QStringLiteral("Vm*conc/(K+conc)"));
    status = editor.statusLabel()->text();
    QVERIFY2(!status.contains(QStringLiteral("did you mean")), qPrintable(status));
    hf::fit::ParameterSetting k = doc.project().parameters[1];
    k.fixed = true;
    doc.setParameter(1, k);
    QVERIFY2(editor.statusLabel()->text().contains(QStringLiteral("2 parameters (1 fixed)")),
             qPrintable(editor.statusLabel()->text()));
  }

  void liveCheckMarksTheErrorPosition() {
    ProjectDocument doc;
    QCOMPARE(doc.load(QStringLiteral(HF_SOURCE_DIR "/projects/arrhenius/arrhenius.hfproj")), QString());
    ModelEditor editor(&doc);
    QVERIFY(editor.isValid());
    QVERIFY2(editor.statusLabel()->text().contains(QStringLiteral("OK: 8 points, 3 parameters")),
             qPrintable(editor.statusLabel()->text()));

    QSignalSpy validity(&editor, &ModelEditor::validityChanged);
    QLineEdit* formula = editor.formulaEdit();
    formula->setFocus();
    formula->end(false);
    QTest::keyClicks(formula, QStringLiteral(" * (2 +"));  // unfinished: error at the end
    QVERIFY(!editor.isValid());
    QCOMPARE(validity.count(), 1);
    QCOMPARE(validity.at(0).at(0).toBool(), false);
    const QString status = editor.statusLabel()->text();
    // The marked character is the position just past the formula's end.
    const QString typed = formula->text().toHtmlEscaped();
    QVERIFY2(status.contains(QStringLiteral("<tt>%1<span style='background:#f4b0b0'>&nbsp;</span>").arg(typed)),
             qPrintable(status));

    // An error inside the formula marks that character.
    formula->selectAll();
    QTest::keyClicks(formula, QStringLiteral("A*exp(-Ea/(R*T)) $ 2"));
    QVERIFY(!editor.isValid());
    QVERIFY2(editor.statusLabel()->text().contains(QStringLiteral("<span style='background:#f4b0b0'>$</span>")),
             qPrintable(editor.statusLabel()->text()));

    // Typing is one undoable edit; undo restores a valid model.
    doc.undoStack()->undo();
    QCOMPARE(formula->text(), QStringLiteral("A*exp(-Ea/(R*T))"));
    QVERIFY(editor.isValid());
    QCOMPARE(validity.last().at(0).toBool(), true);
  }

  void weightControlsFollowTheWeightKind() {
    ProjectDocument doc;
    QCOMPARE(doc.load(QStringLiteral(HF_SOURCE_DIR "/projects/arrhenius/arrhenius.hfproj")), QString());
    ModelEditor editor(&doc);
    QCOMPARE(editor.weightColumnBox()->currentText(), QStringLiteral("sk"));
    QVERIFY(editor.weightColumnBox()->isEnabled());

    // Off: no column shown, and none stored.
    editor.weightKindBox()->setCurrentIndex(0);
    QCOMPARE(doc.project().model.spec.weightKind, hf::model::WeightKind::None);
    QCOMPARE(editor.weightColumnBox()->currentText(), QString());
    QVERIFY(!editor.weightColumnBox()->isEnabled());
    editor.setReadOnly(true);
    editor.setReadOnly(false);  // a fit ended: still nothing to choose
    QVERIFY(!editor.weightColumnBox()->isEnabled());

    // On again without a column: the usual name for k's sigma, "sk".
    editor.weightKindBox()->setCurrentIndex(1);
    QCOMPARE(doc.project().model.spec.weightKind, hf::model::WeightKind::Sigma);
    QCOMPARE(doc.project().model.spec.weightColumn, std::string("sk"));
    QCOMPARE(editor.weightColumnBox()->currentText(), QStringLiteral("sk"));
    QVERIFY(editor.weightColumnBox()->isEnabled());
    QVERIFY(editor.isValid());
  }

  void weightsNeverDefaultToTheInputColumn() {
    ProjectDocument doc;  // columns t and T: no candidate for sigma
    QCOMPARE(doc.load(QStringLiteral(HF_SOURCE_DIR "/projects/cooling/cooling.hfproj")), QString());
    ModelEditor editor(&doc);
    editor.weightKindBox()->setCurrentIndex(1);
    QCOMPARE(doc.project().model.spec.weightColumn, std::string());
    QVERIFY(!editor.isValid());
    QVERIFY2(editor.statusLabel()->text().contains(QStringLiteral("no weight column is chosen")),
             qPrintable(editor.statusLabel()->text()));
  }
};

QTEST_MAIN(ModelEditorTest)
#include "ModelEditorTest.moc"
