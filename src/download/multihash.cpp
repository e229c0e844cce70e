#include "src/download/multihash.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <QCoreApplication>
#include <QFile>

using namespace Qt::StringLiterals;

namespace StacScope {

namespace {

const EVP_MD *evpFor(Multihash::Algorithm algorithm)
{
    switch (algorithm) {
    case Multihash::Algorithm::Sha1:
        return EVP_sha1();
    case Multihash::Algorithm::Sha2_256:
        return EVP_sha256();
    case Multihash::Algorithm::Sha2_512:
        return EVP_sha512();
    case Multihash::Algorithm::Md5:
        return EVP_md5();
    case Multihash::Algorithm::Blake2b_512:
        return EVP_blake2b512();
    }
    return nullptr;
}

std::optional<Multihash::Algorithm> algorithmForCode(quint64 code)
{
    for (auto a : { Multihash::Algorithm::Sha1, Multihash::Algorithm::Sha2_256, Multihash::Algorithm::Sha2_512,
             Multihash::Algorithm::Md5, Multihash::Algorithm::Blake2b_512 }) {
        if (Multihash::code(a) == code) {
            return a;
        }
    }
    return std::nullopt;
}

enum class VarintRead
{
    Ok,
    Truncated, // the bytes end inside the number, or it runs past 9 bytes
    NotMinimal // a longer encoding than the number needs
};

// The multiformats unsigned varint: 7 bits a byte, least significant first, the high bit says
// another byte follows. The spec allows 9 bytes at most (63 bits) and only the minimal encoding:
// a number of two or more bytes whose last byte is 0 has a shorter form, so it is refused (one
// value, one encoding: `toHex()` gives back what was read).
VarintRead readVarint(const QByteArray &bytes, qsizetype *pos, quint64 *value)
{
    quint64 result = 0;
    for (int shift = 0; shift < 63 && *pos < bytes.size(); shift += 7) {
        const auto byte = quint8(bytes.at((*pos)++));
        result |= quint64(byte & 0x7f) << shift;
        if ((byte & 0x80) == 0) {
            if (byte == 0 && shift > 0) {
                return VarintRead::NotMinimal;
            }
            *value = result;
            return VarintRead::Ok;
        }
    }
    return VarintRead::Truncated;
}

void appendVarint(QByteArray *out, quint64 value)
{
    do {
        quint8 byte = value & 0x7f;
        value >>= 7;
        if (value != 0) {
            byte |= 0x80;
        }
        out->append(char(byte));
    } while (value != 0);
}

} // namespace

Multihash::Hasher::Hasher(Algorithm algorithm)
    : m_algorithm(algorithm)
    , m_ctx(EVP_MD_CTX_new())
{
    reset();
}

Multihash::Hasher::~Hasher()
{
    EVP_MD_CTX_free(m_ctx);
}

Multihash::Hasher::Hasher(Hasher &&other) noexcept
    : m_algorithm(other.m_algorithm)
    , m_ctx(std::exchange(other.m_ctx, nullptr))
    , m_bytes(other.m_bytes)
    , m_ok(other.m_ok)
{}

Multihash::Hasher &Multihash::Hasher::operator=(Hasher &&other) noexcept
{
    if (this != &other) {
        EVP_MD_CTX_free(m_ctx);
        m_algorithm = other.m_algorithm;
        m_ctx = std::exchange(other.m_ctx, nullptr);
        m_bytes = other.m_bytes;
        m_ok = other.m_ok;
    }
    return *this;
}

void Multihash::Hasher::reset()
{
    m_bytes = 0;
    m_ok = m_ctx != nullptr && EVP_DigestInit_ex(m_ctx, evpFor(m_algorithm), nullptr) == 1;
}

void Multihash::Hasher::addData(QByteArrayView data)
{
    if (!m_ok || data.isEmpty()) {
        return;
    }
    m_ok = EVP_DigestUpdate(m_ctx, data.data(), size_t(data.size())) == 1;
    m_bytes += data.size();
}

bool Multihash::Hasher::addFile(const QString &path, qint64 length, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error) {
            *error = QCoreApplication::translate("StacScope::Multihash", "Cannot read %1: %2")
                         .arg(path, file.errorString());
        }
        return false;
    }
    constexpr qint64 block = 1024 * 1024;
    QByteArray buffer(block, Qt::Uninitialized);
    qint64 left = length < 0 ? file.size() : length;
    while (left > 0) {
        const qint64 n = file.read(buffer.data(), qMin(block, left));
        if (n <= 0) {
            if (error) {
                *error = QCoreApplication::translate("StacScope::Multihash", "Cannot read %1: %2")
                             .arg(path, file.errorString());
            }
            return false;
        }
        addData(QByteArrayView(buffer.constData(), n));
        left -= n;
    }
    return m_ok;
}

QByteArray Multihash::Hasher::result() const
{
    if (!m_ok) {
        return {};
    }
    // Finalise a copy so that the running state can take more data.
    EVP_MD_CTX *copy = EVP_MD_CTX_new();
    QByteArray digest(EVP_MAX_MD_SIZE, Qt::Uninitialized);
    unsigned int size = 0;
    const bool ok = copy && EVP_MD_CTX_copy_ex(copy, m_ctx) == 1
        && EVP_DigestFinal_ex(copy, reinterpret_cast<unsigned char *>(digest.data()), &size) == 1;
    EVP_MD_CTX_free(copy);
    if (!ok) {
        return {};
    }
    digest.resize(size);
    return digest;
}

Multihash::Multihash(Algorithm algorithm, const QByteArray &digest)
    : m_algorithm(algorithm)
    , m_digest(digest)
{}

std::optional<Multihash> Multihash::fromHex(QByteArrayView hex, QString *error)
{
    auto fail = [error](const QString &message) -> std::optional<Multihash> {
        if (error) {
            *error = message;
        }
        return std::nullopt;
    };
    const QByteArray text = hex.trimmed().toByteArray();
    if (text.isEmpty()) {
        return fail(QCoreApplication::translate("StacScope::Multihash", "The checksum is empty"));
    }
    if (text.size() % 2 != 0) {
        return fail(
            QCoreApplication::translate("StacScope::Multihash", "The checksum is not hex: odd number of digits"));
    }
    for (const char c : text) {
        const bool digit = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        if (!digit) {
            return fail(QCoreApplication::translate("StacScope::Multihash", "The checksum is not hex"));
        }
    }
    const QByteArray bytes = QByteArray::fromHex(text);
    qsizetype pos = 0;
    quint64 code = 0;
    quint64 length = 0;
    VarintRead read = readVarint(bytes, &pos, &code);
    if (read == VarintRead::Ok) {
        read = readVarint(bytes, &pos, &length);
    }
    if (read == VarintRead::NotMinimal) {
        return fail(QCoreApplication::translate(
            "StacScope::Multihash", "The checksum is not a valid multihash: a number in it is not minimally encoded"));
    }
    if (read != VarintRead::Ok) {
        return fail(QCoreApplication::translate("StacScope::Multihash", "The checksum is not a multihash"));
    }
    const auto algorithm = algorithmForCode(code);
    if (!algorithm) {
        return fail(QCoreApplication::translate("StacScope::Multihash", "Unsupported checksum algorithm 0x%1")
                        .arg(code, 0, 16));
    }
    const qsizetype rest = bytes.size() - pos;
    if (length != quint64(digestSize(*algorithm)) || rest != qsizetype(length)) {
        return fail(QCoreApplication::translate("StacScope::Multihash", "The %1 checksum has %2 bytes instead of %3")
                        .arg(name(*algorithm))
                        .arg(rest)
                        .arg(digestSize(*algorithm)));
    }
    return Multihash(*algorithm, bytes.mid(pos));
}

QByteArray Multihash::toHex() const
{
    QByteArray out;
    appendVarint(&out, code(m_algorithm));
    appendVarint(&out, quint64(m_digest.size()));
    out += m_digest;
    return out.toHex();
}

QString Multihash::name(Algorithm algorithm)
{
    switch (algorithm) {
    case Algorithm::Sha1:
        return u"sha1"_s;
    case Algorithm::Sha2_256:
        return u"sha2-256"_s;
    case Algorithm::Sha2_512:
        return u"sha2-512"_s;
    case Algorithm::Md5:
        return u"md5"_s;
    case Algorithm::Blake2b_512:
        return u"blake2b-512"_s;
    }
    return {};
}

quint64 Multihash::code(Algorithm algorithm)
{
    switch (algorithm) {
    case Algorithm::Sha1:
        return 0x11;
    case Algorithm::Sha2_256:
        return 0x12;
    case Algorithm::Sha2_512:
        return 0x13;
    case Algorithm::Md5:
        return 0xd5;
    case Algorithm::Blake2b_512:
        return 0xb240;
    }
    return 0;
}

int Multihash::digestSize(Algorithm algorithm)
{
    switch (algorithm) {
    case Algorithm::Sha1:
        return 20;
    case Algorithm::Sha2_256:
        return 32;
    case Algorithm::Sha2_512:
        return 64;
    case Algorithm::Md5:
        return 16;
    case Algorithm::Blake2b_512:
        return 64;
    }
    return 0;
}

void Multihash::releaseThreadState()
{
    OPENSSL_thread_stop();
}

} // namespace StacScope
