"""Great Expectations suites for each pipeline stage, and the runner that applies them."""
