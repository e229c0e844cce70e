#include "ui/tasking/taskdialog.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QTimeZone>
#include <QVBoxLayout>

#include "src/providers/accountmanager.h"
#include "src/providers/accountsession.h"
#include "src/providers/capella/capellasession.h"
#include "src/providers/jsoncalljob.h"
#include "src/providers/provider.h"
#include "src/providers/satellogic/satellogicapi.h"
#include "src/providers/satellogic/satellogicclient.h"
#include "src/providers/satellogic/satellogicsession.h"
#include "src/tasking/tasksubmitjob.h"
#include "ui/accounts/accountcombo.h"
#include "ui/tasking/parameterform.h"

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

const QSet<QString> kCadenceKeys { u"repeat_end"_s, u"repetition_count"_s };

QString zoneText(const QDateTime &t)
{
    const int minutes = t.offsetFromUtc() / 60;
    return u"UTC%1%2:%3"_s.arg(QChar(minutes < 0 ? u'-' : u'+'))
        .arg(qAbs(minutes) / 60, 2, 10, QChar(u'0'))
        .arg(qAbs(minutes) % 60, 2, 10, QChar(u'0'));
}

QDateTime nextHour(const QDateTime &t)
{
    const QDateTime local = t.toLocalTime();
    return QDateTime(local.date(), QTime(local.time().hour(), 0)).addSecs(3600);
}

} // namespace

TaskDialog::TaskDialog(AccountManager *accounts, QWidget *parent)
    : QDialog(parent)
    , m_accounts(accounts)
{
    setWindowTitle(tr("New tasking request"));
    m_pages = new QStackedWidget(this);
    auto *formPage = new QWidget(m_pages);
    auto *reviewPage = new QWidget(m_pages);
    buildFormPage(formPage);
    buildReviewPage(reviewPage);
    m_pages->addWidget(formPage);
    m_pages->addWidget(reviewPage);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_pages);
    resize(960, 680);

    connect(m_account, &QComboBox::currentIndexChanged, this, &TaskDialog::onAccountChanged);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &TaskDialog::onKindChanged);
    if (m_accounts) {
        connect(m_accounts, &AccountManager::sessionsChanged, this, [this] {
            if (m_account->rebuild()) {
                onAccountChanged();
            }
        });
    }
    m_account->rebuild();
    onAccountChanged();
}

TaskDialog::~TaskDialog() = default;

void TaskDialog::buildFormPage(QWidget *page)
{
    m_account = new AccountCombo(
        m_accounts,
        [](AccountSession *s) {
            return (qobject_cast<SatellogicSession *>(s) || qobject_cast<CapellaSession *>(s))
                && s->provider()->capabilities().testFlag(ProviderCapability::Tasking);
        },
        page);
    m_kind = new QComboBox(page);
    m_targetLabel = new QLabel(page);
    m_targetLabel->setWordWrap(true);
    m_targetLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_name = new QLineEdit(page);
    m_name->setObjectName(u"name"_s);
    m_name->setPlaceholderText(tr("A name you will recognise in the monitor"));
    m_description = new QLineEdit(page);
    m_description->setObjectName(u"description"_s);
    m_descriptionLabel = new QLabel(tr("Description"), page);

    m_window = new QWidget(page);
    m_windowStart = new QDateTimeEdit(m_window);
    m_windowEnd = new QDateTimeEdit(m_window);
    for (QDateTimeEdit *edit : { m_windowStart, m_windowEnd }) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(u"yyyy-MM-dd HH:mm t"_s);
        connect(edit, &QDateTimeEdit::dateTimeChanged, this, &TaskDialog::validate);
    }
    m_windowStart->setObjectName(u"window_start"_s);
    m_windowEnd->setObjectName(u"window_end"_s);
    const QDateTime start = nextHour(QDateTime::currentDateTime());
    m_windowStart->setDateTime(start);
    m_windowEnd->setDateTime(start.addDays(7));
    m_zoneNote = new QLabel(m_window);
    m_zoneNote->setStyleSheet(u"color: palette(mid);"_s);
    auto *windowLayout = new QVBoxLayout(m_window);
    windowLayout->setContentsMargins(0, 0, 0, 0);
    auto *windowRow = new QHBoxLayout;
    windowRow->addWidget(m_windowStart, 1);
    windowRow->addWidget(new QLabel(tr("to"), m_window));
    windowRow->addWidget(m_windowEnd, 1);
    windowLayout->addLayout(windowRow);
    windowLayout->addWidget(m_zoneNote);
    m_windowLabel = new QLabel(tr("Window *"), page);

    m_cadenceRow = new QWidget(page);
    m_cadence = new QComboBox(m_cadenceRow);
    m_cadence->setObjectName(u"cadence"_s);
    m_cadence->addItem(tr("Until canceled"), int(RepeatCadence::UntilCanceled));
    m_cadence->addItem(tr("Until a date"), int(RepeatCadence::UntilDate));
    m_cadence->addItem(tr("A number of collects"), int(RepeatCadence::Count));
    m_repeatEnd = new QDateTimeEdit(m_cadenceRow);
    m_repeatEnd->setObjectName(u"repeat_end"_s);
    m_repeatEnd->setCalendarPopup(true);
    m_repeatEnd->setDisplayFormat(u"yyyy-MM-dd HH:mm t"_s);
    m_repeatEnd->setDateTime(start.addDays(90));
    m_repeatCount = new QSpinBox(m_cadenceRow);
    m_repeatCount->setObjectName(u"repetition_count"_s);
    m_repeatCount->setRange(1, 10000);
    m_repeatCount->setValue(10);
    m_repeatCount->setSuffix(tr(" collects"));
    auto *cadenceLayout = new QHBoxLayout(m_cadenceRow);
    cadenceLayout->setContentsMargins(0, 0, 0, 0);
    cadenceLayout->addWidget(m_cadence);
    cadenceLayout->addWidget(m_repeatEnd, 1);
    cadenceLayout->addWidget(m_repeatCount, 1);
    m_cadenceLabel = new QLabel(tr("Ends"), page);
    connect(m_cadence, &QComboBox::currentIndexChanged, this, &TaskDialog::validate);
    connect(m_repeatEnd, &QDateTimeEdit::dateTimeChanged, this, &TaskDialog::validate);
    connect(m_repeatCount, &QSpinBox::valueChanged, this, &TaskDialog::validate);
    connect(m_name, &QLineEdit::textEdited, this, &TaskDialog::validate);
    connect(m_description, &QLineEdit::textEdited, this, &TaskDialog::validate);

    auto *fields = new QFormLayout;
    fields->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto withIssue = [this, page](const QString &key, QWidget *field) {
        auto *cell = new QWidget(page);
        auto *column = new QVBoxLayout(cell);
        column->setContentsMargins(0, 0, 0, 0);
        column->setSpacing(2);
        column->addWidget(field);
        QLabel *issue = ParameterForm::makeIssueLabel(cell);
        column->addWidget(issue);
        m_issues.insert(key, issue);
        return cell;
    };
    fields->addRow(tr("Account"), m_account);
    fields->addRow(tr("Request"), m_kind);
    fields->addRow(tr("Target"), withIssue(u"target"_s, m_targetLabel));
    fields->addRow(tr("Name *"), withIssue(u"name"_s, m_name));
    fields->addRow(m_descriptionLabel, withIssue(u"description"_s, m_description));
    fields->addRow(m_windowLabel, withIssue(u"window"_s, m_window));
    fields->addRow(m_cadenceLabel, withIssue(u"cadence"_s, m_cadenceRow));

    m_form = new ParameterForm(page);
    connect(m_form, &ParameterForm::edited, this, &TaskDialog::validate);
    auto *scrolled = new QWidget(page);
    auto *scrolledLayout = new QVBoxLayout(scrolled);
    scrolledLayout->addLayout(fields);
    scrolledLayout->addSpacing(6);
    scrolledLayout->addWidget(m_form);
    scrolledLayout->addStretch(1);
    auto *scroll = new QScrollArea(page);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(scrolled);

    m_side = new QWidget(page);
    m_side->setLayout(new QVBoxLayout);
    m_side->layout()->setContentsMargins(0, 0, 0, 0);
    m_side->hide();
    auto *split = new QSplitter(page);
    split->addWidget(scroll);
    split->addWidget(m_side);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);

    m_status = new QLabel(page);
    m_status->setWordWrap(true);
    m_review = new QPushButton(tr("Review..."), page);
    m_review->setDefault(true);
    m_cancel = new QPushButton(tr("Cancel"), page);
    m_cancel->setAutoDefault(false);
    connect(m_review, &QPushButton::clicked, this, &TaskDialog::review);
    connect(m_cancel, &QPushButton::clicked, this, &QDialog::reject);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_status, 1);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_review);

    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split, 1);
    layout->addLayout(buttons);
}

void TaskDialog::setSidePanel(QWidget *panel)
{
    m_side->layout()->addWidget(panel);
    m_side->show();
}

AccountSession *TaskDialog::session() const
{
    return m_accounts ? m_accounts->session(m_account->currentAccountId()) : nullptr;
}

void TaskDialog::selectAccount(const QString &accountId)
{
    m_account->selectAccount(accountId);
}

TaskKind TaskDialog::kind() const
{
    return TaskKind(m_kind->currentData().toInt());
}

void TaskDialog::setKind(TaskKind kind)
{
    const int index = m_kind->findData(int(kind));
    if (index >= 0) {
        m_kind->setCurrentIndex(index);
    }
}

void TaskDialog::setTarget(const QString &name, const Geometry &geometry)
{
    m_targetName = name;
    m_target = geometry;
    const TaskDraft d { TaskKind::SatellogicTask, {}, {}, geometry.toGeoJson(), {}, {}, {}, {} };
    const QString words = TaskForms::describe(d, {}).value(2).second;
    m_targetLabel->setText(name.isEmpty() ? words : name + u" — "_s + words);
    if (m_name->text().isEmpty() && !name.isEmpty()) {
        m_name->setText(name);
    }
    rebuildSpecs(); // Satellogic's products depend on the target's type
}

void TaskDialog::onAccountChanged()
{
    const int before = m_kind->currentData().toInt();
    const QSignalBlocker blocker(m_kind);
    m_kind->clear();
    AccountSession *s = session();
    if (qobject_cast<SatellogicSession *>(s)) {
        m_kind->addItem(TaskForms::title(TaskKind::SatellogicTask), int(TaskKind::SatellogicTask));
    } else if (qobject_cast<CapellaSession *>(s)) {
        m_kind->addItem(TaskForms::title(TaskKind::CapellaTasking), int(TaskKind::CapellaTasking));
        m_kind->addItem(TaskForms::title(TaskKind::CapellaRepeat), int(TaskKind::CapellaRepeat));
    }
    const int index = m_kind->findData(before);
    m_kind->setCurrentIndex(qMax(0, index));
    onKindChanged();
}

void TaskDialog::onKindChanged()
{
    const bool any = m_kind->count() > 0;
    const TaskKind k = kind();
    const bool window = any && TaskForms::hasWindow(k);
    m_windowLabel->setVisible(window);
    m_window->setVisible(window);
    m_descriptionLabel->setVisible(any && TaskForms::hasDescription(k));
    m_description->parentWidget()->setVisible(any && TaskForms::hasDescription(k));
    const bool repeat = any && k == TaskKind::CapellaRepeat;
    m_cadenceLabel->setVisible(repeat);
    m_cadenceRow->parentWidget()->setVisible(repeat);
    if (k == TaskKind::SatellogicTask) {
        loadProducts();
    }
    rebuildSpecs();
}

void TaskDialog::loadProducts()
{
    auto *s = qobject_cast<SatellogicSession *>(session());
    if (!s || m_products.contains(s->account().id) || m_loadingProducts.contains(s->account().id)) {
        return;
    }
    const QString id = s->account().id;
    m_loadingProducts.insert(id);
    m_productErrors.remove(id);
    OffsetPagedJob *job = s->client()->products();
    job->setParent(this);
    connect(job, &StacJob::finished, this, [this, job, id] {
        job->deleteLater();
        m_loadingProducts.remove(id);
        if (!job->isOk()) {
            m_productErrors.insert(id, SatellogicApi::explain(job->error()));
        } else {
            QList<SatellogicProduct> products;
            for (const QJsonValue &v : job->results()) {
                if (const auto p = SatellogicApi::parseProduct(v.toObject())) {
                    products.append(*p);
                }
            }
            m_products.insert(id, products);
        }
        if (m_account->currentAccountId() == id) {
            rebuildSpecs();
        }
    });
}

void TaskDialog::rebuildSpecs()
{
    if (m_kind->count() == 0) {
        m_form->setSpecs({});
        validate();
        return;
    }
    const TaskKind k = kind();
    const QString geometryType = Geometry::typeName(m_target.type());
    const QList<SatellogicProduct> products
        = TaskForms::fittingProducts(m_products.value(m_account->currentAccountId()), geometryType);
    m_form->setSpecs(TaskForms::specs(k, products), k == TaskKind::CapellaRepeat ? kCadenceKeys : QSet<QString>());
    validate();
}

TaskDraft TaskDialog::draft() const
{
    TaskDraft d;
    d.kind = kind();
    d.name = m_name->text();
    d.description = TaskForms::hasDescription(d.kind) ? m_description->text() : QString();
    if (!m_target.isEmpty()) {
        d.geometry = m_target.toGeoJson();
    }
    if (TaskForms::hasWindow(d.kind)) {
        // The user's own offset is kept: Satellogic receives it as typed.
        const QDateTime start = m_windowStart->dateTime();
        const QDateTime end = m_windowEnd->dateTime();
        d.windowOpen = start.toOffsetFromUtc(start.offsetFromUtc());
        d.windowClose = end.toOffsetFromUtc(end.offsetFromUtc());
    }
    d.values = m_form->values();
    if (d.kind == TaskKind::CapellaRepeat) {
        switch (RepeatCadence(m_cadence->currentData().toInt())) {
        case RepeatCadence::UntilCanceled:
            break;
        case RepeatCadence::UntilDate: {
            const QDateTime end = m_repeatEnd->dateTime();
            d.values.insert(u"repeat_end"_s, end.toOffsetFromUtc(end.offsetFromUtc()));
            break;
        }
        case RepeatCadence::Count:
            d.values.insert(u"repetition_count"_s, qlonglong(m_repeatCount->value()));
            break;
        }
    }
    if (auto *s = qobject_cast<SatellogicSession *>(session())) {
        d.contractId = s->contractId();
    } else if (auto *c = qobject_cast<CapellaSession *>(session())) {
        d.contractId = c->contractId();
    }
    return d;
}

TaskBuild TaskDialog::build() const
{
    TaskBuild b
        = TaskForms::build(draft(), m_products.value(m_account->currentAccountId()), QDateTime::currentDateTimeUtc());
    b.issues = m_form->inputIssues() + b.issues;
    if (!b.issues.isEmpty()) {
        b.body = {};
    }
    return b;
}

void TaskDialog::validate()
{
    if (!m_reviewStatus) {
        return; // still being built
    }
    const RepeatCadence cadence = RepeatCadence(m_cadence->currentData().toInt());
    m_repeatEnd->setVisible(cadence == RepeatCadence::UntilDate);
    m_repeatCount->setVisible(cadence == RepeatCadence::Count);
    m_zoneNote->setText(
        tr("Times are in %1 (%2) and are sent with this offset.")
            .arg(QString::fromUtf8(QTimeZone::systemTimeZoneId()), zoneText(m_windowStart->dateTime())));
    const QString accountId = m_account->currentAccountId();
    if (m_kind->count() == 0) {
        showIssues({});
        setStatus(tr("No account can task: add a Satellogic or Capella account in Settings > Accounts."), true);
        m_review->setEnabled(false);
        return;
    }
    const TaskBuild b = build();
    showIssues(b.issues);
    if (m_loadingProducts.contains(accountId)) {
        setStatus(tr("Loading the account's tasking products..."));
    } else if (m_productErrors.contains(accountId)) {
        setStatus(tr("The tasking products could not be loaded: %1").arg(m_productErrors.value(accountId)), true);
    } else if (kind() == TaskKind::SatellogicTask && m_products.contains(accountId)
        && TaskForms::fittingProducts(m_products.value(accountId), Geometry::typeName(m_target.type())).isEmpty()) {
        setStatus(m_target.type() == GeometryType::Polygon
                ? tr("This account has no area product: task a point instead.")
                : tr("This account has no point product: task an area instead."),
            true);
    } else if (b.issues.isEmpty()) {
        setStatus(tr("Ready for review."));
    } else {
        setStatus(tr("%1 to fix before the review.")
                      .arg(b.issues.size() == 1 ? tr("One field") : tr("%1 fields").arg(b.issues.size())));
    }
    m_review->setEnabled(b.isOk());
}

void TaskDialog::showIssues(const QList<ParameterIssue> &issues)
{
    QList<ParameterIssue> rest = m_form->showIssues(issues);
    QHash<QString, QStringList> texts;
    QStringList general;
    for (ParameterIssue issue : rest) {
        // The cadence widget edits these two.
        if (kCadenceKeys.contains(issue.key)) {
            issue.key = u"cadence"_s;
        }
        if (m_issues.contains(issue.key)) {
            texts[issue.key].append(ParameterForm::sentence(issue.message));
        } else {
            general.append(issue.key + u": "_s + issue.message);
        }
    }
    for (auto it = m_issues.cbegin(); it != m_issues.cend(); ++it) {
        const QString text = texts.value(it.key()).join(u'\n');
        it.value()->setText(text);
        it.value()->setVisible(!text.isEmpty());
    }
    if (!general.isEmpty()) {
        setStatus(general.join(u"; "_s), true);
    }
}

QString TaskDialog::issueText(const QString &key) const
{
    if (const QLabel *label = m_issues.value(key)) {
        return label->isHidden() ? QString() : label->text();
    }
    return m_form->issueText(key);
}

void TaskDialog::setStatus(const QString &text, bool problem)
{
    QLabel *label = isReviewing() ? m_reviewStatus : m_status;
    label->setText(text);
    label->setStyleSheet(problem ? u"color: #c62828;"_s : QString());
}

QString TaskDialog::statusText() const
{
    return isReviewing() ? m_reviewStatus->text() : m_status->text();
}

bool TaskDialog::isReviewing() const
{
    return m_pages->currentIndex() == 1;
}

} // namespace StacScope
