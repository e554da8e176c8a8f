#pragma once
// Figure export of a SurfaceView. Each function returns an error message
// for the user, or an empty string on success; it never leaves a partial
// file behind. The view must have been shown once (its OpenGL context must
// exist); it need not be visible now. GUI thread only; the on-screen view
// is restored afterwards.
//
// A 3D scene has no faithful vector form (gl2ps cannot sort the surface's
// triangles against the points reliably), so the scene itself is a raster
// image in every format: PNG at any resolution; PDF with the scene as an
// image and the colour bar, tick labels and titles as real text (gl2ps);
// SVG with the scene, text included, as one embedded image at twice the
// page's resolution (gl2ps on Debian cannot embed images in SVG).

#include <QSize>
#include <QString>

namespace hf::widgets {

class SurfaceView;

// A PNG of width x height pixels (1..8192 each). Text, lines and the colour
// bar are scaled by pixelRatio; 0 picks max(1, min(width / 800,
// height / 500)), i.e. the layout of an 800 x 500 view.
QString exportSurfacePng(SurfaceView& view, const QString& path, int width, int height, double pixelRatio = 0.0);

// A page of `size` points (an empty size: the view's size in logical pixels).
QString exportSurfacePdf(SurfaceView& view, const QString& path, QSize size = {});
QString exportSurfaceSvg(SurfaceView& view, const QString& path, QSize size = {});

}  // namespace hf::widgets
