#define _GNU_SOURCE  // pipe2
#include <fcntl.h>
#include <unistd.h>

#include "sitrep_signals.h"

int sitrep_pipe_cloexec(int ends[2]) {
    return pipe2(ends, O_CLOEXEC);
}
