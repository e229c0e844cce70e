// stacscope-cli: accounts, and opening a provider session from --account or --provider.
#include <cstdio>
#include <termios.h>
#include <unistd.h>

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QSettings>
#include <QTimer>

#include "app/cli/cli.h"
#include "src/auth/credentialrouter.h"
#include "src/auth/keychainsecretstore.h"
#include "src/net/networkclient.h"
#include "src/providers/accountmanager.h"
#include "src/providers/accountsession.h"
#include "src/providers/accountstore.h"
#include "src/providers/providerregistry.h"
#include "src/providers/satellogic/satellogicapi.h"
#include "src/providers/satellogic/satellogicsession.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

// The id of the account made from environment variables; its secrets live in memory only.
const QString kEnvAccount = QStringLiteral("environment");

// One line from stdin; without echo when stdin is a terminal (a password prompt).
QByteArray readSecretLine(const QString &prompt, bool terminal)
{
    termios saved {};
    if (terminal) {
        std::fprintf(stderr, "%s: ", qPrintable(prompt));
        std::fflush(stderr);
        tcgetattr(STDIN_FILENO, &saved);
        termios silent = saved;
        silent.c_lflag &= ~tcflag_t(ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &silent);
    }
    QByteArray line;
    int c = 0;
    while ((c = std::fgetc(stdin)) != EOF && c != '\n') {
        line.append(char(c));
    }
    if (terminal) {
        tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        std::fputc('\n', stderr);
    }
    if (line.endsWith('\r')) {
        line.chop(1);
    }
    return line;
}

QString accountsPath()
{
    return QSettings(QSettings::NativeFormat, QSettings::UserScope, u"StacScope"_s, u"accounts"_s).fileName();
}

} // namespace

QList<QCommandLineOption> Cli::providerOptions()
{
    return {
        { u"account"_s, u"A stored account (see: accounts list)."_s, u"name"_s },
        { u"provider"_s, u"A provider, with its secrets from the environment (e.g. satellogic)."_s, u"name"_s },
        { u"endpoint"_s, u"Override a base URL of the provider, e.g. api=http://127.0.0.1:8080 (repeatable)."_s,
            u"name=url"_s },
    };
}

bool Cli::wantsProvider(const QCommandLineParser &parser) const
{
    return parser.isSet(u"account"_s) || parser.isSet(u"provider"_s);
}

SecretStore *Cli::keychain()
{
    if (!m_keychain) {
        m_keychain = new KeychainSecretStore(u"org.stacscope.StacScope"_s, this);
    }
    return m_keychain;
}

AccountManager *Cli::accounts()
{
    if (!m_accounts) {
        // One accounts file for the app and the CLI: ~/.config/StacScope/accounts.conf.
        m_settings
            = std::make_unique<QSettings>(QSettings::NativeFormat, QSettings::UserScope, u"StacScope"_s, u"accounts"_s);
        m_accountStore = new AccountStore(m_settings.get(), this);
        m_accounts = new AccountManager(m_accountStore, m_registry.get(), { m_network, m_router, keychain() }, nullptr);
    }
    return m_accounts;
}

AccountSession *Cli::openSession(const QCommandLineParser &parser, const QString &requiredProvider)
{
    if (parser.isSet(u"account"_s) && parser.isSet(u"provider"_s)) {
        usageError(u"--account and --provider exclude each other"_s);
        return nullptr;
    }
    Account account;
    QObject *owner = this;
    if (parser.isSet(u"account"_s)) {
        const QString name = parser.value(u"account"_s);
        account = accounts()->store()->byName(name);
        if (account.id.isEmpty()) {
            m_err << "error: there is no account called \"" << name << "\" (see: stacscope-cli accounts list)\n";
            complete(CredentialError);
            return nullptr;
        }
    } else {
        const QString providerId = parser.value(u"provider"_s);
        const Provider *provider = m_registry->provider(providerId);
        if (!provider || !provider->hasAccounts()) {
            QStringList known;
            for (const Provider *p : m_registry->accountProviders()) {
                known.append(p->id());
            }
            usageError(QStringLiteral("unknown provider \"%1\" (known: %2)").arg(providerId, known.join(u", "_s)));
            return nullptr;
        }
        account.id = kEnvAccount;
        account.name = u"environment"_s;
        account.provider = providerId;
        const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        auto *secrets = new MemorySecretStore(this);
        m_envSecrets = secrets;
        QStringList missing;
        for (const SecretSpec &spec : provider->secrets(account)) {
            const QByteArray value = env.value(spec.envVar).toUtf8();
            if (value.isEmpty()) {
                if (!spec.optional) {
                    missing.append(spec.envVar);
                }
                continue;
            }
            secrets->set(SecretStore::accountKey(account.id, spec.name), value);
            account.secretNames.append(spec.name);
        }
        if (!missing.isEmpty()) {
            m_err << "error: --provider " << providerId << " takes its secrets from the environment: set "
                  << missing.join(u" and "_s) << '\n';
            complete(CredentialError);
            return nullptr;
        }
        for (const OptionSpec &spec : provider->options()) {
            if (!spec.envVar.isEmpty() && env.contains(spec.envVar)) {
                account.options.insert(spec.name, env.value(spec.envVar));
            }
        }
    }
    if (!requiredProvider.isEmpty() && account.provider != requiredProvider) {
        usageError(QStringLiteral("this command is for %1 accounts; \"%2\" is a %3 account")
                       .arg(requiredProvider, account.name, account.provider));
        return nullptr;
    }
    const Provider *provider = m_registry->provider(account.provider);
    if (!provider) {
        m_err << "error: the account \"" << account.name << "\" is of a provider this version does not know ("
              << account.provider << ")\n";
        complete(CredentialError);
        return nullptr;
    }
    for (const QString &value : parser.values(u"endpoint"_s)) {
        QString problem;
        const auto [name, url] = provider->parseEndpoint(value, &problem);
        if (name.isEmpty()) {
            usageError(problem);
            return nullptr;
        }
        account.endpoints.insert(name, url);
    }
    if (account.id != kEnvAccount) {
        if (parser.values(u"endpoint"_s).isEmpty()) {
            return accounts()->session(account.id);
        }
        // Endpoint overrides for this run: a session of its own instead of the stored one's.
        m_router->unbind(account.id);
        return provider->openSession(account, { m_network, m_router, keychain() }, owner);
    }
    return provider->openSession(account, { m_network, m_router, m_envSecrets }, owner);
}

void Cli::withSession(
    const QCommandLineParser &parser, const QString &requiredProvider, std::function<void(AccountSession *)> run)
{
    AccountSession *session = openSession(parser, requiredProvider);
    if (!session) {
        return;
    }
    auto *satellogic = qobject_cast<SatellogicSession *>(session);
    if (!satellogic || satellogic->isLegacy() || !satellogic->contractId().isEmpty()) {
        run(session);
        return;
    }
    // No contract chosen: the only one, or the user must say which.
    OffsetPagedJob *job = satellogic->loadContracts();
    connect(job, &StacJob::finished, this, [this, job, satellogic, run] {
        if (!job->isOk()) {
            providerError(job->error(), SatellogicApi::explain(job->error()));
            return;
        }
        const QList<SatellogicContract> &contracts = satellogic->contracts();
        if (contracts.size() == 1) {
            Account a = satellogic->account();
            a.options.insert(u"contract"_s, contracts.first().id);
            satellogic->setAccount(a);
            run(satellogic);
            return;
        }
        if (contracts.isEmpty()) {
            m_err << "error: the account has no contracts\n";
        } else {
            m_err << "error: the account has " << contracts.size()
                  << " contracts; choose one with SATELLOGIC_CONTRACT_ID (with --provider) or "
                     "\"accounts add ... --option contract=ID\":\n";
            for (const SatellogicContract &c : contracts) {
                m_err << "  " << c.id << "  " << c.name << (c.hasArchive ? "" : "  (no archive)")
                      << (c.taskingAllowed ? "" : "  (no tasking)") << '\n';
            }
        }
        complete(CredentialError);
    });
}

void Cli::providerError(const NetworkError &error, const QString &explained)
{
    // Callers that know the provider pass its own words (SatellogicApi::explain); otherwise the
    // error, and what to do about a refusal.
    QString text = !explained.isEmpty() ? explained : error.toString();
    if (explained.isEmpty() && error.kind == NetworkError::Kind::Http && error.isCredentialProblem()) {
        text += u" (the credentials were refused: check the account or the --header values)"_s;
    }
    m_err << "error: " << text << '\n';
    complete(error.isCredentialProblem() ? CredentialError : RemoteError);
}

void Cli::printJson(const QJsonValue &value)
{
    const QByteArray out = value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented)
                                           : QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented);
    std::fwrite(out.constData(), 1, size_t(out.size()), stdout);
    std::fflush(stdout);
}

bool Cli::confirm(const QString &what, bool yes)
{
    m_err << what << '\n';
    m_err.flush();
    if (yes) {
        return true;
    }
    if (::isatty(STDIN_FILENO) != 1) {
        m_err << "not confirmed: nothing was sent (no terminal to ask on; pass --yes to confirm)\n";
        complete(NotConfirmed);
        return false;
    }
    m_err << "Send it? [y/N] ";
    m_err.flush();
    const QByteArray answer = readSecretLine(QString(), false).trimmed().toLower();
    if (answer == "y" || answer == "yes") {
        return true;
    }
    m_err << "not confirmed: nothing was sent\n";
    complete(NotConfirmed);
    return false;
}

void Cli::runAccounts(const QStringList &args)
{
    const QString sub = args.value(1);
    CliParser parser;
    parser.addOptions({ { u"json"_s, u"Machine-readable output."_s },
        { u"provider"_s, u"The provider of a new account."_s, u"name"_s },
        { u"endpoint"_s, u"A base URL of the provider, NAME=URL (repeatable)."_s, u"name=url"_s },
        { u"option"_s, u"A provider option, NAME=VALUE (repeatable), e.g. contract=cont.1234 or legacy=true."_s,
            u"name=value"_s } });
    parser.addPositionalArgument(u"name"_s, u"Account name."_s);
    if (!parser.parse(args.mid(1)) || sub.isEmpty()) {
        usageError(sub.isEmpty() ? u"accounts needs list, add, test or remove"_s : parser.errorText());
        return;
    }
    const QStringList positional = parser.positionalArguments(); // the sub-command is parse()'s "program"
    AccountStore *store = accounts()->store();
    if (sub == u"list"_s) {
        if (parser.isSet(u"json"_s)) {
            QJsonArray array;
            for (const Account &a : store->accounts()) {
                array.append(QJsonObject::fromVariantMap(a.toSettings()));
            }
            printJson(array);
        } else {
            for (const Account &a : store->accounts()) {
                QString line = a.name + u'\t' + a.provider;
                for (auto it = a.endpoints.begin(); it != a.endpoints.end(); ++it) {
                    line += u'\t' + it.key() + u'=' + it.value().toString();
                }
                if (!a.option(u"contract"_s).isEmpty()) {
                    line += u"\tcontract="_s + a.option(u"contract"_s);
                }
                std::fprintf(stdout, "%s\n", qPrintable(line));
            }
            std::fflush(stdout);
            m_err << "accounts: " << store->accounts().size() << " (" << accountsPath() << ")\n";
        }
        complete(Success);
        return;
    }
    if (positional.size() != 1) {
        usageError(QStringLiteral("accounts %1 needs exactly one account name").arg(sub));
        return;
    }
    const QString name = positional.first();
    if (sub == u"add"_s) {
        const Provider *provider = m_registry->provider(parser.value(u"provider"_s));
        if (!provider || !provider->hasAccounts()) {
            QStringList known;
            for (const Provider *p : m_registry->accountProviders()) {
                known.append(p->id());
            }
            usageError(u"accounts add needs --provider, one of: "_s + known.join(u", "_s));
            return;
        }
        Account account = store->byName(name);
        if (!account.id.isEmpty() && account.provider != provider->id()) {
            usageError(QStringLiteral("\"%1\" is already a %2 account").arg(name, account.provider));
            return;
        }
        account.name = name;
        account.provider = provider->id();
        for (const QString &value : parser.values(u"option"_s)) {
            const qsizetype eq = value.indexOf(u'=');
            bool known = false;
            for (const OptionSpec &o : provider->options()) {
                known = known || o.name == value.left(eq);
            }
            if (eq <= 0 || !known) {
                usageError(QStringLiteral("unknown option \"%1\" for %2").arg(value, provider->id()));
                return;
            }
            const QString v = value.mid(eq + 1);
            account.options.insert(value.left(eq),
                v == u"true"_s        ? QVariant(true)
                    : v == u"false"_s ? QVariant(false)
                                      : QVariant(v));
        }
        for (const QString &value : parser.values(u"endpoint"_s)) {
            QString problem;
            const auto [name, url] = provider->parseEndpoint(value, &problem);
            if (name.isEmpty()) {
                usageError(problem);
                return;
            }
            account.endpoints.insert(name, url);
        }
        const bool terminal = ::isatty(STDIN_FILENO) == 1;
        if (!terminal) {
            m_err << "reading " << provider->secrets(account).size() << " secret(s) from stdin, one per line\n";
        }
        QHash<QString, QByteArray> secrets;
        for (const SecretSpec &spec : provider->secrets(account)) {
            const QByteArray value = readSecretLine(spec.label, terminal);
            if (value.isEmpty() && !spec.optional) {
                m_err << "error: " << spec.label << " is empty: nothing was saved\n";
                complete(CredentialError);
                return;
            }
            secrets.insert(spec.name, value);
        }
        const Account previous = account; // empty id: a new account
        accounts()->saveAccount(account, secrets, this, [this, name, previous](const QString &error) {
            if (!error.isEmpty()) {
                m_err << "error: " << error << '\n';
                complete(CredentialError);
                return;
            }
            if (!keychain()->isPersistent()) {
                // Secrets that would vanish with this process are no account at all.
                m_err << "error: " << keychain()->fallbackReason()
                      << "\nNothing was saved. Start a keychain (GNOME Keyring, KWallet) or use --provider "
                         "with the secrets in environment variables.\n";
                if (!previous.id.isEmpty()) {
                    // An existing account keeps what it was (its secrets are still in the keychain).
                    const bool restored = accounts()->store()->save(previous);
                    Q_UNUSED(restored);
                    complete(CredentialError);
                    return;
                }
                const Account saved = accounts()->store()->byName(name);
                accounts()->removeAccount(saved.id, this, [this](const QString &) { complete(CredentialError); });
                return;
            }
            m_err << "saved account \"" << name << "\" (secrets in the keychain)\n";
            complete(Success);
        });
        return;
    }
    const Account account = store->byName(name);
    if (account.id.isEmpty()) {
        m_err << "error: there is no account called \"" << name << "\"\n";
        complete(CredentialError);
        return;
    }
    if (sub == u"remove"_s) {
        accounts()->removeAccount(account.id, this, [this, name](const QString &error) {
            if (!error.isEmpty()) {
                m_err << "warning: the account is gone, but its secrets could not be deleted: " << error << '\n';
            }
            m_err << "removed account \"" << name << "\"\n";
            complete(Success);
        });
        return;
    }
    if (sub == u"test"_s) {
        AccountSession *session = accounts()->session(account.id);
        if (!session) {
            m_err << "error: the account's provider is unknown to this version\n";
            complete(CredentialError);
            return;
        }
        AccountCheckJob *job = session->check();
        connect(job, &StacJob::finished, this, [this, job, session] {
            for (const QString &line : job->report()) {
                std::fprintf(stdout, "%s\n", qPrintable(line));
            }
            std::fflush(stdout);
            if (!job->isOk()) {
                providerError(job->error());
                return;
            }
            m_err << "state: " << session->stateText() << '\n';
            complete(session->state() == AccountSession::State::NeedsChoice ? CredentialError : Success);
        });
        return;
    }
    usageError(QStringLiteral("unknown accounts command \"%1\"").arg(sub));
}

} // namespace StacScope
