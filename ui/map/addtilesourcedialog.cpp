#include "ui/map/addtilesourcedialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace StacScope {

AddTileSourceDialog::AddTileSourceDialog(QWidget *parent)
    : QDialog(parent)
    , m_name(new QLineEdit(this))
    , m_template(new QLineEdit(this))
    , m_attribution(new QLineEdit(this))
    , m_message(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Add Tile Source"));
    m_template->setPlaceholderText(u"https://tile.example.org/{z}/{x}/{y}.png"_s);
    m_attribution->setPlaceholderText(tr("e.g. © Example contributors"));
    m_message->setWordWrap(true);
    m_message->setObjectName(u"validationMessage"_s);
    auto *form = new QFormLayout(this);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&URL template:"), m_template);
    form->addRow(tr("&Attribution:"), m_attribution);
    form->addRow(new QLabel(tr("Use {z}, {x} and {y} for the tile, {s} for a subdomain (a, b, c). "
                               "Respect the terms of use of the tile server."),
        this));
    form->addRow(m_message);
    form->addRow(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QLineEdit *edit : { m_name, m_template, m_attribution }) {
        connect(edit, &QLineEdit::textChanged, this, &AddTileSourceDialog::validate);
    }
    resize(520, sizeHint().height());
    validate();
}

TileSource AddTileSourceDialog::source() const
{
    return TileSource::userDefined(m_name->text(), m_template->text(), m_attribution->text());
}

QString AddTileSourceDialog::problem() const
{
    if (m_name->text().trimmed().isEmpty()) {
        return tr("Enter a name for the source.");
    }
    const QString message = TileSource::validateTemplate(m_template->text());
    if (!message.isEmpty()) {
        return message;
    }
    if (m_attribution->text().trimmed().isEmpty()) {
        return tr("Enter the attribution the tile provider asks for.");
    }
    return {};
}

void AddTileSourceDialog::validate()
{
    const QString message = problem();
    m_message->setText(message);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(message.isEmpty());
}

} // namespace StacScope
