#include "ui/details/itemdetailswidget.h"

#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QDesktopServices>
#include <QFile>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QKeySequence>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMetaMethod>
#include <QPixmap>
#include <QStyle>
#include <QTabWidget>
#include <QTimeZone>
#include <QToolButton>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

#include "src/net/networkclient.h"
#include "src/stac/jsontext.h"
#include "src/stac/selectionsummary.h"
#include "src/stac/stacasset.h"
#include "ui/details/jsonview.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

struct Label
{
    const char16_t *key;
    const char *label;
    const char16_t *unit;
};

// Readable names for the properties people look at most; others show their STAC key.
const Label kLabels[] = {
    { u"datetime", QT_TRANSLATE_NOOP("ItemDetailsWidget", "Acquired"), u"" },
    { u"start_datetime", QT_TRANSLATE_NOOP("ItemDetailsWidget", "Acquisition start"), u"" },
    { u"end_datetime", QT_TRANSLATE_NOOP("ItemDetailsWidget", "Acquisition end"), u"" },
    { u"created", QT_TRANSLATE_NOOP("ItemDetailsWidget", "Created"), u"" },
    { u"updated", QT_TRANSLATE_NOOP("ItemDetailsWidget", "Updated"), u"" },
    { u"platform", QT_TRANSLATE_NOOP("ItemDetailsWidget", "Platform"), u"" },
    { u"constellation", QT_TRANSLATE_NOOP("ItemDetailsWidget", "Constellation"), u"" },
    { u"instruments", QT_TRANSLATE_NOOP("ItemDetailsWidget", "Instruments"), u"" },
    { u"mission", QT_TRANSLATE_NOOP("ItemDetailsWidget", "Mission"), u"" },
    { u"gsd", QT_TRANSLATE_NOOP("ItemDetailsWidget", "Ground sample distance"), u"m" },
    { u"eo:cloud_cover", QT_TRANSLATE_NOOP("ItemDetailsWidget", "Cloud cover"), u"%" },
    { u"eo:snow_cover", QT_TRANSLATE_NOOP("ItemDetailsWidget", "Snow cover"), u"%" },
    { u"view:off_nadir", QT_TRANSLATE_NOOP("ItemDetailsWidget", "Off-nadir angle"), u"°" },
    { u"view:incidence_angle", QT_TRANSLATE_NOOP("ItemDetailsWidget", "Incidence angle"), u"°" },
    { u"view:azimuth", QT_TRANSLATE_NOOP("ItemDetailsWidget", "View azimuth"), u"°" },
    { u"view:sun_azimuth", QT_TRANSLATE_NOOP("ItemDetailsWidget", "Sun azimuth"), u"°" },
    { u"view:sun_elevation", QT_TRANSLATE_NOOP("ItemDetailsWidget", "Sun elevation"), u"°" },
    { u"sar:instrument_mode", QT_TRANSLATE_NOOP("ItemDetailsWidget", "SAR mode"), u"" },
    { u"sar:polarizations", QT_TRANSLATE_NOOP("ItemDetailsWidget", "Polarizations"), u"" },
    { u"sar:product_type", QT_TRANSLATE_NOOP("ItemDetailsWidget", "SAR product type"), u"" },
    { u"sar:frequency_band", QT_TRANSLATE_NOOP("ItemDetailsWidget", "Frequency band"), u"" },
    { u"sat:orbit_state", QT_TRANSLATE_NOOP("ItemDetailsWidget", "Orbit direction"), u"" },
    { u"sat:relative_orbit", QT_TRANSLATE_NOOP("ItemDetailsWidget", "Relative orbit"), u"" },
    { u"sat:absolute_orbit", QT_TRANSLATE_NOOP("ItemDetailsWidget", "Absolute orbit"), u"" },
    { u"proj:epsg", QT_TRANSLATE_NOOP("ItemDetailsWidget", "Projection (EPSG)"), u"" },
    { u"proj:code", QT_TRANSLATE_NOOP("ItemDetailsWidget", "Projection"), u"" },
    { u"license", QT_TRANSLATE_NOOP("ItemDetailsWidget", "License"), u"" },
};

QString valueText(const QJsonValue &v)
{
    if (v.isString()) {
        return v.toString();
    }
    if (v.isDouble()) {
        const double d = v.toDouble();
        return d == std::floor(d) && std::abs(d) < 1e15 ? QString::number(qint64(d)) : QString::number(d, 'g', 8);
    }
    if (v.isBool()) {
        return v.toBool() ? QStringLiteral("yes") : QStringLiteral("no");
    }
    if (v.isNull()) {
        return QStringLiteral("—");
    }
    if (v.isArray()) {
        const QJsonArray a = v.toArray();
        bool simple = true;
        QStringList parts;
        for (const QJsonValue &e : a) {
            simple = simple && !e.isObject() && !e.isArray();
            parts.append(valueText(e));
        }
        if (simple) {
            return parts.join(u", "_s);
        }
    }
    return QString::fromUtf8(QJsonDocument(v.isArray() ? QJsonDocument(v.toArray()) : QJsonDocument(v.toObject()))
                                 .toJson(QJsonDocument::Compact));
}

} // namespace

ItemDetailsWidget::ItemDetailsWidget(NetworkClient *network, QWidget *parent)
    : QWidget(parent)
    , m_network(network)
    , m_title(new QLabel(this))
    , m_thumbnail(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_properties(new QTreeWidget(this))
    , m_assets(new QTreeWidget(this))
    , m_json(new JsonView(this))
    , m_previous(new QToolButton(this))
    , m_next(new QToolButton(this))
    , m_position(new QLabel(this))
{
    auto *layout = new QVBoxLayout(this);
    // Previous / next result without going back to the table.
    auto *stepper = new QHBoxLayout;
    m_previous->setArrowType(Qt::LeftArrow);
    m_previous->setObjectName(u"previousItem"_s);
    m_previous->setToolTip(tr("Previous result (Alt+Left)"));
    m_previous->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Left));
    m_next->setArrowType(Qt::RightArrow);
    m_next->setObjectName(u"nextItem"_s);
    m_next->setToolTip(tr("Next result (Alt+Right)"));
    m_next->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Right));
    m_position->setStyleSheet(u"color: palette(mid);"_s);
    stepper->addWidget(m_previous);
    stepper->addWidget(m_next);
    stepper->addWidget(m_position, 1);
    layout->addLayout(stepper);
    connect(m_previous, &QToolButton::clicked, this, [this] { Q_EMIT stepRequested(-1); });
    connect(m_next, &QToolButton::clicked, this, [this] { Q_EMIT stepRequested(1); });
    setPosition(-1, 0);
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    layout->addWidget(m_title);
    m_thumbnail->setAlignment(Qt::AlignCenter);
    m_thumbnail->setMinimumHeight(140);
    m_thumbnail->setStyleSheet(u"background: palette(base); border: 1px solid palette(mid); border-radius: 3px;"_s);
    layout->addWidget(m_thumbnail);
    layout->addWidget(m_tabs, 1);

    m_properties->setHeaderLabels({ tr("Property"), tr("Value") });
    m_properties->setRootIsDecorated(false);
    m_properties->setAlternatingRowColors(true);
    m_properties->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_assets->setHeaderLabels({ tr("Asset"), tr("Title"), tr("Type"), tr("Roles"), tr("Size") });
    m_assets->setRootIsDecorated(false);
    m_assets->setAlternatingRowColors(true);
    m_assets->setTextElideMode(Qt::ElideMiddle);
    m_assets->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_assets, &QWidget::customContextMenuRequested, this, &ItemDetailsWidget::showAssetMenu);
    // The item's links close the Properties list, one row each (double-click opens one).
    connect(m_properties, &QTreeWidget::itemDoubleClicked, this, [](QTreeWidgetItem *item) {
        const QUrl url(item->data(1, Qt::UserRole).toString());
        if (url.scheme() == u"http"_s || url.scheme() == u"https"_s || url.isLocalFile()) {
            QDesktopServices::openUrl(url);
        }
    });
    m_tabs->addTab(m_properties, tr("Properties"));
    m_tabs->addTab(m_assets, tr("Assets"));
    m_tabs->addTab(m_json, tr("JSON"));
    // Three short tabs: all of them always visible (the dock scrolls before they would need
    // scroll buttons).
    m_tabs->setUsesScrollButtons(false);
    clear();
}

void ItemDetailsWidget::setPosition(int index, int count)
{
    const bool shown = index >= 0 && count > 0;
    m_previous->setVisible(shown);
    m_next->setVisible(shown);
    m_position->setVisible(shown);
    m_previous->setEnabled(shown && index > 0);
    m_next->setEnabled(shown && index + 1 < count);
    m_position->setText(
        shown ? tr("%1 of %2").arg(QLocale().toString(index + 1), QLocale().toString(count)) : QString());
}

QString ItemDetailsWidget::positionText() const
{
    return m_position->text();
}

QString ItemDetailsWidget::title() const
{
    return m_title->text();
}

QPair<QString, QString> ItemDetailsWidget::labelFor(const QString &key)
{
    for (const Label &l : kLabels) {
        if (key == QStringView(l.key)) {
            return { tr(l.label), QString::fromUtf16(l.unit) };
        }
    }
    return { key, QString() };
}

QString ItemDetailsWidget::formatBytes(qint64 bytes)
{
    if (bytes < 0) {
        return {};
    }
    static const char *units[] = { "B", "KB", "MB", "GB", "TB" };
    double v = double(bytes);
    int u = 0;
    while (v >= 1024.0 && u < 4) {
        v /= 1024.0;
        ++u;
    }
    return u == 0 ? QStringLiteral("%1 B").arg(bytes)
                  : QStringLiteral("%1 %2").arg(v, 0, 'f', 1).arg(QLatin1StringView(units[u]));
}

void ItemDetailsWidget::clear(const QString &placeholder)
{
    if (m_thumbnailCall) {
        m_thumbnailCall->cancel();
        m_thumbnailCall->deleteLater();
    }
    m_title->setText(
        placeholder.isEmpty() ? tr("Select an item on the map or in the results to see its details.") : placeholder);
    m_thumbnail->clear();
    m_thumbnail->setText(tr("No preview"));
    m_properties->clear();
    m_assets->clear();
    m_json->clear();
    m_links = nullptr; // it was a row of m_properties
    m_tabs->setTabEnabled(m_tabs->indexOf(m_json), true);
    m_assets->setHeaderLabels({ tr("Asset"), tr("Title"), tr("Type"), tr("Roles"), tr("Size") });
}

void ItemDetailsWidget::showSummary(const SelectionSummary &summary)
{
    clear(tr("%n items selected", "", summary.count));
    m_thumbnail->setText(tr("Select one item to see its preview"));
    const QLocale locale;
    auto add = [this](const QString &label, const QString &value) {
        auto *row = new QTreeWidgetItem({ label, value });
        row->setToolTip(1, value);
        m_properties->addTopLevelItem(row);
    };
    auto counted = [&locale](const QList<QPair<QString, int>> &counts, const QString &none) {
        QStringList parts;
        for (const auto &[name, n] : counts) {
            parts.append(u"%1 (%2)"_s.arg(name.isEmpty() ? none : name, locale.toString(n)));
        }
        return parts.join(u", "_s);
    };
    add(tr("Items"), locale.toString(summary.count));
    add(tr("Collections"), counted(summary.collections, tr("no collection")));
    if (!summary.platforms.isEmpty()) {
        add(tr("Platforms"), counted(summary.platforms, QString()));
    }
    if (summary.timed > 0) {
        const auto day = [](qint64 msecs) {
            return QDateTime::fromMSecsSinceEpoch(msecs, Qt::UTC).toString(u"yyyy-MM-dd HH:mm"_s);
        };
        add(tr("Acquired"),
            summary.firstTime == summary.lastTime ? day(summary.firstTime)
                                                  : tr("%1 to %2").arg(day(summary.firstTime), day(summary.lastTime)));
    }
    if (summary.clouded > 0) {
        QString cloud = tr("%1% to %2%, mean %3%")
                            .arg(locale.toString(summary.cloudMin, 'f', 1), locale.toString(summary.cloudMax, 'f', 1),
                                locale.toString(summary.cloudMean, 'f', 1));
        if (summary.clouded < summary.count) {
            cloud += u' ' + tr("(%1 of the %2 items give one)").arg(summary.clouded).arg(summary.count);
        }
        add(tr("Cloud cover"), cloud);
    }
    if (summary.extent) {
        const GeoBox &b = *summary.extent;
        add(tr("Extent"),
            tr("W %1, S %2, E %3, N %4")
                .arg(b.west, 0, 'f', 4)
                .arg(b.south, 0, 'f', 4)
                .arg(b.east, 0, 'f', 4)
                .arg(b.north, 0, 'f', 4));
    }
    // The assets they offer: how many of the items have each, and the bytes announced.
    m_assets->setHeaderLabels({ tr("Asset"), tr("Items"), tr("Size") });
    for (const SelectionSummary::Asset &a : summary.assets) {
        QString size = a.sized > 0 ? formatBytes(a.bytes) : QString();
        if (a.sized > 0 && a.sized < a.items) {
            size = tr("%1 (%2 of %3 known)").arg(size).arg(a.sized).arg(a.items);
        }
        auto *row = new QTreeWidgetItem({ a.key, tr("%1 of %2").arg(a.items).arg(summary.assetsScanned), size });
        row->setTextAlignment(2, Qt::AlignRight | Qt::AlignVCenter);
        m_assets->addTopLevelItem(row);
    }
    for (int c = 0; c < m_assets->columnCount(); ++c) {
        m_assets->resizeColumnToContents(c);
    }
    if (summary.assetsScanned < summary.count) {
        add(tr("Assets"), tr("Counted over the first %n items", "", summary.assetsScanned));
    }
    m_json->setText(tr("Select one item to see its JSON."));
    m_tabs->setTabEnabled(m_tabs->indexOf(m_json), false);
}

QString ItemDetailsWidget::assetKey(int row) const
{
    const QTreeWidgetItem *item = m_assets->topLevelItem(row);
    return item ? item->text(0) : QString();
}

QString ItemDetailsWidget::assetHref(int row) const
{
    const QTreeWidgetItem *item = m_assets->topLevelItem(row);
    return item ? item->data(0, Qt::UserRole).toString() : QString();
}

void ItemDetailsWidget::showAssetMenu(const QPoint &position)
{
    QTreeWidgetItem *item = m_assets->itemAt(position);
    if (!item || item->data(0, Qt::UserRole).toString().isEmpty()) {
        return; // nothing under the pointer, or a summary row
    }
    const QString key = item->text(0);
    const QUrl url(item->data(0, Qt::UserRole).toString());
    // popup(), not exec(): no nested event loop on the GUI thread.
    auto *menu = new QMenu(this);
    menu->setObjectName(u"assetMenu"_s);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->addAction(tr("Copy &URL"), this, [url] { QApplication::clipboard()->setText(url.toString()); });
    QAction *open = menu->addAction(tr("&Open"), this, [url] { QDesktopServices::openUrl(url); });
    const bool web = url.scheme() == u"http"_s || url.scheme() == u"https"_s;
    open->setEnabled(web || url.isLocalFile());
    open->setToolTip(tr("In the web browser or the program your desktop opens it with"));
    QAction *download
        = menu->addAction(tr("&Download this file..."), this, [this, key] { Q_EMIT downloadAssetRequested(key); });
    download->setEnabled(isSignalConnected(QMetaMethod::fromSignal(&ItemDetailsWidget::downloadAssetRequested)));
    menu->popup(m_assets->viewport()->mapToGlobal(position));
}

void ItemDetailsWidget::showItem(const QByteArray &json, const QString &thumbnailHref)
{
    clear();
    QJsonParseError error;
    const QJsonObject item = QJsonDocument::fromJson(json, &error).object();
    if (error.error != QJsonParseError::NoError) {
        m_title->setText(tr("This item's JSON could not be read: %1").arg(error.errorString()));
        return;
    }
    m_title->setText(item.value(u"id"_s).toString());
    const QJsonObject properties = item.value(u"properties"_s).toObject();
    QList<QTreeWidgetItem *> known;
    QList<QTreeWidgetItem *> others;
    if (item.contains(u"collection"_s)) {
        known.append(new QTreeWidgetItem({ tr("Collection"), item.value(u"collection"_s).toString() }));
    }
    for (const Label &l : kLabels) {
        const QString key = QString::fromUtf16(l.key);
        if (properties.contains(key)) {
            QString text = valueText(properties.value(key));
            const QString unit = QString::fromUtf16(l.unit);
            if (!unit.isEmpty() && properties.value(key).isDouble()) {
                text += unit == u"°"_s || unit == u"%"_s ? unit : u' ' + unit;
            }
            auto *row = new QTreeWidgetItem({ tr(l.label), text });
            row->setToolTip(0, key);
            row->setToolTip(1, text);
            known.append(row);
        }
    }
    for (auto it = properties.begin(); it != properties.end(); ++it) {
        if (labelFor(it.key()).first != it.key()) {
            continue; // shown above
        }
        auto *row = new QTreeWidgetItem({ it.key(), valueText(it.value()) });
        row->setToolTip(1, row->text(1));
        others.append(row);
    }
    m_properties->addTopLevelItems(known);
    m_properties->addTopLevelItems(others);

    // Relative hrefs are relative to the item's own URL.
    QUrl self;
    for (const QJsonValue &link : item.value(u"links"_s).toArray()) {
        if (link[u"rel"_s].toString() == u"self"_s) {
            self = QUrl(link[u"href"_s].toString());
        }
    }
    const StacAssets assets = parseAssets(item.value(u"assets"_s).toObject());
    for (const StacAsset &a : assets) {
        auto *row = new QTreeWidgetItem({ a.key, a.title, a.type, a.roles.join(u", "_s), formatBytes(a.fileSize) });
        const QUrl href(a.href);
        const QString resolved = href.isRelative() && self.isValid() ? self.resolved(href).toString() : a.href;
        row->setData(0, Qt::UserRole, resolved);
        row->setToolTip(0, resolved);
        row->setToolTip(1, a.title);
        row->setToolTip(2, a.type);
        row->setTextAlignment(4, Qt::AlignRight | Qt::AlignVCenter);
        m_assets->addTopLevelItem(row);
    }
    // A download button on each asset, when someone downloads (the window's Downloads).
    if (isSignalConnected(QMetaMethod::fromSignal(&ItemDetailsWidget::downloadAssetRequested))) {
        m_assets->setColumnCount(6);
        m_assets->headerItem()->setText(5, QString());
        for (int i = 0; i < m_assets->topLevelItemCount(); ++i) {
            QTreeWidgetItem *row = m_assets->topLevelItem(i);
            auto *button = new QToolButton(m_assets);
            button->setIcon(style()->standardIcon(QStyle::SP_ArrowDown));
            button->setText(tr("Download"));
            button->setToolTip(tr("Download this file..."));
            button->setAutoRaise(true);
            button->setObjectName(u"downloadAsset:"_s + row->text(0));
            const QString key = row->text(0);
            connect(button, &QToolButton::clicked, this, [this, key] { Q_EMIT downloadAssetRequested(key); });
            m_assets->setItemWidget(row, 5, button);
        }
        // Shown right after the key, where the eye is (the other columns may be scrolled away).
        m_assets->header()->moveSection(m_assets->header()->visualIndex(5), 1);
    }
    for (int c = 0; c < m_assets->columnCount(); ++c) {
        m_assets->resizeColumnToContents(c);
    }
    // The document as the server wrote it, members in its order (QJsonDocument would sort them).
    m_json->setText(QString::fromUtf8(JsonText::indented(json)));
    const QJsonArray links = item.value(u"links"_s).toArray();
    if (!links.isEmpty()) {
        m_links = new QTreeWidgetItem({ tr("Links"), QLocale().toString(links.size()) });
        QFont bold = m_links->font(0);
        bold.setBold(true);
        m_links->setFont(0, bold);
        m_properties->addTopLevelItem(m_links);
        for (const QJsonValue &value : links) {
            const QJsonObject link = value.toObject();
            const QUrl href(link.value(u"href"_s).toString());
            const QString resolved = href.isRelative() && self.isValid() ? self.resolved(href).toString()
                                                                         : link.value(u"href"_s).toString();
            const QString title = link.value(u"title"_s).toString();
            auto *row = new QTreeWidgetItem(m_links, { link.value(u"rel"_s).toString(), resolved });
            row->setData(1, Qt::UserRole, resolved);
            row->setToolTip(0, title.isEmpty() ? link.value(u"type"_s).toString() : title);
            row->setToolTip(1, resolved);
        }
        m_links->setExpanded(true);
    }
    loadThumbnail(thumbnailHref);
}

void ItemDetailsWidget::loadThumbnail(const QString &href)
{
    if (href.isEmpty()) {
        return;
    }
    const QUrl url(href);
    if (url.scheme() == u"qrc"_s || href.startsWith(u":/"_s) || url.isLocalFile()) {
        QFile file(url.scheme() == u"qrc"_s ? u':' + url.path() : (url.isLocalFile() ? url.toLocalFile() : href));
        if (file.open(QIODevice::ReadOnly)) {
            setThumbnail(file.readAll());
        } else {
            m_thumbnail->setText(tr("Preview not found"));
        }
        return;
    }
    if (url.scheme() != u"http"_s && url.scheme() != u"https"_s) {
        return;
    }
    m_thumbnail->setText(tr("Loading preview..."));
    HttpRequest request = HttpRequest::get(url);
    request.accept = QByteArrayLiteral("image/*");
    m_thumbnailCall = m_network->send(request, this);
    HttpCall *call = m_thumbnailCall;
    connect(call, &HttpCall::finished, this, [this, call] {
        call->deleteLater();
        if (!call->isOk()) {
            m_thumbnail->setText(tr("Preview unavailable: %1").arg(call->error().toString()));
            return;
        }
        setThumbnail(call->body());
    });
}

void ItemDetailsWidget::setThumbnail(const QByteArray &bytes)
{
    QImage image;
    if (!image.loadFromData(bytes)) {
        m_thumbnail->setText(tr("The preview is not an image we can show"));
        return;
    }
    const int side = qMax(140, qMin(m_thumbnail->width() - 8, 260));
    m_thumbnail->setPixmap(QPixmap::fromImage(image.scaled(side, side, Qt::KeepAspectRatio, Qt::SmoothTransformation)));
}

} // namespace StacScope
