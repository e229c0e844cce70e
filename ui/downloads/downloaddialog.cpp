#include "ui/downloads/downloaddialog.h"

#include <algorithm>

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMap>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

#include "src/models/downloadlistmodel.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

enum KeyColumn
{
    KeyCol,
    TitleCol,
    RolesCol,
    TypesCol,
    ItemsCol,
    SizeCol,
    KeyColumnCount
};

QString sizeText(const AssetKeySummary &key)
{
    QString text
        = key.knownBytes > 0 || key.unknownSizeCount == 0 ? DownloadListModel::formatBytes(key.knownBytes) : QString();
    if (key.unknownSizeCount > 0) {
        text += (text.isEmpty() ? QString() : u" + "_s)
            + QCoreApplication::translate("StacScope::DownloadDialog", "%1 unknown").arg(key.unknownSizeCount);
    }
    return text;
}

QStringList listFrom(const QLineEdit *edit)
{
    return AssetSelection::parseList(edit->text());
}

} // namespace

void DownloadDialog::chooseOnly(const QString &key)
{
    m_rememberFilters = false;
    m_exclude->clear();
    m_include->setText(key);
}

QString DownloadDialog::defaultDirectory()
{
    QString base = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
    if (base.isEmpty()) {
        base = QDir::homePath();
    }
    return QSettings().value(u"downloads/directory"_s, QDir(base).filePath(u"StacScope"_s)).toString();
}

void DownloadDialog::rememberDirectory(const QString &directory)
{
    QSettings().setValue(u"downloads/directory"_s, directory);
}

DownloadDialog::DownloadDialog(AssetSelection selection, const QString &directory, QWidget *parent)
    : QDialog(parent)
    , m_selection(std::move(selection))
    , m_keysModel(new QStandardItemModel(this))
    , m_keysView(new QTreeView(this))
    , m_include(new QLineEdit(this))
    , m_exclude(new QLineEdit(this))
    , m_directory(new QLineEdit(directory, this))
    , m_perItem(new QRadioButton(tr("One folder per item"), this))
    , m_flat(new QRadioButton(tr("All files in one folder"), this))
    , m_existing(new QComboBox(this))
    , m_unpack(new QCheckBox(tr("&Unpack ZIP archives once downloaded and verified"), this))
    , m_totals(new QLabel(this))
    , m_warning(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Download Assets"));
    auto *intro = new QLabel(
        (m_selection.itemCount() == 1
                ? tr(
                    "Assets of the selected item. Tick the ones to download, or type keys, roles or media types below.")
                : tr("Assets of %1 selected items. Tick the ones to download, or type keys, roles or media types "
                     "below.")
                      .arg(m_selection.itemCount())),
        this);
    intro->setWordWrap(true);

    m_keysModel->setHorizontalHeaderLabels(
        { tr("Asset"), tr("Title"), tr("Roles"), tr("Media type"), tr("Items"), tr("Size") });
    m_keysView->setModel(m_keysModel);
    m_keysView->setRootIsDecorated(false);
    m_keysView->setAlternatingRowColors(true);
    m_keysView->setUniformRowHeights(true);
    m_keysView->header()->setSectionResizeMode(TitleCol, QHeaderView::Stretch);
    m_keysView->header()->setStretchLastSection(false);
    m_keysView->setMinimumHeight(200);

    const QString aliases = AssetSelection::aliases().join(u", "_s);
    m_include->setPlaceholderText(tr("everything, e.g. visual, data, geotiff"));
    m_include->setToolTip(tr("Comma-separated asset keys, roles or media types. Short forms: %1").arg(aliases));
    m_exclude->setPlaceholderText(tr("nothing, e.g. thumbnail, metadata"));
    m_exclude->setToolTip(tr("An exclusion wins over an inclusion. Short forms: %1").arg(aliases));
    m_include->setClearButtonEnabled(true);
    m_exclude->setClearButtonEnabled(true);

    auto *browse = new QToolButton(this);
    browse->setText(tr("Browse..."));
    connect(browse, &QToolButton::clicked, this, &DownloadDialog::chooseDirectory);
    auto *dirRow = new QHBoxLayout;
    dirRow->addWidget(m_directory, 1);
    dirRow->addWidget(browse);
    auto *layoutRow = new QHBoxLayout;
    layoutRow->addWidget(m_perItem);
    layoutRow->addWidget(m_flat);
    layoutRow->addStretch(1);
    m_perItem->setChecked(true);
    m_perItem->setToolTip(tr("<folder>/<collection>/<item id>/<files>, with the item's JSON beside them"));
    m_flat->setToolTip(tr("<folder>/<files>; names get the item id in front when two items collide"));
    m_existing->addItem(tr("Skip identical files, stop on different ones"), int(ExistingFilePolicy::Fail));
    m_existing->addItem(tr("Overwrite different files"), int(ExistingFilePolicy::Overwrite));
    m_existing->addItem(tr("Keep both (add a number)"), int(ExistingFilePolicy::KeepBoth));

    auto *form = new QFormLayout;
    form->addRow(tr("&Include:"), m_include);
    form->addRow(tr("E&xclude:"), m_exclude);
    auto *folderLabel = new QLabel(tr("&Folder:"), this);
    folderLabel->setBuddy(m_directory);
    form->addRow(folderLabel, dirRow);
    form->addRow(tr("Layout:"), layoutRow);
    form->addRow(tr("&Existing files:"), m_existing);
    // Only where an asset is a ZIP (a delivery bundle, a SAFE archive).
    m_unpack->setObjectName(u"unpackZips"_s);
    m_unpack->setToolTip(tr("Each ZIP is unpacked into a folder of its name beside it. An entry that would land "
                            "outside that folder stops the unpacking."));
    m_unpack->setChecked(QSettings().value(u"downloads/unpackZips"_s, false).toBool());
    const QList<AssetKeySummary> keys = m_selection.keys();
    const bool anyZip = std::any_of(keys.cbegin(), keys.cend(), [](const AssetKeySummary &key) {
        return std::any_of(key.mediaTypes.cbegin(), key.mediaTypes.cend(),
            [](const QString &type) { return type.contains(u"zip"_s, Qt::CaseInsensitive); });
    });
    m_unpack->setVisible(anyZip);
    form->addRow(QString(), m_unpack);

    downloadButton()->setText(tr("&Download"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        QSettings settings;
        if (!m_unpack->isHidden()) {
            settings.setValue(u"downloads/unpackZips"_s, m_unpack->isChecked());
        }
        if (m_rememberFilters) {
            settings.setValue(u"downloads/include"_s, m_include->text().trimmed());
            settings.setValue(u"downloads/exclude"_s, m_exclude->text().trimmed());
        }
        accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_totals, 1);
    bottom->addWidget(m_buttons);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_keysView, 1);
    layout->addLayout(form);
    m_warning->setObjectName(u"unfetchableWarning"_s);
    m_warning->setWordWrap(true);
    m_warning->setTextFormat(Qt::PlainText);
    m_warning->setStyleSheet(u"background:#fff6dd; border:1px solid #e8c66a; color:#3a2a00; border-radius:4px; "
                             "padding:6px;"_s);
    m_warning->hide();
    layout->addWidget(m_warning);
    layout->addLayout(bottom);

    // The include and exclude lists of the last download (the folder comes from the caller).
    const QSettings settings;
    m_include->setText(settings.value(u"downloads/include"_s).toString());
    m_exclude->setText(settings.value(u"downloads/exclude"_s).toString());

    m_keys = m_selection.keys();
    fillKeys();
    connect(m_include, &QLineEdit::textChanged, this, &DownloadDialog::applyFilters);
    connect(m_exclude, &QLineEdit::textChanged, this, &DownloadDialog::applyFilters);
    connect(m_directory, &QLineEdit::textChanged, this, &DownloadDialog::applyFilters);
    connect(m_keysModel, &QStandardItemModel::itemChanged, this, [this](QStandardItem *item) {
        if (!m_updating && item->column() == KeyCol) {
            onKeyToggled(item->row(), item->checkState() == Qt::Checked);
        }
    });
    applyFilters();
    resize(760, 520);
}

QPushButton *DownloadDialog::downloadButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

DownloadPlanOptions DownloadDialog::planOptions() const
{
    DownloadPlanOptions options;
    options.directory = QDir(m_directory->text().trimmed()).absolutePath();
    options.layout = m_flat->isChecked() ? DownloadLayout::Flat : DownloadLayout::PerItem;
    options.existingPolicy = ExistingFilePolicy(m_existing->currentData().toInt());
    options.unpackZips = !m_unpack->isHidden() && m_unpack->isChecked();
    return options;
}

void DownloadDialog::fillKeys()
{
    m_updating = true;
    m_keysModel->removeRows(0, m_keysModel->rowCount());
    for (const AssetKeySummary &key : std::as_const(m_keys)) {
        QList<QStandardItem *> row;
        auto *keyItem = new QStandardItem(key.key);
        keyItem->setCheckable(true);
        keyItem->setEditable(false);
        row << keyItem;
        row << new QStandardItem(key.title);
        row << new QStandardItem(key.roles.join(u", "_s));
        row << new QStandardItem(key.mediaTypes.join(u", "_s));
        auto *count = new QStandardItem(QString::number(key.itemCount));
        count->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        row << count;
        auto *size = new QStandardItem(sizeText(key));
        size->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        row << size;
        for (QStandardItem *item : std::as_const(row)) {
            item->setEditable(false);
        }
        m_keysModel->appendRow(row);
    }
    m_updating = false;
    for (int c = 0; c < KeyColumnCount; ++c) {
        if (c != TitleCol) {
            m_keysView->resizeColumnToContents(c);
        }
    }
}

void DownloadDialog::applyFilters()
{
    m_selection.setInclude(listFrom(m_include));
    m_selection.setExclude(listFrom(m_exclude));
    // A key is ticked when the filters take it from at least one item.
    QSet<QString> chosen;
    const QList<SelectedAsset> assets = m_selection.selectedAssets();
    for (const SelectedAsset &asset : assets) {
        chosen.insert(asset.asset.key);
    }
    m_updating = true;
    for (int row = 0; row < m_keysModel->rowCount(); ++row) {
        QStandardItem *item = m_keysModel->item(row, KeyCol);
        item->setCheckState(chosen.contains(item->text()) ? Qt::Checked : Qt::Unchecked);
    }
    m_updating = false;

    // What cannot be fetched is said now, and left out of the totals (the planner skips it).
    QList<SelectedAsset> fetchable;
    QStringList skipped;
    QMap<QString, QStringList> keysByReason;
    for (const SelectedAsset &asset : assets) {
        const QString reason = DownloadPlanner::skipReason(asset);
        if (reason.isEmpty()) {
            fetchable.append(asset);
        } else {
            skipped.append(tr("%1 / %2: %3").arg(asset.itemId, asset.asset.key, reason));
            QStringList &keys = keysByReason[reason];
            if (!keys.contains(asset.asset.key)) {
                keys.append(asset.asset.key);
            }
        }
    }
    if (skipped.isEmpty()) {
        m_warning->hide();
    } else {
        QStringList lines;
        lines.append(skipped.size() == assets.size()
                ? (assets.size() == 1 ? tr("The chosen file cannot be downloaded:")
                                      : tr("None of the %1 chosen files can be downloaded:").arg(assets.size()))
                : tr("%1 of the %2 chosen files cannot be downloaded and will be skipped:")
                      .arg(skipped.size())
                      .arg(assets.size()));
        for (auto it = keysByReason.cbegin(); it != keysByReason.cend(); ++it) {
            lines.append(u"\u2022 "_s + tr("%1: %2").arg(it.value().join(u", "_s), it.key()));
        }
        m_warning->setText(lines.join(u'\n'));
        m_warning->setToolTip(skipped.mid(0, 50).join(u'\n'));
        m_warning->show();
    }
    const AssetTotals totals = AssetSelection::totals(fetchable);
    QString text = totals.count == 1 ? tr("1 file") : tr("%1 files").arg(totals.count);
    if (totals.knownBytes > 0) {
        text += u", "_s + DownloadListModel::formatBytes(totals.knownBytes);
    }
    if (totals.unknownSizeCount > 0) {
        text += u" "_s + tr("(+%1 of unknown size)").arg(totals.unknownSizeCount);
    }
    m_totals->setText(text);
    const bool folderOk = !m_directory->text().trimmed().isEmpty();
    downloadButton()->setEnabled(totals.count > 0 && folderOk);
    downloadButton()->setToolTip(!folderOk ? tr("Choose a download folder")
            : assets.isEmpty()             ? tr("No asset chosen")
            : totals.count == 0            ? tr("None of the chosen files can be downloaded")
                                           : QString());
}

void DownloadDialog::onKeyToggled(int row, bool checked)
{
    const QString key = m_keys.value(row).key;
    QStringList include = listFrom(m_include);
    QStringList exclude = listFrom(m_exclude);
    auto removeKey = [&key](QStringList &list) {
        list.removeIf([&key](const QString &entry) { return entry.compare(key, Qt::CaseInsensitive) == 0; });
    };
    removeKey(include);
    removeKey(exclude);
    if (checked) {
        // Ticking a key with no include list would change nothing; with one, add the key to it.
        if (!include.isEmpty()) {
            include << key;
        }
    } else {
        exclude << key;
    }
    m_include->setText(include.join(u", "_s));
    m_exclude->setText(exclude.join(u", "_s));
    applyFilters();
}

void DownloadDialog::chooseDirectory()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Download Folder"), m_directory->text());
    if (!dir.isEmpty()) {
        m_directory->setText(QDir::toNativeSeparators(dir));
    }
}

} // namespace StacScope
