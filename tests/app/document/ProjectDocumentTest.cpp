// ProjectDocument: loading, saving, unsaved-changes state and undo/redo of
// every kind of edit.
#include "document/ProjectDocument.h"
#include "library/EquationLibrary.h"
#include "project/ProjectFit.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace hf;

namespace {
const QString kExample = QStringLiteral(HF_SOURCE_DIR "/projects/cooling/cooling.hfproj");
}

class ProjectDocumentTest : public QObject {
  Q_OBJECT
 private slots:
  void loadsAndReportsName() {
    app::ProjectDocument doc;
    QSignalSpy changed(&doc, &app::ProjectDocument::changed);
    QCOMPARE(doc.load(kExample), QString());
    QCOMPARE(doc.displayName(), QStringLiteral("cooling.hfproj"));
    QVERIFY(!doc.isModified());
    QCOMPARE(changed.count(), 1);
    QCOMPARE(doc.project().parameters.size(), std::size_t(3));
  }

  void badFileKeepsTheCurrentProject() {
    app::ProjectDocument doc;
    QCOMPARE(doc.load(kExample), QString());
    QTemporaryDir dir;
    const QString bad = dir.filePath("bad.hfproj");
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\"schemaVersion\": 1}");
    f.close();
    const QString error = doc.load(bad);
    QVERIFY(error.contains(QStringLiteral("/datasets")));
    QCOMPARE(doc.displayName(), QStringLiteral("cooling.hfproj"));
    QCOMPARE(doc.project().parameters.size(), std::size_t(3));
  }

  void formulaEditsUndoAndMerge() {
    app::ProjectDocument doc;
    QCOMPARE(doc.load(kExample), QString());
    const std::string original = doc.project().model.spec.formula;
    QSignalSpy modified(&doc, &app::ProjectDocument::modifiedChanged);
    // Typing: three edits in a row become one undo step.
    doc.setFormula(QStringLiteral("Ta + (T0 - Ta)*exp(-k*t) + d"));
    doc.setFormula(QStringLiteral("Ta + (T0 - Ta)*exp(-k*t) + dr"));
    doc.setFormula(QStringLiteral("Ta + (T0 - Ta)*exp(-k*t) + drift*t"));
    QVERIFY(doc.isModified());
    QCOMPARE(modified.count(), 1);
    QCOMPARE(doc.undoStack()->count(), 1);
    // The new name became a parameter; the old ones kept their settings.
    QCOMPARE(doc.project().parameters.size(), std::size_t(4));
    QCOMPARE(doc.project().parameters[3].name, std::string("drift"));
    QCOMPARE(doc.project().parameters[0].unit, std::string("K"));
    doc.undoStack()->undo();
    QCOMPARE(doc.project().model.spec.formula, original);
    QCOMPARE(doc.project().parameters.size(), std::size_t(3));
    QVERIFY(!doc.isModified());
    doc.undoStack()->redo();
    QCOMPARE(doc.project().parameters.size(), std::size_t(4));
  }

  void parameterEditsUndo() {
    app::ProjectDocument doc;
    QCOMPARE(doc.load(kExample), QString());
    fit::ParameterSetting k = doc.project().parameters[2];
    const double before = k.start;
    k.start = 0.5;
    k.fixed = true;
    doc.setParameter(2, k);
    QCOMPARE(doc.project().parameters[2].start, 0.5);
    QVERIFY(doc.project().parameters[2].fixed);
    doc.undoStack()->undo();
    QCOMPARE(doc.project().parameters[2].start, before);
    QVERIFY(!doc.project().parameters[2].fixed);
  }

  void acceptingAFitIsUndoable() {
    app::ProjectDocument doc;
    QCOMPARE(doc.load(kExample), QString());
    // Start away from the optimum: accepting keeps the start (both start
    // and estimate stay visible, issue 10 fault 13).
    fit::ParameterSetting k = doc.project().parameters[2];
    k.start = 0.01;
    doc.setParameter(2, k);
    const auto before = doc.state();
    const fit::FitSummary r = project::fitProject(doc.project());
    QVERIFY(r.converged());
    doc.acceptFitResult(r);
    QCOMPARE(doc.project().parameters[2].start, 0.01);
    QCOMPARE(doc.project().lastResult->parameters[2].value, r.parameters[2].value);
    doc.undoStack()->undo();
    QCOMPARE(doc.project().parameters[2].start, 0.01);
    QCOMPARE(doc.project().lastResult.has_value(), before.lastResult.has_value());
    doc.undoStack()->redo();
    QCOMPARE(doc.project().lastResult->parameters[2].value, r.parameters[2].value);
    // Moving the starts to the estimates is an edit of its own, undoable.
    QVERIFY(doc.useEstimatesAsStarts());
    QCOMPARE(doc.project().parameters[2].start, r.parameters[2].value);
    doc.undoStack()->undo();
    QCOMPARE(doc.project().parameters[2].start, 0.01);
  }

  // A hybrid project: "Use estimates as starts" also stores the fitted
  // weights as the learned component's starting weights, undoably.
  void estimatesAsStartsTakeTheLearnedWeights() {
    app::ProjectDocument doc;
    QCOMPARE(doc.load(QStringLiteral(HF_SOURCE_DIR "/projects/hybrid-arrhenius/hybrid-arrhenius.hfproj")), QString());
    QVERIFY(doc.project().model.learned().at(0).weights.empty());
    const fit::FitSummary r = project::fitProject(doc.project());
    QVERIFY2(r.converged(), r.message.c_str());
    doc.acceptFitResult(r);
    QVERIFY(doc.useEstimatesAsStarts());
    const std::vector<double>& w = doc.project().model.learned().at(0).weights;
    QCOMPARE(w.size(), r.parameters.size() - 2);
    for (std::size_t k = 0; k < w.size(); ++k) QCOMPARE(w[k], r.parameters[2 + k].value);
    doc.undoStack()->undo();
    QVERIFY(doc.project().model.learned().at(0).weights.empty());
  }

  // The settings an ODE edit derives never include learned weights: they
  // start from their seeded values, not from a guess (review finding).
  void odeSettingsLeaveOutLearnedWeights() {
    app::ProjectDocument doc;
    QCOMPARE(doc.load(QStringLiteral(HF_SOURCE_DIR "/projects/universal-lv/universal-lv.hfproj")), QString());
    const std::vector<fit::ParameterSetting> s = app::ProjectDocument::odeParametersFor(doc.project(), {});
    QCOMPARE(s.size(), std::size_t(2));
    QCOMPARE(s[0].name, std::string("a"));
    QCOMPARE(s[1].name, std::string("d"));
  }

  void restoringUndoesOnlyAFitAndEachFitSeparately() {
    app::ProjectDocument doc;
    QCOMPARE(doc.load(kExample), QString());
    QVERIFY(!doc.lastEditIsFit());
    QVERIFY(!doc.restorePreFitParameters());  // nothing to take back
    fit::ParameterSetting k = doc.project().parameters[2];
    k.start = 0.01;
    doc.setParameter(2, k);
    QVERIFY(!doc.lastEditIsFit());
    QVERIFY(!doc.restorePreFitParameters());  // the last edit is not a fit: kept
    QCOMPARE(doc.project().parameters[2].start, 0.01);

    fit::FitSummary first = project::fitProject(doc.project());
    first.parameters[2].value = 0.002;  // two distinguishable "fits"
    doc.acceptFitResult(first);
    const fit::FitSummary second = project::fitProject(doc.project());
    doc.acceptFitResult(second);
    QVERIFY(doc.lastEditIsFit());
    // Consecutive fits do not merge: each restore goes back one fit.
    QVERIFY(doc.restorePreFitParameters());
    QCOMPARE(doc.project().lastResult->parameters[2].value, 0.002);
    QVERIFY(doc.restorePreFitParameters());
    QVERIFY(!doc.project().lastResult || doc.project().lastResult->parameters[2].value != 0.002);
    QCOMPARE(doc.project().parameters[2].start, 0.01);
    QVERIFY(!doc.lastEditIsFit());
  }

  void saveClearsModifiedAndRoundTrips() {
    app::ProjectDocument doc;
    QCOMPARE(doc.load(kExample), QString());
    QTemporaryDir dir;
    // The data file must be reachable from the new place: copy it along.
    QVERIFY(QFile::copy(QStringLiteral(HF_SOURCE_DIR "/projects/cooling/cooling.csv"), dir.filePath("cooling.csv")));
    doc.setResponse(QStringLiteral("T"));
    fit::ParameterSetting ta = doc.project().parameters[0];
    ta.lower = 250;
    doc.setParameter(0, ta);
    QVERIFY(doc.isModified());
    const QString path = dir.filePath("copy.hfproj");
    QCOMPARE(doc.save(path), QString());
    QVERIFY(!doc.isModified());
    QCOMPARE(doc.displayName(), QStringLiteral("copy.hfproj"));
    app::ProjectDocument again;
    QCOMPARE(again.load(path), QString());
    QCOMPARE(again.project().parameters[0].lower, 250.0);
    QCOMPARE(again.project().model.spec.formula, doc.project().model.spec.formula);
    QCOMPARE(again.project().datasets[0].data.rowCount(), doc.project().datasets[0].data.rowCount());
  }

  void libraryEquationReplacesModel() {
    app::ProjectDocument doc;
    QCOMPARE(doc.load(kExample), QString());
    doc.applyEquation(QStringLiteral("newton_cooling"));
    QCOMPARE(doc.project().model.equationId, std::string("newton_cooling"));
    QVERIFY(!doc.project().parameters.empty());
    doc.undoStack()->undo();
    QCOMPARE(doc.project().parameters.size(), std::size_t(3));
  }

  void libraryInputsAreMappedToTheDataColumns() {
    app::ProjectDocument doc;
    project::ProjectDataset d;
    d.data.name = "decay";
    d.data.columns.push_back({"time", "time", "s", {0, 1, 2, 3}});
    d.data.columns.push_back({"signal", "signal", "V", {1.0, 0.6, 0.37, 0.22}});
    doc.setDataset(d);
    doc.setResponse(QStringLiteral("signal"));
    // exponential_decay is A*exp(-k*t)+c in t: t becomes the data's "time".
    doc.applyEquation(QStringLiteral("exponential_decay"));
    QCOMPARE(doc.project().model.spec.formula, std::string("A*exp(-k*time)+c"));
    QCOMPARE(doc.project().parameters.size(), std::size_t(3));
    // A and c are in the response's units: the data's V, not the library's "a.u.".
    QCOMPARE(doc.project().parameters[0].unit, std::string("V"));
    QCOMPARE(doc.project().parameters[2].unit, std::string("V"));
    QCOMPARE(doc.project().parameters[1].unit, std::string("1/s"));
    const fit::FitSummary r = project::fitProject(doc.project());
    QVERIFY2(r.converged(), r.message.c_str());

    // A result of the previous model does not survive a new equation.
    doc.acceptFitResult(r);
    QVERIFY(doc.project().lastResult);
    doc.applyEquation(QStringLiteral("exponential_rise"));
    QVERIFY(!doc.project().lastResult);

    // Names are replaced whole: `t` inside `sqrt` or `t0` stays.
    library::Equation eq;
    eq.formula = "sqrt(t) + t0*t";
    eq.variables.push_back({"t", "s", ""});
    QCOMPARE(app::ProjectDocument::mapEquationInputs(eq, doc.project()), std::string("sqrt(time) + t0*time"));
    // Inputs the data already have are left alone.
    eq.variables = {{"time", "s", ""}};
    eq.formula = "a*time";
    QCOMPARE(app::ProjectDocument::mapEquationInputs(eq, doc.project()), std::string("a*time"));
  }

  void fitsNeverMoveTheStarts() {
    app::ProjectDocument doc;
    QCOMPARE(doc.load(kExample), QString());
    fit::FitSummary r = project::fitProject(doc.project());
    const double start = doc.project().parameters[2].start;
    for (fit::Termination t :
         {fit::Termination::NoConvergence, fit::Termination::Cancelled, fit::Termination::Converged}) {
      r.termination = t;
      r.parameters[2].value = 5.0;
      doc.acceptFitResult(r);
      QCOMPARE(doc.project().parameters[2].start, start);
      QVERIFY(doc.project().lastResult);  // the result is shown next to the start
    }
    // The best point of a cancelled fit becomes the start on request.
    r.termination = fit::Termination::Cancelled;
    doc.acceptFitResult(r);
    QVERIFY(doc.useEstimatesAsStarts());
    QCOMPARE(doc.project().parameters[2].start, 5.0);
  }

  // Retyping the formula, through states where names disappear, keeps
  // every setting of a name that comes back; a changed formula drops the
  // old result (issue 10, fault 1). New names get their start from the data.
  void retypingTheFormulaKeepsSettings() {
    app::ProjectDocument doc;
    QCOMPARE(doc.load(kExample), QString());
    const std::string original = doc.project().model.spec.formula;
    fit::ParameterSetting k = doc.project().parameters[2];
    k.start = 0.02;
    k.lower = 0.0;
    k.unit = "1/min";
    doc.setParameter(2, k);
    doc.acceptFitResult(project::fitProject(doc.project()));
    QVERIFY(doc.project().lastResult);
    doc.setFormula(QString());  // select all, delete
    doc.setFormula(QStringLiteral("Ta"));
    QVERIFY(!doc.project().lastResult);
    doc.setFormula(QString::fromStdString(original));
    QCOMPARE(doc.project().parameters.size(), std::size_t(3));
    const fit::ParameterSetting& back = doc.project().parameters[2];
    QCOMPARE(back.name, k.name);
    QCOMPARE(back.start, 0.02);
    QCOMPARE(back.lower, 0.0);
    QCOMPARE(back.unit, std::string("1/min"));
    QVERIFY(!back.autoStart);
    // The same text again changes nothing (no undo step, result kept).
    const int steps = doc.undoStack()->count();
    doc.setFormula(QString::fromStdString(original));
    QCOMPARE(doc.undoStack()->count(), steps);
    // A new name starts as "chosen from the data".
    doc.setFormula(QString::fromStdString(original + " + drift*t"));
    QVERIFY(doc.project().parameters.back().autoStart);
  }
};

QTEST_GUILESS_MAIN(ProjectDocumentTest)
#include "ProjectDocumentTest.moc"
