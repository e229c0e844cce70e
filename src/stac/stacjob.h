#pragma once

#include <QJsonObject>
#include <QObject>
#include <QStringList>

#include "src/net/networkerror.h"

namespace StacScope {

class HttpCall;

// Base of the asynchronous STAC operations: one object per operation, finished() exactly once,
// then error() tells whether it worked. Jobs start on their own from the event loop.
class StacJob : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    bool isFinished() const { return m_finished; }
    bool isOk() const { return m_finished && !m_error.isError(); }
    const NetworkError &error() const { return m_error; }
    // Problems that did not stop the job (fields of the wrong type, skipped items...).
    const QStringList &warnings() const { return m_warnings; }
    virtual void cancel();

Q_SIGNALS:
    void finished();

protected:
    void finish(const NetworkError &error = {});
    void addWarnings(const QStringList &warnings);
    bool isCanceled() const { return m_canceled; }
    // The call's error, or its body read as a JSON object (a BadResponse error if it is not one).
    static NetworkError jsonObject(const HttpCall *call, QJsonObject *out);

private:
    NetworkError m_error;
    QStringList m_warnings;
    bool m_finished = false;
    bool m_canceled = false;
};

} // namespace StacScope
