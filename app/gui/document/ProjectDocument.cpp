#include "document/ProjectDocument.h"

#include "common/Error.h"
#include "library/EquationLibrary.h"
#include "model/AlgebraicModel.h"
#include "project/LearnedJson.h"
#include "project/OdeModelJson.h"
#include "project/ProjectFile.h"

#include <QDir>
#include <QFileInfo>
#include <QUndoCommand>

#include <algorithm>

namespace hf::app {
namespace {

// One undo step: the editable state before and after. Edits with the same
// merge id in a row (typing in the formula field) collapse into one step.
class StateCommand final : public QUndoCommand {
 public:
  StateCommand(ProjectDocument* doc, const QString& text, EditableState before, EditableState after, int mergeId)
      : QUndoCommand(text), m_doc(doc), m_before(std::move(before)), m_after(std::move(after)), m_id(mergeId) {}

  void undo() override { m_doc->applyState(m_before); }
  void redo() override { m_doc->applyState(m_after); }
  int id() const override { return m_id; }
  bool mergeWith(const QUndoCommand* other) override {
    if (other->id() != m_id || m_id < 0) return false;
    m_after = static_cast<const StateCommand*>(other)->m_after;
    return true;
  }

 private:
  ProjectDocument* m_doc;
  EditableState m_before, m_after;
  int m_id;
};

// Merge ids; ProjectDocumentOde.cpp uses 3 for ODE model edits.
enum MergeIds { kFormulaMerge = 1, kResponseMerge = 2 };
// Marks accepted fit results; negative ids never merge (see mergeWith).
constexpr int kFitResultId = -2;

}  // namespace

ProjectDocument::ProjectDocument(QObject* parent) : QObject(parent) {
  connect(&m_undo, &QUndoStack::cleanChanged, this, [this](bool clean) { emit modifiedChanged(!clean); });
}

ProjectDocument::~ProjectDocument() {
  // The undo stack's destructor clears it, which emits indexChanged and
  // cleanChanged; by then this document (and perhaps the window that owns
  // it) is half destroyed, so nobody may hear them.
  m_undo.blockSignals(true);
}

QString ProjectDocument::displayName() const {
  return m_path.isEmpty() ? tr("Untitled") : QFileInfo(m_path).fileName();
}

EditableState ProjectDocument::state() const {
  return {m_project.model, m_project.parameters, m_project.solver, m_project.lastResult};
}

namespace {
bool sameOde(const project::OdeModelSettings& a, const project::OdeModelSettings& b) {
  nlohmann::json ja, jb;
  project::odeModelToJson(a, ja);
  project::odeModelToJson(b, jb);
  return ja == jb;
}

bool sameModel(const project::ModelSettings& a, const project::ModelSettings& b) {
  if (a.kind != b.kind || (a.isOde() && !sameOde(a.ode, b.ode))) return false;
  if (!(a.learned() == b.learned()) || !(a.penalties() == b.penalties())) return false;
  return a.dataset == b.dataset && a.spec.formula == b.spec.formula && a.spec.response == b.spec.response &&
         a.spec.parameters == b.spec.parameters && a.spec.weightKind == b.spec.weightKind &&
         a.spec.weightColumn == b.spec.weightColumn;
}
}  // namespace

void ProjectDocument::applyState(const EditableState& s) {
  const bool modelDiffers = !sameModel(m_project.model, s.model);
  m_project.model = s.model;
  m_project.parameters = s.parameters;
  m_project.solver = s.solver;
  m_project.lastResult = s.lastResult;
  if (modelDiffers) emit modelChanged();
  emit changed();
}

void ProjectDocument::push(const QString& text, const EditableState& after, int mergeId) {
  m_undo.push(new StateCommand(this, text, state(), after, mergeId));
}

void ProjectDocument::newProject() {
  m_project = project::Project{};
  m_path.clear();
  m_parked.clear();
  m_undo.clear();
  emit filePathChanged(m_path);
  emit dataReplaced();
  emit modelChanged();
  emit changed();
}

QString ProjectDocument::load(const QString& path) {
  try {
    m_project = project::loadProject(path.toStdString());
  } catch (const Error& e) {
    return QString::fromStdString(e.what());
  }
  m_path = QFileInfo(path).absoluteFilePath();
  m_parked.clear();
  m_undo.clear();
  emit filePathChanged(m_path);
  emit dataReplaced();
  emit modelChanged();
  emit changed();
  return {};
}

QString ProjectDocument::save(const QString& path) {
  const QString target = path.isEmpty() ? m_path : path;
  if (target.isEmpty()) return tr("no file name given");
  try {
    project::saveProject(m_project, target.toStdString());
  } catch (const Error& e) {
    return QString::fromStdString(e.what());
  }
  // Data file paths are relative to the project file: remember them so the
  // next save from the same place writes the same paths.
  for (project::ProjectDataset& d : m_project.datasets)
    if (!d.embedded() && !d.data.sourcePath.empty())
      d.relativePath =
          QFileInfo(target).absoluteDir().relativeFilePath(QString::fromStdString(d.data.sourcePath)).toStdString();
  const bool renamed = QFileInfo(target).absoluteFilePath() != m_path;
  m_path = QFileInfo(target).absoluteFilePath();
  m_undo.setClean();
  if (renamed) emit filePathChanged(m_path);
  return {};
}

void ProjectDocument::setDataset(const project::ProjectDataset& dataset) {
  m_project.datasets = {dataset};
  m_project.model.dataset = dataset.data.name;
  m_project.lastResult.reset();
  m_parked.clear();
  m_undo.clear();
  m_undo.resetClean();  // a fresh import is an unsaved change
  emit modifiedChanged(true);
  emit dataReplaced();
  emit modelChanged();
  emit changed();
}

std::vector<fit::ParameterSetting> ProjectDocument::parametersFor(const project::Project& p, const std::string& formula,
                                                                  const std::vector<fit::ParameterSetting>& earlier) {
  std::vector<std::string> names;
  try {
    names = p.datasets.empty() ? expr::Expression::freeNames(formula)
                               : model::AlgebraicModel::parameterNamesIn(formula, p.modelDataset());
  } catch (const Error&) {
    return p.parameters;  // while the formula does not parse, keep what there is
  }
  std::vector<fit::ParameterSetting> out;
  for (const std::string& n : names) {
    fit::ParameterSetting s;
    s.name = n;
    s.autoStart = true;
    for (const fit::ParameterSetting& old : earlier)
      if (old.name == n) s = old;
    for (const fit::ParameterSetting& old : p.parameters)
      if (old.name == n) s = old;
    out.push_back(s);
  }
  return out;
}

void ProjectDocument::setFormula(const QString& formula) {
  EditableState after = state();
  if (after.model.spec.formula == formula.toStdString()) return;
  after.model.spec.formula = formula.toStdString();
  after.model.equationId.clear();
  // A result of another formula would show estimates and a curve that the
  // model no longer describes.
  after.lastResult.reset();
  parkParameters();
  after.parameters = parametersFor(m_project, after.model.spec.formula, m_parked);
  after.model.spec.parameters.clear();
  for (const auto& s : after.parameters) after.model.spec.parameters.push_back(s.name);
  push(tr("Edit formula"), after, kFormulaMerge);
}

void ProjectDocument::parkParameters() {
  for (const fit::ParameterSetting& s : m_project.parameters) {
    std::erase_if(m_parked, [&](const fit::ParameterSetting& q) { return q.name == s.name; });
    m_parked.push_back(s);
  }
}

void ProjectDocument::setResponse(const QString& response) {
  EditableState after = state();
  after.model.spec.response = response.toStdString();
  push(tr("Edit response"), after, kResponseMerge);
}

void ProjectDocument::setWeights(model::WeightKind kind, const QString& column) {
  EditableState after = state();
  after.model.spec.weightKind = kind;
  after.model.spec.weightColumn = column.toStdString();
  push(tr("Change weights"), after);
}

void ProjectDocument::setParameter(int index, const fit::ParameterSetting& setting) {
  if (index < 0 || index >= static_cast<int>(m_project.parameters.size())) return;
  EditableState after = state();
  after.parameters[static_cast<std::size_t>(index)] = setting;
  push(tr("Edit parameter %1").arg(QString::fromStdString(setting.name)), after);
}

void ProjectDocument::setSolverOptions(const fit::CalibrationOptions& options) {
  EditableState after = state();
  after.solver = options;
  push(tr("Change solver options"), after);
}

void ProjectDocument::setLearnedAndPenalties(const std::vector<ml::LearnedSpec>& learned,
                                             const std::vector<model::PenaltySpec>& penalties) {
  if (learned == m_project.model.learned() && penalties == m_project.model.penalties()) return;
  EditableState after = state();
  after.model.learned() = learned;
  after.model.penalties() = penalties;
  if (after.model.isOde())
    followOdeModel(after);
  else
    after.lastResult.reset();  // a result of another model would mislead
  push(tr("Edit learned components and penalties"), after);
}

void ProjectDocument::acceptFitResult(const fit::FitSummary& summary) {
  EditableState after = state();
  after.lastResult = summary;
  // The starts stay: the user's starts and the estimates are both kept
  // (issue 10, fault 13); "Use estimates as start values" moves them.
  push(tr("Accept fit result"), after, kFitResultId);
}

bool ProjectDocument::useEstimatesAsStarts() {
  if (!m_project.lastResult || m_project.lastResult->termination == fit::Termination::Failed) return false;
  EditableState after = state();
  bool moved = false;
  for (fit::ParameterSetting& s : after.parameters)
    for (const fit::ParameterEstimate& e : m_project.lastResult->parameters)
      if (e.name == s.name && !s.fixed && std::isfinite(e.value) && e.value >= s.lower && e.value <= s.upper) {
        s.start = e.value;
        s.autoStart = false;
        moved = true;
      }
  // Learned components start from the weights the fit ended with.
  if (!after.model.learned().empty() && project::adoptFittedWeights(after.model.learned(), *m_project.lastResult))
    moved = true;
  if (!moved) return false;
  push(tr("Use estimates as start values"), after);
  return true;
}

bool ProjectDocument::lastEditIsFit() const {
  return m_undo.index() > 0 && m_undo.command(m_undo.index() - 1)->id() == kFitResultId;
}

bool ProjectDocument::restorePreFitParameters() {
  if (!lastEditIsFit()) return false;
  m_undo.undo();
  return true;
}

std::string ProjectDocument::mapEquationInputs(const library::Equation& eq, const project::Project& p) {
  if (p.datasets.empty()) return eq.formula;
  return library::renameInputs(eq.formula, inputMapping(eq, p));
}

library::InputMapping ProjectDocument::inputMapping(const library::Equation& eq, const project::Project& p) {
  if (p.datasets.empty()) return {};
  const model::AlgebraicModelSpec& spec = p.model.spec;
  return library::mapInputs(eq, p.datasets.front().data, spec.response,
                            spec.weightKind != model::WeightKind::None ? spec.weightColumn : std::string());
}

void ProjectDocument::applyEquation(const QString& equationId) {
  const library::Equation* eq = library::EquationLibrary::builtIn().find(equationId.toStdString());
  if (!eq) return;
  EditableState after = state();
  after.model.equationId = eq->id;
  after.model.spec.formula = mapEquationInputs(*eq, m_project);
  after.lastResult.reset();  // a result of another model: its estimates would mislead
  after.parameters.clear();
  after.model.spec.parameters.clear();
  if (m_project.datasets.empty()) {
    for (const library::LibraryParameter& lp : eq->parameters)
      after.parameters.push_back({lp.name, lp.start, lp.lower, lp.upper, false, lp.unit});
    for (const library::Symbol& c : eq->constants)
      after.parameters.push_back({c.name, c.value, -INFINITY, INFINITY, true, c.unit});
  } else {
    // Units follow from the columns the inputs are mapped to (never the
    // library's unit where the data use another).
    after.parameters = library::parameterSettings(*eq, m_project.datasets.front().data, m_project.model.spec.response,
                                                  inputMapping(*eq, m_project));
  }
  // The library's start is one candidate of the starts chosen at the fit.
  for (fit::ParameterSetting& s : after.parameters) s.autoStart = !s.fixed;
  for (const auto& s : after.parameters) after.model.spec.parameters.push_back(s.name);
  push(tr("Use equation %1").arg(QString::fromStdString(eq->name)), after);
}

}  // namespace hf::app
