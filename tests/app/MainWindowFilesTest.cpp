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

// Answers the next modal dialog once it is up: calls `answer` with it.
// Returns a flag that tells whether a dialog was answered.
std::shared_ptr<bool> answerNextDialog(std::function<void(QWidget*)> answer) {
  auto answered = std::make_shared<bool>(false);
  auto* poll = new QTimer;
  auto clock = std::make_shared<QElapsedTimer>();
  clock->start();
  QObject::connect(poll, &QTimer::timeout, [poll, answer, answered, clock] {
    if (QWidget* modal = QApplication::activeModalWidget()) {
      *answered = true;
      poll->stop();
      poll->deleteLater();
      answer(modal);
    } else if (clock->elapsed() > 10000) {
      poll->stop();
      poll->deleteLater();
    }
  });
  poll->start(20);
  return answered;
}

void clickMessageBoxButton(QWidget* w, QMessageBox::StandardButton which) {
  auto* box = qobject_cast<QMessageBox*>(w);
  QVERIFY2(box, "expected a message box");
  QVERIFY(box->text().contains(QStringLiteral("unsaved changes")));
  box->button(which)->click();
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

  void closeWithUnsavedChangesAsks() {
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    openEdited(w, QStringLiteral("close"));

    // Cancel: the window stays open with its changes.
    auto answered = answerNextDialog([](QWidget* d) { clickMessageBoxButton(d, QMessageBox::Cancel); });
    QVERIFY(!w.close());
    QVERIFY(*answered);
    QVERIFY(w.isVisible());
    QVERIFY(w.isWindowModified());

    // Save: the edit reaches the file, then the window closes.
    answered = answerNextDialog([](QWidget* d) { clickMessageBoxButton(d, QMessageBox::Save); });
    QVERIFY(w.close());
    QVERIFY(*answered);
    const hf::project::Project saved = hf::project::loadProject(w.document()->filePath().toStdString());
    QCOMPARE(saved.model.spec.formula, std::string("Ta + (T0 - Ta)*exp(-k*t) + 0*t"));
  }

  void discardClosesWithoutWriting() {
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    openEdited(w, QStringLiteral("discard"));
    const QString path = w.document()->filePath();
    auto answered = answerNextDialog([](QWidget* d) { clickMessageBoxButton(d, QMessageBox::Discard); });
    QVERIFY(w.close());
    QVERIFY(*answered);
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
    QString previewed;
    auto answered = answerNextDialog([&previewed](QWidget* d) {
      auto* dialog = qobject_cast<hf::app::ImportDialog*>(d);
      QVERIFY2(dialog, "expected the import preview");
      previewed = dialog->yColumn();
      dialog->accept();
    });
    QVERIFY(drop(w, csv));
    QTRY_VERIFY_WITH_TIMEOUT(*answered, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(w.document()->project().datasets.front().data.rowCount(), std::size_t{4}, 5000);
    QCOMPARE(previewed, QStringLiteral("signal"));
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
