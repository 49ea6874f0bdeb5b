#include <malloc.h>

#include "sitrep_signals.h"

int sitrep_release_free_memory(void) {
    return malloc_trim(0);
}
