#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QUrl>

#include "src/net/networkerror.h"
#include "src/providers/parameterspec.h"
#include "src/providers/satellogic/satellogictypes.h"

namespace StacScope::SatellogicApi {

// Request builders and response parsers as plain functions, tested against the documented JSON
// (seeds 000-002 and ../shared/providers/satellogic.md).

// Hosts [C seeds 000-002].
QUrl defaultAuthUrl(); // https://auth.platform.satellogic.com
QUrl legacyAuthUrl(); // https://login.satellogic.com (legacy credentials: no contracts)
QUrl defaultAccountsUrl(); // https://api.platform.satellogic.com
QUrl defaultApiUrl(); // https://api.satellogic.com

// Token audiences: the API host's (archive, tasking, delivery) and the Accounts service's.
QString apiAudience(); // "https://api.satellogic.com/"
QString accountsAudience(); // "api"

// The API host's two headers.
QByteArray tokenHeader(); // "authorizationToken", value "Bearer <token>"
QByteArray contractHeader(); // "X-Satellogic-Contract-Id"

QUrl tokenUrl(const QUrl &auth);
QUrl contractsUrl(const QUrl &accounts);
QUrl archiveUrl(const QUrl &api); // the STAC API root, "/archive/stac/"
QUrl productsUrl(const QUrl &api);
QUrl tasksUrl(const QUrl &api, const SatellogicTaskFilter &filter = {}, int limit = 100);
QUrl createTaskUrl(const QUrl &api);
QUrl taskUrl(const QUrl &api, qint64 taskId);
QUrl capturesUrl(const QUrl &api, qint64 taskId);
QUrl cancelTaskUrl(const QUrl &api, qint64 taskId);
QUrl scenesUrl(const QUrl &api, const QString &captureId);
// The JSON form of the download link ("?redirect=false"): {"url": "<signed link>"}.
QUrl attachmentLinkUrl(
    const QUrl &api, const QString &sceneId, const QString &attachment = QStringLiteral("delivery_zip"));

// The body of POST /tasking/tasks/, times with the user's offset (RFC 3339).
QByteArray createTaskBody(const SatellogicTaskRequest &request);
// Field problems of a task request before anything is sent, each named by its field ("name",
// "project", "product", "target", "start", "end"); empty when fine. `product` is the chosen
// product when known (its kind decides Point or Polygon).
QList<ParameterIssue> taskIssues(const SatellogicTaskRequest &request, const SatellogicProduct *product = nullptr);
// The same problems in one line ("task name: required; end: must be after the start").
QString validateTask(const SatellogicTaskRequest &request, const SatellogicProduct *product = nullptr);
// "2025-06-12T00:00:00+03:00" with the offset kept; a time without an offset is read as UTC.
QString formatTime(const QDateTime &time);

std::optional<SatellogicContract> parseContract(const QJsonObject &o, QString *error = nullptr);
std::optional<SatellogicProduct> parseProduct(const QJsonObject &o, QString *error = nullptr);
std::optional<SatellogicTask> parseTask(const QJsonObject &o, QString *error = nullptr);
std::optional<SatellogicCapture> parseCapture(const QJsonObject &o, QString *error = nullptr);
std::optional<SatellogicScene> parseScene(const QJsonObject &o, QString *error = nullptr);
// {"url": "..."} of the download link endpoint.
QUrl parseAttachmentLink(const QJsonObject &o, QString *error = nullptr);
// Times from the services: with "Z", with an offset, or naive (read as UTC).
QDateTime parseTime(const QString &text);

// Whether a refusal is about the contract (missing, unknown, without archive), which the user
// fixes by choosing a contract, not by changing credentials.
bool isContractProblem(const NetworkError &error);
// The error in words for a person: "choose a contract" rather than "HTTP 403".
QString explain(const NetworkError &error);

} // namespace StacScope::SatellogicApi
