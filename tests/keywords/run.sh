#!/bin/sh
# The keyword list, grammar/keywords.def, against everything that must agree
# with it:
#   - it is sorted (the scanner's binary search needs it) and has no
#     spelling twice;
#   - every token it names is declared with %token in grammar/parser.y, and
#     every keyword %token there (an alias of lower-case words) has its
#     words in the list;
#   - the editor grammars in tools/editor/ highlight exactly its keywords:
#     the TextMate grammar is valid JSON and each keyword is matched by one
#     of its keyword patterns, and the Vim syntax lists each keyword once.
#
#   BUILD=build sh tests/keywords/run.sh
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
CC=${CC:-cc}
failed=0
fail() { echo "FAIL keywords: $*"; failed=$((failed + 1)); }
export LC_ALL=C

def="$root/grammar/keywords.def"
y="$root/grammar/parser.y"
tm="$root/tools/editor/vscode/syntaxes/ehp.tmLanguage.json"
vim="$root/tools/editor/vim/syntax/ehp.vim"

# The list: EHP_KEYWORD("spelling", TOKEN) lines.
grep '^EHP_KEYWORD' "$def" >"$tmp/lines"
bad=$(grep -v '^EHP_KEYWORD("[a-z]*", [A-Z_]*)$' "$tmp/lines")
[ -z "$bad" ] || fail "keywords.def: lines not of the form EHP_KEYWORD(\"word\", TOKEN): $bad"
sed 's/^EHP_KEYWORD("\([a-z]*\)", \([A-Z_]*\))$/\1 \2/' "$tmp/lines" >"$tmp/pairs"
cut -d' ' -f1 "$tmp/pairs" >"$tmp/words"
cut -d' ' -f2 "$tmp/pairs" | sort -u >"$tmp/tokens"
[ -s "$tmp/words" ] || fail "keywords.def: no keywords"
sort -c "$tmp/words" 2>/dev/null || fail "keywords.def: not sorted by spelling (C locale): $(sort -c "$tmp/words" 2>&1)"
dup=$(sort "$tmp/words" | uniq -d)
[ -z "$dup" ] || fail "keywords.def: spelt twice: $dup"

# parser.y: %token NAME "alias" pairs (not the value tokens, `%token <type>`).
grep '^%token' "$y" | grep -v '^%token <' | grep -o '[A-Z_][A-Z_]* "[^"]*"' | sed 's/ "/ /; s/"$//' >"$tmp/declared"
cut -d' ' -f1 "$tmp/declared" | sort -u >"$tmp/declared_tokens"
missing=$(comm -23 "$tmp/tokens" "$tmp/declared_tokens" | tr '\n' ' ')
[ -z "$missing" ] || fail "tokens in keywords.def with no %token in parser.y: $missing"
# Keyword tokens of parser.y: the alias is lower-case words.
while read -r token alias; do
	case "$alias" in *[!a-z\ ]*|'') continue ;; esac
	for w in $alias; do
		grep -qx "$w" "$tmp/words" || fail "parser.y: %token $token \"$alias\": \`$w\` is not in keywords.def"
	done
	case "$alias" in
	*" "*) ;; # two words, scanned as one token (lexer.l), each a keyword
	*) grep -qx "$token" "$tmp/tokens" || fail "parser.y: %token $token \"$alias\" is not in keywords.def" ;;
	esac
done <"$tmp/declared"

# same_words WHAT FILE: FILE (a word a line) holds every keyword once, and
# nothing else.
same_words() {
	for w in $(cat "$tmp/words"); do
		n=$(grep -cx "$w" "$2")
		[ "$n" -eq 1 ] || fail "$1: keyword \`$w\` is there $n times, expected once"
	done
	for w in $(cat "$2"); do
		grep -qx "$w" "$tmp/words" || fail "$1: \`$w\` is highlighted as a keyword but is not one"
	done
}

# The TextMate grammar: valid JSON, and its keyword patterns
# ("match": "\\b(a|b|...)\\b") match every keyword and only keywords.
if ! $CC -std=c11 -O1 -o "$tmp/json_check" "$here/json_check.c" 2>"$tmp/err"; then
	fail "json_check.c does not compile: $(cat "$tmp/err")"
elif ! "$tmp/json_check" "$tm"; then
	fail "$tm is not valid JSON"
fi
grep '"match": "\\\\b([a-z|]*)\\\\b"' "$tm" | sed 's/.*"match": "\\\\b(\([a-z|]*\))\\\\b".*/\1/' | tr '|' '\n' | grep . >"$tmp/tm_words"
[ -s "$tmp/tm_words" ] || fail "$tm: no keyword patterns"
same_words "TextMate grammar" "$tmp/tm_words"
# And the patterns as regular expressions: each keyword matches one.
sed -n 's/.*"match": "\(\\\\b([a-z|]*)\\\\b\)".*/\1/p' "$tm" | sed 's/\\\\/\\/g' >"$tmp/tm_regexes"
for w in $(cat "$tmp/words"); do
	hit=no
	while read -r re; do
		echo "$w" | grep -Eqx "$re" && hit=yes
	done <"$tmp/tm_regexes"
	[ $hit = yes ] || fail "TextMate grammar: no keyword pattern matches \`$w\`"
done

# The Vim syntax: `syntax keyword GROUP word...` lines.
grep '^syntax keyword ' "$vim" | awk '{ for (i = 4; i <= NF; i++) print $i }' >"$tmp/vim_words"
same_words "Vim syntax" "$tmp/vim_words"

echo "keywords: $(wc -l <"$tmp/words") keywords; parser.y, the TextMate grammar and the Vim syntax agree; $failed failed"
[ $failed -eq 0 ]
