#pragma once

#include <QIcon>
#include <QString>

#include "src/providers/accountsession.h"

namespace StacScope {

struct NetworkError;

// How accounts are shown, shared by the Accounts dialog, the status bar and the panels.
namespace AccountWords {

// A small dot: green when ready, amber when a choice is missing, red when refused or unreachable,
// grey before signing in.
QIcon stateIcon(AccountSession::State state);
// How much the state wants the user's attention: 0 ready .. 3 refused.
int attention(AccountSession::State state);
// The error in words for this account's provider ("choose a contract" rather than "HTTP 403").
QString explain(const AccountSession *session, const NetworkError &error);
// Whose account a download's or a catalog's source id names ("satellogic:<id>",
// "account:<id>:api:..."); empty for none.
QString accountIdOfSource(const QString &sourceId);

} // namespace AccountWords

} // namespace StacScope
