#include "RecentFiles.h"

#include <QSettings>

namespace hf::app {

namespace {
const QString kKey = QStringLiteral("recentFiles");
}

QStringList RecentFiles::list() { return QSettings().value(kKey).toStringList(); }

void RecentFiles::add(const QString& path) {
  if (path.isEmpty()) return;
  QStringList files = list();
  files.removeAll(path);
  files.prepend(path);
  while (files.size() > kMax) files.removeLast();
  QSettings().setValue(kKey, files);
}

}  // namespace hf::app
