#!/usr/bin/env python3
"""Issue 17's cases outside the program corpus, run against an `evoprompting` binary: data loss (two writers on
one session), edges and language-model handling, and signals. A scripted OpenAI-compatible server on 127.0.0.1
answers the searches. Prints one line per case and a JSON summary per area; with --json, one JSON line per case.

    python3 Benchmarks/reliability_cases.py --binary .build/release/evoprompting
    python3 Benchmarks/hostile_corpus.py --binary .build/release/evoprompting      # crashes, contract, limits

The two together give the before/after table (Benchmarks/reliability_results.md).
"""
import argparse
import collections
import http.server
import json
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def program(hidden):
    return (f"import torch\nimport torch.nn as nn\n\nclass Model(nn.Module):\n    def __init__(self):\n"
            f"        super().__init__()\n        self.fc1 = nn.Linear(40, {hidden})\n        self.fc2 = nn.Linear({hidden}, 10)\n\n"
            f"    def forward(self, x):\n        return self.fc2(torch.relu(self.fc1(x)))\n")


def chat(texts):
    return json.dumps({"id": "x", "object": "chat.completion", "model": "scripted", "choices": [
        {"index": i, "message": {"role": "assistant", "content": t}, "finish_reason": "stop"} for i, t in enumerate(texts)]})


GOOD = chat([program(24), program(40)])


class Server:
    """Answers request number i with reply(i) -> (status, headers, body)."""

    def __init__(self, reply):
        self.count = 0
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                index = outer.count
                outer.count += 1
                status, headers, body = reply(index)
                data = body.encode() if isinstance(body, str) else body
                try:
                    self.send_response(status)
                    for key, value in headers.items():
                        self.send_header(key, value)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def close(self):
        self.httpd.shutdown()


class Cases:
    def __init__(self, binary, work):
        self.binary = os.path.abspath(binary)
        self.work = work

    def search(self, url, session, extra=()):
        return [self.binary, "run", "--headless", "--lm", "openai", "--base-url", url, "--model", "scripted",
                "--session", session, "--rounds", "1", "--prompts", "1", "--samples", "2", "--parents", "2",
                "--steps", "150", "--jobs", "1", "--seed", "3", *extra]

    def run(self, command, timeout=300, **kw):
        try:
            done = subprocess.run(command, capture_output=True, timeout=timeout, cwd=ROOT, **kw)
            return done.returncode, (done.stdout + done.stderr).decode(errors="replace")
        except subprocess.TimeoutExpired as e:
            return None, ((e.stdout or b"") + (e.stderr or b"")).decode(errors="replace")

    def events(self, session):
        path = os.path.join(session, "session.jsonl")
        if not os.path.exists(path):
            return []
        lines = open(path).read().splitlines()[1:]
        out = []
        for line in lines:
            try:
                out.append(json.loads(line))
            except ValueError:
                pass
        return out

    def wait_for(self, session, kind, seconds=120):
        deadline = time.time() + seconds
        while time.time() < deadline:
            if any(e.get("type") == kind for e in self.events(session)):
                return True
            time.sleep(0.05)
        return False

    def clean(self, session):
        events = self.events(session)
        seqs = [e["seq"] for e in events]
        return len(seqs) == len(set(seqs)) and sum(e["type"] == "run_finished" for e in events) <= 1

    def interrupted(self, session):
        """Trainings started and never finished: what a hang-up that kills the run mid-training leaves."""
        started, ended = set(), set()
        for e in self.events(session):
            if e["type"] == "training_started":
                started.add(e["id"])
            elif e["type"] in ("training_finished", "training_failed"):
                ended.add(e["id"])
        return len(started - ended)

    def unfinished_session(self, url, name):
        """A session stopped by SIGKILL during its first training."""
        session = os.path.join(self.work, name)
        process = subprocess.Popen(self.search(url, session), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.wait_for(session, "training_started")
        process.kill()
        process.wait()
        return session

    # Data loss ---------------------------------------------------------------------------------------------------
    def two_resumes_at_once(self):
        server = Server(lambda i: (200, {}, GOOD))
        try:
            session = self.unfinished_session(server.url, "two")
            outs = [tempfile.TemporaryFile() for _ in range(2)]
            procs = [subprocess.Popen([self.binary, "resume", session, "--headless"], stdout=o, stderr=o) for o in outs]
            codes = [p.wait(timeout=300) for p in procs]
            texts = []
            for o in outs:
                o.seek(0)
                texts.append(o.read().decode(errors="replace"))
            refused = [i for i, c in enumerate(codes) if c != 0]
            names_pid = len(refused) == 1 and f"PID {procs[1 - refused[0]].pid}" in texts[refused[0]]
            return self.clean(session) and names_pid, f"exit {codes}, clean log {self.clean(session)}"
        finally:
            server.close()

    def run_then_resume(self):
        server = Server(lambda i: (200, {}, GOOD))
        try:
            session = os.path.join(self.work, "run-resume")
            first = subprocess.Popen(self.search(server.url, session), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            self.wait_for(session, "training_started")
            code, out = self.run([self.binary, "resume", session, "--headless"])
            first.wait(timeout=300)
            return code != 0 and self.clean(session), f"resume exit {code}, clean log {self.clean(session)}"
        finally:
            server.close()

    def kill_and_resume(self):
        server = Server(lambda i: (200, {}, GOOD))
        try:
            session = self.unfinished_session(server.url, "killed")
            code, out = self.run([self.binary, "resume", session, "--headless"])
            events = self.events(session)
            finished = [e["id"] for e in events if e["type"] == "training_finished"]
            ok = code == 0 and self.clean(session) and len(finished) == len(set(finished)) and \
                any(e["type"] == "run_finished" for e in events)
            return ok, f"exit {code}, trained {len(finished)}"
        finally:
            server.close()

    # Edges and the language model --------------------------------------------------------------------------------
    def bom(self):
        path = os.path.join(self.work, "bom.py")
        open(path, "wb").write(b"\xef\xbb\xbf" + open(os.path.join(ROOT, "seeds", "mlp.py"), "rb").read())
        c, _ = self.run([self.binary, "check", path, "--json"])
        t, _ = self.run([self.binary, "train", path, "--steps", "5", "--json"])
        return c == 0 and t == 0, f"check {c}, train {t}"

    def invalid_utf8(self):
        path = os.path.join(self.work, "latin1.py")
        open(path, "wb").write(b"import torch\n\xff\n")
        c, co = self.run([self.binary, "check", path, "--json"])
        t, to = self.run([self.binary, "train", path, "--steps", "5", "--json"])
        return c == t == 2 and "offset 13" in co and "offset 13" in to, f"check {c}, train {t}"

    def password(self):
        server = Server(lambda i: (200, {}, GOOD))
        try:
            session = os.path.join(self.work, "password")
            url = server.url.replace("http://", "http://alice:S3cret@")
            self.run(self.search(url, session))
            text = open(os.path.join(session, "session.jsonl")).read() if os.path.exists(session) else ""
            return bool(text) and "S3cret" not in text, "password recorded" if "S3cret" in text else "redacted"
        finally:
            server.close()

    def malformed_once(self):
        server = Server(lambda i: (200, {}, '{"choices": [ {"index": 0, "mess') if i == 0 else (200, {}, GOOD))
        try:
            session = os.path.join(self.work, "malformed")
            code, out = self.run(self.search(server.url, session))
            finished = any(e["type"] == "run_finished" for e in self.events(session))
            shown = "attempt 1/" in out
            return code == 0 and finished and shown, f"exit {code}, finished {finished}, retry shown {shown}"
        finally:
            server.close()

    def empty_choices(self):
        server = Server(lambda i: (200, {}, '{"id":"x","choices":[]}'))
        try:
            session = os.path.join(self.work, "empty")
            code, out = self.run(self.search(server.url, session))
            events = self.events(session)
            finished = any(e["type"] == "run_finished" for e in events)
            failed = sum(e["type"] == "proposal_rejected" and e.get("kind") == "language_model" for e in events)
            return code == 0 and finished and failed == 2, f"exit {code}, finished {finished}, failed proposals {failed}"
        finally:
            server.close()

    def huge_reply(self):
        big = '{"choices":[{"index":0,"message":{"content":"' + "x" * (50 << 20) + '"}}]}'
        server = Server(lambda i: (200, {}, big))
        try:
            session = os.path.join(self.work, "huge")
            code, out = self.run(self.search(server.url, session), timeout=600)
            text = out + open(os.path.join(session, "session.jsonl")).read() if os.path.exists(session) else out
            named = "larger than 16 MB" in text
            return named and "not JSON" not in text, "says too large" if named else "misnamed"
        finally:
            server.close()

    def stop_cancels_retries(self):
        server = Server(lambda i: (503, {"Retry-After": "300"}, '{"error":{"message":"overloaded"}}'))
        try:
            session = os.path.join(self.work, "stop")
            process = subprocess.Popen(self.search(server.url, session), stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL)
            self.wait_for(session, "prompt_built")
            deadline = time.time() + 60
            while server.count == 0 and time.time() < deadline:
                time.sleep(0.05)
            time.sleep(1)
            process.send_signal(signal.SIGINT)
            started = time.time()
            try:
                process.wait(timeout=60)
                waited = time.time() - started
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
                waited = None
            return waited is not None and server.count == 1, \
                f"exited {'after %.1f s' % waited if waited is not None else 'not within 60 s'}, {server.count} attempts"
        finally:
            server.close()

    def export_bad_path(self):
        blocker = os.path.join(self.work, "a-file")
        open(blocker, "w").close()
        code, out = self.run([self.binary, "export", "sessions/mnist1d-quick-smollm2", "--out",
                              os.path.join(blocker, "best")])
        return code == 1 and "NSCocoaErrorDomain" not in out and "Not a directory" in out, out.strip()[:90]

    # Signals -----------------------------------------------------------------------------------------------------
    def hang_up_headless(self):
        server = Server(lambda i: (200, {}, GOOD))
        try:
            session = os.path.join(self.work, "hup")
            process = subprocess.Popen(self.search(server.url, session), stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL)
            self.wait_for(session, "training_started")
            process.send_signal(signal.SIGHUP)
            code = process.wait(timeout=300)
            failed = sum(e["type"] == "training_failed" for e in self.events(session))
            interrupted = self.interrupted(session)
            return code == 0 and failed == 0 and interrupted == 0, \
                f"exit {code}, failed trainings {failed}, interrupted trainings {interrupted}"
        finally:
            server.close()

    def tmux_kill_server(self):
        if shutil.which("tmux") is None:
            return None, "no tmux"
        server = Server(lambda i: (200, {}, GOOD))
        name = f"evo-hup-{os.getpid()}"
        try:
            session = os.path.join(self.work, "tmux")
            command = " ".join(f"'{w}'" for w in self.search(server.url, session) if w != "--headless")
            subprocess.run(["tmux", "-L", name, "new-session", "-d", "-x", "120", "-y", "40", command], check=True)
            self.wait_for(session, "training_started")
            # The run itself (not the tmux server, whose command line names the session too).
            out = subprocess.run(["pgrep", "-f", f"^{self.binary} run .*{session}"], capture_output=True,
                                 text=True).stdout.split()
            pid = int(out[0]) if out else None
            subprocess.run(["tmux", "-L", name, "kill-server"])
            deadline = time.time() + 120

            def alive():
                try:
                    return open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0] != "Z"
                except (OSError, IndexError):
                    return False
            while pid and alive() and time.time() < deadline:
                time.sleep(0.2)
            still = bool(pid) and alive()
            if still:
                os.kill(pid, signal.SIGKILL)
            failed = sum(e["type"] == "training_failed" for e in self.events(session))
            interrupted = self.interrupted(session)
            return not still and failed == 0 and interrupted == 0, \
                "orphaned" if still else f"exited, failed trainings {failed}, interrupted trainings {interrupted}"
        finally:
            subprocess.run(["tmux", "-L", name, "kill-server"], stderr=subprocess.DEVNULL)
            server.close()


AREAS = [
    ("data loss", ["two_resumes_at_once", "run_then_resume", "kill_and_resume"]),
    ("edges/LM", ["bom", "invalid_utf8", "password", "malformed_once", "empty_choices", "huge_reply",
                  "stop_cancels_retries", "export_bad_path"]),
    ("signals", ["hang_up_headless", "tmux_kill_server"]),
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--only", help="comma-separated case names")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="evo-cases-")
    cases = Cases(args.binary, work)
    only = set(args.only.split(",")) if args.only else None
    totals = collections.OrderedDict()
    try:
        for area, names in AREAS:
            for name in names:
                if only and name not in only:
                    continue
                started = time.time()
                try:
                    ok, detail = getattr(cases, name)()
                except Exception as error:  # a case that breaks the harness counts as failed
                    ok, detail = False, f"{type(error).__name__}: {error}"
                seconds = round(time.time() - started, 1)
                if ok is None:
                    continue
                passed, tried = totals.get(area, (0, 0))
                totals[area] = (passed + bool(ok), tried + 1)
                if args.json:
                    print(json.dumps({"area": area, "case": name, "pass": bool(ok), "detail": detail, "seconds": seconds}))
                else:
                    print(f"{'ok  ' if ok else 'FAIL'} {area:10s} {name:22s} {seconds:6.1f}s  {detail}", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps({"summary": {a: {"passed": p, "tried": t} for a, (p, t) in totals.items()}}))


if __name__ == "__main__":
    main()
