#include "ui/orders/orderdownloaddialog.h"

#include <algorithm>

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMap>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

QStringList keys(const QLineEdit *edit)
{
    QStringList out;
    for (const QString &part : edit->text().split(QRegularExpression(u"[,\\s]+"_s), Qt::SkipEmptyParts)) {
        out.append(part.trimmed());
    }
    return out;
}

} // namespace

OrderDownloadDialog::OrderDownloadDialog(
    const QString &orderId, const QList<CapellaPresignedItem> &items, const QString &directory, QWidget *parent)
    : QDialog(parent)
    , m_orderId(orderId)
    , m_items(items)
    , m_include(new QLineEdit(this))
    , m_exclude(new QLineEdit(this))
    , m_perProduct(new QCheckBox(tr("One &folder per product"), this))
    , m_overwrite(new QCheckBox(tr("&Replace files that are already there"), this))
    , m_directory(new QLineEdit(QDir::toNativeSeparators(directory), this))
    , m_summary(new QLabel(this))
    , m_queue(new QPushButton(tr("&Queue downloads"), this))
{
    setObjectName(u"orderDownloadDialog"_s);
    setWindowTitle(tr("Download order"));

    QMap<QString, int> types; // product type -> products
    QStringList assetKeys;
    int files = 0;
    for (const CapellaPresignedItem &item : items) {
        if (!item.productType.isEmpty()) {
            types[item.productType] += 1;
        }
        for (const CapellaPresignedAsset &a : item.assets) {
            if (!assetKeys.contains(a.key)) {
                assetKeys.append(a.key);
            }
            ++files;
        }
    }
    assetKeys.sort(Qt::CaseInsensitive);

    auto *title = new QLabel(tr("Order %1").arg(orderId), this);
    QFont titleFont = title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    title->setFont(titleFont);
    title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *offered = new QLabel((items.size() == 1 ? tr("1 product") : tr("%1 products").arg(items.size())) + u", "_s
            + (files == 1 ? tr("1 file offered") : tr("%1 files offered").arg(files)),
        this);
    offered->setForegroundRole(QPalette::PlaceholderText);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    if (!types.isEmpty()) {
        auto *row = new QHBoxLayout;
        for (auto it = types.cbegin(); it != types.cend(); ++it) {
            auto *check = new QCheckBox(tr("%1 (%2)").arg(it.key()).arg(it.value()), this);
            check->setObjectName(u"productType_"_s + it.key());
            check->setProperty("productType", it.key());
            check->setChecked(true);
            connect(check, &QCheckBox::toggled, this, &OrderDownloadDialog::updateSummary);
            m_typeChecks.append(check);
            row->addWidget(check);
        }
        row->addStretch(1);
        form->addRow(tr("Product types:"), row);
    } else {
        m_typesEdit = new QLineEdit(this);
        m_typesEdit->setPlaceholderText(tr("all; or e.g. GEO, SLC"));
        connect(m_typesEdit, &QLineEdit::textChanged, this, &OrderDownloadDialog::updateSummary);
        form->addRow(tr("Product &types:"), m_typesEdit);
    }
    m_include->setPlaceholderText(tr("all assets; or e.g. raster, metadata"));
    m_exclude->setPlaceholderText(tr("none; or e.g. thumbnail"));
    form->addRow(tr("&Include assets:"), m_include);
    form->addRow(tr("&Exclude assets:"), m_exclude);
    auto *help = new QLabel(
        tr("Asset keys in this order: %1. <b>raster</b> stands for the image itself (HH or VV). An excluded key "
           "wins over an included one.")
            .arg(assetKeys.isEmpty() ? tr("none") : assetKeys.join(u", "_s).toHtmlEscaped()),
        this);
    help->setWordWrap(true);
    help->setForegroundRole(QPalette::PlaceholderText);
    help->setMinimumWidth(fontMetrics().averageCharWidth() * 60);
    form->addRow(QString(), help);
    m_perProduct->setChecked(true);
    m_perProduct->setToolTip(tr("Each product's files in a folder named after the product"));
    form->addRow(QString(), m_perProduct);
    form->addRow(QString(), m_overwrite);
    auto *where = new QHBoxLayout;
    auto *browse = new QPushButton(tr("&Browse..."), this);
    browse->setAutoDefault(false);
    where->addWidget(m_directory, 1);
    where->addWidget(browse);
    auto *whereLabel = new QLabel(tr("Save &to:"), this);
    whereLabel->setBuddy(m_directory);
    form->addRow(whereLabel, where);

    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_queue, QDialogButtonBox::AcceptRole);
    buttons->addButton(QDialogButtonBox::Cancel);
    m_queue->setDefault(true);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(offered);
    layout->addSpacing(6);
    layout->addLayout(form);
    layout->addSpacing(4);
    layout->addWidget(m_summary);
    layout->addWidget(buttons);

    connect(m_include, &QLineEdit::textChanged, this, &OrderDownloadDialog::updateSummary);
    connect(m_exclude, &QLineEdit::textChanged, this, &OrderDownloadDialog::updateSummary);
    connect(m_perProduct, &QCheckBox::toggled, this, &OrderDownloadDialog::updateSummary);
    connect(m_directory, &QLineEdit::textChanged, this, &OrderDownloadDialog::updateSummary);
    connect(browse, &QPushButton::clicked, this, &OrderDownloadDialog::browse);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateSummary();
    resize(std::max(600, sizeHint().width()), sizeHint().height());
}

QCheckBox *OrderDownloadDialog::productTypeCheck(const QString &type) const
{
    for (QCheckBox *check : m_typeChecks) {
        if (check->property("productType").toString() == type) {
            return check;
        }
    }
    return nullptr;
}

CapellaApi::AssetFilter OrderDownloadDialog::filter() const
{
    CapellaApi::AssetFilter f;
    if (m_typesEdit) {
        f.productTypes = keys(m_typesEdit);
    } else {
        bool all = true;
        for (const QCheckBox *check : m_typeChecks) {
            if (check->isChecked()) {
                f.productTypes.append(check->property("productType").toString());
            } else {
                all = false;
            }
        }
        if (all) {
            f.productTypes.clear(); // every product, also one that names no type
        }
    }
    f.include = keys(m_include);
    f.exclude = keys(m_exclude);
    f.flat = !m_perProduct->isChecked();
    f.overwrite = m_overwrite->isChecked();
    return f;
}

QString OrderDownloadDialog::directory() const
{
    const QString text = m_directory->text().trimmed();
    return text.isEmpty() ? QString() : QDir::cleanPath(QDir::fromNativeSeparators(text));
}

int OrderDownloadDialog::fileCount() const
{
    const CapellaApi::AssetFilter f = filter();
    if (!m_typesEdit && !m_typeChecks.isEmpty() && f.productTypes.isEmpty()
        && std::none_of(m_typeChecks.begin(), m_typeChecks.end(), [](const QCheckBox *c) { return c->isChecked(); })) {
        return 0;
    }
    const QString root = directory().isEmpty() ? u"/download"_s : directory();
    return int(CapellaApi::planDownload(m_items, m_orderId, QUrl(u"http://localhost"_s), root, f, {}).size());
}

void OrderDownloadDialog::updateSummary()
{
    const int n = fileCount();
    if (n == 0) {
        m_summary->setText(tr("Nothing matches: choose other product types or asset keys."));
    } else if (directory().isEmpty()) {
        m_summary->setText(tr("Choose the folder the files are saved in."));
    } else {
        m_summary->setText(
            n == 1 ? tr("1 file will be queued in Downloads.") : tr("%1 files will be queued in Downloads.").arg(n));
    }
    m_queue->setEnabled(n > 0 && !directory().isEmpty());
}

void OrderDownloadDialog::browse()
{
    QString start = directory();
    if (!start.isEmpty()) {
        QDir().mkpath(start); // so that the dialog can choose it
    }
    auto *dialog = new QFileDialog(this, tr("Folder for the order's files"), start);
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setOption(QFileDialog::ShowDirsOnly);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this,
        [this](const QString &chosen) { m_directory->setText(QDir::toNativeSeparators(chosen)); });
    dialog->open();
}

} // namespace StacScope
