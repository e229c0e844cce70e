#include "ui/search/requestdialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace StacScope {

RequestDialog::RequestDialog(const RequestRecipes &recipes, QWidget *parent)
    : QDialog(parent)
    , m_tabs(new QTabWidget(this))
    , m_notes(new QLabel(this))
{
    setWindowTitle(tr("The request"));
    setObjectName(u"requestDialog"_s);
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("This search, to run elsewhere or hand to a colleague. Secrets are not shown: "
                                "they are read from environment variables."),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    addTab(u"stacscope-cli"_s, recipes.cli, QString());
    addTab(u"curl"_s, recipes.curl, tr("No single HTTP request runs this search (see below)."));
    addTab(u"Python"_s, recipes.python, tr("pystac-client cannot run this search (see below)."));
    layout->addWidget(m_tabs, 1);
    m_notes->setWordWrap(true);
    m_notes->setTextFormat(Qt::PlainText);
    m_notes->setText(recipes.notes.join(u'\n'));
    m_notes->setVisible(!recipes.notes.isEmpty());
    layout->addWidget(m_notes);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(760, 420);
}

void RequestDialog::addTab(const QString &title, const QString &text, const QString &unavailable)
{
    auto *page = new QWidget(m_tabs);
    auto *layout = new QVBoxLayout(page);
    auto *edit = new QPlainTextEdit(page);
    edit->setObjectName(title);
    edit->setReadOnly(true);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    edit->setLineWrapMode(title == u"Python"_s ? QPlainTextEdit::NoWrap : QPlainTextEdit::WidgetWidth);
    edit->setPlainText(text.isEmpty() ? unavailable : text);
    edit->setEnabled(!text.isEmpty());
    layout->addWidget(edit, 1);
    auto *copy = new QPushButton(tr("&Copy"), page);
    copy->setObjectName(title + u"Copy"_s);
    copy->setEnabled(!text.isEmpty());
    connect(copy, &QPushButton::clicked, this, [text] { QApplication::clipboard()->setText(text); });
    layout->addWidget(copy, 0, Qt::AlignRight);
    m_tabs->addTab(page, title);
}

QString RequestDialog::text(const QString &title) const
{
    const auto *edit = findChild<QPlainTextEdit *>(title);
    return edit && edit->isEnabled() ? edit->toPlainText() : QString();
}

} // namespace StacScope
