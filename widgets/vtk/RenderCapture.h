#pragma once
// Helpers shared by the figure exporters: reading a render window into a
// QImage, writing a file atomically, and collecting VTK's error messages
// instead of letting VTK print them.
//
// Thread: GUI thread (the render window's context must be usable).

#include <QByteArray>
#include <QImage>
#include <QString>
#include <QStringList>

#include <vtkNew.h>

class vtkCallbackCommand;
class vtkObject;
class vtkRenderWindow;

namespace hf::widgets {

// Renders `window` and returns its pixels as an opaque RGB image of the
// window's size, top row first; a null image when the read-back fails.
QImage captureRenderWindow(vtkRenderWindow* window);

// Writes `bytes` to `path` through a temporary file and a rename, so that a
// failure never leaves a partial file. Returns the error, empty on success.
QString writeFileAtomically(const QString& path, const QByteArray& bytes);

// Collects the messages of vtkErrorMacro raised by one object while alive.
class VtkErrorCollector {
 public:
  explicit VtkErrorCollector(vtkObject* object);
  ~VtkErrorCollector();
  VtkErrorCollector(const VtkErrorCollector&) = delete;
  VtkErrorCollector& operator=(const VtkErrorCollector&) = delete;
  const QStringList& messages() const { return m_messages; }

 private:
  vtkObject* m_object;
  vtkNew<vtkCallbackCommand> m_command;
  unsigned long m_tag = 0;
  QStringList m_messages;
};

}  // namespace hf::widgets
