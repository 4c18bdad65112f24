" Vim syntax file
" Language: ehp, Early Help outcome plans (docs/language.md)
" Every keyword of grammar/keywords.def is listed once below, in one of the
" `syntax keyword` lines; tests/keywords/run.sh checks it.

if exists("b:current_syntax")
  finish
endif

syntax case match

" items and a row's clauses
syntax keyword ehpItem claimable cohort council eligible evidence exempt family footnote for glossary
syntax keyword ehpItem indicator note outcome parameter period plan reading revised source supplementary text theme
syntax keyword ehpItem when where who
" joining and negating conditions
syntax keyword ehpLogic and not or plus
" tests, measures, windows and groups of people
syntax keyword ehpKeyword about above achieved adult after aged an any anyone at before below by child
syntax keyword ehpKeyword claim closure consecutive count during each entry every falls fewer from has household
syntax keyword ehpKeyword in indicators is least less member met more most newly no of outcomes over per
syntax keyword ehpKeyword person rate rises score some starting sum support than themes throughout to together under while with within yes
" units of time and measure
syntax keyword ehpUnit day days month months point points session sessions term terms week weeks

syntax match ehpComment "#.*$" contains=@Spell
syntax region ehpString start=+"+ skip=+\\\\\|\\"+ end=+"+ contains=ehpEscape,@Spell
syntax match ehpEscape +\\[\\"]+ contained
syntax match ehpDate "\<\d\{1,2}/\d\{1,2}/\d\{4}\>"
syntax match ehpDate "\<\d\{4}-\d\{2}-\d\{2}\>"
syntax match ehpNumber "£\?\<\d\+\(\.\d\+\)\?%\?"
syntax match ehpRowId "\<\d\+\(\.\d\+\)*\([a-z]\+\|[A-Z]\+\)\*\?\(/[0-9A-Za-z]\+\)\?"
syntax match ehpOperator "<=\|>=\|[<>=]"

highlight default link ehpItem Statement
highlight default link ehpLogic Operator
highlight default link ehpKeyword Keyword
highlight default link ehpUnit Type
highlight default link ehpComment Comment
highlight default link ehpString String
highlight default link ehpEscape SpecialChar
highlight default link ehpDate Constant
highlight default link ehpNumber Number
highlight default link ehpRowId Identifier
highlight default link ehpOperator Operator

let b:current_syntax = "ehp"
