#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QVariantMap>

#include "src/net/networkerror.h"
#include "src/providers/parameterspec.h"
#include "src/providers/satellogic/satellogictypes.h"

namespace StacScope {

// The kinds of request the tasking forms create.
enum class TaskKind
{
    SatellogicTask, // POST /tasking/tasks/
    CapellaTasking, // POST /task
    CapellaRepeat // POST /repeat-requests
};

// What a tasking form holds, whatever the provider: the fields every kind has (name, target,
// window) and the provider's own parameters, typed and keyed as in its ParameterSpecs.
struct TaskDraft
{
    TaskKind kind = TaskKind::SatellogicTask;
    QString name;
    QString description; // Capella only
    QJsonObject geometry; // GeoJSON Point or Polygon, lon/lat
    QDateTime windowOpen; // with the user's offset (Satellogic keeps it); not for repeat requests
    QDateTime windowClose;
    QVariantMap values; // by ParameterSpec key
    QString contractId;
};

// A draft turned into the exact body that will be sent, or the problems that stop it, each named
// by its field: "name", "description", "target", "window" or a parameter key.
struct TaskBuild
{
    QJsonObject body;
    QList<ParameterIssue> issues;
    bool isOk() const { return issues.isEmpty() && !body.isEmpty(); }
};

// The repeat request's three ways of ending, offered as one choice: the body says it with
// repeat_end, repetition_count or neither.
enum class RepeatCadence
{
    UntilCanceled,
    UntilDate,
    Count
};

// The tasking forms' knowledge, in one place for the forms, the review page and the tests: which
// fields a kind has, its parameters, the body it sends and what a server's refusal is about.
namespace TaskForms {

QString providerId(TaskKind kind); // "satellogic", "capella"
QString title(TaskKind kind); // "Satellogic task", "Capella tasking request"...
bool hasWindow(TaskKind kind); // a window start and end (all but repeat requests)
bool hasDescription(TaskKind kind);

// The account's tasking products that fit a target: point products for a Point, area products for
// a Polygon (all of them for an empty geometry type).
QList<SatellogicProduct> fittingProducts(const QList<SatellogicProduct> &products, const QString &geometryType);

// The kind's parameters. For Satellogic: "product" (a choice among `products`, labelled by name)
// and "project"; for Capella the constraints of CapellaApi::parameterSpecs().
ParameterSpecs specs(TaskKind kind, const QList<SatellogicProduct> &products = {});

// Validates the draft and builds the exact body (Satellogic's with the window's own offset).
TaskBuild build(const TaskDraft &draft, const QList<SatellogicProduct> &products, const QDateTime &now);

// The Satellogic create request a draft stands for.
SatellogicTaskRequest satellogicRequest(const TaskDraft &draft);

RepeatCadence cadence(const QVariantMap &values);

// Every field of the draft in words, in form order, for the review page: (label, value). A
// parameter left out says what the provider assumes ("standard (provider default)").
QList<std::pair<QString, QString>> describe(const TaskDraft &draft, const ParameterSpecs &specs);

// What the request costs, in words, before it is sent: Satellogic bills under the contract;
// Capella prices after submission (the request waits in review) unless it is pre-approved.
QString costNote(const TaskDraft &draft);

// The fields a server's refusal names (Satellogic's serializer errors, Capella's validation
// detail), mapped to the form's keys; empty when the refusal names no field of the form.
QList<ParameterIssue> rejectionIssues(TaskKind kind, const NetworkError &error);

// A request whose answer never came (connection lost, timeout): it may have been created.
bool isAnswerLost(const NetworkError &error);

} // namespace TaskForms

} // namespace StacScope
