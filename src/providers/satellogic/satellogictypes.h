#pragma once

#include <optional>

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace StacScope {

// The provider's objects as its documents describe them (../shared/providers/satellogic.md);
// each keeps the JSON it came from so `--json` prints the provider's own fields.

struct SatellogicContract
{
    QString id; // "cont.e8c1169a-..."
    QString name;
    QString account;
    QString status;
    bool hasArchive = false; // archive_configuration is not null
    QStringList archiveCollections;
    QStringList archiveRestrictions;
    bool taskingAllowed = false; // tasking_configuration.has_credentials
    QJsonObject json;
};

struct SatellogicProduct
{
    qint64 id = 0; // "pk"
    QString name;
    bool isArea = false; // a Polygon target; otherwise a Point
    QJsonObject json;
};

struct SatellogicTask
{
    qint64 id = 0;
    QString name;
    QString project;
    qint64 product = 0;
    QString status; // received, in_progress, completed, failed, rejected, canceled
    QDateTime start;
    QDateTime end;
    QDateTime created;
    QJsonObject target; // GeoJSON geometry
    QJsonObject json;

    // Finished one way or another: nothing more will happen to it.
    bool isFinal() const;
    bool isCancelable() const { return !isFinal(); }
};

struct SatellogicCapture
{
    QString id; // == the delivery's sceneset_id
    QDateTime start;
    QString satellite;
    QString status; // "published" when deliverable; anything else is still pending
    QJsonObject json;

    bool isPublished() const { return status == QLatin1String("published"); }
};

struct SatellogicAttachment
{
    QString name; // delivery_zip, footprint, thumbnail, preview
    QString fileName;
    QUrl url; // carries a token that expires: never stored
};

struct SatellogicScene
{
    QString id; // "20241206_081221_SN49_L1C_MS_268095"
    QString sceneSetId;
    QDateTime timestamp;
    QString productName;
    QString satellite;
    QJsonObject footprint;
    QList<SatellogicAttachment> attachments;
    QJsonObject json;

    std::optional<SatellogicAttachment> attachment(const QString &name) const;
};

// A task to create. `start` and `end` keep the user's offset, and are sent with it.
struct SatellogicTaskRequest
{
    QString name;
    QString project;
    qint64 product = 0;
    QJsonObject target; // GeoJSON Point or Polygon
    QDateTime start;
    QDateTime end;
};

struct SatellogicTaskFilter
{
    QString status;
    QString name;
    QString project;
};

} // namespace StacScope
