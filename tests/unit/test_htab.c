/*
 * test_htab.c: the growing hash tables of the rebuild (htab.h), against a
 * plain array of what they should hold.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "htab.h"
#include "unit.h"

struct item {
	struct cs_hlink link;
	int id;
	int live;
	char key[16];
};

/* The item of key in t, by its chain, or NULL. */
static struct item *
find(const struct cs_htab *t, const char *key)
{
	unsigned h = cs_htab_hash(key);

	for (struct cs_hlink *l = cs_htab_chain(t, h); l != NULL; l = l->next) {
		struct item *it = (struct item *)(void *)l;

		if (l->hash == h && strcmp(it->key, key) == 0)
			return it;
	}
	return NULL;
}

/* Every live item found, the dead ones not, and the count right. */
static void
check_all(const struct cs_htab *t, const struct item *v, int n)
{
	size_t live = 0, linked = 0;
	int bad = 0;

	for (int i = 0; i < n; i++) {
		const struct item *f = find(t, v[i].key);

		if (v[i].live) {
			live++;
			bad += f != &v[i];
		} else {
			bad += f != NULL;
		}
	}
	for (size_t b = 0; b <= t->mask; b++)
		for (struct cs_hlink *l = t->b[b]; l != NULL; l = l->next) {
			linked++;
			/* each in the chain its hash says */
			bad += (l->hash & t->mask) != b;
		}
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_EQUAL(t->n, live);
	CU_ASSERT_EQUAL(linked, live);
}

static void
test_add_del(void)
{
	enum { N = 20000 };
	struct item *v = calloc(N, sizeof(*v));
	struct cs_htab t;
	unsigned seed = 12345;

	CU_ASSERT_FATAL(v != NULL);
	CU_ASSERT_FATAL(cs_htab_init(&t) == 0);
	CU_ASSERT_EQUAL(t.n, 0);
	for (int i = 0; i < N; i++) {
		v[i].id = i;
		snprintf(v[i].key, sizeof(v[i].key), "k%d", i);
	}
	/* add them all, taking out about a third as it goes: the table
	   grows several times (1024 buckets to begin with) */
	for (int i = 0; i < N; i++) {
		cs_htab_add(&t, &v[i].link, cs_htab_hash(v[i].key));
		v[i].live = 1;
		seed = seed * 1103515245u + 12345u;
		if ((seed >> 16) % 3 == 0) {
			int j = (int)((seed >> 8) % (unsigned)(i + 1));

			if (v[j].live) {
				cs_htab_del(&t, &v[j].link);
				v[j].live = 0;
			}
		}
		if (i == 500 || i == 5000)
			check_all(&t, v, i + 1);
	}
	check_all(&t, v, N);
	/* no more buckets than twice the entries ever were, at least one
	   entry a bucket once grown */
	CU_ASSERT(t.mask + 1 <= 2 * (size_t)N);
	CU_ASSERT(t.mask + 1 >= 8192);
	/* take out every other, then all */
	for (int i = 0; i < N; i += 2)
		if (v[i].live) {
			cs_htab_del(&t, &v[i].link);
			v[i].live = 0;
		}
	check_all(&t, v, N);
	for (int i = 0; i < N; i++)
		if (v[i].live) {
			cs_htab_del(&t, &v[i].link);
			v[i].live = 0;
		}
	check_all(&t, v, N);
	CU_ASSERT_EQUAL(t.n, 0);
	cs_htab_release(&t);
	CU_ASSERT_PTR_NULL(t.b);
	free(v);
}

/* Entries of one hash keep their order (newest first) however often the
 * table grows: the grouper takes the first of a key's entries. */
static void
test_order(void)
{
	enum { N = 9000, SAME = 5 };
	struct item *v = calloc(N, sizeof(*v));
	struct cs_htab t;
	int seen = 0, want = SAME - 1, inorder = 1;

	CU_ASSERT_FATAL(v != NULL);
	CU_ASSERT_FATAL(cs_htab_init(&t) == 0);
	for (int i = 0; i < N; i++) {
		v[i].id = i;
		snprintf(v[i].key, sizeof(v[i].key), "o%d", i);
		/* items 0, 2000, 4000...: one hash, added between growths */
		cs_htab_add(&t, &v[i].link, i % 2000 == 0 && i / 2000 < SAME ?
		    0xabcdef01u : cs_htab_hash(v[i].key));
	}
	CU_ASSERT(t.mask + 1 >= 8192);
	for (struct cs_hlink *l = cs_htab_chain(&t, 0xabcdef01u); l != NULL;
	    l = l->next) {
		const struct item *it = (const struct item *)(void *)l;

		if (l->hash != 0xabcdef01u)
			continue;
		inorder = inorder && it->id == want * 2000;
		want--;
		seen++;
	}
	CU_ASSERT_EQUAL(seen, SAME);
	CU_ASSERT(inorder);
	cs_htab_release(&t);
	free(v);
}

static int cleared;

static void
count_one(struct cs_hlink *l)
{
	((struct item *)(void *)l)->live = 0;
	cleared++;
}

static void
test_clear(void)
{
	enum { N = 3000 };
	struct item *v = calloc(N, sizeof(*v));
	struct cs_htab t;
	int left = 0;

	CU_ASSERT_FATAL(v != NULL);
	CU_ASSERT_FATAL(cs_htab_init(&t) == 0);
	for (int i = 0; i < N; i++) {
		snprintf(v[i].key, sizeof(v[i].key), "c%d", i);
		cs_htab_add(&t, &v[i].link, cs_htab_hash(v[i].key));
		v[i].live = 1;
	}
	cleared = 0;
	cs_htab_clear(&t, count_one);
	for (int i = 0; i < N; i++)
		left += v[i].live;
	CU_ASSERT_EQUAL(cleared, N);
	CU_ASSERT_EQUAL(left, 0);
	CU_ASSERT_EQUAL(t.n, 0);
	CU_ASSERT_PTR_NULL(find(&t, "c1"));
	cs_htab_release(&t);
	free(v);
}

/* The hash spreads keys like the import's (hex digests, epoch ids):
 * 16,384 of them over 16,384 buckets, no chain past a handful. */
static void
test_hash_spread(void)
{
	enum { N = 16384 };
	static int count[N];
	char key[40];
	int most = 0, used = 0;

	memset(count, 0, sizeof(count));
	for (int i = 0; i < N; i++) {
		if (i % 2)
			snprintf(key, sizeof(key), "%016x%016x", i * 2654435761u,
			    (unsigned)i);
		else
			snprintf(key, sizeof(key), "1709247961.%d", 259018 + i);
		count[cs_htab_hash(key) & (N - 1)]++;
	}
	for (int b = 0; b < N; b++) {
		used += count[b] > 0;
		if (count[b] > most)
			most = count[b];
	}
	/* random placing fills 1 - 1/e of them, 63 % */
	CU_ASSERT(used > N / 2);
	CU_ASSERT(most <= 10);
	CU_ASSERT_EQUAL(cs_htab_hash("1709247961.259018"),
	    cs_htab_hash("1709247961.259018"));
	CU_ASSERT_NOT_EQUAL(cs_htab_hash("1709247961.259018"),
	    cs_htab_hash("1709247961.259019"));
	CU_ASSERT_NOT_EQUAL(cs_htab_hash(""), cs_htab_hash("a"));
}

static CU_TestInfo tests[] = {
	{ "add and delete as it grows", test_add_del },
	{ "one hash keeps its order", test_order },
	{ "clear", test_clear },
	{ "hash spread", test_hash_spread },
	CU_TEST_INFO_NULL,
};

CS_UNIT_SUITE("htab", tests)
