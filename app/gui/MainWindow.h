#pragma once

#include <QMainWindow>
#include <QString>

#include <span>

namespace hf::widgets {
class ChartView;
}

namespace hf::app {

// The workbench's main window: menus, status bar and, for now, one chart as
// the central widget. It does not load or fit anything itself; app code
// connects openRequested() to the core library.
//
// Thread: GUI thread only.
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

  // Fills the chart with the built-in example (Newton cooling of a
  // thermocouple: 20 noisy samples and the exact curve), so the window is
  // never empty.
  void showDemo();

  // Asks for `path` to be opened: emits openRequested() with the absolute
  // path and says so in the status bar. Used by File > Open… and main().
  void requestOpen(const QString& path);

  // Opens a project (.hfproj) or a data file (CSV/TSV/text) and shows its
  // data with the model curve (at the last fitted values, or the starts).
  // On failure the window keeps what it showed, the status bar says why and
  // the error is returned (empty on success).
  QString openPath(const QString& path);

  // Renders the whole window into a PNG file; returns false when the file
  // cannot be written.
  bool saveScreenshot(const QString& file);

  hf::widgets::ChartView* chartView() const { return m_chart; }

 signals:
  // The user picked a data file in File > Open…; the path is absolute.
  void openRequested(const QString& path);

 private:
  void createMenus();
  void openFile();
  void showAbout();

  hf::widgets::ChartView* m_chart = nullptr;  // central widget, owned by Qt
};

}  // namespace hf::app
