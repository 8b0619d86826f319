#!/usr/bin/python3
# parse-ical.py: reads an iCalendar file with an independent parser (Debian's
# python3-icalendar) and prints what it understood as JSON, for test-activity to compare.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Also checks the framing RFC 5545 asks for that a lenient parser forgives: CRLF line ends
# and content lines of at most 75 octets.

import datetime
import json
import sys

import icalendar

with open(sys.argv[1], 'rb') as f:
    data = f.read()

lines = data.split(b'\r\n')
problems = []
if lines[-1] != b'':
    problems.append('the file does not end with CRLF')
for number, line in enumerate(lines[:-1], 1):
    if b'\n' in line or b'\r' in line:
        problems.append('line %d has a bare LF or CR' % number)
    if len(line) > 75:
        problems.append('line %d is %d octets long' % (number, len(line)))

calendar = icalendar.Calendar.from_ical(data)


def utc(value):
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            problems.append('a floating time: %s' % value.isoformat())
            return value.isoformat()
        return value.astimezone(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')
    return value.isoformat()


events = []
for event in calendar.walk('VEVENT'):
    events.append({
        'uid': str(event.get('UID')),
        'summary': str(event.get('SUMMARY')),
        'location': str(event.get('LOCATION', '')),
        'description': str(event.get('DESCRIPTION', '')),
        'status': str(event.get('STATUS', '')),
        'categories': [str(c) for c in event.get('CATEGORIES').cats] if event.get('CATEGORIES') else [],
        'start': utc(event.decoded('DTSTART')),
        'end': utc(event.decoded('DTEND')) if event.get('DTEND') else '',
        'tzid': str(event['DTSTART'].params.get('TZID', '')),
    })

print(json.dumps({
    'version': str(calendar.get('VERSION')),
    'prodid': str(calendar.get('PRODID')),
    'name': str(calendar.get('X-WR-CALNAME', '')),
    'timezones': [str(tz.get('TZID')) for tz in calendar.walk('VTIMEZONE')],
    'events': events,
    'problems': problems,
}, ensure_ascii=False))
