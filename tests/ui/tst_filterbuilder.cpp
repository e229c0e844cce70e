// The filter builder: conditions from queryables, CQL2 text both ways, errors, and in the
// window against the loopback STAC emulator's queryables, on a server that filters and on one
// that cannot.
#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>
#include <QToolButton>

#include "src/models/resultsmodel.h"
#include "src/net/networkclient.h"
#include "src/providers/catalogsession.h"
#include "src/stac/cql2.h"
#include "tests/support/stacemulator.h"
#include "tests/ui/demowindow.h"
#include "ui/search/filterbuilder.h"
#include "ui/search/filterrow.h"
#include "ui/search/searchpanel.h"

using namespace Qt::StringLiterals;
using namespace StacScope;

namespace {

QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(text).object();
}

Queryables schema()
{
    return Queryables::fromJson(json(R"({"properties":{
        "eo:cloud_cover":{"title":"Cloud cover","type":"number","minimum":0,"maximum":100},
        "platform":{"title":"Platform","type":"string","enum":["sat-1","sat-2","sat-3"]},
        "title":{"type":"string"},
        "datetime":{"type":"string","format":"date-time"}}})"));
}

QAction *menuAction(FilterBuilder *builder, const QString &name)
{
    for (QAction *a : builder->addButton()->menu()->actions()) {
        if (a->data().toString() == name) {
            return a;
        }
    }
    return nullptr;
}

QStringList menuNames(FilterBuilder *builder)
{
    QStringList out;
    for (QAction *a : builder->addButton()->menu()->actions()) {
        out.append(a->data().toString());
    }
    return out;
}

void check(QListWidget *list, const QString &text)
{
    const QList<QListWidgetItem *> found = list->findItems(text, Qt::MatchExactly);
    QVERIFY(found.size() == 1);
    found.first()->setCheckState(Qt::Checked);
}

QJsonObject item(const QString &id, double cloud, const QString &platform, int day)
{
    const QJsonArray ring { QJsonArray { 10, 40 }, QJsonArray { 11, 40 }, QJsonArray { 11, 41 }, QJsonArray { 10, 41 },
        QJsonArray { 10, 40 } };
    return QJsonObject { { u"type"_s, u"Feature"_s }, { u"stac_version"_s, u"1.0.0"_s }, { u"id"_s, id },
        { u"collection"_s, u"optical"_s }, { u"bbox"_s, QJsonArray { 10, 40, 11, 41 } },
        { u"geometry"_s,
            QJsonObject { { u"type"_s, u"Polygon"_s }, { u"coordinates"_s, QJsonArray { QJsonValue(ring) } } } },
        { u"properties"_s,
            QJsonObject { { u"datetime"_s, u"2024-05-%1T10:00:00Z"_s.arg(day, 2, 10, QChar(u'0')) },
                { u"eo:cloud_cover"_s, cloud }, { u"platform"_s, platform } } },
        { u"links"_s, QJsonArray {} }, { u"assets"_s, QJsonObject {} } };
}

} // namespace

class TestFilterBuilder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        Testing::prepareDemoWindowTests();
        QString error;
        QVERIFY(m_emulator.addCollection(json(R"({"type":"Collection","id":"optical","stac_version":"1.0.0",
            "description":"d","license":"proprietary","links":[],"summaries":{"platform":["sat-1","sat-2","sat-3"]},
            "extent":{"spatial":{"bbox":[[-180,-90,180,90]]},"temporal":{"interval":[[null,null]]}}})"),
            &error));
        // cloud cover / platform, by id: only b and d are both clear (<= 20) and from sat-2.
        const QList<std::tuple<QString, double, QString>> items { { u"a"_s, 10, u"sat-1"_s },
            { u"b"_s, 15, u"sat-2"_s }, { u"c"_s, 60, u"sat-2"_s }, { u"d"_s, 5, u"sat-2"_s },
            { u"e"_s, 30, u"sat-3"_s } };
        int day = 20;
        for (const auto &[id, cloud, platform] : items) {
            QVERIFY2(m_emulator.addItem(item(id, cloud, platform, day--), &error), qPrintable(error));
        }
        QVERIFY(m_emulator.listen());
    }

    void conditionsFromTheMenu()
    {
        FilterBuilder builder;
        builder.setQueryables(schema(), u"published"_s);
        // Filterable properties by title; datetime is the form's own field.
        QCOMPARE(menuNames(&builder), (QStringList { u"eo:cloud_cover"_s, u"platform"_s, u"title"_s }));
        QSignalSpy changed(&builder, &FilterBuilder::changed);
        menuAction(&builder, u"eo:cloud_cover"_s)->trigger();
        QCOMPARE(builder.rows().size(), 1);
        FilterRow *cloud = builder.rows().first();
        QVERIFY(cloud->lowSpin());
        QCOMPARE(cloud->lowSpin()->specialValueText(), u"any"_s);
        QVERIFY(builder.filter().isEmpty()); // a new row restricts nothing
        cloud->highSpin()->setValue(20);
        QCOMPARE(builder.text(), u"eo:cloud_cover <= 20"_s);
        menuAction(&builder, u"platform"_s)->trigger();
        check(builder.rows().at(1)->valuesList(), u"sat-2"_s);
        QCOMPARE(builder.text(), u"eo:cloud_cover <= 20 AND platform = 'sat-2'"_s);
        QCOMPARE(builder.filter(), json(R"({"op":"and","args":[
            {"op":"<=","args":[{"property":"eo:cloud_cover"},20]},
            {"op":"=","args":[{"property":"platform"},"sat-2"]}]})"));
        QVERIFY(changed.count() >= 3);

        // Removing a row takes it out of the text.
        builder.rows().first()->removeButton()->click();
        QCOMPARE(builder.rows().size(), 1);
        QCOMPARE(builder.text(), u"platform = 'sat-2'"_s);
    }

    void textBecomesRows()
    {
        FilterBuilder builder;
        builder.setQueryables(schema(), {});
        builder.setText(u"eo:cloud_cover >= 5 AND eo:cloud_cover <= 40 AND platform IN ('sat-1', 'sat-3')"_s);
        QVERIFY(!builder.usesTextAsWritten());
        QCOMPARE(builder.rows().size(), 2);
        QCOMPARE(builder.rows().at(0)->lowSpin()->value(), 5.0);
        QCOMPARE(builder.rows().at(0)->highSpin()->value(), 40.0);
        QListWidget *values = builder.rows().at(1)->valuesList();
        QCOMPARE(values->findItems(u"sat-1"_s, Qt::MatchExactly).first()->checkState(), Qt::Checked);
        QCOMPARE(values->findItems(u"sat-2"_s, Qt::MatchExactly).first()->checkState(), Qt::Unchecked);
        QCOMPARE(values->findItems(u"sat-3"_s, Qt::MatchExactly).first()->checkState(), Qt::Checked);
        // Typed in the line edit and confirmed with Enter, as a user does.
        builder.textEdit()->clear();
        builder.textEdit()->setFocus();
        QTest::keyClicks(builder.textEdit(), u"title LIKE 'Rome%'"_s);
        QTest::keyClick(builder.textEdit(), Qt::Key_Return);
        QCOMPARE(builder.rows().size(), 1);
        QCOMPARE(builder.rows().first()->textEdit()->text(), u"Rome%"_s);
        QCOMPARE(builder.filter(), json(R"({"op":"like","args":[{"property":"title"},"Rome%"]})"));
    }

    void textTheRowsCannotShow()
    {
        FilterBuilder builder;
        builder.setQueryables(schema(), {});
        builder.setText(u"platform = 'sat-1' OR eo:cloud_cover < 3"_s);
        QVERIFY(builder.usesTextAsWritten());
        QVERIFY(builder.statusLabel()->text().contains(u"as written"_s));
        QCOMPARE(builder.filter(), Cql2::parseText(u"platform = 'sat-1' OR eo:cloud_cover < 3"_s).expression);
        // A value outside the schema's bounds cannot be a row either: kept as written, not clamped.
        builder.setText(u"eo:cloud_cover <= 150"_s);
        QVERIFY(builder.usesTextAsWritten());
        QCOMPARE(builder.filter(), json(R"({"op":"<=","args":[{"property":"eo:cloud_cover"},150]})"));
        // Clearing the text clears the filter.
        builder.setText(QString());
        QVERIFY(!builder.usesTextAsWritten());
        QVERIFY(builder.filter().isEmpty());
        QVERIFY(builder.rows().isEmpty());
    }

    void badTextStopsTheSearch()
    {
        SearchPanel panel;
        panel.filterBuilder()->setQueryables(schema(), {});
        panel.filterBuilder()->setText(u"eo:cloud_cover <= "_s);
        QString error;
        panel.filterBuilder()->filter(&error);
        QVERIFY(!error.isEmpty());
        QVERIFY(panel.filterBuilder()->statusLabel()->text().startsWith(u"CQL2:"_s));
        QString panelError;
        panel.parameters(GeoBox { -10, -10, 10, 10 }, &panelError);
        QVERIFY(panelError.contains(u"not valid"_s));
        // The cloud cover field and the builder together: one "and".
        panel.filterBuilder()->setText(u"platform = 'sat-2'"_s);
        panel.cloudCheck()->setChecked(true);
        panel.cloudSpin()->setValue(20);
        panelError.clear();
        const SearchParameters p = panel.parameters(GeoBox { -10, -10, 10, 10 }, &panelError);
        QVERIFY(panelError.isEmpty());
        QCOMPARE(p.filter, json(R"({"op":"and","args":[
            {"op":"<=","args":[{"property":"eo:cloud_cover"},20]},
            {"op":"=","args":[{"property":"platform"},"sat-2"]}]})"));
    }

    void savedSearchFillsTheFormBack()
    {
        SearchPanel panel;
        SearchParameters p;
        p.filter = json(R"({"op":"and","args":[
            {"op":"<=","args":[{"property":"eo:cloud_cover"},25]},
            {"op":"=","args":[{"property":"platform"},"sat-2"]},
            {"op":"like","args":[{"property":"title"},"R%"]}]})");
        panel.applyParameters(p, 100);
        QVERIFY(panel.cloudCheck()->isChecked());
        QCOMPARE(panel.cloudSpin()->value(), 25);
        QCOMPARE(panel.filterBuilder()->text(), u"platform = 'sat-2' AND title LIKE 'R%'"_s);
        QString error;
        QCOMPARE(panel.parameters(GeoBox { -10, -10, 10, 10 }, &error).filter, p.filter);
        // A filter without the form's cloud cover goes whole into the builder.
        SearchParameters other;
        other.filter = json(R"({"op":">","args":[{"property":"gsd"},2]})");
        panel.applyParameters(other, 100);
        QVERIFY(!panel.cloudCheck()->isChecked());
        QCOMPARE(panel.filterBuilder()->text(), u"gsd > 2"_s);
        QCOMPARE(panel.parameters(GeoBox { -10, -10, 10, 10 }, &error).filter, other.filter);
    }

    void remembered()
    {
        {
            SearchPanel panel;
            panel.filterBuilder()->setText(u"platform = 'sat-3'"_s);
            QSettings settings;
            panel.saveState(settings);
        }
        SearchPanel again;
        QSettings settings;
        again.restoreState(settings);
        QCOMPARE(again.filterBuilder()->text(), u"platform = 'sat-3'"_s);
        QCOMPARE(again.filterBuilder()->filter(), json(R"({"op":"=","args":[{"property":"platform"},"sat-3"]})"));
        QSettings().clear();
    }

    void inTheWindow_data()
    {
        QTest::addColumn<int>("support");
        QTest::addColumn<bool>("sentToServer");
        QTest::newRow("server filters") << int(StacEmulator::FilterSupport::Cql2) << true;
        QTest::newRow("server cannot") << int(StacEmulator::FilterSupport::None) << false;
    }
    void inTheWindow()
    {
        QFETCH(int, support);
        QFETCH(bool, sentToServer);
        m_emulator.setFilterSupport(StacEmulator::FilterSupport(support));
        QNetworkAccessManager nam;
        NetworkClient network(&nam);
        auto window = Testing::openDemoWindow(&network);
        QVERIFY(window);
        FilterBuilder *builder = window->searchPanel()->filterBuilder();
        // The demo (a static catalog): properties found in its items.
        QTRY_VERIFY(menuAction(builder, u"eo:cloud_cover"_s));
        QCOMPARE(builder->sourceLabel()->text(), u"Properties found in this catalog's items."_s);
        QVERIFY(builder->statusLabel()->text().contains(u"over the whole catalog"_s));

        CatalogSource source;
        source.kind = CatalogSource::Kind::StacApi;
        source.name = u"Emulator"_s;
        source.location = m_emulator.url().toString();
        window->addCatalog(source, true);
        QTRY_VERIFY(window->session() && window->session()->isOpen());
        // The emulator's queryables (types only); platform's values come from the summaries.
        QTRY_COMPARE(builder->sourceLabel()->text().endsWith(u"published by this catalog."_s), true);
        QVERIFY(menuAction(builder, u"platform"_s));
        QVERIFY(builder->statusLabel()->text().contains(sentToServer ? u"CQL2-JSON"_s : u"cannot filter"_s));

        menuAction(builder, u"eo:cloud_cover"_s)->trigger();
        builder->rows().first()->highSpin()->setValue(20);
        menuAction(builder, u"platform"_s)->trigger();
        FilterRow *platform = builder->rows().at(1);
        QVERIFY(platform->valuesList());
        QCOMPARE(platform->valuesList()->count(), 3); // sat-1, sat-2, sat-3 from the collection's summaries
        check(platform->valuesList(), u"sat-2"_s);
        window->searchPanel()->setArea(SearchPanel::Area::World);

        m_emulator.clearRequests();
        QSignalSpy done(window.get(), &MainWindow::searchFinished);
        window->searchPanel()->searchButton()->click();
        QVERIFY(done.wait(20000));
        QStringList ids;
        for (int row = 0; row < window->resultsModel()->rowCount(); ++row) {
            ids.append(window->resultsModel()->index(row, ResultsModel::Id).data().toString());
        }
        ids.sort();
        QCOMPARE(ids, (QStringList { u"b"_s, u"d"_s }));
        bool sawFilter = false;
        for (const ReceivedRequest &r : m_emulator.requests()) {
            sawFilter = sawFilter || r.body.contains("\"filter\"") || r.target.contains("filter=");
        }
        QCOMPARE(sawFilter, sentToServer);
        QSettings().clear();
    }

private:
    StacEmulator m_emulator;
};

QTEST_MAIN(TestFilterBuilder)
#include "tst_filterbuilder.moc"
