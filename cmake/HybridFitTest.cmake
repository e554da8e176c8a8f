# hf_add_test(NAME <name> SOURCES <files...> LIBS <targets...> LABEL <label>
#             [QT] [TIMEOUT <seconds>])
# Adds one Qt Test executable as one CTest test carrying a label, so that
# `ctest -L core` runs a single layer; a test that prints a Qt warning fails. Tests run from the build directory and
# find their data through HF_TEST_DATA_DIR.
function(hf_add_test)
  cmake_parse_arguments(T "" "NAME;LABEL;TIMEOUT" "SOURCES;LIBS" ${ARGN})
  add_executable(${T_NAME} ${T_SOURCES})
  target_link_libraries(${T_NAME} PRIVATE ${T_LIBS} Qt6::Test hf_warnings)
  target_include_directories(${T_NAME} PRIVATE ${PROJECT_SOURCE_DIR}/tests/support)
  target_compile_definitions(${T_NAME} PRIVATE
    HF_TEST_DATA_DIR="${PROJECT_SOURCE_DIR}/tests/data"
    HF_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  add_test(NAME ${T_NAME} COMMAND ${T_NAME})
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 300)
  endif()
  # Any Qt warning that a test does not expect (QTest::ignoreMessage) fails
  # it: warnings are bugs (a missing QString::arg argument, an editor closed
  # by a model reset).
  set_tests_properties(${T_NAME} PROPERTIES LABELS "${T_LABEL}" TIMEOUT ${T_TIMEOUT}
                       FAIL_REGULAR_EXPRESSION "(QWARN|QCRITICAL|QFATAL) +:")
  # Sanitizer builds (bash dev.sh sanitize) preload libraries into the tests
  # only, e.g. the GL driver, which Mesa would otherwise unload before
  # LeakSanitizer can name it in a report (and its suppression match).
  if(HF_TEST_PRELOAD)
    set_property(TEST ${T_NAME} APPEND PROPERTY ENVIRONMENT "LD_PRELOAD=${HF_TEST_PRELOAD}")
  endif()
endfunction()
