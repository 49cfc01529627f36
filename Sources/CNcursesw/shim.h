#ifndef EVOPROMPTING_CNCURSESW_SHIM_H
#define EVOPROMPTING_CNCURSESW_SHIM_H

// SwiftPM drops the -D flags of ncursesw.pc: without these the wide-character API is invisible.
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#define NCURSES_WIDECHAR 1

#include <locale.h>
#include <ncursesw/curses.h>
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

// Attribute macros are casts and do not import into Swift; these accessors do.
static inline attr_t evo_attr_bold(void) { return A_BOLD; }
static inline attr_t evo_attr_reverse(void) { return A_REVERSE; }
static inline attr_t evo_attr_underline(void) { return A_UNDERLINE; }
static inline attr_t evo_attr_dim(void) { return A_DIM; }
static inline int evo_key_resize(void) { return KEY_RESIZE; }
static inline int evo_key_code_yes(void) { return KEY_CODE_YES; }

// The terminal as it was before curses started, restored from crash signal handlers.
// Function-local statics: Swift emits header functions but not header-level static variables.
struct evo_saved_terminal {
  struct termios settings;
  int valid;
  int fd;
};

static inline struct evo_saved_terminal *evo_saved(void) {
  static struct evo_saved_terminal saved;
  return &saved;
}

/// Saves the terminal settings of `fd` so a crash can restore them.
static inline int evo_save_termios(int fd) {
  struct evo_saved_terminal *saved = evo_saved();
  if (tcgetattr(fd, &saved->settings) != 0) return -1;
  saved->fd = fd;
  saved->valid = 1;
  return 0;
}

/// Restores the saved settings and leaves the alternate screen; async-signal-safe.
static inline void evo_restore_terminal_now(void) {
  struct evo_saved_terminal *saved = evo_saved();
  if (!saved->valid) return;
  tcsetattr(saved->fd, TCSANOW, &saved->settings);
  static const char reset[] = "\033[?1049l\033[?25h\033[0m";
  ssize_t ignored = write(saved->fd, reset, sizeof(reset) - 1);
  (void)ignored;
}

static inline void evo_crash_handler(int signo) {
  evo_restore_terminal_now();
  // The handler was installed with SA_RESETHAND, so re-raising runs the default action (core dump, exit code).
  raise(signo);
}

static inline void evo_interrupt_handler(int signo) {
  evo_restore_terminal_now();
  signal(signo, SIG_DFL);
  raise(signo);
}

/// Installs handlers that restore the terminal on crash signals (Swift traps are SIGILL/SIGTRAP) and on SIGTERM/SIGHUP.
static inline void evo_install_restore_handlers(void) {
  int crash[] = {SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE};
  for (unsigned i = 0; i < sizeof(crash) / sizeof(crash[0]); i++) {
    struct sigaction action;
    memset(&action, 0, sizeof(action));
    action.sa_handler = evo_crash_handler;
    action.sa_flags = SA_RESETHAND | SA_NODEFER;
    sigemptyset(&action.sa_mask);
    sigaction(crash[i], &action, NULL);
  }
  int quit[] = {SIGTERM, SIGHUP};
  for (unsigned i = 0; i < sizeof(quit) / sizeof(quit[0]); i++) {
    struct sigaction action;
    memset(&action, 0, sizeof(action));
    action.sa_handler = evo_interrupt_handler;
    sigemptyset(&action.sa_mask);
    sigaction(quit[i], &action, NULL);
  }
  // SIGINT only when nobody else handles it (a live search installs its own graceful-stop handler).
  struct sigaction current;
  if (sigaction(SIGINT, NULL, &current) == 0 && current.sa_handler == SIG_DFL) {
    struct sigaction action;
    memset(&action, 0, sizeof(action));
    action.sa_handler = evo_interrupt_handler;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, NULL);
  }
}

/// Puts the default handlers back (after a clean exit).
static inline void evo_remove_restore_handlers(void) {
  int all[] = {SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGTERM, SIGHUP};
  for (unsigned i = 0; i < sizeof(all) / sizeof(all[0]); i++) signal(all[i], SIG_DFL);
  struct sigaction current;
  if (sigaction(SIGINT, NULL, &current) == 0 && current.sa_handler == evo_interrupt_handler) signal(SIGINT, SIG_DFL);
  evo_saved()->valid = 0;
}

/// Stops the process with SIGTSTP under its default action, as the terminal's Ctrl-Z would (raw mode turns the key
/// into a character), then puts the previous handler back once SIGCONT resumed the process.
static inline void evo_stop_for_job_control(void) {
  struct sigaction previous, stop;
  memset(&stop, 0, sizeof(stop));
  stop.sa_handler = SIG_DFL;
  sigemptyset(&stop.sa_mask);
  sigaction(SIGTSTP, &stop, &previous);
  sigset_t tstp, old;
  sigemptyset(&tstp);
  sigaddset(&tstp, SIGTSTP);
  sigprocmask(SIG_UNBLOCK, &tstp, &old);
  raise(SIGTSTP);
  sigprocmask(SIG_SETMASK, &old, NULL);
  sigaction(SIGTSTP, &previous, NULL);
}

/// Writes one cell: `text` holds up to 5 wide characters (a grapheme), drawn with attributes and colour pair.
static inline int evo_put_cell(WINDOW *window, int y, int x, const wchar_t *text, attr_t attributes, short pair) {
  cchar_t cell;
  if (setcchar(&cell, text, attributes, pair, NULL) != OK) return ERR;
  return mvwadd_wch(window, y, x, &cell);
}

static inline WINDOW *evo_stdscr(void) { return stdscr; }
static inline int evo_lines(void) { return LINES; }
static inline int evo_cols(void) { return COLS; }

#endif
