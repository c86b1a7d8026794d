#define BOOST_TEST_MODULE flowcert
#include <boost/test/unit_test.hpp>

#include "flowcert/sym/model.hpp"

// Paper models are registered once for every test.
struct RegisterModels {
  RegisterModels() { flowcert::register_paper_models(); }
};
BOOST_TEST_GLOBAL_FIXTURE(RegisterModels);
