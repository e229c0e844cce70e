#pragma once

#include <QColor>
#include <QList>
#include <QPointer>
#include <QWidget>

namespace StacScope {

class FootprintLayer;

// A small semi-transparent key floating at the bottom-left of the map: one colour swatch and name
// per collection of the footprint layer. Hidden while the layer shows no footprints.
class FootprintLegend : public QWidget
{
    Q_OBJECT
public:
    struct Entry
    {
        QString name;
        QColor color;
        friend bool operator==(const Entry &, const Entry &) = default;
    };

    // `map` is the widget it floats over (and its parent).
    FootprintLegend(const FootprintLayer *layer, QWidget *map);

    const QList<Entry> &entries() const { return m_entries; }
    QSize sizeHint() const override;

public Q_SLOTS:
    // Re-reads the layer's collections and visibility; cheap when nothing changed.
    void refresh();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    void reposition();

    QPointer<const FootprintLayer> m_layer;
    QList<Entry> m_entries;
};

} // namespace StacScope
