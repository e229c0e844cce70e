// TaskForms: the tasking forms' shared knowledge, checked against bodies and messages written out
// from the providers' documents (satellogic.md, capella.md), not produced by the code under test.

#include <QJsonArray>
#include <QTest>
#include <QTimeZone>

#include "src/geo/geometry.h"
#include "src/tasking/taskform.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

QList<SatellogicProduct> products()
{
    SatellogicProduct point;
    point.id = 169;
    point.name = u"Multispectral 70cm"_s;
    SatellogicProduct area;
    area.id = 178;
    area.name = u"Area Coverage 70cm"_s;
    area.isArea = true;
    return { point, area };
}

NetworkError http400(const QString &message)
{
    NetworkError e;
    e.kind = NetworkError::Kind::Http;
    e.httpStatus = 400;
    e.message = message;
    return e;
}

} // namespace

class TestTaskForm : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void satellogicBodyKeepsTheUsersOffset()
    {
        TaskDraft d;
        d.kind = TaskKind::SatellogicTask;
        d.name = u"  Port of Valencia "_s;
        d.geometry = Geometry::point(-0.32, 39.44).toGeoJson();
        const QTimeZone madrid(3600); // UTC+01:00
        d.windowOpen = QDateTime(QDate(2027, 3, 1), QTime(9, 0), madrid);
        d.windowClose = QDateTime(QDate(2027, 3, 6), QTime(9, 0), madrid);
        d.values = { { u"product"_s, u"169"_s }, { u"project"_s, u"Harbours"_s } };
        const TaskBuild b = TaskForms::build(d, products(), QDateTime::currentDateTimeUtc());
        QVERIFY(b.isOk());
        const QJsonObject expected { { u"task_name"_s, u"Port of Valencia"_s }, { u"project_name"_s, u"Harbours"_s },
            { u"product"_s, 169 },
            { u"target"_s,
                QJsonObject { { u"type"_s, u"Point"_s }, { u"coordinates"_s, QJsonArray { -0.32, 39.44 } } } },
            { u"start"_s, u"2027-03-01T09:00:00+01:00"_s }, { u"end"_s, u"2027-03-06T09:00:00+01:00"_s } };
        QCOMPARE(b.body, expected);
    }

    void satellogicProblemsAreNamedByField()
    {
        TaskDraft d;
        d.kind = TaskKind::SatellogicTask;
        d.geometry = Geometry::point(1, 2).toGeoJson();
        d.windowOpen = QDateTime(QDate(2027, 3, 2), QTime(9, 0), QTimeZone::utc());
        d.windowClose = QDateTime(QDate(2027, 3, 1), QTime(9, 0), QTimeZone::utc());
        d.values = { { u"product"_s, u"178"_s } }; // an area product for a point
        const TaskBuild b = TaskForms::build(d, products(), QDateTime::currentDateTimeUtc());
        QVERIFY(!b.isOk());
        QVERIFY(b.body.isEmpty());
        const QList<ParameterIssue> expected { { u"name"_s, u"required"_s }, { u"project"_s, u"required"_s },
            { u"target"_s, u"\"Area Coverage 70cm\" covers an area; give a polygon"_s },
            { u"window"_s, u"the window must close after it opens"_s } };
        QCOMPARE(b.issues, expected);
    }

    void productsFitTheTarget()
    {
        QCOMPARE(TaskForms::fittingProducts(products(), u"Point"_s).size(), 1);
        QCOMPARE(TaskForms::fittingProducts(products(), u"Point"_s).first().id, 169);
        QCOMPARE(TaskForms::fittingProducts(products(), u"Polygon"_s).first().id, 178);
        const ParameterSpecs specs = TaskForms::specs(TaskKind::SatellogicTask, products());
        QCOMPARE(specs.first().choices, QStringList({ u"169"_s, u"178"_s }));
        QCOMPARE(specs.first().choiceText(u"178"_s), u"Area Coverage 70cm"_s);
    }

    void describeSaysEveryFieldInWords()
    {
        TaskDraft d;
        d.kind = TaskKind::CapellaTasking;
        d.name = u"Barcelona port"_s;
        d.geometry = Geometry::point(2.17, 41.38).toGeoJson();
        d.windowOpen = QDateTime(QDate(2027, 3, 1), QTime(0, 0), QTimeZone::utc());
        d.windowClose = QDateTime(QDate(2027, 3, 8), QTime(0, 0), QTimeZone::utc());
        d.values = { { u"off_nadir_max"_s, 40.0 }, { u"product_types"_s, QStringList { u"SLC"_s } },
            { u"archive_holdback"_s, u"30_day"_s } };
        d.contractId = u"contract-1"_s;
        const auto words = TaskForms::describe(d, TaskForms::specs(d.kind));
        auto value = [&](const QString &label) {
            for (const auto &[l, v] : words) {
                if (l == label) {
                    return v;
                }
            }
            return u"<missing>"_s;
        };
        QCOMPARE(value(u"Request"_s), u"Capella tasking request"_s);
        QCOMPARE(value(u"Target"_s), u"point at 2.17000, 41.38000 (lon, lat)"_s);
        QCOMPARE(value(u"Window"_s), u"2027-03-01 00:00 UTC to 2027-03-08 00:00 UTC (7 days)"_s);
        QCOMPARE(value(u"Off-nadir max"_s), u"40 °"_s);
        QCOMPARE(value(u"Tier"_s), u"standard (provider default)"_s);
        QCOMPARE(value(u"Product types"_s), u"GEO, SLC"_s); // GEO is always made
        QCOMPARE(value(u"Archive holdback"_s), u"30 days"_s);
        QCOMPARE(value(u"Contract"_s), u"contract-1"_s);
        QCOMPARE(value(u"Off-nadir min"_s), u"<missing>"_s); // not given, no default: not listed
    }

    void costNoteFollowsThePricingModel()
    {
        TaskDraft d;
        d.kind = TaskKind::CapellaTasking;
        QVERIFY(TaskForms::costNote(d).contains(u"waits in review"_s));
        d.values.insert(u"pre_approval"_s, true);
        QVERIFY(TaskForms::costNote(d).startsWith(u"Pre-approved"_s));
        d.kind = TaskKind::SatellogicTask;
        QVERIFY(TaskForms::costNote(d).startsWith(u"Billed under your contract"_s));
    }

    void satellogicRejectionMapsSerializerFields()
    {
        // NetworkError joins Django REST framework's field errors this way.
        const NetworkError e
            = http400(u"task_name: This field may not be blank.; end: Datetime has wrong format. Use one of these."_s);
        const QList<ParameterIssue> expected { { u"name"_s, u"This field may not be blank."_s },
            { u"window"_s, u"Datetime has wrong format. Use one of these."_s } };
        QCOMPARE(TaskForms::rejectionIssues(TaskKind::SatellogicTask, e), expected);
    }

    void capellaRejectionMapsTheDetailsField()
    {
        const NetworkError e
            = http400(u"Request validation failed: collectConstraints.offNadirMax: must be a number "
                      u"from 0 to 90 (collectConstraints.offNadirMax: must be a number from 0 to 90)"_s);
        const QList<ParameterIssue> expected { { u"off_nadir_max"_s, u"must be a number from 0 to 90"_s } };
        QCOMPARE(TaskForms::rejectionIssues(TaskKind::CapellaTasking, e), expected);

        const NetworkError geometry = http400(u"Request validation failed: geometry: must be a GeoJSON Point or "
                                              u"Polygon (closed rings) (geometry: must be a GeoJSON Point or Polygon "
                                              u"(closed rings))"_s);
        QCOMPARE(TaskForms::rejectionIssues(TaskKind::CapellaTasking, geometry),
            QList<ParameterIssue>({ { u"target"_s, u"must be a GeoJSON Point or Polygon (closed rings)"_s } }));

        const NetworkError custom = http400(u"Request validation failed: customAttribute1: too long"_s);
        QCOMPARE(TaskForms::rejectionIssues(TaskKind::CapellaTasking, custom),
            QList<ParameterIssue>({ { u"custom_attribute_1"_s, u"too long"_s } }));
        const NetworkError insar = http400(u"Request validation failed: insar.orbit: unknown orbit"_s);
        QCOMPARE(TaskForms::rejectionIssues(TaskKind::CapellaRepeat, insar),
            QList<ParameterIssue>({ { u"insar_orbit"_s, u"unknown orbit"_s } }));
        // A refusal that names no field of the form, and a server error: nothing to place.
        QVERIFY(TaskForms::rejectionIssues(TaskKind::CapellaTasking, http400(u"Contract not found"_s)).isEmpty());
        NetworkError server = http400(u"Request validation failed: geometry: broken"_s);
        server.httpStatus = 502;
        QVERIFY(TaskForms::rejectionIssues(TaskKind::CapellaTasking, server).isEmpty());
    }

    void lostAnswersAreTheNetworkKinds()
    {
        QVERIFY(TaskForms::isAnswerLost(NetworkError::make(NetworkError::Kind::Network, u"closed"_s)));
        QVERIFY(TaskForms::isAnswerLost(NetworkError::make(NetworkError::Kind::Timeout, u"slow"_s)));
        QVERIFY(!TaskForms::isAnswerLost(http400(u"no"_s)));
    }
};

} // namespace StacScope

QTEST_GUILESS_MAIN(StacScope::TestTaskForm)
#include "tst_taskform.moc"
