// 200 concurrent calls on an expired token: how many token requests, and how much waiting for
// the token adds to each call. Against the Satellogic emulator on loopback (its token endpoint
// and API host), through the same NetworkClient, CredentialRouter and token source the app uses.
// Prints one JSON line per figure.
#include <algorithm>
#include <cstdio>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>

#include "src/auth/credentialrouter.h"
#include "src/auth/credentialsource.h"
#include "src/auth/tokensource.h"
#include "src/net/networkclient.h"
#include "src/providers/satellogic/satellogicapi.h"
#include "tests/support/satellogicemulator.h"

using namespace StacScope;
using namespace Qt::StringLiterals;

namespace {

// Measures what the benchmark is about: how long each call waits for its credentials.
class TimingCredential : public CredentialSource
{
public:
    explicit TimingCredential(std::shared_ptr<CredentialSource> inner)
        : m_inner(std::move(inner))
    {}
    void credentials(QObject *context, Authenticator::Callback done) override
    {
        auto clock = std::make_shared<QElapsedTimer>();
        clock->start();
        m_inner->credentials(context, [this, clock, done](const HttpHeaders &h, const NetworkError &e) {
            waits.push_back(double(clock->nsecsElapsed()) / 1e6);
            done(h, e);
        });
    }
    bool reject(const HttpHeaders &sent) override { return m_inner->reject(sent); }
    std::vector<double> waits;

private:
    std::shared_ptr<CredentialSource> m_inner;
};

struct Round
{
    std::vector<double> ms; // per call, from send to finished
    int failed = 0;
};

Round runCalls(NetworkClient &network, const QUrl &url, int calls)
{
    Round round;
    std::vector<QElapsedTimer> clocks(static_cast<size_t>(calls));
    int left = calls;
    QEventLoop loop;
    for (int i = 0; i < calls; ++i) {
        clocks[size_t(i)].start();
        HttpCall *call = network.send(HttpRequest::get(url));
        QObject::connect(call, &HttpCall::finished, &loop, [&, call, i] {
            round.ms.push_back(double(clocks[size_t(i)].nsecsElapsed()) / 1e6);
            round.failed += call->isOk() ? 0 : 1;
            call->deleteLater();
            if (--left == 0) {
                loop.quit();
            }
        });
    }
    loop.exec();
    std::sort(round.ms.begin(), round.ms.end());
    return round;
}

double percentile(const std::vector<double> &sorted, double p)
{
    return sorted.empty() ? 0 : sorted[std::min(sorted.size() - 1, size_t(p * double(sorted.size() - 1) + 0.5))];
}

void print(const char *name, double value, const char *unit)
{
    std::printf("{\"bench\":\"tokens\",\"figure\":\"%s\",\"value\":%.3f,\"unit\":\"%s\"}\n", name, value, unit);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    SatellogicEmulator emulator;
    if (!emulator.listen()) {
        std::fprintf(stderr, "cannot listen: %s\n", qPrintable(emulator.errorString()));
        return 1;
    }
    emulator.setRecordingEnabled(false);
    QNetworkAccessManager nam;
    NetworkClient network(&nam);
    CredentialRouter router;
    network.setAuthenticator(&router);
    QDateTime clock = QDateTime::currentDateTimeUtc();
    auto *tokens = new ClientCredentialsTokenSource(
        &network, SatellogicApi::tokenUrl(emulator.authUrl()), SatellogicApi::apiAudience(),
        [](QObject *, std::function<void(const QHash<QString, QByteArray> &, const QString &)> done) {
            done({ { u"client_id"_s, "emulator-client" }, { u"client_secret"_s, "emulator-secret" } }, {});
        },
        &router);
    tokens->setClock([&clock] { return clock; });
    auto timing = std::make_shared<TimingCredential>(
        std::make_shared<TokenCredential>(tokens, SatellogicApi::tokenHeader(), "Bearer ",
            HttpHeaders { { SatellogicApi::contractHeader(), "cont.e8c1169a-e11a-48ac-ad4c-a69e76fd9b14" } }));
    router.bind(u"bench"_s, emulator.apiUrl(), timing);
    const QUrl url = SatellogicApi::productsUrl(emulator.apiUrl());
    constexpr int kCalls = 200;
    constexpr int kRounds = 5;

    runCalls(network, url, 20); // warm up: connections, the first token
    std::vector<double> baseMedian;
    std::vector<double> expiredMedian;
    std::vector<double> waitValid;
    std::vector<double> waitExpired;
    int requestsPerRound = 0;
    int failures = 0;
    for (int r = 0; r < kRounds; ++r) {
        // With a valid token: what the calls cost anyway.
        timing->waits.clear();
        const Round base = runCalls(network, url, kCalls);
        waitValid.insert(waitValid.end(), timing->waits.begin(), timing->waits.end());
        timing->waits.clear();
        // The token expires (our clock passes its lifetime): 200 calls at once.
        clock = clock.addSecs(86400);
        emulator.advanceClock(86400);
        const int before = tokens->requestCount();
        const Round expired = runCalls(network, url, kCalls);
        waitExpired.insert(waitExpired.end(), timing->waits.begin(), timing->waits.end());
        requestsPerRound = std::max(requestsPerRound, tokens->requestCount() - before);
        failures += base.failed + expired.failed;
        baseMedian.push_back(percentile(base.ms, 0.5));
        expiredMedian.push_back(percentile(expired.ms, 0.5));
    }
    for (auto *v : { &baseMedian, &expiredMedian, &waitValid, &waitExpired }) {
        std::sort(v->begin(), v->end());
    }
    const size_t m = kRounds / 2;
    print("token_requests_per_200_calls_on_expired_token", requestsPerRound, "requests");
    print("failed_calls", failures, "calls");
    // The wait for credentials alone, per call (from asking to having them).
    print("credential_wait_valid_token_median", percentile(waitValid, 0.5), "ms");
    print("credential_wait_expired_token_median", percentile(waitExpired, 0.5), "ms");
    print("credential_wait_expired_token_p95", percentile(waitExpired, 0.95), "ms");
    print("token_wait_added_per_call_median", percentile(waitExpired, 0.5) - percentile(waitValid, 0.5), "ms");
    // Whole calls (200 at once share QNetworkAccessManager's 6 connections, so they queue).
    print("call_median_valid_token", baseMedian[m], "ms");
    print("call_median_expired_token", expiredMedian[m], "ms");
    return requestsPerRound == 1 && failures == 0 ? 0 : 1;
}
