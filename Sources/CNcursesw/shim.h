#ifndef SITREP_CNCURSESW_SHIM_H
#define SITREP_CNCURSESW_SHIM_H
// get_wch, cchar_t and the wide-character calls exist only with this defined first.
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <langinfo.h>
#include <string.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Swift 6 cannot read C globals (they are mutable shared state to it) and does not import
// macros that expand to expressions, so each one gets a function here.

static inline WINDOW *sitrep_stdscr(void) { return stdscr; }
static inline FILE *sitrep_stdin(void) { return stdin; }
static inline FILE *sitrep_stdout(void) { return stdout; }
static inline int sitrep_lines(void) { return LINES; }
static inline int sitrep_cols(void) { return COLS; }
static inline int sitrep_colors(void) { return COLORS; }
static inline int sitrep_color_pairs(void) { return COLOR_PAIRS; }

static inline attr_t sitrep_a_normal(void) { return A_NORMAL; }
static inline attr_t sitrep_a_bold(void) { return A_BOLD; }
static inline attr_t sitrep_a_dim(void) { return A_DIM; }
static inline attr_t sitrep_a_reverse(void) { return A_REVERSE; }
static inline attr_t sitrep_a_underline(void) { return A_UNDERLINE; }
static inline attr_t sitrep_color_pair(int pair) { return (attr_t)COLOR_PAIR(pair); }

static inline int sitrep_err(void) { return ERR; }
static inline int sitrep_ok(void) { return OK; }

static inline int sitrep_key_code_yes(void) { return KEY_CODE_YES; }
static inline int sitrep_key_resize(void) { return KEY_RESIZE; }
static inline int sitrep_key_up(void) { return KEY_UP; }
static inline int sitrep_key_down(void) { return KEY_DOWN; }
static inline int sitrep_key_left(void) { return KEY_LEFT; }
static inline int sitrep_key_right(void) { return KEY_RIGHT; }
static inline int sitrep_key_ppage(void) { return KEY_PPAGE; }
static inline int sitrep_key_npage(void) { return KEY_NPAGE; }
static inline int sitrep_key_home(void) { return KEY_HOME; }
static inline int sitrep_key_end(void) { return KEY_END; }
static inline int sitrep_key_backspace(void) { return KEY_BACKSPACE; }
static inline int sitrep_key_dc(void) { return KEY_DC; }
static inline int sitrep_key_btab(void) { return KEY_BTAB; }
static inline int sitrep_key_enter(void) { return KEY_ENTER; }
static inline int sitrep_key_f0(void) { return KEY_F0; }

static inline int sitrep_set_escdelay(int milliseconds) { return set_escdelay(milliseconds); }

static inline int sitrep_wcwidth(wchar_t character) { return wcwidth(character); }

static inline int sitrep_is_utf8_codeset(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && strcmp(codeset, "UTF-8") == 0;
}

// Draws one cell: a spacing character and at most CCHARW_MAX - 1 combining marks, given as a
// NUL-terminated wide string. setcchar rather than waddwstr so that attributes and pair travel
// with the character and the window's current attributes never matter.
static inline int sitrep_put_cell(WINDOW *window, int y, int x, const wchar_t *text,
                                  attr_t attributes, short pair) {
    cchar_t cell;
    if (setcchar(&cell, text, attributes, pair, NULL) == ERR) {
        return ERR;
    }
    return mvwadd_wch(window, y, x, &cell);
}

#endif
