# The completion every newsdex program shares. The caller sets, as locals:
#   options    every option, long and short ("--db -d --format ...")
#   values     option -> the name of its value, for options that take one ([--db]=DIR)
#   choices    option -> the values it takes, where its --help lists them
#   long_of    short option -> long option ([-d]=--db)
_newsdex_complete() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=""
  ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
  # --option=value: bash splits the word at '=' (COMP_WORDBREAKS), or keeps it whole.
  if [[ $cur == "=" ]]; then
    cur=""
  elif [[ $prev == "=" ]] && ((COMP_CWORD > 1)); then
    prev=${COMP_WORDS[COMP_CWORD - 2]}
  elif [[ $cur == --*=* ]]; then
    prev=${cur%%=*}
    cur=${cur#*=}
  fi
  [[ -n ${long_of[$prev]-} ]] && prev=${long_of[$prev]}

  COMPREPLY=()
  if [[ $prev == -* && -n ${values[$prev]-} ]]; then
    local value_name=${values[$prev]} listed=${choices[$prev]-}
    if [[ -n $listed ]]; then
      if [[ $value_name == LIST ]]; then  # comma-separated: complete the last item
        local done_items=""
        [[ $cur == *,* ]] && done_items=${cur%,*},
        local item
        for item in $(compgen -W "$listed" -- "${cur##*,}"); do
          COMPREPLY+=("$done_items$item")
        done
        compopt -o nospace 2>/dev/null
      else
        mapfile -t COMPREPLY < <(compgen -W "$listed" -- "$cur")
      fi
    elif [[ $value_name == DIR || $value_name == NEW_DIR ]]; then
      compopt -o filenames 2>/dev/null
      mapfile -t COMPREPLY < <(compgen -d -- "$cur")
    elif [[ $value_name == *FILE* || $value_name == SOURCE* ]]; then
      compopt -o filenames 2>/dev/null
      mapfile -t COMPREPLY < <(compgen -f -- "$cur")
    fi
    return 0
  fi
  if [[ $cur == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$options" -- "$cur")
    return 0
  fi
  compopt -o filenames 2>/dev/null
  mapfile -t COMPREPLY < <(compgen -f -- "$cur")
}
