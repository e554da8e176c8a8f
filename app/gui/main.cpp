// hybridfit: the desktop workbench.
//
//   hybridfit [FILE]                   open the main window (demo data until
//                                      FILE, a project or data file, is loaded)
//   hybridfit --screenshot PNG [FILE]  render once, save the window, quit
#include "MainWindow.h"
#include "fit/FitController.h"

#include "views/ResultViews.h"

#include "vtk/VtkView.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

#include <cstdio>

int main(int argc, char* argv[]) {
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
  const QCommandLineOption sequence(
      QStringLiteral("screenshot-sequence"),
      QStringLiteral("Save <prefix>-before.png, -during.png and -after.png around a fit of the opened project, "
                     "then quit (used by docs/make-screenshots.sh)."),
      QStringLiteral("prefix"));
  parser.addOption(sequence);
  const QCommandLineOption view(QStringLiteral("view"),
                                QStringLiteral("Show the view tab with this index first (0 = data and model)."),
                                QStringLiteral("index"));
  parser.addOption(view);
  parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("Project (.hfproj) or data file to open."),
                               QStringLiteral("[file]"));
  parser.process(app);

  hf::app::MainWindow window;
  window.showDemo();
  window.show();
  int status = 0;
  if (const QStringList files = parser.positionalArguments(); !files.isEmpty()) {
    window.requestOpen(files.first());
    if (const QString error = window.openPath(files.first()); !error.isEmpty()) {
      std::fprintf(stderr, "hybridfit: %s\n", qPrintable(error));
      status = 2;
    }
  }

  if (parser.isSet(view)) window.views()->setCurrentIndex(parser.value(view).toInt());

  if (parser.isSet(sequence)) {
    const QString prefix = parser.value(sequence);
    auto save = [&window](const QString& file) {
      if (!window.saveScreenshot(file)) std::fprintf(stderr, "hybridfit: cannot write %s\n", qPrintable(file));
    };
    // During: the first progress report is handled while the window shows
    // the running fit (Cancel enabled, curve at the first iterate).
    auto* once = new QObject(&window);
    QObject::connect(window.fitController(), &hf::app::FitController::progress, once, [once, save, prefix] {
      save(prefix + QStringLiteral("-during.png"));
      delete once;
    });
    QObject::connect(&window, &hf::app::MainWindow::fitEnded, &window, [&window, save, prefix] {
      QTimer::singleShot(800, &window, [save, prefix] {
        save(prefix + QStringLiteral("-after.png"));
        QApplication::exit(0);
      });
    });
    QTimer::singleShot(1000, &window, [&window, save, prefix] {
      save(prefix + QStringLiteral("-before.png"));
      if (!window.startFit()) {
        std::fprintf(stderr, "hybridfit: the project cannot be fitted\n");
        QApplication::exit(1);
      }
    });
  }

  if (parser.isSet(screenshot)) {
    const QString file = parser.value(screenshot);
    // Give the window time to be exposed and VTK to render its first frame.
    QTimer::singleShot(800, &window, [&window, file, status] {
      const bool ok = window.saveScreenshot(file);
      if (!ok) std::fprintf(stderr, "hybridfit: cannot write %s\n", qPrintable(file));
      QApplication::exit(ok ? status : 1);
    });
  }
  return QApplication::exec();
}
