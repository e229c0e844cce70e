#pragma once

#include <memory>
#include <optional>

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

struct evp_md_ctx_st;

namespace StacScope {

// A STAC `file:checksum`: a multihash (varint algorithm code, varint digest length, digest)
// written in hex. Parsing is case-insensitive; the digest is checked against the algorithm's size.
class Multihash
{
public:
    enum class Algorithm
    {
        Sha1,
        Sha2_256,
        Sha2_512,
        Md5,
        Blake2b_512
    };

    // Streaming digest over OpenSSL's EVP (SHA-NI where the CPU has it). Movable, not copyable.
    class Hasher
    {
    public:
        explicit Hasher(Algorithm algorithm);
        ~Hasher();
        Hasher(Hasher &&other) noexcept;
        Hasher &operator=(Hasher &&other) noexcept;
        Hasher(const Hasher &) = delete;
        Hasher &operator=(const Hasher &) = delete;

        Algorithm algorithm() const { return m_algorithm; }
        bool isValid() const { return m_ctx != nullptr && m_ok; }
        void addData(QByteArrayView data);
        // Hashes the first `length` bytes of a file (all of it when -1). Blocking: run it in a
        // worker thread for anything big. False when the file cannot be read or is shorter.
        bool addFile(const QString &path, qint64 length = -1, QString *error = nullptr);
        qint64 bytesHashed() const { return m_bytes; }
        // The digest of everything added so far; hashing may continue afterwards.
        QByteArray result() const;
        void reset();

    private:
        Algorithm m_algorithm;
        evp_md_ctx_st *m_ctx = nullptr;
        qint64 m_bytes = 0;
        bool m_ok = false;
    };

    Multihash() = default;
    Multihash(Algorithm algorithm, const QByteArray &digest);

    // Parses a hex multihash; std::nullopt (and a message in `error`) for bad hex, a varint that is
    // truncated, longer than 9 bytes or not minimally encoded, an unknown or unsupported algorithm
    // code, or a digest whose length does not match.
    static std::optional<Multihash> fromHex(QByteArrayView hex, QString *error = nullptr);

    Algorithm algorithm() const { return m_algorithm; }
    const QByteArray &digest() const { return m_digest; }
    QString name() const { return name(m_algorithm); }
    // Lower-case hex of the whole multihash (code, length, digest).
    QByteArray toHex() const;
    bool matches(const QByteArray &digest) const { return digest == m_digest; }
    std::unique_ptr<Hasher> createHasher() const { return std::make_unique<Hasher>(m_algorithm); }

    // Multihash table names and codes: "sha2-256" / 0x12 and so on.
    static QString name(Algorithm algorithm);
    static quint64 code(Algorithm algorithm);
    static int digestSize(Algorithm algorithm);

    // OpenSSL keeps state per thread that hashed (its error queue) and frees it only when the
    // thread exits. A pool thread that has finished hashing calls this, so that nothing is left
    // to a thread pool's teardown at the process's exit (where LeakSanitizer raced it).
    static void releaseThreadState();

private:
    Algorithm m_algorithm = Algorithm::Sha2_256;
    QByteArray m_digest;
};

} // namespace StacScope
