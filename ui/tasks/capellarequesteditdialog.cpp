#include "ui/tasks/capellarequesteditdialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "src/providers/capella/capellaapi.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

QString attribute(const CapellaRequest &r, const QString &name)
{
    return r.raw.value(u"properties"_s).toObject().value(name).toString();
}

bool sameSet(QStringList a, QStringList b)
{
    a.sort();
    b.sort();
    return a == b;
}

} // namespace

CapellaRequestEditDialog::CapellaRequestEditDialog(
    CapellaRequest::Kind kind, const QList<CapellaRequest> &requests, QWidget *parent)
    : QDialog(parent)
    , m_kind(kind)
    , m_single(requests.size() == 1)
    , m_name(new QLineEdit(this))
    , m_description(new QLineEdit(this))
    , m_attribute1(new QLineEdit(this))
    , m_attribute2(new QLineEdit(this))
{
    setObjectName(u"capellaEditDialog"_s);
    for (const CapellaRequest &r : requests) {
        m_ids.append(r.id);
    }
    const bool repeat = kind == CapellaRequest::Kind::Repeat;
    const int n = int(requests.size());
    if (m_single) {
        const CapellaRequest &r = requests.first();
        setWindowTitle(repeat ? tr("Edit repeat request") : tr("Edit tasking request"));
        m_originalName = r.name;
        m_originalDescription = r.description;
        m_originalAttribute1 = attribute(r, u"customAttribute1"_s);
        m_originalAttribute2 = attribute(r, u"customAttribute2"_s);
        m_originalProducts = r.productTypes;
    } else {
        setWindowTitle(repeat ? tr("Edit %1 repeat requests").arg(n) : tr("Edit %1 tasking requests").arg(n));
    }
    m_name->setText(m_originalName);
    m_description->setText(m_originalDescription);
    m_attribute1->setText(m_originalAttribute1);
    m_attribute2->setText(m_originalAttribute2);
    m_name->setObjectName(u"nameEdit"_s);
    m_description->setObjectName(u"descriptionEdit"_s);
    if (!m_single) {
        for (QLineEdit *edit : { m_name, m_description, m_attribute1, m_attribute2 }) {
            edit->setPlaceholderText(tr("Unchanged"));
        }
    }

    const ParameterSpecs specs = CapellaApi::parameterSpecs(kind);
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(this);
    intro->setWordWrap(true);
    intro->setText(m_single ? tr("Capella lets a request change only these fields. What you change is sent; the "
                                 "rest stays as it is.")
                            : tr("The changes apply to each of the %1 requests. Empty fields leave each request's "
                                 "own value; product types change only if you change them here, and then replace "
                                 "each request's.")
                                  .arg(n));
    layout->addWidget(intro);
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    auto addRow = [&](const QString &label, QWidget *field, const QString &key, const QString &help) {
        field->setToolTip(help);
        form->addRow(label, field);
        form->addRow(QString(), issueLabel(key));
    };
    addRow(tr("&Name:"), m_name, u"name"_s, tr("The request's name in the Capella Console"));
    addRow(tr("&Description:"), m_description, u"description"_s,
        tr("Capella keeps a description once given: it can be replaced, not emptied"));
    for (const auto &[key, edit] :
        { std::pair { u"custom_attribute_1"_s, m_attribute1 }, { u"custom_attribute_2"_s, m_attribute2 } }) {
        const ParameterSpec *spec = Parameters::find(specs, key);
        addRow(spec ? spec->label + u':' : key, edit, key, spec ? spec->help : QString());
    }

    // Product types: the spec's choices, the ones always made checked and fixed.
    if (const ParameterSpec *spec = Parameters::find(specs, u"product_types"_s)) {
        auto *boxes = new QWidget(this);
        auto *grid = new QGridLayout(boxes);
        grid->setContentsMargins(0, 0, 0, 0);
        grid->setHorizontalSpacing(12);
        const QStringList initial = m_single ? m_originalProducts : spec->alwaysIncluded;
        for (int i = 0; i < spec->choices.size(); ++i) {
            const QString &type = spec->choices.at(i);
            auto *check = new QCheckBox(type, boxes);
            check->setObjectName(u"product_"_s + type);
            const bool always = spec->alwaysIncluded.contains(type);
            check->setChecked(always || initial.contains(type));
            check->setEnabled(!always);
            if (always) {
                check->setToolTip(tr("Capella always makes %1 products").arg(type));
            }
            grid->addWidget(check, i / 6, i % 6);
            m_products.insert(type, check);
            m_productOrder.append(type);
        }
        if (m_single) {
            m_originalProducts = checkedProducts(); // as shown, with the ones always made
        }
        boxes->setToolTip(spec->help);
        form->addRow(spec->label + u':', boxes);
        form->addRow(QString(), issueLabel(u"product_types"_s));
    }
    layout->addLayout(form);
    layout->addWidget(issueLabel(QString())); // issues of other keys
    layout->addStretch(1);

    auto *buttons = new QDialogButtonBox(this);
    m_apply = buttons->addButton(
        m_single ? tr("&Apply") : tr("&Apply to %1 requests").arg(n), QDialogButtonBox::AcceptRole);
    m_apply->setDefault(true);
    buttons->addButton(QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &CapellaRequestEditDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    setMinimumWidth(fontMetrics().horizontalAdvance(u'x') * 70);
}

QLabel *CapellaRequestEditDialog::issueLabel(const QString &key)
{
    auto *label = new QLabel(this);
    label->setObjectName(u"issue_"_s + (key.isEmpty() ? u"other"_s : key));
    label->setWordWrap(true);
    label->setStyleSheet(u"color: #b3261e;"_s);
    label->hide();
    m_issues.insert(key, label);
    return label;
}

QString CapellaRequestEditDialog::issueText(const QString &key) const
{
    const QLabel *label = m_issues.value(m_issues.contains(key) ? key : QString());
    return label && !label->isHidden() ? label->text() : QString();
}

QStringList CapellaRequestEditDialog::checkedProducts() const
{
    QStringList checked;
    for (const QString &type : m_productOrder) {
        if (m_products.value(type)->isChecked()) {
            checked.append(type);
        }
    }
    return checked;
}

void CapellaRequestEditDialog::accept()
{
    QList<ParameterIssue> issues;
    QString name;
    QString description;
    QVariantMap values;
    const QString nameText = m_name->text().trimmed();
    const QString descriptionText = m_description->text().trimmed();
    if (m_single) {
        // Only what changed: an unchanged field must not be sent again (a finished request
        // refuses some fields even when their value is the same).
        if (nameText != m_originalName) {
            if (nameText.isEmpty()) {
                issues.append({ u"name"_s, tr("A request needs a name.") });
            }
            name = nameText;
        }
        if (descriptionText != m_originalDescription) {
            if (descriptionText.isEmpty()) {
                issues.append({ u"description"_s, tr("Capella cannot empty a description: write a new one.") });
            }
            description = descriptionText;
        }
        if (m_attribute1->text() != m_originalAttribute1) {
            values.insert(u"custom_attribute_1"_s, m_attribute1->text());
        }
        if (m_attribute2->text() != m_originalAttribute2) {
            values.insert(u"custom_attribute_2"_s, m_attribute2->text());
        }
    } else {
        name = nameText;
        description = descriptionText;
        for (const auto &[key, edit] :
            { std::pair { u"custom_attribute_1"_s, m_attribute1 }, { u"custom_attribute_2"_s, m_attribute2 } }) {
            if (!edit->text().isEmpty()) {
                values.insert(key, edit->text());
            }
        }
    }
    if (!m_products.isEmpty()) {
        const QStringList products = checkedProducts();
        bool changed = !sameSet(products, m_originalProducts);
        if (!m_single) {
            // Untouched boxes (only the ones always made) leave each request's own types.
            QStringList fixed;
            for (const QString &type : m_productOrder) {
                if (!m_products.value(type)->isEnabled()) {
                    fixed.append(type);
                }
            }
            changed = !sameSet(products, fixed);
        }
        if (changed) {
            values.insert(u"product_types"_s, products);
        }
    }
    QJsonObject body;
    if (issues.isEmpty()) {
        body = CapellaApi::updateBody(m_kind, name, description, values, &issues);
    }
    for (QLabel *label : std::as_const(m_issues)) {
        label->clear();
        label->hide();
    }
    if (!issues.isEmpty()) {
        for (const ParameterIssue &issue : std::as_const(issues)) {
            QLabel *label = m_issues.value(m_issues.contains(issue.key) ? issue.key : QString());
            // Under its own field the core's "is required" reads as a sentence; elsewhere the
            // field is named.
            QString text = m_issues.contains(issue.key) ? issue.message : issue.key + u": "_s + issue.message;
            if (!text.isEmpty()) {
                text[0] = text.at(0).toUpper();
            }
            if (!text.endsWith(u'.')) {
                text += u'.';
            }
            label->setText(label->text().isEmpty() ? text : label->text() + u'\n' + text);
            label->show();
        }
        adjustSize(); // room for the messages
        return;
    }
    m_body = body;
    QDialog::accept();
}

} // namespace StacScope
