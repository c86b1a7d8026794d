// Writes a file so that readers see either the old content or the whole new content, never half a file:
// write a temporary file beside it, flush it to disk, then rename it over the target.
#pragma once
#include <string>

namespace flowcert {

// Throws std::runtime_error naming the path when the file cannot be written.
void write_file_atomically(const std::string& path, const std::string& content);

}  // namespace flowcert
