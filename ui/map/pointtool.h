#pragma once

#include "ui/map/maptool.h"

namespace StacScope {

// One click picks a point (a point AOI or a tasking target).
class PointTool : public MapTool
{
    Q_OBJECT
public:
    explicit PointTool(MapWidget *map);

    bool mousePress(QMouseEvent *event) override;
    bool mouseRelease(QMouseEvent *event) override;

Q_SIGNALS:
    void pointPicked(double lon, double lat);
};

} // namespace StacScope
