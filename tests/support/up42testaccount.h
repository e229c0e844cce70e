#pragma once

#include <QString>

namespace StacScope {

class AccountManager;
class AccountStore;
class Up42Emulator;

// Saves an UP42 account signing in to `emulator` (its user and password, into the manager's
// secret store) and waits until it is saved: its id, or an empty string with a warning.
QString addUp42TestAccount(
    AccountManager *accounts, AccountStore *store, const Up42Emulator &emulator, const QString &name);

} // namespace StacScope
