#pragma once
// Shared by the plot tests: sample data and waiting for a chart to show its
// series. Header-only.

#include "ImageChecks.h"
#include "plot/ChartView.h"
#include "vtk/VtkView.h"

#include <QElapsedTimer>
#include <QImage>
#include <QTest>

#include <cmath>
#include <vector>

namespace hf::test {

// Enough pixels in a colour to be a drawn series rather than stray
// anti-aliasing: 20 markers of 9 px, or a 2.5 px wide line across the plot.
constexpr int kMinSeriesPixels = 150;
// Anti-aliasing and blending move colours a little; series colours are far
// apart from each other and from the grey axes and white background.
constexpr int kColourTolerance = 40;

struct Samples {
  std::vector<double> x, y;
};

// y = 0.5 x^2 + 1 at x = 0, step, 2 step, ...
inline Samples parabola(int n, double step) {
  Samples s;
  for (int i = 0; i < n; ++i) {
    const double x = step * i;
    s.x.push_back(x);
    s.y.push_back(0.5 * x * x + 1.0);
  }
  return s;
}

// Deterministic, roughly normal noise (sum of four sines), amplitude ~scale.
inline std::vector<double> noise(int n, double scale) {
  std::vector<double> r;
  for (int i = 0; i < n; ++i)
    r.push_back(scale * 0.5 *
                (std::sin(1.3 * i) + std::sin(2.9 * i + 1.0) + std::sin(7.7 * i + 2.0) + std::sin(13.1 * i + 3.0)));
  return r;
}

// Shows the chart at a fixed size and waits until its view shows `colour`;
// returns the last frame grabbed.
inline QImage showAndGrab(widgets::ChartView& chart, QColor colour, int minPixels = kMinSeriesPixels) {
  chart.resize(640, 420);
  chart.show();
  if (!QTest::qWaitForWindowExposed(&chart)) return {};
  QImage img;
  QElapsedTimer clock;
  clock.start();
  do {
    img = chart.view()->grabFramebuffer();
    if (countNear(img, colour, kColourTolerance) > minPixels) break;
    QTest::qWait(50);
  } while (clock.elapsed() < 10000);
  return img;
}

}  // namespace hf::test
