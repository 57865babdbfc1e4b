/*
 * rng.c: callstat-synth's only source of chance: the library's generator
 * (../rng.h) and the draws the town needs from it (ranges, chances,
 * exponential, normal, log-normal and Poisson draws), and a seed mixed
 * from two values.
 */
#include <math.h>
#include <stdint.h>

#include "synth.h"

uint64_t
cs_synth_mix(uint64_t a, uint64_t b)
{
	uint64_t x = a ^ (b * 0xd1b54a32d192ed03ULL);

	cs_splitmix64(&x);
	return cs_splitmix64(&x);
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
