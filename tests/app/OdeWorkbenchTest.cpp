// The workbench with ODE models: the predator-prey example opens in the ODE
// editor, fits through the window with live progress to the same numbers
// as the headless fit, and shows its time plot, residuals and phase plane;
// the editor checks equations live and marks errors; the shared/local grid
// unlinks and links parameters (undoably); a CSV import can become an ODE
// model of its columns; the time plot renders (image test: both observables'
// colours, not blank).
#include "ImageChecks.h"
#include "MainWindow.h"
#include "dialogs/ImportDialog.h"
#include "document/ProjectDocument.h"
#include "fit/FitController.h"
#include "panels/LibraryBrowser.h"
#include "panels/OdeEditor.h"
#include "plot/ChartView.h"
#include "project/ProjectFile.h"
#include "project/ProjectFit.h"
#include "views/ResultViews.h"
#include "vtk/VtkView.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

using namespace hf;

namespace {
const QString kPredatorPrey = QStringLiteral(HF_SOURCE_DIR "/projects/predator-prey/predator-prey.hfproj");
const QString kPk = QStringLiteral(HF_SOURCE_DIR "/projects/pharmacokinetics/pharmacokinetics.hfproj");

bool hasParameter(const project::Project& p, const std::string& name) {
  for (const auto& s : p.parameters)
    if (s.name == name) return true;
  return false;
}

/// Fits through the window and waits for the end (two minutes at most):
/// the summary, or one that says why there is none.
fit::FitSummary fitThroughWindow(app::MainWindow& w) {
  QSignalSpy ended(&w, &app::MainWindow::fitEnded);
  fit::FitSummary none;
  if (!w.startFit()) {
    none.message = "the fit did not start";
    return none;
  }
  if (!QTest::qWaitFor([&] { return !ended.isEmpty(); }, 120000)) {
    none.message = "the fit did not end within two minutes";
    return none;
  }
  return ended.first().first().value<fit::FitSummary>();
}
}  // namespace

class OdeWorkbenchTest : public QObject {
  Q_OBJECT
 private slots:
  void init() { QSettings().clear(); }

  void fitsPredatorPreyThroughTheWindow() {
    app::MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QCOMPARE(w.openPath(kPredatorPrey), QString());
    QVERIFY(w.odeEditor()->isValid());
    QVERIFY(w.modelIsValid());
    QVERIFY(w.odeEditor()->equationsEdit()->toPlainText().contains("dprey/dt = a*prey - b*prey*predators"));
    QCOMPARE(w.odeEditor()->experimentList()->count(), 1);
    // The time plot at the start values: both observables' data and model.
    for (const char* s : {"prey", "predators", "prey: model at start values", "predators: model at start values"})
      QVERIFY2(w.chartView()->hasSeries(s), s);
    QVERIFY(w.views()->isTabEnabled(w.views()->indexOf(w.views()->phaseChart())));

    QSignalSpy progress(w.fitController(), &app::FitController::progress);
    QSignalSpy ended(&w, &app::MainWindow::fitEnded);
    QVERIFY(w.startFit());
    QVERIFY(w.isFitting());
    QTRY_VERIFY_WITH_TIMEOUT(!ended.isEmpty(), 120000);
    QVERIFY(!progress.isEmpty());  // live progress reached the window
    const auto summary = ended.first().first().value<fit::FitSummary>();
    QVERIFY2(summary.converged(), summary.message.c_str());
    // The same numbers as the headless fit of the same file.
    const project::Project headless = project::loadProject(kPredatorPrey.toStdString());
    const fit::FitSummary cli = project::fitProject(headless);
    QVERIFY(cli.converged());
    for (const auto& e : cli.parameters) {
      bool found = false;
      for (const auto& g : summary.parameters)
        if (g.name == e.name) {
          found = true;
          QVERIFY2(std::fabs(g.value - e.value) <= 1e-8 * std::fabs(e.value),
                   qPrintable(QString("%1: %2 vs %3").arg(e.name.c_str()).arg(g.value).arg(e.value)));
        }
      QVERIFY(found);
    }
    QTRY_VERIFY(w.chartView()->hasSeries("prey: fitted model"));
    QVERIFY(!w.chartView()->hasSeries("prey: model (fit in progress)"));
    QVERIFY(w.residualChart()->hasSeries("prey") && w.residualChart()->hasSeries("predators"));
    QVERIFY(w.views()->phaseChart()->hasSeries("trajectory"));
    // The grid shows the estimates.
    QTableWidget* grid = w.odeEditor()->parameterGrid();
    QCOMPARE(grid->rowCount(), 6);
    QCOMPARE(grid->item(0, 0)->text(), QStringLiteral("a"));
    QVERIFY(std::fabs(grid->item(0, 2)->text().toDouble() - summary.parameters[0].value) < 1e-4);
  }

  void equationsAreCheckedLive() {
    app::MainWindow w;
    QCOMPARE(w.openPath(kPredatorPrey), QString());
    QPlainTextEdit* eq = w.odeEditor()->equationsEdit();
    const QString good = eq->toPlainText();
    eq->setPlainText(QStringLiteral("dprey/dt = a*prey - \ndpredators/dt = d*prey*predators - c*predators"));
    QVERIFY2(w.odeEditor()->statusLabel()->text().contains("Equations"),
             qPrintable(w.odeEditor()->statusLabel()->text()));
    QVERIFY(!w.odeEditor()->isValid());
    QVERIFY(!w.modelIsValid());
    QVERIFY(!eq->extraSelections().isEmpty());  // the error is marked
    // A new rate term brings its parameter; undo takes the edit back.
    eq->setPlainText(
        QStringLiteral("dprey/dt = a*prey - b*prey*predators - m*prey\n"
                       "dpredators/dt = d*prey*predators - c*predators"));
    QVERIFY(w.odeEditor()->isValid());
    QVERIFY(hasParameter(w.document()->project(), "m"));
    w.document()->undoStack()->undo();
    QVERIFY(!hasParameter(w.document()->project(), "m"));
    QCOMPARE(eq->toPlainText(), good);
    // A typo taken back makes the model valid again (same model as before).
    eq->setPlainText(QStringLiteral("dprey/dt = a*prey - \ndpredators/dt = d*prey*predators - c*predators"));
    QVERIFY(!w.odeEditor()->isValid());
    eq->setPlainText(good);
    QVERIFY(w.odeEditor()->isValid());
    QVERIFY(w.modelIsValid());
    // Typing a separator keeps it (the model has not changed yet) and
    // makes no undo step.
    const int steps = w.document()->undoStack()->count();
    QLineEdit* observe = w.odeEditor()->observeEdit();
    observe->setFocus();
    observe->end(false);
    QTest::keyClicks(observe, QStringLiteral(", "));
    QVERIFY2(observe->text().endsWith(", "), qPrintable(observe->text()));
    QCOMPARE(w.document()->undoStack()->count(), steps);
  }

  void sharedLocalGridUnlinksAndLinks() {
    app::MainWindow w;
    QCOMPARE(w.openPath(kPk), QString());
    QCOMPARE(w.odeEditor()->experimentList()->count(), 3);
    QCOMPARE(app::MainWindow::openedMessage(QStringLiteral("pk.hfproj"), w.document()->project()),
             QStringLiteral("pk.hfproj: pharmacokinetics, 3 experiments, 36 rows, ODE model with 3 states"));
    QTableWidget* grid = w.odeEditor()->parameterGrid();
    int row = -1;
    for (int r = 0; r < grid->rowCount(); ++r)
      if (grid->item(r, 0)->text() == QStringLiteral("CL")) row = r;
    QVERIFY(row >= 0);
    auto* box = qobject_cast<QCheckBox*>(grid->cellWidget(row, 1));
    QVERIFY(box && !box->isChecked());
    box->setChecked(true);
    const project::Project& p = w.document()->project();
    QVERIFY(hasParameter(p, "CL[100 mg]") && hasParameter(p, "CL[400 mg]"));
    QVERIFY(!hasParameter(p, "CL"));
    w.document()->undoStack()->undo();
    QVERIFY(hasParameter(w.document()->project(), "CL"));
    QVERIFY(!hasParameter(w.document()->project(), "CL[100 mg]"));
    // ka is local in the example: linking gives one shared ka.
    w.document()->setParameterLocal(QStringLiteral("ka"), false);
    QVERIFY(hasParameter(w.document()->project(), "ka"));
    QVERIFY(!hasParameter(w.document()->project(), "ka[200 mg]"));
    // Choosing an experiment changes what the time plot shows.
    w.odeEditor()->experimentList()->setCurrentRow(2);
    QCOMPARE(w.views()->experiment(), 2);
    QVERIFY(w.chartView()->title().contains("400 mg"));
    QCOMPARE(w.odeEditor()->experimentInitialEdit()->text(), QStringLiteral("Ag = 400"));
    // An experiment's own initial value may be a parameter (fitted too).
    QLineEdit* own = w.odeEditor()->experimentInitialEdit();
    own->setText(QStringLiteral("Ag = D400"));
    emit own->textEdited(own->text());
    QVERIFY(hasParameter(w.document()->project(), "D400"));
    QCOMPARE(w.document()->project().model.ode.experiments[2].initial[0], std::string("D400"));
    w.document()->undoStack()->undo();
    QCOMPARE(w.document()->project().model.ode.experiments[2].initial[0], std::string("400"));
    QCOMPARE(own->text(), QStringLiteral("Ag = 400"));
  }

  // Data over decades get a log10 time axis; one observable can be plotted
  // on its own (B of Robertson is 1e-5 of A and C).
  void stiffKineticsTimePlot() {
    app::MainWindow w;
    QCOMPARE(w.openPath(QStringLiteral(HF_SOURCE_DIR "/projects/stiff-kinetics/stiff-kinetics.hfproj")), QString());
    QVERIFY(w.chartView()->xTitle().contains("log10"));
    QVERIFY(w.chartView()->hasSeries("A") && w.chartView()->hasSeries("B"));
    w.odeEditor()->plottedBox()->setCurrentIndex(2);  // B
    QVERIFY(w.chartView()->hasSeries("B") && w.chartView()->hasSeries("B: model at start values"));
    QVERIFY(!w.chartView()->hasSeries("A") && !w.chartView()->hasSeries("C: model at start values"));
    w.odeEditor()->plottedBox()->setCurrentIndex(0);
    QVERIFY(w.chartView()->hasSeries("A"));
    QVERIFY(!w.views()->isTabEnabled(w.views()->indexOf(w.views()->phaseChart())));  // three states
  }

  // A second dataset becomes a second experiment: local parameters get a
  // value for it, a dataset without an observed column is refused.
  void addingAnExperiment() {
    app::MainWindow w;
    QCOMPARE(w.openPath(kPredatorPrey), QString());
    const project::Project before = w.document()->project();
    data::Dataset second = before.datasets.front().data;
    for (double& v : second.columns[1].values) v *= 1.02;
    QCOMPARE(w.addExperimentData(second, QStringLiteral("t")), QString());  // same name: renamed
    const project::Project& p = w.document()->project();
    QCOMPARE(p.model.ode.experiments.size(), std::size_t(2));
    QCOMPARE(p.model.ode.experiments[1].name, std::string("populations_2"));
    QCOMPARE(w.odeEditor()->experimentList()->count(), 2);
    w.document()->setParameterLocal(QStringLiteral("prey0"), true);
    QVERIFY(hasParameter(w.document()->project(), "prey0[census]"));
    QVERIFY(hasParameter(w.document()->project(), "prey0[populations_2]"));
    data::Dataset bad;
    bad.name = "bad";
    bad.columns = {{"t", "t", "", {0, 1}}, {"prey", "prey", "", {1, 2}}};
    const QString error = w.addExperimentData(bad, QStringLiteral("t"));
    QVERIFY2(error.contains("predators"), qPrintable(error));
    QCOMPARE(w.document()->project().model.ode.experiments.size(), std::size_t(2));
    const auto r = fitThroughWindow(w);
    QVERIFY2(r.converged(), r.message.c_str());
    bool local = false;
    for (const auto& e : r.parameters) local = local || e.experiment == "populations_2";
    QVERIFY(local);  // estimates say which experiment they belong to
  }

  // An edited ODE project saves and opens again unchanged (experiments,
  // local parameters, the fit).
  void savedOdeProjectOpensAgain() {
    QTemporaryDir dir;
    for (const char* f : {"pharmacokinetics.hfproj", "dose100.csv", "dose200.csv", "dose400.csv"})
      QVERIFY(QFile::copy(QStringLiteral(HF_SOURCE_DIR "/projects/pharmacokinetics/") + f, dir.filePath(f)));
    app::MainWindow w;
    QCOMPARE(w.openPath(dir.filePath("pharmacokinetics.hfproj")), QString());
    w.document()->setParameterLocal(QStringLiteral("V1"), true);
    QSignalSpy ended(&w, &app::MainWindow::fitEnded);
    QVERIFY(w.startFit());
    QTRY_VERIFY_WITH_TIMEOUT(!ended.isEmpty(), 120000);
    QCOMPARE(w.saveTo(dir.filePath("edited.hfproj")), QString());
    app::MainWindow again;
    QCOMPARE(again.openPath(dir.filePath("edited.hfproj")), QString());
    const project::Project& p = again.document()->project();
    QCOMPARE(p.model.ode.experiments.size(), std::size_t(3));
    QVERIFY(hasParameter(p, "V1[200 mg]"));
    QVERIFY(p.lastResult.has_value());
    QCOMPARE(p.lastResult->parameters.size(), w.document()->project().lastResult->parameters.size());
    QVERIFY(again.chartView()->hasSeries("C: fitted model"));
  }

  // The import dialog offers an ODE model when the x column is time.
  void importOffersAnOdeModelForTimeSeries() {
    QTemporaryDir dir;
    const QString timeCsv = dir.filePath("series.csv"), xCsv = dir.filePath("xy.csv");
    for (const auto& [path, header] : {std::pair{timeCsv, "t,A,B"}, std::pair{xCsv, "x,A,B"}}) {
      QFile f(path);
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write(QByteArray(header) + "\n0,1,0\n1,0.5,0.4\n2,0.25,0.5\n");
    }
    app::ImportDialog timeDialog(timeCsv);
    QVERIFY(timeDialog.createOdeModel());
    app::ImportDialog xDialog(xCsv);
    QVERIFY(!xDialog.createOdeModel());
  }

  void importedTimeSeriesBecomesAnOdeModel() {
    app::MainWindow w;
    data::Dataset d;
    d.name = "series";
    d.columns = {{"t", "t", "s", {0, 1, 2, 3}}, {"A", "A", "mM", {1, 0.6, 0.37, 0.22}}};
    w.importDataset(d, QStringLiteral("A"), QString());
    w.document()->createOdeFromColumns(QStringLiteral("t"));
    const project::Project& p = w.document()->project();
    QVERIFY(p.model.isOde());
    QCOMPARE(p.model.ode.spec.equations.states, std::vector<std::string>{"A"});
    QVERIFY(w.odeEditor()->isValid());
    QVERIFY(hasParameter(p, "k_A") && hasParameter(p, "A_0"));
    const auto r = fitThroughWindow(w);
    QVERIFY2(r.converged(), r.message.c_str());
  }

  // The ODE library from the workbench: A -> B -> C on data of its
  // closed form; the fit returns the rate constants.
  void libraryOdeModelOnImportedData() {
    app::MainWindow w;
    QVERIFY(w.libraryBrowser()->select(QStringLiteral("ode_reaction_chain")));
    data::Dataset d;
    d.name = "chain";
    std::vector<double> t, a, b, c;
    for (int i = 0; i <= 20; ++i) {
      t.push_back(0.5 * i);
      a.push_back(std::exp(-0.8 * t.back()));
      b.push_back(0.8 / (0.3 - 0.8) * (std::exp(-0.8 * t.back()) - std::exp(-0.3 * t.back())));
      c.push_back(1 - a.back() - b.back());
    }
    d.columns = {{"t", "t", "s", t}, {"A", "A", "mol/L", a}, {"B", "B", "mol/L", b}, {"C", "C", "mol/L", c}};
    w.importDataset(d, QStringLiteral("A"), QString());
    w.document()->applyOdeEquation(QStringLiteral("ode_reaction_chain"));
    QVERIFY(w.document()->project().model.isOde());
    QVERIFY2(w.odeEditor()->isValid(), qPrintable(w.odeEditor()->statusLabel()->text()));
    QCOMPARE(w.document()->project().model.ode.spec.observables.size(), std::size_t(3));
    const auto r = fitThroughWindow(w);
    QVERIFY2(r.converged(), r.message.c_str());
    for (const auto& e : r.parameters) {
      if (e.name == "k1") QVERIFY(std::fabs(e.value - 0.8) < 1e-6);
      if (e.name == "k2") QVERIFY(std::fabs(e.value - 0.3) < 1e-6);
      if (e.name == "A0") QVERIFY(std::fabs(e.value - 1.0) < 1e-6);
    }
  }

  // A known input declared in the editor: dA/dt = k*u - c*A with u a
  // column held piecewise constant (a staircase). The data are the closed
  // form, so the fit returns k and c; a bad declaration is named and the
  // model is not valid until it is mended.
  void inputDeclaredInTheEditor() {
    app::MainWindow w;
    const double k = 0.9, c = 0.6;
    data::Dataset d;
    d.name = "forced";
    std::vector<double> t, u, a;
    double level = 0, start = 0, from = 0;  // A at the last jump, and its time
    for (int i = 0; i <= 24; ++i) {
      const double ti = 0.25 * i, ui = ti < 2 ? 1.0 : ti < 4 ? 3.0 : 0.5;
      if (i > 0 && ui != u.back()) {  // a jump: the piece so far ends here
        start = k * u.back() / c + (start - k * u.back() / c) * std::exp(-c * (ti - from));
        from = ti;
      }
      level = k * ui / c + (start - k * ui / c) * std::exp(-c * (ti - from));
      t.push_back(ti);
      u.push_back(ui);
      a.push_back(level);
    }
    d.columns = {{"t", "t", "s", t}, {"A", "A", "mM", a}, {"u", "u", "mM/s", u}};
    w.importDataset(d, QStringLiteral("A"), QString());
    w.document()->createOdeFromColumns(QStringLiteral("t"));
    app::OdeEditor* ed = w.odeEditor();
    ed->observeEdit()->setText(QStringLiteral("A = A"));
    ed->initialEdit()->setText(QStringLiteral("A = 0"));
    ed->sigmaEdit()->clear();
    ed->inputsEdit()->setText(QStringLiteral("u: hold"));
    ed->equationsEdit()->setPlainText(QStringLiteral("dA/dt = k*u - c*A"));  // one edit reads every field
    QVERIFY2(ed->isValid(), qPrintable(ed->statusLabel()->text()));
    const project::Project& p = w.document()->project();
    QCOMPARE(p.model.ode.spec.equations.inputs, std::vector<std::string>{"u"});
    QCOMPARE(p.model.ode.inputInterpolation, std::vector<ode::Interpolation>{ode::Interpolation::Hold});
    QVERIFY(hasParameter(p, "k") && hasParameter(p, "c") && !hasParameter(p, "u"));
    const auto r = fitThroughWindow(w);
    QVERIFY2(r.converged(), r.message.c_str());
    for (const auto& e : r.parameters) {
      if (e.name == "k") QVERIFY2(std::fabs(e.value - k) < 1e-6, qPrintable(QString::number(e.value, 'g', 12)));
      if (e.name == "c") QVERIFY2(std::fabs(e.value - c) < 1e-6, qPrintable(QString::number(e.value, 'g', 12)));
    }
    // A bad interpolation is named; mended, the model is valid again.
    QLineEdit* inputs = ed->inputsEdit();
    inputs->setFocus();
    inputs->end(false);
    QTest::keyClicks(inputs, QStringLiteral("x"));
    QVERIFY(!ed->isValid());
    QVERIFY2(ed->statusLabel()->text().contains("Inputs") && ed->statusLabel()->text().contains("holdx"),
             qPrintable(ed->statusLabel()->text()));
    QTest::keyClick(inputs, Qt::Key_Backspace);
    QVERIFY2(ed->isValid(), qPrintable(ed->statusLabel()->text()));
  }

  // Image test of the time plot: rendered, not blank, both observables'
  // colours present (data markers and model lines), mostly white background.
  void timePlotRenders() {
    app::MainWindow w;
    w.resize(1100, 700);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QCOMPARE(w.openPath(kPredatorPrey), QString());
    w.chartView()->setFixedSize(800, 380);
    QImage img, previous;
    for (int i = 0; i < 40; ++i) {
      QTest::qWait(100);
      img = w.chartView()->view()->grabFramebuffer().convertToFormat(QImage::Format_RGB32);
      if (!previous.isNull() && img == previous) break;
      previous = img;
    }
    QVERIFY(test::isNonBlank(img));
    const int blue = test::countNear(img, QColor(31, 119, 180), 40);
    const int red = test::countNear(img, QColor(214, 39, 40), 40);
    const int white = test::countNear(img, Qt::white, 10);
    qInfo("blue %d, red %d, white %d of %d pixels", blue, red, white, img.width() * img.height());
    QVERIFY(blue > 500);
    QVERIFY(red > 500);
    QVERIFY(white > img.width() * img.height() / 2);
    img.save(QDir::current().filePath(QStringLiteral("ode-time-plot.png")));
  }
};

int main(int argc, char* argv[]) {
  hf::widgets::VtkView::setDefaultSurfaceFormat();
  QStandardPaths::setTestModeEnabled(true);
  QApplication app(argc, argv);
  OdeWorkbenchTest test;
  return QTest::qExec(&test, argc, argv);
}

#include "OdeWorkbenchTest.moc"
