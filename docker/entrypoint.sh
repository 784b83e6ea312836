#!/bin/sh
# Listens on all interfaces inside the container; the data directory is the /data volume.
exec /usr/local/bin/ddbd --host 0.0.0.0 --port 8000 --data-dir /data "$@"
