#ifndef SITREP_SIGNALS_H
#define SITREP_SIGNALS_H
// Signal handlers must be C: only async-signal-safe calls are allowed in them, and the state they
// share with the program must be one plain sig_atomic_t per process. A static in a header (the
// old shim) gave every object file its own copy, so the release build's loop read a flag the
// handler never set.

#include <stddef.h>
#include <termios.h>

// Stop signals (SIGINT, SIGTERM, SIGHUP): the first one is recorded and its number written to a
// pipe (non-blocking and close-on-exec, made once per process) whose read end the event loops
// poll; install returns that read end, or -1. A second one while the first is pending means the
// clean stop is stuck: the terminal is rescued and the signal's default action ends the process.
int sitrep_stop_signals_install(void);
void sitrep_stop_signals_restore(void);
int sitrep_stop_signals_descriptor(void);
int sitrep_stop_signal_received(void);

// pipe2(ends, O_CLOEXEC), which Swift's Glibc module does not declare (it needs _GNU_SOURCE):
// the collector's command pipes are close-on-exec from their creation.
int sitrep_pipe_cloexec(int ends[2]);

// malloc_trim(0), which Swift's Glibc module does not declare: hands the pages of memory freed on
// this thread back to the system, so memory that threads of their own allocate next adds to none.
int sitrep_release_free_memory(void);

// Terminal rescue, armed while a full-screen view owns the terminal. On a crash (SIGSEGV, SIGBUS,
// SIGILL, SIGFPE, SIGABRT, SIGTRAP) the handler writes `bytes` (leave the alternate screen, show
// the cursor, reset attributes) to `tty_fd` and puts back `modes`, then lets the crash go on to
// the handler that was there before (the Swift runtime's backtrace, or the default action).
// While armed, a stop signal also starts a watchdog: if the event loop has not ended the process
// within `watchdog_ms`, the watchdog rescues the terminal and exits with 128 + the signal.
int sitrep_rescue_arm(int tty_fd, const struct termios *modes, const char *bytes, size_t length,
                      int watchdog_ms);
void sitrep_rescue_disarm(void);

#endif
