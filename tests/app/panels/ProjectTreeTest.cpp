// ProjectTree: datasets with column roles and units, the model, parameters
// with estimates, the fits of the session, and activation of sections.
#include "panels/ProjectTree.h"

#include "document/ProjectDocument.h"
#include "project/ProjectFit.h"

#include <QApplication>
#include <QSignalSpy>
#include <QtTest>

using hf::app::ProjectDocument;
using hf::app::ProjectTree;

namespace {

QStringList childTexts(const QTreeWidgetItem* item) {
  QStringList out;
  for (int i = 0; item && i < item->childCount(); ++i) out << item->child(i)->text(0);
  return out;
}

}  // namespace

class ProjectTreeTest : public QObject {
  Q_OBJECT
 private slots:
  void showsDataModelAndParameters() {
    ProjectDocument doc;
    QCOMPARE(doc.load(QStringLiteral(HF_SOURCE_DIR "/projects/arrhenius/arrhenius.hfproj")), QString());
    ProjectTree tree(&doc);
    QCOMPARE(tree.topLevelItemCount(), 1);
    QCOMPARE(tree.topLevelItem(0)->text(0), QString::fromStdString(doc.project().name));

    const QTreeWidgetItem* data = tree.sectionItem(ProjectTree::Section::Data);
    QVERIFY(data);
    QCOMPARE(data->childCount(), 1);
    const QTreeWidgetItem* ds = data->child(0);
    QVERIFY2(ds->text(0).contains(QStringLiteral("8 rows")), qPrintable(ds->text(0)));
    // Columns with units and their role in the model.
    const QStringList columns = childTexts(ds);
    QCOMPARE(columns.size(), 3);
    QVERIFY2(columns.contains(QStringLiteral("T [K]")), qPrintable(columns.join('|')));
    QVERIFY2(columns.filter(QStringLiteral("k [1/s]")).value(0).endsWith(QStringLiteral("response")),
             qPrintable(columns.join('|')));
    QVERIFY2(columns.filter(QStringLiteral("sk")).value(0).contains(QStringLiteral("σ")),
             qPrintable(columns.join('|')));

    const QStringList model = childTexts(tree.sectionItem(ProjectTree::Section::Model));
    QVERIFY2(model.value(0).startsWith(QStringLiteral("k = A*exp(")), qPrintable(model.join('|')));

    const QStringList params = childTexts(tree.sectionItem(ProjectTree::Section::Parameters));
    QCOMPARE(params.size(), 3);
    QVERIFY2(params.filter(QStringLiteral("R = 8.31446")).value(0).endsWith(QStringLiteral("(fixed)")),
             qPrintable(params.join('|')));
    QVERIFY(childTexts(tree.sectionItem(ProjectTree::Section::Fit)).isEmpty());  // no result saved

    // Edits show at once: a formula edit, and its undo.
    doc.setFormula(QStringLiteral("A*exp(-Ea/(R*T)) + 0*T"));
    QVERIFY(childTexts(tree.sectionItem(ProjectTree::Section::Model)).value(0).endsWith(QStringLiteral("+ 0*T")));
    doc.undoStack()->undo();
    QVERIFY(!childTexts(tree.sectionItem(ProjectTree::Section::Model)).value(0).contains(QStringLiteral("+ 0*T")));
  }

  void listsFitsWithEstimatesAndForgetsThemOnOpen() {
    ProjectDocument doc;
    QCOMPARE(doc.load(QStringLiteral(HF_SOURCE_DIR "/projects/arrhenius/arrhenius.hfproj")), QString());
    ProjectTree tree(&doc);
    const hf::fit::FitSummary s = hf::project::fitProject(doc.project());
    QVERIFY2(s.converged(), s.message.c_str());
    doc.acceptFitResult(s);
    tree.addFit(s);

    const QStringList fits = childTexts(tree.sectionItem(ProjectTree::Section::Fit));
    QCOMPARE(fits.size(), 1);
    QVERIFY2(fits[0].startsWith(QStringLiteral("Fit 1: converged, cost ")), qPrintable(fits[0]));
    QVERIFY(fits[0].contains(QStringLiteral("after %1 iteration").arg(s.iterations)));
    // Parameters now show estimate ± standard error.
    const QStringList params = childTexts(tree.sectionItem(ProjectTree::Section::Parameters));
    const QString ea = QString::number(s.parameters[1].value, 'g', 6);
    QVERIFY2(params.value(1).startsWith(QStringLiteral("Ea = %1 ± ").arg(ea)), qPrintable(params.join('|')));

    // A formula edit after the fit: the result of the old formula is no
    // longer shown (no estimate describes the new model), the settings of
    // names that stay are kept.
    doc.setFormula(QStringLiteral("c + A*exp(-Ea/(R*T))"));
    const QStringList reordered = childTexts(tree.sectionItem(ProjectTree::Section::Parameters));
    QVERIFY2(reordered.value(0).startsWith(QStringLiteral("c = ")), qPrintable(reordered.join('|')));
    QVERIFY2(reordered.filter(QStringLiteral("±")).isEmpty(), qPrintable(reordered.join('|')));
    QVERIFY2(reordered.filter(QStringLiteral("Ea = ")).value(0).contains(QStringLiteral("J/mol")),
             qPrintable(reordered.join('|')));
    doc.undoStack()->undo();

    // Activating the fit item asks for the fit section with its index.
    QSignalSpy activated(&tree, &ProjectTree::sectionActivated);
    QTreeWidgetItem* fitItem = tree.sectionItem(ProjectTree::Section::Fit)->child(0);
    emit tree.itemActivated(fitItem, 0);
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.at(0).at(0).value<ProjectTree::Section>(), ProjectTree::Section::Fit);
    QCOMPARE(activated.at(0).at(1).toInt(), 0);
    emit tree.itemActivated(tree.sectionItem(ProjectTree::Section::Data), 0);
    QCOMPARE(activated.at(1).at(0).value<ProjectTree::Section>(), ProjectTree::Section::Data);
    QCOMPARE(activated.at(1).at(1).toInt(), -1);

    // Another project: the session's fits belonged to the old one; the
    // saved result of the new one is listed instead.
    QCOMPARE(doc.load(QStringLiteral(HF_SOURCE_DIR "/projects/cooling/cooling.hfproj")), QString());
    QVERIFY(tree.fits().empty());
    const QStringList saved = childTexts(tree.sectionItem(ProjectTree::Section::Fit));
    QVERIFY(doc.project().lastResult);  // the cooling example ships fitted
    QCOMPARE(saved.size(), 1);
    QVERIFY2(saved[0].startsWith(QStringLiteral("saved result: converged")), qPrintable(saved[0]));
  }
};

QTEST_MAIN(ProjectTreeTest)
#include "ProjectTreeTest.moc"
