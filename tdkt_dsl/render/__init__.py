"""Writers: each turns the plan model (through the shared layout) into one output format."""
