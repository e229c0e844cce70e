#include "ui/accounts/accountcombo.h"

#include <QSignalBlocker>

#include "src/providers/accountmanager.h"
#include "src/providers/accountsession.h"

namespace StacScope {

AccountCombo::AccountCombo(AccountManager *accounts, Accepts accepts, QWidget *parent)
    : QComboBox(parent)
    , m_accounts(accounts)
    , m_accepts(std::move(accepts))
{
    setSizeAdjustPolicy(QComboBox::AdjustToContents);
}

void AccountCombo::selectAccount(const QString &accountId)
{
    const int index = findData(accountId);
    if (index >= 0) {
        setCurrentIndex(index);
    }
}

bool AccountCombo::rebuild()
{
    const QString current = currentAccountId();
    {
        const QSignalBlocker blocker(this);
        clear();
        if (m_accounts) {
            for (AccountSession *s : m_accounts->sessions()) {
                if (m_accepts(s)) {
                    addItem(s->account().name, s->account().id);
                }
            }
        }
        setCurrentIndex(std::max(0, findData(current)));
    }
    setEnabled(count() > 0);
    return currentAccountId() != current;
}

} // namespace StacScope
