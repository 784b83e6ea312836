#pragma once

#include <filesystem>
#include <memory>

#include <boost/asio/ssl/context.hpp>

namespace server {

// A server TLS context: TLS 1.2 or newer only, the PEM certificate chain and private key loaded
// (and checked to match). Throws std::runtime_error naming the file that cannot be used.
std::unique_ptr<boost::asio::ssl::context> make_tls_context(const std::filesystem::path& cert,
                                                            const std::filesystem::path& key);

}  // namespace server
