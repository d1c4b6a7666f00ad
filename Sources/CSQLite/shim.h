#ifndef TIDEMARK_CSQLITE_SHIM_H
#define TIDEMARK_CSQLITE_SHIM_H
#include <sqlite3.h>
/* SQLITE_TRANSIENT is a macro Swift cannot import. */
static inline sqlite3_destructor_type tidemark_sqlite_transient(void) { return SQLITE_TRANSIENT; }
/* sqlite3_config is variadic, which Swift cannot call. Turns off SQLite's memory statistics, which otherwise take a
   global mutex on every allocation; must run before SQLite initialises (the first open). Returns SQLITE_MISUSE if
   SQLite was already initialised, which is harmless. */
static inline int tidemark_sqlite_disable_memory_statistics(void) { return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }
#endif
