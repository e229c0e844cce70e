#include "ui/map/basemaplabels.h"

#include <algorithm>
#include <cmath>

#include <QFont>
#include <QFontMetricsF>
#include <QPaintDevice>
#include <QPainter>
#include <QPainterPathStroker>

#include "src/geo/webmercator.h"

namespace StacScope {

namespace {

constexpr double kDotRadius = 2.5; // logical pixels
constexpr double kCapitalDotRadius = 3.0;
constexpr double kGap = 4.0; // between the dot and its text
constexpr double kHaloWidth = 3.0;
constexpr double kPadding = 1.0; // kept free around each label

bool overlapsAny(const QRectF &rect, const std::vector<QRectF> &taken)
{
    return std::any_of(taken.begin(), taken.end(), [&](const QRectF &r) { return r.intersects(rect); });
}

} // namespace

BasemapLabels::BasemapLabels(const std::vector<VectorBasemap::Place> &places)
    : m_places(places)
{}

BasemapLabels::Style BasemapLabels::defaultStyle()
{
    Style style;
    style.text = QColor(0x33, 0x33, 0x38);
    style.halo = QColor(0xfb, 0xf9, 0xf4, 230);
    style.dot = QColor(0x4a, 0x4a, 0x52);
    style.dotOutline = QColor(0xff, 0xff, 0xff);
    return style;
}

void BasemapLabels::build()
{
    m_built = true;
    QFont regular;
    regular.setPixelSize(11);
    QFont major = regular;
    major.setPixelSize(12);
    QFont capital = regular;
    capital.setWeight(QFont::DemiBold);
    QFont majorCapital = major;
    majorCapital.setWeight(QFont::DemiBold);
    m_baselineOffset = QFontMetricsF(regular).capHeight() / 2.0;

    QPainterPathStroker stroker;
    stroker.setWidth(kHaloWidth);
    stroker.setJoinStyle(Qt::RoundJoin);
    stroker.setCapStyle(Qt::RoundCap);
    m_labels.reserve(m_places.size());
    for (size_t i = 0; i < m_places.size(); ++i) {
        const VectorBasemap::Place &place = m_places[i];
        Label label;
        label.place = int(i);
        const double lat = std::clamp(place.lat, -WebMercator::kMaxLatitude, WebMercator::kMaxLatitude);
        label.world = QPointF(WebMercator::lonToX(place.lon), WebMercator::latToY(lat));
        label.capital = place.capital;
        const bool isMajor = place.rank <= 1;
        const QFont &font = place.capital ? (isMajor ? majorCapital : capital) : (isMajor ? major : regular);
        label.text.addText(QPointF(0, 0), font, place.name);
        label.halo = stroker.createStroke(label.text);
        label.bounds = label.halo.boundingRect().united(label.text.boundingRect());
        m_labels.push_back(std::move(label));
    }
    // The file stores places most important first; keep that order, stably, by rank.
    std::stable_sort(m_labels.begin(), m_labels.end(), [this](const Label &a, const Label &b) {
        return m_places[size_t(a.place)].rank < m_places[size_t(b.place)].rank;
    });
    for (int step = int(kFromZoom); step <= kAllPlacesZoom; ++step) {
        std::vector<int> &list = m_byZoom[size_t(step)];
        for (size_t i = 0; i < m_labels.size(); ++i) {
            const double minZoom = m_places[size_t(m_labels[i].place)].minZoom;
            if (step == kAllPlacesZoom || minZoom <= step) {
                list.push_back(int(i));
            }
        }
    }
}

const QImage &BasemapLabels::sprite(Label &label, const Style &style, qreal dpr)
{
    if (label.sprite.isNull()) {
        const QSize size = (label.bounds.size() + QSizeF(2, 2)).toSize() * dpr + QSize(2, 2);
        label.sprite = QImage(size, QImage::Format_ARGB32_Premultiplied);
        label.sprite.setDevicePixelRatio(dpr);
        label.sprite.fill(Qt::transparent);
        QPainter painter(&label.sprite);
        painter.setRenderHint(QPainter::Antialiasing, true);
        painter.translate(QPointF(1, 1) - label.bounds.topLeft());
        painter.fillPath(label.halo, style.halo);
        painter.fillPath(label.text, style.text);
    }
    return label.sprite;
}

void BasemapLabels::paint(QPainter &painter, const MapViewport &viewport, const Style &style)
{
    m_placed.clear();
    if (viewport.zoom() < kFromZoom || m_places.empty()) {
        return;
    }
    if (!m_built) {
        build();
    }
    const int step = std::min(int(std::floor(viewport.zoom())), kAllPlacesZoom);
    const std::vector<int> &candidates = m_byZoom[size_t(step)];
    const QRectF view(QPointF(0, 0), viewport.size());
    m_taken.clear();
    m_dots.clear();
    m_dotCapital.clear();
    m_textAt.clear();
    m_textLabel.clear();
    for (const int index : candidates) {
        const Label &label = m_labels[size_t(index)];
        const double radius = label.capital ? kCapitalDotRadius : kDotRadius;
        for (int copy = viewport.firstWorldCopy(); copy <= viewport.lastWorldCopy(); ++copy) {
            const QPointF at = viewport.worldToScreen(label.world + QPointF(copy, 0));
            if (!view.contains(at)) {
                continue;
            }
            const QRectF dot(at.x() - radius, at.y() - radius, 2 * radius, 2 * radius);
            if (overlapsAny(dot, m_taken)) {
                continue;
            }
            // Right of the dot, else left of it; the text's vertical middle on the dot.
            const QPointF right(at.x() + radius + kGap - label.text.boundingRect().left(), at.y() + m_baselineOffset);
            const QPointF left(at.x() - radius - kGap - label.text.boundingRect().right(), at.y() + m_baselineOffset);
            for (const QPointF &origin : { right, left }) {
                const QRectF rect = label.bounds.translated(origin).adjusted(-kPadding, -kPadding, kPadding, kPadding);
                if (!view.contains(rect) || rect.intersects(dot) || overlapsAny(rect, m_taken)) {
                    continue;
                }
                m_taken.push_back(rect);
                m_taken.push_back(dot);
                m_placed.push_back(Placed { label.place, label.text.boundingRect().translated(origin) });
                m_dots.push_back(at);
                m_dotCapital.push_back(label.capital);
                m_textAt.push_back(origin);
                m_textLabel.push_back(index);
                break;
            }
        }
    }
    if (m_placed.empty()) {
        return;
    }

    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setPen(QPen(style.dotOutline, 1.0));
    painter.setBrush(style.dot);
    for (size_t i = 0; i < m_dots.size(); ++i) {
        const double radius = m_dotCapital[i] ? kCapitalDotRadius : kDotRadius;
        painter.drawEllipse(m_dots[i], radius, radius);
    }
    const qreal dpr = painter.device() ? painter.device()->devicePixelRatio() : 1.0;
    if (dpr != m_spriteDpr || style.text != m_spriteText || style.halo != m_spriteHalo) {
        for (Label &label : m_labels) {
            label.sprite = QImage();
        }
        m_spriteDpr = dpr;
        m_spriteText = style.text;
        m_spriteHalo = style.halo;
    }
    for (size_t i = 0; i < m_textAt.size(); ++i) {
        Label &label = m_labels[size_t(m_textLabel[i])];
        // On whole device pixels, so the blit is exact.
        const QPointF topLeft = m_textAt[i] + label.bounds.topLeft() - QPointF(1, 1);
        painter.drawImage(
            QPointF(std::round(topLeft.x() * dpr), std::round(topLeft.y() * dpr)) / dpr, sprite(label, style, dpr));
    }
    painter.restore();
}

} // namespace StacScope
