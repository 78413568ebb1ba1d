/* The worker's case loop in C: the same protocol and the same steps as `serve` in worker.py.
 *
 * Between the end of one case and the go of the next, the Python loop runs a few hundred bytecodes,
 * and each page they write is shared with the next case's child (forked ahead), so it is copied: about
 * 150 page faults and 0.3 ms per case, on the path from one case to the next. This loop writes a few
 * pages of its own. It handles the common path; the rare ones (a folder to remove, no
 * /proc/.../children) call back into worker.py, so both loops share that code.
 *
 * serve(...) returns None in the worker when the judge has gone, and True in a case's child, which
 * returns to worker.py ready (session, descriptors 0-4, limits) to wait for its go and run the code.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_close_range
#define SYS_close_range 436
#endif
#define PUNCH_HOLE_KEEP_SIZE 0x03 /* FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE */

#define REPORT_LIMIT 16384
#define STARTED '+' /* the first byte of a case's report once it has its go (worker.py: STARTED) */
#define MEMORY_POLL_S 0.02
#define STDERR_HELD (4LL << 20)
#define STDERR_TAIL (64LL << 10)
#define INBOX_SIZE 65536
#define INBOX_FDS 48
#define CHILDREN_SIZE 65536
#define ORPHANS_AT_ONCE 8192

typedef struct {
    long long cpu_ms, wall_ms, memory_mb, output_bytes;
    pid_t pid;
    int out, err;       /* stdout and stderr, kept to hold them to their limits */
    int report_r, go_w; /* the child's exception report; its go */
    int announced;      /* the judge knows its pid */
    double started;
    long long dropped; /* stderr bytes freed so far */
} Case;

typedef struct {
    int sock;
    int eof;
    char buffer[INBOX_SIZE];
    size_t length;
    int fds[INBOX_FDS];
    int nfds;
} Inbox;

typedef struct {
    Inbox inbox;
    long long nproc_limit, mapped;
    const char *folder, *keep;
    PyObject *wipe, *remove_folder, *reap_fallback; /* wipe: None outside a private sandbox */
    int made;
    struct stat identity;
    char children_path[64];
    char children[CHILDREN_SIZE];
    pid_t orphans[ORPHANS_AT_ONCE];
} Server;

enum { PREPARED = 1, NONE = 0, FAILED = -1, IN_CHILD = 2 };

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int fail(void) {
    PyErr_SetFromErrno(PyExc_OSError);
    return FAILED;
}

static void close_quietly(int fd) {
    if (fd >= 0) {
        int saved = errno;
        close(fd);
        errno = saved;
    }
}

static int send_all(int sock, const char *data, size_t size) {
    while (size > 0) {
        ssize_t sent = send(sock, data, size, MSG_NOSIGNAL);
        if (sent < 0) {
            if (errno == EINTR)
                continue;
            return fail();
        }
        data += sent;
        size -= (size_t)sent;
    }
    return 0;
}

static int call_python(PyObject *function, PyObject *argument) {
    PyObject *result = PyObject_CallOneArg(function, argument);
    Py_DECREF(argument);
    if (result == NULL)
        return FAILED;
    Py_DECREF(result);
    return 0;
}

static int remove_path(Server *s, const char *path) {
    PyObject *argument = PyUnicode_DecodeFSDefault(path);
    return argument == NULL ? FAILED : call_python(s->remove_folder, argument);
}

/* A case request: "<CPU ms> <wall ms> <memory MB> <output bytes>\n" with three descriptors. */
static int inbox_next(Inbox *in, int block, Case *c) {
    char *end;
    while ((end = memchr(in->buffer, '\n', in->length)) == NULL) {
        if (in->eof)
            return NONE;
        if (in->length == INBOX_SIZE) {
            PyErr_SetString(PyExc_RuntimeError, "a case request line is too long");
            return FAILED;
        }
        char control[CMSG_SPACE(3 * sizeof(int))];
        struct iovec iov = {in->buffer + in->length, INBOX_SIZE - in->length};
        struct msghdr message = {0};
        message.msg_iov = &iov;
        message.msg_iovlen = 1;
        message.msg_control = control;
        message.msg_controllen = sizeof(control);
        ssize_t got = recvmsg(in->sock, &message, (block ? 0 : MSG_DONTWAIT) | MSG_CMSG_CLOEXEC);
        if (got < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                return NONE;
            if (errno == EINTR)
                continue;
            return fail();
        }
        for (struct cmsghdr *h = CMSG_FIRSTHDR(&message); h != NULL; h = CMSG_NXTHDR(&message, h)) {
            if (h->cmsg_level != SOL_SOCKET || h->cmsg_type != SCM_RIGHTS)
                continue;
            size_t count = (h->cmsg_len - CMSG_LEN(0)) / sizeof(int);
            int *fds = (int *)CMSG_DATA(h);
            for (size_t i = 0; i < count; i++) {
                if (got == 0 || in->nfds == INBOX_FDS)
                    close(fds[i]);
                else
                    in->fds[in->nfds++] = fds[i];
            }
        }
        if (got == 0) {
            in->eof = 1;
            return NONE;
        }
        in->length += (size_t)got;
    }
    *end = '\0';
    int fields = sscanf(in->buffer, "%lld %lld %lld %lld", &c->cpu_ms, &c->wall_ms, &c->memory_mb,
                        &c->output_bytes);
    size_t used = (size_t)(end - in->buffer) + 1;
    memmove(in->buffer, end + 1, in->length - used);
    in->length -= used;
    if (fields != 4 || in->nfds < 3) {
        PyErr_SetString(PyExc_RuntimeError, "a case request without its four numbers and three descriptors");
        return FAILED;
    }
    return PREPARED;
}

/* In the child, before returning to Python: its own session, descriptors 0-4 only, the limits. */
static void child_setup(Server *s, Case *c, int moved[5]) {
    setsid();
    for (int target = 0; target < 5; target++)
        if (dup2(moved[target], target) < 0)
            _exit(70);
    if (syscall(SYS_close_range, 5U, ~0U, 0U) != 0)
        for (int fd = 5; fd < 65536; fd++)
            close(fd);
    struct rlimit limit = {0, 0};
    if (setrlimit(RLIMIT_CORE, &limit) != 0)
        _exit(70);
    limit.rlim_cur = (rlim_t)(c->cpu_ms / 1000 + 1);
    limit.rlim_max = limit.rlim_cur + 1;
    if (setrlimit(RLIMIT_CPU, &limit) != 0)
        _exit(70);
    /* A backstop only (MLE is judged on peak RSS): the child starts with our mappings, numpy's
     * included, so it may map twice its memory limit beyond them. */
    limit.rlim_cur = limit.rlim_max = (rlim_t)(s->mapped + 2 * (c->memory_mb << 20));
    if (setrlimit(RLIMIT_AS, &limit) != 0)
        _exit(70);
    /* Counted per user (root is exempt by the kernel): failing to set it is not fatal. */
    limit.rlim_cur = limit.rlim_max = (rlim_t)s->nproc_limit;
    setrlimit(RLIMIT_NPROC, &limit);
}

static void close_case(Case *c) {
    close_quietly(c->out);
    close_quietly(c->err);
    free(c);
}

/* The next request, and its child forked and made ready; IN_CHILD in that child. */
static int prepare(Server *s, int block, Case **prepared) {
    Case *c = calloc(1, sizeof(Case));
    if (c == NULL) {
        PyErr_NoMemory();
        return FAILED;
    }
    int got = inbox_next(&s->inbox, block, c);
    if (got != PREPARED) {
        free(c);
        return got;
    }
    Inbox *in = &s->inbox;
    int stdin_fd = in->fds[0];
    c->out = in->fds[1];
    c->err = in->fds[2];
    in->nfds -= 3;
    memmove(in->fds, in->fds + 3, (size_t)in->nfds * sizeof(int));
    int report[2], go[2];
    if (pipe2(report, O_CLOEXEC) != 0) {
        int saved = errno;
        close(stdin_fd);
        close_case(c);
        errno = saved;
        return fail();
    }
    if (pipe2(go, O_CLOEXEC) != 0) {
        int saved = errno;
        close(stdin_fd);
        close(report[0]);
        close(report[1]);
        close_case(c);
        errno = saved;
        return fail();
    }
    fcntl(report[0], F_SETFL, O_NONBLOCK);
    c->report_r = report[0];
    c->go_w = go[1];
    /* Moved above 0-4 first, so that placing them in the child never overwrites one of them. */
    int moved[5] = {-1, -1, -1, -1, -1}, from[5] = {stdin_fd, c->out, c->err, report[1], go[0]};
    for (int i = 0; i < 5; i++)
        if ((moved[i] = fcntl(from[i], F_DUPFD_CLOEXEC, 16)) < 0) {
            PyErr_SetFromErrno(PyExc_OSError);
            goto undo;
        }
    PyOS_BeforeFork();
    c->pid = fork();
    if (c->pid == 0) {
        PyOS_AfterFork_Child();
        child_setup(s, c, moved);
        return IN_CHILD;
    }
    int saved = errno;
    PyOS_AfterFork_Parent();
    if (c->pid < 0) {
        errno = saved;
        PyErr_SetFromErrno(PyExc_OSError);
        goto undo;
    }
    for (int i = 0; i < 5; i++)
        close(moved[i]);
    close(stdin_fd);
    close(report[1]);
    close(go[0]);
    *prepared = c;
    return PREPARED;
undo:
    for (int i = 0; i < 5; i++)
        close_quietly(moved[i]);
    for (int i = 0; i < 5; i++)
        close_quietly(from[i]);
    close_quietly(report[0]);
    close_quietly(go[1]);
    free(c);
    return FAILED;
}

/* Never started: closing its go pipe ends it; reaped with the orphans. */
static void abort_case(Case *c) {
    close_quietly(c->go_w);
    close_quietly(c->report_r);
    kill(c->pid, SIGKILL);
    close_case(c);
}

static int same_identity(const struct stat *a, const struct stat *b) {
    return a->st_ino == b->st_ino && a->st_mode == b->st_mode && a->st_uid == b->st_uid &&
           a->st_gid == b->st_gid;
}

static int folder_make(Server *s) {
    if (s->made)
        return 0;
    if (mkdir(s->folder, 0700) != 0) {
        if (errno != EEXIST)
            return fail();
        /* left by a descendant of an earlier case: replace it */
        if (remove_path(s, s->folder) != 0)
            return FAILED;
        if (mkdir(s->folder, 0700) != 0)
            return fail();
    }
    s->made = lstat(s->folder, &s->identity) == 0;
    return 0;
}

static int folder_is_empty(const char *path) {
    DIR *dir = opendir(path);
    if (dir == NULL)
        return 0;
    struct dirent *entry;
    int empty = 1;
    while ((entry = readdir(dir)) != NULL) {
        if (strcmp(entry->d_name, ".") != 0 && strcmp(entry->d_name, "..") != 0) {
            empty = 0;
            break;
        }
    }
    closedir(dir);
    return empty;
}

/* After a case: keep the folder if it is still empty and the same, else remove it. */
static int folder_check(Server *s) {
    struct stat st;
    if (s->made && lstat(s->folder, &st) == 0 && same_identity(&st, &s->identity) && folder_is_empty(s->folder))
        return 0;
    s->made = 0;
    return remove_path(s, s->folder);
}

/* Our sandbox's own /tmp: nothing a case wrote there reaches the next. Only the case folder there
 * (the usual case): nothing to do; anything else: worker.py empties it around the sandbox's mounts. */
static int empty_private_tmp(Server *s) {
    DIR *dir = opendir("/tmp");
    if (dir == NULL)
        return 0;
    struct dirent *entry;
    int other = 0;
    while (!other && (entry = readdir(dir)) != NULL) {
        const char *name = entry->d_name;
        other = strcmp(name, ".") != 0 && strcmp(name, "..") != 0 && strcmp(name, s->keep) != 0;
    }
    closedir(dir);
    if (!other)
        return 0;
    PyObject *result = PyObject_CallNoArgs(s->wipe);
    if (result == NULL)
        return FAILED;
    Py_DECREF(result);
    return 0;
}

/* Kill and reap descendants that outlived their case (they were reparented to us, their
 * subreaper); `spare` is the next case's child, forked ahead. */
static int reap_orphans(Server *s, pid_t spare) {
    for (int round = 0; round < 50; round++) {
        int listing = open(s->children_path, O_RDONLY | O_CLOEXEC);
        if (listing < 0) {
            PyObject *argument = spare > 0 ? PyLong_FromLong(spare) : Py_NewRef(Py_None);
            return argument == NULL ? FAILED : call_python(s->reap_fallback, argument);
        }
        ssize_t size = read(listing, s->children, CHILDREN_SIZE - 1);
        close(listing);
        if (size <= 0)
            return 0;
        s->children[size] = '\0';
        int count = 0;
        for (char *cursor = s->children, *after;; cursor = after) {
            long pid = strtol(cursor, &after, 10);
            if (after == cursor)
                break;
            if (pid > 0 && pid != spare && count < ORPHANS_AT_ONCE)
                s->orphans[count++] = (pid_t)pid;
        }
        if (count == 0)
            return 0;
        for (int i = 0; i < count; i++)
            kill(s->orphans[i], SIGKILL);
        for (int i = 0; i < count; i++)
            while (waitpid(s->orphans[i], NULL, 0) < 0 && errno == EINTR)
                ;
    }
    return 0;
}

static long long resident_bytes(pid_t pid) {
    char path[64], text[256];
    snprintf(path, sizeof(path), "/proc/%d/statm", (int)pid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    ssize_t size = read(fd, text, sizeof(text) - 1);
    close(fd);
    if (size <= 0)
        return 0;
    text[size] = '\0';
    long long total = 0, resident = 0;
    if (sscanf(text, "%lld %lld", &total, &resident) != 2)
        return 0;
    return resident * sysconf(_SC_PAGESIZE);
}

static long long file_size(int fd) {
    struct stat st;
    return fstat(fd, &st) == 0 ? (long long)st.st_size : 0;
}

/* Free all of a flooded stderr but its tail: a hole is punched before the last 64 KiB (the size
 * stays; the judge reads the tail). Where holes cannot be punched, it is emptied. */
static void drop_old_stderr(Case *c) {
    long long end = file_size(c->err) - STDERR_TAIL;
    if (end - c->dropped <= STDERR_HELD)
        return;
    if (fallocate(c->err, PUNCH_HOLE_KEEP_SIZE, 0, end) != 0)
        if (ftruncate(c->err, 0) != 0) {
            /* nothing more to do: the output limit still holds it */
        }
    c->dropped = end;
}

/* The child's exception report, if it wrote one (the pipe does not block). */
static size_t read_report(int fd, char *report) {
    size_t size = 0;
    while (size < REPORT_LIMIT) {
        ssize_t got = read(fd, report + size, REPORT_LIMIT - size);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0) /* end of file, or a descendant still holds it open: take what is there */
            break;
        size += (size_t)got;
    }
    return size;
}

static int announce(Server *s, Case *c) {
    char line[32];
    int size = snprintf(line, sizeof(line), "S %d\n", (int)c->pid);
    c->announced = 1;
    return send_all(s->inbox.sock, line, (size_t)size);
}

/* Run the cases in order; while one runs, the next request's child is forked and made ready. */
static int serve_cases(Server *s) {
    Case *prepared = NULL, *c = NULL;
    static char message[REPORT_LIMIT + 256];
    int got;
    for (;;) {
        if (prepared != NULL) {
            c = prepared;
            prepared = NULL;
        } else if ((got = prepare(s, 1, &c)) != PREPARED) {
            return got; /* NONE at the judge's end of file, IN_CHILD, or FAILED */
        }
        /* The case before it ran beside this child, as the same user, and may have stopped it: it is
         * continued. If that case killed it, the child never marks its start (worker.py: run_case),
         * and the judge runs the case again in a new worker. */
        kill(c->pid, SIGCONT);
        if (folder_make(s) != 0)
            return FAILED;
        c->started = now();
        if (write(c->go_w, "g", 1) != 1 && errno != EPIPE) /* EPIPE: dead already, never started */
            return fail();
        close(c->go_w);
        c->go_w = -1;
        if (!c->announced && announce(s, c) != 0)
            return FAILED;
        int pidfd = (int)syscall(SYS_pidfd_open, c->pid, 0);
        if (pidfd < 0)
            return fail();
        double deadline = c->started + (double)c->wall_ms / 1000.0;
        double look = c->started + MEMORY_POLL_S;
        long long memory_limit = c->memory_mb << 20;
        int timed_out = 0;
        long long stopped_at = 0; /* the resident memory that made us stop it (its peak may read lower) */
        for (;;) {
            if (prepared == NULL && !s->inbox.eof) {
                got = prepare(s, 0, &prepared);
                if (got == IN_CHILD)
                    return IN_CHILD;
                if (got == FAILED) {
                    close(pidfd);
                    return FAILED;
                }
            }
            struct pollfd waiting[2] = {{pidfd, POLLIN, 0}, {s->inbox.sock, POLLIN, 0}};
            nfds_t count = (prepared != NULL || s->inbox.eof) ? 1 : 2;
            double left = (deadline < look ? deadline : look) - now();
            if (left < 0)
                left = 0;
            struct timespec timeout = {(time_t)left, (long)((left - (double)(time_t)left) * 1e9)};
            int ready = ppoll(waiting, count, &timeout, NULL);
            if (ready < 0) {
                if (errno == EINTR)
                    continue;
                close(pidfd);
                return fail();
            }
            if (waiting[0].revents)
                break;
            if (ready == 0) {
                double t = now();
                if (t >= deadline) {
                    timed_out = 1;
                    break;
                }
                /* Over the memory limit: end it now (wait4's peak RSS makes it MLE) rather than let
                 * it grow to the address-space backstop. Over the output limit: end it (OLE). */
                long long resident = resident_bytes(c->pid);
                if (resident > memory_limit) {
                    stopped_at = resident;
                    break;
                }
                if (file_size(c->out) > c->output_bytes)
                    break;
                drop_old_stderr(c);
                look = t + MEMORY_POLL_S;
            }
        }
        close(pidfd);
        kill(-c->pid, SIGKILL);
        int status = 0;
        struct rusage usage;
        memset(&usage, 0, sizeof(usage));
        while (wait4(c->pid, &status, 0, &usage) < 0 && errno == EINTR)
            ;
        double wall = now() - c->started;
        /* the child's JSON, forwarded as it is: the judge parses it */
        char *report = message + 128;
        size_t report_size = read_report(c->report_r, report);
        int started = report_size > 0 && report[0] == STARTED;
        if (started) {
            report++;
            report_size--;
        }
        close(c->report_r);
        c->report_r = -1;
        close_case(c);
        c = NULL;
        if (s->inbox.eof) {
            /* The judge has gone (it stops early, e.g. at a first failure): nobody reads more. */
            if (prepared != NULL)
                abort_case(prepared);
            reap_orphans(s, -1);
            return NONE;
        }
        long long cpu = (long long)usage.ru_utime.tv_sec * 1000000 + usage.ru_utime.tv_usec +
                        (long long)usage.ru_stime.tv_sec * 1000000 + usage.ru_stime.tv_usec;
        long peak = usage.ru_maxrss; /* KiB */
        if ((stopped_at + 1023) / 1024 > peak)
            peak = (long)((stopped_at + 1023) / 1024);
        char head[128];
        int head_size = snprintf(head, sizeof(head), "R %d %d %lld %lld %ld %d %d %zu\n",
                                 WIFEXITED(status) ? WEXITSTATUS(status) : -1,
                                 WIFSIGNALED(status) ? WTERMSIG(status) : 0, cpu,
                                 (long long)(wall * 1e6 + 0.5), peak, timed_out, started, report_size);
        /* the head sits just before the report, so the result goes in one send */
        char *start = report - head_size;
        memcpy(start, head, (size_t)head_size);
        size_t size = (size_t)head_size + report_size;
        if (!started) {
            /* Killed before its go by the case before it: this worker ends here, and the judge runs
             * the case again, first in a new one (so no case of ours runs beside it). */
            int sent = send_all(s->inbox.sock, start, size);
            if (prepared != NULL)
                abort_case(prepared);
            reap_orphans(s, -1);
            return sent == 0 ? NONE : FAILED;
        }
        if (prepared != NULL) { /* the next case's pid comes with this result: one message less */
            size += (size_t)snprintf(start + size, 32, "S %d\n", (int)prepared->pid);
            prepared->announced = 1;
        }
        if (send_all(s->inbox.sock, start, size) != 0)
            return FAILED;
        /* Cleaned up while the judge reads the result; the next case's go waits for it. */
        if (reap_orphans(s, prepared != NULL ? prepared->pid : -1) != 0)
            return FAILED;
        if (folder_check(s) != 0)
            return FAILED;
        if (s->wipe != Py_None && empty_private_tmp(s) != 0)
            return FAILED;
    }
}

static PyObject *serve(PyObject *module, PyObject *args) {
    (void)module;
    static Server server; /* one per worker process, and big: not on the stack */
    Server *s = &server;
    PyObject *folder, *keep;
    memset(s, 0, sizeof(*s));
    if (!PyArg_ParseTuple(args, "iLLO&O&OOO:serve", &s->inbox.sock, &s->nproc_limit, &s->mapped,
                          PyUnicode_FSConverter, &folder, PyUnicode_FSConverter, &keep, &s->wipe,
                          &s->remove_folder, &s->reap_fallback))
        return NULL;
    s->folder = PyBytes_AS_STRING(folder);
    s->keep = PyBytes_AS_STRING(keep);
    int me = (int)getpid();
    snprintf(s->children_path, sizeof(s->children_path), "/proc/%d/task/%d/children", me, me);
    int outcome = serve_cases(s);
    Py_DECREF(folder);
    Py_DECREF(keep);
    if (outcome == FAILED)
        return NULL;
    if (outcome == IN_CHILD)
        Py_RETURN_TRUE;
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"serve", serve, METH_VARARGS,
     "serve(sock_fd, nproc_limit, mapped_bytes, case_folder, keep_in_tmp, wipe_tmp, remove_folder, "
     "reap_orphans): run the cases; None in the worker when the judge has gone, True in a case's child."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef definition = {
    PyModuleDef_HEAD_INIT, "_forkserver", "The worker's case loop in C (see worker.py).", -1, methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__forkserver(void) { return PyModule_Create(&definition); }
