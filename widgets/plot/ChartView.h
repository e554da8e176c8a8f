#pragma once

#include <QColor>
#include <QString>
#include <QWidget>

#include <span>

#include <vtkNew.h>
#include <vtkSmartPointer.h>

class vtkChartXY;
class vtkContextView;
class vtkTable;
class vtkTextProperty;

namespace hf::widgets {

class VtkView;

// A 2D XY chart (VTK's vtkChartXY inside a VtkView): one measured series
// drawn as points and, optionally, one model curve drawn as a line, with
// axis titles and a legend. Text uses DejaVu Sans when it is installed so
// that unit brackets such as "[K]" render as brackets.
//
// Ownership: owns its VtkView (child widget) and the VTK chart objects.
// Thread: GUI thread only. Data are copied; the spans need not outlive the
// call.
class ChartView : public QWidget {
  Q_OBJECT
 public:
  explicit ChartView(QWidget* parent = nullptr);
  ~ChartView() override;

  // Replaces the measured series (markers) and sets the axis titles, which
  // should carry units, e.g. "temperature T [K]". x and y must have the
  // same length; extra values in the longer one are ignored.
  void setData(std::span<const double> x, std::span<const double> y, const QString& xTitle, const QString& yTitle,
               const QString& seriesName);

  // Replaces the line series (e.g. a fitted model evaluated on a fine grid).
  void setCurve(std::span<const double> x, std::span<const double> y, const QString& name);

  // Removes both series (axis titles stay).
  void clear();

  VtkView* view() const { return m_view; }
  vtkChartXY* chart() const;

  // Colours of the two series, for legends elsewhere and for tests.
  static QColor pointsColor() { return {31, 119, 180}; }
  static QColor curveColor() { return {214, 39, 40}; }

  // The font file used for all chart text, or an empty string when DejaVu
  // Sans is not installed (VTK's built-in Arial is used then).
  static QString fontFile();

 private:
  void rebuildPlots();
  void applyPixelSizes();
  void styleText(vtkTextProperty* prop, int size) const;

  VtkView* m_view = nullptr;  // child widget, owned by Qt's parent
  vtkNew<vtkContextView> m_contextView;
  vtkNew<vtkChartXY> m_chart;
  vtkSmartPointer<vtkTable> m_points;  // null when not set
  vtkSmartPointer<vtkTable> m_curve;   // null when not set
  QString m_pointsName;
  QString m_curveName;
};

}  // namespace hf::widgets
