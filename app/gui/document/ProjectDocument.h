#pragma once
// The open project as the workbench edits it: the project data, its file,
// an undo stack for every edit (model, parameters, data mapping, solver,
// accepted fit results) and the unsaved-changes state. Widgets read it and
// request edits through it; only this class changes the project.
//
// Thread: GUI thread only. Datasets are not part of undo snapshots (they
// can be large); edits that replace data clear the undo stack.

#include "fit/FitSummary.h"
#include "library/EquationLibrary.h"
#include "library/EquationMapping.h"
#include "project/Project.h"

#include <QObject>
#include <QString>
#include <QStringList>
#include <QUndoStack>

#include <optional>

namespace hf::app {

/// The part of a project that undo snapshots cover.
struct EditableState {
  project::ModelSettings model;
  std::vector<fit::ParameterSetting> parameters;
  fit::CalibrationOptions solver;
  std::optional<fit::FitSummary> lastResult;
};

class ProjectDocument : public QObject {
  Q_OBJECT
 public:
  explicit ProjectDocument(QObject* parent = nullptr);
  ~ProjectDocument() override;

  const project::Project& project() const { return m_project; }
  /// Absolute path of the project file; empty for a new, unsaved project.
  const QString& filePath() const { return m_path; }
  /// "cooling.hfproj" or "Untitled".
  QString displayName() const;
  bool isModified() const { return !m_undo.isClean(); }
  QUndoStack* undoStack() { return &m_undo; }

  /// Replaces everything with an empty project.
  void newProject();
  /// Loads a project file; on failure returns the message and keeps the
  /// current project unchanged.
  QString load(const QString& path);
  /// Saves (atomically) to `path`, or to filePath() when empty. Returns the
  /// error message or an empty string.
  QString save(const QString& path = QString());
  /// Replaces the datasets by one dataset (e.g. imported); not undoable:
  /// clears the undo history but marks the project modified.
  void setDataset(const project::ProjectDataset& dataset);

  // Undoable edits. Each pushes one command; consecutive edits of the same
  // field (typing a formula) merge into one undo step.
  void setFormula(const QString& formula);
  void setResponse(const QString& response);
  void setWeights(model::WeightKind kind, const QString& column);
  void setParameter(int index, const fit::ParameterSetting& setting);
  void setSolverOptions(const fit::CalibrationOptions& options);
  /// Replaces the model's learned components and penalties (one undoable
  /// edit; the last result is dropped: it belongs to another model).
  void setLearnedAndPenalties(const std::vector<ml::LearnedSpec>& learned,
                              const std::vector<model::PenaltySpec>& penalties);
  /// Stores the result. Start values stay what they were (start and
  /// estimate are separate columns); useEstimatesAsStarts() moves them.
  void acceptFitResult(const fit::FitSummary& summary);
  /// Sets every free parameter's start to its estimate in the last result
  /// (one undoable edit); false when there is no result with estimates.
  bool useEstimatesAsStarts();
  /// Whether the last edit (the one Undo would take back) accepted a fit.
  bool lastEditIsFit() const;
  /// Takes the last accepted fit back (an undo): parameters and result are
  /// again what they were before the fit. False when the last edit was not
  /// a fit; nothing changes then.
  bool restorePreFitParameters();
  /// Replaces the model with a library equation's formula and parameters.
  /// Inputs of the equation that are not data columns are renamed to the
  /// data's free columns (not the response or weights), in order: the
  /// Arrhenius T becomes the data's "temp" when that is the only other column.
  void applyEquation(const QString& equationId);
  static std::string mapEquationInputs(const library::Equation& eq, const project::Project& p);
  /// Which data column stands for each of eq's inputs (library::mapInputs).
  static library::InputMapping inputMapping(const library::Equation& eq, const project::Project& p);

  /// Parameter names follow the formula: after a formula edit, parameters
  /// are the formula's non-column names; existing settings are kept by name,
  /// and so are those of `earlier` (names the formula lost while being
  /// typed, so that retyping it brings their starts, bounds and units back).
  /// A new name starts as autoStart (chosen from the data at the fit).
  static std::vector<fit::ParameterSetting> parametersFor(const project::Project& p, const std::string& formula,
                                                          const std::vector<fit::ParameterSetting>& earlier = {});

  // ODE models (ProjectDocumentOde.cpp).
  /// Replaces the system, initial values and observables (one undoable
  /// edit; consecutive calls while typing merge). Parameters follow the
  /// model's names, settings kept by name (a local parameter's per-experiment
  /// settings start as its shared one's); while the model does not build
  /// against the data they stay as they are.
  void setOdeModel(const project::OdeModelSettings& ode);
  /// Makes a parameter of the ODE system local (one value per experiment,
  /// "name[experiment]") or shared again (the first experiment's setting).
  void setParameterLocal(const QString& name, bool local);
  /// Replaces the model by a new ODE model on the dataset: one state per
  /// column other than `timeColumn`, dX/dt = -k_X*X from X(t0) = X_0, each
  /// state observed as its column; the user then writes the real rates.
  /// Replaces the model by an ODE library entry on the dataset: time is the
  /// column named like the entry's time (or t, time), else the first; the
  /// entry's observables (or its states) whose columns exist are observed,
  /// else the states in order take the other columns. Starts, bounds,
  /// units and log scales come from the library; constants are fixed.
  void applyOdeEquation(const QString& equationId);
  /// Adds a dataset as a new experiment of the ODE model (its time column
  /// `timeColumn`, the model's initial values, every observed column
  /// required). Like an import, not undoable: clears the undo history.
  /// Returns what is wrong (nothing changes then), or an empty string.
  /// Experiment e's own initial values, per state in state order ("" = the
  /// model's). One undoable edit; typing merges. Parameters follow.
  void setExperimentInitial(int experiment, const std::vector<std::string>& initial);
  QString addExperiment(const project::ProjectDataset& dataset, const QString& timeColumn);
  void createOdeFromColumns(const QString& timeColumn, const QStringList& exclude = {});
  /// Parameter settings of an ODE project after a model edit (see
  /// setOdeModel); throws hf::Error when the model does not build.
  static std::vector<fit::ParameterSetting> odeParametersFor(const project::Project& p,
                                                             const std::vector<fit::ParameterSetting>& earlier);

  EditableState state() const;
  void applyState(const EditableState& s);  ///< used by undo commands

 signals:
  /// Anything in the project changed (edit, undo, redo, load).
  void changed();
  /// The data changed (load, new, import): views must re-read everything.
  void dataReplaced();
  /// The model (formula, response, weights, parameter names) or the data
  /// changed: whatever was built from them must be rebuilt. Emitted before
  /// changed(). Parameter values and results alone do not emit it.
  void modelChanged();
  void modifiedChanged(bool modified);
  void filePathChanged(const QString& path);

 private:
  void push(const QString& text, const EditableState& after, int mergeId = -1);
  void parkParameters();
  /// After an ODE model edit in `after`: no result, parameters by the new names.
  void followOdeModel(EditableState& after);

  project::Project m_project;
  QString m_path;
  /// Settings of parameters that left the formula during this session's
  /// edits, by name (cleared with the project).
  std::vector<fit::ParameterSetting> m_parked;
  QUndoStack m_undo;
};

}  // namespace hf::app
