/* SPDX-License-Identifier: GPL-2.0 */
/*
 * xorshift64*, seeded: the same seed gives the same draws on every
 * machine, so that a failure of pidns_fuzz or pidns_stress replays.
 * Each @stream of one seed is an independent sequence (one per worker).
 */
#ifndef __SEEDED_RNG_H
#define __SEEDED_RNG_H

#include <stdint.h>

static inline uint64_t rng_next(uint64_t *state)
{
	uint64_t x = *state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*state = x;
	return x * 0x2545F4914F6CDD1DULL;
}

static inline uint64_t rng_state(uint64_t seed, uint64_t stream)
{
	uint64_t state = (seed + 1) * 0x9E3779B97F4A7C15ULL ^ (stream + 1) * 0xBF58476D1CE4E5B9ULL;

	return state ? state : 1;
}

/* A draw below @n (n > 0). */
static inline uint64_t rng_below(uint64_t *state, uint64_t n)
{
	return rng_next(state) % n;
}

#endif
