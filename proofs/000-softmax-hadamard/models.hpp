#pragma once
#include "flowcert/sym/model.hpp"

namespace flowcert::paper000 {
void register_models();
}
