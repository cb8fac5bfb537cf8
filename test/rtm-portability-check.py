#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
#
# ns3-rtm: fails when a source hands a lambda straight to Simulator::Schedule* or MakeCallback,
# which ns-3.35 (the wscript's waf-era trees) cannot compile; RtmMakeEvent(lambda) and
# RtmMakeCallback<R, Args...>(lambda) work on every supported ns-3.
# Usage: rtm-portability-check.py SOURCE_DIR
import pathlib
import re
import sys

CALL = re.compile(r'\b(?:Simulator::(Schedule|ScheduleNow|ScheduleWithContext|ScheduleDestroy)|'
                  r'(MakeCallback))\s*\(')
LAMBDA_ARG = {'Schedule': 1, 'ScheduleNow': 0, 'ScheduleDestroy': 0, 'ScheduleWithContext': 2,
              'MakeCallback': 0}


def arguments(text, i):
    """The (start, end) spans of the call's arguments, from just after its '('."""
    depth, start, spans, quote = 0, i, [], None
    while i < len(text):
        c = text[i]
        if quote:
            if c == '\\':
                i += 2
                continue
            if c == quote:
                quote = None
        elif c in '"\'':
            quote = c
        elif c in '([{':
            depth += 1
        elif c in ')]}':
            if depth == 0:
                spans.append((start, i))
                return spans
            depth -= 1
        elif c == ',' and depth == 0:
            spans.append((start, i))
            start = i + 1
        i += 1
    return spans


def check(path):
    text = path.read_text(encoding='utf-8', errors='replace')
    found = []
    for m in CALL.finditer(text):
        spans = arguments(text, m.end())
        index = LAMBDA_ARG[m.group(1) or m.group(2)]
        if len(spans) > index and text[spans[index][0]:spans[index][1]].lstrip().startswith('['):
            line = text.count('\n', 0, m.start()) + 1
            found.append(f'{path}:{line}: a lambda given straight to {m.group(0)[:-1].strip()}'
                         ' (ns-3.35 cannot build it: wrap it in RtmMakeEvent / RtmMakeCallback)')
    return found


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else '.')
    problems = []
    files = 0
    for folder in ('model', 'helper', 'examples', 'test', 'scratch'):
        for path in sorted((root / folder).rglob('*')):
            if path.suffix in ('.cc', '.h'):
                files += 1
                problems += check(path)
    print('\n'.join(problems) if problems else f'rtm-portability-check: {files} files, ok')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
