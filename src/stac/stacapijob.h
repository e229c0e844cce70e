#pragma once

#include <QPointer>

#include "src/stac/stacjob.h"

namespace StacScope {

class HttpCall;
class LandingJob;
class StacApiClient;

// A job against a STAC API that needs its landing page first (to find endpoints by link rel):
// it loads it once through the client when the client does not know it yet, then begin()s.
// Cancelling stops the landing request and the job's current call.
class StacApiJob : public StacJob
{
    Q_OBJECT
public:
    StacApiJob(StacApiClient *client, QObject *parent);
    void cancel() override;

protected:
    StacApiClient *client() const { return m_client; }
    // Runs once the landing page is known.
    virtual void begin() = 0;
    // A problem found before any request is made (the job then fails); empty when none.
    virtual QString precheck() const { return {}; }

    // The request in flight, cancelled with the job.
    QPointer<HttpCall> m_call;

private:
    StacApiClient *m_client;
    QPointer<LandingJob> m_landing;
};

} // namespace StacScope
