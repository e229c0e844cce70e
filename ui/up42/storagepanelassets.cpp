// The UP42 storage dock, part 3: the Assets tab. GET /v2/assets with the documented filters and
// sorts (providers/up42.md §7), every page; an asset's metadata in the pane beside the table,
// its title and tags edited, its STAC items shown, and files downloaded through the Downloads
// queue, each signed by the account just before it is fetched (the bearer token stays on the API).
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDir>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QSignalBlocker>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTimeZone>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

#include "src/download/downloadmanager.h"
#include "src/providers/accountmanager.h"
#include "src/providers/jsoncalljob.h"
#include "src/providers/up42/up42client.h"
#include "src/providers/up42/up42provider.h"
#include "ui/common/messagebar.h"
#include "ui/common/panelviews.h"
#include "ui/downloads/downloaddialog.h"
#include "ui/up42/storagepanel.h"
#include "ui/up42/up42assetsmodel.h"
#include "ui/up42/up42dialogs.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

QString nameOf(const Up42Asset &asset)
{
    return asset.title.isEmpty() ? asset.name : asset.title;
}

QString filesText(const QList<Up42Asset> &assets)
{
    qint64 total = 0;
    for (const Up42Asset &a : assets) {
        total += std::max<qint64>(0, a.size);
    }
    const QString size = Up42AssetsModel::sizeText(total);
    return assets.size() == 1 ? StoragePanel::tr("1 file, %1").arg(size)
                              : StoragePanel::tr("%1 files, %2").arg(assets.size()).arg(size);
}

} // namespace

QWidget *StoragePanel::buildAssetsPage()
{
    auto *page = new QWidget(this);
    page->setObjectName(u"up42AssetsPage"_s);
    const QDate today = QDate::currentDate();
    m_afterCheck = new QCheckBox(tr("Created a&fter"), page);
    m_afterCheck->setObjectName(u"up42CreatedAfterCheck"_s);
    m_after = new QDateEdit(today.addYears(-1), page);
    m_after->setObjectName(u"up42CreatedAfter"_s);
    m_beforeCheck = new QCheckBox(tr("&before"), page);
    m_beforeCheck->setObjectName(u"up42CreatedBeforeCheck"_s);
    m_before = new QDateEdit(today, page);
    m_before->setObjectName(u"up42CreatedBefore"_s);
    for (QDateEdit *edit : { m_after, m_before }) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(u"yyyy-MM-dd"_s);
        edit->setEnabled(false);
        edit->setToolTip(tr("A day in UTC"));
    }
    m_collection = new QLineEdit(page);
    m_collection->setObjectName(u"up42Collection"_s);
    m_collection->setPlaceholderText(tr("phr, spot"));
    m_collection->setToolTip(tr("Assets of any of these collections, separated by commas"));
    m_assetTag = new QLineEdit(page);
    m_assetTag->setObjectName(u"up42AssetTag"_s);
    m_assetTag->setPlaceholderText(tr("Tags"));
    m_assetTag->setToolTip(tr("Assets with any of these tags, separated by commas"));
    m_source = new QComboBox(page);
    m_source->setObjectName(u"up42Source"_s);
    m_source->addItem(tr("Any"), QString());
    for (const QString &source : Up42Api::assetSources()) {
        m_source->addItem(Up42AssetsModel::sourceText(source), source);
    }
    m_search = new QLineEdit(page);
    m_search->setObjectName(u"up42Search"_s);
    m_search->setPlaceholderText(tr("Name, title or order ID"));
    m_search->setToolTip(tr("Assets whose file name, title or order ID contains this"));
    m_assetSort = new QComboBox(page);
    m_assetSort->setObjectName(u"up42AssetSort"_s);
    const QStringList sortNames { tr("Name"), tr("Title"), tr("Size"), tr("Created"), tr("Updated"), tr("Source"),
        tr("Collection"), tr("Producer") };
    const QStringList sortFields = Up42Api::assetSortFields();
    for (qsizetype i = 0; i < sortFields.size(); ++i) {
        m_assetSort->addItem(sortNames.value(i, sortFields.at(i)), sortFields.at(i));
    }
    m_assetSort->setCurrentIndex(std::max(0, int(sortFields.indexOf(u"createdAt"_s))));
    m_assetSort->setToolTip(tr("How UP42 sorts the list"));
    m_assetDescending = new QCheckBox(tr("Descending"), page);
    m_assetDescending->setObjectName(u"up42AssetDescending"_s);
    m_assetDescending->setChecked(true);
    for (QLineEdit *edit : { m_collection, m_assetTag, m_search }) {
        edit->setClearButtonEnabled(true);
    }

    auto *filters = new QHBoxLayout;
    filters->setSpacing(4);
    const auto labelled = [page, filters](const QString &text, QWidget *field, int stretch = 0) {
        if (!text.isEmpty()) {
            auto *label = new QLabel(text, page);
            label->setBuddy(field);
            filters->addWidget(label);
        }
        filters->addWidget(field, stretch);
        filters->addSpacing(6);
    };
    filters->addWidget(m_afterCheck);
    labelled({}, m_after);
    filters->addWidget(m_beforeCheck);
    labelled({}, m_before);
    labelled(tr("Co&llection:"), m_collection, 1);
    labelled(tr("Ta&g:"), m_assetTag, 1);
    labelled(tr("So&urce:"), m_source);
    labelled(tr("Sea&rch:"), m_search, 2);
    labelled(tr("Sort &by:"), m_assetSort);
    filters->addWidget(m_assetDescending);

    m_assetsBar = new QToolBar(page);
    m_assetsBar->setObjectName(u"up42AssetsBar"_s);
    m_assetsBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_downloadAssets = m_assetsBar->addAction(tr("Download..."), this, &StoragePanel::downloadSelectedAssets);
    m_downloadAssets->setToolTip(tr("Download the selected assets into a folder"));
    m_stacItems = m_assetsBar->addAction(tr("Show STAC items"), this, &StoragePanel::showStacItemsOfSelectedAsset);
    m_assetsBar->addSeparator();
    m_editAsset = m_assetsBar->addAction(tr("Edit title and tags..."), this, &StoragePanel::editSelectedAsset);
    m_editAsset->setToolTip(tr("Change the selected asset's title and tags"));
    m_assetsCount = new QLabel(page);
    m_assetsCount->setObjectName(u"up42AssetsCount"_s);
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_assetsBar);
    bar->addStretch(1);
    bar->addWidget(m_assetsCount);

    m_assets = new Up42AssetsModel(this);
    m_assetsProxy = new QSortFilterProxyModel(this);
    m_assetsProxy->setSourceModel(m_assets);
    m_assetsProxy->setSortRole(Up42AssetsModel::SortRole);
    m_assetsView = new QTreeView(page);
    m_assetsView->setObjectName(u"up42AssetsView"_s);
    setUpRowView(m_assetsView, QAbstractItemView::ExtendedSelection);
    m_assetsView->setModel(m_assetsProxy);
    m_assetsView->setTextElideMode(Qt::ElideMiddle);
    m_assetsView->setContextMenuPolicy(Qt::CustomContextMenu);
    m_assetsView->header()->setSortIndicator(-1, Qt::AscendingOrder);
    m_assetsView->setSortingEnabled(true);
    const QFontMetrics fm = fontMetrics();
    const int pad = 24;
    m_assetsView->setColumnWidth(
        Up42AssetsModel::Name, fm.horizontalAdvance(u"oneatlas_e36e4a86-7eee-4cc3-b82f-a685db.zip"_s) + pad);
    m_assetsView->setColumnWidth(Up42AssetsModel::Size, fm.horizontalAdvance(u"999.9 MB"_s) + pad);
    m_assetsView->setColumnWidth(Up42AssetsModel::Source, fm.horizontalAdvance(u"Processing"_s) + pad);
    m_assetsView->setColumnWidth(Up42AssetsModel::Collection, fm.horizontalAdvance(u"capella-spotlight"_s) + pad);
    m_assetsView->setColumnWidth(Up42AssetsModel::Producer, fm.horizontalAdvance(u"Producer"_s) + pad);
    m_assetsView->setColumnWidth(Up42AssetsModel::Created, fm.horizontalAdvance(u"2024-06-04 12:30"_s) + pad);
    m_assetsView->setColumnWidth(Up42AssetsModel::Tags, fm.horizontalAdvance(u"project-7, urban"_s) + pad);
    m_assetsView->setColumnWidth(Up42AssetsModel::Order, fm.horizontalAdvance(u"00000000-0000-0000-00"_s) + pad);

    m_details = new QPlainTextEdit(page);
    m_details->setObjectName(u"up42AssetDetails"_s);
    m_details->setReadOnly(true);
    m_details->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_details->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_details->setPlaceholderText(tr("The selected asset's metadata"));
    auto *splitter = new QSplitter(Qt::Horizontal, page);
    splitter->setObjectName(u"up42AssetsSplitter"_s);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_assetsView);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(filters);
    layout->addLayout(bar);
    layout->addWidget(splitter, 1);

    connect(m_afterCheck, &QCheckBox::toggled, this, [this](bool on) {
        m_after->setEnabled(on);
        listAssets(false);
    });
    connect(m_beforeCheck, &QCheckBox::toggled, this, [this](bool on) {
        m_before->setEnabled(on);
        listAssets(false);
    });
    for (QDateEdit *edit : { m_after, m_before }) {
        connect(edit, &QDateEdit::editingFinished, this, [this] { listAssets(false); });
    }
    for (QLineEdit *edit : { m_collection, m_assetTag, m_search }) {
        connect(edit, &QLineEdit::editingFinished, this, [this] { listAssets(false); });
        connect(edit, &QLineEdit::textChanged, this, [this](const QString &text) {
            if (text.isEmpty()) {
                listAssets(false);
            }
        });
    }
    connect(m_source, &QComboBox::currentIndexChanged, this, [this] { listAssets(false); });
    connect(m_assetSort, &QComboBox::currentIndexChanged, this, [this] { listAssets(false); });
    connect(m_assetDescending, &QCheckBox::toggled, this, [this] { listAssets(false); });
    connect(m_assetsView->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateActions();
        showDetails();
    });
    connect(m_assetsView, &QWidget::customContextMenuRequested, this, [this](const QPoint &position) {
        if (selectedAssets().isEmpty()) {
            return;
        }
        // popup(), not exec(): no nested event loop on the GUI thread.
        auto *menu = new QMenu(this);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->addActions({ m_downloadAssets, m_stacItems });
        menu->addSeparator();
        menu->addAction(m_editAsset);
        menu->popup(m_assetsView->viewport()->mapToGlobal(position));
    });
    return page;
}

Up42Api::AssetFilter StoragePanel::assetFilter() const
{
    Up42Api::AssetFilter f;
    // Days in UTC: after a day is from its start, before a day is until its start.
    if (m_afterCheck->isChecked()) {
        f.createdAfter = QDateTime(m_after->date(), QTime(0, 0), QTimeZone::utc());
    }
    if (m_beforeCheck->isChecked()) {
        f.createdBefore = QDateTime(m_before->date(), QTime(0, 0), QTimeZone::utc());
    }
    f.workspaceId = workspaceId();
    f.collectionNames = Up42TagsDialog::splitTags(m_collection->text());
    f.tags = Up42TagsDialog::splitTags(m_assetTag->text());
    const QString source = m_source->currentData().toString();
    if (!source.isEmpty()) {
        f.sources = QStringList { source };
    }
    f.search = m_search->text().trimmed();
    f.sortField = m_assetSort->currentData().toString();
    f.descending = m_assetDescending->isChecked();
    return f;
}

bool StoragePanel::isLoadingAssets() const
{
    return !m_assetsJob.isNull();
}

void StoragePanel::refreshAssets()
{
    listAssets(true);
}

void StoragePanel::listAssets(bool force)
{
    Up42Session *s = session();
    if (!s || s->state() != AccountSession::State::Ready) {
        updateActions();
        return;
    }
    const Up42Api::AssetFilter filter = assetFilter();
    const QUrl url = Up42Api::assetsUrl(s->client()->apiUrl(), filter);
    if (!force && url == m_assetsUrl) {
        return;
    }
    m_assetsUrl = url;
    if (m_assetsJob) {
        m_assetsJob->disconnect(this);
        m_assetsJob->cancel();
    }
    m_assetsView->header()->setSortIndicator(-1, Qt::AscendingOrder);
    const int generation = ++m_assetsGeneration;
    Up42PagedJob *job = listAll(s, url);
    connect(job, &StacJob::finished, job, &QObject::deleteLater);
    connect(job, &Up42PagedJob::progress, this, [this, generation](int items, qint64 total) {
        if (generation == m_assetsGeneration && total > items) {
            m_assetsCount->setText(tr("Listing assets: %1 of %2...").arg(items).arg(total));
        }
    });
    connect(job, &StacJob::finished, this, [this, job, generation] {
        if (generation == m_assetsGeneration) {
            onAssetsListed(job);
        }
    });
    m_assetsJob = job;
    m_assetsCount->setText(tr("Listing assets..."));
    updateActions();
}

void StoragePanel::onAssetsListed(Up42PagedJob *job)
{
    m_assetsJob = nullptr;
    if (!job->isOk()) {
        m_assetsUrl.clear();
        m_assetsCount->clear();
        showProblem(job->error(), tr("The assets could not be listed"));
        updateActions();
        return;
    }
    const QStringList selected = selectedAssetIds();
    QList<Up42Asset> assets;
    QStringList workspaces;
    for (const QJsonValue &value : job->items()) {
        assets.append(Up42Api::parseAsset(value.toObject()));
        workspaces.append(assets.last().workspaceId);
    }
    m_assets->setAssets(assets);
    if (workspaceId().isEmpty()) {
        noteWorkspaces(workspaces);
    }
    if (m_messages->isVisible() && m_messages->level() == MessageBar::Level::Error) {
        m_messages->hide();
    }
    selectAssets(selected);
    if (selected.isEmpty()) {
        m_details->clear();
    }
    updateAssetsCount();
    updateActions();
    Q_EMIT assetsLoaded();
}

void StoragePanel::updateAssetsCount()
{
    const int n = m_assets->rowCount();
    const QString size = Up42AssetsModel::sizeText(m_assets->totalSize());
    m_assetsCount->setText(n == 1 ? tr("1 asset, %1").arg(size) : tr("%1 assets, %2").arg(n).arg(size));
}

QList<Up42Asset> StoragePanel::selectedAssets() const
{
    QModelIndexList rows = m_assetsView->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QList<Up42Asset> out;
    for (const QModelIndex &index : std::as_const(rows)) {
        out.append(m_assets->asset(m_assetsProxy->mapToSource(index).row()));
    }
    return out;
}

QStringList StoragePanel::selectedAssetIds() const
{
    QStringList ids;
    for (const Up42Asset &a : selectedAssets()) {
        ids.append(a.id);
    }
    return ids;
}

void StoragePanel::selectAssets(const QStringList &assetIds)
{
    QItemSelection selection;
    QModelIndex first;
    for (const QString &id : assetIds) {
        const int row = m_assets->rowOf(id);
        if (row < 0) {
            continue;
        }
        const QModelIndex index = m_assetsProxy->mapFromSource(m_assets->index(row, 0));
        selection.select(index, index);
        if (!first.isValid()) {
            first = index;
        }
    }
    m_assetsView->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    if (first.isValid()) {
        m_assetsView->selectionModel()->setCurrentIndex(first, QItemSelectionModel::NoUpdate);
        m_assetsView->scrollTo(first);
    }
}

void StoragePanel::showDetails()
{
    const QList<Up42Asset> assets = selectedAssets();
    const int generation = ++m_detailsGeneration;
    if (m_detailsJob) {
        m_detailsJob->disconnect(this);
        m_detailsJob->cancel();
    }
    if (assets.size() != 1) {
        m_details->setPlainText(assets.isEmpty() ? QString() : filesText(assets));
        return;
    }
    // The listing's copy at once, then the asset as UP42 answers for it alone (GET .../metadata).
    const Up42Asset asset = assets.first();
    m_details->setPlainText(QString::fromUtf8(QJsonDocument(asset.raw).toJson(QJsonDocument::Indented)));
    Up42Session *s = session();
    if (!s) {
        return;
    }
    JsonCallJob *job = s->client()->asset(asset.id);
    connect(job, &StacJob::finished, job, &QObject::deleteLater);
    connect(job, &StacJob::finished, this, [this, job, generation, id = asset.id] {
        if (generation != m_detailsGeneration) {
            return;
        }
        m_detailsJob = nullptr;
        if (!job->isOk()) {
            showProblem(job->error(), tr("The metadata of asset %1 could not be read").arg(id));
            return;
        }
        m_details->setPlainText(QString::fromUtf8(QJsonDocument(job->json()).toJson(QJsonDocument::Indented)));
        Q_EMIT detailsLoaded(id);
    });
    m_detailsJob = job;
}

void StoragePanel::showStacItemsOfSelectedAsset()
{
    const QList<Up42Asset> assets = selectedAssets();
    if (assets.size() != 1 || !m_stacItems->isEnabled()) {
        return;
    }
    Q_EMIT stacItemsRequested(currentAccountId(), assets.first().id);
}

void StoragePanel::editSelectedAsset()
{
    Up42Session *s = session();
    const QList<Up42Asset> assets = selectedAssets();
    if (!s || assets.size() != 1) {
        return;
    }
    if (m_tagsDialog) {
        m_tagsDialog->raise();
        m_tagsDialog->activateWindow();
        return;
    }
    const Up42Asset asset = assets.first();
    const QString accountId = s->account().id;
    auto *dialog = new Up42TagsDialog(
        tr("The title and tags of the asset %1 in UP42 storage.").arg(asset.name), true, asset.title, asset.tags, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
        [this, dialog, accountId, id = asset.id] { saveAsset(accountId, id, dialog->title(), dialog->tags()); });
    m_tagsDialog = dialog;
    // open(), not exec(): no nested event loop on the GUI thread.
    dialog->open();
    Q_EMIT tagsDialogOpened(dialog);
}

void StoragePanel::saveAsset(
    const QString &accountId, const QString &assetId, const QString &title, const QStringList &tags)
{
    auto *s = m_accounts ? qobject_cast<Up42Session *>(m_accounts->session(accountId)) : nullptr;
    if (!s) {
        return;
    }
    const int row = m_assets->rowOf(assetId);
    const QString name = row >= 0 ? m_assets->asset(row).name : assetId;
    JsonCallJob *job = s->client()->updateAsset(assetId, title, tags);
    m_messages->showMessage(MessageBar::Level::Info, tr("Saving the title and tags of %1...").arg(name));
    watch(job, [this, job, assetId, name] {
        if (!job->isOk()) {
            showProblem(job->error(), tr("The title and tags of %1 were not saved").arg(name));
            return;
        }
        const Up42Asset answer = Up42Api::parseAsset(job->json());
        m_messages->showMessage(MessageBar::Level::Info, tr("Saved the title and tags of %1.").arg(name));
        if (answer.id == assetId && m_assets->updateAsset(answer) && selectedAssetIds() == QStringList { assetId }) {
            showDetails();
        }
        Q_EMIT assetChanged(assetId);
    });
}

void StoragePanel::downloadSelectedAssets()
{
    Up42Session *s = session();
    const QList<Up42Asset> assets = selectedAssets();
    if (!s || assets.isEmpty() || !m_downloads) {
        return;
    }
    openDownloadDialog(s->account().id, assets,
        assets.size() == 1 ? tr("The asset %1").arg(nameOf(assets.first())) : tr("The selected assets"), {});
}

void StoragePanel::openDownloadDialog(
    const QString &accountId, const QList<Up42Asset> &assets, const QString &what, const QString &subfolder)
{
    if (m_downloadDialog) {
        m_downloadDialog->close();
    }
    auto *dialog = new Up42DownloadDialog(
        tr("%1: %2.").arg(what, filesText(assets)), DownloadDialog::defaultDirectory(), subfolder, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
        [this, dialog, accountId, assets] { queueDownloads(accountId, assets, *dialog); });
    m_downloadDialog = dialog;
    // open(), not exec(): no nested event loop on the GUI thread.
    dialog->open();
    Q_EMIT downloadDialogOpened(dialog);
}

void StoragePanel::queueDownloads(
    const QString &accountId, const QList<Up42Asset> &assets, const Up42DownloadDialog &dialog)
{
    auto *s = m_accounts ? qobject_cast<Up42Session *>(m_accounts->session(accountId)) : nullptr;
    if (!s || !m_downloads) {
        m_messages->showMessage(MessageBar::Level::Error, tr("The UP42 account was closed: nothing was queued."));
        return;
    }
    const QString directory = dialog.targetDirectory();
    if (directory.isEmpty() || !QDir().mkpath(directory)) {
        m_messages->showMessage(MessageBar::Level::Error,
            tr("The folder %1 cannot be created: nothing was queued.").arg(QDir::toNativeSeparators(directory)));
        return;
    }
    DownloadDialog::rememberDirectory(dialog.directory());
    QList<DownloadTask> tasks;
    for (const Up42Asset &a : assets) {
        // The asset's href on the API: the account signs it when the download starts, and again
        // whenever the link expired.
        DownloadTask t = Up42Api::planAssetDownload(
            s->client()->apiUrl(), a.id, a.name, a.size, QDir(directory).absolutePath(), s->sourceId(), nameOf(a));
        if (dialog.unpackZips()) {
            t.unpack = UnpackState::Pending; // only a file that turns out to be a ZIP is unpacked
        }
        tasks.append(t);
    }
    m_downloads->enqueue(tasks);
    m_messages->showMessage(MessageBar::Level::Info,
        tasks.size() == 1
            ? tr("Queued %1 in Downloads, to %2.").arg(assets.first().name, QDir::toNativeSeparators(directory))
            : tr("Queued %1 files in Downloads, to %2.").arg(tasks.size()).arg(QDir::toNativeSeparators(directory)));
    Q_EMIT downloadQueued(int(tasks.size()));
}

} // namespace StacScope
