#include "plot/PlotExport.h"

#include "plot/ChartView.h"
#include "plot/PdfCompression.h"
#include "vtk/RenderCapture.h"

#include <QCoreApplication>
#include <QFile>
#include <QImage>
#include <QSaveFile>
#include <QTemporaryDir>

#include <vtkGL2PSExporter.h>
#include <vtkNew.h>
#include <vtkRenderWindow.h>

#include <algorithm>
#include <utility>

namespace hf::widgets {

namespace {

QString tr(const char* text) { return QCoreApplication::translate("hf::widgets::PlotExport", text); }

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
  return writeFileAtomically(path, bytes);
}

}  // namespace

QString exportPng(ChartView& chart, const QString& path, int width, int height, double pixelRatio) {
  if (pixelRatio <= 0.0) pixelRatio = std::max(1.0, std::min(width / 800.0, height / 500.0));
  QImage image;
  const QString error = chart.renderForExport(QSize(width, height), pixelRatio,
                                              [&](vtkRenderWindow* window) { image = captureRenderWindow(window); });
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
