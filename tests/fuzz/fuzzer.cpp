// libFuzzer entry point: STACSCOPE_FUZZ_ENTRY names one of the functions in fuzztargets.h.
#include <cstddef>
#include <cstdint>

#include "tests/fuzz/fuzztargets.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    return StacScope::Fuzz::STACSCOPE_FUZZ_ENTRY(QByteArrayView(data, qsizetype(size)));
}
