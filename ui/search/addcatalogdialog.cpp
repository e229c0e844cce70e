#include "ui/search/addcatalogdialog.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

bool isWebUrl(const QString &text)
{
    const QUrl url(text);
    return url.isValid() && (url.scheme() == u"http"_s || url.scheme() == u"https"_s);
}

} // namespace

AddCatalogDialog::AddCatalogDialog(CatalogSource::Kind kind, QWidget *parent)
    : QDialog(parent)
    , m_kind(kind)
    , m_url(new QLineEdit(this))
    , m_name(new QLineEdit(this))
    , m_status(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
    , m_retry(new QPushButton(tr("Retry"), this))
    , m_keep(new QPushButton(tr("Keep anyway"), this))
{
    const bool api = kind == CatalogSource::Kind::StacApi;
    setWindowTitle(api ? tr("Add STAC API") : tr("Open static catalog"));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    m_name->setPlaceholderText(tr("Shown in the catalog list"));
    if (api) {
        m_headers = new QPlainTextEdit(this);
        m_url->setPlaceholderText(u"https://earth-search.aws.element84.com/v1"_s);
        m_headers->setPlaceholderText(tr("Optional, one per line, e.g.\nX-Api-Key: ..."));
        m_headers->setMaximumHeight(90);
        form->addRow(tr("Landing page URL"), m_url);
        form->addRow(tr("Name"), m_name);
        form->addRow(tr("Request headers"), m_headers);
    } else {
        m_folder = new QPushButton(tr("Folder..."), this);
        m_file = new QPushButton(tr("File..."), this);
        m_folder->setToolTip(tr("Choose the folder that holds catalog.json"));
        m_file->setToolTip(tr("Choose a catalog.json or collection.json file"));
        m_url->setPlaceholderText(tr("A folder, a catalog.json file, or its https:// URL"));
        auto *row = new QHBoxLayout;
        row->addWidget(m_url, 1);
        row->addWidget(m_folder);
        row->addWidget(m_file);
        form->addRow(tr("Location"), row);
        form->addRow(tr("Name"), m_name);
        connect(m_folder, &QPushButton::clicked, this, [this] { browse(true); });
        connect(m_file, &QPushButton::clicked, this, [this] { browse(false); });
    }
    layout->addLayout(form);
    if (api) {
        auto *note
            = new QLabel(tr("Header values are used for this session only and are never written to settings."), this);
        note->setWordWrap(true);
        note->setStyleSheet(u"color: palette(mid);"_s);
        layout->addWidget(note);
    }
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->hide();
    layout->addWidget(m_status);
    m_buttons->addButton(m_retry, QDialogButtonBox::ActionRole);
    m_buttons->addButton(m_keep, QDialogButtonBox::AcceptRole);
    m_retry->hide();
    m_keep->hide();
    m_keep->setToolTip(tr("Add the catalog as it is; it is checked again when you open it"));
    layout->addWidget(m_buttons);
    // Keep anyway sits with the accepting buttons; clicked() tells them apart.
    connect(m_buttons, &QDialogButtonBox::clicked, this, [this](QAbstractButton *button) {
        if (button == okButton() || button == m_retry) {
            accept();
        } else if (button == m_keep) {
            QString error;
            const CatalogSource s = source(&error);
            if (error.isEmpty()) {
                Q_EMIT keepRequested(s);
            }
        }
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    // Another location after a failure: OK checks it, as at first.
    connect(m_url, &QLineEdit::textChanged, this, [this] {
        if (!m_retry->isHidden()) {
            m_retry->hide();
            m_keep->hide();
            m_status->hide();
            okButton()->show();
            okButton()->setDefault(true);
        }
    });
    resize(560, sizeHint().height());
}

QPushButton *AddCatalogDialog::okButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

void AddCatalogDialog::setEditing(const CatalogSource &source)
{
    m_originalId = source.id();
    setWindowTitle(tr("Edit catalog"));
    okButton()->setText(tr("Save"));
    m_url->setText(source.location);
    m_name->setText(source.name);
    if (m_headers) {
        QStringList lines;
        for (const auto &[name, value] : source.headers) {
            lines.append(QString::fromLatin1(name) + u": "_s + QString::fromUtf8(value));
        }
        m_headers->setPlainText(lines.join(u'\n'));
    }
}

CatalogSource AddCatalogDialog::source(QString *error) const
{
    CatalogSource s;
    s.kind = m_kind;
    const QString typed = m_url->text().trimmed();
    if (m_kind == CatalogSource::Kind::StaticCatalog) {
        if (typed.isEmpty()) {
            *error = tr("Choose a folder or a catalog.json file, or type its URL.");
            return {};
        }
        const QFileInfo info(typed);
        const bool local = !isWebUrl(typed) && !typed.startsWith(u":/"_s);
        s.location = local && info.exists() ? info.absoluteFilePath() : typed;
        QString name = m_name->text().trimmed();
        if (name.isEmpty()) {
            // A folder by its name; a catalog.json by its folder's.
            const QString path = local ? s.location : QUrl(typed).path();
            name = local && info.isDir() ? info.fileName() : path.section(u'/', -2, -2);
        }
        s.name = name.isEmpty() ? typed : name;
        return s;
    }
    const QUrl url = QUrl::fromUserInput(typed);
    if (typed.isEmpty() || !url.isValid() || (url.scheme() != u"http"_s && url.scheme() != u"https"_s)) {
        *error = tr("Enter the http or https URL of the API's landing page.");
        return {};
    }
    s.location = url.toString();
    s.name = m_name->text().trimmed().isEmpty() ? url.host() : m_name->text().trimmed();
    const QStringList lines = m_headers->toPlainText().split(u'\n', Qt::SkipEmptyParts);
    for (int i = 0; i < lines.size(); ++i) {
        const QString line = lines.at(i).trimmed();
        if (line.isEmpty()) {
            continue;
        }
        const qsizetype colon = line.indexOf(u':');
        if (colon <= 0) {
            *error = tr("Header line %1 needs the form \"Name: value\".").arg(i + 1);
            return {};
        }
        const QString name = line.left(colon).trimmed();
        if (name.contains(u' ')) {
            *error = tr("Header line %1: a header name cannot contain spaces.").arg(i + 1);
            return {};
        }
        s.headers.append({ name.toLatin1(), line.mid(colon + 1).trimmed().toUtf8() });
    }
    return s;
}

void AddCatalogDialog::accept()
{
    QString error;
    const CatalogSource s = source(&error);
    if (!error.isEmpty()) {
        showStatus(error, true);
        return;
    }
    setChecking();
    Q_EMIT checkRequested(s);
}

void AddCatalogDialog::setChecking()
{
    showStatus(tr("Checking %1...").arg(m_url->text().trimmed()), false);
    setBusy(true);
}

void AddCatalogDialog::acceptChecked()
{
    setBusy(false);
    QDialog::accept();
}

void AddCatalogDialog::setCheckFailed(const QString &reason)
{
    showStatus(tr("Couldn't load: %1").arg(reason), true);
    setBusy(false);
    okButton()->hide();
    m_retry->show();
    m_keep->show();
    m_retry->setDefault(true);
}

void AddCatalogDialog::showStatus(const QString &text, bool error)
{
    m_status->setStyleSheet(error ? u"color: #b3261e;"_s : u"color: palette(mid);"_s);
    m_status->setText(text);
    m_status->show();
}

void AddCatalogDialog::setBusy(bool busy)
{
    for (QWidget *w : std::initializer_list<QWidget *> { okButton(), m_retry, m_keep, m_url, m_name }) {
        w->setEnabled(!busy);
    }
    for (QWidget *w : { m_folder, m_file }) {
        if (w) {
            w->setEnabled(!busy);
        }
    }
}

void AddCatalogDialog::browse(bool folder)
{
    auto *chooser = new QFileDialog(this, folder ? tr("Static catalog folder") : tr("Static catalog file"));
    chooser->setAttribute(Qt::WA_DeleteOnClose);
    if (folder) {
        chooser->setFileMode(QFileDialog::Directory);
        chooser->setOption(QFileDialog::ShowDirsOnly);
    } else {
        chooser->setFileMode(QFileDialog::ExistingFile);
        chooser->setNameFilters({ tr("STAC catalogs (catalog.json collection.json *.json)"), tr("All files (*)") });
    }
    connect(chooser, &QFileDialog::fileSelected, this, [this](const QString &path) {
        if (!path.isEmpty()) {
            m_url->setText(path);
        }
    });
    chooser->open();
}

} // namespace StacScope
