#include "ui/common/messagebar.h"

#include <utility>

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace StacScope {

MessageBar::MessageBar(QWidget *parent)
    : QFrame(parent)
    , m_icon(new QLabel(this))
    , m_text(new QLabel(this))
    , m_action(new QPushButton(this))
    , m_close(new QToolButton(this))
{
    setObjectName(u"messageBar"_s);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 6, 6);
    layout->addWidget(m_icon);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_action);
    layout->addWidget(m_close);
    m_action->setObjectName(u"messageBarAction"_s);
    m_action->hide();
    connect(m_action, &QPushButton::clicked, this, [this] {
        // The action may show another message: take it before hiding this one.
        const std::function<void()> run = std::exchange(m_run, nullptr);
        hide();
        if (run) {
            run();
        }
    });
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_close->setAutoRaise(true);
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setToolTip(tr("Close"));
    connect(m_close, &QToolButton::clicked, this, &QWidget::hide);
    hide();
}

QString MessageBar::text() const
{
    return m_text->text();
}

void MessageBar::showMessage(Level level, const QString &text, const QString &details)
{
    m_level = level;
    m_text->setText(text);
    m_text->setToolTip(details);
    QStyle::StandardPixmap icon = QStyle::SP_MessageBoxInformation;
    QString colors = u"background:#e8f1fb; border:1px solid #9cc3ea; color:#123;"_s;
    if (level == Level::Warning) {
        icon = QStyle::SP_MessageBoxWarning;
        colors = u"background:#fff6dd; border:1px solid #e8c66a; color:#3a2a00;"_s;
    } else if (level == Level::Error) {
        icon = QStyle::SP_MessageBoxCritical;
        colors = u"background:#fdecea; border:1px solid #e59a94; color:#4a0c07;"_s;
    }
    setStyleSheet(u"#messageBar {"_s + colors
        + u" border-radius:4px; } #messageBar QLabel { border:none; background:transparent; }"_s);
    m_icon->setPixmap(style()->standardIcon(icon).pixmap(20, 20));
    m_run = nullptr;
    m_action->hide();
    show();
}

void MessageBar::setAction(const QString &text, std::function<void()> action)
{
    m_run = std::move(action);
    m_action->setText(text);
    m_action->setVisible(bool(m_run));
}

} // namespace StacScope
