# CPack packaging: a .deb that installs hybridfit, hybridfit-cli and the
# example projects. `cpack -G DEB` in the build directory.
set(CPACK_PACKAGE_NAME "hybridfit")
set(CPACK_PACKAGE_VENDOR "HybridFit developers")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "HybridFit developers")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_GENERATOR "DEB")
install(DIRECTORY ${PROJECT_SOURCE_DIR}/projects/ DESTINATION share/hybridfit/projects)
include(CPack)
