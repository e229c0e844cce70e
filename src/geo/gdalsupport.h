#pragma once

#include <cpl_error.h>
#include <gdal.h>
#include <mutex>

#include <QString>

// What every GDAL user in the core needs: the drivers registered once, and GDAL's own error
// reports kept out of stderr while we read the last one for our message.
namespace StacScope::Gdal {

inline void ensureRegistered()
{
    static std::once_flag once;
    std::call_once(once, [] { GDALAllRegister(); });
}

// GDAL reports problems through a per-thread handler; this one is quiet for its lifetime.
class QuietErrors
{
public:
    QuietErrors()
    {
        CPLPushErrorHandler(CPLQuietErrorHandler);
        CPLErrorReset();
    }
    ~QuietErrors() { CPLPopErrorHandler(); }
    QuietErrors(const QuietErrors &) = delete;
    QuietErrors &operator=(const QuietErrors &) = delete;

    static QString lastMessage() { return QString::fromUtf8(CPLGetLastErrorMsg()).trimmed(); }
};

} // namespace StacScope::Gdal
