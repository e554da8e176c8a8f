// hybridfit: the desktop workbench.
//
//   hybridfit                          open the main window (demo data)
//   hybridfit --screenshot FILE.png    render once, save the window, quit
#include "MainWindow.h"

#include "vtk/VtkView.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

#include <cstdio>

int main(int argc, char* argv[])
{
  // VTK needs an OpenGL 3.2 core context; this must precede QApplication.
  hf::widgets::VtkView::setDefaultSurfaceFormat();
  QApplication app(argc, argv);
  QApplication::setApplicationName(QStringLiteral("HybridFit"));
  QApplication::setApplicationVersion(QStringLiteral(HF_VERSION));
  QApplication::setOrganizationName(QStringLiteral("HybridFit"));

  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral("Theory-guided modeling workbench"));
  parser.addHelpOption();
  parser.addVersionOption();
  const QCommandLineOption screenshot(
      QStringLiteral("screenshot"),
      QStringLiteral("Save a PNG of the main window to <file> once it is rendered, then quit."),
      QStringLiteral("file"));
  parser.addOption(screenshot);
  parser.process(app);

  hf::app::MainWindow window;
  window.showDemo();
  window.show();

  if (parser.isSet(screenshot)) {
    const QString file = parser.value(screenshot);
    // Give the window time to be exposed and VTK to render its first frame.
    QTimer::singleShot(800, &window, [&window, file] {
      const bool ok = window.saveScreenshot(file);
      if (!ok)
        std::fprintf(stderr, "hybridfit: cannot write %s\n", qPrintable(file));
      QApplication::exit(ok ? 0 : 1);
    });
  }
  return QApplication::exec();
}
