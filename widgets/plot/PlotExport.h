#pragma once

#include <QSize>
#include <QString>

namespace hf::widgets {

class ChartView;

// Figure export of a ChartView. Each function returns an error message for
// the user, or an empty string on success; it never throws and leaves no
// partial file behind (the file is written under a temporary name and
// renamed). The chart must have been shown once (its OpenGL context must
// exist); it need not be visible now. GUI thread only. The on-screen view
// is restored afterwards.

// A PNG of width x height pixels (1..8192 each). Text, line widths and
// markers are scaled by pixelRatio, so the figure looks like the on-screen
// chart at a higher resolution; 0 picks max(1, min(width / 800,
// height / 500)), i.e. the layout of an 800 x 500 chart (1600 x 1000 gives
// 2).
QString exportPng(ChartView& chart, const QString& path, int width, int height, double pixelRatio = 0.0);

// SVG or PDF through gl2ps (vtkGL2PSExporter): vector lines, markers and
// bars, real text (selectable, not outlines) and the legend. The page is
// `size` points (1 pt = 1 px at pixel ratio 1); an empty size uses the
// chart's current size in logical pixels. Text is set in Helvetica (gl2ps
// maps every font to a standard PDF/SVG font). The white background is a
// raster image in the PDF and a white rectangle in the SVG. PDF streams
// are deflated (by compressPdfStreams(): gl2ps on Debian cannot compress).
QString exportSvg(ChartView& chart, const QString& path, QSize size = {});
QString exportPdf(ChartView& chart, const QString& path, QSize size = {});

}  // namespace hf::widgets
