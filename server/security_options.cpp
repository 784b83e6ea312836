#include "server/security_options.h"

#include <string>

namespace server {

bool is_loopback_host(std::string_view host) {
  if (host == "localhost" || host == "::1" || host == "[::1]") {
    return true;
  }
  // 127.0.0.0/8 written as a dotted quad.
  if (!host.starts_with("127.")) {
    return false;
  }
  int dots = 0;
  for (const char c : host) {
    if (c == '.') {
      ++dots;
    } else if (c < '0' || c > '9') {
      return false;
    }
  }
  return dots == 3;
}

AuthMode resolve_auth_mode(const Options& options) {
  if (options.auth == AuthMode::verify && !options.credentials_file) {
    throw OptionsError("--auth verify needs --credentials-file FILE");
  }
  if (options.auth) {
    return *options.auth;
  }
  if (options.credentials_file) {
    return AuthMode::verify;
  }
  if (is_loopback_host(options.host) || options.open_without_credentials) {
    return AuthMode::off;
  }
  throw OptionsError("refusing to listen on " + options.host +
                     " without credentials: give --credentials-file FILE to verify requests, "
                     "or --auth off to accept any credentials");
}

void check_listeners(const Options& options) {
  if (options.https_port && (!options.tls_cert || !options.tls_key)) {
    throw OptionsError("--https-port needs --tls-cert FILE and --tls-key FILE");
  }
  if (!options.https_port && (options.tls_cert || options.tls_key)) {
    throw OptionsError("--tls-cert and --tls-key need --https-port PORT");
  }
  if (!options.http && !options.https_port) {
    throw OptionsError("--http=false leaves nothing to listen on: give --https-port PORT");
  }
}

}  // namespace server
