#pragma once

#include <array>
#include <vector>

#include <QColor>
#include <QImage>
#include <QPainterPath>
#include <QPointF>
#include <QRectF>

#include "src/geo/mapviewport.h"
#include "src/geo/vectorbasemap.h"

class QPainter;

namespace StacScope {

// City dots and names of the offline basemap at regional zoom. A place is labelled from Natural
// Earth's min_zoom on (and never below kFromZoom), most important first; a label that would
// overlap one already placed (or its dot) is left out with its dot. Each label is drawn once, with
// its halo, into a small image at the device's pixel ratio, so a frame costs the placement and a
// few dozen image blits.
class BasemapLabels
{
public:
    struct Style
    {
        QColor text;
        QColor halo;
        QColor dot;
        QColor dotOutline;
    };
    // A label drawn by the last paint(): its place (index into the basemap's places()) and the
    // rectangle its text covers, in logical screen pixels.
    struct Placed
    {
        int place = -1;
        QRectF rect;
    };

    // No labels below this zoom (the world view stays uncluttered).
    static constexpr double kFromZoom = 3.0;
    // From this zoom step on, every place is a candidate.
    static constexpr int kAllPlacesZoom = 7;

    explicit BasemapLabels(const std::vector<VectorBasemap::Place> &places);

    static Style defaultStyle();

    void paint(QPainter &painter, const MapViewport &viewport, const Style &style);
    const std::vector<Placed> &placed() const { return m_placed; }

private:
    struct Label
    {
        int place = -1;
        QPointF world;
        QPainterPath text; // glyph outlines, baseline at y = 0, starting at x = 0
        QPainterPath halo; // the outlines' stroke
        QRectF bounds; // of text and halo
        bool capital = false;
        QImage sprite; // text and halo drawn, covering `bounds` (plus a pixel), made on first use
    };

    const QImage &sprite(Label &label, const Style &style, qreal dpr);

    void build();

    const std::vector<VectorBasemap::Place> &m_places;
    bool m_built = false;
    std::vector<Label> m_labels; // priority order
    // Candidates per zoom step from kFromZoom to kAllPlacesZoom, in priority order.
    std::array<std::vector<int>, kAllPlacesZoom + 1> m_byZoom;
    double m_baselineOffset = 0;
    qreal m_spriteDpr = 0; // the sprites' pixel ratio
    QColor m_spriteText; // and colours: a change drops them
    QColor m_spriteHalo; // baseline below the dot's centre so text is centred on it
    // Per frame, reused: placed labels, and every rectangle taken (labels and dots).
    std::vector<Placed> m_placed;
    std::vector<QRectF> m_taken;
    std::vector<QPointF> m_dots;
    std::vector<bool> m_dotCapital;
    std::vector<QPointF> m_textAt;
    std::vector<int> m_textLabel;
};

} // namespace StacScope
