#pragma once
// The workbench's main window: the data-and-model chart in the centre, dock
// panels for the model, the parameters, the fit and its log, and the menus.
// It wires widgets to the ProjectDocument (edits, undo) and to the
// FitController (fits on a worker thread); it computes nothing itself.
//
// Thread: GUI thread only.

#include "data/Dataset.h"
#include "fit/FitSummary.h"
#include "project/Project.h"

#include <QMainWindow>
#include <QString>

#include <functional>
#include <span>

class QPlainTextEdit;
class QTableView;
class QAction;
class QTabWidget;
class QMenu;

namespace hf::widgets {
class ChartView;
class SurfaceView;
}  // namespace hf::widgets

namespace hf::app {

class FitController;
class DatasetTableModel;
class FitPanel;
class LibraryBrowser;
class ModelEditor;
class OdeEditor;
class ParameterTableModel;
class ProjectTree;
class ExportActions;
class ProjectDocument;
class ResultViews;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  // Shows a measured series as markers, replacing the previous one. Axis
  // titles carry units, e.g. "time t [s]". x and y have equal lengths.
  void showSeries(std::span<const double> x, std::span<const double> y, const QString& xTitle, const QString& yTitle,
                  const QString& name);
  // Shows a model curve as a line, replacing the previous one.
  void showCurve(std::span<const double> x, std::span<const double> y, const QString& name);
  // The built-in example shown before anything is opened.
  void showDemo();

  // Emits openRequested() with the absolute path and says so in the status bar.
  void requestOpen(const QString& path);
  // Opens a project (.hfproj) or imports a data file (CSV/TSV/text). On
  // failure the window keeps what it had, the status bar says why and the
  // error is returned (empty on success).
  QString openPath(const QString& path);
  // Saves the project to `path` (or its own file when empty); returns the error.
  QString saveTo(const QString& path = QString());
  // Replaces the data by `dataset`, fitting `yColumn` (weighted by
  // `sigmaColumn` when not empty). Not undoable (data are not in undo).
  void importDataset(const data::Dataset& dataset, const QString& yColumn, const QString& sigmaColumn);
  // ODE projects: adds a dataset as one more experiment (File > Add
  // experiment data). Returns the error, empty on success.
  QString addExperimentData(const data::Dataset& dataset, const QString& timeColumn);

  // Starts a fit of the current project; false when one is running or the
  // model is invalid. The result is accepted (undoably) when it arrives.
  bool startFit();
  void cancelFit();
  bool isFitting() const;

  // Help > About's text: the versions of HybridFit, Qt, VTK and Ceres.
  QString aboutText() const;

  // Renders the whole window into a PNG file; false when it cannot be written.
  bool saveScreenshot(const QString& file);

  hf::widgets::ChartView* chartView() const;
  hf::widgets::SurfaceView* surfaceView() const;
  hf::widgets::ChartView* residualChart() const;
  hf::widgets::ChartView* histogramChart() const;
  hf::widgets::ChartView* observedPredictedChart() const;
  hf::widgets::ChartView* costChart() const;
  ResultViews* views() const { return m_views; }
  QAction* undoAction() const { return m_undoAction; }
  ProjectDocument* document() const { return m_doc; }
  FitPanel* fitPanel() const { return m_fitPanel; }
  ModelEditor* modelEditor() const { return m_modelEditor; }
  OdeEditor* odeEditor() const { return m_odeEditor; }
  /// The model of the project's kind builds against the data.
  bool modelIsValid() const;
  /// Opens the learned components and penalties dialog (modal); its
  /// changes become one undoable edit. Not while a fit runs.
  void editLearnedTerms();
  /// Opens the candidate comparison (modal) with the open project first.
  void compareCandidates();
  QAction* learnedTermsAction() const { return m_learnedAction; }
  LibraryBrowser* libraryBrowser() const { return m_library; }
  ProjectTree* projectTree() const { return m_tree; }
  ParameterTableModel* parameterModel() const { return m_paramModel; }
  QTableView* parameterView() const { return m_paramView; }
  QPlainTextEdit* log() const { return m_log; }
  FitController* fitController() const { return m_fit; }

 signals:
  void openRequested(const QString& path);
  /// A fit ended and its result is in the document (or it failed).
  void fitEnded(const hf::fit::FitSummary& summary);

 protected:
  void closeEvent(QCloseEvent* event) override;
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  void createDocks();
  void createMenus();
  void openFile();
  // Opens a project, or shows the import preview for a data file.
  void openInteractively(const QString& path);
  void saveAs();
  void addExperimentInteractively();
  void newProject();
  bool confirmDiscard();
  // True (and says so in the status bar) while a fit runs: the project must
  // not be replaced under it.
  bool refuseWhileFitting();
  void showAbout();
  void updateTitle();
  void updateUndoActions();
  void updateRecentMenu();
  void onFitFinished(const hf::fit::FitSummary& summary);
  // Shows and raises the dock with this object name.
  void raiseDock(const QString& name);
  void setFitting(bool fitting);

 public:
  /// Where Save As proposes to save (next to the data for an untitled import).
  QString suggestedProjectPath() const;
  /// Status text after opening a project file.
  static QString openedMessage(const QString& fileName, const project::Project& p);
  /// Open Recent entry: file name and folder.
  static QString recentLabel(const QString& path, const QStringList& all);

 private:
  /// Shows the project's last result (or nothing) in the Fit panel.
  void showFitStatus();
  static QString plainOutcome(const fit::FitSummary& summary);
  static QString fitMessage(const fit::FitSummary& summary);

  ResultViews* m_views = nullptr;
  ProjectDocument* m_doc = nullptr;
  FitController* m_fit = nullptr;
  ExportActions* m_exports = nullptr;
  FitPanel* m_fitPanel = nullptr;
  LibraryBrowser* m_library = nullptr;
  ProjectTree* m_tree = nullptr;
  ModelEditor* m_modelEditor = nullptr;
  OdeEditor* m_odeEditor = nullptr;
  ParameterTableModel* m_paramModel = nullptr;
  QTableView* m_paramView = nullptr;
  QPlainTextEdit* m_log = nullptr;
  DatasetTableModel* m_dataModel = nullptr;
  QAction* m_fitAction = nullptr;
  QAction* m_learnedAction = nullptr;
  QAction* m_compareAction = nullptr;
  QAction* m_newAction = nullptr;
  QAction* m_openAction = nullptr;
  QAction* m_undoAction = nullptr;
  QAction* m_redoAction = nullptr;
  QMenu* m_recentMenu = nullptr;
  QAction* m_cancelAction = nullptr;
};

}  // namespace hf::app
