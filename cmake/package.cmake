# The Debian package: `cpack -G DEB` in the build directory writes newsdex_VERSION_ARCH.deb
# from the install rules of cmake/install.cmake. Its dependencies are what dpkg-shlibdeps
# finds the programs linked against (Xapian, CLD2, mimalloc, zlib, the C++ runtime); ICU
# and Boost are linked statically (NEWSDEX_STATIC_DEPS) and so are not among them.
set(NEWSDEX_PACKAGE_MAINTAINER "newsdex maintainers <newsdex@localhost>"
  CACHE STRING "The Maintainer field of the Debian package")

set(CPACK_PACKAGE_NAME newsdex)
set(CPACK_PACKAGE_VENDOR newsdex)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "full-text search engine for news archives")
set(CPACK_PACKAGE_DESCRIPTION "newsdex indexes news articles (plain text, JSON Lines, CSV,
Reuters-21578, TREC newswire) into Xapian databases, finding the people, countries and
dates they mention, and searches them from the command line or in batches: ranked
(BM25) and faceted queries with exact counts, timelines, co-occurrence, significant
terms and near-duplicate stories, over local and remote shards.

This package holds newsdex-index and newsdex-search, their manual pages and their bash
completion.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${NEWSDEX_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "xapian-tools, bash-completion")
set(CPACK_GENERATOR DEB)
include(CPack)
