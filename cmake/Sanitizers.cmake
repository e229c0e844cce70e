# Sanitizer and fuzzing builds (clang), driven by packaging/sanitize.sh:
#   -DSTACSCOPE_SANITIZE=address,undefined  every target compiled and linked with these sanitizers
#   -DSTACSCOPE_FUZZ=ON                      the libFuzzer targets in tests/fuzz, and coverage
#                                            instrumentation (fuzzer-no-link) for the core they test
set(STACSCOPE_SANITIZE "" CACHE STRING "Sanitizers for every target, e.g. address,undefined")
option(STACSCOPE_FUZZ "Build the libFuzzer targets in tests/fuzz (clang, needs STACSCOPE_SANITIZE)" OFF)

if(STACSCOPE_SANITIZE)
    # Any report fails the process (UBSan would otherwise print and carry on); frame pointers give
    # the fast unwinder whole stacks.
    add_compile_options(-fsanitize=${STACSCOPE_SANITIZE} -fno-sanitize-recover=all -fno-omit-frame-pointer)
    add_link_options(-fsanitize=${STACSCOPE_SANITIZE})
    # libstdc++'s bounds checks (operator[], front(), back()) find overruns inside a vector's
    # capacity, which ASan cannot see.
    add_compile_definitions(_GLIBCXX_ASSERTIONS)
endif()

if(STACSCOPE_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
        message(FATAL_ERROR "STACSCOPE_FUZZ needs clang (libFuzzer): configure with -DCMAKE_CXX_COMPILER=clang++")
    endif()
    if(NOT STACSCOPE_SANITIZE)
        # The coverage callbacks of fuzzer-no-link code come from the sanitizer runtime in the
        # executables that are not fuzzers (the tests).
        message(FATAL_ERROR "STACSCOPE_FUZZ needs STACSCOPE_SANITIZE (e.g. address,undefined)")
    endif()
endif()
