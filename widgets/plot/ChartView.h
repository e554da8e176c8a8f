#pragma once

#include <QColor>
#include <QSize>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <functional>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include <vtkNew.h>
#include <vtkSmartPointer.h>

class vtkChartXY;
class vtkContextView;
class vtkRenderWindow;
class vtkTable;
class vtkTextProperty;

namespace hf::widgets {

class VtkView;

// A 2D XY chart (VTK's vtkChartXY inside a VtkView) showing any number of
// named series -- markers, lines or bars, each in its own colour -- with
// axis titles, a legend, an optional chart title and an optional log-scale
// y axis. Text uses DejaVu Sans when it is installed so that unit brackets
// such as "[K]" render as brackets.
//
// Interaction (vtkChartXY's): the wheel zooms around the pointer, dragging
// with the left button pans, the middle button drags a zoom box.
// resetView() goes back to the data's extent. Every data change resets the
// view.
//
// The standard result views (data + model, residuals, residual histogram,
// observed vs predicted, cost history) are free functions that fill a
// ChartView; see the other headers in this folder. Export: PlotExport.h.
//
// Ownership: owns its VtkView (child widget) and the VTK chart objects.
// Thread: GUI thread only. Data are copied; the spans need not outlive the
// call.
class ChartView : public QWidget {
  Q_OBJECT
 public:
  enum class SeriesKind {
    Points,  // one marker per (x, y)
    Line,    // a polyline through the points in the given order; NaN breaks it
    Bars,    // vertical bars from y = 0, centred on x; width = spacing of the
             // first two x values (equal spacing expected)
  };

  // How a series is drawn. Sizes are in logical pixels; they follow the
  // screen's device pixel ratio and the export scale.
  struct SeriesStyle {
    SeriesKind kind = SeriesKind::Points;
    QColor colour = pointsColor();  // markers, line, or bar fill (opaque)
    float size = 0.0f;              // marker diameter or line width; 0 = default (9 px markers, 2.5 px lines)
    bool markers = false;           // Line only: also draw a marker at each point
    bool inLegend = true;           // listed in the legend under the series name
    bool affectsXRange = true;      // resetView() fits the x axis to this series;
                                    // false for reference lines such as y = 0
    bool affectsYRange = true;      // the same for the y axis
  };

  explicit ChartView(QWidget* parent = nullptr);
  ~ChartView() override;

  // --- Series ---------------------------------------------------------------

  // Adds the series called `name` (also its legend text), or replaces the
  // one of that name in place. Drawing order: bars, then lines, then
  // markers, each in the order first added. x and y must have the same
  // length; extra values in the longer one are ignored. Resets the view.
  void setSeries(const QString& name, std::span<const double> x, std::span<const double> y, const SeriesStyle& style);

  // Removes a series; false when there is none of that name. Resets the view.
  bool removeSeries(const QString& name);

  // Names in the order added.
  QStringList seriesNames() const;
  bool hasSeries(const QString& name) const;

  // Removes all series (axis titles, chart title and log scale stay).
  void clear();

  // The measured series (markers in pointsColor()) and axis titles, which
  // should carry units, e.g. "temperature T [K]". Replaces the series set
  // by the previous setData() call.
  void setData(std::span<const double> x, std::span<const double> y, const QString& xTitle, const QString& yTitle,
               const QString& seriesName);

  // A line series in curveColor() (e.g. a fitted model evaluated on a fine
  // grid). Replaces the series set by the previous setCurve() call.
  void setCurve(std::span<const double> x, std::span<const double> y, const QString& name);

  // --- Axes, title, legend --------------------------------------------------

  // Axis titles with units, e.g. "time t [s]"; see axisTitle().
  void setAxisTitles(const QString& xTitle, const QString& yTitle);
  QString xTitle() const;
  QString yTitle() const;

  // A title above the plot area; empty (the default) for none.
  void setTitle(const QString& title);
  QString title() const;

  // The legend lists the series with inLegend set; it is hidden when there
  // is none. On by default. The user may drag it elsewhere.
  void setLegendVisible(bool visible);
  bool legendVisible() const { return m_legendVisible; }

  // The corner of the plot area that holds the legend. Auto (the default)
  // picks, at every resetView(), the corner whose legend-sized box covers
  // the fewest markers and line segments (ties: top right, top left,
  // bottom right, bottom left).
  enum class LegendCorner { Auto, TopRight, TopLeft, BottomRight, BottomLeft };
  void setLegendCorner(LegendCorner corner);
  LegendCorner legendCorner() const { return m_legendCorner; }
  // The corner in use (never Auto).
  LegendCorner legendCornerInUse() const { return m_legendCornerInUse; }

  // Log10 y axis (for cost histories). Values <= 0 cannot be shown on it
  // and are left out of the range; without any positive value the axis
  // stays linear. Resets the view.
  void setLogScaleY(bool on);
  bool logScaleY() const { return m_logY; }

  // Both axes get the same range, the union of the data's x and y extents
  // (observed vs predicted). Resets the view.
  void setEqualAxisRanges(bool on);
  bool equalAxisRanges() const { return m_equalRanges; }

  // --- View -----------------------------------------------------------------

  // Fits each axis to the series with affectsXRange / affectsYRange set, plus a margin of
  // viewMargin() of the extent on each side (in decades on a log axis) so
  // that markers at the edges are not clipped; bars also include y = 0 and
  // their half width. A single value gets a range around it.
  void resetView();
  static constexpr double viewMargin() { return 0.05; }

  // The visible axis ranges in data units (not log10 on a log axis).
  std::pair<double, double> xRange() const;
  std::pair<double, double> yRange() const;

  // "name [unit]", or just the name when unit is empty.
  static QString axisTitle(const QString& name, const QString& unit);

  VtkView* view() const { return m_view; }
  vtkChartXY* chart() const;

  // Colours of the standard series, for legends elsewhere and for tests.
  static QColor pointsColor() { return {31, 119, 180}; }   // measured data
  static QColor curveColor() { return {214, 39, 40}; }     // model curves
  static QColor referenceColor() { return {90, 90, 90}; }  // y = 0, y = x
  static QColor barColor() { return {44, 160, 44}; }       // histogram bars

  // The font file used for all chart text, or an empty string when DejaVu
  // Sans is not installed (VTK's built-in Arial is used then).
  static QString fontFile();

  // --- For exporters --------------------------------------------------------

  // Renders the chart at `size` device pixels with text, line widths and
  // marker sizes scaled by `pixelRatio` (e.g. 2 for a figure that looks
  // like the on-screen one at twice the resolution), calls `capture` with
  // the render window while that setup is in place (it may render again),
  // then restores the on-screen rendering. Returns an error message, empty
  // on success. The view must have been shown once (its OpenGL context must
  // exist); it need not be visible now.
  QString renderForExport(QSize size, double pixelRatio, const std::function<void(vtkRenderWindow*)>& capture);

 private:
  struct Series {
    QString name;
    SeriesStyle style;
    vtkSmartPointer<vtkTable> table;
  };

  Series* find(const QString& name);
  void rebuildPlots();
  void applyPixelSizes(double ratio);
  void onDevicePixelRatioChanged(double ratio);
  void styleText(vtkTextProperty* prop, int size) const;
  void updateLegendVisibility();
  void placeLegend();

  VtkView* m_view = nullptr;  // child widget, owned by Qt's parent
  vtkNew<vtkContextView> m_contextView;
  vtkNew<vtkChartXY> m_chart;
  std::vector<Series> m_series;        // in the order added
  std::optional<QString> m_dataName;   // series set by setData()
  std::optional<QString> m_curveName;  // series set by setCurve()
  bool m_legendVisible = true;
  LegendCorner m_legendCorner = LegendCorner::Auto;
  LegendCorner m_legendCornerInUse = LegendCorner::TopRight;
  bool m_logY = false;
  bool m_equalRanges = false;
};

}  // namespace hf::widgets
