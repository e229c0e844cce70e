#include "src/providers/satellogic/satellogicapi.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimeZone>
#include <QUrlQuery>

#include "src/providers/provider.h"

using namespace Qt::StringLiterals;

namespace StacScope {

bool SatellogicTask::isFinal() const
{
    return status == u"completed"_s || status == u"failed"_s || status == u"rejected"_s || status == u"canceled"_s
        || status == u"cancelled"_s;
}

std::optional<SatellogicAttachment> SatellogicScene::attachment(const QString &name) const
{
    for (const SatellogicAttachment &a : attachments) {
        if (a.name == name) {
            return a;
        }
    }
    return std::nullopt;
}

namespace SatellogicApi {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("StacScope::SatellogicApi", text);
}

bool fail(QString *error, const QString &message)
{
    if (error) {
        *error = message;
    }
    return false;
}

qint64 integer(const QJsonValue &v, bool *ok)
{
    if (v.isDouble()) {
        *ok = true;
        return qint64(v.toDouble());
    }
    if (v.isString()) {
        return v.toString().toLongLong(ok);
    }
    *ok = false;
    return 0;
}

QStringList strings(const QJsonValue &v)
{
    QStringList list;
    for (const QJsonValue &e : v.toArray()) {
        if (e.isString()) {
            list.append(e.toString());
        }
    }
    return list;
}

} // namespace

QUrl defaultAuthUrl()
{
    return QUrl(u"https://auth.platform.satellogic.com"_s);
}

QUrl legacyAuthUrl()
{
    return QUrl(u"https://login.satellogic.com"_s);
}

QUrl defaultAccountsUrl()
{
    return QUrl(u"https://api.platform.satellogic.com"_s);
}

QUrl defaultApiUrl()
{
    return QUrl(u"https://api.satellogic.com"_s);
}

QString apiAudience()
{
    return u"https://api.satellogic.com/"_s;
}

QString accountsAudience()
{
    return u"api"_s;
}

QByteArray tokenHeader()
{
    return QByteArrayLiteral("authorizationToken");
}

QByteArray contractHeader()
{
    return QByteArrayLiteral("X-Satellogic-Contract-Id");
}

QUrl tokenUrl(const QUrl &auth)
{
    return Provider::below(auth, u"/oauth/token"_s);
}

QUrl contractsUrl(const QUrl &accounts)
{
    return Provider::below(accounts, u"/v2/my/contracts"_s);
}

QUrl archiveUrl(const QUrl &api)
{
    return Provider::below(api, u"/archive/stac/"_s);
}

QUrl productsUrl(const QUrl &api)
{
    return Provider::below(api, u"/tasking/products/"_s);
}

QUrl tasksUrl(const QUrl &api, const SatellogicTaskFilter &filter, int limit)
{
    QUrl url = Provider::below(api, u"/tasking/tasks/"_s);
    QUrlQuery q;
    q.addQueryItem(u"limit"_s, QString::number(limit));
    q.addQueryItem(u"offset"_s, u"0"_s);
    auto add = [&q](const QString &key, const QString &value) {
        if (!value.isEmpty()) {
            q.addQueryItem(key, QString::fromUtf8(QUrl::toPercentEncoding(value)));
        }
    };
    add(u"task_name"_s, filter.name);
    add(u"status"_s, filter.status);
    add(u"project_name"_s, filter.project);
    url.setQuery(q);
    return url;
}

QUrl createTaskUrl(const QUrl &api)
{
    return Provider::below(api, u"/tasking/tasks/"_s);
}

QUrl taskUrl(const QUrl &api, qint64 taskId)
{
    // The documents show it without a trailing slash [C seed 002].
    return Provider::below(api, u"/tasking/tasks/%1"_s.arg(taskId));
}

QUrl capturesUrl(const QUrl &api, qint64 taskId)
{
    return Provider::below(api, u"/tasking/tasks/%1/captures/"_s.arg(taskId));
}

QUrl cancelTaskUrl(const QUrl &api, qint64 taskId)
{
    return Provider::below(api, u"/tasking/tasks/%1/cancel/"_s.arg(taskId));
}

QUrl scenesUrl(const QUrl &api, const QString &captureId)
{
    QUrl url = Provider::below(api, u"/telluric/scenes/"_s);
    QUrlQuery q;
    q.addQueryItem(u"sceneset_id"_s, QString::fromUtf8(QUrl::toPercentEncoding(captureId)));
    url.setQuery(q);
    return url;
}

QUrl attachmentLinkUrl(const QUrl &api, const QString &sceneId, const QString &attachment)
{
    QUrl url = Provider::below(api,
        u"/telluric/scenes/%1/attachments/%2/download/"_s.arg(QString::fromUtf8(QUrl::toPercentEncoding(sceneId)),
            QString::fromUtf8(QUrl::toPercentEncoding(attachment))));
    url.setQuery(u"redirect=false"_s);
    return url;
}

QString formatTime(const QDateTime &time)
{
    if (time.timeSpec() == Qt::LocalTime) {
        // Qt::ISODate writes local times without an offset: make it explicit.
        return time.toOffsetFromUtc(time.offsetFromUtc()).toString(Qt::ISODate);
    }
    return time.toString(Qt::ISODate);
}

QDateTime parseTime(const QString &text)
{
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid()) {
        t = QDateTime::fromString(text, Qt::ISODate);
    }
    if (t.isValid() && t.timeSpec() == Qt::LocalTime) {
        t.setTimeZone(QTimeZone::utc()); // the services write naive times in UTC
    }
    return t;
}

QByteArray createTaskBody(const SatellogicTaskRequest &request)
{
    const QJsonObject body { { u"task_name"_s, request.name }, { u"project_name"_s, request.project },
        { u"product"_s, double(request.product) }, { u"target"_s, request.target },
        { u"start"_s, formatTime(request.start) }, { u"end"_s, formatTime(request.end) } };
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

QList<ParameterIssue> taskIssues(const SatellogicTaskRequest &request, const SatellogicProduct *product)
{
    QList<ParameterIssue> issues;
    if (request.name.trimmed().isEmpty()) {
        issues.append({ u"name"_s, tr("required") });
    }
    if (request.project.trimmed().isEmpty()) {
        issues.append({ u"project"_s, tr("required") });
    }
    if (request.product <= 0) {
        issues.append({ u"product"_s, tr("choose one of the account's tasking products") });
    }
    const QString type = request.target.value(u"type"_s).toString();
    if (type != u"Point"_s && type != u"Polygon"_s) {
        issues.append({ u"target"_s, tr("a point or a polygon") });
    } else if (product && product->isArea && type != u"Polygon"_s) {
        issues.append({ u"target"_s, tr("\"%1\" covers an area; give a polygon").arg(product->name) });
    } else if (product && !product->isArea && type != u"Point"_s) {
        issues.append({ u"target"_s, tr("\"%1\" images a point; give a point").arg(product->name) });
    }
    if (!request.start.isValid()) {
        issues.append({ u"start"_s, tr("a date and time") });
    }
    if (!request.end.isValid()) {
        issues.append({ u"end"_s, tr("a date and time") });
    }
    if (request.start.isValid() && request.end.isValid() && request.end <= request.start) {
        issues.append({ u"end"_s, tr("must be after the start") });
    }
    return issues;
}

QString validateTask(const SatellogicTaskRequest &request, const SatellogicProduct *product)
{
    QStringList problems;
    for (const ParameterIssue &issue : taskIssues(request, product)) {
        const QString label = issue.key == u"name"_s ? tr("task name")
            : issue.key == u"project"_s              ? tr("project name")
                                                     : issue.key;
        problems.append(label + u": "_s + issue.message);
    }
    return problems.join(u"; "_s);
}

std::optional<SatellogicContract> parseContract(const QJsonObject &o, QString *error)
{
    SatellogicContract c;
    c.id = o.value(u"contract_id"_s).toString();
    if (c.id.isEmpty()) {
        fail(error, tr("a contract without contract_id"));
        return std::nullopt;
    }
    c.name = o.value(u"name"_s).toString();
    c.account = o.value(u"account"_s).toString();
    c.status = o.value(u"status"_s).toString();
    const QJsonValue archive = o.value(u"archive_configuration"_s);
    c.hasArchive = archive.isObject();
    c.archiveCollections = strings(archive.toObject().value(u"collections"_s));
    c.archiveRestrictions = strings(archive.toObject().value(u"restrictions"_s));
    c.taskingAllowed = o.value(u"tasking_configuration"_s).toObject().value(u"has_credentials"_s).toBool();
    c.json = o;
    return c;
}

std::optional<SatellogicProduct> parseProduct(const QJsonObject &o, QString *error)
{
    SatellogicProduct p;
    bool ok = false;
    p.id = integer(o.value(u"pk"_s), &ok);
    if (!ok) {
        fail(error, tr("a product without pk"));
        return std::nullopt;
    }
    p.name = o.value(u"name"_s).toString();
    p.isArea = o.value(u"is_area"_s).toBool();
    p.json = o;
    return p;
}

std::optional<SatellogicTask> parseTask(const QJsonObject &o, QString *error)
{
    SatellogicTask t;
    bool ok = false;
    t.id = integer(o.value(u"task_id"_s), &ok);
    if (!ok) {
        fail(error, tr("a task without task_id"));
        return std::nullopt;
    }
    t.name = o.value(u"task_name"_s).toString();
    t.project = o.value(u"project_name"_s).toString();
    t.product = integer(o.value(u"product"_s), &ok);
    t.status = o.value(u"status"_s).toString();
    t.start = parseTime(o.value(u"start"_s).toString());
    t.end = parseTime(o.value(u"end"_s).toString());
    t.created = parseTime(o.value(u"created_time"_s).toString());
    t.target = o.value(u"target"_s).toObject();
    t.json = o;
    return t;
}

std::optional<SatellogicCapture> parseCapture(const QJsonObject &o, QString *error)
{
    SatellogicCapture c;
    c.id = o.value(u"capture_id"_s).toString();
    if (c.id.isEmpty()) {
        fail(error, tr("a capture without capture_id"));
        return std::nullopt;
    }
    c.start = parseTime(o.value(u"start"_s).toString());
    c.satellite = o.value(u"satellite_name"_s).toString();
    c.status = o.value(u"status"_s).toString();
    c.json = o;
    return c;
}

std::optional<SatellogicScene> parseScene(const QJsonObject &o, QString *error)
{
    SatellogicScene s;
    s.id = o.value(u"scene_id"_s).toString();
    if (s.id.isEmpty()) {
        fail(error, tr("a scene without scene_id"));
        return std::nullopt;
    }
    s.sceneSetId = o.value(u"sceneset_id"_s).toString();
    s.timestamp = parseTime(o.value(u"timestamp"_s).toString());
    s.productName = o.value(u"productname"_s).toString();
    s.satellite = o.value(u"satellite_name"_s).toString();
    s.footprint = o.value(u"footprint"_s).toObject();
    for (const QJsonValue &v : o.value(u"attachments"_s).toArray()) {
        const QJsonObject a = v.toObject();
        SatellogicAttachment att;
        att.name = a.value(u"name"_s).toString();
        att.fileName = a.value(u"file_name"_s).toString();
        att.url = QUrl(a.value(u"url"_s).toString());
        if (!att.name.isEmpty()) {
            s.attachments.append(att);
        }
    }
    s.json = o;
    return s;
}

QUrl parseAttachmentLink(const QJsonObject &o, QString *error)
{
    const QUrl url(o.value(u"url"_s).toString());
    if (!url.isValid() || (url.scheme() != u"https"_s && url.scheme() != u"http"_s)) {
        fail(error, tr("the download link answer has no usable \"url\""));
        return {};
    }
    return url;
}

bool isContractProblem(const NetworkError &error)
{
    if (!(error.kind == NetworkError::Kind::Http && (error.httpStatus == 401 || error.httpStatus == 403))) {
        return false;
    }
    const QString m = error.message.toLower();
    return m.contains(u"contract"_s) || m.contains(u"missing required header"_s);
}

QString explain(const NetworkError &error)
{
    if (isContractProblem(error)) {
        return tr("Choose a contract for this account: Satellogic says \"%1\"").arg(error.message);
    }
    if (error.kind == NetworkError::Kind::Http && error.httpStatus == 401) {
        return tr("Satellogic refused the account's credentials (%1): check the client id and secret")
            .arg(error.message);
    }
    if (error.kind == NetworkError::Kind::Http && error.httpStatus == 403) {
        return tr("Satellogic does not allow this with the account's contract: %1").arg(error.message);
    }
    return error.toString();
}

} // namespace SatellogicApi

} // namespace StacScope
