// The learned-term view (issue 12): a curve for a one-input component, a
// surface for two, its points at the data, a reference expression beside
// it, and the tab offered only for models with learned components.
#include "ImageChecks.h"
#include "ProjectFixtures.h"
#include "plot/ChartView.h"
#include "project/ProjectFile.h"
#include "project/ProjectFit.h"
#include "surface/SurfaceView.h"
#include "views/LearnedTermView.h"
#include "views/ResultViews.h"

#include <QComboBox>
#include <QLabel>
#include <QtTest>

using namespace hf;

namespace {

// y = 2 x + P(z) with P the missing 0.3 z^2 - 0.5 z.
project::Project polynomialProject() {
  nlohmann::json x = nlohmann::json::array(), z = nlohmann::json::array(), y = nlohmann::json::array();
  for (int i = 0; i < 30; ++i) {
    const double xv = 0.05 * i, zv = std::sin(1.7 * i);
    x.push_back(xv);
    z.push_back(zv);
    y.push_back(2 * xv + 0.3 * zv * zv - 0.5 * zv);
  }
  nlohmann::json doc = nlohmann::json::parse(R"json({"schemaVersion": 3, "name": "poly",
    "datasets": [{"name": "d", "columns": []}],
    "model": {"kind": "algebraic", "formula": "a*x + P(z)", "response": "y",
      "learned": [{"name": "P", "type": "polynomial", "inputs": 1, "degree": 2}]},
    "parameters": [{"name": "a", "start": 1}]})json");
  doc["datasets"][0]["columns"] = {
      {{"name", "x"}, {"values", x}}, {{"name", "z"}, {"values", z}}, {{"name", "y"}, {"values", y}}};
  return project::projectFromJson(doc, ".", "poly.hfproj");
}

void save(QWidget& w, const char* name) {
  if (const QByteArray dir = qgetenv("HF_SCREENSHOT_DIR"); !dir.isEmpty())
    w.grab().save(QString::fromUtf8(dir) + "/" + name);
}

}  // namespace

class LearnedTermViewTest : public QObject {
  Q_OBJECT
 private slots:
  void curveForOneInput() {
    project::Project p = polynomialProject();
    p.lastResult = project::fitProject(p);
    app::LearnedTermView view;
    view.resize(800, 600);
    view.show();
    QVERIFY(view.showProject(p));
    QCOMPARE(view.currentOutput(), QStringLiteral("P"));
    QVERIFY(view.chart()->isVisible());
    QVERIFY(view.chart()->hasSeries(QStringLiteral("learned P")));
    QVERIFY(view.chart()->hasSeries(QStringLiteral("at the data")));
    QCOMPARE(view.chart()->xTitle(), QStringLiteral("z"));
    const QImage img = view.grab().toImage();
    QVERIFY(test::isNonBlank(img));
    QVERIFY(test::countNear(img, widgets::ChartView::curveColor(), 40) > 50);
    view.setReference(QStringLiteral("0.3*z^2 - 0.5*z"));
    QVERIFY(view.chart()->hasSeries(QStringLiteral("reference 0.3*z^2 - 0.5*z")));
    save(view, "learned-curve.png");
    // A bad reference is named, and the curve stays.
    view.setReference(QStringLiteral("0.3*q"));
    QVERIFY(view.chart()->hasSeries(QStringLiteral("learned P")));
  }

  // A physics-informed network (projects/pinn-lv): the ODE its penalties
  // state is drawn beside N(t), in its own colour; without those penalties
  // it is not.
  void statedOdeBesideTheNetwork() {
    project::Project p = project::loadProject(test::exampleProject("pinn-lv"));
    app::LearnedTermView view;
    view.resize(800, 600);
    view.show();
    QVERIFY(view.showProject(p));
    QCOMPARE(view.currentOutput(), QStringLiteral("N[1]"));
    const QString ode = QStringLiteral("ODE solved from N(t0)");
    QVERIFY(view.chart()->hasSeries(ode));
    QVERIFY(test::countNear(view.grab().toImage(), QColor(30, 90, 200), 40) > 50);
    // Another one-input component, not differentiated by any penalty: N's
    // line goes, and no note about an ODE appears.
    ml::LearnedSpec m;
    m.name = "M";
    m.kind = ml::LearnedKind::Polynomial;
    m.degree = 1;
    p.model.spec.learned.push_back(m);
    p.model.spec.formula += " + 0*M(t)";
    QVERIFY(view.showProject(p));
    auto* box = view.findChild<QComboBox*>();
    QVERIFY(box);
    box->setCurrentText("M");
    QCOMPARE(view.currentOutput(), QStringLiteral("M"));
    for (const QString& name : view.chart()->seriesNames()) QVERIFY2(!name.startsWith("ODE solved"), qPrintable(name));
    for (QLabel* l : view.findChildren<QLabel*>()) QVERIFY2(!l->text().contains("no ODE"), qPrintable(l->text()));
    box->setCurrentText("N[1]");
    QVERIFY(view.chart()->hasSeries(ode));
    p.model.spec.penalties.clear();
    QVERIFY(view.showProject(p));
    QVERIFY(!view.chart()->hasSeries(ode));
  }

  // A fitted hybrid algebraic model (two inputs: the surface tab): the
  // result views take the fitted weights (they come after the project's
  // parameters) and draw the residuals and the cost history, which splits
  // off the weight penalty.
  void fittedHybridModelIsDrawn() {
    project::Project p = polynomialProject();
    p.model.learned()[0].l2 = 1e-6;
    p.lastResult = project::fitProject(p);
    QVERIFY(p.lastResult->converged());
    app::ResultViews views;
    views.resize(800, 600);
    views.QWidget::show();
    views.show(p);
    QVERIFY(!views.residualChart()->seriesNames().isEmpty());
    QVERIFY(views.costChart()->hasSeries(QStringLiteral("P weights (L2)")));
  }

  // A running fit's reports: the terms and the held-out error of each
  // iteration join the cost history as lines of their own.
  void liveLossBreakdown() {
    const project::Project p = polynomialProject();
    app::ResultViews views;
    views.resize(800, 600);
    views.QWidget::show();
    views.show(p);
    views.beginFit();
    const std::vector<double> params{1.0, 0.0, 0.0, 0.0};
    for (int i = 0; i < 3; ++i) {
      views.setLiveTerms({QStringLiteral("P weights (L2)")}, {0.1 / (i + 1)});
      if (i > 0) views.setLiveValidation(0.5 / i);
      views.showProgress(p, params, i, 1.0 / (i + 1));
    }
    const QStringList names = views.costChart()->seriesNames();
    for (const char* n : {"total cost", "data", "P weights (L2)", "held-out (validation)"})
      QVERIFY2(names.contains(QString::fromLatin1(n)), qPrintable(names.join(", ")));
    views.endFit();
  }

  void surfaceForTwoInputs() {
    const project::Project p = project::loadProject(test::exampleProject("universal-lv"));
    app::ResultViews views;
    views.resize(900, 700);
    views.QWidget::show();
    views.show(p);
    app::LearnedTermView* view = views.learnedView();
    QVERIFY(views.isTabEnabled(views.indexOf(view)));
    views.setCurrentWidget(view);
    QCOMPARE(view->currentOutput(), QStringLiteral("U[1]"));
    QVERIFY(view->surface()->isVisible());
    view->setReference(QStringLiteral("-0.9*x*y"));
    QTest::qWait(100);
    const QImage img = views.grab().toImage();
    QVERIFY(test::isNonBlank(img));
    save(views, "learned-surface.png");
    // A model without learned components: the tab is not offered.
    project::Project plain = p;
    plain.model.ode.spec.learned.clear();
    plain.model.ode.spec.equations.rates = {"a*x - b*x*y", "c*x*y - d*y"};
    views.markStale();
    views.show(plain);
    QVERIFY(!views.isTabEnabled(views.indexOf(view)));
    QVERIFY(views.currentWidget() != view);
  }
};

QTEST_MAIN(LearnedTermViewTest)
#include "LearnedTermViewTest.moc"
