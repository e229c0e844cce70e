#pragma once

#include <QList>
#include <QWidget>

class QLabel;
class QHBoxLayout;

namespace StacScope {

struct CatalogSearchStatus;

// A line above the results while several catalogs are searched at once: per catalog what it
// returned, how many it says matched, how long it took, or why it failed (the whole error in the
// tooltip). Hidden for a search of one catalog.
class CatalogStatusStrip : public QWidget
{
    Q_OBJECT
public:
    explicit CatalogStatusStrip(QWidget *parent = nullptr);

    // One entry a catalog, in this order; an empty list hides the strip.
    void reset(int count);
    void setStatus(int index, const CatalogSearchStatus &status);

    int count() const { return int(m_labels.size()); }
    QLabel *label(int index) const { return m_labels.value(index); }
    // "Earth Search: 120 of 4,512 · 1.2 s", as the label shows it (for its tooltip too).
    static QString text(const CatalogSearchStatus &status);

private:
    QHBoxLayout *m_layout;
    QList<QLabel *> m_labels;
};

} // namespace StacScope
