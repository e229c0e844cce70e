#pragma once

#include <QPointer>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QTabWidget;
class QTreeWidget;

namespace StacScope {

class HttpCall;
class NetworkClient;

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

    QTreeWidget *propertiesView() const { return m_properties; }
    QTreeWidget *assetsView() const { return m_assets; }
    QLabel *thumbnailLabel() const { return m_thumbnail; }
    QString title() const;

    // "Cloud cover", "%" for "eo:cloud_cover"; the key itself and no unit when unknown.
    static QPair<QString, QString> labelFor(const QString &key);
    static QString formatBytes(qint64 bytes);

private:
    void loadThumbnail(const QString &href);
    void setThumbnail(const QByteArray &bytes);

    NetworkClient *m_network;
    QLabel *m_title;
    QLabel *m_thumbnail;
    QTabWidget *m_tabs;
    QTreeWidget *m_properties;
    QTreeWidget *m_assets;
    QPlainTextEdit *m_json;
    QPointer<HttpCall> m_thumbnailCall;
};

} // namespace StacScope
