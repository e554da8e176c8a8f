#include "plot/PlotExport.h"

#include "plot/ChartView.h"
#include "plot/PdfCompression.h"

#include <QCoreApplication>
#include <QFile>
#include <QImage>
#include <QSaveFile>
#include <QTemporaryDir>

#include <vtkCallbackCommand.h>
#include <vtkCommand.h>
#include <vtkGL2PSExporter.h>
#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkRenderWindow.h>
#include <vtkWindowToImageFilter.h>

#include <algorithm>
#include <cstring>
#include <utility>

namespace hf::widgets {

namespace {

QString tr(const char* text) { return QCoreApplication::translate("hf::widgets::PlotExport", text); }

// Writes `bytes` to `path` atomically (temporary file, then rename).
QString writeFile(const QString& path, const QByteArray& bytes) {
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly)) return tr("Cannot write %1: %2").arg(path, file.errorString());
  if (file.write(bytes) != bytes.size() || !file.commit())
    return tr("Cannot write %1: %2").arg(path, file.errorString());
  return {};
}

// Collects the messages of vtkErrorMacro raised by `object` instead of
// letting VTK print them to stderr.
class VtkErrorCollector {
 public:
  explicit VtkErrorCollector(vtkObject* object) : m_object(object) {
    m_command->SetClientData(&m_messages);
    m_command->SetCallback([](vtkObject*, unsigned long, void* clientData, void* callData) {
      if (callData)
        static_cast<QStringList*>(clientData)
            ->append(QString::fromLocal8Bit(static_cast<const char*>(callData)).trimmed());
    });
    m_tag = object->AddObserver(vtkCommand::ErrorEvent, m_command);
  }
  ~VtkErrorCollector() { m_object->RemoveObserver(m_tag); }
  VtkErrorCollector(const VtkErrorCollector&) = delete;
  VtkErrorCollector& operator=(const VtkErrorCollector&) = delete;
  const QStringList& messages() const { return m_messages; }

 private:
  vtkObject* m_object;
  vtkNew<vtkCallbackCommand> m_command;
  unsigned long m_tag = 0;
  QStringList m_messages;
};

// gl2ps draws the background as a raster image, which its SVG writer
// cannot embed (no libpng in Debian's build): the page would be transparent
// where the chart is white on screen. Paint it white, under everything.
QByteArray withWhiteBackground(QByteArray svg) {
  static const QByteArray rect = "\n<rect x=\"0\" y=\"0\" width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>";
  qsizetype at = svg.indexOf("</defs>");
  if (at >= 0) {
    at += 7;
  } else if (const qsizetype open = svg.indexOf("<svg"); open >= 0) {
    at = svg.indexOf('>', open);
    if (at >= 0) ++at;
  }
  if (at > 0) svg.insert(at, rect);
  return svg;
}

QString exportVector(ChartView& chart, const QString& path, QSize size, bool pdf) {
  if (size.isEmpty()) size = chart.size();
  QTemporaryDir dir;
  if (!dir.isValid()) return tr("Cannot create a temporary folder: %1").arg(dir.errorString());
  // gl2ps appends the extension to the prefix itself.
  const QString prefix = dir.filePath(QStringLiteral("plot"));
  const QString written = prefix + (pdf ? QStringLiteral(".pdf") : QStringLiteral(".svg"));

  QStringList vtkErrors;
  const QString error = chart.renderForExport(size, 1.0, [&](vtkRenderWindow* window) {
    vtkNew<vtkGL2PSExporter> exporter;
    VtkErrorCollector errors(exporter);
    exporter->SetRenderWindow(window);
    if (pdf)
      exporter->SetFileFormatToPDF();
    else
      exporter->SetFileFormatToSVG();
    exporter->SetFilePrefix(QFile::encodeName(prefix).constData());
    exporter->SetTitle(chart.title().isEmpty() ? "HybridFit plot" : chart.title().toUtf8().constData());
    // Charts are flat and drawn back to front already: sorting would only
    // reorder markers and lines. For SVG, Compress would gzip the file.
    exporter->SetSortToOff();
    exporter->SetCompress(pdf);
    exporter->TextAsPathOff();
    exporter->SilentOn();  // gl2ps would warn on stderr that it cannot embed the background in SVG
    exporter->Write();
    vtkErrors = errors.messages();
  });
  if (!error.isEmpty()) return error;

  QFile result(written);
  if (!result.open(QIODevice::ReadOnly))
    return tr("The %1 export produced no file%2")
        .arg(pdf ? QStringLiteral("PDF") : QStringLiteral("SVG"),
             vtkErrors.isEmpty() ? QStringLiteral(".") : QStringLiteral(": ") + vtkErrors.join(QStringLiteral("; ")));
  QByteArray bytes = result.readAll();
  const bool looksRight = pdf ? bytes.startsWith("%PDF") : bytes.contains("<svg");
  if (!looksRight || !vtkErrors.isEmpty())
    return tr("The %1 export failed%2")
        .arg(pdf ? QStringLiteral("PDF") : QStringLiteral("SVG"),
             vtkErrors.isEmpty() ? QStringLiteral(".") : QStringLiteral(": ") + vtkErrors.join(QStringLiteral("; ")));
  if (pdf) {
    if (auto compressed = compressPdfStreams(bytes)) bytes = std::move(*compressed);
  } else {
    bytes = withWhiteBackground(bytes);
  }
  return writeFile(path, bytes);
}

}  // namespace

QString exportPng(ChartView& chart, const QString& path, int width, int height, double pixelRatio) {
  if (pixelRatio <= 0.0) pixelRatio = std::max(1.0, std::min(width / 800.0, height / 500.0));
  QImage image;
  const QString error = chart.renderForExport(QSize(width, height), pixelRatio, [&](vtkRenderWindow* window) {
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
    if (dims[0] != width || dims[1] != height || data->GetNumberOfScalarComponents() != 3) return;
    image = QImage(width, height, QImage::Format_RGB888);
    const auto* pixels = static_cast<const unsigned char*>(data->GetScalarPointer());
    // VTK's rows run bottom to top.
    for (int y = 0; y < height; ++y)
      std::memcpy(image.scanLine(height - 1 - y), pixels + static_cast<std::size_t>(y) * width * 3,
                  static_cast<std::size_t>(width) * 3);
  });
  if (!error.isEmpty()) return error;
  if (image.isNull()) return tr("The chart could not be rendered at %1 x %2 pixels.").arg(width).arg(height);

  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly)) return tr("Cannot write %1: %2").arg(path, file.errorString());
  if (!image.save(&file, "PNG") || !file.commit()) return tr("Cannot write %1: %2").arg(path, file.errorString());
  return {};
}

QString exportSvg(ChartView& chart, const QString& path, QSize size) { return exportVector(chart, path, size, false); }

QString exportPdf(ChartView& chart, const QString& path, QSize size) { return exportVector(chart, path, size, true); }

}  // namespace hf::widgets
