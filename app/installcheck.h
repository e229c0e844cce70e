#pragma once

namespace StacScope {

// For `stacscope --check`: whether this installation has what the app needs at run time (the data
// compiled into it, the SQLite driver, the SVG and TLS plugins), one line each on stdout, then the
// libraries' versions and licences. Returns the exit code: 0 when every check passed, 1 otherwise.
// Needs the QApplication, so that the platform plugin has loaded already.
int checkInstallation();

} // namespace StacScope
