# The sh writer of the record format that script-records.ts reads, put in front
# of every sh script that reports to worker-gate:
#   wg KIND FIELD...   one record: "@@wg KIND FIELD..." (the last field may hold spaces)
#   lines              a block's content: every input line prefixed "| "
#   headers            the same, up to the first blank line (a METADATA header block)
# A block is `wg begin KIND FIELD...`, its content, then `wg end`.
wg() { printf '@@wg %s\n' "$*"; }
lines() { while IFS= read -r l || [ -n "$l" ]; do printf '| %s\n' "$l"; done; }
headers() { while IFS= read -r l || [ -n "$l" ]; do [ -z "$l" ] && break; printf '| %s\n' "$l"; done; }
