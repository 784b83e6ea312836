#!/usr/bin/env bash
# help-to-man.sh VERSION < "ddbd --help" > ddbd.1: the man page, made from --help so that the two
# never disagree. The usage lines become SYNOPSIS, the paragraph after them DESCRIPTION, and each
# "  --flag ARG" line with its indented text an OPTIONS entry; FILES and SEE ALSO describe the
# Debian package's layout.
set -euo pipefail
version="$1"
awk -v version="$version" '
  function roff(text) {
    gsub(/\\/, "\\e", text)
    gsub(/-/, "\\-", text)
    sub(/^[.'"'"']/, "\\\\\\&&", text)
    return text
  }
  BEGIN {
    print ".TH DDBD 1 \"\" \"ddbd " version "\" \"User Commands\""
    print ".SH NAME"
    print "ddbd \\- a DynamoDB\\-compatible server"
    section = "synopsis"
    print ".SH SYNOPSIS"
  }
  section == "synopsis" && /^$/ { section = "description"; print ".SH DESCRIPTION"; next }
  section == "synopsis" {
    line = $0
    sub(/^(Usage:)? +/, "", line)
    print ".B " roff(line)
    print ".br"
    next
  }
  /^Options:$/ { section = "options"; print ".SH OPTIONS"; next }
  section == "description" { print roff($0); next }
  section == "options" && /^  -/ {
    line = $0
    sub(/^ +/, "", line)
    print ".TP"
    print "\\fB" roff(line) "\\fR"
    next
  }
  section == "options" {
    line = $0
    sub(/^ +/, "", line)
    # The CPU count of the building machine means nothing to the reader.
    gsub(/, [0-9]+ here\)/, ")", line)
    print roff(line)
  }
  END {
    print ".SH FILES"
    print ".TP"
    print ".I /etc/ddbd/ddbd.conf"
    print "The service\047s options, every one documented and commented out with its default."
    print ".TP"
    print ".I /var/lib/ddbd/data"
    print "The service\047s database (the default data\\-dir, ./data, under its working directory)."
    print ".SH SEE ALSO"
    print "The README and storage/FORMAT.md in ddbd\047s source; the Amazon DynamoDB API Reference."
  }
'
