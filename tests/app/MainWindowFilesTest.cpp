// The main window's file handling as a user meets it: closing with unsaved
// changes asks (Cancel keeps the window, Save writes the file, Discard
// closes), and files dropped on the window open (projects) or go through
// the import preview (data files).
#include "MainWindow.h"

#include "dialogs/ImportDialog.h"
#include "document/ProjectDocument.h"
#include "project/ProjectFile.h"
#include "vtk/VtkView.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDialog>
#include <QElapsedTimer>
#include <QFile>
#include <QMessageBox>
#include <QMimeData>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <QUrl>
#include <QtTest>

#include <functional>
#include <memory>

using hf::app::MainWindow;

namespace {

// Answers the next modal dialog once it is up: `answer` returns an error
// text (empty when the dialog was what was expected) and must close it; a
// dialog it does not close is rejected, so a failing check never hangs the
// test. The returned state tells whether a dialog came and what went wrong.
struct DialogAnswer {
  bool answered = false;
  QString problem;
};

std::shared_ptr<DialogAnswer> answerNextDialog(std::function<QString(QWidget*)> answer) {
  auto state = std::make_shared<DialogAnswer>();
  auto* poll = new QTimer(QApplication::instance());
  auto clock = std::make_shared<QElapsedTimer>();
  clock->start();
  QObject::connect(poll, &QTimer::timeout, [poll, answer, state, clock] {
    if (QWidget* modal = QApplication::activeModalWidget()) {
      poll->stop();
      poll->deleteLater();
      state->answered = true;
      state->problem = answer(modal);
      if (auto* dialog = qobject_cast<QDialog*>(modal); dialog && dialog->isVisible()) dialog->reject();
    } else if (clock->elapsed() > 10000) {
      poll->stop();
      poll->deleteLater();
    }
  });
  poll->start(20);
  return state;
}

std::function<QString(QWidget*)> clickButton(QMessageBox::StandardButton which) {
  return [which](QWidget* w) -> QString {
    auto* box = qobject_cast<QMessageBox*>(w);
    if (!box) return QStringLiteral("expected a message box, got %1").arg(w->metaObject()->className());
    if (!box->text().contains(QStringLiteral("unsaved changes"))) return QStringLiteral("asked: ") + box->text();
    box->button(which)->click();
    return {};
  };
}

bool drop(MainWindow& w, const QString& path) {
  QMimeData mime;
  mime.setUrls({QUrl::fromLocalFile(path)});
  const QPoint at(w.width() / 2, w.height() / 2);
  QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
  QApplication::sendEvent(&w, &enter);
  if (!enter.isAccepted()) return false;
  QDropEvent dropEvent(QPointF(at), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
  QApplication::sendEvent(&w, &dropEvent);
  return dropEvent.isAccepted();
}

}  // namespace

class MainWindowFilesTest : public QObject {
  Q_OBJECT
 private:
  QTemporaryDir m_dir;

  // A copy of the cooling example with one unsaved edit, open in `w`.
  void openEdited(MainWindow& w, const QString& name) {
    for (const char* f : {"cooling.hfproj", "cooling.csv"}) {
      const QString target = m_dir.filePath(name + QLatin1Char('-') + QLatin1String(f));
      QFile::remove(target);
      QVERIFY(QFile::copy(QStringLiteral(HF_SOURCE_DIR "/projects/cooling/") + f, target));
      QFile::setPermissions(target, QFile::ReadOwner | QFile::WriteOwner);
    }
    // The project names its data file; keep the pair together.
    QFile proj(m_dir.filePath(name + QStringLiteral("-cooling.hfproj")));
    QVERIFY(proj.open(QIODevice::ReadOnly));
    QByteArray text = proj.readAll().replace("\"cooling.csv\"", "\"" + name.toUtf8() + "-cooling.csv\"");
    proj.close();
    QVERIFY(proj.open(QIODevice::WriteOnly | QIODevice::Truncate));
    proj.write(text);
    proj.close();
    QCOMPARE(w.openPath(proj.fileName()), QString());
    w.document()->setFormula(QStringLiteral("Ta + (T0 - Ta)*exp(-k*t) + 0*t"));
    QVERIFY(w.isWindowModified());
  }

 private slots:
  void initTestCase() { QVERIFY(m_dir.isValid()); }

  // Small texts (issue 10, fault 14): no ", " for a project without a
  // name, folders in Open Recent, Save As next to the imported data.
  void textsForProjectsAndFiles() {
    hf::project::Project p;
    p.model.spec.formula = "a*x";
    hf::project::ProjectDataset d;
    d.data.columns.push_back({"x", "x", "", std::vector<double>(12, 1.0)});
    p.datasets.push_back(d);
    QCOMPARE(hf::app::MainWindow::openedMessage(QStringLiteral("puromycin.hfproj"), p),
             QStringLiteral("puromycin.hfproj: 12 points, model a*x"));
    p.name = "Puromycin";
    QCOMPARE(hf::app::MainWindow::openedMessage(QStringLiteral("puromycin.hfproj"), p),
             QStringLiteral("puromycin.hfproj: Puromycin, 12 points, model a*x"));
    const QString label = hf::app::MainWindow::recentLabel(QStringLiteral("/data/lab/run1/fit.hfproj"), {});
    QVERIFY2(label.startsWith(QStringLiteral("fit.hfproj")) && label.contains(QStringLiteral("/data/lab/run1")),
             qPrintable(label));

    hf::app::MainWindow w;
    hf::data::Dataset data;
    data.name = "rates";
    data.sourcePath = m_dir.filePath(QStringLiteral("rates.csv")).toStdString();
    data.columns.push_back({"T", "T", "K", {300, 310, 320}});
    data.columns.push_back({"k", "k", "1/s", {1.0, 2.0, 4.0}});
    w.importDataset(data, QStringLiteral("k"), QString());
    QCOMPARE(w.suggestedProjectPath(), m_dir.filePath(QStringLiteral("rates.hfproj")));
    w.document()->undoStack()->clear();
  }

  void closeWithUnsavedChangesAsks() {
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    openEdited(w, QStringLiteral("close"));

    // Cancel: the window stays open with its changes.
    auto answer = answerNextDialog(clickButton(QMessageBox::Cancel));
    QVERIFY(!w.close());
    QVERIFY(answer->answered);
    QVERIFY2(answer->problem.isEmpty(), qPrintable(answer->problem));
    QVERIFY(w.isVisible());
    QVERIFY(w.isWindowModified());

    // Save: the edit reaches the file, then the window closes.
    answer = answerNextDialog(clickButton(QMessageBox::Save));
    QVERIFY(w.close());
    QVERIFY(answer->answered);
    QVERIFY2(answer->problem.isEmpty(), qPrintable(answer->problem));
    const hf::project::Project saved = hf::project::loadProject(w.document()->filePath().toStdString());
    QCOMPARE(saved.model.spec.formula, std::string("Ta + (T0 - Ta)*exp(-k*t) + 0*t"));
  }

  void discardClosesWithoutWriting() {
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    openEdited(w, QStringLiteral("discard"));
    const QString path = w.document()->filePath();
    auto answer = answerNextDialog(clickButton(QMessageBox::Discard));
    QVERIFY(w.close());
    QVERIFY(answer->answered);
    QVERIFY2(answer->problem.isEmpty(), qPrintable(answer->problem));
    QCOMPARE(hf::project::loadProject(path.toStdString()).model.spec.formula, std::string("Ta + (T0 - Ta)*exp(-k*t)"));
  }

  void droppedProjectOpensAndDroppedDataGoesThroughThePreview() {
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    // A project: opens at once (nothing unsaved, so no question).
    QVERIFY(drop(w, QStringLiteral(HF_SOURCE_DIR "/projects/arrhenius/arrhenius.hfproj")));
    QTRY_VERIFY_WITH_TIMEOUT(w.windowTitle().startsWith(QStringLiteral("arrhenius.hfproj")), 5000);
    QCOMPARE(w.document()->project().model.spec.response, std::string("k"));

    // A data file: the import preview comes up; accepting it imports.
    const QString csv = m_dir.filePath(QStringLiteral("dropped.csv"));
    {
      QFile f(csv);
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write("time [s],signal [V]\n0,1.0\n1,0.5\n2,0.25\n3,0.125\n");
    }
    auto previewed = std::make_shared<QString>();
    auto answer = answerNextDialog([previewed](QWidget* d) -> QString {
      auto* dialog = qobject_cast<hf::app::ImportDialog*>(d);
      if (!dialog) return QStringLiteral("expected the import preview, got %1").arg(d->metaObject()->className());
      *previewed = dialog->yColumn();
      dialog->accept();
      return {};
    });
    QVERIFY(drop(w, csv));
    QTRY_VERIFY_WITH_TIMEOUT(answer->answered, 5000);
    QVERIFY2(answer->problem.isEmpty(), qPrintable(answer->problem));
    QTRY_COMPARE_WITH_TIMEOUT(w.document()->project().datasets.front().data.rowCount(), std::size_t{4}, 5000);
    QCOMPARE(*previewed, QStringLiteral("signal"));
    QCOMPARE(w.document()->project().model.spec.response, std::string("signal"));
    QCOMPARE(w.document()->project().datasets.front().data.columns[0].unit, std::string("s"));

    // Something that is not a local file is refused at the door.
    QMimeData web;
    web.setUrls({QUrl(QStringLiteral("https://example.org/data.csv"))});
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &web, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&w, &enter);
    QVERIFY(!enter.isAccepted());
    w.document()->undoStack()->clear();
    w.document()->undoStack()->setClean();
  }
};

int main(int argc, char* argv[]) {
  hf::widgets::VtkView::setDefaultSurfaceFormat();
  QStandardPaths::setTestModeEnabled(true);
  QApplication app(argc, argv);
  MainWindowFilesTest test;
  return QTest::qExec(&test, argc, argv);
}

#include "MainWindowFilesTest.moc"
