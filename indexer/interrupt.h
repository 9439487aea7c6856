// Ctrl-C (SIGINT) and SIGTERM during indexing: the first one asks the run to stop, commit
// what is done and exit; a second one ends the process at once (the database is still
// consistent: it is only ever replaced atomically).
#pragma once

namespace newsdex {

// Installs the handlers. Call once, before the run starts.
void install_interrupt_handlers();

// The signal that asked the run to stop, or 0.
int interrupt_signal();

// "SIGINT", "SIGTERM".
const char* signal_name(int signal);

}  // namespace newsdex
