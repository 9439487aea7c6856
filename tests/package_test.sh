#!/usr/bin/env bash
# The Debian package, as a user gets it: built with CPack from this build directory,
# unpacked with dpkg-deb into a temporary root, and run from there: both programs say
# this version, the unpacked newsdex-index indexes seeds/ and the unpacked newsdex-search
# finds the seed article in it. Also: the package depends on Xapian's library, both
# manual pages hold their EXIT STATUS section and list --db, and the installed completion
# completes options and their values.
# Usage: tests/package_test.sh BUILD_DIR SOURCE_DIR VERSION
set -euo pipefail
build=$1 source=$2 version=$3

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "package test: $*" >&2; exit 1; }

cpack --config "$build/CPackConfig.cmake" -G DEB -B "$work/out" >"$work/cpack.log" 2>&1 ||
  { cat "$work/cpack.log" >&2; fail "cpack failed"; }
deb=$(ls "$work"/out/newsdex_"$version"_*.deb 2>/dev/null) || fail "no newsdex_${version}_*.deb in $(ls "$work/out")"
echo "built $(basename "$deb")"

depends=$(dpkg-deb --field "$deb" Depends)
echo "Depends: $depends"
[[ $depends == *libxapian* ]] || fail "Depends does not name Xapian's library"
[[ $(dpkg-deb --field "$deb" Section) == utils ]] || fail "Section is not utils"

root=$work/root
dpkg-deb -x "$deb" "$root"
bin=$root/usr/bin
for program in newsdex-index newsdex-search; do
  [ -x "$bin/$program" ] || fail "$program is not in usr/bin"
  line=$("$bin/$program" --version)
  [[ $line == "$program $version (Xapian "* ]] || fail "$program --version says '$line'"
  page=$root/usr/share/man/man1/$program.1.gz
  [ -f "$page" ] || fail "no manual page $page"
  roff=$(gzip -dc "$page")
  grep -q '^\.SH "EXIT STATUS"' <<<"$roff" || fail "the manual page of $program has no EXIT STATUS section"
  grep -q '^\.SH EXAMPLES\|^\.SH "SEE ALSO"' <<<"$roff" || fail "the manual page of $program lacks its .h2m sections"
  grep -qF -- '\-\-db' <<<"$roff" || fail "the manual page of $program does not list --db"
  [ -f "$root/usr/share/bash-completion/completions/$program" ] || fail "no completion for $program"
done
echo "--version, manual pages and completion files: as expected"

# A real search, with the unpacked programs only.
"$bin/newsdex-index" -q --db "$work/seeds.db" "$source/seeds" || fail "the unpacked newsdex-index failed"
hits=$("$bin/newsdex-search" --db "$work/seeds.db" --format jsonl --fields id Lukashenko)
echo "$hits"
[[ $hits == *'"id":"000_350c6e58df6e67c7"'* ]] || fail "the search did not find the seed article"
count=$("$bin/newsdex-search" --db "$work/seeds.db" --limit 0 '*')
[[ $count == "1001 articles in the archive."* ]] || fail "the database does not hold the 1001 seed articles: $count"

# The completion, as bash-completion would load it.
completions=$(bash -c '
  source "$1"
  COMP_WORDS=(newsdex-search --fo); COMP_CWORD=1; _newsdex_search; echo "${COMPREPLY[*]}"
  COMP_WORDS=(newsdex-search --format j); COMP_CWORD=2; _newsdex_search; echo "${COMPREPLY[*]}"
  COMP_WORDS=(newsdex-search --facet person,co); COMP_CWORD=2; _newsdex_search; echo "${COMPREPLY[*]}"
' completion "$root/usr/share/bash-completion/completions/newsdex-search")
echo "$completions"
[[ $completions == $'--format\njson jsonl\nperson,country' ]] || fail "unexpected completions"
echo "package test: passed"
