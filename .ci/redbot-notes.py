#!/usr/bin/env python3
"""Runs REDbot (mnot's HTTP linter, PyPI `redbot` 2.7) on one URL with the given request fields and prints its
notes as JSON lines, for REDbotConformanceTests:

  {"id": "NOTE_CLASS", "level": "good|info|warning|bad", "subject": "field-etag", "category": "Caching",
   "summary": "...", "request": "main|conneg|range|etag_validate|lm_validate", "parent": null | "PARENT_ID"}

`request` names the exchange whose response carries the note: "main" for the request as given, else the one REDbot
made to check something (conneg: Accept-Encoding: gzip; range: a Range request; etag_validate: If-None-Match;
lm_validate: If-Modified-Since). With --headers, each exchange's status and fields come first, as
{"response": {...}} lines.

Usage: redbot-notes.py URL [-H 'Name: value']... [-X METHOD] [--headers] [--timeout S]
Exits 0 when the main response arrived, 2 when it did not (an {"error": ...} line says why). Only the URL's host
is contacted; REDbot is told that loopback addresses are allowed.
"""

import argparse
import json
import sys
from configparser import ConfigParser

import thor

from redbot.resource import HttpResource


def note_lines(notes, request, parent=None):
    for note in notes:
        yield {
            "id": note.__class__.__name__,
            "level": note.level.value,
            "subject": note.subject,
            "category": note.category.value if note.category else None,
            "summary": note.summary,
            "request": request,
            "parent": parent,
        }
        yield from note_lines(note.subnotes, request, note.__class__.__name__)


def exchange(name, fetcher):
    res = fetcher.response
    return {
        "response": {
            "request": name,
            "request_headers": fetcher.request.headers.text,
            "status": res.status_code,
            "headers": [[n, v.strip()] for (n, v) in res.headers.text],
            "complete": bool(res.complete),
            "error": fetcher.fetch_error.desc if fetcher.fetch_error else None,
        }
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("-H", "--header", action="append", default=[], help="'Name: value'")
    parser.add_argument("-X", "--method", default="GET")
    parser.add_argument("--headers", action="store_true", help="also print each exchange's fields")
    parser.add_argument("--timeout", type=float, default=30.0)
    args = parser.parse_args()

    headers = []
    for line in args.header:
        name, sep, value = line.partition(":")
        if not sep:
            parser.error(f"bad header {line!r}: want 'Name: value'")
        headers.append((name.strip(), value.strip()))

    config_parser = ConfigParser()
    config_parser.read_dict({"redbot": {"enable_local_access": "True"}})
    config = config_parser["redbot"]

    resource = HttpResource(config, descend=False)
    resource.set_request(args.url, method=args.method, headers=headers)

    timed_out = []

    @thor.events.on(resource)
    def check_done() -> None:
        thor.stop()

    def on_timeout() -> None:
        timed_out.append(True)
        resource.stop()
        thor.stop()

    thor.schedule(args.timeout, on_timeout)
    resource.check()
    thor.run()

    lines = []
    out = sys.stdout
    if not resource.response.complete:
        why = resource.fetch_error.desc if resource.fetch_error else "no response"
        if timed_out:
            why = f"timed out after {args.timeout}s"
        out.write(json.dumps({"error": why}) + "\n")
        return 2

    fetchers = [("main", resource)] + [
        (check_id, sub) for check_id, sub in resource.subreqs.items() if sub.fetch_started
    ]
    if args.headers:
        for name, fetcher in fetchers:
            lines.append(json.dumps(exchange(name, fetcher)))
    for name, fetcher in fetchers:
        lines.extend(json.dumps(line) for line in note_lines(fetcher.response.notes, name))
    out.write("".join(line + "\n" for line in lines))
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
