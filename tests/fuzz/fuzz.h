/*
 * fuzz.h - what the fuzz harnesses share: the libFuzzer entry point and a
 * check that turns a broken property into a crash the fuzzer keeps.
 */
#ifndef EHP_FUZZ_H
#define EHP_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* abort() rather than assert(): the check must hold in every build. */
#define fuzz_require(cond, what)                                                                  \
	do {                                                                                         \
		if (!(cond)) {                                                                           \
			fprintf(stderr, "%s:%d: fuzz property broken: %s\n", __FILE__, __LINE__, what);      \
			abort();                                                                             \
		}                                                                                        \
	} while (0)

#endif
