#!/usr/bin/env python3
"""Writes api/Data/iso/codes.json: ISO 4217 currencies and ISO 3166-2 subdivisions, from Debian's
iso-codes package (apt-get install iso-codes; its JSON files are the ISO lists as Debian ships them).
Run again when iso-codes is upgraded; the version is recorded in the file."""
import json, subprocess, sys
from pathlib import Path

SOURCE = Path('/usr/share/iso-codes/json')
# In ISO 4217 but not money anyone is paid in: precious metals, the SDR, bond-market units,
# the testing and "no currency" codes, and funds codes (units of account beside a currency).
NOT_PAY = {'XAU', 'XAG', 'XPD', 'XPT', 'XDR', 'XBA', 'XBB', 'XBC', 'XBD', 'XSU', 'XUA', 'XTS', 'XXX',
           'BOV', 'CHE', 'CHW', 'CLF', 'COU', 'MXV', 'USN', 'UYI', 'UYW'}

version = subprocess.run(['dpkg-query', '-W', '-f=${Version}', 'iso-codes'], capture_output=True, text=True).stdout or 'unknown'
currencies = sorted(c['alpha_3'] for c in json.load(open(SOURCE / 'iso_4217.json'))['4217'] if c['alpha_3'] not in NOT_PAY)
subdivisions = {}
for s in json.load(open(SOURCE / 'iso_3166-2.json'))['3166-2']:
    subdivisions.setdefault(s['code'].split('-')[0], []).append(s['code'])
out = {
    'source': f'Debian iso-codes {version} (scripts/iso-codes/generate.py)',
    'currencies': currencies,
    'subdivisions': {k: sorted(v) for k, v in sorted(subdivisions.items())},
}
target = Path(__file__).resolve().parents[2] / 'api' / 'Data' / 'iso' / 'codes.json'
target.write_text(json.dumps(out, separators=(',', ':')) + '\n')
print(f'{target}: {len(currencies)} currencies, {sum(map(len, subdivisions.values()))} subdivisions', file=sys.stderr)
