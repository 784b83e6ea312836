#include "server/tls_context.h"

#include <stdexcept>
#include <string>

#include <openssl/ssl.h>

namespace server {

namespace ssl = boost::asio::ssl;

std::unique_ptr<ssl::context> make_tls_context(const std::filesystem::path& cert,
                                               const std::filesystem::path& key) {
  auto context = std::make_unique<ssl::context>(ssl::context::tls_server);
  context->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                       ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 |
                       ssl::context::single_dh_use);
  if (SSL_CTX_set_min_proto_version(context->native_handle(), TLS1_2_VERSION) != 1) {
    throw std::runtime_error("cannot require TLS 1.2");
  }
  boost::system::error_code ec;
  context->use_certificate_chain_file(cert.string(), ec);
  if (ec) {
    throw std::runtime_error("cannot use TLS certificate '" + cert.string() + "': " + ec.message());
  }
  context->use_private_key_file(key.string(), ssl::context::pem, ec);
  if (ec) {
    throw std::runtime_error("cannot use TLS key '" + key.string() + "': " + ec.message());
  }
  if (SSL_CTX_check_private_key(context->native_handle()) != 1) {
    throw std::runtime_error("TLS key '" + key.string() + "' does not match certificate '" +
                             cert.string() + "'");
  }
  return context;
}

}  // namespace server
