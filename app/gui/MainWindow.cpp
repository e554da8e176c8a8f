#include "MainWindow.h"

#include "plot/ChartView.h"

#include "common/Error.h"
#include "data/DelimitedReader.h"
#include "model/AlgebraicModel.h"
#include "project/ProjectFile.h"

#include <QAction>
#include <QApplication>
#include <QFileDialog>
#include <QFileInfo>
#include <QKeySequence>
#include <QMenuBar>
#include <QMessageBox>
#include <QPixmap>
#include <QStatusBar>
#include <QtGlobal>

#include <vtkVersion.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

namespace hf::app {

namespace {

// Newton's law of cooling, T(t) = Ta + (T0 - Ta) exp(-t / tau).
constexpr double kAmbient = 293.15;  // K
constexpr double kStart = 373.15;    // K
constexpr double kTau = 140.0;       // s

double cooling(double t) { return kAmbient + (kStart - kAmbient) * std::exp(-t / kTau); }

}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent), m_chart(new widgets::ChartView(this)) {
  setWindowTitle(QStringLiteral("HybridFit"));
  setCentralWidget(m_chart);
  createMenus();
  statusBar()->showMessage(tr("Ready"));
  resize(1100, 700);
}

MainWindow::~MainWindow() = default;

void MainWindow::createMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  QAction* open = file->addAction(tr("&Open…"), this, &MainWindow::openFile);
  open->setShortcut(QKeySequence::Open);
  open->setStatusTip(tr("Open a data file"));
  file->addSeparator();
  QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
  quit->setShortcut(QKeySequence::Quit);
  quit->setStatusTip(tr("Quit HybridFit"));

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  QAction* about = help->addAction(tr("&About HybridFit"), this, &MainWindow::showAbout);
  about->setStatusTip(tr("Versions of HybridFit, Qt and VTK"));
}

void MainWindow::showSeries(std::span<const double> x, std::span<const double> y, const QString& xTitle,
                            const QString& yTitle, const QString& name) {
  m_chart->setData(x, y, xTitle, yTitle, name);
  statusBar()->showMessage(tr("%1: %n point(s)", nullptr, static_cast<int>(x.size())).arg(name));
}

void MainWindow::showCurve(std::span<const double> x, std::span<const double> y, const QString& name) {
  m_chart->setCurve(x, y, name);
}

void MainWindow::showDemo() {
  // Deterministic "measurement noise" (±0.8 K) so the demo looks the same
  // on every run and in screenshots.
  constexpr std::array<double, 20> noise = {0.6,  -0.4, 0.8, -0.7, 0.2, 0.5, -0.8, 0.3,  -0.2, 0.7,
                                            -0.5, 0.1,  0.4, -0.6, 0.0, 0.6, -0.3, -0.7, 0.5,  -0.1};
  std::vector<double> t, temp;
  for (std::size_t i = 0; i < noise.size(); ++i) {
    t.push_back(30.0 * static_cast<double>(i));
    temp.push_back(cooling(t.back()) + noise[i]);
  }
  std::vector<double> tc, tempc;
  for (int i = 0; i <= 200; ++i) {
    tc.push_back(570.0 * i / 200.0);
    tempc.push_back(cooling(tc.back()));
  }
  showCurve(tc, tempc, tr("model: Newton cooling"));
  showSeries(t, temp, tr("time t [s]"), tr("temperature T [K]"), tr("thermocouple"));
  statusBar()->showMessage(tr("Demo data: cooling of a thermocouple (20 points)"));
}

bool MainWindow::saveScreenshot(const QString& file) {
  const QPixmap pixmap = window()->grab();
  return !pixmap.isNull() && pixmap.save(file, "PNG");
}

void MainWindow::openFile() {
  const QString path =
      QFileDialog::getOpenFileName(this, tr("Open project or data"), QString(),
                                   tr("Projects and data (*.hfproj *.csv *.tsv *.txt *.dat);;All files (*)"));
  if (path.isEmpty()) return;
  requestOpen(path);
  if (const QString error = openPath(path); !error.isEmpty())
    QMessageBox::warning(this, tr("Could not open %1").arg(QFileInfo(path).fileName()), error);
}

namespace {
QString axisTitle(const data::Column& c) {
  const QString label = QString::fromStdString(c.label.empty() ? c.name : c.label);
  return c.unit.empty() ? label : QStringLiteral("%1 [%2]").arg(label, QString::fromStdString(c.unit));
}
}  // namespace

QString MainWindow::openPath(const QString& path) {
  const QString name = QFileInfo(path).fileName();
  try {
    if (path.endsWith(QStringLiteral(".hfproj"), Qt::CaseInsensitive)) {
      const project::Project p = project::loadProject(path.toStdString());
      const data::Dataset& d = p.modelDataset();
      const model::AlgebraicModel m(d, p.model.spec);
      if (m.variables().size() != 1)
        throw Error("this view shows models of one input variable; the model uses " +
                    std::to_string(m.variables().size()));
      const data::Column& xc = d.columns[static_cast<std::size_t>(d.findColumn(m.variables().front()))];
      const int yi = d.findColumn(p.model.spec.response);
      const QString yTitle =
          yi >= 0 ? axisTitle(d.columns[static_cast<std::size_t>(yi)]) : QString::fromStdString(p.model.spec.response);
      std::vector<double> x, y;
      for (std::size_t i = 0; i < m.rows().size(); ++i) {
        x.push_back(m.inputs(i)[0]);
        y.push_back(m.observed()[i]);
      }
      // The curve uses the last fitted values when present, else the starts.
      std::vector<double> params;
      for (const fit::ParameterSetting& s : p.parameters) params.push_back(s.start);
      QString curveName = tr("model at start values");
      if (p.lastResult && p.lastResult->parameters.size() == params.size()) {
        for (std::size_t i = 0; i < params.size(); ++i) params[i] = p.lastResult->parameters[i].value;
        curveName = tr("fitted model");
      }
      const auto [lo, hi] = std::minmax_element(x.begin(), x.end());
      std::vector<double> cx, cy;
      for (int i = 0; i <= 300; ++i) {
        const double xv = *lo + (*hi - *lo) * i / 300.0;
        const double v = m.formula().evaluate(std::span<const double>(&xv, 1), params);
        if (std::isfinite(v)) {
          cx.push_back(xv);
          cy.push_back(v);
        }
      }
      showCurve(cx, cy, curveName);
      showSeries(x, y, axisTitle(xc), yTitle, QString::fromStdString(d.name));
      setWindowTitle(QStringLiteral("%1 — HybridFit").arg(name));
      statusBar()->showMessage(tr("%1: %2, %3 points, model %4")
                                   .arg(name, QString::fromStdString(p.name))
                                   .arg(x.size())
                                   .arg(QString::fromStdString(p.model.spec.formula)));
    } else {
      const data::Dataset d = data::readDelimitedFile(path.toStdString());
      if (d.columnCount() < 2) throw Error("the file has one column; plotting needs two");
      showCurve({}, {}, QString());
      showSeries(d.columns[0].values, d.columns[1].values, axisTitle(d.columns[0]), axisTitle(d.columns[1]),
                 QString::fromStdString(d.name));
      setWindowTitle(QStringLiteral("%1 — HybridFit").arg(name));
    }
    return {};
  } catch (const Error& e) {
    const QString message = QString::fromStdString(e.what());
    statusBar()->showMessage(tr("Could not open %1: %2").arg(name, message));
    return message;
  }
}

void MainWindow::requestOpen(const QString& path) {
  statusBar()->showMessage(tr("Opening %1").arg(QFileInfo(path).fileName()));
  emit openRequested(QFileInfo(path).absoluteFilePath());
}

void MainWindow::showAbout() {
  QMessageBox::about(this, tr("About HybridFit"),
                     tr("<h3>HybridFit %1</h3>"
                        "<p>Theory-guided modeling workbench.</p>"
                        "<p>Qt %2 (built with %3)<br>VTK %4</p>")
                         .arg(QStringLiteral(HF_VERSION), QString::fromLatin1(qVersion()),
                              QStringLiteral(QT_VERSION_STR), QString::fromLatin1(vtkVersion::GetVTKVersion())));
}

}  // namespace hf::app
