#define _GNU_SOURCE  // pipe2
#include "sitrep_signals.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

// Everything the handlers read is set up before they are installed or armed, and read as plain
// words: no locks, no allocation, nothing that is not async-signal-safe (POSIX.1-2008 2.4.3).

static const int stop_numbers[] = {SIGINT, SIGTERM, SIGHUP};
enum { stop_count = sizeof stop_numbers / sizeof stop_numbers[0] };
static struct sigaction stop_previous[stop_count];
static volatile sig_atomic_t stop_installed = 0;
static volatile sig_atomic_t stop_received = 0;
static volatile sig_atomic_t stop_wake_fd = -1;
static int stop_pipe[2] = {-1, -1};

static const int crash_numbers[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP};
enum { crash_count = sizeof crash_numbers / sizeof crash_numbers[0] };
static struct sigaction crash_previous[crash_count];
static struct sigaction watchdog_previous;

enum { rescue_capacity = 256 };
static char rescue_bytes[rescue_capacity];
static size_t rescue_length = 0;
static struct termios rescue_modes;
static volatile sig_atomic_t rescue_fd = -1;
static volatile sig_atomic_t rescue_armed = 0;
static volatile sig_atomic_t rescue_done = 0;
static timer_t watchdog_timer;
static volatile sig_atomic_t watchdog_ready = 0;
static int watchdog_milliseconds = 0;

// A crash on an overflowing stack needs a stack of its own to run the handler on.
static char alternate_stack[64 * 1024];

static void rescue_terminal(void) {
    if (!rescue_armed || rescue_done) return;
    rescue_done = 1;
    size_t sent = 0;
    while (sent < rescue_length) {
        ssize_t n = write(rescue_fd, rescue_bytes + sent, rescue_length - sent);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        sent += (size_t)n;
    }
    tcsetattr(rescue_fd, TCSANOW, &rescue_modes);
}

static void start_watchdog(void) {
    if (!watchdog_ready) return;
    struct itimerspec when;
    memset(&when, 0, sizeof when);
    when.it_value.tv_sec = watchdog_milliseconds / 1000;
    when.it_value.tv_nsec = (long)(watchdog_milliseconds % 1000) * 1000000L;
    timer_settime(watchdog_timer, 0, &when, NULL);
}

static void on_stop(int number) {
    int saved_errno = errno;
    if (stop_received != 0) {
        // The first stop is stuck: do as the sender asked, now. The signal is blocked while its
        // handler runs, so the raised one lands, with its default action, when this returns.
        rescue_terminal();
        signal(number, SIG_DFL);
        raise(number);
        errno = saved_errno;
        return;
    }
    stop_received = number;
    if (stop_wake_fd >= 0) {
        unsigned char byte = (unsigned char)number;
        (void)write(stop_wake_fd, &byte, 1);
    }
    if (rescue_armed) start_watchdog();
    errno = saved_errno;
}

static void on_watchdog(int number) {
    (void)number;
    rescue_terminal();
    _exit(128 + (stop_received != 0 ? stop_received : SIGTERM));
}

static int crash_index(int number) {
    for (int i = 0; i < crash_count; i++) {
        if (crash_numbers[i] == number) return i;
    }
    return -1;
}

static void on_crash(int number, siginfo_t *info, void *context) {
    rescue_terminal();
    struct sigaction previous = crash_previous[crash_index(number)];
    // The handler that was there first (the Swift runtime's crash report) runs now, on the
    // terminal just given back, with the crash's own context. Whatever it does afterwards, the
    // process must not go on: a sent signal would otherwise return into a dashboard drawing on a
    // terminal it no longer owns.
    if (previous.sa_flags & SA_SIGINFO) {
        if (previous.sa_sigaction != NULL) previous.sa_sigaction(number, info, context);
    } else if (previous.sa_handler != SIG_DFL && previous.sa_handler != SIG_IGN) {
        previous.sa_handler(number);
    }
    signal(number, SIG_DFL);
    raise(number);
}

int sitrep_stop_signals_install(void) {
    if (stop_installed) sitrep_stop_signals_restore();
    if (stop_pipe[0] < 0 && pipe2(stop_pipe, O_CLOEXEC | O_NONBLOCK) != 0) return -1;
    unsigned char drained;
    while (read(stop_pipe[0], &drained, 1) > 0) {}
    stop_received = 0;
    stop_wake_fd = stop_pipe[1];
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_stop;
    sigemptyset(&action.sa_mask);
    for (int i = 0; i < stop_count; i++) sigaddset(&action.sa_mask, stop_numbers[i]);
    // SA_RESTART, so that a signal landing on another thread does not fail its blocking calls
    // (file reads, pipes, sockets) with EINTR; the loops are woken by the pipe, not by EINTR.
    action.sa_flags = SA_RESTART;
    for (int i = 0; i < stop_count; i++) {
        if (sigaction(stop_numbers[i], &action, &stop_previous[i]) != 0) return -1;
    }
    stop_installed = 1;
    return stop_pipe[0];
}

void sitrep_stop_signals_restore(void) {
    if (!stop_installed) return;
    for (int i = 0; i < stop_count; i++) sigaction(stop_numbers[i], &stop_previous[i], NULL);
    stop_installed = 0;
    stop_wake_fd = -1;
}

int sitrep_stop_signal_received(void) { return stop_received; }

int sitrep_stop_signals_descriptor(void) { return stop_pipe[0]; }

static void install_alternate_stack(void) {
    stack_t current;
    if (sigaltstack(NULL, &current) == 0 && !(current.ss_flags & SS_DISABLE)) return;
    stack_t stack;
    memset(&stack, 0, sizeof stack);
    stack.ss_sp = alternate_stack;
    stack.ss_size = sizeof alternate_stack;
    sigaltstack(&stack, NULL);
}

static void create_watchdog(void) {
    if (watchdog_ready || watchdog_milliseconds <= 0) return;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_watchdog;
    sigemptyset(&action.sa_mask);
    if (sigaction(SIGALRM, &action, &watchdog_previous) != 0) return;
    struct sigevent event;
    memset(&event, 0, sizeof event);
    event.sigev_notify = SIGEV_SIGNAL;
    event.sigev_signo = SIGALRM;
    if (timer_create(CLOCK_MONOTONIC, &event, &watchdog_timer) != 0) return;
    watchdog_ready = 1;
}

int sitrep_rescue_arm(int tty_fd, const struct termios *modes, const char *bytes, size_t length,
                      int watchdog_ms) {
    if (rescue_armed) sitrep_rescue_disarm();
    // Cut short, the sequence could end inside an escape and leave the terminal worse off.
    if (length > rescue_capacity) return -1;
    memcpy(rescue_bytes, bytes, length);
    rescue_length = length;
    rescue_modes = *modes;
    rescue_fd = tty_fd;
    rescue_done = 0;
    watchdog_milliseconds = watchdog_ms;
    install_alternate_stack();
    create_watchdog();

    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = on_crash;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_SIGINFO | SA_ONSTACK;
    for (int i = 0; i < crash_count; i++) {
        if (sigaction(crash_numbers[i], &action, &crash_previous[i]) != 0) return -1;
    }
    rescue_armed = 1;
    return 0;
}

void sitrep_rescue_disarm(void) {
    if (!rescue_armed) return;
    rescue_armed = 0;
    for (int i = 0; i < crash_count; i++) sigaction(crash_numbers[i], &crash_previous[i], NULL);
    if (watchdog_ready) {
        struct itimerspec never;
        memset(&never, 0, sizeof never);
        timer_settime(watchdog_timer, 0, &never, NULL);
        timer_delete(watchdog_timer);
        sigaction(SIGALRM, &watchdog_previous, NULL);
        watchdog_ready = 0;
    }
}
