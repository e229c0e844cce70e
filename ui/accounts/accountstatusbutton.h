#pragma once

#include <QPointer>
#include <QToolButton>

namespace StacScope {

class AccountManager;

// The accounts' state in the status bar: the one account's state in words, or a count of those
// that need attention; the tooltip lists each. Clicking asks for the Accounts dialog on the
// account that most needs it. Hidden while there are no accounts.
class AccountStatusButton : public QToolButton
{
    Q_OBJECT
public:
    explicit AccountStatusButton(AccountManager *accounts, QWidget *parent = nullptr);

    // The account a click opens: the one that most needs attention.
    QString accountToOpen() const { return m_toOpen; }

Q_SIGNALS:
    void openRequested(const QString &accountId);

private:
    void refresh();

    QPointer<AccountManager> m_accounts;
    QString m_toOpen;
};

} // namespace StacScope
