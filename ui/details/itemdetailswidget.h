#pragma once

#include <QPointer>
#include <QWidget>

class QLabel;
class QPoint;
class QToolButton;
class QTabWidget;
class QTreeWidget;
class QTreeWidgetItem;

namespace StacScope {

class HttpCall;
class JsonView;
class NetworkClient;
struct SelectionSummary;

// The selected item: its thumbnail, its properties with readable labels and units, its assets
// (key, title, type, roles, size) and its raw JSON.
class ItemDetailsWidget : public QWidget
{
    Q_OBJECT
public:
    ItemDetailsWidget(NetworkClient *network, QWidget *parent = nullptr);

    // Shows an item from its JSON; `thumbnailHref` is the resolved preview URL (may be empty).
    void showItem(const QByteArray &json, const QString &thumbnailHref);
    void clear(const QString &placeholder = {});
    // Several items selected: what they have in common instead of one item's tabs (collections,
    // period, cloud cover, extent; the assets they offer, with counts and sizes).
    void showSummary(const SelectionSummary &summary);
    // The asset shown in row `row` of the Assets tab (key and resolved URL).
    QString assetKey(int row) const;
    QString assetHref(int row) const;

    QTreeWidget *propertiesView() const { return m_properties; }
    QTreeWidget *assetsView() const { return m_assets; }
    // The "Links" row of the Properties list: a child per link (rel, resolved URL), double-click
    // opens it; null when the item has none.
    QTreeWidgetItem *linksItem() const { return m_links; }
    JsonView *jsonView() const { return m_json; }
    QTabWidget *tabs() const { return m_tabs; }
    // "3 of 120" between the previous / next buttons; index -1 hides them.
    void setPosition(int index, int count);
    QString positionText() const;
    QToolButton *previousButton() const { return m_previous; }
    QToolButton *nextButton() const { return m_next; }
    QLabel *thumbnailLabel() const { return m_thumbnail; }
    QString title() const;

    // "Cloud cover", "%" for "eo:cloud_cover"; the key itself and no unit when unknown.
    static QPair<QString, QString> labelFor(const QString &key);
    static QString formatBytes(qint64 bytes);

Q_SIGNALS:
    // "Download this file" from the asset menu: the shown item's asset `key`.
    void downloadAssetRequested(const QString &key);
    // The previous (-1) or next (+1) result, in the table's order.
    void stepRequested(int delta);

private:
    void showAssetMenu(const QPoint &position);
    void loadThumbnail(const QString &href);
    void setThumbnail(const QByteArray &bytes);

    NetworkClient *m_network;
    QLabel *m_title;
    QLabel *m_thumbnail;
    QTabWidget *m_tabs;
    QTreeWidget *m_properties;
    QTreeWidget *m_assets;
    QTreeWidgetItem *m_links = nullptr;
    JsonView *m_json;
    QToolButton *m_previous;
    QToolButton *m_next;
    QLabel *m_position;
    QPointer<HttpCall> m_thumbnailCall;
};

} // namespace StacScope
