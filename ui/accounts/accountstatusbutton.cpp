#include "ui/accounts/accountstatusbutton.h"

#include "src/providers/accountmanager.h"
#include "src/providers/accountsession.h"
#include "ui/accounts/accountwords.h"

using namespace Qt::StringLiterals;

namespace StacScope {

AccountStatusButton::AccountStatusButton(AccountManager *accounts, QWidget *parent)
    : QToolButton(parent)
    , m_accounts(accounts)
{
    setObjectName(u"accountStatus"_s);
    setAutoRaise(true);
    setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    setIconSize(QSize(12, 12));
    connect(this, &QToolButton::clicked, this, [this] { Q_EMIT openRequested(m_toOpen); });
    if (m_accounts) {
        connect(m_accounts, &AccountManager::sessionsChanged, this, &AccountStatusButton::refresh);
        connect(m_accounts, &AccountManager::sessionStateChanged, this, &AccountStatusButton::refresh);
    }
    refresh();
}

void AccountStatusButton::refresh()
{
    const QList<AccountSession *> sessions = m_accounts ? m_accounts->sessions() : QList<AccountSession *>();
    setVisible(!sessions.isEmpty());
    if (sessions.isEmpty()) {
        m_toOpen.clear();
        return;
    }
    const AccountSession *worst = sessions.first();
    int ready = 0;
    int troubled = 0;
    QStringList lines;
    for (const AccountSession *s : sessions) {
        const int a = AccountWords::attention(s->state());
        if (a > AccountWords::attention(worst->state())) {
            worst = s;
        }
        ready += s->state() == AccountSession::State::Ready ? 1 : 0;
        troubled += a >= 2 ? 1 : 0;
        lines.append(tr("%1: %2").arg(s->account().name, s->stateText()).toHtmlEscaped());
    }
    m_toOpen = worst->account().id;
    if (sessions.size() == 1) {
        setIcon(AccountWords::stateIcon(worst->state()));
        setText(tr("%1: %2").arg(worst->account().name, worst->stateText()));
    } else if (troubled > 0) {
        setIcon(AccountWords::stateIcon(worst->state()));
        setText(troubled == 1 ? tr("%1 accounts, 1 needs attention").arg(sessions.size())
                              : tr("%1 accounts, %2 need attention").arg(sessions.size()).arg(troubled));
    } else {
        // Nothing wrong: green when one works, grey while none is signed in yet.
        setIcon(AccountWords::stateIcon(ready > 0 ? AccountSession::State::Ready : AccountSession::State::Unchecked));
        setText(ready == 0 ? tr("%1 accounts").arg(sessions.size())
                           : tr("%1 accounts, %2 signed in").arg(sessions.size()).arg(ready));
    }
    setToolTip(
        lines.join(u"<br>"_s) + u"<br><i>"_s + tr("Click to open Settings > Accounts").toHtmlEscaped() + u"</i>"_s);
}

} // namespace StacScope
