#include "src/tasking/tasksubmitjob.h"

#include "src/providers/accountsession.h"
#include "src/providers/capella/capellaapi.h"
#include "src/providers/capella/capellaclient.h"
#include "src/providers/capella/capellasession.h"
#include "src/providers/jsoncalljob.h"
#include "src/providers/satellogic/satellogicapi.h"
#include "src/providers/satellogic/satellogicclient.h"
#include "src/providers/satellogic/satellogicsession.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

// How far before the send a found request may have been created: the provider's clock may be
// a little behind ours.
constexpr qint64 kClockSlackSeconds = 600;

CapellaRequest::Kind capellaKind(TaskKind kind)
{
    return kind == TaskKind::CapellaRepeat ? CapellaRequest::Kind::Repeat : CapellaRequest::Kind::Tasking;
}

} // namespace

TaskSubmitJob::TaskSubmitJob(AccountSession *session, const TaskDraft &draft, const QJsonObject &body, QObject *parent)
    : StacJob(parent)
    , m_session(session)
    , m_draft(draft)
    , m_body(body)
{
    QMetaObject::invokeMethod(this, &TaskSubmitJob::send, Qt::QueuedConnection);
}

void TaskSubmitJob::cancel()
{
    // The request may already be on its way: cancelling only stops listening for the answer.
    if (m_job) {
        m_job->disconnect(this);
        m_job->cancel();
    }
    StacJob::cancel();
}

QList<ParameterIssue> TaskSubmitJob::rejectionIssues() const
{
    return m_outcome == Outcome::Rejected ? TaskForms::rejectionIssues(m_draft.kind, error()) : QList<ParameterIssue>();
}

void TaskSubmitJob::send()
{
    if (isFinished()) {
        return;
    }
    m_sentAt = QDateTime::currentDateTimeUtc();
    if (m_draft.kind == TaskKind::SatellogicTask) {
        auto *session = qobject_cast<SatellogicSession *>(m_session.data());
        if (!session) {
            return done(Outcome::Rejected, NetworkError::make(NetworkError::Kind::Auth, tr("No Satellogic account")));
        }
        m_job = session->client()->createTask(TaskForms::satellogicRequest(m_draft));
    } else {
        auto *session = qobject_cast<CapellaSession *>(m_session.data());
        if (!session) {
            return done(Outcome::Rejected, NetworkError::make(NetworkError::Kind::Auth, tr("No Capella account")));
        }
        m_job = session->client()->createRequest(capellaKind(m_draft.kind), m_body);
    }
    m_job->setParent(this);
    StacJob *job = m_job;
    connect(job, &StacJob::finished, this, [this, job] { onSent(job); });
}

void TaskSubmitJob::onSent(StacJob *job)
{
    job->deleteLater();
    const NetworkError error = job->error();
    if (!error.isError()) {
        m_answer = static_cast<JsonCallJob *>(job)->json();
        if (m_draft.kind == TaskKind::SatellogicTask) {
            const std::optional<SatellogicTask> task = SatellogicApi::parseTask(m_answer);
            m_remoteId = task ? QString::number(task->id) : QString();
        } else {
            m_remoteId = CapellaApi::parseRequest(m_answer, capellaKind(m_draft.kind)).id;
        }
        return done(Outcome::Created);
    }
    if (TaskForms::isAnswerLost(error)) {
        m_sendError = error;
        return lookUp();
    }
    done(Outcome::Rejected, error);
}

void TaskSubmitJob::lookUp()
{
    Q_EMIT lookingUp();
    if (m_draft.kind == TaskKind::SatellogicTask) {
        auto *session = qobject_cast<SatellogicSession *>(m_session.data());
        if (!session) {
            return done(Outcome::Lost, m_sendError);
        }
        SatellogicTaskFilter filter;
        filter.name = m_draft.name.trimmed();
        m_job = session->client()->tasks(filter, 200);
        m_job->setParent(this);
        StacJob *job = m_job;
        connect(job, &StacJob::finished, this, [this, job] { onLookup(job); });
        return;
    }
    auto *session = qobject_cast<CapellaSession *>(m_session.data());
    if (!session) {
        return done(Outcome::Lost, m_sendError);
    }
    session->withUser(this, [this, session](const NetworkError &error) {
        if (error.isError() || isFinished()) {
            return done(Outcome::Lost, m_sendError);
        }
        CapellaApi::RequestFilter filter;
        filter.submittedAfter = m_sentAt.addSecs(-kClockSlackSeconds);
        const CapellaRequest::Kind kind = capellaKind(m_draft.kind);
        m_job = new CapellaRequestSearchJob(session->client(), kind,
            CapellaApi::requestSearchBody(kind, filter, session->userId(), session->organizationId()),
            CapellaApi::RequestPageSize, this);
        StacJob *job = m_job;
        connect(job, &StacJob::finished, this, [this, job] { onLookup(job); });
    });
}

void TaskSubmitJob::onLookup(StacJob *job)
{
    job->deleteLater();
    if (job->error().isError()) {
        return done(Outcome::Lost, m_sendError);
    }
    const QString name = m_draft.name.trimmed();
    const QDateTime since = m_sentAt.addSecs(-kClockSlackSeconds);
    QDateTime newest;
    if (m_draft.kind == TaskKind::SatellogicTask) {
        const SatellogicTaskRequest request = TaskForms::satellogicRequest(m_draft);
        for (const QJsonValue &v : static_cast<OffsetPagedJob *>(job)->results()) {
            const std::optional<SatellogicTask> task = SatellogicApi::parseTask(v.toObject());
            if (task && task->name == name && task->project == request.project && task->product == request.product
                && (!task->created.isValid() || task->created >= since)
                && (!newest.isValid() || task->created > newest)) {
                newest = task->created.isValid() ? task->created : since;
                m_remoteId = QString::number(task->id);
                m_answer = task->json;
            }
        }
    } else {
        for (const CapellaRequest &r : static_cast<CapellaRequestSearchJob *>(job)->requests()) {
            if (r.name == name && (!newest.isValid() || r.submissionTime > newest)) {
                newest = r.submissionTime.isValid() ? r.submissionTime : since;
                m_remoteId = r.id;
                m_answer = r.raw;
            }
        }
    }
    if (m_remoteId.isEmpty()) {
        return done(Outcome::Lost, m_sendError);
    }
    done(Outcome::Recovered);
}

void TaskSubmitJob::done(Outcome outcome, const NetworkError &error)
{
    if (isFinished()) {
        return;
    }
    m_outcome = outcome;
    finish(error);
}

} // namespace StacScope
