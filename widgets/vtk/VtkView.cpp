#include "vtk/VtkView.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QOpenGLContext>
#include <QOpenGLExtraFunctions>
#include <QScreen>
#include <QSurfaceFormat>
#include <QTimer>
#include <QWheelEvent>

#include <vtkCommand.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkGenericRenderWindowInteractor.h>
#include <vtkInteractorStyleTrackballCamera.h>

#include <cmath>
#include <utility>

namespace hf::widgets {

namespace {

// X11 key symbols, which is what VTK's interactor styles compare against.
constexpr std::pair<int, const char*> kKeySyms[] = {
    {Qt::Key_Left, "Left"},         {Qt::Key_Right, "Right"},   {Qt::Key_Up, "Up"},
    {Qt::Key_Down, "Down"},         {Qt::Key_Return, "Return"}, {Qt::Key_Enter, "KP_Enter"},
    {Qt::Key_Escape, "Escape"},     {Qt::Key_Delete, "Delete"}, {Qt::Key_Backspace, "BackSpace"},
    {Qt::Key_Tab, "Tab"},           {Qt::Key_Space, "space"},   {Qt::Key_Plus, "plus"},
    {Qt::Key_Minus, "minus"},       {Qt::Key_Home, "Home"},     {Qt::Key_End, "End"},
    {Qt::Key_PageUp, "Prior"},      {Qt::Key_PageDown, "Next"}, {Qt::Key_Shift, "Shift_L"},
    {Qt::Key_Control, "Control_L"}, {Qt::Key_Alt, "Alt_L"}};

unsigned long mouseEventFor(Qt::MouseButton button, bool press) {
  switch (button) {
    case Qt::LeftButton:
      return press ? vtkCommand::LeftButtonPressEvent : vtkCommand::LeftButtonReleaseEvent;
    case Qt::RightButton:
      return press ? vtkCommand::RightButtonPressEvent : vtkCommand::RightButtonReleaseEvent;
    case Qt::MiddleButton:
      return press ? vtkCommand::MiddleButtonPressEvent : vtkCommand::MiddleButtonReleaseEvent;
    default:
      return vtkCommand::NoEvent;
  }
}

}  // namespace

VtkView::VtkView(QWidget* parent) : QOpenGLWidget(parent) {
  setFocusPolicy(Qt::StrongFocus);
  setMouseTracking(true);  // chart tooltips follow the pointer without a button
  setMinimumSize(64, 64);

  // Qt owns the context; VTK renders into its own framebuffers and we blit
  // the result into the widget's framebuffer ourselves in paintGL().
  m_window->SetOwnContext(0);
  m_window->SetMapped(1);
  m_window->SetIsDirect(1);
  m_window->SetSupportsOpenGL(1);
  m_window->SetFrameBlitModeToNoBlit();
  m_window->SetReadyForRendering(false);  // until initializeGL()
  for (auto id : {vtkCommand::WindowMakeCurrentEvent, vtkCommand::WindowIsCurrentEvent, vtkCommand::WindowFrameEvent})
    m_window->AddObserver(id, this, &VtkView::onWindowEvent);

  m_interactor->SetRenderWindow(m_window);
  vtkNew<vtkInteractorStyleTrackballCamera> style;
  m_interactor->SetInteractorStyle(style);
  // The interactor must not render by itself (no current context there);
  // its render requests become repaints instead.
  m_interactor->EnableRenderOff();
  // Our QTimers repeat natively; VTK need not re-arm them after each shot.
  m_interactor->SetTimerEventResetsTimer(0);
  for (auto id : {vtkCommand::RenderEvent, vtkCommand::CreateTimerEvent, vtkCommand::DestroyTimerEvent})
    m_interactor->AddObserver(id, this, &VtkView::onInteractorEvent);
  m_interactor->Initialize();
}

VtkView::~VtkView() {
  // QOpenGLWidget's destructor deletes the context after we are gone; the
  // slot connected to aboutToBeDestroyed must not run on a dead object.
  disconnect(m_contextDying);
  if (auto* ctx = context(); ctx && m_window->GetReadyForRendering()) releaseGraphics(ctx);
  m_interactor->RemoveAllObservers();
  m_window->RemoveAllObservers();
  for (auto& [id, timer] : m_timers) timer->stop();
}

vtkRenderWindow* VtkView::renderWindow() const { return m_window.GetPointer(); }

vtkRenderWindowInteractor* VtkView::interactor() const { return m_interactor.GetPointer(); }

void VtkView::requestRender() {
  m_renderPending = true;
  update();
}

void VtkView::setLive(bool live) {
  if (live == m_live) return;
  m_live = live;
  if (live) {
    m_samplesWhenNotLive = m_window->GetMultiSamples();
    m_window->SetMultiSamples(0);
  } else {
    m_window->SetMultiSamples(m_samplesWhenNotLive);
  }
  requestRender();
}

QString VtkView::renderAt(QSize size, double pixelRatio, const std::function<void(vtkRenderWindow*)>& capture) {
  if (size.width() < 1 || size.height() < 1 || size.width() > kMaxRenderSide || size.height() > kMaxRenderSide)
    return tr("The image size %1 x %2 is outside 1..%3 pixels per side.")
        .arg(size.width())
        .arg(size.height())
        .arg(kMaxRenderSide);
  if (!(pixelRatio > 0.0) || pixelRatio > 64.0) return tr("The scale %1 is out of range.").arg(pixelRatio);
  // VTK can only render once the widget's OpenGL context exists, i.e. after
  // the view was first shown.
  if (!m_window->GetReadyForRendering() || !context())
    return tr("The view cannot be exported before it has been shown.");
  const bool wasLive = m_live;
  setLive(false);
  const int oldWidth = m_window->GetSize()[0];
  const int oldHeight = m_window->GetSize()[1];
  const int oldDpi = m_window->GetDPI();
  m_window->SetSize(size.width(), size.height());
  m_window->SetDPI(static_cast<int>(std::lround(72.0 * pixelRatio)));
  capture(m_window);
  m_window->SetSize(oldWidth, oldHeight);
  m_window->SetDPI(oldDpi);
  setLive(wasLive);
  requestRender();
  return {};
}

void VtkView::setDefaultSurfaceFormat() {
  QSurfaceFormat fmt;
  fmt.setRenderableType(QSurfaceFormat::OpenGL);
  fmt.setVersion(3, 2);
  fmt.setProfile(QSurfaceFormat::CoreProfile);
  fmt.setSwapBehavior(QSurfaceFormat::DoubleBuffer);
  fmt.setRedBufferSize(8);
  fmt.setGreenBufferSize(8);
  fmt.setBlueBufferSize(8);
  fmt.setAlphaBufferSize(8);
  fmt.setDepthBufferSize(8);
  fmt.setStencilBufferSize(0);
  fmt.setSamples(0);  // VTK multisamples in its own framebuffers
  QSurfaceFormat::setDefaultFormat(fmt);
}

void VtkView::initializeGL() {
  // Called again with a fresh context whenever the widget changes top-level
  // window (e.g. a dock is floated); the old context announces its death
  // first, and releaseGraphics() frees VTK's resources in it.
  disconnect(m_contextDying);
  QOpenGLContext* ctx = context();
  m_surface = ctx->surface();
  m_contextDying = connect(
      ctx, &QOpenGLContext::aboutToBeDestroyed, this, [this, ctx] { releaseGraphics(ctx); }, Qt::DirectConnection);
  m_window->SetReadyForRendering(true);
  m_window->OpenGLInitContext();
  m_renderPending = true;
}

void VtkView::resizeGL(int w, int h) {
  const double dpr = devicePixelRatioF();
  const int dw = static_cast<int>(std::lround(w * dpr));
  const int dh = static_cast<int>(std::lround(h * dpr));
  m_interactor->UpdateSize(dw, dh);  // also resizes the render window
  m_window->SetSize(dw, dh);
  if (const QScreen* s = screen()) {
    const QSize ss = s->size() * dpr;
    m_window->SetScreenSize(ss.width(), ss.height());
  }
  m_window->SetDPI(static_cast<int>(std::lround(72 * dpr)));
  m_renderPending = true;
  if (dpr != m_lastRatio) {
    m_lastRatio = dpr;
    emit devicePixelRatioChanged(dpr);
  }
}

void VtkView::paintGL() {
  if (!m_window->GetReadyForRendering()) return;
  if (m_renderPending) {
    m_inPaint = true;
    m_window->Render();
    m_inPaint = false;
    m_renderPending = false;
  }

  QOpenGLExtraFunctions* f = context()->extraFunctions();
  const double dpr = devicePixelRatioF();
  const int dw = static_cast<int>(std::lround(width() * dpr));
  const int dh = static_cast<int>(std::lround(height() * dpr));
  const int* size = m_window->GetSize();

  // VTK 9.1 cannot be told to render into Qt's framebuffer; copy its
  // display framebuffer there instead. Scissoring would clip the blit.
  f->glBindFramebuffer(GL_DRAW_FRAMEBUFFER, defaultFramebufferObject());
  const GLenum colour0 = GL_COLOR_ATTACHMENT0;
  f->glDrawBuffers(1, &colour0);
  f->glDisable(GL_SCISSOR_TEST);
  m_window->BlitDisplayFramebuffer(0, 0, 0, size[0], size[1], 0, 0, dw, dh, GL_COLOR_BUFFER_BIT, GL_NEAREST);

  // VTK leaves alpha < 1 where the background shows; Qt would blend it with
  // whatever lies beneath the widget. Force it opaque.
  f->glViewport(0, 0, dw, dh);
  f->glColorMask(GL_FALSE, GL_FALSE, GL_FALSE, GL_TRUE);
  f->glClearColor(0.f, 0.f, 0.f, 1.f);
  f->glClear(GL_COLOR_BUFFER_BIT);
  f->glColorMask(GL_TRUE, GL_TRUE, GL_TRUE, GL_TRUE);
}

bool VtkView::makeVtkContextCurrent() {
  // Not QOpenGLWidget::makeCurrent(): that rebinds Qt's framebuffer behind
  // the back of VTK's GL state cache and yields black frames.
  QOpenGLContext* ctx = context();
  if (!ctx) return false;
  QSurface* surface = ctx->surface() ? ctx->surface() : m_surface;
  if (QOpenGLContext::currentContext() == ctx && ctx->surface() == surface) return true;
  return surface && ctx->makeCurrent(surface);
}

void VtkView::releaseGraphics(QOpenGLContext* dying) {
  // Runs while `dying` is still valid: free VTK's GL objects in it, then
  // stop rendering until initializeGL() provides the next context.
  if (QOpenGLContext::currentContext() != dying) {
    QSurface* surface = dying->surface() ? dying->surface() : m_surface;
    if (surface) dying->makeCurrent(surface);
  }
  m_window->Finalize();
  m_window->SetReadyForRendering(false);
  m_renderPending = true;
}

void VtkView::onWindowEvent(vtkObject*, unsigned long eventId, void* callData) {
  switch (eventId) {
    case vtkCommand::WindowMakeCurrentEvent:
      makeVtkContextCurrent();
      break;
    case vtkCommand::WindowIsCurrentEvent: {
      QOpenGLContext* ctx = context();
      *static_cast<bool*>(callData) = ctx && QOpenGLContext::currentContext() == ctx;
      break;
    }
    case vtkCommand::WindowFrameEvent:
      // A render outside paintGL() (an explicit Render() call) produced a
      // frame: show it without rendering again.
      if (!m_inPaint) {
        m_renderPending = false;
        update();
      }
      break;
    default:
      break;
  }
}

void VtkView::onInteractorEvent(vtkObject*, unsigned long eventId, void*) {
  switch (eventId) {
    case vtkCommand::RenderEvent:
      if (!m_renderFilter || m_renderFilter()) requestRender();
      break;
    case vtkCommand::CreateTimerEvent: {
      const int id = m_nextTimerId++;
      auto* timer = new QTimer(this);
      timer->setSingleShot(m_interactor->GetTimerEventType() == vtkRenderWindowInteractor::OneShotTimer);
      timer->setInterval(m_interactor->GetTimerEventDuration());
      connect(timer, &QTimer::timeout, this, [this, id] { fireTimer(id); });
      m_timers[id] = timer;
      m_interactor->SetTimerEventPlatformId(id);
      timer->start();
      break;
    }
    case vtkCommand::DestroyTimerEvent:
      dropTimer(m_interactor->GetTimerEventPlatformId());
      break;
    default:
      break;
  }
}

void VtkView::fireTimer(int platformId) {
  auto it = m_timers.find(platformId);
  if (it == m_timers.end()) return;
  const bool oneShot = it->second->isSingleShot();
  m_interactor->SetTimerEventPlatformId(platformId);
  m_interactor->TimerEvent();
  if (oneShot)  // fired for good; VTK may or may not destroy it later
    dropTimer(platformId);
}

void VtkView::dropTimer(int platformId) {
  if (auto it = m_timers.find(platformId); it != m_timers.end()) {
    it->second->stop();
    it->second->deleteLater();  // may be the timer whose timeout is running
    m_timers.erase(it);
  }
}

void VtkView::forwardPointer(const QPointF& position, Qt::KeyboardModifiers mods, unsigned long vtkEvent, QEvent* event,
                             int repeat) {
  if (vtkEvent == vtkCommand::NoEvent) return;
  // VTK wants device pixels with the origin at the bottom left.
  const QPointF p = position * devicePixelRatioF();
  m_interactor->SetEventInformationFlipY(static_cast<int>(p.x()), static_cast<int>(p.y()),
                                         mods.testFlag(Qt::ControlModifier), mods.testFlag(Qt::ShiftModifier), 0,
                                         repeat);
  m_interactor->SetAltKey(mods.testFlag(Qt::AltModifier));
  m_interactor->InvokeEvent(vtkEvent, event);
  event->accept();
}

void VtkView::mousePressEvent(QMouseEvent* e) {
  forwardPointer(e->position(), e->modifiers(), mouseEventFor(e->button(), true), e);
}

void VtkView::mouseDoubleClickEvent(QMouseEvent* e) {
  forwardPointer(e->position(), e->modifiers(), mouseEventFor(e->button(), true), e, 1);
}

void VtkView::mouseReleaseEvent(QMouseEvent* e) {
  forwardPointer(e->position(), e->modifiers(), mouseEventFor(e->button(), false), e);
}

void VtkView::mouseMoveEvent(QMouseEvent* e) {
  forwardPointer(e->position(), e->modifiers(), vtkCommand::MouseMoveEvent, e);
}

void VtkView::wheelEvent(QWheelEvent* e) {
  const int dy = e->angleDelta().y();
  forwardPointer(e->position(), e->modifiers(),
                 dy > 0   ? vtkCommand::MouseWheelForwardEvent
                 : dy < 0 ? vtkCommand::MouseWheelBackwardEvent
                          : vtkCommand::NoEvent,
                 e);
}

bool VtkView::forwardKey(QKeyEvent* event, bool press) {
  const QString text = event->text();
  const char ascii = text.size() == 1 && text.at(0).unicode() < 128 ? static_cast<char>(text.at(0).unicode()) : '\0';
  // The trackball style quits the (non-existent) VTK event loop on e/q.
  if (ascii == 'e' || ascii == 'E' || ascii == 'q' || ascii == 'Q') return false;
  const char asciiSym[2] = {ascii, '\0'};
  const char* sym = ascii ? asciiSym : nullptr;
  for (const auto& [key, name] : kKeySyms)
    if (key == event->key()) sym = name;
  const auto mods = event->modifiers();
  m_interactor->SetKeyEventInformation(mods.testFlag(Qt::ControlModifier), mods.testFlag(Qt::ShiftModifier), ascii,
                                       event->isAutoRepeat() ? 1 : 0, sym);
  m_interactor->SetAltKey(mods.testFlag(Qt::AltModifier));
  m_interactor->InvokeEvent(press ? vtkCommand::KeyPressEvent : vtkCommand::KeyReleaseEvent, event);
  if (press && ascii) m_interactor->InvokeEvent(vtkCommand::CharEvent, event);
  return true;
}

void VtkView::keyPressEvent(QKeyEvent* event) {
  if (!forwardKey(event, true)) QOpenGLWidget::keyPressEvent(event);
}

void VtkView::keyReleaseEvent(QKeyEvent* event) {
  if (!forwardKey(event, false)) QOpenGLWidget::keyReleaseEvent(event);
}

void VtkView::enterEvent(QEnterEvent* event) {
  m_interactor->InvokeEvent(vtkCommand::EnterEvent, event);
  QOpenGLWidget::enterEvent(event);
}

void VtkView::leaveEvent(QEvent* event) {
  m_interactor->InvokeEvent(vtkCommand::LeaveEvent, event);
  QOpenGLWidget::leaveEvent(event);
}

}  // namespace hf::widgets
