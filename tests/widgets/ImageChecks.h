#pragma once
// Pixel checks shared by the widget and app image tests. Header-only.

#include <QColor>
#include <QImage>
#include <QSet>

#include <cstdlib>

namespace hf::test {

// True when every channel of a is within tol (0..255) of b.
inline bool near(QColor a, QColor b, int tol) {
  return std::abs(a.red() - b.red()) <= tol && std::abs(a.green() - b.green()) <= tol &&
         std::abs(a.blue() - b.blue()) <= tol;
}

// Number of pixels whose colour is within tol of c.
inline int countNear(const QImage& img, QColor c, int tol) {
  const QImage rgb = img.convertToFormat(QImage::Format_RGB32);
  int n = 0;
  for (int y = 0; y < rgb.height(); ++y) {
    const auto* line = reinterpret_cast<const QRgb*>(rgb.constScanLine(y));
    for (int x = 0; x < rgb.width(); ++x)
      n += std::abs(qRed(line[x]) - c.red()) <= tol && std::abs(qGreen(line[x]) - c.green()) <= tol &&
                   std::abs(qBlue(line[x]) - c.blue()) <= tol
               ? 1
               : 0;
  }
  return n;
}

// Number of distinct RGB values, stopping early once `enough` are seen.
inline int distinctColours(const QImage& img, int enough = 64) {
  QSet<QRgb> seen;
  for (int y = 0; y < img.height(); ++y)
    for (int x = 0; x < img.width(); ++x) {
      seen.insert(img.pixel(x, y) & 0xffffffu);
      if (seen.size() >= enough) return static_cast<int>(seen.size());
    }
  return static_cast<int>(seen.size());
}

// An image that is not empty and not a single flat colour (all black when
// the GL blit failed, all background when VTK did not render).
inline bool isNonBlank(const QImage& img) { return !img.isNull() && img.width() > 0 && distinctColours(img, 3) > 2; }

}  // namespace hf::test
