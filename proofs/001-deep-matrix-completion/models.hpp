#pragma once
#include "flowcert/sym/model.hpp"

namespace flowcert::paper001 {
void register_models();
}
