#!/bin/sh
# Set up what hildprint needs on a Debian machine, then run one job:
#   ./run.sh demo    build the sample event and print everything into out/ (opens the GUI when a display is present)
#   ./run.sh test    run the whole test suite (also installs CUPS with the cups-pdf printer for the print
#                    tests), the import and lint checks, and the non-GUI tests again without Qt installed
#   ./run.sh bench   run the speed and memory measurements in benchmarks/
#   ./run.sh setup   only install
# Every step is skipped when it is already done, so a second run starts at once.
set -eu
cd "$(dirname "$0")"

VENV=.venv
# A second environment without the gui extra: the command line and the core must work without Qt.
CORE_VENV=.venv-core
APT_PACKAGES="python3 python3-venv python3-pip ca-certificates libgl1 libegl1 libfontconfig1 \
libfreetype6 libglib2.0-0 libdbus-1-3 libxkbcommon0"
# Only for the test job: a real print queue (the cups-pdf virtual printer) for the desk's print test,
# and PostgreSQL, of which the tests start a throwaway server of their own (never the machine's).
TEST_APT_PACKAGES="cups printer-driver-cups-pdf postgresql"

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
        echo "run.sh: need root to install: $*" >&2; exit 1; fi
}

install_apt_packages() {
    command -v dpkg-query >/dev/null || return 0   # not Debian: assume the system is ready
    missing=""
    for pkg in $APT_PACKAGES ${1:-}; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing="$missing $pkg"
    done
    [ -z "$missing" ] && return 0
    echo "run.sh: installing Debian packages:$missing"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    # shellcheck disable=SC2086
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

find_python() {
    for candidate in python3.13 python3.12 python3.11 python3; do
        if command -v "$candidate" >/dev/null && "$candidate" -c 'import sys, venv; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
            echo "$candidate"; return 0
        fi
    done
    echo "run.sh: needs Python 3.11 or newer" >&2; exit 1
}

# install_venv DIR EXTRAS: a virtual environment in DIR with hildprint (editable) and EXTRAS,
# set up again only when pyproject.toml changed since. Each step stops it on failure, also
# where set -e does not apply (inside run_step).
install_venv() {
    if [ ! -x "$1/bin/python" ]; then
        "$(find_python)" -m venv "$1" || return 1
    fi
    if [ ! -f "$1/.installed" ] || [ pyproject.toml -nt "$1/.installed" ]; then
        "$1/bin/python" -m pip install -q --upgrade pip || return 1
        "$1/bin/python" -m pip install -q -e ".[$2]" || return 1
        touch "$1/.installed"
    fi
}

# The non-GUI tests in an environment where PySide6 cannot be imported. pytest-qt is installed
# there (it needs no Qt to install) but not loaded, so its settings in pyproject.toml are
# unknown to pytest; exit 5 means the tests asked for all need Qt.
test_without_qt() {
    install_venv "$CORE_VENV" test || return 1
    if "$CORE_VENV/bin/python" -c "import PySide6" 2>/dev/null; then
        echo "run.sh: PySide6 is installed in $CORE_VENV, which must not have it" >&2; return 1
    fi
    "$CORE_VENV/bin/python" -m pytest -p no:pytest-qt -W "ignore:Unknown config option:pytest.PytestConfigWarning" \
        -m "not gui" "$@" || [ $? -eq 5 ]
}

# run_step NAME COMMAND...: run one check, remember a failure and go on with the others.
failed=""
run_step() {
    name=$1; shift
    echo "run.sh: $name" >&2
    "$@" || failed="$failed
  $name"
}

setup() {
    install_apt_packages
    install_venv "$VENV" gui,test
}

job="${1:-}"
[ $# -gt 0 ] && shift
case "$job" in
    setup) setup ;;
    demo)
        setup
        "$VENV/bin/hildprint" demo out "$@"
        if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
            "$VENV/bin/hildprint-gui" out/hild2026.hildprint &
        fi ;;
    test)
        install_apt_packages "$TEST_APT_PACKAGES"
        install_venv "$VENV" gui,test
        run_step "tests" "$VENV/bin/python" -m pytest "$@"
        run_step "import contracts (lint-imports)" "$VENV/bin/lint-imports"
        run_step "lint (ruff check src tests benchmarks)" "$VENV/bin/ruff" check src tests benchmarks
        run_step "tests without Qt (in $CORE_VENV)" test_without_qt "$@"
        if [ -n "$failed" ]; then
            echo "run.sh: failed:$failed" >&2; exit 1
        fi ;;
    bench)
        setup
        "$VENV/bin/python" -m benchmarks "$@" ;;
    *)
        echo "usage: ./run.sh demo|test|bench|setup [ARGS...]" >&2; exit 2 ;;
esac
