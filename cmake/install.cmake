# What `cmake --install` and the Debian package install: each program, its manual page and
# its bash completion, under the GNU directories of the prefix. Both the page and the
# completion are made at build time from the program's own --help (the options are
# written once, in its option table); see docs/development.md.
include(GNUInstallDirs)

option(NEWSDEX_MAN_PAGES "Make each program's manual page with help2man" ON)
if(NEWSDEX_MAN_PAGES)
  find_program(NEWSDEX_HELP2MAN help2man REQUIRED)
  find_program(NEWSDEX_GZIP gzip REQUIRED)
endif()
find_package(Python3 REQUIRED COMPONENTS Interpreter)

# newsdex_install_program(TARGET): installs the program TARGET into bin/, its manual page
# (--help and --version through help2man, plus docs/man/TARGET.h2m when there is one) into
# share/man/man1/, and its completion (completion/generate) into
# share/bash-completion/completions/. Called once per program, after its add_executable.
function(newsdex_install_program target)
  install(TARGETS ${target} RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
  set(outputs)

  # A sanitizer build's programs run here too: leak reports at exit are not this step's business.
  set(run ${CMAKE_COMMAND} -E env ASAN_OPTIONS=detect_leaks=0)
  if(NEWSDEX_MAN_PAGES)
    set(page ${PROJECT_BINARY_DIR}/man/${target}.1)
    set(include ${PROJECT_SOURCE_DIR}/docs/man/${target}.h2m)
    set(include_option)
    set(page_depends ${target})
    if(EXISTS ${include})
      set(include_option --include=${include})
      list(APPEND page_depends ${include})
    endif()
    add_custom_command(OUTPUT ${page}.gz
      COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/man
      COMMAND ${run} ${NEWSDEX_HELP2MAN} --no-info --section=1 --version-string=${PROJECT_VERSION}
              ${include_option} --output=${page} $<TARGET_FILE:${target}>
      COMMAND ${NEWSDEX_GZIP} -9 -n -f ${page}
      DEPENDS ${page_depends}
      COMMENT "Writing the manual page of ${target}" VERBATIM)
    install(FILES ${page}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
    list(APPEND outputs ${page}.gz)
  endif()

  set(completion ${PROJECT_BINARY_DIR}/completion/${target})
  add_custom_command(OUTPUT ${completion}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/completion
    COMMAND ${run} ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/completion/generate
            $<TARGET_FILE:${target}> ${target} ${completion}
    DEPENDS ${target} ${PROJECT_SOURCE_DIR}/completion/generate
            ${PROJECT_SOURCE_DIR}/completion/newsdex-completion.bash
    COMMENT "Writing the bash completion of ${target}" VERBATIM)
  install(FILES ${completion} DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
  list(APPEND outputs ${completion})

  add_custom_target(${target}-docs ALL DEPENDS ${outputs})
endfunction()
