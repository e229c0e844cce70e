#include "ui/search/filterrow.h"

#include <cmath>

#include <QComboBox>
#include <QDateTimeEdit>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QTimeZone>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

// A step of about a hundredth of the range, rounded to 1, 2 or 5 times a power of ten.
double niceStep(double span)
{
    if (!(span > 0) || !std::isfinite(span)) {
        return 1;
    }
    const double raw = span / 100;
    const double magnitude = std::pow(10, std::floor(std::log10(raw)));
    for (const double m : { 1.0, 2.0, 5.0 }) {
        if (raw <= m * magnitude) {
            return m * magnitude;
        }
    }
    return 10 * magnitude;
}

QStringList splitValues(const QString &text)
{
    QStringList out;
    for (const QString &part : text.split(u',')) {
        const QString v = part.trimmed();
        if (!v.isEmpty()) {
            out.append(v);
        }
    }
    return out;
}

const QDateTime &anyTime()
{
    static const QDateTime t(QDate(1900, 1, 1), QTime(0, 0), Qt::UTC);
    return t;
}

enum TextOp
{
    Is,
    Like,
    OneOf
};

} // namespace

FilterRow::FilterRow(const Queryable &queryable, QWidget *parent)
    : QWidget(parent)
    , m_queryable(queryable)
    , m_label(new QLabel(this))
    , m_remove(new QToolButton(this))
{
    setObjectName(u"filterRow:"_s + queryable.name);
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 2, 0, 2);
    grid->setHorizontalSpacing(4);
    grid->setVerticalSpacing(2);
    QString label = queryable.displayName();
    if (!queryable.unit.isEmpty()) {
        label += u" ("_s + queryable.unit + u')';
    }
    m_label->setText(label);
    m_label->setToolTip(queryable.description.isEmpty()
            ? queryable.name
            : u"<b>%1</b><br>%2"_s.arg(queryable.name.toHtmlEscaped(), queryable.description.toHtmlEscaped()));
    m_remove->setText(u"\u00d7"_s);
    m_remove->setAutoRaise(true);
    m_remove->setToolTip(tr("Remove this condition"));
    m_remove->setAccessibleName(tr("Remove the condition on %1").arg(queryable.displayName()));
    connect(m_remove, &QToolButton::clicked, this, &FilterRow::removeRequested);
    grid->addWidget(m_label, 0, 0);
    grid->addWidget(m_remove, 0, 1, Qt::AlignRight);
    auto *editor = new QWidget(this);
    grid->addWidget(editor, 1, 0, 1, 2);
    grid->setColumnStretch(0, 1);

    using T = Queryable::Type;
    switch (queryable.type) {
    case T::Number:
    case T::Integer:
        buildRange(editor);
        break;
    case T::Timestamp:
        buildTimeRange(editor);
        break;
    case T::Boolean:
        buildBool(editor);
        break;
    case T::Array:
        if (queryable.enumValues.isEmpty()) {
            buildText(editor);
        } else {
            buildValues(editor, queryable.enumValues);
        }
        break;
    default:
        if (queryable.enumValues.isEmpty()) {
            buildText(editor);
        } else {
            buildValues(editor, queryable.enumValues);
        }
        break;
    }
}

void FilterRow::buildRange(QWidget *editor)
{
    auto *row = new QHBoxLayout(editor);
    row->setContentsMargins(0, 0, 0, 0);
    const bool integer = m_queryable.type == Queryable::Type::Integer;
    const double lo = m_queryable.minimum.value_or(-1e9);
    const double hi = m_queryable.maximum.value_or(1e9);
    double step = integer ? 1 : (m_queryable.minimum && m_queryable.maximum ? niceStep(hi - lo) : 1);
    if (integer) {
        step = std::max(1.0, std::round(step));
    }
    const int decimals = integer ? 0 : std::clamp(int(std::ceil(-std::log10(step))) + 1, 1, 6);
    m_low = new QDoubleSpinBox(editor);
    m_high = new QDoubleSpinBox(editor);
    for (QDoubleSpinBox *spin : { m_low, m_high }) {
        spin->setDecimals(decimals);
        // One step below the schema's minimum is "any": that side stays open.
        spin->setRange(lo - step, hi);
        spin->setSingleStep(step);
        spin->setSpecialValueText(tr("any"));
        spin->setValue(spin->minimum());
        spin->setKeyboardTracking(false);
        spin->setMinimumWidth(60);
        connect(spin, &QDoubleSpinBox::valueChanged, this, &FilterRow::changed);
    }
    m_low->setObjectName(u"low"_s);
    m_high->setObjectName(u"high"_s);
    m_low->setAccessibleName(tr("%1 from").arg(m_queryable.displayName()));
    m_high->setAccessibleName(tr("%1 to").arg(m_queryable.displayName()));
    row->addWidget(new QLabel(tr("from"), editor));
    row->addWidget(m_low, 1);
    row->addWidget(new QLabel(tr("to"), editor));
    row->addWidget(m_high, 1);
}

void FilterRow::buildTimeRange(QWidget *editor)
{
    auto *row = new QHBoxLayout(editor);
    row->setContentsMargins(0, 0, 0, 0);
    m_from = new QDateTimeEdit(editor);
    m_to = new QDateTimeEdit(editor);
    for (QDateTimeEdit *edit : { m_from, m_to }) {
        edit->setTimeSpec(Qt::UTC);
        edit->setDisplayFormat(u"yyyy-MM-dd HH:mm"_s);
        edit->setMinimumDateTime(anyTime());
        edit->setSpecialValueText(tr("any"));
        edit->setCalendarPopup(true);
        edit->setDateTime(anyTime());
        connect(edit, &QDateTimeEdit::dateTimeChanged, this, &FilterRow::changed);
    }
    m_from->setObjectName(u"from"_s);
    m_to->setObjectName(u"to"_s);
    row->addWidget(m_from, 1);
    row->addWidget(new QLabel(u"\u2013"_s, editor));
    row->addWidget(m_to, 1);
}

void FilterRow::buildValues(QWidget *editor, const QVariantList &values)
{
    auto *row = new QHBoxLayout(editor);
    row->setContentsMargins(0, 0, 0, 0);
    m_list = new QListWidget(editor);
    m_list->setObjectName(u"values"_s);
    m_list->setAccessibleName(tr("Values of %1").arg(m_queryable.displayName()));
    for (const QVariant &v : values) {
        auto *item = new QListWidgetItem(v.toString(), m_list);
        item->setData(Qt::UserRole, v);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
    }
    const int rows = std::clamp(int(values.size()), 1, 5);
    m_list->setFixedHeight(rows * m_list->sizeHintForRow(0) + 2 * m_list->frameWidth() + 2);
    connect(m_list, &QListWidget::itemChanged, this, &FilterRow::changed);
    row->addWidget(m_list, 1);
}

void FilterRow::buildText(QWidget *editor)
{
    auto *row = new QHBoxLayout(editor);
    row->setContentsMargins(0, 0, 0, 0);
    m_op = new QComboBox(editor);
    m_op->setObjectName(u"op"_s);
    m_text = new QLineEdit(editor);
    m_text->setObjectName(u"text"_s);
    if (m_queryable.type == Queryable::Type::Array) {
        m_op->addItem(tr("has any of"), int(OneOf));
        m_text->setPlaceholderText(tr("values, comma-separated"));
    } else {
        m_op->addItem(tr("is"), int(Is));
        m_op->addItem(tr("like"), int(Like));
        m_op->addItem(tr("one of"), int(OneOf));
        m_text->setPlaceholderText(tr("text"));
    }
    connect(m_op, &QComboBox::currentIndexChanged, this, [this] {
        const int op = m_op->currentData().toInt();
        m_text->setPlaceholderText(op == Like ? tr("% any text, _ one character")
                                              : (op == OneOf ? tr("values, comma-separated") : tr("text")));
        Q_EMIT changed();
    });
    connect(m_text, &QLineEdit::textChanged, this, &FilterRow::changed);
    row->addWidget(m_op);
    row->addWidget(m_text, 1);
}

void FilterRow::buildBool(QWidget *editor)
{
    auto *row = new QHBoxLayout(editor);
    row->setContentsMargins(0, 0, 0, 0);
    m_bool = new QComboBox(editor);
    m_bool->setObjectName(u"bool"_s);
    m_bool->addItem(tr("yes"), true);
    m_bool->addItem(tr("no"), false);
    connect(m_bool, &QComboBox::currentIndexChanged, this, &FilterRow::changed);
    row->addWidget(m_bool, 1);
}

FilterCondition FilterRow::condition() const
{
    FilterCondition c;
    c.property = m_queryable.name;
    c.type = m_queryable.type;
    if (m_low) {
        c.op = FilterCondition::Op::Range;
        if (m_low->value() > m_low->minimum()) {
            c.low = m_low->value();
        }
        if (m_high->value() > m_high->minimum()) {
            c.high = m_high->value();
        }
    } else if (m_from) {
        c.op = FilterCondition::Op::Range;
        if (m_from->dateTime() > anyTime()) {
            c.from = m_from->dateTime().toMSecsSinceEpoch();
        }
        if (m_to->dateTime() > anyTime()) {
            c.to = m_to->dateTime().toMSecsSinceEpoch();
        }
    } else if (m_list) {
        c.op = m_queryable.type == Queryable::Type::Array ? FilterCondition::Op::Overlaps : FilterCondition::Op::In;
        for (int i = 0; i < m_list->count(); ++i) {
            if (m_list->item(i)->checkState() == Qt::Checked) {
                c.values.append(m_list->item(i)->data(Qt::UserRole));
            }
        }
    } else if (m_text) {
        const int op = m_op->currentData().toInt();
        if (op == OneOf) {
            c.op = m_queryable.type == Queryable::Type::Array ? FilterCondition::Op::Overlaps : FilterCondition::Op::In;
            for (const QString &v : splitValues(m_text->text())) {
                c.values.append(v);
            }
        } else {
            c.op = op == Like ? FilterCondition::Op::Like : FilterCondition::Op::Equals;
            c.text = m_text->text().trimmed();
        }
    } else if (m_bool) {
        c.op = m_bool->currentData().toBool() ? FilterCondition::Op::IsTrue : FilterCondition::Op::IsFalse;
    }
    return c;
}

void FilterRow::setCondition(const FilterCondition &c)
{
    const QSignalBlocker blocker(this);
    if (m_low) {
        if (c.op == FilterCondition::Op::Range) {
            m_low->setValue(c.low ? *c.low : m_low->minimum());
            m_high->setValue(c.high ? *c.high : m_high->minimum());
        } else if (c.op == FilterCondition::Op::Equals) {
            const double v = c.text.toDouble();
            m_low->setValue(v);
            m_high->setValue(v);
        }
    } else if (m_from) {
        m_from->setDateTime(c.from ? QDateTime::fromMSecsSinceEpoch(*c.from, Qt::UTC) : anyTime());
        m_to->setDateTime(c.to ? QDateTime::fromMSecsSinceEpoch(*c.to, Qt::UTC) : anyTime());
    } else if (m_list) {
        const QSignalBlocker listBlocker(m_list);
        for (int i = 0; i < m_list->count(); ++i) {
            QListWidgetItem *item = m_list->item(i);
            const bool on = c.values.contains(item->data(Qt::UserRole)) || c.values.contains(item->text());
            item->setCheckState(on ? Qt::Checked : Qt::Unchecked);
        }
    } else if (m_text) {
        const QSignalBlocker opBlocker(m_op);
        const QSignalBlocker textBlocker(m_text);
        QStringList values;
        for (const QVariant &v : c.values) {
            values.append(v.toString());
        }
        if (c.op == FilterCondition::Op::Like) {
            m_op->setCurrentIndex(m_op->findData(int(Like)));
            m_text->setText(c.text);
        } else if (c.op == FilterCondition::Op::In && values.size() == 1 && m_op->findData(int(Is)) >= 0) {
            m_op->setCurrentIndex(m_op->findData(int(Is)));
            m_text->setText(values.first());
        } else if (c.op == FilterCondition::Op::In || c.op == FilterCondition::Op::Overlaps) {
            m_op->setCurrentIndex(m_op->findData(int(OneOf)));
            m_text->setText(values.join(u", "_s));
        } else {
            m_op->setCurrentIndex(m_op->findData(int(Is)));
            m_text->setText(c.text);
        }
    } else if (m_bool) {
        m_bool->setCurrentIndex(c.op == FilterCondition::Op::IsFalse ? 1 : 0);
    }
}

} // namespace StacScope
