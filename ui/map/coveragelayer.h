#pragma once

#include <QPainterPath>

#include "src/geo/geometry.h"
#include "ui/map/maplayer.h"

namespace StacScope {

// The part of a tasking target that the archive does not cover ("archive or task?"), hatched in
// red over the target so the gap reads at a glance.
class CoverageLayer : public MapLayer
{
    Q_OBJECT
public:
    explicit CoverageLayer(QObject *parent = nullptr);

    void setUncovered(const Geometry &uncovered);
    const Geometry &uncovered() const { return m_uncovered; }
    void clear() { setUncovered({}); }

    void paint(QPainter &painter, const MapViewport &viewport) override;

private:
    Geometry m_uncovered;
    QPainterPath m_path; // world coordinates
};

} // namespace StacScope
