#include "ui/search/addcatalogdialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QUrl>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace StacScope {

AddCatalogDialog::AddCatalogDialog(QWidget *parent)
    : QDialog(parent)
    , m_url(new QLineEdit(this))
    , m_name(new QLineEdit(this))
    , m_headers(new QPlainTextEdit(this))
    , m_error(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Add STAC API"));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    m_url->setPlaceholderText(u"https://earth-search.aws.element84.com/v1"_s);
    m_name->setPlaceholderText(tr("Shown in the catalog list"));
    m_headers->setPlaceholderText(tr("Optional, one per line, e.g.\nX-Api-Key: ..."));
    m_headers->setMaximumHeight(90);
    form->addRow(tr("Landing page URL"), m_url);
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("Request headers"), m_headers);
    layout->addLayout(form);
    auto *note
        = new QLabel(tr("Header values are used for this session only and are never written to settings."), this);
    note->setWordWrap(true);
    note->setStyleSheet(u"color: palette(mid);"_s);
    layout->addWidget(note);
    m_error->setStyleSheet(u"color: #b3261e;"_s);
    m_error->setWordWrap(true);
    m_error->hide();
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(520, sizeHint().height());
}

CatalogSource AddCatalogDialog::source(QString *error) const
{
    CatalogSource s;
    s.kind = CatalogSource::Kind::StacApi;
    const QUrl url = QUrl::fromUserInput(m_url->text().trimmed());
    if (m_url->text().trimmed().isEmpty() || !url.isValid()
        || (url.scheme() != u"http"_s && url.scheme() != u"https"_s)) {
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
    source(&error);
    if (!error.isEmpty()) {
        m_error->setText(error);
        m_error->show();
        return;
    }
    QDialog::accept();
}

} // namespace StacScope
