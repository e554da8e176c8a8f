// Tests hf::widgets::VtkView, the QOpenGLWidget that hosts a VTK render
// window: it renders (not black, not blank), forwards mouse drags to the
// interactor, and survives a new GL context when its dock is floated.
#include "vtk/VtkView.h"

#include "ImageChecks.h"

#include <QApplication>
#include <QDockWidget>
#include <QLabel>
#include <QMainWindow>
#include <QOpenGLContext>
#include <QSignalSpy>
#include <QTest>

#include <cmath>

#include <vtkActor.h>
#include <vtkCallbackCommand.h>
#include <vtkCamera.h>
#include <vtkNew.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderWindow.h>
#include <vtkRenderWindowInteractor.h>
#include <vtkRenderer.h>
#include <vtkSphereSource.h>

using hf::test::near;
using hf::widgets::VtkView;

namespace {

const QColor kWhite(255, 255, 255);

// A red sphere in the middle of a white view, lit by the default headlight:
// the centre pixel faces the light and is close to the diffuse red.
vtkSmartPointer<vtkRenderer> addSphereScene(VtkView& view) {
  vtkNew<vtkSphereSource> sphere;
  sphere->SetThetaResolution(48);
  sphere->SetPhiResolution(48);
  vtkNew<vtkPolyDataMapper> mapper;
  mapper->SetInputConnection(sphere->GetOutputPort());
  vtkNew<vtkActor> actor;
  actor->SetMapper(mapper);
  actor->GetProperty()->SetColor(0.9, 0.1, 0.1);
  auto renderer = vtkSmartPointer<vtkRenderer>::New();
  renderer->SetBackground(1.0, 1.0, 1.0);
  renderer->AddActor(actor);
  renderer->ResetCamera();
  view.renderWindow()->AddRenderer(renderer);
  return renderer;
}

// Whether the view shows the sphere: reddish centre, white corner, and more
// than two colours (shading and anti-aliased edges).
bool showsSphere(const QImage& img, QString* why) {
  if (img.isNull()) {
    *why = QStringLiteral("null image");
    return false;
  }
  const QColor centre = img.pixelColor(img.width() / 2, img.height() / 2);
  const QColor corner = img.pixelColor(2, 2);
  const int distinct = hf::test::distinctColours(img);
  *why = QStringLiteral("centre %1, corner %2, %3 colours").arg(centre.name(), corner.name()).arg(distinct);
  return centre.red() > 120 && centre.green() < 80 && centre.blue() < 80 && near(corner, kWhite, 8) && distinct > 2;
}

}  // namespace

class VtkViewTest : public QObject {
  Q_OBJECT
 private slots:
  void rendersSceneIntoWidget();
  void mouseDragRotatesCamera();
  void survivesFloatingDock();
  void keysReachStyleButNotQuit();
  void interactorTimersFire();
  void liveModeDropsMultisamplingUntilTurnedOff();
};

void VtkViewTest::rendersSceneIntoWidget() {
  VtkView view;
  addSphereScene(view);
  view.resize(400, 300);
  view.show();
  QVERIFY(QTest::qWaitForWindowExposed(&view));

  QString why;
  QTRY_VERIFY2_WITH_TIMEOUT(showsSphere(view.grabFramebuffer(), &why), qPrintable(why), 10000);
  const QImage img = view.grabFramebuffer();
  QCOMPARE(img.size(), QSize(400, 300) * view.devicePixelRatio());
  // The render window follows the widget's size in device pixels.
  QCOMPARE(view.renderWindow()->GetSize()[0], img.width());
  QCOMPARE(view.renderWindow()->GetSize()[1], img.height());
}

void VtkViewTest::liveModeDropsMultisamplingUntilTurnedOff() {
  VtkView view;
  addSphereScene(view);
  view.renderWindow()->SetMultiSamples(4);
  view.resize(400, 300);
  view.show();
  QVERIFY(QTest::qWaitForWindowExposed(&view));
  QString why;
  QTRY_VERIFY2_WITH_TIMEOUT(showsSphere(view.grabFramebuffer(), &why), qPrintable(why), 10000);
  const QImage smooth = view.grabFramebuffer();

  view.setLive(true);
  QVERIFY(view.isLive());
  QCOMPARE(view.renderWindow()->GetMultiSamples(), 0);
  const QImage live = view.grabFramebuffer();
  QVERIFY2(showsSphere(live, &why), qPrintable(why));
  QVERIFY2(live != smooth, "the live frame should differ at the sphere's edge (no multisampling)");

  view.setLive(false);
  QCOMPARE(view.renderWindow()->GetMultiSamples(), 4);
  QCOMPARE(view.grabFramebuffer(), smooth);  // the same frame as before live mode
}

void VtkViewTest::mouseDragRotatesCamera() {
  VtkView view;
  vtkSmartPointer<vtkRenderer> renderer = addSphereScene(view);
  view.resize(400, 300);
  view.show();
  QVERIFY(QTest::qWaitForWindowExposed(&view));
  QString why;
  QTRY_VERIFY2_WITH_TIMEOUT(showsSphere(view.grabFramebuffer(), &why), qPrintable(why), 10000);

  double before[3];
  renderer->GetActiveCamera()->GetPosition(before);
  QTest::mousePress(&view, Qt::LeftButton, {}, QPoint(200, 150));
  for (int i = 1; i <= 5; ++i) QTest::mouseMove(&view, QPoint(200 + 12 * i, 150 + 4 * i));
  QTest::mouseRelease(&view, Qt::LeftButton, {}, QPoint(260, 170));
  double after[3];
  renderer->GetActiveCamera()->GetPosition(after);

  const double moved = std::hypot(after[0] - before[0], after[1] - before[1], after[2] - before[2]);
  QVERIFY2(moved > 1e-3, qPrintable(QStringLiteral("camera moved by %1").arg(moved)));
  // Still renders after interaction (the interactor's render requests
  // became repaints, not direct renders without a context).
  QTRY_VERIFY2_WITH_TIMEOUT(showsSphere(view.grabFramebuffer(), &why), qPrintable(why), 10000);
}

void VtkViewTest::survivesFloatingDock() {
  QMainWindow main;
  main.setCentralWidget(new QLabel(QStringLiteral("central")));
  auto* dock = new QDockWidget(QStringLiteral("3D"), &main);
  auto* view = new VtkView(dock);
  addSphereScene(*view);
  dock->setWidget(view);
  main.addDockWidget(Qt::RightDockWidgetArea, dock);
  main.resize(900, 500);
  view->setMinimumSize(300, 250);
  main.show();
  QVERIFY(QTest::qWaitForWindowExposed(&main));
  QString why;
  QTRY_VERIFY2_WITH_TIMEOUT(showsSphere(view->grabFramebuffer(), &why), qPrintable(why), 10000);

  // Floating moves the widget to another top-level window, which gives it a
  // new GL context: VTK must release the old one and start over.
  QSignalSpy contextDying(view->context(), &QOpenGLContext::aboutToBeDestroyed);
  dock->setFloating(true);
  QVERIFY(QTest::qWaitForWindowExposed(dock));
  QTRY_COMPARE(contextDying.count(), 1);  // the path under test was taken
  QTRY_VERIFY2_WITH_TIMEOUT(showsSphere(view->grabFramebuffer(), &why), qPrintable(why), 10000);

  dock->setFloating(false);
  QVERIFY(QTest::qWaitForWindowExposed(&main));
  QTRY_VERIFY2_WITH_TIMEOUT(showsSphere(view->grabFramebuffer(), &why), qPrintable(why), 10000);
  // Destroying the window with the view inside must not crash either.
}

void VtkViewTest::keysReachStyleButNotQuit() {
  VtkView view;
  vtkSmartPointer<vtkRenderer> renderer = addSphereScene(view);
  view.resize(400, 300);
  view.show();
  QVERIFY(QTest::qWaitForWindowExposed(&view));

  int exits = 0;
  vtkNew<vtkCallbackCommand> onExit;
  onExit->SetClientData(&exits);
  onExit->SetCallback([](vtkObject*, unsigned long, void* count, void*) { ++*static_cast<int*>(count); });
  view.interactor()->AddObserver(vtkCommand::ExitEvent, onExit);
  // The trackball style exits on q/e; the view must swallow those keys.
  QTest::keyClick(&view, Qt::Key_Q);
  QTest::keyClick(&view, Qt::Key_E);
  QCOMPARE(exits, 0);

  // Other keys do reach the style: 'r' resets the camera.
  vtkCamera* camera = renderer->GetActiveCamera();
  camera->Dolly(3.0);
  const double moved = camera->GetDistance();
  QTest::keyClick(&view, Qt::Key_R);
  QVERIFY2(std::abs(camera->GetDistance() - moved) > 1e-6,
           qPrintable(QStringLiteral("distance %1 -> %2").arg(moved).arg(camera->GetDistance())));
}

void VtkViewTest::interactorTimersFire() {
  // Chart interaction styles rely on interactor timers; they run on QTimers.
  VtkView view;
  int fired = 0;
  vtkNew<vtkCallbackCommand> onTimer;
  onTimer->SetClientData(&fired);
  onTimer->SetCallback([](vtkObject*, unsigned long, void* count, void*) { ++*static_cast<int*>(count); });
  view.interactor()->AddObserver(vtkCommand::TimerEvent, onTimer);

  view.interactor()->CreateOneShotTimer(5);
  QTRY_COMPARE(fired, 1);
  QTest::qWait(50);
  QCOMPARE(fired, 1);  // one shot means one

  const int repeating = view.interactor()->CreateRepeatingTimer(5);
  QTRY_VERIFY(fired >= 4);
  view.interactor()->DestroyTimer(repeating);
  QCoreApplication::processEvents();
  const int stopped = fired;
  QTest::qWait(60);
  QCOMPARE(fired, stopped);
}

int main(int argc, char* argv[]) {
  VtkView::setDefaultSurfaceFormat();  // before QApplication, as in the app
  QApplication app(argc, argv);
  VtkViewTest test;
  return QTest::qExec(&test, argc, argv);
}

#include "VtkViewTest.moc"
