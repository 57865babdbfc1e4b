/*
 * rng.h: the one pseudo-random generator of callstat, xoshiro256**
 * (Blackman and Vigna) seeded through splitmix64, so that a seed of 0 or 1
 * gives a good state, and the same seed the same numbers on every machine
 * (integer arithmetic, and doubles made from 53-bit integers).  synth's
 * town and compare's bootstrap draw from it.
 */
#ifndef CS_RNG_H
#define CS_RNG_H

#include <stdint.h>

struct cs_rng {
	uint64_t s[4];
};

/* The splitmix64 step: advances *x and returns the next output. */
uint64_t cs_splitmix64(uint64_t *x);
void cs_rng_seed(struct cs_rng *r, uint64_t seed);
uint64_t cs_rng_next(struct cs_rng *r);
/* Uniform in [0, 1), 53 bits. */
double cs_rng_uniform(struct cs_rng *r);

#endif
