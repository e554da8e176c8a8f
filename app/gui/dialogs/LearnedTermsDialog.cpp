#include "dialogs/LearnedTermsDialog.h"

#include "common/Error.h"
#include "dialogs/LearnedComponentsPage.h"
#include "dialogs/PenaltiesPage.h"
#include "model/AlgebraicModel.h"
#include "model/OdeModel.h"
#include "project/ProjectFit.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

namespace hf::app {

LearnedTermsDialog::LearnedTermsDialog(const project::Project& project, QWidget* parent)
    : QDialog(parent),
      m_project(project),
      m_tabs(new QTabWidget(this)),
      m_learned(new LearnedComponentsPage(project.model.learned(), this)),
      m_penalties(new PenaltiesPage(project.model.penalties(), project.model.isOde(), this)),
      m_check(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this)) {
  setWindowTitle(tr("Learned components and penalties"));
  m_tabs->addTab(m_learned, tr("Learned components"));
  m_tabs->addTab(m_penalties, tr("Penalties"));
  m_check->setWordWrap(true);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(m_tabs, 1);
  layout->addWidget(m_check);
  layout->addWidget(m_buttons);
  connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(m_learned, &LearnedComponentsPage::edited, this, [this] { recheck(); });
  connect(m_penalties, &PenaltiesPage::edited, this, [this] { recheck(); });
  resize(760, 520);
  recheck();
}

const std::vector<ml::LearnedSpec>& LearnedTermsDialog::learned() const { return m_learned->specs(); }
const std::vector<model::PenaltySpec>& LearnedTermsDialog::penalties() const { return m_penalties->specs(); }

void LearnedTermsDialog::recheck() {
  const bool valid = m_learned->problem().isEmpty() && m_penalties->problem().isEmpty();
  m_buttons->button(QDialogButtonBox::Ok)->setEnabled(valid);
  m_check->clear();
  if (!valid) return;
  project::Project trial = m_project;
  trial.model.learned() = learned();
  trial.model.penalties() = penalties();
  try {
    if (trial.model.isOde())
      project::buildOdeModel(trial);
    else if (!trial.datasets.empty())
      model::AlgebraicModel(trial.modelDataset(), trial.model.spec);
  } catch (const Error& e) {
    m_check->setText(tr("<span style='color:#8a5a00'>The model does not build with these yet: %1</span>")
                         .arg(QString::fromStdString(e.message()).toHtmlEscaped()));
  }
}

}  // namespace hf::app
