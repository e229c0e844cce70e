#include "ui/search/searchpanel.h"

#include <algorithm>
#include <tuple>

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include "src/stac/cql2.h"
#include "ui/common/docklayout.h"
#include "ui/search/catalogchoicebutton.h"
#include "ui/search/collectiontooltip.h"
#include "ui/search/filterbuilder.h"

using namespace Qt::StringLiterals;

namespace StacScope {

SearchPanel::SearchPanel(QWidget *parent)
    : QWidget(parent)
    , m_catalog(new QComboBox(this))
    , m_addCatalog(new QToolButton(this))
    , m_catalogChoice(new CatalogChoiceButton(this))
    , m_collections(new QListWidget(this))
    , m_collectionsHint(new QLabel(this))
    , m_retryCollections(new QPushButton(tr("Retry"), this))
    , m_fromEnabled(new QCheckBox(tr("From"), this))
    , m_from(new QDateEdit(this))
    , m_toEnabled(new QCheckBox(tr("To"), this))
    , m_to(new QDateEdit(this))
    , m_cloudEnabled(new QCheckBox(tr("Cloud cover at most"), this))
    , m_cloud(new QSpinBox(this))
    , m_filters(new FilterBuilder(this))
    , m_area(new QComboBox(this))
    , m_draw(new QToolButton(this))
    , m_areaInfo(new QLabel(this))
    , m_sort(new QComboBox(this))
    , m_maxItems(new QSpinBox(this))
    , m_search(new QPushButton(tr("Search"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_progress(new QProgressBar(this))
{
    // The form scrolls in a low window; Search and Cancel stay in sight below it.
    auto *outer = new QVBoxLayout(this);
    auto *formWidget = new QWidget(this);
    formWidget->setObjectName(u"searchForm"_s);
    auto *layout = new QVBoxLayout(formWidget);
    layout->setContentsMargins(0, 0, 0, 0);

    auto *catalogBox = new QGroupBox(tr("Catalog"), this);
    auto *catalogRow = new QHBoxLayout(catalogBox);
    catalogRow->addWidget(m_catalog, 1);
    catalogRow->addWidget(m_catalogChoice);
    catalogRow->addWidget(m_addCatalog);
    m_catalog->setObjectName(u"catalogCombo"_s);
    m_catalog->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_catalog->setMinimumContentsLength(6);
    m_addCatalog->setObjectName(u"addCatalogButton"_s);
    m_addCatalog->setText(tr("Add"));
    m_addCatalog->setToolTip(tr("Add or manage catalogs"));
    m_addCatalog->setPopupMode(QToolButton::InstantPopup);
    auto *addMenu = new QMenu(m_addCatalog);
    addMenu->addAction(tr("Add STAC API..."), this, &SearchPanel::addApiRequested);
    addMenu->addAction(tr("Open static catalog..."), this, &SearchPanel::openStaticRequested);
    addMenu->addSeparator();
    addMenu->addAction(tr("Manage catalogs..."), this, &SearchPanel::manageCatalogsRequested);
    m_addCatalog->setMenu(addMenu);
    layout->addWidget(catalogBox);

    auto *collectionBox = new QGroupBox(tr("Collections"), this);
    auto *collectionLayout = new QVBoxLayout(collectionBox);
    m_collections->setObjectName(u"collectionList"_s);
    m_collections->setMinimumHeight(60);
    m_collectionsHint->setWordWrap(true);
    m_collectionsHint->setStyleSheet(u"color: palette(mid);"_s);
    m_collectionsHint->setText(tr("None checked searches them all."));
    collectionLayout->addWidget(m_collections);
    auto *hintRow = new QHBoxLayout;
    hintRow->addWidget(m_collectionsHint, 1);
    m_retryCollections->setObjectName(u"retryCollectionsButton"_s);
    m_retryCollections->setToolTip(tr("Load this catalog's collections again"));
    m_retryCollections->hide();
    connect(m_retryCollections, &QPushButton::clicked, this, &SearchPanel::collectionsRetryRequested);
    hintRow->addWidget(m_retryCollections, 0, Qt::AlignTop);
    collectionLayout->addLayout(hintRow);
    // The list is as tall as its collections (3 to 10 rows, then it scrolls); the spare height
    // goes below the filters, not into empty list rows.
    layout->addWidget(collectionBox);

    auto *filterBox = new QGroupBox(tr("Filters"), this);
    auto *form = new QFormLayout(filterBox);
    // In a narrow dock a field goes under its label instead of widening the column.
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    for (QDateEdit *edit : { m_from, m_to }) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(u"yyyy-MM-dd"_s);
        edit->setEnabled(false);
    }
    m_from->setDate(QDate::currentDate().addYears(-1));
    m_to->setDate(QDate::currentDate());
    connect(m_fromEnabled, &QCheckBox::toggled, m_from, &QWidget::setEnabled);
    connect(m_toEnabled, &QCheckBox::toggled, m_to, &QWidget::setEnabled);
    form->addRow(m_fromEnabled, m_from);
    form->addRow(m_toEnabled, m_to);
    m_cloud->setRange(0, 100);
    m_cloud->setValue(20);
    m_cloud->setSuffix(u" %"_s);
    m_cloud->setEnabled(false);
    connect(m_cloudEnabled, &QCheckBox::toggled, m_cloud, &QWidget::setEnabled);
    form->addRow(m_cloudEnabled, m_cloud);
    m_filters->setObjectName(u"filterBuilder"_s);
    form->addRow(m_filters);

    auto *areaRow = new QHBoxLayout;
    m_area->addItem(tr("Current map view"));
    m_area->addItem(tr("Active area of interest"));
    m_area->addItem(tr("Whole world"));
    m_area->setCurrentIndex(int(Area::World));
    m_draw->setText(tr("Draw"));
    m_draw->setCheckable(true);
    m_draw->setToolTip(tr("Draw a rectangle on the map; it becomes the active area of interest"));
    connect(m_draw, &QToolButton::toggled, this, &SearchPanel::drawRectangleToggled);
    areaRow->addWidget(m_area, 1);
    areaRow->addWidget(m_draw);
    form->addRow(tr("Area"), areaRow);
    m_areaInfo->setStyleSheet(u"color: palette(mid);"_s);
    m_areaInfo->setWordWrap(true);
    form->addRow(QString(), m_areaInfo);

    m_sort->addItem(tr("Server default"), QString());
    m_sort->addItem(tr("Newest first"), u"-datetime"_s);
    m_sort->addItem(tr("Oldest first"), u"+datetime"_s);
    m_sort->addItem(tr("Least cloudy first"), u"+eo:cloud_cover"_s);
    for (QComboBox *combo : { m_area, m_sort }) {
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(8);
    }
    m_sort->setObjectName(u"sortCombo"_s);
    connect(m_sort, &QComboBox::activated, this, [this] { Q_EMIT sortChanged(sortKey()); });
    form->addRow(tr("Sort"), m_sort);
    m_maxItems->setRange(1, 1000000);
    m_maxItems->setValue(5000);
    m_maxItems->setGroupSeparatorShown(true);
    form->addRow(tr("Max items"), m_maxItems);
    layout->addWidget(filterBox);
    layout->addStretch(1);
    outer->addWidget(scrollable(formWidget), 1);
    fitCollectionList();

    auto *buttons = new QHBoxLayout;
    m_search->setDefault(true);
    m_search->setObjectName(u"searchButton"_s);
    m_cancel->setObjectName(u"cancelButton"_s);
    m_cancel->setEnabled(false);
    buttons->addWidget(m_search, 1);
    buttons->addWidget(m_cancel);
    outer->addLayout(buttons);
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(6);
    m_progress->setVisible(false);
    outer->addWidget(m_progress);

    connect(m_catalog, &QComboBox::activated, this, &SearchPanel::catalogChosen);
    connect(m_collections, &QListWidget::itemChanged, this, &SearchPanel::checkedCollectionsChanged);
    connect(m_search, &QPushButton::clicked, this, &SearchPanel::searchRequested);
    connect(m_cancel, &QPushButton::clicked, this, &SearchPanel::cancelRequested);
}

void SearchPanel::setCatalogs(const QStringList &names, int current)
{
    const QSignalBlocker blocker(m_catalog);
    m_catalog->clear();
    m_catalog->addItems(names);
    m_catalog->setCurrentIndex(current);
}

int SearchPanel::currentCatalog() const
{
    return m_catalog->currentIndex();
}

void SearchPanel::setCollections(const StacCollections &collections)
{
    const QStringList checked = checkedCollections(); // with the restored ones
    m_pendingChecked.clear(); // from now on, what this catalog lists
    m_collections->clear();
    // Servers and static catalogs list collections in any order: show them alphabetically.
    StacCollections sorted = collections;
    std::sort(sorted.begin(), sorted.end(), [](const StacCollection &a, const StacCollection &b) {
        return a.displayName().localeAwareCompare(b.displayName()) < 0;
    });
    for (const StacCollection &c : std::as_const(sorted)) {
        auto *item = new QListWidgetItem(c.displayName(), m_collections);
        item->setData(Qt::UserRole, c.id);
        item->setToolTip(CollectionToolTip::html(c));
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(checked.contains(c.id) ? Qt::Checked : Qt::Unchecked);
    }
    showHint(collections.isEmpty() ? tr("This catalog lists no collections.") : tr("None checked searches them all."));
    fitCollectionList();
}

void SearchPanel::fitCollectionList()
{
    const int rows = std::clamp(m_collections->count(), 3, 10);
    const int row = m_collections->count() > 0 ? m_collections->sizeHintForRow(0) : fontMetrics().height() + 4;
    // Room for the horizontal scroll bar long names bring.
    m_collections->setMaximumHeight(
        rows * row + 2 * m_collections->frameWidth() + m_collections->horizontalScrollBar()->sizeHint().height());
}

void SearchPanel::setCollectionsLoading(bool loading)
{
    if (loading) {
        m_collections->clear();
        showHint(tr("Loading collections..."));
    }
}

void SearchPanel::setCollectionsError(const QString &reason)
{
    m_collections->clear();
    showHint(tr("Couldn't load this catalog: %1").arg(reason), true);
}

void SearchPanel::showHint(const QString &text, bool error)
{
    m_collectionsHint->setText(text);
    m_collectionsHint->setStyleSheet(error ? u"color: #b3261e;"_s : u"color: palette(mid);"_s);
    m_retryCollections->setVisible(error);
}

QStringList SearchPanel::checkedCollections() const
{
    QStringList ids;
    for (int i = 0; i < m_collections->count(); ++i) {
        if (m_collections->item(i)->checkState() == Qt::Checked) {
            ids.append(m_collections->item(i)->data(Qt::UserRole).toString());
        }
    }
    // Restored from the last session and not listed yet: still the user's choice.
    for (const QString &id : m_pendingChecked) {
        if (!ids.contains(id)) {
            ids.append(id);
        }
    }
    return ids;
}

void SearchPanel::setBusy(bool busy)
{
    m_busy = busy;
    m_search->setEnabled(!busy);
    m_cancel->setEnabled(busy);
    m_progress->setVisible(busy);
}

SearchPanel::Area SearchPanel::area() const
{
    return Area(m_area->currentIndex());
}

void SearchPanel::setArea(Area area)
{
    m_area->setCurrentIndex(int(area));
}

void SearchPanel::setActiveAoi(const Aoi *aoi)
{
    if (!aoi) {
        m_activeAoi.reset();
        m_areaInfo->setText(
            area() == Area::ActiveAoi ? tr("No active area: draw one or pick one in the list.") : QString());
        return;
    }
    m_activeAoi = *aoi;
    m_area->setCurrentIndex(int(Area::ActiveAoi));
    m_areaInfo->setText(aoi->name + u": "_s + AoiListModel::summary(*aoi));
}

int SearchPanel::maxItems() const
{
    return m_maxItems->value();
}

void SearchPanel::setMaxItems(int n)
{
    m_maxItems->setValue(n);
}

SearchParameters SearchPanel::parameters(const GeoBox &mapView, QString *error) const
{
    SearchParameters p;
    p.collections = checkedCollections();
    switch (area()) {
    case Area::MapView:
        p.bbox = mapView;
        break;
    case Area::ActiveAoi:
        if (!m_activeAoi) {
            if (error) {
                *error = tr("Draw an area of interest first (or pick one), or choose another area.");
            }
            return p;
        }
        // A rectangle travels as a bbox (every server supports it, and it keeps west > east
        // across 180°); other shapes as an intersects geometry, split at the antimeridian.
        if (m_activeAoi->kind == Aoi::Kind::Rectangle) {
            p.bbox = m_activeAoi->bounds;
        } else {
            p.intersects = m_activeAoi->geometry;
        }
        break;
    case Area::World:
        break;
    }
    if (m_fromEnabled->isChecked() || m_toEnabled->isChecked()) {
        DateRange range;
        if (m_fromEnabled->isChecked()) {
            range.start = QDateTime(m_from->date(), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
        }
        if (m_toEnabled->isChecked()) {
            range.end = QDateTime(m_to->date(), QTime(23, 59, 59, 999), Qt::UTC).toMSecsSinceEpoch();
        }
        if (range.start && range.end && *range.start > *range.end) {
            if (error) {
                *error = tr("The start date is after the end date.");
            }
            return p;
        }
        p.datetime = range;
    }
    QJsonArray conditions;
    if (m_cloudEnabled->isChecked()) {
        conditions.append(QJsonObject { { u"op"_s, u"<="_s },
            { u"args"_s, QJsonArray { QJsonObject { { u"property"_s, u"eo:cloud_cover"_s } }, m_cloud->value() } } });
    }
    QString filterError;
    const QJsonObject built = m_filters->filter(&filterError);
    if (!filterError.isEmpty()) {
        if (error) {
            *error = filterError;
        }
        return p;
    }
    if (built.value(u"op"_s).toString() == u"and"_s) {
        for (const QJsonValue &part : built.value(u"args"_s).toArray()) {
            conditions.append(part); // one "and", not one inside another
        }
    } else if (!built.isEmpty()) {
        conditions.append(built);
    }
    if (conditions.size() == 1) {
        p.filter = conditions.first().toObject();
    } else if (conditions.size() > 1) {
        p.filter = QJsonObject { { u"op"_s, u"and"_s }, { u"args"_s, conditions } };
    }
    p.sortBy = SortField::parseList(sortKey());
    p.limit = qMin(maxItems(), 250);
    return p;
}

void SearchPanel::applyParameters(const SearchParameters &p, int maxItems)
{
    m_pendingChecked = p.collections; // checked as soon as the catalog lists them
    for (int i = 0; i < m_collections->count(); ++i) {
        QListWidgetItem *item = m_collections->item(i);
        item->setCheckState(p.collections.contains(item->data(Qt::UserRole).toString()) ? Qt::Checked : Qt::Unchecked);
    }
    const std::optional<qint64> start = p.datetime ? p.datetime->start : std::nullopt;
    const std::optional<qint64> end = p.datetime ? p.datetime->end : std::nullopt;
    m_fromEnabled->setChecked(start.has_value());
    if (start) {
        m_from->setDate(QDateTime::fromMSecsSinceEpoch(*start, Qt::UTC).date());
    }
    m_toEnabled->setChecked(end.has_value());
    if (end) {
        m_to->setDate(QDateTime::fromMSecsSinceEpoch(*end, Qt::UTC).date());
    }
    // The form's own filter (eo:cloud_cover <= N, alone or first in an "and"), the rest in the builder.
    const auto isCloud = [](const QJsonValue &e) {
        const QJsonArray args = e.toObject().value(u"args"_s).toArray();
        return e.toObject().value(u"op"_s).toString() == u"<="_s && args.size() == 2
            && args.at(0).toObject().value(u"property"_s).toString() == u"eo:cloud_cover"_s && args.at(1).isDouble();
    };
    QJsonObject rest = p.filter;
    std::optional<double> cloud;
    if (isCloud(p.filter)) {
        cloud = p.filter.value(u"args"_s).toArray().at(1).toDouble();
        rest = {};
    } else if (p.filter.value(u"op"_s).toString() == u"and"_s) {
        QJsonArray args = p.filter.value(u"args"_s).toArray();
        if (!args.isEmpty() && isCloud(args.first())) {
            cloud = args.first().toObject().value(u"args"_s).toArray().at(1).toDouble();
            args.removeFirst();
            rest = args.size() == 1 ? args.first().toObject()
                                    : QJsonObject { { u"op"_s, u"and"_s }, { u"args"_s, args } };
        }
    }
    m_cloudEnabled->setChecked(cloud.has_value());
    if (cloud) {
        m_cloud->setValue(qRound(*cloud));
    }
    if (rest.isEmpty()) {
        m_filters->setText(QString());
    } else {
        // CQL2 text where it has one, else its JSON (which the builder reads too).
        const QString text = Cql2::toText(rest);
        m_filters->setText(
            text.isEmpty() ? QString::fromUtf8(QJsonDocument(rest).toJson(QJsonDocument::Compact)) : text);
    }
    setArea(p.bbox || p.intersects ? Area::MapView : Area::World);
    QStringList sort;
    for (const SortField &f : p.sortBy) {
        sort.append((f.descending ? u"-"_s : u"+"_s) + f.field);
    }
    setSortKey(sort.join(u','), sort.join(u','));
    setMaxItems(maxItems > 0 ? maxItems : m_maxItems->maximum());
}

QString SearchPanel::sortKey() const
{
    return m_sort->currentData().toString();
}

void SearchPanel::setSortKey(const QString &key, const QString &label)
{
    int index = m_sort->findData(key);
    if (index < 0) {
        // One entry beyond the presets, for the last sort chosen in the table.
        constexpr int kPresets = 4;
        while (m_sort->count() > kPresets) {
            m_sort->removeItem(m_sort->count() - 1);
        }
        m_sort->addItem(label, key);
        index = m_sort->count() - 1;
    }
    m_sort->setCurrentIndex(index);
}

void SearchPanel::saveState(QSettings &settings) const
{
    settings.beginGroup(u"search"_s);
    settings.setValue(u"collections"_s, checkedCollections());
    settings.setValue(u"fromEnabled"_s, m_fromEnabled->isChecked());
    settings.setValue(u"from"_s, m_from->date());
    settings.setValue(u"toEnabled"_s, m_toEnabled->isChecked());
    settings.setValue(u"to"_s, m_to->date());
    settings.setValue(u"cloudEnabled"_s, m_cloudEnabled->isChecked());
    settings.setValue(u"cloud"_s, m_cloud->value());
    settings.setValue(u"area"_s, m_area->currentIndex());
    settings.setValue(u"sort"_s, sortKey());
    settings.setValue(u"sortLabel"_s, m_sort->currentText());
    settings.setValue(u"maxItems"_s, maxItems());
    settings.endGroup();
    m_filters->saveState(settings);
}

void SearchPanel::restoreState(const QSettings &settings)
{
    const auto value = [&settings](const QString &key) { return settings.value(u"search/"_s + key); };
    if (!settings.contains(u"search/maxItems"_s)) {
        return; // first launch: the defaults (no dates: the demo's scenes are years old)
    }
    m_pendingChecked = value(u"collections"_s).toStringList();
    for (int i = 0; i < m_collections->count(); ++i) {
        QListWidgetItem *item = m_collections->item(i);
        if (m_pendingChecked.contains(item->data(Qt::UserRole).toString())) {
            item->setCheckState(Qt::Checked);
        }
    }
    for (const auto &[check, edit, key] :
        { std::tuple { m_fromEnabled, m_from, u"from"_s }, std::tuple { m_toEnabled, m_to, u"to"_s } }) {
        const QDate date = value(key).toDate();
        if (date.isValid()) {
            edit->setDate(date);
        }
        check->setChecked(value(key + u"Enabled"_s).toBool());
    }
    m_cloud->setValue(value(u"cloud"_s).toInt());
    m_cloudEnabled->setChecked(value(u"cloudEnabled"_s).toBool());
    // "Active area of interest" holds once the stored areas are back (MainWindow::start checks).
    const int area = value(u"area"_s).toInt();
    if (area >= 0 && area < m_area->count()) {
        m_area->setCurrentIndex(area);
    }
    setSortKey(value(u"sort"_s).toString(), value(u"sortLabel"_s).toString());
    setMaxItems(value(u"maxItems"_s).toInt());
    m_filters->restoreState(settings);
}

} // namespace StacScope
