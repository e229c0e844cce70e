#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QPointer>

#include "src/stac/stacjob.h"
#include "src/tasking/taskform.h"

namespace StacScope {

class AccountSession;

// Sends one tasking request, once. It costs money, so it is never retried: when the answer is
// lost (the connection broke, a timeout) the request may exist all the same, and the job looks it
// up by name among the account's requests created since it was sent. Found, it counts as created;
// not found, the job ends Lost and the user decides whether to send it again (a new job).
class TaskSubmitJob : public StacJob
{
    Q_OBJECT
public:
    enum class Outcome
    {
        Pending,
        Created, // the provider answered with the new request
        Recovered, // the answer was lost, but the lookup found the request
        Rejected, // the provider refused it (error(): its message; rejectionIssues() per field)
        Lost // the answer was lost and the lookup did not find it (or failed): it may not exist
    };

    // `body` is the review page's body: for Capella it is sent as is; for Satellogic the job sends
    // the same request through SatellogicClient (whose body it equals). Starts at once.
    TaskSubmitJob(AccountSession *session, const TaskDraft &draft, const QJsonObject &body, QObject *parent = nullptr);
    void cancel() override;

    Outcome outcome() const { return m_outcome; }
    bool isCreated() const { return m_outcome == Outcome::Created || m_outcome == Outcome::Recovered; }
    const TaskDraft &draft() const { return m_draft; }
    QDateTime sentAt() const { return m_sentAt; }
    // The provider's id of the new request ("23272", a Capella UUID), and its JSON as answered.
    QString remoteId() const { return m_remoteId; }
    const QJsonObject &answer() const { return m_answer; }
    // The error that lost the answer, kept when the lookup ends the job another way.
    const NetworkError &sendError() const { return m_sendError; }
    QList<ParameterIssue> rejectionIssues() const;

Q_SIGNALS:
    // The answer was lost; the job is looking the request up by name.
    void lookingUp();

private:
    void send();
    void onSent(StacJob *job);
    void lookUp();
    void onLookup(StacJob *job);
    void done(Outcome outcome, const NetworkError &error = {});

    QPointer<AccountSession> m_session;
    TaskDraft m_draft;
    QJsonObject m_body;
    QDateTime m_sentAt;
    QPointer<StacJob> m_job;
    Outcome m_outcome = Outcome::Pending;
    QString m_remoteId;
    QJsonObject m_answer;
    NetworkError m_sendError;
};

} // namespace StacScope
