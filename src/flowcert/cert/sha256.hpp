// SHA-256 (FIPS 180-4), for formula hashes and certificate digests.
#pragma once
#include <string>

namespace flowcert {

std::string sha256_hex(const std::string& data);

}  // namespace flowcert
