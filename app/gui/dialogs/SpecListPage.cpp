#include "dialogs/SpecListPage.h"

#include <QHBoxLayout>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace hf::app {

SpecListPage::SpecListPage(std::size_t count, QWidget* parent)
    : QWidget(parent),
      m_formErrors(count),
      m_list(new QListWidget(this)),
      m_add(new QPushButton(tr("Add"), this)),
      m_remove(new QPushButton(tr("Remove"), this)) {
  connect(m_list, &QListWidget::currentRowChanged, this, [this] { showCurrent(); });
  connect(m_add, &QPushButton::clicked, this, [this] { appendSpec(); });
  connect(m_remove, &QPushButton::clicked, this, [this] {
    const int row = currentRow();
    if (row < 0) return;
    eraseSpec(row);
    m_formErrors.erase(m_formErrors.begin() + row);
    delete m_list->takeItem(row);
    showCurrent();
    emit edited();
  });
}

void SpecListPage::finishLayout(QLayout* form, const QStringList& names) {
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(m_add);
  buttons->addWidget(m_remove);
  auto* left = new QVBoxLayout;
  left->addWidget(m_list, 1);
  left->addLayout(buttons);
  auto* layout = new QHBoxLayout(this);
  layout->addLayout(left, 1);
  layout->addLayout(form, 2);
  m_list->addItems(names);
  if (!names.isEmpty()) m_list->setCurrentRow(0);
}

void SpecListPage::appended(const QString& name) {
  m_formErrors.emplace_back();
  m_list->addItem(name);
  m_list->setCurrentRow(m_list->count() - 1);
  emit edited();
}

int SpecListPage::currentRow() const {
  const int row = m_list->currentRow();
  return row >= 0 && static_cast<std::size_t>(row) < m_formErrors.size() ? row : -1;
}

}  // namespace hf::app
