" .ehp files are Early Help outcome plans (tools/editor/README.md).
autocmd BufRead,BufNewFile *.ehp setfiletype ehp
