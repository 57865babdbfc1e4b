/*
 * rng.c: callstat-synth's only source of chance.  xoshiro256** (Blackman
 * and Vigna) seeded through splitmix64, so that a seed of 0 or 1 gives a
 * good state; the same seed gives the same numbers on every machine (only
 * integer arithmetic and IEEE doubles from 53-bit integers).
 */
#include <math.h>
#include <stdint.h>

#include "synth.h"

uint64_t
cs_splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

uint64_t
cs_synth_mix(uint64_t a, uint64_t b)
{
	uint64_t x = a ^ (b * 0xd1b54a32d192ed03ULL);

	cs_splitmix64(&x);
	return cs_splitmix64(&x);
}

void
cs_rng_seed(struct cs_rng *r, uint64_t seed)
{
	uint64_t x = seed;

	for (int i = 0; i < 4; i++)
		r->s[i] = cs_splitmix64(&x);
}

static uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t
cs_rng_next(struct cs_rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

double
cs_rng_uniform(struct cs_rng *r)
{
	return (double)(cs_rng_next(r) >> 11) * 0x1.0p-53;
}

long
cs_rng_range(struct cs_rng *r, long lo, long hi)
{
	uint64_t span;

	if (hi <= lo)
		return lo;
	span = (uint64_t)(hi - lo) + 1;
	/* Lemire's multiply-shift would be faster; the bias of a plain modulo
	 * over 2^64 is far below anything a town can show. */
	return lo + (long)(cs_rng_next(r) % span);
}

int
cs_rng_chance(struct cs_rng *r, double p)
{
	return cs_rng_uniform(r) < p;
}

double
cs_rng_exp(struct cs_rng *r, double mean)
{
	return -mean * log(1.0 - cs_rng_uniform(r));
}

double
cs_rng_normal(struct cs_rng *r)
{
	double u = 1.0 - cs_rng_uniform(r), v = cs_rng_uniform(r);

	return sqrt(-2.0 * log(u)) * cos(2.0 * M_PI * v);
}

double
cs_rng_lognormal(struct cs_rng *r, double median, double sigma)
{
	return median * exp(sigma * cs_rng_normal(r));
}

long
cs_rng_poisson(struct cs_rng *r, double lambda)
{
	if (lambda <= 0)
		return 0;
	if (lambda < 30) {
		double l = exp(-lambda), p = 1.0;
		long k = 0;

		do {
			k++;
			p *= cs_rng_uniform(r);
		} while (p > l);
		return k - 1;
	} else {
		double x = lambda + sqrt(lambda) * cs_rng_normal(r) + 0.5;

		return x < 0 ? 0 : (long)x;
	}
}
