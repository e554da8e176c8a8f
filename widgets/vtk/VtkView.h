#pragma once

#include <QMetaObject>
#include <QOpenGLWidget>
#include <QSize>

#include <functional>
#include <map>

#include <vtkNew.h>

class QOpenGLContext;
class QSurface;
class QTimer;
class vtkGenericOpenGLRenderWindow;
class vtkGenericRenderWindowInteractor;
class vtkObject;
class vtkRenderWindow;
class vtkRenderWindowInteractor;

namespace hf::widgets {

// A QOpenGLWidget that hosts a VTK render window, replacing VTK's
// QVTKOpenGLNativeWidget (built for Qt 5 on Debian, so unusable with Qt 6).
//
// Ownership: the view owns one vtkGenericOpenGLRenderWindow and one
// vtkGenericRenderWindowInteractor for its whole life; callers add
// renderers to renderWindow() or hand it to a vtkContextView, and may keep
// extra references (VTK reference counting), but must not replace the
// interactor or give the window another context.
//
// Thread: GUI thread only, like every QWidget. VTK rendering happens inside
// paintGL(); to redraw after changing the scene call requestRender() (or
// renderWindow()->Render(), which renders now and then repaints).
//
// Call setDefaultSurfaceFormat() once before constructing QApplication.
class VtkView : public QOpenGLWidget {
  Q_OBJECT
 public:
  explicit VtkView(QWidget* parent = nullptr);
  ~VtkView() override;

  // The render window and interactor; owned by this view, never null.
  vtkRenderWindow* renderWindow() const;
  vtkRenderWindowInteractor* interactor() const;

  // Schedules a VTK render at the next paint (coalesces several requests).
  void requestRender();

  // Render requests from the interactor (its interaction style, e.g. a
  // chart's, asking to redraw after a change) are dropped while
  // `isNeeded` returns false: a scene that knows it was already drawn since
  // its last change can save a frame. No filter (the default) keeps all.
  void setRenderRequestFilter(std::function<bool()> isNeeded) { m_renderFilter = std::move(isNeeded); }

  // Live mode, for a scene redrawn several times a second (a running fit):
  // renders without multisampling, which is several times cheaper with
  // software OpenGL, at the price of unsmoothed edges meanwhile. Turning
  // it off restores the window's multisampling and renders again.
  void setLive(bool live);
  bool isLive() const { return m_live; }

  // Renders off screen at `size` device pixels with the render window's DPI
  // set to 72 * pixelRatio (text and DPI-aware sizes scale with it) and
  // multisampling on (live mode off), calls `capture` with the window while
  // that setup is in place (it may render, read pixels or export), then
  // restores size, DPI and live mode and repaints. Returns an error message
  // (size outside 1..8192 pixels per side, scale outside (0, 64], or the
  // view not shown yet, so no OpenGL context), empty on success.
  QString renderAt(QSize size, double pixelRatio, const std::function<void(vtkRenderWindow*)>& capture);
  // llvmpipe and most GPUs allow 8192-16384 px framebuffers, and
  // 8192 x 8192 RGB is already 200 MB.
  static constexpr int kMaxRenderSide = 8192;

  // Sets QSurfaceFormat's default to what VTK's OpenGL2 backend needs
  // (OpenGL 3.2 core profile, RGBA8, depth buffer, double buffered, no
  // multisampling in Qt's buffers). Must run before QApplication exists.
  static void setDefaultSurfaceFormat();

 signals:
  // The widget's device pixel ratio differs from the last one seen (first
  // resize, or the window moved to a screen with other scaling). Sizes
  // given to VTK in pixels (line widths, marker sizes) should follow it;
  // text follows on its own through the render window's DPI.
  void devicePixelRatioChanged(double ratio);

 protected:
  void initializeGL() override;
  void resizeGL(int w, int h) override;
  void paintGL() override;

  void mousePressEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseDoubleClickEvent(QMouseEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;
  void keyReleaseEvent(QKeyEvent* event) override;
  void enterEvent(QEnterEvent* event) override;
  void leaveEvent(QEvent* event) override;

 private:
  void onWindowEvent(vtkObject* caller, unsigned long eventId, void* callData);
  void onInteractorEvent(vtkObject* caller, unsigned long eventId, void* callData);
  bool makeVtkContextCurrent();
  void releaseGraphics(QOpenGLContext* dying);
  void forwardPointer(const QPointF& position, Qt::KeyboardModifiers mods, unsigned long vtkEvent, QEvent* event,
                      int repeat = 0);
  bool forwardKey(QKeyEvent* event, bool press);
  void fireTimer(int platformId);
  void dropTimer(int platformId);

  vtkNew<vtkGenericOpenGLRenderWindow> m_window;
  vtkNew<vtkGenericRenderWindowInteractor> m_interactor;
  std::map<int, QTimer*> m_timers;  // platform timer id -> QTimer (child of this)
  int m_nextTimerId = 1;
  QSurface* m_surface = nullptr;  // surface Qt made current in initializeGL
  QMetaObject::Connection m_contextDying;
  bool m_inPaint = false;
  bool m_live = false;
  std::function<bool()> m_renderFilter;
  int m_samplesWhenNotLive = 0;  // the window's multisampling outside live mode
  bool m_renderPending = true;   // VTK must render before the next blit
  double m_lastRatio = 0.0;      // device pixel ratio at the last resizeGL()
};

}  // namespace hf::widgets
