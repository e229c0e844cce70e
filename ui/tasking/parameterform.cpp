#include "ui/tasking/parameterform.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QTimeZone>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

using Type = ParameterSpec::Type;

// A date edit at this value shows its special text: the parameter is not set.
const QDateTime kUnsetTime(QDate(2000, 1, 1), QTime(0, 0));

QString numberText(double v)
{
    return QString::number(v, 'g', 10);
}

} // namespace

ParameterForm::ParameterForm(QWidget *parent)
    : QWidget(parent)
    , m_layout(new QFormLayout(this))
{
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
}

QLabel *ParameterForm::makeIssueLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setStyleSheet(u"color: #c62828;"_s);
    label->setAccessibleName(tr("Problem"));
    label->hide();
    return label;
}

QString ParameterForm::sentence(QString text)
{
    text = text.trimmed();
    if (text.isEmpty()) {
        return text;
    }
    text[0] = text.at(0).toUpper();
    if (!text.endsWith(u'.') && !text.endsWith(u'?') && !text.endsWith(u'!')) {
        text += u'.';
    }
    return text;
}

void ParameterForm::setSpecs(const ParameterSpecs &specs, const QSet<QString> &hidden)
{
    const QVariantMap kept = values();
    while (m_layout->rowCount() > 0) {
        m_layout->removeRow(0);
    }
    m_editors.clear();
    m_issues.clear();
    m_specs.clear();
    for (const ParameterSpec &spec : specs) {
        if (hidden.contains(spec.key)) {
            continue;
        }
        m_specs.append(spec);
        auto *cell = new QWidget(this);
        auto *column = new QVBoxLayout(cell);
        column->setContentsMargins(0, 0, 0, 0);
        column->setSpacing(2);
        column->addWidget(makeEditor(spec));
        QLabel *issue = makeIssueLabel(cell);
        column->addWidget(issue);
        m_issues.insert(spec.key, issue);
        auto *label = new QLabel(spec.required ? spec.label + u" *"_s : spec.label, this);
        label->setToolTip(spec.help);
        label->setBuddy(m_editors.value(spec.key));
        m_layout->addRow(label, cell);
    }
    setValues(kept);
}

QWidget *ParameterForm::makeEditor(const ParameterSpec &spec)
{
    QWidget *editor = nullptr;
    QWidget *shown = nullptr;
    const QString tip = spec.help.isEmpty() ? spec.describeAllowed() : spec.help + u"\n"_s + spec.describeAllowed();
    switch (spec.type) {
    case Type::Choice: {
        auto *combo = new QComboBox(this);
        if (spec.defaultValue.isValid()) {
            combo->addItem(tr("Provider default (%1)").arg(spec.formatValue(spec.defaultValue)));
        } else {
            combo->addItem(spec.required ? tr("Choose...") : tr("Not set"));
        }
        for (const QString &choice : spec.choices) {
            const QString text = spec.formatValue(choice);
            combo->addItem(text, choice);
        }
        connect(combo, &QComboBox::currentIndexChanged, this, &ParameterForm::edited);
        editor = combo;
        break;
    }
    case Type::MultiChoice: {
        auto *box = new QWidget(this);
        auto *grid = new QGridLayout(box);
        grid->setContentsMargins(0, 0, 0, 0);
        const int columns = spec.choices.size() > 6 ? 4 : int(qMax<qsizetype>(1, spec.choices.size()));
        for (qsizetype i = 0; i < spec.choices.size(); ++i) {
            const QString choice = spec.choices.at(i);
            auto *check = new QCheckBox(spec.choiceText(choice), box);
            check->setObjectName(choice);
            if (spec.alwaysIncluded.contains(choice)) {
                check->setChecked(true);
                check->setEnabled(false);
                check->setToolTip(tr("Always included"));
            }
            connect(check, &QCheckBox::toggled, this, &ParameterForm::edited);
            grid->addWidget(check, int(i) / columns, int(i) % columns);
        }
        editor = box;
        break;
    }
    case Type::Integer:
    case Type::Number: {
        auto *edit = new QLineEdit(this);
        QString placeholder = spec.describeAllowed();
        if (spec.defaultValue.isValid()) {
            placeholder = tr("default %1").arg(spec.formatValue(spec.defaultValue));
        } else if (spec.minimum && spec.maximum) {
            placeholder = tr("%1 to %2").arg(numberText(*spec.minimum), numberText(*spec.maximum));
        }
        edit->setPlaceholderText(placeholder);
        connect(edit, &QLineEdit::textEdited, this, &ParameterForm::edited);
        if (!spec.unit.isEmpty()) {
            auto *row = new QWidget(this);
            auto *layout = new QHBoxLayout(row);
            layout->setContentsMargins(0, 0, 0, 0);
            layout->addWidget(edit, 1);
            layout->addWidget(new QLabel(spec.unit, row));
            shown = row;
        }
        editor = edit;
        break;
    }
    case Type::Boolean: {
        auto *check = new QCheckBox(this);
        connect(check, &QCheckBox::toggled, this, &ParameterForm::edited);
        editor = check;
        break;
    }
    case Type::DateTime: {
        auto *edit = new QDateTimeEdit(this);
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(u"yyyy-MM-dd HH:mm t"_s);
        edit->setMinimumDateTime(kUnsetTime);
        edit->setSpecialValueText(spec.required ? QString() : tr("Not set"));
        edit->setDateTime(kUnsetTime);
        connect(edit, &QDateTimeEdit::dateTimeChanged, this, &ParameterForm::edited);
        editor = edit;
        break;
    }
    case Type::Text: {
        auto *edit = new QLineEdit(this);
        edit->setPlaceholderText(spec.help);
        connect(edit, &QLineEdit::textEdited, this, &ParameterForm::edited);
        editor = edit;
        break;
    }
    }
    editor->setObjectName(spec.key);
    editor->setToolTip(tip);
    editor->setAccessibleName(spec.label);
    m_editors.insert(spec.key, editor);
    return shown ? shown : editor;
}

QVariant ParameterForm::readValue(const ParameterSpec &spec, QString *error) const
{
    QWidget *editor = m_editors.value(spec.key);
    switch (spec.type) {
    case Type::Choice:
        return static_cast<QComboBox *>(editor)->currentData();
    case Type::MultiChoice: {
        QStringList checked;
        bool changed = false;
        for (const QString &choice : spec.choices) {
            const auto *check = editor->findChild<QCheckBox *>(choice);
            if (check && check->isChecked()) {
                checked.append(choice);
            }
            changed = changed || (check && check->isChecked() != spec.alwaysIncluded.contains(choice));
        }
        return changed ? QVariant(checked) : QVariant(); // only the fixed ones: not sent
    }
    case Type::Integer:
    case Type::Number:
    case Type::Text: {
        const QString text = static_cast<QLineEdit *>(editor)->text();
        if (text.trimmed().isEmpty()) {
            return {};
        }
        return spec.type == Type::Text ? QVariant(text) : Parameters::parseValue(spec, text, error);
    }
    case Type::Boolean: {
        const bool on = static_cast<QCheckBox *>(editor)->isChecked();
        if (on == spec.defaultValue.toBool() && !on) {
            return {}; // unchecked and the provider assumes "no": nothing to send
        }
        return on;
    }
    case Type::DateTime: {
        const QDateTime t = static_cast<QDateTimeEdit *>(editor)->dateTime();
        if (t == kUnsetTime) {
            return {};
        }
        return t.toOffsetFromUtc(t.offsetFromUtc()); // the user's offset, kept
    }
    }
    return {};
}

QVariantMap ParameterForm::values() const
{
    QVariantMap out;
    for (const ParameterSpec &spec : m_specs) {
        QString error;
        const QVariant v = readValue(spec, &error);
        if (v.isValid()) {
            out.insert(spec.key, v);
        }
    }
    return out;
}

QList<ParameterIssue> ParameterForm::inputIssues() const
{
    QList<ParameterIssue> out;
    for (const ParameterSpec &spec : m_specs) {
        QString error;
        const QVariant v = readValue(spec, &error);
        if (!v.isValid() && !error.isEmpty()) {
            out.append({ spec.key, error });
        }
    }
    return out;
}

void ParameterForm::writeValue(const ParameterSpec &spec, const QVariant &value)
{
    QWidget *editor = m_editors.value(spec.key);
    const QSignalBlocker blocker(editor);
    switch (spec.type) {
    case Type::Choice: {
        auto *combo = static_cast<QComboBox *>(editor);
        const int index = value.isValid() ? combo->findData(value.toString()) : 0;
        combo->setCurrentIndex(qMax(0, index));
        break;
    }
    case Type::MultiChoice: {
        const QStringList list = value.toStringList();
        for (const QString &choice : spec.choices) {
            if (auto *check = editor->findChild<QCheckBox *>(choice)) {
                const QSignalBlocker checkBlocker(check);
                check->setChecked(spec.alwaysIncluded.contains(choice) || list.contains(choice));
            }
        }
        break;
    }
    case Type::Integer:
    case Type::Number:
        static_cast<QLineEdit *>(editor)->setText(value.isValid() ? numberText(value.toDouble()) : QString());
        break;
    case Type::Text:
        static_cast<QLineEdit *>(editor)->setText(value.toString());
        break;
    case Type::Boolean:
        static_cast<QCheckBox *>(editor)->setChecked(value.isValid() ? value.toBool() : spec.defaultValue.toBool());
        break;
    case Type::DateTime:
        static_cast<QDateTimeEdit *>(editor)->setDateTime(
            value.toDateTime().isValid() ? value.toDateTime().toLocalTime() : kUnsetTime);
        break;
    }
}

void ParameterForm::setValues(const QVariantMap &values)
{
    for (const ParameterSpec &spec : std::as_const(m_specs)) {
        writeValue(spec, values.value(spec.key));
    }
}

QList<ParameterIssue> ParameterForm::showIssues(const QList<ParameterIssue> &issues)
{
    QHash<QString, QStringList> texts;
    QList<ParameterIssue> elsewhere;
    for (const ParameterIssue &issue : issues) {
        if (m_issues.contains(issue.key)) {
            const QString text = sentence(issue.message);
            if (!texts[issue.key].contains(text)) {
                texts[issue.key].append(text);
            }
        } else {
            elsewhere.append(issue);
        }
    }
    for (auto it = m_issues.cbegin(); it != m_issues.cend(); ++it) {
        QLabel *label = it.value();
        const QString text = texts.value(it.key()).join(u'\n');
        label->setText(text);
        label->setVisible(!text.isEmpty());
    }
    return elsewhere;
}

QString ParameterForm::issueText(const QString &key) const
{
    const QLabel *label = m_issues.value(key);
    return label && !label->isHidden() ? label->text() : QString();
}

QWidget *ParameterForm::firstFieldWithIssue() const
{
    for (const ParameterSpec &spec : m_specs) {
        if (!issueText(spec.key).isEmpty()) {
            return m_editors.value(spec.key);
        }
    }
    return nullptr;
}

} // namespace StacScope
