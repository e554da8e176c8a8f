#include "vtk/RenderCapture.h"

#include <QCoreApplication>
#include <QSaveFile>

#include <vtkCallbackCommand.h>
#include <vtkCommand.h>
#include <vtkImageData.h>
#include <vtkRenderWindow.h>
#include <vtkWindowToImageFilter.h>

#include <cstring>

namespace hf::widgets {

namespace {
QString tr(const char* text) { return QCoreApplication::translate("hf::widgets::RenderCapture", text); }
}  // namespace

QImage captureRenderWindow(vtkRenderWindow* window) {
  // Render here: the filter would ask the interactor, whose rendering
  // VtkView turns into a (later) repaint of the widget.
  window->Render();
  vtkNew<vtkWindowToImageFilter> grab;
  grab->SetInput(window);
  grab->SetInputBufferTypeToRGB();  // VTK leaves alpha < 1 on the background
  grab->ReadFrontBufferOff();
  grab->ShouldRerenderOff();
  grab->Update();
  vtkImageData* data = grab->GetOutput();
  int dims[3];
  data->GetDimensions(dims);
  const int width = window->GetSize()[0];
  const int height = window->GetSize()[1];
  if (dims[0] != width || dims[1] != height || data->GetNumberOfScalarComponents() != 3) return {};
  QImage image(width, height, QImage::Format_RGB888);
  const auto* pixels = static_cast<const unsigned char*>(data->GetScalarPointer());
  // VTK's rows run bottom to top.
  for (int y = 0; y < height; ++y)
    std::memcpy(image.scanLine(height - 1 - y), pixels + static_cast<std::size_t>(y) * width * 3,
                static_cast<std::size_t>(width) * 3);
  return image;
}

QString writeFileAtomically(const QString& path, const QByteArray& bytes) {
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly)) return tr("Cannot write %1: %2").arg(path, file.errorString());
  if (file.write(bytes) != bytes.size() || !file.commit())
    return tr("Cannot write %1: %2").arg(path, file.errorString());
  return {};
}

VtkErrorCollector::VtkErrorCollector(vtkObject* object) : m_object(object) {
  m_command->SetClientData(&m_messages);
  m_command->SetCallback([](vtkObject*, unsigned long, void* clientData, void* callData) {
    if (callData)
      static_cast<QStringList*>(clientData)
          ->append(QString::fromLocal8Bit(static_cast<const char*>(callData)).trimmed());
  });
  m_tag = object->AddObserver(vtkCommand::ErrorEvent, m_command);
}

VtkErrorCollector::~VtkErrorCollector() { m_object->RemoveObserver(m_tag); }

}  // namespace hf::widgets
