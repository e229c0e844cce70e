#pragma once

#include <QHash>
#include <QList>
#include <QWidget>

#include "src/providers/account.h"
#include "src/providers/satellogic/satellogictypes.h"

class QCheckBox;
class QComboBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QLineEdit;
class QToolButton;

namespace StacScope {

class Provider;
class ProviderRegistry;

// The right side of the Accounts dialog: one account's name, provider, secrets, options and
// service addresses, built from what its Provider declares. It edits a copy; the dialog saves.
// Typed secrets stay in their fields only until the dialog hands them to the keychain.
class AccountEditor : public QWidget
{
    Q_OBJECT
public:
    explicit AccountEditor(const ProviderRegistry *registry, QWidget *parent = nullptr);

    // `stored`: the provider is fixed and secrets named in `secretNames` show as kept.
    void setAccount(const Account &account, bool stored);
    // The account as edited (id, secret names and unknown options carried over).
    Account account() const;
    // The secrets typed in (an empty field keeps the stored one, so it is left out).
    QHash<QString, QByteArray> typedSecrets() const;
    void clearSecrets();
    // A secret the account names but the secret store does not have (a keychain that did not
    // answer last time): its field asks for it again.
    void setSecretMissing(const QString &name);
    // The first thing that keeps the form from being saved, in words; empty when none.
    QString problem() const;
    bool isModified() const { return m_modified; }
    void setModified(bool modified) { m_modified = modified; }

    // The contracts the account may choose from (Satellogic's "contract" option), as last listed.
    void setContracts(const QList<SatellogicContract> &contracts);

    QLineEdit *nameEdit() const { return m_name; }
    QComboBox *providerCombo() const { return m_provider; }
    QLineEdit *secretEdit(const QString &name) const { return m_secrets.value(name); }
    QWidget *optionWidget(const QString &name) const { return m_options.value(name); }
    QLineEdit *endpointEdit(const QString &name) const { return m_endpoints.value(name); }
    QComboBox *contractCombo() const { return m_contract; }
    QToolButton *advancedButton() const { return m_advancedButton; }
    // The "Advanced" section with the service addresses, folded or open.
    void setAdvancedOpen(bool open);
    bool isAdvancedOpen() const { return m_advancedOpen; }

Q_SIGNALS:
    void modified();

private:
    const Provider *provider() const;
    void rebuild();
    void rebuildSecrets();
    void fillContracts();
    void updateContractInfo();
    void updateEnabled();
    void markModified();
    static void clearForm(QFormLayout *form);

    const ProviderRegistry *m_registry;
    Account m_account; // what was loaded: id, secret names, options the form does not show
    bool m_stored = false;
    bool m_modified = false;
    bool m_loading = false;
    bool m_advancedOpen = false;
    QLineEdit *m_name;
    QComboBox *m_provider;
    QGroupBox *m_secretsBox;
    QFormLayout *m_secretsForm;
    QGroupBox *m_optionsBox;
    QFormLayout *m_optionsForm;
    QToolButton *m_advancedButton;
    QWidget *m_advanced;
    QFormLayout *m_endpointsForm;
    QHash<QString, QLineEdit *> m_secrets;
    QStringList m_missingSecrets;
    QHash<QString, QWidget *> m_options;
    QHash<QString, QLineEdit *> m_endpoints;
    QComboBox *m_contract = nullptr;
    QLabel *m_contractInfo = nullptr;
    QList<SatellogicContract> m_contracts;
};

} // namespace StacScope
