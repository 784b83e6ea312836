#pragma once

#include <string_view>

#include "server/options.h"

namespace server {

// Whether `host` only accepts connections from this machine: 127.0.0.0/8, ::1 or localhost.
bool is_loopback_host(std::string_view host);

// The auth mode ddbd runs with. An explicit --auth wins (verify needs --credentials-file);
// otherwise a credentials file means verify, a loopback host means off, and any other host is
// refused, so ddbd is never exposed unauthenticated by accident. Throws OptionsError (exit 2)
// with a one-line reason.
AuthMode resolve_auth_mode(const Options& options);

// Checks that the listeners make sense: HTTPS needs a certificate and a key, a certificate needs
// --https-port, and at least one listener is on. Throws OptionsError.
void check_listeners(const Options& options);

}  // namespace server
