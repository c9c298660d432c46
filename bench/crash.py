#!/usr/bin/env python3
"""The power-cut test of issue #15: writes go on through every door of the portal — CSV imports
(`letopis import`, a process of its own), studio edits, publications with their consents, and
chunked uploads — and at a random moment the server and the importer are killed with SIGKILL.
Then the base is checked cold (`PRAGMA integrity_check`, `foreign_key_check`, no partial blob),
the server started again, and checked warm:

- every write that was acknowledged (an HTTP answer received, the importer's report printed)
  is there, with all its fields;
- nothing half-written is visible: an import is all or nothing (its rows and the public-interest
  decision covering them), an edit's fields all come from one submission;
- the search index catches up by itself: every record the trials wrote (acknowledged or not) is
  found by search within the deadline;
- no upload is left half-stored: every blob's name is the hash of its bytes, an interrupted
  upload resumes to completion, and afterwards every blob has its file info; no temporary file
  of an upload outlives the restart.

One base lives through all trials, so later trials also check earlier trials' writes.

    bench/crash.py --bin target/release/letopis --trials 100 [--seed S] [--work DIR]

Prints one line per trial and a summary; writes every trial as a JSON line to
DIR/trials.jsonl. Exit status 1 when any trial failed. Standard library only.
"""

import argparse
import hashlib
import http.client
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import struct
import subprocess
import sys
import threading
import time
import urllib.parse
import zlib

PASSWORD = "crash-test-password-1941"
SYLLABLES = ["бра", "вле", "гри", "дро", "жму", "зва", "кли", "мро", "нту", "пса"]
SEARCH_DEADLINE = 30.0
# Rows per import: from a spreadsheet's page to a district's list (`--quick`: smaller, for a
# debug build in CI).
SIZES = [50, 500, 2000, 6000]
QUICK_SIZES = [50, 200, 500]


def word(*numbers):
    """A made-up word per number, three letters per digit: two differ in at least three letters,
    beyond search's typo tolerance, so one never finds the other."""
    return "кршт" + "".join(SYLLABLES[int(d)] for n in numbers for d in str(n))


# ---------------------------------------------------------------- HTTP


class Client:
    def __init__(self, port):
        self.port = port

    def request(self, method, path, body=None, headers=None, timeout=20):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            r = conn.getresponse()
            data = r.read()
            return r.status, dict((k.lower(), v) for k, v in r.getheaders()), r.msg, data
        finally:
            conn.close()


def cookie_of(msg, name):
    for v in msg.get_all("set-cookie") or []:
        if v.startswith(name + "="):
            return v.split(";")[0]
    return None


def between(text, start, end):
    i = text.find(start)
    if i < 0:
        return None
    i += len(start)
    j = text.find(end, i)
    return text[i:j] if j >= 0 else None


class Session:
    def __init__(self, client, cookie, csrf):
        self.c, self.cookie, self.csrf = client, cookie, csrf

    def post(self, path, fields):
        body = urllib.parse.urlencode([("csrf", self.csrf)] + list(fields))
        return self.c.request("POST", path, body, {
            "cookie": self.cookie, "content-type": "application/x-www-form-urlencoded"})

    def get(self, path):
        return self.c.request("GET", path, None, {"cookie": self.cookie})


def set_password(client, link_path):
    status, _, msg, html = client.request("GET", link_path)
    assert status == 200, f"set-password form: {status}"
    form_cookie = cookie_of(msg, "letopis_form")
    token = between(html.decode(), 'name="form_token" value="', '"')
    body = urllib.parse.urlencode(
        {"password": PASSWORD, "repeat": PASSWORD, "form_token": token})
    status, _, _, html = client.request("POST", link_path, body, {
        "cookie": form_cookie, "content-type": "application/x-www-form-urlencoded"})
    assert status in (200, 303), f"set password: {status} {html[:300]!r}"


def sign_in(client, email):
    status, _, msg, html = client.request("GET", "/studio/sign-in")
    form_cookie = cookie_of(msg, "letopis_form")
    token = between(html.decode(), 'name="form_token" value="', '"')
    body = urllib.parse.urlencode({"email": email, "password": PASSWORD,
                                   "form_token": token, "next": "/studio"})
    status, _, msg, html = client.request("POST", "/studio/sign-in", body, {
        "cookie": form_cookie, "content-type": "application/x-www-form-urlencoded"})
    assert status == 303, f"sign-in of {email}: {status} {html[:300]!r}"
    cookie = cookie_of(msg, "letopis_session")
    status, _, _, html = client.request("GET", "/studio", None, {"cookie": cookie})
    csrf = between(html.decode(), 'name="csrf" value="', '"')
    return Session(client, cookie, csrf)


# ---------------------------------------------------------------- files to upload


def png(width, height, seed):
    """A valid PNG of noise-ish pixels: the studio makes derivatives of images."""
    rnd = random.Random(seed)
    rows = bytearray()
    for y in range(height):
        rows.append(0)
        base = rnd.randrange(256)
        rows.extend(bytes((base + x * 3 + y) & 0xFF for x in range(width * 3)))

    def chunk(kind, data):
        c = struct.pack(">I", len(data)) + kind + data
        return c + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(bytes(rows), 6)) + chunk(b"IEND", b""))


def text_file(size, seed):
    rnd = random.Random(seed)
    words = ["письмо", "фронт", "мама", "здравствуй", "победа", "госпиталь", "Сходня", "дорогая"]
    out = []
    n = 0
    while n < size:
        w = rnd.choice(words) + (" " if rnd.random() < 0.9 else "\n")
        out.append(w)
        n += len(w.encode())
    return "".join(out).encode()[:size].decode("utf-8", "ignore").encode()


# ---------------------------------------------------------------- the portal's processes


class Portal:
    def __init__(self, binary, data, port, log):
        self.binary, self.data, self.port, self.log = binary, data, port, log
        self.proc = None

    def start(self):
        started = time.monotonic()
        self.proc = subprocess.Popen(
            [self.binary, "serve", "--data", self.data, "--bind", f"127.0.0.1:{self.port}"],
            stdout=self.log, stderr=self.log)
        client = Client(self.port)
        while time.monotonic() - started < 60:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}")
            try:
                if client.request("GET", "/healthz", timeout=2)[0] == 200:
                    return time.monotonic() - started
            except OSError:
                pass
            time.sleep(0.02)
        raise RuntimeError("server not ready in 60 s")

    def kill(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait()


# ---------------------------------------------------------------- the journal of writes


class Journal:
    """Every write the trials attempted, and which were acknowledged."""

    def __init__(self):
        self.lock = threading.Lock()
        self.imports = []   # {prefix, rows, word, acked}
        self.persons = []   # {id, word, versions: [(n, acked)], published: bool acked, consent}
        self.uploads = []   # {id, sha256 (expected original), acked, info}

    def add(self, kind, entry):
        with self.lock:
            getattr(self, kind).append(entry)
            return entry


# ---------------------------------------------------------------- workers


class Stop(Exception):
    pass


def person_fields(w, version):
    # Every field carries the same version mark, so a record with fields from two submissions
    # would show.
    mark = f"в{version}"
    return [("surname", "Крашев" + mark), ("given_name", "Иван"), ("patronymic", "Петрович"),
            ("sex", "male"), ("birth", "1915"), ("death", "1942"), ("fate", "killed"),
            ("birth_place", f"д. Сходня {mark}"),
            ("biography", f"{w} {mark}. Призван Химкинским РВК. Погиб под Ржевом. {mark}")]


def editor(trial, vol, exp, journal, stop, rnd, counter):
    """Creates persons, edits them, sends them to review; the expert adds a public-interest
    decision and publishes."""
    while not stop.is_set():
        n = next(counter)
        w = word(trial, n)
        entry = journal.add("persons", {"word": w, "id": None, "versions": [], "consent": None,
                                        "published": None, "trial": trial})
        status, headers, _, _ = vol.post("/studio/persons/new", person_fields(w, 1))
        if status != 303:
            raise Stop(f"create answered {status}")
        entry["id"] = int(headers["location"].split("/studio/records/")[1].split("?")[0])
        entry["versions"].append([1, True])
        rec = f"/studio/records/{entry['id']}"
        for version in range(2, 2 + rnd.randint(0, 2)):
            entry["versions"].append([version, False])
            status, _, _, body = vol.post(rec, [("version", str(version - 1))] + person_fields(w, version))
            if status != 303:
                raise Stop(f"edit answered {status}: {body[:200]!r}")
            entry["versions"][-1][1] = True
        if rnd.random() < 0.5:
            continue
        status, _, _, _ = vol.post(f"{rec}/workflow", [("to", "in_review")])
        if status != 303:
            raise Stop(f"review answered {status}")
        entry["consent"] = False
        status, _, _, body = exp.post(f"{rec}/consents", [
            ("kind", "public_interest"), ("granted_by", "Рабочая группа"),
            ("signed_on", "2025-05-09"), ("note", f"Протокол {w}")])
        if status != 303:
            raise Stop(f"consent answered {status}: {body[:300]!r}")
        entry["consent"] = True
        entry["published"] = False
        status, _, _, body = exp.post(f"{rec}/workflow", [("to", "published")])
        if status != 303:
            raise Stop(f"publish answered {status}: {body[:300]!r}")
        entry["published"] = True


def upload_once(session, name, data, chunk, entry, resume_from=None):
    c = session.c
    hdr = {"cookie": session.cookie, "x-csrf-token": session.csrf}
    if resume_from is None:
        status, _, _, body = c.request("POST", "/studio/uploads",
                                       json.dumps({"name": name, "size": len(data)}),
                                       dict(hdr, **{"content-type": "application/json"}))
        if status != 201:
            raise Stop(f"upload start answered {status}: {body[:200]!r}")
        entry["upload"] = json.loads(body)["id"]
        offset = 0
    else:
        offset = resume_from
    while True:
        end = min(offset + chunk, len(data))
        status, _, _, body = c.request("PATCH", f"/studio/uploads/{entry['upload']}", data[offset:end],
                                       dict(hdr, **{"upload-offset": str(offset)}), timeout=60)
        answer = json.loads(body) if body.startswith(b"{") else {}
        if status == 409:
            offset = int(answer.get("offset", offset)) if "offset" in answer else offset
            raise Stop(f"chunk at wrong offset: {body[:200]!r}")
        if status != 200:
            raise Stop(f"chunk answered {status}: {body[:200]!r}")
        if answer.get("done"):
            entry["info"] = answer["file"]
            entry["acked"] = True
            return
        offset = answer["offset"]


def uploader(trial, vol, journal, stop, rnd, counter, files):
    while not stop.is_set():
        n = next(counter)
        if rnd.random() < 0.5:
            name, data = f"photo-{trial}-{n}.png", png(rnd.randint(200, 700), rnd.randint(200, 500), f"{trial}-{n}")
        else:
            name, data = f"letter-{trial}-{n}.txt", text_file(rnd.randint(200_000, 3_000_000), f"{trial}-{n}")
        entry = journal.add("uploads", {"name": name, "sha256": hashlib.sha256(data).hexdigest(),
                                        "acked": False, "upload": None, "info": None, "trial": trial})
        files[name] = data
        upload_once(vol, name, data, rnd.choice([64 * 1024, 256 * 1024, 1024 * 1024]), entry)


def write_csv(path, prefix, rows, w):
    with open(path, "w", encoding="utf-8") as f:
        f.write("\ufeffid;Фамилия;Имя;Отчество;Пол;Дата рождения;Дата смерти;Судьба;Биография\n")
        for i in range(rows):
            f.write(f"{prefix}-{i};Импортов;Семён;Ильич;м;1910;1943;погиб;"
                    f"Биография {w} строка {i}. Призван в 1941 году, погиб в 1943 году.\n")


def importer(trial, binary, data, work, journal, stop, rnd, counter, procs):
    while not stop.is_set():
        n = next(counter)
        prefix, rows, w = f"T{trial}I{n}", rnd.choice(SIZES), word(trial, 9000 + n)
        path = os.path.join(work, "import.csv")
        write_csv(path, prefix, rows, w)
        entry = journal.add("imports", {"prefix": prefix, "rows": rows, "word": w, "acked": False,
                                        "trial": trial})
        proc = subprocess.Popen([binary, "import", "persons", path, "--data", data, "--publish",
                                 "--public-interest", f"Решение {prefix}"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        procs.append(proc)
        out, err = proc.communicate()
        if proc.returncode == 0 and "Импортировано" in out.decode():
            entry["acked"] = True
        elif proc.returncode == -signal.SIGKILL:
            raise Stop("importer killed")
        else:
            raise Stop(f"importer exited {proc.returncode}: {err.decode()[-300:]}")


def run_worker(name, fn, errors, *args):
    try:
        fn(*args)
    except Stop as e:
        errors[name] = str(e)
    except (OSError, http.client.HTTPException, ValueError, KeyError) as e:
        # The kill cuts connections and pipes: the expected way for a worker to stop.
        errors[name] = f"{type(e).__name__}: {e}"
    except Exception as e:  # a bug of the driver must fail the trial, not vanish with its thread
        errors[name] = f"driver bug: {type(e).__name__}: {e}"


def counter_from(start=0):
    n = start
    lock = threading.Lock()
    while True:
        with lock:
            n += 1
            yield n


# ---------------------------------------------------------------- checks


def blob_files(media):
    for root, _, names in os.walk(media):
        for name in names:
            yield root, name


def check_cold(data, failures):
    """The base and the media directory right after the kill, before anything reopens them."""
    db = sqlite3.connect(os.path.join(data, "letopis.db"))
    try:
        result = db.execute("PRAGMA integrity_check").fetchall()
        if result != [("ok",)]:
            failures.append(f"integrity_check: {result[:5]}")
        fk = db.execute("PRAGMA foreign_key_check").fetchall()
        if fk:
            failures.append(f"foreign_key_check: {fk[:5]}")
    finally:
        db.close()
    media = os.path.join(data, "media")
    leftovers = 0
    for root, name in blob_files(media):
        path = os.path.join(root, name)
        if name.startswith("."):
            leftovers += 1
            continue
        with open(path, "rb") as f:
            if hashlib.sha256(f.read()).hexdigest() != name:
                failures.append(f"blob {name} does not hold the bytes its name says (partial)")
    scratch = [n for n in os.listdir(data) if n.startswith(".upload-")]
    return leftovers, len(scratch)


def query(data, sql, args=()):
    db = sqlite3.connect(os.path.join(data, "letopis.db"), timeout=30)
    try:
        return db.execute(sql, args).fetchall()
    finally:
        db.close()


def check_writes(data, journal, failures):
    for imp in journal.imports:
        (count,) = query(data, "SELECT count(*) FROM records WHERE external_id LIKE ?",
                         (imp["prefix"] + "-%",))[0]
        covered = query(data, """SELECT count(*) FROM consent_covers cc JOIN records r
                                 ON r.id = cc.record_id WHERE r.external_id LIKE ?""",
                        (imp["prefix"] + "-%",))[0][0]
        imp["found"] = count
        if count not in (0, imp["rows"]):
            failures.append(f"import {imp['prefix']}: {count} of {imp['rows']} rows (half-written)")
        if imp["acked"] and count != imp["rows"]:
            failures.append(f"import {imp['prefix']} acknowledged but {count} of {imp['rows']} rows")
        if covered != count:
            failures.append(f"import {imp['prefix']}: {count} rows but the decision covers {covered}")
    for p in journal.persons:
        if p["id"] is None:
            continue
        row = query(data, "SELECT body, workflow FROM records WHERE id = ?", (p["id"],))
        if not row:
            failures.append(f"person {p['id']} acknowledged but missing")
            continue
        body, workflow = json.loads(row[0][0]), row[0][1]
        marks = {m for m in re.findall(r"в(\d+)", body.get("name", {}).get("surname", "") + " " +
                                       body.get("birth_place", "") + " " + body.get("biography", ""))}
        if len(marks) != 1:
            failures.append(f"person {p['id']}: fields from different submissions {marks}")
            continue
        stored = int(marks.pop())
        acked = max(v for v, a in p["versions"] if a)
        tried = max(v for v, _ in p["versions"])
        if not acked <= stored <= tried:
            failures.append(f"person {p['id']}: version {stored}, acknowledged {acked}")
        if p["consent"]:
            n = query(data, """SELECT count(*) FROM consent_covers WHERE record_id = ?""", (p["id"],))[0][0]
            if n < 1:
                failures.append(f"person {p['id']}: acknowledged consent missing")
        if p["published"] and workflow != "published":
            failures.append(f"person {p['id']}: publication acknowledged, workflow {workflow}")


def file_infos(data):
    known = set()
    for sha, info in query(data, "SELECT sha256, info FROM file_info"):
        known.add(sha)
        i = json.loads(info)
        known.update(x for x in (i.get("original"), i.get("thumb"), i.get("sha256")) if x)
    return known


def check_uploads(data, vol, journal, files, failures):
    """Acknowledged uploads are stored; interrupted ones resume to completion; then every blob
    has its file info."""
    media = os.path.join(data, "media")
    for u in journal.uploads:
        if u["acked"]:
            for sha in {u["info"]["original"], u["info"]["sha256"], u["info"].get("thumb")} - {None}:
                if not os.path.exists(os.path.join(media, sha[:2], sha[2:4], sha)):
                    failures.append(f"upload {u['name']}: acknowledged blob {sha[:12]} missing")
            continue
        if not u["upload"]:
            continue
        status, _, _, body = vol.get(f"/studio/uploads/{u['upload']}")
        if status == 404:
            continue  # finished (file info written) or never started in the base
        if status != 200:
            failures.append(f"upload {u['name']}: status answered {status}")
            continue
        offset = json.loads(body)["offset"]
        u["resumed_from"] = offset
        try:
            upload_once(vol, u["name"], files[u["name"]], 1024 * 1024, u, resume_from=offset)
        except Stop as e:
            failures.append(f"upload {u['name']}: resume failed: {e}")
            continue
        if u["info"]["original"] != u["sha256"]:
            failures.append(f"upload {u['name']}: resumed to other bytes")
    known = file_infos(data)
    for root, name in blob_files(media):
        if not name.startswith(".") and name not in known:
            failures.append(f"blob {name[:12]} without file info")


def check_search(client, data, journal, failures):
    """Every record the trials wrote, acknowledged or not, is found by an anonymous search when
    the base says a visitor may see it, and not found when not (drafts)."""
    want = []
    for imp in journal.imports:
        if imp.get("found"):
            want.append((imp["word"], imp["found"], imp["prefix"]))
    for p in journal.persons:
        if p["id"] is None:
            continue
        row = query(data, "SELECT workflow, reach FROM records WHERE id = ?", (p["id"],))
        public = bool(row) and row[0] == ("published", 0)
        want.append((p["word"], 1 if public else 0, f"person {p['id']} ({row[0][0] if row else 'missing'})"))
    started = time.monotonic()
    missing = want
    totals = {}
    while missing and time.monotonic() - started < SEARCH_DEADLINE:
        still = []
        for w, n, what in missing:
            status, _, _, body = client.request("GET", "/api/v1/search?" + urllib.parse.urlencode({"q": w}))
            total = json.loads(body).get("total", 0) if status == 200 else -1
            totals[what] = total
            if total != n:
                still.append((w, n, what))
        missing = still
        if missing:
            time.sleep(0.3)
    for w, n, what in missing:
        failures.append(f"search: {what} ({w}) found {totals.get(what)} times, not {n}, "
                        f"{SEARCH_DEADLINE:.0f} s after the restart")
    return time.monotonic() - started


# ---------------------------------------------------------------- a trial


def trial(t, args, portal, sessions, journal, files, counters, rnd):
    vol, exp = sessions
    failures = []
    stop = threading.Event()
    errors = {}
    procs = []
    doors = rnd.choice([("import", "edit", "upload"), ("import",), ("edit",), ("upload",),
                        ("import", "edit"), ("edit", "upload")])
    threads = []
    if "import" in doors:
        threads.append(threading.Thread(target=run_worker, args=(
            "import", importer, errors, t, args.bin, portal.data, args.work, journal, stop,
            random.Random(rnd.random()), counters["import"], procs)))
    if "edit" in doors:
        threads.append(threading.Thread(target=run_worker, args=(
            "edit", editor, errors, t, vol, exp, journal, stop, random.Random(rnd.random()),
            counters["edit"])))
    if "upload" in doors:
        threads.append(threading.Thread(target=run_worker, args=(
            "upload", uploader, errors, t, vol, journal, stop, random.Random(rnd.random()),
            counters["upload"], files)))
    kill_after = rnd.uniform(0.05, args.max_kill)
    started = time.monotonic()
    for th in threads:
        th.start()
    time.sleep(kill_after)
    # The power cut: every process of the portal at once.
    stop.set()
    portal.kill()
    for p in procs:
        if p.poll() is None:
            p.send_signal(signal.SIGKILL)
    for th in threads:
        th.join(120)
    killed_at = time.monotonic() - started
    acked_before = {
        "imports": sum(1 for i in journal.imports if i["acked"] and i["trial"] == t),
        "edits": sum(sum(1 for _, a in p["versions"] if a) for p in journal.persons if p["trial"] == t),
        "publications": sum(1 for p in journal.persons if p["published"] and p["trial"] == t),
        "uploads": sum(1 for u in journal.uploads if u["acked"] and u["trial"] == t),
    }
    in_flight = {
        "import": bool(procs) and any(i["trial"] == t and not i["acked"] for i in journal.imports),
        "edit": any(p["trial"] == t and (not p["versions"] or not p["versions"][-1][1]
                                         or p["published"] is False or p["consent"] is False)
                    for p in journal.persons),
        "upload": any(u["trial"] == t and not u["acked"] for u in journal.uploads),
    }
    failures.extend(f"{door} worker: {why}" for door, why in errors.items() if why.startswith("driver bug"))
    temp_blobs, scratch = check_cold(portal.data, failures)
    ready = portal.start()
    check_writes(portal.data, journal, failures)
    check_uploads(portal.data, vol, journal, files, failures)
    search_s = check_search(Client(portal.port), portal.data, journal, failures)
    leftover = [n for n in os.listdir(portal.data) if n.startswith(".upload-")]
    if leftover:
        failures.append(f"{len(leftover)} upload scratch files survived the restart")
    return {
        "trial": t, "doors": list(doors), "kill_ms": round(kill_after * 1000),
        "stopped_ms": round(killed_at * 1000), "in_flight": [k for k, v in in_flight.items() if v],
        "acknowledged": acked_before, "worker_stops": errors,
        "temp_blobs_after_kill": temp_blobs, "scratch_after_kill": scratch,
        "restart_ready_s": round(ready, 3), "search_caught_up_s": round(search_s, 2),
        "failures": failures, "ok": not failures,
    }


def setup(args, portal):
    """A fresh base with a volunteer and an expert, signed in (sessions live in the base, so
    they survive every restart)."""
    shutil.rmtree(args.work, ignore_errors=True)
    os.makedirs(portal.data)
    links = {}
    for email, role in [("vol@crash.test", "volunteer"), ("exp@crash.test", "expert")]:
        out = subprocess.run([args.bin, "user", "add", "--email", email, "--role", role,
                              "--name", role, "--link", "--data", portal.data],
                             check=True, capture_output=True, text=True).stdout
        links[email] = re.search(r"(/studio/set-password/\S+)", out).group(1)
    portal.start()
    client = Client(portal.port)
    for email, link in links.items():
        set_password(client, link)
    return sign_in(client, "vol@crash.test"), sign_in(client, "exp@crash.test")


def main():
    p = argparse.ArgumentParser(description="the power-cut test of issue #15")
    p.add_argument("--bin", required=True)
    p.add_argument("--trials", type=int, default=100)
    p.add_argument("--seed", type=int, default=int(time.time()))
    p.add_argument("--work", default="bench/out/crash")
    p.add_argument("--port", type=int, default=18915)
    p.add_argument("--max-kill", type=float, default=2.5, help="latest kill, seconds into a trial")
    p.add_argument("--quick", action="store_true", help="smaller imports (a debug build in CI)")
    args = p.parse_args()
    if args.quick:
        SIZES[:] = QUICK_SIZES
    args.work = os.path.abspath(args.work)
    args.bin = os.path.abspath(args.bin)
    rnd = random.Random(args.seed)
    os.makedirs(args.work, exist_ok=True)
    data = os.path.join(args.work, "data")
    log = open(os.path.join(args.work + ".server.log"), "w")
    portal = Portal(args.bin, data, args.port, log)
    sessions = setup(args, portal)
    journal, files = Journal(), {}
    counters = {k: counter_from() for k in ("import", "edit", "upload")}
    results = []
    print(f"crash test: {args.trials} trials, seed {args.seed}, base {data}", flush=True)
    with open(os.path.join(args.work, "trials.jsonl"), "w") as out:
        try:
            for t in range(1, args.trials + 1):
                r = trial(t, args, portal, sessions, journal, files, counters, rnd)
                results.append(r)
                out.write(json.dumps(r, ensure_ascii=False) + "\n")
                out.flush()
                print(f"trial {t:3}: kill at {r['kill_ms']:5} ms, doors {'+'.join(r['doors']):18} "
                      f"in flight {','.join(r['in_flight']) or '-':18} "
                      f"{'ok' if r['ok'] else 'FAILED: ' + '; '.join(r['failures'][:3])}", flush=True)
        finally:
            portal.kill()
    summarize(results, journal)
    return 0 if all(r["ok"] for r in results) else 1


def summarize(results, journal):
    ok = sum(r["ok"] for r in results)
    def share(door):
        return sum(door in r["in_flight"] for r in results)
    ready = sorted(r["restart_ready_s"] for r in results)
    caught = sorted(r["search_caught_up_s"] for r in results)
    imports = journal.imports
    print()
    print(f"trials: {len(results)}, passed: {ok}, failed: {len(results) - ok}")
    print(f"killed with a write in flight: import {share('import')}, studio edit/publication "
          f"{share('edit')}, upload {share('upload')}")
    print(f"imports: {len(imports)} started, {sum(i['acked'] for i in imports)} acknowledged, "
          f"{sum(1 for i in imports if not i['acked'] and i.get('found'))} committed unacknowledged, "
          f"{sum(1 for i in imports if not i.get('found'))} rolled back whole")
    print(f"persons: {sum(1 for p in journal.persons if p['id'])} created, "
          f"{sum(1 for p in journal.persons if p['published'])} publications acknowledged; "
          f"uploads: {sum(u['acked'] for u in journal.uploads)} acknowledged, "
          f"{sum(1 for u in journal.uploads if 'resumed_from' in u)} resumed after a kill")
    print(f"temp blob files left by kills: {sum(r['temp_blobs_after_kill'] for r in results)}, "
          f"upload scratch files: {sum(r['scratch_after_kill'] for r in results)}")
    if ready:
        print(f"restart to ready: median {ready[len(ready) // 2]:.2f} s, max {ready[-1]:.2f} s; "
              f"search caught up: median {caught[len(caught) // 2]:.2f} s, max {caught[-1]:.2f} s")
    for r in results:
        for f in r["failures"]:
            print(f"  trial {r['trial']}: {f}")


if __name__ == "__main__":
    sys.exit(main())
