# tests/docs/sh-blocks.awk - the shell commands a Markdown file shows: every
# line of a fenced ```sh block (indented fences too), printed as
# FILE<TAB>LINE<TAB>COMMAND; blank lines and comment lines are left out.
# With -v section='## Quick start', only the blocks under that heading.
# Used by tests/docs/commands.sh (every command in the docs is run) and
# tests/docs/readme-debian.sh (the README's own two, on a bare Debian).
FNR == 1 { fence = 0; here = "" }
{ line = $0; sub(/^[ \t]+/, "", line) }
fence == 0 && /^#+ / { here = $0 }
line ~ /^```/ {
	if (fence == 0)
		fence = line ~ /^```sh[ \t]*$/ ? 1 : 2
	else
		fence = 0
	next
}
fence == 1 && line !~ /^(#|$)/ && (section == "" || here == section) {
	printf "%s\t%d\t%s\n", FILENAME, FNR, line
}
