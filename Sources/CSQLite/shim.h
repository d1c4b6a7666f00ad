#ifndef TIDEMARK_CSQLITE_SHIM_H
#define TIDEMARK_CSQLITE_SHIM_H
#include <sqlite3.h>
/* SQLITE_TRANSIENT is a macro Swift cannot import. */
static inline sqlite3_destructor_type tidemark_sqlite_transient(void) { return SQLITE_TRANSIENT; }
/* sqlite3_config is variadic, which Swift cannot call. Turns off SQLite's memory statistics, which otherwise take a
   global mutex on every allocation; must run before SQLite initialises (the first open). Returns SQLITE_MISUSE if
   SQLite was already initialised, which is harmless. */
static inline int tidemark_sqlite_disable_memory_statistics(void) { return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }

/* A small-block allocator for SQLite (SQLITE_CONFIG_MALLOC), installed once before SQLite initialises.

   Debian builds SQLite with SQLITE_OMIT_LOOKASIDE, so every statement execution mallocs and frees its cursors and
   record buffers (about five blocks of 40 to 600 bytes per inserted row), and each page split takes a page-sized
   scratch buffer, which glibc serves outside its per-thread cache. Here blocks of up to 8 KiB come in size classes
   of 64 bytes and are kept on per-thread free lists (up to 32 blocks a class up to 1 KiB, 4 above) instead of
   going back to the C allocator; larger blocks, and blocks beyond a list's cap, go to malloc and free. Each block
   starts with 8 bytes holding the size asked for, which answers xSize and gives its class. A block freed on
   another thread than the one that allocated it simply joins the freeing thread's list. The blocks on a thread's
   lists when it ends are not returned (a few KiB in practice, at most about 4 MiB by the caps). */
#include <stdlib.h>
#include <string.h>
#define TIDEMARK_SQLITE_CLASSES 129
typedef struct tidemark_sqlite_block { struct tidemark_sqlite_block *next; } tidemark_sqlite_block;
/* This thread's free lists (held inside a function: Swift's importer emits no file-level static of a header). */
typedef struct {
    tidemark_sqlite_block *list[TIDEMARK_SQLITE_CLASSES];
    int count[TIDEMARK_SQLITE_CLASSES];
} tidemark_sqlite_free_lists;
static inline tidemark_sqlite_free_lists *tidemark_sqlite_thread_lists(void) {
    static _Thread_local tidemark_sqlite_free_lists lists;
    return &lists;
}

/* The class of a block of n usable bytes (n + 8 with its header, in steps of 64); >= CLASSES for large ones. */
static inline int tidemark_sqlite_class(long long n) { return (int)((n + 7) / 64); }

static void *tidemark_sqlite_malloc(int n) {
    int c = tidemark_sqlite_class(n);
    long long *p;
    tidemark_sqlite_free_lists *t = tidemark_sqlite_thread_lists();
    if (c < TIDEMARK_SQLITE_CLASSES && t->list[c]) {
        tidemark_sqlite_block *b = t->list[c];
        t->list[c] = b->next;
        t->count[c]--;
        p = (long long *)b;
    } else {
        p = malloc(c < TIDEMARK_SQLITE_CLASSES ? (size_t)(c + 1) * 64 : (size_t)n + 8);
        if (!p) return 0;
    }
    p[0] = n;
    return p + 1;
}

static void tidemark_sqlite_free(void *q) {
    if (!q) return;
    long long *p = (long long *)q - 1;
    int c = tidemark_sqlite_class(p[0]);
    tidemark_sqlite_free_lists *t = tidemark_sqlite_thread_lists();
    if (c < TIDEMARK_SQLITE_CLASSES && t->count[c] < (c < 16 ? 32 : 4)) {
        tidemark_sqlite_block *b = (tidemark_sqlite_block *)p;
        b->next = t->list[c];
        t->list[c] = b;
        t->count[c]++;
    } else {
        free(p);
    }
}

static int tidemark_sqlite_size(void *q) { return q ? (int)((long long *)q)[-1] : 0; }

static void *tidemark_sqlite_realloc(void *q, int n) {
    long long *p = (long long *)q - 1;
    int old = (int)p[0], c = tidemark_sqlite_class(old), d = tidemark_sqlite_class(n);
    if (c == d && c < TIDEMARK_SQLITE_CLASSES) { p[0] = n; return q; }
    if (c >= TIDEMARK_SQLITE_CLASSES && d >= TIDEMARK_SQLITE_CLASSES) {
        p = realloc(p, (size_t)n + 8);
        if (!p) return 0;
        p[0] = n;
        return p + 1;
    }
    void *r = tidemark_sqlite_malloc(n);
    if (!r) return 0;
    memcpy(r, q, (size_t)(old < n ? old : n));
    tidemark_sqlite_free(q);
    return r;
}

static int tidemark_sqlite_roundup(int n) { return (n + 7) & ~7; }
static int tidemark_sqlite_init(void *unused) { (void)unused; return SQLITE_OK; }
static void tidemark_sqlite_shutdown(void *unused) { (void)unused; }

/* Installs the allocator; must run before SQLite initialises (returns SQLITE_MISUSE after, which leaves SQLite's
   own in place). */
static inline int tidemark_sqlite_use_block_allocator(void) {
    static const sqlite3_mem_methods methods = {
        tidemark_sqlite_malloc, tidemark_sqlite_free, tidemark_sqlite_realloc, tidemark_sqlite_size,
        tidemark_sqlite_roundup, tidemark_sqlite_init, tidemark_sqlite_shutdown, 0};
    return sqlite3_config(SQLITE_CONFIG_MALLOC, &methods);
}
#endif
