// ProjectDocument's edits of ODE models (see ProjectDocument.h).
#include "document/ProjectDocument.h"

#include "common/Error.h"
#include "library/OdeLibrary.h"
#include "project/OdeModelJson.h"
#include "project/ProjectFit.h"

#include <cmath>

#include <algorithm>

namespace hf::app {
namespace {

constexpr int kOdeMerge = 3;  // consecutive ODE text edits merge into one undo step

std::string baseName(const std::string& name) {
  const auto b = name.find('[');
  return b == std::string::npos ? name : name.substr(0, b);
}

const fit::ParameterSetting* findSetting(const std::vector<fit::ParameterSetting>& list, const std::string& name) {
  for (const fit::ParameterSetting& s : list)
    if (s.name == name) return &s;
  return nullptr;
}

}  // namespace

std::vector<fit::ParameterSetting> ProjectDocument::odeParametersFor(
    const project::Project& p, const std::vector<fit::ParameterSetting>& earlier) {
  const model::OdeModel m = project::buildOdeModel(p);
  std::vector<fit::ParameterSetting> out;
  const std::vector<std::string>& weights = m.learned().weightNames();
  for (const std::string& name : m.parameterNames()) {
    // Learned weights start from their seeded (or stored) values, not from
    // settings of their own.
    if (std::find(weights.begin(), weights.end(), name) != weights.end()) continue;
    const std::string base = baseName(name);
    const fit::ParameterSetting* s = findSetting(p.parameters, name);
    if (!s) s = findSetting(earlier, name);
    // Linked or unlinked: the other form's setting carries over.
    if (!s && base != name) s = findSetting(p.parameters, base);
    if (!s && base == name)
      for (const fit::ParameterSetting& q : p.parameters)
        if (baseName(q.name) == name && q.name != name) {
          s = &q;
          break;
        }
    fit::ParameterSetting setting;
    if (s) {
      setting = *s;
    } else {
      setting.autoStart = true;  // chosen from the data at the fit
    }
    setting.name = name;
    out.push_back(setting);
  }
  return out;
}

void ProjectDocument::followOdeModel(EditableState& after) {
  after.lastResult.reset();  // a result of another model would mislead
  parkParameters();
  project::Project trial = m_project;
  trial.model = after.model;
  try {
    after.parameters = odeParametersFor(trial, m_parked);
  } catch (const Error&) {
    // The model does not build yet (being typed): the parameters stay.
  }
}

void ProjectDocument::setOdeModel(const project::OdeModelSettings& ode) {
  EditableState after = state();
  after.model.kind = "ode";
  after.model.ode = ode;
  after.model.ode.deriveParameters();
  if (after.model.kind == m_project.model.kind) {
    // The same model (a comma just typed, say): no edit, result kept.
    nlohmann::json a, b;
    project::odeModelToJson(after.model.ode, a);
    project::odeModelToJson(m_project.model.ode, b);
    if (a == b) return;
  }
  followOdeModel(after);
  push(tr("Edit ODE model"), after, kOdeMerge);
}

void ProjectDocument::setParameterLocal(const QString& name, bool local) {
  if (!m_project.model.isOde()) return;
  EditableState after = state();
  auto& list = after.model.ode.spec.localParameters;
  const std::string n = name.toStdString();
  const bool isLocal = std::find(list.begin(), list.end(), n) != list.end();
  if (isLocal == local) return;
  if (local)
    list.push_back(n);
  else
    std::erase(list, n);
  after.lastResult.reset();
  project::Project trial = m_project;
  trial.model = after.model;
  try {
    after.parameters = odeParametersFor(trial, {});
  } catch (const Error&) {
    return;
  }
  push(local ? tr("Unlink %1 (one value per experiment)").arg(name)
             : tr("Link %1 (shared by all experiments)").arg(name),
       after);
}

void ProjectDocument::setExperimentInitial(int experiment, const std::vector<std::string>& initial) {
  if (!m_project.model.isOde() || experiment < 0 ||
      experiment >= static_cast<int>(m_project.model.ode.experiments.size()))
    return;
  EditableState after = state();
  auto& x = after.model.ode.experiments[static_cast<std::size_t>(experiment)];
  std::vector<std::string> now = initial;
  now.resize(after.model.ode.spec.equations.states.size());
  if (std::all_of(now.begin(), now.end(), [](const std::string& v) { return v.empty(); })) now.clear();
  std::vector<std::string> before = x.initial;
  if (std::all_of(before.begin(), before.end(), [](const std::string& v) { return v.empty(); })) before.clear();
  if (now == before) return;
  x.initial = now;
  after.model.ode.deriveParameters();
  followOdeModel(after);
  push(tr("Edit the initial values of %1").arg(QString::fromStdString(x.name)), after, kOdeMerge + 1);
}

QString ProjectDocument::addExperiment(const project::ProjectDataset& dataset, const QString& timeColumn) {
  if (!m_project.model.isOde()) return tr("the model is not an ODE model");
  const data::Dataset& d = dataset.data;
  if (d.findColumn(timeColumn.toStdString()) < 0)
    return tr("%1 has no column '%2' for time").arg(QString::fromStdString(d.name), timeColumn);
  for (const model::OdeObservable& o : m_project.model.ode.spec.observables) {
    if (d.findColumn(o.column) < 0)
      return tr("%1 has no column '%2', which the model observes")
          .arg(QString::fromStdString(d.name), QString::fromStdString(o.column));
    if (!o.sigmaColumn.empty() && d.findColumn(o.sigmaColumn) < 0)
      return tr("%1 has no sigma column '%2'")
          .arg(QString::fromStdString(d.name), QString::fromStdString(o.sigmaColumn));
  }
  project::Project next = m_project;
  project::ProjectDataset added = dataset;
  // Dataset and experiment names are unique: "run", "run_2", ...
  const auto taken = [&](const std::string& n) {
    if (next.findDataset(n)) return true;
    for (const auto& x : next.model.ode.experiments)
      if (x.name == n) return true;
    return false;
  };
  std::string name = d.name.empty() ? "experiment" : d.name;
  for (int k = 2; taken(name); ++k) name = (d.name.empty() ? "experiment" : d.name) + "_" + std::to_string(k);
  added.data.name = name;
  next.datasets.push_back(added);
  project::ExperimentSettings x;
  x.name = name;
  x.dataset = name;
  x.timeColumn = timeColumn.toStdString();
  next.model.ode.experiments.push_back(x);
  next.lastResult.reset();
  try {
    next.parameters = odeParametersFor(next, m_parked);
  } catch (const Error& e) {
    return QString::fromStdString(e.what());
  }
  m_project = std::move(next);
  m_undo.clear();
  m_undo.resetClean();  // an unsaved change
  emit modifiedChanged(true);
  emit modelChanged();
  emit changed();
  return {};
}

void ProjectDocument::applyOdeEquation(const QString& equationId) {
  const library::OdeEquation* eq = library::OdeLibrary::builtIn().find(equationId.toStdString());
  if (!eq || m_project.datasets.empty()) return;
  const data::Dataset& d = m_project.datasets.front().data;
  EditableState after = state();
  project::ModelSettings& m = after.model;
  m.kind = "ode";
  m.equationId = eq->id;
  project::OdeModelSettings ode;
  ode.spec = eq->spec();
  for (const library::OdeStateEntry& s : eq->states) ode.stateUnits.push_back(s.unit);
  // Time: the entry's name, t or time, else the first column.
  std::string time = d.columns.front().name;
  for (const std::string& n : {eq->time.name, std::string("t"), std::string("time")})
    if (d.findColumn(n) >= 0) {
      time = n;
      break;
    }
  // Observed: those whose column exists; none: the states take the other
  // columns in order.
  std::vector<model::OdeObservable> observed;
  for (const model::OdeObservable& o : ode.spec.observables)
    if (d.findColumn(o.column) >= 0) observed.push_back(o);
  if (observed.empty()) {
    std::size_t i = 0;
    for (const data::Column& c : d.columns) {
      if (c.name == time || i >= eq->states.size()) continue;
      observed.push_back({c.name, eq->states[i++].name, ""});
    }
  }
  ode.spec.observables = observed;
  project::ExperimentSettings x;
  x.name = d.name.empty() ? "experiment 1" : d.name;
  x.dataset = d.name;
  x.timeColumn = time;
  ode.experiments = {x};
  ode.deriveParameters();
  m.ode = ode;
  after.lastResult.reset();
  project::Project trial = m_project;
  trial.model = m;
  trial.parameters.clear();
  for (const library::LibraryParameter& lp : eq->parameters) {
    fit::ParameterSetting s{lp.name, lp.start, lp.lower, lp.upper, false, lp.unit};
    s.logScale = lp.logScale;
    trial.parameters.push_back(s);
  }
  for (const library::Symbol& c : eq->constants)
    trial.parameters.push_back({c.name, c.value, -INFINITY, INFINITY, true, c.unit});
  try {
    after.parameters = odeParametersFor(trial, {});
  } catch (const Error&) {
    after.parameters = trial.parameters;  // the editor says what does not build
  }
  push(tr("Use ODE model %1").arg(QString::fromStdString(eq->name)), after);
}

void ProjectDocument::createOdeFromColumns(const QString& timeColumn, const QStringList& exclude) {
  if (m_project.datasets.empty()) return;
  const data::Dataset& d = m_project.datasets.front().data;
  EditableState after = state();
  project::ModelSettings& m = after.model;
  m.kind = "ode";
  m.equationId.clear();
  project::OdeModelSettings ode;
  ode.spec.equations.timeName = "t";
  std::string t0Text;
  for (const data::Column& c : d.columns) {
    if (c.name == timeColumn.toStdString() || exclude.contains(QString::fromStdString(c.name))) continue;
    ode.spec.equations.states.push_back(c.name);
    ode.spec.equations.rates.push_back("-k_" + c.name + "*" + c.name);
    ode.spec.initial.push_back(c.name + "_0");
    ode.spec.observables.push_back({c.name, c.name, ""});
    ode.stateUnits.push_back(c.unit);
  }
  project::ExperimentSettings x;
  x.name = d.name.empty() ? "experiment 1" : d.name;
  x.dataset = d.name;
  x.timeColumn = timeColumn.toStdString();
  const int tc = d.findColumn(x.timeColumn);
  if (tc >= 0)
    for (double t : d.columns[static_cast<std::size_t>(tc)].values)
      if (std::isfinite(t)) x.t0 = std::min(x.t0, t);  // the earliest time, or 0
  ode.experiments = {x};
  ode.deriveParameters();
  m.ode = ode;
  after.lastResult.reset();
  project::Project trial = m_project;
  trial.model = m;
  trial.parameters.clear();
  try {
    after.parameters = odeParametersFor(trial, {});
  } catch (const Error&) {
    after.parameters.clear();
  }
  // Initial values start at the first measurement of their column.
  for (fit::ParameterSetting& s : after.parameters) {
    if (s.name.size() > 2 && s.name.ends_with("_0")) {
      const int c = d.findColumn(s.name.substr(0, s.name.size() - 2));
      if (c >= 0)
        for (double v : d.columns[static_cast<std::size_t>(c)].values)
          if (std::isfinite(v)) {
            s.start = v;
            s.autoStart = false;
            break;
          }
    }
  }
  push(tr("Create an ODE model from the columns"), after);
}

}  // namespace hf::app
