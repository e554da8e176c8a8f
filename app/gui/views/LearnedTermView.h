#pragma once
// The learned term against its inputs (issue 12): for the chosen output of
// a learned component, a curve over one input or a surface over two, with
// its values at the data's inputs as points. Shows the last fit's weights
// (or the starting ones before a fit). A reference expression in the
// inputs' names (e.g. the true missing term, -0.9*x*y) is drawn beside it:
// a second curve, or its values at the data as the surface's points.
// A network N(t) standing for an ODE's solution (a physics-informed
// network: equation penalties with diff(N(t)[k], t)) is drawn beside that
// ODE solved from N(t0) at the same parameters (project/StatedOde.h).

#include "project/Project.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QStackedWidget;

namespace hf::widgets {
class ChartView;
class SurfaceView;
}  // namespace hf::widgets

namespace hf::app {

class LearnedTermView : public QWidget {
  Q_OBJECT
 public:
  explicit LearnedTermView(QWidget* parent = nullptr);
  /// Redraws for `project`; false when its model has no learned component.
  bool showProject(const project::Project& project);
  QString currentOutput() const;
  /// The reference expression ("" for none); redraws.
  void setReference(const QString& expression);
  widgets::ChartView* chart() const { return m_chart; }
  widgets::SurfaceView* surface() const { return m_surface; }

 private:
  void redraw();
  void drawStatedOde(const std::string& component, int output, const std::vector<double>& times);

  QComboBox* m_output;
  QLabel* m_note;
  QLineEdit* m_reference;
  QStackedWidget* m_stack;
  widgets::ChartView* m_chart;
  widgets::SurfaceView* m_surface;
  project::Project m_project;
};

}  // namespace hf::app
