# cmake -DINPUT=file -DOUTPUT=file.cpp -DFUNCTION=name -P EmbedText.cmake
# Writes a C++ source defining std::string_view hf::library::<name>() that
# returns the file's text.
file(READ "${INPUT}" content)
string(LENGTH "${content}" len)
# Split into chunks: compilers limit the length of one string literal.
set(body "")
set(pos 0)
while(pos LESS len)
  string(SUBSTRING "${content}" ${pos} 8000 chunk)
  string(APPEND body "R\"HFEMBED(${chunk})HFEMBED\"\n")
  math(EXPR pos "${pos} + 8000")
endwhile()
file(WRITE "${OUTPUT}.tmp" "// Generated from ${INPUT}; do not edit.\n#include <string_view>\nnamespace hf::library {\nstd::string_view ${FUNCTION}() {\n  static const char text[] =\n${body};\n  return {text, sizeof(text) - 1};\n}\n}  // namespace hf::library\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
