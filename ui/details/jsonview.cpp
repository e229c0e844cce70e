#include "ui/details/jsonview.h"

#include <QAction>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextCursor>
#include <QTextDocument>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

// One token at a time over each line: a string followed by ':' is a key.
class JsonHighlighter : public QSyntaxHighlighter
{
public:
    explicit JsonHighlighter(QTextDocument *document)
        : QSyntaxHighlighter(document)
    {
        m_key.setForeground(QColor(0x1f, 0x4e, 0x9b));
        m_string.setForeground(QColor(0x1b, 0x7a, 0x3a));
        m_number.setForeground(QColor(0xa3, 0x4a, 0x00));
        m_literal.setForeground(QColor(0x8e, 0x24, 0xaa));
        m_literal.setFontWeight(QFont::Bold);
    }

protected:
    void highlightBlock(const QString &text) override
    {
        static const QRegularExpression token(
            uR"("(?:[^"\\]|\\.)*"(\s*:)?|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|\btrue\b|\bfalse\b|\bnull\b)"_s);
        for (auto it = token.globalMatch(text); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            const QChar first = m.captured(0).front();
            if (first == u'"') {
                const bool key = !m.captured(1).isEmpty();
                setFormat(
                    int(m.capturedStart(0)), int(m.capturedLength(0) - m.capturedLength(1)), key ? m_key : m_string);
            } else if (first == u'-' || first.isDigit()) {
                setFormat(int(m.capturedStart(0)), int(m.capturedLength(0)), m_number);
            } else {
                setFormat(int(m.capturedStart(0)), int(m.capturedLength(0)), m_literal);
            }
        }
    }

private:
    QTextCharFormat m_key;
    QTextCharFormat m_string;
    QTextCharFormat m_number;
    QTextCharFormat m_literal;
};

} // namespace

JsonView::JsonView(QWidget *parent)
    : QWidget(parent)
    , m_edit(new QPlainTextEdit(this))
    , m_find(new QLineEdit(this))
    , m_matches(new QLabel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *bar = new QHBoxLayout;
    m_find->setObjectName(u"jsonFind"_s);
    m_find->setPlaceholderText(tr("Find in the JSON (Enter: next, Shift+Enter: previous)"));
    m_find->setClearButtonEnabled(true);
    bar->addWidget(m_find, 1);
    bar->addWidget(m_matches);
    layout->addLayout(bar);
    m_edit->setReadOnly(true);
    m_edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    layout->addWidget(m_edit, 1);
    new JsonHighlighter(m_edit->document());

    connect(m_find, &QLineEdit::textChanged, this, [this] {
        // From the top: the first match of what is typed.
        m_edit->moveCursor(QTextCursor::Start);
        findNext();
        updateMatches();
    });
    connect(m_find, &QLineEdit::returnPressed, this, [this] { findNext(); });
    auto *previous = new QAction(this);
    previous->setShortcuts({ QKeySequence(Qt::SHIFT | Qt::Key_Return), QKeySequence(Qt::SHIFT | Qt::Key_Enter),
        QKeySequence::FindPrevious });
    previous->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(previous, &QAction::triggered, this, [this] { findNext(true); });
    addAction(previous);
    auto *next = new QAction(this);
    next->setShortcuts(QKeySequence::FindNext);
    next->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(next, &QAction::triggered, this, [this] { findNext(); });
    addAction(next);
    auto *find = new QAction(this);
    find->setShortcuts(QKeySequence::Find);
    find->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QAction::triggered, this, [this] {
        m_find->setFocus();
        m_find->selectAll();
    });
    addAction(find);
}

void JsonView::setText(const QString &text)
{
    m_edit->setPlainText(text);
    if (!m_find->text().isEmpty()) {
        findNext();
    }
    updateMatches();
}

void JsonView::clear()
{
    m_edit->clear();
    updateMatches();
}

QString JsonView::text() const
{
    return m_edit->toPlainText();
}

bool JsonView::findNext(bool backwards)
{
    const QString needle = m_find->text();
    if (needle.isEmpty()) {
        return false;
    }
    const QTextDocument::FindFlags flags = backwards ? QTextDocument::FindBackward : QTextDocument::FindFlags();
    if (m_edit->find(needle, flags)) {
        updateMatches();
        return true;
    }
    // Wrap around once.
    QTextCursor wrap = m_edit->textCursor();
    wrap.movePosition(backwards ? QTextCursor::End : QTextCursor::Start);
    m_edit->setTextCursor(wrap);
    const bool found = m_edit->find(needle, flags);
    updateMatches();
    return found;
}

void JsonView::updateMatches()
{
    const QString needle = m_find->text();
    if (needle.isEmpty()) {
        m_matches->clear();
        m_find->setStyleSheet(QString());
        return;
    }
    const QString text = m_edit->toPlainText();
    int total = 0;
    int current = 0;
    const int at = m_edit->textCursor().hasSelection() ? m_edit->textCursor().selectionStart() : -1;
    for (qsizetype i = text.indexOf(needle, 0, Qt::CaseInsensitive); i >= 0;
         i = text.indexOf(needle, i + 1, Qt::CaseInsensitive)) {
        ++total;
        if (i == at) {
            current = total;
        }
    }
    m_matches->setText(total == 0 ? tr("No match") : tr("%1 of %2").arg(current).arg(total));
    m_find->setStyleSheet(total == 0 ? u"background: #fdecea;"_s : QString());
}

} // namespace StacScope
