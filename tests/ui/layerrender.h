#pragma once

#include <cstdlib>

#include <QColor>
#include <QImage>
#include <QPainter>

#include "src/geo/mapviewport.h"
#include "ui/map/maplayer.h"

// What the map layers' render tests share: paint a layer to an image as the map widget would,
// read the pixel under a lon/lat, and compare colours with a tolerance.
namespace StacScope::LayerRender {

inline QImage render(MapLayer &layer, const MapViewport &viewport, const QColor &background = Qt::white)
{
    QImage image(viewport.size().toSize(), QImage::Format_ARGB32_Premultiplied);
    image.fill(background);
    QPainter painter(&image);
    layer.paint(painter, viewport);
    painter.end();
    return image;
}

inline QColor at(const QImage &image, const MapViewport &viewport, double lon, double lat)
{
    return image.pixelColor(viewport.lonLatToScreen(lon, lat).toPoint());
}

inline bool colorsNear(const QColor &a, const QColor &b, int tolerance)
{
    return std::abs(a.red() - b.red()) <= tolerance && std::abs(a.green() - b.green()) <= tolerance
        && std::abs(a.blue() - b.blue()) <= tolerance;
}

} // namespace StacScope::LayerRender
