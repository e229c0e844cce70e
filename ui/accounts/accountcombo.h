#pragma once

#include <functional>

#include <QComboBox>
#include <QPointer>

namespace StacScope {

class AccountManager;
class AccountSession;

// The "Account:" chooser of the provider docks (Tasks, Orders): the accounts whose sessions
// `accepts`, by name, keeping the current one across rebuilds.
class AccountCombo : public QComboBox
{
    Q_OBJECT
public:
    using Accepts = std::function<bool(AccountSession *)>;
    AccountCombo(AccountManager *accounts, Accepts accepts, QWidget *parent = nullptr);

    QString currentAccountId() const { return currentData().toString(); }
    void selectAccount(const QString &accountId);
    // Lists the accepted accounts again without signals; true when the current account changed.
    bool rebuild();

private:
    QPointer<AccountManager> m_accounts;
    Accepts m_accepts;
};

} // namespace StacScope
