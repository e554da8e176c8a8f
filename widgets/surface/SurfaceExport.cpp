#include "surface/SurfaceExport.h"

#include "plot/PdfCompression.h"
#include "surface/SurfaceView.h"
#include "vtk/RenderCapture.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFile>
#include <QTemporaryDir>

#include <vtkGL2PSExporter.h>
#include <vtkRenderWindow.h>

#include <algorithm>

namespace hf::widgets {

namespace {

QString tr(const char* text) { return QCoreApplication::translate("hf::widgets::SurfaceExport", text); }

QImage renderImage(SurfaceView& view, QSize size, double pixelRatio, QString* error) {
  QImage image;
  *error = view.renderForExport(size, pixelRatio, [&](vtkRenderWindow* w) { image = captureRenderWindow(w); });
  if (error->isEmpty() && image.isNull())
    *error = tr("The surface could not be rendered at %1 x %2 pixels.").arg(size.width()).arg(size.height());
  return image;
}

QSize pageSize(const SurfaceView& view, QSize size) { return size.isEmpty() ? view.size() : size; }

}  // namespace

QString exportSurfacePng(SurfaceView& view, const QString& path, int width, int height, double pixelRatio) {
  if (pixelRatio <= 0.0) pixelRatio = std::max(1.0, std::min(width / 800.0, height / 500.0));
  QString error;
  const QImage image = renderImage(view, QSize(width, height), pixelRatio, &error);
  if (!error.isEmpty()) return error;
  QByteArray bytes;
  QBuffer buffer(&bytes);
  if (!buffer.open(QIODevice::WriteOnly) || !image.save(&buffer, "PNG")) return tr("Cannot encode the image as PNG.");
  return writeFileAtomically(path, bytes);
}

QString exportSurfaceSvg(SurfaceView& view, const QString& path, QSize size) {
  size = pageSize(view, size);
  QString error;
  const QImage image = renderImage(view, size * 2, 2.0, &error);
  if (!error.isEmpty()) return error;
  QByteArray png;
  QBuffer buffer(&png);
  if (!buffer.open(QIODevice::WriteOnly) || !image.save(&buffer, "PNG")) return tr("Cannot encode the image as PNG.");
  const QByteArray w = QByteArray::number(size.width()), h = QByteArray::number(size.height());
  // xlink:href: SVG 1.1 readers (Qt SVG 6.4, older tools) know only this
  // form, and SVG 2 readers still accept it.
  const QByteArray base64 = png.toBase64();
  QByteArray svg =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"" +
      w + "\" height=\"" + h + "\" viewBox=\"0 0 " + w + " " + h +
      "\">\n<title>HybridFit surface</title>\n"
      "<desc>3D view rendered as an image at twice the page resolution.</desc>\n"
      "<image x=\"0\" y=\"0\" width=\"" +
      w + "\" height=\"" + h + "\" xlink:href=\"data:image/png;base64," + base64 + "\"/>\n</svg>\n";
  return writeFileAtomically(path, svg);
}

QString exportSurfacePdf(SurfaceView& view, const QString& path, QSize size) {
  size = pageSize(view, size);
  QTemporaryDir dir;
  if (!dir.isValid()) return tr("Cannot create a temporary folder: %1").arg(dir.errorString());
  const QString prefix = dir.filePath(QStringLiteral("surface"));  // gl2ps appends ".pdf"
  QStringList vtkErrors;
  const QString error = view.renderForExport(size, 1.0, [&](vtkRenderWindow* window) {
    vtkNew<vtkGL2PSExporter> exporter;
    VtkErrorCollector errors(exporter);
    exporter->SetRenderWindow(window);
    exporter->SetFileFormatToPDF();
    exporter->SetFilePrefix(QFile::encodeName(prefix).constData());
    exporter->SetTitle("HybridFit surface");
    exporter->Write3DPropsAsRasterImageOn();  // the scene as an image, text and colour bar as vectors
    exporter->SetCompress(true);
    exporter->TextAsPathOff();
    exporter->SilentOn();
    exporter->Write();
    vtkErrors = errors.messages();
  });
  if (!error.isEmpty()) return error;
  QFile result(prefix + QStringLiteral(".pdf"));
  if (!result.open(QIODevice::ReadOnly))
    return tr("The PDF export produced no file%1")
        .arg(vtkErrors.isEmpty() ? QStringLiteral(".") : QStringLiteral(": ") + vtkErrors.join(QStringLiteral("; ")));
  QByteArray bytes = result.readAll();
  if (!bytes.startsWith("%PDF") || !vtkErrors.isEmpty())
    return tr("The PDF export failed%1")
        .arg(vtkErrors.isEmpty() ? QStringLiteral(".") : QStringLiteral(": ") + vtkErrors.join(QStringLiteral("; ")));
  if (auto compressed = compressPdfStreams(bytes)) bytes = std::move(*compressed);
  return writeFileAtomically(path, bytes);
}

}  // namespace hf::widgets
