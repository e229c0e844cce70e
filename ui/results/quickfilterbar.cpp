#include "ui/results/quickfilterbar.h"

#include <algorithm>

#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSpinBox>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

const QDate kNoDate(1900, 1, 1); // a date edit at its minimum means "any"

} // namespace

QuickFilterBar::QuickFilterBar(QWidget *parent)
    : QWidget(parent)
    , m_text(new QLineEdit(this))
    , m_cloud(new QSpinBox(this))
    , m_from(new QDateEdit(this))
    , m_to(new QDateEdit(this))
    , m_collection(new QComboBox(this))
    , m_catalog(new QComboBox(this))
    , m_clear(new QToolButton(this))
    , m_count(new QLabel(this))
{
    setObjectName(u"quickFilterBar"_s);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 0, 4, 0);
    layout->setSpacing(4);

    m_text->setObjectName(u"quickFilterText"_s);
    m_text->setPlaceholderText(tr("Filter the results by id or title"));
    m_text->setClearButtonEnabled(true);
    m_text->setToolTip(tr("Shows the results whose id or title contains this text; no new search is sent"));

    m_cloud->setObjectName(u"quickFilterCloud"_s);
    m_cloud->setRange(-1, 100);
    m_cloud->setValue(-1);
    m_cloud->setSpecialValueText(tr("Cloud: any"));
    m_cloud->setPrefix(tr("Cloud ≤ "));
    m_cloud->setSuffix(u" %"_s);
    m_cloud->setToolTip(tr("Only results with at most this cloud cover (results without one are hidden)"));

    for (QDateEdit *edit : { m_from, m_to }) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(u"yyyy-MM-dd"_s);
        edit->setMinimumDate(kNoDate);
        edit->setDate(kNoDate);
    }
    m_from->setObjectName(u"quickFilterFrom"_s);
    m_from->setSpecialValueText(tr("From: any"));
    m_from->setToolTip(tr("Only results acquired on or after this day (UTC)"));
    m_to->setObjectName(u"quickFilterTo"_s);
    m_to->setSpecialValueText(tr("To: any"));
    m_to->setToolTip(tr("Only results acquired on or before this day (UTC)"));

    m_collection->setObjectName(u"quickFilterCollection"_s);
    m_collection->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_catalog->setObjectName(u"quickFilterCatalog"_s);
    m_catalog->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    fill(m_collection, tr("All collections"), {});
    fill(m_catalog, tr("All catalogs"), {});
    m_catalog->hide();

    m_clear->setObjectName(u"quickFilterClear"_s);
    m_clear->setText(tr("Clear"));
    m_clear->setToolTip(tr("Show all the results again"));
    m_count->setObjectName(u"quickFilterCount"_s);

    layout->addWidget(m_text, 2);
    layout->addWidget(m_cloud);
    layout->addWidget(m_from);
    layout->addWidget(m_to);
    layout->addWidget(m_collection);
    layout->addWidget(m_catalog);
    layout->addWidget(m_clear);
    layout->addWidget(m_count);

    m_typing.setSingleShot(true);
    m_typing.setInterval(150);
    connect(&m_typing, &QTimer::timeout, this, &QuickFilterBar::filterChanged);
    connect(m_text, &QLineEdit::textChanged, this, [this] { m_typing.start(); });
    auto changed = [this] {
        if (!m_filling) {
            Q_EMIT filterChanged();
        }
    };
    connect(m_cloud, &QSpinBox::valueChanged, this, changed);
    connect(m_from, &QDateEdit::dateChanged, this, changed);
    connect(m_to, &QDateEdit::dateChanged, this, changed);
    connect(m_collection, &QComboBox::currentIndexChanged, this, changed);
    connect(m_catalog, &QComboBox::currentIndexChanged, this, changed);
    connect(m_clear, &QToolButton::clicked, this, &QuickFilterBar::clear);
}

QuickFilter QuickFilterBar::filter() const
{
    QuickFilter f;
    f.text = m_text->text().trimmed();
    if (m_cloud->value() >= 0) {
        f.cloudMax = m_cloud->value();
    }
    if (m_from->date() != kNoDate) {
        f.from = m_from->date().startOfDay(Qt::UTC).toMSecsSinceEpoch();
    }
    if (m_to->date() != kNoDate) {
        f.to = m_to->date().addDays(1).startOfDay(Qt::UTC).toMSecsSinceEpoch() - 1;
    }
    if (m_collection->currentIndex() > 0) {
        f.collections = { m_collection->currentData().toString() };
    }
    if (m_catalog->currentIndex() > 0) {
        f.catalogs = { m_catalog->currentData().toString() };
    }
    return f;
}

void QuickFilterBar::fill(QComboBox *box, const QString &all, const QStringList &values)
{
    const QString current = box->currentIndex() > 0 ? box->currentData().toString() : QString();
    m_filling = true;
    box->clear();
    box->addItem(all);
    for (const QString &v : values) {
        box->addItem(v, v);
    }
    const int at = current.isEmpty() ? 0 : box->findData(current);
    box->setCurrentIndex(std::max(at, 0));
    m_filling = false;
    if (!current.isEmpty() && at < 0) {
        Q_EMIT filterChanged(); // the chosen value is gone from the results
    }
}

void QuickFilterBar::setCollections(const QStringList &collections)
{
    QStringList now;
    for (int i = 1; i < m_collection->count(); ++i) {
        now.append(m_collection->itemData(i).toString());
    }
    if (now != collections) {
        fill(m_collection, tr("All collections"), collections);
    }
}

void QuickFilterBar::setCatalogs(const QStringList &catalogs)
{
    QStringList now;
    for (int i = 1; i < m_catalog->count(); ++i) {
        now.append(m_catalog->itemData(i).toString());
    }
    if (now != catalogs) {
        fill(m_catalog, tr("All catalogs"), catalogs);
    }
    m_catalog->setVisible(catalogs.size() > 1);
}

void QuickFilterBar::setCounts(int shown, int total)
{
    m_count->setText(
        shown == total ? QString() : tr("%1 of %2 shown").arg(QLocale().toString(shown), QLocale().toString(total)));
}

void QuickFilterBar::clear()
{
    m_filling = true;
    m_text->clear();
    m_cloud->setValue(-1);
    m_from->setDate(kNoDate);
    m_to->setDate(kNoDate);
    m_collection->setCurrentIndex(0);
    m_catalog->setCurrentIndex(0);
    m_filling = false;
    m_typing.stop();
    Q_EMIT filterChanged();
}

} // namespace StacScope
