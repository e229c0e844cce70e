#include "ui/accounts/accounteditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

#include "src/providers/provider.h"
#include "src/providers/providerregistry.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

const QString ContractOption = u"contract"_s;
const QString LegacyOption = u"legacy"_s;

// Lines broken by hand at `width` pixels: a word-wrapped QLabel in a QFormLayout reserves rows it
// does not use.
QString wrapped(const QString &text, const QFontMetrics &metrics, int width)
{
    QStringList lines;
    QString line;
    for (const QString &word : text.split(u' ', Qt::SkipEmptyParts)) {
        const QString candidate = line.isEmpty() ? word : line + u' ' + word;
        if (!line.isEmpty() && metrics.horizontalAdvance(candidate) > width) {
            lines.append(line);
            line = word;
        } else {
            line = candidate;
        }
    }
    if (!line.isEmpty()) {
        lines.append(line);
    }
    return lines.join(u'\n');
}

QLabel *caption(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(parent);
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * 0.9);
    label->setFont(font);
    label->setText(wrapped(text, QFontMetrics(font), QFontMetrics(font).averageCharWidth() * 80));
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, palette.color(QPalette::PlaceholderText));
    label->setPalette(palette);
    return label;
}

} // namespace

AccountEditor::AccountEditor(const ProviderRegistry *registry, QWidget *parent)
    : QWidget(parent)
    , m_registry(registry)
    , m_name(new QLineEdit(this))
    , m_provider(new QComboBox(this))
    , m_secretsBox(new QGroupBox(tr("Credentials"), this))
    , m_secretsForm(new QFormLayout(m_secretsBox))
    , m_optionsBox(new QGroupBox(tr("Options"), this))
    , m_optionsForm(new QFormLayout(m_optionsBox))
    , m_advancedButton(new QToolButton(this))
    , m_advanced(new QWidget(this))
    , m_endpointsForm(new QFormLayout(m_advanced))
{
    m_name->setObjectName(u"accountName"_s);
    m_name->setPlaceholderText(tr("e.g. Satellogic production"));
    m_provider->setObjectName(u"accountProvider"_s);
    if (m_registry) {
        for (const Provider *p : m_registry->accountProviders()) {
            m_provider->addItem(p->displayName(), p->id());
        }
    }
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *top = new QFormLayout;
    top->addRow(tr("&Name:"), m_name);
    top->addRow(tr("&Provider:"), m_provider);
    layout->addLayout(top);
    for (QFormLayout *form : { m_secretsForm, m_optionsForm, m_endpointsForm }) {
        form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    }
    layout->addWidget(m_secretsBox);
    layout->addWidget(m_optionsBox);
    m_advancedButton->setObjectName(u"advancedButton"_s);
    m_advancedButton->setText(tr("Advanced: service addresses"));
    m_advancedButton->setAutoRaise(true);
    m_advancedButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_advancedButton->setArrowType(Qt::RightArrow);
    m_endpointsForm->setContentsMargins(18, 0, 0, 0);
    m_advanced->hide();
    layout->addWidget(m_advancedButton);
    layout->addWidget(m_advanced);
    layout->addStretch(1);

    connect(m_advancedButton, &QToolButton::clicked, this, [this] { setAdvancedOpen(!m_advancedOpen); });
    connect(m_name, &QLineEdit::textEdited, this, &AccountEditor::markModified);
    connect(m_provider, &QComboBox::currentIndexChanged, this, [this] {
        if (m_loading) {
            return;
        }
        rebuild();
        markModified();
    });
}

const Provider *AccountEditor::provider() const
{
    return m_registry ? m_registry->provider(m_provider->currentData().toString()) : nullptr;
}

void AccountEditor::setAccount(const Account &account, bool stored)
{
    m_loading = true;
    m_account = account;
    m_stored = stored;
    m_contracts.clear();
    m_missingSecrets.clear();
    m_name->setText(account.name);
    const int index = m_provider->findData(account.provider);
    m_provider->setCurrentIndex(index >= 0 ? index : 0);
    rebuild();
    // Overridden addresses are shown: the user should see that the account goes elsewhere.
    setAdvancedOpen(!account.endpoints.isEmpty());
    m_modified = false;
    m_loading = false;
}

void AccountEditor::setAdvancedOpen(bool open)
{
    m_advancedOpen = open;
    m_advancedButton->setArrowType(open ? Qt::DownArrow : Qt::RightArrow);
    m_advanced->setVisible(open && !m_endpoints.isEmpty());
}

void AccountEditor::clearForm(QFormLayout *form)
{
    while (form->rowCount() > 0) {
        form->removeRow(0);
    }
}

void AccountEditor::rebuild()
{
    const bool wasLoading = m_loading;
    m_loading = true;
    clearForm(m_optionsForm);
    clearForm(m_endpointsForm);
    m_options.clear();
    m_endpoints.clear();
    m_contract = nullptr;
    m_contractInfo = nullptr;
    const Provider *p = provider();
    // Another provider's options and addresses mean nothing here.
    const bool sameProvider = p && p->id() == m_account.provider;
    m_provider->setEnabled(!m_stored);
    if (!p) {
        rebuildSecrets();
        m_loading = wasLoading;
        return;
    }
    for (const OptionSpec &spec : p->options()) {
        const QVariant value = sameProvider ? m_account.options.value(spec.name, spec.defaultValue) : spec.defaultValue;
        QWidget *widget = nullptr;
        if (spec.name == ContractOption && p->id() == u"satellogic"_s) {
            m_contract = new QComboBox(m_optionsBox);
            m_contract->setObjectName(u"contractCombo"_s);
            m_contract->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
            m_contract->setMinimumContentsLength(24);
            m_contractInfo = caption({}, m_optionsBox);
            m_contractInfo->setObjectName(u"contractInfo"_s);
            m_contractInfo->setTextInteractionFlags(Qt::TextSelectableByMouse);
            m_optionsForm->addRow(spec.label + u':', m_contract);
            m_optionsForm->addRow(QString(), m_contractInfo);
            connect(m_contract, &QComboBox::currentIndexChanged, this, [this] {
                updateContractInfo();
                markModified();
            });
            widget = m_contract;
            m_options.insert(spec.name, widget);
            fillContracts();
            continue;
        }
        switch (spec.type) {
        case OptionSpec::Type::Bool: {
            auto *box = new QCheckBox(spec.label, m_optionsBox);
            box->setChecked(value.toBool());
            connect(box, &QCheckBox::toggled, this, [this] {
                updateEnabled();
                markModified();
            });
            m_optionsForm->addRow(QString(), box);
            widget = box;
            break;
        }
        case OptionSpec::Type::Choice: {
            auto *combo = new QComboBox(m_optionsBox);
            for (const QString &choice : spec.choices) {
                combo->addItem(choice, choice);
            }
            combo->setCurrentIndex(std::max(0, combo->findData(value.toString())));
            // The secrets a provider needs may depend on a choice (the STAC API's kind of sign-in).
            connect(combo, &QComboBox::currentIndexChanged, this, [this] {
                if (!m_loading) {
                    rebuildSecrets();
                    markModified();
                }
            });
            m_optionsForm->addRow(spec.label + u':', combo);
            widget = combo;
            break;
        }
        case OptionSpec::Type::Text: {
            auto *edit = new QLineEdit(value.toString(), m_optionsBox);
            edit->setPlaceholderText(spec.defaultValue.toString());
            connect(edit, &QLineEdit::textEdited, this, &AccountEditor::markModified);
            m_optionsForm->addRow(spec.label + u':', edit);
            widget = edit;
            break;
        }
        }
        widget->setObjectName(u"option_"_s + spec.name);
        if (!spec.help.isEmpty()) {
            widget->setToolTip(spec.help);
            m_optionsForm->addRow(QString(), caption(spec.help, m_optionsBox));
        }
        m_options.insert(spec.name, widget);
    }
    m_optionsBox->setVisible(!m_options.isEmpty());
    for (const EndpointSpec &spec : p->endpoints()) {
        auto *edit = new QLineEdit(m_advanced);
        edit->setObjectName(u"endpoint_"_s + spec.name);
        edit->setPlaceholderText(spec.defaultUrl.toString());
        if (sameProvider) {
            edit->setText(m_account.endpoints.value(spec.name).toString());
        }
        edit->setToolTip(tr("Leave empty for the provider's own address; an emulator or a staging server can stand in "
                            "here."));
        connect(edit, &QLineEdit::textEdited, this, &AccountEditor::markModified);
        m_endpointsForm->addRow(spec.label + u':', edit);
        m_endpoints.insert(spec.name, edit);
    }
    m_advancedButton->setVisible(!m_endpoints.isEmpty());
    m_advanced->setVisible(m_advancedOpen && !m_endpoints.isEmpty());
    rebuildSecrets();
    updateEnabled();
    m_loading = wasLoading;
}

void AccountEditor::rebuildSecrets()
{
    clearForm(m_secretsForm);
    m_secrets.clear();
    const Provider *p = provider();
    if (!p) {
        m_secretsBox->hide();
        return;
    }
    const bool sameProvider = p->id() == m_account.provider;
    for (const SecretSpec &spec : p->secrets(account())) {
        auto *edit = new QLineEdit(m_secretsBox);
        edit->setObjectName(u"secret_"_s + spec.name);
        edit->setEchoMode(QLineEdit::Password);
        edit->setClearButtonEnabled(true);
        const bool kept = m_stored && sameProvider && m_account.secretNames.contains(spec.name)
            && !m_missingSecrets.contains(spec.name);
        if (m_missingSecrets.contains(spec.name)) {
            edit->setPlaceholderText(tr("not in the keychain any more: enter it again"));
        } else if (kept) {
            edit->setPlaceholderText(tr("stored in the keychain; leave empty to keep it"));
        } else if (spec.optional) {
            edit->setPlaceholderText(tr("optional"));
        }
        if (!spec.envVar.isEmpty()) {
            edit->setToolTip(tr("stacscope-cli --provider reads it from %1").arg(spec.envVar));
        }
        connect(edit, &QLineEdit::textEdited, this, &AccountEditor::markModified);
        m_secretsForm->addRow(spec.label + u':', edit);
        m_secrets.insert(spec.name, edit);
    }
    m_secretsBox->setVisible(!m_secrets.isEmpty());
}

Account AccountEditor::account() const
{
    Account a = m_account;
    a.name = m_name->text().trimmed();
    a.provider = m_provider->currentData().toString();
    if (a.provider != m_account.provider) {
        a.options.clear();
        a.endpoints.clear();
        a.secretNames.clear();
    }
    for (auto it = m_options.begin(); it != m_options.end(); ++it) {
        QVariant value;
        if (auto *box = qobject_cast<QCheckBox *>(it.value())) {
            value = box->isChecked();
        } else if (auto *combo = qobject_cast<QComboBox *>(it.value())) {
            value = combo->currentData().toString();
        } else if (auto *edit = qobject_cast<QLineEdit *>(it.value())) {
            value = edit->text().trimmed();
        }
        if (value.typeId() == QMetaType::QString && value.toString().isEmpty()) {
            a.options.remove(it.key());
        } else {
            a.options.insert(it.key(), value);
        }
    }
    for (auto it = m_endpoints.begin(); it != m_endpoints.end(); ++it) {
        const QString text = it.value()->text().trimmed();
        if (text.isEmpty()) {
            a.endpoints.remove(it.key());
        } else {
            a.endpoints.insert(it.key(), QUrl(text));
        }
    }
    return a;
}

QHash<QString, QByteArray> AccountEditor::typedSecrets() const
{
    QHash<QString, QByteArray> secrets;
    for (auto it = m_secrets.begin(); it != m_secrets.end(); ++it) {
        if (!it.value()->text().isEmpty()) {
            secrets.insert(it.key(), it.value()->text().toUtf8());
        }
    }
    return secrets;
}

void AccountEditor::setSecretMissing(const QString &name)
{
    if (m_missingSecrets.contains(name)) {
        return;
    }
    m_missingSecrets.append(name);
    if (QLineEdit *edit = m_secrets.value(name)) {
        edit->setPlaceholderText(tr("not in the keychain any more: enter it again"));
    }
}

void AccountEditor::clearSecrets()
{
    for (QLineEdit *edit : std::as_const(m_secrets)) {
        edit->clear();
    }
}

QString AccountEditor::problem() const
{
    if (m_name->text().trimmed().isEmpty()) {
        return tr("Give the account a name.");
    }
    const Provider *p = provider();
    if (!p) {
        return tr("Choose a provider.");
    }
    const Account a = account();
    for (const SecretSpec &spec : p->secrets(a)) {
        const QLineEdit *edit = m_secrets.value(spec.name);
        const bool typed = edit && !edit->text().isEmpty();
        const bool kept = m_stored && a.secretNames.contains(spec.name) && !m_missingSecrets.contains(spec.name);
        if (!spec.optional && !typed && !kept) {
            return tr("Enter the %1.").arg(spec.label);
        }
    }
    for (const EndpointSpec &spec : p->endpoints()) {
        const QString text = m_endpoints.value(spec.name) ? m_endpoints.value(spec.name)->text().trimmed() : QString();
        if (text.isEmpty()) {
            continue;
        }
        const QUrl url(text, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty() || (url.scheme() != u"http"_s && url.scheme() != u"https"_s)) {
            return tr("%1: enter an http or https address, or leave it empty.").arg(spec.label);
        }
    }
    return {};
}

void AccountEditor::setContracts(const QList<SatellogicContract> &contracts)
{
    m_contracts = contracts;
    const bool wasLoading = m_loading;
    m_loading = true;
    fillContracts();
    m_loading = wasLoading;
}

void AccountEditor::fillContracts()
{
    if (!m_contract) {
        return;
    }
    const QString current
        = m_contract->count() > 0 ? m_contract->currentData().toString() : m_account.option(ContractOption);
    {
        const QSignalBlocker blocker(m_contract);
        m_contract->clear();
        bool found = false;
        for (const SatellogicContract &c : std::as_const(m_contracts)) {
            found = found || c.id == current;
        }
        if (m_contracts.isEmpty()) {
            if (current.isEmpty()) {
                m_contract->addItem(tr("Test the account to list its contracts"), QString());
            } else {
                m_contract->addItem(current, current);
            }
        } else if (current.isEmpty()) {
            m_contract->addItem(m_contracts.size() == 1 ? tr("Choose the contract")
                                                        : tr("Choose one of %1 contracts").arg(m_contracts.size()),
                QString());
        } else if (!found) {
            m_contract->addItem(tr("%1 (not one of the account's)").arg(current), current);
        }
        for (const SatellogicContract &c : std::as_const(m_contracts)) {
            m_contract->addItem(c.name, c.id);
            m_contract->setItemData(m_contract->count() - 1, c.id, Qt::ToolTipRole);
        }
        m_contract->setCurrentIndex(std::max(0, m_contract->findData(current)));
    }
    updateContractInfo();
}

void AccountEditor::updateContractInfo()
{
    if (!m_contractInfo) {
        return;
    }
    const QString id = m_contract->currentData().toString();
    for (const SatellogicContract &c : std::as_const(m_contracts)) {
        if (c.id != id) {
            continue;
        }
        const QString archive = c.hasArchive
            ? tr("Archive: %1")
                  .arg(c.archiveCollections.isEmpty() ? tr("all collections") : c.archiveCollections.join(u", "_s))
            : tr("No archive");
        m_contractInfo->setText(
            tr("%1\n%2 · %3").arg(c.id, archive, c.taskingAllowed ? tr("Tasking allowed") : tr("No tasking")));
        return;
    }
    if (m_contracts.isEmpty()) {
        m_contractInfo->setText(id.isEmpty() ? tr("Searches, tasks and deliveries are made under a contract.\nTest the "
                                                  "account to list the contracts of its credentials.")
                                             : tr("Test the account to see what this contract allows."));
    } else {
        m_contractInfo->setText(tr("Searches, tasks and deliveries are made under the chosen contract."));
    }
}

void AccountEditor::updateEnabled()
{
    if (m_contract) {
        const auto *legacy = qobject_cast<QCheckBox *>(m_options.value(LegacyOption));
        const bool isLegacy = legacy && legacy->isChecked();
        m_contract->setEnabled(!isLegacy);
        if (isLegacy) {
            m_contractInfo->setText(tr("Legacy credentials have no contracts."));
        } else {
            updateContractInfo();
        }
    }
}

void AccountEditor::markModified()
{
    if (m_loading) {
        return;
    }
    m_modified = true;
    Q_EMIT modified();
}

} // namespace StacScope
