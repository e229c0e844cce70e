#include "ui/accounts/accountsdialog.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>

#include "src/auth/secretstore.h"
#include "src/providers/accountmanager.h"
#include "src/providers/accountsession.h"
#include "src/providers/accountstore.h"
#include "src/providers/providerregistry.h"
#include "src/providers/satellogic/satellogicsession.h"
#include "ui/accounts/accounteditor.h"
#include "ui/accounts/accountlistdelegate.h"
#include "ui/accounts/accountwords.h"
#include "ui/common/messagebar.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

constexpr int IdRole = Qt::UserRole + 1;

QString htmlLine(const QString &line)
{
    // The report indents a contract's details with spaces.
    qsizetype indent = 0;
    while (indent < line.size() && line.at(indent) == u' ') {
        ++indent;
    }
    return u"&nbsp;"_s.repeated(indent * 2) + line.mid(indent).toHtmlEscaped();
}

} // namespace

AccountsDialog::AccountsDialog(AccountManager *accounts, QWidget *parent)
    : QDialog(parent)
    , m_accounts(accounts)
    , m_list(new QListWidget(this))
    , m_add(new QPushButton(tr("&Add"), this))
    , m_remove(new QPushButton(tr("&Remove"), this))
    , m_test(new QPushButton(tr("&Test"), this))
    , m_editor(new AccountEditor(accounts ? accounts->registry() : nullptr, this))
    , m_state(new QLabel(this))
    , m_problem(new QLabel(this))
    , m_report(new QLabel(this))
    , m_save(new QPushButton(tr("&Save"), this))
    , m_revert(new QPushButton(tr("Re&vert"), this))
    , m_keychain(new MessageBar(this))
{
    setWindowTitle(tr("Accounts"));
    setObjectName(u"accountsDialog"_s);
    m_list->setObjectName(u"accountList"_s);
    m_list->setItemDelegate(new AccountListDelegate(m_list));
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setMinimumWidth(fontMetrics().horizontalAdvance(u"Satellogic · Signed in, contract \"First\""_s));
    m_add->setToolTip(tr("Add an account"));
    m_remove->setToolTip(tr("Remove the account and delete its secrets from the keychain"));
    m_test->setToolTip(tr("Sign in with the saved account and list what it can do"));
    m_save->setToolTip(tr("Save the account; secrets go to the keychain"));
    m_save->setDefault(true);
    m_revert->setToolTip(tr("Forget the changes in the form"));

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_list, 1);
    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(m_add);
    listButtons->addWidget(m_remove);
    listButtons->addStretch(1);
    listButtons->addWidget(m_test);
    leftLayout->addLayout(listButtons);

    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(8, 0, 0, 0);
    m_state->setObjectName(u"accountState"_s);
    m_state->setWordWrap(true);
    m_state->setTextFormat(Qt::RichText);
    rightLayout->addWidget(m_state);
    // Scrolls rather than squeezes when the Advanced section and a long report both show.
    auto *scroll = new QScrollArea(this);
    m_form = scroll;
    scroll->setWidget(m_editor);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    rightLayout->addWidget(scroll, 1);
    m_problem->setObjectName(u"accountProblem"_s);
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(u"color: #b3261e;"_s);
    m_problem->hide();
    rightLayout->addWidget(m_problem);
    m_report->setObjectName(u"accountReport"_s);
    m_report->setWordWrap(true);
    m_report->setTextFormat(Qt::RichText);
    m_report->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_report->setFrameShape(QFrame::StyledPanel);
    m_report->setMargin(8);
    m_report->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_report->setBackgroundRole(QPalette::Base);
    m_report->setAutoFillBackground(true);
    m_report->hide();
    rightLayout->addWidget(m_report);
    auto *formButtons = new QHBoxLayout;
    formButtons->addStretch(1);
    formButtons->addWidget(m_revert);
    formButtons->addWidget(m_save);
    rightLayout->addLayout(formButtons);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({ 320, 600 });
    splitter->setChildrenCollapsible(false);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_keychain);
    layout->addWidget(splitter, 1);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_add, &QPushButton::clicked, this, &AccountsDialog::addAccount);
    connect(m_remove, &QPushButton::clicked, this, &AccountsDialog::removeCurrent);
    connect(m_test, &QPushButton::clicked, this, &AccountsDialog::test);
    connect(m_save, &QPushButton::clicked, this, [this] { save(); });
    connect(m_revert, &QPushButton::clicked, this, [this] {
        if (m_isNew) {
            removeCurrent();
        } else {
            showAccount(m_accountId);
        }
    });
    connect(m_editor, &AccountEditor::modified, this, [this] {
        m_problem->hide();
        updateButtons();
    });
    connect(m_list, &QListWidget::currentItemChanged, this,
        [this](QListWidgetItem *current) { onCurrentItemChanged(current); });
    if (m_accounts) {
        connect(m_accounts, &AccountManager::sessionsChanged, this, &AccountsDialog::rebuildList);
        connect(m_accounts, &AccountManager::sessionStateChanged, this, &AccountsDialog::onStateChanged);
        if (SecretStore *secrets = m_accounts->services().secrets) {
            connect(secrets, &SecretStore::fallbackActivated, this, &AccountsDialog::updateKeychainWarning);
        }
    }
    updateKeychainWarning();
    rebuildList();
    resize(920, 640);
}

AccountsDialog::~AccountsDialog() = default;

void AccountsDialog::updateKeychainWarning()
{
    SecretStore *secrets = m_accounts ? m_accounts->services().secrets : nullptr;
    if (secrets && !secrets->isPersistent()) {
        m_keychain->showMessage(MessageBar::Level::Warning,
            tr("No keychain answered: secrets are kept until StacScope quits."), secrets->fallbackReason());
    } else {
        m_keychain->hide();
    }
}

QListWidgetItem *AccountsDialog::itemFor(const QString &accountId) const
{
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->data(IdRole).toString() == accountId) {
            return m_list->item(i);
        }
    }
    return nullptr;
}

void AccountsDialog::rebuildList()
{
    if (!m_accounts) {
        return;
    }
    m_rebuilding = true;
    {
        const QSignalBlocker blocker(m_list);
        m_list->clear();
        for (const Account &a : m_accounts->store()->accounts()) {
            auto *item = new QListWidgetItem(m_list);
            item->setData(IdRole, a.id);
            updateItem(item);
        }
        if (m_isNew) {
            auto *item = new QListWidgetItem(m_list);
            item->setData(IdRole, QString());
            updateItem(item);
        }
    }
    m_rebuilding = false;
    // The new account's item has an empty id.
    const bool editing = m_isNew || !m_accountId.isEmpty();
    QListWidgetItem *current = editing ? itemFor(m_isNew ? QString() : m_accountId) : nullptr;
    if (current) {
        // The same account stays in the form with its edits.
        const QSignalBlocker blocker(m_list);
        m_list->setCurrentItem(current);
        updateButtons();
        return;
    }
    // The account in the form is gone (or there was none): show the first one.
    current = m_list->count() > 0 ? m_list->item(0) : nullptr;
    m_list->setCurrentItem(current);
    if (!current) {
        onCurrentItemChanged(nullptr);
    }
}

void AccountsDialog::updateItem(QListWidgetItem *item)
{
    const QString id = item->data(IdRole).toString();
    if (id.isEmpty()) {
        item->setText(tr("New account"));
        item->setData(AccountListDelegate::SubtitleRole, tr("not saved yet"));
        item->setIcon(AccountWords::stateIcon(AccountSession::State::Unchecked));
        return;
    }
    const Account a = m_accounts->store()->account(id);
    const Provider *provider = m_accounts->registry()->provider(a.provider);
    const QString providerName = provider ? provider->displayName() : a.provider;
    const AccountSession *session = m_accounts->session(id);
    const QString state = session ? session->stateText() : tr("Provider unknown to this StacScope");
    item->setText(a.name);
    item->setData(AccountListDelegate::SubtitleRole, tr("%1 · %2").arg(providerName, state));
    item->setToolTip(tr("%1 · %2").arg(providerName, state));
    item->setIcon(AccountWords::stateIcon(session ? session->state() : AccountSession::State::Refused));
}

void AccountsDialog::onCurrentItemChanged(QListWidgetItem *item)
{
    if (m_rebuilding) {
        return;
    }
    if (!item) {
        m_accountId.clear();
        m_isNew = false;
        m_editor->setAccount({}, false);
        m_editor->setEnabled(false);
        // No account: only the invitation to add one, not an empty form.
        m_form->hide();
        m_state->setText(tr("No accounts yet. <b>Add</b> one to search a provider's archive, task its satellites and "
                            "download deliveries."));
        m_report->hide();
        m_problem->hide();
        updateButtons();
        return;
    }
    const QString id = item->data(IdRole).toString();
    if (m_isNew && !id.isEmpty()) {
        // Leaving a new account that was never saved drops it.
        m_isNew = false;
        m_accountId = id;
        QMetaObject::invokeMethod(this, &AccountsDialog::rebuildList, Qt::QueuedConnection);
    }
    showAccount(id);
}

void AccountsDialog::selectAccount(const QString &accountId)
{
    if (QListWidgetItem *item = itemFor(accountId)) {
        m_list->setCurrentItem(item);
    }
}

void AccountsDialog::showAccount(const QString &accountId)
{
    m_editor->setEnabled(true);
    m_form->show();
    m_problem->hide();
    if (accountId != m_accountId || accountId.isEmpty()) {
        m_report->hide();
        m_reportLines.clear();
    }
    m_accountId = accountId;
    if (accountId.isEmpty()) {
        Account fresh;
        const QList<const Provider *> providers = m_accounts->registry()->accountProviders();
        fresh.provider = providers.isEmpty() ? QString() : providers.first()->id();
        m_editor->setAccount(fresh, false);
        m_state->setText(tr("<b>New account</b>: fill in the form, then <b>Save</b> or <b>Test</b>."));
        updateButtons();
        return;
    }
    const Account account = m_accounts->store()->account(accountId);
    m_editor->setAccount(account, true);
    // Which stored secrets are really there (a session-only store forgets them at exit). Only
    // whether each exists is kept; the value is dropped here.
    if (SecretStore *secrets = m_accounts->services().secrets) {
        for (const QString &name : account.secretNames) {
            secrets->read(SecretStore::accountKey(accountId, name), this,
                [this, accountId, name](const QByteArray &, bool found, const QString &) {
                    if (!found && accountId == m_accountId && !m_isNew) {
                        m_editor->setSecretMissing(name);
                    }
                });
        }
    }
    onStateChanged(accountId);
    updateButtons();
}

void AccountsDialog::onStateChanged(const QString &accountId)
{
    if (QListWidgetItem *item = itemFor(accountId)) {
        updateItem(item);
    }
    if (accountId != m_accountId || m_isNew || !m_accounts) {
        return;
    }
    const Account account = m_accounts->store()->account(accountId);
    AccountSession *session = m_accounts->session(accountId);
    const Provider *provider = m_accounts->registry()->provider(account.provider);
    m_state->setText(
        tr("<b>%1</b> · %2 · %3")
            .arg(account.name.toHtmlEscaped(), (provider ? provider->displayName() : account.provider).toHtmlEscaped(),
                (session ? session->stateText() : tr("provider unknown to this StacScope")).toHtmlEscaped()));
    if (auto *satellogic = qobject_cast<SatellogicSession *>(session)) {
        if (!satellogic->contracts().isEmpty()) {
            m_contracts.insert(accountId, satellogic->contracts());
        }
    }
    if (m_contracts.contains(accountId)) {
        m_editor->setContracts(m_contracts.value(accountId));
    }
}

void AccountsDialog::addAccount()
{
    if (m_busy) {
        return;
    }
    m_isNew = true;
    m_accountId.clear();
    rebuildList();
    showAccount({});
    m_editor->nameEdit()->setFocus();
}

void AccountsDialog::save(std::function<void()> then)
{
    if (!m_accounts || m_busy || (!m_isNew && m_accountId.isEmpty())) {
        return;
    }
    const QString problem = m_editor->problem();
    if (!problem.isEmpty()) {
        showProblem(problem);
        return;
    }
    Account account = m_editor->account();
    const Account clash = m_accounts->store()->byName(account.name);
    if (!clash.id.isEmpty() && clash.id != account.id) {
        showProblem(tr("Another account is already called \"%1\".").arg(account.name));
        return;
    }
    if (account.id.isEmpty()) {
        account.id = Account::newId();
    }
    const QString id = account.id;
    const AccountSession *old = m_accounts->session(id);
    const bool wasChecked = old && old->state() != AccountSession::State::Unchecked;
    // The form now edits the stored account; the list is rebuilt as the manager saves it.
    m_isNew = false;
    m_accountId = id;
    m_busy = true;
    updateButtons();
    m_accounts->saveAccount(
        account, m_editor->typedSecrets(), this, [this, id, wasChecked, then](const QString &error) {
            m_busy = false;
            if (!error.isEmpty()) {
                // The typed secrets stay in their fields so the user can try again.
                showProblem(error);
                updateButtons();
                return;
            }
            m_editor->clearSecrets();
            if (QListWidgetItem *item = itemFor(id)) {
                const QSignalBlocker blocker(m_list);
                m_list->setCurrentItem(item);
            }
            showAccount(id);
            Q_EMIT saved(id);
            if (then) {
                then();
            } else if (wasChecked) {
                // The new session starts unchecked: sign in again so the state and contracts are current.
                runCheck(id);
            }
        });
}

void AccountsDialog::test()
{
    if (m_busy || m_check || (!m_isNew && m_accountId.isEmpty())) {
        return;
    }
    if (m_isNew || m_editor->isModified()) {
        save([this] { runCheck(m_accountId); });
        return;
    }
    runCheck(m_accountId);
}

void AccountsDialog::runCheck(const QString &accountId)
{
    AccountSession *session = m_accounts ? m_accounts->session(accountId) : nullptr;
    if (!session) {
        showReport({}, tr("This StacScope does not know the account's provider."));
        return;
    }
    AccountCheckJob *job = session->check();
    connect(job, &StacJob::finished, job, &QObject::deleteLater);
    connect(job, &StacJob::finished, this, [this, job, accountId] {
        m_check = nullptr;
        AccountSession *s = m_accounts ? m_accounts->session(accountId) : nullptr;
        if (auto *satellogic = qobject_cast<SatellogicSession *>(s); satellogic && !satellogic->contracts().isEmpty()) {
            m_contracts.insert(accountId, satellogic->contracts());
        }
        if (accountId == m_accountId && !m_isNew) {
            showReport(job->report(), job->isOk() ? QString() : AccountWords::explain(s, job->error()));
            onStateChanged(accountId);
        }
        updateButtons();
        Q_EMIT testFinished(accountId, job->isOk());
    });
    m_check = job;
    m_reportLines.clear();
    m_report->setText(u"<i>"_s + tr("Signing in...").toHtmlEscaped() + u"</i>"_s);
    m_report->show();
    updateButtons();
}

void AccountsDialog::showReport(const QStringList &lines, const QString &failure)
{
    m_reportLines = lines;
    if (!failure.isEmpty()) {
        m_reportLines.append(failure);
    }
    QString html = failure.isEmpty() ? u"<b style=\"color:#1b5e20\">"_s + tr("Test passed").toHtmlEscaped() + u"</b>"_s
                                     : u"<b style=\"color:#b3261e\">"_s + tr("Test failed").toHtmlEscaped() + u"</b>"_s;
    for (const QString &line : m_reportLines) {
        html += u"<br>"_s + htmlLine(line);
    }
    m_report->setText(html);
    m_report->show();
}

void AccountsDialog::showProblem(const QString &text)
{
    m_problem->setText(text);
    m_problem->setVisible(!text.isEmpty());
}

void AccountsDialog::removeCurrent()
{
    if (!m_accounts || m_busy) {
        return;
    }
    if (m_isNew) {
        m_isNew = false;
        m_accountId.clear();
        rebuildList();
        return;
    }
    const Account account = m_accounts->store()->account(m_accountId);
    if (account.id.isEmpty()) {
        return;
    }
    auto *box = new QMessageBox(QMessageBox::Question, tr("Remove account"),
        tr("Remove the account \"%1\"?").arg(account.name), QMessageBox::NoButton, this);
    box->setObjectName(u"removeAccountBox"_s);
    box->setInformativeText(
        tr("Its secrets are deleted from the keychain. Files already downloaded stay where they are."));
    QPushButton *remove = box->addButton(tr("Remove"), QMessageBox::DestructiveRole);
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    const QString id = account.id;
    connect(remove, &QPushButton::clicked, this, [this, id] {
        if (!m_accounts) {
            return;
        }
        m_contracts.remove(id);
        m_accountId.clear();
        m_busy = true;
        m_accounts->removeAccount(id, this, [this, id](const QString &error) {
            m_busy = false;
            if (!error.isEmpty()) {
                showProblem(tr("The account was removed, but its secrets could not all be deleted from the "
                               "keychain: %1")
                                .arg(error));
            }
            updateButtons();
            Q_EMIT removed(id);
        });
        updateButtons();
    });
    box->open();
}

void AccountsDialog::updateButtons()
{
    const bool haveAccount = m_isNew || !m_accountId.isEmpty();
    m_add->setEnabled(!m_busy);
    m_remove->setEnabled(haveAccount && !m_busy);
    m_test->setEnabled(haveAccount && !m_busy && !m_check);
    m_save->setEnabled(haveAccount && !m_busy && (m_isNew || m_editor->isModified()));
    m_revert->setEnabled(haveAccount && !m_busy && (m_isNew || m_editor->isModified()));
}

} // namespace StacScope
