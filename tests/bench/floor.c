/*
 * floor.c - make bench's floor: read each file and SHA-256 it with the
 * runtime's own hashing (sha256_fd: 1 MiB preads, nettle with the CPU's SHA
 * instructions), printing the digests as sha256sum does.
 *
 * Every run of an evaluator reads its inputs and hashes them for the receipt,
 * and hashes every output it writes; none can take less CPU than this program
 * does on the same bytes, before a single field is parsed or a family judged.
 * The bench times it on the inputs, on devon's outputs and on evidence.jsonl,
 * so each target is set beside the least this machine allows.
 *
 *   floor FILE...
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "sha256.h"

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: floor FILE...\n");
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		int fd = open(argv[i], O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
		char hex[65];
		uint64_t bytes;
		if (fd < 0 || sha256_fd(fd, hex, &bytes) != 0) {
			perror(argv[i]);
			return 1;
		}
		close(fd);
		printf("%s  %s\n", hex, argv[i]);
	}
	return 0;
}
