#include "ui/search/filterbuilder.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSet>
#include <QSettings>
#include <QToolButton>
#include <QVBoxLayout>

#include "src/stac/cql2.h"
#include "ui/search/filterrow.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

const QString TextKey = u"search/filterText"_s;

} // namespace

FilterBuilder::FilterBuilder(QWidget *parent)
    : QWidget(parent)
    , m_add(new QToolButton(this))
    , m_source(new QLabel(this))
    , m_rowsBox(new QWidget(this))
    , m_rowsLayout(new QVBoxLayout(m_rowsBox))
    , m_text(new QLineEdit(this))
    , m_status(new QLabel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(3);
    auto *header = new QHBoxLayout;
    m_add->setObjectName(u"addConditionButton"_s);
    m_add->setText(tr("Add condition"));
    m_add->setToolTip(tr("Filter on a property of the items"));
    m_add->setPopupMode(QToolButton::InstantPopup);
    m_add->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_add->setMenu(new QMenu(m_add));
    connect(m_add->menu(), &QMenu::triggered, this, [this](QAction *action) {
        addCondition(action->data().toString());
        rowsChanged();
    });
    header->addWidget(m_add);
    header->addStretch(1);
    layout->addLayout(header);
    m_source->setObjectName(u"queryablesSource"_s);
    m_source->setWordWrap(true);
    m_source->setStyleSheet(u"color: palette(mid);"_s);
    layout->addWidget(m_source);
    m_rowsLayout->setContentsMargins(0, 0, 0, 0);
    m_rowsLayout->setSpacing(2);
    layout->addWidget(m_rowsBox);

    auto *textRow = new QHBoxLayout;
    auto *cql2 = new QLabel(tr("CQL2"), this);
    cql2->setBuddy(m_text);
    cql2->setToolTip(tr("The filter as CQL2 text; edit it and press Enter"));
    m_text->setObjectName(u"cql2Text"_s);
    m_text->setPlaceholderText(tr("e.g. eo:cloud_cover <= 20 AND platform = 'sat-1'"));
    m_text->setClearButtonEnabled(true);
    m_text->setAccessibleName(tr("Filter as CQL2 text"));
    connect(m_text, &QLineEdit::editingFinished, this, [this] {
        if (m_text->isModified()) {
            m_text->setModified(false);
            applyText();
        }
    });
    // The clear button empties the text without finishing the edit.
    connect(m_text, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (text.isEmpty() && (!m_rows.isEmpty() || m_asWritten || !m_textError.isEmpty())) {
            applyText();
        }
    });
    textRow->addWidget(cql2);
    textRow->addWidget(m_text, 1);
    layout->addLayout(textRow);
    m_status->setObjectName(u"filterStatus"_s);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    rebuildMenu();
    showStatus();
}

QSize FilterBuilder::sizeHint() const
{
    return { 0, QWidget::sizeHint().height() };
}

QSize FilterBuilder::minimumSizeHint() const
{
    return { 0, QWidget::minimumSizeHint().height() };
}

void FilterBuilder::setQueryables(const Queryables &queryables, const QString &source)
{
    m_queryables = queryables;
    m_loading = false;
    m_source->setText(source);
    m_source->setVisible(!source.isEmpty());
    rebuildMenu();
    // The rows again, now with the editors the schema calls for (bounds, lists of values).
    if (!m_text->text().isEmpty() && !m_asWritten) {
        applyText();
    }
    showStatus();
}

void FilterBuilder::setLoading(bool loading)
{
    m_loading = loading;
    rebuildMenu();
    showStatus();
}

void FilterBuilder::setFilterDescription(const QString &text)
{
    m_description = text;
    showStatus();
}

void FilterBuilder::rebuildMenu()
{
    QMenu *menu = m_add->menu();
    menu->clear();
    const QList<Queryable> offered = m_queryables.filterable();
    if (offered.isEmpty()) {
        QAction *none = menu->addAction(
            m_loading ? tr("Loading the catalog's properties...") : tr("No properties to filter on; type CQL2 below"));
        none->setEnabled(false);
        return;
    }
    for (const Queryable &q : offered) {
        QString text = q.displayName();
        if (!q.unit.isEmpty()) {
            text += u" ("_s + q.unit + u')';
        }
        QAction *action = menu->addAction(text);
        action->setData(q.name);
        action->setToolTip(q.name);
    }
}

Queryable FilterBuilder::queryableFor(const QString &name, Queryable::Type fallback) const
{
    if (const Queryable *q = m_queryables.find(name)) {
        return *q;
    }
    Queryable q;
    q.name = name;
    q.type = fallback;
    return q;
}

FilterRow *FilterBuilder::addCondition(const QString &name, Queryable::Type typeIfUnknown)
{
    for (FilterRow *row : std::as_const(m_rows)) {
        if (row->queryable().name == name) {
            return row;
        }
    }
    auto *row = new FilterRow(queryableFor(name, typeIfUnknown), m_rowsBox);
    m_rows.append(row);
    m_rowsLayout->addWidget(row);
    connect(row, &FilterRow::changed, this, &FilterBuilder::rowsChanged);
    connect(row, &FilterRow::removeRequested, this, [this, row] { removeRow(row); });
    return row;
}

void FilterBuilder::removeRow(FilterRow *row)
{
    m_rows.removeOne(row);
    row->hide();
    row->deleteLater();
    rowsChanged();
}

void FilterBuilder::clear()
{
    for (FilterRow *row : std::as_const(m_rows)) {
        row->hide();
        row->deleteLater();
    }
    m_rows.clear();
    m_asWritten = false;
    m_textError.clear();
    m_textFilter = {};
    m_rowsBox->setEnabled(true);
    const QSignalBlocker blocker(m_text);
    m_text->clear();
    showStatus();
    Q_EMIT changed();
}

QList<FilterCondition> FilterBuilder::conditions() const
{
    QList<FilterCondition> out;
    for (const FilterRow *row : m_rows) {
        out.append(row->condition());
    }
    return out;
}

void FilterBuilder::rowsChanged()
{
    // The rows rule again: the text follows them.
    m_asWritten = false;
    m_textFilter = {};
    m_textError.clear();
    m_rowsBox->setEnabled(true);
    const QJsonObject expression = FilterConditions::toCql2(conditions());
    {
        const QSignalBlocker blocker(m_text);
        m_text->setText(expression.isEmpty() ? QString() : Cql2::toText(expression));
        m_text->setModified(false);
    }
    showStatus();
    Q_EMIT changed();
}

QString FilterBuilder::text() const
{
    return m_text->text();
}

void FilterBuilder::setText(const QString &text)
{
    {
        const QSignalBlocker blocker(m_text);
        m_text->setText(text);
        m_text->setModified(false);
    }
    applyText();
}

void FilterBuilder::applyText()
{
    const QString text = m_text->text().trimmed();
    m_textError.clear();
    if (text.isEmpty()) {
        for (FilterRow *row : std::as_const(m_rows)) {
            row->hide();
            row->deleteLater();
        }
        m_rows.clear();
        m_asWritten = false;
        m_textFilter = {};
        m_rowsBox->setEnabled(true);
        showStatus();
        Q_EMIT changed();
        return;
    }
    const Cql2::ParseResult parsed = Cql2::parse(text);
    if (!parsed.ok()) {
        m_textError = parsed.error;
        showStatus();
        Q_EMIT changed();
        return;
    }
    QList<FilterCondition> list;
    bool fits = FilterConditions::fromCql2(parsed.expression, &list);
    QSet<QString> properties;
    for (const FilterCondition &c : std::as_const(list)) {
        fits = fits && !properties.contains(c.property);
        properties.insert(c.property);
    }
    if (fits) {
        // Build the rows aside, and keep them only when each shows its condition exactly.
        for (FilterRow *row : std::as_const(m_rows)) {
            row->hide();
            row->deleteLater();
        }
        m_rows.clear();
        for (const FilterCondition &c : std::as_const(list)) {
            FilterRow *row = addCondition(c.property, c.type);
            row->setCondition(c);
            fits = fits && FilterConditions::toCql2({ row->condition() }) == FilterConditions::toCql2({ c });
        }
    }
    m_asWritten = !fits;
    m_textFilter = fits ? QJsonObject() : parsed.expression;
    m_rowsBox->setEnabled(fits);
    showStatus();
    Q_EMIT changed();
}

QJsonObject FilterBuilder::filter(QString *error) const
{
    if (!m_textError.isEmpty()) {
        if (error) {
            *error = tr("The filter's CQL2 text is not valid: %1").arg(m_textError);
        }
        return {};
    }
    if (m_asWritten) {
        return m_textFilter;
    }
    return FilterConditions::toCql2(conditions());
}

void FilterBuilder::showStatus()
{
    QString text;
    bool error = false;
    if (!m_textError.isEmpty()) {
        text = tr("CQL2: %1").arg(m_textError);
        error = true;
    } else if (m_asWritten) {
        text = tr("The text is used as written: the rows cannot show it. %1").arg(m_description);
    } else if (m_loading) {
        text = tr("Loading the catalog's properties...");
    } else {
        text = m_description;
    }
    m_status->setText(text.trimmed());
    m_status->setStyleSheet(error ? u"color: #b3261e;"_s : u"color: palette(mid);"_s);
    m_status->setVisible(!m_status->text().isEmpty());
}

void FilterBuilder::saveState(QSettings &settings) const
{
    settings.setValue(TextKey, m_text->text()); // invalid text too: the user may fix it
}

void FilterBuilder::restoreState(const QSettings &settings)
{
    const QString text = settings.value(TextKey).toString();
    if (!text.isEmpty()) {
        setText(text);
    }
}

} // namespace StacScope
