#!/bin/sh
# Listens on all interfaces inside the container; the data directory is the /data volume.
# ddbd refuses a non-loopback address without credentials unless authentication is explicitly
# off: with DDBD_CREDENTIALS_FILE (a mounted credentials file) every request is verified,
# without it authentication is off, as users of DynamoDB Local expect from a container.
if [ -n "${DDBD_CREDENTIALS_FILE:-}" ]; then
  exec /usr/local/bin/ddbd --host 0.0.0.0 --port 8000 --data-dir /data \
    --credentials-file "$DDBD_CREDENTIALS_FILE" "$@"
fi
exec /usr/local/bin/ddbd --host 0.0.0.0 --port 8000 --data-dir /data --auth off "$@"
