#pragma once
// Checks on widget trees shared by the GUI tests.
#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QStringList>
#include <QTabBar>
#include <QTextBrowser>
#include <QWidget>

namespace hf::test {

// Controls a user operates (buttons, fields, lists, tables) without a
// tooltip; Qt's own parts of composite widgets are not counted.
inline QStringList controlsWithoutTooltip(const QWidget& root) {
  QStringList missing;
  for (const QWidget* w : root.findChildren<QWidget*>()) {
    if (w->objectName().startsWith(QStringLiteral("qt_"))) continue;
    const QWidget* parent = w->parentWidget();
    if (qobject_cast<const QAbstractSpinBox*>(parent) || qobject_cast<const QComboBox*>(parent) ||
        qobject_cast<const QTabBar*>(parent) || qobject_cast<const QAbstractItemView*>(parent) ||
        qobject_cast<const QLineEdit*>(parent))
      continue;  // internals: a spin box's line edit, a table's headers, ...
    if (w->inherits("QComboBoxPrivateContainer") || (parent && parent->inherits("QComboBoxPrivateContainer"))) continue;
    const bool control = qobject_cast<const QAbstractButton*>(w) || qobject_cast<const QComboBox*>(w) ||
                         qobject_cast<const QLineEdit*>(w) || qobject_cast<const QAbstractSpinBox*>(w) ||
                         qobject_cast<const QAbstractItemView*>(w) || qobject_cast<const QPlainTextEdit*>(w) ||
                         qobject_cast<const QTextBrowser*>(w);
    if (control && w->toolTip().isEmpty())
      missing << QStringLiteral("%1 '%2'").arg(QString::fromLatin1(w->metaObject()->className()), w->objectName());
  }
  return missing;
}

}  // namespace hf::test
