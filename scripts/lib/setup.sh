# Shared set-up for ./volsurf and scripts/test: checks Java, installs the Debian packages the
# QuantLib binding needs (as root or through sudo), or says exactly what to run. Sourced, not run.

VOLSURF_DEBIAN_PACKAGES=(libquantlib0-dev swig g++ libboost-dev)
# Only for the tests (scripts/test): headless Chromium draws the chart page in ChartsPageTest.
VOLSURF_TEST_DEBIAN_PACKAGES=(chromium)

volsurf_die() {
  echo "volsurf: $*" >&2
  exit 1
}

volsurf_check_java() {
  command -v java >/dev/null 2>&1 || volsurf_die "no java on PATH: install a JDK 17 or newer (Debian: apt-get install openjdk-17-jdk-headless)"
  local v
  v=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1)
  [ -n "$v" ] || volsurf_die "cannot read the Java version from 'java -version'"
  case "$v" in 1.*) volsurf_die "Java $v is too old: volsurf needs a JDK 17 or newer" ;; esac
  [ "${v%%.*}" -ge 17 ] || volsurf_die "Java $v is too old: volsurf needs a JDK 17 or newer"
  command -v javac >/dev/null 2>&1 || volsurf_die "java is a JRE without javac: install a JDK 17 or newer (Debian: apt-get install openjdk-17-jdk-headless)"
}

# The packages of the given list (default VOLSURF_DEBIAN_PACKAGES) that are not installed.
volsurf_missing_packages() {
  local p missing=()
  local wanted=("$@")
  [ ${#wanted[@]} -gt 0 ] || wanted=("${VOLSURF_DEBIAN_PACKAGES[@]}")
  for p in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  echo "${missing[@]:-}"
}

# Installs the given Debian packages (default VOLSURF_DEBIAN_PACKAGES) that are missing.
volsurf_install_packages() {
  command -v dpkg-query >/dev/null 2>&1 || {
    echo "volsurf: not a Debian/Ubuntu system: install QuantLib 1.29+ headers and library, SWIG 4, g++ and Boost headers by hand" >&2
    return 0
  }
  local missing
  missing=$(volsurf_missing_packages "$@")
  [ -z "$missing" ] && return 0
  local cmd="apt-get update && apt-get install -y --no-install-recommends $missing"
  if [ "$(id -u)" -eq 0 ]; then
    echo "volsurf: installing Debian packages: $missing" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing) >&2 \
      || volsurf_die "installing $missing failed; run: $cmd"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    echo "volsurf: installing Debian packages with sudo: $missing" >&2
    (sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing) >&2 \
      || volsurf_die "installing $missing failed; run: sudo sh -c '$cmd'"
  else
    volsurf_die "missing Debian packages: $missing. Run as root: $cmd"
  fi
}

volsurf_setup() {
  volsurf_check_java
  volsurf_install_packages
}

# scripts/test: what ./volsurf needs, plus the test-only packages (Chromium for the chart page).
volsurf_setup_tests() {
  volsurf_setup
  volsurf_install_packages "${VOLSURF_TEST_DEBIAN_PACKAGES[@]}"
}
