#pragma once

#include <QList>
#include <QWidget>

#include "src/net/tilesource.h"

class QComboBox;
class QLabel;
class QSlider;
class QToolButton;

namespace StacScope {

// A small panel floating at the top-right of the map: which basemap (the offline one or an XYZ
// source), the tiles' opacity, "Add tile source..." and "Remove" for a source the user added
// (built-ins stay). It only reports choices; the owner applies them to the tile layer and
// remembers them.
class BasemapSwitcher : public QWidget
{
    Q_OBJECT
public:
    // `map` is the widget it floats over (and its parent).
    explicit BasemapSwitcher(QWidget *map);

    void setSources(const QList<TileSource> &sources);
    const QList<TileSource> &sources() const { return m_sources; }
    // Empty: the offline basemap.
    QString currentId() const;
    void setCurrentId(const QString &id);
    double opacity() const;
    void setOpacity(double opacity);
    // Removes a user-defined source; false for a built-in or unknown one. When it was the current
    // one the offline basemap becomes current (currentSourceChanged()).
    bool removeSource(const QString &id);
    // Shows that tiles failed and the offline basemap is drawn instead.
    void setOfflineNotice(bool shown);

    QComboBox *combo() const { return m_combo; }
    QSlider *opacitySlider() const { return m_opacity; }
    QToolButton *removeButton() const { return m_remove; }

Q_SIGNALS:
    void currentSourceChanged(const QString &id);
    void opacityChanged(double opacity);
    void sourceAdded(const StacScope::TileSource &source);
    void sourceRemoved(const QString &id);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void reposition();
    void addSourceDialog();
    void updateButtons();

    QList<TileSource> m_sources;
    QComboBox *m_combo;
    QSlider *m_opacity;
    QToolButton *m_add;
    QToolButton *m_remove;
    QLabel *m_notice;
};

} // namespace StacScope
