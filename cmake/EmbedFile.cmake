# Generates a C++ file defining `const unsigned char <SYMBOL>[]` and `<SYMBOL>_size` with the bytes of
# INPUT (fonts from Debian's font packages: embedded, so the app never depends on files at run time).
# Run as: cmake -DINPUT=<file> -DOUT=<file.cpp> -DSYMBOL=<name> -P EmbedFile.cmake
file(READ ${INPUT} hex HEX)
string(LENGTH "${hex}" n)
math(EXPR size "${n} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" bytes "${bytes}")
file(WRITE ${OUT}.tmp "// Generated from ${INPUT} by cmake/EmbedFile.cmake: do not edit.\n#include <cstddef>\nextern const unsigned char ${SYMBOL}[] = {\n${bytes}};\nextern const std::size_t ${SYMBOL}_size = ${size};\n")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different ${OUT}.tmp ${OUT})
